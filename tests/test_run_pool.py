"""Interrupted pool runs: Ctrl-C stops cleanly, a killed worker costs one batch; both resume."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

import eventwire.run as run_module
from conftest import dying_initializer, write_corpus
from eventwire.errors import PipelineError
from eventwire.run import run
from eventwire.store import open_store
from test_run import snapshot
from test_run_interrupted import PATIENCE, _start, _wait_for_articles

# Big enough that a run cannot end between the moment the test sees its first articles stored
# and the moment its signal lands, even when a busy machine leaves the test process waiting;
# small enough to run twice quickly.
CORPUS = 96


@pytest.mark.slow
def test_interrupted_pool_run_stops_cleanly_and_resumes(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", CORPUS)
    url = f"sqlite:///{tmp_path / 'pool.db'}"
    process = _start(corpus, url, "--workers", "2", "--batch-size", "4")
    _wait_for_articles(process, url, 8)
    process.send_signal(signal.SIGINT)  # Ctrl-C reaches the parent
    _, err = process.communicate(timeout=PATIENCE)  # the workers finish the batches they hold
    assert process.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    with open_store(url) as store:
        (first,) = store.runs()
        stored = store.count("articles")
    assert first.status == "interrupted" and first.coded == stored < CORPUS
    resumed = run([str(corpus)], url, workers=1, batch_size=8, progress=False)
    assert (resumed.coded, resumed.skipped) == (CORPUS - stored, stored)
    counts, codings, _ = snapshot(url)
    assert counts["articles"] == CORPUS
    assert [c.article.id for c in codings] == [f"w{i:04d}" for i in range(CORPUS)]



def _grandchildren(pid: int) -> list[int]:
    """Processes whose parent's parent is ``pid`` (forkserver pool workers of a run)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:  # the process ended while we looked
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    children = {p for p, parent in parents.items() if parent == pid}
    return sorted(p for p, parent in parents.items() if parent in children)


@pytest.mark.slow
def test_a_killed_worker_costs_one_batch_which_a_retry_codes(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", CORPUS)
    url = f"sqlite:///{tmp_path / 'worker.db'}"
    process = _start(corpus, url, "--workers", "2", "--batch-size", "4")
    _wait_for_articles(process, url, 8)
    workers = _grandchildren(process.pid)
    assert workers, "no pool worker found under the run"
    os.kill(workers[0], signal.SIGKILL)
    out, err = process.communicate(timeout=PATIENCE)
    assert process.returncode == 0, err
    failed = int(out.split(" failed")[0].rsplit(" ", 1)[-1])
    assert 1 <= failed <= 4 * 2 * 2, out  # at most the batches in flight
    with open_store(url) as store:
        reasons = {f.reason for f in store.failures()}
        assert store.count("articles") == CORPUS - failed
    assert reasons == {"E405: a worker process died while coding this batch (killed, or out of "
                       "memory); run again with --retry-failures"}
    retried = run([str(corpus)], url, workers=1, retry_failures=True, progress=False)
    assert (retried.coded, retried.failed) == (failed, 0)
    counts, codings, failures = snapshot(url)
    assert failures == [] and counts["articles"] == CORPUS
    assert [c.article.id for c in codings] == [f"w{i:04d}" for i in range(CORPUS)]


def test_workers_that_cannot_start_stop_the_run(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 24)
    url = f"sqlite:///{tmp_path / 'dead.db'}"
    monkeypatch.setattr(run_module, "_init_worker", dying_initializer)
    with pytest.raises(PipelineError, match="worker processes died 5 times in a row"):
        run([str(corpus)], url, workers=2, batch_size=4, progress=False)
    with open_store(url) as store:
        (record,) = store.runs()
        assert record.status == "failed"
        assert store.count("articles") == 0
        assert record.failed == len(store.failures()) == 4 * 4  # the batches given up on
