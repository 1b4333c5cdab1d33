"""The same report in another layout gives the same tasks.

tests/relayout.py writes the bundled sample's 120 tasks (a table one cell per line, under 10
leader headings) again in other families of real reports (tests/fixtures/layouts/): cells in
another column order or with a 责任领导 column, pipe rows, label blocks, numbered lines with an
inline lead unit, space-delimited rows. Read back, each must give the same tasks: count, and per
task the seq, content, lead units, leader and progress text (whitespace aside).
`PYTHONPATH=$PWD python tests/relayout.py` prints the figures per family.
"""

from __future__ import annotations

import pytest
from relayout import FAMILIES, FIELDS, compare, label_blocks

from zsprogress.api import parse_report

XFAIL: dict[str, str] = {}


@pytest.fixture(scope="module")
def sample_tasks():
    tasks = parse_report().tasks
    assert len(tasks) == 120                     # the sample's 10 leaders' tasks, as read from its table
    return tasks


def _families():
    return [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=XFAIL[n])) if n in XFAIL else n
            for n in FAMILIES]


@pytest.mark.parametrize("family", _families())
def test_same_tasks_in_another_layout(sample_tasks, family: str):
    text = FAMILIES[family](sample_tasks)
    r = compare(sample_tasks, parse_report(text=text).tasks)
    assert r["found"] == 120
    assert r["diffs"] == {**{f: 0 for f in FIELDS}, "missing": 0}, r["first"]


@pytest.mark.parametrize("family", list(FAMILIES))
def test_same_completion_rows_in_another_layout(sample_tasks, family: str):
    """... and the same completion rows: each target with the same actual and status, though a
    family joins the paragraphs of a progress cell into one line (a figure is then linked by what
    it measures, not by the paragraph it stands in)."""
    from zsprogress.api import completion_table

    def rows(report) -> list[tuple]:
        return [(r.task_id, r.target.text, r.actual.text if r.actual else None, r.status)
                for r in completion_table(report)]

    assert rows(parse_report(text=FAMILIES[family](sample_tasks))) == rows(parse_report())


def test_generator_writes_the_family_shape(sample_tasks):
    """The label-block writer prints a real family's shape (43): heading, task line, labels."""
    lines = [x for x in label_blocks(sample_tasks).split("\n") if x]
    i = lines.index("  一、徐仁标市长牵头重点工作")
    assert lines[i + 1] == "  1.一般公共预算收入与经济增长基本同步。"
    assert lines[i + 2] == "  牵头单位:市财政局"
    assert lines[i + 3].startswith("  完成情况:上半年,全市预计一般公共预算收入153.57亿元")


def test_progress_sub_items_are_not_tasks():
    """A label block whose progress numbers its own points (1. 2.) keeps them in the progress:
    only a numbered line followed by its labels, or one continuing the task numbering after a
    progress without points, is a task."""
    text = "\n".join([
        "一、重点工作", "",
        "5.推进改革。", "牵头单位:市财政局", "完成情况:1.完成方案编制。", "2.启动试点3个。", "",
        "6.建设港口。", "牵头单位:市交通局", "完成情况:", "1.开工泊位2个;", "2.完成投资5亿元。", "",
        "7.建设公园。", "牵头单位:市建设局", "完成情况:已完成。", "",
        "8.推进养老服务。",
    ])
    tasks = parse_report(text=text).tasks
    assert [t.seq for t in tasks] == [5, 6, 7, 8]
    assert "启动试点3个" in tasks[0].progress_text
    assert "完成投资5亿元" in tasks[1].progress_text
    assert tasks[3].content == "推进养老服务。"


def test_pipe_heading_row_under_the_header():
    """A one-cell row right under a pipe header row is a heading spanning the table (a leader
    heading as in 54's `全市经济社会发展主要预期目标 |`), not a second header row."""
    text = "\n".join([
        "序号 | 重点任务 | 牵头单位 | 完成情况 |",
        "徐仁标市长牵头重点工作 |",
        "1 | 推进改革。 | 市财政局 | 已完成。 |",
        "毛江平常务副市长牵头重点工作 |",
        "1 | 建设港口。 | 市交通局 | 开工泊位2个。 |",
    ])
    tasks = parse_report(text=text).tasks
    assert [(t.seq, t.leader, t.lead_units) for t in tasks] == [(1, "徐仁标", ["市财政局"]), (1, "毛江平", ["市交通局"])]


def test_flattened_items_with_numbered_progress():
    """A list flattened into one paragraph (44) that starts with its first item, whose progress
    numbers its own points and whose numbering skips a number: the items are the numbers
    followed by their labels."""
    text = " ".join([
        "1.推进国企改革,开展管理提升专项行动,完善市场化经营机制。 牵头领导:张三 责任单位:市国资委",
        "实际完成情况:1.出台专项行动方案,聚焦主责主业管理、存量资产盘活、债务结构优化。2.子企业经理层任期制覆盖率达95%。",
        "3.建设金塘新材料产业园,推进项目加快建设,做强新材料产业集群。 牵头领导:张三 责任单位:金塘管委会",
        "实际完成情况:1.项目投资纳统50.4亿元。2.累计11套装置工艺包完成交付,在建主体装置全部进入土建施工。",
        "4.加快建设便民生活圈,完善县乡村三级商业设施。 牵头领导:李四 责任单位:市商务局 实际完成情况:完成首批省级一刻钟便民生活圈试点地区6个便民圈验收,其中4个确定为提升型,2个确定为基础型;组织两个县(区)申报第二批试点地区。",
    ])
    assert len(text) > 300                       # a shorter paragraph is never read as a flattened list
    tasks = parse_report(text=text).tasks
    assert [(t.seq, t.leader, t.lead_units) for t in tasks] == [
        (1, "张三", ["市国资委"]), (3, "张三", ["金塘管委会"]), (4, "李四", ["市商务局"])]
    assert tasks[0].progress_text.endswith("覆盖率达95%。")
    assert "11套装置工艺包" in tasks[1].progress_text


def test_numbered_task_cells_with_the_units_last():
    """Cells one a line, the number glued to the task sentence and the unit column last (57):
    the line after a unit cell (or a heading) starts the next row, even a sentence, even when the
    numbering skips a number or starts again under the next leader; the progress's own 1. 2.
    stay in the progress, and the last row ends with its unit cell."""
    text = "\n\n".join([
        "类别", "重点工作", "完成情况", "责任部门",
        "徐仁标市长牵头重点工作",
        "1、实施国资国企改革深化提升行动。", "1.出台专项行动方案。", "2.子企业经理层任期制覆盖率达95%。",
        "市财政局", "市国资委",
        "3、建设金塘先进新材料产业园。", "项目投资纳统50.4亿元。", "金塘管委会",
        "毛江平常务副市长牵头重点工作",
        "1、发展绿色新型船燃。", "上半年保税船燃加注量360.45万吨。", "高新区管委会",
    ])
    tasks = parse_report(text=text).tasks
    assert [(t.seq, t.leader, t.lead_units) for t in tasks] == [
        (1, "徐仁标", ["市财政局", "市国资委"]), (3, "徐仁标", ["金塘管委会"]), (1, "毛江平", ["高新区管委会"])]
    assert tasks[0].progress_text.split("\n") == ["1.出台专项行动方案。", "2.子企业经理层任期制覆盖率达95%。"]
    assert tasks[1].content == "建设金塘先进新材料产业园。"


def test_tagged_list_lines_with_task_sentences():
    """Numbered lines naming the lead unit after the task (63) keep a long task sentence before
    the tag, read the leader of a leader heading, and a progress that numbers its own points
    (…;2.…) is no ranking."""
    text = "\n".join([
        "一、徐仁标市长牵头重点工作",
        "1、地区生产总值增长6.5%、力争7%,固定资产投资增长6%,居民人均可支配收入与经济增长基本同步,"
        "能源指标完成省定任务,牵头单位:市发改委。上半年GDP增长5.2%。",
        "2、实施社区嵌入式服务设施建设,牵头单位:市民政局。定海区:1.完成投放点建设;2.建成口袋公园1个。",
        "二、金寨县等进度较快",
        "1、金寨县;2、裕安区;3、霍山县。",
    ])
    tasks = parse_report(text=text).tasks
    assert [(t.seq, t.leader, t.lead_units) for t in tasks] == [(1, "徐仁标", ["市发改委"]), (2, "徐仁标", ["市民政局"])]
    assert tasks[0].content.endswith("能源指标完成省定任务")
    assert tasks[1].progress_text.endswith("2.建成口袋公园1个。")


def test_pipe_leader_heading_as_category_cell():
    """Pipe rows with the group's cell before the number on its first row (70): a leader heading
    longer than an indicator category (毛江平常务副市长牵头重点工作) names the leader too."""
    text = "\n".join([
        "序号 | 重点工作 | 牵头单位 | 完成情况 | ||",
        "毛江平常务副市长牵头重点工作 | 1 | 推进改革。 | 市财政局 | 已完成。 | ||",
        "2 | 建设港口。 | 市交通局 | 开工泊位2个。 | ||",
        "史舟海市政府党组成员牵头重点工作 | 1 | 发展船燃。 | 市港航局 | 加注360万吨。 | ||",
    ])
    tasks = parse_report(text=text).tasks
    assert [(t.seq, t.leader, t.content, t.lead_units) for t in tasks] == [
        (1, "毛江平", "推进改革。", ["市财政局"]), (2, "毛江平", "建设港口。", ["市交通局"]),
        (1, "史舟海", "发展船燃。", ["市港航局"])]
