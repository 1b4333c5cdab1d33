"""Run the variation suite (tests/variations.py, docs/variations.md): N seeded variations of the
sample's and the openings' task records, read back through zsprogress.api and compared with the
original reading. Prints the pass rate overall and per kind, then the failures by kind.

    python bench/variations.py                  # 2,000 mixed variations, seeds 0..1999
    python bench/variations.py --n 500 --seed 7000
    python bench/variations.py --alone          # each kind alone on the same seeds' records
    python bench/variations.py --kind pipe      # only variations that include this kind
    python bench/variations.py --blame          # which kinds of the failing variations fail alone
    python bench/variations.py --dump /tmp/var  # write each failing variation's text to a file
    python bench/variations.py --show 1234      # print one variation (text, kinds, difference)

A kind's rate counts the variations that include it (mixed with others); --alone applies one kind
at a time, so a kind's own failures are not hidden behind another's. The failure list gives, per
kind, the commonest first differences with a seed to reproduce each (`--show SEED`, with --alone
`--show SEED --alone --kind KIND`); --blame tells, for each failing mixed variation, which of its
kinds fail alone on the same records (the rest are interactions).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import variations as V  # noqa: E402


def _shape(diff: str) -> str:
    """A difference with its quoted texts and numbers blanked: failures of one cause group."""
    return re.sub(r"\d+", "#", re.sub(r"'[^']*'|\([^()]*\)", "…", diff))[:90]


def run(seeds: range, alone: bool, only: str | None) -> list[tuple[int, V.Variation, str | None]]:
    out = []
    for seed in seeds:
        if alone:
            import random

            recs = V.draw_records(random.Random(seed))
            kinds = [only] if only else V.KINDS
            for k in kinds:
                v = V.make(seed, kinds=(k,), recs=recs)
                out.append((seed, v, V.check(v)))
            continue
        v = V.make(seed)
        if only and only not in v.kinds:
            continue
        out.append((seed, v, V.check(v)))
    return out


BLAME_MAX = 400   # failing variations blamed (each kind of each rerun alone)


def blame(fails: list) -> None:
    """Per kind, the failing mixed variations it fails alone on the same records; a failure no
    kind fails alone is an interaction of kinds. The first BLAME_MAX failures only."""
    import random

    culprits: Counter = Counter()
    interactions = []
    fails = fails[:BLAME_MAX]
    for s, v, _ in fails:
        recs = V.draw_records(random.Random(s))
        alone = [k for k in v.kinds if V.check(V.make(s, kinds=(k,), recs=recs))]
        culprits.update(alone)
        if not alone:
            interactions.append((s, v))
    print(f"\nblame: kinds failing alone on the records of {len(fails)} failing variations")
    for k, c in culprits.most_common():
        print(f"  {k:18} {c:5}")
    print(f"  {'(interactions)':18} {len(interactions):5}" + (
        "  e.g. " + ", ".join(f"--show {s} [{v.label()}]" for s, v in interactions[:3]) if interactions else ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000, help="variations (seeds) to run (default 2000)")
    ap.add_argument("--seed", type=int, default=0, help="first seed (default 0)")
    ap.add_argument("--alone", action="store_true", help=f"each kind alone (N seeds x {len(V.KINDS)} kinds)")
    ap.add_argument("--kind", choices=V.KINDS, help="only variations with this kind (alone: only this kind)")
    ap.add_argument("--dump", type=Path, metavar="DIR", help="write each failing variation's text to DIR")
    ap.add_argument("--show", type=int, metavar="SEED", help="print one variation and its difference")
    ap.add_argument("--top", type=int, help="first differences listed (default 12; with --alone 3 per kind)")
    ap.add_argument("--blame", action="store_true",
                    help="apply each kind of a failing variation alone to its records: which kinds fail alone")
    a = ap.parse_args(argv)
    a.top = a.top or (3 if a.alone else 12)

    if a.show is not None:
        kinds = (a.kind,) if a.alone and a.kind else None
        if a.alone and a.kind:
            import random

            v = V.make(a.show, kinds=kinds, recs=V.draw_records(random.Random(a.show)))
        else:
            v = V.make(a.show)
        print(f"# seed {v.seed}  source {v.source}  kinds {v.label()}  ({'; '.join(v.notes)})")
        print(v.text)
        print(f"# difference: {V.check(v)}")
        return 0

    t0, c0 = time.perf_counter(), time.process_time()
    V.sources()
    results = run(range(a.seed, a.seed + a.n), a.alone, a.kind)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    fails = [(s, v, d) for s, v, d in results if d]
    n = len(results)
    ok = n - len(fails)
    print(f"{ok}/{n} variations read back exactly ({ok / max(n, 1):.1%}); seeds {a.seed}..{a.seed + a.n - 1}"
          f"{', each kind alone' if a.alone else ''}; {cpu:.1f} s CPU, {wall:.1f} s wall")

    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for _, v, d in results:
        for k in v.kinds or ("plain",):
            per[k][0] += d is None
            per[k][1] += 1
    print(f"\n{'kind':18} {'pass':>11}  rate")
    for k in ("plain",) + V.KINDS:
        if k in per:
            p, t = per[k]
            print(f"{k:18} {p:5}/{t:<5}  {p / t:6.1%}")

    if fails:
        src = Counter(v.source for _, v, _ in fails)
        top = src.most_common(8)
        print("\nfailures by source: " + ", ".join(f"{s} {c}" for s, c in top) + (", …" if len(src) > 8 else ""))
        groups: dict[str, list] = defaultdict(list)   # by kind alone; mixed: by first difference
        for s, v, d in fails:
            groups[v.label() if a.alone else ""].append((s, v, d))
        print(f"\nfailures (the {a.top} commonest first differences{' per kind' if a.alone else ''}, "
              "a seed to --show each):")
        for g, items in groups.items():
            if g:
                print(f"  {g} ({len(items)} failing)")
            shapes = Counter(_shape(d) for _, _, d in items)
            for shape, c in shapes.most_common(a.top):
                s, v, d = next(x for x in items if _shape(x[2]) == shape)
                show = f"--show {s}" + (f" --alone --kind {g}" if a.alone else "")
                print(f"  {c:5}x  {show}  [{v.label()}] {v.source}: {d}")
        if a.blame and not a.alone:
            blame(fails)
    if a.dump and fails:
        a.dump.mkdir(parents=True, exist_ok=True)
        for s, v, d in fails:
            name = f"seed{s}_{v.label()}.txt"[:120]
            (a.dump / name).write_text(f"# seed {s} source {v.source} kinds {v.label()} ({'; '.join(v.notes)})\n"
                                       f"# difference: {d}\n{v.text}", encoding="utf-8")
        print(f"\n{len(fails)} failing variations written to {a.dump}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
