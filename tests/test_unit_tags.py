"""A lead-unit tag in brackets between an item's task and its progress.

Written from the genre: reports of numbered prose often print each task as
``1.全市地区生产总值增长7%以上。（牵头单位：市发展改革委）上半年，…增长5.6%。``: the task, its lead
unit in brackets, then the progress. The bracket closes the units; the progress follows it.
Expected values are read from the texts below."""

from __future__ import annotations

import pytest

from zsprogress.api import completion_table, parse_report

ITEMS = [
    ("全市地区生产总值增长7%以上。", "牵头单位", "市发展改革委", "上半年，全市地区生产总值增长5.6%。"),
    ("引进亿元以上项目80个。", "牵头单位", "市投资促进局", "上半年新引进亿元以上项目46个，完成年度目标的57.5%。"),
    ("改造提升农村公路300公里。", "责任单位", "市交通运输局", "已完成改造提升农村公路126公里。"),
]


def _text(number, brackets) -> str:
    lines = ["关于2023年市政府工作报告确定的重点工作上半年落实情况的通报", "", "一、稳增长方面"]
    for i, (task, label, unit, progress) in enumerate(ITEMS, 1):
        lines.append(f"{number(i)}{task}{brackets[0]}{label}{brackets[2]}{unit}{brackets[1]}{progress}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("number", [lambda i: f"{i}.", lambda i: f"{i}、", lambda i: f"({i})"], ids=["1.", "1、", "(1)"])
@pytest.mark.parametrize("brackets", ["（）：", "():", "[]:"], ids=["full-width", "ascii", "square"])
def test_the_bracket_closes_the_units_and_the_progress_follows(number, brackets):
    report = parse_report(text=_text(number, brackets))
    got = [(t.seq, t.lead_units, t.content, t.progress_text) for t in report.tasks]
    assert got == [(i, [unit], task, progress) for i, (task, _, unit, progress) in enumerate(ITEMS, 1)]


def test_the_progress_figures_link_to_the_targets():
    rows = completion_table(parse_report(text=_text(lambda i: f"{i}.", "（）：")))
    assert [(r.target.text if r.target else None, r.actual.text if r.actual else None) for r in rows] == [
        ("增长7%", "增长5.6%"), ("80个", "46个"), ("300公里", "126公里")]
