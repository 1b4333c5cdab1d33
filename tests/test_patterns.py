"""Every example in patterns/*.toml is a test: `pytest -k CMP001` runs one rule's examples.

must_match: the rule fires on the text (through the whole engine, so a rule that another rule
shadows fails here) with the value, unit, scope, skipped text or period given.
must_not_match: the rule does not fire on the text. known_misses run as xfail(strict=True).
"""

from __future__ import annotations

import math

import pytest

from zsprogress.extract import extract_text
from zsprogress.rules import default_rules

RULES = default_rules()


def _cases(kind: str):
    for lr in RULES.rules:
        r = lr.rule
        if kind == "match":
            for i, ex in enumerate(r.must_match):
                yield pytest.param(lr, ex, id=f"{r.id}-match-{i}")
        elif kind == "nomatch":
            for i, ex in enumerate(r.must_not_match):
                yield pytest.param(lr, ex if isinstance(ex, str) else ex.text, id=f"{r.id}-nomatch-{i}")
        else:
            for i, ex in enumerate(r.known_misses):
                yield pytest.param(lr, ex, id=f"{r.id}-miss-{i}",
                                   marks=pytest.mark.xfail(strict=True, reason=ex.why or "known miss"))


def _fired(lr, text):
    res = extract_text(text, RULES)
    rid = lr.rule.id
    if lr.family == "claims":
        return [c for c in res.claims if c.rule_id == rid], res
    if lr.family == "skips":
        return [s for s in res.skips if s.rule_id == rid], res
    return [p for p in res.periods if _period_rule(p, text, res) == rid], res


def _period_rule(p, text, res):
    # periods carry no rule id; find it by re-running each period rule at that position
    for lr in RULES.rules:
        if lr.family == "periods":
            m = lr.compiled.match(text.replace("\u00a0", " "), p.start)
            if m and m.end() == p.end:
                return lr.rule.id
    return None


def _check(lr, ex):
    hits, res = _fired(lr, ex.text)
    assert hits, f"{lr.rule.id} did not fire on {ex.text!r}; claims: " + \
        ", ".join(f"{c.rule_id}:{c.text}" for c in res.claims) + "; skips: " + \
        ", ".join(f"{s.rule_id}:{s.text}" for s in res.skips)
    if lr.family == "claims":
        ok = [c for c in hits
              if (ex.value is None or (c.value is not None and math.isclose(c.value, ex.value, rel_tol=1e-9)))
              and (ex.unit is None or c.unit == ex.unit)
              and (ex.scope is None or c.scope == ex.scope)]
        assert ok, f"{lr.rule.id} on {ex.text!r}: got " + \
            ", ".join(f"{c.text}={c.value} {c.unit} scope={c.scope}" for c in hits)
    elif lr.family == "skips":
        assert any(s.text == ex.skip for s in hits), [s.text for s in hits]
    else:
        assert any(p.text == ex.period and (ex.end_month is None or p.end_month == ex.end_month)
                   for p in hits), [(p.text, p.end_month) for p in hits]


@pytest.mark.parametrize("lr,ex", list(_cases("match")))
def test_must_match(lr, ex):
    _check(lr, ex)


@pytest.mark.parametrize("lr,text", list(_cases("nomatch")))
def test_must_not_match(lr, text):
    hits, _ = _fired(lr, text)
    assert not hits, f"{lr.rule.id} fired on {text!r}"


@pytest.mark.parametrize("lr,ex", list(_cases("miss")))
def test_known_misses(lr, ex):
    _check(lr, ex)


def test_every_rule_documented():
    for lr in RULES.rules:
        assert lr.rule.summary.strip(), lr.rule.id
        assert lr.rule.must_match, lr.rule.id


def test_top_level_branches():
    from zsprogress.rules import top_level_branches

    assert top_level_branches(r"a|b(c|d)|[|]e|\|x|[]|]y") == ["a", "b(c|d)", "[|]e", r"\|x", "[]|]y"]
    assert top_level_branches("(?:a|b)") == ["(?:a|b)"]


def test_number_words_come_from_numbers_toml(tmp_path):
    """The parser's word lists are data: edit numbers.toml and the parse changes."""
    from zsprogress.extract import _words
    from zsprogress.normalize import parse_number
    from zsprogress.rules import load_rules, patterns_dir

    assert parse_number("廿二", _words(RULES)) == 22
    for f in patterns_dir().glob("*.toml"):
        text = f.read_text(encoding="utf-8")
        if f.name == "numbers.toml":
            text = text.replace('"廿" = "二十", ', "")
        (tmp_path / f.name).write_text(text, encoding="utf-8")
    assert parse_number("廿二", _words(load_rules(tmp_path))) is None


def _table_cases():
    for ex in RULES.table_examples:
        for i, text in enumerate(ex.must_match):
            yield pytest.param(ex, text, True, id=f"{ex.table}.{ex.key}-match-{i}")
        for i, text in enumerate(ex.must_not_match):
            yield pytest.param(ex, text, False, id=f"{ex.table}.{ex.key}-nomatch-{i}")


@pytest.mark.parametrize("ex,text,found", list(_table_cases()))
def test_table_examples(ex, text, found):
    rx = getattr(RULES, ex.table)[ex.key]
    hit = rx.match(text) if ex.at_start else rx.search(text)
    assert (hit is not None) == found, (ex.table, ex.key, text)
