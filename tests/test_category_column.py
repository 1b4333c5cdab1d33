"""A category column (类别, 领域) after the number column, its cell on every row or on the first
row of its group only: its text is the task's section, in every text layout and in HTML.
Before, the text families read the column and dropped its cells (no figure, so no
dropped-figures either); one cell per line misaligned the rows. Expected values read from the texts."""

from __future__ import annotations

import pytest
from tables import rows_as

from zsprogress.api import parse_report

HEADER = ["序号", "类别", "工作任务", "牵头单位", "推进情况"]
ROWS = [
    ["1", "产业发展", "新增规上工业企业20家", "县工信局", "已新增规上工业企业12家。"],
    ["2", "产业发展", "引进亿元以上项目10个", "县投促局", "已引进亿元以上项目6个。"],
    ["3", "民生保障", "新建幼儿园3所", "县教育局", "2所已完工,1所主体完工。"],
]
WANT = [(1, "产业发展", "新增规上工业企业20家", ["县工信局"]), (2, "产业发展", "引进亿元以上项目10个", ["县投促局"]),
        (3, "民生保障", "新建幼儿园3所", ["县教育局"])]


def _text(shape: str, first_only: bool, header_word: str) -> str:
    rows = [list(r) for r in ROWS]
    if first_only:
        rows[1][1] = ""
    table = [[header_word if c == "类别" else c for c in HEADER], *rows]
    body = rows_as(shape, table)       # one cell per line: an empty cell dropped
    return "\n".join(["某县2024年政府工作报告重点任务推进情况", "", *body]) + "\n"


def _check(rep):
    assert [(t.seq, t.section, t.content, t.lead_units) for t in rep.tasks] == WANT


@pytest.mark.parametrize("shape", ["tabs", "pipe", "spaces"])
@pytest.mark.parametrize("first_only", [False, True])
@pytest.mark.parametrize("header_word", ["类别", "领域", "类 别"])
def test_category_after_number(shape, first_only, header_word):
    _check(parse_report(text=_text(shape, first_only, header_word)))


@pytest.mark.parametrize("first_only", [False, True])
def test_category_after_number_html(first_only, tmp_path):
    rows = [list(r) for r in ROWS]
    if first_only:
        rows[1][1] = ""
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in [HEADER, *rows])
    p = tmp_path / "r.html"
    p.write_text(f"<html><body><p>某县2024年政府工作报告重点任务推进情况</p><table>{body}</table></body></html>",
                 encoding="utf-8")
    _check(parse_report(p))


@pytest.mark.parametrize("first_only", [False, True])
def test_category_after_number_cells(first_only):
    _check(parse_report(text=_text("cells", first_only, "类别")))


@pytest.mark.parametrize("task", ["新建幼儿园3所", "改造提升泵站2座", "新建5G基站1200个"])
def test_a_count_is_no_unit_name(task):
    # a task ending with a count whose measure word ends unit names too (所, 站, 座) is the task,
    # not a unit cell: one cell per line aligns by it
    from zsprogress.segment.units import is_unit_cell

    assert not is_unit_cell(task)
    assert is_unit_cell("县教育局") and is_unit_cell("12345热线办")
