"""eventwire: news articles in, structured and sourced political event data (PLOVER) out."""

from __future__ import annotations

__version__ = "0.1.0"

from eventwire.errors import EventwireError, InputError, OptionError, StoreError
from eventwire.records import (
    Actor,
    Article,
    Coding,
    Cut,
    DateMention,
    Event,
    Failure,
    Figure,
    Place,
    Quote,
    Size,
    Span,
)

_LAZY = {"code": "eventwire.pipeline", "code_many": "eventwire.pipeline",
         "open_store": "eventwire.store"}


def __getattr__(name: str) -> object:
    """Import the pipeline (and spaCy) only when it is first used, so the CLI starts fast."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")


__all__ = [
    "Actor",
    "Article",
    "Coding",
    "Cut",
    "DateMention",
    "Event",
    "EventwireError",
    "Failure",
    "Figure",
    "InputError",
    "OptionError",
    "Place",
    "Quote",
    "Size",
    "Span",
    "StoreError",
    "__version__",
    "code",
    "code_many",
    "open_store",
]
