"""One case per layout example (openings of real reports, each cut off at the end).

The examples live in ../shared/corpus/layouts/; copies are kept in tests/fixtures/layouts/
(with SOURCES.md) so the tests run without the shared folder (tests/test_fixtures.py checks the
copies, bench/sync_fixtures.py compares them with the shared folder). Every expectation below was read
off the text of the file by a person; the comment says where.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from zsprogress.read import read
from zsprogress.segment import segment

FIXTURES = Path(__file__).parent / "fixtures" / "layouts"

EXPECT = {
    "01_zhoushan_2020_h1.txt": dict(
        layout="cells",
        # rows "1" (l.41), "2" (l.59), and "3" (l.73, the last line: the row is cut right after its number)
        seqs=[1, 2, 3],
        # l.45 "市疫情防控办,各县(区)政府、各功能区管委会"; l.63 "市发改委、市经信局、市府办(市大数据局)"
        units=[["市疫情防控办", "各县(区)政府", "各功能区管委会"],
               ["市发改委", "市经信局", "市府办", "市大数据局"]],
        leader=None,            # no leader headings in this opening
        truncated=True,         # row 3 has only its number
        kind="progress", period="h1",  # title l.19 "…半年度完成情况"
    ),
    "04_zhoushan_2021_h1.txt": dict(
        layout="cells",
        seqs=[1, 2, 3],         # l.15, l.31, l.43
        # l.17 "(牵头单位:市疫情防控办)", l.33 "(牵头单位:市住建局)", l.45 "[牵头单位:市府办(市大数据局)]"
        units=[["市疫情防控办"], ["市住建局"], ["市府办", "市大数据局"]],
        leader=None,
        truncated=True,         # l.47 ends "完成《舟山市城市频道建设方案"
        kind="progress", period="h1",
    ),
    "06_zhoushan_2022_h1.txt": dict(
        layout="cells",
        # unnumbered rows: l.15 and l.25 (each ends "(牵头单位:市财政局)"), l.39 a third task cut
        # before its tag ("落实落细新的组合式税费支持政策,为")
        seqs=[None, None, None],
        units=[["市财政局"], ["市财政局"], []],
        leader=None,
        truncated=True,
        kind="progress", period="h1",  # title l.6 "…半年度完成情况"
    ),
    "10_zhoushan_2023_assign.txt": dict(
        layout="assignment",
        # l.26 "一、徐仁标市长…" tasks 1, 2; l.37 "二、毛江平常务副市长…" tasks 1, 2, 3 (3 cut at l.47)
        seqs=[1, 2, 1, 2, 3],
        # l.30 "责任单位:市财政局"; l.34 "市财政局(市国资委)、市委组织部、市审计局、市属各国有企业(列第一位者…)"
        units=[["市财政局"], ["市财政局", "市国资委", "市委组织部", "市审计局", "市属各国有企业"],
               ["市发改委", "市经信局", "市财政局", "市农业农村局"]],
        leader=("徐仁标", "市长"),
        truncated=True,
        kind="assignment", period=None,  # title l.6 "…责任分解的通知", no period
    ),
    "11_putuo_2024_h1.txt": dict(
        layout="labels",
        seqs=[1, 2],            # l.14 "1. 地区生产总值…", l.17 "2. 举全区之力…" (cut)
        # l.15 "责任单位:区发改局、…、区属功能区管 委会(责任单位列第一位的为牵头单位,下同)"
        units=[["区发改局", "区经信局", "区财政局", "区商务局", "区农业农村局", "区生态环境分局",
                "区税务局", "各镇", "街道", "区属功能区管委会"]],
        leader=None,            # section l.13 "一、重点工作事项" names no leader
        truncated=True,
        kind="progress", period="h1",  # no title; text l.12 "上半年 ,全区上下…"
    ),
    "12_shaoxing_2020_q1.txt": dict(
        layout="cells",
        seqs=[1, 2, 3, 4],      # l.17, 25, 33, 41; unit column last (header l.9-15)
        units=[["市发改委"], ["市发改委"], ["市发改委"]],  # l.23, 31, 39
        leader=None,
        truncated=True,         # l.47 "市发" is a cut unit cell
        kind="progress", period="q1",  # title l.4 "…一季度进展情况表"
    ),
    "14_shaoxing_2021_q3.txt": dict(
        layout="pipe",
        seqs=[1, 2],            # l.2 "1 | …", l.3 "2 | …" (cut mid progress cell, no unit cell)
        units=[["市发改委"], []],  # l.2 ends "| 市发改委 |"
        leader=None,
        truncated=True,
        kind="progress", period="q3",  # no title; text l.2 "前三季度,全市GDP增长11.4%"
    ),
    "17_huzhou_2023_h1.txt": dict(
        layout="cells",
        seqs=[1, 2],            # l.20 under 洪湖鹏, l.42 under 吴智勇: one numbering across sections
        # l.22 "责任单位:市政府办公室、市财政局、市级其他有关单位、各区县政府<南太湖新区、长合区管委会>"
        units=[["市政府办公室", "市财政局", "市级其他有关单位", "各区县政府", "南太湖新区", "长合区管委会"]],
        leader=("洪湖鹏", "市长"),  # l.10 "洪湖鹏市长主抓重点工作"
        truncated=True,         # l.46 ends "上半年实"
        kind="progress", period="h1",  # title l.6 "…半年度完成情况汇总表"
    ),
    "08_zhoushan_2023_h1.txt": dict(
        layout="cells",
        # unnumbered rows under 序号/任务内容/牵头单位/半年度进展情况 (l.10-16): each row is the task
        # cell, the unit cell (l.20 "市财政局"; l.26-28 "市财政局" / "(市国资委)"; l.40 "市发改委")
        # and the progress lines; the third row is cut inside its progress
        seqs=[None, None, None],
        units=[["市财政局"], ["市财政局", "市国资委"], ["市发改委"]],
        content0="一般公共预算收入与经济增长基本同步。",
        leader=None, truncated=True, kind="progress", period="h1",
    ),
    "09_zhoushan_2023_q3.txt": dict(
        layout="cells",             # the same table as 08, three-quarter progress
        seqs=[None, None, None],
        units=[["市财政局"], ["市财政局", "市国资委"], ["市发改委"]],
        content0="一般公共预算收入与经济增长基本同步。",
        leader=None, truncated=True, kind="progress", period="q3",
    ),
    "41_chongqing_2015_h1_minsheng.txt": dict(
        # one 民生实事 item per paragraph, unnumbered: l.3 "2606个撤并村通公路(2013—2017年)。上半年…"
        # … l.17 "5100所义务教育薄弱学校基本办学条件改善(2015—2017年)。…" cut ("计算机3")
        layout="list", seqs=[None] * 8, units=[],
        content0="2606个撤并村通公路(2013—2017年)。",
        leader=None, truncated=True, kind="progress", period="h1",
    ),
    "42_qianjiang_2017_assign.txt": dict(
        # "一、加快转型升级,提升产业竞争力", a lead paragraph, then one task paragraph
        # "突出工业主体地位。投资200亿元,…" cut before its responsible units
        layout="list", seqs=[None], units=[[]], section="加快转型升级,提升产业竞争力",
        # no year in the title line, so the kind is not known from it
        content0="突出工业主体地位。", leader=None, truncated=True, kind="progress",
    ),
    "43_jinhua_2018_assign.txt": dict(
        layout="assignment",
        seqs=[1, 2],                # l.33 "1.全面完成…", l.39 "2.推进政府治理数字化转型…" (cut)
        units=[["市发改委"], []],   # l.35 "牵头单位:市发改委"; task 2 is cut before its labels
        # l.36 "配合单位:市农办、市经信委、…、市环保局"
        co_units=[["市农办", "市经信委", "市科技局", "市财政(地税)局", "市人力社保局", "市建设局",
                   "市农业局", "市商务局", "市环保局"], []],
        leader=("尹学群", "市长"),  # l.31 "一、尹学群市长牵头的重点工作"
        truncated=True, kind="assignment", period=None,
    ),
    "44_ningbo_2014_h1_minsheng.txt": dict(
        # one flattened paragraph: "1.轨道交通1号线一期工程投入试运营。 牵头领导:林静国 责任单位:市轨道
        # 交通工程建设指挥部 项目责任人:尹文德 实际完成情况:…  2.… 配合单位:市城管局、市财政局 …";
        # item 3's 配合单位 is followed by a flattened district matrix (鄞州 海曙、江东、江北 …), not units;
        # item 4 is cut inside its matrix
        layout="labels", seqs=[1, 2, 3, 4],
        units=[["市轨道交通工程建设指挥部"], ["市公安局"], ["市交通委"], ["市交通委", "各区政府", "相关管委会"]],
        co_units=[[], ["市城管局", "市财政局"], ["市公安局", "市城管局", "各区政府"]],
        content0="轨道交通1号线一期工程投入试运营。",
        leader=("林静国", None), truncated=True, kind="progress", period="m6",
    ),
    "45_caidian_2023_assign.txt": dict(
        layout="assignment",
        # l.31 "一、2023年全区经济社会发展的主要预期目标"; (一)…(四) each followed by 责任单位:
        seqs=[1, 2, 3, 4],
        units=[["区发展和改革局"], ["区科技和经信局"], ["区发展和改革局"], ["区"]],
        content0="地区生产总值增长7%以上",
        section="2023年全区经济社会发展的主要预期目标",
        leader=None, truncated=True,  # the last line "责任单位:区" is cut
        kind="assignment", period=None,
    ),
    "46_fuling_2023_q1.txt": dict(layout="notice", kind="progress", period="q1"),  # summary prose only
    "47_lishan_anshan_2023_assign.txt": dict(
        layout="assignment",
        seqs=[1, 2, 3, 4, 5, 6, 7],  # l.25-… "1.努力实现地区生产总值增长6.2%左右。" … "7.其他主要…"
        units=[["区发改局"], ["区工信局"], ["区发改局"], ["区商务局"], ["区财政局"], ["区发改局"], []],
        # 责任单位 beside 牵头单位 (l.29 "责任单位:立山经济开发区,全区经济运行各专班")
        co_units=[["立山经济开发区", "全区经济运行各专班"], ["立山经济开发区"],
                  ["立山经济开发区", "各街道", "区直各部门"], ["各街道", "区市场局"],
                  ["立山经济开发区", "各街道", "税务局"], ["各街道", "各相关单位"], []],
        section="经济社会发展的主要预期目标",
        leader=None, truncated=False, kind="assignment", period=None,
    ),
    "48_dazu_2023_annual.txt": dict(
        layout="cells",
        # header 序号/目标任务/具体任务/牵头单位/任务进度; row 1 cut after its unit cell
        seqs=[1], units=[["区经济信息委", "经开区经发局"]],
        target0="实现工业投资增长20%以上。",
        leader=None, truncated=True, kind="progress",
    ),
    "49_wanzhou_2022_h1.txt": dict(layout="notice", kind="progress", period="h1"),  # indicator prose, 一是…
    "50_tongliang_2025_h1.txt": dict(
        layout="spaces",
        # "序号 目标任务 责任单位 上半年推进情况"; "2 第一产业增加值增长5%。 区农业农村委" then one unit
        # per line; rows 10, 11 under "(一)以创建国家高新区为抓手,…"
        seqs=[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
        units=[["区发展改革委"], ["区农业农村委", "区林业局", "区供销联社", "区畜牧业发展中心"],
               ["区经济信息委"], ["区发展改革委"], ["区发展改革委"], ["区经济信息委"], ["区商务委"],
               ["区财政局"], ["区发展改革委", "区人力社保局", "区农业农村委"], ["区科技局"]],
        content0="地区生产总值增长6%以上。",
        section="经济社会发展主要预期目标",
        leader=None, truncated=True, kind="progress", period="h1",
    ),
    "51_dandong_2016_q3_mirror.txt": dict(
        # prose by status class, the tasks quoted: l.9 "一、已经完成或基本完成的指标任务,共计19项。主要是
        # “建设完成大沙河、…”,…,“完成公车改革任务”等" (4); 二、 quotes none; 三、 2; 四、 3; 五、 one, cut
        # ("一是“实现总")
        layout="status", seqs=[None] * 10, units=[],
        content0="建设完成大沙河、花园河城市内河治理工程,形成新的景观带",
        section="已经完成或基本完成的指标任务,共计19项",
        leader=None, truncated=True, kind="progress", period="q3"),
    "52_wuchang_wuhan_2021_h1.txt": dict(
        layout="labels",
        seqs=[1, 2, 3, 4, 5],
        # "(市级牵头单位:市发展改革委;区级牵头单位:区发改局)": both levels lead
        units=[["市发展改革委", "区发改局"], ["市发展改革委", "区发改局"], ["市商务局", "区商务局"],
               ["市人力资源社会保障局", "区人资局"], ["市科技局", "区科经局"]],
        content0="地区生产总值增长10%。",
        leader=None, truncated=True, kind="progress", period="h1",
    ),
    "53_wuhu_2022_annual_mirror.txt": dict(
        layout="cells",
        seqs=[1, 2, 3, 4, 5, 6],
        # row 3: 市农业农村局 + result, 市人社局 + result; row 6: three unit lines, one result (cut)
        units=[["市发改委"], ["市财政局"], ["市农业农村局", "市人社局"], ["市生态环境局"], ["市经信局"],
               ["市经信局", "市财政局", "市税务局"]],
        leader=None, truncated=True, kind="progress",
    ),
    "54_changsha_2021_assign_mirror.txt": dict(
        # one cell per line ending " |"; section row "全市经济社会发展主要预期目标 |"; then
        # "地区生产总值增长8% |" "常务副市长 |" "市发展改革…" (cut); the 责任领导 cell is a title only
        layout="pipe", seqs=[None], units=[["市发展改革"]], leader=(None, "常务副市长"), truncated=True,
        kind="assignment", section="全市经济社会发展主要预期目标", content0="地区生产总值增长8%",
    ),
    "55_qingdao_2017_h1.txt": dict(
        layout="cells",
        seqs=[1, 2],            # l.19, l.29; 5 columns (事项, 年度工作任务和目标, 责任单位, 上半年进展)
        units=[["市发展改革委", "市经济信息化委", "市财政局", "市农委", "市商务局", "市环保局",
                "市金融工作办", "市国税局", "市地税局"], ["市商务局"]],
        leader=None, truncated=True, kind="progress", period="h1",
    ),
    "56_xian_2022_assign_mirror.txt": dict(layout="notice", kind="assignment", period=None),  # 说明 only
    "57_putuo_shanghai_2021_h1_indicators.txt": dict(
        # 类别/指标名称/年度目标/完成情况/责任部门; "1、地区生产总值增长率" / "与市保持同步" / "9.8%" /
        # "区发改委"; category 高质量发展 on the first row of its group
        # rows 1-8 under 高质量发展, 9-10 under 高品质生活 (l.… "高品质生活" before "9、城乡登记失业人数");
        # row 10 "10、新(迁)建社区卫生服务站点 / 2个 / 1个" is cut before its unit cell
        layout="cells", seqs=[1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        units=[["区发改委"], ["区财政局"], ["区科委", "区金融办", "区商务委"], ["区商务委", "区投促办"],
               ["区投促办"], ["区商务委", "区投促办"], ["区金融办"], ["区科委"], ["区人社局"], []],
        content0="地区生产总值增长率", target0="与市保持同步",
        section="高质量发展", leader=None, truncated=True, kind="progress", period="h1",
    ),
    "58_lianyungang_2019_q3_mirror.txt": dict(
        layout="list",
        # "一、综合指标类9项(按考核目标统计)" then "1.地区生产总值(第1项):增长6.1%,…" … "9.农民…" (cut)
        seqs=[1, 2, 3, 4, 5, 6, 7, 8, 9], units=[],
        content0="地区生产总值(第1项)",
        section="综合指标类9项(按考核目标统计)",
        leader=None, truncated=True, kind="progress", period="q3",
    ),
    "59_lianyungang_2025_q3_minsheng_mirror_trad.txt": dict(layout="notice", kind="progress", period="q3"),
    "60_shizhong_jinan_2025_q2_pipe.txt": dict(
        layout="pipe",
        seqs=[1, 2],            # one row per line under "序号 | 重点任务 | … | 监督科室 监督电话 |"
        units=[["区发展改革局", "区工业和信息化局", "区投资促进局", "济南中央活力区发展促进中心"], []],
        leader=None, truncated=True, kind="progress",
    ),
    "61_shizhong_jinan_2019_q2.txt": dict(
        layout="cells",
        seqs=[1, 2, 3],
        # unit cell wrapped "区投促局、" / "大观园街道办事处", per-unit progress after it
        units=[["区投促局", "大观园街道办事处"], ["区投促局", "舜耕街道办事处"],
               ["区科技局", "投促局", "十六里河街道办事处"]],
        leader=None, truncated=True, kind="progress",
    ),
    "62_yangdong_2024_annual_minsheng_attachment.txt": dict(
        layout="notice", kind="progress", attachment="2024年阳江市阳东区十件民生实事完成情况表.docx"),
    "63_luan_2021_jan-sep_minsheng.txt": dict(
        layout="list",
        # "二、部分项目进展情况": "1、技能培训提升,牵头单位:市退役军人局。其中,…"; the ranking
        # "1、金寨县;2、裕安区;…" is no task
        seqs=[1, 2, 3, 4, 5],
        units=[["市退役军人局"], ["市民政局"], ["市住建局"], ["市交通局"], ["市农业农村局"]],
        content0="技能培训提升",
        section="部分项目进展情况",
        leader=None, truncated=False, kind="progress", period="m9", unassigned_ok=True,
    ),
    "64_hunan_2021_jan-aug_minsheng_matrix.txt": dict(
        # 市州 × indicator matrix: 14 prefectures and the 全省 total, one record per place and indicator
        # one task per place (content the place); 计划… columns the target, the others the progress,
        # "(万元)" of the header read with a bare figure: l.… "1 |" "长沙市 |" "150 |" "143 |" "95.33% |"
        # "86157.25 |" "36836.13 |" "42.75% |"; the total row "全省 |" has no number (7 cells)
        layout="matrix", seqs=list(range(1, 15)) + [None], units=[], leader=None, truncated=False,
        kind="progress", period="m8",  # "(截至2021年8月底)" under the table title
        content0="长沙市", target0="计划完成数150;计划投资额86157.25万元",
    ),
    "65_hunan_2010_annual_weiminbanshishi_mirror.txt": dict(
        # numbered prose: "一、绩效情况", then one task paragraph
        # "(一)省委、省政府重点工程、重点工作指标完成情况。纳入评估的…" (cut)
        layout="list", seqs=[1], units=[[]], section="绩效情况", leader=None, truncated=True,
        kind="progress",
    ),
    "66_zhejiang_province_2020_assign_mirror.txt": dict(
        layout="assignment",
        seqs=[1, 2, 3, 4, 5],   # under l.19 "一、袁家军省长主抓重点工作"; task 5 cut before its label
        units=[["省发展改革委", "省经信厅", "省财政厅", "省商务厅", "省地方金融监管局"],
               ["省委改革办", "省大数据局"], ["省发展改革委", "省自然资源厅"], ["杭州市政府", "省科技厅"], []],
        leader=("袁家军", "省长"), truncated=True, kind="assignment", period=None,
    ),
    "67_huichang_2023_oct_minsheng.txt": dict(layout="notice", kind="progress"),   # counts only, 附件: empty
    "68_bazhong_2017_jan-sep_minsheng.txt": dict(layout="notice", kind="progress", period="m9"),
    "69_chengxiang_putian_2020_jan-sep_shishi_attachment.txt": dict(
        layout="notice", kind="progress", period="m9", attachment="慢序时项目"),
    "70_wenzhou_2024_h1_indicators_pipe.txt": dict(
        # 序号/指标名称/单位/目标/上半年实绩(绝对值, 增速); "经济发展 | 1 | 地区生产总值(GDP) | 亿元 | …":
        # 单位 is the unit of measure, not a lead unit; 上半年实绩 spans 绝对值 and 增速(%) (second header
        # row "绝对值 | 增速(%) |"): "1 | 地区生产总值(GDP) | 亿元 | 增长6%以上 | 4297.8 | 6.2 |"
        layout="pipe", seqs=[1, 2, 3, 4, 5, 6, 7, 8, 9], units=[[]] * 9, section="经济发展",
        content0="地区生产总值(GDP)", target0="增长6%以上",
        leader=None, truncated=True, kind="progress", period="h1",
    ),
    "71_xixiang_2023_assign_notice.txt": dict(layout="notice", kind="assignment"),  # table in 附件1
}


def _files() -> list[str]:
    return sorted(p.name for p in FIXTURES.glob("*.txt"))


def test_every_fixture_has_an_expectation():
    assert _files() == sorted(EXPECT)


def _params() -> list:
    return [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=EXPECT[n]["xfail"]))
            if "xfail" in EXPECT[n] else n for n in sorted(EXPECT)]


@pytest.mark.parametrize("name", _params())
def test_layout(name: str):
    rep = segment(read(FIXTURES / name))
    exp = EXPECT[name]
    assert rep.layout == exp["layout"]
    assert rep.meta.kind == exp["kind"]
    if "period" in exp:
        assert rep.meta.period.label == exp["period"]
    codes = [d.code for d in rep.diagnostics]
    if exp["layout"] == "notice":
        # no task rows: figures read as paragraphs, a note instead of an unknown-layout failure
        assert rep.tasks == [] and rep.paragraphs
        assert "notice" in codes and "unknown-layout" not in codes
        note = next(d for d in rep.diagnostics if d.code == "notice")
        assert exp.get("attachment", "") in note.message
        return
    assert [t.seq for t in rep.tasks] == exp["seqs"]
    assert len(rep.tasks) == len(exp["seqs"])
    for t, units in zip(rep.tasks, exp["units"], strict=False):
        assert t.lead_units == units, t.id
    for t, co in zip(rep.tasks, exp.get("co_units", []), strict=False):
        assert t.co_units == co, t.id
    first = rep.tasks[0]
    assert (first.leader, first.leader_title) == (exp["leader"] or (None, None))
    if "content0" in exp:
        assert first.content == exp["content0"]
    if "target0" in exp:
        assert first.target_text == exp["target0"]
    if "section" in exp:
        assert first.section == exp["section"]
    assert rep.tasks[-1].truncated is exp["truncated"]
    assert not any(t.truncated for t in rep.tasks[:-1])
    ids = [t.id for t in rep.tasks]
    assert len(set(ids)) == len(ids)
    if not exp.get("unassigned_ok"):
        assert "unassigned-lines" not in codes
    assert "seq-gap" not in codes          # none of the openings skips a number
    assert ("truncated" in codes) is exp["truncated"]
    for t in rep.tasks:
        assert "牵头单位" not in t.content and "责任单位" not in t.content
        assert not set(t.co_units) & set(t.lead_units)


# --- details a reader sees in particular files ------------------------------------------------

def test_zhoushan_2020_target_column():
    rep = segment(read(FIXTURES / "01_zhoushan_2020_h1.txt"))
    t1, t2 = rep.tasks[:2]
    # header l.31-39 has 半年度目标任务 then 半年度完成情况; l.47-55 is the target, l.57 the progress
    assert t1.target_text.startswith("全年:\n1.坚持")
    assert t1.target_text.endswith("确保社会面安全有序。")
    assert t1.progress_text == "完成半年度目标。"
    assert t2.target_text.startswith("1.数字舟山总体建设规划") and t2.target_text.count("\n") == 2
    assert t2.progress_text == "完成半年度目标。"
    assert rep.meta.published == "2020-07-30"       # l.21 "发布时间:2020-07-30 11:42"
    assert rep.meta.publisher == "市政府办公室"       # l.27 "信息来源:市政府办公室"
    assert rep.meta.index_no is None                 # l.1 "• 信息索引号:" has no value


def test_zhoushan_2021_inline_lead_unit_and_circled_items():
    rep = segment(read(FIXTURES / "04_zhoushan_2021_h1.txt"))
    t1 = rep.tasks[0]
    assert t1.content.endswith("继续交出防疫高分报表。")   # the "(牵头单位:…)" tag is cut off
    assert [i[0] for i in t1.items] == list("①②③④⑤⑥")  # l.19-29
    assert rep.tasks[2].content.endswith("100%线上办理。")
    assert rep.meta.generated == "2021-07-21"


def test_zhoushan_2022_unnumbered_ids_and_items():
    rep = segment(read(FIXTURES / "06_zhoushan_2022_h1.txt"))
    assert [t.id for t in rep.tasks] == ["T0.n1", "T0.n2", "T0.n3"]
    t1 = rep.tasks[0]
    assert t1.content == "一般公共预算收入增长7%。"
    assert t1.progress_text.startswith("上半年,全市实现")
    # l.17 a lead paragraph, then l.19-23 items 1.-3.
    assert len(t1.items) == 4 and t1.items[1].startswith("1.力抓重点税源")
    assert len(rep.tasks[1].items) == 6


def test_assignment_sections_and_ids():
    rep = segment(read(FIXTURES / "10_zhoushan_2023_assign.txt"))
    assert [t.id for t in rep.tasks] == ["T1.1", "T1.2", "T2.1", "T2.2", "T2.3"]
    assert rep.tasks[2].section == "毛江平常务副市长牵头重点工作"
    assert (rep.tasks[2].leader, rep.tasks[2].leader_title) == ("毛江平", "常务副市长")
    assert all(t.progress_text == "" for t in rep.tasks)
    assert "empty-progress" not in [d.code for d in rep.diagnostics]
    # the notice text l.9-21 before the list is not a task
    assert rep.tasks[0].line == 28


def test_putuo_junk_lines_not_tasks():
    rep = segment(read(FIXTURES / "11_putuo_2024_h1.txt"))
    assert rep.tasks[0].line == 14                  # not one of the junk lines 1-6
    assert rep.tasks[0].progress_text.startswith("上半年 , 全区 GDP 增长 5. 4 %")
    assert rep.tasks[0].content.startswith("地区生产总值增长 5% 以上")
    assert rep.tasks[0].section == "重点工作事项"
    assert rep.tasks[0].items == []                 # "5. 4 %" is a number, not a marker


def test_shaoxing_unit_column_last():
    rep = segment(read(FIXTURES / "12_shaoxing_2020_q1.txt"))
    t = rep.tasks[1]
    assert t.content.startswith("持续推进重大项目攻坚")
    assert t.progress_text.startswith("1-2月,全市固定资产投资")
    assert "市发改委" not in t.progress_text


def test_pipe_cells():
    rep = segment(read(FIXTURES / "14_shaoxing_2021_q3.txt"))
    t1, t2 = rep.tasks
    assert t1.content.startswith("确保地区生产总值增长7%以上。")
    assert t1.progress_text.startswith("前三季度,全市GDP增长11.4%")
    assert t1.progress_text.endswith("落地率79.3%。")
    assert "|" not in t1.progress_text
    # l.3 progress "1.“十四五”专项规划基本编制完成; 2.印发…" items inline
    assert t2.items[0].startswith("1.“十四五”") and t2.items[1].startswith("2.印发")


def test_hunan_matrix_one_task_per_place():
    rep = segment(read(FIXTURES / "64_hunan_2021_jan-aug_minsheng_matrix.txt"))
    t = rep.tasks[7]
    # "8 |" "张家界市 |" "48 |" "48 |" "100.00% |" "6828 |" "5952 |" "87.17% |"
    assert t.content == "张家界市" and t.target_text == "计划完成数48;计划投资额6828万元"
    assert t.progress_text == "累计开工数48;开工率100.00%;累计完成投资额5952万元;计划投资完成率87.17%"
    total = rep.tasks[-1]
    assert total.content == "全省" and total.progress_text.startswith("累计开工数1110;")


def test_wenzhou_two_row_header_sub_columns():
    rep = segment(read(FIXTURES / "70_wenzhou_2024_h1_indicators_pipe.txt"))
    # the 绝对值 figure with the row's 单位 亿元, the 增速 figure named by its header with its (%)
    assert rep.tasks[0].progress_text == "4297.8亿元;增速6.2%"
    assert rep.tasks[4].progress_text == "年度指标"          # "5 | 全员劳动生产率 | … | 年度指标 | |||||"
    assert rep.tasks[7].progress_text == "—;增速0.7%"        # "8 | 固定资产投资 | 亿元 | 增长7% | — | 0.7 |"


def test_cut_prose_keeps_its_other_paragraphs():
    rep = segment(read(FIXTURES / "65_hunan_2010_annual_weiminbanshishi_mirror.txt"))
    # "(一)省委、省政府重点工程、重点工作指标完成情况。纳入评估的…": the task; the lead paragraph
    # "2010年,全省共有14个市州…" of "一、绩效情况" and the preamble stay paragraphs (figures read)
    assert rep.tasks[0].content == "省委、省政府重点工程、重点工作指标完成情况。"
    assert any(p.text.startswith("2010年,全省共有14个市州") for p in rep.paragraphs)
    assert not any("纳入评估的" in p.text for p in rep.paragraphs)


def test_huzhou_sequence_continues_across_sections():
    rep = segment(read(FIXTURES / "17_huzhou_2023_h1.txt"))
    assert [t.id for t in rep.tasks] == ["T1.1", "T2.2"]
    assert rep.tasks[1].leader == "吴智勇" and rep.tasks[1].leader_title == "常务副市长"
    assert rep.tasks[0].content.endswith("继续压减一般性支出15%以上。")


# --- nothing lost: every digit of every opening is a claim or an explained skip ------------------

DIGITS_XFAIL = {
    "49_wanzhou_2022_h1.txt": "numbers glued to words where markup was stripped (27工业项目, 企业22数字化车间2)",
    "68_bazhong_2017_jan-sep_minsheng.txt": "dropped characters (19月 for 1—9月, 有3( for 有3项()",
}


def _digit_params() -> list:
    return [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=DIGITS_XFAIL[n]))
            if n in DIGITS_XFAIL else n for n in sorted(EXPECT)]


@pytest.mark.parametrize("name", _digit_params())
def test_no_digit_unexplained(name: str):
    import zsprogress

    cs = zsprogress.extract_claims(zsprogress.parse_report(FIXTURES / name))
    assert cs.unexplained_digits == 0, [u["text"] for u in cs.unexplained]
