"""Run the extractors over parsed articles: the one place that fixes their order.

Each extractor is a pure function ``(doc, article, found) -> tuple[Record, ...]`` registered
here as a ``Stage`` that says which earlier results it reads and which field of ``Found`` it
fills. ``code_many`` is the engine (batches through ``nlp.pipe``); ``code`` is a batch of one.
The runner checks what each stage returns, so a broken stage is an error naming the stage, never a
silent hole in the output.
"""

from __future__ import annotations

import gc
import multiprocessing
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from eventwire import __version__, actors, dates, events, figures, nlp, places, quotes
from eventwire.errors import PipelineError
from eventwire.ingest import from_input
from eventwire.records import (
    Actor,
    Article,
    Coding,
    DateMention,
    Event,
    Figure,
    Found,
    Meta,
    Place,
    Quote,
    StageTime,
)

__all__ = ["STAGES", "WARM_UP", "Stage", "code", "code_article", "code_many", "keep_loaded",
           "warm_up"]

Extractor = Callable[[Doc, Article, Found], tuple]

# An article of our own, coded once when a worker starts so every stage loads what it loads
# lazily (lexicons, the gazetteer, dateparser's data) before the first real article.
WARM_UP = Article(id="warm-up", published=date(2024, 3, 6),
                  text="Police in Nairobi arrested 12 protesters on Monday, two days after the "
                       "march, officials said. \"We will not allow violence,\" the interior "
                       "minister said.")
# How many new container objects the garbage collector lets pile up before a young-generation
# pass, once ``keep_loaded`` has run (Python's default is 700).
YOUNG_THRESHOLD = 10_000


@dataclass(frozen=True, slots=True)
class Stage:
    """One extractor: its name, the function, what it reads and the ``Found`` field it fills."""

    name: str
    func: Extractor
    record: type
    requires: tuple[str, ...] = ()

    @property
    def assigns(self) -> str:
        return self.name


STAGES: tuple[Stage, ...] = (
    Stage("actors", actors.extract, Actor),
    Stage("places", places.extract, Place, requires=("actors",)),
    Stage("dates", dates.extract, DateMention),
    Stage("figures", figures.extract, Figure, requires=("actors",)),
    Stage("quotes", quotes.extract, Quote, requires=("actors",)),
    Stage("events", events.extract, Event,
          requires=("actors", "places", "dates", "figures", "quotes")),
)


def _check(stage: Stage, result: object) -> tuple:
    if not isinstance(result, tuple) or not all(isinstance(r, stage.record) for r in result):
        got = type(result).__name__
        if isinstance(result, tuple):
            got = "a tuple holding " + ", ".join(sorted({type(r).__name__ for r in result}))
        raise PipelineError("E401", stage=stage.name, got=got, expected=stage.record.__name__)
    return result


def code_article(article: Article, doc: Doc, *, timings: bool = False) -> Coding:
    """Run every stage, in order, over one parsed article."""
    found = Found()
    results: dict[str, tuple] = {}
    spent: list[StageTime] = []
    for stage in STAGES:
        started = time.perf_counter()
        results[stage.assigns] = _check(stage, stage.func(doc, article, found))
        found = Found(**results)
        if timings:
            spent.append(StageTime(stage.name, round(time.perf_counter() - started, 6)))
    meta = Meta(version=__version__, model=nlp.model_name(), timings=tuple(spent))
    return Coding(article=article, meta=meta, actors=found.actors, places=found.places,
                  dates=found.dates, figures=found.figures, quotes=found.quotes,
                  events=found.events)


def keep_loaded() -> None:
    """Take everything loaded so far (the model, lexicons, gazetteer) out of the cyclic garbage
    collector's scans, and let it run less often.

    A worker loads a few hundred thousand long-lived objects once, then allocates many
    short-lived records per article; left alone, the collector re-scans the loaded objects
    again and again (about 1-2% of a run). For processes that exist to code: a worker, the
    command line, a benchmark (which gives bare spaCy the same treatment).
    """
    gc.collect()
    gc.freeze()
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(max(_young, YOUNG_THRESHOLD), middle, old)


def warm_up() -> None:
    """Prepare this process for a long run: code ``WARM_UP`` (loading the model and every
    stage's data), then ``keep_loaded``."""
    list(code_many([WARM_UP], batch_size=1))
    keep_loaded()


def _batches(articles: Iterable[Article | str], size: int) -> Iterator[list[Article]]:
    buffer: list[Article] = []
    for item in articles:
        buffer.append(item if isinstance(item, Article) else from_input(item))
        if len(buffer) >= size:
            yield buffer
            buffer = []
    if buffer:
        yield buffer


def code_many(articles: Iterable[Article | str], *, batch_size: int = 32, timings: bool = False,
              n_process: int = 1) -> Iterator[Coding]:
    """Code many articles (``Article`` records or raw text/HTML), in order, parsing in batches.

    With ``n_process > 1`` the batches are coded in that many worker processes (each loads the
    model once); results still come back in input order, and at most two batches per worker are
    in flight, so memory stays flat however long the input.
    """
    if n_process < 1:
        raise ValueError("n_process must be at least 1")
    batches = _batches(articles, batch_size)
    if n_process == 1:
        for batch in batches:
            yield from _code_batch(batch, batch_size, timings)
    else:
        yield from _code_in_pool(batches, batch_size, timings, n_process)


def _code_batch(batch: list[Article], batch_size: int, timings: bool) -> list[Coding]:
    docs = nlp.parse_many((a.text for a in batch), batch_size=batch_size)
    codings = []
    for article, doc in zip(batch, docs, strict=True):
        nlp.remember_text(doc, article.text)
        codings.append(code_article(article, doc, timings=timings))
    return codings


def _code_in_pool(batches: Iterator[list[Article]], batch_size: int, timings: bool,
                  n_process: int) -> Iterator[Coding]:
    context = multiprocessing.get_context("forkserver" if sys.platform == "linux" else "spawn")
    with ProcessPoolExecutor(n_process, mp_context=context, initializer=nlp.load) as pool:
        pending: deque[Future[list[Coding]]] = deque()
        for batch in batches:
            pending.append(pool.submit(_code_batch, batch, batch_size, timings))
            if len(pending) >= 2 * n_process:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def code(text_or_html: str | bytes, *, title: str | None = None, published: date | None = None,
         url: str | None = None) -> Coding:
    """Code one article given as text or HTML: a batch of one."""
    article = from_input(text_or_html, title=title, published=published, url=url)
    return next(code_many([article], batch_size=1))
