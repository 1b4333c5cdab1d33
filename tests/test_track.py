"""`track`: tasks and targets followed across the releases of one programme.

Series used:
- a series derived by hand from the bundled report (Zhoushan 2024, half year): an assignment list
  (the same tasks, no progress), the half year as published, and a third-quarter and an annual
  release made by editing copies of its rows (each edit, and what it must give, is stated below);
- the Zhoushan 2023 series (tests/fixtures/series/: assignment, half year, third quarter);
- reports of other programmes (another year, another city) from tests/fixtures/layouts/.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import zsprogress
from zsprogress.models import Period, Report, Task
from zsprogress.track import order_releases, track

FIX = Path(__file__).parent / "fixtures"
SERIES = FIX / "series"


@pytest.fixture(scope="module")
def sample() -> Report:
    return zsprogress.parse_report()


def release(report: Report) -> tuple[Report, list]:
    return report, zsprogress.completion_table(report)


def derive(base: Report, label: str, end_month: int, title_word: str, edits: dict[str, dict],
           drop: tuple[str, ...] = (), add: tuple[Task, ...] = (), note: str = "") -> Report:
    """A later release of ``base``: ``edits`` replaces text in the named tasks' fields
    ({task id: {field: [(old, new), ...]}}), every other progress text gets ``note`` appended
    (so it is not a word-for-word copy), tasks in ``drop`` are left out, ``add`` appended; then
    every task is renumbered (ids and seqs of its section, in reverse order) so that nothing
    can be matched by id or seq."""
    tasks = []
    for t in base.tasks:
        if t.id in drop:
            continue
        upd = {}
        for fld, pairs in edits.get(t.id, {}).items():
            text = getattr(t, fld)
            for old, new in pairs:
                assert old in text, (t.id, old)
                text = text.replace(old, new)
            upd[fld] = text
        if "progress_text" not in upd and t.progress_text and note:
            upd["progress_text"] = t.progress_text + note
        tasks.append(t.model_copy(update=upd))
    tasks += list(add)
    renumbered = []
    for k, t in enumerate(reversed(tasks), 1):
        renumbered.append(t.model_copy(update={"id": f"T9.{k}", "seq": k}))
    meta = base.meta.model_copy(update={
        "title": base.meta.title.replace("半年度", title_word),
        "period": Period(label=label, end_month=end_month, year=base.meta.year), "kind": "progress"})
    return base.model_copy(update={"tasks": renumbered, "meta": meta, "source": f"<{label}>"})


NEW_TASK = Task(id="T4.99", seq=99, section="李红副市长牵头重点工作", leader="李红",
                lead_units=["市建设局"], content="新建省级未来社区5个,打造共同富裕现代化基本单元。",
                progress_text="1-9月,已建成省级未来社区3个,其余2个加快推进。")

Q3_EDITS = {
    # the target changes: 6.75亿吨 -> 7亿吨; the figure moves to 1-9月 5.4亿吨 (77.14% of 7)
    "T5.4": {"content": [("完成货物吞吐量6.75亿吨", "完成货物吞吐量7亿吨")],
             "progress_text": [("预计1-6月完成货物吞吐量3.57亿吨,完成年度计划的52.89%",
                                "预计1-9月完成货物吞吐量5.4亿吨,完成年度计划的77.14%"),
                               ("完成集装箱吞吐量165.3万TEU,完成年度计划的49.34%",
                                "1-9月完成集装箱吞吐量250万TEU,完成年度计划的74.63%")]},
    # a year-to-date total lower than in the half year: 1491亿元 (1-5月) -> 1400亿元 (1-9月);
    # 实际利用外资2.76亿美元 is left as it was: the same figure again
    "T3.6": {"progress_text": [("1-5月全市外贸进出口总额约为1491亿元", "1-9月全市外贸进出口总额约为1400亿元")]},
    # behind twice: 6 of 30 at the half year, 9 of 30 (30%, expected 75%) at three quarters
    "T3.1": {"progress_text": [("推动舟山片区6项制度创新成果", "推动舟山片区9项制度创新成果")]},
    # trimmed task content: only its first sentence is printed
    "T2.3": {"content": [("持续推动浙沪合作,加快上海LNG站线扩建项目建设。做深做实东西部协作、对口支援、对口合作工作。", "")]},
    # reworded (extended) task content, progress text copied word for word
    "T1.2": {"content": [("实施国资国企改革深化提升行动。", "深入实施国资国企改革深化提升行动,推动国有企业高质量发展。")],
             "progress_text": []},
}


@pytest.fixture(scope="module")
def series(sample: Report):
    assign = sample.model_copy(update={
        "tasks": [t.model_copy(update={"progress_text": "", "items": []}) for t in sample.tasks],
        "meta": sample.meta.model_copy(update={"kind": "assignment", "period": Period(year=2024),
                                               "title": "2024年政府工作报告重点工作责任分解"}),
        "source": "<assign>"})
    q3 = derive(sample, "q3", 9, "三季度", Q3_EDITS, drop=("T4.7",), add=(NEW_TASK,), note="三季度继续推进。")
    # the annual release quotes the three-quarter freight figure again (1-9月 5.4亿吨)
    q3_t54 = next(t for t in q3.tasks if "货物吞吐量7亿吨" in t.content)
    annual = derive(q3, "annual", 12, "年度", {q3_t54.id: {"progress_text": [("1.完成条帚门", "全年港口生产平稳。1.完成条帚门")]}},
                    note="全年完成。")
    annual = annual.model_copy(update={"meta": annual.meta.model_copy(update={"title": "2024年市政府工作报告重点工作年度完成情况"})})
    reports = {"assign": assign, "h1": sample, "q3": q3, "annual": annual}
    # given out of order: the order used must still be assign < h1 < q3 < annual
    res = track([release(reports[k]) for k in ("annual", "q3", "assign", "h1")])
    return reports, res


def rows_of(res, task_key=None, **where):
    return [r for r in res.rows if (task_key is None or r.task_key == task_key)
            and all(getattr(r, k) == v for k, v in where.items())]


def key_of(res, release: int, task_id: str) -> str:
    (k,) = {r.task_key for r in res.rows if r.release == release and r.task_id == task_id}
    return k


def by_release(res, key: str, metric: str) -> dict[str, object]:
    return {r.period: r for r in res.rows if r.task_key == key and r.metric == metric}


# --- order ----------------------------------------------------------------------------------------


def test_order_by_period_whatever_the_command_line(series):
    _, res = series
    assert res.order == "order by period: assign < h1 < q3 < annual"
    assert sorted({(r.release, r.period) for r in res.rows}) == [(1, "assign"), (2, "h1"), (3, "q3"), (4, "annual")]


def test_order_given(sample):
    q1 = sample.model_copy(update={"meta": sample.meta.model_copy(update={"period": Period(label="q1", end_month=3, year=2024)})})
    idx, note = order_releases([sample, q1], "given")
    assert idx == [0, 1] and note == "order as given: h1 < q1"
    idx, note = order_releases([sample, q1])
    assert idx == [1, 0] and note == "order by period: q1 < h1"


@pytest.mark.parametrize("words, end", [("1-8月", 8), ("1-11月", 11), ("前三季度", 9), ("一季度", 3),
                                        ("上半年", 6), ("半年度", 6), ("全年", 12)])
def test_period_words_order(words, end):
    from zsprogress.segment import parse_meta

    meta = parse_meta(f"2024年市政府工作报告重点工作{words}完成情况\n")
    assert meta.period.end_month == end


# --- task matching --------------------------------------------------------------------------------


def test_every_task_matched_across_releases_not_by_id(series):
    reports, res = series
    assert not res.notes, res.notes
    # each task of the half year is, in the three-quarter release, the task derived from it
    # (reversed and renumbered T9.k), whatever its id; T4.7 was dropped
    q3_ids = {t.content: t.id for t in reports["q3"].tasks}
    reworded = "深入实施国资国企改革深化提升行动,推动国有企业高质量发展。"
    for t in reports["h1"].tasks:
        key = key_of(res, 2, t.id)
        got = {r.task_id for r in rows_of(res, key, release=3)}
        if t.id == "T4.7":
            assert got == {None}
            continue
        content = reworded if t.id == "T1.2" else t.content.replace("货物吞吐量6.75亿吨", "货物吞吐量7亿吨")
        if t.id == "T2.3":
            content = "全面融入长三角一体化,深化产业链共建、科创协同、民生幸福圈建设,加快引入优质资源。"
        assert got == {q3_ids[content]}, t.id
        # the assignment list's task is the same task
        assert {r.task_id for r in rows_of(res, key, release=1)} == {t.id}


def test_match_keeps_score_and_evidence(series):
    _, res = series
    key = key_of(res, 2, "T1.2")
    (row,) = rows_of(res, key, release=3)
    assert row.matched_with == "T1.2@h1"
    assert 0.55 <= row.match_score < 1
    assert row.match_evidence[0].startswith("content ")
    assert any(e.startswith("lead units 1.00") for e in row.match_evidence)


def test_dropped_and_added_tasks(series):
    _, res = series
    key = key_of(res, 2, "T4.7")
    assert [r.flags for r in rows_of(res, key, release=3)] == [["task_dropped"]]
    assert all("task_dropped" not in r.flags for r in rows_of(res, key, release=4))  # said once
    (added,) = [r for r in res.rows if r.release == 3 and "task_added" in r.flags]
    assert added.content == NEW_TASK.content
    assert (added.target.text, added.actual.text, added.computed_rate) == ("5个", "3个", 60)
    dropped = {r.task_key for r in res.rows if "task_dropped" in r.flags}
    assert dropped == {key}


def test_one_task_matching_two_is_reported_not_guessed(sample):
    # the three-quarter release prints T2.4 twice (a split row): which one continues it?
    t24 = next(t for t in sample.tasks if t.id == "T2.4")
    twin = t24.model_copy(update={"id": "T2.99", "seq": 99, "progress_text": "另一行。"})
    q3 = derive(sample, "q3", 9, "三季度", {}, add=(twin,), note="三季度。")
    res = track([release(sample), release(q3)])
    assert len(res.notes) == 1 and "ambiguous match, not paired: T2.4@h1 ~ " in res.notes[0]
    key = key_of(res, 1, "T2.4")
    assert {r.task_id for r in rows_of(res, key, release=2)} == {None}
    assert all(r.flags == ["ambiguous_match"] for r in rows_of(res, key, release=2))
    twins = {r.task_key for r in res.rows if r.release == 2 and r.content == t24.content}
    assert len(twins) == 2
    assert all("task_added" not in r.flags for r in res.rows if r.task_key in twins)


# --- targets, flags, trend ------------------------------------------------------------------------


def test_target_changed_and_its_rows(series):
    _, res = series
    key = key_of(res, 2, "T5.4")
    rows = by_release(res, key, "货物吞吐量")
    assert [(p, r.target.text) for p, r in rows.items()] == [
        ("assign", "6.75亿吨"), ("h1", "6.75亿吨"), ("q3", "7亿吨"), ("annual", "7亿吨")]
    assert rows["assign"].actual is None
    assert (rows["h1"].actual.text, rows["h1"].computed_rate, rows["h1"].stated_rate) == ("3.57亿吨", pytest.approx(52.89, abs=0.01), 52.89)
    assert (rows["q3"].actual.text, rows["q3"].stated_rate) == ("5.4亿吨", 77.14)
    assert rows["q3"].computed_rate == pytest.approx(77.14, abs=0.01)
    assert "target_changed" in rows["q3"].flags and "target_changed" not in rows["h1"].flags
    assert "target_changed" not in rows["annual"].flags
    # the annual release quotes the 1-9月 figure again
    assert "figure_repeated" in rows["annual"].flags and "figure_repeated" not in rows["q3"].flags
    # the quoted figure is of 1-9月: judged against 9 months, not the year
    assert rows["q3"].status == rows["annual"].status == "on_track"
    assert rows["annual"].expected_rate == 75
    assert {r.trend for r in rows.values()} == {"stalled"}  # 77.14 then 77.14 again
    box = by_release(res, key, "集装箱吞吐量")
    assert box["q3"].computed_rate == pytest.approx(74.6, abs=0.05) and not {"target_changed"} & set(box["q3"].flags)


def test_cumulative_decreased_and_repeated_figure(series):
    _, res = series
    key = key_of(res, 2, "T3.6")
    trade = by_release(res, key, "外贸进出口")
    assert (trade["h1"].actual.text, trade["q3"].actual.text) == ("1491亿元", "1400亿元")
    assert "cumulative_decreased" in trade["q3"].flags and "cumulative_decreased" not in trade["h1"].flags
    fdi = by_release(res, key, "实际利用外资")
    # 2.76亿美元 printed again (now read as of 1-9月, the period of the sentence before it): a
    # total that has not moved is the figure repeated
    assert "figure_repeated" in fdi["q3"].flags
    assert "cumulative_decreased" not in fdi["q3"].flags


def test_behind_repeatedly_and_text_unchanged(series):
    _, res = series
    inno = by_release(res, key_of(res, 2, "T3.1"), "新增制度创新成果")
    assert (inno["h1"].status, inno["q3"].status) == ("behind", "behind")
    assert inno["q3"].computed_rate == pytest.approx(30)
    assert "behind_repeatedly" in inno["q3"].flags and "behind_repeatedly" not in inno["h1"].flags
    unchanged = {(r.task_key, r.period) for r in res.rows if "text_unchanged" in r.flags}
    assert unchanged == {(key_of(res, 2, "T1.2"), "q3")}


def test_trend(series):
    reports, res = series
    # over the four releases the last step counts: the annual release repeats 1400亿元
    assert by_release(res, key_of(res, 2, "T3.6"), "外贸进出口")["q3"].trend == "stalled"
    two = track([release(reports["h1"]), release(reports["q3"])])
    assert by_release(two, key_of(two, 1, "T3.6"), "外贸进出口")["q3"].trend == "regressed"  # 40.3% -> 37.8%
    assert by_release(two, key_of(two, 1, "T3.1"), "新增制度创新成果")["q3"].trend == "gaining"  # 20% -> 30%


def test_task_without_target_has_one_row_per_release(series):
    _, res = series
    rows = rows_of(res, key_of(res, 2, "T1.1"))
    assert [(r.period, r.target_key, r.target) for r in rows] == [(p, None, None) for p in ("assign", "h1", "q3", "annual")]


# --- unrelated programmes -------------------------------------------------------------------------


def test_another_year_is_not_paired(sample):
    other = zsprogress.parse_report(SERIES / "10_zhoushan_2023_assign.txt")
    res = track([release(sample), release(other)])
    assert len(res.series) == 2
    assert "another year (2024, not 2023)" in res.notes[0]
    assert not any(r.matched_with for r in res.rows)


@pytest.mark.parametrize("name", ["11_putuo_2024_h1.txt", "17_huzhou_2023_h1.txt", "14_shaoxing_2021_q3.txt"])
def test_another_city_is_not_paired(sample, name):
    # a district of Zhoushan and two other cities: their macro targets read alike
    # (地区生产总值增长…, 固定资产投资…) but they are other programmes
    other = zsprogress.parse_report(FIX / "layouts" / name)
    other = other.model_copy(update={"meta": other.meta.model_copy(update={"year": None})})
    res = track([release(sample), release(other)])
    assert len(res.series) == 2, res.notes
    assert "another programme" in res.notes[0]
    assert not any(r.matched_with for r in res.rows)


# --- the Zhoushan 2023 series ---------------------------------------------------------------------

Z23 = ["09_zhoushan_2023_q3.txt", "10_zhoushan_2023_assign.txt", "08_zhoushan_2023_h1.txt"]


def test_zhoushan_2023_assignment_list_reads():
    r = zsprogress.parse_report(SERIES / "10_zhoushan_2023_assign.txt")
    assert [t.content[:8] for t in r.tasks[:3]] == ["一般公共预算收入", "深化国资国企改革", "地区生产总值增长"]


def test_zhoushan_2023_order():
    res = track([release(zsprogress.parse_report(SERIES / n)) for n in Z23])
    assert res.order == "order by period: assign < h1 < q3"


def test_release_without_task_rows_drops_nothing(sample):
    empty = sample.model_copy(update={"tasks": [], "layout": "unknown", "source": "<empty>", "meta": sample.meta.model_copy(
        update={"period": Period(label="q3", end_month=9, year=2024)})})
    res = track([release(sample), release(empty)])
    assert res.notes == ["<empty> has no task rows (layout unknown): nothing to match"]
    assert len(res.series) == 1 and not any(r.flags for r in res.rows)
    assert {r.present for r in res.rows if r.release == 2} == {False}


# the rows the three openings share, as printed: content, then the lead unit cell(s)
Z23_ROWS = [("一般公共预算收入与经济增长基本同步。", "市财政局"),
            ("深化国资国企改革,开展国有企业总审计师制度试点,提升市场化运作能力。", "市财政局\n\n(市国资委)"),
            (("地区生产总值增长7%以上;固定资产投资达到1100亿元以上;居民人均可支配收入与经济增长基本同步;"
              "居民消费价格指数涨幅控制在3%以内。"), "市发改委")]


def z23_by_hand(name: str) -> Report:
    """A progress release of the 2023 series with its task rows cut out by hand (the cells of
    Z23_ROWS; the progress is the cells up to the next task), so that tracking is tested
    before the segmenter reads this layout. The ids are of a report without numbers."""
    from zsprogress.segment import parse_meta

    text = (SERIES / name).read_text(encoding="utf-8")
    pos = [text.index(c) for c, _ in Z23_ROWS] + [len(text)]
    tasks = []
    for k, (content, units) in enumerate(Z23_ROWS):
        start = text.index(units, pos[k] + len(content)) + len(units)
        progress = "\n".join(p.strip() for p in text[start:pos[k + 1]].split("\n\n") if p.strip())
        tasks.append(Task(id=f"T0.n{k + 1}", content=content, progress_text=progress,
                          lead_units=[u.strip("()") for u in units.split("\n\n")]))
    return Report(source=name, layout="cells", meta=parse_meta(text), tasks=tasks)


def test_zhoushan_2023_series_rows_by_hand():
    assign = zsprogress.parse_report(SERIES / "10_zhoushan_2023_assign.txt")
    res = track([release(r) for r in (z23_by_hand(Z23[0]), assign, z23_by_hand(Z23[2]))])
    assert res.order == "order by period: assign < h1 < q3" and not res.notes
    # each shared task: T1.1, T1.2, T2.1 of the assignment list, the k-th row of each report
    for k, tid in enumerate(("T1.1", "T1.2", "T2.1"), 1):
        key = key_of(res, 1, tid)
        assert {(r.period, r.task_id) for r in rows_of(res, key)} == {
            ("assign", tid), ("h1", f"T0.n{k}"), ("q3", f"T0.n{k}")}
        assert {r.match_score for r in rows_of(res, key) if r.period != "assign"} == {1}
    # the assignment list's T2.2 and T2.3 are beyond the openings of the progress reports
    assert {r.task_key for r in res.rows if "task_dropped" in r.flags} == {key_of(res, 1, "T2.2"), key_of(res, 1, "T2.3")}
    # 固定资产投资达到1100亿元以上: 1-5月 437亿元 (39.7%, 5 months: on track) in the half year,
    # 1-8月 755.9亿元 (68.7%, 8 months: on track) in the third quarter
    fai = [r for r in res.rows if r.metric == "固定资产投资" and r.target and r.target.text == "1100亿元"]
    assert [(r.period, r.actual and r.actual.text, r.actual and r.actual.period) for r in fai] == [
        ("assign", None, None), ("h1", "437亿元", "1-5月"), ("q3", "755.9亿元", "1-8月")]
    assert [r.computed_rate for r in fai[1:]] == [pytest.approx(39.73, abs=0.01), pytest.approx(68.72, abs=0.01)]
    assert [r.status for r in fai] == ["unknown", "on_track", "on_track"]
    assert fai[0].trend == "gaining" and not any(r.flags for r in fai)
    # 地区生产总值增长7%以上: 一季度 7.1% in the half-year release, 1-6月 8.4% in the third quarter
    gdp = [r for r in res.rows if r.metric == "地区生产总值" and r.target and r.target.text == "增长7%"]
    assert [(r.period, r.actual and r.actual.text) for r in gdp] == [("assign", None), ("h1", "增长7.1%"), ("q3", "增长8.4%")]
    assert [r.status for r in gdp[1:]] == ["met", "met"] and gdp[0].trend == "gaining"


def test_zhoushan_2023_series_matches():
    res = track([release(zsprogress.parse_report(SERIES / n)) for n in Z23])
    assert len(res.series) == 1, res.notes
    # the three tasks the three openings share, as each release prints them
    for content, _ in Z23_ROWS:
        keys = {r.task_key for r in res.rows if r.content.startswith(content[:16])}
        assert len(keys) == 1, content
        assert {r.period for r in res.rows if r.task_key in keys and r.present} == {"assign", "h1", "q3"}
    # 固定资产投资达到1100亿元以上: 1-5月 437亿元 (39.7%) at the half year, 1-8月 755.9亿元 (68.7%)
    # at three quarters
    fai = [r for r in res.rows if r.metric == "固定资产投资" and r.target and r.target.text == "1100亿元"]
    assert [(r.period, r.actual and r.actual.text) for r in fai] == [
        ("assign", None), ("h1", "437亿元"), ("q3", "755.9亿元")]
    assert [round(r.computed_rate, 1) for r in fai[1:]] == [39.7, 68.7]
    assert fai[2].trend == "gaining"


# --- command line ---------------------------------------------------------------------------------


def test_cli_track_json_and_check_against(tmp_path: Path, sample):
    from typer.testing import CliRunner

    from zsprogress.cli import app
    from zsprogress.read import sample_path

    text = Path(sample_path()).read_text(encoding="utf-8")
    # the three-quarter release as a file: the freight target raised, trade lower than before
    q3 = (text.replace("半年度", "三季度")
          .replace("完成货物吞吐量6.75亿吨", "完成货物吞吐量7亿吨")
          .replace("预计1-6月完成货物吞吐量3.57亿吨,完成年度计划的52.89%", "预计1-9月完成货物吞吐量5.4亿吨,完成年度计划的77.14%")
          .replace("1-5月全市外贸进出口总额约为1491亿元", "1-9月全市外贸进出口总额约为1400亿元"))
    f = tmp_path / "q3.txt"
    f.write_text(q3, encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(app, ["track", str(f), "sample", "-f", "json", "--flag", "target_changed"])
    assert res.exit_code == 0, res.output
    assert "order by period: h1 < q3" in res.stderr
    rows = json.loads(res.stdout)
    # the whole target is kept, every release
    assert [(r["period"], r["metric"], r["target"]["text"], r["flags"]) for r in rows] == [
        ("h1", "货物吞吐量", "6.75亿吨", []), ("q3", "货物吞吐量", "7亿吨", ["target_changed"])]
    res = runner.invoke(app, ["track", str(f), "sample", "-f", "csv", "--leader", "毛江平"])
    assert res.exit_code == 0 and res.stdout.startswith("series,task_key,target_key,release,period")
    res = runner.invoke(app, ["check", str(f), "--against", "sample", "--fail-on", "target-changed", "-f", "github"])
    assert res.exit_code == 1, res.output
    lines = [x for x in res.stdout.splitlines() if "zsprogress target-changed" in x]
    assert len(lines) == 1 and lines[0].startswith("::error file=") and "6.75亿吨" in lines[0]
    assert any("zsprogress cumulative-decreased" in x for x in res.stdout.splitlines())
    res = runner.invoke(app, ["check", str(f), "--against", "sample", "--fail-on", "none"])
    assert res.exit_code == 0


@pytest.mark.parametrize("args, code, err", [
    (["track", "sample", "--flag", "bogus"], 2, "error: unknown flag bogus"),
    (["track", "sample", "missing.txt", "-f", "json"], 1, "error: missing.txt: no such file"),
    (["check", "sample", "--against", "missing.txt"], 2, "error: missing.txt: no such file"),
])
def test_cli_track_bad_input(args, code, err, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from zsprogress.cli import app

    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(app, args)
    assert res.exit_code == code and err in res.stderr and "Traceback" not in res.stderr
    if code == 1:  # the readable release is still tracked
        assert {r["source"] for r in json.loads(res.stdout)} == {"<sample>"}


def test_cli_track_directory_table():
    from typer.testing import CliRunner

    from zsprogress.cli import app

    res = CliRunner().invoke(app, ["track", str(SERIES), "-f", "table"], env={"COLUMNS": "200"})
    assert res.exit_code == 0
    assert "order by period: assign < h1 < q3" in res.stderr
    assert "1:assign" in res.stdout and "2:h1" in res.stdout and "3:q3" in res.stdout
    assert "毛江平" in res.stdout and "徐仁标" in res.stdout  # a table per leader


# --- unrelated, duplicate and backwards releases are refused or named (issue 20, item 2) ---------


def _cli(*args: str):
    from typer.testing import CliRunner

    from zsprogress.cli import app

    return CliRunner().invoke(app, list(args))


def _one_error_line(res) -> str:
    errors = [x for x in res.stderr.splitlines() if x.startswith("error:")]
    assert len(errors) == 1 and "Traceback" not in res.stderr, res.stderr
    return errors[0]


def test_place_of_a_release():
    from zsprogress.track import place_of

    assert place_of(zsprogress.parse_report(SERIES / "10_zhoushan_2023_assign.txt")) == "舟山市"
    assert place_of(zsprogress.parse_report(FIX / "layouts" / "17_huzhou_2023_h1.txt")) == "湖州市"
    assert place_of(zsprogress.parse_report()) is None  # 市政府办公室 names no place


def test_another_place_of_the_same_year_is_not_paired():
    assign = zsprogress.parse_report(SERIES / "10_zhoushan_2023_assign.txt")
    huzhou = zsprogress.parse_report(FIX / "layouts" / "17_huzhou_2023_h1.txt")
    res = track([release(assign), release(huzhou)])
    assert len(res.series) == 2
    assert res.unrelated == [f"{huzhou.source} is not a release of the same programme as {assign.source}: "
                             "another place (湖州市, not 舟山市)"]


@pytest.mark.parametrize("other, why", [
    (str(SERIES / "08_zhoushan_2023_h1.txt"), "another year (2024, not 2023)"),
    (str(FIX / "layouts" / "04_zhoushan_2021_h1.txt"), "another year (2024, not 2021)"),
])
def test_cli_track_refuses_unrelated_reports(other, why):
    res = _cli("track", "sample", other, "-f", "json", "-q")
    assert res.exit_code == 2 and res.stdout == ""
    line = _one_error_line(res)
    assert why in line and "--allow-unrelated" in line
    res = _cli("track", "sample", other, "-f", "json", "-q", "--allow-unrelated")
    assert res.exit_code == 0
    assert {r["series"] for r in json.loads(res.stdout)} == {1, 2}


def test_cli_track_refuses_another_city_of_the_same_year():
    res = _cli("track", str(SERIES / "10_zhoushan_2023_assign.txt"), str(FIX / "layouts" / "17_huzhou_2023_h1.txt"),
               "-f", "json")
    assert res.exit_code == 2 and "another place (湖州市, not 舟山市)" in _one_error_line(res)


def test_cli_track_refuses_a_release_given_twice(tmp_path):
    from zsprogress.read import sample_path

    res = _cli("track", "sample", "sample", "-f", "json")
    assert res.exit_code == 2 and "<sample> is given twice (the same file)" in _one_error_line(res)
    copy = tmp_path / "copy.txt"
    copy.write_bytes(sample_path().read_bytes())
    res = _cli("track", "sample", str(copy), "-f", "json")
    assert res.exit_code == 2 and "are both the 2024 h1 release" in _one_error_line(res)
    # --allow-unrelated does not make a duplicate a second release
    assert _cli("track", "sample", "sample", "-f", "json", "--allow-unrelated").exit_code == 2


def test_cli_track_given_order_going_backwards_is_a_warning_even_with_q():
    h1, q3 = str(SERIES / "08_zhoushan_2023_h1.txt"), str(SERIES / "09_zhoushan_2023_q3.txt")
    res = _cli("track", q3, h1, "--order", "given", "-f", "json", "-q")
    assert res.exit_code == 0
    assert f"warning: the release order goes backwards: {h1} (2023 h1) is given after {q3} (2023 q3)" in res.stderr
    res = _cli("track", h1, q3, "--order", "given", "-f", "json", "-q")
    assert res.exit_code == 0 and "backwards" not in res.stderr


def test_cli_check_against_refuses_unrelated_duplicate_and_backwards():
    h1, q3 = str(SERIES / "08_zhoushan_2023_h1.txt"), str(SERIES / "09_zhoushan_2023_q3.txt")
    res = _cli("check", "sample", "--against", h1)
    assert res.exit_code == 2 and "another year (2024, not 2023)" in _one_error_line(res)
    res = _cli("check", h1, "--against", h1)
    assert res.exit_code == 2 and "is given twice" in _one_error_line(res)
    res = _cli("check", h1, "--against", q3)
    assert res.exit_code == 2
    assert f"{h1} (2023 h1) is earlier than --against {q3} (2023 q3)" in _one_error_line(res)
    res = _cli("check", q3, "--against", h1, "--fail-on", "none")
    assert res.exit_code == 0, res.stderr
