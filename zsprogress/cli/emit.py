"""The outputs of the commands: rows to stdout or ``-o FILE`` as a Rich table, JSON, JSONL, CSV
or an xlsx workbook, and plain text (a rule, the report page).

``--format auto`` is a table on a terminal and JSON when stdout is piped (with ``-o FILE``, the
format named by the file's extension, JSON otherwise). A file is written atomically
(:func:`zsprogress.output.atomic`). Rich, the table renderers and the xlsx writer are imported
only when a table or a workbook is written.
"""

import contextlib
import dataclasses
import os
import sys
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import Any, Optional, TextIO

from .root import CliError

TABLE_WIDTH = 160  # a table written to a file or pipe (-f table)


@dataclasses.dataclass(frozen=True)
class Output:
    """Where and how a command writes its rows: ``-f``, ``-o``, ``--bom``, ``--csv-raw``."""

    fmt: Enum
    path: Optional[Path] = None
    bom: Optional[bool] = None
    csv_raw: bool = False
    colour: bool = True   # colour and styles in a table on a terminal (Globals.colour)

    @property
    def kind(self) -> str:
        """The format written (``auto`` resolved); a missing xlsx writer is an error here, so a
        command that asks first says it before any report is read."""
        kind = format_of(self.fmt, self.path)
        if kind == "xlsx":
            import importlib.util

            if importlib.util.find_spec("xlsxwriter") is None:
                raise CliError("xlsx output needs xlsxwriter: pip install 'zsprogress[xlsx]'")
        return kind

    @property
    def streamed(self) -> bool:
        """JSONL and CSV are written row by row: a single report's rows are then made a few tasks
        at a time as they are written, so memory stays flat on one large report."""
        return self.kind in ("jsonl", "csv")


def format_of(fmt: Enum, output: Optional[Path]) -> str:
    if fmt.value != "auto":
        return str(fmt.value)
    if output is not None:  # README: the format named by the extension, JSON otherwise
        return {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".xlsx": "xlsx"}.get(
            output.suffix.lower(), "json")
    return "table" if sys.stdout.isatty() else "json"


def emit(rows: Iterable[Any], out: Output, table: str, title: Optional[str] = None,
         row_kinds: tuple[str, ...] = ()) -> None:
    """Rows to stdout or FILE: a Rich table (``render.<table>``), json/jsonl/csv or an xlsx
    workbook; ``row_kinds`` name the row models (:mod:`zsprogress.schema`) that give the CSV
    and xlsx columns."""
    kind = out.kind
    bom = _bom(out.bom, kind, out.path)
    columns = None
    if row_kinds and kind in ("csv", "xlsx"):
        from ..schema import columns as schema_columns

        columns = schema_columns(*row_kinds)
    if kind == "xlsx":
        return _emit_xlsx(rows, out.path, table, row_kinds, columns)
    if out.path is not None:  # a temporary file renamed over FILE at the end (output.atomic)
        from ..output import atomic

        with atomic(out.path, encoding="utf-8-sig" if bom else "utf-8") as fh:
            _write(rows, kind, fh, table, title, columns, out)  # type: ignore[arg-type]
    else:
        stream = utf8(sys.stdout)
        if bom:
            from ..export import BOM

            stream.write(BOM)
        _write(rows, kind, stream, table, title, columns, out)


def _bom(bom: Optional[bool], kind: str, output: Optional[Path]) -> bool:
    """Whether CSV begins with a byte order mark: ``--bom``/``--no-bom``, else for a file only."""
    if bom and kind != "csv":
        raise CliError(f"--bom is for CSV output, not {kind}")
    return kind == "csv" and (bom if bom is not None else output is not None)


def _emit_xlsx(rows: Iterable[Any], output: Optional[Path], table: str, row_kinds: tuple[str, ...],
               columns: Optional[list[str]]) -> None:
    from ..export import Sheet, write_xlsx
    from ..schema import row_model

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
    from ..output import atomic_workbook

    atomic_workbook(output, lambda path: write_xlsx(path, sheets))


def _write(rows: Iterable[Any], kind: str, out: TextIO, table: str, title: Optional[str],
           columns: Optional[list[str]], settings: Output) -> None:
    if kind == "table":
        from .. import render

        print_table(out, lambda width: getattr(render, table)(rows, title=title, width=width), settings.colour)
    else:
        from ..export import write_rows

        write_rows(rows, kind, out, columns=columns, csv_raw=settings.csv_raw)  # type: ignore[arg-type]


def print_table(out: TextIO, make: Callable[[int], Any], colour: bool) -> None:
    """``make(width)`` printed by a Rich console on ``out``: a terminal is measured by Rich; a
    file or pipe gets $COLUMNS or a width that fits the claims table (Rich's default of 80
    squeezes it to ellipses). ``:name:`` in a report is text, not an emoji."""
    from rich.console import Console

    width = None if out.isatty() else table_width()
    # Rich's colour system None: no colour, no bold, no dim (Rich itself, under NO_COLOR, drops
    # the colours but keeps bold and dim)
    console = Console(file=out, width=width, emoji=False, color_system="auto" if colour else None)
    console.print(make(console.width))


def table_width() -> int:
    """The width of a table written to a file or pipe: $COLUMNS, else ``TABLE_WIDTH``."""
    try:
        return max(20, int(os.environ.get("COLUMNS") or 0)) if os.environ.get("COLUMNS") else TABLE_WIDTH
    except ValueError:
        return TABLE_WIDTH


def utf8(out: TextIO) -> TextIO:
    """Data is UTF-8 even where the locale says otherwise (a Windows pipe, LANG=C)."""
    enc = (getattr(out, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    if enc not in ("utf8", "utf8sig") and hasattr(out, "reconfigure") and not out.isatty():
        try:
            out.reconfigure(encoding="utf-8")
        except (ValueError, OSError):
            pass
    return out


def opened(output: Optional[Path]) -> Any:
    """A context giving ``-o FILE`` (written atomically) or stdout in UTF-8."""
    if output is None:
        return contextlib.nullcontext(utf8(sys.stdout))
    from ..output import atomic

    return atomic(output)


def emit_text(text: str, output: Optional[Path]) -> None:
    with opened(output) as out:
        out.write(text)
