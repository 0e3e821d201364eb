"""The opened gazetteer: name → candidate places, in microseconds, from the SQLite index.

The index lives in the user's cache directory (``platformdirs.user_cache_dir("eventwire")``, or
``$EVENTWIRE_CACHE``) and is built on first use. Opening it maps nothing into Python: SQLite reads
the pages a lookup touches, so the open index costs a few MB (SQLite's page cache) and opens in
milliseconds. ``Gazetteer.default()`` is the one shared instance of a process.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import field
from functools import lru_cache
from pathlib import Path

from eventwire.places._build import (
    DATA_DIR,
    SCHEMA_VERSION,
    BuildStats,
    Progress,
    build_index,
    index_key,
)
from eventwire.places._fold import fold, loose
from eventwire.records import record
from eventwire.settings import cache_dir

_log = logging.getLogger("eventwire.places")

__all__ = ["ABBREVIATION", "ALTERNATE", "CONVENTIONAL", "DEMONYM", "LOOSE", "MATCH_NAMES",
           "PRIMARY", "Candidate", "Division", "Gazetteer", "default_path"]


# Words that follow a division's name in text ("Uror county", "Sagaing region"); a name not
# found with one is looked up without it, among divisions and towns.
_DIVISION_WORDS = frozenset({
    "county", "district", "province", "governorate", "region", "state", "oblast", "rayon",
    "raion", "township", "municipality", "department", "prefecture", "division", "parish",
    "city", "town", "village", "sub county", "subcounty", "lga", "commune", "territory"})
# Of those, the words that name only divisions: "Mansa district" may be any division called
# "Mansa", while "Mexico City" is not the State of Mexico.
_DIVISION_ONLY_WORDS = frozenset({
    "county", "district", "province", "governorate", "region", "state", "oblast", "rayon",
    "raion", "municipality", "department", "prefecture", "parish", "lga"})
# Compass words that name a part of a division in some sources ("Shan-North", "Yangon-East").
_COMPASS_PARTS = frozenset({"north", "south", "east", "west", "central", "northeast", "northwest",
                            "southeast", "southwest"})
# Tokens that stand for one another in place names ("St. Louis" / "Saint Louis").
_SYNONYMS: dict[str, str] = {"st": "saint", "saint": "st", "mt": "mount", "mount": "mt",
                             "ft": "fort", "fort": "ft", "pt": "port", "n": "north",
                             "s": "south", "e": "east", "w": "west"}


PRIMARY, ALTERNATE, LOOSE, ABBREVIATION, CONVENTIONAL, DEMONYM = range(6)
MATCH_NAMES = ("primary", "alternate", "loose", "abbreviation", "conventional", "demonym")


@record
class Candidate:
    """One place a name may stand for, with how the name matched: ``PRIMARY`` name,
    ``ALTERNATE`` name, ``LOOSE`` transliteration skeleton, ``ABBREVIATION``, ``CONVENTIONAL``
    reading of a bare name, or ``DEMONYM`` (the country of "Russian")."""

    gid: int
    name: str
    fcode: str
    lat: float | None
    lon: float | None
    cc: str
    a1: str
    a2: int | None
    pop: int
    match: int
    # 0 continent/region, 1 country, 2 admin1, 3 admin2, 4 populated place or feature: a
    # stored field (set once from ``fcode``), as the ranker reads it hundreds of thousands of
    # times per thousand articles
    level: int = field(init=False, compare=False, repr=False)
    # the ranker's prior under its default weights, computed on first use (see
    # ``_resolve._prior``): a memo, not part of the place
    prior_memo: float | None = field(default=None, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        level = _LEVELS.get(self.fcode)
        if level is None:
            level = _LEVELS[self.fcode] = _level(self.fcode)
        object.__setattr__(self, "level", level)


_LEVELS: dict[str, int] = {}  # feature code -> level, as met


def _level(fcode: str) -> int:
    """A feature code's level: 0 continent, 1 country, 2 admin1, 3 admin2, 4 anything else."""
    if fcode == "CONT":
        return 0
    if fcode.startswith("PCL") or fcode == "TERR":
        return 1
    if fcode == "ADM1":
        return 2
    if fcode == "ADM2":
        return 3
    return 4


@record
class Division:
    """An admin-1 division: its name and GeoNames id, for the ``Place.admin1`` field."""

    gid: int
    name: str


def default_path() -> Path:
    """Where the index lives: ``$EVENTWIRE_CACHE`` or the user's cache dir."""
    return cache_dir() / f"places-v{SCHEMA_VERSION}-{index_key()}.sqlite"


def _iso3() -> dict[str, str]:
    """ISO alpha-2 → alpha-3, from our country table."""
    rows = (DATA_DIR / "countries.tsv").read_text("utf-8").splitlines()
    return {r.split("\t")[0]: r.split("\t")[1] for r in rows
            if r and not r.startswith("#") and not r.startswith("iso2\t")}


def _table(name: str) -> list[list[str]]:
    """Rows of one of our curated TSV files, without comments and the header."""
    lines = (DATA_DIR / name).read_text("utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    return rows[1:]


def _abbreviations() -> dict[str, tuple[tuple[str, str], ...]]:
    """Abbreviation as written → ((country, division name), ...) from our curated table."""
    table: dict[str, list[tuple[str, str]]] = {}
    for abbr, cc, *rest in _table("abbreviations.tsv"):
        table.setdefault(abbr, []).append((cc, rest[0] if rest else ""))
    return {k: tuple(v) for k, v in table.items()}


class Gazetteer:
    """Read-only access to the index. Thread-safe for reads (one connection per thread)."""

    _COLUMNS = "p.gid, p.name, p.fcode, p.lat, p.lon, p.cc, p.a1, p.a2, p.pop"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._abbr = _abbreviations()
        self._abbr_cache: dict[str, tuple[Candidate, ...]] = {}
        self._memo: dict[str, tuple[Candidate, ...]] = {}
        self._memo_spelled: dict[str, tuple[Candidate, ...]] = {}  # without guesses
        self._as_written: dict[str, tuple[Candidate, ...]] = {}  # see ``_spelled``
        self._derived: dict[str, dict[str, tuple[Candidate, ...]]] = {}
        self._conventional = {fold(row[0]): int(row[1]) for row in _table("conventional.tsv")}
        self._demonyms = {fold(row[0]): row[1] for row in _table("demonyms.tsv")}
        self._admin1: dict[tuple[str, str], Division] = {}
        self._countries: dict[str, Candidate] = {}
        self._iso3 = _iso3()
        self._iso2: dict[str, str] | None = None
        con = self._con()
        for gid, name, cc, a1 in con.execute(
                "SELECT gid, name, cc, a1 FROM places WHERE fcode = 'ADM1'"):
            self._admin1[(cc, a1)] = Division(gid, name)
        for row in con.execute(f"SELECT {self._COLUMNS} FROM places p WHERE fcode = 'PCLI'"):
            self._countries[row[5]] = Candidate(*row, match=0)

    @classmethod
    def open(cls, path: Path | None = None, *, build: bool = True,
             progress: Progress | None = None) -> Gazetteer:
        """Open the index at ``path`` (default: the cache), building it first if missing."""
        path = path or default_path()
        if not path.exists():
            if not build:
                raise FileNotFoundError(path)
            build_index(path, progress)
        return cls(path)

    @staticmethod
    @lru_cache(maxsize=1)
    def default() -> Gazetteer:
        """The process-wide gazetteer, opened (and built if needed) on first use."""
        path = default_path()
        if not path.exists():
            _log.warning("building the offline gazetteer index at %s (once; about 20-60 s)",
                         path)
        return Gazetteer.open(path)

    @staticmethod
    def build(path: Path | None = None, progress: Progress | None = None) -> BuildStats:
        """(Re)build the index at ``path`` (default: the cache)."""
        Gazetteer.default.cache_clear()
        return build_index(path or default_path(), progress)

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            uri = f"file:{self.path}?mode=ro&immutable=1"
            con = sqlite3.connect(uri, uri=True, check_same_thread=False)
            con.execute("PRAGMA cache_size = -4000")  # 4 MB page cache
            self._local.con = con
        return con

    # the two name queries, spelled once (sqlite3 reuses a prepared statement by its text)
    _BY_KEY = (f"SELECT {_COLUMNS}, n.kind FROM names n JOIN places p ON p.gid = n.gid "
               "WHERE n.key = ? AND n.kind < 2")
    _BY_LOOSE_KEY = (f"SELECT {_COLUMNS}, n.kind FROM names n JOIN places p ON p.gid = n.gid "
                     "WHERE n.key = ? AND n.kind = 2")

    def _by_key(self, key: str, loose_only: bool = False) -> list[Candidate]:
        """The places filed under one name key: primary and alternate names, or with
        ``loose_only`` the loose (transliteration skeleton) keys."""
        con = getattr(self._local, "con", None) or self._con()
        rows = con.execute(self._BY_LOOSE_KEY if loose_only else self._BY_KEY, (key,)).fetchall()
        return [Candidate(*row) for row in rows] if rows else []

    def _abbreviation(self, text: str) -> tuple[Candidate, ...]:
        if text in self._abbr_cache:
            return self._abbr_cache[text]
        found: list[Candidate] = []
        for cc, division in self._abbr.get(text, ()):
            if not division:
                if cc in self._countries:
                    found.append(_with_match(self._countries[cc], ABBREVIATION))
                continue
            for cand in self._by_key(fold(division)):
                if cand.cc == cc and cand.fcode == "ADM1":
                    found.append(_with_match(cand, ABBREVIATION))
        self._abbr_cache[text] = tuple(found)
        return self._abbr_cache[text]

    def lookup(self, text: str) -> list[Candidate]:
        """Every place ``text`` may name (see ``_lookup``), from a per-process memo."""
        return list(self.candidates(text))

    def candidates(self, text: str, *, guesses: bool = True) -> tuple[Candidate, ...]:
        """``lookup`` as the memo's own tuple: for callers that only read it (no copy).

        ``guesses=False`` leaves out the transliteration guesses (``LOOSE`` candidates) and
        demonyms, which cost the most to look up for a name the gazetteer does not know: for
        callers that would ignore them anyway (is this proper name a known place?)."""
        memo = self._memo if guesses else self._memo_spelled
        found = memo.get(text)
        if found is None:
            if len(memo) > 100_000:
                memo.clear()
            found = memo[text] = tuple(self._lookup(text, guesses=guesses))
        return found

    def memo(self, kind: str) -> dict[str, tuple[Candidate, ...]]:
        """A per-process memo for what a caller derives from a name's candidates alone (the
        ranker's ordering of them, say), kept with the index it was derived from and bounded
        like the lookup memo."""
        table = self._derived.setdefault(kind, {})
        if len(table) > 100_000:
            table.clear()
        return table

    def _lookup(self, text: str, *, guesses: bool = True) -> list[Candidate]:
        """Every place ``text`` may name: abbreviations as written, then the strict key, then
        St./Saint-style variants (see ``_spelled``), then the loose skeleton; best match kind
        first, then by id."""
        key = fold(text)
        found = list(self._spelled(text, key))
        if not key:
            return found
        if not found and guesses:
            skeleton = loose(key)
            found += self._by_key(skeleton, loose_only=True)
            if not found and skeleton != key.replace(" ", ""):
                # the index files a loose key only where it differs from the strict one:
                # "Tikritt" (skeleton "tikrit") is "Tikrit" by its strict key
                found += [_with_match(c, LOOSE) for c in self._by_key(skeleton)]
        conventional = self._conventional_key(key)
        if conventional is not None:
            gid = self._conventional[conventional]
            found = [_with_match(c, CONVENTIONAL) if c.gid == gid else c for c in found]
            if all(c.gid != gid for c in found) and self._place(gid) is not None:
                found.append(_with_match(self._place(gid), CONVENTIONAL))
        if not found and guesses:
            plural = key[:-1] if key.endswith("s") else key
            cc = self._demonyms.get(key) or self._demonyms.get(plural)
            if cc and cc in self._countries:
                found.append(_with_match(self._countries[cc], DEMONYM))
        found.sort(key=lambda c: (c.match, c.gid))
        return found

    def _conventional_key(self, key: str) -> str | None:
        """The key under which ``conventional.tsv`` reads a name: the name's own, or — for a
        division written with its division word ("Wassit province") — the name without it."""
        if key in self._conventional:
            return key
        if " " in key:
            stem, last = key.rsplit(" ", 1)
            if last in _DIVISION_ONLY_WORDS and stem in self._conventional:
                return stem
        return None

    def _spelled(self, text: str, key: str) -> tuple[Candidate, ...]:
        """The candidates by the name as spelled (abbreviation, strict key, St./Saint-style
        variants, a division word or compass part left off): the part of a lookup that both
        kinds of ``candidates`` share, memoised so that the second does not query again."""
        memo = self._as_written
        cached = memo.get(text)
        if cached is not None:
            return cached
        if len(memo) > 100_000:
            memo.clear()
        found = list(self._abbreviation(text.strip()))
        if not key:
            memo[text] = tuple(found)
            return memo[text]
        found += self._by_key(key)
        if len(found) == 0:
            words = key.split()
            variant = " ".join(_SYNONYMS.get(w, w) for w in words)
            if variant != key:
                found += self._by_key(variant)
        if " " in key and key.rsplit(" ", 1)[1] in _DIVISION_WORDS:
            # "Mansa district": the divisions called "Mansa" too, not only a place whose full
            # name is "Mansa District" (one country's), so the context can choose; when the
            # whole name is unknown, towns as well ("Uror county").
            if not found:
                found = [c for c in self._by_key(key.rsplit(" ", 1)[0]) if c.level >= 2]
            elif key.rsplit(" ", 1)[1] in _DIVISION_ONLY_WORDS:
                seen = {c.gid for c in found}
                found += [_with_match(c, ALTERNATE) for c in self._by_key(key.rsplit(" ", 1)[0])
                          if c.level in (2, 3) and c.gid not in seen]
        if not found and " " in key:
            # "Shan-North state", "Yangon-East": a part of a division, named after it (the key
            # has lost the division word above); the division is the best we can say
            words = key.split()
            if words[-1] in _DIVISION_WORDS:
                words = words[:-1]
            if len(words) >= 2 and words[-1] in _COMPASS_PARTS:
                found += [_with_match(c, ALTERNATE) for c in self._by_key(" ".join(words[:-1]))
                          if c.level in (2, 3)]
        memo[text] = tuple(found)
        return memo[text]

    def _place(self, gid: int) -> Candidate | None:
        row = self._con().execute(
            f"SELECT {self._COLUMNS}, 0 FROM places p WHERE p.gid = ?", (gid,)).fetchone()
        return Candidate(*row) if row else None

    def admin1(self, cc: str, code: str) -> Division | None:
        """The admin-1 division a place lies in, from its country and admin1 code."""
        return self._admin1.get((cc, code))

    def iso3(self, cc: str) -> str | None:
        """ISO 3166-1 alpha-3 for an alpha-2 code (None for no or an unknown country)."""
        return self._iso3.get(cc)

    def iso2(self, iso3: str) -> str | None:
        """ISO 3166-1 alpha-2 for an alpha-3 code (None for an unknown or special code)."""
        found = self._iso2
        if found is None:
            found = self._iso2 = {v: k for k, v in self._iso3.items()}
        return found.get(iso3)

    def demonym_country(self, word: str) -> str | None:
        """The country (ISO alpha-2) a demonym or country adjective names ("French": FR)."""
        return self._demonyms.get(fold(word))

    def country(self, cc: str) -> Candidate | None:
        """The country with ISO alpha-2 ``cc``."""
        return self._countries.get(cc)

    def stats(self) -> dict[str, int]:
        """How many places and name keys the index holds, and its size in bytes."""
        con = self._con()
        return {"places": con.execute("SELECT count(*) FROM places").fetchone()[0],
                "names": con.execute("SELECT count(*) FROM names").fetchone()[0],
                "bytes": self.path.stat().st_size}


def _with_match(cand: Candidate, match: int) -> Candidate:
    return Candidate(cand.gid, cand.name, cand.fcode, cand.lat, cand.lon, cand.cc, cand.a1,
                     cand.a2, cand.pop, match)
