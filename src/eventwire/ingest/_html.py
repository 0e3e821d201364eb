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

import lxml.html
import trafilatura
from lxml import etree

from eventwire.ingest._cues import name_shaped

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
    language: str | None = None  # as the page declares it (<html lang>), primary subtag


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
    if doc is None:  # no main text: the metadata is still worth having
        doc = trafilatura.extract_metadata(html, default_url=url)
    tree = _parse(html)
    names = _site_names((doc.sitename, doc.hostname, url))
    return Extracted(
        text=text,
        title=_title(doc.title, names, tree),
        authors=_with_co_authors(_split_authors(doc.author), tree),
        published=_day(doc.date),
        url=doc.url or None,
        language=_language(doc.language, tree),
    )


_PARSER = lxml.html.HTMLParser(encoding="utf-8")  # the text is already decoded: ignore <meta>


def _parse(html: str) -> etree._Element | None:
    """Our own parse of the page, for the few things trafilatura's metadata leaves out."""
    try:
        return lxml.html.fromstring(html.encode("utf-8"), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None


def _baseline(html: str) -> str:
    _tree, text, _length = trafilatura.baseline(html)
    return text or ""


_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|»|«)\s+")
_TITLE_XPATH = ("//meta[@property='og:title']/@content", "//title//text()", "//h1//text()")


def _title(found: str | None, names: set[str], tree: etree._Element | None) -> str | None:
    """The headline without the site's name ("Headline | BBC News" -> "Headline").

    When trafilatura's title is only the site's name (it keeps the first part of "Site |
    Headline"), the page's og:title, <title> and <h1> are tried in turn.
    """
    title = _strip_site(found, names)
    if (title is None or _squash(title) in names) and tree is not None:
        for xpath in _TITLE_XPATH:
            candidate = _strip_site(" ".join(str(v) for v in tree.xpath(xpath)[:1]), names)
            if candidate and _squash(candidate) not in names:
                return candidate
    return title


def _strip_site(title: str | None, names: set[str]) -> str | None:
    title = " ".join(title.split()) if title else ""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) >= 2:
        last, first = _squash(parts[-1]), _squash(parts[0])
        if last in names or any(last.startswith(n) for n in names if len(n) >= 3):
            title = title[:title.rindex(parts[-1])].rstrip(" |-–—:»«")
        elif first in names:
            title = title[len(parts[0]):].lstrip(" |-–—:»«")
    return title or None


def _squash(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _site_names(site: tuple[str | None, ...]) -> set[str]:
    """The site's name as trafilatura found it, and its host's main label ("bbc")."""
    names = set()
    for value in site:
        if not value:
            continue
        host = re.sub(r"^[a-z]+://", "", value.lower()).split("/")[0]
        if "." in host and " " not in value:
            labels = [x for x in host.split(".") if x not in ("www", "m", "amp", "edition")]
            if labels:
                names.add(_squash(labels[0]))
        else:
            names.add(_squash(value))
    return {n for n in names if n}


def _split_authors(author: str | None) -> tuple[str, ...]:
    """trafilatura joins several authors with "; "."""
    if not author:
        return ()
    names = (" ".join(a.split()) for a in author.split(";"))
    return tuple(dict.fromkeys(n for n in names if n))


# Where pages mark each author of a shared byline (schema.org microdata, rel=author links).
_AUTHOR_XPATH = (
    "//*[@data-byline-name]/@data-byline-name"
    " | //*[contains(concat(' ', normalize-space(@itemprop), ' '), ' author ')]"
    "//*[@itemprop='name']//text()"
    " | //a[@rel='author']//text()"
)


def _with_co_authors(authors: tuple[str, ...], tree: etree._Element | None) -> tuple[str, ...]:
    """trafilatura keeps the first of several marked-up authors; add the others it dropped."""
    if not authors or tree is None:
        return authors
    found = (" ".join(str(v).split()) for v in tree.xpath(_AUTHOR_XPATH))
    marked = [n for n in dict.fromkeys(found) if name_shaped(n)]
    if not any(n.casefold() == authors[0].casefold() for n in marked):
        return authors  # the markup names someone else: trust trafilatura's choice
    known = {a.casefold() for a in authors}
    return authors + tuple(n for n in marked if n.casefold() not in known)


_LANGUAGE = re.compile(r"^([a-z]{2,3})(?:[-_].*)?$")


def _language(found: str | None, tree: etree._Element | None) -> str | None:
    """The page's declared language ("en-GB" -> "en"); None when it declares none."""
    declared = [found] if found else []
    if tree is not None:
        declared += [str(v) for v in tree.xpath("/html/@lang | /html/@xml:lang")[:1]]
    for value in declared:
        match = _LANGUAGE.match(value.strip().lower())
        if match:
            return match.group(1)
    return None


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
