"""The number-first engine (Rule.starts / needs / needs_within) and the anchored rules (Rule.anchor /
anchor_window) find exactly what finditer finds.

A number-led rule is tried only where a number starts and its unit follows over number
characters (extract._number_first_starts); an anchored rule runs only in windows around its
anchor. If the rule's data claimed a start, a unit, an anchor or a window the rule does not hold,
matches would be lost. Here every such rule runs both ways over every example of every rule, the
bundled sample and every layout fixture, and the matches must be the same.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import regex

from zsprogress import extract
from zsprogress.errors import PatternError
from zsprogress.normalize import fold
from zsprogress.rules import default_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = default_rules()
FIRST = [lr for lr in RULES.rules if lr.starts is not None]
ANCHORED = [lr for lr in RULES.rules if lr.anchor is not None]


def _texts() -> list[str]:
    out = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "fixtures" / "layouts").glob("*.txt"))]
    out += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    examples = [ex if isinstance(ex, str) else ex.text for lr in RULES.rules
                for ex in [*lr.rule.must_match, *lr.rule.must_not_match, *lr.rule.known_misses]]
    out.append(extract.SEGMENT_SEP.join(examples))
    return [fold(t) for t in out]


TEXTS = _texts()


def test_number_led_rules_are_number_first():
    # the five rules led by a number (claims of money, measures, counts, scaled numbers, percent)
    assert {lr.rule.id for lr in FIRST} >= {"AMT001", "QTY001", "QTY002", "QTY003", "PCT003"}


@pytest.mark.parametrize("lr", FIRST + ANCHORED, ids=[lr.rule.id for lr in FIRST + ANCHORED])
def test_same_matches_as_finditer(lr):
    assert len(TEXTS) > 5
    for text in TEXTS:
        passes = extract._Passes(text)
        got = [(m.span(), m.groupdict()) for m in extract._rule_matches(lr, text, passes)]
        want = [(m.span(), m.groupdict()) for m in lr.compiled.finditer(text)]
        assert got == want


def test_a_false_anchor_is_caught():
    # an anchor window too narrow for what the rule matches before its anchor loses matches
    lr = RULES.get("SKP001")
    text = fold("根据舟发改〔2024〕31号文件")
    fake = copy.copy(lr)
    fake.rule = copy.copy(lr.rule)
    fake.rule.anchor_window = (3, 2)
    assert [m.group() for m in extract._rule_matches(fake, text)] == []
    assert [m.group() for m in extract._rule_matches(lr, text)] == ["〔2024〕31号"]


def test_a_false_claim_is_caught():
    # a rule saying it needs 吨 when it does not: matches without 吨 are lost, which the
    # comparison above would report
    lr = RULES.get("AMT001")
    text = fold("全年投资153.57亿元,新增货物吞吐量3.5亿吨")
    fake = copy.copy(lr)
    fake.needs = regex.compile("吨")
    got = [m.group() for m in extract._rule_matches(fake, text, extract._Passes(text))]
    assert got != [m.group() for m in lr.compiled.finditer(text)]


@pytest.mark.parametrize("extra,msg", [
    ({"needs": "元"}, "needs and needs_within go together"),
    ({"needs": "元", "needs_within": "[0-9]"}, "needs is only used with starts"),
    ({"starts": "[0-9]", "anchor": "元"}, "an anchor or starts, not both"),
    ({"in_metric": True}, "in_metric is for a skip rule"),
])
def test_schema_refuses_half_declarations(extra, msg):
    from zsprogress.rule_schema import validate

    rule = {"id": "TST001", "name": "t", "summary": "t", "regex": "[0-9]+元", "kind": "amount",
            "must_match": [{"text": "5元"}], **extra}
    with pytest.raises(PatternError, match=msg):
        validate("patterns/t.toml", {"file": {"kind": "claims", "summary": "t"}, "rules": [rule]})
