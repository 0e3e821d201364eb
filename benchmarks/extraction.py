"""Benchmark eventwire's HTML ingest against trafilatura and htmldate on the same pages, in one run.

Three sets from ``../shared/eval/extraction/``:

* ``trafilatura_eval_en``: body extraction. Each page lists snippets that must appear in the main
  text and snippets that must not; scored as trafilatura's own evaluation does (a snippet found
  is a true positive / false positive, a snippet missed a false negative / true negative; a page
  with no output misses every snippet). eventwire's ``Article.text`` is compared with plain
  ``trafilatura.extract(html)`` (default settings).
* ``htmldate_mediacloud2020``: publication dates, scored as htmldate's evaluation does (right
  date = TP, wrong date = FP, no date = FN). eventwire's ``Article.published`` is compared with
  plain ``htmldate.find_date(html, url=url)``.
* ``goose3_metadata_fixtures``: title, authors and date where a fixture states them, compared
  with trafilatura's own ``extract_metadata`` (which eventwire uses, then cleans the title).

Run: ``.venv/bin/python benchmarks/extraction.py [--limit N] [--only body|date|meta]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import trafilatura
from htmldate import find_date

from eventwire.errors import InputError
from eventwire.ingest import clean, from_input
from eventwire.ingest._decode import decode
from eventwire.ingest._html import extract_html

SHARED = Path(__file__).resolve().parents[2] / "shared"
EXTRACTION = SHARED / "eval" / "extraction"
# Figures the projects publish for their full corpora (eval/README.md), shown as anchors.
PUBLISHED = {"body": ("trafilatura 2.2.0 standard, 990 docs", 0.924),
             "date": ("htmldate[all] 1.10.0 extensive, 1000 pages", 0.949)}


@dataclass
class Score:
    """Confusion counts and the time spent, for one system on one task."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    seconds: float = 0.0
    failures: int = 0

    def add(self, tp: int = 0, fp: int = 0, fn: int = 0, tn: int = 0) -> None:
        self.tp, self.fp, self.fn, self.tn = (self.tp + tp, self.fp + fp, self.fn + fn,
                                              self.tn + tn)

    def row(self, name: str) -> str:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        total = self.tp + self.fp + self.fn + self.tn
        accuracy = (self.tp + self.tn) / total if total else 0.0
        f = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return (f"{name:<34} {precision:>9.3f} {recall:>7.3f} {accuracy:>8.3f} {f:>7.3f} "
                f"{self.seconds:>8.1f}s {self.failures:>6}")


HEADER = (f"{'system':<34} {'precision':>9} {'recall':>7} {'accuracy':>8} {'F':>7} "
          f"{'time':>9} {'no out':>6}")


def _load(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()


class NotEnglish(Exception):
    """eventwire refused the page as not English (E113): left out of every system's score."""


def _eventwire(html: bytes, url: str | None):
    try:
        return from_input(html, url=url, source=url or "")
    except InputError as error:
        if error.code == "E113":
            raise NotEnglish(url) from None
        return None


def _english_pages(folder: Path, items: list, score: Score,
                   left_out: list[str]) -> Iterator[tuple[str, dict, bytes, Any]]:
    """Each page with eventwire's article (timed into ``score``); the pages eventwire refuses
    as not English are skipped and their URLs appended to ``left_out``."""
    for url, item in items:
        html = _load(folder / "html" / (item["file"] + ".gz"))
        try:
            article = _timed(score, lambda h=html, u=url: _eventwire(h, u))
        except NotEnglish:
            left_out.append(url)
            continue
        yield url, item, html, article


def _timed(score: Score, func: Callable[[], object]) -> object:
    started = time.perf_counter()
    result = func()
    score.seconds += time.perf_counter() - started
    return result


# -- body --------------------------------------------------------------------------------------


def _snippets(result: str | None, item: dict) -> tuple[int, int, int, int]:
    """trafilatura's scoring of one page: (tp, fp, fn, tn)."""
    wanted, unwanted = item.get("with", []), item.get("without", [])
    if result is None:
        return 0, 0, len(wanted), len(unwanted)
    tp = sum(1 for s in wanted if s in result)
    fp = sum(1 for s in unwanted if s in result)
    return tp, fp, len(wanted) - tp, len(unwanted) - fp


def _warm_up() -> None:
    """Load what both sides load lazily (dateparser's locale tables), so timings compare."""
    page = (b"<html><head><title>t</title></head><body><article><p>Published 3 March 2020."
            b"</p><p>" + b"Words of a story that is long enough. " * 20 + b"</p></article>"
            b"</body></html>")
    _eventwire(page, None)
    trafilatura.extract(page)
    find_date(page)


def bench_body(limit: int | None) -> None:
    folder = EXTRACTION / "trafilatura_eval_en"
    pages = json.loads((folder / "evaldata_en.json").read_text(encoding="utf-8"))
    items = sorted(pages.items())[:limit]
    ours, whole, theirs, cleaned = Score(), Score(), Score(), Score()
    left_out: list[str] = []
    for _url, item, html, article in _english_pages(folder, items, ours, left_out):
        text = article.text if article is not None else None
        ours.failures += text is None
        ours.add(*_snippets(text, item))
        kept = None if article is None else "\n\n".join(
            t for t in (article.title, article.standfirst, article.text) if t)
        whole.failures += kept is None
        whole.add(*_snippets(kept, item))
        reference = _timed(theirs, lambda h=html: trafilatura.extract(h))
        theirs.failures += reference is None
        theirs.add(*_snippets(reference, item))
        # the plain-text cleaner's scraped-page rules, run over trafilatura's text
        tidy = None if reference is None else _timed(cleaned, lambda r=reference: clean(r).text)
        cleaned.failures += not tidy
        cleaned.add(*_snippets(tidy or None, item))
    wanted = sum(len(i.get("with", [])) for _, i in items)
    unwanted = sum(len(i.get("without", [])) for _, i in items)
    print(f"\nBody extraction: trafilatura_eval_en, {len(items)} pages, {wanted} text and "
          f"{unwanted} boilerplate snippets; {len(left_out)} pages left out of every score "
          "because eventwire refuses them as not English (E113: German and Spanish pages)")
    print(HEADER)
    print(ours.row("eventwire from_input(html).text"))
    whole.seconds = ours.seconds
    print(whole.row("eventwire title+standfirst+text"))
    print(theirs.row(f"trafilatura {trafilatura.__version__} extract()"))
    print(cleaned.row("  + eventwire clean() (scraped rules)"))
    name, value = PUBLISHED["body"]
    print(f"{'published: ' + name:<60} F {value:.3f}")


# -- dates -------------------------------------------------------------------------------------


def _score_date(score: Score, found: date | str | None, gold: str) -> None:
    if found is None:
        score.add(fn=1)
    elif str(found)[:10] == gold:
        score.add(tp=1)
    else:
        score.add(fp=1)


def bench_dates(limit: int | None) -> None:
    folder = EXTRACTION / "htmldate_mediacloud2020"
    pages = json.loads((folder / "eval_mediacloud_2020.json").read_text(encoding="utf-8"))
    items = sorted(pages.items())[:limit]
    ours, theirs = Score(), Score()
    left_out: list[str] = []
    for url, item, html, article in _english_pages(folder, items, ours, left_out):
        ours.failures += article is None
        _score_date(ours, article.published if article is not None else None, item["date"])
        reference = _timed(theirs, lambda h=html, u=url: find_date(h, url=u))
        theirs.failures += reference is None
        _score_date(theirs, reference, item["date"])
    print(f"\nPublication date: htmldate_mediacloud2020, {len(items)} pages; {len(left_out)} left "
          "out of every score because eventwire refuses them as not English (E113)")
    print(HEADER)
    print(ours.row("eventwire from_input(html).published"))
    print(theirs.row("htmldate find_date(html, url=url)"))
    name, value = PUBLISHED["date"]
    print(f"{'published: ' + name:<60} F {value:.3f}")


# -- metadata ----------------------------------------------------------------------------------


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def bench_meta(limit: int | None) -> None:
    folder = EXTRACTION / "goose3_metadata_fixtures"
    cases = sorted(folder.rglob("*.json"))[:limit]
    fields = ("title", "authors", "date")
    ours = dict.fromkeys(fields, 0)
    theirs = dict.fromkeys(fields, 0)
    totals = dict.fromkeys(fields, 0)
    for case in cases:
        spec = json.loads(case.read_text(encoding="utf-8"))
        expected = spec.get("expected") or {}
        html_path = case.with_suffix(".html")
        if not expected or not html_path.exists():
            continue
        html = html_path.read_bytes()
        url = spec.get("url")
        # Most fixtures are metadata without a story, which from_input rejects (E108), so the
        # metadata step of eventwire's HTML reader is measured on its own.
        page = extract_html(decode(html, str(html_path)), url=url)
        doc = trafilatura.extract_metadata(html.decode("utf-8", "replace"), default_url=url)
        mine = {
            "title": page.title,
            "authors": list(page.authors),
            "date": str(page.published) if page.published else None,
        }
        ref = {
            "title": doc.title if doc else None,
            "authors": [a.strip() for a in (doc.author or "").split(";") if a.strip()]
            if doc else [],
            "date": doc.date if doc else None,
        }
        gold = {
            "title": expected.get("title"),
            "authors": expected.get("authors"),
            "date": (expected.get("publish_date") or "")[:10] or None,
        }
        for field in fields:
            if gold[field] is None:
                continue
            totals[field] += 1
            ours[field] += _same(field, mine[field], gold[field])
            theirs[field] += _same(field, ref[field], gold[field])
    print(f"\nMetadata: goose3_metadata_fixtures, {len(cases)} fixtures (correct / stated)")
    print(f"{'field':<10} {'eventwire':>10} {'trafilatura':>12}")
    for field in fields:
        print(f"{field:<10} {ours[field]:>5}/{totals[field]:<4} {theirs[field]:>7}/{totals[field]}")


def _same(field: str, found: object, gold: object) -> bool:
    if field == "authors":
        names = [str(n) for n in found] if isinstance(found, list) else []
        wanted = [str(n) for n in gold] if isinstance(gold, list) else []
        return sorted(map(_norm, names)) == sorted(map(_norm, wanted))
    return _norm(str(found) if found is not None else "") == _norm(str(gold))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="pages per set (default: all)")
    parser.add_argument("--only", choices=("body", "date", "meta"), default=None)
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # trafilatura and htmldate log every odd page
    _warm_up()
    if args.only in (None, "body"):
        bench_body(args.limit)
    if args.only in (None, "date"):
        bench_dates(args.limit)
    if args.only in (None, "meta"):
        bench_meta(args.limit)


if __name__ == "__main__":
    main()
