"""Precision and recall of the tool's targets, pairs and statuses against the pair files written
by reading the text (tests/golden/zhoushan-2024-h1.pairs.json for the sample,
tests/fixtures/layouts/pairs.json for the layout fixtures).

    python bench/pairs.py            # a table of the figures
    python bench/pairs.py --json     # the same figures as JSON
    python bench/pairs.py --misses   # and every disagreement, one a line

A reader's entry names a task, a target figure as printed, the actual as printed (or null), a
stated rate when that is the only actual, and a status. Only the parts of the files a reader
covered count (``read``: the sample's sections, the fixtures' files), so a tool row there that no
reader target matches is a false target. Matching is by the figures, not by the tool's spans:

- target: a tool row of the same task whose target text holds the reader's number (whole, with no
  digit either side; spaces ignored), taken in order when a number repeats in a task;
- pair: the tool's actual holds the reader's actual number (``a+b``: the tool's value is the sum),
  or, for a stated-only actual, the tool has no actual and its stated rate is the reader's number;
  a reader entry's ``also`` lists other readings a reader accepts;
- status: the tool's status equals the reader's (``unknown`` on either side is no claim).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "zhoushan-2024-h1.txt"
SAMPLE_PAIRS = ROOT / "tests" / "golden" / "zhoushan-2024-h1.pairs.json"
LAYOUTS = ROOT / "tests" / "fixtures" / "layouts"
NUMBER = re.compile(r"\d+(?:\.\d+)?")
SCALE = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2}


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s or "")


def number(s: str) -> Optional[str]:
    """The (first) number of a figure as printed, spaces removed: 增长 1 0 . 6 % -> 10.6."""
    m = NUMBER.search(_squash(s))
    return m.group(0) if m else None


def holds(text: str, figure: str) -> bool:
    """Whether a tool span holds a reader's figure: its number, whole, or the figure verbatim."""
    text = _squash(text)
    n = number(figure)
    if n is None:
        return _squash(figure) in text
    return re.search(r"(?<![\d.])" + re.escape(n) + r"(?![\d]|\.\d)", text) is not None


def value(figure: str) -> Optional[float]:
    """A figure's value with its 万/亿 scale: 44万方 -> 440000."""
    s = _squash(figure)
    m = NUMBER.search(s)
    if m is None:
        return None
    return float(m.group(0)) * SCALE.get(s[m.end():m.end() + 1], 1)


@dataclass
class Tally:
    reader_targets: int = 0
    tool_targets: int = 0
    targets_matched: int = 0
    reader_pairs: int = 0
    tool_pairs: int = 0
    pairs_right: int = 0
    reader_statuses: int = 0
    tool_statuses: int = 0
    statuses_right: int = 0
    misses: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return round(100.0 * a / b, 1) if b else 0.0
        return {"targets_precision": ratio(self.targets_matched, self.tool_targets),
                "targets_recall": ratio(self.targets_matched, self.reader_targets),
                "pairs_precision": ratio(self.pairs_right, self.tool_pairs),
                "pairs_recall": ratio(self.pairs_right, self.reader_pairs),
                "statuses_precision": ratio(self.statuses_right, self.tool_statuses),
                "statuses_recall": ratio(self.statuses_right, self.reader_statuses)}


def _linked(row: Any) -> bool:
    return row.actual is not None or (row.stated_rate is not None and "stated_only" in row.flags)


def _pair_right(p: dict, row: Any) -> bool:
    for actual in [p.get("actual")] + [None] * bool(p.get("stated")) + list(p.get("also", [])):
        if actual is None:
            stated = p.get("stated")
            if stated and row.actual is None and row.stated_rate is not None \
                    and number(stated) is not None and float(number(stated) or 0) == row.stated_rate:
                return True
            continue
        if row.actual is None:
            continue
        if "+" in actual:
            parts = [value(a) for a in actual.split("+")]
            if None not in parts and row.actual.value is not None and \
                    abs(sum(x or 0 for x in parts) - row.actual.value) < 1e-6 * max(1.0, row.actual.value):
                return True
            continue
        if holds(row.actual.text, actual):
            return True
    # a stated-only reading given as a figure elsewhere: the stated rate of a row without actual
    for stated in [s for s in list(p.get("also", [])) if p.get("actual") is None]:
        if row.actual is None and row.stated_rate is not None and number(stated) is not None \
                and float(number(stated) or 0) == row.stated_rate:
            return True
    return False


def score(pairs: list[dict], rows: dict[tuple[str, str], list[Any]], where: str, t: Tally) -> None:
    """Tally one report: ``pairs`` the reader's entries, ``rows`` the tool's rows by (file, task)."""
    left = {k: list(v) for k, v in rows.items()}
    for v in left.values():
        t.tool_targets += len(v)
        t.tool_pairs += sum(_linked(r) for r in v)
        t.tool_statuses += sum(r.status != "unknown" for r in v)
    for p in pairs:
        key = (p.get("file", where), p["task"])
        said = f"{key[0]} {p['task']} {p.get('metric', '')} {p['target']}"
        reader_pair = p.get("actual") is not None or p.get("stated") is not None
        t.reader_targets += 1
        t.reader_pairs += reader_pair
        t.reader_statuses += p["status"] != "unknown"
        row = next((r for r in left.get(key, []) if holds(r.target.text, p["target"])), None)
        if row is None:
            t.misses.append(f"target missed: {said}")
            continue
        left[key].remove(row)
        t.targets_matched += 1
        got = row.actual.text if row.actual else (f"stated {row.stated_rate}%" if _linked(row) else None)
        if reader_pair and _pair_right(p, row):
            t.pairs_right += 1
        elif reader_pair or _linked(row):
            t.misses.append(f"pair: {said}: reader {p.get('actual') or p.get('stated')}, tool {got}")
        if p["status"] != "unknown" and row.status == p["status"]:
            t.statuses_right += 1
        elif p["status"] != "unknown" or row.status != "unknown":
            t.misses.append(f"status: {said}: reader {p['status']}, tool {row.status}")
    for (f, task), v in left.items():
        for r in v:
            t.misses.append(f"extra target: {f} {task} {r.target.text} -> "
                            f"{r.actual.text if r.actual else None} {r.status}")


def _rows(path: Path, keep) -> dict[tuple[str, str], list[Any]]:
    from zsprogress import completion_table, extract_claims, parse_report
    rep = parse_report(path)
    out: dict[tuple[str, str], list[Any]] = {}
    for r in completion_table(rep, extract_claims(rep)):
        if keep(r.task_id):
            out.setdefault((path.name, r.task_id), []).append(r)
    return out


def measure() -> dict[str, dict]:
    """The figures of the sample, of the layout fixtures and of both together."""
    out: dict[str, Tally] = {"sample": Tally(), "layouts": Tally(), "all": Tally()}
    sample = json.loads(SAMPLE_PAIRS.read_text(encoding="utf-8"))
    sections = set(sample["read"])
    rows = _rows(SAMPLE, lambda task: task.split(".")[0] in sections)
    for name in ("sample", "all"):
        score(sample["pairs"], rows, SAMPLE.name, out[name])
    layouts = json.loads((LAYOUTS / "pairs.json").read_text(encoding="utf-8"))
    for f in layouts["read"]:
        mine = [p for p in layouts["pairs"] if p["file"] == f]
        rows = _rows(LAYOUTS / f, lambda task: True)
        for name in ("layouts", "all"):
            score(mine, rows, f, out[name])
    return {k: {**v.figures(), "counts": {x: y for x, y in vars(v).items() if x != "misses"},
                "misses": v.misses} for k, v in out.items()}


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="the figures as JSON")
    ap.add_argument("--misses", action="store_true", help="list every disagreement")
    a = ap.parse_args(argv)
    got = measure()
    if a.json:
        print(json.dumps({k: {x: y for x, y in v.items() if a.misses or x != "misses"}
                          for k, v in got.items()}, ensure_ascii=False, indent=2))
        return 0
    print(f"{'':9}{'targets P/R':>16}{'pairs P/R':>16}{'statuses P/R':>16}")
    for k, v in got.items():
        print(f"{k:9}" + "".join(f"{v[x + '_precision']:>8.1f}{v[x + '_recall']:>8.1f}"
                                 for x in ("targets", "pairs", "statuses")))
        c = v["counts"]
        print(f"{'':9}  reader {c['reader_targets']} targets, {c['reader_pairs']} pairs, "
              f"{c['reader_statuses']} statuses; tool {c['tool_targets']}, {c['tool_pairs']}, "
              f"{c['tool_statuses']}")
    if a.misses:
        for k in ("sample", "layouts"):
            for m in got[k]["misses"]:
                print(f"{k}: {m}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
