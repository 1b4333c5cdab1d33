"""A header row split over two lines (a header word wrapped in its cell: 工 / 作 成 效, 任务 /
内容), in the table families that read a header line by line (issue 17, kind split_header).
Expected values are read from the texts."""

from __future__ import annotations

import pytest

from zsprogress.api import parse_report

TITLE = "2024年市政府工作报告重点工作半年度完成情况\n\n"

ROWS_WIDE = [
    "1  市城管局  纵深推进行政执法改革,全面提升执法质效。  一季度综合评价位列全省第6。",
    "2  市海洋经济局  支持“走出去”建立境外远洋渔业基地。  大洋世家已完成3艘大型金枪鱼围网渔船建造。",
]


@pytest.mark.parametrize("first,second", [
    ("序 号  责 任主体  目 标 任 务  工", "作 成 效"),          # the word cut after its first character
    ("序 号  责 任 主 体  目 标 任 务  工 作", "成 效"),         # after two
    ("序 號  責 任主體  目 標 任 務  工", "作 成 效"),          # traditional script
])
def test_spaces_header_word_spaced_out_and_wrapped(first, second):
    """Cells set apart by two spaces, each header word spaced out (目 标 任 务); the last header
    word wrapped onto the next line, its rest spaced out too (工 / 作 成 效): the two lines are
    one header, so the unit column is the unit column and the task the task."""
    text = TITLE + "\n".join([first, second, *ROWS_WIDE]) + "\n"
    rep = parse_report(text=text)
    assert rep.layout == "spaces"
    assert [t.seq for t in rep.tasks] == [1, 2]
    assert [t.lead_units for t in rep.tasks] == [["市城管局"], ["市海洋经济局"]]
    assert [t.content for t in rep.tasks] == ["纵深推进行政执法改革,全面提升执法质效。",
                                              "支持“走出去”建立境外远洋渔业基地。"]
    assert rep.tasks[1].progress_text == "大洋世家已完成3艘大型金枪鱼围网渔船建造。"


@pytest.mark.parametrize("first,second", [
    ("序号 | 任务 | 责任领导 | 牵头单位 | 半年度完成情况 |", " | 内容 |  |  |  |"),
    ("序號 | 任務 | 責任領導 | 牽頭單位 | 半年度完成情況 |", " | 內容 |  |  |  |"),
])
def test_pipe_header_word_wrapped_into_a_word_naming_the_same_column(first, second):
    """Rows ended by a pipe; the task header word wrapped in its cell (任务 / 内容: both name the
    task column), its second line printing the blank cells before their pipes. The second line
    is the header's, not a stray line: the rows keep their cells in their columns (the leader
    under 责任领导, the unit under 牵头单位) however the pipes ending the lines are read."""
    text = TITLE + "\n".join([
        first, second,
        "1 | 高标准落实国土空间总体规划。 | 周建军 | 市资源规划局 | 1.市级国土空间总体规划于3月31日获省政府批复;"
        "两个县级国土空间总体规划已上报省政府待批复。 |",
        "2 | 加强区域衔接、功能互补。 | 周建军 | 市资源规划局 | 1.新城北入城口和高铁新城等重点片区目前均已完成规划编制、"
        "报批工作。 |"]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2]
    assert [t.lead_units for t in rep.tasks] == [["市资源规划局"], ["市资源规划局"]]
    assert [t.leader for t in rep.tasks] == ["周建军", "周建军"]
    assert rep.tasks[0].content == "高标准落实国土空间总体规划。"
    assert rep.tasks[1].progress_text.startswith("1.新城北入城口和高铁新城")
    assert not [d for d in rep.diagnostics if d.code == "unassigned-lines"]
