"""Performance figures of zsprogress, printed as one table (README "Performance").

    pip install -e '.[bench]'          # Recognizers-Text for the comparison (optional)
    python bench/run.py [--runs 5] [--quick] [--corpus-mb 5] [--patho-timeout 60] [--only cold,stages]

Every figure is the median of several runs in this one session, on this machine:

- cold start: wall time of fresh ``zsprogress --help``, ``completion -f json`` and
  ``completion -f table`` processes on the bundled sample (bytecode present: the package is
  compiled first and PYTHONDONTWRITEBYTECODE is dropped), beside ``python -c "import typer,
  pydantic, regex"`` (the floor any Typer + Pydantic CLI pays), run side by side round after
  round, as a ratio; where a fresh ``completion -f json`` spends its time, stage by stage;
  and, when valgrind is installed, the same ratio in instructions (callgrind: deterministic,
  where wall times on a shared machine move by a third from run to run);
- in-process, per stage on the sample: read, segment, extract, link (the rules are loaded once
  beforehand, and their loading is timed on its own); the whole pipeline, beside one pass of a
  number-and-unit regex over the same text (every unit of patterns/units.toml and %): how many
  such passes the pipeline costs; reading the sample as HTML, DOCX, XLSX and PDF beside the
  text;
- throughput (MB/s) and peak RSS (whole process tree, sampled from /proc) of ``zsprogress
  completion DIR -f jsonl`` on a generated corpus: variants of the sample and the layout
  fixtures with their numbers perturbed and their long cells swapped, so nothing repeats;
  single process and ``--jobs 2``; at half the corpus, to see how memory grows with input; and
  one 5 MB file (the sample and the layout fixtures, repeated) in one process;
- batches: ``completion DIR --jobs 2`` against ``--jobs 1`` on the shared layout openings and
  on 20 copies of the sample (wall and CPU time side by side, and instructions per process
  with valgrind: ``--jobs 2`` lasts as long as its longest process);
- Recognizers-Text (``recognizers-text-suite``: Chinese Number, Percentage, Currency and
  Dimension models, run once per paragraph = once per non-empty task field) on the same text:
  the speed ratio, and how many of our ``amount`` and ``percent`` claims it also finds
  (overlapping span, same value); "not installed" when it is absent;
- the pathological inputs of tests/test_robust.py, each in its own process with a timeout:
  the worst case in seconds.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

LAYOUTS = ROOT / "tests" / "fixtures" / "layouts"
ROWS: list[tuple[str, str, str, str]] = []  # (figure, value, target, verdict)


def row(figure: str, value: str, target: str = "", ok: Optional[bool] = None) -> None:
    verdict = "" if ok is None else ("met" if ok else "MISSED")
    ROWS.append((figure, value, target, verdict))
    print(f"  {figure}: {value} {('[' + verdict + ']') if verdict else ''}", file=sys.stderr, flush=True)


def median_time(fn: Callable[[], object], runs: int) -> float:
    return median_times({"fn": fn}, runs)["fn"]


def median_times(fns: dict[str, Callable[[], object]], runs: int) -> dict[str, float]:
    """The median time of each function, run round after round side by side (one run of each
    per round), so a ratio of two of them holds even while the machine's load changes."""
    times: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(runs):
        for k, fn in fns.items():
            t = time.perf_counter()
            fn()
            times[k].append(time.perf_counter() - t)
    return {k: statistics.median(v) for k, v in times.items()}


def env() -> dict:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT) + os.pathsep + e.get("PYTHONPATH", "")
    e.pop("ZSPROGRESS_PATTERNS", None)
    return e


def zs_cmd() -> list[str]:
    exe = shutil.which("zsprogress")
    return [exe] if exe else [sys.executable, "-m", "zsprogress"]


# ---------------------------------------------------------------------------------------------
# published formats


def formats(runs: int) -> None:
    """Time to read the sample as text and in each published format (tests/fixtures/formats/),
    bytes -> Document, library import excluded (each reader is warmed once)."""
    from zsprogress.read import read, sample_path

    for path in [sample_path(), *sorted((ROOT / "tests" / "fixtures" / "formats").glob("zhoushan-2024-h1.*"))]:
        if path.suffix == ".py":
            continue
        try:
            read(path)
        except Exception as e:  # noqa: BLE001 - a missing extra: say so and go on
            row(f"read: sample as {path.suffix[1:]}", f"skipped: {e}")
            continue
        t = median_time(lambda p=path: read(p), runs if path.suffix != ".pdf" else max(1, runs // 3))
        row(f"read: sample as {path.suffix[1:]} ({path.stat().st_size // 1024} KB)", f"{t * 1000:.1f} ms")


# ---------------------------------------------------------------------------------------------
# cold start


def cold_env() -> dict:
    """env() with bytecode written and used, as an installed package has it (a session with
    PYTHONDONTWRITEBYTECODE=1 would otherwise time the compiling of every module of ours)."""
    e = env()
    e.pop("PYTHONDONTWRITEBYTECODE", None)
    return e


# a fresh `completion -f json` on the sample, stage by stage (the CLI's own stages, in its order)
# its first 4 stages: what the command does before it reads a report (the design card's
# libraries: Typer's dispatch, which builds a pydantic TypeAdapter per option, and the records)
COLD_FLOOR = """
import time
t = [time.perf_counter()]
import typer, pydantic, regex; t.append(time.perf_counter())
import zsprogress.cli, typer._adapters; t.append(time.perf_counter())
import typer.main  # the one command of the run, as zsprogress.cli.main builds it
group = typer.main.get_command(zsprogress.cli.new_app({"completion": zsprogress.cli.COMMANDS["completion"]}))
ctx = group.make_context("zsprogress", ["completion", "-f", "json"])
group.get_command(ctx, "completion").make_context("completion", ["-f", "json"], parent=ctx)
t.append(time.perf_counter())
import zsprogress.models; t.append(time.perf_counter())
"""
FLOOR_STAGES = 4
# the fair floor of issue 22: what any CLI whose records are Pydantic models pays before it does
# anything (pydantic's first model and TypeAdapter load its schema machinery and plugin loader)
FAIR_FLOOR = """
import pydantic
class M(pydantic.BaseModel):
    a: int
    b: str = "x"
ta = pydantic.TypeAdapter(list[M])
ta.validate_python([{"a": 1}])
"""
# the floor of any Typer CLI: Typer (0.2x) coerces each option with a pydantic TypeAdapter
TYPER_MINIMAL = """
import sys, typer, pydantic, regex
app = typer.Typer()
@app.command()
def f(x: str = "a", y: int = 1):
    pass
@app.command()
def g(x: str = "a"):
    pass
sys.argv = ["p", "f", "--x", "b"]
try:
    app()
except SystemExit:
    pass
"""
COLD_STAGES = COLD_FLOOR + """
import zsprogress.segment; t.append(time.perf_counter())
from zsprogress.rules import default_rules; rs = default_rules(); t.append(time.perf_counter())
from zsprogress import api; r = api.parse_report(); t.append(time.perf_counter())
cs = api.extract_claims(r, rs); t.append(time.perf_counter())
rows = api.completion_table(r, cs, rs); t.append(time.perf_counter())
import io; from zsprogress.export import write_rows
write_rows((x.model_dump(mode="json") for x in rows), "json", io.StringIO()); t.append(time.perf_counter())
print(" ".join(str(b - a) for a, b in zip(t, t[1:])))
"""
COLD_STAGE_NAMES = ("import typer, pydantic, regex", "the CLI module (with Typer's pydantic TypeAdapter machinery)",
                    "Typer's dispatch (the command's signature read, its options parsed)",
                    "zsprogress.models (pydantic classes)", "segment imported (layout vocabulary: data from the cache)",
                    "rules loaded (data from the cache; nothing compiled yet)", "read + segment the sample",
                    "extract (compiles the rules the text may need)", "link", "JSON written")


def cold(runs: int) -> None:
    """Fresh processes, bytecode present, every command once per round (side by side, so a
    busy machine slows them alike): medians, and each as a ratio of the bare import."""
    e = cold_env()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "zsprogress")], env=e,
                   capture_output=True, check=False)
    zs = zs_cmd()
    cmds = {"bare": [sys.executable, "-c", "import typer, pydantic, regex"], "help": zs + ["--help"],
            "json": zs + ["completion", "-f", "json"], "table": zs + ["completion", "-f", "table"],
            "stages": [sys.executable, "-c", COLD_STAGES]}
    times: dict[str, list[float]] = {k: [] for k in cmds}
    stage_secs: list[list[float]] = []
    for cmd in cmds.values():  # warm the OS file cache: "cold" is a new interpreter, not a cold disk
        subprocess.run(cmd, capture_output=True, env=e, check=False)
    for _ in range(runs):
        for k, cmd in cmds.items():
            t = time.perf_counter()
            p = subprocess.run(cmd, capture_output=True, text=True, env=e, check=False)
            times[k].append(time.perf_counter() - t)
            if k == "stages" and p.returncode == 0:
                stage_secs.append([float(x) for x in p.stdout.split()])
    med = {k: statistics.median(v) for k, v in times.items()}
    base = med["bare"]
    row("cold: python -c 'import typer, pydantic, regex'", f"{base * 1000:.0f} ms")
    for k, args, target in (("help", "--help", None), ("json", "completion -f json", 2.0),
                            ("table", "completion -f table", None)):
        ratio = med[k] / base
        row(f"cold: zsprogress {args}", f"{med[k] * 1000:.0f} ms = {ratio:.2f}x import",
            f"<= {target}x" if target else "", ratio <= target if target else None)
    if stage_secs:
        total = 0.0
        for i, name in enumerate(COLD_STAGE_NAMES):
            s = statistics.median(x[i] for x in stage_secs)
            total += s
            row(f"cold: completion -f json, stage: {name}", f"{s * 1000:.0f} ms = {s / base:.2f}x import")
        # the stages do the command's work (under callgrind the two execute the same number of
        # instructions within 1%), less the interpreter's start-up, which the bare import pays too
        row("cold: completion -f json, the stages together", f"{total * 1000:.0f} ms = {total / base:.2f}x import")
        # what the design card's libraries cost before a report is read: Typer's dispatch (one
        # pydantic TypeAdapter per option) and the Pydantic records, beside the bare import
        floor = sum(statistics.median(x[i] for x in stage_secs) for i in range(FLOOR_STAGES))
        row("cold: completion -f json, before any report is read (the first 4 stages)",
            f"{floor * 1000:.0f} ms = {floor / base:.2f}x import")
    instructions(e, cmds["bare"], cmds["json"], cmds["stages"], [sys.executable, "-c", COLD_FLOOR])


def fresh_cache_env(e: dict) -> dict:
    """``e`` with a cache directory that does not exist yet: a run with an empty cache."""
    return {**e, "ZSPROGRESS_CACHE_DIR": os.path.join(tempfile.mkdtemp(prefix="zs-bench-"), "cache")}


def floor(runs: int) -> None:
    """Cold ``completion -f json`` with an empty and with a warm cache, beside the fair floor
    (a script building one Pydantic model and one TypeAdapter, issue 22): medians of fresh
    processes side by side, and the same in instructions (callgrind) when valgrind is there."""
    e = cold_env()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "zsprogress")], env=e,
                   capture_output=True, check=False)
    warm = {**e, "ZSPROGRESS_CACHE_DIR": os.path.join(tempfile.mkdtemp(prefix="zs-bench-"), "cache")}
    json_cmd = zs_cmd() + ["completion", "-f", "json"]
    fair = [sys.executable, "-c", FAIR_FLOOR]
    for cmd, env_ in ((fair, e), (json_cmd, warm)):
        subprocess.run(cmd, capture_output=True, env=env_, check=False)  # OS file cache; the warm cache
    cmds = {"fair": (fair, lambda: e), "warm": (json_cmd, lambda: warm), "empty": (json_cmd, lambda: fresh_cache_env(e))}
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(runs):
        for k, (cmd, env_of) in cmds.items():
            env_ = env_of()
            t = time.perf_counter()
            subprocess.run(cmd, capture_output=True, env=env_, check=False)
            times[k].append(time.perf_counter() - t)
    med = {k: statistics.median(v) for k, v in times.items()}
    row("cold: fair floor (one pydantic model + one TypeAdapter)", f"{med['fair'] * 1000:.0f} ms")
    for k, what in (("empty", "empty cache"), ("warm", "warm cache")):
        ratio = med[k] / med["fair"]
        row(f"cold: completion -f json, {what}", f"{med[k] * 1000:.0f} ms = {ratio:.2f}x the fair floor",
            "<= 1.6x", ratio <= 1.6)
    if shutil.which("valgrind") is None:
        row("cold: instructions vs the fair floor (callgrind)", "valgrind not installed: skipped")
        return
    n = {"fair": callgrind_count(fair, e), "warm": callgrind_count(json_cmd, warm),
         "empty": callgrind_count(json_cmd, fresh_cache_env(e))}
    if not all(n.values()):
        row("cold: instructions vs the fair floor (callgrind)", "valgrind failed: skipped")
        return
    row("cold: instructions, fair floor", f"{n['fair'] / 1e6:.0f} M")
    for k, what in (("empty", "empty cache"), ("warm", "warm cache")):
        ratio = n[k] / n["fair"]
        row(f"cold: instructions, completion -f json, {what}", f"{n[k] / 1e6:.0f} M = {ratio:.2f}x the fair floor",
            "<= 1.6x", ratio <= 1.6)
    # the collector paused around segment, extract and link (gcpause.py): what it saves
    stages = COLD_STAGES.replace("print(", "0 and print(")
    running = "import contextlib, zsprogress.gcpause as G\nG.gc_paused = contextlib.nullcontext\n" + stages
    paused_n, running_n = (callgrind_count([sys.executable, "-c", c], warm) for c in (stages, running))
    if paused_n and running_n:
        row("cold: instructions, the stages with the collector paused / running",
            f"{paused_n / 1e6:.0f} M / {running_n / 1e6:.0f} M = {1 - paused_n / running_n:.0%} saved")


def callgrind_count(cmd: list[str], e: dict) -> int:
    """The instructions ``cmd`` executes (valgrind's callgrind), 0 when it failed. The hash seed
    is fixed: with a random one, dict and set layouts move the count by several percent."""
    p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
                       capture_output=True, text=True, env={**e, "PYTHONHASHSEED": "0"}, check=False)
    m = re.search(r"Collected : (\d+)", p.stderr)
    return int(m.group(1)) if m else 0


def instructions(e: dict, bare: list[str], json_cmd: list[str], stages_cmd: list[str],
                 floor_cmd: list[str]) -> None:
    """The same ratio counted in instructions (valgrind's callgrind, when installed): one run
    each, deterministic, so unaffected by a busy machine (which moves the wall times above by
    30% and more); and the stages' count beside the command's, to show they do the same work."""
    if shutil.which("valgrind") is None:
        row("cold: instructions (callgrind)", "valgrind not installed: skipped")
        return

    n = {k: callgrind_count(c, e) for k, c in (("bare", bare), ("json", json_cmd), ("stages", stages_cmd),
                                                ("floor", floor_cmd),
                                                ("typer", [sys.executable, "-c", TYPER_MINIMAL]))}
    if not all(n.values()):
        row("cold: instructions (callgrind)", "valgrind failed: skipped")
        return
    row("cold: instructions, python -c 'import typer, pydantic, regex'", f"{n['bare'] / 1e6:.0f} M")
    row("cold: instructions, zsprogress completion -f json", f"{n['json'] / 1e6:.0f} M = "
        f"{n['json'] / n['bare']:.2f}x import", "<= 2.0x", n["json"] / n["bare"] <= 2.0)
    row("cold: instructions, the stages script", f"{n['stages'] / 1e6:.0f} M = {n['stages'] / n['json']:.2f}x the command")
    row("cold: instructions, its first 4 stages (no report read yet)",
        f"{n['floor'] / 1e6:.0f} M = {n['floor'] / n['bare']:.2f}x import")
    row("cold: instructions, a Typer app of 2 commands and 2 options, run",
        f"{n['typer'] / 1e6:.0f} M = {n['typer'] / n['bare']:.2f}x import")


SHARED_OPENINGS = Path("/work/shared/corpus/layouts")


def _timed(cmd: list[str], e: dict) -> tuple[float, float]:
    """Wall time and CPU time (user + system, the process and every worker it waited for)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=e, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def jobs(runs: int) -> None:
    """``completion DIR -f jsonl --jobs 2`` against ``--jobs 1`` (issue 22: >= 1.7x) on the
    shared layout openings (or the fixtures' when /work/shared is absent) and on 20 copies of
    the sample: fresh processes, warm rules cache, the two run side by side round after round;
    medians of wall time, and the CPU time both spend (a machine busy with other work slows
    the two alike, but shares its cores with neither: the load average is printed)."""
    from zsprogress.read import sample_path

    e = cold_env()
    e["ZSPROGRESS_CACHE_DIR"] = os.path.join(tempfile.mkdtemp(prefix="zs-bench-"), "cache")
    with tempfile.TemporaryDirectory(prefix="zs-copies-") as tmp:
        for i in range(20):
            shutil.copyfile(sample_path(), Path(tmp) / f"s{i:02d}.txt")
        openings = SHARED_OPENINGS if SHARED_OPENINGS.is_dir() else LAYOUTS
        n_open = len(list(openings.glob("*.txt")))
        for label, d in ((f"{n_open} layout openings", openings), ("20 copies of the sample", Path(tmp))):
            cmds = {j: zs_cmd() + ["completion", str(d), "-f", "jsonl", "-o", os.devnull, "--jobs", str(j)]
                    for j in (1, 2)}
            _timed(cmds[1], e)  # the OS file cache, the rules cache
            meas: dict[int, list[tuple[float, float]]] = {1: [], 2: []}
            for _ in range(runs):
                for j, cmd in cmds.items():
                    meas[j].append(_timed(cmd, e))
            wall = {j: statistics.median(w for w, _ in m) for j, m in meas.items()}
            cpu = {j: statistics.median(c for _, c in m) for j, m in meas.items()}
            ratio = wall[1] / wall[2]
            row(f"jobs: completion --jobs 2 vs 1, {label}",
                f"{wall[1]:.2f} s / {wall[2]:.2f} s = {ratio:.2f}x (CPU {cpu[1]:.2f} s / {cpu[2]:.2f} s)",
                ">= 1.7x", ratio >= 1.7)
            jobs_instructions(label, cmds, e)
    row("jobs: load average when measured (2 cores: above 2, the ratios are the machine's)",
        " ".join(f"{x:.1f}" for x in os.getloadavg()))


def jobs_instructions(label: str, cmds: dict[int, list[str]], e: dict) -> None:
    """The same ratio in instructions (callgrind, every process): ``--jobs 1`` executes all of
    them in one process; ``--jobs 2`` is as long as its longest process, a worker (a forked
    child's count includes what the parent executed before the fork: the imports, the rules'
    data; the parent's own work after it, gathering rows, is small)."""
    if shutil.which("valgrind") is None:
        return
    counts: dict[int, list[int]] = {}
    with tempfile.TemporaryDirectory(prefix="zs-cg-") as tmp:
        for j, cmd in cmds.items():
            p = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/cg.%p", *cmd],
                               capture_output=True, text=True, env={**e, "PYTHONHASHSEED": "0"}, check=False)
            counts[j] = [int(x) for x in re.findall(r"Collected : (\d+)", p.stderr)]
    if len(counts[1]) != 1 or len(counts[2]) < 3:
        # a worker still finalising under valgrind when the batch stopped it (batch.py kills a
        # worker that has not exited 1 s after its last chunk) prints no count
        row(f"jobs: instructions, {label}", f"a process was not counted ({len(counts[2])} of 3): skipped")
        return
    one, longest = sum(counts[1]), max(counts[2])
    row(f"jobs: instructions, --jobs 1 / the longest process of --jobs 2, {label}",
        f"{one / 1e6:.0f} M / {longest / 1e6:.0f} M = {one / longest:.2f}x ({len(counts[2])} processes)",
        ">= 1.7x", one / longest >= 1.7)


def pipeline_and_pass() -> tuple[Callable[[], object], Callable[[], object]]:
    """The whole pipeline on the sample (read, segment, extract, link), and the reference it is
    measured in: one pass over the sample's text of a regex of a number and a unit (every unit
    of patterns/units.toml, and %)."""
    import regex

    import zsprogress.api as api
    from zsprogress.read import read
    from zsprogress.rules import default_rules
    from zsprogress.segment import segment

    rs = default_rules()
    units = "|".join(regex.escape(u) for u in sorted(rs.units, key=len, reverse=True))
    one = regex.compile(rf"\d+(?:\.\d+)?(?:万亿|亿|万|千)?(?:{units}|%)")
    text = read(None).text

    def whole() -> None:
        r = segment(read(None))
        api.completion_table(r, api.extract_claims(r))

    def scan() -> None:
        sum(1 for _ in one.finditer(text))

    return whole, scan


# the whole pipeline or the one-pass reference, K times after a warm-up (for callgrind: the
# difference of two K gives the instructions of the work alone, without start-up and imports)
PIPELINE_K = f"""
import sys
sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})
from run import pipeline_and_pass, rule_scan_fn
whole, scan = pipeline_and_pass()
what, k = sys.argv[1], int(sys.argv[2])
fn = {{"whole": whole, "scan": scan, "rules": rule_scan_fn()}}[what]
fn()
import gc
gc.disable()  # the count is the work's, without where the collector happens to run
for _ in range(k):
    fn()
"""

def instructions_inprocess() -> None:
    """The whole pipeline / one pass ratio counted in instructions (callgrind, when installed):
    deterministic, where the wall-time ratio moves with the machine's load. Each is the
    difference of two runs doing it a different number of times."""
    if shutil.which("valgrind") is None:
        row("in-process: instructions (callgrind)", "valgrind not installed: skipped")
        return
    e = cold_env()

    def count(what: str, k: int) -> int:
        return callgrind_count([sys.executable, "-c", PIPELINE_K, what, str(k)], e)

    # once without valgrind first, so the bytecode of every module it imports (bench/run.py
    # too) is written and no counted run compiles one
    subprocess.run([sys.executable, "-c", PIPELINE_K, "scan", "0"], env=e, capture_output=True, check=False)

    whole = count("whole", 2) - count("whole", 1)
    scan = (count("scan", 40) - count("scan", 10)) / 30
    rules = count("rules", 2) - count("rules", 1)
    if whole <= 0 or scan <= 0:
        row("in-process: instructions (callgrind)", "valgrind failed: skipped")
        return
    row("in-process: instructions, whole pipeline on the sample", f"{whole / 1e6:.0f} M")
    row("in-process: instructions, one pass of the number+unit regex", f"{scan / 1e6:.2f} M")
    row("in-process: instructions, whole pipeline / one regex pass", f"{whole / scan:.0f} passes", "<= 15",
        whole / scan <= 15)
    row("in-process: instructions, the rule scan / besides it", f"{rules / scan:.1f} / {(whole - rules) / scan:.1f} passes")


# ---------------------------------------------------------------------------------------------
# in-process stages


def stages(runs: int) -> float:
    import zsprogress.api as api
    from zsprogress.read import read
    from zsprogress.rules import default_rules
    from zsprogress.segment import segment

    # each in a fresh interpreter (the regex module keeps compiled patterns for the process)
    for what, fn in (("read + validate + compile every regex of patterns/ (no cache)", "load_rules"),
                     ("validated data from the cache (regexes compiled at first use)", "cached_load")):
        code = (f"import time; from zsprogress.rules import {fn}; t = time.perf_counter(); {fn}(); "
                "print(time.perf_counter() - t)")
        subprocess.run([sys.executable, "-c", code], env=env(), capture_output=True, check=True)  # the cache
        secs = [float(subprocess.run([sys.executable, "-c", code], env=env(), capture_output=True, text=True,
                                     check=True).stdout) for _ in range(max(3, runs // 3))]
        row(f"rules: {what}, once per process", f"{statistics.median(secs) * 1000:.1f} ms")
    default_rules()
    doc = read(None)
    report = segment(doc)
    cs = api.extract_claims(report)
    rs = default_rules()
    whole_fn, pass_fn = pipeline_and_pass()
    parts = {
        "read": lambda: read(None),
        "segment": lambda: segment(doc),
        "extract": lambda: api.extract_claims(report),
        "link": lambda: api.completion_table(report, cs),
        "whole": whole_fn,
        "scan": pass_fn,
    }
    for fn in parts.values():
        fn()
    med = median_times(parts, runs)
    for name in ("read", "segment", "extract", "link"):
        row(f"in-process: {name} (sample, {len(doc.text.encode()) // 1024} KB)", f"{med[name] * 1000:.1f} ms")
    t, scan = med["whole"], med["scan"]
    row("in-process: whole pipeline on the sample", f"{t * 1000:.1f} ms", "<= 20 ms", t <= 0.020)
    row("in-process: one pass of a number+unit regex over the sample", f"{scan * 1000:.2f} ms")
    row("in-process: whole pipeline / one regex pass", f"{t / scan:.0f} passes", "<= 15", t / scan <= 15)
    t_rules = rule_scan(report, rs, scan, runs)
    rest = t - t_rules
    row("in-process: whole pipeline besides the rule scan (Python: segment, claims, link)",
        f"{rest * 1000:.1f} ms = {rest / scan:.0f} passes")
    instructions_inprocess()
    return t


def claim_calls() -> None:
    """Regex calls of extract's per-claim work on the sample (bench/claim_calls.py: a profiler
    hook counts them, on only while counting)."""
    from claim_calls import count

    c = count()
    row("extract: per-claim regex calls (sample)", f"{c['per_claim']:.1f} per claim ({c['claim_calls']:,} calls, "
        f"{c['claims']} claims)", "a few")
    row("extract: regex calls of the batched passes per text (sample)", f"{c['pass_calls']:,}")


def report_page(runs: int) -> None:
    """The HTML page of `zsprogress report` on the sample: its size, and the time to write it
    from the pipeline's records (the pipeline itself is timed above)."""
    import zsprogress.api as api
    from zsprogress.page import Part, page

    r = api.parse_report()
    cs = api.extract_claims(r)
    parts = [Part(r, cs, api.completion_table(r, cs))]
    size = len(page(parts).encode("utf-8"))
    t = median_time(lambda: page(parts), runs)
    row("report page: HTML of the sample (self-contained)", f"{size / 1024:.0f} KB, written in {t * 1000:.1f} ms")


def _fields_folded(report) -> str:
    """The sample's task fields, joined and folded as scan_many scans them."""
    from zsprogress import extract as ex

    return ex.fold(ex.SEGMENT_SEP.join(t.field_text(f) for t in report.tasks for f, _ in ex.FIELDS
                                       if t.field_text(f)))


def rule_scan_fn(report=None, rs=None) -> Callable[[], object]:
    """The rule scan of extract.py over the sample's task fields: every rule's matches, as
    ``scan_many`` gets them."""
    import zsprogress.api as api
    from zsprogress import extract as ex
    from zsprogress.rules import default_rules

    rs = rs or default_rules()
    folded = _fields_folded(report or api.parse_report())
    return lambda: sum(1 for _ in ex._matches(folded, rs))


def rule_scan(report, rs, scan: float, runs: int) -> float:
    """The rule scan of extract.py on the sample's task fields (joined as scan_many joins
    them), and the number-first rules (``starts`` in patterns/) both ways in this one run:
    tried at their starts, and scanned with finditer as they were before."""
    import dataclasses

    from zsprogress import extract as ex

    folded = _fields_folded(report)
    t = median_time(rule_scan_fn(report, rs), runs)
    row(f"in-process: rule scan, {len(rs.rules)} rules (extract, sample)",
        f"{t * 1000:.1f} ms = {t / scan:.1f} passes")
    first = [lr for lr in rs.rules if lr.starts is not None]
    anchored = [lr for lr in rs.rules if lr.anchor is not None]

    def each(rules: list) -> Callable[[], object]:
        def go() -> None:
            passes = ex._Passes(folded)
            for lr in rules:
                sum(1 for _ in ex._rule_matches(lr, folded, passes))
        return go

    def full(rules: list) -> Callable[[], object]:  # every rule with finditer over the whole text
        return each([dataclasses.replace(lr, anchor_sources=None, number_first={}) for lr in rules])

    med = median_times({"first": each(first), "first_full": full(first), "anchored": each(anchored),
                        "anchored_full": full(anchored)}, runs)
    for what, rules, key in (("number-first", first, "first"), ("anchored", anchored, "anchored")):
        a, b = med[key + "_full"], med[key]
        row(f"in-process: the {len(rules)} {what} rules, finditer -> {what}",
            f"{a * 1000:.1f} -> {b * 1000:.1f} ms ({a / scan:.1f} -> {b / scan:.1f} passes)")
    return t


# ---------------------------------------------------------------------------------------------
# corpus, throughput, memory

NUM = re.compile(r"\d+(?:\.\d+)?")


def _vary(text: str, rng: random.Random) -> str:
    """Perturb the numbers of long lines (cells), and swap some long lines between tasks."""
    lines = text.split("\n")
    long_ = [i for i, line in enumerate(lines) if len(line) > 40]
    for i in long_:
        lines[i] = NUM.sub(lambda m: "".join(str(rng.randint(1 if k == 0 else 0, 9)) if c.isdigit() else c
                                             for k, c in enumerate(m.group())), lines[i])
    for _ in range(len(long_) // 3):
        a, b = rng.sample(long_, 2) if len(long_) > 1 else (0, 0)
        lines[a], lines[b] = lines[b], lines[a]
    return "\n".join(lines)


def make_corpus(directory: Path, mb: float, seed: int = 5) -> int:
    rng = random.Random(seed)
    from zsprogress.read import sample_path

    bases = [sample_path().read_text(encoding="utf-8")]
    for p in sorted(LAYOUTS.glob("*.txt")):
        t = p.read_text(encoding="utf-8")
        bases.append(t * max(1, 100_000 // max(1, len(t.encode()))))  # a layout file tiled to ~100 KB
    total, i = 0, 0
    while total < mb * 1024 * 1024:
        base = bases[0] if i % 10 < 8 else bases[1 + (i // 10 + i) % (len(bases) - 1)]
        data = _vary(base, rng).encode("utf-8")
        (directory / f"r{i:03d}.txt").write_bytes(data)
        total += len(data)
        i += 1
    return total


def _tree_rss(root: int) -> int:
    """Resident memory of a process and its descendants, in bytes (Linux /proc)."""
    kids: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as fh:
                parts = fh.read().rsplit(")", 1)[1].split()
            kids.setdefault(int(parts[1]), []).append(int(d))
            rss[int(d)] = int(parts[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            pass
    total, todo = 0, [root]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += kids.get(p, [])
    return total


def run_measured(cmd: list[str]) -> tuple[float, int, int]:
    """Wall time, peak RSS of the process tree (sampled), exit code."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env())
    peak = 0
    stop = threading.Event()

    def poll() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            stop.wait(0.02)

    th = threading.Thread(target=poll, daemon=True)
    th.start()
    code = proc.wait()
    wall = time.perf_counter() - t
    stop.set()
    th.join()
    return wall, peak, code


def throughput(runs: int, mb: float) -> None:
    if not Path("/proc/self/stat").exists():
        row("throughput", "needs Linux /proc for the memory figures: skipped")
        return
    with tempfile.TemporaryDirectory(prefix="zs-corpus-") as tmp:
        full, half = Path(tmp) / "full", Path(tmp) / "half"
        full.mkdir()
        half.mkdir()
        size = make_corpus(full, mb)
        half_size = make_corpus(half, mb / 2, seed=6)
        n = len(list(full.glob("*.txt")))
        label = f"{size / 1e6:.1f} MB, {n} files"
        results = {}
        for jobs, d, sz in ((1, full, size), (2, full, size), (1, half, half_size)):
            cmd = zs_cmd() + ["completion", str(d), "-f", "jsonl", "-o", os.devnull, "--jobs", str(jobs)]
            meas = [run_measured(cmd) for _ in range(runs)]
            codes = {c for _, _, c in meas}
            wall = statistics.median(w for w, _, _ in meas)
            peak = statistics.median(p for _, p, _ in meas)
            results[(jobs, d.name)] = (wall, peak, sz)
            if codes != {0}:
                row(f"corpus run --jobs {jobs}", f"exit codes {sorted(codes)}")
        w1, p1, _ = results[(1, "full")]
        w2, p2, _ = results[(2, "full")]
        wh, ph, hs = results[(1, "half")]
        row(f"throughput: completion, 1 process ({label})", f"{size / 1e6 / w1:.2f} MB/s ({w1:.1f} s)",
            ">= 5 MB/s", size / 1e6 / w1 >= 5)
        row(f"throughput: completion --jobs 2 ({label})", f"{size / 1e6 / w2:.2f} MB/s ({w2:.1f} s)")
        # the target in this machine's unit: the sample at 5 MB/s, in one-pass scans of it
        from zsprogress.read import read
        _, scan = pipeline_and_pass()
        budget = len(read(None).text.encode("utf-8")) / 5e6
        row("throughput: 5 MB/s, in this machine's one-pass scans of the sample",
            f"{budget * 1000:.1f} ms = {budget / median_time(scan, 15):.1f} passes")
        row(f"peak RSS: 1 process ({label})", f"{p1 / 1e6:.0f} MB", "< 200 MB", p1 < 200e6)
        row(f"peak RSS: --jobs 2, all processes ({label})", f"{p2 / 1e6:.0f} MB", "< 200 MB", p2 < 200e6)
        growth = (p1 - ph) / max(1, ph) / ((size - hs) / hs)
        row(f"peak RSS: 1 process, half corpus ({hs / 1e6:.1f} MB)",
            f"{ph / 1e6:.0f} MB; memory grows {growth:.2f}x as fast as input", "<= 1x", growth <= 1.0)
        big = Path(tmp) / "one-5mb.txt"
        size = one_file(big, 5.0)
        meas = [run_measured(zs_cmd() + ["completion", str(big), "-f", "jsonl", "-o", os.devnull])
                for _ in range(runs)]
        wall = statistics.median(w for w, _, _ in meas)
        peak = statistics.median(p for _, p, _ in meas)
        row(f"one file of {size / 1e6:.1f} MB, 1 process: throughput", f"{size / 1e6 / wall:.2f} MB/s ({wall:.1f} s)",
            ">= 5 MB/s", size / 1e6 / wall >= 5)
        row(f"one file of {size / 1e6:.1f} MB, 1 process: peak RSS", f"{peak / 1e6:.0f} MB", "<= 100 MB",
            peak <= 100e6)


def one_file(path: Path, mb: float) -> int:
    """One report of ``mb`` MB: the sample, then each layout fixture, repeated (real text, one file)."""
    from zsprogress.read import sample_path

    parts = [sample_path().read_text(encoding="utf-8")] + [p.read_text(encoding="utf-8")
                                                           for p in sorted(LAYOUTS.glob("*.txt"))]
    out, size, i = [], 0, 0
    while size < mb * 1e6:
        out.append(parts[i % len(parts)])
        size += len(out[-1].encode("utf-8")) + 1
        i += 1
    data = "\n".join(out).encode("utf-8")
    path.write_bytes(data)
    return len(data)


# ---------------------------------------------------------------------------------------------
# Recognizers-Text


def recognizers(runs: int, ours: float) -> None:
    try:
        from recognizers_number import NumberRecognizer
        from recognizers_number_with_unit import NumberWithUnitRecognizer
        from recognizers_text import Culture
    except ImportError:
        row("Recognizers-Text (recognizers-text-suite)", "not installed (pip install -e '.[bench]')")
        return
    import zsprogress.api as api

    report = api.parse_report(None)
    cs = api.extract_claims(report)
    t0 = time.perf_counter()
    nr = NumberRecognizer(Culture.Chinese)
    nu = NumberWithUnitRecognizer(Culture.Chinese)
    models = {"number": nr.get_number_model(), "percent": nr.get_percentage_model(),
              "currency": nu.get_currency_model(), "dimension": nu.get_dimension_model()}
    row("Recognizers-Text: model construction (once)", f"{(time.perf_counter() - t0) * 1000:.0f} ms")
    fields = [(t.id, f, t.field_text(f)) for t in report.tasks
              for f in ("content", "target", "progress", "status", "problems", "next_steps") if t.field_text(f)]

    found: dict = {}

    def run_rt() -> None:
        for tid, f, text in fields:
            found[(tid, f)] = {k: m.parse(text) for k, m in models.items()}

    run_rt()
    t_rt = median_time(run_rt, max(1, runs // 2))
    ratio = t_rt / ours
    row("Recognizers-Text: 4 models once per paragraph, sample", f"{t_rt * 1000:.0f} ms = {ratio:.0f}x slower",
        ">= 150x", ratio >= 150)

    def value(res: object, pct: bool) -> Optional[float]:
        v = (getattr(res, "resolution", None) or {}).get("value")
        try:
            return float(str(v).rstrip("%")) if v is not None else None
        except ValueError:
            return None

    for kind, model, pct in (("amount", "currency", False), ("percent", "percent", True)):
        mine = [c for c in cs.claims if c.kind == kind]
        hit = 0
        for c in mine:
            for res in found.get((c.task_id, c.field), {}).get(model, []):
                v = value(res, pct)
                if res.start < c.end and c.start <= res.end and v is not None and c.value is not None \
                        and math.isclose(v, c.value, rel_tol=1e-9, abs_tol=1e-9):
                    hit += 1
                    break
        row(f"Recognizers-Text finds our {kind} claims (same span, same value)",
            f"{hit}/{len(mine)} ({hit / max(1, len(mine)):.0%})")


# ---------------------------------------------------------------------------------------------
# pathological inputs

PATHO = r'''
import sys, time
sys.path.insert(0, {root!r})
from zsprogress.api import parse_report, extract_claims, completion_table
from zsprogress.rules import default_rules
from zsprogress.read import sample_path
default_rules()
SAMPLE = sample_path().read_text(encoding="utf-8")
def five_mb():
    one = SAMPLE.replace("\n", " ")
    line = one * (5_000_000 // len(one.encode("utf-8")) + 1)
    return line[: len(line) * 5_000_000 // len(line.encode("utf-8"))]
bodies = {{
    "100k-digits": lambda: "完成投资" + "1" * 100_000 + "亿元",
    "100k-yi": lambda: "完成投资3" + "亿" * 100_000 + "元",
    "5mb-line": five_mb,
    "nested-brackets": lambda: "(" * 20_000 + "（【[完成投资3亿元]】）" * 3 + ")" * 20_000,
    "10k-circled": lambda: "①" * 10_000,
}}
name, wrap = sys.argv[1], sys.argv[2]
body = bodies[name]()
text = body if wrap == "bare" else "序号 | 内容 | 进展情况 | 责任单位 |\n1 | 推进港口建设 | " + body + " | 市港航局 |\n"
t = time.perf_counter(); r = parse_report(text=text); t1 = time.perf_counter()
cs = extract_claims(r); t2 = time.perf_counter(); completion_table(r, cs); t3 = time.perf_counter()
print(f"{{t3 - t:.3f}} segment={{t1 - t:.2f}} extract={{t2 - t1:.2f}} link={{t3 - t2:.2f}}")
'''


def pathological(timeout: float) -> None:
    code = PATHO.format(root=str(ROOT))
    worst = (0.0, "", "")
    for name in ("100k-digits", "100k-yi", "5mb-line", "nested-brackets", "10k-circled"):
        for wrap in ("bare", "in-a-row"):
            try:
                p = subprocess.run([sys.executable, "-c", code, name, wrap], capture_output=True, text=True,
                                   timeout=timeout, env=env())
                if p.returncode != 0:
                    secs, detail = math.inf, "error: " + (p.stderr.strip().splitlines() or ["?"])[-1]
                else:
                    first, _, detail = p.stdout.strip().partition(" ")
                    secs = float(first)
            except subprocess.TimeoutExpired:
                secs, detail = math.inf, f"did not finish in {timeout:.0f} s"
            shown = f"{secs:.2f} s ({detail})" if math.isfinite(secs) else detail
            print(f"  pathological {name} {wrap}: {shown}", file=sys.stderr, flush=True)
            if secs >= worst[0]:
                worst = (secs, f"{name} {wrap}", shown)
    row(f"pathological: worst case ({worst[1]})", worst[2])


def tracking(runs: int) -> None:
    """``track`` (ordering, task and target matching, flags) on 10 releases of 150 tasks: the
    sample's 120 tasks and 30 made of halves of two others, each release with a tenth of its
    numbers perturbed, a clause dropped from a tenth of its tasks, 3 tasks left out and the
    order shuffled; completion rows computed beforehand (not timed)."""
    import zsprogress.api as api
    from zsprogress.models import Period
    from zsprogress.track import track

    rng = random.Random(11)
    base = api.parse_report()
    tasks = list(base.tasks)
    for _ in range(30):
        a, b = rng.sample(base.tasks, 2)
        tasks.append(a.model_copy(update={"content": a.content[: len(a.content) // 2] + b.content[len(b.content) // 2:],
                                          "progress_text": b.progress_text}))
    releases = []
    for n in range(10):
        ts = []
        for k, t in enumerate(rng.sample(tasks, len(tasks) - 3)):
            content = t.content
            if rng.random() < 0.1 and "," in content:
                content = ",".join(x for i, x in enumerate(content.split(",")) if i != 1)
            progress = NUM.sub(lambda m: str(rng.randint(1, 999)) if rng.random() < 0.1 else m.group(), t.progress_text)
            ts.append(t.model_copy(update={"id": f"T1.{k + 1}", "seq": k + 1, "content": content,
                                           "progress_text": progress}))
        meta = base.meta.model_copy(update={"period": Period(label=f"m{n + 3}", end_month=min(12, n + 3), year=2024)})
        r = base.model_copy(update={"tasks": ts, "meta": meta, "source": f"r{n}"})
        releases.append((r, api.completion_table(r)))
    t = median_time(lambda: track(releases), max(3, runs // 3))
    row("in-process: track, 10 releases x 150 tasks", f"{t * 1000:.0f} ms", "<= 1 s", t <= 1.0)


# ---------------------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7, help="runs per figure (median); corpus runs use a third")
    ap.add_argument("--corpus-mb", type=float, default=5.0)
    ap.add_argument("--patho-timeout", type=float, default=60.0, help="seconds per pathological input")
    ap.add_argument("--quick", action="store_true", help="fewer runs, 2 MB corpus (a smoke test)")
    ap.add_argument("--only", metavar="PARTS", help="comma-separated parts to run: cold, floor, stages, formats, "
                    "report, throughput, jobs, recognizers, tracking, pathological, claimcalls (default: all)")
    a = ap.parse_args()
    runs = 2 if a.quick else a.runs
    mb = 2.0 if a.quick else a.corpus_mb
    import zsprogress

    print(f"zsprogress {zsprogress.__version__} bench: python {platform.python_version()}, "
          f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d')}",
          file=sys.stderr)
    only = set(a.only.split(",")) if a.only else None

    def want(part: str) -> bool:
        return only is None or part in only

    if want("cold"):
        cold(runs)
    if want("floor"):
        floor(runs)
    ours = stages(max(runs, 5) * 3) if want("stages") or want("recognizers") else 0.0
    if want("claimcalls"):
        claim_calls()
    if want("jobs"):
        jobs(runs)
    if want("formats"):
        formats(runs)
    if want("report"):
        report_page(max(runs, 5))
    if want("throughput"):
        throughput(max(1, runs // 3), mb)
    if want("recognizers"):
        recognizers(runs, ours)
    if want("tracking"):
        tracking(runs)
    if want("pathological"):
        pathological(10.0 if a.quick else a.patho_timeout)
    w = [max(len(r[i]) for r in ROWS + [("figure", "value", "target", "")]) for i in range(4)]
    print(f"{'figure':<{w[0]}}  {'value':<{w[1]}}  {'target':<{w[2]}}  verdict")
    print(f"{'-' * w[0]}  {'-' * w[1]}  {'-' * w[2]}  -------")
    for r in ROWS:
        print(f"{r[0]:<{w[0]}}  {r[1]:<{w[1]}}  {r[2]:<{w[2]}}  {r[3]}".rstrip())


if __name__ == "__main__":
    main()
