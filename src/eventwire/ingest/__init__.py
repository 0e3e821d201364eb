"""Ingest: turn raw inputs (text, HTML, JSONL, WARC; files, directories, globs, stdin) into
``Article`` records with the web debris removed.

Public surface:

* ``from_input`` / ``from_text`` / ``from_html``: one article from a string or bytes; unusable
  input raises ``InputError`` (E103 binary, E104 empty, E105 undecodable, E108 HTML without
  text, E110 nothing left after cleaning).
* ``read_sources``: many articles; bad input becomes a ``Failure`` record and reading goes on.
* ``clean``: the cruft remover for scraped plain text (``clean.py`` documents its rules).
* ``restore_case``: capitals given back to a text (or title) that came all in capitals or all in
  lower case, letter for letter, so every offset stays true to the source (``casing.py``).

Layout: ``_decode`` (bytes to text), ``_html`` (trafilatura), ``_cues`` and ``clean`` (cruft),
``_article`` (one ``Article``), ``_sources`` (paths, JSONL, WARC, stdin), ``_lexicon`` (the word
lists in ``eventwire/data/ingest/``).
"""

from __future__ import annotations

from eventwire.ingest._article import article_id, from_html, from_input, from_text
from eventwire.ingest._sources import ARTICLE_SUFFIXES, read_sources
from eventwire.ingest.casing import restore_case
from eventwire.ingest.clean import Cleaned, clean

__all__ = [
    "ARTICLE_SUFFIXES",
    "Cleaned",
    "article_id",
    "clean",
    "from_html",
    "from_input",
    "from_text",
    "read_sources",
    "restore_case",
]
