"""One table model: what every reader of a report produces.

A report is read into a :class:`Page`: its metadata, its tables as :class:`Grid` objects and the
prose outside them. Text layout families (one cell per line, pipe, tab, columns, label blocks)
and the binary formats (HTML, DOCX, XLSX/XLS, PDF) all produce the same model; tasks are built
from a grid by one builder.

A grid keeps the table as printed: each row a list of :class:`Cell`, a merged cell stored once at
its top-left slot with its ``rowspan``/``colspan``. :meth:`Grid.filled` resolves the spans into a
rectangular matrix where the slots covered by a merged cell hold that same cell object (so a
leader cell spanning twelve rows is one object seen twelve times: ``is`` tells a merged cell
from a repeated value). Each cell keeps where it came from: ``line`` (1-based source line of its
first text line) for text, ``pos`` (``"table 1 r3c2"``, ``"Sheet1!B3"``, ``"page 4"``) for binary
formats.

Plain dataclasses with slots: no validation, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass(slots=True)
class Cell:
    """One cell as printed. ``text`` joins the cell's lines with ``"\\n"`` (``<p>``/``<br>``
    and paragraph breaks inside a cell become ``"\\n"``), stripped of surrounding white space."""

    text: str
    line: Optional[int] = None
    pos: Optional[str] = None
    rowspan: int = 1
    colspan: int = 1


@dataclass(slots=True)
class Grid:
    """One table. ``header_rows`` leading rows are header rows (0 when not known)."""

    rows: list[list[Cell]] = field(default_factory=list)
    header_rows: int = 0
    source: str = ""                      # "table 1", "sheet 汇总表", "pages 2-5"
    title: Optional[str] = None           # the caption or title line above the table
    line: Optional[int] = None            # source line of the first row (text formats)

    @property
    def width(self) -> int:
        """Number of columns once spans are resolved."""
        return max((len(r) for r in self.filled()), default=0)

    def filled(self) -> list[list[Cell]]:
        """Rows with every merged cell repeated (the same object) in each slot it covers;
        short rows are padded with empty cells, so the result is rectangular."""
        out: list[list[Optional[Cell]]] = []
        for i, row in enumerate(self.rows):
            while len(out) <= i:
                out.append([])
            j = 0
            for cell in row:
                cur = out[i]
                while j < len(cur) and cur[j] is not None:
                    j += 1
                for di in range(max(cell.rowspan, 1)):
                    while len(out) <= i + di:
                        out.append([])
                    tgt = out[i + di]
                    for dj in range(max(cell.colspan, 1)):
                        while len(tgt) <= j + dj:
                            tgt.append(None)
                        tgt[j + dj] = cell
                j += max(cell.colspan, 1)
        width = max((len(r) for r in out), default=0)
        return [[c if c is not None else Cell("") for c in r] + [Cell("") for _ in range(width - len(r))]
                for r in out]


@dataclass(slots=True)
class Page:
    """What a reader gives: metadata, tables and the prose outside them, in reading order.

    ``blocks`` holds the body in order: a ``str`` paragraph or a :class:`Grid`.
    ``attachments`` names files the page links to (``附件1:…完成情况表.docx``) whose content is
    not in the page itself."""

    title: Optional[str] = None
    published: Optional[str] = None       # YYYY-MM-DD
    blocks: list[str | Grid] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    format: str = "text"                  # text | html | docx | xlsx | xls | pdf
    head: Optional[str] = None            # the text to find a title or date in, when the tags give none

    @property
    def grids(self) -> list[Grid]:
        return [b for b in self.blocks if isinstance(b, Grid)]
