"""DOCX reports (Word 2007+, WPS saving as .docx): paragraphs and tables in body order.

python-docx reads the parts (its XML parser resolves no entities; ``check_zip`` has already
refused archives that expand too far or declare a DTD). A table cell's paragraphs are its lines;
``w:gridSpan`` is the colspan and a ``w:vMerge`` run (restart, continue, continue ...) one cell
with its rowspan, so a leader cell merged down twelve rows is one cell. Content controls
(``w:sdt``) are looked into; a table nested in a cell is read as text of that cell.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO
from typing import Any

from ..errors import ReportReadError
from ..grid import Cell, Grid, Page
from .common import need

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_COLS = 256        # a gridSpan is never wider (a damaged or hostile file may say a billion)


def read_docx(data: bytes, source: str) -> Page:
    docx = need("docx", "docx")
    try:
        return _page(docx.Document(BytesIO(data)))
    except Exception as e:  # noqa: BLE001 - python-docx raises many kinds on a damaged file
        raise ReportReadError(f"cannot read the DOCX file: {type(e).__name__}: {e}") from None


def _page(doc: Any) -> Page:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    page = Page(format="docx")
    page.title = (doc.core_properties.title or "").strip() or None
    n = 0
    for el in _body(doc.element.body):
        if el.tag == _W + "p":
            text = Paragraph(el, doc).text.strip()
            if text:
                page.blocks.append(text)
        else:
            n += 1
            page.blocks.append(_grid(Table(el, doc), n))
    return page


def _body(el: Any) -> Iterator[Any]:
    """Paragraphs and tables of the body in order, looking into content controls."""
    for child in el.iterchildren():
        if child.tag in (_W + "p", _W + "tbl"):
            yield child
        elif child.tag in (_W + "sdt", _W + "sdtContent"):
            yield from _body(child)


def _cell_text(tc: Any, table: Any) -> str:
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    # the cell's own paragraphs (w:p children of w:tc), as python-docx's cell.paragraphs reads them
    lines = [Paragraph(p, table).text.strip() for p in tc.iterchildren(qn("w:p"))]
    return "\n".join(x for x in lines if x)


def _grid(table: Any, n: int) -> Grid:
    g = Grid(source=f"table {n}")
    above: dict[int, Cell] = {}          # grid column -> the cell a vMerge continues
    for i, tr in enumerate(table._tbl.tr_lst):
        row: list[Cell] = []
        col = tr.grid_before
        for tc in tr.tc_lst:
            span = min(max(tc.grid_span, 1), _MAX_COLS)
            if tc.vMerge == "continue" and col in above:
                above[col].rowspan += 1
            else:
                cell = Cell(_cell_text(tc, table), pos=f"table {n} r{i + 1}c{col + 1}", colspan=span)
                row.append(cell)
                for k in range(col, col + span):
                    above[k] = cell
            col += span
        g.rows.append(row)
    return g
