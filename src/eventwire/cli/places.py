"""Gazetteer commands: ``eventwire places build`` and ``eventwire places lookup NAME``.

Thin wrappers: ``build`` calls ``eventwire.places.build`` with a progress bar; ``lookup`` calls
``eventwire.places.lookup`` and prints the ranked candidates as a table.
"""

from __future__ import annotations

import click

from eventwire import places

__all__ = ["commands"]


@click.command("build")
def build_command() -> None:
    """Build (or rebuild) the offline gazetteer index in the cache directory."""
    def progress(stage: str, done: int, total: int) -> None:
        click.echo(f"\r{stage}: {done:,}/{total:,}", nl=done >= total, err=True)

    stats = places.build(progress)
    click.echo(f"built {stats.path}: {stats.places:,} places, {stats.names:,} name keys, "
               f"{stats.bytes / 1e6:.1f} MB in {stats.seconds:.1f} s")


@click.command("lookup")
@click.argument("name")
@click.option("--country", "-c", default=None,
              help="Keep candidates in this country (ISO alpha-2 or alpha-3).")
@click.option("--limit", "-n", default=10, show_default=True, type=click.IntRange(1, 1000),
              help="How many candidates to print.")
def lookup_command(name: str, country: str | None, limit: int) -> None:
    """Print the ranked candidates for NAME (no context: population and feature level)."""
    gazetteer = places.Gazetteer.default()
    found = places.lookup(name, country=country, limit=limit)
    if not found:
        click.echo(f"no place called {name!r}" + (f" in {country}" if country else ""))
        return
    header = ("rank", "geonameid", "name", "code", "admin1", "country", "population",
              "lat", "lon", "match")
    rows = []
    for rank, cand in enumerate(found, start=1):
        division = gazetteer.admin1(cand.cc, cand.a1)
        rows.append((
            str(rank), str(cand.gid) if cand.gid > 0 else "-", cand.name, cand.fcode,
            division.name if division and cand.level >= 2 else "",
            gazetteer.iso3(cand.cc) or "", f"{cand.pop:,}",
            "" if cand.lat is None else f"{cand.lat:.4f}",
            "" if cand.lon is None else f"{cand.lon:.4f}",
            places.MATCH_NAMES[cand.match]))
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
                   .rstrip())


commands: list[click.Command] = [build_command, lookup_command]
