"""The actors stage: every actor of an article as one PLOVER-coded ``Actor``.

Public, stable interface (other stages call these):

``extract(doc, article, found) -> tuple[Actor, ...]``
    The pipeline entry. One ``Actor`` per entity, ids ``"A1"``, ``"A2"``, ... in order of first
    mention (a compound comes before its first member). ``Actor.spans`` holds every resolved
    mention, first mention first, including pronouns and "the group" when they were resolved, so
    ``eventwire.spans.SpanIndex(found.actors).covering(start, end)`` finds the actor of a noun
    phrase. Members of a compound ("five Britons, three Frenchmen ...") are actors of their own
    and also appear, as the same records, in the compound's ``members``.

``actor_for_token(token, actors) -> Actor | None``
    The actor whose span covers ``token`` (the tightest one), else the one covering the token's
    syntactic head (so a modifier such as "British" in "British authorities" finds the
    authorities). A named organisation in front of an agent ("Hamas" in "Hamas fighters") is a
    mention of that organisation, so its tokens find the organisation; the head ("fighters")
    finds the fighters.

``compound_for(actor, actors) -> Actor | None``
    The compound actor ``actor`` is a member of, if any: event coders use it to code PLOVER's
    compound actors as one list.

How mentions are found and coded is in ``mentions.py`` (people in ``people.py``, compounds in
``compounds.py``, sub-national places via the gazetteer in ``geo.py``); coreference rules in
``coref.py``; the lexicons in ``eventwire/data/actors/``;
the whole design in ``docs/actors.md``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventwire.actors import coref, lexicon, mentions
from eventwire.actors.coref import Entity
from eventwire.actors.mentions import Mention
from eventwire.actors.words import Words
from eventwire.records import Actor, Article, Found, Span
from eventwire.spans import SpanIndex

__all__ = ["actor_for_token", "compound_for", "extract", "span_index"]

_LEADING = frozenset({"the", "a", "an", "their", "its", "his", "her", "these", "those", "this",
                      "that", "some", "all"})


def extract(doc: Doc, article: Article, found: Found) -> tuple[Actor, ...]:
    """Return the actors of the article, coded in PLOVER terms (see the module docstring)."""
    lex = lexicon.load()
    text = _doc_text(doc, article)
    words = Words(doc)  # every word's codes in one call: few ``Token`` objects are made
    sentences = mentions.sentence_index(doc)
    found_mentions = mentions.find(doc, lex, sentences, text, doc, words)
    entities = coref.resolve(doc, found_mentions, sentences, doc)
    _inherit_from_possessors(entities, found_mentions)
    entities = [e for e in entities if not _not_an_actor(doc, text, article, e, lex)
                and any(m.start < m.end for m in e.mentions)]
    return _build(_Doc(doc, words, text), entities)


def _doc_text(doc: Doc, article: Article) -> str:
    """The parsed text: the article's own string when the doc was parsed from it (no copy)."""
    if not len(doc):
        return doc.text
    last = doc[-1]
    if last.idx + len(last.text_with_ws) == len(article.text) and article.text.startswith(
            doc[0].text_with_ws):
        return article.text
    return doc.text


# -- rules applied after coreference ---------------------------------------------------------


def _inherit_from_possessors(entities: list[Entity], found: list[Mention]) -> None:
    """"their commanders": the commanders take their owner's country, affiliation and sector."""
    pronouns = {m.head: m for m in found if m.kind == "pronoun" and m.entity is not None}
    for mention in found:
        if mention.possessor is None or mention.explicit:
            continue
        owner_mention = pronouns.get(mention.possessor)
        if owner_mention is None or owner_mention.entity is None:
            continue
        owner = _entity_by_index(entities, owner_mention.entity)
        if owner is None:
            continue
        named = owner.named()
        mention.country = mention.country or named.country
        mention.affiliation = named.affiliation or (named.name if named.key else None)
        mention.affiliation_key = named.affiliation_key or named.key
        if mention.role in {"member", "group"} and named.sectors:
            mention.sectors = list(named.sectors)


def _entity_by_index(entities: list[Entity], index: int) -> Entity | None:
    """The entity whose mentions carry ``index`` (entities are compacted after merging)."""
    for entity in entities:
        if entity.mentions and entity.mentions[0].entity == index:
            return entity
    return None


def _not_an_actor(doc: Doc, text: str, article: Article, entity: Entity,
                  lex: lexicon.Lexicon) -> bool:
    """Bylines, photo credits and news agencies cited only as sources are not story actors."""
    named = entity.named()
    if named.kind == "person" and named.name and any(
            named.name in line for line in article.byline):
        return True
    if not named.media:
        return False
    reporting = lex.word_set("reporting_verbs")
    credit_words = lex.word_set("credit_words")
    return all(_source_only(doc, text, m, reporting, credit_words) for m in entity.mentions)


def _source_only(doc: Doc, text: str, mention: Mention, reporting: frozenset[str],
                 credit_words: frozenset[str]) -> bool:
    head = doc[mention.head]
    if head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.lower_ == "according":
        return True
    if head.dep_ in {"nsubj", "nsubjpass"} and head.head.lemma_ in reporting:
        return True
    line_start = text.rfind("\n", 0, head.idx) + 1
    line_end = text.find("\n", head.idx)
    line = text[line_start:line_end if line_end >= 0 else len(text)].strip()
    words = line.split()
    if len(words) <= 4 or line.startswith("(") or "/" in line:
        return True
    return any(word in line.lower() for word in credit_words)


# -- records -------------------------------------------------------------------------------


class _Doc:
    """The parsed article as the record builder reads it: token ranges to characters and text
    without building spaCy ``Span`` objects (the builder is a large share of the stage's time)."""

    __slots__ = ("doc", "lengths", "starts", "text")

    def __init__(self, doc: Doc, words: Words, text: str) -> None:
        self.doc = doc
        self.starts: list[int] = words.idx
        self.lengths: list[int] = words.length
        self.text = text

    def chars(self, start: int, end: int) -> tuple[int, int]:
        return self.starts[start], self.starts[end - 1] + self.lengths[end - 1]

    def words(self, start: int, end: int) -> str:
        first, last = self.chars(start, end)
        return self.text[first:last]


def _build(doc: _Doc, entities: list[Entity]) -> tuple[Actor, ...]:
    firsts = {id(e): _first(e.mentions) for e in entities}
    ordered = sorted(entities, key=lambda e: (firsts[id(e)].start, -firsts[id(e)].end))
    ids = {id(e): f"A{n}" for n, e in enumerate(ordered, start=1)}
    by_mention = {id(m): e for e in ordered for m in e.mentions}
    built: dict[int, Actor] = {}
    for entity in sorted(ordered, key=lambda e: e.named().kind == "compound"):
        built[id(entity)] = _actor(doc, entity, ids[id(entity)], by_mention, built,
                                   firsts[id(entity)])
    return tuple(built[id(e)] for e in ordered)


def _actor(doc: _Doc, entity: Entity, actor_id: str, by_mention: dict[int, Entity],
           built: dict[int, Actor], first: Mention) -> Actor:
    named = entity.named()
    members: list[Actor] = []
    for n, member in enumerate(named.members, start=1):
        owner = by_mention.get(id(member))
        if owner is not None and id(owner) in built and owner is not entity:
            members.append(built[id(owner)])
        else:
            members.append(_loose_member(doc, member, f"{actor_id}.{n}"))
    sectors = tuple(dict.fromkeys(named.sectors))
    return Actor(
        id=actor_id,
        text=doc.words(first.start, first.end),
        name=_name(doc, named),
        kind=named.kind,  # type: ignore[arg-type]
        country=named.country,
        sector=sectors[0] if sectors else None,
        sectors=sectors,
        count=named.count,
        count_qualifier=named.qualifier if named.count is not None else None,
        office=named.office,
        affiliation=named.affiliation,
        wikidata=named.wikidata,
        members=tuple(members),
        spans=_spans(doc, entity.mentions, first),
    )


def _loose_member(doc: _Doc, member: Mention, actor_id: str) -> Actor:
    """A member named only inside its compound ("Hungarian" in "Hungarian and Romanian ...")."""
    sectors = tuple(dict.fromkeys(member.sectors))
    return Actor(id=actor_id, text=doc.words(member.start, member.end), name=_name(doc, member),
                 kind="agent", country=member.country, sector=sectors[0] if sectors else None,
                 sectors=sectors, count=member.count,
                 count_qualifier=member.qualifier if member.count is not None else None,
                 spans=_spans(doc, [member]))


def _name(doc: _Doc, mention: Mention) -> str:
    if mention.name and mention.kind != "pronoun":
        return mention.name
    start = mention.start
    while mention.end - start > 1:
        word = doc.doc[start]
        if not (word.lower_ in _LEADING or word.like_num or word.dep_ in {"quantmod", "nummod"}
                or word.text == "-" or word.lower_ in {"more", "than", "least", "at"}):
            break
        start += 1
    return doc.words(start, mention.end)


def _first(found: list[Mention]) -> Mention:
    """The mention that introduced an entity (empty ranges never count)."""
    return min((m for m in found if m.start < m.end), key=lambda m: (m.start, -m.end))


def _spans(doc: _Doc, found: list[Mention], first: Mention | None = None) -> tuple[Span, ...]:
    """The character spans of the mentions' token ranges: the first mention's first."""
    if len(found) == 1 and not found[0].extra and found[0].start < found[0].end:
        return (Span(*doc.chars(found[0].start, found[0].end)),)  # most actors: one mention
    ranges = {(m.start, m.end) for m in found}
    for mention in found:
        ranges.update(mention.extra)
    ranges = {r for r in ranges if r[0] < r[1]}  # never an empty span
    first = _first(found) if first is None else first
    out = []
    for start, end in sorted(ranges, key=lambda r: (r != (first.start, first.end), r)):
        out.append(Span(*doc.chars(start, end)))
    return tuple(out)


# -- helpers for other stages -----------------------------------------------------------------

_INDEX_CACHE: list[tuple[tuple[Actor, ...] | list[Actor], SpanIndex[Actor]]] = []


def span_index(actors: tuple[Actor, ...] | list[Actor]) -> SpanIndex[Actor]:
    """A ``SpanIndex`` of ``actors``, reused while the same sequence is asked about (the events
    stage asks about one article's actors many times)."""
    cached = _INDEX_CACHE[-1] if _INDEX_CACHE else None  # one read: safe across threads
    if cached is not None and cached[0] is actors:
        return cached[1]
    index = SpanIndex(actors)
    _INDEX_CACHE[:] = [(actors, index)]
    return index


def actor_for_token(token: Token, actors: tuple[Actor, ...] | list[Actor]) -> Actor | None:
    """The actor whose span covers ``token``, else the one covering its noun-phrase head."""
    index = span_index(actors)
    hit = index.covering(token.idx, token.idx + len(token))
    if hit is None and token.head.i != token.i:
        head = token.head
        hit = index.covering(head.idx, head.idx + len(head))
    return hit


def compound_for(actor: Actor, actors: tuple[Actor, ...] | list[Actor]) -> Actor | None:
    """The compound actor that has ``actor`` among its members, if any."""
    for candidate in actors:
        if any(member.id == actor.id for member in candidate.members):
            return candidate
    return None
