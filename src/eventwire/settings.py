"""Settings with their defaults, declared once: the code, the CLI and the docs all read these."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

__all__ = ["DEFAULTS", "FORMATS", "Setting", "cache_dir", "default_db_url"]


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: its name, default and the help text shown by the CLI and the docs."""

    name: str
    default: object
    help: str


FORMATS: tuple[str, ...] = ("json", "jsonl", "summary", "plover", "csv")

DEFAULTS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("db", "sqlite:///eventwire.db",
                "Database URL: sqlite:///path.db (default) or postgresql://user@host/db; "
                "the EVENTWIRE_DB environment variable overrides the default."),
        Setting("batch_size", 32, "Articles parsed together by spaCy's nlp.pipe."),
        Setting("workers", os.cpu_count() or 1, "Worker processes for corpus runs."),
        Setting("format", "json", "Output format: " + ", ".join(FORMATS) + "."),
    )
}


def default_db_url() -> str:
    """The database URL to use when none is given."""
    return os.environ.get("EVENTWIRE_DB") or str(DEFAULTS["db"].default)


def cache_dir() -> Path:
    """Where eventwire keeps what it builds once and reuses (the gazetteer index, the date
    grammar's lead words): ``$EVENTWIRE_CACHE`` or the user's cache directory."""
    return Path(os.environ.get("EVENTWIRE_CACHE") or platformdirs.user_cache_dir("eventwire"))
