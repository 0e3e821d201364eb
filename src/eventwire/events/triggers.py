"""Find the words in a sentence that signal an event, and choose one reading for each.

Candidates come from three hash lookups per token: contiguous lemma sequences (articles skipped),
verb + particle / object / preposition combinations taken from the dependency parse ("rounded
them up", "signed a new agreement", "called for the release"), and single lemmas filtered by
part of speech. Longer matches win over shorter ones that share their words; among readings of
the same words a reading with a mode, then a higher weight, then the earlier row wins.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventwire.events.lexicon import Lexicon, Reading
from eventwire.events.words import NOUNS, PART, VERBS, Words, code, lemma
from eventwire.records import record

__all__ = ["Trigger", "find", "lemma"]

# Named-entity labels that never hold a trigger ("Operation Desert Storm", "Strike Force").
_NAMES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "WORK_OF_ART", "LAW",
                    "PRODUCT", "LANGUAGE", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY",
                    "CARDINAL", "ORDINAL"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
_SKIPPED = frozenset({"a", "an", "the"})
# Possessive determiners are skipped like articles in lemma sequences ("handed in their
# weapons" matches `hand in weapon`, "tendered his resignation" `tender resignation`).
_POSSESSIVES = frozenset({"his", "her", "its", "their", "our", "my", "your"})
_SKIPPED_CODES = frozenset(code(w) for w in _SKIPPED)
_POSSESSIVE_CODES = frozenset(code(w) for w in _POSSESSIVES)
_POSS, _NSUBJ = code("poss"), code("nsubj")


@record
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


def _surface(start: int, end: int, words: Words, lex: Lexicon
             ) -> list[tuple[tuple[int, ...], tuple[str, ...]]]:
    """Contiguous lemma sequences (articles and possessives skipped) that are patterns, in words
    ``start`` to ``end`` of the document (read from ``words``: no spaCy token is made). Only the
    few words that begin some pattern are walked from, the skipped words being looked past as
    the walk goes: most words of a sentence begin none, so the sentence is never copied."""
    lemmas, starts = words.lemma, lex.starts
    found: list[tuple[tuple[int, ...], tuple[str, ...]]] = []
    for i in range(start, end):
        if lemmas[i] in starts and _kept(i, words):
            _patterns_from(i, end, words, lex, found)
    return found


def _kept(i: int, words: Words) -> bool:
    """Whether word ``i`` counts in a lemma sequence: not punctuation, an article or a
    possessive determiner."""
    low = words.lower[i]
    return not words.punct[i] and low not in _SKIPPED_CODES and not (
        low in _POSSESSIVE_CODES and words.dep[i] == _POSS)


def _patterns_from(i: int, end: int, words: Words, lex: Lexicon,
                   found: list[tuple[tuple[int, ...], tuple[str, ...]]]) -> None:
    """Add to ``found`` the patterns that begin at kept word ``i`` (shortest first), the
    sequence running over the kept words up to ``end``; stop when no pattern goes on."""
    lemmas, pos = words.lemma, words.pos
    prefixes, readings = lex.prefixes, lex.readings
    kept = [i]
    key: tuple[str, ...] = (lemmas[i],)
    j = i + 1
    while True:
        if key not in prefixes:
            return  # no pattern goes on like this
        if key in readings and (len(kept) == 1 or pos[kept[-1]] != PART):
            found.append((tuple(kept), key))  # not "travel to" + infinitive
        if len(kept) >= lex.longest:
            return
        while j < end and not _kept(j, words):
            j += 1
        if j >= end:
            return
        kept.append(j)
        key = (*key, lemmas[j])
        j += 1


def _phrases(token: Token) -> list[tuple[tuple[int, ...], tuple[str, ...]]]:
    """A noun as lemma tuples: its own lemma, with its compound modifiers ("air strike"), and
    with its adjective and compound modifiers ("raised the alert level", "joint drills")."""
    out = [((token.i,), (lemma(token),))]
    for deps in (("compound",), ("compound", "amod")):
        mods = [c for c in token.lefts if c.dep_ in deps]
        if mods and (deps == ("compound",) or any(c.dep_ == "amod" for c in mods)):
            out.append(((*tuple(c.i for c in mods), token.i),
                        (*tuple(lemma(c) for c in mods), lemma(token))))
    return out


# Nouns that count, group or measure what follows them ("thousands of reservists", "a group of
# soldiers", "50 tons of food", "a shipment of arms").
_QUANTITIES = frozenset({"thousand", "hundred", "dozen", "million", "score", "number", "group",
                         "batch", "contingent", "unit", "team", "column", "convoy", "handful",
                         "ton", "tonne", "kilogram", "kilo", "pound", "litre", "liter", "barrel",
                         "shipment", "consignment", "cargo", "load", "truckload", "planeload",
                         "shipload", "package", "quantity", "amount", "supply"})


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


def _dependency(verb: Token, lex: Lexicon, nsubj: list[Token],
                present: frozenset[str] | None = None
                ) -> list[tuple[tuple[int, ...], tuple[str, ...]]]:
    """Verb + particle / object / preposition (+ object) keys for one verb, and subject + verb
    (+ particle) for its active subject nouns ``nsubj`` ("talks between the two sides broke
    down" -> `talk break down`); conjoined objects and the subject of a passive count as objects
    ("massed tanks and troops", "reservists were called up"). A key is only extended while it
    begins some longer pattern (``lex.follows``) whose next word is among ``present`` (the
    sentence's lemmas, when every word of the verb's tree is in the sentence), so most verbs
    cost one lookup, and a preposition is only read when some key can go on with it."""
    prefixes, follows = lex.prefixes, lex.follows
    starts = [v for v in _verb_keys(verb) if _goes_on(v[1], follows, present)]
    subjects = [k for t in nsubj if (k := ((t.i,), (lemma(t),)))[1] in follows]
    if not starts and not subjects:
        return []
    children = list(verb.children)
    prts = [((c.i,), (lemma(c),)) for c in children
            if c.dep_ in _PARTICLES or (c.dep_ == "ccomp" and c.pos_ == "ADJ")]
    keys: list[tuple[tuple[int, ...], tuple[str, ...]]] = []
    if starts:
        objs = [p for c in children if c.dep_ in ("dobj", "nsubjpass")
                for o in (c, *c.conjuncts) for n in _counted(o) for p in _phrases(n)]
        objs += [p for o in _raised(children) for n in _counted(o) for p in _phrases(n)]
        plan = [(v, first, _grow(first, objs, prefixes))
                for v in starts for first in [v, *_grow(v, prts, prefixes)]]
        nexts = {w for _, first, with_object in plan for key in (first, *with_object)
                 for w in follows.get(key[1], ())}
        preps = [k for c in children if c.dep_ in ("prep", "agent", "dative", "prt")
                 and lemma(c) in nexts for k in _prep_keys(c, c.dep_ != "prt")]
        for v, first, with_object in plan:
            if first is not v:
                keys.append(first)
            keys.extend(with_object)
            keys.extend(_grow(first, preps, prefixes))
            for key in with_object:
                keys.extend(_grow(key, preps, prefixes))
    for subject in subjects:
        for v in _grow(subject, _verb_keys(verb), prefixes):
            keys.extend([v, *_grow(v, prts, prefixes)])
    return keys


def _raised(children: list[Token]) -> list[Token]:
    """The subject nouns the parser gives a clause under the verb, which English reads as the
    verb's object ("allowed *the inspectors* to resume their work", "let *the observers*
    enter"), with their conjuncts."""
    return [o for c in children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")
            for s in c.children if s.dep_ == "nsubj" and s.pos_ in ("NOUN", "PROPN")
            for o in (s, *s.conjuncts)]


def _grow(base: tuple[tuple[int, ...], tuple[str, ...]],
          parts: list[tuple[tuple[int, ...], tuple[str, ...]]],
          prefixes: frozenset[tuple[str, ...]]) -> list[tuple[tuple[int, ...], tuple[str, ...]]]:
    """``base`` joined with each part, where the result begins some pattern."""
    return [joined for part in parts if (joined := _join(base, part))[1] in prefixes]


# Verb children read like particles: "found guilty", "declared illegal", "set free".
_PARTICLES = frozenset({"prt", "acomp", "oprd"})


def _prep_keys(prep: Token, bare: bool) -> list[tuple[tuple[int, ...], tuple[str, ...]]]:
    """A preposition with its object's phrases, also through a second preposition ("pulled out
    of the pact": out + of + pact); a particle only with its object ("handed in weapons")."""
    out = [((prep.i,), (lemma(prep),))] if bare else []
    for o in prep.children:
        if o.dep_ == "pobj":
            out.extend(((prep.i,) + p[0], (lemma(prep),) + p[1]) for p in _phrases(o))
        elif o.dep_ == "prep" and bare:
            out.extend(((prep.i,) + p[0], (lemma(prep),) + p[1])
                       for p in _prep_keys(o, bare=True))
    return out


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
            if head.dep_ == "acl" and head.tag_ == "VBN":
                objs.add(lemma(head.head))  # "hostages seized by the rebels": the noun is it
            if (cond.kind == "obj") != bool(objs & cond.lemmas):
                return False
        if cond.kind == "pass" and not any(c.dep_ in ("auxpass", "nsubjpass")
                                           for c in head.children):
            return False
        if cond.kind in ("trans", "!trans"):
            has_object = any(c.dep_ in ("dobj", "nsubjpass") for c in head.children)
            if (cond.kind == "trans") != has_object:
                return False
        if cond.kind == "inf" and not _tells_to(head):
            return False
    return True


def _tells_to(verb: Token) -> bool:
    """Whether a verb tells someone to do something: an object, or a passive subject, and a
    to-infinitive ("ordered the government to pay", "were told to leave")."""
    children = list(verb.children)
    return any(c.dep_ in ("dobj", "nsubjpass", "dative") for c in children) and any(
        c.dep_ in ("xcomp", "ccomp", "advcl") and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in children)


def _best(readings: tuple[Reading, ...], head: Token, sent_lemmas: frozenset[str],
          first: Token | None = None) -> Reading | None:
    """The reading that fits the head's part of speech (or, for a phrase the parser headed
    on a later word, the first word's: "downed tools" parsed as a noun phrase) and whose
    conditions hold; conditional readings first, then ones with a mode, weight, row order."""
    fitting = [r for r in readings if (r.fits_pos(head.pos_) or (
        first is not None and r.fits_pos(first.pos_))) and _holds(r, head, sent_lemmas)]
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


def _may_grow(i: int, lemmas: list[str], nsubj: list[int],
              follows: dict[tuple[str, ...], frozenset[str]], present: frozenset[str] | None
              ) -> bool:
    """Whether verb ``i`` can head a dependency key at all: its lemma or a hyphen-joined pair
    ending in it begins a longer pattern whose next word is in the sentence (``present``: the
    sentence's lemmas, or None when some word hangs from outside the sentence and no such
    test is safe), or one of its subjects begins a longer pattern. A cheap test on the lemmas,
    by doc index, before any walk of the parse; ``_dependency`` decides."""
    word = lemmas[i]
    if _goes_on((word,), follows, present):
        return True
    if i >= 2 and _goes_on((lemmas[i - 2], word), follows, present):
        return True
    return any((lemmas[j],) in follows for j in nsubj)


def _goes_on(key: tuple[str, ...], follows: dict[tuple[str, ...], frozenset[str]],
             present: frozenset[str] | None) -> bool:
    """Whether a key begins a longer pattern whose next word is among ``present`` (any word
    when ``present`` is None)."""
    nexts = follows.get(key)
    return nexts is not None and (present is None or not nexts.isdisjoint(present))


def find(sent: Span, lex: Lexicon, lemmas: dict[int, str] | None = None,
         words: Words | None = None) -> list[Trigger]:
    """Every trigger in the sentence, in text order, each word used by at most one trigger.
    ``words`` are the document's words when the caller has them (``Words``), ``lemmas`` the
    sentence's lemmas (``Words.lemmas``)."""
    if words is None:
        words = Words(sent.doc)
    start, end = sent.start, sent.end
    doc = sent.doc
    sent_lemmas = frozenset(words.lemma[start:end] if lemmas is None else lemmas.values())
    candidates: list[tuple[tuple[int, ...], tuple[str, ...], Token | None]] = [
        (indices, key, None) for indices, key in _surface(start, end, words, lex)]
    subjects: dict[int, list[int]] = {}
    verbs: list[int] = []
    pos, dep, head = words.pos, words.dep, words.head
    for i in range(start, end):
        if pos[i] in VERBS:  # a dependency key's head is its verb
            verbs.append(i)
        elif pos[i] in NOUNS and dep[i] == _NSUBJ:
            subjects.setdefault(head[i], []).append(i)
    # Every word of a key hangs (directly or not) from its verb: when each sentence of the
    # document holds its words' heads (``Words.close``), a key can only go on with a word of
    # this sentence.
    present = sent_lemmas if words.closed else None
    for i in verbs:
        nsubj = subjects.get(i, [])
        if _may_grow(i, words.lemma, nsubj, lex.follows, present):
            verb = doc[i]
            candidates.extend((*k, verb) for k in _dependency(
                verb, lex, [doc[j] for j in nsubj], present) if k[1] in lex.readings)
    scored = []
    for indices, key, verb in candidates:
        ordered = tuple(sorted(set(indices)))
        head = verb if verb is not None else _head_of(sent, ordered)
        if _blocked(head, len(key), lex):
            continue
        first = sent.doc[ordered[0]] if verb is None and len(ordered) > 1 else None
        reading = _best(lex.readings[key], head, sent_lemmas, first)
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
