"""The store on SQLite and PostgreSQL: exact round trip, idempotence, failures, atomicity."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_coding
from eventwire.errors import OptionError, StoreError
from eventwire.records import Actor, Article, Coding, Event, Failure, Meta, Span
from eventwire.store import (
    MIGRATIONS,
    ArticleRows,
    current_version,
    display_url,
    normalise_url,
    open_store,
    prepare_results,
    schema,
)

TABLES = ("articles", "actors", "places", "dates", "figures", "quotes", "events",
          "event_actors")


def _counts(store) -> dict[str, int]:
    return {table: store.count(table) for table in TABLES}


def test_written_coding_comes_back_exactly(db_url: str) -> None:
    coding = make_coding()
    with open_store(db_url) as store:
        store.write(coding)
        assert store.coding(coding.article.id) == coding
        assert store.has(coding.article.id)
        assert not store.has("no-such-article")
        assert store.stored_ids() == {coding.article.id}


def test_rows_are_flattened_for_queries(db_url: str) -> None:
    coding = make_coding()
    with open_store(db_url) as store:
        store.write(coding)
        assert _counts(store) == {"articles": 1, "actors": 7, "places": 1, "dates": 1,
                                  "figures": 1, "quotes": 1, "events": 4, "event_actors": 8}
        with store.engine.connect() as conn:
            ea = schema.event_actors.c
            rows = conn.execute(sa.select(ea.role, ea.name, ea.country, ea.sector, ea.leaf,
                                          ea.member_of)
                                .where(ea.event_uid == "wire-001/E4")
                                .order_by(ea.seq)).all()
            event = conn.execute(sa.select(schema.events).where(
                schema.events.c.uid == "wire-001/E1")).one()
    # the compound actor of E4 is kept as a shell, its members flattened beside it
    assert [tuple(r) for r in rows] == [
        ("actor", "Syria and Turkey", None, None, False, None),
        ("actor", "Syrian Armed Forces", "SYR", "MIL", True, "A5"),
        ("actor", "Foreign Minister of Turkey", "TUR", "GOV", True, "A5"),
    ]
    assert (event.event, event.actor_country, event.recipient_sector, event.place_country,
            event.dead, event.day, event.week, event.month) == (
        "ASSAULT", "SYR", "REB", "SYR", 12, date(2026, 3, 3), "2026-W10", "2026-03")


def test_writing_again_never_duplicates(db_url: str) -> None:
    first, second = make_coding("wire-001"), make_coding("wire-002")
    with open_store(db_url) as store:
        for _ in range(3):
            store.write(first)
            store.write_results([first, second])
        assert store.count("articles") == 2
        assert store.count("events") == 8
        assert store.coding("wire-002") == second


def test_recoded_article_replaces_its_rows(db_url: str) -> None:
    old = make_coding()
    new = dataclasses.replace(old, events=old.events[:1], actors=old.actors[:2],
                              meta=Meta(version="0.2.0", model="test-model"))
    with open_store(db_url) as store:
        store.write(old)
        store.write(new)
        assert store.coding(old.article.id) == new
        assert store.count("events") == 1
        assert store.count("actors") == 2
        assert store.count("event_actors") == 2


def test_failures_are_recorded_counted_and_cleared(db_url: str) -> None:
    coding = make_coding(source="wire.jsonl:7")
    bad = Failure(source="wire.jsonl:7", reason="E106: wire.jsonl:7: line 7 is not JSON",
                  code="E106")
    other = Failure(source="broken.html", reason="E108: broken.html: no text", code="E108",
                    article_id="x1")
    with open_store(db_url) as store:
        store.write_failure(bad, "run-1")
        store.write_failure(bad, "run-2")
        store.write_failure(other)
        found = {f.source: f for f in store.failures()}
        assert found["wire.jsonl:7"].attempts == 2
        assert found["wire.jsonl:7"].run_id == "run-2"
        assert found["wire.jsonl:7"].failure() == bad
        assert found["broken.html"].failure() == other
        assert found["broken.html"].failed_at.tzinfo is not None
        assert store.failed_sources(["wire.jsonl:7", "fine.txt"]) == {"wire.jsonl:7"}
        assert store.failed_ids(["x1", "x2"]) == {"x1"}
        store.write(coding)  # the input now codes: its failure row goes
        assert [f.source for f in store.failures()] == ["broken.html"]


def test_batch_with_a_bad_record_keeps_the_good_ones(db_url: str) -> None:
    good = make_coding("good-1")
    twin = make_coding("bad-1")
    bad = dataclasses.replace(twin, events=(twin.events[0], twin.events[0]))  # duplicate id
    with open_store(db_url) as store:
        store.start_run("r1", sources=["x"], workers=1, batch_size=2)
        counts = store.write_results([good, bad], run_id="r1")
        assert (counts.coded, counts.failed) == (1, 1)
        assert store.stored_ids() == {"good-1"}
        (failure,) = store.failures()
        assert failure.article_id == "bad-1" and failure.code == "E302"
        assert "cannot store the coding" in failure.reason
        (run,) = store.runs()
        assert (run.coded, run.failed) == (1, 1)


def test_rows_prepared_elsewhere_write_what_the_records_write(db_url: str,
                                                               tmp_path: Path) -> None:
    """What a pool or Dask worker prepares (pickled, as it travels) stores the same rows."""
    import pickle

    results = [make_coding("wire-001"), make_coding("wire-002", source="wire.jsonl:2"),
               Failure(source="wire.jsonl:3", reason="E106: not JSON", code="E106")]
    prepared = pickle.loads(pickle.dumps(prepare_results(results, run_id="r1")))
    assert [type(p).__name__ for p in prepared] == ["ArticleRows", "ArticleRows", "Failure"]
    assert {p.article["run_id"] for p in prepared if isinstance(p, ArticleRows)} == {"r1"}
    plain = f"sqlite:///{tmp_path / 'plain.db'}"
    with open_store(db_url) as store, open_store(plain) as reference:
        for target in (store, reference):
            target.start_run("r1", sources=["x"], workers=2, batch_size=3)
        counts = store.write_prepared(prepared, run_id="r1", skipped=4)
        assert counts == reference.write_results(results, run_id="r1", skipped=4)
        assert (counts.coded, counts.failed) == (2, 1)
        assert _counts(store) == _counts(reference)
        assert list(store.codings()) == list(reference.codings()) == results[:2]
        assert [f.failure() for f in store.failures()] == [results[2]]
        (run,) = store.runs()
        assert (run.coded, run.failed, run.skipped) == (2, 1, 4)


def test_prepared_batch_with_a_bad_record_keeps_the_good_ones(db_url: str) -> None:
    twin = make_coding("bad-1")
    bad = dataclasses.replace(twin, events=(twin.events[0], twin.events[0]))  # duplicate id
    with open_store(db_url) as store:
        counts = store.write_prepared(prepare_results([make_coding("good-1"), bad], run_id=None))
        assert (counts.coded, counts.failed) == (1, 1)
        assert store.stored_ids() == {"good-1"}
        assert [f.code for f in store.failures()] == ["E302"]


def test_runs_are_recorded(db_url: str) -> None:
    with open_store(db_url) as store:
        store.start_run("r1", sources=["a.jsonl", "b/"], workers=2, batch_size=16)
        store.write_results([make_coding()], run_id="r1", skipped=3)
        store.finish_run("r1", status="done", model="test-model")
        (run,) = store.runs()
    assert (run.run_id, run.status, run.coded, run.skipped, run.failed, run.sources,
            run.model, run.workers) == ("r1", "done", 1, 3, 0, ("a.jsonl", "b/"),
                                        "test-model", 2)
    assert run.ended_at is not None and run.ended_at >= run.started_at


def test_codings_streams_everything_in_id_order(db_url: str) -> None:
    codings = [make_coding(f"wire-{i:03d}") for i in (5, 1, 3, 2, 4)]
    with open_store(db_url) as store:
        store.write_results(codings)
        assert [c.article.id for c in store.codings(chunk_size=2)] == [
            f"wire-{i:03d}" for i in (1, 2, 3, 4, 5)]
        with pytest.raises(KeyError):
            store.coding("wire-999")


def test_migrations_are_recorded_and_build_the_declared_schema(db_url: str) -> None:
    open_store(db_url).close()
    # opening again applies nothing twice
    with open_store(db_url) as store, store.engine.connect() as conn:
        assert current_version(conn) == MIGRATIONS[-1].version
        applied = conn.execute(sa.select(schema.schema_version.c.version)).scalars().all()
        inspector = sa.inspect(conn)
        for table in schema.metadata.sorted_tables:
            columns = {c["name"] for c in inspector.get_columns(table.name)}
            assert columns == set(table.columns.keys()), table.name
    assert applied == [m.version for m in MIGRATIONS]


def test_a_version_2_database_gains_dates_field_and_keeps_its_rows(db_url: str) -> None:
    with open_store(db_url) as store:
        store.write(make_coding())
        with store.engine.begin() as conn:  # take the database back to version 2
            conn.execute(sa.text("ALTER TABLE dates DROP COLUMN field"))
            conn.execute(sa.delete(schema.schema_version).where(
                schema.schema_version.c.version == 3))
    with open_store(db_url) as store, store.engine.connect() as conn:
        assert current_version(conn) == 3
        columns = {c["name"] for c in sa.inspect(conn).get_columns("dates")}
        assert "field" in columns
        fields = conn.execute(sa.select(schema.dates.c.field)).scalars().all()
        assert fields and set(fields) == {"text"}
        assert store.coding(make_coding().article.id) == make_coding()


def test_a_date_read_in_the_title_is_stored_as_such(db_url: str) -> None:
    import eventwire

    coding = eventwire.code("Police said two men were arrested in Kano on Monday.",
                            title="Kano clashes of 3 May 2024", published=date(2024, 5, 6))
    assert any(s.field == "title" for d in coding.dates for s in d.spans)
    with open_store(db_url) as store, store.engine.connect() as conn:
        store.write(coding)
        rows = conn.execute(sa.select(schema.dates.c.text, schema.dates.c.field,
                                      schema.dates.c.start)).all()
    by_field = {field: (text, start) for text, field, start in rows}
    text, start = by_field["title"]
    assert coding.article.title[start:start + len(text)] == text
    assert "text" in by_field


def test_sqlite_store_uses_wal(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'w.db'}") as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


@pytest.mark.parametrize("url", ["mysql://localhost/db", "events.db", "sqlite://", "",
                                 "postgresql+asyncpg://u@h/db", "http://example.org"])
def test_bad_urls_are_option_errors(url: str) -> None:
    with pytest.raises(OptionError) as caught:
        open_store(url)
    assert caught.value.code == "E203"


def test_postgres_urls_mean_psycopg3() -> None:
    assert normalise_url("postgresql://u:pw@h:5433/db") == "postgresql+psycopg://u:pw@h:5433/db"
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"
    assert display_url("postgresql://u:secret@h/db") == "postgresql://u:***@h/db"


def test_unopenable_databases_are_store_errors(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    with pytest.raises(StoreError) as caught:
        open_store(f"sqlite:///{missing}", create=False)
    assert caught.value.code == "E301" and not missing.exists()
    with pytest.raises(StoreError) as caught:
        open_store(f"sqlite:///{tmp_path / 'no' / 'such' / 'dir' / 'x.db'}")
    assert caught.value.code == "E301"
    with pytest.raises(StoreError) as caught:
        open_store("postgresql://nobody@127.0.0.1:1/none")
    assert caught.value.code == "E301"
    assert "127.0.0.1" in str(caught.value)


KILL_MID_WRITE = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, {tests!r})
    from conftest import make_coding
    from eventwire.store import core, open_store, schema

    def dying(self, conn, batch):
        # the article row and some children are written, then the power goes
        (rows,) = batch
        self._upsert_articles(conn, [rows.article])
        for table in (schema.event_actors, schema.events, schema.actors):
            conn.execute(table.delete().where(table.c.article_id == rows.article["id"]))
        conn.execute(schema.actors.insert(), rows.actors)
        os.kill(os.getpid(), signal.SIGKILL)

    store = open_store({url!r})
    store.write(make_coding("kept"))
    core.Store._write_articles = dying
    store.write(make_coding("half"))
""")


def test_kill_mid_transaction_leaves_no_half_article(db_url: str) -> None:
    script = KILL_MID_WRITE.format(tests=str(Path(__file__).parent), url=db_url)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, env=os.environ.copy(), check=False)
    assert done.returncode == -9, done.stderr
    with open_store(db_url) as store:
        assert store.stored_ids() == {"kept"}
        assert store.coding("kept") == make_coding("kept")
        assert _counts(store)["actors"] == 7  # the dead writer's actor rows never landed


# --------------------------------------------------------------------------------------------
# property: whatever a coding holds, the store gives it back unchanged

names = st.text(min_size=1, max_size=12)
maybe = st.none() | names
codes = st.none() | st.sampled_from(["SYR", "TUR", "UNO", "NGO", "GBR"])
spans = st.lists(st.builds(Span, st.integers(0, 50), st.integers(50, 99)), max_size=2).map(tuple)


@st.composite
def actors(draw: st.DrawFn, prefix: str, depth: int = 1) -> tuple[Actor, ...]:
    n = draw(st.integers(0, 3))
    found = []
    for i in range(n):
        members = draw(actors(f"{prefix}{i}m", depth - 1)) if depth > 0 else ()
        found.append(Actor(id=f"{prefix}{i}", text=draw(names), name=draw(names),
                           country=draw(codes), sector=draw(st.none() | st.just("GOV")),
                           count=draw(st.none() | st.integers(0, 10**6)),
                           members=members, spans=draw(spans)))
    return tuple(found)


@st.composite
def codings(draw: st.DrawFn) -> Coding:
    text = draw(st.text(min_size=1, max_size=200))
    article = Article(id=draw(st.text("abcdef0123456789/:.", min_size=1, max_size=300)), text=text,
                      source=draw(st.text(max_size=20)), title=draw(maybe),
                      published=draw(st.none() | st.dates(date(1900, 1, 1), date(2100, 1, 1))),
                      byline=tuple(draw(st.lists(names, max_size=2))))
    cast = draw(actors("A"))
    events = tuple(
        Event(id=f"E{i}", event=draw(st.sampled_from(["ASSAULT", "AGREE", "PROTEST"])),
              trigger=draw(names), actors=draw(actors(f"E{i}a")),
              recipients=draw(actors(f"E{i}r")),
              date=draw(st.none() | st.dates(date(1900, 1, 1), date(2100, 1, 1))),
              negated=draw(st.booleans()), sentence=draw(st.text(max_size=60)),
              confidence=draw(st.floats(0, 1)), spans=draw(spans))
        for i in range(draw(st.integers(0, 3))))
    return Coding(article=article, meta=Meta(version="0.1.0", model="m"), actors=cast,
                  events=events)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(coding=codings())
def test_any_coding_round_trips(tmp_path: Path, coding: Coding) -> None:
    url = f"sqlite:///{tmp_path / 'prop.db'}"
    with open_store(url) as store:
        store.write(coding)
        assert store.coding(coding.article.id) == coding
        store.write(coding)
        assert store.count("events") == sum(len(c.events) for c in store.codings())


@pytest.mark.postgres
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(coding=codings())
def test_any_coding_round_trips_on_postgres(postgres_url: str, coding: Coding) -> None:
    with open_store(postgres_url) as store:
        store.write(coding)
        assert store.coding(coding.article.id) == coding
