"""Cruft removal for scraped plain text: recover title, standfirst, byline and the clean body.

A scraped news page printed as text keeps the page's furniture around the story: a headline, a
standfirst, a byline, related-story links (often printed twice: image alt text, then link text),
photo and wire credits, share buttons, a "top" link. This module finds them with general rules:

* **Units.** Lines are grouped into units: one line each, except hard-wrapped paragraphs, whose
  lines are joined with a space. The body is its units joined by ``"\\n\\n"``; inside a unit only
  the ends of lines are stripped, so the text stays as written.
* **Line shape** (``_cues.py``): navigation words, credit/agency names, byline shapes, date
  stamps, "Related: ..." openings, headings (short, no full stop), sentences.
* **Position.** The *head* is everything before the first sentence of the story; the *tail*
  everything after its last sentence. Cues that could be real text ("Middle East", "By the
  river", a bare name) are cut only there; unmistakable furniture (credits, "Advertisement",
  "Share this article", "Related: ...") is cut wherever it stands.
* **Standfirst.** A first paragraph followed by a block of furniture that holds a byline or a date
  stamp is the standfirst: it leaves the body for ``Article.standfirst``.
* **Repetition.** A heading-shaped line printed twice (side by side, or both in the head or tail)
  is a related-story link: the first copy is cut as ``related-link`` and each repeat as
  ``duplicate``. A whole paragraph printed again anywhere keeps its first copy in the body; the
  repeats are cut as ``duplicate``.
* **Headings without verbs.** In the head and tail, a short capitalised line with no verb (a
  section label, a tag list) is cut as ``navigation``. A heading with a verb printed once stays:
  it cannot be told from a sub-headline, and losing story text is worse than keeping a link.

Every cut piece is kept as ``Cut(text, reason, line)`` with its 0-based line in the input. Date
stamps found in the byline block are cut with reason ``byline`` and give the article's date.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from eventwire.ingest._cues import (
    Cue,
    cue,
    heading_shaped,
    key,
    sentence_like,
    verbless_caps,
    word_count,
)
from eventwire.records import Cut, CutReason

__all__ = ["Cleaned", "clean", "split_units"]

_MAX_STANDFIRST_WORDS = 80
_BULLETS = ("- ", "* ", "• ", "– ", "· ")
# Cue kinds that are cut wherever they stand, and their reasons.
_ANYWHERE: dict[str, CutReason] = {
    "navigation": "navigation", "credit": "credit", "related": "related-link",
    "header": "navigation",
}
# Cue kinds cut only in the head or tail.
_EDGE: dict[str, CutReason] = {"section": "navigation", "byline": "byline",
                               "dateline": "dateline"}


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The result of cleaning one scraped text."""

    text: str
    title: str | None = None
    standfirst: str | None = None
    byline: tuple[str, ...] = ()
    published: date | None = None
    removed: tuple[Cut, ...] = ()


@dataclass(frozen=True, slots=True)
class Unit:
    """One paragraph-sized piece of the input and the line it starts on."""

    text: str
    line: int


def split_units(text: str, *, unwrap: bool = True) -> list[Unit]:
    """The text's units: one per line, hard-wrapped paragraphs joined into one (``unwrap``)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    stripped = [line.strip() for line in lines]
    width = _wrap_width(stripped) if unwrap else None
    units: list[Unit] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(stripped):
        if not line:
            if current:
                units.append(Unit(" ".join(current), start))
            current = []
            continue
        if current and _continues(current[-1], line, width):
            current.append(line)
            continue
        if current:
            units.append(Unit(" ".join(current), start))
        current, start = [line], number
    if current:
        units.append(Unit(" ".join(current), start))
    return units


def _wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped text is wrapped at, or None when lines are not wrapped."""
    followed = [a for a, b in itertools.pairwise(lines) if a and b]
    lengths = [len(line) for line in lines if line]
    if len(followed) < 2 or not lengths:
        return None
    width = max(lengths)
    if not 40 <= width <= 100:
        return None
    full = sum(1 for line in followed if len(line) >= 0.75 * width)
    return width if full >= 0.6 * len(followed) else None


def _continues(previous: str, line: str, width: int | None) -> bool:
    """True when ``line`` carries on the paragraph ``previous`` started."""
    if width is not None and len(previous) >= 0.75 * width:
        return True
    ends_open = not previous.rstrip("\"'”’)]» ").endswith((".", "!", "?", ":", ";", "…"))
    return ends_open and (line[0].islower() or line[0] in ",;)")


def clean(text: str, *, title: str | None = None, scraped: bool = True) -> Cleaned:
    """Split scraped text into title, standfirst, byline, body and the removed debris.

    ``title``, when given, is the article's known title: a copy of it at the top is removed (not
    recorded as a cut) and no other title is looked for. ``scraped=False`` is for text an HTML
    extractor already cleaned: no title is looked for, and only lines whose own shape marks them
    as furniture are cut (no heading or verb heuristics).
    """
    units = split_units(text, unwrap=scraped)
    if not units:
        return Cleaned(text="")
    cues = [cue(u.text) for u in units]
    reasons: dict[int, CutReason] = {}
    title_at = _find_title(units, cues, title, scraped)
    start = title_at + 1 if title_at is not None else 0
    for i in range(start):
        if i != title_at and cues[i] is not None:
            reasons[i] = _reason(cues[i], edge=True)
    body_start, standfirst_at = _head(units, cues, start, reasons, scraped)
    body_end = _tail(units, cues, body_start, reasons, scraped)
    _body_rules(units, cues, body_start, body_end, reasons)
    _repeats(units, body_start, body_end, (title_at, standfirst_at), reasons, scraped)
    return _assemble(units, cues, reasons, (title_at, standfirst_at), body_start, title)


def _reason(c: Cue, *, edge: bool) -> CutReason:
    if c.kind in _ANYWHERE:
        return _ANYWHERE[c.kind]
    return _EDGE[c.kind] if edge else "navigation"


def _find_title(units: list[Unit], cues: list[Cue | None], given: str | None,
                scraped: bool) -> int | None:
    """Index of the title unit: a copy of the given title, or the first heading before prose."""
    if given is not None:
        return next((i for i, unit in enumerate(units[:4]) if _same_title(unit.text, given)),
                    None)
    if not scraped:
        return None
    for i, (unit, c) in enumerate(zip(units, cues, strict=True)):
        if c is not None and c.kind in ("navigation", "section", "credit", "dateline", "header"):
            continue  # furniture above the headline
        shaped = heading_shaped(unit.text)
        if shaped and c is None and any(sentence_like(u.text) for u in units[i + 1:]):
            return i
        return None
    return None


def _same_title(line: str, title: str) -> bool:
    """A line that prints the known title, perhaps with or without the site's name."""
    a, b = _squash(line), _squash(title)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    affixed = long.startswith(short) or long.endswith(short)
    return heading_shaped(line) and affixed and len(short) >= 0.4 * len(long)


def _squash(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _is_prose(text: str, c: Cue | None) -> bool:
    return c is None and sentence_like(text)


def _head(units: list[Unit], cues: list[Cue | None], start: int,
          reasons: dict[int, CutReason], scraped: bool) -> tuple[int, int | None]:
    """Cut the furniture above the story; return where the body starts and the standfirst."""
    first = next((i for i in range(start, len(units)) if _is_prose(units[i].text, cues[i])),
                 len(units))
    after = first + 1
    while after < len(units) and not _is_prose(units[after].text, cues[after]):
        after += 1
    block = range(first + 1, after)
    has_byline = any(cues[i] is not None and cues[i].kind in ("byline", "dateline") for i in block)
    standfirst_at: int | None = None
    if (first < len(units) and after < len(units) and has_byline
            and word_count(units[first].text) <= _MAX_STANDFIRST_WORDS):
        standfirst_at = first
        furniture = [*range(start, first), *block]
        body_start = after
    else:
        furniture = list(range(start, first))
        body_start = first
    # Labels are guessed from their shape only in a head that shows other furniture.
    guess = scraped and first < len(units) and any(cues[i] is not None for i in furniture)
    for i in furniture:
        reason = _edge_reason(units[i].text, cues[i], guess)
        if reason is not None:
            reasons[i] = reason
    return body_start, standfirst_at


def _edge_reason(text: str, c: Cue | None, guess: bool) -> CutReason | None:
    """Why a unit in the head or tail furniture goes: its cue, or (when ``guess``) a label's
    shape. A heading with a verb stays: printed once, a related-story link cannot be told from
    a sub-headline, and cutting story text is worse than keeping a link."""
    if c is not None:
        return _reason(c, edge=True)
    return "navigation" if guess and verbless_caps(text) else None


def _tail(units: list[Unit], cues: list[Cue | None], body_start: int,
          reasons: dict[int, CutReason], scraped: bool) -> int:
    """Cut the furniture below the story; return the index just past its last sentence."""
    last = max((i for i in range(body_start, len(units)) if _is_prose(units[i].text, cues[i])),
               default=None)
    if last is None:
        return len(units)
    related = False
    tail = range(last + 1, len(units))
    # As in the head, labels are guessed from their shape only beside other furniture: a
    # communiqué's signature ("GENERAL COMMAND") at the end of plain copy stays.
    guess = scraped and any(cues[i] is not None for i in tail)
    for i in tail:
        c, text = cues[i], units[i].text
        if c is not None:
            reasons[i] = _reason(c, edge=True)
            related = related or c.kind == "header"
        elif related and heading_shaped(text):
            reasons[i] = "related-link"
        elif guess and verbless_caps(text):
            reasons[i] = "navigation"
    return last + 1


def _body_rules(units: list[Unit], cues: list[Cue | None], start: int, end: int,
                reasons: dict[int, CutReason]) -> None:
    """In the story itself cut only unmistakable furniture, and the links under a related header."""
    in_related = False
    for i in range(start, end):
        c = cues[i]
        if c is not None and c.kind in _ANYWHERE:
            reasons[i] = _ANYWHERE[c.kind]
            in_related = c.kind == "header"
        elif in_related and c is None and heading_shaped(units[i].text):
            reasons[i] = "related-link"
        else:
            in_related = False


def _repeats(units: list[Unit], start: int, end: int, kept: tuple[int | None, int | None],
             reasons: dict[int, CutReason], scraped: bool) -> None:
    """Cut repeated headings (related links) and repeated paragraphs (duplicates).

    Text an HTML extractor produced (``scraped=False``) has no link text left, so there the
    first copy of a repeated heading stays and only the repeats go.
    """
    groups: dict[str, list[int]] = defaultdict(list)
    for i, unit in enumerate(units):
        groups[key(unit.text)].append(i)
    for indexes in groups.values():
        if len(indexes) < 2:
            continue
        first, *repeats = indexes
        text = units[first].text
        if heading_shaped(text) and not sentence_like(text) and not text.startswith(_BULLETS):
            adjacent = any(b - a == 1 for a, b in itertools.pairwise(indexes))
            at_edges = all(i < start or i >= end for i in indexes)
            if not (adjacent or at_edges):
                continue
            if scraped and first not in kept and first not in reasons:
                reasons[first] = "related-link"
        elif word_count(text) < 8:
            continue
        for i in repeats:
            reasons[i] = "duplicate"


def _assemble(units: list[Unit], cues: list[Cue | None], reasons: dict[int, CutReason],
              kept: tuple[int | None, int | None], body_start: int,
              given_title: str | None) -> Cleaned:
    """The body from the units not cut; byline and date from the furniture above the story."""
    title_at, standfirst_at = kept
    body: list[str] = []
    removed: list[Cut] = []
    for i, unit in enumerate(units):
        if i in kept:
            continue
        reason = reasons.get(i)
        if reason is None:
            body.append(unit.text)
        else:
            removed.append(Cut(unit.text, reason, unit.line))
    stamps = ("byline", "dateline")
    head = [cues[i] for i in range(body_start) if reasons.get(i) in stamps]
    tail = [cues[i] for i in range(body_start, len(units)) if reasons.get(i) in stamps]
    # Authors come from the head; a byline printed only at the end of the story also counts.
    # Dates only from the head: a date below the story usually belongs to a related link.
    names = _names_of(head) or _names_of(tail)
    day = next((c.day for c in head if c is not None and c.day is not None), None)
    title = given_title if given_title is not None else (
        units[title_at].text.lstrip("#").strip() if title_at is not None else None)
    return Cleaned(
        text="\n\n".join(body),
        title=title,
        standfirst=units[standfirst_at].text if standfirst_at is not None else None,
        byline=names,
        published=day,
        removed=tuple(removed),
    )


def _names_of(bylines: list[Cue | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for c in bylines if c is not None for n in c.names))
