"""The OCR engine: rapidocr-onnxruntime, whose PP-OCRv4 models ship inside its wheel and run on
the CPU through onnxruntime (nothing is fetched at run time). The only module that imports it.

It is loaded once a process (about 0.2 s and 200 MB) and kept: pages share it. Without the
`ocr` extra the first scan raises `OcrUnavailable`, a one-line error saying how to install it.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from generator.errors import OcrUnavailable

logger = logging.getLogger(__name__)

Quad = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]
Box = tuple[float, float, float, float]  # x0, top, x1, bottom in pixels


@dataclass(frozen=True)
class OcrLine:
    """One text line as the engine read it: its text, box (pixels), the engine's confidence in
    the whole line, and one box per character where the engine gives them."""

    text: str
    box: Box
    score: float
    chars: tuple[Box, ...] | None
    quad: Quad  # the detector's box, corners clockwise from top-left: its slope is the line's

    def shifted(self, dx: float) -> OcrLine:
        """The line `dx` pixels to the right (a two-up sheet's right page, cut off)."""
        def move(b: Box) -> Box:
            return (b[0] + dx, b[1], b[2] + dx, b[3])
        quad = tuple((x + dx, y) for x, y in self.quad)
        return OcrLine(self.text, move(self.box), self.score,
                       tuple(move(c) for c in self.chars) if self.chars else None, quad)  # type: ignore[arg-type]


# Lines the engine is less sure of are kept, with their confidence, down to this: a thin "/" in a
# credit report's grid cell scores about 0.35, and a grid row without it cannot be read at all.
MIN_SCORE = 0.3

_lock = threading.Lock()
_engine: Any = None


def engine(file: str) -> Any:
    """The process's engine, loaded on first use; `file` names the document that needed it."""
    global _engine
    with _lock:
        if _engine is None:
            try:
                from rapidocr_onnxruntime import RapidOCR
            except ImportError:
                raise OcrUnavailable(file, "ocr.unavailable") from None
            _engine = RapidOCR(print_verbose=False)
        return _engine


def _floats(values: Any) -> Any:
    """Plain Python numbers from the engine's numpy values and lists."""
    import numpy as np

    return np.asarray(values, dtype=np.float64).tolist()


def _bounds(points: Any) -> Box:
    pts = _floats(points)
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return (min(xs), min(ys), max(xs), max(ys))


def read_lines(image: Any, file: str) -> list[OcrLine]:
    """The text lines of `image` (an RGB numpy array); the page is already upright, so the
    engine's per-line 180° classifier is not run."""
    ocr = engine(file)
    result, _ = ocr(image[:, :, ::-1].copy(), use_cls=False, return_word_box=True, text_score=MIN_SCORE)
    out = []
    for item in result or ():
        chars = item[3] if len(item) > 3 and item[3] else None
        quad = tuple((p[0], p[1]) for p in _floats(item[0]))
        out.append(OcrLine(str(item[1]), _bounds(item[0]), _floats(item[2]),
                           tuple(_bounds(c) for c in chars) if chars else None, quad))  # type: ignore[arg-type]
    return out


def upside_down(crops: list[Any], file: str) -> float:
    """The share of `crops` (RGB line images) the engine's classifier reads as turned by 180°."""
    if not crops:
        return 0.0
    ocr = engine(file)
    _, results, _ = ocr.text_cls([c[:, :, ::-1].copy() for c in crops])
    flipped = sum(1 for label, score in results if "180" in str(label) and _floats(score) > 0.6)
    return flipped / len(crops)
