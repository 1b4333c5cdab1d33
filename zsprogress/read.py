"""Read a report: path | '-' (stdin) | bytes | text -> Document.

The format is sniffed from the bytes (``formats.sniff``: magic bytes, markup), not the file
name: HTML, DOCX, XLSX/XLS, PDF and .doc/.wps are read by ``zsprogress.formats`` into a
``grid.Page`` and rendered as text the layout families read (``Document.format`` names the
format; line numbers then refer to that text). Plain text imports no format library.

Decoding is automatic: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030 (a superset of
GBK and GB2312, which government sites still serve). Line endings are folded to '\\n';
no other character is changed here, so line numbers match the source file. Width folding
(full-width punctuation, NBSP, ideographic space) happens in :mod:`zsprogress.normalize`
where offsets are kept.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from .errors import ReportReadError

if TYPE_CHECKING:
    from .grid import Page

SAMPLE_NAME = "<sample>"
MAX_BYTES = 32 * 1024 * 1024  # a report is a few hundred KB; refuse what cannot be one (before reading it)


@dataclass(frozen=True)
class Document:
    source: str
    text: str
    encoding: str
    format: str = "text"                   # text | html | docx | xlsx | xls | doc | pdf
    attachments: tuple[str, ...] = ()      # files an HTML page links to (its table may be there)
    page: Optional[Page] = None            # a published format's tables and prose (grid.Page)


def with_page_meta(doc: Document, parse_meta: Callable[[str], Any]) -> Document:
    """A page whose tags give no title or date keeps the text to find them in (``page.head``):
    ``parse_meta(head)`` (``segment.parse_meta``, passed down by the layer above) gives them, and
    the page is rendered as text again with them. Any other document is returned as it is."""
    page = doc.page
    if page is None or page.head is None:
        return doc
    from dataclasses import replace

    from .formats import page_to_text

    meta = parse_meta(page.head)
    page.title = page.title or meta.title
    page.published = page.published or meta.published
    page.head = None
    return replace(doc, text=page_to_text(page))


def sample_path() -> Path:
    """The bundled reference report (Zhoushan 2024 H1), from the wheel or the repository."""
    here = Path(__file__).resolve().parent
    for cand in (here / "_data" / "samples" / "zhoushan-2024-h1.txt",
                 here.parent / "samples" / "zhoushan-2024-h1.txt"):
        if cand.is_file():
            return cand
    raise ReportReadError("the bundled sample report is missing from this installation")


def _plausible_chinese(text: str) -> bool:
    """True when decoded text looks like a Chinese document, not mojibake."""
    sample = text[:20000]
    if not sample:
        return True
    good = 0
    for ch in sample:
        o = ord(ch)
        if (0x4E00 <= o <= 0x9FFF or ch.isascii() and (ch.isprintable() or ch in "\n\r\t")
                or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F
                or o in (0xA0, 0xB7, 0xD7) or 0x2460 <= o <= 0x24FF or 0x2160 <= o <= 0x217F):
            good += 1
    return good / len(sample) >= 0.95


def _bomless_wide(data: bytes) -> str | None:
    """UTF-16/UTF-32 without a byte-order mark, told by where the NUL bytes fall (Chinese and
    ASCII text in UTF-16 has a NUL in every ASCII character's other byte; UTF-32 in three of four)."""
    head = data[:4096]
    if len(head) < 8 or b"\x00" not in head[:64]:
        return None
    n = len(head) // 4 * 4
    quads = [head[k:k + 4] for k in range(0, n, 4)]
    if all(q[2:] == b"\x00\x00" for q in quads):
        return "utf-32-le"
    if all(q[:2] == b"\x00\x00" for q in quads):
        return "utf-32-be"
    even = head[0:n:2].count(0) / (n // 2)
    odd = head[1:n:2].count(0) / (n // 2)
    if odd > 0.2 and even < 0.05:
        return "utf-16-le"
    if even > 0.2 and odd < 0.05:
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> str | None:
    head = data[:16]
    if head.startswith(b"\x89PNG"):
        return "a PNG image"
    if head.startswith(b"PK\x03\x04"):
        return "a ZIP archive that is not a DOCX or XLSX file"
    if head.startswith(b"\xff\xd8\xff"):
        return "a JPEG image"
    if head.startswith(b"GIF8"):
        return "a GIF image"
    if b"\x00" in data[:8192]:
        return "binary data (NUL bytes)"
    return None


def decode(data: bytes, source: str = "<bytes>") -> Document:
    """Decode the bytes of a report, or raise ReportReadError with a one-line reason."""
    from .formats import FORMATS, sniff

    kind = sniff(data)
    if kind in FORMATS:
        return _from_format(data, kind, source)
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return Document(source, _lines(data[3:].decode("utf-8")), "utf-8-sig")
        except UnicodeDecodeError as e:
            raise ReportReadError(f"{source}: invalid UTF-8 at byte {e.start + 3}") from None
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):  # before UTF-16: FF FE starts both
        try:
            return Document(source, _lines(data.decode("utf-32")), "utf-32")
        except UnicodeDecodeError as e:
            raise ReportReadError(f"{source}: invalid UTF-32 at byte {e.start}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Document(source, _lines(data.decode("utf-16")), "utf-16")
        except UnicodeDecodeError as e:
            raise ReportReadError(f"{source}: invalid UTF-16 at byte {e.start}") from None
    wide = _bomless_wide(data)
    if wide is not None:
        text = data.decode(wide, errors="replace")
        if _plausible_chinese(text):
            return Document(source, _lines(text), wide)
    binary = _looks_binary(data)
    if binary:
        raise ReportReadError(f"{source}: not a text report: {binary}")
    if not data.strip():
        raise ReportReadError(f"{source}: the report is empty")
    try:
        return Document(source, _lines(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError as e:
        utf8_err = e
    # Valid UTF-8 up to a cut in the last multi-byte sequence: a truncated download.
    if utf8_err.start >= len(data) - 3 and utf8_err.reason == "unexpected end of data":
        raise ReportReadError(
            f"{source}: truncated UTF-8: the file ends inside a character (byte {utf8_err.start}); "
            "the download was probably cut off") from None
    # Mostly UTF-8 with a bad stretch: mixed encodings, do not guess.
    prefix = data[: utf8_err.start]
    if len(prefix) > 64 and sum(b >= 0x80 for b in prefix) > 16:
        raise ReportReadError(
            f"{source}: invalid UTF-8 at byte {utf8_err.start} after {utf8_err.start} valid bytes "
            "(mixed or corrupted encoding)") from None
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as e:
        raise ReportReadError(
            f"{source}: cannot decode: neither UTF-8 nor GB18030 (byte {e.start})") from None
    if not _plausible_chinese(text):
        raise ReportReadError(f"{source}: cannot decode: not UTF-8, and as GB18030 it is not text")
    return Document(source, _lines(text), "gb18030")


def _from_format(data: bytes, kind: str, source: str) -> Document:
    """A published format read into a Page and rendered as text the layout families read."""
    from .formats import page_to_text, read_page

    page = read_page(data, kind, source)
    if kind in ("docx", "xlsx", "xls", "doc") and not _has_text(page):
        what = "a workbook with no cells" if kind in ("xlsx", "xls") else "a document with no text and no table"
        raise ReportReadError(f"{source}: the report is empty ({what})")
    return Document(source, page_to_text(page), kind, kind, tuple(page.attachments), page)


def _has_text(page: Page) -> bool:
    from .grid import Grid

    return any(any(c.text.strip() for r in b.rows for c in r) if isinstance(b, Grid) else bool(b.strip())
               for b in page.blocks)


def _lines(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReportReadError("the report is empty")
    return text


def read(src: str | Path | None) -> Document:
    """Read one report. ``None`` is the bundled sample, ``'-'`` is standard input."""
    if src is None:
        p = sample_path()
        return decode(p.read_bytes(), SAMPLE_NAME)
    if str(src) == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        name = "<stdin>"
    else:
        p = Path(src)
        name = str(src)
        _check_path(p, name)
        try:
            size = p.stat().st_size
            if size > MAX_BYTES:
                raise ReportReadError(f"{name}: {_mb(size)} is too large for a report (limit {_mb(MAX_BYTES)})")
            with p.open("rb") as fh:  # read at most the limit: a file that grows is not read whole
                data = fh.read(MAX_BYTES + 1)
        except OSError as e:
            raise ReportReadError(f"{name}: cannot read: {e.strerror or e}") from None
    if len(data) > MAX_BYTES:
        raise ReportReadError(f"{name}: more than {_mb(MAX_BYTES)} is too large for a report "
                              f"(limit {_mb(MAX_BYTES)})")
    try:
        return decode(data, name)
    except ReportReadError as e:
        msg = str(e)
        if not msg.startswith(name):
            msg = f"{name}: {msg}"
        raise ReportReadError(msg) from None


def _check_path(p: Path, name: str) -> None:
    """A report argument is a regular file: a directory, a FIFO or a device is refused before it
    is opened (opening a FIFO blocks until someone writes to it); a missing file and a loop of
    symbolic links are told apart."""
    import errno
    import stat

    try:
        st = os.stat(p)
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise ReportReadError(f"{name}: a loop of symbolic links") from None
        if e.errno == errno.ENOENT:
            raise ReportReadError(f"{name}: no such file" if not os.path.islink(p)
                                  else f"{name}: a symbolic link to a file that does not exist") from None
        raise ReportReadError(f"{name}: cannot read: {e.strerror or e}") from None
    if stat.S_ISDIR(st.st_mode):
        raise ReportReadError(f"{name}: is a directory, not a report")
    if not stat.S_ISREG(st.st_mode):
        what = "a FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode) else \
            "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else \
            "a socket" if stat.S_ISSOCK(st.st_mode) else "not a regular file"
        raise ReportReadError(f"{name}: {what}, not a report file; give '-' to read standard input")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n % (1024 * 1024) else f"{n // (1024 * 1024)} MB"


def expand(sources: list[str | None]) -> list[tuple[str | None, str | None]]:
    """Batch arguments -> ``[(source, error)]``: a directory becomes its report files
    (``formats.SUFFIXES``: *.txt, *.html, *.docx, *.xlsx, *.xls, *.pdf, *.doc, *.wps; sorted by
    name, not recursive); a directory without any gives one entry with an error.
    Files, ``'-'`` and ``None`` (the sample) pass through unchanged; they are read later."""
    from .formats import SUFFIXES

    out: list[tuple[str | None, str | None]] = []
    for src in sources:
        if src is None or src == "-" or not Path(src).is_dir():
            out.append((src, None))
            continue
        try:
            files = sorted((p for p in Path(src).iterdir() if p.suffix.lower() in SUFFIXES and p.is_file()),
                           key=lambda p: p.name)
        except OSError as e:
            out.append((src, f"{src}: cannot list the directory: {e.strerror or e}"))
            continue
        if not files:
            out.append((src, f"{src}: is a directory with no reports ({', '.join('*' + x for x in SUFFIXES)})"))
        out.extend((str(p), None) for p in files)
    return out


def read_text(text: str, source: str = "<text>") -> Document:
    if not text.strip():
        raise ReportReadError(f"{source}: the report is empty")
    return Document(source, text.replace("\r\n", "\n").replace("\r", "\n"), "utf-8")
