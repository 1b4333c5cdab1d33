"""The public pipeline, orchestration only: read -> segment -> extract -> link."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Optional, Union

from .models import Claim, Completion, Diagnostic, Paragraph, Report, Skip
from .read import Document, read, read_text, with_page_meta

Source = Union[str, Path, None]


def parse_report(src: Source = None, *, text: Optional[str] = None, layout: Optional[str] = None,
                 patterns: Source = None) -> Report:
    """Read and segment one report. ``src=None`` is the bundled sample, ``'-'`` stdin.
    ``layout`` (default ``$ZSPROGRESS_LAYOUT``, which ``zsprogress --layout NAME`` sets): read
    the text by that layout family only (a published format's page rendered as text).
    ``patterns``: a patterns directory whose layout.toml is the layout vocabulary of this call
    only (default: the one ``segment.use_patterns`` chose, ``$ZSPROGRESS_PATTERNS``'s or the
    bundled one); claim rules are chosen the same way, by ``extract_claims(report, rules)``."""
    from contextlib import nullcontext

    from .segment import using_patterns

    with using_patterns(patterns) if patterns else nullcontext():
        return _parse(src, text, layout)


def _parse(src: Source, text: Optional[str], layout: Optional[str]) -> Report:
    import os

    from .segment import parse_meta, segment

    layout = layout or os.environ.get("ZSPROGRESS_LAYOUT") or None
    doc: Document = read_text(text) if text is not None else read(src)
    doc = with_page_meta(doc, parse_meta)  # an HTML page's title and date from its text, when its tags lack them
    doc, notes = normalised(doc)
    report = None
    if doc.page is not None and layout is None:  # a published format: its grids go to the one builder
        from .segment import page_report

        report = page_report(doc.page, doc.source, doc.encoding)
    if report is None or not report.tasks:
        # text, or a page whose tasks are not in a grid (a PDF without ruled lines, a list in
        # prose): the text layout families read the page rendered as text
        report = segment(doc, layout)
        report.preamble = preamble(doc.text, report)
    if notes:
        report.diagnostics.insert(0, Diagnostic(code="normalised", message="the text was normalised before "
                                                "reading: " + "; ".join(notes)))
    if doc.attachments and not report.tasks:  # an HTML page whose table is in a linked file
        report.diagnostics.append(Diagnostic(code="attachment", message="the page has no task table; "
                                             "it links to " + "; ".join(doc.attachments)))
    return report


def normalised(doc: Document) -> tuple[Document, list[str]]:
    """The document in simplified script without pinyin glosses (:mod:`zsprogress.script`):
    its text and, for a published format, every cell, title and paragraph of its page."""
    from dataclasses import replace

    from .script import is_traditional, normalise

    trad = is_traditional(doc.text)
    text, notes = normalise(doc.text, trad)
    if not notes:
        return doc, notes
    page = doc.page
    if page is not None:
        from .grid import Grid

        def norm(s: str) -> str:
            return normalise(s, trad)[0]

        for b in page.blocks:
            if isinstance(b, Grid):
                for row in b.rows:
                    for c in row:
                        c.text = norm(c.text)
                b.title = norm(b.title) if b.title else b.title
        page.blocks = [norm(b) if isinstance(b, str) else b for b in page.blocks]
        page.title = norm(page.title) if page.title else page.title
    return replace(doc, text=text, page=page), notes


def preamble(text: str, report: Report) -> list[Paragraph]:
    """The lines of ``text`` before the first task row of ``report`` (none without task rows):
    the summary over a table, where a report states its tallies."""
    from .segment.shapes import is_chrome, lines_of

    first = min((t.line for t in report.tasks if t.line), default=0)
    head = "\n".join(text.split("\n", first)[:first - 1]) if first > 1 else ""
    return [Paragraph(line=x.no, text=x.raw) for x in lines_of(head) if not is_chrome(x.f)]


class ClaimSet:
    """Claims, skips and unexplained digits of a report. ``report`` is the report they were
    read from, as a new record: its tasks copied with their stated status set (the report
    given to :func:`extract_claims` is not changed)."""

    def __init__(self, report: Report, claims: list[Claim], skips: list[Skip], unexplained: list[dict],
                 given: Optional[Report] = None):
        self.report = report
        self.claims = claims
        self.skips = skips
        self.unexplained = unexplained
        self._given = given

    @property
    def unexplained_digits(self) -> int:
        return sum(sum(ch.isdigit() for ch in u["text"]) for u in self.unexplained)

    def report_for(self, report: Report) -> Report:
        """``self.report`` when these claims were read from ``report`` (the same object), else
        ``report`` as given."""
        return self.report if report is self._given else report


def extract_claims(report: Report, rules=None) -> ClaimSet:
    """Every claim and skip of every task of a report. Returns new records and changes none of
    its arguments: ``ClaimSet.report`` is a copy of ``report`` whose tasks carry their stated
    status (:func:`zsprogress.status.stated_status`, read with the task's claims)."""
    from .carry import refine
    from .completion_status import stated_status
    from .extract import extract_all, extract_paragraphs

    r = extract_all(report.tasks, rules)
    r.claims = refine(report, r.claims, rules)  # metric carry-over, lone rate cells
    by_task: dict = {}
    for c in r.claims:
        by_task.setdefault(c.task_id, []).append(c)
    tasks = [t.model_copy(update={"stated_status": stated_status(t, by_task.get(t.id), rules)})
             for t in report.tasks]
    if report.preamble or report.paragraphs:
        # the lines above the task rows, or a layout no family recognized: their figures are
        # still read, paragraph by paragraph (task_id "L<line>", field "paragraph"), so nothing is lost
        p = extract_paragraphs(report.preamble + report.paragraphs, rules)
        r.claims += p.claims
        r.skips += p.skips
        r.unexplained += p.unexplained
    return ClaimSet(report.model_copy(update={"tasks": tasks}), r.claims, r.skips, r.unexplained, given=report)


CHUNK_TASKS = 64  # tasks extracted together by claim_chunks


def claim_chunks(report: Report, rules=None, size: int = CHUNK_TASKS) -> Iterator[tuple[Report, ClaimSet]]:
    """``extract_claims`` a few tasks at a time: (the report with those tasks, their claims),
    in task order, the preamble and the unrecognized layout's paragraphs with the first chunk. Claims and links
    belong to one task, so the chunks together give what the whole report gives, while only one
    chunk's records are held at once (a 5 MB report makes some 60,000 claims and skips)."""
    tasks = report.tasks
    for i in range(0, max(len(tasks), 1), size):
        part = report.model_copy(update={"tasks": tasks[i:i + size],
                                         "paragraphs": report.paragraphs if i == 0 else [],
                                         "preamble": report.preamble if i == 0 else []})
        yield part, extract_claims(part, rules)


def completion_table(report: Report, claims: Optional[ClaimSet] = None, rules=None) -> list[Completion]:
    """One row per numeric target: the actual that reports on it, rates and status."""
    from .link import link_report

    cs = claims or extract_claims(report, rules)
    return link_report(cs.report_for(report), cs.claims, rules)


