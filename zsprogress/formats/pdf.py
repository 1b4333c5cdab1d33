"""PDF reports with a text layer: ruled tables as grids, other pages as laid-out text.

pdfplumber (pdfminer.six) finds ruled tables (``find_tables``, lines strategy); each cell's
bounding box against the table's row and column edges gives its rowspan/colspan. The characters
of a cell are grouped into lines by position, and the lines into paragraphs: a new paragraph
where the vertical gap between lines is larger than line spacing, or, in a document with no
such gaps, after a line that stops well short of the cell's right edge; the wrapped lines of a
paragraph are joined without a break. A table that goes on over a page break is one grid (a
repeated header row is dropped; a row cut by the page break is joined up). Text outside the
tables is kept in reading order; a page without ruled tables is its ``layout=True`` text, which
the ``columns`` text family reads. An encrypted PDF, or one with no text at all (a scan) is
refused with the reason.
"""

from __future__ import annotations

import logging
import re
from contextlib import suppress
from io import BytesIO
from itertools import pairwise
from typing import Any

from ..errors import ReportReadError
from ..grid import Cell, Grid, Page
from . import _SEQ, need

_NULL = logging.NullHandler()
_EDGE_TOL = 2.0      # points: a cell edge within this of a row/column edge is on it
_GAP = 0.5           # a gap between lines over this many font sizes starts a paragraph
_SHORT = 2.5         # a line ending this many font sizes short of the right edge ends a paragraph
_SENTENCE_END = set("。！？；!?;:：")


def read_pdf(data: bytes, source: str) -> Page:
    pdfplumber = need("pdfplumber", "pdf")
    # pdfminer logs warnings about damaged fonts and streams; without a handler Python would print
    # them on stderr. A NullHandler keeps stderr to the one error line and leaves them to any
    # logging the application configures.
    for name in ("pdfminer", "pdfplumber"):
        logging.getLogger(name).addHandler(_NULL)
    try:
        pdf = pdfplumber.open(BytesIO(data))
    except Exception as e:  # noqa: BLE001 - pdfminer raises many kinds on a damaged or locked file
        raise ReportReadError(_open_error(e)) from None
    page = Page(format="pdf")
    try:
        title = (pdf.metadata or {}).get("Title")
        # writers fill Title with junk ("untitled", "Microsoft Word - x.docx"): a Chinese one only
        ok = isinstance(title, str) and any("\u4e00" <= ch <= "\u9fff" for ch in title)
        page.title = title.strip() if ok and isinstance(title, str) else None
        items: list[tuple[int, str | _Table]] = []
        nchars = 0
        for pno, p in enumerate(pdf.pages, 1):
            chars = p.chars
            nchars += len(chars)
            items.extend((pno, b) for b in _page_blocks(p, chars, pno))
            p.close()                        # drop the page's parsed objects: memory stays flat
    except ReportReadError:
        raise
    except Exception as e:  # noqa: BLE001
        raise ReportReadError(_open_error(e)) from None
    finally:
        with suppress(Exception):        # closing re-reads the page list, which may be what failed
            pdf.close()
    if nchars == 0:
        raise ReportReadError("a PDF with no text layer (a scanned image): it needs OCR first, "
                              "e.g. ocrmypdf, then read the result")
    gap_mode = any(t.gaps for _, t in items if isinstance(t, _Table))
    prev: tuple[int, _Table] | None = None
    for pno, b in items:
        if isinstance(b, str):
            page.blocks.append(b)
            prev = None
            continue
        g = b.grid(gap_mode)
        last = page.blocks[-1] if page.blocks else None
        if prev is not None and prev[0] == pno - 1 and isinstance(last, Grid) and _continues(last, g):
            _join(last, g)
        else:
            page.blocks.append(g)
        prev = (pno, b)
    return page


def _open_error(e: BaseException) -> str:
    # pdfplumber wraps pdfminer's errors (PdfminerException(PDFPasswordIncorrect(...))): look inside
    seen: list[BaseException] = [e]
    seen += [a for a in e.args if isinstance(a, BaseException)]
    seen += [x for x in (e.__cause__, e.__context__) if x is not None]
    names = " ".join(type(x).__name__ for x in seen)
    if "Password" in names or "Encrypt" in names:
        return "an encrypted PDF: it needs a password; save an unlocked copy (e.g. qpdf --decrypt) first"
    inner = seen[-1]
    return f"cannot read the PDF: {type(inner).__name__}: {inner}".rstrip(": ")


class _Line:
    __slots__ = ("bottom", "chars", "size", "top", "x1")

    def __init__(self, ch: dict):
        self.chars = [ch]
        self.top, self.bottom, self.x1, self.size = ch["top"], ch["bottom"], ch["x1"], ch.get("size") or 10.0

    def add(self, ch: dict) -> None:
        self.chars.append(ch)
        self.bottom = max(self.bottom, ch["bottom"])
        self.x1 = max(self.x1, ch["x1"])

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in sorted(self.chars, key=lambda c: c["x0"])).strip()


def _lines(chars: list[dict]) -> list[_Line]:
    out: list[_Line] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        if out and ch["top"] < out[-1].top + 0.5 * out[-1].size:
            out[-1].add(ch)
        else:
            out.append(_Line(ch))
    return [ln for ln in out if ln.text]


class _Table:
    """A ruled table of one page: cell boxes and the lines of text in each."""

    def __init__(self, table: Any, chars: list[dict], pno: int):
        self.pno = pno
        rows = table.rows
        self.ys = sorted({r.bbox[1] for r in rows} | {r.bbox[3] for r in rows})
        xs: set[float] = set()
        for r in rows:
            for c in r.cells:
                if c is not None:
                    xs.update((c[0], c[2]))
        self.xs = sorted(xs)
        self.cells: list[list[tuple[tuple, list[_Line]]]] = []
        boxes = [[c for c in r.cells if c is not None] for r in rows]
        inside: dict[tuple, list[dict]] = {b: [] for row in boxes for b in row}
        for ch in chars:
            cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
            for b, held in inside.items():
                if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]:
                    held.append(ch)
                    break
        self.cells = [[(b, _lines(inside[b])) for b in row] for row in boxes]
        self.gaps = any(_gap(a, b) for row in self.cells for _, ls in row for a, b in pairwise(ls))

    def _n(self, edges: list[float], a: float, b: float) -> int:
        return max(1, sum(1 for e in edges if a + _EDGE_TOL < e < b - _EDGE_TOL) + 1)

    def grid(self, gap_mode: bool) -> Grid:
        g = Grid(source=f"page {self.pno}")
        for i, row in enumerate(self.cells):
            out = []
            for j, (b, lines) in enumerate(row):
                out.append(Cell(_paragraphs(lines, b[2], gap_mode), pos=f"page {self.pno} r{i + 1}c{j + 1}",
                                rowspan=self._n(self.ys, b[1], b[3]), colspan=self._n(self.xs, b[0], b[2])))
            g.rows.append(out)
        return g


def _gap(a: _Line, b: _Line) -> bool:
    return b.top - a.bottom > _GAP * a.size


def _paragraphs(lines: list[_Line], right: float, gap_mode: bool) -> str:
    if not lines:
        return ""
    edge = max(ln.x1 for ln in lines)
    out = lines[0].text
    for a, b in pairwise(lines):
        brk = _gap(a, b) if gap_mode else a.x1 < min(edge, right) - _SHORT * a.size
        out += ("\n" if brk else "") + b.text
    return out


def _page_blocks(p: Any, chars: list[dict], pno: int) -> list[str | _Table]:
    # a row cut by the page break has no rule where the page ends: close the cells at the ends
    # of the vertical rules
    vs = [e for e in p.edges if e["orientation"] == "v"]
    ys = sorted({min(e["top"] for e in vs), max(e["bottom"] for e in vs)}) if vs else []
    tables = p.find_tables({"explicit_horizontal_lines": ys})
    if not tables:
        text = p.extract_text(layout=True) or ""
        return [text] if text.strip() else []
    boxes = [t.bbox for t in tables]
    free: list[dict] = []
    held: list[dict] = []
    for c in chars:
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        (held if any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes) else free).append(c)
    items: list[tuple[float, str | _Table]] = [(ln.top, ln.text) for ln in _lines(free)]
    items += [(t.bbox[1], _Table(t, held, pno)) for t in tables]
    items.sort(key=lambda x: x[0])
    return [b for _, b in items]


def _texts(row: list[Cell]) -> list[str]:
    return [c.text for c in row]


def _continues(prev: Grid, g: Grid) -> bool:
    return bool(prev.rows and g.rows) and prev.width == g.width


def _join(prev: Grid, g: Grid) -> None:
    """Append the rows of ``g`` (the same table on the next page) to ``prev``."""
    rows = g.rows
    if rows and prev.rows and _texts(rows[0]) == _texts(prev.rows[0]):
        rows = rows[1:]                                   # the header row repeated
    if rows and prev.rows and rows[0] and not rows[0][0].text and len(rows[0]) == len(prev.rows[-1]) \
            and not any(re.match(_SEQ, c.text) for c in rows[0]) and len({id(c) for c in g.filled()[0]}) > 1:
        for a, b in zip(prev.rows[-1], rows[0], strict=True):          # a row cut by the page break
            if b.text:                                    # mid-paragraph unless a sentence ended
                sep = "\n" if a.text and a.text[-1] in _SENTENCE_END else ""
                a.text = f"{a.text}{sep}{b.text}"
        rows = rows[1:]
    prev.rows.extend(rows)
