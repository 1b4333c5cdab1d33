"""The schema of patterns/layout.toml (the segment package's vocabulary), validated with Pydantic.

Imported only when a layout file is read and checked (the cached vocabulary needs no schema), so
its models cost nothing on a run that hits the cache.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from .errors import PatternError
from .rule_schema import FileHeader


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


Word = Annotated[str, StringConstraints(min_length=1)]


def _check_regex(v: str) -> str:
    try:
        re.compile(v)  # layout_vocab.py compiles with the standard re module
    except re.error as e:
        raise ValueError(f"invalid regex {v!r}: {e}") from None
    return v


Regex = Annotated[str, StringConstraints(min_length=1), AfterValidator(_check_regex)]


class LayoutExample(_Strict):
    """An example of layout.toml: the text and what it must give (fields by table)."""

    text: str
    leader: Optional[str] = None      # leader_heading
    title: Optional[str] = None       # leader_heading
    units: Optional[list[str]] = None  # units, inline_units
    items: Optional[int] = None       # sub_items
    value: Optional[str] = None       # meta.*
    period: Optional[str] = None      # period, period_range
    end_month: Optional[int] = None   # period, period_range
    inline: bool = False              # label: inside a task line; period: in the text


class _LayoutTable(_Strict):
    summary: str = ""
    must_match: list[Union[str, LayoutExample]] = []
    must_not_match: list[Union[str, LayoutExample]] = []

    @model_validator(mode="after")
    def _has_examples(self):
        if not self.must_match and not self.must_not_match:
            raise ValueError("a table needs must_match or must_not_match examples")
        return self


class LayoutWords(_LayoutTable):
    words: list[Word]


class LayoutHeader(_LayoutTable):
    kind: Literal["progress", "problems", "next_steps", "status", "co_units", "leader", "category", "measure",
                  "other", "units", "target", "content", "place", "figure"]
    contains: list[Word] = []
    exact: list[Word] = []
    ends_with: list[Word] = []
    regex: list[Regex] = []

    @model_validator(mode="after")
    def _not_empty(self):
        if not (self.contains or self.exact or self.ends_with or self.regex):
            raise ValueError("a header kind needs contains, exact, ends_with or regex")
        return self


class LayoutLeader(_LayoutTable):
    titles: list[Word]
    honorifics: list[Word] = []
    verbs: list[Word]
    endings: list[Word]
    count_words: list[Word] = []      # (3项), 共3项: the count of tasks after a heading
    bracket_labels: list[Word] = []   # 经济发展(牵头领导:张伟): a label before the leader in brackets


class LayoutUnits(_LayoutTable):
    suffixes: list[Word]
    note_words: list[Word] = []
    glue_ends: list[Word] = []
    glue_starts: list[Word] = []


class LayoutInlineUnits(_LayoutTable):
    tags: list[Word]
    qualifiers: list[Word] = []


class LayoutLabel(_LayoutTable):
    kind: Literal["units", "co_units", "leader", "progress", "target", "problems", "next_steps", "status",
                  "other"]
    words: list[Word]
    qualified: bool = False
    inline: Union[bool, list[Word]] = True


class LayoutSubItems(_LayoutTable):
    circled: list[Word]
    ordinal_suffix: Word


class LayoutChrome(_LayoutTable):
    labels: list[Word]
    buttons: list[Word] = []
    notes: list[Word] = []
    breadcrumb_home: list[Word] = []
    relative_time: list[Word] = []
    page_marks: list[Regex] = []


class LayoutRegexes(_LayoutTable):
    regex: list[Regex]


class LayoutLabels(_LayoutTable):
    labels: list[Word]


class PublisherLabel(_Strict):
    label: Word
    colon_optional: bool = False
    not_after: str = ""


class LayoutPublisher(_LayoutTable):
    labels: list[PublisherLabel]


class LayoutPlace(_LayoutTable):
    suffixes: list[Word]       # 市, 区, 县 ...: the end of a place name
    bodies: list[Word]         # 人民政府, 发改委 ...: what follows a place name in a publisher


class LayoutMeta(_LayoutTable):
    label_words: list[Word] = []
    title: LayoutWords
    assignment: LayoutWords
    published: LayoutLabels
    generated: LayoutLabels
    index: LayoutLabels
    publisher: LayoutPublisher
    place: Optional[LayoutPlace] = None  # absent: no place is read (track compares none)


class LayoutStatusGroups(_LayoutTable):
    words: list[Word]          # a status class in a group heading: 已经完成, 有一定困难, 不能全部完成


class LayoutMatrix(_LayoutTable):
    target_words: list[Word]   # an indicator column naming a plan: 计划完成数, 目标投资额
    rate_ends: list[Word]      # ... unless it names a rate: 计划投资完成率 reports progress


class LayoutProgressOpening(_LayoutTable):
    words: list[Word]          # a clause opening on these after a comma reports progress: 已, 截至, 上半年
    regex: list[str] = []      # ... or on these: a month range (1-9月), a month's end (6月底)


class LayoutNotice(_LayoutTable):
    words: list[Word]          # words of the genre in a title line: 完成情况, 民生实事, 责任分解
    attachments: list[Word]    # labels naming an attachment: 附件, 附表


class LayoutPeriodRange(_LayoutTable):
    title: Regex
    body: Regex

    @field_validator("title")
    @classmethod
    def _end_group(cls, v: str) -> str:
        if re.compile(v).groups < 1:
            raise ValueError("the title regex needs a group for the end month")
        return v


class LayoutPeriod(_LayoutTable):
    label: Word
    end_month: int = Field(ge=1, le=12)
    words: list[Word]
    in_body: Union[bool, list[Word]] = False


class LayoutFile(_Strict):
    """patterns/layout.toml: the language the segment package uses to read a report's layout."""

    file: FileHeader
    seq_header: LayoutWords
    header: list[LayoutHeader]
    leader_heading: LayoutLeader
    units: LayoutUnits
    inline_units: LayoutInlineUnits
    label: list[LayoutLabel]
    sub_items: LayoutSubItems
    chrome: LayoutChrome
    page_numbers: LayoutRegexes
    meta: LayoutMeta
    period_range: LayoutPeriodRange
    period: list[LayoutPeriod]
    notice: LayoutNotice
    matrix: LayoutMatrix
    status_groups: LayoutStatusGroups
    progress_opening: LayoutProgressOpening
    nil_cell: LayoutWords
    contact_cell: LayoutRegexes

    @model_validator(mode="after")
    def _consistent(self):
        if self.file.kind != "layout":
            raise ValueError("file.kind of a layout file is 'layout'")
        kinds = [lb.kind for lb in self.label]
        if len(set(kinds)) != len(kinds):
            raise ValueError("label: each kind once")
        return self


def layout_file(name: str, data: dict[str, Any]) -> LayoutFile:
    """Validate the data of a ``layout`` file; errors name the file (``patterns/layout.toml``)."""
    try:
        return LayoutFile.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        loc = ".".join(map(str, err["loc"]))
        raise PatternError(f"{name}: {loc + ': ' if loc else ''}{err['msg']}") from None
