"""Issue 20, item 3: every table command at every width from 60 to 200 columns.

At each width: no line wider than the console; every id, status, flag, rule id, rate and figure
of the rows (read from the JSON output of the same command) printed whole on one line (not cut
at a line end: ``15,357,000`` / ``,000`` or ``stated/_statu/s`` fail); no column dropped (the
metric of every target and every flag is there). The layout is chosen by the width the columns
need, not a fixed breakpoint, so 120 to 150 columns get whichever layout fits.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from zsprogress.cli import app
from zsprogress.read import sample_path

WIDTHS = [60, 80, 100, 119, 120, 121, 140, 160, 200]
SERIES = Path(__file__).parent / "fixtures" / "series"
runner = CliRunner()


@functools.cache
def q3_file() -> str:
    """A third-quarter release of the sample (targets raised, a total lower than before), so
    that `track` has target_changed and cumulative_decreased flags to print."""
    import tempfile

    text = sample_path().read_text(encoding="utf-8")
    q3 = (text.replace("半年度", "三季度")
          .replace("完成货物吞吐量6.75亿吨", "完成货物吞吐量7亿吨")
          .replace("1-5月全市外贸进出口总额约为1491亿元", "1-9月全市外贸进出口总额约为1400亿元"))
    path = Path(tempfile.mkdtemp()) / "q3.txt"
    path.write_text(q3, encoding="utf-8")
    return str(path)


COMMANDS = {
    "tasks": ("tasks", "--leader", "毛江平"),
    "claims": ("claims", "--task", "T2.1", "--task", "T2.2", "--task", "T1.1", "--explain"),
    "completion": ("completion", "--leader", "毛江平"),
    "track": ("track", "sample", "@q3", "--leader", "毛江平"),
    "track-series": ("track", str(SERIES)),
    "rules": ("rules",),
    "show": ("show", "sample", "T2.2"),
}


def _args(name: str) -> list[str]:
    return [q3_file() if a == "@q3" else a for a in COMMANDS[name]]


@functools.cache
def rows(name: str) -> list:
    args = _args(name) + ["-f", "json"] + ([] if name in ("show", "rules") else ["-q"])
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.stderr
    return json.loads(res.stdout)


def render(name: str, width: int) -> str:
    args = _args(name) + ["-f", "table"] + ([] if name in ("show", "rules") else ["-q"])
    res = runner.invoke(app, args, env={"COLUMNS": str(width)})
    assert res.exit_code == 0, res.stderr
    return res.stdout


def _num(v: float) -> str:
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,}"


def _rate(r: dict) -> str | None:
    rate = r["computed_rate"] if r.get("computed_rate") is not None else r.get("stated_rate")
    return None if rate is None else f"{rate:.1f}%"


def expected_tokens(name: str) -> tuple[set[str], set[str]]:
    """(tokens each printed whole on one line, texts present once whitespace is removed)."""
    whole: set[str] = set()
    flat: set[str] = set()
    data = rows(name)
    if name == "tasks":
        whole |= {r["id"] for r in data}
    elif name == "claims":
        for r in data:
            whole |= {r["task_id"], r["kind"]}
            if r["kind"] == "skip":
                whole.add(r["reason"])
            else:
                whole.add(r["rule_id"])
                if r.get("value") is not None:
                    whole.add(_num(r["value"]))
    elif name in ("completion", "show"):
        comp = data[0]["completion"] if name == "show" else data
        for r in comp:
            whole |= {r["task_id"], r["status"], *r["flags"]}
            if _rate(r):
                whole.add(_rate(r))
            flat.add(r["metric"] or "")
    elif name.startswith("track"):
        for r in data:
            whole |= {f"{f}@{r['period']}" for f in r["flags"]}
            if r["present"]:
                whole.add(r["status"] or "")
            if r["present"] and r.get("target") and _rate(r):
                whole.add(_rate(r))
            flat.add((r["metric"] or "")[:7])
    elif name == "rules":
        whole |= {r["id"] for r in data} | {r["name"] for r in data}
    return whole - {""}, flat - {""}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(COMMANDS))
def test_table_fits_and_keeps_every_token_whole(name, width):
    out = render(name, width)
    lines = out.splitlines()
    assert max(cell_len(x) for x in lines) <= width
    whole, flat = expected_tokens(name)
    assert whole, name
    pattern = r"(?<![\w.,%@])({})(?![\w.,%@])"
    missing = [tok for tok in sorted(whole)
               if not any(re.search(pattern.format(re.escape(tok)), x) for x in lines)]
    assert not missing, (name, width, missing)
    # a metric may wrap inside its cell: each of its characters is printed (its column is there)
    chars = set(out)
    assert not [t for t in flat if not set(t.replace(" ", "")) <= chars]
    if name in ("completion", "show") or name.startswith("track"):
        assert "metric" in out  # the header: `metric`, `metric / target` or `task / metric`
    if name.startswith("track"):
        assert "flags" in out


def test_track_at_80_keeps_metric_and_flags():
    out = render("track-series", 80)
    assert "task_dropped@h1" in out and "固定资产投资" in re.sub(r"\s+", "", out)


@pytest.mark.parametrize("width", [121, 140, 150])
def test_claims_wide_layout_when_it_fits(width):
    # the claims of one task fit the wide layout (a column per field) from about 120 columns
    out = render("claims", width)
    head = next(x for x in out.splitlines() if " task " in x)
    assert " metric " in head and " rule " in head
