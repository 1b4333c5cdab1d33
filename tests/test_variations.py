"""The same task records in thousands of generated variations read back as the same tasks and
completion rows (issue 17, item 8; the generator is tests/variations.py, docs/variations.md).

- the generator and the comparison fold do what they say (these pass whatever the reader does);
- the plain rendering of every source's records reads back as its original reading (the baseline);
- each variation kind alone, applied to a fixed set of records (the sample's first leader's 3
  tasks and the second's first 5, 6 completion rows), over 12 seeds: kinds today's reader fails
  are strict xfails with the first difference seen;
- 2,000 seeded variations mixing the kinds: at least 99% read back exactly. The pass rates are
  printed in the terminal summary.

`python bench/variations.py` prints the rates per kind and lists the failures.
"""

from __future__ import annotations

import pytest
from variations import KINDS, check, fold, make, sources

N_MIXED = 2000
SEEDS_PER_KIND = 12

# kinds today's reader fails alone, with the first difference seen (seed: what differs)
XFAIL_KINDS: dict[str, str] = {}


def _fixed():
    sample = sources()[0]
    groups: dict[str, list] = {}
    for r in sample.recs:
        groups.setdefault(r.section or "", []).append(r)
    first, second = list(groups.values())[:2]
    return sample, first + second[:5]


def test_the_fold():
    """Glosses, traditional script, full-width forms and whitespace fold away; nothing else."""
    assert fold("舟山市新城區(qū)建設(shè) １２３.５%") == "舟山市新城区建设123.5%"
    assert fold("牽頭單位") == "牵头单位"
    assert fold("市財政局\n(市國資委)") == "市财政局(市国资委)"
    assert fold("增长6.5%") != fold("增长6%")
    assert fold("(a)") == ""              # a gloss is any lower-case Latin word in brackets


def test_traditional_folds_back():
    """The generator's simplified -> traditional changes much of the sample and folds back."""
    from variations import _s2t

    text = (sources()[0].recs[0].content + "".join(r.content for r in sources()[0].recs[:40]))
    trad = text.translate(_s2t())
    changed = sum(a != b for a, b in zip(text, trad))
    assert changed > len(text) // 5
    assert fold(trad) == fold(text)
    assert "區" in "市区".translate(_s2t()) and "局" in "市财政局".translate(_s2t())


def test_the_generator_is_seeded():
    assert make(7).text == make(7).text
    assert make(7).text != make(8).text


def test_the_records():
    """The sample's 120 tasks and the task rows of the openings are the records."""
    srcs = sources()
    assert srcs[0].name == "sample" and len(srcs[0].recs) == 120
    assert len(srcs) >= 20
    rec = srcs[0].recs[0]
    assert (rec.seq, rec.leader, rec.lead_units) == (1, "徐仁标", ("市财政局",))


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_changes_the_text(kind: str):
    src, recs = _fixed()
    plain = make(3, kinds=(), recs=(src, recs))
    v = make(3, kinds=(kind,), recs=(src, recs))
    assert v.kinds == (kind,)
    assert v.text != plain.text


def test_a_variation_shows_its_kinds():
    """Spot checks of what the kinds write (read off the generated text)."""
    import re

    from variations import GLOSS

    src, recs = _fixed()

    def text(kind: str) -> str:
        return make(0, kinds=(kind,), recs=(src, recs)).text

    lines = text("leader_numbered").split("\n")
    assert "一、徐仁标市长牵头重点工作" in lines and "二、毛江平常务副市长牵头重点工作" in lines
    assert GLOSS.search(text("glosses")) and "牽頭" in text("traditional")
    assert any(x.endswith("| 市财政局 | 上半年,全市预计一般公共预算收入153.57亿元,增长4.3%,增幅处于全省第2。 |")
               for x in text("pipe").split("\n"))
    notice = text("notice").split("\n")
    assert [x for x in notice if re.fullmatch(r"附件1?:?", x)] and notice.index("2024年市政府工作报告重点工作半年度完成情况") > 5
    full = text("fullwidth")
    assert "\uff11\uff15\uff13.\uff15\uff17亿元" in full and "153.57" not in full   # １５３.５７亿元
    assert "市财政局\t上半年,全市预计一般公共预算收入153.57亿元" in text("tabs")


def _baseline_params():
    return [pytest.param(s.name, id=s.name) for s in sources()]


@pytest.mark.parametrize("name", _baseline_params())
def test_the_plain_rendering_reads_back(name: str):
    """The records of each source, written plainly (序号 / 任务内容 / 牵头单位 / 完成情况, one cell a
    line, leader headings as printed): no variation at all, the baseline of every other."""
    src = next(s for s in sources() if s.name == name)
    assert check(make(0, kinds=(), recs=(src, list(src.recs)))) is None


@pytest.mark.parametrize("kind", [pytest.param(k, marks=pytest.mark.xfail(strict=True, reason=XFAIL_KINDS[k]))
                                  if k in XFAIL_KINDS else k for k in KINDS])
def test_each_kind_alone(kind: str, record_property):
    src, recs = _fixed()
    diffs = [(s, check(make(s, kinds=(kind,), recs=(src, recs)))) for s in range(SEEDS_PER_KIND)]
    bad = [(s, d) for s, d in diffs if d]
    record_property("variations", f"variations: {kind} alone: {SEEDS_PER_KIND - len(bad)}/{SEEDS_PER_KIND} read back")
    assert not bad, bad[0]


def test_no_variation_raises():
    """Whatever the reader makes of a variation, it never raises (300 mixed variations)."""
    raised = [(s, d) for s in range(N_MIXED, N_MIXED + 300) if (d := check(make(s))) and d.startswith("raised")]
    assert not raised


def test_mixed_variations_read_back(record_property):
    passed = 0
    for seed in range(N_MIXED):
        passed += check(make(seed)) is None
    rate = passed / N_MIXED
    record_property("variations", f"variations: {passed}/{N_MIXED} mixed variations read back ({rate:.1%})")
    print(f"{passed}/{N_MIXED} mixed variations read back ({rate:.1%})")
    assert rate >= 0.99, f"{passed}/{N_MIXED} read back ({rate:.1%})"


def test_the_bench_script(capsys):
    """bench/variations.py runs: the pass rate, a row per kind, the failures with a seed each."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "bench" / "variations.py"
    spec = importlib.util.spec_from_file_location("bench_variations", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.main(["--n", "6", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "/6 variations read back exactly" in out and "seeds 3..8" in out
    assert out.count("%") >= 3                    # the overall rate and a rate per kind seen
    if "failures" in out:
        assert "--show " in out
