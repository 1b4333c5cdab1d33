"""A report written as one table per group (a sheet per group in a workbook, a table per leader
in a Word file or a page), each numbered from 1: each table is a section, named by its sheet
(not Sheet1), its caption or its title row, and its tasks get ids of their own section (no
repeated number within a section, no seq-duplicate finding). A heading between the tables
names the section itself. Expected values read from the tables."""

from __future__ import annotations

import pytest
from tables import html_table

from zsprogress.api import parse_report

HEADER = ["序号", "工作任务", "牵头单位", "1-6月推进情况"]
GROUPS = {"经济发展": [["1", "新增城镇就业3000人", "县人社局", "1-6月新增城镇就业1450人。"],
                   ["2", "完成固定资产投资120亿元", "县发改局", "1-6月完成固定资产投资55亿元。"]],
          "社会民生": [["1", "新建改造农村公路50公里", "县交通局", "已完成28公里。"],
                   ["2", "新建幼儿园3所", "县教育局", "已开工3所。"]]}
TITLE = "2024年县政府工作报告重点任务推进情况"


def _want(named: bool):
    return [(f"T{s}.{r[0]}", name if named else None, int(r[0]), r[1])
            for s, (name, rows) in enumerate(GROUPS.items(), 1) for r in rows]


def _xlsx(tmp_path, sheet_names: bool, title_rows: bool):
    xlsxwriter = pytest.importorskip("xlsxwriter")
    pytest.importorskip("python_calamine")
    p = tmp_path / "r.xlsx"
    wb = xlsxwriter.Workbook(str(p))
    for k, (name, rows) in enumerate(GROUPS.items(), 1):
        ws = wb.add_worksheet(name if sheet_names else f"Sheet{k}")
        top = 0
        if title_rows:
            ws.merge_range(0, 0, 0, 3, name)
            top = 1
        for j, h in enumerate(HEADER):
            ws.write(top, j, h)
        for i, r in enumerate(rows, top + 1):
            for j, c in enumerate(r):
                ws.write(i, j, int(c) if c.isdigit() else c)
    wb.close()
    return p


@pytest.mark.parametrize("sheet_names,title_rows,named", [(True, False, True), (False, True, True),
                                                          (False, False, False), (True, True, True)])
def test_sheet_per_group(sheet_names, title_rows, named, tmp_path):
    rep = parse_report(_xlsx(tmp_path, sheet_names, title_rows))
    assert [(t.id, t.section, t.seq, t.content) for t in rep.tasks] == _want(named)
    assert not {d.code for d in rep.diagnostics} & {"seq-duplicate", "dropped-figures"}


@pytest.mark.parametrize("heading", [False, True])
def test_html_table_per_group(heading, tmp_path):
    parts = [f"<p>{TITLE}</p>"]
    for k, (name, rows) in enumerate(GROUPS.items()):
        parts += [f"<p>{'一二'[k]}、{name}</p>"] if heading else []
        parts.append(html_table([HEADER, *rows]))
    p = tmp_path / "r.html"
    p.write_text("<html><body>" + "".join(parts) + "</body></html>", encoding="utf-8")
    rep = parse_report(p)
    # a heading between the tables is the section as printed (一、经济发展), not doubled
    want = [(i, f"{'一二'[int(i[1]) - 1]}、{sec}" if heading else None, s, c) for i, sec, s, c in _want(True)]
    assert [(t.id, t.section, t.seq, t.content) for t in rep.tasks] == want


def test_text_tables_per_group():
    lines = [TITLE, ""]
    for rows in GROUPS.values():
        lines += ["\t".join(HEADER), *("\t".join(r) for r in rows), ""]
    rep = parse_report(text="\n".join(lines))
    assert [(t.id, t.seq, t.content) for t in rep.tasks] == [(i, s, c) for i, _, s, c in _want(False)]
    assert "seq-duplicate" not in {d.code for d in rep.diagnostics}
