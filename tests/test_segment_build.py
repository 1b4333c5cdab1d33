"""The one builder on grids as the binary formats give them: cells with ``pos`` and no ``line``,
merged cells as spans (a leader cell spanning rows, a heading spanning all columns)."""

from __future__ import annotations

from zsprogress.grid import Cell, Grid, Page
from zsprogress.segment import build


def _c(text: str, pos: str, **kw) -> Cell:
    return Cell(text, pos=pos, **kw)


def test_build_grid_with_spans_and_no_lines():
    grid = Grid(rows=[
        [_c("序号", "r1c1"), _c("任务内容", "r1c2"), _c("牵头单位", "r1c3"), _c("完成情况", "r1c4")],
        [_c("一、徐仁标市长牵头重点工作", "r2c1", colspan=4)],
        [_c("1", "r3c1"), _c("推进改革。", "r3c2"), _c("市财政局、市国资委", "r3c3"), _c("已完成。", "r3c4")],
        [_c("2", "r4c1"), _c("建设项目。(牵头单位:市发改委)", "r4c2"), _c("", "r4c3"), _c("完成50%。", "r4c4")],
    ], header_rows=1, source="table 1")
    tasks = build(Page(blocks=["舟山市2024年重点工作完成情况", grid], format="html"))
    assert [t.id for t in tasks] == ["T1.1", "T1.2"]
    assert tasks[0].leader == "徐仁标" and tasks[0].leader_title == "市长"
    assert tasks[0].section == "一、徐仁标市长牵头重点工作"
    assert tasks[0].lead_units == ["市财政局", "市国资委"]
    assert tasks[1].lead_units == ["市发改委"] and tasks[1].content == "建设项目。"
    assert tasks[1].progress_text == "完成50%。" and tasks[1].line == 0


def test_build_finds_an_unmarked_header_and_skips_a_repeated_one():
    grid = Grid(rows=[
        [_c("2024年重点工作", "r1c1", colspan=3)],
        [_c("序号", "r2c1"), _c("工作任务", "r2c2"), _c("进展情况", "r2c3")],
        [_c("1", "r3c1"), _c("甲", "r3c2"), _c("乙", "r3c3")],
        [_c("序号", "r4c1"), _c("工作任务", "r4c2"), _c("进展情况", "r4c3")],
        [_c("2", "r5c1"), _c("丙", "r5c2"), _c("丁", "r5c3", rowspan=2)],
        [_c("3", "r6c1"), _c("戊", "r6c2")],
    ])
    tasks = build(Page(blocks=[grid]))
    assert [(t.id, t.content, t.progress_text) for t in tasks] == [
        ("T0.1", "甲", "乙"), ("T0.2", "丙", "丁"), ("T0.3", "戊", "丁")]
