"""What one line of scraped text looks like: navigation, a credit, a byline, a date stamp, a
related-story link, a heading, or a sentence.

Each test looks at one line on its own; ``clean.py`` decides from a line's position and its
neighbours whether the cue is strong enough to cut it. The tests are hash lookups of the whole
line or of its segments (split at ``|``, ``/``, ``,`` ...), plus a few anchored patterns, so a line
costs the same however large the lexicons grow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from eventwire.ingest._lexicon import lexicon

__all__ = [
    "Cue",
    "cue",
    "heading_shaped",
    "key",
    "name_shaped",
    "sentence_like",
    "verbless_caps",
    "word_count",
]

CueKind = Literal["navigation", "section", "header", "credit", "related", "byline", "dateline"]


@dataclass(frozen=True, slots=True)
class Cue:
    """What a line is, by its own shape: ``names``/``day`` are filled for bylines and dates."""

    kind: CueKind
    names: tuple[str, ...] = ()
    day: date | None = None


_DECOR = " \t|•·»«›‹>→←↑↓^*#=~_-–—:;,.[](){}!?\"'“”‘’"
_SEGMENTS = re.compile(r"\s*(?:[|•·/\\;]|\s[-–—]\s|,|\bvia\b|\band\b|&)\s*", re.I)
_WORDS = re.compile(r"[^\W\d_][\w'’.-]*", re.U)
_TERMINAL = re.compile(r"""[.!?…]["'”’)\]»]*$""")
_SPACES = re.compile(r"\s+")
_YEARS = re.compile(r"(?:©|\(c\)|\bcopyright\b|\b(?:19|20)\d\d\b)", re.I)


def key(text: str) -> str:
    """A line's identity for repetition: case-folded, whitespace collapsed."""
    return _SPACES.sub(" ", text).strip().casefold()


def word_count(text: str) -> int:
    return len(text.split())


def sentence_like(text: str) -> bool:
    """Reads like running text: a sentence that ends in a full stop, or a long line."""
    n = word_count(text)
    if n >= 20:
        return True
    if not _TERMINAL.search(text):
        return False
    stripped = text.rstrip("\"'”’)]» ")
    if stripped.endswith((".", "…")):
        return n >= 5
    return n >= 10  # a question or exclamation: short ones are usually headlines


def heading_shaped(text: str) -> bool:
    """Short and without a closing full stop: a headline, a label or a link."""
    stripped = text.rstrip("\"'”’)]» ")
    return word_count(text) <= 20 and len(text) <= 200 and not stripped.endswith(".")


def verbless_caps(text: str) -> bool:
    """A short line of capitalised words with no verb: a label, a tag list or a name."""
    words = _WORDS.findall(text)
    if not words or len(words) > 8 or text.rstrip().endswith("."):
        return False
    lex = lexicon()
    content = [w for w in words if w.lower() not in lex.closed_class]
    if not content:
        return False
    capitalised = sum(1 for w in content if w[0].isupper())
    if capitalised < 0.75 * len(content):
        return False
    return not any(_is_verb(w.lower()) for w in words)


def _is_verb(word: str) -> bool:
    lex = lexicon()
    if word in lex.verbs:
        return True
    if word in lex.not_verbs or len(word) <= 4:
        return False
    return word.endswith(("ed", "ing"))


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text.strip(_DECOR)).lower()


def cue(text: str) -> Cue | None:
    """The cruft kind a line's own shape suggests, or None for ordinary text."""
    if word_count(text) > 40:
        return _caption_credit(text)
    return (_navigation(text) or _related(text) or _byline(text) or _credit(text)
            or _dateline(text) or _caption_credit(text))


# -- navigation --------------------------------------------------------------------------------


# "12 comments", "3.4k shares": counters printed beside buttons.
_COUNTER = re.compile(r"^\d[\d.,]*k?\s+(?:comments?|shares?|replies|reply|views?|likes?|"
                      r"reactions?|responses?)$")


def _navigation(text: str) -> Cue | None:
    lex = lexicon()
    norm = _norm(text)
    if not norm:
        return Cue("navigation")  # a line of bullets, arrows or rules
    if norm in lex.related_headers:
        return Cue("header")
    if _COUNTER.match(norm):
        return Cue("navigation")
    if norm in lex.nav_lines:
        return Cue("navigation")
    if norm in lex.nav_sections:
        return Cue("section")
    if word_count(text) <= 20 and norm.startswith(lex.nav_prefixes):
        return Cue("navigation")
    parts = [p for p in re.split(r"\s*[|•·/]\s*|\s{2,}|\s[-–—]\s", norm) if p]
    if len(parts) < 2:
        parts = norm.split()
    words = [p.strip(_DECOR) for p in parts]
    if len(words) >= 2 and all(w in lex.nav_words for w in words):
        # "Share | Tweet | Email" is furniture anywhere; "US Politics" only at the edges
        strong = any(w in lex.nav_lines for w in words)
        return Cue("navigation" if strong else "section")
    return None


def _related(text: str) -> Cue | None:
    """"Related: ...", "READ MORE: ..." followed by a short headline."""
    lower = text.strip().lower()
    lex = lexicon()
    if not lower.startswith(lex.related_prefixes):
        return None
    prefix = next(p for p in lex.related_prefixes if lower.startswith(p))
    rest = text.strip()[len(prefix):].strip()
    if rest and word_count(rest) <= 20 and not rest.rstrip("\"'”’) ").endswith("."):
        return Cue("related")
    return None


# -- credits -----------------------------------------------------------------------------------


def _credit(text: str) -> Cue | None:
    """A photo or wire credit: "Reuters", "AFP/Getty Images", "Photo: John Smith/AP", a
    copyright notice, or the "(Reporting by ...; Editing by ...)" line that ends wire copy."""
    lex = lexicon()
    body = text.strip().strip("()[]").strip()
    lower = body.lower()
    if word_count(text) <= 30 and lower.startswith(lex.wire_openers + lex.copyright_openers):
        return Cue("credit")
    if word_count(text) > 12 or len(text) > 120:
        return None
    for prefix in lex.credit_prefixes:
        if lower.startswith(prefix):
            rest = body[len(prefix):]
            if re.match(r"\s*(?::|\bby\b|[-–—]\s|\|)", rest, re.I) or (
                    prefix.endswith(("copyright", "credit", " by")) and rest[:1].isspace()):
                rest = re.sub(r"^\s*(?::|\bby\b|[-–—]|\|)\s*", "", rest, flags=re.I)
                if rest.strip() and word_count(rest) <= 10:
                    return Cue("credit")
            break
    return Cue("credit") if _credit_segments(body) else None


def _credit_segments(body: str) -> bool:
    """Every segment is an agency or a person's name, and at least one is an agency."""
    lex = lexicon()
    cleaned = _YEARS.sub(" ", body)
    if _norm(cleaned) in lex.agencies:
        return True
    cleaned = re.sub(r"\b(?:photo|photos|file|pool|handout)\b", " ", cleaned, flags=re.I)
    segments = [s.strip(_DECOR) for s in _SEGMENTS.split(cleaned)]
    segments = [s for s in segments if s]
    agencies = [_norm(s) in lex.agencies for s in segments]
    return any(agencies) and all(a or name_shaped(s) for a, s in zip(agencies, segments,
                                                                        strict=True))


_CAPTION = re.compile(
    r"(?:^|[.)]\s+)(?:Photo|Photograph|Picture|Image|Credit|Photo credit|Image copyright)"
    r"\s*(?::|by)\s*(?P<rest>[^.]{2,80})\.?$")


def _caption_credit(text: str) -> Cue | None:
    """A photo caption that ends with its credit ("... on Tuesday. Photograph: J Doe/AP")."""
    if word_count(text) > 60:
        return None
    match = _CAPTION.search(text.strip())
    if match and _credit_segments(match.group("rest")):
        return Cue("credit")
    return None


# -- bylines -----------------------------------------------------------------------------------

_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|[A-Z]\.(?:[A-Z]\.)*|Mc\w+|Mac\w+)$", re.U)


def name_shaped(text: str) -> bool:
    """Two to five capitalised words (particles like al-, van, de allowed), no digits."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 5 or any(ch.isdigit() for ch in text):
        return False
    lex = lexicon()
    capitals = 0
    for token in tokens:
        low = token.lower()
        if low in lex.name_particles:
            continue
        if "-" in low and low.split("-")[0] + "-" in lex.name_particles:
            capitals += 1  # al-Assad, el-Sisi
            continue
        if low in lex.closed_class or not _NAME_TOKEN.match(token):
            return False
        capitals += 1
    return capitals >= 2 and text.lower() not in lex.not_names


def _byline(text: str) -> Cue | None:
    """"By Jane Doe", "Jane Doe ,", "Jane Doe and John Roe", "Jane Doe | Reuters"."""
    if word_count(text) > 25:
        return None
    body = text.strip()
    trailing_comma = body.endswith(",")
    body = body.rstrip(" ,")
    lower = body.lower()
    lex = lexicon()
    opener = next((o for o in lex.byline_openers
                   if lower.startswith(o) and lower[len(o):len(o) + 1] in (" ", ":")), None)
    if opener:
        body = body[len(opener):].lstrip(" :")
    parts = [p.strip() for p in re.split(r"\s*(?:[|•·]|\s[-–—]\s)\s*", body) if p.strip()]
    if not parts:
        return None
    if opener:  # "By Sara Haddad in Kabul": the dateline place is not part of the name
        parts[0] = _BYLINE_PLACE.sub("", parts[0])
    agency = _agency_author(parts[0])
    if opener and agency and len(parts) == 1:
        return Cue("byline", names=(agency,))  # "By Reuters": the agency is the author
    names, day, extra_ok = _names(parts[0])
    for part in parts[1:]:
        if _norm(part) in lex.agencies or _norm(part) in lex.byline_roles:
            continue
        if _dateline(part):
            day = day or _parse_day(part)
            continue
        return None
    if not names or not extra_ok:
        return None
    several = len(names) >= 2
    if opener or trailing_comma or several or len(parts) > 1 or day or extra_ok == "role":
        return Cue("byline", names=names, day=day)
    return None


_BYLINE_PLACE = re.compile(r"\s+(?:in|from|at)\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}$")


def _agency_author(text: str) -> str | None:
    """The agency in "Reuters" or "Al Jazeera Staff" (an agency and one role word), or None."""
    lex = lexicon()
    if _norm(text) in lex.agencies:
        return text.strip()
    head, _, last = text.strip().rpartition(" ")
    if head and last.lower() in lex.byline_roles and _norm(head) in lex.agencies:
        return head.strip()
    return None


def _names(text: str) -> tuple[tuple[str, ...], date | None, bool | str]:
    """Names in "A, B and C, Role": the names, a date if one trails, and whether all parts fit.

    The third value is ``"role"`` when a role or agency follows the names (a byline cue by
    itself), True when every piece is a name, False when something is not a name.
    """
    lex = lexicon()
    names: list[str] = []
    day: date | None = None
    role = False
    for piece in re.split(r"\s*,\s*", text):
        if not piece:
            continue
        norm = _norm(piece)
        if names and (norm in lex.byline_roles or norm in lex.agencies
                      or norm.startswith(("for ", "in ", "special to "))):
            role = True
            continue
        if names and _dateline(piece):
            day = day or _parse_day(piece)
            continue
        for name in re.split(r"\s+(?:and|&)\s+", piece):
            name = name.strip()
            if not name_shaped(name):
                return (), None, False
            names.append(name)
    return tuple(names), day, ("role" if role else True)


# -- date stamps -------------------------------------------------------------------------------

_MONTHS = {m: i for i, ms in enumerate(
    (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for m in ms}
_DATE_TOKEN = re.compile(
    r"^(?:\d{1,4}(?:st|nd|rd|th)?|\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?(?:am|pm)?|"
    r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|[+-]\d{2}:?\d{2}|\d{4}-\d\d-\d\dt[\d:.+z-]+)$")
# A token that can only be a date or a time: a year, 12:30, 2014-03-12, 12/03/2014.
_ANCHOR = re.compile(r"^(?:(?:19|20)\d\d|\d{1,2}[:.h]\d{2}.*|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|"
                     r"\d{4}-\d\d-\d\dt.*)$")
_DAY_PATTERNS = (
    re.compile(r"\b(?P<m>[a-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b"),
    re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m>[a-z]{3,9})\.?,?\s+(?P<y>\d{4})\b"),
    re.compile(r"\b(?P<y>\d{4})-(?P<mm>\d{1,2})-(?P<d>\d{1,2})\b"),
    re.compile(r"\b(?P<y>\d{4})/(?P<mm>\d{1,2})/(?P<d>\d{1,2})\b"),
)


def _dateline(text: str) -> Cue | None:
    """A line that is only a date/time stamp ("Updated: 12 March 2014 14:02 GMT")."""
    tokens = [t for t in re.split(r"[\s,|•·/()]+", text.lower()) if t and t not in "-–—:"]
    tokens = [t.rstrip(":,.") if not t.endswith(("a.m.", "p.m.")) else t for t in tokens]
    if not tokens or len(tokens) > 14:
        return None
    anchored = False
    for token in tokens:
        if token in _MONTHS or _DATE_TOKEN.match(token):
            anchored = anchored or token in _MONTHS or _ANCHOR.match(token) is not None
            continue
        if token not in lexicon().date_words:
            return None
    relative = "ago" in tokens and any(t.isdigit() for t in tokens)  # "3 hours ago"
    if not (anchored or relative):
        return None
    return Cue("dateline", day=_parse_day(text))


def _parse_day(text: str) -> date | None:
    """The calendar day a stamp names, when it names one unambiguously."""
    lower = text.lower()
    for pattern in _DAY_PATTERNS:
        match = pattern.search(lower)
        if not match:
            continue
        groups = match.groupdict()
        month = int(groups["mm"]) if groups.get("mm") else _MONTHS.get(groups["m"] or "")
        if not month:
            continue
        try:
            return date(int(groups["y"]), month, int(groups["d"]))
        except ValueError:
            continue
    return None
