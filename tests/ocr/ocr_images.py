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


def phone_photo(page: Any) -> Any:
    """`page` photographed at an angle: its corners pulled in unevenly, on a darker, striped desk."""
    import numpy as np
    from PIL import Image

    w, h = page.width + 400, page.height + 400
    corners = [(230, 260), (w - 180, 160), (w - 260, h - 150), (300, h - 230)]  # where the page's corners land
    source = [(0, 0), (page.width, 0), (page.width, page.height), (0, page.height)]
    rows = []
    for (x, y), (u, v) in zip(corners, source):  # the map from the photo back to the page
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    coeffs = np.linalg.solve(np.array(rows, float), np.array([c for p in source for c in p], float))
    desk = Image.new("L", (w, h), 120)
    for x in range(0, w, 24):
        desk.paste(100, (x, 0, x + 8, h))
    warped = page.convert("L").transform((w, h), Image.Transform.PERSPECTIVE, tuple(coeffs.tolist()),
                                         Image.Resampling.BICUBIC, fillcolor=0)
    mask = Image.new("L", page.size, 255).transform((w, h), Image.Transform.PERSPECTIVE, tuple(coeffs.tolist()),
                                                     fillcolor=0)
    desk.paste(warped, (0, 0), mask)
    return desk.convert("RGB")
