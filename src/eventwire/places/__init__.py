"""The places stage: every place mention geocoded offline, and each event's location.

``extract`` finds the article's place mentions and resolves them against the gazetteer index
(built from packaged GeoNames data into the user's cache on first use; see ``docs/places.md``).
``locate`` picks, for one event, the place where it happened from the sentence's parse.
``lookup`` ranks the candidates for a bare name (what ``eventwire places lookup`` prints).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from eventwire.places._build import BuildStats, Progress
from eventwire.places._extract import (
    extract_places,
    find_mentions,
    places_from_mentions,
    reads_as_place,
)
from eventwire.places._index import MATCH_NAMES, Candidate, Gazetteer, default_path
from eventwire.places._locate import locate_event
from eventwire.places._resolve import distance_km, rank_alone, resolve
from eventwire.records import Article, Found, Place

__all__ = [
    "MATCH_NAMES",
    "BuildStats",
    "Candidate",
    "Gazetteer",
    "build",
    "default_path",
    "distance_km",
    "extract",
    "find_mentions",
    "locate",
    "lookup",
    "places_from_mentions",
    "reads_as_place",
    "resolve",
]


def extract(doc: Doc, article: Article, found: Found) -> tuple[Place, ...]:
    """Return the places mentioned in the article, geocoded (P1, P2 ... by first mention)."""
    return extract_places(doc, article, found, Gazetteer.default())


def locate(sentence: Span, trigger_start: int, found: Found) -> Place | None:
    """The place where the event signalled at char ``trigger_start`` in ``sentence`` happened."""
    return locate_event(sentence, trigger_start, found)


def lookup(name: str, *, country: str | None = None, limit: int = 10) -> list[Candidate]:
    """Candidates for a bare name, best first; ``country`` (ISO-2 or ISO-3) keeps one country's."""
    gazetteer = Gazetteer.default()
    ranked = rank_alone(gazetteer, name)
    if country:
        code = country.upper()
        ranked = [c for c in ranked if code in (c.cc, gazetteer.iso3(c.cc))]
    return ranked[:limit]


def build(progress: Progress | None = None) -> BuildStats:
    """(Re)build the gazetteer index in the cache directory."""
    return Gazetteer.build(progress=progress)
