"""The calendar dates of named holidays ("Christmas Day", "Easter Sunday", "Good Friday").

Each holiday in ``data/dates/holidays.tsv`` has a rule: a fixed day of the year, a number of days
from Western or Orthodox Easter, the Nth weekday of a month (and days after it), a number of
days from a date of the Hebrew or the Hijri calendar, a whole Hijri month (Ramadan), or a number
of days from the Chinese new year. Easter is computed here with the classical computus (the
anonymous Gregorian algorithm, and Meeus' Julian algorithm for the Orthodox date) and the Hebrew
calendar with its own arithmetic rules; nothing is downloaded at run time. Jewish holidays begin
at the sunset before the day given (the civil day calendars print). Islamic holidays (Eid
al-Fitr, Eid al-Adha, Ashura, ...) come from the Umm al-Qura calendar, Saudi Arabia's official
one, through ``hijridate`` (a table for 1343-1500 AH, 1924-2077; outside it no date, never a
guess): countries that go by a local moon sighting may keep a holiday a day earlier or later.
The Chinese lunar new year comes from a shipped table of its dates
(``data/dates/lunar_new_year.tsv``, 1901-2099), since the Chinese calendar rests on astronomy,
not on a rule we can state.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from hijridate import Gregorian, Hijri

__all__ = ["Holiday", "easter", "hanukkah", "hijri_dates", "hijri_month", "lunar_new_year",
           "orthodox_easter", "passover", "rosh_hashanah"]


def easter(year: int) -> date:
    """Western (Gregorian) Easter Sunday of ``year`` (anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return date(year, month, day + 1)


def orthodox_easter(year: int) -> date:
    """Orthodox Easter Sunday of ``year`` as a Gregorian date (Meeus' Julian computus)."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    julian = date(year, month, day + 1)
    # The Julian calendar runs behind the Gregorian: 13 days in 1900-2099.
    return julian + timedelta(days=year // 100 - year // 400 - 2)


# The Hebrew calendar is arithmetic: the new year (1 Tishrei) follows from the mean lunar
# conjunction ("molad") and four postponement rules, and every date after it from the lengths
# of the months, which the year's length fixes. Fourmilab's formulation (after Dershowitz and
# Reingold, "Calendrical Calculations"); days counted as in ``date.toordinal``.
_HEBREW_EPOCH = -1373428  # the day before 1 Tishrei AM 1 (7 October 3761 BCE, Julian)


def _hebrew_elapsed(year: int) -> int:
    """Days from the epoch to the molad of Tishrei of ``year``, with the first postponements."""
    months = (235 * year - 234) // 19
    parts = 12084 + 13753 * months
    day = months * 29 + parts // 25920
    return day + 1 if (3 * (day + 1)) % 7 < 3 else day


def _hebrew_delay(year: int) -> int:
    """The last postponements, which keep every year 353-355 or 383-385 days long."""
    last, present, following = (_hebrew_elapsed(y) for y in (year - 1, year, year + 1))
    if following - present == 356:
        return 2
    return 1 if present - last == 382 else 0


def rosh_hashanah(year: int) -> date:
    """1 Tishrei of the Hebrew year that begins in the autumn of Gregorian ``year``."""
    hebrew = year + 3761
    return date.fromordinal(_HEBREW_EPOCH + _hebrew_elapsed(hebrew) + _hebrew_delay(hebrew) + 1)


def passover(year: int) -> date:
    """15 Nisan (the first day of Passover) in the spring of Gregorian ``year``: Nisan to Elul
    always hold 177 days (30, 29, 30, 29, 30, 29), so 15 Nisan is 163 days before 1 Tishrei."""
    return rosh_hashanah(year) - timedelta(days=163)


def hanukkah(year: int) -> date:
    """25 Kislev (the first day of Hanukkah) late in Gregorian ``year``: Tishrei has 30 days,
    Heshvan 30 in a complete year (355 or 385 days) else 29."""
    start = rosh_hashanah(year)
    length = (rosh_hashanah(year + 1) - start).days
    return start + timedelta(days=30 + (30 if length % 10 == 5 else 29) + 24)


# The Umm al-Qura table of ``hijridate`` covers these Gregorian days (1 Muharram 1343 to
# 30 Dhu al-Hijjah 1500); a Hijri date outside them has no date here.
_HIJRI_FIRST, _HIJRI_LAST = date(1924, 8, 1), date(2077, 11, 16)


def _hijri_years(year: int) -> tuple[int, ...]:
    """The Hijri years that overlap Gregorian ``year`` (two, or three when a Hijri year lies
    wholly inside it), or none outside the Umm al-Qura table."""
    first, last = max(date(year, 1, 1), _HIJRI_FIRST), min(date(year, 12, 31), _HIJRI_LAST)
    if first > last:
        return ()
    low, high = (Gregorian.fromdate(d).to_hijri().year for d in (first, last))
    return tuple(range(low, high + 1))


def _hijri_day(year: int, month: int, day: int) -> date | None:
    """The Gregorian date of a Hijri day, or None outside the table or the month."""
    try:
        return date(*Hijri(year, month, day).to_gregorian().datetuple())
    except (OverflowError, ValueError):
        return None


def hijri_dates(year: int, month: int, day: int) -> list[date]:
    """Every Gregorian date in ``year`` of the Hijri day ``day`` of ``month`` (Umm al-Qura):
    one, sometimes two (Eid al-Fitr fell on 8 January and 27 December 2000), none outside
    1924-2077. The Hijri year is eleven days shorter, so a holiday walks back through the
    seasons."""
    found = (_hijri_day(hijri, month, day) for hijri in _hijri_years(year))
    return [d for d in found if d is not None and d.year == year]


def hijri_month(year: int, month: int) -> list[tuple[date, date]]:
    """The first and last Gregorian day of each Hijri ``month`` (Ramadan is 9) that begins in
    ``year``; the month is 29 or 30 days long."""
    spans = []
    for start in hijri_dates(year, month, 1):
        hijri = Gregorian.fromdate(start).to_hijri()
        spans.append((start, start + timedelta(days=hijri.month_length() - 1)))
    return spans


@lru_cache(maxsize=1)
def _lunar_new_years() -> dict[int, date]:
    """The shipped table of Chinese new year days, 1901-2099 (the calendar is astronomical)."""
    text = resources.files("eventwire").joinpath("data", "dates", "lunar_new_year.tsv")
    rows = (line.split("\t") for line in text.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#"))
    return {int(year): date.fromisoformat(day) for year, day in rows}


def lunar_new_year(year: int) -> date | None:
    """The first day of the Chinese lunar year that begins in Gregorian ``year`` (21 January to
    20 February), or None outside 1901-2099."""
    return _lunar_new_years().get(year)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` (Monday = 0) of the month; ``n = -1`` the last one."""
    days = [date(year, month, day) for day in range(1, calendar.monthrange(year, month)[1] + 1)
            if date(year, month, day).weekday() == weekday]
    return days[n - 1] if n > 0 else days[n]


@dataclass(frozen=True, slots=True)
class Holiday:
    """A holiday's rule: ``fixed`` (month, day), ``easter`` / ``orthodox_easter`` (offset in
    days), ``nth_weekday`` (month, weekday, n, and optionally days after it), ``tishrei`` /
    ``nisan`` / ``kislev`` (offset in days from 1 Tishrei, 15 Nisan, 25 Kislev), ``hijri``
    (Hijri month, day, and optionally an offset in days: "the eve of Eid al-Fitr" is 10 1 -1),
    ``hijri_month`` (a whole Hijri month: Ramadan) or ``lunar_new_year`` (offset in days)."""

    rule: str
    args: tuple[int, ...]

    def on(self, year: int) -> date | None:
        """The holiday's date in ``year`` (None outside the years its rule holds for). A Hijri
        holiday that falls twice in the year gives its first date; a whole month (Ramadan) is
        no one day, so None: ``periods`` gives it."""
        if self.rule == "hijri_month":
            return None
        days = self._days(year)
        return days[0] if days else None

    def periods(self, year: int) -> list[tuple[date, date]]:
        """Every first and last day the holiday has in ``year``: one day for most (first ==
        last), the whole month for ``hijri_month``, two entries when a Hijri date falls twice
        in the Gregorian year."""
        if self.rule == "hijri_month":
            return hijri_month(year, self.args[0]) if 1583 <= year <= 9999 else []
        return [(day, day) for day in self._days(year)]

    def _days(self, year: int) -> list[date]:
        """Every date of a one-day holiday in ``year``."""
        if not 1583 <= year <= 9999:  # the Gregorian computus and our tables start in 1583
            return []
        if self.rule == "hijri":
            month, day, *after = self.args
            shift = timedelta(days=sum(after))
            near = (year - 1, year, year + 1) if shift else (year,)  # an eve may cross 1 January
            return [d + shift for y in near for d in hijri_dates(y, month, day)
                    if (d + shift).year == year]
        one = self._one_day(year)
        return [one] if one is not None else []

    def _one_day(self, year: int) -> date | None:
        """The date of a holiday whose rule gives one day a year."""
        match self.rule:
            case "fixed":
                return date(year, *self.args)
            case "easter":
                return easter(year) + timedelta(days=self.args[0])
            case "orthodox_easter":
                return orthodox_easter(year) + timedelta(days=self.args[0])
            case "nth_weekday":
                month, weekday, n, *after = self.args
                return _nth_weekday(year, month, weekday, n) + timedelta(days=sum(after))
            case "tishrei":
                return rosh_hashanah(year) + timedelta(days=self.args[0])
            case "nisan":
                return passover(year) + timedelta(days=self.args[0])
            case "kislev":
                return hanukkah(year) + timedelta(days=self.args[0])
            case "lunar_new_year":
                first = lunar_new_year(year)
                return first + timedelta(days=self.args[0]) if first is not None else None
        raise ValueError(f"unknown holiday rule {self.rule!r}")
