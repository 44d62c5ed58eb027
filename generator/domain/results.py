"""What `dispute check` decides: each installment's status, each reported month's and account
field's verdict with its reasons, each loan's verdict. Decided once, in generator/validate; the
screen, the letters and the bundle only word it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from generator.domain.documents import Document
from generator.domain.reasons import AccountReason, MissingDocument, MonthReason, ReliefStillShown
from generator.domain.statements import Finding, Statement, Transaction
from generator.domain.terms import Case, Installment, Loan, ReportedMonth
from generator.domain.values import SourceRef, YearMonth


class InstallmentStatus(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    UNPAID = "unpaid"
    NOT_DUE = "not_due"


class Timing(StrEnum):
    """One payment's day against its installment's due date and the contract's grace days, by the
    rule that makes an installment on time or late (validate/match.py)."""

    EARLY = "early"
    ON_DUE_DATE = "on_due_date"
    IN_GRACE = "in_grace"  # after the due date, within the grace days
    LATE = "late"


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
    # Fell due after an early settlement (提前结清) and was repaid by it: no payment of its own, so
    # no amount is shown as paid for it.
    by_settlement: bool = False

    def paid_by(self, day: date) -> Decimal:
        return sum((share for on, share in self.allocations if on <= day), Decimal("0.00"))


class MonthVerdict(StrEnum):
    CONTRADICTED = "contradicted"
    CONSISTENT = "consistent"
    INSUFFICIENT = "insufficient"


@dataclass(frozen=True)
class MonthResult:
    month: YearMonth
    reported: ReportedMonth
    expected: tuple[str, ...]  # grid codes the evidence allows, the likeliest first
    expected_overdue: Decimal  # the likeliest 逾期（透支）总额
    verdict: MonthVerdict
    reasons: tuple[MonthReason, ...]
    evidence: tuple[Transaction, ...]
    allowed_overdue: tuple[Decimal, ...] = ()
    missing: tuple[MissingDocument, ...] = ()  # documents that would settle an insufficient month
    relief_hidden_by: date | None = None  # one-time relief: the date this entry is to be hidden by
    # `expected` rests on installments whose status is undecided: it is the worst the evidence
    # allows (a repayment missing from the documents can only make the month better), not a fact.
    worst_case: bool = False

    @property
    def relief_ground(self) -> bool:
        """Contradicted only because the one-time relief should have hidden a true entry by now."""
        return self.relief_hidden_by is not None and any(isinstance(r, ReliefStillShown) for r in self.reasons)




class AccountField(StrEnum):
    STATUS = "status"  # 账户状态
    CURRENT_OVERDUE_AMOUNT = "current_overdue_amount"  # 当前逾期总额
    BALANCE = "balance"  # 余额
    CLOSED_ON = "closed_on"  # 账户关闭日期
    LAST_MONTH = "last_month"  # the grid's last month


@dataclass(frozen=True)
class GridCode:
    """A month's code in an account's grid (its last month, for `AccountField.LAST_MONTH`)."""

    month: YearMonth
    status: str


# An account field's value: 账户状态 as printed (str), an amount, a date, or a grid month's code.
AccountValue = str | Decimal | date | GridCode


@dataclass(frozen=True)
class AccountCheck:
    """One account-level field of the report held against the evidence (状态, 当前逾期总额 …)."""

    field: AccountField
    reported: AccountValue | None
    expected: AccountValue
    verdict: MonthVerdict
    reason: AccountReason
    evidence: tuple[SourceRef, ...] = ()
    missing: tuple[MissingDocument, ...] = ()


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
    missing: tuple[MissingDocument, ...] = ()
    account_checks: tuple[AccountCheck, ...] = ()
    settled_on: date | None = None  # as the evidence shows it
    settlement_source: SourceRef | None = None
    report_date: date | None = None

    @property
    def late_installments(self) -> tuple[InstallmentResult, ...]:
        """Installments the evidence shows were paid late (an undecided status is not shown)."""
        return tuple(r for r in self.installments if r.status is InstallmentStatus.LATE and r.undecided is None)

    @property
    def true_overdue_months(self) -> tuple[MonthResult, ...]:
        """Overdue months the evidence confirms: what a 个人声明 speaks of."""
        return tuple(m for m in self.months if m.verdict is MonthVerdict.CONSISTENT and m.reported.overdue)

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
