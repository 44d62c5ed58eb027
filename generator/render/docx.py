"""Letter HTML -> DOCX with python-docx. The only module that imports docx.

The input is the same rendered HTML the PDF is made from, so the wording exists once. The HTML
is read by generator.render.text.parse_html, which accepts only the letter vocabulary (h1 h2 p
div table/thead/tbody/tr/th/td ol/ul/li strong b span br) and raises RenderError for anything
else, since silently dropping it would make the DOCX differ from the PDF.

Looks live in Word's own styles, so a user who edits the letter keeps them: h1 is Title, h2 is
Heading 1, p is Body Text (justified, first line indented 2 characters) or Normal for the classes
without indent, table text is a "表格文字" paragraph style in a Table Grid table, the footer is
Footer. Sizes, spacing, indents, cell padding and margins come from the one definition letter.css
uses too (generator.render.looks reads its :root block). The styles name the fonts a Chinese user has, as official documents do: 宋体 for the body and
黑体 for title and headings in the East Asian slot, Times New Roman in the Latin slots (the PDF
keeps the bundled faces). Runs carry no face or size of their own, only w:hint="eastAsia" (so
“ ” ： take the East Asian font), bold where the HTML says <strong> and the style is not bold
already, and SimSun-ExtB for ideographs beyond the BMP. The template's theme fonts are removed:
Word and LibreOffice let a theme font win over an explicit one.

A fill-in blank (a run of ＿ in the HTML, the signature's) is written as underlined no-break
spaces, a line, and read back by docx_blocks as the same number of ＿ for the parity check. Dates
and amounts are held together by zero-width word joiners (U+2060, removed again on reading back):
a CJK line may break at any character, and LibreOffice broke "2025年03月10|日". Word's extra
space between Chinese and Latin text (autospace) is off, as in the PDF; LibreOffice 7.4 adds it
anyway, so table columns leave room for it.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeAlias

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ALIGN_VERTICAL
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length, Mm, Twips
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from generator.paths import write_atomically
from generator.render.errors import RenderError
from generator.render.looks import Looks, letter_looks
from generator.render.text import (
    INLINE,
    Node,
    Segment,
    has_text,
    inline_segments,
    normalize,
    parse_html,
)

BODY_FONT, HEADING_FONT, LATIN_FONT = "宋体", "黑体", "Times New Roman"
# Ideographs beyond the BMP (CJK Ext B and later, names such as 李𠇔明) go in runs of their own in
# the font Windows ships for them: 宋体 does not have them, and Word does not fall back on its own
# for a named East Asian font. LibreOffice without it falls back through fontconfig.
EXT_B = "SimSun-ExtB"
_BEYOND_BMP = re.compile("([\U00010000-\U0010FFFF]+)")
# A fill-in blank in the HTML, one em a ＿; in the DOCX, underlined no-break spaces (a quarter em
# each in Times New Roman). Not ideographic spaces: LibreOffice does not underline spaces at the
# end of a line, whatever Word's ulTrailSpace says, so the signature line vanished.
BLANK, BLANK_SPACE, SPACES_PER_BLANK = "＿", "\u00a0", 4
_BLANKS = re.compile(f"({BLANK}+)")
JOINER = "\u2060"
_UNBREAKABLE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月(?:\d{1,2}日)?|[¥￥]?\d[\d,]*\.\d{2}元?")
_NUMBER = frozenset("0123456789,.")  # no application breaks between two of these: no joiner needed
AUTHOR = "dispute"

# Line heights are exact spacing (Word's "multiple" is relative to the font's own tall line gap
# and comes out far looser than CSS); the sizes are in Looks (twips).
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)

# Paragraph style names. Body Text (正文文本 in a Chinese Word) rather than a custom "正文": a
# Chinese Word already shows Normal as 正文.
BODY, PLAIN, TITLE, HEADING, TABLE_TEXT, FOOTER_STYLE = (
    "Body Text", "Normal", "Title", "Heading 1", "表格文字", "Footer")
TABLE_TEXT_ID = "TableText"
HEADINGS = {"h1": TITLE, "h2": HEADING}


@dataclass(frozen=True)
class _StyleSpec:
    size: int  # twips
    line: int | None  # exact, twips; None: single
    font: str = BODY_FONT
    bold: bool = False
    align: WD_ALIGN_PARAGRAPH | None = None
    before: int = 0
    after: int = 0
    keep_next: bool = False
    indent: int = 0  # first-line indent, twips


def _style_specs(looks: Looks) -> dict[str, _StyleSpec]:
    body = _StyleSpec(looks.body_size, looks.body_line)
    return {
        PLAIN: body,
        BODY: replace(body, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=looks.indent),
        TITLE: _StyleSpec(looks.title_size, looks.title_line, HEADING_FONT, bold=True,
                          align=WD_ALIGN_PARAGRAPH.CENTER, after=looks.title_after, keep_next=True),
        HEADING: _StyleSpec(looks.heading_size, looks.heading_line, HEADING_FONT, bold=True,
                            before=looks.heading_before, after=looks.heading_after,
                            keep_next=True),  # a heading is never the last line of a page
        TABLE_TEXT: _StyleSpec(looks.table_size, looks.table_line),
        FOOTER_STYLE: _StyleSpec(looks.footer_size, None, align=WD_ALIGN_PARAGRAPH.CENTER),
    }

FOOTER = ("第", "PAGE", "页 共", "NUMPAGES", "页")  # the wording of letter.css's @page footer
THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

Container: TypeAlias = "DocxDocument | _Cell"


def write_docx(html: str, out: Path) -> None:
    """Convert letter `html` to DOCX and write it to `out` atomically."""
    write_atomically(out, render_docx(html))


def render_docx(html: str) -> bytes:
    root, title = parse_html(html)
    looks = letter_looks()
    document = _new_document(title, looks)
    _emit_blocks(root, document, _Style(looks))
    _table_margins(document, looks)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_blocks(path: Path) -> list[str]:
    """Body text of a DOCX in reading order: each paragraph, and each table cell by cell.

    Used by generator.render.text for the PDF/DOCX parity check; headers and footers excluded."""
    return list(_container_texts(docx.Document(str(path))))


# --- blocks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Style:
    """What a paragraph inherits from its container."""

    looks: Looks
    plain: str = PLAIN  # the style of text without indent: Normal, or 表格文字 in a table
    in_table: bool = False
    keep_together: bool = False  # div.signature: never split across pages


def _emit_blocks(node: Node, container: Container, style: _Style) -> None:
    pending: list[Node | str] = []
    for child in node.children:
        if isinstance(child, str) or child.tag in INLINE:
            pending.append(child)
            continue
        _anonymous_block(pending, container, style)
        pending = []
        _emit_block(child, container, style)
    _anonymous_block(pending, container, style)


def _anonymous_block(nodes: list[Node | str], container: Container, style: _Style) -> None:
    """Text directly in a container (body, div, td) is a paragraph of its own, without indent."""
    segments = inline_segments(nodes)
    if has_text(segments):
        _fill(_paragraph(container, style, style.plain), segments)


def _emit_block(node: Node, container: Container, style: _Style) -> None:
    if node.tag in ("html", "body"):
        _emit_blocks(node, container, style)
    elif node.tag == "div" and "signature" in node.classes:
        first = len(container.paragraphs)
        _emit_blocks(node, container, replace(style, keep_together=True))
        container.paragraphs[-1].paragraph_format.keep_with_next = False  # end of the chain
        if len(container.paragraphs) > first:  # .signature { margin-top }
            container.paragraphs[first].paragraph_format.space_before = Twips(style.looks.signature_before)
    elif node.tag == "div":
        _emit_blocks(node, container, style)
    elif node.tag in ("h1", "h2", "p"):
        _heading_or_paragraph(node, container, style)
    elif node.tag == "table":
        _table(node, container, style.looks)
    elif node.tag in ("ol", "ul"):
        _list(node, container, style)
    else:
        raise RenderError("docx.not_allowed", tag=node.tag)


def _heading_or_paragraph(node: Node, container: Container, style: _Style) -> None:
    segments = inline_segments(node.children)
    if not has_text(segments):
        return  # an empty block has no height in the PDF either
    if node.tag in HEADINGS:
        _fill(_paragraph(container, style, HEADINGS[node.tag]), segments, style_bold=True)
        return
    _fill(_paragraph_with_classes(container, node.classes, style), segments)


def _paragraph_with_classes(container: Container, classes: frozenset[str], style: _Style) -> Paragraph:
    """The `p` rules of letter.css: Body Text (justified, 2em indent) unless a class says otherwise;
    a class without indent is Normal with its alignment (td p: 表格文字, left unless right/center)."""
    plain = style.in_table or bool(classes & {"noindent", "right", "center", "meta"})
    paragraph = _paragraph(container, style, style.plain if plain else BODY)
    fmt = paragraph.paragraph_format
    if "right" in classes:
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if style.keep_together:
            fmt.right_indent = Twips(style.looks.indent)  # .signature p.right { padding-right }
    elif "center" in classes:
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif plain and "meta" not in classes and not style.in_table:  # p.noindent: still justified
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    return paragraph


def _paragraph(container: Container, style: _Style, name: str) -> Paragraph:
    paragraph = _reuse_empty_cell_paragraph(container) or container.add_paragraph()
    paragraph.style = name
    fmt = paragraph.paragraph_format
    if style.keep_together:
        # Chain the block: each paragraph stays with the next; _emit_block unchains the last one.
        fmt.keep_together = True
        fmt.keep_with_next = True
    return paragraph


def _reuse_empty_cell_paragraph(container: Container) -> Paragraph | None:
    """A new cell already holds one empty paragraph (Word requires it); fill that one first."""
    if not isinstance(container, _Cell):
        return None
    blocks = container._tc.xpath("./w:p|./w:tbl")
    paragraphs: list[Paragraph] = container.paragraphs
    if len(blocks) == 1 and len(paragraphs) == 1 and not paragraphs[0].runs:
        return paragraphs[0]
    return None


def _fill(paragraph: Paragraph, segments: list[Segment], style_bold: bool = False) -> None:
    """Runs for `segments`; bold only where the paragraph's style is not bold already."""
    for seg in segments:
        if seg is None:
            _run(paragraph).add_break(WD_BREAK.LINE)
            continue
        text, bold = seg
        for part in _parts(text):
            run = _run(paragraph, part)
            run.bold = (bold and not style_bold) or None
            if part[0] > "\uffff":
                _set_rfonts(run._r.get_or_add_rPr(), EXT_B)
            elif part[0] == BLANK:
                run.text, run.underline = BLANK_SPACE * SPACES_PER_BLANK * len(part), True  # a line


def _parts(text: str) -> Iterator[str]:
    """`text` split into plain text, blanks (＿＿＿) and runs of ideographs beyond the BMP."""
    for piece in _BLANKS.split(text) if BLANK in text else (text,):
        if piece[:1] == BLANK:
            yield piece
        elif max(piece, default="") > "\uffff":
            yield from (_hold_together(part) for part in _BEYOND_BMP.split(piece) if part)
        elif piece:
            yield _hold_together(piece)


def _hold_together(text: str) -> str:
    """`text` with a word joiner inside each date and amount, wherever a line could break."""
    return _UNBREAKABLE.sub(lambda match: _joined(match.group()), text)


def _joined(token: str) -> str:
    out = [token[0]]
    for before, char in zip(token, token[1:]):
        if before not in _NUMBER or char not in _NUMBER:
            out.append(JOINER)
        out.append(char)
    return "".join(out)


def _run(paragraph: Paragraph, text: str = "") -> Run:
    """A run that takes its fonts and size from the styles; only the East Asian hint is its own."""
    run = paragraph.add_run(text)
    r_fonts = OxmlElement("w:rFonts")
    r_fonts.set(qn("w:hint"), "eastAsia")  # ambiguous characters (“ ” ：) use the East Asian font
    run._r.get_or_add_rPr().insert(0, r_fonts)
    return run


def _list(node: Node, container: Container, style: _Style) -> None:
    for index, item in enumerate((c for c in node.children if isinstance(c, Node)), start=1):
        if item.tag != "li":
            raise RenderError("docx.list_item", tag=item.tag, parent=node.tag)
        marker = f"{index}. " if node.tag == "ol" else "• "
        paragraph = _paragraph(container, style, style.plain)
        # ol/ul { padding-left: 2em }, the marker hanging left of the text as in the PDF
        paragraph.paragraph_format.left_indent = Twips(style.looks.indent)
        paragraph.paragraph_format.first_line_indent = Twips(-style.looks.body_size)
        _fill(paragraph, [(marker, False), *inline_segments(item.children)])
    stray = inline_segments([c for c in node.children if isinstance(c, str)])
    if has_text(stray):
        raise RenderError("docx.bare_text", tag=node.tag)


# --- tables -------------------------------------------------------------------------------


def _table(node: Node, container: Container, looks: Looks) -> None:
    rows = list(_rows(node, header=False))
    if not rows:
        raise RenderError("docx.empty_table")
    ncols = len(rows[0][1])
    if any(len(cells) != ncols for _, cells in rows):
        raise RenderError("docx.ragged_table")
    table = container.add_table(rows=len(rows), cols=ncols)
    table.style = "Table Grid"
    _table_borders(table, looks)
    _column_widths(table, [cells for _, cells in rows], container, looks)  # first: nested tables need them
    for (is_header, cells), row in zip(rows, table.rows):
        _row_properties(row._tr, is_header)
        for cell_node, cell in zip(cells, row.cells):
            _cell(cell_node, cell, looks)


def _rows(node: Node, header: bool) -> Iterator[tuple[bool, list[Node]]]:
    for child in node.children:
        if isinstance(child, str):
            if child.strip(" \t\n\r\f"):
                raise RenderError("docx.bare_text_in", tag=node.tag)
        elif child.tag in ("thead", "tbody"):
            yield from _rows(child, header=child.tag == "thead")
        elif child.tag == "tr":
            cells = [c for c in child.children if isinstance(c, Node)]
            if any(c.tag not in ("th", "td") for c in cells):
                raise RenderError("docx.row_cells")
            yield header, cells
        else:
            raise RenderError("docx.nested", tag=child.tag, parent=node.tag)


def _cell(node: Node, cell: _Cell, looks: Looks) -> None:
    style = _Style(looks, TABLE_TEXT, in_table=True)
    cell.paragraphs[0].style = TABLE_TEXT  # also right for an empty cell
    if node.tag == "td":
        _emit_blocks(node, cell, style)
        return
    # th: bold, centred both ways; inline content only, as in any header label
    _emit_blocks(Node("td", children=[Node("strong", children=node.children)]), cell, style)
    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    for paragraph in cell.paragraphs:
        paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _table_margins(document: DocxDocument, looks: Looks) -> None:
    """table { margin: before 0 after 0 } as the space after the paragraph above a table and before
    the one below it; Word has no table margins. Each collapses with the paragraph's own, as in CSS."""
    blocks = list(document.iter_inner_content())
    for above, table, below in zip([None, *blocks], blocks, [*blocks[1:], None]):
        if not isinstance(table, Table):
            continue
        if isinstance(above, Paragraph):
            after = above.paragraph_format.space_after or _style_space(above, "space_after")
            above.paragraph_format.space_after = Twips(max(int(after.twips), looks.table_before))
        if isinstance(below, Paragraph):
            before = below.paragraph_format.space_before or _style_space(below, "space_before")
            below.paragraph_format.space_before = Twips(max(int(before.twips), looks.table_after))


def _style_space(paragraph: Paragraph, which: str) -> Length:
    style = paragraph.style
    value = getattr(style.paragraph_format, which) if style is not None else None
    return value if isinstance(value, Length) else Length(0)


def _row_properties(tr: CT_Row, is_header: bool) -> None:
    tr_pr = tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))  # tr { break-inside: avoid }
    if is_header:
        tr_pr.append(OxmlElement("w:tblHeader"))  # thead repeats on every page


def _table_borders(table: Table, looks: Looks) -> None:
    """Explicit 0.5pt borders and the cells' padding, so the grid survives an application that
    ignores table styles (the padding replaces Table Grid's 5.4pt left and right)."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
            line.set(qn(key), value)
        borders.append(line)
    margins = OxmlElement("w:tblCellMar")
    for edge, twips in (("top", looks.cell_padding_y), ("left", looks.cell_padding_x),
                        ("bottom", looks.cell_padding_y), ("right", looks.cell_padding_x)):
        margin = OxmlElement(f"w:{edge}")
        margin.set(qn("w:w"), str(twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    tbl_pr = table._tbl.tblPr
    look = tbl_pr.find(qn("w:tblLook"))  # the schema's order: borders, (layout,) cell margins, look
    for element in (borders, margins):
        if look is None:
            tbl_pr.append(element)
        else:
            look.addprevious(element)


def _column_widths(table: Table, rows: list[list[Node]], container: Container, looks: Looks) -> None:
    """Column widths the way a browser's auto table layout picks them (Word's own autofit differs).

    Each column gets its floor (CSS `min-width: 3em`, or its nowrap header label), and the rest of
    the width is shared in proportion to how much wider its longest text would like to be."""
    margins, em = 2 * looks.cell_padding_x, looks.table_size
    floors = [max(looks.cell_min_width, max((_width(row[i], em) for row in rows if row[i].tag == "th"), default=0))
              + margins for i in range(len(rows[0]))]
    wants = [max(floor, max(_width(row[i], em) for row in rows) + margins) for i, floor in enumerate(floors)]
    available = _available_width(container, looks)
    if sum(wants) <= available:  # everything fits on one line: stretch to width: 100%
        widths = [available * want // sum(wants) for want in wants]
    else:
        spare, extra = available - sum(floors), [want - floor for want, floor in zip(wants, floors)]
        widths = [floor + max(spare, 0) * more // max(sum(extra), 1) for floor, more in zip(floors, extra)]
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = Twips(width)
        for cell in column.cells:
            cell.width = Twips(width)


def _width(node: Node | str, em: int) -> int:
    """Natural one-line width of a cell's text in twips: 1em per wide (CJK) character, 1/2 else,
    and 1/4 em of autospace where wide and narrow meet (LibreOffice's "第 6–13 页" wrapped)."""
    wide = [unicodedata.east_asian_width(ch) in ("W", "F") for ch in _plain(node)]
    quarters = sum(4 if is_wide else 2 for is_wide in wide) + sum(a != b for a, b in zip(wide, wide[1:]))
    return quarters * em // 4


def _available_width(container: Container, looks: Looks) -> int:
    if isinstance(container, _Cell) and container.width is not None:
        return int(container.width.twips) - 2 * looks.cell_padding_x
    return int(Length(PAGE_WIDTH).twips) - 2 * looks.page_margin


def _plain(node: Node | str) -> str:
    if isinstance(node, str):
        return normalize(node)
    return "".join(_plain(child) for child in node.children)


# --- document, fonts, footer --------------------------------------------------------------


def _set_rfonts(r_pr: BaseOxmlElement, east_asian: str, latin: str | None = None) -> None:
    """Name `east_asian` in the East Asian slot and `latin` (default: the same) in the others."""
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, r_fonts)  # rFonts is the first child of rPr in the schema order
    for key in ("w:ascii", "w:hAnsi", "w:cs"):
        r_fonts.set(qn(key), latin or east_asian)
    r_fonts.set(qn("w:eastAsia"), east_asian)
    r_fonts.set(qn("w:hint"), "eastAsia")  # ambiguous characters (“ ” ：) use the East Asian font
    for theme in THEME_ATTRS:
        r_fonts.attrib.pop(qn(theme), None)


def _new_document(title: str, looks: Looks) -> DocxDocument:
    document = docx.Document()
    _strip_theme_fonts(document)
    _set_defaults(document, looks)
    _define_styles(document, looks)
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = Twips(looks.page_margin)
    section.top_margin = section.bottom_margin = Twips(looks.page_margin)
    _footer(section.footer.paragraphs[0])
    props = document.core_properties
    props.author = props.last_modified_by = AUTHOR
    props.title, props.comments, props.language = title, "", "zh-CN"
    props.created = props.modified = datetime.now(UTC).replace(microsecond=0)
    return document


def _strip_theme_fonts(document: DocxDocument) -> None:
    """A theme font attribute wins over an explicit font name: remove every one in styles.xml.

    The template also carries Word 2010's stylesWithEffects.xml, a second copy of the styles full
    of theme fonts; Word 2013+ and LibreOffice ignore it, so it is dropped rather than edited."""
    part = document.part
    for r_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(r_id)
    for r_fonts in document.styles.element.iter(qn("w:rFonts")):
        for theme in THEME_ATTRS:
            r_fonts.attrib.pop(qn(theme), None)


def _set_defaults(document: DocxDocument, looks: Looks) -> None:
    styles = document.styles.element
    r_pr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if r_pr is None:
        raise RenderError("docx.no_defaults")
    _set_rfonts(r_pr, BODY_FONT, LATIN_FONT)
    for tag in (qn("w:sz"), qn("w:szCs")):
        element = r_pr.find(tag)
        if element is not None:
            element.set(qn("w:val"), str(looks.body_size // 10))  # half-points
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    spacing = styles.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    if spacing is None:
        raise RenderError("docx.no_paragraph_defaults")
    spacing.set(qn("w:after"), "0")  # the template's 10pt after / 1.15 lines; letters set their own
    spacing.set(qn("w:line"), "240")
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):  # no autospace, as in the PDF (module docstring)
        autospace = OxmlElement(tag)
        autospace.set(qn("w:val"), "0")
        spacing.addprevious(autospace)  # the schema puts them before spacing
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")


def _define_styles(document: DocxDocument, looks: Looks) -> None:
    """Give each style the letter uses the look of letter.css, replacing the template's own
    (its blue headings, the Title's border, Body Text's space after)."""
    if TABLE_TEXT not in [s.name for s in document.styles]:
        added = document.styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
        added.element.set(qn("w:styleId"), TABLE_TEXT_ID)
        added.base_style = document.styles[PLAIN]
        added.quick_style = True
    for name, spec in _style_specs(looks).items():
        style = document.styles[name]
        if not isinstance(style, ParagraphStyle):
            raise RenderError("docx.not_paragraph_style", name=name)
        _apply_spec(style, spec)


def _apply_spec(style: ParagraphStyle, spec: _StyleSpec) -> None:
    element = style.element
    outline = element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")  # a heading's level
    for tag in ("w:pPr", "w:rPr"):
        old = element.find(qn(tag))
        if old is not None:
            element.remove(old)
    fmt = style.paragraph_format
    fmt.line_spacing = Twips(spec.line) if spec.line is not None else 1.0
    fmt.space_before, fmt.space_after = Twips(spec.before), Twips(spec.after)
    fmt.alignment = spec.align
    if spec.keep_next:
        fmt.keep_with_next = fmt.keep_together = True
    if spec.indent:
        fmt.first_line_indent = Twips(spec.indent)
        ind = element.get_or_add_pPr().find(qn("w:ind"))
        if ind is not None:  # what Word writes for 首行缩进 2 字符 (hundredths); the twips are the fallback
            ind.set(qn("w:firstLineChars"), str(100 * spec.indent // spec.size))
    if outline is not None:
        element.get_or_add_pPr().append(outline)
    font = style.font
    font.size, font.bold = Twips(spec.size), spec.bold or None
    _set_rfonts(element.get_or_add_rPr(), spec.font, LATIN_FONT)


def _footer(paragraph: Paragraph) -> None:
    """第N页 共M页, as PAGE / NUMPAGES fields (the same wording as the PDF's @page footer)."""
    paragraph.style = FOOTER_STYLE
    for part in FOOTER:
        if part in ("PAGE", "NUMPAGES"):
            _field(paragraph, part)
        else:
            _run(paragraph, part)


def _field(paragraph: Paragraph, instruction: str) -> None:
    for kind in ("begin", "instr", "separate", "result", "end"):
        run = _run(paragraph)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            run._r.append(instr)
        elif kind == "result":
            run.text = "1"  # shown until the application updates the field
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


# --- reading back -------------------------------------------------------------------------


def _container_texts(container: DocxDocument | _Cell) -> Iterator[str]:
    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            yield _paragraph_text(item)
        else:
            for row in item.rows:
                for cell in row.cells:
                    yield from _container_texts(cell)


def _paragraph_text(paragraph: Paragraph) -> str:
    """The paragraph's text as the HTML writes it: a blank (underlined spaces) read as ＿, the
    word joiners dropped."""
    runs: list[Run] = paragraph.runs
    if not any(_is_blank(run) for run in runs):
        return str(paragraph.text).replace(JOINER, "")
    return "".join(BLANK * (len(run.text) // SPACES_PER_BLANK) if _is_blank(run) else run.text.replace(JOINER, "")
                   for run in runs)


def _is_blank(run: Run) -> bool:
    return bool(run.underline) and run.text != "" and run.text.strip() == ""
