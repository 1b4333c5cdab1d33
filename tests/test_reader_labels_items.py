"""Label blocks whose cells are numbered lists of their own (issue 17, kind ``labels``): a
numbered line inside a progress or target cell is the cell's next item, not a task, even when a
label follows it. Expected values are read from the texts."""

from __future__ import annotations

from zsprogress.api import parse_report

TITLE = "2024年某市政府工作报告重点工作半年度完成情况\n\n"


def test_first_item_followed_by_a_date():
    # the progress opens with item 1 followed by a date (1.3月底前, not the figure 1.3): its 2. is
    # item 2, not a task (tasks 7 and 8, the unit label after the progress)
    text = TITLE + (
        "7、支持龙头、特色航运企业发展。\n"
        "半年度完成情况:1.3月底前已完成龙头航运企业评选。\n"
        "2.协调舟山海事局,明确预安排锚位。\n"
        "牵头单位:市港航和口岸局\n"
        "8.推进企业上市。\n"
        "半年度完成情况:1.全力推动企业对接多层次资本市场。\n"
        "2.促进社会综合融资成本稳中有降。\n"
        "牵头单位:市府办\n")
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [7, 8]
    assert rep.tasks[0].lead_units == ["市港航和口岸局"]
    assert "明确预安排锚位" in rep.tasks[0].progress_text
    assert rep.tasks[1].lead_units == ["市府办"]


def test_item_followed_by_a_month_range_continues_the_list():
    # 2.1-6月 is item 2 (a month range after it), so the 3. after it is item 3, before the
    # task's own 具体责任人: label; the tasks are 1 and 2
    text = TITLE + (
        "1、实施为民办实事长效机制。\n"
        "牵头部门:市政府办公室、市财政局\n"
        "完成情况:1.《实施意见》已经市政府常务会议审议通过。\n"
        "2.1-6月,全市一般公共预算支出318.54亿元。\n"
        "3.进一步厉行节约坚持过紧日子。\n"
        "具体责任人:周敏\n"
        "2、加快数字政府建设。\n"
        "牵头部门:市大数据局\n"
        "完成情况:上线一网通办平台。\n"
        "具体责任人:刘洋\n")
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2]
    assert "厉行节约" in rep.tasks[0].progress_text
    assert rep.tasks[1].lead_units == ["市大数据局"]


def test_numbered_target_cell():
    # the target cell is a numbered list too: its 1. to 3. stay in the target of task 1, the last
    # of them right before 牵头单位:
    text = TITLE + (
        "1. 全力夺取疫情防控和经济社会发展“双胜利”。\n"
        "年度目标:全年:\n"
        "1.坚持“外防输入、内防反弹”。\n"
        "2.全面提升核酸检测能力。\n"
        "3.守好村(社区)等“小门”。\n"
        "牵头单位:市疫情防控办\n"
        "半年度完成情况:完成半年度目标。\n"
        "2. 加快数字舟山建设。\n"
        "牵头单位:市大数据局\n"
        "年度目标:1.拟定招标方案。\n"
        "2.开通基站900个以上。\n"
        "半年度完成情况:完成半年度目标。\n")
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2]
    assert "守好村" in (rep.tasks[0].target_text or "")
    assert rep.tasks[0].lead_units == ["市疫情防控办"]
    assert "开通基站" in (rep.tasks[1].target_text or "")
    assert rep.tasks[1].lead_units == ["市大数据局"]


def test_unnumbered_tasks_after_a_numbered_progress():
    # tasks without numbers (the line before each block's 牵头单位:), the first task's progress
    # numbered 1. to 3.: its 3. right before the second task's line is no task
    text = TITLE + (
        "一般公共预算收入增长7%。\n"
        "牵头单位:市财政局\n"
        "半年度完成情况:上半年,全市实现一般公共预算收入120.23亿元。\n"
        "1.力抓重点税源税收落地。\n"
        "2.力抓向上对接争取。\n"
        "3.力抓组织收入统筹。\n"
        "加强政府投资预算管理,提高重大项目资金保障能力。\n"
        "牵头单位:市财政局\n"
        "半年度完成情况:1.加快下达项目资金6.05亿元。\n"
        "2.落实投资“赛马”机制专项资金4000万元。\n")
    rep = parse_report(text=text)
    assert [t.content for t in rep.tasks] == ["一般公共预算收入增长7%。",
                                              "加强政府投资预算管理,提高重大项目资金保障能力。"]
    assert [t.seq for t in rep.tasks] == [None, None]
    assert "力抓组织收入统筹" in rep.tasks[0].progress_text


def test_item_before_a_leader_label_of_the_same_block():
    # the leader label follows the progress in every block (责任领导: after 完成情况:): the 2. of
    # task 1's progress, before its 责任领导:, is item 2, though a task 2 would carry its number
    text = TITLE + (
        "1.高标准落实国土空间总体规划。\n"
        "牵头单位:市资源规划局\n"
        "半年度完成情况:1.市级国土空间总体规划获省政府批复。\n"
        "2.推进专项规划编制工作。\n"
        "责任领导:周建军\n"
        "2.加强区域衔接、功能互补。\n"
        "牵头单位:市资源规划局\n"
        "半年度完成情况:重点片区已完成规划编制。\n"
        "责任领导:周建军\n")
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2]
    assert "专项规划编制" in rep.tasks[0].progress_text
    assert [t.leader for t in rep.tasks] == ["周建军", "周建军"]
    assert rep.tasks[1].content == "加强区域衔接、功能互补。"


def test_item_before_a_status_label():
    # 推进状态: after the progress: the 2. before it is item 2 of task 1's progress
    text = TITLE + (
        "1. 高标准落实国土空间总体规划。\n"
        "责任单位:市资源规划局\n"
        "上半年落实情况:1.总体规划获省政府批复。\n"
        "2.推进专项规划编制工作。\n"
        "推进状态:序时推进\n"
        "2、加强区域衔接、功能互补。\n"
        "责任单位:市资源规划局\n"
        "上半年落实情况:重点片区已完成规划编制。\n"
        "推进状态:顺利推进\n")
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2]
    assert "专项规划编制" in rep.tasks[0].progress_text
    assert rep.tasks[1].content == "加强区域衔接、功能互补。"


def test_numbered_line_before_the_opening_label_is_a_task():
    # the counterpart: a 2. followed by the label every block opens with (牵头单位:) is task 2,
    # although task 1's progress is numbered 1.
    text = TITLE + (
        "1.高标准落实国土空间总体规划。\n"
        "牵头单位:市资源规划局\n"
        "半年度完成情况:1.总体规划获省政府批复。\n"
        "2.加强区域衔接、功能互补。\n"
        "牵头单位:市资源规划局\n"
        "半年度完成情况:重点片区已完成规划编制。\n")
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2]
    assert rep.tasks[1].content == "加强区域衔接、功能互补。"


def test_task_whose_block_opens_with_a_label_of_its_own():
    # task 4's block opens with 备注: (task 3's block left it out, empty), then 牵头单位:, the
    # label task 3's block opened with: the 4. is task 4, not item 4 of task 3's progress
    text = TITLE + (
        "3、深化域外引优质水工作。\n"
        "牵头单位:市水利局\n"
        "半年度完成情况:1.完成引水方案初稿。\n"
        "2.岑港水库扩容工程完成土石方开挖65.2万方;\n"
        "3.海塘安澜工程累计完成年度投资5.7亿。\n"
        "4. 加快布局青年主题空间,建设青年友好城市。\n"
        "备注:无\n"
        "牵头单位:团市委\n"
        "半年度完成情况:1.青年主题空间多点布局。\n"
        "2.青年城市品牌出圈出彩。\n")
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [3, 4]
    assert "海塘安澜工程" in rep.tasks[0].progress_text
    assert rep.tasks[1].content == "加快布局青年主题空间,建设青年友好城市。"
    assert rep.tasks[1].lead_units == ["团市委"]
    assert rep.tasks[1].extra == {"备注": "无"}


def test_unnumbered_task_before_a_label_of_its_own():
    # unnumbered tasks; the second block has 备注:无 between its task line and its 完成情况:
    # (the first block left the remark out): its task is still the line before them
    text = TITLE + (
        "一般公共预算收入与经济增长基本同步。\n"
        "完成情况:前三季度,全市一般公共预算收入增长14.8%。\n"
        "牵头单位:市财政局\n"
        "深化国资国企改革,开展国有企业总审计师制度试点。\n"
        "备注:无\n"
        "完成情况:1.持续完善国资监管制度体系。\n"
        "2.加强企业投资管理。\n"
        "3.开展国有企业总审计师制度试点。\n"
        "牵头单位:市财政局、市国资委\n")
    rep = parse_report(text=text)
    assert [t.content for t in rep.tasks] == ["一般公共预算收入与经济增长基本同步。",
                                              "深化国资国企改革,开展国有企业总审计师制度试点。"]
    assert [t.seq for t in rep.tasks] == [None, None]
    assert rep.tasks[1].lead_units == ["市财政局", "市国资委"]
    assert "总审计师制度试点" in rep.tasks[1].progress_text


def test_heading_between_labelled_records():
    # records with labelled numbers, the unit key last; a section heading (without or with its
    # ordinal) right before 序号:10 is the heading of the records after it, not a unit of record 9
    for heading in ("以创建国家高新区为抓手,更大力度推动科技创新", "(一)以创建国家高新区为抓手,更大力度推动科技创新"):
        text = TITLE + (
            "序号:8\n任务内容:一般公共预算收入增长7%。\n半年度完成情况:同比增长4.2%。\n牵头单位:区财政局\n"
            "序号:9\n任务内容:全体居民人均可支配收入增长6%。\n半年度完成情况:同比增长4.7%。\n"
            "牵头单位:区发展改革委、区人力社保局\n"
            f"{heading}\n"
            "序号:10\n任务内容:实施高能级创新平台建设行动。\n半年度完成情况:全面启动创建工作。\n"
            "牵头单位:区科技局\n")
        rep = parse_report(text=text)
        assert [t.seq for t in rep.tasks] == [8, 9, 10]
        assert rep.tasks[1].lead_units == ["区发展改革委", "区人力社保局"]
        assert rep.tasks[2].section is not None and "以创建国家高新区为抓手" in rep.tasks[2].section
        assert rep.tasks[2].lead_units == ["区科技局"]


def test_unit_line_continued_before_a_record_stays_a_unit():
    # the counterpart: a unit list wrapped onto a second line before 序号:2 is still units
    text = TITLE + (
        "序号:1\n任务内容:全体居民人均可支配收入增长6%。\n半年度完成情况:同比增长4.7%。\n"
        "牵头单位:区发展改革委、\n区人力社保局\n"
        "序号:2\n任务内容:实施高能级创新平台建设行动。\n半年度完成情况:全面启动创建工作。\n"
        "牵头单位:区科技局\n")
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2]
    assert rep.tasks[0].lead_units == ["区发展改革委", "区人力社保局"]


def test_heading_between_label_blocks():
    # label blocks, the unit label last: a section heading without its ordinal right before
    # task 10 heads task 10, not a unit of task 9; a unit list wrapped onto a second line stays
    text = TITLE + (
        "8.一般公共预算收入增长7%。\n半年度完成情况:同比增长4.2%。\n牵头单位:区财政局、\n区税务局\n"
        "9、全体居民人均可支配收入增长6%。\n半年度完成情况:同比增长4.7%。\n"
        "牵头单位:区发展改革委、区人力社保局\n"
        "以创建国家高新区为抓手,更大力度推动科技创新\n"
        "10. 实施高能级创新平台建设行动。\n半年度完成情况:全面启动创建工作。\n牵头单位:区科技局\n")
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [8, 9, 10]
    assert rep.tasks[0].lead_units == ["区财政局", "区税务局"]
    assert rep.tasks[1].lead_units == ["区发展改革委", "区人力社保局"]
    assert rep.tasks[2].section == "以创建国家高新区为抓手,更大力度推动科技创新"
    assert rep.tasks[2].lead_units == ["区科技局"]


def test_records_without_numbers_opening_with_the_unit_key():
    # every field labelled, no 序号: key, the unit key first: each 牵头单位: opens a record (the
    # first record's before its 任务内容:), so each task keeps its own units
    text = TITLE + (
        "牵头单位:市财政局\n"
        "任务内容:一般公共预算收入与经济增长基本同步。\n"
        "完成情况:前三季度,全市一般公共预算收入增长14.8%。\n"
        "牵头单位:市财政局、市国资委\n"
        "任务内容:深化国资国企改革,开展国有企业总审计师制度试点。\n"
        "备注:无\n"
        "完成情况:1.持续完善国资监管制度体系。\n"
        "2.加强企业投资管理。\n")
    rep = parse_report(text=text)
    assert [t.content for t in rep.tasks] == ["一般公共预算收入与经济增长基本同步。",
                                              "深化国资国企改革,开展国有企业总审计师制度试点。"]
    assert [t.lead_units for t in rep.tasks] == [["市财政局"], ["市财政局", "市国资委"]]
    assert "加强企业投资管理" in rep.tasks[1].progress_text
