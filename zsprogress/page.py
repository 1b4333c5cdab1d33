"""The report page: completion rows of one or more reports as one self-contained HTML file.

``page(parts)`` takes, for each report, the report, its claims and its completion rows, and
returns one HTML document with no external resource (no network, no CDN, no font): per leader
a bar of the tasks by status, then a table of the leader's targets (id, lead unit, metric,
target, actual and its period, the rate drawn against the expected rate, the status in colour
and in words) and, per task, its content and progress text with every figure highlighted (the
claims, the figure that reports on a target marked apart: the evidence). Tasks without a numeric
target are listed after the table with the same evidence. CSS makes it a list of cards on a
phone and keeps colours and opens the evidence when printed.

Every text of a report goes through :func:`html.escape`; numbers written into ``style`` are
formatted floats. No logic about the data here: the rows are those of ``zsprogress completion``.
"""

from __future__ import annotations

import dataclasses
import html
from collections import Counter
from collections.abc import Iterable
from contextvars import ContextVar
from typing import Any, Optional

from .vocab import STATUS_COLOURS, STATUSES

# a task's status on the bar: the one of its targets that most needs attention
_SEVERITY = ("behind", "below", "on_track", "ahead", "met", "achieved")
NO_TARGET = "no_target"

# The page's own words (not the report's), in English and in Chinese: ``page(lang=...)``.
LANGS = ("en", "zh")
LABELS: dict[str, dict[str, str]] = {
    "en": {"id": "id", "lead unit": "lead unit", "metric": "metric", "target": "target", "actual": "actual",
           "rate": "rate", "rate / expected": "rate / expected", "status": "status",
           "counts": "{tasks} tasks, {targets} targets", "meta": "{tasks} tasks · {targets} targets",
           "evidence": "evidence: {id}", "no target": "Tasks without a numeric target ({n})",
           "stated": " (stated {rate}%)", "leaders": "leaders", "title": "zsprogress report",
           "footer": "rate = actual / target; the black tick is the share of the year elapsed at the "
                     "actual's period (expected rate); marked figures are the claims read from the text, "
                     "outlined ones those the targets are linked to.",
           "achieved": "achieved", "ahead": "ahead", "on_track": "on track", "behind": "behind",
           "met": "met", "below": "below", "unknown": "unknown", "no_target": "no target"},
    "zh": {"id": "编号", "lead unit": "牵头单位", "metric": "指标", "target": "目标", "actual": "实际完成",
           "rate": "完成率", "rate / expected": "完成率 / 序时进度", "status": "状态",
           "counts": "{tasks}项任务，{targets}个目标", "meta": "{tasks}项任务 · {targets}个目标",
           "evidence": "依据：{id}", "no target": "无量化目标的任务（{n}项）",
           "stated": "（报告称{rate}%）", "leaders": "牵头领导", "title": "zsprogress 报告",
           "footer": "完成率 = 实际完成 / 目标；黑色刻度为实际完成所属期间已过去的全年比例（序时进度）；"
                     "标出的数字是从文中读出的数据，加框的是与目标对应的数据。",
           "achieved": "已完成", "ahead": "快于序时", "on_track": "序时推进", "behind": "滞后",
           "met": "已达标", "below": "未达标", "unknown": "未知", "no_target": "无量化目标"},
}
# the language of the page being written: set by page() for its own call (a context variable,
# never a module name rebound), read by _t()
_WORDS: ContextVar[dict[str, str]] = ContextVar("zsprogress_page_words", default=LABELS["en"])


def _t(key: str, **kw: Any) -> str:
    words = _WORDS.get()
    return words[key].format(**kw) if kw else words[key]
_KIND_CLASS = {"amount": "k-amt", "quantity": "k-qty", "percent": "k-pct", "growth": "k-grw",
               "pp_change": "k-grw", "bp_change": "k-grw", "rank": "k-rnk", "rank_change": "k-rnk",
               "completion": "k-cmp"}


@dataclasses.dataclass
class Part:
    """One report on the page: the report, its claims (a ClaimSet) and its completion rows."""

    report: Any
    claims: Any
    rows: list


def e(v: Any) -> str:
    """Text for HTML: escaped, quotes too (it may end in an attribute)."""
    return html.escape("" if v is None else str(v), quote=True)


def task_status(rows: list) -> str:
    """The status of a task on the bar: ``no_target`` without rows, ``unknown`` when no row has
    a status, else the status of its target that most needs attention (behind before below ...)."""
    if not rows:
        return NO_TARGET
    known = {r.status for r in rows} - {"unknown"}
    return next((s for s in _SEVERITY if s in known), "unknown")


def _pct(v: Optional[float]) -> str:
    return "" if v is None else f"{v:.1f}%"


def highlight(text: str, spans: Iterable[tuple[int, int, str, str]]) -> str:
    """``text`` escaped, with each ``(start, end, css class, title)`` span in a ``<mark>``;
    spans that overlap an earlier one are left out."""
    out, pos = [], 0
    for start, end, cls, title in sorted(spans):
        if start < pos or end > len(text) or start >= end:
            continue
        out.append(e(text[pos:start]))
        out.append(f'<mark class="{cls}" title="{e(title)}">{e(text[start:end])}</mark>')
        pos = end
    out.append(e(text[pos:]))
    return "".join(out)


def _evidence(task: Any, claims: list, rows: list) -> str:
    """The task's content and progress text with its figures (``claims``: the task's claims)
    marked; the actuals and targets of its completion rows are marked apart (``used``)."""
    used = {(r.actual.text, "progress") for r in rows if r.actual is not None}
    used |= {(r.target.text, f) for r in rows for f in ("content", "target")}
    parts = []
    for field, label, text in (("content", "任务", task.content), ("target", "目标", task.target_text),
                               ("progress", "进展", task.progress_text)):
        if not text:
            continue
        spans = [(c.start, c.end, f"{_KIND_CLASS.get(c.kind, 'k-amt')}"
                  f"{' used' if (c.text, field) in used else ''}",
                  f"{c.kind} {c.rule_id}" + (f" · {c.metric}" if c.metric else "")
                  + (f" · {c.period}" if c.period else ""))
                 for c in claims if c.field == field]
        parts.append(f'<p><b>{label}</b> {highlight(text, spans)}</p>')
    return "".join(parts)


def _rate(r: Any) -> str:
    """The rate as a bar (0-100%, longer rates clipped with a mark) against the expected rate."""
    rate = r.computed_rate if r.computed_rate is not None else r.stated_rate
    if rate is None:
        return '<span class="na">—</span>'
    fill = max(0.0, min(float(rate), 100.0))
    exp = "" if r.expected_rate is None else (
        f'<i class="exp" style="left:{max(0.0, min(float(r.expected_rate), 100.0)):.1f}%"></i>')
    label = _pct(rate) + ("" if r.expected_rate is None else f" / {r.expected_rate:.0f}%")
    if r.computed_rate is not None and r.stated_rate is not None:
        label += _t("stated", rate=f"{r.stated_rate:g}")
    over = " over" if rate > 100 else ""
    return (f'<div class="rate{over}" role="img" aria-label="{e(label)}">'
            f'<span class="fill st-{e(r.status)}" style="width:{fill:.1f}%"></span>{exp}</div>'
            f'<small>{e(label)}</small>')


def _badge(status: str) -> str:
    return f'<span class="badge st-{e(status)}">{e(_t(status) if status in _WORDS.get() else status)}</span>'


def _bar(counts: Counter) -> str:
    total = sum(counts.values()) or 1
    order = [*_SEVERITY, "unknown", NO_TARGET]
    segs = "".join(f'<span class="seg st-{s}" style="width:{100 * counts[s] / total:.2f}%" '
                   f'title="{_t(s)}: {counts[s]}"></span>' for s in order if counts[s])
    legend = " · ".join(f'<span class="key st-{s}"></span>{_t(s)} {counts[s]}'
                        for s in order if counts[s])
    return f'<div class="bar">{segs}</div><p class="legend">{legend}</p>'


def _target(t: Any) -> str:
    s = e(t.text)
    if t.bound == "floor":
        s += " ≥"
    elif t.bound == "ceiling":
        s += " ≤"
    if t.stretch is not None:
        s += f" <small>(力争 {t.stretch:g})</small>"
    return s


def _leader_section(anchor: str, leader: str, tasks: list, claims: dict, by_task: dict) -> str:
    """One leader: the bar and the table (``claims``, ``by_task``: claims and rows by task id)."""
    counts = Counter(task_status(by_task.get(t.id, [])) for t in tasks)
    n_targets = sum(len(by_task.get(t.id, [])) for t in tasks)
    out = [f'<section class="leader" id="{anchor}"><h2>{e(leader)} '
           f'<small>{_t("counts", tasks=len(tasks), targets=n_targets)}</small></h2>', _bar(counts)]
    with_rows = [t for t in tasks if by_task.get(t.id)]
    if with_rows:
        out.append("<table><thead><tr>" + "".join(f"<th>{_t(h)}</th>" for h in (
            "id", "lead unit", "metric", "target", "actual", "rate / expected", "status")) + "</tr></thead>")
        for t in with_rows:
            rows = by_task[t.id]
            out.append(f'<tbody class="task" id="{anchor}-{e(t.id)}">')
            for i, r in enumerate(rows):
                a = r.actual
                actual = ('<span class="na">—</span>' if a is None else
                          e(a.text) + (f' <small class="period">{e(a.period)}</small>' if a.period else ""))
                why = f'<div class="why">{e(r.reason)}</div>' if r.reason else ""
                flags = f'<div class="flags">{e(", ".join(r.flags))}</div>' if r.flags else ""
                out.append(
                    f'<tr class="st-row-{e(r.status)}"><td data-label="{_t("id")}" class="id">'
                    f'{e(t.id) if i == 0 else ""}</td>'
                    f'<td data-label="{_t("lead unit")}">{e("、".join(t.lead_units)) if i == 0 else ""}</td>'
                    f'<td data-label="{_t("metric")}">{e(r.metric or "")}</td>'
                    f'<td data-label="{_t("target")}">{_target(r.target)}</td>'
                    f'<td data-label="{_t("actual")}">{actual}{why}</td>'
                    f'<td data-label="{_t("rate")}">{_rate(r)}{flags}</td>'
                    f'<td data-label="{_t("status")}">{_badge(r.status)}</td></tr>')
            out.append(f'<tr class="evidence"><td colspan="7"><details><summary>{e(_t("evidence", id=t.id))}</summary>'
                       f'{_evidence(t, claims.get(t.id, []), rows)}</details></td></tr></tbody>')
        out.append('</table>')
    rest = [t for t in tasks if not by_task.get(t.id)]
    if rest:
        out.append(f'<h3>{_t("no target", n=len(rest))}</h3><ul class="plain">')
        for t in rest:
            out.append(f'<li id="{anchor}-{e(t.id)}"><details><summary><b>{e(t.id)}</b> '
                       f'{e("、".join(t.lead_units))} · {e(_short(t.content))}</summary>'
                       f'{_evidence(t, claims.get(t.id, []), [])}</details></li>')
        out.append('</ul>')
    out.append('</section>')
    return "".join(out)


def _short(text: str, n: int = 48) -> str:
    s = " ".join(text.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _report_section(k: int, part: Part) -> tuple[str, list[tuple[str, str]]]:
    r = part.report
    claims: dict[str, list] = {}
    for c in part.claims.claims:
        claims.setdefault(c.task_id, []).append(c)
    by_task: dict[str, list] = {}
    for row in part.rows:
        by_task.setdefault(row.task_id, []).append(row)
    leaders: dict[str, list] = {}
    for t in r.tasks:
        leaders.setdefault(t.leader or t.section or "—", []).append(t)
    status = Counter(row.status for row in part.rows)
    summary = " · ".join(f"{_badge(s)} {status[s]}" for s in STATUSES if status[s])
    head = (f'<section class="report" id="r{k}"><h1>{e(r.meta.title or r.source)}</h1>'
            f'<p class="meta">{e(r.source)} · {_t("meta", tasks=len(r.tasks), targets=len(part.rows))}'
            f'{" · " + e(r.meta.published) if r.meta.published else ""}</p><p>{summary}</p>')
    toc, body = [], []
    for j, (leader, tasks) in enumerate(leaders.items(), 1):
        anchor = f"r{k}-l{j}"
        toc.append((anchor, leader))
        body.append(_leader_section(anchor, leader, tasks, claims, by_task))
    return head + "".join(body) + "</section>", toc


CSS = """
:root{--fg:#1b1b1b;--muted:#5f6368;--line:#d9d9d9;--bg:#fff}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;
color:var(--fg);background:var(--bg);margin:0 auto;max-width:1200px;padding:0 16px 40px}
h1{font-size:1.5em;margin:24px 0 4px}h2{font-size:1.2em;margin:28px 0 6px;border-bottom:2px solid var(--fg)}
h2 small,.meta,small{color:var(--muted);font-weight:normal}
nav ul{display:flex;flex-wrap:wrap;gap:4px 14px;padding:0;list-style:none}
.bar{display:flex;height:18px;border:1px solid var(--line);border-radius:3px;overflow:hidden}
.seg{display:block;height:100%}
.legend{margin:4px 0 10px;font-size:.9em}
.key{display:inline-block;width:.8em;height:.8em;margin:0 4px 0 0;border:1px solid #888;vertical-align:-1px}
table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{text-align:left;vertical-align:top;padding:5px 8px;border-bottom:1px solid var(--line)}
th{background:#f2f2f2;font-weight:600}
tbody.task{border-top:2px solid var(--line)}
td.id{font-family:ui-monospace,Menlo,Consolas,monospace;white-space:nowrap}
.rate{position:relative;height:10px;min-width:90px;background:#eee;border-radius:2px}
.rate .fill{position:absolute;left:0;top:0;bottom:0;border-right:1px solid #555}
.rate .exp{position:absolute;top:-3px;bottom:-3px;width:2px;background:#000}
.rate.over{outline:2px solid #2e7d32}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;border:1px solid #999;white-space:nowrap;font-weight:600}
.why,.flags{color:var(--muted);font-size:.85em}
.na{color:var(--muted)}
tr.evidence td{border-bottom:1px solid var(--line);padding-top:0}
details summary{cursor:pointer;color:var(--muted);font-size:.9em}
details p{margin:4px 0}
mark{background:#fff3b0;border-bottom:2px solid #c9a400;padding:0 1px}
mark.k-pct,mark.k-grw,mark.k-cmp{background:#e0f0ff;border-color:#2a6fbd}
mark.k-rnk{background:#efe3ff;border-color:#7a4cc2}
mark.used{outline:2px solid #000;font-weight:700}
ul.plain{list-style:none;padding:0}
ul.plain li{border-bottom:1px solid var(--line);padding:3px 0}
footer{margin-top:40px;color:var(--muted);font-size:.85em}
""" + "".join(f".st-{s}{{background:{c}}}\n" for s, c in {**STATUS_COLOURS, NO_TARGET: "#ffffff"}.items()) + """
@media (max-width:700px){
 body{padding:0 10px 30px;font-size:14px}
 table,thead,tbody,tr,td{display:block;width:100%}
 thead{display:none}
 tbody.task{border:1px solid var(--line);border-radius:6px;margin:10px 0;padding:4px 0}
 td{border:0;padding:2px 10px}
 td::before{content:attr(data-label);display:inline-block;min-width:6.5em;color:var(--muted);font-size:.85em}
 td:empty{display:none}
 tr.evidence td::before{content:none}
 tbody.task tr+tr:not(.evidence){border-top:1px dashed var(--line);margin-top:4px;padding-top:4px}
}
@media print{
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 body{max-width:none;font-size:10pt;padding:0}
 nav,details summary{display:none}
 section.leader{break-before:auto}
 tbody.task,tr{break-inside:avoid}
 a{color:inherit;text-decoration:none}
}
"""

# opens every evidence block before printing (a closed <details> prints closed)
SCRIPT = ("window.addEventListener('beforeprint',function(){"
          "document.querySelectorAll('details').forEach(function(d){d.open=true;});});")


def page(parts: list[Part], title: Optional[str] = None, version: str = "", lang: str = "en") -> str:
    """The whole HTML document for the reports in ``parts``; its own words in ``lang`` (en, zh)."""
    if lang not in LABELS:
        raise ValueError(f"unknown page language {lang!r} (expected one of {', '.join(LANGS)})")
    token = _WORDS.set(LABELS[lang])
    try:
        return _page(parts, title, version)
    finally:
        _WORDS.reset(token)


def _page(parts: list[Part], title: Optional[str], version: str) -> str:
    sections, toc = [], []
    for k, part in enumerate(parts, 1):
        body, entries = _report_section(k, part)
        sections.append(body)
        toc += [(a, (f"{part.report.source} · " if len(parts) > 1 else "") + name) for a, name in entries]
    title = title or (parts[0].report.meta.title if len(parts) == 1 and parts[0].report.meta.title
                      else _t("title"))
    nav = "".join(f'<li><a href="#{a}">{e(name)}</a></li>' for a, name in toc)
    return ("<!doctype html>\n"
            f'<html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f'<meta name="generator" content="zsprogress {e(version)}">'
            f"<title>{e(title)}</title><style>{CSS}</style></head><body>"
            f'<nav aria-label="{_t("leaders")}"><ul>{nav}</ul></nav>'
            + "".join(sections)
            + f"<footer>zsprogress {e(version)}: {_t('footer')}</footer>"
            + f"<script>{SCRIPT}</script></body></html>\n")
