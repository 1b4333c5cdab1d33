"""One case per layout example (openings of real reports, each cut off at the end).

The examples live in /work/shared/corpus/layouts/; copies are kept in tests/fixtures/layouts/
(with SOURCES.md) so the tests run without the shared folder. Every expectation below was read
off the text of the file by a person; the comment says where.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from zsprogress.read import read
from zsprogress.segment import segment

FIXTURES = Path(__file__).parent / "fixtures" / "layouts"
SHARED = Path(__file__).parents[1].parent / "shared" / "corpus" / "layouts"

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
}


def _files() -> list[str]:
    return sorted(p.name for p in FIXTURES.glob("*.txt"))


def test_every_fixture_has_an_expectation():
    assert _files() == sorted(EXPECT)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_layout(name: str):
    rep = segment(read(FIXTURES / name))
    exp = EXPECT[name]
    assert rep.layout == exp["layout"]
    assert [t.seq for t in rep.tasks] == exp["seqs"]
    assert len(rep.tasks) == len(exp["seqs"])
    for t, units in zip(rep.tasks, exp["units"]):
        assert t.lead_units == units, t.id
    first = rep.tasks[0]
    assert (first.leader, first.leader_title) == (exp["leader"] or (None, None))
    assert rep.tasks[-1].truncated is exp["truncated"]
    assert not any(t.truncated for t in rep.tasks[:-1])
    assert rep.meta.kind == exp["kind"]
    assert rep.meta.period.label == exp["period"]
    ids = [t.id for t in rep.tasks]
    assert len(set(ids)) == len(ids)
    codes = [d.code for d in rep.diagnostics]
    assert "unassigned-lines" not in codes
    assert "seq-gap" not in codes          # none of the openings skips a number
    assert ("truncated" in codes) is exp["truncated"]
    for t in rep.tasks:
        assert "牵头单位" not in t.content and "责任单位" not in t.content


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_shared_copy_matches_fixture(name: str):
    if not SHARED.is_dir():
        pytest.skip("shared layout corpus not present")
    src = SHARED / name
    if not src.is_file():
        pytest.skip(f"{name} not in the shared corpus")
    assert src.read_bytes() == (FIXTURES / name).read_bytes()


def test_shared_corpus_fully_covered():
    if not SHARED.is_dir():
        pytest.skip("shared layout corpus not present")
    for p in sorted(SHARED.glob("*.txt")):
        rep = segment(read(p))
        assert rep.tasks, p.name
        assert p.name in EXPECT, f"new layout example {p.name}: add an expectation"


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


def test_huzhou_sequence_continues_across_sections():
    rep = segment(read(FIXTURES / "17_huzhou_2023_h1.txt"))
    assert [t.id for t in rep.tasks] == ["T1.1", "T2.2"]
    assert rep.tasks[1].leader == "吴智勇" and rep.tasks[1].leader_title == "常务副市长"
    assert rep.tasks[0].content.endswith("继续压减一般性支出15%以上。")
