"""Rows -> json | jsonl | csv, streamed, Chinese unescaped.

``write_rows(rows, fmt, out)`` takes any iterable of dicts or Pydantic models and writes them
one at a time, so a large result never sits in memory twice:

- ``json``: a JSON array written item by item (``[]`` when there are no rows);
- ``jsonl``: one JSON object per line (nothing when there are no rows);
- ``csv``: nested dicts flattened as ``parent.child`` columns, lists joined with ``;``,
  ``None`` as an empty cell; nothing at all when there are no rows. The header is ``columns``
  when given, else the fields of the first row's model (nested models expanded even when the
  first row's value is ``None``), else the first row's keys; keys of later rows outside the
  header are dropped (pass ``columns`` for rows of mixed shapes).

Numbers stay JSON numbers: models are dumped with ``model_dump(mode="json")`` and the models
write integral floats as integers (``15357000000``, not ``1.5357e10``).
"""

from __future__ import annotations

import csv
import json
from typing import Any, Iterable, Iterator, Literal, Mapping, Optional, Sequence, TextIO, get_args

FORMATS = ("json", "jsonl", "csv")
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


def flatten(d: Mapping, prefix: str = "") -> dict[str, Any]:
    """``{"target": {"value": 1}}`` -> ``{"target.value": 1}``; lists joined with ``;``."""
    out: dict[str, Any] = {}
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, Mapping):
            out.update(flatten(v, key + "."))
        elif isinstance(v, (list, tuple)):
            out[key] = ";".join(_cell(x) for x in v)
        else:
            out[key] = v
    return out


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (dict, list)):
        return _dumps(v) if isinstance(v, dict) else ";".join(_cell(x) for x in v)
    return str(v)


def model_columns(cls: Any, prefix: str = "") -> list[str]:
    """CSV columns of a Pydantic model class: nested models expanded as ``parent.child``."""
    cols: list[str] = []
    for name, f in cls.model_fields.items():
        sub = _model_in(f.annotation)
        if sub is not None:
            cols += model_columns(sub, f"{prefix}{name}.")
        else:
            cols.append(prefix + name)
    return cols


def _model_in(annotation: Any) -> Any:
    cands = [annotation, *get_args(annotation)]
    for c in cands:
        if isinstance(c, type) and hasattr(c, "model_fields"):
            return c
    return None


def write_rows(rows: Iterable[Any], fmt: Format, out: TextIO,
               columns: Optional[Sequence[str]] = None) -> int:
    """Write ``rows`` to ``out`` in ``fmt``; returns the number of rows written.

    ``columns`` fixes the CSV header (ignored by json and jsonl)."""
    if fmt == "json":
        return _write_json(rows, out)
    if fmt == "jsonl":
        n = 0
        for row in rows:
            out.write(_dumps(to_dict(row)) + "\n")
            n += 1
        return n
    if fmt == "csv":
        return _write_csv(rows, out, columns)
    raise ValueError(f"unknown export format {fmt!r} (expected one of {', '.join(FORMATS)})")


def _write_json(rows: Iterable[Any], out: TextIO) -> int:
    n = 0
    for row in rows:
        out.write("[\n  " if n == 0 else ",\n  ")
        out.write(_dumps(to_dict(row)))
        n += 1
    out.write("[]\n" if n == 0 else "\n]\n")
    return n


def _write_csv(rows: Iterable[Any], out: TextIO, columns: Optional[Sequence[str]]) -> int:
    it: Iterator[Any] = iter(rows)
    first = next(it, None)
    if first is None:
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
    w.writerow({k: _cell(v) for k, v in flat.items()})
    n = 1
    for row in it:
        w.writerow({k: _cell(v) for k, v in flatten(to_dict(row)).items()})
        n += 1
    return n
