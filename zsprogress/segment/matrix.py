"""Place x indicator matrices: one row per place (市州, 县市区), one column per indicator.

``序号 / 市 州 / 计划完成数 / 累计开工数 / 开工率 / 计划投资额(万元) / …`` (a province's 民生实事
table by prefecture). Each row is one task: its ``content`` the place as printed, its indicators
read as the header's name then the value (``计划投资额86157.25万元``: a unit in the header's
brackets is put after a bare figure, so the claim rules read the figure with its unit and its
metric), joined with ``;``. An indicator whose header
names a plan (``计划完成数``; ``patterns/layout.toml`` ``[matrix]``) goes to ``target_text``, the
others (cumulative figures and rates, ``计划投资完成率`` too) to ``progress_text``. A total row
(``全省``, printed over the seq and place columns) is a task without a seq.

The header is recognized by its place column (``[[header]]`` kind ``place``): every other
column but the seq column is an indicator, whatever its words.
"""

from __future__ import annotations

import re
from typing import Optional

from ..layout_vocab import V, cached_re
from ..normalize import fold
from .settings import DEFAULT as S
from .shapes import header_kind

_UNIT = cached_re(r"^(?P<name>.+?)\s{0,2}[(](?P<unit>[^()]{1,8})[)]$")
_BARE = cached_re(r"^[-+]?\d+(?:\.\d+)?$")


def matrix_kinds(cells: list[str]) -> Optional[list[str]]:
    """Column kinds (``seq``, ``place``, ``indicator``) when the folded header cells are a
    matrix header: an optional seq cell, the place cell, then two or more short indicator cells."""
    kinds = [header_kind(c) for c in cells]
    i = 1 if kinds and kinds[0] == "seq" else 0
    if i >= len(kinds) or kinds[i] != "place":
        return None
    rest = [c for c in cells[i + 1:] if c.strip()]
    if len(rest) < 2 or any(len(c) > S.header_cell_max or "。" in c or _BARE.match(c.strip()) for c in rest):
        return None
    return ["seq" if k == "seq" else "place" if k == "place" else "indicator" for k in kinds]


def name_unit(header: str) -> tuple[str, str]:
    """(name, unit) of a column header naming its unit in brackets: 计划投资额(万元), 增速(%)."""
    h = re.sub(r"\s+", "", fold(header))
    m = _UNIT.match(h)
    return (m.group("name"), m.group("unit")) if m else (h, "")


def indicator(header: str) -> tuple[str, str, bool]:
    """(name, unit, is a target) of an indicator column's header as printed."""
    name, unit = name_unit(header)
    target = bool(V.MATRIX_TARGET.search(name)) and not V.MATRIX_RATE.search(name)
    return name, unit, target


def indicator_texts(headers: list[str], values: list[str]) -> tuple[str, str]:
    """(target text, progress text) of one place's indicator cells under their headers."""
    target: list[str] = []
    progress: list[str] = []
    for head, value in zip(headers, values, strict=False):
        v = value.strip()
        if not v:
            continue
        name, unit, is_target = indicator(head)
        if unit and _BARE.match(v):
            v += unit
        (target if is_target else progress).append(f"{name}{v}")
    return ";".join(target), ";".join(progress)
