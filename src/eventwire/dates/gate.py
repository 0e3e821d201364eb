"""Which words can start a time phrase: read off the grammar's own regular expression.

The grammar's one expression is costly to try (a few microseconds at each word, most of it
failing through every alternative). ``lead_words`` walks the parsed expression once and lists
the first three words every match can begin with ("in" + "May", "of" + "the" + "week", "last" +
...), so the scanner only tries the expression where a match can start (two words would leave
"of the", "in the", "at #4", which mostly fail, to be tried). The list is derived from the
expression itself, never written by hand, so a new pattern cannot be missed; where the walk
cannot tell (a class of letters, a back-reference) it answers "any word", which only costs time.

A "word" here is what ``grammar._WORD`` finds: a run of digits or a run of letters. A run of
digits stands as ``number_word`` has it ("#2" for two digits); None in ``Leads`` means any word
(or none) may follow, and ``ANY`` as a first word that a match may begin with any word.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import re._constants as sre  # the parser's opcodes (Python's own, stable since 3.11)
import re._parser as sre_parse
import sys
from pathlib import Path
from typing import Any

from eventwire.settings import cache_dir

__all__ = ["ANY", "DIGITS", "LONGEST", "Leads", "cached_lead_words", "check", "lead_words",
           "may_start", "number_word"]

ANY = "*"
DIGITS = "#"
_END = "$"  # the expression may end after the first word
_LONG = "+"  # a word longer than LONGEST (which ``may_start`` takes to fit, never looking it up)
# More rounds of a repeat than this add no path: each round that changes anything adds a
# letter or ends a word, and the walk stops at three words of at most LONGEST letters.
_MAX_ROUNDS = 32
# Words longer than this are not listed (the walk stops there: "Aprfirst" and its like, which
# the expression allows, multiply fast); the scanner takes any longer word to fit, wherever
# it stands.
LONGEST = 12
_LONGEST_NUMBER = 5
# How many words of a match ``Leads`` lists: a third word skips most of the tries that two
# leave ("of the", "in the", "at #4"; about 60% fewer failed tries on news text).
_DEPTH = 3

Items = list[tuple[Any, Any]]
# Each word a match may begin with -> each word that may follow it -> the words that may follow
# those two; None where any word (or none) may follow.
Leads = dict[str, dict[str, frozenset[str] | None] | None]


def number_word(digits: str) -> str:
    """How a run of digits stands in ``leads``: by its length ("#2"), five and more alike."""
    return f"{DIGITS}{min(len(digits), _LONGEST_NUMBER)}"


def may_start(leads: Leads, words: list[tuple[int, int, str]], i: int) -> bool:
    """Whether a match may begin at ``words[i]`` (start, end, text): it and the next two words
    follow a path of ``leads``. A word that is not plain ASCII (the expression ignores case the
    Unicode way) or one longer than LONGEST fits any place; where ``leads`` wants one more word
    and the window has none, no match can begin (the expression sees no further)."""
    first = _key(words[i][2])
    if first is None:
        return True
    seconds = leads.get(first, False)
    if seconds is False:
        return ANY in leads
    if seconds is None:
        return True
    if i + 1 == len(words):
        return False
    second = _key(words[i + 1][2])
    if second is None:
        return True
    thirds = seconds.get(second, False)
    if thirds is False:
        return False
    if thirds is None:
        return True
    if i + 2 == len(words):
        return False
    third = _key(words[i + 2][2])
    return third is None or third in thirds


def _key(word: str) -> str | None:
    """How a word of the text is looked up in ``Leads``, or None when it fits any place."""
    if len(word) > LONGEST or not word.isascii():
        return None
    return number_word(word) if word[0].isdigit() else word.lower()


def lead_words(pattern: str, flags: int) -> Leads:
    """Each lower-case word a match of ``pattern`` may begin with, the words that may follow it
    and the words that may follow those (None: any, or none); ``{ANY: None}`` when a match may
    begin with a word the walk cannot name."""
    parsed = sre_parse.parse(pattern, flags)
    walker = _Walker(_groups(parsed))
    tree: dict[str, dict[str, set[str] | None] | None] = {}
    for first, second, third in walker.walk(walker.place(parsed, 0, None), "", _DEPTH):
        if first == ANY:
            return {ANY: None}
        seconds = tree.setdefault(first, {})
        if seconds is None:
            continue
        if second in (ANY, _END):
            tree[first] = None
            continue
        thirds = seconds.setdefault(second, set())
        if thirds is not None:
            if third in (ANY, _END):
                seconds[second] = None
            else:
                thirds.add(third)
    return _frozen(tree)


def _frozen(tree: dict[str, dict[str, Any] | None]) -> Leads:
    """``tree`` with each set of third words made one shared frozenset (a few hundred sets,
    the same ones under thousands of pairs: the months, the days, ...)."""
    shared: dict[frozenset[str], frozenset[str]] = {}
    return {first: None if seconds is None else
            {second: None if thirds is None else shared.setdefault(frozenset(thirds),
                                                                    frozenset(thirds))
             for second, thirds in seconds.items()}
            for first, seconds in tree.items()}


def cached_lead_words(pattern: str, flags: int) -> Leads:
    """``lead_words``, kept in the cache directory: the walk costs a few seconds of CPU, which
    every one-article ``eventwire code`` would otherwise pay. The file is named by a hash of the
    expression, this module and the Python version, so a changed grammar is walked anew; a
    missing, unreadable or unwritable file only means walking again. Each set of third words is
    stored once and named by its number, which keeps the file small."""
    source = f"{sys.version_info[:2]}\0{flags}\0{pattern}\0".encode() + Path(__file__).read_bytes()
    path = cache_dir() / f"date-leads-{hashlib.sha256(source).hexdigest()[:16]}.json"
    try:
        return _loaded(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError, TypeError, AttributeError, KeyError, IndexError):
        pass
    leads = lead_words(pattern, flags)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps(_stored(leads)), "utf-8")
        os.replace(partial, path)  # whole or not at all, for a parallel run's other workers
    except OSError:
        pass
    return leads


def _stored(leads: Leads) -> dict[str, Any]:
    """``leads`` as JSON: each set of third words listed once, and named by its number."""
    numbers: dict[frozenset[str], int] = {}
    table = {first: None if seconds is None else
             {second: None if thirds is None else numbers.setdefault(thirds, len(numbers))
              for second, thirds in seconds.items()}
             for first, seconds in leads.items()}
    return {"sets": [sorted(thirds) for thirds in numbers], "leads": table}


def _loaded(stored: dict[str, Any]) -> Leads:
    """``leads`` back from ``_stored``'s JSON; a file of another shape raises an error."""
    sets = [frozenset(map(str, thirds)) for thirds in stored["sets"]]
    leads: Leads = {}
    for first, seconds in stored["leads"].items():
        if seconds is None:
            leads[str(first)] = None
            continue
        leads[str(first)] = {str(second): None if number is None else sets[number]
                             for second, number in seconds.items()}
    return leads


# A place in the parsed expression: (id of a list of items, index in it, the place after it).
Place = tuple[int, int, "Place | None"] | None
Words = frozenset[tuple[str, ...]]


class _Walker:
    """Every path through a parsed expression, word by word, remembered by place (the same
    stretch of expression is reached from many alternatives: each preposition, each month)."""

    def __init__(self, groups: dict[int, Any]) -> None:
        self.groups = groups  # group number -> its parsed content, for back-references
        self.depth = _DEPTH  # how many words a path lists
        self.memo: dict[tuple[Place, str, int], Words] = {}
        self.lists: dict[int, Any] = {}
        self.repeats: dict[tuple[int, int, int], list[tuple[Any, Any]]] = {}

    def place(self, items: Any, index: int, after: Place) -> Place:
        self.lists[id(items)] = items  # kept alive, so its id stays its own
        return id(items), index, after

    def walk(self, at: Place, prefix: str, need: int) -> Words:
        """The next ``need`` words of every path from ``at`` (``prefix``: the word begun)."""
        key = (at, prefix, need)
        if key not in self.memo:  # (no path comes back to a place: repeats are unrolled)
            self.memo[key] = frozenset(self._step(at, prefix, need))
        return self.memo[key]

    def _step(self, at: Place, prefix: str, need: int) -> Words | set[tuple[str, ...]]:
        if at is None:
            return self._ended(prefix, need)
        list_id, index, after = at
        items = self.lists[list_id]
        if index == len(items):
            return self.walk(after, prefix, need)
        op, arg = items[index]
        following = (list_id, index + 1, after)
        if op is sre.LITERAL:
            return self._char(chr(arg), following, prefix, need)
        if op is sre.IN:
            return self._in_set(arg, following, prefix, need)
        if op is sre.BRANCH:
            return set().union(*(self.walk(self.place(alt, 0, following), prefix, need)
                                 for alt in arg[1]))
        if op is sre.SUBPATTERN:
            return self.walk(self.place(arg[-1], 0, following), prefix, need)
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            return self._repeat(arg, following, prefix, need)
        if op is sre.GROUPREF:  # the same text as the group: some text the group matches
            return self.walk(self.place(self.groups[arg], 0, following), prefix, need)
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            return self.walk(following, prefix, need)  # zero width: skipping lets more through
        return {(ANY,) * need}  # anything else: any word from here on

    def _char(self, char: str, following: Place, prefix: str, need: int) -> Words:
        """One character: it extends the word begun, ends it, or begins the next one."""
        number = prefix.startswith(DIGITS)
        if char.isascii() and char.isalpha():
            if number:
                return self._then(prefix, following, char.lower(), need)
            if len(prefix) == LONGEST:  # the scanner takes any word this long to fit, and
                return frozenset({(_LONG,) + (ANY,) * (need - 1)})  # what follows it too
            return self.walk(following, prefix + char.lower(), need)
        if char.isdigit():
            if number:
                longer = "0" * (int(prefix[len(DIGITS):]) + 1)
                return self.walk(following, number_word(longer), need)
            if prefix:
                return self._then(prefix, following, number_word("0"), need)
            return self.walk(following, number_word("0"), need)
        if prefix:
            return self._then(prefix, following, "", need)
        if need == self.depth:
            return frozenset({(ANY,) * need})  # a match that starts with punctuation
        return self.walk(following, "", need)

    def _then(self, word: str, following: Place, begun: str, need: int) -> Words:
        """``word`` is complete; the next one goes on from ``following`` with ``begun``."""
        if need == 1:
            return frozenset({(word,)})
        return frozenset((word, *rest) for rest in self.walk(following, begun, need - 1))

    def _in_set(self, arg: list[tuple[Any, Any]], following: Place, prefix: str,
                need: int) -> set[tuple[str, ...]]:
        """A character class: each letter in it goes on as a letter, digits as a number, the
        rest as a separator; a class the walk cannot list (a category of letters, a range of
        letters, a negation) stands for any word."""
        chars: set[str] = set()
        for op, value in arg:
            if op is sre.LITERAL:
                char = chr(value)
                chars.add(char if char.isascii() and char.isalpha() else
                          "0" if char.isdigit() else " ")
            elif op is sre.CATEGORY and value in (sre.CATEGORY_SPACE, sre.CATEGORY_NOT_WORD):
                chars.add(" ")
            elif (op is sre.CATEGORY and value is sre.CATEGORY_DIGIT) or (
                    op is sre.RANGE and all(chr(c).isdigit() for c in value)):
                chars.add("0")
            else:
                return {(ANY,) * need}
        return set().union(*(self._char(c, following, prefix, need) for c in sorted(chars)))

    def _repeat(self, arg: tuple[int, int, Any], following: Place, prefix: str,
                need: int) -> set[tuple[str, ...]]:
        """A repeat: none of it (when allowed), or one more round of it."""
        low, high, body = arg
        out: set[tuple[str, ...]] = set()
        if low == 0:
            out |= self.walk(following, prefix, need)
        if high == 0:
            return out
        if _separator(list(body)) or high == 1:  # "\s+", "[\s-]+": more rounds change no word
            return out | self.walk(self.place(body, 0, following), prefix, need)
        key = (id(body), max(low - 1, 0), min(high - 1, _MAX_ROUNDS))
        again = self.repeats.setdefault(key, [(sre.MAX_REPEAT, (*key[1:], body))])
        rounds = self.place(body, 0, self.place(again, 0, following))
        return out | self.walk(rounds, prefix, need)

    def _ended(self, prefix: str, need: int) -> Words:
        """The words of a path that reaches the end of the expression."""
        if prefix:
            return frozenset({(prefix,) + (_END,) * (need - 1)})
        if need == self.depth:  # the expression matches nothing at all
            return frozenset({(ANY,) * need})
        return frozenset({(_END,) * need})


def _groups(parsed: Any) -> dict[int, Any]:
    """Every numbered group of a parsed expression, with its parsed content."""
    found: dict[int, Any] = {}
    for op, arg in parsed:
        if op is sre.SUBPATTERN:
            if arg[0] is not None:
                found[arg[0]] = arg[-1]
            found |= _groups(arg[-1])
        elif op is sre.BRANCH:
            for alternative in arg[1]:
                found |= _groups(alternative)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.ASSERT, sre.ASSERT_NOT):
            found |= _groups(arg[-1])
    return found


def _separator(items: list[tuple[Any, Any]]) -> bool:
    """Whether ``items`` is one character that is neither a letter nor a digit."""
    if len(items) != 1:
        return False
    op, arg = items[0]
    if op is sre.LITERAL:
        return not chr(arg).isalnum()
    if op is sre.IN:
        return all((o is sre.LITERAL and not chr(v).isalnum())
                   or (o is sre.CATEGORY and v is sre.CATEGORY_SPACE) for o, v in arg)
    return False


def check(pattern: re.Pattern[str]) -> None:
    """Fail loudly if ``pattern`` does not end by refusing a letter after the match (the walk
    takes a word that ends the expression to end in the text too)."""
    if not pattern.pattern.endswith(r"(?![\w\-/]|\.\d)"):
        raise ValueError("the dates grammar must end with a look-ahead refusing a word character")
