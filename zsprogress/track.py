"""Follow every task and target of one programme across its releases: `zsprogress track`.

A city publishes one programme several times a year: the assignment of tasks (责任分解), then
progress reports for the first quarter, the half year, three quarters and the year. This module
owns what ties the releases together; it works on records only (Reports and their Completion
rows), never on text files.

Order
    Releases are ordered by their period, read from the report's metadata and title
    (``ReportMeta.period``): an assignment list first, then by the last month the report covers
    (一季度 3 < 上半年 6 < 1-8月 8 < 前三季度 9 < 1-11月 11 < 全年 12); the year of the programme
    before all, the publication date and the given position to break ties. ``order="given"``
    keeps the caller's order.

Tasks
    Matched by what they say, never by id or seq: the cosine of the character bigrams of the
    folded task text (content and target column, digits and punctuation removed; each bigram
    weighted by its rarity in the series, so 推进/建设 count little) or, for trimmed wording, the
    containment (how much of the shorter text the longer holds, discounted by ``TRIM_DISCOUNT``
    as the shorter is a smaller part of it); the lead units and the numbers of the content count
    as support (``W_UNITS``, ``W_NUMBERS``). Every release is
    matched against the latest text of every task seen so far (a task may skip a release).
    Pairs are taken best first, one to one; a pair whose task has a rival within ``MARGIN`` is
    *ambiguous*: reported, not guessed. Each match keeps its score and evidence.

Programmes
    A release of another year, or one of which fewer than ``MIN_SHARE`` of the tasks match the
    series so far with a score of ``SURE`` or more (another city: its macro targets read alike,
    the rest does not), starts a series of its own and a note says so: unrelated programmes are
    never paired. A release of another place (the city, district or county its publisher or
    title names, when both releases name one) is another programme too. Each such release is
    also listed in ``Tracking.unrelated`` (one line why): the command line refuses them unless
    told ``--allow-unrelated``.

Duplicates and order
    Two releases of one series with the same source, or the same year, kind and period (two
    half-year reports of 2024), are listed in ``Tracking.duplicates``: the command line refuses
    them. With ``order="given"``, a release whose period is earlier than the one before it is
    named in ``Tracking.backwards`` (a warning: the caller asked for that order).

Targets
    Within a matched task, the completion rows of two releases are matched by kind, unit and
    metric (:func:`zsprogress.link.similarity`), best first, one to one.

Flags (per row, i.e. per task x target x release)
    ``target_changed`` (value or bound differs from the previous release), ``cumulative_decreased``
    (a total lower than in an earlier release), ``figure_repeated`` (the previous release's actual
    again: same value and unit; for a level, of no other period), ``text_unchanged`` (the
    progress text word for word as in the previous release), ``behind_repeatedly`` (behind here and in the previous
    release), ``task_dropped`` (first release without a task seen before), ``task_added`` (a task
    not in the first release), ``ambiguous_match``. The ``trend`` of a target compares its last
    two measures (the rate, or the actual of a level target): ``gaining``, ``stalled`` or
    ``regressed`` (lower is better for ceilings and ranks).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Optional

from .link import LEVEL_KINDS, similarity
from .models import Completion, Report, Task, TrackRow, Trend
from .normalize import fold

MIN_SCORE = 0.55   # a task match below this is no match
MARGIN = 0.05      # a rival this close to the best pair makes the match ambiguous
SURE = 0.8         # a match this good is evidence of one programme: its task contents are
                   # copied from one work report; other cities' macro targets (地区生产总值增长…)
                   # and short tasks inside their lists of targets reach about 0.7
MIN_SHARE = 0.3    # share of the smaller release's tasks that must match surely for one programme
MIN_TARGET_SIM = 0.5  # metric similarity for targets of the same kind and unit
TRIM_DISCOUNT = 0.4  # containment counts 0.6..1 of itself, as the shorter text is a small..whole part
W_UNITS, W_NUMBERS = 0.1, 0.1  # weights of the supporting evidence in a task score
RAREST = 12        # candidates share one of the new text's 12 rarest bigrams (of those seen before)

FLAGS = ("target_changed", "cumulative_decreased", "figure_repeated", "text_unchanged",
         "behind_repeatedly", "task_dropped", "task_added", "ambiguous_match")

_NOT_TEXT = re.compile(r"[\W\d_]+")  # punctuation and digits: not compared as bigrams
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


# ---------------------------------------------------------------------------------------------
# order


def period_label(report: Report) -> str:
    """``assign`` for an assignment list, else the period label (``h1``, ``m8``, ``q3`` ...)."""
    if report.meta.kind == "assignment":
        return "assign"
    return report.meta.period.label or "?"


def place_of(report: Report) -> Optional[str]:
    """The city, district or county that publishes the report, when its publisher or title
    names one (None otherwise): ``[meta.place]`` of layout.toml (舟山市人民政府办公室 -> 舟山市;
    市政府办公室 names none)."""
    from .layout_vocab import V

    for s in (report.meta.publisher, report.meta.title):
        m = V.PLACE.search(s or "")
        if m:
            return m.group(1)
    return None


def period_key(report: Report) -> tuple:
    """Where a release falls in its programme's year: (year, assignment first, last month)."""
    m = report.meta
    assign = m.kind == "assignment"
    return (m.year or 0, 0 if assign else 1, 0 if assign else (m.period.end_month or 13))


def release_name(report: Report) -> str:
    """``2024 h1`` (or ``h1`` when the year is unknown): the year and period of a release."""
    return f"{report.meta.year} {period_label(report)}" if report.meta.year else period_label(report)


def order_releases(reports: Sequence[Report], order: str = "period") -> tuple[list[int], str]:
    """The positions of ``reports`` in release order, and a note saying which order was used
    (the periods in that order, with their years when there are several)."""
    idx = list(range(len(reports)))

    def key(i: int) -> tuple:
        m = reports[i].meta
        return (*period_key(reports[i]), m.published or m.generated or "", i)

    if order != "given":
        idx.sort(key=key)
    years = len({reports[i].meta.year for i in idx}) > 1
    labels = [(f"{reports[i].meta.year or '?'} " if years else "") + period_label(reports[i]) for i in idx]
    note = ("order as given: " if order == "given" else "order by period: ") + " < ".join(labels)
    unknown = [reports[i].source for i in idx
               if reports[i].meta.kind != "assignment" and reports[i].meta.period.end_month is None]
    if unknown and order != "given":
        note += f" (no period found in {', '.join(unknown)}: placed last by publication date)"
    return idx, note


# ---------------------------------------------------------------------------------------------
# task matching


@dataclass(frozen=True)
class _Text:
    """What a task says, prepared for comparison."""

    bigrams: frozenset
    units: tuple
    numbers: frozenset


def _prepare(task: Task) -> _Text:
    raw = fold(task.content + (task.target_text or "")) or fold(task.progress_text[:300])
    text = _NOT_TEXT.sub(" ", raw)
    grams = frozenset(w[i:i + 2] for w in text.split() for i in range(len(w) - 1))
    units = tuple(u.replace(" ", "") for u in task.lead_units if u.strip())
    return _Text(grams, units, frozenset(_NUMBER.findall(raw)))


def _unit_overlap(a: tuple, b: tuple) -> Optional[float]:
    if not a or not b:
        return None
    shared = sum(1 for u in a if any(u in v or v in u for v in b))
    return shared / min(len(a), len(b))


@dataclass
class Match:
    """A task of a release paired with a task thread, and why."""

    thread: int
    task: int
    score: float
    evidence: list[str]


Ambiguity = list[tuple[int, int, float]]  # (thread, task, score): the best pair and its rivals


def _idf(texts: Iterable[_Text]) -> dict[str, float]:
    df: dict[str, int] = {}
    n = 0
    for t in texts:
        n += 1
        for g in t.bigrams:
            df[g] = df.get(g, 0) + 1
    return {g: math.log(1 + n / c) for g, c in df.items()}


def _scores(old: list[_Text], new: list[_Text], idf: dict[str, float]) -> dict[tuple[int, int], tuple[float, list[str]]]:
    """Scores of the (old, new) pairs that share one of the ``RAREST`` rarest bigrams of the new
    text, found through an inverted index of the old texts."""
    w2 = {g: w * w for g, w in idf.items()}
    norm_old = [sum(w2[g] for g in t.bigrams) for t in old]
    index: dict[str, list[int]] = {}
    for i, t in enumerate(old):
        for g in t.bigrams:
            index.setdefault(g, []).append(i)
    out: dict[tuple[int, int], tuple[float, list[str]]] = {}
    for j, t in enumerate(new):
        posts = sorted((index[g] for g in t.bigrams if g in index), key=len)[:RAREST]
        nj = sum(w2[g] for g in t.bigrams)
        for i in set().union(*posts):
            dot = sum(w2[g] for g in old[i].bigrams & t.bigrams)
            cos = dot / math.sqrt(norm_old[i] * nj)
            contain = dot / min(norm_old[i], nj)
            # trimmed wording: the shorter text inside the longer, discounted when it is a small
            # part of it (a short task inside another's list of targets)
            content = max(cos, contain * (1 - TRIM_DISCOUNT * (1 - min(norm_old[i], nj) / max(norm_old[i], nj))))
            if content < MIN_SCORE - W_UNITS - W_NUMBERS:
                continue
            units = _unit_overlap(old[i].units, t.units)
            a, b = old[i].numbers, t.numbers
            numbers = len(a & b) / len(a | b) if a and b else None
            weight, score = 1.0, 0.0
            for w, v in ((W_UNITS, units), (W_NUMBERS, numbers)):
                if v is not None:
                    weight -= w
                    score += w * v
            score += weight * content
            ev = [f"content {content:.2f} (cosine {cos:.2f}, containment {contain:.2f})"]
            if units is not None:
                ev.append(f"lead units {units:.2f}" + (f" ({t.units[0]})" if units and t.units else ""))
            if numbers is not None:
                ev.append(f"numbers {numbers:.2f}" + (f" ({', '.join(sorted(a & b))})" if a & b else ""))
            out[(i, j)] = (score, ev)
    return out


def match_tasks(old: list[_Text], new: list[_Text], idf: dict[str, float]
                ) -> tuple[list[Match], list[Ambiguity]]:
    """Best-first one-to-one pairs of old threads and new tasks above ``MIN_SCORE``. A pair is
    ambiguous (reported, not paired) when one of the two has a free rival within ``MARGIN`` of
    it that has no clearly better partner of its own (the same task matching two)."""
    scored = _scores(old, new, idf)
    pairs = sorted(((s, i, j) for (i, j), (s, _) in scored.items() if s >= MIN_SCORE), reverse=True)
    by_old: dict[int, list[tuple[float, int]]] = {}
    by_new: dict[int, list[tuple[float, int]]] = {}
    for s, i, j in pairs:  # best first
        by_old.setdefault(i, []).append((s, j))
        by_new.setdefault(j, []).append((s, i))
    used_old: set[int] = set()
    used_new: set[int] = set()

    def best(cands: list[tuple[float, int]], used: set[int]) -> float:
        return next((s for s, k in cands if k not in used), 0.0)

    matches: list[Match] = []
    ambiguous: list[Ambiguity] = []
    for s, i, j in pairs:
        if i in used_old or j in used_new:
            continue
        rivals = [(i, j2, s2) for s2, j2 in by_old[i] if j2 != j and j2 not in used_new
                  and s2 >= s - MARGIN and s2 >= best(by_new[j2], used_old) - MARGIN]
        rivals += [(i2, j, s2) for s2, i2 in by_new[j] if i2 != i and i2 not in used_old
                   and s2 >= s - MARGIN and s2 >= best(by_old[i2], used_new) - MARGIN]
        used_old.add(i)
        used_new.add(j)
        if rivals:  # neither is paired; the rivals stay free for their own partners
            ambiguous.append([(i, j, s)] + rivals)
        else:
            matches.append(Match(i, j, s, scored[(i, j)][1]))
    return matches, ambiguous


# ---------------------------------------------------------------------------------------------
# the series


@dataclass
class Release:
    """A report of the series with its completion rows, its period label and its position."""

    report: Report
    rows: list[Completion]
    label: str = ""
    number: int = 0  # 1-based position in the order used
    by_task: dict[str, list[Completion]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for r in self.rows:
            self.by_task.setdefault(r.task_id, []).append(r)


@dataclass
class _Thread:
    """One task across the releases of a series: release number -> task index (and its match)."""

    key: str
    last: _Text  # the latest text of the task
    tasks: dict[int, int] = field(default_factory=dict)
    match: dict[int, Match] = field(default_factory=dict)
    ambiguous: set[int] = field(default_factory=set)


@dataclass
class Series:
    """The releases of one programme and its tasks across them."""

    releases: list[Release] = field(default_factory=list)
    threads: list[_Thread] = field(default_factory=list)


@dataclass
class Tracking:
    """What ``track`` found: the rows, the order used, and notes (ambiguities, unrelated reports)."""

    rows: list[TrackRow]
    order: str
    notes: list[str]
    series: list[Series]
    unrelated: list[str] = field(default_factory=list)   # one line per release of another programme
    duplicates: list[str] = field(default_factory=list)  # one line per release given twice
    backwards: list[str] = field(default_factory=list)   # given order: a release earlier than the one before


def track(releases: Sequence[tuple[Report, list[Completion]]], order: str = "period") -> Tracking:
    """Order the releases, match their tasks and targets, and give one row per task x target x
    release of each series, with flags and trend."""
    reports = [r for r, _ in releases]
    idx, note = order_releases(reports, order)
    notes: list[str] = []
    series: list[Series] = []
    unrelated: list[str] = []
    for number, i in enumerate(idx, 1):
        report, rows = releases[i]
        rel = Release(report, rows, period_label(report), number)
        _place(rel, [_prepare(t) for t in report.tasks], series, notes, unrelated)
    out: list[TrackRow] = []
    for n, s in enumerate(series, 1):
        out += _rows(s, n)
    return Tracking(out, note, notes, series, unrelated, _duplicates(series), _backwards(reports, idx, order))


def _duplicates(series: list[Series]) -> list[str]:
    out = []
    for s in series:
        seen: dict[tuple, Report] = {}
        for rel in s.releases:
            r = rel.report
            keys: list[tuple] = [("source", r.source)] if r.source not in ("<stdin>", "-") else []
            if rel.label not in ("?", "") and r.meta.year:
                keys.append(("period", period_key(r), rel.label))
            for k in keys:
                if k in seen:
                    first = seen[k]
                    out.append(f"{r.source} is given twice (the same file)" if k[0] == "source" else
                               f"{r.source} and {first.source} are both the {release_name(r)} release")
                    break
            else:
                for k in keys:
                    seen[k] = r
    return out


def _backwards(reports: Sequence[Report], idx: list[int], order: str) -> list[str]:
    if order != "given":
        return []
    out = []
    known = [i for i in idx if reports[i].meta.year and (reports[i].meta.kind == "assignment"
                                                        or reports[i].meta.period.end_month)]
    for a, b in zip(known, known[1:]):
        if period_key(reports[b]) < period_key(reports[a]):
            out.append(f"the release order goes backwards: {reports[b].source} ({release_name(reports[b])}) "
                       f"is given after {reports[a].source} ({release_name(reports[a])})")
    return out


def _place(rel: Release, new: list[_Text], series: list[Series], notes: list[str],
           unrelated: Optional[list[str]] = None) -> None:
    """Add a release to the series it belongs to (matching its tasks), or start a new one."""
    if not new:
        notes.append(f"{rel.report.source} has no task rows (layout {rel.report.layout}): nothing to match")
    year = rel.report.meta.year
    place = place_of(rel.report)
    for s in reversed(series):
        first = s.releases[0].report
        if year and first.meta.year and year != first.meta.year:
            why = f"another year ({year}, not {first.meta.year})"
            continue
        other = next((p for r in s.releases if (p := place_of(r.report))), None)
        if place and other and place != other and not (place.endswith(other) or other.endswith(place)):
            why = f"another place ({place}, not {other})"
            continue
        old = [t.last for t in s.threads]
        idf = _idf(old + new)
        matches, ambiguous = match_tasks(old, new, idf)
        smaller = min(len(old), len(new))
        sure = sum(1 for m in matches if m.score >= SURE)
        if smaller and sure < MIN_SHARE * smaller:
            why = (f"{sure} of {smaller} tasks match surely (score >= {SURE}, "
                   f"{MIN_SHARE:.0%} needed): another programme")
            continue
        _join(s, rel, new, matches, ambiguous, notes)
        return
    if series:
        line = (f"{rel.report.source} is not a release of the same programme as "
                f"{series[-1].releases[0].report.source}: {why}")
        notes.append(f"{line}; tracked on its own")
        if unrelated is not None:
            unrelated.append(line)
    s = Series()
    series.append(s)
    _join(s, rel, new, [], [], notes)


def _join(s: Series, rel: Release, new: list[_Text], matches: list[Match],
          ambiguous: list[Ambiguity], notes: list[str]) -> None:
    s.releases.append(rel)
    tasks = rel.report.tasks
    before = {id(th): _id_at(s, th, max(th.tasks)) for th in s.threads if th.tasks}
    for m in matches:
        th = s.threads[m.thread]
        th.tasks[rel.number] = m.task
        th.match[rel.number] = m
        th.last = new[m.task]
    taken = {m.task for m in matches}
    for a in ambiguous:
        desc = ", ".join(f"{before.get(id(s.threads[i]), s.threads[i].key)} ~ {tasks[j].id} ({sc:.2f})"
                         for i, j, sc in a)
        notes.append(f"{rel.report.source}: ambiguous match, not paired: {desc}")
        for i, _j, _ in a:
            s.threads[i].ambiguous.add(rel.number)
        for j in {j for _, j, _ in a} - taken:
            s.threads.append(_Thread(f"K{len(s.threads) + 1}", new[j], {rel.number: j}, ambiguous={rel.number}))
            taken.add(j)
    for j in range(len(tasks)):
        if j not in taken:
            s.threads.append(_Thread(f"K{len(s.threads) + 1}", new[j], {rel.number: j}))


# ---------------------------------------------------------------------------------------------
# targets and rows


def _target_sim(a: Completion, b: Completion) -> float:
    from .rules import default_rules

    if a.target.kind != b.target.kind or a.target.unit != b.target.unit:
        return -1.0
    rules = default_rules()
    sim = max(similarity(a.metric, b.metric, rules), similarity(b.metric, a.metric, rules))
    return sim + (0.1 if a.target.value == b.target.value else 0.0)


def _match_targets(threads: list[dict[int, Completion]], rows: list[Completion]) -> list[Optional[int]]:
    """For each row, the target thread it continues, or None: same kind and unit, and a metric
    that names the same thing (or no metric, when the two are the only ones of their kind and
    unit); best first, one to one."""
    sims = {(i, j): _target_sim(th[max(th)], r) for i, th in enumerate(threads) for j, r in enumerate(rows)}
    per_thread = Counter(i for (i, _), v in sims.items() if v >= 0)
    per_row = Counter(j for (_, j), v in sims.items() if v >= 0)
    pairs = sorted(((-v, i, j) for (i, j), v in sims.items()
                    if v >= MIN_TARGET_SIM or (v >= 0 and per_thread[i] == per_row[j] == 1
                                               and not (threads[i][max(threads[i])].metric and rows[j].metric))))
    out: list[Optional[int]] = [None] * len(rows)
    used: set[int] = set()
    for _, i, j in pairs:
        if out[j] is None and i not in used:
            out[j] = i
            used.add(i)
    return out


def _end_month(c: Completion, release: Release) -> Optional[int]:
    if c.actual is None:
        return None
    if c.expected_rate is not None and "no_period" not in c.flags:
        return round(c.expected_rate * 12 / 100)
    return release.report.meta.period.end_month


def _same_text(a: str, b: str) -> bool:
    return bool(a.strip()) and "".join(a.split()) == "".join(b.split())


def _measure(c: Completion) -> Optional[float]:
    """How far a target has got: its rate, or the actual itself for a level (growth, rank)."""
    if c.computed_rate is not None:
        return c.computed_rate
    if c.stated_rate is not None:
        return c.stated_rate
    if c.target.kind in LEVEL_KINDS and c.actual is not None:
        return c.actual.value
    return None


def _trend(cs: list[Completion]) -> Optional[Trend]:
    ms = [(c, m) for c in cs if (m := _measure(c)) is not None]
    if len(ms) < 2:
        return None
    (_, a), (c, b) = ms[-2], ms[-1]
    if math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9):
        return "stalled"
    lower_better = c.target.bound == "ceiling" or c.target.kind == "rank"
    return "gaining" if (b < a) == lower_better else "regressed"


def _target_flags(prev: Optional[Completion], cur: Completion, earlier: list[tuple[Completion, Optional[int]]],
                  end: Optional[int]) -> list[str]:
    flags = []
    if prev is not None:
        t0, t1 = prev.target, cur.target
        if t0.bound != t1.bound or not math.isclose(t0.value or 0, t1.value or 0, rel_tol=1e-9):
            flags.append("target_changed")
        a0, a1 = prev.actual, cur.actual
        # the same figure again: a total that has not moved, or a level of the same period
        if a0 is not None and a1 is not None and a0.unit == a1.unit and a0.value is not None \
                and a1.value is not None and math.isclose(a0.value, a1.value, rel_tol=1e-9) \
                and (cur.target.kind not in LEVEL_KINDS or not (a0.period and a1.period and a0.period != a1.period)):
            flags.append("figure_repeated")
        if prev.status == "behind" and cur.status == "behind":
            flags.append("behind_repeatedly")
    a = cur.actual
    if a is not None and a.value is not None and cur.target.kind not in LEVEL_KINDS \
            and a.kind in ("amount", "quantity"):
        for c, m in earlier:
            b = c.actual
            if b is not None and b.value is not None and b.unit == a.unit and b.value > a.value * (1 + 1e-9) \
                    and (m is None or end is None or m <= end):
                flags.append("cumulative_decreased")
                break
    return flags


def _rows(s: Series, series_no: int) -> list[TrackRow]:
    out: list[TrackRow] = []
    # a task is added when it is not in the first release that has task rows
    first = next((rel.number for rel in s.releases if rel.report.tasks), 0)
    for th in s.threads:
        # the target threads of this task: release number -> Completion
        tthreads: list[dict[int, Completion]] = []
        for rel in s.releases:
            j = th.tasks.get(rel.number)
            if j is None:
                continue
            crows = rel.by_task.get(rel.report.tasks[j].id, [])
            for row, t in zip(crows, _match_targets(tthreads, crows), strict=False):
                if t is None:
                    tthreads.append({rel.number: row})
                else:
                    tthreads[t][rel.number] = row
        for k, tt in enumerate(tthreads or [{}], 1):
            present = [tt[n] for n in sorted(tt)]
            trend = _trend(present)
            out += _thread_rows(s, series_no, th, tt, f"{th.key}.{k}" if tt else None, trend, first)
    return out


def _thread_rows(s: Series, series_no: int, th: _Thread, tt: dict[int, Completion],
                 target_key: Optional[str], trend: Optional[Trend], first: int) -> list[TrackRow]:
    rows: list[TrackRow] = []
    prev_task: Optional[Task] = None
    prev_row: Optional[Completion] = None
    earlier: list[tuple[Completion, Optional[int]]] = []
    seen = False
    dropped_said = False
    for rel in s.releases:
        j = th.tasks.get(rel.number)
        task = rel.report.tasks[j] if j is not None else None
        flags: list[str] = []
        if task is None:
            if seen and not dropped_said and rel.report.tasks:  # a release without rows drops nothing
                flags.append("ambiguous_match" if rel.number in th.ambiguous else "task_dropped")
                dropped_said = True
        else:
            if not seen and rel.number != first:
                flags.append("ambiguous_match" if rel.number in th.ambiguous else "task_added")
            seen, dropped_said = True, False
        c = tt.get(rel.number)
        if c is not None:
            end = _end_month(c, rel)
            flags += _target_flags(prev_row, c, earlier, end)
            earlier.append((c, end))
            prev_row = c
        if task is not None and prev_task is not None and rel.report.meta.kind == "progress" \
                and _same_text(task.progress_text, prev_task.progress_text):
            flags.append("text_unchanged")
        m = th.match.get(rel.number)
        rows.append(TrackRow(
            series=series_no, task_key=th.key, target_key=target_key, release=rel.number,
            period=rel.label, source=rel.report.source, present=task is not None,
            task_id=task.id if task else None, seq=task.seq if task else None,
            leader=(task.leader if task and task.leader else _leader(s, th)), lead_units=task.lead_units if task else [],
            content=task.content if task else "",
            metric=c.metric if c else None, target=c.target if c else None,
            actual=c.actual if c else None, computed_rate=c.computed_rate if c else None,
            stated_rate=c.stated_rate if c else None, expected_rate=c.expected_rate if c else None,
            status=c.status if c else None, trend=trend, flags=flags,
            matched_with=_prev_id(s, th, rel.number) if m else None,
            match_score=round(m.score, 3) if m else None, match_evidence=m.evidence if m else []))
        if task is not None:
            prev_task = task
    return rows


def _prev_id(s: Series, th: _Thread, number: int) -> Optional[str]:
    """``T2.1@h1``: the task this one was matched with, in the latest earlier release having it."""
    earlier = [n for n in th.tasks if n < number]
    return _id_at(s, th, max(earlier)) if earlier else None


def _id_at(s: Series, th: _Thread, n: int) -> str:
    rel = next(r for r in s.releases if r.number == n)
    return f"{rel.report.tasks[th.tasks[n]].id}@{rel.label}"


def _leader(s: Series, th: _Thread) -> Optional[str]:
    """The task's leader in the first release that prints one (a release without leader
    headings takes it from the assignment list or another release)."""
    for rel in s.releases:
        j = th.tasks.get(rel.number)
        if j is not None and rel.report.tasks[j].leader:
            return rel.report.tasks[j].leader
    return None
