"""The events stage's data: trigger readings, cue words, weapon modes, contexts and our crosswalk.

Everything is read once from the TSV files in ``eventwire/data/events/`` (written by us from the
PLOVER definitions) into hash tables keyed by lemma tuples, so matching a sentence costs a few
dictionary lookups per token rather than one pattern per entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = [
    "EVENT_TYPES",
    "QUAD",
    "Lexicon",
    "Reading",
    "load",
    "normalise",
]

EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# PLOVER quad categories (manual, "Quad category" of each event section).
QUAD: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}

# Words left out of lemma sequences on both sides, so "marched to a punishment centre" matches the
# pattern "march to punishment centre".
_SKIPPED = frozenset({"a", "an", "the"})
_POS_CLASSES = {"V": frozenset({"VERB", "AUX"}), "N": frozenset({"NOUN", "PROPN"}),
                "A": frozenset({"ADJ"})}


def normalise(words: str) -> tuple[str, ...]:
    """A lexicon pattern as the lemma tuple we look up: lower case, articles dropped, hyphens
    split off as the tokenizer splits them ("sit-in" is matched as the words sit, in)."""
    return tuple(w for w in words.lower().replace("-", " ").split() if w not in _SKIPPED)


@dataclass(frozen=True, slots=True)
class Condition:
    """A check on the sentence or the trigger's object that a reading needs (see triggers.tsv)."""

    kind: str  # "sent", "!sent", "obj", "!obj", "pass", "trans", "!trans"
    lemmas: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Reading:
    """One way a trigger pattern can be read: PLOVER type, mode, CAMEO code, prior weight."""

    event: str  # a PLOVER type, "COMMIT" (resolved by what is promised) or "-" (no event)
    mode: str
    cameo: str
    pos: str  # "V", "N", "A" or "*"
    weight: float
    conditions: tuple[Condition, ...]
    pattern: tuple[str, ...]
    order: int  # row number in triggers.tsv, the last tie-breaker

    def fits_pos(self, pos: str) -> bool:
        """Whether a head token with coarse tag ``pos`` can carry this reading."""
        return self.pos == "*" or pos in _POS_CLASSES[self.pos]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All the events stage's tables, loaded once."""

    readings: dict[tuple[str, ...], tuple[Reading, ...]]
    starts: frozenset[str]  # the first word of every trigger pattern (a sentence needs one)
    longest: int
    prefixes: frozenset[tuple[str, ...]]  # every beginning of a trigger, weapon or context phrase
    firsts: frozenset[str]  # the first word of every trigger, weapon or context phrase
    context_firsts: frozenset[str]  # the first word of every context phrase
    follows: dict[tuple[str, ...], frozenset[str]]  # a trigger's beginning -> its next words
    cues: dict[str, frozenset[str]]
    cue_phrases: dict[str, frozenset[tuple[str, ...]]]
    weapons: dict[tuple[str, ...], str]
    weapon_longest: int
    contexts: dict[tuple[str, ...], tuple[str, ...]]
    context_longest: int
    context_order: dict[str, int]
    crosswalk: dict[tuple[str, str], str]

    def cue(self, kind: str, lemma: str) -> bool:
        """Whether ``lemma`` is a cue word of ``kind`` (commit, future, report, ...)."""
        return lemma in self.cues.get(kind, frozenset())

    def cameo(self, event: str, mode: str) -> str | None:
        """Our CAMEO code for an (event, mode) pair, falling back to the event's general code."""
        return self.crosswalk.get((event, mode)) or self.crosswalk.get((event, ""))


def _rows(name: str) -> list[list[str]]:
    text = resources.files("eventwire").joinpath("data", "events", name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and line[0] != "#"]


def _conditions(spec: str) -> tuple[Condition, ...]:
    out = []
    for part in filter(None, (p.strip() for p in spec.split(";"))):
        kind, _, words = part.partition("=")
        out.append(Condition(kind, frozenset(w.strip() for w in words.split(",") if w.strip())))
    return tuple(out)


def _readings() -> dict[tuple[str, ...], tuple[Reading, ...]]:
    table: dict[tuple[str, ...], list[Reading]] = {}
    for order, row in enumerate(_rows("triggers.tsv")):
        event, mode, cameo, pos, weight, cond, patterns = (c.strip() for c in row)
        conditions = _conditions(cond)
        for pattern in filter(None, (p.strip() for p in patterns.split("|"))):
            key = normalise(pattern)
            reading = Reading(event, mode, cameo, pos, float(weight), conditions, key, order)
            table.setdefault(key, []).append(reading)
    return {k: tuple(v) for k, v in table.items()}


def _phrase_table(name: str) -> dict[tuple[str, ...], tuple[str, ...]]:
    table: dict[tuple[str, ...], list[str]] = {}
    for label, words in (row[:2] for row in _rows(name)):
        for phrase in filter(None, (p.strip() for p in words.split("|"))):
            table.setdefault(normalise(phrase), []).append(label.strip())
    return {k: tuple(v) for k, v in table.items()}


def _follows(readings: dict[tuple[str, ...], tuple[Reading, ...]]
             ) -> dict[tuple[str, ...], frozenset[str]]:
    """Every proper beginning of a trigger pattern with the words that can come next in one: a
    key not in this table can never grow into a longer trigger, so its words need no walk."""
    table: dict[tuple[str, ...], set[str]] = {}
    for key in readings:
        for n in range(1, len(key)):
            table.setdefault(key[:n], set()).add(key[n])
    return {k: frozenset(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """The events lexicon, read from the package data once per process."""
    readings = _readings()
    cues: dict[str, set[str]] = {}
    phrases: dict[str, set[tuple[str, ...]]] = {}
    for kind, words in (row[:2] for row in _rows("cues.tsv")):
        for word in filter(None, (w.strip() for w in words.split("|"))):
            key = normalise(word)
            if len(key) == 1:
                cues.setdefault(kind.strip(), set()).add(key[0])
            else:
                phrases.setdefault(kind.strip(), set()).add(key)
    weapons = {k: v[0] for k, v in _phrase_table("weapons.tsv").items()}
    contexts = _phrase_table("contexts.tsv")
    crosswalk = {(r[0].strip(), r[1].strip()): r[2].strip() for r in _rows("cameo.tsv")}
    phrases_all = [*readings, *weapons, *contexts]
    return Lexicon(
        readings=readings,
        starts=frozenset(k[0] for k in readings),
        longest=max(len(k) for k in readings),
        prefixes=frozenset(k[:n] for k in phrases_all for n in range(1, len(k) + 1)),
        follows=_follows(readings),
        firsts=frozenset(k[0] for k in phrases_all),
        context_firsts=frozenset(k[0] for k in contexts),
        cues={k: frozenset(v) for k, v in cues.items()},
        cue_phrases={k: frozenset(v) for k, v in phrases.items()},
        weapons=weapons,
        weapon_longest=max(len(k) for k in weapons),
        contexts=contexts,
        context_longest=max(len(k) for k in contexts),
        context_order={c: k for k, c in enumerate(dict.fromkeys(
            c for cs in contexts.values() for c in cs))},
        crosswalk=crosswalk,
    )
