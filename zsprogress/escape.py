"""Escaping at the output edges (docs/limits.md "What is escaped where").

A report is text someone else wrote: its cells, file names and messages reach a terminal, a CI
log and a spreadsheet. Each edge has one function here, and only the edges call them:

- :func:`visible`: every text printed for a person (tables, ``show``, warnings, errors, ``check``
  text): C0 controls except tab and newline, DEL and C1 controls become visible one character for
  one (``ESC`` -> ``␛``, ``\\r`` -> ``␍``, C1 -> ``�``), so a report cannot move the cursor, set the
  window title, clear the screen or plant an OSC 8 link; offsets into the text stay valid.
- :func:`github_data` and :func:`github_property`: GitHub workflow commands
  (``::error file=F,line=L,title=T::message``) as GitHub documents them: ``%`` ``\\r`` ``\\n`` in
  the message, and also ``:`` and ``,`` in a property, so a file name cannot end the command or
  forge another one.
- :func:`csv_text`: a CSV text cell that a spreadsheet would run as a formula (starting with
  ``=`` ``+`` ``-`` ``@``, tab or CR) is prefixed with ``'`` (OWASP, "CSV Injection").

The data formats keep the text as it is: JSON escapes control characters itself, and the xlsx
writer writes text cells as strings (never formulas).
"""

from __future__ import annotations

from typing import Any

# C0 except tab and newline -> the Control Pictures block (U+2400 + code), DEL -> U+2421,
# C1 (U+0080..U+009F, which a terminal may read as CSI/OSC) -> U+FFFD
_VISIBLE = {c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)}
_VISIBLE[0x7F] = 0x2421
_VISIBLE.update({c: 0xFFFD for c in range(0x80, 0xA0)})


def visible(text: str) -> str:
    """``text`` with every control character a terminal would act on made visible (same length)."""
    return text.translate(_VISIBLE)


def visible_deep(value: Any) -> Any:
    """:func:`visible` over every string of a row (dicts, lists, tuples); other values unchanged."""
    if isinstance(value, str):
        return value.translate(_VISIBLE)
    if isinstance(value, dict):
        return {k: visible_deep(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(visible_deep(v) for v in value)
    return value


def github_data(text: str) -> str:
    """The message of a GitHub workflow command (after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value of a GitHub workflow command (``file=``, ``title=``)."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(text: str) -> str:
    """A CSV text cell that a spreadsheet would read as a formula, prefixed with ``'``."""
    return "'" + text if text.startswith(FORMULA_START) else text
