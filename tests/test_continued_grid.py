"""A table continued in a second grid with no header (a Word or HTML table broken at a page, a
table per group with the header on the first only) is read with the columns of the header
before it, when it has as many columns. Expected values read from the tables."""

from __future__ import annotations

import pytest
from tables import html_table

from zsprogress.api import parse_report

HEADER = ["序号", "工作任务", "牵头单位", "推进情况"]
ROWS = [["1", "新增城镇就业3000人", "县人社局", "1-9月新增城镇就业2450人。"],
        ["2", "完成固定资产投资120亿元", "县发改局", "1-9月完成固定资产投资85亿元。"],
        ["3", "新建改造农村公路50公里", "县交通局", "已完成38公里。"],
        ["4", "新建幼儿园3所", "县教育局", "已建成2所。"]]
WANT = [(int(r[0]), r[1], [r[2]], r[3]) for r in ROWS]
TITLE = "2024年县政府工作报告重点任务1-9月推进情况"


def _html(tmp_path, second):
    p = tmp_path / "r.html"
    p.write_text(f"<html><body><p>{TITLE}</p>{html_table([HEADER, *ROWS[:2]])}<p>— 2 —</p>{html_table(second)}</body></html>",
                 encoding="utf-8")
    return p


def _docx(tmp_path, second):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph(TITLE)
    for rows in ([HEADER, *ROWS[:2]], second):
        t = d.add_table(rows=len(rows), cols=len(rows[0]))
        for i, r in enumerate(rows):
            for j, c in enumerate(r):
                t.cell(i, j).text = c
        d.add_paragraph("")
    p = tmp_path / "r.docx"
    d.save(p)
    return p


@pytest.mark.parametrize("write", [_html, _docx])
def test_headerless_continuation(write, tmp_path):
    rep = parse_report(write(tmp_path, ROWS[2:]))
    assert [(t.seq, t.content, t.lead_units, t.progress_text) for t in rep.tasks] == WANT
    assert "dropped-figures" not in {d.code for d in rep.diagnostics}


@pytest.mark.parametrize("write", [_html, _docx])
def test_other_width_is_not_a_continuation(write, tmp_path):
    # a grid of three columns after a header of four: not the same table; its figures are not
    # lost but kept as the report's paragraphs (their claims read there)
    rep = parse_report(write(tmp_path, [r[:3] for r in ROWS[2:]]))
    assert [t.seq for t in rep.tasks] == [1, 2]
    kept = "\n".join(p.text for p in rep.preamble + rep.paragraphs)
    assert "新建改造农村公路50公里" in kept and "新建幼儿园3所" in kept
