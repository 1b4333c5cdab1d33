"""Resource caps of the readers (issue 19; docs/limits.md): each hostile file is stopped by its
cap with one ``error:`` line, decided before the work it would cost. Time and peak memory are
printed (``pytest -s``), never asserted: the fuzz script (bench/fuzz_formats.py) measures them."""

from __future__ import annotations

import resource
import sys
import time

import pytest
from badfiles import docx_dtd, understated, write, xlsx_with_cell
from typer.testing import CliRunner

from zsprogress.cli import app

pytest.importorskip("docx")
pytest.importorskip("python_calamine")

runner = CliRunner()


def run(*args: str):
    t0 = time.perf_counter()
    r = runner.invoke(app, list(args))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{' '.join(args[:2])}: {time.perf_counter() - t0:.2f} s, peak RSS of the test process {rss} MB",
          file=sys.stderr)
    assert "Traceback" not in r.stdout + r.stderr
    return r


def one_error(r, path, *words: str) -> None:
    assert r.exit_code == 2, (r.stdout[:300], r.stderr)
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}: "), lines
    for w in words:
        assert w in lines[0], lines[0]


# --------------------------------------------------------------------------- XLSX


@pytest.mark.parametrize("ref", ["XFD1048576", "D1048576", "ZZ200000"])
def test_a_far_away_cell_is_refused_before_the_sheet_is_read(tmp_path, ref):
    row = "".join(ch for ch in ref if ch.isdigit())
    p = write(tmp_path / "far.xlsx", xlsx_with_cell(f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row>'))
    r = run("tasks", str(p), "-f", "json")
    one_error(r, p, "spans A1:", "ZSPROGRESS_XLSX_MAX_CELLS", "cells")


def test_an_empty_styled_far_cell_is_not_counted(tmp_path):
    """calamine skips cells without a value; so does the budget (Excel writes such cells)."""
    p = write(tmp_path / "styled.xlsx", xlsx_with_cell('<row r="1048576"><c r="XFD1048576" s="1"/></row>'))
    r = run("tasks", str(p), "-f", "json", "-q")
    assert r.exit_code == 0 and r.stdout.count('"id": "T') == 120


def test_a_value_far_below_the_table_is_read_without_a_dense_grid(tmp_path):
    """A cell 100,000 rows below (inside the budget): the sheet's empty rows are not made cells."""
    p = write(tmp_path / "below.xlsx", xlsx_with_cell('<row r="100000"><c r="A100000" t="inlineStr"><is><t>备注</t></is></c></row>'))
    r = run("tasks", str(p), "-f", "json", "-q")
    assert r.exit_code == 0 and r.stdout.count('"id": "T') >= 120


def test_the_cell_budget_is_set_by_its_variable(tmp_path, monkeypatch):
    from badfiles import FORMATS_DIR

    monkeypatch.setenv("ZSPROGRESS_XLSX_MAX_CELLS", "100")  # the sample's sheet is 122 x 5
    p = FORMATS_DIR / "zhoushan-2024-h1.xlsx"
    one_error(run("tasks", str(p)), p, "610 cells", "limit 100")


# --------------------------------------------------------------------------- DOCX / XLSX archives


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_sizes_understated_in_the_zip_are_caught_while_inflating(tmp_path, kind, monkeypatch):
    monkeypatch.setenv("ZSPROGRESS_ZIP_MAX_PART", str(8 << 20))
    p = write(tmp_path / f"lie.{kind}", understated(kind, 40, crc_of_head=False))
    one_error(run("tasks", str(p)), p, "inflates past 8 MB", "ZSPROGRESS_ZIP_MAX_PART")


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_stream_longer_than_its_stated_size_is_refused(tmp_path, kind):
    """The header's size and CRC are those of the real part; the stream goes on (a reader that
    inflates it whole before cutting it to size would take it all in)."""
    p = write(tmp_path / f"long.{kind}", understated(kind, 5, crc_of_head=True))
    one_error(run("tasks", str(p)), p, "a damaged Office file", "its header says")


@pytest.mark.parametrize("where", ["comment", "utf16", "upper"])
def test_the_dtd_check_cannot_be_bypassed(tmp_path, where):
    p = write(tmp_path / f"dtd-{where}.docx", docx_dtd(where))
    one_error(run("tasks", str(p)), p, "declares a DTD or entities")


def test_the_sample_office_files_pass_the_checks():
    from badfiles import FORMATS_DIR

    from zsprogress.formats import check_zip

    for kind in ("docx", "xlsx"):
        check_zip((FORMATS_DIR / f"zhoushan-2024-h1.{kind}").read_bytes(), kind)


# --------------------------------------------------------------------------- HTML and one line of text


def test_an_html_page_of_too_many_elements_is_refused(tmp_path):
    p = tmp_path / "many.html"
    p.write_text("<html><body><div id=zoom>" + "<p>x</p>" * 250_000 + "</div></body></html>", encoding="utf-8")
    one_error(run("tasks", str(p)), p, "more than 200,000 elements", "ZSPROGRESS_HTML_MAX_NODES")


def test_the_node_cap_is_set_by_its_variable(monkeypatch):
    from badfiles import FORMATS_DIR

    p = FORMATS_DIR / "zhoushan-2024-h1.html"
    assert run("tasks", str(p), "-q").exit_code == 0
    monkeypatch.setenv("ZSPROGRESS_HTML_MAX_NODES", "500")
    one_error(run("tasks", str(p)), p, "more than 500 elements")


def test_figures_past_the_line_cap_are_one_skip_and_the_next_line_is_read():
    from zsprogress.extract import scan_field
    from zsprogress.limits import DEFAULTS

    n = DEFAULTS["LINE_MAX_FIGURES"]
    line = "上半年完成投资" + "1至" * (n + 3000) + "。"
    t0 = time.perf_counter()
    res = scan_field(line + "\n另完成投资2亿元。")
    print(f"{n + 3000} figures in one line: {time.perf_counter() - t0:.2f} s", file=sys.stderr)
    cut = [s for s in res.skips if s.rule_id == "LIMIT"]
    assert len(cut) == 1 and "ZSPROGRESS_LINE_MAX_FIGURES" in cut[0].reason
    assert cut[0].end == len(line) and line[cut[0].start:cut[0].end] == cut[0].text
    in_line = [c for c in res.claims if c.end <= len(line)]
    assert len(in_line) <= n and all(c.end <= cut[0].start for c in in_line)
    assert res.claims[-1].text == "2亿元"  # the next line is read whole
    assert not [u for u in res.unexplained if u[0] >= cut[0].start and u[0] < cut[0].end]


def test_a_line_under_the_cap_is_read_whole():
    from zsprogress.extract import scan_field

    res = scan_field("完成" + "、".join(f"{i}个" for i in range(1, 300)) + "。")
    assert not [s for s in res.skips if s.rule_id == "LIMIT"]


def test_a_sheet_not_scanned_ahead_is_checked_before_its_cells_are_made(monkeypatch):
    """An .xls is not scanned ahead (no zip): calamine's own height x width is checked before
    to_python makes a Python object of each cell (here the scan is switched off on an .xlsx)."""
    from badfiles import FORMATS_DIR

    import zsprogress.formats.xlsx as xlsx

    monkeypatch.setattr(xlsx, "check_area", lambda data: None)
    monkeypatch.setenv("ZSPROGRESS_XLSX_MAX_CELLS", "300")
    p = FORMATS_DIR / "zhoushan-2024-h1.xlsx"
    one_error(run("tasks", str(p)), p, "122 rows x 5 columns = 610 cells", "limit 300")
