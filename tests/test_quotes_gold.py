"""A quality floor on our quote gold set (tests/data/quotes_gold.jsonl), without the actors stage.

The benchmark (benchmarks/quotes.py) prints the full figures; this test only keeps them from
sliding back. Floors may rise, never fall silently.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from eventwire import nlp
from eventwire.quotes import extract
from eventwire.records import Article, Found, Quote

GOLD = Path(__file__).parent / "data" / "quotes_gold.jsonl"
SPAN_F1_FLOOR = 0.98  # quote spans matched at word overlap >= 0.5
SPEAKER_FLOOR = 0.90  # share of matched quotes whose speaker words match the gold speaker
_WORDS = re.compile(r"\w+")


def _words(text: str | None) -> Counter[str]:
    return Counter(_WORDS.findall((text or "").lower()))


def _overlap(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    return sum((wa & wb).values()) / max(sum(wa.values()), sum(wb.values()), 1)


def _speaker_ok(gold: str, quote: Quote) -> bool:
    target = _WORDS.findall(gold.lower())
    found = _WORDS.findall((quote.speaker_text or "").lower())
    return bool(target and found and target[-1] == found[-1])


def test_gold_set_floors() -> None:
    items = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    assert len(items) >= 40
    docs = nlp.parse_many(item["text"] for item in items)
    hits = speakers = predicted = expected = 0
    for item, doc in zip(items, docs, strict=True):
        quotes = list(extract(doc, Article(id=item["id"], text=item["text"]), Found()))
        predicted += len(quotes)
        expected += len(item["quotes"])
        for gold in item["quotes"]:
            best = max(quotes, key=lambda q: _overlap(gold["text"], q.text), default=None)
            if best is not None and _overlap(gold["text"], best.text) >= 0.5:
                hits += 1
                speakers += _speaker_ok(gold["speaker"], best)
                quotes.remove(best)
    precision, recall = hits / predicted, hits / expected
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= SPAN_F1_FLOOR, (precision, recall)
    assert speakers / hits >= SPEAKER_FLOOR, speakers / hits
