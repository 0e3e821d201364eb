"""The store: codings, failures and runs in SQLite (default) or PostgreSQL, by URL.

    with open_store("sqlite:///eventwire.db") as store:
        store.write(coding)               # one article, one transaction, idempotent
        store.coding(coding.article.id)   # == coding

See ``docs/store.md`` for the schema and the choices behind it.
"""

from __future__ import annotations

from eventwire.store.core import (
    ArticleRows,
    BatchCounts,
    RunRow,
    Store,
    StoredFailure,
    display_url,
    normalise_url,
    open_store,
    prepare_results,
)
from eventwire.store.migrations import MIGRATIONS, current_version

__all__ = [
    "MIGRATIONS",
    "ArticleRows",
    "BatchCounts",
    "RunRow",
    "Store",
    "StoredFailure",
    "current_version",
    "display_url",
    "normalise_url",
    "open_store",
    "prepare_results",
]
