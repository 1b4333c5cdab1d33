"""Family ``records``: a table printed as records, every cell on a line of its own after its
column's header word and a colon (a web table a mirror site flattened, or a form per task)::

    序号:1
    任务内容:发展绿色新型船燃,……完成保税船燃加注量750万吨。
    牵头单位:高新区管委会
    半年度完成情况:顺利完成第二单锚地LNG加注,……

A key is read by the header vocabulary (``[[header]]`` of patterns/layout.toml, the same words
as a header row, spaces removed), so any header word names its field here too. A record starts
at a number key (序号:) or at a task key when the record being read already has one; a line
without a key continues the field before it. Leader headings and ``一、`` headings open sections.
At least two records, each with a task cell, make the reading.
"""

from __future__ import annotations

from typing import Any, Optional

from .shapes import CN_HEADING, PAREN_HEADING, SEQ_LINE, Line, header_kind, is_chrome, leader_heading, strip_cn_ordinal
from .table import FIELDS, Row, Table
from .vocab import cached_re

_KEY = cached_re(r"^([^:]{1,20}?)\s{0,2}:\s{0,2}")
# the columns a record's grid gets, in this order (the header words are the vocabulary's own)
ORDER = ["content", "target", "leader", "units", "co_units", "progress", "status", "problems", "next_steps"]


def _key(f: str) -> Optional[tuple[str, int]]:
    """(kind, end of the key) when ``f`` starts with a header word and a colon."""
    m = _KEY.match(f)
    if not m:
        return None
    kind = header_kind(m.group(1))
    return (kind, m.end()) if kind is not None else None


def read_records(L: list[Line]) -> Optional[Table]:
    keys = [_key(x.f) if ":" in x.f[:22] else None for x in L]
    starts = [i for i, k in enumerate(keys) if k is not None and k[0] in ("seq", "content")]
    if len(starts) < 2:
        return None
    first = starts[0]
    for j in range(first - 1, max(-1, first - 4), -1):   # a leader heading just before the first record
        if leader_heading(L[j].f):
            first = j
            break
    tbl = Table("records", L[first:])
    rows: list[tuple[str, Any]] = []
    cur: Optional[Row] = None
    field: Optional[str] = None
    seen_kinds: list[str] = []

    def close() -> None:
        nonlocal cur, field
        if cur is not None and cur.cells.get("content"):
            rows.append(("row", cur))
        cur, field = None, None

    for i in range(first, len(L)):
        ln = L[i]
        k = keys[i]
        if k is None:
            h = leader_heading(ln.f)
            if h:
                close()
                rows.append(("heading", (h, ln.no)))
                tbl.assigned.add(ln.no)
                continue
            if cur is None and (CN_HEADING.match(ln.f) or PAREN_HEADING.match(ln.f)) and len(ln.f) <= 40:
                rows.append(("heading", ((strip_cn_ordinal(ln.raw), None, None), ln.no)))
                tbl.assigned.add(ln.no)
                continue
            if cur is not None and field is not None and not is_chrome(ln.f):
                cur.cells.setdefault(field, []).append(ln.raw)
                tbl.assigned.add(ln.no)
            continue
        kind, end = k
        value = ln.raw[end:].strip()
        if kind == "seq" or (kind == "content" and cur is not None and cur.cells.get("content")):
            close()
        if cur is None:
            cur = Row(None, ln.no)
        tbl.assigned.add(ln.no)
        if kind == "seq":
            m = SEQ_LINE.match(value)
            cur.seq = int(m.group(1)) if m else None
            field = None
            continue
        if kind not in seen_kinds:
            seen_kinds.append(kind)
        field = kind if kind in FIELDS else None
        if field is not None and value:
            cur.cells.setdefault(field, []).append(value)
    close()
    if sum(1 for w, _ in rows if w == "row") < 2:
        return None
    cols = [c for c in ORDER if c in seen_kinds]
    tbl.header([_word(c) for c in cols], cols, None)
    for what, data in rows:
        if what == "heading":
            tbl.heading(data[0], data[1])
        else:
            tbl.row(data, cols)
    return tbl


def _word(kind: str) -> str:
    from .vocab import V

    return V.HEADER_WORD.get(kind, kind)
