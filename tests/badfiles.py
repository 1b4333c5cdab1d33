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
