"""Family ``spaces``: rows whose cells are set apart by single spaces, under a header line of
known cells (``序号 目标任务 责任单位 上半年推进情况``), as a web table copied as text gives them.

A row starts at its number (``1 地区生产总值增长6%以上。 区发展改革委 同比增长2.9%。``); a cell
may go on over the following lines (a unit cell listing one unit per line). The unit cell is
found by its shape: the cells before it are the tokens before the first unit name, the cells
after it the rest. ``一、`` and ``(一)`` lines and leader headings are section headings; the header printed again (a page
break) is skipped.
"""

from __future__ import annotations

from typing import Optional

from ..layout_vocab import cached_re
from ..normalize import fold
from .settings import DEFAULT as S
from .shapes import (
    CN_HEADING,
    PAREN_HEADING,
    SEQ_LINE,
    Line,
    columns,
    header_kind,
    header_row_kinds,
    is_chrome,
    is_headerish,
    is_leader_cell,
    leader_heading,
    strip_cn_ordinal,
    wraps_word,
)
from .table import OPTIONAL_KINDS, SHORT_KINDS, Row, Table, set_cell
from .table import _fill as fill_cells
from .units import is_unit_cell

_ROW = cached_re(r"^(\d{1,3})[.、]?[ \u3000]{1,8}(?=\S)")
_SEP = cached_re(r"[ \u3000]+")
# cells set apart by two spaces or more, when the header does so: a cell may then hold single
# spaces (任 务 内 容, a header word spaced out; 超 550亿元)
_WIDE = cached_re(r"[ \u3000]{2,}")


def _sep(header: str):
    return _WIDE if _WIDE.search(header) else _SEP


def _header(f: str) -> Optional[list[str]]:
    """The kinds of a header line: the number's cell first, or a leader's (a group column
    printed on the first row of its group only: 牵头领导  编号  …) and then the number's."""
    cells = _opening(f)
    if cells is None:
        return None
    kinds = header_row_kinds(cells)
    return kinds if kinds is not None and _numbered(kinds) else None


def _opening(f: str, wraps: bool = False) -> Optional[list[str]]:
    """The cells of a line that opens like a header: the number's cell, or a leader's then the
    number's, and three cells at least. ``wraps``: the line's header words may go on on the next
    line, so the cell before the number's may be the first part of a leader's (责任 / 领导)."""
    if len(f) > S.spaces_header_max:
        return None
    cells = [c for c in _sep(f).split(f) if c]
    if len(cells) < 3:
        return None
    first = header_kind(cells[0].replace(" ", ""))
    second = header_kind(cells[1].replace(" ", ""))
    # (a fragment of a word too: 责 / 任 领 导)
    start = wraps and (is_headerish(cells[0]) or len(cells[0]) <= 3 and not cells[0][:1].isdigit())
    if first != "seq" and not (second == "seq" and (first == "leader" or start)):
        return None
    return cells


def _numbered(kinds: list[str]) -> bool:
    return kinds[0] == "seq" or kinds[:2] == ["leader", "seq"]


def _header_at(L: list[Line], i: int) -> Optional[tuple[list[str], list[str], int]]:
    """(cells, kinds, lines) of a header at ``L[i]``: its line, and the next when a header word
    wraps onto it (半年度推进 / 情况; 重 / 点工作, where the first line alone names too few
    columns to be a header)."""
    f = L[i].f
    kinds = _header(f)
    cells = _opening(f, wraps=True) if kinds is None else [c for c in _sep(f).split(f) if c]
    if cells is None:
        return None
    if i + 1 < len(L) and (joined := _wrapped(cells, L[i + 1].f, _sep(f))) is not None and _numbered(joined[1]):
        return joined[0], joined[1], 2
    return (cells, kinds, 1) if kinds is not None else None


def _fill(row: Row, tokens: list[str], more: list[Line], cols: list[str], wide: bool = False) -> None:
    """Tokens of the row's first line, then its continuation lines, over the columns. ``wide``:
    the cells are set apart by two spaces or more (as in the header), so each token is a cell."""
    if "units" not in cols and wide and len(tokens) > 1 and len(cols) > 1:
        fill_cells(row, [Line(0, t, t) for t in tokens] + list(more), cols)
        return
    if "units" not in cols:
        set_cell(row, cols[0], [" ".join(tokens)])
        for kind, ln in zip(cols[1:], more, strict=False):
            set_cell(row, kind, [ln.raw])
        return
    ui = cols.index("units")
    first = _unit_token(tokens, cols, wide)
    if first is None:
        if len(tokens) > 1 and not more and (wide or len(tokens) >= sum(c not in SHORT_KINDS for c in cols) - 1):
            # a row a line whose unit cell, left empty, cannot show between cells set apart by
            # spaces: the tokens over the other columns by their looks (a row going on over
            # more lines may hold its unit cell there: aligned columns, read by position); set
            # apart by one space, when there is a token for each of the other text columns
            fill_cells(row, [Line(0, t, t) for t in tokens], [c for c in cols if c != "units"])
        else:
            set_cell(row, cols[0], [" ".join(tokens)] + [x.raw for x in more])
        row.missing = True
        return
    last = first
    # one unit a token, but the leader's cell after the units is the leader's (周建军: a name,
    # though it ends like 军), and a unit cell right before the co-units' column is one token
    leader_after = "leader" in cols[ui + 1:]
    while last + 1 < len(tokens) and is_unit_cell(tokens[last + 1]) and cols[ui + 1:ui + 2] != ["co_units"] \
            and not (leader_after and is_leader_cell(tokens[last + 1])):
        last += 1
    before = tokens[:first]
    if ui > 1 and before:
        # several columns before the units: the tokens over them by what they look like (a
        # short column's cell left empty and dropped: a remark, a leader)
        fill_cells(row, [Line(0, t, t) for t in before], cols[:ui])
    else:
        set_cell(row, cols[0] if ui else "other", [" ".join(before)] if before else [])
    units = tokens[first:last + 1]
    rest = tokens[last + 1:]
    lines = list(more)
    if not rest:
        while lines and is_unit_cell(lines[0].f):      # one unit per line
            units.append(lines.pop(0).raw)
    set_cell(row, "units", units)
    after = cols[ui + 1:]
    texts = ([" ".join(rest)] if rest else []) + [x.raw for x in lines]
    if len(after) > 1 and (len(rest) > 1 or (rest and after[0] in SHORT_KINDS)) and \
            (wide or len(rest) == len(after) or any(c in SHORT_KINDS for c in after)):
        # several columns after the units (the task and its progress; short columns: a type, a
        # rate, a leader's printed on its group's first row only): the tokens by their looks
        fill_cells(row, [Line(0, t, t) for t in rest] + lines, after)
    elif after:
        set_cell(row, after[0], texts)
    row.missing = bool(after) and not texts
    row.last_kind = after[0] if after and texts else "units"
    row.last_text = texts[-1] if texts else units[-1]


def _unit_token(tokens: list[str], cols: list[str], wide: bool) -> Optional[int]:
    """The token of a row's first line that starts its unit cell, or None (the cell left empty)."""
    ui = cols.index("units")
    # a cell of an optional column before the units (a leader printed on the first row of its
    # group only) may be missing; a leader's name is never the unit cell
    low = ui - sum(1 for c in cols[:ui] if c in OPTIONAL_KINDS)
    first = next((k for k, t in enumerate(tokens) if k >= low and is_unit_cell(t)
                  and not ("leader" in cols[:ui] and k < ui and is_leader_cell(t))), None)
    if first is not None and wide and first > ui and len(tokens) < len(cols):
        # each token a cell, more of them before the first unit name than columns before the
        # units: the unit cell was left empty, the name is a later column's (协办单位)
        return None
    if first is not None and "co_units" in cols[:ui]:
        # the co-units' column before the units' (协办单位 … 责任单位): of two unit cells as far
        # apart as those columns or less (a remark between perhaps dropped) the first is theirs
        span = ui - cols.index("co_units")
        return next((k for k in range(first + 1, min(first + span + 1, len(tokens))) if is_unit_cell(tokens[k])),
                    first)
    return first


def _wrapped(cells: list[str], nxt: str, sep) -> Optional[tuple[list[str], list[str]]]:
    """The header with the rest of a header word wrapped onto the next line (半年度推进 / 情况;
    工 / 作 成 效, its words spaced out where the header's cells are set apart by two spaces):
    a line of one cell that no column names, joined to the cell it goes on (:func:`_wrap_order`)
    when the joined row is a header."""
    words = [w for w in sep.split(nxt.strip()) if w]
    if len(words) != 1 or not is_headerish(words[0]) or header_kind(words[0]) == "seq" or _ROW.match(nxt):
        return None
    for j in _wrap_order(cells, words[0]):
        joined = cells[:j] + [cells[j] + words[0]] + cells[j + 1:]
        jk = header_row_kinds(joined)
        if jk is not None:
            return joined, jk
    return None


def _wrap_order(cells: list[str], rest: str) -> list[int]:
    """The cells a wrapped rest may go on, likeliest first (the line does not show under which
    cell it stands): a cell no column is named by alone that then names one (工 / 作进展); a
    cell whose word runs on into the rest (牵头 / 单位, 目标 / 要求: :func:`~.shapes.wraps_word`);
    a short cell (3 characters at most) that then names another column (牵头 / 领导), one the
    rest does not name alone unless it is a word of two characters (a heading under the header,
    重点工作事项, is no rest of 备注). Never the number's cell, nor a whole word the rest only
    follows (任务内容 / 单位)."""
    out: list[tuple[int, int, int]] = []
    for j, c in enumerate(cells):
        own, kind = header_kind(c), header_kind(c + rest)
        if kind is None or own == "seq":
            continue
        if own is None:
            out.append((0, 0, j))
        elif wraps_word(c, rest):
            out.append((1, 0, j))
        elif kind != own and len(c.replace(" ", "")) <= 3 and \
                (kind != header_kind(rest) or len(rest.replace(" ", "")) <= 2):
            out.append((2, len(c.replace(" ", "")), j))
    return [j for *_, j in sorted(out)]


_OpenRow = tuple[Row, list[str], list[Line]]     # a row, the tokens of its first line, its other lines


def read_spaces(L: list[Line]) -> Optional[Table]:
    found = next(((i, hd) for i in range(len(L)) if (hd := _header_at(L, i)) is not None), None)
    if found is None:
        return None
    start, (cells, kinds, n) = found
    tbl = Table("spaces", L[start:])
    sep = _sep(L[start].f)
    tbl.assigned.update(x.no for x in L[start:start + n])
    cols = columns(kinds)
    tbl.header(cells, kinds, L[start].no)
    cur: list[_OpenRow] = []                 # the row being read (none or one)

    for ln in L[start + n:]:
        f = ln.f
        h = leader_heading(f)
        if h:
            _close(tbl, cur, cols, sep is _WIDE)
            tbl.heading(h, ln.no)
            tbl.assigned.add(ln.no)
            continue
        if _header(f):          # the header printed again (a page break)
            _close(tbl, cur, cols, sep is _WIDE)
            tbl.assigned.add(ln.no)
            continue
        if (CN_HEADING.match(f) or PAREN_HEADING.match(f)) and len(f) <= S.heading_max:
            _close(tbl, cur, cols, sep is _WIDE)
            tbl.heading((strip_cn_ordinal(ln.raw), None, None), ln.no)
            tbl.assigned.add(ln.no)
            continue
        if is_chrome(f):
            continue
        started = _row_start(ln, sep, tbl, cur, cols)
        if started is not None:
            _close(tbl, cur, cols, sep is _WIDE)
            cur.append(started)
            tbl.assigned.add(ln.no)
        elif cur:
            cur[0][2].append(ln)
            tbl.assigned.add(ln.no)
    _close(tbl, cur, cols, sep is _WIDE)
    return tbl if tbl.rows else None


def _row_start(ln: Line, sep, tbl: Table, cur: list[_OpenRow], cols: list[str]) -> Optional[_OpenRow]:
    """The row a line starts: at its number; under a leader column before the number, at a
    leader's name and the number (printed on the first row of its group only); or a row
    without a number (:func:`_unnumbered`)."""
    m = _ROW.match(ln.raw)
    if m:
        return Row(int(m.group(1)), ln.no), [t for t in sep.split(ln.raw[m.end():]) if t], []
    tokens = [t for t in sep.split(ln.raw) if t]
    if tbl.seq_from == 1 and cols[0] == "leader" and len(tokens) >= 3 and is_leader_cell(fold(tokens[0])) and \
            (n := SEQ_LINE.match(fold(tokens[1]))):
        row = Row(int(n.group(1)), ln.no)
        set_cell(row, "leader", [tokens[0]])
        return row, tokens[2:], []
    rest = _unnumbered(tbl, cur, tokens, cols)
    return (Row(None, ln.no), rest, []) if rest else None


def _unnumbered(tbl: Table, cur: list[_OpenRow], tokens: list[str], cols: list[str]) -> list[str]:
    """The tokens of a row without a number (its seq cell left empty cannot show between cells
    set apart by spaces), in a table whose rows are not numbered: the line has a cell for every
    column up to the unit cell, and that cell is a unit name where the unit column is. A line
    of one cell goes on the row before (a unit cell listing one unit per line)."""
    if "units" not in cols or len(tokens) < 2 or any(r.seq is not None for r in tbl.rows):
        return []
    if cur and cur[0][0].seq is not None:
        return []
    ui = _after_number(tbl, cols).index("units")
    return tokens if ui < len(tokens) and is_unit_cell(tokens[ui]) else []


def _close(tbl: Table, cur: list[_OpenRow], cols: list[str], wide: bool) -> None:
    """End the row being read, if any: its first line's tokens and its other lines are placed
    in the columns (:func:`_fill`); a leader column before the number was read at its start."""
    if cur:
        row, tokens, more = cur.pop()
        _fill(row, tokens, more, _after_number(tbl, cols), wide)
        tbl.row(row, cols)


def _after_number(tbl: Table, cols: list[str]) -> list[str]:
    """The columns of a row's cells after its number (a leader column before it left out)."""
    return cols[1:] if tbl.seq_from == 1 and cols and cols[0] == "leader" else cols
