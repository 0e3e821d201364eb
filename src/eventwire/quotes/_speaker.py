"""Who said it: find the cue verb next to a quotation, its subject, and the speaker's affiliation.

The parse does most of the work (the cue verb's ``nsubj``; "according to X"); when quotation
marks confuse the parser we fall back to the nearest name, pronoun or source noun beside the verb.
Affiliation comes from the speaker's own noun phrase: "X, of the think-tank Q", "X, a spokesman
for Q", "Q's spokesman", "Q spokesman X".
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from eventwire.quotes._lexicon import Cues
from eventwire.records import record

__all__ = [
    "Cue",
    "according_cue",
    "according_to",
    "affiliation",
    "cue_text",
    "cue_verb",
    "ends_sentence",
    "speaker_of",
    "speaker_span",
    "speaks_for_itself",
    "subject_of",
]

_SUBJECTS = ("nsubj", "nsubjpass")
_SHARED_SUBJECT = frozenset({"advcl", "conj", "xcomp", "pcomp", "prep"})
_CORE = frozenset({"compound", "det", "amod", "poss", "nummod", "case", "flat", "nmod"})
_ORG_LABELS = ("ORG", "NORP", "GPE")
_SENTENCE_END = frozenset({".", "?", "!"})
_IOB_IN, _IOB_BEGIN = 1, 3  # ``Token.ent_iob``: 0 unset, 1 inside, 2 outside, 3 beginning


@record
class Cue:
    """An attribution: the cue (verb or "according to"), and the speaker's head token."""

    verb: Token
    speaker: Token | None
    text: str  # the cue as written ("said", "pointed out", "according to")


def cue_verb(token: Token, cues: Cues) -> bool:
    """Whether ``token`` is a speech verb (with its particle when it needs one)."""
    lemma = token.lemma_.lower()
    if lemma not in cues.verbs or token.pos_ not in ("VERB", "AUX"):
        return False
    particle = cues.particles.get(lemma)
    return particle is None or any(c.dep_ == "prt" and c.lower_ == particle
                                   for c in token.children)


def according_to(words: Sequence[str], i: int, cues: Cues) -> int:
    """Length of an "according to"-style phrase starting at token ``i`` (0 when none)."""
    if words[i] not in cues.according_first:
        return 0
    for phrase in cues.according_to:
        if tuple(words[i:i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def cue_text(verb: Token) -> str:
    """The cue as written, with its particle ("pointed out")."""
    particles = [c for c in verb.children if c.dep_ == "prt"]
    return " ".join([verb.text] + [p.text for p in particles])


def subject_of(verb: Token) -> Token | None:
    """The cue verb's subject, or the subject it shares with the verb it hangs from ("..., adding
    that", "said and added", "was quoted as saying")."""
    token = verb
    for _ in range(4):
        for child in token.children:
            if child.dep_ in _SUBJECTS:
                return _head_noun(child)
        if token.dep_ not in _SHARED_SUBJECT or token.head.i == token.i:
            return None
        token = token.head
    return None


def speaker_of(verb: Token, window: Span, cues: Cues) -> Token | None:
    """The subject of the cue verb, else the nearest name, pronoun or source noun in the window."""
    if (subject := subject_of(verb)) is not None:
        return subject
    nearby = sorted((t for t in window if t.i != verb.i and _speakerish(t, cues)),
                    key=lambda t: (abs(t.i - verb.i), t.i))
    if nearby:
        return _head_noun(nearby[0])
    inverted = [t for t in window if verb.i < t.i <= verb.i + 4 and t.pos_ in ("NOUN", "PROPN")]
    return _head_noun(inverted[0]) if inverted else None  # '"...," asked one farmer'


def _entity(token: Token) -> tuple[int, int] | None:
    """The token range of the organisation or place entity a token belongs to, if any."""
    found = _entity_around(token)
    return None if found is None or found[2] not in _ORG_LABELS else (found[0], found[1])


def _entity_around(token: Token) -> tuple[int, int, str] | None:
    """The named entity holding ``token`` as (start, end, label), read from the IOB tags next to
    it as ``doc.ents`` reads them (an entity is a B tag with a label and the I tags after it):
    ``doc.ents`` builds a ``Span`` for every entity of the document on each access."""
    if token.ent_iob not in (_IOB_IN, _IOB_BEGIN):
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob == _IOB_IN:
        start -= 1
    first = doc[start]
    if first.ent_iob != _IOB_BEGIN or not first.ent_type:
        return None
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob == _IOB_IN:
        end += 1
    return start, end, first.ent_type_


def speaks_for_itself(head: Token) -> bool:
    """ "the International Committee of the Red Cross said": an organisation as the speaker."""
    return _entity(head) is not None


def _speakerish(token: Token, cues: Cues) -> bool:
    return (token.pos_ == "PROPN" or token.lower_ in cues.pronouns
            or token.lower_ in cues.source_nouns)


def _head_noun(token: Token) -> Token:
    """Climb from a compound part to the noun it modifies ("Omar" -> "Khalil")."""
    while token.dep_ in ("compound", "flat") and token.head.i != token.i:
        token = token.head
    return token


def speaker_span(head: Token) -> Span:
    """The words naming the speaker: the head noun with its determiners, adjectives and name
    parts, without appositions, relative clauses or prepositional phrases."""
    start = end = head.i
    for child in head.lefts:
        if child.dep_ in _CORE:
            start = min(start, child.left_edge.i)
    for child in head.rights:
        if child.dep_ in ("flat", "compound") and child.i == end + 1:
            end = child.right_edge.i
    entity = _entity(head)
    if entity is not None:  # keep a name whole: "the International Committee of the Red Cross"
        start, end = min(start, entity[0]), max(end, entity[1] - 1)
    return head.doc[start:end + 1]


def affiliation(head: Token, cues: Cues) -> str | None:
    """The organisation the speaker speaks for, read from the speaker's noun phrase."""
    for child in head.children:
        if (child.dep_ == "prep" and child.lower_ in cues.affiliation_preps
                and (found := _organisation(child, cues)) is not None):
            return found
        if child.dep_ == "appos":
            if (found := affiliation(child, cues)) is not None:
                return found
            if (found := _poss_org(child)) is not None:
                return found
    if (found := _poss_org(head)) is not None:
        return found
    for child in head.lefts:
        if child.dep_ == "compound" and child.ent_type_ in _ORG_LABELS:
            return _entity_text(child)
    return _apposed(head, cues)


def _apposed(head: Token, cues: Cues) -> str | None:
    """ "said Lina Farouk, of the Civic Forum": the parser often hangs the "of" phrase on the
    verb, so read the words set off by a comma right after the name."""
    doc = head.doc
    end = speaker_span(head).end
    if end >= len(doc) or doc[end].text != ",":
        return None
    for token in doc[end + 1:min(end + 10, len(doc))]:
        if token.text in (",", ".", ";", ":") or token.text in ('"', "“", "”"):
            return None
        if token.lower_ in cues.affiliation_preps and (found := _organisation(token, cues)):
            return found
    return None


def _organisation(prep: Token, cues: Cues) -> str | None:
    """The organisation inside a prepositional phrase: a name ("of the think-tank Levant Watch") or
    a body named by a common noun ("of the chamber of commerce"), not "of the town"."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    if not objects or (objects[0].lower_ not in cues.organisation_nouns and not any(
            t.ent_type_ in _ORG_LABELS or t.pos_ == "PROPN" for t in objects[0].subtree)):
        return None
    named = [t for t in objects[0].subtree if t.ent_type_ in _ORG_LABELS or t.pos_ == "PROPN"]
    if named:
        return _entity_text(named[-1])
    obj = objects[0]
    words = [t for t in obj.subtree if t.dep_ not in ("det", "punct", "prep")
             and t.i <= obj.i]
    return " ".join(t.text for t in words) or None


def _poss_org(token: Token) -> str | None:
    """ "the ministry's spokesman", "Levant Watch's director"."""
    for child in token.children:
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
            return _entity_text(child)
    return None


def _entity_text(token: Token) -> str:
    """The name a token belongs to: the longer of its named entity and its run of proper nouns
    (the NER often cuts "Medical Aid Network" short), without "the" or a possessive."""
    doc = token.doc
    start = end = token.i
    while start > 0 and doc[start - 1].pos_ == "PROPN":
        start -= 1
    while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN":
        end += 1
    ent = _entity_around(token)  # entities do not overlap: only this one holds the token
    if ent is not None and ent[1] - ent[0] > end + 1 - start:
        start, end = ent[0], ent[1] - 1
    words = [t for t in doc[start:end + 1] if t.lower_ != "the" and t.tag_ != "POS"]
    return " ".join(t.text for t in words)


def ends_sentence(token: Token) -> bool:
    """A full stop, question or exclamation mark."""
    return token.text in _SENTENCE_END


def according_cue(doc: Doc, token: Token, size: int) -> Cue:
    """ "according to X": the speaker is the object of "to"."""
    last = doc[token.i + size - 1]
    objects = [c for c in last.children if c.dep_ == "pobj"]
    speaker = objects[0] if objects else (doc[last.i + 1] if last.i + 1 < len(doc) else None)
    words = " ".join(t.text for t in doc[token.i:token.i + size])
    return Cue(token, speaker, words)
