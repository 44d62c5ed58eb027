"""The optional C helper generator/pdf/_pdfscan.c and its Python twin give the same pieces, words
and parsed documents; DISPUTE_PURE_PYTHON=1 selects the Python one."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from test_pdf_backends import FIXTURE_PDFS, _name, _stress_pdf

import generator.pdf.pdfium as backend
from generator.parsers import parse_document
from generator.pdf import Page, open_pdf
from generator.pdf.fonts import FontBook
from generator.pdf.native import PURE_PYTHON_ENV
from generator.serialize import document_json

_NEEDS_SCAN = pytest.mark.skipif(backend._scan is None, reason="generator/pdf/_pdfscan.c is not built (pip install -e .)")


def _both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Page], list[Page]]:
    def pages() -> list[Page]:
        with open_pdf(path, backend="pdfium") as doc:
            return list(doc.pages())

    compiled = pages()
    monkeypatch.setenv(PURE_PYTHON_ENV, "1")
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


@_NEEDS_SCAN
@pytest.mark.parametrize("path", FIXTURE_PDFS, ids=_name)
def test_same_pieces(path: Path) -> None:
    _assert_same_pieces(path)


@_NEEDS_SCAN
def test_same_pieces_on_odd_text(tmp_path: Path) -> None:
    _assert_same_pieces(_stress_pdf(tmp_path / "stress.pdf"))


@_NEEDS_SCAN
def test_same_words_on_odd_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compiled, python = _both(_stress_pdf(tmp_path / "stress.pdf"), monkeypatch)
    assert compiled == python


@_NEEDS_SCAN
@pytest.mark.parametrize("path", FIXTURE_PDFS, ids=_name)
def test_same_parsed_document(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compiled = document_json(parse_document(path, label="x"))
    monkeypatch.setenv(PURE_PYTHON_ENV, "1")
    assert document_json(parse_document(path, label="x")) == compiled


# --- the mypyc build of generator/pdf/native.py's MODULES -----------------------------------------

_PARSE_ALL = """
import json, sys
from pathlib import Path
from generator.parsers import parse_document
from generator.pdf.native import MODULES, compiled
from generator.serialize import document_json
documents = [document_json(parse_document(Path(p), label=str(i))) for i, p in enumerate(sys.argv[1:])]
print(json.dumps({"compiled": [m for m in MODULES if compiled(sys.modules[m])], "documents": documents}))
"""


def _parse_all(pure: bool) -> dict[str, object]:
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, PURE_PYTHON_ENV: "1" if pure else "0"}
    out = subprocess.run([sys.executable, "-c", _PARSE_ALL, *map(str, FIXTURE_PDFS)], capture_output=True,
                         text=True, check=True, env=env, cwd=Path(__file__).resolve().parent.parent)
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def test_compiled_and_pure_python_parse_alike() -> None:
    from generator.pdf.native import MODULES

    compiled, pure = _parse_all(pure=False), _parse_all(pure=True)
    if not compiled["compiled"]:
        pytest.skip("the mypyc build is absent (pip install -e .)")
    assert compiled["compiled"] == list(MODULES)
    assert pure["compiled"] == []
    assert compiled["documents"] == pure["documents"]


def test_a_stale_build_runs_the_source() -> None:
    from generator.pdf.native import _SourceWhenStale

    finder = _SourceWhenStale()
    package = Path(__file__).resolve().parent.parent / "generator" / "pdf"
    if not list(package.glob("words.*.so")):
        pytest.skip("the mypyc build is absent (pip install -e .)")
    assert finder.find_spec("generator.pdf.words", [str(package)]) is None  # current: the compiled one
    finder.recorded = {**finder.recorded, "generator.pdf.words": "0" * 64}
    spec = finder.find_spec("generator.pdf.words", [str(package)])
    assert spec is not None and spec.origin == str(package / "words.py")
