"""The HTTP API, served for real by uvicorn on loopback, and the web page in headless Chromium."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
import uvicorn

import eventwire
from eventwire.api import create_app
from eventwire.store import open_store

STORIES = [
    ("Police in the Kenyan capital Nairobi arrested 35 protesters on Monday after clashes "
     "near parliament, a police spokesman said.", date(2024, 6, 26)),
    ("Israeli aircraft struck targets in the southern Lebanese town of Nabatieh on Friday, "
     "killing four people, Lebanon's health ministry said.", date(2024, 8, 17)),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = f"sqlite:///{tmp_path_factory.mktemp('api') / 'events.db'}"
    with open_store(db) as store:
        for text, published in STORIES:
            store.write(eventwire.code(text, published=published))
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=_free_port(),
                            log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "the API server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{config.port}"
    srv.should_exit = True
    thread.join(10)


def test_health_counts_what_is_stored(server: str) -> None:
    body = httpx.get(f"{server}/api/health").json()
    assert body["articles"] == 2
    assert body["events"] >= 2
    assert body["version"] == eventwire.__version__


def test_events_are_filtered(server: str) -> None:
    everything = httpx.get(f"{server}/api/events").json()
    assert everything["count"] >= 2
    assaults = httpx.get(f"{server}/api/events", params={"type": "assault"}).json()
    assert assaults["count"] >= 1
    assert {e["event"] for e in assaults["events"]} == {"ASSAULT"}
    assert all(e["sentence"] and e["article_id"] for e in assaults["events"])
    later = httpx.get(f"{server}/api/events", params={"since": "2024-08-01"}).json()
    assert later["count"] < everything["count"]


def test_stats_by_type(server: str) -> None:
    body = httpx.get(f"{server}/api/stats", params={"by": "type"}).json()
    assert body["by"] == "type"
    listed = httpx.get(f"{server}/api/events").json()["count"]
    assert sum(r["events"] for r in body["rows"]) == listed


def test_stats_dedup_counts_events_in_no_cluster_on_their_own(server: str) -> None:
    plain = httpx.get(f"{server}/api/stats", params={"by": "type"}).json()
    merged = httpx.get(f"{server}/api/stats", params={"by": "type", "dedup": "true"}).json()
    assert merged["dedup"] is True and plain["dedup"] is False
    assert merged["rows"] == plain["rows"]  # nothing was deduplicated in this store


def test_article_round_trip_keeps_spans(server: str) -> None:
    row = httpx.get(f"{server}/api/events").json()["events"][0]
    coding = httpx.get(f"{server}/api/articles/{row['article_id']}").json()
    text = coding["article"]["text"]
    event = next(e for e in coding["events"] if e["id"] == row["event_id"])
    trigger = event["spans"][0]
    assert text[trigger["start"]:trigger["end"]] == event["trigger"]


def test_code_on_demand(server: str) -> None:
    response = httpx.post(f"{server}/api/code", json={
        "text": "Rebels shelled the town of Goma on Sunday, killing three civilians.",
        "published": "2024-03-04"}, timeout=60)
    assert response.status_code == 200
    assert response.json()["article"]["published"] == "2024-03-04"
    assert httpx.get(f"{server}/api/health").json()["articles"] == 2  # not stored unless asked


@pytest.mark.parametrize(("method", "path", "payload", "status", "code"), [
    ("GET", "/api/articles/nope", None, 404, "E501"),
    ("GET", "/api/events?since=last-week", None, 400, "E502"),
    ("GET", "/api/events?limit=0", None, 400, "E502"),
    ("GET", "/api/stats?by=colour", None, 400, "E205"),
    ("GET", "/api/events?country=Atlantis", None, 400, None),
    ("POST", "/api/code", {"text": "   "}, 400, "E205"),
    ("POST", "/api/code", {"published": "soon"}, 400, "E502"),
    ("GET", "/api/no-such-thing", None, 404, "H404"),
])
def test_every_error_has_one_shape(server: str, method: str, path: str, payload: object,
                                   status: int, code: str | None) -> None:
    response = httpx.request(method, f"{server}{path}", json=payload)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    if code:
        assert body["error"]["code"] == code
    assert body["error"]["message"]


def test_the_web_page_renders_table_timeline_and_map(server: str, tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "this test needs Chromium: apt-get install chromium (scripts/test does)"
    done = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
         "--virtual-time-budget=10000", "--dump-dom", f"{server}/"],
        capture_output=True, text=True, timeout=120, check=False)
    dom = done.stdout
    assert done.returncode == 0, done.stderr[-2000:]
    assert "articles ·" in dom  # the header was filled from /api/health
    assert dom.count("<tr data-article=") >= 2  # event rows in the table
    assert 'class="bar' in dom  # the timeline
    assert 'class="pt"' in dom  # at least one geocoded event on the map
    assert 'class="land"' in dom  # the offline basemap
