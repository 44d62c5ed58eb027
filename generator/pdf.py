"""The PDF layer: the only module that reads PDF text. Parsers see `Page`s of `Word`s.

Pages are extracted one at a time and released at once: pdfplumber keeps every parsed page
otherwise (1.8 GB RSS on a 500-page statement, 70 MB with pages closed).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from generator.errors import PdfError

logger = logging.getLogger(__name__)

# Some PDF producers map ideographs to radical code points; NFKC fixes the Kangxi block
# (U+2F00–U+2FD5) but not these supplement forms, which real statements use.
_RADICALS = str.maketrans({
    "⺠": "民", "⻚": "页", "⻓": "长", "⻔": "门", "⻅": "见", "⻆": "角", "⻋": "车",
    "⻢": "马", "⻛": "风", "⻜": "飞", "⻝": "食", "⻰": "龙", "⻘": "青", "⻥": "鱼",
    "⻉": "贝", "⻈": "讠", "⻊": "足", "⻄": "西", "⻩": "黄", "⻬": "齐",
})


def fix_radicals(text: str) -> str:
    out = text.translate(_RADICALS)
    if any("\u2f00" <= ch <= "\u2fd5" for ch in out):
        out = "".join(_kangxi(ch) for ch in out)
    return out


def _kangxi(ch: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", ch) if "\u2f00" <= ch <= "\u2fd5" else ch


@dataclass(frozen=True)
class Word:
    """A run of characters without a gap, with its box in points (origin top-left)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    page: int

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def mid_x(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    words: tuple[Word, ...]

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
        raise PdfError(path, "file not found")
    if path.is_dir():
        raise PdfError(path, "is a directory, not a file")
    if path.stat().st_size == 0:
        raise PdfError(path, "empty file")
    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise PdfError(path, "not a PDF file")


class PdfDocument:
    """An open PDF. Use as a context manager; `pages()` yields each page once, in order."""

    def __init__(self, path: Path, password: str | None = None) -> None:
        check_file(path)
        self.path = path
        self._pdf = _open_pdfplumber(path, password)
        self.page_count: int = len(self._pdf.pages)
        self._first: Page | None = None
        if self.page_count == 0:
            self.close()
            raise PdfError(path, "the PDF has no pages")

    def __enter__(self) -> PdfDocument:
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._pdf.close()

    @property
    def metadata(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in (self._pdf.metadata or {}).items()}

    def first_page(self) -> Page:
        """The first page, kept for recognition; raises if it has no text layer."""
        if self._first is None:
            self._first = self._extract(0)
            if not self._first.words:
                raise PdfError(self.path, "no text layer: scanned image", page=1)
        return self._first

    def pages(self) -> Iterator[Page]:
        for index in range(self.page_count):
            if index == 0:
                yield self.first_page()
            else:
                yield self._extract(index)

    def _extract(self, index: int) -> Page:
        page = self._pdf.pages[index]
        try:
            raw = page.extract_words(keep_blank_chars=False, use_text_flow=False,
                                     x_tolerance=1.5, y_tolerance=2)
            words = tuple(_word(w, index + 1) for w in raw)
            return Page(index + 1, page.width, page.height, words)
        except Exception as exc:  # pdfminer raises many kinds on damaged content streams
            raise PdfError(self.path, f"cannot read page: {_describe(exc)}", page=index + 1) from exc
        finally:
            page.close()


def _word(raw: dict[str, Any], page: int) -> Word:
    return Word(fix_radicals(str(raw["text"])), raw["x0"], raw["top"], raw["x1"], raw["bottom"], page)


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
                raise PdfError(path, "wrong password") from exc
            raise PdfError(path, "encrypted PDF: give its password with --password") from exc
        raise PdfError(path, f"corrupt or truncated PDF ({_describe(exc)})") from exc


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


def open_pdf(path: Path, password: str | None = None) -> PdfDocument:
    return PdfDocument(path, password)
