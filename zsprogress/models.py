"""Records of zsprogress: the contract analysts' scripts rely on.

Glossary
--------
Report      one published progress report (or task-assignment notice), read from one file.
Section     a group of tasks under one leader heading, e.g. ``徐仁标市长牵头重点工作``.
Task        one row of the table: seq, task content (任务内容), lead units (牵头单位) and
            the progress paragraph (完成情况).
Claim       one figure of a task, typed and normalized (kind, value in base units, unit),
            with its evidence: rule id, exact surface text and span in the field text.
Skip        a digit-bearing span that is deliberately *not* a claim (date, document number,
            name, list marker ...), with the reason.
Completion  one numeric target of a task with the actual that reports on it, the computed,
            stated and expected rates and a status.

Every span (``start``/``end``) is an offset into the text of the field it names, so
``getattr(task, field)[start:end] == text`` (for ``field == "progress"`` the text is
``task.progress_text``; ``content`` is ``task.content``; ``target`` is ``task.target_text``).

The models hold data only: no I/O, no printing.
The annotations are objects, not strings (no ``from __future__ import annotations``): Pydantic
would otherwise evaluate each field's annotation from its text when the classes are built.
"""

from typing import Any, Literal, Optional, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_serializer

from .vocab import ClaimKind, Status


def _num(v: Optional[float]) -> Optional[float | int]:
    """JSON numbers: integral floats are written as integers (15357000000, not 1.5357e10)."""
    if v is None:
        return None
    if float(v).is_integer() and abs(v) < 1e18:
        return int(v)
    return round(v, 10)


R = TypeVar("R", bound="Record")


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @classmethod
    def trusted(cls: type[R], **values: Any) -> R:
        """A record of values our own code made, every field given, of its declared type: built
        without Pydantic's validation (what ``model_construct`` does, without its per-field
        default handling), for the hot path that makes thousands of claims per report.
        ``tests/test_records.py`` checks that validating such records changes nothing."""
        obj = cls.__new__(cls)
        object.__setattr__(obj, "__dict__", values)
        object.__setattr__(obj, "__pydantic_fields_set__", set(values))
        object.__setattr__(obj, "__pydantic_extra__", None)
        object.__setattr__(obj, "__pydantic_private__", None)
        return obj


# The records of the commands ``tallies`` and ``track`` (and ``check``) only: their validators are
# built on first use (``defer_build``), so the other commands do not pay for them at start-up.
# Every other record is built with the module: each one nests or is nested by the records of the
# pipeline, and a deferred record would be built again inside each record that holds it.
_ON_FIRST_USE = ConfigDict(defer_build=True)


class Period(Record):
    """The time a report or a figure covers."""

    label: Optional[str] = Field(None, description="q1 | h1 | q3 | annual | mN (1-N月)")
    end_month: Optional[int] = Field(None, description="last month covered, 1..12")
    year: Optional[int] = None


class ReportMeta(Record):
    title: Optional[str] = None
    publisher: Optional[str] = None
    published: Optional[str] = Field(None, description="发布日期, YYYY-MM-DD")
    generated: Optional[str] = Field(None, description="生成日期/成文日期, YYYY-MM-DD")
    index_no: Optional[str] = Field(None, description="索引号")
    year: Optional[int] = None
    period: Period = Field(default_factory=Period)
    kind: Literal["progress", "assignment"] = "progress"


class Diagnostic(Record):
    """Something a reader of the report should know about its structure."""

    code: str = Field(description="seq-gap | seq-duplicate | empty-progress | unassigned-lines | "
                      "header-without-rows | empty-section | unknown-layout | truncated | dropped-figures | normalised | "
                      "layout-choice | columns-inferred | notice | attachment")
    message: str
    line: Optional[int] = None
    section: Optional[str] = None
    task_id: Optional[str] = None


class StatedStatus(Record):
    """A status the report states in words (已完成, 序时推进, 滞后序时进度9.8个百分点), with its evidence."""

    status: Status = Field(description="the status the words mean")
    text: str = Field(description="the words, as printed")
    field: str = Field("progress", description="the task field they are in")
    start: int = Field(description="offset of the words in the field's text")
    end: int = Field(description="end offset of the words")


EXTRA_PREFIX = "extra:"     # the field name of a claim in a kept-aside cell: extra:完成时限


class Task(Record):
    id: str = Field(description="stable id: 'T<section ordinal>.<seq>' (T2.1; see docs/records.md)")
    seq: Optional[int] = Field(None, description="the number printed on the row (序号); null when it has none")
    section: Optional[str] = Field(None, description="the heading the task is under (徐仁标市长牵头重点工作)")
    leader: Optional[str] = Field(None, description="the leader of the section or of the task's own leader cell")
    leader_title: Optional[str] = Field(None, description="the leader's title (市长)")
    lead_units: list[str] = Field(default_factory=list, description="牵头单位/责任单位, one string per unit")
    co_units: list[str] = Field(default_factory=list, description="cooperating units (配合单位, "
                                "责任单位 beside a 牵头单位, 数据提供单位): never lead units")
    content: str = Field("", description="任务内容: the task as assigned")
    progress_text: str = Field("", description="完成情况/进展情况: what the report says was done")
    items: list[str] = Field(default_factory=list, description=(
        "progress_text split at its sub-item markers (1. (1) ① 一是); empty when it has none"))
    target_text: Optional[str] = Field(None, description="目标任务 column or label")
    status_text: Optional[str] = Field(None, description="状态 column or label")
    problems_text: Optional[str] = Field(None, description="存在问题 column or label")
    next_steps_text: Optional[str] = Field(None, description="下一步 column or label")
    truncated: bool = Field(False, description="the report ends inside this task (a page cut off)")
    line: int = Field(0, description="line of the task in a text report (1-based); 0 for a table of another format")
    stated_status: Optional[StatedStatus] = Field(
        None, description="the status the report states in words for the task (status column, 滞后/序时推进)")
    extra: dict[str, str] = Field(default_factory=dict, description=(
        "the cells of the row's columns that are no task field (完成时限, 总投资(亿元), 责任人, 备注, a "
        "header nobody listed): header as printed, spaces removed -> cell text; their figures are "
        "claims of field 'extra:<header>'"))

    def field_text(self, field: str) -> str:
        if field.startswith(EXTRA_PREFIX):
            return self.extra.get(field[len(EXTRA_PREFIX):], "")
        return {
            "content": self.content,
            "progress": self.progress_text,
            "target": self.target_text or "",
            "status": self.status_text or "",
            "problems": self.problems_text or "",
            "next_steps": self.next_steps_text or "",
        }[field]


class Paragraph(Record):
    """A line of a report's text outside its task rows (all of it when no layout is recognized)."""

    line: int
    text: str


class Report(Record):
    source: str = Field(description="path of the report, '-' for stdin, '<sample>' for the bundled one")
    encoding: str = "utf-8"
    layout: str = Field("unknown", description="the layout family that segmented the report")
    meta: ReportMeta = Field(default_factory=ReportMeta)
    tasks: list[Task] = Field(default_factory=list)
    paragraphs: list[Paragraph] = Field(default_factory=list)
    preamble: list[Paragraph] = Field(default_factory=list, description=(
        "the lines before the first task row of a report with tasks (title, summary): where it "
        "states its tallies (124项达到序时进度要求)"))
    diagnostics: list[Diagnostic] = Field(default_factory=list)


Role = Literal["target", "actual", "unknown"]


def claim_id(task_id: Optional[str], field: str, start: int, end: int) -> str:
    """The id of a claim: ``T2.1:progress:52-60``, the task, the field and the span of the
    figure (``text:0-7`` for a phrase of ``claims --text``, which has no task). It depends only
    on where the figure is printed, so the same report gives the same ids on every run, and a
    completion row names the claims it was made of (``target.claim_id``, ``actual.claim_id``)."""
    return f"{task_id}:{field}:{start}-{end}" if task_id else f"{field}:{start}-{end}"


class Claim(Record):
    id: str = Field("", description="stable id '<task_id>:<field>:<start>-<end>' (T2.1:progress:52-60), "
                    "set from the other fields when not given")
    task_id: Optional[str] = Field(None, description=(
        "the task; L<line> for a paragraph or a line above a table's first task row; null for --text"))
    field: str = Field("progress", description=(
        "the task field the figure is in: content, target, progress, status, problems, next_steps, "
        "extra:<header> for a cell of a column that is no task field (text for --text, paragraph for a report read as paragraphs)"))
    kind: ClaimKind = Field(description="what the figure is")
    value: Optional[float] = Field(None, description="the value in base units (15357000000 for 153.57亿元)")
    value_max: Optional[float] = Field(None, description="the upper end of a range (3-5亿元) or a vague number (数十)")
    unit: Optional[str] = Field(None, description="canonical unit: 元, 吨, 标箱, 个, %, pp, bp, 倍, 位 ...")
    text: str = Field(description="the figure as printed")
    start: int = Field(description="offset of the figure in the field's text")
    end: int = Field(description="end offset: text == field_text[start:end]")
    rule_id: str = Field(description="the rule that read it (zsprogress rules ID)")
    metric: Optional[str] = Field(None, description="what is measured: the words before the figure (一般公共预算收入)")
    period: Optional[str] = Field(None, description="the period the figure covers, as printed (上半年, 1-5月)")
    end_month: Optional[int] = Field(None, description="the last month of that period")
    qualifiers: list[str] = Field(default_factory=list, description="approx, lower_bound, estimate, cumulative ...")
    scope: Optional[str] = Field(None, description="the area of a rank (全省, 全国)")
    role: Role = Field("unknown", description="target (what was planned), actual (what was done) or unknown")

    def model_post_init(self, context: Any, /) -> None:
        if not self.id:
            self.id = claim_id(self.task_id, self.field, self.start, self.end)

    @field_serializer("value", "value_max")
    def _ser_value(self, v: Optional[float]):
        return _num(v)


class Skip(Record):
    task_id: Optional[str] = None
    field: str = "progress"
    text: str
    start: int
    end: int
    reason: str = Field(description="why the digits are not a figure: date, year, list marker, document number ...")
    rule_id: str


class TargetRef(Record):
    claim_id: Optional[str] = Field(None, description="the id of the target's claim (`zsprogress claims`)")
    text: str = Field(description="the target as printed (1100亿元以上)")
    value: Optional[float] = Field(None, description="its value in base units")
    unit: Optional[str] = Field(None, description="its canonical unit")
    bound: Optional[Literal["floor", "ceiling", "approx", "exact"]] = Field(None, description=(
        "floor (以上), ceiling (以内, 控制在: lower is better), approx (左右) or exact"))
    stretch: Optional[float] = Field(None, description="the 力争 figure of 增长6.5%、力争7%")
    kind: Optional[str] = Field(None, description="the claim kind of the target")

    @field_serializer("value", "stretch")
    def _ser_value(self, v: Optional[float]):
        return _num(v)


class ActualRef(Record):
    claim_id: Optional[str] = Field(None, description="the id of the actual's claim; null for a sum of parts")
    parts: list[str] = Field(default_factory=list, description=(
        "a sum of parts (flag sum_of_parts): the ids of the claims added up, or of the count and "
        "the figure of each (两个LNG储罐各22万方)"))
    text: str = Field(description="the figure as printed; the parts joined by + (or count × each) for a sum")
    value: Optional[float] = Field(None, description="its value in base units")
    unit: Optional[str] = Field(None, description="its canonical unit")
    period: Optional[str] = Field(None, description="the period the figure covers, as printed")
    kind: Optional[str] = Field(None, description="the claim kind of the figure")
    basis: Optional[str] = Field(None, description="the basis of a change rate (自然口径, 同口径)")

    @field_serializer("value")
    def _ser_value(self, v: Optional[float]):
        return _num(v)


class Tally(Record):
    """A count of tasks the report states (124项达到序时进度要求, 350项工作任务…全部完成): report-level."""

    model_config = _ON_FIRST_USE

    count: int
    total: Optional[int] = Field(None, description="the whole the count is part of (150项目标任务)")
    of: Optional[str] = Field(None, description="what is counted (工作任务, 民生实事)")
    status: Status
    share: Optional[float] = Field(None, description="count / total * 100")
    text: str
    task_id: Optional[str] = None
    field: str = "paragraph"
    start: int
    end: int

    @field_serializer("share")
    def _ser_share(self, v: Optional[float]):
        return None if v is None else _num(round(v, 1))


class Completion(Record):
    task_id: str = Field(description="the task (Task.id)")
    seq: Optional[int] = Field(None, description="the task's seq")
    leader: Optional[str] = Field(None, description="the task's leader")
    lead_units: list[str] = Field(default_factory=list, description="the task's lead units")
    metric: Optional[str] = Field(None, description="what the target measures (货物吞吐量)")
    target: TargetRef = Field(description="the numeric target")
    actual: Optional[ActualRef] = Field(None, description="the progress figure that reports on the target, or null")
    computed_rate: Optional[float] = Field(None, description="actual / target x 100, to one decimal")
    stated_rate: Optional[float] = Field(None, description="the completion rate the report states (完成年度计划的52.89%)")
    expected_rate: Optional[float] = Field(None, description=(
        "the share of the year elapsed at the actual's period (1-5月: 41.7, 上半年: 50)"))
    status: Status = Field("unknown", description="achieved, ahead, on_track, behind, met, below or unknown")
    consistent: Optional[bool] = Field(None, description=(
        "stated and computed rates agree within the rounding of the printed figures; null: nothing to compare"))
    flags: list[str] = Field(default_factory=list, description="see docs/records.md: stated_rate_disagrees, "
                             "sum_of_parts, estimate, approx, no_period, stated_only, multi_year, stated_status")
    reason: Optional[str] = Field(None, description="why the target has no actual")
    direction: Optional[Literal["higher", "lower"]] = Field(
        None, description="whether a higher or a lower actual is better for the target")
    stated_status: Optional[StatedStatus] = Field(
        None, description="the task's status in the report's own words, beside the computed one")
    alternatives: list[ActualRef] = Field(
        default_factory=list, description="the same measure on another basis (同口径 beside 自然口径)")

    @field_serializer("computed_rate", "expected_rate")
    def _ser_rate(self, v: Optional[float]):
        """Derived rates to one decimal (52.9); the stated rate stays as printed (52.89)."""
        return None if v is None else _num(round(v, 1))

    @field_serializer("stated_rate")
    def _ser_stated(self, v: Optional[float]):
        return _num(v)


Trend = Literal["gaining", "stalled", "regressed"]


class TrackRow(Record):
    """One task x target x release of a programme followed across its releases (``track``)."""

    model_config = _ON_FIRST_USE

    series: int = Field(1, description="the programme: releases that match each other (1-based)")
    task_key: str = Field(description="the task across releases: 'K3' (series-wide, not an id)")
    target_key: Optional[str] = Field(None, description="the target across releases: 'K3.1'; "
                                      "null for a task without numeric target")
    release: int = Field(description="position of the release in the order used (1-based)")
    period: str = Field(description="assign | q1 | h1 | mN | q3 | annual | ?")
    source: str
    present: bool = Field(description="the task is in this release")
    task_id: Optional[str] = None
    seq: Optional[int] = None
    leader: Optional[str] = None
    lead_units: list[str] = Field(default_factory=list)
    content: str = ""
    metric: Optional[str] = None
    target: Optional[TargetRef] = None
    actual: Optional[ActualRef] = None
    computed_rate: Optional[float] = None
    stated_rate: Optional[float] = None
    expected_rate: Optional[float] = None
    status: Optional[Status] = None
    trend: Optional[Trend] = Field(None, description="of the target over the series: its last two measures")
    flags: list[str] = Field(default_factory=list)
    matched_with: Optional[str] = Field(None, description="'T2.1@h1': the task in the latest earlier release")
    match_score: Optional[float] = None
    match_evidence: list[str] = Field(default_factory=list)

    @field_serializer("computed_rate", "expected_rate")
    def _ser_rate(self, v: Optional[float]):
        return None if v is None else _num(round(v, 1))

    @field_serializer("stated_rate", "match_score")
    def _ser_stated(self, v: Optional[float]):
        return _num(v)
