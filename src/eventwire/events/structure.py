"""Which trigger governs which: the structure of the events in one sentence.

A promise, demand, refusal, threat or agreement governs the act it is about and folds it in
("threatened to attack" is one THREATEN, its mode taken from the act); nominal triggers that are
arguments of a verb trigger of the same kind fold into it ("launched air strikes"); same-type
noun/verb pairs and subjectless participles merge ("the bombing that killed 12", "opened fire,
killing five"); demands made by protesting are the protest; reversal verbs turn restrictions into
retreats or concessions and cooperation into sanctions. What is left are the items that become
events (docs/events.md lists every rule).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from eventwire.events.lexicon import QUAD, Lexicon
from eventwire.events.triggers import Trigger, lemma

__all__ = ["NONFACT", "Item", "arrange", "derived_mode", "is_participant"]

# Governors whose complement is not (yet) a fact: the complement is folded into them.
NONFACT = frozenset({"THREATEN", "REQUEST", "REJECT", "AGREE", "CONCEDE", "COMMIT"})
# Dependency labels on the way from a complement up to the word that governs it.
_COMPLEMENT = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "attr", "oprd",
                         "dative", "compound", "appos", "conj", "aux", "nsubjpass", "amod",
                         "nmod", "advmod", "npadvmod", "poss"})
_ARGUMENT = frozenset({"dobj", "pobj", "prep", "nsubj", "nsubjpass", "attr", "dative", "appos",
                       "conj", "oprd", "npadvmod", "compound", "agent", "pcomp", "amod", "nmod"})


@dataclass(slots=True)
class Item:
    """A trigger on its way to becoming an event."""

    trigger: Trigger
    event: str
    mode: str
    cameo: str
    governor: Item | None = None
    embedded: bool = False  # governed by another event that keeps it as its own event
    folded: list[Item] = field(default_factory=list)
    extra_modes: list[str] = field(default_factory=list)
    reported: bool = False


def _governor(trigger: Trigger, heads: dict[int, Item]) -> tuple[Item | None, list[str]]:
    token = trigger.head
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head  # conjoined triggers are siblings, not governors
    deps: list[str] = []
    while token.head.i != token.i:
        step = token.dep_
        if step == "advcl" and _infinitive(token):
            step = "xcomp"  # "have sworn to fight": a complement the parser calls a clause
        deps.append(step)
        token = token.head
        item = heads.get(token.i)
        if item is not None and item.trigger is not trigger:
            return item, deps
        if step in ("ccomp", "xcomp"):  # "its demand that ...": the clause hangs off the verb
            for child in token.children:
                noun = heads.get(child.i)
                if child.dep_ in ("dobj", "attr") and noun is not None and \
                        noun.trigger.reading.event in NONFACT:
                    return noun, [*deps, "dobj"]
    return None, deps


# Prepositions that give the time or cause of an act, not what it is about ("threatened to
# impose a curfew after the riots": the riots are not threatened).
_BACKGROUND_PREPS = frozenset({"after", "before", "during", "following", "since", "amid",
                               "amidst", "despite", "because", "until", "due"})


def _background(head: Token, gov: Item) -> bool:
    """Whether the way up from a trigger to its governor passes a time or cause phrase."""
    token = head
    stop = gov.trigger.head.i
    while token.i != stop and token.head.i != token.i:
        if token.dep_ == "prep" and token.lower_ in _BACKGROUND_PREPS:
            return True
        token = token.head
    return False


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and not any(
        c.dep_ == "mark" for c in verb.children)


# Events that come to a natural end: "ending" one completes it, it does not undo it.
_NATURAL_END = frozenset({"visit", "trip", "tour", "meeting", "summit", "conference", "session",
                          "round", "stay", "mission"})


def _reverse(item: Item, lex: Lexicon) -> bool:
    """Undoing a restriction is a retreat or concession; ending cooperation is a sanction.
    Whether the item was so read."""
    head = item.trigger.head
    if head.dep_ == "compound" and lex.cue("light", lemma(head.head)):
        head = head.head  # "ended mediation efforts"
    if head.pos_ in ("VERB", "AUX"):
        return False
    if head.dep_ in ("dobj", "nsubjpass"):
        verb = head.head
        particles = [lemma(c) for c in verb.children if c.dep_ == "prt"]
        words = {lemma(verb), *(f"{lemma(verb)} {p}" for p in particles)}
        if not any(lex.cue("reverse", w) or w in lex.cue_phrases.get("reverse", ())
                   for w in words):
            return False
    elif _undone_by_noun(head, lex):
        verb = head.head.head
    else:
        return False
    if lemma(verb) == "end" and lemma(item.trigger.head) in _NATURAL_END:
        return False  # "ended a two-day visit": the visit is over, not broken off
    blockade = lemma(item.trigger.head) in ("blockade", "siege", "sanction", "embargo")
    if item.event == "SANCTION" or blockade:
        item.event, item.mode = "RETREAT", ""
    elif item.event in ("COERCE", "PROTEST"):
        item.event, item.mode = "CONCEDE", ""
    elif item.event in ("CONSULT", "COOPERATE", "AID", "AGREE"):
        item.event = "SANCTION"
        item.mode = "withdraw" if item.event in ("CONSULT", "AGREE") else "discontinue"
    else:
        return False
    item.cameo = lex.cameo(item.event, item.mode) or ""
    return True


def _undoing_verb(item: Item, heads: dict[int, Item], lex: Lexicon) -> None:
    """"suspended their street protests", "halted the strike": when the verb that undoes a
    protest or restriction is itself read as a sanction (suspending, halting), the verb's act is
    the concession the object's reversal makes (PLOVER CONCEDE: "suspending protests", "removing
    curfews"); it takes that reading and the object folds into it as its argument."""
    head = item.trigger.head
    if item.event != "CONCEDE" or head.dep_ not in ("dobj", "nsubjpass"):
        return
    verb = heads.get(head.head.i)
    if verb is None or verb.event != "SANCTION" or verb.trigger.head.pos_ not in ("VERB", "AUX"):
        return
    verb.event, verb.mode = item.event, item.mode
    verb.cameo = lex.cameo(verb.event, verb.mode) or ""


def _undone_by_noun(head: Token, lex: Lexicon) -> bool:
    """"an end to the embargo", "the lifting of sanctions", "an easing of the curfew": a
    reversal noun whose "to / of / on" phrase holds the trigger undoes it, as its verb would."""
    prep = head.head
    if head.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("to", "of", "on"):
        return False
    noun = prep.head
    return noun.pos_ == "NOUN" and lex.cue("reverse_noun", lemma(noun))


# ASSAULT modes that a crowd's violence can take and still be a riot (not a shooting or bombing).
_RIOT_MODES = frozenset({"", "destroy", "primitive", "beat"})


def _riot(item: Item, lex: Lexicon) -> None:
    """Violence done by protesters is a riot: "rioters set fire to shops", "demonstrators
    stoned the police" are PROTEST riot (PLOVER: violent protest), not ASSAULT."""
    head = item.trigger.head
    if item.event != "ASSAULT" or item.mode not in _RIOT_MODES or \
            head.pos_ not in ("VERB", "AUX"):
        return
    subjects = [c for c in head.children if c.dep_ == "nsubj"]
    if not subjects and head.dep_ == "conj":
        subjects = [c for c in head.head.children if c.dep_ == "nsubj"]
    if any(lex.cue("crowd", lemma(s)) for s in subjects):
        item.event, item.mode = "PROTEST", "riot"
        item.cameo = lex.cameo("PROTEST", "riot") or ""


def _armed_riot(item: Item, lex: Lexicon) -> None:
    """The converse of ``_riot``: a riot verb that is also violence ("torched", "pelted") done
    by a named subject that is no protest crowd ("soldiers torched homes", "a mob set fire
    to") is the violence, read as the pattern's ASSAULT reading (docs/events.md, Riots)."""
    head = item.trigger.head
    if item.event != "PROTEST" or item.mode != "riot" or head.pos_ not in ("VERB", "AUX"):
        return
    subjects = [c for c in head.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")]
    if not subjects or any(lex.cue("crowd", lemma(s)) for s in subjects):
        return
    assaults = [r for r in lex.readings.get(item.trigger.reading.pattern, ())
                if r.event == "ASSAULT"]
    if assaults:
        best = min(assaults, key=lambda r: (not r.mode, -r.weight, r.order))
        item.event, item.mode = "ASSAULT", best.mode
        item.cameo = best.cameo or lex.cameo("ASSAULT", best.mode) or ""


def _obstruction(item: Item, lex: Lexicon) -> None:
    """Who blocks decides what a blockade is: a state's troops or police, or a state,
    blockading, encircling or occupying a place impose a restriction (COERCE; CAMEO 191
    "impose blockade, restrict movement", 192 "occupy territory"), while a protest crowd or
    a civilian group doing the same obstructs in protest (PROTEST `obstruct`, CAMEO 144): "the
    navy blockaded the port", "students occupied the rectorate" (docs/events.md, Blockades)."""
    head = item.trigger.head
    if head.pos_ not in ("VERB", "AUX") or len(item.trigger.reading.pattern) != 1:
        return
    subjects = [c for c in head.children if c.dep_ == "nsubj"]
    if not subjects and head.dep_ == "conj":
        subjects = [c for c in head.head.children if c.dep_ == "nsubj"]
    if not subjects:
        return
    readings = lex.readings.get(item.trigger.reading.pattern, ())
    if item.event == "PROTEST" and item.mode == "obstruct" and any(
            _armed(s, lex) for s in subjects):
        coerce = [r for r in readings if r.event == "COERCE" and r.mode in ("seize", "restrict")]
        best = min(coerce, key=lambda r: (-r.weight, r.order)) if coerce else None
        item.event, item.mode = "COERCE", best.mode if best else "restrict"
        item.cameo = (best.cameo if best else "191") or lex.cameo("COERCE", item.mode) or ""
    elif item.event == "COERCE" and any(
            lex.cue("crowd", lemma(s)) or lex.cue("civil", lemma(s)) for s in subjects):
        protest = [r for r in readings if r.event == "PROTEST" and r.mode == "obstruct"]
        if protest:
            item.event, item.mode, item.cameo = "PROTEST", "obstruct", protest[0].cameo


def _armed(subject: Token, lex: Lexicon) -> bool:
    """A subject that can impose a blockade: a state's forces, its police or the state itself
    (rebels blocking roads obstruct, as protesters do: CAMEO 144)."""
    return lex.cue("armed", lemma(subject)) or subject.ent_type_ == "GPE"


def _joint(item: Item, lex: Lexicon) -> None:
    """Joint or combined exercises, drills and manoeuvres of two or more sides are military
    cooperation (COOPERATE, CAMEO 062; PLOVER: "military exchanges such as joint military games
    and maneuvers"), not one side's mobilisation: "joint naval manoeuvres", "drilled jointly",
    and exercises held by conjoined sides or with another ("Russian and Chinese warships began
    war games", "held drills with the Indian navy")."""
    head = item.trigger.head
    if item.event != "MOBILIZE" or item.trigger.reading.cameo != "152":
        return
    words = [c for c in head.children if c.dep_ in ("amod", "advmod", "compound")]
    if head.pos_ not in ("VERB", "AUX"):
        words += [c for c in head.head.children if c.dep_ == "advmod"]
    else:  # "held joint drills": the object's modifiers
        words += [m for c in head.children if c.dep_ == "dobj" for m in c.children
                  if m.dep_ in ("amod", "compound")]
    if any(lex.cue("joint", lemma(w)) for w in words) or _several_sides(head):
        item.event, item.mode = "COOPERATE", ""
        item.cameo = "062"


# Entity types that name a side (a country, a people, an organisation).
_SIDES = frozenset({"GPE", "NORP", "ORG"})


def _several_sides(head: Token) -> bool:
    """Whether an exercise is held by more than one side: its verb's subject (or the subject
    noun itself) joins two sides or carries conjoined sides ("France and Egypt", "French and
    Egyptian warships"; not "soldiers and tanks"), or the verb or noun has a "with" phrase
    naming a side ("with the Indian navy")."""
    verb = head
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    holders = [c for c in verb.children if c.dep_ == "nsubj"] if verb.pos_ in (
        "VERB", "AUX") else []
    if head.dep_ == "nsubj":
        holders.append(head)
    for holder in holders:
        if sum(_side(t) for t in (holder, *holder.conjuncts)) >= 2 or any(
                m.ent_type_ in _SIDES and any(_side(c) for c in m.conjuncts)
                for m in holder.children if m.dep_ in ("amod", "compound", "nmod")):
            return True
    return any(c.dep_ == "prep" and c.lower_ == "with" and any(
        p.dep_ == "pobj" and _side(p) for p in c.children)
        for t in (verb, head) for c in t.children)


def _side(token: Token) -> bool:
    """A word naming a side: a country, people or organisation, or a noun it modifies."""
    return token.ent_type_ in _SIDES or any(
        m.ent_type_ in _SIDES for m in token.children if m.dep_ in ("amod", "compound"))


def derived_mode(governor: str, event: str, mode: str) -> str:
    """The mode a demand, refusal or threat takes from the act it is about."""
    if governor in ("REQUEST", "REJECT"):
        if event in ("AID", "COOPERATE"):
            return "assist"
        if event == "RETREAT" and mode == "resign":
            return "change"  # a call for a resignation asks for a change of government
        if event in ("RETREAT", "CONCEDE"):
            return "yield"
        if event == "CONSULT":
            return "meet"
        return "change"
    if governor == "THREATEN":
        if event in ("ASSAULT", "MOBILIZE"):
            return "violence"
        if event == "COERCE":
            return {"arrest": "arrest", "ban": "ban", "censor": "rights", "deport": "expel",
                    "seize": "territory"}.get(mode, "restrict")
        if event == "SANCTION":
            return "expel" if mode == "expel" else "relations"
        if event == "PROTEST":
            return "restrict"  # threats of boycott, blockade, strike
    return ""


def _commit(item: Item, lex: Lexicon) -> None:
    """Resolve a promise by what is promised: conflict -> THREATEN, a promise not to cooperate
    -> REJECT, else AGREE."""
    inner = item.folded[0] if item.folded else None
    if inner is not None and any(c.dep_ == "neg" for c in inner.trigger.head.children) and \
            QUAD.get(inner.event) in (1, 2):
        item.event = "REJECT"  # "vowed not to return the territory"
        item.mode = derived_mode("REJECT", inner.event, inner.mode)
    elif inner is None or QUAD.get(inner.event, 1) in (1, 2):
        item.event, item.mode = "AGREE", ""
    else:
        item.event = "THREATEN"
        item.mode = derived_mode("THREATEN", inner.event, inner.mode)
    item.cameo = lex.cameo(item.event, item.mode) or ""


def is_participant(trigger: Trigger, lex: Lexicon) -> bool:
    pattern = trigger.reading.pattern
    return (len(pattern) == 1 and lex.cue("participant", pattern[0])) or \
        pattern in lex.cue_phrases.get("participant", frozenset())


def arrange(triggers: list[Trigger], lex: Lexicon) -> list[Item]:
    """Link triggers to their governors; return the items that become events."""
    items = [Item(t, t.reading.event, t.reading.mode, t.reading.cameo) for t in triggers]
    undone = []
    for item in items:
        if _reverse(item, lex):
            undone.append(item)
        _riot(item, lex)
        _armed_riot(item, lex)
        _obstruction(item, lex)
        _joint(item, lex)
    heads = {item.trigger.head.i: item for item in items}
    for item in undone:
        _undoing_verb(item, heads, lex)
    kept: list[Item] = []
    for item in items:
        # a lone trigger has no governor (the walk up to the root would find none)
        gov, deps = _governor(item.trigger, heads) if len(items) > 1 else (None, [])
        noun = item.trigger.head.pos_ not in ("VERB", "AUX")
        if noun and is_participant(item.trigger, lex) and not (
                item.trigger.head.dep_ == "nsubj" and gov is None and item.event == "PROTEST"):
            continue
        if gov is None:
            kept.append(item)
            continue
        item.governor = gov
        background = _background(item.trigger.head, gov)
        complement = set(deps) <= _COMPLEMENT and not background
        argument = noun and not background and set(deps) <= _ARGUMENT and len(deps) <= 3 and (
            gov.event == item.event or QUAD.get(gov.event) == QUAD.get(item.event))
        if (gov.trigger.reading.event in NONFACT and complement) or argument or \
                _same_act(item, gov) or _violent_raid(item, gov, lex):
            gov.folded.append(item)
        else:
            item.embedded = True
            item.reported = gov.event == "ACCUSE" and gov.mode == "allege"
            kept.append(item)
    kept = _fold_purpose(_merge_pairs(kept))
    for item in kept:
        _settle(item, lex)
    return kept


def _merge_pairs(kept: list[Item]) -> list[Item]:
    """Fold a nominal trigger into the same-type verb it is the subject of ("the blast killed")
    or that describes it ("the bombing that killed 12")."""
    by_head = {item.trigger.head.i: item for item in kept}
    gone: set[int] = set()
    for verb in kept:
        head = verb.trigger.head
        if head.pos_ not in ("VERB", "AUX"):
            continue
        nouns = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if head.dep_ in ("relcl", "acl"):
            nouns.append(head.head)
        for token in nouns:
            noun = by_head.get(token.i)
            if noun is None or noun is verb or noun.event != verb.event or id(noun) in gone:
                continue
            gone.add(id(noun))
            verb.folded.append(noun)
            verb.embedded, verb.governor = noun.embedded, noun.governor
            verb.reported = verb.reported or noun.reported
    for item in kept:  # "killed four and wounded nine": one attack
        head = item.trigger.head
        first = by_head.get(head.head.i)
        if head.dep_ == "conj" and first is not None and first.event == item.event == "ASSAULT" \
                and id(first) not in gone and not any(c.dep_ == "nsubj" for c in head.children) \
                and _SEPARATE_ACT.isdisjoint({item.mode, first.mode}):
            gone.add(id(item))
            first.folded.append(item)
    return [item for item in kept if id(item) not in gone]


# Modes that make a separate event even when conjoined with another assault: "killed 23 and
# abducted 40" is a killing and an abduction, with different victims (PLOVER codes both).
_SEPARATE_ACT = frozenset({"abduct", "sexual"})


def _fold_purpose(kept: list[Item]) -> list[Item]:
    """A demand or complaint made by protesting is the protest ("staged rallies to demand ...":
    PLOVER codes protests that make requests as PROTEST)."""
    protests = [i for i in kept if i.event == "PROTEST"]
    gone: set[int] = set()
    for item in kept:
        head = item.trigger.head
        if item.event not in ("REQUEST", "ACCUSE"):
            continue
        for protest in protests:
            p = protest.trigger.head
            clause = p if p.pos_ in ("VERB", "AUX") else p.head
            if head.i != clause.i and head in clause.subtree:
                protest.folded.append(item)
                gone.add(id(item))
                break
    return [item for item in kept if id(item) not in gone]


def _participle_of(item: Item, gov: Item) -> bool:
    """Whether the item is a subjectless clause hanging off its governor ("..., killing five")."""
    head = item.trigger.head
    return (head.dep_ == "advcl" and head.head.i == gov.trigger.head.i
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children))


def _same_act(item: Item, gov: Item) -> bool:
    """"opened fire, killing five": a subjectless participle of the same type is the same act."""
    return gov.event == item.event and _participle_of(item, gov)


# COERCE readings that become an assault when the same act kills or wounds.
_FORCIBLE = frozenset({"", "seize", "restrict"})


def _violent_raid(item: Item, gov: Item, lex: Lexicon) -> bool:
    """"raided the camp, killing two": a raid, search or crackdown that kills or wounds in the
    same act is an ASSAULT (PLOVER codes the violence); the governor is retyped."""
    if not (gov.event == "COERCE" and gov.mode in _FORCIBLE and item.event == "ASSAULT"
            and gov.trigger.head.pos_ in ("VERB", "AUX") and _participle_of(item, gov)):
        return False
    gov.event, gov.mode = "ASSAULT", ""
    gov.cameo = lex.cameo("ASSAULT", "") or ""
    return True


# Acts an order imposes rather than asks for: the order is the act.
_IMPOSED = frozenset({"COERCE", "SANCTION"})


def _imposed(item: Item, lex: Lexicon) -> bool:
    """"ordered the newspaper to suspend publication", "ordered the diplomats to leave": an
    order (``command`` cue) whose content is a coercion or sanction is that act, done by the
    one who gives the order; other orders are requests (docs/events.md)."""
    pattern = item.trigger.reading.pattern
    if item.event != "REQUEST" or len(pattern) != 1 or not lex.cue("command", pattern[0]):
        return False
    inner = next((i for i in item.folded if i.event in _IMPOSED), None)
    if inner is None:
        return False
    item.event, item.mode, item.cameo = inner.event, inner.mode, inner.cameo
    return True


def _settle(item: Item, lex: Lexicon) -> None:
    """Fix an item's type and mode from what was folded into it."""
    if item.event == "COMMIT":
        _commit(item, lex)
        return
    if _imposed(item, lex):
        return
    for inner in item.folded:
        if item.event in ("REQUEST", "REJECT", "THREATEN") and not item.mode:
            item.mode = derived_mode(item.event, inner.event, inner.mode)
            item.cameo = lex.cameo(item.event, item.mode) or item.cameo
        elif inner.event == item.event and inner.mode:
            if not item.mode:
                item.mode, item.cameo = inner.mode, inner.cameo
            elif inner.mode != item.mode:
                item.extra_modes.append(inner.mode)
