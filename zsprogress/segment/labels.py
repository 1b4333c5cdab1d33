"""Families ``labels`` and ``assignment``: numbered task lines (``1. …``) followed by label lines
``责任单位:…`` / ``完成情况:…`` (``目标任务:``, ``存在问题:``, ``下一步:`` also known), under
headings ``一、…``. A list without progress labels, or a report whose title says 责任分解/分工,
is ``assignment``.

Task lines may carry their labels inline (``1. 任务。责任单位:市财政局。完成情况:上半年…``);
``(一)…`` lines right before a task line are headings too. With no numbered task line, a
line of text right before each block's first label (牵头单位:) is a task without a number, and so
it is when the first block opens with such a line before any numbered one (the numbered lines are
then a progress's items). A progress or target cell may be a numbered list of its own (``1.``,
``2.1-6月…``): its next number is its next item, and a line numbered as the next task is one
only when the labels after it include one its task's block already had or blocks open with
(not 责任领导: / 推进状态: / 具体责任人: after the progress). 配合单位/协办单位 are never lead units.
The labels stand for a header row: the grid gets a header of the vocabulary's words (``V.HEADER_WORD``).
"""

from __future__ import annotations

import re
from typing import Optional

from ..layout_vocab import CN_NUM, V, cached_re
from ..markers import cn_value
from ..normalize import fold
from .settings import DEFAULT as S
from .shapes import (
    CN_HEADING,
    PAREN_HEADING,
    Heading,
    KeptAside,
    Line,
    header_kind,
    is_chrome,
    kept_label,
    label,
    leader_heading,
    strip_cn_ordinal,
)
from .table import Row, Table, set_cell
from .units import is_unit_cell

# a task line's number: 1. / 1、, a section's item 1.2 (then a space or 、), or (1); the
# number is the first group that matched (_seq)
_TASK_LINE = cached_re(r"^(?:(\d{1,3})\s{0,3}[.、](?!\d)|\d{1,2}\.(\d{1,3})(?:\s{1,3}|\s{0,2}、)|"
                       r"[(]\s{0,2}(\d{1,3})\s{0,2}[)])\s{0,3}(?=\S)")


def _seq(m: re.Match[str]) -> int:
    return int(next(g for g in m.groups() if g))


def _may_number(f: str) -> bool:
    """The first character could open a task line's number (a cheap test before the regex)."""
    return f[:1].isdecimal() or f[:1] == "("
_PAREN_TASK = cached_re(rf"^[(]\s{{0,2}}([{CN_NUM}]{{1,3}})\s{{0,2}}[)]\s{{0,2}}(?=\S)")


def _followed_by_label(L: list[Line], i: int) -> bool:
    """A label line comes within 4 lines after ``L[i]``, before the next task line."""
    for j in range(i + 1, min(len(L), i + 5)):
        f = L[j].f                        # (the first character is tested before a regex runs)
        if _may_number(f) and (_TASK_LINE.match(f) or _PAREN_TASK.match(f)):
            return False
        if label(f):
            return True
    return False


def _task_start(L: list[Line], i: int, paren: bool) -> Optional[tuple[int, int]]:
    """(seq, end of the marker) when ``L[i]`` starts a task: ``1.`` or, in a list whose tasks
    are numbered ``(一)``, a ``(一)`` line followed by a label line."""
    m = _TASK_LINE.match(L[i].f)
    if m:
        return _seq(m), m.end()
    if paren:
        m = _PAREN_TASK.match(L[i].f)
        if m and _followed_by_label(L, i):
            return cn_value(m.group(1)), m.end()
    return None
_COLS = ["content", "target", "units", "progress", "status", "problems", "next_steps", "co_units", "leader"]


def _label_parts(raw: str, f: str, start: int, kind: Optional[str]) -> list[tuple[Optional[str], str]]:
    """Split ``raw[start:]`` at inline labels: [(kind, text)], the first part has ``kind``."""
    parts: list[tuple[Optional[str], str]] = []
    pos = start
    for m in V.INLINE_LABEL.finditer(f, start):
        parts.append((kind, raw[pos:m.start()].strip()))
        kind, pos = m.lastgroup, m.end()
    parts.append((kind, raw[pos:].strip()))
    return parts


_FLAT_ITEM = cached_re(r"(?:^|[\s。])(\d{1,3})\.(?!\d)")   # the item number: group 1
_UNITISH = ("units", "co_units", "leader", "other")


def _piece(ln: Line, a: int, b: int) -> Line:
    raw = ln.raw[a:b]
    k = len(raw) - len(raw.lstrip())
    return Line(ln.no, raw.strip(), ln.f[a + k:a + k + len(raw.strip())], ln.lead)


def _unflatten(L: list[Line]) -> tuple[list[Line], set[int]]:
    """A table flattened into one paragraph (``… 1.任务。 牵头领导:X 责任单位:Y 实际完成情况:…
    2.…``), as lines: one per item and one per label. A unit or leader label ends at a space
    (what follows it, such as a flattened district matrix, goes to the progress): the indexes of
    those pieces are returned with the lines."""
    out: list[Line] = []
    spill: set[int] = set()
    for ln in L:
        f = ln.f
        if len(f) < S.flat_min:
            out.append(ln)
            continue
        # an item number is followed by a label before the next number (a number inside a
        # progress, its own 1. 2. 3., is followed by the next item's number first) and is higher
        # than the item's before it (a list may skip a number)
        marks = list(_FLAT_ITEM.finditer(f))
        ends = [m.start() for m in marks[1:]] + [len(f)]
        seq: list[re.Match[str]] = []
        for m, end in zip(marks, ends):
            if V.INLINE_LABEL.search(f, m.end(), min(end, m.end() + S.inline_label_window)) and \
                    (not seq or int(m.group(1)) > int(seq[-1].group(1))):
                seq.append(m)
        if len(seq) < 2:
            out.append(ln)
            continue
        cuts = sorted({m.start(1) for m in seq} | {m.start() for m in V.INLINE_LABEL.finditer(f)
                                                  if f[m.start() - 1:m.start()].isspace()})
        for a, b in zip([0] + cuts, cuts + [len(f)], strict=False):
            piece = _piece(ln, a, b)
            lab = label(piece.f)
            gap = re.search(r"\s", piece.f[lab[1]:]) if lab and lab[0] in _UNITISH else None
            if gap and piece.f:
                end = a + (len(ln.raw[a:b]) - len(ln.raw[a:b].lstrip())) + lab[1] + gap.start()  # type: ignore[index]
                out.append(_piece(ln, a, end))
                out.append(_piece(ln, end, b))
                spill.add(len(out) - 1)
            elif piece.f:
                out.append(piece)
    return out, spill


def read_labels(L: list[Line]) -> Optional[Table]:
    L, spill = _unflatten(L)
    starts, paren = _task_starts(L)
    bare: set[int] = set()
    unnumbered = _bare_starts(L)
    if unnumbered and (not starts or _opens_unnumbered(L, starts, unnumbered)):
        starts, paren = unnumbered, False
        bare = set(starts)
    if not starts:
        return None
    first = starts[0]
    # the region opens at the heading just before the first task, if any
    for j in range(first - 1, max(-1, first - 4), -1):
        if leader_heading(L[j].f) or CN_HEADING.match(L[j].f) or PAREN_HEADING.match(L[j].f):
            first = j
            break
    walk = _LabelsWalk(L, spill, paren, set(starts), Table("assignment", L[first:]))
    walk.bare = bare
    for i in range(first, len(L)):
        walk.line(i)
    return walk.tbl


def _task_starts(L: list[Line]) -> tuple[list[int], bool]:
    """The task lines: a ``1.`` line carrying a label inline or followed (within 4 lines) by a
    label line; with no such line, ``(一)`` lines followed by a label line (then ``True``)."""
    starts = []
    for i, ln in enumerate(L):
        m = _TASK_LINE.match(ln.f) if _may_number(ln.f) else None    # (a cheap test first)
        if m and V.INLINE_LABEL.search(ln.f, m.end()):
            starts.append(i)
        elif m and _followed_by_label(L, i):
            starts.append(i)
    if starts:
        return starts, False
    return [i for i, ln in enumerate(L)
            if ln.f.startswith("(") and _PAREN_TASK.match(ln.f) and _followed_by_label(L, i)], True


_KEY = cached_re(r"^([^:]{1,20}?)\s{0,2}:")


def _bare_starts(L: list[Line]) -> list[int]:
    """Task lines without a number: with no numbered task line, a line of text (no label, no
    key of a field) right before a label of the kind that opens the first block (牵头单位: after
    each task), or before labels of columns kept aside and then that label (备注:无, a column
    the first block had empty); a paragraph before a later label of its block (a second progress
    paragraph, then 责任单位:) is not one. At least two make a reading."""
    labs = [label(ln.f) for ln in L]
    kept = [lab is None and kept_label(ln.f) is not None for lab, ln in zip(labs, L, strict=True)]
    first = next((lab[0] for lab in labs if lab is not None), None)
    starts = []
    for i in range(len(L) - 1):
        j = i + 1
        while j < len(L) - 1 and kept[j]:
            j += 1
        nxt = labs[j]
        if nxt is None or nxt[0] != first or labs[i] is not None or is_chrome(L[i].f) or \
                leader_heading(L[i].f) or CN_HEADING.match(L[i].f):
            continue
        m = _KEY.match(L[i].f)
        if m is None or header_kind(m.group(1)) is None:
            starts.append(i)
    return starts if len(starts) >= S.bare_tasks_min else []


def _opens_unnumbered(L: list[Line], starts: list[int], unnumbered: list[int]) -> bool:
    """The tasks have no numbers although numbered lines are followed by labels: the first
    block opens with a task line without a number (before the first numbered line, which is an
    item of a numbered progress: 3., then the next task's line, then its 牵头单位:), and at least
    two task lines have none."""
    plain = [i for i in unnumbered if not _TASK_LINE.match(L[i].f)]
    return bool(plain) and plain[0] < starts[0] and len(plain) >= S.bare_tasks_min


# the cells of names (a line after them that lists no units is no line of theirs)
_NAMES = ("units", "co_units", "leader")
# the cells a list of their own may fill (完成情况:1.… 2.…, 年度目标:1.… 2.…): a numbered line in
# them is their next item rather than a task
_LISTS = ("target", "progress", "problems", "next_steps")
# an item number: 1. 1、 or, the next item only, 1. before a figure (1.3月底前, 2.1-6月: a date)
_ITEM_NO = cached_re(r"^(\d{1,3})\s{0,3}(?:[.、](?!\d)|(\.)(?=\d))")


def _item_no(f: str, expect: int) -> int:
    """The number of the item ``f`` opens (0: none); a number before a figure counts only as
    item ``expect``."""
    m = _ITEM_NO.match(f)
    if m is None or (m.group(2) and int(m.group(1)) != expect):
        return 0
    return int(m.group(1))


class _LabelsWalk:
    """The state of a walk over labelled tasks: the task being read, the kind of its last
    label (a line without a label continues it), and the number of the last sub-item of its
    progress (a numbered line inside a progress cell is a sub-item, not a task)."""

    def __init__(self, L: list[Line], spill: set[int], paren: bool, opens: set[int], tbl: Table):
        self.L, self.spill, self.paren, self.opens, self.tbl = L, spill, paren, opens, tbl
        self.sub = 0                 # the number of the last item of the current list cell
        self.seen: set[str] = set()     # the labels of the current task's block (kinds, kept names)
        self.openers: set[str] = set()  # the first label of each block read so far
        self.cur: Optional[Row] = None
        self.kind: str = "content"
        # the grid's columns: the label kinds, then one per kept-aside label met (完成时限:), added
        # to the header's cells and to every row's columns as it is met
        self.cols: list[str] = list(_COLS)
        self.hcells = [V.HEADER_WORD[k] for k in ["seq"] + _COLS]
        self.kept: dict[str, KeptAside] = {}
        self.bare: set[int] = set()     # task lines without a number (the whole line is the task)
        tbl.header(self.hcells, ["seq"] + _COLS, None)

    def _heading(self, i: int) -> Optional[Heading]:
        """A leader heading, an ``一、`` heading, or (when tasks are numbered ``1.``) a ``(一)``
        heading right before a task line."""
        f, raw = self.L[i].f, self.L[i].raw
        h = leader_heading(f)
        if h is None and CN_HEADING.match(f) and len(f) <= S.heading_max and not f.endswith(":") and \
                not label(f):
            h = (strip_cn_ordinal(raw), None, None)
        if h is None and not self.paren and PAREN_HEADING.match(f) and not f.endswith(":") and not label(f) and \
                i + 1 < len(self.L) and _TASK_LINE.match(self.L[i + 1].f):
            h = (strip_cn_ordinal(raw), None, None)
        if h is None and self._between(i):
            h = (strip_cn_ordinal(raw), None, None)
        if h and h[1] is not None:
            h = (strip_cn_ordinal(raw), h[1], h[2])
        return h

    def _between(self, i: int) -> bool:
        """Line ``i`` is a heading without an ordinal between two tasks: a short line that
        lists no units, after a cell of names (牵头单位:, 责任领导:, never a text's next line)
        and right before a task line."""
        f = self.L[i].f
        return self.cur is not None and self.kind in _NAMES and i + 1 in self.opens and \
            i not in self.opens and len(f) <= S.heading_max and not f.endswith(("、", ",")) and \
            not _TASK_LINE.match(f) and not label(f) and not kept_label(f) and not is_chrome(f) and \
            not is_unit_cell(f)

    def _task(self, i: int) -> Optional[tuple[Optional[int], int]]:
        """A task line: not a numbered line inside a progress cell (a sub-item) unless it opens
        a task by its labels, or continues the task numbering and not the progress's own; a
        task line without a number is the whole line."""
        if self.bare:
            return (_task_start(self.L, i, False) or (None, 0)) if i in self.bare else None
        ts = _task_start(self.L, i, self.paren)
        cur = self.cur
        if ts is None or self.kind not in _LISTS or cur is None:
            return ts
        # a line followed by a label opens a task, unless it is the list's next item and
        # not the next task (3. before a trailing 联系人: / 推进状态: label of task 5)
        continues = ts[0] == self.sub + 1 and self.sub > 0
        if i in self.opens and not (continues and cur.seq is not None and (
                ts[0] != cur.seq + 1 or self._trailing(i))):
            return ts
        if i in self.opens or ts[0] == self.sub + 1 or cur.seq is None or ts[0] != cur.seq + 1:
            self.sub = ts[0]
            return None
        return ts

    def _trailing(self, i: int) -> bool:
        """The labels after line ``i`` (the first within 4 lines, and those right after it) are
        ones the task's block has not had yet and no block opens with (具体责任人:, 推进状态:,
        责任领导: after the progress, 完成时限:): labels the block goes on with; a task 2 would
        be followed by the label its block opens with (牵头部门:, which task 1's block had too),
        perhaps after a label of its own first (备注:无, a cell task 1's block left out)."""
        keys: list[str] = []
        for j in range(i + 1, len(self.L)):
            f = self.L[j].f
            if lab := label(f):
                keys.append(_words(f[:lab[1]]))
            elif kept := kept_label(f):
                keys.append(kept[0])
            elif keys or j >= i + 4:
                break
        return bool(keys) and not any(k in self.seen or k in self.openers for k in keys)

    def line(self, i: int) -> None:
        """Read line ``i``: a heading, a task line, a label line or a line continuing the last
        label's cell."""
        ln, tbl = self.L[i], self.tbl
        f = ln.f
        h = self._heading(i)
        if h:
            self.cur = None
            tbl.heading(h, ln.no)
            tbl.assigned.add(ln.no)
            return
        if is_chrome(f):
            return
        ts = self._task(i)
        if ts:
            self.sub = 0
            self.seen = set()
            self.cur = Row(ts[0], ln.no)
            tbl.row(self.cur, self.cols)
            if ts[1]:       # the number as printed (1.2 holds its section's number): accounted for
                tbl.markers.append(f[:ts[1]].strip())
            parts = _label_parts(ln.raw, f, ts[1], "content")
            self._saw_inline(f, ts[1])
        elif self.cur is None:
            return
        elif lab := label(f):
            parts = _label_parts(ln.raw, f, lab[1], lab[0])
            self._saw(_words(f[:lab[1]]))
            self._saw_inline(f, lab[1])
        elif kept := kept_label(f):
            self._saw(kept[0])
            self._kept(kept[0], ln.raw[kept[1]:].strip())
            tbl.assigned.add(ln.no)
            return
        elif i in self.spill:
            parts = [("progress", ln.raw)]
        else:
            parts = [(None, ln.raw)]          # the next line of the last label's cell
        self._parts(parts, f)
        tbl.assigned.add(ln.no)

    def _kept(self, name: str, text: str) -> None:
        """A label of a column kept aside (完成时限:2024年底): its text is the task's, under the
        label's name (``extra``), never a line of the cell before it."""
        col = self.kept.get(name)
        if col is None:
            col = self.kept[name] = KeptAside(len(self.cols))
            self.cols.append(col)
            self.hcells.append(name)
        assert self.cur is not None
        set_cell(self.cur, col, [text] if text else [])

    def _parts(self, parts: list[tuple[Optional[str], str]], f: str) -> None:
        """Give each (label kind, text) part to its cell (kind None: the next line of the cell
        before it): a unit label after a lead unit is the co-units (责任单位 after 牵头单位); a
        progress label makes the layout ``labels`` (a report of progress, not an assignment).
        A list cell's text opening with an item number (完成情况:1.…, then 2.1-6月…) numbers
        its items."""
        cur = self.cur
        assert cur is not None
        for k, rest in parts:
            if k == "units" and cur.cells.get("units"):
                k = "co_units"
            if k is not None:
                self.sub = 0                  # a label opens a cell
            self.kind = k or self.kind
            if self.kind == "progress":
                self.tbl.layout = "labels"
            set_cell(cur, self.kind, [rest] if rest else [])
        cur.last_kind, cur.last_text = self.kind, fold(parts[-1][1]) if parts[-1][1] else f
        if self.kind in _LISTS:
            self.sub = _item_no(cur.last_text, self.sub + 1) or self.sub

    def _saw(self, key: str) -> None:
        """A label of the current task's block (its words); the block's first opens blocks."""
        if not self.seen:
            self.openers.add(key)
        self.seen.add(key)

    def _saw_inline(self, f: str, start: int) -> None:
        """The labels inside line ``f`` after ``start`` (任务。责任单位:… 完成情况:…)."""
        for m in V.INLINE_LABEL.finditer(f, start):
            self._saw(_words(m.group(m.lastgroup or 0)))


def _words(label_text: str) -> str:
    """A label's words, without spaces, colon or brackets (牵 头 单 位: -> 牵头单位)."""
    return "".join(c for c in label_text if not c.isspace() and c not in ":[]【】")
