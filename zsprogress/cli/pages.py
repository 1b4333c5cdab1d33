"""The commands that write one document: ``show`` (one task), ``report`` (the HTML page),
``schema`` (the JSON Schema of a row) and ``shell-completion``."""

import os
import sys
from typing import Annotated, Optional

import typer

from .. import __version__
from .emit import Output, emit, emit_text, opened, print_table, utf8
from .jobs import WorkOptions, api, load_rules
from .options import (
    ROW_KINDS,
    DebugOpt,
    Format,
    JobsOpt,
    Lang,
    LeaderOpt,
    OutputOpt,
    PatternsOpt,
    QuietOpt,
    ReportsArg,
    Shell,
    ShowFormat,
    UnitOpt,
    of,
    task_id,
)
from .root import COMPLETE_VAR, CliError, guard
from .runner import Batch


@guard
def show(
    ctx: typer.Context,
    report: Annotated[str, typer.Argument(metavar="REPORT|-", help="The report ('-' = stdin, 'sample' = the bundled one).")],
    task: Annotated[str, typer.Argument(metavar="TASK", help="Task id (e.g. T2.1) or seq printed in the report.")],
    fmt: Annotated[ShowFormat, typer.Option(
        "--format", "-f", case_sensitive=False, metavar="auto|table|json",
        help="auto = table on a terminal, JSON when piped or written to a file.")] = ShowFormat.auto,
    output: OutputOpt = None, debug: DebugOpt = False,
    patterns: PatternsOpt = None,
) -> None:
    """One task: content, lead units, progress with every claim highlighted, completion rows.

    Example: zsprogress show report.txt T2.1"""
    g = of(ctx)
    a = api()
    r = a.parse_report(None if report == "sample" else report, layout=g.layout)
    tid = task_id(task)
    matches = [t for t in r.tasks if t.id == tid] or [t for t in r.tasks if str(t.seq) == task]
    if len(matches) != 1:
        hint = f"{len(matches)} tasks have seq {task}; give the id" if matches else "`zsprogress tasks` lists the ids"
        raise CliError(f"{r.source}: no single task {task!r}: {hint}")
    one = r.model_copy(update={"tasks": matches, "preamble": []})
    rules = load_rules(patterns)
    cs = a.extract_claims(one, rules)
    rows = a.completion_table(one, cs, rules)
    if Output(fmt, output).kind != "table":
        doc = {"task": cs.report.tasks[0].model_dump(mode="json"), "claims": [c.model_dump(mode="json") for c in cs.claims],
               "skips": [s.model_dump(mode="json") for s in cs.skips],
               "completion": [x.model_dump(mode="json") for x in rows], "source": r.source}
        return emit([doc], Output(Format.json, output), "tasks_table")
    from ..render import show_task

    with opened(output) as out:
        print_table(out, lambda width: show_task(cs.report.tasks[0], cs.claims, cs.skips, rows, width=width),
                    g.colour)


def _locale_lang() -> str:
    """zh when the locale is Chinese (LC_ALL, LC_MESSAGES or LANG, the first set, starts with zh)."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


@guard
def report(
    ctx: typer.Context,
    reports: ReportsArg = None,
    leader: LeaderOpt = None,
    unit: UnitOpt = None,
    output: OutputOpt = None, debug: DebugOpt = False,
    patterns: PatternsOpt = None, jobs: JobsOpt = 1, quiet: QuietOpt = False,
    lang: Annotated[Optional[Lang], typer.Option(
        "--lang", metavar="zh|en", case_sensitive=False, show_default=False,
        help="Language of the page's own labels (headers, statuses, notes). Default: from the locale "
             "(LC_ALL, LC_MESSAGES, LANG starting with zh: zh), else en.")] = None,
) -> None:
    """A report page: one self-contained HTML file with every target per leader and its evidence.

    Example: zsprogress report report.txt --lang zh -o report.html"""
    g = of(ctx)
    from ..page import page

    b = Batch(reports, jobs, sample_word=True, colour=g.colour)
    load_rules(patterns)
    opts = WorkOptions(patterns, g.layout, quiet, leader=leader, unit=unit)
    parts = list(b.rows("report", opts, debug))
    if parts:
        emit_text(page(parts, version=__version__, lang=lang.value if lang else _locale_lang()), output)
    b.exit()


@guard
def schema(
    ctx: typer.Context,
    name: Annotated[Optional[str], typer.Argument(
        metavar="|".join(ROW_KINDS), help=f"One of {', '.join(ROW_KINDS)}; none lists them.",
        show_default=False)] = None,
    debug: DebugOpt = False,
) -> None:
    """The JSON Schema of one kind of output row (the contract of the JSON, CSV and xlsx).

    Kinds: task (tasks), claim and skip (claims), completion (completion), finding (check),
    rule (rules), track (track), tally (tallies).

    Example: zsprogress schema completion"""
    import json

    from ..schema import ROWS, json_schema

    out = utf8(sys.stdout)
    if name is None:
        for n, model in ROWS.items():
            out.write(f"{n}\t{(model.__doc__ or '').strip().partition(chr(10))[0]}\n")
        return
    if name not in ROWS:
        raise CliError(f"unknown row kind {name!r} (known: {', '.join(ROWS)})")
    out.write(json.dumps(json_schema(name), ensure_ascii=False, indent=2) + "\n")


@guard
def shell_completion(
    ctx: typer.Context,
    shell: Annotated[Shell, typer.Argument(metavar="bash|zsh|fish|powershell", help="The shell.")],
    debug: DebugOpt = False,
) -> None:
    """Print the script that completes commands, options and files in SHELL.

    Example: zsprogress shell-completion bash >> ~/.bashrc"""
    from typer.completion import get_completion_script  # public re-export of typer's own scripts

    utf8(sys.stdout).write(get_completion_script(prog_name="zsprogress", complete_var=COMPLETE_VAR,
                                                 shell=shell.value).rstrip("\n") + "\n")

