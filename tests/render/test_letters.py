"""Letters end to end on the example case: golden text, PDF = DOCX = HTML text, citations that
point at the statement page holding the cited amount and date, bundled fonts, honesty guards."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pdfplumber
import pytest
from typer.testing import CliRunner

from conftest import ROOT, Golden
from generator.cli import app
from generator.errors import RenderError
from generator.render.docx import docx_blocks
from generator.render.env import render_html, render_string
from generator.render.text import docx_text, pdf_text

EXAMPLE = ROOT / "examples" / "on-time-cmb"
LENDER = "重庆蚂蚁消费金融有限公司"
LETTERS = {"bureau": f"征信异议申请书-{LENDER}", "lender": f"异议及更正申请-{LENDER}"}
BUNDLED = ("DisputeSerif", "DisputeSans")


def _generate(case: Path, out: Path) -> None:
    result = CliRunner().invoke(app, ["generate", str(case), "--out", str(out), "--date", "2026-03-01"])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("letters")
    _generate(EXAMPLE, folder)
    return folder


def test_exactly_the_letters_are_written(out: Path) -> None:
    expected = {f"{stem}.{ext}" for stem in LETTERS.values() for ext in ("docx", "pdf")} | {"manifest.json"}
    assert {p.name for p in out.iterdir()} - {f"证据材料-{LENDER}.pdf"} == expected


@pytest.mark.parametrize("recipient", sorted(LETTERS))
def test_letter_text_matches_golden(out: Path, recipient: str, golden: Golden) -> None:
    blocks = docx_blocks(out / f"{LETTERS[recipient]}.docx")
    golden.check_text(ROOT / "tests" / "golden" / "letters" / f"on-time-cmb.{recipient}.txt", "\n".join(blocks) + "\n")


@pytest.mark.parametrize("recipient", sorted(LETTERS))
def test_pdf_and_docx_carry_the_same_text(out: Path, recipient: str) -> None:
    stem = LETTERS[recipient]
    assert pdf_text(out / f"{stem}.pdf") == docx_text(out / f"{stem}.docx")


@pytest.mark.parametrize("recipient", sorted(LETTERS))
def test_every_character_is_drawn_with_a_bundled_font(out: Path, recipient: str) -> None:
    with pdfplumber.open(out / f"{LETTERS[recipient]}.pdf") as pdf:
        fonts = {c["fontname"].split("+")[-1] for page in pdf.pages for c in page.chars}
    assert fonts and all(f.startswith(BUNDLED) for f in fonts), fonts


def test_each_payment_citation_points_at_a_page_with_its_amount_and_date(out: Path) -> None:
    text = " ".join(docx_blocks(out / f"{LETTERS['bureau']}.docx"))
    cited = re.findall(r"(\d{4})年(\d{2})月(\d{2})日，申请人通过[^，]+还款([\d,]+\.\d{2})元.*?（证据2第(\d+)页(?:第\d+笔)?(?:，见证据材料第\d+页)?）", text)
    assert cited, text
    statement = next(EXAMPLE.glob("*.pdf"))
    with pdfplumber.open(statement) as pdf:
        for y, m, d, amount, page in cited:
            page_text = pdf.pages[int(page) - 1].extract_text()
            assert f"{y}-{m}-{d}" in page_text and f"-{amount}" in page_text


def test_contradicted_month_is_stated_as_shown_and_as_it_should_be(out: Path) -> None:
    text = "".join(docx_blocks(out / f"{LETTERS['bureau']}.docx"))
    assert "报告显示2025年03月还款状态为“1”、逾期（透支）总额1,060.30元（证据1第1页" in text
    assert "应为“N”、逾期（透支）总额0.00元" in text
    assert "删除" not in text  # no letter promises or asks for deletion


def test_rare_name_characters_render_with_bundled_fonts(tmp_path: Path) -> None:
    case = tmp_path / "case"
    shutil.copytree(EXAMPLE, case, ignore=shutil.ignore_patterns("out"))
    toml = case / "case.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('name = "李晓明"', 'name = "欧阳赟堃喆昇禕"'), encoding="utf-8")
    _generate(case, tmp_path / "out")
    with pdfplumber.open(tmp_path / "out" / f"{LETTERS['bureau']}.pdf") as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    for rare in "赟堃喆昇禕":
        drawn = [c for c in chars if c["text"] == rare]
        assert drawn, f"{rare} missing from the PDF"
        assert all(c["fontname"].split("+")[-1].startswith(BUNDLED) for c in drawn)


def test_a_true_record_gets_no_dispute_letter_whatever_is_asked(tmp_path: Path) -> None:
    case = ROOT / "examples" / "late-statement"
    result = CliRunner().invoke(app, ["generate", str(case), "--to", "lender,bureau", "--out", str(tmp_path),
                                      "--date", "2026-09-10"])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["manifest.json", "个人声明-招联消费金融股份有限公司.docx", "个人声明-招联消费金融股份有限公司.pdf"]
    assert "不应提出异议" in result.stdout
    text = "".join(docx_blocks(tmp_path / names[1]))
    assert "本人2026年05月在招联消费金融股份有限公司的借款因绑定银行卡更换未及时更新逾期5天，已于2026年05月20日归还逾期款项，并于2026年07月13日全部还清。" in text


def test_a_fact_without_citation_cannot_be_rendered() -> None:
    with pytest.raises(RenderError, match="without its evidence reference"):
        render_string("还款1,060.30元（{{ citation|cite }}）", citation=None)


def test_an_unresolved_placeholder_fails_the_render() -> None:
    with pytest.raises(RenderError, match="unresolved placeholder"):
        render_string("申请人：〔姓名〕")


def test_unknown_template_variable_is_an_error() -> None:
    from jinja2 import UndefinedError

    with pytest.raises(UndefinedError):
        render_html("letters/bureau_dispute.html.j2")


def test_every_bundle_citation_lands_on_a_page_showing_its_date_and_amount(out: Path) -> None:
    text = " ".join(docx_blocks(out / f"{LETTERS['bureau']}.docx"))
    cited = re.findall(r"(\d{4})年(\d{2})月(\d{2})日，申请人通过[^，]+还款([\d,]+\.\d{2})元.*?见证据材料第(\d+)页）", text)
    assert cited
    with pdfplumber.open(out / f"证据材料-{LENDER}.pdf") as pdf:
        for y, m, d, amount, page in cited:
            page_text = pdf.pages[int(page) - 1].extract_text()
            assert f"{y}-{m}-{d}" in page_text and amount in page_text
        report_page = int(re.search(r"证据1第\d+页，见证据材料第(\d+)页", text).group(1))  # type: ignore[union-attr]
        assert "2025" in pdf.pages[report_page - 1].extract_text()
