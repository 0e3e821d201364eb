"""The calendar dates of named holidays ("Christmas Day", "Easter Sunday", "Good Friday").

Each holiday in ``data/dates/holidays.tsv`` has a rule: a fixed day of the year, a number of days
from Western or Orthodox Easter, the Nth weekday of a month (and days after it), or a number of
days from a date of the Hebrew calendar. Easter is computed here with the classical computus (the
anonymous Gregorian algorithm, and Meeus' Julian algorithm for the Orthodox date) and the Hebrew
calendar with its own arithmetic rules, so nothing is downloaded and no calendar package is
needed. Jewish holidays begin at the sunset before the day given (the civil day calendars
print). Islamic and Chinese lunar holidays (Eid, Ramadan, Lunar New Year) are not listed: their
dates rest on moon sighting or astronomical tables, not on a rule we can state.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["Holiday", "easter", "hanukkah", "orthodox_easter", "passover", "rosh_hashanah"]


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


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` (Monday = 0) of the month; ``n = -1`` the last one."""
    days = [date(year, month, day) for day in range(1, calendar.monthrange(year, month)[1] + 1)
            if date(year, month, day).weekday() == weekday]
    return days[n - 1] if n > 0 else days[n]


@dataclass(frozen=True, slots=True)
class Holiday:
    """A holiday's rule: ``fixed`` (month, day), ``easter`` / ``orthodox_easter`` (offset in
    days), ``nth_weekday`` (month, weekday, n, and optionally days after it), or ``tishrei`` /
    ``nisan`` / ``kislev`` (offset in days from 1 Tishrei, 15 Nisan, 25 Kislev)."""

    rule: str
    args: tuple[int, ...]

    def on(self, year: int) -> date | None:
        """The holiday's date in ``year`` (None outside the years its rule holds for)."""
        if not 1583 <= year <= 9999:  # the Gregorian computus and our tables start in 1583
            return None
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
        raise ValueError(f"unknown holiday rule {self.rule!r}")
