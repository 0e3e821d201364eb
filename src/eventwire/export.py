"""Event tables out of codings: PLOVER JSONL records, CSV and Parquet rows.

Everything here starts from ``Coding`` records, so ``eventwire code --format plover|csv`` and
``eventwire export`` (which reads the codings back from the store) give the same bytes for the same
articles.

- ``plover_records(coding)``: one dict per event with the PLOVER manual's field names (``id, date,
  actor, recipient, event, mode, context, event_loc, event_text, size, quad_code, text, text_info,
  cite_info, coder``), ``event`` / ``mode`` / ``context`` as lists and entity objects
  (``code, sector, entity_text, identifier_id, identifier_text, office``) as the manual's data
  chapter specifies; eventwire's extras (flags, confidence, CAMEO code, date precision) are added
  under their own names, as the manual invites. A compound actor ("five Britons and three
  Frenchmen") becomes one entity object per member.
- ``event_rows(coding)``: one flat ``EventRow`` per event for pandas and R; several actors (or the
  members of a compound actor) are joined with ``;`` in the same order in every ``actor_*`` column,
  an unknown country or sector being an empty item.
- ``write_csv(rows, file)``, ``write_parquet(rows, path)``, ``write_plover(records, file)`` stream
  their input, so memory stays flat over any number of events.
"""

from __future__ import annotations

import csv
import dataclasses
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from eventwire.records import Actor, Coding, Event, Place

__all__ = [
    "CODEBOOK",
    "EventRow",
    "event_rows",
    "leaves",
    "plover_record",
    "plover_records",
    "write_csv",
    "write_parquet",
    "write_plover",
]

CODEBOOK = "plover-1.0"
JOIN = ";"


@dataclass(frozen=True, slots=True)
class EventRow:
    """One event as one flat row: the CSV / Parquet / ``eventwire events`` shape."""

    id: str  # "<article id>-<event id>", the PLOVER record id
    article_id: str
    event_id: str
    date: date | None
    date_end: date | None
    date_precision: str
    date_text: str | None
    published: date | None
    event: str
    mode: str | None
    context: str | None
    cameo: str | None
    quad_code: int | None
    actor_name: str | None
    actor_text: str | None
    actor_country: str | None
    actor_sector: str | None
    recipient_name: str | None
    recipient_text: str | None
    recipient_country: str | None
    recipient_sector: str | None
    place_text: str | None
    place_name: str | None
    place_country: str | None
    place_admin1: str | None
    geonameid: int | None
    lat: float | None
    lon: float | None
    dead: int | None
    injured: int | None
    arrested: int | None
    people: int | None
    negated: bool
    hypothetical: bool
    future: bool
    reported: bool
    confidence: float
    trigger: str
    sentence: str
    start: int | None  # the trigger's span in the article text
    end: int | None
    source: str
    url: str | None
    title: str | None


FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(EventRow))


def leaves(actors: Iterable[Actor]) -> list[Actor]:
    """The actors that stand for one party each: the members of compound actors, else the actor."""
    found: list[Actor] = []
    for actor in actors:
        if actor.members:
            found.extend(leaves(actor.members))
        else:
            found.append(actor)
    return found


def record_id(coding: Coding, event: Event) -> str:
    """The PLOVER id of an event: unique in a data set because article ids are."""
    return f"{coding.article.id}-{event.id}"


def _joined(values: Iterable[str | None]) -> str | None:
    items = list(values)
    if not items or all(v is None for v in items):
        return None
    return JOIN.join(v or "" for v in items)


def _party(actors: tuple[Actor, ...]) -> tuple[str | None, str | None, str | None, str | None]:
    parts = leaves(actors)
    return (_joined(a.name for a in parts), _joined(a.text for a in parts),
            _joined(a.country for a in parts), _joined(a.sector for a in parts))


def _place(place: Place | None) -> tuple[str | None, ...]:
    if place is None:
        return (None,) * 7
    return (place.text, place.name, place.country, place.admin1, place.geonameid, place.lat,
            place.lon)


def event_row(coding: Coding, event: Event) -> EventRow:
    """The flat row for one event of a coding."""
    article = coding.article
    a_name, a_text, a_country, a_sector = _party(event.actors)
    r_name, r_text, r_country, r_sector = _party(event.recipients)
    p_text, p_name, p_country, p_admin1, p_geo, p_lat, p_lon = _place(event.place)
    trigger = event.spans[0] if event.spans else None
    return EventRow(
        id=record_id(coding, event), article_id=article.id, event_id=event.id,
        date=event.date, date_end=event.date_end, date_precision=event.date_precision,
        date_text=event.date_text,
        published=article.published, event=event.event,
        mode=_joined(event.mode), context=_joined(event.context), cameo=event.cameo,
        quad_code=event.quad_code,
        actor_name=a_name, actor_text=a_text, actor_country=a_country, actor_sector=a_sector,
        recipient_name=r_name, recipient_text=r_text, recipient_country=r_country,
        recipient_sector=r_sector,
        place_text=p_text, place_name=p_name, place_country=p_country, place_admin1=p_admin1,
        geonameid=p_geo, lat=p_lat, lon=p_lon,
        dead=event.size.dead, injured=event.size.injured, arrested=event.size.arrested,
        people=event.size.people,
        negated=event.negated, hypothetical=event.hypothetical, future=event.future,
        reported=event.reported, confidence=event.confidence,
        trigger=event.trigger, sentence=event.sentence,
        start=trigger.start if trigger else None, end=trigger.end if trigger else None,
        source=article.source, url=article.url, title=article.title,
    )


def event_rows(coding: Coding) -> list[EventRow]:
    """One ``EventRow`` per event of the coding, in the coding's order."""
    return [event_row(coding, event) for event in coding.events]


# --------------------------------------------------------------------------------------------
# PLOVER


def _entity(actor: Actor) -> dict[str, Any]:
    return {
        "code": actor.country,
        "sector": actor.sector,
        "other_sector_codes": [s for s in actor.sectors if s != actor.sector],
        "entity_text": actor.text,
        "identifier_id": actor.wikidata,
        "identifier_text": actor.name,
        "office": actor.office,
        "count": actor.count,
    }


def _location(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "extracted_place": place.text,
        "resolved_place": place.name,
        "geonameid": place.geonameid,
        "lat": place.lat,
        "lon": place.lon,
        "province": place.admin1,
        "country_code": place.country,
        "feature_class": place.feature_code[0] if place.feature_code else None,
        "feature_code": place.feature_code,
    }


def plover_record(coding: Coding, event: Event) -> dict[str, Any]:
    """One event as a PLOVER JSON record (key order fixed, so output is byte-stable)."""
    article = coding.article
    sentence = event.spans[1] if len(event.spans) > 1 else None
    return {
        "id": record_id(coding, event),
        "has_event": True,
        "date": event.date.isoformat() if event.date else None,
        "actor": [_entity(a) for a in leaves(event.actors)],
        "recipient": [_entity(a) for a in leaves(event.recipients)],
        "event": [event.event],
        "mode": list(event.mode),
        "context": list(event.context),
        "quad_code": event.quad_code,
        "event_loc": _location(event.place),
        "event_text": [event.trigger],
        "size": {"dead": event.size.dead, "injured": event.size.injured,
                 "arrested": event.size.arrested, "people": event.size.people},
        "text": event.sentence,
        "text_info": {"start": sentence.start, "end": sentence.end} if sentence else None,
        "cite_info": {"citation": article.id, "url": article.url, "title": article.title,
                      "language": article.language, "corpus": article.source,
                      "coder": f"eventwire {coding.meta.version}", "codebook": CODEBOOK},
        "coder": f"eventwire {coding.meta.version} ({coding.meta.model})",
        # eventwire's own fields, beyond the manual's
        "cameo": event.cameo,
        "date_end": event.date_end.isoformat() if event.date_end else None,
        "date_precision": event.date_precision,
        "date_text": event.date_text,
        "published": article.published.isoformat() if article.published else None,
        "negated": event.negated,
        "hypothetical": event.hypothetical,
        "future": event.future,
        "reported": event.reported,
        "confidence": event.confidence,
        "trigger_span": ({"start": event.spans[0].start, "end": event.spans[0].end}
                         if event.spans else None),
    }


def plover_records(coding: Coding) -> list[dict[str, Any]]:
    """The PLOVER records of every event in the coding."""
    return [plover_record(coding, event) for event in coding.events]


# --------------------------------------------------------------------------------------------
# writers


def write_plover(records: Iterable[dict[str, Any]], file: IO[str]) -> int:
    """Write PLOVER records as JSON Lines; returns the number written."""
    n = 0
    for record in records:
        file.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def write_csv(rows: Iterable[EventRow], file: IO[str]) -> int:
    """Write event rows as CSV with a header line (empty cell = unknown); returns rows written."""
    writer = csv.writer(file, lineterminator="\n")
    writer.writerow(FIELDS)
    n = 0
    for row in rows:
        writer.writerow([_cell(getattr(row, name)) for name in FIELDS])
        n += 1
    return n


def _arrow_schema() -> Any:
    import pyarrow as pa

    kinds = {"date": pa.date32(), "date_end": pa.date32(), "published": pa.date32(),
             "quad_code": pa.int8(),
             "geonameid": pa.int64(), "lat": pa.float64(), "lon": pa.float64(),
             "confidence": pa.float64(), "start": pa.int64(), "end": pa.int64()}
    kinds.update(dict.fromkeys(("dead", "injured", "arrested", "people"), pa.int64()))
    kinds.update(dict.fromkeys(("negated", "hypothetical", "future", "reported"), pa.bool_()))
    return pa.schema([(name, kinds.get(name, pa.string())) for name in FIELDS])


def _chunks(rows: Iterable[EventRow], size: int) -> Iterator[list[EventRow]]:
    chunk: list[EventRow] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def write_parquet(rows: Iterable[EventRow], path: str | Path, *, chunk_size: int = 10_000) -> int:
    """Write event rows to a Parquet file (needs pyarrow: ``pip install eventwire[parquet]``)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema()
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for chunk in _chunks(rows, chunk_size):
            columns = {name: [getattr(r, name) for r in chunk] for name in FIELDS}
            writer.write_table(pa.Table.from_pydict(columns, schema=schema))
            n += len(chunk)
        if n == 0:
            writer.write_table(schema.empty_table())
    return n
