"""Sub-items of a progress cell: ``1.``/``1、``/``(1)``/``①``/``一是`` markers.

``split_items`` splits the progress text at sub-item markers of the first marker kind found,
numbered in sequence; the marker is kept, and text before the first marker is an item of its own.
It is ``[]`` when the text has no markers. The circled numbers and the ``是`` of ``一是`` are
``patterns/layout.toml``'s ``[sub_items]``.
"""

from __future__ import annotations

import re
from typing import Optional

from ..normalize import fold
from .layout_vocab import CN_NUM, V, cached_re

_CN_ORD = {c: i for i, c in enumerate(CN_NUM, 1)}
_MARKER_LS = cached_re(r"\n(?P<a>\d{1,2})(?:\s{1,2}[.、](?!\d)|\.(?=\d))")


def cn_value(s: str) -> int:
    """一 -> 1, 十二 -> 12, 二十 -> 20 (0 when not a Chinese numeral up to 99)."""
    if len(s) == 1:
        return _CN_ORD.get(s, 0)
    if s[0] == "十":
        return 10 + _CN_ORD.get(s[1], 0)
    if len(s) == 2 and s[1] == "十":
        return _CN_ORD.get(s[0], 0) * 10
    if len(s) == 3 and s[1] == "十":
        return _CN_ORD.get(s[0], 0) * 10 + _CN_ORD.get(s[2], 0)
    return 0


def _marker(m: re.Match) -> tuple[str, int]:
    g = m.groupdict()
    if g.get("a") is not None:
        return "a", int(g["a"])
    if g.get("a2") is not None:
        return "a", int(g["a2"])
    if g.get("p") is not None:
        return "p", int(m.group("p"))
    if g.get("c") is not None:
        return "c", V.CIRCLED.index(g["c"]) + 1
    return "z", cn_value(g["z"])


def ordinal_at_start(f: str) -> Optional[int]:
    """The number of the sub-item marker a folded line starts with, or None."""
    m = V.MARKER_START.match(f)
    return _marker(m)[1] if m else None


def split_items(text: str) -> list[str]:
    """Split progress text at sub-item markers of the first kind found (marker kept)."""
    if not text:
        return []
    f = "\n" + fold(text)
    found = {m.start(): m for m in V.MARKER_ANY.finditer(f)}
    for m in _MARKER_LS.finditer(f):
        found.setdefault(m.start(), m)
    cuts: list[int] = []
    kind = None
    expect = 1
    for pos in sorted(found):
        m = found[pos]
        if f[pos] in V.CIRCLED:
            pos -= 1                  # circled markers need no boundary; keep offsets uniform
        at_line_start = f[pos] == "\n"
        k, v = _marker(m)
        if kind is None:
            if v != 1:
                continue
            kind = k
        elif k != kind:
            continue
        if v == expect or (v == 1 and at_line_start and cuts):
            cuts.append(pos)          # offset in text of the marker (f has one char more)
            expect = v + 1
    if not cuts:
        return []
    if len(cuts) == 1 and kind == "a" and cuts[0] > 0:
        return []                     # a lone "1." inside a sentence is not a list
    bounds = ([0] if cuts[0] > 0 else []) + cuts + [len(text)]
    items = []
    for x, y in zip(bounds, bounds[1:], strict=False):
        piece = text[x:y].strip()
        if piece:
            items.append(piece)
    return items
