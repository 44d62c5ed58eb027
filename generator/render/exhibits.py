"""The evidence bundle's plan: which documents become exhibits, in what order, which of their
rows are cited (shown as highlighted excerpts) and which are unrelated (redacted for privacy).

Exhibit numbers are shared by the letters and the bundle: 证据1 is the credit report, then the
statements and lender documents that prove something, in the order the letter first cites them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from generator.dates import DateError, parse_date
from generator.documents import CreditAccount, CreditReport, Document, RepaymentSchedule, SettlementCertificate
from generator.models import (BBox, CaseResult, DocumentKind, InstallmentStatus, LoanResult, MonthResult,
                              MonthVerdict, SourceRef, Statement, Transaction, Undecided, YearMonth)
from generator.validate.assign import match_accounts

ISSUERS = {"cmb": "招商银行", "icbc": "中国工商银行", "ccb": "中国建设银行", "abc": "中国农业银行",
           "boc": "中国银行", "bocom": "交通银行", "alipay": "支付宝", "wechat": "微信支付",
           "pboc": "中国人民银行征信中心"}


@dataclass(frozen=True)
class AccountHeader:
    """Whose grid a cited month is in, as the report prints it above the grid."""

    institution: str  # 管理机构
    account_id: str | None  # 账户标识
    heading: SourceRef  # the 账户N line; the table with 管理机构 and 账户标识 follows it


@dataclass(frozen=True)
class GridCell:
    """A month of a credit report's repayment grid, in its own account (a report shows the same
    month in every account's grid)."""

    month: YearMonth
    status: str  # the code the report shows
    account: AccountHeader | None  # None: the report in the folder has no account of this loan
    grid_top: float | None = None  # top of the account's first grid row on the cell's page


@dataclass(frozen=True)
class CitedRow:
    """A place a letter cites: shown in the bundle as a highlighted crop of its page."""

    page: int  # page of the original document, 1-based
    row: int  # SourceRef.row (counts across the document): with page, the key of BundleLayout.excerpt_pages
    bbox: BBox | None
    date: date | None
    amount: Decimal | None
    text: str  # what the row says, for the caption under the crop
    kind: str = "row"  # "row" (of a statement) | "cell" (a month of a report grid) | "sentence" (of a certificate)
    source: SourceRef | None = None
    on_page: int | None = None  # the row as a reader counts it: its place among the page's rows, from the top
    installment_no: int | None = None  # a schedule's row, by the 期数 it prints
    cell: GridCell | None = None


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
    exported: bool = False  # the holder's own export (自行导出的交易明细): no seal; the bundle prints its cited rows
    # the case folder's file the bundle reads this exhibit from in memory, where `path` is None: the
    # ZIP archive of a member (`file` is ``archive.zip!member.pdf``) or the export itself
    holder: Path | None = None

    @property
    def archive(self) -> str | None:
        """The archive's name in the case folder, for a member of one (its password's key)."""
        return self.file.partition("!")[0] if "!" in self.file and self.holder is not None else None


@dataclass(frozen=True)
class ReconRow:
    number: int
    due_date: date
    amount_due: Decimal
    paid_amount: Decimal
    paid_on: date | None
    status: InstallmentStatus
    days_late: int | None
    where: tuple[str, ...]  # "证据2 第3页" style references, filled in by the letter context
    # set when status … days_late are only the allocation's reading (InstallmentResult.undecided):
    # the table shows 待定 and why, not them
    undecided: Undecided | None = None
    by_settlement: bool = False  # repaid by the early settlement, with no payment of its own


@dataclass(frozen=True)
class UndecidedNote:
    """The installments of a 还款核对表 undecided for one reason, for the note under the table."""

    numbers: tuple[int, ...]
    why: Undecided


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
    undecided: tuple[UndecidedNote, ...] = ()
    passwords: dict[str, str] = field(default_factory=dict)  # case.toml's, by file: the bundle opens them too


@dataclass(frozen=True)
class BundleLayout:
    """Where everything landed in the bundle, 1-based bundle page numbers."""

    page_count: int
    exhibit_pages: dict[int, tuple[int, int]] = field(default_factory=dict)
    excerpt_pages: dict[tuple[int, int, int], int] = field(default_factory=dict)  # (exhibit, page, row)
    original_pages: dict[tuple[int, int], int] = field(default_factory=dict)  # (exhibit, page)
    # each cited place by its SourceRef: months of one account share (page, row), not their cells
    source_pages: dict[SourceRef, int] = field(default_factory=dict)


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
                           r.paid_on, r.status, r.days_late, (), r.undecided, r.by_settlement) for r in lr.installments)
    b = result.case.borrower
    return BundlePlan(result.case.name, b.name, b.masked_id, lr.loan.lender, lr.loan.contract_number, generated_on,
                      tuple(exhibits), recon, keep_originals, _undecided_notes(recon), dict(result.case.passwords))


def _undecided_notes(rows: Sequence[ReconRow]) -> tuple[UndecidedNote, ...]:
    reasons = dict.fromkeys(r.undecided for r in rows if r.undecided is not None)
    return tuple(UndecidedNote(tuple(r.number for r in rows if r.undecided == why), why) for why in reasons)


def _path(result: CaseResult, file: str | None) -> Path | None:
    if not file:
        return None
    path = result.case.root / file
    return path if path.is_file() else None


def _holder(result: CaseResult, file: str) -> Path | None:
    """The file that holds `file` when the bundle must read it in memory: its ZIP archive for a
    member (``archive.zip!member.pdf``), else the file itself."""
    return _path(result, file.partition("!")[0])


def _report_exhibit(result: CaseResult, lr: LoanResult) -> ExhibitPlan:
    reports = [d for d in result.documents if isinstance(d, CreditReport)]
    found = _account(result, lr, reports)
    report = found[0] if found else next(iter(reports), None)
    cited = tuple(_month_row(m, found[1] if found else None) for m in lr.months
                  if m.verdict is MonthVerdict.CONTRADICTED)
    if report is not None:
        path = _path(result, report.file)
        return ExhibitPlan(1, DocumentKind.CREDIT_REPORT.value, ISSUERS["pboc"], report.file, path, report.sha256,
                           report.page_count, "reported_record", cited,
                           holder=None if path else _holder(result, report.file))
    declared = result.case.report.file if result.case.report else None
    return ExhibitPlan(1, DocumentKind.CREDIT_REPORT.value, ISSUERS["pboc"], declared or "", _path(result, declared),
                       None, None, "reported_record", cited)


def _account(result: CaseResult, lr: LoanResult,
             reports: Sequence[CreditReport]) -> tuple[CreditReport, CreditAccount] | None:
    """The report account the loan's months were read from: the one holding their grid cells, else
    (months declared in case.toml) the one the checker matches to the loan."""
    cells = {m.reported.source for m in lr.months if m.reported.source is not None}
    for report in reports:
        for account in report.accounts:
            if any(g.source in cells for g in account.history):
                return report, account
    loans = [r.loan for r in result.loans] if any(r is lr for r in result.loans) else [lr.loan]
    return match_accounts(loans, reports)[next((i for i, r in enumerate(result.loans) if r is lr), 0)]


def _month_row(m: MonthResult, account: CreditAccount | None) -> CitedRow:
    month = m.month
    g = next((g for g in account.history if g.year_month == month), None) if account else None
    if account is None or g is None:
        return CitedRow(m.reported.page or 0, 0, None, None, m.reported.overdue_amount, "", "cell",
                        cell=GridCell(month, m.reported.status, None))
    src = g.source
    top = min((h.source.bbox[1] for h in account.history if h.source.page == src.page and h.source.bbox), default=None)
    header = AccountHeader(account.institution, account.account_id, account.source)
    return CitedRow(src.page, src.row, src.bbox, None, m.reported.overdue_amount, "", "cell", src,
                    cell=GridCell(month, m.reported.status, header, top))


def _exhibit(number: int, doc: Document, cited: Sequence[SourceRef], lr: LoanResult,
             result: CaseResult) -> ExhibitPlan:
    if isinstance(doc, Statement):
        rows = {tx.source: tx for tx in doc.transactions}
        on_page = _rows_on_page(tx.source for tx in doc.transactions)
        related = {s for s in cited} | _related(lr)
        redact = tuple((tx.source.page, tx.source.bbox) for tx in doc.transactions
                       if tx.source not in related and tx.source.bbox is not None)
        kind = "repayment_schedule" if doc.kind is DocumentKind.REPAYMENT_SCHEDULE else "repayments"
        # an export (CSV, XLS) is no PDF the bundle could attach: it prints the export's cited rows
        path = None if doc.exported else _path(result, doc.file)
        return ExhibitPlan(number, doc.kind.value, ISSUERS.get(doc.provider, doc.provider), doc.file, path,
                           doc.sha256, None if doc.exported else doc.page_count or None, kind,
                           tuple(_cited_row(rows.get(s), s, on_page.get(s)) for s in cited), redact,
                           doc.exported, None if path else _holder(result, doc.file))
    proves = "settlement" if isinstance(doc, SettlementCertificate) else "schedule"
    path = _path(result, doc.file)
    return ExhibitPlan(number, doc.kind.value, _issuer(doc, lr), doc.file, path, doc.sha256,
                       doc.page_count, proves, tuple(_document_row(doc, s) for s in cited),
                       holder=None if path else _holder(result, doc.file))


def _rows_on_page(sources: Iterable[SourceRef]) -> dict[SourceRef, int]:
    """Each row's place on its page as a reader counts it, 1 for the row printed highest: the
    parsers' row number runs across the whole document, which nobody can count on one page."""
    pages: dict[int, list[SourceRef]] = {}
    for src in sources:
        if src.place is None:  # an export's row is cited by its place in the file
            pages.setdefault(src.page, []).append(src)
    out: dict[SourceRef, int] = {}
    for rows in pages.values():
        placed = all(r.bbox is not None for r in rows)  # else the parse order is all there is
        rows.sort(key=lambda r: (r.bbox[1] if placed and r.bbox else 0.0, r.row))
        out.update((r, n) for n, r in enumerate(rows, start=1))
    return out


def _document_row(doc: Document, src: SourceRef) -> CitedRow:
    """A cited place in a lender's document: the certificate's sentence, or a schedule's 期."""
    if isinstance(doc, SettlementCertificate):
        return CitedRow(src.page, src.row, src.bbox, doc.settlement.settled_on, None, "", "sentence", src)
    if isinstance(doc, RepaymentSchedule):
        r = next((r for r in doc.installments if r.source == src), None)
        if r is not None:
            paid = _day(r.paid_at)
            return CitedRow(src.page, src.row, src.bbox, paid, r.paid_amount, "", "row", src, installment_no=r.number)
    return CitedRow(src.page, src.row, src.bbox, None, None, "", "row", src)


def _day(text: str | None) -> date | None:
    try:
        return parse_date(text[:10]) if text else None
    except DateError:
        return None


def _issuer(doc: Document, lr: LoanResult) -> str:
    if isinstance(doc, SettlementCertificate):
        return doc.settlement.lender or lr.loan.lender
    if isinstance(doc, RepaymentSchedule):
        return doc.lender or lr.loan.lender
    return lr.loan.lender


def _related(lr: LoanResult) -> set[SourceRef]:
    return {tx.source for r in lr.installments for tx in r.payments}


def _cited_row(tx: Transaction | None, src: SourceRef, on_page: int | None) -> CitedRow:
    if tx is None:
        return CitedRow(src.page, src.row, src.bbox, None, None, "", "row", src, on_page)
    text = " ".join(p for p in (tx.date.isoformat(), tx.time or "", f"{tx.amount:,.2f}", tx.counterparty,
                                tx.description) if p)
    return CitedRow(src.page, src.row, src.bbox, tx.date, tx.amount, text, "row", src, on_page)
