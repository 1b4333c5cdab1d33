"""The options of the command line, defined once: the global options of a run (a frozen
:class:`Globals`), the choices (enums) and the ``Annotated`` options the commands share.

No model is imported here: ``--help`` loads none. The annotations are objects, not strings:
Typer reads the signature of every command on each run.
"""

import dataclasses
import os
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..vocab import CLAIM_KINDS, STATUSES

__all__ = ["CLAIM_KINDS", "STATUSES"]  # re-exported: the commands' help and the contracts test


@dataclasses.dataclass(frozen=True)
class Globals:
    """The options given before the command (``zsprogress --no-color --layout pipe tasks``):
    the root callback makes one and keeps it in the click context (``ctx.obj``)."""

    no_colour: bool = False     # --no-color
    layout: Optional[str] = None  # --layout NAME (or $ZSPROGRESS_LAYOUT): every report of the run

    @property
    def colour(self) -> bool:
        """Colour and text styles on a terminal: not with --no-color or NO_COLOR (https://no-color.org)."""
        return not (self.no_colour or os.environ.get("NO_COLOR"))


def of(ctx: Optional[typer.Context]) -> Globals:
    """The global options of a command's run (the defaults without a context: a test, a worker)."""
    obj = ctx.find_root().obj if ctx is not None else None
    return obj if isinstance(obj, Globals) else Globals()


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


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


Status = Enum("Status", [(s, s) for s in STATUSES], type=str)  # type: ignore[misc]  # from the models


class Sort(str, Enum):
    seq = "seq"
    rate = "rate"


class Lang(str, Enum):
    en = "en"
    zh = "zh"


class Order(str, Enum):
    period = "period"
    given = "given"


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"
    powershell = "powershell"


# the row kinds of `zsprogress schema` (schema.ROWS, named here so --help imports no model)
ROW_KINDS = ("task", "claim", "skip", "completion", "finding", "rule", "track", "tally")

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
CsvRawOpt = Annotated[bool, typer.Option(
    "--csv-raw", envvar="ZSPROGRESS_CSV_RAW",
    help="CSV: write text cells as they are. By default a cell starting with = + - @ (or tab, CR) "
         "gets a ' in front, so a spreadsheet shows it instead of running it as a formula.")]


def task_id(text: str) -> str:
    """A task id as given: 'T2.1', 'L12', 't2.1', or the old form without the letter, '2.1'."""
    return text[:1].upper() + text[1:] if text[:1] in "TLtl" else "T" + text


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
