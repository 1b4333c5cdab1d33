"""The closed word lists of the records: claim kinds, completion statuses, finding codes.

They are ``Literal`` types that :mod:`zsprogress.models` uses for its fields, kept here, with no
import but ``typing``, so the command line can offer them as choices without loading Pydantic.
Every list of kinds or statuses elsewhere (CLI choices, table columns, colours) is derived from
these.
"""

from __future__ import annotations

from typing import Literal, get_args

ClaimKind = Literal[
    "amount", "quantity", "percent", "growth", "pp_change", "bp_change",
    "rank", "rank_change", "completion", "schedule_lag",
]
Status = Literal["achieved", "ahead", "on_track", "behind", "met", "below", "unknown"]

CLAIM_KINDS: tuple[str, ...] = get_args(ClaimKind)
STATUSES: tuple[str, ...] = get_args(Status)

# the colour of each status, shared by the xlsx fills and the report page (light fills under
# dark text: the status word is always written too, so colour is never the only signal)
STATUS_COLOURS: dict[str, str] = {
    "achieved": "#b7e1b0", "ahead": "#d4eed0", "on_track": "#cfe5f5", "met": "#d4eed0",
    "behind": "#f6c4c0", "below": "#fbe0c2", "unknown": "#e6e6e6",
}

# the findings of `zsprogress check`, and those that fail it unless --fail-on says otherwise
CODES: dict[str, str] = {
    "unknown-layout": "no layout family recognized the report: it was read as paragraphs",
    "seq-gap": "a sequence number is missing in a section",
    "seq-duplicate": "a sequence number is printed twice in a section",
    "empty-progress": "a task of a progress report has no progress text",
    "unassigned-lines": "source lines that belong to no task",
    "header-without-rows": "a header row was recognised but no task row was read under it",
    "empty-section": "a leader heading was recognised but no task was read under it",
    "truncated": "the report ends inside a task (a download or page cut off)",
    "dropped-figures": "figures on task rows that no task field holds (a column or sentence the reading did not "
                       "place): kept as paragraphs, their figures read there",
    "unexplained-figure": "a figure is neither a claim nor an explained skip",
    "rate-disagrees": "a stated completion rate does not match actual / target",
    "target-without-actual": "a numeric target has no figure that reports on it",
    "status-disagrees": "the status the report states in words says the opposite of the computed one",
    "tally-disagrees": "a count of tasks the report states (124项达到序时进度) contradicts the task rows",
    "attachment": "an HTML page without a task table links to files: the table is there",
    # check --against: the flags of `track` on the new release
    "target-changed": "a target's value or bound differs from the earlier release",
    "cumulative-decreased": "a year-to-date total is lower than in an earlier release",
    "figure-repeated": "the earlier release's figure is reported again",
    "text-unchanged": "the progress text is copied word for word from the earlier release",
    "behind-repeatedly": "behind schedule in this release and the one before",
    "task-dropped": "a task of the earlier release is missing",
    "task-added": "a task not in the earlier releases",
}
DEFAULT_FAIL_ON: tuple[str, ...] = ("unknown-layout", "seq-gap", "seq-duplicate", "empty-progress",
                                    "unassigned-lines", "header-without-rows", "empty-section",
                                    "truncated", "dropped-figures", "unexplained-figure", "rate-disagrees")
# added to the default by `check --against`
AGAINST_FAIL_ON: tuple[str, ...] = ("target-changed", "cumulative-decreased", "task-dropped")
