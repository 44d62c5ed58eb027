"""Export and archive errors read in Chinese on the command line (the default language): only the
file name and the values it quotes stay as they are."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from generator.cli import app
from generator.messages import localise

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


@pytest.mark.parametrize("message", [
    "x.zip: 5001 members, more than the 5000 an archive of statements may hold: refused as a possible "
    "decompression bomb",
    "x.zip: its members inflate to 300,000,000 bytes, more than 200,000,000: refused as a possible decompression bomb",
    "x.zip: member 'a.csv' inflates to 90,000,000 bytes, more than 50,000,000: refused as a possible decompression bomb",
    "x.zip: member 'a.csv' inflates past 50,000,000 bytes: refused as a possible decompression bomb",
    "x.zip: member 'a.csv' uses a compression this tool cannot read (NotImplementedError)",
    "x.zip: wrong password or damaged archive (member 'a.csv': Error)",
    "x.csv: not a spreadsheet or text export (pdf)",
    "x.csv: cannot decode the text (tried UTF-8, GB18030 and UTF-16)",
    "x.xlsx: the workbook is password-protected: save it without a password and try again",
    "x.xlsx: damaged or unreadable workbook (CalamineError)",
    "x.xlsx: more than 2,000,000 cells: not a statement export",
    "x.csv: unrecognised export (tried: alipay_export, wechat_export)",
    "x.csv: ambiguous export: recognised by alipay_export, wechat_export; choose one with --provider",
    "x.csv: no transaction table found (no row names three columns of a known export)",
    "x.csv: no transaction rows found under the table header (交易时间 金额)",
])
def test_every_export_and_archive_error_has_its_chinese(message: str, chinese: None) -> None:
    file = message.split(": ")[0]
    assert not _english(localise(message, keep=file), file), localise(message, keep=file)
