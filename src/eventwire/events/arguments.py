"""Who did it and to whom: the actor and recipient words of a trigger, read off the parse.

Verbs: the subject is the actor and the object the recipient; in the passive the "by" agent is the
actor and the passive subject the recipient ("were imprisoned by their commanders"). A verb with
no subject of its own borrows one from the verb it is conjoined to or controlled by ("agreed to
set up" -> the subject of "agreed"); a relative clause's subject is the noun it modifies.
Nominal triggers take their actor from a possessive, a nationality or name modifier, a "by"
phrase or the subject of the verb they are the object of ("rebels launched an attack"), and their
recipient from "on / against / of" phrases. Quantities and relative pronouns are followed to the
noun they stand for ("40 of whom" -> the noun "whom" refers to).

English rules read off the parse beyond those: a past participle modifying a noun is passive ("the
minister murdered in Washington": the minister is the victim); a verb under a passive raising or
control verb takes that verb's subject ("was reported to have been killed", "were ordered to
attack"); conjoined passives share their "by" agent ("were tortured and killed by the militia");
a gerund after "accused / arrested / blamed X of / for" has X as its doer; the possessive of a
nominalised act done *to* someone is its victim ("his arrest", "the minister's murder") unless an
"of" phrase names the victim; a subject that is itself an event noun lends its own actor ("US air
strikes killed ..."); a possessive pronoun on the object ("Israel mounted its invasion") is bound
to the subject; the doer of "a bid / plan to kill" holds the bid; weapons and dates are never
actors, and a weapon lends its owner ("killed by police bullets"); partitives are followed to their
"of" noun ("a group of rebels"), and "up to 40 people" is the object it quantifies. Recipients
also come from an infinitive's subject ("allowed the leader to hold a rally"), from the verb's
phrases when its object is part of the trigger ("suspended all aid to the rebels"), from what is
moved for or to ("provided intelligence to Macedonia", "mobilized reservists for a war against
Iraq") and from what a protest is "in protest at".
"""

from __future__ import annotations

from spacy.parts_of_speech import IDS
from spacy.tokens import Token

from eventwire.events.words import code, lemma

__all__ = ["addressees", "entity_like", "inner_recipients", "owners", "patients", "resolve",
           "roles", "secondary", "upto"]

_WH = frozenset({"who", "whom", "which", "that", "whose"})
_QUANTITY = frozenset({"some", "many", "most", "all", "none", "several", "dozen", "dozens",
                       "hundred", "hundreds", "thousand", "thousands", "score", "scores",
                       "half", "each", "both", "one", "majority", "number", "few", "rest"})
# The same words as spaCy's hashes of their lower-case forms (read without making a string).
_WH_CODES = frozenset(code(w) for w in _WH)
_QUANTITY_CODES = frozenset(code(w) for w in _QUANTITY)
# The parts of speech of a word that can count the noun of its "of" phrase.
_COUNTING_POS = frozenset(IDS[p] for p in ("NUM", "PRON", "NOUN", "ADJ", "DET"))
# Nouns that only count or group the noun of their "of" phrase ("a group of rebels", "a total of
# 40 soldiers", "a series of bombs").
_PARTITIVE = frozenset({"group", "batch", "series", "contingent", "handful", "couple", "pair",
                        "band", "total", "dozen", "dozens", "wave", "string", "spate",
                        "number", "section"})
# Nominalised acts done to someone: their possessive is the victim ("his arrest", "the minister's
# murder"), unless an "of" phrase names the victim ("the army's arrest of the students").
_PATIENT_NOUNS = frozenset({"murder", "assassination", "killing", "death", "execution",
                            "kidnapping", "abduction", "arrest", "detention", "capture",
                            "release", "torture", "rape", "lynching", "beheading",
                            "disappearance", "expulsion", "deportation", "extradition",
                            "imprisonment", "trial", "conviction", "sentencing", "injury",
                            "removal", "ouster", "dismissal", "rescue", "funeral", "slaying",
                            "internment", "interrogation", "prosecution", "impeachment"})
# Prepositions of "accused / arrested / blamed / stopped X of / for / from V-ing": X does it.
_CONTROL_PREPS = frozenset({"of", "for", "from", "with", "against", "over"})
_POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her", "our", "my", "your"})
# Prepositions that introduce a recipient, by event type ("met with", "aid to", "attack on").
_PREPS: dict[str, frozenset[str]] = {
    "CONSULT": frozenset({"with", "to"}),
    "AGREE": frozenset({"with"}),
    "COOPERATE": frozenset({"with"}),
    "AID": frozenset({"to", "for"}),
    "SUPPORT": frozenset({"for", "to"}),
    "REQUEST": frozenset({"on", "upon", "to"}),
    "ACCUSE": frozenset({"against", "at"}),
    "REJECT": frozenset({"from"}),
    "THREATEN": frozenset({"against", "with"}),
    "PROTEST": frozenset({"against", "outside"}),
    "SANCTION": frozenset({"against", "on", "from"}),
    "COERCE": frozenset({"against", "on", "from"}),
    "ASSAULT": frozenset({"against", "on", "upon", "at", "into"}),
}
_NOUN_PREPS = frozenset({"on", "against", "upon", "at", "of", "targeting", "with"})
_SUBJECTS = ("nsubj", "csubj")
# Prepositions whose object is not something the verb's subject does ("imposed a curfew after
# the riots", "protested against the attacks"): a nominal trigger there borrows no actor.
_NO_BORROW = frozenset({"by", "of", "after", "before", "during", "following", "since", "amid",
                        "amidst", "despite", "against", "over", "about", "because", "until",
                        "due"})
# Documents that "demand", "condemn" or "call for" on behalf of whoever issued them.
_DOCUMENTS = frozenset({"statement", "declaration", "communique", "communiqué", "letter",
                        "resolution", "message", "note", "memorandum", "petition", "decree",
                        "motion", "report", "document", "appeal", "bill", "text"})


def _expand(tokens: list[Token]) -> list[Token]:
    """The words and their conjuncts, each once, in text order (words of one document: a
    word's index tells it, so no ``Token`` comparison is made)."""
    out: dict[int, Token] = {}
    for token in tokens:
        for t in (token, *token.conjuncts):
            out.setdefault(t.i, t)
    return [out[i] for i in sorted(out)]


def resolve(token: Token) -> Token:
    """The noun a quantity or relative pronoun stands for ("40 of whom" -> whom's antecedent)."""
    for _ in range(3):
        if token.pos in _COUNTING_POS and (token.like_num or token.lower in _QUANTITY_CODES
                                           or lemma(token) in _PARTITIVE):
            of = [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj"]
            if of:
                token = of[0]
                continue
        if token.lower in _WH_CODES:
            clause = token.head
            while clause.dep_ not in ("relcl", "acl") and clause.head.i != clause.i:
                clause = clause.head
            if clause.dep_ in ("relcl", "acl"):
                token = clause.head
                continue
        break
    return token


def _subjects(verb: Token, depth: int = 0) -> list[Token]:
    subj = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if subj:
        if verb.dep_ == "relcl" and subj[0].lower_ in _WH:
            return [verb.head]
        return subj
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.lower_ in _CONTROL_PREPS:
        doers = _controller(verb.head.head)
        if doers:  # "accused the soldiers of killing ...": the soldiers
            return doers
    if depth < 3 and verb.dep_ == "xcomp" and _passive(verb.head):
        raised = patients(verb.head, depth + 1)
        if raised:  # "were ordered to attack", "were said to have killed"
            return raised
    if depth < 3 and verb.dep_ in ("conj", "xcomp", "advcl", "pcomp", "acomp") \
            and verb.head.i != verb.i:  # "it is willing to withdraw": through the adjective
        head = verb.head
        if verb.dep_ == "pcomp" and head.head.i != head.i:
            head = head.head
        if not _passive(head):
            return _subjects(head, depth + 1)
    if verb.dep_ in ("relcl", "acl") and not _passive(verb):
        noun = verb.head
        if noun.lemma_.lower() in _DOCUMENTS and noun.dep_ == "dobj" and depth < 3:
            return _subjects(noun.head, depth + 1)  # "issued a statement demanding ..."
        if noun.lemma_.lower() in _PURPOSES:  # "gunmen made a bid to kill the judge"
            owner = [c for c in noun.children if c.dep_ == "poss"]
            if owner or noun.dep_ != "dobj" or depth >= 3:
                return owner
            return _subjects(noun.head, depth + 1)
        return [noun]
    return []


# Nouns whose infinitive says what someone means or was told to do ("a bid to kill", "their
# plan to attack", "an order to withdraw"): the doer is whoever holds the bid, not the noun.
_PURPOSES = frozenset({"bid", "attempt", "plan", "plot", "effort", "decision", "campaign",
                       "move", "order", "threat", "pledge", "promise", "call", "right",
                       "ability", "proposal", "offer", "deal", "agreement", "vote", "bill",
                       "law", "operation", "mission", "chance", "opportunity", "intention",
                       "readiness", "willingness", "refusal", "demand", "request", "push",
                       "drive", "scheme", "conspiracy", "way", "need", "failure"})


def _controller(governor: Token) -> list[Token]:
    """Who does the act of a gerund after "accused / arrested / stopped X of / for / from":
    the governing verb's object ("accused the soldiers of killing"), its passive subject ("were
    arrested for killing"), or, for a noun, its "of" object or owner ("the arrest of 45 soldiers
    for killing", "their arrest for looting")."""
    if governor.pos_ in ("VERB", "AUX"):
        objects = [c for c in governor.children if c.dep_ == "dobj"]
        return objects or [c for c in governor.children if c.dep_ == "nsubjpass"]
    if governor.pos_ == "NOUN":
        of = [p for c in governor.children if c.dep_ == "prep" and c.lower_ == "of"
              for p in _pobjs(c)]
        return of or [c for c in governor.children if c.dep_ == "poss"]
    return []


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


# Participles of verbs without a passive ("the refugees returned home"): the noun they modify
# did it.
_UNACCUSATIVE = frozenset({"arrive", "return", "flee", "gather", "march", "rally", "retreat",
                           "escape", "fall", "die", "rise", "go", "come", "remain", "stay",
                           "assemble", "converge", "disappear", "vanish", "happen", "occur"})
# Events whose moved people are the actor's own, so a participle keeps them as the actor
# ("troops stationed near the border").
_OWN_PEOPLE = frozenset({"MOBILIZE", "RETREAT", "PROTEST"})


def _participle_passive(verb: Token, event: str) -> bool:
    """A past participle modifying a noun, without auxiliary, is passive ("the minister murdered
    in Washington", "civilians killed and wounded by the troops"), also when conjoined to one or
    to a passive verb ("was abducted and tortured")."""
    if verb.tag_ != "VBN" or event in _OWN_PEOPLE or verb.lemma_.lower() in _UNACCUSATIVE:
        return False
    if verb.head.dep_ == "ROOT" and verb.head.pos_ in ("NOUN", "PROPN"):
        return False  # no verb but this one: the parser took the main verb for a participle
    if verb.dep_ == "acl":
        return True
    return verb.dep_ == "conj" and verb.head.tag_ == "VBN" and (
        verb.head.dep_ == "acl" or _passive(verb.head))  # "was abducted and tortured"


def patients(verb: Token, depth: int = 0) -> list[Token]:
    """Who a passive verb is done to: its passive subject, the noun a participle modifies, the
    passive subject of the verb it is conjoined to, or of a passive raising verb above it ("was
    reported to have been killed")."""
    found = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if found:
        return found
    if verb.dep_ in ("acl", "relcl"):
        return [verb.head]
    if depth < 3 and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return [c for c in verb.head.children if c.dep_ == "nsubjpass"] or (
            patients(verb.head, depth + 1) if verb.head.dep_ in ("acl", "xcomp") else [])
    if depth < 3 and verb.dep_ == "xcomp" and _passive(verb.head):
        return patients(verb.head, depth + 1)
    return []


def _agents(verb: Token) -> list[Token]:
    """The "by" agent of a passive verb; conjoined passives share it ("were tortured and killed
    by the militia")."""
    for v in (verb, *verb.conjuncts):
        found = [p for c in v.children if c.dep_ == "agent" for p in _pobjs(c)]
        if found:
            return found
    return []


def _pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ == "pobj"]


def upto(verb: Token) -> list[Token]:
    """The object of a verb written "up to 40 people", which the parser often reads as a
    particle and a preposition ("kidnapped up to 16 advisers")."""
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
             and c.i > 0 and c.nbor(-1).lower_ == "up"]
    preps += [g for c in verb.children if c.dep_ == "prt" and c.lower_ == "up"
              for g in c.children if g.dep_ == "prep" and g.lower_ == "to"]
    return [p for c in preps for p in _pobjs(c)
            if p.like_num or any(g.dep_ == "nummod" for g in p.children)]


# Prepositions whose object is the recipient when the verb's object is itself part of the
# trigger and has no phrase of its own ("prohibited all aid to the rebels", "broke off relations
# with Chad"; not "held talks with X at a hotel").
_OBJECT_TRIGGER_PREPS = frozenset({"to", "with", "on", "against", "upon", "toward", "towards",
                                   "into"})


def _verb_roles(verb: Token, event: str, skip: frozenset[int]) -> tuple[list[Token], list[Token]]:
    preps = _PREPS.get(event, frozenset())
    if _passive(verb) or _participle_passive(verb, event):
        return _agents(verb), patients(verb)
    actors = _subjects(verb)
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    recipients = [c for c in objects if c.i not in skip] or upto(verb)
    inner = [c for c in objects if c.i in skip]
    if inner and not any(g.dep_ == "prep" and g.lower_ in _INNER_PREPS
                         for c in inner for g in c.children):
        # "with" a weapon is no party to an attack
        preps = preps | (_OBJECT_TRIGGER_PREPS - {"with"} if event == "ASSAULT"
                         else _OBJECT_TRIGGER_PREPS)
    if recipients and verb.lemma_.lower() in _LAUNCH and _weapons(recipients):
        recipients = []  # "fired four shells at the town": the object is the weapon
    moved = _moved_to(verb, event, objects)
    if moved:  # "withdrew its troops from Lebanon": the troops are the actor's own
        recipients = moved
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in preps and not recipients:
            recipients = [p for p in _pobjs(c) if entity_like(p)]  # not "on Tuesday"
    if not recipients and event == "REQUEST":
        recipients = addressees(verb)
    if not recipients:
        recipients = _controlled(verb)
    return actors, recipients


def _moved_to(verb: Token, event: str, objects: list[Token]) -> list[Token]:
    """For a verb moving the actor's own people or goods, the party they go to or leave: its
    own phrase ("withdrew its troops from Lebanon"), one on what is moved ("provided photographs
    and intelligence to Macedonia"), or one inside what they are moved for ("mobilized
    reservists for a war against Iraq")."""
    verbs, away = _PLACE_FIRST.get(event, (frozenset(), frozenset()))
    if verb.lemma_.lower() not in verbs:
        return []
    holders = [verb, *_expand(objects)]
    holders += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"
                for p in _pobjs(c)]
    for holder in holders:
        found = [p for c in holder.children if c.dep_ in ("prep", "dative")
                 and c.lower_ in away for p in _pobjs(c) if entity_like(p)]
        if found:
            return found
    return []


def _controlled(verb: Token) -> list[Token]:
    """The one made or let to act: the subject the parser gives an infinitive under the verb
    ("allowed the opposition leader to hold a rally")."""
    return [s for c in verb.children if c.dep_ in ("ccomp", "xcomp")
            and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            for s in c.children if s.dep_ == "nsubj" and s.lower_ not in _WH]


# Verbs whose object is the weapon used (the target is in an "at / on" phrase).
_LAUNCH = frozenset({"fire", "launch", "explode", "detonate", "drop", "throw", "hurl", "lob",
                     "plant", "use"})
_WEAPON_WORDS = frozenset({"bomb", "shell", "rocket", "missile", "mortar", "grenade", "round",
                           "bullet", "shot", "salvo", "device", "explosive", "projectile",
                           "barrel", "charge", "mine", "volley", "gas"})
# Verbs whose direct object is the actor's own people or goods, so the party they are moved
# from / to is the recipient ("withdrew its troops from Lebanon", "deployed troops to Mali",
# "provided intelligence to Macedonia"), by event type. Other verbs keep their object
# ("released the prisoners from jail", "evacuated residents to the coast").
_PLACE_FIRST: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "RETREAT": (frozenset({"withdraw", "pull", "evacuate", "redeploy", "move", "retreat"}),
                frozenset({"from", "out"})),
    "MOBILIZE": (frozenset({"deploy", "send", "move", "dispatch", "mass", "mobilize",
                            "mobilise", "station", "rush"}),
                 frozenset({"to", "into", "against"})),
    "AID": (frozenset({"provide", "supply", "send", "deliver", "give", "donate", "ship",
                       "airlift", "grant", "extend", "lend", "channel", "allocate"}),
            frozenset({"to"})),
    "COOPERATE": (frozenset({"hand", "extradite", "transfer", "turn", "pass"}),
                  frozenset({"to"})),
}


def _weapons(tokens: list[Token]) -> bool:
    return all(t.lemma_.lower() in _WEAPON_WORDS for t in tokens)


def addressees(head: Token) -> list[Token]:
    """Who a demand is made of: the subject of the clause that says what must be done
    ("demanded that the army withdraw", "its demand that Israel ease ..." -> the army, Israel).
    For a demand noun that is the object of a verb, the clause may hang off that verb."""
    clauses = [c for c in head.children if c.dep_ in ("ccomp", "acl")]
    if head.pos_ not in ("VERB", "AUX") and head.dep_ == "dobj":
        clauses += [c for c in head.head.children if c.dep_ == "ccomp"]
    return [s for c in clauses if c.pos_ in ("VERB", "AUX") for s in c.children
            if s.dep_ == "nsubj" and s.lower_ not in _WH]


def _noun_roles(noun: Token, event: str, borrow: bool) -> tuple[list[Token], list[Token]]:
    recipients = [p for c in noun.children if c.dep_ == "prep" and c.lower_ in _NOUN_PREPS
                  for p in _pobjs(c)]
    owners_ = [c for c in noun.children if c.dep_ == "poss"]
    victim_owner = noun.lemma_.lower() in _PATIENT_NOUNS and not any(
        c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
    if victim_owner:  # "his arrest", "the minister's murder": the owner is the victim
        recipients = owners_ + recipients
        owners_ = []
    actors = owners_
    actors += [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod")
               and (c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or c.pos_ == "PROPN")]
    actors += [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"
               for p in _pobjs(c)]
    head = noun.head
    if not borrow:
        return actors, recipients
    if actors and all(a.lower_ in _POSSESSIVE_PRONOUNS for a in actors) \
            and noun.dep_ == "dobj" and head.pos_ in ("VERB", "AUX"):
        actors = _subjects(head) or actors  # "Israel mounted its invasion": its = Israel
    if not actors and noun.dep_ in ("dobj", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
        actors = _subjects(head)
    if not actors and noun.dep_ == "pobj" and head.head.pos_ in ("VERB", "AUX") \
            and head.lower_ not in _NO_BORROW:
        actors = _subjects(head.head)
    if not recipients and noun.dep_ == "dobj":
        recipients = [c for c in head.children if c.dep_ == "dative"]  # "gave Chad aid"
        recipients += [p for c in head.children if c.dep_ == "prep"
                       and c.lower_ in _PREPS.get(event, frozenset()) for p in _pobjs(c)]
    if not recipients and event == "REQUEST":
        recipients = addressees(noun)
    return actors, recipients


def roles(head: Token, event: str, skip: frozenset[int], borrow: bool = True
          ) -> tuple[list[Token], list[Token]]:
    """Actor and recipient tokens of a trigger headed by ``head`` (conjuncts included).

    Words in ``skip`` (the sentence's trigger words) are events, not entities, and are left out.
    ``borrow`` lets a nominal trigger take the subject of the verb it is the object of.
    """
    if head.pos_ in ("VERB", "AUX"):
        actors, recipients = _verb_roles(head, event, skip)
    else:
        actors, recipients = _noun_roles(head, event, borrow)
    actors = [t for t in _lent([resolve(t) for t in _expand(actors)], event, skip)
              if t.i not in skip and _party(t)]
    recipients = [t for t in (resolve(t) for t in _expand(recipients)) if t.i not in skip]
    return actors, [t for t in recipients if t not in actors]


def _lent(actors: list[Token], event: str, skip: frozenset[int]) -> list[Token]:
    """An actor word that is itself an event noun lends its own actor ("US air strikes killed
    eight"), and a weapon its owner ("killed by police bullets", "Israeli missiles hit ...")."""
    out: list[Token] = []
    for token in actors:
        if token.i in skip and token.pos_ in ("NOUN", "PROPN"):
            out.extend(_expand(_noun_roles(token, event, borrow=False)[0]))
        elif not _party(token) and token.pos_ == "NOUN":
            out.extend(c for c in token.children if c.dep_ == "poss" or (
                c.dep_ in ("compound", "amod", "nmod") and _party(c)
                and (c.pos_ in ("PROPN", "NOUN") or c.ent_type_ in ("NORP", "GPE", "ORG"))))
        else:
            out.append(token)
    return out


# Instruments of an attack: never its actor ("a grenade hit his car", "the bomb killed six").
_INSTRUMENTS = frozenset({"grenade", "ied", "landmine", "minefield", "explosion", "blast",
                          "gunfire", "fire", "shelling", "artillery", "airstrike", "bullet",
                          "car", "truck", "vehicle", "motorcycle", "bicycle", "dynamite",
                          "shrapnel", "stone", "knife", "machete", "gun", "rifle", "weapon"})


def _party(token: Token) -> bool:
    """Whether a word can be an actor: not a date or number, not a weapon or what carried it."""
    word = token.lemma_.lower()
    return entity_like(token) and word not in _WEAPON_WORDS and word not in _INSTRUMENTS


_NOT_ENTITIES = frozenset({"DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"})
_SECONDARY_PREPS = frozenset({"to", "from", "with", "on", "against", "for", "at", "upon",
                              "toward", "towards", "into", "over"})


_CONFLICT_PREPS = frozenset({"against", "on", "at", "upon", "toward", "towards", "into", "from"})
_CONFLICT = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
                       "MOBILIZE", "COERCE", "ASSAULT"})


def secondary(head: Token, event: str, skip: frozenset[int]) -> list[Token]:
    """Other words that may name the recipient: datives and prepositional objects of the trigger
    ("demanded ... from Moscow", "give Tanzania a grant"), used when the object is not an actor,
    and what a protest is "in protest at / against". Conflict events leave out "for" and "with"
    ("fighting for the Islamic State")."""
    preps = _CONFLICT_PREPS if event in _CONFLICT else _SECONDARY_PREPS
    found = [c for c in head.children if c.dep_ == "dative" and c.i not in skip]
    found += [p for c in head.children if c.dep_ in ("prep", "dative")
              and c.lower_ in preps for p in _pobjs(c)]
    if event == "PROTEST":
        found += _protested(head, skip)
    return [resolve(t) for t in _expand(found) if t.i not in skip]


def _protested(head: Token, skip: frozenset[int]) -> list[Token]:
    """What a protest is "in protest at / of / against" ("began a hunger strike in protest at
    the new tax"), the phrase hanging off the protest word or beside it; for an act, who did
    it ("in protest at the government's refusal": the government)."""
    out: list[Token] = []
    for node in (head, *(c for c in head.children if c.dep_ == "dobj")):
        preps = [c for c in node.children if c.dep_ == "prep"]
        protest = [n for c in preps if c.lower_ == "in" for n in _pobjs(c)
                   if n.lemma_.lower() == "protest"]
        if protest:
            preps += [c for n in protest for c in n.children if c.dep_ == "prep"]
            for p in (p for c in preps if c.lower_ in _PROTESTED for p in _pobjs(c)):
                out += _noun_roles(p, "PROTEST", borrow=False)[0] if p.i in skip else [p]
    return out


_PROTESTED = frozenset({"at", "of", "against", "over", "about"})


def conditioned(head: Token) -> list[Token]:
    """The party a threat or offer is aimed at: the subject of its "if / unless" clause
    ("threatened to stop talks if the United States deploys ...", "will withdraw unless the
    president arranges a ceasefire"), on the trigger or on the act it governs."""
    verbs = [head, *(c for c in head.children if c.dep_ in ("xcomp", "ccomp"))]
    return [s for v in verbs for c in v.children if c.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
            for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]


def complements(head: Token, skip: frozenset[int]) -> list[Token]:
    """Objects of a verb the trigger governs or that says what it was for ("threatened to
    deliver blows to the United States", "opened fire to disperse the demonstrators"), and the
    object of the verb that governs the trigger ("ordered the newspaper to ...": the
    newspaper)."""
    found = []
    for c in head.children:
        purpose = c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to"
                                            for g in c.children)
        if (c.dep_ == "xcomp" or purpose) and c.pos_ in ("VERB", "AUX"):
            found += [g for g in c.children if g.dep_ in ("dobj", "dative")]
            found += [p for g in c.children if g.dep_ in ("prep", "dative")
                      and g.lower_ in _SECONDARY_PREPS for p in _pobjs(g)]
    if head.dep_ == "xcomp":  # "ordered X to suspend publication" -> X
        found += [c for c in head.head.children if c.dep_ == "dobj"]
    return [resolve(t) for t in _expand(found) if t.i not in skip]


def entity_like(token: Token) -> bool:
    """Whether a word could name a party at all (not a date, sum or number)."""
    return token.ent_type_ not in _NOT_ENTITIES and not token.like_num


_INNER_PREPS = _NOUN_PREPS | {"by", "from", "to", "in"}


def inner_recipients(tokens: list[Token], skip: frozenset[int]) -> list[Token]:
    """Recipients named inside a multi-word trigger: a phrase on one of its nouns ("called for
    the release of the activists", "rejected calls by the rulers") or the noun's owner or
    nationality ("rejected an Indian proposal", "rejected the government's offer")."""
    nouns = [t for t in tokens if t.pos_ in ("NOUN", "PROPN")]
    found = [p for t in nouns for c in t.children
             if c.dep_ == "prep" and c.lower_ in _INNER_PREPS for p in _pobjs(c)]
    found += [c for t in nouns for c in t.children if c.dep_ == "poss" or (
        c.dep_ in ("amod", "compound", "nmod")
        and (c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or c.pos_ == "PROPN"))]
    return [resolve(t) for t in _expand(found) if t.i not in skip]


_OWNER_PREPS = frozenset({"of", "against", "to", "with", "by", "from", "on", "for", "in",
                          "into", "at", "between", "among", "toward", "towards", "upon"})
_OWNER_MODS = frozenset({"poss", "compound", "amod", "nmod", "appos"})


def owners(tokens: list[Token], skip: frozenset[int], depth: int = 3) -> list[Token]:
    """Words inside the recipient's noun phrase that may name a party, nearest first: its owner
    or nationality, and the objects of its prepositions, followed down a few phrases ("further
    action against Russia", "part of an aid programme for Bosnia", "lines leading into Kabul").
    Used only when the recipient word itself names no actor of the actors stage."""
    out: list[Token] = []
    frontier = list(tokens)
    for _ in range(depth):
        step: list[Token] = []
        for token in frontier:
            for c in token.children:
                if c.dep_ in _OWNER_MODS:
                    step.append(c)
                elif c.dep_ == "prep" and c.lower_ in _OWNER_PREPS:
                    step.extend(_pobjs(c))
                elif c.dep_ == "acl":  # "lines leading into Kabul", "seized by the army"
                    step.extend(p for g in c.children if (g.dep_ == "agent" or (
                        g.dep_ == "prep" and g.lower_ in _OWNER_PREPS)) for p in _pobjs(g))
        step = [resolve(t) for t in _expand(step) if t.i not in skip and t not in out]
        out.extend(step)
        frontier = step
    return out
