"""Exact font metrics for the pdfium backend, read with pdfminer the way pdfplumber reads them.

pdfium keeps /Widths, /W and /Descent as integers, while producers write fractions (ReportLab
writes `259.7656`): its character positions drift from pdfplumber's by up to 1/1000 em per
character, enough to change a bbox at two decimals after a few characters. So the backend takes
positions from pdfium and advance widths and descents from here: pdfminer's own font objects,
whose numbers pdfplumber uses. Only the font dictionaries are read, lazily, a page's resources
at a time when pdfium shows a font (or a character) not seen yet.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

logger = logging.getLogger(__name__)

_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


def font_key(name: str) -> str:
    """Font names without the subset tag: pdfium drops it (`AAAAAA+WenQuanYiMicroHei-0`)."""
    return _SUBSET_TAG.sub("", name)


@dataclass
class Metrics:
    """Advance widths in em per character: `em` as pdfminer computes them, `trunc` as pdfium
    truncates them. A character that fonts of the same name disagree on is in neither. `descent`
    is in em, negative."""

    descent: float
    em: dict[str, float] = field(default_factory=dict)
    trunc: dict[str, float] = field(default_factory=dict)
    ambiguous: set[str] = field(default_factory=set)

    def add(self, ch: str, em: float, trunc: float) -> None:
        if ch in self.ambiguous:
            return
        if self.em.setdefault(ch, em) != em:
            del self.em[ch], self.trunc[ch]
            self.ambiguous.add(ch)
        else:
            self.trunc[ch] = trunc


class FontBook:
    """Metrics by font name for one document; `None` when pdfminer cannot tell."""

    def __init__(self, path: Path, password: str | None) -> None:
        self._path = path
        self._password = password or ""
        self._fonts: dict[str, Metrics | None] = {}
        self._loaded: set[int] = set()
        self._fh: IO[bytes] | None = None
        self._doc: Any = None
        self._pages: Iterator[Any] | None = None
        self._next = 0
        self._broken = False
        self._seen: set[int] = set()
        self._rsrc: Any = None

    def metrics(self, name: str, page_index: int, *, refresh: bool = False) -> Metrics | None:
        """The metrics of font `name`, reading page `page_index`'s fonts if the name is new, or if
        `refresh` (a character is missing: another subset of the font appears on this page)."""
        key = font_key(name)
        if (refresh or key not in self._fonts) and page_index not in self._loaded:
            self._load_page(page_index)
        return self._fonts.get(key)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def _load_page(self, page_index: int) -> None:
        self._loaded.add(page_index)
        if self._broken:
            return
        try:
            page = self._page(page_index)
            if page is not None:
                self._add_resources(page.resources, depth=0)
        except Exception as exc:  # pdfminer fails on some files pdfium reads: fall back to pdfium's numbers
            logger.debug("%s: pdfminer cannot read fonts (%s); using pdfium metrics", self._path, exc)
            self._broken = True

    def _page(self, index: int) -> Any:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser
        from pdfminer.pdfinterp import PDFResourceManager

        if self._doc is None:
            self._fh = self._path.open("rb")
            self._doc = PDFDocument(PDFParser(self._fh), password=self._password)
            self._rsrc = PDFResourceManager(caching=True)
        if self._pages is None or index < self._next:  # pages are walked in order; restart if asked back
            self._pages, self._next = PDFPage.create_pages(self._doc), 0
        for page in self._pages:
            self._next += 1
            if self._next - 1 == index:
                return page
        return None

    def _add_resources(self, resources: Any, depth: int) -> None:
        from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1

        resources = resolve1(resources) or {}
        for ref in (resolve1(resources.get("Font")) or {}).values():
            objid = ref.objid if isinstance(ref, PDFObjRef) else None
            if objid is not None:
                if objid in self._seen:
                    continue
                self._seen.add(objid)
            spec = resolve1(ref)
            if isinstance(spec, dict):
                self._add_font(objid, spec)
        if depth < 4:  # text in form XObjects uses the form's own resources
            for xobj in (resolve1(resources.get("XObject")) or {}).values():
                stream = resolve1(xobj)
                if isinstance(stream, PDFStream) and _name(stream.get("Subtype")) == "Form":
                    self._add_resources(stream.get("Resources"), depth + 1)

    def _add_font(self, objid: int | None, spec: dict[str, Any]) -> None:
        from pdfminer.pdftypes import resolve1

        try:
            font = self._rsrc.get_font(objid, spec)
        except Exception as exc:
            logger.debug("%s: pdfminer cannot read font %r (%s)", self._path, spec.get("BaseFont"), exc)
            return
        if font.is_vertical():
            return  # vertical writing: pdfplumber's boxes are not built from advance widths
        names = {_name(spec.get("BaseFont")), str(font.fontname)}
        for sub in resolve1(spec.get("DescendantFonts")) or []:
            names.add(_name((resolve1(sub) or {}).get("BaseFont")))
        for name in names - {"", "unknown"}:
            self._merge(font_key(name), font)

    def _merge(self, key: str, font: Any) -> None:
        known = self._fonts.get(key, Metrics(font.get_descent()))
        if key in self._fonts and (known is None or known.descent != font.get_descent()):
            self._fonts[key] = None  # same name, different fonts: trust neither
            return
        assert known is not None
        _add_widths(known, font)
        self._fonts[key] = known


def _add_widths(metrics: Metrics, font: Any) -> None:
    """Every character code of the font with a single Unicode character. With a ToUnicode map,
    only its codes: pdfminer maps other codes through the base encoding, which in a subset font
    names the wrong glyph (code 50 is not '2' in ReportLab's second subset)."""
    mapped = getattr(getattr(font, "unicode_map", None), "cid2unichr", None)
    if mapped:
        cids: Any = list(mapped)
    elif font.is_multibyte():
        cids = [k for k in font.widths if isinstance(k, int)]
    else:
        cids = range(256)
    for cid in cids:
        try:
            ch = font.to_unichr(cid)
        except Exception:  # no Unicode for this code: pdfium and pdfminer would differ anyway
            continue
        if len(ch) == 1:
            em = font.char_width(cid)
            # pdfium reads widths with GetIntegerAt: truncated toward zero, in 1/1000 em.
            metrics.add(ch, em, math.trunc(round(em * 1000, 6)) / 1000 if font.hscale == 0.001 else em)


def _name(value: Any) -> str:
    name = getattr(value, "name", value)
    if isinstance(name, bytes):
        return name.decode("latin-1")
    return name if isinstance(name, str) else ""
