"""Indicator tables (rows of 指标 | 目标 | 完成/增速) that the variation suite found misread (issue
17): an indicator row's cells are short figures, so a cell that opens with a figure (77.7亿元) or
a figure cell where the unit column is must be read by what it looks like. Expected values are
read from the texts."""

from __future__ import annotations

from zsprogress.api import completion_table, parse_report

TITLE = "2024年某市政府工作报告重点工作上半年完成情况\n\n"


def _rows(rep) -> dict[int, list[tuple[str, str, str]]]:
    out: dict[int, list[tuple[str, str, str]]] = {}
    by_id = {t.id: t.seq for t in rep.tasks}
    for r in completion_table(rep):
        out.setdefault(by_id[r.task_id], []).append((r.target.text, r.actual.text if r.actual else "", r.status))
    return out


def test_progress_cell_opening_with_a_decimal_figure_is_its_own_cell():
    # cells set apart by four spaces; the unit column is empty on every row, so the rows are a
    # cell short. 77.7亿元 opens with 77.7, not with a sub-item marker 77.: the progress cell
    # is a cell of its own, not a line of the target cell before it
    text = TITLE + "\n".join([
        "序号    指标    年度目标    推进情况    牵头单位",
        "1    地区生产总值    增长6%以上    4297.8亿元;增速6.2%",
        "2    农林牧渔业增加值    增长4%    77.7亿元;增速4.2%",
        "3    服务业增加值    增长6.5%左右    24.5亿元;增速5.2%"]) + "\n"
    rep = parse_report(text=text)
    assert [t.target_text for t in rep.tasks] == ["增长6%以上", "增长4%", "增长6.5%左右"]
    assert [t.progress_text for t in rep.tasks] == ["4297.8亿元;增速6.2%", "77.7亿元;增速4.2%", "24.5亿元;增速5.2%"]
    rows = _rows(rep)
    assert rows[2] == [("增长4%", "增速4.2%", "met")]
    assert rows[3] == [("增长6.5%", "增速5.2%", "below")]


def test_figure_cell_where_the_unit_column_is_is_no_unit_name():
    # one cell a line, each ending ' |'; the unit column (主办单位) is empty on every row and its
    # cells were dropped, as was the empty remark of rows 2 and 3: 4297.8亿元;增速6.2% stands
    # where the unit cell would, but a number with its unit is the progress, never a unit name;
    # and no cell of the table names a unit, so 年度指标 (no half-year figure) is row 4's progress
    cells = ["序号", "重点任务", "年度目标", "主办单位", "进展情况", "备注", "是否达到序时进度", "具体责任人",
             "1", "地区生产总值(GDP)", "增长6%以上", "4297.8亿元;增速6.2%", "/", "是", "王芳",
             "2", "农林牧渔业增加值", "增长4%", "77.7亿元;增速4.2%", "是", "杨帆",
             "3", "服务业增加值", "增长6.5%左右", "2457.9亿元;增速5.2%", "否", "陈静",
             "4", "全员劳动生产率", "稳步增长", "年度指标", "/", "是", "赵磊"]
    rep = parse_report(text=TITLE + "\n\n".join(c + " |" for c in cells) + "\n")
    assert [t.seq for t in rep.tasks] == [1, 2, 3, 4]
    assert [t.lead_units for t in rep.tasks] == [[], [], [], []]
    assert [t.progress_text for t in rep.tasks] == ["4297.8亿元;增速6.2%", "77.7亿元;增速4.2%", "2457.9亿元;增速5.2%",
                                                    "年度指标"]
    assert [t.extra.get("具体责任人") for t in rep.tasks] == ["王芳", "杨帆", "陈静", "赵磊"]
    rows = _rows(rep)
    assert rows[1] == [("增长6%", "增速6.2%", "met")]
    assert rows[3] == [("增长6.5%", "增速5.2%", "below")]


def test_heading_counting_its_items_after_the_header_is_no_header_cell():
    # one cell a line; a heading spanning the table (综合指标类9项(…): a class and the count of
    # its items) follows the header's last cell. It names 指标 but counts items: a section, not
    # a task column, so the progress cells stay under 完成情况 and it heads both rows
    cells = ["序号", "任务内容", "牵头单位", "目标类型", "备注", "是否达到序时进度", "完成情况",
             "综合指标类9项(按考核目标统计)",
             "2", "一般公共预算收入(第2项)", "B类", "是", "增长3.9%,低于目标11.1个百分点。",
             "3", "固定资产投资(第3项)", "B", "是", "增长6%,低于目标3个百分点。"]
    rep = parse_report(text=TITLE + "\n\n".join(cells) + "\n")
    assert [t.seq for t in rep.tasks] == [2, 3]
    assert [t.section for t in rep.tasks] == ["综合指标类9项(按考核目标统计)"] * 2
    assert [t.content for t in rep.tasks] == ["一般公共预算收入(第2项)", "固定资产投资(第3项)"]
    assert [t.progress_text for t in rep.tasks] == ["增长3.9%,低于目标11.1个百分点。", "增长6%,低于目标3个百分点。"]
    assert [t.target_text for t in rep.tasks] == [None, None]


def test_indicator_name_ending_like_a_unit_after_the_unit_cell_is_the_task():
    # one cell a line, the unit column first: 新认定市级高新技术企业 ends like a unit name (企业),
    # but the line after it, 30家, is a figure, never a task: the name is the task, not a second
    # unit of 区科委
    cells = ["序号", "牵头单位", "任务内容", "年度目标", "半年度完成情况",
             "7", "区金融办", "新增企业上市数", "2家", "年度指标",
             "8", "区科委", "新认定市级高新技术企业", "30家", "年度指标"]
    rep = parse_report(text=TITLE + "\n\n".join(cells) + "\n")
    assert [t.content for t in rep.tasks] == ["新增企业上市数", "新认定市级高新技术企业"]
    assert [t.lead_units for t in rep.tasks] == [["区金融办"], ["区科委"]]
    assert [t.target_text for t in rep.tasks] == ["2家", "30家"]


def test_co_unit_cell_is_not_the_lead_unit_cell_in_a_wide_spaces_row():
    # cells set apart by two spaces; the lead unit column is empty on every row (its cell cannot
    # show), the co-unit column is not: 市财政局 is the third cell, where the co-units stand
    # once the empty lead unit cell is gone, so the cells before it are the task and progress
    text = TITLE + "\n".join([
        "序号  任务内容  牵头单位  完成情况  协办单位  完成时间",
        "1  地区生产总值(第1项)  增长6.1%,低于目标0.9个百分点。  市自然资源局  2024年12月底",
        "2  一般公共预算收入(第2项)  增长3.9%,低于目标11.1个百分点。  市财政局  全年"]) + "\n"
    rep = parse_report(text=text)
    assert [t.content for t in rep.tasks] == ["地区生产总值(第1项)", "一般公共预算收入(第2项)"]
    assert [t.progress_text for t in rep.tasks] == ["增长6.1%,低于目标0.9个百分点。", "增长3.9%,低于目标11.1个百分点。"]
    assert [t.lead_units for t in rep.tasks] == [[], []]
    assert [t.co_units for t in rep.tasks] == [["市自然资源局"], ["市财政局"]]
