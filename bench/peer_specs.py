"""Score zsprogress against the Recognizers-Text Chinese spec cases (tests/fixtures/peer-specs).

    python bench/peer_specs.py [--cases PATH] [--show-failures MODEL] [--show-out-of-scope]

What each upstream model is compared with:

- NumberModel: ``normalize.find_numbers`` (every number of the text, not only claims);
- PercentModel: claims of kind percent / growth / completion / pp_change, value as ``"N%"``
  (percentage points are scored as ``%``, the README's convention; we keep ``pp`` ourselves);
- CurrencyModel: ``amount`` claims, our currency units mapped to the upstream names;
- DimensionModel: ``quantity`` claims whose unit is a measure we support (吨, 公斤, 米, 公里, 亩,
  平方米 ...); cases expecting a unit we do not support (斤, 两, 克, 公分, bytes, bits ...) are
  out of scope;
- OrdinalModel: ``第`` followed by a number of ``find_numbers``;
- AgeModel, TemperatureModel: out of scope (no such claims in progress reports).

Scores, per the fixture README: **strict** = same results in the same order with equal text
(folded to half-width, case-insensitive; upstream lowercases ``2.5 M`` and ``21.2E0``), equal
value (as Decimal, both rounded to 15 significant digits like upstream's doubles) and equal unit
when the spec gives one; **values** = the multiset of values is equal. A negative case (nothing
expected) passes only when we return nothing. Out-of-scope cases are listed, not scored.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import regex  # noqa: E402

from zsprogress.extract import _words, extract_text  # noqa: E402
from zsprogress.normalize import find_numbers, fold  # noqa: E402
from zsprogress.rules import default_rules  # noqa: E402

PATTERNS: Optional[str] = None  # --patterns: try changed rules without touching patterns/
DEFAULT_CASES = ROOT / "tests" / "fixtures" / "peer-specs" / "recognizers_text_zh.jsonl"
MODELS = ("NumberModel", "PercentModel", "OrdinalModel", "CurrencyModel", "DimensionModel",
          "AgeModel", "TemperatureModel")

# our unit (canonical) -> upstream unit name
CURRENCY_UNITS = {"元": "Chinese yuan", "美元": "United States dollar", "欧元": "Euro",
                  "港元": "Hong Kong dollar", "日元": "Japanese yen", "英镑": "British pound"}
DIMENSION_UNITS = {"吨": "Ton", "公斤": "Kilogram", "米": "Meter", "公里": "Kilometer",
                   "亩": "Mu", "平方米": "Square meter", "平方公里": "Square kilometer",
                   "公顷": "Hectare", "立方米": "Cubic meter"}
PERCENT_KINDS = ("percent", "growth", "completion", "pp_change")
# the figure inside a claim's text: claims keep their trigger (增长4.3%), upstream does not
FIGURE_START = regex.compile(r"[-负負]?(?:[百千万] *分 *之|[0-9.]|[零〇一二三四五六七八九两兩壹贰貳叁參肆伍陆陸柒捌玖十拾])")

# Discounts (打折: 七五折) and bare tenths (三成) are not claims in progress reports: our only
# 成 rule is "完成年度目标的六成" (CMP003). Scored as out of scope, counted in the table.
DISCOUNT = regex.compile(r"[折成]$")


def out_of_scope(case: dict) -> Optional[str]:
    """Why a case is not scored (None when it is)."""
    model = case["model"]
    exp = case["expected"]
    if model in ("AgeModel", "TemperatureModel"):
        return "model out of scope: no age/temperature claims in progress reports"
    if model == "NumberModel":
        if "^" in case["input"]:
            return "power notation (2^5): an expression, not a printed figure"
        return None
    if model == "PercentModel":
        if any(DISCOUNT.search(e["text"]) for e in exp):
            return "discount 折 / bare tenths 成: not a claim kind of ours"
        if not exp and regex.search(r"[折成]$", case["input"]):
            return "discount 折 / bare tenths 成: not a claim kind of ours"
        return None
    if model == "CurrencyModel":
        for e in exp:
            if e["value"] is None:
                return "a currency name without an amount (人民币): we claim figures only"
            if e["unit"] not in CURRENCY_UNITS.values():
                return f"currency we do not support: {e['unit']}"
        return None
    if model == "DimensionModel":
        for e in exp:
            if e["unit"] not in DIMENSION_UNITS.values():
                return f"unit we do not support: {e['unit']}"
        return None
    return None


def _figure(text: str, start: int) -> tuple[str, int]:
    f = fold(text)
    m = FIGURE_START.search(f)
    if m is None or m.start() == 0:
        return f, start
    return f[m.start():], start + m.start()


def predict(case: dict) -> list[dict]:
    """Our results for a case, as upstream-like {text, value, unit, start, end (inclusive)}."""
    model, text = case["model"], case["input"]
    rules = default_rules(PATTERNS)
    out: list[dict] = []
    if model in ("NumberModel", "OrdinalModel"):
        nums = find_numbers(text, _words(rules))
        folded = fold(text)
        for a, b, v in nums:
            if model == "OrdinalModel":
                if a == 0 or folded[a - 1] != "第":
                    continue
                a -= 1
            out.append({"text": folded[a:b], "value": v, "unit": None, "start": a, "end": b - 1})
        return out
    claims = extract_text(text, rules).claims
    for c in claims:
        if model == "PercentModel" and c.kind in PERCENT_KINDS:
            t, s = _figure(c.text, c.start)
            out.append({"text": t, "value": c.value, "unit": None, "pct": True,
                        "start": s, "end": c.end - 1})
        elif model == "CurrencyModel" and c.kind == "amount":
            out.append({"text": fold(c.text), "value": c.value,
                        "unit": CURRENCY_UNITS.get(c.unit or "", c.unit),
                        "start": c.start, "end": c.end - 1})
        elif model == "DimensionModel" and c.kind == "quantity" and c.unit in DIMENSION_UNITS:
            out.append({"text": fold(c.text), "value": c.value, "unit": DIMENSION_UNITS[c.unit],
                        "start": c.start, "end": c.end - 1})
    return out


def _dec(v) -> Optional[tuple[Decimal, bool]]:
    """(value rounded to 15 significant digits, is a percent) or None."""
    if v is None:
        return None
    pct = isinstance(v, str) and v.endswith("%")
    try:
        d = Decimal(v[:-1] if pct else v) if isinstance(v, str) else Decimal(repr(float(v)))
    except (InvalidOperation, ValueError):
        return None
    return Decimal(format(d, ".15g")).normalize(), pct


def _ours(r: dict):
    d = _dec(r["value"])
    return None if d is None else (d[0], bool(r.get("pct")))


def score(case: dict, got: list[dict]) -> tuple[bool, bool]:
    """(strict pass, values pass)."""
    exp = case["expected"]
    ev = Counter(_dec(e["value"]) for e in exp)
    gv = Counter(_ours(g) for g in got)
    values = ev == gv
    if len(exp) != len(got):
        return False, values
    for e, g in zip(exp, got, strict=False):
        if fold(e["text"]).lower() != g["text"].lower():
            return False, values
        if _dec(e["value"]) != _ours(g):
            return False, values
        if e.get("unit") and e["unit"] != g["unit"]:
            return False, values
    return True, values


def load_cases(path: Path = DEFAULT_CASES) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def case_id(case: dict) -> str:
    return f"{case['model']}-{case['case_index']}"


def run(path: Path = DEFAULT_CASES) -> dict:
    """Every case: {id: (scope reason or None, strict, values, got)}."""
    res = {}
    for case in load_cases(path):
        why = out_of_scope(case)
        if why:
            res[case_id(case)] = (case, why, False, False, [])
            continue
        got = predict(case)
        s, v = score(case, got)
        res[case_id(case)] = (case, None, s, v, got)
    return res


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=Path, default=DEFAULT_CASES)
    ap.add_argument("--show-failures", metavar="MODEL", default=None,
                    help="print the strict failures of MODEL (or 'all')")
    ap.add_argument("--show-out-of-scope", action="store_true")
    ap.add_argument("--patterns", default=None, help="a patterns directory other than patterns/")
    args = ap.parse_args(argv)
    global PATTERNS
    PATTERNS = args.patterns
    default_rules(PATTERNS)  # load once, outside the timing
    t0 = time.perf_counter()
    res = run(args.cases)
    dt = time.perf_counter() - t0
    rows = []
    tot = Counter()
    for model in MODELS:
        items = [r for k, r in res.items() if r[0]["model"] == model]
        if not items:
            continue
        scope = [r for r in items if r[1] is None]
        s = sum(r[2] for r in scope)
        v = sum(r[3] for r in scope)
        rows.append((model, len(items), len(scope), s, v))
        tot.update(cases=len(items), scope=len(scope), strict=s, values=v)
    print(f"{'model':<18}{'cases':>6}{'in scope':>9}{'strict':>8}{'values':>8}{'strict %':>10}"
          f"{'values %':>10}")
    for model, n, sc, s, v in rows:
        pc = f"{100 * s / sc:.1f}" if sc else "-"
        pv = f"{100 * v / sc:.1f}" if sc else "-"
        note = "  (out of scope)" if sc == 0 else ""
        print(f"{model:<18}{n:>6}{sc:>9}{s:>8}{v:>8}{pc:>10}{pv:>10}{note}")
    sc = tot["scope"]
    print(f"{'total (in scope)':<18}{tot['cases']:>6}{sc:>9}{tot['strict']:>8}{tot['values']:>8}"
          f"{100 * tot['strict'] / max(sc, 1):>10.1f}{100 * tot['values'] / max(sc, 1):>10.1f}")
    reasons = Counter(r[1] for r in res.values() if r[1])
    print(f"\nout of scope: {sum(reasons.values())} cases")
    for why, k in reasons.most_common():
        print(f"  {k:>4}  {why}")
    print(f"\n{len(res)} cases in {dt:.2f} s")
    if args.show_out_of_scope:
        for k, r in res.items():
            if r[1]:
                print(f"  {k}: {r[0]['input'][:50]!r}  [{r[1]}]")
    if args.show_failures:
        print(f"\nstrict failures ({args.show_failures}):")
        for k, r in res.items():
            case, why, s, v, got = r
            if why or s or (args.show_failures != "all" and case["model"] != args.show_failures):
                continue
            exp = [(e["text"], e["value"], e.get("unit")) for e in case["expected"]]
            ours = [(g["text"], g["value"], g["unit"]) for g in got]
            print(f"  {k}{' (values ok)' if v else ''}: {case['input'][:60]!r}\n"
                  f"      expected {exp}\n      got      {ours}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
