"""dateparser for the long tail: date entities spaCy found that our grammar does not cover.

Our grammar handles the phrases wire copy uses most, with their precision and tense. spaCy's
named-entity recogniser (already run by the parse, so free) also marks DATE entities; the few it
finds that our grammar left alone and that look like a date we could resolve — compound offsets
("1 month and 21 days ago", "a decade ago") or a month name with numbers in an unusual layout —
go to dateparser, a maintained parser (about half a millisecond a call, so only for these).

dateparser reads everything against a base date and turns durations into dates ("two years" ->
two years before the base), so each candidate is parsed against two different base dates: a
result that moves with the base is relative (and unknown when there is no publication date); a
result that stays put is absolute.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from dateparser.date import DateDataParser

from eventwire.dates.lexicon import lexicon
from eventwire.dates.resolve import Resolution, Tense, period_of, usable
from eventwire.records import Precision

__all__ = ["candidate", "parse"]

_PRECISIONS: dict[str, Precision] = {"day": "day", "week": "week", "month": "month",
                                     "year": "year"}
_OFFSET = re.compile(r"\b(?:ago|from now|hence)\s*$", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[A-Za-z]+")
_NOT_DATES = re.compile(r"\b(?:aged?|old|years?-old|anniversary|decades?\b(?!\s+ago))",
                        re.IGNORECASE)
_SHIFT = timedelta(days=400)  # second base date, far enough to move any relative reading


def candidate(text: str) -> bool:
    """Whether an uncovered DATE entity is worth handing to dateparser."""
    if _NOT_DATES.search(text) and not _OFFSET.search(text):
        return False
    if _OFFSET.search(text):
        return True
    months = lexicon().months
    has_month = any(w.lower() in months and w[:1].isupper() for w in _WORD.findall(text))
    return has_month and bool(_DIGIT.search(text))


def _read(text: str, base: date, prefer: str) -> tuple[date, str] | None:
    """dateparser's reading of ``text`` against ``base`` (taken as the end of that day)."""
    settings = {"PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": True, "DATE_ORDER": "DMY",
                "RELATIVE_BASE": datetime(base.year, base.month, base.day, 23, 59)}
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


def parse(text: str, published: date | None, tense: Tense) -> Resolution | None:
    """What dateparser makes of ``text``; None when it cannot read it as a date."""
    prefer = "future" if tense == "future" else "past"
    published = usable(published)
    anchor = published or date(2000, 1, 1)
    first = _read(text, anchor, prefer)
    if first is None:
        return None
    second = _read(text, anchor - _SHIFT, prefer)
    relative = second is None or second[0] != first[0]
    if relative and published is None:
        return Resolution(None, None, "unknown", True)
    day, period = first
    precision = _PRECISIONS.get(period, "day")
    value, end = period_of(day, precision)
    return Resolution(value, end if end != value else None, precision, relative)
