"""A document's words as plain lists, read from spaCy in one call per document (internal).

The actors stage looks at every word of an article (its part of speech, its text, whether it
may end an agent term) before it knows where the actors are. Asking spaCy through ``Token``
objects builds a Python object and a string per question; ``Doc.to_array`` gives every word's
integer codes at once (``nlp.word_columns``, read once per document for actors and events), and
``Token`` objects are then made only for the few words a mention is built from. Strings are read
once per distinct hash and kept (bounded) across documents.
"""

from __future__ import annotations

from spacy.parts_of_speech import IDS
from spacy.tokens import Doc

from eventwire.nlp import LOWERED as _LOWERED
from eventwire.nlp import STRINGS as _STRINGS
from eventwire.nlp import lowered_string as _lowered
from eventwire.nlp import string_id as code
from eventwire.nlp import string_of as _string
from eventwire.nlp import word_columns

__all__ = ["Words", "code"]

PROPN = IDS["PROPN"]
NOUN = IDS["NOUN"]
ADJ = IDS["ADJ"]
PRON = IDS["PRON"]
AGENT_POS = frozenset({NOUN, PROPN, ADJ})


PRP_TAGS = frozenset({code("PRP"), code("PRP$")})


class Words:
    """Per word of one document, as lists by doc index: character offset and length, part of
    speech id, tag and dependency codes, absolute head index, lower-case and exact text codes,
    lemma code, and the whitespace-token flag (1 or 0). ``lower(i)``, ``text(i)`` and
    ``lemma(i)`` give strings, read on first use. What only a few words are asked (is it
    punctuation, like a number, followed by a space) is left to their ``Token``."""

    __slots__ = ("dep", "doc", "head", "idx", "lemmas", "length", "lowers", "orth",
                 "pos", "space", "tag")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        # read once per document and shared with the events stage (``nlp.word_columns``)
        columns = word_columns(doc)
        self.idx, self.length, self.pos, self.tag = (columns.idx, columns.length, columns.pos,
                                                     columns.tag)
        self.dep, self.head, self.lowers, self.orth = (columns.dep, columns.head, columns.lower,
                                                       columns.orth)
        self.lemmas, self.space = columns.lemma, columns.space

    def lower(self, i: int) -> str:
        """``doc[i].lower_``."""
        return _STRINGS.get(self.lowers[i]) or _string(self.lowers[i], self.doc)

    def text(self, i: int) -> str:
        """``doc[i].text``."""
        return _STRINGS.get(self.orth[i]) or _string(self.orth[i], self.doc)

    def lemma(self, i: int) -> str:
        """The lemma agent terms are keyed by (``model.lemma(doc[i])``): the lower-case form of
        a proper noun (spaCy keeps its case and plural), else the lower-cased lemma."""
        if self.pos[i] == PROPN:
            return self.lower(i)
        key = self.lemmas[i]
        return _LOWERED.get(key) or _lowered(key, self.doc)
