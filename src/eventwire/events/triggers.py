"""Find the words in a sentence that signal an event, and choose one reading for each.

Candidates come from three hash lookups per token: contiguous lemma sequences (articles skipped),
verb + particle / object / preposition combinations taken from the dependency parse ("rounded
them up", "signed a new agreement", "called for the release"), and single lemmas filtered by
part of speech. Longer matches win over shorter ones that share their words; among readings of
the same words a reading with a mode, then a higher weight, then the earlier row wins.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire.events.lexicon import Lexicon, Reading

__all__ = ["Trigger", "find"]

# Named-entity labels that never hold a trigger ("Operation Desert Storm", "Strike Force").
_NAMES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "WORK_OF_ART", "LAW",
                    "PRODUCT", "LANGUAGE", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY",
                    "CARDINAL", "ORDINAL"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
_SKIPPED = frozenset({"a", "an", "the"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """The words that signal one event in a sentence and the reading chosen for them."""

    head: Token
    tokens: tuple[int, ...]  # doc indices of the matched words, sorted
    reading: Reading

    @property
    def start(self) -> int:
        """Character offset where the trigger's words begin."""
        return self.head.doc[self.tokens[0]].idx

    @property
    def end(self) -> int:
        """Character offset where the trigger's words end."""
        last = self.head.doc[self.tokens[-1]]
        return last.idx + len(last.text)


# Word forms the parser's lemmatiser gets wrong in news copy ("staged" -> "stag").
_LEMMA_FIXES = {"staged": "stage", "staging": "stage", "hoped": "hope", "hoping": "hope",
                "retook": "retake", "retaken": "retake",
                "overran": "overrun", "outlawed": "outlaw", "quitted": "quit",
                "cordoned": "cordon", "cordoning": "cordon"}


def lemma(token: Token) -> str:
    """The lower-case lemma we match on (spaCy keeps proper-noun case), with the few forms the
    lemmatiser gets wrong corrected."""
    return _LEMMA_FIXES.get(token.lower_) or token.lemma_.lower()


def _surface(sent: Span, lemmas: dict[int, str], lex: Lexicon
             ) -> list[tuple[tuple[int, ...], tuple[str, ...]]]:
    words = [(lemmas[t.i], t.i) for t in sent if not t.is_punct and t.lower_ not in _SKIPPED]
    found = []
    for i in range(len(words)):
        for n in range(1, min(lex.longest, len(words) - i) + 1):
            key = tuple(w for w, _ in words[i:i + n])
            if key not in lex.prefixes:
                break  # no pattern goes on like this
            if key in lex.readings:
                indices = tuple(j for _, j in words[i:i + n])
                if n == 1 or sent.doc[indices[-1]].pos_ != "PART":  # "travel to" + infinitive
                    found.append((indices, key))
    return found


def _phrases(token: Token) -> list[tuple[tuple[int, ...], tuple[str, ...]]]:
    """A noun as lemma tuples: its own lemma, and with its compound modifiers ("air strike")."""
    out = [((token.i,), (lemma(token),))]
    compounds = [c for c in token.lefts if c.dep_ == "compound"]
    if compounds:
        out.append(((*tuple(c.i for c in compounds), token.i),
                    (*tuple(lemma(c) for c in compounds), lemma(token))))
    return out


# Nouns that count or group what follows them ("thousands of reservists", "a group of soldiers").
_QUANTITIES = frozenset({"thousand", "hundred", "dozen", "million", "score", "number", "group",
                         "batch", "contingent", "unit", "team", "column", "convoy", "handful"})


def _counted(noun: Token) -> list[Token]:
    """An object noun, and for a quantity the noun it counts ("thousands of reservists")."""
    if noun.pos_ != "NUM" and lemma(noun) not in _QUANTITIES:
        return [noun]
    return [noun, *(p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                    for p in c.children if p.dep_ == "pobj")]


def _verb_keys(verb: Token) -> list[tuple[tuple[int, ...], tuple[str, ...]]]:
    """The verb alone, and with a hyphen-joined first part ("test-fired" -> test fire)."""
    keys = [((verb.i,), (lemma(verb),))]
    doc = verb.doc
    if verb.i >= 2 and doc[verb.i - 1].text == "-" and doc[verb.i - 2].head.i == verb.i and \
            not doc[verb.i - 1].whitespace_ and not doc[verb.i - 2].whitespace_:
        first = doc[verb.i - 2]
        keys.append(((first.i, verb.i), (lemma(first), lemma(verb))))
    return keys


def _dependency(verb: Token) -> list[tuple[tuple[int, ...], tuple[str, ...]]]:
    """Verb + particle / object / preposition (+ object) keys for one verb; conjoined objects
    and the subject of a passive count as objects ("massed tanks and troops", "reservists were
    called up")."""
    return [k for v in _verb_keys(verb) for k in _dependency_from(verb, v)]


def _dependency_from(verb: Token, v: tuple[tuple[int, ...], tuple[str, ...]]
                     ) -> list[tuple[tuple[int, ...], tuple[str, ...]]]:
    prts = [((c.i,), (lemma(c),)) for c in verb.children if c.dep_ == "prt"]
    objs = [p for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
            for o in (c, *c.conjuncts) for n in _counted(o) for p in _phrases(n)]
    preps = []
    for c in verb.children:
        if c.dep_ in ("prep", "agent", "dative"):
            preps.append(((c.i,), (lemma(c),)))
            preps.extend(((c.i,) + p[0], (lemma(c),) + p[1])
                         for o in c.children if o.dep_ == "pobj" for p in _phrases(o))
    keys = []
    for first in [v, *(_join(v, p) for p in prts)]:
        keys.append(first)
        keys.extend(_join(first, o) for o in objs)
        keys.extend(_join(first, p) for p in preps)
        keys.extend(_join(_join(first, o), p) for o in objs for p in preps)
    return keys[1:]


def _join(a: tuple[tuple[int, ...], tuple[str, ...]], b: tuple[tuple[int, ...], tuple[str, ...]]
          ) -> tuple[tuple[int, ...], tuple[str, ...]]:
    return a[0] + b[0], a[1] + b[1]


def _head_of(sent: Span, indices: tuple[int, ...]) -> Token:
    """The matched word whose syntactic head lies outside the match (the phrase's head)."""
    doc = sent.doc
    inside = set(indices)
    for i in indices:
        token = doc[i]
        if token.head.i not in inside or token.head.i == i:
            return token
    return doc[indices[0]]


def _holds(reading: Reading, head: Token, sent_lemmas: frozenset[str]) -> bool:
    for cond in reading.conditions:
        if cond.kind == "sent" and not cond.lemmas & sent_lemmas:
            return False
        if cond.kind == "!sent" and cond.lemmas & sent_lemmas:
            return False
        if cond.kind in ("obj", "!obj"):
            objs = {lemma(c) for c in head.children if c.dep_ in ("dobj", "nsubjpass")}
            if (cond.kind == "obj") != bool(objs & cond.lemmas):
                return False
        if cond.kind == "pass" and not any(c.dep_ in ("auxpass", "nsubjpass")
                                           for c in head.children):
            return False
        if cond.kind in ("trans", "!trans"):
            has_object = any(c.dep_ in ("dobj", "nsubjpass") for c in head.children)
            if (cond.kind == "trans") != has_object:
                return False
    return True


def _best(readings: tuple[Reading, ...], head: Token, sent_lemmas: frozenset[str]
          ) -> Reading | None:
    fitting = [r for r in readings if r.fits_pos(head.pos_) and _holds(r, head, sent_lemmas)]
    if not fitting:
        return None
    return min(fitting, key=lambda r: (not r.conditions, not r.mode, -r.weight, r.order))


def _blocked(head: Token, size: int, lex: Lexicon) -> bool:
    """Single words inside names, or nouns modifying another noun, are not triggers, unless the
    noun they modify is a light one ("a mediation effort", "a rescue operation")."""
    if head.ent_type_ in _NAMES:
        return True
    if size == 1 and (head.dep_ == "amod" or head.pos_ == "PROPN"):
        return True  # "returning fighters"; "Investment Minister", "Freedom Rally"
    return (size == 1 and head.dep_ in _MODIFIER_DEPS and head.pos_ in ("NOUN", "PROPN", "ADJ")
            and not lex.cue("light", lemma(head.head)))


def find(sent: Span, lex: Lexicon) -> list[Trigger]:
    """Every trigger in the sentence, in text order, each word used by at most one trigger."""
    lemmas = {t.i: lemma(t) for t in sent}
    sent_lemmas = frozenset(lemmas.values())
    candidates: list[tuple[tuple[int, ...], tuple[str, ...], Token | None]] = [
        (indices, key, None) for indices, key in _surface(sent, lemmas, lex)]
    for token in sent:
        if token.pos_ in ("VERB", "AUX"):  # a dependency key's head is its verb
            candidates.extend((*k, token) for k in _dependency(token) if k[1] in lex.readings)
    scored = []
    for indices, key, verb in candidates:
        ordered = tuple(sorted(set(indices)))
        head = verb if verb is not None else _head_of(sent, ordered)
        if _blocked(head, len(key), lex):
            continue
        reading = _best(lex.readings[key], head, sent_lemmas)
        if reading is not None:
            scored.append((ordered, head, reading))
    scored.sort(key=lambda c: (-len(c[2].pattern), not c[2].mode, -c[2].weight, c[0]))
    used: set[int] = set()
    chosen = []
    for indices, head, reading in scored:
        if used.isdisjoint(indices):
            used.update(indices)
            if reading.event != "-":  # a phrase that names no event uses up its words
                chosen.append(Trigger(head, indices, reading))
    return sorted(chosen, key=lambda t: t.tokens)
