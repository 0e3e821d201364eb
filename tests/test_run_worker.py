"""What a worker process does for a corpus run: code a batch and hand back rows ready to write.

The process that writes for several workers (the local pool's parent, the Dask client with
SQLite) must be left only the SQL, so the workers return ``prepare_batch``'s rows; and the
per-article costs outside the extractors stay out of the way (the model's name is read once).
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import eventwire.run as run_module
from conftest import wire_story
from eventwire import nlp
from eventwire.pipeline import code_many
from eventwire.records import Article, Coding, Failure, from_json
from eventwire.run import code_batch, prepare_batch
from eventwire.store import ArticleRows, open_store, prepare_results


def _articles(n: int) -> list[Article]:
    return [Article(id=f"w{i:04d}", text=wire_story(i), source=f"wire.jsonl:{i + 1}")
            for i in range(n)]


def test_prepare_batch_returns_the_rows_of_each_coding_and_each_failure() -> None:
    good = _articles(2)
    broken = Article(id="broken", text=None, source="wire.jsonl:9")  # type: ignore[arg-type]
    rows = prepare_batch([good[0], broken, good[1]], run_id="r7", batch_size=8)
    assert [type(r) for r in rows] == [ArticleRows, Failure, ArticleRows]
    assert [r.article["id"] for r in rows if isinstance(r, ArticleRows)] == ["w0000", "w0001"]
    assert {r.article["run_id"] for r in rows if isinstance(r, ArticleRows)} == {"r7"}
    assert rows[1].article_id == "broken" and rows[1].code == "E404"
    expected = list(code_many(good))
    assert [from_json(Coding, r.article["coding"]) for r in rows
            if isinstance(r, ArticleRows)] == expected


def test_prepared_rows_store_what_the_codings_store(tmp_path: Path) -> None:
    articles = _articles(3)
    rows = pickle.loads(pickle.dumps(prepare_batch(articles, run_id="r1")))  # as they travel
    with (open_store(f"sqlite:///{tmp_path / 'rows.db'}") as by_rows,
          open_store(f"sqlite:///{tmp_path / 'codings.db'}") as by_codings):
        by_rows.write_prepared(rows, run_id="r1")
        by_codings.write_results(code_batch(articles), run_id="r1")
        assert list(by_rows.codings()) == list(by_codings.codings())
        for table in ("actors", "places", "dates", "figures", "quotes", "events"):
            assert by_rows.count(table) == by_codings.count(table)


def test_prepare_results_passes_failures_through_unchanged() -> None:
    failure = Failure(source="x.html", reason="E108: x.html: no text", code="E108")
    assert prepare_results([failure], run_id="r1") == [failure]


def test_the_model_name_is_read_from_the_model_once() -> None:
    nlp.model_name.cache_clear()
    first = nlp.model_name()
    for _ in range(3):
        assert nlp.model_name() == first
    info = nlp.model_name.cache_info()
    assert (info.misses, info.hits) == (1, 3)
    meta = nlp.load().meta
    assert first == f"{meta.get('lang', 'en')}_{meta['name']}-{meta['version']}"


_POOL_ENV = """
import os
from concurrent.futures import ProcessPoolExecutor
from eventwire import run
with run._one_thread_per_library():
    with ProcessPoolExecutor(1, mp_context=run._pool_context()) as pool:
        seen = pool.submit(os.getenv, "OPENBLAS_NUM_THREADS").result()
print(seen, os.environ.get("OPENBLAS_NUM_THREADS"))
"""


@pytest.mark.parametrize(("given", "expected"), [(None, "1 None"), ("3", "3 3")])
def test_pool_workers_get_one_blas_thread_unless_the_user_chose(given: str | None,
                                                                expected: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in run_module.ONE_THREAD}
    if given is not None:
        env["OPENBLAS_NUM_THREADS"] = given
    done = subprocess.run([sys.executable, "-c", _POOL_ENV], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == expected.split()  # the worker's value, then the parent's
