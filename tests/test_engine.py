"""The extraction engine's context, found once per scanned text and looked up by position, gives
what scanning each claim's window would: clause, sentence and paragraph starts at every position
of real text (the bundled sample and a layout fixture)."""

from __future__ import annotations

from pathlib import Path

import pytest

from zsprogress.extract import PARA_BREAK, _Context
from zsprogress.normalize import fold
from zsprogress.rules import default_rules

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [ROOT / "samples" / "zhoushan-2024-h1.txt",
         ROOT / "tests" / "fixtures" / "layouts" / "12_shaoxing_2020_q1.txt"]


def _window_scan(folded: str, pos: int, floor: int) -> int:
    """The clause start as a scan of the 40 characters before pos finds it (the reference)."""
    brk = default_rules().metric["clause_break"]
    lo = max(floor, pos - 40)
    last = lo
    for m in brk.finditer(folded[lo:pos]):
        last = lo + m.end()
    return last


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_context_lookups_equal_window_scans(path):
    folded = fold(path.read_text(encoding="utf-8"))[:20000]
    ctx = _Context.of(folded, default_rules())
    for pos in range(0, len(folded), 7):
        para = folded.rfind(PARA_BREAK, 0, pos) + 1
        assert ctx.para_start(pos) == para
        assert ctx.sentence_start(pos) == folded.rfind("。", 0, pos) + 1
        for floor in (0, para, max(0, pos - 12)):
            assert ctx.clause_start(pos, floor) == _window_scan(folded, pos, floor), (pos, floor)


def test_context_positions_are_relative_to_the_field():
    text = "甲。乙\n丙,丁" + "\n\u2029\n" + "戊,己。庚"
    ctx = _Context.of(text, default_rules())
    ctx.off = text.index("戊")
    assert ctx.para_start(0) == 0 and ctx.sentence_start(0) == 0  # nothing of the field before
    assert ctx.clause_start(2, 0) == 2  # after the comma of 戊,己
    assert ctx.sentence_start(4) == 4  # after 。


def test_claims_a_few_tasks_at_a_time_are_the_claims_of_the_whole_report():
    """cli streams claims and completion rows chunk by chunk: nothing may change."""
    import zsprogress.api as api

    report = api.parse_report()
    whole = api.extract_claims(report)
    parts = list(api.claim_chunks(report, size=7))
    assert len(parts) == -(-len(report.tasks) // 7)
    dump = [c.model_dump() for _, cs in parts for c in cs.claims]
    assert dump == [c.model_dump() for c in whole.claims]
    assert sum(len(cs.skips) for _, cs in parts) == len(whole.skips)
    rows = [r.model_dump() for part, cs in parts for r in api.completion_table(part, cs)]
    assert rows == [r.model_dump() for r in api.completion_table(report, whole)]


@pytest.mark.parametrize("cmd", [["claims", "--explain"], ["completion"]])
def test_streamed_jsonl_gives_the_rows_and_counts_of_json(cmd, capsys):
    """JSONL (and CSV) rows of one report are made a few tasks at a time as they are written."""
    import json

    from zsprogress.cli import main

    def run(fmt: str) -> tuple[list, str]:
        with pytest.raises(SystemExit) as e:
            main([*cmd, "sample", "-f", fmt])
        assert e.value.code == 0
        out, err = capsys.readouterr()
        rows = json.loads(out) if fmt == "json" else [json.loads(x) for x in out.splitlines()]
        return rows, err

    rows, err = run("json")
    lazy_rows, lazy_err = run("jsonl")
    assert lazy_rows == rows and len(rows) > 50
    assert lazy_err == err  # the claims summary line counts every report's rows
    if cmd[0] == "claims":
        assert "818 claims, 429 skips, 0 digits unexplained" in err  # 429: the title line above the table holds a year


def test_the_pipeline_leaves_the_garbage_collector_as_it_found_it():
    import gc

    import zsprogress

    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            report = zsprogress.parse_report()
            zsprogress.completion_table(report, zsprogress.extract_claims(report))
            assert gc.isenabled() is enabled
        finally:
            gc.enable()
