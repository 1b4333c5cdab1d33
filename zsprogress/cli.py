"""The zsprogress command line: thin commands over :mod:`zsprogress.api`.

Conventions (README "Command line" and "Exit codes"):

- only data on stdout; diagnostics, warnings and the claims summary on stderr;
- ``--format auto`` is a table on a terminal and JSON when stdout is piped (or, with ``-o FILE``,
  the format named by the file's extension, JSON otherwise);
- exit 0 ok, 1 ``check`` findings that fail or a batch where some report could not be read,
  2 bad argument / unreadable report / invalid pattern file, 70 internal error (a bug),
  130 interrupted;
- one error boundary (:func:`_guard`): a :class:`ZsprogressError` becomes one ``error:`` line on
  stderr and exit 2; ``--debug`` re-raises it with its traceback.

Imports are lazy: the models, the rule engine and Rich load inside the commands that need them,
so ``zsprogress --help`` loads neither, and a JSON run never loads Rich. The annotations are
objects, not strings (no ``from __future__ import annotations``): Typer reads the signature of
every command on each run, and string annotations would be compiled and evaluated each time.
"""

import dataclasses
import functools
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional, TextIO

import typer

from . import __version__
from .errors import ZsprogressError
from .vocab import CLAIM_KINDS, DEFAULT_FAIL_ON, STATUSES

if TYPE_CHECKING:  # pragma: no cover
    from .models import Report

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 70
TABLE_WIDTH = 160  # a table written to a file or pipe (-f table)

app = typer.Typer(
    name="zsprogress",
    help="Turn Chinese government work-report progress reports (政府工作报告重点工作完成情况) "
         "into verifiable records: tasks, claims, completion of each target, findings for CI, "
         "releases tracked across a year, and a report page.",
    no_args_is_help=True,
    add_completion=False,  # `zsprogress shell-completion SHELL` prints the script (`completion` is a table)
    rich_markup_mode=None,  # plain help: no Rich import for --help or errors
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# ---------------------------------------------------------------------------------------------
# the shared options, defined once


class Format(str, Enum):
    auto = "auto"
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"


class ShowFormat(str, Enum):
    """The formats of ``show`` (one task: a table or JSON)."""

    auto = "auto"
    table = "table"
    json = "json"


FormatOpt = Annotated[Format, typer.Option(
    "--format", "-f", case_sensitive=False, metavar="auto|table|json|jsonl|csv|xlsx",
    help="auto = table on a terminal, JSON when piped (with -o: from the file extension: "
         ".csv, .jsonl, .xlsx, otherwise JSON).")]
OutputOpt = Annotated[Optional[Path], typer.Option(
    "--output", "-o", dir_okay=False, metavar="FILE", help="Write the rows to FILE instead of stdout.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show the traceback of an error.")]
BomOpt = Annotated[Optional[bool], typer.Option(
    "--bom/--no-bom", show_default=False,
    help="CSV: begin with a UTF-8 byte order mark, which Excel needs to read Chinese. "
         "Default: with -o FILE.csv yes, on stdout no.")]
PatternsOpt = Annotated[Optional[Path], typer.Option(
    "--patterns", envvar="ZSPROGRESS_PATTERNS", file_okay=False, metavar="DIR",
    help="Rules directory (patterns/*.toml) instead of the bundled one.")]
ReportsArg = Annotated[Optional[list[str]], typer.Argument(
    metavar="REPORT|-",
    help="Report files (text in UTF-8, GB18030, UTF-16; HTML, DOCX, XLSX/XLS, PDF) or directories (their "
         "*.txt, *.html, *.docx, *.xlsx, *.xls, *.pdf ... files); "
         "'-' reads stdin; 'sample' = the bundled sample; none = stdin when it is piped or "
         "redirected from a file, the bundled sample on a terminal (or </dev/null).",
    show_default=False)]
JobsOpt = Annotated[int, typer.Option(
    "--jobs", "-j", min=1, metavar="N",
    help="Worker processes for several reports; the output keeps the input order.")]
LeaderOpt = Annotated[Optional[str], typer.Option(
    "--leader", metavar="NAME", help="Only tasks of this leader (part of the name or the section heading).")]
UnitOpt = Annotated[Optional[str], typer.Option(
    "--unit", metavar="NAME", help="Only tasks with a lead unit containing this name (e.g. 财政局).")]
AllowUnrelatedOpt = Annotated[bool, typer.Option(
    "--allow-unrelated", help="Track reports of other programmes (another year or place, tasks that do "
                              "not match) as series of their own instead of refusing them.")]
QuietOpt = Annotated[bool, typer.Option(
    "--quiet", "-q", help="No warnings about the reports' structure and no summary line on stderr.")]

_CSV = {"raw": False}  # set by --csv-raw (its callback): read by _write


def _set_csv_raw(value: bool) -> bool:
    _CSV["raw"] = bool(value)
    return value


CsvRawOpt = Annotated[bool, typer.Option(
    "--csv-raw", envvar="ZSPROGRESS_CSV_RAW", callback=_set_csv_raw,
    help="CSV: write text cells as they are. By default a cell starting with = + - @ (or tab, CR) "
         "gets a ' in front, so a spreadsheet shows it instead of running it as a formula.")]


# the row kinds of `zsprogress schema` (schema.ROWS, named here so --help imports no model)
ROW_KINDS = ("task", "claim", "skip", "completion", "finding", "rule", "track", "tally")


def _plain_argument_help() -> None:
    """Typer prints an argument's Python type after its name (``REPORT|- <list[str]>``); the
    metavar and the help say what to give, so the type is left out."""
    from typer.core import TyperArgument

    TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]


_plain_argument_help()


class CliError(ZsprogressError):
    """A bad argument found by a command (exit 2, one line)."""


def _version(value: bool) -> None:
    if value:
        typer.echo(f"zsprogress {__version__}")
        raise typer.Exit()


_NO_COLOUR = False  # --no-color of this run
_LAYOUT: Optional[str] = None  # --layout of this run (or $ZSPROGRESS_LAYOUT)


def _colour() -> bool:
    """Colour and text styles on a terminal: not with --no-color or NO_COLOR (https://no-color.org)."""
    return not (_NO_COLOUR or os.environ.get("NO_COLOR"))


def _colour_system() -> Any:
    """Rich's colour system: None (no colour, no bold, no dim) when colour is off. Rich itself,
    under NO_COLOR, drops the colours but keeps bold and dim."""
    return "auto" if _colour() else None


@app.callback()
def _root(version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
          no_color: Annotated[bool, typer.Option(
              "--no-color", help="No colour, bold or dim in tables and messages (as NO_COLOR=1 does).")] = False,
          layout: Annotated[Optional[str], typer.Option(
              "--layout", metavar="NAME", envvar="ZSPROGRESS_LAYOUT",
              help="Read every report by this layout family only (pipe, marked, cells, labels, records, tabs, "
                   "columns, spaces, list, status) instead of the best-scored reading.")] = None,
          ) -> None:
    """zsprogress: tasks, claims and rules of progress reports.

    Example: zsprogress completion report.txt --status behind"""
    global _NO_COLOUR
    _NO_COLOUR = no_color
    if layout is not None:
        from .segment import layouts

        if layout not in layouts():
            raise typer.BadParameter(f"unknown layout {layout!r}: one of {', '.join(layouts())}",
                                     param_hint="'--layout'")
    global _LAYOUT
    _LAYOUT = layout      # every report of this run (batch workers are forked: they have it too)


# ---------------------------------------------------------------------------------------------
# the error boundary

_PASS_THROUGH: tuple[type[BaseException], ...] = (typer.Exit, typer.Abort) + tuple(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


def _fail(message: str, code: int) -> None:
    """One line on stderr (red on a terminal, unless NO_COLOR is set), then exit ``code``."""
    from .escape import visible

    line = visible(" ".join(message.split()))  # a file name or report text cannot drive the terminal
    typer.secho(line, err=True, fg="red" if _colour() else None)
    raise typer.Exit(code)


def _guard(fn: Callable) -> Callable:
    """The one error boundary: library errors -> one red line and exit 2 (``--debug`` re-raises);
    a closed pipe -> quiet exit 0; anything else -> one line and exit 70."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        debug = bool(kwargs.get("debug"))
        try:
            if kwargs.get("output") is not None:  # -o naming a report: refused before it is read
                from .output import refuse_inputs

                refuse_inputs(kwargs["output"], [*(kwargs.get("reports") or []), kwargs.get("report"),
                                                 *(kwargs.get("against") or [])])
            out = fn(*args, **kwargs)
            sys.stdout.flush()
            return out
        except _PASS_THROUGH:
            raise
        except BrokenPipeError:
            # `zsprogress tasks | head`: the reader is gone; stop quietly, no traceback at exit
            _silence_stdout()
            raise typer.Exit(EXIT_OK) from None
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except ZsprogressError as e:
            if debug:
                raise
            _fail(f"error: {e}", EXIT_ERROR)
        except Exception as e:  # a bug: say so in one line, the traceback is behind --debug
            if debug:
                raise
            _fail(f"internal error: {type(e).__name__}: {e}; rerun with --debug", EXIT_INTERNAL)

    return run


def _visible(text: str) -> str:
    from .escape import visible

    return visible(text)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests): nothing to flush
        pass


def command(*args: Any, **kwargs: Any) -> Callable:
    """``@app.command`` behind the error boundary."""
    return lambda fn: app.command(*args, **kwargs)(_guard(fn))


# ---------------------------------------------------------------------------------------------
# output


def _resolve_format(fmt: Enum, output: Optional[Path]) -> str:
    kind = _format_of(fmt, output)
    if kind == "xlsx":  # the optional writer, asked for before any report is read
        import importlib.util

        if importlib.util.find_spec("xlsxwriter") is None:
            raise CliError("xlsx output needs xlsxwriter: pip install 'zsprogress[xlsx]'")
    return kind


def _format_of(fmt: Enum, output: Optional[Path]) -> str:
    if fmt.value != "auto":
        return str(fmt.value)
    if output is not None:  # README: the format named by the extension, JSON otherwise
        return {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".xlsx": "xlsx"}.get(
            output.suffix.lower(), "json")
    return "table" if sys.stdout.isatty() else "json"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _emit(rows: Iterable[Any], fmt: Format, output: Optional[Path], table: str,
          title: Optional[str] = None, row_kinds: tuple[str, ...] = (), bom: Optional[bool] = None) -> None:
    """Rows to stdout or FILE: a Rich table (``render.<table>``), json/jsonl/csv or an xlsx
    workbook; ``row_kinds`` name the row models (:mod:`zsprogress.schema`) that give the CSV
    and xlsx columns."""
    kind = _resolve_format(fmt, output)
    bom = _bom(bom, kind, output)
    columns = None
    if row_kinds and kind in ("csv", "xlsx"):
        from .schema import columns as schema_columns

        columns = schema_columns(*row_kinds)
    if kind == "xlsx":
        return _emit_xlsx(rows, output, table, row_kinds, columns)
    if output is not None:  # a temporary file renamed over FILE at the end (output.atomic)
        from .output import atomic

        with atomic(output, encoding="utf-8-sig" if bom else "utf-8") as fh:
            _write(rows, kind, fh, table, title, columns)  # type: ignore[arg-type]
    else:
        out = _utf8(sys.stdout)
        if bom:
            from .export import BOM

            out.write(BOM)
        _write(rows, kind, out, table, title, columns)


def _bom(bom: Optional[bool], kind: str, output: Optional[Path]) -> bool:
    """Whether CSV begins with a byte order mark: ``--bom``/``--no-bom``, else for a file only."""
    if bom and kind != "csv":
        raise CliError(f"--bom is for CSV output, not {kind}")
    return kind == "csv" and (bom if bom is not None else output is not None)


def _streamed(fmt: Format, output: Optional[Path]) -> bool:
    """JSONL and CSV are written row by row: a single report's rows are then made a few tasks
    at a time as they are written, so memory stays flat on one large report."""
    return _resolve_format(fmt, output) in ("jsonl", "csv")
def _emit_xlsx(rows: Iterable[Any], output: Optional[Path], table: str, row_kinds: tuple[str, ...],
               columns: Optional[list[str]]) -> None:
    from .export import Sheet, write_xlsx
    from .schema import row_model

    if output is None and sys.stdout.isatty():
        raise CliError("-f xlsx writes a workbook: give -o FILE.xlsx or redirect stdout")
    name = row_kinds[0] if row_kinds else table.split("_")[0]
    sheets = [Sheet(name, rows, row_model(row_kinds[0]) if row_kinds else None, columns)]
    if output is None:  # a pipe or a redirect: the workbook's bytes
        import io

        buf = io.BytesIO()
        write_xlsx(buf, sheets)
        sys.stdout.buffer.write(buf.getvalue())
        return
    from .output import atomic_workbook

    atomic_workbook(output, lambda path: write_xlsx(path, sheets))


def _write(rows: Iterable[Any], kind: str, out: TextIO, table: str, title: Optional[str],
           columns: Optional[list[str]]) -> None:
    if kind == "table":
        from rich.console import Console

        from . import render

        # a terminal is measured by Rich; a file or pipe gets $COLUMNS or a width that fits the
        # claims table (Rich's default of 80 squeezes it to ellipses)
        width = None if out.isatty() else _table_width()
        # :name: in a report is text, not an emoji
        console = Console(file=out, width=width, emoji=False, color_system=_colour_system())
        console.print(getattr(render, table)(rows, title=title, width=console.width))
    else:
        from .export import write_rows

        write_rows(rows, kind, out, columns=columns, csv_raw=_CSV["raw"])  # type: ignore[arg-type]


def _table_width() -> int:
    """The width of a table written to a file or pipe: $COLUMNS, else ``TABLE_WIDTH``."""
    try:
        return max(20, int(os.environ.get("COLUMNS") or 0)) if os.environ.get("COLUMNS") else TABLE_WIDTH
    except ValueError:
        return TABLE_WIDTH


def _utf8(out: TextIO) -> TextIO:
    """Data is UTF-8 even where the locale says otherwise (a Windows pipe, LANG=C)."""
    enc = (getattr(out, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    if enc not in ("utf8", "utf8sig") and hasattr(out, "reconfigure") and not out.isatty():
        try:
            out.reconfigure(encoding="utf-8")
        except (ValueError, OSError):
            pass
    return out


def _warnings(report: "Report", selected: "Report") -> list[str]:
    """Warnings about the report's structure, only for what the command selected: a
    diagnostic of a section (or task) none of whose tasks were selected is not shown."""
    sections = {t.section for t in selected.tasks}
    ids = {t.id for t in selected.tasks}
    everything = len(selected.tasks) == len(report.tasks)
    return [f"warning: {report.source}: {d.message}" for d in report.diagnostics
            if everything or (d.section is None and d.task_id is None)
            or (d.section is not None and d.section in sections) or d.task_id in ids]


def _select(report: "Report", leader: Optional[str] = None, unit: Optional[str] = None,
            task_ids: Optional[list[str]] = None) -> "Report":
    tasks = [t for t in report.tasks
             if (not leader or leader in (t.leader or "") or leader in (t.section or ""))
             and (not unit or any(unit in u for u in t.lead_units))
             and (not task_ids or t.id in task_ids)]
    # a selection of tasks leaves out the lines above the table (they belong to no task)
    return report if len(tasks) == len(report.tasks) else report.model_copy(update={"tasks": tasks, "preamble": []})


def _rules(patterns: Optional[Path]):
    from .rules import default_rules
    from .segment import use_patterns

    use_patterns(patterns)  # the layout vocabulary (layout.toml) too; None = the default
    return default_rules(str(patterns) if patterns else None)


def _batch_rules(b: "Batch", patterns: Optional[Path]) -> None:
    """A batch loads the rules before its first report: an invalid rules directory fails once,
    not once per report, and ``--jobs`` workers inherit them. A single report has them loaded
    by its command's work after it is read (before any row), so segmenting a large report does
    not stack on the rules' memory (one 5 MB report: peak RSS 99.0 -> 94.4 MiB)."""
    if b.batch:
        _rules(patterns)


# ---------------------------------------------------------------------------------------------
# batch runs: several reports or directories, --jobs N, one error line per bad report
#
# A run is a *batch* when a directory is among the arguments: a report that cannot be read is
# one line `error: FILE: reason` on stderr, the others still run, and the exit code is 1 at the
# end (2 when no report could be read). Without a directory every report named must be
# readable: the reports are read before the first row is written, and a bad one is exit 2
# (one line, no rows), as for a single report. Rows come report by report in input order, so
# JSON/JSONL/CSV output is streamed and memory stays flat; with --jobs N the reports are
# processed by N worker processes, at most 2N ahead of the one being written.


@dataclasses.dataclass
class Outcome:
    """What one report gave a command: its rows (or findings), warnings, counts, or an error."""

    source: str
    rows: list = dataclasses.field(default_factory=list)
    warnings: list = dataclasses.field(default_factory=list)
    stats: dict = dataclasses.field(default_factory=dict)
    error: Optional[str] = None
    exc: Optional[BaseException] = None  # the library error behind ``error`` (re-raised outside a batch)


def _default_source() -> Optional[str]:
    """No report argument: ``'-'`` when stdin is piped or redirected from a file (read it, as
    jq and grep do; an empty pipe or file is then "the report is empty", never the sample),
    None (the bundled sample) when stdin is a terminal, /dev/null or another character device,
    closed, or an in-memory stream with nothing in it (a test runner's stdin)."""
    import stat

    stream = sys.stdin
    if stream is None:
        return None
    try:
        if stream.isatty():
            return None
        mode = os.fstat(stream.fileno()).st_mode
    except (OSError, ValueError, AttributeError):  # no file descriptor: an in-memory stream
        buf = getattr(stream, "buffer", stream)
        try:
            if not buf.seekable():
                return "-"
            pos = buf.tell()
            data = buf.read(1)
            buf.seek(pos)
        except (OSError, ValueError, AttributeError):
            return None
        return "-" if data else None
    return "-" if stat.S_ISFIFO(mode) or stat.S_ISREG(mode) or stat.S_ISSOCK(mode) else None


class Batch:
    """The reports of one command run and how they went (``failed``/``done`` counts)."""

    def __init__(self, sources: Optional[list[str]], jobs: int = 1, sample_word: bool = False):
        from .read import expand

        srcs: list[Optional[str]] = list(sources) if sources else [_default_source()]
        if sample_word:  # `sample` names the bundled report, unless a file of that name is here
            srcs = [None if s == "sample" and not Path(s).exists() else s for s in srcs]
        if srcs.count("-") > 1:
            raise CliError("'-' (stdin) can be given only once")
        # several reports, or a directory: a report that fails is reported and the rest run
        self.batch = len(srcs) > 1 or any(s not in (None, "-") and Path(s).is_dir() for s in srcs)
        self.items = expand(srcs)
        self.jobs = max(1, jobs)
        self.failed = 0
        self.done = 0

    def __len__(self) -> int:
        return len(self.items)

    def run(self, cmd: str, opts: dict, debug: bool = False) -> Iterator[Outcome]:
        """The outcomes of the readable reports, in input order; errors are reported on stderr
        (batch) or raised (not a batch)."""
        items = list(self.items)
        stdin_report = None
        if any(src == "-" for src, _ in items):  # stdin is read here, once, whatever the workers
            try:
                stdin_report = _api().parse_report("-", layout=_LAYOUT)
            except ZsprogressError as e:
                if not self.batch:
                    raise
                items = [(s, str(e)) if s == "-" else (s, err) for s, err in items]
        if not self.batch and len(items) > 1:
            from .read import read

            for src, _ in items:  # every report named must be readable before a row is written
                if src != "-":
                    read(src)
        catch = "all" if self.batch and not debug else "read"
        outs = _outcomes(cmd, items, opts, self.jobs, catch, stdin_report)
        with _progress(len(items)) as bar:
            for out in outs:
                bar.step()
                if out.error is not None:
                    if not self.batch:
                        raise out.exc if out.exc is not None else ZsprogressError(out.error)
                    self.failed += 1
                    bar.say(out.error, error=True)
                    continue
                self.done += 1
                for w in out.warnings:
                    bar.say(w)
                yield out

    def rows(self, cmd: str, opts: dict, debug: bool = False, count: Optional[dict] = None) -> Iterator[Any]:
        """The rows of each report, report after report. The first readable report is read
        before this returns, so a bad single report fails before the output file is opened,
        and a batch where nothing could be read writes nothing (not even ``[]``): exit 2. With
        ``opts["lazy"]`` a single report's rows are made as they are consumed."""
        import itertools

        # a single report's rows may be made as they are written (opts["lazy"], JSONL/CSV)
        outs = self.run(cmd, {**opts, "lazy": bool(opts.get("lazy")) and not self.batch}, debug)
        first = next(outs, None)
        if first is None:
            self.exit()
            return iter(())
        return _counted(itertools.chain([first], outs), count)

    def exit(self) -> None:
        """Exit 1 when some report of a batch failed, 2 when none could be read."""
        if self.failed:
            raise typer.Exit(EXIT_ERROR if not self.done else EXIT_FINDINGS)


def _counted(outs: Iterator[Outcome], totals: Optional[dict]) -> Iterator[Any]:
    """The rows of each outcome; its counts are added to ``totals`` once its rows are out."""
    for out in outs:
        yield from out.rows
        if totals is not None:
            for k, v in out.stats.items():
                totals[k] = totals.get(k, 0) + v


def _api():
    from . import api  # through the module, so a patched api.parse_report is the one called

    return api


def _outcomes(cmd: str, items: list, opts: dict, jobs: int, catch: str, stdin_report: Any) -> Iterator[Outcome]:
    def job(src: Optional[str]) -> Any:
        return stdin_report if src == "-" else src

    if jobs <= 1 or len(items) <= 1:
        for src, err in items:
            yield Outcome(str(src), error=err) if err else work(cmd, job(src), opts, catch)
        return
    from .batch import WorkerDied, input_size, ordered_map

    # the workers are started once and fed chunks of reports; one that dies fails its report only
    todo = [(src, err) for src, err in items]
    runs = [i for i, (_, err) in enumerate(todo) if not err]
    done = ordered_map(work, [(cmd, job(todo[i][0]), opts, catch) for i in runs], jobs,
                       [input_size(todo[i][0]) for i in runs])
    for src, err in todo:
        if err:
            yield Outcome(str(src), error=err)
            continue
        out = next(done)
        if isinstance(out, WorkerDied):
            name = "<sample>" if src is None else str(src)
            out = Outcome(name, error=f"{name}: {out.reason()}")
        yield out


class _progress:
    """A Rich progress bar on stderr while several reports run and stderr is a terminal; gives
    a ``say(line)`` that prints above the bar (or plainly without one)."""

    def __init__(self, total: int):
        self.total = total
        self.bar: Optional[Any] = None

    def __enter__(self) -> "_progress":
        if self.total > 1 and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            # refreshed at each report, not by Rich's refresh thread: the worker processes of
            # --jobs are forked while the bar is up, and a fork from a process with threads may
            # leave a lock (of stderr, say) held for good in the child
            self.bar = Progress(TextColumn("reports"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                console=Console(stderr=True, emoji=False, color_system=_colour_system()),
                                transient=True, auto_refresh=False)
            self.bar.start()
            self.task = self.bar.add_task("reports", total=self.total)
        return self

    def say(self, line: str, error: bool = False) -> None:
        from .escape import visible

        if error:
            line = "error: " + " ".join(line.split())
        line = visible(line)  # warnings and errors quote the report and its file name
        if self.bar is not None:
            self.bar.console.print(line, style="red" if error and _colour() else None,
                                   markup=False, highlight=False)
        else:
            typer.secho(line, err=True, fg="red" if error and _colour() else None)

    def step(self) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)
            self.bar.refresh()

    def __exit__(self, *exc: Any) -> None:
        if self.bar is not None:
            self.bar.stop()


def work(cmd: str, src: Any, opts: dict, catch: str = "read") -> Outcome:
    """One report through one command (runs in a worker process with --jobs): ``src`` is a path,
    None (the sample) or an already parsed Report (stdin). ``catch`` is ``read`` (library errors
    become ``Outcome.error``) or ``all`` (any error does: a batch goes on)."""
    name = "<sample>" if src is None else getattr(src, "source", None) or str(src)
    try:
        if opts.get("patterns"):  # a worker process: the layout vocabulary of --patterns
            from .segment import use_patterns

            use_patterns(opts["patterns"])
        report = src if hasattr(src, "tasks") else _api().parse_report(src, layout=_LAYOUT)
        out = _WORK[cmd](report, opts)
        if cmd != "check" and not opts.get("quiet"):
            selected = _select(report, opts.get("leader"), opts.get("unit"), opts.get("task"))
            out.warnings = _warnings(report, selected)
        return out
    except ZsprogressError as e:
        return Outcome(name, error=_named(str(e), name), exc=e)
    except Exception as e:  # noqa: BLE001 - a bug in one report of a batch does not stop the batch
        if catch != "all":
            raise
        return Outcome(name, error=f"{name}: internal error: {type(e).__name__}: {e}")


def _named(msg: str, name: str) -> str:
    return msg if msg.startswith(name) else f"{name}: {msg}"


def _work_tasks(r: "Report", o: dict) -> Outcome:
    from .completion_status import stated_status  # status words only: no claims are extracted for `tasks`

    rules = _rules(o.get("patterns"))

    def rows() -> Iterator[dict]:
        for t in _select(r, o.get("leader"), o.get("unit")).tasks:
            if not t.stated_status:
                t = t.model_copy(update={"stated_status": stated_status(t, None, rules)})
            yield {**t.model_dump(mode="json"), "source": r.source}

    return Outcome(r.source, rows=rows() if o.get("lazy") else list(rows()))  # type: ignore[arg-type]


def _work_tallies(r: "Report", o: dict) -> Outcome:
    from .tally import report_tallies

    return Outcome(r.source, rows=[{**t.model_dump(mode="json"), "source": r.source}
                                   for t in report_tallies(r, _rules(o.get("patterns")))])


def _work_claims(r: "Report", o: dict) -> Outcome:
    from .api import claim_chunks

    report = _select(r, o.get("leader"), task_ids=o.get("task"))
    order = {t.id: i for i, t in enumerate(report.tasks)}

    def key(x: Any) -> tuple:
        return (order.get(x.task_id, -1), _FIELD_ORDER.get(x.field, 99), x.start, x.end)

    kinds = o.get("kind")
    out = Outcome(r.source, stats={"claims": 0, "skips": 0, "digits": 0})
    rules = _rules(o.get("patterns"))  # here, not in rows(): a bad rule file fails before any row

    def rows() -> Iterator[dict]:
        for _part, cs in claim_chunks(report, rules):  # a few tasks at a time
            chunk = [(key(c), {**c.model_dump(mode="json"), "source": report.source})
                     for c in cs.claims if not kinds or c.kind in kinds]
            out.stats["claims"] += len(chunk)
            if o.get("explain"):
                chunk += [(key(s), _skip_row(s, report.source)) for s in cs.skips]
            chunk.sort(key=lambda kr: kr[0])
            out.stats["skips"] += len(cs.skips)
            out.stats["digits"] += cs.unexplained_digits
            yield from (x for _, x in chunk)

    out.rows = rows() if o.get("lazy") else list(rows())  # type: ignore[assignment]
    return out


def _work_completion(r: "Report", o: dict) -> Outcome:
    from .api import claim_chunks, completion_table

    rules = _rules(o.get("patterns"))
    r = _select(r, o.get("leader"), o.get("unit"))
    status, below = o.get("status"), o.get("below")

    def rows() -> Iterator[tuple[dict, Optional[float]]]:
        for row in (x for part, cs in claim_chunks(r, rules) for x in completion_table(part, cs, rules)):
            rate = row.computed_rate if row.computed_rate is not None else row.stated_rate
            if status and row.status not in status:
                continue
            if below is not None and (rate is None or rate >= below):
                continue
            yield {**row.model_dump(mode="json"), "source": r.source}, rate

    return Outcome(r.source, rows=rows() if o.get("lazy") else list(rows()))  # type: ignore[arg-type]


def _work_check(r: "Report", o: dict) -> Outcome:
    from .api import completion_table, extract_claims
    from .check import findings

    rules = _rules(o.get("patterns"))
    cs = extract_claims(r, rules)
    return Outcome(r.source, rows=findings(r, cs, completion_table(r, cs, rules)))


def _work_track(r: "Report", o: dict) -> Outcome:
    from .api import completion_table

    return Outcome(r.source, rows=[(r, completion_table(r, rules=_rules(o.get("patterns"))))])


def _work_report(r: "Report", o: dict) -> Outcome:
    from .api import completion_table, extract_claims
    from .report import Part

    rules = _rules(o.get("patterns"))
    r = _select(r, o.get("leader"), o.get("unit"))
    cs = extract_claims(r, rules)
    return Outcome(r.source, rows=[Part(r, cs, completion_table(r, cs, rules))])


_WORK = {"tasks": _work_tasks, "tallies": _work_tallies, "claims": _work_claims, "completion": _work_completion, "check": _work_check,
         "report": _work_report, "track": _work_track}


# ---------------------------------------------------------------------------------------------
# commands


@command()
def tasks(
    reports: ReportsArg = None,
    leader: LeaderOpt = None,
    unit: UnitOpt = None,
    fmt: FormatOpt = Format.auto, output: OutputOpt = None, bom: BomOpt = None, debug: DebugOpt = False,
    csv_raw: CsvRawOpt = False,
    jobs: JobsOpt = 1, patterns: PatternsOpt = None, quiet: QuietOpt = False,
) -> None:
    """The tasks of one or more reports: id, leader, lead units, content, progress text.

    Example: zsprogress tasks report.txt --leader 毛江平"""
    from .segment import use_patterns

    use_patterns(patterns)  # layout.toml of --patterns DIR, or the default
    b = Batch(reports, jobs, sample_word=True)
    opts = {"leader": leader, "unit": unit, "patterns": patterns, "quiet": quiet, "lazy": _streamed(fmt, output)}
    _resolve_format(fmt, output)  # a missing xlsx writer is said before any report is read
    _emit(b.rows("tasks", opts, debug), fmt, output, "tasks_table", row_kinds=("task",), bom=bom)
    b.exit()


@command()
def tallies(
    reports: ReportsArg = None,
    fmt: FormatOpt = Format.auto, output: OutputOpt = None, bom: BomOpt = None, debug: DebugOpt = False,
    csv_raw: CsvRawOpt = False,
    jobs: JobsOpt = 1, patterns: PatternsOpt = None, quiet: QuietOpt = False,
) -> None:
    """The counts of tasks a report states about itself (124项达到序时进度要求): count, of how many, status.

    Example: zsprogress tallies report.txt -f csv -o tallies.csv"""
    b = Batch(reports, jobs, sample_word=True)
    _resolve_format(fmt, output)  # a missing xlsx writer is said before any report is read
    _emit(b.rows("tallies", {"patterns": patterns, "quiet": quiet}, debug), fmt, output, "tallies_table",
          row_kinds=("tally",), bom=bom)
    b.exit()


@command()
def claims(
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
    bad = sorted(set(kind or ()) - set(CLAIM_KINDS))
    if bad:
        raise CliError(f"unknown claim kind {', '.join(bad)} (expected one of {', '.join(CLAIM_KINDS)})")
    if text is not None and reports:
        raise CliError("--text scans a phrase: give either --text or REPORT, not both")
    row_kinds = ("claim", "skip") if explain else ("claim",)
    if text is not None:
        found = _scan_text(text, patterns)
        cl = [(key, c) for key, c in found["claims"] if not kind or c["kind"] in kind]
        rows = cl + (found["skips"] if explain else [])
        rows.sort(key=lambda kr: kr[0])
        if not quiet:
            _summary(len(cl), len(found["skips"]), found["digits"])
        return _emit((r for _, r in rows), fmt, output, "claims_table", row_kinds=row_kinds, bom=bom)
    b = Batch(reports, jobs, sample_word=True)
    opts = {"kind": kind, "task": [_task_id(t) for t in task] if task else None, "leader": leader,
            "explain": explain, "patterns": patterns, "quiet": quiet, "lazy": _streamed(fmt, output)}
    _batch_rules(b, patterns)
    totals = {"claims": 0, "skips": 0, "digits": 0}
    _emit(b.rows("claims", opts, debug, count=totals), fmt, output, "claims_table", row_kinds=row_kinds, bom=bom)
    if not quiet:
        _summary(totals["claims"], totals["skips"], totals["digits"])
    b.exit()


def _task_id(text: str) -> str:
    """A task id as given: 'T2.1', 'L12', 't2.1', or the old form without the letter, '2.1'."""
    return text[:1].upper() + text[1:] if text[:1] in "TLtl" else "T" + text


def _summary(claims: int, skips: int, digits: int) -> None:
    typer.echo(f"{_plural(claims, 'claim')}, {_plural(skips, 'skip')}, "
               f"{_plural(digits, 'digit')} unexplained", err=True)

_FIELD_ORDER = {f: i for i, f in enumerate(("content", "target", "progress", "status", "problems",
                                            "next_steps", "text"))}


def _skip_row(s: Any, source: str) -> dict:
    return {"kind": "skip", **s.model_dump(mode="json"), "source": source}


def _scan_text(text: str, patterns: Optional[Path]) -> dict:
    from .extract import extract_text

    if not text.strip():
        raise CliError("--text is empty")
    fr = extract_text(text, _rules(patterns))
    key = lambda x: (0, 0, x.start, x.end)  # noqa: E731
    digits = sum(sum(ch.isdigit() for ch in u[2]) for u in fr.unexplained)
    return {"claims": [(key(c), {**c.model_dump(mode="json"), "source": "<text>"}) for c in fr.claims],
            "skips": [(key(s), _skip_row(s, "<text>")) for s in fr.skips], "digits": digits}


@command()
def rules(
    rule_id: Annotated[Optional[str], typer.Argument(
        metavar="ID", help="Explain one rule, e.g. CMP001.", show_default=False)] = None,
    fmt: FormatOpt = Format.auto, output: OutputOpt = None, bom: BomOpt = None, debug: DebugOpt = False,
    csv_raw: CsvRawOpt = False,
    patterns: PatternsOpt = None,
) -> None:
    """The rule catalogue (id, kind, name, summary), or one rule with its regex and examples.

    Example: zsprogress rules CMP001"""
    rs = _rules(patterns)
    if rule_id is None:
        rows = ({"id": lr.rule.id, "kind": lr.rule.kind or lr.family.rstrip("s"), "name": lr.rule.name,
                 "summary": lr.rule.summary, "family": lr.family, "file": lr.file} for lr in rs.rules)
        return _emit(sorted(rows, key=lambda r: r["id"]), fmt, output, "rules_table", row_kinds=("rule",), bom=bom)
    lr = _find_rule(rs, rule_id)
    if _resolve_format(fmt, output) in ("auto", "table"):
        from .render import rule_text

        return _emit_text(rule_text(lr), output)
    row = {**lr.rule.as_dict(), "family": lr.family, "file": lr.file}
    _emit([row], fmt, output, "rules_table", bom=bom)


def _find_rule(rs: Any, rule_id: str) -> Any:
    try:
        return rs.get(rule_id.strip().upper())
    except KeyError:
        import difflib

        ids = [lr.rule.id for lr in rs.rules]
        near = difflib.get_close_matches(rule_id.upper(), ids, n=3)
        hint = f"; did you mean {', '.join(near)}?" if near else "; `zsprogress rules` lists them"
        raise CliError(f"unknown rule id {rule_id!r}{hint}") from None


def _emit_text(text: str, output: Optional[Path]) -> None:
    if output is None:
        _utf8(sys.stdout).write(text)
        return
    from .output import atomic

    with atomic(output) as fh:
        fh.write(text)


Status = Enum("Status", [(s, s) for s in STATUSES], type=str)  # type: ignore[misc]  # from the models


class Sort(str, Enum):
    seq = "seq"
    rate = "rate"



@command()
def completion(
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
    b = Batch(reports, jobs, sample_word=True)
    opts = {"leader": leader, "unit": unit, "status": {x.value for x in status} if status else None,
            "below": below, "patterns": patterns, "quiet": quiet,
            "lazy": sort is Sort.seq and _streamed(fmt, output)}
    _batch_rules(b, patterns)
    rows: Iterable[tuple[dict, Optional[float]]] = b.rows("completion", opts, debug)
    if sort is Sort.rate:
        rows = sorted(rows, key=lambda x: (x[1] is None, x[1] if x[1] is not None else 0))
    _emit((x[0] for x in rows), fmt, output, "completion_tables", row_kinds=("completion",), bom=bom)
    b.exit()


@command()
def show(
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
    from .api import completion_table, extract_claims

    (r,) = _reports_quiet(["sample" if report == "sample" else report])
    tid = _task_id(task)
    matches = [t for t in r.tasks if t.id == tid] or [t for t in r.tasks if str(t.seq) == task]
    if len(matches) != 1:
        hint = f"{len(matches)} tasks have seq {task}; give the id" if matches else "`zsprogress tasks` lists the ids"
        raise CliError(f"{r.source}: no single task {task!r}: {hint}")
    one = r.model_copy(update={"tasks": matches, "preamble": []})
    rules = _rules(patterns)
    cs = extract_claims(one, rules)
    rows = completion_table(one, cs, rules)
    kind = _resolve_format(fmt, output)
    if kind != "table":
        doc = {"task": matches[0].model_dump(mode="json"), "claims": [c.model_dump(mode="json") for c in cs.claims],
               "skips": [s.model_dump(mode="json") for s in cs.skips],
               "completion": [x.model_dump(mode="json") for x in rows], "source": r.source}
        return _emit([doc], Format.json, output, "tasks_table")
    import contextlib

    from rich.console import Console

    from .output import atomic
    from .render import show_task

    with atomic(output) if output else contextlib.nullcontext(_utf8(sys.stdout)) as out:
        console = Console(file=out, width=None if out.isatty() else _table_width(), emoji=False,
                          color_system=_colour_system())
        console.print(show_task(matches[0], cs.claims, cs.skips, rows, width=console.width))


class Lang(str, Enum):
    en = "en"
    zh = "zh"


def _locale_lang() -> str:
    """zh when the locale is Chinese (LC_ALL, LC_MESSAGES or LANG, the first set, starts with zh)."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


@command()
def report(
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
    from .report import page

    b = Batch(reports, jobs, sample_word=True)
    _rules(patterns)
    parts = list(b.rows("report", {"leader": leader, "unit": unit, "patterns": patterns, "quiet": quiet}, debug))
    if parts:
        _emit_text(page(parts, version=__version__, lang=lang.value if lang else _locale_lang()), output)
    b.exit()


@command()
def schema(
    name: Annotated[Optional[str], typer.Argument(
        metavar="|".join(ROW_KINDS), help=f"One of {', '.join(ROW_KINDS)}; none lists them.",
        show_default=False)] = None,
    debug: DebugOpt = False,
) -> None:
    """The JSON Schema of one kind of output row (the contract of the JSON, CSV and xlsx).

    Kinds: task (tasks), claim and skip (claims), completion (completion), finding (check),
    rule (rules), track (track), tally (tallies).

    Example: zsprogress schema completion"""
    import json as _json

    from .schema import ROWS, json_schema

    out = _utf8(sys.stdout)
    if name is None:
        for n, model in ROWS.items():
            out.write(f"{n}\t{(model.__doc__ or '').strip().partition(chr(10))[0]}\n")
        return
    if name not in ROWS:
        raise CliError(f"unknown row kind {name!r} (known: {', '.join(ROWS)})")
    out.write(_json.dumps(json_schema(name), ensure_ascii=False, indent=2) + "\n")


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


@command()
def check(
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

    from .check import AGAINST_FAIL_ON, CODES, failures

    if fail_on is None:
        codes = list(DEFAULT_FAIL_ON) + (list(AGAINST_FAIL_ON) if against else [])
    elif fail_on.strip() == "all":
        codes = list(CODES)
    elif fail_on.strip() == "none":
        codes = []
    else:
        codes = [c.strip() for c in fail_on.split(",") if c.strip()]
        bad = sorted(set(codes) - set(CODES))
        if bad:
            raise CliError(f"unknown finding code {', '.join(bad)} (known: {', '.join(CODES)})")
    _rules(patterns)
    b = Batch(reports, jobs, sample_word=True)
    found = list(b.rows("check", {"patterns": patterns}, debug))
    if against:
        found += _against(reports, against, patterns, jobs, debug, allow_unrelated, quiet)
    failing = failures(found, codes)
    shown = [f for f in found if f.code in codes] if quiet and fmt is not CheckFormat.json else found
    import contextlib

    from .output import atomic

    with atomic(output) if output else contextlib.nullcontext(_utf8(sys.stdout)) as out:
        _check_out(out, fmt, found, shown, codes, failing, quiet)
    b.exit()
    if failing:
        raise typer.Exit(EXIT_FINDINGS)


def _check_out(out: Any, fmt: "CheckFormat", found: list, shown: list, codes: list, failing: list,
               quiet: bool) -> None:
    import json as _json

    from .check import github_line

    if fmt is CheckFormat.json:
        out.write(_json.dumps([{**f.model_dump(mode="json"), "fails": f.code in codes} for f in found],
                              ensure_ascii=False, indent=1) + "\n")
    elif fmt is CheckFormat.github:
        for f in shown:
            out.write(github_line(f, f.code in codes) + "\n")
    else:
        from .escape import visible

        for f in shown:
            out.write(visible(f"{'FAIL' if f.code in codes else 'note'} {f.source}"
                              f"{':' + str(f.line) if f.line else ''} [{f.code}] {f.message}") + "\n")
        if not quiet:
            out.write(f"{_plural(len(found), 'finding')}, {len(failing)} failing\n")


def _against(reports: Optional[list[str]], against: list[str], patterns: Optional[Path], jobs: int, debug: bool,
             allow_unrelated: bool = False, quiet: bool = False) -> list:
    """Findings of each NEW report tracked after the OLD releases (``check --against``).
    Refused (exit 2): a NEW of another programme than OLD (unless ``allow_unrelated``), a NEW of
    the same period as an OLD or the same file, and a NEW earlier than an OLD."""
    from .check import track_findings
    from .track import period_key, release_name
    from .track import track as track_series

    olds, b_old = _releases(against, patterns, jobs, debug)
    news, b_new = _releases(reports, patterns, jobs, debug)
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
            typer.echo(_visible(f"note: {note}"), err=True)
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


def _releases(sources: Optional[list[str]], patterns: Optional[Path], jobs: int, debug: bool,
              quiet: bool = False) -> tuple[list, Batch]:
    """(report, completion rows) of each readable report, and the batch (for its exit code)."""
    b = Batch(sources, jobs, sample_word=True)
    return [row for out in b.run("track", {"patterns": patterns, "quiet": quiet}, debug) for row in out.rows], b


class Order(str, Enum):
    period = "period"
    given = "given"


@command()
def track(
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
    from .track import FLAGS
    from .track import track as track_series

    bad = sorted(set(flag or ()) - set(FLAGS))
    if bad:
        raise CliError(f"unknown flag {', '.join(bad)} (expected one of {', '.join(FLAGS)})")
    _rules(patterns)
    _resolve_format(fmt, output)  # a missing xlsx writer is said before any report is read
    releases, b = _releases(reports, patterns, jobs, debug, quiet)
    if not releases:  # nothing could be read: no rows at all, exit 2
        b.exit()
    tr = track_series(releases, order.value)
    _refuse(tr, allow_unrelated)
    for line in tr.backwards:  # the order was asked for: said even with -q
        typer.echo(f"warning: {line}", err=True)
    if not quiet:
        typer.echo(_visible(tr.order), err=True)
        for note in tr.notes:
            typer.echo(_visible(f"note: {note}"), err=True)
    keep: set = set()  # whole targets (every release) where one row passes the filters
    for r in tr.rows:
        if ((not leader or leader in (r.leader or "")) and (not unit or any(unit in u for u in r.lead_units))
                and (not flag or set(flag) & set(r.flags))):
            keep.add((r.series, r.task_key, r.target_key))
    rows = [r.model_dump(mode="json") for r in tr.rows if (r.series, r.task_key, r.target_key) in keep]
    _emit(rows, fmt, output, "track_tables", row_kinds=("track",), bom=bom)
    b.exit()


COMPLETE_VAR = "_ZSPROGRESS_COMPLETE"


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"
    powershell = "powershell"


@command("shell-completion")
def shell_completion(
    shell: Annotated[Shell, typer.Argument(metavar="bash|zsh|fish|powershell", help="The shell.")],
    debug: DebugOpt = False,
) -> None:
    """Print the script that completes commands, options and files in SHELL.

    Example: zsprogress shell-completion bash >> ~/.bashrc"""
    from typer._completion_shared import get_completion_script

    _utf8(sys.stdout).write(get_completion_script(prog_name="zsprogress", complete_var=COMPLETE_VAR,
                                                  shell=shell.value).rstrip("\n") + "\n")


def _reports_quiet(sources: list[str]) -> list["Report"]:
    """Reports without printing their diagnostics (``show`` and ``check`` report them their own way)."""
    from .api import parse_report

    if sources.count("-") > 1:
        raise CliError("'-' (stdin) can be given only once")
    return [parse_report(None if s == "sample" else s, layout=_LAYOUT) for s in sources]


def main(argv: Optional[list[str]] = None, prog_name: str = "zsprogress") -> None:
    """The console script: the app, with click's usage errors (``-f bogus``, a missing
    argument) as one ``error:`` line and exit 2, like every other bad argument."""
    usage_error: Any = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")
    if COMPLETE_VAR in os.environ:  # the shell asks for completions (`zsprogress shell-completion`)
        from typer.completion import completion_init

        completion_init()
    try:
        code = app(args=argv, prog_name=prog_name, standalone_mode=False)
    except usage_error as e:
        if type(e).__name__ == "NoArgsIsHelpError":  # `zsprogress` alone: the help, as asked
            typer.echo(e.format_message().rstrip())
            sys.exit(EXIT_OK)
        cmd = e.ctx.command_path if e.ctx is not None else prog_name
        msg = _visible(" ".join(e.format_message().replace("Value error, ", "").split()))
        typer.secho(f"error: {msg} (see `{cmd} --help`)", err=True,
                    fg="red" if _colour() else None)
        sys.exit(EXIT_ERROR)
    except (typer.Abort, KeyboardInterrupt):
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


if __name__ == "__main__":  # pragma: no cover
    main()
