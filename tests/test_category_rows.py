"""Category rows numbered 一, 二 in the number column, the tasks 1, 2, … under them.

Written from the genre: a table groups its tasks under category rows printed as rows of the table
(一 | 经济发展 | | ), in text with tabs, pipes or aligned spaces, or in HTML with the name spanning
the other columns. Each is a section heading; the rows under it are its tasks. Expected values are
read from the texts."""

from __future__ import annotations

import pytest

from zsprogress.api import parse_report

TITLE = "XX区2024年政府工作报告重点工作任务分解及前三季度完成情况"
HEADER = ["序号", "重点工作", "牵头单位", "前三季度完成情况"]
ROWS = [["一", "经济发展", "", ""],
        ["1", "地区生产总值增长6%", "区发改局", "前三季度地区生产总值增长5.7%。"],
        ["2", "固定资产投资增长8%", "区发改局", "1-9月固定资产投资增长9.2%。"],
        ["二", "社会民生", "", ""],
        ["3", "城镇新增就业8000人", "区人社局", "1-9月城镇新增就业6900人。"],
        ["4", "新建改建公厕20座", "区城管局", "已完成新建改建公厕16座。"]]
WANT = [("T1.1", "经济发展", "区发改局", False), ("T1.2", "经济发展", "区发改局", False),
        ("T2.3", "社会民生", "区人社局", False), ("T2.4", "社会民生", "区城管局", False)]


def _got(report) -> list:
    return [(t.id, t.section, t.lead_units[0], t.truncated) for t in report.tasks]


@pytest.mark.parametrize("sep", ["\t", " | "], ids=["tabs", "pipes"])
def test_delimited(sep):
    text = "\n".join([TITLE, sep.join(HEADER)] + [sep.join(r) for r in ROWS]) + "\n"
    report = parse_report(text=text)
    assert _got(report) == WANT
    assert "truncated" not in {d.code for d in report.diagnostics}


def test_aligned_spaces():
    widths = [6, 26, 12, 0]

    def line(cells):
        return "".join(c + " " * max(2, w - 2 * len(c)) if w else c for c, w in zip(cells, widths, strict=True)).rstrip()

    text = "\n".join([TITLE, line(HEADER)] + [line(r) for r in ROWS]) + "\n"
    assert _got(parse_report(text=text)) == WANT


def test_html_with_the_name_spanning_the_row(tmp_path):
    cells = "".join(f"<th>{h}</th>" for h in HEADER)
    body = "".join(f'<tr><td>{r[0]}</td><td colspan="3">{r[1]}</td></tr>' if r[0] in "一二" else
                   "<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in ROWS)
    path = tmp_path / "r.html"
    path.write_text(f'<html><head><meta charset="utf-8"><title>{TITLE}</title></head><body>'
                    f"<table><tr>{cells}</tr>{body}</table></body></html>", encoding="utf-8")
    assert _got(parse_report(path)) == WANT


@pytest.mark.parametrize("sep", ["\t", " | "], ids=["tabs", "pipes"])
def test_a_numbered_row_with_cells_is_no_category(sep):
    """一 | 地区生产总值增长6% | 区发改局 | …: a row with its cells is a task numbered with an ordinal."""
    rows = [["一", "地区生产总值增长6%", "区发改局", "前三季度地区生产总值增长5.7%。"],
            ["二", "固定资产投资增长8%", "区发改局", "1-9月固定资产投资增长9.2%。"]]
    report = parse_report(text="\n".join([TITLE, sep.join(HEADER)] + [sep.join(r) for r in rows]) + "\n")
    assert [(t.seq, t.content) for t in report.tasks] == [(1, "地区生产总值增长6%"), (2, "固定资产投资增长8%")]
