"""Redacting unrelated rows as text, and the marks drawn on the original pages of the bundle.

A row is redacted by removing what shows it, not by covering it: pdfium lists the page's objects
(each text-showing operation is one) with their bounds, removes every object that lies inside a
row's box and writes the page's content again. The rest of the page stays text, searchable and
sharp. An object of text, an image or a form that crosses a box's edge cannot be cut in two, so
such a page is rasterised with the boxes painted over instead (excerpt.SourcePdf.redacted), as
every redacted page was before. Paths (rules, cell shading) may cross boxes and stay.

Nothing is taken on trust: the written file is read again, and a page keeps the text path only if
no character, image or form is left in any box and nothing on it names removed text (ActualText,
Alt); every other page is rasterised. The page then keeps only the entries that draw it (no
annotations, thumbnail or metadata) and only the fonts and XObjects its new content uses, so that
the bundle copies nothing of a removed row whatever the pdfium version did with its resources.

Coordinates: the parsers' boxes are pdfplumber's (x0, top, x1, bottom from the top-left of the
MediaBox as displayed); `Frame` maps them to PDF user space (where pdfium's bounds and the marks
live) and on to the page as shown (its CropBox turned by /Rotate: what a rasterised copy holds).
"""

from __future__ import annotations

import ctypes
import io
import logging
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pypdf import PageObject, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
)

from generator.models import BBox
from generator.pdf.boxes import Geometry, page_geometry

logger = logging.getLogger(__name__)

Rect = tuple[float, float, float, float]  # PDF user space: left, bottom, right, top

REDACT_PAD_PT = 2.0  # glyph edges can poke out of a word bbox (descenders, bold strokes)
OVERLAP_PT = 0.01  # pdfium's float32 bounds: less than this is two boxes touching, not overlapping
REDACTED_FILL = 242  # gray 0-255: light, so that a page of redacted rows prints nearly white
REDACTED_LINE = 150
REDACTED_LINE_PT = 0.5
MARK_FILL = (255, 240, 160)  # the excerpts' translucent yellow as it shows over white paper
MARK_LINE = (214, 0, 0)
MARK_LINE_PT = 1.0
MARK_STATE = NameObject("/DisputeMark")
# Entries a page keeps after text redaction: what draws it. Annotations, thumbnails, page metadata
# and piece info may all show or hold the removed rows.
PAGE_KEYS = frozenset({"/Type", "/Parent", "/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox",
                       "/Rotate", "/UserUnit", "/Group", "/Resources", "/Contents"})
# Marked-content entries that carry a text of their own: the whole name, not the start of a longer
# one (a quote ends it too, for the repr of a properties dictionary).
HIDDEN_TEXT = re.compile(rb"/(ActualText|Alt|E)(?![^\s/<>\[\]()%{}'])")
# The operators that name a resource, by the resource dictionary they name it in (with the index
# of the name among their operands; -1: the last, as scn puts a pattern's name after its colour).
_NAMED_BY = {b"Tf": ("/Font", 0), b"Do": ("/XObject", 0), b"BDC": ("/Properties", 1), b"DP": ("/Properties", 1),
             b"gs": ("/ExtGState", 0), b"sh": ("/Shading", 0), b"scn": ("/Pattern", -1), b"SCN": ("/Pattern", -1)}
PRUNED = ("/Font", "/XObject", "/Properties", "/ExtGState", "/Shading", "/Pattern")
_Q_OPEN = re.compile(rb"(?<!\S)q(?!\S)")
_Q_CLOSE = re.compile(rb"(?<!\S)Q(?!\S)")


@dataclass(frozen=True)
class Frame:
    """A page's boxes: MediaBox and CropBox (normalised, user space) and /Rotate."""

    mediabox: Rect
    cropbox: Rect
    rotation: int

    @cached_property
    def _plumber(self) -> Geometry:
        return page_geometry(self.mediabox, self.rotation)

    @property
    def shown_size(self) -> tuple[float, float]:
        """Width and height of the page as a viewer shows it."""
        left, bottom, right, top = self.cropbox
        if self.rotation in (90, 270):
            return top - bottom, right - left
        return right - left, top - bottom

    def user(self, box: BBox, pad: float = 0.0) -> Rect:
        """A pdfplumber-style box in user space, grown by `pad` on every side."""
        g = self._plumber
        a, b, c, d, e, f = g.ctm
        det = a * d - b * c
        xs, ys = [], []
        for x, top in ((box[0], box[1]), (box[2], box[3])):
            dx, dy = x - g.mb_x0 - e, g.height - (top - g.mb_top) - f  # pdfplumber's device point
            xs.append((d * dx - c * dy) / det)
            ys.append((a * dy - b * dx) / det)
        return min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad

    def shown(self, rect: Rect) -> BBox:
        """A user-space rectangle on the page as shown: x0, top, x1, bottom from its top-left."""
        left, bottom, right, top = self.cropbox
        corners = [self._turn(x, y, left, bottom, right, top) for x in (rect[0], rect[2]) for y in (rect[1], rect[3])]
        height = self.shown_size[1]
        xs = [x for x, _ in corners]
        ys = [height - y for _, y in corners]
        return min(xs), min(ys), max(xs), max(ys)

    def _turn(self, x: float, y: float, left: float, bottom: float, right: float, top: float) -> tuple[float, float]:
        """A user-space point in the shown page's space (origin bottom-left), /Rotate clockwise."""
        if self.rotation == 90:
            return y - bottom, right - x
        if self.rotation == 180:
            return right - x, top - y
        if self.rotation == 270:
            return top - y, x - left
        return x - left, y - bottom


def frame_of(mediabox: Sequence[Any], cropbox: Sequence[Any], rotation: int) -> Frame:
    def norm(box: Sequence[Any]) -> Rect:
        x0, y0, x1, y1 = (v + 0.0 for v in box)
        return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)
    return Frame(norm(mediabox), norm(cropbox), rotation % 360)


def banded(boxes: Sequence[BBox]) -> list[BBox]:
    """The boxes as drawn over the page: each as long as all of them together, so that the hidden
    rows read as rows of one table, not as a ragged pile of the lengths of their texts. Rows run
    across the page as pdfplumber reads it, or down it where the text is turned."""
    if not boxes:
        return []
    across = sum(b[2] - b[0] for b in boxes) >= sum(b[3] - b[1] for b in boxes)
    if across:
        left, right = min(b[0] for b in boxes), max(b[2] for b in boxes)
        return [(left, b[1], right, b[3]) for b in boxes]
    top, bottom = min(b[1] for b in boxes), max(b[3] for b in boxes)
    return [(b[0], top, b[2], bottom) for b in boxes]


def overlaps(a: Rect, b: Rect) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > OVERLAP_PT and min(a[3], b[3]) - max(a[1], b[1]) > OVERLAP_PT


def inside(a: Rect, b: Rect) -> bool:
    return a[0] >= b[0] and a[1] >= b[1] and a[2] <= b[2] and a[3] <= b[3]


# ---- text redaction (pdfium) -----------------------------------------------------------------

@dataclass(frozen=True)
class TextRedaction:
    """A copy of a document whose `pages` (1-based) have their redacted rows removed as text; any
    other page that had rows to redact must be rasterised."""

    data: bytes
    pages: frozenset[int]


def redact_text(path: Path | bytes, boxes: Mapping[int, Sequence[BBox]], password: str | None = None) -> TextRedaction:
    """Remove the objects inside `boxes` (page -> pdfplumber-style row boxes) from a copy of the
    document at `path` (or in these bytes: a member of a ZIP archive). The caller holds the pdfium
    lock (excerpt.SourcePdf.redact_text)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    nothing = TextRedaction(b"", frozenset())  # every page rasterised, as before text redaction
    doc = pdfium.PdfDocument(path if isinstance(path, bytes) else str(path), password=password or None)
    try:
        done = {p for p, rows in boxes.items() if 1 <= p <= len(doc) and _remove(doc[p - 1], rows)}
        if not done:
            return nothing
        out = io.BytesIO()
        doc.save(out, flags=pdfium_c.FPDF_REMOVE_SECURITY)  # the bundle's reader needs no password
        check = pdfium.PdfDocument(out.getvalue())
    except pdfium.PdfiumError as exc:
        logger.debug("%s: text redaction not written (%s); rasterising",
                     "(in memory)" if isinstance(path, bytes) else path.name, exc)
        return nothing
    finally:
        doc.close()
    try:
        clean = frozenset(p for p in done if _clean(check[p - 1], boxes[p]))
    finally:
        check.close()
    return TextRedaction(out.getvalue(), clean)


def _frame(page: Any) -> Frame:
    return frame_of(page.get_mediabox(), page.get_cropbox(), page.get_rotation())


class _Rows:
    """A page's row rectangles, looked up by height band: an object is checked against the rows
    near it, not every row of the page (50 pages of 25 rows and 175 objects each: 10x faster).
    Tall rectangles (rows that run up the page in user space, under a /Rotate) and rectangles
    with no finite height are checked against every object, and every row against such objects."""

    BAND_PT = 16.0
    MAX_BANDS = 8

    def __init__(self, rects: Sequence[Rect]) -> None:
        self.rects = list(rects)
        self._everywhere: list[Rect] = []
        self._bands: dict[int, list[Rect]] = {}
        for r in self.rects:
            span = self._span(r)
            if span is None:
                self._everywhere.append(r)
                continue
            for band in span:
                self._bands.setdefault(band, []).append(r)

    def near(self, rect: Rect) -> list[Rect]:
        span = self._span(rect)
        if span is None:
            return self.rects
        return self._everywhere + [r for band in span for r in self._bands.get(band, ())]

    def _span(self, rect: Rect) -> range | None:
        if not (math.isfinite(rect[1]) and math.isfinite(rect[3])):
            return None
        low, high = math.floor(rect[1] / self.BAND_PT), math.floor(rect[3] / self.BAND_PT)
        return range(low, high + 1) if high - low <= self.MAX_BANDS else None


def _objects(page: Any) -> Iterator[tuple[Any, int, Rect | None]]:
    """The page's top-level objects: handle, type and bounds (None where pdfium has none)."""
    import pypdfium2.raw as pdfium_c

    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for i in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, i)
        found = pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        yield obj, pdfium_c.FPDFPageObj_GetType(obj), (
            (left.value, bottom.value, right.value, top.value) if found else None)


def _may_cross(kind: int) -> bool:
    import pypdfium2.raw as pdfium_c

    return kind in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_SHADING)


def _remove(page: Any, rows: Sequence[BBox]) -> bool:
    """Remove what lies inside the rows; False (page untouched) when something crosses an edge."""
    import pypdfium2.raw as pdfium_c

    frame = _frame(page)
    exact = _Rows([frame.user(b) for b in rows])
    padded = _Rows([frame.user(b, REDACT_PAD_PT) for b in rows])
    removed = []
    for obj, kind, bounds in _objects(page):
        if bounds is None:
            return False  # an object that cannot be placed: rasterise
        if any(inside(bounds, r) for r in padded.near(bounds)):
            removed.append(obj)
        elif not _may_cross(kind) and any(overlaps(bounds, r) for r in exact.near(bounds)):
            return False
    for obj in removed:
        if not pdfium_c.FPDFPage_RemoveObject(page.raw, obj):
            return False  # the copy's page is left half done: it is rasterised from the original
        pdfium_c.FPDFPageObj_Destroy(obj)  # removed objects belong to the caller
    return not removed or bool(pdfium_c.FPDFPage_GenerateContent(page.raw))


def _clean(page: Any, rows: Sequence[BBox]) -> bool:
    """Whether nothing but paths is left in the rows, read back from the written file."""
    import pypdfium2.raw as pdfium_c

    frame = _frame(page)
    exact = _Rows([frame.user(b) for b in rows])
    for _, kind, bounds in _objects(page):
        if bounds is None or (not _may_cross(kind) and any(overlaps(bounds, r) for r in exact.near(bounds))):
            return False
    textpage = page.get_textpage()
    left, right, bottom, top, x, y = (ctypes.c_double() for _ in range(6))
    try:
        for i in range(pdfium_c.FPDFText_CountChars(textpage.raw)):
            if pdfium_c.FPDFText_IsGenerated(textpage.raw, i) == 1:
                continue  # a space or line break pdfium inferred between objects: nothing was drawn
            if not (pdfium_c.FPDFText_GetCharBox(textpage.raw, i, left, right, bottom, top)
                    and pdfium_c.FPDFText_GetCharOrigin(textpage.raw, i, x, y)):
                return False
            box = (left.value, bottom.value, right.value, top.value)
            origin = (x.value, y.value, x.value, y.value)
            if any(overlaps(box, r) or inside(origin, r) for r in exact.near(_union(box, origin))):
                return False
    finally:
        textpage.close()
    return True


def _union(a: Rect, b: Rect) -> Rect:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


# ---- the redacted page in pypdf --------------------------------------------------------------

def scrub(page: PageObject) -> bool:
    """Reduce a page of redact_text's file to what draws it, in place, before the bundle copies
    it: PAGE_KEYS only, and of the resources in PRUNED only those its content names. False when
    its content carries a text of its own (then it is rasterised)."""
    try:
        contents = page.get_contents()
        data = contents.get_data() if contents is not None else b""
        used = _used_names(ContentStream(contents, page.pdf).operations if data else [])
    except PyPdfError:
        return False  # content pypdf cannot read cannot be checked
    if HIDDEN_TEXT.search(data):
        return False
    for key in [k for k in page if k not in PAGE_KEYS]:
        del page[key]
    resources = page.get("/Resources")
    if resources is None:
        return True
    own = DictionaryObject(resources.get_object())  # own copy: resources are often shared
    for kind in PRUNED:
        entries = own.get(kind)
        if entries is None:
            continue
        kept = DictionaryObject({k: v for k, v in entries.get_object().items() if k in used[kind]})
        if kind == "/Properties" and any(HIDDEN_TEXT.search(repr(v.get_object()).encode()) for v in kept.values()):
            return False
        own[NameObject(kind)] = kept
    page[NameObject("/Resources")] = own
    return True


def _used_names(operations: Sequence[tuple[Any, bytes]]) -> dict[str, set[str]]:
    names: dict[str, set[str]] = {kind: set() for kind in PRUNED}
    for operands, operator in operations:
        kind, at = _NAMED_BY.get(operator, ("", 0))
        if kind and -len(operands) <= at < len(operands) and isinstance(operands[at], NameObject):
            names[kind].add(str(operands[at]))
    return names


# ---- marks -----------------------------------------------------------------------------------

def draw_marks(writer: PdfWriter, page: PageObject, redacted: Sequence[Rect], cited: Sequence[Rect]) -> None:
    """Over the page's own content (user space rectangles): a light gray box where rows were
    redacted, and the cited rows in the excerpts' yellow with a red frame. The yellow is blended
    by multiplying, so the text under it stays as black and as selectable as it was."""
    if not redacted and not cited:
        return
    ops = []
    gray, line = REDACTED_FILL / 255, REDACTED_LINE / 255
    for r in redacted:
        ops.append(f"q {gray:.4f} g {line:.4f} G {REDACTED_LINE_PT} w {_re(r)} B Q")
    for r in cited:
        ops.append(f"q {MARK_STATE} gs {_rgb(MARK_FILL)} rg {_re(r)} f Q")
        ops.append(f"q {_rgb(MARK_LINE)} RG {MARK_LINE_PT} w {_re(r)} S Q")
    contents = page.get("/Contents")
    own = [] if contents is None else list(contents.get_object()) if isinstance(
        contents.get_object(), ArrayObject) else [contents]
    closing = "Q " * (_unclosed(own) + 1) if own else ""
    marks = _stream(writer, (closing + "\n" + "\n".join(ops) + "\n").encode("ascii"))
    page[NameObject("/Contents")] = ArrayObject([_stream(writer, b"q\n"), *own, marks] if own else [marks])
    if cited:
        _add_state(page)


def _add_state(page: PageObject) -> None:
    resources = DictionaryObject(page.get("/Resources", DictionaryObject()).get_object())  # own copy
    states = DictionaryObject(resources.get("/ExtGState", DictionaryObject()).get_object())
    states[MARK_STATE] = DictionaryObject({NameObject("/Type"): NameObject("/ExtGState"),
                                           NameObject("/BM"): NameObject("/Multiply"),
                                           NameObject("/ca"): NumberObject(1)})
    resources[NameObject("/ExtGState")] = states
    page[NameObject("/Resources")] = resources


def _re(r: Rect) -> str:
    return f"{r[0]:.3f} {r[1]:.3f} {r[2] - r[0]:.3f} {r[3] - r[1]:.3f} re"


def _rgb(colour: tuple[int, int, int]) -> str:
    return " ".join(f"{v / 255:.4f}" for v in colour)


def _unclosed(streams: Sequence[Any]) -> int:
    """How many q the page's content leaves open, so that the marks are drawn in its initial user
    space. Counted on tokens, as generator/render/stamps.py does: a stray q in a string adds a Q
    too many, which readers ignore once the state stack is empty."""
    data = b"\n".join(s.get_object().get_data() for s in streams)
    return max(0, len(_Q_OPEN.findall(data)) - len(_Q_CLOSE.findall(data)))


def _stream(writer: PdfWriter, data: bytes) -> IndirectObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    # pypdf has no public call to add a stream; _add_object is how its own writer adds them
    return writer._add_object(stream)
