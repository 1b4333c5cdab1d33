"""Normalising before reading (zsprogress.script): traditional script, pinyin glosses, spaced
header words, header synonyms and `` |`` cell ends; each variation of the sample reads back as
its 120 tasks under their leaders and lead units."""

from __future__ import annotations

import pytest

from zsprogress import script
from zsprogress.api import parse_report
from zsprogress.read import sample_path

SAMPLE = sample_path().read_text(encoding="utf-8")


def test_table_is_one_for_one():
    t = script.table()
    assert len(t) > 3000                       # OpenCC's table, not a hand-written one
    assert t["區"] == "区" and t["縣"] == "县" and t["億"] == "亿" and t["進"] == "进"
    assert all(len(k) == 1 and len(v) == 1 for k, v in t.items())


@pytest.mark.parametrize(("text", "want"), [
    ("全市完成情況良好,各區縣推進順利", True),
    ("全市完成情况良好,各区县推进顺利", False),
    ("乾县完成情况良好,各区县推进顺利", False),   # one traditional form in a simplified name
])
def test_is_traditional(text, want):
    assert script.is_traditional(text) is want


@pytest.mark.parametrize(("text", "want"), [
    ("各區(qū)縣(xiàn)", "各區縣"),
    ("各區（qū）縣", "各區縣"),
    ("PM2.5(pm)浓度", "PM2.5(pm)浓度"),      # no tone mark, not after a Han character: kept
    ("完成(ab)任务", "完成(ab)任务"),         # no tone mark: not a gloss
])
def test_glosses(text, want):
    assert script.strip_glosses(text) == want


def test_normalise_keeps_lines_and_length():
    text = "第一行\n完成情況:各區縣\n"
    out, notes = script.normalise(text)
    assert out == "第一行\n完成情况:各区县\n" and len(out) == len(text)
    assert notes and "traditional" in notes[0]


def _to_traditional(text: str) -> str:
    back = {v: k for k, v in script.table().items()}
    return "".join(back.get(ch, ch) for ch in text)


VARIATIONS = {
    "traditional": _to_traditional,
    "traditional-glossed": lambda s: _to_traditional(s).replace("區", "區(qū)").replace("縣", "縣(xiàn)"),
    "spaced-headers": lambda s: s.replace("任务内容", "任 务 内 容").replace("牵头单位", "牵 头 单 位")
    .replace("序号", "序  号"),
    "content-renamed": lambda s: s.replace("任务内容", "目标要求"),
    "first-content-renamed": lambda s: s.replace("任务内容", "目标要求", 1),
    "units-renamed": lambda s: s.replace("牵头单位", "责任科室"),
    "progress-renamed": lambda s: s.replace("半年度完成情况", "工作成效"),
    "progress-renamed-2": lambda s: s.replace("半年度完成情况", "1-6月实施情况"),
    "bar-ends": lambda s: "\n".join(x + " |" if x.strip() else x for x in s.split("\n")),
}


@pytest.fixture(scope="module")
def original():
    return parse_report(text=SAMPLE)


@pytest.mark.parametrize("name", sorted(VARIATIONS))
def test_sample_variation_reads_back(name, original):
    rep = parse_report(text=VARIATIONS[name](SAMPLE))
    want = [(t.id, t.seq, t.leader, t.lead_units, t.content) for t in original.tasks]
    got = [(t.id, t.seq, t.leader, t.lead_units, script.simplify(t.content)) for t in rep.tasks]
    assert len(got) == 120
    assert got == want
