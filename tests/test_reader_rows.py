"""Rows of shapes the variation suite found misread (issue 17, step 3): each case is a layout a
careful reader reads back without hesitation. Expected values are read from the texts."""

from __future__ import annotations

import pytest

from zsprogress.api import parse_report

TITLE = "2024年某市政府工作报告重点工作半年度完成情况\n\n"


def test_spaces_units_first_then_task_and_progress():
    # cells set apart by three spaces (as in the header, whose words are spaced out): the tokens
    # after the unit cell are the task cell and the progress cell, not one task cell
    text = TITLE + (
        "序 号   牵头单位   任务内 容   半 年 度 完 成 情 况\n"
        "1   市发改局、市经信局   地区生产总值增长 5% 以上。   上半年 , 全区 GDP 增长 5.4 % 。\n"
        "2   市财政局   一般公共预算收入增长 6%。   上半年增长 1.4 % 。\n")
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2]
    t1, t2 = rep.tasks
    assert t1.lead_units == ["市发改局", "市经信局"]
    assert t1.content == "地区生产总值增长 5% 以上。"
    assert t1.progress_text == "上半年 , 全区 GDP 增长 5.4 % 。"
    assert t2.content == "一般公共预算收入增长 6%。"


def test_dropped_remark_cell_before_the_last_unit_cell():
    # one cell per line; the remark column before the unit column: a row whose empty remark cell
    # was dropped still ends with its unit cell
    text = TITLE + "\n\n".join([
        "序号", "任务内容", "完成情况", "备注", "牵头单位",
        "1", "确保地区生产总值增长7%左右。", "1-2月主要经济指标实现正增长。", "无", "市发改委",
        "2", "有效投资增长高于经济增长。", "1-2月固定资产投资同比下降12.7%。", "市发改委",
        "3", "新兴产业增加值占比提升至44%。", "占比为46.3%。", "无", "市经信局"]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2, 3]
    assert [t.lead_units for t in rep.tasks] == [["市发改委"], ["市发改委"], ["市经信局"]]
    assert rep.tasks[1].progress_text == "1-2月固定资产投资同比下降12.7%。"


def test_tabs_leader_column_before_the_number_printed_once_per_group():
    # a leader column before the number, its name printed on the first row of its group only
    # (the other rows' empty cell dropped): every row keeps its number, the group its leader
    text = TITLE + "\n".join([
        "责任领导\t序号\t任务内容\t牵头单位\t完成情况",
        "韩峻\t3\t力争全社会研发投入强度达2.5%。\t市科技局\t研发投入强度2.4%。",
        "4\t建设东海实验室。\t市科技局\t实验室主体完工。",
        "周国岭\t5\t新增城镇就业4万人。\t市人社局\t新增就业2.1万人。"]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [3, 4, 5]
    assert [t.leader for t in rep.tasks] == ["韩峻", "韩峻", "周国岭"]
    assert [t.content for t in rep.tasks] == ["力争全社会研发投入强度达2.5%。", "建设东海实验室。",
                                              "新增城镇就业4万人。"]
    assert [t.lead_units for t in rep.tasks] == [["市科技局"], ["市科技局"], ["市人社局"]]


def test_spaced_label_words_are_labels():
    # a label whose words are spaced out (牵头 领导:) is the label, not a line of the task cell
    text = TITLE + "\n".join([
        "1. 推动黄家台遗址公园争创省级考古遗址公园。",
        "牵头 领导:洪碧",
        "责任 单位:市文广旅体局",
        "完成情况:完成考古调查,新发现古文化遗址24处。",
        "2. 引进一批标志性文旅项目。",
        "牵 头 领 导:洪碧",
        "责任单位:市文广旅体局",
        "完成情况:谋划布局一批标志性文旅项目。"]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2]
    assert rep.tasks[0].content == "推动黄家台遗址公园争创省级考古遗址公园。"
    assert [t.leader for t in rep.tasks] == ["洪碧", "洪碧"]
    assert [t.lead_units for t in rep.tasks] == [["市文广旅体局"], ["市文广旅体局"]]


@pytest.mark.parametrize("wrapped", ["工\n作进展", "1-\n6月完成情况"])
def test_header_word_wrapped_after_a_few_characters(wrapped):
    # one cell per line, a header word broken after its first characters (工 / 作进展, 1- / 6月完成情况)
    text = TITLE + "\n\n".join([
        "编号", "主要任务", "责任单位", wrapped,
        "1", "统筹推进城市更新。", "市资源规划局", "已形成规划中期成果。",
        "2", "推进新城北入城口规划。", "市资源规划局", "已完成规划编制。"]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2]
    assert [t.content for t in rep.tasks] == ["统筹推进城市更新。", "推进新城北入城口规划。"]
    assert [t.progress_text for t in rep.tasks] == ["已形成规划中期成果。", "已完成规划编制。"]


def test_group_heading_on_its_own_line_after_a_unit_cell():
    # one cell per line ending " |" (a web table flattened), the unit column last: a short line
    # with no figure after a row's unit cell is the heading of the next group, not the unit cell
    lines = ["序号", "完成时间", "联系人", "任务内容", "年度目标", "半年度完成情况", "牵头单位",
             "高质量发展",
             "1", "长期坚持", "张伟 0580-2281124", "新增企业上市数", "2家", "年度指标", "区金融办",
             "2", "2021年12月底", "张伟 0580-2281124", "新认定市级高新技术企业", "30家", "年度指标", "区科委",
             "高品质生活",
             "3", "2021年12月底", "李强", "城乡登记失业人数", "控制在", "10410人内", "7919人", "区人社局"]
    text = TITLE + "\n".join(c if c == "控制在" else c + " |" for c in lines) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2, 3]
    assert [t.lead_units for t in rep.tasks] == [["区金融办"], ["区科委"], ["区人社局"]]
    assert rep.tasks[2].section == "高品质生活"


def test_dropped_remark_yields_to_the_status_and_the_task():
    # one cell per line; the remark and status columns before the task: a row whose empty remark
    # cell (and empty progress cell) were dropped gives its status word to the status column and
    # its task to the task column
    text = TITLE + "\n\n".join([
        "序号", "责任领导", "备注", "推进状态", "任务内容", "牵头单位", "完成情况",
        "1", "毛江平常务副市长", "无", "顺利推进", "建设东海实验室。", "市科技局", "实验室主体完工。",
        "2", "毛江平常务副市长", "序时推进", "大力实施“小岛你好”共富行动。", "市发改委",
        "3", "毛江平常务副市长", "无", "顺利推进", "推进海岛公园建设。", "市文广旅体局", "已开园2个。"]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2, 3]
    t2 = rep.tasks[1]
    assert t2.content == "大力实施“小岛你好”共富行动。"
    assert t2.status_text == "序时推进"
    assert t2.lead_units == ["市发改委"]
    assert t2.extra == {}


@pytest.mark.parametrize("first,second", [
    ("序 号 | 工 作 内 容 | 牵头部 门 | 上 半 年 |", " |  |  | 推 进 情 况 |"),
    ("序号 | 工作内容 | 牵头部门 | 上半年 |", "  |   |   | 推进情况 |"),
    ("序號 | 工作內容 | 牽頭部門 | 上半年 |", " |  |  | 推進情況 |"),
])
def test_a_wrapped_header_line_whose_first_cells_are_blank(first, second):
    """The second line of a wrapped header prints its blank cells as spaces before their pipes
    (`` |  |  | 推进情况 |``): it opens on a pipe without the table having outer pipes, so its
    cells keep their places under the header (上半年 + 推进情况), and the unit column stays the
    unit column."""
    text = "\n".join(["2024年市政府工作报告重点工作半年度完成情况", first, second,
                      "1 | 一般公共预算收入与经济增长基本同步。 | 市财政局 | 上半年,一般公共预算收入153.57亿元,增长4.3%。 |",
                      "2 | 实施国资国企改革深化提升行动。 | 市财政局、市国资委 | 市属重点国企完成投资45.74亿元。 |"]) + "\n"
    tasks = parse_report(text=text).tasks
    assert [t.lead_units for t in tasks] == [["市财政局"], ["市财政局", "市国资委"]]
    assert [t.progress_text[:6] for t in tasks] == ["上半年,一般", "市属重点国企"]


def test_spaces_row_whose_unit_cell_was_left_empty():
    # cells set apart by two spaces or more (a PDF's text); an indicator row without a lead unit
    # cannot show its empty cell: its three cells are the indicator, its target and its result
    text = TITLE + "\n".join([
        "序 号  任 务 内 容  年 度 目 标  牵头 单位  半 年 度 完 成 情 况",
        "1  地区生产总值  增长6%左右  市发改委  增长5.8%",
        "2  规上工业增加值  增长7%以上  820.9亿元;增速11.2%",
        "3  全员劳动生产率  稳步增长  年度指标"]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2, 3]
    assert [t.content for t in rep.tasks] == ["地区生产总值", "规上工业增加值", "全员劳动生产率"]
    assert [t.lead_units for t in rep.tasks] == [["市发改委"], [], []]
    assert rep.tasks[1].progress_text == "820.9亿元;增速11.2%"
    assert rep.tasks[2].progress_text == "年度指标"


def test_marked_cells_leader_printed_on_the_first_row_of_its_group_only():
    # one cell a line, each ended by ' |' (a mirror of a web table); the leader cell is printed on
    # the first row of its group only: the next row has one cell fewer, and its unit cell is its
    # unit cell, not its leader's; a group numbers its rows anew
    text = TITLE + "\n".join([
        "序号 |", "任务内容 |", "完成情况 |", "责任领导 |", "牵头单位 |",
        "1 |", "高标准落实国土空间总体规划。 |", "总体规划获省政府批复。 |", "周建军 |", "市资源规划局 |",
        "2 |", "推进定海东进、普陀西拓。 |", "重点片区均已完成规划编制。 |", "市资源规划局 |",
        "1 |", "完成保税船燃加注量200万吨。 |", "完成加注量106万吨。 |", "史舟海 |", "市港航和口岸局 |"]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2, 1]
    assert [t.lead_units for t in rep.tasks] == [["市资源规划局"], ["市资源规划局"], ["市港航和口岸局"]]
    assert [t.leader for t in rep.tasks] == ["周建军", "周建军", "史舟海"]
    assert rep.tasks[1].content == "推进定海东进、普陀西拓。"
    assert rep.tasks[1].progress_text == "重点片区均已完成规划编制。"


def test_pipe_one_cell_row_under_the_header_is_a_heading_not_its_second_line():
    # a one-cell row right under a pipe header (部分项目进展情况 |) spans the table: a heading,
    # not the rest of the header's words wrapped onto a second line
    text = TITLE + "\n".join([
        "序号 | 任务内容 | 牵头单位 | 完成情况 | 备注 | 任务类型 |",
        "部分项目进展情况 |",
        "1 | 技能培训提升 | 市退役军人局 | 其中,技能培训提升进度较慢的为叶集区。 | 无 | B |",
        "2 | 养老服务和智慧养老 | 市民政局 | 其中,高龄津贴发放进度较慢的为霍邱县。 | / | A类 |"]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2]
    assert [t.content for t in rep.tasks] == ["技能培训提升", "养老服务和智慧养老"]
    assert [t.lead_units for t in rep.tasks] == [["市退役军人局"], ["市民政局"]]
    assert rep.tasks[0].extra == {"备注": "无", "任务类型": "B"}


def test_marked_cells_row_numbers_skip_and_an_empty_remark_was_dropped():
    # the family of cells ended ' |': the remark column's empty cell was dropped, and the next
    # row's number skips one (a row left out): the row ends at that number, its leader cell is
    # its leader's
    from zsprogress.segment.marked import read_marked
    from zsprogress.segment.shapes import lines_of

    text = TITLE + "\n".join([
        "序号 |", "牵头单位 |", "任务内容 |", "完成情况 |", "备注 |", "责任领导 |",
        "16 |", "金塘管委会 |", "建设金塘先进新材料产业园。 |", "项目投资纳统50.4亿元。 |", "韩峻 |",
        "18 |", "定海区政府 |", "加快定海工业园区转型升级。 |", "制定提能升级三年行动方案。 |", "无 |", "韩峻 |"]) + "\n"
    tbl = read_marked(lines_of(text))
    assert tbl is not None
    assert [r.seq for r in tbl.rows] == [16, 18]
    assert [r.cells.get("leader") for r in tbl.rows] == [["韩峻"], ["韩峻"]]
    assert [r.cells.get("units") for r in tbl.rows] == [["金塘管委会"], ["定海区政府"]]
    assert tbl.rows[0].cells["progress"] == ["项目投资纳统50.4亿元。"]


def test_pipe_short_task_cell_after_a_dropped_remark_is_the_task():
    # the remark column (备注) comes before the task; its empty cell was dropped: a short task
    # cell is still the task's, since the cells left are as many as the text columns after it
    text = TITLE + "\n".join([
        "分管领导 | 序号 | 备注 | 目标任务 | 1-6月工作成效 | 责任科室 |",
        "韩峻副市长 | 20 | 无 | 统筹推进招大引强,新引进亿元以上项目30个。 | 新引进亿元以上项目18个。 | 市投资促进中心 |",
        "21 | 做好“菜篮子”工作。 | 完善国有蔬菜批发市场运作模式。 | 市商务局 |"]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [20, 21]
    assert rep.tasks[1].content == "做好“菜篮子”工作。"
    assert rep.tasks[1].progress_text == "完善国有蔬菜批发市场运作模式。"
    assert [t.lead_units for t in rep.tasks] == [["市投资促进中心"], ["市商务局"]]


def test_marked_cells_header_word_wrapped_and_rows_without_numbers():
    # cells ended ' |': a header word wrapped over two lines (半 年 / 度 完 成 情 况 |) is one
    # header cell; the number cells are empty ( |), so no row has a number, and each row's cells
    # follow its empty number cell
    text = TITLE + "\n".join([
        "序 号 |", "联 系 人 |", "任务 内容 |", "半 年", "度 完 成 情 况 |", "牵 头单位 |",
        " |", "张伟 |", "一般公共预算收入与经济增长基本同步。 |", "预计实现一般公共预算收入143.83亿元。 |",
        "市财政局 |",
        " |", "李强 |", "深化国资国企改革。 |", "完善国资监管体系。 |", "市财政局、市国资委 |"]) + "\n"
    from zsprogress.segment.marked import read_marked
    from zsprogress.segment.shapes import lines_of

    tbl = read_marked(lines_of(text))       # the family of cells ended ' |' reads it whole
    assert tbl is not None
    assert [r.cells.get("units") for r in tbl.rows] == [["市财政局"], ["市财政局、市国资委"]]
    assert tbl.rows[0].cells["progress"] == ["预计实现一般公共预算收入143.83亿元。"]
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [None, None]
    assert [t.content for t in rep.tasks] == ["一般公共预算收入与经济增长基本同步。", "深化国资国企改革。"]
    assert [t.lead_units for t in rep.tasks] == [["市财政局"], ["市财政局", "市国资委"]]
    assert rep.tasks[1].progress_text == "完善国资监管体系。"


def test_pipe_indicator_row_without_a_unit_keeps_its_status_word():
    # an indicator row has no lead unit and no remark: both empty cells were dropped; its 是 is
    # the status column's, not a lead unit
    text = TITLE + "\n".join([
        "| 序号 | 任务内容 | 备注 | 完成情况 | 是否达序 | 牵头单位 |",
        "| 1 | 地区生产总值 | 增长6.1%,低于目标0.9个百分点。 | 是 |",
        "| 2 | 新增城镇就业 | 无 | 新增就业2.1万人。 | 是 | 市人社局 |"]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2]
    assert [t.lead_units for t in rep.tasks] == [[], ["市人社局"]]
    assert rep.tasks[0].progress_text == "增长6.1%,低于目标0.9个百分点。"


def test_tabs_dropped_remark_leaves_the_leader_its_cell():
    # tab rows; the remark column's empty cell was dropped: the leader's name with a title the
    # vocabulary does not list (总规划师) stays the leader's, the remark is what is missing
    text = TITLE + "\n".join([
        "编号\t重点工作\t牵头领导\t备注\t1-6月实施情况\t时间节点\t责任单位",
        "1\t高标准落实国土空间总体规划。\t周建军总规划师\t总体规划获省政府批复。\t2024年12月底\t市资源规划局",
        "2\t加强区域衔接、功能互补。\t周建军总规划师\t重点片区完成规划编制。\t全年\t市资源规划局"]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2]
    assert [t.progress_text for t in rep.tasks] == ["总体规划获省政府批复。", "重点片区完成规划编制。"]
    assert [t.lead_units for t in rep.tasks] == [["市资源规划局"], ["市资源规划局"]]
    assert [t.extra.get("备注") for t in rep.tasks] == [None, None]


def test_pipe_header_word_cut_after_its_first_character():
    # a pipe header whose task word is cut after one character (工 / 作任务 on a second header
    # row): the first row alone is no header, with the second joined it is; the leader column
    # before the number holds the leader on the first row of its group only
    text = TITLE + "\n".join([
        "责任领导 | 序号 | 工 | 牵头单位 | 落实情况 | 备注 |",
        " |  | 作任务 |  |  |  |",
        "周国岭 | 10 | 加强噪声污染治理。 | 市生态环境局 | 印发噪声污染防治行动方案。 | 无 |",
        "11 | 推进美丽海湾建设。 | 市生态环境局 | 嵊泗创成省级美丽海湾。 | 无 |"]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [10, 11]
    assert [t.content for t in rep.tasks] == ["加强噪声污染治理。", "推进美丽海湾建设。"]
    assert [t.leader for t in rep.tasks] == ["周国岭", "周国岭"]
    assert [t.lead_units for t in rep.tasks] == [["市生态环境局"], ["市生态环境局"]]
