"""Where an event happened: pick one of the sentence's places using the dependency parse.

Rules (also in docs/places.md):

1. Each place mention in the sentence gets a role from the first preposition above it in the
   parse, looking through "of" ("the city of Raqqa"): *locative* (in, at, near, outside, ...),
   *directional* (to, toward, via, for), *entry* (into, onto, from) or *bare* (no preposition:
   "shelled Raqqa"); a mention the parse leaves bare takes the role of the preposition written
   right before it, if any (the parse may lose it).
2. Directional mentions are never the event's location ("returned to Britain"); "close to X",
   "next to X" and "20 km from X" are locative.
3. Locative mentions win over bare ones; bare ones over other prepositions ("for", "against");
   those over entry ones ("deported from X" is placed in X only when nothing else is named).
4. Mentions chained behind another ("X (Y, Z)", "X, Y", "X - Y") take the role of the chain's
   head, and rank after it unless it is unresolved: then they stand in for it ("near
   Zunguluka (Irumu, Ituri)" → Irumu, not a country named elsewhere in the sentence).
   Among mentions of the same role, a resolved place wins over an unresolved name; then
   the head of a chain over its containers ("in Los Angeles, Veracruz" → Los Angeles); then
   the finest (town before admin-2 before admin-1 before country: "in the city of Raqqa, in
   Syria" → Raqqa); then one inside the trigger's subtree; then the first written (wire copy
   names the event's place first: "In Rio, ... in the neighbourhood of X").
   An unresolved winner gives way to the finest resolved container written right after it
   ("in Apinzi village (Irumu, Ituri)" → Irumu), else to the best resolved place of the
   sentence that is not another preposition's.
5. A sentence with no place of its own takes the resolved locative or bare place of the nearest
   of the (at most three) sentences before it in the same paragraph: wire copy names the place
   once and tells the rest of the incident after it.
6. Else it falls back to the article's dateline place ("KABUL, Afghanistan (Reuters) —"), if
   the article opens with one; otherwise the location is unknown (None).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventwire.nlp import sentence_of, text_of
from eventwire.places._dateline import dateline
from eventwire.records import Found, Place, record

__all__ = ["DIRECTIONAL", "LOCATIVE", "locate_event"]

LOCATIVE = frozenset({
    "in", "at", "near", "outside", "inside", "around", "across", "throughout", "within",
    "on", "nearby", "off", "beside", "along", "over", "between", "among", "amid", "behind",
    "through",
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "downtown", "where",
})
DIRECTIONAL = frozenset({"to", "toward", "towards", "into", "from", "onto", "via", "for"})
# Directional words whose place is where the event began or entered: "raided into X",
# "deported 400 people from X". Such a place is the event's only when the sentence has no other.
_ENTRY = frozenset({"into", "onto", "from"})
_TRANSPARENT = frozenset({"of"})
# Nouns naming another event, whose place is not the reported event's ("the war in Ukraine").
_EVENT_NOUNS = frozenset({"war", "peace", "conflict", "invasion", "crisis", "situation",
                          "fighting", "violence", "intervention", "aggression", "offensive",
                          "occupation", "genocide", "massacre", "election", "elections"})

# What may stand between a place and its container: "X (Y", "X, Y", "X village (Y",
# "X district, Y", "X - Y", "X town in Y".
_CONTAINER_GAP = re.compile(
    r"^(?:(?:\s*[a-z][a-z-]*){0,2}\s*(?:[,(]|-|–)"
    r"|\s*(?:town|village|city|area|district|county|neighbou?rhood|township|sub-county|"
    r"locality|camp|region|province|state|countryside|suburb|outskirts)\s+(?:in|of))\s*$")
# The rest of an address between a village and its district or region: "village, Yinmarbin
# township (Yinmarbin district, " — short, no sentence punctuation, at least one comma/bracket.
_ADDRESS_GAP = re.compile(r"^(?=[^.;:!?]*[,(])[\w\s,()'’-]*$")
_LEVEL = {"CONT": 0, "RGN": 0, "SEA": 0, "GULF": 0, "PCLI": 1, "TERR": 1, "ADM1": 2, "ADM2": 3}


def _role(token: Token, root_limit: Token) -> str:
    """'loc', 'dir', 'bare' or 'other': how the mention at ``token`` attaches to its clause.

    (spaCy builds a new ``Token`` object on every access, so tokens are compared by index.)
    """
    current = token
    for _ in range(len(token.doc)):  # a parse is a tree: the walk up ends within len(doc)
        head = current.head
        if head.i == current.i or current.i == root_limit.i:
            break
        if current.dep_ in ("pobj", "pcomp") or head.dep_ == "prep" or head.pos_ == "ADP":
            word = head.lower_
            if word in _TRANSPARENT:
                current = head.head
                continue
            if head.head.lower_ in _EVENT_NOUNS and head.head.pos_ == "NOUN":
                return "other"  # "protested for peace in Ukraine": the war's place, not ours
            if word in LOCATIVE or _near_phrase(head):
                return "loc"
            if word in DIRECTIONAL:
                return "entry" if word in _ENTRY else "dir"
            if head.pos_ == "ADP" or head.dep_ == "prep":
                return "other"
        if current.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "npadvmod"):
            return _role_by_words(token)
        current = head
    return _role_by_words(token)


def _role_by_words(token: Token) -> str:
    """The role the words written before a mention give it, for a mention the parse leaves
    bare: the small model sometimes hangs "On Tuesday, in X, Y, workers held ..." on the
    subject and loses the preposition, which the text still shows."""
    doc = token.doc
    first = token.left_edge.i if token.left_edge.i <= token.i else token.i
    while first > 0 and doc[first - 1].ent_iob_ == "I" and doc[first - 1].ent_type_:
        first -= 1
    i = first - 1
    while i >= 0 and (doc[i].lower_ == "the" or doc[i].lower_ in _AREA_WORDS):
        i -= 1
    if i < 0 or doc[i].pos_ != "ADP":
        return "bare"
    if doc[i].lower_ in LOCATIVE:
        return "loc"
    if doc[i].lower_ in DIRECTIONAL:
        return "entry" if doc[i].lower_ in _ENTRY else "dir"
    return "bare"


_AREA_WORDS = frozenset({"central", "northern", "southern", "eastern", "western", "downtown",
                         "rural", "greater", "northeastern", "northwestern", "southeastern",
                         "southwestern", "upper", "lower"})


def _near_phrase(preposition: Token) -> bool:
    """"close to X", "next to X", "20 km from X": nearness, not a direction; and "(coded to
    X)", how ACLED's notes name the place an event is filed under."""
    before = preposition.doc[preposition.i - 1] if preposition.i > 0 else None
    if before is None:
        return False
    if preposition.lower_ == "to":
        return before.lower_ in ("close", "next", "near", "adjacent", "coded")
    if preposition.lower_ == "from":
        return before.lower_ in _DISTANCE_UNITS
    return False


_DISTANCE_UNITS = frozenset({"km", "kilometers", "kilometres", "miles", "meters", "metres",
                             "mile", "kilometer", "kilometre", "away"})


def _level(place: Place) -> int:
    return _LEVEL.get(place.feature_code or "", 4)


def _chain_head(start: int, text: str,
                spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first mention of the chain that the mention at ``start`` continues, if any."""
    head: tuple[int, int] | None = None
    current = start
    for s, e in reversed([sp for sp in spans if sp[1] <= start]):
        if e <= current and _CONTAINER_GAP.match(text[e:current]) and current - e <= 40:
            head, current = (s, e), s
        else:
            break
    return head


def _subordinate(mention: SpacySpan, root: Token, places_at: frozenset[int]) -> int:
    """1 when the mention (whose root is ``root``) hangs off another place mention ("Los
    Angeles, Veracruz": Veracruz is the apposition of Los Angeles), so the head of a chain wins
    over its containers."""
    head = root.head
    return int(head.i not in range(mention.start, mention.end) and head.idx in places_at)


def _resolved_at(start: int, found: Found) -> bool:
    """Whether the mention starting at char ``start`` resolved to a place with a point."""
    return start in _mentions(found).resolved_starts


@record
class _Mentions:
    """The place mentions of one article, arranged for ``_in_sentence``: the events stage asks
    for a place once per event (and per earlier sentence), so what depends only on the places
    is worked out once per article, not on every call."""

    places: tuple[Place, ...]  # the article's places (the cache's key, by identity)
    spans: list[tuple[int, int, Place]]  # every text span (start, end, place), by start
    starts: list[int]  # the spans' starts, for bisection
    places_at: frozenset[int]  # every char offset inside a resolved place's mention
    resolved_starts: frozenset[int]  # the starts of mentions of resolved places

    @staticmethod
    def of(places: tuple[Place, ...]) -> _Mentions:
        spans = sorted(((s.start, s.end, p) for p in places for s in p.spans
                        if s.field == "text"), key=lambda sep: (sep[0], sep[1]))
        return _Mentions(places, spans, [s for s, _e, _p in spans],
                         frozenset(i for s, e, p in spans if p.lat is not None
                                   for i in range(s, e)),
                         frozenset(s for s, _e, p in spans if p.lat is not None))

    def within(self, start: int, end: int) -> list[tuple[int, int, Place]]:
        """The spans that lie in ``[start, end)`` (a sentence's chars), by start."""
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_right(self.starts, end)
        return [sep for sep in self.spans[first:last] if sep[1] <= end]


_LAST: list[_Mentions] = []  # one article's worth (the one being coded)


def _mentions(found: Found) -> _Mentions:
    """The arranged mentions of ``found.places``, from a one-article cache (the cache holds
    the places tuple, so its identity cannot be reused by another article's)."""
    last = _LAST[0] if _LAST else None
    if last is not None and last.places is found.places:
        return last
    made = _Mentions.of(found.places)
    _LAST[:] = [made]
    return made


_BLANK_LINES: list[tuple[str, bool]] = []  # the last text and whether it has blank lines


def _has_blank_lines(text: str) -> bool:
    """Whether paragraphs are separated by blank lines (cached for the article's text)."""
    last = _BLANK_LINES[0] if _BLANK_LINES else None
    if last is not None and last[0] is text:
        return last[1]
    blank = "\n\n" in text or "\n\r\n" in text
    _BLANK_LINES[:] = [(text, blank)]
    return blank


def _dateline_place(doc_text: str, found: Found) -> Place | None:
    match = dateline(doc_text)
    if not match:
        return None
    for place in found.places:
        if any(s.field == "text" and s.end <= match.end() for s in place.spans):
            return place
    return None


def locate_event(sentence: SpacySpan, trigger_start: int, found: Found) -> Place | None:
    """The place where the event signalled at char ``trigger_start`` in ``sentence`` happened:
    the sentence's own place, else the place of an earlier sentence of the paragraph, else the
    dateline's (see ``_earlier_in_paragraph``). The fallback depends on the sentence alone, so
    it is worked out once per sentence, not once per event."""
    own = _in_sentence(sentence, trigger_start, found)
    if own is not None:
        return own
    fallbacks = _article(sentence.doc, found).fallbacks
    key = (sentence.start, sentence.end)
    if key not in fallbacks:
        fallbacks[key] = _earlier_in_paragraph(sentence, found) or _dateline_place(
            text_of(sentence.doc), found)
    return fallbacks[key]


def _earlier_in_paragraph(sentence: SpacySpan, found: Found) -> Place | None:
    """The place of the nearest earlier sentence of the same paragraph that names one where
    something happens (a locative or bare place, resolved), for a sentence that names none.

    Wire copy names the place once and tells the rest of the incident in the sentences that
    follow ("Gunmen attacked a bus in X on Monday. They killed four passengers and burned the
    vehicle."): within a paragraph those sentences go on with the same incident. A new
    paragraph may start another story, so the walk stops at a paragraph break (a blank line,
    or any line break in a text that has no blank lines); the dateline is the fallback after.
    """
    doc = sentence.doc
    text = text_of(doc)
    if not found.places:
        return None
    blank_lines = _has_blank_lines(text)
    boundary = _words_start(text, sentence)
    for previous in _earlier_sentences(sentence, _MAX_BACK):
        # spaCy may keep the line breaks inside either sentence: look at the words' gap
        if _paragraph_break(text[_words_end(text, previous):boundary], blank_lines):
            return None
        if _mentions(found).within(previous.start_char, previous.end_char):
            place = _in_sentence(previous, previous.root.idx, found, roles=("loc", "bare"))
            if place is not None and place.lat is not None:
                return place
        boundary = _words_start(text, previous)
    return None


def _token_at(sentence: SpacySpan, char: int) -> Token | None:
    """The token of ``sentence`` that holds char offset ``char``, if any (found by spaCy's
    char-to-token alignment rather than by walking the sentence's tokens for every event)."""
    span = sentence.doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span[0]
    if sentence.start <= token.i < sentence.end and token.idx <= char < token.idx + len(token):
        return token
    return None


def _words_start(text: str, sentence: SpacySpan) -> int:
    """Where the sentence's words start (after any leading white space); the text is sliced
    rather than ``sentence.text`` asked for, which spaCy joins token by token."""
    start, end = sentence.start_char, sentence.end_char
    piece = text[start:end]
    return start + len(piece) - len(piece.lstrip())


def _words_end(text: str, sentence: SpacySpan) -> int:
    """Where the sentence's words end (before any trailing white space)."""
    start, end = sentence.start_char, sentence.end_char
    return start + len(text[start:end].rstrip())


_MAX_BACK = 3  # sentences: further back the paragraph has usually moved on


def _earlier_sentences(sentence: SpacySpan, most: int) -> Iterator[SpacySpan]:
    """Up to ``most`` sentences before ``sentence``, nearest first (walked back from it, not
    found by scanning the document's sentences from the start for every event)."""
    doc = sentence.doc
    end = sentence.start
    for _ in range(most):
        if end <= 0:
            return
        previous = sentence_of(doc[end - 1])
        yield previous
        end = previous.start


def _paragraph_break(gap: str, blank_lines: bool) -> bool:
    """Whether the text between two sentences starts a new paragraph."""
    if blank_lines:
        return re.search(r"\n[ \t\r]*\n", gap) is not None
    return "\n" in gap


_ORDER = {"loc": 0, "bare": 1, "other": 2, "entry": 3}
_ALL_ROLES = ("loc", "bare", "other", "entry")


@record
class _Entry:
    """One place mention of a sentence with what ranks it that does not depend on the event's
    trigger: its role (rule 1), whether it resolved, whether it is chained behind another
    mention (rule 4) and how fine it is."""

    role: str
    fixed: tuple[int, int, int, int]  # (role order, -resolved, chained, -level)
    start: int
    root: Token  # the mention's root, for "is it inside the trigger's subtree"
    place: Place


@dataclass(slots=True)
class _Article:
    """What ``locate`` works out per sentence of the article being coded: every event of a
    sentence shares its mentions' roles and its fallback place, so they are worked out once.
    Holds the doc and the places tuple, so neither identity can be reused by another article
    while the cache lives."""

    doc: Doc
    places: tuple[Place, ...]
    entries: dict[tuple[int, int], list[_Entry]] = field(default_factory=dict)
    fallbacks: dict[tuple[int, int], Place | None] = field(default_factory=dict)


_ARTICLE: list[_Article] = []  # one article's worth (the one being coded)


def _article(doc: Doc, found: Found) -> _Article:
    """The per-sentence cache of the article ``doc`` with ``found.places``."""
    last = _ARTICLE[0] if _ARTICLE else None
    if last is not None and last.doc is doc and last.places is found.places:
        return last
    made = _Article(doc, found.places)
    _ARTICLE[:] = [made]
    return made


def _entries(sentence: SpacySpan, found: Found) -> list[_Entry]:
    """The sentence's place mentions with their trigger-independent ranking (see
    ``_in_sentence``), from the article's per-sentence cache."""
    cache = _article(sentence.doc, found).entries
    key = (sentence.start, sentence.end)
    entries = cache.get(key)
    if entries is None:
        entries = cache[key] = _rank_mentions(sentence, found)
    return entries


def _rank_mentions(sentence: SpacySpan, found: Found) -> list[_Entry]:
    """Every place mention of the sentence with its role and fixed ranking fields."""
    mentions = _mentions(found)
    in_sentence = mentions.within(sentence.start_char, sentence.end_char)
    if not in_sentence:
        return []
    doc = sentence.doc
    text = text_of(doc)
    places_at = mentions.places_at
    spans_in_sentence = [(s, e) for s, e, _p in in_sentence]
    entries: list[_Entry] = []
    root = sentence.root
    for start, end, place in in_sentence:
        mention = doc.char_span(start, end, alignment_mode="expand")
        if mention is None:
            continue
        mention_root = mention.root  # spaCy works a span's root out on every access
        head = _chain_head(start, text, spans_in_sentence)
        if head is not None:  # "X (Y, Z)": Y and Z take X's role and yield to it
            role_root = doc.char_span(head[0], head[1], alignment_mode="expand").root
        else:
            role_root = mention_root
        role = _role(role_root, root)
        resolved = int(place.lat is not None)
        # A container stands in for a head we could not resolve: "near Zunguluka (Irumu,
        # Ituri)" is in Irumu, not in the Uganda named elsewhere in the sentence.
        chained = int(head is not None and _resolved_at(head[0], found)) or (
            _subordinate(mention, mention_root, places_at))
        order = _ORDER.get(role, len(_ORDER))  # "dir": never a role asked for
        entries.append(_Entry(role, (order, -resolved, chained, -_level(place)),
                              start, mention_root, place))
    return entries


def _in_sentence(sentence: SpacySpan, trigger_start: int, found: Found,
                 roles: tuple[str, ...] = _ALL_ROLES) -> Place | None:
    """The sentence's own place for the event at ``trigger_start`` (rules 1-4), or None."""
    entries = _entries(sentence, found)
    if not entries:
        return None
    trigger = _token_at(sentence, trigger_start)
    ranked: list[tuple[tuple[int, ...], Place]] = []
    for entry in entries:
        if entry.role not in roles:
            continue
        in_subtree = int(trigger is not None and trigger.is_ancestor(entry.root))
        key = (*entry.fixed, -in_subtree, entry.start, abs(entry.start - trigger_start))
        ranked.append((key, entry.place))
    if not ranked:
        return None
    best = min(ranked, key=lambda kp: kp[0])[1]
    if best.lat is not None:
        return best
    container = _container(best, sentence, text_of(sentence.doc), found)
    if container.lat is not None:
        return container
    resolved_places = [kp for kp in ranked if kp[1].lat is not None
                       and kp[0][0] != _ORDER["other"]]
    # "in the Qwazibeki area; Helmand officials said": the event is somewhere in the places
    # the sentence resolves, not nowhere (but not in "the war in Ukraine")
    return min(resolved_places, key=lambda kp: kp[0])[1] if resolved_places else best


def _container(place: Place, sentence: SpacySpan, text: str, found: Found) -> Place:
    """For an unresolved place, the finest resolved place written right after it as its
    container ("in Apinzi village (Irumu, Ituri)" → Irumu; "in Kwayt Chaung village, Yinmarbin
    township (Yinmarbin district, Sagaing region)" → Sagaing); else the unresolved place."""
    ends = sorted(s.end for s in place.spans if sentence.start_char <= s.start < sentence.end_char)
    for end in ends:  # each mention in turn: the first may lack the address a later one has
        best: tuple[int, int, Place] | None = None
        for other in found.places:
            if other.lat is None:
                continue
            for span in other.spans:
                gap = text[end:span.start]
                if span.start >= end and (
                        (len(gap) <= 40 and _CONTAINER_GAP.match(gap))
                        or (len(gap) <= 80 and _ADDRESS_GAP.match(gap))):
                    key = (-_level(other), span.start)
                    if best is None or key < best[:2]:
                        best = (*key, other)
        if best is not None:
            return best[2]
    return place
