"""The bundled report as published in other formats gives the same records as the text.

The fixtures (tests/fixtures/formats/, written by make_fixtures.py with each format's writer
library) hold the sample's 120 tasks as an HTML page of a government CMS, a DOCX, an XLSX and a
PDF. Each is read by content (renamed to .txt it is still read as what it is) and must give
the same tasks, claims and completion rows as the text report. Also: sniffing, the Page -> text
rendering, the HTML page shapes (charset, container, several tables, attachment only, info
table), merged cells in each format, the missing-extra error and the cold start of the text path.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zsprogress.api import completion_table, extract_claims, parse_report
from zsprogress.cli import app
from zsprogress.formats import page_to_text, read_page, sniff
from zsprogress.grid import Cell, Grid, Page
from zsprogress.read import read, sample_path

pytest.importorskip("selectolax")
pytest.importorskip("docx")
pytest.importorskip("python_calamine")
pytest.importorskip("pypdfium2")

FIX = Path(__file__).parent / "fixtures" / "formats"
ROOT = Path(__file__).resolve().parents[1]
FORMATS = ["html", "docx", "xlsx", "pdf"]
TASK_FIELDS = ("id", "seq", "section", "leader", "leader_title", "lead_units", "content", "progress_text",
               "items", "target_text", "status_text", "truncated")
runner = CliRunner()

# reportlab breaks a line at a NO-BREAK SPACE and drops it there (T8.6 超\xa0550亿元 is printed
# 超 / 550亿元 on two lines), so the PDF does not hold every one the sample has: here both sides
# are compared without them (tests/test_pdf.py keeps the exact comparison as a strict xfail).
PDF_DROPS = ("\xa0",)


def fixture(fmt: str) -> Path:
    return FIX / f"zhoushan-2024-h1.{fmt}"


@cache
def reference(fmt: str):
    text = sample_path().read_text(encoding="utf-8")
    if fmt == "pdf":
        for ch in PDF_DROPS:
            text = text.replace(ch, "")
        report = parse_report(text=text)
    else:
        report = parse_report()
    return report, extract_claims(report)


@cache
def parsed(fmt: str):
    if fmt == "pdf":
        text = page_to_text(read_page(fixture(fmt).read_bytes(), "pdf", str(fixture(fmt))))
        for ch in PDF_DROPS:
            text = text.replace(ch, "")
        report = parse_report(text=text)
    else:
        report = parse_report(fixture(fmt))
    return report, extract_claims(report)


def tasks_of(report) -> list[tuple]:
    return [tuple(getattr(t, f) for f in TASK_FIELDS) for t in report.tasks]


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_tasks_as_the_text(fmt):
    report, _ = parsed(fmt)
    ref, _ = reference(fmt)
    assert len(report.tasks) == 120
    # read in the sample: 徐仁标's three tasks first, 史舟海's two last
    assert [t.id for t in report.tasks[:3]] == ["T1.1", "T1.2", "T1.3"]
    assert report.tasks[0].leader == "徐仁标" and report.tasks[0].lead_units == ["市财政局"]
    assert report.tasks[1].lead_units == ["市财政局", "市国资委"]
    assert report.tasks[-1].section == "史舟海市政府党组成员牵头重点工作" and report.tasks[-1].seq == 2
    assert tasks_of(report) == tasks_of(ref)
    assert report.meta.title == "2024年市政府工作报告重点工作半年度完成情况"
    assert report.meta.period.label == "h1"


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_claims_and_completion_rows_as_the_text(fmt):
    report, cs = parsed(fmt)
    ref, rcs = reference(fmt)
    assert [c.model_dump() for c in cs.claims] == [c.model_dump() for c in rcs.claims]
    assert cs.unexplained_digits == rcs.unexplained_digits
    rows = [c.model_dump() for c in completion_table(report, cs)]
    assert rows == [c.model_dump() for c in completion_table(ref, rcs)]
    assert len(rows) > 50


@pytest.mark.parametrize("fmt", ["html", "docx", "xlsx"])
def test_read_by_content_not_by_name_through_the_cli(tmp_path, fmt):
    p = tmp_path / "report.txt"                  # the wrong extension: the content decides
    shutil.copy(fixture(fmt), p)
    result = runner.invoke(app, ["tasks", str(p), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 120 and rows[0]["id"] == "T1.1"
    result = runner.invoke(app, ["show", str(p), "T1.1", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert "153.57亿元" in result.stdout
    # the sample's numbers under 韩峻 jump from 16 to 18: check finds it in every format
    result = runner.invoke(app, ["check", str(p), "-f", "json"])
    assert result.exit_code == 1
    assert [f["code"] for f in json.loads(result.stdout) if f["fails"]] == ["seq-gap"]
    result = runner.invoke(app, ["completion", str(p), "-f", "json"])
    assert result.exit_code == 0 and "货物吞吐量" in result.stdout


def test_stdin_is_sniffed_too():
    result = runner.invoke(app, ["tasks", "-", "-f", "json"], input=fixture("xlsx").read_bytes())
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 120 and rows[0]["source"] == "<stdin>"


def test_pdf_fixture_lacks_only_no_break_spaces_where_lines_wrap():
    # guard for PDF_DROPS: the sample's tasks hold 18 NO-BREAK SPACEs and 7 MIDDLE DOTs (3·19);
    # the PDF's text layer holds every middle dot and 17 of the no-break spaces (T8.6's, where
    # reportlab broke the line, is gone)
    report = parse_report()
    held = "".join(t.section + t.content + "".join(t.lead_units) + t.progress_text for t in report.tasks)
    assert held.count("·") == 7 and held.count("\xa0") == 18
    doc = read(fixture("pdf"))
    assert doc.format == "pdf" and doc.text.count("·") == 7 and doc.text.count("\xa0") == 17


def test_unruled_pdf_is_read_as_laid_out_text_by_the_columns_family():
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=landscape(A4))     # no title: reportlab writes "untitled"
    c.setFont("STSong-Light", 10)
    lines = [[(300, "2024年重点工作半年度完成情况")],
             [(40, "序号"), (80, "任务内容"), (330, "牵头单位"), (420, "完成情况")],
             [(40, "1"), (80, "推进港口建设,完成投资3亿元。"), (330, "市港航局"), (420, "上半年完成投资1.6亿元,")],
             [(420, "完成年度计划的53%。")],
             [(40, "2"), (80, "建设海洋中心。"), (330, "市海洋局"), (420, "主体结构完工。")]]
    for i, cells in enumerate(lines):            # text only, no ruling lines
        for x, text in cells:
            c.drawString(x, 560 - 14 * i, text)
    c.showPage()
    c.save()
    report = parse_report(text=page_to_text(read_page(buf.getvalue(), "pdf", "u.pdf")))
    assert report.layout == "columns"
    assert report.meta.title == "2024年重点工作半年度完成情况"
    assert [(t.seq, t.content, t.lead_units, t.progress_text) for t in report.tasks] == [
        (1, "推进港口建设,完成投资3亿元。", ["市港航局"], "上半年完成投资1.6亿元,完成年度计划的53%。"),
        (2, "建设海洋中心。", ["市海洋局"], "主体结构完工。"),
    ]


def test_pdf_row_cut_by_a_page_break_is_one_task():
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("b", fontName="STSong-Light", fontSize=9, leading=11, wordWrap="CJK")
    gap = ParagraphStyle("g", parent=body, spaceBefore=5)
    paras = ["上半年完成投资3.2亿元,同比增长12%。" * 12, "新建5G基站120个,完成年度计划的60%。" * 12] * 2
    data = [[Paragraph(h, body) for h in ("序号", "任务内容", "牵头单位", "完成情况")],
            [Paragraph("1", body), Paragraph("推进港口建设。", body), Paragraph("市港航局", body),
             [Paragraph(x, body if i == 0 else gap) for i, x in enumerate(paras)]],
            [Paragraph("2", body), Paragraph("建设海洋中心。", body), Paragraph("市海洋局", body),
             Paragraph("已完成。", body)]]
    table = Table(data, colWidths=[30, 90, 60, 200], splitInRow=1)     # row 1 goes on over a page break
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A5).build([Paragraph("2024年重点工作半年度完成情况", body), table])
    page = read_page(buf.getvalue(), "pdf", "cut.pdf")
    assert pdf_pages(buf.getvalue()) == 2 and len(page.grids) == 1
    report = parse_report(text=page_to_text(page))
    assert [(t.seq, t.lead_units, t.progress_text) for t in report.tasks] == [
        (1, ["市港航局"], "\n".join(paras)), (2, ["市海洋局"], "已完成。")]


def pdf_pages(data: bytes) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(data)
    try:
        return len(doc)
    finally:
        doc.close()


# --- sniffing -----------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_sniff_fixtures(fmt):
    assert sniff(fixture(fmt).read_bytes()) == fmt


@pytest.mark.parametrize("data, kind", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "Workbook".encode("utf-16-le"), "xls"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "WordDocument".encode("utf-16-le"), "doc"),
    (b"PK\x03\x04" + b"\x00" * 26 + b"notes/readme.txt", "zip"),
    ("\ufeff<!DOCTYPE html><html><body>序号</body></html>".encode("utf-8"), "html"),
    (b"  <table><tr><td>1</td></tr></table>", "html"),
    ("序号 | 任务内容 | 牵头单位 |<br>完成情况\n| 1 | a<br>b | 市财政局 | 完成 |\n".encode(), "text"),
    ("<序号>任务内容\n".encode(), "text"),
], ids=["xls", "doc", "zip", "html-bom", "table-fragment", "markdown-with-br", "text-with-angle"])
def test_sniff_by_content(data, kind):
    assert sniff(data) == kind


# --- Page -> text ---------------------------------------------------------------------------------

def test_page_to_text_renders_spans_as_headings_and_rows_as_pipes():
    leader = Cell("徐仁标市长牵头\n重点工作", rowspan=2)
    g = Grid(rows=[
        [Cell("分管领导"), Cell("序号"), Cell("任务内容"), Cell("牵头单位"), Cell("完成情况")],
        [leader, Cell("1"), Cell("任务一"), Cell("市发改委", rowspan=2), Cell("第一段\n第二段")],
        [Cell("2"), Cell("任务二"), Cell("完成|部分")],
        [Cell("其他工作", colspan=5)],
        [Cell(""), Cell("3"), Cell("任务三"), Cell("市财政局"), Cell("完成")],
    ])
    text = page_to_text(Page(title="2024年重点工作完成情况", published="2024-07-26", blocks=["说明。", g]))
    assert text.split("\n") == [
        "2024年重点工作完成情况", "发布日期:2024-07-26", "说明。", "",
        "| 序号 | 任务内容 | 牵头单位 | 完成情况 |",
        "徐仁标市长牵头重点工作",
        "| 1 | 任务一 | 市发改委 | 第一段<br>第二段 |",
        "| 2 | 任务二 | 市发改委 | 完成｜部分 |",
        "其他工作",
        "| 3 | 任务三 | 市财政局 | 完成 |",
        "", "",
    ]


def test_docx_headings_between_tables_in_body_order():
    import docx

    d = docx.Document()
    d.add_paragraph("2024年重点工作半年度完成情况")
    groups = [("一、徐仁标市长牵头重点工作", [("1", "任务一。", "市财政局", "完成3亿元。")]),
              ("二、毛江平常务副市长牵头重点工作", [("1", "任务二。", "市发改委", "完成5亿元。"),
                                                ("2", "任务三。", "市港航局", "已完成。")])]
    for heading, rows in groups:
        d.add_paragraph(heading)
        t = d.add_table(rows=1 + len(rows), cols=4)
        for j, h in enumerate(["序号", "任务内容", "牵头单位", "完成情况"]):
            t.cell(0, j).text = h
        for i, r in enumerate(rows, 1):
            for j, v in enumerate(r):
                t.cell(i, j).text = v
    buf = io.BytesIO()
    d.save(buf)
    page = read_page(buf.getvalue(), "docx", "x.docx")
    assert [b if isinstance(b, str) else b.source for b in page.blocks] == [
        "2024年重点工作半年度完成情况", "一、徐仁标市长牵头重点工作", "table 1", "二、毛江平常务副市长牵头重点工作", "table 2"]
    report = parse_report(text=page_to_text(page))
    assert [(t.id, t.leader, t.lead_units, t.progress_text) for t in report.tasks] == [
        ("T1.1", "徐仁标", ["市财政局"], "完成3亿元。"),
        ("T2.1", "毛江平", ["市发改委"], "完成5亿元。"),
        ("T2.2", "毛江平", ["市港航局"], "已完成。"),
    ]


# --- HTML page shapes -------------------------------------------------------------------------------

ROWS = ("<tr><th>序号</th><th>任务内容</th><th>牵头单位</th><th>完成情况</th></tr>"
        "<tr><td>1</td><td>推进港口建设。</td><td>市港航局</td><td><p>完成投资3亿元。</p><p>增长5%。</p></td></tr>"
        "<tr><td>2</td><td>建设海洋中心。</td><td>市海洋局<br>市发改委</td><td>完成投资1.2亿元。</td></tr>")


def html_page(body: str, head: str = "", charset: str = "utf-8") -> bytes:
    page = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">{head}'
            f"</head><body>{body}</body></html>")
    return page.encode("gbk" if charset.lower() in ("gbk", "gb2312") else charset)


def test_html_gb2312_page_in_a_container_with_chrome(tmp_path):
    body = ('<div class="nav"><a href="/">首页</a> 当前位置:政务公开</div>'
            '<table><tr><td>索引号</td><td>001/2024-1</td></tr></table>'
            f'<div class="TRS_Editor"><p>2024年重点工作完成情况</p><table>{ROWS}</table></div>'
            '<div class="footer">版权所有 2024 网站标识码3309000001</div>')
    p = tmp_path / "page.html"
    p.write_bytes(html_page(body, '<meta name="ArticleTitle" content="2024年重点工作完成情况">'
                                  '<meta name="PubDate" content="2024年7月26日">', "gb2312"))
    doc = read(p)
    assert doc.format == "html"
    report = parse_report(p)
    assert [(t.seq, t.content, t.lead_units, t.progress_text) for t in report.tasks] == [
        (1, "推进港口建设。", ["市港航局"], "完成投资3亿元。\n增长5%。"),
        (2, "建设海洋中心。", ["市海洋局", "市发改委"], "完成投资1.2亿元。"),
    ]
    assert report.meta.published == "2024-07-26"
    assert "索引号" not in doc.text and "版权所有" not in doc.text      # chrome outside the container


def test_html_without_container_reads_the_largest_table(tmp_path):
    body = ('<table><tr><td>首页</td><td>政务公开</td></tr></table>'
            f'<table>{ROWS}</table><p>发布日期:2024-07-26</p><h2>2024年重点工作完成情况</h2>')
    page = read_page(html_page(body), "html", "x.html")
    assert len(page.grids) == 1 and page.grids[0].header_rows == 1
    assert page.grids[0].rows[1][3].text == "完成投资3亿元。\n增长5%。"
    # no meta tags: the reader keeps the page's text, and the layer above finds title and date in it
    assert page.title is None and "2024年重点工作完成情况" in (page.head or "")
    p = tmp_path / "x.html"
    p.write_bytes(html_page(body))
    meta = parse_report(p).meta
    assert meta.title == "2024年重点工作完成情况" and meta.published == "2024-07-26"


def test_html_table_outside_a_container_of_prose():
    body = ('<div class="TRS_Editor"><p>现将完成情况公布如下。</p></div>'
            f'<div class="tbl"><table>{ROWS}</table></div>')
    page = read_page(html_page(body), "html", "x.html")
    assert [b if isinstance(b, str) else b.source for b in page.blocks] == ["现将完成情况公布如下。", "table 1"]


def test_html_page_with_several_tables_and_a_layout_table():
    t2 = ROWS.replace("<td>1</td>", "<td>3</td>").replace("<td>2</td>", "<td>4</td>")
    body = (f'<div id="zoom"><table><tr><td><p>一、第一部分</p><table>{ROWS}</table></td></tr>'
            f'<tr><td><p>二、第二部分</p><table>{t2}</table></td></tr></table></div>')
    page = read_page(html_page(body), "html", "x.html")
    assert [b if isinstance(b, str) else b.source for b in page.blocks] == [
        "一、第一部分", "table 1", "二、第二部分", "table 2"]
    report = parse_report(text=page_to_text(page))
    assert [t.seq for t in report.tasks] == [1, 2, 3, 4]


def test_html_colspan_rowspan_and_br():
    body = ('<div id="zoom"><table><tr><td>序号</td><td>任务内容</td><td>牵头单位</td><td>完成情况</td></tr>'
            '<tr><td colspan="4">一、经济发展</td></tr>'
            '<tr><td>1</td><td>任务<br/>甲</td><td rowspan="2">市经信局</td><td>完成</td></tr>'
            '<tr><td>2</td><td>任务乙</td><td>完成</td></tr></table></div>')
    page = read_page(html_page(body), "html", "x.html")
    rows = page.grids[0].filled()
    assert rows[1][0] is rows[1][3] and rows[1][0].text == "一、经济发展"
    assert rows[2][1].text == "任务\n甲" and rows[2][2] is rows[3][2]


def test_html_page_whose_table_is_an_attachment(tmp_path):
    body = ('<div class="TRS_Editor"><p>现将2024年上半年重点工作完成情况公布如下。</p></div>'
            '<div class="fj">附件:<a href="/art/2024/7/26/P020240726.xlsx">重点工作完成情况表.xlsx</a></div>')
    p = tmp_path / "notice.html"
    p.write_bytes(html_page(body))
    report = parse_report(p)
    assert report.tasks == []
    msgs = [d.message for d in report.diagnostics if d.code == "attachment"]
    assert msgs == ["the page has no task table; it links to 重点工作完成情况表.xlsx (/art/2024/7/26/P020240726.xlsx)"]


# --- merged cells in the binary formats ----------------------------------------------------------

@pytest.mark.parametrize("fmt, leader_col", [("html", 0), ("docx", 0), ("xlsx", 0)])
def test_leader_is_one_merged_cell(fmt, leader_col):
    page = read_page(fixture(fmt).read_bytes(), fmt, fmt)
    g = page.grids[0]
    rows = g.filled()
    # 徐仁标 leads tasks 1-3 (the sample's first section): one cell over three rows
    first = next(i for i, r in enumerate(rows) if r[leader_col].text == "徐仁标市长牵头重点工作")
    cell = rows[first][leader_col]
    assert cell.rowspan == 3
    assert rows[first + 2][leader_col] is cell and rows[first + 3][leader_col] is not cell


# --- extras and cold start ----------------------------------------------------------------------------

@pytest.mark.parametrize("fmt, module, extra", [
    ("html", "selectolax.lexbor", "html"), ("docx", "docx", "docx"), ("xlsx", "python_calamine", "xlsx"),
    ("pdf", "pypdfium2", "pdf")])
def test_missing_extra_is_one_error_line_naming_the_install(monkeypatch, fmt, module, extra):
    monkeypatch.setitem(sys.modules, module, None)   # import raises ImportError
    p = fixture(fmt)
    result = runner.invoke(app, ["claims", str(p), "-f", "json"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {p}: reading {extra.upper()} needs an optional library: pip install 'zsprogress[{extra}]'"]


def test_text_path_imports_no_format_library():
    code = "from zsprogress.cli import main; import sys; sys.argv=['zsprogress','claims','sample','-f','json']; main()"
    p = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, check=False,
                       cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert p.returncode == 0, p.stderr[-2000:]
    imported = {line.split("|")[-1].strip().split(".")[0] for line in p.stderr.splitlines()
                if line.startswith("import time:")}
    assert "zsprogress" in imported
    heavy = {"selectolax", "docx", "python_calamine", "pdfplumber", "pdfminer", "pypdfium2", "lxml",
             "reportlab", "PIL"}          # not zipfile: the CLI imports it anyway (importlib.metadata)
    assert not heavy & imported


def test_html_prose_above_the_table_is_read():
    # the summary over a table (its figures and tallies) is read as it is in text, not dropped
    from zsprogress.tally import report_tallies

    body = (f'<div id="zoom"><p>全年150项目标任务中,124项达到序时进度要求。</p>'
            f'<table>{ROWS}</table></div>')
    page = read_page(html_page(body), "html", "x.html")
    from zsprogress.segment import page_report

    report = page_report(page, "x.html")
    assert [t.seq for t in report.tasks] == [1, 2]
    assert [p.text for p in report.preamble] == ["全年150项目标任务中,124项达到序时进度要求。"]
    (tally,) = report_tallies(report)
    assert (tally.count, tally.total, tally.status) == (124, 150, "on_track")
    cs = extract_claims(report)
    assert cs.unexplained_digits == 0
    assert any(c.text == "3亿元" for c in cs.claims)


def _attrs(selector: str) -> str:
    """The attributes an element needs to match a CONTAINERS selector (.a.b, #x)."""
    if selector.startswith("#"):
        return f'id="{selector[1:]}"'
    return 'class="' + " ".join(selector.strip(".").split(".")) + '"'


@pytest.mark.parametrize("selector", __import__("zsprogress.formats.html", fromlist=["CONTAINERS"]).CONTAINERS)
def test_html_article_container(selector):
    # the container's paragraph and table are read; the navigation table beside it is not
    body = ('<table><tr><td>首页</td><td>政务公开</td><td>2024</td></tr></table>'
            f'<div {_attrs(selector)}><p>现将完成情况公布如下。</p><table>{ROWS}</table></div>')
    page = read_page(html_page(body), "html", "x.html")
    assert [b if isinstance(b, str) else b.source for b in page.blocks] == ["现将完成情况公布如下。", "table 1"]
