"""The draft of a quotation and the offsets helper shared by the direct and indirect finders."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from spacy.tokens import Doc

from eventwire.nlp import lower_words, text_of, word_columns
from eventwire.quotes._speaker import Cue

__all__ = ["MARKS", "Draft", "Text", "overlaps"]

MARKS = frozenset('"“”„«»‘’')


@dataclass(slots=True)
class Draft:
    """A quotation found in the text, before its speaker is linked to an actor."""

    kind: Literal["direct", "indirect", "mixed"]
    pieces: list[tuple[int, int]]  # character spans of the quoted content
    paragraph: int
    cue: Cue | None = None
    segments: list[int] = field(default_factory=list)


class Text:
    """Offsets helpers for one document: character -> token, character -> paragraph. The
    offset tables are read on first use: most documents quote nobody and never need them."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = text_of(doc)  # joined once per document
        self.words = lower_words(doc)

    @cached_property
    def starts(self) -> list[int]:
        """The character offset of every token."""
        return word_columns(self.doc).idx  # shared: read, never changed

    @cached_property
    def lines(self) -> list[int]:
        """The character offset of every paragraph (non-empty line)."""
        return [m.start() for m in re.finditer(r"[^\n]+", self.text)]

    def token_at(self, char: int) -> int:
        """The index of the token holding character ``char``."""
        return max(bisect.bisect_right(self.starts, char) - 1, 0)

    def paragraph(self, char: int) -> int:
        """The number of the paragraph (non-empty line) holding character ``char``."""
        return max(bisect.bisect_right(self.lines, char) - 1, 0)


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` overlaps any of ``spans``."""
    return any(s < end and start < e for s, e in spans)
