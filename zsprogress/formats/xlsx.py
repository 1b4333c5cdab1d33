"""XLSX and XLS workbooks: every sheet a grid, merged ranges kept as spans.

python-calamine (Rust) reads both formats; ``check_zip`` has already capped an XLSX archive.
A merged range is one cell at its top-left with its rowspan/colspan, clipped to the cells that
hold data (a range over whole columns does not make a million-row grid). Numbers are written as
printed (``1.0`` -> ``1``), dates as ``YYYY-MM-DD``.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

from ..errors import ReportReadError
from ..grid import Cell, Grid, Page
from . import need


def read_xlsx(data: bytes, source: str) -> Page:
    calamine = need("python_calamine", "xlsx")
    page = Page(format="xlsx")
    try:
        wb = calamine.CalamineWorkbook.from_filelike(BytesIO(data))
        for name in wb.sheet_names:
            sheet = wb.get_sheet_by_name(name)
            g = _grid(sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges or [], name)
            if any(c.text for r in g.rows for c in r):
                page.blocks.append(g)
    except ReportReadError:
        raise
    except Exception as e:  # noqa: BLE001 - calamine raises its own errors on a damaged file
        raise ReportReadError(f"cannot read the workbook: {type(e).__name__}: {e}") from None
    return page


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
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    nrows, ncols = len(values), max((len(v) for v in values), default=0)
    for (r0, c0), (r1, c1) in merged:
        if r0 >= nrows or c0 >= ncols:
            continue
        r1, c1 = min(r1, nrows - 1), min(c1, ncols - 1)   # a range over a whole column ends with the data
        spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        covered.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (r, c) != (r0, c0))
    g = Grid(source=f"sheet {name}")
    for i, vals in enumerate(values):
        row = []
        for j, v in enumerate(vals):
            if (i, j) in covered:
                continue
            rs, cs = spans.get((i, j), (1, 1))
            row.append(Cell(_text(v), pos=f"{name}!{_col(j)}{i + 1}", rowspan=rs, colspan=cs))
        g.rows.append(row)
    return g
