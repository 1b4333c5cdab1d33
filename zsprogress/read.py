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

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Optional

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
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Document(source, _lines(data.decode("utf-16")), "utf-16")
        except UnicodeDecodeError as e:
            raise ReportReadError(f"{source}: invalid UTF-16 at byte {e.start}") from None
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
    return Document(source, page_to_text(page), kind, kind, tuple(page.attachments), page)


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
        if p.is_dir():
            raise ReportReadError(f"{name}: is a directory, not a report")
        if not p.exists():
            raise ReportReadError(f"{name}: no such file")
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
