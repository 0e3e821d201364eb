"""Compound actors: "a group of X", conjoined actors, and "X consisted of <compound>".

Methods of the mention finder (``mentions._Finder``) kept apart to keep each file readable.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventwire.actors.lexicon import Lexicon
from eventwire.actors.model import Match, Mention
from eventwire.actors.words import Words, code

_JOINS = frozenset({code("conj"), code("appos")})

__all__ = ["CompoundRules"]


class CompoundRules:
    """How compounds are built: mixed into the mention finder."""

    doc: Doc
    tokens: list[Token] | Doc
    words: Words
    lex: Lexicon
    by_token: dict[int, Match]
    mentions: dict[int, Mention]
    claimed: set[int]

    def _group_of(self) -> None:
        """"A group of European fighters": one actor, the fighters, spanning the whole phrase."""
        for head_i, mention in list(self.mentions.items()):
            if mention.role != "group" or mention.lemma not in {"group", "band", "team", "unit"}:
                continue
            head = self.tokens[head_i]
            for child in head.children:
                if child.dep_ != "prep" or child.lower_ != "of":
                    continue
                for obj in child.children:
                    inner = self.mentions.get(obj.i)
                    if obj.dep_ == "pobj" and inner is not None and inner.kind == "agent":
                        inner.collective = True
                        inner.start = min(inner.start, mention.start)
                        inner.head = head_i
                        del self.mentions[head_i]
                        self.mentions[head_i] = inner
                        del self.mentions[obj.i]
                        break

    def _compounds(self, found: list[Mention]) -> list[Mention]:
        """Conjoined actors ("five Britons, three Frenchmen and two Germans") as one compound."""
        by_head = {m.head: m for m in found if m.kind not in {"pronoun", "compound"}}
        if not by_head:
            return []  # nothing to join (and no need to read the joins)
        seen: set[int] = set()
        out: list[Mention] = []
        joined = self._joined_heads()
        for mention in found:
            if mention.head in seen or mention.head not in by_head:
                continue
            if mention.head not in joined:  # no conjunct nor appositive: a chain of one
                seen.add(mention.head)
                continue
            chain = self._chain(mention, by_head)
            seen.update(m.head for m in chain)
            if len(chain) >= 2:
                out.append(self._compound(chain))
        return out

    def _joined_heads(self) -> set[int]:
        """The words with a conjunct or an appositive (only they can start a chain)."""
        heads = self.words.head
        return {heads[i] for i, dep in enumerate(self.words.dep)
                if dep in _JOINS and heads[i] != i}  # few words are joined: test them first

    def _chain(self, first: Mention, by_head: dict[int, Mention]) -> list[Mention]:
        """``first`` and the mentions joined to it by "and", "or" or commas only (a determiner
        of the next member may stand between: "Australia, the United Kingdom and ...")."""
        chain = [first]
        frontier = [self.tokens[first.head]]
        while frontier:
            token = frontier.pop()
            for child in token.children:
                other = by_head.get(child.i)
                if child.dep_ not in {"conj", "appos"} or other is None or other in chain:
                    continue
                listed = other.kind == first.kind and first.kind in {"country", "organisation",
                                                                       "group"}
                if child.dep_ == "appos" and other.count is None and not listed:
                    continue  # a real apposition; "Australia, the United Kingdom" is a list
                if other.key is not None and any(m.key == other.key for m in chain):
                    continue
                last = max(chain, key=lambda m: m.end)
                between = self.doc[last.end:other.start]
                if other.start < last.end or not all(
                        t.is_punct or (t.dep_ == "cc" and t.lower_ in {"and", "or"})
                        or (t.dep_ == "det" and t.head.i == other.head)
                        for t in between):
                    continue
                chain.append(other)
                frontier.append(child)
        return sorted(chain, key=lambda m: m.start)

    def _compound(self, chain: list[Mention]) -> Mention:
        head = self.doc[chain[0].head]
        lead, last = chain[0], chain[-1]
        for member in chain[:-1]:
            shares_head = member.default_sector and not (last.lemma or "").startswith("people:")
            if shares_head and last.kind == "agent" and last.sectors and member.kind == "agent":
                member.sectors = list(last.sectors)  # "Sierra Leonean and Liberian refugees"
        for member in chain[1:]:
            bare = member.start == member.head and member.kind == "agent"
            if bare and member.country is None and lead.kind == "agent" and lead.explicit:
                member.country = lead.country  # "Israeli helicopters and tanks"
                member.explicit = True
        compound = Mention(chain[0].start, max(m.end for m in chain), head.i, "compound",
                           members=chain, plural=True, explicit=True)
        if all(m.key is not None for m in chain):
            compound.key = "compound:" + "|".join(sorted(m.key or "" for m in chain))
        countries = {m.country for m in chain}
        if len(countries) == 1:
            compound.country = chain[0].country
        sectors = {tuple(m.sectors) for m in chain}
        if len(sectors) == 1:
            compound.sectors = list(chain[0].sectors)
        if all(m.count is not None for m in chain):
            compound.count = sum(m.count or 0 for m in chain)
            qualifiers = {m.qualifier for m in chain}
            compound.qualifier = qualifiers.pop() if len(qualifiers) == 1 else "about"
        compound.merge_into = self._consists_of(head)
        return compound

    def _consists_of(self, head: Token) -> Mention | None:
        """The subject of "X consisted of / included / comprised <compound>", if any."""
        verb = head.head
        if head.dep_ == "pobj" and verb.dep_ == "prep":
            verb = verb.head
        elif head.dep_ != "dobj":
            return None
        if verb.lemma_ not in {"consist", "comprise", "include", "number", "compose", "make"}:
            return None
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return self.mentions.get(child.i)
        return None
