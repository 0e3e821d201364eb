"""Interrupted corpus runs through the real entry point: kill -9 and Ctrl-C, then resume.

A run killed at any moment and started again must end with exactly the store an uninterrupted run
gives: no article lost, none duplicated, no half-written article, only the missing ones coded.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import write_corpus
from eventwire.store import open_store
from test_run import snapshot

CORPUS = 100

ENTRY = str(Path(sys.executable).parent / "eventwire")


def _default_sigint() -> None:
    """In the child: Ctrl-C as a terminal delivers it. A harness started in the background
    (`cmd &` in a script) ignores SIGINT, the child would inherit that, and Python then never
    raises KeyboardInterrupt: the tests of Ctrl-C would test nothing."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start(corpus: Path, url: str, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen([ENTRY, "run", str(corpus), "--db", url, "--quiet", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, env=os.environ.copy(),
                            preexec_fn=_default_sigint)


PATIENCE = 300  # seconds a step may take on a slow, shared machine (model loads, pool starts)


def _wait_for_articles(process: subprocess.Popen[str], url: str, at_least: int) -> int:
    """Wait until the run has stored ``at_least`` articles; fail if it ends or stalls first."""
    with open_store(url) as store:
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            stored = store.count("articles")
            if stored >= at_least:
                return stored
            if process.poll() is not None:
                out, err = process.communicate()
                pytest.fail(f"the run ended (exit {process.returncode}) before it was "
                            f"interrupted; make the corpus bigger\n{out}\n{err}")
            time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    out, err = process.communicate()
    pytest.fail(f"the run stored fewer than {at_least} articles within {PATIENCE} s\n{out}\n"
                f"{err}")


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The corpus, and the store an uninterrupted run of the real command makes of it."""
    folder = tmp_path_factory.mktemp("reference")
    corpus = write_corpus(folder / "corpus.jsonl", CORPUS, bad_lines=(5, 90))
    url = f"sqlite:///{folder / 'reference.db'}"
    done = subprocess.run([ENTRY, "run", str(corpus), "--db", url, "--quiet",
                           "--workers", "1", "--batch-size", "4"],
                          capture_output=True, text=True, timeout=2 * PATIENCE, check=False)
    assert done.returncode == 0, done.stderr
    assert f"{CORPUS} coded, 0 skipped, 2 failed" in done.stdout
    return corpus, url


@pytest.mark.slow
def test_killed_run_resumes_to_the_same_store(reference: tuple[Path, str], db_url: str) -> None:
    corpus, reference_url = reference
    process = _start(corpus, db_url, "--workers", "1", "--batch-size", "4")
    _wait_for_articles(process, db_url, 8)
    os.killpg(process.pid, signal.SIGKILL)  # power loss: no cleanup of any kind
    process.wait(timeout=PATIENCE)
    counts, _, _ = snapshot(db_url)
    assert 8 <= counts["articles"] < CORPUS

    resumed = subprocess.run([ENTRY, "run", str(corpus), "--db", db_url, "--quiet",
                              "--workers", "1", "--batch-size", "4"],
                             capture_output=True, text=True, timeout=2 * PATIENCE, check=False)
    assert resumed.returncode == 0, resumed.stderr
    coded = int(resumed.stdout.split(" coded")[0].rsplit(" ", 1)[-1])
    assert coded == CORPUS - counts["articles"]  # only what was missing
    assert snapshot(db_url) == snapshot(reference_url)
    with open_store(db_url) as store:
        statuses = [r.status for r in store.runs()]
    assert statuses == ["running", "done"]  # the killed run is on record as never finished
