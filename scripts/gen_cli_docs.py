"""Write docs/cli.md from the CLI's own --help texts (tests/test_docs.py checks it is current).

Run: .venv/bin/python scripts/gen_cli_docs.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from eventwire.cli import cli

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "docs" / "cli.md"


def _walk(command: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            found.extend(_walk(command.commands[name], [*path, name]))
    return found


def render() -> str:
    """The whole page, in a fixed terminal width so it does not depend on the machine."""
    parts = ["# Command-line reference",
             "",
             "Generated from `eventwire --help` by `scripts/gen_cli_docs.py`; "
             "`tests/test_docs.py` fails when it is out of date.",
             ""]
    for path, command in _walk(cli, ["eventwire"]):
        with click.Context(command, info_name=" ".join(path), terminal_width=100,
                           help_option_names=["-h", "--help"],
                           max_content_width=100) as ctx:
            text = command.get_help(ctx)
        parts += [f"## `{' '.join(path)}`", "", "```text", text.rstrip(), "```", ""]
    return "\n".join(parts)


def main() -> int:
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
