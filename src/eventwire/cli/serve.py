"""``eventwire serve``: the HTTP API and the web page over a store."""

from __future__ import annotations

import click

from eventwire.settings import default_db_url

__all__ = ["commands"]


@click.command("serve")
@click.option("--db", "db_url", default=None, metavar="URL",
              help="Database URL (default: $EVENTWIRE_DB or sqlite:///eventwire.db).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
def serve_command(db_url: str | None, host: str, port: int) -> int:
    """Serve the events in a store: a web page (table, timeline, map) and a JSON API.

    Open http://HOST:PORT/ in a browser; the API is under /api (see /docs for its schema).
    """
    import uvicorn

    from eventwire.api import create_app

    app = create_app(db_url or default_db_url())
    click.echo(f"eventwire: serving {app.state.store.url} on http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
    return 0


commands: list[click.Command] = [serve_command]
