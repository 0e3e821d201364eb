"""The ``eventwire`` command: one entry point, thin sub-commands over the library.

Each sub-command parses and validates its arguments and calls a library function of the same
name. Errors a user can cause arrive here as ``EventwireError`` and leave as one line on stderr
and a non-zero exit code, never a traceback.

Exit codes: 0 success; 1 nothing could be done with the input (every input failed, or an
``EventwireError``); 2 bad usage (unknown option, bad value); 130 interrupted.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

import click

from eventwire import __version__
from eventwire.cli import code as code_cmds
from eventwire.cli import corpus as corpus_cmds
from eventwire.cli import dedup as dedup_cmds
from eventwire.cli import places as places_cmds
from eventwire.cli import serve as serve_cmds
from eventwire.errors import EventwireError, OptionError

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="eventwire")
def cli() -> None:
    """Turn news articles into structured, sourced political event data (PLOVER).

    \b
    Quick start:
      eventwire demo                      code the bundled example article
      eventwire code article.txt          code files, directories, JSONL, WARC or stdin
      eventwire run corpus/ --db URL      code a corpus into SQLite/PostgreSQL, resumably
      eventwire events --country SYR      list stored events
    """


@cli.group("places")
def places_group() -> None:
    """The offline gazetteer: build it, look names up."""


for command in code_cmds.commands:
    cli.add_command(command)
for command in corpus_cmds.commands:
    cli.add_command(command)
for command in dedup_cmds.commands:
    cli.add_command(command)
for command in serve_cmds.commands:
    cli.add_command(command)
for command in places_cmds.commands:
    places_group.add_command(command)


def _log_to_stderr() -> None:
    """Library notices (``logging`` at WARNING and above) reach the user as one line each."""
    logger = logging.getLogger("eventwire")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("eventwire: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code (the console script passes it to ``sys.exit``)."""
    _log_to_stderr()
    try:
        result = cli.main(args=list(argv) if argv is not None else None, prog_name="eventwire",
                          standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as problem:
        problem.show()
        return problem.exit_code
    except click.Abort:
        click.echo("eventwire: interrupted", err=True)
        return 130
    except KeyboardInterrupt:
        click.echo("eventwire: interrupted", err=True)
        return 130
    except EventwireError as problem:
        click.echo(f"eventwire: error: {problem}", err=True)
        return 2 if isinstance(problem, OptionError) else 1
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head): not an error worth a message
        return 0
    return result if isinstance(result, int) else 0


def _entry() -> None:
    sys.exit(main())
