"""A figure-only cell read with the unit its column header or its row name gives in brackets.

Written from the genre: indicator and project tables print bare figures under headers that
carry the unit (年度计划投资(万元) | 30000), or beside a row name that does (地区生产总值(亿元) |
360). A careful reader reads 30000万元 and 360亿元. Expected values are read from the texts."""

from __future__ import annotations

import pytest

from zsprogress.api import completion_table, parse_report


@pytest.mark.parametrize("open_, close", [("(", ")"), ("（", "）")])
def test_the_unit_of_the_row_name(open_, close):
    text = "\n".join(["2024年XX县主要经济指标完成情况（1-9月）", "",
                      "指标名称\t年度目标\t1-9月完成",
                      f"地区生产总值{open_}亿元{close}\t360\t262.5",
                      f"城镇新增就业{open_}万人{close}\t1.2\t0.95"]) + "\n"
    report = parse_report(text=text)
    assert [(t.target_text, t.progress_text) for t in report.tasks] == [("360亿元", "262.5亿元"), ("1.2万人", "0.95万人")]
    rows = completion_table(report)
    assert [(r.target.value, r.actual.value if r.actual else None) for r in rows] == [(360e8, 262.5e8), (12000, 9500)]


def test_the_unit_of_the_column_header():
    text = "\n".join(["XX市2024年重点项目建设情况（1-6月）", "",
                      "序号\t项目名称\t年度计划投资(万元)\t1-6月完成投资(万元)\t完成率(%)\t责任单位",
                      "1\t县人民医院新院区\t30000\t16500\t55\t县卫健局",
                      "2\t城东污水处理厂\t12000\t4800\t40\t县住建局"]) + "\n"
    rows = completion_table(parse_report(text=text))
    assert [(r.target.text, r.actual.text, r.stated_rate, r.consistent) for r in rows] == [
        ("30000万元", "16500万元", 55, True), ("12000万元", "4800万元", 40, True)]


def test_a_bracket_that_names_no_unit_adds_nothing():
    text = "\n".join(["2024年XX县主要经济指标完成情况（1-9月）", "",
                      "指标名称\t年度目标\t1-9月完成",
                      "地区生产总值(亿元)\t360\t262.5", "规上工业增加值(增速)\t8\t7.2", "实际利用外资(FDI)\t5\t3.1"]) + "\n"
    report = parse_report(text=text)
    assert [(t.target_text, t.progress_text) for t in report.tasks] == [("360亿元", "262.5亿元"), ("8", "7.2"), ("5", "3.1")]
