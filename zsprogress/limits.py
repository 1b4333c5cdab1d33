"""Resource caps of the readers, decided before the work is done (docs/limits.md).

Each cap has a default far above any real report and can be raised (or lowered) for one run with
an environment variable ``ZSPROGRESS_<NAME>``, e.g. ``ZSPROGRESS_XLSX_MAX_CELLS=5000000``. A cap
that is hit is one ``error:`` line naming the cap, its value and the variable that raises it; a
cap whose reading stops part way (``LINE_MAX_FIGURES``) is a diagnostic on the report instead.
"""

from __future__ import annotations

import os

DEFAULTS: dict[str, int] = {
    # XLSX: cells of one sheet's area (A1 to its farthest cell: rows x columns), counted from
    # the cell references before the workbook is opened; a real report has a few thousand
    "XLSX_MAX_CELLS": 1_000_000,
    # DOCX/XLSX: bytes one XML part may inflate to, counted while it is inflated (the sizes
    # written in the zip's headers are not trusted)
    "ZIP_MAX_PART": 100 * 1024 * 1024,
    # HTML: elements of one page (a report's page has a few thousand)
    "HTML_MAX_NODES": 200_000,
    # figures read in one line of text (a progress cell has a few dozen)
    "LINE_MAX_FIGURES": 2_000,
}


def cap(name: str) -> int:
    """The value of cap ``name``: ``ZSPROGRESS_<NAME>`` when set to a positive integer, else the default."""
    raw = os.environ.get(f"ZSPROGRESS_{name}", "").strip().replace("_", "")
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    return DEFAULTS[name]


def hint(name: str) -> str:
    """How to raise cap ``name``, for its error message."""
    return f"limit {cap(name):,}; ZSPROGRESS_{name} raises it"
