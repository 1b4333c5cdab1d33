"""Rows -> Rich tables, for people at a terminal. No logic: the rows are the ones the JSON
output shows (dicts or models), this module only lays them out.

Only this module imports Rich, so a JSON run never loads it. Rich honours ``NO_COLOR`` and
measures CJK characters as double width, so Chinese columns line up.

Cells are Rich markup: every text that comes from a report or a file name goes through
:func:`_esc`, so ``[bold]`` in a report is printed as written; the consoles that print these
tables are made with ``emoji=False``, so is ``:thumbs_up:``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich import box
from rich.table import Table

from .escape import visible, visible_deep
from .export import to_dict
from .vocab import STATUSES

TEXT_PREVIEW = 60  # characters of a long text cell shown in a table; JSON and `show` have it all
NARROW = 120  # below this console width tables stack related fields in one cell


def _rows(rows: Iterable[Any]) -> list[dict]:
    return [visible_deep(to_dict(r)) for r in rows]  # no terminal control from a report's text


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


def _table(title: str | None, n: int, caption: str = "") -> Table:
    count = f"{n} rows" if n != 1 else "1 row"
    return Table(title=_esc(title) if title else None, caption=f"{count}{caption}", box=box.SIMPLE_HEAD, header_style="bold",
                 show_lines=False, expand=False)


def _wrap(t: Table, header: str, **kw: Any) -> None:
    """A column whose text wraps (CJK has no spaces: fold it) instead of being cut."""
    t.add_column(header, overflow="fold", **kw)


def _key(t: Table, header: str, width: int, **kw: Any) -> None:
    """A column that is never cut or wrapped (ids, status words): at least ``width`` cells."""
    t.add_column(header, no_wrap=True, min_width=width, **kw)


def _by_source(rows: list[dict]) -> list[tuple[str | None, list[dict]]]:
    """Rows grouped by the report they came from, in order; one group (named None) when they
    all come from one report, so several reports never mix their rows in one table."""
    groups: dict[str | None, list[dict]] = {}
    for r in rows:
        groups.setdefault(r.get("source"), []).append(r)
    return list(groups.items()) if len(groups) > 1 else [(None, rows)]


def _title(*parts: str | None) -> str | None:
    return " · ".join(p for p in parts if p) or None


def _longest(rows: list[dict], key: str, floor: int) -> int:
    return max([floor] + [len(str(r.get(key) or "")) for r in rows])


def tasks_table(tasks: Iterable[Any], title: str | None = None, width: int | None = None) -> Any:
    """The tasks, one table per report: id, leader, lead units and previews of the content and
    progress (`zsprogress show REPORT ID` has the whole text)."""
    from rich.console import Group

    narrow = (width or 200) < NARROW
    limit = 36 if narrow else TEXT_PREVIEW
    parts = []
    for source, rows in _by_source(_rows(tasks)):
        t = _table(_title(title, source), len(rows), "; full text: zsprogress show REPORT ID")
        _key(t, "id", _longest(rows, "id", 2), style="cyan")
        _key(t, "leader", 4)
        _wrap(t, "lead units", max_width=12 if narrow else 30)
        _wrap(t, "content", ratio=2)
        _wrap(t, "progress", ratio=3)
        for r in rows:
            t.add_row(r.get("id", ""), *map(_esc, (_text(r.get("leader")), _text(r.get("lead_units"), 30),
                                                   _text(r.get("content"), limit),
                                                   _text(r.get("progress_text"), limit))))
        parts.append(t)
    return Group(*parts)


def tallies_table(tallies: Iterable[Any], title: str | None = None, width: int | None = None) -> Any:
    """The counts of tasks each report states about itself (124项达到序时进度要求), one table per
    report: count, of how many, what, the status stated, the share and the words."""
    from rich.console import Group

    parts = []
    for source, rows in _by_source(_rows(tallies)):
        t = _table(_title(title, source), len(rows))
        _key(t, "line", 4, style="cyan")
        t.add_column("count", justify="right", no_wrap=True)
        t.add_column("of", justify="right", no_wrap=True)
        _wrap(t, "what", max_width=16)
        _key(t, "status", 8)
        t.add_column("share %", justify="right", no_wrap=True)
        _wrap(t, "text", ratio=2)
        for r in rows:
            t.add_row(r.get("task_id") or "", _num(r.get("count")), _num(r.get("total")), _esc(_text(r.get("of"))),
                      r.get("status", ""), _num(r.get("share")), _esc(_text(r.get("text"))))
        parts.append(t)
    return Group(*parts)


def claims_table(claims: Iterable[Any], title: str | None = None, width: int | None = None) -> Any:
    """Claims, and skips (``kind == "skip"``, with their reason) when they are in the rows; one
    table per report. Below 120 columns the metric, period, qualifiers and role go under the
    text and the rule under the kind, so nothing is dropped."""
    from rich.console import Group

    narrow = (width or 200) < NARROW
    parts = []
    for source, rows in _by_source(_rows(claims)):
        has_skips = any(r.get("kind") == "skip" for r in rows)
        t = _table(_title(title, source), len(rows))
        _key(t, "task", _longest(rows, "task_id", 4), style="cyan")
        _key(t, "kind", max([4] + [len(r.get("kind") or "") for r in rows]))
        t.add_column("value", justify="right", overflow="fold")
        if not narrow:
            t.add_column("unit", no_wrap=True)
        _wrap(t, "text", min_width=8)
        if not narrow:
            _wrap(t, "metric", min_width=6)
            _wrap(t, "period")
            _wrap(t, "qualifiers")
            t.add_column("role", no_wrap=True)
            t.add_column("rule", style="dim", no_wrap=True)
        if has_skips:
            _wrap(t, "reason", min_width=8)
        for r in rows:
            value = _num(r.get("value"))
            if r.get("value_max") is not None:
                value += f"–{_num(r.get('value_max'))}"
            meta = [_text(r.get("metric"), 20), _text(r.get("period"), 12),
                    _text(r.get("qualifiers"), 30), r.get("role") or ""]
            if narrow:
                kind = f"{r.get('kind', '')}\n[dim]{r.get('rule_id') or ''}[/]"
                extra = " ".join(x for x in meta if x)
                cells = [r.get("task_id") or "", kind, _esc(f"{value} {r.get('unit') or ''}".strip()),
                         _esc(_text(r.get("text"), 40)) + (f"\n[dim]{_esc(extra)}[/]" if extra else "")]
            else:
                cells = [r.get("task_id") or "", r.get("kind", ""), value, _esc(r.get("unit") or ""),
                         _esc(_text(r.get("text"), 40)), *map(_esc, meta), r.get("rule_id") or ""]
            if has_skips:
                cells.append(_esc(r.get("reason") or ""))
            t.add_row(*cells, style="dim" if r.get("kind") == "skip" else None)
        parts.append(t)
    return Group(*parts)


def _esc(s: str) -> str:
    from rich.markup import escape

    return escape(visible(s))


def rules_table(rules: Iterable[Any], title: str | None = None, width: int | None = None) -> Table:
    rows = _rows(rules)
    t = _table(title, len(rows))
    t.add_column("id", style="cyan", no_wrap=True)
    t.add_column("kind", no_wrap=True)
    t.add_column("name", no_wrap=True)
    t.add_column("summary")
    for r in rows:
        t.add_row(*map(_esc, (r.get("id", ""), r.get("kind") or "", r.get("name", ""), r.get("summary", ""))))
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


def completion_tables(rows: Iterable[Any], title: str | None = None, width: int | None = None) -> Any:
    """One table per report and leader (task id, lead unit, metric, target, actual, rate + bar,
    expected, status, flags, reason), then the counts by status per leader and per lead unit.
    Below 120 columns related fields share a cell (metric over target, period and flags under
    the actual, expected under the rate), so the id and status word are never cut and nothing
    is dropped."""
    from rich.console import Group

    narrow = (width or 200) < NARROW
    rows = _rows(rows)
    parts: list[Any] = []
    for source, group in _by_source(rows):
        leaders: dict[str, list[dict]] = {}
        for r in group:
            leaders.setdefault(r.get("leader") or "—", []).append(r)
        for leader, rs in leaders.items():
            t = _table(_title(title, source, leader), len(rs))
            _key(t, "id", _longest(rs, "task_id", 2), style="cyan")
            if narrow:
                _wrap(t, "metric / target", ratio=1)
                _wrap(t, "actual", ratio=1)
                t.add_column("rate", justify="right", no_wrap=True)
            else:
                _wrap(t, "lead unit", max_width=14)
                _wrap(t, "metric", max_width=18)
                _wrap(t, "target")
                _wrap(t, "actual")
                t.add_column("rate", justify="right", no_wrap=True)
                t.add_column("", no_wrap=True)
                t.add_column("expected", justify="right", no_wrap=True)
            _key(t, "status", max(len(r.get("status") or "unknown") for r in rs))
            if not narrow:
                _wrap(t, "flags", max_width=24)
                _wrap(t, "reason", ratio=1, min_width=16)
            for r in rs:
                t.add_row(*_completion_cells(r, narrow),
                          style="on grey11" if "stated_rate_disagrees" in (r.get("flags") or []) else None)
            parts.append(t)
    parts.append(summary_table(rows, "leader"))
    parts.append(summary_table(rows, "lead unit"))
    return Group(*parts)


def _completion_cells(r: dict, narrow: bool) -> list[str]:
    a = r.get("actual") or {}
    rate = r.get("computed_rate")
    rate = rate if rate is not None else r.get("stated_rate")
    rate_s = "" if rate is None else f"{rate:.1f}%"
    if r.get("computed_rate") is not None and r.get("stated_rate") is not None:
        rate_s += f"\n(stated {r['stated_rate']:g}%)"
    expected = "" if r.get("expected_rate") is None else f"{r['expected_rate']:.0f}%"
    actual = _esc(a.get("text") or "—") + (f" [{_esc(a['period'])}]" if a.get("period") else "")
    flags = _esc("、".join(r.get("flags") or []))
    reason = _esc(r.get("reason") or "")
    st = r.get("status") or "unknown"
    status = f"[{STATUS_STYLE.get(st, '')}]{st}[/]"
    unit = _esc(_text((r.get("lead_units") or [""])[0], 14))
    metric, target = _esc(_text(r.get("metric"), 40)), _esc(_target(r.get("target") or {}))
    if narrow:
        under = " ".join(x for x in (flags, reason) if x)
        return [f"{r.get('task_id') or ''}\n[dim]{unit}[/]", f"[dim]{metric}[/]\n{target}",
                actual + (f"\n[dim]{under}[/]" if under else ""),
                rate_s + (f"\nexp {expected}" if expected else ""), status]
    return [r.get("task_id") or "", unit, metric, target, actual, rate_s, _bar(rate), expected, status,
            flags, reason]


def summary_table(rows: list[dict], by: str) -> Table:
    """Counts of targets by status per leader or per lead unit (the report's name in front
    when the rows come from several reports)."""
    multi = len({r.get("source") for r in rows}) > 1
    counts: dict[str, dict[str, int]] = {}
    for r in rows:
        key = (r.get("leader") or "—") if by == "leader" else ((r.get("lead_units") or ["—"])[0])
        if multi:
            key = f"{r.get('source')} · {key}"
        c = counts.setdefault(key, {s: 0 for s in STATUSES})
        c[r.get("status") or "unknown"] += 1
    t = Table(title=f"targets by status, per {by}", box=box.SIMPLE_HEAD, header_style="bold",
              collapse_padding=True, pad_edge=False)
    _wrap(t, by, min_width=8)
    for s in STATUSES:
        _key(t, s, len(s), justify="right", style=STATUS_STYLE.get(s))
    t.add_column("total", justify="right")
    for key, c in counts.items():
        t.add_row(_esc(key), *(str(c[s]) if c[s] else "" for s in STATUSES), str(sum(c.values())))
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

    t = visible_deep(to_dict(task))  # same length: the claims' offsets still fit
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


def track_tables(rows: Iterable[Any], title: str | None = None, width: int | None = None) -> Any:
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
            t.add_column(_esc(f"{n}:{period}"), justify="right", no_wrap=True)
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
                    cells.append(f"{_esc(shown)}[{STATUS_STYLE.get(st, '')}]{st}[/]")
            flags = sorted({f"{f}@{r['period']}" for r in rs for f in r.get("flags") or []})
            trend = cur0.get("trend") or ""
            t.add_row(_esc(f"{cur0.get('task_id') or cur0['task_key']}"), _esc(_text(cur0.get("metric"), 16)),
                      _esc(_target(cur0.get("target") or {})), *cells,
                      f"[{TREND_STYLE.get(trend, '')}]{trend}[/]" if trend else "", _esc(_text(flags, 60)))
        parts.append(t)
    return Group(*parts)
