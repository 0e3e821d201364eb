"""A Dask run killed with ``kill -9`` mid-run, then started again, ends with the exact store.

The real entry point (``eventwire run … --dask local:2``) runs in a subprocess: the client, with
its 2-worker ``LocalCluster``, is killed with SIGKILL once some articles are stored (no cleanup of
any kind), the worker processes it leaves behind are killed too, and the same command is run
again. It must code exactly the articles that were missing — none lost, none duplicated — and
leave the very rows an uninterrupted single-process run leaves.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from eventwire.store import open_store
from test_run import snapshot
from test_run_interrupted import CORPUS, ENTRY, _start, _wait_for_articles, reference

pytestmark = [pytest.mark.dask, pytest.mark.slow]

__all__ = ["reference"]  # the module-scoped fixture: the store of an uninterrupted run

DASK = ("--dask", "local:2", "--batch-size", "4")


def _kill_run(process: subprocess.Popen[str]) -> None:
    """SIGKILL the client, then whatever worker processes of its cluster outlive it."""
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    time.sleep(0.5)  # orphaned workers notice, or not: either way they go now
    with contextlib.suppress(ProcessLookupError):  # the whole group may be gone already
        os.killpg(process.pid, signal.SIGKILL)


def test_killed_dask_run_resumes_to_the_same_store(reference: tuple[Path, str],
                                                   db_url: str) -> None:
    corpus, reference_url = reference
    process = _start(corpus, db_url, *DASK)
    _wait_for_articles(process, db_url, 8)
    _kill_run(process)
    counts, _, _ = snapshot(db_url)
    stored = counts["articles"]
    assert 8 <= stored < CORPUS, "the run was not interrupted mid-way"
    with open_store(db_url) as store:  # whole articles only: each with all its event rows
        codings = list(store.codings())
        with store.engine.connect() as conn:
            events = dict(conn.execute(sa.text(
                "SELECT article_id, count(*) FROM events GROUP BY article_id")).all())
    assert len(codings) == stored
    assert {c.article.id: len(c.events) for c in codings if c.events} == events

    resumed = subprocess.run([ENTRY, "run", str(corpus), "--db", db_url, "--quiet", *DASK],
                             capture_output=True, text=True, timeout=600, check=False)
    assert resumed.returncode == 0, resumed.stderr
    coded = int(resumed.stdout.split(" coded")[0].rsplit(" ", 1)[-1])
    assert coded == CORPUS - stored  # only what was missing: nothing lost, nothing twice
    assert snapshot(db_url) == snapshot(reference_url)
    with open_store(db_url) as store:
        statuses = [r.status for r in store.runs()]
    assert statuses == ["running", "done"]  # the killed run is on record as never finished
