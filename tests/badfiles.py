"""Bytes of broken reports, shared by the read and robustness tests."""

from __future__ import annotations

from pathlib import Path


def truncated(data: bytes) -> bytes:
    """The sample cut after the first byte of a 3-byte UTF-8 character near its middle."""
    i = len(data) // 2
    while not 0xE0 <= data[i] <= 0xEF:
        i += 1
    return data[: i + 1]


def mixed(data: bytes) -> bytes:
    """UTF-8 text with a GBK-encoded passage spliced in (a page saved from two sources)."""
    head = data[:3000].decode("utf-8", errors="ignore").encode("utf-8")
    return head + "\n完成投资45.74亿元,同比增长12%。\n".encode("gbk") + data[3000:6000]


def write(p: Path, data: bytes) -> Path:
    p.write_bytes(data)
    return p


def mkdir(p: Path) -> Path:
    p.mkdir()
    return p


# --------------------------------------------------------------------------- hostile Office files

FORMATS_DIR = Path(__file__).parent / "fixtures" / "formats"


def rezip(kind: str, edit) -> bytes:
    """The sample's DOCX/XLSX with each part passed through ``edit(name, data) -> [(name, data)]``."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(FORMATS_DIR / f"zhoushan-2024-h1.{kind}") as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            for name, data in edit(info.filename, zin.read(info)):
                zout.writestr(name, data)
    return out.getvalue()


def xlsx_with_cell(xml: str) -> bytes:
    """The sample's workbook with ``xml`` (rows and cells) added at the end of its sheet's data."""
    def edit(name, data):
        if name == "xl/worksheets/sheet1.xml":
            data = data.replace(b"</sheetData>", xml.encode() + b"</sheetData>")
        return [(name, data)]
    return rezip("xlsx", edit)


def understated(kind: str, tail_mb: int, crc_of_head: bool) -> bytes:
    """The sample with its main part followed by ``tail_mb`` MB of zeros in the deflate stream,
    while the zip's headers state the size (and, with ``crc_of_head``, the CRC) of the part
    without them: what zipfile hands a reader is the real part, inflated past its stated size."""
    import struct
    import zlib

    part = "word/document.xml" if kind == "docx" else "xl/worksheets/sheet1.xml"
    real: dict = {}

    def edit(name, data):
        if name == part:
            real["data"] = data
            data = data + b"\x00" * (tail_mb << 20)
        return [(name, data)]

    buf = bytearray(rezip(kind, edit))
    size, crc = len(real["data"]), zlib.crc32(real["data"]) if crc_of_head else None
    name = part.encode()
    i = buf.find(b"PK\x03\x04")  # local headers: crc at 14, sizes at 18 (compressed), 22 (file)
    while i >= 0:
        n = struct.unpack("<H", buf[i + 26:i + 28])[0]
        if bytes(buf[i + 30:i + 30 + n]) == name:
            if crc is not None:
                buf[i + 14:i + 18] = struct.pack("<I", crc)
            buf[i + 22:i + 26] = struct.pack("<I", size)
        i = buf.find(b"PK\x03\x04", i + 4)
    i = buf.find(b"PK\x01\x02")  # central directory: crc at 16, file size at 24
    while i >= 0:
        n = struct.unpack("<H", buf[i + 28:i + 30])[0]
        if bytes(buf[i + 46:i + 46 + n]) == name:
            if crc is not None:
                buf[i + 16:i + 20] = struct.pack("<I", crc)
            buf[i + 24:i + 28] = struct.pack("<I", size)
        i = buf.find(b"PK\x01\x02", i + 4)
    return bytes(buf)


DOCTYPE = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'


def docx_dtd(where: str) -> bytes:
    """The sample's DOCX with a DTD hidden from a check of the head of ``*.xml`` parts:
    ``comment`` (after 100 KB of comment), ``utf16`` (the document part in UTF-16) or
    ``upper`` (an extra part named ``.XML``)."""
    def edit(name, data):
        if name != "word/document.xml":
            return [(name, data)]
        head, rest = data.split(b"?>", 1)
        if where == "comment":
            return [(name, head + b"?><!--" + b"x" * 100_000 + b"-->" + DOCTYPE.encode() + rest)]
        if where == "utf16":
            text = (head + b"?>" + DOCTYPE.encode() + rest).decode("utf-8")
            return [(name, text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))]
        return [(name, data), ("word/extra.XML", head + b"?>" + DOCTYPE.encode() + b"<x/>")]
    return rezip("docx", edit)
