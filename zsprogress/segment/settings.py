"""The thresholds of the text readers, in one documented place (the way pdfplumber keeps its
``DEFAULT_TABLE_SETTINGS``): lengths are in characters of the width-folded line, shares in 0..1.

Every reader of ``zsprogress.segment`` takes its values from :data:`DEFAULT`; a change of one is a
change of reading, to be measured with ``bench/compare_outputs.py`` and ``bench/variations.py``.
``dataclasses.replace(DEFAULT, short_cell=40)`` gives a variant for an experiment.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadSettings:
    """The readers' thresholds (one line of meaning per field)."""

    #: a heading line (a leader heading 徐仁标市长牵头重点工作, an 一、 or (一) heading) is at most this long
    heading_max: int = 40
    #: a line counted as a leader heading when a reading is scored (a heading with `` |`` decoration)
    heading_scored_max: int = 44
    #: a header cell is at most this long (a longer cell, a caption or a sentence, names no column)
    header_cell_max: int = 16
    #: a table's header has at most this many rows (a cell spanning down continues it)
    header_rows_max: int = 4
    #: a header cell is at most this long with the spaces inside it (任 务 名 称)
    spaced_header_cell_max: int = 40
    #: a header row of one cell per line has at most this many cells
    header_run_max: int = 12
    #: a header row of cells ending `` |`` (family ``marked``) has fewer cells than this
    marked_run_max: int = 16
    #: a header word wrapped over two lines (牵头 / 单位) is at most this long, joined
    wrapped_header_max: int = 12
    #: a header or row line of a delimited, aligned or breadcrumb shape is at most this long
    row_line_max: int = 200
    #: a row of a table with no header row (family ``headerless``) is at most this long: a long
    #: progress cell stays on the row's line
    headerless_row_max: int = 600
    #: a header line of space-separated cells is at most this long
    spaces_header_max: int = 100
    #: the cell of a short column (a status word, a rate, 是/否, a deadline, a person, a name)
    #: is at most this long; a longer block is never its cell
    short_cell: int = 30
    #: a unit name (市财政局, 区发展和改革委员会) is at most this long
    unit_name_max: int = 30
    #: label blocks whose task lines carry no number read only when at least this many tasks do
    bare_tasks_min: int = 2
    #: a unit cell (市财政局, 区发改局、区经信局) is at most this long
    unit_cell_max: int = 30
    #: a category cell printed before its group's first number (经济发展 | 1 | …) is at most this long
    category_max: int = 12
    #: a numbered first cell (1、地区生产总值增长率) without a sentence end is at most this long
    named_row_max: int = 60
    #: a task name before the first ``:`` of a numbered item line is at most this long
    list_name_max: int = 40
    #: a task sentence before its lead-unit tag (…同步,牵头单位:…) is at most this long
    tagged_max: int = 150
    #: a line shorter than this is never a table flattened into one paragraph
    flat_min: int = 300
    #: an item number of a flattened table is followed by a label within this many characters
    inline_label_window: int = 150
    #: a cell of an aligned line starts within this many columns of its column's start
    column_tolerance: int = 2
    #: a row's number may skip this many numbers after the row before (rows left out of a
    #: published table): a bare number this close after a row's number opens the next row
    seq_gap_max: int = 3
    #: a runner-up reading scoring this share of the best is named in a ``layout-choice`` diagnostic
    contested: float = 0.8
    #: from this share of lines ending `` |``, the text is also read without the markers
    marked_share: float = 0.5


#: the settings every reader uses
DEFAULT = ReadSettings()
