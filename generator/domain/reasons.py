"""Why a month or an account field got its verdict, and which document would decide a month the
evidence cannot: values decided once in validate. The screen (summary.py) and the letters word
them; serialize.py gives `check --json` both the keys scripts read (``code_outside:1:N``) and
the fields themselves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar


class ReasonCode(StrEnum):
    MORE_FAVOURABLE = "more_favourable"
    CODE_OUTSIDE = "code_outside"
    AMOUNT_ABOVE = "amount_above"
    RELIEF_STILL_SHOWN = "relief_still_shown"
    NO_PAYMENT_FOUND = "no_payment_found"
    PAYMENTS_INCOMPLETE = "payments_incomplete"


@dataclass(frozen=True)
class MoreFavourable:
    """The report shows the month better than the evidence allows (never disputed)."""

    code: ClassVar[ReasonCode] = ReasonCode.MORE_FAVOURABLE


@dataclass(frozen=True)
class CodeOutside:
    """The report's code is none of those the evidence allows."""

    reported: str
    allowed: tuple[str, ...]  # the likeliest first
    code: ClassVar[ReasonCode] = ReasonCode.CODE_OUTSIDE


@dataclass(frozen=True)
class AmountAbove:
    """The report's 逾期（透支）总额 is above every amount the evidence allows."""

    reported: Decimal
    allowed: Decimal  # the largest the evidence allows
    code: ClassVar[ReasonCode] = ReasonCode.AMOUNT_ABOVE


@dataclass(frozen=True)
class ReliefStillShown:
    """A true entry the one-time relief hides is still shown by a report dated after its day."""

    hidden_by: date
    report_date: date
    code: ClassVar[ReasonCode] = ReasonCode.RELIEF_STILL_SHOWN


@dataclass(frozen=True)
class NoPaymentFound:
    """No payment of this installment is in the documents (which is no proof it was not paid)."""

    installment_no: int
    due_date: date
    code: ClassVar[ReasonCode] = ReasonCode.NO_PAYMENT_FOUND


@dataclass(frozen=True)
class PaymentsIncomplete:
    """A repayment is missing from the documents, so the allocation cannot confirm the code."""

    code: ClassVar[ReasonCode] = ReasonCode.PAYMENTS_INCOMPLETE


MonthReason = MoreFavourable | CodeOutside | AmountAbove | ReliefStillShown | NoPaymentFound | PaymentsIncomplete


class AccountReason(StrEnum):
    """Why an account-level field contradicts a settlement the evidence shows."""

    OPEN_AFTER_SETTLEMENT = "open_after_settlement"
    OVERDUE_AFTER_SETTLEMENT = "overdue_after_settlement"
    BALANCE_AFTER_SETTLEMENT = "balance_after_settlement"
    NOT_CLOSED_IN_GRID = "not_closed_in_grid"
    CLOSED_ON_DIFFERS = "closed_on_differs"


class MissingKind(StrEnum):
    CREDIT_REPORT = "credit_report"
    DETAILED_CREDIT_REPORT = "detailed_credit_report"
    STATEMENT = "statement"
    PLATFORM_PROOF = "platform_proof"
    STATEMENT_COVERING = "statement_covering"
    REPAYMENT_RECORD = "repayment_record"
    OFFICIAL_RECORD = "official_record"


@dataclass(frozen=True)
class CreditReportNeeded:
    """No readable 详版 shows the loan's account."""

    kind: ClassVar[MissingKind] = MissingKind.CREDIT_REPORT


@dataclass(frozen=True)
class DetailedReportNeeded:
    """Only a 简版 is in the folder: it has no month-by-month record."""

    kind: ClassVar[MissingKind] = MissingKind.DETAILED_CREDIT_REPORT


@dataclass(frozen=True)
class StatementNeeded:
    """No statement of the account the loan was repaid from."""

    kind: ClassVar[MissingKind] = MissingKind.STATEMENT


@dataclass(frozen=True)
class PlatformProof:
    """The payment platform's record of a bank debit to it near a due date: it would show whether
    the debit repaid this loan."""

    on: date
    amount: Decimal  # positive: what left the bank account
    payee: str  # the bank row's counterparty (else its description), as printed
    kind: ClassVar[MissingKind] = MissingKind.PLATFORM_PROOF


@dataclass(frozen=True)
class StatementCovering:
    """A statement of the repaying account that covers this day (no statement in the folder does)."""

    on: date
    kind: ClassVar[MissingKind] = MissingKind.STATEMENT_COVERING


@dataclass(frozen=True)
class RepaymentRecord:
    """The lender's record of this installment's repayment."""

    installment_no: int
    kind: ClassVar[MissingKind] = MissingKind.REPAYMENT_RECORD


@dataclass(frozen=True)
class OfficialRecord:
    """A payment a decided month rests on is shown only by the holder's own export (CSV, XLS, the
    app's 用于个人对账 bill), which carries no seal: the issuer's stamped record of it (支付宝's
    交易流水证明, 微信's 交易明细证明, a bank's 流水) should back it. The verdict stands meanwhile."""

    provider: str  # the export's issuer, as the contract names it: "alipay", "wechat", "cmb", …
    on: date
    amount: Decimal  # positive: what was paid
    file: str  # the export it was found in
    kind: ClassVar[MissingKind] = MissingKind.OFFICIAL_RECORD


MissingDocument = (CreditReportNeeded | DetailedReportNeeded | StatementNeeded | PlatformProof | StatementCovering
                   | RepaymentRecord | OfficialRecord)
