"""Load and validate patterns/*.toml into a RuleSet, compiled once.

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
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Optional, Union

import regex
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from .errors import PatternError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FRAGMENT_REF = regex.compile(r"\{([A-Z][A-Z0-9_]*)\}")
RULE_KINDS = ("claims", "skips", "periods")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Example(_Strict):
    text: str
    value: Optional[float] = None
    unit: Optional[str] = None
    scope: Optional[str] = None
    skip: Optional[str] = None
    period: Optional[str] = None
    end_month: Optional[int] = None
    why: Optional[str] = None


class Rule(_Strict):
    id: str
    name: str
    summary: str
    regex: str
    kind: Optional[str] = None  # claim kind; None for skips and periods
    unit: Optional[str] = None
    sign: Union[int, Literal["direction", "value"], None] = None
    multi: bool = False
    # the phrase before the claim names what it measures (投资完成率68%): linking checks it
    own_metric: bool = False
    # a literal every match contains (百分点, bp): the rule then runs only in windows of
    # [before, after] characters around its occurrences, not over the whole text
    anchor: Optional[str] = None
    anchor_window: tuple[int, int] = (64, 16)
    qualifiers: list[str] = []
    value_from: Optional[Literal["tenths", "fraction", "permille", "none"]] = None
    reason: Optional[str] = None
    end_month: Union[int, str, None] = None
    must_match: list[Example] = []
    must_not_match: list[Union[str, Example]] = []
    known_misses: list[Example] = []

    @field_validator("id")
    @classmethod
    def _id_shape(cls, v: str) -> str:
        if not regex.fullmatch(r"[A-Z]{3}\d{3}", v):
            raise ValueError("rule ids are three capitals and three digits, e.g. CMP001")
        return v


class NumberWordLists(_Strict):
    """The [words] table of numbers.toml: what the number parser needs besides digits and scales."""

    negative_signs: str
    points: str
    vague_between: str
    not_positional: str
    abbreviations: dict[str, str] = {}
    not_numbers: list[str] = []
    single_word_chars: str = ""


class TableExample(_Strict):
    """Examples for a regex of a table (triggers.toml): ``table.key`` must / must not find them."""

    table: Literal["metric", "roles", "money", "progress"]
    key: str
    at_start: bool = False  # the regex is used at a position (match), not searched
    must_match: list[str] = []
    must_not_match: list[str] = []


class FileHeader(_Strict):
    kind: Literal["numbers", "units", "triggers", "claims", "skips", "periods", "layout"]
    summary: str
    priority: int = 100


class Unit(_Strict):
    canonical: str
    kind: Literal["amount", "quantity"]
    dimension: str
    aliases: list[str]
    factor: float = 1
    not_before: str = ""


class Classifiers(_Strict):
    kind: Literal["quantity"]
    aliases: list[str]
    not_before: dict[str, str] = {}


class Qualifier(_Strict):
    before: Optional[str] = None
    after: Optional[str] = None
    inside: Optional[str] = None
    clause: Optional[str] = None


class PatternFile(_Strict):
    file: FileHeader
    fragments: dict[str, str] = {}
    rules: list[Rule] = []
    digits: dict[str, int] = {}
    scales: dict[str, int] = {}
    decimal_points: dict[str, str] = {}
    vague: dict[str, list[int]] = {}
    words: Optional[NumberWordLists] = None
    examples: list[TableExample] = []
    units: list[Unit] = []
    classifiers: Optional[Classifiers] = None
    qualifiers: dict[str, Qualifier] = {}
    metric: dict[str, str] = {}
    roles: dict[str, str] = {}
    synonyms: dict[str, str] = {}
    money: dict[str, str] = {}
    progress: dict[str, str] = {}


# --- the layout file (patterns/layout.toml, read by segment.py) ------------------------------

def layout_file(name: str, data: dict[str, Any]) -> Any:
    """Validate the data of a ``layout`` file (:mod:`zsprogress.layout_schema`); errors name it."""
    from .layout_schema import layout_file as validate

    return validate(name, data)


class UnitInfo(BaseModel):
    canonical: str
    kind: str
    dimension: str
    factor: float = 1


class LoadedRule(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)
    rule: Rule
    group: str  # R_<id>: the name of the rule in match bookkeeping
    family: str  # claims | skips | periods
    file: str
    priority: int
    expanded: str
    compiled: Any = None
    branches: list[Any] = []  # the top-level alternatives of the regex, compiled one by one
    anchor: Any = None


class RuleSet(BaseModel):
    """Every rule and table of patterns/, each regex compiled once (and cached on disk)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    directory: str
    rules: list[LoadedRule]
    digits: dict[str, int]
    scales: dict[str, int]
    vague: dict[str, list[int]]
    number_words: dict[str, Any] = {}  # numbers.toml [words]
    table_examples: list[Any] = []  # TableExample of triggers.toml
    units: dict[str, UnitInfo]  # alias -> info
    qualifiers: dict[str, dict[str, Any]]  # name -> {before|after|inside|clause: compiled}
    qualifier_names: list[str] = []
    qualifier_scan: dict[str, Any] = {}  # place -> alternation of (?P<Q_i>...) over qualifier_names
    metric: dict[str, Any]
    roles: dict[str, Any]
    synonyms: dict[str, str] = {}
    money: dict[str, Any] = {}
    progress: dict[str, Any] = {}
    by_group: dict[str, LoadedRule]

    def get(self, rule_id: str) -> LoadedRule:
        for r in self.rules:
            if r.rule.id == rule_id:
                return r
        raise KeyError(rule_id)


def patterns_dir(override: str | Path | None = None) -> Path:
    """Where patterns/ is: --patterns, $ZSPROGRESS_PATTERNS, the wheel's copy, the repository's."""
    cands: list[Path] = []
    if override:
        cands.append(Path(override))
    elif os.environ.get("ZSPROGRESS_PATTERNS"):
        cands.append(Path(os.environ["ZSPROGRESS_PATTERNS"]))
    else:
        here = Path(__file__).resolve().parent
        cands += [here / "_data" / "patterns", here.parent / "patterns"]
    for c in cands:
        if c.is_dir() and any(c.glob("*.toml")):
            return c
    raise PatternError(f"no patterns directory with .toml files at {', '.join(map(str, cands))}")


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


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _expand(src: str, fragments: dict[str, str], where: str, depth: int = 0) -> str:
    if depth > 12:
        raise PatternError(f"{where}: fragments nest too deep (a cycle?)")

    def sub(m: regex.Match) -> str:
        name = m.group(1)
        if name not in fragments:
            raise PatternError(f"{where}: unknown fragment {{{name}}}")
        return "(?:" + _expand(fragments[name], fragments, f"{where} > {name}", depth + 1) + ")"

    return FRAGMENT_REF.sub(sub, src)


def _unit_regex(units: list[Unit], classifiers: Optional[Classifiers]) -> tuple[dict[str, str], dict[str, UnitInfo]]:
    table: dict[str, UnitInfo] = {}
    amount, measure = [], []
    for u in units:
        for a in u.aliases:
            table[a] = UnitInfo(canonical=u.canonical, kind=u.kind, dimension=u.dimension, factor=u.factor)
            alt = regex.escape(a) + (f"(?![{regex.escape(u.not_before)}])" if u.not_before else "")
            (amount if u.kind == "amount" else measure).append((a, alt))
    cls = []
    if classifiers:
        for a in classifiers.aliases:
            table.setdefault(a, UnitInfo(canonical=a, kind="quantity", dimension=f"count:{a}"))
            nb = classifiers.not_before.get(a, "")
            cls.append((a, regex.escape(a) + (f"(?![{regex.escape(nb)}])" if nb else "")))

    def alt(pairs):
        pairs = sorted(pairs, key=lambda p: (-len(p[0]), p[0]))
        return "|".join(p[1] for p in pairs)

    return {"AMOUNT_UNIT": alt(amount), "MEASURE_UNIT": alt(measure), "CLASSIFIER": alt(cls)}, table


def load_rules(directory: str | Path | None = None) -> RuleSet:
    """Read, validate and compile every patterns/*.toml file."""
    d = patterns_dir(directory)
    files: list[tuple[str, PatternFile]] = []
    for path in sorted(d.glob("*.toml")):
        name = f"patterns/{path.name}"
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise PatternError(f"{name}: not valid TOML: {e}") from None
        if isinstance(data.get("file"), dict) and data["file"].get("kind") == "layout":
            layout_file(name, data)  # segment.py's vocabulary: validated, not a source of rules
            continue
        try:
            files.append((name, PatternFile.model_validate(data)))
        except ValidationError as e:
            err = e.errors()[0]
            loc = err["loc"]
            rid = ""
            if loc and loc[0] == "rules" and len(loc) > 1 and isinstance(loc[1], int):
                try:
                    rid = data["rules"][loc[1]].get("id", f"rule #{loc[1] + 1}") + ": "
                except (KeyError, IndexError, AttributeError):
                    pass
            raise PatternError(f"{name}: {rid}{'.'.join(map(str, loc))}: {err['msg']}") from None

    fragments: dict[str, str] = {}
    digits: dict[str, int] = {}
    scales: dict[str, int] = {}
    vague: dict[str, list[int]] = {}
    number_words: dict[str, Any] = {}
    table_examples: list[TableExample] = []
    units: list[Unit] = []
    classifiers: Optional[Classifiers] = None
    qual_src: dict[str, Qualifier] = {}
    metric: dict[str, str] = {}
    roles: dict[str, str] = {}
    synonyms: dict[str, str] = {}
    money: dict[str, str] = {}
    progress: dict[str, str] = {}
    for name, pf in files:
        for k, v in pf.fragments.items():
            if k in fragments:
                raise PatternError(f"{name}: fragment {k} is defined twice")
            fragments[k] = v
        digits.update(pf.digits)
        scales.update(pf.scales)
        vague.update(pf.vague)
        if pf.words is not None:
            number_words = pf.words.model_dump()
        table_examples += pf.examples
        units += pf.units
        classifiers = pf.classifiers or classifiers
        qual_src.update(pf.qualifiers)
        metric.update(pf.metric)
        roles.update(pf.roles)
        synonyms.update(pf.synonyms)
        money.update(pf.money)
        progress.update(pf.progress)
    unit_frags, unit_table = _unit_regex(units, classifiers)
    fragments.update(unit_frags)

    loaded: list[LoadedRule] = []
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
            if fam == "claims" and not r.kind:
                raise PatternError(f"{where}: a claim rule needs a kind")
            if fam == "skips" and not r.reason:
                raise PatternError(f"{where}: a skip rule needs a reason")
            if fam == "periods" and r.end_month is None:
                raise PatternError(f"{where}: a period rule needs end_month")
            if not r.must_match:
                raise PatternError(f"{where}: a rule needs at least one must_match example")
            expanded = _expand(r.regex, fragments, where)
            loaded.append(LoadedRule(rule=r, group=f"R_{r.id}", family=fam, file=name,
                                     priority=pf.file.priority, expanded=expanded))
    loaded.sort(key=lambda lr: lr.priority)  # stable: file order within a priority
    # Each rule is compiled on its own (a single pattern keeps the regex engine's literal-prefix
    # optimisations, which one big alternation loses: 4x slower measured on the sample).
    for lr in loaded:
        try:
            lr.compiled = regex.compile(lr.expanded, regex.MULTILINE)
            # A top-level alternation of unlike branches defeats the engine's first-character
            # scan (PER002: 0.3 ms as two patterns, 8 ms as one): run each branch on its own.
            parts = top_level_branches(lr.expanded)
            lr.branches = [lr.compiled] if len(parts) == 1 else \
                [regex.compile(p, regex.MULTILINE) for p in parts]
            if lr.rule.anchor:
                lr.anchor = regex.compile(lr.rule.anchor)
        except regex.error as e:
            raise PatternError(f"{lr.file}: {lr.rule.id}: invalid regex: {e}") from None

    def comp(src: Optional[str], where: str):
        if not src:
            return None
        try:
            return regex.compile(_expand(src, fragments, where))
        except regex.error as e:
            raise PatternError(f"{where}: invalid regex: {e}") from None

    qualifiers = {}
    for qn, q in qual_src.items():
        w = f"patterns: qualifier {qn}"
        qualifiers[qn] = {
            "before": comp(q.before and f"(?:{q.before}) ?$", w),
            "after": comp(q.after and f"^ ?(?:{q.after})", w),
            "inside": comp(q.inside, w),
            "clause": comp(q.clause, w),
        }
    # one scan per place instead of one per qualifier and place: an alternation of named groups
    # (Q_<n>), each match naming its qualifier by match.lastgroup
    qual_names = list(qual_src)
    qual_scan = {}
    for place, (pre, post) in {"before": ("", " ?$"), "after": ("^ ?", ""),
                               "inside": ("", ""), "clause": ("", "")}.items():
        alts = [f"(?P<Q_{i}>{getattr(qual_src[qn], place)})" for i, qn in enumerate(qual_names)
                if getattr(qual_src[qn], place)]
        if alts:
            qual_scan[place] = comp(pre + "(?:" + "|".join(alts) + ")" + post, f"patterns: qualifiers {place}")
    return RuleSet(
        directory=str(d), rules=loaded, digits=digits, scales=scales, vague=vague,
        number_words=number_words, table_examples=table_examples,
        units=unit_table, qualifiers=qualifiers, qualifier_names=qual_names, qualifier_scan=qual_scan,
        metric={k: comp(v, f"patterns: metric {k}") for k, v in metric.items()},
        roles={k: comp(v, f"patterns: roles {k}") for k, v in roles.items()},
        synonyms=synonyms,
        money={k: comp(v, f"patterns: money {k}") for k, v in money.items()},
        progress={k: comp(v, f"patterns: progress {k}") for k, v in progress.items()},
        by_group={lr.group: lr for lr in loaded},
    )


_DEFAULT: Optional[RuleSet] = None


def default_rules(directory: str | Path | None = None) -> RuleSet:
    """The rules of ``directory`` (default: the bundled ones), loaded once per process."""
    global _DEFAULT
    if directory is None and not os.environ.get("ZSPROGRESS_PATTERNS"):
        if _DEFAULT is None:
            _DEFAULT = _rules_at(str(patterns_dir(None).resolve()))
        return _DEFAULT
    return _rules_at(str(patterns_dir(directory).resolve()))


@lru_cache(maxsize=4)
def _rules_at(directory: str) -> RuleSet:
    return cached_load(directory)


# --- a cache of the loaded rules --------------------------------------------------------------
# Compiling ~50 regexes costs ~60 ms (the regex module parses patterns in Python); a compiled
# pattern unpickles in microseconds. The cache key is a hash of every patterns/*.toml file and of
# the versions that shape the compiled code, so an edited rule file is never served stale.

CACHE_FORMAT = 7


def _cache_dir() -> Optional[Path]:
    if os.environ.get("ZSPROGRESS_NO_CACHE"):
        return None
    base = os.environ.get("ZSPROGRESS_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "zsprogress")
    return Path(base)


def _cache_key(d: Path) -> str:
    import hashlib

    from . import __version__

    h = hashlib.sha256(f"{CACHE_FORMAT}|{__version__}|{regex.__version__}|{sys.version}".encode())
    h.update(Path(__file__).read_bytes())  # the RuleSet a pickle restores is defined here
    for path in sorted(d.glob("*.toml")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:32]


def cached_load(directory: str | Path | None = None) -> RuleSet:
    """load_rules(), through the on-disk cache when one can be used (never required)."""
    import pickle

    d = patterns_dir(directory)
    cdir = _cache_dir()
    if cdir is None:
        return load_rules(d)
    path = cdir / f"rules-{_cache_key(d)}.pickle"
    try:
        with open(path, "rb") as fh:
            rs = pickle.load(fh)
        if isinstance(rs, RuleSet):
            return rs
    except Exception:  # missing, unreadable, from another version: rebuild
        pass
    rs = load_rules(d)
    try:
        cdir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(rs, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:  # a read-only home: run without the cache
        pass
    return rs
