"""Cross-article deduplication: many articles report the same event; cluster them into one.

Two coded events are taken to be reports of the same real-world event when all of these hold:

- the same PLOVER type (``ASSAULT`` never merges with ``PROTEST``);
- the same dyad: the set of (country, sector) pairs of the actors is equal, and so is the
  recipients' set. "Unknown" is a value of its own and matches only "unknown": we do not guess
  that "gunmen" are the rebels another article names;
- the same place: the two places lie within ``km`` kilometres of each other, or one of them is
  known only to its first-level division (a GeoNames ``ADM1*`` feature, or a place with an
  ``admin1_code`` but no coordinates: "in Kano State") and the other lies in that division (same
  country and ``admin1_code``; ``admin1=False`` turns this off). Two precise places in the same
  large province are not the same place: on ACLED, merging any two places of one admin1 took
  the false-merge rate from 3.9% to 7.0% for one point of recall (``benchmarks/dedup.py``).
  An event with no geocoded place is never merged: we cannot tell where it happened;
- dates no more than ``window_days`` apart. The date is the event's own when it is resolved to a
  day; an event with no resolved date falls back to the article's publication date (wire stories
  report the events of the day or the day before, which the window absorbs); an event dated only
  to a week, month or year is never merged;
- none of them is negated, hypothetical or future: an event that did not happen is kept on its
  own.

Clustering is complete-link: an event joins a cluster only when it matches *every* member, so a
chain of near neighbours cannot drag two distant events together. Input order does not matter:
events are sorted by (date, article id, event id) first, and each joins the first cluster it
matches, so the result is deterministic.

Every source is kept (``EventCluster.members``: article id and the event as coded there). The
cluster's own values are the best attested:

- ``date``: the most common member date (ties: the earliest);
- ``place``: the most common place (by GeoNames id, else name; ties: the more precise, a town
  before its province);
- ``actors`` / ``recipients``: those of the representative member;
- ``size``: per field (dead, injured, arrested, people), over the members that give it, the
  ``size_rule``: ``"max"`` (default: early reports undercount as tolls rise; a single wrong
  extraction can inflate it, so check ``members``), ``"min"`` (ACLED's "most conservative
  estimate") or ``"median"`` (the lower median, so it stays a reported number);
- ``confidence``: the highest member confidence (copies of one wire story are not independent
  evidence, so confidences are not combined); ``len(article_ids)`` says how many articles agree;
- ``representative``: the member with the most common place and date and, among those, the
  highest confidence: its sentence and spans are the cluster's evidence.
"""

from __future__ import annotations

import hashlib
import math
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, TypeVar

from eventwire.errors import OptionError
from eventwire.records import Actor, Coding, Event, Place, Size

__all__ = [
    "DEFAULT_KM",
    "DEFAULT_WINDOW_DAYS",
    "ClusterRow",
    "DedupReport",
    "EventCluster",
    "MemberRow",
    "SizeRule",
    "SourcedEvent",
    "cluster_rows",
    "dedup",
    "dedup_store",
    "distance_km",
    "sourced_events",
]

DEFAULT_WINDOW_DAYS = 2
DEFAULT_KM = 50.0
SizeRule = Literal["max", "min", "median"]
_SIZE_FIELDS = ("dead", "injured", "arrested", "people")
_EARTH_RADIUS_KM = 6371.0088

Side = tuple[tuple[str | None, str | None], ...]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class SourcedEvent:
    """One coded event with the article it came from (and that article's publication date)."""

    article_id: str
    event: Event
    published: date | None = None

    @property
    def key(self) -> tuple[str, str]:
        """(article id, event id): unique across a corpus."""
        return (self.article_id, self.event.id)


@dataclass(frozen=True, slots=True)
class EventCluster:
    """One real-world event as reported by one or more articles: every source and the best values.

    ``id`` is a hash of the members' (article id, event id) pairs, so the same members always
    give the same id. ``date_first`` / ``date_last`` are the range of member dates.
    """

    id: str
    event: str
    date: date | None
    date_first: date | None
    date_last: date | None
    place: Place | None
    actors: tuple[Actor, ...]
    recipients: tuple[Actor, ...]
    size: Size
    confidence: float
    representative: SourcedEvent
    members: tuple[SourcedEvent, ...]

    @property
    def article_ids(self) -> tuple[str, ...]:
        """The distinct articles that report this event, sorted."""
        return tuple(sorted({m.article_id for m in self.members}))

    @property
    def sources(self) -> tuple[tuple[str, str], ...]:
        """Every (article id, event id) pair merged into this cluster, sorted."""
        return tuple(sorted(m.key for m in self.members))


def sourced_events(codings: Iterable[Coding]) -> Iterator[SourcedEvent]:
    """Every event of every coding, with its article id and publication date."""
    for coding in codings:
        for event in coding.events:
            yield SourcedEvent(coding.article.id, event, coding.article.published)


def distance_km(a: Place, b: Place) -> float | None:
    """Great-circle distance between two geocoded places (haversine); None if either lacks one."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


# --------------------------------------------------------------------------------------------
# what may be merged


def _side(actors: tuple[Actor, ...]) -> Side:
    """The (country, sector) pairs of one side of a dyad, as a sorted, duplicate-free tuple."""
    pairs = {(a.country, a.sector) for a in actors}
    return tuple(sorted(pairs, key=lambda p: (p[0] or "", p[1] or "")))


def _event_date(item: SourcedEvent) -> date | None:
    """The date used for the window: the event's day, else the publication date, else None."""
    event = item.event
    if event.date is not None:
        return event.date if event.date_precision == "day" else None
    return item.published


@dataclass(frozen=True, slots=True)
class _Point:
    """A mergeable event with the day and place it is compared on."""

    item: SourcedEvent
    day: date
    place: Place


def _point(item: SourcedEvent) -> _Point | None:
    """Only factual, placed and dated events are merged (None: the event stays on its own)."""
    event = item.event
    if event.negated or event.hypothetical or event.future:
        return None
    day, place = _event_date(item), event.place
    if day is None or place is None:
        return None
    if (place.lat is None or place.lon is None) and place.admin1_code is None:
        return None
    return _Point(item, day, place)


def _block(point: _Point) -> tuple:
    """Events can only merge within the same block: type, dyad and country of the place."""
    event = point.item.event
    return (event.event, _side(event.actors), _side(event.recipients), point.place.country)


def _coarse(place: Place) -> bool:
    """Whether a place is only known to its first-level division (a province, not a town)."""
    return (place.lat is None or place.lon is None
            or (place.feature_code or "").startswith("ADM1"))


def _same_place(a: Place, b: Place, km: float, admin1: bool) -> bool:
    """Within ``km`` of each other, or in the same admin1 when one of them is only that."""
    distance = distance_km(a, b)
    if distance is not None and distance <= km:
        return True
    return (admin1 and (_coarse(a) or _coarse(b)) and a.admin1_code is not None
            and a.admin1_code == b.admin1_code and a.country == b.country)


def _fits(point: _Point, cluster: list[_Point], window_days: int, km: float,
          admin1: bool) -> bool:
    """Complete link: the event matches every member of the cluster."""
    return all(abs((point.day - member.day).days) <= window_days
               and _same_place(point.place, member.place, km, admin1)
               for member in cluster)


def _cluster_block(points: list[_Point], window_days: int, km: float,
                   admin1: bool) -> list[list[SourcedEvent]]:
    """Greedy complete-link clustering of one block; ``points`` sorted by day."""
    done: list[list[_Point]] = []
    open_: list[list[_Point]] = []
    for point in points:
        # a cluster whose first member is out of the window can take no later event
        done.extend(c for c in open_ if (point.day - c[0].day).days > window_days)
        open_ = [c for c in open_ if (point.day - c[0].day).days <= window_days]
        for cluster in open_:
            if _fits(point, cluster, window_days, km, admin1):
                cluster.append(point)
                break
        else:
            open_.append([point])
    done.extend(open_)
    return [[p.item for p in cluster] for cluster in done]


# --------------------------------------------------------------------------------------------
# best-attested values


def _most_common(values: list[T], rank: Callable[[T], object]) -> T:
    """The most common value; ties broken by ``rank`` (smallest first)."""
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], rank(v)))


def _place_key(place: Place) -> object:
    return place.geonameid if place.geonameid is not None else (place.name or place.text)


def _size(members: list[SourcedEvent], rule: SizeRule) -> Size:
    chosen: dict[str, int | None] = {}
    for name in _SIZE_FIELDS:
        values = [getattr(m.event.size, name) for m in members]
        known = [v for v in values if v is not None]
        if not known:
            chosen[name] = None
        elif rule == "max":
            chosen[name] = max(known)
        elif rule == "min":
            chosen[name] = min(known)
        else:
            chosen[name] = statistics.median_low(known)
    return Size(**chosen)


def _cluster_id(members: list[SourcedEvent]) -> str:
    keys = "\n".join(f"{a}\0{e}" for a, e in sorted(m.key for m in members))
    return hashlib.sha1(keys.encode()).hexdigest()[:16]


def _summarise(members: list[SourcedEvent], size_rule: SizeRule) -> EventCluster:
    """One cluster's best-attested values, with every member kept."""
    members = sorted(members, key=lambda m: m.key)
    # members of a merged cluster all have a day; a lone event keeps even a coarse date
    days = [d for d in (_event_date(m) or m.event.date for m in members) if d is not None]
    day = _most_common(days, rank=lambda d: d) if days else None
    places = [m.event.place for m in members if m.event.place is not None]
    by_key = {_place_key(p): p for p in places}
    best_place_key = (_most_common([_place_key(p) for p in places],
                                   rank=lambda k: (_coarse(by_key[k]), str(k)))
                      if places else None)

    def agreement(m: SourcedEvent) -> tuple:
        on_place = m.event.place is not None and _place_key(m.event.place) == best_place_key
        return (not on_place, _event_date(m) != day, -m.event.confidence, m.key)

    representative = min(members, key=agreement)
    place = representative.event.place
    if best_place_key is not None and (place is None or _place_key(place) != best_place_key):
        place = next(p for p in places if _place_key(p) == best_place_key)
    return EventCluster(
        id=_cluster_id(members),
        event=representative.event.event,
        date=day,
        date_first=min(days) if days else None,
        date_last=max(days) if days else None,
        place=place,
        actors=representative.event.actors,
        recipients=representative.event.recipients,
        size=_size(members, size_rule),
        confidence=max(m.event.confidence for m in members),
        representative=representative,
        members=tuple(members),
    )


# --------------------------------------------------------------------------------------------
# the entry point


def _check_options(window_days: int, km: float, size_rule: str) -> None:
    if not isinstance(window_days, int) or window_days < 0:
        raise OptionError("E205", name="window_days", expected="a whole number >= 0",
                          value=window_days)
    if not isinstance(km, int | float) or km < 0 or math.isnan(km):
        raise OptionError("E205", name="km", expected="a distance >= 0", value=km)
    if size_rule not in ("max", "min", "median"):
        raise OptionError("E205", name="size_rule", expected="max, min or median",
                          value=size_rule)


def _as_sourced(item: SourcedEvent | tuple[str, Event]) -> SourcedEvent:
    if isinstance(item, SourcedEvent):
        return item
    article_id, event = item
    return SourcedEvent(article_id, event)


def dedup(events: Iterable[SourcedEvent | tuple[str, Event]], *,
          window_days: int = DEFAULT_WINDOW_DAYS, km: float = DEFAULT_KM, admin1: bool = True,
          size_rule: SizeRule = "max") -> list[EventCluster]:
    """Cluster events reported by many articles into one ``EventCluster`` per real event.

    ``events`` are ``SourcedEvent`` records or ``(article_id, Event)`` pairs (then no publication
    date is known to fall back on). Every input event ends up in exactly one cluster; events that
    cannot be merged (see the module docstring) form clusters of one. Clusters come sorted by
    date (undated last), then id.
    """
    _check_options(window_days, km, size_rule)
    items = [_as_sourced(item) for item in events]
    keys = [item.key for item in items]
    if len(set(keys)) != len(keys):
        repeated = next(k for k, n in Counter(keys).items() if n > 1)
        raise OptionError("E205", name="events", expected="unique (article id, event id) pairs",
                          value=repeated)
    blocks: dict[tuple, list[_Point]] = {}
    groups: list[list[SourcedEvent]] = []
    for item in items:
        point = _point(item)
        if point is None:
            groups.append([item])
        else:
            blocks.setdefault(_block(point), []).append(point)
    for block in blocks.values():
        block.sort(key=lambda p: (p.day, p.item.key))
        groups.extend(_cluster_block(block, window_days, float(km), admin1))
    clusters = [_summarise(group, size_rule) for group in groups]
    clusters.sort(key=lambda c: (c.date is None, c.date or date.min, c.id))
    return clusters


# --------------------------------------------------------------------------------------------
# flat rows, for a store


@dataclass(frozen=True, slots=True)
class ClusterRow:
    """One deduplicated event as a flat row (an ``event_clusters`` table).

    Dyad sides are ``;``-joined ``COUNTRY:SECTOR`` pairs, sorted (``-`` for unknown), so "events
    between Syria's military and rebels" is a string match. ``representative`` is the member's
    ``article_id/event_id`` (the ``uid`` of the store's ``events`` table).
    """

    cluster_id: str
    event: str
    date: date | None
    date_first: date | None
    date_last: date | None
    place: str | None
    geonameid: int | None
    lat: float | None
    lon: float | None
    admin1: str | None
    country: str | None
    actors: str
    recipients: str
    dead: int | None
    injured: int | None
    arrested: int | None
    people: int | None
    confidence: float
    n_articles: int
    n_events: int
    representative: str


@dataclass(frozen=True, slots=True)
class MemberRow:
    """One source of a deduplicated event (a ``cluster_members`` table)."""

    cluster_id: str
    uid: str  # article_id/event_id
    article_id: str
    event_id: str


def _dyad_text(actors: tuple[Actor, ...]) -> str:
    return ";".join(f"{c or '-'}:{s or '-'}" for c, s in _side(actors))


def cluster_rows(clusters: Iterable[EventCluster]) -> tuple[list[ClusterRow], list[MemberRow]]:
    """The clusters as flat rows, one per cluster and one per (cluster, source event)."""
    rows: list[ClusterRow] = []
    members: list[MemberRow] = []
    for c in clusters:
        place = c.place
        best = c.representative
        rows.append(ClusterRow(
            cluster_id=c.id, event=c.event, date=c.date, date_first=c.date_first,
            date_last=c.date_last, place=place.name or place.text if place else None,
            geonameid=place.geonameid if place else None, lat=place.lat if place else None,
            lon=place.lon if place else None, admin1=place.admin1 if place else None,
            country=place.country if place else None, actors=_dyad_text(c.actors),
            recipients=_dyad_text(c.recipients), dead=c.size.dead, injured=c.size.injured,
            arrested=c.size.arrested, people=c.size.people, confidence=c.confidence,
            n_articles=len(c.article_ids), n_events=len(c.members),
            representative=f"{best.article_id}/{best.event.id}"))
        members.extend(MemberRow(c.id, f"{a}/{e}", a, e) for a, e in c.sources)
    return rows, members


@dataclass(frozen=True, slots=True)
class DedupReport:
    """What one deduplication of a store did."""

    events: int  # events considered (every stored event)
    clusters: int  # distinct real-world events
    merged: int  # of those, the ones reported more than once


def dedup_store(store: Any, *, window_days: int = DEFAULT_WINDOW_DAYS, km: float = DEFAULT_KM,
                admin1: bool = True, size_rule: SizeRule = "max") -> DedupReport:
    """Deduplicate every event in ``store`` and replace its stored clusters with the result."""
    clusters = dedup(sourced_events(store.codings()), window_days=window_days, km=km,
                     admin1=admin1, size_rule=size_rule)
    rows, members = cluster_rows(clusters)
    store.write_clusters(rows, members)
    return DedupReport(events=len(members), clusters=len(rows),
                       merged=sum(1 for r in rows if r.n_events > 1))
