"""The status of a completion row: the one computed from a target and its actual, and the one a
report states in words (not the status of a reading: that is segment/status.py).

Computed (``computed_status``): totals (money, quantities) are ``achieved`` at 100% or more,
otherwise ``ahead`` / ``on_track`` / ``behind`` against the expected (time-elapsed) rate with a
margin of ``MARGIN`` points; at the end of the year anything short of 100% is ``behind``. A total
with a ceiling (控制在…以内), or of a measure for which lower is better (PM2.5浓度), is ``met``
while within it. Levels (growth, percent, percentage points,
completion rates, ranks) are ``met`` or ``below``, compared in the target's direction
(:mod:`zsprogress.direction`): ``下降3%`` is met by ``下降4.2%``, ``涨幅控制在3%以内`` by ``上涨2.1%``.

Stated (``stated_status``): the words of a status column, of a kept-aside column's cell that is
only status words (``完成情况: 滞后``), of a progress cell that is only a status (``已完成``), or a schedule phrase anywhere in the progress (``滞后序时进度9.8个百分点``,
``按序时推进``), mapped to a status by ``patterns/triggers.toml`` (``[progress] status_*``).
It decides when no figure does and is reported beside the computed status otherwise.
"""

from __future__ import annotations

from typing import Optional

from .models import EXTRA_PREFIX, Claim, StatedStatus, Status, Task
from .rules import RuleSet, default_rules

MARGIN = 10.0  # percentage points around the expected (time-elapsed) rate that count as on track
LEVEL_KINDS = {"percent", "growth", "pp_change", "rank", "completion"}  # compared, not divided
SHORT_CELL = 16  # a progress cell this short that names a status is a status cell
# the stated-status words, in the order they are tried (the first that matches wins)
ORDER: tuple[tuple[str, Status], ...] = (("status_ahead", "ahead"), ("status_behind", "behind"), ("status_on_track", "on_track"),
         ("status_achieved", "achieved"))
# statuses that say the opposite of each other (a finding of `check`)
FORWARD = {"achieved", "ahead", "on_track", "met"}
BACKWARD = {"behind", "below"}


def computed_status(kind: str, bound: str, rate: Optional[float], expected: Optional[float],
                    target: Optional[Claim] = None, actual: Optional[Claim] = None,
                    lower_better: bool = False) -> Status:
    if kind in LEVEL_KINDS:
        if target is None or actual is None or target.value is None or actual.value is None:
            return "unknown"
        ok = actual.value <= target.value if lower_better else actual.value >= target.value
        return "met" if ok else "below"
    if rate is None:
        return "unknown"
    if bound == "ceiling" or lower_better:  # PM2.5浓度28微克: within the target is met
        return "met" if rate <= 100 else "below"
    if rate >= 100:
        return "achieved"
    if expected is None:
        return "unknown"
    if expected >= 100:  # the year is over: a target is achieved or not
        return "behind"
    if rate > expected + MARGIN:
        return "ahead"
    if rate >= expected - MARGIN:
        return "on_track"
    return "behind"


def classify(words: str, rules: Optional[RuleSet] = None) -> Optional[Status]:
    """The status some words state (已完工 -> achieved, 滞后 -> behind), or None."""
    rules = rules or default_rules()
    for key, status in ORDER:
        rx = rules.progress.get(key)
        if rx is not None and rx.search(words):
            return status
    return None


def stated_status(task: Task, claims: Optional[list[Claim]] = None,
                  rules: Optional[RuleSet] = None) -> Optional[StatedStatus]:
    """The status the report states for a task, with its text and span, or None."""
    rules = rules or default_rules()
    cell = (task.status_text or "").strip()
    if cell:
        # a status cell is a few words: read with its spaces removed (已 完 成, 按 序 时 推 进)
        st = classify("".join(cell.split()), rules)
        if st is not None:
            start = (task.status_text or "").find(cell)
            return StatedStatus(status=st, text=cell, field="status", start=start, end=start + len(cell))
    else:
        kept = _kept_status(task, rules)
        if kept is not None:
            return kept
    # a schedule lag in points is the most precise statement: its sign says ahead or behind
    for c in claims or []:
        if c.kind == "schedule_lag" and c.field == "progress" and c.value is not None:
            lag: Status = "behind" if c.value < 0 else "ahead" if c.value > 0 else "on_track"
            return StatedStatus(status=lag, text=c.text, field="progress", start=c.start, end=c.end)
    prog = task.progress_text
    cell = prog.strip().rstrip("。.")
    if cell and len(cell) <= SHORT_CELL and not _reports_a_figure(claims):
        st = classify(cell, rules)
        # in a progress cell, work under way (正在推进前期工作) says nothing of the schedule
        if st is not None and st != "on_track":
            start = prog.find(cell)
            return StatedStatus(status=st, text=cell, field="progress", start=start, end=start + len(cell))
    sched = rules.progress.get("status_schedule")
    if sched is not None:
        last = None
        for m in sched.finditer(prog):
            last = m
        if last is not None:
            st = classify(last.group(0), rules)
            if st is not None:
                return StatedStatus(status=st, text=last.group(0), field="progress",
                                    start=last.start(), end=last.end())
    return None


def _kept_status(task: Task, rules: RuleSet) -> Optional[StatedStatus]:
    """A column no header word named as a status, whose cell is only status words: 完成情况
    beside 进展情况 holding 序时推进 / 滞后 / 已完成, 推进状态, 备注 已完成. A bare 是 or 否
    answers its header's question, so it is read with the header (是否达序 否 -> behind;
    是否纳入考核 是 -> nothing)."""
    for header, value in task.extra.items():
        cell = "".join(value.split())
        if not cell or len(cell) > SHORT_CELL or any(ch.isdigit() for ch in cell):
            continue
        if cell in ("是", "否"):
            # the header must ask the question: its 是 and its 否 state different statuses
            st = classify(f"{header}:{cell}", rules)
            if st == classify(f"{header}:{'否' if cell == '是' else '是'}", rules):
                continue
        else:
            st = classify(cell, rules)
        if st is not None:
            start = value.find(value.strip())
            return StatedStatus(status=st, text=value.strip(), field=EXTRA_PREFIX + header,
                                start=start, end=start + len(value.strip()))
    return None


def _reports_a_figure(claims: Optional[list[Claim]]) -> bool:
    """The progress states an amount or a quantity done (完成造林0.8万亩, 已建成5G基站420个): a
    short progress cell holding one reports work, it is not a status cell (已完成), so its
    verb (完成, 建成) says nothing of the target's status. (Without claims: not known, False.)"""
    return any(c.field == "progress" and c.kind in ("amount", "quantity") and c.role == "actual"
               for c in claims or [])


def contradicts(computed: str, stated: Optional[StatedStatus]) -> bool:
    """A stated status that says the opposite of the computed one (已完成 against behind)."""
    if stated is None:
        return False
    return (computed in FORWARD and stated.status in BACKWARD) or \
        (computed in BACKWARD and stated.status in FORWARD)
