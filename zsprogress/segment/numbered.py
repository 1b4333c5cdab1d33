"""Family ``numbered``: numbered items in prose, no table at all.

    (一)稳增长
    1.全年地区生产总值增长6.5%左右。上半年地区生产总值增长6.1%。
    2.新增城镇就业5000人。上半年新增城镇就业2860人,完成年度任务的57.2%。

An item opens with a number (``1.`` ``1、`` ``(1)`` ``①``); the lines after it up to the next
item or heading belong to it. Its task is its first sentence (up to ``。`` or ``;``) and its
progress the rest; an item of one sentence is split where a clause opens with a progress cue
(``patterns/layout.toml`` ``[progress_opening]``: ``,已完成…``, ``,截至6月底…``), and an item with
neither is all task, its progress in the lines under it. Headings (``一、`` ``(一)``, short and
without a figure) name the sections. The lines before the first item or heading are prose.

A reading needs at least two items numbered in sequence, and items carrying figures (most
of them hold a digit): a numbered list of plain words is no report of targets. Tried with
the other prose families when no table family recognised the report; the readings' scores choose.
A title of the genre must stand above the items (numbered facts in a news story are no tasks).
Numbered paragraphs of a notice's explanation (``说明 1.…是对…的逐条细化分解``) mostly hold no figure.
"""

from __future__ import annotations

from typing import Optional

from ..layout_vocab import CN_NUM, V, cached_re
from ..markers import cn_value
from ..normalize import fold
from .settings import DEFAULT
from .shapes import CN_HEADING, PAREN_HEADING, Line, is_chrome, leader_heading, strip_cn_ordinal
from .table import Row, Table, set_cell
from .units import bracketed_tag

_ITEM = cached_re(r"^(?:(?P<n>\d{1,3})\s{0,2}[.、](?!\d)|[(]\s{0,2}(?P<p>\d{1,3})\s{0,2}[)]|(?P<c>[①-⑳]))\s{0,2}(?=\S)")
# with no item numbered as above: (一) items carrying figures under 一、 headings are the tasks
_CN_ITEM = cached_re(rf"^[(]\s{{0,2}}(?P<z>[{CN_NUM}]{{1,3}})\s{{0,2}}[)]\s{{0,2}}(?=\S)")
_SENTENCE_END = cached_re(r"[。;!?]")
_YEAR = cached_re(r"(?:19|20)\d{2}\s{0,2}年(?:度)?")  # 2022年: the report's year, no figure of a task
_COLS = ["content", "progress"]


def _item_no(m) -> int:
    if "z" in m.re.groupindex:
        return cn_value(m.group("z"))
    if m.group("n") or m.group("p"):
        return int(m.group("n") or m.group("p"))
    return ord(m.group("c")) - ord("①") + 1


def _is_heading(ln: Line) -> bool:
    """``一、稳增长`` / ``(一)惠民生``: short, no figure (a figure makes it an item of prose)."""
    if not (CN_HEADING.match(ln.f) or PAREN_HEADING.match(ln.f)):
        return False
    return len(ln.f) <= DEFAULT.heading_max and not any(ch.isdigit() for ch in ln.f)


def split_item(raw: str, f: str) -> tuple[str, str]:
    """(task, progress) of an item's text after its number: the first sentence and the rest, or,
    for one sentence, the clauses before and from the first progress cue (see the module doc)."""
    end = _SENTENCE_END.search(f)
    if end is not None and f[end.end():].strip():
        return raw[:end.end()].strip(), raw[end.end():].strip()
    cue = V.PROGRESS_OPENING.search(f)
    if cue is not None and cue.start() > 0:
        return raw[:cue.start()].rstrip(" ,，"), raw[cue.start():].lstrip(" ,，")
    return raw.strip(), ""


_ENTRY = cached_re(r"(?:^|[;,])\s{0,2}\d{1,3}\s{0,2}[、.](?!\d)[^;,]{0,12}(?=[;,。]|$)")


def _is_ranking(f: str) -> bool:
    """Several short numbered entries on one line (``1、金寨县;2、裕安区;3、霍山县。``): a ranking,
    no task."""
    return len(_ENTRY.findall(f)) >= 2 and len("".join(_ENTRY.findall(f))) >= len(f.rstrip("。")) - 2


def _items(L: list[Line], rx) -> list[int]:
    return [i for i, ln in enumerate(L) if rx.match(ln.f) and len(ln.f) > 6 and not is_chrome(ln.f)
            and not _is_ranking(ln.f) and not _is_heading(ln)]


def _has_figure(lines: list[Line], rx) -> bool:
    """Whether an item's lines hold a figure: a digit after its number, years aside."""
    m = rx.match(lines[0].f)
    texts = [lines[0].f[m.end() if m else 0:]] + [x.f for x in lines[1:]]
    return any(ch.isdigit() for t in texts for ch in _YEAR.sub("", t))


def _worth_reading(L: list[Line], items: list[int], rx) -> bool:
    """Two items numbered in sequence, most of them with a figure in their lines."""
    if len(items) < 2:
        return False
    nos = [_item_no(rx.match(L[i].f)) for i in items]
    if not any(b == a + 1 for a, b in zip(nos, nos[1:], strict=False)):
        return False
    bounds = items[1:] + [len(L)]
    with_figure = sum(1 for a, b in zip(items, bounds, strict=True) if _has_figure(L[a:b], rx))
    return 2 * with_figure > len(items)


def _row(ln: Line, more: list[Line], rx) -> Row:
    """The row of an item line and the lines under it."""
    m = rx.match(ln.f)
    assert m is not None
    task, progress = split_item(ln.raw[m.end():], ln.f[m.end():])
    br = bracketed_tag(fold(progress), 0, within=0)
    if br is not None:   # 1.任务。(牵头单位:市发改委)进展…: the tag ends the task, where the builder cuts it
        task, progress = task + progress[:br[2] + 1], progress[br[2] + 1:].lstrip(" ,，;；")
    row = Row(_item_no(m), ln.no)
    rest = [x.raw for x in more]
    set_cell(row, "content", [task])
    set_cell(row, "progress", ([progress] if progress else []) + rest)
    last = more[-1] if more else ln
    row.last_kind, row.last_text = ("progress" if progress or rest else "content"), last.f
    return row


def _of_the_genre(lines: list[Line]) -> bool:
    """A title of the genre above the items (``…政府工作报告重点工作…进展情况``, the words of
    ``[notice]`` in patterns/layout.toml): numbered facts in a news story are no tasks."""
    return any(len(x.f) <= 80 and "。" not in x.f and V.NOTICE.search(x.f) for x in lines)


def read_numbered(L: list[Line]) -> Optional[Table]:
    rx = _ITEM
    items = _items(L, rx)
    if not _worth_reading(L, items, rx):
        rx = _CN_ITEM
        items = _items(L, rx)
    if not _worth_reading(L, items, rx) or not _of_the_genre(L[:items[0]]):
        return None
    first = items[0]
    heads = [j for j in range(first) if _is_heading(L[j])]
    start = heads[-1] if heads and all(_is_heading(L[j]) or is_chrome(L[j].f) for j in range(heads[-1], first)) \
        else first
    tbl = Table("numbered", L[start:])
    tbl.header([V.HEADER_WORD[k] for k in ["seq"] + _COLS], ["seq"] + _COLS, None)
    tbl.prose = [ln for ln in L[:start] if not is_chrome(ln.f)]
    i = start
    while i < len(L):
        ln = L[i]
        if is_chrome(ln.f):
            i += 1
            continue
        if _is_heading(ln):
            h = leader_heading(ln.f)
            tbl.heading((strip_cn_ordinal(ln.raw), h[1] if h else None, h[2] if h else None), ln.no)
            tbl.assigned.add(ln.no)
            i += 1
            continue
        if i not in items:          # a line between headings and items: prose of the report
            tbl.prose.append(ln)
            i += 1
            continue
        j = i + 1
        while j < len(L) and j not in items and not _is_heading(L[j]):
            j += 1
        more = [x for x in L[i + 1:j] if not is_chrome(x.f)]
        tbl.row(_row(ln, more, rx), _COLS)
        tbl.assigned.update(x.no for x in L[i:j])
        i = j
    return tbl if tbl.rows else None


__all__ = ["read_numbered", "split_item"]
