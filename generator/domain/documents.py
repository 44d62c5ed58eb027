"""Documents other than transaction statements: the PBOC credit report and the lender's papers.

Every field a document does not print is None, never a guess ("--" on a report is None, not zero).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from generator.domain.statements import Statement
from generator.domain.values import DocumentKind, SourceRef, YearMonth


@dataclass(frozen=True)
class GridMonth:
    """One month of an account's 5-year repayment grid."""

    month: str  # "2025-03"
    status: str  # N * 1-7 B C G D Z M # /
    overdue_amount: Decimal | None  # 逾期（透支）总额; None where the report prints "--"
    source: SourceRef

    @property
    def year_month(self) -> YearMonth:
        # `month` stays the parsers' text (`parse --json` prints it); the checks compare values
        return YearMonth.parse(self.month)


@dataclass(frozen=True)
class SpecialTransaction:
    """特殊交易: 提前结清, 债务减免, 资产转让, 展期 …"""

    kind: str  # as printed, e.g. "提前结清"
    occurred_on: date | None
    months_changed: int | None
    amount: Decimal | None
    detail: str
    source: SourceRef


@dataclass(frozen=True)
class CreditAccount:
    section: str  # 非循环贷账户 | 循环额度下分账户 | 循环贷账户 | 贷记卡账户
    number: int  # 账户N within its section
    institution: str  # 管理机构
    account_id: str | None  # 账户标识
    agreement_id: str | None  # 授信协议标识
    account_type: str | None  # 业务种类
    opened_on: date | None
    due_on: date | None  # 到期日期
    loan_amount: Decimal | None  # 借款金额 (or 账户授信额度 for cards)
    currency: str | None
    installments: int | None  # 还款期数
    frequency: str | None  # 还款频率
    method: str | None  # 还款方式
    as_of: date | None  # 截至YYYY年MM月DD日
    status: str | None  # 账户状态: 正常 逾期 结清 呆账 转出 …
    closed_on: date | None  # 账户关闭日期
    balance: Decimal | None
    current_overdue_periods: int | None
    current_overdue_amount: Decimal | None
    last_payment_on: date | None
    history: tuple[GridMonth, ...]
    source: SourceRef
    special: tuple[SpecialTransaction, ...] = ()
    annotations: tuple[str, ...] = ()  # 标注及声明 on this account (异议标注, 本人声明 …)
    fields: dict[str, str | None] = field(default_factory=dict)  # every status-block field as printed


@dataclass(frozen=True)
class CreditReport:
    file: str
    sha256: str
    version: str  # "detailed" (详版, with the grid) | "summary" (简版, sentences only)
    report_number: str | None
    report_time: str | None  # "2025-08-01 09:30:12" as printed
    subject_name: str | None
    id_type: str | None
    id_number: str | None  # masked as printed
    accounts: tuple[CreditAccount, ...]
    page_count: int
    notes: tuple[str, ...] = ()  # e.g. "month_detail_unavailable" for a 简版
    kind: DocumentKind = DocumentKind.CREDIT_REPORT
    provider: str = "pboc"


@dataclass(frozen=True)
class Settlement:
    lender: str | None
    borrower: str | None
    id_number: str | None  # masked as printed
    contract_number: str | None
    principal: Decimal | None
    principal_uppercase: str | None  # 大写 as printed
    disbursed_on: date | None
    settled_on: date | None
    issued_on: date | None
    source: SourceRef


@dataclass(frozen=True)
class SettlementCertificate:
    file: str
    sha256: str
    settlement: Settlement
    page_count: int
    kind: DocumentKind = DocumentKind.SETTLEMENT_CERTIFICATE
    provider: str = "lender"


@dataclass(frozen=True)
class ScheduleRow:
    number: int
    due_date: date
    amount_due: Decimal
    principal: Decimal | None
    interest: Decimal | None
    fees: Decimal | None
    status: str | None  # 待还 已还 逾期 已结清, as printed
    paid_at: str | None  # "2025-03-09 14:03:22" or "2025-03-09", as printed
    paid_amount: Decimal | None
    source: SourceRef


@dataclass(frozen=True)
class RepaymentSchedule:
    file: str
    sha256: str
    lender: str | None
    contract_number: str | None
    installments: tuple[ScheduleRow, ...]
    page_count: int
    kind: DocumentKind = DocumentKind.REPAYMENT_SCHEDULE
    provider: str = "lender"


Document = Statement | CreditReport | SettlementCertificate | RepaymentSchedule
