"""The domain model. Frozen dataclasses; money is Decimal, dates are `datetime.date`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.documents import Document

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, origin top-left


@dataclass(frozen=True)
class SourceRef:
    """Where a parsed value was printed: file, 1-based page, 1-based row within the document's
    table (counting across pages), and the row's bounding box on its page."""

    file: str
    page: int
    row: int
    bbox: BBox | None = None

    def location(self) -> str:
        return f"{self.file}:p{self.page}:r{self.row}"


@dataclass(frozen=True)
class Transaction:
    date: date
    time: str | None
    amount: Decimal  # negative = money leaves the statement's account
    balance: Decimal | None
    counterparty: str
    counterparty_account: str
    description: str
    source: SourceRef
    currency: str = "CNY"


class DocumentKind(StrEnum):
    BANK_STATEMENT = "bank_statement"
    PAYMENT_STATEMENT = "payment_statement"
    SETTLEMENT_CERTIFICATE = "settlement_certificate"
    REPAYMENT_SCHEDULE = "repayment_schedule"
    CREDIT_REPORT = "credit_report"


@dataclass(frozen=True)
class Finding:
    """A mismatch found in the data. Findings are reported, never raised."""

    kind: str  # e.g. "balance_chain_failed", "same_day_reordered", "payment_unmatched"
    message: str
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True)
class Statement:
    file: str
    sha256: str
    kind: DocumentKind
    provider: str
    account_holder: str | None
    account_number: str | None
    currency: str | None
    transactions: tuple[Transaction, ...]
    checks: dict[str, str]
    findings: tuple[Finding, ...] = ()
    page_count: int = 0


class Method(StrEnum):
    EQUAL_INSTALLMENT = "equal_installment"  # 等额本息
    EQUAL_PRINCIPAL = "equal_principal"  # 等额本金
    INTEREST_FIRST = "interest_first"  # 先息后本
    BULLET = "bullet"  # 到期一次还本付息


@dataclass(frozen=True)
class Installment:
    """One due period of the schedule."""

    number: int
    due_date: date
    amount_due: Decimal
    principal: Decimal | None = None
    interest: Decimal | None = None


@dataclass(frozen=True, order=True)
class YearMonth:
    """A calendar month as a value. Grid months are told apart by their account and compared as
    values, never looked up by the text "2025-03" across a report (every account has a 2025-03)."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} of {self.year} is not 1-12")

    @classmethod
    def parse(cls, key: str) -> YearMonth:
        """From the key the models carry: ``2025-03``."""
        year, _, month = key.partition("-")
        return cls(int(year), int(month))

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class ReportedMonth:
    """One month of the credit report's repayment grid, as the borrower's report shows it."""

    month: str  # "2025-03"
    status: str  # grid code: N * 1-7 B C G D Z M # /
    overdue_amount: Decimal | None
    page: int | None = None
    source: SourceRef | None = None  # its cell in its own account's grid; None when case.toml declares it


@dataclass(frozen=True)
class CreditReportRef:
    report_number: str
    report_time: str
    file: str | None = None  # the report PDF in the case folder, if the borrower put it there


@dataclass(frozen=True)
class Borrower:
    name: str
    id_type: str
    id_number: str
    phone: str
    address: str = ""
    email: str = ""

    @property
    def masked_id(self) -> str:
        """Full ID numbers never appear in logs or console output."""
        n = self.id_number
        return n[:6] + "*" * (len(n) - 10) + n[-4:] if len(n) > 10 else "*" * len(n)


@dataclass(frozen=True)
class Agent:
    """Who files on the borrower's behalf (an optional [agent] table); needs a 授权委托书."""

    name: str
    id_type: str
    id_number: str
    phone: str


@dataclass(frozen=True)
class Loan:
    lender: str
    principal: Decimal
    disbursed_on: date
    installments: int
    method: Method
    annual_rate: Decimal
    due_day: int
    payee_names: tuple[str, ...]
    product: str = ""
    contract_number: str | None = None
    grace_days: int = 0
    schedule: tuple[Installment, ...] = ()  # explicit schedule; empty means "compute it"
    account_id: str | None = None  # 账户标识 on the report
    business_type: str = ""  # 业务种类 on the report
    settled_on: date | None = None
    reported: tuple[ReportedMonth, ...] = ()
    statement_reason: str = ""  # the borrower's own reason for a true late payment, for a 个人声明
    pboc_branch: str = ""  # the PBOC branch where the lender is located, for a complaint
    reporting_lag_days: int = 45  # one reporting cycle after settlement before a stale status is an error
    daily_rate: Decimal | None = None  # 日利率 as a fraction (0.0003 = 0.03% a day); accrues by actual days
    conflicts: tuple[str, ...] = ()  # case.toml vs a document: reported, never silently resolved

    @property
    def key(self) -> str:
        return self.contract_number or self.lender


@dataclass(frozen=True)
class Case:
    root: Path
    name: str
    borrower: Borrower
    loans: tuple[Loan, ...]
    documents: tuple[Path, ...]
    report: CreditReportRef | None = None
    passwords: dict[str, str] = field(default_factory=dict)
    agent: Agent | None = None
    loan_tables: tuple[dict[str, Any], ...] = ()  # the raw [[loans]] tables, for filling from documents


class InstallmentStatus(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    UNPAID = "unpaid"
    NOT_DUE = "not_due"


class UndecidedReason(StrEnum):
    # A repayment is missing from the documents (the loan is shown settled, or platform debits stay
    # unexplained): oldest-first allocation of the later payments is only one possible reading.
    PAYMENT_MISSING = "payment_missing"


@dataclass(frozen=True)
class Undecided:
    """Why an installment's status is not decided although the allocation gives one."""

    reason: UndecidedReason
    first_gap: int  # the first installment not paid in full by its due date (+ grace)


@dataclass(frozen=True)
class InstallmentResult:
    installment: Installment
    status: InstallmentStatus  # as the oldest-first allocation gives it; see `undecided`
    paid_amount: Decimal
    paid_on: date | None
    days_late: int | None
    payments: tuple[Transaction, ...]
    allocations: tuple[tuple[date, Decimal], ...] = ()  # (paid on, share of this installment)
    # Set when `status`, `paid_amount`, `paid_on` and `days_late` rest on an allocation the evidence
    # cannot confirm: nothing may present them as fact (screen, letters, bundle).
    undecided: Undecided | None = None

    def paid_by(self, day: date) -> Decimal:
        return sum((share for on, share in self.allocations if on <= day), Decimal("0.00"))


class MonthVerdict(StrEnum):
    CONTRADICTED = "contradicted"
    CONSISTENT = "consistent"
    INSUFFICIENT = "insufficient"


@dataclass(frozen=True)
class MonthResult:
    month: str
    reported: ReportedMonth
    expected: tuple[str, ...]  # grid codes the evidence allows, the likeliest first
    expected_overdue: Decimal  # the likeliest 逾期（透支）总额
    verdict: MonthVerdict
    reasons: tuple[str, ...]
    evidence: tuple[Transaction, ...]
    allowed_overdue: tuple[Decimal, ...] = ()
    missing: tuple[str, ...] = ()  # documents that would settle an insufficient month
    relief_hidden_by: date | None = None  # one-time relief: the date this entry is to be hidden by


@dataclass(frozen=True)
class AccountCheck:
    """One account-level field of the report held against the evidence (状态, 当前逾期总额 …)."""

    field: str  # "status" | "current_overdue_amount" | "balance" | "closed_on" | "last_month"
    reported: str | None
    expected: str
    verdict: MonthVerdict
    reason: str
    evidence: tuple[SourceRef, ...] = ()
    missing: tuple[str, ...] = ()


class LoanVerdict(StrEnum):
    DISPUTE = "dispute"
    STATEMENT = "statement"
    INSUFFICIENT = "insufficient"
    NOTHING_TO_DISPUTE = "nothing_to_dispute"


@dataclass(frozen=True)
class LoanResult:
    loan: Loan
    schedule_computed: bool
    installments: tuple[InstallmentResult, ...]
    months: tuple[MonthResult, ...]
    verdict: LoanVerdict
    findings: tuple[Finding, ...] = ()
    missing: tuple[str, ...] = ()
    account_checks: tuple[AccountCheck, ...] = ()
    settled_on: date | None = None  # as the evidence shows it
    settlement_source: SourceRef | None = None
    report_date: date | None = None

    @property
    def late_installments(self) -> tuple[InstallmentResult, ...]:
        """Installments the evidence shows were paid late (an undecided status is not shown)."""
        return tuple(r for r in self.installments if r.status is InstallmentStatus.LATE and r.undecided is None)

    @property
    def repaid_on(self) -> date | None:
        """The day the whole loan was repaid: the evidence's settlement date, else the day the last
        installment was paid once every one is; None while the loan runs."""
        if self.settled_on is not None:
            return self.settled_on
        paid = [r.paid_on for r in self.installments]
        return max(d for d in paid if d) if paid and all(paid) else None

    @property
    def overdue_cleared_on(self) -> date | None:
        """The day the overdue amount itself was repaid: when the last late installment was fully
        paid (one paid in parts clears on the day the remainder arrived). An installment still
        unpaid past its due date, or one whose status is undecided, leaves that day unknown unless
        the loan was settled, which paid everything off by the settlement date at the latest. None
        when nothing was late or the overdue amount is still owed (or may be)."""
        if any(r.status is InstallmentStatus.UNPAID or r.undecided is not None for r in self.installments):
            return self.settled_on
        return max((r.paid_on for r in self.late_installments if r.paid_on), default=None)


@dataclass(frozen=True)
class CaseResult:
    case: Case
    statements: tuple[Statement, ...]
    loans: tuple[LoanResult, ...]
    as_of: date
    documents: tuple[Document, ...] = ()  # every parsed document, statements included
