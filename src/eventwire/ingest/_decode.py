"""Bytes to text: refuse binaries and empty input, honour BOMs, detect legacy encodings.

UTF-8 is tried first because almost every modern input is UTF-8 and a strict decode that succeeds
is certain; a byte-order mark decides UTF-8/16/32 outright; an HTML page's own ``charset``
declaration comes next; charset-normalizer guesses only what is left. Problems become
``InputError`` with the catalogue codes E103 (binary), E104 (empty) and E105 (undecodable).
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from eventwire.errors import InputError

__all__ = ["decode", "looks_binary"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Signatures of formats that are certainly not articles (images, archives, office files, PDF).
_MAGIC: tuple[bytes, ...] = (
    b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x1f\x8b", b"BZh",
    b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"\xd0\xcf\x11\xe0", b"\x7fELF", b"MZ", b"RIFF",
    b"OggS", b"ID3", b"\x00\x00\x01\x00", b"SQLite format 3",
)
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13, 27}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_SNIFF = 8192


def looks_binary(data: bytes) -> bool:
    """True for bytes that are an image, archive or other non-text file."""
    head = data[:_SNIFF]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if head.startswith(_MAGIC):
        return True
    if b"\x00" in head:
        return not _utf16_without_bom(head)
    controls = sum(1 for b in head if b in _CONTROL)
    return controls > max(4, len(head) // 50)


def _utf16_without_bom(head: bytes) -> bool:
    """UTF-16 text without a BOM has NUL in every other byte of its ASCII characters."""
    even, odd = head[0::2], head[1::2]
    return max(even.count(0), odd.count(0)) >= 0.4 * min(len(even), len(odd)) > 0 and (
        min(even.count(0), odd.count(0)) <= 0.05 * len(head))


def decode(data: bytes, source: str) -> str:
    """Text from raw bytes, or ``InputError`` (E103 binary, E104 empty, E105 undecodable)."""
    if not data.strip():
        raise InputError("E104", source=source)
    if looks_binary(data):
        raise InputError("E103", source=source)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    return _guess(data, source)


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError("E105", source=source) from None


def _declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in a ``<meta charset>`` near its top, if any."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


_WESTERN = frozenset({"cp1252", "latin_1", "iso8859_1", "iso8859_15"})
_TIE = 0.01  # chaos difference under which two guesses are equally plausible


def _guess(data: bytes, source: str) -> str:
    """charset-normalizer's guess, preferring Windows-1252 among equally plausible ones.

    On short Western European text several single-byte code pages decode equally cleanly
    (cp1250, cp1252, cp1257 ...); cp1252 is by far the most common for news, and it decodes
    everything Latin-1 does the same way except 0x80-0x9F, where Latin-1 has invisible control
    characters and cp1252 has curly quotes and dashes.
    """
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise InputError("E105", source=source)
    best = matches[0]
    if any(m.encoding in _WESTERN and m.chaos <= best.chaos + _TIE for m in matches):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    text = str(best)
    if "\x00" in text or "\ufffd" in text:
        raise InputError("E105", source=source)
    return text
