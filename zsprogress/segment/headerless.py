"""Family ``headerless``: numbered rows of delimited cells with no header row above them.

A table continued from a page whose header was not kept, or printed under a header that was an
image, still has rows any reader recognises::

    1	全年地区生产总值增长6.5%	县发改局	上半年地区生产总值增长6.1%。
    2	新增城镇就业3000人	县人社局	上半年新增城镇就业1650人,完成年度目标的55%。

Cells are split at tabs, pipes or runs of two spaces. Rows are lines whose first cell is a row
number, numbered in sequence, most of them of one width. Each column's role is read from what its
cells look like (:func:`column_roles`): lists of unit names are the lead units, names with or
without a title the leader, short status words or percents the status; of the text columns, the
first is the task and the next the progress, any further one is kept on the task under the name
``第N列``. A line that is not a row continues the last cell of the row above it; leader headings
and ``一、`` headings open sections. Tried only when no other family read the text: the report says
that its columns were inferred (``columns-inferred``).
"""

from __future__ import annotations

from collections import Counter
from typing import Optional

from ..layout_vocab import V, cached_re
from .settings import DEFAULT as S
from .shapes import CN_HEADING, SEQ_LINE, Line, is_chrome, is_leader_cell, leader_heading, strip_cn_ordinal
from .table import Row, Table, set_cell
from .units import is_unit_cell

_SPLIT = cached_re(r"\t+|\s{0,2}\|\s{0,2}|\s{2,}")
_STATUS_CELL = cached_re(r"^(?:\d{1,3}(?:\.\d{1,2})?%|[^\d,;。]{1,8})$")


def _cells(ln: Line) -> list[str]:
    """The line's cells as printed (split where its folded text has a tab, a pipe or a run of
    spaces: folding keeps every character's place)."""
    out, pos = [], 0
    for m in [*_SPLIT.finditer(ln.f), None]:
        end = m.start() if m is not None else len(ln.f)
        cell = ln.raw[pos:end].strip(" \t|｜\u3000")
        if cell:
            out.append(cell)
        pos = m.end() if m is not None else end
    return out


def column_roles(rows: list[list[str]]) -> Optional[list[str]]:
    """The role of each column of rows of equal width (the first is the row number): ``units``
    when most cells are lists of unit names, ``leader`` when most are names (with or without a
    title), ``status`` when most are short status words or percents and a text column comes
    before it; the text columns in order ``content``, ``progress``, then ``第N列`` (kept aside).
    None without a task column and a unit or progress column."""
    width = len(rows[0])
    roles = ["seq"]
    texts = 0
    for j in range(1, width):
        col = [r[j] for r in rows]
        most = (len(col) + 1) // 2

        def share(test, col=col) -> int:
            return sum(1 for c in col if test(c))

        if share(is_unit_cell) >= most and texts:
            roles.append("units")
        elif share(lambda c: is_leader_cell(c, bare_names=True)) >= most:
            roles.append("leader")
        elif texts >= 2 and share(lambda c: bool(_STATUS_CELL.match(c))) >= most:
            roles.append("status")
        else:
            roles.append(("content", "progress")[texts] if texts < 2 else f"第{j + 1}列")
            texts += 1
    if "content" not in roles or not ({"units", "progress"} & set(roles)):
        return None
    return roles


def _rows(L: list[Line]) -> dict[int, list[str]]:
    """Line index -> cells, for lines of three or more cells whose first is a row number."""
    out = {}
    for i, ln in enumerate(L):
        if len(ln.f) > S.headerless_row_max or ("\t" not in ln.f and "|" not in ln.f and "  " not in ln.f):
            continue
        cells = _cells(ln)
        if len(cells) >= 3 and SEQ_LINE.match(cells[0]):
            out[i] = cells
    return out


def read_headerless(L: list[Line]) -> Optional[Table]:
    rows = _rows(L)
    nos = [int(SEQ_LINE.match(rows[i][0]).group(1)) for i in sorted(rows)]  # type: ignore[union-attr]
    if len(rows) < 2 or not any(b == a + 1 for a, b in zip(nos, nos[1:], strict=False)):
        return None
    width, n = Counter(len(c) for c in rows.values()).most_common(1)[0]
    if 3 * n < 2 * len(rows):
        return None
    roles = column_roles([c for c in rows.values() if len(c) == width])
    if roles is None:
        return None
    first = min(rows)
    for j in range(first - 1, max(-1, first - 3), -1):    # a heading right above the first row
        if leader_heading(L[j].f) or CN_HEADING.match(L[j].f):
            first = j
            break
    tbl = Table("headerless", L[first:])
    tbl.header([V.HEADER_WORD.get(k, k) for k in roles], roles, None)
    cur: Optional[Row] = None
    for i in range(first, len(L)):
        ln = L[i]
        if i in rows and len(rows[i]) == width:
            cur = _row(ln, rows[i], roles)
            tbl.row(cur, roles[1:])
        elif (h := leader_heading(ln.f)) is not None or (CN_HEADING.match(ln.f) and len(ln.f) <= S.heading_max):
            tbl.heading(h or (strip_cn_ordinal(ln.raw), None, None), ln.no)
            cur = None
        elif cur is not None and cur.texts and i not in rows and not is_chrome(ln.f):
            cur.texts[-1] += "\n" + ln.raw.strip()          # the last cell, wrapped
            set_cell(cur, roles[-1], [ln.raw.strip()])
            cur.last_text = ln.f
        else:
            continue
        tbl.assigned.add(ln.no)
    return tbl if tbl.rows else None


def _row(ln: Line, cells: list[str], roles: list[str]) -> Row:
    """The row of a line: its cells in column order (the grid's), and in their fields."""
    row = Row(int(SEQ_LINE.match(cells[0]).group(1)), ln.no)  # type: ignore[union-attr]
    row.texts = list(cells[1:])
    for cell, role in zip(cells[1:], roles[1:], strict=True):
        set_cell(row, role, [cell])
    row.last_kind, row.last_text = roles[-1], cells[-1]
    return row


__all__ = ["column_roles", "read_headerless"]
