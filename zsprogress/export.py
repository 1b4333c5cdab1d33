"""Rows -> json | jsonl | csv | xlsx, streamed, Chinese unescaped.

``write_rows(rows, fmt, out)`` takes any iterable of dicts or Pydantic models and writes them
one at a time, so a large result never sits in memory twice:

- ``json``: a JSON array written item by item (``[]`` when there are no rows);
- ``jsonl``: one JSON object per line (nothing when there are no rows);
- ``csv``: nested dicts flattened as ``parent.child`` columns, lists as JSON arrays
  (``["市财政局","市国资委"]``: items may contain ``;`` or ``,``, ``json.loads`` splits them back),
  ``None`` as an empty cell; a text cell that a spreadsheet would run as a formula (``=`` ``+``
  ``-`` ``@``, tab, CR first) gets a ``'`` in front unless ``csv_raw`` (docs/limits.md). The header is ``columns`` when given (written even when there are
  no rows, so an empty result is still a table), else the fields of the first row's model
  (nested models expanded even when the first row's value is ``None``), else the first row's
  keys; keys of later rows outside the header are dropped (pass ``columns`` for rows of mixed
  shapes). The command line always passes the columns of :mod:`zsprogress.schema`.
- ``xlsx`` (:func:`write_xlsx`, needs the ``xlsx`` extra): one sheet per table, typed cells
  (numbers as numbers; ids, units and texts as text), frozen header, autofilter, status fills;
  amounts (``value`` columns) with thousands separators (``#,##0``), rates and shares in percent
  points (``0.0#"%"``: 52.89 shows as 52.89%), never Excel's ``General`` (1.54E+10).

``BOM`` is the UTF-8 byte order mark the command line writes before CSV for Excel.

Numbers stay JSON numbers: models are dumped with ``model_dump(mode="json")`` and the models
write integral floats as integers (``15357000000``, not ``1.5357e10``).
"""

from __future__ import annotations

import csv
import dataclasses
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, BinaryIO, Literal, Optional, TextIO, Union, get_args, get_origin

from .errors import ZsprogressError
from .escape import csv_text

FORMATS = ("json", "jsonl", "csv")  # text formats; xlsx is binary: write_xlsx
BOM = "\ufeff"  # before UTF-8 CSV: Excel on Windows reads the file as UTF-8, not the ANSI code page

# xlsx number formats, by the last part of a number column's name
AMOUNT_FORMAT, DECIMAL_FORMAT, RATE_FORMAT = "#,##0", "#,##0.0##", '0.0#"%"'
AMOUNT_COLUMNS = ("value", "value_max", "stretch")
RATE_COLUMNS = ("computed_rate", "stated_rate", "expected_rate", "share")
Format = Literal["json", "jsonl", "csv"]


def to_dict(row: Any) -> dict:
    """A row as a plain JSON-ready dict (Pydantic models via ``model_dump(mode="json")``)."""
    dump = getattr(row, "model_dump", None)
    if dump is not None:
        return dump(mode="json")
    if isinstance(row, Mapping):
        return dict(row)
    raise TypeError(f"cannot export a row of type {type(row).__name__}")


def _dumps(d: dict) -> str:
    return json.dumps(d, ensure_ascii=False, default=str)


# fields holding a mapping of free keys (Task.extra: header -> cell): one JSON cell, the last
# column of its table (existing column positions do not move), never a column per key
FREE_MAPPINGS = ("extra",)


def flatten(d: Mapping, prefix: str = "") -> dict[str, Any]:
    """``{"target": {"value": 1}}`` -> ``{"target.value": 1}``; lists stay lists (see :func:`cell`),
    and so do the mappings of :data:`FREE_MAPPINGS` (a JSON cell)."""
    out: dict[str, Any] = {}
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, Mapping) and key not in FREE_MAPPINGS:
            out.update(flatten(v, key + "."))
        else:
            out[key] = v
    return out


def cell(v: Any, raw: bool = True) -> str:
    """A value as CSV text: ``None`` empty, booleans ``true``/``false``, lists and dicts JSON.
    Unless ``raw``, a text value a spreadsheet would run as a formula is prefixed with ``'``
    (:func:`zsprogress.escape.csv_text`); numbers are never touched (``-5`` stays a number)."""
    if isinstance(v, str):
        return v if raw else csv_text(v)
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (dict, list, tuple)):
        return json.dumps(v, ensure_ascii=False, separators=(",", ":"), default=str)
    return str(v)


def model_columns(cls: Any, prefix: str = "") -> list[str]:
    """CSV columns of a Pydantic model class: nested models expanded as ``parent.child``; the
    :data:`FREE_MAPPINGS` last."""
    cols: list[str] = []
    for name, f in cls.model_fields.items():
        sub = _model_in(f.annotation)
        if sub is not None:
            cols += model_columns(sub, f"{prefix}{name}.")
        else:
            cols.append(prefix + name)
    return [c for c in cols if c not in FREE_MAPPINGS] + [c for c in cols if c in FREE_MAPPINGS]


def _model_in(annotation: Any) -> Any:
    """The model of a field holding one (``Optional[TargetRef]``), expanded into columns; a
    list of models (``alternatives``) stays one column of JSON, as lists do."""
    if get_origin(annotation) in (list, tuple):
        return None
    cands = [annotation, *get_args(annotation)]
    for c in cands:
        if isinstance(c, type) and hasattr(c, "model_fields"):
            return c
    return None


def column_types(cls: Any, prefix: str = "") -> dict[str, str]:
    """The cell type of each column of a model: ``number``, ``bool``, ``list`` or ``text``."""
    out: dict[str, str] = {}
    for name, f in cls.model_fields.items():
        sub = _model_in(f.annotation)
        if sub is not None:
            out.update(column_types(sub, f"{prefix}{name}."))
            continue
        args = [a for a in (f.annotation, *get_args(f.annotation)) if a is not type(None)]
        origins = {get_origin(a) or a for a in args}
        if bool in origins:
            out[prefix + name] = "bool"
        elif origins & {int, float}:
            out[prefix + name] = "number"
        elif origins & {list, tuple}:
            out[prefix + name] = "list"
        else:
            out[prefix + name] = "text"
    return out


def write_rows(rows: Iterable[Any], fmt: Format, out: TextIO,
               columns: Optional[Sequence[str]] = None, csv_raw: bool = False) -> int:
    """Write ``rows`` to ``out`` in ``fmt``; returns the number of rows written.

    ``columns`` fixes the CSV header (ignored by json and jsonl). A CSV text cell starting with
    ``=`` ``+`` ``-`` ``@``, tab or CR is prefixed with ``'`` (formula injection) unless
    ``csv_raw``."""
    if fmt == "json":
        return _write_json(rows, out)
    if fmt == "jsonl":
        n = 0
        for row in rows:
            out.write(_dumps(to_dict(row)) + "\n")
            n += 1
        return n
    if fmt == "csv":
        return _write_csv(rows, out, columns, csv_raw)
    raise ValueError(f"unknown export format {fmt!r} (expected one of {', '.join(FORMATS)})")


def _write_json(rows: Iterable[Any], out: TextIO) -> int:
    n = 0
    for row in rows:
        out.write("[\n  " if n == 0 else ",\n  ")
        out.write(_dumps(to_dict(row)))
        n += 1
    out.write("[]\n" if n == 0 else "\n]\n")
    return n


def _write_csv(rows: Iterable[Any], out: TextIO, columns: Optional[Sequence[str]], raw: bool = False) -> int:
    it: Iterator[Any] = iter(rows)
    first = next(it, None)
    if first is None:
        if columns:
            csv.writer(out, lineterminator="\n").writerow(list(columns))
        return 0
    flat = flatten(to_dict(first))
    if columns is not None:
        header = list(columns)
    elif hasattr(type(first), "model_fields"):
        header = model_columns(type(first))
        header += [k for k in flat
                   if k not in header and not any(h.startswith(k + ".") for h in header)]
    else:
        header = list(flat)
    w = csv.DictWriter(out, fieldnames=header, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    w.writerow({k: cell(v, raw) for k, v in flat.items()})
    n = 1
    for row in it:
        w.writerow({k: cell(v, raw) for k, v in flatten(to_dict(row)).items()})
        n += 1
    return n


# ---------------------------------------------------------------------------------------------
# xlsx

XLSX_MAX_CELL = 32767  # Excel's limit on the characters of one cell


@dataclasses.dataclass
class Sheet:
    """One table of a workbook: its rows (dicts or models) and the model that gives the columns
    and the cell types; ``columns`` overrides the model's columns (rows of mixed kinds)."""

    name: str
    rows: Iterable[Any]
    model: Any = None
    columns: Optional[Sequence[str]] = None


def write_xlsx(target: Union[str, BinaryIO, Any], sheets: Iterable[Sheet]) -> int:
    """Write each sheet as a table of an .xlsx workbook (``target`` a path or a binary file);
    returns the number of rows written. Streams row by row (xlsxwriter's constant memory mode).
    Numbers are number cells, ids and units text cells, lists JSON text, the header frozen with
    an autofilter, and a ``status`` cell filled with the colour of its status."""
    try:
        import xlsxwriter
    except ImportError:
        raise ZsprogressError("xlsx output needs xlsxwriter: pip install 'zsprogress[xlsx]'") from None
    from .vocab import STATUS_COLOURS

    path = target if isinstance(target, str) else None
    wb = xlsxwriter.Workbook(path or target, {"constant_memory": True, "in_memory": path is None})
    head = wb.add_format({"bold": True, "bottom": 1, "bg_color": "#f2f2f2"})
    fills = {s: wb.add_format({"bg_color": c}) for s, c in STATUS_COLOURS.items()}
    numbers = {f: wb.add_format({"num_format": f}) for f in (AMOUNT_FORMAT, DECIMAL_FORMAT, RATE_FORMAT)}
    total = 0
    try:
        for sheet in sheets:
            total += _xlsx_sheet(wb, sheet, head, fills, numbers)
    finally:
        wb.close()
    return total


def _number_format(column: str, v: float) -> Optional[str]:
    """The number format of a cell: amounts with thousands, rates in percent points, else None."""
    last = column.rsplit(".", 1)[-1]
    if last in RATE_COLUMNS:
        return RATE_FORMAT
    if last in AMOUNT_COLUMNS:
        return AMOUNT_FORMAT if float(v).is_integer() else DECIMAL_FORMAT
    return None


def _xlsx_sheet(wb: Any, sheet: Sheet, head: Any, fills: dict[str, Any], numbers: dict[str, Any]) -> int:
    types = column_types(sheet.model) if sheet.model is not None else {}
    it: Iterator[Any] = iter(sheet.rows)
    first = next(it, None)
    flat = flatten(to_dict(first)) if first is not None else {}
    cols = list(sheet.columns or types or flat)
    name = "".join("_" if ch in "[]:*?/\\" else ch for ch in sheet.name)[:31] or "Sheet1"
    ws = wb.add_worksheet(name)
    for j, c in enumerate(cols):
        ws.write_string(0, j, c, head)
        wide = c.rsplit(".", 1)[-1] in AMOUNT_COLUMNS  # 15,357,000,000 needs 14 characters
        ws.set_column(j, j, (16 if wide else 10) if types.get(c) in ("number", "bool") else min(40, max(8, len(c) + 2)))
    ws.freeze_panes(1, 0)
    n = 0
    while first is not None:
        n += 1
        for j, c in enumerate(cols):
            v = flat.get(c)
            if v is None:
                continue
            if isinstance(v, bool):
                ws.write_boolean(n, j, v)
            elif isinstance(v, (int, float)) and types.get(c, "number") == "number":
                fmt = _number_format(c, v)
                ws.write_number(n, j, v, numbers[fmt] if fmt else None)
            else:
                text = cell(v)
                if len(text) > XLSX_MAX_CELL:
                    text = text[: XLSX_MAX_CELL - 1] + "…"
                ws.write_string(n, j, text, fills.get(text) if c == "status" else None)
        first = next(it, None)
        flat = flatten(to_dict(first)) if first is not None else {}
    ws.autofilter(0, 0, max(n, 1), max(len(cols) - 1, 0))
    return n
