"""Rows of cells set apart by spaces (a web table copied as text, a PDF's text) that the variation
suite found unread (issue 17): expected values are read from the texts."""

from __future__ import annotations

from zsprogress.api import parse_report

TITLE = "2023年某市政府工作报告重点工作半年度完成情况\n\n"


def test_unnumbered_rows_set_apart_by_single_spaces():
    # the number column is empty on every row, so no row shows a number: each line that has a
    # unit name where the unit column is, and a cell for each column, is a row
    text = TITLE + "\n".join([
        "序号 牵头单位 任务内容 半年度完成情况",
        "市财政局 一般公共预算收入与经济增长基本同步。 1-6月,全市一般公共预算收入143.83亿元,增长19.6%。",
        "市财政局、市国资委 深化国资国企改革。 开展国有企业总审计师制度试点。"]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [None, None]
    assert [t.lead_units for t in rep.tasks] == [["市财政局"], ["市财政局", "市国资委"]]
    assert [t.content for t in rep.tasks] == ["一般公共预算收入与经济增长基本同步。", "深化国资国企改革。"]
    assert rep.tasks[0].progress_text == "1-6月,全市一般公共预算收入143.83亿元,增长19.6%。"
    assert rep.tasks[1].progress_text == "开展国有企业总审计师制度试点。"
