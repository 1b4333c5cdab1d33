"""A leader column named by the leader's office (分管副市长, 牵头副县长, 联系副区长) rather than by
领导: its cells are the tasks' leaders, not an unknown column. Expected values read from the
texts; written as pipe rows, tab rows and an HTML table, with the column before or after the
unit column, in simplified and traditional script, with the header word spaced out."""

from __future__ import annotations

import pytest
from tables import rows_as

from zsprogress.api import parse_report

ROWS = [
    ["1", "新引进亿元以上产业项目50个", "县投促局", "张三副县长", "1-9月新引进亿元以上产业项目41个。"],
    ["2", "城镇新增就业6000人", "县人社局", "李四副县长", "1-9月城镇新增就业5100人。"],
]
TRAD = str.maketrans("县长亿项业进况责单组引产就", "縣長億項業進況責單組引產就")


def _report(shape: str, header: str, swap: bool, trad: bool, tmp_path):
    head = ["序号", "任务", "责任单位", header, "推进情况"]
    table = [head, *ROWS]
    if swap:
        table = [[r[0], r[1], r[3], r[2], r[4]] for r in table]
    body = "\n".join(rows_as(shape, table))
    text = "2024年县政府工作报告重点任务推进情况\n\n" + body + "\n"
    if trad:
        text = text.translate(TRAD)
    if shape == "html":
        p = tmp_path / "r.html"
        p.write_text(f"<html><body>{text}</body></html>", encoding="utf-8")
        return parse_report(p)
    return parse_report(text=text)


@pytest.mark.parametrize("shape", ["tabs", "pipe", "html"])
@pytest.mark.parametrize("header", ["分管副县长", "牵头副县长", "分 管 副 县 长"])
@pytest.mark.parametrize("swap", [False, True])
@pytest.mark.parametrize("trad", [False, True])
def test_office_names_the_leader_column(shape, header, swap, trad, tmp_path):
    rep = _report(shape, header, swap, trad, tmp_path)
    got = [(t.seq, t.lead_units, t.leader, t.leader_title) for t in rep.tasks]
    assert got == [(1, ["县投促局"], "张三", "副县长"), (2, ["县人社局"], "李四", "副县长")]
    assert all(not t.extra for t in rep.tasks)



@pytest.mark.parametrize("name", ["袁家军", "李建军", "王红军"])
def test_names_ending_like_a_unit_word(name):
    # 军 ends many given names and no unit name of the genre: in one cell per line, the name
    # before the unit cell is the leader's cell, never one more lead unit
    rows = [["1", "稳企业、防风险。扎实做好稳企业各项工作。", name, "省发展改革委、省经信厅"],
            ["2", "深入推进政府数字化转型。", name, "省委改革办、省大数据局"]]
    body = "\n".join(c for r in [["序号", "任务内容", "责任领导", "牵头单位"], *rows] for c in r)
    rep = parse_report(text="省政府印发2020年政府工作报告重点工作责任分解通知\n\n" + body + "\n")
    assert [(t.seq, t.leader, t.lead_units) for t in rep.tasks] == \
        [(1, name, ["省发展改革委", "省经信厅"]), (2, name, ["省委改革办", "省大数据局"])]
