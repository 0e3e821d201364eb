"""The docs stay true to the code: every record field is documented, every command too."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import click

from eventwire import records
from eventwire.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def _documented_fields(section: str) -> set[str]:
    text = (ROOT / "docs" / "output.md").read_text()
    body = text.split(f"## `{section}`", 1)[1].split("\n## ", 1)[0]
    return {name for cell in re.findall(r"^\| ([^|]+) \|", body, re.M)
            for name in re.findall(r"`([a-z_0-9]+)`", cell)}


def test_every_record_field_is_documented() -> None:
    sections = {"article": records.Article, "meta": records.Meta, "actors": records.Actor,
                "places": records.Place, "dates": records.DateMention,
                "figures": records.Figure, "quotes": records.Quote, "events": records.Event}
    for section, record in sections.items():
        fields = {f.name for f in dataclasses.fields(record)}
        missing = fields - _documented_fields(section)
        assert not missing, f"docs/output.md section {section!r} lacks {sorted(missing)}"


def _commands(group: click.Group, prefix: str = "") -> list[str]:
    names = []
    for name, command in group.commands.items():
        names.append(f"{prefix}{name}")
        if isinstance(command, click.Group):
            names.extend(_commands(command, f"{prefix}{name} "))
    return names


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    for name in _commands(cli):
        assert f"eventwire {name}" in readme, f"README.md never shows `eventwire {name}`"


def test_cli_reference_is_current() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_cli_docs",
                                                  ROOT / "scripts" / "gen_cli_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == module.render(), "docs/cli.md is stale: run scripts/gen_cli_docs.py"
