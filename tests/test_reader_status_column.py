"""A status column's word is said of the whole row (issue 17 item 6): where the row's figures
decide one target the way the word says, the word is that target's, and a target no figure
decides stays unknown. Expected values are read from the texts."""

from __future__ import annotations

from zsprogress.api import completion_table, parse_report

TEXT = """2024年某市政府工作报告重点工作半年度完成情况

序号 | 任务内容 | 牵头单位 | 半年度完成情况 | 是否达序 |
1 | 新建保障性住房2000套,改造老旧小区50个。 | 市住建局 | 1-6月,新建保障性住房600套。 | 否 |
2 | 新增城镇就业4万人。 | 市人社局 | 工作有序推进。 | 否 |
"""


def test_no_said_of_the_row_is_the_behind_targets_not_the_undecided_ones():
    rep = parse_report(text=TEXT)
    rows = {r.metric: r for r in completion_table(rep)}
    # 600 of 2000 at mid-year: behind by its figures, as the column says
    assert rows["新建保障性住房"].status == "behind"
    # no figure says how the 50 old estates stand: the 否 is the housing's, not theirs
    assert rows["改造老旧小区"].status == "unknown"
    # a row whose figures decide nothing: the column's word is its status
    assert [r.status for r in completion_table(rep) if r.task_id == rep.tasks[1].id] == ["behind"]
