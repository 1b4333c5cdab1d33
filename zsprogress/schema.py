"""The contract of every output row: one Pydantic model per kind of row the commands write.

``zsprogress schema NAME`` prints the JSON Schema of one of them; the CSV and xlsx columns (their
names, order and cell types) are derived from the same models by :func:`columns`, so a field
added to a record reaches every format and the schema at once. A row of the command line is the
library's record plus ``source``, the report it came from.

The row models are read for their fields (the columns) and their JSON Schema, and never
validate a row: each is built on first use (``defer_build``), so a CSV run does not build
validators it never uses at start-up.
"""

from typing import Any, Literal, get_args, get_origin

import regex
from pydantic import BaseModel, ConfigDict, Field

from .check import Finding
from .export import _model_in as model_in
from .export import model_columns
from .models import Claim, Completion, Skip, Tally, Task, TrackRow

SOURCE = "the report the row came from: its path, '<stdin>' or '<sample>'"
_ON_FIRST_USE = ConfigDict(defer_build=True)


class TaskRow(Task):
    """One task of `zsprogress tasks`."""

    model_config = _ON_FIRST_USE

    source: str = Field(description=SOURCE)


class ClaimRow(Claim):
    """One claim of `zsprogress claims`."""

    model_config = _ON_FIRST_USE

    source: str = Field(description=SOURCE)


class SkipRow(Skip):
    """A figure that is deliberately not a claim (`zsprogress claims --explain`)."""

    model_config = _ON_FIRST_USE

    kind: Literal["skip"] = "skip"
    source: str = Field(description=SOURCE)


class CompletionRow(Completion):
    """One numeric target of `zsprogress completion`."""

    model_config = _ON_FIRST_USE

    source: str = Field(description=SOURCE)


class TallyRow(Tally):
    """One count of tasks a report states about itself (`zsprogress tallies`)."""

    model_config = _ON_FIRST_USE

    source: str = Field(description=SOURCE)


class RuleRow(BaseModel):
    """One rule of `zsprogress rules`."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    id: str
    kind: str
    name: str
    summary: str
    family: str
    file: str


ROWS: dict[str, type[BaseModel]] = {
    "task": TaskRow, "claim": ClaimRow, "skip": SkipRow, "completion": CompletionRow,
    "finding": Finding, "rule": RuleRow, "track": TrackRow, "tally": TallyRow,
}


def row_model(name: str) -> type[BaseModel]:
    """The model of one kind of row; ``KeyError`` names the kinds."""
    try:
        return ROWS[name]
    except KeyError:
        raise KeyError(f"unknown row kind {name!r} (known: {', '.join(ROWS)})") from None


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of a row as written (serialization mode: numbers as JSON numbers)."""
    return row_model(name).model_json_schema(mode="serialization")


def columns(*names: str) -> list[str]:
    """CSV/xlsx columns of rows of one or more kinds (``claim`` and ``skip`` share a table):
    the fields of each model in order, nested models as ``parent.child``, ``source`` last."""
    cols: list[str] = []
    for n in names:
        cols += [c for c in model_columns(row_model(n)) if c not in cols]
    if "source" in cols:
        cols.remove("source")
        cols.append("source")
    return cols


# ---- the field tables of docs/records.md, generated from the models ----

_TYPES = {str: "text", int: "integer", float: "number", bool: "true/false"}


def _type_name(annotation: Any) -> str:
    """A field's type in words: ``text``, ``number or null``, ``list of text``, `` `a` or `b` ``."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Literal:
        return " or ".join(f"`{a}`" for a in args)
    if origin in (list, tuple):
        return f"list of {_type_name(args[0])}" if args else "list"
    if args and type(None) in args:  # Optional[X]
        rest = [a for a in args if a is not type(None)]
        return f"{' or '.join(_type_name(a) for a in rest)} or null"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"object ({annotation.__name__})"
    return _TYPES.get(annotation, getattr(annotation, "__name__", str(annotation)))


def _rows(cls: type[BaseModel], prefix: str = "") -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    for name, f in cls.model_fields.items():
        out.append((prefix + name, _type_name(f.annotation), f.description or ""))
        sub = model_in(f.annotation)
        if sub is not None:
            out += _rows(sub, f"{prefix}{name}.")
    return out


def field_table(name: str) -> str:
    """The fields of one kind of row as a Markdown table: each CSV column (a nested object's
    fields as ``parent.child`` rows under it), its type and its description in the model."""
    lines = ["| field | type | meaning |", "|---|---|---|"]
    for field, typ, desc in _rows(row_model(name)):
        typ, desc = (x.replace("|", "\\|").replace("<", "&lt;").replace("\n", " ") for x in (typ, desc))
        lines.append(f"| `{field}` | {typ} | {desc} |")
    return "\n".join(lines) + "\n"


_GENERATED = regex.compile(r"(<!-- generated: field_table\((\w+)\) -->\n)(.*?)(<!-- end generated -->)", regex.S)


def update_tables(text: str) -> str:
    """``text`` with every block between ``<!-- generated: field_table(NAME) -->`` and
    ``<!-- end generated -->`` written again from the models."""
    return _GENERATED.sub(lambda m: m[1] + field_table(m[2]) + m[4], text)


if __name__ == "__main__":  # python -m zsprogress.schema docs/records.md: rewrite its tables
    import sys
    from pathlib import Path

    for arg in sys.argv[1:]:
        p = Path(arg)
        p.write_text(update_tables(p.read_text(encoding="utf-8")), encoding="utf-8")
