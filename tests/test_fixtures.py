"""The copies of the shared corpus the tests read (issue 17.9): present, unchanged, each opening
with an expectation. tests/fixtures/SHA256SUMS is written by `bench/sync_fixtures.py --write`
from ../shared; these checks need only the repository, so nothing here skips in a clean clone.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from test_layouts import EXPECT

ROOT = Path(__file__).resolve().parents[1]
SUMS = ROOT / "tests" / "fixtures" / "SHA256SUMS"


def _sums() -> dict[str, str]:
    out = {}
    for line in SUMS.read_text(encoding="utf-8").splitlines():
        digest, _, rel = line.partition("  ")
        out[rel] = digest
    return out


SUMMED = _sums()


@pytest.mark.parametrize("rel", sorted(SUMMED))
def test_copy_unchanged(rel: str):
    path = ROOT / rel
    assert path.is_file(), f"{rel} is listed in SHA256SUMS but missing"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == SUMMED[rel], \
        f"{rel} differs from the shared copy it was taken from (bench/sync_fixtures.py)"


def test_every_opening_has_an_expectation():
    openings = {Path(r).name for r in SUMMED if r.startswith("tests/fixtures/layouts/") and r.endswith(".txt")}
    assert len(openings) >= 41
    assert openings == set(EXPECT), (sorted(openings - set(EXPECT)), sorted(set(EXPECT) - openings))


def test_every_fixture_text_is_summed():
    # a layout text added by hand, not copied from the shared corpus, would escape the check above
    on_disk = {p.relative_to(ROOT).as_posix() for p in (ROOT / "tests" / "fixtures" / "layouts").glob("*.txt")}
    assert on_disk <= set(SUMMED), sorted(on_disk - set(SUMMED))
