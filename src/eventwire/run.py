"""Corpus runs: code many articles into a store — resumable, parallel, nothing lost.

``run(sources, db_url)`` reads the sources as a stream (``eventwire.ingest.read_sources``), drops
the articles already stored (asking the database batch by batch, so memory does not grow with the
store), and codes the rest in batches with ``code_many`` — in this process (``workers=1``) or in a
pool of worker processes, each of which loads the model and the lexicons once. The parent process
is the only writer: it writes each batch of results in one transaction (see docs/store.md for why),
while at most two batches per worker are in flight, so memory stays flat over any corpus size.

What makes a run exact:

- an article's rows are written in one transaction, so a run killed at any moment leaves whole
  articles or none; the next run skips what is stored and codes the rest;
- an input that cannot be read, or an article that breaks a stage, becomes a row in ``failures``
  (with its reason) and the run goes on; the next run skips it too, unless
  ``retry_failures=True``, and a retried input that now codes has its failure row removed;
- every run has a row in ``runs`` (start, end, status, counts, engine version), its counts
  updated in the same transactions as the rows they count.

``code_and_store(articles, store)`` is the unit of work — code one batch, write it — which the Dask
path (``eventwire.distributed``) can call on its workers too. Where one process writes for several
workers, each worker sends back ``prepare_batch``'s rows rather than the codings: flattening a
coding into rows costs more than the SQL that inserts them, so the writer is left only the SQL
and does not become the bottleneck.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import sys
import time
import uuid
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tqdm import tqdm

from eventwire.errors import EventwireError, OptionError, PipelineError
from eventwire.pipeline import code_many, warm_up
from eventwire.records import Article, Coding, Failure
from eventwire.settings import DEFAULTS, default_db_url
from eventwire.store import ArticleRows, BatchCounts, Store, open_store, prepare_results

__all__ = ["RunReport", "code_and_store", "code_batch", "prepare_batch", "run"]

IN_FLIGHT_PER_WORKER = 2
WORKER_DIED = str(PipelineError("E405", hint="run again with --retry-failures"))


@dataclass(frozen=True, slots=True)
class RunReport:
    """What a corpus run did: articles coded, skipped (stored already) and failed, and its time."""

    run_id: str
    coded: int
    skipped: int
    failed: int
    seconds: float

    def summary(self, db_url: str) -> str:
        """One line for people."""
        rate = self.coded / self.seconds if self.seconds > 0 else 0.0
        return (f"run {self.run_id}: {self.coded} coded, {self.skipped} skipped, "
                f"{self.failed} failed in {self.seconds:.1f} s ({rate:.1f} articles/s) "
                f"into {db_url}")


# --------------------------------------------------------------------------------------------
# one batch: code it, write it


def _failure(article: Article, error: Exception) -> Failure:
    """The failure row for an article that broke the pipeline, naming the error."""
    code = error.code if isinstance(error, EventwireError) else "E404"
    reason = (f"{type(error).__name__}: {error}".splitlines() or ["error"])[0]
    return Failure(source=article.source or article.id, reason=reason, code=code,
                   article_id=article.id)


def code_batch(articles: Sequence[Article], *, batch_size: int = 32) -> list[Coding | Failure]:
    """Code a batch; an article that breaks a stage becomes a ``Failure`` naming the error.

    The batch is coded together (one ``nlp.pipe``); only if that raises are its articles coded
    one by one, to find which broke. The error is recorded, with the article, not swallowed.
    """
    try:
        return list(code_many(list(articles), batch_size=batch_size))
    except Exception as error:  # recorded as a failure row with the article it broke on
        if len(articles) == 1:
            return [_failure(articles[0], error)]
    results: list[Coding | Failure] = []
    for article in articles:
        results.extend(code_batch([article], batch_size=1))
    return results


def code_and_store(articles: Sequence[Article], store: Store, *, run_id: str | None = None,
                   batch_size: int = 32) -> BatchCounts:
    """Code one batch of articles and write the results in one transaction; returns the counts."""
    return store.write_results(code_batch(articles, batch_size=batch_size), run_id=run_id)


def prepare_batch(articles: Sequence[Article], *, run_id: str | None,
                  batch_size: int = 32) -> list[ArticleRows | Failure]:
    """Code a batch and turn it into the store's rows (``Store.write_prepared`` writes them).

    What a worker returns to the process that writes for it: every CPU-heavy step (coding,
    flattening, the coding's JSON) done where the coding happened.
    """
    return prepare_results(code_batch(articles, batch_size=batch_size), run_id=run_id)


# --------------------------------------------------------------------------------------------
# reading and skipping


def _items(sources: Iterable[Any], published: date | None) -> Iterator[Article | Failure]:
    """Articles and read failures from the sources; ``Article``/``Failure`` records pass through."""
    paths: list[str] = []
    for source in sources:
        if isinstance(source, Article | Failure):
            if paths:
                yield from _read(paths, published)
                paths = []
            yield source
        else:
            paths.append(os.fspath(source))
    if paths:
        yield from _read(paths, published)


def _read(paths: list[str], published: date | None) -> Iterator[Article | Failure]:
    from eventwire.ingest import read_sources

    yield from read_sources(paths, published=published)


@dataclass(slots=True)
class _Tally:
    """Running counts of the parent process, mirrored on the progress bar."""

    bar: Any
    coded: int = 0
    skipped: int = 0
    failed: int = 0
    model: str | None = None
    pending: set[str] = field(default_factory=set)  # ids handed out, not yet written

    def add(self, counts: BatchCounts, skipped: int = 0) -> None:
        self.coded += counts.coded
        self.failed += counts.failed
        self.skipped += skipped
        self.bar.update(counts.coded + counts.failed + skipped)
        self.bar.set_postfix(coded=self.coded, skipped=self.skipped, failed=self.failed,
                             refresh=False)


def _todo(items: Iterable[Article | Failure], store: Store, run_id: str, size: int,
          retry: bool, tally: _Tally) -> Iterator[list[Article]]:
    """Batches of articles still to code; read failures are written, skips counted, as we go.

    Skipped: articles stored already, articles (or inputs) recorded as failures unless ``retry``,
    and an id met again while its first article is still being coded (once written, the store
    says it is there). So memory is bounded by the work in flight, not by the corpus.
    """
    pending: list[Article] = []
    unread: list[Failure] = []

    def flush() -> list[Article]:
        stored = store.existing(a.id for a in pending)
        failed = frozenset() if retry else store.failed_ids(a.id for a in pending)
        known = frozenset() if retry else store.failed_sources(f.source for f in unread)
        todo = []
        for article in pending:
            if (article.id not in stored and article.id not in failed
                    and article.id not in tally.pending):
                tally.pending.add(article.id)
                todo.append(article)
        fresh = [f for f in unread if f.source not in known]
        skipped = len(pending) - len(todo) + len(unread) - len(fresh)
        if fresh or skipped:
            tally.add(store.write_results(fresh, run_id=run_id, skipped=skipped), skipped)
        pending.clear()
        unread.clear()
        return todo

    for item in items:
        (unread if isinstance(item, Failure) else pending).append(item)
        if len(pending) + len(unread) >= size:
            todo = flush()
            if todo:
                yield todo
    todo = flush()
    if todo:
        yield todo


# --------------------------------------------------------------------------------------------
# the worker pool


def _init_worker() -> None:
    """Start a worker: ignore Ctrl-C (the parent handles it), load the model and lexicons once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up()


def _pool_context() -> multiprocessing.context.BaseContext:
    """forkserver where there is one (no inherited locks or threads), else spawn."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _write(store: Store, batch: list[Article], rows: list[ArticleRows | Failure], run_id: str,
           tally: _Tally) -> None:
    """Write one batch's prepared rows in one transaction; note the model that coded them."""
    if tally.model is None:
        tally.model = next((r.article["model"] for r in rows if isinstance(r, ArticleRows)),
                           None)
    tally.add(store.write_prepared(rows, run_id=run_id))
    tally.pending.difference_update(a.id for a in batch)


def _run_here(batches: Iterator[list[Article]], store: Store, run_id: str, batch_size: int,
              tally: _Tally) -> None:
    for batch in batches:
        _write(store, batch, prepare_batch(batch, run_id=run_id, batch_size=batch_size), run_id,
               tally)


def _lost(batch: list[Article]) -> list[ArticleRows | Failure]:
    """Failure rows for a batch whose worker process died before it sent the batch back."""
    return [Failure(source=a.source or a.id, reason=WORKER_DIED, code="E405", article_id=a.id)
            for a in batch]


ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@contextmanager
def _one_thread_per_library() -> Iterator[None]:
    """Worker processes started inside get one BLAS/OpenMP thread each, as Dask's workers do.

    Each worker is one process per core already; a second BLAS thread per worker only
    oversubscribes the cores (its spinning cost about 9% more CPU per article here). Variables
    the user set are left alone; ours are removed again on exit (a forkserver started inside
    keeps them for the pools it starts later, which is what we want).
    """
    added = {name: value for name, value in ONE_THREAD.items() if name not in os.environ}
    os.environ.update(added)
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)


def _new_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context(),
                               initializer=_init_worker)


def _run_pool(batches: Iterator[list[Article]], store: Store, run_id: str, batch_size: int,
              workers: int, tally: _Tally) -> None:
    """Code batches in worker processes, oldest written first, a bounded number in flight.

    If a worker dies (killed, out of memory) the pool is broken: the oldest batch in flight is
    recorded as failed (``--retry-failures`` codes it again), a new pool is started and the other
    batches in flight are sent to it. Each break costs one batch, so a batch that kills its
    worker every time is eventually the one recorded. Pools that die more times in a row than
    there are batches in flight (workers that cannot even start) stop the run.
    """
    pool = _new_pool(workers)
    in_flight: deque[tuple[list[Article], Future[list[ArticleRows | Failure]]]] = deque()

    def submit(batch: list[Article]) -> Future[list[ArticleRows | Failure]]:
        try:
            return pool.submit(prepare_batch, batch, run_id=run_id, batch_size=batch_size)
        except BrokenProcessPool as broken:  # noticed at submission: handled like the others
            future: Future[list[ArticleRows | Failure]] = Future()
            future.set_exception(broken)
            return future

    breaks = 0  # pool breaks since a batch last came back

    def write_oldest() -> None:
        nonlocal pool, breaks
        batch, future = in_flight.popleft()
        try:
            results = future.result()
            breaks = 0
        except BrokenProcessPool as broken:
            breaks += 1
            if breaks > IN_FLIGHT_PER_WORKER * workers:  # more than a poison batch explains
                raise PipelineError("E403", n=breaks) from broken
            results = _lost(batch)
            pool.shutdown(wait=True, cancel_futures=True)
            pool = _new_pool(workers)
            for i, (waiting, _) in enumerate(in_flight):
                in_flight[i] = (waiting, submit(waiting))
        _write(store, batch, results, run_id, tally)

    try:
        for batch in batches:
            in_flight.append((batch, submit(batch)))
            while len(in_flight) >= IN_FLIGHT_PER_WORKER * workers:
                write_oldest()
        while in_flight:
            write_oldest()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# --------------------------------------------------------------------------------------------
# the run


def _check_count(name: str, value: int | None, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise OptionError("E205", name=name, expected="a whole number of at least 1", value=value)
    return value


def run(sources: Iterable[Any], db_url: str | None = None, *, workers: int | None = None,
        batch_size: int | None = None, published: date | None = None,
        retry_failures: bool = False, progress: bool = True,
        run_id: str | None = None) -> RunReport:
    """Code every article of ``sources`` into the store at ``db_url``; resumable.

    ``sources`` are paths (files, directories, globs — whatever ``read_sources`` reads); ``Article``
    and ``Failure`` records are accepted too. ``workers`` defaults to every core; with one worker,
    or when all there is to code fits in one batch, the run codes in this process. ``published``
    is the publication date for inputs that carry none. The progress bar goes to stderr and only
    when it is a terminal.
    """
    workers = _check_count("workers", workers, int(DEFAULTS["workers"].default))
    batch_size = _check_count("batch_size", batch_size, int(DEFAULTS["batch_size"].default))
    db_url = db_url or default_db_url()
    run_id = run_id or uuid.uuid4().hex[:12]
    started = time.perf_counter()
    labels = ([os.fspath(s) for s in sources if isinstance(s, str | os.PathLike)]
              if isinstance(sources, Sequence) else [])
    with open_store(db_url) as store:
        store.start_run(run_id, sources=labels, workers=workers, batch_size=batch_size)
        show = progress and sys.stderr.isatty()
        with tqdm(unit="article", desc="eventwire", disable=not show, file=sys.stderr) as bar:
            tally = _Tally(bar)
            status = "failed"
            try:
                batches = _todo(_items(sources, published), store, run_id, batch_size,
                                retry_failures, tally)
                head = list(itertools.islice(batches, 2))  # one batch: no pool to start
                batches = itertools.chain(head, batches)
                if workers == 1 or len(head) < 2:
                    _run_here(batches, store, run_id, batch_size, tally)
                else:
                    with _one_thread_per_library():
                        _run_pool(batches, store, run_id, batch_size, workers, tally)
                status = "done"
            except KeyboardInterrupt:
                status = "interrupted"
                raise
            finally:
                store.finish_run(run_id, status=status, model=tally.model)
    return RunReport(run_id=run_id, coded=tally.coded, skipped=tally.skipped,
                     failed=tally.failed, seconds=round(time.perf_counter() - started, 3))
