"""Label blocks the variation suite found misread (issue 17, kind ``labels``): a task line, then
责任单位: / 完成情况: label lines. Expected values are read from the texts."""

from __future__ import annotations

from zsprogress.api import parse_report

TITLE = "2024年某市政府工作报告重点工作半年度完成情况\n\n"


def test_last_sub_item_before_a_trailing_label_is_not_a_task():
    # a progress numbered 1. 2. 3., then a label of the task's own (联系人:, 推进状态:) after it:
    # the 3. line is the progress's third item, not task 3 (the tasks are 5 and 6)
    text = TITLE + (
        "5.加强城市运行领域安全管控。\n"
        "责任单位:市城管局\n"
        "完成情况:1.实施垃圾精准分类。\n"
        "2.规范道路停车秩序。\n"
        "3.抓好物业精细管理。\n"
        "推进状态:顺利推进\n"
        "6.深化远洋渔业三年攻坚。\n"
        "责任单位:市海洋经济局\n"
        "完成情况:减船转产78艘。\n"
        "联系人:王芳\n")
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [5, 6]
    t5, t6 = rep.tasks
    assert t5.lead_units == ["市城管局"]
    assert "抓好物业精细管理" in t5.progress_text
    assert t6.lead_units == ["市海洋经济局"]


def test_one_labelled_record_is_a_task():
    # a page of one supervised task, every field labelled: 序号:1, its task, unit and progress
    text = TITLE + (
        "序号:1\n"
        "任务内容:全市生产总值增长8%左右。\n"
        "牵头单位:市发展改革委、市统计局\n"
        "半年度完成情况:上半年,全市生产总值增长7.9%。\n")
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1]
    assert rep.tasks[0].content == "全市生产总值增长8%左右。"
    assert rep.tasks[0].lead_units == ["市发展改革委", "市统计局"]


def test_one_unnumbered_labelled_line_is_not_a_task():
    # one field line with no number key is not a record of a task
    text = TITLE + "任务内容:全市生产总值增长8%左右。\n"
    rep = parse_report(text=text)
    assert rep.tasks == []


def test_leader_key_before_a_group_of_records():
    # a leader printed once before its group's first record (a leader cell spanning the group's
    # rows): 方铁道 leads tasks 4 and 5, 李明 task 6
    text = TITLE + (
        "牵头领导:方铁道副市长\n"
        "序号:4\n任务内容:加快建设世界一流强港。\n牵头单位:市港航和口岸局\n落实情况:完成航道疏浚。\n"
        "序号:5\n任务内容:加快建设甬舟铁路。\n牵头单位:市交通局\n落实情况:全线开工。\n"
        "牵头领导:李明\n"
        "序号:6\n任务内容:建设海事服务功能岛。\n牵头单位:市港航和口岸局\n落实情况:完成规划编制。\n")
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [4, 5, 6]
    assert [t.leader for t in rep.tasks] == ["方铁道", "方铁道", "李明"]
    assert rep.tasks[0].leader_title == "副市长"
    assert rep.tasks[1].lead_units == ["市交通局"]


def test_task_lines_without_numbers():
    # a table without a number column printed as label blocks: each task is the line right
    # before its block's first label; the progress's own 1. 2. stay in its progress
    text = TITLE + (
        "一般公共预算收入与经济增长基本同步。\n\n"
        "牵头单位:市财政局\n\n"
        "半年度完成情况:1-6月,全市一般公共预算收入143.83亿元,增长19.6%。\n\n"
        "深化国资国企改革,开展国有企业总审计师制度试点。\n\n"
        "牵头单位:市财政局、市国资委\n\n"
        "半年度完成情况:1.完善国资监管体系。\n\n"
        "2.加强国企投资活动管理。\n")
    rep = parse_report(text=text)
    assert [t.content for t in rep.tasks] == ["一般公共预算收入与经济增长基本同步。",
                                              "深化国资国企改革,开展国有企业总审计师制度试点。"]
    assert [t.seq for t in rep.tasks] == [None, None]
    assert rep.tasks[1].lead_units == ["市财政局", "市国资委"]
    assert "加强国企投资活动管理" in rep.tasks[1].progress_text


def test_unnumbered_progress_paragraph_before_a_later_label_is_not_a_task():
    # blocks open with the progress label: the second progress paragraph, right before the
    # block's unit label, is not a task
    text = TITLE + (
        "一般公共预算收入与经济增长基本同步。\n"
        "完成情况:1-6月,全市一般公共预算收入增长19.6%。\n"
        "税收收入增长19.6%。\n"
        "牵头单位:市财政局\n"
        "深化国资国企改革。\n"
        "完成情况:完善国资监管体系。\n"
        "牵头单位:市国资委\n")
    rep = parse_report(text=text)
    assert [t.content for t in rep.tasks] == ["一般公共预算收入与经济增长基本同步。", "深化国资国企改革。"]
    assert [t.lead_units for t in rep.tasks] == [["市财政局"], ["市国资委"]]


def test_progress_item_that_matches_the_next_task_number_before_a_trailing_label():
    # task 1's progress numbered 1. 2., then 具体责任人: (a label of the task's own): the 2. is
    # the progress's second item, although a task 2 would carry the same number; task 2 is the
    # line followed by 牵头部门:, the label every task's block opens with
    text = TITLE + (
        "1.高标准落实国土空间总体规划。\n"
        "牵头部门:市资源规划局\n"
        "落实情况:1.市级国土空间总体规划获省政府批复。\n"
        "2.按照年初计划推进专项规划编制工作。\n"
        "具体责任人:张伟\n"
        "2、加强区域衔接、功能互补。\n"
        "牵头部门:市资源规划局\n"
        "落实情况:重点片区已完成规划编制。\n"
        "具体责任人:杨帆\n")
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2]
    assert "专项规划编制" in rep.tasks[0].progress_text
    assert rep.tasks[1].content == "加强区域衔接、功能互补。"


def test_leader_key_as_the_last_field_of_each_record():
    # every record ends with its own leader key: the key before 序号:2 is record 1's leader
    text = TITLE + (
        "序号:1\n任务内容:高标准落实国土空间总体规划。\n牵头单位:市资源规划局\n牵头领导:周建军\n"
        "序号:2\n任务内容:加强区域衔接、功能互补。\n牵头单位:市资源规划局\n牵头领导:李明\n")
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2]
    assert [t.leader for t in rep.tasks] == ["周建军", "李明"]
