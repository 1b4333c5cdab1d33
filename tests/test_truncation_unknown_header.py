"""A table whose task column has a header word nobody listed is whole when its last row is.

Written from the genre: a 民生实事 table (民生实事 | 完成情况 | 是否完成) whose last row ends on a
status word, as every row does, is not cut off; the task column is inferred from its cells
(the header word names no kind), and its cell is the row's task text. Expected values are read
from the text."""

from __future__ import annotations

import pytest

from zsprogress.api import parse_report

ROWS = [("新增公办幼儿园学位3000个", "新增学位3200个", "已完成"),
        ("改造农村危房500户", "已改造460户", "未完成"),
        ("为10万名老人提供免费体检", "完成体检9.6万人", "按序时推进")]


@pytest.mark.parametrize("word", ["民生实事", "惠民举措", "民生工程"])
def test_the_last_row_ending_like_every_row_is_whole(word):
    lines = ["某市2024年政府工作报告民生实事完成情况（截至11月底）", "\t".join(["序号", word, "完成情况", "是否完成"])]
    lines += ["\t".join([str(i), *row]) for i, row in enumerate(ROWS, 1)]
    report = parse_report(text="\n".join(lines) + "\n")
    assert [(t.seq, t.content, t.progress_text, t.truncated) for t in report.tasks] == [
        (i, c, p, False) for i, (c, p, _) in enumerate(ROWS, 1)]
    assert "truncated" not in {d.code for d in report.diagnostics}


def test_a_last_row_cut_off_is_still_said():
    lines = ["某市2024年政府工作报告民生实事完成情况（截至11月底）", "序号\t惠民举措\t完成情况\t是否完成"]
    lines += ["\t".join([str(i), *row]) for i, row in enumerate(ROWS[:2], 1)]
    lines.append("3\t为10万名老人提供免费体检")
    report = parse_report(text="\n".join(lines) + "\n")
    assert "truncated" in {d.code for d in report.diagnostics}
