"""The public surface is what ``__all__`` says, and every name in it exists."""

from __future__ import annotations

import eventwire


def test_all_names_exist() -> None:
    for name in eventwire.__all__:
        assert hasattr(eventwire, name), name


def test_public_surface_is_deliberate() -> None:
    assert set(eventwire.__all__) >= {"code", "code_many", "Coding", "Article", "Event", "Actor",
                                      "Place", "Figure", "Quote", "Span", "EventwireError"}
    private = [n for n in eventwire.__all__ if n.startswith("_") and n != "__version__"]
    assert private == []
