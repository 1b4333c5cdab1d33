"""bench/run.py's scripts and measured functions work (what they measure is the bench's business:
no time is asserted here). The scripts run in fresh interpreters, under callgrind too, where a
broken one only shows as a skipped or wrong figure."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "run.py"


@pytest.fixture(scope="module")
def run():
    spec = importlib.util.spec_from_file_location("bench_run", BENCH)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_scripts_compile(run):
    for name in ("COLD_FLOOR", "COLD_STAGES", "TYPER_MINIMAL", "PIPELINE_K"):
        compile(getattr(run, name), name, "exec")


def test_the_measured_functions_do_the_work(run):
    whole, scan = run.pipeline_and_pass()
    whole()
    scan()
    assert run.rule_scan_fn()() > 800  # matches of every rule over the sample's task fields


def test_the_floor_script_stops_before_any_report_is_read(run):
    p = subprocess.run([sys.executable, "-c", run.COLD_FLOOR + "\nimport sys\n"
                        "print(len(t) - 1, 'zsprogress.segment' in sys.modules, 'zsprogress.extract' in sys.modules)"],
                       capture_output=True, text=True, check=True)
    assert p.stdout.split() == [str(run.FLOOR_STAGES), "False", "False"]


def test_the_jobs_timer_counts_the_child_processes_cpu(run):
    # a child that spins for a while: its CPU time is counted, and no more than the wall time allows
    wall, cpu = run._timed([sys.executable, "-c", "sum(i * i for i in range(3_000_000))"], run.env())
    assert cpu > 0.05
    assert cpu <= wall * 2 + 0.05  # one process: at most its wall time on each of 2 cores
