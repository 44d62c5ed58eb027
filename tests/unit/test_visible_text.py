"""Document text is cleaned of characters that print nothing but change what follows (a NUL,
a right-to-left override, zero-width marks) before any reader sees it, on every backend."""

from __future__ import annotations

import pytest

import generator.pdf as pdf
from conftest import FIXTURES


def test_invisible_characters_are_removed_and_empty_words_dropped() -> None:
    raw = [("李\u202e晓明", 1.0, 2.0, 3.0, 4.0), ("\u200b", 5.0, 2.0, 6.0, 4.0), ("12\x0034", 7.0, 2.0, 9.0, 4.0),
           ("\ufeff招商银行", 10.0, 2.0, 20.0, 4.0)]
    assert pdf.visible(raw) == [("李晓明", 1.0, 2.0, 3.0, 4.0), ("1234", 7.0, 2.0, 9.0, 4.0),
                                ("招商银行", 10.0, 2.0, 20.0, 4.0)]


def test_clean_words_are_passed_as_they_are() -> None:
    raw = [("2025-03-10", 1.0, 2.0, 3.0, 4.0), ("重庆蚂蚁消费金融有限公司", 5.0, 2.0, 9.0, 4.0)]
    assert pdf.visible(raw) is raw


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
def test_a_page_read_from_a_text_layer_with_an_override_has_none(backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = FIXTURES / "statements" / "cmb" / "basic" / "input.pdf"
    with pdf.PdfDocument(path, backend=backend) as doc:
        source = doc._source
        real = source.extract

        def tampered(index: int) -> tuple[float, float, list[pdf.RawWord]]:
            width, height, words = real(index)
            return width, height, [(f"\u202e{t}\x00", *box) for t, *box in words]

        monkeypatch.setattr(source, "extract", tampered)
        page = doc._extract(0)
    assert page.words and not any(ch in w.text for w in page.words for ch in "\u202e\x00")

