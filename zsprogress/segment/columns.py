"""Family ``columns``: cells set apart by 2+ spaces or an ideographic space (``pdftotext
-layout``), under a header line starting ``序号``.

A row starts at a number in the seq column; the following lines are split by column position:
character offset or display width (CJK = 2), whichever lines the cells up better with the
header (or, for centred headers, with the rows' first lines). A line that does not fit the
columns goes whole into the progress cell; wrapped fragments of a cell are joined without a
break unless the previous fragment ends a sentence. Page numbers (``- 3 -``, ``第3页``) are chrome.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Optional

from ..layout_vocab import V, cached_re
from ..normalize import fold
from .settings import DEFAULT as S
from .shapes import MD_RULE, Line, columns, header_kind, is_chrome, is_ordinal_row, open_at_heading, section_heading
from .table import Row, Table, set_cell

_COL_SEP = cached_re(r"[ \u00a0\u3000\f]{2,}|\u3000")
_COL_MAXLEN = 1000          # longer lines are never split into columns
_COL_SEQ = cached_re(r"^(\d{1,3})[.、]?$")
_PARA_END = set("。!?;…:！？；：")
_CLOSERS = set("”’」』\"')]）》")


@dataclass
class Seg1:
    pos: tuple[int, int]     # start: (character offset, display width) in the source line
    end: tuple[int, int]
    raw: str


def _cw(ch: str) -> int:
    if ch == "\f":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _col_segs(ln: Line) -> list[Seg1]:
    """The cells of an aligned line, with their start and end columns in both metrics."""
    if len(ln.raw) > _COL_MAXLEN:
        return [Seg1((0, 0), (0, 0), ln.raw)]
    lead = ln.lead.replace("\f", "")
    full = lead + ln.raw
    out, pos, wpos = [], 0, 0
    for m in _COL_SEP.finditer(full):
        if m.start() > pos:
            w0 = wpos
            text = full[pos:m.start()]
            wpos += sum(_cw(c) for c in text)
            out.append(Seg1((pos, w0), (m.start(), wpos), text))
        wpos += sum(_cw(c) for c in m.group())
        pos = m.end()
    if pos < len(full):
        text = full[pos:]
        out.append(Seg1((pos, wpos), (len(full), wpos + sum(_cw(c) for c in text)), text))
    return out


def _col_header(ln: Line) -> Optional[tuple[list[Seg1], list[str]]]:
    if len(ln.f) > S.row_line_max or not ln.f.startswith(V.SEQ_PREFIX) or "\t" in ln.raw or \
            "|" in ln.f or not _COL_SEP.search(ln.raw):
        return None
    segs = _col_segs(ln)
    if len(segs) < 2:
        return None
    kinds = [header_kind(fold(x.raw)) for x in segs]
    if not all(kinds) or kinds[0] != "seq" or not ({"content", "progress"} & set(kinds)):
        return None
    return segs, kinds  # type: ignore[return-value]


@dataclass
class _ColTable:
    segs: list[Seg1]        # header cells (seq first)
    cols: list[str]         # column kinds, seq excluded


def _col_starts(t: _ColTable, firsts: list[list[Seg1]], m: int) -> list[int]:
    """Start of each column (seq first) in metric ``m``: the header's, or where the cells of
    complete first row lines start when the header cells are centred over their columns."""
    hdr = [x.pos[m] for x in t.segs]
    data: list[list[int]] = [[] for _ in hdr]
    for segs in firsts:
        if len(segs) == len(hdr):
            for j, x in enumerate(segs):
                data[j].append(x.pos[m])
    out = []
    for j, h in enumerate(hdr):
        d = sorted(data[j])
        out.append(min(h, d[len(d) // 2]) if d else h)
    if any(b <= a for a, b in zip(out, out[1:], strict=False)):
        return hdr
    return out


def _col_of(x: Seg1, starts: list[int], m: int) -> Optional[int]:
    """Column index of a cell (0 = seq), None when it does not fit one column."""
    p, e = x.pos[m], x.end[m]
    j = -1
    for k, s in enumerate(starts):
        if s <= p + S.column_tolerance:
            j = k
    if j < 0:
        return None
    if j + 1 < len(starts) and e > starts[j + 1] + S.column_tolerance - 1:
        return None          # runs into the next column
    return j


def _join_wrapped(frags: list[str]) -> list[str]:
    """Fragments of one cell (one per line): a fragment continues the previous line unless
    that ends a sentence or the fragment starts a sub-item."""
    out: list[str] = []
    for fr in frags:
        prev = fold(out[-1][-2:]) if out else ""
        if prev and prev[-1] in _CLOSERS:
            prev = prev[:-1]
        if prev and prev[-1] not in _PARA_END:
            a, b = out[-1][-1], fr[0]
            out[-1] += (" " if a.isascii() and b.isascii() and a.isalpha() and b.isalpha() else "") + fr
        else:
            out.append(fr)
    return out


_RowOf = tuple[Row, _ColTable, list[list[Seg1]]]     # a row, its header, the cells of each of its lines


def read_columns(L: list[Line]) -> Optional[Table]:
    headers: dict[int, _ColTable] = {}
    for i, ln in enumerate(L):
        ch = _col_header(ln)
        if ch:
            headers[i] = _ColTable(ch[0], columns(ch[1]))
    if not headers:
        return None
    first = open_at_heading(L, min(headers))
    walk = _ColumnsWalk(L, headers, Table("columns", L[first:]))
    for i in range(first, len(L)):
        walk.line(i)
    if not walk.rows:
        return None
    firsts_of: dict[int, list[list[Seg1]]] = {}
    for r in walk.rows:
        firsts_of.setdefault(id(r[1]), []).append(r[2][0])
    best_m = _best_metric(walk.rows, firsts_of)
    starts_of: dict[int, list[int]] = {}
    for row, t, lines in walk.rows:
        if id(t) not in starts_of:
            starts_of[id(t)] = _col_starts(t, firsts_of[id(t)], best_m)
        _fill_row(row, t, lines, starts_of[id(t)], best_m)
    return walk.emit()


class _ColumnsWalk:
    """The walk over the lines of a ``columns`` table: it notes, in order, header lines,
    section headings and rows (with the cells of each of their lines); the rows are filled
    once the whole table is known (:func:`_best_metric` needs every row)."""

    def __init__(self, L: list[Line], headers: dict[int, _ColTable], tbl: Table):
        self.L, self.headers, self.tbl = L, headers, tbl
        self.rows: list[_RowOf] = []
        self.events: list = []          # header / heading / row, in order
        self.table: Optional[_ColTable] = None
        self.cur: Optional[_RowOf] = None
        self.prev_seq = 0

    def row_start(self, i: int) -> Optional[int]:
        """The number of the row starting at line ``i``: a number alone in the seq column (left
        of the first content column); a line holding only a number starts a row only when it
        is the next number (else it is a figure wrapped from a cell)."""
        if self.table is None:
            return None
        segs = _col_segs(self.L[i])
        if not segs:
            return None
        m = _COL_SEQ.match(fold(segs[0].raw))
        if not m:
            return None
        seq_end = [x.pos for x in self.table.segs[1:2]]
        if seq_end and not any(segs[0].end[k] <= seq_end[0][k] + S.column_tolerance for k in (0, 1)):
            return None
        v = int(m.group(1))
        if len(segs) < 2 and v != self.prev_seq + 1:
            return None
        return v

    def line(self, i: int) -> None:
        """Read line ``i``: a header, a heading (one cell, not a row), a row start, page chrome,
        or a line of the current row."""
        ln, tbl = self.L[i], self.tbl
        if i in self.headers:
            self.cur, self.table = None, self.headers[i]
            self.events.append(("header", i))
            tbl.assigned.add(ln.no)
            return
        h = section_heading(self.L, i, ln.raw, lambda f: bool(_COL_SEQ.match(f.split("  ")[0])),
                            lambda f: False)
        if h and (len(_col_segs(ln)) == 1 or is_ordinal_row(ln.raw)):   # 一、经济发展, or 一  经济发展
            self.cur = None
            self.events.append(("heading", (h, ln.no)))
            tbl.assigned.add(ln.no)
            return
        v = self.row_start(i)
        if v is not None:
            assert self.table is not None
            new = (Row(v, ln.no), self.table, [_col_segs(ln)])
            self.rows.append(new)
            self.events.append(("row", new))
            self.cur, self.prev_seq = new, v
            tbl.assigned.add(ln.no)
            return
        if V.PAGE_NO.match(ln.f) or MD_RULE.match(ln.f):
            tbl.assigned.add(ln.no)                  # page numbers and rules of the PDF
            return
        if is_chrome(ln.f):
            return
        if self.cur is not None:
            self.cur[2].append(_col_segs(ln))
            tbl.assigned.add(ln.no)

    def emit(self) -> Table:
        """The table, its headers, headings and (filled) rows given in source order."""
        for what, data in self.events:
            if what == "header":
                t = self.headers[data]
                self.tbl.header([fold(x.raw) for x in t.segs], [header_kind(fold(x.raw)) for x in t.segs],
                                self.L[data].no)
            elif what == "heading":
                self.tbl.heading(*data)
            else:
                self.tbl.row(data[0], data[1].cols)
        return self.tbl


def _best_metric(rows: list[_RowOf], firsts_of: dict[int, list[list[Seg1]]]) -> int:
    """The metric (1: display width, 0: character offsets) under which the cells line up best
    with their columns: +1 for a cell starting at its column, -2 for one fitting no column.
    A PDF's text is laid out by width; a text made by hand often by characters."""
    best_m, best_score = 0, None
    for m in (1, 0):
        score = 0
        cache: dict[int, list[int]] = {}
        for _row, t, lines in rows:
            if id(t) not in cache:
                cache[id(t)] = _col_starts(t, firsts_of[id(t)], m)
            starts = cache[id(t)]
            for segs in lines:
                for x in segs:
                    j = _col_of(x, starts, m)
                    if j is None:
                        score -= 2
                    elif abs(x.pos[m] - starts[j]) <= S.column_tolerance:
                        score += 1
        if best_score is None or score > best_score:
            best_m, best_score = m, score
    return best_m


def _fill_row(row: Row, t: _ColTable, lines: list[list[Seg1]], starts: list[int], m: int) -> None:
    """Place the cells of a row's lines in columns; join the wrapped fragments of each cell."""
    cols = t.cols
    spill = "progress" if "progress" in cols else cols[-1]
    frags: dict[int, list[str]] = {}         # column (1-based) -> the fragments of its cell
    last_kind = None
    last_text = ""
    for n, segs in enumerate(lines):
        full = n == 0 and len(segs) == len(t.segs)
        if n == 0:
            segs = segs[1:]                      # the seq cell
        placed = [(_col_of(x, starts, m), x.raw.strip()) for x in segs]
        js = [j for j, _ in placed]
        bad = any(j is None or j == 0 for j in js) or len(set(js)) < len(js)
        if bad and full:
            # a complete first line (one cell per column) that is not aligned: in order
            placed = [(j, x.raw.strip()) for j, x in enumerate(segs, 1)]
        elif bad:
            text = "  ".join(tx for _, tx in placed)
            placed = [(cols.index(spill) + 1, text)] if text else []
        for j, tx in placed:
            frags.setdefault(j, []).append(tx)      # type: ignore[arg-type]
            last_kind, last_text = cols[j - 1], tx  # type: ignore[operator]
    for j, fr in frags.items():
        kind = cols[j - 1]
        set_cell(row, kind, _join_wrapped(fr) if kind != "units" else ["".join(fr)])
    if last_kind is not None and row.cells.get(last_kind):
        last_text = row.cells[last_kind][-1]     # the whole (joined) cell
    row.last_kind, row.last_text = last_kind, fold(last_text)
    row.missing = not row.cells.get("content")
