"""The commands that write rows of each report: ``tasks``, ``tallies``, ``claims``,
``completion``, and the rule catalogue ``rules``. Each parses its options, runs the reports
(:class:`~zsprogress.cli.runner.Batch`) and hands the rows to an output (:mod:`.emit`)."""

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from .emit import Output, emit, emit_text
from .jobs import WorkOptions, load_rules, skip_row
from .options import (
    CLAIM_KINDS,
    STATUSES,
    BomOpt,
    CsvRawOpt,
    DebugOpt,
    Format,
    FormatOpt,
    JobsOpt,
    LeaderOpt,
    OutputOpt,
    PatternsOpt,
    QuietOpt,
    ReportsArg,
    Sort,
    Status,
    UnitOpt,
    of,
    plural,
    task_id,
)
from .root import CliError, guard
from .runner import Batch


@guard
def tasks(
    ctx: typer.Context,
    reports: ReportsArg = None,
    leader: LeaderOpt = None,
    unit: UnitOpt = None,
    fmt: FormatOpt = Format.auto, output: OutputOpt = None, bom: BomOpt = None, debug: DebugOpt = False,
    csv_raw: CsvRawOpt = False,
    jobs: JobsOpt = 1, patterns: PatternsOpt = None, quiet: QuietOpt = False,
) -> None:
    """The tasks of one or more reports: id, leader, lead units, content, progress text.

    Example: zsprogress tasks report.txt --leader 毛江平"""
    g = of(ctx)
    from ..segment import use_patterns

    use_patterns(patterns)  # layout.toml of --patterns DIR, or the default
    b = Batch(reports, jobs, sample_word=True, colour=g.colour)
    out = Output(fmt, output, bom, csv_raw, g.colour)
    opts = WorkOptions(patterns, g.layout, quiet, out.streamed, leader=leader, unit=unit)
    emit(b.rows("tasks", opts, debug), out, "tasks_table", row_kinds=("task",))
    b.exit()


@guard
def tallies(
    ctx: typer.Context,
    reports: ReportsArg = None,
    fmt: FormatOpt = Format.auto, output: OutputOpt = None, bom: BomOpt = None, debug: DebugOpt = False,
    csv_raw: CsvRawOpt = False,
    jobs: JobsOpt = 1, patterns: PatternsOpt = None, quiet: QuietOpt = False,
) -> None:
    """The counts of tasks a report states about itself (124项达到序时进度要求): count, of how many, status.

    Example: zsprogress tallies report.txt -f csv -o tallies.csv"""
    g = of(ctx)
    b = Batch(reports, jobs, sample_word=True, colour=g.colour)
    out = Output(fmt, output, bom, csv_raw, g.colour)
    out.kind  # noqa: B018 - a missing xlsx writer is said before any report is read
    emit(b.rows("tallies", WorkOptions(patterns, g.layout, quiet), debug), out, "tallies_table",
         row_kinds=("tally",))
    b.exit()


@guard
def claims(
    ctx: typer.Context,
    reports: ReportsArg = None,
    kind: Annotated[Optional[list[str]], typer.Option(
        "--kind", metavar="KIND", help=f"Only claims of this kind (repeatable): {', '.join(CLAIM_KINDS)}.")] = None,
    task: Annotated[Optional[list[str]], typer.Option(
        "--task", metavar="ID", help="Only this task id, e.g. T1.1 or 1.1 (repeatable).")] = None,
    leader: LeaderOpt = None,
    explain: Annotated[bool, typer.Option(
        "--explain", help="Also show skipped figures (kind 'skip') with their reason.")] = False,
    text: Annotated[Optional[str], typer.Option(
        "--text", metavar="PHRASE", help="Scan this phrase instead of a report.")] = None,
    fmt: FormatOpt = Format.auto, output: OutputOpt = None, bom: BomOpt = None, debug: DebugOpt = False,
    csv_raw: CsvRawOpt = False,
    patterns: PatternsOpt = None, jobs: JobsOpt = 1, quiet: QuietOpt = False,
) -> None:
    """Every figure of the tasks as a typed claim (kind, value, unit, metric, period, rule).

    Prints one summary line on stderr: N claims, M skips, K digits unexplained.

    Example: zsprogress claims report.txt --task T2.1 --explain"""
    g = of(ctx)
    bad = sorted(set(kind or ()) - set(CLAIM_KINDS))
    if bad:
        raise CliError(f"unknown claim kind {', '.join(bad)} (expected one of {', '.join(CLAIM_KINDS)})")
    if text is not None and reports:
        raise CliError("--text scans a phrase: give either --text or REPORT, not both")
    row_kinds = ("claim", "skip") if explain else ("claim",)
    out = Output(fmt, output, bom, csv_raw, g.colour)
    if text is not None:
        return _scan_text(text, patterns, kind, explain, quiet, out)
    b = Batch(reports, jobs, sample_word=True, colour=g.colour)
    opts = WorkOptions(patterns, g.layout, quiet, out.streamed, leader=leader,
                       task=tuple(task_id(t) for t in task) if task else None,
                       kind=tuple(kind) if kind else None, explain=explain)
    b.load_rules(patterns)
    totals = {"claims": 0, "skips": 0, "digits": 0}
    emit(b.rows("claims", opts, debug, count=totals), out, "claims_table", row_kinds=row_kinds)
    if not quiet:
        _summary(totals["claims"], totals["skips"], totals["digits"])
    b.exit()


def _summary(claims: int, skips: int, digits: int) -> None:
    typer.echo(f"{plural(claims, 'claim')}, {plural(skips, 'skip')}, "
               f"{plural(digits, 'digit')} unexplained", err=True)


def _scan_text(text: str, patterns: Optional[Path], kind: Optional[list[str]], explain: bool, quiet: bool,
               out: Output) -> None:
    """``claims --text PHRASE``: the claims (and skips) of one phrase."""
    from ..extract import extract_text

    if not text.strip():
        raise CliError("--text is empty")
    fr = extract_text(text, load_rules(patterns))
    digits = sum(sum(ch.isdigit() for ch in u[2]) for u in fr.unexplained)
    found = [((0, 0, c.start, c.end), {**c.model_dump(mode="json"), "source": "<text>"})
             for c in fr.claims if not kind or c.kind in kind]
    rows = found + ([((0, 0, s.start, s.end), skip_row(s, "<text>")) for s in fr.skips] if explain else [])
    rows.sort(key=lambda kr: kr[0])
    if not quiet:
        _summary(len(found), len(fr.skips), digits)
    emit((r for _, r in rows), out, "claims_table", row_kinds=("claim", "skip") if explain else ("claim",))


@guard
def completion(
    ctx: typer.Context,
    reports: ReportsArg = None,
    leader: LeaderOpt = None,
    unit: UnitOpt = None,
    status: Annotated[Optional[list[Status]], typer.Option(
        "--status", metavar="STATUS", help=f"Only targets with this status (repeatable): {', '.join(STATUSES)}.")] = None,
    below: Annotated[Optional[float], typer.Option(
        "--below", metavar="PCT", help="Only targets whose rate is below PCT percent.")] = None,
    sort: Annotated[Sort, typer.Option("--sort", metavar="seq|rate", help="Order of the rows: seq or rate.")] = Sort.seq,
    fmt: FormatOpt = Format.auto, output: OutputOpt = None, bom: BomOpt = None, debug: DebugOpt = False,
    csv_raw: CsvRawOpt = False,
    patterns: PatternsOpt = None, jobs: JobsOpt = 1, quiet: QuietOpt = False,
) -> None:
    """Every numeric target with the figure that reports on it: rate, expected rate, status.

    Example: zsprogress completion report.txt --status behind --sort rate"""
    g = of(ctx)
    b = Batch(reports, jobs, sample_word=True, colour=g.colour)
    out = Output(fmt, output, bom, csv_raw, g.colour)
    opts = WorkOptions(patterns, g.layout, quiet, sort is Sort.seq and out.streamed, leader=leader,
                       unit=unit, status=frozenset(x.value for x in status) if status else None, below=below)
    b.load_rules(patterns)
    rows: Iterable[tuple[dict, Optional[float]]] = b.rows("completion", opts, debug)
    if sort is Sort.rate:
        rows = sorted(rows, key=lambda x: (x[1] is None, x[1] if x[1] is not None else 0))
    emit((x[0] for x in rows), out, "completion_tables", row_kinds=("completion",))
    b.exit()


@guard
def rules(
    ctx: typer.Context,
    rule_id: Annotated[Optional[str], typer.Argument(
        metavar="ID", help="Explain one rule, e.g. CMP001.", show_default=False)] = None,
    fmt: FormatOpt = Format.auto, output: OutputOpt = None, bom: BomOpt = None, debug: DebugOpt = False,
    csv_raw: CsvRawOpt = False,
    patterns: PatternsOpt = None,
) -> None:
    """The rule catalogue (id, kind, name, summary), or one rule with its regex and examples.

    Example: zsprogress rules CMP001"""
    g = of(ctx)
    rs = load_rules(patterns)
    out = Output(fmt, output, bom, csv_raw, g.colour)
    if rule_id is None:
        rows = ({"id": lr.rule.id, "kind": lr.rule.kind or lr.family.rstrip("s"), "name": lr.rule.name,
                 "summary": lr.rule.summary, "family": lr.family, "file": lr.file} for lr in rs.rules)
        return emit(sorted(rows, key=lambda r: r["id"]), out, "rules_table", row_kinds=("rule",))
    lr = _find_rule(rs, rule_id)
    if out.kind in ("auto", "table"):
        from ..render import rule_text

        return emit_text(rule_text(lr), output)
    emit([{**lr.rule.as_dict(), "family": lr.family, "file": lr.file}], out, "rules_table")


def _find_rule(rs: Any, rule_id: str) -> Any:
    try:
        return rs.get(rule_id.strip().upper())
    except KeyError:
        import difflib

        ids = [lr.rule.id for lr in rs.rules]
        near = difflib.get_close_matches(rule_id.upper(), ids, n=3)
        hint = f"; did you mean {', '.join(near)}?" if near else "; `zsprogress rules` lists them"
        raise CliError(f"unknown rule id {rule_id!r}{hint}") from None
