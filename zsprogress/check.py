"""Findings for CI on each new release of a report: `zsprogress check`.

A finding has a code, the task and source line it is about, and a message. Which codes count as
failures is the caller's choice (``--fail-on``); by default every code in ``DEFAULT_FAIL_ON``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Optional

from pydantic import BaseModel, ConfigDict

from .api import ClaimSet
from .models import Completion, Report
from .vocab import CODES, DEFAULT_FAIL_ON

__all__ = ["CODES", "DEFAULT_FAIL_ON", "Finding", "failures", "findings", "github_line"]


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
        if r.actual is None and r.stated_rate is None:
            out.append(Finding(
                source=src, code="target-without-actual", task_id=r.task_id, line=lines.get(r.task_id),
                message=f"task {r.task_id}: target {r.target.text} ({r.metric or 'no metric'}) "
                        f"has no actual: {r.reason}"))
    return out


def failures(found: Iterable[Finding], fail_on: Iterable[str]) -> list[Finding]:
    codes = set(fail_on)
    return [f for f in found if f.code in codes]


def github_line(f: Finding, failing: bool) -> str:
    """A GitHub Actions workflow command: ::error file=F,line=L,title=T::message"""
    level = "error" if failing else "warning"
    loc = f"file={f.source}" + (f",line={f.line}" if f.line else "")
    msg = f.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{level} {loc},title=zsprogress {f.code}::{msg}"
