"""One cell per line, each ended by ' |' (a web table a mirror site flattened), in shapes the
held-out variation seeds found misread (issue 17): a leader heading right under the header, rows
numbered from inside the numbering, a header word split over two lines with its words spaced, an
empty remark cell dropped before the task. Read by the family of marked cells
(zsprogress/segment/marked.py) and, markers taken off, by the family of one cell per line
(zsprogress/segment/cells.py). Expected values are read from the texts."""

from __future__ import annotations

import pytest

from zsprogress.api import normalised, parse_report
from zsprogress.read import read_text
from zsprogress.segment.cells import read_cells
from zsprogress.segment.marked import read_marked
from zsprogress.segment.shapes import lines_of

TITLE = "2024年某市政府工作报告重点工作半年度完成情况\n\n"

HEADED = [
    "序 号 |", "任务", "内 容 |", "牵 头单位 |", "半年度 完成情况 |",
    "韩峻副市长牵头重点工作 |",
    "5 |", "发挥自主创新在产业培育中的重要作用,新培育高新技术企业200家。 |", "市科技局 |",
    "目前已认定省科技型中小企业57家。 |",
    "6 |", "巩固外贸外资基本盘,完成外贸进出口3700亿元。 |", "市商务局 |",
    "1-5月全市外贸进出口总额约为1491亿元。 |",
]

TRADITIONAL = [
    "序 號 |", "任務", "內 容 |", "牽 頭單位 |", "半年度 完成情況 |",
    "韓峻副市長牽頭重點工作 |",
    "5 |", "發揮自主創新在產業培育中的重要作用,新培育高新技術企業200家。 |", "市科技局 |",
    "目前已認定省科技型中小企業57家。 |",
    "6 |", "鞏固外貿外資基本盤,完成外貿進出口3700億元。 |", "市商務局 |",
    "1-5月全市外貿進出口總額約爲1491億元。 |",
]


def _lines(text: str):
    doc, _ = normalised(read_text(text))
    return lines_of(doc.text)


def test_marked_leader_heading_under_the_header_is_a_heading_and_rows_start_at_5():
    # the leader heading right under the header names a leader, not a column (its 牵头 is no
    # unit header); the first row's number is 5 (a section continuing the numbering): the cells
    # before it are the heading alone, the row starts at its number
    tbl = read_marked(_lines(TITLE + "\n".join(HEADED) + "\n"))
    assert tbl is not None
    header = next(d for w, d in tbl.events if w == "header")
    assert len(header[0]) == 4                         # 序号 / 任务内容 / 牵头单位 / 半年度完成情况
    assert [d[0] for w, d in tbl.events if w == "heading"] == ["韩峻副市长牵头重点工作"]
    assert [r.seq for r in tbl.rows] == [5, 6]
    assert [r.cells.get("units") for r in tbl.rows] == [["市科技局"], ["市商务局"]]
    assert tbl.rows[1].cells["content"] == ["巩固外贸外资基本盘,完成外贸进出口3700亿元。"]


@pytest.mark.parametrize("rows", [HEADED, TRADITIONAL], ids=["simplified", "traditional"])
def test_marked_split_spaced_header_reads_units_and_leader(rows):
    rep = parse_report(text=TITLE + "\n".join(rows) + "\n")
    assert [t.seq for t in rep.tasks] == [5, 6]
    assert [t.lead_units for t in rep.tasks] == [["市科技局"], ["市商务局"]]
    assert [t.leader for t in rep.tasks] == ["韩峻", "韩峻"]
    assert rep.tasks[0].progress_text == "目前已认定省科技型中小企业57家。"


def test_cells_header_word_wrapped_with_its_second_half_spaced():
    # markers taken off: one cell per line. 任务 / 内 容 is one header word wrapped over two lines
    # (its second half spaced out), so the table has four columns, not a second task column
    # that would take the unit cells as the target
    text = TITLE + "\n".join(x.removesuffix(" |") for x in HEADED) + "\n"
    tbl = read_cells(_lines(text))
    assert tbl is not None
    assert [r.seq for r in tbl.rows] == [5, 6]
    assert [r.cells.get("units") for r in tbl.rows] == [["市科技局"], ["市商务局"]]
    assert not any(r.cells.get("target") for r in tbl.rows)


def test_marked_dropped_remark_before_a_short_task_sentence():
    # 备注 stands before the task; a row's empty remark cell was dropped: the task's sentence
    # (short enough for a remark, but a sentence ending 。 and the task column next) is the
    # task's, its progress the progress and 是 the last column's
    text = TITLE + "\n".join([
        "序号 |", "牵头单位 |", "联系人 |", "时间节点 |", "备注 |", "任务内容 |", "半年度完成情况 |", "是否达序 |",
        "1 |", "市市场监管局 |", "陈静 |", "长期坚持 |", "加强知识产权保护,提高科技成果转化效率。 |",
        "1.完成2家高校专利存量盘点工作;", "2.推进发明专利获权提速行动。 |", "是 |",
        "2 |", "市总工会 |", "王芳 |", "2024年12月底 |", "无 |", "推进产业工人队伍建设改革。 |",
        "完成产改工作要点编制。 |", "是 |"]) + "\n"
    tbl = read_marked(_lines(text))
    assert tbl is not None
    assert [r.seq for r in tbl.rows] == [1, 2]
    assert tbl.rows[0].cells["content"] == ["加强知识产权保护,提高科技成果转化效率。"]
    assert tbl.rows[0].cells["progress"] == ["1.完成2家高校专利存量盘点工作;\n2.推进发明专利获权提速行动。"]
    rep = parse_report(text=text)
    assert [t.content for t in rep.tasks] == ["加强知识产权保护,提高科技成果转化效率。", "推进产业工人队伍建设改革。"]
    assert [t.lead_units for t in rep.tasks] == [["市市场监管局"], ["市总工会"]]
