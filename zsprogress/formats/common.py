"""What every format reader shares, below them and below the package that dispatches to them
(so that no reader imports ``zsprogress.formats`` itself: no import cycle)."""

from __future__ import annotations

from types import ModuleType

from ..errors import ReportReadError

SEQ = r"^\d{1,3}[.、]?$"      # a row-number cell (compiled on first use by re's cache)


def need(module: str, extra: str) -> ModuleType:
    """Import a format library, or raise the one-line error naming the extra that installs it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise ReportReadError(f"reading {extra.upper()} needs an optional library: "
                              f"pip install 'zsprogress[{extra}]'") from None
