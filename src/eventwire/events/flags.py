"""Whether an event is denied, not yet real, or only hearsay, read from the words around it.

The words that matter are the trigger's own children (``not``, ``will``, ``may``) and the verbs
on the path from the trigger up to the sentence root ("failed to stop", "plans to attack",
"were believed to have killed"). The path stops at a verb of saying: "the army said rebels
attacked" is the army's report of a fact, while "rebels reportedly attacked" is hearsay.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventwire.events.lexicon import Lexicon
from eventwire.events.triggers import lemma
from eventwire.events.words import code
from eventwire.records import record

__all__ = ["Flags", "flags"]

_HEARSAY_SUBJECTS = frozenset({"report", "source", "witness", "resident", "media", "rumour",
                               "rumor", "account", "reports", "eyewitness", "local"})


_WANT = frozenset({"want", "wish", "expect", "need", "like", "prefer"})


@record
class Flags:
    """The four auxiliary flags of an event."""

    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    reported: bool = False
    modality: str = ""  # "intent", "obligation", "possibility" or "" (what made it not a fact)
    cue: str = ""  # the word that gave the modality ("will", "plan", "prepare", ...)


def _path(head: Token) -> list[Token]:
    """The trigger and the words above it, up to and including the first verb of saying."""
    path = [head]
    token = head
    while token.head.i != token.i:
        if token.dep_ in ("relcl", "appos", "parataxis") or (
                token.dep_ == "acl" and not _infinitive(token)):
            break  # a relative clause asserts on its own: "those who have committed crimes";
            # an infinitive on a noun does not: "announced plans to release prisoners"
        token = token.head
        path.append(token)
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("xcomp", "aux"):
            break
    return path


def _infinitive(token: Token) -> bool:
    """Whether a verb is a to-infinitive ("plans *to release*")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _clause(head: Token) -> Token:
    """The verb a nominal trigger hangs from, or the trigger itself."""
    if head.pos_ in ("VERB", "AUX"):
        return head
    token = head
    for _ in range(3):
        if token.head.i == token.i:
            break
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return head


# The labels of the children ``_check`` reads (as spaCy's label hashes: no string is made for
# the others, which are passed over unread).
_CHECKED = frozenset(code(label) for label in ("neg", "det", "aux", "auxpass", "mark", "advmod",
                                               "prep"))


def _check(token: Token, lex: Lexicon, out: dict, governing: bool) -> None:
    for child in token.children:
        if child.dep not in _CHECKED:
            continue
        dep = child.dep_
        word = lemma(child)
        if dep == "neg" or (dep == "det" and word == "no"):
            out["negated"] = True
        elif dep in ("aux", "auxpass"):
            if lex.cue("future_aux", word):
                out["future"] = True
            elif lex.cue("hypothetical", word):
                out["hypothetical"] = True
            _modality(word, lex, out)
        elif dep == "mark" and word in ("if", "unless", "whether"):
            out["hypothetical"] = True
            out["modality"] = out["modality"] or "possibility"
        elif (dep == "advmod" and lex.cue("report", word)) or (
                dep == "prep" and word == "accord"):
            out["reported"] = True
    if governing:
        word = lemma(token)
        _check_word(word, lex, out)
        if word in _WANT and any(
                c.dep_ == "dobj" or (c.dep_ in ("ccomp", "xcomp") and any(
                    g.dep_ == "nsubj" for g in c.children)) for c in token.children):
            out["modality"] = out["modality"] or "obligation"  # "wants Putin to attack"
        _modality(word, lex, out)
        if lex.cue("speech", word) and any(c.dep_ == "auxpass" for c in token.children):
            out["reported"] = True  # "were said to have attacked"
        if word == "set" and _passive_with_complement(token):
            out["future"] = True  # "is set to extradite": scheduled, not done
            out["modality"] = out["modality"] or "intent"


def _passive_with_complement(token: Token) -> bool:
    children = {c.dep_ for c in token.children}
    return "auxpass" in children and "xcomp" in children


def _modality(word: str, lex: Lexicon, out: dict) -> None:
    """Remember the first word that says why the act is not (yet) a fact."""
    if out["modality"]:
        return
    if lex.cue("intent", word):
        out["modality"] = "intent"
    elif lex.cue("obligation", word):
        out["modality"] = "obligation"
    elif lex.cue("hypothetical", word):
        out["modality"] = "possibility"
    else:
        return
    out["cue"] = word


def _check_word(word: str, lex: Lexicon, out: dict) -> None:
    """Flags from a governing word or a modifier ("failed to", "plans to", "alleged")."""
    if lex.cue("negate", word) or lex.cue("deny", word):
        out["negated"] = True
    elif lex.cue("future", word):
        out["future"] = True
    elif lex.cue("hypothetical", word):
        out["hypothetical"] = True
    elif lex.cue("report", word):
        out["reported"] = True


def _hearsay(lowered: str, path: list[Token], lex: Lexicon) -> bool:
    """Whether the act is told on others' word: "witnesses said ...", "according to ..."
    (``lowered``: the sentence's text in lower case)."""
    if "according to" in lowered:
        return True
    top = path[-1]
    return lex.cue("speech", lemma(top)) and any(
        c.dep_ in ("nsubj", "nsubjpass") and lemma(c) in _HEARSAY_SUBJECTS
        for c in top.children)


def flags(sent: Span, head: Token, lex: Lexicon, lowered: str | None = None) -> Flags:
    """The flags of the event whose trigger is headed by ``head`` in ``sent`` (``lowered``: the
    sentence's text in lower case, when the caller has it: every event of a sentence needs it)."""
    out: dict = {"negated": False, "hypothetical": False, "future": False, "reported": False,
                 "modality": "", "cue": ""}
    clause = _clause(head)
    path = _path(clause)
    _check(head, lex, out, governing=False)
    for token in path:
        if token is head:
            continue  # checked just above, and the trigger never governs itself
        _check(token, lex, out, governing=True)
    if _hearsay(sent.text.lower() if lowered is None else lowered, path, lex):
        out["reported"] = True
    if head.pos_ in ("NOUN", "PROPN"):
        for child in head.children:
            if child.dep_ == "amod":
                _check_word(lemma(child), lex, out)
    return Flags(**out)
