"""PDF reports with a text layer: ruled tables as grids, other pages as laid-out text.

pypdfium2 (PDFium) reads each page's characters (text, loose box, font size) and its path
objects. The ruling lines of a table are the thin or axis-aligned segments of the paths; lines
that touch make one table, whose distinct rule positions are its row and column edges. Two
neighbouring slots are one merged cell where no rule separates them, so each cell gets its
rowspan/colspan. The characters of a cell are grouped into lines by position, and the lines into
paragraphs: a new paragraph where the vertical gap between lines is larger than line spacing, or,
in a document with no such gaps, after a line that stops well short of the cell's right edge; the
wrapped lines of a paragraph are joined without a break. A table that goes on over a page break is
one grid (a repeated header row is dropped; a row cut by the page break is joined up). Text
outside the tables is kept in reading order; a page without ruled tables is laid out as text
(each character at its column), which the ``columns`` text family reads.

Each page is loaded, read into plain Python values and closed before the next, so memory stays
flat however long the file is. Limits, decided before any page is read: pages per file, objects
and characters per page, and seconds in all (``LIMITS``; each can be raised through the
environment variable named beside it). Over a limit is one ``error:`` line naming it. An
encrypted PDF, a damaged one (no cross-reference table or page tree PDFium can rebuild), one with
only images (a scan) and one whose pages are empty each get their own reason.
"""

from __future__ import annotations

import ctypes
import os
import re
import time
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from functools import partial
from itertools import pairwise
from typing import Any, NamedTuple

from ..errors import ReportReadError
from ..grid import Cell, Grid, Page
from .common import SEQ as _SEQ
from .common import need

_EDGE_TOL = 2.0      # points: rule positions within this of each other are one edge
_THIN = 3.0          # points: a path this thin in one direction is a ruling line
_GAP = 0.5           # a gap between lines over this many font sizes starts a paragraph
_SHORT = 2.5         # a line ending this many font sizes short of the right edge ends a paragraph
_SENTENCE_END = set("。！？；!?;:：")

# name: (default, environment variable that raises it)
LIMITS: dict[str, tuple[float, str]] = {
    "pages": (2000, "ZSPROGRESS_PDF_MAX_PAGES"),
    "objects": (20_000, "ZSPROGRESS_PDF_MAX_OBJECTS"),         # page objects (text runs, paths, images)
    "chars": (50_000, "ZSPROGRESS_PDF_MAX_CHARS"),             # characters on one page
    "seconds": (120, "ZSPROGRESS_PDF_MAX_SECONDS"),            # reading the whole file
}


def limit(name: str) -> float:
    """The limit ``name`` of :data:`LIMITS`: its environment variable when set to a number,
    else the default."""
    default, env = LIMITS[name]
    raw = os.environ.get(env, "").strip()
    try:
        return float(raw) if raw else default
    except ValueError:
        raise ReportReadError(f"{env}={raw!r} is not a number") from None


class _Ch(NamedTuple):
    text: str
    x0: float
    x1: float
    top: float       # distance down the page (PDF y negated): larger is lower
    bottom: float
    size: float


class _Seg(NamedTuple):
    pos: float       # y of a horizontal rule, x of a vertical one
    a: float         # from (x or y)
    b: float         # to


def read_pdf(data: bytes, source: str) -> Page:
    pdfium = need("pypdfium2", "pdf")
    need("pypdfium2.raw", "pdf")                 # the C API (pdfium.raw), imported explicitly
    caps = _Caps(int(limit("pages")), limit("seconds"), int(limit("objects")), int(limit("chars")),
                 time.monotonic())
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise ReportReadError(_open_error(e)) from None
    page = Page(format="pdf")
    try:
        page.title = _title(doc)
        items, (nchars, nobjects, nimages) = _read_pages(pdfium, doc, caps)
    except pdfium.PdfiumError as e:
        raise ReportReadError(f"cannot read the PDF: {e}") from None
    finally:
        doc.close()
    if nchars == 0:
        raise ReportReadError(_no_text(nobjects, nimages))
    _assemble(page, items)
    return page


def _title(doc: Any) -> str | None:
    """The document's Title: writers fill it with junk ("untitled", "Microsoft Word - x.docx"),
    so a Chinese one only."""
    title = doc.get_metadata_dict().get("Title")
    ok = isinstance(title, str) and any("\u4e00" <= ch <= "\u9fff" for ch in title)
    return title.strip() if ok and isinstance(title, str) else None


class _Caps(NamedTuple):
    """The limits of one PDF (docs/limits.md) and when its reading started."""

    pages: int
    seconds: float
    objects: int
    chars: int
    start: float


def _read_pages(pdfium: Any, doc: Any, cap: _Caps) -> tuple[list[tuple[int, str | _Table]], tuple[int, int, int]]:
    """The blocks of every page (page number, text or table part) and the counts of characters,
    objects and images, within the limits of pages, seconds, objects and characters."""
    max_pages, max_secs = cap.pages, cap.seconds
    caps = (cap.objects, cap.chars)
    npages = len(doc)
    if npages > max_pages:
        raise ReportReadError(f"the PDF has {npages} pages (limit {max_pages}; raise it with "
                              f"{LIMITS['pages'][1]}=N)")
    deadline = cap.start + max_secs
    items: list[tuple[int, str | _Table]] = []
    nchars = nimages = nobjects = 0
    for pno in range(1, npages + 1):
        _in_time(deadline, max_secs, pno, npages)
        chars, hs, vs, counts = _read_page(pdfium, doc, pno, caps, partial(_in_time, deadline, max_secs, pno, npages))
        nchars += len(chars)
        nobjects += counts[0]
        nimages += counts[1]
        items.extend((pno, b) for b in _page_blocks(chars, hs, vs, pno))
    return items, (nchars, nobjects, nimages)


def _no_text(nobjects: int, nimages: int) -> str:
    """Why a PDF without a character has no report to read."""
    if nimages:
        return ("a PDF with no text layer (a scanned image): it needs OCR first, "
                "e.g. ocrmypdf, then read the result")
    if nobjects:
        return ("a PDF with no text layer: its pages hold only lines and shapes, "
                "no characters and no images to OCR")
    return ("a PDF whose pages are empty: no text, images or drawing "
            "(blank, or damaged so that no page content could be found)")


def _assemble(page: Page, items: list[tuple[int, str | _Table]]) -> None:
    """The blocks in page order; a table continued on the next page with the same width joins
    the grid it continues, and a header row repeated on the new page is dropped."""
    gap_mode = any(t.gaps for _, t in items if isinstance(t, _Table))
    prev: tuple[int, int] | None = None      # page number and width of the last table read
    for pno, b in items:
        if isinstance(b, str):
            page.blocks.append(b)
            prev = None
            continue
        g = b.grid(gap_mode)
        width = g.width              # of this page's part: the grid it joins has the same width
        last = page.blocks[-1] if page.blocks else None
        if prev is not None and prev[0] == pno - 1 and isinstance(last, Grid) and last.rows and g.rows \
                and prev[1] == width:
            _join(last, g)
        else:
            if g.rows:
                header, rest = g.rows[0], Grid(rows=g.rows[1:])
                _drop_headers(rest, _texts(header))
                g.rows = [header, *rest.rows]
            page.blocks.append(g)
        prev = (pno, width)


def _in_time(deadline: float, secs: float, pno: int, npages: int) -> None:
    if time.monotonic() > deadline:
        raise ReportReadError(f"reading the PDF took over {secs:g} s, stopped at page {pno} of {npages} "
                              f"(limit; raise it with {LIMITS['seconds'][1]}=N)")


def _open_error(e: Any) -> str:
    code = getattr(e, "err_code", None)
    if code == 4:         # FPDF_ERR_PASSWORD
        return "an encrypted PDF: it needs a password; save an unlocked copy (e.g. qpdf --decrypt) first"
    if code == 6:         # FPDF_ERR_SECURITY
        return "a PDF locked by a security handler zsprogress cannot open; save an unlocked copy first"
    if code == 3:         # FPDF_ERR_FORMAT
        return ("cannot read the PDF: its structure is damaged (no cross-reference table or page tree "
                "that could be rebuilt; cut short or not a PDF)")
    return f"cannot read the PDF: {e}"


def _read_page(pdfium: Any, doc: Any, pno: int, caps: tuple[int, int], check: Callable[[], None]
               ) -> tuple[list[_Ch], list[_Seg], list[_Seg], tuple[int, int]]:
    """One page as plain values: its characters, its horizontal and vertical rules, and counts
    (objects, images). The page and its text page are closed before returning."""
    raw = pdfium.raw
    max_objects, max_chars = caps
    p = doc[pno - 1]
    tp = None
    try:
        hs: list[_Seg] = []
        vs: list[_Seg] = []
        todo = [(raw.FPDFPage_GetObject, p, raw.FPDFPage_CountObjects(p), _IDENTITY, 0)]
        nobj = nimg = 0
        while todo:                   # the page's objects, and those inside its forms (XObjects)
            get, owner, count, outer, depth = todo.pop()
            nobj += count
            if nobj > max_objects:
                raise ReportReadError(f"page {pno} of the PDF holds over {max_objects} objects (limit; "
                                      f"raise it with {LIMITS['objects'][1]}=N)")
            for i in range(count):
                if i % 1024 == 1023:
                    check()
                obj = get(owner, i)
                kind = raw.FPDFPageObj_GetType(obj)
                if kind == raw.FPDF_PAGEOBJ_PATH:
                    _rules(raw, obj, hs, vs, outer)
                elif kind in (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_SHADING):
                    nimg += 1
                elif kind == raw.FPDF_PAGEOBJ_FORM and depth < _FORM_DEPTH:
                    todo.append((raw.FPDFFormObj_GetObject, obj, raw.FPDFFormObj_CountObjects(obj),
                                 _times(_matrix(raw, obj), outer), depth + 1))
        check()
        tp = p.get_textpage()
        n = tp.count_chars()
        if n > max_chars:
            raise ReportReadError(f"page {pno} of the PDF holds {n} characters (limit {max_chars}; "
                                  f"raise it with {LIMITS['chars'][1]}=N)")
        return _chars(raw, tp, n), hs, vs, (nobj, nimg)
    finally:
        if tp is not None:
            tp.close()
        p.close()


def _chars(raw: Any, tp: Any, n: int) -> list[_Ch]:
    """The characters of a text page: the text in one call, then each one's loose box (the
    font's full height at its size, so the box's height stands for the font size)."""
    out: list[_Ch] = []
    if n <= 0:
        return out
    h = tp.raw
    buf = ctypes.create_string_buffer(2 * (n + 1))
    got = raw.FPDFText_GetText(h, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    units = buf.raw[: 2 * max(min(got - 1, n), 0)].decode("utf-16-le", "surrogatepass")
    box = raw.FS_RECTF()
    ref = ctypes.byref(box)
    loose, generated = raw.FPDFText_GetLooseCharBox, raw.FPDFText_IsGenerated
    for i, u in enumerate(units):
        if u <= " " or "\ud800" <= u <= "\udfff" or u in "\ufffe\uffff":
            # white space: a real space only (PDFium makes up spaces and line breaks); a UTF-16
            # pair: the first half's index carries the character, the second is skipped
            if u == " " and not generated(h, i) and loose(h, i, ref):
                out.append(_Ch(u, box.left, box.right, -box.top, -box.bottom, (box.top - box.bottom) or 10.0))
            elif "\ud800" <= u < "\udc00" and i + 1 < len(units) and "\udc00" <= units[i + 1] <= "\udfff" \
                    and loose(h, i, ref):
                ch = (u + units[i + 1]).encode("utf-16-le", "surrogatepass").decode("utf-16-le")
                out.append(_Ch(ch, box.left, box.right, -box.top, -box.bottom, (box.top - box.bottom) or 10.0))
            continue
        if loose(h, i, ref):
            out.append(_Ch(u, box.left, box.right, -box.top, -box.bottom, (box.top - box.bottom) or 10.0))
    return out


_Matrix = tuple[float, float, float, float, float, float]     # a b c d e f, as PDF writes them
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_FORM_DEPTH = 8       # forms inside forms followed this deep


def _matrix(raw: Any, obj: Any) -> _Matrix:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _times(m: _Matrix, n: _Matrix) -> _Matrix:
    """``m`` then ``n``: a point of an object in a form (``m``) to the form's parent (``n``)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n  # noqa: N806
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: _Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _rules(raw: Any, obj: Any, hs: list[_Seg], vs: list[_Seg], outer: _Matrix = _IDENTITY) -> None:
    """Add the ruling lines of one path object (``outer``: the matrix of the forms it is in): a
    thin path is one line; otherwise its axis-aligned straight segments (the sides of a
    rectangle, a drawn line) each are."""
    l, b, r, t = (ctypes.c_float() for _ in range(4))
    if not raw.FPDFPageObj_GetBounds(obj, l, b, r, t):
        return
    x0, y0, x1, y1 = l.value, b.value, r.value, t.value
    if outer != _IDENTITY:
        (xa, ya), (xb, yb) = _apply(outer, x0, y0), _apply(outer, x1, y1)
        x0, x1, y0, y1 = min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)
    if y1 - y0 <= _THIN and x1 - x0 > _THIN:
        hs.append(_Seg(-(y0 + y1) / 2, x0, x1))
        return
    if x1 - x0 <= _THIN and y1 - y0 > _THIN:
        vs.append(_Seg((x0 + x1) / 2, -y1, -y0))
        return
    if x1 - x0 <= _THIN:
        return
    m = _times(_matrix(raw, obj), outer)
    px, py = ctypes.c_float(), ctypes.c_float()
    first = last = None
    for k in range(min(raw.FPDFPath_CountSegments(obj), 10_000)):
        seg = raw.FPDFPath_GetPathSegment(obj, k)
        if not raw.FPDFPathSegment_GetPoint(seg, px, py):
            continue
        pt = _apply(m, px.value, py.value)
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_LINETO and last is not None:
            _segment(last, pt, hs, vs)
        if kind == raw.FPDF_SEGMENT_MOVETO or first is None:
            first = pt
        last = pt
        if raw.FPDFPathSegment_GetClose(seg) and first is not None:
            _segment(pt, first, hs, vs)


def _segment(p: tuple[float, float], q: tuple[float, float], hs: list[_Seg], vs: list[_Seg]) -> None:
    (xa, ya), (xb, yb) = p, q
    if abs(ya - yb) <= 0.5 and abs(xa - xb) > _THIN:
        hs.append(_Seg(-(ya + yb) / 2, min(xa, xb), max(xa, xb)))
    elif abs(xa - xb) <= 0.5 and abs(ya - yb) > _THIN:
        vs.append(_Seg((xa + xb) / 2, -max(ya, yb), -min(ya, yb)))


# --- lines and paragraphs ----------------------------------------------------------------------

class _Line:
    __slots__ = ("bottom", "chars", "size", "top", "x1")

    def __init__(self, ch: _Ch):
        self.chars = [ch]
        self.top, self.bottom, self.x1, self.size = ch.top, ch.bottom, ch.x1, ch.size

    def add(self, ch: _Ch) -> None:
        self.chars.append(ch)
        if ch.bottom > self.bottom:
            self.bottom = ch.bottom
        if ch.x1 > self.x1:
            self.x1 = ch.x1

    @property
    def text(self) -> str:
        self.chars.sort(key=_x0)
        return "".join(c.text for c in self.chars).strip(" \t\r\n")


def _x0(c: _Ch) -> float:
    return c.x0


def _row_key(c: _Ch) -> tuple[float, float]:
    return round(c.top, 1), c.x0


class _L(NamedTuple):
    """A line once read: what paragraphs need of it (its characters are let go)."""
    text: str
    top: float
    bottom: float
    x1: float
    size: float


def _char_lines(chars: list[_Ch]) -> list[_Line]:
    out: list[_Line] = []
    last: _Line | None = None
    for ch in sorted(chars, key=_row_key):
        if last is not None and ch.top < last.top + 0.5 * last.size:
            last.add(ch)
        else:
            last = _Line(ch)
            out.append(last)
    return [ln for ln in out if ln.text]


def _lines(chars: list[_Ch]) -> list[_L]:
    out = []
    for ln in _char_lines(chars):
        out.append(_L(ln.text, ln.top, ln.bottom, ln.x1, ln.size))
    return out


def _gap(a: _L, b: _L) -> bool:
    return b.top - a.bottom > _GAP * a.size


def _paragraphs(lines: list[_L], right: float, gap_mode: bool) -> str:
    if not lines:
        return ""
    edge = max(ln.x1 for ln in lines)
    out = lines[0].text
    for a, b in pairwise(lines):
        # without gaps: a line that stops short ends its paragraph, and so does a full one that
        # ends a sentence when the next line starts a numbered sub-item (2. 2、 (2)); not 一是 or
        # ②, which run on inside a paragraph as often as they start one
        brk = _gap(a, b) if gap_mode else (a.x1 < min(edge, right) - _SHORT * a.size
                                           or (a.text[-1:] in _ITEM_BEFORE and _starts_item(b.text)))
        out += ("\n" if brk else "") + b.text
    return out


_ITEM_BEFORE = set("。；;！？!?")
_DECIMAL = re.compile(r"\d+\.\d")
_NUMBERED = set("0123456789(")


def _starts_item(text: str) -> bool:
    from ..markers import ordinal_at_start
    from ..normalize import fold

    f = fold(text)
    return f[:1] in _NUMBERED and ordinal_at_start(f) is not None and not _DECIMAL.match(f)


def _layout(chars: list[_Ch]) -> str:
    """Text laid out as printed: each line's characters at their column, a column being half the
    page's usual font size (a CJK character two columns, a digit about one)."""
    lines = _char_lines(chars)
    if not lines:
        return ""
    sizes = sorted(c.size for c in chars)
    unit = max(sizes[len(sizes) // 2] / 2, 1.0)
    left = min(c.x0 for c in chars)
    out = []
    for ln in lines:
        s, col = "", 0
        for c in sorted(ln.chars, key=lambda c: c.x0):
            want = round((c.x0 - left) / unit)
            if want > col:
                s += " " * (want - col)
                col = want
            s += c.text
            col += sum(2 if "\u1100" <= x and _wide(x) else 1 for x in c.text)
        out.append(s.rstrip())
    return "\n".join(out)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


# --- tables from ruling lines -------------------------------------------------------------------

def _merge(segs: list[_Seg]) -> list[_Seg]:
    """Collinear rules (positions within the tolerance) that overlap or touch, as one."""
    out: list[_Seg] = []
    for s in sorted(segs):
        for k in range(len(out) - 1, -1, -1):
            o = out[k]
            if s.pos - o.pos > _EDGE_TOL:
                out.append(s)
                break
            if s.a <= o.b + _EDGE_TOL and o.a <= s.b + _EDGE_TOL:
                out[k] = _Seg(o.pos, min(o.a, s.a), max(o.b, s.b))
                break
        else:
            out.append(s)
    return out


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _EDGE_TOL:
            out.append(v)
    return out


def _covers(segs: list[_Seg], pos: float, at: float) -> bool:
    return any(abs(s.pos - pos) <= _EDGE_TOL and s.a - _EDGE_TOL <= at <= s.b + _EDGE_TOL for s in segs)


def _groups(hs: list[_Seg], vs: list[_Seg]) -> list[tuple[list[_Seg], list[_Seg]]]:
    """Rules that touch one another, each set one table: (horizontal, vertical)."""
    n = len(hs)
    parent = list(range(n + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if h.a - _EDGE_TOL <= v.pos <= h.b + _EDGE_TOL and v.a - _EDGE_TOL <= h.pos <= v.b + _EDGE_TOL:
                parent[find(i)] = find(n + j)
    out: dict[int, tuple[list[_Seg], list[_Seg]]] = {}
    for i, h in enumerate(hs):
        out.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        out.setdefault(find(n + j), ([], []))[1].append(v)
    return [g for g in out.values() if g[0] and len(g[1]) >= 2]


class _Table:
    """A ruled table of one page: its cells (slot ranges) and the lines of text in each."""

    def __init__(self, hs: list[_Seg], vs: list[_Seg], pno: int):
        self.pno = pno
        self.hs, self.vs = hs, vs
        self.xs = _cluster([v.pos for v in vs])
        # a row cut by the page break has no rule where the page ends: the ends of the vertical
        # rules close the table
        self.ys = _cluster([h.pos for h in hs] + [min(v.a for v in vs), max(v.b for v in vs)])
        self.top, self.bottom = self.ys[0], self.ys[-1]
        self.left, self.right = self.xs[0], self.xs[-1]
        nr, nc = len(self.ys) - 1, len(self.xs) - 1
        parent = list(range(nr * nc))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i in range(nr):
            ymid = (self.ys[i] + self.ys[i + 1]) / 2
            for j in range(nc):
                if j + 1 < nc and not _covers(vs, self.xs[j + 1], ymid):
                    parent[find(i * nc + j)] = find(i * nc + j + 1)
                if i + 1 < nr and not _covers(hs, self.ys[i + 1], (self.xs[j] + self.xs[j + 1]) / 2):
                    parent[find(i * nc + j)] = find((i + 1) * nc + j)
        self.nr, self.nc = nr, nc
        spans: dict[int, list[int]] = {}
        for k in range(nr * nc):
            i, j = divmod(k, nc)
            r = find(k)
            s = spans.setdefault(r, [i, j, i, j])
            s[0], s[1], s[2], s[3] = min(s[0], i), min(s[1], j), max(s[2], i), max(s[3], j)
        self.root = [find(k) for k in range(nr * nc)]
        self.spans = spans
        self.held: dict[int, list[_Ch]] = {r: [] for r in spans}
        self.gaps = False

    def put(self, ch: _Ch, x: float, y: float) -> None:
        i = bisect_right(self.ys, y) - 1
        i = 0 if i < 0 else self.nr - 1 if i >= self.nr else i
        j = bisect_right(self.xs, x) - 1
        j = 0 if j < 0 else self.nc - 1 if j >= self.nc else j
        self.held[self.root[i * self.nc + j]].append(ch)

    def done(self) -> None:
        self.lines = {r: _lines(chs) for r, chs in self.held.items()}
        self.gaps = any(_gap(a, b) for ls in self.lines.values() for a, b in pairwise(ls))
        # kept until the whole file is read (gap_mode): only the lines, not the characters
        del self.held, self.root, self.hs, self.vs

    def grid(self, gap_mode: bool) -> Grid:
        g = Grid(source=f"page {self.pno}")
        by_row: dict[int, list[tuple[int, int]]] = {}
        for r, (i0, j0, _, _) in self.spans.items():
            by_row.setdefault(i0, []).append((j0, r))
        for i in range(len(self.ys) - 1):
            out = []
            for j0, r in sorted(by_row.get(i, [])):
                _, _, i1, j1 = self.spans[r]
                out.append(Cell(_paragraphs(self.lines[r], self.xs[j1 + 1], gap_mode),
                                pos=f"page {self.pno} r{i + 1}c{j0 + 1}", rowspan=i1 - i + 1, colspan=j1 - j0 + 1))
            g.rows.append(out)
        return g


def _page_blocks(chars: list[_Ch], hs: list[_Seg], vs: list[_Seg], pno: int) -> list[str | _Table]:
    tables = [_Table(h, v, pno) for h, v in _groups(_merge(hs), _merge(vs))]
    tables = [t for t in tables if len(t.xs) >= 2 and len(t.ys) >= 2]
    if not tables:
        text = _layout(chars)
        return [text] if text.strip() else []
    free: list[_Ch] = []
    boxes = [(t.left, t.right, t.top, t.bottom, t) for t in tables]
    for c in chars:
        cx, cy = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
        for left, right, top, bottom, t in boxes:
            if left <= cx <= right and top <= cy <= bottom:
                t.put(c, cx, cy)
                break
        else:
            free.append(c)
    for t in tables:
        t.done()
    items: list[tuple[float, str | _Table]] = [(ln.top, ln.text) for ln in _lines(free)]
    items += [(t.top, t) for t in tables]
    items.sort(key=lambda x: x[0])
    return [b for _, b in items]


def _texts(row: list[Cell]) -> list[str]:
    return [c.text for c in row]


def _drop_headers(g: Grid, header: list[str]) -> None:
    """Drop the rows of ``g`` that repeat the table's header row ``header`` (a writer may repeat
    it anywhere a page breaks the table: above a row it cut, too)."""
    if sum(1 for t in header if t) > 1:
        g.rows = [r for r in g.rows if _texts(r) != header or any(c.rowspan > 1 for c in r)]


def _join(prev: Grid, g: Grid) -> None:
    """Append the rows of ``g`` (the same table on the next page) to ``prev``."""
    if prev.rows:
        _drop_headers(g, _texts(prev.rows[0]))           # the header row repeated
    rows = g.rows
    if rows and prev.rows and rows[0] and not rows[0][0].text and len(rows[0]) == len(prev.rows[-1]) \
            and not any(re.match(_SEQ, c.text) for c in rows[0]) and len({id(c) for c in g.filled()[0]}) > 1:
        for a, b in zip(prev.rows[-1], rows[0], strict=True):          # a row cut by the page break
            if b.text:                                    # mid-paragraph unless a sentence ended
                sep = "\n" if a.text and a.text[-1] in _SENTENCE_END else ""
                a.text = f"{a.text}{sep}{b.text}"
        rows = rows[1:]
    prev.rows.extend(rows)
