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


def _notes(tmp_path: Path, name: str, data: bytes) -> list[str]:
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(app, ["parse", str(path)], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    return [ln.removeprefix("注意 ") for ln in result.stdout.splitlines() if ln.startswith("注意 ")]


def test_notes_on_an_export_read_in_chinese(tmp_path: Path) -> None:
    from synth import exports

    [void] = _notes(tmp_path, "a.csv", exports.alipay_2023())
    assert void == f"以下交易已关闭或失败，没有发生资金往来，未计入：{tmp_path / 'a.csv'} 第23行（交易关闭）"
    rows = [["中国建设银行个人活期账户交易明细"], ["记账日", "交易日期", "交易时间", "支出", "收入", "账户余额", "币种", "摘要"],
            ["20250302", "20250302", "09:00:12", "", 4000, 12000.12, "人民币", "代发工资"]]
    [sheet] = _notes(tmp_path, "c.xlsx", exports.xlsx({"交易": rows, "说明": [["备注"], ["x", "y"]]}))
    assert sheet == f"{tmp_path / 'c.xlsx'} 的工作表“说明”没有与工作表“交易”相同的表头，未读取"
    text = exports.alipay_2023().decode("gbk").replace("共5笔记录", "共6笔记录")
    totals, _ = _notes(tmp_path, "t.csv", text.encode("gbk"))
    assert totals == "文件所印6笔，与各行合计（5笔）不符"
    assert not any(_english(n, str(tmp_path)) for n in (void, sheet, totals))
