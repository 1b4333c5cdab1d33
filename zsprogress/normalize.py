"""Text folding and number parsing.

``fold`` maps full-width digits, letters and punctuation to half-width and odd spaces to a
plain space, one character for one character: offsets in the folded text are offsets in the
original, so every span found on the folded text points into the report as printed.

``parse_number`` turns the surface of a number (``153.57亿``, ``1 0 . 6``, ``一百二十``,
``两千六``, ``十几``) into a float in base units, using the number words of patterns/numbers.toml.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Mapping, Optional

_FOLD: dict[int, int] = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}  # ！..～ -> !..~
_FOLD.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20,
              0x202F: 0x20, 0x200B: 0x20, 0xFEFF: 0x20, 0x3002: 0x3002,
              0xFF0E: 0x2E, 0x2236: 0x3A, 0xFE50: 0x2C, 0xFE51: 0x3001, 0xFE52: 0x2E})
_FOLD_TABLE = str.maketrans({k: chr(v) for k, v in _FOLD.items()})


def fold(text: str) -> str:
    """Full-width -> half-width, NBSP/ideographic space -> space; same length as the input."""
    return text.translate(_FOLD_TABLE)


class NumberWords:
    """The number words of patterns/numbers.toml."""

    def __init__(self, digits: Mapping[str, int], scales: Mapping[str, int],
                 vague: Optional[Mapping[str, list[int]]] = None):
        self.digits = dict(digits)
        self.scales = dict(scales)
        self.vague = dict(vague or {})


def _arabic(s: str) -> Optional[float]:
    try:
        v = float(s)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def parse_chinese(s: str, words: NumberWords) -> Optional[float]:
    """一百二十三 -> 123, 两千六 -> 2600 (colloquial), 三点五 -> 3.5, 二〇二四 -> 2024."""
    if not s:
        return None
    digits, scales = words.digits, words.scales
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = parse_chinese(whole, words) if whole else 0.0
        if w is None or not frac or any(c not in digits for c in frac):
            return None
        return w + float("0." + "".join(str(digits[c]) for c in frac))
    if all(c in digits for c in s):  # digit by digit: 二〇二四
        return float("".join(str(digits[c]) for c in s)) if len(s) > 1 else float(digits[s])
    total = 0.0      # sections closed by 亿
    section = 0.0    # sections closed by 万
    small = 0.0      # below 万
    num: Optional[int] = None
    last_scale = 1
    for c in s:
        if c in digits:
            if num is not None and digits[c] != 0 and num != 0:
                return None  # two digits in a row (一二百) is not a number
            num = digits[c] if num is None or digits[c] != 0 else num
            if digits[c] == 0:
                num = None
                last_scale = 1  # 零 resets the implied scale of a trailing digit
        elif c in scales:
            sc = scales[c]
            if sc >= 10000:
                small += num or 0
                if small == 0 and section == 0 and total == 0:
                    small = 1
                if sc == 10000:
                    section = (section + small) * sc
                else:
                    total = (total + section + small) * sc
                    section = 0
                small = 0
            else:
                small += (num if num is not None else 1) * sc
            num = None
            last_scale = sc
        else:
            return None
    if num is not None:
        # colloquial elision: 两千六 = 2600, 三万五 = 35000, 一百二 = 120
        if last_scale >= 100 and s[-2] in scales:
            num = num * (last_scale // 10)
        small += num
    return total + section + small


def parse_number(s: str, words: NumberWords) -> Optional[float]:
    """The value of a number's surface in base units, or None if it is not a number."""
    t = s.replace(" ", "").replace(",", "")
    if not t:
        return None
    if t in words.vague:
        return float(words.vague[t][0])
    neg = t.startswith("-") or t.startswith("负")
    if neg:
        t = t[1:]
    # split a trailing run of scale characters off an Arabic number: 153.57亿, 1.5万, 2万亿
    i = len(t)
    while i > 0 and t[i - 1] in words.scales:
        i -= 1
    head, tail = t[:i], t[i:]
    v = _arabic(head) if head and (head[0].isdigit() or head[0] == ".") else None
    if v is not None:
        if tail:
            d = Decimal(head)  # exact: 201.11万 is 2011100, not 2011100.0000000002
            for c in tail:
                d *= words.scales[c]
            v = float(d)
    else:
        v = parse_chinese(t, words)
    if v is None or not math.isfinite(v):
        return None
    return -v if neg else v


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
