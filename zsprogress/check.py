"""Findings for CI on each new release of a report: `zsprogress check`.

A finding has a code, the task and source line it is about, and a message. Which codes count as
failures is the caller's choice (``--fail-on``); by default every code in ``DEFAULT_FAIL_ON``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict

from .api import ClaimSet
from .completion_status import BACKWARD, FORWARD, contradicts
from .models import Completion, Report
from .tally import contradiction, report_tallies
from .vocab import AGAINST_FAIL_ON, CODES, DEFAULT_FAIL_ON

__all__ = ["AGAINST_FAIL_ON", "CODES", "DEFAULT_FAIL_ON", "Finding", "failures", "findings", "github_line"]


class Finding(BaseModel):
    """One finding of `zsprogress check`."""

    model_config = ConfigDict(extra="forbid")
    source: str
    code: str
    message: str
    task_id: Optional[str] = None
    line: Optional[int] = None


def findings(report: Report, claims: ClaimSet, rows: Iterable[Completion]) -> list[Finding]:
    src = report.source
    lines = {t.id: t.line for t in report.tasks}
    out: list[Finding] = []
    rows = list(rows)
    for d in report.diagnostics:
        if d.code in CODES:
            out.append(Finding(source=src, code=d.code, message=d.message, task_id=d.task_id,
                               line=d.line))
    for u in claims.unexplained:
        out.append(Finding(source=src, code="unexplained-figure", task_id=u["task_id"],
                           line=lines.get(u["task_id"]),
                           message=f"task {u['task_id']}: figure {u['text']!r} in {u['field']} "
                                   f"is neither a claim nor an explained skip"))
    for r in rows:
        if r.consistent is False and r.actual is not None:
            out.append(Finding(
                source=src, code="rate-disagrees", task_id=r.task_id, line=lines.get(r.task_id),
                message=f"task {r.task_id}: stated rate {r.stated_rate:g}% but {r.actual.text} / "
                        f"{r.target.text} is {r.computed_rate:.1f}%"))
        if r.stated_status and "stated_status" not in r.flags and contradicts(r.status, r.stated_status):
            out.append(Finding(
                source=src, code="status-disagrees", task_id=r.task_id, line=lines.get(r.task_id),
                message=f"task {r.task_id}: the report says {r.stated_status.text!r} "
                        f"({r.stated_status.status}) but {r.metric or 'the target'} is {r.status}"))
        if r.actual is None and r.stated_rate is None:
            out.append(Finding(
                source=src, code="target-without-actual", task_id=r.task_id, line=lines.get(r.task_id),
                message=f"task {r.task_id}: target {r.target.text} ({r.metric or 'no metric'}) "
                        f"has no actual: {r.reason}"))
    out += _tally_findings(report, rows)
    return out


def _tally_findings(report: Report, rows: list[Completion]) -> list[Finding]:
    """Tallies of the report against the status of each task (its rows, else its stated status)."""
    tallies = report_tallies(report)
    if not tallies or not report.tasks:
        return []
    by_task: dict[str, list[str]] = {}
    for r in rows:
        by_task.setdefault(r.task_id, []).append(r.status)
    statuses = []
    for t in report.tasks:
        st = by_task.get(t.id, [])
        if any(s in BACKWARD for s in st):
            statuses.append("behind")
        elif any(s in FORWARD for s in st):
            statuses.append("on_track")
        elif t.stated_status is not None:
            statuses.append(t.stated_status.status)
    out = []
    for tl in tallies:
        why = contradiction(tl, statuses, len(report.tasks))
        if why:
            out.append(Finding(source=report.source, code="tally-disagrees", task_id=tl.task_id,
                               message=why))
    return out


def failures(found: Iterable[Finding], fail_on: Iterable[str]) -> list[Finding]:
    codes = set(fail_on)
    return [f for f in found if f.code in codes]


def github_line(f: Finding, failing: bool) -> str:
    """A GitHub Actions workflow command: ::error file=F,line=L,title=T::message"""
    from .escape import github_data, github_property

    level = "error" if failing else "warning"
    loc = f"file={github_property(f.source)}" + (f",line={f.line}" if f.line else "")
    return f"::{level} {loc},title={github_property('zsprogress ' + f.code)}::{github_data(f.message)}"



def track_findings(tracking: Any, new: Report) -> list[Finding]:
    """The flags of ``new``'s rows in a :class:`zsprogress.track.Tracking` as findings, each
    message comparing with the target's row in the latest earlier release that has it."""
    lines = {t.id: t.line for t in new.tasks}
    number = next(rel.number for s in tracking.series for rel in s.releases if rel.report is new)
    earlier: dict[tuple, Any] = {}
    out: list[Finding] = []
    for r in tracking.rows:  # in release order for each target
        key = (r.series, r.task_key, r.target_key)
        if r.release != number:
            if r.present and r.release < number:
                earlier[key] = r
            continue
        old = earlier.get(key)
        for flag in r.flags:
            code = flag.replace("_", "-")
            f = Finding(source=new.source, code=code, task_id=r.task_id, line=lines.get(r.task_id or ""),
                        message=_track_message(code, r, old)) if code in CODES else None
            if f is not None and f not in out:  # a task's flags are on each of its targets' rows
                out.append(f)
    return out


def _track_message(code: str, r: Any, old: Any) -> str:
    where = f"task {r.task_id}" if r.task_id else f"task {old.task_id} of {old.source}"
    what = {
        "target-changed": f"target of {r.metric}: {_figure(old, 'target')} before, {_figure(r, 'target')} now",
        "cumulative-decreased": f"{r.metric}: {_figure(r, 'actual')}, lower than {_figure(old, 'actual')} before",
        "figure-repeated": f"{r.metric}: {_figure(r, 'actual')} again, as in {old.period if old else 'before'}",
        "behind-repeatedly": f"{r.metric}: behind again, {_figure(r, 'actual')} of {_figure(r, 'target')}",
        "text-unchanged": "progress text copied word for word from the earlier release",
        "task-dropped": f"not in this release: {(old.content if old else '')[:40]}",
        "task-added": "not in the earlier releases",
    }[code]
    return f"{where}: {what}"


def _figure(r: Any, which: str) -> str:
    f = getattr(r, which, None) if r is not None else None
    if f is None:
        return "none"
    period = getattr(f, "period", None)
    return f.text + (f" ({period})" if period else "")
