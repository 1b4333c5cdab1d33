"""One report through one command: :func:`work` (run in a worker process with ``--jobs``) and
the options it is given, a frozen :class:`WorkOptions` (plain data: it crosses to the workers).

Each command's work calls :mod:`zsprogress.api` and gives an :class:`Outcome`: the rows (dicts
ready for an output, or the records a page or a track needs), the warnings about the report's
structure for what was selected, and counts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from ..errors import ZsprogressError

if TYPE_CHECKING:  # pragma: no cover
    from ..models import Report
    from ..rules import RuleSet


@dataclasses.dataclass(frozen=True)
class WorkOptions:
    """What a command asks of each report (the filters and settings of its options)."""

    patterns: Optional[Path] = None   # --patterns DIR
    layout: Optional[str] = None      # --layout NAME (the global option)
    quiet: bool = False               # no warnings
    lazy: bool = False                # rows made as they are written (a single report, JSONL/CSV)
    leader: Optional[str] = None
    unit: Optional[str] = None
    task: Optional[tuple[str, ...]] = None    # claims --task (ids)
    kind: Optional[tuple[str, ...]] = None    # claims --kind
    explain: bool = False                     # claims --explain: the skips too
    status: Optional[frozenset[str]] = None   # completion --status
    below: Optional[float] = None             # completion --below


@dataclasses.dataclass
class Outcome:
    """What one report gave a command: its rows (or findings), warnings, counts, or an error."""

    source: str
    rows: list = dataclasses.field(default_factory=list)
    warnings: list = dataclasses.field(default_factory=list)
    stats: dict = dataclasses.field(default_factory=dict)
    error: Optional[str] = None
    exc: Optional[BaseException] = None  # the library error behind ``error`` (re-raised outside a batch)


def api() -> Any:
    from .. import api  # through the module, so a patched api.parse_report is the one called

    return api


def load_rules(patterns: Optional[Path]) -> RuleSet:
    """The rules of ``--patterns DIR`` (or the bundled ones), and its layout vocabulary."""
    from ..rules import default_rules
    from ..segment import use_patterns

    use_patterns(patterns)  # the layout vocabulary (layout.toml) too; None = the default
    return default_rules(str(patterns) if patterns else None)


def select(report: Report, leader: Optional[str] = None, unit: Optional[str] = None,
           task_ids: Optional[tuple[str, ...]] = None) -> Report:
    tasks = [t for t in report.tasks
             if (not leader or leader in (t.leader or "") or leader in (t.section or ""))
             and (not unit or any(unit in u for u in t.lead_units))
             and (not task_ids or t.id in task_ids)]
    # a selection of tasks leaves out the lines above the table (they belong to no task)
    return report if len(tasks) == len(report.tasks) else report.model_copy(update={"tasks": tasks, "preamble": []})


def warnings(report: Report, selected: Report) -> list[str]:
    """Warnings about the report's structure, only for what the command selected: a
    diagnostic of a section (or task) none of whose tasks were selected is not shown."""
    sections = {t.section for t in selected.tasks}
    ids = {t.id for t in selected.tasks}
    everything = len(selected.tasks) == len(report.tasks)
    return [f"warning: {report.source}: {d.message}" for d in report.diagnostics
            if everything or (d.section is None and d.task_id is None)
            or (d.section is not None and d.section in sections) or d.task_id in ids]


def work(cmd: str, src: Any, opts: WorkOptions, catch: str = "read") -> Outcome:
    """One report through one command (runs in a worker process with --jobs): ``src`` is a path,
    None (the sample) or an already parsed Report (stdin). ``catch`` is ``read`` (library errors
    become ``Outcome.error``) or ``all`` (any error does: a batch goes on)."""
    name = "<sample>" if src is None else getattr(src, "source", None) or str(src)
    try:
        if opts.patterns:  # a worker process: the layout vocabulary of --patterns
            from ..segment import use_patterns

            use_patterns(opts.patterns)
        report = src if hasattr(src, "tasks") else api().parse_report(src, layout=opts.layout)
        out = WORK[cmd](report, opts)
        if cmd != "check" and not opts.quiet:
            out.warnings = warnings(report, select(report, opts.leader, opts.unit, opts.task))
        return out
    except ZsprogressError as e:
        return Outcome(name, error=msg if (msg := str(e)).startswith(name) else f"{name}: {msg}", exc=e)
    except Exception as e:  # noqa: BLE001 - a bug in one report of a batch does not stop the batch
        if catch != "all":
            raise
        return Outcome(name, error=f"{name}: internal error: {type(e).__name__}: {e}")


def _made(rows: Iterator[Any], lazy: bool) -> Any:
    return rows if lazy else list(rows)


def _work_tasks(r: Report, o: WorkOptions) -> Outcome:
    from ..completion_status import stated_status  # status words only: no claims are extracted for `tasks`

    rules = load_rules(o.patterns)

    def rows() -> Iterator[dict]:
        for t in select(r, o.leader, o.unit).tasks:
            if not t.stated_status:
                t = t.model_copy(update={"stated_status": stated_status(t, None, rules)})
            yield {**t.model_dump(mode="json"), "source": r.source}

    return Outcome(r.source, rows=_made(rows(), o.lazy))


def _work_tallies(r: Report, o: WorkOptions) -> Outcome:
    from ..tally import report_tallies

    return Outcome(r.source, rows=[{**t.model_dump(mode="json"), "source": r.source}
                                   for t in report_tallies(r, load_rules(o.patterns))])


FIELD_ORDER = {f: i for i, f in enumerate(("content", "target", "progress", "status", "problems",
                                           "next_steps", "text"))}


def skip_row(s: Any, source: str) -> dict:
    return {"kind": "skip", **s.model_dump(mode="json"), "source": source}


def _work_claims(r: Report, o: WorkOptions) -> Outcome:
    report = select(r, o.leader, task_ids=o.task)
    order = {t.id: i for i, t in enumerate(report.tasks)}

    def key(x: Any) -> tuple:
        return (order.get(x.task_id, -1), FIELD_ORDER.get(x.field, 99), x.start, x.end)

    out = Outcome(r.source, stats={"claims": 0, "skips": 0, "digits": 0})
    rules = load_rules(o.patterns)  # here, not in rows(): a bad rule file fails before any row

    def rows() -> Iterator[dict]:
        for _part, cs in api().claim_chunks(report, rules):  # a few tasks at a time
            chunk = [(key(c), {**c.model_dump(mode="json"), "source": report.source})
                     for c in cs.claims if not o.kind or c.kind in o.kind]
            out.stats["claims"] += len(chunk)
            if o.explain:
                chunk += [(key(s), skip_row(s, report.source)) for s in cs.skips]
            chunk.sort(key=lambda kr: kr[0])
            out.stats["skips"] += len(cs.skips)
            out.stats["digits"] += cs.unexplained_digits
            yield from (x for _, x in chunk)

    out.rows = _made(rows(), o.lazy)
    return out


def _work_completion(r: Report, o: WorkOptions) -> Outcome:
    rules = load_rules(o.patterns)
    r = select(r, o.leader, o.unit)
    a = api()

    def rows() -> Iterator[tuple[dict, Optional[float]]]:
        for row in (x for part, cs in a.claim_chunks(r, rules) for x in a.completion_table(part, cs, rules)):
            rate = row.computed_rate if row.computed_rate is not None else row.stated_rate
            if o.status and row.status not in o.status:
                continue
            if o.below is not None and (rate is None or rate >= o.below):
                continue
            yield {**row.model_dump(mode="json"), "source": r.source}, rate

    return Outcome(r.source, rows=_made(rows(), o.lazy))


def _work_check(r: Report, o: WorkOptions) -> Outcome:
    from ..check import findings

    rules = load_rules(o.patterns)
    cs = api().extract_claims(r, rules)
    return Outcome(r.source, rows=findings(cs.report, cs, api().completion_table(r, cs, rules)))


def _work_track(r: Report, o: WorkOptions) -> Outcome:
    return Outcome(r.source, rows=[(r, api().completion_table(r, rules=load_rules(o.patterns)))])


def _work_report(r: Report, o: WorkOptions) -> Outcome:
    from ..page import Part

    rules = load_rules(o.patterns)
    r = select(r, o.leader, o.unit)
    cs = api().extract_claims(r, rules)
    return Outcome(r.source, rows=[Part(r, cs, api().completion_table(r, cs, rules))])


WORK: dict[str, Callable[[Report, WorkOptions], Outcome]] = {
    "tasks": _work_tasks, "tallies": _work_tallies, "claims": _work_claims, "completion": _work_completion,
    "check": _work_check, "report": _work_report, "track": _work_track}
