"""Count the regex calls of the per-claim work of extract.py on a report (default: the sample).

    PYTHONPATH=$PWD python bench/claim_calls.py [REPORT] [--by-site]

A profiler hook (``sys.setprofile``, on only while counting: nothing in the engine changes)
counts every call of a compiled pattern's method (``search``, ``match``, ``fullmatch``,
``finditer``, ``sub``, ``split``... of ``regex`` and ``re``) made inside
``extract.scan_many`` but outside the rule scan (``extract._matches``), in two parts:

- **per claim**: calls made while a field's matches are read into claims and skips
  (``extract._process`` and what it calls: metric, role, qualifiers, number parsing, 分别 runs);
- **batched passes**: the rest of ``scan_many``: the passes made once per scanned text (folding,
  digit runs, clause breaks and the cue positions the per-claim work looks up).

A ``finditer`` counts once however many matches it yields. ``per claim`` is divided by the
claims read (``extract_claims``: the tasks' and paragraphs' claims).
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from typing import Any, Optional

import regex

PATTERN_TYPES = (regex.Pattern, re.Pattern)


def count(src: Optional[str] = None, by_site: bool = False) -> dict[str, Any]:
    """{"claims", "claim_calls", "pass_calls", "per_claim", "sites"} for one run of extract_claims."""
    import zsprogress.api as api
    import zsprogress.extract as X

    report = api.parse_report(src)
    api.extract_claims(report)  # warm: rules loaded and compiled before counting
    codes = {X.scan_many.__code__: "scan", X._matches.__code__: "rules", X._process.__code__: "claim"}
    depth = collections.Counter()
    calls = collections.Counter()
    sites: collections.Counter = collections.Counter()

    def hook(frame: Any, event: str, arg: Any) -> None:
        if event == "call" or event == "return":
            what = codes.get(frame.f_code)
            if what is not None:
                depth[what] += 1 if event == "call" else -1
        elif event == "c_call" and depth["scan"] and not depth["rules"] \
                and isinstance(getattr(arg, "__self__", None), PATTERN_TYPES):
            part = "claim" if depth["claim"] else "pass"
            calls[part] += 1
            if by_site:
                sites[(part, frame.f_code.co_name, arg.__name__)] += 1

    sys.setprofile(hook)
    try:
        cs = api.extract_claims(report)
    finally:
        sys.setprofile(None)
    n = len(cs.claims)
    return {"claims": n, "claim_calls": calls["claim"], "pass_calls": calls["pass"],
            "per_claim": calls["claim"] / n if n else 0.0, "sites": sites}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("report", nargs="?", default=None, help="a report file (default: the sample)")
    ap.add_argument("--by-site", action="store_true", help="also list the calls by function and method")
    a = ap.parse_args()
    c = count(a.report, a.by_site)
    print(f"{c['claims']} claims: {c['claim_calls']:,} regex calls in the per-claim work "
          f"({c['per_claim']:.1f} per claim), {c['pass_calls']:,} in the batched passes")
    for (part, fn, meth), k in c["sites"].most_common():
        print(f"{k:7,}  {part:5}  {fn}.{meth}")


if __name__ == "__main__":
    main()
