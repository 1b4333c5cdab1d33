"""Shapes of lines every text family shares: source lines, page chrome, header cells, leader and
``一、`` headings, label lines.

Text is kept as in the source (no width folding): a :class:`Line` keeps the stripped source
text and a width-folded copy (full-width ASCII -> half-width, NBSP/ideographic space -> space,
【】 -> []) whose characters correspond one to one with the source, so spans carry over; matching
is done on the folded copy.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Optional

from ..layout_vocab import CN_NUM, V, cached_re, per_vocabulary
from ..normalize import fold
from .settings import DEFAULT as S

Heading = tuple[str, Optional[str], Optional[str]]   # (heading text, leader, leader title)


@dataclass(slots=True)
class Line:
    no: int      # 1-based line number in the source
    raw: str     # source text, surrounding whitespace stripped
    f: str       # folded raw
    lead: str = ""  # the whitespace stripped from the start (column offsets of aligned text)


def lines_of(text: str) -> list[Line]:
    """The non-blank lines of a text."""
    out = []
    for i, (raw, folded) in enumerate(zip(text.split("\n"), fold(text).split("\n"), strict=True), 1):
        s = raw.strip()
        if s:
            a = raw.find(s)               # the first occurrence is where the stripped text starts
            out.append(Line(i, s, folded[a:a + len(s)], raw[:a]))
    return out


_BREADCRUMB = cached_re(r"^[^。]{0,200}>\s{0,3}$")


def is_chrome(f: str) -> bool:
    """Page chrome (当前位置:, 索引号, 发布日期, • bullets, breadcrumbs, ...): never a task."""
    if V.CHROME_RE.match(f):
        return True
    if len(f) > S.row_line_max or ">" not in f:
        return False
    return (f.count("> ") >= 2 and "。" not in f) or bool(_BREADCRUMB.match(f))


# a row number alone in its cell: 1, 1., 1、, (1), 1), 第1项 (the number is group 1)
SEQ_LINE = cached_re(r"^(?:第\s{0,2})?[(]?\s{0,2}(\d{1,3})\s{0,2}(?:[.、)]|项)?$")
MD_RULE = cached_re(r"^\|?(?:\s{0,3}:?-{2,}:?\s{0,3}\|){1,40}\s{0,3}(?::?-{2,}:?\s{0,3})?$|^:?-{3,}:?$")
END_OK = set("。!?;…;.！？；”」』\"')]》>")


def header_kind(f: str) -> Optional[str]:
    """The column kind a header cell names (seq, content, units, progress, ...), or None."""
    if len(f) > S.spaced_header_cell_max:
        return None
    s = _SPACES.sub("", f.strip(" |"))   # 任 务 名 称, 分管 领导: words spaced out to fill a cell
    if not s or len(s) > S.header_cell_max or "。" in s or ":" in s:   # a caption (表1:…) is no header cell
        return None
    if V.ITEM_COUNT.search(s):          # a heading counting its tasks (综合指标类9项) is no header cell
        return None
    return _header_kind(s)


_SPACES = cached_re(r"\s+")
# a cell that could name a column though the vocabulary does not know its word: short, Han or
# Latin letters with maybe a month range or a % (备注说明, 要点摘录, KPI, 增长%), no sentence
_HEADERISH = cached_re(r"^(?=.{0,11}[\u4e00-\u9fffA-Za-z])[\u4e00-\u9fffA-Za-z0-9()（）/、%\-~ ]{2,12}$")


def is_headerish(f: str) -> bool:
    s = f.strip(" |")
    return bool(_HEADERISH.match(s)) and not leader_heading(s) and not is_leader_cell(s, bare_names=False)


def wraps_word(a: str, b: str) -> bool:
    """Whether a header word of the vocabulary runs on from ``a`` into ``b`` (牵头 / 单位, 目标 /
    要求, 工 / 作 成 效): one of its words starts in ``a`` and ends in ``b`` (任务内容 / 单位 holds
    two whole words, 责任处室 / 要求 one and a rest)."""
    a, b = _SPACES.sub("", a), _SPACES.sub("", b)
    s, p = a + b, len(a)
    return any(0 <= (i := s.find(w, max(0, p - len(w) + 1))) < p < i + len(w) for w in V.HDR_WORDS if len(w) >= 2)


def is_leader_cell(f: str, bare_names: bool = True) -> bool:
    """A leader cell: a name with its title (毛江平常务副市长, 常务副市长 毛江平) or, with
    ``bare_names``, a bare name of 2-3 characters."""
    s = f.strip().replace(" ", "")
    if not 2 <= len(s) <= 20 or re.search(r"[\d。;,:]", s):
        return False
    if not re.fullmatch(r"[\u4e00-\u9fff()、]+", s):
        return False
    for t in V.TITLES:
        if (s.endswith(t) and 2 <= len(s) - len(t) <= 4) or (s.startswith(t) and 2 <= len(s) - len(t) <= 4):
            return True
    # a bare name: 2-3 characters that do not read as a unit (市府办, 财政局)
    return bare_names and 2 <= len(s) <= 3 and not s.endswith(V.GLUE_ENDS) and not s.startswith(V.GLUE_STARTS)


def header_row_kinds(cells: list[str], min_known: int = 2) -> Optional[list[str]]:
    """The column kind of each cell of a row (folded texts) when the row is a header row: at
    least ``min_known`` cells name a kind, one of them the task or progress column, and every
    other cell could be a header word (:func:`is_headerish`). An unknown cell is a column of its
    own (``other``, kept aside), except that the first unknown cell before every task, unit and
    progress column is the task column when the row names none (要点摘录), and the last unknown
    cell after all of them the progress column when the row names none (情形)."""
    kinds = [header_kind(c) for c in cells]
    known = [k for k in kinds if k and k != "other"]
    if len(known) < min_known:
        return None
    unknown = [i for i, k in enumerate(kinds) if k is None]
    if any(not is_headerish(cells[i]) for i in unknown) or len(unknown) > len(known):
        return None
    out = infer_unknown(kinds)
    return out if {"content", "progress"} & set(out) else None


def infer_unknown(kinds: list[Optional[str]]) -> list[str]:
    """Header kinds with each unknown column (None) named: the first unknown column before
    every task, unit and progress column is the task column when no column is, the last one
    after all of them the progress column when no column is; any other is ``other``."""
    kinds = list(kinds)
    unknown = [i for i, k in enumerate(kinds) if k is None]
    core = [i for i, k in enumerate(kinds) if k in ("content", "progress", "units", "target")]
    if "content" not in kinds and unknown and core and unknown[0] < core[0]:
        kinds[unknown[0]] = "content"
    if "progress" not in kinds and unknown and core and unknown[-1] > core[-1] and kinds[unknown[-1]] is None:
        kinds[unknown[-1]] = "progress"
    return [k or "other" for k in kinds]


@per_vocabulary
def _header_kind(s: str) -> Optional[str]:
    if s in V.SEQ_WORDS:
        return "seq"
    if not V.HDR_ANY.search(s):
        return None
    for kind, rx in V.HDR_RULES:
        if rx.search(s):
            return kind
    return None


class KeptAside(str):
    """The kind ``other`` of one column of a header (a deadline, an investment, a person, a
    header nobody listed): equal to ``"other"`` wherever a family compares kinds, it also
    carries its column's ``slot``, so a row keeps each such cell apart (``Row.kept``) and
    the grid gets its text, which the builder puts in ``Task.extra`` under the column's header
    instead of dropping it."""

    slot: int

    def __new__(cls, slot: int) -> KeptAside:
        obj = super().__new__(cls, "other")
        obj.slot = slot
        return obj

    def __getnewargs__(self) -> tuple[int]:          # type: ignore[override]
        return (self.slot,)


def columns(kinds: list[str]) -> list[str]:
    """Column kinds of a header row (seq excluded): a second content-like column is the target,
    a second unit column (责任单位 beside 牵头单位) the co-units; other repeats are 'other'.
    Each 'other' is a :class:`KeptAside` of its own slot: its cells are kept apart and
    reach ``Task.extra``."""
    cols = [k for k in kinds if k != "seq"]
    seen: set[str] = set()
    out: list[str] = []
    for i, k in enumerate(cols):
        if k in seen:
            # a second content-like column is the target (目标任务 next to 工作内容)
            second = {"content": "target", "units": "co_units"}.get(k)
            if second and second not in seen:
                out.append(second)
                seen.add(second)
            else:
                out.append(KeptAside(i))
            continue
        seen.add(k)
        out.append(KeptAside(i) if k == "other" else k)
    return out


# leader headings and Chinese-ordinal headings
CN_HEADING = cached_re(rf"^[{CN_NUM}]{{1,3}}\s{{0,2}}、\s{{0,2}}(?P<t>[^。;]{{1,40}})$")
PAREN_HEADING = cached_re(rf"^[(（]\s{{0,2}}[{CN_NUM}]{{1,3}}\s{{0,2}}[)）]\s{{0,2}}(?P<t>[^。;]{{1,40}})$")


def leader_heading(f: str) -> Optional[Heading]:
    """(heading text, leader, title) when ``f`` is a leader heading line: a name with a verb and
    an ending (徐仁标市长牵头重点工作, 王小明同志负责的重点工作任务: the name may come without a
    title); a titled name with a verb or a count and no ending (王强副市长分管(3项), 副市长王强
    分管); a category with its titled or labelled leader in brackets (经济发展(张伟副县长))."""
    if len(f) > S.heading_max or not V.HEADING_HINT.search(f):
        return None
    m = V.HEADING.match(f)
    if m and m.group("verb") and m.group("end"):
        who = "".join(m.group("who").split())
        named = titled_name(who)
        if named is not None:
            return f, *named
        return (f, who, None) if 2 <= len(who) <= 4 else (f, None, None)
    if m and (m.group("verb") or m.group("count")) and not m.group("end"):
        named = titled_name("".join(m.group("who").split()))
        return (f, *named) if named is not None else None
    m = V.HEADING_BRACKET.match(f)
    if m:
        who = "".join(m.group("who").split())
        named = titled_name(who)
        if named is not None:
            return f, *named
        if m.groupdict().get("label") and 2 <= len(who) <= 4:
            return f, who, None
    return None


def titled_name(who: str) -> Optional[tuple[str, str]]:
    """(name, title) of a name followed or preceded by a leader title (王强副市长, 市长王强), the
    name of two to four characters (three when the title comes first); None otherwise."""
    for t in V.TITLES:
        if who.endswith(t) and 2 <= len(who) - len(t) <= 4:
            return who[: -len(t)], t
    for t in V.TITLES:
        if who.startswith(t) and 2 <= len(who) - len(t) <= 3:
            return who[len(t):], t
    return None


def strip_cn_ordinal(s: str) -> str:
    return re.sub(rf"^(?:[{CN_NUM}]{{1,3}}\s{{0,2}}[、.]\s{{0,2}}|[(（]\s{{0,2}}[{CN_NUM}]{{1,3}}\s{{0,2}}[)）]\s{{0,2}})",
                  "", s)


def label(f: str) -> Optional[tuple[str, int]]:
    """(kind, end of the label) when ``f`` starts with a label (``责任单位:``, ``完成情况:``), or
    with a label's words in brackets (``【牵头单位】``, folded to ``[牵头单位]``, with or without a
    colon after them)."""
    b = bracket_key(f)
    if b is not None:
        got = label(b[0] + ":")
        if got is not None and got[1] == len(b[0]) + 1:   # the whole key is a label
            return got[0], b[1]
    if ":" not in f:
        return None                       # every label ends with a colon
    for kind, rx in V.LABELS:
        m = rx.match(f)
        if m:
            return kind, m.end()
    # a label the label words do not list, named like a header cell (牵头责任单位:, 牵 头 单 位:,
    # 工作成效:): its key, spaces removed, names a column of the header vocabulary
    m = _LABEL_KEY.match(f)
    if m:
        kind = header_kind(m.group(1))
        if kind in _LABEL_KINDS:
            return kind, m.end()
        spaced = _spaced_label(m.group(1))
        if spaced is not None:
            return spaced, m.end()
    return None


def _spaced_label(key: str) -> Optional[str]:
    """The kind of a label whose words are spaced out (牵头 领导:, 存 在 问 题:): the key with its
    spaces removed is a whole label of the label words."""
    bare = "".join(key.split())
    if bare == key:
        return None
    for kind, rx in V.LABELS:
        m = rx.match(bare + ":")
        if m and m.end() == len(bare) + 1:
            return kind
    return None


_LABEL_KEY = cached_re(r"^([^:。;,]{2,16}?)\s{0,2}:\s{0,2}")
_BRACKET_KEY = cached_re(r"^[\[〔〖]\s{0,2}([^\[\]〔〕〖〗:]{2,16}?)\s{0,2}[\]〕〗]\s{0,2}:?\s{0,3}")


def bracket_key(f: str) -> Optional[tuple[str, int]]:
    """(key, end) when folded ``f`` starts with words in brackets and an optional colon: a label
    or a record's key printed in 【】 instead of before a colon (``【牵头单位】区人社局``,
    ``【任务一】新增城镇就业1.5万人``). Whether the key names a field is the caller's question."""
    if f[:1] not in "[〔〖":
        return None
    m = _BRACKET_KEY.match(f)
    return (m.group(1), m.end()) if m else None


def kept_label(f: str) -> Optional[tuple[str, int]]:
    """(name, end of the label) when ``f`` starts with a label of a column kept aside
    (``完成时限:``, ``责 任 人:``, ``总投资:``: a header word of kind ``other``): the name is the
    label's words, spaces removed; its text is kept on the task (``extra``)."""
    if ":" not in f:
        return None
    m = _LABEL_KEY.match(f)
    if m and header_kind(m.group(1)) == "other":
        return "".join(m.group(1).split()), m.end()
    return None
# the header kinds a label may stand for (a task is a numbered line, never a label; a leader or
# a problem is a label only by the label words: 领导小组:, 问题: are text)
_LABEL_KINDS = ("units", "co_units", "progress", "target", "status", "next_steps")


DECOR = " |*#\t"


_ORDINAL_ROW = cached_re(rf"^\s{{0,3}}(?P<o>[{CN_NUM}]{{1,3}}|[(（]\s{{0,2}}[{CN_NUM}]{{1,3}}\s{{0,2}}[)）])"
                         rf"[、.]?(?:\s*[\t|｜]\s*|\s{{2,}})(?P<t>[^\t|｜]+?)[\s|｜]*$")


def ordinal_row(bare: str) -> str:
    """A table row that is a category heading, its ordinal in the number column and its name
    in the next cell, the other cells empty (``一 | 经济发展 | | ``, ``一<tab>经济发展``), as the
    heading line it stands for (``一、经济发展``); any other text as it is."""
    m = _ORDINAL_ROW.match(bare)
    if m is None:
        return bare
    o = m.group("o")
    return f"{o}{'' if o[-1] in ')）' else '、'}{m.group('t').strip()}"


def is_ordinal_row(bare: str) -> bool:
    """Whether a table row is a category heading of :func:`ordinal_row`'s shape."""
    return _ORDINAL_ROW.match(bare) is not None


def section_heading(L: list[Line], i: int, bare: str, is_row: Callable[[str], bool],
                    is_header: Callable[[str], bool]) -> Optional[Heading]:
    """(heading, leader, title) for a leader heading, or an ``一、…``/``(一)…`` heading that
    comes right before a row or a header row (also printed as a row: :func:`ordinal_row`);
    ``bare`` is source text, the ordinal is cut."""
    bare = ordinal_row(bare)
    f = fold(bare)
    if len(f) > S.heading_max:
        return None
    h = leader_heading(f)
    if h:
        return strip_cn_ordinal(bare), h[1], h[2]
    if (CN_HEADING.match(f) or PAREN_HEADING.match(f)) and not f.endswith(":") and not label(f):
        for j in range(i + 1, min(len(L), i + 4)):
            if is_chrome(L[j].f):
                continue
            if is_row(L[j].f) or is_header(L[j].f):
                return strip_cn_ordinal(bare), None, None
            break
    return None


def open_at_heading(L: list[Line], first: int) -> int:
    """The table region opens at a leader heading just before its first header row."""
    for j in range(first - 1, max(-1, first - 4), -1):
        if leader_heading(fold(L[j].raw.strip(DECOR))):
            return j
    return first
