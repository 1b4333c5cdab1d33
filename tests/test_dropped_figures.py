"""No figure is lost without a word: figures on task rows that no task field holds are a
``dropped-figures`` diagnostic (which `check` fails on) and are kept as paragraphs, their figures
read as claims of their line (zsprogress/segment/accounting.py)."""

from __future__ import annotations

import pytest

from zsprogress.api import extract_claims, parse_report
from zsprogress.models import Task
from zsprogress.segment.accounting import dropped_figures
from zsprogress.segment.shapes import lines_of


def _task(**kw) -> Task:
    return Task(id="T1.1", **kw)


def test_a_cell_whose_numbers_no_field_holds_is_dropped():
    lines = lines_of("1\t新增市场主体3000户\t县市场监管局\t新增1500户\t新增2400户，完成目标的80%")
    t = _task(seq=1, content="新增市场主体3000户", lead_units=["县市场监管局"], progress_text="新增1500户")
    got = dropped_figures(lines, [t], [])
    assert [(p.line, p.text) for p in got] == [(1, "新增2400户，完成目标的80%")]


def test_every_number_held_somewhere_drops_nothing():
    lines = lines_of("1 | 新增市场主体3000户 | 县市场监管局 | 新增1500户\n2 | 建高标准农田2万亩 | 县农业局 | 已建成1.8万亩")
    tasks = [_task(seq=1, content="新增市场主体3000户", progress_text="新增1500户"),
             Task(id="T1.2", seq=2, content="建高标准农田2万亩", progress_text="已建成1.8万亩")]
    assert dropped_figures(lines, tasks, []) == []


def test_a_cell_wrapped_over_two_lines_is_found_joined():
    lines = lines_of("新增市场主体30\n00户")
    assert dropped_figures(lines, [_task(content="新增市场主体3000户")], []) == []


def test_header_cells_and_texts_set_aside_are_not_figures_of_a_task():
    lines = lines_of("序号\t工作任务\t1-6月进展情况\t1－9月完成情况\n附注：数据截至9月30日")
    assert dropped_figures(lines, [], ["附注：数据截至9月30日"]) == []


def test_only_the_sentences_with_a_missing_number_are_kept():
    lines = lines_of("全市共有42项任务,总体进展良好。新辟公交线路10条,已开通8条。")
    t = _task(content="新辟公交线路10条", progress_text="已开通8条")
    assert [p.text for p in dropped_figures(lines, [t], [])] == ["全市共有42项任务,总体进展良好。"]


TWO_PERIODS = "\n".join([
    "2021年县政府工作报告重点工作任务落实情况表",
    "序号\t重点工作\t责任单位\t1-6月进展情况\t1-9月进展情况",
    "1\t新增市场主体3000户\t县市场监管局\t新增市场主体1500户\t新增市场主体2400户，完成目标的80%",
    "2\t建设高标准农田2万亩\t县农业农村局\t已开工1万亩\t已建成1.8万亩",
]) + "\n"


def test_every_source_number_of_a_report_ends_in_a_task_or_a_paragraph():
    """Both period columns of a release are kept: the latest as the progress, the earlier in
    ``extra`` (the task's history), so every figure of the source is in the records and read."""
    report = parse_report(text=TWO_PERIODS)
    assert [t.seq for t in report.tasks] == [1, 2]
    held = " ".join([s for t in report.tasks for s in (t.content, t.progress_text, *t.lead_units, *t.extra.values())]
                    + [p.text for p in report.paragraphs + report.preamble])
    for number in ("3000", "1500", "2400", "80", "1.8"):
        assert number in held, number
    claims = extract_claims(report)
    texts = {c.text for c in claims.claims}
    assert "1.8万亩" in texts and "1万亩" in texts and any("2400" in x for x in texts)
    assert "dropped-figures" not in {d.code for d in report.diagnostics}


@pytest.mark.parametrize("sep", ["\t", " | "])
def test_a_table_read_whole_has_no_dropped_figures(sep):
    text = "\n".join(["序号" + sep + "工作任务" + sep + "责任单位" + sep + "完成情况",
                      "1" + sep + "新增城镇就业3000人" + sep + "县人社局" + sep + "新增2400人，完成80%",
                      "2" + sep + "新建5G基站100个" + sep + "县工信局" + sep + "已建成86个"]) + "\n"
    report = parse_report(text=text)
    assert len(report.tasks) == 2
    assert "dropped-figures" not in {d.code for d in report.diagnostics}


def test_check_fails_on_dropped_figures():
    from zsprogress.check import DEFAULT_FAIL_ON, failures, findings
    from zsprogress.models import Report
    from zsprogress.segment.accounting import dropped_diagnostic

    lost = dropped_figures(lines_of("1\t新增市场主体3000户\t新增2400户"), [_task(seq=1, content="新增市场主体3000户")], [])
    report = Report(source="x.txt", tasks=[_task(seq=1, content="新增市场主体3000户")], diagnostics=dropped_diagnostic(lost))
    found = findings(report, extract_claims(report), [])
    assert [f.code for f in failures(found, DEFAULT_FAIL_ON)] == ["dropped-figures"]
