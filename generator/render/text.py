"""The text a letter shows, from its HTML, its PDF and its DOCX, for parity and golden tests.

- `parse_html` reads the restricted letter vocabulary into a small tree (the DOCX writer builds on
  it); any other tag, an inline style, an unknown class or a colspan is a RenderError.
- `inline_segments` applies the browser's whitespace collapsing (CSS `white-space: normal`).
- `html_text`, `pdf_text`, `docx_text` return *normalized* text: every whitespace character
  removed (U+3000 too), page footers ("第N页 共M页") removed, tables read cell by cell. The three
  must be equal for the same letter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, TypeAlias

from generator.render.errors import RenderError

BLOCK = frozenset({"h1", "h2", "p", "div", "table", "ol", "ul"})
INLINE = frozenset({"strong", "b", "span", "br"})
PARTS = frozenset({"thead", "tbody", "tr", "th", "td", "li"})
_IGNORED = frozenset({"head", "meta", "title", "link", "style"})  # head content: the PDF's business
_STRUCTURE = frozenset({"html", "body"})
_VOID = frozenset({"br", "meta", "link"})
CLASSES: dict[str, frozenset[str]] = {
    "p": frozenset({"noindent", "right", "center", "meta"}),
    "div": frozenset({"signature"}),
    "h1": frozenset({"title"}),
}
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # what HTML collapses; U+3000 and NBSP are text
_ANY_SPACE = re.compile(r"\s+")  # normalization removes every Unicode space, U+3000 included


@dataclass
class Node:
    tag: str
    classes: frozenset[str] = frozenset()
    children: list[Node | str] = field(default_factory=list)


Segment: TypeAlias = "tuple[str, bool] | None"  # (text, bold); None is a line break (<br>)


def normalize(text: str) -> str:
    return _ANY_SPACE.sub("", text)


# --- HTML -----------------------------------------------------------------------------------


def parse_html(html: str) -> tuple[Node, str]:
    """The document as a tree of Nodes (head content dropped), and the <title> text."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root, _HTML_SPACE.sub(" ", builder.title).strip()


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack: list[Node] = [self.root]
        self.ignored_depth = 0  # open elements inside <head>
        self.in_title = False
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in BLOCK | INLINE | PARTS | _IGNORED | _STRUCTURE:
            raise RenderError("html.tag", tag=tag)
        if self.ignored_depth or tag in _IGNORED:
            self.ignored_depth += tag not in _VOID
            self.in_title = self.in_title or tag == "title"
            return
        node = _make_node(tag, {key: value or "" for key, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self.ignored_depth:
            self.ignored_depth -= 1
            self.in_title = self.in_title and tag != "title"
            return
        if tag not in [node.tag for node in self.stack[1:]]:
            raise RenderError("html.stray_close", tag=tag)
        while self.stack.pop().tag != tag:  # also closes what HTML closes implicitly
            pass

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif not self.ignored_depth:
            self.stack[-1].children.append(data)


def _make_node(tag: str, attrs: dict[str, str]) -> Node:
    # Each of these would change the PDF in a way the DOCX cannot follow.
    if "style" in attrs:
        raise RenderError("html.inline_style", tag=tag)
    if "colspan" in attrs or "rowspan" in attrs:
        raise RenderError("html.span", tag=tag)
    classes = frozenset(attrs.get("class", "").split())
    unknown = frozenset() if tag == "span" else classes - CLASSES.get(tag, frozenset())
    if unknown:
        raise RenderError("html.class", classes=" ".join(sorted(unknown)), tag=tag)
    return Node(tag, classes)


def inline_segments(nodes: list[Node | str], bold: bool = False) -> list[Segment]:
    """Inline content as text segments, whitespace collapsed the way a browser shows it."""
    return _collapse(list(_raw_segments(nodes, bold)))


def has_text(segments: list[Segment]) -> bool:
    return any(segment is not None for segment in segments)


def _raw_segments(nodes: list[Node | str], bold: bool) -> Iterator[Segment]:
    for node in nodes:
        if isinstance(node, str):
            yield (_HTML_SPACE.sub(" ", node), bold)
        elif node.tag == "br":
            yield None
        elif node.tag in INLINE:
            yield from _raw_segments(node.children, bold or node.tag in ("strong", "b"))
        else:
            raise RenderError("html.block_in_inline", tag=node.tag)


def _collapse(raw: list[Segment]) -> list[Segment]:
    """A space never follows another space, nor starts or ends a line."""
    out: list[Segment] = []
    at_line_start = True
    for segment in raw:
        if segment is None:
            _strip_trailing_space(out)
            out.append(None)
            at_line_start = True
            continue
        text, bold = segment
        previous = out[-1] if out else None
        if at_line_start or (previous is not None and previous[0].endswith(" ")):
            text = text.lstrip(" ")
        if text:
            out.append((text, bold))
            at_line_start = False
    _strip_trailing_space(out)
    return [segment for segment in out if segment is None or segment[0]]


def _strip_trailing_space(out: list[Segment]) -> None:
    last = out[-1] if out else None
    if last is not None:
        out[-1] = (last[0].rstrip(" "), last[1])


def html_text(html: str) -> str:
    """Normalized text of the letter body, list markers included (the PDF draws them too)."""
    root, _ = parse_html(html)
    return normalize(_node_text(root))


def _node_text(node: Node | str) -> str:
    if isinstance(node, str):
        return node
    if node.tag in ("ol", "ul"):
        items = [child for child in node.children if isinstance(child, Node)]
        return "".join(
            (f"{i}." if node.tag == "ol" else "•") + _node_text(item) for i, item in enumerate(items, 1))
    return "".join(_node_text(child) for child in node.children)


# --- DOCX -----------------------------------------------------------------------------------


def docx_text(path: Path) -> str:
    """Normalized body text of a DOCX: paragraphs and table cells in document order, no footer."""
    from generator.render.docx import (
        docx_blocks,  # docx.py builds on this module: import late
    )

    return normalize("".join(docx_blocks(path)))


# --- PDF ------------------------------------------------------------------------------------
# pdfplumber is imported here, not through generator/pdf.py, because this needs what that layer
# does not expose: single characters with positions and ruled-table cell boxes.


def pdf_text(path: Path, *, footers: bool = True) -> str:
    """Normalized text of a PDF made by write_pdf.

    Tables are read cell by cell (as the DOCX stores them), not line by line across cells; a
    header row WeasyPrint repeats at the top of a continuation page is read once. With `footers`,
    every page must end with its "第N页共M页" footer, which is removed.
    """
    import pdfplumber

    parts: list[str] = []
    header: str | None = None
    with pdfplumber.open(path) as pdf:
        total = len(pdf.pages)
        for number, page in enumerate(pdf.pages, start=1):
            try:
                text, header = _page_text(page, header)
            finally:
                page.close()
            parts.append(_strip_footer(text, number, total) if footers else text)
    return "".join(parts)


def _strip_footer(text: str, number: int, total: int) -> str:
    footer = f"第{number}页共{total}页"
    if not text.endswith(footer):
        raise ValueError(f"page {number}: no footer {footer!r} at the end of {text[-40:]!r}")
    return text[: -len(footer)]


def _page_text(page: Any, header: str | None) -> tuple[str, str | None]:
    """(normalized page text, header row of the last table seen) for one pdfplumber page."""
    claimed: set[int] = set()
    blocks: list[tuple[Any, str]] = []
    tables: list[tuple[Any, list[str]]] = []
    for table in page.find_tables():
        rows = [_row_text(row, page.chars, claimed) for row in table.rows]
        tables.append((table.bbox[1], rows))
    lines = _lines([char for char in page.chars if id(char) not in claimed])
    first_line_top = min((top for top, _ in lines), default=None)
    for top, rows in tables:
        at_page_top = first_line_top is None or top < first_line_top
        if at_page_top and header is not None and rows and rows[0] == header:
            rows = rows[1:]  # thead repeated by WeasyPrint on a continuation page
        else:
            header = rows[0] if rows else None
        blocks.append((top, "".join(rows)))
    blocks.extend(lines)
    blocks.sort(key=lambda block: block[0])
    return normalize("".join(text for _, text in blocks)), header


def _row_text(row: Any, chars: list[dict[str, Any]], claimed: set[int]) -> str:
    cells: list[str] = []
    for bbox in row.cells:
        if bbox is None:  # a merged cell; our tables have none
            continue
        inside = [char for char in chars if _centre_in(char, bbox)]
        claimed.update(id(char) for char in inside)
        cells.append("".join(text for _, text in _lines(inside)))
    return normalize("".join(cells))


def _centre_in(char: dict[str, Any], bbox: tuple[Any, Any, Any, Any]) -> bool:
    x0, top, x1, bottom = bbox
    mid_x2 = char["x0"] + char["x1"]  # doubled centre: no division needed
    mid_y2 = char["top"] + char["bottom"]
    return bool(2 * x0 <= mid_x2 <= 2 * x1 and 2 * top <= mid_y2 <= 2 * bottom)


def _lines(chars: list[dict[str, Any]]) -> list[tuple[Any, str]]:
    """Group characters into lines (tops within half a character height), each read left to right."""
    lines: list[tuple[Any, list[dict[str, Any]]]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if lines and 2 * (char["top"] - lines[-1][0]) < char["bottom"] - char["top"]:
            lines[-1][1].append(char)
        else:
            lines.append((char["top"], [char]))
    return [(top, "".join(c["text"] for c in sorted(line, key=lambda c: c["x0"]))) for top, line in lines]
