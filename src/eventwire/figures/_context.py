"""What a number phrase counts and what is said about it, read from the dependency parse.

``counted`` finds the counted noun ("five *soldiers*", "dozens *of fighters*", "40 *of whom*");
``predicate`` finds the verb phrase the counted group is the subject or object of ("have crossed
into the province", "were arrested").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventwire.figures._lexicon import Lexicon
from eventwire.figures._phrase import Phrase
from eventwire.records import record

__all__ = ["Counted", "counted", "predicate", "top_token"]

_NOUNS = frozenset({"NOUN", "PROPN"})
_STOP = frozenset({",", ";", ":", ".", "—", "–", "(", ")", '"', "“", "”", "?", "!"})
_SUBJECT = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
_OBJECT = frozenset({"dobj", "obj", "attr", "oprd", "dative"})
_LEFT_OF_VERB = frozenset({"aux", "auxpass", "neg", "advmod"})
_MAX_PREDICATE = 30


@record
class Counted:
    """The counted noun of a phrase: its head token, the unit text and the tokens it spans."""

    head: Token | None = None
    unit: str | None = None
    end: int = 0  # token index after the counted words (the phrase end if none)
    relative: bool = False  # "40 of whom", "half of them": counts a group named earlier
    of_phrase: bool = False  # reached through "of" ("dozens of fighters")
    verb: str | None = None  # "a third of those abducted": the group is who was abducted


def counted(doc: Doc, phrase: Phrase, lex: Lexicon) -> Counted:
    """The noun the phrase counts, if the parse or the word order shows one."""
    if phrase.end < len(doc) and doc[phrase.end].lower_ == "of":
        return _of_noun(doc, phrase, lex)
    anchor = doc[phrase.num_end - 1]
    head = anchor.head
    while phrase.start <= head.i < phrase.end and head.head.i != head.i:
        head = head.head
    if (head.i >= phrase.end and head.pos_ in _NOUNS and head.i - phrase.end <= 4
            and anchor.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "appos",
                                "predet")):
        return _unit(doc, phrase.end, head, lex)
    return _next_noun(doc, phrase, lex)


def _of_noun(doc: Doc, phrase: Phrase, lex: Lexicon) -> Counted:
    """ "dozens of fighters", "half of the prisoners", "40 of whom"."""
    of = doc[phrase.end]
    objects = [c for c in of.children if c.dep_ == "pobj"]
    if not objects and phrase.end + 1 < len(doc):
        objects = [doc[phrase.end + 1]]
    if not objects:
        return Counted(end=phrase.end)
    noun = objects[0]
    described = [c for c in noun.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
    if noun.pos_ == "PRON" and described:  # "of those abducted", "of those who were held"
        verb = described[0]
        return Counted(end=verb.right_edge.i + 1, relative=True, of_phrase=True,
                       verb=verb.lemma_.lower())
    if noun.lower_ in lex.relative_pronouns:
        return Counted(end=noun.i + 1, relative=True, of_phrase=True)
    if noun.pos_ not in _NOUNS and noun.pos_ != "NUM":
        return Counted(end=phrase.end)
    start = phrase.end + 1
    while start < noun.i and doc[start].dep_ in ("det", "poss", "case", "predet"):
        start += 1
    found = _unit(doc, start, noun, lex)
    return Counted(found.head, found.unit, found.end, of_phrase=True)


def _next_noun(doc: Doc, phrase: Phrase, lex: Lexicon) -> Counted:
    """The first noun after the number over adjectives ("five British nationals")."""
    j = phrase.end
    if j < len(doc) and doc[j].lower_ in ("a", "an"):  # "half an hour"
        j += 1
    last: Token | None = None
    while j < len(doc) and j - phrase.end < 4 and doc[j].pos_ in ("ADJ", "NOUN", "PROPN"):
        if doc[j].pos_ in _NOUNS:
            last = doc[j]
        j += 1
    if last is None:
        return Counted(end=phrase.end)
    return _unit(doc, phrase.end, last, lex)


def _unit(doc: Doc, start: int, noun: Token, lex: Lexicon) -> Counted:
    """The unit text: modifiers between the number and the noun, the noun, and a participle
    right after it ("people killed")."""
    end = noun.i + 1
    if end < len(doc) and doc[end].dep_ == "acl" and doc[end].tag_ in ("VBN", "VBG") \
            and doc[end].head.i == noun.i and not list(doc[end].children):
        end += 1
    words = [t.text for t in doc[start:end] if t.pos_ != "PUNCT" or t.text == "-"]
    while words and words[0] == "-":  # "six-member team": the unit starts after the hyphen
        words = words[1:]
    return Counted(noun, " ".join(words).replace(" - ", "-") or None, end)


def top_token(doc: Doc, start: int, end: int) -> Token:
    """The token of ``doc[start:end]`` whose head lies outside it (the phrase's syntactic head)."""
    best = doc[end - 1]
    for token in doc[start:end]:
        if not start <= token.head.i < end or token.head.i == token.i:
            best = token
    return best


def governing_verb(top: Token) -> str | None:
    """Lemma of the verb the counted group is an argument of ("40 were arrested" -> arrest)."""
    while top.dep_ in ("conj", "appos") and top.head.i != top.i:
        top = top.head
    head = top.head
    if top.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        head = head.head
    return head.lemma_.lower() if head.pos_ == "VERB" and head.i != top.i else None


def predicate(doc: Doc, top: Token) -> str | None:
    """The verb phrase the counted group takes part in, or None when it is not an argument."""
    while top.dep_ in ("conj", "appos") and top.head.i != top.i:
        top = top.head
    if top.dep_ in _SUBJECT:
        return _verb_phrase(doc, top.head, top.right_edge.i + 1)
    if top.dep_ in _OBJECT and top.head.pos_ in ("VERB", "AUX"):
        return _verb_group(doc, top.head)
    prep = top.head
    if top.dep_ == "pobj" and prep.dep_ in ("prep", "agent") and prep.head.pos_ == "VERB":
        return f"{_verb_group(doc, prep.head)} {prep.text}"
    if top.dep_ == "pobj" and prep.lower_ == "of" and prep.head.pos_ == "NOUN" \
            and prep.head.i != top.i:  # "the bodies of twelve civilians were found"
        return predicate(doc, prep.head)
    return None


def _verb_group(doc: Doc, verb: Token) -> str:
    """The verb with its auxiliaries, negation and particle ("have not arrested", "rounded up")."""
    tokens = [c for c in verb.lefts if c.dep_ in ("aux", "auxpass", "neg")]
    tokens += [verb] + [c for c in verb.rights if c.dep_ == "prt"]
    return " ".join(t.text for t in sorted(tokens, key=lambda t: t.i))


def _verb_phrase(doc: Doc, verb: Token, after_subject: int) -> str | None:
    """From the first auxiliary after the subject to the end of the verb's clause, cut at the
    first comma, semicolon or coordinated clause."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    start = verb.i
    if after_subject <= verb.i and all(
            t.head.i == verb.i and t.dep_ in _LEFT_OF_VERB for t in doc[after_subject:verb.i]):
        start = after_subject
    stop = min((t.left_edge.i for t in doc[verb.i + 1:verb.right_edge.i + 1]
                if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX")), default=verb.right_edge.i + 1)
    end = verb.i + 1
    for token in doc[verb.i + 1:stop]:
        if token.text in _STOP or "\n" in token.text or (
                token.head.i == verb.i and token.dep_ in ("cc", "conj")):
            break
        if token.i - start >= _MAX_PREDICATE:
            break
        end = token.i + 1
    while end > verb.i + 1 and doc[end - 1].dep_ == "cc":
        end -= 1
    return doc[start:end].text or None
