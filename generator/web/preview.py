"""The pages of an output PDF as PNG images, for the page's preview: the real PDF, drawn by
pdfium (the library the bundle's excerpts use), never a second rendering of the letter."""

from __future__ import annotations

import io
from collections import OrderedDict
from pathlib import Path

PREVIEW_WIDTH = 900  # pixels: sharp on a phone, readable at 200% zoom in a 1000px column
_CACHE_SIZE = 64
_cache: OrderedDict[tuple[str, int, int, int], bytes] = OrderedDict()


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    from generator.render.excerpt import _PDFIUM  # pdfium is not thread-safe: one lock for every use

    with _PDFIUM:
        doc = pdfium.PdfDocument(str(path))
        try:
            return len(doc)
        finally:
            doc.close()


def page_png(path: Path, page: int) -> bytes | None:
    """Page `page` (from 1), or None when the PDF has no such page."""
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns, page)
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    png = _render(path, page)
    if png is not None:
        _cache[key] = png
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return png


def _render(path: Path, page: int) -> bytes | None:
    import pypdfium2 as pdfium

    from generator.render.excerpt import _PDFIUM

    with _PDFIUM:
        doc = pdfium.PdfDocument(str(path))
        try:
            if not 1 <= page <= len(doc):
                return None
            pdf_page = doc[page - 1]
            width, _ = pdf_page.get_size()
            image = pdf_page.render(scale=PREVIEW_WIDTH / width).to_pil()
        finally:
            doc.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
