"""The dates stage (first version: finds nothing yet; the dates issue fills it in)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from eventwire.records import Article, DateMention, Found

__all__ = ["extract", "when"]


def extract(doc: Doc, article: Article, found: Found) -> tuple[DateMention, ...]:
    """Return the time expressions in the article, resolved against its publication date."""
    return ()


def when(sentence: Span, trigger_start: int, found: Found, article: Article) -> DateMention | None:
    """The date of the event signalled at char ``trigger_start`` in ``sentence``."""
    return None
