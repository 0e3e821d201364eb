"""People: titles before a name, appositive offices, "of <organisation>", bare surnames.

Methods of the mention finder (``mentions._Finder``) kept apart to keep each file readable; they
read and write the finder's state (``mentions``, ``claimed``) like its own methods do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from eventwire.actors.lexicon import Lexicon
from eventwire.actors.model import Match, Mention
from eventwire.actors.model import pick as _pick
from eventwire.actors.words import PROPN, Words

if TYPE_CHECKING:
    from collections.abc import Collection

__all__ = ["PeopleRules"]


class PeopleRules:
    """How people are coded: mixed into the mention finder."""

    doc: Doc
    tokens: list[Token] | Doc
    words: Words
    lex: Lexicon
    by_token: dict[int, Match]
    mentions: dict[int, Mention]
    claimed: set[int]
    former: Collection[str]

    def _people_details(self, mention: Mention) -> None:
        """Titles before a name, appositives and "of <organisation>" after it."""
        if mention.kind != "person":
            return
        head = self.tokens[mention.head]
        title_start = mention.start
        for i in range(mention.start - 1, head.left_edge.i - 1, -1):
            token = self.tokens[i]
            if (token.dep_ in {"det", "punct"} and token.lower_ != "-") or token.is_space:
                break
            if "\n" in token.whitespace_:
                break
            title_start = i
        if title_start < mention.start:
            self._title(mention, title_start)
        if head.dep_ == "appos" and head.head.i < head.i:
            noun = head.head  # "The UN coordinator in Sudan, X": spaCy may hang X on "Sudan"
            while noun.dep_ in {"pobj", "prep"} and (
                    noun.i not in self.mentions or self.mentions[noun.i].kind != "agent"):
                noun = noun.head
            self._titled_by(mention, noun)
        for child in head.children:
            if child.dep_ == "appos":
                self._appos(mention, child)
            elif child.dep_ == "prep" and child.lower_ in {"of", "from", "at", "with"}:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        self._person_org(mention, obj)

    def _title(self, mention: Mention, start: int) -> None:
        words = self.doc[start:mention.start]
        term = None
        owner = None
        for token in words:
            candidate = self._agent_term(token)
            if candidate is not None:
                term = candidate
                if token.dep_ == "poss":
                    owner = candidate  # "the party's leader X": the party's sector
        country = None
        for token in words:
            match = self.by_token.get(token.i)
            if match is not None:
                entry = _pick(match.entries, ("adj", "name", "capital", "person", "org"))
                if entry is not None and entry.form == "org":
                    mention.affiliation, mention.affiliation_key = entry.name, entry.key
                    country = entry.country
                elif entry is not None:
                    country = entry.country
        for i in range(start, mention.start):
            other = self.mentions.get(i)
            if other is not None and other.kind not in {"organisation", "group"}:
                del self.mentions[i]
            self.claimed.add(i)
        mention.start = start
        office_words = [t for t in words if not self.by_token.get(t.i)]
        if term is not None:
            mention.office = "".join(t.text_with_ws for t in office_words).strip() or None
            org_sectors = self._org_sectors(mention.affiliation_key)
            if owner is not None and term.role == "member" and owner.sectors:
                org_sectors = owner.sectors
            mention.sectors = list(org_sectors if term.role == "member" and org_sectors
                                   else term.sectors)
        if country is not None:
            mention.country = country
            mention.explicit = True
        if any(t.lower_ in self.former for t in words):
            mention.sectors = ["ELI", *[s for s in mention.sectors if s != "ELI"]]

    def _org_sectors(self, key: str | None) -> tuple[str, ...]:
        if key is None:
            return ()
        for match in self.by_token.values():
            org = _pick(match.entries, ("org",))
            if org is not None and org.key == key:
                return org.sectors
        return ()

    def _appos(self, mention: Mention, appos: Token) -> None:
        other = self.mentions.get(appos.i)
        if other is None or other.kind not in {"agent"}:
            return
        if other.role not in {"office", "member", "agent"}:
            return
        del self.mentions[appos.i]
        words = [t for t in self.doc[other.start:other.end] if t.dep_ != "det"]
        sub_end = max(t.i for t in appos.subtree) + 1
        phrase = self.doc[other.start:sub_end]
        mention.extra.append((other.start, sub_end))
        text = phrase.text
        if words and words[0].i == other.start + 1:
            text = self.doc[words[0].i:sub_end].text
        mention.office = mention.office or text.strip(" ,")
        self._take_codes(mention, other)

    @staticmethod
    def _take_codes(mention: Mention, other: Mention) -> None:
        """A person named beside an office phrase takes the phrase's country (unless the
        person's own is explicit), affiliation and sectors."""
        if other.country is not None and (mention.country is None or not mention.explicit):
            mention.country = other.country
        if other.affiliation:
            mention.affiliation = other.affiliation
            mention.affiliation_key = other.affiliation_key
        if other.sectors:
            mention.sectors = list(other.sectors)
        mention.explicit = mention.explicit or other.explicit

    def _titled_by(self, mention: Mention, noun: Token) -> None:
        """"The UN humanitarian coordinator in Nigeria, Mohamed Fall, said": the office phrase
        before the name is the same person (one actor; the phrase is one of its spans), and an
        unknown person takes its country, affiliation and sector (here UNO, GOV)."""
        other = self.mentions.get(noun.i)
        if other is None or other.kind != "agent" or other.plural or other.count is not None:
            return
        if other.role not in {"office", "member", "agent"} or noun.tag_ in {"NNS", "NNPS"}:
            return
        if other.end > mention.start:
            return
        end = other.end  # with its own prepositional phrases: "... coordinator in Nigeria"
        for child in noun.rights:
            if child.dep_ == "prep" and child.i < mention.start:
                end = max(end, max(t.i for t in child.subtree if t.i < mention.start) + 1)
        while end > other.end and self.tokens[end - 1].is_punct:
            end -= 1
        del self.mentions[noun.i]
        mention.extra.append((other.start, end))
        words = [t for t in self.doc[other.start:end] if t.dep_ != "det"]
        if words:
            office = self.doc[words[0].i:words[-1].i + 1].text.strip(" ,")
            mention.office = mention.office or office
        if mention.head in self.by_token and mention.sectors:
            return  # a leader our lexicon knows keeps its own coding
        self._take_codes(mention, other)
        mention.context_country = mention.context_country or other.context_country

    def _person_org(self, mention: Mention, obj: Token) -> None:
        for token in obj.subtree:
            match = self.by_token.get(token.i)
            org = _pick(match.entries, ("org",)) if match is not None else None
            place = _pick(match.entries, ("name", "capital")) if match is not None else None
            if org is None and place is not None and mention.country is None and token.i == obj.i:
                mention.country = place.country
                mention.explicit = True
                return
            if org is None:
                other = self.mentions.get(token.i)
                if other is None or other.kind != "organisation":
                    continue
                mention.affiliation, mention.affiliation_key = other.name, other.key
                mention.country = mention.country or other.country
                mention.sectors = mention.sectors or list(other.sectors)
                return
            mention.affiliation, mention.affiliation_key = org.name, org.key
            if mention.key is None or not mention.sectors:
                mention.country = org.country
                mention.sectors = list(org.sectors)
            mention.explicit = True
            self.mentions.pop(self.by_token[token.i].end - 1, None)
            self._keep_org_mention(match)  # type: ignore[arg-type]
            return

    def _keep_org_mention(self, match: Match) -> None:
        """The organisation a person speaks for stays an actor of its own."""
        head = self.doc[match.start:match.end].root
        org = _pick(match.entries, ("org",))
        if org is None or head.i in self.mentions:
            return
        self._add(Mention(match.start, match.end, head.i, "group" if org.armed else "organisation",
                          org.name, org.key, org.country, list(org.sectors), wikidata=org.wikidata,
                          armed=org.armed, media=org.media, explicit=True))

    def _surnames(self) -> None:
        """A person's surname alone later on ("Montalvo") is a mention even when spaCy missed it."""
        known: dict[int, Mention] = {}
        for mention in sorted(self.mentions.values(), key=lambda m: m.start):
            if mention.kind == "person" and mention.end - mention.start >= 2:
                known.setdefault(self.words.orth[mention.end - 1], mention)  # by text code
        if not known:
            return
        orths, pos = self.words.orth, self.words.pos
        for i, orth in enumerate(orths):
            full = known.get(orth)
            if full is None or i < full.end or pos[i] != PROPN:
                continue
            token = self.doc[i]
            wrong = self.mentions.get(token.i)
            if wrong is not None and wrong.kind == "organisation" and token.i not in self.by_token:
                del self.mentions[token.i]  # spaCy's ORG "Devocht" is Tom Devocht
                self.claimed.difference_update(range(wrong.start, wrong.end))
            if token.i in self.by_token or token.i in self.claimed:
                continue
            if token.i + 1 < len(self.doc) and self.tokens[token.i + 1].pos_ == "PROPN":
                continue  # part of a longer name
            self._add(Mention(token.i, token.i + 1, token.i, "person", token.text,
                              f"person:{token.text}"))
