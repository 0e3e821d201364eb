"""Questions to the store: which events, and how many by dyad, country, type, week or month.

Every function takes a ``Store`` and the same filters (``Filters``) and returns small frozen
dataclasses. Events flagged negated ("did not attack") or hypothetical ("could attack") are left
out unless ``all_flags=True``: they are in the store, with their flags, but never counted as facts
by default. Dates filter on the event's own date when the text gave one, else on the article's
publication date (the ``day`` column); undated events match no date filter.

Countries are ISO 3166 alpha-3 codes or PLOVER's special codes (IGO, UNO, EUR, NGO, ...); a
country name ("Syria") is looked up with pycountry. ``country`` matches an event whose actor or
recipient (or a member of a compound one) is of that country; ``sector`` matches the actor's
primary sector.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Literal

import sqlalchemy as sa

from eventwire.errors import OptionError
from eventwire.export import EventRow
from eventwire.store import Store, schema

__all__ = [
    "AGGREGATES",
    "Count",
    "DyadCount",
    "Filters",
    "country_code",
    "counts",
    "dyad_counts",
    "events",
    "iter_events",
]

Aggregate = Literal["dyad", "country", "type", "week", "month"]
AGGREGATES: tuple[str, ...] = ("dyad", "country", "type", "week", "month")
SPECIAL_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC", "KOS"})
_ROW_COLUMNS = tuple(f.name for f in dataclasses.fields(EventRow))


@dataclass(frozen=True, slots=True)
class Filters:
    """Which events a query looks at (every field optional; all given ones must hold)."""

    type: str | None = None  # PLOVER event type, e.g. ASSAULT
    country: str | None = None  # actor's or recipient's country
    sector: str | None = None  # actor's primary sector, e.g. MIL
    since: date | None = None
    until: date | None = None
    place_country: str | None = None
    text: str | None = None  # words in the sentence, trigger, actor, recipient or place name
    all_flags: bool = False  # include negated and hypothetical events


@dataclass(frozen=True, slots=True)
class Count:
    """How many events fall under one key (a country, a type, a week or a month; None=unknown)."""

    key: str | None
    events: int


@dataclass(frozen=True, slots=True)
class DyadCount:
    """How many events went from one (country, sector) to another."""

    actor_country: str | None
    actor_sector: str | None
    recipient_country: str | None
    recipient_sector: str | None
    events: int


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Country names and other names -> ISO-3, from the actors lexicon (``countries.tsv``)."""
    names: dict[str, str] = {}
    lexicon = resources.files("eventwire") / "data" / "actors" / "countries.tsv"
    if not lexicon.is_file():
        return names
    for line in lexicon.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        iso3, *rest = line.split("\t")
        for name in [rest[0], *rest[1].split("|")] if len(rest) > 1 else rest[:1]:
            if name.strip():
                names.setdefault(name.strip().casefold(), iso3.strip())
    return names


def country_code(value: str) -> str:
    """An ISO-3 or PLOVER code for a code or an English country name; ``OptionError`` if none.

    Names are looked up in the actors lexicon ("Turkey", "Britain", "Ivory Coast"), then in
    pycountry's ISO 3166 names.
    """
    text = value.strip()
    if len(text) == 3 and text.isalpha():
        return text.upper()
    found = _country_names().get(text.casefold())
    if found:
        return found
    import pycountry

    try:
        return pycountry.countries.lookup(text).alpha_3
    except LookupError:
        raise OptionError("E205", name="country", value=value,
                          expected="an ISO 3166 alpha-3 code (SYR) or a country name") from None


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _conditions(f: Filters) -> list[sa.ColumnElement[bool]]:
    e = schema.events.c
    ea = schema.event_actors.c
    where: list[sa.ColumnElement[bool]] = []
    if not f.all_flags:
        where += [e.negated == sa.false(), e.hypothetical == sa.false()]
    if f.type:
        where.append(e.event == f.type.strip().upper())
    if f.since:
        where.append(e.day >= f.since)
    if f.until:
        where.append(e.day <= f.until)
    if f.place_country:
        where.append(e.place_country == country_code(f.place_country))
    if f.country:
        involved = sa.select(ea.event_uid).where(ea.country == country_code(f.country))
        where.append(e.uid.in_(involved))
    if f.sector:
        acting = sa.select(ea.event_uid).where(ea.role == "actor",
                                               ea.sector == f.sector.strip().upper())
        where.append(e.uid.in_(acting))
    if f.text:
        pattern = f"%{_escape_like(f.text.strip())}%"
        where.append(sa.or_(*(column.ilike(pattern, escape="\\") for column in (
            e.sentence, e.trigger, e.actor_name, e.recipient_name, e.place_name))))
    return where


def iter_events(store: Store, filters: Filters = Filters(), *,
                limit: int | None = None) -> Iterator[EventRow]:
    """Matching events in date order (undated last), streamed from the database."""
    e = schema.events.c
    stmt = (sa.select(*(schema.events.c[name] for name in _ROW_COLUMNS))
            .where(*_conditions(filters))
            .order_by(e.day.is_(None), e.day, e.article_id, e.event_id))
    if limit is not None:
        stmt = stmt.limit(limit)
    with store.engine.connect() as conn:
        for row in conn.execution_options(yield_per=1000).execute(stmt):
            yield EventRow(*row)


def events(store: Store, filters: Filters = Filters(), *, limit: int | None = None
           ) -> list[EventRow]:
    """Matching events in date order (undated last), at most ``limit`` of them."""
    return list(iter_events(store, filters, limit=limit))


def _units(dedup: bool) -> sa.ColumnElement:
    """What one count counts: an event, or with ``dedup`` a real-world event (the cluster of
    ``eventwire dedup`` an event belongs to; an event in no cluster, coded after the last dedup,
    counts on its own)."""
    if not dedup:
        return schema.events.c.uid
    member = schema.cluster_members.c
    cluster = sa.select(member.cluster_id).where(member.uid == schema.events.c.uid)
    return sa.func.coalesce(cluster.scalar_subquery(), schema.events.c.uid)


def _event_units(filters: Filters, dedup: bool) -> sa.Subquery:
    """(uid, unit) of every matching event."""
    return (sa.select(schema.events.c.uid, _units(dedup).label("unit"))
            .where(*_conditions(filters)).subquery())


def dyad_counts(store: Store, filters: Filters = Filters(), *, dedup: bool = False
                ) -> list[DyadCount]:
    """Events per (actor country, sector) → (recipient country, sector), most frequent first.

    Compound actors count through their members; an event with two actor countries counts once
    in each dyad it forms, and once only in each. Events with no recipient form a dyad whose
    recipient is unknown (None). With ``dedup``, real-world events are counted (see ``counts``).
    """
    ea = schema.event_actors
    actor = ea.alias("a")
    recipient = ea.alias("r")
    matching = _event_units(filters, dedup)
    pairs = (
        sa.select(matching.c.unit, actor.c.country.label("ac"), actor.c.sector.label("as_"),
                  recipient.c.country.label("rc"), recipient.c.sector.label("rs"))
        .select_from(matching.join(actor, actor.c.event_uid == matching.c.uid).outerjoin(
            recipient, sa.and_(
                recipient.c.event_uid == actor.c.event_uid, recipient.c.role == "recipient",
                recipient.c.leaf == sa.true())))
        .where(actor.c.role == "actor", actor.c.leaf == sa.true())
        .distinct()
        .subquery()
    )
    n = sa.func.count().label("n")
    stmt = (sa.select(pairs.c.ac, pairs.c.as_, pairs.c.rc, pairs.c.rs, n)
            .group_by(pairs.c.ac, pairs.c.as_, pairs.c.rc, pairs.c.rs))
    with store.engine.connect() as conn:
        found = [DyadCount(*row) for row in conn.execute(stmt)]
    return sorted(found, key=lambda d: (-d.events, d.actor_country or "~", d.actor_sector or "~",
                                        d.recipient_country or "~", d.recipient_sector or "~"))


def _country_counts(store: Store, filters: Filters, dedup: bool) -> list[Count]:
    ea = schema.event_actors.c
    matching = _event_units(filters, dedup)
    involved = (sa.select(matching.c.unit, ea.country)
                .select_from(matching.join(schema.event_actors,
                                           ea.event_uid == matching.c.uid))
                .where(ea.leaf == sa.true())
                .distinct().subquery())
    stmt = (sa.select(involved.c.country, sa.func.count())
            .group_by(involved.c.country))
    with store.engine.connect() as conn:
        found = [Count(*row) for row in conn.execute(stmt)]
    return sorted(found, key=lambda c: (-c.events, c.key or "~"))


def _column_counts(store: Store, column: sa.Column, filters: Filters, *,
                   by_key: bool, dedup: bool) -> list[Count]:
    unit = _units(dedup)
    stmt = (sa.select(column, sa.func.count(sa.distinct(unit))).where(*_conditions(filters))
            .group_by(column))
    with store.engine.connect() as conn:
        found = [Count(*row) for row in conn.execute(stmt)]
    if by_key:
        return sorted(found, key=lambda c: c.key or "~")
    return sorted(found, key=lambda c: (-c.events, c.key or "~"))


def counts(store: Store, by: str, filters: Filters = Filters(), *, dedup: bool = False
           ) -> list[Count] | list[DyadCount]:
    """Event counts by ``dyad``, ``country``, ``type``, ``week`` (ISO, ``2026-W10``) or ``month``.

    Country: an event counts once for each country among its actors and recipients. Week and
    month come in time order (undated last), the others most frequent first. With ``dedup`` the
    unit is the real-world event of the last ``eventwire dedup``: the reports of one event merged
    into a cluster count once in each group their matching reports fall into (an event coded
    after that dedup counts on its own).
    """
    e = schema.events.c
    if by == "dyad":
        return dyad_counts(store, filters, dedup=dedup)
    if by == "country":
        return _country_counts(store, filters, dedup)
    if by == "type":
        return _column_counts(store, e.event, filters, by_key=False, dedup=dedup)
    if by == "week":
        return _column_counts(store, e.week, filters, by_key=True, dedup=dedup)
    if by == "month":
        return _column_counts(store, e.month, filters, by_key=True, dedup=dedup)
    raise OptionError("E201", value=by, choices=", ".join(AGGREGATES))
