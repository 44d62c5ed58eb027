"""What case.toml and the documents say of the case: the borrower, the loans' terms, the months the
report shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from generator.domain.values import ADVERSE_CODES, OVERDUE_CODES, SourceRef, YearMonth


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


@dataclass(frozen=True)
class ReportedMonth:
    """One month of the credit report's repayment grid, as the borrower's report shows it."""

    month: YearMonth
    status: str  # grid code: N * 1-7 B C G D Z M # /
    overdue_amount: Decimal | None
    page: int | None = None
    source: SourceRef | None = None  # its cell in its own account's grid; None when case.toml declares it

    @property
    def adverse(self) -> bool:
        return self.status in ADVERSE_CODES

    @property
    def overdue(self) -> bool:
        return self.status in OVERDUE_CODES


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
class LoanLabel:
    """Which loan of a case a result speaks of, as plain data that crosses process boundaries. One
    lender often lends twice (借呗 twice, two 招联 loans): results are paired with this, not with
    the lender's name, so that the two never share their verdicts, documents or files."""

    id: str  # unique in the case: the contract number, else the 账户标识, else "#<position in case.toml>"
    lender: str
    product: str = ""
    contract_number: str | None = None
    account_id: str | None = None
    disbursed_on: str = ""  # ISO date, "" when unknown


def loan_labels(loans: Sequence[Loan]) -> tuple[LoanLabel, ...]:
    """A label per loan, in case.toml's order. An id two loans would share (a contract number
    typed twice) gives way to each loan's position, so that ids stay unique."""
    ids = [loan.contract_number or loan.account_id or f"#{i}" for i, loan in enumerate(loans, start=1)]
    return tuple(LoanLabel(key if ids.count(key) == 1 else f"#{i}", loan.lender, loan.product, loan.contract_number,
                           loan.account_id, loan.disbursed_on.isoformat())
                 for i, (key, loan) in enumerate(zip(ids, loans, strict=True), start=1))


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
