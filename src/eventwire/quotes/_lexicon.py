"""The quotes lexicon (``data/quotes/cues.json``): quoting verbs and source nouns, loaded once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Cues", "cues"]


@dataclass(frozen=True, slots=True)
class Cues:
    """Word sets for finding who said what."""

    verbs: frozenset[str]  # lemmas of verbs that introduce speech
    direct_only: frozenset[str]  # introduce quotations in marks, not reported clauses
    particles: dict[str, str]  # verbs that quote only with a particle ("point out")
    according_to: tuple[tuple[str, ...], ...]
    according_first: frozenset[str]  # their first words, for a quick test
    according_documents: frozenset[str]  # "according to reports/figures": hearsay, no speaker
    source_nouns: frozenset[str]
    affiliation_preps: frozenset[str]
    organisation_nouns: frozenset[str]  # common nouns that name a body one can speak for
    pronouns: frozenset[str]

    def reports(self, lemma: str) -> bool:
        """Whether the verb makes its complement clause reported (indirect) speech."""
        return lemma in self.verbs and lemma not in self.direct_only


@lru_cache(maxsize=1)
def cues() -> Cues:
    """The cue words, read from the package data once per process."""
    path = resources.files("eventwire") / "data" / "quotes" / "cues.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    return Cues(
        verbs=frozenset(raw["verbs"]),
        direct_only=frozenset(raw["direct_only"]),
        particles=dict(raw["particles"]),
        according_to=tuple(tuple(p) for p in raw["according_to"]),
        according_first=frozenset(p[0] for p in raw["according_to"]),
        according_documents=frozenset(raw["according_to_documents"]),
        source_nouns=frozenset(raw["source_nouns"]),
        affiliation_preps=frozenset(raw["affiliation_preps"]),
        organisation_nouns=frozenset(raw["organisation_nouns"]),
        pronouns=frozenset(raw["pronouns"]),
    )
