"""The store's tables, in SQLAlchemy Core: one definition for SQLite and PostgreSQL.

``articles`` keeps, beside the columns people query, the whole ``Coding`` as JSON (``coding``),
so ``Store.coding(id)`` gives back exactly what was written even for fields no column holds. The
other tables are flat views of that coding, made for SQL: one row per actor, place, date, figure,
quote and event, and ``event_actors`` with one row per (event, role, actor) — compound actors are
expanded into their members (``leaf`` marks the rows that count in dyads) — carrying the actor's
country and sector so that "events involving Syria's military" is a plain join.

Every child row carries ``article_id``: re-coding an article deletes its rows and writes new ones in
the same transaction. ``events`` has the same columns as ``eventwire.export.EventRow`` plus ``uid``
(``article_id/event_id``), ``day`` (the event's date, else the article's publication date),
``week`` and ``month`` (ISO week ``2024-W05`` and ``2024-01`` of ``day``) for the aggregates.

This module describes the current shape; ``migrations.py`` builds it, one recorded step at a time.
"""

from __future__ import annotations

import sqlalchemy as sa

__all__ = [
    "actors",
    "articles",
    "cluster_members",
    "dates",
    "event_actors",
    "event_clusters",
    "events",
    "failures",
    "figures",
    "metadata",
    "places",
    "quotes",
    "runs",
    "schema_version",
]

metadata = sa.MetaData()

Text = sa.Text
Key = sa.String()  # ids and codes: no length limit (ids may be long URLs), indexable


def _article_key() -> sa.Column:
    return sa.Column("article_id", Key, sa.ForeignKey("articles.id", ondelete="CASCADE"),
                     primary_key=True)


schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", Key, nullable=False),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)

runs = sa.Table(
    "runs", metadata,
    sa.Column("run_id", Key, primary_key=True),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("ended_at", sa.DateTime(timezone=True)),
    sa.Column("status", Key, nullable=False),  # running, done, interrupted, failed
    sa.Column("coded", sa.Integer, nullable=False, default=0),
    sa.Column("skipped", sa.Integer, nullable=False, default=0),
    sa.Column("failed", sa.Integer, nullable=False, default=0),
    sa.Column("engine_version", Key, nullable=False),
    sa.Column("model", Key),
    sa.Column("workers", sa.Integer),
    sa.Column("batch_size", sa.Integer),
    sa.Column("sources", Text),  # JSON list of the sources given
)

articles = sa.Table(
    "articles", metadata,
    sa.Column("id", Key, primary_key=True),
    sa.Column("source", Text, nullable=False),
    sa.Column("url", Text),
    sa.Column("title", Text),
    sa.Column("published", sa.Date, index=True),
    sa.Column("language", Key),
    sa.Column("engine_version", Key, nullable=False),
    sa.Column("model", Key, nullable=False),
    sa.Column("run_id", Key),
    sa.Column("coded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("n_events", sa.Integer, nullable=False),
    sa.Column("coding", Text, nullable=False),  # the whole Coding as JSON: nothing is lost
)

actors = sa.Table(
    "actors", metadata,
    _article_key(),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("actor_id", Key, nullable=False),
    sa.Column("member_of", Key),  # actor_id of the compound actor this is part of
    sa.Column("text", Text, nullable=False),
    sa.Column("name", Text, nullable=False),
    sa.Column("kind", Key, nullable=False),
    sa.Column("country", Key, index=True),
    sa.Column("sector", Key),
    sa.Column("sectors", Text),  # ';'-joined
    sa.Column("count", sa.Integer),
    sa.Column("count_qualifier", Key),
    sa.Column("office", Text),
    sa.Column("affiliation", Text),
    sa.Column("wikidata", Key),
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
)

places = sa.Table(
    "places", metadata,
    _article_key(),
    sa.Column("place_id", Key, primary_key=True),
    sa.Column("text", Text, nullable=False),
    sa.Column("name", Text),
    sa.Column("geonameid", sa.BigInteger),
    sa.Column("feature_code", Key),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("admin1", Text),
    sa.Column("admin1_code", Key),
    sa.Column("country", Key, index=True),
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
)

dates = sa.Table(
    "dates", metadata,
    _article_key(),
    sa.Column("date_id", Key, primary_key=True),
    sa.Column("text", Text, nullable=False),
    sa.Column("value", sa.Date),
    sa.Column("end_value", sa.Date),
    sa.Column("precision", Key, nullable=False),
    sa.Column("relative", sa.Boolean, nullable=False),
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
    # what start/end index: "text" (the body) or "title" (a date read in the headline)
    sa.Column("field", Key, nullable=False, server_default="text"),
)

figures = sa.Table(
    "figures", metadata,
    _article_key(),
    sa.Column("figure_id", Key, primary_key=True),
    sa.Column("text", Text, nullable=False),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("qualifier", Key, nullable=False),
    sa.Column("low", sa.Float),
    sa.Column("high", sa.Float),
    sa.Column("unit", Text),
    sa.Column("kind", Key, nullable=False),
    sa.Column("actor_name", Text),
    sa.Column("actor_country", Key),
    sa.Column("actor_sector", Key),
    sa.Column("predicate", Text),
    sa.Column("basis", Key),
    sa.Column("derived", sa.Float),
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
)

quotes = sa.Table(
    "quotes", metadata,
    _article_key(),
    sa.Column("quote_id", Key, primary_key=True),
    sa.Column("text", Text, nullable=False),
    sa.Column("kind", Key, nullable=False),
    sa.Column("speaker_name", Text),
    sa.Column("speaker_country", Key),
    sa.Column("speaker_sector", Key),
    sa.Column("speaker_text", Text),
    sa.Column("affiliation", Text),
    sa.Column("verb", Text),
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
)

events = sa.Table(
    "events", metadata,
    sa.Column("uid", Key, primary_key=True),  # article_id + "/" + event_id
    sa.Column("article_id", Key, sa.ForeignKey("articles.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("event_id", Key, nullable=False),
    sa.Column("id", Text, nullable=False),  # the PLOVER record id
    sa.Column("day", sa.Date, index=True),
    sa.Column("week", Key, index=True),
    sa.Column("month", Key, index=True),
    sa.Column("date", sa.Date),
    sa.Column("date_end", sa.Date),
    sa.Column("date_precision", Key, nullable=False),
    sa.Column("date_text", Text),
    sa.Column("published", sa.Date),
    sa.Column("event", Key, nullable=False, index=True),
    sa.Column("mode", Text),
    sa.Column("context", Text),
    sa.Column("cameo", Key),
    sa.Column("quad_code", sa.Integer),
    sa.Column("actor_name", Text),
    sa.Column("actor_text", Text),
    sa.Column("actor_country", Text),
    sa.Column("actor_sector", Text),
    sa.Column("recipient_name", Text),
    sa.Column("recipient_text", Text),
    sa.Column("recipient_country", Text),
    sa.Column("recipient_sector", Text),
    sa.Column("place_text", Text),
    sa.Column("place_name", Text),
    sa.Column("place_country", Key, index=True),
    sa.Column("place_admin1", Text),
    sa.Column("geonameid", sa.BigInteger),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("dead", sa.Integer),
    sa.Column("injured", sa.Integer),
    sa.Column("arrested", sa.Integer),
    sa.Column("people", sa.Integer),
    sa.Column("negated", sa.Boolean, nullable=False),
    sa.Column("hypothetical", sa.Boolean, nullable=False),
    sa.Column("future", sa.Boolean, nullable=False),
    sa.Column("reported", sa.Boolean, nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("trigger", Text, nullable=False),
    sa.Column("sentence", Text, nullable=False),
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
    sa.Column("source", Text),
    sa.Column("url", Text),
    sa.Column("title", Text),
)

event_actors = sa.Table(
    "event_actors", metadata,
    sa.Column("event_uid", Key, sa.ForeignKey("events.uid", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("role", Key, primary_key=True),  # actor | recipient
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("article_id", Key, nullable=False, index=True),
    sa.Column("actor_id", Key, nullable=False),
    sa.Column("member_of", Key),  # the compound actor's id when this row is one of its members
    sa.Column("leaf", sa.Boolean, nullable=False),  # counts in dyads (not a compound shell)
    sa.Column("name", Text, nullable=False),
    sa.Column("kind", Key, nullable=False),
    sa.Column("country", Key, index=True),
    sa.Column("sector", Key, index=True),
    sa.Column("sectors", Text),
)

failures = sa.Table(
    "failures", metadata,
    sa.Column("source", Key, primary_key=True),
    sa.Column("article_id", Key, index=True),
    sa.Column("code", Key, nullable=False),
    sa.Column("reason", Text, nullable=False),
    sa.Column("run_id", Key),
    sa.Column("failed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
)


# Deduplicated events (``eventwire dedup``): one row per real-world event reported by one or more
# articles, with its best-attested values, and one row per source event. Rewritten whole by each
# dedup, so they always describe the current store. Columns are ``eventwire.dedup.ClusterRow`` and
# ``MemberRow``.
event_clusters = sa.Table(
    "event_clusters", metadata,
    sa.Column("cluster_id", Key, primary_key=True),
    sa.Column("event", Key, nullable=False, index=True),
    sa.Column("date", sa.Date, index=True),
    sa.Column("date_first", sa.Date),
    sa.Column("date_last", sa.Date),
    sa.Column("place", Text),
    sa.Column("geonameid", sa.BigInteger),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("admin1", Text),
    sa.Column("country", Key, index=True),
    sa.Column("actors", Text, nullable=False),
    sa.Column("recipients", Text, nullable=False),
    sa.Column("dead", sa.Integer),
    sa.Column("injured", sa.Integer),
    sa.Column("arrested", sa.Integer),
    sa.Column("people", sa.Integer),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("n_articles", sa.Integer, nullable=False),
    sa.Column("n_events", sa.Integer, nullable=False),
    sa.Column("representative", Key, nullable=False),
)

cluster_members = sa.Table(
    "cluster_members", metadata,
    sa.Column("cluster_id", Key, sa.ForeignKey("event_clusters.cluster_id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("uid", Key, primary_key=True),  # the events table's uid: article_id/event_id
    sa.Column("article_id", Key, nullable=False, index=True),
    sa.Column("event_id", Key, nullable=False),
)

DEDUP_TABLES = (event_clusters, cluster_members)
