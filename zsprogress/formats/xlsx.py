"""XLSX and XLS workbooks: every sheet a grid, merged ranges kept as spans.

python-calamine (Rust) reads both formats; ``check_zip`` has already capped an XLSX archive.
A merged range is one cell at its top-left with its rowspan/colspan, clipped to the cells that
hold data (a range over whole columns does not make a million-row grid). Numbers are written as
printed (``1.0`` -> ``1``), dates as ``YYYY-MM-DD``.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from io import BytesIO
from typing import Any

from ..errors import ReportReadError
from ..grid import Cell, Grid, Page
from ..limits import cap, hint
from .common import need


def read_xlsx(data: bytes, source: str) -> Page:
    calamine = need("python_calamine", "xlsx")
    page = Page(format="xlsx")
    if data[:4] == b"PK\x03\x04":
        check_area(data)  # before calamine makes each sheet a dense grid from A1 to its last cell
    try:
        wb = calamine.CalamineWorkbook.from_filelike(BytesIO(data))
        for name in wb.sheet_names:
            sheet = wb.get_sheet_by_name(name)
            area = sheet.height * sheet.width  # an .xls is not scanned ahead: its area is checked here
            if area > cap("XLSX_MAX_CELLS"):  # before to_python makes a Python object of each cell
                raise ReportReadError(f"refused: sheet {name} spans {sheet.height:,} rows x {sheet.width:,} "
                                      f"columns = {area:,} cells ({hint('XLSX_MAX_CELLS')}): a cell far from the table")
            g = _grid(sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges or [], name)
            if any(c.text for r in g.rows for c in r):
                page.blocks.append(g)
    except ReportReadError:
        raise
    except Exception as e:  # noqa: BLE001 - calamine raises its own errors on a damaged file
        raise ReportReadError(f"cannot read the workbook: {type(e).__name__}: {e}") from None
    return page


# a row's number, or a cell that holds something (calamine skips <c r=".." s="1"/> and <v></v>)
_TOKEN = re.compile(rb"<(?:\w+:)?row\b[^>]*?\sr=[\"']([0-9]{1,8})[\"']"
                    rb"|<(?:\w+:)?c\b([^>]*?)(?<!/)>(?:(?!</(?:\w+:)?c>).){0,512}?"
                    rb"<(?:\w+:)?(?:v>\s*[^<\s]|is\b|f\b)", re.S)
_REF = re.compile(rb"\sr=[\"']([A-Z]{1,4})([0-9]{1,8})[\"']")
_CHUNK = 1 << 20


def check_area(data: bytes) -> None:
    """Refuse a sheet whose area (A1 to its farthest cell) is larger than the cell budget
    (``limits.XLSX_MAX_CELLS``), from the cell references of each worksheet part, streamed
    (the ``<dimension>`` a file declares is not trusted: calamine goes by the cells)."""
    import zipfile

    budget = cap("XLSX_MAX_CELLS")
    with zipfile.ZipFile(BytesIO(data)) as zf:
        names = _sheet_names(zf)
        for info in zf.infolist():
            name = info.filename
            if not (name.lower().startswith("xl/worksheets/") and name.lower().endswith(".xml")):
                continue
            with zf.open(info) as fh:
                head = fh.read(4)
            if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:2] in (b"<\x00", b"\x00<"):
                raise ReportReadError(f"sheet {names.get(name, name)} is stored in UTF-16, which the workbook "
                                      "reader cannot read: open and save the file again in Excel or WPS")
            rows, cols, last = _extent(zf, info)
            if rows * cols > budget:
                sheet = names.get(name, name)
                raise ReportReadError(
                    f"refused: sheet {sheet} spans A1:{last} ({rows:,} rows x {cols:,} columns = "
                    f"{rows * cols:,} cells; {hint('XLSX_MAX_CELLS')}): a cell far from the table")


def _extent(zf: Any, info: Any) -> tuple[int, int, str]:
    """(rows, columns, farthest reference) of the cells of a worksheet part that hold a value,
    read 1 MB at a time."""
    rows = cols = 0
    far_row, far_col = 0, ""
    row = 0
    tail = b""
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            buf = tail + chunk
            # up to the end of the last whole cell; the rest is read again with the next chunk
            end = max(buf.rfind(b"</c>") + 4, buf.rfind(b":c>") + 3) if chunk else len(buf)
            if end <= 3:
                end = 0 if len(buf) < 4 * _CHUNK else len(buf)  # one cell over 4 MB: read as it is
            head, tail = buf[:end], buf[end:]
            for m in _TOKEN.finditer(head):
                if m.group(1) is not None:
                    row = int(m.group(1))
                    continue
                ref = _REF.search(m.group(2))
                c, r = (_col_index(ref.group(1)), int(ref.group(2))) if ref else (1, row)
                if c > cols:
                    cols, far_col = c, ref.group(1).decode() if ref else "A"
                if r > rows:
                    rows = far_row = r
            if not chunk:
                break
    return rows, max(cols, 1), f"{far_col or 'A'}{far_row or 1}"


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _sheet_names(zf: Any) -> dict[str, str]:
    """Worksheet part -> the sheet's name, from workbook.xml and its relationships (best effort)."""
    try:
        wb = zf.read("xl/workbook.xml")[:1 << 20].decode("utf-8", "replace")
        rels = zf.read("xl/_rels/workbook.xml.rels")[:1 << 20].decode("utf-8", "replace")
    except (KeyError, OSError, ValueError, RuntimeError, zlib.error):
        return {}
    targets = {m.group(1): m.group(2) for m in re.finditer(r'<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels)}
    targets.update({m.group(2): m.group(1) for m in re.finditer(
        r'<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)})
    out = {}
    for m in re.finditer(r'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]+)"', wb):
        t = targets.get(m.group(2))
        if t:
            out["xl/" + t.lstrip("/").removeprefix("xl/")] = m.group(1)
    return out


def _text(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat(sep=" ")
    if isinstance(v, dt.date):
        return v.isoformat()
    return "\n".join(x.strip() for x in str(v).replace("\r", "").split("\n") if x.strip())


def _col(c: int) -> str:
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def _grid(values: list[list[Any]], merged: list, name: str) -> Grid:
    """The sheet as a grid. Rows with no text and no merged range are left out, and so are the
    columns right of the last text (a stray value far below or right of the table does not make
    the grid a dense area of empty cells); a cell keeps its sheet position in ``pos``."""
    texts = [[_text(v) if v != "" and v is not None else "" for v in vals] for vals in values]
    nrows = len(texts)
    ncols = max((next((j + 1 for j in range(len(r) - 1, -1, -1) if r[j]), 0) for r in texts), default=0)
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    merged_rows: set[int] = set()
    for (r0, c0), (r1, c1) in merged:
        if r0 >= nrows or c0 >= ncols:
            continue
        r1, c1 = min(r1, nrows - 1), min(c1, ncols - 1)   # a range over a whole column ends with the data
        spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        covered.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (r, c) != (r0, c0))
        merged_rows.update(range(r0, r1 + 1))
    g = Grid(source=f"sheet {name}")
    for i, vals in enumerate(texts):
        if i not in merged_rows and not any(vals):
            continue  # an empty row no merged range crosses: nothing of the table
        row = []
        for j, text in enumerate(vals[:ncols]):
            if (i, j) in covered:
                continue
            rs, cs = spans.get((i, j), (1, 1))
            row.append(Cell(text, pos=f"{name}!{_col(j)}{i + 1}", rowspan=rs, colspan=cs))
        g.rows.append(row)
    return g
