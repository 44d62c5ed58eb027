"""Pixels for the evidence bundle: highlighted crops of cited rows, sentences and grid cells, and
redacted page images (the fallback of generator/render/redact.py, which redacts rows as text).

Of the rendering modules, only this one and redact.py use pypdfium2. Coordinates come from the
parsers (pdfplumber's): PDF points with the origin at the top-left of the page (`BBox` = x0, top,
x1, bottom). A crop is cut between the page's text lines, never through one
(generator/render/lines.py, from the characters pdfium reads here).

pdfium is not thread-safe, so every use of it holds `_PDFIUM` (batch mode runs cases in separate
processes; the lock only guards a caller that renders from threads).
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops, ImageDraw

from generator.models import BBox
from generator.pdf import fix_radicals
from generator.render.errors import RenderError
from generator.render.lines import Glyph, TextLine, group_lines, header_band, sentence, snap, union, widen
from generator.render.redact import (
    REDACT_PAD_PT,
    REDACTED_FILL,
    REDACTED_LINE,
    Frame,
    TextRedaction,
    frame_of,
    redact_text,
)

EXCERPT_DPI = 150
REDACT_DPI = 150  # only pages that cannot be redacted as text (redact.py) are images
# Around the cited lines; never more than half-way to the next line (generator/render/lines.py):
# the neighbours are redacted or cited themselves, and a line cut in half reads as something else.
ROW_CONTEXT_PT = 5.0
CELL_MARGIN_PT = 3.0  # a grid's lines sit close: its ruling, not white space, frames them
GRID_HEADING_PT = 30.0  # the grid's title and month header (1 … 12) lie within this above its first row
MERGE_GAP_PT = 40.0  # an account header closer than this above the grid part is shown with it, in one piece
SEPARATOR_PT = 8.0  # between the account header and the grid part when the lines between are left out
SEPARATOR_LINE = (150, 150, 150)
HIGHLIGHT_PAD_PT = 2.0
HIGHLIGHT_FILL = (255, 214, 0, 96)  # translucent yellow: the row's text stays readable under it
HIGHLIGHT_LINE = (214, 0, 0, 255)
PROBE_SCALE = 0.25  # an 18-dpi render is enough to see a red seal or a coloured logo
COLOUR_TOLERANCE = 24  # per-channel spread below this is anti-aliasing of black text, not colour

_PDFIUM = threading.RLock()  # re-entrant: a bundle holds several documents open at once


@dataclass(frozen=True)
class Excerpt:
    """A PNG of part of a page (or of two parts, stacked); width and height are its size in PDF
    points, the size the bundle shows it at (smaller if the page column is narrower)."""

    png: bytes
    width: float
    height: float
    regions: tuple[tuple[int, BBox], ...] = ()  # (page, part of the page) shown, top to bottom
    quote: str = ""  # the cited sentence as printed, for a sentence excerpt


@dataclass(frozen=True)
class PageImage:
    """A whole page as raw 8-bit samples (gray, or RGB when the page has colour)."""

    width: float  # page size in points
    height: float
    pixels: bytes
    size: tuple[int, int]  # in pixels
    colour: bool


@dataclass(frozen=True)
class _Part:
    page: int
    region: BBox
    marks: tuple[BBox, ...] = ()
    hide: tuple[BBox, ...] = ()


class SourcePdf:
    """One original document, open in pdfium while the bundle is built."""

    def __init__(self, doc: Any, path: Path, password: str | None = None, data: bytes | None = None) -> None:
        self._doc = doc
        self.path = path  # for a member of a ZIP archive, its name (``archive.zip!member.pdf``)
        self.password = password
        self._data = data  # the document, when it was read from an archive in memory
        self._lines: dict[int, list[TextLine]] = {}

    def __len__(self) -> int:
        return len(self._doc)

    def row_excerpt(self, page: int, bbox: BBox, hide: Sequence[BBox] = ()) -> Excerpt:
        """The lines of a statement row, the row highlighted and the `hide` boxes (unrelated rows
        that show in it) painted over."""
        region = snap(self.lines(page), bbox, ROW_CONTEXT_PT, self._size(page))
        return self._excerpt([_Part(page, region, (bbox,), tuple(hide))])

    def sentence_excerpt(self, page: int, bbox: BBox, on: date | None) -> Excerpt:
        """The whole sentences around the cited line, the sentence that states `on` highlighted."""
        found = sentence(self.lines(page), bbox, _date_marker(on) if on else None)
        if found is None:
            return self.row_excerpt(page, bbox)
        region = snap(self.lines(page), found.band, ROW_CONTEXT_PT, self._size(page))
        return replace(self._excerpt([_Part(page, region, found.marks)]), quote=found.text)

    def cell_excerpt(self, page: int, bbox: BBox, heading: tuple[int, BBox] | None, keys: Sequence[str],
                     grid_top: float | None) -> Excerpt:
        """A month of a report grid: the grid from its title down to the cell's rows, with the
        account's header (heading, 管理机构, 账户标识) above it, so that the crop shows whose grid it is."""
        top = bbox[1] if grid_top is None else min(grid_top, bbox[1])
        grid = snap(self.lines(page), (bbox[0], top - GRID_HEADING_PT, bbox[2], bbox[3]), CELL_MARGIN_PT,
                    self._size(page))
        header = self._header(heading, keys) if heading is not None else None
        if header is None or (header.page, header.region[1]) >= (page, grid[1]):
            return self._excerpt([_Part(page, grid, (bbox,))])
        if header.page == page and header.region[3] >= grid[1] - MERGE_GAP_PT:
            return self._excerpt([_Part(page, union(header.region, grid), (bbox,))])
        return self._excerpt([header, _Part(page, grid, (bbox,))])

    def lines(self, page: int) -> list[TextLine]:
        """The page's text lines (read once per page)."""
        if page not in self._lines:
            self._lines[page] = group_lines(_glyphs(self._page(page)))
        return self._lines[page]

    def redacted(self, page: int, boxes: Sequence[BBox], dpi: int = REDACT_DPI) -> PageImage:
        """`page` as an image with `boxes` painted over in light gray: nothing of those rows
        survives, not even text hidden under a drawn rectangle."""
        pdf_page = self._page(page)
        width, height = _size(pdf_page)
        colour = _has_colour(pdf_page)
        scale = dpi / 72
        bitmap = pdf_page.render(scale=scale, grayscale=not colour, rev_byteorder=True)
        image: Image.Image = bitmap.to_pil()
        image = image.convert("RGB" if colour else "L")
        frame = self.frame(page)
        _cover(image, [frame.shown(frame.user(b)) for b in boxes], scale, (0.0, 0.0))
        return PageImage(width, height, image.tobytes(), image.size, colour)

    def redact_text(self, boxes: Mapping[int, Sequence[BBox]]) -> TextRedaction:
        """A copy of the document with the rows in `boxes` (page -> boxes) removed as text, where
        that can be proven clean (generator/render/redact.py)."""
        with _PDFIUM:
            return redact_text(self._data if self._data is not None else self.path, boxes, self.password)

    def frame(self, page: int) -> Frame:
        """How the page's boxes map to user space and to the page as shown."""
        pdf_page = self._page(page)
        return frame_of(pdf_page.get_mediabox(), pdf_page.get_cropbox(), pdf_page.get_rotation())

    def _header(self, heading: tuple[int, BBox], keys: Sequence[str]) -> _Part | None:
        page, box = heading
        if not 1 <= page <= len(self._doc):
            return None
        band = header_band(self.lines(page), box, keys)
        return None if band is None else _Part(page, snap(self.lines(page), band, CELL_MARGIN_PT, self._size(page)))

    def _excerpt(self, parts: Sequence[_Part]) -> Excerpt:
        parts = [replace(p, region=widen(p.region, self.lines(p.page), ROW_CONTEXT_PT, self._size(p.page)[0]))
                 for p in parts]
        left, right = min(p.region[0] for p in parts), max(p.region[2] for p in parts)
        parts = [replace(p, region=(left, p.region[1], right, p.region[3])) for p in parts]  # columns line up
        scale = EXCERPT_DPI / 72
        images = [self._render(p, scale) for p in parts]
        image = images[0] if len(images) == 1 else _stack(images, scale)
        out = io.BytesIO()
        image.save(out, "PNG", compress_level=1)  # WeasyPrint decodes it and compresses again
        width = max(p.region[2] - p.region[0] for p in parts)
        height = sum(p.region[3] - p.region[1] for p in parts) + SEPARATOR_PT * (len(parts) - 1)
        return Excerpt(out.getvalue(), width, height, tuple((p.page, p.region) for p in parts))

    def _render(self, part: _Part, scale: float) -> Image.Image:
        pdf_page = self._page(part.page)
        width, height = _size(pdf_page)
        left, top, right, bottom = part.region
        bitmap = pdf_page.render(scale=scale, crop=(left, height - bottom, width - right, top),
                                 rev_byteorder=True)
        image: Image.Image = bitmap.to_pil().convert("RGB")
        _cover(image, part.hide, scale, (left, top))
        return _highlight(image, part.marks, scale, (left, top))

    def _size(self, page: int) -> tuple[float, float]:
        return _size(self._page(page))

    def _page(self, page: int) -> Any:
        if not 1 <= page <= len(self._doc):
            raise RenderError("bundle.page_outside", file=self.path.name, page=page, pages=len(self._doc))
        return self._doc[page - 1]


@contextmanager
def open_source(path: Path, password: str | None = None, data: bytes | None = None) -> Iterator[SourcePdf]:
    """Holds the pdfium lock until the document is closed. With `data`, the document is those
    bytes (a member of a ZIP archive, never written to disk) and `path` only its name."""
    import pypdfium2 as pdfium

    with _PDFIUM:
        try:
            doc = pdfium.PdfDocument(data if data is not None else str(path), password=password or None)
        except pdfium.PdfiumError as exc:
            raise RenderError("bundle.cannot_open", file=path.name, detail=str(exc)) from exc
        try:
            yield SourcePdf(doc, path, password, data)
        finally:
            doc.close()


def _size(pdf_page: Any) -> tuple[float, float]:
    """Page width and height in points (pdfium returns Python floats)."""
    width, height = pdf_page.get_size()
    return width, height


def _padded(box: BBox, pad: float, scale: float, origin: tuple[float, float]) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = box
    left, top = origin
    return ((x0 - pad - left) * scale, (y0 - pad - top) * scale, (x1 + pad - left) * scale,
            (y1 + pad - top) * scale)


def _cover(image: Image.Image, boxes: Sequence[BBox], scale: float, origin: tuple[float, float]) -> None:
    """Every pixel of the boxes replaced, in a light gray: a page of redacted rows stays light."""
    draw = ImageDraw.Draw(image)
    fill, line = (REDACTED_FILL, REDACTED_LINE) if image.mode == "L" else ((REDACTED_FILL,) * 3, (REDACTED_LINE,) * 3)
    for box in boxes:
        draw.rectangle(_padded(box, REDACT_PAD_PT, scale, origin), fill=fill, outline=line, width=1)


def _highlight(image: Image.Image, marks: Sequence[BBox], scale: float, origin: tuple[float, float]) -> Image.Image:
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for box in marks:
        draw.rectangle(_padded(box, HIGHLIGHT_PAD_PT, scale, origin), fill=HIGHLIGHT_FILL, outline=HIGHLIGHT_LINE,
                       width=max(2, round(scale)))
    return Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")


def _stack(images: Sequence[Image.Image], scale: float) -> Image.Image:
    """The parts one under the other, a dashed rule between them where lines were left out."""
    gap = round(SEPARATOR_PT * scale)
    out = Image.new("RGB", (max(i.width for i in images), sum(i.height for i in images) + gap * (len(images) - 1)),
                    "white")
    draw = ImageDraw.Draw(out)
    y = 0
    for n, image in enumerate(images):
        if n:
            mid = y - gap // 2
            for x in range(0, out.width, round(6 * scale)):
                draw.line((x, mid, x + round(3 * scale), mid), fill=SEPARATOR_LINE, width=max(1, round(scale / 2)))
        out.paste(image, (0, y))
        y += image.height + gap
    return out


def _glyphs(pdf_page: Any) -> list[Glyph]:
    """The page's characters with their loose boxes (the font's ascent to descent: the whole
    line's height, not the ink of each glyph), in top-left coordinates."""
    import pypdfium2.raw as pdfium_c

    _, height = _size(pdf_page)
    textpage = pdf_page.get_textpage()
    try:
        out = []
        for i in range(textpage.count_chars()):
            code = pdfium_c.FPDFText_GetUnicode(textpage.raw, i)
            text = fix_radicals(chr(code)) if code else ""
            if not text.strip():
                continue
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
            if right > left and top > bottom:
                out.append(Glyph(text, left, height - top, right, height - bottom))
        return out
    finally:
        textpage.close()


def _date_marker(on: date) -> re.Pattern[str]:
    """The date as certificates print it: 2026年01月09日, 2026年1月9日, 2026-01-09, 2026.01.09."""
    return re.compile(rf"{on.year}\s*[年./-]\s*0?{on.month}\s*[月./-]\s*0?{on.day}(?!\d)")


def _has_colour(pdf_page: Any) -> bool:
    """Whether the page shows any colour (seal, logo): then it is kept in RGB, else in gray,
    which renders twice as fast and takes a third of the room."""
    probe: Image.Image = pdf_page.render(scale=PROBE_SCALE, rev_byteorder=True).to_pil().convert("RGB")
    red, green, blue = probe.split()
    for a, b in ((red, green), (green, blue), (red, blue)):
        spread = ImageChops.difference(a, b).point(lambda v: 255 if v > COLOUR_TOLERANCE else 0)
        if spread.getbbox() is not None:
            return True
    return False
