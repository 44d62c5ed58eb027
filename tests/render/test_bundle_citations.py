"""Where the bundle and the letters point (issue 12, items 4-6): each cited month in its own
account's grid, rows numbered as a reader counts them on their page, excerpts of whole lines.

Positions are checked against the original PDFs read with pdfplumber, not against the parsers'
output, so that a parser and the bundle cannot agree on the same wrong place."""

from __future__ import annotations

import io
import re
import shutil
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from conftest import ROOT
from PIL import Image
from synth.pboc import Account, Report, Standing, grid, render_report

from generator.documents import CreditAccount, CreditReport
from generator.models import BBox, YearMonth
from generator.pipeline import run_check
from generator.render.bundle import cited_excerpt, write_bundle
from generator.render.context import build_context
from generator.render.env import render_html
from generator.render.excerpt import Excerpt, open_source
from generator.render.exhibits import BundleLayout, BundlePlan, CitedRow, ExhibitPlan, plan_exhibits

EXAMPLE = ROOT / "examples" / "on-time-cmb"
TODAY = date(2026, 3, 1)
ANT = "重庆蚂蚁消费金融有限公司"
ANT_ID = "JB2025011000123"
WEBANK = "深圳前海微众银行股份有限公司"
WEBANK_ID = "WLD2412050456"
MARCH = YearMonth(2025, 3)
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TOLERANCE_PT = 1.5  # pdfplumber's and pdfium's character boxes differ by up to about 1 pt


@dataclass(frozen=True)
class Built:
    plan: BundlePlan
    layout: BundleLayout
    texts: list[str]  # of the bundle's pages
    letter: str  # the bureau letter as HTML

    def exhibit(self, number: int) -> ExhibitPlan:
        return next(e for e in self.plan.exhibits if e.number == number)


def _build(case: Path, out: Path) -> Built:
    result = run_check(case, TODAY)
    plan = plan_exhibits(result, result.loans[0], TODAY)
    layout = write_bundle(plan, out)
    with pdfplumber.open(out) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
    ctx = build_context(result, result.loans[0], TODAY, plan, layout)
    return Built(plan, layout, texts, render_html("letters/bureau_dispute.html.j2", ctx=ctx))


def _two_accounts(borrower: str) -> bytes:
    """The example's report with a second lender's account after the loan's: both grids show
    2025-03, "1" in the loan's and "N" in the other's."""
    loan = Account("非循环贷账户", ANT, ANT_ID, date(2025, 1, 10), Decimal("12000.00"), "其他个人消费贷款",
                   as_of=date(2026, 1, 9), standing=Standing("结清", closed_on=date(2026, 1, 9)),
                   grid=grid("2025-02", "N1NNNNNNNNNC", {1: Decimal("1060.30")}), due_on=date(2026, 1, 10))
    other = Account("非循环贷账户", WEBANK, WEBANK_ID, date(2024, 12, 5), Decimal("20000.00"), "其他个人消费贷款",
                    as_of=date(2026, 1, 5), standing=Standing("结清", closed_on=date(2026, 1, 5)),
                    grid=grid("2025-01", "NNNNNNNNNNNNC"), due_on=date(2025, 12, 5))
    report = Report("2026021509301234567890", "2026-02-15 09:30:12", borrower, "身份证", "1101**********1236",
                    (loan, other))
    data: bytes = render_report(report)
    return data


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(EXAMPLE, tmp_path_factory.mktemp("example") / "bundle.pdf")


@pytest.fixture(scope="module")
def multi_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    case = tmp_path_factory.mktemp("multi") / "case"
    shutil.copytree(EXAMPLE, case, ignore=shutil.ignore_patterns("out"))
    (case / "个人信用报告.pdf").write_bytes(_two_accounts("李晓明"))
    return case


@pytest.fixture(scope="module")
def multi(multi_case: Path) -> Built:
    return _build(multi_case, multi_case.parent / "bundle.pdf")


def _excerpt(e: ExhibitPlan, c: CitedRow) -> Excerpt:
    assert e.path is not None
    with open_source(e.path) as pdf:
        return cited_excerpt(pdf, c)


def _words(path: Path, page: int) -> list[dict[str, Any]]:
    with pdfplumber.open(path) as pdf:
        words: list[dict[str, Any]] = pdf.pages[page - 1].extract_words()
    return words


def _text_in(path: Path, page: int, region: BBox) -> str:
    x0, top, x1, bottom = region
    with pdfplumber.open(path) as pdf:
        shown = pdf.pages[page - 1].within_bbox((x0 - TOLERANCE_PT, top - TOLERANCE_PT, x1 + TOLERANCE_PT,
                                                 bottom + TOLERANCE_PT))
        return str(shown.extract_text())


def _cut(path: Path, page: int, region: BBox) -> list[str]:
    """Characters the region's edges run through (more than a hair of their box inside and out)."""
    x0, top, x1, bottom = region
    cut = []
    with pdfplumber.open(path) as pdf:
        for ch in pdf.pages[page - 1].chars:
            across = min(ch["x1"], x1) - max(ch["x0"], x0)
            down = min(ch["bottom"], bottom) - max(ch["top"], top)
            inside = (ch["x0"] >= x0 - TOLERANCE_PT and ch["x1"] <= x1 + TOLERANCE_PT
                      and ch["top"] >= top - TOLERANCE_PT and ch["bottom"] <= bottom + TOLERANCE_PT)
            if ch["text"].strip() and across > TOLERANCE_PT and down > TOLERANCE_PT and not inside:
                cut.append(ch["text"])
    return cut


def _account(report: CreditReport, institution: str) -> CreditAccount:
    return next(a for a in report.accounts if a.institution == institution)


# ---- item 4: the cited month in its own account's grid ------------------------------------------

def test_a_month_two_accounts_share_is_cited_in_the_loans_own_grid(multi_case: Path, multi: Built) -> None:
    result = run_check(multi_case, TODAY)
    report = next(d for d in result.documents if isinstance(d, CreditReport))
    own = next(g for g in _account(report, ANT).history if g.month == str(MARCH))
    other = next(g for g in _account(report, WEBANK).history if g.month == str(MARCH))
    assert (own.status, other.status) == ("1", "N")
    [cited] = multi.exhibit(1).cited
    assert cited.cell is not None and cited.cell.month == MARCH
    assert (cited.page, cited.bbox) == (own.source.page, own.source.bbox)
    assert cited.bbox is not None
    # read off the PDF itself: the box holds the loan's "1" and its amount, and the nearest
    # 账户标识 printed above it is the loan's
    assert _text_in(multi_case / "个人信用报告.pdf", cited.page, cited.bbox).split() == ["1", "1,060.30"]
    ids = [w for w in _words(multi_case / "个人信用报告.pdf", cited.page)
           if w["text"] in (ANT_ID, WEBANK_ID) and w["bottom"] <= cited.bbox[1]]
    assert max(ids, key=lambda w: w["top"])["text"] == ANT_ID


def test_the_highlight_is_drawn_on_the_loans_cell(multi_case: Path, multi: Built) -> None:
    e = multi.exhibit(1)
    [cited] = e.cited
    x = _excerpt(e, cited)
    page, (left, top, right, bottom) = x.regions[-1]  # the grid part, under the account's header
    image = Image.open(io.BytesIO(x.png)).convert("RGB")
    scale = image.width / x.width
    red = [(px, py) for px in range(image.width) for py in range(image.height)
           if (rgb := image.getpixel((px, py))) and rgb[0] > 180 and rgb[1] < 60 and rgb[2] < 60]  # type: ignore[index]
    offset = x.height - (bottom - top)  # the header part and the separator above the grid part
    mark = (left + min(p for p, _ in red) / scale, top + min(q for _, q in red) / scale - offset,
            left + max(p for p, _ in red) / scale, top + max(q for _, q in red) / scale - offset)
    assert cited.bbox is not None and page == cited.page
    low, high = zip(mark[:2], cited.bbox[:2]), zip(mark[2:], cited.bbox[2:])
    assert all(m <= b for m, b in low) and all(m >= b for m, b in high), (mark, cited.bbox)
    assert mark[2] - mark[0] < cited.bbox[2] - cited.bbox[0] + 8  # the mark is the cell, not the row


def test_the_letter_cites_the_bundle_page_that_shows_the_loans_cell(multi: Built) -> None:
    [cited] = multi.exhibit(1).cited
    assert cited.source is not None
    bundle_page = multi.layout.source_pages[cited.source]
    assert f"证据1第{cited.page}页，见证据材料第{bundle_page}页" in multi.letter
    caption = multi.texts[bundle_page - 1].replace("\n", "")
    assert f"管理机构{ANT}、账户标识{ANT_ID} 2025年03月：还款状态“1”" in caption
    assert WEBANK not in caption and WEBANK_ID not in caption


# ---- item 5: rows cited as a reader counts them on the page --------------------------------------

def _printed_rows(path: Path, page: int) -> list[float]:
    """Tops of the statement rows on a page: the lines opened by a date in the first column."""
    dates = [w for w in _words(path, page) if DATE.match(w["text"])]
    first = min(w["x0"] for w in dates)
    return sorted(w["top"] for w in dates if abs(w["x0"] - first) < 2)


def test_statement_rows_are_cited_by_their_place_on_the_page(example: Built) -> None:
    e = example.exhibit(2)
    assert e.path is not None and e.cited
    for c in e.cited:
        assert c.bbox is not None and c.source is not None
        rows = _printed_rows(e.path, c.page)
        counted = 1 + sum(top < c.bbox[1] - 1 for top in rows)
        assert c.on_page == counted
        caption = example.texts[example.layout.source_pages[c.source] - 1]
        assert f"证据2第{c.page}页第{counted}笔：{c.date}" in caption
    excerpts = "".join(example.texts[p - 1] for p in set(example.layout.source_pages.values()))
    assert not re.search(r"第\d+行", excerpts)
    assert "第35行" not in excerpts and "第2页第10笔" in excerpts  # row 35 of the statement is page 2's 10th


def test_the_letter_and_the_bundle_name_the_same_row(example: Built) -> None:
    cited = re.findall(r"证据2(第\d+页第\d+笔)，见证据材料第(\d+)页", example.letter)
    assert cited
    for place, bundle_page in cited:
        assert f"证据2{place}：" in example.texts[int(bundle_page) - 1]


def test_grid_months_and_certificate_sentences_are_cited_as_printed(example: Built) -> None:
    [month] = example.exhibit(1).cited
    assert month.source is not None
    report_page = example.texts[example.layout.source_pages[month.source] - 1].replace("\n", "")
    assert "2025年03月：还款状态“1”，逾期（透支）总额1,060.30元" in report_page
    [settled] = example.exhibit(3).cited
    assert settled.source is not None
    certificate = example.texts[example.layout.source_pages[settled.source] - 1].replace("\n", "")
    assert "证据3第1页：“截至2026年01月09日，上述借款本息及相关费用已全部结清，双方债权债务关系终止。”" in certificate
    assert "第1行" not in certificate


# ---- item 6: excerpts of whole lines ------------------------------------------------------------

def test_the_certificate_excerpt_holds_whole_sentences(example: Built) -> None:
    e = example.exhibit(3)
    [c] = e.cited
    assert e.path is not None
    x = _excerpt(e, c)
    [(page, region)] = x.regions
    assert _cut(e.path, page, region) == []
    text = re.sub(r"\s", "", _text_in(e.path, page, region))
    assert text.startswith("借款人") and text.endswith("双方债权债务关系终止。"), text
    assert x.quote == "截至2026年01月09日，上述借款本息及相关费用已全部结清，双方债权债务关系终止。"


@pytest.mark.parametrize("case", ["example", "multi"])
def test_the_grid_excerpt_shows_whose_grid_it_is_and_cuts_no_line(case: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(case)
    e = built.exhibit(1)
    [c] = e.cited
    assert e.path is not None
    x = _excerpt(e, c)
    header = re.sub(r"\s", "", _text_in(e.path, *x.regions[0]))
    assert "管理机构" in header and ANT_ID in header and "重庆蚂蚁消费金融有限" in header
    for page, region in x.regions:
        assert _cut(e.path, page, region) == [], region
        assert WEBANK not in re.sub(r"\s", "", _text_in(e.path, page, region))
    grid_part = _text_in(e.path, *x.regions[-1])
    assert "还款记录" in grid_part and "查询" not in grid_part  # the next section's heading stays out


def test_statement_row_excerpts_cut_no_line(example: Built) -> None:
    e = example.exhibit(2)
    assert e.path is not None
    for c in e.cited:
        x = _excerpt(e, c)
        [(page, region)] = x.regions
        assert _cut(e.path, page, region) == [], (c.page, c.on_page)
        assert str(c.date) in _text_in(e.path, page, region)


@pytest.mark.parametrize("style", ["settlement_ant_letter", "settlement_zhaolian_table", "settlement_bank_form",
                                   "settlement_no_disbursed_date", "settlement_platform", "settlement_kv_four_columns",
                                   "settlement_kv_two_columns", "settlement_upper_first"])
def test_every_certificate_style_is_cut_between_lines_and_quoted_by_whole_sentence(style: str, tmp_path: Path) -> None:
    import synth.fixtures_lender as fixtures
    from synth.lender_docs import render_settlement

    from generator.documents import SettlementCertificate
    from generator.parsers import parse_document

    path = tmp_path / "结清证明.pdf"
    path.write_bytes(render_settlement(getattr(fixtures, style)()))
    doc = parse_document(path)
    assert isinstance(doc, SettlementCertificate) and doc.settlement.settled_on is not None
    src = doc.settlement.source
    assert src.bbox is not None
    with open_source(path) as pdf:
        x = pdf.sentence_excerpt(src.page, src.bbox, doc.settlement.settled_on)
    [(page, region)] = x.regions
    assert _cut(path, page, region) == []
    shown = re.sub(r"\s", "", _text_in(path, page, region))
    if x.quote:  # a sentence: quoted whole, and shown from the start of a sentence to the end of one
        assert x.quote.endswith("。") and x.quote in shown and shown.endswith("。"), (x.quote, shown)
        d = doc.settlement.settled_on
        assert re.search(rf"{d.year}\D+0?{d.month}\D+0?{d.day}\D", x.quote), x.quote
    else:  # a table row or a label line: the cited row, whole
        assert region[1] <= src.bbox[1] and region[3] >= src.bbox[3] and shown
