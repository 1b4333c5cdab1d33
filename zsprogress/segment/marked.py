"""Family ``marked``: one cell per line, each cell ending with a marker (`` |``).

A web table flattened by a mirror site: every cell on its own line ending `` |`` (a cell wrapped
over lines ends at the line holding the marker), ``||`` after a cell are empty cells, and
nothing marks where a row ends::

    目标任务 |
    责任领导 |
    牵头单位 |
    责任单位 | ||
    全市经济社会发展主要预期目标 |
    地区生产总值增长8% |
    常务副市长 |

The header is the run of marked lines whose cells name column kinds (``[[header]]``), or a
matrix header (``序号 / 市州 / indicators``, see ``matrix``); its cell count, empty cells
included, is the width of a row. Rows are then cut from the stream of cells by that count:

- with a seq column, a row starts at its number; cells before the next number that are fewer
  than a row are a total row (``全省`` printed over the seq and place columns: no seq) or, a
  single cell, a section heading;
- without one, a cell is a section heading (a row spanning the table) when the row read from
  the next cell fits the shapes of the columns better (a leader cell where the leader column is,
  a unit list where the unit column is), or when it is the only non-empty cell of its row.

The layout is ``matrix`` for a matrix header, else ``pipe``.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Optional

from ..layout_vocab import V
from ..normalize import fold
from .matrix import matrix_kinds
from .settings import DEFAULT as S
from .shapes import SEQ_LINE, Line, columns, header_kind, is_chrome, leader_heading, strip_cn_ordinal
from .table import OPTIONAL_KINDS, Row, Table, cell_fits, set_cell
from .units import is_figure_cell, is_unit_cell


@dataclass
class _Cell:
    lines: list[Line]
    closed: bool                 # ends with its marker (False: the text is cut inside it)

    @property
    def text(self) -> str:
        return "\n".join(x.raw for x in self.lines)

    @property
    def f(self) -> str:
        return fold(" ".join(x.raw for x in self.lines)).strip()


def _marked(ln: Line) -> Optional[list[str]]:
    """The cells a line ends (``text |`` -> [text]; ``text | ||`` -> [text, "", ""]), or None
    when it does not end with the marker."""
    s = ln.raw.rstrip()
    if not s.endswith("|"):
        return None
    return [p.strip() for p in s.split("|")[:-1]]


def _header(L: list[Line], i: int) -> Optional[tuple[int, list[str], list[str]]]:
    """(end, cells, kinds) when a header of marked cells, one per line, starts at ``L[i]``."""
    cells: list[str] = []
    ends: list[int] = []               # the line after each cell's
    j = i
    while j < len(L) and len(cells) < S.marked_run_max:
        parts, step = _marked(L[j]), 1
        if parts is None and j + 1 < len(L) and len(L[j].f) <= S.wrapped_header_max and \
                (rest := _marked(L[j + 1])) and rest[0]:
            parts, step = [L[j].raw.strip() + " " + rest[0]] + rest[1:], 2   # a header word wrapped (半 年 / 度完成情况 |)
        if not parts or not parts[0] or any(parts[1:]):
            break
        f = fold(parts[0])
        if len(f) > S.header_cell_max or "。" in f or _seq(f) is not None or leader_heading(f):
            break                      # a leader heading (韩峻副市长牵头重点工作) opens the rows
        cells += [fold(c) for c in parts]
        j += step
        ends += [j] * len(parts)
    mk = matrix_kinds(cells)
    if mk:
        return j, cells, mk
    # a plain header: its cells up to the first that names no column kind
    n = next((k for k, c in enumerate(cells) if c and header_kind(c) is None), len(cells))
    cells = cells[:n]
    j = ends[n - 1] if n else i
    kinds = [(header_kind(c) or "other") if c else "other" for c in cells]
    if len([c for c in cells if c]) < 2 or not ({"content", "progress"} & set(kinds)):
        return None
    return j, cells, kinds


def _seq(f: str) -> Optional[int]:
    m = SEQ_LINE.match(f)
    return int(m.group(1)) if m else None


def _stream(L: list[Line]) -> list[_Cell]:
    """The cells of the lines after the header, in order; unmarked lines go on a cell."""
    out: list[_Cell] = []
    pending: list[Line] = []
    for ln in L:
        if is_chrome(ln.f):
            continue
        parts = _marked(ln)
        if parts is None:
            pending.append(ln)
            continue
        for k, p in enumerate(parts):
            # an empty cell alone on its line (`` |``) keeps its line: the reading placed it
            own = Line(ln.no, p, fold(p)) if p or (k == 0 and not pending) else None
            lines = pending + ([own] if own else []) if k == 0 else ([own] if own else [])
            out.append(_Cell(lines, True))
            pending = [] if k == 0 else pending
    if pending:
        out.append(_Cell(pending, False))
    return out


def _is_leader(f: str) -> bool:
    """A leader cell: a title (常务副市长), a name with its title, or a 2-4 character name."""
    s = f.replace(" ", "")
    if any(s.endswith(t) or s.startswith(t) for t in V.TITLES):
        return len(s) <= S.category_max
    return 2 <= len(s) <= 4 and not any(ch.isdigit() for ch in s)


_SHAPES = {"leader": _is_leader, "units": is_unit_cell, "co_units": is_unit_cell}
_SHORT = ("status", "other", "measure", "figure")     # kinds of short cells (table.cell_fits)


def _fit(cells: list[_Cell], start: int, cols: list[str]) -> int:
    """How many shaped columns (leader, units) the row read from ``start`` fits."""
    n = 0
    for j, k in enumerate(cols):
        if k in _SHAPES and start + j < len(cells) and cells[start + j].f and _SHAPES[k](cells[start + j].f):
            n += 1
    return n


def _is_heading(cells: list[_Cell], p: int, cols: list[str]) -> bool:
    c = cells[p]
    if not c.f or len(c.f) > S.heading_max or c.f.endswith(("。", ";")) or not c.closed:
        return False
    rest = cells[p + 1:p + len(cols)]
    if rest and len(rest) == len(cols) - 1 and not any(x.f for x in rest):
        return True
    return _fit(cells, p + 1, cols) > _fit(cells, p, cols)


def read_marked(L: list[Line]) -> Optional[Table]:
    found = next(((i, h) for i in range(len(L)) if _marked(L[i]) and (h := _header(L, i))), None)
    if found is None:
        return None
    start, (end, hcells, kinds) = found
    matrix = "place" in kinds
    tbl = Table("matrix" if matrix else "pipe", L[start:])
    tbl.header(hcells, kinds, L[start].no)
    tbl.assigned.update(x.no for x in L[start:end])
    cols = [k for k in kinds if k != "seq"] if matrix else columns(kinds)
    seq_col = kinds[0] == "seq"
    w = len(cols)
    cells = _stream(L[end:])
    p, last, no_units = 0, 0, _no_units(cells, cols)
    while p < len(cells):
        v = _seq(cells[p].f) if seq_col else None
        if v is not None:
            last = v
            used = cells[p:p + 1 + (w if matrix else _row_width(cells, p, w, v))]
            got = used[1:] if matrix else _aligned(used[1:], cols, no_units)
            row = _row(v, got, cols, matrix)
            expected = 1 + w - (len(got) - len(used) + 1)
        elif seq_col and not cells[p].f and cells[p].closed:
            tbl.assigned.update(x.no for x in cells[p].lines)
            p += 1                            # an empty number cell: a row without a number follows
            continue
        elif seq_col:
            # cells up to the next number: a heading (one cell) or a row without a number
            n = next((k for k in range(1, w + 1) if p + k < len(cells) and _opens_row(cells[p + k], last)), w)
            used = cells[p:p + n]
            if len(used) == 1:
                if used[0].f:
                    _heading(tbl, used[0])
                p += 1
                continue
            row = _row(None, used, cols, matrix)
            expected = len(used)
        elif _is_heading(cells, p, cols):
            _heading(tbl, cells[p])
            p += 1
            continue
        else:
            used = cells[p:p + w]
            row = _row(None, used, cols, matrix)
            expected = w
        p += len(used)
        if not any(c.f for c in used):
            continue                          # a row of empty cells
        row.missing = len(used) < expected or not used[-1].closed
        row.last_text = "" if used[-1].closed else used[-1].f
        row.line = next((c.lines[0].no for c in used if c.lines), 0)
        tbl.row(row, cols)
        tbl.assigned.update(x.no for c in used for x in c.lines)
    return tbl if tbl.rows else None


def _opens_row(c: _Cell, last: int) -> bool:
    """A number cell that opens the row after the row numbered ``last`` (``last + 1``); before
    the first row (``last`` 0) any number: a table may begin inside the numbering (its first
    rows left out, a section continuing an earlier table's)."""
    n = _seq(c.f)
    return n is not None and (n == last + 1 or (last == 0 and c.closed))


def _no_units(cells: list[_Cell], cols: list[str]) -> bool:
    """A unit column no cell of the table fills (its empty cells dropped): in a short row its
    cell may be the missing one."""
    return "units" in cols and not any(is_unit_cell(c.f) for c in cells if c.f)


def _row_width(cells: list[_Cell], p: int, w: int, v: int) -> int:
    """The cells of the row numbered ``v`` at ``cells[p]``: up to ``w``, fewer when a next
    row's number (``v + 1`` or a little more, a row left out; ``1`` where a group numbers its
    rows anew) comes sooner (a group cell printed on the first row of its group only, an empty
    cell dropped)."""
    def next_row(c: _Cell) -> bool:
        n = _seq(c.f)
        return c.closed and n is not None and (n == 1 or v < n <= v + S.seq_gap_max)

    return next((k - 1 for k in range(2, w + 1) if p + k < len(cells) and next_row(cells[p + k])), w)


def _score(cells: list[_Cell], cols: list[str]) -> int:
    """How well cells sit in columns: a shaped column (leader, units) whose cell has its shape
    counts one, one whose cell has not counts minus one; so does a long or wrapped cell in a
    column of short cells (a remark, a deadline, a status: the task's text is never theirs)."""
    shaped = sum((1 if _SHAPES[k](c.f) else -1) for k, c in zip(cols, cells, strict=True)
                 if k in _SHAPES and c.f)
    return shaped - sum(1 for j, (k, c) in enumerate(zip(cols, cells, strict=True))
                        if k in _SHORT and c.f and (not cell_fits(k, c.lines) or _task_sentence(cols, j, c)))


def _task_sentence(cols: list[str], j: int, c: _Cell) -> bool:
    """A sentence (its end: 。) in a kept-aside column (a remark) that the task column comes
    after, its columns between all short: the task's text, the remark left empty and dropped."""
    nxt = next((k for k in cols[j + 1:] if k not in _SHORT), None)
    return cols[j] == "other" and c.f.endswith(("。", ";")) and nxt == "content"


def _aligned(used: list[_Cell], cols: list[str], no_units: bool = False) -> list[_Cell]:
    """A row with fewer cells than columns: the missing cells are cells of optional columns (a
    leader printed on the first row of its group only, an empty remark dropped), chosen so that
    the other cells fit their columns' shapes best; left as they are when none fits better. The
    unit column's cell may be missing too when a cell of figures stands where it is (an
    indicator row whose empty unit cell was dropped: 4297.8亿元;增速6.2% is its progress) or
    no cell of the table is a unit name (``no_units``)."""
    missing = len(cols) - len(used)
    optional = [j for j, k in enumerate(cols) if k in OPTIONAL_KINDS or (
        k == "units" and (no_units or (j < len(used) and is_figure_cell(used[j].f))))]
    if missing <= 0 or missing > len(optional):
        return used
    best, best_score = used, _score(used, cols[:len(used)])
    for skip in combinations(optional, missing):
        it = iter(used)
        row = [_Cell([], True) if j in skip else next(it) for j in range(len(cols))]
        sc = _score(row, cols)
        if sc > best_score:
            best, best_score = row, sc
    return best


def _heading(tbl: Table, c: _Cell) -> None:
    tbl.heading((strip_cn_ordinal(c.text), None, None), c.lines[0].no)
    tbl.assigned.update(x.no for x in c.lines)


def _row(seq: Optional[int], used: list[_Cell], cols: list[str], matrix: bool) -> Row:
    """A row of the cells ``used`` under ``cols`` (a short row is padded at its end)."""
    texts = [c.text for c in used]
    row = Row(seq, 0, texts=texts + [""] * (len(cols) - len(texts)))
    for k, t in zip(cols, texts, strict=False):
        if matrix:
            set_cell(row, "content" if k == "place" else "progress", [t] if t else [])
        else:
            set_cell(row, k, [t] if t else [])
    return row
