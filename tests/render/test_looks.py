"""The letter's sizes are defined once, in letter.css's :root block, and reach the PDF and the DOCX
from there (issue 17)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pdfplumber
import pytest

from conftest import ROOT
from generator import paths
from generator.render.docx import write_docx
from generator.render.errors import RenderError
from generator.render.looks import STYLESHEET, letter_looks, parse_looks
from generator.render.pdf import write_pdf

HTML = """<!DOCTYPE html><html lang="zh-CN"><head><title>个人声明</title>
<link rel="stylesheet" href="styles/letter.css"></head><body>
<h1 class="title">个人声明</h1>
<p>声明人于2026年05月20日归还逾期款项1,060.30元。</p>
<table><thead><tr><th>序号</th><th>证据名称</th></tr></thead>
<tbody><tr><td>证据1</td><td>信用报告</td></tr></tbody></table>
</body></html>"""
CHANGES = {"--body-size: 12pt;": "--body-size: 14pt;", "--page-margin: 2.5cm;": "--page-margin: 2cm;",
           "--table-size: 10.5pt;": "--table-size: 9pt;", "--title-size: 18pt;": "--title-size: 22pt;"}
SIZES = ("font-size", "line-height", "text-indent", "padding", "padding-left", "padding-right", "min-width",
         "margin", "margin-top")


def _sizes(pdf_path: Path) -> dict[str, float]:
    """Font size of the title's, the paragraph's and a table cell's text; the table's left edge
    (the page margin: the table is 100% wide)."""
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        size = {c["text"]: round(float(c["size"]), 1) for c in page.chars}
        left = min(float(edge["x0"]) for edge in page.edges)
    return {"title": size["个"], "body": size["逾"], "table": size["序"], "margin": round(left)}


def _docx_sizes(docx_path: Path) -> dict[str, float]:
    document = docx.Document(str(docx_path))
    styles = document.styles
    return {"title": styles["Title"].font.size.pt, "body": styles["Body Text"].font.size.pt,
            "table": styles["表格文字"].font.size.pt,
            "margin": round(document.sections[0].left_margin.pt)}  # type: ignore[union-attr]


def test_a_size_changed_in_letter_css_reaches_the_pdf_and_the_docx(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(paths.templates_dir(), templates)
    css = (templates / STYLESHEET).read_text(encoding="utf-8")
    for old, new in CHANGES.items():
        assert old in css
        css = css.replace(old, new)
    (templates / STYLESHEET).write_text(css, encoding="utf-8")
    before = {"pdf": tmp_path / "before.pdf", "docx": tmp_path / "before.docx"}
    after = {"pdf": tmp_path / "after.pdf", "docx": tmp_path / "after.docx"}
    write_pdf(HTML, before["pdf"])
    write_docx(HTML, before["docx"])
    monkeypatch.setenv(paths.TEMPLATES_ENV, str(templates))
    write_pdf(HTML, after["pdf"])
    write_docx(HTML, after["docx"])

    assert _sizes(before["pdf"]) == _docx_sizes(before["docx"]) == {
        "title": 18, "body": 12, "table": 10.5, "margin": 71}  # 2.5cm = 70.9pt
    assert _sizes(after["pdf"]) == {"title": 22, "body": 14, "table": 9, "margin": 57}
    assert _docx_sizes(after["docx"]) == {"title": 22, "body": 14, "table": 9, "margin": 57}


def test_every_size_in_letter_css_comes_from_the_root_block() -> None:
    css = re.sub(r"/\*.*?\*/", "", (ROOT / "templates" / STYLESHEET).read_text(encoding="utf-8"), flags=re.S)
    css = re.sub(r":root\s*\{[^}]*\}", "", css)
    literal = [(prop, value) for prop, value in re.findall(r"(?<![-\w])([a-z-]+)\s*:\s*([^;{}]+);", css)
               if prop in SIZES and set(re.sub(r"var\([^)]*\)", "", value).split()) - {"0"}]
    assert literal == []  # a literal size here would change the PDF and not the DOCX


def test_the_looks_of_the_committed_letter_css() -> None:
    looks = letter_looks()
    assert (looks.body_size, looks.body_line, looks.indent) == (240, 432, 480)  # 12pt x 1.8, 2em
    assert (looks.title_size, looks.title_line, looks.title_after) == (360, 504, 360)
    assert (looks.table_size, looks.table_line, looks.cell_min_width) == (210, 315, 630)
    assert looks.page_margin == 1417  # 2.5cm in twips, what Word stores


@pytest.mark.parametrize("value", ["12px", "calc(1em + 2pt)", "", "1.8pt"])
def test_a_size_docx_cannot_read_is_an_error_naming_it(value: str) -> None:
    css = (ROOT / "templates" / STYLESHEET).read_text(encoding="utf-8")
    name = "--body-line" if value == "1.8pt" else "--body-size"
    css = re.sub(rf"{name}:[^;]*;", f"{name}: {value};", css)
    with pytest.raises(RenderError, match=name):
        parse_looks(css)
