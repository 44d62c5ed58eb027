"""PDF (WeasyPrint) and DOCX (python-docx) writers: fonts, strictness, fetcher, parity."""

from __future__ import annotations

import io
import logging
import re
import zipfile
from pathlib import Path

import pdfplumber
import pytest

from generator import paths
from generator.render.docx import write_docx
from generator.render.errors import RenderError
from generator.render.pdf import allowed_path, render_pdf, write_pdf
from generator.render.text import (
    Node,
    docx_text,
    html_text,
    inline_segments,
    parse_html,
    pdf_text,
)

RARE = "赟堃喆昇禕䶮"  # none in GB 2312: they come from the Ext fonts
FONT_NAME = re.compile(r"^(?:[A-Z]{6}\+)?Dispute(?:Serif|Sans)(?:Ext)?\b")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def letter(body: str, head: str = "") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f'<title>个人征信异议申请书</title>\n<link rel="stylesheet" href="styles/letter.css">\n{head}'
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


SAMPLE = letter("""
<h1 class="title">个人征信异议申请书</h1>
<p class="meta">申请人：赵赟堃　　证件类型：居民身份证　　证件号码：110101199001011234</p>
<p class="meta">通讯地址：北京市东城区喆昇路1号　　共同借款人：李禕、刘䶮</p>
<h2>异议事项</h2>
<p>1．报告显示2024年3月还款状态为“1”、逾期（透支）总额¥1,234.50元（证据1 第3页），
   应为“N”、逾期（透支）总额0.00元。</p>
<p>2．申请人于2023年5月5日借款<strong>50,000.00元</strong>（人民币伍万元整），
   共12期。① 第一期；② 第二期 • 说明<br>
   另起一行。</p>
<h2>证据目录</h2>
<table>
<thead><tr><th>序号</th><th>证据名称</th><th>来源</th><th>证明内容</th><th>页数</th></tr></thead>
<tbody>
<tr><td>证据1</td><td>个人信用报告（报告编号2024031500001234567890）</td><td>中国人民银行征信中心</td>
    <td>报告所载异议信息</td><td>共5页</td></tr>
<tr><td>证据2</td><td>招商银行账户交易流水</td><td>招商银行股份有限公司北京分行</td>
    <td>申请人按期足额还款的时间与金额</td><td>共2页</td></tr>
</tbody>
</table>
<p class="noindent">附件：证据目录及证据共2份。</p>
<div class="signature">
<p class="noindent">此致</p>
<p class="noindent">中国人民银行征信中心</p>
<p class="right">申请人（签字）：＿＿＿＿＿＿＿＿</p>
<p class="right">日期：2025年1月31日</p>
</div>
""")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("letter")
    pdf, docx_path = out / "letter.pdf", out / "letter.docx"
    write_pdf(SAMPLE, pdf)
    write_docx(SAMPLE, docx_path)
    return pdf, docx_path


# --- (a) fonts and rare characters -------------------------------------------------------------


def test_pdf_text_is_set_only_in_the_bundled_fonts(rendered: tuple[Path, Path]) -> None:
    with pdfplumber.open(rendered[0]) as pdf:
        chars = [c for page in pdf.pages for c in page.chars if c["text"].strip()]
        text = "".join(page.extract_text() for page in pdf.pages)
    assert chars
    foreign = sorted({(c["fontname"], c["text"]) for c in chars if not FONT_NAME.match(c["fontname"])})
    assert not foreign, f"characters set in a fallback font: {foreign[:10]}"
    for ch in RARE:
        assert ch in text, f"{ch} (U+{ord(ch):04X}) did not come back from the PDF"
    families = {re.sub(r"^[A-Z]{6}\+", "", c["fontname"]).split("-")[0] for c in chars}
    assert families == {"DisputeSerif", "DisputeSans", "DisputeSerifExt"}  # body, headings, rare names
    assert {c["text"] for c in chars if "Ext" in c["fontname"]} == set(RARE)


def test_common_characters_never_pull_in_the_ext_fonts() -> None:
    html = ('<html><head><link rel="stylesheet" href="styles/letter.css"></head><body><h1>异议及更正申请</h1>'
            "<p>申请人李晓明于2025年3月9日还款1,060.30元，<b>未逾期</b>。①￥•</p></body></html>")
    with pdfplumber.open(io.BytesIO(render_pdf(html))) as pdf:
        fonts = {c["fontname"].split("+")[-1] for page in pdf.pages for c in page.chars}
    assert fonts and not any("Ext" in f for f in fonts), fonts


def test_bundled_fonts_are_single_sc_faces_under_20_mb() -> None:
    from fontTools.ttLib import TTFont

    for name in ("NotoSerifSC-Regular", "NotoSerifSC-Bold", "NotoSansSC-Regular", "NotoSansSC-Bold"):
        common, ext = (TTFont(paths.fonts_dir() / f"{name}{part}.otf", lazy=True) for part in ("", "-Ext"))
        assert all((paths.fonts_dir() / f"{name}{part}.otf").stat().st_size < 20 * 1024 * 1024 for part in ("", "-Ext"))
        assert common["name"].getDebugName(1) in ("Dispute Serif SC", "Dispute Sans SC")
        assert ext["name"].getDebugName(1) == common["name"].getDebugName(1) + " Ext"
        both = common.getBestCmap().keys() | ext.getBestCmap().keys()
        assert all(ord(ch) in both for ch in RARE + "¥•①②￥")
        assert all(ord(ch) in common.getBestCmap() for ch in "¥•①②￥李晓明蚂蚁逾期")
        assert not common.getBestCmap().keys() & ext.getBestCmap().keys()  # one home per character
    assert (paths.fonts_dir() / "OFL.txt").read_text(encoding="utf-8").count("SIL OPEN FONT LICENSE") == 1


# --- (b) warnings are failures -------------------------------------------------------------------


def test_a_clean_letter_logs_no_weasyprint_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="weasyprint"):
        render_pdf(SAMPLE)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_a_weasyprint_warning_is_a_render_error() -> None:
    with pytest.raises(RenderError, match="colr"):
        render_pdf(letter("<p>正文</p>", head="<style>p { colr: red }</style>\n"))


# --- (c) the URL fetcher ---------------------------------------------------------------------------


@pytest.mark.parametrize("element", [
    '<img src="file:///etc/passwd">',
    '<img src="/etc/passwd">',
    '<img src="../../../../../../etc/passwd">',
    '<img src="http://example.com/x.png">',
    '<img src="data:image/png;base64,iVBORw0KGgo=">',
    '<link rel="stylesheet" href="http://example.com/x.css">',
    '<link rel="stylesheet" href="file:///etc/passwd">',
])
def test_fetcher_refuses_everything_outside_templates_and_fonts(element: str, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    with pytest.raises(RenderError, match="refused"):
        write_pdf(letter(f"<p>正文</p>{element}"), out)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind either


def test_allowed_path_serves_templates_and_fonts_only() -> None:
    css = paths.templates_dir() / "styles" / "letter.css"
    assert allowed_path(css.as_uri()) == css
    font_url = (paths.templates_dir() / "styles" / "../../fonts/NotoSerifSC-Regular.otf").as_uri()
    assert allowed_path(font_url) == paths.fonts_dir() / "NotoSerifSC-Regular.otf"
    with pytest.raises(ValueError):
        allowed_path((paths.templates_dir().parent / "pyproject.toml").as_uri())


def test_a_symlink_out_of_templates_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    templates = tmp_path / "templates"
    (templates / "styles").mkdir(parents=True)
    (templates / "styles" / "letter.css").symlink_to("/etc/passwd")
    monkeypatch.setenv(paths.TEMPLATES_ENV, str(templates))
    with pytest.raises(RenderError, match="refused"):
        render_pdf(letter("<p>正文</p>"))


def test_fonts_dir_override_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.FONTS_ENV, str(tmp_path))  # an empty fonts dir: nothing to load
    with pytest.raises(RenderError, match="NotoSerifSC-Regular.otf"):
        render_pdf(SAMPLE)


def test_missing_resource_dir_names_path_and_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.TEMPLATES_ENV, "/nonexistent/templates")
    with pytest.raises(paths.ResourceDirNotFound, match=r"/nonexistent/templates .*DISPUTE_TEMPLATES_DIR"):
        paths.templates_dir()


# --- (d) parity ----------------------------------------------------------------------------------


def test_pdf_docx_and_html_show_the_same_text(rendered: tuple[Path, Path]) -> None:
    from_pdf, from_docx = pdf_text(rendered[0]), docx_text(rendered[1])
    assert from_pdf == from_docx == html_text(SAMPLE)
    assert "第1页" not in from_pdf and RARE[0] in from_pdf


def test_parity_holds_when_a_table_breaks_across_pages(tmp_path: Path) -> None:
    rows = "\n".join(f"<tr><td>第{i}期</td><td>2024年{i % 12 + 1}月5日</td><td>应还金额{i}元，"
                     f"已于当日足额还款并有银行流水为证</td></tr>" for i in range(1, 61))
    html = letter(f"<h1>还款明细</h1>\n<table><thead><tr><th>期数</th><th>日期</th><th>说明</th>"
                  f"</tr></thead><tbody>{rows}</tbody></table>")
    write_pdf(html, tmp_path / "t.pdf")
    write_docx(html, tmp_path / "t.docx")
    with pdfplumber.open(tmp_path / "t.pdf") as pdf:
        assert len(pdf.pages) > 1
    assert pdf_text(tmp_path / "t.pdf") == docx_text(tmp_path / "t.docx") == html_text(html)


# --- (e) DOCX fonts, page, footer, properties ----------------------------------------------------------


def test_docx_runs_leave_the_fonts_to_the_styles_and_no_theme_font_remains(rendered: tuple[Path, Path]) -> None:
    from lxml import etree

    with zipfile.ZipFile(rendered[1]) as z:
        styles = z.read("word/styles.xml").decode("utf-8")
        parts = [etree.fromstring(z.read(n)) for n in z.namelist() if re.match(r"word/(document|footer\d*)\.xml$", n)]
        core = z.read("docProps/core.xml").decode("utf-8")
    runs = [r for part in parts for r in part.iter(f"{W}r")]
    assert len(runs) > 20
    for run in runs:
        fonts = run.find(f"{W}rPr/{W}rFonts")
        # the faces (宋体, 黑体, Times New Roman) are on the styles: see test_docx_styles.py
        assert fonts is not None and fonts.get(f"{W}hint") == "eastAsia"
        assert fonts.get(f"{W}eastAsia") is None
    assert not re.search(r"w:(asciiTheme|hAnsiTheme|eastAsiaTheme|cstheme)=", styles)
    assert re.search(r'<w:lang [^>]*w:eastAsia="zh-CN"', styles)
    assert "<dc:creator>dispute</dc:creator>" in core and "python-docx" not in core


def test_docx_page_is_a4_with_page_number_fields(rendered: tuple[Path, Path]) -> None:
    import docx

    document = docx.Document(str(rendered[1]))
    section = document.sections[0]
    # A4 and 25 mm, in the twips Word stores
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)  # type: ignore[union-attr]
    assert section.left_margin.twips == section.top_margin.twips == 1417  # type: ignore[union-attr]
    footer_xml = section.footer._element.xml
    assert "第" in footer_xml and " PAGE " in footer_xml and " NUMPAGES " in footer_xml
    header_rows = [r for r in document.tables[0].rows if r._tr.trPr is not None and r._tr.trPr.find(f"{W}tblHeader") is not None]
    assert len(header_rows) == 1


# --- (f) strict vocabulary and whitespace ---------------------------------------------------------------


@pytest.mark.parametrize("body, named", [
    ("<p>见<em>附件</em></p>", "<em>"),
    ("<h3>小标题</h3>", "<h3>"),
    ('<p><img src="styles/x.png"></p>', "<img>"),
    ("<script>x()</script>", "<script>"),
    ('<p style="color:red">红字</p>', "inline style"),
    ('<p class="warning">注意</p>', "warning"),
    ('<table><tr><td colspan="2">合并</td></tr></table>', "colspan"),
])
def test_outside_the_vocabulary_is_a_render_error(body: str, named: str, tmp_path: Path) -> None:
    with pytest.raises(RenderError, match=re.escape(named)):
        write_docx(letter(body), tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()


def test_whitespace_collapses_like_a_browser() -> None:
    root, title = parse_html(letter("<p>  甲 \n  乙<strong> 丙 </strong> 丁<br>\n 戊\t</p>"))
    assert title == "个人征信异议申请书"
    paragraph = next(node for node in _walk(root) if node.tag == "p")
    segments = inline_segments(paragraph.children)
    assert segments == [("甲 乙", False), (" 丙 ", True), ("丁", False), None, ("戊", False)]


def _walk(node: Node) -> list[Node]:
    return [node, *(n for child in node.children if isinstance(child, Node) for n in _walk(child))]
