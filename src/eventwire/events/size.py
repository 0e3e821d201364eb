"""How many were killed, injured, arrested or took part, when the sentence says so.

A casualty word (killed, dead, wounded, arrested, ...) is tied to the number that counts its
people through the parse: the object of an active verb ("killing 12 people", "kidnapped up to 16
people"), the passive subject, found as the arguments stage finds it (``arguments.patients``:
"five people were killed", "was reported to have been tortured and killed"), the noun an
adjective describes ("leaving three dead"), a number on the noun ("two deaths", or on a name
before it: "twenty Boko Haram militants"), or the "of" phrase of a casualty noun told as what
happened ("led to the death of five soldiers"; not "a protest over the death of a student").
Conjoined groups add up; one determined person, or "he" / "her", counts one; a death toll gives
the dead ("the death toll rose to 30"). A date is never a count, and a casualty verb in an
infinitive is an intention ("a bid to kill him"), not a death. Numbers without a casualty word
say nothing about casualties and are ignored.

``carry`` gives an attack the casualties the next sentence of its incident reports ("Gunmen
attacked the village. Twelve people were killed.") when no other event comes between them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from eventwire.events import arguments
from eventwire.events.triggers import lemma
from eventwire.events.words import Words, code
from eventwire.nlp import sentences
from eventwire.records import Event, Size
from eventwire.records import Span as TextSpan

__all__ = ["carry", "counts", "number", "size"]

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "a dozen": 12, "dozen": 12,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_KINDS = {
    "dead": frozenset({"kill", "die", "dead", "death", "murder", "slay", "massacre", "behead",
                       "execute", "perish", "body", "corpse", "fatality", "killing", "lynch",
                       "assassinate", "shoot dead", "gun down", "bludgeon"}),
    "injured": frozenset({"injure", "wound", "hurt", "injury", "injured", "wounded", "maim",
                          "casualty"}),
    "arrested": frozenset({"arrest", "detain", "jail", "imprison", "apprehend", "nab",
                           "round", "custody", "detention", "arrested", "detainee", "incarcerate",
                           "remand"}),
}
_PEOPLE = frozenset({"protester", "protestor", "demonstrator", "people", "worker", "student",
                     "supporter", "member", "activist", "farmer", "marcher", "rioter", "villager",
                     "resident", "participant", "person", "teacher", "employee", "striker"})


def number(token: Token) -> int | None:
    """The whole number a token spells ("1,200", "12", "five", "three hundred"), else None."""
    text = token.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    if text in _UNITS:
        value = _UNITS[text]
    elif text in _SCALES and token.i > 0 and token.nbor(-1).lower_ in _UNITS:
        return _UNITS[token.nbor(-1).lower_] * _SCALES[text]
    else:
        return None
    if token.i + 1 < len(token.doc) and token.nbor(1).lower_ in _SCALES:
        value *= _SCALES[token.nbor(1).lower_]
    return value


def _low(token: Token) -> int | None:
    """A number, or the lower end of a range written on it ("between 16 and 25" -> 16)."""
    values = [number(token)]
    for child in token.children:
        if child.dep_ in ("quantmod", "conj", "prep", "pobj"):
            values.extend(number(t) for t in child.subtree if t.like_num)
    known = [v for v in values if v is not None]
    return min(known) if known else None


def _count(token: Token, person: bool = True) -> int | None:
    """The number counting the people a noun (or number) stands for, summed over conjuncts.

    With ``person`` a single determined or named person counts one; a casualty noun ("the
    arrest", "deaths") counts only with a number on it.
    """
    total = 0
    for t in (token, *token.conjuncts):
        if not t.like_num and lemma(t) in _GROUPS:
            t = arguments.resolve(t)  # "a total of 40 soldiers", "a large number of people"
        value = number(t) if t.pos_ == "NUM" or t.like_num else None
        if value is None:
            nums = [_low(c) for c in _modifiers(t)
                    if c.dep_ == "nummod" and c.ent_type_ not in ("DATE", "TIME")]
            value = next((n for n in nums if n is not None), None)
        if value is None and person and _one_person(t):
            value = 1
        if value is None:
            return None if total == 0 else total
        total += value
    return total or None


def _modifiers(token: Token) -> list[Token]:
    """A noun's children and those of the names compounded before it, where the parser often
    hangs the number ("twenty Boko Haram militants": twenty -> Haram)."""
    out: list[Token] = []
    frontier = [token]
    for _ in range(3):
        out.extend(c for t in frontier for c in t.children)
        frontier = [c for t in frontier for c in t.children if c.dep_ == "compound"]
    return out


_COLLECTIVE = frozenset({"police", "family", "crew", "group", "gang", "team", "force", "army",
                         "mob", "crowd", "village", "people", "staff", "unit", "public",
                         "number", "lot", "majority", "handful", "total", "series", "batch"})
# Nouns that count the noun of their "of" phrase.
_GROUPS = frozenset({"number", "lot", "majority", "handful", "total", "group", "batch",
                     "dozens", "hundreds", "thousands", "scores", "couple"})


_ONE_PRONOUNS = frozenset({"he", "she", "him", "her"})


def _one_person(token: Token) -> bool:
    """A single named or determined person ("a policeman", "the driver", "his wife", "Rahul")."""
    if token.tag_ == "PRP":
        return token.lower_ in _ONE_PRONOUNS  # "he was killed", "shot her"
    if token.tag_ not in ("NN", "NNP") or lemma(token) in _COLLECTIVE:
        return False
    if token.ent_type_ == "PERSON":
        return True
    if token.tag_ == "NNP":  # "a Lieutenant Colonel"
        return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)
    return any(
        (c.dep_ == "det" and c.lower_ in ("a", "an", "the", "another")) or c.dep_ == "poss"
        for c in token.children)


def _victims(word: Token) -> list[Token]:
    """The words that name who a casualty word is about."""
    if word.pos_ in ("VERB", "AUX"):
        return _verb_victims(word)
    if word.pos_ == "ADJ":
        subj = [c for c in word.children if c.dep_ in ("nsubj", "npadvmod", "dobj")]
        if subj:
            return subj
        if word.dep_ in ("oprd", "ccomp", "xcomp", "acomp"):
            return [c for c in word.head.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
        if word.dep_ == "amod":
            return [word.head]
        return [c for c in word.lefts if c.like_num] or ([word.head] if word.head.like_num
                                                          else [])
    # a casualty noun counts itself ("two deaths"), and its "of" phrase when it is the outcome
    # told ("led to the death of five men"), not background ("a protest over the death of ...")
    if not _outcome(word):
        return [word]
    return [word, *(p for c in word.children if c.dep_ == "prep" and c.lower_ == "of"
                    for p in c.children if p.dep_ == "pobj")]


# Verbs that tell a casualty as the outcome of what happened ("caused the death of", "resulted
# in the deaths of", "confirmed the killing of").
_OUTCOME_VERBS = frozenset({"cause", "result", "lead", "leave", "bring", "confirm", "report",
                            "claim", "end"})


def _outcome(noun: Token) -> bool:
    """Whether a casualty noun is told as something that happened here: a subject, or the
    object of a verb of causing or reporting, directly or through "in / to"."""
    if noun.dep_ in ("nsubj", "nsubjpass", "ROOT"):
        return True
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in ("in", "to"):
        head = head.head
    elif noun.dep_ != "dobj":
        return False
    return lemma(head) in _OUTCOME_VERBS


def _verb_victims(word: Token) -> list[Token]:
    """Who a casualty verb is about: the subject of "die", the passive subject (followed as the
    arguments stage does), else the object ("killing 12", "kidnapped up to 16 people")."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in word.children)
    if lemma(word) in ("die", "perish"):
        found = [c for c in word.children if c.dep_ == "nsubj"]
    elif passive:
        found = arguments.patients(word)
    else:
        found = [c for c in word.children if c.dep_ == "dobj"] or arguments.upto(word)
    if not found and word.tag_ == "VBN" and word.dep_ in ("acl", "relcl"):
        found = [word.head]  # "twelve injured", "a man shot dead"
    if not found and word.dep_ == "conj" and word.head.pos_ in ("VERB", "AUX"):
        deps = ("nsubjpass",) if passive or word.tag_ == "VBN" else ("dobj",)
        if lemma(word) in ("die", "perish"):
            deps = ("nsubj", "nsubjpass")  # "were wounded and later died"
        found = [c for c in word.head.children if c.dep_ in deps]  # "was shot and killed"
        if not found and word.tag_ == "VBN":
            found = arguments.patients(word.head)
    if not found and word.tag_ == "VBN":
        found = [c for c in word.children if c.dep_ == "nsubj"]  # "five dead and 20 injured"
    return found


# Verbs a death toll moves with ("the death toll rose to 30", "stood at 12", "reached 40").
_TOLL_VERBS = frozenset({"rise", "climb", "reach", "stand", "hit", "increase", "jump", "mount",
                         "be", "top", "pass", "exceed", "surge", "soar", "grow"})


def _toll(token: Token) -> int | None:
    """The dead a death toll gives ("the death toll rose to 30", "a death toll of 12", "the toll
    reached 40"); a toll of something else ("the road toll") gives nothing."""
    kinds = [c for c in token.children if c.dep_ == "compound"]
    if any(lemma(c) not in ("death", "fatality") for c in kinds):
        return None
    values = [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
              for p in c.children if p.dep_ == "pobj"]
    verb = token.head
    if token.dep_ == "nsubj" and lemma(verb) in _TOLL_VERBS:
        values += [c for c in verb.children if c.dep_ in ("attr", "dobj")]
        values += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "at")
                   for p in c.children if p.dep_ == "pobj"]
    found = [number(v) if v.like_num else _low(v) for v in values]
    return next((v for v in found if v is not None), None)


# Verbs under which an infinitive still reports a fact ("was reported to have killed").
_RAISING = frozenset({"report", "say", "believe", "know", "confirm", "seem", "appear",
                      "understand", "think", "claim", "allege", "estimate", "fear"})
_NOT_PEOPLE = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})


def _intended(token: Token) -> bool:
    """A casualty verb in an infinitive says what was meant or threatened, not what happened
    ("made a bid to kill him", "vowed to kill", "tried to kill"), unless a verb of reporting
    raises it ("was reported to have killed")."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return False
    return lemma(token.head) not in _RAISING


def _people(words: list[Token]) -> list[Token]:
    """Victim words that can count people: not a date or time, though people conjoined to one
    still count ("three hours and at least 15 died", as the parser reads it)."""
    out: list[Token] = []
    for word in words:
        if word.ent_type_ not in _NOT_PEOPLE:
            out.append(word)
        else:
            out.extend(c for c in word.conjuncts if c.ent_type_ not in _NOT_PEOPLE)
    return out


def counts(sent: Span, lemmas: dict[int, str] | None = None, words: Words | None = None
           ) -> dict[str, int]:
    """Dead, injured and arrested counts the sentence gives, and the people taking part
    (``lemmas``: the sentence's lemmas by doc index, ``words`` the document's words, when the
    caller has them)."""
    found: dict[str, int] = {}
    if words is not None:
        lemma_at = words.lemma
        seq = [(i, lemma_at[i]) for i in range(sent.start, sent.end)
               if lemma_at[i] in _COUNTED]  # most words: neither a casualty, people nor a toll
    else:
        seq = [(t.i, w) for t in sent
               if (w := lemmas[t.i] if lemmas is not None else lemma(t)) in _COUNTED]
    doc = sent.doc
    for i, word in seq:
        token = doc[i]
        for kind, kind_words in _KINDS.items():
            if word not in kind_words or kind in found or _intended(token):
                continue
            victims = _people(_victims(token))
            value = next((v for v in (_count(t, t is not token) for t in victims)
                          if v is not None), None)
            if value is not None:
                found[kind] = value
        if "people" not in found and word in _PEOPLE and (n := _count(token, person=False)):
            found["people"] = n
        if word == "toll" and (n := _toll(token)) is not None:
            found["dead"] = n  # the toll is the total, whatever else the sentence counts
    return found


_COUNTED = frozenset().union(*_KINDS.values(), _PEOPLE, {"toll"})


def size(found: dict[str, int], event: str, mode: str = "") -> Size:
    """The size of one event of a sentence with these ``counts`` (never guessed).

    Violence (ASSAULT) carries the dead and injured, arrests and protests the arrested,
    protests also the people taking part. Other events carry none of them: a protest held
    "over the death of a student" or a statement condemning "the killing of five villagers" did
    not kill anyone, and counting the toll on them would count it again in every sum. An
    abduction carries none of the sentence's dead: "killed 23 and abducted 40" is two events.
    """
    violence = event == "ASSAULT" and mode != "abduct"
    dead = found.get("dead") if violence else None
    injured = found.get("injured") if violence else None
    arrested = found.get("arrested") if event in ("COERCE", "PROTEST") else None
    people = found.get("people") if event == "PROTEST" else None
    return Size(dead=dead, injured=injured, arrested=arrested, people=people)


# Words that open another incident: its casualties are not the previous attack's.
_OTHER_INCIDENT = frozenset({"separate", "separately", "elsewhere", "meanwhile", "another",
                             "earlier", "unrelated"})
_CASUALTY_WORDS = _KINDS["dead"] | _KINDS["injured"]


def carry(events: Sequence[Event], doc: Doc, sents: Sequence[Span] | None = None,
          words: Words | None = None) -> tuple[Event, ...]:
    """Casualties reported in the sentence after an attack, given to the attack.

    Wire copy often tells the attack, then its toll: "Gunmen attacked the village on Sunday.
    Twelve people were killed." When the next sentence (or the one after it, if the one between
    reports no event) gives dead or injured and reports no event of its own other than that toll
    (a killing or wounding with no actor of its own), and does not open another incident
    ("separately", "in another attack"), the toll belongs to the attack: the attack takes the
    numbers it lacks and the span of the sentence that gave them, and the bare casualty report is
    folded into it, so the toll is counted once. A number the attack already has otherwise stops
    the carry ("killed five ... One more also died" is not a revision we can read), except that a
    "death toll" sentence revises the dead.
    Events are those of one document, in text order, each with its sentence as second span;
    ``sents`` are the document's sentences and ``words`` its words when the caller has them.
    """
    if not any(_open(e) for e in events):
        return tuple(events)  # no attack to give a toll to (the common case: skip the walk)
    by_sentence: dict[int, list[int]] = {}
    for n, event in enumerate(events):
        if len(event.spans) > 1:
            by_sentence.setdefault(event.spans[1].start, []).append(n)
    out = list(events)
    folded: set[int] = set()
    attack: int | None = None
    quiet = 0  # sentences without events since the attack
    for sent in sentences(doc) if sents is None else sents:
        mine = by_sentence.get(sent.start_char, [])
        reports = [n for n in mine if _bare_report(out[n], doc)]
        if attack is not None and quiet <= 1 and len(reports) == len(mine) \
                and not _other_incident(sent, words):
            merged = _absorb(out[attack], counts(sent, None, words), sent,
                             [out[n] for n in reports])
            if merged is not None:
                out[attack] = merged
                folded.update(reports)
                quiet = 0
                continue
        if mine:
            attack = next((n for n in reversed(mine) if _open(out[n])), None)
            quiet = 0
        else:
            quiet += 1
    return tuple(e for n, e in enumerate(out) if n not in folded)


_OTHER_INCIDENT_CODES = frozenset(code(w) for w in _OTHER_INCIDENT)


def _other_incident(sent: Span, words: Words | None) -> bool:
    """Whether the sentence opens another incident ("separately", "in another attack")."""
    if words is None:
        return any(t.lower_ in _OTHER_INCIDENT for t in sent)
    lower = words.lower
    return any(lower[i] in _OTHER_INCIDENT_CODES for i in range(sent.start, sent.end))


def _open(event: Event) -> bool:
    """An attack that could take a toll from the next sentence: a factual ASSAULT, not an
    abduction."""
    return (event.event == "ASSAULT" and "abduct" not in event.mode[:1]
            and not (event.negated or event.hypothetical or event.future))


def _bare_report(event: Event, doc: Doc) -> bool:
    """A killing or wounding told without its own actor ("Twelve people were killed.")."""
    if event.event != "ASSAULT" or event.actors or event.negated or event.hypothetical:
        return False
    span = doc.char_span(event.spans[0].start, event.spans[0].end, alignment_mode="expand")
    return span is not None and lemma(span.root) in _CASUALTY_WORDS


def _absorb(event: Event, found: dict[str, int], sent: Span, reports: list[Event]
            ) -> Event | None:
    """The attack with the dead and injured of the sentence after it, or None when the sentence
    gives none or a number the attack already has otherwise (a death toll revises the dead).
    Victims named by a folded report join the attack's recipients."""
    toll = any(lemma(t) == "toll" for t in sent)
    size = event.size
    for kind in ("dead", "injured"):
        value, have = found.get(kind), getattr(size, kind)
        if value is None or value == have:
            continue
        if have is not None and not (toll and kind == "dead"):
            return None
        size = dataclasses.replace(size, **{kind: value})
    if size == event.size:
        return None
    recipients = list(event.recipients)
    recipients += [r for e in reports for r in e.recipients if r.id not in {a.id for a in
                                                                        recipients}]
    return dataclasses.replace(event, size=size, recipients=tuple(recipients),
                               spans=(*event.spans, TextSpan(sent.start_char, sent.end_char)))
