"""The optional C helper generator/_pdfscan.c and its Python twin give the same pieces, words
and parsed documents; DISPUTE_PURE_PYTHON=1 selects the Python one."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

import generator.pdf_pdfium as backend
from generator.parsers import parse_document
from generator.pdf import Page, open_pdf
from generator.pdf_fonts import FontBook
from generator.serialize import document_json
from test_pdf_backends import FIXTURE_PDFS, _name, _stress_pdf

pytestmark = pytest.mark.skipif(backend._scan is None, reason="generator/_pdfscan.c is not built (pip install -e .)")


def _both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Page], list[Page]]:
    def pages() -> list[Page]:
        with open_pdf(path, backend="pdfium") as doc:
            return list(doc.pages())

    compiled = pages()
    monkeypatch.setenv(backend.PURE_PYTHON_ENV, "1")
    return compiled, pages()


def _pieces(path: Path, page_index: int) -> tuple[list[backend.Piece], list[backend.Piece]]:
    pdf = pdfium.PdfDocument(str(path))
    page = pdfium_c.FPDF_LoadPage(pdf.raw, page_index)
    textpage = pdfium_c.FPDFText_LoadPage(page)
    try:
        reader = backend._PageReader(textpage, backend._geometry(page), FontBook(path, None), page_index)
        text = reader._text(pdfium_c.FPDFText_CountChars(textpage))
        assert backend._scan is not None
        return backend._scan(reader.api.addresses, reader._address(), text), reader._pieces_py(text)
    finally:
        pdfium_c.FPDFText_ClosePage(textpage)
        pdfium_c.FPDF_ClosePage(page)
        pdf.close()


def _assert_same_pieces(path: Path) -> None:
    for index in range(len(pdfium.PdfDocument(str(path)))):
        compiled, python = _pieces(path, index)
        assert [(p[:3], p[11:]) for p in compiled] == [(p[:3], p[11:]) for p in python], f"page {index + 1}"
        seen: set[int] = set()
        for c, p in zip(compiled, python, strict=True):
            if c[2] not in seen:  # the Python scan reads an object's facts where it first appears
                assert c == p, f"page {index + 1}: {c} != {p}"
                seen.add(c[2])


@pytest.mark.parametrize("path", FIXTURE_PDFS, ids=_name)
def test_same_pieces(path: Path) -> None:
    _assert_same_pieces(path)


def test_same_pieces_on_odd_text(tmp_path: Path) -> None:
    _assert_same_pieces(_stress_pdf(tmp_path / "stress.pdf"))


def test_same_words_on_odd_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compiled, python = _both(_stress_pdf(tmp_path / "stress.pdf"), monkeypatch)
    assert compiled == python


@pytest.mark.parametrize("path", FIXTURE_PDFS, ids=_name)
def test_same_parsed_document(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compiled = document_json(parse_document(path, label="x"))
    monkeypatch.setenv(backend.PURE_PYTHON_ENV, "1")
    assert document_json(parse_document(path, label="x")) == compiled
