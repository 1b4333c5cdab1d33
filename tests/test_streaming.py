"""JSONL and CSV rows of one report are made as they are written (``WorkOptions.lazy``), for
every command that streams: ``tasks`` task by task, ``claims`` and ``completion`` a few tasks at
a time. The rows must be exactly those of the list the other formats get."""

from __future__ import annotations

import inspect
import json

import pytest

from zsprogress import cli
from zsprogress.cli import jobs
from zsprogress.cli.jobs import WorkOptions


@pytest.mark.parametrize("cmd", ["tasks", "claims", "completion"])
def test_lazy_rows_are_a_generator_with_the_rows_of_the_list(cmd):
    lazy = jobs.work(cmd, None, WorkOptions(lazy=True, quiet=True))
    eager = jobs.work(cmd, None, WorkOptions(quiet=True))
    assert inspect.isgenerator(lazy.rows) and isinstance(eager.rows, list)
    rows = list(lazy.rows)
    assert rows == eager.rows and len(rows) > 50


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_tasks_streamed_formats_are_chosen_lazy(fmt, monkeypatch, capsys):
    """``tasks -f jsonl|csv`` asks for lazy rows, ``-f json`` for a list, with the same rows."""
    seen: list = []
    work = jobs.work

    def spy(cmd, src, opts, catch="read"):
        seen.append(opts.lazy)
        return work(cmd, src, opts, catch)

    monkeypatch.setattr(jobs, "work", spy)
    for f in (fmt, "json"):
        with pytest.raises(SystemExit) as e:
            cli.main(["tasks", "sample", "-f", f, "-q"])
        assert e.value.code == 0
    out = capsys.readouterr().out
    assert seen == [True, False]
    if fmt == "jsonl":
        lines, _, whole = out.partition("\n[")
        assert [json.loads(x) for x in lines.splitlines()] == json.loads("[" + whole)


def _broken_rules(tmp_path):
    import shutil

    from zsprogress.rules import patterns_dir

    d = tmp_path / "patterns"
    shutil.copytree(patterns_dir(None), d)
    with open(d / "amount.toml", "a", encoding="utf-8") as fh:
        fh.write("\nbroken = [\n")
    return d


@pytest.mark.parametrize("cmd", ["claims", "completion"])
def test_a_broken_rule_file_fails_before_any_row(cmd, tmp_path, capsys):
    """A single report reads its rules after the report (Batch.load_rules), a batch before:
    either way a broken rule file is one error line, exit 2, and no output file."""
    from zsprogress.read import sample_path

    rules = _broken_rules(tmp_path)
    batch = tmp_path / "reports"
    batch.mkdir()
    for name in ("a.txt", "b.txt"):
        (batch / name).write_bytes(sample_path().read_bytes())
    for target in ("sample", str(batch)):
        out = tmp_path / f"{cmd}.jsonl"
        with pytest.raises(SystemExit) as e:
            cli.main([cmd, target, "-f", "jsonl", "-o", str(out), "--patterns", str(rules)])
        assert e.value.code == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("error: patterns/amount.toml"), err
        assert not out.exists()
