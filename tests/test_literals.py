"""The literal prefilter of the rules (zsprogress.literals, LoadedRule.may_match) never skips a
rule that would match: checked over every must_match example of patterns/ and every field of the
sample and the layout fixtures, rule by rule, against the rule's own regexes. And the rules are
compiled lazily: a short text compiles only the rules whose triggers it holds."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from zsprogress import api
from zsprogress.extract import FIELDS, _rule_matches, _words
from zsprogress.literals import best, required
from zsprogress.normalize import fold
from zsprogress.rules import cached_load, default_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = default_rules()


@pytest.mark.parametrize("src, want", [
    ("abc", {"abc"}),
    ("a(?:b|c)d", {"a"}),                  # one literal of the sequence: the first of the best
    ("x?y+", {"y"}),
    ("[ab]c{2}", {"cc"}),
    ("(?=完成)\\d+", {"完成"}),             # a positive lookahead looks at the text
    ("(?<=达到)\\d+", {"达到"}),
    ("(?!x)y", {"y"}),                      # a negative one needs nothing
    ("\\d+(?:亿|万)元?", {"亿", "万"}),
    ("a{0,3}b", {"b"}),
    ("(?:了)+", {"了"}),
    ("(?P<v>\\d+)\\s*%", {"%"}),
    ("[\\u4e00-\\u4e01]x?", {"\u4e00", "\u4e01"}),
    ("(?:a|)b", {"b"}),
    ("\\.5", {".5"}),
])
def test_required_literals(src, want):
    assert required(src) == frozenset(want)
    if "(?" not in src:  # and a text made of one of them is one the pattern may match
        assert all(regex.search(src, "") is None for _ in want)


@pytest.mark.parametrize("src", [
    "(?i)abc",           # case-insensitive: a literal may occur in another case
    "(?x)a b",           # verbose
    "a|\\d",             # a branch needs nothing known
    "a*",                # may repeat zero times
    "\\L<units>",        # named list
    "(?(1)a|b)",         # conditional
    "(?&num)",           # subroutine
    "[^a]",              # negated class
    ".+",
    "(?:abc){e<=1}",     # fuzzy
    "a{,3}",
])
def test_what_it_cannot_tell_gets_no_prefilter(src):
    assert required(src) is None


def test_best_takes_the_fewest_then_the_longest():
    assert best([None, frozenset({"a", "b"}), frozenset({"c"})]) == frozenset({"c"})
    assert best([frozenset({"x"}), frozenset({"完成"})]) == frozenset({"完成"})
    assert best([None, None]) is None


def _folded(text: str) -> str:
    return fold(text, _words(RULES).script)


def _matches(lr, folded: str) -> list:
    return [m for m in _rule_matches(lr, folded) if m.end() > m.start()]


def test_most_rules_have_a_prefilter():
    assert sum(lr.triggers is not None for lr in RULES.rules) >= len(RULES.rules) * 3 // 4


@pytest.mark.parametrize("lr", RULES.rules, ids=lambda lr: lr.rule.id)
def test_every_must_match_example_passes_its_rules_prefilter(lr):
    for ex in lr.rule.must_match:
        folded = _folded(ex.text)
        assert lr.may_match(folded), (lr.rule.id, ex.text, sorted(lr.triggers or ()))
        assert lr.may_match(folded, frozenset(folded))
        # and any other rule that matches the example passes its own prefilter too
        for other in RULES.rules:
            if _matches(other, folded):
                assert other.may_match(folded, frozenset(folded)), (other.rule.id, ex.text)


def _fields() -> list[tuple[str, str]]:
    out = []
    srcs = [None] + sorted(str(p) for p in (ROOT / "tests" / "fixtures" / "layouts").glob("*.txt"))
    for src in srcs:
        name = Path(src).name if src else "sample"
        report = api.parse_report(src)
        for t in report.tasks:
            for fname, _ in FIELDS:
                text = t.field_text(fname)
                if text:
                    out.append((f"{name}:{t.id}:{fname}", text))
        out += [(f"{name}:L{p.line}", p.text) for p in report.paragraphs if p.text]
    return out


def test_no_rule_that_matches_a_field_is_filtered_out():
    """Every field of the sample and of the layout fixtures, every rule: where the rule's regexes
    find a match in the field, the prefilter lets the rule run on it."""
    fields = _fields()
    assert len(fields) > 500
    checked = 0
    for where, text in fields:
        folded = _folded(text)
        chars = frozenset(folded)
        for lr in RULES.rules:
            if lr.triggers is None:
                continue
            passes = lr.may_match(folded, chars)
            if not passes:
                assert not _matches(lr, folded), (lr.rule.id, where, text)
                checked += 1
    assert checked > 5000  # the prefilter does skip rules on single fields


def test_a_short_text_compiles_only_the_rules_it_may_need(tmp_path, monkeypatch):
    from zsprogress.extract import extract_text

    monkeypatch.setenv("ZSPROGRESS_CACHE_DIR", str(tmp_path))
    rs = cached_load()  # a fresh rule set: nothing compiled yet
    assert not any("compiled" in vars(lr) or "branches" in vars(lr) for lr in rs.rules)
    res = extract_text("完成年度目标的61%", rs)
    assert [c.rule_id for c in res.claims] == ["CMP001"]
    ran = [lr for lr in rs.rules if "branches" in vars(lr) or "compiled" in vars(lr) or "starts" in vars(lr)]
    assert rs.get("CMP001") in ran
    assert len(ran) < len(rs.rules) // 2, [lr.rule.id for lr in ran]
    assert all(lr.may_match(_folded("完成年度目标的61%")) for lr in ran)


@pytest.mark.parametrize("src, want", [
    ("[亿万]元", {"元"}),                       # a set of two beside a literal: the literal is more selective
    ("[亿万]", {"亿", "万"}),
    ("[\\-+]", {"-", "+"}),                     # an escaped punctuation is itself
    ("[\\x41-\\x43]", {"A", "B", "C"}),         # a range between code points
    ("[a-c]", {"a", "b", "c"}),
    ("[a-\\x63]", {"a", "b", "c"}),             # a range to a code point
    ("[a-]", {"a", "-"}),                       # a '-' last is a character
    ("[]a]", {"]", "a"}),                       # a ']' first is a character
    ("[\\t]", {"\t"}),
])
def test_sets(src, want):
    assert required(src) == frozenset(want)


@pytest.mark.parametrize("src", [
    "[\\d元]",          # a class escape in a set: nothing known
    "[\\p{Han}]",
    "[\\pL]",
    "[一-龥]",          # a range wider than MAX_CLASS
    "[a-\\d]",          # a range to a class escape
    "[[:alpha:]]",      # a nested set or POSIX class
    "[\\q]",            # an escape it does not know
])
def test_sets_it_cannot_tell(src):
    assert required(src) is None
