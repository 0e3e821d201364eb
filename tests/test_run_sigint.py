"""Ctrl-C on a one-process run: it stops at once, cleanly, on record, and the next run resumes."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from conftest import write_corpus
from eventwire.run import run
from eventwire.store import open_store
from test_run_interrupted import PATIENCE, _start, _wait_for_articles

CORPUS = 64


@pytest.mark.slow
def test_ctrl_c_stops_a_single_process_run_cleanly(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", CORPUS)
    url = f"sqlite:///{tmp_path / 'sigint.db'}"
    process = _start(corpus, url, "--workers", "1", "--batch-size", "4")
    _wait_for_articles(process, url, 8)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=PATIENCE)
    assert process.returncode == 130, err
    assert err.strip() == "eventwire: interrupted" and out == ""
    with open_store(url) as store:
        (first,) = store.runs()
        stored = store.count("articles")
        assert store.count("events") == sum(len(c.events) for c in store.codings())
    assert first.status == "interrupted" and first.ended_at is not None
    assert first.coded == stored < CORPUS
    resumed = run([str(corpus)], url, workers=1, progress=False)
    assert (resumed.coded, resumed.skipped, resumed.failed) == (CORPUS - stored, stored, 0)
