"""Claims read with their neighbours: a pass over the claims of one task before linking.

extract.py reads each figure on its own; some figures only say what they are beside another:

- **metric carry-over**: a growth, share, rank or change printed right after an amount takes that
  amount's metric (``一般公共预算收入120.23亿元,自然口径增长3.5%,…(同口径)增长18.3%``: both are
  growths of 一般公共预算收入); the basis they are computed on (自然口径, 同口径) becomes the
  qualifier ``basis:<words>``. A share keeps its own words (``…亿元,占全国比重17%`` -> ``…占全国比重``).
- **a percent alone in a progress or status cell** (``80%`` in a 完成率 or 当前进度 column) is a
  completion rate.

The pass returns new claims (``model_copy``); the order and the spans are unchanged. Words come
from ``patterns/triggers.toml`` (``[metric] basis``, ``growth_noun``, ``share_start``, ``carry_filler``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from typing import Optional

import regex

from .models import Claim, Report, Task
from .rules import RuleSet, default_rules

CARRIED_KINDS = {"growth", "percent", "pp_change", "rank", "rank_change"}
SOURCE_KINDS = {"amount", "quantity"}
SENTENCE_BREAK = regex.compile(r"[。;；\n]")
# what may stand between an amount and the growth that carries its metric: punctuation, brackets,
# comparison words (同比, 比上年), the basis (自然口径) and nothing that names another measure
MAX_GAP = 24
FIELD_NAMES = {"progress": "progress_text", "status": "status_text"}


def _own_words(metric: Optional[str], rules: RuleSet) -> Optional[str]:
    """What a figure's metric says besides its basis (自然口径), or None when it names a measure
    of its own. ``""``: nothing (增长3.5% after 自然口径); a change noun (增幅, 增速) or a single
    character (量, 值) is kept and read after the carried metric (…余额增速, …出口量)."""
    if not metric:
        return ""
    basis, growth = rules.metric.get("basis"), rules.metric.get("growth_noun")
    filler = rules.metric.get("carry_filler")
    rest = basis.sub("", metric) if basis is not None else metric
    rest = filler.sub("", rest) if filler is not None else rest
    if len(rest) < 2 or (growth is not None and growth.fullmatch(rest)):
        return rest
    return None


def carry_metrics(claims: list[Claim], task: Task, rules: Optional[RuleSet] = None) -> list[Claim]:
    """The claims of one task, a growth/share/rank after an amount given the amount's metric."""
    out = list(claims)
    if not any(c.kind in CARRIED_KINDS for c in out):
        return out  # nothing that could carry a metric
    rules = rules or default_rules()
    basis = rules.metric.get("basis")
    share_start = rules.metric.get("share_start")
    order = sorted(range(len(out)), key=lambda i: (out[i].field, out[i].start))
    source: Optional[Claim] = None  # the amount whose metric carries, in this sentence
    prev: Optional[Claim] = None
    text = ""
    breaks: list[int] = []  # where the sentences of the field end
    for i in order:
        c = out[i]
        if prev is None or prev.field != c.field:
            text = task.field_text(c.field)
            breaks = [m.start() for m in SENTENCE_BREAK.finditer(text)]
            source = None
        elif c.start - prev.end > MAX_GAP or _breaks_between(breaks, prev.end, c.start):
            source = None
        if c.kind in SOURCE_KINDS and c.metric:
            source = c
        elif source is not None and c.kind in CARRIED_KINDS and c.metric != source.metric:
            share = share_start is not None and bool(share_start.match(c.metric or ""))
            own = c.metric if share else _own_words(c.metric, rules)
            if own is not None:
                gap = text[prev.end:c.start] if prev is not None else ""
                b = None
                if basis is not None:
                    found = basis.findall(gap) or basis.findall(c.metric or "")
                    b = found[-1] if found else None
                quals = list(c.qualifiers) + ([f"basis:{b}"] if b else [])
                metric = (source.metric or "") + own
                out[i] = c.model_copy(update={"metric": metric, "qualifiers": quals})
            else:
                source = None  # a figure that names its own measure ends the carry
        elif c.kind not in CARRIED_KINDS and c.kind != "completion":
            source = None
        prev = out[i]
    return out


def _breaks_between(breaks: list[int], start: int, end: int) -> bool:
    """Whether a sentence ends between two offsets (``breaks``: the sorted offsets of the breaks)."""
    i = bisect_left(breaks, start)
    return i < len(breaks) and breaks[i] < end


def lone_rates(claims: list[Claim], task: Task) -> list[Claim]:
    """A percent that is the whole of a progress or status cell (80%) is a completion rate."""
    out = list(claims)
    for i, c in enumerate(out):
        if c.kind == "percent" and c.field in FIELD_NAMES and not c.metric:
            cell = task.field_text(c.field).strip().rstrip("。.")
            if cell == c.text.strip():
                out[i] = c.model_copy(update={"kind": "completion"})
    return out


def refine(report: Report, claims: Iterable[Claim], rules: Optional[RuleSet] = None) -> list[Claim]:
    """Every claim of a report after the passes above (claims of paragraphs pass unchanged)."""
    rules = rules or default_rules()
    by_task: dict[Optional[str], list[Claim]] = {}
    order: list[Optional[str]] = []
    for c in claims:
        if c.task_id not in by_task:
            order.append(c.task_id)
        by_task.setdefault(c.task_id, []).append(c)
    tasks = {t.id: t for t in report.tasks}
    out: list[Claim] = []
    for tid in order:
        cs = by_task[tid]
        t = tasks.get(tid) if tid is not None else None
        if t is not None:
            cs = carry_metrics(lone_rates(cs, t), t, rules)
        out += cs
    return out
