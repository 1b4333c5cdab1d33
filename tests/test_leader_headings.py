"""Leader headings of other shapes, and table headers of two rows.

Written from the genre: reports name the leader in charge of a group of tasks in many ways besides
``徐仁标市长牵头重点工作``: with a count (``王强副市长分管（3项）``), title first (``市长王强牵头重点工作``),
or in brackets after a category (``一、经济发展（张伟副县长）``). Published tables often have a header
of two rows: cells spanning both rows beside a cell spanning two columns with its own sub-headers.
Expected values are read from the texts below."""

from __future__ import annotations

import pytest

from zsprogress.api import completion_table, parse_report

BRACKET_ROWS = [
    ("一、经济发展（张伟副县长）", None),
    (None, ("1", "全年地区生产总值增长7%", "县发改局", "前三季度地区生产总值增长6.2%。")),
    (None, ("2", "社会消费品零售总额增长8%", "县商务局", "1-9月社会消费品零售总额增长7.5%。")),
    ("二、社会事业（牵头领导：刘芳）（1项）", None),
    (None, ("3", "新建幼儿园3所", "县教育局", "已建成2所,1所主体完工。")),
]
HEADER = ("序号", "工作任务", "责任单位", "进展情况")


def _text(sep: str) -> str:
    lines = ["某县2023年政府工作报告重点工作任务完成情况（截至9月底）", "", sep.join(HEADER)]
    for heading, row in BRACKET_ROWS:
        lines.append(heading if heading else sep.join(row))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("sep", ["\t", " | ", "\n"], ids=["tabs", "pipes", "cell-per-line"])
def test_a_leader_in_brackets_after_a_category_leads_its_tasks(sep):
    report = parse_report(text=_text(sep))
    got = [(t.seq, t.leader, t.leader_title, t.lead_units) for t in report.tasks]
    assert got == [(1, "张伟", "副县长", ["县发改局"]), (2, "张伟", "副县长", ["县商务局"]),
                   (3, "刘芳", None, ["县教育局"])]


def test_the_same_in_traditional_script():
    text = _text("\t").translate(str.maketrans("济发展县长伟务商教育责单位进情况设", "濟發展縣長偉務商教育責單位進情況設"))
    report = parse_report(text=text)
    assert [(t.seq, t.leader, t.leader_title) for t in report.tasks] == [
        (1, "张伟", "副县长"), (2, "张伟", "副县长"), (3, "刘芳", None)]


@pytest.mark.parametrize("heading, leader, title", [
    ("一、市长王强牵头重点工作", "王强", "市长"),
    ("一、王强副市长分管（3项）", "王强", "副市长"),
    ("(一)王强副市长牵头负责的重点工作(共3项)", "王强", "副市长"),
    ("一、王  强副市长牵头重点工作", "王强", "副市长"),
])
def test_leader_heading_shapes(heading, leader, title):
    text = "\n".join(["某市2024年政府工作报告重点工作上半年完成情况", "", "\t".join(HEADER), heading,
                      "1\t新增城镇就业4.5万人\t市人力社保局\t新增城镇就业2.3万人。",
                      "2\t新建改造农村公路50公里\t市交通运输局\t已完成30公里。"]) + "\n"
    report = parse_report(text=text)
    assert [(t.seq, t.leader, t.leader_title) for t in report.tasks] == [(1, leader, title), (2, leader, title)]


TWO_ROW_HEADER = """<html><head><meta charset="utf-8"><title>某市2024年政府工作报告重点工作任务上半年进展情况</title></head><body>
<table border="1">
<tr><td rowspan="2">编号</td><td rowspan="2">重点任务</td><td rowspan="2">牵头单位</td><td colspan="2">上半年推进情况</td><td rowspan="2">完成时限</td></tr>
<tr><td>进展情况</td><td>完成比例</td></tr>
<tr><td colspan="6">一、王强副市长分管（2项）</td></tr>
<tr><td>1</td><td>新开工保障性租赁住房2000套</td><td>市住建局</td><td>已开工1200套</td><td>60%</td><td>2024年12月</td></tr>
<tr><td>2</td><td>完成老旧小区改造60个</td><td>市住建局</td><td>完成改造18个,在建30个</td><td>30%</td><td>2024年11月</td></tr>
<tr><td colspan="6">二、赵敏副市长分管（1项）</td></tr>
<tr><td>3</td><td>新增市场主体2万户</td><td>市市场监管局</td><td>上半年新增市场主体1.3万户</td><td>65%</td><td>2024年12月</td></tr>
</table></body></html>
"""


def test_a_header_of_two_rows_is_one_header(tmp_path):
    """编号 | 重点任务 | 牵头单位 | 完成时限 span both header rows; 上半年推进情况 spans 进展情况 and
    完成比例. The second row is header, not a task; 完成比例 is the stated rate of each row."""
    path = tmp_path / "report.html"
    path.write_text(TWO_ROW_HEADER, encoding="utf-8")
    report = parse_report(path)
    got = [(t.seq, t.leader, t.lead_units, t.progress_text, t.status_text, t.extra) for t in report.tasks]
    assert got == [
        (1, "王强", ["市住建局"], "已开工1200套", "60%", {"完成时限": "2024年12月"}),
        (2, "王强", ["市住建局"], "完成改造18个,在建30个", "30%", {"完成时限": "2024年11月"}),
        (3, "赵敏", ["市市场监管局"], "上半年新增市场主体1.3万户", "65%", {"完成时限": "2024年12月"}),
    ]
    rows = {c.task_id: c for c in completion_table(report)}
    assert [(rows[t.id].stated_rate, rows[t.id].consistent) for t in report.tasks] == [
        (60, True), (30, True), (65, True)]
