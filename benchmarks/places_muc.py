"""The MUC-3/4 part of ``benchmarks/places.py``: the incident location of the answer keys.

The stories are GTT's dev split (``muc34/processed/dev.json``: the 100 TST1 and 100 TST2
stories, in its order); their raw upper-case text and MUC-4 answer keys are read from
``muc34/raw/tst1`` and ``muc34/raw/tst2`` at run time. Each story goes through what a user
would run: ``eventwire.ingest.from_text`` (which restores the case of caseless text), then
``eventwire.code_many``.

The key's "3.  INCIDENT: LOCATION" slot reads ``COUNTRY: PLACE (TYPE): PLACE (TYPE)``, most
general first; ``*`` or ``-`` is no location; alternatives are separated by "/" at the top level
(``(A) / (B)``, ``COUNTRY1 / COUNTRY2``), alternative types inside the parentheses
(``(CITY / DEPARTMENT)``); ``X (TOWN) - Y (TOWN)`` names a stretch between two places; a "?"
marks an uncertain filler (kept: it is still the key's answer); templates marked
``(OPTIONAL)`` are not counted, as in MUC scoring, where missing one costs nothing.
"""

from __future__ import annotations

import difflib
import json
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

import eventwire
from eventwire.ingest import from_text
from eventwire.places import Gazetteer
from eventwire.places._fold import fold
from eventwire.records import Coding, Event, Place

MUC = Path(__file__).resolve().parents[2] / "shared" / "eval" / "muc34"
KEY_FILES = (MUC / "raw" / "tst1" / "key-tst1.v7", MUC / "raw" / "tst2" / "key-tst2.v4")
STORY_FILES = (MUC / "raw" / "tst1" / "tst1-muc3", MUC / "raw" / "tst2" / "tst2-muc4")
ORDER = MUC / "processed" / "dev.json"
VIOLENT = ("ASSAULT", "COERCE")
# Key types that name a first-level division: a place lying in it counts as found.
ADMIN1_TYPES = frozenset({"DEPARTMENT", "PROVINCE", "STATE", "INTENDANCY"})
_ID = re.compile(r"^\s*(TST[12]-MUC[34]-\d{4})\s*$", re.M)
_NAMED = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")

SameDivision = Callable[[Gazetteer, Place, str], bool]


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a key location: its name(s) (two for a stretch "X - Y") and types."""

    names: tuple[str, ...]
    kinds: frozenset[str]


@dataclass(frozen=True, slots=True)
class Reading:
    """One alternative of a key location: the country (ISO-3, None when unknown) and the
    levels below it, most general first."""

    country: str | None
    levels: tuple[Level, ...]


@dataclass(frozen=True, slots=True)
class Incident:
    """One key template's location, with its alternatives, and whether it is optional."""

    story: str
    readings: tuple[Reading, ...]
    optional: bool

    @property
    def countries(self) -> set[str]:
        return {r.country for r in self.readings if r.country}

    @property
    def deep(self) -> tuple[Reading, ...]:
        """The alternatives that name a place below the country."""
        return tuple(r for r in self.readings if r.levels)


# --------------------------------------------------------------------------------------------
# Reading the keys


def _split_top(text: str, sep: str) -> list[str]:
    """``text`` split at the occurrences of ``sep`` outside parentheses, parts stripped."""
    parts, depth, start, k = [], 0, 0, 0
    while k < len(text):
        char = text[k]
        depth += (char == "(") - (char == ")")
        if depth == 0 and text.startswith(sep, k):
            parts.append(text[start:k].strip())
            start = k = k + len(sep)
            continue
        k += 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def _unwrap(text: str) -> str:
    """``(A: B (CITY))`` -> ``A: B (CITY)``, only when the outer parentheses enclose it all."""
    while text.startswith("(") and _closing(text) == len(text) - 1:
        text = text[1:-1].strip()
    return text


def _closing(text: str) -> int:
    """The index of the parenthesis closing the one ``text`` opens with (-1 if none)."""
    depth = 0
    for k, char in enumerate(text):
        depth += (char == "(") - (char == ")")
        if depth == 0:
            return k
    return -1


@cache
def _country_codes() -> dict[str, str]:
    """Folded country name (official, common and short) -> ISO-3, from pycountry."""
    table = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name:
                table[fold(name)] = country.alpha_3
                table[fold(name.split(",")[0])] = country.alpha_3  # "Bolivia, Plurinational..."
    return table


@cache
def iso3(name: str) -> str | None:
    """ISO-3 of a MUC country name; the nearest spelling for a misspelt one (the keys have a
    few), None when nothing is close."""
    table = _country_codes()
    key = fold(name)
    if key in table:
        return table[key]
    near = difflib.get_close_matches(key, list(table), n=1, cutoff=0.85)
    return table[near[0]] if near else None


def _level(text: str) -> Level:
    """``SANTA ROSA (CITY / DEPARTMENT)`` -> names ("SANTA ROSA",), kinds {CITY, DEPARTMENT};
    ``X (TOWN) - Y (TOWN)`` -> both names."""
    names, kinds = [], set()
    for part in _split_top(text, " - "):
        named = _NAMED.match(part)
        names.append(named.group(1) if named else part)
        if named:
            kinds |= {k.strip() for k in named.group(2).split("/") if k.strip()}
    return Level(tuple(names), frozenset(kinds))


def parse_location(value: str) -> tuple[Reading, ...]:
    """The alternatives of one LOCATION slot value; () for none (``*``, ``-``, empty)."""
    value = re.sub(r"\?\s*", "", value).strip()
    if value in ("", "*", "-"):
        return ()
    readings = []
    for alternative in _split_top(value, "/"):
        parts = _split_top(_unwrap(alternative), ":")
        if parts:
            readings.append(Reading(iso3(parts[0]), tuple(_level(p) for p in parts[1:])))
    return tuple(readings)


def _slot(block: str, number: int) -> str:
    """A slot's value in one template, continuation lines (further fillers) joined by " / "."""
    lines = block.splitlines()
    head = re.compile(rf"^{number}\.\s+[A-Z ]+:[A-Z ]+?(?:\s{{2,}}(.*))?$")
    for k, line in enumerate(lines):
        found = head.match(line)
        if not found:
            continue
        values = [found.group(1) or ""]
        for more in lines[k + 1:]:
            if not more.startswith(" ") or not more.strip():
                break
            values.append(more.strip())
        return " / ".join(v.strip() for v in values if v.strip())
    return ""


def read_keys(paths: Iterable[Path] = KEY_FILES) -> dict[str, list[Incident]]:
    """Story id -> its key templates that give a location (optional ones flagged)."""
    keys: dict[str, list[Incident]] = {}
    for path in paths:
        text = "\n".join(line for line in path.read_text("latin-1").splitlines()
                         if not line.startswith(";"))
        for block in re.split(r"(?m)^(?=0\.\s+MESSAGE: ID)", text):
            ident = re.match(r"0\.\s+MESSAGE: ID\s+(\S+)", block)
            if not ident:
                continue
            story = ident.group(1)
            keys.setdefault(story, [])
            readings = parse_location(_slot(block, 3))
            if readings:
                optional = "OPTIONAL" in _slot(block, 1)
                keys[story].append(Incident(story, readings, optional))
    return keys


def read_stories(paths: Iterable[Path] = STORY_FILES) -> dict[str, str]:
    """Story id -> its raw text (dateline and body, as distributed: upper case)."""
    stories = {}
    for path in paths:
        pieces = _ID.split(path.read_text("latin-1"))
        for ident, body in zip(pieces[1::2], pieces[2::2], strict=True):
            stories[ident] = body.strip()
    return stories


def dev_ids(limit: int | None) -> list[str]:
    """GTT's dev stories in its order (its doc ids are the raw ids)."""
    lines = ORDER.read_text("utf-8").splitlines()
    return [json.loads(line)["docid"] for line in lines if line.strip()][:limit]


# --------------------------------------------------------------------------------------------
# Scoring


def factual_violent(coding: Coding) -> list[Event]:
    """The story's ASSAULT and COERCE events reported as facts (not negated, hypothetical or
    future), in text order."""
    return [e for e in coding.events if e.event in VIOLENT
            and not (e.negated or e.hypothetical or e.future)]


def _names_place(gaz: Gazetteer, place: Place, name: str) -> bool:
    """Whether ``place`` is the key's ``name``: the same folded text or gazetteer name, or the
    very place the gazetteer gives for that name (same GeoNames id)."""
    key = fold(name)
    if key and key in (fold(place.text), fold(place.name or "")):
        return True
    return place.geonameid is not None and any(
        c.gid == place.geonameid for c in gaz.lookup(name))


def _elsewhere(gaz: Gazetteer, place: Place, reading: Reading,
               same_division: SameDivision) -> bool:
    """Whether ``place`` is resolved outside the key's country, or outside a department
    (province, state) the key names above its deepest place: then a matching name is a
    namesake (a "Santa Rosa" resolved in another department than the key's)."""
    if place.country is None:
        return False
    if place.country != reading.country:
        return True
    return any(level.kinds & ADMIN1_TYPES and place.admin1_code
               and not any(same_division(gaz, place, n) for n in level.names)
               for level in reading.levels[:-1])


def deep_match(gaz: Gazetteer, place: Place, reading: Reading,
               same_division: SameDivision) -> bool:
    """Whether ``place`` is the deepest place ``reading`` names (by name, and not resolved
    elsewhere: see ``_elsewhere``), or lies in it when that place is a department, province or
    state (the same admin-1 division by any of its gazetteer names)."""
    deepest = reading.levels[-1]
    if (any(_names_place(gaz, place, n) for n in deepest.names)
            and not _elsewhere(gaz, place, reading, same_division)):
        return True
    return (bool(deepest.kinds & ADMIN1_TYPES) and place.country == reading.country
            and any(same_division(gaz, place, n) for n in deepest.names))


def best_place(coding: Coding) -> Place | None:
    """Our best event place: that of the first factual ASSAULT/COERCE event whose place is
    resolved to a country."""
    return next((e.place for e in factual_violent(coding)
                 if e.place is not None and e.place.country), None)


def score_story(gaz: Gazetteer, coding: Coding, incidents: list[Incident],
                same_division: SameDivision) -> dict[str, int]:
    """Counts for one story over its required incidents with a location (see ``report``)."""
    required = [i for i in incidents if not i.optional]
    places = [e.place for e in factual_violent(coding) if e.place is not None]
    row = dict.fromkeys(("incidents", "country", "deep", "deep_event", "deep_any", "stories",
                         "best_country", "no_best"), 0)
    for incident in required:
        row["incidents"] += 1
        row["country"] += any(p.country in incident.countries for p in places)
        if not incident.deep:
            continue
        row["deep"] += 1
        row["deep_event"] += any(deep_match(gaz, p, r, same_division)
                                 for p in places for r in incident.deep)
        row["deep_any"] += any(deep_match(gaz, p, r, same_division)
                               for p in coding.places for r in incident.deep)
    if required:
        row["stories"] = 1
        best = best_place(coding)
        row["no_best"] = int(best is None)
        row["best_country"] = int(best is not None and any(
            best.country in i.countries for i in required))
    return row


def code_stories(ids: list[str], stories: dict[str, str]) -> list[Coding]:
    """Each story through the user's path: ``from_text`` (case restored), then ``code_many``."""
    articles = [from_text(stories[i], source=f"muc34:{i}", id=i) for i in ids]
    return list(eventwire.code_many(articles))


def _reading_text(reading: Reading) -> str:
    """``SLV: SANTA ROSA (DEPARTMENT): X (TOWN)``, for printing."""
    levels = [" - ".join(lv.names) + f" ({'/'.join(sorted(lv.kinds))})" for lv in reading.levels]
    return ": ".join([reading.country or "?", *levels])


def _describe(place: Place) -> str:
    return (f"{place.text!r} -> {place.name} ({place.feature_code}) {place.admin1 or ''} "
            f"{place.country or '?'}")


def print_miss(coding: Coding, incidents: list[Incident], row: dict[str, int]) -> None:
    """One dev-half story with a miss: the key's locations, our event places, every place."""
    print(f"\n[{coding.article.id}] country {row['country']}/{row['incidents']}, deepest "
          f"{row['deep_event']}/{row['deep']} (any place {row['deep_any']}), best place in "
          f"country {row['best_country']}")
    print(f"  text: {coding.article.text[:300]!r}")
    for incident in incidents:
        if not incident.optional:
            print("  key: " + " | ".join(_reading_text(r) for r in incident.readings))
    for event in factual_violent(coding):
        where = _describe(event.place) if event.place else "-"
        print(f"    {event.id} {event.event} {event.trigger!r} at {where}")
    for place in coding.places:
        print(f"    found {_describe(place)}")


def run(gaz: Gazetteer, limit: int | None, same_division: SameDivision,
        show_misses: int = 0) -> tuple[list[dict[str, int]], dict[str, float]]:
    """Per story (in GTT's dev order): the counts of ``score_story``; and facts about the run
    (stories, optional templates skipped, seconds spent ingesting and coding)."""
    keys, stories = read_keys(), read_stories()
    ids = [i for i in dev_ids(limit) if i in stories]
    started = time.perf_counter()
    codings = code_stories(ids, stories)
    seconds = time.perf_counter() - started
    rows, shown = [], 0
    for k, (ident, coding) in enumerate(zip(ids, codings, strict=True)):
        row = score_story(gaz, coding, keys.get(ident, []), same_division)
        rows.append(row)
        missed = row["country"] < row["incidents"] or row["deep_event"] < row["deep"]
        if k % 2 == 0 and missed and shown < show_misses:
            shown += 1
            print_miss(coding, keys.get(ident, []), row)
    optional = sum(t.optional for i in ids for t in keys.get(i, []))
    return rows, {"stories": len(ids), "optional": optional, "seconds": seconds}
