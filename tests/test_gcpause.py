"""The collector paused around segment, extract and link (zsprogress.gcpause): what it saves is
printed by ``bench/run.py --only floor`` in instructions (about a sixth of a cold run, most of it
while the rules the report needs are compiled); here, that the collections it prevents really
run without it, and that the collector is left as it was found."""

from __future__ import annotations

import contextlib
import gc

from zsprogress import api, extract, link, segment
from zsprogress.gcpause import gc_paused


def _collections(monkeypatch, paused: bool) -> int:
    if not paused:
        for mod in (extract, link, segment):
            monkeypatch.setattr(mod, "gc_paused", contextlib.nullcontext)
    n = []

    def count(phase: str, info: dict) -> None:
        if phase == "start":
            n.append(info["generation"])

    report = api.parse_report()
    gc.collect()
    gc.callbacks.append(count)
    try:
        api.completion_table(report, api.extract_claims(report))
    finally:
        gc.callbacks.remove(count)
        monkeypatch.undo()
    return len(n)


def test_the_paused_stages_run_without_collections(monkeypatch):
    assert gc.isenabled()
    running = _collections(monkeypatch, paused=False)
    paused = _collections(monkeypatch, paused=True)
    # Python 3.13's incremental collector runs fewer, larger collections (6 here, against dozens
    # on 3.10-3.12): the pause must still remove most of them
    assert running >= 4 and paused * 4 <= running, (paused, running)
    assert gc.isenabled()


def test_the_collector_is_left_as_it_was():
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # not switched on by the stage
    finally:
        gc.enable()
