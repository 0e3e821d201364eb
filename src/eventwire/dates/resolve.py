"""Turn a time phrase into the calendar period it names, given the publication date and tense.

A resolution is a first day (``value``), a last day (``end``, only when the period is longer than
one day) and a precision: day, week, month or year. Phrases that need the publication date
("yesterday", "on Tuesday", "in March", "Feb. 23") are ``relative``; without a publication date
they resolve to nothing (precision "unknown"), never to today. The rules, and why, are in
``docs/dates.md``; the main ones:

- a weekday, a month or a day-and-month without a year is read backwards from publication in a
  past-tense sentence and forwards in a future one; unmarked, a month reads as past (news
  reports what happened) and a weekday or day-and-month takes the reading nearest publication;
- "last"/"next" force the direction and skip the current day or month;
- a fuzzy count ("several days ago") is the range from its largest to its smallest reading, with
  the next coarser precision (days -> week, weeks -> month, months/years -> year);
- a numeric date whose day and month could swap ("02/03/2022") takes the order the article
  shows elsewhere, else the reading nearer the publication date, else day-first; without a year
  ("on 4/5") it needs that order, else it is unknown;
- a holiday ("on Christmas Day", "Good Friday") is read like a day-and-month, its date computed
  for each candidate year (``holidays``);
- a range ("from Monday to Wednesday", "between March and May") reads its first end by the
  tense and its last end as the first such day on or after it, with the coarser precision of
  the two.
"""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date, timedelta
from typing import Literal

from eventwire.dates.grammar import Expression
from eventwire.dates.lexicon import lexicon
from eventwire.records import Precision, record

__all__ = ["Resolution", "Tense", "period_of", "resolve", "usable"]

Tense = Literal["past", "future", "none"]
_COARSER: dict[str, Precision] = {"day": "week", "week": "month", "month": "year",
                                  "year": "year"}
_UNIT: dict[str, Precision] = {"day": "day", "week": "week", "month": "month", "year": "year"}
# "recent days" reaches back a week, "recent weeks" four weeks, "recent months" six, ...
_RECENT_REACH: dict[str, tuple[Precision, int]] = {"day": ("week", 7), "week": ("month", 4),
                                                   "month": ("year", 6), "year": ("year", 5)}
# Publication dates we can count from: some years of room on each side of the calendar's limits.
_SAFE_FIRST, _SAFE_LAST = date(10, 1, 1), date(9990, 12, 31)
_ABSOLUTE_KINDS = frozenset({"iso", "numeric", "month_year", "year"})
_FINENESS: dict[str, int] = {"day": 0, "week": 1, "month": 2, "year": 3}


@record
class Resolution:
    """The period a phrase names; ``value`` None when it cannot be known."""

    value: date | None
    end: date | None
    precision: Precision
    relative: bool


_UNKNOWN = Resolution(None, None, "unknown", True)


def resolve(e: Expression, published: date | None, tense: Tense) -> Resolution | None:
    """The period ``e`` names, or None when it names no real day ("31 February")."""
    if e.kind == "range":
        return _range(e, published, tense)
    resolution = _point(e, published, tense)
    if resolution is not None and e.unit == "week" and e.kind == "date" and resolution.value:
        if e.modifier == "starting":  # "the week starting 4 February": seven days from it
            value, end = resolution.value, resolution.value + timedelta(days=6)
        else:
            value, end = period_of(resolution.value, "week")  # "the week of 12 May"
        return Resolution(value, end, "week", resolution.relative)
    return resolution


def _point(e: Expression, published: date | None, tense: Tense) -> Resolution | None:
    """The period of one phrase (not a range)."""
    if e.kind == "nth_week":
        return _nth_week(e, published, tense)
    if e.kind == "week_no" and e.year is not None:
        return _iso_week(e.year, e.low or 0, relative=False)
    if e.kind in _ABSOLUTE_KINDS or (e.kind in ("date", "holiday") and e.year is not None):
        return _absolute(e, published)
    published = usable(published)
    if published is None:
        return _UNKNOWN
    resolver = _RELATIVE[e.kind]
    return resolver(e, published, tense)


def usable(published: date | None) -> date | None:
    """The publication date if we can count from it; None if missing or at the calendar's edge."""
    if published is None or not _SAFE_FIRST <= published <= _SAFE_LAST:
        return None
    return published


# --------------------------------------------------------------------------------------------
# calendar helpers


def _day(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist."""
    if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return date(year, month, day)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def period_of(day: date, unit: str) -> tuple[date, date]:
    """The calendar day, ISO week (Monday-Sunday), month or year that holds ``day``."""
    if unit == "week":
        start = _week_start(day)
        return start, start + timedelta(days=6)
    if unit == "month":
        return day.replace(day=1), _month_end(day.year, day.month)
    if unit == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    return day, day


def _span(value: date, end: date, precision: Precision) -> Resolution:
    return Resolution(value, end if end != value else None, precision, True)


def _pick(candidates: list[date], published: date, backwards: bool, strict: bool) -> date:
    """The latest candidate before publication (or the earliest after, going forwards)."""
    if backwards:
        before = [c for c in candidates if c < published or (c == published and not strict)]
        return max(before) if before else min(candidates)
    after = [c for c in candidates if c > published or (c == published and not strict)]
    return min(after) if after else max(candidates)


def _by_tense(candidates: list[date], published: date, tense: Tense) -> date:
    """Which reading of a weekday or day-and-month: backwards in the past tense, forwards in the
    future, and in an unmarked clause the one nearest publication, the past on a tie ("the 19
    March elections" four days ahead rather than a year back; "completes his sentence Friday"
    read on a Wednesday is two days ahead)."""
    if tense == "none":
        return min(candidates, key=lambda c: (abs((c - published).days), c > published))
    return _pick(candidates, published, backwards=tense == "past", strict=False)


# --------------------------------------------------------------------------------------------
# absolute dates


def _absolute(e: Expression, published: date | None) -> Resolution | None:
    """Dates that carry their own year."""
    if e.kind == "year" and e.year is not None:
        return Resolution(date(e.year, 1, 1), date(e.year, 12, 31), "year", False)
    if e.kind == "month_year" and e.year is not None and e.month is not None:
        return Resolution(date(e.year, e.month, 1), _month_end(e.year, e.month), "month", False)
    if e.kind == "numeric":
        return _numeric(e, published)
    if e.kind == "holiday" and e.year is not None:
        periods = _holiday_periods(e, e.year)
        return _holiday_period(*periods[0], relative=False) if periods else None
    if e.year is None or e.month is None or e.day is None:
        return None
    value = _day(e.year, e.month, e.day)
    if value is None:
        return None
    end = _day(e.year, e.month, e.day2) if e.day2 is not None else None
    return Resolution(value, end if end is not None and end > value else None, "day", False)


def _numeric(e: Expression, published: date | None) -> Resolution | None:
    """"23/02/2022", "02/23/2022", "02/03/2022": the reading that exists, else the likelier."""
    if e.first is None or e.second is None or e.year is None:
        return None
    day_first = _day(e.year, e.second, e.first)
    month_first = _day(e.year, e.first, e.second)
    readings = [r for r in (day_first, month_first) if r is not None]
    if not readings:
        return None
    value = readings[0]
    if len(readings) == 2 and e.order is not None:
        value = readings[0] if e.order == "dmy" else readings[1]
    elif len(readings) == 2 and published is not None:
        value = min(readings, key=lambda r: abs((r - published).days))
    return Resolution(value, None, "day", False)


# --------------------------------------------------------------------------------------------
# relative phrases (publication date known)


def _day_month(e: Expression, published: date, tense: Tense) -> Resolution | None:
    """"Feb. 23", "23-25 February": the year that fits the tense."""
    if e.month is None or e.day is None:
        return None
    # eight years each way, so that "Feb. 29" finds a leap year on the right side (1900 was none)
    candidates = [d for y in range(published.year - 8, published.year + 9)
                  if (d := _day(y, e.month, e.day)) is not None]
    if not candidates:
        return None
    value = _by_tense(candidates, published, tense)
    end = _day(value.year, e.month, e.day2) if e.day2 is not None else None
    return _span(value, end if end is not None and end > value else value, "day")


def _numeric_md(e: Expression, published: date, tense: Tense) -> Resolution | None:
    """"on 4/22", "Friday 22/4": the order the numbers allow (or the article shows), then the
    year that fits the tense; unknown when the day and month could swap and nothing tells."""
    if e.first is None or e.second is None:
        return None
    if e.first == e.second or e.first > 12 or e.order == "dmy":
        day, month = e.first, e.second
    elif e.second > 12 or e.order == "mdy":
        day, month = e.second, e.first
    else:  # "on 4/5": April 5 or 4 May; a weekday may tell ("Friday 7/6"), else unknown
        readings = [_day_month(replace(e, day=d, month=m, day2=None), published, tense)
                    for d, m in ((e.first, e.second), (e.second, e.first))]
        fits = [r for r in readings if r is not None and r.value is not None
                and r.value.weekday() == e.weekday]
        return fits[0] if len(fits) == 1 else _UNKNOWN
    return _day_month(replace(e, day=day, month=month, day2=None), published, tense)


def _nth_week(e: Expression, published: date | None, tense: Tense) -> Resolution | None:
    """"the first week of March", "the last week of 2021": weeks run Monday to Sunday and
    belong, as ISO weeks do, to the month or year that holds their Thursday."""
    if e.day is None:
        return None
    if e.month is None:  # "the second week of 2021"
        if e.year is None:
            return None
        first, last, relative = date(e.year, 1, 1), date(e.year, 12, 31), False
    else:
        whole = _point(replace(e, kind="month_year" if e.year else "month", modifier=None),
                       published, tense)
        if whole is None or whole.value is None or whole.end is None:
            return whole
        first, last, relative = whole.value, whole.end, whole.relative
    thursdays = [first + timedelta(days=k) for k in range((last - first).days + 1)
                 if (first + timedelta(days=k)).weekday() == 3]
    if not -len(thursdays) <= (e.day - 1 if e.day > 0 else e.day) < len(thursdays):
        return None
    thursday = thursdays[e.day - 1 if e.day > 0 else e.day]
    start = thursday - timedelta(days=3)
    return Resolution(start, start + timedelta(days=6), "week", relative)


def _iso_week(year: int, number: int, relative: bool) -> Resolution | None:
    """ISO week ``number`` of ``year`` (Monday to Sunday; week 1 holds the year's first
    Thursday), or None when the year has no such week."""
    try:
        start = date.fromisocalendar(year, number, 1)
    except ValueError:
        return None
    return Resolution(start, start + timedelta(days=6), "week", relative)


def _week_number(e: Expression, published: date, tense: Tense) -> Resolution | None:
    """"week 23": that ISO week in the year the tense points to, read as a day-and-month is
    (its Monday counts): backwards in the past tense, forwards in the future, unmarked the
    nearest ("week 31" in a story of 2 July is four weeks ahead, not 48 back)."""
    weeks = {r.value: r for year in (published.year - 1, published.year, published.year + 1)
             if (r := _iso_week(year, e.low or 0, relative=True)) is not None
             and r.value is not None}
    if not weeks:
        return None
    return weeks[_by_tense(list(weeks), published, tense)]


def _day_of_month(e: Expression, published: date, tense: Tense) -> Resolution | None:
    """"the 20th of next month", "the 3rd of this month"."""
    if e.day is None:
        return None
    step = {"last": -1, "next": 1}.get(e.modifier or "", 0)
    month = _add_months(published.replace(day=1), step)
    value = _day(month.year, month.month, e.day)
    return _span(value, value, "day") if value is not None else None


def _holiday_periods(e: Expression, year: int) -> list[tuple[date, date]]:
    """The first and last day of each time the holiday ``e`` names falls in ``year`` (one day
    for most; a month for Ramadan; twice in a year for some Hijri dates)."""
    holiday = lexicon().holidays.get(e.holiday or "")
    return holiday.periods(year) if holiday is not None else []


def _holiday_period(first: date, last: date, relative: bool) -> Resolution:
    """A holiday's resolution: a day, or a month-long period ("during Ramadan")."""
    if first == last:
        return Resolution(first, None, "day", relative)
    return Resolution(first, last, "month", relative)


def _holiday(e: Expression, published: date, tense: Tense) -> Resolution | None:
    """"on Christmas Day", "last Easter", "during Ramadan": the holiday in the year the tense or
    modifier says (a period's first day counts)."""
    periods = dict(period for y in range(published.year - 2, published.year + 3)
                   for period in _holiday_periods(e, y))
    candidates = list(periods)
    if not candidates:
        return None
    if e.modifier == "last":
        value = _pick(candidates, published, backwards=True, strict=True)
    elif e.modifier == "next":
        value = _pick(candidates, published, backwards=False, strict=True)
    elif e.modifier == "this":
        value = min(candidates, key=lambda c: (abs(c.year - published.year), c))
    else:
        value = _by_tense(candidates, published, tense)
    return _holiday_period(value, periods[value], relative=True)


def _window(e: Expression, published: date, tense: Tense) -> Resolution | None:
    """"the past two weeks" (up to publication), "the next three days" (from the day after);
    precision the unit for one unit, the next coarser for more."""
    if e.unit is None or e.low is None or e.high is None:
        return None
    precision = _UNIT[e.unit] if e.high == 1 else _COARSER[e.unit]
    if e.modifier in ("next", "coming"):
        return _span(published + timedelta(days=1), _back(published, e.unit, -e.high),
                     precision)
    return _span(_back(published, e.unit, e.high), published, precision)


def _range(e: Expression, published: date | None, tense: Tense) -> Resolution | None:
    """"from Monday to Wednesday", "between March and May 2021", "from 2015 to 2018": the first
    end by the tense (taking the last end's year when only that has one), the last end as the
    first such day on or after the first; precision the coarser of the two."""
    if e.pair is None:
        return None
    first, last = _share_year(*e.pair)
    start, finish = _ends(first, last, published, tense)
    if start is None or start.value is None or finish is None or finish.value is None:
        return start if start is None or start.value is None else finish
    published = usable(published)
    if tense == "past" and start.relative and published is not None \
            and (finish.end or finish.value) > published:
        # "fighting raged between March and May", read in March: the last such stretch
        earlier = _ends(first, last, start.value - timedelta(days=1), tense)
        if earlier[0] is not None and earlier[1] is not None:
            start, finish = earlier
    if start.value is None or finish.value is None:
        return None
    end = finish.end or finish.value
    if end < start.value:
        return None
    precision = max(start.precision, finish.precision, key=lambda p: _FINENESS.get(p, 4))
    return Resolution(start.value, end if end != start.value else None, precision,
                      start.relative or finish.relative)


def _ends(first: Expression, last: Expression, published: date | None,
          tense: Tense) -> tuple[Resolution | None, Resolution | None]:
    """A range's two ends: the first by the tense, the last the first such on or after it."""
    start = resolve(first, published, tense)
    if start is None or start.value is None:
        return start, None
    return start, resolve(last, start.value, "future")


def _share_year(first: Expression, last: Expression) -> tuple[Expression, Expression]:
    """"between March and May 2021": the first end takes the last one's year (the year before
    when its month comes later: "from November to February 2022")."""
    if last.year is None or last.month is None or first.year is not None:
        return first, last
    if first.kind not in ("date", "month") or first.month is None:
        return first, last
    year = last.year - (first.month > last.month)
    kind = "month_year" if first.kind == "month" else "date"
    return replace(first, kind=kind, year=year), last


def _ordinal_day(e: Expression, published: date, tense: Tense) -> Resolution | None:
    """"on the 23rd": that day of the publication month, or of the month before/after."""
    if e.day is None:
        return None
    # "Friday the 15th" may lie a year away; a plain "the 15th" is within two months
    reach = range(-12, 13) if e.weekday is not None else range(-2, 3)
    candidates = [d for months in reach
                  if (d := _day((m := _add_months(published.replace(day=1), months)).year,
                                m.month, e.day)) is not None]
    if e.weekday is not None:  # "Friday the 15th": the month where the 15th is a Friday
        candidates = [d for d in candidates if d.weekday() == e.weekday] or candidates
    if not candidates:
        return None
    value = _by_tense(candidates, published, tense)
    return _span(value, value, "day")


def _ago(e: Expression, published: date, tense: Tense) -> Resolution | None:
    """"two weeks ago" (the period holding that day); "several days ago" (a range)."""
    if e.unit is None or e.low is None or e.high is None:
        return None
    if len(e.parts) > 1:  # "1 month and 21 days ago": an exact day
        day = published
        for count, unit in e.parts:
            day = _back(day, unit, -e.sign * count)
        return _span(day, day, "day")
    earliest = _back(published, e.unit, -e.sign * (e.high if e.sign < 0 else e.low))
    latest = _back(published, e.unit, -e.sign * (e.low if e.sign < 0 else e.high))
    if e.low == e.high:
        value, end = period_of(earliest, e.unit)
        return _span(value, end, _UNIT[e.unit])
    return _span(period_of(earliest, e.unit)[0], period_of(latest, e.unit)[1], _COARSER[e.unit])


def _back(published: date, unit: str, count: int) -> date:
    if unit == "day":
        return published - timedelta(days=count)
    if unit == "week":
        return published - timedelta(weeks=count)
    if unit == "month":
        return _add_months(published, -count)
    return _add_months(published, -12 * count)


def _relative_day(e: Expression, published: date, tense: Tense) -> Resolution | None:
    """"yesterday", "this morning", "overnight": fixed offsets from publication."""
    if e.offsets is None:
        return None
    first, last = e.offsets
    return _span(published + timedelta(days=first), published + timedelta(days=last), "day")


def _calendar_period(e: Expression, published: date, tense: Tense) -> Resolution | None:
    """"last week", "earlier this month", "the past year", "recent days", "this weekend"."""
    unit, modifier = e.unit, e.modifier or ""
    if unit is None:
        return None
    if unit == "weekend":
        return _weekend(published, tense, modifier)
    if modifier in ("the past", "the last", "recent"):
        return _rolling(published, unit, recent=modifier == "recent")
    step = _STEPS.get(modifier, 0)
    anchor = {"week": published + timedelta(weeks=step),
              "month": _add_months(published.replace(day=1), step),
              "year": published.replace(month=1, day=1).replace(year=published.year + step)}[unit]
    value, end = period_of(anchor, unit)
    if modifier in ("earlier this", "earlier in the"):
        end = published
    elif modifier in ("later this", "later in the"):
        value = published
    return _span(value, end, _UNIT[unit])


# How many weeks, months or years a period's modifier moves from the current one.
_STEPS = {"last": -1, "next": 1, "coming": 1, "after next": 2, "before last": -2}


def _rolling(published: date, unit: str, recent: bool) -> Resolution:
    """"the past week" (the seven days up to publication); "recent weeks" (a wider window)."""
    if not recent:
        return _span(_back(published, unit, 1), published, _UNIT[unit])
    precision, count = _RECENT_REACH[unit]
    return _span(_back(published, unit, count), published, precision)


def _weekend(published: date, tense: Tense, modifier: str) -> Resolution:
    """The Saturday-Sunday meant by "at the weekend", "last weekend", "this weekend"."""
    saturdays = [published + timedelta(days=5 - published.weekday() + 7 * k) for k in (-2, -1, 0)]
    saturdays.append(saturdays[-1] + timedelta(weeks=1))
    if modifier in ("last", "before last"):
        value = max(s for s in saturdays if s + timedelta(days=1) < published)
    elif modifier in ("next", "coming", "after next"):
        value = min(s for s in saturdays if s > published)
    else:
        value = _pick(saturdays, published, backwards=tense != "future", strict=False)
    # "the weekend after next" is a week after the next one; "before last" a week before
    value += timedelta(weeks={"after next": 1, "before last": -1}.get(modifier, 0))
    return _span(value, value + timedelta(days=1), "week")


def _weekday(e: Expression, published: date, tense: Tense) -> Resolution | None:
    """"on Tuesday": the latest Tuesday up to publication, or the next one in future tense."""
    if e.weekday is None:
        return None
    if e.unit == "week":  # "Tuesday next week", "last week on Sunday"
        step = {"last": -1, "next": 1}.get(e.modifier or "", 0)
        value = _week_start(published) + timedelta(weeks=step, days=e.weekday)
        return _span(value, value, "day")
    offset = (e.weekday - published.weekday()) % 7
    candidates = [published + timedelta(days=offset + 7 * k) for k in (-2, -1, 0, 1)]
    if e.modifier in ("last", "past"):
        value = _pick(candidates, published, backwards=True, strict=True)
    elif e.modifier in ("next", "coming"):
        value = _pick(candidates, published, backwards=False, strict=True)
    else:
        value = _by_tense(candidates, published, tense)
    return _span(value, value, "day")


def _month(e: Expression, published: date, tense: Tense) -> Resolution | None:
    """"in March", "last March", "early March": that month in the year the tense points to."""
    if e.month is None:
        return None
    starts = [date(y, e.month, 1) for y in (published.year - 1, published.year,
                                            published.year + 1)]
    this_month = published.replace(day=1)
    if e.modifier == "last":
        value = _pick(starts, this_month, backwards=True, strict=True)
    elif e.modifier == "next":
        value = _pick(starts, this_month, backwards=False, strict=True)
    elif e.modifier == "this":
        value = date(published.year, e.month, 1)
    else:
        value = _pick(starts, this_month, backwards=tense != "future", strict=False)
    return _span(value, _month_end(value.year, value.month), "month")


_RELATIVE = {
    "date": _day_month,
    "numeric_md": _numeric_md,
    "holiday": _holiday,
    "window": _window,
    "ordinal_day": _ordinal_day,
    "ago": _ago,
    "relative_day": _relative_day,
    "period": _calendar_period,
    "weekend": _calendar_period,
    "weekday": _weekday,
    "month": _month,
    "week_no": _week_number,
    "day_of_month": _day_of_month,
}
