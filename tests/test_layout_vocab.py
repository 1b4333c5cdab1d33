"""Every example in patterns/layout.toml is a test: `pytest -k header.progress` runs one table's.

An example is checked through the function of the segment package that uses its table (header
cells through shapes.header_kind, leader headings through shapes.leader_heading, periods through
meta.period_of, metadata through parse_meta, ...), with the vocabulary it has loaded. must_match: the table gives
what the example says; must_not_match: it does not.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from zsprogress import layout_vocab as vocab
from zsprogress.errors import PatternError
from zsprogress.layout_schema import LayoutExample, layout_file
from zsprogress.layout_vocab import V
from zsprogress.normalize import fold
from zsprogress.rules import load_rules, patterns_dir
from zsprogress.segment import items as item_mod
from zsprogress.segment import matrix as matrix_mod
from zsprogress.segment import meta, shapes, units
from zsprogress.segment import notice as notice_mod

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PATH = vocab.layout_path(None)
LAYOUT = layout_file("patterns/layout.toml", tomllib.loads(PATH.read_text(encoding="utf-8")))


def _ex(e) -> LayoutExample:
    return LayoutExample(text=e) if isinstance(e, str) else e


# --- one checker per table: (example, must match?) -> assertion --------------------------------

def _check_seq(ex, yes):
    got = shapes.header_kind(fold(ex.text))
    assert (got == "seq") == yes, f"{ex.text!r}: header kind {got}"


def _check_header(i, kind):
    def check(ex, yes):
        f = fold(ex.text)
        got = shapes.header_kind(f)
        if yes:
            assert got == kind, f"{ex.text!r}: header kind {got}, not {kind}"
            bare = "".join(f.strip(" |").split())   # header cells are matched with their spaces removed
            first = next(j for j, (_, rx) in enumerate(V.HDR_RULES) if rx.search(bare))
            assert first == i, f"{ex.text!r}: named by header entry #{first + 1}, not #{i + 1}"
        else:
            assert got != kind, f"{ex.text!r}: header kind {kind}"
    return check


def _check_leader(ex, yes):
    h = shapes.leader_heading(fold(ex.text))
    if not yes:
        assert h is None, f"{ex.text!r}: a leader heading {h}"
        return
    assert h is not None, f"{ex.text!r}: not a leader heading"
    if ex.leader is not None:
        assert (h[1], h[2]) == (ex.leader, ex.title), f"{ex.text!r}: leader {h[1]}, title {h[2]}"


def _check_units(ex, yes):
    if ex.units is not None:
        got = units.split_units(ex.text)
        assert (got == ex.units) == yes, f"{ex.text!r}: units {got}"
    else:
        assert units.unit_like(fold(ex.text)) == yes, f"{ex.text!r}: unit-like is {not yes}"


def _check_inline_units(ex, yes):
    r = units.inline_units(ex.text)
    if not yes:
        assert r is None, f"{ex.text!r}: lead-unit tag found: {r}"
        return
    assert r is not None, f"{ex.text!r}: no lead-unit tag"
    if ex.units is not None:
        assert r[1] == ex.units, f"{ex.text!r}: units {r[1]}"


def _check_label(kind):
    def check(ex, yes):
        f = fold(ex.text)
        if ex.inline:
            got = [m.lastgroup for m in V.INLINE_LABEL.finditer(f)]
            assert (kind in got) == yes, f"{ex.text!r}: inline labels {got}"
        else:
            lab = shapes.label(f)
            got = lab[0] if lab else None
            assert (got == kind) == yes, f"{ex.text!r}: label {got}"
    return check


def _check_items(ex, yes):
    items = item_mod.split_items(ex.text)
    if not yes:
        assert items == [], f"{ex.text!r}: items {items}"
    elif ex.items is not None:
        assert len(items) == ex.items, f"{ex.text!r}: items {items}"
    else:
        assert items, f"{ex.text!r}: no items"


def _check_chrome(ex, yes):
    assert shapes.is_chrome(fold(ex.text)) == yes, f"{ex.text!r}: chrome is {not yes}"


def _check_page_no(ex, yes):
    assert bool(V.PAGE_NO.match(fold(ex.text))) == yes, f"{ex.text!r}: page number is {not yes}"


def _check_meta_labels(ex, yes):
    m = meta.parse_meta(ex.text)
    got = (m.publisher, m.index_no)
    if yes:
        assert ex.value in got, f"{ex.text!r}: publisher, index_no = {got}"
    else:
        assert got == (None, None), f"{ex.text!r}: publisher, index_no = {got}"


def _check_meta_title(ex, yes):
    got = meta.parse_meta(ex.text).title
    assert (got == ex.text) == yes, f"{ex.text!r}: title {got!r}"


def _check_meta_assignment(ex, yes):
    got = meta.parse_meta(ex.text).kind
    assert (got == "assignment") == yes, f"{ex.text!r}: kind {got}"


def _check_meta_field(name):
    def check(ex, yes):
        got = getattr(meta.parse_meta(ex.text), name)
        if yes:
            assert got is not None and (ex.value is None or got == ex.value), f"{ex.text!r}: {name} {got!r}"
        else:
            assert got is None, f"{ex.text!r}: {name} {got!r}"
    return check


def _check_place(ex, yes):
    from zsprogress.models import Report, ReportMeta
    from zsprogress.track import place_of

    got = place_of(Report(source="x", layout="cells", meta=ReportMeta(publisher=ex.text)))
    if yes:
        assert got is not None and (ex.value is None or got == ex.value), f"{ex.text!r}: place {got!r}"
    else:
        assert got is None, f"{ex.text!r}: place {got!r}"


def _period_of(ex):
    f = fold(ex.text)
    return meta.period_from_text(f, None) if ex.inline else meta.period_of(f, None)


def _check_period_range(ex, yes):
    p = _period_of(ex)
    if not yes:
        assert p is None or not p.label.startswith("m"), f"{ex.text!r}: period {p}"
        return
    assert p is not None and p.label.startswith("m"), f"{ex.text!r}: period {p}"
    assert ex.period is None or p.label == ex.period, f"{ex.text!r}: period {p.label}"
    assert ex.end_month is None or p.end_month == ex.end_month, f"{ex.text!r}: end month {p.end_month}"


def _check_period(label, end_month):
    def check(ex, yes):
        p = _period_of(ex)
        if yes:
            assert p is not None and (p.label, p.end_month) == (label, end_month), f"{ex.text!r}: period {p}"
        else:
            assert p is None or p.label != label, f"{ex.text!r}: period {p.label}"
    return check


def _check_notice(ex, yes):
    f = fold(ex.text)
    if ex.value is not None:            # an attachment line: the name is what it gives
        m = V.ATTACHMENT.match(f)
        assert (m is not None and ex.text[m.start("name"):].strip() == ex.value) == yes, ex.text
    else:
        assert notice_mod.is_title_line(f) == yes, f"{ex.text!r}: title line is {not yes}"


def _check_matrix(ex, yes):
    name, _unit, target = matrix_mod.indicator(ex.text)
    assert target == yes, f"{ex.text!r}: {name} is {'not ' if yes else ''}a target column"


def _check_status_group(ex, yes):
    assert bool(V.STATUS_GROUP.search(fold(ex.text))) == yes, f"{ex.text!r}: status class is {not yes}"


def _check_progress_opening(ex, yes):
    assert bool(V.PROGRESS_OPENING.search(fold(ex.text))) == yes, f"{ex.text!r}: progress opening is {not yes}"


def _check_nil_cell(ex, yes):
    assert bool(V.NIL_CELL.match(fold(ex.text).strip())) == yes, f"{ex.text!r}: nil cell is {not yes}"


def _check_contact_cell(ex, yes):
    assert bool(V.CONTACT_CELL.match(fold(ex.text).strip())) == yes, f"{ex.text!r}: contact cell is {not yes}"


def _tables():
    """(id, table, checker) for every table of layout.toml."""
    L = LAYOUT
    yield "seq_header", L.seq_header, _check_seq
    kinds = [h.kind for h in L.header]
    for i, h in enumerate(L.header):
        n = kinds[: i + 1].count(h.kind)
        yield f"header.{h.kind}" + (f".{n}" if kinds.count(h.kind) > 1 else ""), h, _check_header(i, h.kind)
    yield "leader_heading", L.leader_heading, _check_leader
    yield "units", L.units, _check_units
    yield "inline_units", L.inline_units, _check_inline_units
    for lb in L.label:
        yield f"label.{lb.kind}", lb, _check_label(lb.kind)
    yield "sub_items", L.sub_items, _check_items
    yield "chrome", L.chrome, _check_chrome
    yield "page_numbers", L.page_numbers, _check_page_no
    yield "meta", L.meta, _check_meta_labels
    yield "meta.title", L.meta.title, _check_meta_title
    yield "meta.assignment", L.meta.assignment, _check_meta_assignment
    yield "meta.published", L.meta.published, _check_meta_field("published")
    yield "meta.generated", L.meta.generated, _check_meta_field("generated")
    yield "meta.index", L.meta.index, _check_meta_field("index_no")
    yield "meta.publisher", L.meta.publisher, _check_meta_field("publisher")
    if L.meta.place is not None:
        yield "meta.place", L.meta.place, _check_place
    yield "period_range", L.period_range, _check_period_range
    for p in L.period:
        yield f"period.{p.label}", p, _check_period(p.label, p.end_month)
    yield "notice", L.notice, _check_notice
    yield "matrix", L.matrix, _check_matrix
    yield "status_groups", L.status_groups, _check_status_group
    yield "progress_opening", L.progress_opening, _check_progress_opening
    yield "nil_cell", L.nil_cell, _check_nil_cell
    yield "contact_cell", L.contact_cell, _check_contact_cell


def _cases():
    for tid, table, check in _tables():
        for i, e in enumerate(table.must_match):
            yield pytest.param(check, _ex(e), True, id=f"{tid}-match-{i}")
        for i, e in enumerate(table.must_not_match):
            yield pytest.param(check, _ex(e), False, id=f"{tid}-nomatch-{i}")


@pytest.mark.parametrize("check,ex,yes", list(_cases()))
def test_layout_example(check, ex, yes):
    check(ex, yes)


def test_every_table_has_examples():
    for tid, table, _ in _tables():
        assert table.must_match or table.must_not_match, tid


# --- loading -------------------------------------------------------------------------------------

def _copy(tmp_path: Path) -> Path:
    d = tmp_path / "patterns"
    shutil.copytree(PATH.parent, d)
    return d


BREAKAGES = [
    pytest.param("[chrome]", "[chrome]\ncolour = 1", "chrome.colour", id="unknown-key"),
    pytest.param('kind = "progress"\ncontains', 'kind = "progres"\ncontains', "header.1.kind", id="unknown-kind"),
    pytest.param('ordinal_suffix = "是"', 'ordinal_suffix = ""', "sub_items.ordinal_suffix", id="empty-word"),
    pytest.param("regex = ['^(?:半年度", "regex = ['^(?:(半年度", "invalid regex", id="invalid-regex"),
    pytest.param('verbs = ["牵头"', 'verbs = "牵头"', "not valid TOML", id="invalid-toml"),
    pytest.param("[leader_heading]", "[leader_heading]\n[leader_heading_x]", "leader_heading", id="missing-field"),
]


@pytest.mark.parametrize("old,new,says", BREAKAGES)
def test_broken_layout_names_the_file(tmp_path, old, new, says):
    d = _copy(tmp_path)
    src = (d / "layout.toml").read_text(encoding="utf-8")
    assert old in src
    (d / "layout.toml").write_text(src.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PatternError) as e:
        load_rules(d)
    assert str(e.value).startswith("patterns/layout.toml: ") and says in str(e.value), str(e.value)


def test_segment_reads_layout_of_patterns_dir(tmp_path, monkeypatch):
    """use_patterns(DIR) (--patterns) changes the vocabulary; a broken one fails naming the file
    and leaves the vocabulary in use as it was."""
    monkeypatch.setenv("ZSPROGRESS_CACHE_DIR", str(tmp_path / "cache"))
    d = _copy(tmp_path)
    src = (d / "layout.toml").read_text(encoding="utf-8")
    heading = "张三主席牵头重点工作"
    assert shapes.leader_heading(heading)[1:] == ("张三主席", None)
    (d / "layout.toml").write_text(src.replace('titles = ["市长"', 'titles = ["主席", "市长"', 1), encoding="utf-8")
    try:
        vocab.use_patterns(d)
        assert shapes.leader_heading(heading)[1:] == ("张三", "主席")
        vocab.use_patterns(d)            # once per process: cached
        assert vocab.load_layout(str(d)) is vocab.load_layout(str(d))
        bad = tmp_path / "bad"
        shutil.copytree(d, bad)
        (bad / "layout.toml").write_text(src.replace("[chrome]", "[chrome]\ncolour = 1"), encoding="utf-8")
        with pytest.raises(PatternError, match=r"^patterns/layout\.toml: chrome\.colour"):
            vocab.use_patterns(bad)
        assert shapes.leader_heading(heading)[1:] == ("张三", "主席")
    finally:
        vocab.use_patterns(None)
    assert shapes.leader_heading(heading)[1:] == ("张三主席", None)


def test_env_dir_without_layout_uses_the_bundled_one(tmp_path, monkeypatch):
    (tmp_path / "only.toml").write_text("[file]\nkind = 'triggers'\nsummary = 'x'\n", encoding="utf-8")
    monkeypatch.setenv("ZSPROGRESS_PATTERNS", str(tmp_path))
    assert vocab.layout_path(None) == vocab.bundled_dir() / "layout.toml"
    r = meta.parse_meta("舟山市2024年政府工作报告重点工作半年度完成情况\n")
    assert r.period is not None and r.period.label == "h1"


def test_bundled_dir_is_rules_patterns_dir(monkeypatch):
    monkeypatch.delenv("ZSPROGRESS_PATTERNS", raising=False)
    assert vocab.bundled_dir().resolve() == patterns_dir().resolve()


def test_disk_cache_holds_the_validated_data(tmp_path, monkeypatch):
    monkeypatch.setenv("ZSPROGRESS_CACHE_DIR", str(tmp_path))
    fresh = vocab.parse(PATH, PATH.read_bytes())
    assert vocab.read(PATH) == fresh                 # a miss: parsed, validated, written
    assert list(tmp_path.glob("layout-*.json"))
    assert vocab.read(PATH) == fresh                 # a hit
    assert vocab.build(fresh).keys() == vocab.load_layout().keys()


def test_synthesized_header_words_name_their_kind():
    # label blocks and lists get a header row of these words; the builder must read each back
    # as the kind it stands for, or a column would be lost
    from zsprogress.segment.shapes import header_kind

    words = vocab.V.HEADER_WORD
    assert {"seq", "content", "units", "progress", "co_units", "leader"} <= set(words)
    for kind, word in words.items():
        assert header_kind(word) == kind, (kind, word)


def test_the_disk_cache_holds_no_compiled_regex(tmp_path, monkeypatch):
    """The cache entry is the validated data only: every regex is compiled from its source by
    re.compile in the process (no compiled form of the engine on disk)."""
    import json

    monkeypatch.setenv("ZSPROGRESS_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("ZSPROGRESS_NO_CACHE", raising=False)
    data = vocab.read(PATH)
    (entry,) = tmp_path.glob("layout-*.json")
    stored = json.loads(entry.read_bytes().partition(b"\n")[2])
    assert set(stored) == {"key", "data"} and stored["data"] == data
    fresh = vocab.Vocabulary("layout.toml", vocab.build(data))
    assert fresh["HEADING"].pattern == vocab.build(data)["HEADING"]


def test_what_is_remembered_is_per_vocabulary(tmp_path, monkeypatch):
    """header_kind and the unit shapes remember their answers for each text, per vocabulary: a
    patterns directory that names another header word or unit suffix is read with its own."""
    monkeypatch.setenv("ZSPROGRESS_CACHE_DIR", str(tmp_path / "cache"))
    d = _copy(tmp_path)
    src = (d / "layout.toml").read_text(encoding="utf-8")
    src = src.replace('contains = ["完成情况", ', 'contains = ["干得如何", "完成情况", ', 1)
    (d / "layout.toml").write_text(src, encoding="utf-8")
    assert shapes.header_kind("干得如何") is None and shapes.header_kind("完成情况") == "progress"
    try:
        vocab.use_patterns(d)
        assert shapes.header_kind("干得如何") == "progress"
        assert shapes.header_kind("完成情况") == "progress"
    finally:
        vocab.use_patterns(None)
    assert shapes.header_kind("干得如何") is None
    assert units.is_unit_cell("市财政局、市国资委") and units.units_of_cell("市财政局\n市国资委") == ["市财政局", "市国资委"]
    first = units.units_of_cell("市财政局")
    first.append("changed")                     # a caller's list is its own
    assert units.units_of_cell("市财政局") == ["市财政局"]


def _with_title(tmp_path, title: str):
    """A patterns directory whose leader titles start with ``title``."""
    d = _copy(tmp_path)
    src = (d / "layout.toml").read_text(encoding="utf-8")
    (d / "layout.toml").write_text(src.replace('titles = ["市长"', f'titles = ["{title}", "市长"', 1), encoding="utf-8")
    return d


def test_using_patterns_holds_for_its_block_only(tmp_path, monkeypatch):
    """using_patterns(DIR) chooses the vocabulary for a block and restores the one before it,
    also when the block fails."""
    monkeypatch.setenv("ZSPROGRESS_CACHE_DIR", str(tmp_path / "cache"))
    d = _with_title(tmp_path, "主席")
    heading = "张三主席牵头重点工作"
    with vocab.using_patterns(d):
        assert shapes.leader_heading(heading)[1:] == ("张三", "主席")
    assert shapes.leader_heading(heading)[1:] == ("张三主席", None)
    with pytest.raises(RuntimeError), vocab.using_patterns(d):
        raise RuntimeError
    assert shapes.leader_heading(heading)[1:] == ("张三主席", None)


def test_a_choice_made_in_one_context_is_not_seen_in_another(tmp_path, monkeypatch):
    """The choice is a context variable (like decimal's context): a thread or a copied context
    that chose another vocabulary leaves this one's as it was."""
    import contextvars
    import threading

    monkeypatch.setenv("ZSPROGRESS_CACHE_DIR", str(tmp_path / "cache"))
    d = _with_title(tmp_path, "主席")
    heading = "张三主席牵头重点工作"

    def chosen_there():
        vocab.use_patterns(d)
        return shapes.leader_heading(heading)[1:]

    assert contextvars.copy_context().run(chosen_there) == ("张三", "主席")
    seen = []
    t = threading.Thread(target=lambda: seen.append(chosen_there()))
    t.start()
    t.join()
    assert seen == [("张三", "主席")]
    assert shapes.leader_heading(heading)[1:] == ("张三主席", None)


def test_parse_report_takes_the_patterns_of_one_call(tmp_path, monkeypatch):
    """api.parse_report(patterns=DIR) reads with DIR's layout.toml for that call only: a leader
    title only DIR knows splits the heading into leader and title there, and not after."""
    from zsprogress import api

    monkeypatch.setenv("ZSPROGRESS_CACHE_DIR", str(tmp_path / "cache"))
    d = _with_title(tmp_path, "主席")
    text = ("一、张三主席牵头重点工作\n"
            "序号\t任务内容\t牵头单位\t完成情况\n"
            "1\t新增城镇就业4.5万人\t市人力社保局\t新增城镇就业2.3万人\n")
    own = api.parse_report(text=text, patterns=d)
    assert [(t.leader, t.lead_units) for t in own.tasks] == [("张三", ["市人力社保局"])]
    bundled = api.parse_report(text=text)
    assert [t.leader for t in bundled.tasks] == ["张三主席"]


def test_no_module_global_is_rebound_by_a_run(tmp_path, monkeypatch):
    """Choosing patterns and reading reports rebinds no module-level name of the package: the
    vocabulary in force lives in context variables, not in module state."""
    import sys

    from zsprogress import api

    monkeypatch.setenv("ZSPROGRESS_CACHE_DIR", str(tmp_path / "cache"))
    d = _with_title(tmp_path, "主席")
    api.completion_table(api.parse_report())           # every module a run imports, imported

    def snapshot():
        return {(m, k): id(v) for m, mod in list(sys.modules.items()) if m.startswith("zsprogress")
                for k, v in vars(mod).items()}

    before = snapshot()
    vocab.use_patterns(d)
    try:
        api.completion_table(api.parse_report(text="一、张三主席牵头重点工作\n序号\t任务内容\t牵头单位\n1\t修路\t市交通局\n"))
        api.completion_table(api.parse_report())
    finally:
        vocab.use_patterns(None)
    after = snapshot()
    assert {k for k in before if after.get(k) != before[k]} == set()
    assert not hasattr(vocab.V, "__dict__")             # V itself holds nothing to rebind
