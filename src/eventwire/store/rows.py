"""Flatten one ``Coding`` into the rows of each table (the store's private mapping).

The mapping lives here, apart from the SQL, so that it can be read in one place: which record field
lands in which column. The dicts built here go straight to SQLAlchemy ``insert``; they never leave
the store.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from eventwire.export import EventRow, event_row
from eventwire.records import Actor, Coding, Span, to_dict

__all__ = ["ArticleRows", "coding_json", "rows_for"]

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ArticleRows:
    """Every row one article's coding writes, table by table."""

    article: Row
    actors: list[Row]
    places: list[Row]
    dates: list[Row]
    figures: list[Row]
    quotes: list[Row]
    events: list[Row]
    event_actors: list[Row]


def coding_json(coding: Coding) -> str:
    """The coding as compact JSON (control characters escaped, so any backend stores it)."""
    return json.dumps(to_dict(coding), ensure_ascii=False, separators=(",", ":"))


def _clean(value: Any) -> Any:
    """PostgreSQL text cannot hold NUL: the JSON keeps the exact text, columns a readable one."""
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "\ufffd")
    return value


def _cleaned(row: Row) -> Row:
    return {key: _clean(value) for key, value in row.items()}


def _first(spans: tuple[Span, ...]) -> tuple[int | None, int | None]:
    return (spans[0].start, spans[0].end) if spans else (None, None)


def _actor_rows(article_id: str, actor_list: tuple[Actor, ...]) -> list[Row]:
    rows: list[Row] = []

    def add(actor: Actor, member_of: str | None) -> None:
        start, end = _first(actor.spans)
        rows.append({
            "article_id": article_id, "seq": len(rows), "actor_id": actor.id,
            "member_of": member_of, "text": actor.text, "name": actor.name, "kind": actor.kind,
            "country": actor.country, "sector": actor.sector,
            "sectors": ";".join(actor.sectors) or None, "count": actor.count,
            "count_qualifier": actor.count_qualifier, "office": actor.office,
            "affiliation": actor.affiliation, "wikidata": actor.wikidata,
            "start": start, "end": end,
        })
        for member in actor.members:
            add(member, actor.id)

    for actor in actor_list:
        add(actor, None)
    return rows


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _event_rows(row: EventRow, uid: str) -> Row:
    day = row.date or row.published
    values = {f.name: getattr(row, f.name) for f in dataclasses.fields(EventRow)}
    return {**values, "uid": uid, "day": day,
            "week": _iso_week(day) if day else None,
            "month": f"{day.year:04d}-{day.month:02d}" if day else None}


def _event_actor_rows(uid: str, article_id: str, role: str,
                      actor_list: tuple[Actor, ...]) -> list[Row]:
    rows: list[Row] = []

    def add(actor: Actor, member_of: str | None) -> None:
        rows.append({
            "event_uid": uid, "role": role, "seq": len(rows), "article_id": article_id,
            "actor_id": actor.id, "member_of": member_of, "leaf": not actor.members,
            "name": actor.name, "kind": actor.kind, "country": actor.country,
            "sector": actor.sector, "sectors": ";".join(actor.sectors) or None,
        })
        for member in actor.members:
            add(member, actor.id)

    for actor in actor_list:
        add(actor, None)
    return rows


def rows_for(coding: Coding, *, run_id: str | None) -> ArticleRows:
    """All the rows for one coding."""
    article = coding.article
    aid = article.id
    article_row = {
        "id": aid, "source": article.source, "url": article.url, "title": article.title,
        "published": article.published, "language": article.language,
        "engine_version": coding.meta.version, "model": coding.meta.model, "run_id": run_id,
        "coded_at": datetime.now(UTC), "n_events": len(coding.events),
        "coding": coding_json(coding),
    }
    places = [{"article_id": aid, "place_id": p.id, "text": p.text, "name": p.name,
               "geonameid": p.geonameid, "feature_code": p.feature_code, "lat": p.lat,
               "lon": p.lon, "admin1": p.admin1, "admin1_code": p.admin1_code,
               "country": p.country, "start": _first(p.spans)[0], "end": _first(p.spans)[1]}
              for p in coding.places]
    dates = [{"article_id": aid, "date_id": d.id, "text": d.text, "value": d.value,
              "end_value": d.end, "precision": d.precision, "relative": d.relative,
              "start": _first(d.spans)[0], "end": _first(d.spans)[1],
              "field": d.spans[0].field if d.spans else "text"}
             for d in coding.dates]
    figures = [{"article_id": aid, "figure_id": f.id, "text": f.text, "value": f.value,
                "qualifier": f.qualifier, "low": f.low, "high": f.high, "unit": f.unit,
                "kind": f.kind,
                "actor_name": f.actor.name if f.actor else None,
                "actor_country": f.actor.country if f.actor else None,
                "actor_sector": f.actor.sector if f.actor else None,
                "predicate": f.predicate, "basis": f.basis, "derived": f.derived,
                "start": _first(f.spans)[0], "end": _first(f.spans)[1]}
               for f in coding.figures]
    quotes = [{"article_id": aid, "quote_id": q.id, "text": q.text, "kind": q.kind,
               "speaker_name": q.speaker.name if q.speaker else None,
               "speaker_country": q.speaker.country if q.speaker else None,
               "speaker_sector": q.speaker.sector if q.speaker else None,
               "speaker_text": q.speaker_text, "affiliation": q.affiliation, "verb": q.verb,
               "start": _first(q.spans)[0], "end": _first(q.spans)[1]}
              for q in coding.quotes]
    events: list[Row] = []
    event_actors: list[Row] = []
    for event in coding.events:
        uid = f"{aid}/{event.id}"
        events.append(_event_rows(event_row(coding, event), uid))
        event_actors += _event_actor_rows(uid, aid, "actor", event.actors)
        event_actors += _event_actor_rows(uid, aid, "recipient", event.recipients)
    return ArticleRows(
        article=_cleaned(article_row),
        actors=[_cleaned(r) for r in _actor_rows(aid, coding.actors)],
        places=[_cleaned(r) for r in places],
        dates=[_cleaned(r) for r in dates],
        figures=[_cleaned(r) for r in figures],
        quotes=[_cleaned(r) for r in quotes],
        events=[_cleaned(r) for r in events],
        event_actors=[_cleaned(r) for r in event_actors],
    )

