"""Two pairs a careful reader makes that no metric names (docs/linking.md, "Pairs no metric
names"): a figure whose words are only a completion verb (已完成32公里) and is the one figure of
the target's unit, and a figure the row's own rate column confirms (已开工1600套 beside 当前进度
80% under 新建保障性住房2000套). The tables are written here from the genre (a 1-N月推进情况
table, with or without a rate column), in simplified and traditional script; each case that
links has a neighbour that must not."""

from __future__ import annotations

from typing import Optional

import pytest

import zsprogress
from zsprogress.api import extract_claims

HEAD = "2024年重点工作任务推进情况表\n\n"


def _rows(rows: list[tuple[str, ...]], rate_header: Optional[str] = None):
    """The completion rows of a table: task content, lead unit, progress (and a rate cell)."""
    header = ["序号", "任务内容", "牵头单位", "1-6月推进情况"] + ([rate_header] if rate_header else [])
    lines = ["\t".join(header)] + ["\t".join((str(i), *r)) for i, r in enumerate(rows, 1)]
    report = zsprogress.parse_report(text=HEAD + "\n".join(lines) + "\n\n")
    out = zsprogress.completion_table(report, extract_claims(report))
    return {r.target.text: r for r in out}


def _actual(row) -> Optional[str]:
    return row.actual.text if row.actual is not None else None


# --- a figure whose words are only a completion verb -------------------------------------------

@pytest.mark.parametrize("content,progress,target,actual,rate", [
    ("新改建农村公路50公里", "已完成32公里", "50公里", "32公里", 64),
    ("建设高标准农田2万亩", "已开工1万亩", "2万亩", "1万亩", 50),
    ("新改建农村公路50公里", "截至6月底,累计完成32公里", "50公里", "32公里", 64),
    ("新改建农村公路50公里", "32公里已完工", "50公里", "32公里", 64),        # the verb after it
    ("完成城市更新投资40亿元", "上半年已完成18亿元", "40亿元", "18亿元", 45),  # money too
    # traditional script (made simplified before it is read: its figures print simplified)
    ("新改建農村公路50公里", "已完成32公里", "50公里", "32公里", 64),
    ("建設高標準農田2萬畝", "已開工1萬畝", "2万亩", "1万亩", 50),
])
def test_a_figure_with_only_a_completion_verb_reports_on_the_one_target(content, progress, target,
                                                                       actual, rate):
    r = _rows([(content, "市交通局", progress)])[target]
    assert _actual(r) == actual
    assert round(r.computed_rate) == rate
    assert "verb_only" in r.flags and r.reason is None


@pytest.mark.parametrize("progress,why", [
    ("已完成32公里,完成养护60公里", "another figure of the unit, with its own noun"),
    ("已完成32公里,其中乡道10公里", "a breakdown: two figures of the unit"),
    ("完成养护32公里", "its words name another measure"),
    ("完成投资3亿元,其中已完成32公里", "a part (其中) of something else"),
    ("2022年已完成32公里", "a figure of another year"),
    ("全市已完成32公里", "more than its verb (全市)"),
    ("已完成160公里", "over MAX_RATE: 320% of the target measures something else"),
    ("正在推进前期工作", "no figure"),
])
def test_no_verb_only_link(progress, why):
    r = _rows([("新改建农村公路50公里", "市交通局", progress)])["50公里"]
    assert r.actual is None, why
    assert "verb_only" not in r.flags


def test_a_figure_with_only_a_verb_is_nobody_s_when_two_targets_share_its_unit():
    # 32公里 may be the road's or the greenway's: a reader would not say whose
    rows = _rows([("新改建农村公路50公里,建设绿道30公里", "市交通局", "已完成32公里")])
    assert rows["50公里"].actual is None and rows["30公里"].actual is None


def test_a_verb_only_figure_of_another_unit_leaves_the_target_alone():
    rows = _rows([("新改建农村公路50公里、改造危桥20座", "市交通局", "已完成32公里")])
    assert _actual(rows["50公里"]) == "32公里"      # the one figure of 公里, one target of 公里
    assert rows["20座"].actual is None             # nothing of 座


def test_a_figure_named_alike_is_no_verb_only_link():
    # named alike, it links as before, with no flag saying it named nothing
    r = _rows([("新改建农村公路50公里", "市交通局", "已完成新改建农村公路32公里")])["50公里"]
    assert _actual(r) == "32公里" and "verb_only" not in r.flags


# --- a figure the row's rate column confirms ---------------------------------------------------

def test_the_rate_column_confirms_a_figure_named_otherwise():
    rows = _rows([("新建保障性住房2000套", "市住建局", "开工建设安置房1600套", "80%"),
                  ("改造城镇老旧小区50个", "市住建局", "启动改造项目32个", "64%")], "当前进度")
    house, estates = rows["2000套"], rows["50个"]
    assert _actual(house) == "1600套" and house.stated_rate == 80 and house.consistent is True
    assert "column_rate_confirms" in house.flags and "stated_only" not in house.flags
    assert _actual(estates) == "32个" and estates.stated_rate == 64 and estates.consistent is True
    assert "column_rate_confirms" in estates.flags


def test_the_rate_column_confirms_in_traditional_script():
    rows = _rows([("新建保障性住房2000套", "市住建局", "開工建設安置房1600套", "80%")], "當前進度")
    r = rows["2000套"]
    assert _actual(r) == "1600套" and "column_rate_confirms" in r.flags


@pytest.mark.parametrize("cell", ["70%", "82%"])
def test_a_rate_column_that_disagrees_confirms_nothing(cell):
    # 1600 / 2000 = 80%: 70% or 82% says the figure is not the target's actual (or not only)
    r = _rows([("新建保障性住房2000套", "市住建局", "开工建设安置房1600套", cell)], "当前进度")["2000套"]
    assert r.actual is None and "column_rate_confirms" not in r.flags
    assert r.stated_rate == float(cell.rstrip("%")) and "stated_only" in r.flags  # as before


def test_the_rate_column_of_a_task_with_two_targets_confirms_nothing():
    rows = _rows([("新建保障性住房2000套、公租房500套", "市住建局", "开工建设安置房1600套", "80%")],
                 "当前进度")
    assert all(r.actual is None or "column_rate_confirms" not in r.flags for r in rows.values())
    assert rows["2000套"].actual is None


def test_the_column_and_a_verb_only_figure_say_the_same():
    # 已开工1600套: its words are only a verb, and the column confirms it: the rate is the evidence
    r = _rows([("新建保障性住房2000套", "市住建局", "已开工1600套", "80%")], "当前进度")["2000套"]
    assert _actual(r) == "1600套" and r.stated_rate == 80 and r.consistent is True
    assert "column_rate_confirms" in r.flags and "verb_only" not in r.flags
