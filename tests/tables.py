"""Tables written in the text shapes reports come in, for the reader tests: one helper, so each
test states its rows and its shape only."""

from __future__ import annotations

from collections.abc import Sequence


def rows_as(shape: str, table: Sequence[Sequence[str]]) -> list[str]:
    """The lines of ``table`` (rows of cells) in ``shape``: ``tabs``, ``pipe`` (| a | b |),
    ``spaces`` (cells set apart by two spaces; an empty cell leaves its spaces), ``cells`` (one
    cell a line, empty cells dropped) or ``html`` (one ``<table>`` line)."""
    if shape == "tabs":
        return ["\t".join(r) for r in table]
    if shape == "pipe":
        return ["| " + " | ".join(r) + " |" for r in table]
    if shape == "spaces":
        return ["  ".join(c or "  " for c in r) for r in table]
    if shape == "cells":
        return [c for r in table for c in r if c]
    if shape == "html":
        return [html_table(table)]
    raise ValueError(shape)


def html_table(table: Sequence[Sequence[str]]) -> str:
    return "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in table) + "</table>"
