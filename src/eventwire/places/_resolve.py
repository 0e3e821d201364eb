"""Rank the candidates of every place mention of one text, using what the text says.

Each candidate gets a score from four kinds of evidence (weights in ``Weights``):

1. prior: population (log scale) and feature level — a name that is a country or an admin-1
   division's name means that before it means a hamlet of the same name;
2. how the name matched: primary name, alternate name, transliteration skeleton, abbreviation;
3. the neighbourhood: mentions chained by a comma, "in" or parentheses ("Pandi, Bulacan",
   "Minakulu (Oyam, Northern)", "Raqqa, in Syria") must nest, so a candidate that lies in (or
   contains) a candidate of a chained mention gets a large bonus, both ways;
4. the article: countries named anywhere, and — in a second pass — the countries and admin-1
   divisions the other mentions resolved to (a local story's places are near one another).

Pure functions of the mention texts, offsets and the text: no spaCy here, so the benchmark can
rank gold mentions with exactly the code the pipeline uses.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import field

from eventwire.places._index import (
    ABBREVIATION,
    ALTERNATE,
    CONVENTIONAL,
    DEMONYM,
    LOOSE,
    PRIMARY,
    Candidate,
    Gazetteer,
)
from eventwire.records import record

__all__ = ["Weights", "distance_km", "rank_alone", "resolve"]

MAX_CANDIDATES = 40
# What may stand between two chained mentions: "X, Y", "X (Y", "X village (Y", "X - Y",
# "X, in Y", "X in Y", "X town in Y" (optionally "the ... of" before Y).
_PLACE_WORDS = (r"town|village|city|area|district|county|neighbou?rhood|township|sub-county|"
                r"locality|camp|region|province|state|countryside|suburb|outskirts|municipality")
# "X, in the city of Y" / "X in the north of Y"; not "X in support of Y". Also "X district
# of Y", "the X area of Y".
_OF_WORDS = (rf"{_PLACE_WORDS}|north|south|east|west|centre|center|heart|edge|suburbs|"
             r"northeast|northwest|southeast|southwest|outskirts")
_LINK = re.compile(
    r"^\s*(?:(?:[a-z][a-z-]+\s*){0,2}?(?:,|\(|-|–)"  # "X, Y", "X village (Y", "X town, Y"
    rf"|(?:(?:{_PLACE_WORDS})\s+)?(?:,\s*)?(?:in|near)"
    rf"|(?:{_PLACE_WORDS})\s+of)"
    rf"\s*(?:the\s+)?(?:(?:{_OF_WORDS})\s+of\s+)?$")
_CONTAINER_LINK = re.compile(r"[,(]")
# "X in Y", "X, in Y", "X village of Y": the first is written inside the second, never the
# reverse ("the ambassador of the United States in Athens" does not put Athens in the US).
_IN_LINK = re.compile(r"\b(?:in|of)\b")
_NOT_IN_LINK = re.compile(r"[(\-–]|\bnear\b")
# "X (Starehe, Nairobi county)": names the gazetteer does not know may stand in a bracketed
# address between a place and its container.
_ADDRESS_LINK = re.compile(r"^\s*(?:[a-z][a-z-]+\s+){0,2}\((?:\s*[A-Z][\w'’.-]*"
                           r"(?:\s+[\w'’.-]+){0,3}\s*,)+\s*$")
_LIST_END = re.compile(r"^\s*,?\s*(?:and|or|&)\s+$", re.I)
_DIVISIONS = (r"province|governorate|state|region|county|parish|district|oblast|department"
              r"|prefecture|division|municipality|territory|countryside")
# Lower-case only: "Raqqa province" names a division, "Ohio Department of ..." does not.
_DIVISION_AFTER = re.compile(rf"\s+({_DIVISIONS})\b")
_DIVISION_BEFORE = re.compile(rf"\b({_DIVISIONS}) of\s+$")
_DIVISION_LAST = re.compile(rf"\s({_DIVISIONS})$", re.I)
# Countries whose first-level divisions are departments (ISO-2, as GeoNames files them).
_DEPARTMENT_FIRST_LEVEL = frozenset({"CO", "GT", "SV", "HN", "NI", "PE", "BO", "PY", "UY",
                                     "HT", "BJ", "CG"})
_FIRST_LEVEL = frozenset({"province", "governorate", "state", "region", "oblast"})
_SECOND_LEVEL = frozenset({"county", "parish", "district", "municipality"})
# "the Po river", "Washington Street": the name is the feature's, not a town's. (A town's
# airport, port, road, bridge, dam or camp is at the town: "Kabul airport" is Kabul.)
_FEATURE_AFTER = re.compile(r"\s+(?:river|lake|mountains?|valley|island|islands|square|street|"
                            r"avenue|sea|bay|desert|forest)\b")
_TOWN_AFTER = re.compile(r"\s+(?:city|town|village|hamlet)\b")
_NATURAL = frozenset({"STM", "LK", "MTS", "VAL", "PASS", "SEA", "GULF", "BAY", "STRT", "CMP",
                      "SQR", "AREA", "DLTA", "PEN", "RGN"})


@record
class Weights:
    """Score weights (log10 population is on a 0–9 scale)."""

    population: float = 0.8
    country: float = 6.0
    admin1: float = 3.0
    capital: float = 1.5
    admin2: float = 0.5
    alternate: float = -1.5
    loose: float = -3.0
    conventional: float = 4.0
    nested: float = 6.0
    named_country: float = 4.0
    article_country: float = 6.0
    article_admin1: float = 3.0
    admin1_any: float = 1.0
    near: float = 2.5
    near_km: float = 150.0
    passes: float = 3
    stray_pop: float = 20_000.0
    stray_pop_alternate: float = 100_000.0  # the same, for a town matched by another name
    support: float = 2.0  # other names that may lie in the candidate's admin-1 (see _support)
    support_cap: float = 2.0
    support_temperature: float = 2.0
    county_seat: float = 3.0  # a town inside a county another name may be
    admin1_full_pop: float = 1_000_000.0  # admin-1 bonus in full from this population up
    famous_pop: float = 1_000_000.0  # a city this large, or a national capital, is famous
    famous: float = 2.0  # prior bonus of a famous city over a same-name division abroad
    overshadowed: float = 0.5  # share of country evidence left to a famous city's namesake
    actor_country: float = 1.5  # a candidate in the country of a named party, union or person


WEIGHTS = Weights()


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def _inside(inner: Candidate, outer: Candidate) -> bool:
    """True when ``inner`` lies in ``outer`` (or is close to it, for two towns)."""
    if inner.gid == outer.gid or not outer.cc or inner.cc != outer.cc:
        return False
    if outer.level == 1:
        return inner.level > 1
    if outer.level == 2:
        return inner.level > 2 and inner.a1 == outer.a1
    if outer.level == 3:
        return inner.level > 3 and (inner.a2 == outer.gid or _near(inner, outer, 60.0))
    return inner.level == 4 and _near(inner, outer, 30.0)


def _near(a: Candidate, b: Candidate, km: float) -> bool:
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return False
    if abs(a.lat - b.lat) * _KM_PER_DEGREE_AT_LEAST > km:
        return False  # the great circle is no shorter than the meridian's arc
    return distance_km(a.lat, a.lon, b.lat, b.lon) <= km


# A degree of latitude is 111.19 km on our sphere (12742 km across); a little less, so the
# shortcut in ``_near`` never says "far" of a pair the full formula calls near.
_KM_PER_DEGREE_AT_LEAST = 111.0


def _prior(cand: Candidate, w: Weights) -> float:
    """What a candidate is worth before any context: population, level, fame, match kind.
    Under the default weights it is memoised on the candidate (the gazetteer hands out the same
    candidate objects for a name again and again; the ranker asks for the prior of each many
    times)."""
    if w is not WEIGHTS:
        return _compute_prior(cand, w)
    score = cand.prior_memo
    if score is None:
        score = _compute_prior(cand, w)
        object.__setattr__(cand, "prior_memo", score)  # a memo field, outside eq and hash
    return score


def _compute_prior(cand: Candidate, w: Weights) -> float:
    score = w.population * math.log10(cand.pop + 1)
    score += {1: w.country, 2: w.admin1 * min(1.0, cand.pop / w.admin1_full_pop),
              3: w.admin2}.get(cand.level, 0.0)
    if cand.fcode == "PPLC":
        score += w.capital
    if _is_famous(cand, w):
        score += w.famous
    score += {ALTERNATE: w.alternate, LOOSE: w.loose, CONVENTIONAL: w.conventional}.get(
        cand.match, 0.0)
    if cand.lat is None:
        score -= 10.0  # a division we cannot place is a poor answer
    return score


_OWN_NAME = (PRIMARY, CONVENTIONAL)  # the match kinds by which a place is named as itself


def _is_famous(cand: Candidate, w: Weights = WEIGHTS) -> bool:
    """A national capital or a city of a million, by its own name: what a bare name means in
    news copy ("Mexico" is another name of Mexico City, but means the country)."""
    return cand.level == 4 and cand.match in _OWN_NAME and (
        cand.fcode == "PPLC" or cand.pop >= w.famous_pop)


def _famous(cands: Sequence[Candidate], w: Weights) -> list[Candidate]:
    """The famous candidates of a list (``_is_famous``, tested inline: the ranker asks for
    them for every mention in every pass, and most candidates fail the first test)."""
    famous_pop = w.famous_pop
    return [c for c in cands if c.level == 4 and c.match in _OWN_NAME
            and (c.fcode == "PPLC" or c.pop >= famous_pop)]


def _chains(spans: Sequence[tuple[int, int]], text: str) -> list[set[int]]:
    """For each mention, the mentions chained to it ("X, Y (Z)" chains X, Y and Z).

    Comma links are containment only in short runs: three or more names joined by commas, or a
    run that goes on with "and"/"or", is a list ("Idaho, Maine, Montana and Ohio"), not a chain
    — unless the run lies inside one pair of parentheses, where it is an address.
    """
    order = sorted(range(len(spans)), key=lambda i: spans[i])
    kinds: list[str | None] = []
    for a, b in itertools.pairwise(order):
        gap = text[spans[a][1]:spans[b][0]]
        if _ADDRESS_LINK.match(gap) and len(gap) <= 60:
            kinds.append("other")
        elif len(gap) > 30 or not _LINK.match(gap):
            kinds.append("list" if _LIST_END.match(gap) else None)
        else:
            kinds.append("comma" if gap.strip() == "," else "other")
    links: list[set[int]] = [set() for _ in spans]
    k = 0
    while k < len(kinds):
        if kinds[k] != "comma":
            if kinds[k] == "other":
                a, b = order[k], order[k + 1]
                links[a].add(b)
                links[b].add(a)
            k += 1
            continue
        run_end = k
        while run_end < len(kinds) and kinds[run_end] == "comma":
            run_end += 1
        is_list = (run_end - k >= 2 or (run_end < len(kinds) and kinds[run_end] == "list")
                   ) and not _in_brackets(text, spans[order[k]][0], spans[order[run_end]][1])
        if not is_list:
            for m in range(k, run_end):
                a, b = order[m], order[m + 1]
                links[a].add(b)
                links[b].add(a)
        k = run_end
    # one more step: "Minakulu (Oyam, Northern)" links Minakulu to Northern too
    return [group | {k for j in group for k in links[j]} - {i} for i, group in enumerate(links)]


def _in_brackets(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside one pair of parentheses: "(Muse township, Muse
    district, Shan-North state)" is an address, read as a chain however many commas it has."""
    return (text.rfind("(", 0, start) > text.rfind(")", 0, start) and "(" not in text[start:end]
            and ")" not in text[start:end])


def _division_named(text: str, start: int, end: int) -> bool:
    """True when the words around a mention say it is a division ("Raqqa province")."""
    return bool(_DIVISION_AFTER.match(text, end)
                or _DIVISION_BEFORE.search(text[max(0, start - 40):start]))


def _by_words_around(cands: list[Candidate], text: str, start: int, end: int,
                     name: str) -> list[Candidate]:
    """Keep the candidates of the kind the words around the mention name: "Merida state" is an
    admin-1 division, "Djugu territory" an admin-2 one, "the Po river" no town at all."""
    if _FEATURE_AFTER.match(text, end) and not _FEATURE_AFTER.search(name):
        return [c for c in cands if c.level in (0, 1) or c.fcode in _NATURAL]
    if _TOWN_AFTER.match(text, end):  # "Amara city", "Saw town"; "a U.S. city" is a country's
        return [c for c in cands if c.level == 4 or (c.level == 1 and c.match == ABBREVIATION)
                ] or cands
    word = _division_word(text, start, end, name)
    if word is None:
        return cands
    if word == "department":
        same = [c for c in cands if c.level == _department_level(c.cc)]
        return same or [c for c in cands if c.level in (2, 3)] or cands
    levels = (2,) if word in _FIRST_LEVEL else (3,) if word in _SECOND_LEVEL else (2, 3)
    same = [c for c in cands if c.level in levels]
    return same or [c for c in cands if c.level in (2, 3)] or cands


def _division_word(text: str, start: int, end: int, name: str) -> str | None:
    """The division word written with a mention, lower-cased: after it ("Raqqa province"),
    before it ("the province of Raqqa") or as its own last word ("Cauca Department")."""
    word = (_DIVISION_AFTER.match(text, end)
            or _DIVISION_BEFORE.search(text[max(0, start - 40):start])
            or _DIVISION_LAST.search(name))
    return word.group(1).lower() if word else None


def _department_level(cc: str) -> int:
    """The level a "department" is in a country: the first-level division in most of Latin
    America, Haiti, Benin and the Republic of the Congo (GeoNames ADM1), the second in France,
    Argentina, Senegal, Cameroon and elsewhere (ADM2)."""
    return 2 if cc in _DEPARTMENT_FIRST_LEVEL else 3


def _prefer_towns(cands: list[Candidate]) -> list[Candidate]:
    """Drop divisions that share their name with a sizeable town inside them ("Raqqa" the
    governorate and "Raqqa" the city): a bare name means the town, as news copy uses it. The
    town's match must be as good as the division's: Kapsabet, also called "Nandi", does not
    make the primary name of Nandi county mean a town."""
    towns = [c for c in cands if c.level == 4 and c.match < 2]
    if not towns:
        return cands
    return [c for c in cands if not (c.level in (2, 3) and any(
        _inside(t, c) and t.match <= c.match and (t.pop * 10 >= c.pop or t.pop >= 100_000)
        for t in towns))]


def resolve(gazetteer: Gazetteer, mentions: Sequence[tuple[str, int, int]], text: str,
            weights: Weights = WEIGHTS,
            actor_hints: Callable[[], frozenset[str]] | None = None) -> list[Candidate | None]:
    """The best candidate for each ``(name, start, end)`` mention of ``text`` (None: unknown).
    ``actor_hints`` gives the countries (ISO-2) of the article's actors that say where it
    happens ("the Labour Party", "the French president"): a little evidence for namesakes
    there, asked for only when no mention names a country (which says more, and is cheaper)."""
    chains = _chains([(s, e) for _n, s, e in mentions], text)
    cands = [_candidates(gazetteer, n) if _division_named(text, s, e) or any(
                 mentions[j][1] < s and _CONTAINER_LINK.search(text[mentions[j][2]:s])
                 for j in chains[i])
             else _town_candidates(gazetteer, n)
             for i, (n, s, e) in enumerate(mentions)]
    cands = [_by_words_around(c, text, s, e, n)
             for c, (n, s, e) in zip(cands, mentions, strict=True)]
    named: dict[str, set[str]] = {}  # country -> the names that name it
    for (name, _s, _e), found in zip(mentions, cands, strict=True):
        if found and _is_country_name(found):
            named.setdefault(found[0].cc, set()).add(fold_key(name))
    inward = _written_in([(s, e) for _n, s, e in mentions], text, chains)
    named_by_others = [{cc for cc, names in named.items() if names - {fold_key(m[0])}}
                       for m in mentions]
    hints = actor_hints() if actor_hints is not None and not named else frozenset()
    if any(inner for _outer, inner in inward):
        # "the ambassador of the United States in Athens": that country is not where any
        # mention of the name is
        inner_of = _inner_by_name(inward, mentions)
        inward = [(outer, inner_of.get(fold_key(m[0]), inner))
                  for (outer, inner), m in zip(inward, mentions, strict=True)]
        named_by_others = [{cc for cc, names in named.items() if names - {fold_key(m[0])} - {
                               fold_key(mentions[j][0]) for j in inward[i][1]}}
                           for i, m in enumerate(mentions)]
    full = cands  # every candidate; the first pass ranks the MAX_CANDIDATES best by prior
    cands = [c[:MAX_CANDIDATES] for c in full]
    votes = _votes(full, mentions, weights)
    support = [Support(votes, fold_key(name)) for name, _s, _e in mentions]
    no_countries: Counter[str] = Counter()  # the first pass knows no choices yet (read only)
    no_admin1s: Counter[tuple[str, str]] = Counter()
    own_names = _own_name_links(chains, mentions)
    result = [_best(i, cands, chains, named_by_others[i], no_countries, no_admin1s, weights,
                    support=support[i], own_name=own_names[i], written_in=inward[i],
                    hints=hints)
              for i in range(len(mentions))]
    for _ in range(int(weights.passes) - 1):
        previous = result
        result = _context_pass(result, cands, chains, named_by_others, mentions, weights, full,
                               support, own_names, inward, hints)
        if all(new is old for new, old in zip(result, previous, strict=True)):
            break  # a fixed point: a pass is a function of the last choices, so the next
            # one would choose the same again (most articles settle after one context pass)
    result = _drop_compass(result, chains, mentions)
    return _drop_strays(_drop_misfits(result, chains, mentions, text), mentions, weights)


@record
class Votes:
    """What the article's names could mean, before any of them is chosen (see ``_votes``):
    each name's vote per admin-1 division and their sum, which names may be which place, and
    which names may be an admin-2 division or a town in one."""

    by_name: dict[str, dict[tuple[str, str], float]]
    total: dict[tuple[str, str], float]
    gids_of: dict[str, set[int]]  # name -> the ids of the places it may mean
    county_names: dict[int, set[str]]  # admin-2 id -> the names that may be it
    seat_names: dict[int, set[str]]  # admin-2 id -> the names of towns that may lie in it
    # place id -> the names that may mean it (see ``names_of``)
    memo: dict[int, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    def names_of(self, gid: int) -> frozenset[str]:
        """The names that may mean place ``gid``, worked out for the places the ranker asks
        about rather than for every candidate of every name."""
        found = self.memo.get(gid)
        if found is None:
            names: set[str] = set()
            for key, gids in self.gids_of.items():  # in the names' order, as the votes were
                if gid in gids:
                    names.add(key)
            found = self.memo[gid] = frozenset(names)
        return found


@record
class Support:
    """The votes of the names other than one mention's own: a name does not vote for what it
    may be itself ("Mexico City" does not make "Mexico" the city)."""

    votes: Votes
    own: str
    # place id -> ``admin1``'s answer, which every pass of the ranker asks again
    memo: dict[int, float] = field(default_factory=dict, compare=False, repr=False)

    def admin1(self, cand: Candidate) -> float:
        """The other names' votes for the candidate's admin-1 division."""
        found = self.memo.get(cand.gid)
        if found is None:
            division = (cand.cc, cand.a1)
            voters = self.votes.names_of(cand.gid) | {self.own}
            found = self.memo[cand.gid] = self.votes.total.get(division, 0.0) - sum(
                self.votes.by_name.get(name, {}).get(division, 0.0) for name in voters)
        return found

    def county_link(self, cand: Candidate) -> bool:
        """Whether the candidate, a town, lies in an admin-2 division another name may be, or,
        an admin-2 division, holds a town another name may be."""
        if cand.level == 3:
            return bool(self.votes.seat_names.get(cand.gid, frozenset()) - {self.own})
        return cand.level == 4 and cand.a2 is not None and bool(
            self.votes.county_names.get(cand.a2, frozenset()) - {self.own})


def _votes(cands: Sequence[Sequence[Candidate]], mentions: Sequence[tuple[str, int, int]],
           w: Weights) -> Votes:
    """Each distinct name's votes for the admin-1 divisions its candidates lie in.

    A name's one vote is shared among its candidates by their prior (a softmax): "Oregon"
    votes for the state, "Barrow County" (one state has it) gives Georgia a whole vote, and
    "Jackson" (two dozen states, none dominant) a share to each. So a local story's small names
    agree on their state before any is chosen, where the previous choices alone would follow
    each name's biggest namesake ("Wayne, Holmes, Knox and Ashland counties" are Ohio's). Also
    the admin-2 divisions the names may be: a town inside one of them ("Marshall" beside
    "Harrison County") is its seat or a place of it."""
    by_name: dict[str, dict[tuple[str, str], float]] = {}
    total: dict[tuple[str, str], float] = {}
    gids_of: dict[str, set[int]] = {}
    county_names: dict[int, set[str]] = {}
    seat_names: dict[int, set[str]] = {}
    for (name, _s, _e), found in zip(mentions, cands, strict=True):
        key = fold_key(name)
        if key in by_name or not found:
            continue
        priors = [_prior(c, w) for c in found]
        top = max(priors)
        mass = [math.exp((p - top) / w.support_temperature) for p in priors]
        whole = sum(mass)
        vote: dict[tuple[str, str], float] = {}
        for c, m in zip(found, mass, strict=True):
            level = c.level
            if level == 3:
                county_names.setdefault(c.gid, set()).add(key)
            elif level == 4 and c.a2 is not None:
                seat_names.setdefault(c.a2, set()).add(key)
            if level >= 2 and c.cc and c.a1:
                vote[(c.cc, c.a1)] = vote.get((c.cc, c.a1), 0.0) + m / whole
        gids_of[key] = {c.gid for c in found}
        by_name[key] = vote
        for division, share in vote.items():
            total[division] = total.get(division, 0.0) + share
    return Votes(by_name, total, gids_of, county_names, seat_names)


_COMPASS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                      "western", "central", "centre", "center", "northeast", "northwest",
                      "southeast", "southwest", "north east", "north west", "south east",
                      "south west", "north-east", "north-west", "south-east", "south-west",
                      "northeastern", "northwestern", "southeastern", "southwestern",
                      "upper", "lower", "coast", "capital"})


def _drop_compass(result: list[Candidate | None], chains: list[set[int]],
                  mentions: Sequence[tuple[str, int, int]]) -> list[Candidate | None]:
    """A bare compass word ("East", "Northern", "Central") names a division only as the
    container of a place it is chained to ("Minakulu (Oyam, Northern)": Uganda's Northern
    region); alone ("Thea Sar (East) village", "Yangon-East") it is part of another name, and
    the many divisions so called abroad would pull the event out of its country."""
    kept = list(result)
    for i, cand in enumerate(result):
        if cand is None or fold_key(mentions[i][0]) not in _COMPASS:
            continue
        if not any(result[j] is not None and (_inside(result[j], cand) or _inside(cand, result[j]))
                   for j in chains[i]):
            kept[i] = None
    return kept


def _context_pass(previous: list[Candidate | None], cands: list[list[Candidate]],
                  chains: list[set[int]], named_by_others: list[set[str]],
                  mentions: Sequence[tuple[str, int, int]], weights: Weights,
                  full: list[list[Candidate]] | None = None,
                  support: Sequence[Support] | None = None,
                  own_names: Sequence[frozenset[int]] | None = None,
                  inward: Sequence[tuple[frozenset[int], frozenset[int]]] | None = None,
                  hints: frozenset[str] = frozenset()) -> list[Candidate | None]:
    """Re-rank every mention given what the other (distinct) names resolved to last time.

    A common name ("Jackson", "Madison") has more namesakes than the first pass ranks; those
    past the cut that lie in an admin-1 division another name resolved to join the ranking
    ("Barrow, Jackson and Madison counties" beside Clarke County, Georgia)."""
    result: list[Candidate | None] = []
    keys = [fold_key(name) for name, _s, _e in mentions]
    first: dict[str, Candidate] = {}  # each name's first resolved mention
    for key, other in zip(keys, previous, strict=True):
        if other is not None and key not in first:
            first[key] = other
    all_countries: Counter[str] = Counter(o.cc for o in first.values())
    all_admin1s: Counter[tuple[str, str]] = Counter((o.cc, o.a1) for o in first.values()
                                                   if o.level >= 2)
    nearby = [(key, o) for key, o in zip(keys, previous, strict=True)
              if o is not None and o.level >= 3 and o.lat is not None]
    by_key: dict[str, tuple[Counter[str], Counter[tuple[str, str]], list[Candidate]]] = {}
    for i in range(len(mentions)):
        if keys[i] not in by_key:  # what the other names say: the same for every mention
            by_key[keys[i]] = _others(first.get(keys[i]), all_countries, all_admin1s,
                                      [o for key, o in nearby if key != keys[i]])
        countries, admin1s, near = by_key[keys[i]]
        if inward and inward[i][1]:
            countries = _less_inner_countries(countries, [previous[j] for j in inward[i][1]])
        if full is not None and len(full[i]) > len(cands[i]) and admin1s:
            extra = [c for c in full[i][MAX_CANDIDATES:] if (c.cc, c.a1) in admin1s]
            if extra:
                cands = [*cands[:i], cands[i] + extra, *cands[i + 1:]]
        result.append(_best(i, cands, chains, named_by_others[i], countries, admin1s, weights,
                            near, support[i] if support else None,
                            own_names[i] if own_names else frozenset(),
                            inward[i] if inward else _NO_DIRECTION, hints))
    return result


def _less_inner_countries(countries: Counter[str], inner: Sequence[Candidate | None]
                          ) -> Counter[str]:
    """The article's countries less those of countries written inside a mention ("the
    United States in Athens"): a country so written is not where the mention is."""
    countries = countries.copy()
    for o in inner:
        if o is not None and o.level == 1 and countries.get(o.cc):
            countries[o.cc] -= 1
            if not countries[o.cc]:
                del countries[o.cc]
    return countries


def _others(own: Candidate | None, countries: Counter[str],
            admin1s: Counter[tuple[str, str]], near: list[Candidate]
            ) -> tuple[Counter[str], Counter[tuple[str, str]], list[Candidate]]:
    """The article's countries and admin-1 divisions less the one name's own choice (``own``,
    its first resolved mention): counts of the other names' choices, each name once."""
    if own is None:
        return countries, admin1s, near
    countries = countries.copy()
    countries[own.cc] -= 1
    if not countries[own.cc]:
        del countries[own.cc]
    if own.level >= 2:
        admin1s = admin1s.copy()
        admin1s[(own.cc, own.a1)] -= 1
        if not admin1s[(own.cc, own.a1)]:
            del admin1s[(own.cc, own.a1)]
    return countries, admin1s, near


def _drop_strays(result: list[Candidate | None], mentions: Sequence[tuple[str, int, int]],
                 w: Weights) -> list[Candidate | None]:
    """A small town in a country none of the article's other places is in, while those agree on
    one country, is a namesake abroad ("the Tut area of Nyirol county (Jonglei state)" is not
    Tut in Turkey): say unknown rather than guess. The others must be two names at least, or
    include an admin-1 division: one town, district or country ("demonstrated in Gelting
    against the war in Ukraine") is too little to overrule the town ("the village of Sokuluk
    in Chui region": Chui may be the one misread, as Chuí, Brazil)."""
    kept = list(result)
    for i, cand in enumerate(result):
        if cand is None or cand.level != 4 or not cand.cc or cand.fcode in _NATURAL or (
                cand.pop >= (w.stray_pop if cand.match == PRIMARY else w.stray_pop_alternate)):
            continue  # a sea or river crosses borders; only towns stray
        others = {o.cc for j, o in enumerate(result) if o is not None and j != i and o.cc
                  and fold_key(mentions[j][0]) != fold_key(mentions[i][0])}
        other_names = {fold_key(mentions[j][0]) for j, o in enumerate(result)
                       if o is not None and j != i and o.cc} - {fold_key(mentions[i][0])}
        strong = len(other_names) >= 2 or any(
            o is not None and j != i and o.level == 2 for j, o in enumerate(result))
        if len(others) == 1 and cand.cc not in others and strong:
            kept[i] = None
    return kept


def _drop_misfits(result: list[Candidate | None], chains: list[set[int]],
                  mentions: Sequence[tuple[str, int, int]], text: str = ""
                  ) -> list[Candidate | None]:
    """A place written before its containers ("Winder (Las Bela, Balochistan)") that lies in
    none of them is a namesake elsewhere: the real one is not in the gazetteer, so say unknown.
    A town written as the container ("Dardara town in Hasakeh countryside", "Pisky, Donetsk":
    the second name stands for its district or province) counts too: the place must be near
    it or in its admin-1 division. A division written before a country or (for an admin-2)
    an admin-1 it is not in ("Nangarhar (Pakistan)", "Kulu district of Konya" where only
    India's Kulu is known) is a namesake as well. When one mention of a name is a namesake,
    so are the mentions of the name close by that resolved to the same place ("Al Quds - X
    (Al Quds, West Bank)"); a famous name further on may be another place."""
    kept = list(result)
    for i, cand in enumerate(result):
        if cand is None or cand.level < 2 or not cand.cc or cand.fcode in _NATURAL:
            continue  # "the Gulf of Mexico near Beaumont": a sea is not in its neighbour
        containers = [result[j] for j in chains[i] if mentions[j][1] > mentions[i][1]
                      and result[j] is not None and result[j].lat is not None
                      and result[j].gid != cand.gid
                      and result[j].level in _CONTAINER_LEVELS[cand.level]]
        if (containers and not any(_fits(cand, outer) for outer in containers
                                   if outer is not None)) or (
                cand.level in (2, 3) and _address_abroad(i, cand, result, chains, mentions, text)):
            kept[i] = None
    dropped = [(fold_key(mentions[i][0]), c.gid, mentions[i][1]) for i, c in enumerate(result)
               if c is not None and kept[i] is None]
    return [None if c is not None and any(
                (key, gid) == (fold_key(mentions[i][0]), c.gid)
                and abs(start - mentions[i][1]) <= _SAME_PASSAGE
                for key, gid, start in dropped) else c
            for i, c in enumerate(kept)]


def _address_abroad(i: int, cand: Candidate, result: list[Candidate | None],
                    chains: list[set[int]], mentions: Sequence[tuple[str, int, int]],
                    text: str) -> bool:
    """Whether a division is written before a bracketed address whose divisions all lie in
    another country ("Islands district (Mamuju regency, West Sulawesi province)" is not Hong
    Kong's Islands district): then it is a namesake of a place the gazetteer lacks."""
    end = mentions[i][2]
    later = [j for j in chains[i] if mentions[j][1] > end and result[j] is not None]
    if not later:
        return False
    first = min(later, key=lambda j: mentions[j][1])
    if "(" not in text[end:mentions[first][1]]:
        return False
    after = [result[j] for j in later]
    return any(o is not None and o.level in (2, 3) for o in after) and all(
        o is not None and o.cc != cand.cc for o in after)


_SAME_PASSAGE = 60  # characters: "Al Quds - X (Al Quds, West Bank)", not a later "Washington"


# What may be written as the container of a place of each level: a town's may be anything
# but a continent; an admin-2's a country or admin-1; an admin-1's a country.
_CONTAINER_LEVELS = {4: (1, 2, 3, 4), 3: (1, 2), 2: (1,)}


def _fits(cand: Candidate, outer: Candidate) -> bool:
    """Whether a town may lie in the place written as its container: inside it, within 50 km
    of it, or — for a town as container — in the same admin-1 division. A division must lie
    inside a country written as its container: near it is not enough ("Al Quds (Al Quds, West
    Bank)": Israel's Jerusalem district borders the West Bank, and is not in it)."""
    if _inside(cand, outer):
        return True
    if cand.level in (2, 3) and outer.level == 1:
        return False
    if _near(cand, outer, 50.0):
        return True
    return outer.level == 4 and cand.cc == outer.cc and cand.a1 == outer.a1


def fold_key(name: str) -> str:
    """The key two mentions of one name share (case-insensitive)."""
    return name.strip().lower()


def _is_country_name(cands: list[Candidate]) -> bool:
    """A name whose best match is a country, by its primary name, alias or abbreviation."""
    return cands[0].level == 1 and cands[0].match in (PRIMARY, ALTERNATE, ABBREVIATION,
                                                      CONVENTIONAL, DEMONYM)


def rank_alone(gazetteer: Gazetteer, name: str) -> list[Candidate]:
    """Every candidate for a name with no context, best first: by the prior, with divisions
    that yield to a same-name town inside them ranked after the rest."""
    found = gazetteer.lookup(name)
    preferred = {c.gid for c in _prefer_towns(found)}
    found.sort(key=lambda c: (c.gid not in preferred, -_prior(c, WEIGHTS), c.gid))
    return found


def _candidates(gazetteer: Gazetteer, name: str) -> list[Candidate]:
    """The name's candidates, best prior first (memoised per gazetteer: a pure function of the
    name, asked for again in article after article)."""
    memo = gazetteer.memo("ranked")
    found = memo.get(name)
    if found is None:
        ranked = gazetteer.lookup(name)
        ranked.sort(key=lambda c: (-_prior(c, WEIGHTS), c.gid))
        found = memo[name] = tuple(ranked)
    return list(found)


def _town_candidates(gazetteer: Gazetteer, name: str) -> list[Candidate]:
    """``_candidates`` less the divisions that yield to a town inside them (``_prefer_towns``),
    memoised the same way."""
    memo = gazetteer.memo("towns")
    found = memo.get(name)
    if found is None:
        found = memo[name] = tuple(_prefer_towns(_candidates(gazetteer, name)))
    return list(found)


def _article_context(cand: Candidate, top: Candidate, named: set[str],
                     countries: Counter[str], admin1s: Counter[tuple[str, str]],
                     near: Sequence[Candidate], support: Support | None, w: Weights,
                     country_evidence: float = 1.0,
                     totals: tuple[int, int] | None = None) -> float:
    """What the rest of the article says for a candidate: countries named, the countries and
    admin-1 divisions the other names resolved to, towns nearby, and the other names' votes.
    (Capping this sum, so that a story full of American towns could not make "Moscow" a hamlet
    in Missouri, cost LGL 2-12 points: local news needs its context.)"""
    country_total, admin1_total = totals or (sum(countries.values()), sum(admin1s.values()))
    score = 0.0
    if cand.cc and cand.cc in named and cand.level != 1:
        score += w.named_country * country_evidence
    # ``get``, not ``Counter[...]``: a missing key costs a Python-level ``__missing__`` call
    if countries:
        score += (w.article_country * country_evidence * countries.get(cand.cc, 0)
                  / (country_total or 1))
    if admin1s and cand.level >= 2:
        votes = admin1s.get((cand.cc, cand.a1), 0)
        score += w.article_admin1 * min(1.0, votes * w.admin1_any + votes / (admin1_total or 1))
    if near and cand.level >= 3 and any(_near(cand, o, w.near_km) for o in near):
        score += w.near
    if support is not None and cand.level >= 2 and not (cand.level > top.level
                                                         and top.level <= 2):
        # context tells namesakes apart; it does not make a state's name a village
        score += w.support * min(w.support_cap, support.admin1(cand))
        if support.county_link(cand):
            score += w.county_seat
    return score


def _overshadowed(cand: Candidate, famous: Sequence[Candidate]) -> bool:
    """Whether a famous namesake in another country overshadows the candidate: then that its
    country is named or holds the article's other places is too little to take the name for
    it ("Bogota" in a story that also names the United States is Colombia's capital, not the
    New Jersey borough); its admin-1 division or a chained container still can."""
    return any(f.cc != cand.cc and f.pop >= 10 * cand.pop for f in famous if f is not cand)


_SEATS = frozenset({"PPLC", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLG"})


def _seat_pair(a: Candidate, b: Candidate) -> bool:
    """Whether the town of a nested pair (if there is one) is filed as a seat of government."""
    town = a if a.level == 4 else b if b.level == 4 else None
    return town is None or town.fcode in _SEATS


_NO_DIRECTION: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset())


def _written_in(spans: Sequence[tuple[int, int]], text: str, chains: list[set[int]]
                ) -> list[tuple[frozenset[int], frozenset[int]]]:
    """For each mention, the chained mentions it is written inside ("Raqqa in Syria", "Aqabah
    village of Hajar") and those written inside it: such a link nests one way only."""
    outer: list[set[int]] = [set() for _ in spans]
    inner: list[set[int]] = [set() for _ in spans]
    for i, (_s, end) in enumerate(spans):
        for j in chains[i]:
            start = spans[j][0]
            if start > end and start - end <= 30:
                gap = text[end:start]
                if _IN_LINK.search(gap) and not _NOT_IN_LINK.search(gap):
                    outer[i].add(j)
                    inner[j].add(i)
    return [(frozenset(o), frozenset(n)) if o or n else _NO_DIRECTION
            for o, n in zip(outer, inner, strict=True)]


def _inner_by_name(inward: Sequence[tuple[frozenset[int], frozenset[int]]],
                   mentions: Sequence[tuple[str, int, int]]) -> dict[str, frozenset[int]]:
    """Name -> the mentions written inside any mention of it."""
    found: dict[str, frozenset[int]] = {}
    for (_outer, inner), m in zip(inward, mentions, strict=True):
        if inner:
            key = fold_key(m[0])
            found[key] = found.get(key, frozenset()) | inner
    return found


def _own_name_links(chains: list[set[int]],
                    mentions: Sequence[tuple[str, int, int]]) -> list[frozenset[int]]:
    """For each mention, the chained mentions of the same name: "San Jose, San Jose", a town
    written with the division named like it, whose seat it is. Many small towns lie in a
    same-name division (municipalities are named after their seat), so for a namesake of a
    famous place only a town filed as a seat nests in such a division: "San Jose, San Jose"
    is Costa Rica's capital in its province, not a Honduran village in its municipality.
    (GeoNames files many seats as plain towns: other towns' nests count as any other.)"""
    keys = [fold_key(name) for name, _s, _e in mentions]
    return [frozenset(j for j in chains[i] if keys[j] == keys[i]) for i in range(len(mentions))]


def _best(i: int, cands: list[list[Candidate]], chains: list[set[int]], named: set[str],
          countries: Counter[str], admin1s: Counter[tuple[str, str]],
          w: Weights, near: Sequence[Candidate] = (),
          support: Support | None = None,
          own_name: frozenset[int] = frozenset(),
          written_in: tuple[frozenset[int], frozenset[int]] = _NO_DIRECTION,
          hints: frozenset[str] = frozenset()) -> Candidate | None:
    """The best candidate of mention ``i``. ``own_name`` holds the chained mentions of the same
    name ("San Jose, San Jose"): for a namesake of a famous place, a nest with one of them
    counts only when the town is filed as the division's seat (see ``_own_name_links``).
    ``written_in`` holds the chained mentions the mention is written inside ("in") and those
    written inside it: those nest one way only."""
    if not cands[i]:
        return None
    if len(cands[i]) == 1 and cands[i][0].match != LOOSE:
        return cands[i][0]  # the only candidate wins whatever its score (a guess may not)
    best: tuple[float, int, Candidate] | None = None
    famous = _famous(cands[i], w)
    totals = (sum(countries.values()), sum(admin1s.values()))
    outer, inner = written_in
    directed = outer | inner
    for cand in cands[i]:
        score = _prior(cand, w)
        shadowed = bool(famous) and _overshadowed(cand, famous)
        nested = 0
        for j in chains[i]:
            seat_only = shadowed and j in own_name
            if j in directed:  # "X in Y": X lies in Y, never the reverse
                out = j in outer
                hit = any((_inside(cand, o) if out else _inside(o, cand))
                          and (not seat_only or _seat_pair(cand, o)) for o in cands[j]
                          if o.match != ALTERNATE or o.level <= 3)
            else:
                hit = any((_inside(cand, o) or _inside(o, cand))
                          and (not seat_only or _seat_pair(cand, o)) for o in cands[j]
                          if o.match != ALTERNATE or o.level <= 3)
            if hit:
                score += w.nested
                nested += 1
        if cand.match == LOOSE and not nested and not countries[cand.cc] and cand.cc not in named:
            continue  # a transliteration guess needs the context's support
        share = 1.0 if nested or not shadowed else w.overshadowed
        score += _article_context(cand, cands[i][0], named, countries, admin1s, near, support, w,
                                  country_evidence=share, totals=totals)
        if hints and cand.cc in hints and cand.level >= 2:
            score += w.actor_country
        key = (score, -cand.gid)
        if best is None or key > (best[0], best[1]):
            best = (score, -cand.gid, cand)
    return best[2] if best else None
