"""Corpus runs on a Dask cluster: the same pipeline, mapped over batches of the corpus.

``run_dask`` reads the sources on the client and drops what is stored already exactly as a local
run does (``eventwire.run``: articles stored, or recorded as failures unless ``retry_failures``,
and ids met twice), then submits batches of articles to the workers, keeping at most two batches
per worker in flight (so memory stays flat whatever the corpus size) and taking results as they
complete (``as_completed``). Each worker process loads the spaCy model and the lexicons once, when
it joins (``ModelPlugin``; ``eventwire.nlp.load`` is cached per process), and codes its batch with
``eventwire.run.code_batch`` — ``code_many`` plus a failure row for an article that breaks a
stage — exactly what a local run does.

Where the results go depends on the database:

- PostgreSQL: each worker opens its own store (once per process) and writes each batch in one
  transaction (``eventwire.run.code_and_store``); only the counts travel back to the client.
- SQLite (one file, best written by one process): the worker turns its codings into the store's
  rows (``eventwire.run.prepare_batch``: the flattened columns and each coding's JSON), which
  travel back with the failures; the client only executes the SQL, one transaction per batch,
  while the workers code the next batches. Flattening a coding costs more than inserting it, so
  leaving it to the workers keeps the one writer from becoming the bottleneck.

A batch whose task could not finish (its workers kept dying, E405, or a worker cannot open the
database, E301) is recorded as failed, article by article, with the reason, and the run goes on;
``retry_failures=True`` codes those articles again.
The address says which cluster: ``local`` (a ``LocalCluster`` with one single-threaded worker
process per core), ``local:N`` (N worker processes) or ``tcp://host:port`` (an existing
scheduler; ``docs/scale.md`` shows Kubernetes and SLURM).
"""

from __future__ import annotations

import logging
import os
import resource
import sys
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import dask
from distributed import Client, Future, KilledWorker, LocalCluster, as_completed
from distributed.diagnostics.plugin import WorkerPlugin
from sqlalchemy.engine import make_url
from tqdm import tqdm

from eventwire import nlp
from eventwire.errors import EventwireError, OptionError
from eventwire.pipeline import warm_up
from eventwire.records import Article, Failure
from eventwire.run import (
    WORKER_DIED,
    RunReport,
    _items,
    _Tally,
    _todo,
    code_and_store,
    prepare_batch,
)
from eventwire.settings import DEFAULTS, default_db_url
from eventwire.store import ArticleRows, BatchCounts, Store, normalise_url, open_store

__all__ = [
    "BatchResult",
    "ClusterAddress",
    "ModelPlugin",
    "code_partition",
    "connect",
    "local_cluster",
    "parse_address",
    "run_dask",
]

log = logging.getLogger(__name__)
IN_FLIGHT_PER_WORKER = 2  # batches queued per worker: enough to keep it busy, no more
WORKERS_REFRESH = 2.0  # seconds between two questions to the scheduler about its workers
PROFILER_CALLBACKS = ("profile", "profile-cycle")  # a worker's periodic callbacks we stop
LOCAL_CLUSTER_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,  # None: not set
}


@dataclass(frozen=True, slots=True)
class ClusterAddress:
    """Where to run: a local cluster of ``workers`` processes, or an existing ``scheduler``."""

    workers: int | None = None
    scheduler: str | None = None


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What a worker sends back for one batch.

    When the client writes (SQLite), ``rows`` holds each coded article's ``ArticleRows`` (ready
    for ``Store.write_prepared``) and a ``Failure`` for each article that broke; when the worker
    wrote them itself (PostgreSQL), ``rows`` is empty and ``stored`` counts what it wrote.
    ``peak_rss`` is the worker process's peak resident set size in bytes so far.
    """

    rows: tuple[ArticleRows | Failure, ...]
    stored: BatchCounts
    seconds: float
    peak_rss: int
    worker_pid: int


def parse_address(address: str) -> ClusterAddress:
    """Read ``local``, ``local:N`` or ``tcp://host:port``; anything else is ``OptionError`` E204."""
    text = address.strip() if isinstance(address, str) else ""
    if text == "local":
        return ClusterAddress(workers=os.cpu_count() or 1)
    if text.startswith("local:"):
        count = text.removeprefix("local:")
        if count.isdigit() and int(count) > 0:
            return ClusterAddress(workers=int(count))
        raise OptionError("E204", value=address)
    if text.startswith("tcp://"):
        host, _, port = text.removeprefix("tcp://").rpartition(":")
        if host and port.isdigit() and 0 < int(port) < 65536:
            return ClusterAddress(scheduler=text)
    raise OptionError("E204", value=address)


class ModelPlugin(WorkerPlugin):
    """Prepares a worker for coding when it starts, so no batch pays for it.

    Loads the spaCy model and the lexicons, and stops Dask's statistical profiler on the worker
    (it samples the running task's stack every 10 ms: CPU taken from coding, for a dashboard
    view we do not need).
    """

    name = "eventwire-model"

    def setup(self, worker: Any) -> None:
        """Fill the worker process's caches: the model, then every stage's lexicons.

        ``pipeline.warm_up``, as in the local pool: coding one sentence of our own makes each
        extractor load what it loads lazily, then the loaded objects leave the garbage
        collector's scans.
        """
        for name in PROFILER_CALLBACKS:
            callback = getattr(worker, "periodic_callbacks", {}).get(name)
            if callback is not None:
                callback.stop()
        warm_up()


def local_cluster(workers: int) -> LocalCluster:
    """A ``LocalCluster`` of ``workers`` single-threaded worker processes on loopback.

    Tuned for coding: Dask's per-worker statistical profiler is off, and the worker processes
    keep glibc's own heap trimming (Dask's default ``MALLOC_TRIM_THRESHOLD_=65536`` hands memory
    back to the system after every large free, which cost about 10% more CPU per article here;
    memory stays flat either way, as the benchmark's peak RSS shows).
    """
    with dask.config.set(LOCAL_CLUSTER_CONFIG):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                            host="127.0.0.1", scheduler_port=0, dashboard_address=":0")


@contextmanager
def connect(address: str) -> Iterator[Client]:
    """A client on the cluster the address names; a local cluster is shut down on exit."""
    where = parse_address(address)
    if where.scheduler is not None:
        try:
            client = Client(where.scheduler, timeout="10s")
        except OSError as error:  # unreachable or refused: the address is of no use
            raise OptionError("E204", value=address) from error
        with client:
            client.register_plugin(ModelPlugin())
            yield client
        return
    with local_cluster(where.workers or 1) as cluster, Client(cluster) as client:
        client.register_plugin(ModelPlugin())
        yield client


# --------------------------------------------------------------------------------------------
# on the workers


@lru_cache(maxsize=4)
def _worker_store(db_url: str) -> Store:
    """The store a worker writes to, opened once per worker process."""
    return open_store(db_url)


def _peak_rss() -> int:
    """This process's peak resident set size in bytes (``ru_maxrss`` is KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def code_partition(articles: list[Article], *, db_url: str | None, run_id: str,
                   batch_size: int) -> BatchResult:
    """Code one batch on a worker; write it to ``db_url`` if given, else send the results back."""
    started = time.perf_counter()
    if db_url is not None:
        stored = code_and_store(articles, _worker_store(db_url), run_id=run_id,
                                batch_size=batch_size)
        return BatchResult(rows=(), stored=stored, seconds=time.perf_counter() - started,
                           peak_rss=_peak_rss(), worker_pid=os.getpid())
    rows = prepare_batch(articles, run_id=run_id, batch_size=batch_size)
    return BatchResult(rows=tuple(rows), stored=BatchCounts(),
                       seconds=time.perf_counter() - started, peak_rss=_peak_rss(),
                       worker_pid=os.getpid())


# --------------------------------------------------------------------------------------------
# on the client


def _is_postgres(db_url: str) -> bool:
    """Whether workers can write themselves (PostgreSQL) or the client must (SQLite)."""
    return make_url(normalise_url(db_url)).get_backend_name() == "postgresql"


def _lost(batch: list[Article], error: BaseException) -> list[Failure]:
    """Failure rows for a batch whose task could not finish, with the local pool's codes.

    E405 when the workers running it kept dying (Dask gave up on it: ``KilledWorker``); else the
    error's own code (E301: the worker cannot open the database) or E404.
    """
    if isinstance(error, KilledWorker):
        code, reason = "E405", WORKER_DIED
    else:
        code = error.code if isinstance(error, EventwireError) else "E404"
        reason = (f"the Dask task failed: {type(error).__name__}: {error}".splitlines()
                  or [""])[0]
    return [Failure(source=a.source or a.id, reason=reason, code=code, article_id=a.id)
            for a in batch]


def _collect(future: Future, batch: list[Article], store: Store, run_id: str,
             tally: _Tally, peaks: dict[int, int]) -> None:
    """Take one finished batch: write what came back (SQLite), record failures, count.

    The batch's ids leave ``tally.pending`` once written, so it holds only the work in flight.
    """
    if future.status == "error":
        tally.add(store.write_results(_lost(batch, future.exception()), run_id=run_id))
    else:
        result: BatchResult = future.result()
        peaks[result.worker_pid] = max(peaks.get(result.worker_pid, 0), result.peak_rss)
        if result.rows:
            tally.add(store.write_prepared(result.rows, run_id=run_id))
        tally.add(result.stored)
    tally.pending.difference_update(a.id for a in batch)


def _model_name(client: Client) -> str | None:
    """The model the workers code with (as recorded in each coding's meta)."""
    names = set(client.run(nlp.model_name).values())
    return names.pop() if len(names) == 1 else None


def _drive(client: Client, batches: Iterator[list[Article]], store: Store, run_id: str,
           tally: _Tally, *, db_url: str | None, batch_size: int) -> dict[int, int]:
    """Keep two batches in flight per worker; take each as it completes, send the next.

    When a batch comes back, the next one is submitted *before* the finished one is written, so
    the workers code while the client writes. The number of workers is asked of the scheduler
    again at most every ``WORKERS_REFRESH`` seconds (not once per batch: no chatter), so workers
    that join late (SLURM jobs leaving the queue, an autoscaling cluster) get work too. Returns
    each worker process's peak RSS (bytes) as the workers reported it.
    """
    sent: dict[str, list[Article]] = {}
    peaks: dict[int, int] = {}
    queue = as_completed()
    workers = _WorkerCount(client)

    def top_up() -> None:
        wanted = IN_FLIGHT_PER_WORKER * workers.get()
        while len(sent) < wanted:
            batch = next(batches, None)
            if batch is None:
                return
            future = client.submit(code_partition, batch, db_url=db_url, run_id=run_id,
                                   batch_size=batch_size, pure=False)
            sent[future.key] = batch
            queue.add(future)

    top_up()
    for future in queue:
        batch = sent.pop(future.key)
        top_up()
        _collect(future, batch, store, run_id, tally, peaks)
        future.release()
    return peaks


@dataclass(slots=True)
class _WorkerCount:
    """How many worker threads the cluster has, asked of the scheduler at most every few
    seconds (each question is a round trip)."""

    client: Client
    count: int = 0
    asked: float = float("-inf")

    def get(self) -> int:
        now = time.monotonic()
        if now - self.asked >= WORKERS_REFRESH:
            self.count = max(1, sum(self.client.nthreads().values()))
            self.asked = now
        return self.count


def run_dask(sources: Iterable[Any], db_url: str | None = None, address: str = "local", *,
             published: date | None = None, batch_size: int | None = None,
             partition_size: int | None = None, retry_failures: bool = False,
             progress: bool = True, run_id: str | None = None) -> RunReport:
    """Code every article of ``sources`` on a Dask cluster into the store at ``db_url``.

    ``sources`` are what ``eventwire.run.run`` takes (paths, directories, globs; ``Article`` and
    ``Failure`` records). Resumable: what is stored already is skipped, so a second run over the
    same sources codes nothing again. ``partition_size`` (default ``batch_size``, as the local pool)
    is how many articles one task codes: small tasks keep the workers evenly busy, and a task's
    overhead (about a millisecond) is nothing beside coding it. Raises ``OptionError`` E204 for
    an address that is malformed or where no scheduler answers.
    """
    parse_address(address)  # a malformed address fails before anything is started
    batch_size = batch_size or int(DEFAULTS["batch_size"].default)
    db_url = db_url or default_db_url()
    workers_write = _is_postgres(db_url)
    run_id = run_id or uuid.uuid4().hex[:12]
    started = time.perf_counter()
    labels = ([os.fspath(s) for s in sources if isinstance(s, str | os.PathLike)]
              if isinstance(sources, Sequence) else [])
    show = progress and sys.stderr.isatty()
    with (connect(address) as client, open_store(db_url) as store,
          tqdm(unit="article", desc="eventwire", disable=not show, file=sys.stderr) as bar):
        workers = len(client.nthreads())
        model = _model_name(client)
        store.start_run(run_id, sources=labels, workers=workers, batch_size=batch_size)
        tally = _Tally(bar)
        status = "failed"
        try:
            batches = _todo(_items(sources, published), store, run_id,
                            partition_size or batch_size, retry_failures, tally)
            peaks = _drive(client, batches, store, run_id, tally,
                           db_url=db_url if workers_write else None, batch_size=batch_size)
            status = "done"
        except KeyboardInterrupt:
            status = "interrupted"
            raise
        finally:
            store.finish_run(run_id, status=status, model=model)
    for pid, peak in sorted(peaks.items()):
        log.info("worker pid %d: peak RSS %.0f MiB", pid, peak / 2**20)
    return RunReport(run_id=run_id, coded=tally.coded, skipped=tally.skipped,
                     failed=tally.failed, seconds=round(time.perf_counter() - started, 3))
