"""Before OCR: turn a page upright (0/90/180/270°), straighten a slight skew (±5°), and cut a
two-up scan (two pages side by side on one landscape sheet) into its pages.

All three decisions are made from the engine's text boxes on a reduced copy (detection only,
about a tenth of a page's recognition time): printed lines are wide boxes, so a page turned by
90° shows tall ones; the engine's line classifier tells 0° from 180°; the top edges of wide
boxes give the skew; and a band down the middle that no box crosses, with text on both sides,
is the gutter between two pages (a landscape table's titles and rows cross its middle).
"""

from __future__ import annotations

import logging
import math
from statistics import median
from typing import Any

from generator.ocr.engine import Quad, detect_boxes, upside_down

logger = logging.getLogger(__name__)

PROBE_SIDE = 1280  # pixels: the reduced copy the decisions are made on
MAX_SKEW = 5.0  # degrees
MIN_SKEW = 0.15  # degrees: below this a rotation only blurs
GUTTER = 0.03  # of the width: the least empty band between two pages
SAMPLE = 12  # lines the 0°/180° classifier reads


def _array(image: Any) -> Any:
    import numpy as np

    return np.asarray(image.convert("RGB"))


def _probe(image: Any) -> tuple[Any, float]:
    """A reduced copy and its scale (copy pixels per image pixel)."""
    side = max(image.size)
    if side <= PROBE_SIDE:
        return image, 1.0
    factor = PROBE_SIDE / side
    return image.resize((max(1, round(image.width * factor)), max(1, round(image.height * factor)))), factor


def _size(quad: Quad) -> tuple[float, float]:
    (x0, y0), (x1, y1), _, (x3, y3) = quad
    return math.hypot(x1 - x0, y1 - y0), math.hypot(x3 - x0, y3 - y0)


def _tall(boxes: list[Quad]) -> bool:
    """Most multi-character boxes are taller than wide: the text runs up or down the page."""
    shapes = [_size(q) for q in boxes]
    long = [(w, h) for w, h in shapes if max(w, h) > 2 * min(w, h)]
    return bool(long) and sum(1 for w, h in long if h > w) > len(long) / 2


def _crops(image: Any, boxes: list[Quad]) -> list[Any]:
    wide = sorted(boxes, key=lambda q: -_size(q)[0])[:SAMPLE]
    out = []
    for q in wide:
        xs, ys = [p[0] for p in q], [p[1] for p in q]
        crop = image.crop((int(min(xs)), int(min(ys)), int(max(xs)) + 1, int(max(ys)) + 1))
        if crop.width > 4 and crop.height > 4:
            out.append(_array(crop))
    return out


def skew(boxes: list[Quad]) -> float:
    """The median slope of wide boxes' top edges, in degrees (positive: falling to the right)."""
    angles = []
    for q in boxes:
        w, h = _size(q)
        if w > 4 * h:
            (x0, y0), (x1, y1) = q[0], q[1]
            angles.append(math.degrees(math.atan2(y1 - y0, x1 - x0)))
    return median(angles) if angles else 0.0


def upright(image: Any, file: str) -> Any:
    """`image` turned so that its text reads left to right, top down, and straightened."""
    probe, _ = _probe(image)
    boxes = detect_boxes(_array(probe), file)
    turn = 0
    if _tall(boxes):
        turn = 90
        probe = probe.rotate(90, expand=True)
        boxes = detect_boxes(_array(probe), file)
    if upside_down(_crops(probe, boxes), file) > 0.5:
        turn += 180
    if turn:
        logger.info("%s: page turned by %d°", file, turn)
        image = image.rotate(turn, expand=True)
        if turn >= 180:
            probe = probe.rotate(180, expand=True)
            boxes = detect_boxes(_array(probe), file)
    angle = skew(boxes)
    if MIN_SKEW < abs(angle) <= MAX_SKEW:
        logger.info("%s: page straightened by %.2f°", file, angle)
        image = image.rotate(angle, expand=False, fillcolor="white", resample=_bicubic())
    return image


def _bicubic() -> Any:
    from PIL import Image

    return Image.Resampling.BICUBIC


def split_two_up(image: Any, file: str) -> list[Any]:
    """The pages of a two-up sheet, left then right; `[image]` for anything else."""
    if image.width < 1.25 * image.height:
        return [image]
    probe, factor = _probe(image)
    boxes = detect_boxes(_array(probe), file)
    width = probe.width
    covered = [False] * width
    for q in boxes:
        xs = [p[0] for p in q]
        for x in range(max(0, int(min(xs))), min(width, int(max(xs)) + 1)):
            covered[x] = True
    best = _widest_gap(covered, int(0.35 * width), int(0.65 * width))
    if best is None or best[1] - best[0] < GUTTER * width:
        return [image]
    cut = (best[0] + best[1]) / 2
    left = sum(1 for q in boxes if max(p[0] for p in q) < cut)
    right = sum(1 for q in boxes if min(p[0] for p in q) > cut)
    if min(left, right) < 3:
        return [image]
    at = round(cut / factor)
    logger.info("%s: two pages side by side, cut at x=%d", file, at)
    return [image.crop((0, 0, at, image.height)), image.crop((at, 0, image.width, image.height))]


def _widest_gap(covered: list[bool], lo: int, hi: int) -> tuple[int, int] | None:
    best: tuple[int, int] | None = None
    start: int | None = None
    for x in range(lo, hi + 1):
        free = x < hi and not covered[x]
        if free and start is None:
            start = x
        elif not free and start is not None:
            if best is None or x - start > best[1] - best[0]:
                best = (start, x)
            start = None
    return best
