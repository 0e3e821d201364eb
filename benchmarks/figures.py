"""Figures against the public quantity specs, side by side with quantulum3, in one run.

    .venv/bin/python benchmarks/figures.py [--limit N] [--show K]

Cases come from ``../shared/eval/numbers/`` and are kept when they are about counting:

* quantulum3 ``quantities.json``: sentences whose expected quantities include a count-like one
  (dimensionless, dozen, percentage, money); only those expected quantities are scored, and
  quantulum3's own output is filtered to the same units. Expected dimensionless years
  (1000-2199) are dropped on both sides: years are dates for eventwire, not figures.
* Recognizers-Text ``NumberModel`` (values), ``NumberRangeModel`` (bounds: "more than 30" is
  (30, open), "between 20 and 30" is (20, 30)), ``PercentModel``, ``AgeModel`` and
  ``CurrencyModel`` (amounts in cents are scored in the main unit: "50 cents" = 0.5).

For each case both systems give a multiset of values (or bounds); a value matches at relative
tolerance 1e-6. We print recall and precision over values and the share of cases where the whole
multiset is right, then the time per sentence: eventwire's figures stage alone on a parsed
sentence, eventwire including the spaCy parse, and quantulum3's ``parse``.

Last, a news check: for ACLED 2022 events with fatalities, whether the coded number is among the
figures of the event's notes (and for eventwire, whether it is tied to a killing).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from eventwire import nlp
from eventwire.figures import extract
from eventwire.records import Article, Figure, Found

SHARED = Path(__file__).resolve().parents[2] / "shared"
NUMBERS = SHARED / "eval" / "numbers"
RT = NUMBERS / "ms_recognizers_text_specs_en"
COUNT_UNITS = {"dimensionless", "dozen", "percentage"}
MONEY_WORDS = ("dollar", "euro", "pound sterling", "cent", "penny", "dime", "yen", "yuan")
TIME_UNITS = ("year", "month", "week", "day")
Value = tuple[float | None, float | None] | float


@dataclass
class Case:
    """One sentence with what each model should find."""

    text: str
    expected: list[Value]
    category: str


@dataclass
class Score:
    cases: int = 0
    exact: int = 0
    matched: int = 0
    expected: int = 0
    predicted: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, list[Value], list[Value]]] = field(default_factory=list)

    def add(self, case: Case, got: list[Value]) -> None:
        hits = _matches(case.expected, got)
        self.cases += 1
        self.matched += hits
        self.expected += len(case.expected)
        self.predicted += len(got)
        if hits == len(case.expected) == len(got):
            self.exact += 1
        else:
            self.failures.append((case.text, case.expected, got))

    def row(self) -> str:
        recall = self.matched / self.expected if self.expected else 1.0
        precision = self.matched / self.predicted if self.predicted else 1.0
        exact = self.exact / self.cases if self.cases else 0.0
        return f"{100 * exact:6.1f} {100 * recall:6.1f} {100 * precision:6.1f}"


def _same(a: Value, b: Value) -> bool:
    if isinstance(a, tuple) and isinstance(b, tuple):
        return all((x is None and y is None) or (x is not None and y is not None
                                                 and math.isclose(x, y, rel_tol=1e-6))
                   for x, y in zip(a, b, strict=True))
    if isinstance(a, tuple) or isinstance(b, tuple):
        return False
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _matches(expected: list[Value], got: list[Value]) -> int:
    left = list(got)
    hits = 0
    for value in expected:
        for k, candidate in enumerate(left):
            if _same(value, candidate):
                hits += 1
                del left[k]
                break
    return hits


def _year(value: float, surface: str) -> bool:
    return re.fullmatch(r"\d{4}", surface.strip()) is not None and 1000 <= value <= 2199


# ------------------------------------------------------------------------------------------
# loading the specs


def _count_unit(unit: str) -> bool:
    return unit in COUNT_UNITS or any(word in unit for word in MONEY_WORDS)


def quantulum_cases() -> list[Case]:
    cases = []
    for item in json.loads((NUMBERS / "quantulum3_tests_en" / "quantities.json").read_text()):
        wanted = [r for r in item["res"] if _count_unit(r["unit"])
                  and not _year(float(r["value"]), r["surface"])]
        if wanted:
            values = [float(r["value"]) * (12 if r["unit"] == "dozen" else 1) for r in wanted]
            cases.append(Case(item["req"], values, "quantulum3 count-like"))
    return cases


def _rt(path: str) -> list[dict]:
    return json.loads((RT / path).read_text(encoding="utf-8-sig"))


def number_cases() -> list[Case]:
    cases = []
    for item in _rt("Number/English/NumberModel.json"):
        values = [float(r["Resolution"]["value"]) for r in item["Results"]
                  if r["Resolution"].get("value") not in (None, "null")]
        cases.append(Case(item["Input"], values, "RT numbers"))
    return cases


def _bound(text: str) -> float | None:
    return float(text) if text.strip() else None


def range_cases() -> list[Case]:
    cases = []
    for item in _rt("Number/English/NumberRangeModel.json"):
        values: list[Value] = []
        for r in item["Results"]:
            low, high = r["Resolution"]["value"][1:-1].split(",")
            values.append((_bound(low), _bound(high)))
        cases.append(Case(item["Input"], values, "RT ranges"))
    return cases


def percent_cases() -> list[Case]:
    cases = []
    for item in _rt("Number/English/PercentModel.json"):
        values = [float(r["Resolution"]["value"].rstrip("%")) for r in item["Results"]
                  if r["Resolution"]["value"] not in (None, "null")]
        cases.append(Case(item["Input"], values, "RT percent"))
    return cases


def age_cases() -> list[Case]:
    return [Case(item["Input"], [float(r["Resolution"]["value"]) for r in item["Results"]],
                 "RT ages") for item in _rt("NumberWithUnit/English/AgeModel.json")]


def currency_cases() -> list[Case]:
    cases = []
    for item in _rt("NumberWithUnit/English/CurrencyModel.json"):
        values = []
        for r in item["Results"]:
            value = r["Resolution"].get("value")
            if value in (None, "null"):
                continue
            cents = r["Resolution"].get("unit", "") in ("Cent", "Penny", "Pence")
            values.append(float(value) / 100 if cents else float(value))
        cases.append(Case(item["Input"], values, "RT money"))
    return cases


# ------------------------------------------------------------------------------------------
# the two systems, reduced to the values each category scores


def _ours_values(category: str, figures: Iterable[Figure]) -> list[Value]:
    figures = list(figures)
    if category == "RT ranges":
        return [b for f in figures if (b := _ours_bounds(f)) is not None]
    if category == "RT percent":
        return [f.value for f in figures if f.kind == "percent"]
    if category == "RT ages":
        return [f.value for f in figures if f.kind == "age"]
    if category == "RT money":
        return [f.value for f in figures if f.kind == "money"]
    if category == "quantulum3 count-like":
        return [f.value for f in figures if f.kind in ("count", "fraction", "percent", "money")]
    return [f.value for f in figures if f.kind not in ("ordinal",)]


def _ours_bounds(f: Figure) -> Value | None:
    if f.qualifier == "between":
        return (f.low, f.high)
    if f.qualifier in ("more than", "at least"):
        return (f.value, None)
    if f.qualifier in ("less than", "up to", "at most"):
        return (None, f.value)
    return None


def _quantulum_values(category: str, quantities: list) -> list[Value]:
    def unit(q: object) -> str:
        return q.unit.name  # type: ignore[attr-defined]

    if category == "RT ranges":
        return [(q.value - q.uncertainty, q.value + q.uncertainty) for q in quantities
                if q.uncertainty]
    if category == "RT percent":
        return [q.value for q in quantities if unit(q) == "percentage"]
    if category == "RT ages":
        return [q.value for q in quantities if any(t in unit(q) for t in TIME_UNITS)]
    if category == "RT money":
        return [q.value / 100 if unit(q) in ("cent", "penny") else q.value for q in quantities
                if any(word in unit(q) for word in MONEY_WORDS)]
    if category == "quantulum3 count-like":
        return [q.value * (12 if unit(q) == "dozen" else 1) for q in quantities
                if _count_unit(unit(q)) and not _year(q.value, q.surface)]
    return [q.value for q in quantities]


def run(cases: list[Case], system: str,
        values: Callable[[Case], list[Value]]) -> dict[str, Score]:
    scores: dict[str, Score] = {}
    for case in cases:
        score = scores.setdefault(case.category, Score())
        started = time.perf_counter()
        got = values(case)
        score.seconds += time.perf_counter() - started
        score.add(case, got)
    return scores


# ------------------------------------------------------------------------------------------
# a news check: ACLED's coded fatalities against the figures found in its event notes

DEATH = ("kill", "dead", "die", "death", "fatal", "bodies", "body", "lives", "lost their")


def acled_fatalities(limit: int | None) -> None:
    """For ACLED notes with fatalities > 0: is the coded number among the figures, and is it a
    figure about killing (its unit or predicate speaks of death)? quantulum3 beside, on the
    number alone. Notes often imply the number without writing it ("killed a civilian"), so
    neither system can reach 100%."""
    rows = [r for r in csv.DictReader((SHARED / "eval" / "acled" / "acled_2022_dev.csv").open(
        encoding="utf-8")) if r["fatalities"] and float(r["fatalities"]) > 0]
    rows = rows[:limit] if limit else rows
    language = nlp.load()
    found_any = found_death = theirs = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser as q3

        for row, doc in zip(rows, language.pipe(r["notes"] for r in rows), strict=True):
            target = float(row["fatalities"])
            figures = extract(doc, Article(id="b", text=row["notes"]), Found())
            values = [f for f in figures if f.kind == "count" and f.value == target]
            found_any += bool(values)
            found_death += any(any(w in f"{f.unit} {f.predicate}".lower() for w in DEATH)
                               for f in values)
            theirs += any(q.value == target for q in q3.parse(row["notes"]))
    n = max(len(rows), 1)
    print(f"\nACLED notes with fatalities > 0 ({len(rows)}): the coded number is a count figure in "
          f"{100 * found_any / n:.1f}% (tied to a killing in {100 * found_death / n:.1f}%); "
          f"quantulum3 finds the number in {100 * theirs / n:.1f}%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N cases per spec file")
    parser.add_argument("--show", type=int, default=0, help="print K of our failures per file")
    args = parser.parse_args()
    loaders = (quantulum_cases, number_cases, range_cases, percent_cases, age_cases,
               currency_cases)
    cases = [c for load in loaders for c in load()[:args.limit]]

    language = nlp.load()
    started = time.perf_counter()
    docs = {c.text: language(c.text) for c in cases}
    parse_seconds = time.perf_counter() - started

    def ours(case: Case) -> list[Value]:
        doc = docs[case.text]
        return _ours_values(case.category, extract(doc, Article(id="b", text=case.text),
                                                   Found()))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser as q3

        q3.parse("warm up 5 metres")  # load its unit tables before timing

        def theirs(case: Case) -> list[Value]:
            return _quantulum_values(case.category, q3.parse(case.text))

        mine = run(cases, "eventwire", ours)
        other = run(cases, "quantulum3", theirs)

    print(f"{'spec (cases)':<28} {'eventwire: exact  recall  prec':>32} "
          f"{'quantulum3: exact  recall  prec':>34}")
    for category, score in mine.items():
        print(f"{category + f' ({score.cases})':<28} {'':>11}{score.row()} {'':>13}"
              f"{other[category].row()}")
    total = sum(s.cases for s in mine.values())
    ours_s = sum(s.seconds for s in mine.values())
    theirs_s = sum(s.seconds for s in other.values())
    with_parse = 1000 * (ours_s + parse_seconds) / total
    print(f"\ntime per sentence over {total} sentences: eventwire figures stage "
          f"{1000 * ours_s / total:.2f} ms (with spaCy parse {with_parse:.2f} ms),"
          f" quantulum3 {1000 * theirs_s / total:.2f} ms")
    for category, score in mine.items():
        for text, expected, got in score.failures[:args.show]:
            print(f"  [{category}] {text[:80]!r}: expected {expected} got {got}")
    acled_fatalities(args.limit)


if __name__ == "__main__":
    main()
