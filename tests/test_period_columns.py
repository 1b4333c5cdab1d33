"""Several period columns of one release (``1-6月进展情况 | 1-9月进展情况``): the latest is the
task's progress, the earlier kept on the task (``extra``) as its history; a title naming no period
takes the latest period of the progress headers; a table titled as an assignment whose rows carry
progress is a progress report. Expected values are read from the tables written here."""

from __future__ import annotations

import pytest

from zsprogress.api import completion_table, extract_claims, parse_report

TITLE = "2021年县政府工作报告重点工作任务分解落实情况表"
ROWS = [("1", "新增市场主体3000户", "县市场监管局", "新增市场主体1500户", "新增市场主体2400户"),
        ("2", "建设高标准农田2万亩", "县农业农村局", "建成高标准农田1万亩", "建成高标准农田1.8万亩")]


def _text(early: str = "1-6月进展情况", late: str = "1-9月进展情况", sep: str = "\t", swap: bool = False,
          title: str = TITLE) -> str:
    def order(a, b):
        return (b, a) if swap else (a, b)
    lines = [title, sep.join(["序号", "重点工作", "责任单位", *order(early, late)])]
    lines += [sep.join([n, c, u, *order(e, lt)]) for n, c, u, e, lt in ROWS]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("sep", ["\t", " | "])
@pytest.mark.parametrize("swap", [False, True])
def test_the_latest_period_column_is_the_progress(sep, swap):
    report = parse_report(text=_text(sep=sep, swap=swap))
    assert [t.progress_text for t in report.tasks] == ["新增市场主体2400户", "建成高标准农田1.8万亩"]
    assert [t.extra.get("1-6月进展情况") for t in report.tasks] == ["新增市场主体1500户", "建成高标准农田1万亩"]
    assert report.meta.kind == "progress" and report.meta.period.end_month == 9
    rows = completion_table(report, extract_claims(report))
    assert [(r.actual.text if r.actual else None) for r in rows] == ["2400户", "1.8万亩"]
    assert [r.expected_rate for r in rows] == [75, 75]


def test_quarter_words_order_the_columns_too():
    report = parse_report(text=_text("上半年完成情况", "前三季度完成情况"))
    assert report.tasks[0].progress_text == "新增市场主体2400户"
    assert report.meta.period.end_month == 9


def test_traditional_script_and_spaced_header_words():
    text = _text("1-6月進展情況", "1-9月進 展 情 況").replace("县", "縣").replace("农", "農")
    report = parse_report(text=text)
    assert report.tasks[0].progress_text == "新增市场主体2400户"


def test_progress_columns_without_periods_keep_the_first_and_the_other_on_the_task():
    report = parse_report(text=_text("工作进展", "完成情况"))
    assert report.tasks[0].progress_text == "新增市场主体1500户"
    assert report.tasks[0].extra == {"完成情况": "新增市场主体2400户"}


def test_a_title_naming_its_period_keeps_it():
    report = parse_report(text=_text(title="2021年县政府工作报告重点工作上半年完成情况"))
    assert report.meta.period.end_month == 6


TRADITIONAL = str.maketrans("报告标务况称单责发亿资镇业万设计划", "報告標務況稱單責發億資鎮業萬設計劃")


@pytest.mark.parametrize("header,script", [("完成年度目标%", "simplified"), ("占年度计划(%)", "simplified"),
                                           ("完成全年任务 %", "simplified"), ("完成年度目标%", "traditional")])
def test_a_percent_of_the_year_column_is_the_stated_rate(header, script):
    """An indicator table's 完成年度目标% column holds bare figures: the % is in the header."""
    text = "\n".join(["2023年市政府工作报告主要目标任务1-6月完成情况",
                      "\t".join(["序号", "指标名称", "单位", "年度目标", "1-6月完成", header, "责任单位"]),
                      "\t".join(["1", "固定资产投资", "亿元", "400", "215", "53.8", "市发改委"]),
                      "\t".join(["2", "城镇新增就业", "万人", "4.5", "2.6", "57.8", "市人社局"])]) + "\n"
    report = parse_report(text=text.translate(TRADITIONAL) if script == "traditional" else text)
    rows = completion_table(report, extract_claims(report))
    assert [(r.actual.text, r.stated_rate, r.consistent) for r in rows] == [("215亿元", 53.8, True), ("2.6万人", 57.8, True)]
