"""The places stage (first version: finds nothing yet; the places issue fills it in)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from eventwire.records import Article, Found, Place

__all__ = ["extract", "locate"]


def extract(doc: Doc, article: Article, found: Found) -> tuple[Place, ...]:
    """Return the places mentioned in the article, geocoded."""
    return ()


def locate(sentence: Span, trigger_start: int, found: Found) -> Place | None:
    """The place where the event signalled at char ``trigger_start`` in ``sentence`` happened."""
    return None
