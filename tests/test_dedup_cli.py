"""``eventwire dedup`` and ``eventwire events --dedup`` over a real SQLite store."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.records import Actor, Article, Coding, Event, Meta, Place, Size, Span
from eventwire.store import open_store

ARMY = Actor(id="A1", text="troops", name="troops", country="MLI", sector="MIL")
REBELS = Actor(id="A2", text="rebels", name="rebels", country="MLI", sector="REB")
GAO = Place(id="P1", text="Gao", name="Gao", geonameid=2457163, feature_code="PPLA",
            lat=16.27, lon=-0.04, admin1="Gao", admin1_code="ML.09", country="MLI",
            source="geonames")


def _coding(article_id: str, day: date, dead: int, *, negated: bool = False) -> Coding:
    text = f"Troops clashed with rebels near Gao, killing {dead} people."
    event = Event(id="E1", event="ASSAULT", trigger="clashed", actors=(ARMY,),
                  recipients=(REBELS,), place=GAO, date=day, date_precision="day",
                  size=Size(dead=dead), negated=negated, sentence=text, confidence=0.8,
                  spans=(Span(7, 14), Span(0, len(text))))
    article = Article(id=article_id, text=text, source=f"{article_id}.txt", published=day)
    return Coding(article=article, meta=Meta(version="test", model="test"), events=(event,))


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'dedup.db'}"
    with open_store(url) as store:
        store.write(_coding("wire-a", date(2024, 4, 2), 7))
        store.write(_coding("wire-b", date(2024, 4, 3), 9))  # the same clash, next day's report
        store.write(_coding("wire-c", date(2024, 5, 20), 2))  # a later, different clash
    return url


def test_dedup_merges_reports_of_one_event_and_keeps_every_source(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dedup", "--db", db, "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert "3 events → 2 distinct events (1 reported more than once)" in err
    merged = json.loads(out)
    assert len(merged) == 1
    assert merged[0]["n_articles"] == 2 and merged[0]["dead"] == 9  # the max of the reports
    with open_store(db) as store:
        assert store.count("event_clusters") == 2
        assert store.count("cluster_members") == 3


def test_dedup_is_rewritten_not_appended(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dedup", "--db", db, "--limit", "0"]) == 0
    assert main(["dedup", "--db", db, "--limit", "0", "--window-days", "0"]) == 0
    capsys.readouterr()
    with open_store(db) as store:
        assert store.count("event_clusters") == 3  # a zero-day window merges nothing
        assert store.count("cluster_members") == 3


def test_events_dedup_lists_the_stored_result(db: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    main(["dedup", "--db", db, "--limit", "0"])
    capsys.readouterr()
    assert main(["events", "--db", db, "--dedup", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("cluster_id,event,date")
    assert len(lines) == 1 + 2


def test_events_dedup_refuses_filters(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "--db", db, "--dedup", "--type", "ASSAULT"]) == 2
    assert "--dedup" in capsys.readouterr().err


def test_run_with_dedup_merges_after_coding(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    story = ("Troops clashed with rebels near the town of Gao in northern Mali on Tuesday, "
             "killing seven people, the army said.")
    lines = [json.dumps({"id": f"wire-{n}", "text": story, "published": "2024-04-03"})
             for n in range(2)]
    (tmp_path / "two.jsonl").write_text("\n".join(lines) + "\n")
    url = f"sqlite:///{tmp_path / 'run.db'}"
    assert main(["run", str(tmp_path / "two.jsonl"), "--db", url, "--workers", "1", "--quiet",
                 "--dedup"]) == 0
    err = capsys.readouterr().err
    assert "distinct events" in err
    with open_store(url) as store:
        events = store.count("events")
        assert events >= 2
        assert store.count("cluster_members") == events
        assert store.count("event_clusters") < events  # the two reports of the clash merged


@pytest.mark.parametrize("by, key", [("type", "ASSAULT"), ("country", "MLI"), ("month", "2024-04"),
                                     ("week", "2024-W14")])
def test_stats_dedup_counts_real_world_events(db: str, by: str, key: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    main(["dedup", "--db", db, "--limit", "0"])
    capsys.readouterr()
    assert main(["stats", "--db", db, "--by", by, "--format", "json"]) == 0
    reports = {row["key"]: row["events"] for row in json.loads(capsys.readouterr().out)}
    assert main(["stats", "--db", db, "--by", by, "--format", "json", "--dedup"]) == 0
    real = {row["key"]: row["events"] for row in json.loads(capsys.readouterr().out)}
    if by in ("type", "country"):
        assert (reports[key], real[key]) == (3, 2)  # two reports of the April clash count once
    else:
        assert (reports[key], real[key]) == (2, 1)  # 2 and 3 April: one week, one month


def test_stats_dedup_by_dyad_and_events_coded_after_the_dedup(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    main(["dedup", "--db", db, "--limit", "0"])
    with open_store(db) as store:
        store.write(_coding("wire-d", date(2024, 6, 1), 1))  # coded after the dedup: on its own
    capsys.readouterr()
    assert main(["stats", "--db", db, "--by", "dyad", "--format", "json", "--dedup"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["actor_country"], r["recipient_sector"], r["events"]) for r in rows] == [
        ("MLI", "REB", 3)]
