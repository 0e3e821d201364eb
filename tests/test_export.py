"""PLOVER JSONL, CSV and Parquet exports, from codings and from the store."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq

from conftest import make_coding
from eventwire.export import (
    FIELDS,
    event_rows,
    plover_records,
    write_csv,
    write_parquet,
    write_plover,
)
from eventwire.records import Coding
from eventwire.store import open_store

MANUAL_FIELDS = ("id", "date", "actor", "recipient", "event", "mode", "context", "event_loc",
                 "event_text", "size", "quad_code", "text", "cite_info")


def test_plover_records_use_the_manuals_fields(coding: Coding) -> None:
    records = plover_records(coding)
    assert [r["id"] for r in records] == ["wire-001-E1", "wire-001-E2", "wire-001-E3",
                                          "wire-001-E4"]
    first = records[0]
    assert set(MANUAL_FIELDS) <= set(first)
    assert first["date"] == "2026-03-03"
    assert first["event"] == ["ASSAULT"]
    assert first["mode"] == ["aerial"] and first["context"] == ["military"]
    assert first["quad_code"] == 4
    assert first["actor"] == [{"code": "SYR", "sector": "MIL", "other_sector_codes": [],
                               "entity_text": "Syrian army troops",
                               "identifier_id": None, "identifier_text": "Syrian Armed Forces",
                               "office": None, "count": None}]
    assert first["recipient"][0]["code"] == "SYR" and first["recipient"][0]["sector"] == "REB"
    assert first["event_loc"]["geonameid"] == 169388
    assert first["event_loc"]["country_code"] == "SYR"
    assert first["event_loc"]["feature_class"] == "P"
    assert first["size"]["dead"] == 12
    assert first["event_text"] == ["shelled"]
    start, end = first["trigger_span"]["start"], first["trigger_span"]["end"]
    assert coding.article.text[start:end] == "shelled"
    assert first["text"] == coding.article.text[first["text_info"]["start"]:
                                                first["text_info"]["end"]]
    assert first["cite_info"]["citation"] == "wire-001"
    # the accused's other sectors, the flags and a compound actor's members
    second, third, fourth = records[1:]
    assert second["actor"][0]["other_sector_codes"] == ["ELI"]
    assert second["date"] is None and second["published"] == "2026-03-03"
    assert third["negated"] is True and third["future"] is True and third["recipient"] == []
    assert [a["code"] for a in fourth["actor"]] == ["SYR", "TUR"]
    assert fourth["hypothetical"] is True


def test_plover_output_is_byte_stable(coding: Coding) -> None:
    one, two = io.StringIO(), io.StringIO()
    assert write_plover(plover_records(coding), one) == 4
    write_plover(plover_records(make_coding()), two)
    assert one.getvalue() == two.getvalue()
    lines = one.getvalue().splitlines()
    assert [json.loads(line)["id"] for line in lines] == [f"wire-001-E{i}" for i in range(1, 5)]


def test_csv_flattens_actors_and_recipients(coding: Coding) -> None:
    out = io.StringIO()
    assert write_csv(event_rows(coding), out) == 4
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == FIELDS
    assert rows[0]["actor_name"] == "Syrian Armed Forces"
    assert rows[0]["recipient_sector"] == "REB"
    assert rows[0]["dead"] == "12" and rows[0]["injured"] == ""
    assert rows[0]["negated"] == "false" and rows[2]["negated"] == "true"
    assert rows[3]["actor_name"] == "Syrian Armed Forces;Foreign Minister of Turkey"
    assert rows[3]["actor_country"] == "SYR;TUR"
    assert rows[3]["actor_sector"] == "MIL;GOV"
    assert rows[1]["date"] == "" and rows[1]["published"] == "2026-03-03"


def test_parquet_round_trips_the_rows(tmp_path: Path, coding: Coding) -> None:
    path = tmp_path / "events.parquet"
    assert write_parquet(event_rows(coding), path, chunk_size=3) == 4
    table = pq.read_table(path)
    assert table.column_names == list(FIELDS)
    data = table.to_pylist()
    assert [r["id"] for r in data] == [f"wire-001-E{i}" for i in range(1, 5)]
    assert data[0]["date"] == date(2026, 3, 3) and data[0]["lat"] == 35.93
    assert data[2]["negated"] is True and data[0]["dead"] == 12 and data[1]["dead"] is None
    empty = tmp_path / "none.parquet"
    assert write_parquet([], empty) == 0
    assert pq.read_table(empty).num_rows == 0


def test_exports_from_the_store_equal_exports_from_codings(db_url: str) -> None:
    codings = [make_coding("wire-002"), make_coding("wire-001")]
    with open_store(db_url) as store:
        store.write_results(codings)
        stored = list(store.codings())
    from_codings = io.StringIO()
    write_plover((r for c in sorted(codings, key=lambda c: c.article.id)
                  for r in plover_records(c)), from_codings)
    from_store = io.StringIO()
    write_plover((r for c in stored for r in plover_records(c)), from_store)
    assert from_store.getvalue() == from_codings.getvalue()
