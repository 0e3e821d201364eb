"""Turn quoted stretches and speech verbs into draft quotations (before speakers are linked).

Direct quotations start from the marks (``_marks``): each is attributed to the cue next to it
(after it for '"...," he said', before it for 'He said: "..."'), joined with the rest of a quote
split by its attribution ('"We will fight," he said, "until the end."') and with its continuation
paragraphs. A quotation introduced by a clause of reported words is "mixed" ('insisted that
fighters "lay down their arms"'). Indirect quotations (``_indirect``) are added after, from the
speech verbs the direct ones did not use.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from eventwire.quotes._draft import MARKS, Draft, Text
from eventwire.quotes._indirect import according, indirect
from eventwire.quotes._lexicon import Cues
from eventwire.quotes._marks import Segment, find_segments
from eventwire.quotes._speaker import (
    Cue,
    according_cue,
    according_to,
    cue_text,
    cue_verb,
    speaker_of,
)

__all__ = ["Draft", "find_drafts"]

_BEFORE_WINDOW = 40
_AFTER_WINDOW = 15
_MIN_WORDS = 4  # a stretch in marks this short is speech only with an attribution beside it
_OBJECT_DEPS = frozenset({"dobj", "dative", "prep", "npadvmod", "advmod", "prt", "aux", "neg",
                          "punct", "mark", "cc", "auxpass", "nsubj", "nsubjpass"})
_WORD = re.compile(r"\w+")


def find_drafts(doc: Doc, cues: Cues) -> list[Draft]:
    """Every quotation of the document, direct, mixed and indirect, in text order."""
    text = Text(doc)
    segments = find_segments(text.text)
    drafts = _direct(text, segments, cues)
    used_verbs = {d.cue.verb.i for d in drafts if d.cue is not None}
    quoted = [s for d in drafts for s in d.segments]
    loose = [s for k, s in enumerate(segments) if k not in quoted]
    quoted_spans = [(segments[k].open_mark, segments[k].end + 1) for k in quoted]
    drafts += indirect(text, cues, used_verbs, quoted_spans, loose)
    drafts += according(text, cues, used_verbs, quoted_spans, loose)
    return sorted(drafts, key=lambda d: d.pieces[0])


# ------------------------------------------------------------------------------------------
# direct and mixed quotations


def _direct(text: Text, segments: list[Segment], cues: Cues) -> list[Draft]:
    """Drafts from the quoted stretches, in order, continuations added to their quotation."""
    drafts: list[Draft] = []
    consumed: set[int] = set()
    for k, segment in enumerate(segments):
        if k in consumed:
            continue
        if segment.continues is not None and drafts and segment.continues in drafts[-1].segments:
            _continue(text, drafts[-1], segment, k, cues)
            continue
        draft = _from_segment(text, segments, k, cues)
        if draft is None:
            continue
        consumed.update(draft.segments)
        drafts.append(draft)
    return drafts


def _continue(text: Text, draft: Draft, segment: Segment, k: int, cues: Cues) -> None:
    """Add a continuation paragraph to a quotation; its attribution may only come now."""
    draft.pieces.append((segment.start, segment.end))
    draft.segments.append(k)
    if draft.cue is None:
        draft.cue = _cue_after(text, segment, cues)


def _from_segment(text: Text, segments: list[Segment], k: int, cues: Cues) -> Draft | None:
    """A draft for segment ``k``, or None when the stretch is not speech (a title, scare quotes)."""
    segment = segments[k]
    content = text.text[segment.start:segment.end]
    after = _cue_after(text, segment, cues)
    before = None if after is not None else _cue_before(text, segment, cues)
    cue = after or before
    speechlike = _speechlike(content)
    if (cue is None or after is None) and not speechlike:
        return None  # scare quotes or a title; inside reported speech the indirect pass sees it
    if cue is None and not _sentence(text, segment, content):
        return None  # an unattributed headline or name in marks
    draft = Draft("direct", [(segment.start, segment.end)], segment.paragraph, cue, [k])
    if before is not None and (start := _reported_start(text, before, segment, cues)) is not None:
        draft.kind = "mixed"
        end = segment.end if segment.close_mark is None else segment.close_mark + 1
        draft.pieces = [(start, end)]
    if after is not None:
        _join_split(text, segments, k, draft)
    return draft


def _speechlike(content: str) -> bool:
    """Long enough, or ending like a sentence, and not a title in capitals."""
    words = _WORD.findall(content)
    if len(words) < _MIN_WORDS:
        return False
    capitalised = sum(w[0].isupper() for w in words)
    ends = content.rstrip()[-1:] in ".,?!;:…—-"
    return ends or capitalised < 0.6 * len(words)


def _sentence(text: Text, segment: Segment, content: str) -> bool:
    """Whether an unattributed stretch reads as spoken sentences: it has a verb and ends like a
    sentence (or runs on to the paragraph's end)."""
    first, last = text.token_at(segment.start), text.token_at(max(segment.end - 1, 0))
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in text.doc[first:last + 1])
    ends = content.rstrip()[-1:] in ".?!…" or segment.close_mark is None
    return has_verb and ends


def _window_after(text: Text, segment: Segment) -> list[Token]:
    """Tokens after the closing mark up to the next mark, sentence end or paragraph end."""
    if segment.close_mark is None:
        return []
    doc = text.doc
    tokens: list[Token] = []
    i = text.token_at(segment.close_mark) + 1
    while i < len(doc) and len(tokens) < _AFTER_WINDOW:
        token = doc[i]
        if _has_mark(token) or "\n" in token.text:
            break
        tokens.append(token)
        if token.text in (".", "?", "!", ";"):
            break
        i += 1
    return tokens


def _window_before(text: Text, segment: Segment) -> list[Token]:
    """Tokens before the opening mark back to the previous mark, sentence end or paragraph."""
    doc = text.doc
    tokens: list[Token] = []
    i = text.token_at(segment.open_mark) - 1
    while i >= 0 and len(tokens) < _BEFORE_WINDOW:
        token = doc[i]
        if _has_mark(token) or "\n" in token.text or token.text in (".", "?", "!"):
            break
        tokens.append(token)
        i -= 1
    return tokens[::-1]


def _has_mark(token: Token) -> bool:
    """Whether the word holds a quotation mark (not the possessive "'s")."""
    text = token.text
    return not MARKS.isdisjoint(text) and text not in ("'s", "’s")


def _cue_after(text: Text, segment: Segment, cues: Cues) -> Cue | None:
    """ '"...," he said' / '"...," said Smith' / '"...," according to police'."""
    window = _window_after(text, segment)
    cue = _first_cue(text, window, cues, last=False)
    if cue is None or segment.close_mark is None:
        return None
    content = text.text[segment.start:segment.end].rstrip()
    comma_after = window[0].text == "," if window else False
    if not (content[-1:] in ",?!—-…" or comma_after):
        return None  # after a full stop, the next words start a new sentence
    speaker = set() if cue.speaker is None else {t.i for t in cue.speaker.subtree}
    between = [t for t in window if t.i < cue.verb.i]
    if all(t.is_punct or t.i in speaker for t in between):
        return cue
    return None


def _cue_before(text: Text, segment: Segment, cues: Cues) -> Cue | None:
    """ 'Smith said: "..."' / 'According to Smith, "..."'."""
    window = _window_before(text, segment)
    return _first_cue(text, window, cues, last=True)


def _first_cue(text: Text, window: list[Token], cues: Cues, *, last: bool) -> Cue | None:
    """The cue in the window nearest to the quotation."""
    if not window:
        return None
    span = text.doc[window[0].i:window[-1].i + 1]
    ordered = reversed(window) if last else window
    for token in ordered:
        if cue_verb(token, cues):
            return Cue(token, speaker_of(token, span, cues), cue_text(token))
        if (size := according_to(text.words, token.i, cues)) and token.i + size <= window[-1].i + 1:
            return according_cue(text.doc, token, size)
    return None


def _reported_start(text: Text, cue: Cue, segment: Segment, cues: Cues) -> int | None:
    """Where a mixed quotation begins: the reported words between the cue verb and the opening
    mark, if there are two or more that are not the verb's object or adverbs."""
    doc = text.doc
    mark = text.token_at(segment.open_mark)
    if cue.verb.i >= mark or cue.verb.lower_ in cues.according_first:
        return None
    reported = [t for t in doc[cue.verb.i + 1:mark]
                if not t.is_punct and _clause_child(t, cue.verb) not in _OBJECT_DEPS]
    while reported and reported[0].dep_ == "mark":
        reported = reported[1:]
    if len(reported) < 2:
        return None
    return reported[0].idx


def _clause_child(token: Token, verb: Token) -> str:
    """The dependency of the verb's child whose subtree holds ``token`` ("" if none)."""
    while token.head.i != token.i:
        if token.head.i == verb.i:
            return token.dep_
        token = token.head
    return ""


def _join_split(text: Text, segments: list[Segment], k: int, draft: Draft) -> None:
    """ '"We will fight," he said, "until the end."': join the piece after the attribution."""
    if k + 1 >= len(segments) or draft.cue is None:
        return
    first, second = segments[k], segments[k + 1]
    if second.paragraph != first.paragraph or first.close_mark is None:
        return
    gap = text.text[first.close_mark + 1:second.open_mark].strip()
    verb = draft.cue.verb
    if gap.endswith(",") and first.close_mark < verb.idx < second.open_mark:
        draft.pieces.append((second.start, second.end))
        draft.segments.append(k + 1)


# ------------------------------------------------------------------------------------------
# indirect quotations


