"""PostgreSQL specifics: the real server fixture, URL forms, concurrent writers and openers.

The behaviour shared with SQLite (round trip, idempotence, queries, runs, kill -9) is tested on
both backends by the ``db_url`` parametrisation in the other test files.
"""

from __future__ import annotations

import dataclasses
import threading
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest

from conftest import PostgresServer, make_coding
from eventwire.store import open_store
from eventwire.store.migrations import MIGRATIONS

pytestmark = pytest.mark.postgres


def test_the_fixture_runs_a_real_server(postgres_server: PostgresServer) -> None:
    with psycopg.connect(f"host=127.0.0.1 port={postgres_server.port} "
                         f"user={postgres_server.user} dbname=postgres") as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]
    assert int(version.split(".")[0]) >= 12


@pytest.mark.parametrize("scheme", ["postgresql", "postgres", "postgresql+psycopg"])
def test_every_url_form_opens(postgres_url: str, scheme: str) -> None:
    url = postgres_url.replace("postgresql://", f"{scheme}://", 1)
    with open_store(url) as store:
        store.write(make_coding())
        assert store.engine.dialect.driver == "psycopg"
        assert store.has("wire-001")


def test_concurrent_openers_migrate_once(postgres_url: str) -> None:
    barrier = threading.Barrier(4)

    def open_and_count(_: int) -> int:
        barrier.wait()
        with open_store(postgres_url) as store, store.engine.connect() as conn:
            return conn.exec_driver_sql("SELECT count(*) FROM schema_version").scalar()

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(open_and_count, range(4))) == [len(MIGRATIONS)] * 4


def test_concurrent_writers_of_the_same_articles_never_duplicate(postgres_url: str) -> None:
    """Workers writing straight to PostgreSQL may race on one id; the last write wins, whole."""
    versions = [dataclasses.replace(make_coding(f"wire-{i:03d}"),
                                    events=make_coding().events[:1 + n % 4])
                for n in range(8) for i in range(5)]
    barrier = threading.Barrier(4)
    with open_store(postgres_url) as store:

        def write(part: int) -> None:
            barrier.wait()
            for start in range(part * 10, part * 10 + 10, 5):
                store.write_results(versions[start:start + 5])

        with ThreadPoolExecutor(4) as pool:
            list(pool.map(write, range(4)))
        assert store.count("articles") == 5
        for article_id in store.stored_ids():
            coding = store.coding(article_id)
            assert store.count("events") >= len(coding.events)
        expected = sum(len(store.coding(i).events) for i in store.stored_ids())
        assert store.count("events") == expected
