"""Issue 17: every error line the command line prints reads wholly in the user's language: the
default Chinese, or English with DISPUTE_LANG=en. File names and values are shown as given."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from conftest import FIXTURES, ROOT
from generator.cli import app

runner = CliRunner()
BASIC = FIXTURES / "statements" / "cmb" / "basic" / "input.pdf"
EXAMPLE = ROOT / "examples" / "on-time-cmb"
# three English words in a row: a sentence left untranslated (names and values are removed first)
ENGLISH_RUN = re.compile(r"[A-Za-z][\w-]*(?:[ ,]+[A-Za-z][\w-]*){2,}")
HAN = re.compile(r"[\u4e00-\u9fff]")


def invoke(lang: str, *args: str | Path) -> Result:
    return runner.invoke(app, [str(a) for a in args], env={"DISPUTE_LANG": lang, "COLUMNS": "200"})


def error_line(result: Result, *kept: str | Path) -> str:
    """The one error line, with the file names and values the message must keep verbatim removed."""
    assert result.exit_code == 2, (result.exit_code, result.output)
    [line] = [ln for ln in result.stderr.splitlines() if ln.strip()]
    for value in kept:
        assert str(value) in line, (value, line)
        line = line.replace(str(value), "")
    return line


def assert_chinese(line: str, *words: str) -> None:
    assert line.startswith("错误: "), line
    assert not ENGLISH_RUN.search(line), line
    for word in words:
        assert word in line, line


def assert_english(line: str, *words: str) -> None:
    assert line.startswith("error: "), line
    assert not HAN.search(line), line
    for word in words:
        assert word in line, line


def make_case(tmp_path: Path, old: str, new: str) -> Path:
    case = tmp_path / "case"
    shutil.copytree(EXAMPLE, case, ignore=shutil.ignore_patterns("out"))
    toml = case / "case.toml"
    text = toml.read_text(encoding="utf-8")
    assert old in text
    toml.write_text(text.replace(old, new, 1), encoding="utf-8")
    return case


def encrypted(tmp_path: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(BASIC))
    writer.encrypt("123456", algorithm="AES-256")
    out = tmp_path / "got it" / "forgotten password.pdf"  # English words in the name stay as they are
    out.parent.mkdir()
    with out.open("wb") as fh:
        writer.write(fh)
    return out


def test_a_bad_pdf(tmp_path: Path) -> None:
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(BASIC.read_bytes()[:1500])
    zh = error_line(invoke("zh", "parse", cut), cut)
    assert_chinese(zh, "PDF 已损坏或不完整")
    assert_english(error_line(invoke("en", "parse", cut), cut), "corrupt or truncated PDF")


def test_a_wrong_and_a_missing_password(tmp_path: Path) -> None:
    path = encrypted(tmp_path)
    assert error_line(invoke("zh", "parse", path, "--password", "000000"), path) == "错误: : 密码错误"
    assert error_line(invoke("en", "parse", path, "--password", "000000"), path) == "error: : wrong password"
    assert_chinese(error_line(invoke("zh", "parse", path), path, "--password"), "PDF 已加密")
    assert_english(error_line(invoke("en", "parse", path), path), "encrypted PDF", "--password")


def test_a_bad_case_toml_key(tmp_path: Path) -> None:
    case = make_case(tmp_path, 'lender = "', 'principle = "12000.00"\nlender = "')
    toml = case / "case.toml"
    zh = error_line(invoke("zh", "check", case), toml, "[[loans]][1].principle", '"principal"')
    assert_chinese(zh, "未知的键", "是否应为")
    en = error_line(invoke("en", "check", case), toml, "[[loans]][1].principle", '"principal"')
    assert_english(en, "unknown key", "did you mean")


def test_a_bad_case_toml_value_names_what_was_expected(tmp_path: Path) -> None:
    case = make_case(tmp_path, 'method = "equal_installment"', 'method = "monthly"')
    toml = case / "case.toml"
    zh = error_line(invoke("zh", "check", case), toml, "[[loans]][1].method", "'monthly'")
    assert_chinese(zh, "应为 以下之一：", "实际为")
    assert_english(error_line(invoke("en", "check", case), toml, "'monthly'"), "expected one of:", "got")


def test_a_toml_syntax_error_gives_its_line_and_column_in_chinese(tmp_path: Path) -> None:
    case = make_case(tmp_path, '[borrower]\n', '[borrower]\nname = 张三\n')
    toml = case / "case.toml"
    line = next(i for i, ln in enumerate(toml.read_text(encoding="utf-8").splitlines(), 1) if ln == "name = 张三")
    zh = error_line(invoke("zh", "check", case), toml)
    assert_chinese(zh.replace("张三", ""), "不是有效的 TOML", f"第 {line} 行第 8 列", "无效的值")
    en = error_line(invoke("en", "check", case), toml)
    assert en == f"error: : not valid TOML: Invalid value (at line {line}, column 8)"


def test_a_bad_option_value_of_our_own(tmp_path: Path) -> None:
    assert_chinese(error_line(invoke("zh", "generate", tmp_path, "--to", "mayor"), "'mayor'", "lender"), "应为")
    assert_english(error_line(invoke("en", "generate", tmp_path, "--to", "mayor"), "'mayor'"),
                   "expected a comma-separated list of")


@pytest.mark.parametrize(("args", "zh", "en"), [
    (["check"], "缺少参数 '案件文件夹'", "Missing argument '案件文件夹'"),
    (["check", "--jsno", "x"], "没有这个选项：--jsno（可能是：--json）", "No such option: --jsno (Possible options: --json)"),
    (["chek"], "没有这个命令", "No such command 'chek'"),
    (["serve", "--port", "port"], "'--port' 的值无效：应为整数", "Invalid value for '--port': Input should be a valid integer"),
    (["serve", "--port", "70000"], "应不大于 65535", "Input should be less than or equal to 65535"),
    (["generate", "x", "--to"], "选项 '--to' 需要一个值", "Option '--to' requires an argument"),
    (["check", "a", "b"], "多余的参数（b）", "Got unexpected extra argument(s) (b)"),
    (["track", "x", "--to", "mayor", "--filed", "2026-01-01"], "'mayor' 不是 'lender', 'bureau', 'complaint' 中的一个",
     "'mayor' is not one of 'lender', 'bureau', 'complaint'"),
])
def test_typers_usage_errors_read_in_the_users_language(args: list[str], zh: str, en: str) -> None:
    chinese = invoke("zh", *args)
    assert chinese.exit_code == 2 and zh in _panel(chinese.stderr), chinese.stderr
    assert not ENGLISH_RUN.search(_panel(chinese.stderr).replace("案件文件夹", "")), chinese.stderr
    english = invoke("en", *args)
    assert english.exit_code == 2 and en in _panel(english.stderr), english.stderr


def _panel(stderr: str) -> str:
    """The text inside rich's error box, joined across its wrapped lines."""
    inside = [ln.strip("│ ").strip() for ln in stderr.splitlines() if ln.startswith("│")]
    return " ".join(inside)
