"""Cases for the named units of extract.py and normalize.py (one heuristic each), and for
api.extract_claims leaving its arguments unchanged. Expected values are read from the phrases."""

from __future__ import annotations

import pytest

import zsprogress
from zsprogress.extract import extract_text
from zsprogress.normalize import NumberWords, find_numbers, parse_number
from zsprogress.rules import default_rules


@pytest.fixture(scope="module")
def words() -> NumberWords:
    rs = default_rules()
    return NumberWords(rs.digits, rs.scales, rs.vague, rs.number_words)


def claims(text: str, role: str = "actual"):
    return extract_text(text, role=role).claims


# --- _read_period / _comparison_base ----------------------------------------------------------

def test_period_is_kept_as_the_figures_period():
    r = extract_text("一季度全市生产总值增长5.2%")
    assert [p.text for p in r.periods] == ["一季度"]
    assert r.claims[0].period == "一季度"


def test_period_after_a_comparison_word_is_a_base_not_a_period():
    r = extract_text("全市生产总值较一季度提高1.2个百分点")
    assert r.periods == []
    assert all(c.period is None for c in r.claims)


# --- _signed / _value_range / _unit_of ---------------------------------------------------------

def test_a_fall_is_negative():
    (c,) = claims("单位GDP能耗下降3%")
    assert c.value == -3


def test_the_scale_of_a_range_end_applies_to_both_ends():
    (c,) = claims("完成投资3-5亿元")
    assert (c.value, c.value_max) == (3e8, 5e8)


# --- _implied_money ----------------------------------------------------------------------------

def test_a_scaled_count_about_money_is_an_amount():
    (c,) = claims("完成投资5.7亿")
    assert c.kind == "amount"
    assert "unit_implied" in c.qualifiers


def test_a_scaled_count_followed_by_a_noun_stays_a_count():
    cs = claims("接待游客5亿人次")
    assert all("unit_implied" not in c.qualifiers for c in cs)


# --- _restates_target ----------------------------------------------------------------------------

def test_a_figure_after_a_target_cue_in_progress_is_a_target():
    cs = claims("计划新增企业10家,已完成8家")
    assert [(c.value, c.role) for c in cs] == [(10, "target"), (8, "actual")]


# --- _distribute ---------------------------------------------------------------------------------

def test_each_figure_of_a_run_gets_its_part_of_the_subject():
    cs = claims("铁矿石、煤炭接卸能力分别达1.26亿吨、2600万吨")
    assert [c.metric for c in cs] == ["铁矿石接卸能力", "煤炭接卸能力"]


# --- normalize: _Sections, _half, _fraction ------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("两千六", 2600), ("四万万", 4e8), ("一万五千亿", 1.5e12), ("十余万", 100000), ("一百零一万", 1010000),
    ("5万4千6百", 54600), ("半百", 50), ("十五", 15), ("二〇二四", 2024),
])
def test_integer_words(words, text, value):
    assert parse_number(text, words) == value


@pytest.mark.parametrize("text", ["五十千", "一二百", "万", "零万", "半天"])
def test_not_integers(words, text):
    assert parse_number(text, words) is None


def test_fractions_and_percent_prefix(words):
    text = "百分之五十,五分之一,1 3/5,3又一千分之23"
    found = [(text[a:b], v) for a, b, v in find_numbers(text, words)]
    assert found == [("五十", 50), ("五分之一", 0.2), ("1 3/5", 1.6), ("3又一千分之23", 3.023)]


# --- api: new records, arguments unchanged -----------------------------------------------------

def test_extract_claims_does_not_change_the_report():
    report = zsprogress.parse_report()
    before = [t.stated_status for t in report.tasks]
    dumped = report.model_dump(mode="json")
    cs = zsprogress.extract_claims(report)
    assert [t.stated_status for t in report.tasks] == before
    assert report.model_dump(mode="json") == dumped
    assert cs.report is not report
    assert [t.id for t in cs.report.tasks] == [t.id for t in report.tasks]
    assert any(t.stated_status is not None for t in cs.report.tasks)


def test_completion_table_sees_the_stated_status():
    report = zsprogress.parse_report()
    rows = zsprogress.completion_table(report)
    assert all(t.stated_status is None for t in report.tasks)
    assert any(r.stated_status is not None for r in rows)


# --- normalize._plain_decimal: the string test that replaced a regex fullmatch ------------------

@pytest.mark.parametrize("t", ["12", "153.57", ".5", "1.", ".", "", "1.2.3", "-3", "1e5", "٣٤", "1 2", "１２", "12a"])
def test_plain_decimal_is_the_regex(t):
    import re

    from zsprogress.normalize import _plain_decimal

    assert _plain_decimal(t) == bool(re.fullmatch(r"\d+(?:\.\d+)?|\.\d+", t))


# --- _Context.may: a cue is searched only where one of its words is ------------------------------

def test_cue_lookup_finds_words_inside_the_window_only():
    from zsprogress.extract import _Context

    ctx = _Context([], [], [], [], cues={"k": ([2, 10], [4, 12])})
    assert ctx.may("k", 0, 4) and ctx.may("k", 10, 20)
    assert not ctx.may("k", 3, 10)  # the first word starts before the window, the second at its end
    assert not ctx.may("k", 0, 3)  # a word that runs past the window's end is not in it
    assert ctx.may("other", 0, 1)  # a cue without a prefilter is always searched
    ctx.off = 8
    assert ctx.may("k", 2, 4) and not ctx.may("k", 0, 2)


@pytest.mark.parametrize("word", ["。", "\n", "分别", "一一", "aba", "aa"])
def test_positions_are_every_occurrence_overlapping_included(word):
    from zsprogress.extract import _positions

    text = "一一一。分别\naba分别ababa。aaa\n一一"
    expected = [i for i in range(len(text)) if text.startswith(word, i)]  # every start, one by one
    assert _positions(text, word) == expected
    assert _positions("", word) == [] and _positions(word, word) == [0]


def test_cue_lookup_at_the_text_ends():
    from zsprogress.extract import _Context

    ctx = _Context([], [], [], [], cues={"k": ([0, 5, 9], [3, 6, 10]), "none": ([], [])})
    assert ctx.may("k", 0, 3) and not ctx.may("k", 0, 2)  # the first word, whole or cut
    assert ctx.may("k", 9, 10) and not ctx.may("k", 10, 99)  # the last word; nothing after it
    assert ctx.may("k", 1, 6) and not ctx.may("k", 1, 5)  # a later, shorter word inside the window
    assert not ctx.may("none", 0, 99)  # a cue whose words the text lacks: never searched


def test_the_per_claim_regex_calls_are_counted_and_few():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "bench" / "claim_calls.py"
    spec = importlib.util.spec_from_file_location("claim_calls", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    c = mod.count(by_site=True)
    assert c["claims"] > 500  # the sample's claims
    assert c["claim_calls"] > 0  # the hook sees the calls (each metric's strip makes two)
    assert c["per_claim"] <= 5  # was 13.7 before the cues were looked up by position
    assert all(part in ("claim", "pass") for part, _, _ in c["sites"])


# --- _FirstChars: strip_prefix is run only on words whose first character can begin it ----------

def test_prefix_gate_never_skips_a_text_the_prefix_matches():
    from pathlib import Path

    from zsprogress.extract import _Env, _FirstChars
    from zsprogress.normalize import fold
    from zsprogress.read import sample_path
    from zsprogress.rules import default_rules

    pre = default_rules().metric["strip_prefix"]
    gate = _FirstChars.of(pre)
    assert gate is not None and _Env.of(default_rules()).prefix_starts is not None
    texts = [sample_path().read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent / "fixtures" / "layouts").glob("*.txt"))]
    matched = skipped = 0
    for text in texts:
        folded = fold(text)
        for i in range(len(folded)):
            window = folded[i:i + 12]
            if pre.match(window):
                matched += 1
                assert gate.may_match(window), window
            elif not gate.may_match(window):
                skipped += 1
    assert matched > 1000 and skipped > 1000  # both kinds seen: the gate is exercised
    assert not gate.may_match("")


def test_prefix_gate_is_only_for_patterns_it_can_answer_for():
    import regex

    from zsprogress.extract import _FirstChars

    assert _FirstChars.of(regex.compile(r"^(?:已|约)+")) is not None
    assert _FirstChars.of(regex.compile(r"(?:已|约)+")) is None  # not anchored at the start
    assert _FirstChars.of(regex.compile(r"^(?:已|约)+", regex.MULTILINE)) is None  # ^ after each newline
    assert _FirstChars.of(regex.compile(r"^(?:已(?=经)|约)+")) is None  # a lookahead
    assert _FirstChars.of(regex.compile(r"^(?:(?m:^已)|约)+")) is None  # an inline flag
    assert _FirstChars.of(regex.compile(r"^(?P<w>已|约)+")) is None  # a named group: not known
    assert _FirstChars.of(None) is None
    gate = _FirstChars.of(regex.compile(r"^(?:已经|约)+"))
    assert gate is not None and gate.may_match("已完成") and gate.may_match("约3") and not gate.may_match("完成")
