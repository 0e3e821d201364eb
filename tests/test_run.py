"""Corpus runs: resumable, failures recorded and retried, pool == single process, kill -9 safe."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
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
    assert (failure.article_id, failure.source, failure.code) == ("s3", "mem:3", "E000")
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


# --------------------------------------------------------------------------------------------
# interrupted runs, through the real entry point

ENTRY = str(Path(sys.executable).parent / "eventwire")


def _start(corpus: Path, url: str, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen([ENTRY, "run", str(corpus), "--db", url, "--quiet", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, env=os.environ.copy())


def _wait_for_articles(process: subprocess.Popen[str], url: str, at_least: int) -> int:
    with open_store(url) as store:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            stored = store.count("articles")
            if stored >= at_least:
                return stored
            if process.poll() is not None:
                out, err = process.communicate()
                pytest.fail(f"the run ended (exit {process.returncode}) before it was "
                            f"interrupted; make the corpus bigger\n{out}\n{err}")
            time.sleep(0.02)
    pytest.fail("the run stored nothing within 120 s")


@pytest.mark.slow
def test_killed_run_resumes_to_the_same_store(tmp_path: Path, db_url: str) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 400, bad_lines=(5, 300))
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    done = subprocess.run([ENTRY, "run", str(corpus), "--db", reference, "--quiet",
                           "--workers", "1", "--batch-size", "4"],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "400 coded, 0 skipped, 2 failed" in done.stdout

    process = _start(corpus, db_url, "--workers", "1", "--batch-size", "4")
    _wait_for_articles(process, db_url, 12)
    os.killpg(process.pid, signal.SIGKILL)  # power loss: no cleanup of any kind
    process.wait(timeout=30)
    counts, _, _ = snapshot(db_url)
    assert 12 <= counts["articles"] < 400

    resumed = subprocess.run([ENTRY, "run", str(corpus), "--db", db_url, "--quiet",
                              "--workers", "1", "--batch-size", "4"],
                             capture_output=True, text=True, timeout=300, check=False)
    assert resumed.returncode == 0, resumed.stderr
    coded = int(resumed.stdout.split(" coded")[0].rsplit(" ", 1)[-1])
    assert coded == 400 - counts["articles"]  # only what was missing
    assert snapshot(db_url) == snapshot(reference)
    with open_store(db_url) as store:
        statuses = [r.status for r in store.runs()]
    assert statuses == ["running", "done"]  # the killed run is on record as never finished


@pytest.mark.slow
def test_interrupted_pool_run_stops_cleanly_and_resumes(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 400)
    url = f"sqlite:///{tmp_path / 'pool.db'}"
    process = _start(corpus, url, "--workers", "2", "--batch-size", "4")
    _wait_for_articles(process, url, 12)
    process.send_signal(signal.SIGINT)  # Ctrl-C reaches the parent
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    with open_store(url) as store:
        (first,) = store.runs()
        stored = store.count("articles")
    assert first.status == "interrupted" and first.coded == stored
    resumed = run([str(corpus)], url, workers=2, batch_size=8, progress=False)
    assert (resumed.coded, resumed.skipped) == (400 - stored, stored)
    counts, codings, _ = snapshot(url)
    assert counts["articles"] == 400
    assert [c.article.id for c in codings] == [f"w{i:04d}" for i in range(400)]
