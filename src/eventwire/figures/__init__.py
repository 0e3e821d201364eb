"""The figures stage: every number in the story that counts people or things.

For each number phrase (``_phrase``) we find what it counts and the verb phrase said of the
counted group (``_context``), link the counted noun to an actor of ``found.actors``, and tie a
fraction, a percentage or a "40 of whom" to the figure given earlier that it is a part of
(``basis``), computing the implied number (``derived``): "more than 500 fighters ... Around half
... returned" gives 0.5 of F1, derived 250.

Conventions (see docs/figures-and-quotes.md): ranges and vague plurals keep their bounds in
``low``/``high`` and their lower bound in ``value`` ("dozens of" -> 24, 24..99); money is in the
currency written (``unit`` is the ISO 4217 code); years, dates, clock times and identifiers are
not figures.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from eventwire import actors as actors_stage
from eventwire.figures._context import Counted, counted, governing_verb, predicate, top_token
from eventwire.figures._lexicon import Lexicon, lexicon
from eventwire.figures._phrase import Kind, Phrase, find_phrases
from eventwire.nlp import sentence_starts
from eventwire.records import Actor, Article, Figure, Found, Span
from eventwire.spans import SpanIndex

__all__ = ["extract"]

_SENTENCE_WINDOW = 2  # a fraction may refer to a figure up to two sentences back
_PARTS = frozenset({"fraction", "percent"})


@dataclasses.dataclass(frozen=True, slots=True)
class _Found:
    """A figure being built, with the parse facts the basis step still needs."""

    figure: Figure
    counted: Counted
    sentence: int
    verb: str | None = None  # lemma of the verb the counted group is an argument of


def extract(doc: Doc, article: Article, found: Found) -> tuple[Figure, ...]:
    """Return the figures found in the article, in text order, with ids F1, F2, ..."""
    lex = lexicon()
    phrases = find_phrases(doc, lex)
    if not phrases:
        return ()  # most articles: nothing below needs building
    index = actors_stage.span_index(found.actors)  # the one the actors helper asks too
    starts = sentence_starts(doc)
    built: list[_Found] = []
    for phrase in phrases:
        item = _build(doc, article, phrase, lex, index, found.actors, starts,
                      f"F{len(built) + 1}")
        if item is not None:
            built.append(_with_basis(item, built))
    return tuple(b.figure for b in built)


def _build(doc: Doc, article: Article, phrase: Phrase, lex: Lexicon, index: SpanIndex[Actor],
           actors: Sequence[Actor], starts: list[int], figure_id: str) -> _Found | None:
    """A ``Figure`` for one phrase, or None when the phrase is a date after all. ``starts`` are
    the sentence starts (``nlp.sentence_starts``); ``figure_id`` is the id the figure gets if
    kept (numbering here saves rebuilding the record)."""
    what = counted(doc, phrase, lex)
    kind = _kind(doc, phrase, what, lex)
    if kind is None:
        return None
    end = max(phrase.end, what.end) if (what.head is not None or what.relative) else phrase.end
    start_char = doc[phrase.start].idx
    end_char = doc[end - 1].idx + len(doc[end - 1])
    top = top_token(doc, phrase.start, end)
    figure = Figure(
        id=figure_id,
        text=article.text[start_char:end_char],
        value=_round(phrase.value),
        qualifier=phrase.qualifier,
        low=None if phrase.low is None else _round(phrase.low),
        high=None if phrase.high is None else _round(phrase.high),
        unit=_unit(phrase, what, kind),
        kind=kind,
        actor=_actor(doc, phrase, what, kind, index, actors),
        predicate=predicate(doc, top) if kind not in ("money", "ordinal", "age") else None,
        spans=(Span(start_char, end_char),),
    )
    sentence = bisect.bisect_right(starts, phrase.start) - 1  # the sentence's number
    return _Found(figure, what, sentence, governing_verb(top))


def _kind(doc: Doc, phrase: Phrase, what: Counted, lex: Lexicon) -> Kind | None:
    """The phrase's kind once the counted noun is known; None drops a date ("three days ago",
    a bare number inside a date)."""
    if phrase.kind == "ordinal" and what.head is not None and (
            what.head.pos_ == "PROPN" or what.head.lower_ == "half"):
        return None  # "the 22nd Fan Expo", "501st Legion": a name; "the second half" of a game
    if phrase.kind == "fraction" and what.head is not None \
            and what.head.lower_ in lex.time_units:
        return "other"  # "half an hour"
    if phrase.kind != "count":
        return phrase.kind
    return _count_kind(doc, phrase, what, lex)


def _count_kind(doc: Doc, phrase: Phrase, what: Counted, lex: Lexicon) -> Kind | None:
    """A count, a duration or measure ("other"), or nothing (a day, an identifier, a date)."""
    if what.head is None:
        return None if _names_the_noun_before(doc, phrase) else "count"
    if phrase.end < len(doc) and doc[phrase.end].text == "-":
        return "other"  # "a six-member team", "a 20-minute drive": a modifier, not a count
    noun = what.head.lower_
    if noun in lex.months:
        return None  # "25 and 26 February": days of a month
    if noun in lex.time_units:
        after = doc[what.end].lower_ if what.end < len(doc) else ""
        before = doc[phrase.start - 1].lower_ if phrase.start > 0 else ""
        return None if (after in lex.relative_date or before in lex.relative_date) else "other"
    if noun in lex.measure_units:
        return "other"
    return "count"


def _names_the_noun_before(doc: Doc, phrase: Phrase) -> bool:
    """ "police posts 542 and 543", "Apollo 11": a bare number hanging on the noun before it."""
    token = doc[phrase.num_end - 1]
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    return (token.head.i < token.i and token.head.pos_ in ("NOUN", "PROPN")
            and token.dep_ in ("nummod", "appos", "npadvmod", "compound", "nmod"))


def _unit(phrase: Phrase, what: Counted, kind: Kind) -> str | None:
    """What is counted: the currency for money, "years" for ages, else the counted words."""
    if kind == "money":
        return phrase.money
    if kind == "age":
        return phrase.age_unit or "years"
    return what.unit


def _actor(doc: Doc, phrase: Phrase, what: Counted, kind: Kind, index: SpanIndex[Actor],
           actors: Sequence[Actor]) -> Actor | None:
    """The actor whose mention is the counted noun (or, for an age, the person aged)."""
    tokens: list[Token] = []
    if what.head is not None and kind != "money":
        tokens.append(what.head)
    if kind == "age":
        if phrase.start >= 2 and doc[phrase.start - 1].text == ",":
            tokens.append(doc[phrase.start - 2])
        tokens.append(doc[phrase.start].head)
    for token in tokens:
        if (actor := _actor_for(token, index, actors)) is not None:
            return actor
    return None


def _actor_for(token: Token, index: SpanIndex[Actor], actors: Sequence[Actor]) -> Actor | None:
    """Ask the actors stage's helper when it offers one, else the span index."""
    helper = getattr(actors_stage, "actor_for_token", None)
    if helper is not None and (actor := helper(token, tuple(actors))) is not None:
        return actor
    return index.covering(token.idx, token.idx + len(token))


def _with_basis(item: _Found, earlier: list[_Found]) -> _Found:
    """When the (numbered) figure is a part of an earlier figure, link and derive."""
    figure = item.figure
    if not _is_part(item):
        return item
    base = _basis(item, earlier)
    if base is None:
        return item
    whole = base.figure.derived if base.figure.derived is not None else base.figure.value
    derived = None
    if figure.kind == "fraction":
        derived = _round(figure.value * whole, 6)
    elif figure.kind == "percent":
        derived = _round(figure.value / 100 * whole, 6)
    figure = dataclasses.replace(
        figure, basis=base.figure.id, derived=derived,
        unit=figure.unit if figure.unit else base.figure.unit,
        actor=figure.actor if figure.actor else base.figure.actor)
    return dataclasses.replace(item, figure=figure)


def _is_part(item: _Found) -> bool:
    """Whether the figure is a part of a group counted before: "around half", "half of the
    prisoners", "39 percent of these", "40 of whom" (but "turnout was 58%" is a rate)."""
    what = item.counted
    if item.figure.kind == "fraction":
        return what.head is None or what.relative or what.of_phrase
    if item.figure.kind == "percent":
        return what.relative or what.of_phrase
    return item.figure.kind == "count" and what.relative


def _basis(item: _Found, earlier: list[_Found]) -> _Found | None:
    """The earlier count this one is a part of: the nearest one within the sentence window; for
    "half of the prisoners", the nearest one counting prisoners."""
    parts_allowed = item.figure.kind == "count"  # "40 of whom" after "around half"
    window = _SENTENCE_WINDOW if item.counted.head is not None or item.counted.relative else 1
    candidates = [e for e in reversed(earlier)
                  if item.sentence - e.sentence <= window
                  and (e.figure.kind == "count" or (
                      parts_allowed and e.figure.kind in _PARTS
                      and e.figure.derived is not None))]
    if item.counted.verb is not None:  # "a third of those abducted": who was abducted
        same = [e for e in candidates if e.verb == item.counted.verb]
        return same[0] if same else (candidates[0] if candidates else None)
    if item.counted.head is not None:
        lemma = item.counted.head.lemma_.lower()
        return next((e for e in candidates
                     if e.counted.head is not None and e.counted.head.lemma_.lower() == lemma),
                    None)
    return candidates[0] if candidates else None


def _round(value: float, digits: int = 9) -> float:
    """Round away float noise (0.1 * 3) while keeping real decimals."""
    return round(value, digits)
