"""The PDF layer: the only module that reads PDF text. Parsers see `Page`s of `Word`s.

Two backends give the same words: pdfplumber (`extract_words(x_tolerance=1.5, y_tolerance=2)`)
and pypdfium2 (generator/pdf/pdfium.py: the same words and boxes, read about 15x faster).
Choose with `open_pdf(..., backend=)` or the environment variable DISPUTE_PDF_BACKEND;
pypdfium2 is the default (same words, ~8x faster); pdfplumber stays selectable. Parsers never know which one ran.

`Word` and `fix_radicals` are defined in generator/pdf/words.py, compiled with the word code
(generator/pdf/native.py); parsers import them from here.

Pages are extracted one at a time and released at once: pdfplumber keeps every parsed page
otherwise (1.8 GB RSS on a 500-page statement, 70 MB with pages closed).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, cast

import generator.pdf.native  # noqa: F401  # before the compiled modules: chooses their build
from generator.catalogue import message
from generator.errors import PdfError
from generator.pdf.inflate import Bomb, check_inflation
from generator.pdf.words import RawWord, page_words
from generator.pdf.words import Word as Word
from generator.pdf.words import fix_radicals as fix_radicals

if TYPE_CHECKING:
    from generator.ocr.scan import ScanSource

logger = logging.getLogger(__name__)

BACKENDS = ("pdfplumber", "pdfium")
BACKEND_ENV = "DISPUTE_PDF_BACKEND"


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    words: tuple[Word, ...]
    confidences: tuple[float, ...] | None = None  # per word, for a page read by OCR

    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_file(path: Path) -> None:
    """Refuse what is not a PDF file before any library sees it."""
    if not path.exists():
        raise PdfError(path, "pdf.not_found")
    if path.is_dir():
        raise PdfError(path, "file.is_directory")
    if path.stat().st_size == 0:
        raise PdfError(path, "file.empty")
    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise PdfError(path, "pdf.not_pdf")
    try:
        check_inflation(path)
    except Bomb as exc:
        raise PdfError(path, "pdf.bomb", offset=exc.offset, megabytes=exc.inflated >> 20) from None


class _Source(Protocol):
    """What a backend provides: words per page, in pdfplumber's order and coordinates."""

    page_count: int

    def extract(self, index: int) -> tuple[float, float, list[RawWord]]:
        """Page width, height and words; the backend releases the page before returning."""

    def close(self) -> None: ...


def resolve_backend(backend: str | None, path: Path) -> str:
    """The backend asked for, else DISPUTE_PDF_BACKEND, else pdfplumber."""
    chosen = backend or os.environ.get(BACKEND_ENV, "").strip() or "pdfium"
    if chosen not in BACKENDS:
        origin = message("pdf.backend_argument") if backend else BACKEND_ENV
        raise PdfError(path, "pdf.unknown_backend", backend=chosen, origin=origin, choices=BACKENDS)
    return chosen


class PdfDocument:
    """An open PDF. Use as a context manager; `pages()` yields each page once, in order."""

    def __init__(self, path: Path, password: str | None = None, backend: str | None = None) -> None:
        check_file(path)
        self.path = path
        self.backend = resolve_backend(backend, path)
        self._password = password
        self._source = _open_source(self.backend, path, password)
        self.page_count: int = self._source.page_count
        self._first: Page | None = None
        if self.page_count == 0:
            self.close()
            raise PdfError(path, "pdf.no_pages")

    def __enter__(self) -> PdfDocument:
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._source.close()

    @property
    def metadata(self) -> dict[str, str]:
        """The document information dictionary, as pdfplumber decodes it (for either backend)."""
        if isinstance(self._source, _PlumberSource):
            return self._source.metadata()
        source = _PlumberSource(self.path, self._password)
        try:
            return source.metadata()
        finally:
            source.close()

    def first_page(self) -> Page:
        """The first page, kept for recognition. A PDF whose first page has no text layer is a
        scan: every page is then read by OCR (generator/ocr), or refused without it."""
        if self._first is None:
            self._first = self._extract(0)
            if not self._first.words and self.scan is None:
                self._read_as_scan()
                self._first = self._extract(0)
            if not self._first.words:
                raise PdfError(self.path, "pdf.no_text_layer", page=1)
        return self._first

    @property
    def scan(self) -> ScanSource | None:
        """The pages read by OCR, if this document is a scan or an image."""
        source = self._source
        return cast("ScanSource", source) if isinstance(source, _scan_source()) else None

    def _read_as_scan(self) -> None:
        from generator.ocr.scan import ScanSource, read_pdf

        import pypdfium2

        pdf = pypdfium2.PdfDocument(str(self.path), password=self._password)
        try:
            pages = read_pdf(pdf, str(self.path))
        finally:
            pdf.close()
        self._source.close()
        self._source = ScanSource(pages)
        self.page_count = len(pages)

    def pages(self) -> Iterator[Page]:
        for index in range(self.page_count):
            if index == 0:
                yield self.first_page()
            else:
                yield self._extract(index)

    def _extract(self, index: int) -> Page:
        width, height, raw = self._source.extract(index)
        number = index + 1
        scan = self.scan
        if scan is not None:
            confidences = tuple(scan.scan_pages[index].confidences)
            return Page(number, width, height, page_words(raw, number), confidences)
        return Page(number, width, height, page_words(visible(raw), number))


class ImageDocument(PdfDocument):
    """A photo, screenshot or scanned image (PNG, JPEG) read by OCR, as a document of one page
    (two for a two-up scan)."""

    def __init__(self, path: Path, label: str) -> None:
        from generator.ocr.scan import ScanSource, read_image

        self.path = path
        self.backend = "ocr"
        self._password = None
        self._source = ScanSource(read_image(path, label))
        self.page_count = self._source.page_count
        self._first = None

    @property
    def metadata(self) -> dict[str, str]:
        return {}


def _scan_source() -> type:
    from generator.ocr.scan import ScanSource

    return ScanSource


# Characters a text layer may carry that print nothing but change what follows: controls (a NUL
# lxml refuses in the DOCX), bidi overrides (U+202E turns the rest of a line around), zero-width
# marks and byte-order marks. Document text reaches letters; it is cleaned once, here.
_INVISIBLE = re.compile("[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def visible(raw: list[RawWord]) -> list[RawWord]:
    """The page's words without invisible characters (a word of nothing else is dropped)."""
    if not _INVISIBLE.search("".join([w[0] for w in raw])):
        return raw
    out: list[RawWord] = []
    for text, x0, top, x1, bottom in raw:
        text = _INVISIBLE.sub("", text)
        if text:
            out.append((text, x0, top, x1, bottom))
    return out


def _open_source(backend: str, path: Path, password: str | None) -> _Source:
    if backend == "pdfium":
        from generator.pdf.pdfium import PdfiumSource

        return PdfiumSource(path, password)
    return _PlumberSource(path, password)


class _PlumberSource:
    def __init__(self, path: Path, password: str | None) -> None:
        self.path = path
        self._pdf = _open_pdfplumber(path, password)
        self.page_count = len(self._pdf.pages)

    def extract(self, index: int) -> tuple[float, float, list[RawWord]]:
        page = self._pdf.pages[index]
        try:
            raw = page.extract_words(keep_blank_chars=False, use_text_flow=False,
                                     x_tolerance=1.5, y_tolerance=2)
            words = [(str(w["text"]), w["x0"], w["top"], w["x1"], w["bottom"]) for w in raw]
            return page.width, page.height, words
        except Exception as exc:  # pdfminer raises many kinds on damaged content streams
            raise PdfError(self.path, "pdf.page_unreadable", page=index + 1, detail=_describe(exc)) from exc
        finally:
            page.close()

    def metadata(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in (self._pdf.metadata or {}).items()}

    def close(self) -> None:
        self._pdf.close()


def _open_pdfplumber(path: Path, password: str | None) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(path, password=password or "")
        _ = pdf.pages  # forces the page tree: damage shows here, not later
        return pdf
    except Exception as exc:
        if _caused_by(exc, PDFPasswordIncorrect):
            if password:
                raise PdfError(path, "pdf.wrong_password") from exc
            raise PdfError(path, "pdf.encrypted") from exc
        raise PdfError(path, "pdf.corrupt", detail=_describe(exc)) from exc


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind) or any(isinstance(a, kind) for a in getattr(seen, "args", ())):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return text or type(exc).__name__


def open_pdf(path: Path, password: str | None = None, backend: str | None = None) -> PdfDocument:
    """Open `path` with `backend` ("pdfplumber" or "pdfium"; default from DISPUTE_PDF_BACKEND)."""
    return PdfDocument(path, password, backend)
