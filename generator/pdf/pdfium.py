"""The pypdfium2 backend of generator/pdf/__init__.py: pdfplumber's words, read through pdfium.

What pdfplumber computes per character (pdfminer's LTChar): x0 = origin, x1 = x0 + advance,
bottom = baseline + descent x size, top = bottom + size, all through the text matrix. We rebuild
that from pdfium, cheaply and exactly:
- one C call fetches a page's text; pdfium's generated spaces and line breaks (not in the PDF,
  so not in pdfplumber's characters) can only be whitespace, so only whitespace is checked;
- characters are read a run at a time (one text object's characters between generated ones):
  its font, size, matrix and first and last origins, for a whole page in one call to the C helper
  generator/pdf/_pdfscan.c when it is built, else about seven calls per run through bare function
  pointers (no ctypes argument conversion);
- advances and descents come from generator/pdf/fonts.py, because pdfium truncates them to
  integers, and generator/pdf/boxes.py sums them as pdfminer does, so boxes match to the bit;
- a run whose last origin is not where its advances put it has spacing or kerning: its origins
  are then read one character at a time.
pdfium is not thread-safe, and the out-parameter buffers here are shared: one thread at a time
(the batch runs cases in processes).
"""

from __future__ import annotations

import ctypes
import math
import re
from collections.abc import Callable
from functools import partial
from itertools import accumulate
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from generator.catalogue import message
from generator.errors import PdfError
from generator.pdf.boxes import (KERN_TOLERANCE, Font, Geometry, PageRuns, Piece, TextObject, continue_from,
                                 dropped_spaces, page_geometry, run_boxes)
from generator.pdf.fonts import FontBook
from generator.pdf.native import pure_python
from generator.pdf.words import RawWord, Run, extract_words


def _load_scan() -> Callable[[tuple[int | None, ...], int | None, str], list[Piece]] | None:
    """The optional C helper (setup.py builds it); None: the same scan in Python."""
    try:
        from generator.pdf._pdfscan import scan
    except ImportError:
        return None
    return scan


_scan = _load_scan()

_MAY_BE_GENERATED = re.compile("[ \r\n]")  # the only characters pdfium inserts
_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD
_F32 = ctypes.c_float  # (an alias: STYLE.md keeps the money-unsafe spelling out of generator/)


def _bare(fn: Any, restype: Any = ctypes.c_int) -> Any:
    """The same C function without argtypes, so ctypes converts nothing: about 3x cheaper a call.
    Pointers must then be passed as ctypes objects (a bare int would be truncated to C int)."""
    bare = type(fn)(ctypes.cast(fn, ctypes.c_void_p).value)
    bare.restype = restype
    return bare


class _Api:
    """Bare pointers to the C functions called per run or per character, and out-parameters."""

    def __init__(self) -> None:
        c = pdfium_c
        self.get_text = _bare(c.FPDFText_GetText)
        self.is_generated = _bare(c.FPDFText_IsGenerated)
        self.text_object = _bare(c.FPDFText_GetTextObject, ctypes.c_void_p)
        self.origin = _bare(c.FPDFText_GetCharOrigin)
        self.matrix = _bare(c.FPDFText_GetMatrix)
        self.font = _bare(c.FPDFTextObj_GetFont, ctypes.c_void_p)
        self.font_size = _bare(c.FPDFTextObj_GetFontSize)
        self.font_name = _bare(c.FPDFFont_GetBaseFontName, ctypes.c_size_t)
        self.font_descent = _bare(c.FPDFFont_GetDescent)
        self.loose_box = _bare(c.FPDFText_GetLooseCharBox)
        self.xy = (ctypes.c_double * 2)()
        self.x_ref, self.y_ref = ctypes.byref(self.xy, 0), ctypes.byref(self.xy, 8)
        self.floats = (_F32 * 6)()
        self.floats_ref = ctypes.byref(self.floats)
        self.name = ctypes.create_string_buffer(256)
        # for generator/pdf/_pdfscan.c, in the order its scan() takes them
        self.addresses = tuple(ctypes.cast(fn, ctypes.c_void_p).value for fn in (
            c.FPDFText_IsGenerated, c.FPDFText_GetTextObject, c.FPDFText_GetCharOrigin, c.FPDFText_GetMatrix,
            c.FPDFTextObj_GetFont, c.FPDFTextObj_GetFontSize))


_API: list[_Api] = []


def _api() -> _Api:
    if not _API:
        _API.append(_Api())
    return _API[0]


class PdfiumSource:
    """An open document for generator.pdf.PdfDocument: page count and words page by page."""

    def __init__(self, path: Path, password: str | None) -> None:
        self.path = path
        try:
            self._pdf = pdfium.PdfDocument(str(path), password=password or None)
        except pdfium.PdfiumError as exc:
            raise _open_error(path, password, exc) from exc
        self.page_count = len(self._pdf)
        self._book = FontBook(path, password)

    def extract(self, index: int) -> tuple[float, float, list[RawWord]]:
        """pdfplumber's page width, height and words; the page is released before returning."""
        page = pdfium_c.FPDF_LoadPage(self._pdf.raw, index)
        if not page:
            raise PdfError(self.path, "pdf.page_unloadable", page=index + 1)
        try:
            geometry = _geometry(page)
            textpage = pdfium_c.FPDFText_LoadPage(page)
            if not textpage:
                raise PdfError(self.path, "pdf.page_text_unreadable", page=index + 1)
            try:
                runs = _PageReader(textpage, geometry, self._book, index).runs()
            finally:
                pdfium_c.FPDFText_ClosePage(textpage)
        finally:
            pdfium_c.FPDF_ClosePage(page)
        return geometry.width, geometry.height, extract_words(runs)

    def close(self) -> None:
        self._book.close()
        self._pdf.close()


def _open_error(path: Path, password: str | None, exc: Any) -> PdfError:
    # pdfium fails to load an empty page tree without setting its error, so the code it reports
    # is whatever the last failure in this process left: the page tree is asked first.
    if _no_pages(path):
        return PdfError(path, "pdf.no_pages")
    if getattr(exc, "err_code", None) == _PASSWORD_ERROR:
        return PdfError(path, "pdf.wrong_password" if password else "pdf.encrypted")
    reason = _PDFIUM_REASONS.get(getattr(exc, "err_code", None))  # type: ignore[arg-type]
    if reason is not None:
        return PdfError(path, "pdf.corrupt", detail=message("pdfium.reason", reason=message(reason)))
    found = re.search(r"\((PDFium: [^)]*)\)", str(exc))
    return PdfError(path, "pdf.corrupt", detail=found.group(1) if found else str(exc))


# pdfium's FPDF_ERR_* codes, for which pypdfium2 gives English words
_PDFIUM_REASONS = {1: "pdfium.unknown", 2: "pdfium.file", 3: "pdfium.format", 5: "pdfium.security", 6: "pdfium.page"}


def _no_pages(path: Path) -> bool:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        return len(PdfReader(path).pages) == 0
    except (PyPdfError, OSError, ValueError, KeyError):
        return False


def _geometry(page: Any) -> Geometry:
    box = [_F32() for _ in range(4)]
    if not pdfium_c.FPDFPage_GetMediaBox(page, *box):  # inherited MediaBox: pdfium's page box
        rect = pdfium_c.FS_RECTF()
        pdfium_c.FPDF_GetPageBoundingBox(page, rect)
        box = [_F32(v) for v in (rect.left, rect.bottom, rect.right, rect.top)]
    left, bottom, right, top = (v.value for v in box)
    return page_geometry((left, bottom, right, top), pdfium_c.FPDFPage_GetRotation(page) * 90)


def _font(api: _Api, book: FontBook, page_index: int, font_ptr: int) -> Font:
    handle = ctypes.c_void_p(font_ptr)
    n = api.font_name(handle, api.name, 256) if font_ptr else 0
    name = api.name.raw[:max(n - 1, 0)].decode("utf-8", "replace")
    metrics = book.metrics(name, page_index) if name else None
    descent = 0.0
    if metrics is None and font_ptr and api.font_descent(handle, _F32(1.0), api.floats_ref):
        descent = api.floats[0]  # pdfium's integer descent, per unit of size
    return Font(name, metrics, descent)


class _PageReader:
    """Reads one text page into runs, in content order."""

    def __init__(self, textpage: Any, geometry: Geometry, book: FontBook, page_index: int) -> None:
        self.api = _api()
        self.tp = textpage
        self.geometry = geometry
        self.book = book
        self.page_index = page_index
        # Text objects, fonts, cursor; the common runs. Given a plain function, not a method of
        # this reader: a reference back would make the page's ~200 text objects a cycle that only
        # the cycle collector frees (60,000 objects and 0.1 s per 300 pages).
        self.state = PageRuns(geometry, partial(_font, self.api, book, page_index))

    def runs(self) -> list[Run]:
        n = pdfium_c.FPDFText_CountChars(self.tp)
        if n <= 0:
            return []
        text = self._text(n)
        return self.state.runs(text, self._pieces(text), self._run_general)

    def _pieces(self, text: str) -> list[Piece]:
        """The page's runs as pdfium reports them, from C when generator/pdf/_pdfscan.c is built."""
        if _scan is not None and not pure_python():
            return _scan(self.api.addresses, self._address(), text)
        return self._pieces_py(text)

    def _address(self) -> int | None:
        return ctypes.cast(self.tp, ctypes.c_void_p).value

    def _pieces_py(self, text: str) -> list[Piece]:
        """What _pdfscan.scan returns, through ctypes. An object's size, font and matrix are read
        only where it first appears (they are used only there)."""
        api, xy, out = self.api, self.api.xy, []
        for start, end in self._stretches(text):
            for s, e, obj in self._by_object(start, end):
                facts = (0.0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
                if obj not in self.state.objects:
                    handle, fl = ctypes.c_void_p(obj), api.floats
                    api.font_size(handle, api.floats_ref)
                    size, font_ptr = fl[0], api.font(handle) or 0
                    api.matrix(self.tp, s, api.floats_ref)
                    facts = (size, font_ptr, fl[0], fl[1], fl[2], fl[3], fl[4], fl[5])
                api.origin(self.tp, s, api.x_ref, api.y_ref)
                x_first = xy[0]
                if e - 1 > s:
                    api.origin(self.tp, e - 1, api.x_ref, api.y_ref)
                out.append((s, e, obj, *facts, x_first, xy[0]))
        return out

    def _text(self, n: int) -> str:
        buf = (ctypes.c_ushort * (2 * n + 1))()  # room for surrogate pairs
        got = self.api.get_text(self.tp, 0, n, buf) - 1
        text = ctypes.string_at(buf, 2 * max(got, 0)).decode("utf-16-le", "surrogatepass")
        if len(text) == n:
            return text
        # Text and character indices differ (characters outside the BMP): one at a time.
        return "".join(chr(pdfium_c.FPDFText_GetUnicode(self.tp, i)) for i in range(n))

    def _stretches(self, text: str) -> list[tuple[int, int]]:
        """Index ranges between pdfium's generated characters."""
        out, start = [], 0
        for m in _MAY_BE_GENERATED.finditer(text):
            i = m.start()
            if self.api.is_generated(self.tp, i) == 1:
                if i > start:
                    out.append((start, i))
                start = i + 1
        if start < len(text):
            out.append((start, len(text)))
        return out

    def _by_object(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """Split a stretch where the text object changes. An object's characters are contiguous,
        so equal objects at both ends mean one run; otherwise bisect (a font-subset switch)."""
        obj = self.api.text_object
        first, last = obj(self.tp, start), obj(self.tp, end - 1)
        if first == last:
            return [(start, end, first)] if first else []
        if end - start == 2:
            return [r for r in ((start, start + 1, first), (start + 1, end, last)) if r[2]]
        mid = (start + end) // 2
        left, right = self._by_object(start, mid), self._by_object(mid, end)
        if left and right and left[-1][2] == right[0][2] and left[-1][1] == right[0][0]:
            return left[:-1] + [(left[-1][0], right[0][1], left[-1][2])] + right[1:]
        return left + right

    def _origin(self, index: int) -> tuple[float, float]:
        self.api.origin(self.tp, index, self.api.x_ref, self.api.y_ref)
        return self.api.xy[0], self.api.xy[1]

    def _run_general(self, text: str, start: int, obj: int, order: int) -> Run:
        """Any run but the common one (PageRuns.plain): unknown advances, spacing, kerning,
        scaled or rotated text; mirrors it where they overlap."""
        info = self.state.objects[obj]
        size, font = info.size, info.font
        ems: list[float | None] = list(map(font.em.get, text))
        if None in ems:
            truncs = self._missing(info, text, start, ems)
        else:
            truncs = list(map(font.trunc.__getitem__, text))
        advs = [em * size for em in ems]  # type: ignore[operator]  # _missing filled the gaps
        frame, x_start, p_start = self._start(obj, info, start)
        last = start + len(text) - 1
        p_last = frame.project(*self._origin(last))[0] if last > start else p_start
        tc = tcw = 0.0
        if abs(p_last - p_start - sum(truncs[:-1]) * size) <= KERN_TOLERANCE:
            xs, gaps = list(accumulate(advs[:-1], initial=x_start)), False
        else:
            xs, gaps, tc, tcw = self._spaced(frame, size, text, start, x_start, advs, truncs)
        space = text[-1] == " "
        self.state.cursor = (obj, frame, xs[-1] + advs[-1], p_last + truncs[-1] * size,
                       tcw if space else tc, tcw - tc if space else 0.0)
        return run_boxes(self.geometry, info, frame, text, xs, advs, order, gaps)

    def _start(self, obj: int, info: TextObject, start: int) -> tuple[TextObject, float, float]:
        """The text space a run is measured in, and its start there, ours and pdfium's."""
        x, y = self._origin(start)
        cursor = self.state.cursor
        if cursor is not None:
            frame = cursor[1]
            p_start, across = frame.project(x, y)
            # Off the baseline, only plain text continues (a text rise): rotated text would
            # need both origins mixed.
            level = abs(across) <= KERN_TOLERANCE or (frame.plain and info.plain)
            continued = continue_from(cursor, obj, p_start) if frame.same_axes(info) and level else None
            if continued is not None:
                return frame, continued, p_start
        p_start = info.project(x, y)[0]
        return info, p_start, p_start

    def _spaced(self, frame: TextObject, size: float, text: str, start: int, x_start: float,
                advs: list[float], truncs: list[float]) -> tuple[list[float], bool, float, float]:
        """Positions from every origin: spacing = pdfium's step minus its own advance (less than
        a font unit is its rounding). Also the last spacing after a non-space and after a space."""
        unit = size / 1000 * 1.01 + 1e-4
        along = [frame.project(*self._origin(start + k))[0] for k in range(len(advs))]
        xs, x, gaps = [x_start], x_start, False
        after: dict[bool, float] = {}  # after a space? -> spacing
        for k in range(len(advs) - 1):
            extra = (along[k + 1] - along[k]) - truncs[k] * size
            x = x + advs[k]
            dropped = dropped_spaces(text[k], extra, truncs[k] * size, unit) if abs(extra) > unit else 0
            for _ in range(dropped):  # pdfminer adds them one by one
                x = x + advs[k]
            if not dropped:
                extra = round(extra, 4) if abs(extra) > unit else 0.0
                x, gaps = x + extra, gaps or extra != 0.0
                after[text[k] == " "] = extra
            xs.append(x)
        tc = after.get(False, 0.0)
        return xs, gaps, tc, after.get(True, tc)

    def _missing(self, info: TextObject, text: str, start: int, ems: list[float | None]) -> list[float]:
        """Fills `ems` where pdfminer has no advance and returns pdfium's advances. First re-read
        this page's fonts (another subset of the font may start here); then use pdfium's own
        (integer) advances: the step to the next origin, or the loose box for the last character."""
        font = info.font
        if font.metrics is not None:
            font.use(self.book.metrics(font.name, self.page_index, refresh=True) or font.metrics)
        truncs = []
        for k, ch in enumerate(text):
            em = font.em.get(ch)
            ems[k] = em if em is not None else self._pdfium_em(info, start + k, k == len(text) - 1)
            truncs.append(font.trunc.get(ch, ems[k] or 0.0))
        return truncs

    def _pdfium_em(self, info: TextObject, index: int, last: bool) -> float:
        if info.size == 0.0 or info.a == info.b == 0.0:  # text drawn at size 0 has no width
            return 0.0
        if not last:
            step = info.project(*self._origin(index + 1))[0] - info.project(*self._origin(index))[0]
            return step / info.size
        fl = self.api.floats
        self.api.loose_box(self.tp, index, self.api.floats_ref)  # left, top, right, bottom
        length: float = abs(fl[2] - fl[0]) if abs(info.a) >= abs(info.b) else abs(fl[1] - fl[3])
        return length / (math.hypot(info.a, info.b) * info.size)
