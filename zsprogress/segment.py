"""Segment a progress report (政府工作报告重点工作完成情况) into tasks.

``segment(doc) -> Report`` tries every layout family on the document and keeps the one that
recognizes it (the one that yields the most tasks; ties go to the first family listed):

``pipe``
    Markdown-like tables: a header row ``序号 | 内容与要求 | 进展情况 | 责任单位 |`` and rows
    starting ``1 | ...``; a row may span one very long line or several lines.
``cells``
    One table cell per line (blank lines between), under a header row of known header cells
    (``序号 / 任务内容 / 牵头单位 / 半年度完成情况``, in any order and count); the header row
    gives the column order. Rows start at a line holding only the number (``1``); when the
    table has no numbers, a row starts at a task cell that names its lead unit inline
    (``…。(牵头单位:市财政局)``). Lead units come from the unit column, or from the task cell
    (``(牵头单位:…)``, ``[牵头单位:…]``, ``责任单位:…`` at its end; that part is cut from
    ``content``).
``labels`` / ``assignment``
    Numbered task lines (``1. …``) followed by label lines ``责任单位:…`` / ``完成情况:…``
    (``目标任务:``, ``存在问题:``, ``下一步:`` also known), under headings ``一、…``. A list
    without progress labels, or a report whose title says 责任分解/分工, is ``assignment``.

    Task lines may carry their labels inline (``1. 任务。责任单位:市财政局。完成情况:上半年…``);
    ``(一)…`` lines right before a task line are headings too. 配合单位/协办单位 are never lead units.
``tabs``
    Tab-separated rows (a web table or an Excel export) under a header row of known cells;
    rows start ``1\t``; a cell may go on over lines without a tab; Excel's ``"…"`` quoting of
    a cell holding newlines is undone. ``pipe`` shares this code: Markdown rule rows
    (``| --- |``) are table chrome, ``<br>`` breaks a cell, ``#``/``**`` decorate headings.
``columns``
    Cells set apart by 2+ spaces or an ideographic space (``pdftotext -layout``), under a header
    line starting ``序号``. A row starts at a number in the seq column; the following lines are
    split by column position: character offset or display width (CJK = 2), whichever lines the
    cells up better with the header (or, for centred headers, with the rows' first lines). A
    line that does not fit the columns goes whole into the progress cell; wrapped fragments of
    a cell are joined without a break unless the previous fragment ends a sentence.
    Page numbers (``- 3 -``, ``第3页``) are chrome.

Leader headings (``徐仁标市长牵头重点工作``, ``一、毛江平常务副市长牵头重点工作``,
``洪湖鹏市长主抓重点工作``) open sections in every family. Page chrome (``当前位置:``,
``索引号``, ``发布日期``, ``•`` metadata bullets, ``(本文有删减)``, web-list junk ``x · y · 5 天前 · |``)
never becomes a task. What no family recognizes is returned as ``report.paragraphs`` with
layout ``unknown`` and an ``unknown-layout`` diagnostic.

Task ids
--------
``id = f"T{section_ordinal}.{seq}"`` (the letter keeps the id text in pandas, DuckDB and Excel,
which read ``2.1`` and ``2.10`` as the same float): ``section_ordinal`` is the 1-based index of the section
(leader heading or ``一、`` heading) in the report, 0 when the report has no sections; ``seq`` is
the number printed on the row. Unnumbered rows get ``f"T{section_ordinal}.n{k}"`` with ``k`` the
1-based position of the row in its section. A number printed twice in one section gets a
suffix on its later occurrences: ``T3.5``, ``T3.5b``, ``T3.5c``. Ids therefore depend only on the
printed structure of the report, so they are stable across runs and across releases.

Text is kept as in the source (no width folding): each cell line is stripped of surrounding
whitespace only, and the lines of a multi-line cell are joined with ``"\\n"``. Matching is done on
a width-folded copy of each line (full-width ASCII -> half-width, NBSP/ideographic space -> space,
【】 -> []) whose characters correspond one to one with the source, so spans carry over.

``items`` splits the progress text at sub-item markers (``1.``/``1、``/``(1)``/``①``/``一是``) of
the first marker kind found, numbered in sequence; the marker is kept, and text before the first
marker is an item of its own. ``items`` is ``[]`` when the progress has no markers.

The ``unassigned-lines`` diagnostic counts non-chrome lines inside the table region (from the
first header row, heading or task) that belong to no task, heading or header row; the preamble
before the table (title, notice text, page chrome) is not counted.

Vocabulary
----------
The language this module recognizes is data, not code: header-cell words per column kind, the
seq header, leader titles and heading verbs, unit-name suffixes and note words, lead-unit tags,
label words, sub-item markers (①, 一是), page-chrome labels and page numbers, metadata labels
(发布日期, 索引号, 发布机构, ...), title and assignment words (责任分解) and the report-period words
live in ``patterns/layout.toml``, with examples that must and must not match
(``tests/test_layout_vocab.py`` runs them; ``rules.load_rules()`` validates the file). Only the
structural shapes stay here: row numbers, pipes, tabs, column separators and offsets, Chinese
ordinals (一、, (一)), dates and years, punctuation.

layout.toml is found like the claim rules (``rules.patterns_dir()``: ``use_patterns(DIR)`` for
``--patterns``, ``$ZSPROGRESS_PATTERNS``, the wheel's ``_data/patterns``, the repository's
``patterns/``); a patterns directory without a layout.toml uses the bundled one. It is read once
per process and its compiled regexes kept at module level (see the end of this module).
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

from .errors import PatternError
from .normalize import fold
from .models import Diagnostic, Paragraph, Period, Report, ReportMeta, Task
from .read import Document

__all__ = ["segment", "parse_meta", "fold", "use_patterns"]

@dataclass
class Line:
    no: int      # 1-based line number in the source
    raw: str     # source text, surrounding whitespace stripped
    f: str       # folded raw
    lead: str = ""  # the whitespace stripped from the start (column offsets of aligned text)


def _lines(text: str) -> list[Line]:
    out = []
    folded = fold(text).split("\n")
    for i, raw in enumerate(text.split("\n"), 1):
        s = raw.strip()
        if s:
            a = len(raw) - len(raw.lstrip())
            out.append(Line(i, s, folded[i - 1][a:a + len(s)], raw[:a]))
    return out


# ---------------------------------------------------------------------------------------------
# shapes of lines

# The names annotated below without a value are built from patterns/layout.toml by _build() and
# bound as module globals at import, and again by _ensure() when another patterns directory is
# chosen (use_patterns, $ZSPROGRESS_PATTERNS); see the end of this module.

_CHROME_LABEL: re.Pattern   # [chrome] labels, buttons
_CHROME_RE: re.Pattern      # [chrome] notes, breadcrumb_home, relative_time
_BREADCRUMB = re.compile(r"^[^。]{0,200}>\s{0,3}$")


def _is_chrome(f: str) -> bool:
    if _CHROME_LABEL.match(f) or _CHROME_RE.match(f):
        return True
    if len(f) <= 200 and f.count("> ") >= 2 and "。" not in f:
        return True
    return bool(_BREADCRUMB.match(f[:201])) and len(f) <= 200


_SEQ_LINE = re.compile(r"^(\d{1,3})[.、]?$")
_HAN = r"\u4e00-\u9fff"
_CN_NUM = "一二三四五六七八九十"

# header cells
_SEQ_WORDS: frozenset[str]                 # [seq_header] words: the whole cell
_SEQ_PREFIX: tuple[str, ...]               # the same: a columns header line starts with one
_HDR_RULES: list[tuple[str, re.Pattern]]   # [[header]], in order: the first that matches names the kind


def _header_kind(f: str) -> Optional[str]:
    if len(f) > 24:
        return None
    s = f.strip(" |")
    if not s or len(s) > 16 or "。" in s:
        return None
    if s in _SEQ_WORDS:
        return "seq"
    for kind, rx in _HDR_RULES:
        if rx.search(s):
            return kind
    return None


def _columns(kinds: list[str]) -> list[str]:
    """Column kinds of a header row (seq excluded), second unit column etc. made 'other'."""
    cols = [k for k in kinds if k != "seq"]
    seen: set[str] = set()
    out = []
    for k in cols:
        if k == "co_units":
            out.append("other")
            continue
        if k in seen:
            # a second content-like column is the target (目标任务 next to 工作内容)
            if k == "content" and "target" not in seen:
                out.append("target")
                seen.add("target")
            else:
                out.append("other")
            continue
        seen.add(k)
        out.append(k)
    return out


# leader headings
_TITLES: list[str]        # [leader_heading] titles, longest first
_HEADING: re.Pattern      # [leader_heading]: ordinal? name honorific? verb ending
_HEADING_KEY: str         # a word every ending contains (a fast pre-check), or ""
_HEADING_ORDINAL = (rf"^(?:[{_CN_NUM}]{{1,3}}\s{{0,2}}[、.]\s{{0,2}}|"
                    rf"[(]\s{{0,2}}[{_CN_NUM}]{{1,3}}\s{{0,2}}[)]\s{{0,2}})?")
_CN_HEADING = re.compile(rf"^[{_CN_NUM}]{{1,3}}\s{{0,2}}、\s{{0,2}}(?P<t>[^。;]{{1,40}})$")
_PAREN_HEADING = re.compile(rf"^[(（]\s{{0,2}}[{_CN_NUM}]{{1,3}}\s{{0,2}}[)）]\s{{0,2}}(?P<t>[^。;]{{1,40}})$")


def _leader_heading(f: str) -> Optional[tuple[str, Optional[str], Optional[str]]]:
    """(heading text, leader, title) when ``f`` is a leader heading line."""
    if len(f) > 40 or _HEADING_KEY not in f:
        return None
    m = _HEADING.match(f)
    if not m:
        return None
    who = m.group("who")
    for t in _TITLES:
        if who.endswith(t) and 2 <= len(who) - len(t) <= 4:
            return f, who[: -len(t)], t
    if 2 <= len(who) <= 4:
        return f, who, None
    return f, None, None


def _strip_cn_ordinal(s: str) -> str:
    return re.sub(rf"^(?:[{_CN_NUM}]{{1,3}}\s{{0,2}}[、.]\s{{0,2}}|[(（]\s{{0,2}}[{_CN_NUM}]{{1,3}}\s{{0,2}}[)）]\s{{0,2}})",
                  "", s)


# units
_UNIT_SUFFIX: tuple[str, ...]   # [units] suffixes
_NOTE_WORDS: tuple[str, ...]    # [units] note_words
_OPEN, _CLOSE = "([<〈《〔", ")]>〉》〕"
_UNIT_SPLIT = set("、,;，；/")


def _split_top(s: str) -> list[str]:
    """Split a folded unit list at top-level separators (not inside brackets)."""
    parts, depth, cur = [], 0, []
    for ch in s:
        if ch in _OPEN or ch in "（":
            depth += 1
        elif ch in _CLOSE or ch in "）":
            depth = max(0, depth - 1)
        if depth == 0 and ch in _UNIT_SPLIT:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


_TRAIL_GROUP = re.compile(r"^(?P<base>.*?)[(\[<〈〔](?P<inner>[^()\[\]<>〈〉〔〕]{1,80})[)\]>〉〕]$")


def _unit_like(u: str) -> bool:
    u = re.sub(r"\s+", "", u)
    return 1 < len(u) <= 30 and u.endswith(_UNIT_SUFFIX) and "。" not in u and ":" not in u


def split_units(text: str) -> list[str]:
    """``市发改委、市府办(市大数据局)`` -> ``['市发改委', '市府办', '市大数据局']``."""
    out: list[str] = []
    for part in _split_top(fold(text)):
        extra: list[str] = []
        base = part
        for _ in range(3):  # strip trailing bracket groups: aliases or notes
            m = _TRAIL_GROUP.match(base)
            if not m:
                break
            inner = m.group("inner")
            base = m.group("base").strip()
            if any(w in inner for w in _NOTE_WORDS):
                continue
            subs = _split_top(inner)
            if subs and all(_unit_like(x) for x in subs):
                extra = subs + extra
            else:
                base = part  # a bracket that is part of the name, e.g. 各县(区)政府
                break
        for u in [base] + extra:
            u = re.sub(r"\s+", "", u).strip("。.:")
            if u and u not in out and len(u) <= 40:
                out.append(u)
    return out


def _is_unit_cell(f: str) -> bool:
    if not f or len(f) > 120 or "。" in f or "!" in f or "?" in f or ":" in f:
        return False
    if _MARKER_START.match(f):
        return False
    parts = _split_top(f)
    if not parts:
        return False
    ok = 0
    for p in parts:
        m = _TRAIL_GROUP.match(p)
        base = m.group("base") if m and m.group("base") else p
        if len(re.sub(r"\s+", "", base)) > 30:
            return False
        if _unit_like(base) or _unit_like(p):
            ok += 1
    return ok == len(parts) or (len(parts) >= 3 and ok >= len(parts) - 1)


_ALIAS = re.compile(r"^[(](?P<u>[^()]{1,40})[)]$")


def _is_alias_line(f: str) -> bool:
    m = _ALIAS.match(f)
    return bool(m) and all(_unit_like(x) for x in _split_top(m.group("u")))


# inline unit tags in a task cell: [inline_units] tags
_TAG_BR: re.Pattern       # (牵头单位:
_TAG_BARE: re.Pattern     # 牵头单位:
_TAIL = 400


def _inline_units(text: str) -> Optional[tuple[int, list[str]]]:
    """(end of content, units) when ``text`` ends with a lead-unit tag."""
    f = fold(text).rstrip()
    off = max(0, len(f) - _TAIL)
    tail = f[off:]
    last = None
    for m in _TAG_BR.finditer(tail):
        last = m
    if last is not None and tail[-1] in ")]":
        inner = tail[last.end():-1]
        units = split_units(inner)
        if units:
            return off + last.start(), units
    last = None
    for m in _TAG_BARE.finditer(tail):
        last = m
    if last is not None:
        rest = tail[last.end():]
        if "。" not in rest and len(rest) <= 300:
            units = split_units(rest)
            if units:
                return off + last.start(), units
    return None


# sub-item markers: [sub_items] circled, ordinal_suffix (一是)
_CIRCLED: str
_CN_ORD = {c: i for i, c in enumerate(_CN_NUM, 1)}
_MARKER_START: re.Pattern
_BND = "\n。;!?；！？ \t"
_MARKER_ANY: re.Pattern
_MARKER_LS = re.compile(r"\n(?P<a>\d{1,2})(?:\s{1,2}[.、](?!\d)|\.(?=\d))")


def _cn_value(s: str) -> int:
    if len(s) == 1:
        return _CN_ORD.get(s, 0)
    if s[0] == "十":
        return 10 + _CN_ORD.get(s[1], 0)
    if len(s) == 2 and s[1] == "十":
        return _CN_ORD.get(s[0], 0) * 10
    if len(s) == 3 and s[1] == "十":
        return _CN_ORD.get(s[0], 0) * 10 + _CN_ORD.get(s[2], 0)
    return 0


def _marker(m: re.Match) -> tuple[str, int]:
    g = m.groupdict()
    if g.get("a") is not None:
        return "a", int(g["a"])
    if g.get("a2") is not None:
        return "a", int(g["a2"])
    if g.get("p") is not None:
        return "p", int(m.group("p"))
    if g.get("c") is not None:
        return "c", _CIRCLED.index(g["c"]) + 1
    return "z", _cn_value(g["z"])


def _ordinal_at_start(f: str) -> Optional[int]:
    m = _MARKER_START.match(f)
    return _marker(m)[1] if m else None


_ITEM_BOUNDARY = set("\n。;!?；！？ \t")


def split_items(text: str) -> list[str]:
    """Split progress text at sub-item markers of the first kind found (marker kept)."""
    if not text:
        return []
    f = "\n" + fold(text)
    found = {m.start(): m for m in _MARKER_ANY.finditer(f)}
    for m in _MARKER_LS.finditer(f):
        found.setdefault(m.start(), m)
    cuts: list[int] = []
    kind = None
    expect = 1
    for pos in sorted(found):
        m = found[pos]
        if f[pos] in _CIRCLED:
            pos -= 1                  # circled markers need no boundary; keep offsets uniform
        at_line_start = f[pos] == "\n"
        k, v = _marker(m)
        if kind is None:
            if v != 1:
                continue
            kind = k
        elif k != kind:
            continue
        if v == expect or (v == 1 and at_line_start and cuts):
            cuts.append(pos)          # offset in text of the marker (f has one char more)
            expect = v + 1
    if not cuts:
        return []
    if len(cuts) == 1 and kind == "a" and cuts[0] > 0:
        return []                     # a lone "1." inside a sentence is not a list
    bounds = ([0] if cuts[0] > 0 else []) + cuts + [len(text)]
    items = []
    for x, y in zip(bounds, bounds[1:]):
        piece = text[x:y].strip()
        if piece:
            items.append(piece)
    return items


# ---------------------------------------------------------------------------------------------
# metadata

_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s{0,2}年")
_DATE = r"((?:19|20)\d{2})\s{0,2}[-年/.]\s{0,2}(\d{1,2})\s{0,2}[-月/.]\s{0,2}(\d{1,2})"
_TITLE_KEY: re.Pattern              # [meta.title] words
_ASSIGNMENT: re.Pattern             # [meta.assignment] words
_PUBLISHED: re.Pattern              # [meta.published] labels, then a date
_GENERATED: re.Pattern              # [meta.generated] labels, then a date
_INDEX: re.Pattern                  # [meta.index] labels, then the number
_PUBLISHER: list[re.Pattern]        # [meta.publisher] labels, in order
_LABEL_WORDS: tuple[str, ...]       # [meta] label_words
_PERIOD_RANGE: re.Pattern           # [period_range] title
_PERIODS: list[tuple[str, int, re.Pattern]]  # [[period]]: label, end month, words
_PERIOD_BODY: re.Pattern            # [[period]] in_body words, then [period_range] body


def _period(s: str, year: Optional[int]) -> Optional[Period]:
    m = _PERIOD_RANGE.search(s)
    if m and 1 <= int(m.group(1)) <= 12:
        n = int(m.group(1))
        return Period(label=f"m{n}", end_month=n, year=year)
    for label, end_month, rx in _PERIODS:
        if rx.search(s):
            return Period(label=label, end_month=end_month, year=year)
    return None


def _ymd(m: re.Match) -> str:
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"


def parse_meta(text: str) -> ReportMeta:
    """Title, publisher, dates, index number, year, period and kind of a report."""
    _ensure()
    return _meta(text, _lines(text[:100_000])[:300])


def _meta(text: str, lines: list[Line]) -> ReportMeta:
    meta = ReportMeta()
    head = lines[:300]
    for ln in head:
        f = ln.f
        if meta.title is None and len(f) <= 120 and _TITLE_KEY.search(f) and _YEAR_RE.search(f) \
                and not _is_chrome(f) and "。" not in f and not _SEQ_LINE.match(f):
            meta.title = ln.raw
        if meta.published is None and (m := _PUBLISHED.search(f)):
            meta.published = _ymd(m)
        if meta.generated is None and (m := _GENERATED.search(f)):
            meta.generated = _ymd(m)
        if meta.index_no is None and (m := _INDEX.search(f)):
            v = m.group(1)
            if re.search(r"\d", v) and not v.startswith(_LABEL_WORDS):
                meta.index_no = v
    for rx in _PUBLISHER:
        for ln in head:
            m = rx.search(ln.f)
            if m and not m.group(1).startswith(_LABEL_WORDS):
                meta.publisher = m.group(1)
                break
        if meta.publisher:
            break
    title = fold(meta.title) if meta.title else ""
    if title:
        m = _YEAR_RE.search(title)
        meta.year = int(m.group(1)) if m else None
        if _ASSIGNMENT.search(title):
            meta.kind = "assignment"
    period = _period(title, meta.year) if title else None
    if period is None and meta.kind == "progress":
        body = fold(text[:20000])
        period = _period_from_text(body, meta.year)
    if period is not None:
        meta.period = period
    elif meta.year:
        meta.period = Period(year=meta.year)
    return meta


def _period_from_text(body: str, year: Optional[int]) -> Optional[Period]:
    m = _PERIOD_BODY.search(body)
    return _period(m.group(0), year) if m else None


# ---------------------------------------------------------------------------------------------
# rows -> tasks

_FIELDS = {"content", "progress", "target", "status", "problems", "next_steps", "units"}
_END_OK = set("。!?;…;.！？；”」』\"')]》>")


@dataclass
class Row:
    seq: Optional[int]
    line: int
    sec: int                               # section ordinal (0: none)
    heading: Optional[tuple[str, Optional[str], Optional[str]]]
    cells: dict[str, list[str]] = field(default_factory=dict)
    units: list[str] = field(default_factory=list)
    missing: bool = False                  # a cell of the layout is missing (cut off)
    last_kind: Optional[str] = None        # kind of the row's last cell in source order
    last_text: str = ""


@dataclass
class Seg:
    layout: str
    rows: list[Row]
    assigned: set[int]                     # line numbers used by tasks/headings/headers
    region: list[Line]                     # lines of the table region (for unassigned-lines)
    columns: list[str] = field(default_factory=list)


def _set(row: Row, kind: str, texts: list[str]) -> None:
    if kind in _FIELDS and texts:
        row.cells.setdefault(kind, []).extend(texts)


def _apply_inline(row: Row) -> None:
    content = row.cells.get("content")
    if not content:
        return
    text = "\n".join(content)
    r = _inline_units(text)
    if r is None:
        return
    end, units = r
    row.cells["content"] = [text[:end].rstrip()] if text[:end].strip() else []
    for u in units:
        if u not in row.units:
            row.units.append(u)


def _blocks(lines: list[Line]) -> list[list[Line]]:
    """Group the lines of a row into cells: a line continues the previous cell when that ends
    with ':' or when it starts with a sub-item marker numbered 2 or more."""
    out: list[list[Line]] = []
    for ln in lines:
        if out:
            prev = out[-1][-1].f
            o = _ordinal_at_start(ln.f)
            if prev.endswith(":") or (o is not None and o >= 2):
                out[-1].append(ln)
                continue
        out.append([ln])
    return out


def _fill(row: Row, lines: list[Line], cols: list[str]) -> None:
    """Distribute ``lines`` over ``cols`` in order: one block each, the rest to the last."""
    if not cols:
        if lines:
            _set(row, "progress" if "progress" in row.cells else "content", [x.raw for x in lines])
        return
    if len(cols) == 1:
        _set(row, cols[0], [x.raw for x in lines])
        return
    blocks = _blocks(lines)
    for i, kind in enumerate(cols):
        if i == len(cols) - 1:
            chunk = [x for b in blocks[i:] for x in b]
        else:
            chunk = blocks[i] if i < len(blocks) else []
        _set(row, kind, [x.raw for x in chunk])


def _row_from_lines(row: Row, lines: list[Line], cols: list[str]) -> None:
    if "units" in cols:
        ui = cols.index("units")
        before, after = cols[:ui], cols[ui + 1:]
        span = None
        if not after:
            j = len(lines)
            while j > max(len(before), 1) and (_is_unit_cell(lines[j - 1].f) or _is_alias_line(lines[j - 1].f)):
                j -= 1
            while j < len(lines) and _is_alias_line(lines[j].f):
                j += 1
            if j < len(lines):
                span = (j, len(lines))
            elif len(lines) > len(before) and len(lines[-1].f) <= 30 and "。" not in lines[-1].f:
                span = (len(lines) - 1, len(lines))      # positional: a cut unit cell (市发)
        else:
            for j in range(max(len(before), 1 if before else 0), len(lines)):
                if _is_unit_cell(lines[j].f):
                    k = j + 1
                    while k < len(lines) and _is_alias_line(lines[k].f):
                        k += 1
                    span = (j, k)
                    break
        if span is None:
            _fill(row, lines, [c for c in cols if c != "units"])
            row.missing = True
            return
        a, b = span
        ulines = lines[a:b]
        for u in split_units("、".join(x.raw for x in ulines)):
            if u not in row.units:
                row.units.append(u)
        _set(row, "units", [x.raw for x in ulines])
        _fill(row, lines[:a], before)
        _fill(row, lines[b:], after)
        if not lines[b:] and after:
            row.missing = True
        return
    _fill(row, lines, cols)


def _finish_row(row: Row, lines: list[Line], cols: list[str]) -> None:
    _row_from_lines(row, lines, cols)
    _apply_inline(row)
    if lines:
        row.last_text = lines[-1].f
        for kind in ("units", "progress", "next_steps", "problems", "status", "target", "content"):
            if row.cells.get(kind) and row.cells[kind][-1].endswith(lines[-1].raw):
                row.last_kind = kind
                break
    filled = [c for c in cols if c in _FIELDS and c != "units" and row.cells.get(c)]
    if len(filled) < len([c for c in cols if c in _FIELDS and c != "units"]):
        row.missing = True


# ---------------------------------------------------------------------------------------------
# family: cells (one cell per line under a header row)

def _header_run(L: list[Line], i: int) -> Optional[tuple[int, list[str]]]:
    """(end index, column kinds) when a header row starts at ``L[i]``."""
    kinds = []
    j = i
    while j < len(L) and len(kinds) < 12:
        k = _header_kind(L[j].f)
        if k is None or "|" in L[j].f or _leader_heading(L[j].f):
            break
        if k == "seq" and kinds:
            break
        kinds.append(k)
        j += 1
    if len(kinds) < 2 or not ({"content", "progress"} & set(kinds)):
        return None
    if kinds[0] != "seq" and len(kinds) < 3:
        return None
    return j, kinds


def _seg_cells(L: list[Line]) -> Optional[Seg]:
    headers = {}
    for i in range(len(L)):
        if len(L[i].f) <= 24 and (i == 0 or L[i].f in _SEQ_WORDS or _header_kind(L[i - 1].f) is None):
            h = _header_run(L, i)
            if h:
                headers[i] = h
    if not headers:
        return None
    first = min(headers)
    start = first
    for j in range(max(0, first - 3), first):
        if _leader_heading(L[j].f):
            start = j
            break
    # numbered or not: are there number-only lines after the first header?
    numbered = any(_SEQ_LINE.match(x.f) for x in L[first:])
    cols: list[str] = []
    rows: list[Row] = []
    assigned: set[int] = set()
    sec = 0
    heading = None
    cur: Optional[Row] = None
    cur_lines: list[Line] = []
    prev_seq: Optional[int] = None

    def close():
        nonlocal cur, cur_lines
        if cur is not None:
            _finish_row(cur, cur_lines, cols)
            rows.append(cur)
            assigned.update(x.no for x in cur_lines)
        cur, cur_lines = None, []

    i = start
    while i < len(L):
        ln = L[i]
        if i in headers:
            close()
            end, kinds = headers[i]
            cols = _columns(kinds)
            assigned.update(x.no for x in L[i:end])
            i = end
            continue
        h = _leader_heading(ln.f)
        if h:
            close()
            sec += 1
            heading = h
            assigned.add(ln.no)
            i += 1
            continue
        if _is_chrome(ln.f) or not cols:
            i += 1
            continue
        m = _SEQ_LINE.match(ln.f) if numbered else None
        if m:
            v = int(m.group(1))
            ncells = len([c for c in cols if c != "other"])
            if cur is None or (cur_lines and (v == (prev_seq or 0) + 1 or len(cur_lines) >= ncells - 1)):
                close()
                cur = Row(v, ln.no, sec, heading)
                prev_seq = v
                assigned.add(ln.no)
                i += 1
                continue
        if not numbered and _inline_units(ln.raw) is not None and len(ln.f) > 8:
            close()
            cur = Row(None, ln.no, sec, heading)
        if cur is not None:
            cur_lines.append(ln)
        i += 1
    if not numbered and cur is not None and len(cur_lines) >= 3:
        # an unnumbered table cut off inside the next task cell, before its (牵头单位:…) tag:
        # a last line that ends mid-sentence and is not a sub-item of the progress cell
        f = cur_lines[-1].f
        if f[-1] not in _END_OK and _ordinal_at_start(f) is None and cur_lines[-2].f[-1:] in _END_OK:
            last = cur_lines.pop()
            close()
            cur, cur_lines = Row(None, last.no, sec, heading), [last]
    close()
    return Seg("cells", rows, assigned, L[start:], cols)


# ---------------------------------------------------------------------------------------------
# family: pipe tables

_PIPE_ROW = re.compile(r"^\|?\s{0,3}(\d{1,3})[.、]?\s{0,3}\|")
_TAB_ROW = re.compile(r"^(\d{1,3})[.、]?[ \u3000]{0,3}\t")
_MD_RULE = re.compile(r"^\|?(?:\s{0,3}:?-{2,}:?\s{0,3}\|){1,40}\s{0,3}(?::?-{2,}:?\s{0,3})?$|^:?-{3,}:?$")
_BR = re.compile(r"<br\s{0,3}/?>", re.I)
_DECOR = " |*#\t"


def _pipe_cells(f: str, sep: str = "|") -> list[str]:
    s = f.strip()
    if sep == "|":
        if s.startswith("|"):
            s = s[1:]
        if s.endswith("|"):
            s = s[:-1]
    return [c.strip() for c in s.split(sep)]


def _delim_header(f: str, sep: str) -> Optional[list[str]]:
    if sep not in f or len(f) > 200:
        return None
    cells = _pipe_cells(f, sep)
    kinds = [_header_kind(c) if c else ("other" if sep == "\t" else None) for c in cells]
    known = [k for k in kinds if k and k != "other"]
    if len(cells) >= 2 and all(kinds) and len(known) >= 2 and ({"content", "progress"} & set(kinds)):
        return kinds  # type: ignore[return-value]
    return None


def _section_heading(L: list[Line], i: int, bare: str, is_row: Callable[[str], bool],
                     is_header: Callable[[str], bool]):
    """(heading, leader, title) for a leader heading, or an ``一、…``/``(一)…`` heading that
    comes right before a row or a header row; ``bare`` is source text, the ordinal is cut."""
    f = fold(bare)
    if len(f) > 40:
        return None
    h = _leader_heading(f)
    if h:
        return _strip_cn_ordinal(bare), h[1], h[2]
    if (_CN_HEADING.match(f) or _PAREN_HEADING.match(f)) and not f.endswith(":") and not _label(f):
        for j in range(i + 1, min(len(L), i + 4)):
            if _is_chrome(L[j].f):
                continue
            if is_row(L[j].f) or is_header(L[j].f):
                return _strip_cn_ordinal(bare), None, None
            break
    return None


def _open_at_heading(L: list[Line], first: int) -> int:
    """The table region opens at a leader heading just before its first header row."""
    for j in range(first - 1, max(-1, first - 4), -1):
        if _leader_heading(fold(L[j].raw.strip(_DECOR))):
            return j
    return first


def _seg_delim(L: list[Line], sep: str, layout: str) -> Optional[Seg]:
    """Pipe (``|``, Markdown too) or tab separated tables: one row per line, a cell may go on
    over the following lines (the lines of a row are joined with "\\n" and split at ``sep``)."""
    row_rx = _PIPE_ROW if sep == "|" else _TAB_ROW
    header_idx = []
    for i, ln in enumerate(L):
        kinds = _delim_header(ln.f, sep)
        if kinds:
            header_idx.append((i, kinds))
    if not header_idx:
        return None
    hdr = dict(header_idx)
    first = _open_at_heading(L, header_idx[0][0])
    rows: list[Row] = []
    assigned: set[int] = set()
    cols: list[str] = []
    sec, heading = 0, None
    cur: Optional[Row] = None
    cur_lines: list[Line] = []
    outer = True                                     # the header row ends with a '|'

    def close():
        nonlocal cur, cur_lines
        if cur is None:
            return
        text = "\n".join(x.raw for x in cur_lines)
        parts = text.split(sep) if sep in text else [text]
        # drop the leading empty part of '| 1 | ...' and the seq cell
        if parts and not parts[0].strip():
            parts = parts[1:]
        parts = parts[1:]
        closed = text.rstrip().endswith("|") or sep == "\t" or \
            (not outer and len(parts) >= len(cols) and bool(parts[-1].strip()))
        if sep == "|" and text.rstrip().endswith("|") and parts and not parts[-1].strip():
            parts = parts[:-1]
        while sep == "\t" and len(parts) > len(cols) and not parts[-1].strip():
            parts = parts[:-1]
        for kind, cell in zip(cols, parts):
            cell = cell.strip()
            if sep == "\t" and len(cell) >= 2 and cell[0] == cell[-1] == '"':
                cell = cell[1:-1].replace('""', '"')      # Excel quotes a cell holding newlines
            cl = [x.strip() for x in _BR.split(cell.replace("\r", "")) for x in x.split("\n") if x.strip()]
            if kind == "units":
                for u in split_units("、".join(cl)):
                    if u not in cur.units:
                        cur.units.append(u)
            _set(cur, kind, cl)
        if len(parts) < len(cols) or not closed:
            cur.missing = True
        if parts:
            kind = cols[min(len(parts), len(cols)) - 1] if cols else "content"
            cur.last_kind = kind
            cur.last_text = fold(parts[-1]).strip().strip('"')
        _apply_inline(cur)
        rows.append(cur)
        assigned.update(x.no for x in cur_lines)
        cur, cur_lines = None, []

    for i in range(first, len(L)):
        ln = L[i]
        if i in hdr:
            close()
            cols = _columns(hdr[i])
            outer = ln.f.endswith("|")
            assigned.add(ln.no)
            continue
        if sep == "|" and _MD_RULE.match(ln.f):
            assigned.add(ln.no)                      # Markdown table chrome | --- | --- |
            continue
        h = _section_heading(L, i, ln.raw.strip(_DECOR), lambda f: bool(row_rx.match(f)),
                             lambda f: bool(_delim_header(f, sep)))
        if h:
            close()
            sec += 1
            heading = h
            assigned.add(ln.no)
            continue
        if _is_chrome(ln.f):
            continue
        m = row_rx.match(ln.f)
        if m:
            close()
            cur = Row(int(m.group(1)), ln.no, sec, heading)
            cur_lines = [ln]
            continue
        if cur is not None:
            cur_lines.append(ln)
    close()
    if not rows:
        return None
    return Seg(layout, rows, assigned, L[first:], cols)


def _seg_pipe(L: list[Line]) -> Optional[Seg]:
    return _seg_delim(L, "|", "pipe")


def _seg_tabs(L: list[Line]) -> Optional[Seg]:
    return _seg_delim(L, "\t", "tabs")


# ---------------------------------------------------------------------------------------------
# family: space-aligned columns (pdftotext -layout output, cells set apart by 2+ spaces)

_COL_SEP = re.compile(r"[ \u00a0\u3000\f]{2,}|\u3000")
_COL_MAXLEN = 1000          # longer lines are never split into columns
_PAGE_NO: re.Pattern        # [page_numbers] regex: the whole line
_COL_SEQ = re.compile(r"^(\d{1,3})[.、]?$")
_TOL = 2
_PARA_END = set("。!?;…:！？；：")
_CLOSERS = set("”’」』\"')]）》")


@dataclass
class Seg1:
    pos: tuple[int, int]     # start: (character offset, display width) in the source line
    end: tuple[int, int]
    raw: str


def _cw(ch: str) -> int:
    if ch == "\f":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _col_segs(ln: Line) -> list[Seg1]:
    """The cells of an aligned line, with their start and end columns in both metrics."""
    if len(ln.raw) > _COL_MAXLEN:
        return [Seg1((0, 0), (0, 0), ln.raw)]
    lead = ln.lead.replace("\f", "")
    full = lead + ln.raw
    out, pos, wpos = [], 0, 0
    for m in _COL_SEP.finditer(full):
        if m.start() > pos:
            w0 = wpos
            text = full[pos:m.start()]
            wpos += sum(_cw(c) for c in text)
            out.append(Seg1((pos, w0), (m.start(), wpos), text))
        wpos += sum(_cw(c) for c in m.group())
        pos = m.end()
    if pos < len(full):
        text = full[pos:]
        out.append(Seg1((pos, wpos), (len(full), wpos + sum(_cw(c) for c in text)), text))
    return out


def _col_header(ln: Line) -> Optional[tuple[list[Seg1], list[str]]]:
    if len(ln.f) > 200 or not ln.f.startswith(_SEQ_PREFIX) or "\t" in ln.raw or \
            "|" in ln.f or not _COL_SEP.search(ln.raw):
        return None
    segs = _col_segs(ln)
    if len(segs) < 2:
        return None
    kinds = [_header_kind(fold(x.raw)) for x in segs]
    if not all(kinds) or kinds[0] != "seq" or not ({"content", "progress"} & set(kinds)):
        return None
    return segs, kinds  # type: ignore[return-value]


@dataclass
class _ColTable:
    segs: list[Seg1]        # header cells (seq first)
    cols: list[str]         # column kinds, seq excluded


def _col_starts(t: _ColTable, firsts: list[list[Seg1]], m: int) -> list[int]:
    """Start of each column (seq first) in metric ``m``: the header's, or where the cells of
    complete first row lines start when the header cells are centred over their columns."""
    hdr = [x.pos[m] for x in t.segs]
    data: list[list[int]] = [[] for _ in hdr]
    for segs in firsts:
        if len(segs) == len(hdr):
            for j, x in enumerate(segs):
                data[j].append(x.pos[m])
    out = []
    for j, h in enumerate(hdr):
        d = sorted(data[j])
        out.append(min(h, d[len(d) // 2]) if d else h)
    if any(b <= a for a, b in zip(out, out[1:])):
        return hdr
    return out


def _col_of(x: Seg1, starts: list[int], m: int) -> Optional[int]:
    """Column index of a cell (0 = seq), None when it does not fit one column."""
    p, e = x.pos[m], x.end[m]
    j = -1
    for k, s in enumerate(starts):
        if s <= p + _TOL:
            j = k
    if j < 0:
        return None
    if j + 1 < len(starts) and e > starts[j + 1] + _TOL - 1:
        return None          # runs into the next column
    return j


def _join_wrapped(frags: list[str]) -> list[str]:
    """Fragments of one cell (one per line): a fragment continues the previous line unless
    that ends a sentence or the fragment starts a sub-item."""
    out: list[str] = []
    for fr in frags:
        prev = fold(out[-1][-2:]) if out else ""
        if prev and prev[-1] in _CLOSERS:
            prev = prev[:-1]
        if prev and prev[-1] not in _PARA_END:
            a, b = out[-1][-1], fr[0]
            out[-1] += (" " if a.isascii() and b.isascii() and a.isalpha() and b.isalpha() else "") + fr
        else:
            out.append(fr)
    return out


def _seg_columns(L: list[Line]) -> Optional[Seg]:
    headers: dict[int, _ColTable] = {}
    for i, ln in enumerate(L):
        h = _col_header(ln)
        if h:
            headers[i] = _ColTable(h[0], _columns(h[1]))
    if not headers:
        return None
    first = _open_at_heading(L, min(headers))
    rows: list[tuple[Row, _ColTable, list[list[Seg1]]]] = []
    assigned: set[int] = set()
    sec, heading = 0, None
    table: Optional[_ColTable] = None
    cur: Optional[tuple[Row, _ColTable, list[list[Seg1]]]] = None
    prev_seq = 0

    def row_start(i: int) -> Optional[int]:
        if table is None:
            return None
        segs = _col_segs(L[i])
        if not segs:
            return None
        m = _COL_SEQ.match(fold(segs[0].raw))
        if not m:
            return None
        seq_end = [x.pos for x in table.segs[1:2]]
        # the number stands in the seq column: left of the first content column
        if seq_end and not any(segs[0].end[k] <= seq_end[0][k] + _TOL for k in (0, 1)):
            return None
        v = int(m.group(1))
        if len(segs) < 2 and v != prev_seq + 1:
            return None
        return v

    for i in range(first, len(L)):
        ln = L[i]
        if i in headers:
            cur = None
            table = headers[i]
            assigned.add(ln.no)
            continue
        h = _section_heading(L, i, ln.raw, lambda f: bool(_COL_SEQ.match(f.split("  ")[0])),
                             lambda f: False)
        if h and len(_col_segs(ln)) == 1:
            cur = None
            sec += 1
            heading = h
            assigned.add(ln.no)
            continue
        v = row_start(i)
        if v is not None:
            cur = (Row(v, ln.no, sec, heading), table, [_col_segs(ln)])  # type: ignore[arg-type]
            rows.append(cur)
            prev_seq = v
            assigned.add(ln.no)
            continue
        if _PAGE_NO.match(ln.f) or _MD_RULE.match(ln.f):
            assigned.add(ln.no)                      # page numbers and rules of the PDF
            continue
        if _is_chrome(ln.f):
            continue
        if cur is not None:
            cur[2].append(_col_segs(ln))
            assigned.add(ln.no)
    if not rows:
        return None
    # the metric (character offsets or display width) under which the cells line up best
    best_m, best_score = 0, None
    firsts_of: dict[int, list[list[Seg1]]] = {}
    for r in rows:
        firsts_of.setdefault(id(r[1]), []).append(r[2][0])
    for m in (1, 0):
        score = 0
        cache: dict[int, list[int]] = {}
        for row, t, lines in rows:
            if id(t) not in cache:
                cache[id(t)] = _col_starts(t, firsts_of[id(t)], m)
            starts = cache[id(t)]
            for segs in lines:
                for x in segs:
                    j = _col_of(x, starts, m)
                    if j is None:
                        score -= 2
                    elif abs(x.pos[m] - starts[j]) <= _TOL:
                        score += 1
        if best_score is None or score > best_score:
            best_m, best_score = m, score
    starts_of: dict[int, list[int]] = {}
    for row, t, lines in rows:
        if id(t) not in starts_of:
            starts_of[id(t)] = _col_starts(t, firsts_of[id(t)], best_m)
        starts = starts_of[id(t)]
        cols = t.cols
        spill = "progress" if "progress" in cols else cols[-1]
        frags: dict[str, list[str]] = {}
        last_kind = None
        last_text = ""
        for n, segs in enumerate(lines):
            full = n == 0 and len(segs) == len(t.segs)
            if n == 0:
                segs = segs[1:]                      # the seq cell
            placed = [(_col_of(x, starts, best_m), x.raw.strip()) for x in segs]
            js = [j for j, _ in placed]
            bad = any(j is None or j == 0 for j in js) or len(set(js)) < len(js)
            if bad and full:
                # a complete first line (one cell per column) that is not aligned: in order
                placed = [(j, x.raw.strip()) for j, x in enumerate(segs, 1)]
            elif bad:
                text = "  ".join(tx for _, tx in placed)
                placed = [(cols.index(spill) + 1, text)] if text else []
            for j, tx in placed:
                kind = cols[j - 1]            # type: ignore[operator]
                frags.setdefault(kind, []).append(tx)
                last_kind, last_text = kind, tx
        for kind, fr in frags.items():
            texts = _join_wrapped(fr) if kind != "units" else ["".join(fr)]
            if kind == "units":
                for u in split_units(texts[0]):
                    if u not in row.units:
                        row.units.append(u)
            _set(row, kind, texts)
        if last_kind is not None and row.cells.get(last_kind):
            last_text = row.cells[last_kind][-1]     # the whole (joined) cell
        row.last_kind, row.last_text = last_kind, fold(last_text)
        row.missing = not row.cells.get("content")
        _apply_inline(row)
    return Seg("columns", [r[0] for r in rows], assigned, L[first:], rows[-1][1].cols)


# ---------------------------------------------------------------------------------------------
# family: label blocks and assignment lists

_TASK_LINE = re.compile(r"^(\d{1,3})\s{0,3}[.、](?!\d)\s{0,3}(?=\S)")
_LABELS: list[tuple[str, re.Pattern]]   # [[label]]: a label line "责任单位:…", kinds in order
# labels inside a line: "1. 任务。责任单位:市财政局。完成情况:上半年……" ([[label]] inline)
_INLINE_LABEL: re.Pattern


def _label_parts(raw: str, f: str, start: int, kind: Optional[str]) -> list[tuple[Optional[str], str]]:
    """Split ``raw[start:]`` at inline labels: [(kind, text)], the first part has ``kind``."""
    parts: list[tuple[Optional[str], str]] = []
    pos = start
    for m in _INLINE_LABEL.finditer(f, start):
        parts.append((kind, raw[pos:m.start()].strip()))
        kind, pos = m.lastgroup, m.end()
    parts.append((kind, raw[pos:].strip()))
    return parts


def _label(f: str) -> Optional[tuple[str, int]]:
    for kind, rx in _LABELS:
        m = rx.match(f)
        if m:
            return kind, m.end()
    return None


def _seg_labels(L: list[Line]) -> Optional[Seg]:
    # a task line followed (within 4 lines) by a unit or progress label line
    starts = []
    for i, ln in enumerate(L):
        m = _TASK_LINE.match(ln.f)
        if m and _INLINE_LABEL.search(ln.f, m.end()):
            starts.append(i)
        elif m:
            for j in range(i + 1, min(len(L), i + 5)):
                if _TASK_LINE.match(L[j].f):
                    break
                if _label(L[j].f):
                    starts.append(i)
                    break
    if not starts:
        return None
    first = starts[0]
    # the region opens at the heading just before the first task, if any
    for j in range(first - 1, max(-1, first - 4), -1):
        if _leader_heading(L[j].f) or _CN_HEADING.match(L[j].f) or _PAREN_HEADING.match(L[j].f):
            first = j
            break
    rows: list[Row] = []
    assigned: set[int] = set()
    sec, heading = 0, None
    cur: Optional[Row] = None
    kind = "content"
    has_progress = False
    for i in range(first, len(L)):
        ln = L[i]
        f = ln.f
        h = _leader_heading(f)
        if h is None and _CN_HEADING.match(f) and len(f) <= 40 and not f.endswith(":") and \
                not _label(f):
            h = (_strip_cn_ordinal(ln.raw), None, None)
        if h is None and _PAREN_HEADING.match(f) and not f.endswith(":") and not _label(f) and \
                i + 1 < len(L) and _TASK_LINE.match(L[i + 1].f):
            h = (_strip_cn_ordinal(ln.raw), None, None)
        if h:
            if h[1] is not None:
                h = (_strip_cn_ordinal(ln.raw), h[1], h[2])
            cur = None
            sec += 1
            heading = h
            assigned.add(ln.no)
            continue
        if _is_chrome(f):
            continue
        m = _TASK_LINE.match(f)
        if m:
            cur = Row(int(m.group(1)), ln.no, sec, heading)
            rows.append(cur)
            parts = _label_parts(ln.raw, f, m.end(), "content")
        elif cur is None:
            continue
        else:
            lab = _label(f)
            if lab:
                parts = _label_parts(ln.raw, f, lab[1], lab[0])
            else:
                parts = [(kind, ln.raw)]
        for k, rest in parts:
            kind = k or kind
            if kind == "progress":
                has_progress = True
            if kind == "units":
                for u in split_units(rest.rstrip("。;；")):
                    if u not in cur.units:
                        cur.units.append(u)
            if rest:
                _set(cur, kind, [rest])
            else:
                cur.cells.setdefault(kind, [])
        cur.last_kind, cur.last_text = kind, fold(parts[-1][1]) if parts[-1][1] else f
        assigned.add(ln.no)
    for r in rows:
        _apply_inline(r)
    return Seg("labels" if has_progress else "assignment", rows, assigned, L[first:])


# ---------------------------------------------------------------------------------------------
# assembling the report

_FAMILIES: list[tuple[str, Callable[[list[Line]], Optional[Seg]]]] = [
    ("pipe", _seg_pipe),
    ("cells", _seg_cells),
    ("labels", _seg_labels),
    ("tabs", _seg_tabs),
    ("columns", _seg_columns),
]


def _tasks(seg: Seg, kind: str, L: list[Line]) -> tuple[list[Task], list[Diagnostic]]:
    tasks: list[Task] = []
    diags: list[Diagnostic] = []
    seen: dict[tuple[int, str], int] = {}
    unnumbered: dict[int, int] = {}
    for r in seg.rows:
        if r.seq is None:
            unnumbered[r.sec] = unnumbered.get(r.sec, 0) + 1
            base = f"T{r.sec}.n{unnumbered[r.sec]}"
        else:
            base = f"T{r.sec}.{r.seq}"
        n = seen.get((r.sec, base), 0)
        seen[(r.sec, base)] = n + 1
        tid = base if n == 0 else base + "bcdefghijklmnopqrstuvwxyz"[min(n - 1, 24)]
        heading, leader, title = r.heading if r.heading else (None, None, None)
        progress = "\n".join(r.cells.get("progress", []))

        def opt(k: str) -> Optional[str]:
            return "\n".join(r.cells[k]) if k in r.cells else None

        t = Task(
            id=tid, seq=r.seq, section=heading, leader=leader, leader_title=title,
            lead_units=list(r.units), content="\n".join(r.cells.get("content", [])),
            progress_text=progress, items=split_items(progress),
            target_text=opt("target") if ("target" in seg.columns or "target" in r.cells) else None,
            status_text=opt("status"), problems_text=opt("problems"),
            next_steps_text=opt("next_steps"), line=r.line,
        )
        tasks.append(t)
    # truncation: the last row, when nothing follows it in the source
    if seg.rows:
        r = seg.rows[-1]
        t = tasks[-1]
        last_no = L[-1].no if L else 0
        row_last = max([x for x in seg.assigned if x >= r.line] or [r.line])
        tail_after = [x for x in L if x.no > row_last and not _is_chrome(x.f)]
        if not tail_after and last_no:
            cut = False
            if r.missing or not t.content:
                cut = True
            elif kind == "progress" and seg.layout != "assignment" and not t.progress_text:
                cut = True
            elif r.last_kind == "units":
                cut = not _is_unit_cell(r.last_text)
            elif r.last_text and r.last_text[-1] not in _END_OK:
                cut = True
            if cut:
                tasks[-1] = t.model_copy(update={"truncated": True})
                diags.append(Diagnostic(code="truncated", message=(
                    f"the report ends inside task {t.id}: the text is cut off mid-row"),
                    line=t.line, section=t.section, task_id=t.id))
    return tasks, diags


def _seq_diags(tasks: list[Task]) -> list[Diagnostic]:
    diags = []
    prev_last: Optional[int] = None
    by_sec: dict[Optional[str], list[Task]] = {}
    order: list = []
    for t in tasks:
        key = t.id.split(".")[0]
        if key not in by_sec:
            by_sec[key] = []
            order.append(key)
        by_sec[key].append(t)
    for key in order:
        ts = [t for t in by_sec[key] if t.seq is not None]
        if not ts:
            continue
        name = ts[0].section or "(no section)"
        seen: set[int] = set()
        prev: Optional[int] = None
        for t in ts:
            s = t.seq
            if s in seen:
                diags.append(Diagnostic(code="seq-duplicate", message=f"section {name}: seq {s} appears again",
                                        line=t.line, section=t.section, task_id=t.id))
            elif prev is not None and s > prev + 1:
                diags.append(Diagnostic(code="seq-gap", message=f"section {name}: seq jumps from {prev} to {s}",
                                        line=t.line, section=t.section, task_id=t.id))
            elif prev is None and s > 1 and s != (prev_last or 0) + 1:
                diags.append(Diagnostic(code="seq-gap",
                                        message=f"section {name}: seq starts at {s}",
                                        line=t.line, section=t.section, task_id=t.id))
            seen.add(s)
            prev = s if prev is None else max(prev, s)
        prev_last = prev
    return diags


def segment(doc: Document) -> Report:
    """Segment a document into a Report (tasks, or paragraphs when no layout is recognized)."""
    _ensure()
    text = doc.text
    L = _lines(text)
    meta = _meta(text, L)
    report = Report(source=doc.source, encoding=doc.encoding, meta=meta)
    best: Optional[Seg] = None
    for _name, fn in _FAMILIES:
        seg = fn(L)
        if seg is not None and seg.rows and (best is None or len(seg.rows) > len(best.rows)):
            best = seg
    if best is None:
        report.layout = "unknown"
        report.paragraphs = [Paragraph(line=x.no, text=x.raw) for x in L]
        if L:
            report.diagnostics.append(Diagnostic(
                code="unknown-layout",
                message="no layout family recognized the report: no table header, pipe table or "
                        "task/责任单位 blocks; its text is kept as paragraphs", line=L[0].no))
        return report
    layout = best.layout
    if layout == "labels" and meta.kind == "assignment":
        layout = "assignment"
    report.layout = layout
    tasks, diags = _tasks(best, meta.kind, L)
    report.tasks = tasks
    report.diagnostics.extend(_seq_diags(tasks))
    if meta.kind == "progress" and layout != "assignment":
        for t in tasks:
            if not t.progress_text.strip() and not t.truncated:
                report.diagnostics.append(Diagnostic(
                    code="empty-progress", message=f"task {t.id} has no progress text",
                    line=t.line, section=t.section, task_id=t.id))
    lost = [x for x in best.region if x.no not in best.assigned and not _is_chrome(x.f)]
    if lost:
        report.diagnostics.append(Diagnostic(
            code="unassigned-lines",
            message=f"{len(lost)} line(s) of the table belong to no task or heading (first: line {lost[0].no})",
            line=lost[0].no))
    report.diagnostics.extend(diags)
    return report


# ---------------------------------------------------------------------------------------------
# the vocabulary: patterns/layout.toml
#
# Read once per process and kept here, compiled, per file. A validated copy of the file's data is
# cached on disk (JSON, beside rules.cached_load's cache) and used while the file's bytes are
# unchanged: parsing the TOML and validating it cost ~25 ms (tomllib, pydantic, rules.py), the
# cached copy ~0.2 ms. Only a changed file is parsed, and it is validated before it is cached.

_LAYOUT_FILE = "layout.toml"
_CACHE_FORMAT = 1
_COMPILED: dict[str, dict[str, Any]] = {}   # layout.toml path -> the globals built from it
_override: Optional[str] = None             # use_patterns(DIR)
_active_key: Optional[str] = None           # the patterns directory the globals come from ("" bundled)


def _alt(words: list[str]) -> str:
    """A regex alternation of literal words, longest first (list order among equal lengths)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _common_key(endings: list[str]) -> str:
    """The shortest ending when every ending contains it: a word every heading holds."""
    if not endings:
        return ""
    k = min(endings, key=len)
    return k if all(k in e for e in endings) else ""


def _build(d: dict[str, Any]) -> dict[str, Any]:
    """The module globals of the vocabulary, from the (validated) data of layout.toml."""
    g: dict[str, Any] = {}
    ch = d["chrome"]
    g["_CHROME_LABEL"] = re.compile(
        rf"^(?:{_alt(ch['labels'])})(?=[\s:\[]|$)"
        + (rf"|^\[\s{{0,3}}(?:{_alt(ch['buttons'])})\s{{0,3}}\]" if ch["buttons"] else ""))
    alts = [r"[•·●▪◆]", ">", r"\[\s*\]$"]
    if ch["notes"]:
        alts.append(rf"(?:{_alt(ch['notes'])})$")
    if ch["breadcrumb_home"]:
        alts.append(rf"(?:{_alt(ch['breadcrumb_home'])})\s{{0,3}}>")
    if ch["relative_time"]:
        alts.append(rf".{{0,200}}·\s{{0,3}}\d{{1,4}}\s{{0,3}}(?:{_alt(ch['relative_time'])})\s{{0,3}}·")
    g["_CHROME_RE"] = re.compile(rf"^(?:{'|'.join(alts)})")

    seq = d["seq_header"]["words"]
    g["_SEQ_WORDS"] = frozenset(seq)
    g["_SEQ_PREFIX"] = tuple(seq)
    rules = []
    for h in d["header"]:
        parts = [re.escape(w) for w in h["contains"]]
        parts += [f"^{re.escape(w)}$" for w in h["exact"]]
        parts += [f"{re.escape(w)}$" for w in h["ends_with"]]
        parts += [f"(?:{r})" for r in h["regex"]]
        rules.append((h["kind"], re.compile("|".join(parts))))
    g["_HDR_RULES"] = rules

    lh = d["leader_heading"]
    g["_TITLES"] = sorted(lh["titles"], key=len, reverse=True)
    hon = rf"(?:{_alt(lh['honorifics'])})?" if lh["honorifics"] else ""
    g["_HEADING"] = re.compile(
        rf"{_HEADING_ORDINAL}(?P<who>[{_HAN}]{{2,16}}?){hon}(?:{_alt(lh['verbs'])})(?:{_alt(lh['endings'])})$")
    g["_HEADING_KEY"] = _common_key(lh["endings"])

    g["_UNIT_SUFFIX"] = tuple(d["units"]["suffixes"])
    g["_NOTE_WORDS"] = tuple(d["units"]["note_words"])
    tags = _alt(d["inline_units"]["tags"])
    g["_TAG_BR"] = re.compile(rf"[(\[]\s{{0,3}}(?:{tags})\s{{0,3}}:\s{{0,3}}")
    g["_TAG_BARE"] = re.compile(rf"(?:{tags})\s{{0,3}}:\s{{0,3}}")

    si = d["sub_items"]
    circled = "".join(si["circled"])
    zs = re.escape(si["ordinal_suffix"])
    g["_CIRCLED"] = circled
    g["_MARKER_START"] = re.compile(
        rf"^(?:(?P<a>\d{{1,2}})\s{{0,2}}[.、](?!\d)|(?P<a2>\d{{1,2}})\.(?=\d)|[(](?P<p>\d{{1,2}})[)]|"
        rf"(?P<c>[{circled}])|(?P<z>[{_CN_NUM}]{{1,3}}){zs})")
    g["_MARKER_ANY"] = re.compile(
        rf"[{_BND}](?:(?P<a>\d{{1,2}})[.、](?!\s{{0,2}}[\d%])|[(](?P<p>\d{{1,2}})[)]|"
        rf"(?P<z>[{_CN_NUM}]{{1,3}}){zs})|(?P<c>[{circled}])")

    g["_PAGE_NO"] = re.compile(rf"^(?:{'|'.join(d['page_numbers']['regex'])})$")

    labels, inline = [], []
    for lb in d["label"]:
        words = _alt(lb["words"])
        g_line = rf"[^\s:]{{0,6}}(?:{words})" if lb["qualified"] else words
        labels.append((lb["kind"], re.compile(rf"^(?:{g_line})\s{{0,3}}:\s{{0,3}}")))
        iw = lb["words"] if lb["inline"] is True else (lb["inline"] or [])
        if iw:
            body = _alt(iw)
            if lb["qualified"]:
                body = rf"[^\s:。;,()]{{0,6}}?(?:{body})"
            inline.append(f"(?P<{lb['kind']}>{body})")
    g["_LABELS"] = labels
    g["_INLINE_LABEL"] = re.compile(
        r"(?<=[。;.!?)\]\s])\s{0,2}(?:" + "|".join(inline) + r")\s{0,3}:\s{0,3}"
        if inline else r"(?!x)x")

    m = d["meta"]
    g["_TITLE_KEY"] = re.compile(_alt(m["title"]["words"]))
    g["_ASSIGNMENT"] = re.compile(_alt(m["assignment"]["words"]))
    g["_PUBLISHED"] = re.compile(rf"(?:{_alt(m['published']['labels'])})\s{{0,3}}:?\s{{0,3}}" + _DATE)
    g["_GENERATED"] = re.compile(rf"(?:{_alt(m['generated']['labels'])})\s{{0,3}}:?\s{{0,3}}" + _DATE)
    g["_INDEX"] = re.compile(rf"(?:{_alt(m['index']['labels'])})\s{{0,3}}:?\s{{0,6}}(\S{{1,60}})")
    g["_PUBLISHER"] = [
        re.compile((f"(?<!{re.escape(p['not_after'])})" if p["not_after"] else "") + re.escape(p["label"])
                   + (r"\s{0,3}:?\s{0,6}" if p["colon_optional"] else r"\s{0,3}:\s{0,6}") + r"([^\s:]{2,40})")
        for p in m["publisher"]["labels"]]
    g["_LABEL_WORDS"] = tuple(m["label_words"])

    g["_PERIOD_RANGE"] = re.compile(d["period_range"]["title"])
    g["_PERIODS"] = [(p["label"], p["end_month"], re.compile(_alt(p["words"]))) for p in d["period"]]
    body = [re.escape(w) for p in d["period"]
            for w in (p["words"] if p["in_body"] is True else (p["in_body"] or []))]
    g["_PERIOD_BODY"] = re.compile("|".join(body + [d["period_range"]["body"]]))
    return g


def _bundled_dir() -> Path:
    # where rules.patterns_dir() looks when given no directory and no $ZSPROGRESS_PATTERNS:
    # the wheel's copy, then the repository's (rules.py is not imported for it: ~20 ms)
    here = Path(__file__).resolve().parent
    cands = [here / "_data" / "patterns", here.parent / "patterns"]
    for c in cands:
        if (c / _LAYOUT_FILE).is_file():
            return c
    raise PatternError(f"no {_LAYOUT_FILE} at {', '.join(map(str, cands))}")


def _layout_path(directory: Optional[str]) -> Path:
    """layout.toml of ``directory`` (or $ZSPROGRESS_PATTERNS, or the bundled patterns/). A
    directory without one (it overrides claim rules only) uses the bundled vocabulary."""
    if not directory and not os.environ.get("ZSPROGRESS_PATTERNS"):
        return _bundled_dir() / _LAYOUT_FILE
    from .rules import patterns_dir

    p = patterns_dir(directory or None) / _LAYOUT_FILE
    return p if p.is_file() else _bundled_dir() / _LAYOUT_FILE


def _cache_path(path: Path) -> Optional[Path]:
    # the directory of rules.cached_load's cache (cache.py: JSON, trusted files only)
    from .cache import cache_dir

    base = cache_dir()
    return None if base is None else base / f"layout-{zlib.crc32(str(path).encode('utf-8')):08x}.json"


def _cache_format() -> str:
    """What the cached data depends on besides the file: the schema (rules.py), its use here and
    the Python version; an edit to either module makes the cache stale."""
    here = Path(__file__)
    stamp = [f"{st.st_size}.{st.st_mtime_ns}" for st in (here.stat(), here.with_name("rules.py").stat(),
                                                          here.with_name("layout_schema.py").stat())]
    return f"{_CACHE_FORMAT}|{'|'.join(stamp)}|{sys.version}"


def _parse(path: Path, src: bytes) -> dict[str, Any]:
    """Parse and validate layout.toml (errors name the file): its data with defaults filled."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    from .rules import layout_file

    name = f"patterns/{path.name}"
    try:
        data = tomllib.loads(src.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise PatternError(f"{name}: not valid TOML: {e}") from None
    return layout_file(name, data).model_dump()


def _read(path: Path) -> dict[str, Any]:
    import hashlib

    from . import cache as disk

    try:
        src = path.read_bytes()
    except OSError as e:
        raise PatternError(f"patterns/{path.name}: cannot be read: {e}") from None
    cpath = _cache_path(path)
    stamp = [_cache_format(), hashlib.sha256(src).hexdigest()]
    if cpath is not None:
        hit = disk.load(cpath)
        if isinstance(hit, dict) and hit.get("stamp") == stamp and isinstance(hit.get("data"), dict):
            return hit["data"]
    data = _parse(path, src)
    if cpath is not None:
        disk.store(cpath, {"stamp": stamp, "data": data}, cpath.stem)
    return data


def load_layout(directory: Optional[str] = None) -> dict[str, Any]:
    """The compiled vocabulary of ``directory``'s layout.toml, built once per process."""
    return _compiled_at(_layout_path(directory))


def _compiled_at(path: Path) -> dict[str, Any]:
    key = str(path)
    g = _COMPILED.get(key)
    if g is None:
        try:
            g = _build(_read(path))
        except re.error as e:
            raise PatternError(f"patterns/{path.name}: invalid regex: {e}") from None
        _COMPILED[key] = g
    return g


def _ensure() -> None:
    """Bind the vocabulary of the chosen patterns directory (a no-op while it is unchanged)."""
    global _active_key
    key = _override or os.environ.get("ZSPROGRESS_PATTERNS") or ""
    if key != _active_key:
        globals().update(load_layout(key or None))
        _active_key = key


def use_patterns(directory: Optional[str | Path] = None) -> None:
    """Read the layout vocabulary from ``directory``/layout.toml from now on (``--patterns``);
    None: $ZSPROGRESS_PATTERNS or the bundled one. Raises PatternError for an invalid file."""
    global _override
    old = _override
    _override = str(directory) if directory else None
    try:
        _ensure()
    except PatternError:
        _override = old
        raise


# the bundled vocabulary at import (a broken --patterns directory fails in segment(), not here)
globals().update(_compiled_at(_bundled_dir() / _LAYOUT_FILE))
_active_key = ""
