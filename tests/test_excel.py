"""Issue 20, item 6: CSV and xlsx that Excel opens as meant.

- CSV: a UTF-8 byte order mark, which Excel on Windows needs to read UTF-8 (without it the
  Chinese is mojibake): written by default to ``-o FILE.csv``, on stdout only with ``--bom``;
  ``--no-bom`` leaves it out of a file.
- xlsx: amounts get a thousands format, rates and percents a percent-point format, so Excel
  shows 15,357,000,000 and 52.89%, not ``General``'s 1.54E+10.
"""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from typer.testing import CliRunner

from zsprogress.cli import app

runner = CliRunner()
BOM = b"\xef\xbb\xbf"


def test_csv_file_has_a_bom_by_default(tmp_path):
    out = tmp_path / "completion.csv"
    res = runner.invoke(app, ["completion", "-q", "-o", str(out)])
    assert res.exit_code == 0, res.stderr
    data = out.read_bytes()
    assert data.startswith(BOM) and not data[3:].startswith(BOM)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    # the header is read whole (no BOM glued to `task_id`) and the Chinese is intact
    assert "地区生产总值" in {r["metric"] for r in rows if r["task_id"] == "T2.1"}
    assert list(rows[0])[0] == "task_id"


def test_csv_file_without_bom(tmp_path):
    out = tmp_path / "tasks.csv"
    res = runner.invoke(app, ["tasks", "-q", "-o", str(out), "--no-bom"])
    assert res.exit_code == 0
    assert out.read_bytes().startswith(b"id,")


def test_csv_stdout_has_a_bom_only_when_asked():
    plain = runner.invoke(app, ["tasks", "-q", "-f", "csv"])
    assert plain.exit_code == 0 and plain.stdout_bytes.startswith(b"id,")
    bom = runner.invoke(app, ["tasks", "-q", "-f", "csv", "--bom"])
    assert bom.exit_code == 0 and bom.stdout_bytes.startswith(BOM + b"id,")
    assert bom.stdout_bytes[3:] == plain.stdout_bytes


def test_bom_is_only_for_csv():
    res = runner.invoke(app, ["tasks", "-q", "-f", "json", "--bom"])
    assert res.exit_code == 2 and "error: --bom is for CSV" in res.stderr


NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def read_xlsx(path) -> list[list[tuple[object, str]]]:
    """The first sheet as rows of (value, number format) from the workbook's XML (no openpyxl):
    strings inline or shared, numbers as floats, the format code of each cell's style."""
    import re
    import xml.etree.ElementTree as ET

    z = zipfile.ZipFile(path)
    styles = ET.fromstring(z.read("xl/styles.xml"))
    codes = {f.get("numFmtId"): f.get("formatCode") for f in styles.iterfind(".//m:numFmts/m:numFmt", NS)}
    codes["0"] = "General"
    xfs = [codes.get(x.get("numFmtId"), x.get("numFmtId")) for x in styles.iterfind("m:cellXfs/m:xf", NS)]
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        shared = ["".join(t.text or "" for t in si.iterfind(".//m:t", NS))
                  for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iterfind("m:si", NS)]
    out = []
    for row in ET.fromstring(z.read("xl/worksheets/sheet1.xml")).iterfind(".//m:sheetData/m:row", NS):
        cells: list[tuple[object, str]] = []
        for c in row.iterfind("m:c", NS):
            col = 0
            for ch in re.match(r"[A-Z]+", c.get("r")).group():
                col = col * 26 + ord(ch) - 64
            while len(cells) < col - 1:
                cells.append((None, "General"))
            fmt = xfs[int(c.get("s", "0"))]
            if c.get("t") == "inlineStr":
                val: object = "".join(t.text or "" for t in c.iterfind(".//m:t", NS))
            elif c.get("t") == "s":
                val = shared[int(c.find("m:v", NS).text)]
            else:
                v = c.find("m:v", NS)
                val = float(v.text) if v is not None else None
            cells.append((val, fmt))
        out.append(cells)
    return out


def test_xlsx_amounts_and_rates_have_number_formats(tmp_path):
    pytest.importorskip("xlsxwriter")
    out = tmp_path / "completion.xlsx"
    res = runner.invoke(app, ["completion", "-q", "-o", str(out)])
    assert res.exit_code == 0, res.stderr
    rows = read_xlsx(out)
    col = {v: i for i, (v, _) in enumerate(rows[0])}

    def cells(name: str) -> list[tuple[object, str]]:
        return [r[col[name]] for r in rows[1:] if len(r) > col[name] and isinstance(r[col[name]][0], float)]

    # 货物吞吐量 6.75亿吨 = 675,000,000: an amount, shown with thousands separators
    big = [(v, f) for v, f in cells("target.value") if v >= 1e8]
    assert big and all(f == "#,##0" for v, f in big if float(v).is_integer())
    assert (675000000.0, "#,##0") in big
    # 52.89: a rate in percent points, shown as 52.89%
    rates = cells("computed_rate")
    assert rates and {f for _, f in rates} == {'0.0#"%"'}
    assert {f for _, f in cells("expected_rate")} == {'0.0#"%"'}
    # no number of the sheet is left in General where it is an amount or a rate
    for name in ("target.value", "actual.value", "computed_rate", "stated_rate", "expected_rate"):
        assert all(f != "General" for _, f in cells(name)), name
