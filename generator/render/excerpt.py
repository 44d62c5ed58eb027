"""Pixels for the evidence bundle: highlighted row crops and redacted page images.

The only module that imports pypdfium2. Coordinates come from pdfplumber: PDF points with the
origin at the top-left of the page (`BBox` = x0, top, x1, bottom).

pdfium is not thread-safe, so every use of it holds `_PDFIUM` (batch mode runs cases in separate
processes; the lock only guards a caller that renders from threads).
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops, ImageDraw

from generator.models import BBox
from generator.render.errors import RenderError

EXCERPT_DPI = 150
REDACT_DPI = 150  # bench/bench_bundle.py: 50 pages redacted in about 0.6 s at 150 dpi
# Shown above and below the cited box. A statement row is cropped tight: its neighbours are
# redacted or cited themselves, and a wider band cuts their lines in half. A narrow box is a cell
# of a grid (a credit report month) and needs the grid's year and month headings.
ROW_CONTEXT_PT = 5.0  # also the margin left and right of a row
CELL_CONTEXT_PT = 48.0
CELL_WIDTH_SHARE = 0.3  # a box narrower than this share of the page width is a cell
HIGHLIGHT_PAD_PT = 2.0
REDACT_PAD_PT = 2.0  # glyph edges can poke out of a word bbox (descenders, bold strokes)
HIGHLIGHT_FILL = (255, 214, 0, 96)  # translucent yellow: the row's text stays readable under it
HIGHLIGHT_LINE = (214, 0, 0, 255)
PROBE_SCALE = 0.25  # an 18-dpi render is enough to see a red seal or a coloured logo
COLOUR_TOLERANCE = 24  # per-channel spread below this is anti-aliasing of black text, not colour

_PDFIUM = threading.RLock()  # re-entrant: a bundle holds several documents open at once


@dataclass(frozen=True)
class Excerpt:
    """A PNG crop of part of a page; width and height are that part's size in PDF points, the
    size the bundle shows it at (smaller if the page column is narrower)."""

    png: bytes
    width: float
    height: float


@dataclass(frozen=True)
class PageImage:
    """A whole page as raw 8-bit samples (gray, or RGB when the page has colour)."""

    width: float  # page size in points
    height: float
    pixels: bytes
    size: tuple[int, int]  # in pixels
    colour: bool


class SourcePdf:
    """One original document, open in pdfium while the bundle is built."""

    def __init__(self, doc: Any, path: Path) -> None:
        self._doc = doc
        self.path = path

    def __len__(self) -> int:
        return len(self._doc)

    def excerpt(self, page: int, bbox: BBox, hide: Sequence[BBox] = ()) -> Excerpt:
        """The part of `page` around `bbox` with the box highlighted and the `hide` boxes
        (unrelated rows that show in it) blacked out."""
        pdf_page = self._page(page)
        width, height = _size(pdf_page)
        left, top, right, bottom = _region(bbox, width, height)
        scale = EXCERPT_DPI / 72
        bitmap = pdf_page.render(scale=scale, crop=(left, height - bottom, width - right, top),
                                 rev_byteorder=True)
        image: Image.Image = bitmap.to_pil().convert("RGB")
        _black_out(image, hide, scale, (left, top))
        image = _highlight(image, bbox, scale, (left, top))
        out = io.BytesIO()
        image.save(out, "PNG", compress_level=1)  # WeasyPrint decodes it and compresses again
        return Excerpt(out.getvalue(), right - left, bottom - top)

    def redacted(self, page: int, boxes: Sequence[BBox], dpi: int = REDACT_DPI) -> PageImage:
        """`page` as an image with `boxes` blacked out: nothing of those rows survives, not even
        text hidden under a drawn rectangle."""
        pdf_page = self._page(page)
        width, height = _size(pdf_page)
        colour = _has_colour(pdf_page)
        scale = dpi / 72
        bitmap = pdf_page.render(scale=scale, grayscale=not colour, rev_byteorder=True)
        image: Image.Image = bitmap.to_pil()
        image = image.convert("RGB" if colour else "L")
        _black_out(image, boxes, scale, (0.0, 0.0))
        return PageImage(width, height, image.tobytes(), image.size, colour)

    def _page(self, page: int) -> Any:
        if not 1 <= page <= len(self._doc):
            raise RenderError(f"{self.path.name}: page {page} is outside the document ({len(self._doc)} pages)")
        return self._doc[page - 1]


@contextmanager
def open_source(path: Path) -> Iterator[SourcePdf]:
    """Holds the pdfium lock until the document is closed."""
    import pypdfium2 as pdfium

    with _PDFIUM:
        try:
            doc = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            raise RenderError(f"{path.name}: cannot open for the evidence bundle: {exc}") from exc
        try:
            yield SourcePdf(doc, path)
        finally:
            doc.close()


def _size(pdf_page: Any) -> tuple[float, float]:
    """Page width and height in points (pdfium returns Python floats)."""
    width, height = pdf_page.get_size()
    return width, height


def _region(bbox: BBox, width: float, height: float) -> tuple[float, float, float, float]:
    """What an excerpt shows of the page: a row with a small margin (landscape rows stay as large
    as they can), or a cell with the full page width and the grid headings above it."""
    x0, y0, x1, y1 = bbox
    if x1 - x0 < CELL_WIDTH_SHARE * width:
        return 0.0, max(0.0, y0 - CELL_CONTEXT_PT), width, min(height, y1 + CELL_CONTEXT_PT)
    return (max(0.0, x0 - ROW_CONTEXT_PT), max(0.0, y0 - ROW_CONTEXT_PT),
            min(width, x1 + ROW_CONTEXT_PT), min(height, y1 + ROW_CONTEXT_PT))


def _padded(box: BBox, pad: float, scale: float, origin: tuple[float, float]) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = box
    left, top = origin
    return ((x0 - pad - left) * scale, (y0 - pad - top) * scale, (x1 + pad - left) * scale,
            (y1 + pad - top) * scale)


def _black_out(image: Image.Image, boxes: Sequence[BBox], scale: float, origin: tuple[float, float]) -> None:
    draw = ImageDraw.Draw(image)
    black = 0 if image.mode == "L" else (0, 0, 0)
    for box in boxes:
        draw.rectangle(_padded(box, REDACT_PAD_PT, scale, origin), fill=black)


def _highlight(image: Image.Image, bbox: BBox, scale: float, origin: tuple[float, float]) -> Image.Image:
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    ImageDraw.Draw(overlay).rectangle(_padded(bbox, HIGHLIGHT_PAD_PT, scale, origin), fill=HIGHLIGHT_FILL,
                                      outline=HIGHLIGHT_LINE, width=max(2, round(scale)))
    return Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")


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
