"""The evidence bundle, 证据材料-<lender>.pdf, from a BundlePlan.

Page order: cover, 证据目录, 还款核对表 (WeasyPrint), then per exhibit its excerpt section
(WeasyPrint: highlighted crops of the cited rows, captioned with the row's text) followed by the
original document's pages (pypdf, not re-laid out). A PDF inside a ZIP archive is read from the
archive in memory and shown like one on disk; an export (CSV, XLS) has no pages, so its section
prints its header and cited rows as the file holds them (originals.py) and nothing follows it. On those pages the cited rows are marked as
in the excerpts, and unrelated rows are redacted: removed as text where that can be proven clean,
else the page comes back as an image with those rows painted over (generator/render/redact.py);
either way a light gray box shows where. Every page is then stamped "证据材料 第N页 共M页"
(generator/render/stamps.py; the stamp lines come from sheets at the end of the front matter).

The page numbers printed in the front matter depend on how many pages the front matter takes,
so it is rendered, measured (each section and excerpt carries an id that WeasyPrint turns into a
named destination) and rendered again until the measurement matches the numbers it was given:
one pass when the first estimate is right, which is the usual case.

Links cannot point into pages WeasyPrint never sees, so the templates link to `dispute-page:N`
and `_resolve_links` turns those URI links into links to bundle page N after assembly.
"""

from __future__ import annotations

import io
import logging
import math
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
)

from generator.models import BBox, SourceRef
from generator.money import format_cny
from generator.paths import write_atomically
from generator.render.env import render_html
from generator.render.errors import RenderError
from generator.render.excerpt import HIGHLIGHT_PAD_PT, Excerpt, PageImage, SourcePdf, open_source
from generator.render.exhibits import (
    BundleLayout,
    BundlePlan,
    CitedRow,
    ExhibitPlan,
    ReconRow,
)
from generator.render.originals import ExportTable, export_table, pdf_password, read_original
from generator.render.pdf import MEMORY_PREFIX, render_pdf
from generator.render.redact import REDACT_PAD_PT, Frame, Rect, banded, draw_marks, scrub
from generator.render.stamps import sheet_lines, stamp_pages

logger = logging.getLogger(__name__)

EXPORT_ROWS_PER_PAGE = 24  # only for the first estimate of an export's section
EXCERPTS_PER_PAGE = 8  # a cropped row with its caption takes about 60 pt of the 680 a page holds
# Taller crops (a grid month with its account's header, a certificate's sentences) fill a page
# sooner: a page takes excerpts up to this height (bundle.css: the column is 482 pt wide, an image
# at most 320 pt high; the section heading and lead paragraph take the rest of the 723 pt).
EXCERPT_PAGE_PT = 560.0
EXCERPT_COLUMN_PT = 482.0
EXCERPT_MAX_PT = 320.0
CAPTION_PT = 40.0  # two caption lines and the space under the figure
RECON_ROWS_PER_PAGE = 30  # only for the first estimate; the measurement has the last word
INDEX_ROWS_PER_PAGE = 10
MAX_PASSES = 4
PAGE_LINK = "dispute-page:"
STAMPS_ANCHOR = "stamps"  # the first stamp page: where the front matter ends
STAMP_RIGHT_PT = 24.0  # from the page's right edge to the end of the stamp
STAMP_BOTTOM_PT = 10.0  # below the footers statements print (the CMB one sits at 28 pt)
IMAGE_FLATE_LEVEL = 1  # scanned-page images are mostly white: level 1 is 3x faster, 2% larger

Slot = tuple[int, int]  # (0, front page index) or (exhibit number, original page number)
RowKey = tuple[int, int, int]  # (exhibit, original page, row): BundleLayout.excerpt_pages keys


@dataclass(frozen=True)
class _Front:
    """Where WeasyPrint put things, as 0-based page indexes of the front-matter PDF."""

    pages: int  # of front matter; the stamp pages follow
    sections: dict[int, int]  # exhibit -> first page of its section
    excerpts: dict[tuple[int, int], int]  # (exhibit, index in its cited rows) -> page


@dataclass(frozen=True)
class _Source:
    exhibit: ExhibitPlan
    pdf: SourcePdf
    reader: PdfReader
    excerpts: dict[int, Excerpt]  # index in exhibit.cited -> crop
    redact: dict[int, list[BBox]]  # original page -> boxes to redact (empty: keep originals)
    marks: dict[int, list[BBox]]  # original page -> cited rows to mark
    redacted: PdfReader | None  # the copy with rows removed as text
    text_pages: frozenset[int]  # pages of `redacted` to use; other pages in `redact` become images

    @property
    def number(self) -> int:
        return self.exhibit.number


@dataclass(frozen=True)
class _Export:
    """An export exhibit: the rows its section prints."""

    exhibit: ExhibitPlan
    table: ExportTable

    @property
    def number(self) -> int:
        return self.exhibit.number


# ---- template views ------------------------------------------------------------------------

@dataclass(frozen=True)
class _ExcerptView:
    anchor: str
    row: CitedRow
    image: str | None  # dispute-mem: URL of the crop
    width: float  # of the crop, in points
    original_page: int | None  # bundle page of the row's original page
    date_text: str | None  # shown only when the row's text lacks it
    amount_text: str | None
    quote: str  # the cited sentence, read off the page with the excerpt


@dataclass(frozen=True)
class _ExhibitView:
    exhibit: ExhibitPlan
    anchor: str
    pages: tuple[int, int] | None  # bundle pages, None when handed in separately
    originals: tuple[int, int] | None
    redacted: bool
    chunks: tuple[tuple[_ExcerptView, ...], ...]  # one per excerpt page; () without a file
    table: ExportTable | None = None  # an export's rows, printed in place of excerpts and originals

    def row_anchor(self, index: int) -> str:
        return _excerpt_id(self.exhibit.number, index)


@dataclass(frozen=True)
class _RowRef:
    exhibit: int
    row: CitedRow
    bundle_page: int


@dataclass(frozen=True)
class _ReconView:
    row: ReconRow
    refs: tuple[_RowRef, ...]


# ---- public API ----------------------------------------------------------------------------

def write_bundle(plan: BundlePlan, out: Path) -> BundleLayout:
    """Write the bundle to `out` atomically; the layout tells the letters which page shows what."""
    data, layout = render_bundle(plan)
    write_atomically(out, data)
    return layout


def render_bundle(plan: BundlePlan) -> tuple[bytes, BundleLayout]:
    """The bundle's bytes and layout (render/__init__.py collects outputs before writing them)."""
    with ExitStack() as stack:
        sources = [_open(stack, plan, e) for e in plan.exhibits if _has_pages(e)]
        exports = [_Export(e, export_table(read_original(e, plan.passwords), e)) for e in plan.exhibits
                   if e.exported and e.holder is not None and e.cited]
        front_reader, front = _render_front(plan, sources, exports)
        seq = _sequence(front, sources)
        layout = _layout(seq, front, sources, exports)
        writer = _assemble(front_reader, seq, sources)
    _resolve_links(writer)
    stamp_pages(writer, sheet_lines(front_reader.pages[front.pages:]), STAMP_RIGHT_PT, STAMP_BOTTOM_PT)
    _outline(writer, front_reader, seq)
    writer.compress_identical_objects()
    out = io.BytesIO()
    writer.write(out)
    logger.debug("bundle: %d pages, %d bytes", len(seq), out.tell())
    return out.getvalue(), layout


# ---- sources -------------------------------------------------------------------------------

def _has_pages(e: ExhibitPlan) -> bool:
    """A PDF the bundle attaches: on disk, or a member of a ZIP archive (read in memory)."""
    return e.path is not None or (e.holder is not None and not e.exported)


def _open(stack: ExitStack, plan: BundlePlan, e: ExhibitPlan) -> _Source:
    password = pdf_password(e, plan.passwords)
    data = None if e.path is not None else read_original(e, plan.passwords)
    pdf = stack.enter_context(open_source(e.path or Path(e.file), password, data))
    reader = PdfReader(io.BytesIO(data) if data is not None else e.path or Path(e.file))
    if reader.is_encrypted and not reader.decrypt(password or ""):
        raise RenderError("bundle.password", file=e.file)
    redact: dict[int, list[BBox]] = {}
    if not plan.keep_originals:
        for page, box in e.redact:
            redact.setdefault(page, []).append(box)
    excerpts = {i: cited_excerpt(pdf, c, redact.get(c.page, ())) for i, c in enumerate(e.cited)
                if c.bbox is not None and 1 <= c.page <= len(pdf)}
    marks: dict[int, list[BBox]] = {}
    for c in e.cited:
        if c.bbox is not None and 1 <= c.page <= len(pdf) and c.bbox not in marks.get(c.page, []):
            marks.setdefault(c.page, []).append(c.bbox)
    text = pdf.redact_text(redact) if redact else None
    redacted = PdfReader(io.BytesIO(text.data)) if text is not None and text.pages else None
    text_pages = text.pages if text is not None else frozenset()
    if redact:
        logger.debug("%s: %d of %d redacted pages as text", e.file, len(text_pages), len(redact))
    return _Source(e, pdf, reader, excerpts, redact, marks, redacted, text_pages)


def cited_excerpt(pdf: SourcePdf, c: CitedRow, redacted: Sequence[BBox] = ()) -> Excerpt:
    """The crop that shows `c`, cut as its kind needs; `redacted` are the boxes of its page's
    unrelated rows."""
    if c.bbox is None:
        raise RenderError("bundle.no_box", file=pdf.path.name, page=c.page)
    if c.cell is not None:
        account = c.cell.account
        heading = (account.heading.page, account.heading.bbox) if account and account.heading.bbox else None
        keys = [account.account_id or "", account.institution[:4]] if account else []
        return pdf.cell_excerpt(c.page, c.bbox, heading, keys, c.cell.grid_top)
    if c.kind == "sentence":
        return pdf.sentence_excerpt(c.page, c.bbox, c.date)
    return pdf.row_excerpt(c.page, c.bbox, [b for b in redacted if b != c.bbox])


def _image_name(number: int, index: int) -> str:
    return f"excerpt-{number}-{index}.png"


def _section_id(number: int) -> str:
    return f"exhibit-{number}"


def _excerpt_id(number: int, index: int) -> str:
    return f"excerpt-{number}-{index}"


# ---- front matter and its measurement -------------------------------------------------------

def _render_front(plan: BundlePlan, sources: Sequence[_Source],
                  exports: Sequence[_Export] = ()) -> tuple[PdfReader, _Front]:
    """The front matter followed by the stamps for a bundle of the size it makes."""
    images = {_image_name(s.number, i): x.png for s in sources for i, x in s.excerpts.items()}
    front = _estimate(plan, sources, exports)
    for attempt in range(1, MAX_PASSES + 1):
        layout = _layout(_sequence(front, sources), front, sources, exports)
        html = render_html("bundle/front.html.j2", stamps_anchor=STAMPS_ANCHOR,
                           **_context(plan, sources, layout, exports))
        reader = PdfReader(io.BytesIO(render_pdf(html, extra_files=images)))
        measured = _measure(reader)
        if measured == front:
            logger.debug("bundle front matter settled after %d pass(es)", attempt)
            return reader, front
        front = measured
    raise RenderError("bundle.unsettled", passes=MAX_PASSES)


def _chunks(source: _Source) -> list[range]:
    """Indexes of the cited rows on each excerpt page, at most EXCERPTS_PER_PAGE and
    EXCERPT_PAGE_PT of them to a page; one (maybe empty) page at least."""
    out: list[range] = []
    start, used = 0, 0.0
    for i in range(len(source.exhibit.cited)):
        crop = source.excerpts.get(i)
        shown = CAPTION_PT + (min(EXCERPT_MAX_PT, crop.height * min(1.0, EXCERPT_COLUMN_PT / crop.width))
                              if crop and crop.width else 0.0)
        if i > start and (i - start == EXCERPTS_PER_PAGE or used + shown > EXCERPT_PAGE_PT):
            out.append(range(start, i))
            start, used = i, 0.0
        used += shown
    out.append(range(start, len(source.exhibit.cited)))
    return out


def _estimate(plan: BundlePlan, sources: Sequence[_Source], exports: Sequence[_Export] = ()) -> _Front:
    page = 1 + math.ceil(len(plan.exhibits) / INDEX_ROWS_PER_PAGE)
    page += max(1, math.ceil(len(plan.reconciliation) / RECON_ROWS_PER_PAGE))
    sections: dict[int, int] = {}
    excerpts: dict[tuple[int, int], int] = {}
    shown: dict[int, _Source | _Export] = {s.number: s for s in sources} | {x.number: x for x in exports}
    for number in sorted(shown):
        one = shown[number]
        sections[number] = page
        if isinstance(one, _Export):
            excerpts.update({(number, r.index): page for r in one.table.rows})
            page += max(1, math.ceil(len(one.table.rows) / EXPORT_ROWS_PER_PAGE))
            continue
        for chunk in _chunks(one):
            excerpts.update({(number, i): page for i in chunk})
            page += 1
    return _Front(page, sections, excerpts)


def _measure(reader: PdfReader) -> _Front:
    sections: dict[int, int] = {}
    excerpts: dict[tuple[int, int], int] = {}
    pages: int | None = None
    for name, dest in reader.named_destinations.items():
        page = reader.get_destination_page_number(dest)
        kind, _, rest = str(name).partition("-")
        if kind == STAMPS_ANCHOR:
            pages = page
        if page is None or kind not in ("exhibit", "excerpt"):
            continue
        numbers = tuple(int(v) for v in rest.split("-"))
        if kind == "exhibit":
            sections[numbers[0]] = page
        else:
            excerpts[(numbers[0], numbers[1])] = page
    if pages is None:
        raise RenderError("bundle.no_stamps")
    return _Front(pages, sections, excerpts)


def _sequence(front: _Front, sources: Sequence[_Source]) -> list[Slot]:
    """Every bundle page in order: front pages, and after each PDF exhibit's section its
    originals (an export's section has none)."""
    if {s.number for s in sources} - set(front.sections):
        raise RenderError("bundle.sections_missing", sections=str(sorted(front.sections)))
    by_number = {s.number: s for s in sources}
    order = sorted(front.sections, key=lambda n: front.sections[n])
    starts = [front.sections[n] for n in order] + [front.pages]
    seq: list[Slot] = [(0, i) for i in range(starts[0])]
    for number, begin, end in zip(order, starts, starts[1:]):
        seq += [(0, i) for i in range(begin, end)]
        if number in by_number:
            seq += [(number, p) for p in range(1, len(by_number[number].reader.pages) + 1)]
    return seq


def _section_end(front: _Front, number: int) -> int:
    """The last front page of exhibit `number`'s section."""
    begin = front.sections[number]
    return min([p for p in front.sections.values() if p > begin] + [front.pages]) - 1


def _layout(seq: Sequence[Slot], front: _Front, sources: Sequence[_Source],
            exports: Sequence[_Export] = ()) -> BundleLayout:
    where = {slot: n for n, slot in enumerate(seq, start=1)}
    exhibits = {s.number: (where[(0, front.sections[s.number])], where[(s.number, len(s.reader.pages))])
                for s in sources}
    exhibits |= {x.number: (where[(0, front.sections[x.number])], where[(0, _section_end(front, x.number))])
                 for x in exports if x.number in front.sections}
    excerpts: dict[RowKey, int] = {}
    by_source: dict[SourceRef, int] = {}
    for e in [s.exhibit for s in sources] + [x.exhibit for x in exports]:
        for i, c in enumerate(e.cited):
            if (e.number, i) in front.excerpts:
                page = where[(0, front.excerpts[(e.number, i)])]
                excerpts.setdefault((e.number, c.page, c.row), page)
                if c.source is not None:
                    by_source.setdefault(c.source, page)
    originals = {slot: n for slot, n in where.items() if slot[0]}
    return BundleLayout(len(seq), exhibits, excerpts, originals, by_source)


# ---- template context ----------------------------------------------------------------------

def _context(plan: BundlePlan, sources: Sequence[_Source], layout: BundleLayout,
             exports: Sequence[_Export] = ()) -> dict[str, object]:
    by_number = {s.number: s for s in sources}
    tables = {x.number: x.table for x in exports}
    exhibits = [_exhibit_view(e, by_number.get(e.number), layout, tables.get(e.number)) for e in plan.exhibits]
    shown = [s.exhibit for s in sources] + [x.exhibit for x in exports]
    recon = [_ReconView(r, _refs(r, sorted(shown, key=lambda e: e.number), layout)) for r in plan.reconciliation]
    # exhibit_name (letters/_macros) reads ctx.report_number; the plan does not carry it
    return {"plan": plan, "total": layout.page_count, "exhibits": exhibits, "recon": recon,
            "names": {"report_number": None}, "page_link": PAGE_LINK}


def _exhibit_view(e: ExhibitPlan, source: _Source | None, layout: BundleLayout,
                  table: ExportTable | None = None) -> _ExhibitView:
    if table is not None:
        return _ExhibitView(e, _section_id(e.number), layout.exhibit_pages.get(e.number), None, False, (), table)
    if source is None:
        return _ExhibitView(e, _section_id(e.number), None, None, False, ())
    pages = layout.exhibit_pages[e.number]
    originals = (layout.original_pages[(e.number, 1)], pages[1])
    chunks = tuple(tuple(_excerpt_view(source, i, layout) for i in chunk) for chunk in _chunks(source))
    return _ExhibitView(e, _section_id(e.number), pages, originals, bool(source.redact), chunks)


def _excerpt_view(source: _Source, index: int, layout: BundleLayout) -> _ExcerptView:
    row = source.exhibit.cited[index]
    crop = source.excerpts.get(index)
    image = MEMORY_PREFIX + _image_name(source.number, index) if crop is not None else None
    date_text = row.date.isoformat() if row.date is not None else None
    amount_text = format_cny(row.amount) if row.amount is not None else None
    return _ExcerptView(_excerpt_id(source.number, index), row, image, crop.width if crop else 0.0,
                        layout.original_pages.get((source.number, row.page)),
                        date_text if date_text and date_text not in row.text else None,
                        amount_text if amount_text and amount_text not in row.text else None,
                        crop.quote if crop else "")


def _refs(r: ReconRow, shown: Sequence[ExhibitPlan], layout: BundleLayout) -> tuple[_RowRef, ...]:
    """The excerpts of the statement rows paid on the installment's payment date."""
    refs = []
    for e in shown:
        if e.proves != "repayments" or r.paid_on is None:
            continue
        for c in e.cited:
            page = layout.excerpt_pages.get((e.number, c.page, c.row))
            if c.date == r.paid_on and page is not None:
                refs.append(_RowRef(e.number, c, page))
    return tuple(dict.fromkeys(refs))


# ---- assembly ------------------------------------------------------------------------------

def _assemble(front: PdfReader, seq: Iterable[Slot], sources: Sequence[_Source]) -> PdfWriter:
    by_number = {s.number: s for s in sources}
    writer = PdfWriter()
    for number, page in seq:
        if number == 0:
            writer.add_page(front.pages[page])
            continue
        _add_original(writer, by_number[number], page)
    if front.metadata is not None and front.metadata.title:
        writer.add_metadata({"/Title": front.metadata.title})
    _inert_root(writer)
    return writer


# What makes a PDF act when it is opened or clicked: a bundle sent to the bureau carries none of it.
ACTIVE_ROOT = ("/OpenAction", "/AA", "/AcroForm", "/URI")
ACTIVE_NAMES = ("/JavaScript", "/EmbeddedFiles")


def _inert_root(writer: PdfWriter) -> None:
    """No document-level action (pages are copied without their document's; this makes sure)."""
    root = writer._root_object
    for key in ACTIVE_ROOT:
        root.pop(NameObject(key), None)
    names = root.get("/Names")
    if names is not None:
        for key in ACTIVE_NAMES:
            names.get_object().pop(NameObject(key), None)
ACTIVE_ANNOTS = frozenset({"/Link", "/Movie", "/Sound", "/Screen", "/RichMedia", "/FileAttachment", "/3D"})


def _inert(page: PageObject) -> PageObject:
    """An original page without its actions: no page /AA, no links, media or attachments, and the
    other annotations (a seal drawn as a signature's appearance, a note) without their /A and /AA."""
    page.pop(NameObject("/AA"), None)
    annots = page.get("/Annots")
    if annots is None:
        return page
    kept = ArrayObject()
    for ref in annots.get_object():
        annot = ref.get_object()
        if not isinstance(annot, DictionaryObject) or annot.get("/Subtype") in ACTIVE_ANNOTS:
            continue
        for key in ("/A", "/AA"):
            annot.pop(NameObject(key), None)
        kept.append(ref)
    if kept:
        page[NameObject("/Annots")] = kept
    else:
        del page["/Annots"]
    return page


def _add_original(writer: PdfWriter, source: _Source, page: int) -> None:
    """Original page `page`: as it is, redacted as text, or as a redacted image; then marked."""
    boxes = source.redact.get(page, [])
    frame = source.pdf.frame(page)
    if boxes and page in source.text_pages and source.redacted is not None:
        redacted = source.redacted.pages[page - 1]
        if scrub(redacted):
            added = writer.add_page(redacted)
            draw_marks(writer, added, _user(frame, banded(boxes), REDACT_PAD_PT),
                       _user(frame, source.marks.get(page, []), HIGHLIGHT_PAD_PT))
            return
        logger.debug("%s: page %d names removed text; rasterised", source.exhibit.file, page)
    if boxes:
        image = source.pdf.redacted(page, boxes)
        added = _add_image_page(writer, image)
        draw_marks(writer, added, _shown(frame, banded(boxes), REDACT_PAD_PT, image.height),
                   _shown(frame, source.marks.get(page, []), HIGHLIGHT_PAD_PT, image.height))
        return
    added = _inert(writer.add_page(source.reader.pages[page - 1]))
    draw_marks(writer, added, [], _user(frame, source.marks.get(page, []), HIGHLIGHT_PAD_PT))


def _user(frame: Frame, boxes: Iterable[BBox], pad: float) -> list[Rect]:
    return [frame.user(b, pad) for b in boxes]


def _shown(frame: Frame, boxes: Iterable[BBox], pad: float, height: float) -> list[Rect]:
    """The boxes on an image of the page as shown, in the image page's user space."""
    out = []
    for b in boxes:
        x0, top, x1, bottom = frame.shown(frame.user(b))
        out.append((x0 - pad, height - bottom - pad, x1 + pad, height - top + pad))
    return out


def _add_image_page(writer: PdfWriter, image: PageImage) -> PageObject:
    """A fresh page holding only `image`, stretched over the original page size."""
    pixels = DecodedStreamObject()
    pixels.set_data(image.pixels)
    pixels.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Image"),
        NameObject("/Width"): NumberObject(image.size[0]),
        NameObject("/Height"): NumberObject(image.size[1]),
        NameObject("/ColorSpace"): NameObject("/DeviceRGB" if image.colour else "/DeviceGray"),
        NameObject("/BitsPerComponent"): NumberObject(8),
    })
    # pypdf has no public call to add an image; _add_object is how its own writer adds streams
    image_ref = writer._add_object(pixels.flate_encode(level=IMAGE_FLATE_LEVEL))
    content = DecodedStreamObject()
    content.set_data(f"q {image.width:.4f} 0 0 {image.height:.4f} 0 0 cm /Im0 Do Q".encode("ascii"))
    page = writer.add_blank_page(width=image.width, height=image.height)
    page[NameObject("/Resources")] = DictionaryObject({
        NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): image_ref})})
    page[NameObject("/Contents")] = writer._add_object(content)
    return page


def _resolve_links(writer: PdfWriter) -> None:
    """`dispute-page:N` URI links (from the templates) become links to bundle page N."""
    for page in writer.pages:
        for ref in page.get("/Annots", ()):
            annot = ref.get_object()
            action = annot.get("/A")
            uri = action.get_object().get("/URI") if action is not None else None
            if not isinstance(uri, str) or not uri.startswith(PAGE_LINK):
                continue
            target = int(uri[len(PAGE_LINK):])
            if not 1 <= target <= len(writer.pages):
                raise RenderError("bundle.bad_link", target=target, pages=len(writer.pages))
            del annot["/A"]
            annot[NameObject("/Dest")] = ArrayObject([writer.pages[target - 1].indirect_reference,
                                                      NameObject("/Fit")])


def _outline(writer: PdfWriter, front: PdfReader, seq: Sequence[Slot]) -> None:
    """The front matter's bookmarks (cover, 证据目录, 还款核对表, one per exhibit), re-pointed at
    the bundle pages."""
    where = {slot: n for n, slot in enumerate(seq)}
    items = []
    for item in front.outline:
        if isinstance(item, list):
            continue  # nested levels: the templates make none
        page = front.get_destination_page_number(item)
        if page is not None and item.title:
            items.append((where[(0, page)], str(item.title)))
    for page_index, title in sorted(items):
        writer.add_outline_item(title=title, page_number=page_index)
