"""Shared fixtures: a real PostgreSQL server, database URLs for both backends, hand-built codings.

The PostgreSQL server is Debian's (``apt-get install -y postgresql``), started once per test
session in a temporary directory on a free loopback port, as the unprivileged ``postgres`` user
when the tests run as root (``initdb`` refuses root). If the binaries are missing, every test that
needs the server FAILS with the command that installs them: no silent skips, no mocks.

``db_url`` is parametrised over ``sqlite`` and ``postgresql`` (the latter marked ``postgres``), each
test getting a fresh, empty database.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from eventwire.records import (
    Actor,
    Article,
    Coding,
    DateMention,
    Event,
    Figure,
    Meta,
    Place,
    Quote,
    Size,
    Span,
)

INSTALL_HINT = "apt-get update && apt-get install -y postgresql"


# --------------------------------------------------------------------------------------------
# PostgreSQL


@dataclass(frozen=True)
class PostgresServer:
    """A running server: connect as ``user`` to 127.0.0.1:``port``."""

    port: int
    user: str
    datadir: Path

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"


def _pg_bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name))
    if not found:
        pytest.fail(f"PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb); "
                    f"install them with: {INSTALL_HINT}", pytrace=False)
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_owner(owner: str | None, argv: list[str]) -> list[str]:
    return ["runuser", "-u", owner, "--", *argv] if owner else argv


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """Start a throw-away PostgreSQL server for the session; stop it afterwards."""
    bindir = _pg_bindir()
    owner: str | None = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.fail(f"running as root and no 'postgres' user to run initdb as; "
                        f"{INSTALL_HINT} creates it", pytrace=False)
        owner = "postgres"
    base = Path(tempfile.mkdtemp(prefix="eventwire-pg-"))
    datadir, sockdir = base / "data", base / "sock"
    sockdir.mkdir()
    if owner:
        shutil.chown(base, owner)
        shutil.chown(sockdir, owner)
    port = _free_port()

    def run(argv: list[str]) -> None:
        done = subprocess.run(_as_owner(owner, argv), capture_output=True, text=True,
                              check=False, timeout=120)
        if done.returncode != 0:
            pytest.fail(f"{' '.join(argv)} failed:\n{done.stdout}\n{done.stderr}", pytrace=False)

    run([str(bindir / "initdb"), "-D", str(datadir), "-U", "postgres", "--auth=trust",
         "-E", "UTF8", "--no-locale", "--no-sync"])
    options = (f"-p {port} -k {sockdir} -c listen_addresses=127.0.0.1 -c fsync=off "
               f"-c max_connections=100")
    run([str(bindir / "pg_ctl"), "-D", str(datadir), "-o", options, "-l",
         str(base / "server.log"), "-w", "-t", "60", "start"])
    try:
        yield PostgresServer(port=port, user="postgres", datadir=datadir)
    finally:
        subprocess.run(_as_owner(owner, [str(bindir / "pg_ctl"), "-D", str(datadir), "-m",
                                         "immediate", "-w", "stop"]),
                       capture_output=True, check=False, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


def _new_database(server: PostgresServer) -> str:
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(f"host=127.0.0.1 port={server.port} user={server.user} "
                         f"dbname=postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name


def _drop_database(server: PostgresServer, name: str) -> None:
    import psycopg

    with psycopg.connect(f"host=127.0.0.1 port={server.port} user={server.user} "
                         f"dbname=postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A fresh, empty PostgreSQL database; dropped after the test."""
    name = _new_database(postgres_server)
    try:
        yield postgres_server.url(name)
    finally:
        _drop_database(postgres_server, name)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database URL, once per backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("postgres_url")


# --------------------------------------------------------------------------------------------
# hand-built codings (texts we wrote, in wire style)

WIRE_TEXT = (
    "DAMASCUS, March 3 (Wire) - Syrian army troops shelled rebel positions near Idlib on "
    "Tuesday, killing 12 fighters, a monitoring group said. Turkey's foreign minister "
    "condemned the attack and said Ankara would not send troops."
)


def _span(text: str, needle: str, start: int = 0) -> Span:
    at = text.index(needle, start)
    return Span(at, at + len(needle))


def make_coding(article_id: str = "wire-001", *, text: str = WIRE_TEXT,
                published: date | None = date(2026, 3, 3), source: str = "wire.jsonl:1",
                title: str | None = "Syrian shelling kills 12 near Idlib") -> Coding:
    """A full coding of a short wire story, every record kind present, spans correct."""
    syria = Actor(id="A1", text="Syrian army troops", name="Syrian Armed Forces", kind="group",
                  country="SYR", sector="MIL", sectors=("MIL",),
                  spans=(_span(text, "Syrian army troops"),))
    rebels = Actor(id="A2", text="rebel", name="rebels", kind="group", country="SYR",
                   sector="REB", sectors=("REB",), spans=(_span(text, "rebel"),))
    turkey = Actor(id="A3", text="Turkey's foreign minister", name="Foreign Minister of Turkey",
                   kind="person", country="TUR", sector="GOV", sectors=("GOV", "ELI"),
                   office="Minister of Foreign Affairs",
                   spans=(_span(text, "Turkey's foreign minister"),))
    fighters = Actor(id="A4", text="12 fighters", name="fighters", kind="group", country=None,
                     sector="REB", count=12, count_qualifier="exact",
                     spans=(_span(text, "12 fighters"),))
    compound = Actor(id="A5", text="Syrian army troops ... Turkey", name="Syria and Turkey",
                     kind="compound", members=(syria, turkey))
    idlib = Place(id="P1", text="Idlib", name="Idlib", geonameid=169388, feature_code="PPLA",
                  lat=35.93, lon=36.63, admin1="Idlib", admin1_code="12", country="SYR",
                  spans=(_span(text, "Idlib"),))
    tuesday = DateMention(id="D1", text="Tuesday", value=date(2026, 3, 3), precision="day",
                          relative=True, spans=(_span(text, "Tuesday"),))
    twelve = Figure(id="F1", text="12 fighters", value=12.0, unit="fighters", actor=fighters,
                    predicate="killing", spans=(_span(text, "12"),))
    quote = Quote(id="Q1", text="Ankara would not send troops", kind="indirect", speaker=turkey,
                  speaker_text="Turkey's foreign minister", verb="said",
                  spans=(_span(text, "Ankara would not send troops"),),
                  speaker_spans=(_span(text, "Turkey's foreign minister"),))
    first = text[:text.index("said.") + 5]
    second = text[len(first) + 1:]
    shelled = Event(id="E1", event="ASSAULT", trigger="shelled", mode=("aerial",),
                    context=("military",), cameo="195", quad_code=4, actors=(syria,),
                    recipients=(rebels,), place=idlib, date=date(2026, 3, 3),
                    date_precision="day", date_text="Tuesday", size=Size(dead=12),
                    reported=True, sentence=first, confidence=0.9,
                    spans=(_span(text, "shelled"), Span(0, len(first))))
    condemned = Event(id="E2", event="ACCUSE", trigger="condemned", mode=("disapprove",),
                      quad_code=3, actors=(turkey,), recipients=(syria,), date=None,
                      sentence=second, confidence=0.8,
                      spans=(_span(text, "condemned"), Span(len(first) + 1, len(text))))
    not_send = Event(id="E3", event="MOBILIZE", trigger="send troops", actors=(turkey,),
                     negated=True, future=True, sentence=second, confidence=0.5,
                     spans=(_span(text, "send troops"), Span(len(first) + 1, len(text))))
    joint = Event(id="E4", event="CONSULT", trigger="shelled", actors=(compound,),
                  hypothetical=True, sentence=first, confidence=0.2,
                  spans=(_span(text, "shelled"), Span(0, len(first))))
    article = Article(id=article_id, text=text, source=source, title=title, published=published,
                      byline=("A. Reporter",), url=f"https://wire.example/{article_id}")
    return Coding(article=article, meta=Meta(version="0.1.0", model="test-model"),
                  actors=(syria, rebels, turkey, fighters, compound), places=(idlib,),
                  dates=(tuesday,), figures=(twelve,), quotes=(quote,),
                  events=(shelled, condemned, not_send, joint))


@pytest.fixture
def coding() -> Coding:
    """One full hand-built coding."""
    return make_coding()


# --------------------------------------------------------------------------------------------
# a corpus of short wire stories we wrote, for corpus runs

CITIES = ("Lagos", "Kano", "Mosul", "Aleppo", "Kabul", "Sanaa", "Goma", "Bamako", "Juba",
          "Tripoli", "Karachi", "Mandalay")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
STORIES = (
    "{city}, May {day} (Wire) - Police in {city} arrested {n} protesters on {weekday} after a "
    "rally against fuel prices turned violent, a police spokesman said.",
    "{city}, May {day} (Wire) - Government troops clashed with rebel fighters outside {city} on "
    "{weekday}, killing {n} people, local officials said.",
    "{city}, May {day} (Wire) - The foreign minister met his counterpart in {city} on {weekday} "
    "and the two sides agreed to reopen {n} border crossings, the ministry said.",
    "{city}, May {day} (Wire) - Hundreds of teachers marched through {city} on {weekday} "
    "demanding unpaid salaries; organisers said {n} schools had closed.",
)


def wire_story(i: int) -> str:
    """The i-th story of the corpus: every one different, so every id is."""
    city = CITIES[i % len(CITIES)]
    return STORIES[i % len(STORIES)].format(city=city.upper() if i % 2 else city, day=1 + i % 28,
                                            n=i + 3, weekday=WEEKDAYS[i % len(WEEKDAYS)])


def write_corpus(path: Path, n: int, *, bad_lines: tuple[int, ...] = ()) -> Path:
    """A JSONL corpus of ``n`` stories (ids ``w0000``...), a non-JSON line at each ``bad_lines``."""
    import json

    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            if i in bad_lines:
                out.write("{this line is not JSON\n")
            out.write(json.dumps({"id": f"w{i:04d}", "text": wire_story(i),
                                  "published": f"2026-05-{1 + i % 28:02d}"}) + "\n")
    return path


def dying_initializer() -> None:
    """A pool initializer that kills its worker at once (workers that cannot start)."""
    os._exit(3)


@pytest.fixture(scope="session")
def gazetteer() -> Any:
    """The real, full places index (built once into the cache if it is not there)."""
    from eventwire.places import Gazetteer

    return Gazetteer.default()
