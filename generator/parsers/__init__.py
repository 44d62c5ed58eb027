"""The parser registry and recognition: exactly one parser must claim a document."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import generator.pdf.native  # noqa: F401  # before the compiled modules: chooses their build
from generator.errors import AmbiguousDocument, UnrecognizedDocument
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
from generator.parsers.lender_settlement import LenderSettlement
from generator.pdf import open_pdf, sha256_file

PARSERS: list[type[DocumentParser]] = [LenderSettlement, LenderSchedule, CmbStatement, IcbcStatement, CcbStatement, AbcStatement, PbocReport, PbocBriefReport, BocStatement, BocomStatement, AlipayProof, WechatProof, GenericStatement]


def by_name(name: str) -> type[DocumentParser]:
    for parser in PARSERS:
        if parser.name == name:
            return parser
    known = ", ".join(p.name for p in PARSERS)
    raise KeyError(f"unknown provider {name!r}; known: {known}")


def detect(first_page_parsers: list[type[DocumentParser]], file: Path) -> type[DocumentParser]:
    if not first_page_parsers:
        tried = ", ".join(p.name for p in PARSERS)
        raise UnrecognizedDocument(file, f"unrecognised document (tried: {tried})")
    if len(first_page_parsers) > 1:
        both = ", ".join(p.name for p in first_page_parsers)
        raise AmbiguousDocument(file, f"ambiguous document: recognised by {both}; choose one with --provider")
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
    """Open, recognise and parse one document. `label` is the name used in sources and errors."""
    name = label or str(path)
    with _no_cycle_collection(), open_pdf(path, password) as doc:
        first = doc.first_page()
        if provider is not None:
            parser = by_name(provider)
        else:
            specific = [p for p in PARSERS if not p.fallback and p.identify(first)]
            parser = detect(specific or [p for p in PARSERS if p.fallback and p.identify(first)], Path(name))
        return parser().parse(doc, name, sha256_file(path))
