"""Recorded, transactional schema migrations (in the manner of sqlite-utils' ``migrations.py``).

Each migration is a numbered function that changes the schema. ``migrate(engine)`` applies, in
order, those not yet listed in ``schema_version``, each in its own transaction together with the
row that records it — so a crash leaves the database at the previous version, never half-way.
Two processes opening a new database at once are serialised (SQLite: ``BEGIN IMMEDIATE``;
PostgreSQL: a transaction-level advisory lock), so a migration runs once.

To change the schema: edit ``schema.py`` to the new shape AND append a migration that takes a
version-N database there (``ALTER TABLE ...``); never edit a migration that has shipped.
``tests/test_store.py`` checks that a migrated database has exactly the columns ``schema.py`` says.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from eventwire.store import schema

__all__ = ["MIGRATIONS", "Migration", "current_version", "migrate"]

_LOCK_KEY = 0x6576_7477  # "evtw": PostgreSQL advisory lock key for migrations


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: its version number, a name, and the function applying it."""

    version: int
    name: str
    apply: Callable[[sa.Connection], None]


def _create_v1(conn: sa.Connection) -> None:
    """Version 1: every table of ``schema.py`` as first released."""
    later = (schema.schema_version, *schema.DEDUP_TABLES)
    tables = [t for t in schema.metadata.sorted_tables if t not in later]
    schema.metadata.create_all(conn, tables=tables)


def _dedup_v2(conn: sa.Connection) -> None:
    """Version 2: tables for deduplicated events (``eventwire dedup``)."""
    schema.metadata.create_all(conn, tables=list(schema.DEDUP_TABLES))


def _date_field_v3(conn: sa.Connection) -> None:
    """Version 3: ``dates.field`` says whether a date's offsets index the body or the title
    (dates are read in headlines too). A database created at version 1 by this release has the
    column already."""
    if "field" not in {c["name"] for c in sa.inspect(conn).get_columns("dates")}:
        conn.execute(sa.text("ALTER TABLE dates ADD COLUMN field VARCHAR NOT NULL "
                             "DEFAULT 'text'"))


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "create tables", _create_v1),
    Migration(2, "event clusters", _dedup_v2),
    Migration(3, "dates.field", _date_field_v3),
)


def current_version(conn: sa.Connection) -> int:
    """The highest applied migration (0 for an empty database)."""
    if not sa.inspect(conn).has_table(schema.schema_version.name):
        return 0
    value = conn.execute(sa.select(sa.func.max(schema.schema_version.c.version))).scalar()
    return int(value or 0)


def _lock(conn: sa.Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})


def migrate(engine: sa.Engine) -> int:
    """Bring the database up to the latest version; returns the version reached."""
    with engine.connect().execution_options(sqlite_begin="BEGIN IMMEDIATE") as conn:
        with conn.begin():
            _lock(conn)
            schema.schema_version.create(conn, checkfirst=True)
        for migration in MIGRATIONS:
            with conn.begin():
                _lock(conn)
                if current_version(conn) >= migration.version:
                    continue
                migration.apply(conn)
                conn.execute(schema.schema_version.insert().values(
                    version=migration.version, name=migration.name,
                    applied_at=datetime.now(UTC)))
        return current_version(conn)
