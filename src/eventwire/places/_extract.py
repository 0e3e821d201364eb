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

import bisect
import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from spacy.attrs import IS_TITLE, IS_UPPER
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventwire.nlp import sentence_of, text_of
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
    if (last not in _KIND_WORDS and not _ADDRESS_SPLIT.search(name)) or _ORG_WORDS.search(name):
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
        if kind == "person" or (e - s) > (end - start):
            return True
    return False


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


def _metonymic(ent: SpacySpan, gazetteer: Gazetteer) -> bool:
    """A country name used as an actor: clause subject, possessive or noun modifier ("Syria
    denied", "Russia's army", "US air attacks", "150 Myanmar military troops")."""
    modifier = (ent.root.dep_ == "nmod" and ent.root.head.pos_ == "NOUN"
                and ent.root.head.i > ent.root.i)  # "150 Myanmar military troops"
    if ent.root.dep_ not in ("nsubj", "poss", "compound", "amod") and not modifier:
        return False
    return any(c.level == 1 and c.match in (PRIMARY, ALTERNATE, ABBREVIATION)
               for c in gazetteer.candidates(ent.text, guesses=False))


def _demonym_only(name: str, gazetteer: Gazetteer) -> bool:
    """A demonym ("Syrian") the model tagged as a place: never a place for us."""
    cands = gazetteer.candidates(name)
    return bool(cands) and cands[0].match == DEMONYM  # best match kind first: all are


def _clean(start: int, end: int, text: str) -> tuple[int, int]:
    """Trim a leading "the", a trailing possessive, hyphen or "and", and anything from an
    opening parenthesis on ("Maceio (Alagoas" as the model cut it)."""
    piece = text[start:end]
    lead = _LEADING.match(piece)
    if lead and end - start > lead.end():
        start += lead.end()
    paren = text.find("(", start, end)
    if paren > start:
        end = paren
    changed = True
    while changed and end > start:
        changed = False
        for tail in ("'s", "’s", "-", " and", " ", ","):
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
    if _ORG_WORDS.search(name):
        return False
    cands = gazetteer.candidates(name, guesses=False)  # guesses are never good below
    good = [c for c in cands if c.match in (PRIMARY, ABBREVIATION, CONVENTIONAL)
            or (c.match == ALTERNATE and c.level <= 3)]
    if not good:
        return False
    return after_preposition or any(c.level <= 3 or c.pop >= 100_000 for c in good)


def _proper(token: Token) -> bool:
    """A token that may be part of a place name the model missed."""
    if not (token.is_title or token.is_upper):
        return False  # most tokens: tested first, as it is the cheapest test
    if token.ent_type_ not in _RECALL_ENTITY_TYPES or token.lower_ in _CALENDAR:
        return False
    if token.ent_type_ == "NORP" and not _after_preposition(token.doc[token.i:token.i + 1]):
        return False  # "in Aleppo governorate" tagged NORP; "Syrian forces" is no place
    if token.ent_type_ == "PERSON":  # only "in Cartagena": a person is rarely "in" something
        ent_start = token.i
        while ent_start > 0 and token.doc[ent_start].ent_iob_ == "I":
            ent_start -= 1
        if not _locative_before(text_of(token.doc), token.doc[ent_start].idx):
            return False
    # a named entity's head the tagger took for a noun: "in central Lancaster"
    return token.pos_ == "PROPN" or bool(token.ent_type_ and token.pos_ == "NOUN"
                                         and not token.is_sent_start)


def _joins(doc: Doc, token: Token) -> bool:
    """An in-word hyphen or a particle ("de la") between two parts of one proper name."""
    if token.text == "-" and token.whitespace_ == "":
        return token.i + 1 < len(doc) and _proper(doc[token.i + 1])
    if token.lower_ not in _PARTICLES:
        return False
    after = token.i + 1
    while after < len(doc) and doc[after].lower_ in _PARTICLES:
        after += 1
    return after < len(doc) and after - token.i <= 2 and _proper(doc[after])


def _proper_runs(doc: Doc) -> Iterable[SpacySpan]:
    """Maximal runs of proper-noun tokens (joined by in-word hyphens). Outside a run only a
    capitalised token may start one, so the others are skipped on spaCy's flag array without
    building a ``Token`` for each."""
    capitalised = _capitalised(doc)
    start: int | None = None
    i = k = 0
    while i < len(doc):
        if start is None:  # outside a run: on to the next capitalised token
            k = bisect.bisect_left(capitalised, i, k)
            if k == len(capitalised):
                break
            i = capitalised[k]
        token = doc[i]
        joiner = start is not None and _joins(doc, token)
        proper = _proper(token) or joiner
        if proper and start is None:
            start = i
        elif not proper and start is not None:
            yield doc[start:i]
            start = None
        i += 1
    if start is not None:
        yield doc[start:len(doc)]


def _capitalised(doc: Doc) -> list[int]:
    """The indices of the title-case or upper-case tokens, from spaCy's flag arrays."""
    if not len(doc):
        return []
    return (doc.to_array(IS_TITLE) | doc.to_array(IS_UPPER)).nonzero()[0].tolist()


def _after_preposition(span: SpacySpan) -> bool:
    i = span[0].i - 1
    if i >= 0 and span.doc[i].lower_ in _AREA_ADJECTIVES:  # "in central Lancaster"
        i -= 1
    if i >= 0 and span.doc[i].lower_ == "the":
        i -= 1
    return i >= 0 and span.doc[i].lower_ in _PREPOSITIONS


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
    for run in _proper_runs(doc):
        start, end = _clean(run.start_char, run.end_char, text)
        overlapping = [(s, e) for s, e in taken if s < end and start < e]
        if overlapping and not all(start <= s and e <= end and (s, e) != (start, end)
                                   and (s, e) in places_taken for s, e in overlapping):
            continue  # overlaps a non-place entity, or is a NER place already
        after = _after_preposition(run)
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
    for ent in doc.ents:
        person = ent.label_ == "PERSON" and not _locative_before(text, ent.start_char)
        organisation = (ent.label_ == "ORG" and _ORG_WORDS.search(ent.text)
                        and ent.text.count("(") == ent.text.count(")"))  # not "Labe (Labe Centre"
        if person or organisation:
            taken.append((ent.start_char, ent.end_char))
        if ent.label_ not in PLACE_LABELS:
            continue
        taken.append((ent.start_char, ent.end_char))
        if ent.root.pos_ == "ADJ" or _demonym_only(ent.text, gazetteer):
            continue
        start, end = _clean(ent.start_char, ent.end_char, text)
        if _blocked(*_whole_hyphenated(text, start, end, gazetteer), actor_spans, text) or (
                _metonymic(ent, gazetteer)):
            continue
        spans[(start, end)] = None
        for extra in _chained(text, end, gazetteer):
            spans[extra] = None
    for pair in _person_addresses(doc, text, gazetteer):
        spans.update(dict.fromkeys(pair))
    places_taken = {(e.start_char, e.end_char) for e in doc.ents if e.label_ in PLACE_LABELS}
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


def _person_addresses(doc: Doc, text: str,
                      gazetteer: Gazetteer) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Town, province pairs the model read as people ("Russian forces shelled Rubizhne,
    Luhansk."): a PERSON name followed by a comma, a name and the end of the clause is a place
    and its admin-1 division when the gazetteer has the first inside the second. (After a
    preposition the usual recall finds them.)"""
    pairs = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        behind = _CONTAINER_END.match(text, ent.end_char)
        if behind is None or _locative_before(text, ent.start_char):
            continue
        divisions = {(c.cc, c.a1) for c in gazetteer.candidates(behind.group(1), guesses=False)
                     if c.level == 2 and c.match in (PRIMARY, ALTERNATE)}
        if divisions and any(c.match == PRIMARY and c.level > 2 and (c.cc, c.a1) in divisions
                             for c in gazetteer.candidates(ent.text, guesses=False)):
            pairs.append(((ent.start_char, ent.end_char), (behind.start(1), behind.end(1))))
    return pairs


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


def places_from_mentions(mentions: list[tuple[str, int, int]], text: str,
                         gazetteer: Gazetteer) -> tuple[Place, ...]:
    """Resolve mentions and group them: one ``Place`` per resolved place or unresolved name."""
    resolved = resolve(gazetteer, mentions, text)
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
    return places_from_mentions(find_mentions(doc, found, gazetteer), text_of(doc), gazetteer)
