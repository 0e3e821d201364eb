"""Find the stretches of text inside quotation marks, paragraph by paragraph.

Straight (") and curly (“ ”) double marks open and close quotations; curly single marks (‘ ’)
do so only in paragraphs without double marks (the British convention), and inside double marks
they are a nested quotation that stays part of the outer one. A paragraph that ends inside an
open quotation, followed by a paragraph that opens with a mark, continues the same quotation
(the wire convention for quotes running over several paragraphs).
"""

from __future__ import annotations

import re

from eventwire.records import record

__all__ = ["Segment", "find_segments"]

_OPEN = frozenset("“„«")
_CLOSE = frozenset("”»")
_STRAIGHT = '"'
_LINE = re.compile(r"[^\n]+")
# every mark the scans below look at (a paragraph is scanned mark by mark, not letter by letter)
_DOUBLE_MARK = re.compile("[" + re.escape(_STRAIGHT + "".join(_OPEN | _CLOSE)) + "]")
_SINGLE_MARK = re.compile("[‘’]")


@record
class Segment:
    """The content of one pair of marks: ``[start, end)`` excluding the marks themselves."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None when the paragraph ended first
    paragraph: int
    continues: int | None = None  # index of the segment this one continues (next paragraph)


def find_segments(text: str) -> list[Segment]:
    """Every quoted stretch of ``text``, in order, with multi-paragraph continuations linked."""
    segments: list[Segment] = []
    for number, line in enumerate(_LINE.finditer(text)):
        found = _in_paragraph(text, line.start(), line.end(), number)
        if found and segments and _continues(text, segments[-1], found[0], number):
            found[0] = Segment(found[0].start, found[0].end, found[0].open_mark,
                               found[0].close_mark, number, continues=len(segments) - 1)
        segments.extend(found)
    return [s for s in segments if s.end > s.start]


def _continues(text: str, previous: Segment, first: Segment, paragraph: int) -> bool:
    """An unclosed quotation followed, in the next paragraph, by one that opens it again."""
    if previous.close_mark is not None or previous.paragraph != paragraph - 1:
        return False
    return not text[_line_start(text, first.open_mark):first.open_mark].strip()


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _in_paragraph(text: str, start: int, end: int, paragraph: int) -> list[Segment]:
    """The quoted stretches of one paragraph."""
    marks = [m.start() for m in _DOUBLE_MARK.finditer(text, start, end)]
    if not marks:
        return _single_marks(text, start, end, paragraph)
    segments: list[Segment] = []
    opened: int | None = None
    for offset in marks:
        char = text[offset]
        if opened is None and (char in _OPEN or char == _STRAIGHT):
            opened = offset
        elif opened is not None and (char in _CLOSE or char == _STRAIGHT):
            segments.append(Segment(opened + 1, offset, opened, offset, paragraph))
            opened = None
    if opened is not None:
        stripped_end = start + len(text[start:end].rstrip())
        segments.append(Segment(opened + 1, stripped_end, opened, None, paragraph))
    return segments


def _single_marks(text: str, start: int, end: int, paragraph: int) -> list[Segment]:
    """‘British-style’ quotations: an opening ‘ after a space, closed by ’ before a space or
    punctuation (so apostrophes in "don’t" do not close it)."""
    segments: list[Segment] = []
    opened: int | None = None
    for mark in _SINGLE_MARK.finditer(text, start, end):
        offset = mark.start()
        char = text[offset]
        before = text[offset - 1] if offset > start else " "
        after = text[offset + 1] if offset + 1 < end else " "
        if char == "‘" and opened is None and not before.isalnum():
            opened = offset
        elif char == "’" and opened is not None and not after.isalnum():
            segments.append(Segment(opened + 1, offset, opened, offset, paragraph))
            opened = None
    return segments
