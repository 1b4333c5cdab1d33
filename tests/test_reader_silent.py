"""Never silent: what the reader recognises but cannot read is a diagnostic, and `check` fails
on it (issue 17, item 7)."""

from __future__ import annotations

import pytest

from zsprogress.api import parse_report
from zsprogress.read import sample_path
from zsprogress.vocab import DEFAULT_FAIL_ON

SAMPLE = sample_path().read_text(encoding="utf-8")
FIRST_HEADER = "序号\n\n任务内容\n\n牵头单位\n\n半年度完成情况"


def codes(rep):
    return [d.code for d in rep.diagnostics]


def test_sample_has_none():
    rep = parse_report(text=SAMPLE)
    assert not {"empty-section", "header-without-rows", "unassigned-lines"} & set(codes(rep))


def test_lost_first_section_is_named():
    # the first header made unreadable (one-character cells no reader can take for header
    # words): its section's 3 tasks cannot be read, and the ids after it shift
    assert SAMPLE.count(FIRST_HEADER) >= 2
    text = SAMPLE.replace(FIRST_HEADER, "甲\n\n乙\n\n丙\n\n丁", 1)
    rep = parse_report(text=text)
    lost = [d for d in rep.diagnostics if d.code == "empty-section"]
    assert lost and "徐仁标" in lost[0].message
    assert "empty-section" in DEFAULT_FAIL_ON


def test_unknown_header_words_do_not_stop_the_reading():
    # header words no vocabulary lists: the task column before the units, the progress after
    text = SAMPLE.replace("任务内容", "要点摘录").replace("半年度完成情况", "情形")
    rep = parse_report(text=text)
    assert len(rep.tasks) == 120
    assert rep.tasks[0].content == "一般公共预算收入与经济增长基本同步。"
    assert rep.tasks[0].progress_text.startswith("上半年,全市预计一般公共预算收入153.57亿元")
    assert rep.tasks[0].lead_units == ["市财政局"]


def test_extra_unknown_column_is_kept_aside():
    # a deadline column nobody listed, between the units and the progress: the header is still
    # a header and the progress is still the progress
    text = SAMPLE.replace("牵头单位\n\n半年度完成情况", "牵头单位\n\n完成时限\n\n半年度完成情况")
    rep = parse_report(text=text)
    assert len(rep.tasks) == 120
    assert all(t.leader for t in rep.tasks)


@pytest.mark.parametrize("sep", [" ", "  ", " | "])
def test_a_header_no_reading_takes_rows_under_is_said(sep):
    """A header row that names its columns, with rows no layout family reads under it (here
    unnumbered, lead unit first, cells set apart by single spaces), is no prose-only notice:
    ``header-without-rows`` says the table is there and was not read."""
    text = "\n".join([
        "2023年市政府工作报告重点工作半年度完成情况",
        sep.join(["序号", "牵头单位", "任务内容", "半年度完成情况"]),
        sep.join(["市财政局", "一般公共预算收入与经济增长基本同步。", "1-6月,一般公共预算收入143.83亿元,增长19.6%。"]),
        sep.join(["市财政局、市国资委", "深化国资国企改革。", "完善国资监管体系,制定任务清单12项。"]),
    ]) + "\n"
    report = parse_report(text=text)
    if report.tasks:
        assert len(report.tasks) == 2   # read after all: then it must be whole
        return
    codes = [d.code for d in report.diagnostics]
    assert "header-without-rows" in codes and "notice" not in codes
    assert any("143.83" in p.text for p in report.paragraphs)
