"""Batch runs: directories, --jobs N, one error line per bad report, exit 1 / 2 (README "Batch runs")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zsprogress.cli import app
from zsprogress.read import sample_path

runner = CliRunner()
LAYOUTS = Path(__file__).resolve().parent / "fixtures" / "layouts"


def invoke(*args: str, code: int):
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, (args, result.exit_code, result.stdout, result.stderr, result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def reports(tmp_path) -> Path:
    """A directory of four reports (sample + three layouts), named so that sorted != mtime order."""
    d = tmp_path / "reports"
    d.mkdir()
    srcs = [sample_path(), *sorted(LAYOUTS.glob("*.txt"))[:3]]
    for name, src in zip(["d.txt", "b.txt", "c.txt", "a.txt"], srcs, strict=False):
        (d / name).write_bytes(src.read_bytes())
    (d / "notes.md").write_text("not a report: only *.txt files are read", encoding="utf-8")
    return d


def sources(rows: list[dict]) -> list[str]:
    """The sources in the order they first appear."""
    return list(dict.fromkeys(r["source"] for r in rows))


def test_directory_expands_to_its_txt_files_sorted(reports):
    rows = jsonl(invoke("claims", str(reports), "-f", "jsonl", code=0).stdout)
    assert sources(rows) == [str(reports / n) for n in ("a.txt", "b.txt", "c.txt", "d.txt")]


@pytest.mark.parametrize("command", ["tasks", "claims", "completion"])
def test_jobs_2_gives_the_same_rows_in_input_order(reports, command):
    one = invoke(command, str(reports), "-f", "jsonl", code=0)
    two = invoke(command, str(reports), "-f", "jsonl", "--jobs", "2", code=0)
    assert two.stdout == one.stdout
    assert one.stdout  # rows were written
    if command == "claims":  # the summary line counts every report
        assert two.stderr.splitlines()[-1] == one.stderr.splitlines()[-1]


def test_files_and_directories_mix_in_argument_order(reports):
    rows = jsonl(invoke("tasks", str(sample_path()), str(reports), "-f", "jsonl", "-j", "2", code=0).stdout)
    assert sources(rows)[0] == str(sample_path())
    assert sources(rows)[1:] == [str(reports / n) for n in ("a.txt", "b.txt", "c.txt", "d.txt")]


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("command", ["tasks", "claims", "completion"])
def test_one_bad_file_among_good_ones(reports, command, jobs):
    bad = reports / "b.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    result = invoke(command, str(reports), "-f", "jsonl", "--jobs", jobs, code=1)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [f"error: {bad}: not a text report: a PNG image"]
    rows = jsonl(result.stdout)
    assert sources(rows) == [str(reports / n) for n in ("a.txt", "c.txt", "d.txt")]


def test_check_takes_a_directory(reports):
    result = invoke("check", str(reports), "--fail-on", "none", "-f", "json", "-j", "2", code=0)
    found = json.loads(result.stdout)
    assert {f["source"] for f in found} >= {str(reports / "d.txt")}  # the sample has a seq gap


def test_check_directory_with_a_bad_file_exits_1(reports):
    (reports / "a.txt").write_bytes(b"")
    result = invoke("check", str(reports), "--fail-on", "none", code=1)
    assert f"error: {reports / 'a.txt'}: the report is empty" in result.stderr.splitlines()


@pytest.mark.parametrize("command", ["tasks", "claims", "completion", "check"])
def test_nothing_readable_exits_2(tmp_path, command):
    d = tmp_path / "bad"
    d.mkdir()
    (d / "a.txt").write_bytes(b"")
    (d / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x01")
    result = invoke(command, str(d), "-f", "json", "-j", "2", code=2)
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"error: {d / 'a.txt'}: the report is empty",
                                          f"error: {d / 'b.txt'}: not a text report: a PNG image"]


def test_empty_directory_exits_2_with_one_line(tmp_path):
    d = tmp_path / "empty"
    d.mkdir()
    result = invoke("claims", str(d), "-f", "jsonl", code=2)
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"error: {d}: is a directory with no reports (*.txt, *.htm, *.html, "
                                          "*.shtml, *.docx, *.doc, *.wps, *.xlsx, *.xls, *.pdf)"]


def test_single_bad_report_still_exits_2(tmp_path):
    p = tmp_path / "missing.txt"
    result = invoke("completion", str(p), "-f", "json", "--jobs", "2", code=2)
    assert result.stdout == "" and result.stderr.splitlines() == [f"error: {p}: no such file"]


def test_named_files_with_jobs_keep_going(tmp_path):
    # several reports named: the bad one is reported, the others still run (README "Batch runs")
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = invoke("tasks", str(bad), str(sample_path()), "-f", "jsonl", "-j", "2", code=1)
    assert len(result.stdout.splitlines()) == 120
    assert "empty.txt" in result.stderr


def test_several_unreadable_reports_exit_2(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(b"")
    b.write_bytes(b"\x89PNG\r\n\x1a\n")
    result = invoke("tasks", str(a), str(b), "-f", "json", code=2)
    assert result.stdout == ""


def test_output_file_and_stdin_in_a_batch(reports, tmp_path):
    out = tmp_path / "rows.jsonl"
    result = runner.invoke(app, ["tasks", "-", str(reports), "-o", str(out), "-j", "2"],
                           input=sample_path().read_bytes())
    assert result.exit_code == 0, result.stderr
    rows = jsonl(out.read_text(encoding="utf-8"))
    assert sources(rows)[0] == "<stdin>" and len(sources(rows)) == 5


def test_jsonl_is_streamed_report_by_report(reports, monkeypatch):
    # the rows of the first report are written before the last report is parsed
    import io

    import zsprogress.api as api
    from zsprogress.cli.jobs import WorkOptions
    from zsprogress.cli.runner import Batch
    from zsprogress.export import write_rows

    out = io.StringIO()
    lines_before_last: list[int] = []
    real = api.parse_report

    def parse(src=None, *, text=None, **kw):
        if src is not None and str(src).endswith("d.txt"):
            lines_before_last.append(len(out.getvalue().splitlines()))
        return real(src, text=text)

    monkeypatch.setattr(api, "parse_report", parse)
    n = write_rows(Batch([str(reports)]).rows("tasks", WorkOptions()), "jsonl", out)
    assert n > 0 and lines_before_last and lines_before_last[0] > 0


def test_the_progress_bar_starts_no_thread(monkeypatch):
    """With several reports and stderr a terminal a bar is drawn; it is refreshed report by report,
    not by a thread of its own, so the worker processes of --jobs fork from a single thread."""
    import io
    import threading

    from zsprogress.cli.runner import progress

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = Tty()
    monkeypatch.setattr("sys.stderr", err)
    before = threading.active_count()
    with progress(3) as bar:
        assert bar.bar is not None  # a bar, on a terminal
        assert threading.active_count() == before
        bar.step()
        bar.say("warning: something")
        bar.step()
        assert threading.active_count() == before
    assert "warning: something" in err.getvalue() and "reports" in err.getvalue()


# --------------------------------------------------------------------------- a worker that dies


def _dies_on(name: str, how: str):
    """api.parse_report that kills its worker process on the report named ``name``."""
    import os
    import signal

    import zsprogress.api as api

    real = api.parse_report

    def parse(src=None, *a, **kw):
        if src is not None and str(src).endswith(name):
            if how == "exit":
                os._exit(3)
            import faulthandler

            faulthandler.disable()  # pytest's dump of the crash is noise here
            os.kill(os.getpid(), signal.SIGSEGV)
        return real(src, *a, **kw)

    return parse


@pytest.mark.parametrize("how", ["exit", "segv"])
def test_a_worker_that_dies_fails_its_report_only(reports, monkeypatch, how):
    import zsprogress.api as api

    monkeypatch.setattr(api, "parse_report", _dies_on("b.txt", how))  # the workers are forked after this
    r = invoke("tasks", str(reports), "-j", "2", "-f", "json", "-q", code=1)
    rows = json.loads(r.stdout)  # a whole JSON array: the batch went on
    assert sources(rows) == [str(reports / n) for n in ("a.txt", "c.txt", "d.txt")]
    err = r.stderr.splitlines()
    assert err == [f"error: {reports / 'b.txt'}: the worker process died "
                   f"({'exit 3' if how == 'exit' else 'SIGSEGV'}) while reading it"]


def test_many_small_reports_in_chunks_keep_their_order(tmp_path, monkeypatch):
    """41 small openings with 2 workers (chunks of several reports each) give the rows of --jobs 1."""
    import zsprogress.batch as batch

    sent: list[int] = []
    real = batch._Worker.__init__

    def counting(self, *a, **kw):
        sent.append(1)
        real(self, *a, **kw)

    monkeypatch.setattr(batch._Worker, "__init__", counting)
    one = invoke("claims", str(LAYOUTS), "-f", "jsonl", "-q", code=0).stdout
    two = invoke("claims", str(LAYOUTS), "-j", "2", "-f", "jsonl", "-q", code=0).stdout
    assert two == one and len(one.splitlines()) > 100
    assert len(sent) == 2  # the workers are started once for the whole batch


def test_ordered_map_retries_the_rest_of_a_dead_workers_chunk():
    from zsprogress.batch import WorkerDied, ordered_map

    out = list(ordered_map(_square_or_die, [(i,) for i in range(20)], 2))
    assert [x for x in out if not isinstance(x, WorkerDied)] == [i * i for i in range(20) if i != 5]
    assert isinstance(out[5], WorkerDied) and out[5].exitcode == 7


def _square_or_die(i: int) -> int:
    import os

    if i == 5:
        os._exit(7)
    return i * i
