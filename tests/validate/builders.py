"""Small builders for validator scenarios: documents made in memory, no PDFs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from generator.documents import CreditAccount, CreditReport, GridMonth, SettlementCertificate, Settlement, SpecialTransaction
from generator.models import (Borrower, Case, CreditReportRef, DocumentKind, Loan, Method, SourceRef, Statement,
                              Transaction)

D = Decimal
ANT = "重庆蚂蚁消费金融有限公司"
LOAN = Loan(lender=ANT, principal=D("12000.00"), disbursed_on=date(2025, 1, 10), installments=12,
            method=Method.EQUAL_INSTALLMENT, annual_rate=D("0.1095"), due_day=10, payee_names=(ANT, "借呗"),
            contract_number="JB1")
BORROWER = Borrower("李晓明", "居民身份证", "110105198506151236", "13800138000")


def tx(day: date, amount: str, who: str = ANT, *, desc: str = "快捷支付", file: str = "bank.pdf", row: int = 1,
       time: str | None = None) -> Transaction:
    return Transaction(day, time, D(amount), None, who, "", desc, SourceRef(file, 1, row))


def statement(*txs: Transaction, file: str = "bank.pdf", kind: DocumentKind = DocumentKind.BANK_STATEMENT,
              start: date = date(2025, 1, 1), end: date = date(2026, 3, 1)) -> Statement:
    """A statement that covers start..end (an opening and a closing row mark its period)."""
    rows = (tx(start, "100.00", "工资", file=file, row=0), *txs, tx(end, "1.00", "利息", file=file, row=999))
    provider = "alipay" if kind is DocumentKind.PAYMENT_STATEMENT else "cmb"
    return Statement(file, "0" * 64, kind, provider, "李晓明", None, "CNY",
                     tuple(replace(t, source=replace(t.source, file=file)) for t in rows), {"balance_chain": "not_applicable"})


def on_time_payments(loan: Loan = LOAN, *, early_days: int = 1, amount_of: dict[int, str] | None = None) -> list[Transaction]:
    from datetime import timedelta

    from generator.validate.schedule import expected_schedule

    schedule, _ = expected_schedule(loan)
    amounts = amount_of or {}
    return [tx(i.due_date - timedelta(days=early_days), "-" + amounts.get(i.number, f"{i.amount_due:.2f}"), row=i.number)
            for i in schedule]


def grid(months: dict[str, tuple[str, str | None]]) -> tuple[GridMonth, ...]:
    return tuple(GridMonth(m, s, None if a is None else D(a), SourceRef("report.pdf", 3, 0)) for m, (s, a) in sorted(months.items()))


def account(history: tuple[GridMonth, ...], *, status: str = "结清", overdue: str | None = None,
            as_of: date | None = None, closed_on: date | None = None, balance: str | None = None,
            special: tuple[SpecialTransaction, ...] = (), institution: str = ANT, opened_on: date = date(2025, 1, 10),
            amount: str = "12000.00") -> CreditAccount:
    return CreditAccount("非循环贷账户", 1, institution, "A1", None, "其他个人消费贷款", opened_on, None, D(amount),
                         "人民币元", 12, "月", "分期等额本息", as_of, status, closed_on,
                         None if balance is None else D(balance), None, None if overdue is None else D(overdue), None,
                         history, SourceRef("report.pdf", 2, 0), special)


def report(*accounts: CreditAccount, time: str = "2025-12-20 10:00:00") -> CreditReport:
    return CreditReport("report.pdf", "1" * 64, "detailed", "2026021509301234567890", time, "李晓明", "身份证",
                        "1101**********1236", tuple(accounts), 5)


def settlement(settled_on: date, contract: str = "JB1", principal: str = "12000.00") -> SettlementCertificate:
    return SettlementCertificate("settle.pdf", "2" * 64, Settlement(ANT, "李晓明", None, contract, D(principal), None,
                                 date(2025, 1, 10), settled_on, settled_on, SourceRef("settle.pdf", 1, 0)), 1)


def case(*loans: Loan) -> Case:
    return Case(Path("."), "scenario", BORROWER, loans or (LOAN,), (),
                CreditReportRef("2026021509301234567890", "2026-02-15 09:30:12"))
