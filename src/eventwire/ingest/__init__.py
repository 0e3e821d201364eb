"""Ingest: turn raw inputs into ``Article`` records (first version; the ingest work replaces it)."""

from __future__ import annotations

import hashlib
from datetime import date

from eventwire.records import Article

__all__ = ["from_input"]


def from_input(text_or_html: str | bytes, *, title: str | None = None,
               published: date | None = None, url: str | None = None,
               source: str = "", id: str | None = None) -> Article:
    """An article from raw text or HTML."""
    text = text_or_html.decode("utf-8") if isinstance(text_or_html, bytes) else text_or_html
    text = text.strip()
    ident = id or hashlib.sha1(f"{source}\0{text}".encode()).hexdigest()[:16]
    return Article(id=ident, text=text, source=source, url=url, title=title, published=published)
