"""Family ``list``: numbered lines, one task each, when the report has no table: lists of lagging
items (``1.工业技改投资(第6项):增长…``, the number of the task they refer to kept in the
content) and item lines with an inline lead-unit tag (``1、技能培训提升,牵头单位:市退役军人局。
其中,…``), under ``一、`` headings.

A line's task name ends at the first ``:`` (within 40 characters) or at a lead-unit tag; what
follows is the progress. A line holding several numbered entries (``1、金寨县;2、裕安区;…``, a
ranking) is not a task. The family is tried only when no table family recognized the report.

Unnumbered, a run of at least three paragraphs that each open with a title sentence (at most 40
characters, no comma: ``2606个撤并村通公路(2013—2017年)。``) followed by its progress is a list
too: one task per paragraph (a 民生实事 report), ids ``T0.n1``, ….

Last of all (``read_sections``, when nothing else recognized the report): prose under ``一、``
headings where a paragraph opens with a title sentence, bare (``突出工业主体地位。投资200亿元…``)
or numbered (``(一)省委、省政府重点工程、重点工作指标完成情况。纳入评估的…``, seq 1): one task
per such paragraph, however few (an opening cut after its first task). The other paragraphs (the
preamble, a section's lead sentence) are kept as the report's paragraphs, their figures read.
"""

from __future__ import annotations

import re
from typing import Optional

from ..layout_vocab import CN_NUM, V, cached_re
from ..markers import cn_value
from ..normalize import fold
from .settings import DEFAULT as S
from .shapes import CN_HEADING, Line, is_chrome, label, leader_heading, strip_cn_ordinal
from .table import Row, Table, set_cell
from .units import bracketed_tag

_ITEM = cached_re(r"^(\d{1,3})\s{0,2}[.、](?!\d)\s{0,2}(?=\S)")
_MORE = cached_re(r"[;,]\s{0,2}\d{1,3}\s{0,2}[、.](?!\d)")
_COLS = ["content", "units", "progress"]


def _split(raw: str, f: str, start: int) -> tuple[str, str, str]:
    """(name, units, progress) of an item line after its number."""
    br = bracketed_tag(f, start)
    if br is not None:                 # 1.任务。(牵头单位:市发改委)进展…: the bracket ends the units
        opening, units, close = br
        return raw[start:opening].rstrip(" ,，"), raw[units:close], raw[close + 1:].lstrip("。;,， ")
    tag = V.TAG_BARE.search(f, start)
    if tag and tag.start() - start <= S.tagged_max:
        end = re.search(r"[。;]", f[tag.end():])
        stop = tag.end() + end.start() if end else len(f)
        name = raw[start:tag.start()].rstrip(" ,，")
        return name, raw[tag.end():stop], raw[stop:].lstrip("。; ")
    colon = f.find(":", start)
    if 0 < colon - start <= S.list_name_max and "。" not in f[start:colon]:
        return raw[start:colon], "", raw[colon + 1:].strip()
    return raw[start:].strip(), "", ""


def _is_item(ln: Line) -> bool:
    """A numbered line naming a task: its name ends at a ':' or a lead-unit tag."""
    m = _ITEM.match(ln.f)
    if not m or len(ln.f) <= 8 or label(ln.f):
        return False
    name, units, progress = _split(ln.raw, ln.f, m.end())
    # several entries (a ranking 1、金寨县;2、…): in the name of a tagged line (its progress may
    # number its own points), anywhere in another
    if _MORE.search(fold(name) if units else ln.f):
        return False
    return bool(name) and bool(units or progress)


_CN_ORDINAL = cached_re(rf"^[{CN_NUM}]{{1,3}}\s{{0,2}}、")
_TITLE = cached_re(r"^[^,;:。]{4,40}。(?=\S)")
_RUN = 3


def read_titled(L: list[Line]) -> Optional[Table]:
    """Unnumbered paragraphs, each a title sentence and its progress."""
    hits = [i for i, ln in enumerate(L) if _TITLE.match(ln.f) and not is_chrome(ln.f)
            and not _CN_ORDINAL.match(ln.f)]     # 一、总体情况。…: a section of prose, no task
    runs: list[list[int]] = []
    for i in hits:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    run = max(runs, key=len, default=[])
    if len(run) < _RUN:
        return None
    tbl = Table("list", L[run[0]:])
    tbl.header([V.HEADER_WORD[k] for k in ["seq"] + _COLS], ["seq"] + _COLS, None)
    for i in run:
        ln = L[i]
        m = _TITLE.match(ln.f)
        assert m is not None
        row = Row(None, ln.no)
        set_cell(row, "content", [ln.raw[:m.end()]])
        set_cell(row, "progress", [ln.raw[m.end():].strip()])
        row.last_kind, row.last_text = "progress", ln.f
        tbl.row(row, _COLS)
        tbl.assigned.add(ln.no)
    return tbl


_PAREN_ORD = cached_re(rf"^[(]\s{{0,2}}(?P<n>[{CN_NUM}]{{1,3}})\s{{0,2}}[)]\s{{0,2}}")


def read_sections(L: list[Line]) -> Optional[Table]:
    """Titled paragraphs under ``一、`` headings, one task each (see the module docstring)."""
    heads = {i for i, ln in enumerate(L) if CN_HEADING.match(ln.f) and not ln.f.endswith(":")}
    if not heads:
        return None
    first = min(heads)
    tbl = Table("list", L[first:])
    tbl.header([V.HEADER_WORD[k] for k in ["seq"] + _COLS], ["seq"] + _COLS, None)
    tbl.prose = [ln for ln in L[:first] if not is_chrome(ln.f)]
    for i in range(first, len(L)):
        ln = L[i]
        if i in heads:
            tbl.heading((strip_cn_ordinal(ln.raw), None, None), ln.no)
            tbl.assigned.add(ln.no)
            continue
        if is_chrome(ln.f):
            continue
        o = _PAREN_ORD.match(ln.f)
        start = o.end() if o else 0
        m = _TITLE.match(ln.f[start:])
        tbl.assigned.add(ln.no)
        if not m:
            tbl.prose.append(ln)
            continue
        row = Row(cn_value(o.group("n")) or None if o else None, ln.no)
        set_cell(row, "content", [ln.raw[start:start + m.end()]])
        set_cell(row, "progress", [ln.raw[start + m.end():].strip()])
        row.last_kind, row.last_text = "progress", ln.f
        tbl.row(row, _COLS)
    return tbl if tbl.rows else None


def read_list(L: list[Line]) -> Optional[Table]:
    items = [i for i, ln in enumerate(L) if _is_item(ln)]
    # a list: at least two items numbered in sequence
    if not items or not any(int(_ITEM.match(L[a].f).group(1)) + 1 == int(_ITEM.match(L[b].f).group(1))  # type: ignore[union-attr]
               for a, b in zip(items, items[1:], strict=False)):
        return None
    first = items[0]
    for j in range(first - 1, max(-1, first - 3), -1):
        if CN_HEADING.match(L[j].f):
            first = j
            break
    tbl = Table("list", L[first:])
    tbl.header([V.HEADER_WORD[k] for k in ["seq"] + _COLS], ["seq"] + _COLS, None)
    keep = set(items)
    for i in range(first, len(L)):
        ln = L[i]
        if CN_HEADING.match(ln.f) and len(ln.f) <= S.heading_max:
            h = leader_heading(ln.f)         # 二、毛江平常务副市长牵头重点工作 names the leader
            tbl.heading((strip_cn_ordinal(ln.raw), h[1] if h else None, h[2] if h else None), ln.no)
            tbl.assigned.add(ln.no)
            continue
        if i not in keep or is_chrome(ln.f):
            continue
        m = _ITEM.match(ln.f)
        assert m is not None
        name, units, progress = _split(ln.raw, ln.f, m.end())
        row = Row(int(m.group(1)), ln.no)
        set_cell(row, "content", [name] if name else [])
        set_cell(row, "units", [units] if units else [])
        set_cell(row, "progress", [progress] if progress else [])
        row.last_kind, row.last_text = ("progress" if progress else "content"), ln.f
        tbl.row(row, _COLS)
        tbl.assigned.add(ln.no)
    return tbl
