"""Families ``pipe`` and ``tabs``: delimited rows under a header row of known cells.

``pipe``: Markdown-like tables, a header row ``序号 | 内容与要求 | 进展情况 | 责任单位 |`` and rows
starting ``1 | ...``; a row may span one very long line or several lines. Markdown rule rows
(``| --- |``) are table chrome, ``<br>`` breaks a cell, ``#``/``**`` decorate headings.
``tabs``: tab-separated rows (a web table or an Excel export) under a header row of known cells;
rows start ``1\\t``; a cell may go on over lines without a tab; Excel's ``"…"`` quoting of a
cell holding newlines is undone.

A second header row under the first (``绝对值 | 增速(%) |`` under ``上半年实绩``) gives sub-columns of
the last header cell. Under a matrix header (``序号 | 市州 | 计划完成数 | …``, see ``matrix``)
every line is a row, one without a number too (the total row ``全省``); the layout is ``matrix``.
"""

from __future__ import annotations

import re
from itertools import combinations
from typing import Optional

from ..layout_vocab import CN_NUM, V, cached_re
from ..markers import cn_value
from ..normalize import fold
from .matrix import matrix_kinds
from .settings import DEFAULT as S
from .shapes import (
    DECOR,
    MD_RULE,
    KeptAside,
    Line,
    columns,
    header_kind,
    header_row_kinds,
    is_chrome,
    is_headerish,
    is_leader_cell,
    is_ordinal_row,
    leader_heading,
    open_at_heading,
    section_heading,
)
from .table import OPTIONAL_KINDS, SHORT_KINDS, Row, Table, name_slots, set_cell
from .table import cell_fits as fits
from .units import is_unit_cell

# a row number: digits, or a Chinese ordinal (一, 二十) numbering the tasks themselves
_PIPE_ROW = cached_re(rf"^\|?\s{{0,3}}(?:第\s{{0,2}})?[(]?\s{{0,2}}(\d{{1,3}}|[{CN_NUM}]{{1,3}})\s{{0,2}}(?:[.、)]|项)?\s{{0,3}}\|")
# a category cell printed on the first row of its group, before the number: "经济发展 | 1 | …";
# a longer one only when it is a leader heading ("毛江平常务副市长牵头重点工作 | 1 | …")
_PIPE_CAT_ROW = cached_re(r"^\|?\s{0,3}(?P<cat>[^|\d\s][^|]{0,39}?)\s{0,3}\|(?=\s{0,3}\d{1,3}[.、]?\s{0,3}\|)")
_TAB_ROW = cached_re(rf"^(?:第\s{{0,2}})?[(]?\s{{0,2}}(\d{{1,3}}|[{CN_NUM}]{{1,3}})\s{{0,2}}(?:[.、)]|项)?[ \u3000]{{0,3}}\t")
# the same before a tab row's number ("韩峻\t3\t…"), when the header has such a column first
_TAB_CAT_ROW = cached_re(r"^(?P<cat>[^\t\d\s][^\t]{0,39}?)[ \u3000]{0,3}\t(?=[ \u3000]{0,3}\d{1,3}[.、]?[ \u3000]{0,3}\t)")
_BR = cached_re(r"(?i)<br\s{0,3}/?>")


def _cells(f: str, sep: str = "|") -> list[str]:
    s = f.strip()
    if sep == "|":
        if s.startswith("|"):
            s = s[1:]
        if s.endswith("|"):
            s = s[:-1]
    return [c.strip() for c in s.split(sep)]


def delim_header(f: str, sep: str) -> Optional[tuple[list[str], list[str]]]:
    """(cells, kinds) when the folded line ``f`` is a header row of ``sep``-delimited cells."""
    if sep not in f or len(f) > S.row_line_max:
        return None
    cells = _cells(f, sep)
    matrix = matrix_kinds(cells)
    if matrix:
        return cells, matrix
    kinds = [header_kind(c) if c else ("other" if sep == "\t" else None) for c in cells]
    known = [k for k in kinds if k and k != "other"]
    if "seq" in kinds[:1] + [k for k in kinds[1:2] if kinds[0] in ("leader", "category")] and len(known) >= 3:
        # a header row starting 序号 (or a group column then 序号: 责任领导 | 序号 | …) with three
        # known cells: an unknown cell is another column (监督科室 监督电话)
        kinds = [k or "other" for k in kinds]
    if len(cells) >= 2 and all(kinds) and len(known) >= 2 and ({"content", "progress"} & set(kinds)):
        return cells, kinds  # type: ignore[return-value]
    return None


def read_delim(L: list[Line], sep: str, layout: str) -> Optional[Table]:
    """Pipe (``|``, Markdown too) or tab separated tables: one row per line, a cell may go on
    over the following lines (the lines of a row are joined with "\\n" and split at ``sep``)."""
    hdr, wrapped = _header_rows(L, sep)
    if not hdr:
        return None
    first = open_at_heading(L, min(hdr))
    walk = _DelimWalk(L, sep, Table(layout, L[first:]), hdr)
    for i in range(first, len(L)):
        if i in wrapped:
            walk.tbl.assigned.add(L[i].no)
        else:
            walk.line(i)
    walk.close()
    return walk.tbl if walk.tbl.rows else None


def _header_rows(L: list[Line], sep: str) -> tuple[dict[int, tuple[list[str], list[str]]], set[int]]:
    """The header rows (index -> (cells, kinds)), a header whose words wrap onto the next line
    joined with it, and the indices of those second lines."""
    hdr: dict[int, tuple[list[str], list[str]]] = {}
    wrapped: set[int] = set()
    for i, ln in enumerate(L):
        if i in wrapped:
            continue
        dh = delim_header(ln.f, sep)
        if dh:
            hdr[i] = dh
            if i + 1 < len(L) and (joined := _wrapped_header(dh, L[i + 1], sep)) is not None:
                hdr[i] = joined
                wrapped.add(i + 1)
        elif i + 1 < len(L) and (part := _partial_header(ln.f, sep)) is not None and \
                (joined := _wrapped_header(part, L[i + 1], sep) or _group_rest(part, L[i + 1], sep)) is not None \
                and {"content", "progress"} & set(joined[1]):
            hdr[i] = joined                  # a header word cut after its first characters (工 / 作任务)
            wrapped.add(i + 1)
    return hdr, wrapped


def _group_rest(dh: tuple[list[str], list[str]], ln: Line, sep: str) -> Optional[tuple[list[str], list[str]]]:
    """The header with the rest of its first cell, a group column's word before the number's
    wrapped onto the next line (责任 / 领导 | 序号 | …): in a tab row whose other cells are empty
    the line is that one word, its tabs stripped with the line's end."""
    cells, kinds = dh
    if sep != "\t" or sep in ln.f or kinds[1:2] != ["seq"] or header_kind(cells[0]) is not None or \
            not is_headerish(ln.f):
        return None
    joined = [cells[0] + ln.f] + cells[1:]
    jk = header_row_kinds(joined)
    return (joined, jk) if jk is not None and jk[0] in ("leader", "category") else None


def _partial_header(f: str, sep: str) -> Optional[tuple[list[str], list[str]]]:
    """(cells, kinds) of a line that names two columns or more but holds a cell no column is
    named by (工: the first characters of a header word the next line goes on with)."""
    if sep not in f or len(f) > S.row_line_max:
        return None
    cells = _cells(f, sep)
    kinds = [header_kind(c) or "other" for c in cells]
    if sum(1 for k in kinds if k != "other") < 2 or not all(len(c) <= S.header_cell_max for c in cells):
        return None
    return cells, kinds


class _DelimWalk:
    """The state of a walk over a delimited table: the columns of the last header, and the
    row being read (its lines, joined and split at ``sep`` when it closes)."""

    def __init__(self, L: list[Line], sep: str, tbl: Table, hdr: dict[int, tuple[list[str], list[str]]]):
        self.L, self.sep, self.tbl, self.hdr = L, sep, tbl, hdr
        self.row_rx = _PIPE_ROW if sep == "|" else _TAB_ROW
        self.cols: list[str] = []
        self.cur: Optional[Row] = None
        self.cur_lines: list[Line] = []
        self.outer = True            # the header row ends with a '|'
        self.in_order = False        # rows keep their cells in column order
        self.matrix = False          # a place x indicator matrix (see matrix.py)
        self.has_seq = False         # the header has a number column
        self.group_first: Optional[str] = None   # a group column (leader, category) before the number
        self.leader: Optional[str] = None        # a leader's name read before the next row's number

    def _parts(self, text: str) -> tuple[list[str], bool]:
        """The cells of a row's text, without the row number's cell and the empty parts the
        separators leave at the ends; and whether the row is closed (it ends with its last
        cell's separator, or a tab row, or it has a cell for every column)."""
        sep, cur = self.sep, self.cur
        assert cur is not None
        parts = text.split(sep) if sep in text else [text]
        # drop the leading empty part of '| 1 | ...' and the seq cell
        if parts and not parts[0].strip():
            parts = parts[1:]
        if cur.seq is not None:
            parts = parts[1:]
        elif self.has_seq and len(parts) > len(self.cols) and parts and not parts[0].strip():
            parts = parts[1:]                        # an empty number cell: an unnumbered row
        closed = text.rstrip().endswith("|") or sep == "\t" or \
            (not self.outer and len(parts) >= len(self.cols) and bool(parts[-1].strip()))
        if sep == "|" and text.rstrip().endswith("|") and parts and not parts[-1].strip():
            parts = parts[:-1]
        while sep == "\t" and len(parts) > len(self.cols) and not parts[-1].strip():
            parts = parts[:-1]
        return parts, closed

    def close(self) -> None:
        """End the current row: split its lines into cells, give each its column (a short
        column's missing cell skipped, :func:`_aligned`), and note whether a cell is missing and
        what the last one was (a row the source cuts off)."""
        cur, cols = self.cur, self.cols
        if cur is None:
            return
        if self.group_first == "leader" and not self.in_order:
            cols = [c for c in cols if c != "leader"]   # its cell is read before the number
        parts, closed = self._parts("\n".join(x.raw for x in self.cur_lines))
        texts = []
        for kind, cell in _aligned(cols, parts, closed and not self.matrix, name_slots(self.tbl.rows)):
            cell = cell.strip()
            if self.sep == "\t" and len(cell) >= 2 and cell[0] == cell[-1] == '"':
                cell = cell[1:-1].replace('""', '"')      # Excel quotes a cell holding newlines
            cl = [x.strip() for x in _BR.split(cell.replace("\r", "")) for x in x.split("\n") if x.strip()]
            set_cell(cur, ("content" if kind == "place" else "progress") if self.matrix else kind, cl)
            texts.append("\n".join(cl))
        if self.in_order:
            cur.texts = texts + [""] * (len(cols) - len(texts))
        if len(parts) < len(cols) or not closed:
            cur.missing = True
        if parts:
            cur.last_kind = cols[min(len(parts), len(cols)) - 1] if cols else "content"
            cur.last_text = fold(parts[-1]).strip().strip('"')
            if self.matrix and not cur.missing:
                cur.last_text = ""                   # a matrix row with every cell is whole
        self.tbl.row(cur, self.cols)
        self.tbl.assigned.update(x.no for x in self.cur_lines)
        self.cur, self.cur_lines = None, []

    def _header(self, i: int) -> None:
        """A header row: its columns replace the last header's."""
        self.close()
        cells, kinds = self.hdr[i]
        self.cols = columns(kinds)
        self.has_seq = bool(kinds) and kinds[0] == "seq"
        before = kinds[:kinds.index("seq")] if "seq" in kinds else []
        self.group_first = before[0] if len(before) == 1 and before[0] in ("leader", "category") else None
        self.matrix = self.in_order = "place" in kinds
        if self.matrix:
            self.tbl.layout = "matrix"
        self.tbl.header(cells, kinds, self.L[i].no)
        self.outer = self.L[i].f.endswith("|")
        self.tbl.assigned.add(self.L[i].no)

    def _sub_header(self, i: int) -> bool:
        """The second row of a two-row header: its cells are sub-columns of the last header
        cell (上半年实绩 over 绝对值 / 增速(%)); the rows then keep every cell in order. One cell
        is a row spanning the table (a leader heading 徐仁标市长牵头重点工作 |), a number in the
        second cell a row under its group's cell: neither is a sub-header."""
        ln, sep = self.L[i], self.sep
        if not (i - 1 in self.hdr and sep in ln.f and not self.row_rx.match(ln.f) and not re.search(r"\d{2}", ln.f)
                and len(sub := [c for c in _cells(ln.f, sep) if c]) != 1 and not _PIPE_CAT_ROW.match(ln.f)
                and not is_ordinal_row(ln.raw)
                and not (self.group_first is not None and _TAB_CAT_ROW.match(ln.f))):
            return False
        cells, kinds = self.hdr[i - 1]
        if len(sub) >= 2 and not MD_RULE.match(ln.f):
            p = max(k for k, c in enumerate(cells) if c)
            self.tbl.sub_header(p, sub)
            ci = p - (1 if kinds[0] == "seq" else 0)
            self.cols = self.cols[:ci + 1] + ["other"] * (len(sub) - 1) + self.cols[ci + 1:]
            self.in_order = True
        self.tbl.assigned.add(ln.no)
        return True

    def _category(self, ln: Line) -> Line:
        """A category cell printed before the number on the first row of its group
        (``经济发展 | 1 | …``, or a leader heading): a heading, and the line without it. Under a
        header whose leader column comes before the number (``责任领导 | 序号 | …``), a leader's
        name there is the leader cell of the row (printed on its group's first row only)."""
        c = _PIPE_CAT_ROW.match(ln.f) if self.sep == "|" else \
            _TAB_CAT_ROW.match(ln.f) if self.group_first is not None else None
        lh = leader_heading(c.group("cat")) if c else None
        if c and (lh or len(c.group("cat")) <= S.category_max):
            self.close()
            cat = ln.raw[c.start("cat"):c.end("cat")]
            if self.group_first == "leader" and lh is None:
                self.leader = cat            # a leader's name: the leader cell of the row
            else:
                self.tbl.heading((cat, lh[1], lh[2]) if lh else (cat, None, None), ln.no)
            return Line(ln.no, ln.raw[c.end():], ln.f[c.end():], ln.lead)
        return ln

    def _start(self, ln: Line) -> bool:
        """A line starting a row: a numbered row, a matrix row without a number (全省, 合计), or
        a row whose number cell is empty."""
        m = self.row_rx.match(ln.f)
        if m:
            n = m.group(1)
            seq: Optional[int] = int(n) if n.isdigit() else (cn_value(n) or None)
        elif (self.matrix and self.sep in ln.f) or \
                (self.cols and not self.matrix and _unnumbered_row(ln, self.sep, self.cols, self._whole())):
            seq = None
        else:
            return False
        self.close()
        self.cur, self.cur_lines = Row(seq, ln.no), [ln]
        if self.leader is not None:
            self.cur.cells["leader"], self.leader = [self.leader], None
        return True

    def _whole(self) -> bool:
        """No row is open, or the open row holds a cell for each column but the optional ones:
        a line may start the next row though the empty cells of optional columns were dropped."""
        if self.cur is None:
            return True
        parts, _ = self._parts("\n".join(x.raw for x in self.cur_lines))
        return sum(1 for p in parts if p.strip()) >= sum(1 for c in self.cols if c not in OPTIONAL_KINDS)

    def line(self, i: int) -> None:
        """Read line ``i``: a header, a sub-header, Markdown chrome, a section heading, a row
        start, or a line of the current row."""
        ln, sep = self.L[i], self.sep
        if i in self.hdr:
            self._header(i)
            return
        if self._sub_header(i):
            return
        if sep == "|" and MD_RULE.match(ln.f):
            self.tbl.assigned.add(ln.no)                  # Markdown table chrome | --- | --- |
            return
        h = section_heading(self.L, i, ln.raw.strip(DECOR), lambda f: bool(self.row_rx.match(f)),
                            lambda f: bool(delim_header(f, sep)))
        if h:
            self.close()
            self.tbl.heading(h, ln.no)
            self.tbl.assigned.add(ln.no)
            return
        if is_chrome(ln.f):
            return
        ln = self._category(ln)
        if self._start(ln):
            return
        if self.cur is not None:
            self.cur_lines.append(ln)


def _aligned(cols: list[str], parts: list[str], whole: bool, names: frozenset[int] = frozenset()) -> list[tuple[str, str]]:
    """(column, cell) of a row's cells. A whole row with fewer cells than columns lost empty
    cells of short columns (a remark, a status, a leader printed on its group's first row) or
    of the unit columns (an indicator row without a lead unit): the columns left out are those
    that let the cells fit their columns best (:func:`_fit`); of those that fit as well, the one
    leaving out the leader while its name goes to a column that held names above (``names``,
    :func:`~.table.name_slots`: a person's), then the one leaving out most kept-aside columns,
    then the first."""
    missing = len(cols) - len(parts)
    if not whole or missing <= 0:
        return list(zip(cols, parts))
    cand = [j for j, k in enumerate(cols) if k in SHORT_KINDS or k in ("units", "co_units")]
    if missing > len(cand):
        return list(zip(cols, parts))
    folded = [fold(p).strip() for p in parts]
    best: Optional[tuple[tuple[int, int, int], list[str]]] = None
    for skip in combinations(cand, missing):
        kept = [k for j, k in enumerate(cols) if j not in skip]
        # the fit, then (a tie) the leader left out for a person's column, then the kept-aside
        # columns left out: a remark is most often empty
        sc = (sum(_fit(k, f, names) for k, f in zip(kept, folded)),
              int(any(cols[j] == "leader" for j in skip) and _to_person(kept, folded, names)),
              sum(1 for j in skip if cols[j] == "other"))
        if best is None or sc > best[0]:
            best = (sc, kept)
    assert best is not None
    return list(zip(best[1], parts))


def _to_person(kept: list[str], folded: list[str], names: frozenset[int]) -> bool:
    """Whether a name goes to a kept-aside column that held names in the rows above."""
    return any(isinstance(k, KeptAside) and k.slot in names and is_leader_cell(f) for k, f in zip(kept, folded))


def _fit(kind: str, f: str, names: frozenset[int] = frozenset()) -> int:
    """How a cell fits a column: a short column's cell that has its shape +1, one that has not
    -2; a unit column's cell that is a unit list +2 (a unit list fits a short column's length
    too, but is the unit column's), one that is not -1; a text column's cell that is a unit
    list or a word of one or two characters (是, 否) -1, a person's contact cell (王芳 0580-2256486:
    ``[contact_cell]``) -2, an empty task or progress cell -1. A name fits a kept-aside column 0
    when other kept-aside columns held the names above (``names``: a person's column beside a
    remark's)."""
    if not f:
        return -1 if kind in ("content", "progress") else 0     # a task's text is seldom empty
    if isinstance(kind, KeptAside) and names and kind.slot not in names and is_leader_cell(f):
        return 0
    if kind in SHORT_KINDS:
        return 1 if fits(kind, [Line(0, f, f)]) else -2
    if kind in ("units", "co_units"):
        return 2 if is_unit_cell(f) else -1
    if V.CONTACT_CELL.match(f):
        return -2                       # a person's name and telephone: never a task's text
    return -1 if is_unit_cell(f) or len(f) <= 2 else 0


def _pipe_below(f: str, width: int) -> list[str]:
    """The cells of a pipe line under a header of ``width`` cells. A line opening on ``|`` is
    either a table written with outer pipes or a row whose first cell is empty (`` |  | 推进情况 |``
    under ``序号 | 工作内容 | 上半年 |``, its blank cells printed as spaces): the reading whose
    cell count is the header's wins, the outer pipes when both or neither are."""
    outer = _cells(f, "|")
    s = f.strip()
    if not s.startswith("|") or len(outer) == width:
        return outer
    kept = [c.strip() for c in (s[:-1] if s.endswith("|") else s).split("|")]
    return kept if len(kept) == width else outer


def _wrapped_header(dh: tuple[list[str], list[str]], ln: Line, sep: str) -> Optional[tuple[list[str], list[str]]]:
    """The header row with the line after it joined cell by cell, when that line continues
    header words wrapped in their cells (责任 / 科室 under the same column) and the joined row
    names more columns than the first line alone."""
    cells, kinds = dh
    if sep not in ln.f and sep not in ln.lead:
        below = [ln.f]           # one cell, the separators after it lost (trailing tabs stripped)
    else:
        below = [c.strip() for c in (ln.lead + ln.f).split("\t")] if sep == "\t" else _pipe_below(ln.f, len(cells))
    if len(below) > len(cells) or not any(below) or any(b and not is_headerish(b) for b in below):
        return None
    if len(below) == 1 < len(cells) and (header_kind(cells[0]) is not None or header_kind(cells[0] + below[0]) is None):
        # one cell: a row spanning the table (a heading: 部分项目进展情况 |), unless it goes on the
        # first cell's word, which names no column alone (分管市 / 领导)
        return None
    # its cells under the header's: a tab line's from the start (the tabs after its last cell
    # may be lost), a pipe line's when it has as many
    aligned = len(below) == len(cells) or (sep == "\t" and sep in ln.lead + ln.f)
    below += [""] * (len(cells) - len(below))
    joined = [a + b for a, b in zip(cells, below)]
    jk = header_row_kinds(joined)
    if jk is None or ("seq" in kinds and jk[kinds.index("seq")] != "seq"):
        return None          # the number's cell takes no word (序号 + 内容: the line is misaligned)
    known = sum(1 for k in kinds if k != "other")
    if sum(1 for k in jk if k != "other") <= known and jk == kinds and not aligned:
        return None          # (a line of a cell under every column goes on the header's words: 任务 / 内容)
    if sum(1 for k in jk if k != "other") < known:
        return None
    return joined, jk


def _unnumbered_row(ln: Line, sep: str, cols: list[str], whole: bool = False) -> bool:
    """A row with no number: its line holds the cells of a whole row but the number's (a
    continuation line of a cell holds no separator, or only the one closing the row), and its
    first cell is text, not a number. A tab row after a ``whole`` row (or the first) may have
    dropped the empty cells of optional columns (a remark) with its number's."""
    n = ln.f.count(sep) + (1 if sep == "\t" and "\t" in ln.lead else 0)
    cells = [c for c in _cells(ln.f, sep) if c.strip()]
    need = len(cols) - 1 - (sum(1 for c in cols if c in OPTIONAL_KINDS) if sep == "\t" and whole else 0)
    return n >= max(2, need) and len(cells) >= 2 and not cells[0][:1].isdecimal()


def read_pipe(L: list[Line]) -> Optional[Table]:
    return read_delim(L, "|", "pipe")


def read_tabs(L: list[Line]) -> Optional[Table]:
    return read_delim(L, "\t", "tabs")
