"""Unit names: splitting a unit cell into units, telling a unit cell from text, and the lead-unit
tags written inside a task cell (``…。(牵头单位:市财政局)``).

The words (unit suffixes, note words such as 牵头, the tags) are ``patterns/layout.toml``'s
``[units]`` and ``[inline_units]``.
"""

from __future__ import annotations

import re
from typing import Optional

from ..layout_vocab import V, cached_re, per_vocabulary
from ..normalize import fold
from .settings import DEFAULT as S

_OPEN, _CLOSE = "([<〈《〔", ")]>〉》〕"
_UNIT_SPLIT = set("、,;，；/")
_TRAIL_GROUP = cached_re(r"^(?P<base>.*?)[(\[<〈〔](?P<inner>[^()\[\]<>〈〉〔〕]{1,80})[)\]>〉〕]$")
_TRAIL_END = tuple(")]>〉〕")
_ALIAS = cached_re(r"^[(](?P<u>[^()]{1,40})[)]$")
_TAIL = 400
_WS = cached_re(r"\s+")
_BRACKETS = frozenset(_OPEN + _CLOSE + "（）")
_TO_FIRST_SPLIT = str.maketrans(dict.fromkeys(_UNIT_SPLIT, "、"))   # every separator as 、


def _trail_group(s: str) -> Optional[re.Match[str]]:
    """A bracket group ending the stripped name ``s`` (``市府办(市大数据局)``)."""
    return _TRAIL_GROUP.match(s) if s.endswith(_TRAIL_END) else None


def split_top(s: str) -> list[str]:
    """Split a folded unit list at top-level separators (not inside brackets)."""
    if _BRACKETS.isdisjoint(s):
        return [p.strip() for p in s.translate(_TO_FIRST_SPLIT).split("、") if p.strip()]
    parts: list[str] = []
    depth = 0
    cur: list[str] = []
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


_COUNT_END = cached_re(r"\d\s{0,2}\S$")   # 新建幼儿园3所, 改造泵站2座: a count, not a name


def unit_like(u: str) -> bool:
    """A short name ending with a unit suffix (局, 委, 办, 政府, ...), not with a count (3所)."""
    u = _WS.sub("", u)
    return 1 < len(u) <= S.unit_name_max and u.endswith(V.UNIT_SUFFIX) and "。" not in u and ":" not in u \
        and not _COUNT_END.search(u)


def split_units(text: str) -> list[str]:
    """``市发改委、市府办(市大数据局)`` -> ``['市发改委', '市府办', '市大数据局']``."""
    out: list[str] = []
    for part in split_top(fold(text)):
        extra: list[str] = []
        base = part
        for _ in range(3):  # strip trailing bracket groups: aliases or notes
            m = _trail_group(base)
            if not m:
                break
            inner = m.group("inner")
            base = m.group("base").strip()
            if any(w in inner for w in V.NOTE_WORDS):
                continue
            subs = split_top(inner)
            if subs and all(unit_like(x) for x in subs):
                extra = subs + extra
            else:
                base = part  # a bracket that is part of the name, e.g. 各县(区)政府
                break
        for u in [base] + extra:
            u = _drop_person(u)
            u = _WS.sub("", u).strip("。.:")
            for v in _unglue(u):
                if v and v not in out and len(v) <= 40:
                    out.append(v)
    return out


def _drop_person(u: str) -> str:
    """``市民政局 伍泽国`` -> ``市民政局``: a person's name (2-4 Han characters) after a unit is
    not part of it."""
    parts = u.split()
    if len(parts) == 2 and 2 <= len(parts[1]) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in parts[1]) \
            and unit_like(parts[0]) and not unit_like(parts[1]):
        return parts[0]
    return u


def _unglue(u: str) -> list[str]:
    """``市发改委市自规局市财政局`` -> three units: split where a unit ending (局, 委, ...) is
    followed by a unit start (市, 区, ...), when every piece is a unit name."""
    if len(u) < 6 or not V.GLUE_ENDS:
        return [u]
    cuts = [i for i in range(3, len(u) - 2)
            if u[:i].endswith(V.GLUE_ENDS) and u[i:].startswith(V.GLUE_STARTS)]
    parts = [u[a:b] for a, b in zip([0] + cuts, cuts + [len(u)], strict=False)]
    if len(parts) > 1 and all(len(p) >= 3 and unit_like(p) for p in parts):
        return parts
    return [u]


def units_of_cell(text: str) -> list[str]:
    """The units of a unit cell whose lines (``\\n``) are separate entries."""
    return list(_cell_units(text)) if text else []


@per_vocabulary
def _cell_units(text: str) -> tuple[str, ...]:
    return tuple(split_units("、".join(x.rstrip("。;；") for x in text.split("\n"))))


def is_unit_cell(f: str) -> bool:
    """A folded line that is a list of unit names (at most one part of 3+ not unit-like)."""
    if not f or len(f) > 120 or "。" in f or "!" in f or "?" in f or ":" in f:
        return False
    return _unit_list(f)


@per_vocabulary
def _unit_list(f: str) -> bool:
    if V.MARKER_START.match(f):
        return False
    parts = split_top(f)
    if not parts:
        return False
    ok = 0
    for p in parts:
        m = _trail_group(p)
        base = m.group("base") if m and m.group("base") else p
        if len(_WS.sub("", base)) > S.unit_name_max:
            return False
        if unit_like(base) or unit_like(p):
            ok += 1
    return ok == len(parts) or (len(parts) >= 3 and ok >= len(parts) - 1)


# one figure of an indicator cell: a few words, a number, its unit or %; or a dash (no figure)
_FIGURE_PART = cached_re(r"^(?:\D{0,6}[-+]?\d+(?:\.\d+)?\s{0,2}[%‰]?\D{0,4}|[-—–/])$")


def is_figure_cell(f: str) -> bool:
    """A folded cell of figures (``4297.8亿元;增速6.2%``, ``74.5%``, ``—;增速0.7%``): its parts
    hold a number each (a dash where there is none); never a unit name."""
    parts = [p.strip() for p in re.split(r"[;,、]", f) if p.strip()]
    return bool(parts) and any(ch.isdigit() for ch in f) and all(_FIGURE_PART.match(p) for p in parts) \
        and not is_unit_cell(f)


def is_alias_line(f: str) -> bool:
    """``(市大数据局)`` on a line of its own: the alias of the unit above."""
    m = _ALIAS.match(f)
    return m is not None and all(unit_like(x) for x in split_top(m.group("u")))


def bracketed_tag(f: str, start: int = 0, within: int = S.tagged_max) -> Optional[tuple[int, int, int]]:
    """(start of the tag, start of its units, its closing bracket) of the first bracketed lead-unit
    tag in folded ``f`` from ``start`` (``(牵头单位:市发展改革委)``), opening at most ``within``
    characters after ``start``, whose units fit a unit cell and close the bracket; None otherwise.
    An item of prose may put it between its task and its progress:
    ``1.地区生产总值增长7%。(牵头单位:市发展改革委)上半年,增长5.6%。``"""
    m = V.TAG_BR.search(f, start, start + within + 12)
    if m is None or m.start() - start > within:
        return None
    close = next((i for i in range(m.end(), min(len(f), m.end() + 2 * S.unit_cell_max + 1)) if f[i] in ")]"), -1)
    if close <= m.end() or not split_units(V.TAG_BARE.sub("", f[m.end():close])):
        return None
    return m.start(), m.end(), close


def inline_units(text: str) -> Optional[tuple[int, list[str]]]:
    """(end of content, units) when ``text`` ends with a lead-unit tag."""
    f = fold(text).rstrip()
    off = max(0, len(f) - _TAIL)
    tail = f[off:]
    if ":" not in tail:
        return None                       # every tag ends with a colon
    last = None
    for m in V.TAG_BR.finditer(tail):
        last = m
    if last is not None and tail[-1] in ")]":
        # one tag per level: (市级牵头单位:市发展改革委;区级牵头单位:区发改局)
        inner = V.TAG_BARE.sub("", tail[last.end():-1])
        units = split_units(inner)
        if units:
            return off + last.start(), units
    last = None
    for m in V.TAG_BARE.finditer(tail):
        last = m
    if last is not None:
        rest = tail[last.end():]
        if "。" not in rest and len(rest) <= 300:
            units = split_units(rest)
            if units:
                return off + last.start(), units
    return None
