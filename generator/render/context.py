"""What a letter says, as data: exhibits, disputed items and cited facts. No I/O, no "now".

Every fact carries the citation of the exhibit page that proves it; the templates refuse to
render a fact without one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from generator.errors import RenderError
from generator.dates import month_key
from generator.models import (Case, CaseResult, InstallmentResult, LoanResult, MonthResult, MonthVerdict,
                              Statement, Transaction)

ISSUERS = {"cmb": "招商银行"}  # provider → the bank's short name, as printed on its statements


@dataclass(frozen=True)
class Exhibit:
    number: int
    kind: str  # "credit_report" | "bank_statement" | ...
    file: str | None
    issuer: str
    pages: int | None
    sha256: str | None
    proves: str  # a key the template turns into words: "reported_record" | "repayments"


@dataclass(frozen=True)
class Citation:
    exhibit: int
    page: int | None
    row: int | None = None


@dataclass(frozen=True)
class Payment:
    """A repayment the letter states as fact, with where it is printed."""

    paid_on: date
    time: str | None
    amount: Decimal
    payee: str
    bank: str
    account_tail: str
    installment: int
    due_date: date
    amount_due: Decimal
    citation: Citation


@dataclass(frozen=True)
class DisputedMonth:
    month: str
    reported_status: str
    reported_amount: Decimal | None
    expected_status: str
    expected_amount: Decimal
    citation: Citation | None  # the report page that shows the record
    payments: tuple[Payment, ...]


@dataclass(frozen=True)
class LetterContext:
    case: Case
    loan_result: LoanResult
    letter_date: date
    exhibits: tuple[Exhibit, ...]
    disputed: tuple[DisputedMonth, ...]
    report_citation: Citation | None


def build_context(result: CaseResult, loan_result: LoanResult, letter_date: date) -> LetterContext:
    case = result.case
    if case.report is None:
        raise RenderError("case.toml: [report] with the 报告编号 (number) and 报告时间 (time) of the "
                          "credit report is needed before a dispute letter can name the record")
    cited = _cited_statements(loan_result, result.statements)
    exhibits = [Exhibit(1, "credit_report", case.report.file, "中国人民银行征信中心", None, None, "reported_record")]
    numbers: dict[str, int] = {}
    for st in cited:
        numbers[st.file] = len(exhibits) + 1
        exhibits.append(Exhibit(len(exhibits) + 1, st.kind.value, st.file, ISSUERS.get(st.provider, st.provider),
                                st.page_count, st.sha256, "repayments"))
    statements = {st.file: st for st in cited}
    disputed = tuple(_disputed(m, loan_result, numbers, statements) for m in loan_result.months
                     if m.verdict is MonthVerdict.CONTRADICTED)
    return LetterContext(case, loan_result, letter_date, tuple(exhibits), disputed, Citation(1, None))


def _cited_statements(lr: LoanResult, statements: Sequence[Statement]) -> list[Statement]:
    files = {tx.source.file for m in lr.months if m.verdict is MonthVerdict.CONTRADICTED
             for r in _installments_of(m.month, lr.installments) for tx in r.payments}
    return [st for st in statements if st.file in files]


def _disputed(m: MonthResult, lr: LoanResult, numbers: dict[str, int],
              statements: dict[str, Statement]) -> DisputedMonth:
    payments = tuple(_payment(tx, r, numbers, statements)
                     for r in _installments_of(m.month, lr.installments) for tx in r.payments)
    return DisputedMonth(m.month, m.reported.status, m.reported.overdue_amount,
                         m.expected[0], m.expected_overdue, Citation(1, m.reported.page), payments)


def _installments_of(month: str, results: Sequence[InstallmentResult]) -> list[InstallmentResult]:
    """The installments a month's code is about: those due in it, else the last one due before."""
    in_month = [r for r in results if month_key(r.installment.due_date) == month]
    if in_month:
        return in_month
    before = [r for r in results if month_key(r.installment.due_date) < month]
    return before[-1:]


def _payment(tx: Transaction, r: InstallmentResult, numbers: dict[str, int],
             statements: dict[str, Statement]) -> Payment:
    st = statements[tx.source.file]
    return Payment(tx.date, tx.time, -tx.amount, tx.counterparty or tx.description,
                   ISSUERS.get(st.provider, st.provider), (st.account_number or "")[-4:],
                   r.installment.number, r.installment.due_date, r.installment.amount_due,
                   Citation(numbers[tx.source.file], tx.source.page, tx.source.row))
