"""Which date an event happened on: the rule behind ``eventwire.dates.when``.

ACLED and the PLOVER manual code the day an event happened, not the day it was reported, so the
rule prefers the date the parse ties to the event's own verb and falls back step by step
(``docs/dates.md`` has the reasoning and examples). In the trigger's sentence, by rank:

0. a date governed by the trigger itself ("troops *shelled* the town *on Tuesday*");
1. a date governed by a verb above the trigger that is not a reporting verb ("*On 5 March*, gunmen
   *stormed* the village and *killed* ten" - the date of "stormed" dates "killed");
2. any other date in the sentence that no reporting verb governs (a subordinate clause's);
3. a date governed by a reporting verb ("police *said on Monday* that ...") - the report date,
   the best bound we have, as ACLED does with "(as reported)";

ties going to a date we could resolve, then to one outside brackets ("On 7 June (between 3 and
10 June)"), then to the finer one (a day before a month), then to the one nearest the trigger.
With no date in the sentence: the nearest date before it in the same paragraph (a story's lead
usually dates the paragraph), else None — never the publication date, which is left to the user
to apply knowingly. Dates that bound a stretch of time ("since 2011", "until March", "by Friday",
"before 5 May") never date an event: "fighting has raged since 2011" has no date.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from eventwire.records import Article, DateMention, Found

__all__ = ["when"]

_FINENESS = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
_BOUNDARY = re.compile(r"\b(?:since|until|till|by|before|after|as of)\s+$", re.IGNORECASE)

# Verbs whose date is the date of the report, not of the event reported.
REPORTING = frozenset({"say", "tell", "report", "announce", "claim", "confirm", "state", "add",
                       "note", "allege", "insist", "deny", "reveal", "disclose", "accuse",
                       "warn", "write", "tweet", "post", "publish", "declare", "believe",
                       "estimate", "quote", "cite", "indicate", "explain", "acknowledge",
                       "admit"})


def when(sentence: Span, trigger_start: int, found: Found, article: Article) -> DateMention | None:
    """The date of the event signalled at char ``trigger_start`` in ``sentence`` (see module)."""
    if not found.dates:
        return None
    points = _points(found.dates, article.text)
    inside = [d for d, start in points if sentence.start_char <= start < sentence.end_char]
    if inside:
        trigger = _token_at(sentence, trigger_start)
        return min(inside, key=lambda d: _key(d, trigger, sentence, article.text))
    return _earlier_in_paragraph(points, sentence.start_char, article.text)


# The article whose date points were read last: its dates, its text and the points. Every
# event of an article asks for the same points, so they are read once per article; the entry
# holds the dates and text it was read from, so an identity check cannot be fooled.
_LAST: list[tuple[tuple[DateMention, ...], str, tuple[tuple[DateMention, int], ...]]] = []


def _points(dates: tuple[DateMention, ...], text: str) -> tuple[tuple[DateMention, int], ...]:
    """The article's date mentions that can date an event (in the text, not bounding a stretch
    of time), with where each starts, in the order found."""
    if _LAST and _LAST[0][0] is dates and _LAST[0][1] is text:
        return _LAST[0][2]
    points = tuple((d, start) for d in dates if (start := _start(d)) is not None
                   and not _boundary(text, start))
    _LAST[:] = [(dates, text, points)]
    return points


def _boundary(text: str, start: int) -> bool:
    """Whether the date at ``start`` bounds a stretch of time ("since 2011", "until March",
    "by Friday", "before 5 May") rather than dating an event."""
    return _BOUNDARY.search(text, max(0, start - 20), start) is not None


def _start(mention: DateMention) -> int | None:
    """Where a mention starts in the article text (None for title-only mentions)."""
    return next((s.start for s in mention.spans if s.field == "text"), None)


def _token_at(sentence: Span, char: int) -> Token:
    """The sentence's token at (or nearest to) character ``char``; between two tokens, the
    nearer (the earlier on a tie). Found by bisection: this runs for every event."""
    doc = sentence.doc
    low, high = sentence.start, sentence.end
    while low < high:  # the first token starting after ``char``
        middle = (low + high) // 2
        if doc[middle].idx <= char:
            low = middle + 1
        else:
            high = middle
    if low == sentence.start:
        return doc[low]
    before = doc[low - 1]
    end = before.idx + len(before)
    if char < end or low == sentence.end:
        return before
    after = doc[low]
    return before if char - end <= after.idx - char else after


def _key(mention: DateMention, trigger: Token, sentence: Span,
         text: str) -> tuple[int, bool, bool, int, int, int]:
    """Sort key: attachment rank; then resolved, outside brackets, finer, nearer, earlier."""
    rank, distance, start = _rank(mention, trigger, sentence.doc)
    bracketed = _in_brackets(text, start, sentence.start_char)
    return (rank, mention.value is None, bracketed, _FINENESS[mention.precision], distance,
            start)


def _in_brackets(text: str, start: int, sentence_start: int) -> bool:
    """Whether ``start`` sits inside an unclosed "(" opened earlier in the sentence."""
    before = text[sentence_start:start]
    return before.count("(") > before.count(")")


def _rank(mention: DateMention, trigger: Token, doc: Doc) -> tuple[int, int, int]:
    """Smaller is better: the attachment rank, then the distance to the trigger, then order."""
    span = next(s for s in mention.spans if s.field == "text")
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or len(tokens) == 0:
        return 4, abs(span.start - trigger.idx), span.start
    root = tokens.root
    distance = abs(root.i - trigger.i)
    governor = _governor(root, trigger)
    if governor is None:
        return 2, distance, span.start
    if governor == trigger:
        return 0, distance, span.start
    reporting = governor.lemma_.lower() in REPORTING
    if reporting:
        return 3, distance, span.start
    return (1 if governor.is_ancestor(trigger) else 2), distance, span.start


def _governor(root: Token, trigger: Token) -> Token | None:
    """The word a date hangs from: the trigger if met on the way up, else the first verb."""
    token = root
    for _ in range(12):
        if token.head is token:
            return token if token.pos_ in ("VERB", "AUX") or token == trigger else None
        token = token.head
        if token == trigger or token.pos_ in ("VERB", "AUX"):
            return token
    return None


def _earlier_in_paragraph(points: tuple[tuple[DateMention, int], ...], start: int,
                          text: str) -> DateMention | None:
    """The last date mention before ``start`` in the same paragraph (lines are paragraphs);
    ``points``: the mentions with where each starts (``_points``: read once per article, where
    reading each mention's start again cost as much as the rest of the choice)."""
    paragraph = text.rfind("\n", 0, start) + 1
    before = [(mention, at) for mention, at in points if paragraph <= at < start]
    return max(before, key=lambda point: point[1])[0] if before else None
