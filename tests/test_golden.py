"""Golden files: one reviewed JSON per bundled sample (jc-style fixtures).

Each holds the sample's tasks (id, seq, leader, lead units), its claims and skips, and its
completion rows. `pytest --update-golden` rewrites them and prints what changed, record by record
(tests/golden_diff.py; `python tests/golden_diff.py` says it again against git HEAD): quote that
summary in the commit message and review each entry. A sample without a golden file fails.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from golden_diff import summarise

import zsprogress

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
GOLDEN = Path(__file__).resolve().parent / "golden"


def _snapshot(path: Path) -> dict:
    report = zsprogress.parse_report(path)
    cs = zsprogress.extract_claims(report)
    rows = zsprogress.completion_table(report, cs)
    return {
        "layout": report.layout,
        "meta": report.meta.model_dump(mode="json"),
        "diagnostics": [d.model_dump(mode="json") for d in report.diagnostics],
        "tasks": [{"id": t.id, "seq": t.seq, "leader": t.leader, "lead_units": t.lead_units,
                   "line": t.line} for t in report.tasks],
        "claims": [c.model_dump(mode="json", exclude={"task_id"}) | {"task_id": c.task_id}
                   for c in cs.claims],
        "skips": [s.model_dump(mode="json") for s in cs.skips],
        "unexplained_digits": cs.unexplained_digits,
        "completion": [r.model_dump(mode="json") for r in rows],
    }


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_golden(sample, update_golden, record_property):
    got = _snapshot(sample)
    gold = GOLDEN / f"{sample.stem}.json"
    if update_golden:
        old = json.loads(gold.read_text(encoding="utf-8")) if gold.exists() else {}
        lines = summarise(old, got) if old else ["new golden file"]
        record_property("golden", "\n".join([f"{gold.name}: " + ("unchanged" if not lines else "updated")]
                                            + ["  " + x for x in lines]))
        GOLDEN.mkdir(exist_ok=True)
        gold.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert gold.exists(), f"{gold.name} is missing: run pytest --update-golden and review it"
    want = json.loads(gold.read_text(encoding="utf-8"))
    for key in want:
        assert got[key] == want[key], f"{sample.name}: '{key}' differs from {gold.name}"
    assert set(got) == set(want)
