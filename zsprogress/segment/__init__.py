"""Segment a progress report (政府工作报告重点工作完成情况) into tasks.

``segment(doc) -> Report`` tries every text layout family on the document and keeps the one that
recognizes it (the one that yields the most rows; ties go to the first family listed). Each
family reads the source lines into grids (``zsprogress.grid``: rows of cells keeping their
source line); the one builder (``build.build``) turns the grids into tasks, the same builder the
binary formats use.

Modules, one concern each:

``layout_vocab`` patterns/layout.toml, validated, compiled and cached: the vocabulary ``V``
``settings``  the readers' thresholds (``ReadSettings``, ``DEFAULT``)
``shapes``    source lines, page chrome, header cells, leader and ``一、`` headings, labels
``units``     unit lists, unit cells, lead-unit tags inside a task cell
``items``     sub-items of a progress cell
``meta``      title, dates, publisher, period, kind
``table``     what a text family records (rows, headers, headings) and its grids
``cells``, ``delim`` (pipe, tabs), ``marked`` (a cell per line ending ``|``), ``columns``, ``spaces``, ``labels`` (and assignment), ``records`` (every cell after its header word: 任务内容:…): the table families
``matrix``    place x indicator matrices: a place per row, its indicators as target and progress
``lists``     numbered item lines, tried when no table family recognized the report
``status_groups`` groups by status class quoting their tasks, likewise
``notice``    a report of the genre with no task rows (layout ``notice``, a note)
``build``     grids -> tasks; the findings every format shares

Leader headings (``徐仁标市长牵头重点工作``, ``一、毛江平常务副市长牵头重点工作``,
``洪湖鹏市长主抓重点工作``) open sections in every family. Page chrome (``当前位置:``, ``索引号``,
``发布日期``, ``•`` metadata bullets, ``(本文有删减)``, web-list junk ``x · y · 5 天前 · |``) never
becomes a task. What no family recognizes is returned as ``report.paragraphs`` (its figures are
still read): with layout ``notice`` and a ``notice`` note when a title line names the genre
(summary prose, or the table only in an attachment), else with layout ``unknown`` and an
``unknown-layout`` diagnostic.

Task ids
--------
``id = f"T{section_ordinal}.{seq}"`` (the letter keeps the id text in pandas, DuckDB and Excel,
which read ``2.1`` and ``2.10`` as the same float): ``section_ordinal`` is the 1-based index of the
section (leader heading or ``一、`` heading) in the report, 0 when the report has no sections;
``seq`` is the number printed on the row. Unnumbered rows get ``f"T{section_ordinal}.n{k}"`` with
``k`` the 1-based position of the row in its section. A number printed twice in one section gets
a suffix on its later occurrences: ``T3.5``, ``T3.5b``, ``T3.5c`` (after ``T3.5z``: ``T3.5z27``). Ids therefore depend only on
the printed structure of the report, so they are stable across runs and across releases.

Text is kept as in the source (no width folding): each cell line is stripped of surrounding
whitespace only, and the lines of a multi-line cell are joined with ``"\\n"``.

The ``unassigned-lines`` diagnostic counts non-chrome lines inside the table region (from the
first header row, heading or task) that belong to no task, heading or header row; the preamble
before the table (title, notice text, page chrome) is not counted.
"""

from __future__ import annotations

from collections.abc import Callable
from re import MULTILINE
from re import compile as regex_compile
from typing import Optional

from ..gcpause import gc_paused
from ..grid import Page
from ..layout_vocab import load_layout, report_scope, use_patterns, using_patterns
from ..models import Diagnostic, Paragraph, Report
from ..normalize import fold
from ..read import Document
from .accounting import dropped_diagnostic, dropped_figures, grid_lines
from .build import build, diagnose, is_prose_heading
from .cells import read_cells
from .columns import read_columns
from .delim import read_pipe, read_tabs
from .headerless import read_headerless
from .items import split_items
from .labels import read_labels
from .lists import read_list, read_sections, read_titled
from .marked import read_marked
from .meta import meta_of, parse_meta, settle_kind
from .notice import notice_of
from .numbered import read_numbered
from .records import read_records
from .settings import DEFAULT as S
from .shapes import Line, header_kind, header_row_kinds, is_chrome, leader_heading, lines_of
from .spaces import read_spaces
from .status_groups import read_status
from .table import Table
from .units import split_units

__all__ = ["segment", "page_report", "parse_meta", "fold", "use_patterns", "using_patterns", "split_units", "split_items",
           "build", "load_layout", "header_kind"]

FAMILIES: list[tuple[str, Callable[[list[Line]], Optional[Table]]]] = [
    ("pipe", read_pipe),
    ("marked", read_marked),
    ("cells", read_cells),
    ("labels", read_labels),
    ("records", read_records),
    ("tabs", read_tabs),
    ("columns", read_columns),
    ("spaces", read_spaces),
]
PROSE_FAMILIES: list[tuple[str, Callable[[list[Line]], Optional[Table]]]] = [
    ("list", read_list),
    ("list", read_titled),
    ("status", read_status),
    ("numbered", read_numbered),
]
# tried only when no other family recognized the report
LAST_FAMILIES: list[tuple[str, Callable[[list[Line]], Optional[Table]]]] = [("list", read_sections),
                                                                         ("headerless", read_headerless)]
# a family whose rows need a character the text lacks is not tried: pipe tables need a '|'
# (or a full-width one, folded to '|'), marked cells a '|' ending the line, tab tables a tab
NEEDS: dict[Callable[[list[Line]], Optional[Table]], str] = {read_pipe: "|｜", read_marked: "|", read_tabs: "\t"}


def layouts() -> list[str]:
    """The names ``segment(doc, layout=NAME)`` takes: one per text family."""
    return list(dict.fromkeys(name for name, _ in FAMILIES + PROSE_FAMILIES + LAST_FAMILIES))


def segment(doc: Document, layout: Optional[str] = None) -> Report:
    """Segment a document into a Report (tasks, or paragraphs when no layout is recognized).
    ``layout``: only that family reads it (``--layout``), instead of the best-scored reading."""
    if layout is not None and layout not in layouts():
        from ..errors import ZsprogressError

        raise ZsprogressError(f"unknown layout {layout!r}: one of {', '.join(layouts())}")
    with gc_paused(), report_scope():  # a Line per source line, rows, cells, tasks: no cycles
        return _segment(doc, layout)


def _segment(doc: Document, layout: Optional[str] = None) -> Report:
    text = doc.text
    L = lines_of(text)
    meta = meta_of(text, L)
    report = Report(source=doc.source, encoding=doc.encoding, meta=meta)
    reading = _best_reading(text, L, layout)
    if reading is None:
        return _unread(report, L)
    best, best_score, lines, runner = reading
    if runner is not None and runner[1] >= S.contested * best_score:
        report.diagnostics.append(Diagnostic(code="layout-choice", message=(
            f"read as {best.layout} (score {best_score:.2f}); runner-up {runner[0]} (score {runner[1]:.2f})")))
    if layout is not None:
        report.diagnostics.append(Diagnostic(code="layout-choice", message=(
            f"read as {best.layout}, as --layout {layout} asked (score {best_score:.2f})")))
    return _read(report, best, lines)


_Reading = tuple[Table, float, list[Line], Optional[tuple[str, float]]]   # table, score, lines, runner-up


def _best_reading(text: str, L: list[Line], layout: Optional[str]) -> Optional[_Reading]:
    """The best-scored reading (:func:`score`) of the text by the families (only ``layout``'s
    when given), with the lines it read and the best reading of another layout (the runner-up).
    The table families first; the prose families only when no table family read anything, and
    the last ones after them. A text whose lines mostly end `` |`` (a web table a mirror site
    flattened) is also read without the markers, as one cell per line."""
    readings = [L]
    if _marked_share(L) >= S.marked_share:
        readings.append(lines_of(_MARK_END.sub("", text)))
    best: Optional[Table] = None
    best_score = 0.0
    best_lines = L
    runner: Optional[tuple[str, float]] = None
    for families in (FAMILIES, PROSE_FAMILIES, LAST_FAMILIES):
        for lines in readings:
            for _name, fn in families:
                if layout is not None and _name != layout:
                    continue
                if fn in NEEDS and not any(c in text for c in NEEDS[fn]):
                    continue
                tbl = fn(lines)
                if tbl is None or not tbl.rows:
                    continue
                sc = score(tbl, lines)
                if best is None or sc > best_score:
                    if best is not None and best.layout != tbl.layout:
                        runner = (best.layout, best_score)
                    best, best_score, best_lines = tbl, sc, lines
                elif tbl.layout != best.layout and (runner is None or sc > runner[1]):
                    runner = (tbl.layout, sc)
        if best is not None:
            return best, best_score, best_lines, runner
    return None


def _unread(report: Report, L: list[Line]) -> Report:
    """A report no family read: its text as paragraphs (page chrome aside), layout ``notice``
    with its note when a title names the genre, else ``unknown`` with a diagnostic."""
    report.layout = "unknown"
    report.paragraphs = [Paragraph(line=x.no, text=x.raw) for x in L if not is_chrome(x.f)]
    note = notice_of(L)
    header = _unread_header(L)
    if header is not None:
        report.diagnostics.append(header)
    if note is not None:
        report.layout = "notice"
        if header is None:          # a table whose rows were not read is no prose-only notice
            report.diagnostics.append(note)
    elif L and header is None:
        report.diagnostics.append(Diagnostic(
            code="unknown-layout",
            message="no layout family recognized the report: no table header, pipe table or "
                    "task/责任单位 blocks; its text is kept as paragraphs", line=L[0].no))
    return report


_CELL_GAP = regex_compile(r"\t|\s{0,2}\|\s{0,2}|\s+")


def _unread_header(L: list[Line]) -> Optional[Diagnostic]:
    """A line of a report no family read that is a header row all the same (its cells, split at
    tabs, pipes or spaces, name a task or progress column and more): its table is there but no
    row under it was read, which ``header-without-rows`` says (and ``check`` fails on), rather
    than a notice with prose only."""
    for x in L:
        cells = [c for c in _CELL_GAP.split(x.f.strip(" |")) if c]
        if 3 <= len(cells) <= S.header_run_max and len(x.f) <= S.spaces_header_max \
                and header_row_kinds(cells, min_known=3) is not None:
            return Diagnostic(code="header-without-rows", line=x.no, message=(
                f"a header row ({' / '.join(cells[:6])}) was recognised at line {x.no}, but no layout "
                "read a task row under it: its rows are kept as paragraphs, their figures read there"))
    return None


def _read(report: Report, best: Table, L: list[Line]) -> Report:
    """The report of the chosen reading: its tasks (the last one marked when the text is cut
    off inside it), its prose, and the diagnostics of its structure and of what it left out."""
    meta = report.meta
    tasks = build(best.page())
    settle_kind(meta, tasks, [x for w, d in best.events if w == "header" for x in d[0]])
    layout = best.layout
    if layout == "labels" and meta.kind == "assignment":
        layout = "assignment"
    report.layout = layout
    progress_expected = meta.kind == "progress" and layout not in ("assignment", "status")
    cut = best.cut_at_end(L, meta.kind == "progress" and layout != "assignment")
    if cut and tasks:
        tasks[-1] = tasks[-1].model_copy(update={"truncated": True})
    report.tasks = tasks
    report.paragraphs = [Paragraph(line=x.no, text=x.raw) for x in best.prose]
    report.diagnostics.extend(diagnose(report.tasks, progress_expected))
    report.diagnostics.extend(silent_losses(best, L))
    aside = [p.text for p in report.paragraphs] + [x for w, d in best.events if w == "header" for x in d[0]]
    aside += [d[0] for w, d in best.events if w == "heading"] + best.markers
    first = min((t.line for t in report.tasks if t.line), default=0)  # above it: the preamble
    dropped = dropped_figures([x for x in L if x.no >= first], report.tasks, aside)
    report.paragraphs = sorted(report.paragraphs + dropped, key=lambda p: p.line)
    report.diagnostics.extend(dropped_diagnostic(dropped))
    lost = [x for x in best.region if x.no not in best.assigned and not is_chrome(x.f)]
    if lost:
        report.diagnostics.append(Diagnostic(
            code="unassigned-lines",
            message=f"{len(lost)} line(s) of the table belong to no task or heading (first: line {lost[0].no})",
            line=lost[0].no))
    if layout == "headerless":
        report.diagnostics.append(Diagnostic(code="columns-inferred", message=(
            "no header row above the table: its columns were read from what their cells look like "
            f"({' / '.join(header_kind(x) or x for w, d in best.events if w == 'header' for x in d[0])})")))
    if cut:
        t = report.tasks[-1]
        report.diagnostics.append(Diagnostic(code="truncated", message=(
            f"the report ends inside task {t.id}: the text is cut off mid-row"),
            line=t.line, section=t.section, task_id=t.id))
    return report


_MARK_END = regex_compile(r"[ \t]*\|+[ \t]*$", flags=MULTILINE)


def _marked_share(L: list[Line]) -> float:
    return sum(1 for x in L if x.raw.endswith("|")) / len(L) if L else 0.0


def score(tbl: Table, L: list[Line]) -> float:
    """How well a reading explains the text, 0 to 1: the share of the text's lines (page chrome
    aside) it places in tasks, headings and headers, times the share of numbered rows that
    continue the numbering (1 after a heading, else the last number + 1), the share of rows with
    a task cell and a progress or unit cell, the share of the text's leader headings it took as
    headings and the share of rows with a number. A reading that leaves lines out, breaks the
    numbering, cuts rows into halves or reads a heading as a row scores lower than one that
    reads whole rows."""
    rows = tbl.rows
    if not rows:
        return 0.0
    body = {x.no for x in L if not is_chrome(x.f)}
    coverage = len(tbl.assigned & body) / max(1, len(body))
    numbered = breaks = 0
    prev: Optional[int] = None
    for what, data in tbl.events:
        if what in ("heading", "header"):
            prev = None if what == "heading" else prev
            continue
        r = data[0]
        if r.seq is None:
            continue
        numbered += 1
        if not (r.seq == (prev or 0) + 1 or (prev is None and r.seq == 1) or (prev is not None and r.seq == 1)):
            breaks += 1
        prev = r.seq
    continuity = 1 - breaks / numbered if numbered else 0.8
    whole = sum(1 for r in rows if r.cells.get("content") and (r.cells.get("progress") or r.cells.get("units")))
    whole_share = whole / len(rows)
    # leader headings of the text the reading took as headings, not as cells of a row
    heads = [x.no for x in L if len(x.f) <= S.heading_scored_max and leader_heading(x.f.strip(" |")) is not None]
    taken = {d[1] for w, d in tbl.events if w == "heading"}
    head_share = (1 + sum(1 for n in heads if n in taken)) / (1 + len(heads))
    numbered_share = sum(1 for r in rows if r.seq is not None) / len(rows)
    return coverage * (0.5 + 0.5 * continuity) * (0.5 + 0.5 * whole_share) * (0.5 + 0.5 * head_share) * \
        (0.8 + 0.2 * numbered_share)


def silent_losses(tbl: Table, L: list[Line]) -> list[Diagnostic]:
    """What a reading recognised but gave no task: a header row with no row under it while
    lines no task took follow it before the next header (``header-without-rows``), a leader
    heading with no task before the next leader heading (``empty-section``: its tasks were not
    read, and the sections after it would be numbered as if it did not exist)."""
    out: list[Diagnostic] = []
    events = tbl.events
    header_lines = [d[1] for w, d in events if w == "header" and d[1] is not None]
    for i, (what, data) in enumerate(events):
        if what == "header":
            rest = [w for w, _ in events[i + 1:]]
            upto = rest.index("header") if "header" in rest else len(rest)
            if "row" in rest[:upto] or data[1] is None:
                continue
            nxt = min((n for n in header_lines if n > data[1]), default=None)
            left = [x for x in L if x.no > data[1] and (nxt is None or x.no < nxt)
                    and x.no not in tbl.assigned and not is_chrome(x.f)]
            if left:
                out.append(Diagnostic(code="header-without-rows", line=data[1], message=(
                    f"a header row ({' / '.join(data[0][:6])}) has no task row under it; "
                    f"{len(left)} line(s) after it were not read (first: line {left[0].no})")))
        elif what == "heading" and leader_heading(fold(data[0])) is not None:
            nxt_kind = next((w for w, d in events[i + 1:] if w == "row" or
                             (w == "heading" and leader_heading(fold(d[0])) is not None)), None)
            if nxt_kind != "row":
                out.append(Diagnostic(code="empty-section", line=data[1], section=data[0], message=(
                    f"no task was read under the leader heading {data[0]!r}")))
    if tbl.rows:
        # a leader heading no reading took (before the first header the reader recognised)
        for x in L:
            h = leader_heading(x.f) if x.no not in tbl.assigned and len(x.f) <= S.heading_max else None
            if h is not None:
                out.append(Diagnostic(code="empty-section", line=x.no, section=x.raw, message=(
                    f"the leader heading {x.raw!r} (line {x.no}) opens no section: the table under it "
                    "was not read, and the sections after it are numbered without it")))
    return out


def _captions(page: Page) -> list[str]:
    """The titles a table carries above its header: its caption, and the rows of one cell
    spanning the table before the first row of several cells (a spreadsheet's title row)."""
    out: list[str] = []
    for g in page.grids:
        if g.title:
            out.append(g.title)
        for row in g.filled():
            if len({id(c) for c in row if c.text.strip()}) > 1:
                break
            out += [c.text.strip() for c in row[:1] if c.text.strip()]
    return out


def page_report(page: Page, source: str, encoding: str = "utf-8") -> Report:
    """A Report from a Page a format reader gave (HTML, DOCX, XLSX, PDF): tasks from its grids by
    the one builder, metadata from its title, date and prose; a page without task rows is a
    ``notice`` (naming ``page.attachments``) or ``unknown``, its prose kept as paragraphs."""
    with report_scope():
        return _page_report(page, source, encoding)


def _page_report(page: Page, source: str, encoding: str) -> Report:
    prose = [b for b in page.blocks if isinstance(b, str)]
    head = "\n".join(([page.title] if page.title else []) + _captions(page) + prose)
    L = lines_of(head)
    meta = meta_of(head, L)
    if page.title and meta.title is None:
        meta.title = page.title
    if page.published and meta.published is None:
        meta.published = page.published
    report = Report(source=source, encoding=encoding, meta=meta, layout="grid")
    report.tasks = build(page)
    settle_kind(meta, report.tasks, [c.text for g in page.grids for row in g.rows[:max(g.header_rows, 1)] for c in row])
    if report.tasks:
        progress_expected = meta.kind == "progress"
        report.diagnostics.extend(diagnose(report.tasks, progress_expected))
        # the page's prose (the summary above the table, notes between tables), so its figures
        # and tallies are read as they are for text; section headings belong to the tasks
        report.preamble = [Paragraph(line=0, text=x.raw) for b in page.blocks if isinstance(b, str)
                           and not is_prose_heading(b) for x in lines_of(b) if not is_chrome(x.f)]
        aside = [p.text for p in report.preamble] + [x.raw for x in L]
        aside += [c.text for g in page.grids for row in g.rows[:g.header_rows] for c in row]
        dropped = dropped_figures(grid_lines(page), report.tasks, aside)
        report.paragraphs = dropped
        report.diagnostics.extend(dropped_diagnostic(dropped))
        return report
    report.layout = "unknown"
    report.paragraphs = [Paragraph(line=x.no, text=x.raw) for x in L if not is_chrome(x.f)]
    note = notice_of(L)
    if page.attachments:
        report.layout = "notice"
        report.diagnostics.append(Diagnostic(code="notice", message=(
            f"no task rows: the table is in the attachment: {', '.join(page.attachments)}; "
            "its figures are read as paragraphs")))
    elif note is not None:
        report.layout = "notice"
        report.diagnostics.append(note)
    elif L:
        report.diagnostics.append(Diagnostic(
            code="unknown-layout", line=L[0].no,
            message="no table with task rows and no text of the genre; its text is kept as paragraphs"))
    return report
