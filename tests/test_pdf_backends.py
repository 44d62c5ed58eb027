"""The two PDF backends (generator/pdf/__init__.py) are interchangeable: same words, same boxes, same
parsed documents, same errors; pages are released as they are read."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import psutil
import pytest

from conftest import FIXTURES, ROOT, SCAN_MESSAGE
from generator.errors import OcrUnavailable, PdfError
from generator.parsers import parse_document
from generator.pdf import BACKEND_ENV, BACKENDS, Page, open_pdf
from generator.serialize import document_json

FIXTURE_PDFS = sorted((FIXTURES / "statements").glob("**/input.pdf"))
# Largest box difference accepted between backends, in points. Measured: 0.0 on every fixture
# page (the pdfium backend redoes pdfminer's float64 arithmetic), so any drift is a regression.
BOX_TOLERANCE = 1e-9
PAGE_GROWTH_LIMIT_MB = 20  # 200 pages: ~1 MB with pages released, ~57 MB if pdfium pages leak


def _name(path: Path) -> str:
    return path.parent.relative_to(FIXTURES / "statements").as_posix()


def _pages(path: Path, backend: str, password: str | None = None) -> list[Page]:
    with open_pdf(path, password, backend=backend) as doc:
        return list(doc.pages())


def _assert_same_pages(path: Path, password: str | None = None) -> None:
    plumber, pdfium = _pages(path, "pdfplumber", password), _pages(path, "pdfium", password)
    assert len(plumber) == len(pdfium)
    for a, b in zip(plumber, pdfium, strict=True):
        assert (a.number, a.width, a.height) == (b.number, b.width, b.height)
        assert [w.text for w in a.words] == [w.text for w in b.words], f"page {a.number}"
        worst = max((abs(p - q) for wa, wb in zip(a.words, b.words, strict=True)
                     for p, q in zip((wa.x0, wa.top, wa.x1, wa.bottom), (wb.x0, wb.top, wb.x1, wb.bottom), strict=True)),
                    default=0.0)
        assert worst <= BOX_TOLERANCE, f"page {a.number}: boxes differ by {worst} pt"


@pytest.mark.parametrize("path", FIXTURE_PDFS, ids=_name)
def test_same_words_and_boxes(path: Path) -> None:
    _assert_same_pages(path)


@pytest.mark.parametrize("path", FIXTURE_PDFS, ids=_name)
def test_same_parsed_document(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    label = path.relative_to(ROOT).as_posix()
    parsed = {}
    for backend in BACKENDS:
        monkeypatch.setenv(BACKEND_ENV, backend)
        parsed[backend] = document_json(parse_document(path, label=label))
    assert parsed["pdfium"] == parsed["pdfplumber"]


def test_fast_path_equals_per_character_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """The run-at-a-time word builder agrees with the per-character port of pdfplumber's rule."""
    import generator.pdf.pdfium as backend
    from generator.pdf.words import Run, extract_words, words_fast, words_general

    checked = 0

    def checking(runs: list[Run]) -> list[tuple[str, float, float, float, float]]:
        nonlocal checked
        fast = words_fast(runs)
        if fast is not None:
            assert fast == words_general([c for r in runs for c in r.chars()])
            checked += 1
        return extract_words(runs)

    monkeypatch.setattr(backend, "extract_words", checking)
    for path in FIXTURE_PDFS:
        _pages(path, "pdfium")
    assert checked > len(FIXTURE_PDFS)


# --- text that takes the slow paths: spacing, scaling, rotation, forms, kerning, odd pages ---

def _stress_pdf(path: Path) -> Path:
    """Character and word spacing, horizontal scaling, rise, a scaled CTM, rotated text, a form
    XObject, runs of spaces, interleaved text objects, and a page with /Rotate 90."""
    from reportlab.pdfgen.canvas import Canvas
    from synth.fonts import register_cjk_font

    font = register_cjk_font()
    c = Canvas(str(path))
    c.setFont(font, 9)
    c.drawString(50, 800, "普通 plain    text 12,345.67")
    c.saveState()
    c.translate(30, 40)
    c.scale(0.75, 0.75)
    c.setFont(font, 10)
    c.drawString(40, 700, "缩放 scaled 3.14 余额")
    c.restoreState()
    for y, setting, value, words in ((760, "setCharSpace", 0.8, "字距 char space 1.00"),
                                     (740, "setWordSpace", 3, "word space a b c"),
                                     (720, "setHorizScale", 80, "horiz 80 缩 12.50")):
        t = c.beginText(50, y)
        t.setFont(font, 9)
        getattr(t, setting)(value)
        t.textOut(words)
        getattr(t, setting)(100 if setting == "setHorizScale" else 0)
        c.drawText(t)
    t = c.beginText(50, 700)
    t.setFont(font, 9)
    t.textOut("base ")
    t.setRise(3)
    t.textOut("rise")
    t.setRise(0)
    t.textOut(" back")
    c.drawText(t)
    c.saveState()
    c.translate(300, 500)
    c.rotate(90)
    c.drawString(0, 0, "旋转 rotated 45.00")
    c.restoreState()
    c.beginForm("f1")
    c.setFont(font, 9)
    c.drawString(50, 640, "表单 form text 7.77")
    c.endForm()
    c.doForm("f1")
    c.setFont(font, 9)
    for x, s in ((50, "ab"), (60.3, "cd"), (61.4, "ef")):  # "ef" starts inside "cd"
        c.drawString(x, 600, s)
    c.showPage()
    c.setPageRotation(90)
    c.setFont(font, 9)
    c.drawString(50, 500, "第二页 rotated page 88.00")
    c.showPage()
    c.save()
    return path


def _raw_pdf(path: Path, content: bytes, mediabox: str = "0 0 595 842") -> Path:
    """A one-page PDF around a hand-written content stream, with Helvetica as /F1."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [" + mediabox.encode() + b"] "
               b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def test_same_words_on_text_that_takes_the_slow_paths(tmp_path: Path) -> None:
    _assert_same_pages(_stress_pdf(tmp_path / "stress.pdf"))


def test_same_words_with_an_offset_mediabox(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import RectangleObject

    writer = PdfWriter(clone_from=PdfReader(_stress_pdf(tmp_path / "stress.pdf")))
    writer.pages[0].mediabox = RectangleObject([10, 20, 590, 830])
    with (tmp_path / "offset.pdf").open("wb") as fh:
        writer.write(fh)
    _assert_same_pages(tmp_path / "offset.pdf")


def test_same_words_with_kerning_and_spacing_operators(tmp_path: Path) -> None:
    content = (b"BT /F1 10 Tf 50 700 Td [(Ker) 120 (ned) -300 (TJ) -2500 (far)] TJ ET\n"
               b"BT /F1 10 Tf 50 680 Td 1.5 Tc (spaced out) Tj 0 Tc 4 Tw (word  gap) Tj ET\n"
               b"BT /F1 9 Tf 50 660 Td (one) Tj (two) Tj 7 Ts (up) Tj 0 Ts (   three) Tj ET\n"
               b"BT /F1 9 Tf 120 0 0 120 0 0 Tm 0.05 0 Td (scaledtm) Tj ET")
    _assert_same_pages(_raw_pdf(tmp_path / "kern.pdf", content, "5 -5 600 845"))


# --- errors ------------------------------------------------------------------------------------

def _encrypted(tmp_path: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(FIXTURES / "statements" / "cmb" / "basic" / "input.pdf"))
    writer.encrypt("123456", algorithm="AES-256")
    with (tmp_path / "locked.pdf").open("wb") as fh:
        writer.write(fh)
    return tmp_path / "locked.pdf"


def _scan(tmp_path: Path) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(tmp_path / "scan.pdf"))
    canvas.rect(100, 100, 300, 400, fill=1)
    canvas.save()
    return tmp_path / "scan.pdf"


def _truncated(tmp_path: Path) -> Path:
    data = (FIXTURES / "statements" / "cmb" / "basic" / "input.pdf").read_bytes()
    (tmp_path / "cut.pdf").write_bytes(data[:1500])
    return tmp_path / "cut.pdf"


BAD_INPUTS = {
    "missing": (lambda p: p / "missing.pdf", None, "file not found"),
    "directory": (lambda p: p, None, "is a directory, not a file"),
    "empty": (lambda p: (p / "e.pdf").write_bytes(b"") or p / "e.pdf", None, "empty file"),
    "not a pdf": (lambda p: (p / "f.pdf").write_text("hello") and p / "f.pdf", None, "not a PDF file"),
    "truncated": (_truncated, None, "corrupt or truncated PDF ("),
    "scan": (_scan, None, SCAN_MESSAGE),
    "no password": (_encrypted, None, "encrypted PDF: give its password with --password"),
    "wrong password": (_encrypted, "000000", "wrong password"),
}


def _error(path: Path, password: str | None, backend: str) -> str:
    with pytest.raises((PdfError, OcrUnavailable)) as caught:
        with open_pdf(path, password, backend=backend) as doc:
            doc.first_page()
    return str(caught.value)


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_same_error_messages(case: str, tmp_path: Path) -> None:
    make, password, message = BAD_INPUTS[case]
    path = make(tmp_path)
    plumber, pdfium = _error(path, password, "pdfplumber"), _error(path, password, "pdfium")
    assert message in plumber and message in pdfium
    # The corrupt-file detail in parentheses is each library's own words.
    assert plumber.split(" (")[0] == pdfium.split(" (")[0]


def test_right_password_opens_with_both(tmp_path: Path) -> None:
    _assert_same_pages(_encrypted(tmp_path), password="123456")


# --- selection ----------------------------------------------------------------------------------

BASIC = FIXTURES / "statements" / "cmb" / "basic" / "input.pdf"


def test_backend_comes_from_the_argument_then_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(BACKEND_ENV, raising=False)
    with open_pdf(BASIC) as doc:
        assert doc.backend == "pdfium"  # the fast backend is the default
    monkeypatch.setenv(BACKEND_ENV, "pdfplumber")
    with open_pdf(BASIC) as doc:
        assert doc.backend == "pdfplumber"
    with open_pdf(BASIC, backend="pdfium") as doc:
        assert doc.backend == "pdfium"
    with open_pdf(BASIC, backend="pdfplumber") as doc:
        assert doc.backend == "pdfplumber"


def test_unknown_backend_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BACKEND_ENV, "mupdf")
    with pytest.raises(PdfError, match=f"unknown PDF backend 'mupdf' .*{BACKEND_ENV}"):
        open_pdf(BASIC)


def test_same_metadata_and_page_count() -> None:
    with open_pdf(BASIC, backend="pdfplumber") as a, open_pdf(BASIC, backend="pdfium") as b:
        assert a.metadata == b.metadata and a.page_count == b.page_count


# --- memory -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def long_statement(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from synth.cmb import CmbStatement, make_rows, write_cmb_statement

    rows = make_rows(7, 200 * 25 - 5, date(2020, 1, 1), Decimal("5000.00"))
    path = tmp_path_factory.mktemp("long") / "cmb-200.pdf"
    write_cmb_statement(CmbStatement("测试用户", "6214********0000", rows[0].date, rows[-1].date, rows,
                                     rows_per_page=25), path)
    return path


def _rss_growth_mb(path: Path) -> float:
    proc = psutil.Process()
    with open_pdf(path, backend="pdfium") as doc:
        pages: Iterator[Page] = doc.pages()
        next(pages), next(pages)  # fonts read, caches warm
        before = proc.memory_info().rss
        count = 2 + sum(1 for _ in pages)
        after = proc.memory_info().rss
    assert count == doc.page_count
    return (after - before) / 2**20


def test_pdfium_pages_are_released(long_statement: Path) -> None:
    assert _rss_growth_mb(long_statement) < PAGE_GROWTH_LIMIT_MB
