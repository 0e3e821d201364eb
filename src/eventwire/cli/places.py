"""Gazetteer commands: places build, places lookup (filled in by the places work)."""

from __future__ import annotations

import click

commands: list[click.Command] = []
