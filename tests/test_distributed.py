"""Dask corpus runs end to end on a real 2-worker LocalCluster, against SQLite and PostgreSQL.

The corpus is a JSONL file of short wire stories we wrote, plus one broken line. Every test
compares what the Dask run stored with a plain single-process run (``code_many`` + ``Store``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from distributed import wait

import eventwire.distributed as distributed_module
from eventwire.distributed import (
    ModelPlugin,
    code_partition,
    connect,
    local_cluster,
    parse_address,
    run_dask,
)
from eventwire.errors import OptionError
from eventwire.pipeline import WARM_UP, code_many
from eventwire.records import Article, Coding, Failure, from_json
from eventwire.store import ArticleRows, open_store

pytestmark = pytest.mark.dask

STORIES = [
    "KABUL, May 4 (Wire) - Gunmen attacked a police checkpoint in Kandahar on Sunday, killing "
    "three officers, the provincial governor said.",
    "NAIROBI, May 4 (Wire) - Kenya's president met the Ugandan foreign minister in Nairobi on "
    "Monday to discuss a trade dispute, officials said.",
    "BOGOTA, May 5 (Wire) - Thousands of students marched through central Bogota on Tuesday to "
    "protest against cuts to university funding.",
    "MOSCOW, May 5 (Wire) - Russia's foreign ministry accused Britain of spreading lies about "
    "the poisoning of a former spy, state media reported.",
    "ADDIS ABABA, May 6 (Wire) - Ethiopian troops arrested 40 people suspected of links to an "
    "armed group in the Amhara region, police said on Wednesday.",
    "MANILA, May 6 (Wire) - The Philippine navy said Chinese coast guard ships fired water "
    "cannon at a supply boat near a disputed shoal.",
    "CAIRO, May 7 (Wire) - Egypt agreed to host talks between Israel and Hamas on a ceasefire "
    "in Gaza, an Egyptian official said on Thursday.",
    "LAGOS, May 7 (Wire) - Police in Lagos fired tear gas to disperse hundreds of traders "
    "protesting against the demolition of a market.",
    "KYIV, May 8 (Wire) - Ukraine said Russian drones struck an energy facility in the Kharkiv "
    "region overnight, injuring two workers.",
    "BAMAKO, May 8 (Wire) - Mali's military government expelled the French ambassador and gave "
    "him 72 hours to leave the country.",
    "LIMA, May 9 (Wire) - Peru's congress voted to remove the president from office after an "
    "impeachment debate that lasted eight hours.",
    "ISLAMABAD, May 9 (Wire) - A suicide bomber killed at least 11 people at a market in "
    "Peshawar on Saturday, a hospital spokesman said.",
]


def _write_corpus(path: Path, stories: list[str]) -> Path:
    lines = [json.dumps({"id": f"wire-{n:03}", "text": text, "published": "2026-05-09"})
             for n, text in enumerate(stories)]
    lines.insert(5, "{this line is not JSON")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return _write_corpus(tmp_path / "wire.jsonl", STORIES)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A real 2-worker LocalCluster on loopback, one thread per worker process.

    This process codes one article first, so the gazetteer index the workers open is built
    before two of them start at once (two first builds at the same moment collide on one
    temporary file: reported to the places work).
    """
    list(code_many([WARM_UP]))
    with local_cluster(2) as cluster:  # the cluster `--dask local:2` starts
        yield cluster.scheduler_address


def _stored(url: str) -> dict[str, Coding]:
    with open_store(url) as store:
        return {article_id: store.coding(article_id) for article_id in store.stored_ids()}


def _counts(url: str) -> dict[str, int]:
    tables = ("articles", "events", "actors", "places", "event_actors", "failures")
    with open_store(url) as store:
        return {table: store.count(table) for table in tables}


def _articles(path: Path) -> list[Article]:
    from eventwire.ingest import read_sources

    return [a for a in read_sources([str(path)]) if isinstance(a, Article)]


def _single_process(path: Path, url: str) -> dict[str, Coding]:
    with open_store(url) as store:
        for coding in code_many(_articles(path)):
            store.write(coding)
    return _stored(url)


def test_dask_run_stores_what_a_single_process_run_stores(corpus: Path, db_url: str,
                                                          scheduler: str, tmp_path: Path):
    report = run_dask([str(corpus)], db_url, scheduler, batch_size=4, partition_size=3,
                      progress=False)
    assert (report.coded, report.skipped, report.failed) == (len(STORIES), 0, 1)
    expected = _single_process(corpus, f"sqlite:///{tmp_path / 'plain.db'}")
    assert _stored(db_url) == expected
    counts = _counts(db_url)
    assert counts["articles"] == len(STORIES)
    assert counts == {**_counts(f"sqlite:///{tmp_path / 'plain.db'}"), "failures": 1}
    with open_store(db_url) as store:
        (failure,) = store.failures()
        (run,) = store.runs()
    assert failure.code == "E106" and failure.run_id == report.run_id
    assert (run.run_id, run.status, run.coded, run.failed) == (report.run_id, "done",
                                                                len(STORIES), 1)


def test_a_second_run_codes_nothing_and_duplicates_nothing(corpus: Path, db_url: str,
                                                           scheduler: str):
    first = run_dask([str(corpus)], db_url, scheduler, batch_size=4, progress=False)
    before = _counts(db_url)
    stored = _stored(db_url)
    second = run_dask([str(corpus)], db_url, scheduler, batch_size=4, progress=False)
    assert first.coded == len(STORIES)
    assert (second.coded, second.skipped, second.failed) == (0, len(STORIES) + 1, 0)
    assert _counts(db_url) == before
    assert _stored(db_url) == stored


def test_a_partly_coded_corpus_is_completed_without_recoding(corpus: Path, db_url: str,
                                                            scheduler: str, tmp_path: Path):
    with open_store(db_url) as store:  # as a run cut short after five articles leaves it
        for coding in code_many(_articles(corpus)[:5]):
            store.write(coding)
    report = run_dask([str(corpus)], db_url, scheduler, batch_size=2, progress=False)
    assert (report.coded, report.skipped, report.failed) == (len(STORIES) - 5, 5, 1)
    assert _stored(db_url) == _single_process(corpus, f"sqlite:///{tmp_path / 'plain.db'}")


def test_repeated_ids_in_one_input_are_coded_once(tmp_path: Path, scheduler: str):
    path = _write_corpus(tmp_path / "twice.jsonl", STORIES[:3] + STORIES[:3])
    path.write_text(path.read_text().replace("wire-003", "wire-000").replace(
        "wire-004", "wire-001").replace("wire-005", "wire-002"))
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    report = run_dask([str(path)], url, scheduler, batch_size=2, partition_size=2,
                      progress=False)
    assert (report.coded, report.skipped) == (3, 3)
    assert _counts(url)["articles"] == 3


def test_local_cluster_address_starts_its_own_workers(corpus: Path, tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'local.db'}"
    report = run_dask([str(corpus)], url, "local:2", progress=False)
    assert report.coded == len(STORIES)
    assert _stored(url) == _single_process(corpus, f"sqlite:///{tmp_path / 'plain.db'}")


def test_each_worker_has_the_model_loaded_once(scheduler: str):
    with connect(scheduler) as client:
        loaded = client.run(_model_cache_hits)
    assert len(loaded) == 2
    assert all((info.misses, info.currsize) == (1, 1) for info in loaded.values())


def _model_cache_hits():
    from eventwire import nlp

    return nlp.load.cache_info()


def test_a_broken_article_fails_alone_with_its_reason():
    good = Article(id="good", text=STORIES[0], source="wire.jsonl:1",
                   published=date(2026, 5, 4))
    broken = Article(id="broken", text=None, source="wire.jsonl:2")  # type: ignore[arg-type]
    result = code_partition([good, broken, good], db_url=None, run_id="r1", batch_size=8)
    rows = [r for r in result.rows if isinstance(r, ArticleRows)]
    assert [r.article["id"] for r in rows] == ["good", "good"]
    assert all(r.article["run_id"] == "r1" for r in rows)
    assert from_json(Coding, rows[0].article["coding"]).article == good
    (failure,) = [r for r in result.rows if isinstance(r, Failure)]
    assert (failure.article_id, failure.source) == ("broken", "wire.jsonl:2")
    assert failure.code == "E404" and "NoneType" in failure.reason


@pytest.mark.postgres
def test_with_postgresql_the_worker_writes_and_sends_back_only_counts(postgres_url: str):
    articles = [Article(id=f"pg-{n}", text=text, source=f"wire.jsonl:{n + 1}")
                for n, text in enumerate(STORIES[:3])]
    result = code_partition(articles, db_url=postgres_url, run_id="r1", batch_size=8)
    assert result.rows == ()
    assert (result.stored.coded, result.stored.failed) == (3, 0)
    assert set(_stored(postgres_url)) == {"pg-0", "pg-1", "pg-2"}


def test_a_task_that_cannot_run_fails_its_articles_with_the_reason(scheduler: str,
                                                                   tmp_path: Path):
    from tqdm import tqdm

    from eventwire.distributed import _collect
    from eventwire.run import _Tally

    batch = [Article(id=f"lost-{n}", text=text, source=f"wire.jsonl:{n + 1}")
             for n, text in enumerate(STORIES[:2])]
    nowhere = "postgresql://nobody@127.0.0.1:9/none"  # the worker cannot open this store
    with connect(scheduler) as client, open_store(f"sqlite:///{tmp_path / 'c.db'}") as store:
        future = client.submit(code_partition, batch, db_url=nowhere, run_id="r1", batch_size=8,
                               pure=False)
        wait([future])
        tally = _Tally(tqdm(disable=True))
        tally.pending.update(a.id for a in batch)
        _collect(future, batch, store, "r1", tally, {})
        failures = sorted(store.failures(), key=lambda f: f.source)
    assert (tally.coded, tally.failed) == (0, 2)
    assert tally.pending == set()  # only the work in flight is remembered
    assert [f.article_id for f in failures] == ["lost-0", "lost-1"]
    assert all(f.code == "E301" and "the Dask task failed: StoreError: E301" in f.reason
               for f in failures)


@pytest.mark.parametrize("address", ["", "local:", "local:0", "local:two", "tcp://", "udp://h:1",
                                     "tcp://host", "tcp://host:99999", "127.0.0.1:8786"])
def test_bad_addresses_are_option_errors(address: str):
    with pytest.raises(OptionError) as caught:
        parse_address(address)
    assert caught.value.code == "E204"


def test_good_addresses():
    assert parse_address("local:3").workers == 3
    assert parse_address("local").workers >= 1
    assert parse_address("tcp://10.0.0.5:8786").scheduler == "tcp://10.0.0.5:8786"


def test_unreachable_scheduler_is_an_option_error(corpus: Path, tmp_path: Path):
    with pytest.raises(OptionError) as caught:
        run_dask([str(corpus)], f"sqlite:///{tmp_path / 'x.db'}", "tcp://127.0.0.1:9",
                 progress=False)
    assert caught.value.code == "E204"


def test_local_workers_are_tuned_for_coding(scheduler: str):
    with connect(scheduler) as client:
        seen = client.run(_worker_settings)
    assert len(seen) == 2
    assert all(value == (None, False, []) for value in seen.values())


def _worker_settings(dask_worker):
    import os

    import dask

    running = [name for name, callback in dask_worker.periodic_callbacks.items()
               if "profile" in name and callback.is_running()]
    return (os.environ.get("MALLOC_TRIM_THRESHOLD_"),
            dask.config.get("distributed.worker.profile.enabled"), running)


class _Callback:
    def __init__(self) -> None:
        self.stopped = False

    def stop(self) -> None:
        self.stopped = True


class _Worker:
    def __init__(self) -> None:
        self.periodic_callbacks = {"profile": _Callback(), "profile-cycle": _Callback(),
                                   "heartbeat": _Callback()}


def test_the_worker_plugin_stops_the_profiler_and_loads_the_model():
    worker = _Worker()
    ModelPlugin().setup(worker)
    stopped = {name: c.stopped for name, c in worker.periodic_callbacks.items()}
    assert stopped == {"profile": True, "profile-cycle": True, "heartbeat": False}
    from eventwire import nlp

    assert nlp.load.cache_info().currsize == 1


class _Client:
    def __init__(self) -> None:
        self.asked = 0

    def nthreads(self) -> dict[str, int]:
        self.asked += 1
        return {"tcp://a:1": 1, "tcp://b:1": 2}


def test_the_scheduler_is_asked_for_its_workers_only_now_and_then(
        monkeypatch: pytest.MonkeyPatch):
    client = _Client()
    count = distributed_module._WorkerCount(client)  # type: ignore[arg-type]
    assert [count.get() for _ in range(50)] == [3] * 50
    assert client.asked == 1
    monkeypatch.setattr(distributed_module, "WORKERS_REFRESH", 0.0)
    count.get()
    assert client.asked == 2
