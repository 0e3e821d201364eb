"""Read one number expression from a run of lower-case tokens.

Handles numerals ("3,000", "1.2", "10k", "1.2bn"), number words ("twenty-one", "one hundred and
six", "a dozen", "two and a half million"), fractions ("two-thirds", "a third", "3/4", "½"),
ordinals ("21st", "third") and vague plurals ("dozens", "tens of thousands"). It works on plain
token strings, so it is independent of the parser and cheap: one pass, dictionary look-ups only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum

from eventwire.figures._lexicon import Lexicon
from eventwire.records import record

__all__ = ["Reading", "read_number"]

_DIGITS = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^\.\d+$")
_SUFFIXED = re.compile(r"^(\d+(?:\.\d+)?)([a-z]+)$")
_SLASHED = re.compile(r"^(\d+)/(\d+)$")
_DASHED = re.compile(r"^(\d[\d,]*(?:\.\d+)?)[-–](\d[\d,]*(?:\.\d+)?)$")
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_GROUP = re.compile(r"^\d{3}$")
_GROUP_HEAD = re.compile(r"^\d{1,3}$")


class _C(Enum):
    """Token classes of the number-word grammar."""

    DIGIT = 1
    UNIT = 2
    TENS = 3
    HUNDRED = 4
    SCALE = 5
    DOZEN = 6
    DENOM = 7
    A = 8
    AND = 9
    HYPHEN = 10
    OTHER = 11


# Which class may follow which inside one number ("START" is the state before the first token).
_NEXT: dict[_C | None, frozenset[_C]] = {
    None: frozenset({_C.DIGIT, _C.UNIT, _C.TENS, _C.A}),
    _C.DIGIT: frozenset({_C.HUNDRED, _C.SCALE, _C.DOZEN, _C.DIGIT}),
    _C.UNIT: frozenset({_C.HUNDRED, _C.SCALE, _C.DOZEN, _C.DENOM, _C.HYPHEN}),
    _C.TENS: frozenset({_C.UNIT, _C.HUNDRED, _C.SCALE, _C.DOZEN, _C.DENOM, _C.HYPHEN}),
    _C.HUNDRED: frozenset({_C.UNIT, _C.TENS, _C.SCALE, _C.AND}),
    _C.SCALE: frozenset({_C.UNIT, _C.TENS, _C.AND}),
    _C.A: frozenset({_C.HUNDRED, _C.SCALE, _C.DOZEN, _C.DENOM}),
    _C.AND: frozenset({_C.UNIT, _C.TENS, _C.DIGIT}),
    _C.HYPHEN: frozenset({_C.UNIT, _C.DENOM}),
    _C.DOZEN: frozenset(),
    _C.DENOM: frozenset(),
}


@record
class Reading:
    """A number read from tokens ``[start, end)``."""

    start: int
    end: int
    value: float
    fraction: bool = False
    ordinal: bool = False
    vague: bool = False
    low: float | None = None
    high: float | None = None
    scale: float = 1.0  # the largest multiplier written ("million" -> 1e6), for ranges
    numeral: bool = False  # written with digits


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _classify(word: str, lex: Lexicon) -> _C:
    if _DIGITS.match(word):
        return _C.DIGIT
    if word in lex.units:
        return _C.UNIT
    if word in lex.tens:
        return _C.TENS
    if word == "hundred":
        return _C.HUNDRED
    if word in lex.word_scales:
        return _C.SCALE
    if word in lex.dozen and word != "score":
        return _C.DOZEN
    if word in lex.denominators:
        return _C.DENOM
    if word in ("a", "an"):
        return _C.A
    if word == "and":
        return _C.AND
    if word in ("-", "–"):
        return _C.HYPHEN
    return _C.OTHER


def _peek(words: Sequence[str], j: int, lex: Lexicon) -> _C:
    """The class of the next word that is not extra whitespace."""
    while j < len(words) and not words[j].strip():
        j += 1
    return _classify(words[j], lex) if j < len(words) else _C.OTHER


def _allowed(prev: _C | None, cls: _C, words: Sequence[str], j: int, lex: Lexicon) -> bool:
    """Whether token ``j`` of class ``cls`` continues the number after a token of class ``prev``."""
    if cls not in _NEXT[prev]:
        return False
    if prev is _C.DIGIT and cls is _C.DIGIT:  # "10 000", "1 234 567": groups of three
        return bool(_GROUP.match(words[j]) and _GROUP_HEAD.match(words[j - 1]))
    if cls is _C.AND:
        after = _peek(words, j + 1, lex)
        if after is _C.DIGIT:  # "3 hundred and 21", not "$1.2 million and 3,000 troops"
            return prev is _C.HUNDRED and _number(words[j + 1]) < 100
        return after in (_C.UNIT, _C.TENS)
    if cls is _C.HYPHEN:
        after = _peek(words, j + 1, lex)
        return after is _C.DENOM or (prev is _C.TENS and after is _C.UNIT)
    if cls is _C.DENOM:
        return words[j] != "second"
    if prev is _C.A:
        return cls is not _C.DENOM or words[j] in ("half", "third", "quarter", "fifth", "tenth")
    return True


def _special(words: Sequence[str], i: int, lex: Lexicon) -> Reading | None:
    """Single-token forms: "10k", "3/4", "20-30", "21st", "½"."""
    word = words[i]
    if word in lex.unicode_fractions:
        return Reading(i, i + 1, lex.unicode_fractions[word], fraction=True)
    if m := _SLASHED.match(word):
        top, bottom = int(m.group(1)), int(m.group(2))
        if 0 < top < bottom <= 100:
            return Reading(i, i + 1, top / bottom, fraction=True, numeral=True)
        return None
    if m := _DASHED.match(word):
        low, high = _number(m.group(1)), _number(m.group(2))
        if low < high:
            return Reading(i, i + 1, low, low=low, high=high, numeral=True)
        return None
    if m := _ORDINAL.match(word):
        return Reading(i, i + 1, float(m.group(1)), ordinal=True, numeral=True)
    if (m := _SUFFIXED.match(word)) and m.group(2) in lex.scales:
        scale = lex.scales[m.group(2)]
        return Reading(i, i + 1, _number(m.group(1)) * scale, scale=scale, numeral=True)
    return None


def _vague(words: Sequence[str], i: int, lex: Lexicon) -> Reading | None:
    """ "dozens", "hundreds", "tens of thousands" (longest first)."""
    for size in (3, 1):
        key = tuple(words[i:i + size])
        if len(key) == size and key in lex.vague:
            low, high = lex.vague[key]
            return Reading(i, i + size, low, vague=True, low=low, high=high)
    return None


def read_number(words: Sequence[str], i: int, lex: Lexicon) -> Reading | None:
    """The number expression starting at token ``i``, or None when none starts there."""
    if (found := _special(words, i, lex)) or (found := _vague(words, i, lex)):
        return found
    if words[i] == "half":
        return _half(words, i, lex)
    return _run(words, i, lex)


def _half(words: Sequence[str], i: int, lex: Lexicon) -> Reading:
    """ "half" alone (a fraction) or "half a dozen" / "half a million" (a count)."""
    if i + 1 < len(words) and words[i + 1] in lex.word_scales:  # "half a million" said short
        return Reading(i, i + 2, lex.scales[words[i + 1]] / 2, scale=lex.scales[words[i + 1]])
    if i + 2 < len(words) and words[i + 1] in ("a", "an"):
        multiplier = lex.dozen.get(words[i + 2]) or (
            lex.scales[words[i + 2]] if words[i + 2] in lex.word_scales else None)
        if multiplier:
            return Reading(i, i + 3, multiplier / 2, scale=multiplier)
    return Reading(i, i + 1, 0.5, fraction=True)


def _run(words: Sequence[str], i: int, lex: Lexicon) -> Reading | None:
    """A run of numerals and number words, accumulated the usual way (total + current)."""
    total, current, scale = 0.0, 0.0, 1.0
    prev: _C | None = None
    numeral, fraction = False, False
    j = i
    while j < len(words):
        if not words[j].strip() and j > i:  # "fifty   two": extra spaces are their own tokens
            j += 1
            continue
        cls = _classify(words[j], lex)
        if not _allowed(prev, cls, words, j, lex):
            if (part := _and_a_part(words, j, prev, lex)) is not None:
                current += part
                j += 3
                continue
            break
        word = words[j]
        if cls is _C.DIGIT:
            current = current * 1000 + _number(word) if prev is _C.DIGIT else \
                current + _number(word)
            numeral = True
        elif cls in (_C.UNIT, _C.TENS):
            current += lex.units.get(word, lex.tens.get(word, 0.0))
        elif cls is _C.HUNDRED:
            current = (current or 1.0) * 100
            scale = max(scale, 100.0)
        elif cls is _C.SCALE:
            total += (current or 1.0) * lex.scales[word]
            current = 0.0
            scale = max(scale, lex.scales[word])
        elif cls is _C.DOZEN:
            current = (current or 1.0) * lex.dozen[word]
        elif cls is _C.DENOM:
            current = (current or 1.0) / lex.denominators[word]
            fraction = True
        elif cls is _C.A:
            current = 1.0
        prev = cls
        j += 1
    while j > i and (_classify(words[j - 1], lex) in (_C.A, _C.AND, _C.HYPHEN)
                     or not words[j - 1].strip()):
        j -= 1
    if j == i or prev in (None, _C.A):
        return None
    return Reading(i, j, total + current, fraction=fraction, scale=scale, numeral=numeral)


def _and_a_part(words: Sequence[str], j: int, prev: _C | None, lex: Lexicon) -> float | None:
    """ "and a half" / "and a quarter" after a whole number ("two and a half million")."""
    if prev not in (_C.DIGIT, _C.UNIT, _C.TENS) or tuple(words[j:j + 2]) != ("and", "a"):
        return None
    word = words[j + 2] if j + 2 < len(words) else ""
    if word in ("half", "third", "quarter", "fourth", "fifth"):
        return 1 / lex.denominators[word]
    return None
