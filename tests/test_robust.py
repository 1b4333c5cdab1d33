"""Robustness: whatever the text, the pipeline returns (README "Reliability").

- property tests (hypothesis): arbitrary Unicode and random mutations of the sample never raise
  through parse_report(text=...) -> extract_claims -> completion_table; every claim and skip
  points at its own text; every value is finite;
- pathological inputs (100,000 digits, 100,000 亿, a 5 MB line, deep brackets, 10,000 ①) end;
  how fast is the bench's business (bench/run.py), a hang here fails after a generous alarm;
- bad files through the command line: one clear line, the right exit code, no traceback, and
  a 50 MB file rejected before it is read.
"""

from __future__ import annotations

import contextlib
import math
import signal
import threading
import tracemalloc

import pytest
from badfiles import mixed, mkdir, truncated, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from zsprogress.api import completion_table, extract_claims, parse_report
from zsprogress.cli import app
from zsprogress.errors import ReportReadError
from zsprogress.read import MAX_BYTES, sample_path
from zsprogress.rules import default_rules

runner = CliRunner()
SAMPLE = sample_path().read_text(encoding="utf-8")
SAMPLE_LINES = SAMPLE.split("\n")
HANG_SECONDS = 240  # far above any real run: only a hang (or a catastrophic regex) reaches it


@contextlib.contextmanager
def no_hang(seconds: int = HANG_SECONDS):
    """Fail instead of blocking CI when the body does not end (SIGALRM; main thread only)."""
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def hang(signum, frame):
        raise TimeoutError(f"did not finish within {seconds} s")

    old = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _finite(v) -> bool:
    return v is None or (isinstance(v, (int, float)) and math.isfinite(v))


def pipeline(text: str) -> None:
    """parse -> extract -> link, checking the invariants of every record on the way."""
    try:
        report = parse_report(text=text)
    except ReportReadError:
        assert not text.strip()  # only an empty report is refused
        return
    tasks = {t.id: t for t in report.tasks}
    assert len(tasks) == len(report.tasks), "task ids are unique"
    cs = extract_claims(report)
    paragraphs = {f"L{p.line}": p.text for p in report.preamble + report.paragraphs}  # above the table, or a layout not recognized
    for rec in [*cs.claims, *cs.skips]:
        if rec.field == "paragraph":
            field_text = paragraphs[rec.task_id]
        else:
            field_text = tasks[rec.task_id].field_text(rec.field)
        assert 0 <= rec.start <= rec.end <= len(field_text)
        assert field_text[rec.start:rec.end] == rec.text, (rec, field_text[rec.start - 5:rec.end + 5])
    for c in cs.claims:
        assert _finite(c.value) and _finite(c.value_max), c
    for row in completion_table(report, cs):
        for v in (row.computed_rate, row.stated_rate, row.expected_rate, row.target.value,
                  row.actual.value if row.actual else None):
            assert _finite(v), row


@pytest.fixture(scope="module", autouse=True)
def _rules_loaded():
    default_rules()  # once, outside the deadlines


# --- property tests -----------------------------------------------------------------------------

PROPS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                 derandomize=True)

# the characters the rules care about, so random text often looks like a figure
FIGURE_CHARS = list("0123456789.,%-~+—～()（）[]【】①②③一二三四五六七八九十百千万亿元吨个户家项年月日同比增长下降完成目标计划约近余以上以内第全省位") + [
    "\n", " ", "\u3000", "|", "序号", "任务内容", "牵头单位", "完成情况", "1.", "(1)", "一是", "亿元", "万吨", "%"]


@PROPS
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_raises(text):
    with no_hang():
        pipeline(text)


@PROPS
@given(st.lists(st.sampled_from(FIGURE_CHARS), max_size=300).map("".join))
def test_figure_like_text_never_raises(text):
    with no_hang():
        pipeline(text)


@st.composite
def mutated_sample(draw) -> str:
    """The sample with lines dropped, duplicated, swapped and characters inserted."""
    lines = list(SAMPLE_LINES)
    for _ in range(draw(st.integers(1, 12))):
        op = draw(st.sampled_from(["drop", "dup", "swap", "insert", "cut"]))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "drop" and len(lines) > 1:
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            k = draw(st.integers(0, len(lines[i])))
            ins = draw(st.one_of(st.text(min_size=1, max_size=5), st.sampled_from(FIGURE_CHARS)))
            lines[i] = lines[i][:k] + ins + lines[i][k:]
        elif op == "cut":
            lines = lines[: max(1, i)]
    return "\n".join(lines)


@PROPS
@given(mutated_sample())
def test_mutated_sample_never_raises(text):
    with no_hang():
        pipeline(text)


def test_sample_satisfies_the_invariants():
    pipeline(SAMPLE)


# --- pathological inputs -------------------------------------------------------------------------

ROW = "序号 | 内容 | 进展情况 | 责任单位 |\n1 | 推进港口建设 | {} | 市港航局 |\n"


def _five_mb_line() -> str:
    one = SAMPLE.replace("\n", " ")
    line = one * (5_000_000 // len(one.encode("utf-8")) + 1)
    return line[: len(line) * 5_000_000 // len(line.encode("utf-8"))]


PATHOLOGICAL = {
    "100k-digits": lambda: "完成投资" + "1" * 100_000 + "亿元",
    "100k-yi": lambda: "完成投资3" + "亿" * 100_000 + "元",
    "5mb-line": _five_mb_line,
    "nested-brackets": lambda: "(" * 20_000 + "（【[完成投资3亿元]】）" * 3 + ")" * 20_000,
    "10k-circled": lambda: "①" * 10_000,
}


# The 5 MB line once hung in extract._distribute (a scan of all earlier claims for every claim of a
# 分别 run: quadratic); it now looks back a bounded number of claims and the case ends in seconds.
CASES = [pytest.param(name, wrap, id=f"{name}-{wrap}") for name in PATHOLOGICAL for wrap in ("bare", "in-a-row")]


@pytest.mark.parametrize("name, wrap", CASES)
def test_pathological_input_ends(name, wrap):
    body = PATHOLOGICAL[name]()
    text = body if wrap == "bare" else ROW.format(body)
    with no_hang(HANG_SECONDS):
        report = parse_report(text=text)
        cs = extract_claims(report)
        rows = completion_table(report, cs)
    assert isinstance(rows, list)
    if wrap == "in-a-row":
        assert report.tasks, "the row is a task"


def test_linking_is_not_quadratic_in_the_figures_of_a_task(monkeypatch):
    # reproducer without a clock: count Claim comparisons while linking one task of n figures
    from zsprogress.models import Claim

    calls = {"eq": 0}
    real_eq = Claim.__eq__

    def eq(self, other):
        calls["eq"] += 1
        return real_eq(self, other)

    counts = {}
    for n in (200, 400):
        text = ROW.format("完成投资1.5亿元,同比增长12%。" * n).replace("推进港口建设", "完成投资3亿元")
        report = parse_report(text=text)
        cs = extract_claims(report)
        calls["eq"] = 0
        monkeypatch.setattr(Claim, "__eq__", eq)
        completion_table(report, cs)
        monkeypatch.setattr(Claim, "__eq__", real_eq)
        counts[n] = calls["eq"]
    assert counts[400] <= 2.5 * counts[200] + 100, counts  # linear, not 4x


# --- bad files through the command line ----------------------------------------------------------

BAD_FILES = [
    # (id, make(dir, sample bytes) -> path, the reason the line gives)
    pytest.param(lambda d, b: write(d / "blob.txt", bytes(range(256)) * 64), "not a text report: binary data",
                 id="binary"),
    pytest.param(lambda d, b: write(d / "cut.txt", truncated(b)), "truncated UTF-8", id="truncated-utf8"),
    pytest.param(lambda d, b: write(d / "mixed.txt", mixed(b)), "mixed or corrupted encoding",
                 id="mixed-encodings"),
    pytest.param(lambda d, b: mkdir(d / "empty-dir"), "is a directory with no reports (*.txt", id="empty-directory"),
    pytest.param(lambda d, b: d / "missing.txt", "no such file", id="missing"),
]


@pytest.mark.parametrize("command", ["tasks", "claims", "completion", "check"])
@pytest.mark.parametrize("make, reason", BAD_FILES)
def test_bad_file_is_one_line_and_exit_2(tmp_path, make, reason, command):
    p = make(tmp_path, sample_path().read_bytes())
    args = [command, str(p)] + (["-f", "json"] if command != "check" else [])
    result = runner.invoke(app, args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {p}: ") and reason in lines[0], lines


def test_limit_is_below_50_mb():
    assert MAX_BYTES < 50 * 1024 * 1024


def test_50_mb_report_is_refused_before_it_is_read(tmp_path):
    p = tmp_path / "huge.txt"
    chunk = sample_path().read_bytes()
    with p.open("wb") as fh:
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    size_mb = p.stat().st_size / (1024 * 1024)
    tracemalloc.start()
    try:
        result = runner.invoke(app, ["claims", str(p), "-f", "jsonl"])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0] == (f"error: {p}: {size_mb:.1f} MB is too large for a report "
                        f"(limit {MAX_BYTES // (1024 * 1024)} MB)")
    assert peak < 8 * 1024 * 1024, f"{peak / 1e6:.1f} MB allocated: the file was read"


def test_50_mb_report_on_stdin_is_refused(tmp_path):
    # stdin has no size to look at: at most the limit (+1 byte) is read, then refused
    data = b"x" * (MAX_BYTES + 10)
    result = runner.invoke(app, ["tasks", "-", "-f", "json"], input=data)
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"error: <stdin>: more than {MAX_BYTES // (1024 * 1024)} MB is too "
                                     f"large for a report (limit {MAX_BYTES // (1024 * 1024)} MB)")
