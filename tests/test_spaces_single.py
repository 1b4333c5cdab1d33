"""Rows set apart by one space (text taken from a PDF or a web page that squeezed the table),
with a column whose cells were all left empty and dropped (the lead units of an indicator
table, a remark): the cells are told apart by their looks, not run together into the task.
Expected values read from the rows."""

from __future__ import annotations

import pytest

from zsprogress.api import parse_report

TITLE = "2024年政府工作报告重点工作上半年完成情况"


@pytest.mark.parametrize("remark", [False, True])
def test_empty_unit_column_single_spaces(remark):
    head = "序号 指标名称 年度目标 牵头单位 半年度完成情况" + (" 备注" if remark else "")
    rows = ["1 地区生产总值 增长6%以上 1897.8亿元;增速6.1%",
            "2 规上工业增加值 增长7%以上 612.3亿元;增速9.4%",
            "3 社会消费品零售总额 增长6.5% 866.0亿元;增速5.8%"]
    rep = parse_report(text="\n".join([TITLE, "", head, *rows]) + "\n")
    got = [(t.seq, t.content, t.lead_units, t.target_text, t.progress_text) for t in rep.tasks]
    assert got == [(1, "地区生产总值", [], "增长6%以上", "1897.8亿元;增速6.1%"),
                   (2, "规上工业增加值", [], "增长7%以上", "612.3亿元;增速9.4%"),
                   (3, "社会消费品零售总额", [], "增长6.5%", "866.0亿元;增速5.8%")]


def test_unit_cell_after_a_dropped_remark():
    # 序号 备注 牵头单位 任务内容: the remark, left empty on most rows, is dropped; the unit
    # cell is then the first after the number
    text = "\n".join([TITLE, "", "序号 备注 牵头单位 任务内容",
                      "1 县发改局 地区生产总值增长7%以上",
                      "2 无 县工信局 规上工业增加值增长12%以上",
                      "3 县发改局 固定资产投资增长10%以上"]) + "\n"
    rep = parse_report(text=text)
    assert [(t.seq, t.lead_units, t.content) for t in rep.tasks] == [
        (1, ["县发改局"], "地区生产总值增长7%以上"), (2, ["县工信局"], "规上工业增加值增长12%以上"),
        (3, ["县发改局"], "固定资产投资增长10%以上")]
