"""Terminal tables that fit: rendered through the CLI at a fixed width (COLUMNS, not a tty).

At 80 columns nothing essential is dropped: every task id and status word is printed whole,
fields that do not fit their own column are stacked in a neighbour's cell, long text wraps;
at 160 the reason keeps to its own column, whole. Rows of several reports are grouped by report.
"""

from __future__ import annotations

import json
import re

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from zsprogress.cli import app

runner = CliRunner()


def table(*args: str, width: int) -> str:
    quiet = [] if args[0] == "show" else ["-q"]  # show reads one report: nothing to keep quiet
    result = runner.invoke(app, [*args, "-f", "table", *quiet], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def rows_json(*args: str) -> list[dict]:
    return json.loads(runner.invoke(app, [*args, "-f", "json", "-q"]).stdout)


def tokens(text: str) -> list[str]:
    return re.findall(r"[A-Za-z_][A-Za-z_0-9.]*", text)


def column(text: str, header: str, start_line: int = 0) -> str:
    """The text under ``header`` from its header line on: every line's cells from the header's
    first cell to the end, joined (a wrapped cell read back in order)."""
    lines = text.splitlines()[start_line:]
    head = next(i for i, line in enumerate(lines) if re.search(rf"\s{header}\s", line))
    col = cell_len(lines[head][: lines[head].index(f" {header} ") + 1])
    out = []
    for line in lines[head + 2:]:
        pos, kept = 0, []
        for ch in line:
            if pos >= col:
                kept.append(ch)
            pos += cell_len(ch)
        out.append("".join(kept).strip())
    return " ".join(out)


@pytest.mark.parametrize("width", [80, 160])
def test_completion_ids_and_status_words_whole(width):
    rows = rows_json("completion", "--leader", "毛江平")
    out = table("completion", "--leader", "毛江平", width=width)
    assert max(cell_len(line) for line in out.splitlines()) <= width
    leader_table = out.split("targets by status")[0]
    words = tokens(leader_table)
    for r in rows:
        assert r["task_id"] in words
    statuses = [w for w in words if w in {"achieved", "ahead", "on_track", "behind", "met", "below", "unknown"}]
    assert statuses == [r["status"] for r in rows]  # one whole status word per row, in order
    assert "…" not in leader_table
    # the summary keeps every status word whole in its header and the total column
    summary = out.split("targets by status, per leader")[1]
    for s in ("achieved", "on_track", "behind", "below", "unknown", "total"):
        assert f" {s} " in summary


def test_completion_at_80_stacks_unit_metric_target_actual():
    out = table("completion", "--leader", "毛江平", width=80)
    flat = re.sub(r"\s+", "", out)
    for text in ("市发改委", "地区生产总值", "增长6.5%", "增长5.6%", "[上半年]", "LNG罐容", "88万方", "44万方",
                 "[截至6月底]", "100.0%", "exp50%"):
        assert text in flat, text


def test_reason_keeps_to_its_column_at_160():
    out = table("completion", "--leader", "毛江平", width=160)
    reason = column(out, "reason")
    for r in rows_json("completion", "--leader", "毛江平"):
        if r["reason"]:
            assert re.sub(r"\s+", "", r["reason"]) in re.sub(r"\s+", "", reason), r["reason"]


def test_claims_explain_keeps_the_reason_at_80():
    out = table("claims", "--explain", "--task", "T2.1", width=80)
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    skips = [r for r in rows_json("claims", "--explain", "--task", "T2.1") if r["kind"] == "skip"]
    assert skips and tokens(column(out, "reason")) == [r["reason"] for r in skips] == ["date", "date", "period"]
    for rule in ("GRW001", "SKP005", "RNK003"):
        assert rule in out  # the rule moves under the kind, it is not dropped


def test_tasks_at_80_keep_ids_and_point_to_show():
    out = table("tasks", "--leader", "毛江平", width=80)
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    ids = [r["id"] for r in rows_json("tasks", "--leader", "毛江平")]
    assert [w for w in tokens(out) if re.fullmatch(r"T\d+\.\d+", w)] == ids
    assert "zsprogress show REPORT ID" in out


def test_several_reports_are_grouped_by_report(tmp_path):
    from zsprogress.read import sample_path

    copy = tmp_path / "copy.txt"
    copy.write_bytes(sample_path().read_bytes())
    out = table("tasks", "sample", str(copy), "--leader", "毛江平", width=160)
    first, second = out.index("<sample>"), out.index(str(copy))
    assert first < second and out.count("31 rows") == 2
    # each report's rows are under its own title: T2.1 appears once before the copy's title
    assert out[:second].count(" T2.1 ") == 1 and out[second:].count(" T2.1 ") == 1
    comp = table("completion", "sample", str(copy), "--leader", "毛江平", width=160)
    assert "<sample> · 毛江平" in comp and f"{copy} · 毛江平" in comp
    claims = table("claims", "sample", str(copy), "--task", "T2.1", width=160)
    assert claims.count("7 rows") == 2


def test_report_text_and_file_names_are_printed_as_written(tmp_path):
    """Markup ([bold]) and emoji codes (:thumbs_up:) in a report or its file name are text: the
    tables print them as written, never as a style or an emoji, and lose no character."""
    from zsprogress.read import sample_path

    text = sample_path().read_text(encoding="utf-8")
    content = "一般公共预算收入与经济增长基本同步。"
    progress = "上半年,全市预计一般公共预算收入153.57亿元,增长4.3%,增幅处于全省第2。"
    assert text.count(content) == 1 and text.count(progress) == 1
    content2 = "一般公共预算收入:thumbs_up:与经济增长[bold]基本[/bold]同步。"
    progress2 = "上半年,全市预计[red]一般公共预算收入[/red]153.57亿元,增长4.3%,增幅处于全省第2。"
    path = tmp_path / "[b]report:fire:.txt"
    path.write_text(text.replace(content, content2).replace(progress, progress2), encoding="utf-8")
    assert [t["content"] for t in rows_json("tasks", str(path)) if t["id"] == "T1.1"] == [content2]

    def flat(out: str) -> str:  # the table's characters, without the column layout
        return re.sub(r"[\s│─━┃]+", "", out)

    for args in (("tasks", "sample", str(path), "--leader", "徐仁标"),
                 ("claims", "sample", str(path), "--task", "T1.1"),
                 ("completion", "sample", str(path), "--leader", "毛江平"), ("show", str(path), "T1.1")):
        out = table(*args, width=200)
        assert "👍" not in out and "🔥" not in out, args
        assert "[b]report:fire:.txt" in flat(out) or args[0] == "show", args  # several reports: titled
    assert "一般公共预算收入:thumbs_up:与经济增长[bold]基本[/bold]同步" in flat(table("tasks", str(path), width=200))
    assert "[red]一般公共预算收入[/red]" in flat(table("claims", str(path), "--task", "T1.1", width=200))
    assert "[red]一般公共预算收入[/red]153.57亿元" in flat(table("show", str(path), "T1.1", width=200))
