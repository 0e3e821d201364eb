"""Benchmark the dates stage: ACLED event dates, Microsoft Recognizers date specs, and speed.

Run: ``.venv/bin/python benchmarks/dates.py [--limit N] [--part NAME ...] [--misses FAMILY]``
(N caps each part's cases; parts: acled, specs, muc, speed).

1. ACLED 2022 dev notes (``shared/eval/acled/``): the event date we give the note's first sentence
   against ACLED's ``event_date`` (target >= 97%). Two ways of picking it — ``when`` with the
   sentence's root verb as the trigger, and simply the first date mention — and two publication
   dates: none (notes have none, so only phrases that carry their year can resolve), and, stated
   as an assumption, the event date + 3 days (a report a few days later).
2. Microsoft Recognizers-Text English DateTime specs (``shared/eval/numbers/...``): every gold
   phrase of type date / date range, sorted into phrase families by a rough classifier of the
   gold phrase (ours, for the report only; the families docs/dates.md says we read are marked
   ``*``, with their share of all phrases). Scored are the phrases whose gold answer is a day, a
   week, a month, a year or a dated range (timex YYYY-MM-DD, XXXX-MM-DD, XXXX-WXX-D, YYYY-MM,
   XXXX-MM, YYYY, YYYY-Wnn, (start,end,PnX)) without a before/after modifier, resolved against
   the spec's reference date; by file and by family, split into a dev half (even case
   positions in each file) and a check half (odd). Ours runs end to end on the sentence (find +
   resolve); dateparser alone is run twice: given the gold phrase (its best case) and end to
   end (``search_dates``). Where the spec gives a past and a future reading, either counts.
   ``--misses FAMILY`` (or ``all``) lists our misses on the dev half.
3. MUC-3/4 dev (``shared/eval/muc34/raw/dev``): upper-case Latin American wire stories of
   1989-90 whose answer keys give each incident's date; the share of exact key dates ("30 DEC
   89") found among our resolved day mentions, with the publication date read from the story's
   dateline ("SAN SALVADOR, 3 JAN 90 --"): relative phrases ("yesterday"), year rollover ("on 30
   December" in a January story), beside dateparser's search_dates on the same texts.
4. Speed on the LGL local-news articles (``shared/eval/geo/lgl.xml``): time per article of the
   dates stage against the spaCy parse of the same texts, and dateparser per phrase.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import json
import re
import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from dateparser.date import DateDataParser
from dateparser.search import search_dates

from eventwire import dates, nlp
from eventwire.records import Article, DateMention, Found

SHARED = Path(__file__).resolve().parents[2] / "shared"
EVAL = SHARED / "eval"
SPECS = EVAL / "numbers" / "ms_recognizers_text_specs_en" / "DateTime" / "English"
SPEC_FILES = ("DateParser.json", "DateTimeModel.json", "MergedParser.json")
ACLED_TARGET = 97.0
PARTS = ("acled", "specs", "muc", "speed")
REPORT_DELAY = timedelta(days=3)
SUPPORTED_TIMEX = re.compile(
    r"^(?:\d{4}-\d\d-\d\d|XXXX-\d\d-\d\d|XXXX-WXX-\d|\d{4}-\d\d|XXXX-\d\d|\d{4}|\d{4}-W\d\d"
    r"|\((?:\d{4}|XXXX)-\d\d-\d\d,(?:\d{4}|XXXX)-\d\d-\d\d,P\d+[DWMY]\))$")


def pct(hits: int, total: int) -> str:
    return f"{100 * hits / total:5.1f}%" if total else "  n/a"


# --------------------------------------------------------------------------------------------
# 1. ACLED


def acled(limit: int | None) -> None:
    """Event dates of ACLED notes, by selection rule and publication-date assumption."""
    with (EVAL / "acled" / "acled_2022_dev.csv").open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["notes"].strip()][:limit]
    docs = nlp.parse_many(r["notes"] for r in rows)
    hits: dict[tuple[str, str], int] = {}
    misses: list[str] = []
    for row, doc in zip(rows, docs, strict=True):
        gold = date.fromisoformat(row["event_date"])
        sentence = next(iter(doc.sents))
        for mode, published in (("none", None), ("+3 days", gold + REPORT_DELAY)):
            article = Article(id=row["event_id_cnty"], text=row["notes"], published=published)
            found = Found(dates=dates.extract(doc, article, Found()))
            picks = {"when(root)": dates.when(sentence, sentence.root.idx, found, article),
                     "first mention": found.dates[0] if found.dates else None}
            for rule, mention in picks.items():
                ok = _is_day(mention, gold)
                hits[(rule, mode)] = hits.get((rule, mode), 0) + ok
                if not ok and rule == "when(root)" and mode == "none" and len(misses) < 8:
                    misses.append(f"  {gold}  got {_show(mention)}  | {row['notes'][:90]}")
    print(f"\n== ACLED 2022 dev notes: event date = ACLED event_date ({len(rows)} notes) ==")
    print(f"{'rule':<15}{'publication date':<20}{'ours':>8}{'target':>9}")
    for (rule, mode), n in sorted(hits.items()):
        label = "none" if mode == "none" else "event date + 3 days"
        print(f"{rule:<15}{label:<20}{pct(n, len(rows)):>8}{ACLED_TARGET:>8.1f}%")
    if misses:
        print("first misses (when(root), no publication date):")
        print("\n".join(misses))


def _is_day(mention: DateMention | None, gold: date) -> bool:
    return mention is not None and mention.precision == "day" and mention.value == gold


def _show(mention: DateMention | None) -> str:
    if mention is None:
        return "None"
    return f"{mention.value} {mention.precision} {mention.text!r}"


# --------------------------------------------------------------------------------------------
# 2. Microsoft Recognizers-Text specs


@dataclass(frozen=True)
class Gold:
    """One expected date phrase: where it is and the readings the spec accepts."""

    start: int
    end: int
    text: str
    days: frozenset[date]  # accepted single days (precision day)
    periods: frozenset[tuple[date, date]]  # accepted periods, end inclusive


@dataclass(frozen=True)
class Item:
    """One gold date phrase of a spec file, scorable (``gold``) or not (``gold`` None)."""

    file: str
    index: int  # position of the case in its file: even = dev half, odd = check half
    case: dict
    text: str
    family: str
    gold: Gold | None


# Phrase families, told apart by the gold phrase's form (our own rough classifier, for the
# report only). The order matters: the first family whose test passes wins.
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?"
_ORDINAL_WORD = (r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh"
                 r"|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth"
                 r"|nineteenth|twentieth|thirtieth|twenty[\s-]?\w+|thirty[\s-]?\w+)")
_FAMILIES: tuple[tuple[str, str], ...] = (
    ("holiday", r"christmas|easter|new year|thanksgiving|halloween|valentine|independence day"
                r"|labou?r day|memorial day|boxing day|black friday|eid|ramadan|good friday"
                r"|mother'?s day|father'?s day|yuandan|all saints|groundhog|st\.? patrick"),
    ("bounded or modified", r"^(?:before|after|since|until|till|by|no later|later than|"
                            r"sooner than|starting|beginning|more than|less than|within|"
                            r"[<>]|.* or (?:later|after|earlier|before))|to date"),
    ("quarter, half, season, decade", r"\bq[1-4]\b|quarter|\bh[12]\b|half|summer|winter|"
                                      r"spring|autumn|fall\b|decade|century|\d0\s?s\b"
                                      r"|school year|fiscal|\bcy|\bfy"),
    ("week of / nth week", r"week of|week starting|\bw/c\b|(?:first|second|third|fourth|last|"
                           r"\d(?:st|nd|rd|th))\s+week|\bweek \d"),
    ("range", r"\bbetween\b|\bfrom\b.*\b(?:to|till|until|through|-)\b|\bthrough\b|"
              r"[~–]|\d\s*-\s*\d.*(?:\d\s*-\s*\d)|" + _MONTH + r"\s*-\s*" + _MONTH
              + r"|\d(?:st|nd|rd|th)?\s*(?:-|to)\s*\d+(?:st|nd|rd|th)?\s+(?:of\s+)?"
              + _MONTH + r"|" + _MONTH + r"\s+\d+\s*-\s*\d+$|\b\d{4}\s*-\s*\d{4}$"),
    ("counted from another day", r"\b(?:later|after|before|from|since)\b.*|following|next day"
                                 r"|day before|the day$|previous day"),
    ("offset (ago, from now, in N)", r"\bago\b|from now|^in (?:\d+|a|an|one|two|three|"
                                     r"four|five|six|seven|eight|nine|ten)\b"),
    ("rolling window (past / next N)", r"(?:past|last|next|coming|previous|upcoming)\s+"
                                       r"(?:\d+|few|couple|two|three|four|five|several)\b|"
                                       r"\d+\s+(?:next|upcoming)"),
    ("ordinal words", r"\b" + _ORDINAL_WORD + r"\b(?!\s+(?:week|quarter|monday|tuesday|"
                      r"wednesday|thursday|friday|saturday|sunday))"),
    ("spelled-out year", r"\b(?:thousand|nineteen|eighty|ninety|seventy|sixty)\b"),
    ("numeric, no year", r"^(?:" + _WEEKDAY + r"\s+|next\s+|this\s+\w+\s+)?"
                         r"\d{1,2}\s*[/.\-]\s*\d{1,2}$"),
    ("numeric with year", r"^\d{1,4}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*\d{1,4})?$"),
    ("day words", r"^(?:the\s+)?(?:today|tonight|tomorrow|yesterday|day after tomorrow|"
                  r"day before yesterday|this day|otd)$"),
    ("period (this/last/next ...)", r"\b(?:this|last|next|coming|earlier this|later this|"
                                    r"later in the|the past|previous|current)\s+(?:working\s+)?"
                                    r"(?:week|month|year|weekend)\b|^(?:the\s+)?(?:weekend"
                                    r"|week|month|year)$"),
    ("weekday", r"^(?:(?:on|this|last|next|coming|past|previous|this past|this upcoming)\s+)?"
                + _WEEKDAY + r"(?:\s+(?:of\s+)?(?:next|last|this)\s+week)?$|^(?:next|last|this)"
                r"\s+week\s+(?:on\s+)?" + _WEEKDAY + r"$"),
    ("day and month", r"\d.*" + _MONTH + r"|" + _MONTH + r".*\d{1,2}(?:st|nd|rd|th)?\b(?!\d)"
                      r"|\b\d{1,2}(?:st|nd|rd|th)\b"),
    ("month or year", r"^(?:in\s+|early\s+|mid-?\s*|late\s+|(?:the\s+)?year\s+|last\s+|"
                      r"next\s+|this\s+)?(?:" + _MONTH + r"\b[\s,/-]*(?:of\s+)?(?:\d{2,4})?|"
                      r"\d{4}[\s,/-]*" + _MONTH + r"?)$"),
)
_FAMILY_PATTERNS = tuple((name, re.compile(rx, re.IGNORECASE)) for name, rx in _FAMILIES)
# The families docs/dates.md says we read (in news form: capitalised months, prepositions).
CLAIMED = frozenset({"holiday", "week of / nth week", "range", "offset (ago, from now, in N)",
                     "rolling window (past / next N)", "ordinal words", "numeric, no year",
                     "numeric with year", "day words", "period (this/last/next ...)",
                     "weekday", "day and month", "month or year"})


def _family(text: str) -> str:
    """The phrase family of a gold phrase (the first family whose pattern matches)."""
    return next((name for name, rx in _FAMILY_PATTERNS if rx.search(text.strip())), "other")


def _items() -> list[Item]:
    """Every gold date / date-range phrase of the spec files, scorable or not."""
    items = []
    for name in SPEC_FILES:
        cases = json.loads((SPECS / name).read_text(encoding="utf-8-sig"))
        for index, case in enumerate(cases):
            for result in case.get("Results", []):
                kind = result.get("TypeName") or result.get("Type") or ""
                if not kind.endswith(("date", "daterange")):
                    continue
                items.append(Item(name, index, case, result["Text"], _family(result["Text"]),
                                  _gold(result)))
    return items


def _gold(result: dict) -> Gold | None:
    """The scorable readings of one spec result (see the module docstring), else None."""
    start = result["Start"]
    end = result["End"] + 1 if "End" in result else start + result["Length"]
    value = result.get("Value") or result.get("Resolution") or {}
    return _readings(value, start, end, result["Text"])


def _readings(value: dict, start: int, end: int, text: str) -> Gold | None:
    days: set[date] = set()
    periods: set[tuple[date, date]] = set()
    if "Timex" in value:  # DateParser format
        if not SUPPORTED_TIMEX.match(value["Timex"]):
            return None
        for key in ("FutureResolution", "PastResolution"):
            day = value.get(key, {}).get("date")
            if day and not day.startswith("0001"):
                days.add(date.fromisoformat(day))
            first, last = value.get(key, {}).get("startDate"), value.get(key, {}).get("endDate")
            if first and last and not first.startswith("0001"):
                periods.add((date.fromisoformat(first),
                             date.fromisoformat(last) - timedelta(days=1)))
    for item in value.get("values", []):
        if not SUPPORTED_TIMEX.match(item.get("timex", "")) or "Mod" in item:
            return None
        if "value" in item and item["value"] != "not resolved":
            days.add(date.fromisoformat(item["value"][:10]))
        elif "start" in item and "end" in item:
            first, last = date.fromisoformat(item["start"]), date.fromisoformat(item["end"])
            periods.add((first, last - timedelta(days=1)))
    if not days and not periods:
        return None
    return Gold(start, end, text, frozenset(days), frozenset(periods))


def _reference(case: dict) -> date:
    stamp = case.get("Context", {}).get("ReferenceDateTime", "2016-11-07T00:00:00")
    return datetime.fromisoformat(stamp).date()


def _ours_right(mentions: tuple[DateMention, ...], gold: Gold) -> tuple[bool, bool]:
    """(exact, lenient): the same day or period; or our period holds the gold day or lies
    within the gold period (the leniency the dateparser columns get)."""
    for m in mentions:
        span = m.spans[0]
        if span.start < gold.end and gold.start < span.end and m.value is not None:
            last = m.end or m.value
            if m.precision == "day" and m.end is None:
                return m.value in gold.days, m.value in gold.days or any(
                    a <= m.value <= b for a, b in gold.periods)
            exact = (m.value, last) in gold.periods
            holds = any(m.value <= d <= last for d in gold.days) or any(
                a <= m.value and last <= b for a, b in gold.periods)
            return exact, exact or holds or _last_end_excluded(m, gold)
    return False, False


def _last_end_excluded(m: DateMention, gold: Gold) -> bool:
    """Whether our range is the gold one except that the spec leaves out its last end (it reads
    "between 2007 and 2009" as 2007-2008, "from 2 July to 10 July" as 2-9 July)."""
    if m.value is None or m.end is None:
        return False
    last = {"year": m.end.replace(month=1, day=1), "month": m.end.replace(day=1)}.get(
        m.precision, m.end)
    return any(a == m.value and b + timedelta(days=1) == last for a, b in gold.periods)


def _search_right(case: dict, gold: Gold, reference: date) -> bool:
    """dateparser end to end: its ``search_dates`` over the sentence finds and reads the phrase."""
    base = datetime(reference.year, reference.month, reference.day)
    found = search_dates(case["Input"], languages=["en"],
                         settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}) or []
    want = gold.text.lower()
    for text, moment in found:
        if text.lower() in want or want in text.lower():
            day = moment.date()
            return day in gold.days or any(a <= day <= b for a, b in gold.periods)
    return False


def _dateparser_right(gold: Gold, reference: date) -> bool:
    base = datetime(reference.year, reference.month, reference.day)
    for prefer in ("past", "future"):
        settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer,
                    "RETURN_TIME_AS_PERIOD": True}
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(gold.text)
        if data.date_obj is None:
            continue
        day = data.date_obj.date()
        if data.period == "day" and (day in gold.days
                                     or any(a <= day <= b for a, b in gold.periods)):
            return True
        if data.period in ("week", "month", "year") and any(a <= day <= b
                                                            for a, b in gold.periods):
            return True
    return False


@dataclass
class Tally:
    """Hits of each system on a set of scorable items, by half."""

    n: list[int]  # dev, check
    ours: list[int]
    lenient: list[int]
    theirs: list[int]
    searched: list[int]

    @classmethod
    def empty(cls) -> Tally:
        return cls([0, 0], [0, 0], [0, 0], [0, 0], [0, 0])

    def add(self, half: int, ours: bool, lenient: bool, theirs: bool, searched: bool) -> None:
        for column, hit in ((self.n, True), (self.ours, ours), (self.lenient, lenient),
                            (self.theirs, theirs), (self.searched, searched)):
            column[half] += hit

    def row(self) -> str:
        n = sum(self.n)
        return (f"{pct(self.ours[0], self.n[0]):>8}{pct(self.ours[1], self.n[1]):>8}"
                f"{pct(sum(self.ours), n):>8}{pct(sum(self.lenient), n):>9}"
                f"{pct(sum(self.theirs), n):>9}{pct(sum(self.searched), n):>9}")


_HEAD = (f"{'dev':>8}{'check':>8}{'all':>8}{'lenient':>9}{'dp given':>9}{'dp srch':>9}")


def specs(limit: int | None, misses: str | None = None) -> None:
    """Our accuracy and dateparser's on the spec date phrases, by file and by phrase family."""
    items = _items()
    scorable = [i for i in items if i.gold is not None]
    if limit:
        scorable = scorable[::max(1, len(scorable) // limit)][:limit]
    inputs = sorted({i.case["Input"] for i in scorable})
    parsed = dict(zip(inputs, nlp.parse_many(inputs), strict=True))
    by_file: dict[str, Tally] = {}
    by_family: dict[str, Tally] = {}
    shown: list[str] = []
    for item, gold in ((i, i.gold) for i in scorable if i.gold is not None):
        reference = _reference(item.case)
        article = Article(id="spec", text=item.case["Input"], published=reference)
        mentions = dates.extract(parsed[item.case["Input"]], article, Found())
        exact, lenient = _ours_right(mentions, gold)
        theirs = _dateparser_right(gold, reference)
        searched = _search_right(item.case, gold, reference)
        half = item.index % 2
        for table, key in ((by_file, item.file), (by_family, item.family)):
            table.setdefault(key, Tally.empty()).add(half, exact, lenient, theirs, searched)
        if misses is not None and not exact and half == 0 and misses in ("all", item.family):
            got = [(m.text, str(m.value), str(m.end), m.precision) for m in mentions]
            shown.append(f"  [{item.family}] {item.text!r} in {item.case['Input']!r} "
                         f"(ref {reference}): gold {sorted(gold.days)[:2]} "
                         f"{sorted(gold.periods)[:1]}; ours {got}")
    print("\n== Microsoft Recognizers-Text DateTime specs (English): date phrases ==")
    print("ours exact by half (dev = even case positions, check = odd); all halves: ours exact,")
    print("ours lenient, dateparser given the gold phrase, dateparser search_dates end to end")
    print(f"{'spec file':<24}{'phrases':>8}{'scored':>7}" + _HEAD)
    for name in SPEC_FILES:
        total = sum(1 for i in items if i.file == name)
        tally = by_file.get(name, Tally.empty())
        print(f"{name:<24}{total:>8}{sum(tally.n):>7}" + tally.row())
    print(f"\n{'phrase family':<33}{'phrases':>8}{'scored':>7}" + _HEAD)
    names = [n for n, _ in _FAMILIES] + ["other"]
    overall = Tally.empty()
    for name in names:
        total = sum(1 for i in items if i.family == name)
        tally = by_family.get(name, Tally.empty())
        mark = "*" if name in CLAIMED else " "
        print(f"{mark}{name:<32}{total:>8}{sum(tally.n):>7}" + tally.row())
        if name in CLAIMED:
            for column in ("n", "ours", "lenient", "theirs", "searched"):
                for half in (0, 1):
                    getattr(overall, column)[half] += getattr(tally, column)[half]
    claimed = sum(1 for i in items if i.family in CLAIMED)
    print(f"{'* claimed families, together':<33}{claimed:>8}{sum(overall.n):>7}" + overall.row())
    print(f"claimed families: {claimed} of {len(items)} gold date phrases "
          f"({pct(claimed, len(items)).strip()}); scorable: {len(scorable)} of {len(items)} "
          "(a timex we can compare: a day, week, month, year or dated range, no modifier)")
    print("lenient: our period holds the gold day, or lies within the gold period (and our day")
    print("lies within it) - the same leniency dateparser gets - or is the gold range with its")
    print("last end included (the specs exclude it: 'between 2007 and 2009' is 2007-2008).")
    if shown:
        print("\ndev misses:")
        print("\n".join(shown))


# --------------------------------------------------------------------------------------------
# 3. MUC-3/4 dev: incident dates of wire stories, resolved against the dateline

MUC = EVAL / "muc34" / "raw" / "dev"
_MUC_MONTH_NAMES = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV",
                    "DEC")
_MUC_DAY = rf"(\d{{1,2}}) ({'|'.join(_MUC_MONTH_NAMES)}) (\d\d)"
_MUC_MONTHS = {m: i for i, m in enumerate(_MUC_MONTH_NAMES, start=1)}


def _muc_day(match: re.Match[str]) -> date | None:
    """The day in "30 DEC 89", or None for an impossible one (the keys hold a few)."""
    day, month, year = (int(g) if g.isdigit() else _MUC_MONTHS[g] for g in match.groups())
    if not 1 <= day <= calendar.monthrange(1900 + year, month)[1]:
        return None
    return date(1900 + year, month, day)


def _muc_stories(limit: int | None) -> list[tuple[str, date, str]]:
    """(id, dateline date, body) of the dev stories whose dateline gives a date."""
    stories = []
    for path in sorted(MUC.glob("dev-muc3-*")):
        raw = path.read_text(encoding="latin-1")
        for chunk in re.split(r"(?m)^(?=DEV-MUC3-\d{4} )", raw):
            head = re.match(r"(DEV-MUC3-\d{4})", chunk)
            line = re.search(rf"^\s+[^\n]*?, {_MUC_DAY}[^\n]*?--", chunk, re.M)
            published = _muc_day(line) if line else None
            if head and line and published:
                stories.append((head.group(1), published, chunk[line.end():].strip()))
    return stories[:limit]


def _muc_keys() -> dict[str, list[date]]:
    """The exact incident dates ("30 DEC 89") of each story's templates."""
    keys: dict[str, list[date]] = {}
    for path in sorted(MUC.glob("key-dev-*.muc4")):
        text = path.read_text(encoding="latin-1")
        for block in re.split(r"\n\s*\n(?=0\.)", text):
            ident = re.search(r"MESSAGE: ID\s+(DEV-MUC3-\d{4})", block)
            when = re.search(rf"INCIDENT: DATE\s+{_MUC_DAY}\s*$", block, re.M)
            day = _muc_day(when) if when else None
            if ident and day:
                keys.setdefault(ident.group(1), []).append(day)
    return keys


def muc(limit: int | None) -> None:
    """Share of the key's exact incident dates that our resolved mentions contain."""
    keys = _muc_keys()
    stories = [s for s in _muc_stories(None) if s[0] in keys][:limit]
    docs = nlp.parse_many(body for _, _, body in stories)
    ours = theirs = total = 0
    other = [0, 0, 0]  # templates dated other than the dateline day: ours, theirs, total
    for (ident, published, body), doc in zip(stories, docs, strict=True):
        article = Article(id=ident, text=body, published=published)
        days = {m.value for m in dates.extract(doc, article, Found())
                if m.precision == "day" and m.value is not None}
        base = datetime(published.year, published.month, published.day)
        found = search_dates(body, languages=["en"],
                             settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}) or []
        their_days = {moment.date() for _, moment in found}
        for day in keys[ident]:
            total += 1
            ours += day in days
            theirs += day in their_days
            if day != published:
                other[0] += day in days
                other[1] += day in their_days
                other[2] += 1
    print(f"\n== MUC-3/4 dev wire stories: key incident dates found among the resolved day "
          f"mentions ({len(stories)} stories, {total} dated templates; publication date from the "
          f"dateline) ==")
    print(f"{'':<22}{'all':>8}{'not the dateline day (' + str(other[2]) + ')':>32}")
    print(f"{'ours':<22}{pct(ours, total):>8}{pct(other[0], other[2]):>32}")
    print(f"{'dateparser search':<22}{pct(theirs, total):>8}{pct(other[1], other[2]):>32}")
    print("(recall only. dateparser fills a missing day from the base date - 'NOW', 'MAY 1989'")
    print("become the publication day - which matches keys that default to the dateline day;")
    print("the second column leaves those keys out.)")


# --------------------------------------------------------------------------------------------
# 4. speed


def _lgl(limit: int | None) -> list[Article]:
    root = ET.parse(EVAL / "geo" / "lgl.xml").getroot()
    articles = []
    for node in root.iter("article"):
        stamp = (node.findtext("dltime") or "")[:10]
        published = date.fromisoformat(stamp) if stamp else None
        articles.append(Article(id=node.get("docid", ""), text=node.findtext("text") or "",
                                published=published))
    return articles[:limit]


def speed(limit: int | None) -> None:
    """Seconds per article: spaCy parse vs the dates stage; dateparser per phrase."""
    articles = _lgl(limit)
    parse_times, date_times, counts = [], [], []
    for article in articles:
        started = time.perf_counter()
        doc = nlp.parse(article.text)
        parse_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        found = dates.extract(doc, article, Found())
        date_times.append(time.perf_counter() - started)
        counts.append(len(found))
    phrases = [m.text for a, doc in _reparse(articles[:50])
               for m in dates.extract(doc, a, Found())][:300]
    started = time.perf_counter()
    for phrase in phrases:
        DateDataParser(languages=["en"]).get_date_data(phrase)
    per_phrase = (time.perf_counter() - started) / max(1, len(phrases))
    parse_ms = 1000 * statistics.mean(parse_times)
    dates_ms = 1000 * statistics.mean(date_times)
    print(f"\n== Speed on {len(articles)} LGL news articles ==")
    print(f"spaCy parse      {parse_ms:8.2f} ms/article")
    print(f"dates stage      {dates_ms:8.2f} ms/article  ({100 * dates_ms / parse_ms:.1f}% "
          f"of the parse; {statistics.mean(counts):.1f} mentions/article)")
    print(f"dateparser alone {1000 * per_phrase:8.2f} ms/phrase on our {len(phrases)} phrases "
          f"(x{statistics.mean(counts):.1f} phrases = "
          f"{1000 * per_phrase * statistics.mean(counts):.2f} ms/article, phrases given)")


def _reparse(articles: list[Article]) -> Iterable[tuple[Article, object]]:
    return zip(articles, nlp.parse_many(a.text for a in articles), strict=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="cases per part (default all)")
    parser.add_argument("--part", action="append", choices=PARTS,
                        help="run only this part (repeatable; default all)")
    parser.add_argument("--misses", metavar="FAMILY", default=None,
                        help="list our misses on the dev half of the specs for one phrase "
                             "family (or 'all')")
    args = parser.parse_args()
    parts = args.part or PARTS
    nlp.load()
    if "acled" in parts:
        acled(args.limit)
    if "specs" in parts:
        specs(args.limit, args.misses)
    if "muc" in parts:
        muc(args.limit)
    if "speed" in parts:
        speed(args.limit)


if __name__ == "__main__":
    main()
