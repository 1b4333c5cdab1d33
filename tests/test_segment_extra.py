"""Never a silent drop (issue 17, item 2): the cells of a column that is no task field (a
deadline, an investment, a person, a header nobody listed) are kept on the task as ``extra``
(header as printed, spaces removed -> cell text), and their figures reach claim extraction as
field ``extra:<header>``: a claim, or a skip with a reason, never an unexplained loss."""

from __future__ import annotations

import json

import pytest

from zsprogress.api import extract_claims, parse_report
from zsprogress.export import model_columns, write_rows
from zsprogress.schema import TaskRow

HEAD = ["序号", "任务内容", "牵头单位", "完成时限", "总投资(亿元)", "完成情况"]
ROWS = [
    ["1", "建成城市快速路一期工程。", "市住建局", "2024年12月", "12.5", "上半年完成投资6亿元,主线桥梁完工。"],
    ["2", "新建公办幼儿园5所。", "市教育局", "2024年9月", "3.2", "已开工4所,完成投资1.1亿元。"],
]
TITLE = "2024年政府工作报告重点工作推进情况\n\n"


def _cells(head: list[str]) -> str:
    """One cell per line, a blank line between cells (the sample's layout)."""
    return TITLE + "\n\n".join(head) + "\n\n" + "\n\n".join("\n\n".join(r) for r in ROWS) + "\n"


def _pipe(head: list[str]) -> str:
    return TITLE + "\n".join("| " + " | ".join(r) + " |" for r in [head, *ROWS]) + "\n"


def _tab(head: list[str]) -> str:
    return TITLE + "\n".join("\t".join(r) for r in [head, *ROWS]) + "\n"


LAYOUTS = {"cells": _cells, "pipe": _pipe, "tab": _tab}


def _check(text: str, deadline: str, invest: str) -> None:
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2]
    t1, t2 = rep.tasks
    assert t1.content == "建成城市快速路一期工程。"
    assert t1.lead_units == ["市住建局"]
    assert t1.progress_text == "上半年完成投资6亿元,主线桥梁完工。"
    assert t1.extra == {deadline: "2024年12月", invest: "12.5"}
    assert t2.extra == {deadline: "2024年9月", invest: "3.2"}
    assert t1.field_text(f"extra:{invest}") == "12.5"
    cs = extract_claims(rep)
    # the investment figure of each row is a claim or a skip with a reason, never unexplained
    for t, fig in ((t1, "12.5"), (t2, "3.2")):
        found = [c for c in cs.claims if c.task_id == t.id and c.field == f"extra:{invest}"]
        skipped = [s for s in cs.skips if s.task_id == t.id and s.field == f"extra:{invest}"]
        assert [c.text for c in found] + [s.text for s in skipped] == [fig]
        assert all(s.reason for s in skipped)
    # the deadline is read too (a date: a skip, or a claim), in its own field
    assert any(x.field == f"extra:{deadline}" for x in [*cs.claims, *cs.skips])
    assert not [u for u in cs.unexplained if str(u.get("field", "")).startswith("extra:")]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_kept_aside_columns_reach_extra_and_claims(layout):
    _check(LAYOUTS[layout](HEAD), "完成时限", "总投资(亿元)")


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_spaced_header_words_name_the_same_columns(layout):
    # header words printed with spaces inside: the header keeps its meaning, the key has no spaces
    head = ["序 号", "任 务 内 容", "牵 头 单 位", "完 成 时 限", "总 投 资(亿元)", "完 成 情 况"]
    _check(LAYOUTS[layout](head), "完成时限", "总投资(亿元)")


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_traditional_header_names_the_same_columns(layout):
    # a mirror site's traditional script: the report is read in simplified script (a
    # `normalised` diagnostic says so), so the keys are those of the simplified header
    head = ["序號", "任務內容", "牽頭單位", "完成時限", "總投資(億元)", "完成情況"]
    _check(LAYOUTS[layout](head), "完成时限", "总投资(亿元)")


def test_unlisted_header_is_kept_under_its_name():
    # a header word no vocabulary lists, between the units and the progress
    head = ["序号", "任务内容", "牵头单位", "所属片区", "完成情况"]
    text = TITLE + "\n".join("| " + " | ".join(r) + " |" for r in [
        head, ["1", "建成城市快速路一期工程。", "市住建局", "东部片区", "上半年完成投资6亿元。"]]) + "\n"
    (t,) = parse_report(text=text).tasks
    assert t.extra == {"所属片区": "东部片区"}
    assert t.progress_text == "上半年完成投资6亿元。"


def test_no_kept_aside_column_no_extra():
    text = TITLE + "序号\n\n任务内容\n\n牵头单位\n\n完成情况\n\n1\n\n建成快速路。\n\n市住建局\n\n已完工。\n"
    (t,) = parse_report(text=text).tasks
    assert t.extra == {}


def test_extra_is_the_last_csv_column_and_one_json_cell():
    cols = model_columns(TaskRow)
    assert cols[-1] == "extra"
    assert cols[:-1] == [c for c in cols if c != "extra"]      # every other column in its old place
    rep = parse_report(text=_pipe(HEAD))
    import io

    out = io.StringIO()
    rows = [TaskRow(**t.model_dump(), source="x") for t in rep.tasks]
    write_rows(rows, "csv", out, columns=cols)
    lines = out.getvalue().splitlines()
    assert lines[0].split(",")[-1] == "extra"
    import csv

    first = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert json.loads(first["extra"]) == {"完成时限": "2024年12月", "总投资(亿元)": "12.5"}


LABELS = """2024年重点工作完成情况
一、经济发展
1. 建成城市快速路一期工程。
牵头单位:市住建局
完 成 时 限:2024年12月
完成情况:上半年完成投资6亿元。
2. 新建公办幼儿园5所。
牵头单位:市教育局
完成情况:已开工4所。
"""

RECORDS = """序号:1
任务内容:建成城市快速路一期工程。
牵头单位:市住建局
完成时限:2024年12月
完成情况:上半年完成投资6亿元。
序号:2
任务内容:新建公办幼儿园5所。
牵头单位:市教育局
责 任 人:张三
总投资:3.2亿元
完成情况:已开工4所。
"""


def test_label_of_a_kept_aside_column_is_extra_not_the_unit_cell():
    # a label the vocabulary keeps aside (完成时限:), spaced: the task's extra, not a line of the
    # lead-unit cell before it
    rep = parse_report(text=LABELS)
    assert rep.layout == "labels"
    t1, t2 = rep.tasks
    assert t1.lead_units == ["市住建局"]
    assert t1.extra == {"完成时限": "2024年12月"}
    assert t1.progress_text == "上半年完成投资6亿元。"
    assert t2.extra == {}


def test_record_keys_of_kept_aside_columns_are_extra():
    rep = parse_report(text=RECORDS)
    assert rep.layout == "records"
    t1, t2 = rep.tasks
    assert t1.extra == {"完成时限": "2024年12月"}
    assert t2.extra == {"责任人": "张三", "总投资": "3.2亿元"}
    assert t2.progress_text == "已开工4所。"
    cs = extract_claims(rep)
    fig = [c for c in cs.claims if c.task_id == t2.id and c.field == "extra:总投资"]
    assert [(c.text, c.value, c.unit) for c in fig] == [("3.2亿元", 320_000_000, "元")]
