"""Find time expressions in text with one regular expression built from our word lists.

The text is scanned once with a single alternation, never once per pattern, and only where a
match can be: in windows around anchor words (numbers, months, "day", "week", ...), and there
only at the words a match can begin with (``gate`` lists them from the expression itself). Each
match becomes an ``Expression``: what kind of phrase it is and the pieces it names (day, month,
year, weekday, unit, count, modifier), with the character span of the phrase itself (a leading
"on" / "in" is read but left out of the span). Whether the phrase is a date at all is decided here
from its form; what day it means is decided later, in ``resolve``, against the publication date.

Two readings need the whole text, so ``scan`` makes them after the phrases are found: a range
("from Monday to Wednesday", "between March and May", "from 2015 to 2018") joins its two ends into
one ``range`` expression, and a numeric date whose day and month could swap ("4/5", "02/03/2022")
takes the order the article itself shows elsewhere ("23/02/2022" is day-first), if it shows one.

What is deliberately not matched: ages ("aged 25", "25-year-old"), durations ("for three years",
"three weeks"), times of day on their own ("at 3 p.m."), decades ("the 1990s") and phrases counted
from another event rather than from publication ("two days later", "the previous day").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from typing import Any

from eventwire.dates import gate
from eventwire.dates.lexicon import Lexicon, lexicon
from eventwire.records import record

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





@record
class Expression:
    """One time phrase as written: its kind, the parts it names and where it is."""

    kind: str  # iso, numeric, numeric_md, date, month_year, year, relative_day, ago, period,
    # window, weekend, weekday, ordinal_day, month, holiday, nth_week, week_no, day_of_month,
    # range
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
    holiday: str | None = None  # "good friday": a key of the holiday list
    order: str | None = None  # numeric dates: "dmy" or "mdy" when the article shows its order
    pair: tuple[Expression, Expression] | None = None  # a range's two ends


def _words(items: list[str]) -> str:
    """An alternation of literal words, longest first so "September" beats "Sep"."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+")
                    for w in sorted(items, key=lambda w: (-len(w), w)))


def _holiday_words(items: list[str]) -> str:
    """Holiday names as an alternation; an apostrophe may be typed straight or curly."""
    return _words(items).replace("'", "['’]")


def _pattern(lex: Lexicon) -> re.Pattern[str]:
    """The one expression that finds every kind of time phrase we support."""
    day = rf"(?:{_DAY}|{_words(list(lex.ordinals))}(?![\w-]))"
    holidays = _holiday_words(list(lex.holidays))
    month_full = _words([m for m in lex.months if m not in lex.month_abbr])
    month_all = rf"(?:{month_full}|(?:{_words(list(lex.month_abbr))})(?:\.(?!\w))?)"
    weekday_all = f"(?:{_words(list(lex.weekdays))})" + r"(?:\.(?!\w))?"
    weekday_full = _words([w for w in lex.weekdays if w not in lex.weekday_abbr])
    counts = _words(list(lex.counts))
    relative = _words(list(lex.relative_days))
    wd_prefix = rf"(?:(?P<wd_{{k}}>{weekday_all}),?\s+(?:the\s+)?)?"
    week = r"(?P<wk_{k}>next|last|this)\s+week"
    kinds = {
        "week_of": r"(?:(?:the\s+)?week\s+(?P<w_week_of>of|starting|beginning|commencing)"
                   rf"(?:\s+on)?|(?P<wc_week_of>w/c))\s+(?:(?P<d_week_of>{day})\s+(?:of\s+)?"
                   rf"(?P<m_week_of>{month_all})|(?P<m2_week_of>{month_all})\s+"
                   rf"(?P<d2_week_of>{day}))"
                   rf"(?:{_COMMA}(?P<y_week_of>{_LONG_YEAR})(?!\d))?",
        "nth_week": r"(?:the\s+)?(?P<n_nth_week>first|second|third|fourth|fifth|last|final|"
                    r"[1-5](?:st|nd|rd|th))\s+week\s+of\s+(?:(?P<m_nth_week>"
                    rf"{month_all})(?:,?\s+(?:of\s+)?(?P<y_nth_week>{_LONG_YEAR})(?!\d))?"
                    rf"|(?P<y2_nth_week>{_YEAR})(?!\d))",
        "week_no": r"(?:the\s+)?week\s+(?P<n_week_no>[1-5]?\d)(?!\d|[.,:/]\d)"
                   rf"(?:(?:\s+of|,)?\s+(?P<y_week_no>{_LONG_YEAR})(?!\d))?",
        "day_of_month": rf"the\s+(?P<d_day_of_month>{day})(?:\s+day)?\s+of\s+"
                        r"(?P<mod_day_of_month>this|next|last)\s+month",
        "holiday": rf"(?:(?P<mod_holiday>last|this|next)\s+)?(?P<h_holiday>{holidays})"
                   rf"(?:,?\s+(?P<y_holiday>{_LONG_YEAR})(?!\d))?",
        "iso": rf"(?P<y_iso>{_YEAR})(?P<sep_iso>[-/.])(?P<m_iso>[01]?\d)(?P=sep_iso)"
               rf"(?P<d_iso>[0-3]?\d)(?![\d.\-/]\d|\d)",
        "numeric": r"(?P<a_numeric>[0-3]?\d)(?P<sep_numeric>[/.\-])(?P<b_numeric>[0-3]?\d)"
                   r"(?P=sep_numeric)(?P<y_numeric>\d{4}|\d{2})(?![\d.\-/]\d|\d)",
        "numeric_md": r"(?P<a_numeric_md>[0-3]?\d)/(?P<b_numeric_md>[0-3]?\d)(?![\d/])",
        "date": wd_prefix.format(k="date")
                + rf"(?P<the_date>the\s+)?(?P<d_date>{day})\.?(?:\s*(?:-|–|to|and)\s*(?:the\s+)?"
                  rf"(?P<d2_date>{day}))?"
                  rf"\s+(?:day\s+of\s+|of\s+)?(?P<m_date>{month_all})"
                  rf"(?:{_COMMA}(?P<y_date>{_LONG_YEAR})(?!\d))?",
        "mdy": wd_prefix.format(k="mdy")
               + rf"(?P<m_mdy>{month_all})\s*[-/]?\s*(?:the\s+)?(?:(?P<d_mdy>{day})|"
                 rf"(?P<c_mdy>{_words(list(lex.cardinal_days))})(?![\w-]|[ \t]+[a-z]))"
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
        "far_period": r"the\s+(?P<u_far_period>weekend|week|month|year)\s+"
                      r"(?P<mod_far_period>after\s+next|before\s+last)",
        "recent": r"(?:the\s+)?(?:past\s+few|last\s+few|recent)\s+"
                  r"(?P<u_recent>day|week|month|year)s",
        "window": rf"(?:the\s+)?(?P<dir_window>past|last|next|coming|previous)\s+"
                  rf"(?P<n_window>\d{{1,3}}|{counts})\s+(?P<u_window>hour|day|week|month|year)s?"
                  r"(?!\s+of\b)",
        "weekend": r"the\s+weekend",
        "ordinal_day": rf"(?:(?P<w_ordinal_day>{weekday_all}),?\s+)?(?P<the_ordinal_day>the\s+)?"
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


Word = tuple[int, int, str]  # a run of digits or of letters: start, end, text


@record
class _Grammar:
    """The compiled grammar: the expression and what lets the scanner try it seldom."""

    pattern: re.Pattern[str]
    kinds: tuple[str, ...]
    anchors: frozenset[str]  # lower-case words that put a window around them
    find_anchors: re.Pattern[str]  # numbers and anchor words, in lower-cased text
    ascii_anchors: re.Pattern[str]  # anchor words after a non-letter, in lower-cased ASCII
    leads: gate.Leads  # the words a match may begin with (``gate``)


@lru_cache(maxsize=1)
def _compiled() -> _Grammar:
    lex = lexicon()
    pattern = _pattern(lex)
    gate.check(pattern)
    kinds = tuple(name[2:] for name in pattern.groupindex if name.startswith("k_"))
    anchors = set(_UNIT_WORDS) | set(lex.months) | set(lex.weekdays)
    anchors |= {word for phrase in lex.relative_days for word in phrase.split()}
    anchors |= {w for name in lex.holidays if not anchors & set(words := _WORD.findall(name))
                for w in words if len(w) > 3}  # "easter"; "Good Friday" has "friday" already
    anchors -= {"the", "this", "last", "after", "before", "earlier", "later"}
    words = _trie(anchors)
    find_anchors = re.compile(rf"\d+|(?<![^\W\d_])(?:{words})(?![^\W\d_])")
    ascii_anchors = re.compile(rf"[^a-z]({words})(?![a-z])")
    return _Grammar(pattern, kinds, frozenset(anchors), find_anchors, ascii_anchors,
                    gate.cached_lead_words(pattern.pattern, pattern.flags))


def _trie(words: set[str]) -> str:
    """An alternation of ``words`` sharing prefixes ("ma(?:rch|y)"), which the regular
    expression engine tries far faster than a flat list."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: dict[str, dict]) -> str:
    alternatives = [re.escape(char) + _branches(child)
                    for char, child in sorted(node.items()) if char]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
    return f"(?:{body})?" if "" in node else body


_ASCII_NUMBER = re.compile(r"[0-9]+")


def _anchor_spans(grammar: _Grammar, text: str) -> Iterator[tuple[int, int]]:
    """Where the numbers and anchor words of ``text`` are, in order. ASCII text: two scans
    that the regular-expression engine runs fastest (one starting at a non-letter, which it
    finds quickly); else one scan of the lower-cased text when lowering keeps every character
    in place (almost always), else word by word."""
    lowered = text.lower()
    if text.isascii():
        words = [(hit.start(1) - 1, hit.end(1) - 1)
                 for hit in grammar.ascii_anchors.finditer(" " + lowered)]
        yield from sorted(words + [hit.span() for hit in _ASCII_NUMBER.finditer(text)])
        return
    if len(lowered) == len(text):
        for hit in grammar.find_anchors.finditer(lowered):
            yield hit.span()
        return
    for hit in _WORD.finditer(text):
        word = hit.group()
        if word[0].isdigit() or word.lower() in grammar.anchors:
            yield hit.span()


def _windows(grammar: _Grammar, text: str) -> Iterator[tuple[int, int]]:
    """Merged ``[start, end)`` stretches of ``text`` around anchors (numbers and time words)."""
    start = end = -1
    for at, stop in _anchor_spans(grammar, text):
        low, high = max(0, at - _BEFORE), min(len(text), stop + _AFTER)
        if low > end:
            if end > start:
                yield start, end
            start = low
        end = max(end, high)
    if end > start:
        yield start, end


def scan(text: str) -> Iterator[Expression]:
    """Every time phrase in ``text``, in order, as written (not yet resolved); the two ends of
    a range joined into one, numeric dates told the article's day/month order."""
    found = list(_phrases(text))
    order = _numeric_order(found)
    if order is not None:
        found = [replace(e, order=order) if e.kind in ("numeric", "numeric_md") else e
                 for e in found]
    return iter(_ranges(found, text))


def _phrases(text: str) -> Iterator[Expression]:
    """Every phrase the one expression finds, in the windows around anchor words."""
    grammar = _compiled()
    lex = lexicon()
    for start, end in _windows(grammar, text):
        for match in _matches(grammar, text, start, end):
            kind = next(k for k in grammar.kinds if match.group(f"k_{k}") is not None)
            expression = _build(kind, match, lex, text)
            if expression is not None:
                yield expression


def _matches(grammar: _Grammar, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text, start, end)`` finds, trying the expression only at the
    words a match can begin with (the same matches, for a fraction of the time). The words are
    read within ``[start, end)``, as the expression sees them."""
    words = [(hit.start(), hit.end(), hit.group()) for hit in _WORD.finditer(text, start, end)]
    resume = start
    for i, (at, _stop, _word) in enumerate(words):
        if at < resume or not gate.may_start(grammar.leads, words, i):
            continue
        match = grammar.pattern.match(text, at, end)
        if match is not None:
            resume = match.end()
            yield match


def _numeric_order(found: list[Expression]) -> str | None:
    """The day/month order the article's own numeric dates show ("23/02/2022" is day-first,
    "02/23/2022" month-first), or None when none shows it (or they disagree)."""
    orders = set()
    for e in found:
        if e.kind in ("numeric", "numeric_md") and e.first is not None and e.second is not None:
            if e.first > 12 >= e.second:
                orders.add("dmy")
            elif e.second > 12 >= e.first:
                orders.add("mdy")
    return orders.pop() if len(orders) == 1 else None


# The ends a range may join, and the words between them ("from X to Y", "between X and Y").
_RANGE_ENDS = frozenset({"date", "weekday", "month", "month_year", "year", "iso", "numeric",
                         "numeric_md", "holiday"})
_RANGE_OPENERS = {"from": ("to", "until", "till", "through"), "between": ("and",)}


def _ranges(found: list[Expression], text: str) -> list[Expression]:
    """``found`` with each "from X to Y" / "between X and Y" pair joined into one range, and
    a phrase that takes in the one before ("Friday 4/3") in its place."""
    joined: list[Expression] = []
    for e in found:
        first = joined[-1] if joined else None
        if first is not None and e.start <= first.start:  # "Friday 4/3" takes in its "Friday"
            joined[-1] = replace(e, preposition=first.preposition or e.preposition)
        elif first is not None and _joins(first, e, text):
            start = first.start
            joined[-1] = Expression(kind="range", start=start, end=e.end, text=text[start:e.end],
                                    preposition=first.preposition, pair=(first, e))
        else:
            joined.append(e)
    return joined


def _joins(first: Expression, second: Expression, text: str) -> bool:
    """Whether ``first`` and ``second`` are the two ends of one range."""
    if first.kind not in _RANGE_ENDS or second.kind not in _RANGE_ENDS:
        return False
    closers = _RANGE_OPENERS.get(first.preposition or "")
    between = text[first.end:second.start].split()
    return closers is not None and len(between) == 1 and between[0].lower() in closers


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
        case "numeric_md":
            return _numeric_md(base, g, lex, text)
        case "date" | "mdy":
            if g[f"y_{kind}"] is None and _next_word(text, end) in lex.name_heads:
                return None  # "May 18 Square", "the March 14 Alliance"
            day_text = g[f"d_{kind}"] or ""
            if kind == "mdy" and g["c_mdy"] is not None:  # "May twenty one", "Jan two, 2018"
                # (the expression refuses a word after it: "in May twenty-one soldiers died")
                if _key(month_word or "") in _VERB_MONTHS and not _capitalised(month_word):
                    return None
                day_text = str(lex.cardinal_days[_key(g["c_mdy"])])
            elif not day_text[:1].isdigit() and not _spoken_date_ok(kind, g, month_word, text,
                                                                    start):
                return None  # "a third of March's rain", "they may second the motion"
            return _replace(base, day=_day_number(day_text, lex),
                            day2=_day_number(g[f"d2_{kind}"], lex),
                            month=lex.months[_key(month_word or "")],
                            year=_number(g[f"y_{kind}"]), kind="date")
        case "week_of":  # "the week of 12 May": the (ISO) week holding that day; "the week
            # starting 4 February", "w/c 4 Feb": the seven days from that day
            month_word = g["m_week_of"] or g["m2_week_of"] or ""
            starting = g["wc_week_of"] is not None or _key(g["w_week_of"] or "") != "of"
            return _replace(base, kind="date", unit="week",
                            modifier="starting" if starting else None,
                            day=_day_number(g["d_week_of"] or g["d2_week_of"], lex),
                            month=lex.months[_key(month_word)], year=_number(g["y_week_of"]))
        case "week_no":  # "week 23", "in week 10 of 2021": an ISO week number
            number = int(g["n_week_no"])
            if not 1 <= number <= 53 or (g["y_week_no"] is None and _next_word(text, end) == "of"):
                return None  # "week 3 of the war" counts from another event
            return _replace(base, unit="week", low=number, year=_number(g["y_week_no"]))
        case "day_of_month":  # "the 20th of next month"
            return _replace(base, day=_day_number(g["d_day_of_month"], lex),
                            modifier=_key(g["mod_day_of_month"]))
        case "holiday":
            return _holiday(base, g, lex, text)
        case "nth_week":  # "the first week of March", "the last week of 2021"
            nth = _key(g["n_nth_week"])
            month = lex.months[_key(month_word)] if month_word else None
            return _replace(base, unit="week", day=-1 if nth in ("last", "final") else
                            _day_number(nth, lex), month=month,
                            year=_number(g["y_nth_week"] or g["y2_nth_week"]))
        case "window":
            low, high = _count(_key(g["n_window"]), lex)
            unit = g["u_window"].lower()
            if unit == "hour":  # "the past 48 hours": the days those hours touch
                low, high, unit = -(-low // 24), -(-high // 24), "day"
            return _replace(base, unit=unit, low=low, high=high,
                            modifier=_key(g["dir_window"]))
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
        case "far_period":  # "the week after next", "the year before last"
            return _replace(base, kind="period", unit=g["u_far_period"].lower(),
                            modifier=_key(g["mod_far_period"]))
        case "recent":
            return _replace(base, kind="period", unit=g["u_recent"].lower(), modifier="recent")
        case "weekend":
            return _replace(base, unit="weekend")
        case "weekday":
            return _weekday(base, g, lex, text)
        case "ordinal_day":
            weekday = g["w_ordinal_day"]
            if weekday is None and (prep != "on" or g["the_ordinal_day"] is None):
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


def _day_number(value: str | None, lex: Lexicon) -> int | None:
    """The day in "23", "23rd" or "twenty-third"."""
    if value is None or value[:1].isdigit():
        return _number(value)
    return lex.ordinals.get(_key(value).replace(" ", "-")) or lex.ordinals.get(_key(value))


# Words before "third of March" that make it a fraction ("a third of March's rain").
_FRACTION_HEADS = frozenset({"a", "an", "one", "two", "three", "four", "five", "six", "seven",
                             "eight", "nine", "ten", "every", "each", "per", "half", "quarter"})


def _spoken_date_ok(kind: str, g: dict[str, str | None], month_word: str | None, text: str,
                    start: int) -> bool:
    """Whether a day written as an ordinal word reads as a date: "the third of March", "twenty
    second of June", but not a fraction ("a third of March's rain", "two thirds of May"); and
    "May second" needs a capital May."""
    if kind == "date":
        if g["the_date"] is not None or g["wd_date"] is not None:
            return True
        before = text[max(0, start - 20):start].split()
        return not before or _key(before[-1]) not in _FRACTION_HEADS
    return _key(month_word or "") not in _VERB_MONTHS or _capitalised(month_word)


# Numerals that name an event rather than a day of the current year.
_NAMED_NUMERALS = frozenset({"9/11"})
# A year-less numeric date ("on 4/22") needs one of these before it (or a weekday): a bare
# "3/4" is more often a fraction or a score.
_NUMERIC_PREPOSITIONS = frozenset({"on", "since", "until", "till", "by", "from", "before",
                                   "after", "through", "between", "and", "to"})


def _numeric_md(base: Expression, g: dict[str, str | None], lex: Lexicon,
                text: str) -> Expression | None:
    """"on 4/22", "Friday 22/4": a day and month in numbers, without a year. A weekday right
    before it is read from the text (cheaper than one more optional prefix in the pattern)."""
    if base.text in _NAMED_NUMERALS:
        return None
    before = re.search(r"([A-Za-z]+)\.?,?\s+$", text[max(0, base.start - 12):base.start])
    weekday = lex.weekdays.get(before.group(1).lower()) if before else None
    if base.preposition not in _NUMERIC_PREPOSITIONS and weekday is None:
        return None
    first, second = int(g["a_numeric_md"] or 0), int(g["b_numeric_md"] or 0)
    if not (1 <= first <= 31 and 1 <= second <= 31) or min(first, second) > 12:
        return None
    start = base.start - len(before.group(0)) if weekday is not None and before else base.start
    return _replace(base, first=first, second=second, weekday=weekday, start=start,
                    text=text[start:base.end])


def _holiday(base: Expression, g: dict[str, str | None], lex: Lexicon,
             text: str) -> Expression | None:
    """"on Christmas Day", "Easter 2019", "last Good Friday"; not "Easter Island" or "the
    Good Friday Agreement" (a word after it that makes it a name; spaCy's entities catch more)."""
    year, modifier = _number(g["y_holiday"]), _low(g["mod_holiday"])
    if base.preposition is None and year is None and modifier is None:
        return None  # "Christmas shopping", "the Easter Rising": no preposition, no date
    if year is None and _next_word(text, base.end) in lex.not_holidays_after:
        return None
    name = _key(g["h_holiday"] or "").replace("’", "'")
    return _replace(base, holiday=name, year=year, modifier=modifier)


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
