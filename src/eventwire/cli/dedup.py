"""``eventwire dedup``: merge the stored events that report the same real-world event."""

from __future__ import annotations

import sys

import click

from eventwire.dedup import DedupReport
from eventwire.settings import DEFAULTS, default_db_url

__all__ = ["commands", "echo_report", "show_clusters"]

SIZE_RULES = ("max", "min", "median")


def _cluster_table(rows: list) -> tuple[list[str], list[list[object]]]:
    headers = ["date", "event", "actors", "recipients", "place", "dead", "articles", "events"]
    return headers, [[r.date, r.event, r.actors, r.recipients,
                      ", ".join(x for x in (r.place, r.country) if x) or None, r.dead,
                      r.n_articles, r.n_events] for r in rows]


def show_clusters(store: object, fmt: str, *, merged_only: bool, limit: int | None) -> None:
    """Print the stored deduplicated events as a table, JSON or CSV."""
    from eventwire.cli.corpus import _emit
    from eventwire.dedup import ClusterRow

    rows = store.clusters(merged_only=merged_only, limit=limit)  # type: ignore[attr-defined]
    _emit(rows, ClusterRow, fmt, sys.stdout, _cluster_table)


def echo_report(report: DedupReport, url: str) -> None:
    """One line on stderr saying what a deduplication did."""
    click.echo(f"eventwire: {report.events} events → {report.clusters} distinct events "
               f"({report.merged} reported more than once) in {url}", err=True)


@click.command("dedup")
@click.option("--db", "db", metavar="URL", default=None,
              help=str(DEFAULTS["db"].help) + " [default: sqlite:///eventwire.db]")
@click.option("--window-days", type=click.IntRange(0, 365), default=2, show_default=True,
              help="Events at most this many days apart can be the same event.")
@click.option("--km", type=click.FloatRange(0, 20000), default=50.0, show_default=True,
              help="Events at most this far apart can be the same event.")
@click.option("--no-admin1", is_flag=True,
              help="Do not merge a report placed only at a province with a town inside it.")
@click.option("--size-rule", type=click.Choice(SIZE_RULES), default="max", show_default=True,
              help="How to combine the sources' casualty counts.")
@click.option("--format", "fmt", type=click.Choice(("table", "json", "csv")), default="table",
              show_default=True, help="How to print the merged events.")
@click.option("--limit", type=click.IntRange(0), default=20, show_default=True,
              help="Print at most N merged events (0: none); all are stored.")
def dedup_command(db: str | None, window_days: int, km: float, no_admin1: bool, size_rule: str,
                  fmt: str, limit: int) -> int:
    """Merge stored events that report the same event (same type, dyad, place and dates).

    Every source is kept; the merged events go to the event_clusters and cluster_members
    tables, rewritten whole each time, and the ones reported more than once are printed.
    Negated, hypothetical and future events, and events with no place or only a month or year,
    are never merged. `eventwire events --dedup` lists the stored result.
    """
    from eventwire.dedup import dedup_store
    from eventwire.store import open_store

    with open_store(db or default_db_url(), create=False) as store:
        report = dedup_store(store, window_days=window_days, km=km, admin1=not no_admin1,
                             size_rule=size_rule)  # type: ignore[arg-type]
        echo_report(report, store.url)
        if limit:
            show_clusters(store, fmt, merged_only=True, limit=limit)
    return 0


commands: list[click.Command] = [dedup_command]
