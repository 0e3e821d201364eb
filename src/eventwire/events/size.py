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

__all__ = ["number", "size"]

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
                           "hold", "capture", "remand"}),
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


def _count(token: Token) -> int | None:
    """The number counting the people a noun (or number) stands for, summed over conjuncts."""
    total = 0
    for t in (token, *token.conjuncts):
        value = number(t) if t.pos_ == "NUM" or t.like_num else None
        if value is None:
            nums = [number(c) for c in t.children if c.dep_ == "nummod"]
            value = next((n for n in nums if n is not None), None)
        if value is None:
            return None if total == 0 else total
        total += value
    return total or None


def _victims(word: Token) -> list[Token]:
    """The words that name who a casualty word is about."""
    if word.pos_ in ("VERB", "AUX"):
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in word.children)
        deps = ("nsubj",) if lemma(word) in ("die", "perish") else \
            ("nsubjpass",) if passive else ("dobj",)
        found = [c for c in word.children if c.dep_ in deps]
        if not found and passive and word.dep_ in ("acl", "relcl"):
            found = [word.head]
        return found
    if word.pos_ == "ADJ":
        subj = [c for c in word.children if c.dep_ in ("nsubj", "npadvmod")]
        if subj:
            return subj
        if word.dep_ in ("oprd", "ccomp", "xcomp", "acomp"):
            return [c for c in word.head.children if c.dep_ in ("dobj", "nsubj")]
        if word.dep_ == "amod":
            return [word.head]
        return [c for c in word.lefts if c.like_num] or ([word.head] if word.head.like_num
                                                          else [])
    return [word]


def size(sent: Span, event: str, mode: str = "") -> Size:
    """The size of an event of this sentence (numbers are whole people, never guessed).

    Violence carries the dead and injured, arrests the arrested; other events carry all three.
    """
    counts: dict[str, int] = {}
    for token in sent:
        word = lemma(token)
        for kind, words in _KINDS.items():
            if word not in words or kind in counts:
                continue
            value = next((v for v in map(_count, _victims(token)) if v is not None), None)
            if value is not None:
                counts[kind] = value
    people = None
    if event == "PROTEST":
        people = next((n for t in sent if lemma(t) in _PEOPLE and (n := _count(t))), None)
    if event == "ASSAULT":
        counts.pop("arrested", None)
    elif event == "COERCE" and mode == "arrest":
        counts.pop("dead", None)
        counts.pop("injured", None)
    return Size(dead=counts.get("dead"), injured=counts.get("injured"),
                arrested=counts.get("arrested"), people=people)
