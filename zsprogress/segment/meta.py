"""Metadata of a report: title, publisher, dates, index number, year, period and kind
(``assignment`` when the title says 责任分解/分工). The label words and period words are
``patterns/layout.toml``'s ``[meta]``, ``[period_range]`` and ``[[period]]``.
"""

from __future__ import annotations

import re
from typing import Optional

from ..layout_vocab import V, cached_re
from ..models import Period, ReportMeta
from ..normalize import fold
from .shapes import SEQ_LINE, Line, is_chrome, lines_of

_YEAR_RE = cached_re(r"((?:19|20)\d{2})\s{0,2}年")


def period_of(s: str, year: Optional[int]) -> Optional[Period]:
    """The period a (folded) title names: ``1-5月`` -> m5, ``截至8月底`` -> m8, ``上半年`` -> h1, ..."""
    m = V.PERIOD_RANGE.search(s)
    n = int(next(g for g in m.groups() if g)) if m else 0
    if 1 <= n <= 12:
        return Period(label=f"m{n}", end_month=n, year=year)
    for label, end_month, rx in V.PERIODS:
        if rx.search(s):
            return Period(label=label, end_month=end_month, year=year)
    return None


def period_from_text(body: str, year: Optional[int]) -> Optional[Period]:
    """The first period word of a (folded) body text."""
    m = V.PERIOD_BODY.search(body)
    return period_of(m.group(0), year) if m else None


def _ymd(m: re.Match) -> str:
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"


def parse_meta(text: str) -> ReportMeta:
    """Title, publisher, dates, index number, year, period and kind of a report."""
    return meta_of(text, lines_of(text[:100_000])[:300])


def meta_of(text: str, lines: list[Line]) -> ReportMeta:
    """Metadata from the first 300 lines (and the first 20,000 characters for the period)."""
    meta = ReportMeta()
    head = lines[:300]
    for ln in head:
        f = ln.f
        if meta.title is None and len(f) <= 120 and V.TITLE_KEY.search(f) and _YEAR_RE.search(f) \
                and not is_chrome(f) and "。" not in f and not SEQ_LINE.match(f):
            meta.title = ln.raw
        if meta.published is None and (m := V.PUBLISHED.search(f)):
            meta.published = _ymd(m)
        if meta.generated is None and (m := V.GENERATED.search(f)):
            meta.generated = _ymd(m)
        if meta.index_no is None and (m := V.INDEX.search(f)):
            v = m.group(1)
            if re.search(r"\d", v) and not v.startswith(V.LABEL_WORDS):
                meta.index_no = v
    for rx in V.PUBLISHER:
        for ln in head:
            m = rx.search(ln.f)
            if m and not m.group(1).startswith(V.LABEL_WORDS):
                meta.publisher = m.group(1)
                break
        if meta.publisher:
            break
    title = fold(meta.title) if meta.title else ""
    if title:
        m = _YEAR_RE.search(title)
        meta.year = int(m.group(1)) if m else None
        if V.ASSIGNMENT.search(title):
            meta.kind = "assignment"
    period = period_of(title, meta.year) if title else None
    if period is None and meta.kind == "progress":
        body = fold(text[:20000])
        period = period_from_text(body, meta.year)
    if period is not None:
        meta.period = period
    elif meta.year:
        meta.period = Period(year=meta.year)
    return meta


def settle_kind(meta: ReportMeta, tasks: list, header_cells: list[str]) -> None:
    """The report's kind and period from its table once it is read: a table titled as an
    assignment (任务分解落实情况表) whose rows mostly carry progress reports progress; a report whose
    title names no period takes the latest period its progress column headers name (``1-9月进展
    情况``), the period its figures are measured at, else, published after its year ended, the
    whole year."""
    if meta.kind == "assignment" and tasks and 2 * sum(bool(t.progress_text.strip()) for t in tasks) > len(tasks):
        meta.kind = "progress"
    if meta.kind != "progress" or (meta.period is not None and meta.period.end_month is not None):
        return
    from .shapes import header_kind

    periods = [p for c in header_cells if header_kind(fold(c)) == "progress"
               and (p := period_of(fold(c), meta.year)) is not None and p.end_month]
    if periods:
        meta.period = max(periods, key=lambda p: p.end_month or 0)
    elif _after_its_year(meta):
        meta.period = Period(label="annual", end_month=12, year=meta.year)


def _after_its_year(meta: ReportMeta) -> bool:
    """A progress report on a year that names no period and was published or written after that
    year ended (2023年…完成情况, 发布日期 2024-01-15): it reports the whole year."""
    dates = [d for d in (meta.published, meta.generated) if d]
    return meta.year is not None and bool(dates) and all(int(d[:4]) > meta.year for d in dates)
