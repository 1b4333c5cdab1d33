"""The golden file's change summary (tests/golden_diff.py): what a reviewer reads instead of a
400 KB diff when `pytest --update-golden` rewrites a golden file."""

from __future__ import annotations

from golden_diff import summarise


def _claim(cid: str, value: float, text: str) -> dict:
    task, field, span = cid.split(":")
    start, end = (int(x) for x in span.split("-"))
    return {"id": cid, "task_id": task, "field": field, "start": start, "end": end, "value": value, "text": text}


OLD = {
    "layout": "cells", "meta": {"city": "舟山"}, "unexplained_digits": 0,
    "tasks": [{"id": "T1.1", "seq": 1, "leader": "甲", "lead_units": ["市发改委"], "line": 3}],
    "claims": [_claim("T1.1:progress:0-6", 4.5, "增长4.5%"), _claim("T1.1:progress:8-12", 2.0, "2万人")],
    "skips": [], "diagnostics": [], "completion": [],
}


def test_equal_snapshots_say_nothing():
    assert summarise(OLD, dict(OLD)) == []


def test_a_changed_value_names_the_record_and_the_field():
    new = dict(OLD, claims=[_claim("T1.1:progress:0-6", 4.6, "增长4.5%"), OLD["claims"][1]])
    lines = summarise(OLD, new)
    assert lines[0] == "claims: 2 -> 2 records; 0 added, 0 removed, 1 changed"
    assert lines[1] == "  ~ T1.1:progress:0-6 value: 4.5 -> 4.6"
    assert len(lines) == 2


def test_added_and_removed_records_are_listed_with_their_text():
    new = dict(OLD, claims=[OLD["claims"][0], _claim("T1.1:content:3-7", 3.0, "3个项目")])
    lines = summarise(OLD, new)
    assert "claims: 2 -> 2 records; 1 added, 1 removed, 0 changed" in lines
    assert '  + T1.1:content:3-7 "3个项目"' in lines
    assert '  - T1.1:progress:8-12 "2万人"' in lines


def test_scalar_sections_and_many_changes_are_counted():
    new = dict(OLD, unexplained_digits=3, layout="delim",
               claims=[_claim(f"T1.1:progress:{i}-{i + 1}", float(i), "x") for i in range(20)])
    lines = summarise(OLD, new)
    assert 'unexplained_digits: 0 -> 3' in lines
    assert 'layout: "cells" -> "delim"' in lines
    assert "  + … 12 more" in lines  # 20 added, 8 shown


def test_the_committed_golden_file_matches_itself():
    import json
    from pathlib import Path

    path = Path(__file__).parent / "golden" / "zhoushan-2024-h1.json"
    data = json.loads(path.read_text("utf-8"))
    assert summarise(data, data) == []
    moved = dict(data, completion=data["completion"][1:])
    lines = summarise(data, moved)
    assert lines[0].startswith(f"completion: {len(data['completion'])} -> {len(data['completion']) - 1} records; "
                               "0 added, 1 removed")
