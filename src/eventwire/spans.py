"""Find which extracted record a stretch of text belongs to.

Extractors that run after the actor stage (figures, quotes, events) need to ask "which actor is
this noun phrase?" many times per article. ``SpanIndex`` answers in O(log n) from the records'
spans, preferring the tightest span that covers the question.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Generic, Protocol, TypeVar

from eventwire.records import Span

__all__ = ["SpanIndex"]


class _HasSpans(Protocol):
    @property
    def spans(self) -> tuple[Span, ...]: ...


R = TypeVar("R", bound=_HasSpans)


class SpanIndex(Generic[R]):
    """Records indexed by the text spans they came from (title spans are left out)."""

    def __init__(self, records: Iterable[R]) -> None:
        entries = [(s.start, s.end, i, r) for i, r in enumerate(records)
                   for s in r.spans if s.field == "text"]
        entries.sort(key=lambda e: (e[0], e[1], e[2]))
        self._starts = [e[0] for e in entries]
        self._entries = entries

    def covering(self, start: int, end: int) -> R | None:
        """The record with the tightest span containing ``[start, end)``, or None."""
        best: tuple[int, int, R] | None = None
        stop = bisect.bisect_right(self._starts, start)
        for s, e, i, record in self._entries[:stop]:
            if e >= end and (best is None or (e - s, i) < (best[0], best[1])):
                best = (e - s, i, record)
        return best[2] if best else None

    def overlapping(self, start: int, end: int) -> list[R]:
        """Every record with a span overlapping ``[start, end)``, in text order, each once."""
        stop = bisect.bisect_left(self._starts, end)
        seen: dict[int, R] = {}
        for s, e, i, record in self._entries[:stop]:
            if e > start and s < end and i not in seen:
                seen[i] = record
        return list(seen.values())
