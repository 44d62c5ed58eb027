"""Options that several commands share, defined once so that they read and fail alike."""

from __future__ import annotations

from datetime import date
from typing import Any

import typer

from generator.cli.errors import CommandLineError


def date_option(purpose: str) -> Any:
    """`--date`: `purpose` says what the day is for (核对日期, 落款日期); parse it with `given_date`."""
    return typer.Option("--date", metavar="日期", help=f"{purpose} YYYY-MM-DD（默认今天）")


def given_date(value: str | None, option: str = "--date") -> date:
    """A date given on the command line, YYYY-MM-DD only; None is today."""
    from generator.track import parse_iso_date

    if value is None:
        return date.today()
    try:
        return parse_iso_date(value)
    except ValueError:
        raise CommandLineError("cli.bad_date", option=option, value=repr(value)) from None
