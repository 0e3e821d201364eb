"""Corpus runs: resumable, failures recorded and retried, pool == single process, kill -9 safe."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

import eventwire.run as run_module
from conftest import wire_story, write_corpus
from eventwire.errors import OptionError
from eventwire.records import Article, Coding
from eventwire.run import RunReport, code_and_store, run
from eventwire.store import open_store

TABLES = ("articles", "actors", "places", "dates", "figures", "quotes", "events",
          "event_actors")


def snapshot(url: str) -> tuple[dict[str, int], list[Coding], list[tuple[str, str, str]]]:
    """Everything a run leaves: rows per table, every coding, every failure."""
    with open_store(url) as store:
        counts = {table: store.count(table) for table in TABLES}
        codings = list(store.codings())
        failures = sorted((f.source, f.code, f.reason) for f in store.failures())
    return counts, codings, failures


def test_run_codes_records_failures_and_resumes(tmp_path: Path, db_url: str) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 30, bad_lines=(7,))
    first = run([str(corpus)], db_url, workers=1, batch_size=8, progress=False)
    assert (first.coded, first.skipped, first.failed) == (30, 0, 1)
    counts, codings, failures = snapshot(db_url)
    assert counts["articles"] == 30
    assert [c.article.id for c in codings] == [f"w{i:04d}" for i in range(30)]
    assert [c.article.text for c in codings] == [wire_story(i) for i in range(30)]
    assert [(source, code) for source, code, _ in failures] == [(f"{corpus}:8", "E106")]

    again = run([str(corpus)], db_url, workers=1, batch_size=8, progress=False)
    assert (again.coded, again.skipped, again.failed) == (0, 31, 0)
    assert snapshot(db_url) == (counts, codings, failures)

    retried = run([str(corpus)], db_url, workers=1, batch_size=8, retry_failures=True,
                  progress=False)
    assert (retried.coded, retried.skipped, retried.failed) == (0, 30, 1)
    with open_store(db_url) as store:
        (failure,) = store.failures()
        assert failure.attempts == 2 and failure.run_id == retried.run_id
        runs = {r.run_id: r for r in store.runs()}
    assert [runs[r.run_id].status for r in (first, again, retried)] == ["done"] * 3
    assert (runs[first.run_id].coded, runs[first.run_id].failed) == (30, 1)
    assert runs[again.run_id].skipped == 31
    assert runs[first.run_id].model is not None


def test_a_fixed_input_is_coded_and_its_failure_cleared(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fix.db'}"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(wire_story(1), encoding="utf-8")
    (folder / "b.txt").write_text("", encoding="utf-8")
    report = run([str(folder)], url, workers=1, progress=False)
    assert (report.coded, report.failed) == (1, 1)
    with open_store(url) as store:
        assert [(f.source, f.code) for f in store.failures()] == [(str(folder / "b.txt"), "E104")]
    (folder / "b.txt").write_text(wire_story(2), encoding="utf-8")
    report = run([str(folder)], url, workers=1, progress=False)
    assert (report.coded, report.skipped, report.failed) == (1, 1, 0)
    with open_store(url) as store:
        assert store.failures() == []
        assert store.count("articles") == 2


def test_an_article_that_breaks_a_stage_is_recorded_and_retried(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'broken.db'}"
    articles = [Article(id=f"s{i}", text=wire_story(i), source=f"mem:{i}") for i in range(6)]
    real = run_module.code_many

    def breaks_on_s3(batch: Iterable[Article], **kw: object):
        batch = list(batch)
        if any(a.id == "s3" for a in batch):
            raise ValueError("stage broke on purpose")
        return real(batch, **kw)

    monkeypatch.setattr(run_module, "code_many", breaks_on_s3)
    report = run(articles, url, workers=1, batch_size=4, progress=False)
    assert (report.coded, report.failed) == (5, 1)
    with open_store(url) as store:
        (failure,) = store.failures()
    assert (failure.article_id, failure.source, failure.code) == ("s3", "mem:3", "E404")
    assert failure.reason == "ValueError: stage broke on purpose"

    again = run(articles, url, workers=1, batch_size=4, progress=False)
    assert (again.coded, again.skipped, again.failed) == (0, 6, 0)

    monkeypatch.setattr(run_module, "code_many", real)
    fixed = run(articles, url, workers=1, batch_size=4, retry_failures=True, progress=False)
    assert (fixed.coded, fixed.skipped, fixed.failed) == (1, 5, 0)
    with open_store(url) as store:
        assert store.failures() == []
        assert store.stored_ids() == {f"s{i}" for i in range(6)}


def test_worker_pool_gives_what_one_process_gives(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 40, bad_lines=(3, 20))
    one, two = f"sqlite:///{tmp_path / 'one.db'}", f"sqlite:///{tmp_path / 'two.db'}"
    alone = run([str(corpus)], one, workers=1, batch_size=4, progress=False)
    pooled = run([str(corpus)], two, workers=2, batch_size=4, progress=False)
    assert (alone.coded, alone.failed) == (pooled.coded, pooled.failed) == (40, 2)
    assert snapshot(one) == snapshot(two)


def test_code_and_store_is_the_unit_of_work(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'unit.db'}"
    articles = [Article(id=f"u{i}", text=wire_story(i)) for i in range(3)]
    with open_store(url) as store:
        counts = code_and_store(articles, store)
        assert (counts.coded, counts.failed) == (3, 0)
        assert store.stored_ids() == {"u0", "u1", "u2"}
        assert store.coding("u1").article == articles[1]


def test_bad_run_options_are_option_errors(tmp_path: Path) -> None:
    for options in ({"workers": 0}, {"batch_size": -1}, {"workers": True}):
        with pytest.raises(OptionError) as caught:
            run([], f"sqlite:///{tmp_path / 'x.db'}", progress=False, **options)
        assert caught.value.code == "E205"


def test_report_summary_is_one_line() -> None:
    line = RunReport(run_id="abc", coded=10, skipped=2, failed=1, seconds=2.0).summary("db")
    assert line == "run abc: 10 coded, 2 skipped, 1 failed in 2.0 s (5.0 articles/s) into db"


def test_an_input_given_twice_is_coded_once(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 12, bad_lines=(4,))
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    report = run([str(corpus), str(corpus)], url, workers=2, batch_size=3, progress=False)
    assert (report.coded, report.skipped, report.failed) == (12, 13, 1)
    counts, codings, failures = snapshot(url)
    assert counts["articles"] == 12 and len(failures) == 1
    assert [c.article.id for c in codings] == [f"w{i:04d}" for i in range(12)]
