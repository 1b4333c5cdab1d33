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
from collections.abc import Iterator
from io import BytesIO
from typing import TYPE_CHECKING, Any, Optional

from ..errors import ReportReadError

if TYPE_CHECKING:
    from types import ModuleType

    from ..grid import Cell, Grid, Page

FORMATS = ("html", "docx", "xlsx", "xls", "doc", "pdf")
# file names a directory argument stands for (besides *.txt)
SUFFIXES = (".txt", ".htm", ".html", ".shtml", ".docx", ".doc", ".wps", ".xlsx", ".xls", ".pdf")

ZIP_MAX_TOTAL = 200 * 1024 * 1024   # uncompressed bytes of all parts of a DOCX/XLSX
ZIP_MAX_RATIO = 100                 # a part larger than ZIP_RATIO_FLOOR may not expand more than this
ZIP_RATIO_FLOOR = 1024 * 1024

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


def check_zip(data: bytes, source: str) -> None:
    """Refuse an archive that expands past the caps, whose headers misstate its sizes, or whose
    XML declares a DTD (entity expansion). Every part is inflated here once, a chunk at a time,
    counting the bytes it actually gives (the sizes written in the zip are not trusted: a part
    whose stream inflates past its declared size is refused before any library reads it), and
    every XML-looking part is searched whole for ``<!DOCTYPE``/``<!ENTITY`` in UTF-8, UTF-16 and
    UTF-32, whatever its name (``.XML``) and however late it comes (after a long comment)."""
    import zipfile

    try:
        zf = zipfile.ZipFile(BytesIO(data))
        infos = zf.infolist()
    except Exception as e:  # noqa: BLE001
        raise ReportReadError(f"{source}: a damaged Office file: {e}") from None
    declared = sum(i.file_size for i in infos)
    if declared > ZIP_MAX_TOTAL:
        raise ReportReadError(f"{source}: refused: it would expand to {declared / 2**20:.0f} MB "
                              f"(limit {ZIP_MAX_TOTAL // 2**20} MB; a zip bomb or not a report)")
    total = 0
    for i in infos:
        total += _inflate_checked(data, i, source, ZIP_MAX_TOTAL - total)


_DTD = [w.encode(enc) for w in ("<!DOCTYPE", "<!ENTITY")
        for enc in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")]
_LOCAL = 0x04034B50


def _inflate_checked(data: bytes, info: Any, source: str, room: int) -> int:
    """Inflate one part from its raw bytes, 1 MB at a time; the bytes it gives."""
    import struct
    import zlib

    from ..limits import cap, hint

    name = info.filename
    off = info.header_offset
    head = data[off:off + 30]
    if len(head) < 30 or struct.unpack("<I", head[:4])[0] != _LOCAL:
        raise ReportReadError(f"{source}: a damaged Office file: {name}: no local header")
    start = off + 30 + struct.unpack("<H", head[26:28])[0] + struct.unpack("<H", head[28:30])[0]
    raw = memoryview(data)[start:start + info.compress_size]
    part_cap = cap("ZIP_MAX_PART")
    if info.compress_type == 0:
        chunks: Any = (raw[k:k + (1 << 20)] for k in range(0, len(raw), 1 << 20))
    elif info.compress_type == 8:
        chunks = _inflate(raw, zlib.decompressobj(-15))
    else:
        raise ReportReadError(f"{source}: refused: {name} uses compression method {info.compress_type} "
                              "(Office files use deflate)")
    scan: Optional[bool] = None  # decided on the first chunk: XML-looking or not
    size = 0
    crc = 0
    prev = b""
    try:
        for chunk in chunks:
            size += len(chunk)
            if size > part_cap:
                raise ReportReadError(f"{source}: refused: part {name} inflates past "
                                      f"{part_cap // 2**20} MB ({hint('ZIP_MAX_PART')}; a zip bomb or not a report)")
            if size > room:
                raise ReportReadError(f"{source}: refused: it expands past {ZIP_MAX_TOTAL // 2**20} MB "
                                      "(a zip bomb or not a report)")
            crc = zlib.crc32(chunk, crc)
            if scan is None:
                scan = _xmlish(bytes(chunk[:256]))
            if scan:
                _check_dtd(prev + bytes(chunk), name, source, entities_only=name.lower().endswith(".svg"))
                prev = bytes(chunk[-64:])
    except zlib.error as e:
        raise ReportReadError(f"{source}: a damaged Office file: {name}: {e}") from None
    if size != info.file_size or crc != info.CRC:
        raise ReportReadError(f"{source}: a damaged Office file: {name} inflates to {size:,} bytes, "
                              f"its header says {info.file_size:,}" if size != info.file_size
                              else f"{source}: a damaged Office file: {name}: bad CRC-32")
    if size > ZIP_RATIO_FLOOR and size > ZIP_MAX_RATIO * max(info.compress_size, 1):
        raise ReportReadError(f"{source}: refused: part {name} expands {size // max(info.compress_size, 1)}"
                              f" times (limit {ZIP_MAX_RATIO}; a zip bomb or not a report)")
    return size


def _inflate(raw: memoryview, d: Any) -> Iterator[bytes]:
    step = 1 << 20
    for k in range(0, len(raw), step):
        buf = bytes(raw[k:k + step])
        while buf:
            out = d.decompress(buf, step)
            if out:
                yield out
            buf = d.unconsumed_tail
            if d.eof:
                return
    while not d.eof:
        out = d.decompress(b"", step)  # what is still held in the window
        if not out:
            return
        yield out


def _xmlish(head: bytes) -> bool:
    """Whether a part could be read as XML (in any encoding): its first character, after a
    byte-order mark and the NULs of UTF-16/32, is ``<`` or white space (images never are)."""
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[len(bom):]
            break
    head = head.replace(b"\x00", b"").lstrip(b" \t\r\n")
    return not head or head.startswith(b"<")


def _check_dtd(buf: bytes, name: str, source: str, entities_only: bool = False) -> None:
    up = buf.upper()
    words = _DTD[4:] if entities_only else _DTD
    if (b"<!ENTITY" in up or not entities_only and b"<!DOCTYPE" in up) or any(p in buf for p in words):
        raise ReportReadError(f"{source}: refused: {name} declares a DTD or entities "
                              "(Office files never do; entity expansion is not allowed)")


def need(module: str, extra: str) -> ModuleType:
    """Import a format library, or raise the one-line error naming the extra that installs it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise ReportReadError(f"reading {extra.upper()} needs an optional library: "
                              f"pip install 'zsprogress[{extra}]'") from None


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

_SEQ = r"^\d{1,3}[.、]?$"      # a row-number cell (compiled on first use by re's cache)


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
