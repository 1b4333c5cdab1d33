"""zsprogress: turn Chinese government work-report progress tables into verifiable records.

The public API is loaded on first use, so ``zsprogress --help`` does not pay for the models.
``__version__`` is the one version of the package: pyproject.toml reads it from here.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "parse_report": "api", "extract_claims": "api", "completion_table": "api", "ClaimSet": "api",
    "Report": "models", "ReportMeta": "models", "Task": "models", "Claim": "models",
    "Skip": "models", "Completion": "models", "Diagnostic": "models",
    "ZsprogressError": "errors", "ReportReadError": "errors", "PatternError": "errors",
}
__all__ = list(_EXPORTS)

if TYPE_CHECKING:  # pragma: no cover
    from .api import ClaimSet as ClaimSet
    from .api import completion_table as completion_table
    from .api import extract_claims as extract_claims
    from .api import parse_report as parse_report
    from .errors import PatternError as PatternError
    from .errors import ReportReadError as ReportReadError
    from .errors import ZsprogressError as ZsprogressError
    from .models import Claim as Claim
    from .models import Completion as Completion
    from .models import Diagnostic as Diagnostic
    from .models import Report as Report
    from .models import ReportMeta as ReportMeta
    from .models import Skip as Skip
    from .models import Task as Task


def __getattr__(name: str) -> Any:
    """``zsprogress.parse_report`` and the others, imported from their module when first used
    (the import system caches the module, so later uses are a dictionary lookup)."""
    mod = _EXPORTS.get(name)
    if mod is None:
        raise AttributeError(f"module 'zsprogress' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{mod}", __name__), name)


def __dir__() -> list[str]:
    return sorted([*__all__, "__version__"])
