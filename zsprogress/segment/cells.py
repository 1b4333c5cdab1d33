"""Family ``cells``: one table cell per line (blank lines between), under a header row of known
header cells (``序号 / 任务内容 / 牵头单位 / 半年度完成情况``, in any order and count); the header
row gives the column order. Rows start at a line holding only the number (``1``); when the
table has no numbers, a row starts at a task cell that names its lead unit inline
(``…。(牵头单位:市财政局)``). The unit cell is found by its shape (a list of unit names), so
the cells before and after it are told apart even when a cell spans several lines.
"""

from __future__ import annotations

import re
from typing import Optional

from ..layout_vocab import V, cached_re
from ..markers import ordinal_at_start
from .settings import DEFAULT as S
from .shapes import (
    END_OK,
    SEQ_LINE,
    Line,
    columns,
    header_kind,
    header_row_kinds,
    is_chrome,
    is_headerish,
    is_leader_cell,
    leader_heading,
)
from .table import SHORT_KINDS, Row, Table, name_slots, row_from_cell_lines
from .table import cell_fits as fits
from .units import inline_units, is_alias_line, is_unit_cell


def _header_run(L: list[Line], hk: list[Optional[str]], i: int) -> Optional[tuple[int, list[str], list[str]]]:
    """(end index, column kinds, cell texts) when a header row starts at ``L[i]`` (``hk``: the header
    kind of each line). A line whose word the vocabulary does not know is a cell of the run when
    it could be a header word and a known header cell, a leader heading or the first row number
    follows it (:func:`~.shapes.header_row_kinds` gives it its kind)."""
    cells: list[str] = []
    j = i
    while j < len(L) and len(cells) < S.header_run_max:
        k = hk[j]
        if "|" in L[j].f or leader_heading(L[j].f):
            break
        joined = _wrapped(L, hk, j)
        if joined is not None:
            cells.append(joined)
            j += 2
            continue
        if k is None:
            nxt = L[j + 1].f if j + 1 < len(L) else ""
            seen = {hk[x] for x in range(i, j)}
            # the last cell of the run (a row or a heading follows) only when the run still lacks
            # its task or progress column: else it is the first cell of a row (a leader's name)
            last = (leader_heading(nxt) or SEQ_LINE.match(nxt)) and not {"content", "progress"} <= seen \
                and not ("leader" in seen and is_leader_cell(L[j].f))
            if not (cells and is_headerish(L[j].f) and
                    ((j + 1 < len(L) and hk[j + 1] not in (None, "seq")) or last)):
                break
        elif k == "seq" and cells and any(hk[x] not in ("leader", "category") for x in range(i, j)):
            break    # a seq cell after a leader or category column (责任领导 / 序号 / …) is of this row
        cells.append(L[j].f)
        j += 1
    kinds = header_row_kinds(cells) if len(cells) >= 2 else None
    if kinds is None:
        return None
    if kinds[0] != "seq" and len(kinds) < 3:
        return None
    return j, kinds, cells


def _wrapped(L: list[Line], hk: list[Optional[str]], j: int) -> Optional[str]:
    """A header word wrapped over two lines with no blank line between (牵头 / 单位, 完成 / 情况):
    the joined word, when it names a column and its first half names none (完成 / 情况, 工 / 作进展, 1- / 6月完成情况), or both
    halves are words of two characters (牵头 names the units and 单位 a unit of measure, 牵头单位
    the units). A whole header word followed by a word (半年度完成情况 / 洪碧) is two cells."""
    if j + 1 >= len(L) or L[j + 1].no != L[j].no + 1 or "seq" in (hk[j], hk[j + 1]):
        return None
    a, b = L[j].f.strip(), L[j + 1].f.strip()
    # a word wrapped after a few characters (工 / 作进展, 1- / 6月完成情况): a fragment of up to 3
    # characters starts a header word too, when the joined word names a column
    a_ok = is_headerish(a) or 0 < len(a) <= 3
    if len(a) + len(b) > S.wrapped_header_max or not a_ok or not is_headerish(b):
        return None
    joined = a + b
    if header_kind(joined) is None:
        return None
    if hk[j] is None or (len(a.replace(" ", "")) <= 2 and len(b.replace(" ", "")) <= 2):
        return joined             # the words may be spaced (任务 / 内 容)
    return None


def _group_first(kinds: list[str]) -> bool:
    """Whether a leader column stands before the number column (责任领导 / 序号 / …): its cell,
    often printed on the first row of its group only, comes before the row's number."""
    return "seq" in kinds and "leader" in kinds[:kinds.index("seq")]




def _unit_anchored_starts(L: list[Line], headers: dict[int, tuple[int, list[str], list[str]]]) -> set[int]:
    """Row starts of an unnumbered table without lead-unit tags: each unit cell (a line listing
    units, with its alias lines) anchors a row that starts one line per column before it."""
    starts: set[int] = set()
    bounds = sorted(headers) + [len(L)]
    for h, nxt in zip(bounds, bounds[1:], strict=False):
        end, kinds, _ = headers[h]
        cols = columns(kinds)
        if "units" not in cols:
            continue
        prev_unit = False
        for j in range(end, nxt):
            unit = is_unit_cell(L[j].f) or (prev_unit and is_alias_line(L[j].f))
            # a task cell is never a person's name: a unit cell after one (张伟 / 市自然资源局) is
            # a later column's (协办单位), not the unit cell of a row starting there
            if unit and not prev_unit:
                start = _row_start_before(L, cols, j, end)
                if start is not None and not (start < j and cols[0] == "content" and is_leader_cell(L[start].f)):
                    starts.add(start)
            prev_unit = unit
    return starts


def _row_start_before(L: list[Line], cols: list[str], j: int, end: int) -> Optional[int]:
    """The first line of the row whose unit cell is ``L[j]``: one line per column before the unit
    column, less a leading short column's cell left empty and dropped (a remark before the task:
    the line there is not its cell, or is the header's)."""
    before = cols.index("units")
    k = 0
    while k < before and cols[k] in SHORT_KINDS and (j - before + k < end or not fits(cols[k], [L[j - before + k]])):
        k += 1
    start = j - before + k
    return start if start >= end else None


_NAME_NO = cached_re(r"^(\d{1,3})[、.](?!\d)\s{0,2}(?=\S)")


def _numbered_names(L: list[Line], first: int, units_last: bool) -> dict[int, tuple[int, int]]:
    """Rows whose first cell carries the number (``1、地区生产总值增长率``), numbered 1, 2, 3 …:
    index -> (number, end of the marker). A name is short and has no sentence end, unless the
    row before ends with its unit cell (``units_last``): then the line after a unit cell, a
    heading or the header is the next row's first cell, a task sentence too, and may skip a
    number; the numbering may start again at 1 after a leader heading."""
    out: dict[int, tuple[int, int]] = {}
    want = 1
    for i in range(first, len(L)):
        m = _NAME_NO.match(L[i].f)
        if not m:
            continue
        v, prev = int(m.group(1)), L[i - 1].f
        after_row = units_last and i > first and \
            (is_unit_cell(prev) or header_kind(prev) is not None or leader_heading(prev) is not None)
        if (v == want and len(L[i].f) <= S.named_row_max and "。" not in L[i].f) or (after_row and v >= want) or \
                (v == 1 and out and after_row and leader_heading(prev)):
            out[i] = (v, m.end())
            want = v + 1
    return out if len(out) >= 2 else {}


def _is_category(f: str) -> bool:
    """A category cell (高质量发展): short, no figure, no unit list, no sentence."""
    return 2 <= len(f) <= S.category_max and not re.search(r"\d", f) and "。" not in f and not is_unit_cell(f)


def read_cells(L: list[Line]) -> Optional[Table]:
    headers = _headers(L)
    if not headers:
        return None
    first = min(headers)
    start = first
    for j in range(max(0, first - 3), first):
        if leader_heading(L[j].f):
            start = j
            break
    walk = _CellsWalk(L, headers, Table("cells", L[start:]), first)
    i = start
    while i < len(L):
        i = walk.line(i)
    walk.cut_tail()
    walk.close()
    return walk.tbl


def _headers(L: list[Line]) -> dict[int, tuple[int, list[str], list[str]]]:
    """The header runs of the text: index of the first cell -> (end, kinds, cells). A run starts
    at a line naming a column that follows a line naming none (or at 序号)."""
    headers = {}
    hk = [header_kind(x.f) for x in L]
    for i in range(len(L)):
        if hk[i] is not None and (i == 0 or L[i].f in V.SEQ_WORDS or hk[i - 1] is None):
            hr = _header_run(L, hk, i)
            if hr:
                headers[i] = hr
    return headers


class _CellsWalk:
    """The state of a walk over a one-cell-per-line table: how its rows start (a number alone
    on its line, a task naming its lead unit inline, a numbered first cell, a unit cell
    anchoring an unnumbered row), the columns of the last header, and the row being read."""

    def __init__(self, L: list[Line], headers: dict[int, tuple[int, list[str], list[str]]], tbl: Table,
                 first: int):
        self.L, self.headers, self.tbl = L, headers, tbl
        # numbered or not: are there number-only lines after the first header?
        self.numbered = any(SEQ_LINE.match(x.f) for x in L[first:])
        self.tagged = not self.numbered and \
            any(inline_units(x.raw) is not None and len(x.f) > 8 for x in L[first:])
        self.named = {} if self.numbered or self.tagged else \
            _numbered_names(L, first, columns(headers[first][1])[-1:] == ["units"])
        self.anchored = set() if self.numbered or self.tagged or self.named else _unit_anchored_starts(L, headers)
        self.cols: list[str] = []
        self.lead_first = False              # a leader column before the number column
        self.cat_cell = False                # a category column after the number: a cell of its row
        self.pending: Optional[Line] = None  # its cell, read before the row's number
        self.cur: Optional[Row] = None
        self.cur_lines: list[Line] = []
        self.prev_seq: Optional[int] = None

    def close(self, category: bool = False) -> None:
        """End the row; with ``category``, a last line that is a category cell opens the next
        group (a category cell is printed on the first row of its group only)."""
        heading = None
        if category and "category" in self.cols and not self.cat_cell and len(self.cur_lines) > 2 and \
                _is_category(self.cur_lines[-1].f):
            heading = self.cur_lines.pop()
        elif self._group_line():
            heading = self.cur_lines.pop()
        if self.cur is not None:
            skip = [k for k, yes in (("leader", self.lead_first), ("category", not self.cat_cell)) if yes]
            row_from_cell_lines(self.cur, self.cur_lines, [c for c in self.cols if c not in skip],
                                name_slots(self.tbl.rows))
            self.tbl.row(self.cur, self.cols)
            self.tbl.assigned.update(x.no for x in self.cur_lines)
        if heading is not None:
            self.tbl.heading((heading.raw, None, None), heading.no)
            self.tbl.assigned.add(heading.no)
        self.cur, self.cur_lines = None, []

    def _spanning(self, f: str) -> bool:
        """A line right after the header, before the first row of a numbered table, that no row
        holds: a heading spanning the table (综合指标类9项(按考核目标统计)), short, with no
        sentence end."""
        return self.numbered and self.prev_seq is None and self.pending is None and len(f) <= S.heading_max \
            and any(e[0] == "header" for e in self.tbl.events[-1:]) \
            and "。" not in f and not SEQ_LINE.match(f) and not is_unit_cell(f) and not is_leader_cell(f)

    def _group_line(self) -> bool:
        """Whether the open row's last line is a group heading printed on a line of its own
        (高品质生活 between the rows of an indicator table, a row spanning the table): the header
        ends with the unit column, the line before it is the row's unit cell, and it is short,
        with no figure, no sentence and no unit name."""
        lines = self.cur_lines
        return self.cur is not None and self.cols[-1:] == ["units"] and len(lines) > 2 and \
            _is_category(lines[-1].f) and not is_alias_line(lines[-1].f) and is_unit_cell(lines[-2].f)

    def _header(self, i: int) -> int:
        """A header run: its columns replace the last header's. When a leader column stands
        before the number (责任领导 / 序号 / …), the grid's rows put the number first: so does
        its header."""
        self.close()
        end, kinds, hcells = self.headers[i]
        self.cols = columns(kinds)
        self.lead_first = _group_first(kinds)
        # a category column after the number (序号 / 类别 / 任务): its cell is one of the row's
        # lines, on every row or on its group's first only
        self.cat_cell = "seq" in kinds and "category" in kinds[kinds.index("seq"):]
        if self.lead_first:
            k = kinds.index("seq")
            hcells = [hcells[k]] + hcells[:k] + hcells[k + 1:]
            kinds = [kinds[k]] + kinds[:k] + kinds[k + 1:]
        self.tbl.header(hcells, kinds, self.L[i].no)
        self.tbl.assigned.update(x.no for x in self.L[i:end])
        return end

    def _numbered_row(self, ln: Line) -> bool:
        """A line holding only a number starts a row when no row is open, or when it is the
        next number or the open row already has a line per cell (else it is a figure cell).
        A leader's name ending the open row is the next group's leader, printed before its
        number."""
        m = SEQ_LINE.match(ln.f) if self.numbered and (ln.f[:1].isdecimal() or ln.f[:1] in "(第") else None
        if not m:
            return False
        v = int(m.group(1))
        ncells = len([c for c in self.cols if c not in ("other", "leader")])
        if not (self.cur is None or (self.cur_lines and (v == (self.prev_seq or 0) + 1
                                                         or len(self.cur_lines) >= ncells - 1))):
            return False
        if self.lead_first and self.cur_lines and is_leader_cell(self.cur_lines[-1].f) and not self._own_last():
            self.pending = self.cur_lines.pop()
        self.close()
        self.cur = Row(v, ln.no)
        if self.pending is not None:
            self.cur.cells["leader"] = [self.pending.raw]
            self.tbl.assigned.add(self.pending.no)
            self.pending = None
        self.prev_seq = v
        self.tbl.assigned.add(ln.no)
        return True

    def _own_last(self) -> bool:
        """Whether the open row's last line, a bare word like a name (全年), is its own last cell
        rather than the next group's leader printed before its number: the header ends with
        short columns (a remark, a deadline) and the row ends with no more short lines (no
        sentence end) than those columns."""
        lines = self.cur_lines
        if is_leader_cell(lines[-1].f, bare_names=False):
            return False
        n = 0
        while n < len(self.cols) and self.cols[-1 - n] in SHORT_KINDS and self.cols[-1 - n] != "leader":
            n += 1
        k = 0
        while k < len(lines) and lines[-1 - k].f[-1] not in END_OK and fits("other", lines[-1 - k:len(lines) - k]):
            k += 1
        return 0 < k <= n

    def line(self, i: int) -> int:
        """Read line ``i``; the index of the next line to read."""
        ln = self.L[i]
        if i in self.headers:
            return self._header(i)
        h = leader_heading(ln.f)
        if h:
            self.close()
            self.tbl.heading(h, ln.no)
            self.tbl.assigned.add(ln.no)
            return i + 1
        if is_chrome(ln.f) or not self.cols:
            return i + 1
        if i in self.named:
            self.close(category=True)
            v, end = self.named[i]
            self.cur = Row(v, ln.no)
            self.cur_lines = [Line(ln.no, ln.raw[end:], ln.f[end:], ln.lead)]
            return i + 1
        if self.cur is None and "category" in self.cols and not self.cat_cell and _is_category(ln.f):
            self.tbl.heading((ln.raw, None, None), ln.no)
            self.tbl.assigned.add(ln.no)
            return i + 1
        if self.lead_first and self.cur is None and is_leader_cell(ln.f):
            self.pending = ln
            return i + 1
        if self.cur is None and self._spanning(ln.f):
            self.tbl.heading((ln.raw, None, None), ln.no)
            self.tbl.assigned.add(ln.no)
            return i + 1
        if self._numbered_row(ln):
            return i + 1
        if (self.tagged and inline_units(ln.raw) is not None and len(ln.f) > 8) or i in self.anchored:
            self.close()
            self.cur = Row(None, ln.no)
        if self.cur is not None:
            self.cur_lines.append(ln)
        return i + 1

    def cut_tail(self) -> None:
        """An unnumbered table cut off inside the next task cell, before its (牵头单位:…) tag:
        a last line that ends mid-sentence and is not a sub-item of the progress cell, nor the
        unit cell or a short cell that ends a row, is the start of a row of its own."""
        cur_lines, cols = self.cur_lines, self.cols
        if self.numbered or self.cur is None or len(cur_lines) < 3:
            return
        f = cur_lines[-1].f
        if f[-1] not in END_OK and ordinal_at_start(f) is None and cur_lines[-2].f[-1:] in END_OK and \
                not (cols[-1:] == ["units"] and is_unit_cell(f)) and \
                not (cols[-1:] and cols[-1] in ("other", "status", "leader") and len(f) <= S.short_cell):
            last = cur_lines.pop()
            self.close()
            self.cur, self.cur_lines = Row(None, last.no), [last]
