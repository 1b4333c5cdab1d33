"""Shared pytest options and fixtures."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest

# The suite's caches (rules, layout vocabulary) go to a directory of its own, never the user's
# ~/.cache/zsprogress: the cache prunes files it does not keep, and a test run must not touch
# what the user's own runs cached. Subprocesses inherit it. A directory set by the caller wins.
if not os.environ.get("ZSPROGRESS_CACHE_DIR"):
    os.environ["ZSPROGRESS_CACHE_DIR"] = tempfile.mkdtemp(prefix="zsprogress-test-cache-")
    atexit.register(shutil.rmtree, os.environ["ZSPROGRESS_CACHE_DIR"], True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", default=False,
        help="regenerate tests/golden/*.json from the current output (review the diff like code)")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when pytest runs with --update-golden."""
    return bool(request.config.getoption("--update-golden"))


def pytest_terminal_summary(terminalreporter) -> None:
    """The pass rates the variation suite records (tests/test_variations.py), after the run,
    with or without xdist (a report carries its test's recorded properties to the controller)."""
    lines = {v for reports in terminalreporter.stats.values() for r in reports
             if getattr(r, "when", None) == "call" for k, v in getattr(r, "user_properties", ()) if k == "variations"}
    if lines:
        terminalreporter.section("variations")
        for line in sorted(lines):
            terminalreporter.write_line(line)
    golden = [v for reports in terminalreporter.stats.values() for r in reports
              if getattr(r, "when", None) == "call" for k, v in getattr(r, "user_properties", ()) if k == "golden"]
    if golden:
        terminalreporter.section("golden (quote this in the commit message)")
        for block in golden:
            for line in block.splitlines():
                terminalreporter.write_line(line)
