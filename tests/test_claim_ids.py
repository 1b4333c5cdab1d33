"""Claim ids (issue 20, item 5): every claim has an id made of its task, field and span, and every
completion row names the claims it was made of, so completion rows join back to their claims
exactly (one claim per row, no row multiplied)."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from typer.testing import CliRunner

import zsprogress
from zsprogress import cli
from zsprogress.models import Claim, claim_id

runner = CliRunner()


@pytest.fixture(scope="module")
def sample():
    report = zsprogress.parse_report()
    cs = zsprogress.extract_claims(report)
    return report, cs, zsprogress.completion_table(report, cs)


def test_the_id_is_task_field_and_span():
    assert claim_id("T2.1", "progress", 52, 60) == "T2.1:progress:52-60"
    assert claim_id(None, "text", 0, 7) == "text:0-7"
    # a record built without an id gets the one its fields give
    c = Claim(task_id="T1.1", field="content", kind="growth", text="增长6%", start=6, end=10, rule_id="R")
    assert c.id == "T1.1:content:6-10"


def test_claim_ids_are_unique_and_name_their_span(sample):
    report, cs, _ = sample
    tasks = {t.id: t for t in report.tasks}
    ids = [c.id for c in cs.claims]
    assert len(ids) == len(set(ids))
    for c in cs.claims:
        tid, field, span = c.id.split(":")
        start, end = map(int, span.split("-"))
        assert (tid, field, start, end) == (c.task_id, c.field, c.start, c.end)
        if tid in tasks:
            assert tasks[tid].field_text(field)[start:end] == c.text


def test_ids_are_the_same_on_every_run(sample):
    _, cs, rows = sample
    again = zsprogress.extract_claims(zsprogress.parse_report())
    assert [c.id for c in again.claims] == [c.id for c in cs.claims]


def test_completion_rows_name_their_claims(sample):
    _, cs, rows = sample
    by_id = {c.id: c for c in cs.claims}
    assert rows and all(r.target.claim_id in by_id for r in rows)
    for r in rows:
        t = by_id[r.target.claim_id]
        assert (t.task_id, t.text, t.role) == (r.task_id, r.target.text, "target")
        if r.actual is None:
            continue
        if r.actual.parts:  # a sum of parts names the claims it adds, and is itself no claim
            assert r.actual.claim_id is None and "sum_of_parts" in r.flags
            assert all(p in by_id for p in r.actual.parts)
        else:
            a = by_id[r.actual.claim_id]
            assert (a.task_id, a.text, a.value) == (r.task_id, r.actual.text, r.actual.value)


def test_sum_of_parts_names_each_part(sample):
    _, cs, rows = sample
    by_id = {c.id: c for c in cs.claims}
    sums = [r for r in rows if "sum_of_parts" in r.flags]
    assert sums, "the sample has sums of parts (LNG罐容88万方 = 44万方 + 44万方)"
    for r in sums:
        parts = [by_id[p] for p in r.actual.parts]
        assert len(parts) >= 2
        joined = "×" if "×" in r.actual.text else "+"
        assert r.actual.text == joined.join(p.text for p in parts)


def _frame(args: list[str]) -> pd.DataFrame:
    res = runner.invoke(cli.app, [*args, "-f", "csv", "-q"])
    assert res.exit_code == 0, res.stderr
    return pd.read_csv(io.StringIO(res.stdout))


def test_pandas_join_is_one_to_one():
    """The analyst's join: completion rows to claims on claim_id keeps every row once."""
    comp = _frame(["completion"])
    claims = _frame(["claims"])
    assert claims["id"].is_unique
    n = len(comp)
    for col in ("target.claim_id", "actual.claim_id"):
        j = comp.merge(claims, left_on=col, right_on="id", how="left", validate="many_to_one",
                       suffixes=("", "_claim"))
        assert len(j) == n
    t = comp.merge(claims, left_on="target.claim_id", right_on="id", how="inner", validate="one_to_one")
    assert len(t) == n and (t["target.text"] == t["text"]).all()
    linked = comp[comp["actual.claim_id"].notna()]
    a = linked.merge(claims, left_on="actual.claim_id", right_on="id", how="inner", validate="one_to_one")
    assert len(a) == len(linked) and (a["actual.text"] == a["text"]).all()
    # the parts of a sum join too: one row per part
    has_parts = comp["actual.parts"].notna() & (comp["actual.parts"] != "[]")  # empty when actual is null
    parts = comp[has_parts][["task_id", "actual.parts"]].copy()
    parts["part"] = parts["actual.parts"].map(json.loads)
    exploded = parts.explode("part").merge(claims, left_on="part", right_on="id", validate="many_to_one")
    assert len(exploded) == parts["part"].map(len).sum() >= 2
