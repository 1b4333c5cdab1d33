"""Sub-items of a progress cell: ``1.``/``1、``/``(1)``/``①``/``一是`` markers.

``split_items`` splits the progress text at sub-item markers of the first marker kind found,
numbered in sequence; the marker is kept, and text before the first marker is an item of its own.
It is ``[]`` when the text has no markers. The circled numbers and the ``是`` of ``一是`` are
``patterns/layout.toml``'s ``[sub_items]``.
"""

from __future__ import annotations

from ..layout_vocab import V, cached_re
from ..markers import marker_of
from ..normalize import fold

_MARKER_LS = cached_re(r"\n(?P<a>\d{1,2})(?:\s{1,2}[.、](?!\d)|\.(?=\d))")


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
        k, v = marker_of(m)
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
