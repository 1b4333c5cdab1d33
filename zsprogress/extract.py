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
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field
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
            object.__setattr__(rules, "_env", env)
        return env


def _no_role(folded: str, s: int, e: int, clause_lo: int, kind: str, default_role: str,
             env: _Env) -> Optional[str]:
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
            and env.projection.search(folded, clause_lo, s):
        return "unknown"
    if kind == "amount" and default_role == "target" and env.attribute is not None \
            and env.attribute.match(folded, e):
        return "unknown"  # 总投资25亿元的…项目开工建设: the size of the project, the target is its start
    if kind != "quantity":
        return None
    if folded[s - 1:s] in ("(", "（") and s > 0 and folded[e:e + 1] in (")", "）"):
        return "unknown"
    if default_role == "target" and env.group_count is not None and env.group_count.match(folded, e):
        return "unknown"
    return None


def _month(token: str, words: NumberWords) -> Optional[int]:
    v = parse_number(token, words)
    return int(v) if v is not None and 1 <= v <= 12 else None


def _positions(text: str, ch: str) -> list[int]:
    out, i = [], text.find(ch)
    while i >= 0:
        out.append(i)
        i = text.find(ch, i + 1)
    return out


@dataclass(slots=True)
class _Context:
    """What every claim is read against, found once in the scanned text and looked up by
    position (bisect): paragraph and sentence breaks, and the clause breaks of
    ``metric.clause_break`` (a character class and words: a break inside a window is a break
    found in the whole text). ``off`` is where the field being processed starts in that text;
    positions in and out are the field's."""

    paras: list[int]  # positions of PARA_BREAK
    sents: list[int]  # positions of 。
    brk_starts: list[int]
    brk_ends: list[int]
    off: int = 0

    @classmethod
    def of(cls, folded: str, rules: RuleSet) -> _Context:
        brk = rules.metric.get("clause_break")
        spans = [m.span() for m in brk.finditer(folded)] if brk is not None else []
        return cls(_positions(folded, PARA_BREAK), _positions(folded, "。"),
                   [a for a, _ in spans], [b for _, b in spans])

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
    pre, suf = env.strip_prefix, env.strip_suffix
    for _ in range(3):
        n = 0
        if pre is not None:
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
                clause_lo: int) -> list[str]:
    found: set[str] = set()
    names = env.q_names
    for place, rx in env.q_scan:
        if place == "before":
            seg = folded[max(0, vstart - 6):vstart]
        elif place == "after":
            seg = folded[e:e + 6]
        elif place == "inside":
            seg = folded[s:e]
        else:
            seg = folded[clause_lo:e]
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
    for lr, m in _matches(folded, rules):
        i = bisect.bisect_right(bases, m.start()) - 1
        if m.end() <= bases[i] + len(texts[i]):
            per[i].append((lr, m))
    ctx = _Context.of(folded, rules)
    spans = [d.span() for d in DIGITS.finditer(folded)]
    digits = ([a for a, _ in spans], [b for _, b in spans])
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


def _process(text: str, folded: str, matches: list, off: int, rules: RuleSet, words: NumberWords,
             field: str, task_id: Optional[str], default_role: str, ctx: _Context,
             digits: tuple[list[int], list[int]]) -> FieldResult:
    res = FieldResult()
    if not text:
        return res
    env = _Env.of(rules)
    units = rules.units
    claims, skips, periods = res.claims, res.skips, res.periods
    covered: list[tuple[int, int]] = []
    last_end = 0
    prev_metric: Optional[tuple[int, str]] = None  # (sentence start, metric)
    for lr, m in matches:
        s, e = m.start() - off, m.end() - off
        covered.append((s, e))
        para_start = ctx.para_start(s)
        fam = lr.family
        rule = lr.rule
        if fam == "skips":
            skips.append(Skip.trusted(task_id=task_id, field=field, text=text[s:e], start=s, end=e,
                              reason=rule.reason or "skip", rule_id=rule.id))
            if not rule.in_metric:  # a name the metric runs through (“一条鱼”产值) does not end it
                last_end = e
            continue
        if fam == "periods":
            em = rule.end_month
            month = _month(m.group("m"), words) if isinstance(em, str) else em
            cmp = env.comparison
            if cmp is None or not cmp.search(folded, max(0, s - 2), s):  # 较一季度: a base, not a period
                periods.append(PeriodMark(s, e, text[s:e], month))
            if DIGIT.search(folded, s, e):
                skips.append(Skip.trusted(task_id=task_id, field=field, text=text[s:e], start=s, end=e,
                                  reason="period", rule_id=rule.id))
            last_end = e
            continue
        # a claim (or several, for multi rules)
        g = m.groupdict()  # None for a group the rule lacks or that took no part
        sentence_start = max(ctx.sentence_start(s), para_start)
        period = None
        for p in reversed(periods):
            if p.start >= para_start:
                period = p
                break
        metric = _metric(folded, text, s, env, max(last_end, para_start), ctx)
        if rule.kind == "quantity" and (metric is None or (
                env.list_end is not None and env.list_end.search(folded, max(0, s - 3), s))):
            # nothing before names it, or the words before are examples (…等十条土特产产业链)
            metric = _metric_after(folded, text, e, env) or metric
        if metric is None and prev_metric and prev_metric[0] == sentence_start:
            metric = prev_metric[1]
        if rule.own_metric and g.get("value") is not None:
            # 落地率75%: the words of the claim before its number are part of what it measures
            own = text[s:m.start("value") - off]
            trim = env.own_trim
            if trim is not None:
                own = trim.sub("", own)
            metric = (metric or "") + own if own else metric
        if metric:
            prev_metric = (sentence_start, metric)
        clause_lo = ctx.clause_start(s, para_start)
        role = _no_role(folded, s, e, clause_lo, rule.kind, default_role, env) or default_role
        if role == "actual" and rule.kind != "completion":
            cue, plan, done, plan_after = env.target_cue, env.target_sentence, env.done_after_cue, env.plan_after
            last = None
            if cue is not None:
                for q in cue.finditer(folded, clause_lo, s):
                    last = q
            if plan_after is not None and plan_after.match(folded, e):
                role = "target"  # 126个计划投资项目: the planned whole
            elif last is not None and not (done is not None and done.search(folded, last.end(), s)):
                role = "target"
            elif plan is not None and plan.match(folded[sentence_start:s]) \
                    and not any(p.start >= sentence_start for p in periods):
                role = "target"  # the sentence restates the year's plan, and no period says otherwise
        multi = rule.multi
        n = len(m.captures("value")) if multi else 1
        ordinal = env.ordinal_mark if multi else None
        vtext = None if multi else g.get("value")
        vmax_s = None if multi else g.get("value_max")
        ugroup = g.get("unit")
        for i in range(n):
            idx = i if multi else None
            if multi:
                vs, ve = (x - off for x in m.spans("value")[i])
                # the 2nd.. figure of 分别为全省第1、第3和第2 starts at its own 第 (the rule's ordinal)
                cs, ce = (s, ve) if i == 0 else (vs - 1 if ordinal is not None and ordinal.match(folded, vs - 1, vs)
                                                 else vs, ve)
            else:
                vs = m.start("value") - off if vtext is not None else s
                cs, ce = s, e
            value = _value(lr, m, "value", idx, words)
            if value is None and rule.value_from != "none":
                # 二三十個百分點: the shape of a number, but no number: not a claim
                skips.append(Skip.trusted(task_id=task_id, field=field, text=text[cs:ce], start=cs,
                                  end=ce, reason="not a number", rule_id=rule.id))
                continue
            vmax = parse_number(vmax_s, words) if vmax_s else None
            if vtext and vmax_s and value is not None and scale_of(vtext, words) == 1:
                value *= scale_of(vmax_s, words)  # 3-5亿元: the scale of the end applies to both
            if vtext and vmax is None:
                vmax = vague_max(vtext, words)
            unit = rule.unit
            kind = rule.kind
            if ugroup:
                info = units.get(ugroup)
                if info is not None:
                    unit = info.canonical
                    if value is not None:
                        value *= info.factor
                    if vmax is not None:
                        vmax *= info.factor
                    if kind in ("amount", "quantity"):
                        kind = info.kind
                else:
                    unit = ugroup
            sign = rule.sign
            if sign == "direction":
                if g.get("down") is not None:
                    value = -value if value is not None else None
                    vmax = -vmax if vmax is not None else None
            elif isinstance(sign, int) and sign < 0:
                value = -value if value is not None else None
            quals = _qualifiers(lr, folded, s, e, vs, env, clause_lo)
            money, noun = env.money, env.money_noun
            if kind == "quantity" and unit is None and money is not None and env.money_unit is not None and vtext \
                    and not (noun is not None and noun.match(folded, e) and not money.match(folded, e)) \
                    and scale_of(vtext, words) > 1 and (
                        money.search(metric or "")
                        or money.search(folded, max(sentence_start, s - 30), min(len(folded), e + 4))):
                kind, unit = "amount", env.money_unit  # 投资5.7亿: money without its 元
                quals.append("unit_implied")
            claims.append(Claim.trusted(
                id=claim_id(task_id, field, cs, ce), task_id=task_id, field=field, kind=kind, value=None if value is None else float(value),
                value_max=None if vmax is None else float(vmax), unit=unit,
                text=text[cs:ce], start=cs, end=ce, rule_id=rule.id, metric=metric,
                period=period.text if period else None,
                end_month=period.end_month if period else None,
                qualifiers=quals, scope=g.get("scope"), role=role))
        last_end = e
    res.unexplained = _uncovered_digits(digits, off, text, covered)
    _distribute(claims, folded, text, env)
    return res


def _distribute(claims: list[Claim], folded: str, text: str, env: _Env) -> None:
    """铁矿石、煤炭接卸能力分别达1.26亿吨、2600万吨: give each figure of the run its own metric."""
    dist, sep = env.distribute, env.distribute_sep
    if dist is None or sep is None or len(claims) < 2:
        return
    i = 0
    while i < len(claims):
        c = claims[i]
        m = None
        for mm in dist.finditer(folded, max(0, c.start - 8), max(c.start, c.end - 8) + 16):
            if mm.end() == c.start or mm.start() < c.start < mm.end() \
                    or (c.start <= mm.start() and mm.end() <= c.end):
                m = mm
                break
        if m is None:
            i += 1
            continue
        run = [c]
        j = i + 1
        while j < len(claims) and claims[j].field == c.field and (
                claims[j].kind == c.kind or (c.kind == "growth" and claims[j].kind == "percent")):
            gap = folded[run[-1].end:claims[j].start]
            if not sep.fullmatch(gap.strip()) and gap.strip() not in ("", ","):
                break
            nxt = dist.search(folded, claims[j].start, claims[j].end + 8)
            if gap.strip() == "," and nxt is not None and nxt.start() < claims[j].end:
                break  # …排名第1、7,全市总量、增幅排名第3、13: the next figure opens a run of its own
            if claims[j].kind != c.kind:
                # 分别增长8.1%和12.4%: the direction word governs every figure of the run
                d = claims[j]
                d.kind = c.kind
                if c.value is not None and c.value < 0 and d.value is not None:
                    d.value = -d.value
            run.append(claims[j])
            j += 1
        stop = min(m.start(), c.start)
        lo = max(0, stop - 60)
        cs = max(max(folded.rfind(ch, lo, stop) for ch in ",，。;；:：\n") + 1, lo)
        subject = folded[cs:stop]
        pre, suf = env.strip_prefix, env.strip_suffix
        if not subject.strip() and m.start() > c.start:
            subject = folded[c.start:m.start()]  # the claim took the words (全市总量、增幅排名第3)
        if pre is not None:
            subject = pre.sub("", subject, count=1)
        if suf is not None:
            subject = suf.sub("", subject, count=1)
        parts = [p for p in sep.split(subject) if p]
        before: list[Claim] = []  # the amounts and quantities just before, in this sentence
        for x in reversed(claims[max(0, i - 4 * len(run) - 8):i]):
            if "。" in folded[x.end:c.start] or len(before) == len(run):
                break
            if x.field == c.field and x.kind in ("amount", "quantity"):
                before.insert(0, x)
        if len(run) >= 2 and len(parts) != len(run) and len(before) >= len(run):
            # 城镇、农村居民人均可支配收入分别为56789元、34567元,分别增长5.1%、6.9%;
            # 营业收入3456.7亿元,利润总额189.3亿元,分别增长8.1%和12.4%: the figures just before
            for claim, b in zip(run, before[-len(run):], strict=False):
                claim.metric = b.metric
        elif len(run) >= 2 and len(parts) == len(run):
            others = parts[:-1]
            last = parts[-1]
            common = ""
            if len(last) > max(len(p) for p in others) + 1:
                k = 2 if sum(map(len, others)) / len(others) <= 3.5 else round(sum(map(len, others)) / len(others))
                common = last[k:]
            for claim, part in zip(run, parts, strict=False):
                claim.metric = part + common if claim is not run[-1] else last
        i = j


def _matches(folded: str, rules: RuleSet):
    """Matches of every rule, resolved like one alternation: the leftmost match wins, and at
    the same start the rule listed first (skips, periods, then claims by file priority)."""
    cands = []
    passes = _Passes(folded)
    for order, lr in rules.candidates(folded):  # the rules whose trigger literals occur
        try:
            for m in _rule_matches(lr, folded, passes):
                if m.end() > m.start():
                    cands.append((m.start(), order, m.end(), lr, m))
        except TimeoutError:
            raise ZsprogressError(f"rule {lr.rule.id} ({lr.file}) took over {MATCH_TIMEOUT:g} s on this "
                                  "report: a pathological text, or a rule to make tighter") from None
    cands.sort(key=lambda c: (c[0], c[1]))
    last = -1
    for s, _, e, lr, m in cands:
        if s >= last:
            last = e
            yield lr, m


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
