"""The one builder on grids as the binary formats give them: cells with ``pos`` and no ``line``,
merged cells as spans (a leader cell spanning rows, a heading spanning all columns)."""

from __future__ import annotations

from zsprogress.grid import Cell, Grid, Page
from zsprogress.segment import build


def _c(text: str, pos: str, **kw) -> Cell:
    return Cell(text, pos=pos, **kw)


def test_build_grid_with_spans_and_no_lines():
    grid = Grid(rows=[
        [_c("序号", "r1c1"), _c("任务内容", "r1c2"), _c("牵头单位", "r1c3"), _c("完成情况", "r1c4")],
        [_c("一、徐仁标市长牵头重点工作", "r2c1", colspan=4)],
        [_c("1", "r3c1"), _c("推进改革。", "r3c2"), _c("市财政局、市国资委", "r3c3"), _c("已完成。", "r3c4")],
        [_c("2", "r4c1"), _c("建设项目。(牵头单位:市发改委)", "r4c2"), _c("", "r4c3"), _c("完成50%。", "r4c4")],
    ], header_rows=1, source="table 1")
    tasks = build(Page(blocks=["舟山市2024年重点工作完成情况", grid], format="html"))
    assert [t.id for t in tasks] == ["T1.1", "T1.2"]
    assert tasks[0].leader == "徐仁标" and tasks[0].leader_title == "市长"
    assert tasks[0].section == "一、徐仁标市长牵头重点工作"
    assert tasks[0].lead_units == ["市财政局", "市国资委"]
    assert tasks[1].lead_units == ["市发改委"] and tasks[1].content == "建设项目。"
    assert tasks[1].progress_text == "完成50%。" and tasks[1].line == 0


def test_build_finds_an_unmarked_header_and_skips_a_repeated_one():
    grid = Grid(rows=[
        [_c("2024年重点工作", "r1c1", colspan=3)],
        [_c("序号", "r2c1"), _c("工作任务", "r2c2"), _c("进展情况", "r2c3")],
        [_c("1", "r3c1"), _c("甲", "r3c2"), _c("乙", "r3c3")],
        [_c("序号", "r4c1"), _c("工作任务", "r4c2"), _c("进展情况", "r4c3")],
        [_c("2", "r5c1"), _c("丙", "r5c2"), _c("丁", "r5c3", rowspan=2)],
        [_c("3", "r6c1"), _c("戊", "r6c2")],
    ])
    tasks = build(Page(blocks=[grid]))
    assert [(t.id, t.content, t.progress_text) for t in tasks] == [
        ("T0.1", "甲", "乙"), ("T0.2", "丙", "丁"), ("T0.3", "戊", "丁")]


def test_leader_and_category_cells_spanning_rows_open_sections():
    grid = Grid(rows=[
        [_c("序号", "A1"), _c("分管市领导", "B1"), _c("类别", "C1"), _c("工作任务", "D1"), _c("牵头单位", "E1"),
         _c("配合单位", "F1"), _c("完成情况", "G1")],
        [_c("1", "A2"), _c("徐仁标市长", "B2", rowspan=2), _c("经济", "C2", rowspan=3), _c("甲", "D2"),
         _c("市财政局", "E2"), _c("市税务局", "F2"), _c("已完成。", "G2")],
        [_c("2", "A3"), _c("乙", "D3"), _c("市发改委", "E3"), _c("", "F3"), _c("已完成。", "G3")],
        [_c("1", "A4"), _c("毛江平", "B4"), _c("丙", "D4"), _c("市商务局", "E4"), _c("", "F4"), _c("过半。", "G4")],
    ], header_rows=1, source="Sheet1")
    tasks = build(Page(blocks=[grid], format="xlsx"))
    assert [(t.id, t.leader, t.leader_title) for t in tasks] == [
        ("T1.1", "徐仁标", "市长"), ("T1.2", "徐仁标", "市长"), ("T2.1", "毛江平", None)]
    assert tasks[0].co_units == ["市税务局"] and tasks[1].co_units == []


def test_page_report_of_a_format_reader():
    from zsprogress.segment import page_report

    grid = Grid(rows=[
        [_c("序号", "r1c1"), _c("工作任务", "r1c2"), _c("牵头单位", "r1c3"), _c("完成情况", "r1c4")],
        [_c("1", "r2c1"), _c("推进改革。", "r2c2"), _c("市财政局", "r2c3"), _c("上半年完成50%。", "r2c4")],
    ], header_rows=1)
    rep = page_report(Page(title="舟山市2024年重点工作半年度完成情况", published="2024-07-26",
                           blocks=[grid], format="html"), "page.html")
    assert (rep.layout, rep.meta.period.label, rep.meta.published) == ("grid", "h1", "2024-07-26")
    assert [(t.id, t.lead_units) for t in rep.tasks] == [("T0.1", ["市财政局"])]
    # a page whose table is only in an attachment: a notice naming it, its prose still read
    rep = page_report(Page(title="关于2024年十件民生实事完成情况的通报", blocks=["25项内容已全部完成。"],
                           attachments=["附件:完成情况表.docx"], format="html"), "page.html")
    assert rep.layout == "notice" and rep.tasks == [] and rep.paragraphs
    assert "完成情况表.docx" in rep.diagnostics[0].message


def test_matrix_grid_one_task_per_place():
    # a 市州 x indicator table as an HTML page gives it (湖南 2021 民生实事 进度表, made-up figures):
    # the total row 全省 spans the seq and place columns
    grid = Grid(rows=[
        [_c("序号", "A1"), _c("市 州", "B1"), _c("计划完成数", "C1"), _c("累计开工数", "D1"), _c("开工率", "E1"),
         _c("计划投资额(万元)", "F1"), _c("计划投资完成率", "G1")],
        [_c("1", "A2"), _c("长沙市", "B2"), _c("150", "C2"), _c("143", "D2"), _c("95.33%", "E2"),
         _c("86157.25", "F2"), _c("42.75%", "G2")],
        [_c("全省", "A3", colspan=2), _c("1500", "C3"), _c("1110", "D3"), _c("74.00%", "E3"),
         _c("752393.73", "F3"), _c("37.44%", "G3")],
    ])
    tasks = build(Page(blocks=[grid], format="html"))
    assert [(t.seq, t.content) for t in tasks] == [(1, "长沙市"), (None, "全省")]
    # 计划… columns are the target (a unit in the header's brackets after a bare figure); a rate
    # named 计划投资完成率 is progress
    assert tasks[0].target_text == "计划完成数150;计划投资额86157.25万元"
    assert tasks[0].progress_text == "累计开工数143;开工率95.33%;计划投资完成率42.75%"
    assert tasks[0].lead_units == []


def test_sub_columns_under_a_spanning_header_cell():
    # 上半年实绩 over 绝对值 / 增速(%) (温州 2024 indicator table); a title row spanning the table is
    # no parent of sub-columns
    grid = Grid(rows=[
        [_c("主要指标完成情况", "A1", colspan=6)],
        [_c("序号", "A2", rowspan=2), _c("指标名称", "B2", rowspan=2), _c("单位", "C2", rowspan=2),
         _c("目标", "D2", rowspan=2), _c("上半年实绩", "E2", colspan=2)],
        [_c("绝对值", "E3"), _c("增速(%)", "F3")],
        [_c("1", "A4"), _c("地区生产总值", "B4"), _c("亿元", "C4"), _c("增长6%以上", "D4"), _c("4297.8", "E4"),
         _c("6.2", "F4")],
    ], header_rows=3)
    tasks = build(Page(blocks=[grid], format="html"))
    assert [(t.content, t.target_text, t.progress_text) for t in tasks] == [
        ("地区生产总值", "增长6%以上", "4297.8亿元;增速6.2%")]
