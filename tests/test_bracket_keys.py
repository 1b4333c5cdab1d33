"""Label and record keys printed in 【】 instead of before a colon.

Written from the genre: some reports print each task as a block of keyed lines whose keys stand in
black lenticular brackets: ``【任务一】新增城镇就业1.5万人`` / ``【牵头单位】区人社局`` /
``【进展情况】1-6月新增城镇就业8200人``. Such a report was called a notice with summary prose only.
Expected values are read from the texts below."""

from __future__ import annotations

import pytest

from zsprogress.api import completion_table, parse_report

BLOCKS = [
    ("新增城镇就业1.5万人", "区人社局", "1-6月新增城镇就业8200人,完成年度目标的54.7%。"),
    ("完成固定资产投资180亿元", "区发改局", "1-6月完成固定资产投资96亿元。"),
    ("新建公园绿地8个", "区城管局", "已建成3个,其余5个正在施工。"),
]
CN = "一二三"


def _text(task_key, open_, close, colon="", deadline=False) -> str:
    lines = ["某区2024年政府工作报告重点任务分解落实情况（截至6月底）", ""]
    for i, (task, unit, progress) in enumerate(BLOCKS):
        lines.append(f"{open_}{task_key(i)}{close}{colon}{task}")
        if deadline:
            lines.append(f"{open_}完成时限{close}{colon}2024年12月底")
        lines += [f"{open_}牵头单位{close}{colon}{unit}", f"{open_}进展情况{close}{colon}{progress}", ""]
    return "\n".join(lines)


@pytest.mark.parametrize("task_key", [lambda i: f"任务{CN[i]}", lambda i: f"任务{i + 1}", lambda i: f"第{CN[i]}项"],
                         ids=["任务一", "任务1", "第一项"])
@pytest.mark.parametrize("brackets", [("【", "】", ""), ("[", "]", ""), ("【", "】", "："), ("〔", "〕", "")],
                         ids=["lenticular", "square", "with-colon", "tortoise-shell"])
def test_keys_in_brackets_read_as_records(task_key, brackets):
    report = parse_report(text=_text(task_key, *brackets))
    got = [(t.seq, t.content, t.lead_units, t.progress_text) for t in report.tasks]
    assert got == [(i, task, [unit], progress) for i, (task, unit, progress) in enumerate(BLOCKS, 1)]


def test_a_kept_aside_key_in_brackets_is_kept_on_the_task():
    report = parse_report(text=_text(lambda i: f"任务{CN[i]}", "【", "】", deadline=True))
    assert [t.extra for t in report.tasks] == [{"完成时限": "2024年12月底"}] * 3


def test_the_figures_link():
    rows = completion_table(parse_report(text=_text(lambda i: f"任务{CN[i]}", "【", "】")))
    assert [(r.target.text, r.actual.text if r.actual else None, r.stated_rate) for r in rows][:2] == [
        ("1.5万人", "8200人", 54.7), ("180亿元", "96亿元", None)]
