"""The per-document word table the actors and events stages share (``nlp.word_columns``)."""

from __future__ import annotations

from eventwire import nlp


def test_word_columns_are_the_tokens_own_codes() -> None:
    doc = nlp.parse("Police said on Monday that 12 protesters were  arrested in Nairobi.\n")
    columns = nlp.word_columns(doc)
    assert columns is nlp.word_columns(doc)  # read once per document
    assert columns.idx == [t.idx for t in doc]
    assert columns.length == [len(t) for t in doc]
    assert columns.pos == [t.pos for t in doc]
    assert columns.tag == [t.tag for t in doc]
    assert columns.dep == [t.dep for t in doc]
    assert columns.head == [t.head.i for t in doc]
    assert columns.lower == [t.lower for t in doc]
    assert columns.orth == [t.orth for t in doc]
    assert columns.lemma == [t.lemma for t in doc]
    assert columns.space == [int(t.is_space) for t in doc]
    assert columns.punct == [int(t.is_punct) for t in doc]


def test_word_columns_of_an_empty_doc() -> None:
    assert all(column == [] for column in nlp.word_columns(nlp.parse("")))


def test_lower_words_and_forgetting_the_columns() -> None:
    doc = nlp.parse("THE Ministry's  ÉCOLE reopened\ton 4/5.")
    assert nlp.lower_words(doc) == [t.lower_ for t in doc]
    columns = nlp.word_columns(doc)
    nlp.forget_columns(doc)
    assert nlp.word_columns(doc) is not columns
    assert nlp.word_columns(doc) == columns
