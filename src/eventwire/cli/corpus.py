"""Corpus commands: run, events, ... (filled in by the store work)."""

from __future__ import annotations

import click

commands: list[click.Command] = []
