"""Letter HTML -> PDF with WeasyPrint. The only module that imports weasyprint.

WeasyPrint is imported inside the functions: the import alone takes about a second, and commands
that never write a PDF should not pay it.

Written against WeasyPrint 70.0, which needs a `weasyprint.urls.URLFetcher` subclass as the
`url_fetcher` (plain functions returning dicts, the pre-68 API, no longer work: WeasyPrint reads
`url_fetcher._fail_on_errors` and asserts the result is a `URLFetcherResponse`).

Rendering is strict:
- resources load only from templates_dir() and fonts_dir(); anything else (other files, http:,
  data:) is refused and the refusal stops the rendering;
- any WARNING or worse from the `weasyprint` logger (bad CSS, missing image, ...) is a RenderError.

A caller may also hand over in-memory files (the evidence bundle's excerpt images): they are served
under the reserved `dispute-mem:` prefix and nowhere else, so they widen nothing on disk.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from generator.paths import fonts_dir, templates_dir, write_atomically
from generator.render.errors import RenderError

logger = logging.getLogger(__name__)

_WEASYPRINT_LOGGER = "weasyprint"

# `<img src="dispute-mem:NAME">` loads extra_files[NAME]; see render_pdf.
MEMORY_PREFIX = "dispute-mem:"
# The fallback face for CJK Extensions B-F, relative to templates_dir(); see _fallback_faces.
FALLBACK_STYLESHEET = "styles/fonts-ext.css"


class FetchRefused(ValueError):
    """A URL outside templates/ and fonts/ was requested while rendering."""


def write_pdf(html: str, out: Path) -> None:
    """Render `html` (which links `styles/letter.css`) and write the PDF to `out` atomically."""
    write_atomically(out, render_pdf(html))


def render_pdf(html: str, *, extra_files: Mapping[str, bytes] | None = None) -> bytes:
    """`extra_files` maps names to bytes the HTML may load as `dispute-mem:NAME` (images made in
    memory: a data: URL would be refused, and writing them under templates/ would race)."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    fetcher = _fetcher_class()(extra_files or {})
    # Trailing slash: relative URLs such as "styles/letter.css" resolve inside the directory.
    base_url = templates_dir().as_uri() + "/"
    font_config = _font_config(fonts_dir())
    with _weasyprint_warnings() as warnings:
        try:
            document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
            pdf: bytes = document.write_pdf(font_config=font_config,
                                            stylesheets=_fallback_faces(html, fetcher, font_config))
        except FatalURLFetchingError as exc:
            raise RenderError("pdf_render.fetch", detail=f"{exc}: {exc.__cause__}") from exc
    problems = [*fetcher.refused, *warnings]
    if problems:
        raise RenderError("pdf_render.problems", detail="; ".join(problems))
    logger.debug("rendered PDF, %d bytes", len(pdf))
    return pdf


def _fallback_faces(html: str, fetcher: Any, font_config: Any) -> list[Any]:
    """styles/fonts-ext.css for a document holding a character beyond the BMP (a name such as
    李𠇔明), else nothing: its face is 30 MB and registering it costs a process about 0.25 s."""
    if not html or max(html) <= "\uffff":
        return []
    from weasyprint import CSS

    return [CSS(filename=str(templates_dir() / FALLBACK_STYLESHEET), url_fetcher=fetcher,
                font_config=font_config)]


def allowed_path(url: str) -> Path:
    """The file a URL may load, or FetchRefused.

    Only `file:` URLs whose real path (symlinks resolved) lies in templates_dir() or fonts_dir().
    letter.css addresses the fonts as `../../fonts/`, i.e. a `fonts/` directory next to
    templates/; that location is served from fonts_dir(), so $DISPUTE_FONTS_DIR is honoured.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        raise FetchRefused(f"refused to load {url!r}: only files in templates/ and fonts/ may be loaded")
    templates, fonts = templates_dir(), fonts_dir()
    requested = Path(os.path.normpath(url2pathname(parts.path)))
    sibling_fonts = templates.parent / "fonts"
    if requested.is_relative_to(sibling_fonts):
        requested = fonts / requested.relative_to(sibling_fonts)
    try:
        real = requested.resolve(strict=True)
    except OSError as exc:
        raise FetchRefused(f"refused to load {url!r}: {exc.strerror or exc}") from exc
    inside = real.is_relative_to(templates) or real.is_relative_to(fonts)
    if not inside or not real.is_file():
        raise FetchRefused(f"refused to load {url!r}: only files in templates/ and fonts/ may be loaded")
    return real


@cache
def _fetcher_class() -> Any:
    """Built on first use because the base class lives in weasyprint (imported lazily)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class RestrictedFetcher(URLFetcher):  # type: ignore[misc]
        def __init__(self, extra_files: Mapping[str, bytes]) -> None:
            # fail_on_errors: a refused or missing resource stops the rendering (WeasyPrint
            # otherwise only logs it, and a font failure only at DEBUG level).
            super().__init__(fail_on_errors=True)
            self.refused: list[str] = []
            self.extra_files = extra_files

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith(MEMORY_PREFIX) and url[len(MEMORY_PREFIX):] in self.extra_files:
                name = url[len(MEMORY_PREFIX):]
                mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body=self.extra_files[name], headers={"Content-Type": mime})
            try:
                path = allowed_path(url)
            except FetchRefused as exc:
                self.refused.append(str(exc))  # kept in case a caller swallows the fatal error
                raise
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime})

    return RestrictedFetcher


@cache
def _font_config(fonts: Path) -> Any:
    """One FontConfiguration per fonts directory, reused for every letter of the process.

    WeasyPrint registers an @font-face font once per configuration and never fetches it again, so
    the cache is keyed by the directory: a changed $DISPUTE_FONTS_DIR gets fonts from there."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


# Warnings that say nothing about the document. WeasyPrint warns on every subsetted font when the
# optional libharfbuzz-subset is missing and it falls back to fontTools: same PDF, only slower.
_HARMLESS = ("Using fontTools instead of HarfBuzz-Subset",)


class _WarningCollector(logging.Handler):
    """Collects WARNING+ records emitted by this thread (other threads may be rendering too)."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread and str(record.msg).startswith(_HARMLESS):
            logger.debug("WeasyPrint: %s", record.getMessage())
        elif record.thread == self.thread:
            self.messages.append(f"WeasyPrint {record.levelname.lower()}: {record.getMessage()}")


@contextmanager
def _weasyprint_warnings() -> Iterator[list[str]]:
    wp_logger = logging.getLogger(_WEASYPRINT_LOGGER)
    collector = _WarningCollector()
    old_level = wp_logger.level
    # If the application silenced warnings globally, they must still reach our handler.
    if wp_logger.getEffectiveLevel() > logging.WARNING:
        wp_logger.setLevel(logging.WARNING)
    wp_logger.addHandler(collector)
    try:
        yield collector.messages
    finally:
        wp_logger.removeHandler(collector)
        wp_logger.setLevel(old_level)
