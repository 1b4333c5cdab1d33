"""Dump the JSON of ``claims --explain``, ``tasks`` and ``completion`` for a set of reports, or
compare two dumps field by field: the check that an engine change changes no output.

    PYTHONPATH=$PWD python bench/compare_outputs.py dump /tmp/perf_before
    ... change the engine ...
    PYTHONPATH=$PWD python bench/compare_outputs.py dump /tmp/perf_after
    python bench/compare_outputs.py compare /tmp/perf_before /tmp/perf_after

The reports: the bundled sample, tests/fixtures/layouts/*.txt and, when present,
/work/shared/corpus/layouts/*.txt (or the directories given with ``--dir``). Every command runs
in this one process through the CLI (``zsprogress.cli.main``), so the dump is what a user sees
(with the ``N claims, M skips, K digits unexplained`` line of ``claims``).
``compare`` prints each differing record and field and exits 1 when anything differs.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {"claims": ["claims", "--explain", "-f", "json"], "tasks": ["tasks", "-f", "json"],
            "completion": ["completion", "-f", "json"]}
DEFAULT_DIRS = [ROOT / "tests" / "fixtures" / "layouts", Path("/work/shared/corpus/layouts")]


def reports(dirs: list[Path]) -> list[tuple[str, str]]:
    """(name, argument) of every report: the sample, then each directory's *.txt files."""
    out = [("sample", "sample")]
    for d in dirs:
        if d.is_dir():
            out += [(f"{d.parent.name}_{d.name}_{p.name}", str(p)) for p in sorted(d.glob("*.txt"))]
    return out


def run_cli(args: list[str]) -> tuple[int, str, str]:
    from zsprogress.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(args)
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
    return code, out.getvalue(), err.getvalue()


def dump(target: Path, dirs: list[Path]) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for name, arg in reports(dirs):
        for cmd, args in COMMANDS.items():
            code, out, err = run_cli(args[:1] + [arg] + args[1:])
            summary = [ln for ln in err.splitlines() if ln.endswith("digits unexplained")]
            (target / f"{name}.{cmd}.json").write_text(
                json.dumps({"exit": code, "summary": summary, "rows": json.loads(out) if out.strip() else None},
                           ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"dumped {len(list(target.glob('*.json')))} files to {target}")


def _diff(a: object, b: object, where: str, out: list[str]) -> None:
    if type(a) is not type(b):
        out.append(f"{where}: {a!r} != {b!r}")
    elif isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append(f"{where}.{k}: {'missing before' if k not in a else 'missing after'}")
            else:
                _diff(a[k], b[k], f"{where}.{k}", out)
    elif isinstance(a, list):
        if len(a) != len(b):
            out.append(f"{where}: {len(a)} rows before, {len(b)} after")
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            _diff(x, y, f"{where}[{i}]", out)
    elif a != b:
        out.append(f"{where}: {a!r} != {b!r}")


def compare(before: Path, after: Path) -> int:
    diffs: list[str] = []
    names = sorted({p.name for p in before.glob("*.json")} | {p.name for p in after.glob("*.json")})
    for n in names:
        pa, pb = before / n, after / n
        if not pa.exists() or not pb.exists():
            diffs.append(f"{n}: only {'after' if not pa.exists() else 'before'}")
            continue
        _diff(json.loads(pa.read_text(encoding="utf-8")), json.loads(pb.read_text(encoding="utf-8")), n, diffs)
    for d in diffs[:200]:
        print(d)
    print(f"{len(names)} files compared, {len(diffs)} differences")
    return 1 if diffs else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("target", type=Path)
    d.add_argument("--dir", type=Path, action="append", help="a directory of reports (repeatable)")
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    a = ap.parse_args()
    if a.cmd == "dump":
        dump(a.target, a.dir or DEFAULT_DIRS)
    else:
        sys.exit(compare(a.before, a.after))


if __name__ == "__main__":
    main()
