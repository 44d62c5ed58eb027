from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator.cli import app
from generator.errors import CaseError
from generator.catalogue import message


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPUTE_LANG", "zh")


def test_cli_errors_are_in_chinese_by_default(tmp_path: Path, chinese: None) -> None:
    fake = tmp_path / "fake.pdf"
    fake.write_text("nope")
    result = CliRunner().invoke(app, ["parse", str(fake)])
    assert result.stderr.strip() == f"错误: {fake}: 不是 PDF 文件"


def test_case_errors_keep_file_and_key(chinese: None) -> None:
    err = CaseError("case.toml", "case.key", key="[[loans]][1].principal", problem=message(
        "case.expected_got", expected=message("expect.decimal", example="12000.00"), value="12000.5"))
    assert err.render() == 'case.toml: [[loans]][1].principal: 应为 金额字符串，如 "12000.00"，实际为 12000.5'


def test_english_switch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPUTE_LANG", "en")
    fake = tmp_path / "fake.pdf"
    fake.write_text("nope")
    result = CliRunner().invoke(app, ["parse", str(fake)])
    assert result.stderr.strip() == f"error: {fake}: not a PDF file"
