"""Prose reports whose tasks are (一) (二) items carrying figures under 一、 headings, with no
1. items: each (一) item is a task (its first sentence), the rest its progress, the 一、 heading
its section; the numbering restarts under each heading. Before, the list family took the first
section and dropped the second (unassigned lines). Expected values read from the texts."""

from __future__ import annotations

import pytest

from zsprogress.api import parse_report

SECTIONS = [
    ("主要经济指标完成情况", [
        ("地区生产总值增长6.5%左右。", "上半年,全市地区生产总值完成1234.5亿元,同比增长6.1%。"),
        ("一般公共预算收入增长5%。", "1-6月,全市一般公共预算收入完成86.2亿元,增长7.3%。"),
        ("城镇新增就业4万人。", "上半年城镇新增就业2.3万人,完成年度目标的57.5%。"),
    ]),
    ("重点工作推进情况", [
        ("实施重大项目200个,完成投资500亿元。", "截至6月底,已开工168个,完成投资276亿元。"),
        ("新建改建农村公路300公里。", "已完成新建改建农村公路142公里。"),
    ]),
]
CN = "一二三四五"
TRAD = str.maketrans("经济标况点推进实设区产总值预计财务营业建农公开项里内万亿约", "經濟標況點推進實設區產總值預計財務營業建農公開項里內萬億約")


def _text(paren: str, progress_own_line: bool, trad: bool) -> str:
    lines = ["关于2024年政府工作报告目标任务上半年完成情况的报告", "", "市人大常委会:",
             "现将2024年政府工作报告确定的目标任务上半年完成情况报告如下:"]
    for si, (head, items) in enumerate(SECTIONS):
        lines.append(f"{CN[si]}、{head}")
        for ii, (task, prog) in enumerate(items):
            num = paren[0] + CN[ii] + paren[1]
            lines += [f"{num}{task}", prog] if progress_own_line else [f"{num}{task}{prog}"]
    text = "\n".join(lines) + "\n"
    return text.translate(TRAD) if trad else text


@pytest.mark.parametrize("paren", ["()", "\uff08\uff09"])   # ASCII and full-width brackets
@pytest.mark.parametrize("progress_own_line", [False, True])
@pytest.mark.parametrize("trad", [False, True])
def test_cn_items_under_headings(paren, progress_own_line, trad):
    rep = parse_report(text=_text(paren, progress_own_line, trad))
    got = [(t.section, t.seq, t.content, t.progress_text) for t in rep.tasks]
    want = [(head, i + 1, task, prog) for head, items in SECTIONS for i, (task, prog) in enumerate(items)]
    assert got == want
    assert not {d.code for d in rep.diagnostics} & {"dropped-figures", "unassigned-lines"}
