"""A tiny PDF that inflates to gigabytes is refused before pdfium or pdfminer inflates it, with
one line naming the file; an empty page tree says so instead of "(PDFium: Success)"."""

from __future__ import annotations

import base64
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject, StreamObject
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from generator.cli import app
from generator.pdf import inflate

runner = CliRunner()


def _deflated_twice(size: int) -> bytes:
    """`size` bytes of drawing operators, deflated, and the result deflated again."""
    line = b"0 0 m 1 1 l S\n" * 4096
    inner = zlib.compressobj(9)
    parts = [inner.compress(line) for _ in range(size // len(line))]
    return zlib.compress(b"".join(parts) + inner.flush(), 9)


def _bomb(path: Path, data: bytes, filters: list[str], where: str = "content") -> Path:
    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    stream = StreamObject()
    stream._data = data
    chain = ArrayObject([NameObject(f) for f in filters])
    # "by_reference": the filter array as an object of its own (/Filter 5 0 R), which pdfium follows
    stream[NameObject("/Filter")] = writer._add_object(chain) if where.endswith("by_reference") else chain
    ref = writer._add_object(stream)
    if where.startswith("content"):
        page[NameObject("/Contents")] = ref
    else:  # a font's ToUnicode CMap
        text = DecodedStreamObject()
        text.set_data(b"BT /F1 12 Tf 20 100 Td (x) Tj ET")
        page[NameObject("/Contents")] = writer._add_object(text)
        font = {NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/ToUnicode"): ref}
        from pypdf.generic import DictionaryObject
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): DictionaryObject(font)})})
    writer.write(path)
    return path


@pytest.mark.parametrize(("filters", "wrap", "where"), [
    (["/FlateDecode", "/FlateDecode"], False, "content"),
    (["/ASCII85Decode", "/FlateDecode", "/FlateDecode"], True, "content"),
    (["/FlateDecode", "/FlateDecode"], False, "tounicode"),
    (["/FlateDecode", "/FlateDecode"], False, "content_by_reference"),
])
def test_a_bomb_is_refused_naming_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, filters: list[str],
                                           wrap: bool, where: str) -> None:
    monkeypatch.setattr(inflate, "STREAM_LIMIT", 16 << 20)
    data = _deflated_twice(64 << 20)
    if wrap:
        data = base64.a85encode(data, wrapcol=72) + b"~>"
    path = _bomb(tmp_path / "bomb.pdf", data, filters, where)
    assert path.stat().st_size < 8192
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 2
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "bomb.pdf" in lines[0] and "MB" in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_a_two_gigabyte_bomb_is_refused_in_little_memory(tmp_path: Path) -> None:
    path = _bomb(tmp_path / "big.pdf", _deflated_twice(2 << 30), ["/FlateDecode", "/FlateDecode"])
    # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so the child would report the size
    # of the pytest process it was forked from.
    code = ("from pathlib import Path; from generator.errors import PdfError\n"
            "from generator.pdf import PdfDocument\n"
            f"try: PdfDocument(Path({str(path)!r}))\nexcept PdfError as e: print(e)\n"
            "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    message, rss_kb = out.stdout.strip().splitlines()
    assert "big.pdf" in message and "decompression bomb" in message
    assert int(rss_kb) < 300 * 1024


def test_ordinary_documents_pass_the_check() -> None:
    for pdf in sorted(FIXTURES.rglob("*.pdf"))[:40]:
        inflate.check_inflation(pdf)


def test_an_empty_page_tree_says_the_pdf_has_no_pages(tmp_path: Path) -> None:
    path = tmp_path / "zero.pdf"
    PdfWriter().write(path)
    result = runner.invoke(app, ["parse", str(path)], env={"DISPUTE_LANG": "en"})
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("zero.pdf: the PDF has no pages"), result.stderr
    assert "Success" not in result.stderr
