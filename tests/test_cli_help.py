"""Every `--help` page reads whole at 80 columns, in Chinese (issue 17)."""

from __future__ import annotations

import unicodedata

import pytest
import typer
from typer.testing import CliRunner

from generator.cli import app
from generator.cli.help import HELP_OPTION_TEXT

runner = CliRunner()
WIDTH = 80
COMMANDS = sorted(c.name for c in typer.main.get_command(app).commands.values() if c.name)  # type: ignore[attr-defined]
ENGLISH = ("Show this message", "Usage:", "Options", "Arguments", "Commands", "[required]", "[default:",
           "COMMAND", "OPTIONS")


def _columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def _help(*args: str) -> str:
    result = runner.invoke(app, [*args, "--help"], env={"COLUMNS": str(WIDTH)}, terminal_width=WIDTH,
                           prog_name="dispute")
    assert result.exit_code == 0, result.output
    return result.output


def test_every_command_is_listed() -> None:
    assert {"check", "generate", "batch", "track", "status"} <= set(COMMANDS)
    top = _help()
    for name in COMMANDS:
        assert f" {name} " in top


@pytest.mark.parametrize("args", [(), *((c,) for c in COMMANDS)], ids=lambda a: " ".join(a) or "dispute")
def test_help_fits_80_columns_in_chinese(args: tuple[str, ...]) -> None:
    page = _help(*args)
    assert "…" not in page, page
    wide = [ln for ln in page.splitlines() if _columns(ln) > WIDTH]
    assert not wide, wide
    for label in ("<bool>", "<list", "<str>", "<path>", "<int", "{"):
        assert label not in page, (label, page)
    for word in ENGLISH:
        assert word not in page, (word, page)
    assert HELP_OPTION_TEXT in page
    assert "用法: dispute" in page
    assert "选项" in page
