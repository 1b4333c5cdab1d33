"""The named heuristics of link.py, each with its own small cases: what each decides, apart
from the whole pipeline (test_link.py checks them together on the sample and on hand-made tasks)."""

from __future__ import annotations

import pytest

from zsprogress.extract import extract_all
from zsprogress.link import MIN_SIMILARITY, _distinct_targets, _enough_alike, _lone_alike, link_task
from zsprogress.models import Task


def _claims(content: str, progress: str = "", target_col: str = "") -> tuple[Task, list]:
    t = Task(id="T1.1", seq=1, content=content, progress_text=progress, target_text=target_col or None)
    return t, extract_all([t]).claims


@pytest.mark.parametrize("sims,strict,lone", [
    ([0.3, 0.1, 0.0], False, 0),    # one figure named alike, the others at most half as alike
    ([0.3, 0.2], False, None),       # a rival more than half as alike: no lone figure
    ([0.3, 0.3], False, None),       # two alike
    ([0.1, 0.0], False, None),       # none alike enough (MIN_SIMILARITY_UNIQUE)
    ([0.3, 0.0], True, None),        # a generic unit (%, 元, 个): never taken on being alone
    ([0.0, 0.26], False, 1),
])
def test_lone_alike(sims, strict, lone):
    assert _lone_alike(sims, strict) == lone


@pytest.mark.parametrize("sim,confirmed,lone,out", [
    (0.7, False, False, 0.7),            # alike enough: unchanged
    (0.1, True, False, 0.9),             # the report's own rate confirms it
    (0.1, False, True, MIN_SIMILARITY),  # the lone figure of its unit
    (0.1, True, True, 0.9),              # confirmation outranks loneliness
    (0.1, False, False, None),           # not a candidate
])
def test_enough_alike(sim, confirmed, lone, out):
    assert _enough_alike(sim, confirmed, lone) == out


def test_distinct_targets_takes_the_stretch_figure_to_the_target_before():
    _, claims = _claims("地区生产总值增长6.5%、力争7%。")
    kept, stretch = _distinct_targets(claims)
    assert [c.value for c in kept] == [6.5]
    assert stretch[id(kept[0])] == 7


def test_distinct_targets_reads_a_target_restated_in_the_progress_once():
    _, claims = _claims("完成改造120户。", "实施改造148户(目标120户),完成率123.3%。")
    kept, _ = _distinct_targets(claims)
    assert [(c.value, c.field) for c in kept] == [(120, "content")]


def test_distinct_targets_reads_a_target_column_repeating_the_content_once():
    _, claims = _claims("生产总值增长8%左右。", target_col="生产总值增长8%左右")
    kept, _ = _distinct_targets(claims)
    assert len(kept) == 1 and kept[0].field == "content"


def test_distinct_targets_keeps_two_different_targets():
    _, claims = _claims("新建5G基站1000个,新增光纤用户2万户。")
    kept, _ = _distinct_targets(claims)
    assert sorted(c.value for c in kept) == [1000, 20000]


def test_a_crowded_task_is_not_linked():
    # MAX_PAIRS targets x figures: a whole document in one cell, each target says why
    content = "、".join(f"项目{i}投资{i + 1}亿元" for i in range(120))
    progress = "、".join(f"工程{i}完成投资{i + 0.5}亿元" for i in range(1700))
    t, claims = _claims(content, progress)
    rows = link_task(t, claims, 6)
    assert rows and all(r.actual is None and "too many to link" in (r.reason or "") for r in rows)
