"""Records built on the hot path without Pydantic's validation (``Record.trusted``) are exactly
what validation would have made: every claim and skip of the sample and of every layout fixture,
validated again, has the same fields with the same values of the same types."""

from __future__ import annotations

from pathlib import Path

import pytest

from zsprogress import api
from zsprogress.models import Claim, Skip
from zsprogress.read import read
from zsprogress.segment import segment

ROOT = Path(__file__).resolve().parent.parent
REPORTS = [None, *sorted((ROOT / "tests" / "fixtures" / "layouts").glob("*.txt"))]


def _typed(record) -> dict:
    return {k: (type(v), v) for k, v in record.__dict__.items()}


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: "sample" if p is None else p.name)
def test_trusted_records_validate_to_themselves(path):
    report = segment(read(path))
    res = api.extract_claims(report)
    records = [*res.claims, *res.skips]
    if path is None:
        assert len(res.claims) > 500 and len(res.skips) > 200
    for r in records:
        again = type(r).model_validate(dict(r.__dict__))
        assert _typed(again) == _typed(r), r
        assert list(r.__dict__) == list(type(r).model_fields)  # every field given, in order


def test_trusted_skips_validation():
    # what validation would refuse goes through: trusted is for our own values only
    bad = Skip.trusted(task_id=None, field="progress", text="x", start="0", end=1, reason="r", rule_id="S")
    assert bad.start == "0"
    with pytest.raises(ValueError):
        Claim(task_id=None, field="progress", kind="no such kind", text="x", start=0, end=1, rule_id="R")


def test_a_rule_of_an_unknown_claim_kind_is_refused_at_load():
    # claims are not validated one by one (Record.trusted): what they take from the rule data is
    # validated when the rules are read, so a kind no record allows never reaches a claim
    from zsprogress.errors import PatternError
    from zsprogress.rule_schema import validate

    rule = {"id": "TST001", "name": "t", "summary": "t", "regex": "[0-9]+克", "kind": "weight",
            "must_match": [{"text": "5克"}]}
    with pytest.raises(PatternError, match="kind"):
        validate("patterns/t.toml", {"file": {"kind": "claims", "summary": "t"}, "rules": [rule]})
    validate("patterns/t.toml", {"file": {"kind": "claims", "summary": "t"}, "rules": [{**rule, "kind": "quantity"}]})
