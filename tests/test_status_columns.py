"""Columns that carry meaning into linking (issue 17 item 6): a status column's words are the
task's stated status, a rate column (当前进度, 实际完成率) is the task's stated progress on its
target, never a target. The tables are written here from the genre (a 1-N月推进情况 table with a
status or rate column after the progress), not taken from the tool's output."""

from __future__ import annotations

from typing import Optional

import pytest

import zsprogress
from zsprogress.api import extract_claims
from zsprogress.completion_status import classify, stated_status
from zsprogress.models import Task

HEAD = "2024年重点工作任务推进情况表\n\n"


def _table(last_header: str, rows: list[tuple[str, str, str, str]]) -> str:
    lines = [f"序号\t任务内容\t牵头单位\t1-6月推进情况\t{last_header}"]
    lines += [f"{i}\t{c}\t{u}\t{p}\t{s}" for i, (c, u, p, s) in enumerate(rows, 1)]
    return HEAD + "\n".join(lines) + "\n\n"


def _report(text: str):
    report = zsprogress.parse_report(text=text)
    claims = extract_claims(report)
    return claims.report, claims, zsprogress.completion_table(claims.report, claims)


def _stated(task) -> Optional[str]:
    return task.stated_status.status if task.stated_status else None


ROWS = [
    ("新建5G基站1000个", "市经信局", "已建成5G基站420个", "否"),
    ("新增城镇就业4.5万人", "市人力社保局", "新增城镇就业2.6万人", "是"),
]


@pytest.mark.parametrize("header", ["是否达序", "是否达到序时进度", "是 否 达 序"])
def test_a_yes_no_schedule_column(header):
    report, _, rows = _report(_table(header, ROWS))
    assert [t.status_text for t in report.tasks] == ["否", "是"]
    assert [_stated(t) for t in report.tasks] == ["behind", "on_track"]
    # the completion rows carry it beside the status computed from the figures
    assert [r.stated_status.status for r in rows] == ["behind", "on_track"]


def test_a_yes_no_schedule_column_in_traditional_script():
    text = _table("是否達序", [("新建5G基站1000個", "市經信局", "已建成5G基站420個", "否"),
                               ("新增城鎮就業4.5萬人", "市人力社保局", "新增城鎮就業2.6萬人", "是")])
    report, _, _ = _report(text)
    assert [_stated(t) for t in report.tasks] == ["behind", "on_track"]


@pytest.mark.parametrize("cell,status", [
    ("顺利推进", "on_track"), ("按序时推进", "on_track"), ("已完成", "achieved"),
    ("已 完 成", "achieved"), ("按 序 时 推 进", "on_track"),  # spaced out in the cell
    ("滞后", "behind"),
])
def test_status_words_of_a_status_column(cell, status):
    t = Task(id="T1.1", seq=1, content="改造老旧小区30个", progress_text="有序推进中", status_text=cell)
    got = stated_status(t)
    assert got is not None and got.status == status and got.field == "status" and got.text == cell


@pytest.mark.parametrize("rows", [
    [("改造老旧小区30个", "市住建局", "有序推进中", "顺利推进"),
     ("完成造林面积1.2万亩", "市林业局", "完成造林1.25万亩", "已完成"),
     ("新建公园5个", "市建设局", "前期工作推进中", "按序时推进")],
    [("改造老舊小區30個", "市住建局", "有序推進中", "順利推進"),  # traditional script
     ("完成造林面積1.2萬畝", "市林業局", "完成造林1.25萬畝", "已完成"),
     ("新建公園5個", "市建設局", "前期工作推進中", "按序時推進")],
])
def test_status_words_through_the_pipeline(rows):
    report, _, completion = _report(_table("推进状态", rows))
    assert [_stated(t) for t in report.tasks] == ["on_track", "achieved", "on_track"]
    by_target = {r.target.text: r for r in completion}
    # no figure decides the first and the last: the report's words do
    assert by_target["30个"].status == "on_track" and "stated_status" in by_target["30个"].flags
    assert by_target["5个"].status == "on_track"
    assert by_target["1.2万亩"].status == "achieved"  # 1.25 of 1.2: computed, the words agree


@pytest.mark.parametrize("answer,status", [("是否达序:否", "behind"), ("是否达序：是", "on_track"),
                                           ("是否完成:否", "behind"), ("是否完成:是", "achieved"),
                                           ("是否达到序时进度:否", "behind")])
def test_a_question_and_its_answer(answer, status):
    assert classify(answer) == status


@pytest.mark.parametrize("words", ["是否", "否定", "是否达序"])
def test_no_answer_no_status(words):
    assert classify(words) is None


def test_a_short_progress_cell_with_a_figure_is_no_status_cell():
    # 完成造林0.8万亩 reports work done; its 完成 says nothing of the target's status
    t = Task(id="T1.1", seq=1, content="完成造林面积1.2万亩", progress_text="完成造林0.8万亩")
    from zsprogress.extract import extract_all

    assert stated_status(t, extract_all([t]).claims) is None
    bare = Task(id="T1.1", seq=1, content="完成造林面积1.2万亩", progress_text="已完成")
    assert _stated_of(bare) == "achieved"


def _stated_of(t: Task) -> Optional[str]:
    from zsprogress.extract import extract_all

    got = stated_status(t, extract_all([t]).claims)
    return got.status if got else None


@pytest.mark.parametrize("header", ["当前进度", "1-6月实际完成率%"])
def test_a_rate_column_is_the_stated_rate_never_a_target(header):
    rows = [("新建5G基站1000个", "市经信局", "已建成5G基站620个", "62%"),
            ("新增城镇就业4.5万人", "市人力社保局", "就业工作有序推进", "58%"),
            ("完成造林面积1.2万亩", "市林业局", "完成造林0.6万亩", "80%")]
    report, claims, completion = _report(_table(header, rows))
    rates = [c for c in claims.claims if c.field == "status"]
    assert [c.value for c in rates] == [62, 58, 80]
    assert all(c.kind == "completion" and c.role != "target" for c in rates)
    assert sorted(r.target.text for r in completion) == ["1.2万亩", "1000个", "4.5万人"]  # no rate is a target
    by_target = {r.target.text: r for r in completion}
    base = by_target["1000个"]  # 620 of 1000: the column's 62% agrees
    assert base.actual.text == "620个" and base.stated_rate == 62 and base.consistent is True
    jobs = by_target["4.5万人"]  # no figure: the column's rate is the only actual
    assert jobs.actual is None and jobs.stated_rate == 58 and "stated_only" in jobs.flags
    trees = by_target["1.2万亩"]  # 0.6 of 1.2 is 50%, the column says 80%: flagged
    assert trees.stated_rate == 80 and trees.consistent is False and "stated_rate_disagrees" in trees.flags


def test_a_rate_column_of_a_task_with_two_targets_is_nobody_s_stated_rate():
    rows = [("新建5G基站1000个,新增光纤用户2万户", "市经信局", "已建成5G基站620个,新增光纤用户1.1万户", "62%")]
    _, _, completion = _report(_table("当前进度", rows))
    assert len(completion) == 2
    assert all(r.stated_rate is None for r in completion)
