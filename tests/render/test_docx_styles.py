"""The DOCX keeps its look in Word's own styles with fonts Chinese users have (issue 17)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.text.paragraph import Paragraph

from generator.render.docx import JOINER, docx_blocks, write_docx
from generator.render.text import docx_text, html_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HTML = """<!DOCTYPE html><html lang="zh-CN"><head><title>个人征信异议申请书</title></head><body>
<h1 class="title">个人征信异议申请书</h1>
<p class="meta">申请人：赵𠇔明　　证件号码：110101199001011234</p>
<h2>异议事项</h2>
<p>报告显示2026-02-15还款状态为“1”，<strong>应为“N”</strong>。</p>
<table><thead><tr><th>序号</th><th>证据名称</th></tr></thead>
<tbody><tr><td>证据1</td><td>个人信用报告（第3页）</td></tr></tbody></table>
<div class="signature">
<p class="noindent">此致</p>
<p class="right">申请人（签字）：＿＿＿＿＿＿＿＿</p>
</div>
</body></html>"""


@pytest.fixture(scope="module")
def letter(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DocxDocument]:
    path = tmp_path_factory.mktemp("styles") / "letter.docx"
    write_docx(HTML, path)
    return path, docx.Document(str(path))


def _fonts(element: object) -> dict[str, str | None]:
    r_fonts = element.find(f"{W}rPr/{W}rFonts")  # type: ignore[attr-defined]
    assert r_fonts is not None
    return {slot: r_fonts.get(f"{W}{slot}") for slot in ("eastAsia", "ascii", "hAnsi")}


def _style(paragraph: Paragraph) -> str | None:
    return paragraph.style.name if paragraph.style is not None else None


def test_blocks_use_words_own_styles(letter: tuple[Path, DocxDocument]) -> None:
    document = letter[1]
    styles = {p.text.replace(JOINER, ""): _style(p) for p in document.paragraphs if p.text}
    assert styles["个人征信异议申请书"] == "Title"
    assert styles["异议事项"] == "Heading 1"
    assert styles["报告显示2026-02-15还款状态为“1”，应为“N”。"] == "Body Text"
    assert styles["申请人：赵𠇔明　　证件号码：110101199001011234"] == "Normal"  # p.meta: no indent
    assert styles["此致"] == "Normal"
    [table] = document.tables
    assert table.style is not None and table.style.name == "Table Grid"
    assert {_style(p) for row in table.rows for cell in row.cells for p in cell.paragraphs} == {"表格文字"}
    assert _style(document.sections[0].footer.paragraphs[0]) == "Footer"


def test_styles_name_songti_and_heiti_with_a_separate_latin_face(letter: tuple[Path, DocxDocument]) -> None:
    styles = letter[1].styles
    defaults = styles.element.find(f"{W}docDefaults/{W}rPrDefault")
    latin = {"ascii": "Times New Roman", "hAnsi": "Times New Roman"}
    assert _fonts(defaults) == {"eastAsia": "宋体", **latin}
    for name in ("Normal", "Body Text", "表格文字", "Footer"):
        assert _fonts(styles[name].element) == {"eastAsia": "宋体", **latin}, name
    for name in ("Title", "Heading 1"):
        assert _fonts(styles[name].element) == {"eastAsia": "黑体", **latin}, name
        assert styles[name].font.bold and styles[name].font.color.rgb is None  # black, not the theme's blue


def test_the_styles_carry_size_spacing_and_indent(letter: tuple[Path, DocxDocument]) -> None:
    styles = letter[1].styles
    body = styles["Body Text"]
    assert body.font.size.pt == 12 and body.paragraph_format.line_spacing.twips == 432
    assert body.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    ind = body.element.find(f"{W}pPr/{W}ind")
    assert ind is not None and ind.get(f"{W}firstLineChars") == "200" and ind.get(f"{W}firstLine") == "480"
    title = styles["Title"]
    assert title.font.size.pt == 18 and title.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.element.find(f"{W}pPr/{W}pBdr") is None  # the template's blue rule under the title
    assert styles["Heading 1"].font.size.pt == 13
    assert styles["Heading 1"].element.find(f"{W}pPr/{W}outlineLvl").get(f"{W}val") == "0"
    assert styles["表格文字"].font.size.pt == 10.5


def test_runs_carry_no_face_size_or_bold_a_style_has(letter: tuple[Path, DocxDocument]) -> None:
    document = letter[1]
    paragraphs = [*document.paragraphs, *(p for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs),
                  *document.sections[0].footer.paragraphs]
    for paragraph in paragraphs:
        style_bold = paragraph.style is not None and bool(paragraph.style.font.bold)
        for run in paragraph.runs:
            assert run.font.size is None, run.text
            assert not (style_bold and run.bold), run.text
            assert paragraph.paragraph_format.line_spacing is None, paragraph.text
            fonts = _fonts(run._r)
            if any(ord(ch) > 0xFFFF for ch in run.text):
                assert fonts == {"eastAsia": "SimSun-ExtB", "ascii": "SimSun-ExtB", "hAnsi": "SimSun-ExtB"}
            else:
                assert fonts == {"eastAsia": None, "ascii": None, "hAnsi": None}, run.text
    bold = [run.text for p in document.paragraphs for run in p.runs if run.bold]
    assert bold == ["应为“N”"]  # <strong> in a body paragraph; the headings are bold by style


def test_a_date_is_held_together_by_word_joiners(letter: tuple[Path, DocxDocument]) -> None:
    [body] = [p for p in letter[1].paragraphs if p.text.startswith("报告显示")]
    assert f"2026{JOINER}-{JOINER}02{JOINER}-{JOINER}15还款" in body.text
    assert "报告显示2026-02-15还款" in docx_blocks(letter[0])[3]  # read back without them


def test_the_signature_blank_is_a_line(letter: tuple[Path, DocxDocument]) -> None:
    path, document = letter
    [signature] = [p for p in document.paragraphs if p.text.startswith("申请人（签字）")]
    *_, blank = signature.runs
    assert blank.text == "\u00a0" * 32 and blank.underline is True  # no-break: underlined at line end too
    assert "＿" not in signature.text
    assert "申请人（签字）：＿＿＿＿＿＿＿＿" in docx_blocks(path)  # read back as the HTML writes it
    assert docx_text(path) == html_text(HTML)
