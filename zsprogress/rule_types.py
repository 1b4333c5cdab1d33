"""The rule records (``Rule``, ``Example``, ``TableExample``), defined once: the engine
(:mod:`zsprogress.rules`) and its cache hold them, and :mod:`zsprogress.rule_schema` has Pydantic
validate a file's data straight into them. Plain dataclasses on the floor below both, so that
neither imports the other."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Literal, Optional, Union

from .vocab import ClaimKind

_FORBID_EXTRA = {"extra": "forbid"}  # Pydantic config: an unknown key in a rule file is an error


@dataclass(slots=True)
class Example:
    """A must / must-not example of a rule (what the value, unit... of the match must be)."""

    __pydantic_config__ = _FORBID_EXTRA

    text: str
    value: Optional[float] = None
    unit: Optional[str] = None
    scope: Optional[str] = None
    skip: Optional[str] = None
    period: Optional[str] = None
    end_month: Optional[int] = None
    why: Optional[str] = None


@dataclass(slots=True)
class TableExample:
    """Examples for a regex of a table (triggers.toml): ``table.key`` must / must not find them."""

    __pydantic_config__ = _FORBID_EXTRA

    table: Literal["metric", "roles", "money", "progress"]
    key: str
    at_start: bool = False  # the regex is used at a position (match), not searched
    must_match: list[str] = field(default_factory=list)
    must_not_match: list[str] = field(default_factory=list)


def _examples(items: list) -> list:
    return [x if isinstance(x, str) else Example(**x) for x in items]


@dataclass(slots=True)
class Rule:
    """One rule of a claims, skips or periods file (validated by rule_schema.validate)."""

    __pydantic_config__ = _FORBID_EXTRA

    id: str  # three capitals and three digits (rule_schema checks it)
    name: str
    summary: str
    regex: str
    kind: Optional[ClaimKind] = None  # claim kind; None for skips and periods
    unit: Optional[str] = None
    sign: Union[int, Literal["direction", "value"], None] = None
    multi: bool = False
    # the phrase before the claim names what it measures (投资完成率68%): linking checks it
    own_metric: bool = False
    # a skip whose span can be part of the words naming a figure's measure (“一条鱼”产值,
    # PM2.5平均浓度, 十亿级产业项目): the metric of a figure after it runs through it
    in_metric: bool = False
    # a literal every match contains (百分点, bp): the rule then runs only in windows of
    # [before, after] characters around its occurrences, not over the whole text
    anchor: Optional[str] = None
    anchor_window: tuple[int, int] = (64, 16)
    # number first (extract.py): ``starts`` matches at every position where a match can begin
    # (for a number-led rule: {NUMBER_START}); with ``needs``, every match holds a match of
    # ``needs`` (its unit) beginning after its start, with only characters of the one-character
    # class ``needs_within`` ({NUMBER_CHAR}) between. The rule is then tried (pattern.match)
    # only at such starts, never scanned over the whole text; a claim that is not true of the
    # rule loses matches, which tests/test_number_first.py catches.
    starts: Optional[str] = None
    needs: Optional[str] = None
    needs_within: Optional[str] = None
    qualifiers: list[str] = field(default_factory=list)
    value_from: Optional[Literal["tenths", "fraction", "permille", "none"]] = None
    reason: Optional[str] = None
    end_month: Union[int, str, None] = None
    must_match: list[Example] = field(default_factory=list)
    must_not_match: list[Union[str, Example]] = field(default_factory=list)
    known_misses: list[Example] = field(default_factory=list)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Rule:
        d = dict(d)
        for k in ("must_match", "must_not_match", "known_misses"):
            d[k] = _examples(d.get(k) or [])
        d["anchor_window"] = tuple(d.get("anchor_window") or (64, 16))
        return cls(**d)

    def as_dict(self) -> dict[str, Any]:
        """The rule as plain data (``zsprogress rules ID -f json``)."""
        def plain(v: Any) -> Any:
            if isinstance(v, Example):
                return {f.name: getattr(v, f.name) for f in fields(v)}
            if isinstance(v, (list, tuple)):
                return [plain(x) for x in v]
            return v

        return {f.name: plain(getattr(self, f.name)) for f in fields(self)}
