"""Family ``records``: a table printed as records, every cell on a line of its own after its
column's header word and a colon (a web table a mirror site flattened, or a form per task)::

    序号:1
    任务内容:发展绿色新型船燃,……完成保税船燃加注量750万吨。
    牵头单位:高新区管委会
    半年度完成情况:顺利完成第二单锚地LNG加注,……

A key is read by the header vocabulary (``[[header]]`` of patterns/layout.toml, the same words
as a header row, spaces removed), so any header word names its field here too. A record starts
at a number key (序号:) or at a task key when the record being read already has one; a line
without a key continues the field before it. Leader headings and ``一、`` headings open sections;
a leader key right before a number key (牵头领导:方铁道副市长, then 序号:4) is the leader of the
records after it, up to the next such key or heading (a leader cell spanning its group's rows).
At least two records, each with a task cell, make the reading, or one record of a single task
(a page per supervised task: 序号:1, its task, and its units or progress).
"""

from __future__ import annotations

from typing import Any, Optional

from ..layout_vocab import CN_NUM, cached_re
from ..markers import cn_value
from .settings import DEFAULT as S
from .shapes import (
    CN_HEADING,
    PAREN_HEADING,
    SEQ_LINE,
    KeptAside,
    Line,
    bracket_key,
    header_kind,
    is_chrome,
    leader_heading,
    strip_cn_ordinal,
)
from .table import FIELDS, Row, Table, set_cell
from .units import is_unit_cell

_KEY = cached_re(r"^([^:]{1,20}?)\s{0,2}:\s{0,2}")
# the fields of names, never a text (a line after them that lists no units is no line of theirs)
_NAMES = ("units", "co_units", "leader")
# the columns a record's grid gets, in this order (the header words are the vocabulary's own)
ORDER = ["content", "target", "leader", "units", "co_units", "progress", "status", "problems", "next_steps"]


def _key(f: str) -> Optional[tuple[str, int, str]]:
    """(kind, end of the key, the key's words) when ``f`` starts with a header word and a colon,
    or with one in brackets (``【任务一】``, ``【牵头单位】``: folded to ``[…]``, the colon optional)."""
    key = bracket_key(f)
    if key is None:
        m = _KEY.match(f)
        key = (m.group(1), m.end()) if m else None
    if key is None:
        return None
    kind = "content" if _ORDINAL_KEY.match(key[0]) else header_kind(key[0])   # 第一项: a task
    return (kind, key[1], key[0]) if kind is not None else None


_ORDINAL_KEY = cached_re(rf"^第\s{{0,2}}(?:\d{{1,3}}|[{CN_NUM}]{{1,3}})\s{{0,2}}(?:项|条)$")
_KEY_NUMBER = cached_re(rf"(\d{{1,3}}|[{CN_NUM}]{{1,3}})\s{{0,2}}(?:项|条)?$")


def _key_seq(key: str) -> Optional[int]:
    """The number a task key ends with (任务一, 任务1, 第三项: 1, 1, 3), else None."""
    m = _KEY_NUMBER.search("".join(key.split()))
    if m is None:
        return None
    n = m.group(1)
    return int(n) if n.isdigit() else (cn_value(n) or None)


def read_records(L: list[Line]) -> Optional[Table]:
    keys = [_key(x.f) if ":" in x.f[:22] or x.f[:1] in "[〔〖" else None for x in L]
    starts = [i for i, k in enumerate(keys) if k is not None and k[0] in ("seq", "content")]
    if not starts or (len(starts) < 2 and keys[starts[0]][0] != "seq"):   # type: ignore[index]
        return None
    first = _opening(keys, starts[0])
    # leader keys before their groups' first records when the first leader key comes before the
    # first record (else a leader key is the last field of the record before it)
    grouped = first > 0 and _group_leader(keys, first - 1)
    for j in range(first - 1, max(-1, first - 4), -1):   # a leader heading just before the first record
        if leader_heading(L[j].f) or (grouped and j == first - 1):
            first = j
            break
    walk = _RecordsWalk(Table("records", L[first:]))
    for i in range(first, len(L)):
        k = keys[i]
        if k is None:
            walk.plain(L[i], _before_record(keys, i))
        elif grouped and _group_leader(keys, i):
            walk.group_leader(L[i], k[1])
        else:
            walk.keyed(L[i], *k)
    walk.close()
    return walk.emit()


def _opening(keys: list[Optional[tuple[str, int, str]]], first: int) -> int:
    """The first record's first line: its number or task key, or, when it has no number key,
    the keys right before its task key (牵头单位:, then 任务内容:)."""
    if keys[first][0] == "content":             # type: ignore[index]
        while first > 0 and (k := keys[first - 1]) is not None and k[0] not in ("seq", "content"):
            first -= 1
    return first


def _before_record(keys: list[Optional[tuple[str, int, str]]], i: int) -> bool:
    """Line ``i`` and the lines after it up to the next key are without a key, and that key
    is a number key: lines between two records."""
    nxt = next((k for k in keys[i + 1:] if k is not None), None)
    return nxt is not None and nxt[0] == "seq"


def _group_leader(keys: list[Optional[tuple[str, int, str]]], i: int) -> bool:
    """Line ``i`` is a leader key right before a number key (牵头领导:方铁道副市长, then 序号:4): the
    leader of the records up to the next such line or heading (a leader cell spanning its group's
    rows, printed once before the group), not a field of the record before it."""
    k = keys[i]
    return k is not None and k[0] == "leader" and i + 1 < len(keys) and \
        (nxt := keys[i + 1]) is not None and nxt[0] == "seq"


class _RecordsWalk:
    """The state of a walk over records: the record being read, the field its last key named
    (a line without a key continues it), the kinds of key seen (the grid's columns), and the
    records and headings in source order."""

    def __init__(self, tbl: Table):
        self.tbl = tbl
        self.events: list[tuple[str, Any]] = []
        self.cur: Optional[Row] = None
        self.field: Optional[str] = None
        self.seen_kinds: list[str] = []
        self.kept_names: list[str] = []     # the keys of kept-aside columns, in order met
        self.group = ""                     # the leader printed before the group's first record
        self.keys: set[str] = set()         # the key words of the record being read

    def close(self) -> None:
        """End the record: it is a row when it has a task cell."""
        if self.cur is not None and self.cur.cells.get("content"):
            self.events.append(("row", self.cur))
        self.cur, self.field = None, None
        self.keys = set()

    def plain(self, ln: Line, before_record: bool = False) -> None:
        """A line without a key: a leader heading, an ``一、`` heading between records, or the
        next line of the field before it. Right before a number key, after a field of names
        (牵头单位:, 牵头领导:, not a text), a short line that lists no units is a heading too, with
        or without its ordinal (``(一)以创建国家高新区为抓手…``, then 序号:10)."""
        h = leader_heading(ln.f)
        between = before_record and self.field in _NAMES and len(ln.f) <= S.heading_max and \
            not is_unit_cell(ln.f) and not ln.f.endswith(("、", ",")) and not is_chrome(ln.f)
        if between:
            self.close()
        if h:
            self.close()
            self.group = ""
            self.events.append(("heading", (h, ln.no)))
            self.tbl.assigned.add(ln.no)
            return
        if self.cur is None and (between or CN_HEADING.match(ln.f) or PAREN_HEADING.match(ln.f)) and \
                len(ln.f) <= S.heading_max:
            self.events.append(("heading", ((strip_cn_ordinal(ln.raw), None, None), ln.no)))
            self.tbl.assigned.add(ln.no)
            return
        if self.cur is not None and self.field is not None and not is_chrome(ln.f):
            self.cur.cells.setdefault(self.field, []).append(ln.raw)
            self.tbl.assigned.add(ln.no)

    def group_leader(self, ln: Line, end: int) -> None:
        """A leader key before a group's first record: the leader of the records after it."""
        self.close()
        self.group = ln.raw[end:].strip()
        if "leader" not in self.seen_kinds:
            self.seen_kinds.append("leader")
        self.tbl.assigned.add(ln.no)

    def keyed(self, ln: Line, kind: str, end: int, key: str) -> None:
        """A line after a header word and a colon: a number key, a second task key or, once the
        record has its task, a key it already had (牵头单位: before 任务内容: in records without
        a number key) opens a record; the value goes to the key's field. A task key that ends with a number (任务一:)
        numbers a record that has no number key."""
        value = ln.raw[end:].strip()
        words = "".join(key.split())
        done = self.cur is not None and self.cur.cells.get("content")
        if kind == "seq" or (done and (kind == "content" or words in self.keys)):
            self.close()
        self.keys.add(words)
        if self.cur is None:
            self.cur = Row(_key_seq(key) if kind == "content" else None, ln.no)
            if self.group:
                self.cur.cells["leader"] = [self.group]
        self.tbl.assigned.add(ln.no)
        if kind == "seq":
            m = SEQ_LINE.match(value)
            self.cur.seq = int(m.group(1)) if m else None
            self.field = None
            return
        if kind not in self.seen_kinds:
            self.seen_kinds.append(kind)
        self.field = kind if kind in FIELDS else None
        if kind == "other":
            # a key of a column kept aside (完成时限:, 责任人:): its value is the task's, under the key
            self.field = "".join(key.split())
            if self.field not in self.kept_names:
                self.kept_names.append(self.field)
        if self.field == "leader" and self.cur.cells.get("leader") == [self.group]:
            del self.cur.cells["leader"]      # the record's own leader, not its group's
        if self.field is not None and value:
            self.cur.cells.setdefault(self.field, []).append(value)

    def emit(self) -> Optional[Table]:
        """The table (at least two records, or one record of a single task: a number key, a task
        and a unit or progress field), its header the kinds of key seen, in :data:`ORDER`."""
        rows = [r for w, r in self.events if w == "row"]
        if len(rows) < 2 and not (rows and rows[0].seq is not None and
                                  any(rows[0].cells.get(k) for k in ("units", "progress"))):
            return None
        cols = [c for c in ORDER if c in self.seen_kinds]
        kept = [KeptAside(len(cols) + j) for j in range(len(self.kept_names))]
        self.tbl.header([_word(c) for c in cols] + self.kept_names, [*cols, *kept], None)
        for what, data in self.events:
            if what == "heading":
                self.tbl.heading(data[0], data[1])
            else:
                for name, col in zip(self.kept_names, kept, strict=True):
                    set_cell(data, col, data.cells.pop(name, []))
                self.tbl.row(data, [*cols, *kept])
        return self.tbl


def _word(kind: str) -> str:
    from ..layout_vocab import V

    return V.HEADER_WORD.get(kind, kind)
