"""A number column printed as 1 / 1. / 1、 / (1) / （1） / 1) / 第1项: each is the row's number, in
tab rows, pipe rows and one cell per line. Before, (1) and 第1项 in a tab row became the task
text (and the task the lead unit); one cell per line lost the numbers. Expected values read from
the rows."""

from __future__ import annotations

import pytest
from tables import rows_as

from zsprogress.api import parse_report

ROWS = [("新增城镇就业3000人", "县人社局", "1-9月新增城镇就业2450人。"),
        ("完成固定资产投资120亿元", "县发改局", "1-9月完成固定资产投资85亿元。"),
        ("新建改造农村公路50公里", "县交通局", "已完成38公里。")]
HEADER = ("序号", "工作任务", "牵头单位", "推进情况")
FORMS = ["{n}", "{n}.", "{n}、", "({n})", "\uff08{n}\uff09", "{n})", "第{n}项"]


def _text(shape: str, form: str) -> str:
    table = [HEADER, *[(form.format(n=i),) + r for i, r in enumerate(ROWS, 1)]]
    body = rows_as(shape, table)
    return "\n".join(["2024年县政府工作报告重点任务推进情况", "", *body]) + "\n"


@pytest.mark.parametrize("shape", ["tabs", "pipe", "cells"])
@pytest.mark.parametrize("form", FORMS)
def test_number_forms(shape, form):
    rep = parse_report(text=_text(shape, form))
    got = [(t.seq, t.content, t.lead_units, t.progress_text) for t in rep.tasks]
    assert got == [(i, c, [u], p) for i, (c, u, p) in enumerate(ROWS, 1)]
