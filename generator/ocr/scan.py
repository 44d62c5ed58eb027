"""Scans and images as pages of words: what generator/pdf gives the readers for a text layer.

A scan is read whole when it is opened: every sheet (an image file, or a PDF page without a
text layer, rendered at `DPI`) is turned upright, straightened and, if two-up, cut in two
(generator/ocr/prepare.py), then read line by line (generator/ocr/engine.py). Pages are put in
their printed order (第N页 / 第N页，共M页) when every page prints a distinct number and the file
holds them in another order. Only the words are kept, with their confidences, never the
images: a page is a few hundred kilobytes of pixels at a time.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Any

from generator.errors import PdfError
from generator.ocr.engine import OcrLine, engine, read_lines
from generator.ocr.prepare import flatten, split_two_up, upright
from generator.ocr.words import page_words
from generator.pdf.words import RawWord

logger = logging.getLogger(__name__)

DPI = 200  # renders a PDF page's image: 200 dpi reads 7-pt print, and a page takes about 4 s
MAX_PIXELS = 60_000_000  # an image file larger than this is refused (a decompression bomb)
LINE_POINTS = 10.0  # an image without a resolution is sized so its median line is this tall
_PAGE_NUMBER = re.compile(r"第\s*(\d{1,4})\s*页")


@dataclass(frozen=True)
class ScanPage:
    """A page read by OCR: size and words in points, a confidence per word, and where it came
    from (the sheet, 1-based, and which half of a two-up sheet)."""

    width: float
    height: float
    words: list[RawWord]
    confidences: list[float]
    sheet: int
    half: str | None = None

    def text(self) -> str:
        return " ".join(w[0] for w in self.words)


def _page(image: Any, lines: list[OcrLine], scale: float | None, sheet: int, half: str | None) -> ScanPage:
    if scale is None:
        heights = [ln.box[3] - ln.box[1] for ln in lines]
        scale = LINE_POINTS / median(heights) if heights else 72 / DPI
    words, confidences = page_words(lines, scale)
    return ScanPage(image.width * scale, image.height * scale, words, confidences, sheet, half)


def read_sheet(image: Any, scale: float | None, file: str, sheet: int) -> list[ScanPage]:
    """The page or two pages of one sheet."""
    import numpy as np

    def read(img: Any) -> list[OcrLine]:
        return read_lines(np.asarray(img.convert("RGB")), file)

    image, lines = upright(flatten(image, file), file, read)
    halves = split_two_up(image, lines, file)
    if len(halves) == 1:
        return [_page(image, lines, scale, sheet, None)]
    # Each page again on its own: the engine reads a sheet at no more than 2000 pixels a side.
    return [_page(h, read(h), scale, sheet, side) for (h, _), side in zip(halves, ("left", "right"))]


def printed_order(pages: list[ScanPage], file: str) -> list[ScanPage]:
    """`pages` in the order of their printed numbers, when each prints a distinct one."""
    numbers = []
    for page in pages:
        found = _PAGE_NUMBER.findall(page.text().replace(" ", ""))
        numbers.append(int(found[-1]) if found else None)
    if None in numbers or len(set(numbers)) != len(numbers):
        return pages
    ordered = [p for _, p in sorted(zip(numbers, pages), key=lambda np: np[0] or 0)]
    if ordered != pages:
        logger.info("%s: pages put in their printed order %s", file, sorted(n or 0 for n in numbers))
    return ordered


def image_scale(image: Any) -> float | None:
    """Points a pixel from the file's own resolution, if it gives a believable one."""
    dpi = image.info.get("dpi")
    x = dpi[0] if isinstance(dpi, tuple) and dpi and isinstance(dpi[0], (int, float)) else 0
    return 72 / x if 100 <= x <= 1200 else None


def open_image(path: Path, file: str) -> Any:
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        image = Image.open(path)
        image.load()
    except Image.DecompressionBombError:
        raise PdfError(file, "ocr.image_bomb", pixels=MAX_PIXELS) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise PdfError(file, "ocr.image_unreadable", detail=str(exc)) from None
    return ImageOps.exif_transpose(image)  # a phone photo stores its turn in EXIF


def read_image(path: Path, file: str) -> list[ScanPage]:
    engine(file)  # without the OCR extra, say so before anything else
    image = open_image(path, file)
    return printed_order(read_sheet(image, image_scale(image), file, 1), file)


def read_pdf(pdf: Any, file: str) -> list[ScanPage]:
    """Every page of an open pypdfium2 document, as a scan."""
    engine(file)
    pages: list[ScanPage] = []
    for index in range(len(pdf)):
        page = pdf[index]
        try:
            image = page.render(scale=DPI / 72).to_pil()
        finally:
            page.close()
        pages.extend(read_sheet(image, 72 / DPI, file, index + 1))
    return printed_order(pages, file)


class ScanSource:
    """generator/pdf's page source over pages read by OCR."""

    def __init__(self, pages: list[ScanPage]) -> None:
        self.scan_pages = pages
        self.page_count = len(pages)

    def extract(self, index: int) -> tuple[float, float, list[RawWord]]:
        page = self.scan_pages[index]
        return page.width, page.height, page.words

    def close(self) -> None:
        pass
