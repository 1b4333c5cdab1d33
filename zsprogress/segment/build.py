"""The one builder: a :class:`~zsprogress.grid.Page` (grids of cells) -> tasks.

Contract (every reader, text family or binary format, relies on it):

- ``build(page)`` walks ``page.blocks`` in order. A ``str`` block opens a section when it is a
  leader heading (``徐仁标市长牵头重点工作``) or an ``一、``/``(一)`` heading; other prose is not
  a task. Sections are numbered 1, 2, ... across the whole page (0 before the first one).
- In a :class:`~zsprogress.grid.Grid`, spans are resolved with ``filled()``. The column kinds
  come from the header rows (the first ``header_rows`` rows; when 0, the first row with two or
  more header cells, one of them a content or progress column): for each column the lowest
  header cell that names a kind (``patterns/layout.toml`` ``[[header]]``), else ``other``. A
  row repeating the header (a table broken over pages: 序号 in the seq column, every other cell a
  header of its column) is skipped.
- A row whose slots all hold one non-empty cell (a cell spanning the grid) is a section heading;
  its text is the section as printed. A category column (类别) or a leader column (分管市领导)
  opens a section where its text changes (a cell spanning rows is one group; a leader column
  only in a grid without heading rows, which are its sections then); a leader cell gives
  the task's ``leader`` (and ``leader_title`` when it carries one). Other rows with any text are tasks: ``seq`` is the number in
  the seq column, ``content``, ``progress``, ``target``, ``status``, ``problems``,
  ``next_steps`` the texts of those columns (an empty optional cell is ``None``; in an
  indicator table a figure-only target or progress cell is read with the row's unit of measure,
  ``4297.8`` under 单位 ``亿元``: ``4297.8亿元``), ``lead_units``
  the unit column split into units, then the units of a lead-unit tag ending the content cell
  (``…(牵头单位:市财政局)``, cut from ``content``). A task's ``line`` is the first source line a
  cell of its row has (0 for binary formats, whose cells have ``pos``).
- A grid with no header of its own after one as wide (a table broken at a page) is read with
  that header's columns. A grid numbered from 1 again (a table per group: a sheet, a leader's
  table) opens a section when nothing in it does, named by its sheet (not ``Sheet1``), its
  caption or a title row spanning it; on a page of such grids the first one is a section too.
- Ids: ``T{section}.{seq}``; unnumbered rows ``T{section}.n{k}`` (k-th in its section); a number
  printed twice in a section gets ``b``, ``c``, ... on its later occurrences.

- A column under a header cell spanning several (``上半年实绩`` over ``绝对值`` / ``增速(%)``) adds
  its figure to the field of the first, named by its own header: ``4297.8亿元;增速6.2%``.
- A header with a place column (``市州``) is a place x indicator matrix: one task per row, the
  place its ``content``, the indicators its target and progress texts (``matrix``).

``build`` never looks at source lines, so a grid from HTML, DOCX, XLSX or PDF builds the same
way as one from text. ``diagnose`` gives the findings every format shares (seq gaps and
duplicates, tasks without progress).
"""

from __future__ import annotations

from typing import Optional

from ..grid import Cell, Grid, Page
from ..layout_vocab import V, cached_re
from ..models import Diagnostic, Task
from ..normalize import fold
from .items import split_items
from .matrix import indicator_texts, matrix_kinds, name_unit
from .meta import period_of
from .settings import DEFAULT as S
from .shapes import (
    CN_HEADING,
    PAREN_HEADING,
    SEQ_LINE,
    Heading,
    columns,
    header_kind,
    header_row_kinds,
    infer_unknown,
    label,
    leader_heading,
)
from .units import inline_units, units_of_cell

_BARE_FIGURE = cached_re(r"^\s*\d+(?:\.\d+)?\s*$")


def leader_of(text: str) -> tuple[Optional[str], Optional[str]]:
    """(leader, title) of a leader cell: ``毛江平``, ``常务副市长 毛江平``, ``毛江平(常务副市长)``;
    several names stay as printed."""
    s = fold(text).strip().strip("。;")
    s = s.replace("(", " ").replace(")", " ").strip()
    bare = s.replace(" ", "")
    if bare in V.TITLES:
        return None, bare             # a title without a name (常务副市长)
    for t in V.TITLES:
        if bare.endswith(t) and 2 <= len(bare) - len(t) <= 4:
            return bare[: -len(t)], t
        if bare.startswith(t) and 2 <= len(bare) - len(t) <= 4:
            return bare[len(t):], t
    return (bare if len(bare) <= 4 else text.strip()), None


def _heading_of(text: str) -> Heading:
    h = leader_heading(fold(text))
    return (text, h[1], h[2]) if h else (text, None, None)


def is_prose_heading(text: str) -> bool:
    f = fold(text.strip())
    if leader_heading(f):
        return True
    return len(f) <= S.heading_max and bool(CN_HEADING.match(f) or PAREN_HEADING.match(f)) \
        and not f.endswith(":") and not label(f)


def _header_kinds(rows: list[list[Cell]]) -> list[str]:
    """Per column: the lowest header cell naming a kind; an unknown column is named by its
    place (:func:`~.shapes.infer_unknown`: the task or progress column a header lacks) or
    'other'. An empty header cell (a seq column printed without 序号) stays 'other'."""
    width = max((len(r) for r in rows), default=0)
    out: list[Optional[str]] = []
    for j in range(width):
        kind = None
        for r in reversed(rows):
            kind = header_kind(fold(r[j].text)) if j < len(r) else None
            if kind:
                break
        blank = all(j >= len(r) or not r[j].text.strip() for r in rows)
        out.append(kind or ("other" if blank else None))
    return infer_unknown(out)


_BARE_NUMBER = cached_re(r"^[\d.%\s-]+$")


def _is_header_row(row: list[Cell]) -> bool:
    distinct = [c for i, c in enumerate(row) if c.text.strip() and all(c is not d for d in row[:i])]
    if matrix_kinds([fold(c.text.strip()) for c in distinct]):
        return True
    return len(distinct) >= 2 and header_row_kinds([fold(c.text.strip()) for c in distinct]) is not None


def _header_depth(filled: list[list[Cell]], n: int) -> int:
    """The header's rows: the ``n`` found, and each row under them that a header cell spans down
    into (编号 | 重点任务 over two rows, beside 上半年推进情况 over 进展情况 | 完成比例), when its
    own cells are short and none is a bare number (a row number or a figure starts a data row;
    a header cell never spans down into one)."""
    while n < min(len(filled), S.header_rows_max):
        above, row = filled[n - 1], filled[n]
        own = [c.text.strip() for c, a in zip(row, above, strict=False) if c is not a and c.text.strip()]
        if not own or not any(c is a and c.text.strip() for c, a in zip(row, above, strict=False)):
            break
        if any(len(t) > S.header_cell_max or _BARE_NUMBER.match(fold(t)) for t in own):
            break
        n += 1
    return n


def _repeats_header(row: list[Cell], kinds: list[Optional[str]]) -> bool:
    """A header row printed again (a table broken over pages): its seq cell is a seq word (序号)
    when the table has a seq column, and every other filled cell names its column's kind."""
    if "seq" in kinds and fold(row[kinds.index("seq")].text.strip()) not in V.SEQ_WORDS:
        return False
    named = [(header_kind(fold(c.text)), k) for c, k in zip(row, kinds, strict=False) if c.text.strip() and k != "seq"]
    return len(named) >= 2 and all(h is not None and (h == k or k == "other") for h, k in named)


def _layout_of(grid: Grid, filled: list[list[Cell]]) -> tuple[int, list[Optional[str]]]:
    """(number of header rows, kind of each column: 'seq', a task field, or None)."""
    n = grid.header_rows
    if n == 0:
        n = next((i + 1 for i, r in enumerate(filled[:10]) if _is_header_row(r)), 0)
    if n == 0:
        return 0, []
    n = _header_depth(filled, n)
    matrix = matrix_kinds([fold(c.text.strip()) for c in filled[n - 1]])
    if matrix:
        return n, list(matrix)
    kinds = _latest_period(_header_kinds(filled[:n]), _header_names(filled, n))
    cols = iter(columns(kinds))
    return n, [k if k == "seq" else next(cols) for k in kinds]


def _sub_columns(filled: list[list[Cell]], n: int, kinds: list[Optional[str]]) -> dict[int, tuple[str, str]]:
    """Columns under a header cell spanning several (上半年实绩 over 绝对值 / 增速(%)), the
    first excepted: column -> (the field of the first, its own header text)."""
    out: dict[int, tuple[str, str]] = {}
    if n < 2:
        return out
    top, low = filled[n - 2], filled[n - 1]
    if all(c is top[0] for c in top):
        return out                         # a title row over the whole table
    for j in range(1, len(kinds)):
        if top[j] is top[j - 1] and low[j] is not low[j - 1] and header_kind(fold(top[j].text.strip())):
            if kinds[j] == "status" and kinds[j - 1] != "status":
                continue                   # its own role: a rate or status column (完成比例) under 进展情况
            field = out[j - 1][0] if j - 1 in out else kinds[j - 1]
            if field:
                out[j] = (field, low[j].text)
    return out


def _figure_columns(filled: list[list[Cell]], n: int, kinds: list[Optional[str]]) -> dict[int, tuple[str, str]]:
    """Columns of one figure (增长%, 增速(%)) after a target or progress column: column -> (that
    field, the column's header), read like the sub-columns of a spanning header."""
    out: dict[int, tuple[str, str]] = {}
    for j, k in enumerate(kinds):
        if k != "figure" or not n:
            continue
        prev = next((kinds[i] for i in range(j - 1, -1, -1) if kinds[i] in ("progress", "target")), None)
        if prev is not None:
            out[j] = (prev, filled[n - 1][j].text)
    return out


def _latest_period(kinds: list[str], names: list[str]) -> list[str]:
    """Several progress (or target) columns, each header naming a period (``1-6月进展情况 |
    1-9月进展情况``: one release keeping its earlier figures): the column of the latest period is
    the field; the earlier ones are kept aside (``Task.extra``, the task's history, still read as
    claims). Without a distinct period in every such header, the first is the field (and the
    others are kept aside by :func:`~.shapes.columns`)."""
    out = list(kinds)
    for field in ("progress", "target"):
        cols = [j for j, k in enumerate(kinds) if k == field and j < len(names)]
        if len(cols) < 2:
            continue
        periods = [period_of(fold(names[j]), None) for j in cols]
        months = [p.end_month for p in periods if p is not None]
        if len(months) != len(cols) or len(set(months)) != len(months):
            continue
        latest = max(zip(months, cols, strict=True))[1]
        for j in cols:
            if j != latest:
                out[j] = "other"
    return out


def _header_names(filled: list[list[Cell]], n: int) -> list[str]:
    """The name of each column for ``Task.extra``: its header cells top to bottom (a cell spanning
    the whole row, a title, excepted; a cell spanning columns once), joined by ``/``, spaces
    removed; ``#<column>`` (1-based) when the header leaves it blank."""
    rows = [r for r in filled[:n] if not (r and all(c is r[0] for c in r))]
    width = max((len(r) for r in filled[:n]), default=0)
    out = []
    for j in range(width):
        parts: list[str] = []
        for r in rows:
            t = "".join(r[j].text.split()) if j < len(r) else ""
            if t and (not parts or parts[-1] != t):
                parts.append(t)
        out.append("/".join(parts) or f"#{j + 1}")
    return out


def _extra(row: list[Cell], kinds: list[Optional[str]], names: list[str],
           subs: dict[int, tuple[str, str]]) -> dict[str, str]:
    """The cells of the row's kept-aside columns (kind ``other``: a deadline, an investment, a
    person, a header nobody listed), by column name: what no task field reads is kept on the
    task, never dropped (a name printed twice gets its cells joined by a line break)."""
    out: dict[str, str] = {}
    for j, (c, k) in enumerate(zip(row, kinds, strict=False)):
        t = c.text.strip()
        if k != "other" or not t or j in subs or j >= len(names):
            continue
        name = names[j]
        out[name] = f"{out[name]}\n{t}" if name in out else t
    return out


_CN_ORDINAL_CELL = cached_re(r"^(?:[一二三四五六七八九十]{1,3}\s{0,2}[、.]?|[(]\s{0,2}[一二三四五六七八九十]{1,3}\s{0,2}[)])$")


def _heading_text(row: list[Cell]) -> Optional[str]:
    """The heading a row of the grid is, or None: a cell spanning the whole row, or a Chinese
    ordinal in the first cell and one short cell without a figure across the rest (一 | 经济发展,
    the others empty or spanned by it: a category row numbered apart from the tasks' 1, 2, …)."""
    if not row or not row[0].text.strip():
        return None
    if all(c is row[0] for c in row):
        return row[0].text
    if not _CN_ORDINAL_CELL.match(fold(row[0].text.strip())):
        return None
    rest = {id(c): c for c in row[1:] if c is not row[0] and c.text.strip()}
    if len(rest) != 1:
        return None
    text = next(iter(rest.values())).text.strip()
    return text if len(text) <= S.heading_max and not any(ch.isdigit() for ch in text) else None


def _resolved(grid: Grid) -> list[list[Cell]]:
    """``grid.filled()``; rows without row spans (every text family's) are only padded, each
    cell repeated over its colspan, which is the same and much cheaper on long tables."""
    if any(c.rowspan > 1 for r in grid.rows for c in r):
        return grid.filled()
    out = [[c for c in r for _ in range(max(c.colspan, 1))] for r in grid.rows]
    width = max((len(r) for r in out), default=0)
    return [r + [Cell("") for _ in range(width - len(r))] if len(r) < width else r for r in out]


class _Ids:
    """Task ids: T{section}.{seq}, T{section}.n{k}, a suffix for a repeated number."""

    def __init__(self) -> None:
        self.seen: dict[tuple[int, str], int] = {}
        self.unnumbered: dict[int, int] = {}

    def next(self, sec: int, seq: Optional[int]) -> str:
        if seq is None:
            self.unnumbered[sec] = self.unnumbered.get(sec, 0) + 1
            base = f"T{sec}.n{self.unnumbered[sec]}"
        else:
            base = f"T{sec}.{seq}"
        n = self.seen.get((sec, base), 0)
        self.seen[(sec, base)] = n + 1
        if n == 0:
            return base
        # b..z for the 2nd..26th occurrence, then z27, z28 ...: ids stay unique however often
        return base + ("bcdefghijklmnopqrstuvwxyz"[n - 1] if n <= 25 else f"z{n + 1}")


def _matrix_task(tid: str, seq: Optional[int], sec: Optional[Heading], row: list[Cell],
                 kinds: list[Optional[str]], header: list[Cell]) -> Task:
    """A row of a place x indicator matrix: the place is the content, the indicators the
    target and progress texts (``matrix``)."""
    place = next((c.text.strip() for c, k in zip(row, kinds, strict=False) if k == "place"), "")
    cols = [j for j, k in enumerate(kinds) if k == "indicator"]
    target, progress = indicator_texts([header[j].text for j in cols], [row[j].text for j in cols])
    heading, leader, title = sec if sec else (None, None, None)
    line = next((c.line for c in row if c.line is not None), 0)
    return Task(id=tid, seq=seq, section=heading, leader=leader, leader_title=title, content=place,
                progress_text=progress, target_text=target or None, line=line)


_PERCENT_HEADER = cached_re(r"(?:%|[(（]\s{0,2}%\s{0,2}[)）])$")


def _with_units(text: dict[str, str], content: str, heads: dict[str, str]) -> None:
    """A figure-only target or progress cell read with its unit: the row's unit of measure (an
    indicator table's 单位 column: 4297.8 | 亿元), else the unit its column's header names in
    brackets (年度计划投资(万元) | 30000), else the one the row's name does (地区生产总值(亿元) | 360)."""
    measure = text.get("measure", "").strip()
    for k in ("target", "progress"):
        if not _BARE_FIGURE.match(text.get(k, "")):
            continue
        unit = measure or _bracket_unit(heads.get(k, "")) or _bracket_unit(content)
        if unit:
            text[k] = text[k].strip() + unit


def _bracket_unit(s: str) -> str:
    """The unit a header or a row name ends with in brackets (计划投资额(万元): 万元, (%)): a unit
    or counting word of the claim rules (patterns/units.toml), after a scale word (万, 亿) or
    not; "" otherwise (地区生产总值(GDP), 规上工业增加值(增速) name no unit). The units are those of
    the default rules ($ZSPROGRESS_PATTERNS or the bundled ones): a ``--patterns`` directory's own
    unit aliases are not consulted here."""
    unit = name_unit(s)[1] if s else ""
    if not unit or unit == "%":
        return unit
    from ..rules import default_rules

    rules = default_rules()
    bare = unit[1:] if unit[:1] in rules.scales else unit
    return unit if bare in rules.units else ""


def _task(tid: str, seq: Optional[int], sec: Optional[Heading], row: list[Cell],
          kinds: list[Optional[str]], subs: dict[int, tuple[str, str]], names: list[str]) -> Task:
    text: dict[str, str] = {}
    for j, (c, k) in enumerate(zip(row, kinds, strict=False)):
        if k and k not in ("seq", "other") and k not in text:
            text[k] = c.text
            if k == "status" and j < len(names) and _BARE_FIGURE.match(c.text) and _PERCENT_HEADER.search(names[j]):
                text[k] = c.text.strip() + "%"   # a rate column (完成年度目标%): the % is in its header
    units = units_of_cell(text.get("units", ""))
    content = text.get("content", "")
    inl = inline_units(content)
    if inl is not None:
        end, more = inl
        content = content[:end].rstrip() if content[:end].strip() else ""
        units += [u for u in more if u not in units]
    co = [u for u in units_of_cell(text.get("co_units", "")) if u not in units]
    _with_units(text, content, {k: names[j] for j, k in enumerate(kinds) if k and j < len(names)})
    for j, (field, head) in subs.items():
        # a sub-column's figure, named by its header: 增速(%) 6.2 -> 增速6.2%
        v = row[j].text.strip() if j < len(row) else ""
        if v:
            name, unit = name_unit(head)
            if not unit and name.endswith("%"):          # 增长%: the unit without brackets
                name, unit = name[:-1], "%"
            v = f"{name}{v}{unit}" if _BARE_FIGURE.match(v) else f"{name}{v}"
            text[field] = f"{text[field]};{v}" if text.get(field, "").strip() else v
    progress = text.get("progress", "")
    heading, leader, title = sec if sec else (None, None, None)
    if text.get("leader", "").strip() and not leader_heading(fold(text["leader"])):
        leader, title = leader_of(text["leader"])
    line = next((c.line for c in row if c.line is not None), 0)
    return Task(id=tid, seq=seq, section=heading, leader=leader, leader_title=title,
                lead_units=units, co_units=co, content=content, progress_text=progress, items=split_items(progress),
                target_text=text.get("target") or None, status_text=text.get("status") or None,
                problems_text=text.get("problems") or None, next_steps_text=text.get("next_steps") or None,
                line=line, extra=_extra(row, kinds, names, subs))


def build(page: Page, *, truncated_last: bool = False) -> list[Task]:
    """Tasks of a page (see the module docstring). ``truncated_last``: the reader found the
    source ends inside the last row (text cut off); that task is marked ``truncated``."""
    tasks: list[Task] = []
    ids = _Ids()
    sec, heading = 0, None
    last: Optional[_Columns] = None   # the last header's columns
    grouped = _per_group(page)
    for block in page.blocks:
        if isinstance(block, str):
            if is_prose_heading(block):
                sec, heading = sec + 1, _heading_of(block.strip())
            continue
        filled = _resolved(block)
        n, (kinds, subs, names) = _columns_of(block, filled, last)
        if kinds:
            last = (kinds, subs, names)
        group: dict[str, str] = {}
        # a grid with heading rows is sectioned by them; its leader column gives leaders only
        heads = [_heading_text(r) for r in filled[n:]]
        opens = ("category",) if any(heads) else ("category", "leader")
        if _restarts(ids, sec, filled[n:], kinds, opens, first=sec == 0 and heading is None and grouped):
            name = _grid_name(block, filled, n)
            sec, heading = sec + 1, (_heading_of(name) if name else None)
        for row, head in zip(filled[n:], heads, strict=True):
            if head is not None:
                sec, heading = sec + 1, _heading_of(head)
                continue
            opened = None
            for c, k in zip(row, kinds, strict=False):
                # a category or leader cell (often spanning rows) opens a section when it changes
                if k is None or k not in opens:
                    continue
                t = c.text.strip()
                if t and t != group.get(k):
                    group[k] = t
                    if opened != "leader":
                        opened = k
                        # a leader cell holds a name (毛江平, 常务副市长 毛江平) or a whole heading
                        # (徐仁标市长牵头重点工作), read as the heading line it would be in text
                        heading = (t, *leader_of(t)) if k == "leader" and not leader_heading(fold(t)) \
                            else _heading_of(t)
            if opened:
                sec += 1
            if not kinds or not any(c.text.strip() for c in row):
                continue
            seq = _seq_of(row, kinds)
            if seq is None and n and _repeats_header(row, kinds):
                continue
            if "place" in kinds:
                tasks.append(_matrix_task(ids.next(sec, seq), seq, heading, row, kinds, filled[n - 1]))
            else:
                tasks.append(_task(ids.next(sec, seq), seq, heading, row, kinds, subs, names))
    if truncated_last and tasks:
        tasks[-1] = tasks[-1].model_copy(update={"truncated": True})
    return tasks


def _restarts(ids: _Ids, sec: int, rows: list[list[Cell]], kinds: list[Optional[str]], opens: tuple[str, ...],
              first: bool = False) -> bool:
    """A grid whose numbering starts again (its first row's number is one its section has
    had) with nothing of its own opening a section (a heading row, a group cell): a table per
    group (one per sheet, per leader), a section of its own. ``first``: the page's first grid
    before any section, on a page of such tables: a section too when it starts at 1."""
    if not rows or _heading_text(rows[0]) is not None:
        return False
    if any(k in opens and c.text.strip() for c, k in zip(rows[0], kinds, strict=False)):
        return False
    seq = _seq_of(rows[0], kinds)
    return seq is not None and ((sec, f"T{sec}.{seq}") in ids.seen or (first and seq == 1))


def _per_group(page: Page) -> bool:
    """Two or more grids of the page number their rows from 1: a table per group."""
    starts = 0
    for g in page.grids:
        filled = _resolved(g)
        n, kinds = _layout_of(g, filled)
        if kinds and len(filled) > n and _seq_of(filled[n], kinds) == 1:
            starts += 1
    return starts >= 2


_DEFAULT_SHEET = cached_re(r"(?i)^(?:sheet|工作表|表)\s{0,2}\d{0,3}$")   # Sheet1, 工作表2: no name


def _grid_name(grid: Grid, filled: list[list[Cell]], n: int) -> Optional[str]:
    """A name for a grid's section: its sheet's name (not Sheet1), its caption, or a title row
    spanning it above its header."""
    sheet = grid.source[len("sheet "):].strip() if grid.source.startswith("sheet ") else ""
    if sheet and not _DEFAULT_SHEET.match(sheet):
        return sheet
    if grid.title:
        return grid.title.strip()
    if n >= 2 and filled[0] and all(c is filled[0][0] for c in filled[0]) and filled[0][0].text.strip():
        return filled[0][0].text.strip()
    return None


_Columns = tuple[list[Optional[str]], dict[int, tuple[str, str]], list[str]]   # kinds, sub-columns, header names


def _columns_of(grid: Grid, filled: list[list[Cell]], last: Optional[_Columns]) -> tuple[int, _Columns]:
    """(header rows, the grid's columns): from its header, or, for a table continued in a grid
    of its own with no header (a Word table broken at a page, a table per group with the
    header on the first only), the columns of the header before it."""
    n, kinds = _layout_of(grid, filled)
    if not kinds and last is not None and _continues(filled, last[0]):
        return n, last
    subs = _sub_columns(filled, n, kinds)
    subs.update(_figure_columns(filled, n, kinds))
    return n, (kinds, subs, _header_names(filled, n))


def _continues(filled: list[list[Cell]], kinds: list[Optional[str]]) -> bool:
    """A grid with no header of its own continues the table before it: as many columns, and
    a number in the number column of its first row when the table has one."""
    if not filled or len(filled[0]) != len(kinds):
        return False
    return "seq" not in kinds or bool(SEQ_LINE.match(filled[0][kinds.index("seq")].text.strip()))


def _seq_of(row: list[Cell], kinds: list[Optional[str]]) -> Optional[int]:
    for c, k in zip(row, kinds, strict=False):
        if k == "seq":
            m = SEQ_LINE.match(fold(c.text.strip()))
            return int(m.group(1)) if m else None
    return None


def diagnose(tasks: list[Task], progress_expected: bool) -> list[Diagnostic]:
    """seq-gap and seq-duplicate per section; empty-progress when progress is expected."""
    diags = _seq_diags(tasks)
    if progress_expected:
        for t in tasks:
            if not t.progress_text.strip() and not t.truncated:
                diags.append(Diagnostic(
                    code="empty-progress", message=f"task {t.id} has no progress text",
                    line=t.line, section=t.section, task_id=t.id))
    return diags


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
            assert s is not None
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
