"""The dates stage: every time expression in an article, resolved against its publication date.

``extract`` finds the phrases with our grammar (one regular-expression scan built from the word
lists in ``data/dates/``), reads the tense of each phrase's clause from the spaCy parse, resolves
it (``resolve``) and hands the spaCy DATE entities the grammar missed to dateparser
(``fallback``). The title is scanned too, by the grammar alone (it is not parsed). Each phrase
becomes a ``DateMention`` (ids "D1", "D2", ... the title's first, then the text's in order)
with its precision, its period (``value`` .. ``end``), ``relative=True`` when it depends on the
publication date, and its span (``field="title"`` for the title's). ``when`` picks the date of
one event (``attach``).

The representation and every rule are documented in ``docs/dates.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.tokens import Doc

from eventwire.dates import fallback
from eventwire.dates.attach import when
from eventwire.dates.grammar import Expression, scan
from eventwire.dates.resolve import Resolution, Tense, resolve
from eventwire.dates.tense import tense_at
from eventwire.records import Article, DateMention, Found, Span

__all__ = ["extract", "when"]

# Kinds whose reading depends on the tense of their clause (the others never do).
_TENSED = frozenset({"date", "ordinal_day", "weekend", "weekday", "month", "period", "holiday",
                     "numeric_md", "range", "week_no"})


def _needs_tense(e: Expression) -> bool:
    """Whether the reading of ``e`` depends on the tense of its clause."""
    return e.kind in _TENSED or e.modifier == "in"

# Entity labels of spaCy's NER that never hold a date of ours: a phrase inside a longer one of
# these is part of a name ("May 18 Square", "the March 4 Life rally", "Corona del Mar").
_NAME_LABELS = frozenset({"FAC", "ORG", "GPE", "LOC", "EVENT", "WORK_OF_ART", "PERSON", "LAW",
                          "PRODUCT", "NORP"})
# A bare year that spaCy reads as one of these counts something ("around 2000 people").
_COUNT_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
_IOB_INSIDE, _IOB_BEGIN = 1, 3  # spaCy's ENT_IOB codes: 1 inside, 2 outside, 3 begin
_ASCII_LOWER = re.compile("[a-z]")  # what ``str.islower`` accepts among ASCII characters
# Day words that, right after an explicit date, only say when in that day ("On 5 May, overnight").
_TIME_OF_DAY = frozenset({"overnight", "tonight", "this morning", "this afternoon",
                          "this evening", "last night"})


# Whether dateparser has read its language data in this process (``_prepare``).
_PREPARED: list[bool] = []
# Phrases that take dateparser through its relative and its absolute readings once.
_PREPARE_WITH = ("1 month and 21 days ago", "March 3rd, 2021")


def _prepare() -> None:
    """Have dateparser load its language data (about 0.17 s of CPU, once per process) when the
    stage is first used, so the first article that needs dateparser does not pay for it in the
    middle of a run (a benchmark's warm-up, or a user's first article, pays instead). Only
    dateparser's own caches are filled; every later reading is the same."""
    if not _PREPARED:
        _PREPARED.append(True)
        for text in _PREPARE_WITH:
            fallback.parse(text, date(2020, 1, 1), "past")


def extract(doc: Doc, article: Article, found: Found) -> tuple[DateMention, ...]:
    """Return the time expressions in the article's title and text, resolved against its
    publication date (the title's first, with spans into the title)."""
    _prepare()
    parsed = _parse_of(doc, article.text)
    found_here = list(_grammar_mentions(doc, article.text, article.published, parsed))
    if parsed:
        found_here.extend(_fallback_mentions(doc, article, [(s, e) for s, e, *_ in found_here]))
    found_here.sort(key=lambda item: (item[0], item[1]))
    in_title = list(_grammar_mentions(doc, article.title or "", article.published, False))
    located = [(item, "title") for item in in_title] + [(item, "text") for item in found_here]
    return tuple(
        DateMention(id=f"D{n}", text=text, value=r.value, end=r.end, precision=r.precision,
                    relative=r.relative, spans=(Span(start, end, field),))
        for n, ((start, end, text, r), field) in enumerate(located, start=1)
    )


def _parse_of(doc: Doc, text: str) -> bool:
    """Whether ``doc`` is the parse of ``text`` (cheaply: same length, same ends; building
    ``doc.text`` would cost more than the whole stage)."""
    if len(doc) == 0:
        return not text
    last = doc[-1]
    return (last.idx + len(last.text_with_ws) == len(text) and text.startswith(doc[0].text)
            and text.endswith(last.text, 0, last.idx + len(last.text)))


def _tense(doc: Doc, e: Expression, parsed: bool) -> Tense:
    if not parsed or not _needs_tense(e):
        return "none"
    return tense_at(doc, e.start, e.end)


def _grammar_mentions(doc: Doc, text: str, published: date | None,
                      parsed: bool) -> Iterator[tuple[int, int, str, Resolution]]:
    """The phrases our grammar finds in ``text``, resolved; forms that name no real day are
    dropped. ``parsed``: whether ``doc`` is the parse of ``text`` (the title has none, so its
    phrases are judged by their form alone, and read with an unmarked tense)."""
    previous: Expression | None = None
    for e in scan(text):
        if parsed and not _shouted(text, e) and (
                _inside_name(doc, e) or _counted_year(doc, e)):
            continue
        if _qualifies_previous(e, previous, text):
            continue
        tense = _tense(doc, e, parsed)
        if e.modifier == "in" and tense != "future":
            continue  # "killed 50 people in ten days" is a duration, not a date
        resolution = resolve(e, published, tense)
        if resolution is not None:
            previous = e
            yield e.start, e.end, e.text, resolution


def _shouted(text: str, e: Expression) -> bool:
    """Whether the phrase sits in upper-case text (old wire copy, headlines), where spaCy's
    entities and sentence breaks are unreliable and must not veto a date."""
    around = text[max(0, e.start - 60):e.end + 60]
    if around.isascii():  # the usual case: one scan in C instead of a test per character
        return _ASCII_LOWER.search(around) is None
    return not any(c.islower() for c in around)


def _inside_name(doc: Doc, e: Expression) -> bool:
    """Whether the phrase is part of a longer named entity that is not a date, or runs across a
    sentence boundary ("Corona del Mar. 1 fatality")."""
    span = doc.char_span(e.start, e.end, alignment_mode="expand")
    if span is None:
        return False
    if doc.has_annotation("SENT_START") and any(t.is_sent_start for t in span[1:]):
        return True
    for token in span:
        if token.ent_type_ in _NAME_LABELS:
            first, last = _entity_extent(doc, token.i)
            if doc[first].idx < e.start or doc[last].idx + len(doc[last]) > e.end:
                return True
    return False


def _entity_extent(doc: Doc, i: int) -> tuple[int, int]:
    """The first and last token of the named entity holding token ``i``."""
    first = i
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    last = i
    while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
        last += 1
    return first, last


def _date_entities(doc: Doc) -> Iterator[tuple[int, int]]:
    """Token ranges of spaCy's DATE entities, read from the entity arrays (no Span per entity)."""
    if len(doc) == 0 or not doc.has_annotation("ENT_IOB"):
        return
    table = doc.to_array([ENT_IOB, ENT_TYPE])
    begins = ((table[:, 0] == _IOB_BEGIN)
              & (table[:, 1] == doc.vocab.strings["DATE"])).nonzero()[0]
    for first in begins.tolist():
        last = first + 1
        while last < len(doc) and table[last, 0] == _IOB_INSIDE:
            last += 1
        yield first, last


def _counted_year(doc: Doc, e: Expression) -> bool:
    """Whether a bare year is really a count ("around 2000 people", "of 1500 troops"); a range
    with such an end counts too ("between 1900 and 2000 troops")."""
    if e.pair is not None:
        return any(_counted_year(doc, end) for end in e.pair)
    if e.kind != "year" or e.modifier is not None:
        return False
    span = doc.char_span(e.start, e.end, alignment_mode="expand")
    if span is None:
        return False
    token = span[-1]
    return token.ent_type_ in _COUNT_LABELS or token.dep_ == "nummod"


def _qualifies_previous(e: Expression, previous: Expression | None, text: str) -> bool:
    """"On 5 May 2022, overnight, ...": a time of day right after a date belongs to it."""
    if previous is None or e.kind != "relative_day" or e.modifier not in _TIME_OF_DAY:
        return False
    return previous.kind in ("date", "iso", "numeric", "numeric_md", "weekday", "ordinal_day",
                             "holiday", "range") and not \
        text[previous.end:e.start].strip(" ,\t")


def _fallback_mentions(doc: Doc, article: Article, covered: list[tuple[int, int]]
                       ) -> Iterator[tuple[int, int, str, Resolution]]:
    """spaCy DATE entities the grammar did not touch, read by dateparser when they qualify."""
    for first, last in _date_entities(doc):
        ent = doc[first:last]
        if any(s < ent.end_char and ent.start_char < e for s, e in covered):
            continue
        if not fallback.candidate(ent.text) or next(scan(ent.text), None) is not None:
            continue  # the grammar reads this form, and has judged it in context
        tense = tense_at(doc, ent.start_char, ent.end_char)
        resolution = fallback.parse(ent.text, article.published, tense)
        if resolution is not None:
            yield ent.start_char, ent.end_char, ent.text, resolution
