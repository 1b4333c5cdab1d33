"""Shapes the reader reads without having seen them (issue 17): records of labelled cells,
space-separated rows under a leader heading, a leader column printed on the first row of its
group only, dropped empty cells of short columns. Expected values are read from the texts."""

from __future__ import annotations

from zsprogress.api import parse_report

RECORDS = """2024年某市政府工作报告重点工作半年度完成情况

张三副市长牵头重点工作

序号:1
任务内容:完成保税船燃加注量750万吨。
牵头单位:市港航局
半年度完成情况:上半年完成保税船燃加注量380万吨。
序号:2
任务内容:新建5G基站1000个。
牵头单位:市经信局
半年度完成情况:已建成5G基站620个。

李四副市长牵头重点工作

序号:1
任 务 内 容:新增城镇就业4.5万人。
责任科室:市人社局
工作成效:城镇新增就业2.3万人。
"""


def test_records():
    rep = parse_report(text=RECORDS)
    assert rep.layout == "records"
    got = [(t.id, t.seq, t.leader, t.lead_units, t.content) for t in rep.tasks]
    assert got == [
        ("T1.1", 1, "张三", ["市港航局"], "完成保税船燃加注量750万吨。"),
        ("T1.2", 2, "张三", ["市经信局"], "新建5G基站1000个。"),
        ("T2.1", 1, "李四", ["市人社局"], "新增城镇就业4.5万人。"),
    ]
    assert rep.tasks[2].progress_text == "城镇新增就业2.3万人。"


SPACES = """2024年某区政府工作报告重点工作上半年推进情况

序号 目标任务 责任单位 上半年推进情况
王五区长牵头重点工作
1 地区生产总值增长6%以上。 区发展改革委 同比增长2.9%。
2 新增城镇就业8000人。 区人社局 新增城镇就业4200人。
赵六副区长牵头重点工作
1 完成造林1.2万亩。 区林业局 已完成造林0.9万亩。
"""


def test_spaces_under_leader_headings():
    rep = parse_report(text=SPACES)
    assert [(t.id, t.leader, t.lead_units) for t in rep.tasks] == [
        ("T1.1", "王五", ["区发展改革委"]), ("T1.2", "王五", ["区人社局"]), ("T2.1", "赵六", ["区林业局"])]
    assert not [d for d in rep.diagnostics if d.code in ("empty-section", "unassigned-lines")]


LEADER_FIRST_ONLY = """2024年某市政府工作报告重点工作半年度完成情况

责任领导

序号

任务内容

牵头单位

半年度完成情况

周建国常务副市长

1

新增城镇就业4.5万人。

市人社局

城镇新增就业2.3万人。

2

新建5G基站1000个。

市经信局

已建成5G基站620个。

孙强副市长

3

完成造林1.2万亩。

市林业局

已完成造林0.9万亩。
"""


def test_leader_column_first_row_only():
    rep = parse_report(text=LEADER_FIRST_ONLY)
    assert [(t.seq, t.leader, t.lead_units, t.content) for t in rep.tasks] == [
        (1, "周建国", ["市人社局"], "新增城镇就业4.5万人。"),
        (2, "周建国", ["市经信局"], "新建5G基站1000个。"),
        (3, "孙强", ["市林业局"], "完成造林1.2万亩。"),
    ]


RATE_COLUMN_BLANK = """2024年某市政府工作报告重点工作半年度完成情况

序号

任务内容

牵头单位

半年度完成情况

1-6月实际完成率%

1

新增城镇就业4.5万人。

市人社局

1.城镇新增就业2.3万人。

2.开展职业技能培训1.2万人次。

2

新建5G基站1000个。

市经信局

已建成5G基站620个。

62%
"""


def test_short_column_left_blank():
    # the rate cell of the first row is empty and dropped: the progress keeps both paragraphs
    rep = parse_report(text=RATE_COLUMN_BLANK)
    t1, t2 = rep.tasks
    assert t1.progress_text == "1.城镇新增就业2.3万人。\n2.开展职业技能培训1.2万人次。"
    assert t1.status_text is None
    assert t2.progress_text == "已建成5G基站620个。" and t2.status_text == "62%"


def test_header_word_wrapped_over_two_lines():
    # 牵头 / 单位 and 完成 / 情况: one header cell each, wrapped with no blank line between
    text = RATE_COLUMN_BLANK.replace("牵头单位", "牵头\n单位").replace("半年度完成情况", "半年度完成\n情况")
    rep = parse_report(text=text)
    assert [(t.seq, t.lead_units, t.content) for t in rep.tasks] == [
        (1, ["市人社局"], "新增城镇就业4.5万人。"), (2, ["市经信局"], "新建5G基站1000个。")]


def test_layout_forced():
    import json

    from typer.testing import CliRunner

    from zsprogress.cli import app

    rep = parse_report(text=SPACES, layout="spaces")
    assert rep.layout == "spaces" and len(rep.tasks) == 3
    assert any(d.code == "layout-choice" and "--layout spaces" in d.message for d in rep.diagnostics)
    # the records family reads no row of a space-separated table: no task, and it says so
    assert parse_report(text=SPACES, layout="records").tasks == []
    runner = CliRunner()
    r = runner.invoke(app, ["--layout", "bogus", "tasks", "sample"])
    assert r.exit_code == 2 and "unknown layout 'bogus'" in r.stderr
    r = runner.invoke(app, ["--layout", "cells", "tasks", "sample", "-f", "json", "-q"])
    assert r.exit_code == 0 and len(json.loads(r.stdout)) == 120
    r = runner.invoke(app, ["tasks", "sample", "-f", "json", "-q"])   # the next run is not forced
    assert r.exit_code == 0 and len(json.loads(r.stdout)) == 120


def test_label_words_named_like_header_cells():
    # labels the label words do not list, spaced or longer (牵头责任单位, 牵 头 单 位, 工作成效)
    text = """2023年某区政府工作报告主要目标任务责任分解

1. 地区生产总值增长7%以上。
牵 头 单 位:区发展和改革局
2. 规上工业增加值增长12%以上。
牵头责任单位:区科技和经信局
配合单位:各街道
"""
    rep = parse_report(text=text)
    assert [(t.seq, t.lead_units, t.co_units) for t in rep.tasks] == [
        (1, ["区发展和改革局"], []), (2, ["区科技和经信局"], ["各街道"])]
