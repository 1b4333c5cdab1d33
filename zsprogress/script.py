"""Text as the readers expect it: simplified script, without pinyin glosses.

Reports are mirrored by sites that print them in traditional script (``區縣``, ``完成情況``),
sometimes with a pinyin gloss after a character (``區(qū)``). Before a report is segmented its
text (and every cell of a published format's tables) is normalised here:

- traditional -> simplified, one character for one (OpenCC's character table,
  ``patterns/ts_characters.txt``), so a line keeps its length and its characters their
  positions; only when the text is written in traditional script (:func:`is_traditional`), since
  a few traditional forms are also simplified characters of their own in names (乾, 於);
- a pinyin gloss (a syllable with a tone mark in brackets right after a Han character) is
  removed; lines are kept, so line numbers stay valid.

:func:`normalise` returns the new text and what was done, for the report's diagnostics.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Optional

TABLE_FILE = "ts_characters.txt"
# a text is traditional when at least this share of its Han characters (and MIN_TRADITIONAL of
# them) have a simplified form of their own
TRADITIONAL_SHARE = 0.02
MIN_TRADITIONAL = 3

_HAN = re.compile(r"[\u4e00-\u9fff]")
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# 區(qū), 縣（xiàn）: a syllable of pinyin letters holding a tone mark, bracketed after a Han character
# (letters may be spaced out, as in a header whose words are: 鄉 (xi ā ng))
_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])\s?[(（]\s?(?:[a-zü]\s?){{0,6}}[{_TONED}](?:\s?[a-zü]){{0,6}}\s?[)）]")


def _patterns_dirs() -> list[Path]:
    here = Path(__file__).resolve().parent
    return [here / "_data" / "patterns", here.parent / "patterns"]


@functools.lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """Traditional character -> simplified character (OpenCC's one-for-one entries)."""
    for d in _patterns_dirs():
        p = d / TABLE_FILE
        if p.is_file():
            out = {}
            for line in p.read_text(encoding="utf-8").splitlines():
                if len(line) == 2 and not line.startswith("#"):
                    out[line[0]] = line[1]
            return out
    return {}


def traditional_count(text: str) -> tuple[int, int]:
    """(characters with a simplified form, Han characters) of ``text``."""
    t = table()
    han = len(_HAN.findall(text))
    return sum(1 for ch in text if ch in t), han


def is_traditional(text: str) -> bool:
    trad, han = traditional_count(text)
    return trad >= MIN_TRADITIONAL and trad >= TRADITIONAL_SHARE * han


def simplify(text: str) -> str:
    """Every traditional character of ``text`` in its simplified form (same length)."""
    t = table()
    return "".join(t.get(ch, ch) for ch in text)


def strip_glosses(text: str) -> str:
    return _GLOSS.sub("", text)


def normalise(text: str, traditional: Optional[bool] = None) -> tuple[str, list[str]]:
    """(the text to read, notes on what was changed). ``traditional``: whether to simplify;
    by default when :func:`is_traditional`."""
    notes = []
    glossed = strip_glosses(text)
    if glossed != text:
        notes.append(f"{len(_GLOSS.findall(text))} pinyin gloss(es) removed")
        text = glossed
    if traditional is None:
        traditional = is_traditional(text)
    if traditional:
        n = sum(1 for ch in text if ch in table())
        text = simplify(text)
        notes.append(f"traditional script read as simplified ({n} characters)")
    return text, notes
