"""Issue 17: a typo in case.toml suggests the closest documented key of its own table (never an
internal `_`-prefixed one), and a case folder that is not there says so. One line, exit 2."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from generator.cli import app

runner = CliRunner()
EXAMPLE = ROOT / "examples" / "on-time-cmb"
LOAN = 'lender = "重庆蚂蚁消费金融有限公司"\n'
BORROWER = "[borrower]\n"
INTERNAL = re.compile(r"(?<![A-Za-z0-9])_[a-z]")


def make_case(tmp_path: Path, edit: Callable[[str], str]) -> Path:
    case = tmp_path / "case"
    shutil.copytree(EXAMPLE, case, ignore=shutil.ignore_patterns("out"))
    toml = case / "case.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(edit(text), encoding="utf-8")
    assert toml.read_text(encoding="utf-8") != text
    return case


def one_line(args: list[str]) -> str:
    result = runner.invoke(app, args)
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert result.exit_code == 2, (result.exit_code, result.stderr, result.exception)
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.fixture(params=["zh", "en"])
def lang(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DISPUTE_LANG", request.param)
    return str(request.param)


def test_a_loan_key_typo_names_the_key_and_suggests_principal(tmp_path: Path, lang: str) -> None:
    case = make_case(tmp_path, lambda t: t.replace(LOAN, LOAN + 'principle = "12000.00"\n', 1))
    line = one_line(["check", str(case)])
    assert "[[loans]][1].principle" in line and '"principal"' in line, line
    assert ("是否应为" if lang == "zh" else "did you mean") in line, line
    assert not INTERNAL.search(line), line


def test_a_borrower_key_typo_suggests_from_the_borrower_keys(tmp_path: Path, lang: str) -> None:
    # "lendr" is close to [[loans]]'s "lender", but [borrower] has no such key: no suggestion.
    case = make_case(tmp_path, lambda t: t.replace(BORROWER, BORROWER + 'phnoe = "13800138000"\n'
                                                   'lendr = "x"\n', 1))
    line = one_line(["check", str(case)])
    assert "[borrower].lendr" in line and "lender" not in line.replace("lendr", ""), line
    case2 = make_case(tmp_path / "2", lambda t: t.replace(BORROWER, BORROWER + 'phnoe = "1"\n', 1))
    line = one_line(["check", str(case2)])
    assert "[borrower].phnoe" in line and '"phone"' in line, line
    assert "principal" not in line and not INTERNAL.search(line), line


@pytest.mark.parametrize("typo", ["schedul", "conflicts", "from", "_schedul"])
def test_an_internal_key_is_never_suggested_or_listed(tmp_path: Path, typo: str) -> None:
    case = make_case(tmp_path, lambda t: t.replace(LOAN, LOAN + f'{typo} = "x"\n', 1))
    line = one_line(["check", str(case)])
    assert typo in line, line
    assert not INTERNAL.search(line.replace(typo, "")), line


def test_no_suggestion_when_nothing_is_close(tmp_path: Path, lang: str) -> None:
    case = make_case(tmp_path, lambda t: t.replace(LOAN, LOAN + 'zzzz = "x"\n', 1))
    line = one_line(["check", str(case)])
    assert "zzzz" in line and "did you mean" not in line and "是否应为" not in line, line


@pytest.mark.parametrize("command", ["check", "generate", "batch"])
def test_a_folder_that_does_not_exist_says_so(tmp_path: Path, lang: str, command: str) -> None:
    missing = tmp_path / "no" / "such" / "folder"
    line = one_line([command, str(missing)])
    assert str(missing) in line and ("文件夹不存在" if lang == "zh" else "folder does not exist") in line, line
    assert "不是案件文件夹" not in line and "not a case folder" not in line, line
    assert not missing.exists() and not (tmp_path / "no").exists()


@pytest.mark.parametrize("command", ["check", "generate", "batch"])
def test_a_file_is_not_a_folder(tmp_path: Path, lang: str, command: str) -> None:
    file = tmp_path / "case.txt"
    file.write_text("x")
    line = one_line([command, str(file)])
    assert str(file) in line and ("不是文件夹" if lang == "zh" else "not a folder") in line, line
    assert "不存在" not in line and "does not exist" not in line, line


@pytest.mark.parametrize("command", ["check", "generate"])
def test_a_folder_without_case_toml_keeps_its_message(tmp_path: Path, lang: str, command: str) -> None:
    line = one_line([command, str(tmp_path)])
    assert ("缺失：案件文件夹需要 case.toml" if lang == "zh" else "missing: a case folder needs a case.toml") in line
    assert "不存在" not in line and "does not exist" not in line, line
