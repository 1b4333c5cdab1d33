"""Family ``status``: a report grouped by status class, the tasks only quoted inside each group
(``一、已经完成或基本完成的指标任务,共计19项。主要是“建设完成大沙河…”,“启动并建设…”``).

A group is a paragraph opening with a Chinese ordinal whose first sentence names a status class
(``patterns/layout.toml`` ``[status_groups]``) and counts its items (``共计19项``, ``有2项``); each
quoted phrase of the group is a task: its section is the group's first sentence, its
``status_text`` that sentence without the count. These tasks have no progress text of their own.
A group that quotes nothing (``共计98项。…属于这种情况``) has no task rows. Tried only when no table
family recognized the report.
"""

from __future__ import annotations

from typing import Optional

from ..layout_vocab import CN_NUM, V, cached_re
from .shapes import Line, strip_cn_ordinal
from .table import Row, Table, set_cell

_GROUP = cached_re(rf"^[{CN_NUM}]{{1,3}}、(?P<h>[^。]{{4,80}}?\d{{1,4}}\s{{0,2}}项)[。,;]")
_QUOTED = cached_re(r"“(?P<q>[^“”]{4,200}”|[^“”]{1,200}$)")
_COUNT = cached_re(r"[,,]?\s{0,2}(?:共计|共|有)?\s{0,2}\d{1,4}\s{0,2}项$")
_COLS = ["content", "status"]


def read_status(L: list[Line]) -> Optional[Table]:
    groups = [(i, m) for i, ln in enumerate(L) if (m := _GROUP.match(ln.f)) and V.STATUS_GROUP.search(m.group("h"))]
    if len(groups) < 2:
        return None
    tbl = Table("status", L[groups[0][0]:])
    tbl.header([V.HEADER_WORD[k] for k in ["seq"] + _COLS], ["seq"] + _COLS, None)
    for i, m in groups:
        ln = L[i]
        head = strip_cn_ordinal(ln.raw[:m.end("h")])
        status = _COUNT.sub("", head)        # the class, without the count (read once, in no task)
        tbl.heading((head, None, None), ln.no)
        tbl.assigned.add(ln.no)
        for q in _QUOTED.finditer(ln.raw, m.end()):
            row = Row(None, ln.no)
            set_cell(row, "content", [q.group("q").rstrip("”").strip()])
            set_cell(row, "status", [status])
            row.last_kind, row.last_text = "content", q.group(0)
            tbl.row(row, _COLS)
    return tbl if tbl.rows else None
