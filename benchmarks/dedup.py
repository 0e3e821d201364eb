"""How cross-article deduplication does: false merges on ACLED, recall on made-up second reports,
and what it finds in the Wikipedia current-events corpus.

    .venv/bin/python benchmarks/dedup.py                  # ACLED + 2,000 portal items
    .venv/bin/python benchmarks/dedup.py --limit 300      # a quick look while developing

1. **ACLED false merges.** ACLED codes one event per actors, type, location and day and removes
   duplicate reports itself, so its events are distinct by construction: every merge of two ACLED
   events is a false merge. Each event of ``acled/acled_2022_dev.csv`` becomes an ``Event`` the way
   eventwire would code it (ACLED type mapped to PLOVER, actors to (country, sector) by ACLED's
   inter codes, ACLED's location and admin1, day precision, fatalities as dead), and its note is
   its own "article". We report the share of events merged into another event for several
   settings. Caveat: the dev file is a sample of 3,024 events spread over the world and the year,
   far sparser than a full ACLED region, so these rates are lower bounds for dense conflicts.
2. **Recall on second reports.** For each ACLED event we make a second report of it the way a
   second outlet often differs: the day off by up to one, the place either the same location
   moved up to 15 km or only the province (the admin1's centre in the sample), and another death
   toll. Recall is the share of (event, second report) pairs that end up in one cluster; false
   merges are clusters holding more than one ACLED event. These perturbations are ours, chosen to
   mimic real ones: the figure shows what each setting trades, not a measured accuracy on news.
3. **Wikipedia current-events portal.** The portal's items (one per world event, dated by the
   portal page) are coded with eventwire and deduplicated: how many events, how many clusters,
   and a sample of the clusters that merged several items, printed for inspection. The portal's
   editors list each event once per day, so a merge there is either an event followed on the
   next day (a rising toll) or a false merge — read the sample.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import pycountry

from eventwire.dedup import DEFAULT_KM, DEFAULT_WINDOW_DAYS, EventCluster, SourcedEvent, dedup
from eventwire.records import Actor, Event, Place, Size

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import wcep_items  # the portal reader is shared with throughput

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
ACLED = EVAL / "acled" / "acled_2022_dev.csv"

ACLED_TO_PLOVER = {
    "Battles": "ASSAULT",  # PLOVER 0.5b1's FIGHT is our ASSAULT
    "Explosions/Remote violence": "ASSAULT",
    "Violence against civilians": "ASSAULT",
    "Protests": "PROTEST",
    "Riots": "PROTEST",
}
STRATEGIC_TO_PLOVER = {
    "Arrests": "COERCE",
    "Looting/property destruction": "ASSAULT",
    "Disrupted weapons use": "COERCE",
    "Non-violent transfer of territory": "RETREAT",
    "Agreement": "AGREE",
}
INTER_TO_SECTOR = {"1": "MIL", "2": "REB", "3": "UAF", "4": "UAF", "5": "CVL", "6": "CVL",
                   "7": "CVL", "8": "MIL"}
SETTINGS = [
    ("default: <= 50 km (or in a vague admin1), +-2 days", {}),
    ("distance only: <= 50 km, +-2 days", {"admin1": False}),
    ("tight: <= 10 km, +-1 day", {"admin1": False, "km": 10.0, "window_days": 1}),
    ("same day: <= 50 km (or in a vague admin1)", {"window_days": 0}),
    ("loose: <= 100 km (or in a vague admin1), +-3 days", {"km": 100.0, "window_days": 3}),
]


# --------------------------------------------------------------------------------------------
# ACLED as eventwire would code it


def _iso3(name: str) -> str | None:
    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        return None


def _actor(name: str, inter: str, country: str | None, ident: str) -> tuple[Actor, ...]:
    """One ACLED actor as (country, sector): its own country when it names one, else the event's."""
    if not name:
        return ()
    code = inter.split(".")[0]
    sector = INTER_TO_SECTOR.get(code)
    if code == "1" and "Police" in name:
        sector = "COP"
    own = re.search(r"\(([^()0-9]+)\)\s*$", name) or re.search(r" of ([A-Z][\w ]+?)(?: \(|$)",
                                                                 name)
    named = _iso3(own.group(1).strip()) if own else None
    return (Actor(id=ident, text=name, name=name, kind="group", country=named or country,
                  sector=sector),)


def acled_events(path: Path = ACLED) -> list[SourcedEvent]:
    """Every ACLED event as a ``SourcedEvent`` whose article is the event's own note."""
    events = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            kind = (STRATEGIC_TO_PLOVER.get(row["sub_event_type"], "OTHER")
                    if row["event_type"] == "Strategic developments"
                    else ACLED_TO_PLOVER[row["event_type"]])
            country = _iso3(row["country"])
            # geo_precision 3: ACLED knows only the province, and puts the point at its centre
            coarse = row["geo_precision"].startswith("3")
            place = Place(id="P1", text=row["location"], name=row["location"],
                          feature_code="ADM1" if coarse else "PPL",
                          lat=float(row["latitude"]), lon=float(row["longitude"]),
                          admin1=row["admin1"] or None, admin1_code=row["admin1"] or None,
                          country=country)
            day = date.fromisoformat(row["event_date"])
            event = Event(id="E1", event=kind, trigger=row["sub_event_type"],
                          actors=_actor(row["actor1"], row["inter1"], country, "A1"),
                          recipients=_actor(row["actor2"], row["inter2"], country, "A2"),
                          place=place, date=day, date_precision="day",
                          size=Size(dead=int(float(row["fatalities"] or 0))), confidence=1.0)
            events.append(SourcedEvent(row["event_id_cnty"], event, day))
    return events


def merged_share(clusters: list[EventCluster]) -> tuple[int, int]:
    """(events merged into another event, clusters holding more than one event)."""
    merged = sum(len(c.members) - 1 for c in clusters)
    return merged, sum(len(c.members) > 1 for c in clusters)


def false_merges(events: list[SourcedEvent]) -> list[str]:
    lines = [f"ACLED false merges: {len(events)} distinct events (any merge is a false one)"]
    for label, options in SETTINGS:
        started = time.perf_counter()
        clusters = dedup(events, **options)
        seconds = time.perf_counter() - started
        merged, groups = merged_share(clusters)
        lines.append(f"  {label:<52} {merged:>4} events merged into {groups:>3} clusters = "
                     f"{merged / len(events):6.2%} false-merge rate ({seconds:.2f} s)")
    clusters = dedup(events)
    by_type = Counter(c.event for c in clusters for _ in c.members[1:])
    totals = Counter(e.event.event for e in events)
    lines.append("  default, by type: " + ", ".join(
        f"{kind} {by_type[kind]}/{totals[kind]}" for kind, _ in totals.most_common()))
    return lines


# --------------------------------------------------------------------------------------------
# made-up second reports


def _centres(events: list[SourcedEvent]) -> dict[tuple, tuple[float, float]]:
    """The mean point of the sample's events in each (country, admin1): a province's 'centre'."""
    points: dict[tuple, list[tuple[float, float]]] = defaultdict(list)
    for item in events:
        place = item.event.place
        if place is not None and place.lat is not None and place.lon is not None:
            points[(place.country, place.admin1_code)].append((place.lat, place.lon))
    return {k: (sum(p[0] for p in v) / len(v), sum(p[1] for p in v) / len(v))
            for k, v in points.items()}


def second_report(item: SourcedEvent, rng: random.Random,
                  centres: dict[tuple, tuple[float, float]]) -> SourcedEvent:
    """Another outlet's report of the same event: day, place and toll a little different."""
    event = item.event
    place = event.place
    assert place is not None and place.lat is not None and place.lon is not None
    if rng.random() < 0.5:  # the same location, geocoded up to 15 km away
        km = rng.uniform(0, 15)
        bearing = rng.uniform(0, 360)
        lat = place.lat + km / 111.2 * _cos(bearing)
        lon = place.lon + km / (111.2 * max(0.05, _cos(place.lat))) * _sin(bearing)
        moved = replace(place, lat=lat, lon=lon, name=f"{place.name} (nearby)")
    else:  # only the province is named
        lat, lon = centres[(place.country, place.admin1_code)]
        moved = replace(place, lat=lat, lon=lon, name=place.admin1, text=place.admin1 or "",
                        feature_code="ADM1")
    dead = event.size.dead
    toll = None if dead is None else max(0, dead + rng.choice((-1, 0, 0, 1, 2)))
    day = (event.date or date.min) + timedelta(days=rng.choice((-1, 0, 0, 1)))
    copy = replace(event, place=moved, date=day, size=Size(dead=toll), confidence=0.8)
    return SourcedEvent(f"{item.article_id}-second", copy, day)


def _cos(degrees: float) -> float:
    import math

    return math.cos(math.radians(degrees))


def _sin(degrees: float) -> float:
    import math

    return math.sin(math.radians(degrees))


def recall(events: list[SourcedEvent], seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    centres = _centres(events)
    seconds = [second_report(e, rng, centres) for e in events]
    lines = [f"Second reports (made up: day +-1, place moved <= 15 km or only the province, "
             f"toll changed): {len(events)} pairs"]
    for label, options in SETTINGS:
        clusters = dedup([*events, *seconds], **options)
        home = {m.article_id: c.id for c in clusters for m in c.members}
        found = sum(home[e.article_id] == home[s.article_id] for e, s in zip(events, seconds,
                                                                               strict=True))
        mixed = sum(len({m.article_id.removesuffix("-second") for m in c.members}) > 1
                    for c in clusters)
        lines.append(f"  {label:<52} recall {found / len(events):6.2%}   clusters mixing "
                     f"distinct ACLED events: {mixed}")
    return lines


# --------------------------------------------------------------------------------------------
# the Wikipedia current-events portal


@dataclass(frozen=True, slots=True)
class Portal:
    """The portal items coded, and their clusters."""

    items: int
    events: list[SourcedEvent]
    texts: dict[str, str]
    clusters: list[EventCluster]
    seconds: float


def portal(limit: int) -> Portal:
    from eventwire.pipeline import code_many
    from eventwire.records import Article

    records = list(wcep_items())[:limit]
    articles = [Article(id=r["id"], text=r["text"], source=r["source"],
                        published=date.fromisoformat(r["published"])) for r in records]
    started = time.perf_counter()
    events = [SourcedEvent(c.article.id, e, c.article.published)
              for c in code_many(articles) for e in c.events]
    seconds = time.perf_counter() - started
    return Portal(len(records), events, {r["id"]: r["text"] for r in records},
                  dedup(events), seconds)


def portal_report(found: Portal, samples: int) -> list[str]:
    multi = [c for c in found.clusters if len(c.article_ids) > 1]
    placed = sum(e.event.place is not None and e.event.place.lat is not None
                 for e in found.events)
    kinds = Counter(e.event.event for e in found.events)
    lines = [f"Wikipedia current-events portal: {found.items} items coded in "
             f"{found.seconds:.0f} s -> {len(found.events)} events ({placed} geocoded), "
             f"{len(found.clusters)} clusters, {len(multi)} of them joining several items "
             f"({sum(len(c.article_ids) for c in multi)} items)",
             "  event types: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common(8))]
    for cluster in sorted(multi, key=lambda c: (-len(c.article_ids), c.id))[:samples]:
        place = cluster.place.name if cluster.place else "?"
        lines.append(f"  - {cluster.event} at {place} on {cluster.date} "
                     f"(dead {cluster.size.dead}), {len(cluster.article_ids)} items:")
        for article_id in cluster.article_ids[:4]:
            lines.append(f"      {article_id}: {found.texts[article_id][:140]}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=2000, help="portal items to code")
    parser.add_argument("--samples", type=int, default=6, help="merged clusters to print")
    args = parser.parse_args()
    print(f"dedup defaults: window +-{DEFAULT_WINDOW_DAYS} days, {DEFAULT_KM:.0f} km (or the "
          f"admin1 of a place known only to its admin1); complete link")
    events = acled_events()
    print("\n".join(false_merges(events)))
    print("\n".join(recall(events)))
    print("\n".join(portal_report(portal(args.limit), args.samples)))


if __name__ == "__main__":
    main()
