"""Find time expressions in text with one regular expression built from our word lists.

The text is scanned once (``finditer`` over a single alternation), never once per pattern. Each
match becomes an ``Expression``: what kind of phrase it is and the pieces it names (day, month,
year, weekday, unit, count, modifier), with the character span of the phrase itself (a leading
"on" / "in" is read but left out of the span). Whether the phrase is a date at all is decided here
from its form; what day it means is decided later, in ``resolve``, against the publication date.

What is deliberately not matched: ages ("aged 25", "25-year-old"), durations ("for three years",
"three weeks"), times of day on their own ("at 3 p.m."), decades ("the 1990s") and phrases counted
from another event rather than from publication ("two days later", "the previous day").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from eventwire.dates.lexicon import Lexicon, lexicon

__all__ = ["Expression", "scan"]

_YEAR = r"(?:1[89]|20)\d\d"
_LONG_YEAR = r"(?:1\d|20)\d\d"  # beside a month any year from 1000 reads as a year
_DAY = r"[0-3]?\d(?:st|nd|rd|th)?(?!\d)"
_UNITS = r"(?:day|week|fortnight|month|year)"
_COMMA = r"(?:\s*,\s*|\s+of\s+|\s+)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_PREPOSITIONS = ("on", "in", "during", "since", "until", "till", "by", "from", "before", "after",
                 "through", "throughout", "of", "at", "over", "between", "around", "as of", "for",
                 "to", "and")
# Month names that are also common lower-case words: a bare one must be capitalised.
_VERB_MONTHS = frozenset({"may", "march", "august"})
# A bare month or year is a date only after one of these (or a modifier such as "early").
_YEAR_PREPOSITIONS = frozenset({"in", "during", "since", "until", "till", "by", "from", "before",
                                "after", "through", "throughout", "of", "as of",
                                "between", "and", "to"})





@dataclass(frozen=True, slots=True)
class Expression:
    """One time phrase as written: its kind, the parts it names and where it is."""

    kind: str  # iso, numeric, date, month_year, year, relative_day, ago, period, weekend,
    # weekday, ordinal_day, month
    start: int
    end: int
    text: str
    preposition: str | None = None
    day: int | None = None
    day2: int | None = None  # last day of a range ("23-25 February")
    month: int | None = None
    year: int | None = None
    first: int | None = None  # numeric dates: the first and second numbers ("02/03/2022")
    second: int | None = None
    weekday: int | None = None
    unit: str | None = None  # day, week, month, year, weekend
    low: int | None = None  # count before the unit ("two weeks ago"); low < high when fuzzy
    high: int | None = None
    modifier: str | None = None  # last, this, next, earlier this, the past, early, mid, ...
    offsets: tuple[int, int] | None = None  # relative days: first and last day from publication
    sign: int = -1  # "ago" is -1, "from now" +1
    parts: tuple[tuple[int, str], ...] = ()  # "1 month 21 days ago": ((1, "month"), (21, "day"))


def _words(items: list[str]) -> str:
    """An alternation of literal words, longest first so "September" beats "Sep"."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+")
                    for w in sorted(items, key=lambda w: (-len(w), w)))


def _pattern(lex: Lexicon) -> re.Pattern[str]:
    """The one expression that finds every kind of time phrase we support."""
    month_full = _words([m for m in lex.months if m not in lex.month_abbr])
    month_all = rf"(?:{month_full}|(?:{_words(list(lex.month_abbr))})(?:\.(?!\w))?)"
    weekday_all = f"(?:{_words(list(lex.weekdays))})" + r"(?:\.(?!\w))?"
    weekday_full = _words([w for w in lex.weekdays if w not in lex.weekday_abbr])
    counts = _words(list(lex.counts))
    relative = _words(list(lex.relative_days))
    wd_prefix = rf"(?:(?P<wd_{{k}}>{weekday_all}),?\s+(?:the\s+)?)?"
    week = r"(?P<wk_{k}>next|last|this)\s+week"
    kinds = {
        "iso": rf"(?P<y_iso>{_YEAR})(?P<sep_iso>[-/.])(?P<m_iso>[01]?\d)(?P=sep_iso)"
               rf"(?P<d_iso>[0-3]?\d)(?![\d.\-/]\d|\d)",
        "numeric": r"(?P<a_numeric>[0-3]?\d)(?P<sep_numeric>[/.\-])(?P<b_numeric>[0-3]?\d)"
                   r"(?P=sep_numeric)(?P<y_numeric>\d{4}|\d{2})(?![\d.\-/]\d|\d)",
        "date": wd_prefix.format(k="date")
                + rf"(?:the\s+)?(?P<d_date>{_DAY})\.?(?:\s*(?:-|–|to|and)\s*(?P<d2_date>{_DAY}))?"
                  rf"\s+(?:of\s+)?(?P<m_date>{month_all})(?:{_COMMA}(?P<y_date>{_LONG_YEAR})(?!\d))?",
        "mdy": wd_prefix.format(k="mdy")
               + rf"(?P<m_mdy>{month_all})\s*[-/]?\s*(?:the\s+)?(?P<d_mdy>{_DAY})"
                 rf"(?:\s*(?:-|–)\s*(?P<d2_mdy>{_DAY}))?(?:{_COMMA}(?P<y_mdy>{_LONG_YEAR})(?!\d))?",
        "month_year": rf"(?:(?P<mod_month_year>early|mid|late)[\s-]+)?(?P<m_month_year>{month_all})"
                      rf",?\s+(?:of\s+)?(?P<y_month_year>{_LONG_YEAR})(?!\d)",
        "year": rf"(?:(?P<mod_year>early|mid|late|(?:the\s+)?year)[\s-]+)?(?P<y_year>{_YEAR})"
                r"(?![\d%]|[-–/]\d|s\b)",
        "ago": rf"(?P<n_ago>(?:(?:\d{{1,2}}|{counts})\s+{_UNITS}s?(?:,|\s+and)?\s+)*"
               rf"(?:\d{{1,2}}|{counts})\s+{_UNITS}s?)\s+(?P<dir_ago>ago|from\s+now)",
        "offset": rf"(?P<n_offset>\d{{1,2}}|{counts})\s+(?P<u_offset>{_UNITS})s?"
                  r"(?:['’]s?\s+time)?",
        "relative_day": rf"(?P<r_relative_day>{relative}){_PART}",
        "week_weekday": week.format(k="week_weekday") + rf"(?:\s+on)?\s+(?P<w_week_weekday>"
                        rf"{weekday_full})",
        "period": r"(?P<mod_period>last|this|next|coming|earlier\s+this|later\s+this|the\s+past"
                  r"|the\s+last|the\s+coming|earlier\s+in\s+the|later\s+in\s+the)\s+"
                  r"(?P<u_period>weekend|week|month|year)s?",
        "recent": r"(?:the\s+)?(?:past\s+few|last\s+few|recent)\s+"
                  r"(?P<u_recent>day|week|month|year)s",
        "weekend": r"the\s+weekend",
        "ordinal_day": rf"(?:(?P<w_ordinal_day>{weekday_full}),?\s+)?the\s+"
                       r"(?P<d_ordinal_day>[0-3]?\d)(?:st|nd|rd|th)",
        "weekday": rf"(?:(?P<mod_weekday>last|this|next|past|coming)\s+)?"
                   rf"(?P<w_weekday>{weekday_full}){_PART}(?:,?\s+(?:of\s+)?"
                   + week.format(k="weekday") + ")?",
        "month": r"(?:(?P<mod_month>last|this|next|early|mid|late|the\s+end\s+of|the\s+start\s+of"
                 rf"|the\s+beginning\s+of|the\s+middle\s+of)[\s-]+)?(?P<m_month>{month_full})",
    }
    body = "|".join(f"(?P<k_{name}>{pattern})" for name, pattern in kinds.items())
    preps = _words(list(_PREPOSITIONS))
    return re.compile(rf"(?<![\w.\-/])(?:(?P<prep>{preps})\s+)?(?P<body>{body})(?![\w\-/]|\.\d)",
                      re.IGNORECASE)


# Every phrase holds an anchor (a digit, a month name, a unit or day word) within _BEFORE
# characters of its start ("as of the beginning of March") and ends within _AFTER characters of
# its last anchor ("several days ago"), so the full expression only runs in windows around
# anchors: most of a news text is never tried.
_BEFORE = 30
_AFTER = 24
_UNIT_WORDS = ("day", "days", "week", "weeks", "weekend", "weekends", "fortnight", "fortnights",
               "month", "months", "year", "years", "night", "morning", "afternoon", "evening")
_WORD = re.compile(r"\d+|[^\W\d_]+")


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern[str], frozenset[str], tuple[str, ...]]:
    lex = lexicon()
    pattern = _pattern(lex)
    kinds = tuple(name[2:] for name in pattern.groupindex if name.startswith("k_"))
    anchors = set(_UNIT_WORDS) | set(lex.months) | set(lex.weekdays)
    anchors |= {word for phrase in lex.relative_days for word in phrase.split()}
    anchors -= {"the", "this", "last", "after", "before", "earlier", "later"}
    return pattern, frozenset(anchors), kinds


def _windows(anchors: frozenset[str], text: str) -> Iterator[tuple[int, int]]:
    """Merged ``[start, end)`` stretches of ``text`` around anchors (numbers and time words)."""
    start = end = -1
    for hit in _WORD.finditer(text):
        word = hit.group()
        if not (word[0].isdigit() or word.lower() in anchors):
            continue
        low, high = max(0, hit.start() - _BEFORE), min(len(text), hit.end() + _AFTER)
        if low > end:
            if end > start:
                yield start, end
            start = low
        end = max(end, high)
    if end > start:
        yield start, end


def scan(text: str) -> Iterator[Expression]:
    """Every time phrase in ``text``, in order, as written (not yet resolved)."""
    pattern, anchors, kinds = _compiled()
    lex = lexicon()
    for start, end in _windows(anchors, text):
        for match in pattern.finditer(text, start, end):
            kind = next(k for k in kinds if match.group(f"k_{k}") is not None)
            expression = _build(kind, match, lex, text)
            if expression is not None:
                yield expression


def _number(value: str | None) -> int | None:
    """The integer in "23", "23rd" or None."""
    if value is None:
        return None
    digits = re.match(r"\d+", value)
    return int(digits.group()) if digits else None


def _key(value: str) -> str:
    """Lower case, single spaces, no trailing dot: the form our word lists use."""
    return " ".join(value.lower().rstrip(".").split())


def _capitalised(word: str | None) -> bool:
    return word is None or word[:1].isupper()


def _build(kind: str, m: re.Match[str], lex: Lexicon, text: str) -> Expression | None:
    """The ``Expression`` for one match, or None when its form says it is not a date."""
    prep = _key(m.group("prep")) if m.group("prep") else None
    start, end = m.span("body")
    base = Expression(kind=kind, start=start, end=end, text=m.group("body"), preposition=prep)
    g = m.groupdict()
    month_word = g.get(f"m_{kind}")
    match kind:
        case "iso":
            return _replace(base, year=int(g["y_iso"]), month=int(g["m_iso"]), day=int(g["d_iso"]))
        case "numeric":
            return _replace(base, first=int(g["a_numeric"]), second=int(g["b_numeric"]),
                            year=_full_year(g["y_numeric"]))
        case "date" | "mdy":
            if g[f"y_{kind}"] is None and _next_word(text, end) in lex.name_heads:
                return None  # "May 18 Square", "the March 14 Alliance"
            return _replace(base, day=_number(g[f"d_{kind}"]), day2=_number(g[f"d2_{kind}"]),
                            month=lex.months[_key(month_word or "")],
                            year=_number(g[f"y_{kind}"]), kind="date")
        case "month_year":
            return _replace(base, month=lex.months[_key(month_word or "")],
                            year=int(g["y_month_year"]), modifier=_low(g["mod_month_year"]))
        case "year":
            if prep not in _YEAR_PREPOSITIONS and g["mod_year"] is None:
                return None  # "2014 people", a bare number
            return _replace(base, year=int(g["y_year"]), modifier=_low(g["mod_year"]))
        case "ago":
            return _ago(base, g["n_ago"], g["dir_ago"], lex)
        case "offset":  # "in three weeks": a date only in a future clause (checked later)
            if prep != "in":
                return None
            start = m.start("prep")  # "in three weeks": the "in" is what makes it a date
            phrase = _ago(base, f'{g["n_offset"]} {g["u_offset"]}', "from now", lex)
            return _replace(phrase, kind="ago", start=start, text=text[start:end],
                            modifier="in") if phrase else None
        case "relative_day":
            phrase = _key(g["r_relative_day"])
            return _replace(base, offsets=lex.relative_days[phrase], modifier=phrase)
        case "period":
            return _replace(base, unit=g["u_period"].lower(), modifier=_key(g["mod_period"]))
        case "recent":
            return _replace(base, kind="period", unit=g["u_recent"].lower(), modifier="recent")
        case "weekend":
            return _replace(base, unit="weekend")
        case "weekday":
            return _weekday(base, g, lex, text)
        case "ordinal_day":
            weekday = g["w_ordinal_day"]
            if prep != "on" and weekday is None:
                return None  # "the 23rd" alone may be a brigade or an anniversary
            return _replace(base, day=_number(g["d_ordinal_day"]),
                            weekday=lex.weekdays[_key(weekday)] if weekday else None)
        case "week_weekday":
            return _replace(base, kind="weekday", weekday=lex.weekdays[_key(g["w_week_weekday"])],
                            unit="week", modifier=_key(g["wk_week_weekday"]))
        case "month":
            if prep is None and g["mod_month"] is None:
                return None  # a bare "March" may be a name or a verb
            if _key(month_word or "") in _VERB_MONTHS and not _capitalised(month_word):
                return None  # "may", "march" as verbs
            return _replace(base, month=lex.months[_key(month_word or "")],
                            modifier=_low(g["mod_month"]))
    return None


def _weekday(base: Expression, g: dict[str, str | None], lex: Lexicon,
             text: str) -> Expression | None:
    """A weekday phrase, unless it is part of a name ("Bloody Sunday", "Good Friday")."""
    word = g["w_weekday"] or ""
    before = text[max(0, base.start - 20):base.start].split()
    after = text[base.end:base.end + 20].split()
    if g["mod_weekday"] is None and before and _key(before[-1]) in lex.not_weekdays:
        return None
    if after and _key(after[0].strip(".,;:'\"")) in lex.not_weekdays_after:
        return None
    if g["wk_weekday"]:  # "Tuesday next week": that weekday of that week
        return _replace(base, weekday=lex.weekdays[_key(word)], unit="week",
                        modifier=_key(g["wk_weekday"]))
    return _replace(base, weekday=lex.weekdays[_key(word)], modifier=_low(g["mod_weekday"]))


_AGO_PART = re.compile(rf"(\w+(?:\s+\w+){{0,2}}?)\s+({_UNITS})s?\b", re.IGNORECASE)


def _ago(base: Expression, amount: str, direction: str, lex: Lexicon) -> Expression | None:
    """"two weeks ago", "several days ago", "1 month and 21 days ago", "three days from now"."""
    parts = []
    for count, unit in _AGO_PART.findall(amount):
        count = re.sub(r"^(?:and|,)\s+", "", _key(count))
        if not count.isdigit() and count not in lex.counts:
            return None
        (low, high), unit = _count(count, lex), unit.lower()
        if unit == "fortnight":  # "a fortnight ago": two weeks
            low, high, unit = 2 * low, 2 * high, "week"
        parts.append(((low, high), unit))
    if not parts:
        return None
    sign = 1 if _key(direction) == "from now" else -1
    (low, high), unit = parts[-1]
    if len(parts) > 1 and any(lo != hi for (lo, hi), _u in parts):
        return None  # "a few months and several days ago": too vague to combine
    return _replace(base, unit=unit, low=low, high=high, sign=sign,
                    parts=tuple((lo, u) for (lo, _hi), u in parts))


def _next_word(text: str, end: int) -> str:
    """The lower-case word right after ``end`` (empty at a comma, full stop or the end)."""
    match = re.match(r"[ \t]+([A-Za-z]+)", text[end:end + 30])
    return match.group(1).lower() if match else ""


def _replace(base: Expression, **changes: Any) -> Expression:
    return replace(base, **changes)


def _low(value: str | None) -> str | None:
    return _key(value) if value else None


def _count(word: str, lex: Lexicon) -> tuple[int, int]:
    """The count in "2", "two" or "several" as a (low, high) range."""
    if word.isdigit():
        return int(word), int(word)
    return lex.counts[_key(word)]


def _full_year(digits: str) -> int:
    """A year from four digits, or from two (00-49 -> 2000s, 50-99 -> 1900s)."""
    value = int(digits)
    if len(digits) == 4:
        return value
    return 2000 + value if value < 50 else 1900 + value
