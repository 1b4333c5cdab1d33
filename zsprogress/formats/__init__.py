"""Published formats: sniff the bytes of a report, read a binary or HTML one into a grid.Page.

``sniff(data)`` names the format by content (magic bytes, markup), never by the file name:
``text``, ``html``, ``docx``, ``xlsx``, ``xls``, ``doc`` (an old Word or WPS file), ``pdf``,
``zip`` (an archive that is no Office file), ``image``. ``read_page(data, kind, source)`` runs the
reader of that format (``html.py``, ``docx.py``, ``xlsx.py``, ``pdf.py``; ``.doc``/``.wps`` go
through LibreOffice to DOCX) and returns a :class:`~zsprogress.grid.Page`. ``page_to_text(page)``
renders the page as text the layout families read, until tasks are built from grids directly.

This module imports no format library: each reader imports its own inside the function that
needs it (``need()`` turns a missing one into a one-line error naming the extra to install),
so reading a plain-text report stays as fast to start as before. Archives are checked before
any library opens them (``check_zip``: uncompressed size and ratio caps, no DTD in any XML part).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..errors import ReportReadError
from .archive import ZIP_MAX_RATIO, ZIP_MAX_TOTAL, ZIP_RATIO_FLOOR, check_zip
from .common import SEQ as _SEQ

if TYPE_CHECKING:
    from ..grid import Cell, Grid, Page

__all__ = ["FORMATS", "SUFFIXES", "ZIP_MAX_RATIO", "ZIP_MAX_TOTAL", "ZIP_RATIO_FLOOR", "check_zip",
           "page_to_text", "read_page", "sniff"]

FORMATS = ("html", "docx", "xlsx", "xls", "doc", "pdf")
# file names a directory argument stands for (besides *.txt)
SUFFIXES = (".txt", ".htm", ".html", ".shtml", ".docx", ".doc", ".wps", ".xlsx", ".xls", ".pdf")

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MARKUP = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<table", b"<div", b"<p>", b"<p ")


def sniff(data: bytes) -> str:
    """The format of a report's bytes, by content."""
    head = data[:8]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if head.startswith(_OLE):
        # an OLE compound file: Excel 97-2003 keeps a "Workbook" (or "Book") stream; Word and
        # WPS a "WordDocument" stream (stream names are UTF-16LE in the directory sectors)
        if "Workbook".encode("utf-16-le") in data or "Book\x00".encode("utf-16-le") in data:
            return "xls"
        return "doc"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "image"
    start = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"<") and any(tag in start for tag in _MARKUP):
        return "html"
    return "text"


def _zip_kind(data: bytes) -> str:
    # part names are stored uncompressed in the local headers and the central directory
    if b"word/document" in data:
        return "docx"
    if b"xl/workbook" in data:
        return "xlsx"
    return "zip"


def read_page(data: bytes, kind: str, source: str) -> Page:
    """Read the bytes of a report in format ``kind`` (see :func:`sniff`) into a Page."""
    if kind == "html":
        from .html import read_html as reader
    elif kind == "docx":
        check_zip(data, source)
        from .docx import read_docx as reader
    elif kind in ("xlsx", "xls"):
        if kind == "xlsx":
            check_zip(data, source)
        from .xlsx import read_xlsx as reader
    elif kind == "pdf":
        from .pdf import read_pdf as reader
    elif kind == "doc":
        from .legacy import read_doc as reader
    else:
        raise ReportReadError(f"{source}: not a report format zsprogress reads ({kind})")
    try:
        page = reader(data, source)
    except ReportReadError as e:
        msg = re.sub(r"(?:file )?'?<_io\.BytesIO object at 0x[0-9a-fA-F]+>'?", "the file", str(e))  # python-docx's repr
        raise ReportReadError(msg if msg.startswith(source) else f"{source}: {msg}") from None
    page.format = kind
    return page


# ---------------------------------------------------------------------------------------------
# Page -> text the current layout families read (the pipe family for tables)



def page_to_text(page: Page) -> str:
    """Render a page as text the layout families read: the title and publication date first,
    paragraphs as lines, each table as pipe rows. Columns before the sequence-number column
    (a leader or category cell spanning its rows) become a heading line where their group starts;
    a row whose only text is one cell spanning it, or in its first column, is a heading line; a
    line break inside a cell is ``<br>``. Attachments are not rendered (a line after the last row
    would be read as part of it); ``Document.attachments`` carries them.

    Tasks are built from the grids by the one builder (``segment.page_report``); this text is
    what the text layout families read when no grid gives tasks (a PDF without ruled lines, a
    numbered list in prose)."""
    from ..grid import Grid

    out: list[str] = []
    if page.title:
        out.append(page.title)
    if page.published:
        out.append(f"发布日期:{page.published}")
    for b in page.blocks:
        if isinstance(b, Grid):
            out.append("")
            out.extend(_grid_lines(b))
            out.append("")
        elif b.strip() and b.strip() != page.title:
            out.append(b.strip())
    return "\n".join(out) + "\n"


def _seq_column(rows: list[list[Cell]]) -> int:
    """Index of the first column where most non-empty cells are row numbers, -1 when none."""
    if not rows:
        return -1
    for j in range(len(rows[0])):
        vals = [r[j].text for r in rows if r[j].text and r[j].colspan == 1]
        if len(vals) >= 2 and sum(bool(re.match(_SEQ, v)) for v in vals) * 2 > len(vals):
            return j
    return -1


def _cell(text: str) -> str:
    return "<br>".join(x.strip() for x in text.replace("|", "｜").split("\n") if x.strip())


def _grid_lines(g: Grid) -> list[str]:
    rows = g.filled()
    seq = _seq_column(rows)
    lead = max(seq, 0)                     # columns before the seq column: group headings
    out: list[str] = []
    shown: list[object] = [None] * lead
    for r in rows:
        texts = [j for j, c in enumerate(r) if c.text]
        if texts and len({id(r[j]) for j in texts}) == 1 and (seq < 0 or not re.match(_SEQ, r[seq].text)):
            cell = r[texts[0]]
            if texts[0] <= lead or sum(c is cell for c in r) > 1:
                out.append(cell.text.replace("\n", ""))       # a row across the table: a heading
                shown = [None] * lead
                continue
        data_row = seq >= 0 and bool(re.match(_SEQ, r[seq].text))
        for j in range(lead):
            if data_row and r[j] is not shown[j] and r[j].text:
                out.append(r[j].text.replace("\n", ""))
            shown[j] = r[j]
        cells = [_cell(c.text) for c in r[lead:]]
        if any(cells):
            out.append("| " + " | ".join(cells) + " |")
    return out
