"""Hostile reports and unlucky machines (issue 19): what a report's text may do at each output edge,
and what a failed write may do to ``-o FILE`` (docs/limits.md).

- GitHub workflow commands escaped as GitHub documents them (a newline in a file name forges no
  command, a comma spoofs no property);
- control characters (ESC, OSC, CSI, C1, DEL, CR) made visible in tables, ``show``, warnings,
  errors and ``check`` text;
- CSV text cells that a spreadsheet would run as a formula prefixed with ``'`` (not numbers);
- ``-o`` written atomically: a full disk or Ctrl-C leaves an earlier file whole and no temporary
  file; ``-o`` naming a report is refused before it is read; a missing directory is one line.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zsprogress.check import Finding, github_line
from zsprogress.cli import app
from zsprogress.escape import csv_text, github_data, github_property, visible
from zsprogress.read import sample_path

runner = CliRunner()
SAMPLE = sample_path().read_text(encoding="utf-8")
ESC_SEQS = ["\x1b[2J", "\x1b]0;pwned\x07", "\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\", "\x9b31m", "\x7f"]
CONTROL = [chr(c) for c in (*range(0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0))]


def invoke(*args: str, input: str | None = None):
    # a wide table (another test's COLUMNS must not narrow it: the task text is looked for whole)
    r = runner.invoke(app, list(args), input=input, env={"COLUMNS": "200"})
    assert "Traceback" not in r.stdout + r.stderr
    return r


def no_control(text: str) -> bool:
    return not any(ch in text for ch in CONTROL)


# --------------------------------------------------------------------------- GitHub commands


def test_github_escapes_as_documented():
    assert github_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert github_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


def test_a_newline_in_a_file_name_forges_no_workflow_command():
    f = Finding(source="x.txt\n::error file=forged.py,line=1::owned", code="seq-gap", message="m", line=3)
    out = github_line(f, True)
    assert "\n" not in out and out.count("::") == 2
    assert out.startswith("::error file=x.txt%0A%3A%3Aerror file=forged.py%2Cline=1%3A%3Aowned,line=3,")


def test_a_comma_in_a_file_name_spoofs_no_property():
    f = Finding(source="a.txt,line=999,title=spoof", code="seq-gap", message="x, y: z", line=3)
    out = github_line(f, False)
    props = out[len("::warning "):out.index("::", 2)].split(",")
    assert [p.split("=")[0] for p in props] == ["file", "line", "title"]
    assert props[1] == "line=3" and out.endswith("::x, y: z")


def test_check_github_on_a_file_named_with_a_newline(tmp_path):
    p = tmp_path / "r\n::error file=forged.py::x.txt"
    p.write_text(SAMPLE, encoding="utf-8")
    r = invoke("check", str(p), "-f", "github")
    assert r.exit_code == 1
    assert all(line.startswith(("::error file=", "::warning file=")) for line in r.stdout.splitlines())
    assert "forged.py::" not in r.stdout


# --------------------------------------------------------------------------- terminal controls


def test_visible_keeps_length_tab_newline_and_chinese():
    s = "完成\t投资\n" + "".join(CONTROL)
    v = visible(s)
    assert len(v) == len(s) and v.startswith("完成\t投资\n") and no_control(v)
    assert visible("\x1b") == "␛" and visible("\r") == "␍" and visible("\x7f") == "␡" and visible("\x9b") == "\ufffd"


def _hostile_sample(seq: str) -> str:
    """The sample with a terminal sequence in task 1's progress text and in a section heading."""
    text = SAMPLE.replace("增幅处于全省第2", f"增幅处于全省第2{seq}", 1)
    assert text != SAMPLE
    return text


@pytest.mark.parametrize("seq", ESC_SEQS)
def test_tables_show_and_warnings_print_no_control(tmp_path, seq):
    p = tmp_path / f"r{seq.replace('/', '|')}.txt"  # in every warning
    p.write_text(_hostile_sample(seq), encoding="utf-8")
    for args in (["tasks", str(p), "-f", "table"], ["claims", str(p), "-f", "table"],
                 ["completion", str(p), "-f", "table"], ["show", str(p), "T1.1", "-f", "table"]):
        r = invoke(*args)
        assert r.exit_code == 0, (args, r.stderr)
        assert no_control(r.stdout.replace("\n", "")), args
        assert no_control(r.stderr.replace("\n", "")), args
    r = invoke("tasks", str(p), "-f", "json")
    assert "韩峻副市长牵头重点工作" in r.stderr and no_control(r.stderr.replace("\n", ""))  # the seq-gap warning
    assert visible(str(p)) in r.stderr


def test_show_highlights_the_same_claims_after_escaping(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(_hostile_sample("\x1b[2J"), encoding="utf-8")
    r = invoke("show", str(p), "T1.1", "-f", "table")
    assert "第2␛[2J" in r.stdout and "153.57亿元" in r.stdout


def test_html_table_prints_no_control(tmp_path):
    html = ("<html><body><table><tr><td>序号<td>任务内容<td>牵头单位<td>完成情况"
            "<tr><td>1<td>推进港口建设\x1b]0;pwned\x07。<td>市港航局\x1b[2J<td><p>完成投资3亿元\x9b31m。</table>")
    p = tmp_path / "r.html"
    p.write_bytes(html.encode("utf-8"))
    r = invoke("tasks", str(p), "-f", "table")
    assert r.exit_code == 0, r.stderr
    assert "推进港口建设" in r.stdout and no_control(r.stdout.replace("\n", ""))


def test_error_line_and_check_text_print_no_control(tmp_path):
    r = invoke("tasks", str(tmp_path / "gone\x1b]0;pwned\x07.txt"))
    assert r.exit_code == 2 and r.stderr.startswith("error: ") and "␛]0;pwned␇" in r.stderr
    assert no_control(r.stderr.replace("\n", ""))
    p = tmp_path / "r\x1b[2J.txt"
    p.write_text(_hostile_sample("\x1b]0;pwned\x07"), encoding="utf-8")
    r = invoke("check", str(p))
    assert r.exit_code == 1 and "[seq-gap]" in r.stdout
    assert "r␛[2J.txt" in r.stdout and no_control(r.stdout.replace("\n", ""))


def test_json_keeps_the_text_as_data(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(_hostile_sample("\x1b[2J"), encoding="utf-8")
    rows = json.loads(invoke("tasks", str(p), "-f", "json", "-q").stdout)
    assert rows[0]["progress_text"].endswith("第2\x1b[2J。") or "第2\x1b[2J" in rows[0]["progress_text"]


# --------------------------------------------------------------------------- CSV formulas


def test_csv_text_prefix():
    for s in ("=HYPERLINK(\"http://x\")", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"):
        assert csv_text(s) == "'" + s
    for s in ("完成投资3亿元", "", "1-2", "'=already"):
        assert csv_text(s) == s


def _csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_formula_cells_are_prefixed_and_numbers_are_not(tmp_path):
    text = SAMPLE.replace("一般公共预算收入与经济增长基本同步。", "=HYPERLINK(\"http://evil\",\"x\")一般公共预算收入。", 1)
    text = text.replace("上半年,全市预计一般公共预算收入153.57亿元", "@SUM(1)上半年,全市预计一般公共预算收入153.57亿元", 1)
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    rows = _csv_rows(invoke("tasks", str(p), "-f", "csv", "-q").stdout)
    assert rows[0]["content"].startswith("'=HYPERLINK(")
    assert rows[0]["progress_text"].startswith("'@SUM(1)")
    raw = _csv_rows(invoke("tasks", str(p), "-f", "csv", "-q", "--csv-raw").stdout)
    assert raw[0]["content"].startswith("=HYPERLINK(") and raw[0]["progress_text"].startswith("@SUM(1)")


def test_negative_numbers_stay_numbers_in_csv():
    from zsprogress.export import write_rows

    out = io.StringIO()
    write_rows([{"value": -5, "rate": -0.5, "text": "-5%", "unit": "亿元"}], "csv", out)
    row = _csv_rows(out.getvalue())[0]
    assert row == {"value": "-5", "rate": "-0.5", "text": "'-5%", "unit": "亿元"}


def test_claims_csv_has_negative_values_unprefixed():
    rows = _csv_rows(invoke("claims", "sample", "-f", "csv", "-q").stdout)
    neg = [r for r in rows if r["value"].startswith("-")]
    assert neg, "the sample has declines (下降)"
    assert all(not r["value"].startswith("'") for r in rows)


# --------------------------------------------------------------------------- atomic -o


def _leftovers(d: Path) -> list[str]:
    return sorted(p.name for p in d.iterdir() if p.name.endswith(".tmp"))


def _file_size_limit(limit: int):
    import resource

    def pre() -> None:  # a disk that takes `limit` bytes per file: writes past it fail with EFBIG
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return pre


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE")
@pytest.mark.parametrize("suffix", [".json", ".jsonl", ".csv", ".xlsx", ".html"])
def test_full_disk_leaves_the_old_file_whole(tmp_path, suffix):
    target = tmp_path / f"out{suffix}"
    target.write_bytes(b"the earlier run")
    cmd = "report" if suffix == ".html" else "claims"
    proc = subprocess.run([sys.executable, "-m", "zsprogress", cmd, "sample", "-o", str(target), "-q"],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          preexec_fn=_file_size_limit(4000), timeout=300)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert proc.stderr == f"error: {target}: cannot write: File too large\n"
    assert target.read_bytes() == b"the earlier run"
    assert _leftovers(tmp_path) == []


def test_write_error_is_one_line_not_internal(tmp_path, monkeypatch):
    """An OSError from the disk while rows are written (injected): exit 2, not 70."""
    import zsprogress.output as output

    target = tmp_path / "out.json"
    target.write_text("old")

    def full(fd, b):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output, "_write_bytes", full)
    r = invoke("claims", "sample", "-o", str(target), "-q")
    assert r.exit_code == 2, (r.stderr, r.exception)
    assert r.stderr == f"error: {target}: cannot write: No space left on device\n"
    assert target.read_text() == "old" and _leftovers(tmp_path) == []


def test_output_to_a_missing_directory_is_one_line(tmp_path):
    for name in ("x.xlsx", "x.json", "x.html"):
        target = tmp_path / "nodir" / name
        r = invoke("report" if name.endswith("html") else "tasks", "sample", "-o", str(target))
        assert r.exit_code == 2
        assert r.stderr == f"error: {target}: cannot write: No such file or directory\n"


def test_output_written_whole_with_the_old_mode(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old")
    target.chmod(0o640)
    r = invoke("tasks", "sample", "-o", str(target), "-q")
    assert r.exit_code == 0
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 120
    assert target.stat().st_mode & 0o777 == 0o640 and _leftovers(tmp_path) == []


def test_interrupt_while_writing_leaves_the_old_file(tmp_path, monkeypatch):
    import zsprogress.export as export

    target = tmp_path / "out.csv"
    target.write_text("old")
    real = export.flatten
    calls = {"n": 0}

    def interrupted(*a, **kw):
        calls["n"] += 1
        if calls["n"] == 50:
            raise KeyboardInterrupt
        return real(*a, **kw)

    monkeypatch.setattr(export, "flatten", interrupted)
    r = invoke("claims", "sample", "-o", str(target), "-q")
    assert r.exit_code == 130
    assert target.read_text() == "old" and _leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_to_a_real_run_leaves_the_old_file(tmp_path, sig, code):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(60):   # long enough that the signal lands while the batch is written
        (d / f"r{i:02}.txt").write_text(SAMPLE, encoding="utf-8")
    target = tmp_path / "out.json"
    target.write_text("old")
    # SIGINT as a terminal gives it, even when this test runs in a background job (which starts
    # with SIGINT ignored: Python then installs no KeyboardInterrupt handler)
    proc = subprocess.Popen([sys.executable, "-m", "zsprogress", "claims", str(d), "-o", str(target), "-q"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while not _leftovers(tmp_path) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert _leftovers(tmp_path), "the temporary file appears while the batch is written"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    # 130/143 as documented; a SIGINT that lands while the batch's worker pool shuts down may end
    # the process by the signal itself (-2): the file guarantees below hold either way (known gap:
    # the exit code, seen once under CI load)
    assert proc.returncode in (code, -sig), (proc.returncode, err)
    assert b"Traceback" not in err
    assert target.read_text() == "old" and _leftovers(tmp_path) == []


def test_output_naming_an_input_is_refused_before_reading(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(SAMPLE, encoding="utf-8")
    b.write_text(SAMPLE, encoding="utf-8")
    for args in (["tasks", str(a), str(b), "-f", "csv", "-o", str(b)],
                 ["claims", str(tmp_path), "-o", str(a)],
                 ["show", str(a), "T1.1", "-o", str(a)],
                 ["report", str(a), "-o", str(tmp_path / "." / "a.txt")]):
        r = invoke(*args)
        assert r.exit_code == 2, args
        assert "-o names one of the reports" in r.stderr and len(r.stderr.splitlines()) == 1
        assert a.read_text(encoding="utf-8") == SAMPLE and b.read_text(encoding="utf-8") == SAMPLE
    os.link(a, tmp_path / "hard.txt")
    r = invoke("tasks", str(tmp_path / "hard.txt"), "-o", str(a))
    assert r.exit_code == 2 and a.read_text(encoding="utf-8") == SAMPLE
