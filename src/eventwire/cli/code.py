"""``eventwire code`` and ``eventwire demo``: code articles and print or write the result."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import IO

import click

from eventwire import summary
from eventwire.errors import OptionError
from eventwire.records import Article, Coding, Failure, to_dict
from eventwire.settings import DEFAULTS, FORMATS

__all__ = ["commands", "parse_date"]


def parse_date(value: str | None) -> date | None:
    """A ``YYYY-MM-DD`` option value as a date; a clear error otherwise."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise OptionError("E202", value=value) from None


def _check_format(value: str) -> str:
    if value not in FORMATS:
        raise OptionError("E201", value=value, choices=", ".join(FORMATS))
    return value


def _in_order(items: Iterable[Article | Failure], batch_size: int,
              timings: bool) -> Iterator[Coding | Failure]:
    """Codings and failures in input order, parsing the articles of each chunk as one batch."""
    chunk: list[Article | Failure] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= batch_size:
            yield from _flush(chunk, batch_size, timings)
            chunk = []
    yield from _flush(chunk, batch_size, timings)


def _flush(chunk: list[Article | Failure], batch_size: int,
           timings: bool) -> Iterator[Coding | Failure]:
    from eventwire.pipeline import code_many

    articles = [item for item in chunk if isinstance(item, Article)]
    codings = iter(code_many(articles, batch_size=batch_size, timings=timings))
    for item in chunk:
        yield item if isinstance(item, Failure) else next(codings)


def _failure_line(failure: Failure) -> str:
    return json.dumps({"id": failure.article_id, "source": failure.source,
                       "error": {"code": failure.code, "message": failure.reason}},
                      ensure_ascii=False)


class _Writer:
    """Writes codings in one output format; reports failures on stderr and counts both."""

    def __init__(self, fmt: str, out: IO[str]) -> None:
        self.fmt = fmt
        self.out = out
        self.coded = 0
        self.failed = 0
        self._json_items: list[object] = []
        self._csv_rows: list[object] = []

    def failure(self, failure: Failure) -> None:
        self.failed += 1
        click.echo(f"eventwire: skipped: {failure.reason}", err=True)
        if self.fmt == "jsonl":
            self.out.write(_failure_line(failure) + "\n")

    def coding(self, coding: Coding) -> None:
        self.coded += 1
        if self.fmt == "json":
            self._json_items.append(to_dict(coding))
        elif self.fmt == "jsonl":
            self.out.write(json.dumps(to_dict(coding), ensure_ascii=False) + "\n")
        elif self.fmt == "summary":
            self.out.write(summary.render(coding) + "\n\n")
        elif self.fmt == "plover":
            from eventwire import export

            for record in export.plover_records(coding):
                self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            from eventwire import export

            self._csv_rows.extend(export.event_rows(coding))

    def close(self) -> None:
        if self.fmt == "json" and self._json_items:
            payload = self._json_items[0] if len(self._json_items) == 1 else self._json_items
            self.out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        elif self.fmt == "csv":
            from eventwire import export

            export.write_csv(self._csv_rows, self.out)


def _has_jsonl(sources: Iterable[str]) -> bool:
    return any(s.endswith((".jsonl", ".ndjson")) for s in sources)


def _write_all(results: Iterable[Coding | Failure], writer: _Writer) -> None:
    for result in results:
        if isinstance(result, Failure):
            writer.failure(result)
        else:
            writer.coding(result)
    writer.close()


@click.command("code")
@click.argument("inputs", nargs=-1, metavar="[FILE|DIR|GLOB|-]...")
@click.option("-f", "--format", "fmt", default=None, metavar="FORMAT",
              help=f"Output: {', '.join(FORMATS)}. Default: json (jsonl when a JSONL file is "
                   "read, so each input line gives one output line with the same id).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write here instead of standard output.")
@click.option("--published", metavar="YYYY-MM-DD", default=None,
              help="Publication date for inputs that give none; relative dates "
                   "('several days ago') are resolved against it.")
@click.option("--batch-size", type=click.IntRange(1, 4096),
              default=DEFAULTS["batch_size"].default, show_default=True,
              help=DEFAULTS["batch_size"].help)
@click.option("--timings", is_flag=True, help="Record seconds per stage in each coding's meta.")
def code_command(inputs: tuple[str, ...], fmt: str | None, output: str | None,
                 published: str | None, batch_size: int, timings: bool) -> int:
    """Code articles: text, HTML, JSONL, WARC, directories or globs of them, or stdin.

    With no input, or '-', the article is read from standard input. Bad inputs are reported
    on stderr, one line each, and the others are still coded; the exit code is 1 when nothing
    could be coded.
    """
    sources = list(inputs) or ["-"]
    fmt = _check_format(fmt or ("jsonl" if _has_jsonl(sources) else "json"))
    when = parse_date(published)
    from eventwire.ingest import read_sources

    results = _in_order(read_sources(sources, published=when), batch_size, timings)
    if output:
        with open(output, "w", encoding="utf-8", newline="") as out:
            writer = _Writer(fmt, out)
            _write_all(results, writer)
    else:
        writer = _Writer(fmt, sys.stdout)
        _write_all(results, writer)
    return 0 if writer.coded else 1


def _bundled_example() -> tuple[str, date, str]:
    folder = resources.files("eventwire") / "data" / "examples"
    entry = json.loads((folder / "examples.json").read_text(encoding="utf-8"))[0]
    text = (folder / entry["file"]).read_text(encoding="utf-8")
    return text, date.fromisoformat(entry["published"]), entry["file"]


@click.command("demo")
@click.option("-o", "--output", default="eventwire-demo.json", show_default=True,
              type=click.Path(dir_okay=False, writable=True),
              help="Where to write the document JSON.")
def demo_command(output: str) -> int:
    """Code the bundled example article: print a summary and write the document JSON."""
    from eventwire.ingest import from_input
    from eventwire.pipeline import code_many

    text, published, name = _bundled_example()
    article = from_input(text, published=published, source=f"eventwire:examples/{name}")
    coding = next(code_many([article], batch_size=1))
    click.echo(summary.render(coding))
    Path(output).write_text(json.dumps(to_dict(coding), ensure_ascii=False, indent=2) + "\n",
                            encoding="utf-8")
    click.echo(f"\nDocument JSON written to {output}")
    return 0


commands: list[click.Command] = [code_command, demo_command]
