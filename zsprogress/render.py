"""Rows -> Rich tables, for people at a terminal. No logic: the rows are the ones the JSON
output shows (dicts or models), this module only lays them out.

Only this module imports Rich, so a JSON run never loads it. Rich honours ``NO_COLOR`` and
measures CJK characters as double width, so Chinese columns line up.

Cells are Rich markup: every text that comes from a report or a file name goes through
:func:`_esc`, so ``[bold]`` in a report is printed as written; the consoles that print these
tables are made with ``emoji=False``, so is ``:thumbs_up:``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from .escape import visible, visible_deep
from .export import to_dict
from .vocab import STATUSES

TEXT_PREVIEW = 60  # characters of a long text cell shown in a table; JSON and `show` have it all

# Layout: each table is built wide (a column per field) and measured: when the columns need more
# than the console's width (the widest unbreakable piece of every cell, plus padding), it is built
# narrow (related fields stacked in one cell). Cells break only between units (see ``_UNIT``):
# a number with its sign and unit letters (15,357,000, 6.5%), a flag (stated_rate_disagrees), a
# Chinese character with the figure written right after it (长6.5%) are never cut; the break
# falls at a space or between two Chinese characters, never before closing punctuation.
_CJK = "\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\uff00-\uffef"
_OPEN = "（(「『“‘《〈【\\["
_CLOSE = "、，。；：！？）)」』”’》〉】\\],.;:!?%‰"
_UNIT = re.compile(rf"\s+|[{_OPEN}]*(?:[{_CJK}](?:[^\s{_CJK}]+)?|[^\s{_CJK}]+)[{_CLOSE}]*")


def _units(plain: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, is_space) of the units of one line: the pieces a cell may break between."""
    pos = 0
    for m in _UNIT.finditer(plain):
        if m.start() > pos:  # a character no unit takes (a lone closing mark): a unit of its own
            yield pos, m.start(), False
        yield m.start(), m.end(), m.group().isspace()
        pos = m.end()
    if pos < len(plain):
        yield pos, len(plain), False


def _fill(line: Text, width: int) -> list[Text]:
    """One line of a cell folded to ``width`` cells at unit boundaries (a unit wider than the
    column, which the layout avoids, is folded by character)."""
    plain = line.plain
    spans: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    used = gap = 0
    for a, b, space in _units(plain):
        w = cell_len(plain[a:b])
        if space:
            gap += w if cur is not None else 0
            continue
        if cur is not None and used + gap + w <= width:
            cur, used, gap = (cur[0], b), used + gap + w, 0
            continue
        if cur is not None:
            spans.append(cur)
        gap = 0
        piece = a
        while cell_len(plain[piece:b]) > width:  # wider than the column: folded by character
            k, cw = piece, 0
            while k < b and cw + cell_len(plain[k]) <= width:
                cw += cell_len(plain[k])
                k += 1
            k = max(k, piece + 1)
            spans.append((piece, k))
            piece = k
        cur, used = (piece, b), cell_len(plain[piece:b])
    if cur is not None:
        spans.append(cur)
    return [line[x:y] for x, y in spans] or [Text("")]


class Cell:
    """A table cell (Rich markup) that wraps only between units: Rich measures its narrowest
    width as its widest unit, so a column that fits never cuts a number or a flag."""

    def __init__(self, markup: str | Text):
        self.text = Text.from_markup(markup, emoji=False) if isinstance(markup, str) else markup
        self._size: Measurement | None = None  # the same at any width: measured once

    def __rich_measure__(self, console: Any, options: Any) -> Measurement:
        if self._size is None:
            lines = self.text.plain.split("\n")
            widest = max((cell_len(ln[a:b]) for ln in lines for a, b, sp in _units(ln) if not sp), default=0)
            self._size = Measurement(widest, max(cell_len(ln) for ln in lines))
        return self._size

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Text]:
        width = max(1, options.max_width)
        lines = [piece for ln in self.text.split("\n", allow_blank=True) for piece in _fill(ln, width)]
        out = Text("\n").join(lines)
        out.no_wrap = True
        yield out


def _add(t: Table, cells: Iterable[Any], style: str | None = None) -> None:
    """A row of ``Cell`` s (strings are Rich markup)."""
    t.add_row(*(Cell(c) if isinstance(c, (str, Text)) else c for c in cells), style=style)


class _Table(Table):
    """A Rich table that shrinks its columns only down to the widest unit of their cells (Rich
    narrows the widest columns first, whatever they hold); a column that is ``no_wrap`` keeps its
    whole width."""

    def _ranges(self, console: Any, options: Any) -> list[tuple[int, int]]:
        out = []
        for c in self.columns:
            m = self._measure_column(console, options, c)
            most = m.maximum or 1
            out.append((most if c.no_wrap else min(m.minimum, most), most))
        return out

    def needs(self, console: Any) -> int:
        """The narrowest width the table takes without cutting a unit of any cell."""
        opts = console.options.update_width(10_000)
        return sum(a for a, _ in self._ranges(console, opts)) + self._extra_width

    def _calculate_column_widths(self, console: Any, options: Any) -> list[int]:
        ranges = self._ranges(console, options)
        if sum(a for a, _ in ranges) > options.max_width:  # cannot fit whole: Rich's way
            return super()._calculate_column_widths(console, options)
        widths = [b for _, b in ranges]
        excess = sum(widths) - options.max_width
        while excess > 0:  # narrow the widest column that can still give a cell
            i = max((k for k, (a, _) in enumerate(ranges) if widths[k] > a), key=lambda k: widths[k])
            widths[i] -= 1
            excess -= 1
        return widths


def _needs(table: Any, width: int) -> int:
    """The narrowest width ``table`` (or a Group of tables) can take without cutting a unit."""
    import io

    from rich.console import Console

    console = Console(width=10_000, file=io.StringIO(), emoji=False)
    tables = [table] if isinstance(table, _Table) else [x for x in getattr(table, "renderables", []) if isinstance(x, _Table)]
    return max((t.needs(console) for t in tables), default=0)


def _fits(table: Any, width: int | None) -> bool:
    return width is None or _needs(table, width) <= width


def _choose(build: Any, width: int | None, layouts: int = 2) -> Any:
    """The first of ``build(0)`` (wide), ``build(1)`` (narrow) ... that fits ``width``, else
    the last."""
    for level in range(layouts):
        t = build(level)
        if level == layouts - 1 or _fits(t, width):
            return t
    raise AssertionError("unreachable")


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
    if len(s) <= limit:
        return s
    end = 0  # cut at a unit boundary, never inside a number or a word
    for _a, b, _ in _units(s):
        if b > limit - 1:
            break
        end = b
    return s[: end or limit - 1].rstrip() + "…"


def _table(title: str | None, n: int, caption: str = "") -> Table:
    count = f"{n} rows" if n != 1 else "1 row"
    return _Table(title=_esc(title) if title else None, caption=f"{count}{caption}", box=box.SIMPLE_HEAD,
                  header_style="bold", show_lines=False, expand=False)


def _wrap(t: Table, header: str, **kw: Any) -> None:
    """A column whose text wraps (CJK has no spaces: fold it) instead of being cut."""
    t.add_column(header, overflow="fold", **kw)


def _key(t: Table, header: str, width: int, **kw: Any) -> None:
    """A column that is never cut or wrapped (ids, status words): at least ``width`` cells."""
    t.add_column(header, min_width=width, **kw)


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

    parts = []
    for source, rows in _by_source(_rows(tasks)):
        def build(narrow: bool, source: str | None = source, rows: list[dict] = rows) -> Table:
            limit = 36 if narrow else TEXT_PREVIEW
            t = _table(_title(title, source), len(rows), "; full text: zsprogress show REPORT ID")
            _key(t, "id", _longest(rows, "id", 2), style="cyan")
            _key(t, "leader", 4)
            _wrap(t, "lead units", max_width=12 if narrow else 30)
            _wrap(t, "content", ratio=2)
            _wrap(t, "progress", ratio=3)
            for r in rows:
                _add(t, [r.get("id", ""), *map(_esc, (_text(r.get("leader")), _text(r.get("lead_units"), 30),
                                                      _text(r.get("content"), limit),
                                                      _text(r.get("progress_text"), limit)))])
            return t

        parts.append(_choose(build, width))
    return Group(*parts)


def tallies_table(tallies: Iterable[Any], title: str | None = None, width: int | None = None) -> Any:
    """The counts of tasks each report states about itself (124项达到序时进度要求), one table per
    report: count, of how many, what, the status stated, the share and the words."""
    from rich.console import Group

    parts = []
    for source, rows in _by_source(_rows(tallies)):
        t = _table(_title(title, source), len(rows))
        _key(t, "line", 4, style="cyan")
        t.add_column("count", justify="right")
        t.add_column("of", justify="right")
        _wrap(t, "what", max_width=16)
        _key(t, "status", 8)
        t.add_column("share %", justify="right")
        _wrap(t, "text", ratio=2)
        for r in rows:
            _add(t, [_esc(r.get("task_id") or ""), _num(r.get("count")), _num(r.get("total")), _esc(_text(r.get("of"))),
                     _esc(r.get("status", "")), _num(r.get("share")), _esc(_text(r.get("text")))])
        parts.append(t)
    return Group(*parts)


def claims_table(claims: Iterable[Any], title: str | None = None, width: int | None = None) -> Any:
    """Claims, and skips (``kind == "skip"``, with their reason) when they are in the rows; one
    table per report. Below 120 columns the metric, period, qualifiers and role go under the
    text and the rule under the kind, so nothing is dropped."""
    from rich.console import Group

    parts = []
    for source, rows in _by_source(_rows(claims)):
        parts.append(_choose(lambda narrow, source=source, rows=rows: _claims(rows, _title(title, source), narrow), width))
    return Group(*parts)


def _claims(rows: list[dict], title: str | None, narrow: bool) -> Table:
    has_skips = any(r.get("kind") == "skip" for r in rows)
    t = _table(title, len(rows))
    _key(t, "task", _longest(rows, "task_id", 4), style="cyan")
    _key(t, "kind", max([4] + [len(r.get("kind") or "") for r in rows]))
    t.add_column("value", justify="right", overflow="fold")
    if not narrow:
        t.add_column("unit")
    _wrap(t, "text", min_width=8)
    if not narrow:
        _wrap(t, "metric", min_width=6)
        _wrap(t, "period")
        _wrap(t, "qualifiers")
        t.add_column("role")
        t.add_column("rule", style="dim")
    if has_skips:
        _wrap(t, "reason")
    for r in rows:
        value = _num(r.get("value"))
        if r.get("value_max") is not None:
            value += f"–{_num(r.get('value_max'))}"
        meta = [_text(r.get("metric"), 20), _text(r.get("period"), 12),
                _text(r.get("qualifiers"), 30), r.get("role") or ""]
        if narrow:
            kind = f"{r.get('kind', '')}\n[dim]{r.get('rule_id') or ''}[/]"
            extra = " ".join(x for x in meta if x)
            cells = [_esc(r.get("task_id") or ""), kind, _esc(f"{value} {r.get('unit') or ''}".strip()),
                     _esc(_text(r.get("text"), 40)) + (f"\n[dim]{_esc(extra)}[/]" if extra else "")]
        else:
            cells = [_esc(r.get("task_id") or ""), r.get("kind", ""), value, _esc(r.get("unit") or ""),
                     _esc(_text(r.get("text"), 40)), *map(_esc, meta), r.get("rule_id") or ""]
        if has_skips:
            cells.append(_esc(r.get("reason") or ""))
        _add(t, cells, style="dim" if r.get("kind") == "skip" else None)
    return t


def _esc(s: str) -> str:
    from rich.markup import escape

    return escape(visible(s))


def rules_table(rules: Iterable[Any], title: str | None = None, width: int | None = None) -> Table:
    """The rule catalogue: id, kind, name, summary (narrow: the kind and name under the id)."""
    rows = _rows(rules)

    def build(level: int) -> Table:
        t = _table(title, len(rows))
        if level == 2:  # one column: id, kind and name, the summary under them
            _wrap(t, "rule: id kind name / summary", style="cyan")
        elif level == 1:
            _key(t, "id / kind / name", 8, style="cyan")
        else:
            _key(t, "id", 6, style="cyan")
            _key(t, "kind", 4)
            _wrap(t, "name")
        if level < 2:
            _wrap(t, "summary", ratio=1)
        for r in rows:
            rid, kind, name = (_esc(r.get(k) or "") for k in ("id", "kind", "name"))
            summary = _esc(r.get("summary", ""))
            if level == 2:
                _add(t, [f"{rid} [dim]{kind}[/] {name}\n[default]{summary}[/]"])
            else:
                _add(t, [f"{rid}\n[dim]{kind}[/]\n{name}", summary] if level else [rid, kind, name, summary])
        return t

    return _choose(build, width, 3)


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

    rows = _rows(rows)
    parts: list[Any] = []
    for source, group in _by_source(rows):
        leaders: dict[str, list[dict]] = {}
        for r in group:
            leaders.setdefault(r.get("leader") or "—", []).append(r)
        for leader, rs in leaders.items():
            name = _title(title, source, leader)
            parts.append(_choose(lambda level, rs=rs, name=name: _completion(rs, name, level), width, layouts=3))
    parts.append(summary_table(rows, "leader"))
    parts.append(summary_table(rows, "lead unit"))
    return Group(*parts)


def _completion(rs: list[dict], title: str | None, level: int) -> Table:
    """Level 0: a column per field; 1 (narrow): related fields share a cell; 2 (stacked, for the
    narrowest terminals): the id, rate and status in one column, the rest in the other."""
    narrow = level >= 1
    t = _table(title, len(rs))
    if level == 2:
        _key(t, "id / rate / status", max(_longest(rs, "task_id", 2), 10), style="cyan")
        _wrap(t, "metric / target / actual", ratio=1)
        for r in rs:
            cells = _completion_cells(r, True)
            _add(t, [f"{cells[0]}\n{cells[3]}\n{cells[4]}", f"{cells[1]}\n{cells[2]}"],
                 style="on grey11" if "stated_rate_disagrees" in (r.get("flags") or []) else None)
        return t
    _key(t, "id", _longest(rs, "task_id", 2), style="cyan")
    if narrow:
        _wrap(t, "metric / target", ratio=1)
        _wrap(t, "actual", ratio=1)
        t.add_column("rate", justify="right")
    else:
        _wrap(t, "lead unit", max_width=14)
        _wrap(t, "metric", max_width=18)
        _wrap(t, "target")
        _wrap(t, "actual")
        t.add_column("rate", justify="right")
        t.add_column("")
        t.add_column("expected", justify="right")
    _key(t, "status", max(len(r.get("status") or "unknown") for r in rs))
    if not narrow:
        _wrap(t, "flags", max_width=24)
        _wrap(t, "reason", ratio=1, min_width=16)
    for r in rs:
        _add(t, _completion_cells(r, narrow),
             style="on grey11" if "stated_rate_disagrees" in (r.get("flags") or []) else None)
    return t


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
        return [f"{_esc(r.get('task_id') or '')}\n[dim]{unit}[/]", f"[dim]{metric}[/]\n{target}",
                actual + (f"\n[dim]{under}[/]" if under else ""),
                rate_s + (f"\nexp {expected}" if expected else ""), status]
    return [_esc(r.get("task_id") or ""), unit, metric, target, actual, rate_s, _bar(rate), expected, status,
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
    t = _Table(title=f"targets by status, per {by}", box=box.SIMPLE_HEAD, header_style="bold",
               collapse_padding=True, pad_edge=False)
    _wrap(t, by, min_width=8)
    for s in STATUSES:
        _key(t, s, len(s), justify="right", style=STATUS_STYLE.get(s))
    t.add_column("total", justify="right")
    for key, c in counts.items():
        _add(t, [_esc(key), *(str(c[s]) if c[s] else "" for s in STATUSES), str(sum(c.values()))])
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


def show_task(task: Any, claims: list[Any], skips: list[Any], rows: list[Any], width: int | None = None) -> Any:
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
        parts.append(completion_tables(rows, width=width))
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
        name = leader if not title else f"{title} · {leader}"
        parts.append(_choose(lambda narrow, groups=groups, name=name: _track(groups, releases, name, narrow), width))
    return Group(*parts)


def _track_cell(x: dict | None) -> str:
    if x is None:
        return ""
    if not x.get("present"):
        return "[dim]—[/]"
    if not x.get("target"):
        return "[dim]·[/]"
    rate = x.get("computed_rate")
    rate = rate if rate is not None else x.get("stated_rate")
    st = x.get("status") or "unknown"
    shown = f"{rate:.1f}% " if rate is not None else (((x.get("actual") or {}).get("text") or "") + " ")
    return f"{_esc(shown)}[{STATUS_STYLE.get(st, '')}]{st}[/]"


def _track(groups: list[list[dict]], releases: list[tuple[int, str]], title: str, narrow: bool) -> Table:
    """One leader's targets across the releases: a column per release (wide), or the releases
    stacked in one cell, the metric under the task and the flags under the trend (narrow)."""
    t = _table(title, len(groups))
    if narrow:
        _key(t, "task / metric", 4, style="cyan")
        _wrap(t, "target")
        _wrap(t, "releases")
        _wrap(t, "trend / flags")
    else:
        _key(t, "task", 4, style="cyan")
        _wrap(t, "metric", max_width=16)
        _wrap(t, "target")
        for n, period in releases:
            _wrap(t, _esc(f"{n}:{period}"), justify="right")
        _wrap(t, "trend")
        _wrap(t, "flags")
    for rs in groups:
        by = {r["release"]: r for r in rs}
        cur = [r for r in rs if r.get("present") and r.get("target")][-1:] or [r for r in rs if r.get("present")][-1:]
        cur0 = cur[0] if cur else rs[-1]
        flags = "  ".join(sorted({_esc(f"{f}@{r['period']}") for r in rs for f in r.get("flags") or []}))
        trend = cur0.get("trend") or ""
        trend_s = f"[{TREND_STYLE.get(trend, '')}]{trend}[/]" if trend else ""
        task = _esc(f"{cur0.get('task_id') or cur0['task_key']}")
        metric = _esc(_text(cur0.get("metric"), 16))
        target = _esc(_target(cur0.get("target") or {}))
        if narrow:
            lines = [f"{_esc(f'{n}:{period}')} {_track_cell(by.get(n))}" for n, period in releases if by.get(n)]
            _add(t, [task + (f"\n[dim]{metric}[/]" if metric else ""), target, "\n".join(lines),
                     "\n".join(x for x in (trend_s, flags) if x)])
        else:
            _add(t, [task, metric, target, *(_track_cell(by.get(n)) for n, _ in releases), trend_s, flags])
    return t
