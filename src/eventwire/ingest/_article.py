"""Build one ``Article`` from text or HTML: decode, extract, clean, and give it a stable id."""

from __future__ import annotations

import hashlib
from datetime import date

from eventwire.errors import InputError
from eventwire.ingest._decode import decode
from eventwire.ingest._html import extract_html, looks_html
from eventwire.ingest.casing import restore_case
from eventwire.ingest.clean import Cleaned, clean
from eventwire.records import Article

__all__ = ["article_id", "from_html", "from_input", "from_text"]

_UNNAMED = "<input>"
_TITLE_LETTERS = 12  # a headline in capitals is short: judge its case on fewer letters


def article_id(text: str, source: str) -> str:
    """16 hex digits of SHA-256 over source and cleaned text: the same on every run and machine."""
    return hashlib.sha256(f"{source}\0{text}".encode()).hexdigest()[:16]


def _as_text(data: str | bytes, source: str) -> str:
    """Decoded text; empty input is E104 whether it came as bytes or as a string."""
    text = decode(data, source) if isinstance(data, bytes) else data
    if not text.strip():
        raise InputError("E104", source=source)
    return text.lstrip("\ufeff")


def from_input(text_or_html: str | bytes, *, title: str | None = None,
               published: date | None = None, url: str | None = None, source: str = "",
               id: str | None = None) -> Article:
    """An article from raw text or HTML (bytes are decoded; HTML is told apart by its tags)."""
    text = _as_text(text_or_html, source or _UNNAMED)
    reader = from_html if looks_html(text) else from_text
    return reader(text, title=title, published=published, url=url, source=source, id=id)


def from_text(text: str | bytes, *, title: str | None = None, published: date | None = None,
              url: str | None = None, source: str = "", id: str | None = None) -> Article:
    """An article from scraped plain text, with its web debris removed (see ``clean``)."""
    raw = restore_case(_as_text(text, source or _UNNAMED))
    title = restore_case(title, min_letters=_TITLE_LETTERS) if title else title
    cleaned = clean(raw, title=title)
    article = _article(cleaned, title=title, published=published, url=url, source=source, id=id)
    if reads_foreign(article.text):
        raise InputError("E114", source=source or _UNNAMED)
    return article


def from_html(html: str | bytes, *, title: str | None = None, published: date | None = None,
              url: str | None = None, source: str = "", id: str | None = None) -> Article:
    """An article from an HTML page: trafilatura's main text and metadata, then cleaned."""
    page = _as_text(html, source or _UNNAMED)
    extracted = extract_html(page, url=url)
    if not extracted.text.strip():
        raise InputError("E108", source=source or _UNNAMED)
    known_title = title if title is not None else extracted.title
    if known_title:
        known_title = restore_case(known_title, min_letters=_TITLE_LETTERS)
    cleaned = clean(restore_case(extracted.text), title=known_title, scraped=False)
    if not cleaned.text.strip():
        raise InputError("E108", source=source or _UNNAMED)
    byline = extracted.authors or cleaned.byline
    article = _article(cleaned, title=known_title, published=published,
                       url=url or extracted.url, source=source, id=id,
                       own_date=extracted.published, byline=byline)
    declared = extracted.language
    if declared and not declared.lower().startswith("en") and not looks_english(article.text):
        # the engine's model and lexicons are English: coding this would be noise. Pages often
        # declare the wrong language, so the text itself must agree before we refuse it.
        raise InputError("E113", source=source or _UNNAMED, language=declared)
    if not declared and reads_foreign(article.text):
        raise InputError("E114", source=source or _UNNAMED)
    return article


_ENGLISH_FUNCTION_WORDS = frozenset({
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "said",
    "by", "as", "at", "it", "from", "be", "have", "has", "are", "were", "his", "her", "their",
    "they", "he", "she", "this", "an", "not", "but", "who", "which", "will"
})


# The commonest function words of the languages news most often comes in besides English
# (Spanish, French, Portuguese, Italian, German); none of them is a common English word
# ("die", "do", "per" are left out for that reason).
_FOREIGN_FUNCTION_WORDS = frozenset({
    "el", "los", "las", "del", "y", "que", "en", "por", "para", "con", "una", "es", "se", "al",
    "le", "les", "des", "du", "et", "est", "une", "dans", "pour", "sur", "qui", "pas", "au",
    "o", "os", "da", "dos", "das", "em", "um", "uma", "não", "il", "della", "di", "che", "è",
    "der", "und", "den", "mit", "von", "ist", "nicht", "sich", "auf", "eine", "ein", "dem", "zu",
    "im", "de", "la",
})


def _words(text: str, sample: int) -> list[str]:
    words = [w.strip(".,;:!?\"'()«»“”").lower() for w in text.split()[:sample]]
    return [w for w in words if w]


def looks_english(text: str, *, sample: int = 400) -> bool:
    """Whether a text reads as English: in English prose about a third of the words are function
    words such as "the", "of", "and"; in Spanish, French or German prose almost none are."""
    words = _words(text, sample)
    if len(words) < 20:
        return True  # too little to judge: do not refuse
    share = sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words)
    return share >= 0.12


def reads_foreign(text: str, *, sample: int = 400) -> bool:
    """Whether a text that declares no language is plainly in another one: few English function
    words, and at least twice as many of another language's. A list of English headlines has few
    function words too, but none of the foreign ones, so it is kept."""
    words = _words(text, sample)
    if len(words) < 40 or looks_english(text, sample=sample):
        return False
    english = sum(w in _ENGLISH_FUNCTION_WORDS for w in words)
    foreign = sum(w in _FOREIGN_FUNCTION_WORDS for w in words)
    return foreign >= 2 * english and foreign / len(words) >= 0.1


def _article(cleaned: Cleaned, *, title: str | None, published: date | None, url: str | None,
             source: str, id: str | None, own_date: date | None = None,
             byline: tuple[str, ...] | None = None) -> Article:
    if not cleaned.text.strip():
        raise InputError("E110", source=source or _UNNAMED)
    return Article(
        id=id if id is not None else article_id(cleaned.text, source),
        text=cleaned.text,
        source=source,
        url=url,
        title=title if title is not None else cleaned.title,
        standfirst=cleaned.standfirst,
        byline=byline if byline is not None else cleaned.byline,
        published=own_date or cleaned.published or published,
        removed=cleaned.removed,
    )
