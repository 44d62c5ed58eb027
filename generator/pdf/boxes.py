"""pdfminer's character boxes from pdfium's numbers: the arithmetic of the pdfium backend.

pdfminer (under pdfplumber) builds each character's box in text space as
(0, descent x size) - (advance, descent x size + size), maps it through the text matrix and the
page's device matrix (MediaBox origin, /Rotate), and pdfplumber turns y upwards into `top` from
the page's top edge. We redo the same float64 operations in the same order, so boxes come out
equal to the last bit, not just to two decimals. No pdfium calls here (generator/pdf/pdfium.py).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from generator.pdf.fonts import Metrics
from generator.pdf.words import Run

KERN_TOLERANCE = 2e-3  # pt; pdfium's float32 positions are good to ~1e-4, a kern is >= size/1000


@lru_cache(maxsize=1 << 16)
def snap(value: float) -> float:
    """pdfium returns numbers as float32; producers write decimals (ReportLab: 7 significant
    digits, `79.45409`). float32 resolves 7 significant digits everywhere, so rounding to 7 gives
    back the written number, as pdfminer's float64 has it. Cached: coordinates repeat a lot."""
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, 6 - math.floor(math.log10(abs(value))))


@dataclass(frozen=True)
class Geometry:
    """pdfplumber's page size and pdfminer's device matrix (rotation, MediaBox origin)."""

    width: float
    height: float
    mb_x0: float
    mb_top: float
    ctm: tuple[float, float, float, float, float, float]

    @property
    def unrotated(self) -> bool:
        return self.ctm[:4] == (1, 0, 0, 1)

    def device(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self.ctm
        return a * x + c * y + e, b * x + d * y + f

    def to_plumber(self, x: float, y: float) -> tuple[float, float]:
        """A device point as pdfplumber's (x, top)."""
        x = x + self.mb_x0 if self.mb_x0 != 0 else x
        return x, (self.height - y) + self.mb_top


def page_geometry(mediabox: tuple[float, float, float, float], rotation: int) -> Geometry:
    x0, y0, x1, y1 = (snap(v) for v in mediabox)
    # pdfplumber.Page.__init__: normalised MediaBox, sides swapped for 90/270, top-left origin.
    nx0, nx1 = sorted((x0, x1))
    ny0, ny1 = sorted((y0, y1))
    box = (ny0, nx0, ny1, nx1) if rotation in (90, 270) else (nx0, ny0, nx1, ny1)
    mb_height = box[3] - box[1]
    plumber = (box[0], mb_height - box[3], box[2], mb_height - box[1])
    # pdfminer PDFPageInterpreter.process_page: the device matrix.
    ctm = {90: (0.0, -1.0, 1.0, 0.0, -y0, x1), 180: (-1.0, 0.0, 0.0, -1.0, x1, y1),
           270: (0.0, 1.0, -1.0, 0.0, y1, -x0)}.get(rotation, (1.0, 0.0, 0.0, 1.0, -x0, -y0))
    return Geometry(plumber[2] - plumber[0], plumber[3] - plumber[1], plumber[0], plumber[1], ctm)


class Font:
    """A font as one page uses it: name, advances in em, descent in em (negative)."""

    __slots__ = ("name", "metrics", "em", "trunc", "descent")

    def __init__(self, name: str, metrics: Metrics | None, descent: float) -> None:
        self.name = name
        self.descent = descent  # pdfium's, used only without pdfminer's metrics
        self.metrics: Metrics | None = None
        self.em: dict[str, float] = {}
        self.trunc: dict[str, float] = {}
        if metrics is not None:
            self.use(metrics)

    def use(self, metrics: Metrics) -> None:
        self.metrics, self.em, self.trunc, self.descent = metrics, metrics.em, metrics.trunc, metrics.descent


class TextObject:
    """A text object's font, size and matrix (Tm x CTM, with Tz and rise; user space)."""

    __slots__ = ("font", "size", "a", "b", "c", "d", "e", "f", "raw_e", "raw_f", "plain")

    def __init__(self, font: Font, size: float, raw: list[float]) -> None:
        self.font, self.size = font, size
        a, b, c, d, e, f = raw
        self.plain = (a, b, c, d) == (1.0, 0.0, 0.0, 1.0)  # most text: no scaling or rotation
        if not self.plain:
            a, b, c, d = snap(a), snap(b), snap(c), snap(d)
        self.a, self.b, self.c, self.d = a, b, c, d
        self.e, self.f = snap(e), snap(f)
        self.raw_e, self.raw_f = e, f  # pdfium's first origin, exactly as it reports origins

    def project(self, x: float, y: float) -> tuple[float, float]:
        """A point pdfium reported, in this object's text space: along and across the baseline."""
        dx, dy = x - self.raw_e, y - self.raw_f
        if self.plain:
            return dx, dy
        a, b = self.a, self.b
        norm = a * a + b * b
        if norm == 0.0:  # a matrix that scales text to nothing: nothing to measure along
            return dx, dy
        return (dx * a + dy * b) / norm, (dy * a - dx * b) / norm

    def same_axes(self, other: TextObject) -> bool:
        return (self.a, self.b, self.c, self.d) == (other.a, other.b, other.c, other.d)


# Where the previous run ended: its object, the text space it was measured in, that end as we
# compute it and as pdfium does, and the spacing after its last character, pdfium's (Tc, or
# Tc + Tw after a space) and pdfminer's (Tw after a space: pdfminer adds Tc only between the
# characters of one string).
Cursor = tuple[int, TextObject, float, float, float, float]


def continue_from(cursor: Cursor, obj: int, p_start: float) -> float | None:
    """Where a run starts in the previous run's text space if it continues it, else None: the
    same object (split by a generated space; the step is a TJ kern), or the next string shown in
    the same BT, which pdfium starts where its own truncated advances end."""
    last_obj, _, x_end, p_end, trail_pdfium, trail_ours = cursor
    if last_obj == obj:
        gap = p_start - p_end
        return x_end + (round(gap, 4) if abs(gap) > KERN_TOLERANCE else 0.0)
    if abs(p_start - p_end - trail_pdfium) <= KERN_TOLERANCE:
        return x_end + trail_ours
    return None


# A run as pdfium reports it (generator/pdf/_pdfscan.c, or pdf_pdfium.py through ctypes): start, end,
# text object, font size, font, the object's matrix (a, b, c, d, e, f) at its first character, and
# the first and last characters' x origins.
Piece = tuple[int, int, int, float, int, float, float, float, float, float, float, float, float]


class PageRuns:
    """One page's reading: its text objects and fonts so far, where the last run ended, and the
    common run (`plain`). pdf_pdfium.py reads the pieces and makes every other run (`general`)."""

    def __init__(self, geometry: Geometry, font_of: Callable[[int], Font]) -> None:
        self.geometry = geometry
        self.plain_page = geometry.unrotated
        self.shift = (geometry.ctm[4], geometry.ctm[5])
        self.font_of = font_of
        self.objects: dict[int, TextObject] = {}
        self.fonts: dict[int, Font] = {}  # pdfium's font pointers are stable while the page is open
        self.cursor: Cursor | None = None

    def runs(self, text: str, pieces: list[Piece], general: Callable[[str, int, int, int], Run]) -> list[Run]:
        out: list[Run] = []
        for piece in pieces:
            start = piece[0]
            part = text[start:piece[1]]
            run = self.plain(part, piece, len(out))
            out.append(run if run is not None else general(part, start, piece[2], len(out)))
        return out

    def text_object(self, piece: Piece) -> TextObject:
        obj = piece[2]
        found = self.objects.get(obj)
        if found is None:
            font_ptr = piece[4]
            font = self.fonts.get(font_ptr)
            if font is None:
                font = self.fonts[font_ptr] = self.font_of(font_ptr)
            matrix = [piece[5], piece[6], piece[7], piece[8], piece[9], piece[10]]
            found = self.objects[obj] = TextObject(font, snap(piece[3]), matrix)
        return found

    def plain(self, text: str, piece: Piece, order: int) -> Run | None:
        """The common run (unscaled upright text, known metrics, no spacing), else None."""
        obj, x_first = piece[2], piece[11]
        info = self.text_object(piece)
        cursor = self.cursor
        if not (info.plain and self.plain_page) or (cursor is not None and not cursor[1].plain):
            return None
        frame, p_start = info, x_first - info.raw_e
        x_start = p_start
        if cursor is not None:
            continued = continue_from(cursor, obj, x_first - cursor[1].raw_e)
            if continued is not None:
                frame, p_start, x_start = cursor[1], x_first - cursor[1].raw_e, continued
        p_last = piece[12] - frame.raw_e if len(text) > 1 else p_start
        done = plain_run(self.geometry, info, frame, text, x_start, p_start, p_last, self.shift, order)
        if done is None:
            return None
        run, x_end = done
        self.cursor = (obj, frame, x_end, p_last + info.font.trunc[text[-1]] * info.size, 0.0, 0.0)
        return run


def plain_run(g: Geometry, info: TextObject, frame: TextObject, text: str, x_start: float, p_start: float,
              p_last: float, shift: tuple[float, float], order: int) -> tuple[Run, float] | None:
    """The common run (upright text in an unscaled frame on an unrotated page): boxes from the
    advances, and where the run ends in `frame`'s text space. None if a character has no known
    advance, or pdfium's last origin (`p_last`) is not where the truncated advances put it: spacing
    or kerning, which `run_boxes` handles. pdf_pdfium.py's general path mirrors this."""
    font, size = info.font, info.size
    # A loop per character rather than map/accumulate: runs are short (one table cell, ~10
    # characters), where building iterators costs more than the loop.
    em, trunc = font.em, font.trunc
    ems: list[float] = []
    for ch in text:
        found = em.get(ch)
        if found is None:
            return None
        ems.append(found)
    if len(text) > 1:
        step = 0.0
        for ch in text[:-1]:
            step += trunc[ch]
        if abs(p_last - p_start - step * size) > KERN_TOLERANCE:
            return None
    # pdfminer's device matrix; x from where the line's text began (`frame`), y from this object
    # (a text rise moves pdfium's object origin, not pdfminer's position on the line)
    e_dev, f_dev, mb_x0 = frame.e + shift[0], info.f + shift[1], g.mb_x0
    x0s: list[float] = []
    x1s: list[float] = []
    x = x_start  # pdfminer sums advances (width * fontsize, scaling 1) in text space
    for value in ems:
        adv = value * size
        x0 = x + e_dev
        x1 = adv + x0
        if mb_x0 != 0:
            x0, x1 = x0 + mb_x0, x1 + mb_x0
        x0s.append(x0)
        x1s.append(x1)
        x = x + adv
    y0b = font.descent * size  # the box's bottom and top in text space, times d == 1
    top = (g.height - ((y0b + size) + f_dev)) + g.mb_top
    bottom = (g.height - (y0b + f_dev)) + g.mb_top
    return Run(text, x0s, x1s, top, bottom, order), x


def dropped_spaces(ch: str, extra: float, space: float, unit: float) -> int:
    """pdfium keeps one of consecutive spaces ("a    b" has one space character) but not their
    advances: a step after a space that is whole spaces longer is that many dropped spaces."""
    if ch != " " or space <= 0:
        return 0
    count = round(extra / space)
    return count if count >= 1 and abs(extra - count * space) <= unit * count else 0


def run_boxes(g: Geometry, info: TextObject, frame: TextObject, text: str, xs: list[float],
              advs: list[float], order: int, gaps: bool) -> Run:
    """Boxes of characters at text-space positions `xs` of `frame` (where the line's text began;
    y comes from `info`, which has any text rise)."""
    size = info.size
    y0b = info.font.descent * size
    y1b = y0b + size
    a, d = frame.a, frame.d
    if not (g.unrotated and frame.b == 0 and frame.c == 0 and a > 0 and d > 0):
        return _rotated(g, frame, text, xs, advs, y0b, y1b, order)
    e_dev, f_dev = g.device(frame.e, info.f)
    x0 = [x * a + e_dev for x in xs]  # pdfminer: x0 = x * a + e, x1 = adv * a + x0
    x1 = [adv * a + x for adv, x in zip(advs, x0, strict=True)]
    if g.mb_x0 != 0:
        x0, x1 = [x + g.mb_x0 for x in x0], [x + g.mb_x0 for x in x1]
    top = (g.height - (d * y1b + f_dev)) + g.mb_top
    bottom = (g.height - (d * y0b + f_dev)) + g.mb_top
    # Negative spacing can move a character left of the previous one: pdfplumber's sort then
    # reorders characters, which only the per-character word rule reproduces.
    monotone = not gaps or all(p <= q for p, q in zip(x0, x0[1:]))  # noqa: B905
    return Run(text, x0, x1, top, bottom, order, aligned=monotone, gaps=gaps)


def _rotated(g: Geometry, frame: TextObject, text: str, xs: list[float], advs: list[float],
             y0b: float, y1b: float, order: int) -> Run:
    """Rotated text or page: each character's four corners through both matrices."""
    a, b, c, d, e, f = frame.a, frame.b, frame.c, frame.d, frame.e, frame.f
    x0s, x1s, tops, bottoms = [], [], [], []
    for x, adv in zip(xs, advs, strict=True):
        ox, oy = a * x + e, b * x + f
        corners = [g.device(a * u + c * v + ox, b * u + d * v + oy) for u in (0.0, adv) for v in (y0b, y1b)]
        dev_x, dev_y = [p[0] for p in corners], [p[1] for p in corners]
        left, top = g.to_plumber(min(dev_x), max(dev_y))
        right, bottom = g.to_plumber(max(dev_x), min(dev_y))
        x0s.append(left)
        x1s.append(right)
        tops.append(top)
        bottoms.append(bottom)
    A, B, C, D = g.ctm[:4]
    ad, bd, cd, dd = a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D
    upright = ad * dd > 0 and bd * cd <= 0  # pdfminer's LTChar.upright
    return Run(text, x0s, x1s, 0.0, 0.0, order, aligned=False, upright=upright, tops=tops, bottoms=bottoms)
