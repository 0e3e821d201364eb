"""The actors stage (being filled in by the actors issue; ``actor_for_token`` is stable already)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventwire.records import Actor, Article, Found
from eventwire.spans import SpanIndex

__all__ = ["actor_for_token", "extract"]


def extract(doc: Doc, article: Article, found: Found) -> tuple[Actor, ...]:
    """Return the actors found in the article."""
    return ()


def actor_for_token(token: Token, actors: tuple[Actor, ...] | list[Actor]) -> Actor | None:
    """The actor whose span covers ``token``, else the one covering its noun-phrase head."""
    index = SpanIndex(actors)
    hit = index.covering(token.idx, token.idx + len(token))
    if hit is None and token.head is not token:
        head = token.head
        hit = index.covering(head.idx, head.idx + len(head))
    return hit
