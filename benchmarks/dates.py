"""Benchmark the dates stage: ACLED event dates, Microsoft Recognizers date specs, and speed.

Run: ``.venv/bin/python benchmarks/dates.py [--limit N]`` (N caps each part's cases).

1. ACLED 2022 dev notes (``shared/eval/acled/``): the event date we give the note's first sentence
   against ACLED's ``event_date`` (target >= 97%). Two ways of picking it — ``when`` with the
   sentence's root verb as the trigger, and simply the first date mention — and two publication
   dates: none (notes have none, so only phrases that carry their year can resolve), and, stated
   as an assumption, the event date + 3 days (a report a few days later).
2. Microsoft Recognizers-Text English DateTime specs (``shared/eval/numbers/...``): per spec file,
   the cases whose gold answer is a kind of date we support (a calendar day, a day-month, a
   weekday, a month, a year or a week: timex shapes YYYY-MM-DD, XXXX-MM-DD, XXXX-WXX-D, YYYY-MM,
   XXXX-MM, YYYY, YYYY-Wnn, without a since/before/after modifier), resolved against the spec's
   reference date. Ours runs end to end on the sentence (find + resolve); dateparser alone is
   run twice: given the gold phrase (its best case) and end to end (``search_dates``). Where the
   spec gives a past and a future reading, either counts.
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
REPORT_DELAY = timedelta(days=3)
SUPPORTED_TIMEX = re.compile(
    r"^(?:\d{4}-\d\d-\d\d|XXXX-\d\d-\d\d|XXXX-WXX-\d|\d{4}-\d\d|XXXX-\d\d|\d{4}|\d{4}-W\d\d)$")


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


def _golds(case: dict) -> list[Gold]:
    """The supported gold phrases of one spec case (see the module docstring)."""
    golds = []
    for result in case.get("Results", []):
        kind = result.get("TypeName") or result.get("Type") or ""
        if not kind.endswith(("date", "daterange")):
            continue
        start = result["Start"]
        end = result["End"] + 1 if "End" in result else start + result["Length"]
        value = result.get("Value") or result.get("Resolution") or {}
        gold = _readings(value, start, end, result["Text"])
        if gold is not None:
            golds.append(gold)
    return golds


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
                return m.value in gold.days, m.value in gold.days
            exact = (m.value, last) in gold.periods
            holds = any(m.value <= d <= last for d in gold.days) or any(
                a <= m.value and last <= b for a, b in gold.periods)
            return exact, exact or holds
    return False, False


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
        if data.period == "day" and day in gold.days:
            return True
        if data.period in ("week", "month", "year") and any(a <= day <= b
                                                            for a, b in gold.periods):
            return True
    return False


def specs(limit: int | None) -> None:
    """Per spec file: our accuracy and dateparser's on the supported date phrases."""
    print("\n== Microsoft Recognizers-Text DateTime specs (English), supported date kinds ==")
    print(f"{'spec file':<22}{'cases':>6}{'ours':>8}{'ours (lenient)':>16}{'dateparser':>12}"
          f"{'dp search':>11}")
    for name in SPEC_FILES:
        cases = json.loads((SPECS / name).read_text(encoding="utf-8-sig"))
        selected = [(c, g) for c in cases for g in _golds(c)][:limit]
        inputs = sorted({c["Input"] for c, _ in selected})
        parsed = dict(zip(inputs, nlp.parse_many(inputs), strict=True))
        ours = holds = theirs = searched = 0
        for case, gold in selected:
            reference = _reference(case)
            article = Article(id="spec", text=case["Input"], published=reference)
            mentions = dates.extract(parsed[case["Input"]], article, Found())
            exact, contains = _ours_right(mentions, gold)
            ours += exact
            holds += contains
            theirs += _dateparser_right(gold, reference)
            searched += _search_right(case, gold, reference)
        print(f"{name:<22}{len(selected):>6}{pct(ours, len(selected)):>8}"
              f"{pct(holds, len(selected)):>16}{pct(theirs, len(selected)):>12}"
              f"{pct(searched, len(selected)):>11}")
    print("ours: exact day/period, end to end from the sentence; lenient: our period holds the")
    print("gold day (the month for 'a month ago') or lies within the gold period; dateparser:")
    print("given the gold phrase (its best case; its day counts when inside a gold period);")
    print("dp search: dateparser end to end (search_dates on the sentence), same leniency.")


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
    args = parser.parse_args()
    nlp.load()
    acled(args.limit)
    specs(args.limit)
    muc(args.limit)
    speed(args.limit)


if __name__ == "__main__":
    main()
