"""Benchmark the actors stage: PLOVER actor coding, entity coverage on GUM, and speed.

Run: ``.venv/bin/python benchmarks/actors.py [--limit N]`` (N sentences / N GUM documents).

- PLOVER gold (``../shared/plover/PLOVER_GSR_CAMEO.json``, 322 sentences): every gold source and
  target actor is located in its sentence by its ``actorText`` (pieces around "..." located in
  order) and matched to the one of OUR actors in that sentence (compound members included) whose
  spans overlap that text most (ties: the tighter actor). No match = a miss. We then compare the
  country and the sector. The events stage is written in parallel, so actor-vs-recipient roles
  are not checked here: this scores actor recognition and coding only.
  Normalisation, because the gold file was coded with PLOVER 0.5b1 and CAMEO habits: legacy codes
  JAP/ITL/VTN are JPN/ITA/VNM; our UNO and EUR count as the gold's IGO (0.5b1 had no UNO/EUR);
  a gold sector is its first three letters (ethnic/religious suffixes such as "CVLalb" are
  tertiary codes we do not produce), "CIV" is CVL, "MOS" (CAMEO Muslim) is REL; a gold sector of
  "***" (coder unsure) is left out of the sector and both-right figures. A gold actor with no
  sector (a bare country name) is right only if we give no sector either.
- GUM Wikinews (``../shared/eval/gum_wikinews/coref_tsv``): recall of the gold person,
  organisation and place mentions (pronouns and noun phrases included) that one of our actors'
  spans overlaps.
- Speed: actor extraction time beside spaCy's parse time for the same texts, in this run. The
  one-time loads (spaCy model, our lexicons, opening the places gazetteer the actors stage
  consults for sub-national places) happen before the clock starts.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire import actors, nlp
from eventwire.records import Actor, Article, Found

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = SHARED / "plover" / "PLOVER_GSR_CAMEO.json"
GUM = SHARED / "eval" / "gum_wikinews" / "coref_tsv"
ANCHORS = {"GDELT published actor accuracy": 79.0, "eventwire target": 85.0}
LEGACY = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
SECTOR_FIX = {"CIV": "CVL", "MOS": "REL"}


@dataclass(frozen=True, slots=True)
class Gold:
    sentence: int
    text: str
    start: int
    end: int
    country: str
    sector: str | None  # None = no sector; "***" = not scored
    first_end: int  # end of the first piece of "X ... Y" texts


@dataclass(slots=True)
class Tally:
    gold: int = 0
    located: int = 0
    matched: int = 0
    country_given: int = 0
    country_right: int = 0
    sector_scored: int = 0
    sector_matched: int = 0
    sector_right: int = 0
    both_scored: int = 0
    both_right: int = 0


def _locate(sentence: str, actor_text: str) -> tuple[int, int, int] | None:
    pieces = [p.strip() for p in re.split(r"\.\.\.?|…", actor_text) if p.strip()]
    if not pieces:
        return None
    low = sentence.lower()
    start = end = first_end = -1
    cursor = 0
    for piece in pieces:
        at = sentence.find(piece, cursor)
        if at < 0:
            at = low.find(piece.lower(), cursor)
        if at < 0:
            return None
        start = at if start < 0 else start
        end = at + len(piece)
        first_end = end if first_end < 0 else first_end
        cursor = end
    return start, end, first_end


def gold_items(limit: int | None) -> tuple[list[str], list[Gold], int]:
    """The gold sentences and their located actors (and how many could not be located)."""
    records = [r for r in json.loads(GOLD.read_text(encoding="utf-8")) if r.get("text")]
    if limit:
        records = records[:limit]
    sentences: list[str] = []
    items: list[Gold] = []
    unlocated = 0
    for record in records:
        index = len(sentences)
        sentences.append(record["text"])
        for role in ("source", "target"):
            value = record.get(role)
            if not isinstance(value, list):
                continue
            for actor in value:
                where = _locate(record["text"], actor["actorText"])
                if where is None:
                    unlocated += 1
                    continue
                code = LEGACY.get(actor["code"], actor["code"])
                sector = actor.get("sector")
                if sector and sector != "***":
                    sector = SECTOR_FIX.get(sector[:3].upper(), sector[:3].upper())
                start, end, first_end = where
                items.append(Gold(index, actor["actorText"], start, end, code, sector or None,
                                  first_end))
    return sentences, items, unlocated


def _flatten(found: tuple[Actor, ...]) -> Iterator[Actor]:
    for actor in found:
        yield actor
        yield from _flatten(actor.members)


def _best(gold: Gold, found: tuple[Actor, ...] | list[Actor]) -> Actor | None:
    """Our actor overlapping the gold text most; inside a compound, the best member.

    PLOVER gold lists a compound's members one by one ("U.S. ... negotiators" and "Russian
    negotiators"), so a compound that wins is replaced by its best-overlapping member.
    """
    best: tuple[int, int, Actor] | None = None
    for actor in _flatten(tuple(found)):
        for span in actor.spans:
            overlap = min(span.end, gold.end) - max(span.start, gold.start)
            if overlap <= 0:
                continue
            rank = (overlap, -(span.end - span.start))
            if best is None or rank > best[:2]:
                best = (*rank, actor)
    if best is None:
        return None
    winner = best[2]
    if winner.members:
        first = Gold(gold.sentence, gold.text, gold.start, gold.first_end, gold.country,
                     gold.sector, gold.first_end)
        member = _best(first, winner.members)
        return member or winner
    return winner


def _country_right(ours: str | None, gold: str) -> bool:
    if ours == gold:
        return True
    return gold == "IGO" and ours in {"UNO", "EUR"}


def score_plover(limit: int | None) -> tuple[list[str], float]:
    sentences, items, unlocated = gold_items(limit)
    docs = list(nlp.parse_many(sentences))
    articles = [Article(id=str(i), text=text) for i, text in enumerate(sentences)]
    started = time.perf_counter()
    coded = [actors.extract(doc, article, Found()) for doc, article in zip(docs, articles,
                                                                            strict=True)]
    spent = time.perf_counter() - started
    tally = Tally(gold=len(items) + unlocated, located=len(items))
    country_errors: Counter[tuple[str, str]] = Counter()
    sector_errors: Counter[tuple[str, str]] = Counter()
    misses: Counter[str] = Counter()
    for item in items:
        ours = _best(item, coded[item.sentence])
        if ours is None:
            misses[item.text] += 1
            continue
        tally.matched += 1
        tally.country_given += ours.country is not None
        country_ok = _country_right(ours.country, item.country)
        tally.country_right += country_ok
        if not country_ok:
            country_errors[(item.country, str(ours.country))] += 1
        if item.sector == "***":
            continue
        tally.sector_matched += 1
        sector_ok = ours.sector == item.sector
        tally.sector_right += sector_ok
        tally.both_right += country_ok and sector_ok
        if not sector_ok:
            sector_errors[(str(item.sector), str(ours.sector))] += 1
    scored = [i for i in items if i.sector != "***"]
    tally.sector_scored = len(scored) + unlocated
    tally.both_scored = tally.sector_scored
    _report_plover(tally, unlocated, country_errors, sector_errors, misses)
    return sentences, spent


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "  n/a"


def _report_plover(t: Tally, unlocated: int, country_errors: Counter, sector_errors: Counter,
                   misses: Counter) -> None:
    print("== PLOVER gold actors (country + sector) ==")
    print(f"gold actors {t.gold} (located in text {t.located}, not locatable {unlocated}); "
          f"matched to one of ours {t.matched} ({_pct(t.matched, t.gold)})")
    print(f"country  precision {_pct(t.country_right, t.matched)}  "
          f"recall {_pct(t.country_right, t.gold)}   (we gave a country for {t.country_given})")
    print(f"sector   precision {_pct(t.sector_right, t.sector_matched)}  "
          f"recall {_pct(t.sector_right, t.sector_scored)}   (gold '***' sectors left out)")
    both = 100 * t.both_right / t.both_scored if t.both_scored else 0.0
    print(f"country AND sector right: {both:5.1f}% of {t.both_scored} gold actors (all but "
          f"the '***' ones; unlocatable and unmatched count as wrong)")
    print("anchors: " + "   ".join(
        f"{name}: {value:.0f}%" for name, value in ANCHORS.items()))
    print("country confusions (gold -> ours):",
          ", ".join(f"{g}->{o} x{n}" for (g, o), n in country_errors.most_common(12)))
    print("sector confusions (gold -> ours):",
          ", ".join(f"{g}->{o} x{n}" for (g, o), n in sector_errors.most_common(12)))
    print("unmatched gold actor texts:", "; ".join(t for t, _ in misses.most_common(15)))


# -- GUM ----------------------------------------------------------------------------------------

_TYPES = ("person", "organization", "place")


def gum_documents(limit: int | None) -> Iterator[tuple[str, list[tuple[str, int, int]]]]:
    """Each GUM document as text plus its gold (type, start, end) mentions of the three types."""
    files = sorted(GUM.glob("*.tsv"))
    if limit:
        files = files[:limit]
    for path in files:
        chars: dict[int, str] = {}
        spans: dict[str, list[int]] = {}
        types: dict[str, str] = {}
        size = 0
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            start, end = (int(x) for x in cols[1].split("-"))
            for offset, char in enumerate(cols[2]):
                chars[start + offset] = char
            size = max(size, end)
            for n, label in enumerate(cols[3].split("|")):
                if label == "_":
                    continue
                kind, _, ident = label.partition("[")
                key = ident.rstrip("]") or f"{cols[0]}#{n}"
                types[key] = kind
                low, high = spans.setdefault(key, [start, end])
                spans[key] = [min(low, start), max(high, end)]
        text = "".join(chars.get(i, " ") for i in range(size))
        gold = [(types[k], s, e) for k, (s, e) in spans.items() if types[k] in _TYPES]
        yield text, gold


def score_gum(limit: int | None) -> tuple[list[str], float]:
    texts: list[str] = []
    golds: list[list[tuple[str, int, int]]] = []
    for text, gold in gum_documents(limit):
        texts.append(text)
        golds.append(gold)
    docs = list(nlp.parse_many(texts))
    articles = [Article(id=str(i), text=text) for i, text in enumerate(texts)]
    started = time.perf_counter()
    coded = [actors.extract(doc, article, Found()) for doc, article in zip(docs, articles,
                                                                            strict=True)]
    spent = time.perf_counter() - started
    hit: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for found, gold in zip(coded, golds, strict=True):
        spans = sorted((s.start, s.end) for a in _flatten(found) for s in a.spans)
        for kind, start, end in gold:
            total[kind] += 1
            hit[kind] += any(s < end and e > start for s, e in spans)
    print("== GUM Wikinews: gold mentions our actors cover ==")
    print(f"{len(texts)} documents; " + "; ".join(
        f"{kind} {_pct(hit[kind], total[kind])} of {total[kind]}" for kind in _TYPES))
    print("(places are mostly the places stage's job: actors cover a place only when it acts, "
          "e.g. a capital standing for its government)")
    return texts, spent


def speed(texts: list[str], actor_seconds: float) -> None:
    started = time.perf_counter()
    for _doc in nlp.parse_many(texts):
        pass
    parse_seconds = time.perf_counter() - started
    print("== speed ==")
    added = _pct(int(actor_seconds * 1e6), int(parse_seconds * 1e6))
    print(f"spaCy parse {parse_seconds:.2f}s, actor extraction {actor_seconds:.2f}s for "
          f"{len(texts)} texts: actors add {added} to the parse (target <= 5%)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="sentences / GUM documents")
    args = parser.parse_args()
    nlp.load()
    from eventwire.actors import lexicon
    from eventwire.places import Gazetteer

    lexicon.load()
    Gazetteer.default()  # opened once per process (the places stage opens it anyway)
    sentences, plover_seconds = score_plover(args.limit)
    texts, gum_seconds = score_gum(args.limit)
    speed(sentences + texts, plover_seconds + gum_seconds)


if __name__ == "__main__":
    main()
