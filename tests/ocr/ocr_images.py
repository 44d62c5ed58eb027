"""Scans made in the tests from our fixture PDFs: pages rendered with pypdfium2 and turned,
skewed or put side by side with Pillow."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import FIXTURES


def fixture_pdf(name: str) -> Path:
    return FIXTURES / "statements" / name / "input.pdf"


def pages(pdf: Path, dpi: int = 200) -> list[Any]:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return [doc[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(len(doc))]
    finally:
        doc.close()


def save_pdf(images: list[Any], path: Path, dpi: int = 200) -> Path:
    """An image-only PDF, as a scanner writes one."""
    images[0].convert("RGB").save(path, save_all=True, append_images=[i.convert("RGB") for i in images[1:]],
                                  resolution=dpi)
    return path


def two_up(left: Any, right: Any) -> Any:
    from PIL import Image

    sheet = Image.new("L", (left.width + right.width, max(left.height, right.height)), 255)
    sheet.paste(left, (0, 0))
    sheet.paste(right, (left.width, 0))
    return sheet
