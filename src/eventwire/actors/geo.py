"""Sub-national places to countries: "the governor of Borno state" is Nigerian.

Our lexicon knows states, their adjectives and their capitals; a governor, a police force or an
official is as often qualified by a province or a town ("Zamfara police", "officials in
Maiduguri"). Such names are looked up in the places stage's offline gazetteer
(``eventwire.places.lookup``) only when a rule needs them, and each name once per process.

The places stage still geocodes every place mention; this module only answers "which country is
this place in?" for the actors stage, and answers None when the name is ambiguous.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache

from eventwire.actors.lexicon import Lexicon

__all__ = ["DIVISION_WORDS", "place_country"]

# Words that follow a division's name ("Kebbi state", "Helmand province"): with a capitalised
# name in front they make a place name even where spaCy tags none.
DIVISION_WORDS = frozenset({"state", "province", "region", "county", "district", "governorate",
                            "oblast", "prefecture", "department", "municipality"})

_RIVAL_SHARE = 10  # a rival country's candidate this many times smaller still makes it ambiguous


def place_country(name: str, lex: Lexicon, named: Collection[str] = ()) -> str | None:
    """The country (our code) the place ``name`` lies in, or None when unsure.

    Among the gazetteer's candidates (best first, by the places stage's prior; transliteration
    guesses left out) the first one in a country the article names (``named``) wins ("Jericho"
    in an article naming the West Bank). Else the best candidate's country, when no candidate
    in another country is within a tenth of its population ("Lagos" is Nigeria's, "Jericho"
    alone is undecided between Palestine and the United States).
    """
    name = name.strip()
    if len(name) < 3 or not name[0].isupper():
        return None
    options = _candidates(name, lex)
    if not options:
        return None
    for code, _pop in options:
        if code in named:
            return code
    top, top_pop = options[0]
    for code, pop in options[1:]:
        if code != top and (top_pop == 0 or pop * _RIVAL_SHARE >= top_pop):
            return None
    return top


@lru_cache(maxsize=20_000)
def _candidates(name: str, lex: Lexicon) -> tuple[tuple[str, int], ...]:
    """(country code, population) of the name's candidate places, best first."""
    from eventwire.places import MATCH_NAMES, Gazetteer, lookup

    loose = MATCH_NAMES.index("loose")
    try:
        found = lookup(name, limit=8)
    except (OSError, RuntimeError):  # no gazetteer index and it cannot be built here
        return ()
    gazetteer = Gazetteer.default()
    out: list[tuple[str, int]] = []
    for cand in found:
        if cand.match == loose or cand.level < 1:
            continue
        code = lex.state_code(gazetteer.iso3(cand.cc))
        if code is not None:
            out.append((code, cand.pop))
    return tuple(out)
