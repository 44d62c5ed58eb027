"""The evidence bundle on the example case: page order and count, the 证据目录's page numbers and
links, excerpt captions, real redaction, stamps, bookmarks, hashes and fonts."""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pytest
from conftest import ROOT
from PIL import Image, ImageStat
from pypdf import PdfReader

from generator.dates import format_cn
from generator.errors import RenderError
from generator.pipeline import run_check
from generator.render import bundle as bundle_module
from generator.render.bundle import EXCERPTS_PER_PAGE, write_bundle
from generator.render.excerpt import open_source
from generator.render.exhibits import (
    BundleLayout,
    BundlePlan,
    ExhibitPlan,
    plan_exhibits,
)
from generator.render.pdf import render_pdf

EXAMPLE = ROOT / "examples" / "on-time-cmb"
TODAY = date(2026, 3, 1)
BUNDLED = ("DisputeSerif", "DisputeSans")


@dataclass(frozen=True)
class Built:
    plan: BundlePlan
    layout: BundleLayout
    path: Path
    texts: list[str]

    def exhibit(self, number: int) -> ExhibitPlan:
        return next(e for e in self.plan.exhibits if e.number == number)


def _build(plan: BundlePlan, out: Path) -> Built:
    layout = write_bundle(plan, out)
    with pdfplumber.open(out) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
    return Built(plan, layout, out, texts)


@pytest.fixture(scope="module")
def example_plan() -> BundlePlan:
    result = run_check(EXAMPLE, TODAY)
    return plan_exhibits(result, result.loans[0], TODAY)


@pytest.fixture(scope="module")
def bundle(example_plan: BundlePlan, tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(example_plan, tmp_path_factory.mktemp("bundle") / "bundle.pdf")


@pytest.fixture(scope="module")
def kept(example_plan: BundlePlan, tmp_path_factory: pytest.TempPathFactory) -> Built:
    plan = replace(example_plan, keep_originals=True)
    return _build(plan, tmp_path_factory.mktemp("kept") / "bundle.pdf")


def _original_pages(e: ExhibitPlan) -> int:
    assert e.path is not None
    return len(PdfReader(e.path).pages)


def _links(path: Path, page_no: int) -> list[tuple[int, str]]:
    """(target bundle page, text under the link) of every internal link on a page."""
    reader = PdfReader(path)
    numbers = {p.indirect_reference.idnum: n for n, p in enumerate(reader.pages, start=1)}
    page = reader.pages[page_no - 1]
    height = float(page.mediabox.height)
    out = []
    with pdfplumber.open(path) as pdf:
        shown = pdf.pages[page_no - 1]
        for ref in page.get("/Annots", ()):
            annot = ref.get_object()
            assert "/A" not in annot, "a dispute-page: link was left unresolved"
            xa, ya, xb, yb = (float(v) for v in annot["/Rect"])
            x0, x1, y0, y1 = min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)
            text = shown.crop((x0, height - y1, x1, height - y0)).extract_text()
            out.append((numbers[annot["/Dest"][0].idnum], text))
    return out


# ---- page order and count -----------------------------------------------------------------------

def test_page_count_is_front_matter_plus_excerpts_plus_originals(bundle: Built) -> None:
    with_file = [e for e in bundle.plan.exhibits if e.path is not None]
    excerpts = sum(max(1, math.ceil(len(e.cited) / EXCERPTS_PER_PAGE)) for e in with_file)
    originals = sum(_original_pages(e) for e in with_file)
    assert bundle.layout.page_count == len(bundle.texts) == 3 + excerpts + originals
    assert "证据材料" in bundle.texts[0] and "证据目录" in bundle.texts[1] and "还款核对表" in bundle.texts[2]


def test_each_exhibit_is_its_excerpt_section_then_its_original_pages(bundle: Built) -> None:
    expected_first = 4
    for e in bundle.plan.exhibits:
        first, last = bundle.layout.exhibit_pages[e.number]
        assert first == expected_first
        assert bundle.texts[first - 1].startswith(f"证据{e.number}："), bundle.texts[first - 1][:40]
        originals = [bundle.layout.original_pages[(e.number, p)] for p in range(1, _original_pages(e) + 1)]
        assert originals == list(range(last - len(originals) + 1, last + 1))
        expected_first = last + 1
    assert expected_first == bundle.layout.page_count + 1


def test_unredacted_original_pages_are_appended_unchanged(bundle: Built) -> None:
    settlement = bundle.exhibit(3)
    assert settlement.path is not None and not settlement.redact
    with pdfplumber.open(settlement.path) as pdf:
        original = pdf.pages[0].extract_text()
    for line in original.splitlines():
        assert line in bundle.texts[bundle.layout.original_pages[(3, 1)] - 1]


# ---- 证据目录 ------------------------------------------------------------------------------------

def test_index_lists_every_exhibit_with_its_bundle_pages(bundle: Built) -> None:
    index = bundle.texts[1]
    for e in bundle.plan.exhibits:
        first, last = bundle.layout.exhibit_pages[e.number]
        assert f"证据{e.number}" in index
        assert f"第{first}–{last}页" in index


def test_index_page_numbers_link_to_the_exhibit_first_pages(bundle: Built) -> None:
    links = _links(bundle.path, 2)
    expected = {bundle.layout.exhibit_pages[e.number][0] for e in bundle.plan.exhibits}
    assert {target for target, _ in links} == expected
    for target, text in links:
        first, last = next(p for p in bundle.layout.exhibit_pages.values() if p[0] == target)
        assert text == f"第{first}–{last}页"
        assert re.match(r"证据\d+：", bundle.texts[target - 1])


def test_sha256_column_shows_each_exhibit_hash(bundle: Built) -> None:
    with pdfplumber.open(bundle.path) as pdf:
        # the hashes are the only text set this small (6.5 pt; the smallest other text is 8 pt)
        small = pdf.pages[1].filter(lambda o: o.get("object_type") != "char" or o["size"] < 7)
        text = re.sub(r"\s+", "", small.extract_text())
    for e in bundle.plan.exhibits:
        assert e.sha256 and e.sha256 in text


def test_exhibit_without_a_file_is_listed_as_attached_separately(example_plan: BundlePlan,
                                                                  tmp_path: Path) -> None:
    report = replace(example_plan.exhibits[0], path=None, sha256=None, page_count=None)
    plan = replace(example_plan, exhibits=(report, *example_plan.exhibits[1:]))
    built = _build(plan, tmp_path / "bundle.pdf")
    assert 1 not in built.layout.exhibit_pages
    assert not any(key[0] == 1 for key in built.layout.original_pages)
    assert re.search(r"证据1.*另附", built.texts[1])
    assert built.texts[3].startswith("证据2：")


# ---- 还款核对表 ----------------------------------------------------------------------------------

def test_reconciliation_lists_installments_and_links_their_excerpts(bundle: Built) -> None:
    recon = bundle.texts[2]
    for r in bundle.plan.reconciliation:
        assert f"第{r.number}期" in recon
    assert recon.count("按时") == len(bundle.plan.reconciliation)
    excerpt_pages = set(bundle.layout.excerpt_pages.values())
    links = _links(bundle.path, 3)
    assert links and all(target in excerpt_pages and text == f"第{target}页" for target, text in links)


# ---- excerpts -----------------------------------------------------------------------------------

def test_every_excerpt_page_carries_the_cited_date_and_amount(bundle: Built) -> None:
    for e in bundle.plan.exhibits:
        for c in e.cited:
            text = bundle.texts[bundle.layout.excerpt_pages[(e.number, c.page, c.row)] - 1]
            assert f"证据{e.number}第{c.page}页" in text
            if c.date is not None:  # a certificate's sentence is quoted as printed: 2026年01月09日
                assert c.date.isoformat() in text or format_cn(c.date) in text
            if c.amount is not None:
                assert f"{c.amount:,.2f}" in text


def test_excerpt_captions_link_to_the_original_page(bundle: Built) -> None:
    e = bundle.exhibit(2)
    page = bundle.layout.excerpt_pages[(2, e.cited[0].page, e.cited[0].row)]
    targets = {target for target, _ in _links(bundle.path, page)}
    assert bundle.layout.original_pages[(2, e.cited[0].page)] in targets


# ---- redaction ----------------------------------------------------------------------------------

def _darkness(path: Path, page_no: int, bbox: tuple[float, float, float, float]) -> float:
    """Mean darkness (0 white .. 255 black) of a box given in PDF points, origin top-left."""
    doc = pdfium.PdfDocument(str(path))
    try:
        image = doc[page_no - 1].render(scale=1).to_pil().convert("L")
    finally:
        doc.close()
    mean: float = ImageStat.Stat(image.crop(tuple(round(v) for v in bbox))).mean[0]
    return 255 - mean


def test_redacted_rows_leave_no_text_on_their_pages(bundle: Built) -> None:
    # the rest of the page stays text (tests/render/test_redaction.py proves nothing leaks)
    statement = bundle.exhibit(2)
    assert statement.redact
    with pdfplumber.open(bundle.path) as pdf:
        for p, box in statement.redact:
            assert not pdf.pages[bundle.layout.original_pages[(2, p)] - 1].crop(box).chars, (p, box)


def test_redaction_paints_unrelated_rows_light_and_keeps_cited_ones(bundle: Built) -> None:
    statement = bundle.exhibit(2)
    cited = statement.cited[0]
    assert cited.bbox is not None
    page = bundle.layout.original_pages[(2, cited.page)]
    other = next(box for p, box in statement.redact if p == cited.page)
    assert 3 < _darkness(bundle.path, page, other) < 40
    assert _darkness(bundle.path, page, cited.bbox) < 60


def test_keep_originals_keeps_the_text_of_every_row(kept: Built) -> None:
    statement = kept.exhibit(2)
    assert statement.path is not None
    with pdfplumber.open(statement.path) as pdf:
        originals = [page.extract_text() for page in pdf.pages]
    for p, original in enumerate(originals, start=1):
        text = kept.texts[kept.layout.original_pages[(2, p)] - 1]
        for line in original.splitlines():
            assert line in text


# ---- stamps, bookmarks, fonts -------------------------------------------------------------------

def test_every_page_is_stamped_with_its_number(bundle: Built) -> None:
    total = len(bundle.texts)
    for number, text in enumerate(bundle.texts, start=1):
        assert f"证据材料 第{number}页 共{total}页" in text
    assert f"共{total}页" in bundle.texts[0]  # the cover states the count too


def test_bookmarks_point_at_front_matter_and_each_exhibit(bundle: Built) -> None:
    reader = PdfReader(bundle.path)
    marks = [(str(item.title), reader.get_destination_page_number(item) + 1) for item in reader.outline
             if not isinstance(item, list)]
    assert [page for _, page in marks[:3]] == [1, 2, 3]
    exhibits = marks[3:]
    assert [page for _, page in exhibits] == [bundle.layout.exhibit_pages[e.number][0]
                                              for e in bundle.plan.exhibits]
    assert [title.split("：")[0] for title, _ in exhibits] == [f"证据{e.number}" for e in bundle.plan.exhibits]


def test_bundle_pages_use_only_the_bundled_fonts(bundle: Built) -> None:
    originals = set(bundle.layout.original_pages.values())  # redacted ones keep their own fonts too
    with pdfplumber.open(bundle.path) as pdf:
        fonts = {c["fontname"].split("+")[-1] for n, page in enumerate(pdf.pages, start=1)
                 if n not in originals for c in page.chars}
    assert fonts and all(f.startswith(BUNDLED) for f in fonts), fonts


def _font_files(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        fonts: Any = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is not None and any(k in descriptor.get_object() for k in
                                                  ("/FontFile", "/FontFile2", "/FontFile3")):
                    names.add(str(font["/BaseFont"]).split("+")[-1])
    return names


def test_the_bundled_fonts_are_embedded(bundle: Built) -> None:
    embedded = _font_files(PdfReader(bundle.path))
    assert any(name.startswith("DisputeSans") for name in embedded), embedded


# ---- the in-memory files of render_pdf ------------------------------------------------------------

def test_render_pdf_serves_only_the_extra_files_it_was_given() -> None:
    html = ('<!DOCTYPE html><html><head><link rel="stylesheet" href="styles/bundle.css"></head>'
            '<body><img src="dispute-mem:{}"></body></html>')
    png = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(png, "PNG")
    assert render_pdf(html.format("a.png"), extra_files={"a.png": png.getvalue()}).startswith(b"%PDF")
    with pytest.raises(RenderError, match="refused"):
        render_pdf(html.format("b.png"), extra_files={"a.png": png.getvalue()})


# ---- page images: colour is kept only where the page has some ----------------------------------

def _image_pdf(path: Path, colour: str) -> Path:
    page = Image.new("RGB", (300, 400), "white")
    page.paste(colour, (50, 50, 250, 120))
    page.save(path, "PDF", resolution=72)
    return path


@pytest.mark.parametrize(("fill", "colour"), [("#c00000", True), ("#404040", False)])
def test_redacted_page_keeps_colour_only_when_there_is_some(tmp_path: Path, fill: str, colour: bool) -> None:
    with open_source(_image_pdf(tmp_path / "page.pdf", fill)) as source:
        image = source.redacted(1, [(50.0, 200.0, 250.0, 260.0)])
    assert image.colour is colour
    assert (image.width, image.height) == (300, 400)
    channels = 3 if colour else 1
    assert len(image.pixels) == image.size[0] * image.size[1] * channels


def test_page_numbers_settle_when_the_first_estimate_is_wrong(example_plan: BundlePlan, tmp_path: Path,
                                                              caplog: pytest.LogCaptureFixture,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # 60 installments take two pages; the first estimate is made to assume they fit on one
    monkeypatch.setattr(bundle_module, "RECON_ROWS_PER_PAGE", 1000)
    rows = [replace(r, number=r.number + 12 * k) for k in range(5) for r in example_plan.reconciliation]
    plan = replace(example_plan, reconciliation=tuple(rows))
    with caplog.at_level("DEBUG", logger="generator.render.bundle"):
        built = _build(plan, tmp_path / "bundle.pdf")
    assert "settled after 2 pass(es)" in caplog.text
    for e in plan.exhibits:
        first, last = built.layout.exhibit_pages[e.number]
        assert built.texts[first - 1].startswith(f"证据{e.number}：")
        assert f"第{first}–{last}页" in built.texts[1]
