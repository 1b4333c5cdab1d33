"""The schema of the claim-rule files of patterns/ (every kind but ``layout``), validated with Pydantic.

Imported only when the TOML files are read and checked (``rules.load_rules()``, a cache miss):
the cached rules need no schema, so these models cost nothing on a run that hits the cache.
:func:`validate` turns a file's TOML data into a :class:`PatternFile` or a ``PatternError``
naming the file and the rule.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Optional

import regex
from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError, field_validator

from . import rule_types as rules  # the records validated into (rule_types.py)
from .errors import PatternError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# Rule, Example and TableExample are the dataclasses of rules.py (one definition): Pydantic
# validates a rule file's data into them directly. What holds across fields is checked here.

Example = rules.Example
TableExample = rules.TableExample


def _checked_rule(r: rules.Rule) -> rules.Rule:
    """The checks across a rule's fields: number-first fields declared whole, an anchor or a
    number-first start (not both), in_metric only for skips, the id's shape."""
    if not regex.fullmatch(r"[A-Z]{3}\d{3}", r.id):
        raise ValueError("rule ids are three capitals and three digits, e.g. CMP001")
    if (r.needs is None) != (r.needs_within is None):
        raise ValueError("needs and needs_within go together")
    if r.needs is not None and r.starts is None:
        raise ValueError("needs is only used with starts")
    if r.starts is not None and r.anchor is not None:
        raise ValueError("a rule has an anchor or starts, not both")
    if r.in_metric and (r.kind is not None or r.reason is None):
        raise ValueError("in_metric is for a skip rule (a reason, no kind)")
    return r


Rule = Annotated[rules.Rule, AfterValidator(_checked_rule)]


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
