"""Find the place mentions of a parsed article and turn them into ``Place`` records.

Mentions come from spaCy's named entities (GPE, LOC, FAC) and from what the small model misses
or mislabels (``_recall``): proper-noun runs the gazetteer knows ("Kharkiv" tagged ORG, "Deir ez
Zor" cut to "Deir"), a PERSON right after "in", a dateline, names in parentheses and names
chained behind a place ("Minakulu (Oyam, Northern)", "Alexandria, La."). A mention is dropped
when it is not a place in this use:

- it lies inside a longer person/organisation actor ("Islamic State of Iraq and Syria"; not one
  cut through a bracket, "Barranquilla (Atlantico") or is a person actor itself (not after
  "in" or in a bracketed address: "Ouattagouna village (Ansongo, Gao)");
- it is an adjective or a demonym the model tagged GPE ("Syrian");
- it is a country used as an actor: the subject of a clause, a possessive or a noun modifier
  ("Syria denied", "Russia's army", "US air attacks") — metonymy; "in Syria" stays a place;
- it is an unknown capitalised first word ("Gunmen raided ...") or an unknown short acronym
  ("M23");
- it stays unresolved and is one ordinary English word ("Facilities"; see ``_common_word``).

Every remaining mention is resolved with ``_resolve.resolve``; mentions that resolve to one
place share one ``Place`` (all spans kept); unresolved names keep a ``Place`` with
``geonameid=None``. Ids P1, P2 ... follow the order of first mention.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from spacy.attrs import (
    ENT_IOB,
    ENT_TYPE,
    IS_TITLE,
    IS_UPPER,
    SENT_START,
    SPACY,
)
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventwire.nlp import sentence_of, string_id, text_of, word_columns
from eventwire.places._dateline import dateline
from eventwire.places._index import (
    ABBREVIATION,
    ALTERNATE,
    CONVENTIONAL,
    DEMONYM,
    PRIMARY,
    Candidate,
    Gazetteer,
)
from eventwire.places._resolve import resolve
from eventwire.records import Actor, Article, Found, Place, Span

__all__ = ["find_mentions", "places_from_mentions"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NOT_PLACE_ACTORS = frozenset({"person", "organisation", "group"})
# Names chained behind a mention: "(Oyam, Northern)" or ", La." / ", Bulacan".
# ... also behind a word saying what the mention is: "Kalaiya city (Bara district)", "Ghadir
# al Bostan village, Quneitra".
_KIND = (r"(?:\s+(?:village|town|city|district|area|township|camp|neighbou?rhood|locality|"
         r"sub-county|county|municipality|commune|suburb))?")
_PAREN = re.compile(_KIND + r"\s*\(([A-Z][\w.'’ -]{1,40}?)(?:,\s*([A-Z][\w.'’ -]{1,40}?))?\)")
_COMMA = re.compile(_KIND + r",\s+([A-Z][\w'’-]*\.?(?:\s[A-Z][\w'’-]*\.?){0,2})(?=[\s,;:)]|$)")
_LEADING = re.compile(r"^(?:the|The)\s+")
_ANY_PAREN = re.compile(r"\(([A-Z][^()]{1,120})\)")
_PAREN_ITEM = re.compile(r"[A-Z][\w.'’& -]{1,40}")  # "&": "(J&K)"
# Lower-case words inside place names: "Toluca de Lerdo", "Lanao del Sur", "Rio Grande do Norte".
_PARTICLES = frozenset({"de", "del", "della", "di", "da", "do", "dos", "das", "la", "las", "los",
                        "le", "les", "el", "al", "y", "e", "sur", "upon", "on", "am", "an", "im",
                        "ez", "ed", "es", "az", "ash", "ar", "ad", "wa", "um", "umm", "bin",
                        "ibn", "ben", "van", "von", "der", "den", "en", "'s", "’s"})
_CALENDAR = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec",
    # holidays: "International Workers' Day" is no place called Day
    "day", "week"})
_RECALL_ENTITY_TYPES = frozenset({"", "GPE", "LOC", "FAC", "ORG", "PERSON", "PRODUCT", "NORP"})
# Adjectives that may stand between a preposition and a place: "in central Lancaster".
_AREA_ADJECTIVES = frozenset({"central", "northern", "southern", "eastern", "western",
                              "downtown", "rural", "greater", "north", "south", "east", "west",
                              "northeastern", "northwestern", "southeastern", "southwestern",
                              "upper", "lower", "inner", "outer", "suburban", "urban"})
_LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "around"})
_PLACE_NOUNS = frozenset({"town", "city", "village", "district", "province", "region", "state",
                          "county", "governorate", "municipality", "capital", "port"})
# "in the outskirts of X", "in the heart of X": a part of a place, then the place.
_PARTS_OF_PLACES = frozenset({"outskirts", "suburbs", "heart", "centre", "center", "edge"})
_DIRECTIONS = frozenset({"northern", "southern", "eastern", "western", "central", "northeastern",
                         "northwestern", "southeastern", "southwestern", "north-eastern",
                         "north-western", "south-eastern", "south-western"})
_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "from",
                           "to", "toward", "towards", "into", "of", "throughout", "within",
                           "via", "between", "through"})
# Words that make a proper name an organisation or a thing, not a place.
_ORG_WORDS = re.compile(
    r"\b(?:police|ministry|university|college|school|party|council|company|inc|corp|ltd|"
    r"group|army|forces|bank|court|agency|department|office|news|times|post|journal|tribune|"
    r"association|union|committee|front|brigade|movement|church|hospital|club|fc|airlines?|"
    r"institute|foundation|commission|service|services|network|press|herald|daily|media|"
    r"corporation|authority|board|team|center|centre|house|hall|street|road|avenue|"
    r"confederation|federation|coalition|alliance|organi[sz]ation|administration|government|"
    r"embassy|consulate|parliament|assembly|senate|congress)\b", re.I)


@lru_cache(maxsize=65_536)
def _org_words(name: str) -> bool:
    """Whether a name holds a word of an organisation's or a thing's (``_ORG_WORDS``): the
    long pattern's answer, memoised, as the same names come back article after article."""
    return _ORG_WORDS.search(name) is not None


def _actor_spans(actors: Iterable[Actor], text: str,
                 gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    """The actors' spans (less a trailing comma the model took in: "Ciudad Victoria,"), less
    those cut through a bracket — "Barranquilla (Atlantico" is an address the model read as an
    organisation's name, and blocks no place in it — and less the person and organisation
    actors that are addresses (``_address_actor``)."""
    spans = []
    for actor in actors:
        if actor.text.count("(") != actor.text.count(")"):
            continue
        for span in actor.spans:
            if span.field != "text":
                continue
            end = span.start + len(text[span.start:span.end].rstrip(" ,"))
            if actor.kind in _NOT_PLACE_ACTORS and actor.kind != "group" and _address_actor(
                    text, span.start, end, gazetteer):
                continue
            spans.append((span.start, end, actor.kind))
    return spans


# An actor's text that reads as an address: names joined by commas or spaced dashes
# ("Cuernavaca, Morelos", "Matiacoali, Gourma", "Berlin - Pankow"), or a name and the kind of
# place it is ("Baramulla city").
_ADDRESS_SPLIT = re.compile(r"\s*,\s*|\s+[-–]\s+")
_DASHED = re.compile(r"\s[-–]\s")
_NAME_WORD = r"[A-Z][\w.'’-]*"
_NAME_PART = re.compile(rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|de|del|la|el|al|y|do|da|dos))*")
_KIND_WORDS = frozenset({"city", "town", "village", "district", "province", "county", "region",
                         "state", "governorate", "municipality", "department", "oblast",
                         "township", "upazila", "lga"})
_KIND_WORD = re.compile(r"(.+?)\s+(?:city|town|village|district|province|county|region|state|"
                        r"governorate|municipality|department|oblast|township|upazila|"
                        r"[Ll][Gg][Aa])")


def _address_actor(text: str, start: int, end: int, gazetteer: Gazetteer) -> bool:
    """Whether an actor (a "person" or "organisation" the model made of a place chain) is an
    address: names joined by commas or spaced dashes whose container — the last name after
    commas, the first before a dash ("Berlin - Pankow", wire style for city - district) — the
    gazetteer knows as a country, division or city, or one known place and the kind of place it
    is ("Baramulla city"). Such an actor hides no place: "in Cuernavaca, Morelos", "(Matiacoali,
    Gourma)", "shelled Rubizhne, Luhansk." stay places."""
    name = text[start:end].strip(" ,")
    last = name.rpartition(" ")[2].lower()
    if (last not in _KIND_WORDS and not _ADDRESS_SPLIT.search(name)) or _org_words(name):
        return False  # most actors: neither a kind word last nor a separator
    kind = _KIND_WORD.fullmatch(name)
    if kind and _NAME_PART.fullmatch(kind.group(1)):
        return _known_place(kind.group(1), gazetteer, after_preposition=True)
    parts = _ADDRESS_SPLIT.split(name)
    if len(parts) < 2 or not all(_NAME_PART.fullmatch(part) for part in parts):
        return False
    container = parts[0] if _DASHED.search(name) else parts[-1]
    if not _known_place(container, gazetteer, after_preposition=False):
        return False
    return all(_may_lie_in(part, container, gazetteer) for part in parts if part != container)


def reads_as_place(text: str, start: int, end: int, gazetteer: Gazetteer | None = None) -> bool:
    """Whether a name the model tagged as a person or an organisation is a place all the same,
    so no actor should be made of it: an address chain ("Cuernavaca, Morelos", "Berlin -
    Pankow", "Baramulla city"), or a name the gazetteer knows standing where places are written
    ("shelled Rubizhne", "near Gao", "(Ansongo, Gao)") — a person is rarely "in" something."""
    gazetteer = Gazetteer.default() if gazetteer is None else gazetteer
    if _address_actor(text, start, end, gazetteer):
        return True
    if not _written_as_place(text, start, end):
        return False
    return _known_place(text[start:end].strip(" ,"), gazetteer, after_preposition=True)


def _may_lie_in(name: str, container: str, gazetteer: Gazetteer) -> bool:
    """Whether a place called ``name`` may lie in one called ``container``: the gazetteer has
    one inside the other, or does not know the first name at all (a village too small for it,
    written before its district: "Matiacoali, Gourma"). "Smith, Jones" is no address."""
    inner = [c for c in gazetteer.candidates(name, guesses=False) if c.match != DEMONYM]
    if not inner:
        return True
    outer = gazetteer.candidates(container, guesses=False)
    return any(c.cc == o.cc and c.level > o.level and (
        o.level == 1 or (o.level == 3 and c.a2 == o.gid) or c.a1 == o.a1)
        for o in outer if o.level >= 1 for c in inner)


def _blocked(start: int, end: int, actor_spans: list[tuple[int, int, str]],
             text: str = "") -> bool:
    """True when an actor that is not a country covers the mention (and is not just it). A
    "person" right after a locative preposition ("near Gao", "in northern Mali") is the
    tagger's mistake, not a person: a person is rarely "in" something."""
    for s, e, kind in actor_spans:
        if kind not in _NOT_PLACE_ACTORS or s > start or e < end:
            continue
        if kind == "person" and (e - s) == (end - start) and _written_as_place(text, start,
                                                                                end):
            continue
        if e == end and _KIND_AFTER.match(text, end):
            continue  # "gunmen in Speney Adda of Herat city": the actor cut "Herat city"
        if kind == "person" or (e - s) > (end - start):
            return True
    return False


# A kind of place right after an actor that ends with a place's name: the actor cut through
# the place ("Speney Adda of Herat" + " city").
_KIND_AFTER = re.compile(r"\s+(?:city|town|village|district|province|governorate)\b")


# "Ntamugenga (", "X subdivision (Ansongo, ": a place's name or kind, a bracket, the names
# before this one.
_ADDRESS_BEFORE = re.compile(
    r"(?:\b[A-Z][\w'’-]*|\b(?:village|town|city|district|subdivision|township|area|locality|"
    r"county|municipality|commune|region|province|woreda|cercle|department|upazila|union|"
    r"tehsil|block|LGA|oblast|raion|rayon|governorate|state|neighbou?rhood))\s*"
    r"\(\s*(?:[A-Z][\w'’-]*(?:\s+[\w'’-]+)*\s*,\s*)*$")


def _written_as_place(text: str, start: int, end: int) -> bool:
    """Whether the name at ``[start, end)`` stands where places are written and people are not:
    after a locative preposition ("near Gao"), in a bracketed address, or in a second bracket."""
    return (_locative_before(text, start) or _in_address(text, start)
            or _second_bracket(text, start, end))


def _second_bracket(text: str, start: int, end: int) -> bool:
    """Whether a name fills a bracket opened right after another one closed: "Hays (coded to
    district level) (Al Hudaydah)" — a note's place, then a remark, then its container; not
    "The spokesman (Gao)"."""
    return text[end:end + 1] == ")" and re.search(r"\)\s*\($", text[max(0, start - 4):start]) \
        is not None


def _in_address(text: str, start: int) -> bool:
    """Whether a name stands in a bracketed address behind a place ("Ntamugenga (Rutshuru,
    Nord-Kivu)", "Ouattagouna subdivision (Ansongo, Gao)"): a person is not written there."""
    before = text[max(0, start - 80):start]
    return "(" in before and _ADDRESS_BEFORE.search(before) is not None


def _locative_before(text: str, start: int) -> bool:
    """Whether the words before ``start`` are a locative preposition, perhaps followed by a
    direction ("near", "in northern", "outside eastern")."""
    words = [w.lower().strip(",;:") for w in text[max(0, start - 40):start].split()[-2:]]
    if len(words) == 2 and words[1] == "of" and (words[0] in _PLACE_NOUNS
                                                  or words[0] in _PARTS_OF_PLACES):
        return True  # "the town of Gao", "the province of Idlib", "the outskirts of Puebla"
    if words and words[-1] in _DIRECTIONS:
        words = words[:-1]
    return bool(words) and words[-1] in _LOCATIVE_PREPOSITIONS


def _metonymic(root: Token, name: str, gazetteer: Gazetteer) -> bool:
    """A country name (an entity's text, ``root`` its root) used as an actor: clause subject,
    possessive or noun modifier ("Syria denied", "Russia's army", "US air attacks", "150
    Myanmar military troops")."""
    dep = root.dep_
    if dep == "nmod":
        head = root.head
        modifier = head.pos_ == "NOUN" and head.i > root.i  # "150 Myanmar military troops"
    else:
        modifier = False
    if dep not in ("nsubj", "poss", "compound", "amod") and not modifier:
        return False
    return any(c.level == 1 and c.match in (PRIMARY, ALTERNATE, ABBREVIATION)
               for c in gazetteer.candidates(name, guesses=False))


def _demonym_only(name: str, gazetteer: Gazetteer) -> bool:
    """A demonym ("Syrian") the model tagged as a place: never a place for us."""
    cands = gazetteer.candidates(name)
    return bool(cands) and cands[0].match == DEMONYM  # best match kind first: all are


_TAILS = ("'s", "’s", "-", " and", " ", ",")  # what ``_clean`` trims off a name's end
_TAIL_ENDS = frozenset(tail[-1] for tail in _TAILS)


def _clean(start: int, end: int, text: str) -> tuple[int, int]:
    """Trim a leading "the", a trailing possessive, hyphen or "and", and anything from an
    opening parenthesis on ("Maceio (Alagoas" as the model cut it)."""
    if text.startswith(("the", "The"), start):  # most names: no regex asked
        lead = _LEADING.match(text[start:end])
        if lead and end - start > lead.end():
            start += lead.end()
    paren = text.find("(", start, end)
    if paren > start:
        end = paren
    if end > start and text[end - 1] not in _TAIL_ENDS:
        return start, end  # ends in none of the tails: nothing to trim
    changed = True
    while changed and end > start:
        changed = False
        for tail in _TAILS:
            if text[start:end].endswith(tail) and end - len(tail) > start:
                end -= len(tail)
                changed = True
    return start, end


def _chained(text: str, end: int, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """Names chained right behind a mention that the gazetteer knows as divisions or places."""
    found: list[tuple[int, int]] = []
    paren = _PAREN.match(text, end)
    if paren:
        for group in (1, 2):
            if paren.group(group) and gazetteer.candidates(paren.group(group).strip()):
                found.append((paren.start(group), paren.start(group)
                              + len(paren.group(group).rstrip())))
        return found
    comma = _COMMA.match(text, end)
    if comma:
        name = comma.group(1)
        if ". " in name and len(name[:name.index(". ")].split()[-1]) > 3:
            name = name[:name.index(". ") + 1]  # "Quneitra. Nobody": a sentence ends there
        name_end = comma.start(1) + len(name)
        cands = gazetteer.candidates(name)
        if name.endswith(".") and not any(c.match == ABBREVIATION for c in cands):
            name_end -= 1  # the sentence's full stop, not an abbreviation's ("La.")
            cands = gazetteer.candidates(text[comma.start(1):name_end])
        if any(c.level in (1, 2) or c.match == ABBREVIATION for c in cands) or (
                (comma.group(0)[:1] == " " or _KIND_WORD.fullmatch(name.rstrip(".")))
                and any(c.level == 3 or c.pop >= 100_000 for c in cands)):
            # behind "village", "town" ...: a district or city too ("Kafr Antoun village,
            # Aleppo"); and a name that says it is a division ("X, Mariga LGA")
            found.append((comma.start(1), name_end))
    return found


def _has_container(text: str, end: int, gazetteer: Gazetteer) -> bool:
    """Whether a division or country is chained right behind ``end``: "near Qwazibeki,
    Luhansk" — a name governed by a preposition and followed by its province is a place even
    when the gazetteer does not know it (it stays unresolved; the province locates it)."""
    return any(c.level in (1, 2) for s, e in _chained(text, end, gazetteer)
               for c in gazetteer.candidates(text[s:e]))


def _known_place(name: str, gazetteer: Gazetteer, *, after_preposition: bool) -> bool:
    """Whether a proper name the model did not tag as a place is one all the same: the
    gazetteer knows it by its primary name or an abbreviation (alternate names only for
    divisions), and either a preposition governs it or it names a country, division or city."""
    if _org_words(name):
        return False
    cands = gazetteer.candidates(name, guesses=False)  # guesses are never good below
    good = [c for c in cands if c.match in (PRIMARY, ABBREVIATION, CONVENTIONAL)
            or (c.match == ALTERNATE and c.level <= 3)]
    if not good:
        return False
    return after_preposition or any(c.level <= 3 or c.pop >= 100_000 for c in good)


# Codes of spaCy's tags and of our word lists as ``Doc.to_array`` gives them (a lower-case
# word's code is the hash of the word), so words are tested without reading their strings.
_PROPN = POS_IDS["PROPN"]
_NOUN = POS_IDS["NOUN"]
_MISTAGGED = frozenset({_NOUN, POS_IDS["VERB"]})  # what the tagger may take a name's word for
_IOB_INSIDE = 1  # ENT_IOB: 1 "I", 2 "O", 3 "B", 0 unset
_RECALL_ENTITY_CODES = frozenset(string_id(label) for label in _RECALL_ENTITY_TYPES)
_NORP, _PERSON = string_id("NORP"), string_id("PERSON")
_CALENDAR_CODES = frozenset(string_id(word) for word in _CALENDAR)
_PARTICLE_CODES = frozenset(string_id(word) for word in _PARTICLES)
_AREA_ADJECTIVE_CODES = frozenset(string_id(word) for word in _AREA_ADJECTIVES)
_PREPOSITION_CODES = frozenset(string_id(word) for word in _PREPOSITIONS)
_THE, _HYPHEN = string_id("the"), string_id("-")
# What ``nlp.word_columns`` (the document's shared word table) does not hold.
_COLUMNS = [IS_TITLE, IS_UPPER, ENT_TYPE, ENT_IOB, SENT_START, SPACY]


class _Tokens:
    """What the recall of missed places asks of every word of one document, as plain lists
    read with one ``Doc.to_array`` call: its part of speech, entity type and IOB codes,
    lower-case form's code, sentence-start flag, char offset and length, text's code and
    trailing space (part of speech, lower-case and text codes, offsets and lengths from the
    shared ``nlp.word_columns``). A run of proper nouns is then found without building a
    ``Token`` (and its strings) for each capitalised word, which cost more than the rest of the
    recall."""

    __slots__ = ("ent_iob", "ent_type", "idx", "length", "lower", "orth", "pos", "proper_at",
                 "sent_start", "space", "text")

    def __init__(self, doc: Doc) -> None:
        self.text = text_of(doc)
        words = word_columns(doc)  # shared: read, never changed
        self.pos, self.lower, self.idx = words.pos, words.lower, words.idx
        self.length, self.orth = words.length, words.orth
        if not len(doc):
            self.ent_type, self.ent_iob, self.sent_start, self.space = [], [], [], []
            self.proper_at = frozenset()
            return
        array = doc.to_array(_COLUMNS)
        self.ent_type, self.ent_iob, self.sent_start, self.space = array[:, 2:].T.tolist()
        capitalised = (array[:, 0] | array[:, 1]).nonzero()[0].tolist()
        self.proper_at = frozenset(i for i in capitalised if self._proper(i))

    def _proper(self, i: int) -> bool:
        """Whether the capitalised word ``i`` may be part of a place name the model missed."""
        pos, ent_type = self.pos[i], self.ent_type[i]
        # a proper noun, or a named entity's word the tagger took for a noun ("in central
        # Lancaster") or a verb ("in Norrkoping", read as a gerund): asked first, as most
        # capitalised words fail it
        if pos != _PROPN and not (ent_type and pos in _MISTAGGED and self.sent_start[i] != 1):
            return False
        if self.lower[i] in _CALENDAR_CODES:
            return False
        if ent_type not in _RECALL_ENTITY_CODES and not self._cut_by_bracket(i):
            return False  # a date, a sum ...; but "Barrancabermeja (Santander" is no title
        if ent_type == _NORP and not self.after_preposition(i):
            return False  # "in Aleppo governorate" tagged NORP; "Syrian forces" is no place
        if ent_type == _PERSON:  # only "in Cartagena": a person is rarely "in" something
            ent_start = i
            while ent_start > 0 and self.ent_iob[ent_start] == _IOB_INSIDE:
                ent_start -= 1
            return _locative_before(self.text, self.idx[ent_start])
        return True

    def _cut_by_bracket(self, i: int) -> bool:
        """Whether word ``i`` lies in an entity that an opening or closing bracket cuts
        through ("Barrancabermeja (Santander" as a work of art): the model misread an address,
        and its type says nothing of the names in it."""
        start = end = i
        while start > 0 and self.ent_iob[start] == _IOB_INSIDE:
            start -= 1
        while end + 1 < len(self.ent_iob) and self.ent_iob[end + 1] == _IOB_INSIDE:
            end += 1
        name = self.text[self.idx[start]:self.idx[end] + self.length[end]]
        return name.count("(") != name.count(")")

    def joins(self, i: int) -> bool:
        """An in-word hyphen or a particle ("de la") between two parts of one proper name."""
        lower = self.lower
        if self.space[i] == 0 and self.orth[i] == _HYPHEN:
            return i + 1 in self.proper_at
        if lower[i] not in _PARTICLE_CODES:
            return False
        after = i + 1
        while after < len(lower) and lower[after] in _PARTICLE_CODES:
            after += 1
        return after - i <= 2 and after in self.proper_at

    def runs(self) -> Iterable[tuple[int, int]]:
        """Maximal runs ``(first, end)`` of proper-noun words (joined by in-word hyphens and
        particles), by token index: a run starts at a proper word and goes on over proper
        words and joiners."""
        n = len(self.lower)
        end = 0
        for start in sorted(self.proper_at):
            if start < end:
                continue  # inside the last run
            end = start + 1
            while end < n and (end in self.proper_at or self.joins(end)):
                end += 1
            yield start, end

    def chars(self, start: int, end: int) -> tuple[int, int]:
        """The char offsets of the words ``[start, end)``."""
        return self.idx[start], self.idx[end - 1] + self.length[end - 1]

    def after_preposition(self, i: int) -> bool:
        """Whether a preposition stands before word ``i``, perhaps with "the" and an area
        adjective between ("in the central ...")."""
        lower = self.lower
        i -= 1
        if i >= 0 and lower[i] in _AREA_ADJECTIVE_CODES:  # "in central Lancaster"
            i -= 1
        if i >= 0 and lower[i] == _THE:
            i -= 1
        return i >= 0 and lower[i] in _PREPOSITION_CODES


def _recall(doc: Doc, gazetteer: Gazetteer, taken: list[tuple[int, int]],
            places_taken: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """Places the model tagged as something else or not at all: proper-noun runs the
    gazetteer knows (see ``_known_place``), also where they extend a place the model cut short
    ("Deir" of "Deir ez Zor"), a dateline, parenthesised "(Oyam, Northern)"."""
    found: list[tuple[int, int]] = []
    text = text_of(doc)
    head = dateline(text)
    if head and gazetteer.candidates(head.group(1)):
        found.append((head.start(1), head.end(1)))
    tokens = _Tokens(doc)
    for first, last in tokens.runs():
        start, end = _clean(*tokens.chars(first, last), text)
        overlapping = [(s, e) for s, e in taken if s < end and start < e]
        if overlapping and not all(start <= s and e <= end and (s, e) != (start, end)
                                   and (s, e) in places_taken for s, e in overlapping):
            continue  # overlaps a non-place entity, or is a NER place already
        after = tokens.after_preposition(first)
        if _known_place(text[start:end], gazetteer, after_preposition=after) or (
                after and _has_container(text, end, gazetteer)):
            found.append((start, end))
    for paren in _ANY_PAREN.finditer(text):
        for item in _PAREN_ITEM.finditer(text, paren.start(1), paren.end(1)):
            name = item.group(0).rstrip()
            if _known_place(name, gazetteer, after_preposition=True):
                found.append((item.start(), item.start() + len(name)))
            elif " - " in name:  # "(Gwangju - Dong)": city - district, each part on its own
                offset = item.start()
                for part in name.split(" - "):
                    if part and _known_place(part, gazetteer, after_preposition=True):
                        found.append((offset, offset + len(part)))
                    offset += len(part) + 3
    return found


def find_mentions(doc: Doc, found: Found, gazetteer: Gazetteer) -> list[tuple[str, int, int]]:
    """Place mentions of a parsed text: ``(text, start, end)`` in text order, no overlaps."""
    text = text_of(doc)
    actor_spans = _actor_spans(found.actors, text, gazetteer)
    spans: dict[tuple[int, int], None] = {}
    taken: list[tuple[int, int]] = []
    places_taken: set[tuple[int, int]] = set()  # the entities the model tagged as places
    ents = doc.ents  # spaCy builds every entity's ``Span`` anew on each access: once here
    for ent in ents:
        label, ent_start, ent_end = ent.label_, ent.start_char, ent.end_char
        name = text[ent_start:ent_end]  # ``ent.text``, without spaCy joining its tokens
        person = label == "PERSON" and not _locative_before(text, ent_start)
        organisation = (label == "ORG" and _org_words(name)
                        and name.count("(") == name.count(")"))  # not "Labe (Labe Centre"
        if person or organisation:
            taken.append((ent_start, ent_end))
        if label not in PLACE_LABELS:
            continue
        taken.append((ent_start, ent_end))
        places_taken.add((ent_start, ent_end))
        root = ent.root  # worked out by spaCy on every access
        if root.pos_ == "ADJ" or _demonym_only(name, gazetteer):
            continue
        start, end = _clean(ent_start, ent_end, text)
        if _blocked(*_whole_hyphenated(text, start, end, gazetteer), actor_spans, text) or (
                _metonymic(root, name, gazetteer)):
            continue
        spans[(start, end)] = None
        for extra in _chained(text, end, gazetteer):
            spans[extra] = None
    for pair in _person_addresses(ents, text, gazetteer):
        spans.update(dict.fromkeys(pair))
    for start, end in _recall(doc, gazetteer, taken, places_taken):
        # judged as the whole hyphenated name it becomes below: "Natal" of "KwaZulu-Natal"
        if not _blocked(*_whole_hyphenated(text, start, end, gazetteer), actor_spans, text):
            spans[(start, end)] = None
            for extra in _chained(text, end, gazetteer):  # "in Ghadir al Bostan village, Quneitra"
                spans.setdefault(extra, None)
    spans = _split_dashed(spans, text, gazetteer)
    spans = {_whole_hyphenated(text, s, e, gazetteer): None for s, e in spans}
    spans = {_without_direction(text, s, e, gazetteer): None for s, e in spans}
    spans = {_after_in(text, s, e, gazetteer): None for s, e in spans}
    spans = {se: None for se in spans if not _sentence_initial_unknown(doc, se, gazetteer)
             and not _code_like(text, se[0], se[1], gazetteer)
             and not _numbered(text, se[0], se[1])}
    kept: list[tuple[str, int, int]] = []
    last_end = -1
    for start, end in sorted(spans, key=lambda se: (se[0], -se[1])):
        if start >= last_end and end > start:
            kept.append((text[start:end], start, end))
            last_end = end
    return _merge_conjoined(kept, text, gazetteer)


# ", Luhansk." — the container behind a name, then the end of the clause.
_CONTAINER_END = re.compile(r",\s+([A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?)(?=[.;:)]|$)")


def _person_addresses(ents: tuple[SpacySpan, ...], text: str,
                      gazetteer: Gazetteer) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Town, province pairs the model read as people ("Russian forces shelled Rubizhne,
    Luhansk."): a PERSON name followed by a comma, a name and the end of the clause is a place
    and its admin-1 division when the gazetteer has the first inside the second, or — the
    second read as a person too — does not know the first at all (``_unknown_village``).
    (After a preposition the usual recall finds them.)"""
    pairs = []
    for ent in ents:  # the document's entities
        if ent.label_ != "PERSON":
            continue
        behind = _CONTAINER_END.match(text, ent.end_char)
        if behind is None or _locative_before(text, ent.start_char):
            continue
        divisions = {(c.cc, c.a1) for c in gazetteer.candidates(behind.group(1), guesses=False)
                     if c.level == 2 and c.match in (PRIMARY, ALTERNATE)}
        if not divisions:
            continue
        first = gazetteer.candidates(ent.text, guesses=False)
        if any(c.match == PRIMARY and c.level > 2 and (c.cc, c.a1) in divisions
               for c in first) or (not first and _unknown_village(ent.text, behind.group(1),
                                                                  gazetteer)
                                   and not any(e.start_char == behind.start(1)
                                               and e.label_ in PLACE_LABELS for e in ents)):
            pairs.append(((ent.start_char, ent.end_char), (behind.start(1), behind.end(1))))
    return pairs


def _unknown_village(name: str, container: str, gazetteer: Gazetteer) -> bool:
    """Whether "X, Y", both read as people, with Y a first-level division's one-word name and
    X a name the gazetteer does not know at all, is a village and its province ("shelled
    Bila Hora, Luhansk."). A person and a state the model tagged as a place stay a person
    ("questioned John Smith, Texas.")."""
    return " " not in container and not _org_words(name) and any(
        c.level == 2 and c.match in (PRIMARY, ALTERNATE) for c in gazetteer.candidates(
            container, guesses=False))


def _code_like(text: str, start: int, end: int, gazetteer: Gazetteer) -> bool:
    """A short upper-case token that is an organisation's acronym, not a place: "M23", "SAC",
    "SUD" (a union, though Haiti has a Sud department), "NC" (a party, though it is North
    Carolina's postal code). Country abbreviations ("US", "UAE") stand alone; division codes
    count only behind a place: "Raleigh, NC", "Sydney (NSW)"."""
    name = text[start:end]
    compact = name.replace(".", "")
    inner_capital = any(ch.isupper() for ch in compact[1:])
    if len(compact) > 4 or not (inner_capital or compact.isupper()):
        return False
    cands = gazetteer.candidates(name)
    if any(c.match == ABBREVIATION and c.level == 1 for c in cands):
        return False
    behind_a_place = text[max(0, start - 2):start] in (", ", "(") or text[start - 1:start] == "("
    return not (behind_a_place and any(c.match in (ABBREVIATION, PRIMARY) and c.level <= 2
                                       for c in cands))


def _numbered(text: str, start: int, end: int) -> bool:
    """A name followed by a number is a label, not a place: "No. 7 ward", "Route 9" (but
    "in Kharkiv. 7 people" ends a sentence)."""
    gap = text[end:end + 3]
    if end - start <= 3 and gap[:1] == ".":
        gap = gap[1:]
    return bool(re.match(r"\s?\d", gap))


def _sentence_initial_unknown(doc: Doc, span: tuple[int, int], gazetteer: Gazetteer) -> bool:
    """A capitalised first word the model took for a place ("Gunmen raided ...") that the
    gazetteer does not know: a common noun, not a place."""
    mention = doc.char_span(span[0], span[1], alignment_mode="expand")
    if mention is None or not len(mention):
        return False
    first = mention[0]  # a sentence starts at the mention: its first token opens its sentence
    if first.idx != span[0] or sentence_of(first).start != first.i:
        return False
    return len(mention) == 1 and not gazetteer.candidates(mention.text)


_WORD_CHARS = re.compile(r"[\w'’-]")
_HYPHEN_PARTICLE = re.compile(r"-(?:[a-z]{1,3})-")


def _whole_hyphenated(text: str, start: int, end: int,
                      gazetteer: Gazetteer) -> tuple[int, int]:
    """A mention that is part of a hyphenated word ("Mazar" of "Mazar-i-Sharif") becomes the whole
    word when the gazetteer knows it or it is a transliterated name joined by a particle
    ("-i-", "-e-", "-al-"): a part of a name is never the place. "Kyiv-based" stays "Kyiv"."""
    left, right = start, end
    while left > 0 and _WORD_CHARS.match(text[left - 1]):
        left -= 1
    while right < len(text) and _WORD_CHARS.match(text[right]):
        right += 1
    while right > end and text[right - 1] == "-":
        right -= 1
    while left < start and text[left] == "-":
        left += 1
    if (left, right) == (start, end) or "-" not in text[left:right]:
        return start, end
    whole = text[left:right]
    if _HYPHEN_PARTICLE.search(whole) or gazetteer.candidates(whole):
        return left, right
    return start, end


def _without_direction(text: str, start: int, end: int,
                       gazetteer: Gazetteer) -> tuple[int, int]:
    """"Eastern Mosul", "Southern Idlib": a direction adjective the model took into the
    name is dropped when the whole is unknown and the rest is a place ("Northern Ireland" and
    "Central African Republic" are names and stay whole)."""
    first, _space, rest = text[start:end].partition(" ")
    if first.lower() not in _DIRECTIONS or not rest or gazetteer.candidates(text[start:end]):
        return start, end
    if gazetteer.candidates(rest):
        return end - len(rest), end
    return start, end


def _after_in(text: str, start: int, end: int, gazetteer: Gazetteer) -> tuple[int, int]:
    """"City Hall in Malmo": a mention the model ran on over "in" is the place after it, when
    the whole is unknown and the rest is a place ("Stratford in Ontario" stays whole only if
    known as one name; it is not)."""
    head, found, rest = text[start:end].rpartition(" in ")
    if not found or not head or not rest[:1].isupper() or gazetteer.candidates(text[start:end]):
        return start, end
    if _known_place(rest, gazetteer, after_preposition=True):
        return end - len(rest), end
    return start, end


def _split_dashed(spans: dict[tuple[int, int], None], text: str,
                  gazetteer: Gazetteer) -> dict[tuple[int, int], None]:
    """Split "Baghdad - Karkh" (city - district, as some wire styles write it) into its parts
    when the whole name is unknown; and a chain the model took for one name ("Zacatecas,
    Zacatecas", "Gomez Palacio, Durango") when the whole is unknown and every part known."""
    result: dict[tuple[int, int], None] = {}
    for start, end in spans:
        piece = text[start:end]
        if " - " in piece and not gazetteer.candidates(piece):
            offset = start
            for part in piece.split(" - "):
                if part.strip():
                    result[(offset, offset + len(part.rstrip()))] = None
                offset += len(part) + 3
        elif ", " in piece and _known_parts(piece, gazetteer):
            offset = start
            for part in piece.split(", "):
                result[(offset, offset + len(part))] = None
                offset += len(part) + 2
        else:
            result[(start, end)] = None
    return result


def _known_parts(piece: str, gazetteer: Gazetteer) -> bool:
    """Whether an unknown name is a comma chain of known names ("Zacatecas, Zacatecas")."""
    parts = piece.split(", ")
    return not gazetteer.candidates(piece) and all(
        part.strip() == part and part and gazetteer.candidates(part) for part in parts)


def _merge_conjoined(kept: list[tuple[str, int, int]], text: str,
                     gazetteer: Gazetteer) -> list[tuple[str, int, int]]:
    """Join "Bosnia" + "Herzegovina" ("Port" + "Spain") when "Bosnia and Herzegovina" ("Port
    of Spain") is itself a place name; and "Bogota" + "D.C." when "Bogota, D.C." is a
    division's own name (Colombia's capital district), not a town and its container: read
    apart, "D.C." would be the District of Columbia and the capital its misfit."""
    merged: list[tuple[str, int, int]] = []
    for item in kept:
        if merged:
            _n, start, end = merged[-1]
            gap = text[end:item[1]]
            joined = text[start:item[2]]
            deepest = 2 if gap.strip() in ("and", "&", "of", "") and gap else (
                3 if gap == ", " else -1)
            if deepest >= 0 and any(c.level <= deepest and c.match == PRIMARY
                                    for c in gazetteer.candidates(joined, guesses=False)):
                merged[-1] = (joined, start, item[2])
                continue
        merged.append(item)
    return merged


def _common_word(name: str) -> bool:
    """An unresolved one-word "place" that is an ordinary English word ("Facilities",
    "Package", "Building"): a common noun capitalised by a headline, a sentence start the
    parser missed or case restoration of an all-capitals wire, not a place. (A known place
    that is also a word, "Reading" or "Buffalo", resolves and is kept.)"""
    if " " in name or not name.isalpha() or name.isupper():
        return False
    # the parser's own word lists (WordNet lemmas and spaCy's stop words), which case
    # restoration loads too
    return _english_word()(name)


@lru_cache(maxsize=1)
def _english_word() -> Callable[[str], bool]:
    """Case restoration's English-word test, imported on first use (not with this module)."""
    from eventwire.ingest.casing import english_word

    return english_word


def _place(number: int, first_text: str, cand: Candidate | None, spans: list[Span],
           gazetteer: Gazetteer) -> Place:
    if cand is None:
        return Place(id=f"P{number}", text=first_text, spans=tuple(spans))
    division = gazetteer.admin1(cand.cc, cand.a1) if cand.level >= 2 else None
    return Place(
        id=f"P{number}", text=first_text, name=cand.name,
        geonameid=cand.gid if cand.gid > 0 else None, feature_code=cand.fcode,
        lat=cand.lat, lon=cand.lon, admin1=division.name if division else None,
        admin1_code=f"{cand.cc}.{cand.a1}" if division else None,
        country=gazetteer.iso3(cand.cc), source="geonames" if cand.gid > 0 else "curated",
        spans=tuple(spans))


# Actors whose country says little of where the story happens: armed forces and rebels act
# abroad ("Turkish warplanes struck ... in Duhok").
_ABROAD_SECTORS = frozenset({"MIL", "REB"})
_NAMED_KINDS = frozenset({"person", "group", "organisation"})


def actor_countries(actors: Iterable[Actor], mentions: list[tuple[str, int, int]],
                    gazetteer: Gazetteer) -> frozenset[str]:
    """The countries (ISO-2) of the article's named actors — a party, union or person the
    actors stage knows ("the Labour Party"), or one written with a country adjective ("the
    French president") — as evidence of where the story happens. Not armed forces or rebels,
    who act abroad, nor an actor written with a place name, whose country is the place's
    (a name the gazetteer does not know is no place: "the Gulf Clan")."""
    found: set[str] = set()
    for actor in actors:
        if not actor.country or actor.sector in _ABROAD_SECTORS or not actor.spans:
            continue
        cc = gazetteer.iso2(actor.country)
        if cc is None or cc in found:
            continue
        if actor.kind not in _NAMED_KINDS and not any(
                word[:1].isupper() and gazetteer.demonym_country(word.strip(".,;:'’"))
                for word in actor.text.split()):
            continue
        span = actor.spans[0]
        if any(start < span.end and span.start < end and gazetteer.candidates(name)
               for name, start, end in mentions):
            continue
        found.add(cc)
    return frozenset(found)


def places_from_mentions(mentions: list[tuple[str, int, int]], text: str,
                         gazetteer: Gazetteer, actors: Iterable[Actor] = ()
                         ) -> tuple[Place, ...]:
    """Resolve mentions and group them: one ``Place`` per resolved place or unresolved name.
    ``actors`` (the actors stage's) may say the country of the story (``actor_countries``)."""
    resolved = resolve(gazetteer, mentions, text,
                       actor_hints=(lambda: actor_countries(actors, mentions, gazetteer))
                       if actors else None)
    groups: dict[object, tuple[str, Candidate | None, list[Span]]] = {}
    for (name, start, end), cand in zip(mentions, resolved, strict=True):
        if cand is None and _common_word(name):
            continue
        key: object = cand.gid if cand is not None else ("?", name.lower())
        if key not in groups:
            groups[key] = (name, cand, [])
        groups[key][2].append(Span(start, end))
    return tuple(_place(i, name, cand, spans, gazetteer)
                 for i, (name, cand, spans) in enumerate(groups.values(), start=1))


def extract_places(doc: Doc, article: Article, found: Found,
                   gazetteer: Gazetteer) -> tuple[Place, ...]:
    """The places of one parsed article."""
    del article  # offsets are into doc.text, which is the article's text
    return places_from_mentions(find_mentions(doc, found, gazetteer), text_of(doc), gazetteer,
                                found.actors)
