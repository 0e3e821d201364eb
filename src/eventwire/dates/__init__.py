"""The dates stage: every time expression in an article, resolved against its publication date.

``extract`` finds the phrases with our grammar (one regular-expression scan built from the word
lists in ``data/dates/``), reads the tense of each phrase's clause from the spaCy parse, resolves
it (``resolve``) and hands the spaCy DATE entities the grammar missed to dateparser
(``fallback``). Each phrase becomes a ``DateMention`` (ids "D1", "D2", ... in text order) with its
precision, its period (``value`` .. ``end``), ``relative=True`` when it depends on the
publication date, and its span. ``when`` picks the date of one event (``attach``).

The representation and every rule are documented in ``docs/dates.md``.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from eventwire.dates import fallback
from eventwire.dates.attach import when
from eventwire.dates.grammar import Expression, scan
from eventwire.dates.resolve import Resolution, Tense, resolve
from eventwire.dates.tense import tense_at
from eventwire.records import Article, DateMention, Found, Span

__all__ = ["extract", "when"]

# Kinds whose reading depends on the tense of their clause (the others never do).
_TENSED = frozenset({"date", "ordinal_day", "weekend", "weekday", "month", "period"})


def extract(doc: Doc, article: Article, found: Found) -> tuple[DateMention, ...]:
    """Return the time expressions in the article, resolved against its publication date."""
    parsed = doc.text == article.text
    found_here = list(_grammar_mentions(doc, article, parsed))
    if parsed:
        found_here.extend(_fallback_mentions(doc, article, [(s, e) for s, e, *_ in found_here]))
    found_here.sort(key=lambda item: (item[0], item[1]))
    return tuple(
        DateMention(id=f"D{n}", text=text, value=r.value, end=r.end, precision=r.precision,
                    relative=r.relative, spans=(Span(start, end),))
        for n, (start, end, text, r) in enumerate(found_here, start=1)
    )


def _tense(doc: Doc, e: Expression, parsed: bool) -> Tense:
    if not parsed or e.kind not in _TENSED:
        return "none"
    return tense_at(doc, e.start, e.end)


def _grammar_mentions(doc: Doc, article: Article,
                      parsed: bool) -> Iterator[tuple[int, int, str, Resolution]]:
    """The phrases our grammar finds, resolved; forms that name no real day are dropped."""
    for e in scan(article.text):
        resolution = resolve(e, article.published, _tense(doc, e, parsed))
        if resolution is not None:
            yield e.start, e.end, e.text, resolution


def _fallback_mentions(doc: Doc, article: Article, covered: list[tuple[int, int]]
                       ) -> Iterator[tuple[int, int, str, Resolution]]:
    """spaCy DATE entities the grammar did not touch, read by dateparser when they qualify."""
    for ent in doc.ents:
        if ent.label_ != "DATE" or any(s < ent.end_char and ent.start_char < e
                                       for s, e in covered):
            continue
        if not fallback.candidate(ent.text):
            continue
        tense = tense_at(doc, ent.start_char, ent.end_char)
        resolution = fallback.parse(ent.text, article.published, tense)
        if resolution is not None:
            yield ent.start_char, ent.end_char, ent.text, resolution
