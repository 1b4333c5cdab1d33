"""The schema of the claim-rule files of patterns/ (every kind but ``layout``), validated with Pydantic.

Imported only when the TOML files are read and checked (``rules.load_rules()``, a cache miss):
the cached rules need no schema, so these models cost nothing on a run that hits the cache.
:func:`validate` turns a file's TOML data into a :class:`PatternFile` or a ``PatternError``
naming the file and the rule.
"""

from __future__ import annotations

from typing import Any, Literal, Optional, Union

import regex
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from .errors import PatternError
from .vocab import ClaimKind


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Example(_Strict):
    text: str
    value: Optional[float] = None
    unit: Optional[str] = None
    scope: Optional[str] = None
    skip: Optional[str] = None
    period: Optional[str] = None
    end_month: Optional[int] = None
    why: Optional[str] = None


class Rule(_Strict):
    id: str
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
    qualifiers: list[str] = []
    value_from: Optional[Literal["tenths", "fraction", "permille", "none"]] = None
    reason: Optional[str] = None
    end_month: Union[int, str, None] = None
    must_match: list[Example] = []
    must_not_match: list[Union[str, Example]] = []
    known_misses: list[Example] = []

    @model_validator(mode="after")
    def _number_first(self) -> Rule:
        if (self.needs is None) != (self.needs_within is None):
            raise ValueError("needs and needs_within go together")
        if self.needs is not None and self.starts is None:
            raise ValueError("needs is only used with starts")
        if self.starts is not None and self.anchor is not None:
            raise ValueError("a rule has an anchor or starts, not both")
        if self.in_metric and (self.kind is not None or self.reason is None):
            raise ValueError("in_metric is for a skip rule (a reason, no kind)")
        return self

    @field_validator("id")
    @classmethod
    def _id_shape(cls, v: str) -> str:
        if not regex.fullmatch(r"[A-Z]{3}\d{3}", v):
            raise ValueError("rule ids are three capitals and three digits, e.g. CMP001")
        return v


class NumberWordLists(_Strict):
    """The [words] table of numbers.toml: what the number parser needs besides digits and scales."""

    negative_signs: str
    points: str
    vague_between: str
    not_positional: str
    abbreviations: dict[str, str] = {}
    not_numbers: list[str] = []
    single_word_chars: str = ""
    traditional: str = ""  # pairs "億亿 萬万 ...": traditional character, then its simplified form

    @field_validator("traditional")
    @classmethod
    def _pairs(cls, v: str) -> str:
        bad = [p for p in v.split() if len(p) != 2]
        if bad:
            raise ValueError(f"traditional: each entry is two characters (traditional, simplified): {bad[:3]}")
        return v


class TableExample(_Strict):
    """Examples for a regex of a table (triggers.toml): ``table.key`` must / must not find them."""

    table: Literal["metric", "roles", "money", "progress"]
    key: str
    at_start: bool = False  # the regex is used at a position (match), not searched
    must_match: list[str] = []
    must_not_match: list[str] = []


class FileHeader(_Strict):
    kind: Literal["numbers", "units", "triggers", "claims", "skips", "periods", "layout"]
    summary: str
    priority: int = 100


class Unit(_Strict):
    canonical: str
    kind: Literal["amount", "quantity"]
    dimension: str
    aliases: list[str]
    factor: float = 1
    not_before: str = ""


class Classifiers(_Strict):
    kind: Literal["quantity"]
    aliases: list[str]
    not_before: dict[str, str] = {}


class Qualifier(_Strict):
    before: Optional[str] = None
    after: Optional[str] = None
    inside: Optional[str] = None
    clause: Optional[str] = None


class PatternFile(_Strict):
    file: FileHeader
    fragments: dict[str, str] = {}
    rules: list[Rule] = []
    digits: dict[str, int] = {}
    scales: dict[str, int] = {}
    decimal_points: dict[str, str] = {}
    vague: dict[str, list[int]] = {}
    words: Optional[NumberWordLists] = None
    examples: list[TableExample] = []
    units: list[Unit] = []
    classifiers: Optional[Classifiers] = None
    qualifiers: dict[str, Qualifier] = {}
    metric: dict[str, str] = {}
    roles: dict[str, str] = {}
    synonyms: dict[str, str] = {}
    money: dict[str, str] = {}
    progress: dict[str, str] = {}


def validate(name: str, data: dict[str, Any]) -> PatternFile:
    """The validated file ``name`` (``patterns/x.toml``); a PatternError names the file and rule."""
    try:
        return PatternFile.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        loc = err["loc"]
        rid = ""
        if loc and loc[0] == "rules" and len(loc) > 1 and isinstance(loc[1], int):
            try:
                rid = data["rules"][loc[1]].get("id", f"rule #{loc[1] + 1}") + ": "
            except (KeyError, IndexError, AttributeError):
                pass
        raise PatternError(f"{name}: {rid}{'.'.join(map(str, loc))}: {err['msg']}") from None
