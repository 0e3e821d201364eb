"""The figures stage (first version: finds nothing yet; its issue fills it in)."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.records import Article, Found

__all__ = ["extract"]


def extract(doc: Doc, article: Article, found: Found) -> tuple:
    """Return the figures found in the article."""
    return ()
