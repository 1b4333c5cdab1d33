"""zsprogress: turn Chinese government work-report progress tables into verifiable records.

The public API is loaded on first use, so ``zsprogress --help`` does not pay for the models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "parse_report": "api", "extract_claims": "api", "completion_table": "api", "ClaimSet": "api",
    "Report": "models", "ReportMeta": "models", "Task": "models", "Claim": "models",
    "Skip": "models", "Completion": "models", "Diagnostic": "models",
    "ZsprogressError": "errors", "ReportReadError": "errors", "LayoutError": "errors",
    "PatternError": "errors",
}
__all__ = list(_EXPORTS)

if TYPE_CHECKING:  # pragma: no cover
    from .api import ClaimSet, completion_table, extract_claims, parse_report
    from .errors import LayoutError, PatternError, ReportReadError, ZsprogressError
    from .models import Claim, Completion, Diagnostic, Report, ReportMeta, Skip, Task


def __getattr__(name: str) -> Any:
    mod = _EXPORTS.get(name)
    if mod is None:
        raise AttributeError(f"module 'zsprogress' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{mod}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
