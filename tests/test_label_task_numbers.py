"""Task lines of label blocks numbered as a section's items (1.1, 2.1) or in brackets ((1)), with
their labels inline (任务。牵头单位:X。进展情况:Y) or on the lines under them. Expected values
read from the texts; written with each number form, labels inline or on their own lines, in
simplified and traditional script."""

from __future__ import annotations

import pytest

from zsprogress.api import parse_report

TASKS = [  # (section, seq, task, unit, progress)
    ("经济发展", 1, "地区生产总值增长6.5%。", "县发改局", "上半年地区生产总值增长6.2%。"),
    ("经济发展", 2, "规上工业增加值增长8%。", "县工信局", "1-6月规上工业增加值增长8.6%。"),
    ("社会民生", 1, "新增城镇就业5000人。", "县人社局", "1-6月新增城镇就业2860人。"),
]
FORMS = {"dotted": "{s}.{n} ", "dotted-dun": "{s}.{n}、", "paren": "({n})", "plain": "{n}."}
TRAD = str.maketrans("县发改局规业进况经济会门头单位", "縣發改局規業進況經濟會門頭單位")


def _text(form: str, inline: bool, trad: bool) -> str:
    lines = ["2024年县政府工作报告目标任务1-6月完成情况", ""]
    sections = []
    for sec, n, task, unit, prog in TASKS:
        if sec not in sections:
            sections.append(sec)
            lines.append(f"{'一二'[len(sections) - 1]}、{sec}")
        num = FORMS[form].format(s=len(sections), n=n)
        if inline:
            lines.append(f"{num}{task}牵头单位:{unit}。进展情况:{prog}")
        else:
            lines += [f"{num}{task}", f"牵头单位:{unit}", f"进展情况:{prog}"]
    text = "\n".join(lines) + "\n"
    return text.translate(TRAD) if trad else text


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("inline", [True, False])
@pytest.mark.parametrize("trad", [False, True])
def test_label_block_numbers(form, inline, trad):
    rep = parse_report(text=_text(form, inline, trad))
    got = [(t.section, t.seq, t.content, t.lead_units, t.progress_text) for t in rep.tasks]
    assert got == [(sec, n, task, [unit], prog) for sec, n, task, unit, prog in TASKS]
    codes = {d.code for d in rep.diagnostics}
    assert not codes & {"dropped-figures", "unassigned-lines", "seq-gap"}, codes


def test_progress_numbers_stay_in_the_progress():
    # a progress whose own items are (1) (2), and a line opening on a figure (1.5万人): no new task
    text = ("2024年县政府工作报告目标任务完成情况\n\n"
            "1.新增城镇就业5000人。\n牵头单位:县人社局\n进展情况:\n(1)1-6月新增城镇就业2860人;\n"
            "(2)开展技能培训1200人次。\n"
            "2.完成造林1.5万亩。\n牵头单位:县林业局\n进展情况:\n1.5万亩造林任务已完成0.9万亩。\n")
    rep = parse_report(text=text)
    assert [(t.seq, t.lead_units) for t in rep.tasks] == [(1, ["县人社局"]), (2, ["县林业局"])]
    assert "(2)开展技能培训1200人次。" in rep.tasks[0].progress_text
    assert rep.tasks[1].progress_text.endswith("1.5万亩造林任务已完成0.9万亩。")
