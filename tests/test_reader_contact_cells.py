"""A person's contact column (联系人及电话: a name and a telephone number) beside the task: rows
that lost an empty cell (a remark left empty and dropped, a leader printed on the first row of
its group only) are aligned by the cells' looks, and a name with a telephone number is a
person's cell, never the task's text; a leader's name with its title closing a row is the
leader column's, not that of a remark after it left empty and dropped. Expected values read from
the rows."""

from __future__ import annotations

from zsprogress.api import parse_report
from zsprogress.layout_vocab import V

TITLE = "2024年市政府工作报告重点工作半年度完成情况"


def test_contact_cell_shapes():
    for f in ("王芳 0580-2256486", "李强13812345678", "0580-2256486", "赵海 5286660"):
        assert V.CONTACT_CELL.match(f), f
    for f in ("王芳", "2024年12月底", "新增就业5286660人", "建设青年友好城市。"):
        assert not V.CONTACT_CELL.match(f), f


def test_tab_rows_with_a_contact_column_and_a_dropped_remark():
    # 责任领导 first, on its group's first row only; 备注 empty and dropped on rows 2 and 3;
    # the task of row 3 is short enough to look like a remark, the contact cell after it is not
    # a task
    text = "\n".join([
        TITLE, "",
        "责任领导\t序号\t备注\t任务内容\t联系人及电话\t完成时间\t半年度完成情况\t牵头单位",
        "韩峻\t1\t无\t推进海塘安澜工程,完成年度投资任务。\t赵磊\t12月底前\t累计完成年度投资5.7亿元。\t市水利局",
        "2\t推进新时代产业工人队伍建设改革。\t张伟 0580-2238780\t长期坚持\t完成《产改工作要点》编制。\t市总工会",
        "3\t加快布局青年主题空间,建设青年友好城市。\t王芳 0580-2256486\t全年\t打造城市青年主题活动空间20余个。\t团市委",
    ]) + "\n"
    rep = parse_report(text=text)
    got = [(t.seq, t.content, t.lead_units, t.leader) for t in rep.tasks]
    assert got == [
        (1, "推进海塘安澜工程,完成年度投资任务。", ["市水利局"], "韩峻"),
        (2, "推进新时代产业工人队伍建设改革。", ["市总工会"], "韩峻"),
        (3, "加快布局青年主题空间,建设青年友好城市。", ["团市委"], "韩峻"),
    ]
    assert [t.progress_text for t in rep.tasks][2] == "打造城市青年主题活动空间20余个。"


def test_one_cell_per_line_leader_before_a_dropped_remark():
    # 责任领导 then 备注 close each row; the remark is empty and dropped on row 2, whose leader
    # (a name with its title) is its own, not the remark's
    cells = ["序号", "牵头单位", "任务内容", "半年度完成情况", "责任领导", "备注",
             "1", "市应急局", "抓好防台防汛等工作,切实提升防灾减灾水平。", "组织汛前检查等4轮排查整治行动。",
             "毛江平常务副市长", "无",
             "2", "市商务局", "建设进口大豆离岸现货市场交收地。", "落地全国首单大豆离岸贸易入库分销交收。",
             "韩峻副市长",
             "3", "市科技局", "力争全社会研发投入强度达2.5%。", "规上工业企业研发费用预计超61亿元。",
             "韩峻副市长", "无"]
    rep = parse_report(text="\n\n".join([TITLE, *cells]) + "\n")
    got = [(t.seq, t.content, t.lead_units, t.leader) for t in rep.tasks]
    assert got == [
        (1, "抓好防台防汛等工作,切实提升防灾减灾水平。", ["市应急局"], "毛江平"),
        (2, "建设进口大豆离岸现货市场交收地。", ["市商务局"], "韩峻"),
        (3, "力争全社会研发投入强度达2.5%。", ["市科技局"], "韩峻"),
    ]


def test_a_name_under_a_contact_column_is_not_the_leader():
    # 分管领导 on its group's first row only, 备注 and 分管领导 both dropped on row 2: its one name
    # goes to the contact column, which held a person (a name and a telephone) in the row above
    text = "\n".join([
        TITLE, "",
        "序号\t分管领导\t备注\t联系人及电话\t任务名称\t落实情况\t责任主体",
        "1\t洪碧\t李强 0580-2228404\t实施海洋文明探源工程。\t完成考古调查2处。\t市文广旅体局",
        "2\t杨帆\t加大文化遗产保护力度,开展考古调查。\t新发现古文化遗址3处。\t市文广旅体局",
    ]) + "\n"
    rep = parse_report(text=text)
    got = [(t.seq, t.content, t.lead_units, t.leader) for t in rep.tasks]
    assert got == [
        (1, "实施海洋文明探源工程。", ["市文广旅体局"], "洪碧"),
        (2, "加大文化遗产保护力度,开展考古调查。", ["市文广旅体局"], "洪碧"),
    ]


def test_one_cell_per_line_co_unit_cell_before_the_unit_cell():
    # 责任人 / 配合部门 / 任务内容 / 牵头单位: the co-unit cell comes first and looks like the unit
    # cell; the person's name before it is no task
    cells = ["序号", "责任人", "配合部门", "任务内容", "牵头单位", "完成情况", "备注",
             "1", "李强", "市财政局", "确保地区生产总值增长6%以上。", "市发改委", "1-2月主要经济指标平稳。", "无",
             "2", "陈静", "市级有关部门", "持续推进重大项目攻坚。", "市发改委", "1-2月固定资产投资同比下降12.7%。"]
    rep = parse_report(text="\n\n".join([TITLE, *cells]) + "\n")
    got = [(t.seq, t.content, t.lead_units, t.co_units) for t in rep.tasks]
    assert got == [
        (1, "确保地区生产总值增长6%以上。", ["市发改委"], ["市财政局"]),
        (2, "持续推进重大项目攻坚。", ["市发改委"], ["市级有关部门"]),
    ]


def test_space_row_leader_before_a_dropped_remark():
    # 进展状态 / 责任领导 / 备注 / 是否达到序时进度 before the unit cell; the remark is empty and
    # dropped on row 1: the bare name is the leader's, not the remark's
    text = "\n".join([
        TITLE, "",
        "序号  进展状态  责任领导  备注  是否达到序时进度  牵头单位  任务内容  半年度完成情况",
        "1  按序时推进  周建军  是  市资源规划局  高标准落实国土空间总体规划。  市级国土空间总体规划获省政府批复。",
        "2  按序时推进  周建军  无  是  市资源规划局  加强区域衔接、功能互补。  重点片区均已完成规划编制。",
    ]) + "\n"
    rep = parse_report(text=text)
    got = [(t.seq, t.content, t.lead_units, t.leader) for t in rep.tasks]
    assert got == [
        (1, "高标准落实国土空间总体规划。", ["市资源规划局"], "周建军"),
        (2, "加强区域衔接、功能互补。", ["市资源规划局"], "周建军"),
    ]
