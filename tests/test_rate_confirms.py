"""A rate printed right after a figure pairs it with a target named unlike it.

Written from the genre: indicator and place tables print a planned count, a count done and the
rate between them (计划完成数 150 | 累计开工数 143 | 开工率 95.33%); their words share little, but the
rate says which count reports on which. Expected values are read from the texts: 143 / 150 =
95.33%, 44 / 71 = 61.97%."""

from __future__ import annotations

import pytest

from zsprogress.api import completion_table, parse_report

HEAD = ["全省2021年重点民生实事项目完成进度表", "(截至2021年8月底)"]


def _matrix(rows: list[tuple[str, str, str, str]]) -> str:
    lines = HEAD + ["序号\t市州\t计划完成数\t累计开工数\t开工率"]
    lines += [f"{i}\t{place}\t{plan}\t{done}\t{rate}" for i, (place, plan, done, rate) in enumerate(rows, 1)]
    return "\n".join(lines) + "\n"


def test_an_agreeing_rate_pairs_the_counts_of_a_place_table():
    report = parse_report(text=_matrix([("长沙市", "150", "143", "95.33%"), ("株洲市", "71", "44", "61.97%")]))
    got = [(r.target.text, r.actual.text if r.actual else None, r.stated_rate, "rate_confirms" in r.flags)
           for r in completion_table(report)]
    assert got == [("150", "143", 95.33, True), ("71", "44", 61.97, True)]


@pytest.mark.parametrize("rate", ["93.00%", "57.3%"])
def test_a_rate_that_does_not_agree_pairs_nothing(rate):
    (row,) = completion_table(parse_report(text=_matrix([("长沙市", "150", "143", rate)])))
    assert row.actual is None


def test_a_whole_percent_is_too_coarse_to_pair():
    """17 of 47 is 36.2%: a whole 36% agrees by chance too often to pair counts named unlike."""
    (row,) = completion_table(parse_report(text=_matrix([("长沙市", "47", "17", "36%")])))
    assert row.actual is None


def test_the_same_in_prose():
    text = "\n".join(["某市2024年政府工作报告重点工作上半年完成情况", "",
                      "序号\t工作任务\t责任单位\t完成情况",
                      "1\t计划改造老旧小区150个\t市住建局\t累计开工143个,开工率95.33%。"]) + "\n"
    (row,) = completion_table(parse_report(text=text))
    assert (row.actual.text, row.stated_rate) == ("143个", 95.33)
