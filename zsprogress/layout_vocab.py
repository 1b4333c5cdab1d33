"""The layout vocabulary: patterns/layout.toml, read, validated, compiled and kept as ``V``.

Every module of the package reads the language it recognizes from ``V`` (``V.SEQ_WORDS``,
``V.HDR_RULES``, ``V.LABELS``, ...): header-cell words per column kind, the seq header, leader
titles and heading verbs, unit suffixes and note words, lead-unit tags, label words, sub-item
markers, page chrome and page numbers, metadata labels, title and assignment words and the
report-period words. ``V`` holds nothing and is never rebound: each read asks :func:`active`,
the vocabulary of the report being read (:func:`report_scope`, entered by segment()), else the
one chosen for this context (``use_patterns(DIR)`` for ``--patterns``, or ``using_patterns(DIR)``
for a block; context variables, like decimal's context), else ``$ZSPROGRESS_PATTERNS``'s or the
bundled one. Only structural shapes stay in code (row numbers, Chinese ordinals, dates, punctuation): the constants at the top.

layout.toml is found like the claim rules (``rules.patterns_dir()``: ``use_patterns(DIR)``,
``$ZSPROGRESS_PATTERNS``, the wheel's ``_data/patterns``, the repository's ``patterns/``); a
patterns directory without a layout.toml uses the bundled one. It is read once per process, and
each regex is compiled at its first use (``V.HEADING`` on the first line that could be a leader
heading), so a run pays only for what the report's layout needs; the regexes of another patterns
directory are compiled when it is chosen, so an invalid one fails there.

The disk cache (JSON through :mod:`zsprogress.cache`, beside rules.cached_load's; plain data,
never code nor a compiled regex) keeps, while the file's bytes are unchanged, the validated data
(parsing the TOML and validating it cost ~25 ms: tomllib, pydantic, rules.py). Every regex is
compiled by ``re.compile`` in the process, when first used.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Optional, TypeVar

from .errors import PatternError

T = TypeVar("T")

# structural shapes shared by the vocabulary's compiled regexes and the families
HAN = r"\u4e00-\u9fff"
CN_NUM = "一二三四五六七八九十"
HEADING_ORDINAL = (rf"^(?:[{CN_NUM}]{{1,3}}\s{{0,2}}[、.]\s{{0,2}}|"
                   rf"[(]\s{{0,2}}[{CN_NUM}]{{1,3}}\s{{0,2}}[)]\s{{0,2}})?")
BND = "\n。;!?；！？ \t"
DATE = r"((?:19|20)\d{2})\s{0,2}[-年/.]\s{0,2}(\d{1,2})\s{0,2}[-月/.]\s{0,2}(\d{1,2})"

LAYOUT_FILE = "layout.toml"
_CACHE_FORMAT = 9


class Src(str):
    """The source of a regex of build(), compiled when its attribute is first given out."""


class Vocabulary:
    """The vocabulary of one layout.toml: build()'s values, each compiled at its first use."""

    def __init__(self, name: str, sources: dict[str, Any]):
        self.name = name
        self.sources = sources
        self.values: dict[str, Any] = {}

    def _compiled(self, value: Any) -> Any:
        if isinstance(value, Src):
            return re.compile(value)
        if isinstance(value, (list, tuple)):
            return type(value)(self._compiled(x) for x in value)
        return value

    def __getitem__(self, key: str) -> Any:
        if key not in self.values:
            try:
                self.values[key] = self._compiled(self.sources[key])
            except re.error as e:
                raise PatternError(f"patterns/{self.name}: invalid regex: {e}") from None
        return self.values[key]

    def complete(self) -> dict[str, Any]:
        """Every value, compiled (the same dict on every call)."""
        for key in self.sources:
            self[key]
        return self.values


class _Active:
    """``V``: the vocabulary in force, read by attribute (``V.HEADING``). It holds nothing: each
    read asks :func:`active` (the vocabulary of the report being read, or the one chosen for
    this context), so ``V`` is never rebound and two contexts may read with two vocabularies."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return active()[name]
        except KeyError:
            raise AttributeError(name) from None


_MEMO_SIZE = 4096                      # texts remembered per function and report

#: the vocabulary in force (attributes named as the keys of build())
V = _Active()

# the vocabulary chosen for this context (use_patterns, --patterns); None: $ZSPROGRESS_PATTERNS's
# or the bundled one. Context-local, like decimal's context: set for a run, scoped in a library
_CHOSEN: ContextVar[Optional[Vocabulary]] = ContextVar("zsprogress_layout_chosen", default=None)
# while a report is read (report_scope): its vocabulary, fixed for the report, and the memos of
# per_vocabulary, which serve the rows of that report only
_READING: ContextVar[Optional[tuple[Vocabulary, dict[str, dict[str, Any]]]]] = ContextVar(
    "zsprogress_layout_reading", default=None)


def per_vocabulary(fn: Callable[[str], T]) -> Callable[[str], T]:
    """``fn``, a function of a text and the active vocabulary ``V`` only, remembering its result
    for each text of the report being segmented (a unit list or a header cell repeats on every
    row; the memos live as long as :func:`report_scope`). Its
    results are shared: they must not be changed (return tuples, not lists)."""
    name = f"{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def remembered(s: str) -> T:
        reading = _READING.get()
        if reading is None:                    # outside a report: nothing to share with
            return fn(s)
        memo = reading[1].get(name)
        if memo is None:
            memo = reading[1][name] = {}
        elif s in memo:
            return memo[s]
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        value = memo[s] = fn(s)
        return value

    return remembered


def _alt(words: list[str]) -> str:
    """A regex alternation of literal words, longest first (list order among equal lengths)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def build(d: dict[str, Any]) -> dict[str, Any]:
    """The vocabulary, from the (validated) data of layout.toml: regexes as their sources
    (:class:`Src`), compiled when :class:`Vocabulary` first gives them out; one part per
    table group of the file."""
    g: dict[str, Any] = {}
    for part in (_chrome, _headers, _leader_headings, _units, _sub_items, _labels, _meta, _groups):
        g.update(part(d))
    return g


def _chrome(d: dict[str, Any]) -> dict[str, Any]:
    """The page chrome regex: a chrome label, a button, a bullet, a breadcrumb or a web list's relative time, one regex."""
    g: dict[str, Any] = {}
    ch = d["chrome"]
    # a chrome label, a button, a bullet, a breadcrumb or a web list's relative time: one regex
    alts = [rf"(?:{_alt(ch['labels'])})(?=[\s:\[]|$)"]
    if ch["buttons"]:
        alts.append(rf"\[\s{{0,3}}(?:{_alt(ch['buttons'])})\s{{0,3}}\]")
    alts += [r"[•·●▪◆]", ">", r"\[\s*\]$"]
    if ch["notes"]:
        alts.append(rf"(?:{_alt(ch['notes'])})$")
    if ch["breadcrumb_home"]:
        alts.append(rf"(?:{_alt(ch['breadcrumb_home'])})\s{{0,3}}>")
    if ch["relative_time"]:
        alts.append(rf".{{0,200}}·\s{{0,3}}\d{{1,4}}\s{{0,3}}(?:{_alt(ch['relative_time'])})\s{{0,3}}·")
    alts += [rf"(?:{r})$" for r in ch["page_marks"]]
    g["CHROME_RE"] = Src(rf"^(?:{'|'.join(alts)})")
    return g


def _headers(d: dict[str, Any]) -> dict[str, Any]:
    """The header vocabulary: seq words, a rule per column kind (tried in order), one regex for any kind, the word a synthesized header cell gets per kind."""
    g: dict[str, Any] = {}
    seq = d["seq_header"]["words"]
    g["SEQ_WORDS"] = frozenset(seq)
    g["SEQ_PREFIX"] = tuple(seq)
    rules = []
    for h in d["header"]:
        parts = [re.escape(w) for w in h["contains"]]
        parts += [f"^{re.escape(w)}$" for w in h["exact"]]
        parts += [f"{re.escape(w)}$" for w in h["ends_with"]]
        parts += [f"(?:{r})" for r in h["regex"]]
        rules.append((h["kind"], Src("|".join(parts))))
    g["HDR_RULES"] = rules
    # the words of the rules (a header word wrapped over two lines is one of them cut in two)
    g["HDR_WORDS"] = tuple(dict.fromkeys(w for h in d["header"] for k in ("contains", "exact", "ends_with") for w in h[k]))
    # any header kind: one search rules out most cells before the rules are tried in order
    g["HDR_ANY"] = Src("|".join(f"(?:{rx})" for _, rx in rules))
    # the word a synthesized header cell gets for a column kind (label blocks and lists stand for
    # a header row): the first word of the kind's first entry, which names that kind
    header_word: dict[str, str] = {"seq": seq[0]}
    for h in d["header"]:
        first = (h["exact"] or h["contains"] or h["ends_with"] or [None])[0]
        if first is not None:
            header_word.setdefault(h["kind"], first)
    g["HEADER_WORD"] = header_word
    return g


def _leader_headings(d: dict[str, Any]) -> dict[str, Any]:
    """Leader titles and the leader-heading regexes: a name and title, then a verb, an ending and a
    count, each optional (徐仁标市长牵头重点工作, 市长王强分管工作, 王强副市长分管(3项)); a
    category with its leader in brackets (经济发展(张伟副县长), 经济发展(牵头领导:张伟)); the words one
    of them holds (a quick refusal of other lines). Which parts must be there is
    shapes.leader_heading's."""
    g: dict[str, Any] = {}
    lh = d["leader_heading"]
    g["TITLES"] = sorted(lh["titles"], key=len, reverse=True)
    hon = rf"(?:{_alt(lh['honorifics'])})?" if lh["honorifics"] else ""
    verbs = _alt(lh["verbs"])
    words = _alt(lh["count_words"]) if lh["count_words"] else r"(?!x)x"
    count = rf"(?P<count>[(]\s{{0,2}}共?\s{{0,2}}\d{{1,3}}\s{{0,2}}(?:{words})[)]|共\s{{0,2}}\d{{1,3}}\s{{0,2}}(?:{words}))"
    # a name may be spaced out (王  强, typeset to the width of a three-character name)
    who = rf"(?P<who>[{HAN}](?:\s{{0,3}}[{HAN}]){{1,15}}?)"
    g["HEADING"] = Src(
        rf"{HEADING_ORDINAL}{who}{hon}\s{{0,2}}(?P<verb>(?:{verbs}){{1,2}})?"
        rf"(?P<end>{_alt(lh['endings'])})?\s{{0,2}}{count}?$")
    labels = rf"(?P<label>{_alt(lh['bracket_labels'])})\s{{0,2}}:?\s{{0,2}}" if lh["bracket_labels"] else ""
    g["HEADING_BRACKET"] = Src(
        rf"{HEADING_ORDINAL}[^()]{{2,30}}?\s{{0,2}}[(]\s{{0,2}}(?:{labels})?{who}{hon}"
        rf"(?:{verbs})?\s{{0,2}}[)]\s{{0,2}}{count}?$")
    g["HEADING_HINT"] = Src(_alt(lh["titles"] + lh["verbs"] + lh["bracket_labels"]))
    # a count of tasks (9项): a heading's (综合指标类9项), never a header cell's
    g["ITEM_COUNT"] = Src(rf"\d{{1,4}}\s{{0,2}}(?:{words})")
    return g


def _units(d: dict[str, Any]) -> dict[str, Any]:
    """Unit suffixes and words, and the lead-unit tags inside a task cell."""
    g: dict[str, Any] = {}
    g["UNIT_SUFFIX"] = tuple(d["units"]["suffixes"])
    g["NOTE_WORDS"] = tuple(d["units"]["note_words"])
    g["GLUE_ENDS"] = tuple(d["units"]["glue_ends"])
    g["GLUE_STARTS"] = tuple(d["units"]["glue_starts"])
    tags = _alt(d["inline_units"]["tags"])
    qual = d["inline_units"]["qualifiers"]
    q = rf"(?:{_alt(qual)})?" if qual else ""
    g["TAG_BR"] = Src(rf"[(\[]\s{{0,3}}{q}(?:{tags})\s{{0,3}}:\s{{0,3}}")
    g["TAG_BARE"] = Src(rf"{q}(?:{tags})\s{{0,3}}:\s{{0,3}}")
    return g


def _sub_items(d: dict[str, Any]) -> dict[str, Any]:
    """Sub-item markers of a progress cell (1. (1) ① 一是) and page numbers."""
    g: dict[str, Any] = {}
    si = d["sub_items"]
    circled = "".join(si["circled"])
    zs = re.escape(si["ordinal_suffix"])
    g["CIRCLED"] = circled
    g["MARKER_START"] = Src(
        rf"^(?:(?P<a>\d{{1,2}})\s{{0,2}}[.、](?!\d)|(?P<a2>\d{{1,2}})\.(?=\d)|[(](?P<p>\d{{1,2}})[)]|"
        rf"(?P<c>[{circled}])|(?P<z>[{CN_NUM}]{{1,3}}){zs})")
    # a boundary then a marker, or a circled number (group c). One leading character class lets
    # the regex engine skip to candidate characters: the branches tell them apart by lookbehind
    g["MARKER_ANY"] = Src(
        rf"[{BND}{circled}](?:(?<=[{BND}])(?:(?P<a>\d{{1,2}})[.、](?!\s{{0,2}}[\d%])|[(](?P<p>\d{{1,2}})[)]|"
        rf"(?P<z>[{CN_NUM}]{{1,3}}){zs})|(?<=(?P<c>[{circled}])))")

    g["PAGE_NO"] = Src(rf"^(?:{'|'.join(d['page_numbers']['regex'])})$")
    return g


def _labels(d: dict[str, Any]) -> dict[str, Any]:
    """Label lines (责任单位:) and labels inline after a sentence end."""
    g: dict[str, Any] = {}
    labels, inline = [], []
    for lb in d["label"]:
        words = _alt(lb["words"])
        g_line = rf"[^\s:]{{0,6}}(?:{words})" if lb["qualified"] else words
        labels.append((lb["kind"], Src(rf"^(?:{g_line})\s{{0,3}}:\s{{0,3}}")))
        iw = lb["words"] if lb["inline"] is True else (lb["inline"] or [])
        if iw:
            body = _alt(iw)
            if lb["qualified"]:
                body = rf"[^\s:。;,()]{{0,6}}?(?:{body})"
            inline.append(f"(?P<{lb['kind']}>{body})")
    g["LABELS"] = labels
    g["INLINE_LABEL"] = Src(
        r"(?<=[。;.!?)\]\s])\s{0,2}(?:" + "|".join(inline) + r")\s{0,3}:\s{0,3}"
        if inline else r"(?!x)x")
    return g


def _meta(d: dict[str, Any]) -> dict[str, Any]:
    """Metadata: title, assignment words, dates, index number, publisher, place."""
    g: dict[str, Any] = {}
    m = d["meta"]
    g["TITLE_KEY"] = Src(_alt(m["title"]["words"]))
    g["ASSIGNMENT"] = Src(_alt(m["assignment"]["words"]))
    g["PUBLISHED"] = Src(rf"(?:{_alt(m['published']['labels'])})\s{{0,3}}:?\s{{0,3}}" + DATE)
    g["GENERATED"] = Src(rf"(?:{_alt(m['generated']['labels'])})\s{{0,3}}:?\s{{0,3}}" + DATE)
    g["INDEX"] = Src(rf"(?:{_alt(m['index']['labels'])})\s{{0,3}}:?\s{{0,6}}(\S{{1,60}})")
    g["PUBLISHER"] = [
        Src((f"(?<!{re.escape(p['not_after'])})" if p["not_after"] else "") + re.escape(p["label"])
                   + (r"\s{0,3}:?\s{0,6}" if p["colon_optional"] else r"\s{0,3}:\s{0,6}") + r"([^\s:]{2,40})")
        for p in m["publisher"]["labels"]]
    g["LABEL_WORDS"] = tuple(m["label_words"])
    pl = m.get("place")
    g["PLACE"] = Src(rf"([\u4e00-\u9fff]{{2,10}}?(?:{_alt(pl['suffixes'])}))(?:{_alt(pl['bodies'])})"
                     if pl else r"(?!x)x")
    return g


def _groups(d: dict[str, Any]) -> dict[str, Any]:
    """Status groups, matrix words, notices and attachments, and report periods."""
    g: dict[str, Any] = {}
    g["STATUS_GROUP"] = Src(_alt(d["status_groups"]["words"]))
    po = d["progress_opening"]
    g["PROGRESS_OPENING"] = Src(r"(?<=[,;])\s{0,2}(?:" + "|".join([_alt(po["words"]), *po.get("regex", [])]) + ")")
    nil = d["nil_cell"]["words"]
    g["NIL_CELL"] = Src(rf"^(?:{_alt(nil)})[。.]?$" if nil else r"(?!x)x")
    one = "|".join(f"(?:{rx})" for rx in d["contact_cell"]["regex"])
    g["CONTACT_CELL"] = Src(rf"^(?:{one})(?:\s{{0,2}}[、,;/]\s{{0,2}}(?:{one}))*$")
    mx = d["matrix"]
    g["MATRIX_TARGET"] = Src(_alt(mx["target_words"]))
    g["MATRIX_RATE"] = Src(rf"(?:{_alt(mx['rate_ends'])})$")
    nt = d["notice"]
    g["NOTICE"] = Src(_alt(nt["words"]))
    g["ATTACHMENT"] = Src(rf"^(?:{_alt(nt['attachments'])})\s{{0,3}}\d{{0,2}}\s{{0,3}}:\s{{0,3}}(?P<name>.*)$")

    g["PERIOD_RANGE"] = Src(d["period_range"]["title"])
    g["PERIODS"] = [(p["label"], p["end_month"], Src(_alt(p["words"]))) for p in d["period"]]
    in_body = [re.escape(w) for p in d["period"]
               for w in (p["words"] if p["in_body"] is True else (p["in_body"] or []))]
    g["PERIOD_BODY"] = Src("|".join(in_body + [d["period_range"]["body"]]))
    return g

@functools.lru_cache(maxsize=1)
def bundled_dir() -> Path:
    """Where rules.patterns_dir() looks when given no directory and no $ZSPROGRESS_PATTERNS:
    the wheel's copy, then the repository's (rules.py is not imported for it: ~20 ms)."""
    pkg = Path(__file__).resolve().parent
    cands = [pkg / "_data" / "patterns", pkg.parent / "patterns"]
    for c in cands:
        if (c / LAYOUT_FILE).is_file():
            return c
    raise PatternError(f"no {LAYOUT_FILE} at {', '.join(map(str, cands))}")


def layout_path(directory: Optional[str]) -> Path:
    """layout.toml of ``directory`` (or $ZSPROGRESS_PATTERNS, or the bundled patterns/). A
    directory without one (it overrides claim rules only) uses the bundled vocabulary."""
    if not directory and not os.environ.get("ZSPROGRESS_PATTERNS"):
        return bundled_dir() / LAYOUT_FILE
    from .paths import patterns_dir

    p = patterns_dir(directory or None) / LAYOUT_FILE
    return p if p.is_file() else bundled_dir() / LAYOUT_FILE


def _cache_format() -> str:
    """What the cached data depends on besides the file: the schema (rules.py, layout_schema.py),
    its use here and the Python version; an edit to either module makes the cache stale."""
    here = Path(__file__)
    pkg = here.parent
    stamp = [f"{st.st_size}.{st.st_mtime_ns}" for st in (here.stat(), (pkg / "rules.py").stat(),
                                                          (pkg / "layout_schema.py").stat())]
    return f"{_CACHE_FORMAT}|{'|'.join(stamp)}|{sys.version}"


def parse(path: Path, src: bytes) -> dict[str, Any]:
    """Parse and validate layout.toml (errors name the file): its data with defaults filled."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    from .layout_schema import layout_file

    name = f"patterns/{path.name}"
    try:
        data = tomllib.loads(src.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise PatternError(f"{name}: not valid TOML: {e}") from None
    return layout_file(name, data).model_dump()


def read(path: Path, use_cache: bool = True) -> dict[str, Any]:
    """The validated data of a layout.toml, from the disk cache while the file is unchanged, else
    parsed, validated and cached (plain data: cache.py)."""
    import hashlib

    from . import cache as disk

    try:
        src = path.read_bytes()
    except OSError as e:
        raise PatternError(f"patterns/{path.name}: cannot be read: {e}") from None
    key = hashlib.sha256(f"{_cache_format()}|".encode() + src).hexdigest()[:32]
    where = disk.entry("layout", str(path.resolve()), key) if use_cache else None
    if where is not None:
        hit = disk.load(where[0])
        if isinstance(hit, dict) and hit.get("key") == key and isinstance(hit.get("data"), dict):
            return hit["data"]
    data = parse(path, src)
    if where is not None:
        disk.store(where[0], {"key": key, "data": data}, where[1])
    return data


def load_layout(directory: Optional[str] = None) -> dict[str, Any]:
    """The compiled vocabulary of ``directory``'s layout.toml, built once per process."""
    return _vocabulary_at(layout_path(directory)).complete()


@functools.lru_cache(maxsize=16)
def _vocabulary_at(path: Path) -> Vocabulary:
    """The vocabulary of a layout.toml, read once per process (a memo by path); the regexes of a
    file other than the bundled one are compiled at once (an invalid one fails when the
    directory is chosen, and is not remembered)."""
    try:
        sources = build(read(path))
    except Exception:  # noqa: BLE001 - cached data of another shape: read the file again
        sources = build(read(path, use_cache=False))
    vocab = Vocabulary(path.name, sources)
    if path != bundled_dir() / LAYOUT_FILE:
        vocab.complete()
    return vocab


def cached_re(src: str) -> re.Pattern[str]:
    """``re.compile(src)`` for the package's own regexes (module constants; flags inline)."""
    return re.compile(src)


def active() -> Vocabulary:
    """The vocabulary in force: the report's while one is read (:func:`report_scope`), else the
    one chosen for this context (:func:`use_patterns`), else $ZSPROGRESS_PATTERNS's or the
    bundled one."""
    reading = _READING.get()
    if reading is not None:
        return reading[0]
    return _CHOSEN.get() or _vocabulary_at(layout_path(None))


@contextmanager
def report_scope() -> Iterator[Vocabulary]:
    """While one report is segmented: the vocabulary in force fixed for it, and fresh memos for
    :func:`per_vocabulary` (a header cell or a unit list repeats on every row), dropped after."""
    token = _READING.set((active(), {}))
    try:
        yield _READING.get()[0]  # type: ignore[index]
    finally:
        _READING.reset(token)


def use_patterns(directory: Optional[str | Path] = None) -> None:
    """Read the layout vocabulary from ``directory``/layout.toml in this context from now on
    (``--patterns``); None: $ZSPROGRESS_PATTERNS or the bundled one. Raises PatternError for an
    invalid file (the choice is then unchanged). A library call that should not outlive a block
    uses :func:`using_patterns`."""
    _CHOSEN.set(_vocabulary_at(layout_path(str(directory))) if directory else None)


@contextmanager
def using_patterns(directory: Optional[str | Path]) -> Iterator[None]:
    """:func:`use_patterns` for the block only (the choice before it is restored after)."""
    token = _CHOSEN.set(_vocabulary_at(layout_path(str(directory))) if directory else None)
    try:
        yield
    finally:
        _CHOSEN.reset(token)
