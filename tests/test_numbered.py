"""Family ``numbered``: numbered items in prose with no table (zsprogress/segment/numbered.py).
Expected tasks are written from the texts below, not from the tool's output."""

from __future__ import annotations

import pytest

from zsprogress.api import completion_table, extract_claims, parse_report

TITLE = "XX区2023年政府工作报告重点工作上半年进展情况"
ITEMS = [("全年地区生产总值增长6.5%左右。", "上半年地区生产总值增长6.1%。"),
         ("新增城镇就业5000人。", "上半年新增城镇就业2860人，完成年度任务的57.2%。"),
         ("新改建农村公路50公里。", "已完成32公里。")]


def _marker(style: str, n: int) -> str:
    return {"dot": f"{n}.", "dun": f"{n}、", "paren": f"（{n}）", "circled": chr(ord("①") + n - 1),
            "fullwidth": f"{chr(ord('０') + n)}．"}[style]


def _text(style: str = "dot", heading: str = "（一）", same_line: bool = True) -> str:
    out = [TITLE, f"{heading.replace('一', '一')}稳增长" if heading else ""]
    for n, (task, progress) in enumerate(ITEMS, 1):
        if n == 2 and heading:
            out.append(heading.replace("一", "二") + "惠民生")
        out += [_marker(style, n) + task + progress] if same_line else [_marker(style, n) + task, progress]
    return "\n".join(x for x in out if x) + "\n"


@pytest.mark.parametrize("style", ["dot", "dun", "paren", "circled", "fullwidth"])
@pytest.mark.parametrize("same_line", [True, False])
def test_items_are_tasks_whatever_their_number_looks_like(style, same_line):
    report = parse_report(text=_text(style, same_line=same_line))
    assert report.layout == "numbered"
    assert [t.seq for t in report.tasks] == [1, 2, 3]
    assert [t.content for t in report.tasks] == [task for task, _ in ITEMS]
    assert [t.progress_text for t in report.tasks] == [p for _, p in ITEMS]
    assert [t.section for t in report.tasks] == ["稳增长", "惠民生", "惠民生"]


@pytest.mark.parametrize("heading", ["一、", "（一）", ""])
def test_headings_of_either_kind_or_none(heading):
    report = parse_report(text=_text(heading=heading))
    assert len(report.tasks) == 3
    assert report.tasks[0].section == ("稳增长" if heading else None)


def test_an_item_of_one_sentence_splits_where_its_progress_opens():
    text = "\n".join([TITLE, "1.改造老旧小区5个，已完成开工4个。", "2.新增城镇就业2000人，1-6月新增1200人。",
                      "3.新建5G基站1000个，覆盖全部乡镇。"]) + "\n"
    tasks = parse_report(text=text).tasks
    assert [(t.content, t.progress_text) for t in tasks] == [
        ("改造老旧小区5个", "已完成开工4个。"), ("新增城镇就业2000人", "1-6月新增1200人。"),
        ("新建5G基站1000个，覆盖全部乡镇。", "")]


def test_traditional_script_reads_the_same():
    text = _text().replace("区", "區").replace("稳增长", "穩增長").replace("惠民生", "惠民生").replace("进展", "進展")
    report = parse_report(text=text)
    assert [t.seq for t in report.tasks] == [1, 2, 3]
    assert report.tasks[0].section == "稳增长"


def test_targets_and_actuals_link_within_an_item():
    report = parse_report(text=_text())
    rows = completion_table(report, extract_claims(report))
    by_task = {r.task_id: r for r in rows}
    employment = by_task[report.tasks[1].id]
    assert employment.target.value == 5000 and employment.actual is not None and employment.actual.value == 2860


def test_numbered_paragraphs_of_a_notice_without_figures_are_no_tasks():
    text = "\n".join([
        "关于印发2022年政府工作报告任务分解意见的通知", "说明",
        "1.任务分解意见是对2022年政府工作报告重点工作任务的逐条细化分解。",
        "2.任务分解意见本着责任唯一的原则,将主要负责单位确定为责任单位。",
        "3.任务分解意见分为十二部分,共171项。",
    ]) + "\n"
    assert parse_report(text=text).layout != "numbered"


def test_a_numbered_list_without_figures_is_no_report_of_targets():
    text = "\n".join([TITLE, "1.深化放管服改革。持续优化营商环境。", "2.推进乡村振兴。完善基础设施。"]) + "\n"
    assert parse_report(text=text).layout != "numbered"


def test_numbered_facts_in_a_news_story_are_no_tasks():
    text = "\n".join(["本报讯 今年以来,我市经济运行稳中有进。", "1. 工业生产平稳,规上工业增加值增长8%。",
                      "2. 消费市场回暖,社会消费品零售总额增长6%。"]) + "\n"
    assert parse_report(text=text).layout != "numbered"


def test_a_ranking_of_places_is_no_item():
    text = _text() + "二、进度较快的区县\n1、金寨县;2、裕安区;3、霍山县。\n"
    report = parse_report(text=text)
    assert [t.seq for t in report.tasks] == [1, 2, 3]
