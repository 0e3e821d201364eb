"""The working records of the actors stage: mentions and lexicon matches (internal)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from eventwire.actors.lexicon import Entry

__all__ = ["Match", "Mention", "lemma", "pick"]


@dataclass(slots=True)
class Mention:
    """A stretch of tokens naming or pointing at an actor (mutable while the stage works)."""

    start: int  # first token
    end: int  # one past the last token
    head: int  # syntactic head token
    kind: str  # person, group, organisation, country, agent, compound, pronoun
    name: str | None = None
    key: str | None = None  # lexicon key of a named thing
    country: str | None = None
    sectors: list[str] = field(default_factory=list)
    count: int | None = None
    qualifier: str | None = None
    office: str | None = None
    affiliation: str | None = None
    affiliation_key: str | None = None
    wikidata: str | None = None
    plural: bool = False
    armed: bool = False
    media: bool = False
    role: str | None = None  # agent role from agents.tsv
    lemma: str | None = None  # the agent term that named it ("authority", "fighter")
    explicit: bool = False  # the words give the country/affiliation (not inferred)
    default_sector: bool = False  # the sector is only the default for its form (CVL for "Britons")
    context_country: str | None = None  # the article's main country (or a home), for a new entity
    local: bool = False  # an ethnic or religious community: its country is where the story is
    anaphor: bool = False  # "the group", "the militants": points back, names nothing new
    collective: bool = False  # introduced as "a group of X"
    possessor: int | None = None  # token of "their"/"its" that owns this mention
    members: list[Mention] = field(default_factory=list)
    merge_into: Mention | None = None  # "X consisted of <this compound>"
    extra: list[tuple[int, int]] = field(default_factory=list)  # more token ranges, same actor
    entity: int | None = None


@dataclass(slots=True)
class Match:
    """A lexicon name match, in tokens."""

    start: int
    end: int
    entries: tuple[Entry, ...]


def pick(entries: tuple[Entry, ...], forms: tuple[str, ...]) -> Entry | None:
    for form in forms:
        for entry in entries:
            if entry.form == form:
                return entry
    return None


def lemma(token: Token) -> str:
    if token.pos_ == "PROPN":
        return token.lower_
    return token.lemma_.lower()
