"""Targets <-> actuals inside a task -> Completion rows with rates, status and reason.

A *target* is a claim with role ``target`` (task content, a target column, or a target restated
in the progress text: ``(目标120户)``). Its *actual* is the progress claim that measures the same
thing: the same dimension (money with money in the same currency, 吨 with 吨 and 载重吨, 标箱 with
TEU, a unitless ``2.3万`` with ``4.5万人``, growth with growth), a metric that names the same
thing (the head of the metric phrase: ``岑港水库扩容工程完成土石方开挖`` measures 土石方开挖, so it
does not report on ``岑港水库扩容``), the report's own period first, then the latest earlier
cut-off; a since-inception total (``累计``) only when nothing else is there.

Rates: ``computed_rate = actual / target * 100``; ``stated_rate`` is the completion claim that
follows the actual in the same sentence (``完成年度计划的52.89%``); ``consistent`` says whether
the two agree within the rounding the printed figures allow (wider for 约/余/左右);
``expected_rate = end_month / 12 * 100`` of the actual's period (else the report's).

Status: :mod:`zsprogress.completion_status` (computed in the target's direction, :mod:`zsprogress.direction`;
the report's own status words beside it, and in its place when no figure decides).

Traps: a figure that only restates the target (the same value and unit, a threshold such as
``50万元以上行政村``, or the scope of work under way: ``推进9个…试点项目建设``) is not an actual;
a part (``其中…``) is a weaker report on the whole than the whole; shares link to shares and
levels (…率) to levels.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from itertools import groupby
from operator import attrgetter
from typing import Optional

import regex

from .carry import carry_metrics, lone_rates
from .completion_status import BACKWARD, LEVEL_KINDS, computed_status, stated_status
from .direction import direction, is_change_rate
from .gcpause import gc_paused
from .models import ActualRef, Claim, Completion, Report, StatedStatus, Status, TargetRef, Task
from .normalize import NumberWords, ScriptFold, parse_number
from .rules import RuleSet, default_rules
from .traps import (
    clause_after,
    clause_before,
    is_level,
    is_share,
    is_subpart,
    listed,
    named,
    rate_of_noun,
    restates,
    share_noun,
    share_phrase,
)

MIN_SIMILARITY = 0.5
MIN_SIMILARITY_UNIQUE = 0.25  # ... for the one figure of a specific unit named alike (the others
                              # of that unit at most half as alike)
MIN_RATE_SIMILARITY = 0.25  # a lone stated rate must share something with the target's metric
RATE_GAP = 12  # a rate right after a figure (累计开工数143;开工率95.33%): at most this far after it
MAX_RATE = 300.0  # an actual over 3x its annual target is taken to measure something else
SHORT_METRIC = 2  # a metric this short (投资) is read with the one before it (context_metrics)
MAX_PAIRS = 200_000  # targets x figures of one task beyond which it is not linked (a garbage cell)
TARGET_KINDS = {"amount", "quantity", "percent", "growth", "pp_change", "rank", "completion"}
ROLE = attrgetter("role")
TONE_SCORE = {"underway": -0.3, "done": 0.1, "scope": -0.3}  # what the words around a figure add (_Figure.tone)


YEAR = re.compile(r"(?:19|20)\d{2}")
NOT_WORDS = regex.compile(r"[\s\p{P}]+")  # spaces and punctuation: no words of a figure's


def _verbs_only(rules: RuleSet) -> Optional[regex.Pattern]:
    """A run of completion verbs and nothing else (``[progress] result_verb``, repeated: 已完成,
    累计完成, 已开工), made once per rule set; None without the verbs."""
    if "_link_verbs_only" not in vars(rules):
        verb = rules.progress.get("result_verb")
        rx = regex.compile(f"(?:{verb.pattern})+", verb.flags) if verb is not None else None
        object.__setattr__(rules, "_link_verbs_only", rx)
    return vars(rules)["_link_verbs_only"]


def _dim(c: Claim, rules: RuleSet) -> tuple:
    if c.kind == "amount":
        return ("money", c.unit)
    if c.kind == "quantity":
        if c.unit is None:
            return ("quantity", None)
        info = _canonical_dims(rules).get(c.unit)
        return ("quantity", info or f"count:{c.unit}")
    if c.kind == "growth":
        return ("growth", c.unit)
    if is_change_rate(c, rules):  # 涨幅控制在3%以内: compared with growths
        return ("growth", "%")
    return (c.kind,)


def _canonical_dims(rules: RuleSet) -> dict[str, str]:
    d = getattr(rules, "_canon_dims", None)
    if d is None:
        d = {u.canonical: u.dimension for u in rules.units.values()}
        object.__setattr__(rules, "_canon_dims", d)
    return d


def _compatible(dt: tuple, da: tuple) -> bool:
    """Whether figures of dimensions ``dt`` (the target's) and ``da`` may measure the same thing."""
    if dt == da:
        return True
    # a scaled number with no unit (城镇新增就业2.3万) may report on people or counts
    if dt[0] == da[0] == "quantity" and (dt[1] is None or da[1] is None):
        other = dt[1] or da[1]
        return other is None or other in ("people", "person-times", "households") or other.startswith("count:")
    return False


def _head(metric: str, rules: RuleSet) -> str:
    split = rules.metric.get("head_split")
    if split is None:
        return metric
    parts = [p for p in split.split(metric) if p]
    return parts[-1] if parts else metric


def number_words(rules: RuleSet) -> NumberWords:
    """The number words of a rule set (四 -> 4), made once."""
    if "_link_words" not in vars(rules):
        object.__setattr__(rules, "_link_words", NumberWords(rules.digits, rules.scales, rules.vague,
                                                             rules.number_words))
    return vars(rules)["_link_words"]


def _script(rules: RuleSet) -> Optional[ScriptFold]:
    """Traditional -> simplified (numbers.toml ``[words] traditional``), made once per rule set."""
    if "_link_script" not in vars(rules):
        trad = str((rules.number_words or {}).get("traditional", ""))
        object.__setattr__(rules, "_link_script", ScriptFold(trad) if trad.strip() else None)
    return vars(rules)["_link_script"]


def _canon(metric: str, rules: RuleSet) -> str:
    """A metric in one script (有效投資 -> 有效投资: a report in 繁體 under a target in 简体), its
    synonyms replaced (GDP -> 地区生产总值)."""
    script = _script(rules)
    if script is not None:
        metric = script(metric)
    keys = _synonym_keys(rules)
    if keys is None or not keys.search(metric):
        return metric  # no synonym to replace (the common case, found in one search)
    for k, v in rules.synonyms.items():
        if k in metric and v not in metric:
            metric = metric.replace(k, v)
    return metric


def _synonym_keys(rules: RuleSet) -> Optional[re.Pattern]:
    """One search for any of the words ``[synonyms]`` replaces (None without synonyms)."""
    if "_synonym_rx" not in vars(rules):
        rx = re.compile("|".join(map(re.escape, rules.synonyms))) if rules.synonyms else None
        object.__setattr__(rules, "_synonym_rx", rx)
    return vars(rules)["_synonym_rx"]


def _canon_head(metric: str, rules: RuleSet) -> tuple[str, str]:
    """A metric phrase with its synonyms made canonical, and the head of that."""
    full = _canon(metric, rules)
    return full, _head(full, rules)


def similarity(target_metric: Optional[str], actual_metric: Optional[str], rules: RuleSet,
               strict: bool = False) -> float:
    """How surely two metric phrases name the same thing (0..1), on their heads.

    ``strict`` (for generic units: %, 元, 个, none) also asks that the last two characters of
    the target's head, the noun measured (强度, 总量, 就业), appear in the actual's head."""
    if not target_metric or not actual_metric:
        return 0.0
    return _similar(_canon_head(target_metric, rules)[1], _canon_head(actual_metric, rules), strict)


def _similar(th: Optional[str], actual: Optional[tuple[str, str]], strict: bool) -> float:
    """:func:`similarity` of a target's head ``th`` and an actual's (canonical phrase, head)
    (0 when either has no metric)."""
    if not th or actual is None:
        return 0.0
    full, ah = actual
    if not ah:
        return 0.0
    if th in ah or (ah in th and len(ah) * 2 >= len(th)):
        return 1.0
    if th.endswith(ah) and len(ah) >= 2:
        # the same measured noun (落地率); how much of the target the whole actual phrase covers
        cover = len(set(th) & set(full)) / len(set(th))
        # a bare noun (产值, 活动) stands for the target's; a qualified one (市重点项目…投资) must
        # share its qualifiers with the target (千项万亿重大项目…投资 is another thing)
        return 0.5 + 0.5 * cover if full == ah else 0.2 + 0.8 * cover
    if len(ah) >= 3 and th[-2:] == ah[-2:] and _in_order(ah, th):
        # the target's phrase with qualifiers left out (新增学位 for 新增公办幼儿园学位): the same
        # noun, the same words around it
        return 0.5 + 0.5 * len(ah) / len(th)
    if strict and len(th) >= 2 and th[-2:] not in ah:
        return 0.0
    # how much of the target's description the actual covers, by characters and by pairs
    tc, ac = set(th), set(ah)
    chars = len(tc & ac) / len(tc)
    tb = set(zip(th, th[1:]))
    ab = set(zip(ah, ah[1:]))
    bigrams = len(tb & ab) / len(tb) if tb else chars
    return 0.6 * chars + 0.4 * bigrams


def _in_order(short: str, long: str) -> bool:
    """Whether every character of ``short`` is in ``long``, in the same order."""
    it = iter(long)
    return all(ch in it for ch in short)


def _bound(c: Claim) -> str:
    if "upper_bound" in c.qualifiers:
        return "ceiling"
    if "lower_bound" in c.qualifiers:
        return "floor"
    if "approx" in c.qualifiers:
        return "approx"
    return "exact"


def _half_unit_rel(c: Claim) -> float:
    """Relative rounding error of a printed figure: 3.57亿 -> 0.005/3.57."""
    num = ""
    for ch in c.text:  # the first run of digits and dots is the number
        if ch.isdigit() or ch == ".":
            num += ch
        elif num:
            break
    if not num:
        return 0.05
    try:
        v = float(num.strip("."))
    except ValueError:
        return 0.05
    if v == 0:
        return 0.05
    dec = len(num.split(".")[1]) if "." in num else 0
    rel = 0.5 * 10 ** (-dec) / v
    if "approx" in c.qualifiers:
        rel = max(rel * 2, 0.05)
    return rel


def _consistent(target: Claim, actual: Claim, computed: float, stated: Claim) -> bool:
    tol = computed * (_half_unit_rel(target) + _half_unit_rel(actual))
    s = "".join([ch for ch in stated.text if ch.isdigit() or ch == "."])
    dec = len(s.split(".")[-1]) if "." in s else 0
    tol += 0.5 * 10 ** (-dec) + 0.05
    return abs(computed - (stated.value or 0)) <= tol


def _confirmed_by(target: Claim, a: Claim, rate: Optional[float], st: Optional[Claim],
                  column: Optional[Claim], scene: _Scene) -> tuple[bool, Optional[str]]:
    """Whether a rate confirms ``a`` as the actual of ``target`` (actual / target = ``rate``), and
    the flag of the rule when it is not the rate stated for ``a``: the rate stated for it
    (stated_rates) agreeing, and not the rate of another noun; else the row's rate column
    (``column_rate_confirms``: no rate stated for it); else the rate printed right after it,
    agreeing to its last decimal (``rate_confirms``: 累计开工数143;开工率95.33%, though
    stated_rates gave it another one)."""
    if rate is None:
        return False, None
    if st is not None and bool(st.value) and _consistent(target, a, rate, st) \
            and not rate_of_noun(a, st, scene.text):
        return True, None
    if st is None and column is not None and bool(column.value) and _consistent(target, a, rate, column):
        return True, "column_rate_confirms"
    after = scene.rate_after(a)
    if after is not None and _agrees_exactly(rate, after):
        return True, "rate_confirms"
    return False, None


def _agrees_exactly(computed: float, rate: Claim) -> bool:
    """A rate printed with decimals (95.33%) that actual / target gives to its last digit: the
    evidence that pairs a figure named unlike its target (累计开工数143 for 计划完成数150). A whole
    percent (36%) or the rounding of the figures themselves (_consistent) leaves too much room
    for a chance agreement (6 of 10 against 57.3%)."""
    s = "".join(ch for ch in rate.text if ch.isdigit() or ch == ".")
    dec = len(s.split(".")[-1]) if "." in s else 0
    return dec >= 1 and rate.value is not None and abs(computed - rate.value) <= 0.5 * 10 ** (-dec) + 1e-9


def _period_score(a: Claim, report_end: Optional[int]) -> float:
    if a.end_month is None:
        return 0.05
    if report_end is None:
        return 0.1
    if a.end_month == report_end:
        return 0.2
    if a.end_month < report_end:
        return 0.1 + a.end_month / 1000  # the latest earlier cut-off first
    return 0.0


NAME_MAX = 20  # a task content this short, without digits, names an indicator rather than a task


def _is_name(content: str) -> bool:
    return 0 < len(content) <= NAME_MAX and not any(ch.isdigit() for ch in content)


class _Scene:
    """One task as linking sees it: its progress text, the metrics read in context
    (:func:`context_metrics`), its figures that may be actuals (:class:`_Figure`), and each
    metric phrase made canonical once."""

    def __init__(self, task: Task, rules: RuleSet, context: dict[int, str], actuals: list[Claim]):
        self.rules = rules
        self.text = task.progress_text
        self.context = context
        self.inc = rules.metric.get("increment")
        self.done_rx = rules.progress.get("done")
        self.underway_rx = rules.progress.get("underway")
        self.scope_rx = rules.progress.get("scope_before")
        self._heads: dict[str, tuple[str, str]] = {}
        self._incs: dict[str, bool] = {}
        self._alike: dict[tuple, list[Claim]] = {}
        # a row named by an indicator (地区生产总值(GDP) | 增长6%以上 | 4297.8 | 6.2): its figures
        # without words of their own measure what the row names
        self.named = task.content if _is_name(task.content) else None
        self.figures = [_Figure(a, self) for a in actuals]
        self.dims = {f.dim for f in self.figures}
        # percents of the progress in text order: a rate printed right after a figure (累计开工数
        # 143;开工率95.33%) may be that figure's share of its target (rate_after)
        self.percents = sorted((a for a in actuals if a.unit == "%" and a.value), key=lambda c: c.start)
        self.starts = sorted(a.start for a in actuals)

    def rate_after(self, a: Claim) -> Optional[Claim]:
        """The percent printed right after ``a`` (within RATE_GAP characters, no figure between):
        what confirms ``a`` as a target's actual when actual / target agrees with it."""
        for r in self.percents:
            if r.start >= a.end:
                between = [x for x in self.starts if a.end <= x < r.start]
                return r if r.start - a.end <= RATE_GAP and not between else None
        return None

    def metric(self, c: Claim) -> Optional[str]:
        """A claim's metric, read with the one before it when it is too short (context_metrics),
        or the row's name when it has none and the row is named by an indicator."""
        return self.context.get(id(c), c.metric) or self.named

    def heads(self, metric: Optional[str]) -> Optional[tuple[str, str]]:
        """A metric phrase made canonical, and its head (:func:`_canon_head`); None without one."""
        if not metric:
            return None
        if metric not in self._heads:
            self._heads[metric] = _canon_head(metric, self.rules)
        return self._heads[metric]

    def head(self, metric: Optional[str]) -> Optional[str]:
        h = self.heads(metric)
        return h[1] if h is not None else None

    def alike(self, a: Claim) -> list[Claim]:
        """The figures of the same field, kind and unit as ``a``, in text order."""
        key = (a.field, a.kind, a.unit)
        if key not in self._alike:
            self._alike[key] = sorted((f.claim for f in self.figures if (f.claim.field, f.claim.kind,
                                                                         f.claim.unit) == key),
                                      key=attrgetter("start"))
        return self._alike[key]

    def increment(self, words: Optional[str]) -> bool:
        """Whether the words say the thing is new (新增, 新建)."""
        if not words or self.inc is None:
            return False
        if words not in self._incs:
            self._incs[words] = bool(self.inc.search(words))
        return self._incs[words]


class _Figure:
    """A progress figure that may be the actual of a target, as linking sees it: each question
    asked of it answered once per task, however many targets ask."""

    def __init__(self, claim: Claim, scene: _Scene):
        self.claim = claim
        self.scene = scene
        self.dim = _dim(claim, scene.rules)

    @cached_property
    def heads(self) -> Optional[tuple[str, str]]:
        """Its metric (read in context), canonical, and the head of that."""
        return self.scene.heads(self.scene.metric(self.claim))

    @cached_property
    def counted(self) -> Optional[tuple[str, str]]:
        """The noun after a count (6项制度创新成果案例 -> 制度创新成果案例), canonical, and its head."""
        return self.scene.heads(_counted(self.claim, self.scene.text, self.scene.rules))

    @cached_property
    def before(self) -> str:
        return clause_before(self.scene.text, self.claim)

    @cached_property
    def after(self) -> str:
        return clause_after(self.scene.text, self.claim)

    @cached_property
    def new(self) -> bool:
        """Its metric says the thing is new (新增, 新建)."""
        return self.scene.increment(self.claim.metric)

    @cached_property
    def done(self) -> bool:
        """The words after it say it is done (其中4项已完成)."""
        rx = self.scene.done_rx
        return rx is not None and bool(rx.search(self.scene.text[self.claim.end:self.claim.end + 32]))

    @cached_property
    def tone(self) -> Optional[str]:
        """What the words around it make of it: ``underway`` (10项民生实事项目有序推进: the scope,
        not what was done), ``done`` (其中4项已完成), ``scope`` (推进2024年度9个…试点项目建设:
        the scope of work under way), or None."""
        sc, c = self.scene, self.claim
        if sc.underway_rx is not None and sc.underway_rx.search(sc.text[c.end:c.end + 32]):
            return "underway"
        if self.done:
            return "done"
        if sc.scope_rx is not None and sc.scope_rx.search(self.before):
            return "scope"
        return None

    @cached_property
    def subpart(self) -> bool:
        return is_subpart(self.scene.text, self.claim, self.scene.rules)

    @cached_property
    def verb_only(self) -> bool:
        """Its words are nothing but a completion verb (已完成32公里, 已开工1万亩, 1万亩已开工): the
        clause around it, less its period (上半年, 截至6月底: never one naming a year), is made of
        ``[progress] result_verb`` alone, and so is its metric, if it has one. A noun (完成养护32
        公里), a year (2022年已完成), a part (其中已完成) or a word of scope (全市) is more than a verb."""
        sc, c = self.scene, self.claim
        only = _verbs_only(sc.rules)
        if only is None or self.subpart:
            return False
        before = self.before
        if c.period and c.period in before and not YEAR.search(c.period):
            before = before.replace(c.period, "", 1)
        words = NOT_WORDS.sub("", before + self.after)
        metric = sc.metric(c)
        return bool(only.fullmatch(words)) and (not metric or bool(only.fullmatch(metric)))


@dataclass
class _Aim:
    """One target as its candidate actuals are scored: what is asked of every figure about the
    target, answered once (its head, the group or programme it names, whether it is new...)."""

    target: Claim
    dim: tuple
    strict: bool  # a generic unit (%, 元, 个, none): the measured noun must match too (_similar)
    head: Optional[str]
    name: Optional[str]  # the thing it names (traps.named), found after a count
    group: Optional[str]  # numbered_group
    programme: Optional[str]  # programme_named
    share: Optional[str]  # the words a percent target is a share of (share_phrase), if it is one
    new: bool  # its metric says the thing is new (新建8家)
    divisor: Optional[float]  # the target's value when a rate is actual / target (not a level)
    total: bool  # not a cumulative (累计) target

    @classmethod
    def of(cls, target: Claim, dim: tuple, scene: _Scene, shares: dict[int, str]) -> _Aim:
        rules = scene.rules
        tm = scene.metric(target)
        return cls(target=target, dim=dim, strict=_generic(dim), head=scene.head(tm), name=named(tm, rules),
                   group=numbered_group(tm, rules), programme=programme_named(tm, rules),
                   share=shares.get(id(target)), new=scene.increment(target.metric),
                   divisor=target.value if target.kind not in LEVEL_KINDS else None,
                   total="cumulative" not in target.qualifiers)


def _named_alike(aim: _Aim, f: _Figure, scene: _Scene) -> float:
    """How surely figure ``f`` names what the target measures (0..1), from its metric's head,
    then three exceptions: a figure outside the numbered group the target names measures
    something else (战略性新兴产业 does not report on 四大新兴产业, nor 民间投资 on 5大…指标: 0);
    a count naming the target's programme reports on it (新落户海纳计划项目30个 for “舟创未来”海纳计划
    人才40个: 0.8); a count names what it counts after its classifier (6项制度创新成果案例), or the
    thing the target names (4个城乡风貌区已按…完成建设: 0.8)."""
    a = f.claim
    sim = _similar(aim.head, f.heads, aim.strict) if aim.head else 0.0
    am = scene.metric(a) or ""
    if aim.group is not None and aim.group not in am:
        return 0.0
    if aim.programme is not None and a.kind == "quantity" and aim.programme in am:
        sim = max(sim, 0.8)
    if a.kind == "quantity" and a.unit is not None and sim < 1.0:  # (1.0 is the most there is)
        sim = max(sim, _similar(aim.head, f.counted, aim.strict))
        if aim.name and aim.name in f.after:
            sim = max(sim, 0.8)
    return sim


def _lone_alike(sims: list[float], strict: bool) -> Optional[int]:
    """The one figure of a specific unit (平方米, 载重吨) named alike (MIN_SIMILARITY_UNIQUE), the
    others at most half as alike, or None: it is taken though named less alike than
    MIN_SIMILARITY (船队规模 / 船队总运力), as nothing else of that unit may measure the target."""
    loose = [i for i, x in enumerate(sims) if x >= MIN_SIMILARITY_UNIQUE]
    if strict or len(loose) != 1:
        return None
    return loose[0] if all(x * 2 <= sims[loose[0]] for i, x in enumerate(sims) if i != loose[0]) else None


def _share_vs_level(aim: _Aim, a: Claim, sim: float, rules: RuleSet) -> Optional[float]:
    """Between percents: None when a share (占比30%) would report on a level (覆盖率95%) or the
    reverse (never); 0.8 at least when the share's noun is what a forward-read share target
    counts (75%以上行政村… measured by …行政村占比30.4%); else ``sim`` unchanged."""
    target = aim.target
    if not (target.kind == "percent" and a.kind == "percent"):
        return sim
    if is_share(a, rules) != (is_share(target, rules) or aim.share is not None) and \
            (is_level(a, rules) or is_level(target, rules)):
        return None
    noun = share_noun(a, rules)
    if aim.share and len(noun) >= 2 and noun in aim.share[:len(noun) + 4]:
        sim = max(sim, 0.8)
    return sim


def _enough_alike(sim: float, confirmed: bool, lone: bool, verb_only: bool = False) -> Optional[float]:
    """A figure named less alike than MIN_SIMILARITY is still a candidate when the report's own
    rate confirms it (实施改造148户,完成率123.3% for 目标120户: 0.9), it is the lone figure of
    its unit named alike (:func:`_lone_alike`: MIN_SIMILARITY), or it is the one figure of the
    target's dimension and its words are only a completion verb (已完成32公里 for 新改建农村公路
    50公里: :func:`_verb_only_alone`, MIN_SIMILARITY); otherwise None (not a candidate)."""
    if sim >= MIN_SIMILARITY:
        return sim
    if confirmed:
        return 0.9
    if lone or verb_only:
        return MIN_SIMILARITY
    return None


def _verb_only_alone(aim: _Aim, f: _Figure, cands: list[_Figure], alone: bool) -> bool:
    """Whether ``f`` reports on the target though it names nothing: its words are only a
    completion verb (:attr:`_Figure.verb_only`: 已完成32公里, 已开工1万亩), it is the only progress
    figure of the target's dimension and unit (no other 公里, none unitless beside it) or every
    other one is said to be under way or not done (已建成18处,2处因征地问题未完工: the 2处 is what
    is left, not a report; 完成养护60公里 or 其中乡道10公里 beside it are not), it is an amount or a quantity (a level, 达到85%, is compared, never
    completed), no part (其中), no figure of a numbered group, and ``alone``: the task has no
    other target of that dimension (a reader would not know whose it is)."""
    return (alone and f.verb_only and f.dim == aim.dim and aim.group is None
            and aim.target.kind in ("amount", "quantity") and f.claim.unit == aim.target.unit
            and (len(cands) == 1 or all(g is f or (g.tone == "underway" and not g.verb_only) for g in cands)))


def _preferences(score: float, aim: _Aim, f: _Figure, confirmed: bool, scene: _Scene) -> float:
    """The preferences among candidates, added to ``score`` one by one (in this order): a rate
    of the report's own that agrees (+0.3); a since-inception total (累计) for a target that is
    not one (-0.15: others first); a new thing (新增) for a target that is not new (-0.1), or,
    for a new one, a figure whose words do not say new (新建8家 is reported by what is new, not
    by 已运营的21家: -0.1); an aspiration or a target restated (-0.5); the words around it
    (TONE_SCORE); a part (其中民间投资30亿元) not said to be done (-0.2: a weaker report on the whole)."""
    a = f.claim
    if confirmed:
        score += 0.3
    if aim.total and "cumulative" in a.qualifiers:
        score -= 0.15
    if f.new and not aim.new:
        score -= 0.1
    elif aim.new and not confirmed and not scene.increment(f.before):
        score -= 0.1
    if "aspiration" in a.qualifiers or a.role == "target":
        score -= 0.5
    if f.tone is not None:
        score += TONE_SCORE[f.tone]
    if f.subpart and not f.done:
        score -= 0.2
    return score


Scored = tuple[float, int, Claim, Optional[str]]  # (score, position, figure, how it was let in)


def _candidates(target: Claim, report_end: Optional[int], scene: _Scene, stated: dict[int, Claim],
                shares: dict[int, str], column: Optional[Claim] = None,
                alone: bool = False) -> tuple[list[Scored], Optional[str]]:
    """The actuals that may report on ``target``, scored (higher is better), or why none may.

    A candidate is a progress figure of a compatible dimension (:func:`_compatible`) that is
    named alike (:func:`_named_alike`, :func:`_share_vs_level`, :func:`_enough_alike`), does not
    only restate the target (traps.restates) and gives a rate of at most MAX_RATE; its score is
    how alike, its period (:func:`_period_score`) and the preferences (:func:`_preferences`).

    A figure is *confirmed* by a rate the progress states for it (stated_rates), or, when it
    has none, by the row's rate column (``column``: :func:`column_rate`, a task of one target)
    agreeing with actual / target (:func:`_consistent`). Each candidate carries the flag of
    the rule that let it in when it is named less alike than MIN_SIMILARITY and only that rule
    did (``column_rate_confirms``, ``verb_only``), else None; ``alone``: the task has no other
    target of this one's dimension."""
    rules, text = scene.rules, scene.text
    dim = _dim(target, rules)
    dims = {d for d in scene.dims if _compatible(dim, d)}
    cands = [f for f in scene.figures if f.dim in dims]
    if not cands:
        return [], "no figure of this dimension in the progress"
    aim = _Aim.of(target, dim, scene, shares)
    sims = [_named_alike(aim, f, scene) for f in cands]
    lone = _lone_alike(sims, aim.strict)
    scored: list[Scored] = []
    restated: list[str] = []
    for pos, f in enumerate(cands):
        a = f.claim
        sim: Optional[float] = _share_vs_level(aim, a, sims[pos], rules)
        if sim is None:
            continue
        if restates(target, a, text, rules):
            restated.append(a.text)
            continue
        rate = a.value / aim.divisor * 100 if aim.divisor and a.value is not None else None
        confirmed, by = _confirmed_by(target, a, rate, stated.get(id(a)), column, scene)
        verb_only = sim < MIN_SIMILARITY and _verb_only_alone(aim, f, cands, alone)
        let_in = None
        if sim < MIN_SIMILARITY and pos != lone:
            let_in = by or ("verb_only" if verb_only else None)
        sim = _enough_alike(sim, confirmed, pos == lone, verb_only)
        if sim is None:
            continue
        if rate is not None and not 0 <= rate <= MAX_RATE:
            continue  # 10亿 against 90个, 5300 against 600: not a report on this target
        score = _preferences(sim + _period_score(a, report_end), aim, f, confirmed, scene)
        scored.append((score, pos, a, let_in))
    if not scored:
        if restated:
            return [], f"{'、'.join(restated)} only restate(s) the target; no other figure measures it"
        return [], f"{len(cands)} figure(s) of this dimension, none measures {target.metric or 'it'}"
    return scored, None


def composite_status(t: Claim, claims: list[Claim], actuals: list[Claim], taken: set[int],
                     task: Task, rules: RuleSet) -> Optional[Status]:
    """The status of a composite growth target from its components, or None.

    A target over a group of N measures (5大结构性指标增长10%; 4个结构性指标均实现10%以上增长, its
    count read as a group: ``[roles] group_count``) is reported by no single figure; when the
    progress gives exactly N growth figures that report on no other target (after the group is
    named there, if it is: 4个结构性指标中,…增长12.5%…下降26.8%…), it is ``met`` when each
    meets the target and ``below`` when one misses."""
    if t.value is None or t.metric is None:
        return None
    text = task.field_text(t.field)
    after_ok = t.kind == "growth" or (t.kind == "percent" and bool(
        (rx := rules.metric.get("growth_after")) is not None and rx.match(text, t.end)))
    if not after_ok:
        return None
    n, noun = None, t.metric
    g = numbered_group(t.metric, rules)
    if g is not None:
        n = parse_number(g[:-1], number_words(rules))
        noun = t.metric[t.metric.find(g) + len(g):]
    else:  # the count just before (4个结构性指标均…): a group, not a target
        for c in claims:
            if c.field == t.field and c.kind == "quantity" and c.role == "unknown" and c.value \
                    and 0 <= t.start - c.end <= 16 and not any(ch in "。;；\n" for ch in text[c.end:t.start]):
                n = c.value
    if not n:
        return None
    strip = rules.metric.get("composite_noun_strip")
    noun = strip.sub("", noun) if strip is not None else noun
    prog = task.progress_text
    at = prog.find(noun) if len(noun) >= 2 else -1
    parts = [a for a in actuals if a.kind == "growth" and id(a) not in taken and a.start >= max(at, 0)
             and a.value is not None]
    if len(parts) != int(n):
        return None
    return "met" if all((a.value or 0) >= t.value for a in parts) else "below"


def numbered_group(metric: Optional[str], rules: RuleSet) -> Optional[str]:
    """The numbered group a target's metric names (四大新兴产业增加值占比 -> 四大), or None: a
    figure that does not name the same group measures something broader (战略性新兴产业) or one
    member of it (5大结构性指标增长10%: 民间投资增长11.4% is one of the five, not the whole)."""
    rx = rules.metric.get("numbered_group")
    m = rx.search(metric) if rx is not None and metric else None
    return m.group(0).replace(" ", "") if m else None


def programme_named(metric: Optional[str], rules: RuleSet) -> Optional[str]:
    """The programme or list a target names (遴选落地“舟创未来”海纳计划人才 -> 海纳计划), or None:
    a count of the progress naming it (新落户海纳计划项目30个) is an item that reports on it."""
    rx = rules.metric.get("programme")
    m = rx.search(metric) if rx is not None and metric else None
    return m.group(0) if m else None


def _counted(a: Claim, progress: str, rules: RuleSet) -> Optional[str]:
    """The noun after a count: 6项制度创新成果案例 -> 制度创新成果案例."""
    seg = progress[a.end:a.end + 14]
    stop = rules.metric.get("after_stop")
    if stop is not None:
        m = stop.search(seg)
        if m:
            seg = seg[:m.start()]
    seg = seg.strip()
    return seg if len(seg) >= 2 else None


Links = list[tuple[Optional[Claim], Optional[str]]]  # each target: its actual, or why none


def _assign(targets: list[Claim], report_end: Optional[int], scene: _Scene, stated: dict[int, Claim],
            shares: dict[int, str], column: Optional[Claim] = None) -> tuple[Links, dict[int, tuple[int, str]]]:
    """Each target its actual: the best-scored pairs first, each figure reporting on one target
    (so 市重点项目预计完成投资440亿元 goes to the 市重点项目 target, not to the first 投资 target);
    and, for a pair let in by a rule of its own (:func:`_candidates`), id(target) -> (id(actual),
    the rule's flag)."""
    out: Links = []
    pairs = []
    dims = [_dim(t, scene.rules) for t in targets]
    for ti, t in enumerate(targets):
        alone = sum(_compatible(dims[ti], d) for d in dims) == 1
        scored, reason = _candidates(t, report_end, scene, stated, shares, column, alone)
        out.append((None, reason))
        pairs += [(score, ti, pos, a, let_in) for score, pos, a, let_in in scored]
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    taken: set[int] = set()
    grounds: dict[int, tuple[int, str]] = {}
    for _score, ti, _pos, a, let_in in pairs:
        if out[ti][0] is None and id(a) not in taken:
            out[ti] = (a, None)
            taken.add(id(a))
            if let_in is not None:
                grounds[id(targets[ti])] = (id(a), let_in)
    for ti, (got, reason) in enumerate(out):
        if got is None and reason is None:
            out[ti] = (None, "the figures that measure it report on other targets of the task")
    return out, grounds


def context_metrics(claims: list[Claim], task: Task) -> dict[int, str]:
    """Metrics too short to name a thing (投资, 产值) read with the metric of the figure before
    them in the same sentence: 实施重大项目47个,年度投资525亿元 -> 重大项目·投资, so that it is told
    apart from 安排市重点项目245个,年度投资885.7亿元 -> 市重点项目·投资."""
    out: dict[int, str] = {}
    if not any(c.metric and len(c.metric) <= SHORT_METRIC for c in claims):
        return out  # no metric too short
    prev: Optional[Claim] = None
    for c in sorted(claims, key=lambda c: (c.field, c.start)):
        if prev is not None and prev.field == c.field and c.metric and len(c.metric) <= SHORT_METRIC \
                and prev.metric and prev.metric != c.metric and len(prev.metric) > SHORT_METRIC:
            gap = task.field_text(c.field)[prev.end:c.start]
            if "。" not in gap and "\n" not in gap:
                out[id(c)] = prev.metric + c.metric
        prev = c
    return out


def _generic(d: tuple) -> bool:
    """Whether a dimension is generic (%, 元, 个, none) rather than a specific unit (平方米, 载重吨)."""
    return not (d[0] == "quantity" and d[1] is not None and not str(d[1]).startswith("count:"))


def stated_rates(claims: list[Claim], progress: str, include_blocked: bool = False,
                 blocked: Optional[set[int]] = None) -> dict[int, Claim]:
    """For each progress figure, the completion claim that states its rate: the first one after
    it in the same sentence, with no other figure of its kind in between (a figure in brackets,
    a breakdown such as 定海12.06公里、普陀10公里, does not count). One pass, right to left. A
    figure of another kind in between makes the rate a candidate only (see ``include_blocked``).

    With ``include_blocked`` a figure followed by another of its kind still gets the sentence's
    nearest completion claim, its id added to ``blocked``: such a rate counts only if it agrees
    with the figure (28台 ... 在建7台 ... 完成目标任务的93% for a target of 30台)."""
    blocked = blocked if blocked is not None else set()
    prog = [c for c in claims if c.field == "progress"]
    if not any(c.kind == "completion" for c in prog):
        return {}  # no rate is stated
    prog.sort(key=attrgetter("start"))
    depth_at: dict[int, int] = {}
    depth, pos = 0, 0
    if "(" in progress or "（" in progress:  # (without an opening bracket no figure is inside one)
        for c in prog:  # bracket depth at each claim, in one forward scan
            seg = progress[pos:c.start]
            depth += seg.count("(") + seg.count("（") - seg.count(")") - seg.count("）")
            depth_at[id(c)] = depth
            pos = c.start
    out: dict[int, Claim] = {}
    pending: Optional[Claim] = None
    later: list[Claim] = []  # completion claims after this point in the sentence
    seen: set[str] = set()
    for c in reversed(prog):
        if later:
            gap = progress[c.end:later[-1].start]
            if "。" in gap or "\n" in gap:
                pending, seen, later = None, set(), []
        if c.kind == "completion":
            pending, seen = c, set()
            later.append(c)
            continue
        if pending is not None and c.kind not in seen:
            out[id(c)] = pending
            if seen:  # figures of other kinds in between (已实施102个,累计完成投资38.15亿元,投资进度44.12%):
                blocked.add(id(c))  # the rate may be theirs: it counts only if it agrees
        elif later and include_blocked:
            out[id(c)] = later[-1] if len(later) == 1 else later[0]
            blocked.add(id(c))
        if depth_at.get(id(c), 0) <= 0:
            seen.add(c.kind)
    for figures, group in _rate_runs(prog, progress):
        for f, r in zip(figures, group, strict=False):
            out[id(f)] = r
            blocked.discard(id(f))
    return out


def _rate_runs(prog: list[Claim], progress: str) -> list[tuple[list[Claim], list[Claim]]]:
    """分别占年度计划的41%、54.7%: a run of rates (one rule, nothing but a separator between them)
    states one rate per figure before it, in order (the figures of the kind printed right before
    the run, in the same sentence)."""
    runs = []
    i = 0
    while i < len(prog):
        c = prog[i]
        if c.kind == "completion":
            j = i + 1
            while j < len(prog) and prog[j].kind == "completion" and prog[j].rule_id == c.rule_id \
                    and len(progress[prog[j - 1].end:prog[j].start]) <= 3:
                j += 1
            group = prog[i:j]
            if len(group) >= 2 and i > 0:
                kind = prog[i - 1].kind
                figures: list[Claim] = []
                k = i - 1
                while k >= 0 and len(figures) < len(group) and prog[k].kind == kind \
                        and not any(x in progress[prog[k].end:c.start] for x in "。;；\n"):
                    figures.insert(0, prog[k])
                    k -= 1
                if len(figures) == len(group):
                    runs.append((figures, group))
            i = j
        else:
            i += 1
    return runs


def _rate_fits(rate: Claim, target: Claim, rules: RuleSet) -> bool:
    """A completion rate that names its own measure (投资完成率) must name the target's."""
    lr = next((r for r in rules.rules if r.rule.id == rate.rule_id), None)
    if lr is None or not lr.rule.own_metric or not rate.metric or not target.metric:
        return True
    measure = rate.metric
    suffix = rules.metric.get("rate_suffix")
    if suffix is not None:
        measure = suffix.sub("", measure)
    head = _head(_canon(measure, rules), rules)
    return not head or head[-2:] in _canon(target.metric, rules)


def _distinct_targets(claims: list[Claim]) -> tuple[list[Claim], dict[int, Optional[float]]]:
    """The targets of a task, each once, and the stretch figure of each that has one.

    - the stretch figure of a growth target (增长6.5%、力争7%: an aspiration of the same kind in
      the same field, at most 4 characters after it) belongs to the target before it;
    - a target restated in the progress text (目标120户) is the target of the task content;
    - a target a target column repeats from the task content (生产总值增长8%左右) is the same one."""
    targets = [c for c in claims if c.role == "target" and c.kind in TARGET_KINDS and c.value is not None]
    stretch: dict[int, Optional[float]] = {}
    kept: list[Claim] = []
    declared: set[tuple] = set()
    first_field: dict[tuple, str] = {}  # (kind, unit, value, metric) -> the field it was first read in
    for c in targets:
        if (kept and c.kind == kept[-1].kind and "aspiration" in c.qualifiers
                and c.field == kept[-1].field
                and c.start - kept[-1].end <= 4):
            stretch[id(kept[-1])] = c.value
            continue
        if c.field == "progress" and (c.kind, c.unit, c.value) in declared:
            continue
        if first_field.get((c.kind, c.unit, c.value, c.metric), c.field) != c.field:
            continue
        if c.field != "progress":
            declared.add((c.kind, c.unit, c.value))
            first_field.setdefault((c.kind, c.unit, c.value, c.metric), c.field)
        kept.append(c)
    return kept, stretch


@dataclass
class _TaskLinks:
    """One task's linking, once its targets are known: the actuals each target took, the rates
    the progress states for its figures, and what every row of the task shares."""

    task: Task
    rules: RuleSet
    claims: list[Claim]
    report_end: Optional[int]
    kept: list[Claim]  # the distinct targets (_distinct_targets)
    stretch: dict[int, Optional[float]]
    actuals: list[Claim]  # progress figures that may report on a target
    rates: list[Claim]  # stated rates of the progress text, or of a 完成率 / 当前进度 cell (status field)
    stated_by: dict[int, Claim]  # figure -> the rate stated for it (stated_rates)
    weak: set[int]  # figures whose stated rate counts only if it agrees (stated_rates)
    scene: _Scene
    shares: dict[int, str]  # percent targets that are a share of the words after them
    links: Links
    said: Optional[StatedStatus]  # the report's own status words
    taken: set[int]  # ids of the figures linked before sums and breakdowns
    used_rates: set[int]  # rates stated for a linked figure (or taken alone by a target)
    grounds: dict[int, tuple[int, str]]  # id(target) -> (id(actual), flag of the rule that let it in)

    @classmethod
    def of(cls, task: Task, claims: list[Claim], kept: list[Claim], stretch: dict[int, Optional[float]],
           report_end: Optional[int], rules: RuleSet) -> _TaskLinks:
        """Link each distinct target to its actual (:func:`_assign`), unless the task holds too
        many pairs (MAX_PAIRS: not a task but a whole document in one cell: do not guess); then
        the sums of parts and the rests of breakdowns."""
        actuals = [c for c in claims if c.role == "actual" and c.field == "progress"
                   and c.kind in TARGET_KINDS and c.value is not None]
        rates = [c for c in claims if c.kind == "completion" and c.field in ("progress", "status")
                 and c.role != "target"]
        crowded = len(actuals) * len(kept) > MAX_PAIRS
        weak: set[int] = set()
        stated_by = {} if crowded else stated_rates(claims, task.progress_text, True, weak)
        scene = _Scene(task, rules, {} if crowded else context_metrics(claims, task), [] if crowded else actuals)
        shares: dict[int, str] = {}
        grounds: dict[int, tuple[int, str]] = {}
        links: Links
        if crowded:
            links = [(None, f"{len(kept)} targets and {len(actuals)} figures in one task: "
                            "too many to link reliably")] * len(kept)
        else:
            for t in kept:
                phrase = share_phrase(t, task.field_text(t.field), rules)
                if phrase:
                    shares[id(t)] = phrase
            links, grounds = _assign(kept, report_end, scene, stated_by, shares, column_rate(kept, rates))
        said = task.stated_status or stated_status(task, claims, rules)
        taken = {id(a) for a, _ in links if a is not None}
        links = [((_sum_of_parts(t, a, actuals, taken, scene) or a)
                  if a is not None else None, why) for t, (a, why) in zip(kept, links, strict=False)]
        links = rest_of_breakdown(kept, links, taken, scene)
        # the rates stated for a linked figure are not free to be another target's only actual
        used_rates = {id(r) for a, _ in links if a is not None and (r := stated_by.get(id(a))) is not None}
        return cls(task=task, rules=rules, claims=claims, report_end=report_end, kept=kept, stretch=stretch,
                   actuals=actuals, rates=rates, stated_by=stated_by, weak=weak, scene=scene, shares=shares,
                   links=links, said=said, taken=taken, used_rates=used_rates, grounds=grounds)

    def several_years(self, t: Claim) -> bool:
        """The words before the target say it spans several years (三年累计…, roles.multi_year):
        no expected rate, no stated rate of this year applies."""
        multi = self.rules.roles.get("multi_year")
        before = self.task.field_text(t.field)[max(0, t.start - 24):t.start]
        return multi is not None and bool(multi.search(before))

    def column_rate(self) -> Optional[Claim]:
        """The row's rate column of this task (:func:`column_rate`)."""
        return column_rate(self.kept, self.rates)

    def rates_of(self, t: Claim, actual: Claim, several_years: bool,
                 flags: list[str]) -> tuple[Optional[float], Optional[float], Optional[float], Optional[bool]]:
        """(computed, stated, expected, consistent) rates of a target and its actual.

        The expected rate is the share of the year elapsed at the actual's cut-off (else the
        report's). The computed rate is actual / target (not for levels: a percent is compared,
        not divided). The stated rate for the actual counts when it agrees with the computed
        one, or when it is not a weak one (stated_rates) and names the target's measure
        (:func:`_rate_fits`); a disagreeing one is flagged ``stated_rate_disagrees``. With no
        rate stated in the progress, the row's rate column (:meth:`column_rate`) is the stated one."""
        computed = stated = expected = None
        consistent = None
        end_month = actual.end_month or self.report_end
        expected = end_month / 12 * 100 if end_month and not several_years else None
        if t.kind not in LEVEL_KINDS and t.value and actual.value is not None:
            computed = actual.value / t.value * 100
            if not math.isfinite(computed):
                computed = None
            if self.grounds.get(id(t)) == (id(actual), "rate_confirms"):
                st = self.scene.rate_after(actual)     # the rate that paired them is the stated one
            else:
                st = self.stated_by.get(id(actual))
            if st is None and (st := self.column_rate()) is not None:
                self.used_rates.add(id(st))
            agrees = (st is not None and st.value is not None and computed is not None
                      and _consistent(t, actual, computed, st))
            if st is not None and st.value is not None and not several_years and (
                    agrees or (id(actual) not in self.weak and _rate_fits(st, t, self.rules))):
                stated = st.value
                if computed is not None:
                    consistent = agrees
                    if not consistent:
                        flags.append("stated_rate_disagrees")
        return computed, stated, expected, consistent

    def status_of(self, t: Claim, actual: Optional[Claim], rate: Optional[float], stated: Optional[float],
                  expected: Optional[float], way: str, flags: list[str],
                  reason: Optional[str]) -> tuple[Status, Optional[float], Optional[str]]:
        """(status, expected rate, reason) of a row: computed from the rate (:func:`computed_status`),
        then, in order: a stated level alone (覆盖率100%) compared with the target's level; a
        composite target by its components (:func:`composite_status`); the report's own status
        words where no figure decides."""
        status = computed_status(t.kind, _bound(t), rate, expected, t, actual, lower_better=way == "lower")
        if "stated_only" in flags and t.kind in LEVEL_KINDS and stated is not None and t.value is not None:
            status = "met" if (stated <= t.value if way == "lower" else stated >= t.value) else "below"
            expected = None
        if status == "unknown" and actual is None and stated is None:
            parts = composite_status(t, self.claims, self.actuals, self.taken, self.task, self.rules)
            if parts is not None:
                status = parts
                flags.append("components")
                reason = "a composite target: its components, none of which is the whole"
        if status == "unknown" and self.said is not None:
            status = self.said.status
            flags.append("stated_status")
        return status, expected, reason

    def row(self, t: Claim, actual: Optional[Claim], reason: Optional[str]) -> Completion:
        """The completion row of target ``t``: its actual's rates and flags, or the rate the
        report states alone (:func:`stated_only_rate`), then its status."""
        task, rules = self.task, self.rules
        several_years = self.several_years(t)
        computed = stated = expected = None
        consistent = None
        flags: list[str] = []
        if actual is not None:
            computed, stated, expected, consistent = self.rates_of(t, actual, several_years, flags)
            if "sum_of_parts" in actual.qualifiers:
                flags.append("sum_of_parts")
            if "rest_of_breakdown" in actual.qualifiers:
                flags.append("rest_of_breakdown")
            if "estimate" in actual.qualifiers:
                flags.append("estimate")
            if "approx" in actual.qualifiers:
                flags.append("approx")
            if actual.end_month is None:
                flags.append("no_period")
            # named less alike than MIN_SIMILARITY: what let it in (_candidates)
            ground = self.grounds.get(id(t))
            if ground is not None and ground[0] == id(actual):
                flags.append(ground[1])   # column_rate_confirms, rate_confirms, verb_only
        elif (only := stated_only_rate(t, self.kept, self.rates, self.used_rates, self.scene)) is not None:
            # the report gives only a rate: 已完成整体进度的58%, 投资完成率46.5%, 覆盖率100%
            self.used_rates.add(id(only))
            stated = only.value
            expected = self.report_end / 12 * 100 if self.report_end else None
            reason = "only a stated completion rate is reported"
            flags.append("stated_only")
        if several_years:
            flags.append("multi_year")
            expected = None
        way = direction(t, rules)
        status, expected, reason = self.status_of(t, actual, computed if computed is not None else stated,
                                                  stated, expected, way, flags, reason)
        return Completion(
            task_id=task.id, seq=task.seq, leader=task.leader, lead_units=task.lead_units,
            metric=self.shares.get(id(t)) or t.metric,
            target=TargetRef(claim_id=t.id, text=t.text, value=t.value, unit=t.unit, bound=_bound(t),
                             stretch=self.stretch.get(id(t)), kind=t.kind),
            actual=_ref(actual) if actual else None,
            computed_rate=computed, stated_rate=stated, expected_rate=expected, status=status,
            consistent=consistent, flags=flags, reason=None if actual else reason,
            direction=way, stated_status=self.said,
            alternatives=[_ref(x) for x in _other_bases(actual, self.actuals)] if actual else [])


def column_rate(kept: list[Claim], rates: list[Claim]) -> Optional[Claim]:
    """The rate of the row's rate column (当前进度 62%, 1-8月实际完成率 62%: a completion claim
    of the status field): the progress of the task, so, for a task of one target (``kept``), the
    stated rate of that target's actual when the progress text states none for it, and what
    confirms a figure named less alike (已开工1600套 for 新建保障性住房2000套 beside 80%). Never a
    target (its figure is the share done, not what is to be done); None when the row has no such
    rate, several, or the task several targets (whose the rate is, the row does not say)."""
    if len(kept) != 1:
        return None
    column = [r for r in rates if r.field == "status" and r.value is not None]
    return column[0] if len(column) == 1 else None


def link_task(task: Task, claims: list[Claim], report_end: Optional[int] = None,
              rules: Optional[RuleSet] = None) -> list[Completion]:
    """The completion rows of one task: each distinct target (:func:`_distinct_targets`) with
    its actual, rates and status (:class:`_TaskLinks`)."""
    rules = rules or default_rules()
    if "target" not in map(ROLE, claims):
        return []  # nothing to report on (the passes below change no role)
    claims = carry_metrics(lone_rates(claims, task), task, rules)
    kept, stretch = _distinct_targets(claims)
    lk = _TaskLinks.of(task, claims, kept, stretch, report_end, rules)
    return _said_of_the_decided([lk.row(t, actual, reason) for t, (actual, reason) in zip(kept, lk.links, strict=False)])


def _said_of_the_decided(rows: list[Completion]) -> list[Completion]:
    """A status column's word that the row is behind (是否达序 否, 滞后) says that some target of
    the row is (one behind is enough), where a word that it is on track says it of all of them:
    where a target is decided by its figures as behind or below, the 否 is explained by it and
    says nothing of a target no figure decides, which stays unknown (a task of three targets, one
    below: 否 is that one's, not the others'). Words in the progress text sit beside the
    figures they speak of and are left as they are."""
    said = [r.stated_status for r in rows if "stated_status" in r.flags]
    if not said or said[0] is None or said[0].field != "status" or said[0].status not in BACKWARD or \
            not any(r.status in BACKWARD for r in rows if "stated_status" not in r.flags):
        return rows
    return [r.model_copy(update={"status": "unknown", "flags": [f for f in r.flags if f != "stated_status"]})
            if "stated_status" in r.flags else r for r in rows]


def stated_only_rate(t: Claim, kept: list[Claim], rates: list[Claim], used: set[int],
                     scene: _Scene) -> Optional[Claim]:
    """The stated rate that is the only actual of a target no figure reports on, or None.

    - the one rate of a task with one target (已完成整体进度的58% for 提升单车道农村公路125公里);
    - a rate that names its own measure (投资完成率46.5%, 改造完成率76.2%, 供养完成率100%) for the
      task's money target whose metric names that measure (年度投资525亿元), or for its coverage
      target (覆盖率85%, a level: the rate is compared with it); of several such rates, the one of
      the latest period (1-6月 before 1-5月).

    A rate already stated for a linked figure (累计完成投资352.9亿元,年度投资完成率40%) is not free."""
    rules = scene.rules
    free = [r for r in rates if r.value is not None and id(r) not in used]
    if not free:
        return None
    if len(kept) == 1 and len(rates) == 1 and t.kind not in LEVEL_KINDS and (
            not free[0].metric or similarity(t.metric, free[0].metric, rules) >= MIN_RATE_SIMILARITY):
        return free[0]
    money, coverage = t.kind == "amount", t.kind == "percent" and is_level(t, rules)
    if not (money or coverage):
        return None
    tm = _canon(scene.metric(t) or "", rules)
    suffix = rules.metric.get("rate_suffix")
    named_rates = []
    for r in free:
        measure = suffix.sub("", r.metric or "") if suffix is not None else (r.metric or "")
        measure = _canon(measure, rules)
        if len(measure) >= 2 and measure[-2:] in tm and (coverage or _money_word(measure, rules)):
            named_rates.append(r)
    if not named_rates:
        return None
    return max(named_rates, key=lambda r: (r.end_month or 0, r.start))


def _money_word(measure: str, rules: RuleSet) -> bool:
    """Whether a rate's measure is money (投资完成率: ``[money] context``)."""
    rx = rules.money.get("context")
    return rx is not None and bool(rx.search(measure[-4:]))


def _sum_of_parts(t: Claim, a: Claim, actuals: list[Claim], taken: set[int], scene: _Scene) -> Optional[Claim]:
    """The parts a target is the sum of, added up (an internal claim, its text the parts joined
    by +): a list of figures of one unit (新奥LNG接收站44万方、上海LNG站线扩建项目44万方) whose
    metrics all name the target (LNG罐容88万方), or one figure per item (两个LNG储罐各22万方)."""
    if t.kind not in ("amount", "quantity") or a.value is None:
        return None
    rules, text = scene.rules, scene.text
    tm = scene.metric(t)
    before = clause_before(text, a)
    each = rules.metric.get("each")
    if each is not None and each.search(before):
        n = next((c for c in actuals if c.field == a.field and c.end <= a.start
                  and c.start >= a.start - len(before) and c.unit != a.unit and c.value), None)
        if n is not None and n.value and float(n.value).is_integer():
            return a.model_copy(update={"value": a.value * n.value, "text": f"{n.text}×{a.text}",
                                        "qualifiers": a.qualifiers + ["sum_of_parts", f"part:{n.id}", f"part:{a.id}"]})
        return None
    same = scene.alike(a)
    i = next(k for k, c in enumerate(same) if c is a)
    lo = hi = i
    while lo > 0 and listed(text[same[lo - 1].end:same[lo].start]):
        lo -= 1
    while hi + 1 < len(same) and listed(text[same[hi].end:same[hi + 1].start]):
        hi += 1
    parts = [c for c in same[lo:hi + 1] if (c is a or id(c) not in taken)
             and _similar(scene.head(tm), scene.heads(c.metric), False) >= MIN_SIMILARITY]
    if len(parts) < 2:
        return None
    total = sum(c.value or 0 for c in parts)
    if t.value and total / t.value * 100 > MAX_RATE:
        return None
    return a.model_copy(update={"value": total, "text": "+".join(c.text for c in parts),
                                "qualifiers": a.qualifiers + ["sum_of_parts"] + [f"part:{c.id}" for c in parts]})


def rest_of_breakdown(kept: list[Claim], links: list[tuple[Optional[Claim], Optional[str]]],
                      taken: set[int], scene: _Scene) -> list[tuple[Optional[Claim], Optional[str]]]:
    """The parts of a breakdown left once some are summed for one target report on the task's
    other target of their unit: 新增油气库容114.4万方(其中盛达燃料油26.4万方、新奥LNG接收站
    44万方、上海LNG站线扩建项目44万方) for 新增油品罐容26万方、LNG罐容88万方: the two LNG parts are
    LNG罐容's (``_sum_of_parts``), 盛达燃料油26.4万方 is what is left, the oil. Only a breakdown
    (a 其中 list), only when exactly one other target of the unit has no actual, and only when the
    rest is not over ``MAX_RATE`` of it."""
    out = list(links)
    for t, (a, _) in zip(kept, links, strict=False):
        if a is None or "sum_of_parts" not in a.qualifiers or "+" not in a.text:
            continue
        same = scene.alike(a)
        i = next((k for k, c in enumerate(same) if c.start == a.start), None)
        if i is None:
            continue
        text = scene.text
        lo = hi = i
        while lo > 0 and listed(text[same[lo - 1].end:same[lo].start]):
            lo -= 1
        while hi + 1 < len(same) and listed(text[same[hi].end:same[hi + 1].start]):
            hi += 1
        members = same[lo:hi + 1]
        if not is_subpart(text, members[0], scene.rules):
            continue
        th = scene.head(scene.metric(t))
        rest = [c for c in members if id(c) not in taken and c.value is not None
                and _similar(th, scene.heads(c.metric), False) < MIN_SIMILARITY]
        dim = _dim(a, scene.rules)
        open_ = [j for j, (t2, (a2, _w)) in enumerate(zip(kept, out, strict=False))
                 if a2 is None and t2 is not t and _compatible(_dim(t2, scene.rules), dim)]
        if not rest or len(open_) != 1:
            continue
        j = open_[0]
        total = sum(c.value or 0 for c in rest)
        whole = kept[j].value
        if not whole or not 0 < total / whole * 100 <= MAX_RATE:
            continue
        got = rest[0] if len(rest) == 1 else rest[0].model_copy(
            update={"value": total, "text": "+".join(c.text for c in rest)})
        out[j] = (got.model_copy(update={"qualifiers": got.qualifiers + ["rest_of_breakdown"]}), None)
    return out


def _ref(c: Claim) -> ActualRef:
    basis = next((q.split(":", 1)[1] for q in c.qualifiers if q.startswith("basis:")), None)
    parts = [q[5:] for q in c.qualifiers if q.startswith("part:")]  # a sum of parts is no one claim
    return ActualRef(claim_id=None if parts else c.id, parts=parts, text=c.text, value=c.value, unit=c.unit, period=c.period, kind=c.kind, basis=basis)


def _other_bases(actual: Claim, actuals: list[Claim]) -> list[Claim]:
    """The same measure on another basis (同口径 beside the headline 自然口径), shown beside it."""
    if not any(q.startswith("basis:") for q in actual.qualifiers):
        return []
    return [a for a in actuals if a is not actual and a.kind == actual.kind and a.metric == actual.metric
            and a.unit == actual.unit and any(q.startswith("basis:") for q in a.qualifiers)]


def link_report(report: Report, claims: Iterable[Claim], rules: Optional[RuleSet] = None) -> list[Completion]:
    rules = rules or default_rules()
    by_task: dict[str, list[Claim]] = {}
    for tid, run in groupby(claims, key=attrgetter("task_id")):  # a task's claims come together
        by_task.setdefault(tid or "", []).extend(run)
    report_end = report.meta.period.end_month if report.meta.kind == "progress" else None
    rows: list[Completion] = []
    with gc_paused():
        for t in report.tasks:
            rows += link_task(t, by_task.get(t.id, []), report_end, rules)
    return rows
