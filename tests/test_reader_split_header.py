"""A header row split over two lines (a header word wrapped in its cell: 工 / 作 成 效, 任务 /
内容), in the table families that read a header line by line (issue 17, kind split_header).
Expected values are read from the texts."""

from __future__ import annotations

import pytest

from zsprogress.api import parse_report

TITLE = "2024年市政府工作报告重点工作半年度完成情况\n\n"

ROWS_WIDE = [
    "1  市城管局  纵深推进行政执法改革,全面提升执法质效。  一季度综合评价位列全省第6。",
    "2  市海洋经济局  支持“走出去”建立境外远洋渔业基地。  大洋世家已完成3艘大型金枪鱼围网渔船建造。",
]


@pytest.mark.parametrize("first,second", [
    ("序 号  责 任主体  目 标 任 务  工", "作 成 效"),          # the word cut after its first character
    ("序 号  责 任 主 体  目 标 任 务  工 作", "成 效"),         # after two
    ("序 號  責 任主體  目 標 任 務  工", "作 成 效"),          # traditional script
])
def test_spaces_header_word_spaced_out_and_wrapped(first, second):
    """Cells set apart by two spaces, each header word spaced out (目 标 任 务); the last header
    word wrapped onto the next line, its rest spaced out too (工 / 作 成 效): the two lines are
    one header, so the unit column is the unit column and the task the task."""
    text = TITLE + "\n".join([first, second, *ROWS_WIDE]) + "\n"
    rep = parse_report(text=text)
    assert rep.layout == "spaces"
    assert [t.seq for t in rep.tasks] == [1, 2]
    assert [t.lead_units for t in rep.tasks] == [["市城管局"], ["市海洋经济局"]]
    assert [t.content for t in rep.tasks] == ["纵深推进行政执法改革,全面提升执法质效。",
                                              "支持“走出去”建立境外远洋渔业基地。"]
    assert rep.tasks[1].progress_text == "大洋世家已完成3艘大型金枪鱼围网渔船建造。"


@pytest.mark.parametrize("first,second", [
    ("序号 | 任务 | 责任领导 | 牵头单位 | 半年度完成情况 |", " | 内容 |  |  |  |"),
    ("序號 | 任務 | 責任領導 | 牽頭單位 | 半年度完成情況 |", " | 內容 |  |  |  |"),
])
def test_pipe_header_word_wrapped_into_a_word_naming_the_same_column(first, second):
    """Rows ended by a pipe; the task header word wrapped in its cell (任务 / 内容: both name the
    task column), its second line printing the blank cells before their pipes. The second line
    is the header's, not a stray line: the rows keep their cells in their columns (the leader
    under 责任领导, the unit under 牵头单位) however the pipes ending the lines are read."""
    text = TITLE + "\n".join([
        first, second,
        "1 | 高标准落实国土空间总体规划。 | 周建军 | 市资源规划局 | 1.市级国土空间总体规划于3月31日获省政府批复;"
        "两个县级国土空间总体规划已上报省政府待批复。 |",
        "2 | 加强区域衔接、功能互补。 | 周建军 | 市资源规划局 | 1.新城北入城口和高铁新城等重点片区目前均已完成规划编制、"
        "报批工作。 |"]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2]
    assert [t.lead_units for t in rep.tasks] == [["市资源规划局"], ["市资源规划局"]]
    assert [t.leader for t in rep.tasks] == ["周建军", "周建军"]
    assert rep.tasks[0].content == "高标准落实国土空间总体规划。"
    assert rep.tasks[1].progress_text.startswith("1.新城北入城口和高铁新城")
    assert not [d for d in rep.diagnostics if d.code == "unassigned-lines"]


SAMPLE_ROWS = [
    "1 全面推进长三角期现一体化油气市场建设。 市府办 持续推动浙油中心加强与上期所的期现合作。",
    "2 加快小洋山北侧集装箱码头项目。 市港航和口岸局 1-5月完成纳统投资9.89亿元。",
]


@pytest.mark.parametrize("first,second", [
    ("编号 目标 责任处室 上半年工作进展", "要求"),       # 目标 names the target, 目标要求 the task
    ("序号 任务内容 牵头 半年度完成情况", "单位"),        # 牵头单位: not 任务内容 + 单位
    ("序号 任务 备注 牵头单位 半年度完成情况", "内容"),    # 任务内容: not 备注 + 内容
])
def test_spaces_wrapped_rest_goes_on_the_word_it_completes(first, second):
    """One space between cells: the line under the header shows not under which cell its word
    stood. It goes on the cell whose word runs on into it (目标 / 要求, 牵头 / 单位, 任务 / 内容),
    not on a whole header word it would only follow (任务内容 + 单位 names a unit column too, 备注 +
    内容 a task column)."""
    rows = SAMPLE_ROWS if "备注" not in first else [
        "1 全面推进长三角期现一体化油气市场建设。 无 市府办 持续推动浙油中心加强与上期所的期现合作。",
        "2 加快小洋山北侧集装箱码头项目。 无 市港航和口岸局 1-5月完成纳统投资9.89亿元。"]
    text = TITLE + "\n".join([first, second, *rows]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2]
    assert [t.content for t in rep.tasks] == ["全面推进长三角期现一体化油气市场建设。", "加快小洋山北侧集装箱码头项目。"]
    assert [t.lead_units for t in rep.tasks] == [["市府办"], ["市港航和口岸局"]]
    assert rep.tasks[1].progress_text == "1-5月完成纳统投资9.89亿元。"
    assert rep.tasks[0].target_text is None


@pytest.mark.parametrize("first,second", [
    ("责任 序号 任务内容 牵头单位 半年度完成情况", "领导"),
    ("分管 编号 重点任务 责任主体 半年度推进情况", "市领导"),
])
def test_spaces_leader_column_first_its_header_word_wrapped(first, second):
    """The leader column before the number (its cell printed on the first row of its group), its
    header word wrapped (责任 / 领导): the first line does not open with the number's or a
    leader's cell, but with the next line it is the header."""
    text = TITLE + "\n".join([
        first, second,
        "方铁道副市长 1 全面推进长三角期现一体化油气市场建设。 市府办 持续推动浙油中心加强与上期所的期现合作。",
        "2 加快小洋山北侧集装箱码头项目。 市港航和口岸局 1-5月完成纳统投资9.89亿元。",
        "史舟海市政府党组成员 1 发展绿色新型船燃。 高新区管委会 顺利完成第二阶段任务。"]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2, 1]
    assert [t.leader for t in rep.tasks] == ["方铁道", "方铁道", "史舟海"]
    assert [t.lead_units for t in rep.tasks] == [["市府办"], ["市港航和口岸局"], ["高新区管委会"]]
    assert rep.tasks[1].content == "加快小洋山北侧集装箱码头项目。"


@pytest.mark.parametrize("first,second", [
    ("分管市\t序号\t目标任务\t主办单位\t半年度工作成效\t备注", "领导\t\t\t\t\t"),
    ("分 管市领导\t编 号\t重 点 工 作\t责 任 主 体\t落 实 情 况\t完\t备 注", "\t\t\t\t\t成 时 限\t"),
])
def test_tabs_header_word_wrapped_with_the_tabs_after_it_lost(first, second):
    """Tab rows; a header word wrapped onto a second header line whose trailing tabs are lost
    when the line is stripped (领导 alone; the tabs before 成 时 限 kept): the line goes on the
    header's cells from the first (分管市领导, 完成时限), so the leader column before the number
    is found and the rows are read under it."""
    text = TITLE + "\n".join([
        first, second,
        "洪湖鹏市长\t1\t实施新时代为民办实事长效机制。\t市财政局\t上半年民生支出占比77.6%。\t\t",
        "2\t坚持过紧日子。\t市财政局\t一般性支出压减10%。\t\t",
    ]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2]
    assert [t.leader for t in rep.tasks] == ["洪湖鹏", "洪湖鹏"]
    assert [t.lead_units for t in rep.tasks] == [["市财政局"], ["市财政局"]]
    assert [t.content for t in rep.tasks] == ["实施新时代为民办实事长效机制。", "坚持过紧日子。"]
    assert rep.tasks[0].progress_text == "上半年民生支出占比77.6%。"


def test_spaces_empty_unit_cell_before_a_co_unit_cell():
    """Cells set apart by two spaces; the lead-unit cell of every row left empty (so not shown),
    a co-unit cell after the progress: the unit name is the co-units', not the lead units', and
    the task and its progress stay apart."""
    text = TITLE + "\n".join([
        "序 号  任务内 容  牵 头单位  完 成 情 况  协 办 单 位  完 成时间",
        "1  地区生产总值(第1项)  增长6.1%,低于目标0.9个百分点。  市自然资源局  2024年12月底",
        "2  一般公共预算收入(第2项)  增长3.9%,低于目标11.1个百分点。  市财政局  全年"]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2]
    assert [t.content for t in rep.tasks] == ["地区生产总值(第1项)", "一般公共预算收入(第2项)"]
    assert [t.lead_units for t in rep.tasks] == [[], []]
    assert [t.co_units for t in rep.tasks] == [["市自然资源局"], ["市财政局"]]
    assert rep.tasks[0].progress_text == "增长6.1%,低于目标0.9个百分点。"
    assert rep.tasks[1].extra == {"完成时间": "全年"}


def test_spaces_leader_word_wrapped_after_its_first_character():
    """Two spaces between cells, header words spaced out; the leader column first, its word cut
    after one character (责 / 任 领 导): still the header, the leader read from the first row of
    each group."""
    text = TITLE + "\n".join([
        "责   编 号   工 作内容   责任科 室   实施情 况",
        "任 领 导",
        "徐仁标   1   一般公共预算收入与经济增长基本同步。   市财政局   上半年一般公共预算收入153.57亿元。",
        "2   实施国资国企改革深化提升行动。   市财政局、市国资委   开展新一轮国资国企改革。"]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2]
    assert [t.leader for t in rep.tasks] == ["徐仁标", "徐仁标"]
    assert [t.lead_units for t in rep.tasks] == [["市财政局"], ["市财政局", "市国资委"]]
    assert rep.tasks[1].progress_text == "开展新一轮国资国企改革。"


def test_cells_unnumbered_rows_a_co_unit_cell_after_a_person():
    """One cell a line, rows without numbers (each found by its unit cell), a person and a
    co-unit column after the progress: the co-unit cell (市自然资源局) after the person (张伟) is
    that row's, not the unit cell of a row whose task would be the person's name."""
    text = TITLE + "\n".join([
        "序 号", "任 务内容", "牵头 单位", "半年 度完成情况", "具体 责任人", "协", "办 单 位",
        "一般公共预算收入增长7%。", "市财政局", "上半年,全市实现一般公共预算收入120.23亿元。",
        "1.力抓重点税源税收落地。", "张伟", "市自然资源局",
        "加强政府投资预算管理,提高重大项目资金保障能力。", "市财政局", "1.加快下达项目资金6.05亿元。",
        "陈静", "各县(区)政府"]) + "\n"
    rep = parse_report(text=text)
    assert [t.content for t in rep.tasks] == ["一般公共预算收入增长7%。", "加强政府投资预算管理,提高重大项目资金保障能力。"]
    assert [t.lead_units for t in rep.tasks] == [["市财政局"], ["市财政局"]]
    assert [t.co_units for t in rep.tasks] == [["市自然资源局"], ["各县(区)政府"]]
    assert rep.tasks[0].progress_text == "上半年,全市实现一般公共预算收入120.23亿元。\n1.力抓重点税源税收落地。"


def test_cells_unnumbered_rows_a_remark_before_the_task_left_empty_and_dropped():
    """One cell a line, rows without numbers, the remark column before the task: its empty cell
    was dropped, so a row starts at its task, one line before its unit cell (not two: the line
    there is the row before's progress, or the header)."""
    text = TITLE + "\n".join([
        "序号", "备注", "任务内容", "牵头单位", "半年度完成情况",
        "一般公共预算收入与经济增长基本同步。", "市财政局", "1-6月,全市预计实现一般公共预算收入143.83亿元,增长19.6%。",
        "深化国资国企改革,提升市场化运作能力。", "市财政局、市国资委", "1.完善国资监管体系。", "2.加强国企投资活动管理。"]) + "\n"
    rep = parse_report(text=text)
    assert [t.content for t in rep.tasks] == ["一般公共预算收入与经济增长基本同步。", "深化国资国企改革,提升市场化运作能力。"]
    assert [t.lead_units for t in rep.tasks] == [["市财政局"], ["市财政局", "市国资委"]]
    assert rep.tasks[0].progress_text == "1-6月,全市预计实现一般公共预算收入143.83亿元,增长19.6%。"
    assert rep.tasks[1].progress_text == "1.完善国资监管体系。\n2.加强国企投资活动管理。"


def test_spaces_heading_under_the_header_is_no_rest_of_a_short_header_word():
    """A section heading right under a space table's header (重点工作事项) is a heading, not the
    rest of the short remark word (备注 + 重点工作事项 would name a task column): the unit column
    stays where it is, and the row's units are read."""
    text = TITLE + "\n".join([
        "序号   任务内容   备注   牵头单位   进展状态   具体责任人   半年度完成情况",
        "重点工作事项",
        "1   地区生产总值增长5%以上。   区发改局、区经信局   顺利推进   周敏   上半年,全区GDP增长5.4%。",
        "2   城乡居民收入增长与经济增长同步。   区人力社保局   顺利推进   李强   城镇居民人均可支配收入增长4.8%。"]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2]
    assert [t.lead_units for t in rep.tasks] == [["区发改局", "区经信局"], ["区人力社保局"]]
    assert rep.tasks[1].progress_text == "城镇居民人均可支配收入增长4.8%。"
