"""The events stage: PLOVER events (type, mode, context, actors, recipients, size, flags, CAMEO).

``extract(doc, article, found)`` codes every sentence of a parsed article: triggers from our own
lexicon (``eventwire/data/events/``), arguments from the dependency parse, actors resolved to the
records of the actors stage (``found.actors``, coreference included), place and date from the
places and dates stages. ``primary`` picks the main event of a sentence. The coding rules are
written down in ``docs/events.md``.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from eventwire import actors as actors_stage
from eventwire.events.coder import ActorLookup, code_sentence
from eventwire.events.lexicon import load
from eventwire.events.size import carry
from eventwire.events.words import Words
from eventwire.nlp import forget_columns, sentences
from eventwire.records import Actor, Article, Event, Found

__all__ = ["extract", "primary"]


def _lookup(found_actors: tuple[Actor, ...]) -> ActorLookup:
    """Which actors a word names. The answer depends on the word alone, and the roles and
    fallbacks of a sentence's events ask about the same words again and again, so each word's
    answer is kept for the article."""
    known: dict[int, list[Actor]] = {}

    def lookup(token: Token) -> list[Actor]:
        answer = known.get(token.i)
        if answer is None:
            answer = known[token.i] = _actors_of(token, found_actors)
        return list(answer)  # a copy: callers may extend what they get

    return ActorLookup(lookup)


def _actors_of(token: Token, found_actors: tuple[Actor, ...]) -> list[Actor]:
    """The actor covering the word or its noun-phrase head, else those its modifiers name
    ("Hungarian and Romanian officials" -> both countries)."""
    actor = actors_stage.actor_for_token(token, found_actors)
    if actor is not None:
        return [actor]
    index = actors_stage.span_index(found_actors)
    out: list[Actor] = []
    for child in token.lefts:
        if child.dep_ in ("amod", "compound", "nmod", "poss"):
            for word in (child, *child.conjuncts):
                hit = index.covering(word.idx, word.idx + len(word.text))
                if hit is not None and hit not in out:
                    out.append(hit)
    return out


def extract(doc: Doc, article: Article, found: Found) -> tuple[Event, ...]:
    """Every event reported in the article, in text order, with ids E1, E2, ..."""
    lex = load()
    lookup = _lookup(found.actors)
    words = Words(doc)  # every word's lemma, tag and label, read once for the document
    events: list[Event] = []
    sents = sentences(doc)
    words.close([(s.start, s.end) for s in sents])
    for sent in sents:
        events.extend(code_sentence(sent, lookup, lex, found, article, words))
    # "Gunmen attacked ... Twelve people were killed.": the toll goes to the attack
    events = list(carry(events, doc, sents, words))
    for n, event in enumerate(events, 1):
        # The events were all built by this call and nothing else holds them yet: setting the
        # id in place spares a copy of each (``dataclasses.replace``) before they are published.
        object.__setattr__(event, "id", f"E{n}")
    forget_columns(doc)  # the last stage to read every word's codes (``nlp.word_columns``)
    return tuple(events)


# Clauses that report background to the main statement ("one day after a jet shot down a
# helicopter", "the bombing that killed 12"): a step through one of them counts as several.
_BACKGROUND = frozenset({"advcl", "relcl", "acl", "pcomp"})
_BACKGROUND_STEP = 3
# Prepositions that give an act's time or cause ("following the deal, the president eased ..."):
# a step through one is background too.
_BACKGROUND_PREPS = frozenset({"after", "before", "during", "following", "since", "amid",
                               "amidst", "despite", "because", "until", "due"})


def primary(events: Sequence[Event], doc: Doc) -> Event | None:
    """The main event of one sentence: the trigger nearest the root, a step through a
    subordinate or relative clause counting as several, then the surest."""

    def depth(event: Event) -> int:
        span = doc.char_span(event.spans[0].start, event.spans[0].end, alignment_mode="expand")
        token = span.root if span is not None else doc[0]
        steps = 0
        while token.head.i != token.i:
            background = token.dep_ in _BACKGROUND or (
                token.dep_ == "prep" and token.lower_ in _BACKGROUND_PREPS)
            steps += _BACKGROUND_STEP if background else 1
            token = token.head
        return steps

    if not events:
        return None
    return min(events, key=lambda e: (depth(e), -e.confidence, e.spans[0].start))
