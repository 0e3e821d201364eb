"""The events stage (first version: finds nothing yet; the events issue fills it in)."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.records import Article, Found

__all__ = ["extract"]


def extract(doc: Doc, article: Article, found: Found) -> tuple:
    """Return the events found in the article."""
    return ()
