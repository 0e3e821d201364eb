"""The events stage on the package's own labelled sentences (``data/events/sentences.tsv``).

The sentences were written by us in the style of wire copy, a spread over the sixteen PLOVER
types; the label is the main event as docs/events.md codes it. The floor below only ever rises
(it is the figure ``benchmarks/events.py --only ours`` prints, rounded down).
"""

from __future__ import annotations

from importlib import resources

from eventwire import nlp
from eventwire.events import extract, primary
from eventwire.events.lexicon import EVENT_TYPES
from eventwire.records import Article, Found

FLOOR = 0.94


def _rows() -> list[list[str]]:
    text = resources.files("eventwire").joinpath("data", "events", "sentences.tsv").read_text(
        "utf-8")
    return [line.split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


def test_the_sentences_cover_every_type_with_three_columns() -> None:
    rows = _rows()
    assert all(len(row) == 3 for row in rows)
    assert {row[0] for row in rows} == set(EVENT_TYPES)
    assert all(row[1] == "" or row[1].islower() for row in rows)


def test_main_event_type_on_our_sentences_stays_above_the_floor() -> None:
    rows = _rows()
    docs = nlp.parse_many([row[2] for row in rows])
    misses = []
    for (kind, _, text), doc in zip(rows, docs, strict=True):
        event = primary(extract(doc, Article(id="s", text=text), Found()), doc)
        if event is None or event.event != kind:
            misses.append(f"{kind} <- {event.event if event else '-'}: {text}")
    accuracy = 1 - len(misses) / len(rows)
    assert accuracy >= FLOOR, "\n".join(misses)
