"""Text folding and number parsing.

``fold`` maps full-width digits, letters and punctuation to half-width and odd spaces to a
plain space, one character for one character: offsets in the folded text are offsets in the
original, so every span found on the folded text points into the report as printed.

``parse_number`` turns the surface of a number (``153.57亿``, ``1 0 . 6``, ``一百二十``,
``两千六``, ``十几``, ``5万4千6百``, ``四万亿``, ``零点五``, ``二〇二四``, ``负三``, ``三分之一``)
into a float in base units, using the number words of patterns/numbers.toml.

``find_numbers`` finds every number of a text (the "all numbers" mode the peer bench needs):
Arabic, Chinese, mixed, fractions; not the numerals inside words (一切, 四川, 陆地, 收拾).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Optional

_FOLD: dict[int, int] = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}  # ！..～ -> !..~
_FOLD.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20,
              0x202F: 0x20, 0x200B: 0x20, 0xFEFF: 0x20, 0x3002: 0x3002,
              0xFF0E: 0x2E, 0x2236: 0x3A, 0x3010: 0x5B, 0x3011: 0x5D, 0xFE50: 0x2C, 0xFE51: 0x3001, 0xFE52: 0x2E})
_FOLD_CHARS = {chr(k): chr(v) for k, v in _FOLD.items()}


_NEEDS_FOLD = re.compile("[" + "".join(re.escape(chr(k)) for k, v in _FOLD.items() if k != v) + "]")


def fold(text: str, script: Optional[ScriptFold] = None) -> str:
    """Full-width -> half-width, NBSP/ideographic space -> space; same length as the input.
    With ``script`` (:attr:`NumberWords.script`), traditional characters -> simplified too."""
    # a scan for the few characters to fold beats str.translate's per-character table lookup
    text = _NEEDS_FOLD.sub(_fold_one, text)
    return script(text) if script is not None else text


class ScriptFold:
    """Traditional -> simplified characters, one for one (numbers.toml ``[words] traditional``)."""

    def __init__(self, pairs: str):
        self.table = {p[0]: p[1] for p in pairs.split()}
        self._needs = re.compile("[" + "".join(map(re.escape, self.table)) + "]")

    def __call__(self, text: str) -> str:
        return self._needs.sub(lambda m: self.table[m.group()], text)


def _fold_one(m: re.Match[str]) -> str:
    return _FOLD_CHARS[m.group()]


class NumberWords:
    """The number words of patterns/numbers.toml."""

    def __init__(self, digits: Mapping[str, int], scales: Mapping[str, int],
                 vague: Optional[Mapping[str, list[int]]] = None,
                 lists: Optional[Mapping[str, object]] = None):
        self.digits = dict(digits)
        self.scales = dict(scales)
        self.vague = dict(vague or {})
        w = dict(lists or {})  # the [words] table of numbers.toml
        self.negative_signs: str = str(w.get("negative_signs", "-"))
        self.points: str = str(w.get("points", ""))
        self.vague_between: str = str(w.get("vague_between", ""))
        self.not_positional: str = str(w.get("not_positional", ""))
        self.abbreviations: dict[str, str] = dict(w.get("abbreviations", {}))  # type: ignore[call-overload]
        self.not_numbers: list[str] = list(w.get("not_numbers", []))  # type: ignore[call-overload]
        self.single_word_chars: str = str(w.get("single_word_chars", ""))
        trad = str(w.get("traditional", ""))
        self.script: Optional[ScriptFold] = ScriptFold(trad) if trad.strip() else None
        self._scanner: Optional[_Scanner] = None
        self._vague_first = frozenset(k[0] for k in self.vague)


_ARABIC = re.compile(r"\d+(?:\.\d+)?|\.\d+")


def _plain_decimal(t: str) -> bool:
    """Whether ``t`` is ``_ARABIC`` whole (12, 153.57, .5): decimal digits (Unicode Nd, as the
    regex's ``\\d``) with at most one point inside or before them; string tests, no regex call
    (parse_number asks it of nearly every figure)."""
    whole, dot, frac = t.partition(".")
    if not dot:
        return whole.isdecimal()
    return (not whole or whole.isdecimal()) and frac.isdecimal()
_ZERO = Decimal(0)


def _arabic(s: str) -> Optional[float]:
    try:
        v = float(s)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def _positional(t: str, words: NumberWords) -> Optional[Decimal]:
    """Digit by digit: 二〇二四 -> 2024, 幺八九 -> 189 (not with 两: 两两 is no number)."""
    if any(c in words.not_positional for c in t):
        return None
    return Decimal("".join(str(words.digits[c]) for c in t))


def _integer(t: str, words: NumberWords) -> Optional[Decimal]:
    """A number without a decimal point in words, digits or both (一百零一万, 5万4千6百, 四万万).

    Sections: small scales (十百千) must decrease inside a section; big scales (万亿) close a
    section and multiply everything smaller before them (一万五千亿 = 1.5e12, 四万万 = 4e8).
    A bare scale is 1 of it only where Chinese writes it so (十五, 百三, 零十); 万 alone is None.
    A final Chinese digit right after a scale of 百 or more is elided (两千六 = 2600).
    Each character is read by :class:`_Sections`; any step it refuses makes the whole None."""
    digits = words.digits
    n = len(t)
    if n == 0:
        return None
    if all(c in digits for c in t):
        return Decimal(digits[t]) if n == 1 else _positional(t, words)
    if t[0] == "半":
        return _half(t, words)
    sec = _Sections()
    i = 0
    while i < n:
        i = sec.step(t, i, words)
        if i < 0:
            return None
    return sec.total()


def _half(t: str, words: NumberWords) -> Optional[Decimal]:
    """半 alone is 0.5; 半 before scales only is half of them (半百 = 50); anything else is None."""
    if len(t) == 1:
        return Decimal("0.5")
    if all(c in words.scales for c in t[1:]):
        v = Decimal("0.5")
        for c in t[1:]:
            v *= words.scales[c]
        return v
    return None


class _Sections:
    """The state of reading an integer left to right (:func:`_integer`): the closed big
    sections (value, scale) on a stack, the sum of the small-scale terms of the open section,
    the number read last (``cur``, from Chinese or Arabic digits), and what came before it
    (``prev``: start, num, zero, small or big). Each ``step`` reads one token and returns the
    position after it, or -1 when the text is not a number."""

    __slots__ = ("stack", "small", "cur", "cur_cn", "before_cur", "prev", "last_small", "last_scale")

    def __init__(self) -> None:
        self.stack: list[tuple[Decimal, int]] = []  # closed big sections: (value, level)
        self.small = _ZERO
        self.cur: Optional[Decimal] = None
        self.cur_cn = False
        self.before_cur = "start"
        self.prev = "start"  # start | num | zero | small | big
        self.last_small: Optional[int] = None
        self.last_scale = 1

    def step(self, t: str, i: int, words: NumberWords) -> int:
        c = t[i]
        if "0" <= c <= "9" or c == ".":
            return self.arabic(t, i)
        if c in words.vague_between:
            return i + 1 if self.vague_ok(t, i, words.scales) else -1
        if c in words.digits:
            return i + 1 if self.digit(words.digits[c]) else -1
        if c in words.scales:
            sc = words.scales[c]
            ok = self.small_scale(sc) if sc < 10000 else self.big_scale(sc)
            if not ok:
                return -1
            self.cur, self.last_scale = None, sc
            return i + 1
        return -1

    def arabic(self, t: str, i: int) -> int:
        """Arabic digits (5万4千6百): a number, never right after another number."""
        m = _ARABIC.match(t, i)
        if m is None or self.prev == "num":
            return -1
        self.cur, self.cur_cn, self.before_cur, self.prev = Decimal(m.group()), False, self.prev, "num"
        return m.end()

    def vague_ok(self, t: str, i: int, scales: Mapping[str, int]) -> bool:
        """余/多 between a number and a scale (十余万): read past, it needs a number before and a
        scale after."""
        prev = self.prev
        if prev in ("start", "zero") and not (prev == "zero" and self.stack or self.small):
            return False
        return i + 1 < len(t) and t[i + 1] in scales

    def digit(self, d: int) -> bool:
        """A Chinese digit: 零 marks a gap (一百零一), others are a number; 一二百 is not one."""
        if self.prev == "num":
            return False
        if d == 0:
            self.cur, self.prev = None, "zero"
        else:
            self.cur, self.cur_cn, self.before_cur, self.prev = Decimal(d), True, self.prev, "num"
        return True

    def small_scale(self, sc: int) -> bool:
        """十百千: multiplies the number before it (1 where Chinese writes the scale alone: 十五 at
        the start, 零十, 万十); the small scales of a section must decrease (not 五十千, 十一十二)."""
        if self.cur is None:
            if not (self.prev == "start" or (sc == 10 and self.prev in ("zero", "big"))):
                return False
            k = Decimal(1)
        else:
            k = self.cur
        if self.last_small is not None and sc >= self.last_small:
            return False
        self.small += k * sc
        self.last_small = sc
        self.prev = "small"
        return True

    def big_scale(self, sc: int) -> bool:
        """万亿: closes a section, multiplying it and every smaller closed section before it; a
        big scale right after another multiplies that one (四万万, 十万亿); 万 alone is None."""
        stack = self.stack
        if self.prev == "big" and self.cur is None and self.small == 0:
            top = stack.pop()[0]
            while stack and stack[-1][1] < sc:
                top += stack.pop()[0]
            stack.append((top * sc, sc))
        else:
            v = self.small + (self.cur or 0)
            if stack and stack[-1][1] == sc:
                return False
            while stack and stack[-1][1] < sc:
                v += stack.pop()[0]
            if v == 0:
                return False  # 万, 零万
            stack.append((v * sc, sc))
        self.small, self.last_small, self.prev = _ZERO, None, "big"
        return True

    def total(self) -> Optional[Decimal]:
        """The value read: the closed sections, the open one and the last number (a final
        Chinese digit after a scale of 百 or more is elided: 两千六, 一万三, 九十二万四)."""
        small = self.small
        cur = self.cur
        if cur is not None:
            if self.cur_cn and self.before_cur in ("small", "big") and self.last_scale >= 100:
                cur = cur * self.last_scale / 10
            small += cur
        elif self.prev == "zero" and not self.stack and small == 0:
            return _ZERO
        return sum((v for v, _ in self.stack), _ZERO) + small


def _value(t: str, words: NumberWords) -> Optional[Decimal]:
    """The exact value of a number without spaces, commas or sign."""
    if not t:
        return None
    if "分之" in t:  # 三分之一, 一百分之五十五点五七九, 负3分之负157
        den_s, _, num_s = t.partition("分之")
        dneg = den_s[:1] in words.negative_signs and den_s[:1] != ""
        nneg = num_s[:1] in words.negative_signs and num_s[:1] != ""
        den = _value(den_s[1:] if dneg else den_s, words)
        num = _value(num_s[1:] if nneg else num_s, words)
        if not den or num is None:
            return None
        v = num / den
        return -v if dneg != nneg else v
    for k, rep in words.abbreviations.items():
        if k in t:
            t = t.replace(k, rep)
    scales, digits = words.scales, words.digits
    i = len(t)
    while i > 0 and t[i - 1] in scales:
        i -= 1
    head, tail = t[:i], t[i:]
    if tail and head:
        if _plain_decimal(head):  # 153.57亿, 4.78万亿: exact, 201.11万 is 2011100
            d = Decimal(head)
            for c in tail:
                d *= scales[c]
            return d
    for k, (lo, *_) in (words.vague.items() if t[0] in words._vague_first else ()):  # 几十万, 数百万: the low end (not 十多万: below)
        if t.startswith(k) and len(t) > len(k) and k[-1] not in words.vague_between and \
                all(c in scales for c in t[len(k):]):
            d = Decimal(lo)
            for c in t[len(k):]:
                d *= scales[c]
            return d
    for p in words.points:
        if p in t:
            whole, _, frac = t.partition(p)
            w = _integer(whole, words) if whole else _ZERO
            j = 0
            while j < len(frac) and frac[j] in digits and frac[j] not in words.not_positional:
                j += 1
            if w is None or j == 0 or any(c not in scales for c in frac[j:]):
                return None
            v = w + Decimal("0." + "".join(str(digits[c]) for c in frac[:j]))
            if j < len(frac):  # 三点五万 = 35000, not after a scale (一百点五万)
                if any(c in scales for c in whole):
                    return None
                for c in frac[j:]:
                    v *= scales[c]
            return v
    return _integer(t, words)


def parse_number(s: str, words: NumberWords) -> Optional[float]:
    """The value of a number's surface in base units, or None if it is not a number.

    Spaces and thousands commas are ignored (``1 0 . 6``, ``1,234.5``); a leading ``-``/``负``
    negates; 余/多/几 before a scale give the low end (十余万 = 100000); vague words (十几) give
    their low end. Never inf or NaN."""
    t = s.replace(" ", "").replace(",", "")
    if not t:
        return None
    if _plain_decimal(t[1:] if t[0] == "-" else t):  # the common case: 153.57, 12, -3.5
        return _arabic(t)
    if t in words.vague:
        return float(words.vague[t][0])
    neg = t[0] in words.negative_signs
    if neg:
        t = t[1:]
    try:
        v = _value(t, words)
    except (ArithmeticError, ValueError):
        return None
    if v is None:
        return None
    f = float(v)
    if not math.isfinite(f):
        return None
    return -f if neg else f


# --- every number of a text ---------------------------------------------------------------



class _Scanner:
    def __init__(self, words: NumberWords):
        d = "".join(sorted(set(words.digits) | set(words.abbreviations)))
        sc = "".join(sorted(words.scales))
        numeral = re.escape(d + sc) + "0-9"
        self.cn = set(d + sc + "半")
        self.d, self.sc = set(d), set(sc)
        self.mask = re.compile(
            f"(?<![{numeral}])(?:" + "|".join(sorted(map(re.escape, words.not_numbers), key=len, reverse=True))
            + ")(?!之)")
        self.ar = re.compile(r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+")
        self.sci = re.compile(r"(?:[eE][-+]?\d+| ?[kK]| ?M)(?![A-Za-z0-9])")
        self.frac_sep = re.compile(r" *分 *之 *")
        self.you = re.compile(r" *又 *")
        self.slash = re.compile(r" */ *(\d+)(?![\d/.])")
        self.mixed_slash = re.compile(r" +(\d+) */ *(\d+)(?![\d/.])")
        self.vague_mid = set(words.vague_between)
        self.points = set(words.points)


def _scanner(words: NumberWords) -> _Scanner:
    sc = getattr(words, "_scanner", None)
    if sc is None:
        sc = _Scanner(words)
        words._scanner = sc
    return sc


def _ar_atom(f: str, j: int, S: _Scanner) -> Optional[tuple[int, bool]]:
    """End of the Arabic number at j, and whether it has an exponent or k/M suffix."""
    m = S.ar.match(f, j)
    if m is None:
        return None
    g, end = m.group(), m.end()
    if g[0] == ".":
        if j > 0 and (f[j - 1] == "." or f[j - 1].isdigit()):
            return None  # ...9 is 9; 2222.2222 is not .2222
    elif "." in g:
        # 2222.2222.22222: a run of dotted groups is a list of integers, not decimals
        if (end + 1 < len(f) and f[end] == "." and f[end + 1].isdigit()) or \
                (j > 1 and f[j - 1] == "." and f[j - 2].isdigit()):
            end = j + g.index(".")
    s = S.sci.match(f, end)
    if s is not None and not (s.group().strip() in "kKM" and "." in f[j:end] and False):
        return s.end(), True
    return end, False


def _read(f: str, i: int, S: _Scanner, words: NumberWords):
    """The longest number that starts at i: (start, end, value, bare_scale) or None.

    After its sign (:func:`_after_sign`), a number is either one Arabic number with an exponent
    or a k/M suffix (:func:`_suffixed`), or a run of atoms (:func:`_atoms`) of which the longest
    prefix that parses is taken (:func:`_longest`)."""
    j = _after_sign(f, i)
    if j < 0 or j >= len(f):
        return None
    first = f[j]
    if first.isdigit() or first == ".":
        a = _ar_atom(f, j, S)
        if a is None:
            return None
        if a[1]:  # 2e5, 40k, -2.5 M: the number is this atom alone
            return _suffixed(f, i, a[0])
        atoms = [(a[0], "ar")]
    elif first in S.cn:
        atoms = [(j + 1, "cn")]
    else:
        return None
    return _longest(f, i, j, _atoms(f, atoms, S), S, words)


def _after_sign(f: str, i: int) -> int:
    """Where a number's digits start after its sign at i (i itself without one), or -1: a ``-``
    is a sign only after neither ``-`` nor an ASCII letter or digit (a range 3-5, an id A-1) and
    before anything but another ``-``."""
    c = f[i]
    if c == "-":
        if (i > 0 and (f[i - 1] == "-" or f[i - 1].isascii() and f[i - 1].isalnum())) or \
                i + 1 >= len(f) or f[i + 1] == "-":
            return -1
        return i + 1
    return i + 1 if c in "负負" else i


def _suffixed(f: str, i: int, end: int):
    """An Arabic number with an exponent or a k/M suffix (2e5, 40k, -2.5 M), as _read returns it."""
    txt = f[i:end].replace(" ", "").replace(",", "")
    mult = {"k": 1e3, "K": 1e3, "M": 1e6}.get(txt[-1], None)
    try:
        v = float(txt[:-1]) * mult if mult else float(txt.replace("负", "-").replace("負", "-"))
    except ValueError:
        return None
    return (i, end, v, False) if math.isfinite(v) else None


def _atoms(f: str, atoms: list[tuple[int, str]], S: _Scanner) -> list[tuple[int, str]]:
    """The atoms of a number after its first: (end, kind) of each Arabic number (``ar``, not
    two in a row: 1 3/5 and 7 2 are two numbers), Chinese numeral (``cn``), vague word (``v``,
    only before a scale: 十余万) or point (``p``, only before a digit: 三点五), spaces between."""
    n = len(f)
    pos = atoms[-1][0]
    while pos < n:
        k = pos
        while k < n and f[k] == " ":
            k += 1
        if k >= n:
            break
        c = f[k]
        if c.isdigit():
            if atoms[-1][1] == "ar":
                break
            a = _ar_atom(f, k, S)
            if a is None or a[1]:
                break
            atoms.append((a[0], "ar"))
        elif c in S.cn and c != "半":
            atoms.append((k + 1, "cn"))
        elif c in S.vague_mid or c in S.points:
            need = S.sc if c in S.vague_mid else S.d
            k2 = k + 1
            while k2 < n and f[k2] == " ":
                k2 += 1
            if k2 >= n or f[k2] not in need:
                break
            atoms.append((k + 1, "v" if c in S.vague_mid else "p"))
        else:
            break
        pos = atoms[-1][0]
    return atoms


def _longest(f: str, i: int, j: int, atoms: list[tuple[int, str]], S: _Scanner, words: NumberWords):
    """The longest run of atoms from i that parses as a number (never ending on a vague word or
    a point), as _read returns it; ``bare`` when it is only scales other than 十 (百, 千 of 百分之,
    千米), which are no number here."""
    for end, kind in reversed(atoms):
        if kind in ("v", "p"):
            continue
        v = parse_number(f[i:end], words)
        if v is not None:
            bare = f[j] in S.sc and words.scales[f[j]] > 10 and \
                all(ch in S.sc or ch == " " for ch in f[j:end])
            return i, end, v, bare
    return None


def find_numbers(text: str, words: NumberWords) -> list[tuple[int, int, float]]:
    """Every number of a text: (start, end, value), ``end`` exclusive, spans into ``text``.

    What counts as a number, like the NUM fragments but without needing a unit after it:
    Arabic (``4,565``, ``.5``, ``2e5``, ``40k``), Chinese (``一百零一万``, ``肆佰陸拾``, ``两``),
    mixed (``1.5万``, ``5万4千6百``), signed (``-3``, ``负三``), fractions (``五分之一``,
    ``3又一千分之23``, ``1 3/5``: :func:`_fraction`), spaces inside a number (``一百 五 十 二``).
    Not numbers: a bare scale (``万``), numerals inside words (``一切``, ``四川``, a lone
    陆/伍/拾/肆), ``百分之`` itself (only the number after it is returned).
    """
    S = _scanner(words)
    f = fold(text)
    f = S.mask.sub(lambda m: "\x00" * len(m.group()), f)
    out: list[tuple[int, int, float]] = []
    n = len(f)
    i = 0
    while i < n:
        c = f[i]
        if not (c.isdigit() or c in S.cn or c in "-.负負"):
            i += 1
            continue
        r = _read(f, i, S, words)
        if r is None:
            i += 1
            continue
        a, b, v, bare = r
        if bare:
            m = S.frac_sep.match(f, b)
            if m is not None:  # 百分之五十: a percent prefix, the number is what follows
                i = m.end()
                continue
        hit = _fraction(f, a, b, v, S, words)
        if hit is not None:
            out.append(hit)
            i = hit[1]
            continue
        if not (bare or (b - a == 1 and f[a] in words.single_word_chars)):  # a lone 陆: a word
            out.append((a, b, v))
        i = b
    return out


def _fraction(f: str, a: int, b: int, v: float, S: _Scanner, words: NumberWords) -> Optional[tuple[int, int, float]]:
    """The fraction that the number f[a:b] (value v) begins, or None: 五分之一 (the number is the
    denominator), 3又一千分之23 (a whole and a fraction), and after an integer in digits 1 3/5
    and 3/4 (not a date-like 1/2/3 nor the 3/4 of 2/3/4)."""
    n = len(f)
    m = S.frac_sep.match(f, b)
    if m is not None:
        r2 = _read(f, m.end(), S, words) if m.end() < n else None
        if r2 is not None and v != 0:
            return a, r2[1], r2[2] / v
    m = S.you.match(f, b)
    if m is not None and m.end() < n:
        r2 = _read(f, m.end(), S, words)
        if r2 is not None:
            m2 = S.frac_sep.match(f, r2[1])
            r3 = _read(f, m2.end(), S, words) if m2 is not None and m2.end() < n else None
            if r3 is not None and r2[2] != 0:
                fr = r3[2] / r2[2]
                return a, r3[1], v - fr if v < 0 else v + fr
    if not f[a:b].lstrip("-").isdigit():
        return None
    m = S.mixed_slash.match(f, b)
    if m is not None and int(m.group(2)) != 0:
        fr = int(m.group(1)) / int(m.group(2))
        return a, m.end(), v - fr if v < 0 else v + fr
    m = S.slash.match(f, b)
    if m is not None and int(m.group(1)) != 0 and (a == 0 or f[a - 1] != "/"):
        return a, m.end(), v / int(m.group(1))
    return None


def vague_max(s: str, words: NumberWords) -> Optional[float]:
    t = s.replace(" ", "")
    if t in words.vague and len(words.vague[t]) > 1:
        return float(words.vague[t][1])
    return None


def scale_of(s: str, words: NumberWords) -> float:
    """The product of the scale characters that end an Arabic number (1 when none)."""
    t = s.replace(" ", "")
    f = 1.0
    i = len(t)
    while i > 0 and t[i - 1] in words.scales:
        f *= words.scales[t[i - 1]]
        i -= 1
    if i == 0:
        return 1.0
    return f
