"""``Store``: write codings and failures, read them back; SQLite or PostgreSQL by URL.

Writing one article is one transaction that first upserts the article's row (which, on
PostgreSQL, also locks it against a concurrent writer of the same id), then deletes the article's
old child rows and inserts the new ones. So re-running never duplicates rows, a re-coded article
replaces its rows, and a reader never sees half an article. ``write_results`` writes a whole batch
of results (codings and failures) in one transaction — the fast path of corpus runs — and falls
back to one transaction per article if the batch is refused, so that one bad record cannot sink
its neighbours.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect

from eventwire import __version__
from eventwire.errors import OptionError, StoreError
from eventwire.records import Coding, Failure, from_json
from eventwire.store import schema
from eventwire.store.migrations import migrate
from eventwire.store.rows import ArticleRows, rows_for

__all__ = ["ArticleRows", "BatchCounts", "RunRow", "Store", "StoredFailure", "display_url",
           "normalise_url", "open_store", "prepare_results"]

_CHILD_TABLES = (schema.event_actors, schema.events, schema.actors, schema.places, schema.dates,
                 schema.figures, schema.quotes)
_IN_CHUNK = 500  # ids per IN (...) list: well under SQLite's and PostgreSQL's parameter limits


def _chunked(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for i in range(0, len(values), _IN_CHUNK):
        yield values[i:i + _IN_CHUNK]


@dataclass(frozen=True, slots=True)
class BatchCounts:
    """What writing a batch of results did."""

    coded: int = 0
    failed: int = 0

    def __add__(self, other: BatchCounts) -> BatchCounts:
        return BatchCounts(self.coded + other.coded, self.failed + other.failed)


@dataclass(frozen=True, slots=True)
class StoredFailure:
    """One row of the ``failures`` table."""

    source: str
    article_id: str | None
    code: str
    reason: str
    run_id: str | None
    failed_at: datetime
    attempts: int

    def failure(self) -> Failure:
        """The ``Failure`` record this row was written from."""
        return Failure(source=self.source, reason=self.reason, code=self.code,
                       article_id=self.article_id)


@dataclass(frozen=True, slots=True)
class RunRow:
    """One row of the ``runs`` table."""

    run_id: str
    started_at: datetime
    ended_at: datetime | None
    status: str
    coded: int
    skipped: int
    failed: int
    engine_version: str
    model: str | None
    workers: int | None
    batch_size: int | None
    sources: tuple[str, ...]


def _utc(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every one we write is UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def normalise_url(url: str) -> str:
    """The SQLAlchemy URL for a user's database URL; ``postgresql://`` means psycopg 3.

    Raises ``OptionError`` E203 for anything that is not a SQLite or PostgreSQL URL.
    """
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        raise OptionError("E203", value=url) from None
    backend, _, driver = parsed.drivername.partition("+")
    if backend == "sqlite" and driver in ("", "pysqlite"):
        if parsed.database in (None, ""):
            raise OptionError("E203", value=url)
        return parsed.render_as_string(hide_password=False)
    if backend in ("postgresql", "postgres") and driver in ("", "psycopg"):
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    raise OptionError("E203", value=url)


def _safe(url: str) -> str:
    """The URL with any password hidden, for messages."""
    return sa.engine.make_url(url).render_as_string(hide_password=True)


def display_url(url: str) -> str:
    """A user's database URL as it may be printed: the password, if any, hidden."""
    try:
        return _safe(url)
    except sa.exc.ArgumentError:
        return url


def _sqlite_events(engine: sa.Engine) -> None:
    """Real transactions on SQLite (also around DDL), WAL, foreign keys, a busy timeout."""

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 30000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))


def open_store(url: str, *, create: bool = True) -> Store:
    """Open (creating and migrating if needed) the store at ``url``.

    ``sqlite:///path.db`` (WAL mode) or ``postgresql://user@host/db`` (psycopg 3). Raises
    ``OptionError`` E203 for a URL of another kind and ``StoreError`` E301 when the database
    cannot be opened — or, with ``create=False`` (for commands that only read), when a SQLite
    file does not exist yet, rather than creating an empty one.
    """
    sa_url = normalise_url(url)
    database = sa.engine.make_url(sa_url).database
    if (not create and sa_url.startswith("sqlite") and database not in (None, "", ":memory:")
            and not Path(database).exists()):
        raise StoreError("E301", url=_safe(sa_url),
                         detail="no such database file; fill it first with: eventwire run")
    try:
        engine = sa.create_engine(sa_url, pool_pre_ping=True)
    except (ImportError, sa.exc.ArgumentError) as error:
        raise StoreError("E301", url=_safe(sa_url), detail=str(error)) from None
    if engine.dialect.name == "sqlite":
        _sqlite_events(engine)
    try:
        migrate(engine)
    except (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.ProgrammingError,
            sa.exc.DatabaseError) as error:
        engine.dispose()
        detail = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise StoreError("E301", url=_safe(sa_url), detail=detail) from None
    return Store(engine)


def prepare_results(results: Iterable[Coding | Failure], *,
                    run_id: str | None) -> list[ArticleRows | Failure]:
    """The rows each coding writes (``ArticleRows``); failures pass through as they are.

    Pure and picklable both ways, so it can run in the process that coded the batch, and only
    ``Store.write_prepared`` (SQL) is left to the writer. ``run_id`` is stamped on every article.
    """
    return [r if isinstance(r, Failure) else rows_for(r, run_id=run_id) for r in results]


class Store:
    """A database of codings, failures and runs. Use ``open_store(url)`` to get one."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.url = _safe(engine.url.render_as_string(hide_password=False))

    # -- context management ------------------------------------------------------------------

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------

    def _insert(self, table: sa.Table) -> Any:
        module = pg_dialect if self.engine.dialect.name == "postgresql" else sqlite_dialect
        return module.insert(table)

    def _upsert_articles(self, conn: sa.Connection, rows: list[dict[str, Any]]) -> None:
        stmt = self._insert(schema.articles)
        update = {k: stmt.excluded[k] for k in rows[0] if k != "id"}
        conn.execute(stmt.on_conflict_do_update(index_elements=["id"], set_=update), rows)

    def _write_articles(self, conn: sa.Connection, batch: Sequence[ArticleRows]) -> None:
        """Write whole articles: upsert their rows, replace their child rows, clear failures.

        Statements are per table for the whole batch (not per article), which is what makes
        batched transactions fast; articles are upserted in id order so that two PostgreSQL
        writers never wait on each other in a cycle. The last coding of a repeated id wins.
        """
        unique = sorted({rows.article["id"]: rows for rows in batch}.items())
        if not unique:
            return
        ids = [article_id for article_id, _ in unique]
        articles = [rows for _, rows in unique]
        self._upsert_articles(conn, [rows.article for rows in articles])
        for table in _CHILD_TABLES:
            for chunk in _chunked(ids):
                conn.execute(table.delete().where(table.c.article_id.in_(chunk)))
        for name in ("actors", "places", "dates", "figures", "quotes", "events",
                     "event_actors"):
            items = [row for rows in articles for row in getattr(rows, name)]
            if items:
                conn.execute(schema.metadata.tables[name].insert(), items)
        sources = [rows.article["source"] for rows in articles if rows.article["source"]]
        f = schema.failures.c
        for chunk in _chunked(ids):
            conn.execute(schema.failures.delete().where(f.article_id.in_(chunk)))
        for chunk in _chunked(sources):
            conn.execute(schema.failures.delete().where(f.source.in_(chunk)))

    def _write_failure(self, conn: sa.Connection, failure: Failure, run_id: str | None) -> None:
        values = {"source": failure.source, "article_id": failure.article_id,
                  "code": failure.code, "reason": failure.reason, "run_id": run_id,
                  "failed_at": datetime.now(UTC), "attempts": 1}
        stmt = self._insert(schema.failures).values(values)
        update = {k: stmt.excluded[k] for k in values if k not in ("source", "attempts")}
        update["attempts"] = schema.failures.c.attempts + 1
        conn.execute(stmt.on_conflict_do_update(index_elements=["source"], set_=update))

    def _count_run(self, conn: sa.Connection, run_id: str | None, counts: BatchCounts,
                   skipped: int) -> None:
        if run_id is None or (counts.coded == counts.failed == skipped == 0):
            return
        c = schema.runs.c
        conn.execute(schema.runs.update().where(c.run_id == run_id).values(
            coded=c.coded + counts.coded, failed=c.failed + counts.failed,
            skipped=c.skipped + skipped))

    def _transaction(self, work: Any) -> Any:
        """Run ``work(conn)`` in one transaction; database errors become ``StoreError`` E302.

        On SQLite the transaction takes the write lock at once (``BEGIN IMMEDIATE``): a deferred
        one that reads first and then writes fails with "database is locked", without waiting
        out the busy timeout, when another connection wrote in between."""
        try:
            with (self.engine.connect().execution_options(sqlite_begin="BEGIN IMMEDIATE")
                  as conn, conn.begin()):
                return work(conn)
        except sa.exc.OperationalError as error:
            detail = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
            raise StoreError("E302", url=self.url, detail=detail) from None

    def write(self, coding: Coding, *, run_id: str | None = None) -> None:
        """Store one article's coding in one transaction, replacing any earlier coding of it."""
        rows = rows_for(coding, run_id=run_id)
        self._transaction(lambda conn: self._write_articles(conn, [rows]))

    def write_failure(self, failure: Failure, run_id: str | None = None) -> None:
        """Record an input that could not be coded (a second failure of it counts an attempt)."""
        self._transaction(lambda conn: self._write_failure(conn, failure, run_id))

    def write_results(self, results: Sequence[Coding | Failure], *, run_id: str | None = None,
                      skipped: int = 0) -> BatchCounts:
        """Store a batch of codings and failures in one transaction and count them in the run.

        If the database refuses the batch (a record breaking a constraint), each result is
        written in its own transaction instead, and a coding that still cannot be written becomes
        a failure (E302) with the database's reason: nothing is dropped silently.
        """
        return self.write_prepared(prepare_results(results, run_id=run_id), run_id=run_id,
                                   skipped=skipped)

    def write_prepared(self, prepared: Sequence[ArticleRows | Failure], *,
                       run_id: str | None = None, skipped: int = 0) -> BatchCounts:
        """``write_results`` for results already turned into rows by ``prepare_results``.

        Corpus runs prepare the rows where the coding happened (a pool or Dask worker), so that
        the one writer only executes SQL: flattening a coding costs more than inserting it.
        """
        counts = BatchCounts(coded=sum(isinstance(p, ArticleRows) for p in prepared),
                             failed=sum(isinstance(p, Failure) for p in prepared))

        def batch(conn: sa.Connection) -> None:
            self._write_articles(conn, [p for p in prepared if isinstance(p, ArticleRows)])
            for item in prepared:
                if isinstance(item, Failure):
                    self._write_failure(conn, item, run_id)
            self._count_run(conn, run_id, counts, skipped)

        try:
            self._transaction(batch)
        except (sa.exc.IntegrityError, sa.exc.DataError):
            return self._write_one_by_one(list(prepared), run_id, skipped)
        return counts

    def _write_one_by_one(self, prepared: list[ArticleRows | Failure], run_id: str | None,
                          skipped: int) -> BatchCounts:
        total = BatchCounts()
        for item in prepared:
            if isinstance(item, Failure):
                self.write_failure(item, run_id)
                total += BatchCounts(failed=1)
                continue
            try:
                self._transaction(lambda conn, rows=item: self._write_articles(conn, [rows]))
                total += BatchCounts(coded=1)
            except (sa.exc.IntegrityError, sa.exc.DataError) as error:
                reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
                self.write_failure(Failure(source=item.article["source"] or item.article["id"],
                                           reason=f"cannot store the coding: {reason}",
                                           code="E302", article_id=item.article["id"]), run_id)
                total += BatchCounts(failed=1)
        self._transaction(lambda conn: self._count_run(conn, run_id, total, skipped))
        return total

    def count_skipped(self, run_id: str, skipped: int) -> None:
        """Add articles a run skipped to its count."""
        self._transaction(lambda conn: self._count_run(conn, run_id, BatchCounts(), skipped))

    # -- runs ----------------------------------------------------------------------------------

    def start_run(self, run_id: str, *, sources: Sequence[str], workers: int | None,
                  batch_size: int | None) -> None:
        """Record the start of a corpus run."""
        values = {"run_id": run_id, "started_at": datetime.now(UTC), "status": "running",
                  "coded": 0, "skipped": 0, "failed": 0, "engine_version": __version__,
                  "workers": workers, "batch_size": batch_size,
                  "sources": json.dumps(list(sources))}
        self._transaction(lambda conn: conn.execute(schema.runs.insert().values(values)))

    def finish_run(self, run_id: str, *, status: str, model: str | None = None) -> None:
        """Record how a run ended (done, interrupted, failed)."""
        values: dict[str, Any] = {"ended_at": datetime.now(UTC), "status": status}
        if model:
            values["model"] = model
        stmt = schema.runs.update().where(schema.runs.c.run_id == run_id).values(values)
        self._transaction(lambda conn: conn.execute(stmt))

    def runs(self) -> list[RunRow]:
        """Every run, oldest first."""
        with self.engine.connect() as conn:
            result = conn.execute(sa.select(schema.runs).order_by(schema.runs.c.started_at))
            return [RunRow(**{**row._asdict(), "started_at": _utc(row.started_at),
                              "ended_at": _utc(row.ended_at),
                              "sources": tuple(json.loads(row.sources or "[]"))})
                    for row in result]

    # -- reading -------------------------------------------------------------------------------

    def stored_ids(self) -> frozenset[str]:
        """The ids of every stored article (for large stores prefer ``existing(ids)``)."""
        with self.engine.connect() as conn:
            return frozenset(conn.execute(sa.select(schema.articles.c.id)).scalars())

    def has(self, article_id: str) -> bool:
        """Whether the article is stored."""
        return bool(self.existing([article_id]))

    def existing(self, article_ids: Iterable[str]) -> frozenset[str]:
        """Which of these article ids are stored (memory bounded by the question, not the store)."""
        return self._present(schema.articles.c.id, article_ids)

    def failed_ids(self, article_ids: Iterable[str]) -> frozenset[str]:
        """Which of these article ids are recorded as failures."""
        return self._present(schema.failures.c.article_id, article_ids)

    def failed_sources(self, sources: Iterable[str]) -> frozenset[str]:
        """Which of these sources are recorded as failures."""
        return self._present(schema.failures.c.source, sources)

    def _present(self, column: sa.Column, values: Iterable[str]) -> frozenset[str]:
        wanted = list(dict.fromkeys(values))
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), _IN_CHUNK):
                chunk = wanted[i:i + _IN_CHUNK]
                found.update(conn.execute(sa.select(column).where(column.in_(chunk))).scalars())
        return frozenset(found)

    def coding(self, article_id: str) -> Coding:
        """The coding stored for an article, exactly as written; ``KeyError`` if there is none."""
        with self.engine.connect() as conn:
            text = conn.execute(sa.select(schema.articles.c.coding)
                                .where(schema.articles.c.id == article_id)).scalar()
        if text is None:
            raise KeyError(article_id)
        return from_json(Coding, text)

    def codings(self, *, chunk_size: int = 500) -> Iterator[Coding]:
        """Every stored coding, ordered by article id, read in chunks (memory stays flat)."""
        after = ""
        column = schema.articles.c
        while True:
            with self.engine.connect() as conn:
                chunk = conn.execute(sa.select(column.id, column.coding).where(column.id > after)
                                     .order_by(column.id).limit(chunk_size)).all()
            if not chunk:
                return
            for row in chunk:
                yield from_json(Coding, row.coding)
            after = chunk[-1].id

    def failures(self) -> list[StoredFailure]:
        """Every recorded failure, most recent first."""
        with self.engine.connect() as conn:
            result = conn.execute(sa.select(schema.failures)
                                  .order_by(schema.failures.c.failed_at.desc(),
                                            schema.failures.c.source))
            return [StoredFailure(**{**row._asdict(), "failed_at": _utc(row.failed_at)})
                    for row in result]

    # -- deduplicated events ---------------------------------------------------------------------

    def write_clusters(self, clusters: Iterable[Any], members: Iterable[Any]) -> int:
        """Replace the deduplicated events (``dedup.ClusterRow`` / ``MemberRow`` records) in one
        transaction, so readers see the old set or the new one, never a mix."""
        cluster_rows = [dataclasses.asdict(c) for c in clusters]
        member_rows = [dataclasses.asdict(m) for m in members]

        def work(conn: sa.Connection) -> int:
            conn.execute(schema.cluster_members.delete())
            conn.execute(schema.event_clusters.delete())
            for chunk in _chunked(cluster_rows):
                conn.execute(schema.event_clusters.insert(), list(chunk))
            for chunk in _chunked(member_rows):
                conn.execute(schema.cluster_members.insert(), list(chunk))
            return len(cluster_rows)

        return self._transaction(work)

    def clusters(self, *, merged_only: bool = False, limit: int | None = None) -> Iterator[Any]:
        """The stored deduplicated events (``dedup.ClusterRow``), most reported first."""
        from eventwire.dedup import ClusterRow

        c = schema.event_clusters.c
        stmt = sa.select(schema.event_clusters).order_by(c.n_articles.desc(), c.date.is_(None),
                                                         c.date, c.cluster_id)
        if merged_only:
            stmt = stmt.where(c.n_events > 1)
        if limit is not None:
            stmt = stmt.limit(limit)
        with self.engine.connect() as conn:
            for row in conn.execute(stmt):
                yield ClusterRow(**row._asdict())

    def count(self, table: str) -> int:
        """Rows in one of the store's tables (for reports and tests)."""
        target = schema.metadata.tables[table]
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(target)).scalar() or 0)
