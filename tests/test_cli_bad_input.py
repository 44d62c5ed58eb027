"""Bad input: exit 2, one line naming the file, no traceback, nothing written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT, SCAN_MESSAGE
from generator.cli import app

runner = CliRunner()
BASIC = FIXTURES / "statements" / "cmb" / "basic" / "input.pdf"


def _one_error_line(result: object, name: str, message: str) -> None:
    stderr = getattr(result, "stderr")
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, stderr
    assert name in lines[0] and message in lines[0], lines[0]
    assert "Traceback" not in stderr


def _reportlab_pdf(path: Path, text: str | None) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path))
    if text is None:
        canvas.rect(100, 100, 300, 400, fill=1)  # a "scan": marks on the page, no text
    else:
        canvas.drawString(100, 700, text)
    canvas.save()
    return path


def _encrypted(tmp_path: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(BASIC))
    writer.encrypt("123456", algorithm="AES-256")
    out = tmp_path / "locked.pdf"
    with out.open("wb") as fh:
        writer.write(fh)
    return out


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p / "missing.pdf", "file not found"),
    (lambda p: p, "is a directory"),
    (lambda p: (p / "empty.pdf").write_bytes(b"") and p / "empty.pdf" or p / "empty.pdf", "empty file"),
    (lambda p: (p / "fake.pdf").write_text("hello, not a pdf") and p / "fake.pdf", "not a PDF file"),
    (lambda p: (p / "cut.pdf").write_bytes(BASIC.read_bytes()[:1500]) and p / "cut.pdf", "corrupt or truncated PDF"),
    (lambda p: _reportlab_pdf(p / "scan.pdf", None), SCAN_MESSAGE),
    (lambda p: _reportlab_pdf(p / "hello.pdf", "Hello world"), "unrecognised document (tried: "),
    (_encrypted, "encrypted PDF: give its password with --password"),
])
def test_parse_bad_file(tmp_path: Path, make: object, message: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    before = sorted(tmp_path.rglob("*"))
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 2
    _one_error_line(result, str(path), message)
    assert sorted(tmp_path.rglob("*")) == before


def test_encrypted_with_right_and_wrong_password(tmp_path: Path) -> None:
    path = _encrypted(tmp_path)
    ok = runner.invoke(app, ["parse", str(path), "--password", "123456", "--json"])
    assert ok.exit_code == 0 and '"provider": "cmb"' in ok.stdout
    bad = runner.invoke(app, ["parse", str(path), "--password", "000000"])
    assert bad.exit_code == 2
    _one_error_line(bad, str(path), "wrong password")


def test_unrecognised_lists_every_parser_tried(tmp_path: Path) -> None:
    from generator.parsers import PARSERS

    result = runner.invoke(app, ["parse", str(_reportlab_pdf(tmp_path / "hello.pdf", "Hello world"))])
    assert all(p.name in result.stderr for p in PARSERS)


def test_multi_file_parse_keeps_the_good_ones(tmp_path: Path) -> None:
    fake = tmp_path / "fake.pdf"
    fake.write_text("nope")
    result = runner.invoke(app, ["parse", str(BASIC), str(fake), "--json"])
    assert result.exit_code == 1
    assert '"provider": "cmb"' in result.stdout
    _one_error_line(result, str(fake), "not a PDF file")


def test_case_without_case_toml(tmp_path: Path) -> None:
    for command in ("check", "generate"):
        result = runner.invoke(app, [command, str(tmp_path)])
        assert result.exit_code == 2
        _one_error_line(result, "case.toml", "missing")
    assert list(tmp_path.iterdir()) == []


def test_generate_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    case = tmp_path / "case"
    shutil.copytree(ROOT / "examples" / "on-time-cmb", case, ignore=shutil.ignore_patterns("out"))
    out = case / "out"
    out.mkdir()
    existing = out / "征信异议申请书-重庆蚂蚁消费金融有限公司.pdf"
    existing.write_bytes(b"keep me")
    result = runner.invoke(app, ["generate", str(case), "--date", "2026-03-01"])
    assert result.exit_code == 2
    _one_error_line(result, str(existing), "exists; use --force")
    assert existing.read_bytes() == b"keep me"
    assert sorted(p.name for p in out.iterdir()) == [existing.name]


def test_bad_option_values_are_usage_errors(tmp_path: Path) -> None:
    result = runner.invoke(app, ["generate", str(ROOT / "examples" / "on-time-cmb"), "--to", "court"])
    assert result.exit_code == 2
    assert "--to" in result.stderr


def test_two_parsers_claiming_one_document_is_ambiguous(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import parsers
    from generator.parsers.cmb import CmbStatement

    class Twin(CmbStatement):
        name = "cmb_twin"

    monkeypatch.setattr(parsers, "PARSERS", [*parsers.PARSERS, Twin])
    result = runner.invoke(app, ["parse", str(BASIC)])
    assert result.exit_code == 2
    _one_error_line(result, str(BASIC), "ambiguous document: recognised by cmb, cmb_twin; choose one with --provider")
    forced = runner.invoke(app, ["parse", str(BASIC), "--provider", "cmb", "--json"])
    assert forced.exit_code == 0 and '"provider": "cmb"' in forced.stdout


def test_providers_lists_every_parser() -> None:
    from generator.parsers import PARSERS

    result = runner.invoke(app, ["providers"])
    assert result.exit_code == 0 and all(p.name in result.stdout for p in PARSERS)


def test_a_statement_with_its_header_and_no_rows_is_refused_naming_the_file(tmp_path: Path) -> None:
    from datetime import date

    from synth.cmb import CmbStatement, write_cmb_statement

    path = tmp_path / "empty-cmb.pdf"
    write_cmb_statement(CmbStatement("测试用户", "6214********0000", date(2025, 1, 1), date(2025, 3, 1), []), path)
    result = runner.invoke(app, ["parse", str(path), "--json"])
    assert result.exit_code == 2
    _one_error_line(result, "empty-cmb.pdf", "no transaction rows found under the")
    assert json.loads(result.stdout) == {"documents": []}  # never an empty success for the file


def test_check_names_every_bad_file_of_a_case(tmp_path: Path) -> None:
    case = tmp_path / "case"
    shutil.copytree(ROOT / "examples" / "on-time-cmb", case, ignore=shutil.ignore_patterns("out"))
    (case / "a-fake.pdf").write_text("hello, not a pdf")
    (case / "b-cut.pdf").write_bytes(BASIC.read_bytes()[:1500])
    (case / "c-empty.pdf").write_bytes(b"")
    before = sorted(case.rglob("*"))
    for command in (["check"], ["check", "--json"], ["generate", "--date", "2026-03-01"]):
        result = runner.invoke(app, [command[0], str(case), *command[1:]])
        assert result.exit_code == 2, result.output
        lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
        assert len(lines) == 3 and "Traceback" not in result.stderr, result.stderr
        for line, (name, message) in zip(lines, [("a-fake.pdf", "not a PDF file"), ("b-cut.pdf", "corrupt or truncated PDF"),
                                                 ("c-empty.pdf", "empty file")]):
            assert line.startswith(f"error: {case / name}: {message}"), line
        assert result.stdout == ""
    assert sorted(case.rglob("*")) == before


def test_chinese_messages_never_translate_inside_a_word_or_a_file_name(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPUTE_LANG", "zh")
    forgotten = tmp_path / "forgotten.pdf"  # "got" is a phrase; "forgotten" is not
    spaced = tmp_path / "got it" / "file not found.pdf"  # phrases as whole words of a path
    spaced.parent.mkdir()
    for path in (forgotten, spaced):
        path.write_text("hello, not a pdf")
    result = runner.invoke(app, ["parse", str(forgotten), str(spaced)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"错误: {forgotten}: 不是 PDF 文件", f"错误: {spaced}: 不是 PDF 文件"]
    case = tmp_path / "case"
    shutil.copytree(ROOT / "examples" / "on-time-cmb", case, ignore=shutil.ignore_patterns("out"))
    toml = case / "case.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace(text[text.index('phone = "'):].split("\n")[0], 'phone = "Unexpected EOF, got it"'),
                    encoding="utf-8")
    bad = runner.invoke(app, ["check", str(case)])
    assert bad.exit_code == 2
    assert bad.stderr.strip() == (f"错误: {toml}: [borrower].phone: 应为 11 位手机号或固定电话，"
                                  "实际为 'Unexpected EOF, got it'")
