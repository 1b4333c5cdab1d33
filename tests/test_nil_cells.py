"""The last row of a table whose last column says there is nothing to report (存在问题: 无, 暂无,
/) is whole, not cut off mid-sentence, even where the other rows end that column with a
sentence. A last cell cut off mid-sentence is still flagged. Expected values read from the texts;
each shape written as tabs, pipe rows and one cell per line, in simplified and traditional."""

from __future__ import annotations

import pytest
from tables import rows_as

from zsprogress.api import parse_report

HEADER = ["序号", "工作任务", "牵头单位", "推进情况", "存在问题及下步打算"]
ROWS = [
    ["1", "新增规上工业企业20家", "县工信局", "已新增规上工业企业12家。", "部分企业产值未达标,下步加强培育。"],
    ["2", "引进亿元以上项目10个", "县投促局", "已引进亿元以上项目6个。", "无"],
]


def _write(shape: str, last: str, trad: bool = False) -> str:
    rows = [HEADER, *ROWS, ["3", "新建幼儿园3所", "县教育局", "2所已完工,1所主体完工。", last]]

    def row(cells):
        return rows_as(shape, [cells])
    text = "\n".join(["某县2024年政府工作报告重点任务推进情况", ""] + [x for r in rows for x in row(r)]) + "\n"
    if trad:
        text = text.translate(str.maketrans("县业规亿项个报务进况问题及打单园", "縣業規億項個報務進況問題及打單園"))
    return text


@pytest.mark.parametrize("shape", ["tabs", "pipe", "cells"])
@pytest.mark.parametrize("last", ["无", "暂无", "/", "无。"])
@pytest.mark.parametrize("trad", [False, True])
def test_nil_last_cell_is_whole(shape, last, trad):
    rep = parse_report(text=_write(shape, last, trad))
    assert [t.seq for t in rep.tasks] == [1, 2, 3]
    assert not any(t.truncated for t in rep.tasks)
    assert "truncated" not in {d.code for d in rep.diagnostics}


@pytest.mark.parametrize("shape", ["tabs", "pipe"])
def test_cut_last_cell_still_flagged(shape):
    rep = parse_report(text=_write(shape, "部分园所设备采购进度偏慢,下步将加"))
    assert [t.seq for t in rep.tasks] == [1, 2, 3]
    assert rep.tasks[-1].truncated
    assert "truncated" in {d.code for d in rep.diagnostics}
