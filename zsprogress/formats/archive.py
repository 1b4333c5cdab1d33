"""The caps on an Office archive (DOCX, XLSX, an .doc converted to DOCX), decided before any
reader opens it: total and per-part expansion, and no DTD or entity declaration in its XML.
Below the readers and the package that dispatches to them (no import cycle)."""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO
from typing import Any, Optional

from ..errors import ReportReadError

ZIP_MAX_TOTAL = 200 * 1024 * 1024   # uncompressed bytes of all parts of a DOCX/XLSX
ZIP_MAX_RATIO = 100                 # a part larger than ZIP_RATIO_FLOOR may not expand more than this
ZIP_RATIO_FLOOR = 1024 * 1024


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
