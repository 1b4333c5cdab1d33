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


_ARABIC_FULL = re.compile(r"-?(?:\d+(?:\.\d+)?|\.\d+)")
_ARABIC = re.compile(r"\d+(?:\.\d+)?|\.\d+")
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
    A final Chinese digit right after a scale of 百 or more is elided (两千六 = 2600)."""
    digits, scales = words.digits, words.scales
    n = len(t)
    if n == 0:
        return None
    if all(c in digits for c in t):
        return Decimal(digits[t]) if n == 1 else _positional(t, words)
    if t[0] == "半":  # 半百 = 50
        if n == 1:
            return Decimal("0.5")
        if all(c in scales for c in t[1:]):
            v = Decimal("0.5")
            for c in t[1:]:
                v *= scales[c]
            return v
        return None
    stack: list[tuple[Decimal, int]] = []  # closed big sections: (value, level)
    small = _ZERO
    cur: Optional[Decimal] = None
    cur_cn = False
    before_cur = "start"
    prev = "start"  # start | num | zero | small | big
    last_small: Optional[int] = None
    last_scale = 1
    i = 0
    while i < n:
        c = t[i]
        if "0" <= c <= "9" or c == ".":
            m = _ARABIC.match(t, i)
            if m is None or prev == "num":
                return None
            cur, cur_cn, before_cur, prev = Decimal(m.group()), False, prev, "num"
            i = m.end()
            continue
        if c in words.vague_between:
            if prev in ("start", "zero") and not (prev == "zero" and stack or small) or \
                    i + 1 >= n or t[i + 1] not in scales:
                return None
            i += 1
            continue
        if c in digits:
            d = digits[c]
            if prev == "num":
                return None  # 一二百 is not a number
            if d == 0:
                cur, prev = None, "zero"
            else:
                cur, cur_cn, before_cur, prev = Decimal(d), True, prev, "num"
            i += 1
            continue
        if c in scales:
            sc = scales[c]
            if sc < 10000:
                if cur is None:
                    if not (prev == "start" or (sc == 10 and prev in ("zero", "big"))):
                        return None
                    k = Decimal(1)
                else:
                    k = cur
                if last_small is not None and sc >= last_small:
                    return None  # 五十千, 十一十二
                small += k * sc
                last_small = sc
                prev = "small"
            else:
                if prev == "big" and cur is None and small == 0:
                    top = stack.pop()[0]  # 四万万, 十万亿: a scale of the section before
                    while stack and stack[-1][1] < sc:
                        top += stack.pop()[0]
                    stack.append((top * sc, sc))
                else:
                    v = small + (cur or 0)
                    if stack and stack[-1][1] == sc:
                        return None
                    while stack and stack[-1][1] < sc:
                        v += stack.pop()[0]
                    if v == 0:
                        return None  # 万, 零万
                    stack.append((v * sc, sc))
                small, last_small, prev = _ZERO, None, "big"
            cur, last_scale = None, sc
            i += 1
            continue
        return None
    if cur is not None:
        if cur_cn and before_cur in ("small", "big") and last_scale >= 100:
            cur = cur * last_scale / 10  # 两千六, 一万三, 九十二万四
        small += cur
    elif prev == "zero" and not stack and small == 0:
        return _ZERO
    return sum((v for v, _ in stack), _ZERO) + small


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
        if _ARABIC.fullmatch(head):  # 153.57亿, 4.78万亿: exact, 201.11万 is 2011100
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
    if _ARABIC_FULL.fullmatch(t):  # the common case: 153.57, 12, -3.5
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
    """The longest number that starts at i: (start, end, value, bare_scale) or None."""
    n = len(f)
    j = i
    c = f[j]
    if c == "-":
        if (i > 0 and (f[i - 1] == "-" or f[i - 1].isascii() and f[i - 1].isalnum())) or \
                i + 1 >= n or f[i + 1] == "-":
            return None
        j += 1
    elif c in "负負":
        j += 1
    if j >= n:
        return None
    first = f[j]
    atoms: list[tuple[int, str]] = []  # (end, kind)
    if first.isdigit() or first == ".":
        a = _ar_atom(f, j, S)
        if a is None:
            return None
        if a[1]:  # 2e5, 40k, -2.5 M: the number is this atom alone
            txt = f[i:a[0]].replace(" ", "").replace(",", "")
            mult = {"k": 1e3, "K": 1e3, "M": 1e6}.get(txt[-1], None)
            try:
                v = float(txt[:-1]) * mult if mult else float(txt.replace("负", "-").replace("負", "-"))
            except ValueError:
                return None
            return (i, a[0], v, False) if math.isfinite(v) else None
        atoms.append((a[0], "ar"))
    elif first in S.cn:
        atoms.append((j + 1, "cn"))
    else:
        return None
    pos = atoms[-1][0]
    while pos < n:
        k = pos
        while k < n and f[k] == " ":
            k += 1
        if k >= n:
            break
        c = f[k]
        if c.isdigit():
            if k > pos and atoms[-1][1] == "ar":
                break  # 1 3/5, 7 2: two Arabic numbers
            if atoms[-1][1] == "ar":
                break
            a = _ar_atom(f, k, S)
            if a is None or a[1]:
                break
            atoms.append((a[0], "ar"))
        elif c in S.cn and c != "半":
            atoms.append((k + 1, "cn"))
        elif c in S.vague_mid or c in S.points:
            # 十余万 (a vague word needs a scale after it), 三点五 (a point needs a digit)
            kind, need = ("v", S.sc) if c in S.vague_mid else ("p", S.d)
            k2 = k + 1
            while k2 < n and f[k2] == " ":
                k2 += 1
            if k2 >= n or f[k2] not in need:
                break
            atoms.append((k + 1, kind))
        else:
            break
        pos = atoms[-1][0]
    for idx in range(len(atoms) - 1, -1, -1):
        end, kind = atoms[idx]
        if kind in ("v", "p"):
            continue
        pv = parse_number(f[i:end], words)
        if pv is not None:
            v = pv
            # a bare scale other than 十 (百, 千 of 百分之, 千米) is not a number here
            bare = first in S.sc and words.scales[first] > 10 and \
                all(ch in S.sc or ch == " " for ch in f[j:end])
            return i, end, v, bare
    return None


def find_numbers(text: str, words: NumberWords) -> list[tuple[int, int, float]]:
    """Every number of a text: (start, end, value), ``end`` exclusive, spans into ``text``.

    What counts as a number, like the NUM fragments but without needing a unit after it:
    Arabic (``4,565``, ``.5``, ``2e5``, ``40k``), Chinese (``一百零一万``, ``肆佰陸拾``, ``两``),
    mixed (``1.5万``, ``5万4千6百``), signed (``-3``, ``负三``), fractions (``五分之一``,
    ``3又一千分之23``, ``1 3/5``), spaces inside a number (``一百 五 十 二``).
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
        m = S.frac_sep.match(f, b)
        if m is not None:
            if bare:  # 百分之五十: a percent prefix, the number is what follows
                i = m.end()
                continue
            r2 = _read(f, m.end(), S, words) if m.end() < n else None
            if r2 is not None and v != 0:
                out.append((a, r2[1], r2[2] / v))
                i = r2[1]
                continue
        m = S.you.match(f, b)
        if m is not None and m.end() < n:
            r2 = _read(f, m.end(), S, words)
            if r2 is not None:
                m2 = S.frac_sep.match(f, r2[1])
                r3 = _read(f, m2.end(), S, words) if m2 is not None and m2.end() < n else None
                if r3 is not None and r2[2] != 0:
                    fr = r3[2] / r2[2]
                    out.append((a, r3[1], v - fr if v < 0 else v + fr))
                    i = r3[1]
                    continue
        if f[a:b].lstrip("-").isdigit():
            m = S.mixed_slash.match(f, b)
            if m is not None and int(m.group(2)) != 0:
                fr = int(m.group(1)) / int(m.group(2))
                out.append((a, m.end(), v - fr if v < 0 else v + fr))
                i = m.end()
                continue
            m = S.slash.match(f, b)
            if m is not None and int(m.group(1)) != 0 and (a == 0 or f[a - 1] != "/"):
                out.append((a, m.end(), v / int(m.group(1))))
                i = m.end()
                continue
        if bare or (b - a == 1 and f[a] in words.single_word_chars):
            i = b
            continue
        out.append((a, b, v))
        i = b
    return out


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
