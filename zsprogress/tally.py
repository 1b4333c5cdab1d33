"""Tallies: the counts of tasks a report states about itself, as report-level records.

``150项目标任务整体推进落实较好,124项达到序时进度要求``, ``350项工作任务按序时全部完成``,
``26项未达到序时进度要求``, ``其中超额完成任务的已有10项``: each is a :class:`Tally` (count, the
whole it is part of when the sentence names one, what is counted, the status it states, the share).
A notice with no table still says something this way, and ``check`` compares a tally with the
task rows when both exist (:func:`contradiction`).

Read from the report's paragraphs (the text of a report read without task rows) and its preamble
(the summary above the task rows of a table report, ``Report.preamble``); the words are
``[progress] tally``, ``tally_status_first``, ``tally_total`` in patterns/triggers.toml.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Optional

from .completion_status import BACKWARD, FORWARD, classify
from .models import Report, Tally
from .normalize import ScriptFold, fold
from .rules import RuleSet, default_rules

SENTENCE_END = "。;；\n"


@lru_cache(maxsize=4)
def _script(pairs: str) -> Optional[ScriptFold]:
    return ScriptFold(pairs) if pairs.strip() else None


def tallies_in(text: str, rules: Optional[RuleSet] = None, task_id: Optional[str] = None,
               field: str = "paragraph") -> list[Tally]:
    """The tallies of one text, read on its folded form (traditional script too: 24個事項已提前完成)
    with spans and words as printed."""
    rules = rules or default_rules()
    printed = text
    text = fold(text, _script(str(rules.number_words.get("traditional", ""))))
    out: list[Tally] = []
    seen: set[tuple[int, int]] = set()
    total_rx = rules.progress.get("tally_total")
    found = [m for key in ("tally", "tally_status_first") if (rx := rules.progress.get(key)) is not None
             for m in rx.finditer(text)]
    counts = {m.start("count") for m in found}  # a count of a tally is no whole of another
    for m in found:
        span = (m.start("count"), m.end("count"))
        if span in seen:
            continue
        status = classify(m.group("status"), rules)
        if status is None:
            continue
        seen.add(span)
        count = int(m.group("count"))
        lo = max(text.rfind(x, 0, m.start()) for x in SENTENCE_END) + 1
        total, of = None, (m.groupdict().get("of") or "").strip() or None
        part_rx = rules.progress.get("tally_part")
        where = [(lo, m.start())]
        if part_rx is not None and part_rx.search(text, lo, m.start()) and lo > 1:
            # 其中24个事项…: the whole may be named in the sentence before
            where.append((max(text.rfind(x, 0, lo - 1) for x in SENTENCE_END) + 1, lo))
        for a, b in where:
            if total_rx is None or total is not None:
                break
            for t in total_rx.finditer(text, a, b):
                if int(t.group("total")) > count and t.start("total") not in counts:
                    total = int(t.group("total"))
                    of = of or (t.group("of") or "").strip() or None
        all_rx = rules.progress.get("tally_all")
        if total is None and all_rx is not None and all_rx.search(m.group("status")):
            total = count  # 350项工作任务按序时全部完成: all of them
        share = count / total * 100 if total else None
        out.append(Tally(count=count, total=total, of=of, status=status, share=share,
                         text=printed[m.start():m.end()], task_id=task_id, field=field,
                         start=m.start(), end=m.end()))
    out.sort(key=lambda x: x.start)
    return out


def report_tallies(report: Report, rules: Optional[RuleSet] = None) -> list[Tally]:
    """The tallies of a report's paragraphs and preamble (task ``L<line>``, like their claims)."""
    out: list[Tally] = []
    for p in report.preamble + report.paragraphs:
        out += tallies_in(p.text, rules, task_id=f"L{p.line}")
    return out


def contradiction(tally: Tally, statuses: Iterable[str], n_tasks: int) -> Optional[str]:
    """Why the task rows contradict a tally, or None: more tasks in the opposite status than the
    tally leaves room for (124 of 150 on schedule leaves at most 26 behind)."""
    statuses = list(statuses)
    total = tally.total or n_tasks
    if not total or total < tally.count:
        return None  # the rows are a part of what the tally counts (26 items listed of 150): no room to compare
    if tally.status in FORWARD:
        against = sum(s in BACKWARD for s in statuses)
    else:
        against = sum(s in FORWARD for s in statuses)
    room = total - tally.count
    if against > room:
        return (f"the report says {tally.text!r} ({tally.count} of {total}) but {against} task(s) "
                f"are {'behind' if tally.status in FORWARD else 'on track or done'}")
    return None
