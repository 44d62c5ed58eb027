"""The parser registry and recognition: exactly one parser must claim a document."""

from __future__ import annotations

import gc
import hashlib
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import generator.pdf.native  # noqa: F401  # before the compiled modules: chooses their build
from generator.errors import AmbiguousDocument, InputError, PdfError, UnknownProvider, UnrecognizedDocument
from generator.documents import Document
from generator.parsers.base import DocumentParser
from generator.parsers.alipay import AlipayProof
from generator.parsers.wechat import WechatProof
from generator.parsers.abc import AbcStatement
from generator.parsers.ccb import CcbStatement
from generator.parsers.icbc import IcbcStatement
from generator.parsers.boc import BocStatement
from generator.parsers.bocom import BocomStatement
from generator.parsers.cmb import CmbStatement
from generator.parsers.pboc import PbocReport
from generator.parsers.pboc_brief import PbocBriefReport
from generator.parsers.generic import GenericStatement
from generator.parsers.lender_schedule import LenderSchedule
from generator.parsers.lender_screenshot import LenderScreenshot
from generator.parsers.lender_settlement import LenderSettlement
from generator.exports.sniff import ZIP_MAGICS, Kind, sniff
from generator.pdf import PdfDocument, open_pdf, sha256_file

PARSERS: list[type[DocumentParser]] = [LenderSettlement, LenderSchedule, LenderScreenshot, CmbStatement, IcbcStatement, CcbStatement, AbcStatement, PbocReport, PbocBriefReport, BocStatement, BocomStatement, AlipayProof, WechatProof, GenericStatement]


def by_name(name: str) -> type[DocumentParser]:
    for parser in PARSERS:
        if parser.name == name:
            return parser
    raise UnknownProvider("provider.unknown", name=name, known=tuple(p.name for p in PARSERS))


def detect(first_page_parsers: list[type[DocumentParser]], file: Path) -> type[DocumentParser]:
    if not first_page_parsers:
        raise UnrecognizedDocument(file, "document.unrecognised", tried=tuple(p.name for p in PARSERS))
    if len(first_page_parsers) > 1:
        raise AmbiguousDocument(file, "document.ambiguous", parsers=tuple(p.name for p in first_page_parsers))
    return first_page_parsers[0]


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Parsing allocates about a million small objects (runs, words, lines, cells) that reference
    counting frees; the cycle collector, triggered by the allocation count, only re-scans the live
    ones: 15% of the parse time on a 300-page statement. It runs again once parsing is done."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_document(path: Path, *, label: str | None = None, password: str | None = None,
                   provider: str | None = None) -> Document:
    """Open, recognise and parse one document. `label` is the name used in sources and errors.
    What the file is comes from its bytes: a PDF goes to the PDF readers, an export (CSV, XLS,
    XLSX, a web page, text) to generator.exports; a ZIP archive holds documents of its own
    (parse_documents)."""
    name = label or str(path)
    kind = _kind(path)
    if kind is not None and kind not in (Kind.PDF, Kind.IMAGE):
        if kind is Kind.ARCHIVE:
            raise InputError(name, "archive.not_one_document")
        return _export(path.read_bytes(), name, sha256_file(path), provider,
                       named_pdf=path if path.suffix.lower() == ".pdf" else None)
    with _no_cycle_collection(), _open(path, kind, password, name) as doc:
        first = doc.first_page()
        if provider is not None:
            parser = by_name(provider)
        else:
            specific = [p for p in PARSERS if not p.fallback and p.identify(first)]
            parser = detect(specific or [p for p in PARSERS if p.fallback and p.identify(first)], Path(name))
        parsed = parser().parse(doc, name, sha256_file(path))
        if doc.scan is None:
            return parsed
        from generator.ocr.confidence import with_confidence

        return with_confidence(parsed, doc.scan.scan_pages)


def _open(path: Path, kind: Kind | None, password: str | None, name: str) -> PdfDocument:
    if kind is Kind.IMAGE:
        from generator.pdf import ImageDocument

        return ImageDocument(path, name)
    return open_pdf(path, password)


def parse_documents(path: Path, *, label: str | None = None, password: str | None = None,
                    provider: str | None = None) -> list[Document | InputError]:
    """Every document in `path`: the file itself, or each member of a ZIP archive, cited
    ``archive.zip!member.csv``. A document that cannot be read is returned as its error, so that
    one bad member loses no other; an archive that cannot be opened is one error."""
    name = label or str(path)
    kind = _kind(path)
    try:
        if kind is not Kind.ARCHIVE:
            return [parse_document(path, label=label, password=password, provider=provider)]
        from generator.archive import read_archive

        members = read_archive(path, name, password)
    except InputError as err:
        return [err]
    out: list[Document | InputError] = []
    for member in members:
        try:
            out.append(_member(member.data, member.label, password, provider))
        except InputError as err:
            out.append(err)
    return out


def _kind(path: Path) -> Kind | None:
    """What the file holds, from its bytes; None for what is no readable file (missing, a folder,
    empty), whose error the PDF reader gives as it always has."""
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        with path.open("rb") as fh:
            head = fh.read(65536)
        return sniff(path.read_bytes() if head.startswith(ZIP_MAGICS) else head)
    except OSError:
        return None


def _export(data: bytes, name: str, sha256: str, provider: str | None, *, named_pdf: Path | None = None) -> Document:
    from generator.exports.statement import ExportError, read_export

    try:
        return read_export(data, name, sha256, provider=provider)
    except (UnrecognizedDocument, ExportError):
        # A file named .pdf that holds neither a PDF nor an export is a broken download, not a
        # stray note: it keeps the PDF reader's error (the name chooses only the message).
        if named_pdf is not None:
            raise PdfError(named_pdf, "pdf.not_pdf") from None
        raise


def _member(data: bytes, label: str, password: str | None, provider: str | None) -> Document:
    """One member of an archive, in memory; a PDF goes through a private temporary file, since the
    PDF layer reads files (never beside the inputs, removed at once)."""
    kind = sniff(data)
    if kind is Kind.ARCHIVE:
        raise InputError(label, "archive.nested")
    if kind not in (Kind.PDF, Kind.IMAGE):
        return _export(data, label, hashlib.sha256(data).hexdigest(), provider)
    with tempfile.TemporaryDirectory(prefix="dispute-") as folder:
        path = Path(folder) / ("member.pdf" if kind is Kind.PDF else "member.img")
        path.write_bytes(data)
        try:
            return parse_document(path, label=label, password=password, provider=provider)
        except InputError as err:
            raise type(err)(label, err.msg.code, page=err.page, row=err.row, **err.msg.params) from None
