"""The loose ends of issue 12, each pinned by a test that failed before the fix."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from zsprogress.cli import app

runner = CliRunner()

CLEAN = ("序号\n\n任务内容\n\n牵头单位\n\n半年度完成情况\n\n张三市长牵头重点工作\n\n1\n\n"
         "货物吞吐量达到1亿吨。\n\n市港航局\n\n上半年完成货物吞吐量0.5亿吨,完成年度计划的50%。\n\n"
         "2\n\n新建公园10个。\n\n市住建局\n\n上半年新建公园5个。\n")


def run(*args: str, code: int = 0):
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, (args, result.exit_code, result.stdout, result.stderr)
    return result


def test_output_txt_is_json_as_the_readme_says(tmp_path):
    out = tmp_path / "out.txt"
    run("tasks", "-o", str(out), "-q")
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 120


def test_show_help_offers_only_what_show_accepts():
    help_ = run("show", "--help").stdout
    assert "auto|table|json" in help_ and "csv" not in help_ and "jsonl" not in help_
    bad = run("show", "sample", "T2.1", "-f", "csv", code=2)
    assert bad.stderr.startswith("error: ") or "Invalid value" in bad.stderr
    assert json.loads(run("show", "sample", "T2.1", "-f", "json").stdout)[0]["task"]["id"] == "T2.1"


def test_check_without_report_checks_the_sample():
    r = run("check", code=1)  # the sample's seq gap under 韩峻 fails it
    assert "FAIL <sample>:557 [seq-gap]" in r.stdout


def test_warnings_only_for_the_selected_leader_and_quiet():
    gap = "seq jumps from 16 to 18"  # in 韩峻's section
    assert gap in run("completion", "-f", "json").stderr
    assert gap in run("tasks", "--leader", "韩峻", "-f", "json").stderr
    for cmd in ("tasks", "claims", "completion"):
        assert gap not in run(cmd, "--leader", "毛江平", "-f", "json").stderr, cmd
    assert gap not in run("claims", "--task", "T2.1", "-f", "json").stderr
    assert gap in run("claims", "--task", "T3.18", "-f", "json").stderr
    for cmd in ("tasks", "claims", "completion"):
        assert run(cmd, "-f", "json", "--quiet").stderr == "", cmd
    assert run("claims", "-f", "json", "-q").stderr == ""  # no summary line either


def test_plurals(tmp_path):
    assert run("claims", "--text", "增长5%", "-f", "json").stderr.strip() == "1 claim, 0 skips, 0 digits unexplained"
    gap = tmp_path / "gap.txt"
    gap.write_text(CLEAN.replace("\n\n2\n\n", "\n\n3\n\n"), encoding="utf-8")
    out = run("check", str(gap), code=1).stdout
    assert out.strip().endswith("1 finding, 1 failing")


def test_truncated_fails_check_by_default(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    assert "0 failing" in run("check", str(clean)).stdout
    cut = tmp_path / "cut.txt"
    cut.write_text(CLEAN[: CLEAN.index("公园5个")], encoding="utf-8")  # a download cut off mid-row
    out = run("check", str(cut), code=1).stdout
    assert "FAIL" in out and "[truncated]" in out
    run("check", str(cut), "--fail-on", "seq-gap")  # still a choice


def test_claims_task_takes_the_id_with_or_without_its_letter():
    with_t = json.loads(run("claims", "--task", "T2.1", "-f", "json", "-q").stdout)
    assert with_t and {c["task_id"] for c in with_t} == {"T2.1"}
    assert json.loads(run("claims", "--task", "2.1", "-f", "json", "-q").stdout) == with_t
