"""Issue 20, item 9: command-line conventions.

--no-color and NO_COLOR (no colour, no bold, no dim), shell completion, `check -o` and `-q`,
`show -f table` piped honours COLUMNS, an example in every command's help, plain metavars,
`schema --help` listing the kinds, and the report page's labels in Chinese (--lang, locale).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from zsprogress.cli import ROW_KINDS, app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()
COMMANDS = ["tasks", "tallies", "claims", "rules", "completion", "show", "report", "schema", "check", "track",
            "shell-completion"]
ANSI = "\x1b["


def test_force_colour_styles_a_table():
    # the control for the two tests below: with FORCE_COLOR a table has colours and bold
    res = runner.invoke(app, ["completion", "--leader", "毛江平", "-q", "-f", "table"], env={"FORCE_COLOR": "1"})
    assert res.exit_code == 0 and "\x1b[1m" in res.stdout and "\x1b[31m" in res.stdout


@pytest.mark.parametrize("how", ["env", "flag"])
def test_no_color_removes_colour_bold_and_dim(how):
    env = {"FORCE_COLOR": "1", **({"NO_COLOR": "1"} if how == "env" else {})}
    args = (["--no-color"] if how == "flag" else []) + ["completion", "--leader", "毛江平", "-q", "-f", "table"]
    res = runner.invoke(app, args, env=env)
    assert res.exit_code == 0 and "T2.1" in res.stdout
    assert ANSI not in res.stdout


def test_no_color_flag_does_not_stick_to_the_next_run():
    runner.invoke(app, ["--no-color", "rules", "-f", "table"], env={"FORCE_COLOR": "1"})
    res = runner.invoke(app, ["rules", "-f", "table"], env={"FORCE_COLOR": "1"})
    assert ANSI in res.stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_shell_completion_script(shell):
    res = runner.invoke(app, ["shell-completion", shell])
    assert res.exit_code == 0 and "_ZSPROGRESS_COMPLETE" in res.stdout and "zsprogress" in res.stdout


def test_shell_completion_completes_commands_and_options():
    env = {**os.environ, "PYTHONPATH": str(ROOT), "_ZSPROGRESS_COMPLETE": "complete_bash"}
    # the console script's entry point is zsprogress.cli:main; run it as the shell would
    code = "from zsprogress.cli import main; main()"

    def complete(words: str, cword: int) -> list[str]:
        p = subprocess.run([sys.executable, "-c", code], env={**env, "COMP_WORDS": words, "COMP_CWORD": str(cword)},
                           capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
        assert p.returncode == 0, p.stderr
        return p.stdout.split()

    assert complete("zsprogress tra", 1) == ["track"]
    assert "--allow-unrelated" in complete("zsprogress track --al", 2)


def test_check_quiet_prints_only_failing_findings():
    full = runner.invoke(app, ["check", "sample"])
    assert full.exit_code == 1
    notes = [x for x in full.stdout.splitlines() if x.startswith("note ")]
    fails = [x for x in full.stdout.splitlines() if x.startswith("FAIL ")]
    assert notes and fails and re.fullmatch(r"\d+ findings, \d+ failing", full.stdout.splitlines()[-1])
    quiet = runner.invoke(app, ["check", "sample", "-q"])
    assert quiet.exit_code == 1
    assert quiet.stdout.splitlines() == fails
    assert runner.invoke(app, ["check", "sample", "-q", "--fail-on", "none"]).stdout == ""


def test_check_output_file(tmp_path):
    out = tmp_path / "findings.json"
    res = runner.invoke(app, ["check", "sample", "-f", "json", "-o", str(out)])
    assert res.exit_code == 1 and res.stdout == ""
    import json

    found = json.loads(out.read_text(encoding="utf-8"))
    assert any(f["code"] == "seq-gap" and f["fails"] for f in found)


@pytest.mark.parametrize("width", [70, 100])
def test_show_table_piped_honours_columns(width):
    res = runner.invoke(app, ["show", "sample", "T2.2", "-f", "table"], env={"COLUMNS": str(width)})
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    assert max(cell_len(x) for x in lines) <= width
    assert max(cell_len(x) for x in lines) >= width - 10  # the panels take the width given


@pytest.mark.parametrize("cmd", COMMANDS)
def test_every_command_help_has_an_example_and_plain_metavars(cmd):
    res = runner.invoke(app, [cmd, "--help"], env={"COLUMNS": "200"})
    assert res.exit_code == 0
    assert re.search(rf"Example: zsprogress {cmd}\b", res.stdout), res.stdout
    # no Python type in the help: <list[str]>, <str>, <int>, <list[...]>
    assert not re.search(r"<(list\[|str>|int>|float>|path>)", res.stdout), res.stdout


def test_schema_help_lists_the_kinds():
    from zsprogress.schema import ROWS

    assert list(ROW_KINDS) == list(ROWS)
    res = runner.invoke(app, ["schema", "--help"], env={"COLUMNS": "200"})
    for kind in ROWS:
        assert re.search(rf"\b{kind}\b", res.stdout.split("Arguments:")[1]), kind


# --- the report page's labels ------------------------------------------------------------------------


def _page(*args: str, env: dict | None = None) -> str:
    res = runner.invoke(app, ["report", "sample", "-q", *args], env=env)
    assert res.exit_code == 0, res.stderr
    return res.stdout


def test_report_page_in_chinese():
    html = _page("--lang", "zh")
    assert "<th>牵头单位</th>" in html and "<th>完成率 / 序时进度</th>" in html
    assert '<span class="badge st-behind">滞后</span>' in html
    assert "<small>31项任务，17个目标</small>" in html  # 毛江平: 31 tasks, 17 targets
    assert "<th>lead unit</th>" not in html and "tasks, " not in html


def test_report_page_in_english():
    html = _page("--lang", "en")
    assert "<th>lead unit</th>" in html and '<span class="badge st-behind">behind</span>' in html
    assert "<small>31 tasks, 17 targets</small>" in html


@pytest.mark.parametrize("env, lang", [
    ({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
    ({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "en_GB.UTF-8"}, "en"),
    ({"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
])
def test_report_page_language_from_the_locale(env, lang):
    html = _page(env=env)
    assert ("<th>牵头单位</th>" in html) == (lang == "zh")
