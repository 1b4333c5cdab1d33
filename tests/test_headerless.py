"""Numbered rows with no header row above them (family ``headerless``).

Written from the genre: a table continued from a page whose header was not kept, or printed under
a header that was an image, is still read by a careful reader from its rows alone: a row number,
the task, the lead unit (a list of unit names), the progress. Expected values are read from the
texts below."""

from __future__ import annotations

import pytest

from zsprogress.api import parse_report

TITLE = "某县2024年政府工作报告重点工作任务上半年推进情况"
ROWS = [("全年地区生产总值增长6.5%", "县发改局", "上半年地区生产总值增长6.1%。"),
        ("新增城镇就业3000人", "县人社局、县财政局", "上半年新增城镇就业1650人，完成年度目标的55%。"),
        ("完成造林1.5万亩", "县林业局", "已完成造林0.9万亩。")]
WANT = [(i, c, u.split("、"), p) for i, (c, u, p) in enumerate(ROWS, 1)]


def _got(text: str) -> list:
    report = parse_report(text=text)
    return [(t.seq, t.content, t.lead_units, t.progress_text) for t in report.tasks]


@pytest.mark.parametrize("sep", ["\t", " | ", "    "], ids=["tabs", "pipes", "spaces"])
def test_rows_without_a_header_are_read_by_their_cells(sep):
    text = "\n".join([TITLE] + [sep.join([str(i), *r]) for i, r in enumerate(ROWS, 1)]) + "\n"
    assert _got(text) == WANT
    codes = [d.code for d in parse_report(text=text).diagnostics]
    assert "columns-inferred" in codes


def test_leader_headings_and_a_wrapped_progress_cell():
    lines = [TITLE, "一、张伟副县长牵头重点工作", "\t".join(["1", *ROWS[0]]), "二、刘芳副县长牵头重点工作"]
    lines += ["\t".join(["2", *ROWS[1][:2], "上半年新增城镇就业1650人，"]), "完成年度目标的55%。", "\t".join(["3", *ROWS[2]])]
    report = parse_report(text="\n".join(lines) + "\n")
    got = [(t.seq, t.leader, t.progress_text) for t in report.tasks]
    assert got == [(1, "张伟", ROWS[0][2]), (2, "刘芳", "上半年新增城镇就业1650人，\n完成年度目标的55%。"),
                   (3, "刘芳", ROWS[2][2])]


def test_a_leader_column_and_a_status_column():
    rows = [("1", "张伟", *ROWS[0], "按序时推进"), ("2", "张伟", *ROWS[1], "按序时推进"), ("3", "刘芳", *ROWS[2], "滞后")]
    report = parse_report(text="\n".join([TITLE] + ["\t".join(r) for r in rows]) + "\n")
    got = [(t.seq, t.leader, t.lead_units, t.status_text) for t in report.tasks]
    assert got == [(1, "张伟", ["县发改局"], "按序时推进"), (2, "张伟", ["县人社局", "县财政局"], "按序时推进"),
                   (3, "刘芳", ["县林业局"], "滞后")]


def test_a_further_text_column_is_kept_on_the_task():
    rows = [(str(i), *r, "下一步继续推进。") for i, r in enumerate(ROWS, 1)]
    report = parse_report(text="\n".join([TITLE] + ["\t".join(r) for r in rows]) + "\n")
    assert [t.extra for t in report.tasks] == [{"第5列": "下一步继续推进。"}] * 3


def test_a_ranking_is_no_table_of_tasks():
    text = "\n".join([TITLE, "各县市区开工率排名如下：", "1\t金寨县\t95.3%", "2\t裕安区\t93.1%", "3\t霍山县\t90.2%"]) + "\n"
    assert parse_report(text=text).tasks == []
