"""segment() and parse_meta() on the bundled sample and on synthetic reports."""

from __future__ import annotations

import pytest

from zsprogress.read import Document, read, read_text
from zsprogress.segment import fold, parse_meta, segment, split_items, split_units


@pytest.fixture(scope="module")
def sample():
    return segment(read(None))


@pytest.fixture(scope="module")
def sample_doc():
    return read(None)


def codes(rep):
    return [d.code for d in rep.diagnostics]


# --- the sample -------------------------------------------------------------------------------

def test_sample_counts(sample):
    assert sample.layout == "cells"
    assert len(sample.tasks) == 120
    sections = list(dict.fromkeys(t.section for t in sample.tasks))
    assert len(sections) == 10
    assert sections[0] == "徐仁标市长牵头重点工作"
    assert sections[-1] == "史舟海市政府党组成员牵头重点工作"


def test_sample_seq_gap(sample):
    gaps = [d for d in sample.diagnostics if d.code == "seq-gap"]
    assert len(gaps) == 1
    assert gaps[0].section == "韩峻副市长牵头重点工作"
    assert "16" in gaps[0].message and "18" in gaps[0].message
    assert "seq-duplicate" not in codes(sample)
    assert "truncated" not in codes(sample)
    assert not any(t.truncated for t in sample.tasks)


def test_sample_second_task_alias_unit(sample):
    t = [t for t in sample.tasks if t.leader == "徐仁标"][1]
    assert t.id == "T1.2"
    assert t.lead_units == ["市财政局", "市国资委"]
    assert t.content == "实施国资国企改革深化提升行动。"
    assert t.progress_text.startswith("一是强化改革赋能。")
    assert "(市国资委)" not in t.progress_text
    assert [i[:2] for i in t.items] == ["一是", "二是"]


def test_sample_section_two_leader(sample):
    sec2 = [t for t in sample.tasks if t.id.startswith("T2.")]
    assert len(sec2) == 31
    assert {(t.leader, t.leader_title) for t in sec2} == {("毛江平", "常务副市长")}
    assert sec2[0].section == "毛江平常务副市长牵头重点工作"
    # leader titles seen in the sample
    titles = {t.leader: t.leader_title for t in sample.tasks}
    assert titles["韩峻"] == "副市长" and titles["徐仁标"] == "市长"
    assert titles["周建军"] == "总规划师"


def test_sample_meta(sample):
    m = sample.meta
    assert m.title == "2024年市政府工作报告重点工作半年度完成情况"
    assert m.year == 2024
    assert (m.period.label, m.period.end_month, m.period.year) == ("h1", 6, 2024)
    assert m.published == "2024-07-26"
    assert m.generated == "2024-07-26"
    assert m.index_no == "001008009005001/2024-197653"
    assert m.publisher == "市政府办公室"
    assert m.kind == "progress"


def test_sample_ids_unique_and_stable(sample, sample_doc):
    ids = [t.id for t in sample.tasks]
    assert len(set(ids)) == len(ids)
    assert ids[:3] == ["T1.1", "T1.2", "T1.3"]
    again = segment(sample_doc)
    assert [t.model_dump() for t in again.tasks] == [t.model_dump() for t in sample.tasks]


def test_sample_no_line_lost(sample, sample_doc):
    """Every non-blank line after the first header row is a heading, a header cell, a seq
    number or a line of some task field."""
    assert "unassigned-lines" not in codes(sample)
    lines = sample_doc.text.split("\n")
    first_header = lines.index("序号")
    used: set[str] = set()
    for t in sample.tasks:
        for text in (t.content, t.progress_text, t.target_text or ""):
            used.update(x for x in text.split("\n") if x)
    headings = {t.section for t in sample.tasks}
    header_cells = {"序号", "任务内容", "牵头单位", "半年度完成情况"}
    seqs = {str(t.seq) for t in sample.tasks}
    for no, raw in enumerate(lines[first_header:], first_header + 1):
        s = raw.strip()
        if not s or s in headings or s in header_cells or s in seqs:
            continue
        if s.startswith("(") and s.endswith(")"):       # alias line of a unit cell
            continue
        if s in used:
            continue
        # a unit cell
        assert any(u in s for t in sample.tasks for u in t.lead_units), f"line {no} lost: {s[:40]}"


def test_sample_fields_are_source_text(sample, sample_doc):
    text = sample_doc.text
    for t in sample.tasks:
        assert t.content and t.content in text
        for para in t.progress_text.split("\n"):
            assert para in text
        assert t.progress_text, t.id
        assert t.line > 0 and text.split("\n")[t.line - 1].strip() == str(t.seq)
        for item in t.items:
            assert item in t.progress_text


# --- punctuation width ------------------------------------------------------------------------

HALF = """2024年某市政府工作报告重点工作半年度完成情况
发布日期:2024-07-20 来源:市政府办公室

序号

任务内容

牵头单位

半年度完成情况

张三丰副市长牵头重点工作

1

实施国资国企改革深化提升行动。

市财政局

(市国资委)

一是强化改革赋能,完成率95%。二是强化国资监管。

2

深化政府数字化转型,实现100%线上办理。[牵头单位:市府办(市大数据局)]

(1)完成城市频道建设方案;(2)上线移动端。

3

加快数字建设。

市发改委、市经信局、市府办(市大数据局)

1.拟定招标方案,对外委托。
2.开通基站900个以上。
"""

_WIDE = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", "[": "【", "]": "】", ";": "；"})


def _shape(rep):
    return [(t.id, t.seq, t.leader, t.leader_title, t.lead_units, fold(t.content),
             fold(t.progress_text), [fold(i) for i in t.items], t.truncated) for t in rep.tasks]


def test_width_variants_same_tasks():
    half = segment(read_text(HALF))
    assert [t.lead_units for t in half.tasks] == [
        ["市财政局", "市国资委"], ["市府办", "市大数据局"], ["市发改委", "市经信局", "市府办", "市大数据局"]]
    assert half.tasks[1].content == "深化政府数字化转型,实现100%线上办理。"
    assert len(half.tasks[1].items) == 2
    assert half.tasks[0].leader == "张三丰"
    wide_text = HALF.translate(_WIDE)
    wide_text = wide_text.replace("\n1\n", "\n\u3000 1\u00a0\n").replace("市财政局\n", "\u00a0市财政局\u3000\n")
    wide = segment(read_text(wide_text))
    assert _shape(wide) == _shape(half)
    assert wide.tasks[1].content == "深化政府数字化转型，实现100%线上办理。"   # source kept, not folded
    assert wide.meta.published == half.meta.published == "2024-07-20"


def test_width_variant_of_sample(sample, sample_doc):
    wide = segment(read_text(sample_doc.text.translate(_WIDE)))
    assert len(wide.tasks) == 120
    assert [t.lead_units for t in wide.tasks] == [t.lead_units for t in sample.tasks]
    assert [fold(t.progress_text) for t in wide.tasks] == [fold(t.progress_text) for t in sample.tasks]
    assert wide.meta.model_dump() == sample.meta.model_dump()


def test_crlf_and_cells_text_kept():
    rep = segment(read_text(HALF.replace("\n", "\r\n")))
    assert len(rep.tasks) == 3
    assert rep.tasks[2].progress_text == "1.拟定招标方案,对外委托。\n2.开通基站900个以上。"


# --- what is not a report ---------------------------------------------------------------------

def test_empty_text():
    rep = segment(Document("<empty>", "", "utf-8"))
    assert rep.tasks == [] and rep.paragraphs == []
    rep = segment(Document("<blank>", "\n  \n\u3000\n", "utf-8"))
    assert rep.tasks == []


PROSE = """本报讯 今年以来,我市经济运行稳中有进。
1-6月,全市实现地区生产总值1234亿元,同比增长5.6%。
1. 工业生产平稳,规上工业增加值增长8%。
2. 消费市场回暖,社会消费品零售总额增长6%。
记者 王某 报道
"""


def test_prose_is_unknown():
    rep = segment(read_text(PROSE))
    assert rep.layout == "unknown"
    assert rep.tasks == []
    assert [p.line for p in rep.paragraphs] == [1, 2, 3, 4, 5]
    assert rep.paragraphs[2].text == "1. 工业生产平稳,规上工业增加值增长8%。"
    assert "unknown-layout" in codes(rep)


def test_numbered_essay_is_unknown():
    essay = "\n\n".join(f"{i}\n\n这是第{i}段文字,讨论一般性的问题。" for i in range(1, 6))
    rep = segment(read_text("关于读书的几点体会\n\n" + essay))
    assert rep.tasks == [] and rep.layout == "unknown"


# --- diagnostics ------------------------------------------------------------------------------

def test_duplicate_seq_gets_suffix_and_diagnostic():
    text = HALF.replace("\n3\n", "\n2\n")
    rep = segment(read_text(text))
    assert [t.id for t in rep.tasks] == ["T1.1", "T1.2", "T1.2b"]
    assert "seq-duplicate" in codes(rep)


def test_empty_progress_and_truncation():
    text = HALF.rstrip("\n") + "\n\n4\n\n推进某项工作。\n\n市科技局\n\n上半年已完成招标,正在"
    rep = segment(read_text(text))
    assert rep.tasks[-1].truncated and not rep.tasks[-2].truncated
    assert "truncated" in codes(rep)
    no_progress = text.replace("一是强化改革赋能,完成率95%。二是强化国资监管。", "")
    rep = segment(read_text(no_progress))
    assert [d.task_id for d in rep.diagnostics if d.code == "empty-progress"] == ["T1.1"]


def test_seq_gap_not_reported_for_continuous_numbering():
    text = HALF.replace("张三丰副市长牵头重点工作\n", "张三丰副市长牵头重点工作\n") \
        .replace("\n3\n", "\n李四副市长牵头重点工作\n\n3\n")
    rep = segment(read_text(text))
    assert [t.id for t in rep.tasks] == ["T1.1", "T1.2", "T2.3"]
    assert "seq-gap" not in codes(rep)


def test_unassigned_lines_reported():
    # a stray line between the leader heading and the first row belongs to no task
    text = HALF.replace("张三丰副市长牵头重点工作\n", "张三丰副市长牵头重点工作\n\n表格说明文字\n")
    rep = segment(read_text(text))
    assert len(rep.tasks) == 3
    stray = text.split("\n").index("表格说明文字") + 1
    d = [d for d in rep.diagnostics if d.code == "unassigned-lines"]
    assert len(d) == 1 and d[0].line == stray and d[0].message.startswith("1 line")
    assert "unassigned-lines" not in codes(segment(read_text(HALF)))


# --- helpers ----------------------------------------------------------------------------------

@pytest.mark.parametrize("cell,units", [
    ("市发改委、市经信局、市府办(市大数据局)", ["市发改委", "市经信局", "市府办", "市大数据局"]),
    ("市财政局（市国资委）、市委组织部", ["市财政局", "市国资委", "市委组织部"]),
    ("市疫情防控办,各县(区)政府、各功能区管委会", ["市疫情防控办", "各县(区)政府", "各功能区管委会"]),
    ("市财政局、市属各国有企业(列第一位者为牵头单位,下同)", ["市财政局", "市属各国有企业"]),
    ("各区县政府<南太湖新区、长合区管委会>", ["各区县政府", "南太湖新区", "长合区管委会"]),
    ("市交通局;市港航和口岸局", ["市交通局", "市港航和口岸局"]),
])
def test_split_units(cell, units):
    assert split_units(cell) == units


def test_split_items():
    assert split_items("①甲。②乙。③丙。") == ["①甲。", "②乙。", "③丙。"]
    assert split_items("上半年完成。\n1.甲,增长7.5%。\n2.乙。") == ["上半年完成。", "1.甲,增长7.5%。", "2.乙。"]
    assert split_items("(1)甲;(2)乙") == ["(1)甲;", "(2)乙"]
    assert split_items("1、甲。2、乙。") == ["1、甲。", "2、乙。"]
    assert split_items("增长1.5%,居全省第1.") == []
    assert split_items("完成投资5.4亿元。") == []
    assert split_items("") == []


@pytest.mark.parametrize("title,label,end", [
    ("2024年市政府工作报告重点工作半年度完成情况", "h1", 6),
    ("市政府2020年重点工作(预下达)一季度进展情况表", "q1", 3),
    ("2021年政府工作报告重点工作前三季度完成情况", "q3", 9),
    ("2022年政府工作报告重点工作1-11月推进情况", "m11", 11),
    ("2023年政府工作报告重点工作全年完成情况", "annual", 12),
    ("2023年政府工作报告重点工作年度完成情况", "annual", 12),
])
def test_parse_meta_periods(title, label, end):
    m = parse_meta(f"当前位置:\n{title}\n发布时间:2020-07-30 11:42\n")
    assert m.title == title
    assert (m.period.label, m.period.end_month) == (label, end)
    assert m.period.year == m.year
    assert m.published == "2020-07-30"
    assert m.kind == "progress"


def test_parse_meta_fields():
    m = parse_meta("索引号:   E95417299-1/2023-06628 成文日期:   2023-08-31\n"
                   "文件编号:   无 发布机构:   湖州市人民政府\n"
                   "2023年市政府工作报告重点工作半年度完成情况汇总表\n发布日期: 2023-08-31 10:19:17\n")
    assert m.index_no == "E95417299-1/2023-06628"
    assert m.generated == "2023-08-31" and m.published == "2023-08-31"
    assert m.publisher == "湖州市人民政府"
    a = parse_meta("舟山市人民政府办公室关于印发2023年政府工作报告重点工作和民生实事责任分解的通知\n")
    assert a.kind == "assignment" and a.year == 2023 and a.period.label is None
    b = parse_meta("各单位:\n上半年,全区上下认真贯彻落实。\n")
    assert b.title is None and b.period.label == "h1"
    assert parse_meta("").title is None


# --- robustness -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "①" * 10_000,
    "序号\n任务内容\n牵头单位\n完成情况\n1\n内容。\n市财政局\n" + "①" * 10_000,
    "x" * 5_000_000,
    "序号 | 内容 | 进展情况 | 责任单位 |\n1 | " + "甲,(牵头单位:" * 200_000,
    "1. 甲\n责任单位:" + "市局、" * 100_000,
], ids=["circled", "circled-in-cell", "5mb-line", "tags-in-pipe", "long-unit-list"])
def test_pathological_inputs_never_raise(text):
    # their speed is measured in bench/run.py, never asserted in a test
    rep = segment(read_text(text))
    assert len({t.id for t in rep.tasks}) == len(rep.tasks)


def test_progress_lines_resembling_chrome_are_kept():
    text = HALF.replace("(1)完成城市频道建设方案;(2)上线移动端。",
                        "来源于省级的补助资金已到位。\n增速>5%,排名>全省平均")
    rep = segment(read_text(text))
    assert rep.tasks[1].progress_text == "来源于省级的补助资金已到位。\n增速>5%,排名>全省平均"
    assert "unassigned-lines" not in codes(rep)
