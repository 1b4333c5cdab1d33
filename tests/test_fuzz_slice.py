"""A small seeded slice of bench/fuzz_formats.py: mutated DOCX, XLSX and HTML of the sample give
rows or one error line -- no crash, no traceback, no hang past the bound. The full run (hundreds
of cases, time and peak RSS printed) is the bench's: ``python bench/fuzz_formats.py``."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytest.importorskip("docx")
pytest.importorskip("python_calamine")
pytest.importorskip("selectolax")
if sys.platform == "win32":  # pragma: no cover
    pytest.skip("the fuzz script forks", allow_module_level=True)

FUZZ = Path(__file__).resolve().parent.parent / "bench" / "fuzz_formats.py"


@pytest.fixture(scope="module")
def fuzz():
    spec = importlib.util.spec_from_file_location("fuzz_formats", FUZZ)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_a_seeded_slice_has_no_crash_traceback_or_hang(fuzz):
    res = fuzz.fuzz(["docx", "xlsx", "html"], cases=6, seed=3, timeout=120)
    for kind, r in res.items():
        c = r["counts"]
        assert sum(c.values()) == 6
        assert not r["bad"], (kind, r["bad"])
        assert c["ok"] + c["error"] == 6, (kind, dict(c))


def test_the_mutations_change_the_bytes(fuzz):
    import random

    base = (fuzz.FIXTURES / "zhoushan-2024-h1.docx").read_bytes()
    rng = random.Random(0)
    assert all(fuzz.mutate("docx", base, rng) != base for _ in range(5))
    html = (fuzz.FIXTURES / "zhoushan-2024-h1.html").read_bytes()
    assert all(fuzz.mutate("html", html, rng) != html for _ in range(5))


def test_a_crash_is_counted_as_one(fuzz, tmp_path, monkeypatch):
    """The classifier itself: a child killed by a signal is a crash, not an error."""
    import os
    import signal

    import zsprogress.cli as cli

    monkeypatch.setattr(cli, "main", lambda argv: os.kill(os.getpid(), signal.SIGKILL))
    p = tmp_path / "x.html"
    p.write_text("<p>x</p>")
    assert fuzz.run_case(p, 30)[0] == "crash"
