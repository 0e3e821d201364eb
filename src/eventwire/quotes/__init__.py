"""The quotes stage: every quotation in the story, with who said it.

``_marks`` finds the stretches in quotation marks, ``_find`` decides which are speech and finds
the cue next to each, ``_indirect`` adds the indirect quotations of speech verbs and "according
to", ``_speaker`` reads the speaker and affiliation from the parse. Here the speaker is linked to
an actor of ``found.actors`` (whose spans already follow coreference, so "Khalil" or "he" resolve
to the full name when the actors stage linked them); a pronoun the actors stage did not link
takes the speaker of the quotation just before, and a quotation with no attribution of its own
continues the previous speaker's (the wire convention for quotes spread over paragraphs).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from eventwire import actors as actors_stage
from eventwire.quotes._draft import Draft
from eventwire.quotes._find import find_drafts
from eventwire.quotes._lexicon import Cues, cues
from eventwire.quotes._speaker import affiliation, speaker_span, speaks_for_itself
from eventwire.records import Actor, Article, Found, Quote, Span, record
from eventwire.spans import SpanIndex

__all__ = ["extract"]

_INHERIT_PARAGRAPHS = 1  # an unattributed quotation continues a speaker this many paragraphs back


@record
class _Speaker:
    """The speaker as linked: the actor (if any), the words naming them here, the affiliation."""

    actor: Actor | None = None
    text: str | None = None
    affiliation: str | None = None
    spans: tuple[Span, ...] = ()


def extract(doc: Doc, article: Article, found: Found) -> tuple[Quote, ...]:
    """Return the quotes found in the article, in text order, with ids Q1, Q2, ..."""
    words = cues()
    drafts = find_drafts(doc, words)
    if not drafts:
        return ()  # most articles quote nobody: no index of the actors needed
    index = SpanIndex(found.actors)
    memory = _Memory()
    quotes: list[Quote] = []
    previous: tuple[Draft, _Speaker] | None = None
    for draft in drafts:
        speaker = memory.recall(_link(draft, previous, index, found.actors, words))
        quotes.append(_quote(article.text, draft, speaker, len(quotes) + 1))
        previous = (draft, speaker)
    return tuple(quotes)


class _Memory:
    """The speakers seen so far in the article, so a later mention inherits what an earlier one
    said about them: "Khalil" after "Omar Khalil, of Levant Watch" (by surname when the actors stage
    did not link them, by actor id when it did)."""

    def __init__(self) -> None:
        self._by_surname: dict[str, _Speaker] = {}
        self._by_actor: dict[str, str] = {}

    def recall(self, speaker: _Speaker) -> _Speaker:
        """The speaker completed from earlier mentions; remembers it for later ones."""
        if speaker.actor is None and speaker.text and len(speaker.text.split()) == 1:
            earlier = self._by_surname.get(speaker.text)
            if earlier is not None:
                speaker = _Speaker(earlier.actor, speaker.text,
                                   speaker.affiliation or earlier.affiliation, speaker.spans)
        if speaker.actor is not None and not speaker.affiliation:
            known = self._by_actor.get(speaker.actor.id)
            speaker = _Speaker(speaker.actor, speaker.text, known, speaker.spans)
        if speaker.text and speaker.text[:1].isupper():
            self._by_surname.setdefault(speaker.text.split()[-1], speaker)
        if speaker.actor is not None and speaker.affiliation:
            self._by_actor.setdefault(speaker.actor.id, speaker.affiliation)
        return speaker


def _link(draft: Draft, previous: tuple[Draft, _Speaker] | None, index: SpanIndex[Actor],
          actors: Sequence[Actor], words: Cues) -> _Speaker:
    """The speaker of a draft, following pronouns and unattributed continuations back."""
    recent = previous is not None and draft.paragraph - previous[0].paragraph <= \
        _INHERIT_PARAGRAPHS
    head = draft.cue.speaker if draft.cue is not None else None
    if head is None:
        if recent and previous is not None and draft.kind == "direct":
            return previous[1]  # the same speaker, named where they were last named
        return _Speaker()
    org = None if speaks_for_itself(head) else affiliation(head, words)
    head = _named(head)
    span = speaker_span(head)
    spans = (Span(span.start_char, span.end_char),)
    actor = _actor_for(head, index, actors)
    if actor is None and head.lower_ in words.pronouns and recent and previous is not None:
        return _Speaker(previous[1].actor, span.text, previous[1].affiliation, spans)
    if actor is not None and actor.affiliation:
        org = actor.affiliation
    if org is None and not speaks_for_itself(head):
        org = affiliation(head, words)
    return _Speaker(actor, span.text, org, spans)


def _named(head: Token) -> Token:
    """ "the ministry's spokesman, Karel Novak": the name in apposition names the speaker."""
    if head.pos_ == "PROPN":
        return head
    for child in head.rights:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return child
    return head


def _actor_for(token: Token, index: SpanIndex[Actor], actors: Sequence[Actor]) -> Actor | None:
    """Ask the actors stage's helper when it offers one, else the span index."""
    helper = getattr(actors_stage, "actor_for_token", None)
    if helper is not None and (actor := helper(token, tuple(actors))) is not None:
        return actor
    return index.covering(token.idx, token.idx + len(token))


def _quote(text: str, draft: Draft, speaker: _Speaker, number: int) -> Quote:
    """The ``Quote`` record for a linked draft (``text`` is the article text the doc parsed)."""
    pieces = [text[s:e].strip() for s, e in draft.pieces]
    text = " ".join(p for p in pieces if p).rstrip(",")
    return Quote(
        id=f"Q{number}",
        text=text,
        kind=draft.kind,
        speaker=speaker.actor,
        speaker_text=speaker.text,
        affiliation=speaker.affiliation,
        verb=draft.cue.text if draft.cue is not None else None,
        spans=tuple(Span(s, e) for s, e in draft.pieces),
        speaker_spans=speaker.spans,
    )
