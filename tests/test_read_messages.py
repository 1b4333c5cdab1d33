"""Reading what is not quite a report (issue 19 items 13 and "Messages"): each case is one exact
``error:`` line (or is read, when the bytes are a report in a form we can tell), and nothing blocks."""

from __future__ import annotations

import io
import os
import sys
import zipfile

import pytest
from badfiles import FORMATS_DIR
from typer.testing import CliRunner

from zsprogress.cli import app
from zsprogress.read import sample_path

runner = CliRunner()
SAMPLE = sample_path().read_text(encoding="utf-8")


def run(*args: str):
    r = runner.invoke(app, list(args))
    assert "Traceback" not in r.stdout + r.stderr
    return r


def error_line(r) -> str:
    assert r.exit_code == 2, (r.stdout[:200], r.stderr)
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    return lines[0]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_wide_encodings_without_or_with_a_bom_are_read(tmp_path, encoding):
    p = tmp_path / "r.txt"
    p.write_bytes(SAMPLE.encode(encoding))
    r = run("tasks", str(p), "-f", "jsonl", "-q")
    assert r.exit_code == 0, r.stderr
    assert len(r.stdout.splitlines()) == 120


def test_utf32_with_bom_is_not_read_as_utf16(tmp_path):
    from zsprogress.read import read

    p = tmp_path / "r.txt"
    p.write_bytes(SAMPLE.encode("utf-32"))
    doc = read(p)
    assert doc.encoding == "utf-32" and doc.text.startswith(SAMPLE[:20])


def test_empty_docx_is_the_empty_report_error(tmp_path):
    import docx

    p = tmp_path / "empty.docx"
    docx.Document().save(p)
    for cmd in ("tasks", "check"):
        assert error_line(run(cmd, str(p))) == f"error: {p}: the report is empty (a document with no text and no table)"


def test_xlsx_without_cells_is_the_empty_report_error(tmp_path):
    import xlsxwriter

    p = tmp_path / "empty.xlsx"
    wb = xlsxwriter.Workbook(str(p))
    wb.add_worksheet()
    wb.close()
    for cmd in ("tasks", "check"):
        assert error_line(run(cmd, str(p))) == f"error: {p}: the report is empty (a workbook with no cells)"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file kinds")
def test_special_files_are_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert error_line(run("tasks", str(fifo))) == \
        f"error: {fifo}: a FIFO (named pipe), not a report file; give '-' to read standard input"
    assert "a device, not a report file" in error_line(run("tasks", "/dev/null"))


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_a_symlink_loop_is_not_a_missing_file(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    os.symlink(b, a)
    os.symlink(a, b)
    assert error_line(run("tasks", str(a))) == f"error: {a}: a loop of symbolic links"
    gone = tmp_path / "gone.txt"
    os.symlink(tmp_path / "nothing.txt", gone)
    assert error_line(run("tasks", str(gone))) == f"error: {gone}: a symbolic link to a file that does not exist"
    assert error_line(run("tasks", str(tmp_path / "nothing.txt"))) == f"error: {tmp_path / 'nothing.txt'}: no such file"


def test_a_wrong_content_type_names_no_python_object(tmp_path):
    """A workbook that mentions word/document: python-docx's message quoted a BytesIO repr."""
    out = io.BytesIO()
    with zipfile.ZipFile(FORMATS_DIR / "zhoushan-2024-h1.xlsx") as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info))
        zout.writestr("word/document.xml.txt", "x")
    p = tmp_path / "odd.docx"
    p.write_bytes(out.getvalue())
    line = error_line(run("tasks", str(p)))
    assert "BytesIO" not in line and "0x" not in line and "is not a Word file" in line


def test_a_utf16_sheet_is_said_not_taken_for_an_empty_workbook(tmp_path):
    from badfiles import rezip

    def edit(name, data):
        if name == "xl/worksheets/sheet1.xml":
            data = data.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
        return [(name, data)]

    p = tmp_path / "wide.xlsx"
    p.write_bytes(rezip("xlsx", edit))
    for cmd in ("tasks", "check"):
        assert error_line(run(cmd, str(p))) == (
            f"error: {p}: sheet 完成情况 is stored in UTF-16, which the workbook reader cannot read: "
            "open and save the file again in Excel or WPS")
