"""Quote attribution: precision and recall on our gold set, and a reading sample from Wikinews.

    .venv/bin/python benchmarks/quotes.py [--limit N] [--sample K]

1. ``tests/data/quotes_gold.jsonl``: paragraphs we wrote in wire style, annotated with every
   quotation (text, speaker, kind, affiliation). A predicted quote matches a gold one when their
   word overlap (shared words / words of the longer) reaches the threshold; we print the figures
   at 0.3 and 0.8, the thresholds GenderGapTracker reports for its own quote extractor (printed
   beside ours as a reference point: their figures are on their annotated news corpus, not on
   this set, so they frame ours rather than rank it).
2. ``../shared/eval/gum_wikinews/``: 24 Wikinews articles rebuilt from the CoNLL-U ``# text``
   lines; there is no quote gold, so we count what we find by kind and print a sample to read.

Each text runs through the parse, the actors stage (for coreference) and the quotes stage.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from pathlib import Path

from eventwire import actors, nlp, quotes
from eventwire.records import Article, Found, Quote

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = REPO / "tests" / "data" / "quotes_gold.jsonl"
WIKINEWS = SHARED / "eval" / "gum_wikinews" / "conllu"
GGT_README = SHARED / "eval" / "lexicons" / "gendergaptracker_lexicons" / \
    "nlp_english_evaluation_src_README.md"
_WORDS = re.compile(r"\w+")


def words(text: str | None) -> list[str]:
    return _WORDS.findall((text or "").lower())


def overlap(a: str, b: str) -> float:
    """Shared words over the words of the longer text (multiset)."""
    wa, wb = Counter(words(a)), Counter(words(b))
    longest = max(sum(wa.values()), sum(wb.values()), 1)
    return sum((wa & wb).values()) / longest


def same_speaker(gold: str, quote: Quote) -> bool:
    """The gold name matches the linked actor's name or the speaker words (surname suffices)."""
    target = words(gold)
    if not target:
        return False
    names = [quote.speaker.name if quote.speaker else None, quote.speaker_text]
    for name in names:
        found = words(name)
        if found and (found == target or (target[-1] in found and found[-1] == target[-1])):
            return True
    return False


def code(text: str) -> tuple[Quote, ...]:
    doc = nlp.parse(text)
    article = Article(id="bench", text=text)
    found = Found(actors=actors.extract(doc, article, Found()))
    return quotes.extract(doc, article, found)


def match(gold: list[dict], predicted: tuple[Quote, ...],
          threshold: float) -> list[tuple[dict, Quote]]:
    """Greedy one-to-one matching by word overlap."""
    pairs = sorted(((overlap(g["text"], p.text), gi, pi) for gi, g in enumerate(gold)
                    for pi, p in enumerate(predicted)), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    matched: list[tuple[dict, Quote]] = []
    for score, gi, pi in pairs:
        if score >= threshold and gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            matched.append((gold[gi], predicted[pi]))
    return matched


def prf(hits: int, predicted: int, gold: int) -> str:
    p = hits / predicted if predicted else 0.0
    r = hits / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {100 * p:5.1f}  R {100 * r:5.1f}  F1 {100 * f:5.1f}"


def gold_set(limit: int | None) -> None:
    items = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    items = items[:limit] if limit else items
    started = time.perf_counter()
    results = [(item, code(item["text"])) for item in items]
    seconds = time.perf_counter() - started
    print(f"gold set: {len(items)} paragraphs ({1000 * seconds / len(items):.1f} ms per "
          "paragraph incl. parse and actors)")
    blind = [(item, pred) for item, pred in results if "blind" in item["covers"]]
    score("all", results)
    score("blind (written after the code and never tuned on)", blind)
    print_reference()
    misses(results)


def score(name: str, results: list[tuple[dict, tuple[Quote, ...]]]) -> None:
    """Precision and recall of quote spans, speakers, kinds and affiliations."""
    n_gold = sum(len(item["quotes"]) for item, _ in results)
    n_pred = sum(len(pred) for _, pred in results)
    print(f" {name}: {len(results)} paragraphs, {n_gold} gold quotes, {n_pred} predicted")
    for threshold in (0.3, 0.8):
        pairs = [pair for item, pred in results for pair in match(item["quotes"], pred,
                                                                   threshold)]
        speakers = sum(same_speaker(g["speaker"], p) for g, p in pairs)
        kinds = sum(g["kind"] == p.kind for g, p in pairs)
        with_aff = [(g, p) for g, p in pairs if g["affiliation"]]
        aff_ok = sum(overlap(g["affiliation"], p.affiliation or "") >= 0.5 for g, p in with_aff)
        aff_wrong = sum(1 for g, p in pairs if not g["affiliation"] and p.affiliation)
        print(f"  overlap >= {threshold}: quote span  {prf(len(pairs), n_pred, n_gold)}")
        print(f"  {'':15} speaker     {prf(speakers, n_pred, n_gold)}"
              f"   (speaker right on {speakers}/{len(pairs)} matched quotes)")
        print(f"  {'':15} kind right on {kinds}/{len(pairs)} matched; affiliation right on "
              f"{aff_ok}/{len(with_aff)} gold affiliations, {aff_wrong} given where gold has none")


def misses(results: list[tuple[dict, tuple[Quote, ...]]]) -> None:
    """What we missed, what we added, and wrong speakers, for reading."""
    print("  misses and extras (overlap >= 0.3):")
    for item, pred in results:
        pairs = match(item["quotes"], pred, 0.3)
        for g in item["quotes"]:
            if not any(g is m for m, _ in pairs):
                print(f"    MISS  {item['id']} [{g['kind']}] {g['text'][:70]!r} — {g['speaker']}")
        for p in pred:
            if not any(p is m for _, m in pairs):
                print(f"    EXTRA {item['id']} [{p.kind}] {p.text[:70]!r} — {p.speaker_text}")
        for g, p in pairs:
            if not same_speaker(g["speaker"], p):
                print(f"    SPEAKER {item['id']} gold {g['speaker']!r} got "
                      f"{(p.speaker.name if p.speaker else None)!r} / {p.speaker_text!r}")


def print_reference() -> None:
    """GenderGapTracker's published quote-extraction figures, read from the eval folder."""
    if not GGT_README.exists():
        print("  reference: GenderGapTracker README not found at", GGT_README)
        return
    lines = [line.strip() for line in GGT_README.read_text(encoding="utf-8").splitlines()
             if line.startswith(("Quotes:", "Speaker match:"))]
    print("  reference, GenderGapTracker V7.0 on its own annotated corpus (not this set):")
    for line in lines:
        print("    " + re.sub(r"\s{2,}", "  ", line))


def wikinews_texts() -> list[tuple[str, str]]:
    """(name, text) for each GUM Wikinews article: sentences joined, paragraphs kept."""
    texts = []
    for path in sorted(WIKINEWS.glob("*.conllu")):
        paragraphs: list[list[str]] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# newpar") and not line.startswith("# newpar_block"):
                paragraphs.append([])
            elif line.startswith("# text = "):
                if not paragraphs:
                    paragraphs.append([])
                paragraphs[-1].append(line[len("# text = "):])
        texts.append((path.stem, "\n\n".join(" ".join(p) for p in paragraphs if p)))
    return texts


def wikinews(limit: int | None, sample: int) -> None:
    texts = wikinews_texts()
    texts = texts[:limit] if limit else texts
    kinds: Counter[str] = Counter()
    found: list[tuple[str, Quote]] = []
    started = time.perf_counter()
    for name, text in texts:
        for quote in code(text):
            kinds[quote.kind] += 1
            found.append((name, quote))
    seconds = time.perf_counter() - started
    with_speaker = sum(1 for _, q in found if q.speaker or q.speaker_text)
    print(f"\nWikinews (GUM): {len(texts)} articles, {len(found)} quotes "
          f"({dict(sorted(kinds.items()))}), {with_speaker} with a speaker; "
          f"{seconds / max(len(texts), 1):.2f} s per article incl. parse and actors")
    step = max(len(found) // max(sample, 1), 1)
    for name, quote in found[::step][:sample]:
        speaker = quote.speaker.name if quote.speaker else quote.speaker_text
        print(f"  {name[9:]:<14} {quote.kind:<8} {speaker!s:<28.28} {quote.verb!s:<12.12} "
              f"{quote.text[:90]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N items")
    parser.add_argument("--sample", type=int, default=15, help="Wikinews quotes to print")
    args = parser.parse_args()
    gold_set(args.limit)
    wikinews(args.limit, args.sample)


if __name__ == "__main__":
    main()
