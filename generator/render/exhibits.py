"""The evidence bundle's plan: which documents become exhibits, in what order, which of their
rows are cited (shown as highlighted excerpts) and which are unrelated (redacted for privacy).

Exhibit numbers are shared by the letters and the bundle: 证据1 is the credit report, then the
statements and lender documents that prove something, in the order the letter first cites them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from generator.documents import CreditReport, Document, RepaymentSchedule, SettlementCertificate
from generator.models import BBox, CaseResult, DocumentKind, LoanResult, SourceRef, Statement, Transaction

ISSUERS = {"cmb": "招商银行", "icbc": "中国工商银行", "ccb": "中国建设银行", "abc": "中国农业银行",
           "boc": "中国银行", "bocom": "交通银行", "alipay": "支付宝", "wechat": "微信支付",
           "pboc": "中国人民银行征信中心"}


@dataclass(frozen=True)
class CitedRow:
    """A row a letter cites: shown in the bundle as a highlighted crop of its page."""

    page: int  # page of the original document, 1-based
    row: int
    bbox: BBox | None
    date: date | None
    amount: Decimal | None
    text: str  # what the row says, for the caption under the crop


@dataclass(frozen=True)
class ExhibitPlan:
    number: int
    kind: str  # a DocumentKind value; the templates turn it into 证据名称
    issuer: str
    file: str  # as named in the case folder
    path: Path | None  # the original on disk; None when the borrower attaches it separately
    sha256: str | None
    page_count: int | None
    proves: str  # "reported_record" | "repayments" | "settlement" | "schedule"
    cited: tuple[CitedRow, ...] = ()
    redact: tuple[tuple[int, BBox], ...] = ()  # (page, bbox) of rows that have nothing to do with the loan


@dataclass(frozen=True)
class ReconRow:
    number: int
    due_date: date
    amount_due: Decimal
    paid_amount: Decimal
    paid_on: date | None
    status: str
    days_late: int | None
    where: tuple[str, ...]  # "证据2 第3页" style references, filled in by the letter context


@dataclass(frozen=True)
class BundlePlan:
    case_name: str
    borrower: str
    borrower_id: str  # masked
    lender: str
    contract_number: str | None
    generated_on: date
    exhibits: tuple[ExhibitPlan, ...]
    reconciliation: tuple[ReconRow, ...]
    keep_originals: bool = False  # a recipient requires unredacted originals


@dataclass(frozen=True)
class BundleLayout:
    """Where everything landed in the bundle, 1-based bundle page numbers."""

    page_count: int
    exhibit_pages: dict[int, tuple[int, int]] = field(default_factory=dict)
    excerpt_pages: dict[tuple[int, int, int], int] = field(default_factory=dict)  # (exhibit, page, row)
    original_pages: dict[tuple[int, int], int] = field(default_factory=dict)  # (exhibit, page)


def cited_sources(lr: LoanResult) -> list[SourceRef]:
    """Every row the letters for this loan may cite, in the order they are cited."""
    out: list[SourceRef] = []
    for m in lr.months:
        out.extend(tx.source for tx in m.evidence)
    for r in lr.installments:
        out.extend(tx.source for tx in r.payments)
    if lr.settlement_source is not None:
        out.append(lr.settlement_source)
    return list(dict.fromkeys(out))


def plan_exhibits(result: CaseResult, lr: LoanResult, generated_on: date, *,
                  keep_originals: bool = False) -> BundlePlan:
    by_file = {d.file: d for d in result.documents}
    sources = cited_sources(lr)
    exhibits = [_report_exhibit(result, lr)]
    for file in dict.fromkeys(s.file for s in sources):
        doc = by_file.get(file)
        if doc is None or isinstance(doc, CreditReport):
            continue
        exhibits.append(_exhibit(len(exhibits) + 1, doc, [s for s in sources if s.file == file], lr, result))
    recon = tuple(ReconRow(r.installment.number, r.installment.due_date, r.installment.amount_due, r.paid_amount,
                           r.paid_on, r.status.value, r.days_late, ()) for r in lr.installments)
    b = result.case.borrower
    return BundlePlan(result.case.name, b.name, b.masked_id, lr.loan.lender, lr.loan.contract_number, generated_on,
                      tuple(exhibits), recon, keep_originals)


def _path(result: CaseResult, file: str | None) -> Path | None:
    if not file:
        return None
    path = result.case.root / file
    return path if path.is_file() else None


def _report_exhibit(result: CaseResult, lr: LoanResult) -> ExhibitPlan:
    report = next((d for d in result.documents if isinstance(d, CreditReport)), None)
    cited = tuple(CitedRow(m.reported.page or 0, 0, None, None, m.reported.overdue_amount,
                           f"{m.month} {m.reported.status}") for m in lr.months if m.verdict.value == "contradicted")
    if report is not None:
        grid = {g.month: g.source for a in report.accounts for g in a.history if a.institution}
        cited = tuple(CitedRow(grid[c.text[:7]].page, grid[c.text[:7]].row, grid[c.text[:7]].bbox, None, c.amount, c.text)
                      if c.text[:7] in grid else c for c in cited)
        return ExhibitPlan(1, DocumentKind.CREDIT_REPORT.value, ISSUERS["pboc"], report.file,
                           _path(result, report.file), report.sha256, report.page_count, "reported_record", cited)
    declared = result.case.report.file if result.case.report else None
    return ExhibitPlan(1, DocumentKind.CREDIT_REPORT.value, ISSUERS["pboc"], declared or "", _path(result, declared),
                       None, None, "reported_record", cited)


def _exhibit(number: int, doc: Document, cited: Sequence[SourceRef], lr: LoanResult,
             result: CaseResult) -> ExhibitPlan:
    if isinstance(doc, Statement):
        rows = {tx.source: tx for tx in doc.transactions}
        related = {s for s in cited} | _related(lr)
        redact = tuple((tx.source.page, tx.source.bbox) for tx in doc.transactions
                       if tx.source not in related and tx.source.bbox is not None)
        kind = "repayment_schedule" if doc.kind is DocumentKind.REPAYMENT_SCHEDULE else "repayments"
        return ExhibitPlan(number, doc.kind.value, ISSUERS.get(doc.provider, doc.provider), doc.file,
                           _path(result, doc.file), doc.sha256, doc.page_count or None, kind,
                           tuple(_cited_row(rows.get(s), s) for s in cited), redact)
    proves = "settlement" if isinstance(doc, SettlementCertificate) else "schedule"
    issuer = _issuer(doc, lr)
    return ExhibitPlan(number, doc.kind.value, issuer, doc.file, _path(result, doc.file), doc.sha256,
                       doc.page_count, proves, tuple(_cited_row(None, s) for s in cited))


def _issuer(doc: Document, lr: LoanResult) -> str:
    if isinstance(doc, SettlementCertificate):
        return doc.settlement.lender or lr.loan.lender
    if isinstance(doc, RepaymentSchedule):
        return doc.lender or lr.loan.lender
    return lr.loan.lender


def _related(lr: LoanResult) -> set[SourceRef]:
    return {tx.source for r in lr.installments for tx in r.payments}


def _cited_row(tx: Transaction | None, src: SourceRef) -> CitedRow:
    if tx is None:
        return CitedRow(src.page, src.row, src.bbox, None, None, "")
    text = " ".join(p for p in (tx.date.isoformat(), tx.time or "", f"{tx.amount:,.2f}", tx.counterparty,
                                tx.description) if p)
    return CitedRow(src.page, src.row, src.bbox, tx.date, tx.amount, text)
