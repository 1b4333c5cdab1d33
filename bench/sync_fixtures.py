"""Keep the test fixtures in step with the shared corpus (issue 17.9: no test needs ../shared).

The tests read copies: tests/fixtures/layouts/ (the layout openings and their SOURCES.md),
tests/fixtures/series/ (one city's three releases), tests/fixtures/peer-specs/ and
samples/zhoushan-2024-h1.txt. tests/fixtures/SHA256SUMS records each copy's hash, and
tests/test_fixtures.py checks the copies against it in every clone, with or without ../shared.
This script compares the copies with the shared corpus, where it is present:

    python bench/sync_fixtures.py            # list what differs or is missing; exit 1 if anything does
    python bench/sync_fixtures.py --write    # copy what differs from ../shared and rewrite SHA256SUMS

A new shared opening also needs an expectation in tests/test_layouts.py (EXPECT), which
test_fixtures checks for every copy listed in SHA256SUMS.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SUMS = ROOT / "tests" / "fixtures" / "SHA256SUMS"

# (folder in the shared corpus, folder of the copies, file names; None = every file there)
PAIRS: list[tuple[str, str, list[str] | None]] = [
    ("corpus/layouts", "tests/fixtures/layouts", None),
    ("corpus/layouts", "tests/fixtures/series",
     ["08_zhoushan_2023_h1.txt", "09_zhoushan_2023_q3.txt", "10_zhoushan_2023_assign.txt"]),
    ("peer-specs", "tests/fixtures/peer-specs",
     ["LICENSE-recognizers-text.txt", "recognizers_text_zh.jsonl",
      "recognizers_text_zh_python_unsupported.jsonl"]),
    ("corpus", "samples", ["zhoushan-2024-h1.txt"]),
]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copies() -> list[tuple[Path, Path]]:
    """(shared file, its copy in the repository) for every file the tests read."""
    out = []
    for src_dir, dst_dir, names in PAIRS:
        src = SHARED / src_dir
        if names is None:
            names = sorted(p.name for p in src.iterdir() if p.is_file() and not p.is_symlink())
        out += [(src / n, ROOT / dst_dir / n) for n in names]
    return out


def write_sums(paths: list[Path]) -> None:
    lines = [f"{digest(p)}  {p.relative_to(ROOT).as_posix()}\n" for p in sorted(paths)]
    SUMS.write_text("".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help="copy what differs and rewrite SHA256SUMS")
    args = ap.parse_args(argv)
    if not SHARED.is_dir():
        print(f"error: the shared corpus is not at {SHARED}", file=sys.stderr)
        return 2
    pairs = copies()
    differ = [(s, d) for s, d in pairs if not d.is_file() or digest(s) != digest(d)]
    for s, d in differ:
        print(f"{'missing' if not d.is_file() else 'differs'}: {d.relative_to(ROOT)} <- {s}")
        if args.write:
            d.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(s, d)
    if args.write:
        write_sums([d for _, d in pairs])
        print(f"{len(pairs)} copies, {len(differ)} written; {SUMS.relative_to(ROOT)} rewritten")
        return 0
    print(f"{len(pairs)} copies, {len(differ)} differ from {SHARED}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
