"""eventwire: news articles in, structured and sourced political event data (PLOVER) out."""

from __future__ import annotations

__version__ = "0.1.0"

from eventwire.errors import EventwireError, InputError, OptionError, StoreError  # noqa: E402
from eventwire.pipeline import code, code_many  # noqa: E402
from eventwire.records import (  # noqa: E402
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
]
