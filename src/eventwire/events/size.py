"""How many were killed, injured, arrested or took part, when the sentence says so.

A casualty word (killed, dead, wounded, arrested, ...) is tied to the number that counts its
people through the parse: the object of an active verb ("killing 12 people"), the subject of a
passive one ("five people were killed", "40 of whom were arrested"), the noun an adjective
describes ("leaving three dead") or a number on the noun itself ("two deaths"). Conjoined groups
add up ("three soldiers and two civilians were killed"). Numbers without a casualty word say
nothing about casualties and are ignored.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventwire.events.triggers import lemma
from eventwire.records import Size

__all__ = ["counts", "number", "size"]

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
        value = number(t) if t.pos_ == "NUM" or t.like_num else None
        if value is None:
            nums = [_low(c) for c in t.children if c.dep_ == "nummod"]
            value = next((n for n in nums if n is not None), None)
        if value is None and person and _one_person(t):
            value = 1
        if value is None:
            return None if total == 0 else total
        total += value
    return total or None


_COLLECTIVE = frozenset({"police", "family", "crew", "group", "gang", "team", "force", "army",
                         "mob", "crowd", "village", "people", "staff", "unit", "public"})


def _one_person(token: Token) -> bool:
    """A single named or determined person ("a policeman", "the driver", "his wife", "Rahul")."""
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
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in word.children)
        deps = ("nsubj",) if lemma(word) in ("die", "perish") else \
            ("nsubjpass",) if passive else ("dobj",)
        found = [c for c in word.children if c.dep_ in deps]
        if not found and word.tag_ == "VBN" and word.dep_ in ("acl", "relcl"):
            found = [word.head]  # "twelve injured", "a man shot dead"
        if not found and word.dep_ == "conj" and word.head.pos_ in ("VERB", "AUX"):
            found = [c for c in word.head.children  # "was shot and killed"
                     if c.dep_ == ("nsubjpass" if passive or word.tag_ == "VBN" else "dobj")]
        return found
    if word.pos_ == "ADJ":
        subj = [c for c in word.children if c.dep_ in ("nsubj", "npadvmod")]
        if subj:
            return subj
        if word.dep_ in ("oprd", "ccomp", "xcomp", "acomp"):
            return [c for c in word.head.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
        if word.dep_ == "amod":
            return [word.head]
        return [c for c in word.lefts if c.like_num] or ([word.head] if word.head.like_num
                                                          else [])
    return [word]


def counts(sent: Span) -> dict[str, int]:
    """Dead, injured and arrested counts the sentence gives, and the people taking part."""
    found: dict[str, int] = {}
    for token in sent:
        word = lemma(token)
        for kind, words in _KINDS.items():
            if word not in words or kind in found:
                continue
            victims = _victims(token)
            value = next((v for v in (_count(t, t is not token) for t in victims)
                          if v is not None), None)
            if value is not None:
                found[kind] = value
        if "people" not in found and word in _PEOPLE and (n := _count(token)):
            found["people"] = n
    return found


def size(found: dict[str, int], event: str, mode: str = "") -> Size:
    """The size of one event of a sentence with these ``counts`` (never guessed).

    Violence carries the dead and injured, arrests the arrested, protests also the people
    taking part; other events carry the casualties the sentence reports. An abduction carries
    none of the sentence's dead: "killed 23 and abducted 40" is two events, and counting the 23
    on both would double the toll in every sum.
    """
    dead, injured, arrested = found.get("dead"), found.get("injured"), found.get("arrested")
    if event == "ASSAULT":
        arrested = None
        if mode == "abduct":
            dead = injured = None
    elif event == "COERCE" and mode == "arrest":
        dead = injured = None
    people = found.get("people") if event == "PROTEST" else None
    return Size(dead=dead, injured=injured, arrested=arrested, people=people)
