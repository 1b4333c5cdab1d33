"""Indicator tables (rows of 指标 | 目标 | 完成/增速) that the variation suite found misread (issue
17): an indicator row's cells are short figures, so a cell that opens with a figure (77.7亿元) or
a figure cell where the unit column is must be read by what it looks like. Expected values are
read from the texts."""

from __future__ import annotations

from zsprogress.api import completion_table, parse_report

TITLE = "2024年某市政府工作报告重点工作上半年完成情况\n\n"


def _rows(rep) -> dict[int, list[tuple[str, str, str]]]:
    out: dict[int, list[tuple[str, str, str]]] = {}
    by_id = {t.id: t.seq for t in rep.tasks}
    for r in completion_table(rep):
        out.setdefault(by_id[r.task_id], []).append((r.target.text, r.actual.text if r.actual else "", r.status))
    return out


def test_progress_cell_opening_with_a_decimal_figure_is_its_own_cell():
    # cells set apart by four spaces; the unit column is empty on every row, so the rows are a
    # cell short. 77.7亿元 opens with 77.7, not with a sub-item marker 77.: the progress cell
    # is a cell of its own, not a line of the target cell before it
    text = TITLE + "\n".join([
        "序号    指标    年度目标    推进情况    牵头单位",
        "1    地区生产总值    增长6%以上    4297.8亿元;增速6.2%",
        "2    农林牧渔业增加值    增长4%    77.7亿元;增速4.2%",
        "3    服务业增加值    增长6.5%左右    24.5亿元;增速5.2%"]) + "\n"
    rep = parse_report(text=text)
    assert [t.target_text for t in rep.tasks] == ["增长6%以上", "增长4%", "增长6.5%左右"]
    assert [t.progress_text for t in rep.tasks] == ["4297.8亿元;增速6.2%", "77.7亿元;增速4.2%", "24.5亿元;增速5.2%"]
    rows = _rows(rep)
    assert rows[2] == [("增长4%", "增速4.2%", "met")]
    assert rows[3] == [("增长6.5%", "增速5.2%", "below")]
