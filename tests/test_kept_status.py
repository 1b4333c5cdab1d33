"""A status column under a header the vocabulary does not name a status (完成情况 beside 进展情况,
推进状态, 备注) is kept aside in ``extra``; a cell of it that is only status words is the task's
stated status (issue 17.6): 序时推进 on track, 滞后 behind, 已完成 achieved. A bare 是/否 is read
with its header's question. Expected values read from the texts; each written as tab rows, pipe
rows and an HTML table, in simplified and traditional script."""

from __future__ import annotations

import pytest
from tables import rows_as

from zsprogress.api import extract_claims, parse_report

HEADER = ["序号", "工作目标", "责任单位", "时间节点", "进展情况", "{status}"]
ROWS = [
    ["1", "规模以上工业增加值增长7%", "市工信局", "12月底", "前三季度规上工业增加值增长7.4%。", "序时推进"],
    ["2", "实际使用外资3亿美元", "市商务局", "12月底", "1-9月实际使用外资1.2亿美元。", "滞后"],
    ["3", "建成投用市民中心", "市住建局", "9月底", "市民中心主体工程已结顶。", "已完成"],
]
TRAD = str.maketrans("规业长实际资亿务础进况责单时节点标计划质态备注设", "規業長實際資億務礎進況責單時節點標計劃質態備註設")


def _text(shape: str, status_header: str, trad: bool, rows=ROWS) -> str:
    table = [[c.format(status=status_header) for c in HEADER], *rows]
    body = "\n".join(rows_as(shape, table))
    text = "2024年政府工作报告重点工作任务落实情况表\n\n" + body + "\n"
    return text.translate(TRAD) if trad else text


def _stated(text: str, tmp_path, shape: str):
    if shape == "html":
        p = tmp_path / "r.html"
        p.write_text(f"<html><body>{text}</body></html>", encoding="utf-8")
        rep = parse_report(p)
    else:
        rep = parse_report(text=text)
    tasks = extract_claims(rep).report.tasks
    return [(t.seq, t.stated_status.status if t.stated_status else None) for t in tasks], tasks


@pytest.mark.parametrize("shape", ["tabs", "pipe", "html"])
@pytest.mark.parametrize("status_header", ["完成情况", "推进状态", "备注"])
@pytest.mark.parametrize("trad", [False, True])
def test_status_words_in_a_kept_column(shape, status_header, trad, tmp_path):
    got, tasks = _stated(_text(shape, status_header, trad), tmp_path, shape)
    assert got == [(1, "on_track"), (2, "behind"), (3, "achieved")]
    # the evidence names the column the words are in (推进状态 is a status header of the
    # vocabulary: its cells are the task's status field); the text is read in simplified script
    said = tasks[1].stated_status
    assert said.text == "滞后"
    assert said.field == ("status" if status_header == "推进状态" else f"extra:{status_header}")


@pytest.mark.parametrize("shape", ["tabs", "html"])
@pytest.mark.parametrize("header", ["是否纳入省重点", "是否达到序时进度情况说明"])
def test_yes_no_read_with_its_question(shape, header, tmp_path):
    rows = [r[:5] + [yn] for r, yn in zip(ROWS, ["是", "否", "是"], strict=True)]
    got, _ = _stated(_text(shape, header, False, rows), tmp_path, shape)
    # 是否纳入省重点 asks nothing of the schedule, and a header that only mentions the schedule
    # (是否达到序时进度情况说明: an explanation, not the answer) is not answered by 是/否: no status;
    # row 3's progress (主体工程已结顶) states none either
    assert got == [(1, None), (2, None), (3, None)]


def test_dates_and_figures_are_not_status_words(tmp_path):
    rows = [r[:5] + [v] for r, v in zip(ROWS, ["12月底前完成", "完成90%", "—"], strict=True)]
    got, _ = _stated(_text("tabs", "备注", False, rows), tmp_path, "tabs")
    assert got == [(1, None), (2, None), (3, None)]
