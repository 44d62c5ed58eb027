"""What each document of a case was recognised as, or why it was not: the same reader `check`
runs (parsers.parse_document, with the case's passwords), one file at a time so one bad file
never hides the others."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from generator.archive import ArchiveError
from generator.documents import CreditReport, Document
from generator.errors import InputError, OcrUnavailable, PdfError, UnrecognizedDocument
from generator.models import Statement


class Problem(StrEnum):
    ENCRYPTED = "encrypted"
    WRONG_PASSWORD = "wrong_password"
    SCANNED = "scanned"
    UNKNOWN = "unknown"  # a PDF no reader recognises (a loan contract, say)
    NOT_PDF = "not_pdf"
    EMPTY = "empty"
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class Recognised:
    name: str
    kind: str = ""  # DocumentKind value
    title: str = ""  # the reader's own name for the document (`dispute providers`)
    detail: str = ""  # for a statement, the line `dispute check` prints about it
    problem: Problem | None = None
    message: str = ""  # the reader's error, localised


_cache: dict[tuple[str, int, int, str | None], Recognised] = {}
_cache_lock = threading.Lock()


def recognise(path: Path, label: str, password: str | None) -> Recognised:
    """Cached by file name, size, modification time and password: a page reload reads nothing."""
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns, password)
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    result = _recognise(path, label, password)
    with _cache_lock:
        _cache[key] = result
    return result


def _recognise(path: Path, label: str, password: str | None) -> Recognised:
    """A ZIP archive is read member by member, as `check` reads it: its first bad member is its
    problem (an archive that will not open is one), else it is what its members are."""
    from generator.parsers import parse_documents

    found = parse_documents(path, label=label, password=password)
    for err in found:
        if isinstance(err, InputError):
            return Recognised(label, problem=classify(err), message=err.msg.render())
    docs = [d for d in found if not isinstance(d, InputError)]
    titles = dict.fromkeys(title_of(d) for d in docs)
    return Recognised(label, docs[0].kind.value if docs else "", "、".join(titles),
                      "；".join(filter(None, (_detail(d) for d in docs))))


def classify(err: InputError) -> Problem:
    if isinstance(err, OcrUnavailable):
        return Problem.SCANNED
    if isinstance(err, UnrecognizedDocument):
        return Problem.UNKNOWN
    if not isinstance(err, PdfError | ArchiveError):
        return Problem.UNREADABLE
    return _PROBLEMS.get(err.msg.code, Problem.UNREADABLE)


_PROBLEMS = {"pdf.encrypted": Problem.ENCRYPTED, "archive.encrypted": Problem.ENCRYPTED,
             "pdf.wrong_password": Problem.WRONG_PASSWORD, "archive.wrong_password": Problem.WRONG_PASSWORD,
             "pdf.no_text_layer": Problem.SCANNED, "pdf.not_pdf": Problem.NOT_PDF, "file.empty": Problem.EMPTY}


def title_of(doc: Document) -> str:
    """The title `dispute providers` lists for the reader that took the document, without the
    English gloss the lender readers carry. An export is named by its export reader (支付宝交易明细
    （自行导出…）), never by the stamped proof of the same provider."""
    from generator.parsers import PARSERS

    if isinstance(doc, Statement) and doc.exported:
        from generator.exports.registry import EXPORTS

        export = next((e for e in EXPORTS if e.provider == doc.provider and e.kind is doc.kind), None)
        return export.title if export else doc.kind.value
    if isinstance(doc, CreditReport):
        wanted = "pboc" if doc.version == "detailed" else "pboc_brief"
    else:
        wanted = doc.provider if isinstance(doc, Statement) else ""
    by_kind = [p for p in PARSERS if p.kind is doc.kind]
    parser = next((p for p in PARSERS if p.name == wanted), by_kind[0] if by_kind else None)
    return parser.title.split(" (")[0] if parser else doc.kind.value


def _detail(doc: Document) -> str:
    from generator.summary import statement_line

    return statement_line(doc) if isinstance(doc, Statement) else ""
