"""The commands over releases of a programme: ``check`` (findings for CI, ``--against`` earlier
releases) and ``track`` (every task and target across the releases)."""

from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..vocab import DEFAULT_FAIL_ON
from .emit import Output, emit, opened
from .jobs import WorkOptions, load_rules
from .options import (
    AllowUnrelatedOpt,
    BomOpt,
    CheckFormat,
    CsvRawOpt,
    DebugOpt,
    Format,
    FormatOpt,
    Globals,
    JobsOpt,
    LeaderOpt,
    Order,
    OutputOpt,
    PatternsOpt,
    QuietOpt,
    ReportsArg,
    UnitOpt,
    of,
    plural,
)
from .root import EXIT_FINDINGS, CliError, guard, visible
from .runner import Batch


def _codes(fail_on: Optional[str], against: bool) -> list[str]:
    """The finding codes that fail the check (``--fail-on``)."""
    from ..check import AGAINST_FAIL_ON, CODES

    if fail_on is None:
        return list(DEFAULT_FAIL_ON) + (list(AGAINST_FAIL_ON) if against else [])
    if fail_on.strip() == "all":
        return list(CODES)
    if fail_on.strip() == "none":
        return []
    codes = [c.strip() for c in fail_on.split(",") if c.strip()]
    bad = sorted(set(codes) - set(CODES))
    if bad:
        raise CliError(f"unknown finding code {', '.join(bad)} (known: {', '.join(CODES)})")
    return codes


@guard
def check(
    ctx: typer.Context,
    reports: Annotated[Optional[list[str]], typer.Argument(
        metavar="REPORT|-", show_default=False,
        help="Report files or directories (their report files) to check; '-' stdin; 'sample' the bundled one; "
             "none: stdin when piped or redirected, else the bundled sample.")] = None,
    fmt: Annotated[CheckFormat, typer.Option(
        "--format", "-f", metavar="text|json|github", help="text, json or github (workflow annotations).")] = CheckFormat.text,
    fail_on: Annotated[Optional[str], typer.Option(
        "--fail-on", metavar="CODES",
        help="Comma-separated finding codes that fail the check (exit 1); 'all' or 'none'. "
             f"Default: {','.join(DEFAULT_FAIL_ON)}.")] = None,
    debug: DebugOpt = False, patterns: PatternsOpt = None, jobs: JobsOpt = 1,
    against: Annotated[Optional[list[str]], typer.Option(
        "--against", metavar="OLD",
        help="An earlier release of the same programme (repeatable): its flags become findings "
             "(target-changed, cumulative-decreased, task-dropped, text-unchanged, behind-repeatedly, "
             "figure-repeated, task-added).")] = None,
    allow_unrelated: AllowUnrelatedOpt = False,
    output: OutputOpt = None,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="Only the findings that fail (text, github); no summary line, no notes.")] = False,
) -> None:
    """Check reports for CI: exit 0 clean, 1 findings that fail, 2 unreadable input.

    Example: zsprogress check report.txt --against earlier.txt -f github"""
    g = of(ctx)
    from ..check import failures

    codes = _codes(fail_on, bool(against))
    load_rules(patterns)
    b = Batch(reports, jobs, sample_word=True, colour=g.colour)
    found = list(b.rows("check", WorkOptions(patterns, g.layout), debug))
    if against:
        found += _against(reports, against, patterns, jobs, debug, g, allow_unrelated, quiet)
    failing = failures(found, codes)
    shown = [f for f in found if f.code in codes] if quiet and fmt is not CheckFormat.json else found
    with opened(output) as out:
        _check_out(out, fmt, found, shown, codes, failing, quiet)
    b.exit()
    if failing:
        raise typer.Exit(EXIT_FINDINGS)


def _check_out(out: Any, fmt: CheckFormat, found: list, shown: list, codes: list, failing: list,
               quiet: bool) -> None:
    import json

    from ..check import github_line

    if fmt is CheckFormat.json:
        out.write(json.dumps([{**f.model_dump(mode="json"), "fails": f.code in codes} for f in found],
                             ensure_ascii=False, indent=1) + "\n")
    elif fmt is CheckFormat.github:
        for f in shown:
            out.write(github_line(f, f.code in codes) + "\n")
    else:
        for f in shown:
            out.write(visible(f"{'FAIL' if f.code in codes else 'note'} {f.source}"
                              f"{':' + str(f.line) if f.line else ''} [{f.code}] {f.message}") + "\n")
        if not quiet:
            out.write(f"{plural(len(found), 'finding')}, {len(failing)} failing\n")


def _against(reports: Optional[list[str]], against: list[str], patterns: Optional[Path], jobs: int, debug: bool,
             g: Globals, allow_unrelated: bool = False, quiet: bool = False) -> list:
    """Findings of each NEW report tracked after the OLD releases (``check --against``).
    Refused (exit 2): a NEW of another programme than OLD (unless ``allow_unrelated``), a NEW of
    the same period as an OLD or the same file, and a NEW earlier than an OLD."""
    from ..check import track_findings
    from ..track import period_key, release_name
    from ..track import track as track_series

    olds, b_old = _releases(against, patterns, jobs, debug, g)
    news, b_new = _releases(reports, patterns, jobs, debug, g)
    out = []
    for new in news:
        tr = track_series(olds + [new])
        _refuse(tr, allow_unrelated)
        later = [o for o, _ in olds if o.meta.year == new[0].meta.year and period_key(o) > period_key(new[0])]
        if later and new[0].meta.year:
            raise CliError(f"{new[0].source} ({release_name(new[0])}) is earlier than --against "
                           f"{later[0].source} ({release_name(later[0])}): the release order goes backwards; "
                           "give the later release as REPORT and the earlier one to --against")
        for note in tr.notes if not quiet else ():
            typer.echo(visible(f"note: {note}"), err=True)
        out += track_findings(tr, new[0])
    b_old.exit()
    b_new.exit()
    return out


def _refuse(tr: Any, allow_unrelated: bool) -> None:
    """Exit 2 with one line on a release given twice, or (unless ``allow_unrelated``) one of
    another programme."""
    if tr.duplicates:
        raise CliError(f"{tr.duplicates[0]}: a release is tracked once; leave one out")
    if tr.unrelated and not allow_unrelated:
        raise CliError(f"{tr.unrelated[0]}; --allow-unrelated tracks it as a series of its own")


def _releases(sources: Optional[list[str]], patterns: Optional[Path], jobs: int, debug: bool, g: Globals,
              quiet: bool = False) -> tuple[list, Batch]:
    """(report, completion rows) of each readable report, and the batch (for its exit code)."""
    b = Batch(sources, jobs, sample_word=True, colour=g.colour)
    opts = WorkOptions(patterns, g.layout, quiet)
    return [row for out in b.run("track", opts, debug) for row in out.rows], b


@guard
def track(
    ctx: typer.Context,
    reports: ReportsArg = None,
    order: Annotated[Order, typer.Option(
        "--order", metavar="period|given",
        help="period: assignment first, then by the period of each report; given: as listed.")] = Order.period,
    leader: LeaderOpt = None,
    unit: UnitOpt = None,
    flag: Annotated[Optional[list[str]], typer.Option(
        "--flag", metavar="FLAG", help="Only targets with this flag in some release (repeatable), "
                                       "e.g. target_changed (README lists them).")] = None,
    fmt: FormatOpt = Format.auto, output: OutputOpt = None, bom: BomOpt = None, debug: DebugOpt = False,
    csv_raw: CsvRawOpt = False,
    patterns: PatternsOpt = None, jobs: JobsOpt = 1, quiet: QuietOpt = False,
    allow_unrelated: AllowUnrelatedOpt = False,
) -> None:
    """Follow every task and target across the releases of one programme: one row per task x
    target x release, the match evidence, the trend and flags. Says the order used on stderr.

    Refuses (exit 2) reports of another programme (another year or place, or tasks that do not
    match) unless --allow-unrelated, and a release given twice (the same file or period).

    Example: zsprogress track assign.txt h1.txt q3.txt --flag target_changed"""
    g = of(ctx)
    from ..track import FLAGS
    from ..track import track as track_series

    bad = sorted(set(flag or ()) - set(FLAGS))
    if bad:
        raise CliError(f"unknown flag {', '.join(bad)} (expected one of {', '.join(FLAGS)})")
    load_rules(patterns)
    out = Output(fmt, output, bom, csv_raw, g.colour)
    out.kind  # noqa: B018 - a missing xlsx writer is said before any report is read
    releases, b = _releases(reports, patterns, jobs, debug, g, quiet)
    if not releases:  # nothing could be read: no rows at all, exit 2
        b.exit()
    tr = track_series(releases, order.value)
    _refuse(tr, allow_unrelated)
    for line in tr.backwards:  # the order was asked for: said even with -q
        typer.echo(f"warning: {line}", err=True)
    if not quiet:
        typer.echo(visible(tr.order), err=True)
        for note in tr.notes:
            typer.echo(visible(f"note: {note}"), err=True)
    keep: set = set()  # whole targets (every release) where one row passes the filters
    for r in tr.rows:
        if ((not leader or leader in (r.leader or "")) and (not unit or any(unit in u for u in r.lead_units))
                and (not flag or set(flag) & set(r.flags))):
            keep.add((r.series, r.task_key, r.target_key))
    rows = [r.model_dump(mode="json") for r in tr.rows if (r.series, r.task_key, r.target_key) in keep]
    emit(rows, out, "track_tables", row_kinds=("track",))
    b.exit()
