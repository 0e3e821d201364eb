"""eventwire's exceptions and the catalogue of messages a user may see.

Hierarchy::

    EventwireError            anything eventwire raises on purpose
    ├── InputError            the user's input is unusable (missing file, bad encoding, bad JSONL)
    ├── OptionError           an option has a value we cannot accept (unknown format, bad date, URL)
    ├── StoreError            the database cannot be opened or written
    └── PipelineError         a stage broke its contract (a bug in eventwire or in a plug-in)

Every message lives in ``Errors`` with a code; the code is part of the text ("E101: ...") so a
user can search for it. Only the edges (CLI, HTTP API) turn these into exit codes or JSON.
"""

from __future__ import annotations

__all__ = [
    "Errors",
    "EventwireError",
    "InputError",
    "NotFoundError",
    "OptionError",
    "PipelineError",
    "StoreError",
]


class Errors:
    """Message templates, formatted with ``.format(**fields)``."""

    # input (1xx)
    E101 = "{source}: no such file or directory"
    E102 = ("{source}: the directory holds no articles "
            "(.txt, .text, .md, .html, .htm, .jsonl, .ndjson, each maybe .gz; .warc, .warc.gz)")
    E103 = "{source}: looks like a binary file, not text, HTML, JSONL or WARC"
    E104 = "{source}: the file is empty"
    E105 = "{source}: cannot tell the text encoding; convert it to UTF-8"
    E106 = "{source}: line {line} is not JSON ({detail})"
    E107 = "{source}: line {line} has neither 'text' nor 'html'"
    E108 = "{source}: no article text could be extracted from the HTML"
    E109 = "{source}: not a readable WARC file ({detail})"
    E110 = "{source}: the article has no text after removing web debris"
    E111 = "{source}: cannot read ({detail})"
    E112 = "{source}: line {line}: {detail}"
    E113 = "{source}: the page declares its language as {language!r}; eventwire codes English only"
    E114 = ("{source}: the text reads as another language than English (its common words are "
            "not English ones); eventwire codes English only")
    # options (2xx)
    E201 = "unknown format {value!r}; choose one of {choices}"
    E202 = "bad date {value!r}; give it as YYYY-MM-DD"
    E203 = "bad database URL {value!r}; use sqlite:///path.db or postgresql://user@host/db"
    E204 = "bad Dask address {value!r}; use local, local:N or tcp://host:port"
    E205 = "{name} must be {expected}, got {value!r}"
    # store (3xx)
    E301 = "cannot open the database at {url}: {detail}"
    E302 = "cannot write to the database at {url}: {detail}"
    # HTTP API (5xx)
    E501 = "no article with id {id!r} in the store"
    E502 = "bad request: {detail}"
    # pipeline (4xx)
    E401 = "stage {stage!r} returned {got}, expected a tuple of {expected}"
    E402 = "the spaCy model {name!r} is not installed; run: pip install {package}"
    E403 = ("worker processes died {n} times in a row without coding a batch; "
            "run with --workers 1 to see why")
    E404 = "coding failed: {detail}"
    E405 = "a worker process died while coding this batch (killed, or out of memory); {hint}"


def _format(code: str, **fields: object) -> str:
    return f"{code}: " + getattr(Errors, code).format(**fields)


class EventwireError(Exception):
    """Base of every error eventwire raises on purpose; ``code`` names the catalogue entry."""

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        super().__init__(_format(code, **fields))


class InputError(EventwireError):
    """The input cannot be read or holds no article."""


class OptionError(EventwireError):
    """An option or argument has a value eventwire cannot accept."""


class StoreError(EventwireError):
    """The database cannot be opened or written."""


class NotFoundError(EventwireError):
    """A stored item asked for by id does not exist."""


class PipelineError(EventwireError):
    """A stage broke its contract: a bug, reported with the stage's name."""
