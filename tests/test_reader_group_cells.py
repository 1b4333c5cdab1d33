"""A leader cell printed on the first row of its group only (a cell spanning the group's rows,
kind ``leader_first_only`` of the variation suite, issue 17): the rows under it have no cell for
the leader's column, and the leader applies to them too. The reader must tell the missing cell
from the cells that are there: a person (具体责任人), a deadline (全年), a progress text.
Expected values are read from the texts."""

from __future__ import annotations

from zsprogress.api import parse_report

TITLE = "2024年某市政府工作报告重点工作半年度完成情况\n\n"


def _cells(*lines: str) -> str:
    return TITLE + "\n\n".join(lines) + "\n"


def test_person_column_beside_a_leader_on_the_first_row_only():
    # one cell per line: 具体责任人 before 分管领导; row 4 has no leader cell, its 王芳 is the
    # person's, and row 4 is 周国岭's (the leader of the row above)
    text = _cells(
        "序号", "主要任务", "1-6月实施情况", "具体责任人", "分管领导", "牵头责任单位",
        "3", "支持“走出去”建立境外远洋渔业基地。", "大洋世家已完成3艘大型金枪鱼围网渔船建造。",
        "李强", "周国岭副市长", "市海洋经济局",
        "4", "更新改造老旧小区燃气立管24公里。", "上半年,完成老旧小区燃气立管更新改造22.06公里。",
        "王芳", "市城管局",
        "5", "加强噪声污染治理。", "全市共受理信访投诉件16件。", "刘洋", "市生态环境局")
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [3, 4, 5]
    assert [t.leader for t in rep.tasks] == ["周国岭", "周国岭", "周国岭"]
    assert [t.lead_units for t in rep.tasks] == [["市海洋经济局"], ["市城管局"], ["市生态环境局"]]


def test_person_column_after_the_leader_in_tabs():
    # tab rows, the leader column before the person's: rows 21 and 22 have no leader cell (8
    # cells for 9 columns); their 李强 and 张伟 are persons, the leader is 韩峻 throughout
    head = "序号\t备注\t任务内容\t参与单位\t半年度完成情况\t完成时间\t牵头单位\t责任领导\t责任人"
    text = TITLE + "\n".join([
        head,
        "20\t无\t完善重点地区招商网络。\t市级有关部门\t新招引项目12个。\t全年\t市商务局\t韩峻\t王芳",
        "21\t无\t做好“菜篮子”工作。\t市级有关部门\t完善国有蔬菜批发市场运作模式。\t全年\t市商务局\t李强",
        "22\t无\t加强知识产权保护。\t各县(区)政府\t盘点专利4200余件。\t12月底前\t市市场监管局\t张伟",
    ]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [20, 21, 22]
    assert [t.leader for t in rep.tasks] == ["韩峻", "韩峻", "韩峻"]
    assert [t.lead_units for t in rep.tasks] == [["市商务局"], ["市商务局"], ["市市场监管局"]]


def test_deadline_ending_a_row_is_not_the_next_groups_leader():
    # one cell per line, the leader column before the number and a deadline column last: 全年
    # ends row 5 (a deadline, though two characters like a name); 周国岭 before 6 is not there,
    # so row 6 is 周国岭's by its group, as is row 5
    text = _cells(
        "分管领导", "序号", "重点任务", "牵头单位", "上半年完成情况", "完成时限",
        "周国岭副市长", "5", "加强城市运行领域安全管控。", "市城管局", "实施垃圾精准分类。", "全年",
        "6", "深化远洋渔业三年攻坚。", "市海洋经济局", "减船转产78艘。", "12月底前",
        "7", "加强噪声污染治理。", "市生态环境局", "受理信访投诉件16件。", "全年",
        "方铁道", "8", "加快建设世界一流强港。", "市港航和口岸局", "完成航道疏浚。", "全年")
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [5, 6, 7, 8]
    assert [t.leader for t in rep.tasks] == ["周国岭", "周国岭", "周国岭", "方铁道"]


def test_pipe_leader_before_the_number_and_a_deadline_after_it():
    # the leader's cell comes before the number; the deadline 全年 after the number is the
    # deadline's cell, not a second leader
    text = TITLE + "\n".join([
        "分管市领导 | 编号 | 完成时间 | 工作内容 | 牵头单位 | 协办单位 | 是否达到序时进度 |",
        "尹学群 | 1 | 全年 | 全面完成全市经济社会发展预期目标。 | 市发改委 | 市经信委、市财政局 | / |",
        "2 | 全年 | 深入实施创新驱动发展战略。 | 市科技局 | 市财政局 | / |",
    ]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2]
    assert [t.leader for t in rep.tasks] == ["尹学群", "尹学群"]
    assert [t.lead_units for t in rep.tasks] == [["市发改委"], ["市科技局"]]
    assert rep.tasks[1].content == "深入实施创新驱动发展战略。"


def test_spaces_row_without_its_leader_cell_before_the_progress():
    # cells set apart by spaces, the leader between the units and the progress: row 2 has no
    # leader cell, so its last cell is its progress, not a leader
    text = TITLE + "\n".join([
        "序號   工作任務   責任處室   分管領導   落實情況",
        "1   高標準落實國土空間總體規劃。   市資源規劃局   周建軍   市級國土空間總體規劃獲省政府批復。",
        "2   加強區域銜接、功能互補。   市資源規劃局   1.新城北入城口重點片區均已完成規劃編制。",
    ]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2]
    assert [t.leader for t in rep.tasks] == ["周建军", "周建军"]
    assert "新城北入城口" in (rep.tasks[1].progress_text or "")


def test_tab_header_with_the_leader_column_first_and_an_unknown_column():
    # 分管市领导 before 编号, and a column no header word names (考核分值): the row is still the
    # header, as one starting with 编号 is; 周国岭 leads rows 5 and 6
    text = TITLE + "\n".join([
        "分管市领导\t编号\t重点工作\t责任主体\t落实情况\t考核分值\t责任人",
        "周国岭副市长\t5\t加强城市运行领域安全管控。\t市城管局\t实施垃圾精准分类。\t5\t赵磊",
        "6\t深化远洋渔业三年攻坚。\t市海洋经济局\t减船转产78艘。\t5\t李强",
    ]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [5, 6]
    assert [t.leader for t in rep.tasks] == ["周国岭", "周国岭"]
    assert [t.lead_units for t in rep.tasks] == [["市城管局"], ["市海洋经济局"]]
    assert rep.tasks[1].progress_text == "减船转产78艘。"


def test_two_short_cells_ending_a_row_are_not_the_next_groups_leader():
    # the header ends with 备注 and 时间节点: 无 and 全年 end row 1 (two short cells for two short
    # columns), so row 2 has no leader cell of its own and is 史舟海's; 方铁道 (a third short
    # line after 无 / 全年) leads row 3
    text = _cells(
        "责任领导", "序号", "任务内容", "牵头单位", "半年度完成情况", "备注", "时间节点",
        "史舟海", "1", "发展绿色新型船燃,完成保税船燃加注量750万吨。", "高新区管委会", "修订出台LNG加注试点管理办法。",
        "无", "全年",
        "2", "建设高新区新材料产业平台。", "高新区管委会", "累计引进亿元以上项目5个。", "无", "全年",
        "方铁道", "3", "加快建设世界一流强港。", "市港航和口岸局", "完成航道疏浚。", "无", "全年")
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2, 3]
    assert [t.leader for t in rep.tasks] == ["史舟海", "史舟海", "方铁道"]


def test_short_task_sentence_after_a_dropped_remark_is_the_task():
    # columns 牵头单位 / 备注 / 工作内容 / 推进情况, the remark printed on row 11 only (无); row 12's
    # short task sentence is its task, not its remark, though its progress has three paragraphs
    text = _cells(
        "责任领导", "序号", "牵头单位", "备注", "工作内容", "推进情况",
        "周国岭副市长", "11", "市生态环境局", "无", "加强噪声污染治理。", "全市共受理信访投诉件16件。",
        "12", "市生态环境局", "全力做好第三轮中央生态环保督察迎检工作。",
        "强化督察迎检的组织领导和协调保障。", "开展全域环境问题及风险隐患排查整治,共发现问题354个。",
        "本轮中央环保督察我市高标准实现了“信访最少、无典型案例”目标。")
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [11, 12]
    assert rep.tasks[1].content == "全力做好第三轮中央生态环保督察迎检工作。"
    assert (rep.tasks[1].progress_text or "").startswith("强化督察迎检")
    assert [t.leader for t in rep.tasks] == ["周国岭", "周国岭"]


def test_tab_header_whose_leader_word_wraps_onto_the_next_line():
    # 责任 / 领导: the leader's header word wrapped in its cell, the rest of the header's cells
    # empty on the second line (its tabs gone with the line's end); 韩峻 before the number leads
    # rows 3 and 4
    text = TITLE + "\n".join([
        "责任\t序号\t任务内容\t牵头单位\t半年度完成情况",
        "领导\t\t\t\t",
        "韩峻\t3\t力争全社会研发投入强度达2.5%。\t市科技局\t研发投入强度预计达2.4%。",
        "4\t高水平建设东海实验室。\t市科技局\t获批国家级博士后工作站。",
    ]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [3, 4]
    assert [t.leader for t in rep.tasks] == ["韩峻", "韩峻"]
    assert [t.lead_units for t in rep.tasks] == [["市科技局"], ["市科技局"]]


def test_spaces_header_whose_leader_word_wraps_onto_the_next_line():
    # 分管 / 市领导 over the first column of a table set apart by spaces: the header is 分管市领导
    # / 编号 / …, and 方铁道副市长 before the number leads rows 1 and 2
    text = TITLE + "\n".join([
        "分管 编号 重点任务 责任主体 半年度推进情况",
        "市领导",
        "方铁道副市长 1 全面推进长三角期现一体化油气市场建设。 市府办 推动浙油中心加强与上期所的期现合作。",
        "2 积极服务长江经济带建设。 市港航和口岸局 开通舟山至鄂州、重庆两条江海直达航线。",
    ]) + "\n"
    rep = parse_report(text=text)
    assert [t.seq for t in rep.tasks] == [1, 2]
    assert [t.leader for t in rep.tasks] == ["方铁道", "方铁道"]
    assert [t.lead_units for t in rep.tasks] == [["市府办"], ["市港航和口岸局"]]
