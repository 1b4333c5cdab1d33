"""The README and docs/ are part of the interface (sqlite-utils test_docs): every command they
show runs as written from a clone (outputs checked where shown), the README stays a short
first page, and docs/ documents every command, record field, claim kind, qualifier, flag and
exit code there is, with field tables generated from the models."""

from __future__ import annotations

import json
import os
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
from zsprogress.models import ClaimKind
from zsprogress.schema import ROWS, field_table, update_tables

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGES = {p.name: p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md"))}
COMMANDS_MD = PAGES["commands.md"]
RECORDS_MD = PAGES["records.md"]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)
# pages other branches write (linked from here before they are merged)
ELSEWHERE = {"limits.md", "pdf.md", "cli.md", "rules-loading.md", "linking.md", "reading.md"}
runner = CliRunner()


def blocks(text: str, lang: str) -> list[str]:
    return [body for lg, body in FENCE.findall(text) if lg == lang]


def console_examples() -> list[tuple[str, str, str]]:
    """(page, command, expected output) for every `$ ` line of the console blocks of the README
    and of every page of docs/."""
    out: list[tuple[str, str, str]] = []
    for name, text in [("README.md", README), *((f"docs/{n}", t) for n, t in PAGES.items())]:
        for body in blocks(text, "console"):
            for chunk in re.split(r"^\$ ", body, flags=re.M)[1:]:
                cmd, _, expected = chunk.partition("\n")
                out.append((name, cmd.strip(), expected))
    return out


EXAMPLES = console_examples()


def commands() -> list[str]:
    return sorted(typer.main.get_command(cli.app).commands)  # type: ignore[attr-defined]


# ---- the README: a first page ----

def test_readme_starts_with_the_two_commands():
    first = FENCE.search(README)
    assert first is not None and first.group(1) == "sh"
    assert first.group(2) == "pip install . && zsprogress completion\npip install -e '.[test]' && pytest\n"
    after = README[first.end():first.end() + 400]
    assert "python -m venv" in after and re.search(r"Python 3\.\d+ or newer", after)


def test_readme_is_short():
    assert len(README.encode("utf-8")) < 12 * 1024


def test_readme_has_a_worked_example_with_its_output():
    shown = [(c, out) for page, c, out in EXAMPLES if page == "README.md" and out.strip()]
    assert any(c.startswith("zsprogress completion") for c, _ in shown)


@pytest.mark.parametrize("command", commands())
def test_every_command_is_listed_documented_and_has_help(command):
    assert f"| `zsprogress {command}" in README  # the README's list of commands
    # its section: in commands.md, or in cli.md for the shell's conveniences (shell-completion)
    assert re.search(rf"^##+ `zsprogress {command}`", COMMANDS_MD + PAGES.get("cli.md", ""), re.M)
    result = runner.invoke(cli.app, [command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.stdout
    doc = typer.main.get_command(cli.app).commands[command].help  # type: ignore[attr-defined]
    assert doc and doc.strip()


def test_every_page_of_docs_is_linked_from_the_readme():
    for name in [*PAGES, *ELSEWHERE]:
        assert f"docs/{name}" in README or name == "README.md", name
    assert "docs/README.md" in README


def test_relative_links_resolve():
    """Every relative link of the README and docs/ names a file that exists (or one of the pages
    other branches add), and every #anchor a heading of its page."""
    link = re.compile(r"\]\(([^)\s]+)\)")
    texts = [(ROOT / "README.md", README), *((DOCS / n, t) for n, t in PAGES.items())]
    for path, text in texts:
        for target in link.findall(text):
            if re.match(r"[a-z]+:", target):
                continue
            file, _, anchor = target.partition("#")
            dest = (path.parent / file).resolve() if file else path
            if dest.name in ELSEWHERE and dest.parent == DOCS and not dest.exists():
                continue
            assert dest.exists(), f"{path.name}: {target}"
            if anchor and dest.suffix == ".md":
                heads = re.findall(r"^#+ (.*)$", dest.read_text(encoding="utf-8"), re.M)
                slugs = {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in heads}
                assert anchor in slugs, f"{path.name}: {target}"


# ---- every command shown runs ----

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
def in_clone(tmp_path, monkeypatch):
    """A working directory like a clone's root: `samples/` and `tests/` are the repository's (and
    nothing else: no report.txt); files written by `-o` land in a temporary directory."""
    (tmp_path / "samples").symlink_to(ROOT / "samples")
    (tmp_path / "tests").symlink_to(ROOT / "tests")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    return tmp_path


def _same_output(out: str, expected: str) -> None:
    if expected.lstrip().startswith(("[", "{")):
        try:
            assert json.loads(out) == json.loads(expected)
        except json.JSONDecodeError:  # JSON lines
            got = [json.loads(x) for x in out.splitlines() if x.strip()]
            assert got == [json.loads(x) for x in expected.splitlines() if x.strip()]
    else:
        assert out == expected


@pytest.mark.parametrize("page, cmd, expected", EXAMPLES, ids=[f"{p}: {c}" for p, c, _ in EXAMPLES])
def test_console_example_runs(in_clone, page, cmd, expected):
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
    if expected.strip():
        _same_output((data or b"").decode("utf-8"), expected)
    argv = _stages(cmd)[0]
    for opt in ("-o", "--output"):
        if opt in argv:
            assert (in_clone / argv[argv.index(opt) + 1]).stat().st_size > 0


def test_examples_cover_the_commands():
    cmds = [c for _, c, _ in EXAMPLES]
    assert any(re.match(r"zsprogress \w+ .*\| jq ", c) for c in cmds)  # a pipe into jq
    assert any("--leader" in c for c in cmds)
    assert any("claims --text" in c for c in cmds)
    assert "zsprogress rules CMP001" in cmds
    for command in commands():
        assert any(c.startswith(f"zsprogress {command}") for c in cmds), command


def test_examples_name_files_that_exist():
    """No example reads a file the repository does not ship (report.txt, h1.txt ...)."""
    for _, cmd, _ in EXAMPLES:
        first = _stages(cmd)[0]
        for a in first[1:]:
            if re.search(r"\.(txt|html|docx|xlsx|pdf)$", a) and a not in _outputs(first):
                assert (ROOT / a).exists(), (cmd, a)


def _outputs(argv: list[str]) -> list[str]:
    return [argv[i + 1] for i, a in enumerate(argv[:-1]) if a in ("-o", "--output")]


@pytest.mark.parametrize("page, code", [(n, c) for n, t in PAGES.items() for c in blocks(t, "python")])
def test_python_example_runs(in_clone, page, code, capsys):
    exec(compile(code, f"docs/{page}", "exec"), {"__name__": "__docs__"})
    if "parse_report()" in code:
        assert "120 2024年市政府工作报告重点工作半年度完成情况" in capsys.readouterr().out  # as the comment says


# ---- docs/: complete, and generated where it can be ----

def test_field_tables_are_current():
    """The field tables of records.md are the models' (python -m zsprogress.schema docs/records.md)."""
    assert update_tables(RECORDS_MD) == RECORDS_MD, "stale: run python -m zsprogress.schema docs/records.md"
    for kind in ROWS:
        assert f"<!-- generated: field_table({kind}) -->\n{field_table(kind)}" in RECORDS_MD, kind


def test_field_tables_are_filled():
    """Each generated table has a row per CSV column (and an empty block would not pass)."""
    from zsprogress.schema import columns

    for kind in ("task", "claim", "completion"):
        table = field_table(kind)
        for col in columns(kind):
            assert f"| `{col}` |" in table, (kind, col)


def test_every_claim_kind_and_qualifier_is_documented():
    from zsprogress.rules import default_rules

    for kind in get_args(ClaimKind):
        assert f"`{kind}` (" in RECORDS_MD, kind  # with its meaning, not only in the type column
    rs = default_rules()
    quals = set(rs.qualifiers) | {q for lr in rs.rules for q in lr.rule.qualifiers}
    missing = sorted(q for q in quals if f"`{q}`" not in RECORDS_MD)
    assert not missing, f"docs/records.md does not document qualifiers {missing}"


def _flags(module: str) -> set[str]:
    src = (ROOT / "zsprogress" / module).read_text(encoding="utf-8")
    return set(re.findall(r'flags\.append\("(\w+)"', src))


@pytest.mark.parametrize("module", ["link.py", "track.py"])
def test_every_flag_is_documented(module):
    from zsprogress.track import FLAGS

    flags = _flags(module) | (set(FLAGS) if module == "track.py" else set())
    assert len(flags) >= 7
    missing = sorted(f for f in flags if not re.search(rf"^\| `{f}`(, `\w+`)* \|", RECORDS_MD, re.M)
                     and not re.search(rf"^\| `\w+`, `{f}` \|", RECORDS_MD, re.M))
    assert not missing, f"docs/records.md has no row for flags {missing}"


def test_claim_ids_and_sum_of_parts_are_documented():
    assert "`id = f\"{task_id}:{field}:{start}-{end}\"`" in RECORDS_MD
    for word in ("`target.claim_id`", "`actual.claim_id`", "`actual.parts`", "`sum_of_parts`"):
        assert word in RECORDS_MD, word


def test_every_finding_code_is_documented():
    from zsprogress.vocab import CODES

    section = COMMANDS_MD[COMMANDS_MD.index("## `zsprogress check`"):COMMANDS_MD.index("## `zsprogress tasks`")]
    missing = [c for c in CODES if f"`{c}`" not in section]
    assert not missing, f"docs/commands.md (check, track) does not name finding codes {missing}"


def test_exit_codes_are_documented():
    for code in (cli.EXIT_OK, cli.EXIT_FINDINGS, cli.EXIT_ERROR, cli.EXIT_INTERNAL, 130):
        assert re.search(rf"^\| {code} \|", COMMANDS_MD, re.M), code


def test_the_series_samples_are_the_fixtures():
    """samples/series/ ships the fixtures of tests/fixtures/series/ byte for byte (samples/README.md)."""
    pairs = {"zhoushan-2023-assign.txt": "10_zhoushan_2023_assign.txt",
             "zhoushan-2023-h1.txt": "08_zhoushan_2023_h1.txt",
             "zhoushan-2023-q3.txt": "09_zhoushan_2023_q3.txt"}
    assert sorted(p.name for p in (ROOT / "samples" / "series").iterdir()) == sorted(pairs)
    for mine, fixture in pairs.items():
        assert (ROOT / "samples/series" / mine).read_bytes() == \
            (ROOT / "tests/fixtures/series" / fixture).read_bytes()
    notes = (ROOT / "samples" / "README.md").read_text(encoding="utf-8")
    assert all(f"`series/{m}`" in notes for m in pairs)
