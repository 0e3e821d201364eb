"""Corpus commands: ``run``, ``events``, ``stats``, ``export`` and ``failures``.

Thin: each parses its options and calls the library (``eventwire.run``, ``eventwire.query``,
``eventwire.export``); errors a user can cause are raised as ``EventwireError`` for the CLI's
wrapper to print as one line. Tables are aligned for people; ``json`` and ``csv`` are for programs.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import IO, Any

import click

from eventwire.cli.code import parse_date
from eventwire.errors import OptionError
from eventwire.settings import DEFAULTS, default_db_url

__all__ = ["commands", "format_table"]

OUTPUTS = ("table", "json", "csv")
EXPORTS = ("plover", "csv", "parquet")

_db_option = click.option("--db", "db", metavar="URL", default=None,
                          help=str(DEFAULTS["db"].help) + " [default: sqlite:///eventwire.db]")


def _choice(value: str, choices: Sequence[str]) -> str:
    if value not in choices:
        raise OptionError("E201", value=value, choices=", ".join(choices))
    return value


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def format_table(headers: Sequence[str], rows: Iterable[Sequence[object]], *,
                 widest: int = 60) -> str:
    """Rows as an aligned text table (cells cut to ``widest`` characters, unknown shown as -)."""
    cells = [[_cell(v) for v in row] for row in rows]
    cells = [[c if len(c) <= widest else c[:widest - 1] + "…" for c in row] for row in cells]
    widths = [max([len(h)] + [len(row[i]) for row in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.upper().ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
              for row in cells]
    return "\n".join(lines)


def _jsonable(record: Any) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, date) else v)
            for k, v in dataclasses.asdict(record).items()}


def _emit(records: Iterable[Any], kind: type, fmt: str, out: IO[str],
          table: Callable[[list[Any]], tuple[list[str], list[list[object]]]]) -> None:
    """Write query results (``kind`` records) as a table, a JSON array or CSV.

    JSON and CSV stream the records; the table needs them all to align its columns.
    """
    if fmt == "json":
        out.write("[")
        for n, record in enumerate(records):
            out.write(("," if n else "") + "\n" + json.dumps(_jsonable(record),
                                                           ensure_ascii=False))
        out.write("\n]\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([f.name for f in dataclasses.fields(kind)])
        for record in records:
            writer.writerow(["" if v is None else v for v in _jsonable(record).values()])
    else:
        out.write(format_table(*table(list(records))) + "\n")


# --------------------------------------------------------------------------------------------
# run


@click.command("run")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@_db_option
@click.option("--workers", type=int, default=None, metavar="N",
              help=f"{DEFAULTS['workers'].help} [default: all cores]")
@click.option("--batch-size", type=int, default=None, metavar="N",
              help=f"{DEFAULTS['batch_size'].help} [default: {DEFAULTS['batch_size'].default}]")
@click.option("--published", metavar="DATE",
              help="Publication date (YYYY-MM-DD) for articles that carry none.")
@click.option("--retry-failures", is_flag=True,
              help="Code again the inputs recorded in the failures table.")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Run on a Dask cluster: local, local:N or tcp://host:port.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--dedup", "deduplicate", is_flag=True,
              help="Afterwards, merge the events several articles report, as `eventwire dedup` "
                   "does with its defaults.")
def run_command(sources: tuple[str, ...], db: str | None, workers: int | None,
                batch_size: int | None, published: str | None, retry_failures: bool,
                dask_address: str | None, quiet: bool, deduplicate: bool) -> int:
    """Code a corpus into a database, resumably: stored articles are skipped.

    SOURCE is a file (text, HTML, JSONL, WARC), a directory or a glob. Inputs that cannot be
    coded go to the failures table with their reason and the run goes on; run again to resume
    after an interruption. Exit code 1 when inputs failed and nothing was coded or stored.
    """
    from eventwire.run import run

    url = db or default_db_url()
    when = parse_date(published)
    size = batch_size if batch_size is not None else int(DEFAULTS["batch_size"].default)
    if dask_address:  # the Dask path lives in eventwire.distributed
        from eventwire.distributed import run_dask

        report = run_dask(list(sources), url, dask_address, published=when, batch_size=size,
                          retry_failures=retry_failures,
                          progress=not quiet and sys.stderr.isatty())
    else:
        if workers == 1:  # coded in this process: prepare it as a pool worker is prepared
            from eventwire.pipeline import warm_up

            warm_up()
        report = run(list(sources), url, workers=workers, batch_size=size, published=when,
                     retry_failures=retry_failures, progress=not quiet)
    from eventwire.store import display_url, open_store

    if report.failed:
        _echo_failures(url, report.run_id)
    click.echo(report.summary(display_url(url)))
    if deduplicate and (report.coded or report.skipped):
        from eventwire.cli.dedup import echo_report
        from eventwire.dedup import dedup_store

        with open_store(url) as store:
            echo_report(dedup_store(store), store.url)
    return 1 if report.failed and not (report.coded or report.skipped) else 0


def _echo_failures(url: str, run_id: str, *, shown: int = 5) -> None:
    """The first failures of a run on stderr, one line each (all of them: eventwire failures)."""
    from eventwire.store import open_store

    with open_store(url, create=False) as store:
        found = [f for f in store.failures() if f.run_id == run_id]
    for failure in found[:shown]:
        click.echo(f"eventwire: failed: {failure.reason}", err=True)
    if len(found) > shown:
        click.echo(f"eventwire: ... and {len(found) - shown} more: eventwire failures "
                   f"--db {url}", err=True)


# --------------------------------------------------------------------------------------------
# events and stats


def _filters(kind: str | None, country: str | None, sector: str | None, since: str | None,
             until: str | None, place_country: str | None, text: str | None,
             all_flags: bool) -> Any:
    from eventwire.query import Filters

    return Filters(type=kind, country=country, sector=sector, since=parse_date(since),
                   until=parse_date(until), place_country=place_country, text=text,
                   all_flags=all_flags)


def _filter_options(command: Any) -> Any:
    for option in reversed((
        click.option("--type", "kind", metavar="TYPE", help="PLOVER event type, e.g. ASSAULT."),
        click.option("--country", metavar="C",
                     help="Actor's or recipient's country: ISO-3 code (SYR) or name."),
        click.option("--sector", metavar="S", help="Actor's sector, e.g. MIL, GOV, REB."),
        click.option("--since", metavar="DATE", help="Events on or after YYYY-MM-DD."),
        click.option("--until", metavar="DATE", help="Events on or before YYYY-MM-DD."),
        click.option("--place-country", metavar="C", help="Country where the event happened."),
        click.option("--text", metavar="WORDS",
                     help="Words in the sentence, trigger, actor, recipient or place name."),
        click.option("--all-flags", is_flag=True,
                     help="Include negated and hypothetical events (left out by default)."),
    )):
        command = option(command)
    return command


def _party(name: str | None, country: str | None, sector: str | None) -> str | None:
    if name is None:
        return None
    codes = " ".join(c for c in (country, sector) if c)
    return f"{name} [{codes}]" if codes else name


def _flags(row: Any) -> str:
    return ",".join(n for n in ("negated", "hypothetical", "future", "reported")
                    if getattr(row, n)) or ""


@click.command("events")
@_db_option
@_filter_options
@click.option("--limit", type=int, default=None, metavar="N", help="At most N events.")
@click.option("--format", "fmt", default="table", metavar="FORMAT",
              help="table (default), json or csv.")
@click.option("--dedup", "deduplicated", is_flag=True,
              help="List the deduplicated events of the last `eventwire dedup` instead (one "
                   "per real-world event, with how many articles reported it).")
def events_command(db: str | None, kind: str | None, country: str | None, sector: str | None,
                   since: str | None, until: str | None, place_country: str | None,
                   text: str | None, all_flags: bool, limit: int | None, fmt: str,
                   deduplicated: bool) -> None:
    """List stored events, oldest first (negated and hypothetical ones only with --all-flags)."""
    from eventwire.export import EventRow, write_csv
    from eventwire.query import iter_events
    from eventwire.store import open_store

    _choice(fmt, OUTPUTS)
    if limit is not None and limit < 0:
        raise OptionError("E205", name="--limit", expected="0 or more", value=limit)
    filters = _filters(kind, country, sector, since, until, place_country, text, all_flags)
    if deduplicated:
        if filters != type(filters)(all_flags=all_flags):
            raise OptionError("E205", name="--dedup", expected="used without filters",
                              value="filters")
        from eventwire.cli.dedup import show_clusters

        with open_store(db or default_db_url(), create=False) as store:
            show_clusters(store, fmt, merged_only=False, limit=limit)
        return
    with open_store(db or default_db_url(), create=False) as store:
        rows = iter_events(store, filters, limit=limit)
        if fmt == "csv":  # exactly the CSV of `eventwire export --format csv`
            write_csv(rows, sys.stdout)
        else:
            _emit(rows, EventRow, fmt, sys.stdout, _event_table)


def _event_table(rows: list[Any]) -> tuple[list[str], list[list[object]]]:
    headers = ["date", "event", "actor", "recipient", "place", "flags", "article"]
    return headers, [[r.date or r.published, r.event,
                      _party(r.actor_name, r.actor_country, r.actor_sector),
                      _party(r.recipient_name, r.recipient_country, r.recipient_sector),
                      _party(r.place_name or r.place_text, r.place_country, None), _flags(r),
                      r.article_id] for r in rows]


@click.command("stats")
@_db_option
@click.option("--by", "by", default="type", metavar="KEY",
              help="dyad, country, type (default), week or month.")
@_filter_options
@click.option("--format", "fmt", default="table", metavar="FORMAT",
              help="table (default), json or csv.")
@click.option("--dedup", "deduplicated", is_flag=True,
              help="Count real-world events (the clusters of the last `eventwire dedup`) "
                   "instead of reports: an event several articles report counts once.")
def stats_command(db: str | None, by: str, kind: str | None, country: str | None,
                  sector: str | None, since: str | None, until: str | None,
                  place_country: str | None, text: str | None, all_flags: bool,
                  fmt: str, deduplicated: bool) -> None:
    """Count stored events by dyad, country, type, week or month."""
    from eventwire.query import AGGREGATES, Count, DyadCount, counts
    from eventwire.store import open_store

    _choice(by, AGGREGATES)
    _choice(fmt, OUTPUTS)
    filters = _filters(kind, country, sector, since, until, place_country, text, all_flags)
    with open_store(db or default_db_url(), create=False) as store:
        found = counts(store, by, filters, dedup=deduplicated)
    if by == "dyad":
        _emit(found, DyadCount, fmt, sys.stdout, lambda rows: (
            ["actor country", "actor sector", "recipient country", "recipient sector", "events"],
            [[d.actor_country, d.actor_sector, d.recipient_country, d.recipient_sector,
              d.events] for d in rows]))
    else:
        _emit(found, Count, fmt, sys.stdout,
              lambda rows: ([by, "events"], [[c.key, c.events] for c in rows]))


# --------------------------------------------------------------------------------------------
# export and failures


@click.command("export")
@_db_option
@click.option("--format", "fmt", required=True, metavar="FORMAT",
              help="plover (JSON Lines), csv or parquet.")
@click.option("-o", "--output", required=True, metavar="FILE",
              help="File to write ('-' for stdout, not for parquet).")
def export_command(db: str | None, fmt: str, output: str) -> None:
    """Export every stored event (flags included) as PLOVER JSONL, CSV or Parquet."""
    from eventwire import export
    from eventwire.store import open_store

    _choice(fmt, EXPORTS)
    if fmt == "parquet" and output == "-":
        raise OptionError("E205", name="-o", expected="a file name for parquet", value=output)
    with open_store(db or default_db_url(), create=False) as store:
        codings = store.codings()
        if fmt == "parquet":
            n = export.write_parquet((r for c in codings for r in export.event_rows(c)), output)
        else:
            with click.open_file(output, "w", encoding="utf-8") as out:
                if fmt == "plover":
                    n = export.write_plover(
                        (r for c in codings for r in export.plover_records(c)), out)
                else:
                    n = export.write_csv((r for c in codings for r in export.event_rows(c)), out)
    click.echo(f"{n} events written to {output}", err=True)


@click.command("failures")
@_db_option
@click.option("--format", "fmt", default="table", metavar="FORMAT",
              help="table (default), json or csv.")
def failures_command(db: str | None, fmt: str) -> None:
    """List the inputs that could not be coded, with the reason (retry: run --retry-failures)."""
    from eventwire.store import StoredFailure, open_store

    _choice(fmt, OUTPUTS)
    with open_store(db or default_db_url(), create=False) as store:
        found = store.failures()
    _emit(found, StoredFailure, fmt, sys.stdout, lambda rows: (
        ["source", "code", "reason", "attempts", "failed at"],
        [[f.source, f.code, f.reason, f.attempts, f.failed_at.strftime("%Y-%m-%d %H:%M")]
         for f in rows]))


commands: list[click.Command] = [run_command, events_command, stats_command, export_command,
                                 failures_command]
