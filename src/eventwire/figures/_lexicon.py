"""The figures lexicon (``data/figures/numbers.json``), loaded once into hash-lookup tables.

Multi-word entries ("more than", "tens of thousands", "per cent") are kept as tuples of
lower-case tokens so the matcher looks them up by token window instead of scanning the text per
entry.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Lexicon", "lexicon"]


def _tuples(entries: dict[str, str] | list[str]) -> dict[tuple[str, ...], str]:
    if isinstance(entries, list):
        return {tuple(e.split()): e for e in entries}
    return {tuple(k.split()): v for k, v in entries.items()}


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Word tables for reading numbers and what surrounds them."""

    units: dict[str, float]
    tens: dict[str, float]
    scales: dict[str, float]  # suffixes of numerals ("10k", "1.2bn") and scale words
    word_scales: frozenset[str]
    dozen: dict[str, float]
    denominators: dict[str, float]
    ordinals: dict[str, float]
    vague: dict[tuple[str, ...], tuple[float, float]]
    qualifiers_before: dict[tuple[str, ...], str]
    qualifiers_after: dict[tuple[str, ...], str]
    currency_before: dict[str, str]
    currency_after: dict[str, str]
    cent_words: frozenset[str]
    percent: dict[tuple[str, ...], str]
    time_units: frozenset[str]
    measure_units: frozenset[str]
    relative_date: frozenset[str]
    relative_pronouns: frozenset[str]
    not_one: frozenset[str]
    age_before: dict[tuple[str, ...], str]
    age_after: dict[tuple[str, ...], str]
    months: frozenset[str]
    unicode_fractions: dict[str, float]
    identifier_heads: frozenset[str]
    range_words: frozenset[str]
    clock_words: frozenset[str]
    currency_adjectives: dict[tuple[str, ...], str]
    currency_symbols_after: dict[str, str]
    longest_before: int = 0  # the longest qualifier phrase, in tokens (set by ``lexicon()``)
    # words a number phrase may start with, besides numerals: the cheap first test on each token
    starters: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, read from the package data once per process."""
    path = resources.files("eventwire") / "data" / "figures" / "numbers.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    return Lexicon(
        units=raw["units"],
        tens=raw["tens"],
        scales=raw["scales"],
        word_scales=frozenset(raw["word_scales"]),
        dozen=raw["dozen"],
        denominators=raw["denominators"],
        ordinals=raw["ordinals"],
        vague={tuple(k.split()): (float(lo), float(hi)) for k, (lo, hi) in raw["vague"].items()},
        qualifiers_before=_tuples(raw["qualifiers_before"]),
        qualifiers_after=_tuples(raw["qualifiers_after"]),
        currency_before=raw["currency_before"],
        currency_after=raw["currency_after"],
        cent_words=frozenset(raw["cent_words"]),
        percent=_tuples(raw["percent"]),
        time_units=frozenset(raw["time_units"]),
        measure_units=frozenset(raw["measure_units"]),
        relative_date=frozenset(raw["relative_date"]),
        relative_pronouns=frozenset(raw["relative_pronouns"]),
        not_one=frozenset(raw["not_one"]),
        age_before=_tuples(raw["age_before"]),
        age_after=_tuples(raw["age_after"]),
        months=frozenset(raw["months"]),
        unicode_fractions=raw["unicode_fractions"],
        identifier_heads=frozenset(raw["identifier_heads"]),
        range_words=frozenset(raw["range_words"]),
        clock_words=frozenset(raw["clock_words"]),
        currency_adjectives=_tuples(raw["currency_adjectives"]),
        currency_symbols_after=raw["currency_symbols_after"],
        longest_before=max(len(k) for k in _tuples(raw["qualifiers_before"])),
        starters=frozenset([*raw["units"], *raw["denominators"], *raw["ordinals"],
                            *raw["unicode_fractions"], "a", "an", "half",
                            *(k for k in raw["vague"] if " " not in k)]),
    )
