"""Find the number phrases of a parsed document: the number, its qualifier, range and kind.

A phrase is the number itself plus what the text wraps around it: a qualifier before ("more
than", "around", "between ... and ..."), a currency sign, a percent sign or word, an age marker
("aged", "-year-old"), a qualifier after ("or more"). Dates, clock times, years and identifiers
("Resolution 2254") are dropped here, so later steps only see quantities.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from spacy.attrs import LIKE_NUM
from spacy.tokens import Doc

from eventwire.figures._lexicon import Lexicon
from eventwire.figures._numbers import Reading, read_number
from eventwire.nlp import lower_words
from eventwire.records import Qualifier, record

__all__ = ["Kind", "Phrase", "find_phrases"]

Kind = Literal["count", "fraction", "percent", "money", "age", "ordinal", "other"]

_LOWER = frozenset({"more than", "at least"})
_UPPER = frozenset({"less than", "at most", "up to"})
_JOINERS = frozenset({"and", "but", ",", "or"})


@record
class Phrase:
    """One number phrase: tokens ``[start, end)`` of the doc, the number within ``[num_start,
    num_end)``, and what was read from the words around it."""

    start: int
    end: int
    num_start: int
    num_end: int
    value: float
    qualifier: Qualifier = "exact"
    low: float | None = None
    high: float | None = None
    kind: Kind = "count"
    money: str | None = None  # ISO 4217 code when the phrase is an amount of money
    vague: bool = False
    age_unit: str | None = None  # "years", "months" ... for ages


def find_phrases(doc: Doc, lex: Lexicon) -> list[Phrase]:
    """Every number phrase of ``doc`` that may count something, in text order."""
    words = lower_words(doc)
    # ``like_num`` of every word as integer flags: asking each ``Token`` would make one per word
    like_num = doc.to_array(LIKE_NUM).tolist() if len(doc) else []
    starters = lex.starters
    # where a number may start (most words: nowhere), in one pass
    openings = [k for k, word in enumerate(words)
                if word in starters or word[:1].isdigit() or like_num[k]]
    phrases: list[Phrase] = []
    i = 0
    for k in openings:
        if k < i:
            continue  # inside the phrase just read
        i = k
        reading = _start(doc, words, i, lex)
        if reading is None:
            i += 1
            continue
        phrase = _wrap(doc, words, reading, lex)
        if phrase is not None and _keep(doc, words, phrase, lex):
            phrases.append(phrase)
        i = max(reading.end, phrase.end if phrase else i + 1)
    return _join_bounds(words, phrases)


def _join_bounds(words: list[str], phrases: list[Phrase]) -> list[Phrase]:
    """ "more than 100 and less than 300" / "at most 100 and at least 20": one range."""
    joined: list[Phrase] = []
    for phrase in phrases:
        if joined and _bounds_pair(words, joined[-1], phrase):
            first = joined.pop()
            low, high = sorted((first.value, phrase.value))
            joined.append(replace(first, end=phrase.end, num_end=phrase.num_end, value=low,
                                  low=low, high=high, qualifier="between"))
        else:
            joined.append(phrase)
    return joined


def _bounds_pair(words: list[str], first: Phrase, second: Phrase) -> bool:
    """Two one-sided bounds of opposite directions, joined by "and"/"but"/a comma."""
    directions = {first.qualifier in _LOWER, second.qualifier in _LOWER}
    one_sided = all(p.qualifier in _LOWER | _UPPER for p in (first, second))
    between = words[first.end:second.start]
    return (one_sided and directions == {True, False} and first.kind == second.kind
            and 0 < len(between) <= 2 and all(w in _JOINERS for w in between)
            and (first.qualifier in _LOWER) == (first.value < second.value))


def _start(doc: Doc, words: list[str], i: int, lex: Lexicon) -> Reading | None:
    """A number starting at token ``i`` that is worth looking at (``find_phrases`` calls this
    only where one may start: a numeral, or one of ``lex.starters``)."""
    if words[i] in lex.ordinals and words[i] not in lex.units:
        return _ordinal(doc, words, i, lex)
    reading = read_number(words, i, lex)
    if reading is None:
        return None
    if reading.vague and not _vague_ok(doc, words, reading):
        return None
    return _attached_scale(doc, words, reading, lex)


def _attached_scale(doc: Doc, words: list[str], reading: Reading, lex: Lexicon) -> Reading:
    """ "€10M", "$2.1bn" when the tokenizer split the suffix off the digits."""
    end = reading.end
    if (reading.numeral and end < len(words) and not doc[end - 1].whitespace_
            and words[end] in lex.scales and words[end] not in lex.word_scales
            and reading.scale == 1.0):
        scale = lex.scales[words[end]]
        return replace(reading, end=end + 1, value=reading.value * scale, scale=scale)
    return reading


def _ordinal(doc: Doc, words: list[str], i: int, lex: Lexicon) -> Reading | None:
    """ "third" is a fraction after a numerator ("a third of"), else an ordinal if NER says so."""
    reading = read_number(words, i, lex)
    if reading is not None and reading.fraction:
        return reading
    if doc[i].ent_type_ == "ORDINAL" and words[i] != "first":
        return Reading(i, i + 1, float(lex.ordinals[words[i]]), ordinal=True)
    return None


def _ordinal_not_fraction(doc: Doc, words: list[str], reading: Reading, lex: Lexicon) -> bool:
    """ "a third goal", "a fifth term": a singular denominator before the noun it modifies is an
    ordinal; "a third of the votes", "two-thirds" stay fractions."""
    word = words[reading.end - 1]
    if word not in lex.ordinals or word == "half" or reading.end >= len(words):
        return False
    after = doc[reading.end]
    return after.lower_ != "of" and after.pos_ in ("NOUN", "ADJ") and \
        words[reading.start] in ("a", "an")


def _vague_ok(doc: Doc, words: list[str], reading: Reading) -> bool:
    """ "hundreds" counts only when followed by "of" or tagged as a number ("test scores" not)."""
    after = words[reading.end] if reading.end < len(words) else ""
    return after == "of" or doc[reading.start].ent_type_ == "CARDINAL"


def _wrap(doc: Doc, words: list[str], reading: Reading, lex: Lexicon) -> Phrase | None:
    """Add what surrounds the number: range, currency, percent, age, qualifiers."""
    phrase = Phrase(reading.start, reading.end, reading.start, reading.end, reading.value,
                    low=reading.low, high=reading.high, vague=reading.vague)
    if reading.low is not None and reading.high is not None:
        phrase = replace(phrase, qualifier="between")
    if reading.fraction:
        phrase = replace(phrase, kind="fraction")
        if _ordinal_not_fraction(doc, words, reading, lex):
            word = words[reading.end - 1]
            return replace(phrase, value=lex.denominators[word], kind="ordinal")
    if reading.ordinal:
        return replace(phrase, kind="ordinal")
    phrase = _sign(words, phrase)
    phrase = _range(doc, words, reading, phrase, lex)
    phrase = _one_in(words, phrase, lex)
    phrase = _currency(words, phrase, lex)
    phrase = _percent(words, phrase, lex)
    phrase = _age(doc, words, phrase, lex)
    return _qualify(words, phrase, lex)


def _sign(words: list[str], phrase: Phrase) -> Phrase:
    """ "minus 20", "negative five": a number below zero."""
    if phrase.start > 0 and words[phrase.start - 1] in ("minus", "negative"):
        return replace(phrase, start=phrase.start - 1, value=-phrase.value)
    return phrase


def _range(doc: Doc, words: list[str], first: Reading, phrase: Phrase,
           lex: Lexicon) -> Phrase:
    """ "between 20 and 30", "from 20 to 30", "20-30", "two or three", "20 to 30 million"."""
    j = first.end
    if j + 1 >= len(words) or words[j] not in lex.range_words or first.vague or first.fraction:
        return phrase
    before = words[first.start - 1] if first.start > 0 else ""
    if words[j] == "and" and before != "between":
        return phrase
    second = read_number(words, j + 1, lex)
    if second is None or second.fraction or second.vague or second.ordinal:
        return phrase
    low = first.value
    if first.scale < second.scale and low * second.scale <= second.value:
        low *= second.scale
    if low >= second.value or (words[j] == "or" and second.value > 10 * max(low, 1)):
        return phrase
    start = first.start - 1 if before in ("between", "from") else first.start
    return replace(phrase, start=start, end=second.end, num_end=second.end, value=low, low=low,
                   high=second.value, qualifier="between")


def _one_in(words: list[str], phrase: Phrase, lex: Lexicon) -> Phrase:
    """ "one in five", "two out of three": a fraction."""
    j = phrase.num_end
    if phrase.kind != "count" or phrase.low is not None:
        return phrase
    gap = 1 if words[j:j + 1] == ["in"] else 2 if words[j:j + 2] == ["out", "of"] else 0
    if not gap or j + gap >= len(words):
        return phrase
    second = read_number(words, j + gap, lex)
    if second is None or second.fraction or second.vague or second.value <= phrase.value:
        return phrase
    return replace(phrase, end=second.end, num_end=second.end,
                   value=phrase.value / second.value, kind="fraction")


def _currency(words: list[str], phrase: Phrase, lex: Lexicon) -> Phrase:
    """A currency sign before ("$", "US$") or a currency word after ("euros")."""
    before = words[phrase.start - 1] if phrase.start > 0 else ""
    if before in lex.currency_before:
        return replace(phrase, start=phrase.start - 1, kind="money",
                       money=lex.currency_before[before])
    after = words[phrase.end] if phrase.end < len(words) else ""
    if after in lex.currency_symbols_after:
        return replace(phrase, end=phrase.end + 1, kind="money",
                       money=lex.currency_symbols_after[after])
    for size in (2, 1):
        key = tuple(words[phrase.end:phrase.end + size])
        word = words[phrase.end + size] if phrase.end + size < len(words) else ""
        if len(key) == size and key in lex.currency_adjectives and word in lex.currency_after:
            return replace(phrase, end=phrase.end + size + 1, kind="money",
                           money=lex.currency_adjectives[key])
    if after in lex.currency_after:
        value = phrase.value / 100 if after in lex.cent_words else phrase.value
        low = phrase.low / 100 if phrase.low is not None and after in lex.cent_words else phrase.low
        high = phrase.high / 100 if phrase.high is not None and after in lex.cent_words \
            else phrase.high
        return replace(phrase, end=phrase.end + 1, kind="money", money=lex.currency_after[after],
                       value=value, low=low, high=high)
    return phrase


def _percent(words: list[str], phrase: Phrase, lex: Lexicon) -> Phrase:
    """ "45%", "45 percent", "45 per cent", "three percentage points"."""
    if phrase.kind != "count":
        return phrase
    for size in (2, 1):
        key = tuple(words[phrase.end:phrase.end + size])
        if len(key) == size and key in lex.percent:
            return replace(phrase, end=phrase.end + size, kind="percent")
    return phrase


def _age(doc: Doc, words: list[str], phrase: Phrase, lex: Lexicon) -> Phrase:
    """ "aged 34", "a 34-year-old", "34 years old", "ten months old", "John Smith, 34, said"."""
    if phrase.kind != "count":
        return phrase
    for size in sorted({len(k) for k in lex.age_after}, reverse=True):
        key = tuple(words[phrase.end:phrase.end + size])
        if len(key) == size and key in lex.age_after:
            return replace(phrase, end=phrase.end + size, kind="age", age_unit=_age_unit(key))
    if phrase.value > 130:
        return phrase
    for size in (2, 1):
        key = tuple(words[max(phrase.start - size, 0):phrase.start])
        if len(key) == size and key in lex.age_before:
            after = words[phrase.end] if phrase.end < len(words) else ""
            if after in lex.time_units:  # "aged four months"
                return replace(phrase, start=phrase.start - size, end=phrase.end + 1,
                               kind="age", age_unit=_age_unit((after,)))
            return replace(phrase, start=phrase.start - size, kind="age", age_unit="years")
    if _appositive_age(doc, phrase):
        return replace(phrase, kind="age", age_unit="years")
    return phrase


def _age_unit(words: tuple[str, ...]) -> str:
    """The unit an age is given in ("ten months old" -> months)."""
    for word in words:
        stem = word.rstrip("s").split("-")[0]
        if stem in ("month", "week", "day"):
            return stem + "s"
    return "years"


def _appositive_age(doc: Doc, phrase: Phrase) -> bool:
    """ "Jane Doe, 41, a teacher": a bare whole number set off by commas after a person's name."""
    if phrase.num_end - phrase.num_start != 1 or phrase.start < 2 or phrase.value % 1:
        return False
    before, name = doc[phrase.start - 1], doc[phrase.start - 2]
    after = doc[phrase.end].text if phrase.end < len(doc) else ""
    return (before.text == "," and after in (",", ")", ";", "")
            and (name.ent_type_ == "PERSON" or name.pos_ == "PROPN"))


def _qualify(words: list[str], phrase: Phrase, lex: Lexicon) -> Phrase:
    """A qualifier before ("more than", "around") or after ("or more")."""
    if phrase.qualifier == "exact":
        for size in range(lex.longest_before, 0, -1):
            start = phrase.start - size
            key = tuple(words[max(start, 0):phrase.start])
            if start >= 0 and key in lex.qualifiers_before:
                phrase = replace(phrase, start=start, qualifier=lex.qualifiers_before[key])
                break
    if phrase.qualifier in ("exact", "about"):
        for size in (2, 1):
            key = tuple(words[phrase.end:phrase.end + size])
            if len(key) == size and key in lex.qualifiers_after:
                return replace(phrase, end=phrase.end + size,
                               qualifier=lex.qualifiers_after[key])
    return phrase


def _keep(doc: Doc, words: list[str], phrase: Phrase, lex: Lexicon) -> bool:
    """Drop years, dates, clock times, identifiers, the pronoun "one" and "the second half"."""
    if phrase.kind in ("money", "percent", "age"):
        return True
    if _half_of_a_game(words, phrase, lex):
        return False
    year = _is_year(words, phrase) and (doc[phrase.num_start].ent_type_ == "DATE"
                                         or not _noun_follows(doc, phrase))
    if year or _is_clock(doc, words, phrase, lex):
        return False
    if _near_month(words, phrase, lex) or _is_identifier(doc, words, phrase, lex):
        return False
    return not _pronoun_one(words, phrase, lex)


def _is_year(words: list[str], phrase: Phrase) -> bool:
    """A lone four-digit numeral 1000-2199 (not "3,000", not "2000 people" - checked later)."""
    word = words[phrase.num_start]
    if phrase.num_end - phrase.num_start != 1 or not word.isdigit() or len(word) != 4:
        return bool(phrase.num_end - phrase.num_start == 1 and word.endswith("s")
                    and word[:-1].isdigit())
    return 1000 <= int(word) <= 2199


def _half_of_a_game(words: list[str], phrase: Phrase, lex: Lexicon) -> bool:
    """ "in the second half", "at half time": "half" as a noun, not a share."""
    if words[phrase.num_start] != "half" or phrase.num_end - phrase.num_start != 1:
        return False
    before = words[phrase.start - 1] if phrase.start > 0 else ""
    after = words[phrase.end] if phrase.end < len(words) else ""
    return before in ("the", "each", "every", "this", "that", "other") or \
        before in lex.ordinals or after in ("time", "-", "way")


def _is_clock(doc: Doc, words: list[str], phrase: Phrase, lex: Lexicon) -> bool:
    """ "10:30", "at 9 pm", "0600 GMT": a time of day."""
    if phrase.kind == "fraction":
        return False
    after = words[phrase.end] if phrase.end < len(words) else ""
    before = words[phrase.start - 1] if phrase.start > 0 else ""
    number = words[phrase.num_start]
    return (":" in number or after in lex.clock_words
            or (doc[phrase.num_start].ent_type_ == "TIME" and before == "at"))


def _noun_follows(doc: Doc, phrase: Phrase) -> bool:
    """ "2000 people": a noun right after the number, so it is a count, not a year."""
    return phrase.end < len(doc) and doc[phrase.end].pos_ == "NOUN"


def _near_month(words: list[str], phrase: Phrase, lex: Lexicon) -> bool:
    """ "May 4", "4 May", "the 4th of July": a day of the month."""
    window = words[max(phrase.num_start - 2, 0):phrase.num_start] + \
        words[phrase.num_end:phrase.num_end + 2]
    day = len(words[phrase.num_start]) <= 4 and phrase.value <= 31
    return day and any(w in lex.months for w in window) and phrase.kind != "fraction"


def _is_identifier(doc: Doc, words: list[str], phrase: Phrase, lex: Lexicon) -> bool:
    """ "Resolution 2254", "Flight 17", "No. 10": a number naming the noun before it."""
    if phrase.start == 0 or phrase.kind == "fraction":
        return False
    before = doc[phrase.start - 1]
    if words[phrase.start - 1] in lex.identifier_heads:
        return True
    number = doc[phrase.num_end - 1]
    return (before.pos_ == "PROPN" and number.head.i < number.i
            and number.dep_ in ("nummod", "appos", "npadvmod", "compound")
            and before.ent_type_ not in ("PERSON", "NORP"))


def _pronoun_one(words: list[str], phrase: Phrase, lex: Lexicon) -> bool:
    """ "the one who", "no one", "one another"."""
    if words[phrase.num_start] != "one" or phrase.num_end - phrase.num_start != 1:
        return False
    before = words[phrase.start - 1] if phrase.start > 0 else ""
    after = words[phrase.end] if phrase.end < len(words) else ""
    return before in lex.not_one or after in ("another", "'s", "who")
