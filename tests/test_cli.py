"""The command line: exit codes, data on stdout only, the same rows in every format."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zsprogress import __version__
from zsprogress.cli import app
from zsprogress.read import sample_path

runner = CliRunner()
SUMMARY = re.compile(r"^(\d+) claims?, (\d+) skips?, (\d+) digits? unexplained$", re.M)
ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, input: bytes | str | None = None, code: int = 0, env: dict | None = None):
    result = runner.invoke(app, list(args), input=input, env=env)
    assert result.exit_code == code, (args, result.exit_code, result.stdout, result.stderr,
                                      result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def as_json(*args: str, **kw):
    return json.loads(run(*args, "-f", "json", **kw).stdout)


# --- help and version -----------------------------------------------------------------------------

COMMANDS = ["tasks", "claims", "rules"]


def test_help_lists_every_command():
    out = run("--help").stdout
    for c in COMMANDS:
        assert c in out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    out = run(command, "--help").stdout
    assert "Usage:" in out and "--format" in out


def test_version():
    assert run("--version").stdout.strip() == f"zsprogress {__version__}"


def test_no_command_shows_usage():
    result = runner.invoke(app, [])
    assert result.exit_code in (0, 2)  # click's no_args_is_help: usage, exit 2 in click 8.2+
    assert "Usage:" in result.stdout + result.stderr


# --- tasks ----------------------------------------------------------------------------------------

def test_tasks_json_sample():
    rows = as_json("tasks")
    assert len(rows) == 120
    assert len({r["id"] for r in rows}) == 120
    assert rows[0]["id"] == "T1.1" and rows[0]["leader"] == "徐仁标"
    assert rows[0]["lead_units"] == ["市财政局"]
    assert all(r["source"] == "<sample>" for r in rows)


def test_tasks_piped_auto_is_json():
    assert len(json.loads(run("tasks").stdout)) == 120  # CliRunner's stdout is not a terminal


def test_tasks_leader_filter():
    rows = as_json("tasks", "--leader", "徐仁标")
    assert [r["id"] for r in rows] == ["T1.1", "T1.2", "T1.3"]
    assert {r["leader"] for r in rows} == {"徐仁标"}
    assert len(as_json("tasks", "--leader", "毛江平常务副市长")) == 31  # the section heading


def test_tasks_unit_filter():
    rows = as_json("tasks", "--unit", "财政局")
    assert rows and all(any("财政局" in u for u in r["lead_units"]) for r in rows)


def test_tasks_no_match_is_empty_list():
    assert run("tasks", "--leader", "无此人", "-f", "json").stdout.strip() == "[]"
    assert run("tasks", "--leader", "无此人", "-f", "jsonl").stdout == ""
    # an empty CSV is still a table: its header (pandas raises on 0 bytes)
    assert run("tasks", "--leader", "无此人", "-f", "csv").stdout.startswith("id,seq,section,")


def test_tasks_jsonl():
    lines = run("tasks", "-f", "jsonl").stdout.splitlines()
    assert len(lines) == 120
    assert [json.loads(x)["id"] for x in lines] == [r["id"] for r in as_json("tasks")]


def test_tasks_csv():
    out = run("tasks", "-f", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 120
    assert {"id", "leader", "lead_units", "content", "progress_text", "source"} <= set(rows[0])
    assert json.loads(rows[1]["lead_units"]) == ["市财政局", "市国资委"]  # lists are JSON in CSV


def test_tasks_table():
    result = run("tasks", "--format", "table")
    assert "徐仁标" in result.stdout and "T1.1" in result.stdout
    assert "120 rows" in result.stdout  # the same rows as the JSON output
    assert "\x1b[" not in result.stdout  # not a terminal: no colour codes


def test_tasks_stdin():
    rows = as_json("tasks", "-", input=sample_path().read_bytes())
    assert len(rows) == 120
    assert rows[0]["source"] == "<stdin>"


def test_tasks_several_reports_carry_their_source(tmp_path):
    a = tmp_path / "a.txt"
    a.write_bytes(sample_path().read_bytes())
    rows = as_json("tasks", str(a), str(sample_path()))
    assert len(rows) == 240
    assert {r["source"] for r in rows} == {str(a), str(sample_path())}


def test_stdin_only_once():
    result = run("tasks", "-", "-", code=2, input="x")
    assert result.stderr.startswith("error: ")


def test_output_file(tmp_path):
    out = tmp_path / "tasks.csv"
    result = run("tasks", "-o", str(out))
    assert result.stdout == ""
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig", newline="")))  # auto: .csv, with a BOM
    assert len(rows) == 120
    js = tmp_path / "tasks.json"
    run("tasks", "-o", str(js), "-f", "json")
    assert len(json.loads(js.read_text(encoding="utf-8"))) == 120


def test_output_unwritable(tmp_path):
    result = run("tasks", "-o", str(tmp_path / "no" / "such" / "dir" / "x.json"), code=2)
    errors = [x for x in result.stderr.splitlines() if not x.startswith("warning: ")]
    assert len(errors) == 1 and errors[0].startswith("error: ") and "cannot write" in errors[0]


def test_warnings_only_on_stderr():
    # the sample has a seq gap (韩峻 section: 16 -> 18): a warning, never mixed into the data
    result = run("tasks", "-f", "json")
    assert "warning: <sample>:" in result.stderr and "16" in result.stderr
    assert len(json.loads(result.stdout)) == 120
    for line in result.stderr.splitlines():
        assert line.startswith("warning: ")


def test_chinese_unescaped():
    out = run("tasks", "-f", "json").stdout
    assert "徐仁标" in out and "\\u" not in out


# --- claims ---------------------------------------------------------------------------------------

def test_claims_text_bp_change():
    result = run("claims", "--text", "下降45个bp", "-f", "json")
    rows = json.loads(result.stdout)
    assert [(r["kind"], r["value"], r["unit"]) for r in rows] == [("bp_change", -45, "bp")]
    assert SUMMARY.search(result.stderr).groups() == ("1", "0", "0")  # K shown even when 0


def test_claims_text_amount_is_a_json_number():
    rows = as_json("claims", "--text", "1-5月全市外贸进出口总额约为1491亿元")
    amount = [r for r in rows if r["kind"] == "amount"]
    assert len(amount) == 1
    assert amount[0]["value"] == 149100000000 and isinstance(amount[0]["value"], int)
    assert amount[0]["unit"] == "元" and amount[0]["text"] == "1491亿元"


def test_claims_sample_json_and_summary():
    result = run("claims", "-f", "json")
    rows = json.loads(result.stdout)
    n, m, k = map(int, SUMMARY.search(result.stderr).groups())
    assert n == len(rows) > 100
    assert m > 0 and k == 0  # every digit of the sample is a claim or an explained skip
    assert {r["kind"] for r in rows} <= {"amount", "quantity", "percent", "growth", "pp_change",
                                         "bp_change", "rank", "rank_change", "completion"}
    first = rows[0]
    assert first["task_id"] == "T1.1" and first["source"] == "<sample>"
    for r in rows[:50]:
        assert r["text"] and r["rule_id"]


def test_claims_explain_adds_skips():
    plain = as_json("claims", "--task", "T1.2")
    explained = run("claims", "--task", "T1.2", "--explain", "-f", "json")
    rows = json.loads(explained.stdout)
    skips = [r for r in rows if r["kind"] == "skip"]
    assert skips and all(s["reason"] and s["rule_id"] for s in skips)
    assert [r for r in rows if r["kind"] != "skip"] == plain
    assert int(SUMMARY.search(explained.stderr).group(2)) == len(skips)


def test_claims_explain_table_and_csv():
    out = run("claims", "--task", "T1.2", "--explain", "-f", "table").stdout
    assert "skip" in out and "reason" in out
    rows = list(csv.DictReader(io.StringIO(run("claims", "--task", "T1.2", "--explain", "-f", "csv").stdout)))
    assert any(r["kind"] == "skip" and r["reason"] for r in rows)


def test_claims_filters():
    rows = as_json("claims", "--kind", "growth")
    assert rows and {r["kind"] for r in rows} == {"growth"}
    rows = as_json("claims", "--task", "T1.1", "--task", "T1.3")
    assert rows and {r["task_id"] for r in rows} <= {"T1.1", "T1.3"}
    rows = as_json("claims", "--leader", "徐仁标")
    assert rows and {r["task_id"] for r in rows} <= {"T1.1", "T1.2", "T1.3"}
    assert as_json("claims", "--task", "T99.99") == []


def test_claims_bad_arguments():
    r = run("claims", "--kind", "money", code=2)
    assert r.stderr.startswith("error: unknown claim kind money") and len(r.stderr.splitlines()) == 1
    r = run("claims", str(sample_path()), "--text", "增长5%", code=2)
    assert len(r.stderr.splitlines()) == 1


# --- rules ----------------------------------------------------------------------------------------

def test_rules_list():
    rows = as_json("rules")
    ids = [r["id"] for r in rows]
    assert "CMP001" in ids and len(ids) == len(set(ids))
    assert all(set(r) >= {"id", "kind", "name", "summary"} for r in rows)
    assert "CMP001" in run("rules", "-f", "table").stdout


def test_rules_explain_one():
    out = run("rules", "CMP001", "-f", "table").stdout
    assert out.startswith("CMP001 (")
    assert "patterns/completion.toml" in out and "regex:" in out
    assert "完成年度目标的61%" in out  # its examples
    one = as_json("rules", "cmp001")  # ids are case-insensitive
    assert one[0]["id"] == "CMP001" and one[0]["must_match"]


def test_rules_unknown_id():
    r = run("rules", "XYZ999", code=2)
    assert r.stdout == ""
    assert len(r.stderr.splitlines()) == 1 and "unknown rule id" in r.stderr


def test_invalid_patterns_dir_exits_2(tmp_path):
    (tmp_path / "bad.toml").write_text("[file]\nkind = 'claims'\nsummary = 'x'\n[[rules]]\nid = 'BAD'\n",
                                       encoding="utf-8")
    for args in (["rules", "--patterns", str(tmp_path)], ["claims", "--text", "增长5%", "--patterns", str(tmp_path)]):
        r = run(*args, code=2)
        assert len(r.stderr.splitlines()) == 1 and r.stderr.startswith("error: patterns/bad.toml")
    r = run("rules", env={"ZSPROGRESS_PATTERNS": str(tmp_path)}, code=2)
    assert "patterns/bad.toml" in r.stderr


# --- the error boundary ---------------------------------------------------------------------------

def test_debug_reraises(tmp_path):
    from zsprogress.errors import ReportReadError

    result = runner.invoke(app, ["tasks", str(tmp_path / "missing.txt"), "--debug"])
    assert isinstance(result.exception, ReportReadError)


def test_internal_error_is_one_line(monkeypatch):
    import zsprogress.api

    def boom(src=None, *, text=None, **kw):
        raise RuntimeError("kaput")

    monkeypatch.setattr(zsprogress.api, "parse_report", boom)
    r = run("tasks", code=70)
    assert r.stderr.strip() == "internal error: RuntimeError: kaput; rerun with --debug"


def _subprocess_env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_closed_pipe_is_quiet():
    # `zsprogress tasks | head -c 100`: no traceback, no "Exception ignored" at exit
    p = subprocess.Popen([sys.executable, "-m", "zsprogress", "tasks", "-f", "json"], cwd=ROOT,
                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_subprocess_env())
    p.stdout.read(100)
    p.stdout.close()
    err = p.stderr.read().decode()
    assert p.wait(timeout=60) == 0
    assert "Traceback" not in err and "Exception ignored" not in err
    assert all(line.startswith("warning: ") for line in err.splitlines())


def test_json_run_does_not_import_rich():
    r = subprocess.run([sys.executable, "-X", "importtime", "-m", "zsprogress", "tasks", "-f", "json"],
                       cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True, env=_subprocess_env(), timeout=60)
    assert r.returncode == 0
    imported = [line.rsplit("|", 1)[-1].strip() for line in r.stderr.splitlines() if "import time:" in line]
    assert "zsprogress.cli" in imported
    assert not [m for m in imported if m.split(".")[0] == "rich"]


# --- export: rows -> json | jsonl | csv -----------------------------------------------------------

def test_export_streams_rows_one_at_a_time():
    from zsprogress.export import write_rows

    seen = []

    class Out(io.StringIO):
        def write(self, s):
            seen.append(s)
            return super().write(s)

    def rows():
        for i in range(3):
            # each row is written before the next one is made: memory stays flat
            assert len(seen) == (0 if i == 0 else 2 * i)
            yield {"i": i}

    out = Out()
    assert write_rows(rows(), "json", out) == 3
    assert json.loads(out.getvalue()) == [{"i": 0}, {"i": 1}, {"i": 2}]


def test_export_models_nested_and_empty():
    from zsprogress.export import write_rows
    from zsprogress.models import Completion, TargetRef

    rows = [Completion(task_id="T1.1", target=TargetRef(text="153.57亿元", value=15357000000.0)),
            Completion(task_id="T1.2", target=TargetRef(text="7%", value=7.0),
                       actual={"text": "增长4.3%", "value": 4.3}, lead_units=["市财政局", "市国资委"])]
    out = io.StringIO()
    write_rows(rows, "json", out)
    data = json.loads(out.getvalue())
    assert data[0]["target"]["value"] == 15357000000 and isinstance(data[0]["target"]["value"], int)
    assert "153.57亿元" in out.getvalue()  # unescaped
    out = io.StringIO()
    write_rows(rows, "csv", out)
    table = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert table[0]["target.value"] == "15357000000" and table[0]["actual.text"] == ""
    assert table[1]["actual.text"] == "增长4.3%" and json.loads(table[1]["lead_units"]) == ["市财政局", "市国资委"]
    for fmt, empty in (("json", "[]\n"), ("jsonl", ""), ("csv", "")):
        out = io.StringIO()
        assert write_rows([], fmt, out) == 0 and out.getvalue() == empty
    out = io.StringIO()  # with the columns known, an empty CSV is its header
    assert write_rows([], "csv", out, columns=["a", "b.c"]) == 0 and out.getvalue() == "a,b.c\n"
    with pytest.raises(ValueError):
        write_rows([], "xml", io.StringIO())  # type: ignore[arg-type]


def test_the_command_named_after_the_global_options():
    """main() builds only the click command of the command a run names (Typer would read every
    command's signature otherwise); --help, an unknown name or none: the whole app."""
    from zsprogress.cli import _command_of

    assert _command_of(["--no-color", "--layout", "pipe", "tasks", "x.txt"]) == "tasks"
    assert _command_of(["--layout=pipe", "shell-completion", "bash"]) == "shell-completion"
    assert _command_of(["--layout", "tasks"]) is None       # "tasks" is the value of --layout
    assert _command_of(["--help"]) is None and _command_of(["taskz"]) is None and _command_of([]) is None
