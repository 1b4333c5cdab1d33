"""Rows -> Rich tables, for people at a terminal. No logic: the rows are the ones the JSON
output shows (dicts or models), this module only lays them out.

Only this module imports Rich, so a JSON run never loads it. Rich honours ``NO_COLOR`` and
measures CJK characters as double width, so Chinese columns line up.
"""

from __future__ import annotations

from typing import Any, Iterable

from rich import box
from rich.table import Table

from .export import to_dict

TEXT_PREVIEW = 60  # characters of a long text cell shown in a table; JSON has the full text


def _rows(rows: Iterable[Any]) -> list[dict]:
    return [to_dict(r) for r in rows]


def _num(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        return f"{v:,.10g}" if abs(v) < 1e15 else str(v)
    return str(v)


def _text(v: Any, limit: int = TEXT_PREVIEW) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        v = "、".join(map(str, v))
    s = " ".join(str(v).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _table(title: str | None, n: int) -> Table:
    caption = f"{n} rows" if n != 1 else "1 row"
    return Table(title=title, caption=caption, box=box.SIMPLE_HEAD, header_style="bold",
                 show_lines=False, expand=False)


def tasks_table(tasks: Iterable[Any], title: str | None = None) -> Table:
    rows = _rows(tasks)
    multi = len({r.get("source") for r in rows}) > 1
    t = _table(title, len(rows))
    if multi:
        t.add_column("source", style="dim")
    t.add_column("id", style="cyan", no_wrap=True)
    t.add_column("leader", no_wrap=True)
    t.add_column("lead units")
    t.add_column("content", ratio=2)
    t.add_column("progress", ratio=3)
    for r in rows:
        cells = [r.get("id", ""), _text(r.get("leader")), _text(r.get("lead_units"), 30),
                 _text(r.get("content")), _text(r.get("progress_text"))]
        t.add_row(*([_text(r.get("source"), 30)] if multi else []), *cells)
    return t


def claims_table(claims: Iterable[Any], title: str | None = None) -> Table:
    """Claims, and skips (``kind == "skip"``, with their reason) when they are in the rows."""
    rows = _rows(claims)
    has_skips = any(r.get("kind") == "skip" for r in rows)
    t = _table(title, len(rows))
    t.add_column("task", style="cyan", no_wrap=True)
    t.add_column("kind", no_wrap=True)
    t.add_column("value", justify="right", no_wrap=True)
    t.add_column("unit", no_wrap=True)
    t.add_column("text", min_width=10)
    t.add_column("metric", min_width=6)
    t.add_column("period", no_wrap=True)
    t.add_column("qualifiers")
    t.add_column("role", no_wrap=True)
    t.add_column("rule", style="dim", no_wrap=True)
    if has_skips:
        t.add_column("reason")
    for r in rows:
        skip = r.get("kind") == "skip"
        value = _num(r.get("value"))
        if r.get("value_max") is not None:
            value += f"–{_num(r.get('value_max'))}"
        cells = [r.get("task_id") or "", r.get("kind", ""), value, r.get("unit") or "",
                 _text(r.get("text"), 40), _text(r.get("metric"), 20), _text(r.get("period"), 12),
                 _text(r.get("qualifiers"), 30), r.get("role") or "", r.get("rule_id") or ""]
        if has_skips:
            cells.append(_text(r.get("reason"), 30))
        t.add_row(*cells, style="dim" if skip else None)
    return t


def rules_table(rules: Iterable[Any], title: str | None = None) -> Table:
    rows = _rows(rules)
    t = _table(title, len(rows))
    t.add_column("id", style="cyan", no_wrap=True)
    t.add_column("kind", no_wrap=True)
    t.add_column("name", no_wrap=True)
    t.add_column("summary")
    for r in rows:
        t.add_row(r.get("id", ""), r.get("kind") or "", r.get("name", ""), r.get("summary", ""))
    return t


def rule_text(loaded: Any) -> str:
    """One rule explained in plain text (``zsprogress rules CMP001``, like ``ruff rule E722``)."""
    r = loaded.rule
    kind = r.kind or loaded.family.rstrip("s")
    lines = [f"{r.id} ({r.name}): {kind}", f"file: {loaded.file}", "", r.summary, ""]
    if r.reason:
        lines += [f"reason: {r.reason}", ""]
    if r.unit or r.qualifiers or r.sign is not None:
        facts = [f"unit={r.unit}" if r.unit else "", f"qualifiers={','.join(r.qualifiers)}" if r.qualifiers else "",
                 f"sign={r.sign}" if r.sign is not None else ""]
        lines += ["  ".join(f for f in facts if f), ""]
    lines += ["regex:", f"    {r.regex}", ""]

    def example(e: Any) -> str:
        if isinstance(e, str):
            return f"    {e}"
        got = [f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}"
               for k, v in (("value", e.value), ("unit", e.unit), ("scope", e.scope), ("skip", e.skip),
                            ("period", e.period), ("end_month", e.end_month)) if v is not None]
        s = f"    {e.text}" + (f"  ->  {' '.join(got)}" if got else "")
        return s + (f"  # {e.why}" if getattr(e, "why", None) else "")

    for title, items in (("matches:", r.must_match), ("does not match:", r.must_not_match),
                         ("known misses (expected to fail):", r.known_misses)):
        if items:
            lines += [title, *(example(e) for e in items), ""]
    return "\n".join(lines).rstrip() + "\n"


STATUS_STYLE = {"achieved": "bold green", "ahead": "green", "on_track": "cyan", "met": "green",
                "behind": "bold red", "below": "red", "unknown": "dim"}
BAR_WIDTH = 10


def _bar(rate: Any) -> str:
    if rate is None:
        return ""
    filled = max(0, min(BAR_WIDTH, round(rate / 100 * BAR_WIDTH)))
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def _target(t: dict) -> str:
    s = t.get("text") or ""
    if t.get("bound") in ("floor", "ceiling"):
        s += " ≥" if t["bound"] == "floor" else " ≤"
    if t.get("stretch") is not None:
        s += f" (stretch {_num(t['stretch'])})"
    return s


def completion_tables(rows: Iterable[Any], title: str | None = None) -> Any:
    """One table per leader (seq, unit, metric, target, actual, rate + bar, expected, status,
    flags), then the counts by status per leader and per lead unit."""
    from rich.console import Group

    rows = _rows(rows)
    leaders: dict[str, list[dict]] = {}
    for r in rows:
        leaders.setdefault(r.get("leader") or "—", []).append(r)
    parts: list[Any] = []
    for leader, rs in leaders.items():
        t = _table(f"{leader}" if not title else f"{title} · {leader}", len(rs))
        t.add_column("seq", justify="right", style="cyan", no_wrap=True)
        t.add_column("lead unit", max_width=14)
        t.add_column("metric", max_width=18)
        t.add_column("target", no_wrap=True)
        t.add_column("actual", no_wrap=True)
        t.add_column("rate", justify="right", no_wrap=True)
        t.add_column("", no_wrap=True)
        t.add_column("expected", justify="right", no_wrap=True)
        t.add_column("status", no_wrap=True)
        t.add_column("flags")
        for r in rs:
            a = r.get("actual") or {}
            rate = r.get("computed_rate")
            rate = rate if rate is not None else r.get("stated_rate")
            rate_s = "" if rate is None else f"{rate:.1f}%"
            if r.get("computed_rate") is not None and r.get("stated_rate") is not None:
                rate_s += f" (stated {r['stated_rate']:g}%)"
            actual = (a.get("text") or "") + (f" [{a['period']}]" if a.get("period") else "")
            flags = list(r.get("flags") or [])
            if not a and r.get("reason"):
                flags.append(r["reason"])
            st = r.get("status") or "unknown"
            t.add_row(str(r.get("seq") or ""), _text((r.get("lead_units") or [""])[0], 14),
                      _text(r.get("metric"), 18), _target(r.get("target") or {}), actual or "—",
                      rate_s, _bar(rate), "" if r.get("expected_rate") is None else f"{r['expected_rate']:.0f}%",
                      f"[{STATUS_STYLE.get(st, '')}]{st}[/]", _text(flags, 48),
                      style="on grey11" if "stated_rate_disagrees" in flags else None)
        parts.append(t)
    parts.append(summary_table(rows, "leader"))
    parts.append(summary_table(rows, "lead unit"))
    return Group(*parts)


STATUSES = ("achieved", "ahead", "on_track", "behind", "met", "below", "unknown")


def summary_table(rows: list[dict], by: str) -> Table:
    counts: dict[str, dict[str, int]] = {}
    for r in rows:
        key = (r.get("leader") or "—") if by == "leader" else ((r.get("lead_units") or ["—"])[0])
        c = counts.setdefault(key, {s: 0 for s in STATUSES})
        c[r.get("status") or "unknown"] += 1
    t = Table(title=f"targets by status, per {by}", box=box.SIMPLE_HEAD, header_style="bold")
    t.add_column(by)
    for s in STATUSES:
        t.add_column(s, justify="right", style=STATUS_STYLE.get(s))
    t.add_column("total", justify="right")
    for key, c in counts.items():
        t.add_row(key, *(str(c[s]) if c[s] else "" for s in STATUSES), str(sum(c.values())))
    return t


KIND_STYLE = {"amount": "bold yellow", "quantity": "bold cyan", "percent": "magenta",
              "growth": "bold green", "pp_change": "green", "bp_change": "green", "rank": "bold blue",
              "rank_change": "blue", "completion": "bold magenta"}


def highlight(text: str, claims: Iterable[Any], skips: Iterable[Any]) -> Any:
    """The text with every claim styled by kind and every skip dimmed."""
    from rich.text import Text

    out = Text(text)
    for s in skips:
        s = to_dict(s)
        out.stylize("dim strike", s["start"], s["end"])
    for c in claims:
        c = to_dict(c)
        out.stylize(f"{KIND_STYLE.get(c['kind'], 'bold')} underline", c["start"], c["end"])
    return out


def show_task(task: Any, claims: list[Any], skips: list[Any], rows: list[Any]) -> Any:
    """One task: content and lead units, progress with claims highlighted, completion rows."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    t = to_dict(task)
    head = Text(f"{t['id']}  {t.get('leader') or ''} {t.get('leader_title') or ''}  "
                f"{'、'.join(t.get('lead_units') or [])}", style="bold")
    parts: list[Any] = [head]
    for field, label in (("content", "task"), ("target_text", "target"), ("progress_text", "progress")):
        if not t.get(field):
            continue
        fname = {"content": "content", "target_text": "target", "progress_text": "progress"}[field]
        cl = [c for c in claims if to_dict(c)["field"] == fname]
        sk = [s for s in skips if to_dict(s)["field"] == fname]
        parts.append(Panel(highlight(t[field], cl, sk), title=label, title_align="left"))
    legend = Text("  ".join(f"{k}" for k in KIND_STYLE), style="dim")
    for k, st in KIND_STYLE.items():
        i = legend.plain.find(k)
        legend.stylize(st, i, i + len(k))
    parts.append(legend)
    if rows:
        parts.append(completion_tables(rows))
    return Group(*parts)


TREND_STYLE = {"gaining": "green", "stalled": "yellow", "regressed": "bold red"}


def track_tables(rows: Iterable[Any], title: str | None = None) -> Any:
    """``track``: a table per leader, one row per target (a task without target: one row), one
    column per release with rate and status in colour (— where the task is absent), then the
    trend and the flags of every release."""
    from rich.console import Group

    rows = _rows(rows)
    releases = sorted({(r["release"], r["period"]) for r in rows})
    lines: dict[tuple, list[dict]] = {}
    for r in rows:
        lines.setdefault((r.get("series"), r["task_key"], r.get("target_key")), []).append(r)
    leaders: dict[str, list[list[dict]]] = {}
    for rs in lines.values():
        last = [r for r in rs if r.get("present")][-1:] or rs[-1:]
        leaders.setdefault(last[0].get("leader") or "—", []).append(rs)
    parts: list[Any] = []
    for leader, groups in leaders.items():
        t = _table(leader if not title else f"{title} · {leader}", len(groups))
        t.add_column("task", style="cyan", no_wrap=True)
        t.add_column("metric", max_width=16)
        t.add_column("target", no_wrap=True)
        for n, period in releases:
            t.add_column(f"{n}:{period}", justify="right", no_wrap=True)
        t.add_column("trend", no_wrap=True)
        t.add_column("flags")
        for rs in groups:
            by = {r["release"]: r for r in rs}
            cur = [r for r in rs if r.get("present") and r.get("target")][-1:] or [r for r in rs if r.get("present")][-1:]
            cur0 = cur[0] if cur else rs[-1]
            cells = []
            for n, _ in releases:
                x = by.get(n)
                if x is None:
                    cells.append("")
                elif not x.get("present"):
                    cells.append("[dim]—[/]")
                elif not x.get("target"):
                    cells.append("[dim]·[/]")
                else:
                    rate = x.get("computed_rate")
                    rate = rate if rate is not None else x.get("stated_rate")
                    st = x.get("status") or "unknown"
                    shown = f"{rate:.1f}% " if rate is not None else (
                        ((x.get("actual") or {}).get("text") or "") + " ")
                    cells.append(f"{shown}[{STATUS_STYLE.get(st, '')}]{st}[/]")
            flags = sorted({f"{f}@{r['period']}" for r in rs for f in r.get("flags") or []})
            trend = cur0.get("trend") or ""
            t.add_row(f"{cur0.get('task_id') or cur0['task_key']}", _text(cur0.get("metric"), 16),
                      _target(cur0.get("target") or {}), *cells,
                      f"[{TREND_STYLE.get(trend, '')}]{trend}[/]" if trend else "", _text(flags, 60))
        parts.append(t)
    return Group(*parts)
