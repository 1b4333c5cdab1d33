"""What a text family reads, and how it becomes a :class:`~zsprogress.grid.Page`.

A family walks the source lines and records, in order, header rows (:meth:`Table.header`),
section headings (:meth:`Table.heading`) and rows (:class:`Row`: the cell texts of a row by
column kind). :meth:`Table.page` turns that into grids: a new :class:`Grid` at each header row
(its header cells as printed, folded), a heading as a row whose one cell spans the grid, a row
as one cell per column of its header. Tasks are then built from the page by ``build.build``,
the same builder the binary formats use.

The family also keeps the bookkeeping of the source that only text has: the lines it used
(``assigned``, for the ``unassigned-lines`` diagnostic), the lines of the table region, and
for its last row whether a cell is missing and what its last cell was (``cut_at_end`` tells a
row the source cuts off).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Optional

from ..grid import Cell, Grid, Page
from ..layout_vocab import V, cached_re
from ..markers import marker_of, ordinal_at_start
from ..normalize import fold
from .settings import DEFAULT as S
from .shapes import END_OK, Heading, KeptAside, Line, is_chrome, is_leader_cell
from .units import inline_units, is_alias_line, is_figure_cell, is_unit_cell

FIELDS = {"content", "progress", "target", "status", "problems", "next_steps", "units", "co_units", "leader", "category",
          "measure", "figure"}



@dataclass
class Row:
    seq: Optional[int]
    line: int
    cells: dict[str, list[str]] = field(default_factory=dict)
    missing: bool = False                  # a cell of the layout is missing (cut off)
    last_kind: Optional[str] = None        # kind of the row's last cell in source order
    last_text: str = ""
    texts: Optional[list[str]] = None      # the cell texts in column order, when the family kept them
    kept: dict[int, list[str]] = field(default_factory=dict)   # KeptAside slot -> its cell's lines
    named: dict[str, list[str]] = field(default_factory=dict)  # a kept-aside label (完成时限:) -> text


@dataclass
class Table:
    """The rows, headers and headings a text family read, in source order."""

    layout: str
    region: list[Line]                     # lines of the table region (for unassigned-lines)
    assigned: set[int] = field(default_factory=set)   # lines used by tasks/headings/headers
    rows: list[Row] = field(default_factory=list)
    events: list[tuple[str, Any]] = field(default_factory=list)
    seq_added: bool = False                # the last header's seq cell is not its first: added or moved
    seq_from: int = 0                      # where the moved seq cell was (0: none moved)
    prose: list[Line] = field(default_factory=list)   # lines kept as the report's paragraphs
    markers: list[str] = field(default_factory=list)  # task numbers as printed when more than the seq (1.2)

    def header(self, cells: list[str], kinds: Sequence[Optional[str]], line: Optional[int]) -> None:
        """Open a grid under a header row (folded cell texts and their kinds). The grid's rows
        put the row number first: a header whose seq cell comes later (``责任领导 / 序号 / …``, a
        group column first) has it moved first, a header without one gets one."""
        self.seq_added = not kinds or kinds[0] != "seq"
        self.seq_from = 0
        if self.seq_added and "seq" in kinds[1:]:
            self.seq_from = list(kinds).index("seq")
            cells = [cells[self.seq_from]] + cells[:self.seq_from] + cells[self.seq_from + 1:]
        elif self.seq_added:
            cells = [V.HEADER_WORD["seq"]] + cells
        self.events.append(("header", (cells, line, None)))

    def sub_header(self, parent: int, cells: list[str]) -> None:
        """A second header row: ``cells`` are the sub-columns of the last header's cell
        ``parent`` (an index into the cells as given to :meth:`header`)."""
        kind, (hcells, line, _) = self.events[-1]
        shift = 1 if self.seq_added and (not self.seq_from or parent < self.seq_from) else 0
        self.events[-1] = (kind, (hcells, line, (parent + shift, cells)))

    def heading(self, h: Heading, line: int) -> None:
        self.events.append(("heading", (h[0], line)))

    def row(self, r: Row, cols: list[str]) -> None:
        self.rows.append(r)
        self.events.append(("row", (r, cols)))

    def page(self) -> Page:
        page = Page(format="text")
        grid: Optional[Grid] = None
        width = 1
        for what, data in self.events:
            if what == "header":
                cells, line, sub = data
                width = len(cells)
                rows = [[Cell(c, line=line) for c in cells]]
                if sub:
                    p, subs = sub
                    width += len(subs) - 1
                    for j, c in enumerate(rows[0]):
                        c.rowspan, c.colspan = (1, len(subs)) if j == p else (2, 1)
                    rows.append([Cell(c, line=line) for c in subs])
                grid = Grid(rows=rows, header_rows=len(rows), line=line)
                page.blocks.append(grid)
                continue
            if grid is None:
                grid = Grid(line=None)
                page.blocks.append(grid)
            if what == "heading":
                text, line = data
                grid.rows.append([Cell(text, line=line, colspan=width)])
            else:
                r, cols = data
                cells = [Cell("" if r.seq is None else str(r.seq), line=r.line)]
                if r.texts is not None:
                    cells += [Cell(t) for t in r.texts]
                else:
                    cells += [Cell(_cell_text(r, k)) for k in cols]
                grid.rows.append(cells)
        return page

    def cut_at_end(self, L: list[Line], progress_expected: bool) -> bool:
        """Whether the source ends inside the last row: nothing follows it and a cell is
        missing, or its last cell ends mid-sentence (a unit cell: is not a whole unit list)."""
        if not self.rows or not L:
            return False
        r = self.rows[-1]
        row_last = max([x for x in self.assigned if x >= r.line] or [r.line])
        if any(x.no > row_last and not is_chrome(x.f) for x in L):
            return False
        content = "\n".join(r.cells.get("content", []))
        inl = inline_units(content)
        if inl is not None:
            content = content[:inl[0]].rstrip()
        # a task column no header word named is kept aside until the builder infers it
        # (民生实事 | 完成情况 | 是否完成): its cell is the row's task text too
        if r.missing or not (content or any(x.strip() for cell in r.kept.values() for x in cell)):
            return True
        if progress_expected and not "\n".join(r.cells.get("progress", [])):
            return True
        if r.last_kind == "units":
            return not is_unit_cell(r.last_text)
        if not r.last_text or V.NIL_CELL.match(r.last_text.strip()):
            return False                                  # 无, 暂无, /: a whole cell
        return r.last_text[-1] not in END_OK and self._cells_end_in_punctuation(r)

    def _cells_end_in_punctuation(self, last: Row) -> bool:
        """Whether the report's habit is to end the cell that closes a row with punctuation: a
        last cell without it then is cut off mid-sentence. Many tables end their cells bare
        (``1-9月完成投资95亿元``), and there a bare last row is whole. Judged on the other rows
        whose last cell is of the same kind; with none to compare, the row is taken as cut."""
        ends = [x.last_text[-1] in END_OK for x in self.rows[:-1]
                if x.last_kind == last.last_kind and x.last_text]
        return not ends or 2 * sum(ends) >= len(ends)


def _cell_text(r: Row, kind: str) -> str:
    """The text of a row's cell of column ``kind``: a task field's lines, or the lines of a
    kept-aside column (:class:`KeptAside`); "" for a column nothing reads."""
    if kind in FIELDS:
        return "\n".join(r.cells.get(kind, []))
    if isinstance(kind, KeptAside):
        return "\n".join(r.kept.get(kind.slot, []))
    return ""


def set_cell(row: Row, kind: str, texts: list[str]) -> None:
    """Give ``texts`` to the row's cell of column ``kind``: a task field, or a kept-aside
    column (its slot); any other kind reads nothing."""
    if not texts:
        return
    if kind in FIELDS:
        row.cells.setdefault(kind, []).extend(texts)
    elif isinstance(kind, KeptAside):
        row.kept.setdefault(kind.slot, []).extend(texts)


_FIGURE_ONLY = cached_re(r"^\d+(?:\.\d+)?\s{0,2}\S{0,4}$")   # 9.8%, 28.97%: a cell, not a sub-item


def _blocks(lines: list[Line]) -> list[list[Line]]:
    """Group the lines of a row into cells: a line continues the previous cell when that ends
    with ':' or when it starts with a sub-item marker numbered 2 or more whose item before
    is in that cell (2. after 1.; 77.7亿元 opens with a figure, not with item 77)."""
    out: list[list[Line]] = []
    for ln in lines:
        if out:
            prev = out[-1][-1].f
            o = ordinal_at_start(ln.f) if not _FIGURE_ONLY.match(ln.f) else None
            if prev.endswith(":") or (o is not None and o >= 2 and _holds_item(out[-1], o - 1)):
                out[-1].append(ln)
                continue
        out.append([ln])
    return out


def _holds_item(block: list[Line], n: int) -> bool:
    """Whether a sub-item marker numbered ``n`` opens a line of ``block`` or follows a
    boundary in it."""
    return any(ordinal_at_start(x.f) == n or any(marker_of(m)[1] == n for m in V.MARKER_ANY.finditer(x.f))
               for x in block)


# columns whose cell a row may lack (left empty and dropped, or a group cell printed on the
# first row of its group only)
OPTIONAL_KINDS = ("leader", "other", "status", "co_units", "category")
# columns whose cell is short (a status word, a rate, 是/否, a deadline, a person, a name): a long
# or multi-line block is never theirs, so a missing one is told from a present one
SHORT_KINDS = ("leader", "status", "other", "measure", "figure", "co_units", "category")


def cell_fits(kind: str, block: list[Line]) -> bool:
    if kind == "leader":
        return len(block) == 1 and is_leader_cell(block[0].f)
    if kind in ("status", "other", "measure", "figure"):
        return len(block) == 1 and len(block[0].f) <= S.short_cell
    if kind == "co_units":
        return len(block) == 1 and is_unit_cell(block[0].f)
    if kind == "category":      # 产业发展: short, no figure, no sentence, no unit
        f = block[0].f
        return len(block) == 1 and 2 <= len(f) <= S.category_max and not any(ch.isdigit() for ch in f) and \
            "。" not in f and not is_unit_cell(f)
    return True


def name_slots(rows: Sequence[Row]) -> frozenset[int]:
    """The kept-aside columns (their slots) that held a person's name in the rows read so far
    (具体责任人: 王芳; 联系人及电话: 王芳 0580-2256486, ``[contact_cell]``), unlike a remark's or a
    deadline's."""
    return frozenset(s for r in rows for s, cell in r.kept.items()
                     if len(cell) == 1 and (is_leader_cell(cell[0]) or V.CONTACT_CELL.match(fold(cell[0]).strip())))


def yields_leader(cols: Sequence[str], k: int, names: frozenset[int], f: str) -> bool:
    """Whether the leader column ``cols[k]`` yields the name ``f`` of a row that lacks a cell to a
    kept-aside column before it that held names in the rows above (a person: 具体责任人 / 分管领导):
    the leader, printed on the first row of its group only, is the cell that is missing."""
    return cols[k] == "leader" and any(isinstance(c, KeptAside) and c.slot in names for c in cols[:k]) and \
        is_leader_cell(f) and not is_leader_cell(f, bare_names=False)


def _to_leader(cols: Sequence[str], short: list[bool], k: int, block: list[Line], names: frozenset[int]) -> bool:
    """Whether the kept-aside column ``cols[k]`` (a remark) of a row's closing short columns
    yields a leader's name to a leader column before it among them (责任领导 / 备注: the remark,
    left empty, was dropped): a name with a title (韩峻副市长), or a bare name (周建军) when the
    column held no person's name in the rows above (``names``, :func:`name_slots`)."""
    kind = cols[k]
    if kind != "other" or len(block) != 1 or not is_leader_cell(block[0].f):
        return False
    if isinstance(kind, KeptAside) and kind.slot in names and not is_leader_cell(block[0].f, bare_names=False):
        return False
    j = k - 1
    while j >= 0 and short[j] and cols[j] != "leader":
        j -= 1
    return j >= 0 and cols[j] == "leader"


def _takes(head: list[str], short: list[bool], i: int, blocks: list[list[Line]], bi: int) -> bool:
    """Whether the short column ``head[i]`` takes the next block: the block looks like its cell,
    enough blocks remain for the columns of text after it (the task, its progress: a short
    column whose cell was dropped never takes their text), and, when the row has fewer blocks
    than columns, a kept-aside column (a remark, most often left empty) yields the block to a
    short column of a task field after it (a status word: 序时推进). A sentence (its end: 。) is
    the task's when the task column comes next, not a kept-aside cell's (a remark left empty)."""
    kind, block = head[i], blocks[bi]
    if not cell_fits(kind, block):
        return False
    left = len(blocks) - bi
    if left <= sum(1 for s in short[i + 1:] if not s):
        return False
    if kind == "other" and block[-1].f[-1:] in "。;" and \
            next((head[j] for j in range(i + 1, len(head)) if not short[j]), None) == "content":
        return False
    if kind == "other" and left < len(head) - i:
        nxt = next((j for j in range(i + 1, len(head)) if not short[j]), len(head))
        return not any(head[j] != "other" and cell_fits(head[j], block) for j in range(i + 1, nxt))
    return True


def _fill(row: Row, lines: list[Line], cols: list[str], names: frozenset[int] = frozenset()) -> None:
    """Distribute ``lines`` over ``cols`` in order: one block each, the rest to the last column
    of text. A column of short cells (a leader's name, a status or rate, a deadline) takes a
    block only when it looks like its cell (:func:`cell_fits`): a cell left empty and dropped, or a
    leader printed on the first row of its group only, is missing, and the blocks go on to the
    next column."""
    if not cols:
        if lines:
            set_cell(row, "progress" if "progress" in row.cells else "content", [x.raw for x in lines])
        return
    if len(cols) == 1:
        set_cell(row, cols[0], [x.raw for x in lines])
        return
    blocks = _blocks(lines)
    short = [c in SHORT_KINDS for c in cols]
    # short columns after the last column of text: from the end, each takes the last block if
    # that fits it
    tail: list[tuple[str, list[Line]]] = []
    k = len(cols)
    while k > 1 and short[k - 1]:
        if len(blocks) > sum(1 for s in short[:k - 1] if not s) and blocks and cell_fits(cols[k - 1], blocks[-1]) \
                and not ((yields_leader(cols, k - 1, names, blocks[-1][0].f) or _to_leader(cols, short, k - 1, blocks[-1], names))
                         and not (len(blocks) > 1 and len(blocks[-2]) == 1 and is_leader_cell(blocks[-2][0].f))):
            tail.append((cols[k - 1], blocks.pop()))
        k -= 1
    head = cols[:k]
    bi = 0
    for i, kind in enumerate(head):
        if i == len(head) - 1:
            chunk = [x for b in blocks[bi:] for x in b]
            set_cell(row, kind, [x.raw for x in chunk])
            break
        if bi >= len(blocks):
            break
        if short[i] and not _takes(head, short, i, blocks, bi):
            continue
        set_cell(row, kind, [x.raw for x in blocks[bi]])
        bi += 1
    for kind, b in tail:
        set_cell(row, kind, [x.raw for x in b])


def _unit_run(lines: list[Line], start: int) -> Optional[tuple[int, int]]:
    """The first unit cell at or after ``start`` that is wrapped over lines (``区投促局、`` /
    ``大观园街道办事处``), with its alias lines: (first, end)."""
    for j in range(max(start, 1), len(lines)):
        if is_unit_cell(lines[j].f) and lines[j].f.endswith(("、", ",")):
            k = j + 1
            while k < len(lines) and (is_unit_cell(lines[k].f) or is_alias_line(lines[k].f)):
                k += 1
                if not lines[k - 1].f.endswith(("、", ",")):
                    break
            return j, k
    return None


def _past_co_units(lines: list[Line], before: list[str], j: int) -> int:
    """The line of the unit cell when the unit-like line ``j`` is rather the cell of a co-unit
    column before the unit column (配合单位 / 完成时限 / 牵头单位): the next unit-like line where the
    columns between take a line each, or fewer when theirs is optional (a deadline, a remark
    left empty and dropped). ``j`` itself when no such line follows, when more lines precede it
    than columns precede the co-unit column, or when it is a unit list wrapped onto the next line."""
    if "co_units" not in before or j > before.index("co_units"):
        return j
    between = before[before.index("co_units") + 1:]
    need = sum(1 for c in between if c not in OPTIONAL_KINDS)
    for m in range(j + len(between) + 1, j + need, -1):
        if m < len(lines) and is_unit_cell(lines[m].f) and not lines[m - 1].f.endswith(("、", ",")):
            return m
    return j


def _unit_span(lines: list[Line], before: list[str], after: list[str]) -> Optional[tuple[int, int]]:
    """(first, end) of the unit cell's lines in a row whose columns ``after`` follow the units."""
    # a cell of an optional column before the units (a leader printed on the first row of its
    # group only, a remark) may be missing: the unit cell may come that much sooner
    optional = sum(1 for c in before if c in OPTIONAL_KINDS)
    for j in range(max(len(before) - optional, 1 if before else 0), len(lines)):
        if j < len(before) and "leader" in before and is_leader_cell(lines[j].f):
            continue      # the leader's cell (周建军: a name, though it ends like 军)
        if is_unit_cell(lines[j].f):
            j = _past_co_units(lines, before, j)
            k = j + 1
            # one unit per line (unless a co-unit cell follows), and alias lines; a unit cell
            # never ends the row, nor leaves a figure for the task cell after it (新认定市级高新
            # 技术企业 / 30家: an indicator ending like a unit, then its target)
            while k < len(lines) - 1 and after[0] != "co_units" and \
                    (is_unit_cell(lines[k].f) or is_alias_line(lines[k].f)) and \
                    not (after[0] == "content" and is_figure_cell(lines[k + 1].f)):
                k += 1
            while k < len(lines) and is_alias_line(lines[k].f):
                k += 1
            return j, k
    return None


def _row_from_lines(row: Row, lines: list[Line], cols: list[str], names: frozenset[int]) -> None:
    if "units" in cols:
        ui = cols.index("units")
        before, after = cols[:ui], cols[ui + 1:]
        span = None
        if not after:
            # the unit cell ends the row; a cell of an optional column before it (a remark, a
            # status, a leader; not a co-unit cell, itself a unit list) may be missing, so it may
            # take that many lines sooner
            low = max(len(before) - sum(1 for c in before if c in OPTIONAL_KINDS and c != "co_units"), 1)
            j = len(lines)
            while j > low and (is_unit_cell(lines[j - 1].f) or is_alias_line(lines[j - 1].f)):
                j -= 1
            while j < len(lines) and is_alias_line(lines[j].f):
                j += 1
            if j < len(lines):
                span = (j, len(lines))
            elif (run := _unit_run(lines, len(before))) is not None:
                # per-unit progress paragraphs (区投促局:…) after the unit cell: the progress
                set_cell(row, "units", [x.raw for x in lines[run[0]:run[1]]])
                _fill(row, lines[:run[0]], before, names)
                set_cell(row, before[-1] if before else "progress", [x.raw for x in lines[run[1]:]])
                return
            elif len(lines) > len(before) and len(lines[-1].f) <= S.unit_cell_max and "。" not in lines[-1].f:
                span = (len(lines) - 1, len(lines))      # positional: a cut unit cell (市发)
        else:
            span = _unit_span(lines, before, after)
        if span is None:
            _fill(row, lines, [c for c in cols if c != "units"], names)
            row.missing = True
            return
        a, b = span
        set_cell(row, "units", [x.raw for x in lines[a:b]])
        _fill(row, lines[:a], before, names)
        _fill(row, lines[b:], after, names)
        if len(after) == 1:
            # unit -> result pairs: a unit line among the results is a unit of the row too
            more = [x.raw for x in lines[b + 1:-1] if len(x.f) <= 20 and is_unit_cell(x.f)]
            set_cell(row, "units", more)
        if not lines[b:] and after:
            row.missing = True
        return
    _fill(row, lines, cols, names)


def row_from_cell_lines(row: Row, lines: list[Line], cols: list[str], names: frozenset[int] = frozenset()) -> None:
    """Fill a row from its lines, one cell per line-block in column order; the unit cell is
    found by its shape (a list of unit names), so cells before and after it are told apart.
    ``names``: the kept-aside columns that held names in the rows above (:func:`name_slots`)."""
    _row_from_lines(row, lines, cols, names)
    if lines:
        row.last_text = lines[-1].f
        for kind in ("units", "progress", "next_steps", "problems", "status", "target", "content"):
            if row.cells.get(kind) and row.cells[kind][-1].endswith(lines[-1].raw):
                row.last_kind = kind
                break
    needed = [c for c in cols if c in FIELDS and c not in ("units", "co_units", "leader", "measure", "figure")]
    if len([c for c in needed if row.cells.get(c)]) < len(needed):
        row.missing = True

