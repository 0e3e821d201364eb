"""A document's words as plain lists, read from spaCy in one call per document.

The events stage looks at every word of every sentence (its lemma, whether it is punctuation,
its part of speech, its dependency) before it knows where the triggers are. Asking spaCy for
each of these through a ``Token`` builds a Python object and a string per question; reading
them all at once with ``Doc.to_array`` (``nlp.word_columns``, once per document for actors and
events) and keeping integer codes costs a fraction of that, and ``Token`` objects are then made
only for the few words a trigger is built from. ``lemma`` is our lemma of one word, and
``Words.lemma[i]`` is the same for word ``i`` of the document.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.parts_of_speech import IDS
from spacy.tokens import Doc, Token

from eventwire.nlp import LOWERED as _LOWER_LEMMAS
from eventwire.nlp import lowered_string as _lower_lemma
from eventwire.nlp import string_id as code
from eventwire.nlp import word_columns

__all__ = ["Words", "code", "lemma"]

# Word forms the parser's lemmatiser gets wrong in news copy ("staged" -> "stag").
LEMMA_FIXES = {"staged": "stage", "staging": "stage", "hoped": "hope", "hoping": "hope",
               "retook": "retake", "retaken": "retake",
               "overran": "overrun", "outlawed": "outlaw", "quitted": "quit",
               "cordoned": "cordon", "cordoning": "cordon", "defied": "defy"}
# The same table keyed by the hash spaCy gives each lower-case form (lemmas are read lower-cased
# through ``nlp.LOWERED``): reading integer hashes costs less than building the strings
# ``lower_`` and ``lemma_`` for every word.
_FIXES_BY_HASH = {code(form): fixed for form, fixed in LEMMA_FIXES.items()}

_POS = {name: IDS[name] for name in ("VERB", "AUX", "NOUN", "PROPN", "PART")}
VERBS = frozenset({_POS["VERB"], _POS["AUX"]})
NOUNS = frozenset({_POS["NOUN"], _POS["PROPN"]})
PART = _POS["PART"]


def lemma(token: Token) -> str:
    """The lower-case lemma we match on (spaCy keeps proper-noun case), with the few forms the
    lemmatiser gets wrong corrected."""
    fixed = _FIXES_BY_HASH.get(token.lower)
    if fixed is not None:
        return fixed
    key = token.lemma
    word = _LOWER_LEMMAS.get(key)
    if word is None:
        word = _lower_lemma(key, token.doc)
    return word


class Words:
    """Per word of one document: our lemma, lower-case form code, part of speech id,
    dependency label code, absolute head index and punctuation flag (1 or 0), as lists by doc
    index."""

    __slots__ = ("closed", "dep", "doc", "head", "lemma", "lower", "pos", "punct")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.closed = False  # set by ``close``: every word's head is in its own sentence
        if len(doc) == 0:
            self.lower = self.pos = self.dep = self.head = []
            self.punct, self.lemma = [], []
            return
        columns = word_columns(doc)  # read once per document, shared with the actors stage
        self.lower, lemmas, self.pos, self.dep, self.punct, self.head = (
            columns.lower, columns.lemma, columns.pos, columns.dep, columns.punct, columns.head)
        fixes = _FIXES_BY_HASH
        self.lemma = list(map(_LOWER_LEMMAS.get, lemmas))  # known lemmas: no Python loop
        if None in self.lemma:  # a lemma not met before in this process
            self.lemma = [word if word is not None else _lower_lemma(lem, doc)
                          for word, lem in zip(self.lemma, lemmas, strict=True)]
        if not fixes.keys().isdisjoint(self.lower):  # the rare forms the lemmatiser gets wrong
            self.lemma = [fixes.get(low) or word for low, word in zip(self.lower, self.lemma,
                                                                       strict=True)]

    def lemmas(self, start: int, end: int) -> dict[int, str]:
        """Our lemmas of words ``start`` to ``end`` (a sentence), by doc index."""
        return dict(zip(range(start, end), self.lemma[start:end], strict=True))

    def close(self, bounds: Sequence[tuple[int, int]]) -> bool:
        """Record whether every word's head lies in the word's own sentence (``bounds``: the
        document's sentences as (start, end) word indices, covering it), as spaCy's parser
        makes them; the trigger finder then knows a verb's words are all in its sentence."""
        head = self.head
        # a sentence's lowest and highest head tell (``min`` and ``max`` run at C speed)
        self.closed = all(start <= min(head[start:end]) and max(head[start:end]) < end
                          for start, end in bounds if start < end)
        return self.closed
