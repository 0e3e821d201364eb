"""The ingest lexicons (``eventwire/data/ingest/*.json``), loaded once per process as frozen sets.

Every lookup the cleaner makes is a hash lookup of a whole normalised line or line segment, so the
cost of a rule does not grow with the size of its lexicon.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["Lexicon", "lexicon"]

_DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Every word list the cleaner reads, lower-cased."""

    agencies: frozenset[str]
    credit_prefixes: tuple[str, ...]
    wire_openers: tuple[str, ...]
    copyright_openers: tuple[str, ...]
    nav_lines: frozenset[str]
    nav_sections: frozenset[str]
    nav_prefixes: tuple[str, ...]
    related_prefixes: tuple[str, ...]
    related_headers: frozenset[str]
    byline_openers: tuple[str, ...]
    byline_roles: frozenset[str]
    name_particles: frozenset[str]
    closed_class: frozenset[str]
    verbs: frozenset[str]
    not_verbs: frozenset[str]
    date_words: frozenset[str]
    nav_words: frozenset[str]  # nav_lines | nav_sections
    not_names: frozenset[str]  # lines that look like names but are furniture


def _load(name: str) -> dict[str, list[str]]:
    path = _DATA / name
    data: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _longest_first(items: list[str]) -> tuple[str, ...]:
    """Openings sorted longest first, so "photo credit" is tried before "photo"."""
    return tuple(sorted({i.lower() for i in items}, key=lambda s: (-len(s), s)))


@cache
def lexicon() -> Lexicon:
    """The lexicons, read from the package data on first use."""
    credits, nav, bylines, words = (_load(n) for n in
                                    ("credits.json", "navigation.json", "bylines.json",
                                     "words.json"))
    agencies = frozenset(a.lower() for a in credits["agencies"] + credits["outlets"])
    nav_words = frozenset(n.lower() for n in nav["lines"] + nav["sections"])
    roles = frozenset(r.lower() for r in bylines["roles"])
    return Lexicon(
        agencies=agencies,
        credit_prefixes=_longest_first(credits["prefixes"]),
        wire_openers=_longest_first(credits["wire_openers"]),
        copyright_openers=_longest_first(credits["copyright_openers"]),
        nav_lines=frozenset(n.lower() for n in nav["lines"]),
        nav_sections=frozenset(n.lower() for n in nav["sections"]),
        nav_prefixes=_longest_first(nav["prefixes"]),
        related_prefixes=_longest_first(nav["related_prefixes"]),
        related_headers=frozenset(n.lower() for n in nav["related_headers"]),
        byline_openers=_longest_first(bylines["openers"]),
        byline_roles=roles,
        name_particles=frozenset(p.lower() for p in bylines["particles"]),
        closed_class=frozenset(w.lower() for w in words["closed_class"]),
        verbs=frozenset(w.lower() for w in words["verbs"]),
        not_verbs=frozenset(w.lower() for w in words["not_verbs"]),
        date_words=frozenset(w.lower() for w in words["date_words"]),
        nav_words=nav_words,
        not_names=nav_words | agencies | roles,
    )
