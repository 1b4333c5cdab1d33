"""A reviewable summary of what changed in a golden file: records added, removed and changed,
with the fields that changed, per section (tasks, claims, skips, completion, diagnostics).

    python tests/golden_diff.py                      # every tests/golden/*.json against git HEAD
    python tests/golden_diff.py OLD.json NEW.json    # two files

``pytest tests/test_golden.py --update-golden`` prints the same summary at the end of the run
(section "golden"); quote it in the commit message that updates the file, so the change is
reviewed record by record, not as a 400 KB diff.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).resolve().parent / "golden"
SHOWN = 8  # records listed per kind of change; the rest are counted

# how a record of each section is recognised across two versions of the file
KEYS: dict[str, Callable[[dict], Any]] = {
    "tasks": lambda r: r["id"],
    "claims": lambda r: r["id"],
    "skips": lambda r: (r["task_id"], r["field"], r["start"], r["end"]),
    "completion": lambda r: (r["task_id"], (r.get("target") or {}).get("claim_id"), r.get("metric")),
    "diagnostics": lambda r: (r.get("code"), r.get("line"), r.get("task_id"), r.get("message")),
}


def _name(key: Any) -> str:
    return key if isinstance(key, str) else ":".join("" if k is None else str(k) for k in key)


def _short(v: Any, width: int = 40) -> str:
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= width else s[:width - 1] + "…"


def _section(name: str, old: list[dict], new: list[dict]) -> list[str]:
    key = KEYS[name]
    a = {key(r): r for r in old}
    b = {key(r): r for r in new}
    added = [k for k in b if k not in a]
    removed = [k for k in a if k not in b]
    changed = [(k, [f for f in sorted(set(a[k]) | set(b[k])) if a[k].get(f) != b[k].get(f)])
               for k in a if k in b and a[k] != b[k]]
    out = [f"{name}: {len(old)} -> {len(new)} records; {len(added)} added, {len(removed)} removed, "
           f"{len(changed)} changed"]
    for label, keys in (("+", added), ("-", removed)):
        rows = b if label == "+" else a
        for k in keys[:SHOWN]:
            r = rows[k]
            out.append(f"  {label} {_name(k)} {_short(r.get('text', r.get('reason', '')))}")
        if len(keys) > SHOWN:
            out.append(f"  {label} … {len(keys) - SHOWN} more")
    for k, fields in changed[:SHOWN]:
        diffs = ", ".join(f"{f}: {_short(a[k].get(f), 24)} -> {_short(b[k].get(f), 24)}" for f in fields)
        out.append(f"  ~ {_name(k)} {diffs}")
    if len(changed) > SHOWN:
        by_field: dict[str, int] = {}
        for _, fields in changed:
            for f in fields:
                by_field[f] = by_field.get(f, 0) + 1
        out.append(f"  ~ … {len(changed) - SHOWN} more; fields changed: "
                   + ", ".join(f"{f} ×{n}" for f, n in sorted(by_field.items())))
    return out


def summarise(old: dict, new: dict) -> list[str]:
    """Lines saying what changed from ``old`` to ``new`` (two golden snapshots); [] when equal."""
    if old == new:
        return []
    out: list[str] = []
    for name in ("layout", "meta", "unexplained_digits"):
        if old.get(name) != new.get(name):
            out.append(f"{name}: {_short(old.get(name), 60)} -> {_short(new.get(name), 60)}")
    for name in KEYS:
        if old.get(name, []) != new.get(name, []):
            out += _section(name, old.get(name, []), new.get(name, []))
    other = sorted((set(old) | set(new)) - set(KEYS) - {"layout", "meta", "unexplained_digits"})
    out += [f"{name}: changed" for name in other if old.get(name) != new.get(name)]
    return out


def _at_head(path: Path) -> dict:
    root = path.resolve().parents[2]
    rel = path.resolve().relative_to(root).as_posix()
    shown = subprocess.run(["git", "show", f"HEAD:{rel}"], cwd=root, capture_output=True, text=True)
    return json.loads(shown.stdout) if shown.returncode == 0 else {}


def main(argv: list[str]) -> int:
    if len(argv) == 2:
        pairs = [(argv[1], json.loads(Path(argv[0]).read_text("utf-8")),
                  json.loads(Path(argv[1]).read_text("utf-8")))]
    else:
        pairs = [(str(p.name), _at_head(p), json.loads(p.read_text("utf-8"))) for p in sorted(GOLDEN.glob("*.json"))
                 if not p.name.endswith(".pairs.json")]
    for name, old, new in pairs:
        lines = summarise(old, new)
        print(f"{name}: " + ("unchanged" if not lines else f"{len(lines)} lines of change"))
        for line in lines:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
