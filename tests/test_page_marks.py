"""A page break turned to text (— 2 —, - 3 -, 第2页 共5页) between a table's rows, as a PDF's or a
Word attachment's text has it, and the header printed again at the top of the next page: the
page mark belongs to no cell, the repeated header starts no new table. Expected values are read
from the texts; each shape is written in tab, pipe and one-cell-per-line form."""

from __future__ import annotations

import pytest
from tables import rows_as

from zsprogress.api import parse_report

HEADER = ["序号", "重点工作任务", "牵头单位", "1-9月推进情况"]
ROWS = [
    ["1", "新增城镇就业4万人", "市人社局", "1-9月新增城镇就业3.3万人。"],
    ["2", "新建5G基站1200个", "市工信局", "已建成5G基站960个。"],
    ["3", "改造老旧小区60个", "市住建局", "已完工老旧小区31个。"],
]


def _write(shape: str, mark: str, repeat_header: bool) -> str:
    def row(cells):
        return rows_as(shape, [cells])
    lines = ["某市2024年政府工作报告重点工作任务1-9月推进情况", ""] + row(HEADER)
    for i, r in enumerate(ROWS):
        if i == 2:
            lines += ["", mark, ""] + (row(HEADER) if repeat_header else [])
        lines += row(r)
    return "\n".join(lines + [mark]) + "\n"


@pytest.mark.parametrize("shape", ["tabs", "pipe", "cells"])
@pytest.mark.parametrize("mark", ["— 2 —", "- 2 -", "第2页 共5页"])
@pytest.mark.parametrize("repeat_header", [False, True])
def test_page_mark_between_rows(shape, mark, repeat_header):
    rep = parse_report(text=_write(shape, mark, repeat_header))
    got = [(t.seq, t.content, t.lead_units, t.progress_text) for t in rep.tasks]
    assert got == [
        (1, "新增城镇就业4万人", ["市人社局"], "1-9月新增城镇就业3.3万人。"),
        (2, "新建5G基站1200个", ["市工信局"], "已建成5G基站960个。"),
        (3, "改造老旧小区60个", ["市住建局"], "已完工老旧小区31个。"),
    ]
    assert not [d for d in rep.diagnostics if d.code in ("unassigned-lines", "unexplained-figure")]
