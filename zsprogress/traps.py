"""Figures that look like the actual of a target but are not, and what a figure's clause says.

Linking (:mod:`zsprogress.link`) asks these questions of a candidate actual:

- does it only **restate** the target (the same value and unit used as a threshold,
  ``收入50万元以上行政村``; as the subject of a clause that reports another figure,
  ``245个市重点项目累计完成投资352.9亿元``; as the scope of work under way,
  ``建设3座桥…进展顺利``; or as a name in a clause with no completion verb,
  ``跨江3座桥梁主体结构施工中``)?
- is it a **share** (``占比``, ``比重``) or a **level** (``…率``)? A share reports on a share only.
- is it the progress of the things it counts (``6个花园村庄进度57.3%``), not a rate of the count?
- what does a percent target that starts its clause measure (``75%以上行政村集体经济…达到50万元``:
  a share of the words after it)?

The words are ``[metric]`` and ``[progress]`` keys of patterns/triggers.toml.
"""

from __future__ import annotations

import re
from typing import Optional

from .models import Claim
from .rules import RuleSet

CLAUSE_MARKS = ",，。;；\n"
WINDOW = 40  # characters either side of a figure that its clause is looked for in
MIN_NAME = 4  # a target's name this long, printed verbatim after a count, says what it counts


# read from a figure: forward, the run of words before the next clause mark; backward, all up to
# the last clause mark (stdlib re: on these short windows it is several times faster than regex)
CLAUSE_RUN = re.compile("[^" + re.escape(CLAUSE_MARKS) + "]*")
UP_TO_LAST_MARK = re.compile(".*[" + re.escape(CLAUSE_MARKS) + "]", re.DOTALL)


def clause_before(text: str, c: Claim) -> str:
    """The words of the clause before a figure (from the last , ; 。), at most ``WINDOW`` long."""
    lo = max(0, c.start - WINDOW)
    m = UP_TO_LAST_MARK.match(text, lo, c.start)
    return text[m.end() if m else lo:c.start]


def clause_after(text: str, c: Claim) -> str:
    """The words of the clause after a figure (up to the next , ; 。), at most ``WINDOW`` long."""
    m = CLAUSE_RUN.match(text, c.end, c.end + WINDOW)
    return text[c.end:m.end()] if m else ""


def _ends(c: Claim, key: str, rules: RuleSet) -> bool:
    rx = rules.metric.get(key)
    return c.kind == "percent" and bool(c.metric and rx is not None and rx.search(c.metric))


def is_share(c: Claim, rules: RuleSet) -> bool:
    return _ends(c, "share_end", rules)


def is_level(c: Claim, rules: RuleSet) -> bool:
    return _ends(c, "level_end", rules)


def share_noun(c: Claim, rules: RuleSet) -> str:
    """What a share counts: 50万元以上行政村占比 -> 行政村 (empty when it is not a share)."""
    if not is_share(c, rules):
        return ""
    strip = rules.metric.get("share_noun_strip")
    return strip.sub("", c.metric or "") if strip is not None else c.metric or ""


def share_phrase(t: Claim, text: str, rules: RuleSet) -> Optional[str]:
    """What a percent target that begins its clause is a share of: 75%以上行政村集体经济经营性年收入
    达到50万元 -> 行政村集体经济经营性年收入."""
    if t.kind != "percent" or clause_before(text, t).strip():
        return None
    after = text[t.end:t.end + 30]
    opener, stop = rules.metric.get("share_after_open"), rules.metric.get("share_after_stop")
    if opener is not None:
        after = opener.sub("", after)
    m = stop.search(after) if stop is not None else None
    phrase = after[:m.start()] if m else after
    return phrase if len(phrase) >= 2 else None


def named(metric: Optional[str], rules: RuleSet) -> Optional[str]:
    """What a target names, without its increment word (新增省级风貌样板区 -> 省级风貌样板区):
    a count whose clause names it verbatim reports on it."""
    if not metric:
        return None
    inc = rules.metric.get("increment")
    name = inc.sub("", metric) if inc is not None else metric
    return name if len(name) >= MIN_NAME else None


def restates(t: Claim, a: Claim, text: Optional[str], rules: RuleSet) -> bool:
    """Whether a figure only repeats the target (see the module docstring)."""
    if t.value is None or a.value != t.value or a.unit != t.unit or t.kind != a.kind or text is None:
        return False
    after = text[a.end:a.end + 16]
    threshold = rules.metric.get("threshold_after")
    if "lower_bound" in a.qualifiers and threshold is not None and threshold.match(after):
        return True
    if a.kind == "quantity" and any(ch.isdigit() for ch in clause_after(text, a)):
        return True  # 245个市重点项目累计完成纳统投资352.9亿元: the subject, what the sentence is about
    underway = rules.progress.get("underway")
    if underway is not None and bool(underway.search(after)) and "cumulative" not in a.qualifiers:
        return True
    return names_only(a, text, rules)


def names_only(a: Claim, text: str, rules: RuleSet) -> bool:
    """A count of the target's size in a clause with no completion verb (``[progress]
    result_verb``: 建成, 完成, 开工, 累计…) repeats the project's name, it reports no result:
    鳌江跨江3座桥梁主体结构施工中 for 建成鳌江跨江桥梁3座 (only called for a figure of the same
    value and unit as the target)."""
    verb = rules.progress.get("result_verb")
    if a.kind != "quantity" or verb is None:
        return False
    return not verb.search(clause_before(text, a) + a.text + clause_after(text, a))


def is_subpart(text: Optional[str], a: Claim, rules: RuleSet) -> bool:
    """A figure in a 其中 clause: a part of the whole before it."""
    rx = rules.metric.get("subpart")
    return text is not None and rx is not None and bool(rx.search(clause_before(text, a)))


def rate_of_noun(a: Claim, rate: Claim, text: Optional[str]) -> bool:
    """6个花园村庄进度57.3%: a rate right after a count and its noun is the progress of the things
    counted, not the count's share of the target."""
    if text is None or a.kind != "quantity" or rate.start < a.end:
        return False
    return not any(ch in CLAUSE_MARKS + "、(（" for ch in text[a.end:rate.start])


def listed(gap: str) -> bool:
    """The text between two items of one list: a list mark, no sentence end."""
    return len(gap) <= 30 and any(x in gap for x in "、+＋") and not any(x in gap for x in "。;；\n")
