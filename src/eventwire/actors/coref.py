"""In-article coreference for actors: which mentions are the same entity.

Deterministic rules, applied in text order (see ``docs/actors.md``):

1. Named things are the same entity when they have the same lexicon key ("ISIS", "Daesh" and
   "the Islamic State group" are one actor); an unknown person's surname ("Rafiq") joins the
   earlier full name ("Haras Rafiq").
2. "the group", "the militants", "the jihadists" join the last named armed group (or the last
   group-like actor for "the group"); "the organisation" / "the movement" the best recent
   organisation, else the last one named anywhere before.
3. "they / them / their" join the plural actor that is the subject of the same or the previous
   sentence (people before organisations), else the nearest earlier plural actor; "he / she /
   his / her" the nearest person (up to three sentences back); "its" the nearest organisation
   or group.
4. Agents repeat: the same kind of agent with the same country (and count, if any) is the same
   entity ("five Britons" ... "the five Britons"); a bare agent with no country ("authorities")
   joins the earlier agent with the same head term ("British authorities").
5. "X consisted of <compound>" makes X the compound: X gets the members and their total.
6. A mention that starts a new entity with no country of its own takes the country the mention
   finder left in ``Mention.context_country`` (the article's main country for an unqualified
   state organ or a community; see ``mentions._Finder._context``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from eventwire.actors.mentions import Mention, sentence_index

__all__ = ["Entity", "resolve"]

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass(slots=True)
class Entity:
    """All mentions of one actor; the first (in text order) introduced it."""

    mentions: list[Mention] = field(default_factory=list)

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    def named(self) -> Mention:
        """The most informative mention: the first that is not a pronoun or anaphor."""
        for mention in self.mentions:
            if mention.kind != "pronoun" and not mention.anaphor:
                return mention
        return self.mentions[0]


def resolve(doc: Doc, mentions: list[Mention], sentences: list[int] | None = None,
            tokens: list[Token] | None = None) -> list[Entity]:
    """Group mentions into entities (pronouns that find nothing are dropped)."""
    tokens = list(doc) if tokens is None else tokens
    sentences = sentence_index(tokens) if sentences is None else sentences
    return _Resolver(doc, sentences, tokens).run(mentions)


class _Resolver:
    def __init__(self, doc: Doc, sentences: list[int], tokens: list[Token]) -> None:
        self.doc = doc
        self.tokens = tokens
        self.entities: list[Entity] = []
        self.by_key: dict[str, int] = {}
        self.by_agent: dict[tuple, int] = {}
        self.sent_of = sentences

    def run(self, mentions: list[Mention]) -> list[Entity]:
        members = {id(m) for c in mentions if c.kind == "compound" for m in c.members}
        for mention in mentions:
            target = self._find(mention, in_compound=id(mention) in members)
            if target is None and mention.kind == "pronoun":
                continue
            if target is None:
                target = len(self.entities)
                self.entities.append(Entity())
                if mention.country is None and mention.context_country is not None:
                    mention.country = mention.context_country
            self._attach(mention, target)
        self._merge_compounds(mentions)
        return [e for e in self.entities if e.mentions]

    # -- attaching -------------------------------------------------------------------------

    def _attach(self, mention: Mention, index: int) -> None:
        mention.entity = index
        self.entities[index].mentions.append(mention)
        if mention.key is not None:
            self.by_key.setdefault(mention.key, index)
        key = self._agent_key(mention)
        if key is not None:
            self.by_agent.setdefault(key, index)
            if mention.count is not None:
                self.by_agent.setdefault((*key[:-1], None), index)

    def _agent_key(self, mention: Mention) -> tuple | None:
        if mention.kind != "agent" or mention.anaphor or mention.lemma is None:
            return None
        return (mention.lemma, mention.country, mention.affiliation_key, mention.count)

    # -- finding the antecedent --------------------------------------------------------------

    def _find(self, mention: Mention, *, in_compound: bool) -> int | None:
        if mention.kind == "pronoun":
            return self._pronoun(mention)
        if mention.anaphor:
            return self._anaphor(mention)
        if mention.key is not None:
            found = self.by_key.get(mention.key)
            if found is None and mention.kind == "person":
                found = self._surname(mention)
            return found
        if mention.kind == "agent" and mention.lemma is not None:
            return self._repeated_agent(mention, in_compound=in_compound)
        return None

    def _surname(self, mention: Mention) -> int | None:
        words = self.tokens[mention.head].text
        for index in range(len(self.entities) - 1, -1, -1):
            named = self.entities[index].named()
            if named.kind != "person" or named.name is None or named is mention:
                continue
            parts = named.name.replace("-", " ").split()
            if len(parts) > 1 and words in parts[1:] and mention.end - mention.start <= 2:
                return index
        return None

    def _repeated_agent(self, mention: Mention, *, in_compound: bool) -> int | None:
        if in_compound:
            return None
        det = self.tokens[mention.start].lower_
        key = (mention.lemma, mention.country, mention.affiliation_key, mention.count)
        found = self.by_agent.get(key)
        if found is not None and (mention.count is None or det in {"the", "these", "those"}):
            return found
        if (mention.country is None and mention.count is None and mention.possessor is None
                and self._bare(mention)):
            for (lemma, _country, _aff, _count), index in self.by_agent.items():
                if lemma == mention.lemma:
                    return index
        return None

    def _bare(self, mention: Mention) -> bool:
        """Only a determiner in front of the agent term ("the authorities", "commanders")."""
        words = len((mention.lemma or "").split())
        extra = [t for t in self.doc[mention.start:mention.head - words + 1]
                 if t.lower_ not in {"the", "these", "those"}]
        return not extra

    def _recent(self, mention: Mention, accept: Callable[[Entity], bool]) -> int | None:
        """The entity of the best earlier mention whose entity ``accept`` takes.

        Subjects of the same or the previous sentence come first, then (for "they") people
        before organisations, then the nearest mention; nothing further back than two
        sentences (three for "he" / "she").
        """
        here = self.sent_of[mention.head]
        best: tuple[int, int, int, int] | None = None
        chosen: int | None = None
        for index, entity in enumerate(self.entities):
            if not entity.mentions or not accept(entity):
                continue
            named = entity.named()  # the same for all its mentions: read once
            organised = named.kind in {"group", "organisation"} and mention.name == "they"
            for other in entity.mentions:
                if other.end > mention.start:
                    continue
                distance = here - self.sent_of[other.head]
                if distance > (3 if mention.name == "he" else 2):
                    continue
                subject = self.tokens[other.head].dep_ in _SUBJECTS and distance <= 1
                rank = (0 if subject else 1, int(organised), distance, -other.start)
                if best is None or rank < best:
                    best, chosen = rank, index
        return chosen

    def _pronoun(self, mention: Mention) -> int | None:
        if mention.name == "they":
            return self._recent(mention, lambda e: _plural_actor(e.named()))
        if mention.name == "he":
            return self._recent(mention, lambda e: e.named().kind == "person")
        return self._recent(mention, lambda e: e.named().kind in {"organisation", "group"})

    def _anaphor(self, mention: Mention) -> int | None:
        lemma = (mention.lemma or "").split()[-1]
        if lemma == "group":
            found = self._recent(mention, lambda e: e.named().kind in {
                "group", "organisation", "compound"} or e.named().collective)
            if found is not None:
                return found
        if lemma in {"organisation", "organization", "movement", "faction"}:
            found = self._recent(mention, lambda e: e.named().kind in {"group", "organisation"})
            return found if found is not None else self._last_named({"group", "organisation"})
        for index in range(len(self.entities) - 1, -1, -1):
            named = self.entities[index].named()
            if named.kind == "group" and named.armed:
                return index
        return None

    def _last_named(self, kinds: set[str]) -> int | None:
        """The entity of the latest earlier mention of one of ``kinds``, anywhere before."""
        best: tuple[int, int] | None = None
        for index, entity in enumerate(self.entities):
            if entity.mentions and entity.named().kind in kinds:
                last = max(m.start for m in entity.mentions)
                if best is None or last > best[0]:
                    best = (last, index)
        return best[1] if best else None

    # -- sentence-level affiliation and compounds -----------------------------------------

    def _merge_compounds(self, mentions: list[Mention]) -> None:
        for compound in mentions:
            if compound.kind != "compound" or compound.merge_into is None:
                continue
            owner = compound.merge_into
            if owner.entity is None or compound.entity is None or owner.entity == compound.entity:
                continue
            source = self.entities[compound.entity]
            target = self.entities[owner.entity]
            target_named = target.named()
            target_named.members = compound.members
            target_named.count = compound.count
            target_named.qualifier = compound.qualifier
            target_named.kind = "compound"
            for member in compound.members:
                if member.default_sector and target_named.sectors:
                    member.sectors = list(target_named.sectors)
            for mention in source.mentions:
                mention.entity = owner.entity
                target.mentions.append(mention)
            source.mentions = []


def _plural_actor(mention: Mention) -> bool:
    if mention.kind in {"compound", "group"}:
        return True
    return mention.kind == "agent" and (mention.plural or mention.role == "group")
