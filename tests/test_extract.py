"""Claims of the reference report: the figures the claims issue names, found through the whole
pipeline (read -> segment -> extract), and the nothing-lost invariant."""

from __future__ import annotations

import math

import pytest

import zsprogress
from zsprogress.extract import extract_text


@pytest.fixture(scope="module")
def claimset():
    return zsprogress.extract_claims(zsprogress.parse_report())


def _find(cs, text, kind=None):
    hits = [c for c in cs.claims if c.text == text and (kind is None or c.kind == kind)]
    assert hits, f"no claim with text {text!r}"
    return hits[0]


# (surface text in the sample, kind, value, unit) -- each seen in samples/zhoushan-2024-h1.txt
SAMPLE_CLAIMS = [
    ("153.57亿元", "amount", 15357000000, "元"),          # 徐仁标 1: 一般公共预算收入153.57亿元
    ("增长4.3%", "growth", 4.3, "%"),
    ("全省第2", "rank", 2, None),                         # 增幅处于全省第2
    ("同比下降34.9%", "growth", -34.9, "%"),
    ("较一季度提升1.5个百分点", "pp_change", 1.5, "pp"),   # 服务业增加值增速
    ("同比下降45个bp", "bp_change", -45, "bp"),
    ("165.3万TEU", "quantity", 1653000, "标箱"),
    ("26万方", "quantity", 260000, "立方米"),
    ("全省排名第七", "rank", 7, None),
    ("完成年度目标的61%", "completion", 61, "%"),
    ("2.3万", "quantity", 23000, None),                   # 城镇新增就业2.3万
    ("70余场次", "quantity", 70, "场次"),
    ("5亿美元", "amount", 500000000, "美元"),
]


@pytest.mark.parametrize("text,kind,value,unit", SAMPLE_CLAIMS, ids=[c[0] for c in SAMPLE_CLAIMS])
def test_sample_claim(claimset, text, kind, value, unit):
    c = _find(claimset, text, kind)
    assert math.isclose(c.value, value, rel_tol=1e-12)
    assert c.unit == unit


def test_rank_scope(claimset):
    assert _find(claimset, "全省第2").scope == "全省"


def test_approx_qualifier(claimset):
    assert "approx" in _find(claimset, "70余场次").qualifiers


def test_growth_metric_inherits(claimset):
    c = _find(claimset, "增长4.3%")
    assert c.metric == "一般公共预算收入"
    assert c.period == "上半年" and c.end_month == 6


def test_spans_point_into_field_text(claimset):
    rep = claimset.report
    tasks = {t.id: t for t in rep.tasks}
    lines = {f"L{p.line}": p.text for p in rep.preamble + rep.paragraphs}  # the lines above the table
    assert lines
    for c in claimset.claims + claimset.skips:
        text = lines[c.task_id] if c.field == "paragraph" else tasks[c.task_id].field_text(c.field)
        assert text[c.start:c.end] == c.text, c


def test_nothing_lost(claimset):
    assert claimset.unexplained_digits == 0, claimset.unexplained[:10]


@pytest.mark.parametrize("phrase", ["上半年", "长三角", "1号海上风电", "2024年", "一般", "统一",
                                    "进一步", "一体化", "半升洞", "十四五"])
def test_no_claim_from_words(phrase):
    assert extract_text(f"推进{phrase}建设").claims == []


@pytest.mark.parametrize("text,reason", [
    ("2024年", "year"), ("舟发改〔2024〕31号", "document number"), ("1号海上风电", "name or label"),
    ("“155”链群", "name or label"), ("“1+5+X”", "name or label"), ("5A级", "name or label"),
    ("S308", "name or label"), ("2.0版", "name or label"), ("2024-2027年", "year"),
])
def test_skip_reasons(text, reason):
    res = extract_text(f"完成{text}工作")
    assert [s.reason for s in res.skips] == [reason]
    assert res.unexplained == []


@pytest.mark.parametrize("text,kind,value,value_max,unit", [
    ("总投资3-5亿元", "amount", 3e8, 5e8, "元"),
    ("新建3至5个", "quantity", 3, 5, "个"),
    ("降低10-30%", "growth", -10, -30, "%"),
    ("规上工业增加值增长 1 0 . 6 %", "growth", 10.6, None, "%"),
    ("开通基站１,２００个", "quantity", 1200, None, "个"),
    ("建成十几个", "quantity", 11, 19, "个"),
    ("投资一百二十亿元", "amount", 1.2e10, None, "元"),
])
def test_numbers(text, kind, value, value_max, unit):
    c = extract_text(text).claims[0]
    assert (c.kind, c.unit) == (kind, unit)
    assert math.isclose(c.value, value)
    assert (c.value_max is None and value_max is None) or math.isclose(c.value_max, value_max)


def test_several_ranks():
    cs = extract_text("限上零售、住宿、餐饮分别为全省第1、第3和第2").claims
    assert [(c.kind, c.value, c.scope) for c in cs] == [("rank", 1, "全省"), ("rank", 3, "全省"),
                                                        ("rank", 2, "全省")]


@pytest.mark.parametrize("text,qual", [
    ("供地约1万亩", "approx"), ("增长5.6%左右", "approx"), ("全年供地1.3万亩以上", "lower_bound"),
    ("涨幅控制在3%以内", "upper_bound"), ("预计完成投资80亿元", "estimate"), ("力争7%", "aspiration"),
    ("累计盘活5300余套", "cumulative"), ("同比增长6.15%", "yoy"), ("并列全省第一", "tied"),
])
def test_qualifiers(text, qual):
    assert qual in extract_text(text).claims[0].qualifiers


def test_roles():
    assert extract_text("新增城镇就业4.5万人", role="target").claims[0].role == "target"
    assert extract_text("城镇新增就业2.3万").claims[0].role == "actual"
    assert extract_text("完成加装电梯45台(目标120台)").claims[1].role == "target"


def test_unknown_layout_figures_are_still_read():
    r = zsprogress.parse_report(text="今年以来全市经济运行平稳。上半年实现地区生产总值1234亿元,同比增长5.6%。\n\n新增就业2.3万人。")
    assert r.layout == "unknown" and not r.tasks
    cs = zsprogress.extract_claims(r)
    assert [(c.task_id, c.field, c.text) for c in cs.claims] == [
        ("L1", "paragraph", "1234亿元"), ("L1", "paragraph", "同比增长5.6%"), ("L3", "paragraph", "2.3万人")]
    texts = {p.line: p.text for p in r.paragraphs}
    for c in cs.claims:
        assert texts[int(c.task_id[1:])][c.start:c.end] == c.text
    assert zsprogress.completion_table(r, cs) == []


@pytest.mark.parametrize("text,expected", [
    # the direction word before 分别 governs each figure, and each gets the metric of its figure
    ("规上工业企业实现营业收入3456.7亿元,利润总额189.3亿元,分别增长8.1%和12.4%。",
     [("growth", 8.1, "规上工业企业实现营业收入"), ("growth", 12.4, "利润总额")]),
    ("城镇、农村居民人均可支配收入分别为56789元、34567元,分别增长5.1%、6.9%。",
     [("growth", 5.1, "城镇居民人均可支配收入"), ("growth", 6.9, "农村居民人均可支配收入")]),
    ("出口、进口分别下降3.1%、5.2%", [("growth", -3.1, "出口"), ("growth", -5.2, "进口")]),
])
def test_distributed_growth(text, expected):
    got = [(c.kind, c.value, c.metric) for c in extract_text(text).claims if c.kind == "growth"]
    assert got == expected


@pytest.mark.parametrize("text,metric", [
    ("1-9月,全市实现地区生产总值4123.6亿元,按可比价计算同比增长6.8%", "地区生产总值"),
    ("森林覆盖率稳定在61.5%", "森林覆盖率"),
    ("城乡居民收入比缩小至1.6", "城乡居民收入比"),
    ("推进海岛“善居工程”(目标120户)", "海岛“善居工程”"),
])
def test_metric(text, metric):
    assert extract_text(text).claims[-1].metric == metric


@pytest.mark.parametrize("text,metric", [
    # a name skipped as a figure (a quoted label, a code, a size class, a threshold) is part of
    # the words that name what the figure after it measures
    ("“一条鱼”产值12.3亿元,“一间房”产值5.1亿元", ["“一条鱼”产值", "“一间房”产值"]),
    ("其中十亿级产业项目18个以上", ["十亿级产业项目"]),
    ("其中10亿以上项目累计12个", ["10亿以上项目"]),
    ("市区PM2.5平均浓度28微克/立方米", ["市区PM2.5平均浓度"]),
    # ... but not a document's title: a separate thing
    ("完成《迁居实施方案(2024-2027年)》和5个小岛迁居方案编制", ["小岛迁居方案编制"]),
    # a count closing a list of examples counts the words after its unit, up to a verb
    ("先后赴西南石油大学、上海海洋大学等25所高校开展招聘", ["高校"]),
    ("金鹏大桥等5个政府配套工程开工", ["政府配套工程"]),
    ("3个案例入选省委改革办《政务服务增值化改革案例》", ["案例"]),
])
def test_metric_runs_through_names(text, metric):
    assert [c.metric for c in extract_text(text).claims] == metric


@pytest.mark.xfail(strict=True, reason="the words before a figure run back to the object before 和 "
                   "(大气减排项目和“五水共治”); what it counts is the name and the words after its unit")
def test_metric_of_a_named_count_after_and():
    claims = extract_text("落实120余个大气减排项目和“五水共治”112个重点项目").claims
    assert claims[-1].metric == "“五水共治”重点项目"


@pytest.mark.parametrize("text,kind,unit", [
    ("累计完成年度投资5.7亿,完成年度任务的57%", "amount", "元"),   # 4.3 of the sample
    ("规上工业产值预计98亿", "amount", "元"),
    ("全网曝光量达1.63亿", "quantity", None),                       # views, not money
    ("城镇新增就业2.3万", "quantity", None),
])
def test_money_without_its_yuan(text, kind, unit):
    c = extract_text(text).claims[0]
    assert (c.kind, c.unit) == (kind, unit)
    assert ("unit_implied" in c.qualifiers) == (unit == "元")


@pytest.mark.parametrize("text,period", [
    ("上半年服务业增加值增速4.9%,排名较一季度提升4位,完成投资20.3亿元", "上半年"),  # 较一季度: a base
    ("1-5月,年度投资完成率40%,累计开工32个", "1-5月"),                          # 年度: not a period
    ("按年度计划推进。累计投资21.7亿", None),
])
def test_period_is_not_a_comparison_base(text, period):
    assert extract_text(text).claims[-1].period == period


def test_comparison_base_digits_are_explained():
    res = extract_text("增速较1-5月提高0.3个百分点")
    assert res.unexplained == [] and [s.reason for s in res.skips] == ["period"]
    assert res.claims[0].period is None


@pytest.mark.parametrize("text,kind", [
    ("总会资助了4个项目共30万,已拨付21万", "amount"),
    ("实现基金市级统收统支,覆盖全市99.8万职工", "quantity"),   # a noun follows: people
    ("充分用好省政府5.5亿外资招引专项", "amount"),              # the noun that follows is money
])
def test_money_context_in_the_sentence(text, kind):
    c = next(c for c in extract_text(text).claims if c.unit in (None, "元"))
    assert c.kind == kind


# --- issue 9: progress rates, schedule lag, rank scopes by shape, idioms, carried metrics ------

@pytest.mark.parametrize("text,rate_text,value", [
    ("累计完成投资38.15亿元,投资进度44.12%。", "进度44.12%", 44.12),               # 08_zhoushan_2023_h1
    ("累计解决了2585个撤并村通公路,占总计划的99.2%。", "占总计划的99.2%", 99.2),    # 41_chongqing_2015_h1
    ("工作整体进度已完成年度目标任务的55%,项目按预期", "完成年度目标任务的55%", 55),  # 44_ningbo_2014_h1
    ("完成投资523.46亿元,为年计划的 128.5%。", "为年计划的 128.5%", 128.5),         # 65_hunan_2010_annual
])
def test_progress_rates_are_completion(text, rate_text, value):
    (c,) = [c for c in extract_text(text).claims if c.kind == "completion"]
    assert (c.text, c.value, c.unit) == (rate_text, value, "%")


def test_several_rates_one_per_figure():
    cs = [c for c in extract_text("完成投资5.2亿元、3.1亿元,分别占年度计划的41%、54.7%").claims
          if c.kind == "completion"]
    assert [c.value for c in cs] == [41, 54.7]


@pytest.mark.parametrize("text,value", [
    ("项目投资滞后序时进度9.8个百分点", -9.8),
    ("快于序时进度2个百分点", 2),
])
def test_schedule_lag(text, value):
    (c,) = extract_text(text).claims
    assert (c.kind, c.value, c.unit) == ("schedule_lag", value, "pp")


@pytest.mark.parametrize("text,scope,value", [
    ("全省13个设区市中排名第4", "全省13个设区市中", 4),     # Jiangsu: no stray count 13个
    ("规上工业增加值增速居全省第6位", "全省", 6),
])
def test_rank_scope_by_shape(text, scope, value):
    (c,) = extract_text(text).claims
    assert (c.kind, c.scope, c.value) == ("rank", scope, value)


@pytest.mark.parametrize("text", [
    "把人民群众生命安全和身体健康放在第一位",     # 01_zhoushan_2020_h1
    "(责任单位列第一位的为牵头单位)",            # 11_putuo_2024_h1
    "选派驻村第一书记",
])
def test_idioms_are_not_claims(text):
    assert extract_text(text).claims == []


def test_growth_after_amount_carries_metric():
    # 06_zhoushan_2022_h1 through the whole pipeline: both growths measure the revenue
    from pathlib import Path
    r = zsprogress.parse_report(Path(__file__).parent / "fixtures" / "layouts" / "06_zhoushan_2022_h1.txt")
    cs = zsprogress.extract_claims(r)
    g = {c.text: c for c in cs.claims if c.kind == "growth" and c.text in ("增长3.5%", "增长18.3%")}
    assert g["增长3.5%"].metric == g["增长18.3%"].metric == "一般公共预算收入"
    assert "basis:自然口径" in g["增长3.5%"].qualifiers and "basis:同口径" in g["增长18.3%"].qualifiers


# 59_lianyungang_2025_q3 (a mirror in 繁體): the same rules read traditional script, the units come
# out simplified and every span still points at the characters as printed
@pytest.mark.parametrize("text, kind, value, unit, surface", [
    ("市政府民生實事10大類50個事項", "quantity", 50, "个", "50個"),
    ("已完成投資11.54億元", "amount", 1154000000, "元", "11.54億元"),
    ("完成年度總投資的87.7%", "completion", 87.7, "%", "完成年度總投資的87.7%"),
    ("12類45件53個事項", "quantity", 12, "类", "12類"),
])
def test_traditional_script(text, kind, value, unit, surface):
    res = extract_text(text)
    c = next(c for c in res.claims if c.text == surface)
    assert (c.kind, c.value, c.unit) == (kind, value, unit)
    assert text[c.start:c.end] == surface
    assert not res.unexplained


def test_rank_list_one_claim_per_figure():
    # 52_wuchang_wuhan_2021_h1: one 第 before two ranks (总量 and 增幅)
    res = extract_text("中心城区中总量、增幅排名第1、7,全市总量、增幅排名第3、13。")
    assert [(c.kind, c.value) for c in res.claims] == [("rank", 1), ("rank", 7), ("rank", 3), ("rank", 13)]
    assert [c.scope for c in res.claims][2:] == ["全市", "全市"]


def test_time_limit_takes_no_metric_from_the_words_after_it():
    # 68_bazhong_2017: "若对公示情况有异议的,请在7日之内以书面形式向巴中市人民政府…反映"
    (c,) = extract_text("若对公示情况有异议的,请在7日之内以书面形式向巴中市人民政府反映").claims
    assert (c.kind, c.value, c.unit, c.text, c.metric) == ("quantity", 7, "天", "7日", None)
