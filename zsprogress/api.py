"""The public pipeline, orchestration only: read -> segment -> extract -> link."""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Union

from .models import Claim, Completion, Diagnostic, Report, Skip
from .read import Document, read, read_text

Source = Union[str, Path, None]


def parse_report(src: Source = None, *, text: Optional[str] = None) -> Report:
    """Read and segment one report. ``src=None`` is the bundled sample, ``'-'`` stdin."""
    from .segment import segment

    doc: Document = read_text(text) if text is not None else read(src)
    report = segment(doc)
    if doc.attachments and not report.tasks:  # an HTML page whose table is in a linked file
        report.diagnostics.append(Diagnostic(code="attachment", message="the page has no task table; "
                                             "it links to " + "; ".join(doc.attachments)))
    return report


class ClaimSet:
    """Claims, skips and unexplained digits of a report."""

    def __init__(self, report: Report, claims: list[Claim], skips: list[Skip], unexplained: list[dict]):
        self.report = report
        self.claims = claims
        self.skips = skips
        self.unexplained = unexplained

    @property
    def unexplained_digits(self) -> int:
        return sum(sum(ch.isdigit() for ch in u["text"]) for u in self.unexplained)


def extract_claims(report: Report, rules=None) -> ClaimSet:
    """Every claim and skip of every task of a report; each task's stated status is set."""
    from .carry import refine
    from .extract import extract_all, extract_paragraphs
    from .status import stated_status

    r = extract_all(report.tasks, rules)
    r.claims = refine(report, r.claims, rules)  # metric carry-over, lone rate cells
    by_task: dict = {}
    for c in r.claims:
        by_task.setdefault(c.task_id, []).append(c)
    for t in report.tasks:
        t.stated_status = stated_status(t, by_task.get(t.id), rules)
    if report.paragraphs:
        # a layout no family recognized: its figures are still read, paragraph by paragraph
        # (task_id "L<line>", field "paragraph"), so nothing is lost
        p = extract_paragraphs(report.paragraphs, rules)
        r.claims += p.claims
        r.skips += p.skips
        r.unexplained += p.unexplained
    return ClaimSet(report, r.claims, r.skips, r.unexplained)


def completion_table(report: Report, claims: Optional[ClaimSet] = None, rules=None) -> list[Completion]:
    """One row per numeric target: the actual that reports on it, rates and status."""
    from .link import link_report

    cs = claims or extract_claims(report, rules)
    return link_report(report, cs.claims, rules)


