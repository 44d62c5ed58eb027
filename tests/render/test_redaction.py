"""Redaction of unrelated rows on the bundle's original pages, and the marks on cited rows.

The statement is drawn here, so that every redacted row's text, the codes its fonts show it with
and an image inside one of its rows are known: a CID font (STSong-Light, UCS-2 codes), an
embedded TrueType subset (WenQuanYi, codes of its own) and Helvetica. Page 1 has an annotation in
a redacted row, page 2 is redacted all but one row, and page 3 has a seal image across two rows,
which cannot be cut, so that page is rasterised. Then nothing of a redacted row may be found
anywhere in the bundle: not by text extraction (pdfplumber, pdfium), not in any decompressed
stream or object (as text in common encodings, or as the font codes the original showed it with),
not as image data.
"""

from __future__ import annotations

import io
import math
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageStat
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    ContentStream,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    RectangleObject,
    StreamObject,
    TextStringObject,
)
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from synth.fonts import register_cjk_font

from conftest import ROOT

from generator.models import BBox, DocumentKind, Statement
from generator.pdf.boxes import page_geometry
from generator.pipeline import run_check
from generator.render import redact
from generator.render.bundle import write_bundle
from generator.render.excerpt import open_source
from generator.render.exhibits import BundleLayout, BundlePlan, CitedRow, ExhibitPlan, plan_exhibits
from generator.render.redact import MARK_FILL, REDACTED_FILL, frame_of, scrub

EXAMPLE = ROOT / "examples" / "on-time-cmb"
LENDER = "重庆蚂蚁消费金融有限公司"
CITED = {3, 30, 41}  # rows cited: one on each page
ROWS = (range(0, 20), range(20, 40), range(40, 50))  # rows on pages 1, 2, 3
PITCH = 24.0
TOP_BASELINE = 700.0
ICON_ROW = 7  # a small image inside this (redacted) row
SEAL_ROWS = (44, 45)  # page 3: a seal across these rows' edges
POOL = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
CID_FONT = "STSong-Light"


@dataclass(frozen=True)
class Cell:
    page: int
    row: int
    text: str


@dataclass(frozen=True)
class Drawn:
    path: Path
    cells: list[Cell]  # in drawing order: each is one text-showing operation
    icon: bytes  # RGB samples of the image drawn in ICON_ROW
    drawn_as: Path  # `path` before a test changed a copy of it (the rows' boxes are read here)

    def texts(self, row: int) -> list[str]:
        return [c.text for c in self.cells if c.row == row]


def _row(n: int) -> list[tuple[float, str, str]]:
    """(x, font, text) of row n's cells."""
    if n in CITED:
        day = date(2025, 1, 9) + timedelta(days=31 * len([c for c in CITED if c < n]))
        return [(40, "Helvetica", day.isoformat()), (130, "Helvetica", "-1,060.30"),
                (220, "Helvetica", f"{Decimal(9000) + n:,.2f}"), (310, CID_FONT, LENDER), (480, "cjk", "还款")]
    day = date(2024, 1, 1) + timedelta(days=n)
    amount = -(Decimal(1000 + 37 * n) + Decimal(n) / 100)
    balance = Decimal(50000) + Decimal("111.11") * n
    return [(40, "Helvetica", day.isoformat()), (130, "Helvetica", f"{amount:,.2f}"),
            (220, "Helvetica", f"{balance:,.2f}"), (310, CID_FONT, f"{POOL[n % 22]}{POOL[n // 22]}贸易商行"),
            (480, "cjk", f"备注{n:03d}号")]


def _baseline(n: int) -> float:
    index = next(r.index(n) for r in ROWS if n in r)
    return TOP_BASELINE - PITCH * index


def _image(size: int, seed: int) -> Image.Image:
    rnd = random.Random(seed)
    return Image.frombytes("RGB", (size, size), bytes(rnd.randrange(256) for _ in range(size * size * 3)))


def draw_statement(path: Path) -> Drawn:
    pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    fonts = {"Helvetica": "Helvetica", CID_FONT: CID_FONT, "cjk": register_cjk_font()}
    canvas = Canvas(str(path), pagesize=(595.0, 842.0), pageCompression=1)
    cells: list[Cell] = []
    icon = _image(8, 7)
    for page, rows in enumerate(ROWS, start=1):
        canvas.setFont(CID_FONT, 14)
        canvas.drawString(200, 780, "测试银行交易流水")
        cells.append(Cell(page, -1, "测试银行交易流水"))
        for n in rows:
            for x, font, text in _row(n):
                canvas.setFont(fonts[font], 9)
                canvas.drawString(x, _baseline(n), text)
                cells.append(Cell(page, n, text))
            if n == ICON_ROW:
                canvas.drawImage(ImageReader(icon), 440, _baseline(n) - 1, 6, 6)
        if page == 3:
            seal = _image(4, 11)
            top = _baseline(SEAL_ROWS[0]) + 4
            canvas.drawImage(ImageReader(seal), 360, top - PITCH, 40, PITCH)
        canvas.showPage()
    canvas.save()
    _annotate(path, 1, _row_box(path, 1, 5))
    return Drawn(path, cells, icon.tobytes(), path)


def _annotate(path: Path, page: int, box: BBox) -> None:
    """A note on a redacted row, whose text names that row."""
    writer = PdfWriter(clone_from=PdfReader(path))
    height = writer.pages[page - 1].mediabox.height
    note = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Text"),
        NameObject("/Rect"): ArrayObject([FloatObject(v) for v in
                                          (box[0], height - box[3], box[0] + 20, height - box[1])]),
        NameObject("/Contents"): TextStringObject(_row(5)[3][2]),
    })
    writer.add_annotation(page - 1, note)
    with path.open("wb") as f:
        writer.write(f)


def _row_box(path: Path, page: int, n: int) -> BBox:
    """Row n's box as the parsers give it: the union of its words, pdfplumber-style."""
    with pdfplumber.open(path) as pdf:
        words = pdf.pages[page - 1].extract_words()
    baseline = 842.0 - _baseline(n)
    mine = [w for w in words if w["top"] < baseline < w["bottom"] + 0.5]
    assert mine, n
    return (min(w["x0"] for w in mine), min(w["top"] for w in mine), max(w["x1"] for w in mine),
            max(w["bottom"] for w in mine))


def plan_for(drawn: Drawn, *, keep_originals: bool = False, moved: Callable[[BBox], BBox] | None = None) -> BundlePlan:
    """The bundle's plan: the rows of CITED cited, the others redacted; `moved` maps the boxes
    of the drawn statement to those of a changed copy of it (drawn.path)."""
    boxes = {n: (p, _row_box(drawn.drawn_as, p, n)) for p, rows in enumerate(ROWS, start=1) for n in rows}
    if moved is not None:
        boxes = {n: (p, moved(box)) for n, (p, box) in boxes.items()}
    cited = tuple(CitedRow(p, n, box, None, Decimal("-1060.30"), " ".join(drawn.texts(n)), on_page=1)
                  for n, (p, box) in boxes.items() if n in CITED)
    redact = tuple((p, box) for n, (p, box) in boxes.items() if n not in CITED)
    statement = ExhibitPlan(2, DocumentKind.BANK_STATEMENT.value, "测试银行", drawn.path.name, drawn.path, None, 3,
                            "repayments", cited, redact)
    report = ExhibitPlan(1, DocumentKind.CREDIT_REPORT.value, "中国人民银行征信中心", "", None, None, None,
                         "reported_record")
    return BundlePlan("test", "李晓明", "110105********1236", LENDER, None, date(2026, 3, 1), (report, statement),
                      (), keep_originals)


@dataclass(frozen=True)
class Built:
    drawn: Drawn
    plan: BundlePlan
    layout: BundleLayout
    path: Path

    def page(self, original: int) -> int:
        return self.layout.original_pages[(2, original)]

    def box(self, n: int) -> BBox:
        page = next(p for p, rows in enumerate(ROWS, start=1) if n in rows)
        return _row_box(self.drawn.drawn_as, page, n)


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> Drawn:
    return draw_statement(tmp_path_factory.mktemp("statement") / "statement.pdf")


@pytest.fixture(scope="module")
def built(drawn: Drawn, tmp_path_factory: pytest.TempPathFactory) -> Built:
    plan = plan_for(drawn)
    out = tmp_path_factory.mktemp("bundle") / "bundle.pdf"
    return Built(drawn, plan, write_bundle(plan, out), out)


@pytest.fixture(scope="module")
def kept(drawn: Drawn, tmp_path_factory: pytest.TempPathFactory) -> Built:
    plan = plan_for(drawn, keep_originals=True)
    out = tmp_path_factory.mktemp("kept") / "bundle.pdf"
    return Built(drawn, plan, write_bundle(plan, out), out)


# ---- what a redacted row may not leave behind ------------------------------------------------

def _secrets(drawn: Drawn) -> list[str]:
    """Every cell text of the redacted rows that the kept rows and page titles do not print too."""
    kept = {c.text for c in drawn.cells if c.row in CITED or c.row < 0}
    out = [c.text for c in drawn.cells if c.row >= 0 and c.row not in CITED and c.text not in kept]
    assert len(out) == 5 * (50 - len(CITED))
    return out


def _secret_codes(drawn: Drawn) -> list[bytes]:
    """The font codes the original shows each secret with: its text-showing operations' strings,
    which line up with the drawn cells one for one."""
    secrets = set(_secrets(drawn))
    reader = PdfReader(drawn.path)
    shown: list[bytes] = []
    for page in reader.pages:
        shown += list(_shown_strings(ContentStream(page.get_contents(), reader)))
    assert len(shown) == len(drawn.cells)
    return [code for code, cell in zip(shown, drawn.cells) if cell.text in secrets]


def _shown_strings(content: ContentStream) -> Iterator[bytes]:
    for operands, operator in content.operations:
        if operator in (b"Tj", b"'"):
            yield _bytes(operands[0])
        elif operator == b'"':
            yield _bytes(operands[2])
        elif operator == b"TJ":
            yield b"".join(_bytes(p) for p in operands[0] if isinstance(p, (TextStringObject, ByteStringObject)))


def _bytes(s: Any) -> bytes:
    """A string operand as the bytes written in the file (font codes, not decoded text)."""
    return bytes(s.original_bytes if isinstance(s, TextStringObject) else s)


def _objects(path: Path) -> Iterator[Any]:
    """Every indirect object of the file (object streams unpacked)."""
    reader = PdfReader(path)
    for num in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(num)
        except Exception:  # a free entry
            continue
        if obj is not None:
            yield obj


def _forms_and_pages(path: Path) -> Iterator[ContentStream]:
    reader = PdfReader(path)
    for obj in _objects(path):
        if isinstance(obj, StreamObject) and obj.get("/Subtype") == "/Form":
            yield ContentStream(obj, reader)
    for page in reader.pages:
        if page.get_contents() is not None:
            yield ContentStream(page.get_contents(), reader)


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_no_redacted_text_is_extracted(built: Built) -> None:
    secrets = _secrets(built.drawn)
    with pdfplumber.open(built.path) as pdf:
        plumber = _plain("".join(p.extract_text() or "" for p in pdf.pages))
    doc = pdfium.PdfDocument(str(built.path))
    try:
        texts = []
        for page in doc:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
    finally:
        doc.close()
    ium = _plain("".join(texts))
    assert all(s not in plumber and s not in ium for s in secrets), [s for s in secrets if s in plumber + ium]
    for n in sorted(CITED):  # the cited rows remain text, on their excerpt pages and originals
        assert all(_plain(t) in plumber and _plain(t) in ium for t in built.drawn.texts(n))


def test_no_content_stream_shows_a_removed_operation(built: Built) -> None:
    codes = _secret_codes(built.drawn)
    shown = [s for content in _forms_and_pages(built.path) for s in _shown_strings(content)]
    assert shown and not [c for c in codes if any(c in s for s in shown)]


def _written(*codes: bytes) -> Iterator[bytes]:
    """Bytes as a file may hold them: as they are, or as a hex string in either case."""
    for c in codes:
        yield from (c, c.hex().encode(), c.hex().upper().encode())


def test_no_stream_or_object_holds_redacted_text(built: Built) -> None:
    secrets = _secrets(built.drawn)
    needles = {n for s in secrets for n in _written(s.encode("utf-8"), s.encode("utf-16-be"), s.encode("gb18030"))}
    needles |= {n for c in _secret_codes(built.drawn) if len(c) >= 4 for n in _written(c)}
    found = []
    for obj in _objects(built.path):
        data = obj.get_data() if isinstance(obj, StreamObject) else repr(obj).encode("utf-8")
        found += [n for n in needles if n in data]
    assert not found, found[:5]


def _images(path: Path) -> list[bytes]:
    return [obj.get_data() for obj in _objects(path)
            if isinstance(obj, StreamObject) and obj.get("/Subtype") == "/Image"]


def test_no_image_of_a_redacted_row_remains(built: Built) -> None:
    assert [i for i in _images(built.drawn.path) if built.drawn.icon in i]  # the test can see it
    images = _images(built.path)
    assert images  # the rasterised page 3 and the excerpt crops
    assert not [i for i in images if built.drawn.icon in i]


def test_an_image_across_row_edges_rasterises_its_page_only(built: Built) -> None:
    reader = PdfReader(built.path)
    with pdfplumber.open(built.path) as pdf:
        for original in (1, 2):
            assert pdf.pages[built.page(original) - 1].chars  # kept as text
        assert not [c for c in pdf.pages[built.page(3) - 1].chars if "Dispute" not in c["fontname"]]  # the stamp
    samples = _page_image(built.path, built.page(3))
    scale = samples.width / 595.0
    for n in ROWS[2]:
        if n in CITED:
            continue
        x0, top, x1, bottom = built.box(n)
        inner = samples.crop((round(x0 * scale) + 2, round(top * scale) + 2, round(x1 * scale) - 2,
                              round(bottom * scale) - 2))
        assert inner.getextrema() == (REDACTED_FILL, REDACTED_FILL), n  # every pixel painted over


def test_annotations_of_redacted_pages_are_dropped(built: Built, kept: Built) -> None:
    assert "/Annots" not in PdfReader(built.path).pages[built.page(1) - 1]
    assert "/Annots" in PdfReader(kept.path).pages[kept.page(1) - 1]


# ---- how redacted and cited rows look ---------------------------------------------------------

def _render(path: Path, page_no: int) -> Image.Image:
    doc = pdfium.PdfDocument(str(path))
    try:
        image: Image.Image = doc[page_no - 1].render(scale=1).to_pil().convert("RGB")
    finally:
        doc.close()
    return image


@pytest.mark.parametrize("original", [2, 3])
def test_a_page_redacted_almost_entirely_is_light(built: Built, original: int) -> None:
    image = _render(built.path, built.page(original))
    assert ImageStat.Stat(image.convert("L")).mean[0] > 235
    x0, top, x1, bottom = built.box(ROWS[original - 1][-1])  # a redacted row: a visible light box
    row = image.convert("L").crop((round(x0), round(top), round(x1), round(bottom)))
    assert 225 < ImageStat.Stat(row).mean[0] < 252


def _rects(path: Path, page_no: int, colour: tuple[int, ...]) -> list[dict[str, Any]]:
    """The filled rectangles drawn on a page in `colour` (0-255 per channel)."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[page_no - 1]
        rects = page.rects + page.curves  # a rectangle under a turned matrix reads as a curve
    want = tuple(round(v / 255, 3) for v in colour)
    out = []
    for r in rects:
        colours = r["non_stroking_color"]
        got = tuple(round(v, 3) for v in ((colours,) if isinstance(colours, (int, float)) else colours or ()))
        if r["fill"] and (got == want or got * 3 == want):  # a gray is one channel
            out.append(r)
    return out


def _page_image(path: Path, page_no: int) -> Image.Image:
    """The image a rasterised page consists of, as gray samples."""
    resources = PdfReader(path).pages[page_no - 1]["/Resources"]
    image = next(x.get_object() for x in resources["/XObject"].values() if x.get_object()["/Subtype"] == "/Image")
    mode = "L" if image["/ColorSpace"] == "/DeviceGray" else "RGB"
    return Image.frombytes(mode, (image["/Width"], image["/Height"]), image.get_data()).convert("L")


@pytest.mark.parametrize("which", ["built", "kept"])
@pytest.mark.parametrize("n", sorted(CITED))
def test_cited_rows_are_marked_on_the_original_page(which: str, n: int, request: pytest.FixtureRequest) -> None:
    b: Built = request.getfixturevalue(which)
    page = next(p for p, rows in enumerate(ROWS, start=1) if n in rows)
    x0, top, x1, bottom = b.box(n)
    marks = _rects(b.path, b.page(page), MARK_FILL)
    assert [m for m in marks if m["x0"] <= x0 and m["top"] <= top and m["x1"] >= x1 and m["bottom"] >= bottom]
    image = _render(b.path, b.page(page))
    r, g, bl = image.getpixel((round(x0 + 75), round((top + bottom) / 2)))  # between two cells
    assert r > 240 and g > 225 and bl < 190, (r, g, bl)
    if page == 3 and which == "built":
        return  # rasterised: the page is an image
    with pdfplumber.open(b.path) as pdf:
        text = pdf.pages[b.page(page) - 1].crop((x0, top, x1, bottom)).extract_text()
    assert all(t in text for t in b.drawn.texts(n)), text


def test_keep_originals_keeps_every_row_as_text(kept: Built) -> None:
    with pdfplumber.open(kept.path) as pdf:
        text = _plain("".join(pdf.pages[kept.page(p) - 1].extract_text() for p in (1, 2, 3)))
    assert all(_plain(s) in text for s in _secrets(kept.drawn))


# ---- coordinates: MediaBox offset and /Rotate ------------------------------------------------

@pytest.mark.parametrize("offset", [(0.0, 0.0), (30.0, -20.0)])
@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_frame_maps_pdfplumber_boxes_to_user_space(tmp_path: Path, rotation: int, offset: tuple[float, float]) -> None:
    path = tmp_path / "turned.pdf"
    canvas = Canvas(str(path), pagesize=(400.0, 300.0))
    canvas.setFont("Helvetica", 10)
    canvas.drawString(100, 200, "HERE")
    canvas.showPage()
    canvas.save()
    _offset_and_turn(path, offset, rotation)
    with pdfplumber.open(path) as pdf:
        word = pdf.pages[0].extract_words()[0]
    dx, dy = offset
    box = (dx, dy, 400.0 + dx, 300.0 + dy)
    frame = frame_of(box, box, rotation)
    left, bottom, right, top = frame.user((word["x0"], word["top"], word["x1"], word["bottom"]))
    width = pdfmetrics.stringWidth("HERE", "Helvetica", 10)
    assert (round(left, 2), round(right, 2)) == (100.0 + dx, round(100.0 + dx + width, 2))
    assert bottom < 200.0 + dy < top  # the baseline
    shown = frame.shown((left, bottom, right, top))
    if offset == (0.0, 0.0):  # then pdfplumber's space is the page as shown
        assert [round(v, 2) for v in shown] == [round(word[k], 2) for k in ("x0", "top", "x1", "bottom")]


def _offset_and_turn(path: Path, offset: tuple[float, float], rotation: int) -> None:
    """Every page moved to a MediaBox that does not start at 0 0 (its content moved with it), and
    turned."""
    writer = PdfWriter(clone_from=PdfReader(path))
    dx, dy = offset
    for page in writer.pages:
        shift = DecodedStreamObject()
        shift.set_data(f"1 0 0 1 {dx} {dy} cm\n".encode())
        page[NameObject("/Contents")] = ArrayObject([writer._add_object(shift), page.raw_get("/Contents")])
        box = page.mediabox
        page.mediabox = RectangleObject((box.left + dx, box.bottom + dy, box.right + dx, box.top + dy))
        page.rotation = rotation
    with path.open("wb") as f:
        writer.write(f)


def _turned(drawn: Drawn, tmp_path: Path, rotation: int) -> Built:
    """The statement moved and turned, bundled with its boxes where pdfplumber reads them now."""
    path = tmp_path / "turned.pdf"
    path.write_bytes(drawn.path.read_bytes())
    dx, dy = 40.0, 25.0
    _offset_and_turn(path, (dx, dy), rotation)
    flat = frame_of((0.0, 0.0, 595.0, 842.0), (0.0, 0.0, 595.0, 842.0), 0)
    geometry = page_geometry((dx, dy, 595.0 + dx, 842.0 + dy), rotation)

    def moved(box: BBox) -> BBox:
        left, bottom, right, top = flat.user(box)
        points = [geometry.to_plumber(*geometry.device(x + dx, y + dy)) for x in (left, right) for y in (bottom, top)]
        return (min(x for x, _ in points), min(y for _, y in points), max(x for x, _ in points),
                max(y for _, y in points))

    turned = replace(drawn, path=path)
    plan = plan_for(turned, moved=moved)
    out = tmp_path / "bundle.pdf"
    return Built(turned, plan, write_bundle(plan, out), out)


@pytest.mark.parametrize("rotation", [90, 270])
def test_turned_and_moved_pages_are_redacted_and_marked_where_their_rows_are(drawn: Drawn, tmp_path: Path,
                                                                             rotation: int) -> None:
    b = _turned(drawn, tmp_path, rotation)
    with pdfplumber.open(b.path) as pdf:
        for original in (1, 2):
            page = pdf.pages[b.page(original) - 1]
            chars = [c for c in page.chars if "Dispute" not in c["fontname"]]  # not the bundle's stamp
            assert not [c for c in chars if c["text"] in POOL + "备注"]  # printed in redacted rows only
            digits = [c for c in chars if c["text"].isdigit()]  # the cited row's date and amounts
            marks = _rects(b.path, b.page(original), MARK_FILL)
            assert len(digits) >= 20 and all(any(_holds(m, c) for m in marks) for c in digits)
        page = pdf.pages[b.page(3) - 1]
        assert not [c for c in page.chars if "Dispute" not in c["fontname"]]  # rasterised
    covers = _rects(b.path, b.page(3), (REDACTED_FILL,) * 3)
    assert len(covers) == len(ROWS[2]) - 1
    samples = _page_image(b.path, b.page(3))
    scale = samples.width / PdfReader(b.path).pages[b.page(3) - 1].mediabox.width
    for r in covers:  # the painted pixels lie under the drawn boxes: no text shows through
        inner = samples.crop((round((r["x0"] + 1) * scale), round((r["top"] + 1) * scale),
                              round((r["x1"] - 1) * scale), round((r["bottom"] - 1) * scale)))
        assert inner.getextrema()[0] >= REDACTED_FILL, r


def _holds(rect: dict[str, Any], c: dict[str, Any]) -> bool:
    return (rect["x0"] - 0.5 <= c["x0"] and c["x1"] <= rect["x1"] + 0.5 and rect["top"] - 0.5 <= c["top"]
            and c["bottom"] <= rect["bottom"] + 0.5)


def _turn_content_back(path: Path) -> None:
    """Each portrait page's content turned a quarter left onto a landscape MediaBox, and /Rotate 90
    turning it back, as scanners and some banks write pages: the same page to see, but rows that
    run up the page in user space."""
    writer = PdfWriter(clone_from=PdfReader(path))
    for page in writer.pages:
        width, height = page.mediabox.width, page.mediabox.height
        turn = DecodedStreamObject()
        turn.set_data(f"0 1 -1 0 {height} 0 cm\n".encode())
        page[NameObject("/Contents")] = ArrayObject([writer._add_object(turn), page.raw_get("/Contents")])
        page.mediabox = RectangleObject((0, 0, height, width))
        page.rotation = 90
    with path.open("wb") as f:
        writer.write(f)


def test_content_turned_back_by_rotate_is_redacted_where_its_rows_show(drawn: Drawn, tmp_path: Path) -> None:
    path = tmp_path / "turned-back.pdf"
    path.write_bytes(drawn.path.read_bytes())
    _turn_content_back(path)
    turned = replace(drawn, path=path)
    plan = plan_for(turned)  # the pages look as drawn: pdfplumber reads the same boxes
    out = tmp_path / "bundle.pdf"
    b = Built(turned, plan, write_bundle(plan, out), out)
    with pdfplumber.open(out) as pdf:
        text = _plain("".join(p.extract_text() or "" for p in pdf.pages))
        assert len(pdf.pages[b.page(1) - 1].chars) > 40  # the text path
    assert not [s for s in _secrets(drawn) if s in text]
    assert all(_plain(t) in text for n in CITED for t in drawn.texts(n))


# ---- the text path proves itself clean, or rasterises ----------------------------------------

def test_text_that_crosses_a_box_rasterises_the_page(tmp_path: Path) -> None:
    path = tmp_path / "crossing.pdf"
    canvas = Canvas(str(path), pagesize=(300.0, 300.0))
    canvas.setFont("Helvetica", 10)
    canvas.drawString(20, 200, "UNRELATED 123.45")
    canvas.drawString(20, 100, "LONG TEXT RUNNING OUT OF THE BOX")
    canvas.showPage()
    canvas.drawString(20, 200, "UNRELATED 678.90")
    canvas.showPage()
    canvas.save()
    with pdfplumber.open(path) as pdf:
        words = [pdf.pages[i].extract_words() for i in range(2)]
    first = (words[0][0]["x0"], words[0][0]["top"], words[0][1]["x1"], words[0][0]["bottom"])
    crossing = (words[0][2]["x0"], words[0][2]["top"], words[0][3]["x1"], words[0][2]["bottom"])  # half the line
    second = (words[1][0]["x0"], words[1][0]["top"], words[1][1]["x1"], words[1][0]["bottom"])
    with open_source(path) as source:
        result = source.redact_text({1: [first, crossing], 2: [second]})
    assert result.pages == {2}
    with pdfplumber.open(io.BytesIO(result.data)) as pdf:
        assert pdf.pages[1].extract_text() == ""


def test_a_page_naming_removed_text_is_not_scrubbed() -> None:
    writer = PdfWriter()
    page = writer.add_blank_page(width=200, height=200)
    content = DecodedStreamObject()
    content.set_data(b"/Span <</ActualText (50,111.11)>> BDC EMC")
    page[NameObject("/Contents")] = writer._add_object(content)
    assert not scrub(page)
    content.set_data(b"/Span BDC 0 0 10 10 re f EMC")
    assert scrub(page)


def test_the_text_path_is_taken_only_when_the_written_file_proves_it(drawn: Drawn,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    boxes: dict[int, list[BBox]] = {}
    for p, box in plan_for(drawn).exhibits[1].redact:
        boxes.setdefault(p, []).append(box)
    with open_source(drawn.path) as source:
        assert source.redact_text(boxes).pages == {1, 2}
        monkeypatch.setattr(redact, "_remove", lambda page, rows: True)  # claims success, removes nothing
        assert source.redact_text(boxes).pages == frozenset()


# ---- the example case, from the parsers' boxes -------------------------------------------------

def test_the_example_bundle_shows_nothing_of_its_unrelated_rows(tmp_path: Path) -> None:
    result = run_check(EXAMPLE, date(2026, 3, 1))
    plan = plan_exhibits(result, result.loans[0], date(2026, 3, 1))
    statement = next(d for d in result.documents if isinstance(d, Statement))
    e = next(x for x in plan.exhibits if x.file == statement.file)
    hidden = {(p, box) for p, box in e.redact}
    rows = [tx for tx in statement.transactions if (tx.source.page, tx.source.bbox) in hidden]
    shown = [tx for tx in statement.transactions if (tx.source.page, tx.source.bbox) not in hidden]
    printed = {s for tx in shown for s in (f"{tx.amount:,.2f}", f"{tx.balance:,.2f}", tx.counterparty)}
    secrets = {s for tx in rows for s in (f"{tx.amount:,.2f}", f"{tx.balance:,.2f}", tx.counterparty) if s} - printed
    assert len(rows) > 100 and len(secrets) > 150
    out = tmp_path / "bundle.pdf"
    layout = write_bundle(plan, out)
    with pdfplumber.open(out) as pdf:
        texts = [_plain(p.extract_text() or "") for p in pdf.pages]
    assert not [s for s in secrets if any(_plain(s) in t for t in texts)]
    for p in range(1, (e.page_count or 0) + 1):  # every page stayed text: the header still reads
        assert "招商银行交易流水" in texts[layout.original_pages[(e.number, p)] - 1]
    for c in e.cited:
        assert c.amount is not None and f"{c.amount:,.2f}" in texts[layout.original_pages[(e.number, c.page)] - 1]


def test_a_scrubbed_page_keeps_only_the_resources_its_content_names() -> None:
    writer = PdfWriter()
    page = writer.add_blank_page(width=200, height=200)
    content = DecodedStreamObject()
    content.set_data(b"q BT /F1 9 Tf 10 10 Td <0102> Tj ET /Im1 Do Q")
    page[NameObject("/Contents")] = writer._add_object(content)
    names = {kind: DictionaryObject({NameObject(n): DictionaryObject() for n in ns}) for kind, ns in
             (("/Font", ("/F1", "/F2")), ("/XObject", ("/Im1", "/Im2")), ("/ExtGState", ("/G1",)))}
    page[NameObject("/Resources")] = DictionaryObject({NameObject(k): v for k, v in names.items()})
    page[NameObject("/Annots")] = ArrayObject()
    page[NameObject("/Thumb")] = DictionaryObject()
    assert scrub(page)
    kept = {kind: set(entries) for kind, entries in page["/Resources"].items()}
    assert kept == {"/Font": {"/F1"}, "/XObject": {"/Im1"}, "/ExtGState": set()}
    assert "/Annots" not in page and "/Thumb" not in page


def test_the_row_lookup_misses_no_row_an_object_touches() -> None:
    rnd = random.Random(5)

    def rect() -> tuple[float, float, float, float]:
        x, y = rnd.uniform(-100, 900), rnd.uniform(-100, 900)
        w, h = rnd.choice([(5.0, 5.0), (400.0, 10.0), (10.0, 400.0), (900.0, 900.0)])
        return x, y, x + w, y + h

    rows = [rect() for _ in range(200)] + [(0.0, -math.inf, 10.0, math.inf)]
    lookup = redact._Rows(rows)
    for _ in range(2000):
        obj = rect()
        near = set(lookup.near(obj))
        assert {r for r in rows if redact.overlaps(obj, r) or redact.inside(obj, r)} <= near
