"""The calendar dates of named holidays ("Christmas Day", "Easter Sunday", "Good Friday").

Each holiday in ``data/dates/holidays.tsv`` has a rule: a fixed day of the year, a number of days
from Western or Orthodox Easter, or the Nth weekday of a month. Easter is computed here with the
classical computus (the anonymous Gregorian algorithm, and Meeus' Julian algorithm for the
Orthodox date), so nothing is downloaded and no calendar package is needed. Lunar holidays (Eid,
Ramadan, Passover) are not listed: their dates need a lunar calendar and moon sighting.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["Holiday", "easter", "orthodox_easter"]


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


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` (Monday = 0) of the month; ``n = -1`` the last one."""
    days = [date(year, month, day) for day in range(1, calendar.monthrange(year, month)[1] + 1)
            if date(year, month, day).weekday() == weekday]
    return days[n - 1] if n > 0 else days[n]


@dataclass(frozen=True, slots=True)
class Holiday:
    """A holiday's rule: ``fixed`` (month, day), ``easter`` / ``orthodox_easter`` (offset in
    days), or ``nth_weekday`` (month, weekday, n)."""

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
                month, weekday, n = self.args
                return _nth_weekday(year, month, weekday, n)
        raise ValueError(f"unknown holiday rule {self.rule!r}")
