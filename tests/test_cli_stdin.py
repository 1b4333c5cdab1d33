"""Issue 20, item 1: with no report argument, piped or redirected stdin is read (as jq and grep
do); the bundled sample is read only when there is no input (a terminal, /dev/null), and
`sample` names it explicitly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
Z23_H1 = ROOT / "tests" / "fixtures" / "series" / "08_zhoushan_2023_h1.txt"


def _run(*args: str, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ZSPROGRESS_NO_CACHE": "1"}
    env.pop("ZSPROGRESS_PATTERNS", None)
    return subprocess.run([sys.executable, "-m", "zsprogress", *args], env=env, capture_output=True,
                          timeout=120, cwd=ROOT, **kw)


def _sources(out: bytes) -> set[str]:
    return {r["source"] for r in json.loads(out)}


def test_piped_stdin_is_read():
    p = _run("tasks", "-f", "json", input=Z23_H1.read_bytes())
    assert p.returncode == 0, p.stderr
    assert _sources(p.stdout) == {"<stdin>"}
    # the 2023 opening has a handful of tasks, the sample 120
    assert 0 < len(json.loads(p.stdout)) < 20


def test_redirected_file_is_read():
    with Z23_H1.open("rb") as fh:
        p = _run("completion", "-f", "json", stdin=fh)
    assert p.returncode == 0, p.stderr
    assert _sources(p.stdout) <= {"<stdin>"}


def test_dev_null_means_no_input_and_the_sample():
    p = _run("tasks", "-f", "json", stdin=subprocess.DEVNULL)
    assert p.returncode == 0, p.stderr
    rows = json.loads(p.stdout)
    assert len(rows) == 120 and _sources(p.stdout) == {"<sample>"}


def test_empty_pipe_is_an_empty_report_not_the_sample():
    p = _run("tasks", "-f", "json", input=b"")
    assert p.returncode == 2
    assert p.stderr.decode().strip().splitlines()[-1] == "error: <stdin>: the report is empty"
    assert p.stdout == b""


def test_sample_named_explicitly_ignores_piped_input():
    p = _run("tasks", "sample", "-f", "json", input=Z23_H1.read_bytes())
    assert p.returncode == 0 and _sources(p.stdout) == {"<sample>"}


@pytest.mark.parametrize("cmd", ["claims", "check", "track"])
def test_every_command_reads_piped_stdin(cmd):
    args = [cmd] + (["-f", "json"] if cmd != "check" else ["-f", "json", "--fail-on", "none"])
    p = _run(*args, input=Z23_H1.read_bytes())
    assert p.returncode == 0, p.stderr
    rows = json.loads(p.stdout)
    assert rows and {r["source"] for r in rows} == {"<stdin>"}


def test_in_process_runner_with_input_reads_it():
    from typer.testing import CliRunner

    from zsprogress.cli import app

    res = CliRunner().invoke(app, ["tasks", "-f", "json"], input=Z23_H1.read_bytes())
    assert res.exit_code == 0 and {r["source"] for r in json.loads(res.stdout)} == {"<stdin>"}
    res = CliRunner().invoke(app, ["tasks", "-f", "json"])
    assert res.exit_code == 0 and {r["source"] for r in json.loads(res.stdout)} == {"<sample>"}
