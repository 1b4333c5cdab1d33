"""A leader column named by the leader's office (分管副市长, 牵头副县长, 联系副区长) rather than by
领导: its cells are the tasks' leaders, not an unknown column. Expected values read from the
texts; written as pipe rows, tab rows and an HTML table, with the column before or after the
unit column, in simplified and traditional script, with the header word spaced out."""

from __future__ import annotations

import pytest

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
    if shape == "tabs":
        body = "\n".join("\t".join(r) for r in table)
    elif shape == "pipe":
        body = "\n".join("| " + " | ".join(r) + " |" for r in table)
    else:
        body = "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in table) + "</table>"
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
