"""A report cut off mid-row is flagged (``truncated``, which `check` fails on); a table whose
cells end bare is not cut just because its last cell has no full stop."""

from __future__ import annotations

import pytest

from zsprogress.api import parse_report

HEAD = "2022年县政府工作报告重点工作任务落实情况表"
ROWS = [("1", "实现地区生产总值增长6.5%", "县发改局", "1-9月地区生产总值增长5.8%"),
        ("2", "新增城镇就业3000人", "县人社局", "1-9月新增城镇就业2400人"),
        ("3", "完成固定资产投资120亿元", "县发改局", "1-9月完成固定资产投资95亿元")]


def _table(rows, sep: str, header=("序号", "工作任务", "责任单位", "1-9月完成情况")) -> str:
    return "\n".join([HEAD, sep.join(header)] + [sep.join(r) for r in rows]) + "\n"


def _stop(rows):
    return [r[:-1] + (r[-1] + "。",) for r in rows]


@pytest.mark.parametrize("sep", ["\t", " | "])
def test_bare_cells_throughout_are_not_a_cut(sep):
    report = parse_report(text=_table(ROWS, sep))
    assert [t.seq for t in report.tasks] == [1, 2, 3]
    assert not report.tasks[-1].truncated
    assert "truncated" not in {d.code for d in report.diagnostics}


@pytest.mark.parametrize("sep", ["\t", " | "])
def test_a_bare_last_cell_where_every_other_ends_in_a_stop_is_a_cut(sep):
    rows = _stop(ROWS[:2]) + [ROWS[2][:-1] + ("1-9月完成固定资产",)]
    report = parse_report(text=_table(rows, sep))
    assert report.tasks[-1].truncated
    assert "truncated" in {d.code for d in report.diagnostics}


def test_every_cell_ending_in_a_stop_is_whole():
    report = parse_report(text=_table(_stop(ROWS), "\t"))
    assert not report.tasks[-1].truncated


def test_traditional_script_and_spaced_header_words_read_the_same():
    header = ("序 號", "工作任務", "責任單位", "1-9月完成情況")
    rows = [(a, b.replace("实现", "實現").replace("发", "發"), c.replace("发", "發"), d) for a, b, c, d in ROWS]
    report = parse_report(text=_table(rows, "\t", header))
    assert [t.seq for t in report.tasks] == [1, 2, 3]
    assert not report.tasks[-1].truncated
