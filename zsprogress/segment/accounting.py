"""Figures a reading dropped: the check that no reader loses a figure without saying so.

Whatever family read the report and however it split the rows, every figure printed on a line of
the source must end up somewhere a reader of the output can see it: in a task's fields (content,
progress, target, status, problems, next steps, units, leader, section, the kept-aside columns of
``extra``), in its number, in a paragraph or the preamble, or in a header or heading the reading
recognised. A column the reader did not place (a second progress column, an unknown one) would
otherwise vanish with "0 digits unexplained". The check knows nothing of families or columns; it
compares the source with the records:

- the source is cut into chunks: each non-chrome line split at cell separators (a tab, a pipe, a
  run of two or more spaces); a chunk matters when it holds a digit;
- a chunk is found when each of its numbers (``2400``, ``1.8``) occurs in the records, or else when the chunk itself, spaces removed, is a substring of the
  records' text (a cell wrapped over two lines is joined in the record);
- the chunks not found are the dropped figures: one ``dropped-figures`` diagnostic names how many
  and where the first is, and each chunk is kept as a paragraph of the report (its line and text),
  so its figures are still read as claims of that line, never lost.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..grid import Page
from ..layout_vocab import cached_re
from ..models import Diagnostic, Paragraph, Task
from ..normalize import fold
from .shapes import Line, header_kind, is_chrome

_CHUNK_SPLIT = cached_re(r"\t|\s{0,2}\|\s{0,2}|\s{2,}")
_FIGURE = cached_re(r"\d+(?:\.\d+)?")
_SPACE = cached_re(r"\s+")
SUBSTRING_CHECKS = 2000  # chunks looked up as substrings at most (a huge report losing a column)


def task_texts(t: Task) -> list[str]:
    """Every text of a task a reader of the output sees."""
    out = [t.content, t.progress_text, t.target_text or "", t.status_text or "", t.problems_text or "",
           t.next_steps_text or "", t.leader or "", t.leader_title or "", *t.lead_units, *t.co_units]
    out += [str(v) for v in getattr(t, "extra", {}).values()]
    if t.seq is not None:
        out.append(str(t.seq))
    return out


def _chunks(f: str) -> list[tuple[int, int]]:
    """Spans of a line between cell separators."""
    spans, at = [], 0
    for m in _CHUNK_SPLIT.finditer(f):
        spans.append((at, m.start()))
        at = m.end()
    spans.append((at, len(f)))
    return [(a, b) for a, b in spans if b > a]


def _figures(text: str) -> list[str]:
    return _FIGURE.findall(text)


def dropped_figures(lines: Sequence[Line], tasks: Sequence[Task], aside: Iterable[str]) -> list[Paragraph]:
    """The chunks of the source whose figures are in no record (see the module docstring), as
    paragraphs (line, chunk text). ``aside``: the other texts a reading accounts for (paragraphs,
    preamble, header cells, headings)."""
    texts = [fold(s) for t in tasks for s in task_texts(t)]
    texts += sorted({fold(t.section) for t in tasks if t.section})
    texts += [fold(s) for s in aside]
    found = {x for s in texts for x in _figures(s)}
    joined: str | None = None
    checks = 0
    out: list[Paragraph] = []
    for ln in lines:
        if not any(ch.isdigit() for ch in ln.f) or is_chrome(ln.f):
            continue
        same = len(ln.raw) == len(ln.f)  # fold maps one character to one: spans carry over
        for start, end in _chunks(ln.f):
            chunk = ln.f[start:end]
            raw_chunk = ln.raw[start:end] if same else chunk
            bare = _SPACE.sub("", chunk)
            figs = _figures(chunk)
            if not figs or all(x in found for x in figs) or header_kind(chunk) is not None:
                continue
            if checks < SUBSTRING_CHECKS:
                checks += 1
                if joined is None:
                    joined = "\u0000".join(_SPACE.sub("", s) for s in texts)
                if bare in joined:
                    continue
            missing = _missing_sentences(raw_chunk, found, joined)
            if missing:
                out.append(Paragraph(line=ln.no, text=missing))
    return out


_SENTENCE = cached_re(r"[^。;；!?！？]+[。;；!?！？]*")


def _missing_sentences(chunk: str, found: set[str], joined: str | None) -> str:
    """The sentences of a chunk that hold a number the records lack (a line that holds a whole
    report keeps only what was lost, so no figure is read twice)."""
    keep = []
    for m in _SENTENCE.finditer(chunk):
        sent = m.group(0)
        figs = _figures(fold(sent))
        if not figs or all(x in found for x in figs):
            continue
        if joined is not None and _SPACE.sub("", fold(sent)) in joined:
            continue
        keep.append(sent.strip())
    return "".join(keep)


def grid_lines(page: Page) -> list[Line]:
    """The rows of a page's grids as lines of tab-separated cells (each merged cell once; the
    line is the row's source line in a text format, else 0), for ``dropped_figures``."""
    out = []
    for g in page.grids:
        for row in g.rows:
            raw = "\t".join(_SPACE.sub(" ", c.text) for c in row)
            no = next((c.line for c in row if c.line), 0) or g.line or 0
            out.append(Line(no, raw, fold(raw)))
    return out


def dropped_diagnostic(dropped: Sequence[Paragraph]) -> list[Diagnostic]:
    """One ``dropped-figures`` diagnostic for the chunks ``dropped_figures`` found, or none."""
    if not dropped:
        return []
    first = dropped[0]
    lines = len({p.line for p in dropped})
    return [Diagnostic(code="dropped-figures", line=first.line, message=(
        f"{len(dropped)} cell(s) or sentence(s) with figures on {lines} line(s) are in no task field "
        f"(first: line {first.line} {first.text[:30]!r}): a column or sentence the reading did not place; "
        "they are kept as paragraphs and their figures read there"))]
