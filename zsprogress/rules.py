"""Load and validate patterns/*.toml into a RuleSet; each regex compiled at its first use.

Each file has a ``[file]`` header whose ``kind`` says what it holds:

- ``numbers``: number words (digits, scales, vague numbers) and the number fragments;
- ``units``: units with canonical names, kinds, dimensions and aliases, and counting classifiers;
- ``triggers``: shared fragments, qualifier words, metric and role cues;
- ``claims``, ``skips``, ``periods``: rules, each with an id, a summary, a regex with named
  groups (``value``, ``value_max``, ``unit``, ``scope``, ``up``/``down``, ``m``) and examples that
  must and must not match (they run as tests);
- ``layout``: the layout vocabulary of segment.py (header cells, leader titles, unit suffixes,
  labels, chrome, metadata labels, period words); validated here (:class:`LayoutFile`), read by
  segment.py, never part of the RuleSet.

Fragments ``{NAME}`` in a regex are replaced by the fragment of that name, recursively.
Everything invalid raises :class:`~zsprogress.errors.PatternError` naming the file and rule.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Optional

import regex

from .errors import PatternError
from .paths import patterns_dir  # where patterns/ is (paths.py); rules.patterns_dir stays importable
from .rule_types import Example as Example  # the records, defined once in rule_types.py (rules.Rule stays importable)
from .rule_types import Rule as Rule
from .rule_types import TableExample as TableExample

FRAGMENT_REF = regex.compile(r"\{([A-Z][A-Z0-9_]*)\}")
PLAIN_WORD = regex.compile(r"[^\\.^$*+?{}\[\]|()]+")  # a regex that is a literal word
RULE_KINDS = ("claims", "skips", "periods")


# --- the rule records: one definition ------------------------------------------------------------
# Rule, Example and TableExample are defined once, here, as plain dataclasses: the engine keeps
# them (built from the cache's JSON copy with no Pydantic), and rule_schema.py validates the TOML
# files into these very classes (Pydantic validates a standard dataclass by its annotations; the
# ``__pydantic_config__`` below is plain data that Pydantic reads and nothing else does). The
# checks across fields (needs / needs_within...) live in rule_schema.py, run on validation only.

@dataclass(slots=True)
class UnitInfo:
    canonical: str
    kind: str
    dimension: str
    factor: float = 1


def _compile(src: str, flags: int, where: str) -> Any:
    """``regex.compile``, its error named after the rule or table (the module keeps the
    patterns it compiled, so one source shared by several rules is compiled once)."""
    try:
        return regex.compile(src, flags)
    except regex.error as e:
        raise PatternError(f"{where}: invalid regex: {e}") from None


@dataclass(eq=False)
class LoadedRule:
    """One rule as the engine runs it. Its regexes are compiled when first asked for (a report
    compiles only the rules that may match it: :meth:`may_match`); the sources are plain data."""

    rule: Rule
    group: str  # R_<id>: the name of the rule in match bookkeeping
    family: str  # claims | skips | periods
    file: str
    priority: int
    expanded: str
    branch_sources: list[str] = field(default_factory=list)  # the top-level alternatives
    anchor_sources: Optional[list[str]] = None  # the anchor, or each word of an anchor of plain words
    number_first: dict[str, Optional[str]] = field(default_factory=dict)  # starts, needs, numbers
    # the literal prefilter (literals.required): a text the rule matches in holds one of these;
    # None: no prefilter, the rule is run on every text
    triggers: Optional[frozenset[str]] = None

    @property
    def where(self) -> str:
        return f"{self.file}: {self.rule.id}"

    def may_match(self, text: str, chars: Optional[frozenset[str]] = None) -> bool:
        """False when ``text`` holds none of the rule's trigger literals: it cannot match there.
        ``chars`` (the set of the text's characters) answers for single-character triggers."""
        if self.triggers is None:
            return True
        if chars is not None:
            return any((t in chars) if len(t) == 1 else (t[0] in chars and t in text) for t in self.triggers)
        return any(t in text for t in self.triggers)

    @cached_property
    def compiled(self) -> Any:
        return _compile(self.expanded, regex.MULTILINE, self.where)

    @cached_property
    def branches(self) -> list[Any]:
        """The top-level alternatives, compiled one by one: a top-level alternation of unlike
        branches defeats the engine's first-character scan (PER002: 0.3 ms as two patterns,
        8 ms as one)."""
        if len(self.branch_sources) <= 1:
            return [self.compiled]
        return [_compile(p, regex.MULTILINE, self.where) for p in self.branch_sources]

    @cached_property
    def anchor(self) -> Optional[list[Any]]:
        if not self.rule.anchor or not self.anchor_sources:
            return None
        return [_compile(w, 0, self.where) for w in self.anchor_sources]

    # number first (Rule.starts): where a match can begin; the unit every match needs, each
    # occurrence right after a character of needs_within; a start and the needs_within
    # characters after it (a number, to the end of its run of number characters)
    def _first(self, k: str) -> Any:
        src = self.number_first.get(k)
        return _compile(src, regex.MULTILINE, f"{self.where} ({k})") if src else None

    @cached_property
    def starts(self) -> Any:
        return self._first("starts")

    @cached_property
    def needs(self) -> Any:
        return self._first("needs")

    @cached_property
    def numbers(self) -> Any:
        return self._first("numbers")

    def compile_all(self) -> None:
        """Compile every regex of the rule now (an invalid one raises PatternError here)."""
        for k in ("compiled", "branches", "anchor", "starts", "needs", "numbers"):
            getattr(self, k)


class Patterns(Mapping[str, Any]):
    """A table of patterns/ (``metric``, ``roles``...): name -> compiled regex (or None), each
    compiled at its first lookup."""

    def __init__(self, sources: dict[str, Optional[str]], where: str, flags: int = 0) -> None:
        self.sources = sources
        self.where = where
        self.flags = flags
        self._compiled: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        try:
            return self._compiled[key]
        except KeyError:
            src = self.sources[key]
            p = self._compiled[key] = _compile(src, self.flags, f"{self.where} {key}") if src else None
            return p

    def __contains__(self, key: object) -> bool:
        return key in self.sources

    def __iter__(self) -> Iterator[str]:
        return iter(self.sources)

    def __len__(self) -> int:
        return len(self.sources)

    def compile_all(self) -> None:
        for k in self.sources:
            self[k]


@dataclass
class RuleSet:
    """Every rule and table of patterns/; each regex compiled at its first use, once."""

    directory: str
    rules: list[LoadedRule]
    digits: dict[str, int]
    scales: dict[str, int]
    vague: dict[str, list[int]]
    number_words: dict[str, Any]  # numbers.toml [words]
    table_examples: list[TableExample]  # of triggers.toml
    units: dict[str, UnitInfo]  # alias -> info
    qualifiers: dict[str, Patterns]  # name -> {before|after|inside|clause: compiled}
    qualifier_names: list[str]
    qualifier_scan: Patterns  # place -> alternation of (?P<Q_i>...) over qualifier_names
    metric: Patterns
    roles: Patterns
    synonyms: dict[str, str]
    money: Patterns
    progress: Patterns
    by_group: dict[str, LoadedRule] = field(default_factory=dict)

    def get(self, rule_id: str) -> LoadedRule:
        for r in self.rules:
            if r.rule.id == rule_id:
                return r
        raise KeyError(rule_id)

    def candidates(self, text: str) -> list[tuple[int, LoadedRule]]:
        """(order, rule) of the rules that may match ``text`` (:meth:`LoadedRule.may_match`),
        ``order`` the rule's place in :attr:`rules` (the rule listed first wins a tie)."""
        chars = frozenset(text)
        return [(i, lr) for i, lr in enumerate(self.rules) if lr.may_match(text, chars)]

    def compile_all(self) -> RuleSet:
        """Compile every regex now: an invalid one raises PatternError (a --patterns directory
        is checked when it is chosen, not when a report first needs the broken rule)."""
        for lr in self.rules:
            lr.compile_all()
        for table in (self.metric, self.roles, self.money, self.progress, self.qualifier_scan,
                      *self.qualifiers.values()):
            table.compile_all()
        return self


# --- the layout file (patterns/layout.toml, read by segment.py) ------------------------------

def layout_file(name: str, data: dict[str, Any]) -> Any:
    """Validate the data of a ``layout`` file (:mod:`zsprogress.layout_schema`); errors name it."""
    from .layout_schema import layout_file as validate

    return validate(name, data)


def top_level_branches(src: str) -> list[str]:
    """``a|b(c|d)|[|]e`` -> ``["a", "b(c|d)", "[|]e"]``: the alternatives outside any group or class."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(src):
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            if src[i + 1:i + 2] == "]" or src[i + 1:i + 3] == "^]":
                i += 2 if src[i + 1] == "]" else 3
                continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(src[start:i])
            start = i + 1
        i += 1
    parts.append(src[start:])
    return parts


def _anchor_words(anchor: Optional[str]) -> Optional[list[str]]:
    """The patterns an anchor is searched with: an alternation of plain words word by word (the
    engine finds a literal fast, an alternation it tries at every position), else the anchor."""
    if not anchor:
        return None
    words = top_level_branches(anchor)
    if len(words) == 1 or any(PLAIN_WORD.fullmatch(w) is None for w in words):
        words = [anchor]
    return words


def _triggers(expanded: str, anchor: Optional[str]) -> Optional[list[str]]:
    """The rule's literal prefilter (:func:`zsprogress.literals.required`): of the strings its
    regex needs and those its anchor needs (a rule with an anchor matches only near one), the
    more selective; None when neither is known."""
    from .literals import best, required

    found = best([required(expanded), required(anchor) if anchor else None])
    return sorted(found) if found else None


def _expand(src: str, fragments: dict[str, str], where: str, depth: int = 0) -> str:
    if depth > 12:
        raise PatternError(f"{where}: fragments nest too deep (a cycle?)")

    def sub(m: regex.Match) -> str:
        name = m.group(1)
        if name not in fragments:
            raise PatternError(f"{where}: unknown fragment {{{name}}}")
        return "(?:" + _expand(fragments[name], fragments, f"{where} > {name}", depth + 1) + ")"

    return FRAGMENT_REF.sub(sub, src)


def _unit_regex(units: list[Any], classifiers: Any) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    table: dict[str, dict[str, Any]] = {}
    amount: list[tuple[str, str]] = []
    measure: list[tuple[str, str]] = []
    for u in units:
        for a in u.aliases:
            table[a] = {"canonical": u.canonical, "kind": u.kind, "dimension": u.dimension, "factor": u.factor}
            pat = regex.escape(a) + (f"(?![{regex.escape(u.not_before)}])" if u.not_before else "")
            (amount if u.kind == "amount" else measure).append((a, pat))
    cls = []
    if classifiers:
        for a in classifiers.aliases:
            table.setdefault(a, {"canonical": a, "kind": "quantity", "dimension": f"count:{a}", "factor": 1})
            nb = classifiers.not_before.get(a, "")
            cls.append((a, regex.escape(a) + (f"(?![{regex.escape(nb)}])" if nb else "")))

    def alt(pairs):
        pairs = sorted(pairs, key=lambda p: (-len(p[0]), p[0]))
        return "|".join(p[1] for p in pairs)

    return {"AMOUNT_UNIT": alt(amount), "MEASURE_UNIT": alt(measure), "CLASSIFIER": alt(cls)}, table


def _read_files(d: Path) -> list[tuple[str, Any]]:
    """(name, validated file) of every patterns/*.toml of ``d`` but the layout file (segment's
    vocabulary: validated, not a source of rules), in name order."""
    from .rule_schema import validate

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    files = []
    for path in sorted(d.glob("*.toml")):
        name = f"patterns/{path.name}"
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise PatternError(f"{name}: not valid TOML: {e}") from None
        if isinstance(data.get("file"), dict) and data["file"].get("kind") == "layout":
            layout_file(name, data)
            continue
        files.append((name, validate(name, data)))
    return files


@dataclass
class _Tables:
    """What the files hold besides rules, merged in file order (a later file's entry wins; a
    fragment defined twice is an error)."""

    fragments: dict[str, str] = field(default_factory=dict)
    digits: dict[str, int] = field(default_factory=dict)
    scales: dict[str, int] = field(default_factory=dict)
    vague: dict[str, list[int]] = field(default_factory=dict)
    number_words: dict[str, Any] = field(default_factory=dict)
    table_examples: list[TableExample] = field(default_factory=list)
    units: list[Any] = field(default_factory=list)  # rule_schema.Unit
    classifiers: Any = None  # rule_schema.Classifiers
    qualifiers: dict[str, Any] = field(default_factory=dict)  # name -> rule_schema.Qualifier
    tables: dict[str, dict[str, str]] = field(
        default_factory=lambda: {"metric": {}, "roles": {}, "money": {}, "progress": {}})
    synonyms: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, files: list[tuple[str, Any]]) -> _Tables:
        t = cls()
        for name, pf in files:
            for k, v in pf.fragments.items():
                if k in t.fragments:
                    raise PatternError(f"{name}: fragment {k} is defined twice")
                t.fragments[k] = v
            t.digits.update(pf.digits)
            t.scales.update(pf.scales)
            t.vague.update(pf.vague)
            if pf.words is not None:
                t.number_words = pf.words.model_dump()
            t.table_examples += pf.examples
            t.units += pf.units
            t.classifiers = pf.classifiers or t.classifiers
            t.qualifiers.update(pf.qualifiers)
            for tn, entries in t.tables.items():
                entries.update(getattr(pf, tn))
            t.synonyms.update(pf.synonyms)
        return t


def _check_rule(r: Rule, fam: str, where: str) -> None:
    """What a rule of each family must declare: a claim its kind, a skip its reason, a period
    its end month; every rule at least one must_match example."""
    if fam == "claims" and not r.kind:
        raise PatternError(f"{where}: a claim rule needs a kind")
    if fam == "skips" and not r.reason:
        raise PatternError(f"{where}: a skip rule needs a reason")
    if fam == "periods" and r.end_month is None:
        raise PatternError(f"{where}: a period rule needs end_month")
    if not r.must_match:
        raise PatternError(f"{where}: a rule needs at least one must_match example")


def _rule_record(r: Rule, fam: str, name: str, priority: int, fragments: dict[str, str]) -> dict[str, Any]:
    """One rule as plain data: its regex expanded, split into top-level branches, its anchor
    words, number-first patterns and trigger literals."""
    where = f"{name}: {r.id}"
    first = None
    if r.starts:
        within = r.needs_within and _expand(r.needs_within, fragments, where)
        first = {"starts": _expand(r.starts, fragments, where),
                 "needs": r.needs and f"(?<=(?:{within}))(?:{_expand(r.needs, fragments, where)})",
                 "numbers": within and f"(?:{_expand(r.starts, fragments, where)})(?:{within})*"}
    expanded = _expand(r.regex, fragments, where)
    return {"rule": r.as_dict(), "family": fam, "file": name, "priority": priority, "expanded": expanded,
            "branches": top_level_branches(expanded), "anchor_words": _anchor_words(r.anchor),
            "number_first": first, "triggers": _triggers(expanded, r.anchor)}


def _rule_records(files: list[tuple[str, Any]], fragments: dict[str, str]) -> list[dict[str, Any]]:
    """Every rule of the claims, skips and periods files as plain data, checked (ids unique
    across files), sorted by their file's priority (stable: file order within a priority)."""
    rules: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    for name, pf in files:
        fam = pf.file.kind
        if pf.rules and fam not in RULE_KINDS:
            raise PatternError(f"{name}: a '{fam}' file cannot hold rules")
        for r in pf.rules:
            where = f"{name}: {r.id}"
            if r.id in seen:
                raise PatternError(f"{where}: duplicate rule id (also in {seen[r.id]})")
            seen[r.id] = name
            _check_rule(r, fam, where)
            rules.append(_rule_record(r, fam, name, pf.file.priority, fragments))
    rules.sort(key=lambda x: x["priority"])
    return rules


def _qualifier_patterns(qual_src: dict[str, Any], exp: Any) -> tuple[dict[str, dict[str, Optional[str]]],
                                                                      dict[str, Optional[str]]]:
    """Each qualifier's patterns by place (before / after / inside / clause), and one scan per
    place instead of one per qualifier and place: an alternation of named groups (Q_<n>, n its
    index in the qualifiers' order), each match naming its qualifier by match.lastgroup."""
    qualifiers = {}
    for qn, q in qual_src.items():
        w = f"patterns: qualifier {qn}"
        qualifiers[qn] = {"before": exp(q.before and f"(?:{q.before}) ?$", w),
                          "after": exp(q.after and f"^ ?(?:{q.after})", w),
                          "inside": exp(q.inside, w), "clause": exp(q.clause, w)}
    qual_names = list(qual_src)
    qual_scan = {}
    for place, (pre, post) in {"before": ("", " ?$"), "after": ("^ ?", ""),
                               "inside": ("", ""), "clause": ("", "")}.items():
        alts = [f"(?P<Q_{i}>{getattr(qual_src[qn], place)})" for i, qn in enumerate(qual_names)
                if getattr(qual_src[qn], place)]
        if alts:
            qual_scan[place] = exp(pre + "(?:" + "|".join(alts) + ")" + post, f"patterns: qualifiers {place}")
    return qualifiers, qual_scan


def _plain(d: Path) -> dict[str, Any]:
    """Read and validate every patterns/*.toml file of ``d``: the rule set as plain data (JSON
    types only, every regex with its fragments expanded), what the cache keeps."""
    files = _read_files(d)
    t = _Tables.of(files)
    unit_frags, unit_table = _unit_regex(t.units, t.classifiers)
    t.fragments.update(unit_frags)
    rules = _rule_records(files, t.fragments)

    def exp(src: Optional[str], where: str) -> Optional[str]:
        return _expand(src, t.fragments, where) if src else None

    qualifiers, qual_scan = _qualifier_patterns(t.qualifiers, exp)
    return {
        "directory": str(d), "rules": rules, "digits": t.digits, "scales": t.scales, "vague": t.vague,
        "number_words": t.number_words, "table_examples": [asdict(x) for x in t.table_examples],
        "units": unit_table, "qualifiers": qualifiers, "qualifier_names": list(t.qualifiers),
        "qualifier_scan": qual_scan, "synonyms": t.synonyms,
        **{tn: {k: exp(v, f"patterns: {tn} {k}") for k, v in entries.items()} for tn, entries in t.tables.items()},
    }


def _build(data: dict[str, Any]) -> RuleSet:
    """The RuleSet of plain data (:func:`_plain`); no regex is compiled here (each is compiled
    at its first use: :class:`LoadedRule`, :class:`Patterns`)."""
    loaded: list[LoadedRule] = []
    for x in data["rules"]:
        rule = Rule.from_dict(x["rule"])
        triggers = x.get("triggers")
        loaded.append(LoadedRule(
            rule=rule, group=f"R_{rule.id}", family=str(x["family"]), file=str(x["file"]),
            priority=int(x["priority"]), expanded=str(x["expanded"]),
            branch_sources=[str(b) for b in x["branches"]],
            anchor_sources=[str(w) for w in x["anchor_words"]] if x.get("anchor_words") else None,
            number_first={str(k): (str(v) if v else None) for k, v in (x.get("number_first") or {}).items()},
            triggers=frozenset(str(t) for t in triggers) if triggers else None))

    def table(name: str) -> Patterns:
        return Patterns({str(k): v for k, v in data[name].items()}, f"patterns: {name}")

    return RuleSet(
        directory=data["directory"], rules=loaded, digits=data["digits"], scales=data["scales"],
        vague=data["vague"], number_words=data["number_words"],
        table_examples=[TableExample(**t) for t in data["table_examples"]],
        units={a: UnitInfo(**u) for a, u in data["units"].items()},
        qualifiers={qn: Patterns(q, f"patterns: qualifier {qn}") for qn, q in data["qualifiers"].items()},
        qualifier_names=data["qualifier_names"],
        qualifier_scan=Patterns(data["qualifier_scan"], "patterns: qualifiers"),
        metric=table("metric"), roles=table("roles"), synonyms=data["synonyms"],
        money=table("money"), progress=table("progress"),
        by_group={lr.group: lr for lr in loaded},
    )


def load_rules(directory: str | Path | None = None) -> RuleSet:
    """Read and validate every patterns/*.toml file and compile every regex (no cache): what
    checks a patterns directory whole."""
    return _build(_plain(patterns_dir(directory))).compile_all()


def default_rules(directory: str | Path | None = None) -> RuleSet:
    """The rules of ``directory`` (default: $ZSPROGRESS_PATTERNS, or the bundled ones), loaded
    once per process. The bundled rules are compiled rule by rule as reports need them; those of
    another directory all at once, so that an invalid regex fails when the directory is chosen."""
    return _rules_for(str(directory) if directory else None, os.environ.get("ZSPROGRESS_PATTERNS"))


@lru_cache(maxsize=8)
def _rules_for(directory: Optional[str], env: Optional[str]) -> RuleSet:
    d = patterns_dir(directory).resolve()
    return _rules_at(str(d), d == _bundled_dir())


def _bundled_dir() -> Optional[Path]:
    here = Path(__file__).resolve().parent
    for c in (here / "_data" / "patterns", here.parent / "patterns"):
        if c.is_dir() and any(c.glob("*.toml")):
            return c.resolve()
    return None


@lru_cache(maxsize=4)
def _rules_at(directory: str, bundled: bool) -> RuleSet:
    rs = cached_load(directory)
    return rs if bundled else rs.compile_all()


# --- a cache of the validated rules ------------------------------------------------------------
# Reading and validating the TOML files costs ~40 ms (tomllib, Pydantic and the schema's
# import); the cache keeps their validated data, fragments expanded, each rule's top-level
# branches, anchor words and trigger literals split, as JSON (cache.py: plain data only, never a
# compiled regex nor code), keyed by the bytes of every patterns/*.toml file and the format, in
# a file of its own per checkout and Python/regex/zsprogress versions.

CACHE_FORMAT = 11


def _cache_key(d: Path) -> str:
    import hashlib

    h = hashlib.sha256(f"{CACHE_FORMAT}".encode())
    for path in sorted(d.glob("*.toml")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:32]


def cached_load(directory: str | Path | None = None) -> RuleSet:
    """The rules of ``directory`` (not compiled), their validated data through the on-disk cache
    when one can be used (never required: a missing, damaged or foreign file is rebuilt)."""
    from . import cache

    d = patterns_dir(directory)
    key = _cache_key(d)
    where = cache.entry("rules", str(d.resolve()), key)
    if where is not None:
        hit = cache.load(where[0])
        if isinstance(hit, dict) and hit.get("key") == key and hit.get("format") == CACHE_FORMAT:
            try:
                return _build(hit["rules"])
            except Exception:  # noqa: BLE001 - a damaged or foreign file: rebuilt below
                pass
    data = _plain(d)
    rs = _build(data)
    if where is not None:
        cache.store(where[0], {"format": CACHE_FORMAT, "key": key, "rules": data}, where[1])
    return rs
