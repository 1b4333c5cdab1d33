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


def test_leader_column_before_the_number_printed_on_its_group_first_row():
    # cells set apart by several spaces; the leader column comes before the number and holds the
    # leader on the first row of its group only; the remark column's empty cells were dropped
    text = TITLE + "\n".join([
        "牵 头领导    编 号    备 注    工 作 内 容    牵 头 单 位    1-6月实施情况",
        "周国岭    1    环境指标完成省定任务。    市生态环境局    PM2.5平均浓度为21.4微克/立方米。",
        "2    纵深推进行政执法改革。    市城管局    抓牢指标晾晒。",
        "韩峻    1    建设东海实验室。    市科技局    实验室主体完工。"]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2, 1]
    assert [t.leader for t in rep.tasks] == ["周国岭", "周国岭", "韩峻"]
    assert [t.content for t in rep.tasks] == ["环境指标完成省定任务。", "纵深推进行政执法改革。", "建设东海实验室。"]
    assert [t.lead_units for t in rep.tasks] == [["市生态环境局"], ["市城管局"], ["市科技局"]]
    assert rep.tasks[1].progress_text == "抓牢指标晾晒。"


def test_leader_cell_after_the_unit_cell_is_the_leader():
    # one space between cells; the leader's name after the unit cell ends like a unit (周建军)
    # but is the leader's cell
    text = TITLE + "\n".join([
        "序号 任务内容 半年度完成情况 牵头单位 责任领导",
        "1 高标准落实国土空间总体规划。 总体规划获省政府批复。 市资源规划局 周建军",
        "2 建设高新区新材料产业平台。 一体推进项目、平台建设。 高新区管委会 史舟海"]) + "\n"
    rep = parse_report(text=text)
    assert [t.lead_units for t in rep.tasks] == [["市资源规划局"], ["高新区管委会"]]
    assert [t.leader for t in rep.tasks] == ["周建军", "史舟海"]


def test_header_word_wrapped_after_its_first_character():
    # a header word broken after one character (重 / 点工作): the first line alone names too few
    # columns to be a header; with the next line joined it is the header
    text = TITLE + "\n".join([
        "编 号    重    牵 头 单 位    1-6月完成情况",
        "点工作",
        "8    一般公共预算收入增长7%。    区财政局    一般公共预算收入同比增长4.2%。",
        "9    全体居民人均可支配收入增长6%。    区发展改革委    居民人均可支配收入增长5.1%。"]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [8, 9]
    assert [t.content for t in rep.tasks] == ["一般公共预算收入增长7%。", "全体居民人均可支配收入增长6%。"]
    assert [t.lead_units for t in rep.tasks] == [["区财政局"], ["区发展改革委"]]
