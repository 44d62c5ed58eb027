"""Issue 13 (3, 4): the borrower's own text reaches the letters as written, or is refused naming
its field. Text that looks like a template is printed literally; bidi controls are dropped; a
生僻字 beyond the BMP is drawn with the bundled fallback face; a character no bundled face has, a
control character or an overlong field is refused, exit 2, nothing written."""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from generator.cli import app
from generator.render.text import docx_text, normalize, pdf_text
from test_case_inputs import make_case, refused

runner = CliRunner()
NAME = 'name = "李晓明"'
ADDRESS = 'address = "北京市朝阳区示例路100号1单元101室"'
BUREAU = "征信异议申请书-重庆蚂蚁消费金融有限公司"


def generated(case: Path) -> Path:
    out = case.parent / "out"
    result = runner.invoke(app, ["generate", str(case), "--date", "2026-03-01", "--out", str(out)])
    assert result.exit_code == 0, (result.stderr, result.exception)
    return out


def letter_texts(out: Path) -> tuple[str, str]:
    return pdf_text(out / f"{BUREAU}.pdf"), docx_text(out / f"{BUREAU}.docx")


# --- 3. text that looks like a template ---------------------------------------------------


def test_template_syntax_in_user_text_is_printed_literally(tmp_path: Path) -> None:
    address = "北京市{{ 7*7 }}路{% if x %}〔待填〕号"
    case = make_case(tmp_path, lambda t: t.replace(ADDRESS, f'address = "{address}"'))
    pdf, docx = letter_texts(generated(case))  # whitespace-free, as the golden texts are compared
    printed = normalize(f"通讯地址：{address}异议信息")
    assert printed in pdf and printed in docx


def test_the_placeholder_check_reads_the_templates_text_only() -> None:
    from generator.errors import RenderError
    from generator.render.env import render_string

    assert render_string("地址：{{ a }}", a="〔x〕{{ y }}{% if %}") == "地址：〔x〕{{ y }}{% if %}"
    with pytest.raises(RenderError, match="unresolved placeholder '〔姓名〕'"):
        render_string("申请人：〔姓名〕{{ a }}", a="张三")
    with pytest.raises(RenderError, match="unresolved placeholder"):
        render_string("{{ '〔日期〕' }}")


def test_every_template_passes_the_placeholder_check() -> None:
    from generator.paths import templates_dir
    from generator.render.env import _check_template

    for path in sorted(templates_dir().rglob("*.j2")):
        _check_template(path.relative_to(templates_dir()).as_posix())


# --- 4. names that break the page ---------------------------------------------------------


def test_bidi_controls_are_dropped_so_the_id_number_prints_forwards(tmp_path: Path) -> None:
    case = make_case(tmp_path, lambda t: t.replace(NAME, 'name = "李\\u202e晓明\\u2066"'))
    for text in letter_texts(generated(case)):
        assert normalize("申请人：李晓明　　证件类型：居民身份证　　证件号码：110105198506151236") in text
        assert not re.search("[\u202a-\u202e\u2066-\u2069\u200e\u200f]", text)


@pytest.mark.parametrize("name", ["李𠇔明", "𡒄"])
def test_a_name_beyond_the_bmp_is_drawn_with_the_bundled_fallback_face(tmp_path: Path, name: str) -> None:
    case = make_case(tmp_path, lambda t: t.replace(NAME, f'name = "{name}"'))
    out = generated(case)
    pdf, docx = letter_texts(out)
    assert f"申请人：{name}证件类型" in pdf and f"申请人：{name}证件类型" in docx
    assert name in pdf_text(out / "证据材料-重庆蚂蚁消费金融有限公司.pdf")
    assert _truetype_fonts(out / f"{BUREAU}.pdf"), "the fallback (the only TrueType face) is not embedded"
    with zipfile.ZipFile(out / f"{BUREAU}.docx") as docx_file:
        xml = docx_file.read("word/document.xml").decode("utf-8")
    ext = next(ch for ch in name if ord(ch) > 0xFFFF)
    assert re.search(f'w:eastAsia="SimSun-ExtB"[^>]*/>(?:(?!</w:r>).)*<w:t>{ext}</w:t>', xml)


def _truetype_fonts(pdf: Path) -> list[str]:
    """Names of the embedded TrueType (FontFile2) faces: the SC faces are CFF, the fallback is not."""
    from pypdf import PdfReader

    found = []
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", []):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                if "/FontFile2" in descriptor:
                    found.append(str(descriptor["/FontName"]))
    return found


def test_letters_without_such_a_character_do_not_load_the_fallback() -> None:
    from generator.render.pdf import _fallback_faces

    assert _fallback_faces("<p>李晓明 䶮 9FFF</p>", None, None) == []


@pytest.mark.parametrize(("old", "new", "field", "point"), [
    (NAME, 'name = "李𰻞明"', "[borrower].name", "U+30EDE (𰻞) "),  # Extension G: no bundled face
    (ADDRESS, 'address = "北京😀"', "[borrower].address", "U+1F600 (😀) "),
    (ADDRESS, 'address = "北京\\ue000"', "[borrower].address", "U+E000 "),  # private use
    ('product = "借呗"', 'product = "借呗\\U0010FFFF"', "[[loans]][1].product", "U+10FFFF "),
])
def test_a_character_no_bundled_face_has_is_refused_naming_field_and_code_point(
        tmp_path: Path, old: str, new: str, field: str, point: str) -> None:
    case = make_case(tmp_path, lambda t: t.replace(old, new))
    refused(case, f"case.toml: {field}", f"{point}cannot be printed with the bundled fonts")


@pytest.mark.parametrize(("old", "new", "field"), [
    (NAME, 'name = "李\\u0000晓明"', "[borrower].name"),  # lxml refused it inside the DOCX writer
    (ADDRESS, 'address = "北京\\u001b[31m"', "[borrower].address"),
    ('lender = "重庆蚂蚁消费金融有限公司"', 'lender = "重庆\\u0085蚂蚁"', "[[loans]][1].lender"),
])
def test_a_control_character_is_refused_naming_the_field(tmp_path: Path, old: str, new: str, field: str) -> None:
    case = make_case(tmp_path, lambda t: t.replace(old, new))
    refused(case, f"case.toml: {field}", "control character U+00")


def test_line_breaks_in_an_address_become_spaces(tmp_path: Path) -> None:
    from generator.case import load_case

    case = make_case(tmp_path, lambda t: t.replace(ADDRESS, 'address = """北京市\n朝阳区\t1号"""'))
    assert load_case(case, defer=True).borrower.address == "北京市 朝阳区 1号"


@pytest.mark.parametrize(("old", "key", "limit"), [
    (NAME, "name", 100), (ADDRESS, "address", 200), ('product = "借呗"', "product", 100),
])
def test_every_text_field_has_a_length_limit(tmp_path: Path, old: str, key: str, limit: int) -> None:
    case = make_case(tmp_path, lambda t: t.replace(old, f'{key} = "{"李" * 10_000}"'))
    started = time.monotonic()
    refused(case, f".{key}: 10000 characters, over the limit of {limit}", "")
    assert time.monotonic() - started < 10  # was 4 minutes of layout


def test_statement_reason_is_at_most_a_statements_length(tmp_path: Path) -> None:
    line = 'lender = "重庆蚂蚁消费金融有限公司"\n'
    case = make_case(tmp_path, lambda t: t.replace(line, line + f'statement_reason = "{"因" * 101}"\n'))
    refused(case, "[[loans]][1].statement_reason: 101 characters, over the limit of 100", "")


def test_limits_count_what_is_printed() -> None:
    from generator.case import build_loans

    table = {"lender": "某" * 99 + "\u200b" * 50, "principal": "1000.00", "disbursed_on": "2025-01-10",
             "installments": 12, "annual_rate": "0.1", "due_day": 10}
    assert build_loans(Path("case.toml"), (table,))[0].lender == "某" * 99


# --- the fonts the check reads ------------------------------------------------------------


def test_glyph_check_agrees_with_the_stylesheets() -> None:
    from generator import glyphs
    from generator.paths import fonts_dir, templates_dir

    css = (templates_dir() / "styles" / "fonts-ext.css").read_text(encoding="utf-8")
    ranges = ", ".join(f"U+{a:X}-{b:X}" for a, b in glyphs.FALLBACK_RANGES)
    assert css.count(f"unicode-range: {ranges};") == 2 and css.count(glyphs.FALLBACK) == 2
    fonts_css = (templates_dir() / "styles" / "fonts.css").read_text(encoding="utf-8")
    assert all(name in fonts_css for family in glyphs.FAMILIES for name in family)
    for family in glyphs.FAMILIES:  # the bold faces, which the check does not read, map the same
        for name in family:
            bold = fonts_dir() / name.replace("Regular", "Bold")
            assert glyphs._cmap(bold) == glyphs._cmap(fonts_dir() / name), bold.name
    assert glyphs.undrawable("李晓明𠇔𡒄 ABC，。￥") is None
    assert glyphs.undrawable("李\U00030EDE") == "\U00030EDE"


def test_fallback_face_sources_are_recorded() -> None:
    sources = (ROOT / "fonts" / "SOURCES.txt").read_text(encoding="utf-8")
    assert "DisputeHanExt-Regular.ttf" in sources and "fonts-hanazono" in sources
    assert (ROOT / "fonts" / "OFL-Hanazono.txt").is_file()
