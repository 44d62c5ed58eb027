"""Page-number stamps drawn from the stamp sheets (generator/render/stamps.py): the right text on
every page, in the bottom-right corner as seen, whatever the page's own content leaves behind."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from generator.render.env import render_html
from generator.render.errors import RenderError
from generator.render.pdf import render_pdf
from generator.render.stamps import SHEET_LINES, sheet_lines, stamp_pages

RIGHT, BOTTOM = 24.0, 10.0
A4 = (595.0, 842.0)


def sheets(total: int) -> PdfReader:
    body = render_html("bundle/stamps.html.j2", total=total, stamps_anchor="stamps")
    html = f'<html><head><link rel="stylesheet" href="styles/bundle.css"></head><body>{body}</body></html>'
    return PdfReader(io.BytesIO(render_pdf(html)))


def page_with(writer: PdfWriter, content: bytes, size: tuple[float, float] = A4) -> None:
    page = writer.add_blank_page(*size)
    stream = DecodedStreamObject()
    stream.set_data(content)
    page[NameObject("/Contents")] = writer._add_object(stream)


def stamped(writer: PdfWriter, total: int) -> pdfplumber.PDF:
    stamp_pages(writer, sheet_lines(sheets(total).pages), RIGHT, BOTTOM)
    out = io.BytesIO()
    writer.write(out)
    return pdfplumber.open(io.BytesIO(out.getvalue()))


def stamp_box(page: pdfplumber.page.Page) -> tuple[float, float, float]:
    chars = [c for c in page.chars if c["text"] != " "]
    return max(c["x1"] for c in chars), max(c["bottom"] for c in chars), min(c["top"] for c in chars)


def test_every_page_gets_its_own_number_across_sheets() -> None:
    total = SHEET_LINES + 7  # two sheets
    writer = PdfWriter()
    for _ in range(total):
        writer.add_blank_page(*A4)
    with stamped(writer, total) as pdf:
        texts = [page.extract_text() for page in pdf.pages]
    assert texts == [f"证据材料 第{n}页 共{total}页" for n in range(1, total + 1)]


def test_stamp_sits_in_the_bottom_right_corner() -> None:
    writer = PdfWriter()
    page_with(writer, b"")
    page_with(writer, b"", (842.0, 595.0))
    with stamped(writer, 2) as pdf:
        for page in pdf.pages:
            right, bottom, top = stamp_box(page)
            assert page.width - RIGHT - 1 <= right <= page.width - RIGHT + 0.5
            assert page.height - BOTTOM - 14 <= top < bottom <= page.height - BOTTOM


def test_state_left_by_the_page_does_not_move_the_stamp() -> None:
    writer = PdfWriter()
    page_with(writer, b"q 3 0 0 3 -100 -100 cm 1 0 0 rg q 0 0 1 rg")  # unbalanced q, scaled CTM
    with stamped(writer, 1) as pdf:
        page = pdf.pages[0]
        right, bottom, _ = stamp_box(page)
        assert page.width - RIGHT - 1 <= right <= page.width - RIGHT + 0.5
        assert bottom <= page.height - BOTTOM
        assert {tuple(c["non_stroking_color"]) for c in page.chars} == {(0, 0, 0)}  # not the page's red or blue


def test_rotated_page_is_stamped_upright_at_its_bottom_right_as_seen() -> None:
    writer = PdfWriter()
    writer.add_blank_page(*A4).rotate(90)
    with stamped(writer, 1) as pdf:
        page = pdf.pages[0]
        assert (page.width, page.height) == (A4[1], A4[0])
        assert all(c["upright"] for c in page.chars)
        right, bottom, _ = stamp_box(page)
        assert page.width - RIGHT - 1 <= right <= page.width - RIGHT + 0.5
        assert page.height - BOTTOM - 14 <= bottom <= page.height - BOTTOM


def test_pages_sharing_resources_keep_their_own_stamps() -> None:
    writer = PdfWriter()
    shared = writer._add_object(DictionaryObject())
    for _ in range(3):
        page_with(writer, b"")
        writer.pages[-1][NameObject("/Resources")] = shared
    with stamped(writer, 3) as pdf:
        assert [p.extract_text() for p in pdf.pages] == [f"证据材料 第{n}页 共3页" for n in (1, 2, 3)]


def test_stamp_count_must_match_the_pages() -> None:
    writer = PdfWriter()
    writer.add_blank_page(*A4)
    with pytest.raises(RenderError, match="2 page stamps for 1 pages"):
        stamp_pages(writer, sheet_lines(sheets(2).pages), RIGHT, BOTTOM)


def test_a_sheet_that_is_not_full_before_the_last_is_refused() -> None:
    short = sheets(3).pages[0]
    with pytest.raises(RenderError, match=f"holds 3 lines, expected {SHEET_LINES}"):
        sheet_lines([short, short])
