"""Read many articles from paths, directories, globs, JSONL, WARC or stdin.

``read_sources`` yields an ``Article`` for every article it can read and a ``Failure`` (with the
catalogue code and message) for every one it cannot, then goes on: a corpus run records the
failures and never stops on bad input. Only bugs raise.
"""

from __future__ import annotations

import codecs
import dataclasses
import glob
import gzip
import io
import itertools
import json
import re
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO, Literal

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from eventwire.errors import Errors, InputError
from eventwire.ingest._article import from_html, from_input, from_text
from eventwire.ingest._decode import decode, looks_binary
from eventwire.records import Article, Failure

__all__ = ["ARTICLE_SUFFIXES", "read_sources"]

_PLAIN_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".jsonl", ".ndjson")
ARTICLE_SUFFIXES: tuple[str, ...] = (
    *_PLAIN_SUFFIXES, *(f"{s}.gz" for s in _PLAIN_SUFFIXES), ".warc", ".warc.gz")
_GZIP_MAGIC = b"\x1f\x8b"
_JSONL = (".jsonl", ".ndjson")
_WARC = (".warc", ".warc.gz")
_STDIN = "<stdin>"
_HEAD = 8192  # bytes read to tell the kind of an unnamed input
Kind = Literal["jsonl", "warc", "document"]
Item = Article | Failure


def _failure(code: str, source: str, **fields: object) -> Failure:
    """A ``Failure`` whose reason is the formatted catalogue message."""
    reason = f"{code}: " + getattr(Errors, code).format(source=source, **fields)
    return Failure(source=source, reason=reason, code=code)


def _from_error(error: InputError, source: str) -> Failure:
    return Failure(source=source, reason=str(error), code=error.code)


def read_sources(sources: Sequence[str], *, published: date | None = None) -> Iterator[Item]:
    """Articles (or failures) from each source: a path, directory, glob pattern, or ``-``."""
    for source in sources:
        yield from _read_source(source, published)


def _read_source(source: str, published: date | None) -> Iterator[Item]:
    if source == "-":
        yield from _read_stream(io.BytesIO(sys.stdin.buffer.read()), _STDIN, published, None)
        return
    path = Path(source)
    if path.is_dir():
        yield from _read_dir(path, published)
    elif path.exists():
        yield from _read_file(path, published)
    elif glob.has_magic(source):
        matches = sorted(glob.glob(source, recursive=True))
        if not matches:
            yield _failure("E101", source)
        for match in matches:
            yield from _read_source(match, published)
    else:
        yield _failure("E101", source)


def _read_dir(path: Path, published: date | None) -> Iterator[Item]:
    """Every article file under ``path``, recursively, in sorted order."""
    try:
        files = sorted(str(p) for p in path.rglob("*")
                       if p.is_file() and p.name.lower().endswith(ARTICLE_SUFFIXES))
    except OSError as error:
        yield _unreadable(str(path), error)
        return
    if not files:
        yield _failure("E102", str(path))
    for name in files:
        yield from _read_file(Path(name), published)


def _unreadable(source: str, error: OSError) -> Failure:
    return _failure("E111", source, detail=error.strerror or type(error).__name__)


def _kind_by_name(path: Path) -> Kind | None:
    name = path.name.lower()
    if name.endswith(_WARC):
        return "warc"
    name = name.removesuffix(".gz")
    if name.endswith(_JSONL):
        return "jsonl"
    if name.endswith(_WARC):
        return "warc"
    return None


def _read_file(path: Path, published: date | None) -> Iterator[Item]:
    """One file, streamed: a WARC or JSONL file is never held in memory whole."""
    try:
        stream = path.open("rb")
    except OSError as error:
        yield _unreadable(str(path), error)
        return
    with stream:
        yield from _read_stream(stream, str(path), published, _kind_by_name(path))


def _read_stream(stream: BinaryIO, source: str, published: date | None,
                 kind: Kind | None) -> Iterator[Item]:
    """Articles from an open binary stream, its kind told by name or sniffed from its head."""
    try:
        head = stream.read(_HEAD)
    except OSError as error:
        yield _unreadable(source, error)
        return
    kind = kind or _sniff(head)
    if kind == "warc":
        stream.seek(0)
        yield from _read_warc(stream, source, published)
    elif head[:2] == _GZIP_MAGIC:  # a gzipped text, HTML or JSONL file: read it through
        yield from _read_gzip(stream, source, published, kind)
    elif not head.strip():
        yield _failure("E104", source)
    elif looks_binary(head):
        yield _failure("E103", source)
    elif kind == "jsonl":
        lines = itertools.chain(io.BytesIO(head + stream.readline()), stream)
        yield from _read_jsonl(lines, source, published)
    else:
        yield _read_document(stream, head, source, published)


def _read_gzip(stream: BinaryIO, source: str, published: date | None,
               kind: Kind | None) -> Iterator[Item]:
    """A gzip-compressed input, decompressed as it is read; a corrupt one is one failure."""
    stream.seek(0)
    inner = gzip.GzipFile(fileobj=stream, mode="rb")
    try:
        yield from _read_stream(inner, source, published, None if kind == "document" else kind)
    except (OSError, EOFError, zlib.error) as error:
        yield _failure("E111", source, detail=f"corrupt gzip data ({error})")


def _read_document(stream: BinaryIO, head: bytes, source: str,
                   published: date | None) -> Item:
    """One text or HTML document: the rest of the stream after its head."""
    try:
        data = head + stream.read()
    except OSError as error:
        return _unreadable(source, error)
    try:
        return from_input(data, published=published, source=source)
    except InputError as error:
        return _from_error(error, source)


_JSON_OPENING = re.compile(rb'^\{\s*"(?:id|text|html|title|url|published)"\s*:')


def _sniff(head: bytes) -> Kind:
    """What raw bytes hold when the name does not say: WARC, JSONL, or one document."""
    if head.startswith(b"WARC/") or (
            head[:2] == b"\x1f\x8b" and _gunzip_head(head).startswith(b"WARC/")):
        return "warc"
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0].strip()
    if not first.startswith(b"{"):
        return "document"
    try:
        record = json.loads(first)
    except (json.JSONDecodeError, UnicodeDecodeError):
        # a first line longer than the sniffed head: judge it by its opening key
        return "jsonl" if _JSON_OPENING.match(first) else "document"
    is_article = isinstance(record, dict) and ("text" in record or "html" in record)
    return "jsonl" if is_article else "document"


def _gunzip_head(data: bytes) -> bytes:
    try:
        return zlib.decompressobj(wbits=31).decompress(data, 16)
    except zlib.error:
        return b""


# -- JSONL -------------------------------------------------------------------------------------


def _read_jsonl(lines: Iterable[bytes], source: str, published: date | None) -> Iterator[Item]:
    """One article per line; a bad line is a failure naming ``source:line`` and the rest go on.

    Lines are split at ``\\n`` only: JSON strings may hold U+2028 or U+0085, which
    ``str.splitlines`` would break apart.
    """
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        where = f"{source}:{number}"
        try:
            line = _utf8_line(raw, number, where)
            yield _jsonl_article(line, where, number, published)
        except InputError as error:
            yield _from_error(error, where)


def _utf8_line(raw: bytes, number: int, where: str) -> str:
    if number == 1 and raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError("E112", source=where, line=number,
                         detail=f"not UTF-8 text (byte {error.start})") from None


def _jsonl_article(line: str, where: str, number: int, published: date | None) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError("E106", source=where, line=number, detail=error.msg) from None
    if not isinstance(record, dict):
        raise InputError("E112", source=where, line=number,
                         detail=f"expected a JSON object, got {type(record).__name__}")
    text, html = record.get("text"), record.get("html")
    body = text if isinstance(text, str) and text.strip() else None
    page = html if isinstance(html, str) and html.strip() else None
    if body is None and page is None:
        raise InputError("E107", source=where, line=number)
    fields = {
        "title": _optional_str(record, "title", where, number),
        "url": _optional_str(record, "url", where, number),
        "published": _optional_date(record, where, number) or published,
        "id": _optional_id(record, where, number),
        "source": where,
    }
    if body is not None:
        return from_text(body, **fields)
    return from_html(page or "", **fields)


def _optional_str(record: dict[str, object], name: str, where: str, number: int) -> str | None:
    value = record.get(name)
    if value is None or isinstance(value, str):
        return value or None
    raise InputError("E112", source=where, line=number, detail=f"{name!r} must be a string")


def _optional_id(record: dict[str, object], where: str, number: int) -> str | None:
    value = record.get("id")
    if value is None:
        return None
    if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
        return str(value)
    raise InputError("E112", source=where, line=number,
                     detail="'id' must be a non-empty string or integer")


def _optional_date(record: dict[str, object], where: str, number: int) -> date | None:
    value = record.get("published")
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise InputError("E112", source=where, line=number,
                     detail=f"'published' must be a date as YYYY-MM-DD, got {value!r}")


# -- WARC --------------------------------------------------------------------------------------


# What warcio raises on a damaged archive (its parser can also trip over its own None checks).
_WARC_ERRORS = (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError, zlib.error)


def _read_warc(stream: BinaryIO, source: str, published: date | None) -> Iterator[Item]:
    """Each HTML or text ``response`` record of a WARC (or .warc.gz) file.

    Only warcio's own reading is guarded: a damaged archive ends with one E109 failure after the
    records read before the damage.
    """
    records = iter(ArchiveIterator(stream))
    while True:
        try:
            record = next(records, None)
            if record is None:
                return
            kind = _payload_kind(record) if record.rec_type == "response" else None
            payload = record.content_stream().read() if kind is not None else b""
        except _WARC_ERRORS as error:
            detail = " ".join(str(error).split()) or type(error).__name__
            yield _failure("E109", source, detail=detail[:200])
            return
        if kind is not None:
            yield _warc_article(record, payload, kind, source, published)


def _payload_kind(record: ArcWarcRecord) -> Literal["html", "text"] | None:
    headers = record.http_headers
    content_type = headers.get_header("Content-Type", "") if headers is not None else ""
    content_type = (content_type or "").lower()
    if "html" in content_type:
        return "html"
    if content_type.startswith("text/plain"):
        return "text"
    return None


def _warc_article(record: ArcWarcRecord, payload: bytes, kind: Literal["html", "text"],
                  source: str, published: date | None) -> Item:
    """One record's article; its date falls back to WARC-Date (the crawl day) only at last."""
    rec_headers = record.rec_headers
    record_id = (rec_headers.get_header("WARC-Record-ID") or "").strip("<> ") or None
    url = rec_headers.get_header("WARC-Target-URI") or None
    where = f"{source}#{record_id}" if record_id else source
    crawled = _warc_day(rec_headers.get_header("WARC-Date"))
    try:
        text = _decode_payload(payload, record, where)
        reader = from_html if kind == "html" else from_text
        article = reader(text, url=url, published=published, source=where, id=record_id)
    except InputError as error:
        return _from_error(error, where)
    if article.published is None and crawled is not None:
        article = _with_date(article, crawled)
    return article


def _decode_payload(payload: bytes, record: ArcWarcRecord, where: str) -> str:
    """The payload as text, honouring the charset the HTTP header declares."""
    headers = record.http_headers
    content_type = (headers.get_header("Content-Type", "") if headers is not None else "") or ""
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value and not looks_binary(payload):
            try:
                return payload.decode(value.strip("\"' "))
            except (LookupError, UnicodeDecodeError):
                break
    return decode(payload, where)


def _warc_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _with_date(article: Article, day: date) -> Article:
    return dataclasses.replace(article, published=day)
