"""Before the words are taken: flatten a photographed page, turn it upright (0/90/180/270°), straighten a slight skew
(±5°), and cut a two-up scan (two pages side by side on one landscape sheet) into its pages.

The decisions are made from the first reading of the sheet, so an upright page, the usual case,
is read once: printed lines are wide boxes, so a page turned by 90° shows tall ones; the
engine's line classifier tells 0° from 180°; the slope of wide boxes gives the skew. A page that
needs turning is turned and read again. A band down the middle of a landscape sheet that no line
crosses, with text on both sides, is the gutter between two pages (a landscape table's titles
and rows cross its middle).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from statistics import median
from typing import Any

from generator.ocr.engine import OcrLine, Quad, upside_down

logger = logging.getLogger(__name__)

MAX_SKEW = 5.0  # degrees
MIN_SKEW = 0.15  # degrees: below this a rotation only blurs
GUTTER = 0.03  # of the width: the least empty band between two pages
SAMPLE = 12  # lines the 0°/180° classifier reads

Reader = Callable[[Any], list[OcrLine]]


def _size(quad: Quad) -> tuple[float, float]:
    (x0, y0), (x1, y1), _, (x3, y3) = quad
    return math.hypot(x1 - x0, y1 - y0), math.hypot(x3 - x0, y3 - y0)


def _tall(lines: list[OcrLine]) -> bool:
    """Most multi-character boxes are taller than wide: the text runs up or down the page."""
    shapes = [_size(ln.quad) for ln in lines]
    long = [(w, h) for w, h in shapes if max(w, h) > 2 * min(w, h)]
    return bool(long) and sum(1 for w, h in long if h > w) > len(long) / 2


def _crops(image: Any, lines: list[OcrLine]) -> list[Any]:
    import numpy as np

    wide = sorted(lines, key=lambda ln: -(ln.box[2] - ln.box[0]))[:SAMPLE]
    out = []
    for ln in wide:
        crop = image.crop((int(ln.box[0]), int(ln.box[1]), int(ln.box[2]) + 1, int(ln.box[3]) + 1))
        if crop.width > 4 and crop.height > 4:
            out.append(np.asarray(crop.convert("RGB")))
    return out


def skew(lines: list[OcrLine]) -> float:
    """The median slope of wide boxes' top edges, in degrees (positive: falling to the right)."""
    angles = []
    for ln in lines:
        w, h = _size(ln.quad)
        if w > 4 * h:
            (x0, y0), (x1, y1) = ln.quad[0], ln.quad[1]
            angles.append(math.degrees(math.atan2(y1 - y0, x1 - x0)))
    return median(angles) if angles else 0.0


def upright(image: Any, file: str, read: Reader) -> tuple[Any, list[OcrLine]]:
    """`image` turned so that its text reads left to right, top down, and straightened, with
    its lines as `read` gives them."""
    lines = read(image)
    turn = 0
    if _tall(lines):
        turn, image = 90, image.rotate(90, expand=True)
        lines = read(image)
    if upside_down(_crops(image, lines), file) > 0.5:
        turn, image = turn + 180, image.rotate(180, expand=True)
        lines = read(image)
    if turn:
        logger.info("%s: page turned by %d°", file, turn)
    angle = skew(lines)
    if MIN_SKEW < abs(angle) <= MAX_SKEW:
        logger.info("%s: page straightened by %.2f°", file, angle)
        image = image.rotate(angle, expand=False, fillcolor="white", resample=_bicubic())
        lines = read(image)
    return image, lines


def flatten(image: Any, file: str) -> Any:
    """A phone photo of a page: the page cut out of its background and its perspective undone.
    The page is the largest region of edges whose hull has four corners, covering a quarter to
    nearly all of the photo, brighter than what lies around it (a scan's table block is not:
    paper surrounds it), and not an upright rectangle (an app screenshot's cards stay)."""
    import cv2
    import numpy as np

    grey = cv2.cvtColor(np.asarray(image.convert("RGB")), cv2.COLOR_RGB2GRAY)
    scale = min(1.0, 800 / max(grey.shape))
    probe = cv2.GaussianBlur(cv2.resize(grey, None, fx=scale, fy=scale), (5, 5), 0)
    edges = cv2.dilate(cv2.Canny(probe, 50, 150), np.ones((3, 3), np.uint8), iterations=2)
    contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return image
    hull = cv2.convexHull(max(contours, key=cv2.contourArea))
    corners = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
    share = cv2.contourArea(corners) / (probe.shape[0] * probe.shape[1])
    if len(corners) != 4 or not 0.25 <= share <= 0.97:
        return image
    inside = np.zeros(probe.shape, np.uint8)
    cv2.fillConvexPoly(inside, corners.reshape(-1, 2), 1)
    if probe[inside == 1].mean() < probe[inside == 0].mean() + 25:
        return image
    quad = _clockwise([(p[0] / scale, p[1] / scale) for p in corners.reshape(-1, 2).tolist()])
    if _rectangle(quad, max(image.size)):
        return image
    width = round(max(math.dist(quad[0], quad[1]), math.dist(quad[3], quad[2])))
    height = round(max(math.dist(quad[0], quad[3]), math.dist(quad[1], quad[2])))
    target = [(0, 0), (width, 0), (width, height), (0, height)]
    matrix = cv2.getPerspectiveTransform(np.array(quad, np.float32), np.array(target, np.float32))
    flat = cv2.warpPerspective(np.asarray(image.convert("RGB")), matrix, (width, height), flags=cv2.INTER_CUBIC)
    logger.info("%s: a photographed page, flattened to %dx%d", file, width, height)
    from PIL import Image

    return Image.fromarray(flat)


def _clockwise(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Top-left, top-right, bottom-right, bottom-left."""
    by_sum = sorted(points, key=lambda p: p[0] + p[1])
    by_diff = sorted(points, key=lambda p: p[1] - p[0])
    return [by_sum[0], by_diff[0], by_sum[-1], by_diff[-1]]


def _rectangle(quad: list[tuple[float, float]], side: float) -> bool:
    """The corners stand within 1% of the photo's size of an upright rectangle's."""
    tol = 0.01 * side
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = quad
    return abs(x0 - x3) < tol and abs(x1 - x2) < tol and abs(y0 - y1) < tol and abs(y3 - y2) < tol


def _bicubic() -> Any:
    from PIL import Image

    return Image.Resampling.BICUBIC


def split_two_up(image: Any, lines: list[OcrLine], file: str) -> list[tuple[Any, list[OcrLine]]]:
    """The pages of a two-up sheet, left then right, each with its lines; the sheet alone for
    anything else."""
    whole = [(image, lines)]
    if image.width < 1.25 * image.height:
        return whole
    width = image.width
    covered = [False] * width
    for ln in lines:
        for x in range(max(0, int(ln.box[0])), min(width, int(ln.box[2]) + 1)):
            covered[x] = True
    best = _widest_gap(covered, int(0.35 * width), int(0.65 * width))
    if best is None or best[1] - best[0] < GUTTER * width:
        return whole
    cut = round((best[0] + best[1]) / 2)
    left = [ln for ln in lines if ln.box[2] < cut]
    right = [ln.shifted(-cut) for ln in lines if ln.box[0] > cut]
    if min(len(left), len(right)) < 3:
        return whole
    logger.info("%s: two pages side by side, cut at x=%d", file, cut)
    return [(image.crop((0, 0, cut, image.height)), left), (image.crop((cut, 0, width, image.height)), right)]


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
