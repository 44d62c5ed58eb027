"""Time the evidence bundle for a 50-page 招商银行 statement; prints seconds.

    python bench/bench_bundle.py [RUNS]

The statement (tests/synth/cmb.py, 25 rows a page, 1,250 rows) is parsed once for the row boxes;
the plan cites the 12 repayment rows and redacts every other row on all 51 pages, which go the
text path (generator/render/redact.py). Reported: the first write_bundle of the process (pays the
WeasyPrint import), the median of the later ones, the median with every page forced onto the
raster fallback (the path every redacted page took before), and a baseline measured in the same
run (pypdf copying the statement's pages into a new file) as a ratio, so a slower machine shows up
in all the numbers. Target: under 3 s on the 2-core CI machine.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from pypdf import PdfReader, PdfWriter
from synth.cmb import CmbStatement, make_rows, write_cmb_statement

from generator.documents import Document
from generator.models import DocumentKind, Statement
from generator.parsers import parse_document
from generator.render import redact
from generator.render.bundle import write_bundle
from generator.render.exhibits import BundlePlan, CitedRow, ExhibitPlan, ReconRow

LENDER = "重庆蚂蚁消费金融有限公司"
INSTALLMENT = Decimal("1060.30")
TARGET_SECONDS = 3.0


def make_statement(path: Path) -> Statement:
    repayments = [(date(2025, m, 9), INSTALLMENT, LENDER) for m in range(1, 13)]
    rows = make_rows(7, 1250, date(2025, 1, 1), Decimal(5000), repayments=repayments)
    write_cmb_statement(CmbStatement("李晓明", "6214********1234", date(2025, 1, 1), rows[-1].date, rows,
                                     rows_per_page=25), path)
    doc: Document = parse_document(path)
    assert isinstance(doc, Statement) and doc.kind is DocumentKind.BANK_STATEMENT
    return doc


def make_plan(path: Path, doc: Statement) -> BundlePlan:
    cited = [tx for tx in doc.transactions if tx.counterparty.startswith(LENDER)]
    assert len(cited) == 12, len(cited)
    redact = tuple((tx.source.page, tx.source.bbox) for tx in doc.transactions
                   if tx not in cited and tx.source.bbox is not None)
    rows = tuple(CitedRow(tx.source.page, tx.source.row, tx.source.bbox, tx.date, tx.amount,
                          f"{tx.date.isoformat()} {tx.amount:,.2f} {tx.counterparty}") for tx in cited)
    statement = ExhibitPlan(2, DocumentKind.BANK_STATEMENT.value, "招商银行", path.name, path, doc.sha256,
                            doc.page_count, "repayments", rows, redact)
    report = ExhibitPlan(1, DocumentKind.CREDIT_REPORT.value, "中国人民银行征信中心", "", None, None, None,
                         "reported_record")
    recon = tuple(ReconRow(i, date(2025, i, 10), INSTALLMENT, INSTALLMENT, date(2025, i, 9), "on_time", 0, ())
                  for i in range(1, 13))
    return BundlePlan("bench", "李晓明", "110105********1236", LENDER, "JB2025011000123", date(2026, 3, 1),
                      (report, statement), recon)


def copy_pages(path: Path) -> float:
    """The baseline: what merely copying the statement's pages with pypdf costs."""
    start = time.perf_counter()
    writer = PdfWriter()
    for page in PdfReader(path).pages:
        writer.add_page(page)
    writer.write(io.BytesIO())
    return time.perf_counter() - start


def time_bundle(plan: BundlePlan, out: Path) -> float:
    start = time.perf_counter()
    layout = write_bundle(plan, out)
    elapsed = time.perf_counter() - start
    assert layout.page_count > 50
    return elapsed


def main(argv: list[str]) -> None:
    runs = int(argv[0]) if argv else 3
    with tempfile.TemporaryDirectory() as tmp:
        statement = Path(tmp) / "statement.pdf"
        plan = make_plan(statement, make_statement(statement))
        out = Path(tmp) / "bundle.pdf"
        first = time_bundle(plan, out)
        times = [time_bundle(plan, out) for _ in range(runs)]
        size = out.stat().st_size
        raster, raster_size = time_raster(plan, out, runs)
        baseline = statistics.median(copy_pages(statement) for _ in range(runs))
        pages = len(PdfReader(statement).pages)
    median = statistics.median(times)
    print(f"{median:.3f}")
    print(f"bundle of a {pages}-page statement: first {first:.3f} s, "
          f"median {median:.3f} s over {runs} runs (target < {TARGET_SECONDS:.1f} s), "
          f"{size / 1e6:.1f} MB; every page rasterised {raster:.3f} s, {raster_size / 1e6:.1f} MB; "
          f"pypdf copy baseline {baseline:.3f} s, ratio {median / baseline:.0f}x", file=sys.stderr)


def time_raster(plan: BundlePlan, out: Path, runs: int) -> tuple[float, int]:
    """The median with no page redacted as text: the fallback, as every redacted page was made before."""
    remove = redact._remove
    redact._remove = lambda page, rows: False  # type: ignore[assignment]
    try:
        times = [time_bundle(plan, out) for _ in range(runs)]
    finally:
        redact._remove = remove
    return statistics.median(times), out.stat().st_size


if __name__ == "__main__":
    main(sys.argv[1:])
