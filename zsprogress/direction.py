"""Whether a higher or a lower actual is better for a target, and which figures compare with it.

Lower is better for: a ceiling (控制在…以内, 不超过), a rank, a reduction target (a negative
change: ``单位GDP能耗下降3%`` is -3, met by ``下降4.2%`` = -4.2), and a measure that is a cost or
a harm (PM2.5浓度, 事故, 失业率, 价格涨幅: ``[metric] lower_better`` in patterns/triggers.toml).
Everything else is higher-is-better.

A percent whose metric names a change rate (``居民消费价格涨幅控制在3%以内``: ``[metric]
growth_noun``) is compared with growth figures (``上涨2.1%``), not with shares.
"""

from __future__ import annotations

from typing import Literal, Optional

from .models import Claim
from .rules import RuleSet, default_rules

Direction = Literal["higher", "lower"]
CHANGE_KINDS = {"growth", "pp_change", "bp_change", "rank_change"}


def direction(target: Claim, rules: Optional[RuleSet] = None) -> Direction:
    rules = rules or default_rules()
    if "upper_bound" in target.qualifiers or target.kind == "rank":
        return "lower"
    if target.kind in CHANGE_KINDS and target.value is not None and target.value < 0:
        return "lower"  # a reduction: the more it falls, the better
    lower, reduced = rules.metric.get("lower_better"), rules.metric.get("reduction_verb")
    if lower is not None and target.metric and lower.search(target.metric) \
            and target.kind not in CHANGE_KINDS and target.kind != "completion" \
            and not (reduced is not None and reduced.search(target.metric)):
        return "lower"  # PM2.5浓度35微克: a level of a harm (削减…排放1000吨 is a reduction done)
    return "higher"


def is_change_rate(c: Claim, rules: Optional[RuleSet] = None) -> bool:
    """A growth, or a percent whose metric names a change rate (涨幅控制在3%以内)."""
    if c.kind == "growth":
        return True
    if c.kind != "percent" or not c.metric:
        return False
    rules = rules or default_rules()
    rx = rules.metric.get("growth_noun")
    return rx is not None and bool(rx.search(c.metric))
