"""The evidence bundle's page-number stamps, "证据材料 第N页 共M页", one on every bundle page.

WeasyPrint spends about 3 ms on every page it lays out, so a stamp page per bundle page cost more
than all the rest of the stamping. Instead the front-matter document ends with a few stamp
*sheets* (templates/bundle/stamps.html.j2): one line per bundle page, SHEET_LINES lines a sheet.
Each line's text operations become a small Form XObject that shares the sheet's embedded font, and
bundle page N draws line N after its own content, which is wrapped in q/Q (and as many Qs again
as it leaves open) so that whatever state the original page leaves behind cannot move or hide the
stamp.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pypdf import PageObject, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    RectangleObject,
)

from generator.render.errors import RenderError

LINE_PT = 14.0  # templates/styles/bundle.css: div.stamp height
SHEET_LINES = 50  # lines on a full sheet: @page stamps height / LINE_PT
STAMP_NAME = NameObject("/DisputeStamp")
_Q_OPEN = re.compile(rb"(?<!\S)q(?!\S)")
_Q_CLOSE = re.compile(rb"(?<!\S)Q(?!\S)")

Operation = tuple[Any, bytes]


@dataclass(frozen=True)
class StampLine:
    """One stamp: the operations that draw it, and where its line box sits on its sheet."""

    sheet: PageObject
    operations: list[Operation]
    bottom: float  # of the line box, in sheet user space
    right: float  # right edge of the sheet (the text is right-aligned)


def sheet_lines(sheets: Sequence[PageObject]) -> list[StampLine]:
    """Every stamp line of the sheets, in order."""
    lines: list[StampLine] = []
    for number, sheet in enumerate(sheets, start=1):
        box = sheet.mediabox
        found = _line_operations(sheet)
        if len(found) > SHEET_LINES or (number < len(sheets) and len(found) != SHEET_LINES):
            raise RenderError("bundle.stamp_sheet", found=len(found), expected=SHEET_LINES)
        top = box.top
        lines += [StampLine(sheet, ops, top - LINE_PT * (j + 1), box.right) for j, ops in enumerate(found)]
    return lines


def stamp_pages(writer: PdfWriter, lines: Sequence[StampLine], right_pt: float, bottom_pt: float) -> None:
    """Draws line N on page N, its right end `right_pt` from the page's right edge and its line box
    `bottom_pt` above the page's bottom edge (of the crop box: what a viewer shows)."""
    if len(lines) != len(writer.pages):
        raise RenderError("bundle.stamp_count", stamps=len(lines), pages=len(writer.pages))
    opening = _stream(writer, b"q\n")  # shared by every page
    resources: dict[int, IndirectObject] = {}  # id(sheet) -> its resources, copied into the writer once
    for page, line in zip(writer.pages, lines):
        if page.rotation:
            page.transfer_rotation_to_content()  # so the stamp's coordinates are the page's as seen
        shared = resources.get(id(line.sheet))
        if shared is None:
            shared = resources[id(line.sheet)] = writer._add_object(line.sheet["/Resources"].clone(writer))
        xobject = _form(writer, line, shared)
        box = page.cropbox
        dx = box.right - right_pt - line.right
        dy = box.bottom + bottom_pt - line.bottom
        _draw(writer, page, xobject, dx, dy, opening)


def _line_operations(sheet: PageObject) -> list[list[Operation]]:
    """Each line's operations: the state set up before the text (transforms, colour), then BT, the
    font, the line's own text positioning and showing, ET, and the closing Qs."""
    ops = ContentStream(sheet.get_contents(), sheet.pdf).operations
    prefix: list[Operation] = []
    lines: list[list[Operation]] = []
    font: Operation | None = None
    in_text = False
    for operands, operator in ops:
        if operator == b"BT":
            in_text = True
        elif operator == b"ET":
            in_text = False
        elif not in_text:
            if not lines:
                prefix.append((operands, operator))
        elif operator == b"Tf":
            font = (operands, operator)
            if lines:
                lines[-1].append(font)
        elif operator == b"Tm":
            lines.append([] if font is None else [font])
            lines[-1].append((operands, operator))
        elif lines:
            lines[-1].append((operands, operator))
    depth = sum(op == b"q" for _, op in prefix) - sum(op == b"Q" for _, op in prefix)
    closing: list[Operation] = [([], b"Q")] * depth
    return [[*prefix, ([], b"BT"), *line, ([], b"ET"), *closing] for line in lines]


def _form(writer: PdfWriter, line: StampLine, resources: IndirectObject) -> IndirectObject:
    content = ContentStream(None, None)
    content.operations = line.operations
    form = DecodedStreamObject()
    form.set_data(content.get_data())
    box = line.sheet.mediabox
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): RectangleObject([box.left, box.bottom, box.right, box.top]),
        NameObject("/Resources"): resources,
    })
    # pypdf has no public call to add a stream; _add_object is how its own writer adds them
    return writer._add_object(form.flate_encode())


def _draw(writer: PdfWriter, page: PageObject, xobject: IndirectObject, dx: float, dy: float,
          opening: IndirectObject) -> None:
    resources = DictionaryObject(page.get("/Resources", DictionaryObject()).get_object())  # own copy: often shared
    xobjects = DictionaryObject(resources.get("/XObject", DictionaryObject()).get_object())
    xobjects[STAMP_NAME] = xobject
    resources[NameObject("/XObject")] = xobjects
    page[NameObject("/Resources")] = resources
    contents = page.get("/Contents")
    own = [] if contents is None else list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
    closing = b"Q " * (_unclosed(own) + 1) if own else b""
    stamp = _stream(writer, closing + f"\nq 1 0 0 1 {dx:.4f} {dy:.4f} cm {STAMP_NAME} Do Q\n".encode("ascii"))
    page[NameObject("/Contents")] = ArrayObject([opening, *own, stamp] if own else [stamp])


def _unclosed(streams: Sequence[Any]) -> int:
    """How many q the page's own content leaves open (only the stamp's Qs can restore the page's
    initial state). Counted on the tokens, not parsed: a stray "q" in a string can only add a Q
    too many, which readers ignore once the state stack is empty."""
    data = b"\n".join(s.get_object().get_data() for s in streams)
    return max(0, len(_Q_OPEN.findall(data)) - len(_Q_CLOSE.findall(data)))


def _stream(writer: PdfWriter, data: bytes) -> IndirectObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return writer._add_object(stream)
