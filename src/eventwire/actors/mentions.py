"""Find actor mentions in a parsed article: names, agent noun phrases, people, counts, compounds.

A ``Mention`` is one stretch of text that names (or points at) an actor, with what the words
themselves say about it: country, sectors, count, office, affiliation. Coreference
(``coref.py``) later groups mentions into entities. Names come from the lexicon automaton, common
nouns from the agent table; spaCy's entities only fill in names the lexicons do not know, and the
lexicons win where both speak ("Quilliam" tagged PERSON is the think-tank).
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from eventwire import nlp
from eventwire.actors import geo
from eventwire.actors.compounds import CompoundRules
from eventwire.actors.lexicon import AgentTerm, Entry, Lexicon
from eventwire.actors.model import Match as _Match
from eventwire.actors.model import Mention
from eventwire.actors.model import pick as _pick
from eventwire.actors.people import PeopleRules
from eventwire.actors.words import AGENT_POS, NOUN, PRON, PROPN, PRP_TAGS, Words, code
from eventwire.places import reads_as_place

__all__ = ["Mention", "find", "sentence_index"]

_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss", "npadvmod", "nummod"})
_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "iobj", "appos", "ROOT", "dative", "attr",
                         "oprd", "pobj", "conj", "npadvmod"})
_SUBJECT_OBJECT = frozenset({"nsubj", "nsubjpass", "dobj", "iobj", "dative"})
_ARMED_SECTORS = frozenset({"REB", "PRM", "UAF", "CRM"})
# Sectors of a state's own organs and politics: unqualified ("the army", "the federal
# government", "local officials", "President X") they belong to the country the article is about.
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "OPP", "ELI"})
_SPECIAL_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})
_PLACE_ENTS = frozenset({"GPE", "LOC"})
_LOCATIVE = frozenset({"in", "inside", "within", "across", "throughout", "at"})
_NOUNS = frozenset({NOUN, PROPN})
_NER_LABELS = frozenset({"PERSON", "ORG", "NORP"})
_MODIFIER_DEP_CODES = frozenset(code(dep) for dep in _MODIFIER_DEPS)


def find(doc: Doc, lex: Lexicon, sentences: list[int] | None = None,
         text: str | None = None, tokens: list[Token] | Doc | None = None,
         words: Words | None = None) -> list[Mention]:
    """Every actor mention in ``doc``, in text order.

    ``sentences`` (``sentence_index(doc)``), ``text`` (``doc.text``), ``tokens`` (``list(doc)``
    or the doc itself) and ``words`` (``Words(doc)``) may be passed when the caller has them
    already: each costs a pass over the document.
    """
    tokens = doc if tokens is None else tokens
    words = Words(doc) if words is None else words
    ent_list = list(doc.ents)
    ents = {i: ent for ent in ent_list for i in range(ent.start, ent.end)}
    text = doc.text if text is None else text
    matches = _name_matches(doc, lex, ents, text, words)
    by_token: dict[int, _Match] = {}
    for match in matches:
        for i in range(match.start, match.end):
            by_token[i] = match
    finder = _Finder(doc, lex, by_token, ents, ent_list,
                     sentences if sentences is not None else sentence_index(tokens), tokens,
                     text, words)
    return finder.run(matches)


def _name_matches(doc: Doc, lex: Lexicon, ents: dict[int, Span], text: str,
                  words: Words) -> list[_Match]:
    """Lexicon name matches snapped to tokens; those inside a longer spaCy PERSON are dropped."""
    found: list[tuple[int, int, tuple[Entry, ...]]] = []
    for start, end, entries in lex.names(text):
        tokens = _token_range(words, start, end)
        if tokens is not None:
            found.append((*tokens, entries))
    covered = {i for start, end, _ in found for i in range(start, end)}
    out: list[_Match] = []
    for start, end, entries in found:
        ent = _enclosing_ent(start, end, ents)
        if (ent is not None and ent.label_ == "PERSON" and entries[0].form != "people"
                and ent.end - ent.start > end - start
                and not all(i in covered for i in range(ent.start, ent.end))):
            continue  # "Jordan" in "Jordan Peterson"; but "Bosnian Serbs" stays
        out.append(_Match(start, end, entries))
    return out


def _token_range(words: Words, start: int, end: int) -> tuple[int, int] | None:
    """The tokens ``[first, last + 1)`` spelling characters ``[start, end)`` exactly, as
    ``doc.char_span(start, end)`` finds them (None when the ends are not token ends), without
    building the ``Span``."""
    starts = words.idx
    first = bisect.bisect_left(starts, start)
    if first == len(starts) or starts[first] != start:
        return None
    last = bisect.bisect_left(starts, end) - 1  # the last token starting before ``end``
    if starts[last] + words.length[last] != end:
        return None
    return first, last + 1


def _enclosing_ent(start: int, end: int, ents: dict[int, Span]) -> Span | None:
    """The spaCy entity holding tokens ``[start, end)`` (entities do not overlap, so the first
    token says)."""
    ent = ents.get(start)
    return ent if ent is not None and end <= ent.end else None


def sentence_index(tokens: Doc | list[Token]) -> list[int]:
    """The sentence number of every token (``doc.sents`` is slow to rebuild): read from the
    sentence starts ``nlp`` keeps once per document."""
    if not len(tokens):
        return []
    doc = tokens if isinstance(tokens, Doc) else tokens[0].doc
    out: list[int] = []
    for number, (start, end) in enumerate(itertools.pairwise(nlp.sentence_starts(doc))):
        out.extend([number] * (end - start))
    return out


@lru_cache(maxsize=4)
def _community_codes(lex: Lexicon) -> frozenset[int]:
    """The string codes of the community words (``Lexicon.communities``), to test a word's
    lower-case code without reading its string."""
    return frozenset(code(word) for word in lex.communities)


@lru_cache(maxsize=4)
def _term_suffixes(lex: Lexicon) -> frozenset[tuple[str, ...]]:
    """Every proper suffix of an agent term's words ("forces" of "security forces"): while the
    words read so far are one, a longer term may still end with them."""
    return frozenset(words[k:] for words in lex.agents for k in range(1, len(words)))


_HYPHEN = code("-")  # the text code of a hyphen token
_DET = code("det")  # the dependency code of a determiner
_ANSWERS_MAX = 500_000  # a bound on each answer cache over a long run (cleared when reached)


@lru_cache(maxsize=4)
def _tail_answers(lex: Lexicon) -> tuple[dict[int, bool], dict[int, bool]]:
    """Whether an agent term of ``lex`` may end with a word, by the word's lemma code (common
    words, index 0) or lower-case code (proper nouns, index 1): filled as words are seen."""
    return {}, {}


class _Finder(PeopleRules, CompoundRules):
    """One pass over one document (people and compound rules live in their own modules)."""

    def __init__(self, doc: Doc, lex: Lexicon, by_token: dict[int, _Match],
                 ents: dict[int, Span], ent_list: list[Span], sentences: list[int],
                 tokens: list[Token] | Doc, text: str, words: Words) -> None:
        self.doc = doc
        self.words = words
        self.text = text
        self.tokens = tokens
        self.ents = ents  # token index -> entity (``doc.ents`` is rebuilt on every access)
        self.ent_list = ent_list
        self.lex = lex
        self.by_token = by_token
        self.qualifiers: dict[str, str] = lex.syntax["count_qualifiers"]  # type: ignore[assignment]
        self.numbers: dict[str, int] = lex.syntax["number_words"]  # type: ignore[assignment]
        self.multipliers: dict[str, int] = lex.syntax["multipliers"]  # type: ignore[assignment]
        self.former = lex.word_set("former_words")
        self.place_preps = lex.word_set("place_prepositions")
        self.motion = lex.word_set("motion_verbs")
        self.quantity_nouns = frozenset({"thousands", "hundreds", "dozens", "scores", "millions",
                                         "tens", "group", "number", "majority", "most"})
        self.mentions: dict[int, Mention] = {}  # by head token
        self.claimed: set[int] = set()
        # A line break is a space token (spaCy's trailing whitespace is one space or none).
        self.breaks = {i for i, space in enumerate(words.space) if space}
        self.terms: dict[int, AgentTerm | None] = {}
        self.sentences = sentences
        self._country_counts: Counter[str] | None = None
        self._main: str | bool | None = False  # False: not computed yet

    # -- driver ---------------------------------------------------------------------------

    def run(self, matches: list[_Match]) -> list[Mention]:
        for match in matches:
            self._named(match)
        self._ner_fallback()
        self._surnames()
        self._repeated_names()
        pronouns = []
        words, doc = self.words, self.doc
        communities = _community_codes(self.lex)
        common, proper = _tail_answers(self.lex)  # ``_may_end_term``'s answers so far
        for i, (pos, tag, lower, lemma) in enumerate(zip(words.pos, words.tag, words.lowers,
                                                         words.lemmas, strict=True)):
            # one pass; the part of speech says which rule may apply
            if pos in AGENT_POS:
                if i in self.mentions or i in self.by_token:
                    continue
                ends = proper.get(lower) if pos == PROPN else common.get(lemma)
                if ends is None:
                    ends = self._may_end_term(i)
                if ends or lower in communities:
                    self._agent(doc[i])  # other words name no actor: ``_agent`` would say so
            elif pos == PRON or tag in PRP_TAGS:
                pronouns.append(i)
        for i in pronouns:
            self._pronoun(doc[i])
        for mention in list(self.mentions.values()):
            self._people_details(mention)
        self._group_of()
        self._context()
        found = sorted(self.mentions.values(), key=lambda m: (m.start, -m.end))
        found += self._compounds(found)
        return sorted(found, key=lambda m: (m.start, -m.end))

    # -- names ----------------------------------------------------------------------------

    def _named(self, match: _Match) -> None:
        span = self.doc[match.start:match.end]
        head = span.root
        entries = match.entries
        org = _pick(entries, ("org",))
        person = _pick(entries, ("people",))
        if person is not None:
            self._add(Mention(match.start, match.end, head.i, "person", person.name, person.key,
                              person.country, list(person.sectors), office=person.office,
                              wikidata=person.wikidata, explicit=True))
            return
        if org is not None:
            # "Hamas fighters": the fighters are an actor affiliated with Hamas, and the words
            # "Hamas" are also a (nested) mention of Hamas itself
            kind = "group" if org.armed else "organisation"
            self._add(Mention(match.start, match.end, head.i, kind, org.name, org.key, org.country,
                              list(org.sectors), wikidata=org.wikidata, armed=org.armed,
                              media=org.media, explicit=True))
            return
        demonym = _pick(entries, ("person",))
        if demonym is not None and not self._modifies_noun(head):
            self._demonym(match, head, demonym)
            return
        country = _pick(entries, ("name", "adj", "capital"))
        if country is None or self._inside_longer_name(span):
            return
        if self._modifies_noun(head) and (self._agent_term(head.head) is not None
                                          or self._agent_modifier(head.head) is not None
                                          or self._is_demonym(head.head)):
            return  # "British authorities", "Bosnian Serbs": a modifier, coded with its head
        if country.form == "adj" and head.pos_ not in {"PROPN", "NOUN", "ADJ"}:
            return
        key, sectors = country.key, []
        if country.form == "capital":
            if self._modifies_noun(head):
                return
            key = f"capital:{country.country}:{span.text}"
            gov = self._subject_or_object(head) or (self._actor_position(head) and (
                self._conj_root(head).dep_ == "pobj"))
            sectors = ["GOV"] if gov else ["CVL"]
        self._add(Mention(match.start, match.end, head.i, "country", country.name, key,
                          country.country, sectors, explicit=True))

    def _is_demonym(self, token: Token) -> bool:
        match = self.by_token.get(token.i)
        return match is not None and _pick(match.entries, ("person",)) is not None

    def _inside_longer_name(self, span: Span) -> bool:
        """A country inside a longer name spaCy found ("Montenegro Municipality Association")."""
        ent = _enclosing_ent(span.start, span.end, self.ents)
        if ent is None or ent.label_ not in {"ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW",
                                             "PRODUCT"}:
            return False
        return any(t.dep_ != "det" and not span.start <= t.i < span.end for t in ent)

    def _subject_or_object(self, token: Token) -> bool:
        root = self._conj_root(token)
        return root.dep_ in _SUBJECT_OBJECT or (root.dep_ == "pobj" and root.head.dep_ == "agent")

    def _demonym(self, match: _Match, head: Token, entry: Entry) -> None:
        start = min(match.start, self._left(head))
        ethnic = self._ethnic(match.start)
        country = None if ethnic else entry.country
        for i in range(start, match.start):  # "Bosnian Serbs", "Iraqi Kurds": where they live
            other = self.by_token.get(i)
            place = _pick(other.entries, ("adj", "name")) if other is not None else None
            if place is not None and place.country != entry.country:
                country, ethnic = place.country, False
        sectors = ["CVL"] if self._individuals(match, head) else []
        mention = Mention(start, match.end, head.i, "agent", None, None, country, sectors,
                          plural=entry.plural or head.tag_ in {"NNS", "NNPS"}, role="agent",
                          lemma=f"people:{entry.country}", explicit=not ethnic, default_sector=True,
                          local=ethnic)
        self._count(mention, head)
        self._residence(mention, head)
        self._add(mention)

    def _residence(self, mention: Mention, head: Token) -> None:
        """"ethnic Albanians in south Serbia", "the Albanians of Serbia": where they live."""
        for child in head.rights:
            if child.dep_ != "prep" or not (child.lower_ == "of" or (
                    mention.country is None and child.lower_ in {"in", "from"})):
                continue
            for obj in child.children:
                match = self.by_token.get(obj.i) if obj.dep_ == "pobj" else None
                place = _pick(match.entries, ("name",)) if match is not None else None
                if place is not None:
                    mention.country = place.country
                    mention.explicit = True
                    mention.end = max(mention.end, self._phrase_end(obj))

    def _individuals(self, match: _Match, head: Token) -> bool:
        """"12 Algerians", "young Algerians": people (CVL); bare "the Palestinians": the nation."""
        if not (head.tag_ in {"NNS", "NNPS"} or _pick(match.entries, ("person",)).plural):
            return True
        words = [t for t in self.doc[self._left(head):match.start] if t.lower_ != "the"]
        if any(child.dep_ in {"prep", "acl", "relcl"} for child in head.rights):
            return True  # "Palestinians living in the West Bank", "Albanians of Serbia"
        return bool(words or (head.dep_ == "pobj" and head.head.head.lower_ in self.quantity_nouns))

    def _ner_fallback(self) -> None:
        """Names the lexicons do not know: spaCy PERSON / ORG / NORP entities."""
        for ent in self.ent_list:
            label = ent.label_
            if label not in _NER_LABELS:
                continue  # dates, numbers, places: no rule below takes them
            where = range(ent.start, ent.end)
            if label != "NORP":
                named = not self.by_token.keys().isdisjoint(where)
                taken = named or not self.claimed.isdisjoint(where)
                # Taken words are skipped below whatever the (pure) place test says; only an
                # organisation holding lexicon names still goes to ``_org_with_country``.
                if taken and (label == "PERSON" or not named):
                    continue
                if reads_as_place(self.text, ent.start_char, ent.end_char):
                    continue  # "in Cuernavaca, Morelos", "near Rubizhne": the tagger's mistake
            if label == "ORG" and self._org_with_country(ent):
                continue
            if not self.by_token.keys().isdisjoint(where) or not self.claimed.isdisjoint(where):
                continue
            if not any(self.words.text(i)[:1].isupper() for i in where):
                continue  # "escaped into the bush": spaCy's PERSON on a lower-case common noun
            head = ent.root
            if label == "PERSON":
                self._add(Mention(ent.start, ent.end, head.i, "person", ent.text.strip(),
                                  f"person:{ent.text.strip()}"))
            elif label == "ORG":
                self._org_entity(ent)
            elif label == "NORP" and not self._modifies_noun(head) and head.pos_ in {
                    "NOUN", "PROPN"}:
                mention = Mention(self._left(head), head.i + 1, head.i, "agent", None, None, None,
                                  ["CVL"], plural=head.tag_ in {"NNS", "NNPS"}, role="agent",
                                  lemma=f"norp:{head.lemma_.lower()}", default_sector=True)
                self._modifiers(mention, head)
                self._count(mention, head)
                self._add(mention)

    def _repeated_names(self) -> None:
        """An organisation spaCy found once is the same name where spaCy missed it later."""
        names: dict[int, list[Mention]] = {}
        for mention in self.mentions.values():
            found_by_spacy = mention.start not in self.by_token
            if (mention.kind == "organisation" and mention.key and found_by_spacy
                    and self.words.lower(mention.start) != "the"):
                # keyed by the code of the first word's text
                names.setdefault(self.words.orth[mention.start], []).append(mention)
        if not names:
            return
        for start, orth in enumerate(self.words.orth):
            for known in names.get(orth, ()):
                size = known.end - known.start
                end = start + size
                if start == known.start or end > len(self.doc):
                    continue
                if self._words_text(start, end) != self._words_text(known.start, known.end):
                    continue
                if any(i in self.claimed or i in self.by_token for i in range(start, end)):
                    continue
                head = self.doc[start:end].root
                self._add(Mention(start, end, head.i, "organisation", known.name, known.key,
                                  known.country, list(known.sectors), explicit=known.explicit))

    def _words_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` cut from the text, without a ``Span``."""
        if end <= start:
            return ""
        table = self.words
        return self.text[table.idx[start]:table.idx[end - 1] + table.length[end - 1]]

    def _org_with_country(self, ent: Span) -> bool:
        """An unknown organisation whose name holds a country ("Nigerian Union of Teachers")."""
        inside = [self.by_token[i] for i in range(ent.start, ent.end) if i in self.by_token]
        if not inside or any(m.start < ent.start or m.end > ent.end for m in inside):
            return False
        if any(_pick(m.entries, ("org", "people")) is not None for m in inside):
            return False
        dep = self.words.dep
        words = [i for i in range(ent.start, ent.end) if dep[i] != _DET]
        if all(i in self.by_token for i in words):
            return False  # "the Democratic People's Republic of Korea": a country name
        self._org_entity(ent)
        return True

    def _org_entity(self, ent: Span) -> None:
        table = self.words
        root = ent.root  # ``Span.root`` walks the span: read once
        if self._modifies_noun(root) and self._term_at(table.head[root.i]) is not None:
            return
        words = tuple(table.lemma(i) for i in range(ent.start, ent.end)
                      if table.lower(i) != "the")
        if self.lex.agent(words) is not None:
            return  # "Cabinet", "Supreme Court": a common noun; the agent rules code it
        for child in root.lefts:
            term = self._term_at(child.i) if child.i < ent.start else None
            if term is not None and term.role == "office":
                self._add(Mention(ent.start, ent.end, root.i, "person", ent.text.strip(),
                                  f"person:{ent.text.strip()}"))
                return
        country = None
        sectors: list[str] = []
        for i in range(ent.start, ent.end):
            term = self._term_at(i)
            if term is not None and term.sectors:
                sectors = list(term.sectors)
        for i in range(ent.start, ent.end):
            match = self.by_token.get(i)
            if match is not None:
                entry = _pick(match.entries, ("adj", "name", "capital"))
                if entry is not None:
                    country = entry.country
        name = ent.text.strip()
        if name.lower().startswith("the "):
            name = name[4:]
        self._add(Mention(ent.start, ent.end, root.i, "organisation", name, f"org:{name}",
                          country, sectors, explicit=country is not None))

    # -- agents (common nouns) --------------------------------------------------------------

    def _agent_term(self, token: Token) -> AgentTerm | None:
        """The longest agent term ending at ``token``; hyphenated words count as one word."""
        return self._term_at(token.i)

    def _term_at(self, i: int) -> AgentTerm | None:
        """``_agent_term`` of word ``i``, by index (no ``Token`` needed), kept per word."""
        terms = self.terms
        if i not in terms:
            terms[i] = self._find_agent_term(i)
        return terms[i]

    def _may_end_term(self, i: int) -> bool:
        """Whether an agent term may end with word ``i`` (a noun, proper noun or adjective
        whose lemma ends some term): most nouns name no kind of actor. The answer for a word
        form is kept (``_tail_answers``): forms repeat across articles."""
        pos = self.words.pos[i]
        if pos not in AGENT_POS:
            return False
        proper = pos == PROPN
        key = self.words.lowers[i] if proper else self.words.lemmas[i]
        answers = _tail_answers(self.lex)[proper]
        answer = answers.get(key)
        if answer is None:
            last = self.words.lemma(i)
            tails = self.lex.agent_tails
            answer = last in tails or (proper and last[:-1] in tails) or (
                "-" in last and last.rsplit("-", 1)[-1] in tails)
            if len(answers) >= _ANSWERS_MAX:
                answers.clear()
            answers[key] = answer
        return answer

    def _find_agent_term(self, end: int) -> AgentTerm | None:
        """The longest agent term ending at word ``end``, read leftwards from the words table;
        the walk stops once the words read end no longer term (``_term_suffixes``)."""
        if not self._may_end_term(end):
            return None  # no agent term ends with this word: most nouns
        table = self.words
        proper = table.pos[end] == PROPN
        suffixes = _term_suffixes(self.lex)
        agent = self.lex.agent
        orth, starts, lengths = table.orth, table.idx, table.length
        words: list[str] = []
        best: AgentTerm | None = None
        glue = False
        i = end
        while i >= 0 and len(words) <= self.lex.max_agent_words:
            text = table.lemma(i) if i == end else table.lower(i)
            if glue and words:
                words[0] = text + words[0]
            else:
                words.insert(0, text)
            i -= 1
            # "pro-government": no space between the word and a hyphen glues them into one
            glue = i >= 0 and (orth[i] == _HYPHEN or orth[i + 1] == _HYPHEN) and (
                starts[i] + lengths[i] == starts[i + 1])
            if glue:
                continue
            key = tuple(words)
            variant = (*words[:-1], words[-1][:-1]) if proper and words[-1].endswith("s") \
                else None
            term = agent(key)
            if term is None and variant is not None:
                term = agent(variant)
            if term is not None:
                best = term
            if key not in suffixes and (variant is None or variant not in suffixes):
                break  # no longer term ends with these words: the words before cannot help
        return best

    def _agent_modifier(self, noun: Token) -> Token | None:
        """The agent noun modifying a non-agent noun ("army" in "Israeli army bulldozers")."""
        if noun.pos_ not in {"NOUN", "PROPN"} or self._agent_term(noun) is not None:
            return None
        if noun.i in self.by_token or noun.ent_type_ in {"PERSON", "ORG"}:
            return None  # "the think-tank Quilliam": a descriptor of the name
        for child in noun.lefts:
            if child.dep_ in {"compound", "amod", "nmod"} and child.pos_ in {
                    "NOUN", "PROPN", "ADJ"}:
                term = self._agent_term(child)
                if child.pos_ == "ADJ" and child.lower_ == "military":
                    continue  # "military policies" describe, they do not name an actor
                if term is not None and term.role != "office":
                    return child
        return None

    def _agent(self, token: Token) -> None:
        if token.pos_ not in {"NOUN", "PROPN", "ADJ"}:
            return
        if token.lower_ in self.lex.communities and token.pos_ != "ADJ" and not (
                self._modifies_noun(token)):
            self._community_people(token)
            return
        if token.pos_ == "ADJ" and token.dep_ not in {"amod", "compound"}:
            return
        term = self._agent_term(token)  # most nouns name no kind of actor: cheapest test first
        if term is None or (term.role == "office" and self._titles_person(token)):
            return
        start = self._left(token)
        if token.dep_ != "poss" and (self._modifies_noun(token) or token.dep_ == "compound"):
            modifier = self._agent_modifier(token.head)
            if modifier is None or modifier.i != token.i:
                return
            start = min(self._left(token.head), token.i)
        if term.role == "group" and not term.sectors and self._named_group(token, start):
            return
        mention = Mention(start, token.i + 1, token.i, "agent", None, None, None,
                          list(term.sectors), plural=token.tag_ in {"NNS", "NNPS"},
                          role=term.role, lemma=" ".join(term.words))
        self._modifiers(mention, token)
        self._postmodifiers(mention, token)
        self._count(mention, token)
        if term.role == "office" and self._is_former(mention):
            mention.sectors = ["ELI"]
        if term.role == "place" and (mention.country is None or not mention.explicit
                                     or self._names_a_place(token)):
            return  # a town is an actor only as "Iraqi towns", standing for its people
        det = self.tokens[start].lower_ if start < token.i else ""
        anaphors = self.lex.word_set("militant_anaphors")
        if (not mention.explicit and mention.possessor is None and mention.count is None
                and det in self.lex.word_set("anaphoric_determiners")
                and term.words[-1] in anaphors and token.i - start == 1):
            mention.anaphor = True
        self._add(mention)

    @staticmethod
    def _names_a_place(token: Token) -> bool:
        """ "the town of Konduga", "the city of Raqqa": the noun names one place, not people."""
        return any(child.dep_ == "prep" and child.lower_ == "of"
                   and any(obj.dep_ == "pobj" and obj.pos_ == "PROPN" for obj in child.children)
                   for child in token.children)

    def _community_people(self, head: Token) -> None:
        """"Kurds", "three Shiites": people of a community, CVL, with its home country if any."""
        mention = Mention(self._left(head), head.i + 1, head.i, "agent", None, None, None,
                          ["CVL"], plural=head.tag_ in {"NNS", "NNPS"} or head.lower_.endswith("s"),
                          role="agent", lemma=f"community:{head.lower_}", default_sector=True,
                          context_country=self.lex.communities.get(head.lower_), local=True)
        self._modifiers(mention, head)
        self._count(mention, head)
        self._add(mention)

    def _named_group(self, token: Token, start: int) -> bool:
        """"the Scientology organization": the phrase is one more mention of the named one."""
        for child in token.lefts:
            named = self.mentions.get(child.i)
            if child.dep_ == "compound" and named is not None and named.kind in {
                    "organisation", "group"}:
                named.extra.append((start, token.i + 1))
                return True
        return False

    def _ner_org(self, i: int) -> Mention | None:
        """The organisation mention (found by spaCy, not the lexicon) whose head is token ``i``."""
        mention = self.mentions.get(i)
        if mention is None or mention.kind != "organisation" or i in self.by_token:
            return None
        return mention

    def _kind_word(self, token: Token) -> tuple[str, ...] | None:
        """The sectors of an agent noun saying what kind of member this is ("police")."""
        term = self._agent_term(token)
        if term is None or not term.sectors or term.role not in {"agent", "member"}:
            return None
        return term.sectors

    def _community(self, mention: Mention) -> None:
        """An ethnic or religious community's forces are not a state's army ("Kurdish forces":
        REB), and its leaders are elites, not a government ("Yoruba leaders": ELI)."""
        if mention.sectors[:1] == ["MIL"]:
            mention.sectors = ["REB"]
        elif mention.role in {"member", "office"} and mention.sectors[:1] in (["GOV"], ["PTY"]):
            mention.sectors = ["ELI"]

    def _titles_person(self, token: Token) -> bool:
        """Whether an office word is the title of a following name ("President Assad")."""
        nxt = token.nbor(1) if token.i + 1 < len(self.doc) else None
        return nxt is not None and token.head.i > token.i and token.head.ent_type_ == "PERSON"

    def _modifiers(self, mention: Mention, head: Token) -> None:
        """Country, organisation, person or possessive pronoun in front of an agent noun."""
        countries: list[tuple[int, Entry]] = []
        places: dict[int, int] = {}  # start -> end of a gazetteer place among the modifiers
        for i in range(mention.start, head.i):
            token = self.tokens[i]
            match = self.by_token.get(i)
            if match is not None and i == match.end - 1:
                org = _pick(match.entries, ("org",))
                person = _pick(match.entries, ("people",))
                place = _pick(match.entries, ("adj", "name", "capital", "person"))
                if org is not None:
                    self._affiliate(mention, org)
                elif person is not None:
                    mention.country = mention.country or person.country
                    mention.explicit = True
                elif place is not None and place.country is not None and not self._ethnic(
                        match.start):
                    countries.append((match.start, place))
            elif match is None and token.head.i == head.i and self._place_end(token) and (
                    code := self._place_code(token)) is not None:
                place_start = self._division_start(token)  # "Borno state officials"
                if place_start is None:
                    place_start = self.ents[i].start  # "Zamfara police"
                countries.append((place_start, Entry(f"country:{code}", self.lex.countries[code],
                                                     "name", code)))
                places[place_start] = i + 1
            elif token.tag_ == "PRP$" and token.lower_ in {"their", "its"}:
                mention.possessor = i
            elif self._ner_org(i) is not None and token.head.i == head.i:
                org_mention = self._ner_org(i)
                mention.affiliation = org_mention.name
                mention.affiliation_key = org_mention.key
                mention.explicit = mention.explicit or org_mention.country is not None
                mention.country = mention.country or org_mention.country
                if mention.role in {"member", "group"}:
                    mention.sectors = list(org_mention.sectors)  # "Scientology officials"
            elif (mention.role in {"member", "office"} and token.dep_ in {"compound", "amod"}
                  and token.head.i == head.i and self._kind_word(token) is not None):
                mention.sectors = list(self._kind_word(token) or ())  # "police commander"
            elif token.ent_type_ == "PERSON" and token.dep_ == "poss":
                mention.explicit = True
            elif token.lower_ in self.lex.communities or token.ent_type_ == "NORP":
                self._community(mention)
                mention.local = mention.local or token.lower_ in self.lex.communities
                home = self.lex.communities.get(token.lower_)
                if mention.country is None and home is not None:
                    mention.context_country = home  # unless the sentence names its country
            elif (token.lower_ in {"international", "multinational", "regional", "foreign"}
                  and mention.sectors[:1] == ["MIL"] and mention.country is None
                  and "peacekeep" in (mention.lemma or "")):
                mention.country = "IGO"  # "a regional peacekeeping force": several states
                mention.explicit = True
            elif token.lower_ in {"official", "state", "state-run", "state-owned",
                                  "government"} and mention.sectors[:1] == ["JRN"]:
                mention.sectors = ["GOV", "JRN"]  # "an official Syrian newspaper": state media
        distinct = {e.country for _, e in countries}
        if len(distinct) == 1 and mention.country is None:
            mention.country = countries[0][1].country
            mention.explicit = True
        elif len(distinct) > 1:
            for start, entry in countries:
                end = self.by_token[start].end if start in self.by_token else places[start]
                member = Mention(start, end, end - 1,
                                 "agent", None, None, entry.country, list(mention.sectors),
                                 plural=mention.plural, role=mention.role, lemma=mention.lemma,
                                 explicit=True)
                mention.members.append(member)
            mention.kind = "compound"

    def _postmodifiers(self, mention: Mention, head: Token) -> None:
        """"the government of Syria", "a spokesman for Hamas", "police in Jericho"."""
        for child in head.children:
            if child.dep_ == "acl" and mention.country is None:
                self._clause_place(mention, child)
            if child.dep_ != "prep" or child.lower_ not in {
                    "of", "for", "from", "in", "at", "with", "throughout", "across", "inside",
                    "within", "near", "around"}:
                continue
            for obj in child.children:
                if obj.dep_ != "pobj":
                    continue
                if self._absorb(mention, obj, child.lower_):
                    mention.end = max(mention.end, self._phrase_end(obj))
                owner = self._agent_term(obj) if child.lower_ == "of" else None
                if owner is not None and mention.role == "member" and owner.sectors:
                    mention.sectors = list(owner.sectors)  # "a member of the parliament"

    def _clause_place(self, mention: Mention, verb: Token) -> None:
        """Where a participle clause on the noun puts it: "guerrillas operating in Macedonia",
        "a newspaper based in Beirut", "refugees fleeing the war in Liberia". Only locative
        prepositions count, on the participle or on its object ("returning from Iraq" does not
        say where they are from)."""
        holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ not in _LOCATIVE:
                    continue
                for obj in prep.children:
                    if obj.dep_ == "pobj" and self._absorb(mention, obj, prep.lower_):
                        return

    def _phrase_end(self, obj: Token) -> int:
        """End of the noun phrase of ``obj`` with its own prepositional phrases, no appositive."""
        end = obj.i + 1
        for child in obj.rights:
            if child.dep_ in {"prep", "compound", "nummod"}:
                end = max(end, self._phrase_end_of(child))
        return end

    def _phrase_end_of(self, token: Token) -> int:
        end = token.i + 1
        for child in token.rights:
            if child.dep_ in {"pobj", "prep", "compound"}:
                end = max(end, self._phrase_end_of(child))
        return end

    def _absorb(self, mention: Mention, obj: Token, prep: str) -> bool:
        """Take the country or organisation named in a prepositional phrase; say if one was."""
        for token in obj.subtree:
            match = self.by_token.get(token.i)
            if match is None:
                continue
            org = _pick(match.entries, ("org",))
            person = _pick(match.entries, ("people",))
            place = _pick(match.entries, ("name", "capital", "adj"))
            if org is not None and prep in {"of", "for", "from", "with", "at"}:
                self._affiliate(mention, org)
                return True
            if person is not None and prep in {"of", "for"}:
                if mention.country is None:
                    mention.country = person.country
                    mention.explicit = True
                return True
            if place is not None and mention.country is None:
                mention.country = place.country
                mention.explicit = True
                return True
        if mention.country is None and obj.i not in self.by_token and self._place_end(obj):
            code = self._place_code(obj)  # "the governor of Borno state", "police in Maiduguri"
            if code is not None:
                mention.country = code
                mention.explicit = True
                return True
        return False

    def _affiliate(self, mention: Mention, org: Entry) -> None:
        if mention.role == "place":
            return  # "the ISIS-controlled city": a place, not a member of the group
        mention.affiliation = org.name
        mention.affiliation_key = org.key
        mention.country = org.country
        mention.explicit = True
        if org.sectors and (mention.role in {"member", "group"} or not mention.sectors):
            mention.sectors = list(org.sectors)
        mention.armed = org.armed

    # -- people -----------------------------------------------------------------------------

    # -- pronouns, "a group of X", compounds -------------------------------------------------

    def _pronoun(self, token: Token) -> None:
        lower = token.lower_
        if token.pos_ != "PRON" and token.tag_ not in {"PRP", "PRP$"}:
            return
        syntax = self.lex
        if lower in syntax.word_set("group_pronouns"):
            kind = "they"
        elif lower in syntax.word_set("person_pronouns"):
            kind = "he"
        elif lower in syntax.word_set("org_pronouns"):
            kind = "it"
        else:
            return
        mention = Mention(token.i, token.i + 1, token.i, "pronoun", name=kind)
        self.mentions.setdefault(token.i, mention)

    def _context(self) -> None:
        """Fill in what the noun phrase leaves open, from the sentence or the article.

        An armed agent with no affiliation ("commanders", "jihadist fighters") takes the armed
        group named in its sentence when exactly one is. A country is never taken from the
        sentence merely because it is named there ("suspicious of possible spies after US air
        attacks" says nothing about the spies): an unqualified state organ or office holder
        (``_STATE_SECTORS``: "the army", "the federal government", "local officials",
        "President X") and an ethnic or religious community ("Hutu rebels", "ethnic
        Albanians") take the article's main country (``_main_country``), kept in
        ``context_country`` because coreference uses it only when the mention starts a new
        entity. A community with a home country keeps it when the article names that country
        ("Karen guerrillas" in a story naming Burma and Thailand), and when there is no main
        country. A civil-society group with no country is an NGO.
        """
        armed: dict[int, set[str]] = {}
        groups: dict[str, Mention] = {}
        for mention in self.mentions.values():
            if mention.kind == "group" and mention.armed and mention.key is not None:
                armed.setdefault(self._sent(mention.head), set()).add(mention.key)
                groups[mention.key] = mention
        for mention in self.mentions.values():
            if (mention.kind not in {"agent", "person", "compound"} or mention.anaphor
                    or mention.role == "place" or (mention.kind == "person" and not mention.office
                    and not mention.sectors)):
                continue
            keys = armed.get(self._sent(mention.head), set())
            if (mention.kind == "agent" and not mention.explicit and mention.possessor is None
                    and set(mention.sectors) & _ARMED_SECTORS and len(keys) == 1):
                group = groups[next(iter(keys))]
                mention.country = group.country
                mention.affiliation, mention.affiliation_key = group.name, group.key
                if mention.role in {"member", "group"} and group.sectors:
                    mention.sectors = list(group.sectors)
                continue
            if mention.country is not None or mention.possessor is not None:
                continue
            home = mention.context_country if mention.local else None
            if home is not None and home in self._named_countries():
                continue  # "Karen guerrillas" in a story naming Burma and Thailand: Burma's
            if mention.local or (mention.sectors[:1] and mention.sectors[0] in _STATE_SECTORS):
                main = self._main_country()
                if main is not None:
                    mention.context_country = main
            elif mention.role == "group" and mention.sectors[:1] == ["SOC"]:
                mention.context_country = "NGO"

    def _sent(self, i: int) -> int:
        return self.sentences[i]

    # -- the article's main country and sub-national places ------------------------------------

    def _place_end(self, token: Token) -> bool:
        """Whether ``token`` ends a place name: the head word of a place spaCy found
        ("Maiduguri"), or a division word after a capitalised name ("Kebbi state")."""
        if token.ent_type_ in _PLACE_ENTS:
            ent = self.ents.get(token.i)
            return ent is not None and ent.root.i == token.i
        return self._division_start(token) is not None

    def _division_start(self, token: Token) -> int | None:
        """First token of "<Name> state / province / region ..." ending at ``token``."""
        if token.lower_ not in geo.DIVISION_WORDS or token.i == 0:
            return None
        start = token.i
        while start > 0 and self.tokens[start - 1].text[:1].isupper() and self.tokens[
                start - 1].head.i == token.i and self.tokens[start - 1].pos_ == "PROPN":
            start -= 1
        return start if start < token.i else None

    def _place_code(self, token: Token) -> str | None:
        """The country of the place whose name ends at ``token`` (``_place_end``), from the
        gazetteer; None when our lexicon names it (the lexicon has said what it is)."""
        ent = self.ents.get(token.i)
        if ent is not None and ent.label_ in _PLACE_ENTS:
            start, end = ent.start, ent.end
        else:
            division = self._division_start(token)
            if division is None:
                return None
            start, end = division, token.i + 1
        while start < end and self.tokens[start].dep_ == "det":
            start += 1
        if start >= end or not self.by_token.keys().isdisjoint(range(start, end)):
            return None
        text = self.doc[start:end].text
        return geo.place_country(text, self.lex, self._named_countries())

    def _named_countries(self) -> Counter[str]:
        """How often the lexicon names each country here (names, adjectives, capitals,
        demonyms; not "ethnic Albanians"). Built on first use."""
        if self._country_counts is None:
            counts: Counter[str] = Counter()
            for match in {id(m): m for m in self.by_token.values()}.values():
                place = _pick(match.entries, ("name", "adj", "capital", "person"))
                if place is not None and place.country and not self._ethnic(match.start):
                    counts[place.country] += 1
            self._country_counts = counts
        return self._country_counts

    def _main_country(self) -> str | None:
        """The country the article is about, for unqualified state organs and communities.

        Countries are counted over the whole article: lexicon names, adjectives, capitals and
        demonyms; when it names no country, the places spaCy tags GPE or LOC that the gazetteer
        puts in one country ("Zamfara state"); failing those, the countries of the national
        organisations it names ("Hamas"). The main country is the only one counted, or the most
        counted when it has at least half of all the counts and twice as many as the next.
        """
        if self._main is not False:
            return self._main  # type: ignore[return-value]
        counts = Counter(self._named_countries())
        if not counts:  # no country named: where are the places it names?
            for ent in self.ent_list:
                if ent.label_ in _PLACE_ENTS:
                    code = self._place_code(ent.root)
                    if code is not None:
                        counts[code] += 1
        if not counts:
            for match in {id(m): m for m in self.by_token.values()}.values():
                org = _pick(match.entries, ("org",))
                if org is not None and org.country and org.country not in _SPECIAL_CODES:
                    counts[org.country] += 1
        ranked = counts.most_common(2)
        main: str | None = None
        if ranked and (len(ranked) == 1 or (ranked[0][1] >= 2 * ranked[1][1]
                                            and 2 * ranked[0][1] >= sum(counts.values()))):
            main = ranked[0][0]
        self._main = main
        return main

    # -- helpers ------------------------------------------------------------------------------

    def _add(self, mention: Mention) -> None:
        if mention.head in self.mentions:
            return
        self.mentions[mention.head] = mention
        self.claimed.update(range(mention.start, mention.end))

    def _left(self, head: Token) -> int:
        """First token of the noun phrase ending at ``head``, never across a line break."""
        start = head.left_edge.i
        for i in range(head.i - 1, start - 1, -1):
            if i in self.breaks:
                start = i + 1
                break
        while start < head.i and self.tokens[start].is_punct:
            start += 1
        return start

    def _modifies_noun(self, token: Token) -> bool:
        i, table = token.i, self.words
        head = table.head[i]
        return table.dep[i] in _MODIFIER_DEP_CODES and head != i and table.pos[head] in _NOUNS

    def _conj_root(self, token: Token) -> Token:
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
        return token

    def _actor_position(self, token: Token) -> bool:
        """Whether a country name stands where an actor stands (not "travelled to Syria")."""
        root = self._conj_root(token)
        if root.dep_ not in _ACTOR_DEPS:
            return False
        if root.dep_ != "pobj":
            return True
        prep = root.head
        if prep.lower_ in self.place_preps:
            return False
        if prep.lower_ in {"to", "from"}:
            governor = prep.head
            return governor.pos_ in {"NOUN", "PROPN"} or governor.lemma_ not in self.motion
        return True

    def _count(self, mention: Mention, head: Token) -> None:
        """Read "five", "more than 500", "a dozen" in front of the head noun."""
        table = self.words
        numbers, multipliers = self.numbers, self.multipliers
        indices = [i for i in range(mention.start, head.i) if table.lower(i) in numbers
                   or table.lower(i) in multipliers or self.tokens[i].like_num]
        if not indices:
            return
        value = _number([table.lower(i) for i in indices], numbers, multipliers)
        first = indices[0]
        if value is None or (value in {0, 1} and table.lower(first) in {"a", "an"}):
            return
        mention.count = value
        mention.qualifier = "exact"
        before = [table.lower(i) for i in range(max(mention.start - 2, 0), first)]
        for size in (3, 2, 1):
            phrase = " ".join(before[-size:]) if len(before) >= size else None
            if phrase and phrase in self.qualifiers:
                mention.qualifier = self.qualifiers[phrase]
                mention.start = min(mention.start, first - size)
                break

    def _ethnic(self, start: int) -> bool:
        """"ethnic Albanians": an ethnicity, not a nationality; the country comes from context."""
        return start > 0 and self.tokens[start - 1].lower_ in {"ethnic", "ethnically"}

    def _is_former(self, mention: Mention) -> bool:
        return any(t.lower_ in self.former for t in self.doc[mention.start:mention.head])


def _number(lowers: list[str], words: dict[str, int], multipliers: dict[str, int]) -> int | None:
    """The number the lower-case words ``lowers`` spell ("more than 500": 500), or None."""
    total = 0
    current = 0
    for lower in lowers:
        text = lower.replace(",", "")
        if text.isdigit():
            current += int(text)
        elif text in multipliers and current:
            current *= multipliers[text]
            if multipliers[text] >= 1000:
                total += current
                current = 0
        elif text in words:
            current += words[text]
        else:
            try:
                current += int(float(text))
            except (ValueError, OverflowError):
                return None
    return total + current or None
