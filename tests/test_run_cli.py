"""The corpus commands (run, events, stats, export, failures) through the CLI."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from conftest import make_coding, write_corpus
from eventwire.cli import main
from eventwire.cli.corpus import format_table
from eventwire.records import Failure
from eventwire.store import open_store

ENTRY = str(Path(sys.executable).parent / "eventwire")


@pytest.fixture
def filled(tmp_path: Path) -> str:
    """A SQLite store with two hand-built stories and one failure."""
    url = f"sqlite:///{tmp_path / 'filled.db'}"
    with open_store(url) as store:
        store.write_results([make_coding("wire-001"), make_coding("wire-002")])
        store.write_failure(Failure(source="feed.jsonl:9", reason="E106: feed.jsonl:9: line 9 "
                                    "is not JSON (Expecting value)", code="E106"))
    return url


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_events_as_an_aligned_table(filled: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "events", "--db", filled)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["DATE", "EVENT", "ACTOR", "RECIPIENT", "PLACE", "FLAGS",
                                "ARTICLE"]
    assert len(lines) == 5  # header + E1, E2 of each story; negated/hypothetical left out
    assert "Syrian Armed Forces [SYR MIL]" in lines[1]
    assert "Idlib [SYR]" in lines[1]
    assert len({line.index("ASSAULT") if "ASSAULT" in line else line.index("ACCUSE")
                for line in lines[1:]}) == 1  # the column lines up


def test_events_as_json_and_csv(filled: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "events", "--db", filled, "--all-flags", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 8 and rows[0]["date"] == "2026-03-03"
    code, out, _ = _run(capsys, "events", "--db", filled, "--country", "Turkey", "--type",
                        "accuse", "--format", "csv", "--limit", "1")
    assert code == 0
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["id"] == "wire-001-E2" and row["actor_country"] == "TUR"
    code, out, _ = _run(capsys, "events", "--db", filled, "--since", "2027-01-01",
                        "--format", "json")
    assert (code, json.loads(out)) == (0, [])


def test_stats(filled: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "stats", "--db", filled, "--by", "dyad", "--format", "json")
    assert code == 0
    assert json.loads(out) == [
        {"actor_country": "SYR", "actor_sector": "MIL", "recipient_country": "SYR",
         "recipient_sector": "REB", "events": 2},
        {"actor_country": "TUR", "actor_sector": "GOV", "recipient_country": "SYR",
         "recipient_sector": "MIL", "events": 2},
    ]
    code, out, _ = _run(capsys, "stats", "--db", filled, "--by", "country")
    assert code == 0
    assert [line.split() for line in out.splitlines()] == [["COUNTRY", "EVENTS"],
                                                          ["SYR", "4"], ["TUR", "2"]]
    code, out, _ = _run(capsys, "stats", "--db", filled, "--by", "month", "--format", "csv")
    assert out.splitlines() == ["key,events", "2026-03,4"]


def test_export_every_format(filled: str, tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    plover, table, columns = tmp_path / "e.jsonl", tmp_path / "e.csv", tmp_path / "e.parquet"
    assert _run(capsys, "export", "--db", filled, "--format", "plover", "-o", str(plover))[0] == 0
    records = [json.loads(line) for line in plover.read_text().splitlines()]
    assert len(records) == 8 and records[0]["id"] == "wire-001-E1"
    assert _run(capsys, "export", "--db", filled, "--format", "csv", "-o", str(table))[0] == 0
    assert len(list(csv.DictReader(table.open()))) == 8
    code, out, _ = _run(capsys, "events", "--db", filled, "--all-flags", "--format", "csv")
    assert code == 0
    exported = table.read_text().splitlines()
    assert out.splitlines()[0] == exported[0]  # same columns, same cells, other order
    assert sorted(out.splitlines()[1:]) == sorted(exported[1:])
    code, _, err = _run(capsys, "export", "--db", filled, "--format", "parquet", "-o",
                        str(columns))
    assert code == 0 and "8 events written" in err
    assert pq.read_table(columns).num_rows == 8


def test_failures_listed(filled: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "failures", "--db", filled)
    assert code == 0
    header, row = out.splitlines()
    assert header.split()[:3] == ["SOURCE", "CODE", "REASON"]
    assert row.startswith("feed.jsonl:9") and "E106" in row


@pytest.mark.parametrize(("argv", "code"), [
    (["events", "--format", "xml"], "E201"),
    (["events", "--since", "last week"], "E202"),
    (["events", "--db", "mysql://localhost/x"], "E203"),
    (["events", "--db", "sqlite:////nonexistent-eventwire/none.db"], "E301"),
    (["stats", "--db", "sqlite:////nonexistent-eventwire/none.db"], "E301"),
    (["stats", "--by", "year"], "E201"),
    (["export", "--format", "parquet", "-o", "-"], "E205"),
    (["export", "--format", "xlsx", "-o", "x"], "E201"),
    (["run", "x.jsonl", "--dask", "nowhere"], "E204"),
    (["run", "x.jsonl", "--workers", "0"], "E205"),
])
def test_user_errors_are_one_line(argv: list[str], code: str, filled: str,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    if "--db" not in argv:
        argv = [*argv, "--db", filled]
    status, _, err = _run(capsys, *argv)
    assert status != 0
    assert err.count("\n") == 1 and code in err, err


def test_format_table_aligns_and_cuts() -> None:
    text = format_table(["a", "bb"], [["x" * 70, None], ["y", 3.14159]], widest=10)
    assert text.splitlines() == ["A           BB", "xxxxxxxxx…  -", "y           3.14"]


def test_run_through_the_entry_point(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", 6, bad_lines=(2,))
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    argv = [ENTRY, "run", str(corpus), "--db", url, "--workers", "1"]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=300, check=False,
                          env=os.environ.copy())
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    assert " 6 coded, 0 skipped, 1 failed in " in line and line.endswith(f"into {url}")
    assert done.stderr.splitlines() == [
        f"eventwire: failed: E106: {corpus}:3: line 3 is not JSON (Expecting property name "
        f"enclosed in double quotes)"]  # one line per failure; no progress bar off a terminal
    again = subprocess.run(argv, capture_output=True, text=True, timeout=300, check=False,
                           env=os.environ.copy())
    assert " 0 coded, 7 skipped, 0 failed" in again.stdout
    listed = subprocess.run([ENTRY, "failures", "--db", url, "--format", "json"],
                            capture_output=True, text=True, timeout=300, check=False)
    assert [f["source"] for f in json.loads(listed.stdout)] == [f"{corpus}:3"]


def test_a_run_that_codes_nothing_fails(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'none.db'}"
    code, out, err = _run(capsys, "run", str(tmp_path / "missing.jsonl"), "--db", url,
                          "--workers", "1")
    assert code == 1
    assert "0 coded, 0 skipped, 1 failed" in out
    assert "E101" in err and "missing.jsonl" in err


def test_every_corpus_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    for command, option in (("run", "--retry-failures"), ("events", "--all-flags"),
                            ("stats", "--by"), ("export", "--format"), ("failures", "--db")):
        code, out, _ = _run(capsys, command, "--help")
        assert code == 0 and option in out, command
