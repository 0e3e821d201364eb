"""The word lists of the dates stage, read once from ``eventwire/data/dates/``.

They are ours and versioned with the engine: months and weekdays (full names and abbreviations),
count words ("two", "several"), ordinal words ("third", "twenty-first"), cardinal words read as
days after a month ("May twenty one"), named holidays with
the rule that dates them ("Christmas Day", "Good Friday"), the day words resolved by a fixed
offset ("yesterday", "overnight") and the words that turn a weekday or a holiday into a name
("Bloody Sunday", "Sunday Times", "Easter Island").
Lookups are dict and set lookups; the grammar builds its one regular expression from these lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from eventwire.dates.holidays import Holiday

__all__ = ["Lexicon", "lexicon"]

_PACKAGE = "eventwire"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Every word list the dates stage uses, keyed by lower-case text."""

    months: dict[str, int]  # "january", "jan" -> 1
    month_abbr: frozenset[str]  # the abbreviations, which never stand alone
    weekdays: dict[str, int]  # "tuesday", "tues" -> 1 (Monday = 0)
    weekday_abbr: frozenset[str]
    counts: dict[str, tuple[int, int]]  # "two" -> (2, 2), "several" -> (2, 7)
    relative_days: dict[str, tuple[int, int]]  # "overnight" -> (-1, 0)
    not_weekdays: frozenset[str]  # "bloody" (Bloody Sunday), "good" (Good Friday)
    not_weekdays_after: frozenset[str]  # "times" (the Sunday Times)
    name_heads: frozenset[str]  # "square" (May 18 Square), "movement" (the April 6 Movement)
    ordinals: dict[str, int]  # "third" -> 3, "twenty-first" -> 21
    cardinal_days: dict[str, int]  # "twenty one" -> 21 (a day only right after a month)
    holidays: dict[str, Holiday]  # "good friday" -> Holiday("easter", (-2,))
    not_holidays_after: frozenset[str]  # "island" (Easter Island), "agreement"


def _rows(name: str) -> list[list[str]]:
    """The non-comment rows of a tab-separated data file."""
    text = resources.files(_PACKAGE).joinpath("data", "dates", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The word lists, loaded on first use and shared afterwards."""
    months = _rows("months.tsv")
    weekdays = _rows("weekdays.tsv")
    return Lexicon(
        months={word: int(number) for word, number, _kind in months},
        month_abbr=frozenset(word for word, _n, kind in months if kind == "abbr"),
        weekdays={word: int(number) for word, number, _kind in weekdays},
        weekday_abbr=frozenset(word for word, _n, kind in weekdays if kind == "abbr"),
        counts={word: (int(low), int(high)) for word, low, high in _rows("counts.tsv")},
        relative_days={phrase: (int(first), int(last))
                       for phrase, first, last in _rows("relative_days.tsv")},
        not_weekdays=frozenset(row[0] for row in _rows("not_weekdays.txt")),
        not_weekdays_after=frozenset(row[0] for row in _rows("not_weekdays_after.txt")),
        name_heads=frozenset(row[0] for row in _rows("name_heads.txt")),
        ordinals={word: int(day) for word, day in _rows("ordinals.tsv")},
        cardinal_days={word: int(day) for word, day in _rows("cardinal_days.tsv")},
        holidays={name: Holiday(rule, tuple(int(a) for a in args))
                  for name, rule, *args in _rows("holidays.tsv")},
        not_holidays_after=frozenset(row[0] for row in _rows("not_holidays_after.txt")),
    )
