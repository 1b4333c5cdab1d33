"""Task -> claims and skips: every figure becomes a typed, normalized claim or an explained skip.

Every rule of patterns/ runs over the folded text of many fields at once (one pass per rule over
runs of up to BATCH_CHARS characters; a rule's top-level alternatives as separate patterns; rare
rules only in windows around their anchor word). The number-led rules (``starts`` in their
data) are never scanned over the text: they are tried (``pattern.match``) only where a number
starts and their unit follows over number characters, found by a few passes shared by all of
them (see :class:`_Passes`), in the order finditer would try them. What a claim is read against (paragraph,
sentence and clause breaks) is found once per scanned text and looked up by position. The
matches are resolved as one alternation would: the leftmost match wins, at the same start the
rule listed first (periods, skips, then claims by file priority), and matches do not overlap.
Each match becomes a claim (value in base units, canonical unit, sign, metric, period,
qualifiers, role) or a skip with its reason; digits in neither are reported as unexplained.
Each claim keeps the rule id, the exact surface text and its span in the field's text, so
``field_text[start:end] == text``.
"""

from __future__ import annotations

import bisect
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field
from itertools import accumulate
from operator import itemgetter
from typing import Any, Optional

import regex

from .errors import ZsprogressError
from .gcpause import gc_paused
from .limits import cap
from .models import Claim, Skip, Task, claim_id
from .normalize import NumberWords, fold, parse_number, scale_of, vague_max
from .rules import LoadedRule, RuleSet, default_rules

# fields scanned, in order, with the role their figures have by default
FIELDS = (("content", "target"), ("target", "target"), ("progress", "actual"),
          ("status", "unknown"), ("problems", "unknown"), ("next_steps", "unknown"))
DIGIT = regex.compile(r"[0-9０-９]")
DIGITS = regex.compile(r"[0-9０-９]+")
PARA_BREAK = "\n"
MATCH_TIMEOUT = 5.0  # seconds for one rule over one field: a guard against pathological input


@dataclass
class PeriodMark:
    start: int
    end: int
    text: str
    end_month: Optional[int]


@dataclass
class FieldResult:
    claims: list[Claim] = dc_field(default_factory=list)
    skips: list[Skip] = dc_field(default_factory=list)
    periods: list[PeriodMark] = dc_field(default_factory=list)
    unexplained: list[tuple[int, int, str]] = dc_field(default_factory=list)  # start, end, text


@dataclass
class TaskResult:
    claims: list[Claim] = dc_field(default_factory=list)
    skips: list[Skip] = dc_field(default_factory=list)
    unexplained: list[dict] = dc_field(default_factory=list)


def _words(rules: RuleSet) -> NumberWords:
    w = getattr(rules, "_words", None)
    if w is None:
        w = NumberWords(rules.digits, rules.scales, rules.vague, rules.number_words)
        object.__setattr__(rules, "_words", w)
    return w


@dataclass(slots=True)
class _Env:
    """The tables of patterns/ that every claim is read with, looked up once per rule set."""

    comparison: Any
    target_cue: Any
    target_sentence: Any
    done_after_cue: Any
    plan_after: Any
    money: Any
    money_noun: Any
    money_unit: Optional[str]
    strip_prefix: Any
    strip_suffix: Any
    own_trim: Any
    after_stop: Any
    list_end: Any
    distribute: Any
    distribute_sep: Any
    ordinal_mark: Any
    q_names: list[str]
    q_scan: list[tuple[str, Any]]  # (place, alternation) of qualifier_scan, in place order
    projection: Any = None
    group_count: Any = None
    attribute: Any = None
    cue_words: dict = dc_field(default_factory=dict)  # key -> the literal prefilter of its cue (_cue_words)
    prefix_starts: Optional[_FirstChars] = None  # the characters strip_prefix can begin with

    @classmethod
    def of(cls, rules: RuleSet) -> _Env:
        env = getattr(rules, "_env", None)
        if env is None:
            roles, metric, money = rules.roles, rules.metric, rules.money
            env = cls(roles.get("comparison"), roles.get("target_cue"), roles.get("target_sentence"),
                      roles.get("done_after_cue"), roles.get("plan_after"), money.get("context"),
                      money.get("noun_after"), money["unit"].pattern if "unit" in money else None,
                      metric.get("strip_prefix"), metric.get("strip_suffix"), metric.get("own_trim"),
                      metric.get("after_stop"), metric.get("list_end"), metric.get("distribute"),
                      metric.get("distribute_sep"),
                      metric.get("ordinal_mark"), rules.qualifier_names,
                      [(p, rules.qualifier_scan[p]) for p in ("before", "after", "inside", "clause")
                       if rules.qualifier_scan.get(p) is not None])
            env.projection, env.group_count = roles.get("projection"), roles.get("group_count")
            env.attribute = roles.get("attribute")
            env.cue_words = _cue_words(env)
            env.prefix_starts = _FirstChars.of(env.strip_prefix)
            object.__setattr__(rules, "_env", env)
        return env


_SPECIAL_GROUP = regex.compile(r"\(\?(?!:)")  # a group other than (?:...): lookaround, flags, named...


class _FirstChars:
    """The characters a match of a pattern anchored at the text's start can begin with, so that
    the pattern is not run on a text whose first character begins none (``[metric]
    strip_prefix``: most words before a figure start with none of its words). The engine is
    asked one character at a time, by a partial match of that character alone (``regex``'s
    ``partial=True``: None only when no text starting with it can match), and the answer kept.
    Only for a pattern that starts with ``^``, without MULTILINE, and whose only groups are
    plain ``(?:...)`` (no lookaround, whose partial answer at the text's end is not this
    question's, nor an inline flag or any other construct)."""

    def __init__(self, rx: Any) -> None:
        self.rx = rx
        self.known: dict[str, bool] = {}

    @classmethod
    def of(cls, rx: Any) -> Optional[_FirstChars]:
        if rx is None or not rx.pattern.startswith("^") or rx.flags & regex.MULTILINE \
                or _SPECIAL_GROUP.search(rx.pattern) is not None:
            return None
        return cls(rx)

    def may_match(self, text: str) -> bool:
        """False when no match can begin ``text``: it is empty, or its first character begins none."""
        if not text:
            return False
        ok = self.known.get(text[0])
        if ok is None:
            ok = self.known[text[0]] = self.rx.match(text[0], partial=True) is not None
        return ok


def _no_role(folded: str, s: int, e: int, clause_lo: int, kind: Optional[str], default_role: str,
             env: _Env, ctx: _Context) -> Optional[str]:
    """``unknown`` for a figure that is neither a target nor an actual, else None.

    - a projection (``[roles] projection``): in a progress clause, what is expected or intended,
      not done (预期带动创新主体研发投入超7000万元, 拟新认定30家, 预计年底建成5个);
    - a count naming a group (``[roles] group_count``, a target field only): the scope of the
      target after it (4个结构性指标均实现10%以上增长), or the size of a list of tasks (55项重点任务);
    - an amount that describes the thing the task is about (``[roles] attribute``, a target field):
      总投资25亿元的东北亚食品产业园项目开工建设 (the target is the start, not the 25亿元);
    - a count alone in brackets, an aside: the tally of a group heading (重大项目(3个)), a base
      compared with (比上轮(62件)下降53%)."""
    if default_role == "actual" and kind != "completion" and env.projection is not None \
            and ctx.may("projection", clause_lo, s) and env.projection.search(folded, clause_lo, s):
        return "unknown"
    if kind == "amount" and default_role == "target" and env.attribute is not None \
            and ctx.may("attribute", e, len(folded)) and env.attribute.match(folded, e):
        return "unknown"  # 总投资25亿元的…项目开工建设: the size of the project, the target is its start
    if kind != "quantity":
        return None
    if folded[s - 1:s] in ("(", "（") and s > 0 and folded[e:e + 1] in (")", "）"):
        return "unknown"
    if default_role == "target" and env.group_count is not None and ctx.may("group_count", e, len(folded)) \
            and env.group_count.match(folded, e):
        return "unknown"
    return None


def _month(token: str, words: NumberWords) -> Optional[int]:
    v = parse_number(token, words)
    return int(v) if v is not None and 1 <= v <= 12 else None


def _positions(text: str, word: str) -> list[int]:
    """Where ``word`` starts in ``text``, ascending, overlapping occurrences included (一一 in
    一一一: 0 and 1). A word that cannot overlap itself (a single character, 分别) is found by
    one ``split``, its positions summed from the parts' lengths without a loop in Python."""
    if _overlaps_itself(word):
        out, i = [], text.find(word)
        while i >= 0:
            out.append(i)
            i = text.find(word, i + 1)
        return out
    n = len(word)
    parts = text.split(word)
    parts.pop()
    # the k-th occurrence starts after the k first parts and k - 1 words: sum(len(part) + n) - n
    return list(accumulate(map(n.__add__, map(len, parts)), initial=-n))[1:]


def _overlaps_itself(word: str) -> bool:
    """Whether two occurrences of ``word`` can overlap: a proper prefix of it is also a suffix."""
    return any(word[:k] == word[-k:] for k in range(1, len(word)))


# the cues a claim is read with in a window of its text (a slice, or pos and endpos), by key
# (a cue matched at a position, .match(folded, e), is looked for up to the field's end)
CUE_KEYS = ("comparison", "target_cue", "target_sentence", "done_after_cue", "projection", "list_end",
            "money", "distribute", "plan_after", "attribute", "group_count")


def _cue_words(env: _Env) -> dict[str, frozenset[str]]:
    """The literal prefilter (:func:`zsprogress.literals.required`) of each cue searched in a
    window: a window holding none of a cue's words cannot hold a match of it, so the search is
    not made (:meth:`_Context.may`). A cue with no known prefilter, or with a positive
    lookbehind (which looks before the window's start), is left out: it is always searched."""
    from .literals import required

    cues = [(k, getattr(env, k)) for k in CUE_KEYS] + [("q:" + place, rx) for place, rx in env.q_scan]
    out: dict[str, frozenset[str]] = {}
    for key, rx in cues:
        if rx is None or "(?<=" in rx.pattern:
            continue
        found = required(rx.pattern)
        if found:
            out[key] = found
    return out


def _occurrences(text: str, words: Iterable[str]) -> tuple[list[int], list[int]]:
    """(starts, ends), by start, of every occurrence of each of ``words`` in ``text``."""
    spans = [(i, i + len(w)) for w in words for i in _positions(text, w)]
    spans.sort()
    return _unzip(spans)


def _unzip(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """[(a, b), ...] -> ([a, ...], [b, ...])."""
    if not spans:
        return [], []
    starts, ends = zip(*spans)
    return list(starts), list(ends)


def _reach(starts: list[int], ends: list[int]) -> tuple[list[int], list[int]]:
    """(starts, nearest), each with a sentinel at the end: ``nearest[i]`` is the smallest end of
    the words starting at ``starts[i]`` or later, so whether a window ``[lo, hi)`` holds a whole
    word is one bisect (the first word starting at ``lo`` or later) and one comparison
    (:meth:`_Context.may`)."""
    nearest = list(accumulate(reversed(ends), min, initial=_FAR))
    nearest.reverse()
    return [*starts, _FAR], nearest


_FAR = sys.maxsize  # past every position: the sentinel of _reach


@dataclass(slots=True)
class _Context:
    """What every claim is read against, found once in the scanned text and looked up by
    position (bisect): paragraph and sentence breaks, and the clause breaks of
    ``metric.clause_break`` (a character class and words: a break inside a window is a break
    found in the whole text). ``off`` is where the field being processed starts in that text;
    positions in and out are the field's.

    Also found once: the runs of digits, and where the words of each cue occur (the cues of
    :data:`CUE_KEYS` and the qualifier scans, by the literal prefilter of :func:`_cue_words`), so
    that a cue is only searched in a window that holds one of its words (:meth:`may`)."""

    paras: list[int]  # positions of PARA_BREAK
    sents: list[int]  # positions of 。
    brk_starts: list[int]
    brk_ends: list[int]
    digits: tuple[list[int], list[int]] = dc_field(default_factory=lambda: ([], []))  # runs of digits: starts, ends
    cues: dict = dc_field(default_factory=dict)  # key -> (starts, ends) of its words
    off: int = 0
    reach: dict = dc_field(init=False, default_factory=dict)  # key -> (starts, nearest end from each start on): _reach

    def __post_init__(self) -> None:
        self.reach = {key: _reach(*occ) for key, occ in self.cues.items()}

    @classmethod
    def of(cls, folded: str, rules: RuleSet) -> _Context:
        brk = rules.metric.get("clause_break")
        brk_starts, brk_ends = _unzip([m.span() for m in brk.finditer(folded)] if brk is not None else [])
        found: dict[tuple, tuple[list[int], list[int]]] = {}  # words shared by several cues: found once
        cues = {}
        for key, words in _Env.of(rules).cue_words.items():
            k = tuple(sorted(words))
            if k not in found:
                found[k] = _occurrences(folded, words)
            cues[key] = found[k]
        return cls(_positions(folded, PARA_BREAK), _positions(folded, "。"), brk_starts, brk_ends,
                   _unzip([d.span() for d in DIGITS.finditer(folded)]), cues)

    def may(self, key: str, lo: int, hi: int) -> bool:
        """False when the field's ``[lo, hi)`` holds no word of cue ``key``: no match of the cue
        can lie there, nor can its lookahead (which does not see past the window's end). True
        for a cue without a prefilter."""
        found = self.reach.get(key)
        if found is None:
            return True
        starts, nearest = found
        return nearest[bisect.bisect_left(starts, lo + self.off)] <= hi + self.off

    def has_digit(self, lo: int, hi: int) -> bool:
        """Whether the field's ``[lo, hi)`` holds a digit (DIGIT), from the runs found once."""
        starts, ends = self.digits
        i = bisect.bisect_right(ends, lo + self.off)  # the first run ending after lo
        return i < len(starts) and starts[i] < hi + self.off

    def para_start(self, pos: int) -> int:
        """Where the paragraph holding ``pos`` starts (0: the field's start)."""
        i = bisect.bisect_left(self.paras, pos + self.off) - 1
        return max(self.paras[i] + 1 - self.off, 0) if i >= 0 else 0

    def sentence_start(self, pos: int) -> int:
        i = bisect.bisect_left(self.sents, pos + self.off) - 1
        return max(self.sents[i] + 1 - self.off, 0) if i >= 0 else 0

    def clause_start(self, pos: int, floor: int) -> int:
        """The end of the last clause break in the 40 characters before ``pos`` (not before
        ``floor``), or the start of that window."""
        lo = max(floor, pos - 40)
        i = bisect.bisect_right(self.brk_ends, pos + self.off) - 1
        return self.brk_ends[i] - self.off if i >= 0 and self.brk_starts[i] - self.off >= lo else lo


def _metric(folded: str, text: str, start: int, env: _Env, floor: int, ctx: _Context) -> Optional[str]:
    # 海纳计划人才(团队)40个: a bracketed note right before the figure is part of its clause
    if start > floor and folded[start - 1] in ")）":
        lo = max(floor, start - 40)
        op = max(folded.rfind("(", lo, start), folded.rfind("（", lo, start))
        if op >= lo and op > floor:
            m = _metric(folded, text, op, env, floor, ctx)
            if m:
                return m
    cs = ctx.clause_start(start, floor)
    cue = env.target_cue
    if cs > floor and folded[cs - 1] in "(（" and cue is not None and cue.fullmatch(folded[cs:start].strip()):
        # (目标120户): the figure restates a target; what it measures is named before the bracket
        return _metric(folded, text, cs - 1, env, floor, ctx)
    seg = folded[cs:start]
    if len(seg.strip()) < 2:
        return None  # stripping only shortens it: too short to name a metric whatever is stripped
    pre, suf, gate = env.strip_prefix, env.strip_suffix, env.prefix_starts
    for _ in range(3):
        n = 0
        if pre is not None and (gate is None or gate.may_match(seg)):
            seg, k = pre.subn("", seg, count=1)
            n += k
        if suf is not None:
            seg, k = suf.subn("", seg, count=1)
            n += k
        if not n:
            break
    seg = seg.strip()
    if len(seg) < 2:
        return None
    # map back to the original characters (same offsets)
    i = folded.find(seg, cs, start)
    return text[i:i + len(seg)] if i >= 0 else seg


def _metric_after(folded: str, text: str, end: int, env: _Env) -> Optional[str]:
    stop = env.after_stop
    seg = folded[end:end + 14]
    if stop is not None:
        m = stop.search(seg)
        if m:
            seg = seg[:m.start()]
    seg = seg.strip()
    if len(seg) < 2 or DIGIT.search(seg):
        return None
    return text[end:end + len(seg)] if folded.startswith(seg, end) else seg


def _qualifiers(lr: LoadedRule, folded: str, s: int, e: int, vstart: int, env: _Env,
                clause_lo: int, ctx: _Context) -> list[str]:
    """The rule's qualifiers, then those of ``qualifier_scan`` in name order: a word right
    before the value (约, 超过), right after the claim (左右, 以上), inside it (余, 多) or in its
    clause (预计, 累计, 同比); each searched only where one of its words is (:meth:`_Context.may`)."""
    found: set[str] = set()
    names = env.q_names
    for place, rx in env.q_scan:
        if place == "before":
            lo, hi = max(0, vstart - 6), vstart
        elif place == "after":
            lo, hi = e, e + 6
        elif place == "inside":
            lo, hi = s, e
        else:
            lo, hi = clause_lo, e
        if not ctx.may("q:" + place, lo, hi):
            continue
        seg = folded[lo:hi]
        if not seg:
            continue
        if place == "before" or place == "after":
            q = rx.search(seg)
            if q is not None:
                found.add(names[int(q.lastgroup[2:])])
        else:
            for q in rx.finditer(seg):
                found.add(names[int(q.lastgroup[2:])])
    out = list(lr.rule.qualifiers)
    if found:
        out += [n for n in names if n in found and n not in out]
    return out


def _value(lr: LoadedRule, m, gname: str, idx: Optional[int], words: NumberWords) -> Optional[float]:
    vf = lr.rule.value_from
    if vf == "none":
        return None
    if vf == "fraction":
        den, num = parse_number(m.group("den"), words), parse_number(m.group("num"), words)
        return None if not den or num is None else num / den * 100
    s = m.captures(gname)[idx] if idx is not None else m.group(gname)
    if s is None:
        return None
    if vf == "tenths":
        d = [words.digits[c] for c in s if c in words.digits]
        return d[0] * 10 + (d[1] if len(d) > 1 else 0) if d else None
    v = parse_number(s, words)
    if v is not None and vf == "permille":
        v = v / 10
    return v


def scan_field(text: str, rules: Optional[RuleSet] = None, field: str = "progress",
               task_id: Optional[str] = None, default_role: str = "actual") -> FieldResult:
    """All claims, skips, periods and unexplained digits of one field's text."""
    return scan_many([(text, field, task_id, default_role)], rules)[0]


SEGMENT_SEP = "\n\u2029\n"  # between fields when a report is scanned as one text


def scan_many(items: list[tuple[str, str, Optional[str], str]],
              rules: Optional[RuleSet] = None) -> list[FieldResult]:
    """Scan many fields at once: (text, field, task_id, default role) -> one FieldResult each.

    The fields are joined and every rule runs once over the whole text (hundreds of short
    finditer calls per rule would cost more than the matching itself); matches are then
    handed back to their field with offsets relative to it."""
    rules = rules or default_rules()
    words = _words(rules)
    texts = [it[0] or "" for it in items]
    joined = SEGMENT_SEP.join(texts)
    folded = fold(joined, words.script)
    bases = []
    pos = 0
    for t in texts:
        bases.append(pos)
        pos += len(t) + len(SEGMENT_SEP)
    per: list[list] = [[] for _ in items]
    for lr, m, s, e in _matches(folded, rules):
        i = bisect.bisect_right(bases, s) - 1
        if e <= bases[i] + len(texts[i]):
            per[i].append((lr, m))
    ctx = _Context.of(folded, rules)
    digits = ctx.digits
    out = []
    limit = cap("LINE_MAX_FIGURES")
    for i, (text, field, task_id, role) in enumerate(items):
        b = bases[i]
        ctx.off = b
        per[i], cut = _cap_lines(texts[i], per[i], b, limit)
        res = _process(text or "", folded[b:b + len(texts[i])], per[i], b, rules, words,
                       field, task_id, role, ctx, digits)
        for s, e in cut:  # the rest of a line past the cap: one skip, its digits not "unexplained"
            res.skips.append(Skip.trusted(task_id=task_id, field=field, text=texts[i][s:e], start=s, end=e,
                                          reason=f"more than {limit:,} figures in one line: the rest of the "
                                                 "line is not read (ZSPROGRESS_LINE_MAX_FIGURES raises it)",
                                          rule_id="LIMIT"))
            res.unexplained = [u for u in res.unexplained if not s <= u[0] < e]
        out.append(res)
    return out


def _cap_lines(text: str, matches: list, off: int, limit: int) -> tuple[list, list[tuple[int, int]]]:
    """At most ``limit`` matches in one line of a field (docs/limits.md): the work per figure
    looks back over its clause, so a line of thousands of figures costs their square. Returns
    the matches kept and the (start, end) of each line's part left unread."""
    if len(matches) <= limit:
        return matches, []
    kept: list = []
    cut: list[tuple[int, int]] = []
    line_end = -1
    count = 0
    for lr, m in matches:
        s = m.start() - off
        if s >= line_end:  # a new line
            nl = text.find("\n", s)
            line_end = len(text) if nl < 0 else nl
            count = 0
        count += 1
        if count <= limit:
            kept.append((lr, m))
        elif count == limit + 1:
            cut.append((s, line_end))
    return kept, cut


@dataclass(slots=True)
class _FieldReader:
    """One field being read, match by match, in order. Besides the field and its tables it
    carries two things from one match to the next, both explicit here: ``last_end``, where the
    words a metric may be read from start (the end of the last claim, period or skip that ends
    a metric), and ``prev_metric``, the last metric named in a sentence (its start, the metric),
    which a later figure of that sentence naming nothing takes."""

    text: str
    folded: str
    off: int  # where the field starts in the scanned text
    words: NumberWords
    env: _Env
    units: Any
    field: str
    task_id: Optional[str]
    default_role: str
    ctx: _Context
    res: FieldResult
    last_end: int = 0
    prev_metric: Optional[tuple[int, str]] = None

    def skip(self, text: str, s: int, e: int, reason: str, rule_id: str) -> None:
        self.res.skips.append(Skip.trusted(task_id=self.task_id, field=self.field, text=text, start=s, end=e,
                                           reason=reason, rule_id=rule_id))


def _process(text: str, folded: str, matches: list, off: int, rules: RuleSet, words: NumberWords,
             field: str, task_id: Optional[str], default_role: str, ctx: _Context,
             digits: tuple[list[int], list[int]]) -> FieldResult:
    """The claims, skips, periods and unexplained digits of one field from its rule matches:
    each match is read by its family (:func:`_read_skip`, :func:`_read_period`,
    :func:`_read_claim`), then the runs of 分别 get their metrics (:func:`_distribute`)."""
    res = FieldResult()
    if not text:
        return res
    r = _FieldReader(text, folded, off, words, _Env.of(rules), rules.units, field, task_id, default_role, ctx, res)
    covered: list[tuple[int, int]] = []
    for lr, m in matches:
        s, e = m.start() - off, m.end() - off
        covered.append((s, e))
        if lr.family == "skips":
            _read_skip(r, lr, s, e)
        elif lr.family == "periods":
            _read_period(r, lr, m, s, e)
        else:
            _read_claim(r, lr, m, s, e)
    res.unexplained = _uncovered_digits(digits, off, text, covered)
    _distribute(res.claims, folded, r.env, ctx)
    return res


def _read_skip(r: _FieldReader, lr: LoadedRule, s: int, e: int) -> None:
    """A skip rule's match: an explained non-claim. It ends the words a later figure's metric is
    read from, unless the rule says a metric runs through it (``in_metric``: “一条鱼”产值)."""
    rule = lr.rule
    r.skip(r.text[s:e], s, e, rule.reason or "skip", rule.id)
    if not rule.in_metric:
        r.last_end = e


def _read_period(r: _FieldReader, lr: LoadedRule, m: Any, s: int, e: int) -> None:
    """A period phrase (上半年, 1-6月): the period of the figures after it in its paragraph, unless
    it is the base of a comparison (:func:`_comparison_base`); with digits, also a skip so its
    digits are explained."""
    rule = lr.rule
    em = rule.end_month
    month = _month(m.group("m"), r.words) if isinstance(em, str) else em
    if not _comparison_base(r.folded, s, r.env, r.ctx):
        r.res.periods.append(PeriodMark(s, e, r.text[s:e], month))
    if r.ctx.has_digit(s, e):
        r.skip(r.text[s:e], s, e, "period", rule.id)
    r.last_end = e


def _comparison_base(folded: str, s: int, env: _Env, ctx: _Context) -> bool:
    """较一季度, 比上年同期: a period right after a comparison word (``[roles] comparison``) is
    what a figure is compared with, not the period the figure covers."""
    cmp = env.comparison
    lo = max(0, s - 2)
    return cmp is not None and ctx.may("comparison", lo, s) and bool(cmp.search(folded, lo, s))


def _period_of(periods: list[PeriodMark], para_start: int) -> Optional[PeriodMark]:
    """The period of a figure: the last period phrase before it in its paragraph."""
    for p in reversed(periods):
        if p.start >= para_start:
            return p
    return None


def _read_claim(r: _FieldReader, lr: LoadedRule, m: Any, s: int, e: int) -> None:
    """A claim rule's match: one claim, or one per value for a multi rule (分别为全省第1、第3),
    each with what it measures (:func:`_claim_metric`), its role (:func:`_claim_role`), its
    period, value, unit, sign and qualifiers."""
    folded, env, ctx = r.folded, r.env, r.ctx
    g = m.groupdict()  # None for a group the rule lacks or that took no part
    para_start = ctx.para_start(s)
    sentence_start = max(ctx.sentence_start(s), para_start)
    period = _period_of(r.res.periods, para_start)
    metric = _claim_metric(r, lr, m, g, s, e, para_start, sentence_start)
    clause_lo = ctx.clause_start(s, para_start)
    role = _claim_role(r, lr.rule.kind, s, e, clause_lo, sentence_start)
    rule = lr.rule
    vtext = None if rule.multi else g.get("value")
    vmax_s = None if rule.multi else g.get("value_max")
    for idx, cs, ce, vs in _figure_spans(r, lr, m, vtext, s, e):
        value = _value(lr, m, "value", idx, r.words)
        if value is None and rule.value_from != "none":
            # 二三十個百分點: the shape of a number, but no number: not a claim
            r.skip(r.text[cs:ce], cs, ce, "not a number", rule.id)
            continue
        value, vmax = _value_range(value, vtext, vmax_s, r.words)
        unit, kind, value, vmax = _unit_of(lr, g.get("unit"), r.units, value, vmax)
        value, vmax = _signed(lr, g, value, vmax)
        quals = _qualifiers(lr, folded, s, e, vs, env, clause_lo, r.ctx)
        if _implied_money(kind, unit, vtext, metric, s, e, sentence_start, r):
            kind, unit = "amount", env.money_unit  # 投资5.7亿: money without its 元
            quals.append("unit_implied")
        r.res.claims.append(Claim.trusted(
            id=claim_id(r.task_id, r.field, cs, ce), task_id=r.task_id, field=r.field, kind=kind,
            value=None if value is None else float(value),
            value_max=None if vmax is None else float(vmax), unit=unit,
            text=r.text[cs:ce], start=cs, end=ce, rule_id=rule.id, metric=metric,
            period=period.text if period else None,
            end_month=period.end_month if period else None,
            qualifiers=quals, scope=g.get("scope"), role=role))
    r.last_end = e


def _claim_metric(r: _FieldReader, lr: LoadedRule, m: Any, g: dict, s: int, e: int, para_start: int,
                  sentence_start: int) -> Optional[str]:
    """What a figure measures: the words of its clause before it (:func:`_metric`, not before
    the last claim or period of its paragraph); for a count named by nothing before it, or whose
    words before are examples (…等十条), the words right after it (:func:`_metric_after`); else
    the metric named earlier in its sentence; for a rule with ``own_metric``, the claim's own
    words before its number too (落地率75%). Remembered for the figures after it."""
    folded, env = r.folded, r.env
    rule = lr.rule
    metric = _metric(folded, r.text, s, env, max(r.last_end, para_start), r.ctx)
    if rule.kind == "quantity" and (metric is None or _after_examples(folded, s, env, r.ctx)):
        metric = _metric_after(folded, r.text, e, env) or metric
    if metric is None and r.prev_metric and r.prev_metric[0] == sentence_start:
        metric = r.prev_metric[1]
    if rule.own_metric and g.get("value") is not None:
        metric = _own_metric(r.text[s:m.start("value") - r.off], metric, env)
    if metric:
        r.prev_metric = (sentence_start, metric)
    return metric


def _after_examples(folded: str, s: int, env: _Env, ctx: _Context) -> bool:
    """…等十条土特产产业链: the words before a count end in a list's 等 (``[metric] list_end``):
    they are examples, not what the count counts."""
    lo = max(0, s - 3)
    return env.list_end is not None and ctx.may("list_end", lo, s) and bool(env.list_end.search(folded, lo, s))


def _own_metric(own: str, metric: Optional[str], env: _Env) -> Optional[str]:
    """落地率75%: the words of the claim before its number (``own``, trimmed by ``[metric]
    own_trim``) are part of what it measures, after the words of its clause."""
    trim = env.own_trim
    if trim is not None:
        own = trim.sub("", own)
    return (metric or "") + own if own else metric


def _claim_role(r: _FieldReader, kind: Optional[str], s: int, e: int, clause_lo: int, sentence_start: int) -> str:
    """The role of a figure: ``unknown`` when it is neither target nor actual
    (:func:`_no_role`); a figure of a progress field that restates the plan is a target
    (:func:`_restates_target`); else the field's default role."""
    role = _no_role(r.folded, s, e, clause_lo, kind, r.default_role, r.env, r.ctx) or r.default_role
    if role == "actual" and kind != "completion" and _restates_target(r, s, e, clause_lo, sentence_start):
        role = "target"
    return role


def _restates_target(r: _FieldReader, s: int, e: int, clause_lo: int, sentence_start: int) -> bool:
    """Whether a figure of a progress field states the target rather than what was done:

    - a planned whole (``[roles] plan_after`` right after it: 126个计划投资项目);
    - a target cue (``[roles] target_cue``: 目标, 计划完成, 力争) earlier in its clause, with no
      done word (``[roles] done_after_cue``: 已完成) between the cue and the figure;
    - a sentence that restates the year's plan (``[roles] target_sentence``: 2024年计划完成…)
      when no period phrase in that sentence says the figure is of a period."""
    folded, env = r.folded, r.env
    if env.plan_after is not None and r.ctx.may("plan_after", e, len(folded)) and env.plan_after.match(folded, e):
        return True
    last = _last_target_cue(folded, clause_lo, s, env, r.ctx)
    if last is not None and not (env.done_after_cue is not None and r.ctx.may("done_after_cue", last, s)
                                 and env.done_after_cue.search(folded, last, s)):
        return True
    plan = env.target_sentence
    return plan is not None and r.ctx.may("target_sentence", sentence_start, s) \
        and bool(plan.match(folded[sentence_start:s])) \
        and not any(p.start >= sentence_start for p in r.res.periods)


def _last_target_cue(folded: str, lo: int, hi: int, env: _Env, ctx: _Context) -> Optional[int]:
    """The end of the last target cue (``[roles] target_cue``) in ``folded[lo:hi]``, or None."""
    cue = env.target_cue
    last = None
    if cue is not None and ctx.may("target_cue", lo, hi):
        for q in cue.finditer(folded, lo, hi):
            last = q.end()
    return last


def _figure_spans(r: _FieldReader, lr: LoadedRule, m: Any, vtext: Optional[str], s: int,
                  e: int) -> Iterable[tuple[Optional[int], int, int, int]]:
    """(index of the value capture or None, claim start, claim end, value start) of each figure
    of a match: one for most rules; one per captured value for a multi rule, the first from the
    match's start, each later one from its value, or from its own ordinal mark (分别为全省第1、第3
    和第2: the 2nd figure starts at its 第)."""
    off = r.off
    if not lr.rule.multi:
        yield None, s, e, (m.start("value") - off if vtext is not None else s)
        return
    ordinal = r.env.ordinal_mark
    for i, (a, b) in enumerate(m.spans("value")):
        vs, ve = a - off, b - off
        if i == 0:
            yield i, s, ve, vs
        elif ordinal is not None and ordinal.match(r.folded, vs - 1, vs):
            yield i, vs - 1, ve, vs
        else:
            yield i, vs, ve, vs


def _value_range(value: Optional[float], vtext: Optional[str], vmax_s: Optional[str],
                 words: NumberWords) -> tuple[Optional[float], Optional[float]]:
    """The value and the upper end of a range: 3-5亿元 is 3亿 to 5亿 (the scale of the end
    applies to both); a vague number (十几) has the upper end of its words."""
    vmax = parse_number(vmax_s, words) if vmax_s else None
    if vtext and vmax_s and value is not None and scale_of(vtext, words) == 1:
        value *= scale_of(vmax_s, words)
    if vtext and vmax is None:
        vmax = vague_max(vtext, words)
    return value, vmax


def _unit_of(lr: LoadedRule, ugroup: Optional[str], units: Any, value: Optional[float],
             vmax: Optional[float]) -> tuple[Optional[str], Optional[str], Optional[float], Optional[float]]:
    """The canonical unit, kind and values in base units: a unit of patterns/units.toml gives
    its canonical name and factor, and for an amount or quantity rule its own kind (元 an
    amount, 吨 a quantity); a unit it does not list is kept as written."""
    unit, kind = lr.rule.unit, lr.rule.kind
    if ugroup:
        info = units.get(ugroup)
        if info is None:
            return ugroup, kind, value, vmax
        unit = info.canonical
        if value is not None:
            value *= info.factor
        if vmax is not None:
            vmax *= info.factor
        if kind in ("amount", "quantity"):
            kind = info.kind
    return unit, kind, value, vmax


def _signed(lr: LoadedRule, g: dict, value: Optional[float],
            vmax: Optional[float]) -> tuple[Optional[float], Optional[float]]:
    """The sign of a figure: a rule whose sign is ``direction`` is negative when its ``down``
    word took part (下降3%); a rule with a negative sign always is."""
    sign = lr.rule.sign
    if sign == "direction":
        if g.get("down") is not None:
            return (-value if value is not None else None), (-vmax if vmax is not None else None)
    elif isinstance(sign, int) and sign < 0:
        return (-value if value is not None else None), vmax
    return value, vmax


def _implied_money(kind: Optional[str], unit: Optional[str], vtext: Optional[str], metric: Optional[str], s: int,
                   e: int, sentence_start: int, r: _FieldReader) -> bool:
    """投资5.7亿: a scaled count with no unit whose metric or nearby words are about money
    (``[money] context``) is an amount in the money unit, unless a noun follows it (5亿人次:
    ``[money] noun_after``) that is not itself a money word."""
    folded, env = r.folded, r.env
    money, noun = env.money, env.money_noun
    if kind != "quantity" or unit is not None or money is None or env.money_unit is None or not vtext:
        return False
    if noun is not None and noun.match(folded, e) and not money.match(folded, e):
        return False
    lo, hi = max(sentence_start, s - 30), min(len(folded), e + 4)
    return scale_of(vtext, r.words) > 1 and bool(
        money.search(metric or "") or (r.ctx.may("money", lo, hi) and money.search(folded, lo, hi)))


def _distribute(claims: list[Claim], folded: str, env: _Env, ctx: _Context) -> None:
    """铁矿石、煤炭接卸能力分别达1.26亿吨、2600万吨: give each figure of a run after 分别
    (``[metric] distribute``) its own metric: the parts of the subject before the cue
    (:func:`_subject_parts`), or the figures just before in the sentence
    (:func:`_figures_before`), as :func:`_assign_metrics` decides."""
    dist, sep = env.distribute, env.distribute_sep
    if dist is None or sep is None or len(claims) < 2:
        return
    i = 0
    while i < len(claims):
        c = claims[i]
        m = _distribute_cue(c, folded, dist, ctx)
        if m is None:
            i += 1
            continue
        run = _distributed_run(claims, i, folded, dist, sep)
        parts = [p for p in sep.split(_subject(c, m, folded, env)) if p]
        _assign_metrics(run, parts, _figures_before(claims, i, len(run), folded))
        i += len(run)


def _distribute_cue(c: Claim, folded: str, dist: Any, ctx: _Context) -> Any:
    """The 分别 cue of a claim: one ending where the claim starts, or inside it, or wholly in it
    (分别为全省第1: the claim took the cue), looked for from 8 characters before it."""
    lo, hi = max(0, c.start - 8), max(c.start, c.end - 8) + 16
    if not ctx.may("distribute", lo, hi):
        return None
    for mm in dist.finditer(folded, lo, hi):
        if mm.end() == c.start or mm.start() < c.start < mm.end() \
                or (c.start <= mm.start() and mm.end() <= c.end):
            return mm
    return None


def _distributed_run(claims: list[Claim], i: int, folded: str, dist: Any, sep: Any) -> list[Claim]:
    """The figures governed by the cue of claim ``i``: it and those after it in its field of its
    kind (a percent after a growth too), separated by list marks (``[metric] distribute_sep``) or
    a comma only; a comma before a figure with a cue of its own ends the run (…排名第1、7,全市总量、
    增幅排名第3、13). A percent in a run of growths becomes a growth with the run's sign
    (分别增长8.1%和12.4%: the direction word governs every figure of the run)."""
    c = claims[i]
    run = [c]
    for d in claims[i + 1:]:
        if d.field != c.field or not (d.kind == c.kind or (c.kind == "growth" and d.kind == "percent")):
            break
        gap = folded[run[-1].end:d.start].strip()
        if not sep.fullmatch(gap) and gap not in ("", ","):
            break
        nxt = dist.search(folded, d.start, d.end + 8)
        if gap == "," and nxt is not None and nxt.start() < d.end:
            break
        if d.kind != c.kind:
            d.kind = c.kind
            if c.value is not None and c.value < 0 and d.value is not None:
                d.value = -d.value
        run.append(d)
    return run


def _subject(c: Claim, m: Any, folded: str, env: _Env) -> str:
    """The words a run's figures are distributed over: the clause before the cue (at most 60
    characters), or the claim's own words before the cue when the clause is empty (全市总量、增幅
    排名第3), with ``[metric] strip_prefix`` and ``strip_suffix`` removed once."""
    stop = min(m.start(), c.start)
    lo = max(0, stop - 60)
    cs = max(max(folded.rfind(ch, lo, stop) for ch in ",，。;；:：\n") + 1, lo)
    subject = folded[cs:stop]
    if not subject.strip() and m.start() > c.start:
        subject = folded[c.start:m.start()]
    if env.strip_prefix is not None:
        subject = env.strip_prefix.sub("", subject, count=1)
    if env.strip_suffix is not None:
        subject = env.strip_suffix.sub("", subject, count=1)
    return subject


def _figures_before(claims: list[Claim], i: int, n: int, folded: str) -> list[Claim]:
    """Up to ``n`` amounts and quantities just before claim ``i`` in its sentence and field:
    what a run of growths after them may be about (营业收入3456.7亿元,利润总额189.3亿元,分别增长
    8.1%和12.4%)."""
    c = claims[i]
    before: list[Claim] = []
    for x in reversed(claims[max(0, i - 4 * n - 8):i]):
        if "。" in folded[x.end:c.start] or len(before) == n:
            break
        if x.field == c.field and x.kind in ("amount", "quantity"):
            before.insert(0, x)
    return before


def _assign_metrics(run: list[Claim], parts: list[str], before: list[Claim]) -> None:
    """The metric of each figure of a run of two or more: when the subject's parts do not pair
    with the figures but as many figures precede them, each takes the metric of its figure
    before (城镇、农村居民人均可支配收入分别为56789元、34567元,分别增长5.1%、6.9%); when the parts
    pair, each takes its part, plus the words the last part has beyond a part's length (铁矿石、
    煤炭接卸能力: 铁矿石接卸能力, 煤炭接卸能力)."""
    if len(run) < 2:
        return
    if len(parts) != len(run) and len(before) >= len(run):
        for claim, b in zip(run, before[-len(run):], strict=False):
            claim.metric = b.metric
    elif len(parts) == len(run):
        others, last = parts[:-1], parts[-1]
        common = ""
        if len(last) > max(len(p) for p in others) + 1:
            avg = sum(map(len, others)) / len(others)
            k = 2 if avg <= 3.5 else round(avg)
            common = last[k:]
        for claim, part in zip(run, parts, strict=False):
            claim.metric = part + common if claim is not run[-1] else last


def _matches(folded: str, rules: RuleSet):
    """Matches of every rule, resolved like one alternation: the leftmost match wins, and at
    the same start the rule listed first (skips, periods, then claims by file priority). Yields
    (rule, match, start, end)."""
    cands = []
    passes = _Passes(folded)
    for order, lr in rules.candidates(folded):  # the rules whose trigger literals occur
        try:
            for m in _rule_matches(lr, folded, passes):
                start, end = m.span()
                if end > start:
                    cands.append((start, order, end, lr, m))
        except TimeoutError:
            raise ZsprogressError(f"rule {lr.rule.id} ({lr.file}) took over {MATCH_TIMEOUT:g} s on this "
                                  "report: a pathological text, or a rule to make tighter") from None
    cands.sort(key=itemgetter(0, 1))
    last = -1
    for s, _, e, lr, m in cands:
        if s >= last:
            last = e
            yield lr, m, s, e


class _Passes:
    """The passes over one text that the number-first rules share, each made once and kept by
    the source of its pattern: where a pattern matches (overlapping), the numbers (a start and
    the number characters after it, to the end of their run) and the starts inside one number."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.memo: dict = {}

    def positions(self, rx) -> list[int]:
        key = ("at", rx.pattern)
        out = self.memo.get(key)
        if out is None:
            out = self.memo[key] = [m.start() for m in rx.finditer(self.text, overlapped=True,
                                                                   timeout=MATCH_TIMEOUT)]
        return out

    def spans(self, rx) -> tuple[list[int], list[int]]:
        key = ("spans", rx.pattern)
        out = self.memo.get(key)
        if out is None:
            spans = [m.span() for m in rx.finditer(self.text, timeout=MATCH_TIMEOUT)]
            out = self.memo[key] = ([a for a, _ in spans], [b for _, b in spans])
        return out

    def starts_in(self, starts, numbers, i: int) -> list[int]:
        """The starts inside number ``i``: where it begins, and any later one (3-5: the 5)."""
        key = ("in", starts.pattern, numbers.pattern, i)
        out = self.memo.get(key)
        if out is None:
            lo, hi = self.spans(numbers)
            out = self.memo[key] = [lo[i]]
            m = starts.search(self.text, lo[i] + 1, hi[i])
            while m is not None:  # mostly none: one search
                out.append(m.start())
                m = starts.search(self.text, m.start() + 1, hi[i])
        return out


def _number_first_starts(lr: LoadedRule, passes: _Passes) -> list[int]:
    """Every position where a match of ``lr`` can begin (Rule.starts): a start that, when the
    rule names what it needs, is followed by it over ``needs_within`` characters only."""
    if lr.needs is None:
        return passes.positions(lr.starts)
    lo, hi = passes.spans(lr.numbers)
    found: list[int] = []
    i_done, k_done = -1, 0  # the starts of number i_done before index k_done are in found
    for u in passes.positions(lr.needs):  # ascending
        i = bisect.bisect_right(lo, u - 1) - 1  # the number holding the character before the unit
        if i < 0 or hi[i] <= u - 1:
            continue
        if i != i_done:
            i_done, k_done = i, 0
        starts = passes.starts_in(lr.starts, lr.numbers, i)
        while k_done < len(starts) and starts[k_done] < u:
            found.append(starts[k_done])
            k_done += 1
    return found


def _finditer_at(rx, folded: str, starts: list[int]) -> list:
    """``rx.finditer(folded)`` when every match begins at one of ``starts`` (sorted): a match is
    tried at each start past the end of the last match, as finditer tries every position."""
    out: list = []
    last = 0
    for p in starts:
        if p < last:
            continue
        m = rx.match(folded, p, timeout=MATCH_TIMEOUT)
        if m is not None:
            if m.end() == m.start():  # finditer's rules after an empty match: let it apply them
                return list(rx.finditer(folded, timeout=MATCH_TIMEOUT))
            out.append(m)
            last = m.end()
    return out


def _rule_matches(lr: LoadedRule, folded: str, passes: Optional[_Passes] = None):
    """finditer of one rule; a number-first rule is tried only at its starts, a rule with an
    anchor runs only in windows around the anchor."""
    if lr.starts is not None:
        starts = _number_first_starts(lr, passes or _Passes(folded))

        def finditer(rx):
            return _finditer_at(rx, folded, starts)
    else:
        def finditer(rx):
            return rx.finditer(folded, timeout=MATCH_TIMEOUT)
    if lr.anchor is None:
        if len(lr.branches) == 1:
            yield from finditer(lr.branches[0])
            return
        # branches run apart; merged, the first branch wins at a start, as in one alternation
        ms = sorted(((m.start(), b, m) for b, rx in enumerate(lr.branches)
                     for m in finditer(rx)), key=lambda x: (x[0], x[1]))
        last = -1
        for st, _, m in ms:
            if st >= last:
                last = m.end()
                yield m
        return
    before, after = lr.rule.anchor_window
    windows: list[list[int]] = []
    spans = [a.span() for a in lr.anchor[0].finditer(folded)] if len(lr.anchor) == 1 else \
        sorted(a.span() for rx in lr.anchor for a in rx.finditer(folded, overlapped=True))
    for a_start, a_end in spans:
        lo, hi = max(0, a_start - before), min(len(folded), a_end + after)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    last = -1
    for lo, hi in windows:
        for m in lr.compiled.finditer(folded, max(lo, last), hi, timeout=MATCH_TIMEOUT):
            last = m.end()
            yield m


def _uncovered_digits(runs: tuple[list[int], list[int]], off: int, text: str,
                      covered: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Runs of digits outside every covered span (the matches, in order, not overlapping): the
    runs of digits of the scanned text (``runs``: their starts and ends, found once; ``off`` is
    where this field starts in that text) cut to the gaps between the spans."""
    out: list[tuple[int, int, str]] = []
    lo, hi = runs
    pos = 0
    end = len(text)
    for s, e in [*covered, (end, end)]:
        if s > pos:
            i = bisect.bisect_right(hi, pos + off)  # the first run ending after the gap's start
            while i < len(lo) and lo[i] < s + off:
                a, b = max(lo[i], pos + off) - off, min(hi[i], s + off) - off
                out.append((a, b, text[a:b]))
                i += 1
        pos = max(pos, e)
    return out


def extract_text(text: str, rules: Optional[RuleSet] = None, role: str = "actual") -> FieldResult:
    """Claims of a free phrase (``zsprogress claims --text``)."""
    return scan_field(text, rules, "text", None, role)


def extract_all(tasks: Iterable[Task], rules: Optional[RuleSet] = None) -> TaskResult:
    """Claims, skips and unexplained digits of every task, scanned in one pass."""
    return _collect([(t.field_text(fname), fname, t.id, role)
                     for t in tasks for fname, role in (*FIELDS, *((f"extra:{k}", "unknown") for k in t.extra))
                     if t.field_text(fname)], rules)


def extract_paragraphs(paragraphs, rules: Optional[RuleSet] = None) -> TaskResult:
    """Claims of the paragraphs of a report whose layout was not recognized."""
    return _collect([(p.text, "paragraph", f"L{p.line}", "unknown") for p in paragraphs if p.text], rules)


BATCH_CHARS = 200_000  # fields are scanned together up to this many characters (see _batches)


def _batches(items: list[tuple[str, str, Optional[str], str]]) -> Iterable[list]:
    """The fields in runs of about BATCH_CHARS characters: a report is scanned in a few passes
    per rule, and the matches held at once stay bounded however large the report."""
    run: list = []
    size = 0
    for it in items:
        if run and size + len(it[0] or "") > BATCH_CHARS:
            yield run
            run, size = [], 0
        run.append(it)
        size += len(it[0] or "") + len(SEGMENT_SEP)
    if run:
        yield run


def _collect(items: list[tuple[str, str, Optional[str], str]], rules: Optional[RuleSet]) -> TaskResult:
    out = TaskResult()
    with gc_paused():  # regex matches, claims and skips: no cycles among them
        for batch in _batches(items):
            for (_, fname, tid, _), r in zip(batch, scan_many(batch, rules), strict=False):
                out.claims += r.claims
                out.skips += r.skips
                out.unexplained += [{"task_id": tid, "field": fname, "start": s, "end": e, "text": x}
                                    for s, e, x in r.unexplained]
    return out
