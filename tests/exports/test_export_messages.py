"""Export and archive errors read in Chinese on the command line (the default language): only the
file name and the values it quotes stay as they are."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from generator.cli import app
from generator.catalogue import Message, catalogue, placeholders

EXPORTS = FIXTURES / "exports"
BAD = sorted((EXPORTS / "bad").iterdir())
# three English words in a row, separated by spaces: a phrase the catalogue does not know
_ENGLISH_RUN = re.compile(r"[A-Za-z][\w-]*(?:[ ,]+[A-Za-z][\w-]*){2,}")


def _english(line: str, file: str) -> list[str]:
    return _ENGLISH_RUN.findall(line.replace(file, ""))


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPUTE_LANG", "zh")


@pytest.mark.parametrize(("path", "password"), [
    *((p, None) for p in BAD),
    (EXPORTS / "alipay-2023.zip", None), (EXPORTS / "alipay-2023.zip", "000000"),
    (EXPORTS / "wechat-2025.zip", None)], ids=lambda v: v.name if isinstance(v, Path) else str(v))
def test_bad_export_errors_read_in_chinese(path: Path, password: str | None, chinese: None) -> None:
    args = ["parse", str(path), *(["--password", password] if password else [])]
    result = CliRunner().invoke(app, args)
    assert result.exit_code != 0
    [line] = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert line.startswith(f"错误: {path}")
    assert not _english(line, str(path)), line


CODES = sorted(c for c in catalogue() if c.split(".")[0] in ("archive", "export", "zip"))


@pytest.mark.parametrize("code", CODES)
def test_every_export_and_archive_error_has_its_chinese(code: str) -> None:
    # every placeholder filled with a value that is no English word: what is left is the text's own
    text = Message(code, {name: 1 for name in placeholders(catalogue()[code]["en"])}).render("zh")
    assert not _english(text, "x.zip"), text
