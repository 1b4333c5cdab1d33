"""`zsprogress completion`, `show` and `check` through the command line."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from zsprogress import cli

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(cli.app, list(args), input=input)


def test_completion_json_rows():
    r = run("completion", "-f", "json")
    assert r.exit_code == 0, r.stderr
    rows = json.loads(r.stdout)
    row = next(x for x in rows if x["target"]["text"] == "6.75亿吨")
    assert row["actual"]["text"] == "3.57亿吨" and row["stated_rate"] == 52.89
    assert row["computed_rate"] == 52.9 and row["consistent"] is True and row["expected_rate"] == 50
    assert set(row) >= {"task_id", "seq", "leader", "lead_units", "metric", "target", "actual",
                        "computed_rate", "stated_rate", "expected_rate", "status", "consistent",
                        "reason"}
    assert "seq jumps from 16 to 18" in r.stderr  # diagnostics on stderr only


def test_completion_filters_and_sort():
    rows = json.loads(run("completion", "-f", "json", "--leader", "毛江平").stdout)
    assert rows and {x["leader"] for x in rows} == {"毛江平"}
    below = json.loads(run("completion", "-f", "json", "--status", "below", "--status", "met").stdout)
    assert below and {x["status"] for x in below} == {"below", "met"}
    low = json.loads(run("completion", "-f", "json", "--below", "50", "--sort", "rate").stdout)
    rates = [x["computed_rate"] if x["computed_rate"] is not None else x["stated_rate"] for x in low]
    assert rates and all(v < 50 for v in rates) and rates == sorted(rates)
    units = json.loads(run("completion", "-f", "json", "--unit", "港航").stdout)
    assert units and all(any("港航" in u for u in x["lead_units"]) for x in units)


def test_completion_formats_show_the_same_rows():
    rows = json.loads(run("completion", "-f", "json").stdout)
    lines = run("completion", "-f", "jsonl").stdout.splitlines()
    assert [json.loads(x) for x in lines] == rows
    table = list(csv.DictReader(io.StringIO(run("completion", "-f", "csv").stdout)))
    assert len(table) == len(rows)
    assert table[0]["target.text"] == rows[0]["target"]["text"]
    text = run("completion", "-f", "table").stdout
    assert "毛江平" in text and "3.57亿吨" in text and "on_track" in text
    assert "targets by status, per leader" in text


def test_completion_of_stdin():
    from zsprogress.read import sample_path

    r = run("completion", "-", "-f", "json", input=sample_path().read_bytes())
    assert r.exit_code == 0 and len(json.loads(r.stdout)) == len(json.loads(run("completion", "-f", "json").stdout))


def test_show_one_task():
    r = run("show", "sample", "T5.4", "-f", "table")
    assert r.exit_code == 0, r.stderr
    assert "3.57亿吨" in r.stdout and "完成年度计划的52.89%" in r.stdout
    doc = json.loads(run("show", "sample", "T5.4", "-f", "json").stdout)[0]
    assert doc["task"]["id"] == "T5.4" and doc["claims"] and doc["completion"]
    for c in doc["claims"]:
        field = {"content": "content", "progress": "progress_text"}[c["field"]]
        assert doc["task"][field][c["start"]:c["end"]] == c["text"]


def test_show_unknown_task_is_exit_2():
    r = run("show", "sample", "T99.99")
    assert r.exit_code == 2 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


def test_check_sample_fails_on_the_gap():
    r = run("check", "sample")
    assert r.exit_code == 1
    assert "[seq-gap]" in r.stdout and "16 to 18" in r.stdout


def test_check_fail_on_selects(tmp_path):
    assert run("check", "sample", "--fail-on", "unexplained-figure").exit_code == 0
    assert run("check", "sample", "--fail-on", "none").exit_code == 0
    assert run("check", "sample", "--fail-on", "nonsense").exit_code == 2


def test_check_clean_report_exits_0(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("序号\n\n任务内容\n\n牵头单位\n\n半年度完成情况\n\n张三市长牵头重点工作\n\n1\n\n"
                     "货物吞吐量达到1亿吨。\n\n市港航局\n\n上半年完成货物吞吐量0.5亿吨,完成年度计划的50%。\n\n"
                     "2\n\n新建公园10个。\n\n市住建局\n\n上半年新建公园5个。\n", encoding="utf-8")
    r = run("check", str(clean))
    assert r.exit_code == 0, r.stdout + r.stderr
    assert "0 failing" in r.stdout


def test_check_github_annotations():
    r = run("check", "sample", "-f", "github")
    assert r.exit_code == 1
    assert any(line.startswith("::error file=<sample>,line=") and "seq-gap" in line
               for line in r.stdout.splitlines())


def test_check_json():
    found = json.loads(run("check", "sample", "-f", "json").stdout)
    gap = [f for f in found if f["code"] == "seq-gap"]
    assert gap and gap[0]["fails"] is True


def test_check_unreadable_is_exit_2(tmp_path):
    bad = tmp_path / "x.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    r = run("check", str(bad))
    assert r.exit_code == 2 and "Traceback" not in r.stderr


def test_patterns_dir_reaches_the_layout_vocabulary(tmp_path):
    from zsprogress.rules import patterns_dir

    for f in patterns_dir().glob("*.toml"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("序号\n\n任务内容\n\n牵头单位\n\n完成情况\n\n王五主席牵头重点工作\n\n1\n\n新建公园10个。\n\n"
                      "市住建局\n\n上半年新建公园5个。\n", encoding="utf-8")
    plain = json.loads(run("tasks", str(report), "-f", "json").stdout)
    assert (plain[0]["leader"], plain[0]["leader_title"]) == ("王五主席", None)  # 主席: no title in layout.toml
    layout = tmp_path / "layout.toml"
    layout.write_text(layout.read_text(encoding="utf-8").replace('"常务副市长",', '"常务副市长", "主席",', 1),
                      encoding="utf-8")
    for jobs in ("1", "2"):
        got = json.loads(run("tasks", str(report), str(report), "-f", "json", "--patterns", str(tmp_path),
                             "-j", jobs).stdout)
        assert [t["leader"] for t in got] == ["王五", "王五"] and got[0]["leader_title"] == "主席"
    assert json.loads(run("tasks", str(report), "-f", "json").stdout)[0]["leader"] == "王五主席"  # reset


@pytest.mark.parametrize("argv,needle", [
    (["completion", "-f", "bogus"], "'--format'"),
    (["nosuch"], "No such command"),
    (["show"], "Missing argument"),
    (["completion", "--below", "abc"], "'--below'"),
])
def test_usage_errors_are_one_line(argv, needle, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(argv)
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert err.count("\n") == 1 and err.startswith("error: ") and needle in err
    assert "Traceback" not in err and "Value error" not in err


def test_main_runs_a_command(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["completion", "sample", "-f", "json"])
    assert exit_.value.code == 0 and json.loads(capsys.readouterr().out)


def test_sample_word_works_for_every_report_command():
    for cmd in ("tasks", "claims", "completion"):
        r = run(cmd, "sample", "-f", "json")
        assert r.exit_code == 0 and json.loads(r.stdout), cmd
