"""The README is part of the interface: its examples run, and it documents every command,
record field, claim kind and qualifier there is (sqlite-utils test_docs)."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest
import typer
from typer.testing import CliRunner

from zsprogress import cli
from zsprogress.models import Claim, ClaimKind, Task
from zsprogress.read import sample_path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
# the README and the pages of docs/ (a command may be documented in docs/cli.md)
DOCS = README + "".join(f.read_text(encoding="utf-8") for f in sorted((ROOT / "docs").glob("*.md")))
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)
runner = CliRunner()


def blocks(lang: str) -> list[str]:
    return [body for lg, body in FENCE.findall(README) if lg == lang]


def console_examples() -> list[tuple[str, str]]:
    """(command, expected output) for every `$ ` line of the console blocks."""
    out: list[tuple[str, str]] = []
    for body in blocks("console"):
        for chunk in re.split(r"^\$ ", body, flags=re.M)[1:]:
            cmd, _, expected = chunk.partition("\n")
            out.append((cmd.strip(), expected))
    return out


def commands() -> list[str]:
    return sorted(typer.main.get_command(cli.app).commands)  # type: ignore[attr-defined]


def test_readme_starts_with_the_two_commands():
    first = FENCE.search(README)
    assert first is not None and first.group(1) == "sh"
    assert first.group(2) == "pip install . && zsprogress completion\npip install -e '.[test]' && pytest\n"


def test_examples_exist():
    cmds = [c for c, _ in console_examples()]
    assert any(re.match(r"zsprogress tasks \| jq ", c) for c in cmds)  # a pipe into jq
    assert any("--leader" in c for c in cmds)
    assert any("claims --text" in c for c in cmds)
    assert "zsprogress rules CMP001" in cmds
    assert blocks("python")


@pytest.mark.parametrize("command", commands())
def test_every_command_is_documented_and_has_help(command):
    assert f"zsprogress {command}" in DOCS
    assert f"### `zsprogress {command}`" in DOCS
    result = runner.invoke(cli.app, [command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.stdout
    doc = typer.main.get_command(cli.app).commands[command].help  # type: ignore[attr-defined]
    assert doc and doc.strip()


def _stages(cmd: str) -> list[list[str]]:
    lex = shlex.shlex(cmd, posix=True, punctuation_chars="|")
    lex.whitespace_split = True
    stages: list[list[str]] = [[]]
    for tok in lex:
        if tok == "|":
            stages.append([])
        else:
            stages[-1].append(tok)
    return stages


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """A working directory with `report.txt` (a copy of the sample), as the examples assume."""
    (tmp_path / "report.txt").write_bytes(sample_path().read_bytes())
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("cmd, expected", console_examples(), ids=[c for c, _ in console_examples()])
def test_console_example_runs(in_tmp, cmd, expected):
    data: bytes | None = None
    for argv in _stages(cmd):
        name, args = argv[0], argv[1:]
        if name == "zsprogress":
            result = runner.invoke(cli.app, args, input=data)
            assert result.exit_code == 0, (cmd, result.stderr, result.exception)
            assert "Traceback" not in result.stderr
            data = result.stdout_bytes
            if "-f" in args and args[args.index("-f") + 1] == "json" and "-o" not in args:
                json.loads(result.stdout)
        elif name == "cat":
            data = b"".join(Path(a).read_bytes() for a in args)
        elif name == "python" or shutil.which(name):
            if name == "python":  # the interpreter running the tests (its venv has pandas)
                argv = [sys.executable, *args]
            proc = subprocess.run(argv, input=data, capture_output=True, timeout=60)
            assert proc.returncode == 0, (cmd, proc.stderr)
            data = proc.stdout
        else:
            pytest.skip(f"{name} is not installed")
    out = (data or b"").decode("utf-8")
    if expected.strip():
        if expected.lstrip().startswith(("[", "{")):
            assert json.loads(out) == json.loads(expected)
        else:
            assert out == expected
    for opt in ("-o", "--output"):
        argv = _stages(cmd)[0]
        if opt in argv:
            assert (in_tmp / argv[argv.index(opt) + 1]).stat().st_size > 0


@pytest.mark.parametrize("code", blocks("python"))
def test_python_example_runs(in_tmp, code, capsys):
    exec(compile(code, "README.md", "exec"), {"__name__": "__readme__"})
    out = capsys.readouterr().out
    assert "120 2024年市政府工作报告重点工作半年度完成情况" in out  # as the comment says


@pytest.mark.parametrize("model", [Task, Claim], ids=["Task", "Claim"])
def test_every_record_field_is_documented(model):
    missing = [f for f in model.model_fields if f"`{f}`" not in README]
    assert not missing, f"README does not document {model.__name__} fields {missing}"


def test_every_claim_kind_and_qualifier_is_documented():
    from zsprogress.rules import default_rules

    for kind in get_args(ClaimKind):
        assert f"`{kind}`" in README, kind
    rs = default_rules()
    quals = set(rs.qualifiers) | {q for lr in rs.rules for q in lr.rule.qualifiers}
    missing = sorted(q for q in quals if f"`{q}`" not in README)
    assert not missing, f"README does not document qualifiers {missing}"


def test_exit_codes_are_documented():
    for code in (cli.EXIT_OK, cli.EXIT_FINDINGS, cli.EXIT_ERROR, cli.EXIT_INTERNAL, 130):
        assert re.search(rf"^\| {code} \|", README, re.M), code
