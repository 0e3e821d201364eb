"""The places stage's shortcuts give what the plain walks give: the proper-noun runs read off
``Doc.to_array`` codes match a walk over spaCy's ``Token`` objects, the word lists' codes are
the codes spaCy gives the words, and stopping the ranker at a fixed point changes no choice.

Every sentence here is ours, written in wire style.
"""

from __future__ import annotations

import dataclasses

import pytest
from spacy.tokens import Doc, Token

from eventwire import nlp
from eventwire.places import Gazetteer, find_mentions
from eventwire.places._extract import (
    _AREA_ADJECTIVES,
    _CALENDAR,
    _PARTICLES,
    _PREPOSITIONS,
    _Tokens,
)
from eventwire.places._resolve import WEIGHTS, resolve
from eventwire.records import Found

SENTENCES = [
    "Gunmen attacked a bus near Deir ez-Zor in eastern Syria on Monday, officials said.",
    "Police dispersed protesters in Toluca de Lerdo and in the central Rio Grande do Norte.",
    "John Smith said troops left Kharkiv for Mazar-i-Sharif in March.",
    "Syrian forces shelled villages in Aleppo governorate (Al Bab, Aleppo) late on Sunday.",
    "In Cartagena, Maria Lopez and the Red Cross visited San Jose de la Montana.",
]


def _reference_after_preposition(doc: Doc, i: int) -> bool:
    """A preposition before word ``i``, perhaps with "the" and an area adjective between."""
    i -= 1
    if i >= 0 and doc[i].lower_ in _AREA_ADJECTIVES:
        i -= 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 0 and doc[i].lower_ in _PREPOSITIONS


def _reference_runs(doc: Doc) -> list[tuple[int, int]]:
    """The runs as the token walk found them before the array version (kept as the test's
    reference): a capitalised proper noun, or an entity's noun not opening a sentence, of a
    recall entity type, not a calendar word, NORP only after a preposition, PERSON only after
    a locative preposition; joined by in-word hyphens and particles."""
    from eventwire.places._extract import (
        _RECALL_ENTITY_TYPES,
        _locative_before,
    )

    def proper(token: Token) -> bool:
        if not (token.is_title or token.is_upper):
            return False
        if token.ent_type_ not in _RECALL_ENTITY_TYPES or token.lower_ in _CALENDAR:
            return False
        if token.ent_type_ == "NORP" and not _reference_after_preposition(doc, token.i):
            return False
        if token.ent_type_ == "PERSON":
            start = token.i
            while start > 0 and doc[start].ent_iob_ == "I":
                start -= 1
            if not _locative_before(doc.text, doc[start].idx):
                return False
        return token.pos_ == "PROPN" or bool(token.ent_type_ and token.pos_ == "NOUN"
                                             and not token.is_sent_start)

    def joins(token: Token) -> bool:
        if token.text == "-" and token.whitespace_ == "":
            return token.i + 1 < len(doc) and proper(doc[token.i + 1])
        if token.lower_ not in _PARTICLES:
            return False
        after = token.i + 1
        while after < len(doc) and doc[after].lower_ in _PARTICLES:
            after += 1
        return after < len(doc) and after - token.i <= 2 and proper(doc[after])

    runs, start = [], None
    for token in doc:
        is_part = proper(token) or (start is not None and joins(token))
        if is_part and start is None:
            start = token.i
        elif not is_part and start is not None:
            runs.append((start, token.i))
            start = None
    if start is not None:
        runs.append((start, len(doc)))
    return runs


@pytest.mark.parametrize("text", SENTENCES)
def test_runs_from_arrays_match_the_token_walk(text: str) -> None:
    doc = nlp.parse(text)
    tokens = _Tokens(doc)
    assert list(tokens.runs()) == _reference_runs(doc)
    for first, end in tokens.runs():
        assert tokens.chars(first, end) == (doc[first:end].start_char, doc[first:end].end_char)
        assert tokens.after_preposition(first) == _reference_after_preposition(doc, first)


def test_word_list_codes_are_spacys() -> None:
    words = sorted(_CALENDAR | _PARTICLES | _AREA_ADJECTIVES | _PREPOSITIONS | {"the", "-"})
    doc = nlp.parse(" ".join(words))
    for token in doc:
        assert nlp.string_id(token.lower_) == token.lower


def test_empty_document_has_no_runs() -> None:
    assert list(_Tokens(nlp.parse("")).runs()) == []


def test_ranker_stopping_at_a_fixed_point_chooses_as_more_passes_do() -> None:
    text = ("Clashes in Jackson and Madison counties spread to Clarke County, Georgia, while "
            "residents of Athens and Winder fled to Atlanta.")
    gazetteer = Gazetteer.default()
    mentions = find_mentions(nlp.parse(text), Found(), gazetteer)
    assert len(mentions) >= 4
    default = resolve(gazetteer, mentions, text)
    many = resolve(gazetteer, mentions, text, dataclasses.replace(WEIGHTS, passes=6))
    assert [c.gid if c else None for c in default] == [c.gid if c else None for c in many]
