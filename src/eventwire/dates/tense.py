"""The tense of the clause a time phrase sits in, read from the spaCy parse.

"On Tuesday, troops shelled the town" (past) and "Talks will resume on Tuesday" (future) point to
different Tuesdays. We find the verb that governs the phrase (walking up the dependency tree from
the phrase's root) and read its auxiliaries and morphology: "will"/"shall" or "due/set/expected
to" mean future; a past-tense form, a past auxiliary or the perfect mean past; anything else is
unmarked ("none"), which the resolver reads like the past because news reports what happened.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventwire.dates.resolve import Tense

__all__ = ["tense_at", "verb_of"]

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "ll"})
# "is due to meet", "are set to vote", "plans to visit", "is going to", "expected to arrive"
_FUTURE_HEADS = frozenset({"due", "set", "expect", "schedule", "plan", "go", "intend", "aim",
                           "prepare", "slate", "poise", "hope", "threaten", "vow", "pledge",
                           "promise"})
_MAX_STEPS = 12


def verb_of(token: Token) -> Token | None:
    """The nearest verb at or above ``token`` in the dependency tree, or None."""
    for _ in range(_MAX_STEPS):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def tense_at(doc: Doc, start: int, end: int) -> Tense:
    """The tense of the clause holding the characters ``[start, end)`` of ``doc``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "none"
    verb = verb_of(span.root)
    return _verb_tense(verb) if verb is not None else "none"


def _verb_tense(verb: Token) -> Tense:
    """Past, future or unmarked, from a verb's auxiliaries, its form and what governs it."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxiliaries):
        return "future"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _FUTURE_HEADS:
        return "past" if _is_past(verb.head) else "future"
    if verb.dep_ == "xcomp" and verb.head is not verb:
        head_tense = _verb_tense(verb.head) if verb.head.pos_ in ("VERB", "AUX") else "none"
        if head_tense == "future":
            return "future"
    return "past" if _is_past(verb) else "none"


def _is_past(verb: Token) -> bool:
    """A past form ("killed"), a past auxiliary ("was", "had", "did") or the perfect ("has")."""
    finite = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "cop")]
    if finite:
        return any("Past" in a.morph.get("Tense") or a.lemma_ == "have" for a in finite)
    return "Past" in verb.morph.get("Tense")
