"""zsprogress: turn Chinese government work-report progress tables into verifiable records."""

from .api import ClaimSet, completion_table, extract_claims, parse_report
from .errors import LayoutError, PatternError, ReportReadError, ZsprogressError
from .models import Claim, Completion, Diagnostic, Report, ReportMeta, Skip, Task

__all__ = [
    "parse_report", "extract_claims", "completion_table", "ClaimSet",
    "Report", "ReportMeta", "Task", "Claim", "Skip", "Completion", "Diagnostic",
    "ZsprogressError", "ReportReadError", "LayoutError", "PatternError",
]
__version__ = "0.1.0"
