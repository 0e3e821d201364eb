"""The plain, typed records that move through the pipeline.

Every stage reads and writes only these: frozen dataclasses with tuples for sequences, so a record
can be hashed, pickled to a worker and compared. ``to_dict`` / ``from_dict`` (and ``to_json`` /
``from_json``) convert them to and from JSON-ready structures; the round trip is exact, which the
store, the JSONL output and the Dask path all rely on.

Offsets in every ``Span`` are character offsets into ``Article.text`` (``field="text"``) or into
``Article.title`` (``field="title"``), end exclusive, so ``article.text[s.start:s.end]`` is the
evidence for the item.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, TypeVar, dataclass_transform

__all__ = [
    "Actor",
    "Article",
    "Coding",
    "Cut",
    "CutReason",
    "DateMention",
    "Event",
    "Failure",
    "Figure",
    "Found",
    "Meta",
    "Place",
    "Precision",
    "Qualifier",
    "Quote",
    "Size",
    "Span",
    "from_dict",
    "from_json",
    "record",
    "to_dict",
    "to_json",
]

CutReason = Literal["related-link", "credit", "navigation", "byline", "dateline", "duplicate",
                    "standfirst"]
Precision = Literal["day", "week", "month", "year", "unknown"]
Qualifier = Literal["exact", "more than", "less than", "about", "at least", "up to", "between",
                    "at most"]


_R = TypeVar("_R")


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[_R]) -> type[_R]:
    """``@dataclass(frozen=True, slots=True)``, with an ``__init__`` four times faster.

    A frozen dataclass's own ``__init__`` stores each field through ``object.__setattr__``
    (which must look the name up every time); records are built by the hundred per article,
    and that came to about 4% of extraction. This ``__init__`` takes the same arguments, with
    the same defaults and ``__post_init__``, and stores each field through its slot directly.
    The dataclass's ``__init__`` stays on the class as ``_dataclass_init`` (the tests compare
    the two)."""
    made = dataclass(frozen=True, slots=True)(cls)
    made._dataclass_init = made.__init__  # type: ignore[attr-defined]
    made.__init__ = _slot_init(made)  # type: ignore[method-assign]
    return made


def _slot_init(cls: type) -> Any:
    """An ``__init__`` for dataclass ``cls`` (slotted) that sets each slot through its
    descriptor: the arguments, defaults, default factories and keyword-only fields of the
    dataclass's own, then ``__post_init__`` if the class has one."""
    env: dict[str, Any] = {"_MISSING": dataclasses.MISSING}
    params: list[str] = []
    body: list[str] = []
    keyword_only = False
    for f in dataclasses.fields(cls):
        name = f.name
        env[f"_set_{name}"] = cls.__dict__[name].__set__
        has_default = f.default is not dataclasses.MISSING
        has_factory = f.default_factory is not dataclasses.MISSING
        if has_default:
            env[f"_default_{name}"] = f.default
        if has_factory:
            env[f"_factory_{name}"] = f.default_factory
        if not f.init:
            if has_default or has_factory:
                value = f"_default_{name}" if has_default else f"_factory_{name}()"
                body.append(f"_set_{name}(self, {value})")
            continue
        if f.kw_only and not keyword_only:
            params.append("*")
            keyword_only = True
        if has_default:
            params.append(f"{name}=_default_{name}")
            body.append(f"_set_{name}(self, {name})")
        elif has_factory:
            params.append(f"{name}=_MISSING")
            body.append(f"_set_{name}(self, _factory_{name}() if {name} is _MISSING else {name})")
        else:
            params.append(name)
            body.append(f"_set_{name}(self, {name})")
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    source = (f"def __init__(self, {', '.join(params)}):\n"
              + "".join(f"    {line}\n" for line in body or ["pass"]))
    namespace: dict[str, Any] = {}
    exec(source, env, namespace)  # the code is built above from the fields alone
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    return init


@record
class Span:
    """Where an item came from: ``[start, end)`` character offsets into the article's text."""

    start: int
    end: int
    field: Literal["text", "title"] = "text"

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def of(self, article: Article) -> str:
        """The text this span points at."""
        source = article.text if self.field == "text" else (article.title or "")
        return source[self.start:self.end]


@record
class Cut:
    """A piece of the raw input removed as web debris, with the reason it was removed."""

    text: str
    reason: CutReason
    line: int | None = None  # 0-based line number in the raw input, when the input had lines


@record
class Article:
    """One news article after ingest: the clean body and what was taken out of it."""

    id: str
    text: str
    source: str = ""
    url: str | None = None
    title: str | None = None
    standfirst: str | None = None
    byline: tuple[str, ...] = ()
    published: date | None = None
    language: str = "en"
    removed: tuple[Cut, ...] = ()


@record
class Actor:
    """Someone who acts or is acted upon, coded in PLOVER terms.

    One ``Actor`` is one entity of the article: all its mentions (after coreference) are in
    ``spans``, the first being the one that introduced it. A compound actor ("five Britons, three
    Frenchmen ...") keeps its parts in ``members``.
    """

    id: str  # unique within the article, e.g. "A1"
    text: str  # as first written
    name: str  # canonical name ("Islamic State", "United Kingdom", "Bashar al-Assad")
    kind: Literal["person", "group", "organisation", "country", "agent", "compound"] = "agent"
    country: str | None = None  # ISO-3 or PLOVER special code (IGO, UNO, EUR, NGO, ISM, IMG, MNC)
    sector: str | None = None  # primary PLOVER sector (GOV, MIL, COP, REB, CVL, ...)
    sectors: tuple[str, ...] = ()  # all sectors, primary first ("GOV", "ELI")
    count: int | None = None
    count_qualifier: str | None = None  # "exact", "more than", ... when count is given
    office: str | None = None  # "President of Syria"
    affiliation: str | None = None  # canonical name of the organisation a person speaks for
    wikidata: str | None = None
    members: tuple[Actor, ...] = ()
    spans: tuple[Span, ...] = ()


@record
class Place:
    """A place mention, geocoded offline (``geonameid`` is None when it could not be resolved)."""

    id: str  # unique within the article, e.g. "P1"
    text: str
    name: str | None = None
    geonameid: int | None = None
    feature_code: str | None = None  # GeoNames feature code: PPL, PPLA, ADM1, PCLI, ...
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    admin1_code: str | None = None
    country: str | None = None  # ISO-3
    source: Literal["geonames", "curated"] | None = None  # None: not resolved
    spans: tuple[Span, ...] = ()


@record
class DateMention:
    """A time expression resolved against the publication date (``value`` None when unknown)."""

    id: str  # e.g. "D1"
    text: str
    value: date | None = None  # the resolved day (first day of the week/month/year)
    end: date | None = None  # last day of the period or range ("several days ago", "9-11 May")
    precision: Precision = "unknown"
    relative: bool = False  # "several days ago" depends on the publication date
    spans: tuple[Span, ...] = ()


@record
class Figure:
    """A number in the story that counts people or things, with what it counts."""

    id: str  # e.g. "F1"
    text: str
    value: float
    qualifier: Qualifier = "exact"
    low: float | None = None
    high: float | None = None
    unit: str | None = None  # what is counted ("Britons", "people killed", "USD")
    kind: Literal["count", "fraction", "percent", "money", "age", "ordinal", "other"] = "count"
    actor: Actor | None = None
    predicate: str | None = None  # "have traveled over to Iraq and Syria to join ..."
    basis: str | None = None  # id of the figure a fraction/percentage is taken of
    derived: float | None = None  # value computed from basis ("around half" of 500 -> 250)
    spans: tuple[Span, ...] = ()


@record
class Quote:
    """A quotation with its speaker."""

    id: str  # e.g. "Q1"
    text: str
    kind: Literal["direct", "indirect", "mixed"] = "direct"
    speaker: Actor | None = None
    speaker_text: str | None = None  # the words that name the speaker where the quote is
    affiliation: str | None = None
    verb: str | None = None
    spans: tuple[Span, ...] = ()  # the quoted content
    speaker_spans: tuple[Span, ...] = ()


@record
class Size:
    """How many people an event involved, when the text says."""

    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None
    people: int | None = None


@record
class Event:
    """One PLOVER event: who did what to whom, where, when, and how sure we are."""

    id: str  # e.g. "E1"
    event: str  # PLOVER type: AGREE ... ASSAULT
    trigger: str  # the words that signal it
    mode: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    cameo: str | None = None
    quad_code: int | None = None  # 0 neutral; 1/2 verbal/material coop; 3/4 ... conflict
    actors: tuple[Actor, ...] = ()
    recipients: tuple[Actor, ...] = ()
    place: Place | None = None
    date: date | None = None
    date_end: date | None = None  # last day when the date is a period or a range
    date_precision: Precision = "unknown"
    date_text: str | None = None
    size: Size = field(default_factory=Size)
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    reported: bool = False
    sentence: str = ""
    confidence: float = 0.0
    spans: tuple[Span, ...] = ()  # the trigger, then the sentence


@record
class Failure:
    """An input that could not be coded, and why; corpus runs record it and go on."""

    source: str  # path, "path:line" for JSONL, or "path#record-id" for WARC
    reason: str  # one line a person can act on
    code: str = "E000"  # the catalogue code from eventwire.errors
    article_id: str | None = None


@record
class StageTime:
    """Seconds one stage took on one article."""

    stage: str
    seconds: float


@record
class Meta:
    """What produced a coding; ``timings`` stays empty unless asked for (byte-stable output)."""

    version: str
    model: str
    timings: tuple[StageTime, ...] = ()


@record
class Found:
    """What the extractors have found so far in one article; passed to each later extractor."""

    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[DateMention, ...] = ()
    figures: tuple[Figure, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()


@record
class Coding:
    """The whole result for one article."""

    article: Article
    meta: Meta
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[DateMention, ...] = ()
    figures: tuple[Figure, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()


# --------------------------------------------------------------------------------------------
# JSON conversion


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """A record class's field names, looked up once (``to_dict`` runs for every record)."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def to_dict(record: Any) -> Any:
    """A JSON-ready structure for a record (dates become ISO strings, tuples lists)."""
    if hasattr(type(record), "__dataclass_fields__") and not isinstance(record, type):
        return {name: to_dict(getattr(record, name)) for name in _field_names(type(record))}
    if isinstance(record, tuple | list):
        return [to_dict(item) for item in record]
    if isinstance(record, date):
        return record.isoformat()
    return record


def to_json(record: Any, *, indent: int | None = None) -> str:
    """The record as a JSON string; stable key order, so equal records give equal bytes."""
    return json.dumps(to_dict(record), ensure_ascii=False, indent=indent)


T = TypeVar("T")
_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _convert(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _convert(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        (item_type, *_rest) = typing.get_args(tp)
        return tuple(_convert(item_type, v) for v in value)
    if origin is Literal:
        return value
    if tp is date:
        return date.fromisoformat(value)
    if tp is float and isinstance(value, int):
        return float(value)
    if dataclasses.is_dataclass(tp):
        return from_dict(tp, value)
    return value


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record of type ``cls`` from ``to_dict`` output; unknown keys are an error."""
    hints = _hints(cls)
    unknown = set(data) - set(hints)
    if unknown:
        raise ValueError(f"{cls.__name__}: unknown field(s) {sorted(unknown)}")
    kwargs = {name: _convert(hints[name], value) for name, value in data.items()}
    return cls(**kwargs)


def from_json(cls: type[T], text: str) -> T:
    """Rebuild a record of type ``cls`` from ``to_json`` output."""
    return from_dict(cls, json.loads(text))
