"""More layout shapes: tab-separated rows, pdftotext -layout columns, Markdown tables, numbered
paragraphs with inline labels, header variants, and fuzz resistance.

The fixtures in tests/fixtures/layouts_synthetic/ rewrite the first two sections of the bundled
sample (徐仁标 tasks 1-3, 毛江平 tasks 1-2) into each shape (make_fixtures.py there); every
shape must give back the sample's own tasks.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from zsprogress.read import read, read_text
from zsprogress.segment import header_kind as _header_kind
from zsprogress.segment import segment

SYN = Path(__file__).parent / "fixtures" / "layouts_synthetic"

SHAPES = {
    "tabs.txt": "tabs",
    "columns_width.txt": "columns",   # pdftotext -layout, CJK counted as width 2
    "columns_chars.txt": "columns",   # aligned by character offset
    "markdown.md.txt": "pipe",
    "inline_labels.txt": "labels",
}


@pytest.fixture(scope="module")
def sample_tasks():
    rep = segment(read(None))
    return {t.id: t for t in rep.tasks}


def codes(rep):
    return [d.code for d in rep.diagnostics]


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_shape_gives_back_sample_tasks(name, sample_tasks):
    rep = segment(read(SYN / name))
    assert rep.layout == SHAPES[name]
    assert [t.id for t in rep.tasks] == ["T1.1", "T1.2", "T1.3", "T2.1", "T2.2"]
    assert [t.seq for t in rep.tasks] == [1, 2, 3, 1, 2]
    assert [(t.leader, t.leader_title) for t in rep.tasks] == [("徐仁标", "市长")] * 3 + [("毛江平", "常务副市长")] * 2
    assert rep.tasks[0].section == "徐仁标市长牵头重点工作"
    assert [t.lead_units for t in rep.tasks] == [
        ["市财政局"], ["市财政局", "市国资委"], ["市财政局"], ["市发改委"], ["市发改委"]]
    for t in rep.tasks:
        s = sample_tasks[t.id]
        assert t.content == s.content, t.id
        assert t.progress_text == s.progress_text, t.id
        assert t.items == s.items, t.id
        assert not t.truncated
    t2 = rep.tasks[1]
    assert t2.content == "实施国资国企改革深化提升行动。"
    assert t2.progress_text.startswith("一是强化改革赋能。开展新一轮")
    assert t2.progress_text.endswith("试点推行分类核算和分类考核。")
    assert [i[:2] for i in t2.items] == ["一是", "二是"]
    assert rep.tasks[3].content.startswith("地区生产总值增长6.5%、力争7%")
    assert rep.tasks[3].progress_text.endswith("能源指标争取完成省定任务。")
    assert rep.tasks[0].progress_text == "上半年,全市预计一般公共预算收入153.57亿元,增长4.3%,增幅处于全省第2。"
    # no line lost, nothing invented, no false alarms
    assert codes(rep) == []
    assert rep.meta.period.label == "h1" and rep.meta.year == 2024


def test_sample_still_cells():
    assert segment(read(None)).layout == "cells"


# --- tab-separated rows -----------------------------------------------------------------------

TAB = (
    "2024年市政府工作报告重点工作半年度完成情况\n"
    "序号\t工作任务\t牵头部门\t协办单位\t1-6月完成情况\t备注\n"
    "一、徐仁标市长牵头重点工作\t\t\t\t\t\n"
    "1\t一般公共预算收入与经济增长基本同步。\t市财政局\t市税务局\t上半年,全市预计一般公共预算收入153.57亿元,增长4.3%。\t\n"
    '2\t实施国资国企改革深化提升行动。\t市财政局(市国资委)\t市委组织部\t"一是强化改革赋能。\n'
    '二是强化国资监管,制定""1+5+X""国资监管体系。"\t已完成\n'
    "二、经济运行\n"
    "3\t地区生产总值增长6.5%、力争7%,\n固定资产投资增长6%。\t市发改委\t\t上半年GDP增长5.6%左右。\n"
)


def test_tabs_co_units_remark_quotes_and_plain_heading():
    rep = segment(read_text(TAB))
    assert rep.layout == "tabs"
    t1, t2, t3 = rep.tasks
    assert [t.lead_units for t in rep.tasks] == [["市财政局"], ["市财政局", "市国资委"], ["市发改委"]]
    assert "市税务局" not in t1.progress_text and t1.progress_text.endswith("增长4.3%。")
    assert t2.progress_text == '一是强化改革赋能。\n二是强化国资监管,制定"1+5+X"国资监管体系。'
    assert len(t2.items) == 2
    # a cell wrapping onto a line that holds the rest of the row
    assert t3.content == "地区生产总值增长6.5%、力争7%,\n固定资产投资增长6%。"
    assert t3.progress_text == "上半年GDP增长5.6%左右。"
    assert (t1.section, t1.leader) == ("徐仁标市长牵头重点工作", "徐仁标")
    assert (t3.id, t3.section, t3.leader) == ("T2.3", "经济运行", None)
    assert "unassigned-lines" not in codes(rep)


# --- space-aligned columns ----------------------------------------------------------------------

COLS = """\
  序号    任务内容                  牵头单位      完成情况
   1      一般公共预算收入与经济    市财政局      上半年,全市预计一般公共预算
          增长基本同步。                          收入153.57亿元,增长4.3%。
   2      实施国资国企改革深化提                  一是强化改革赋能。
          升行动。                  市财政局(市   二是强化国资监管。
                                    国资委)
"""


def test_columns_wrapped_cells_by_position():
    rep = segment(read_text(COLS))
    assert rep.layout == "columns"
    t1, t2 = rep.tasks
    assert t1.content == "一般公共预算收入与经济增长基本同步。"
    assert t1.progress_text == "上半年,全市预计一般公共预算收入153.57亿元,增长4.3%。"
    assert t2.lead_units == ["市财政局", "市国资委"]
    assert t2.content == "实施国资国企改革深化提升行动。"
    assert t2.progress_text == "一是强化改革赋能。\n二是强化国资监管。"
    assert codes(rep) == []


def test_columns_ambiguous_continuation_goes_to_progress():
    # a continuation line whose cells start between the columns: kept whole, in the progress
    odd = COLS + "       说明文字  与其他说明\n"
    rep = segment(read_text(odd))
    assert len(rep.tasks) == 2
    assert rep.tasks[1].progress_text.endswith("说明文字  与其他说明")
    assert rep.tasks[1].content == "实施国资国企改革深化提升行动。"
    assert "unassigned-lines" not in codes(rep)


def test_columns_page_break_and_stray_numbers_invent_no_task():
    text = COLS + "\n                    - 1 -\n\f  序号    任务内容                  牵头单位      完成情况\n" \
        "   3      强化政府债务风险动态评    市财政局      一是严格落实政府债务偿还责任。\n" \
        "          估和监测预警。\n                                                  7\n"
    rep = segment(read_text(text))
    assert [t.seq for t in rep.tasks] == [1, 2, 3]
    assert rep.tasks[2].content == "强化政府债务风险动态评估和监测预警。"
    assert rep.tasks[2].progress_text == "一是严格落实政府债务偿还责任。"
    assert "unassigned-lines" not in codes(rep)


def test_columns_ideographic_space_separator():
    text = "序号\u3000任务内容\u3000牵头单位\u3000完成情况\n" \
           "1\u3000一般公共预算收入与经济增长基本同步。\u3000市财政局\u3000上半年增长4.3%。\n" \
           "2\u3000实施国资国企改革深化提升行动。\u3000市财政局(市国资委)\u3000一是强化改革赋能。\n"
    rep = segment(read_text(text))
    assert rep.layout == "columns"
    assert [t.lead_units for t in rep.tasks] == [["市财政局"], ["市财政局", "市国资委"]]
    assert rep.tasks[1].progress_text == "一是强化改革赋能。"


# --- Markdown -----------------------------------------------------------------------------------

def test_markdown_rule_row_is_chrome_and_rows_without_outer_pipes():
    text = ("序号 | 主要任务 | 责任部门 | 推进情况\n--- | --- | --- | ---\n"
            "1 | 一般公共预算收入与经济增长基本同步。 | 市财政局 | 上半年增长4.3%。\n"
            "2 | 实施国资国企改革深化提升行动。 | 市财政局(市国资委) | 一是强化改革赋能。<br/>二是强化国资监管。\n")
    rep = segment(read_text(text))
    assert rep.layout == "pipe"
    assert rep.tasks[1].progress_text == "一是强化改革赋能。\n二是强化国资监管。"
    assert rep.tasks[1].lead_units == ["市财政局", "市国资委"]
    assert codes(rep) == []


# --- inline labels --------------------------------------------------------------------------------

def test_inline_labels_paren_heading_and_next_line_label():
    text = ("(一)经济运行\n"
            "1. 一般公共预算收入增长7%。责任单位:市财政局。完成情况:上半年,全市实现一般公共预算收入153.57亿元。\n"
            "2. 实施国资国企改革深化提升行动。责任单位:市财政局(市国资委);配合单位:市委组织部。\n"
            "进展情况:一是强化改革赋能。\n二是强化国资监管。\n"
            "（二）徐仁标市长牵头重点工作\n"
            "1、地区生产总值增长6.5%。牵头单位：市发改委。推进情况：上半年GDP增长5.6%左右。\n")
    rep = segment(read_text(text))
    assert rep.layout == "labels"
    t1, t2, t3 = rep.tasks
    assert t1.content == "一般公共预算收入增长7%。" and t1.lead_units == ["市财政局"]
    assert t1.progress_text == "上半年,全市实现一般公共预算收入153.57亿元。"
    assert t2.lead_units == ["市财政局", "市国资委"]          # 配合单位 is not a lead unit
    assert t2.progress_text == "一是强化改革赋能。\n二是强化国资监管。"
    assert (t1.section, t3.section) == ("经济运行", "徐仁标市长牵头重点工作")
    assert (t3.id, t3.leader, t3.lead_units) == ("T2.1", "徐仁标", ["市发改委"])
    assert t3.progress_text == "上半年GDP增长5.6%左右。"
    assert codes(rep) == []


# --- header variants ------------------------------------------------------------------------------

@pytest.mark.parametrize("cell,kind", [
    *[(c, "content") for c in ["工作任务", "重点任务", "主要任务", "任务", "目标任务", "工作目标", "任务内容"]],
    *[(c, "units") for c in ["责任单位", "牵头单位", "牵头部门", "责任部门", "主办单位"]],
    *[(c, "co_units") for c in ["协办单位", "配合单位"]],
    *[(c, "progress") for c in ["完成情况", "进展情况", "推进情况", "落实情况", "工作进展", "进度情况",
                                "执行情况", "1-6月完成情况", "1-11月完成情况", "前三季度完成情况"]],
    ("备注", "other"), ("责任领导", "leader"), ("序号", "seq"),
])
def test_header_kind(cell, kind):
    assert _header_kind(cell) == kind


@pytest.mark.parametrize("content,units,progress", [
    ("工作目标", "责任部门", "工作进展"), ("重点任务", "主办单位", "落实情况"),
    ("任务", "牵头部门", "1-9月完成情况"), ("主要任务", "责任单位", "执行情况"),
])
def test_header_variants_in_every_family(content, units, progress):
    row = ["1", "一般公共预算收入与经济增长基本同步。", "市财政局", "上半年增长4.3%。"]
    hdr = ["序号", content, units, "配合单位", progress, "备注"]
    full = row[:3] + ["市税务局"] + row[3:] + ["无"]
    for text in ("\t".join(hdr) + "\n" + "\t".join(full) + "\n",
                 " | ".join(hdr) + "\n" + " | ".join(full) + "\n",
                 "\n\n".join(hdr) + "\n\n" + "\n\n".join(full) + "\n",
                 "   ".join(hdr) + "\n" + "   ".join(full) + "\n"):
        rep = segment(read_text(text))
        assert len(rep.tasks) == 1, text
        t = rep.tasks[0]
        assert t.lead_units == ["市财政局"], text
        assert t.co_units == ["市税务局"], text      # the 配合单位 column
        assert t.content == row[1], text
        assert t.progress_text == row[3], text


# --- fuzz -----------------------------------------------------------------------------------------

def _random_text(seed: int, n: int) -> str:
    rnd = random.Random(seed)
    pool = "序号任务内容牵头单位完成情况市财政局一二三、。,:;()（）|\t \u3000\n1234567890①②.-<>【】"
    out = []
    for _ in range(n):
        if rnd.random() < 0.6:
            out.append(rnd.choice(pool))
        else:
            c = rnd.randint(1, 0x2FFFF)
            out.append(chr(c) if not 0xD800 <= c <= 0xDFFF else "x")
    return "".join(out)


@pytest.mark.parametrize("text", [
    *[_random_text(s, 20_000) for s in range(5)],
    "x" * 5_000_000,
    "①" * 10_000,
    "(" * 100_000 + ")" * 100_000,
    "1. 甲。责任单位:" + "(市局" * 50_000,
    "序号  任务  单位  完成情况\n1  " + "甲  " * 1_000_000,
    "序号\t任务\t单位\t完成情况\n1\t" + "甲\t" * 500_000,
    "|序号|任务|完成情况|\n" + "|---" * 100_000,
    "1. 甲。" + "完成情况:" * 200_000,
    "序号  任务内容  完成情况\n" + "   1  甲\n" * 20_000,
], ids=[*(f"random{s}" for s in range(5)), "5mb-line", "circled", "nested", "nested-units",
        "spaces-row", "tabs-row", "md-rules", "labels-run", "many-rows"])
def test_fuzz_never_raises(text):
    # speed on these inputs is measured in bench/run.py (pathological inputs), never asserted here
    rep = segment(read_text(text))
    assert len({t.id for t in rep.tasks}) == len(rep.tasks)
    for t in rep.tasks:
        assert t.id


# --- families read when there is no table ----------------------------------------------------------

def test_prose_sections_are_a_notice_and_titled_paragraphs_a_list():
    # a summary notice: 一、 sections of prose are no tasks
    notice = "关于2023年重点工作完成情况的通报\n一、总体情况。全市经济平稳。\n二、主要指标。地区生产总值增长5%。\n"
    rep = segment(read_text(notice))
    assert (rep.layout, rep.tasks) == ("notice", [])
    assert [d.code for d in rep.diagnostics] == ["notice"]
    # one 民生实事 item per paragraph: a title sentence, then its progress
    items = "工业投资(2021年)。上半年完成50%。\n农村公路(2021年)。上半年完成100公里。\n学校改造(2021年)。上半年完工12所。\n"
    rep = segment(read_text(items))
    assert rep.layout == "list"
    assert [(t.id, t.content, t.progress_text) for t in rep.tasks][1] == (
        "T0.n2", "农村公路(2021年)。", "上半年完成100公里。")


def test_numbered_list_with_tags_and_references():
    text = ("二、部分项目进展情况\n1、技能培训提升,牵头单位:市退役军人局。其中,叶集区进度较慢。\n"
            "2、养老服务,牵头单位:市民政局。其中,霍邱县进度较慢。\n3.工业投资(第4项):增长14.6%。\n")
    rep = segment(read_text(text))
    assert rep.layout == "list"
    t1, t2, t3 = rep.tasks
    assert (t1.id, t1.content, t1.lead_units, t1.progress_text) == (
        "T1.1", "技能培训提升", ["市退役军人局"], "其中,叶集区进度较慢。")
    assert (t3.content, t3.progress_text) == ("工业投资(第4项)", "增长14.6%。")


def test_status_groups_quote_their_tasks():
    text = ("一、已经完成的指标任务,共计2项。主要是“建成甲工程”,“完成乙改革”。\n"
            "二、完成有一定困难的有1项。为“引进丙项目”。\n")
    rep = segment(read_text(text))
    assert rep.layout == "status"
    assert [(t.id, t.content, t.status_text) for t in rep.tasks] == [
        ("T1.n1", "建成甲工程", "已经完成的指标任务"), ("T1.n2", "完成乙改革", "已经完成的指标任务"),
        ("T2.n1", "引进丙项目", "完成有一定困难的")]
    assert "empty-progress" not in [d.code for d in rep.diagnostics]


def test_marked_cells_rows_cut_by_the_header_count():
    # one cell per line ending " |" (长沙 2021 责任分解表 as a mirror prints it, rows made up after
    # the first): no row numbers; a section row spans the table; "||" are empty cells
    text = "\n".join([
        "2021年《政府工作报告》主要目标任务责任分解表",
        "目标任务 |", "责任领导 |", "牵头单位 |", "责任单位 |",
        "全市经济社会发展主要预期目标 |",
        "地区生产总值增长8% |", "常务副市长 |", "市发展改革委 |", "市统计局 |",
        "城镇调查失业率5.5%以内 |", "副市长 |", "市人力资源社会保障局 ||",
        "打好三大攻坚战 |",
        "完成省下达的节能减排任务 |", "副市长 |", "市生态环境局 |", "市发展改革委、", "市工业和信息化局 |",
    ])
    rep = segment(read_text(text))
    assert rep.layout == "pipe"
    assert [(t.section, t.content, t.leader_title, t.lead_units, t.co_units) for t in rep.tasks] == [
        ("全市经济社会发展主要预期目标", "地区生产总值增长8%", "常务副市长", ["市发展改革委"], ["市统计局"]),
        ("全市经济社会发展主要预期目标", "城镇调查失业率5.5%以内", "副市长", ["市人力资源社会保障局"], []),
        ("打好三大攻坚战", "完成省下达的节能减排任务", "副市长", ["市生态环境局"],
         ["市发展改革委", "市工业和信息化局"]),
    ]
    assert not rep.tasks[-1].truncated
    assert "unassigned-lines" not in [d.code for d in rep.diagnostics]


@pytest.mark.parametrize("sep", ["\t", " | "])
def test_matrix_rows_delimited(sep: str):
    # the 湖南 2021 进度表 (tests/fixtures/layouts/64_…) as an Excel copy (tabs) and as a pipe table:
    # one row per line; the total row 全省 has no number
    rows = [["序号", "市州", "计划完成数", "累计开工数", "开工率", "计划投资额(万元)", "累计完成投资额(万元)",
             "计划投资完成率"],
            ["1", "长沙市", "150", "143", "95.33%", "86157.25", "36836.13", "42.75%"],
            ["2", "株洲市", "71", "44", "61.97%", "13533.40", "4756.44", "35.15%"],
            ["全省", "1500", "1110", "74.00%", "752393.73", "281682.60", "37.44%"]]
    text = "全省2021年重点民生实事项目完成进度表\n" + "\n".join(sep.join(r) for r in rows)
    rep = segment(read_text(text))
    assert rep.layout == "matrix"
    assert [(t.seq, t.content) for t in rep.tasks] == [(1, "长沙市"), (2, "株洲市"), (None, "全省")]
    assert rep.tasks[1].target_text == "计划完成数71;计划投资额13533.40万元"
    assert rep.tasks[2].progress_text == "累计开工数1110;开工率74.00%;累计完成投资额281682.60万元;计划投资完成率37.44%"
    assert not any(t.truncated for t in rep.tasks)


def test_marked_cells_numbered_rows_and_wrapped_cells():
    # marked cells under 序号: rows start at their number; a cell wrapped over lines ends at the
    # line with the marker; a single cell between rows is a section row (its ordinal cut, as in
    # every text family)
    text = "\n".join([
        "序号 |", "工作任务 |", "牵头单位 |", "完成情况 |",
        "一、经济发展 |",
        "1 |", "地区生产总值增长6%。 |", "市发改委 |", "上半年增长6.2%,", "完成年度目标。 |",
        "2 |", "一般公共预算收入增长5%。 |", "市财政局 |", "上半年增长4.3%。 |",
    ])
    rep = segment(read_text(text))
    assert [(t.id, t.section, t.lead_units, t.progress_text) for t in rep.tasks] == [
        ("T1.1", "经济发展", ["市发改委"], "上半年增长6.2%,\n完成年度目标。"),
        ("T1.2", "经济发展", ["市财政局"], "上半年增长4.3%。"),
    ]
    assert not rep.tasks[-1].truncated
