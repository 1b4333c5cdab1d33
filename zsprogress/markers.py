"""Sub-item markers (``1.`` ``(1)`` ``①`` ``一是``) and Chinese ordinals up to 99.

Below the readers: the PDF reader asks whether a line starts a sub-item to break paragraphs, and
segment/items.py splits progress cells at them. The circled numbers and the ``是`` of ``一是`` are
the layout vocabulary's (``patterns/layout.toml`` ``[sub_items]``).
"""

from __future__ import annotations

import re
from typing import Optional

from .layout_vocab import CN_NUM, V

_CN_ORD = {c: i for i, c in enumerate(CN_NUM, 1)}


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


def marker_of(m: re.Match) -> tuple[str, int]:
    """The kind (a: 1. / 1、, p: (1), c: ①, z: 一是) and number of a match of the vocabulary's
    ``MARKER_START`` or ``MARKER_ANY``."""
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
    return marker_of(m)[1] if m else None
