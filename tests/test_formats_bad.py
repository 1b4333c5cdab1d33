"""Bad files in the published formats: one line ``error: FILE: reason``, exit 2, no traceback;
in a batch the good reports are still written (exit 1).

Every bad file is built here at run time (see tests/badfiles.py for the text ones): malformed and
corrupted HTML, an HTML page with no table and no text, zip bombs disguised as DOCX and XLSX
(refused from the zip directory before any library opens them), XML with an entity-expansion
bomb, an encrypted PDF, a scanned PDF without a text layer, a 50 MB HTML table, an old .doc
without LibreOffice.
"""

from __future__ import annotations

import io
import json
import random
import shutil
import zipfile
from pathlib import Path

import pytest
from badfiles import write
from typer.testing import CliRunner

from zsprogress.cli import app

pytest.importorskip("selectolax")
pytest.importorskip("docx")
pytest.importorskip("python_calamine")
pytest.importorskip("pypdfium2")

FIX = Path(__file__).parent / "fixtures" / "formats"
runner = CliRunner()

ROW = ("<table><tr><td>序号<td>任务内容<td>牵头单位<td>完成情况"
       "<tr><td>1<td>推进港口建设。<td>市港航局<td><p>完成投资3亿元。")


def bomb(kind: str, mb: int) -> bytes:
    """A DOCX/XLSX-looking zip whose main part is ``mb`` MB of zeros (a few KB compressed)."""
    part = "word/document.xml" if kind == "docx" else "xl/workbook.xml"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open(part, "w", force_zip64=True) as fh:
            chunk = b"\x00" * (1 << 20)
            for _ in range(mb):
                fh.write(chunk)
    return buf.getvalue()


def entity_bomb(kind: str) -> bytes:
    """A DOCX/XLSX whose main part declares the billion-laughs entities and uses them."""
    dtd = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10)) + "]>"
    src = FIX / f"zhoushan-2024-h1.{kind}"
    part = "word/document.xml" if kind == "docx" else "xl/workbook.xml"
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == part:
                head, rest = data.split(b"?>", 1)
                data = head + b"?>" + dtd.encode() + rest.replace(b"<w:t>", b"<w:t>&lol9;", 1)
            zout.writestr(info, data)
    return out.getvalue()


def pdf(draw, **kw) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, **kw)
    draw(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def encrypted_pdf() -> bytes:
    return pdf(lambda c: c.drawString(72, 720, "2024 report"), encrypt="secret")


def scanned_pdf() -> bytes:
    # a page that is only a picture: a filled rectangle and lines, no text objects
    def draw(c):
        c.setFillGray(0.8)
        c.rect(50, 50, 500, 700, fill=1)
        for y in range(100, 700, 20):
            c.line(60, y, 540, y)
    return pdf(draw)


def huge_html(p: Path) -> Path:
    row = "<tr><td>1</td><td>推进港口建设。</td><td>市港航局</td><td>完成投资3亿元,同比增长12%。</td></tr>\n"
    with p.open("w", encoding="utf-8") as fh:
        fh.write('<html><head><meta charset="utf-8"></head><body><div id="zoom"><table>')
        block = row * 2000
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(block)
        fh.write("</table></div></body></html>")
    return p


BAD = [
    # (make(dir) -> path, the reason the error line gives)
    pytest.param(lambda d: write(d / "broken.html", b"<html><body><div id=zoom><table><tr><td>1\x00\xff\xfe"
                                 + bytes(range(256)) * 8), "damaged HTML page: binary data", id="corrupted-html"),
    pytest.param(lambda d: write(d / "empty.html", b'<!DOCTYPE html><html><head><meta charset="utf-8">'
                                 b"<title></title><script>var x = 1;</script></head><body><div id='zoom'>"
                                 b"<p>&nbsp;</p></div></body></html>"), "HTML page with no table and no text",
                 id="html-no-table-no-text"),
    pytest.param(lambda d: write(d / "bomb.docx", bomb("docx", 40)), "expands", id="zip-bomb-docx-ratio"),
    pytest.param(lambda d: write(d / "bomb.xlsx", bomb("xlsx", 40)), "expands", id="zip-bomb-xlsx-ratio"),
    pytest.param(lambda d: write(d / "big.docx", bomb("docx", 210)), "would expand to 210 MB (limit 200 MB",
                 id="zip-bomb-docx-total"),
    pytest.param(lambda d: write(d / "lol.docx", entity_bomb("docx")), "declares a DTD or entities",
                 id="entity-bomb-docx"),
    pytest.param(lambda d: write(d / "lol.xlsx", entity_bomb("xlsx")), "declares a DTD or entities",
                 id="entity-bomb-xlsx"),
    pytest.param(lambda d: write(d / "locked.pdf", encrypted_pdf()), "an encrypted PDF", id="encrypted-pdf"),
    pytest.param(lambda d: write(d / "scan.pdf", scanned_pdf()), "a PDF with no text layer: its pages hold only lines",
                 id="scanned-pdf"),
    pytest.param(lambda d: huge_html(d / "huge.html"), "is too large for a report (limit 32 MB)", id="50mb-html-table"),
    pytest.param(lambda d: write(d / "deep.html", ("<html><body><div id=zoom>" + "<div>" * 100_000 + "序号").encode()),
                 "nested more than 2000 levels deep", id="html-nested-100000-deep"),
    pytest.param(lambda d: write(d / "damaged.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\ntrailer\n"),
                 "cannot read the PDF", id="damaged-pdf"),
]


@pytest.mark.parametrize("make, reason", BAD)
def test_bad_format_file_is_one_line_and_exit_2(tmp_path, make, reason):
    p = make(tmp_path)
    result = runner.invoke(app, ["claims", str(p), "-f", "json"])
    assert result.exit_code == 2, (result.stdout[:200], result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {p}: ") and reason in lines[0], lines


def mutated(fmt: str, seed: int) -> bytes:
    """The fixture with bytes overwritten at random places (fixed seed), or, for DOCX/XLSX,
    with its main XML part damaged inside an intact archive."""
    rnd = random.Random(seed)
    raw = (FIX / f"zhoushan-2024-h1.{fmt}").read_bytes()
    if fmt in ("docx", "xlsx") and seed % 2:
        part = "word/document.xml" if fmt == "docx" else "xl/worksheets/sheet1.xml"
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(raw)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                data = bytearray(zin.read(info))
                if info.filename == part:
                    for _ in range(20):
                        data[rnd.randrange(len(data))] = rnd.choice(b'<>/"=a0 ')
                zout.writestr(info, bytes(data))
        return out.getvalue()
    data = bytearray(raw)
    for _ in range(rnd.randint(1, 40)):
        data[rnd.randrange(len(data))] = rnd.randrange(256)
    return bytes(data)


@pytest.mark.parametrize("fmt, seed", [(f, s) for f in ("html", "docx", "xlsx") for s in range(6)]
                         + [("pdf", s) for s in range(2)])
def test_damaged_files_give_rows_or_one_error_line(tmp_path, fmt, seed):
    p = write(tmp_path / f"damaged.{fmt}", mutated(fmt, seed))
    result = runner.invoke(app, ["tasks", str(p), "-f", "json"])
    assert result.exit_code in (0, 2), result.stderr[-2000:]
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: {p}: "), lines
    else:
        json.loads(result.stdout)
        assert "Traceback" not in result.stderr


def test_doc_without_libreoffice_says_how(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    p = write(tmp_path / "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
              + "WordDocument".encode("utf-16-le") + b"\x00" * 512)
    result = runner.invoke(app, ["tasks", str(p), "-f", "json"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        (f"error: {p}: an old Word/WPS file (.doc/.wps): install LibreOffice (soffice) to read it, "
         "or save it as .docx")]


def test_doc_is_converted_by_libreoffice_when_installed(tmp_path, monkeypatch):
    # a stand-in soffice that "converts" by writing the DOCX fixture where LibreOffice would
    fake = tmp_path / "soffice"
    fake.write_text(f"""#!/bin/sh
while [ "$1" != "--outdir" ]; do shift; done
cp '{FIX / "zhoushan-2024-h1.docx"}' "$2/report.docx"
""")
    fake.chmod(0o755)
    monkeypatch.setattr(shutil, "which", lambda name: str(fake) if name == "soffice" else None)
    p = write(tmp_path / "old.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    result = runner.invoke(app, ["tasks", str(p), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 120


def test_malformed_html_is_read_leniently_like_a_browser(tmp_path):
    # unclosed <td>, <tr>, <p>, <table>, <div>, <body>: a browser shows the row; so do we
    p = write(tmp_path / "sloppy.html", ('<html><body><div id="zoom">' + ROW).encode("utf-8"))
    result = runner.invoke(app, ["tasks", str(p), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["seq"], r["content"], r["lead_units"], r["progress_text"]) for r in rows] == [
        (1, "推进港口建设。", ["市港航局"], "完成投资3亿元。")]


def test_html_entity_bomb_is_not_expanded(tmp_path):
    dtd = '<!DOCTYPE html [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10)) + "]>"
    body = ROW.replace("推进港口建设。", "推进港口建设&lol9;。")
    p = write(tmp_path / "lol.html", (dtd + '<html><body><div id="zoom">' + body).encode("utf-8"))
    result = runner.invoke(app, ["tasks", str(p), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    content = json.loads(result.stdout)[0]["content"]
    assert content == "推进港口建设&lol9;。"            # left as written: no expansion


def test_huge_spans_are_capped(tmp_path):
    # colspan/rowspan of a million would make a grid of 10^12 slots
    body = ('<div id="zoom"><table><tr><td colspan="1000000">一、标题</td></tr>'
            '<tr><td rowspan="1000000">1</td><td>推进港口建设。</td></tr></table></div>')
    p = write(tmp_path / "spans.html", ("<html><body>" + body + "</body></html>").encode())
    from zsprogress.formats import read_page

    g = read_page(p.read_bytes(), "html", str(p)).grids[0]
    assert g.rows[0][0].colspan == 256 and g.rows[1][0].rowspan == 1
    assert len(g.filled()) == 2 and g.width == 256


def test_merged_range_over_whole_columns_ends_with_the_data():
    import xlsxwriter

    from zsprogress.formats import read_page

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf)
    ws = wb.add_worksheet("S")
    ws.merge_range(0, 0, 1048575, 3, "整列合并")          # A1:D1048576
    ws.write(0, 5, "x")
    wb.close()
    g = read_page(buf.getvalue(), "xlsx", "x.xlsx").grids[0]
    assert (g.rows[0][0].rowspan, g.rows[0][0].colspan) == (1, 4) and len(g.filled()) == 1


def test_batch_with_a_good_and_a_bad_file_writes_the_good_one(tmp_path):
    d = tmp_path / "reports"
    d.mkdir()
    shutil.copy(FIX / "zhoushan-2024-h1.docx", d / "a-good.docx")
    write(d / "b-bomb.xlsx", bomb("xlsx", 40))
    write(d / "c-scan.pdf", scanned_pdf())
    (d / "notes.md").write_text("not a report")
    result = runner.invoke(app, ["tasks", str(d), "-f", "jsonl"])
    assert result.exit_code == 1
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert len(rows) == 120 and {r["source"] for r in rows} == {str(d / "a-good.docx")}
    errors = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    assert len(errors) == 2
    assert errors[0].startswith(f"error: {d / 'b-bomb.xlsx'}: refused")
    assert errors[1].startswith(f"error: {d / 'c-scan.pdf'}: a PDF with no text layer")
