"""HTML pages: trafilatura finds the main text and the metadata (title, authors, date).

We do not strip boilerplate ourselves: trafilatura (with its htmldate date finder) is maintained
and measured (``benchmarks/extraction.py``). When its extraction comes back empty, which it does for
very short pages, its ``baseline`` (JSON-LD ``articleBody`` or the page's ``<p>`` text) is tried
before the page is declared to hold no text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import trafilatura

__all__ = ["Extracted", "extract_html", "looks_html"]

_TAG = re.compile(
    r"<(?:!doctype\s+html|html|head|body|article|div|p|br|meta|title|span|section|main|h[1-6]|"
    r"a\s+href|script|table|ul|li)\b[^>]*>", re.I)
_SNIFF = 4096


@dataclass(frozen=True, slots=True)
class Extracted:
    """What trafilatura found on a page: paragraphs one per line, and the page's metadata."""

    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: date | None = None
    url: str | None = None


def looks_html(text: str) -> bool:
    """True when text is markup: it opens with a tag, or its head is dense with known tags."""
    head = text[:_SNIFF].lstrip("\ufeff \t\r\n")
    tags = len(_TAG.findall(head))
    return (head.startswith("<") and tags >= 1) or tags >= 3


def extract_html(html: str, *, url: str | None = None) -> Extracted:
    """The main text and metadata of an HTML page (``text`` is empty when none was found)."""
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                      include_comments=False)
    text = (doc.text or "") if doc is not None else ""
    if not text.strip():
        text = _baseline(html)
    if doc is None:
        return Extracted(text=text)
    return Extracted(
        text=text,
        title=_clean_title(doc.title),
        authors=_split_authors(doc.author),
        published=_day(doc.date),
        url=doc.url or None,
    )


def _baseline(html: str) -> str:
    _tree, text, _length = trafilatura.baseline(html)
    return text or ""


def _clean_title(title: str | None) -> str | None:
    title = " ".join(title.split()) if title else ""
    return title or None


def _split_authors(author: str | None) -> tuple[str, ...]:
    """trafilatura joins several authors with "; "."""
    if not author:
        return ()
    names = (" ".join(a.split()) for a in author.split(";"))
    return tuple(dict.fromkeys(n for n in names if n))


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
