"""Turn the triggers of one sentence into PLOVER events.

Per sentence: find the triggers (``triggers``), arrange them (``structure``: which governs which,
what folds into what), then fill each remaining item: actors and recipients from the parse
(``arguments``), weapon modes, contexts, size (``size``), flags (``flags``), CAMEO code, place,
date and a confidence; finally read statements of intent, demands and refusals as PLOVER codes
them, keeping the act itself beside them, flagged. The rules are in docs/events.md.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire import dates, places
from eventwire.events import arguments
from eventwire.events.flags import Flags, flags
from eventwire.events.lexicon import QUAD, Lexicon, Reading
from eventwire.events.size import counts, number, size
from eventwire.events.structure import NONFACT, Item, arrange, derived_mode, is_participant
from eventwire.events.triggers import find, lemma
from eventwire.events.words import VERBS, Words, code
from eventwire.nlp import text_of
from eventwire.records import Actor, Article, Event, Found, Size
from eventwire.records import Span as TextSpan

__all__ = ["ActorLookup", "code_sentence"]


class ActorLookup:
    """Which actors a word names (``names``, the article's answer for one word), and the coder's
    own answer for each argument word (``words``: see ``_actors``), both kept for one article."""

    __slots__ = ("names", "words")

    def __init__(self, names: Callable[[Token], list[Actor]]) -> None:
        self.names = names
        self.words: dict[int, list[Actor]] = {}

    def __call__(self, token: Token) -> list[Actor]:
        return self.names(token)


_COMBATANT_SECTORS = frozenset({"MIL", "REB", "INS", "SEP", "PMG", "UAF"})
_A_THE = frozenset({code("a"), code("the")})
# Clauses hanging off a trigger's clause that report other acts (their weapons are theirs).
_OTHER_ACTS = frozenset({"conj", "advcl", "relcl", "ccomp", "parataxis"})
_OTHER_ACT_CODES = frozenset(code(label) for label in _OTHER_ACTS)


# The types whose size reads the sentence's counts (``size.size``): for the others the
# sentence's casualty and crowd words are never read.
_SIZED = frozenset({"ASSAULT", "COERCE", "PROTEST"})


@dataclass(slots=True)
class _Sentence:
    """One sentence and what every event in it shares (computed once)."""

    span: Span
    words: Words  # the document's words
    text: str  # ``span.text``, which spaCy rebuilds from the tokens on every access
    lowered: str  # the text in lower case, for phrase checks ("according to")
    contexts: tuple[str, ...]
    found_counts: dict[str, int] | None = None  # ``counts``, read on first use
    # ``roles`` answers by (head, type, borrow): an act folded into another is asked about by
    # the act's own arguments, by the recipient fallbacks and again as an event of its own
    known_roles: dict[tuple[int, str, bool], tuple[list[Token], list[Token]]] = \
        dataclasses.field(default_factory=dict)

    def roles(self, head: Token, event: str, skip: frozenset[int], borrow: bool = True
              ) -> tuple[list[Token], list[Token]]:
        """``arguments.roles`` of a trigger of the sentence (``skip`` is the sentence's), as
        fresh lists: callers extend what they get."""
        key = (head.i, event, borrow)
        answer = self.known_roles.get(key)
        if answer is None:
            answer = self.known_roles[key] = arguments.roles(head, event, skip, borrow=borrow)
        return list(answer[0]), list(answer[1])

    def counts(self) -> dict[str, int]:
        """The sentence's dead, injured, arrested and people counts (``size.counts``), read
        when the first event that carries a size asks."""
        if self.found_counts is None:
            self.found_counts = counts(self.span, None, self.words)
        return self.found_counts


def _weapon_modes(head: Token, lex: Lexicon, doc_words: Words | None = None,
                  bounds: tuple[int, int] | None = None) -> list[str]:
    """ASSAULT modes named by weapon words in the trigger's clause, in text order
    (``doc_words``: the document's words, ``bounds``: the sentence's word range, when the
    caller has them)."""
    if doc_words is None:
        doc_words = Words(head.doc)
    words = _clause_words(head.i, doc_words, bounds)
    modes: list[str] = []
    for i in range(len(words)):
        longest = None
        for n in range(1, min(lex.weapon_longest, len(words) - i) + 1):
            key = tuple(words[i:i + n])
            if key not in lex.prefixes:
                break
            longest = lex.weapons.get(key, longest)
        if longest and longest not in modes:
            modes.append(longest)
    if "suicide-attack" in modes and "explosives" in modes:
        modes.remove("explosives")
    return modes


def _clause_words(trigger: int, doc_words: Words, bounds: tuple[int, int] | None) -> list[str]:
    """Our lemmas of the words of the trigger's clause (the first verb at or above it, else the
    root), in text order, leaving out punctuation, articles and the clauses hanging off the
    verb that report other acts (``_OTHER_ACTS``; not the trigger's own). Read from the table,
    no ``Token`` made: a word is in the clause when its chain of heads reaches the verb, and the
    last step of the chain says through which child it hangs."""
    pos, head, dep = doc_words.pos, doc_words.head, doc_words.dep
    punct, lower, lemma_at = doc_words.punct, doc_words.lower, doc_words.lemma
    clause = trigger
    while pos[clause] not in VERBS and head[clause] != clause:
        clause = head[clause]
    # Every word's head lies in its own sentence (``Words.close``): the clause's words do too.
    start, end = bounds if bounds is not None and doc_words.closed else (0, len(head))
    top: dict[int, int] = {clause: clause}  # word -> the clause's child it hangs from, or -1
    words: list[str] = []
    for i in range(start, end):
        path = []
        j = i
        while j not in top:
            up = head[j]
            if up == j:  # the root, and the clause was not met
                break
            path.append(j)
            if up == clause:
                top[j] = j
                break
            j = up
        via = top.get(j, -1)
        for k in path:
            top[k] = via
        if via == -1 or punct[i] or lower[i] in _A_THE:
            continue
        if via != clause and via != trigger and dep[via] in _OTHER_ACT_CODES:
            continue
        words.append(lemma_at[i])
    return words


def contexts(sent: Span, lex: Lexicon, lemmas: dict[int, str] | None = None,
             doc_words: Words | None = None) -> tuple[str, ...]:
    """PLOVER contexts named by words of the sentence, in the order of our contexts table
    (``lemmas``: the sentence's lemmas by doc index, ``doc_words`` the document's words, when
    the caller has them)."""
    if doc_words is not None:
        punct, lemma_at = doc_words.punct, doc_words.lemma
        words = [lemma_at[i] for i in range(sent.start, sent.end) if not punct[i]]
    else:
        words = [lemmas[t.i] if lemmas is not None else lemma(t) for t in sent if not t.is_punct]
    found: set[str] = set()
    firsts = lex.context_firsts
    for i in range(len(words)):
        if words[i] not in firsts:
            continue  # no context phrase begins with this word
        for n in range(1, min(lex.context_longest, len(words) - i) + 1):
            key = tuple(words[i:i + n])
            if key not in lex.prefixes:
                break
            found.update(lex.contexts.get(key, ()))
    return tuple(sorted(found, key=lex.context_order.__getitem__))


def _captured_combatants(item: Item, actors: Sequence[Actor], recipients: Sequence[Actor],
                         recipient_tokens: Sequence[Token], lex: Lexicon) -> None:
    """Combatants taken prisoner in fighting: ASSAULT abduct, not COERCE arrest (docs/events.md)."""
    if item.event != "COERCE" or item.mode != "arrest":
        return
    pattern = item.trigger.reading.pattern
    if not (pattern in lex.cue_phrases.get("capture", frozenset())
            or (len(pattern) == 1 and lex.cue("capture", pattern[0]))):
        return
    fighters = any(a.sector in _COMBATANT_SECTORS for a in recipients) or any(
        lex.cue("combatant", lemma(t)) for t in recipient_tokens)
    same_side = any(a.country and r.country == a.country and a.sector == r.sector
                    for a in actors for r in recipients)
    if fighters and not same_side:
        item.event, item.mode = "ASSAULT", "abduct"
        item.cameo = lex.cameo("ASSAULT", "abduct") or ""


def _targeted(item: Item, recipient_tokens: Sequence[Token], lex: Lexicon) -> bool:
    """A killing whose victim is a leader or official is a targeted killing."""
    pattern = item.trigger.reading.pattern
    if not (pattern in lex.cue_phrases.get("kill", frozenset())
            or (len(pattern) == 1 and lex.cue("kill", pattern[0]))):
        return False
    return any(lex.cue("leader", lemma(t)) for t in recipient_tokens)


def _confidence(item: Item, flags_: Flags, has_actor: bool, has_recipient: bool,
                lex: Lexicon) -> float:
    """A prior from the lexicon, lowered for what makes a reading less certain."""
    reading: Reading = item.trigger.reading
    score = reading.weight
    if len(reading.pattern) > 1:
        score = min(0.97, score + 0.05)
    elif lex.cue("weak", reading.pattern[0]):
        score *= 0.7
    if item.trigger.head.pos_ not in ("VERB", "AUX"):
        score *= 0.9
    if item.embedded:
        score *= 0.85
    if not has_actor:
        score *= 0.85
    if not has_recipient and QUAD.get(item.event) in (2, 4) and item.event not in (
            "PROTEST", "MOBILIZE", "RETREAT"):
        score *= 0.95
    if flags_.negated or flags_.hypothetical:
        score *= 0.9
    # The weights run a little hot at the top and cold in the middle against the PLOVER gold
    # (benchmarks/events.py prints the bins); this affine squash is the whole calibration.
    score = 0.12 + 0.82 * score
    return round(max(0.05, min(score, 0.97)), 3)


def _arguments(item: Item, info: _Sentence, skip: frozenset[int]
               ) -> tuple[list[Token], list[Token]]:
    """Actor and recipient words, completed from folded triggers where the trigger has none."""
    head = item.trigger.head
    actors, recipients = info.roles(head, item.event, skip, borrow=not item.embedded)
    if not recipients and len(item.trigger.tokens) > 1:
        doc = head.doc
        words = [doc[i] for i in item.trigger.tokens if i != head.i]
        recipients = [t for t in arguments.inner_recipients(words, skip) if t not in actors]
    for inner in item.folded:
        inner_head = inner.trigger.head
        inner_actors, inner_recipients = info.roles(inner_head, inner.event, skip,
                                                         borrow=False)
        subject = inner_head.head.i == head.i and inner_head.dep_ in ("nsubj", "nsubjpass")
        if not actors and (subject or inner_head.i == head.head.i):
            actors = inner_actors
        if not recipients and item.event not in ("AGREE", "CONSULT", "COOPERATE", "PROTEST"):
            recipients = [t for t in inner_recipients if t not in actors]
    return actors, recipients


# Restrictions whose target is the area they fall on.
_AREA_MODES = frozenset({"curfew", "martial-law", "restrict", "ban"})


def _area(item: Item) -> list[Token]:
    """Where a curfew or other restriction falls, also when it is lifted ("imposed a curfew in
    Gulu", "lifted the state of emergency in Darfur"): the "in / on" phrase of the trigger, or
    of the verb a restriction noun is the object of; where a protest is held ("demonstrated in
    Serbia", "rallied outside parliament"), which PLOVER codes as its target when it names no
    other."""
    reading = item.trigger.reading
    protest = item.event == "PROTEST"
    if not protest and (reading.event != "COERCE" or reading.mode not in _AREA_MODES):
        return []
    preps = ("in", "outside", "at") if protest else ("in", "on")
    head = item.trigger.head
    heads = [head, head.head] if head.dep_ == "dobj" else [head]
    return [p for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in preps
            for p in c.children if p.dep_ == "pobj"]


def _fallbacks(item: Item, info: _Sentence, recipient_tokens: list[Token], skip: frozenset[int]
               ) -> Iterator[list[Token]]:
    """Further words that may name the recipient when the parse's own recipient names no actor
    of the actors stage, most direct first: the trigger's other prepositional objects and
    datives; parties named inside the recipient's phrase ("further action against Russia");
    the subject of the condition of a threat or offer ("... unless Baghdad accepts"); objects
    of a verb the trigger governs or is governed by ("threatened to deliver blows to X",
    "ordered X to suspend publication"); the place a restriction is imposed on or a protest
    held in; then the same for each act folded into the trigger ("offered to hand over ... to
    Britain", "threatened to break relations with Russia"). docs/events.md lists the order."""
    head = item.trigger.head
    second = arguments.secondary(head, item.event, skip)
    yield second
    yield arguments.owners([*recipient_tokens, *second], skip)
    if item.event in ("THREATEN", "AGREE", "REJECT"):
        yield arguments.conditioned(head)
    yield arguments.complements(head, skip)
    yield _area(item)
    for inner in item.folded:
        yield _area(inner)
        inner_head = inner.trigger.head
        inner_actors, words = info.roles(inner_head, inner.event, skip, borrow=False)
        if inner_head.dep_ == "dobj" and inner_head.head.i == head.i and \
                inner_head.pos_ not in ("VERB", "AUX"):
            yield inner_actors  # "rejected an Australian ultimatum": who made it
        words += arguments.secondary(inner_head, inner.event, skip)
        doc = head.doc
        words += arguments.inner_recipients(
            [doc[i] for i in inner.trigger.tokens if i != inner_head.i], skip)
        yield words
        yield arguments.owners(words, skip)


def _event(item: Item, info: _Sentence, lookup: ActorLookup, lex: Lexicon, found: Found,
           article: Article, skip: frozenset[int]) -> tuple[Event, Flags]:
    """The event for one item (id filled in later), and the flags with the modality behind them."""
    trigger = item.trigger
    sent = info.span
    actor_tokens, recipient_tokens = _arguments(item, info, skip)
    actors = _actors(actor_tokens, lookup)
    recipients = [r for r in _actors(recipient_tokens, lookup)
                  if r.id not in {a.id for a in actors}]
    if not any(r.id[0] != "L" for r in recipients):  # no actor-stage record: look further
        taken = {a.id for a in actors}
        for words in _fallbacks(item, info, recipient_tokens, skip):
            others = [r for r in _actors(words, lookup) if r.id[0] != "L" and r.id not in taken]
            if others:
                recipients = others
                break
    _captured_combatants(item, actors, recipients, recipient_tokens, lex)
    modes = [item.mode] if item.mode else []
    modes += [m for m in item.extra_modes if m not in modes]
    if item.event == "ASSAULT" and "assassinate" not in modes and _targeted(
            item, recipient_tokens, lex):
        modes.insert(0, "assassinate")
        item.cameo = lex.cameo("ASSAULT", "assassinate") or item.cameo
    if item.event == "ASSAULT":
        weapon = [m for m in _weapon_modes(trigger.head, lex, info.words,
                                           (sent.start, sent.end)) if m not in modes]
        if not modes and weapon:
            item.cameo = lex.cameo("ASSAULT", weapon[0]) or item.cameo
        modes += weapon
    fl = flags(sent, trigger.head, lex, info.lowered)
    if item.reported and not fl.reported:
        fl = dataclasses.replace(fl, reported=True)
    start, end = trigger.start, trigger.end  # each reads the doc: once here
    place = places.locate(sent, start, found)
    when = dates.when(sent, start, found, article)
    cameo = item.cameo or lex.cameo(item.event, modes[0] if modes else "")
    event = Event(
        id="", event=item.event, trigger=article.text[start:end],
        mode=tuple(modes), context=info.contexts, cameo=cameo,
        quad_code=QUAD[item.event], actors=tuple(actors), recipients=tuple(recipients),
        place=place, date=when.value if when else None, date_end=when.end if when else None,
        date_precision=when.precision if when else "unknown",
        date_text=when.text if when else None, size=size(
            info.counts() if item.event in _SIZED else {}, item.event, item.mode),
        negated=fl.negated, hypothetical=fl.hypothetical, future=fl.future,
        reported=fl.reported, sentence=info.text,
        confidence=_confidence(item, fl, bool(actors), bool(recipients), lex),
        spans=(TextSpan(start, end), TextSpan(sent.start_char, sent.end_char)),
    )
    return event, fl


def _retype(event: Event, kind: str, mode: str, lex: Lexicon, **changes: object) -> Event:
    """The same words read as another PLOVER type (a statement of intent, a demand, a refusal)."""
    return dataclasses.replace(
        event, event=kind, mode=(mode,) if mode else (), quad_code=QUAD[kind],
        cameo=lex.cameo(kind, mode), size=Size() if kind != event.event else event.size,
        negated=False, hypothetical=False, future=False, **changes)


def _speaker(head: Token, lookup: ActorLookup) -> list[Actor]:
    """Who says that something must happen: the subject of the verb of saying above it."""
    token = head
    while token.head.i != token.i:
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            subj = [c for c in token.children if c.dep_ == "nsubj"]
            return _actors([arguments.resolve(t) for t in subj], lookup)
    return []


def _readings(item: Item, event: Event, fl: Flags, lex: Lexicon, lookup: ActorLookup
              ) -> list[Event]:
    """The event as PLOVER codes it, plus the act itself, flagged, when they differ.

    A refused or denied cooperation is REJECT; an announced intention to cooperate is AGREE, to
    use force or pressure THREATEN; something that "must" or "should" happen is a REQUEST. The
    act itself is kept beside them with its future / hypothetical flag (docs/events.md).
    """
    quad = QUAD[event.event]
    mode = event.mode[0] if event.mode else ""
    if fl.negated and quad in (1, 2) and event.event not in ("REJECT",) and not _in_question(
            item.trigger.head):
        kind_mode = derived_mode("REJECT", event.event, mode)
        return [_retype(event, "REJECT", kind_mode, lex)]
    if fl.negated or not fl.modality or fl.modality == "possibility":
        return [event]
    shadow = dataclasses.replace(event, confidence=round(event.confidence * 0.8, 3))
    if fl.modality == "obligation":
        speaker = _speaker(item.trigger.head, lookup)
        recipients = tuple(a for a in (*event.actors, *event.recipients) if a not in speaker)
        return [_retype(event, "REQUEST", derived_mode("REQUEST", event.event, mode), lex,
                        actors=tuple(speaker), recipients=recipients), shadow]
    if quad in (1, 2) and event.event != "AGREE" and not _condition(item.trigger.head, "unless"):
        return [_retype(event, "AGREE", "", lex), shadow]
    if event.event == "ASSAULT" and fl.cue in _PREPARING and not _said(item.trigger.head, lex):
        # "the army prepared to resume shelling": readiness for force, not a verbal threat
        return [_retype(event, "MOBILIZE", "troops", lex), shadow]
    if (quad == 4 and (event.event != "SANCTION" or _condition(item.trigger.head, "if"))) or \
            _condition(item.trigger.head, "unless"):
        return [_retype(event, "THREATEN", derived_mode("THREATEN", event.event, mode), lex),
                shadow]
    return [event]


# Words of material readiness ("prepared to", "poised to", "massed ... ready to"): told of a
# force, not said by it, they report a mobilisation (PLOVER MOBILIZE: "activations ... that fall
# short of the actual use of force"; THREATEN is a verbal act).
_PREPARING = frozenset({"prepare", "prepared", "poise", "poised", "gear", "ready"})


def _said(head: Token, lex: Lexicon) -> bool:
    """Whether a verb of saying stands above the trigger ("the army said it was ready to
    attack": a statement, so a threat)."""
    token = head
    while token.head.i != token.i:
        token = token.head
        if lex.cue("speech", lemma(token)):
            return True
    return False


def _in_question(head: Token) -> bool:
    """Whether the act sits in an indirect question ("did not say whether the hostages had
    been freed"): the negation is the speaker's silence, not a refusal of the act."""
    return any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in head.children) and (
        head.dep_ in ("ccomp", "advcl", "xcomp"))


def _condition(head: Token, word: str) -> bool:
    """Whether the trigger has a condition clause opened by ``word``: "will withdraw unless ..."
    makes an announcement a threat; "will impose sanctions if ..." makes a sanction one."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == word
                                         for m in c.children) for c in head.children)


# Nouns whose denial disputes a claim ("denied the allegations"): the act claimed is kept as
# alleged (reported), not as negated.
_CLAIMS = frozenset({"accusation", "allegation", "charge", "claim", "report", "responsibility",
                     "involvement", "wrongdoing", "guilt", "role"})
# How an act folded into a statement about it is flagged when it is kept as its own event.
_FOLDED_FLAGS = {"THREATEN": "hypothetical", "REQUEST": "hypothetical", "REJECT": "negated",
                 "AGREE": "future", "CONCEDE": "future", "COMMIT": "future"}


def _folded_acts(item: Item, info: _Sentence, lookup: ActorLookup, lex: Lexicon,
                 found: Found, article: Article, skip: frozenset[int]) -> list[Event]:
    """Acts that were threatened, demanded, refused or promised, kept as flagged events."""
    flag = _FOLDED_FLAGS.get(item.trigger.reading.event)
    pattern = item.trigger.reading.pattern
    if flag == "negated" and len(pattern) > 1 and pattern[-1] in _CLAIMS:
        flag = "reported"  # "denied reports that police arrested ...": alleged, not undone
    out = []
    for inner in item.folded:
        if flag is None or inner.event in (item.event, "COMMIT") or \
                is_participant(inner.trigger, lex) or inner.event in NONFACT - {"REJECT"}:
            continue
        inner.embedded = True
        event, _ = _event(inner, info, lookup, lex, found, article, skip)
        if not event.actors and item.trigger.reading.event not in ("REQUEST",):
            event = dataclasses.replace(event, actors=_actors(
                info.roles(item.trigger.head, item.event, skip)[0], lookup))
        out.append(dataclasses.replace(event, **{flag: True}, confidence=round(
            event.confidence * 0.8, 3)))
    return out


def _actors(tokens: Sequence[Token], lookup: ActorLookup) -> tuple[Actor, ...]:
    """The actors for argument words; a noun no actor covers becomes an actor of its own words
    (id "L" + the character offset of its head word, so every event names it alike)."""
    out: list[Actor] = []
    # A word's actors depend on the word alone: the lookup keeps each word's answer for the
    # article, as the same words come back as arguments of several events and as recipient
    # fallbacks.
    known = lookup.words
    for token in tokens:
        found = known.get(token.i)
        if found is None:
            found = known[token.i] = _word_actors(token, lookup)
        for actor in found:
            if actor.id not in {a.id for a in out}:
                out.append(actor)
    return tuple(out)


def _word_actors(token: Token, lookup: ActorLookup) -> list[Actor]:
    """The actors one argument word names (see ``_actors``)."""
    found = lookup(token)
    if not found and token.pos_ == "PRON":
        found = _speaker_of(token, lookup)
    if not found and token.pos_ in ("NOUN", "PROPN") and arguments.entity_like(token):
        found = [_local_actor(token, f"L{token.idx}")]
    return found


_PERSONAL = frozenset({"he", "she", "it", "they", "we"})


def _speaker_of(pronoun: Token, lookup: ActorLookup) -> list[Actor]:
    """"Hungary said it would ...": a subject pronoun of a reported clause is the speaker, when
    the actors stage has not already resolved it."""
    if pronoun.lower_ not in _PERSONAL or pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return []
    clause = pronoun.head
    for _ in range(3):
        if (clause.dep_ != "ccomp" and clause.dep_ != "xcomp") or clause.head.i == clause.i:
            break
        clause = clause.head
        speaker = [c for c in clause.children if c.dep_ == "nsubj"]
        if speaker and speaker[0].pos_ != "PRON":
            return lookup(arguments.resolve(speaker[0]))
    return []


def _local_actor(token: Token, ident: str) -> Actor:
    """An actor made of the noun phrase's own words (head and the words before it)."""
    doc = token.doc
    first = token.left_edge.i
    while first < token.i and doc[first].dep_ in ("det", "predet", "cc", "punct", "case"):
        first += 1
    start, end = doc[first].idx, token.idx + len(token.text)
    text = text_of(doc)[start:end]  # the document's text, joined once (``nlp.text_of``)
    return Actor(id=ident, text=text, name=text, kind="agent",
                 count=_nummod(token), spans=(TextSpan(start, end),))


def _nummod(token: Token) -> int | None:
    return next((n for c in token.children if c.dep_ == "nummod"
                 if (n := number(c)) is not None), None)


def code_sentence(sent: Span, lookup: ActorLookup, lex: Lexicon, found: Found,
                  article: Article, words: Words | None = None) -> list[Event]:
    """The events of one sentence, in order of their triggers (ids are given by the caller).
    ``words``: the document's words (``Words``), read once per document by the caller."""
    if words is None:
        words = Words(sent.doc)
    start, end = sent.start, sent.end
    if lex.starts.isdisjoint(words.lemma[start:end]):
        return []  # no word of the sentence begins a trigger pattern: nothing to walk
    triggers = find(sent, lex, None, words)
    skip = frozenset(i for t in triggers if not is_participant(t, lex) for i in t.tokens)
    if not triggers:
        return []
    text = text_of(sent.doc)[sent.start_char:sent.end_char]  # sent.text, without the join
    info = _Sentence(sent, words, text, text.lower(), contexts(sent, lex, None, words))
    out: list[Event] = []
    for item in arrange(triggers, lex):
        event, fl = _event(item, info, lookup, lex, found, article, skip)
        out.extend(_readings(item, event, fl, lex, lookup))
        out.extend(_folded_acts(item, info, lookup, lex, found, article, skip))
    return sorted(out, key=lambda e: e.spans[0].start)
