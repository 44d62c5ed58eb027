"""Validator v1: schedules in Decimal, repayments matched and allocated, month verdicts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from generator.models import (DocumentKind, Loan, LoanVerdict, Method, ReportedMonth, SourceRef, Statement,
                              Transaction)
from generator.validate import check_loan
from generator.validate.schedule import expected_schedule, level_payment

D = Decimal
LOAN = Loan(lender="重庆蚂蚁消费金融有限公司", principal=D("12000.00"), disbursed_on=date(2025, 1, 10),
            installments=12, method=Method.EQUAL_INSTALLMENT, annual_rate=D("0.1095"), due_day=10,
            payee_names=("重庆蚂蚁消费金融有限公司", "借呗"))


def test_equal_installment_schedule() -> None:
    schedule, computed = expected_schedule(LOAN)
    assert computed
    # Hand check: r = 0.1095/12 = 0.009125; 12000·r·1.009125^12/(1.009125^12−1) = 1060.30
    assert level_payment(D("12000"), D("0.1095") / 12, 12) == D("1060.30")
    assert [i.amount_due for i in schedule] == [D("1060.30")] * 11 + [D("1060.29")]
    assert schedule[0].interest == D("109.50") and schedule[0].principal == D("950.80")
    assert sum(i.principal for i in schedule if i.principal) == D("12000.00")
    assert schedule[0].due_date == date(2025, 2, 10) and schedule[-1].due_date == date(2026, 1, 10)


def test_due_day_31_falls_on_month_end() -> None:
    schedule, _ = expected_schedule(replace(LOAN, due_day=31, disbursed_on=date(2025, 1, 31)))
    assert [i.due_date for i in schedule[:3]] == [date(2025, 2, 28), date(2025, 3, 31), date(2025, 4, 30)]


@pytest.mark.parametrize("method", list(Method))
def test_every_method_repays_the_principal(method: Method) -> None:
    schedule, _ = expected_schedule(replace(LOAN, method=method))
    assert sum(i.principal or 0 for i in schedule) == D("12000.00")


def _tx(day: date, amount: str, who: str = "重庆蚂蚁消费金融有限公司", row: int = 1) -> Transaction:
    return Transaction(day, None, D(amount), None, who, "", "快捷支付", SourceRef("s.pdf", 1, row))


def _statement(*txs: Transaction) -> Statement:
    return Statement("s.pdf", "0" * 64, DocumentKind.BANK_STATEMENT, "cmb", None, None, "CNY",
                     (_tx(date(2025, 1, 1), "100.00", "工资", 0), *txs, _tx(date(2026, 2, 1), "1.00", "x", 99)),
                     {"balance_chain": "not_applicable"})


FEB = date(2025, 2, 10)


@pytest.mark.parametrize(("paid", "amount", "grace", "status", "days_late"), [
    (date(2025, 2, 9), "-1060.30", 0, "on_time", 0),   # the day before
    (FEB, "-1060.30", 0, "on_time", 0),                # on the due date
    (date(2025, 2, 13), "-1060.30", 3, "on_time", 0),  # within the grace days
    (date(2025, 2, 15), "-1060.30", 0, "late", 5),     # truly five days late
    (date(2025, 2, 9), "-960.30", 0, "unpaid", None),  # short by 100 yuan
])
def test_first_installment_status(paid: date, amount: str, grace: int, status: str, days_late: int | None) -> None:
    loan = replace(LOAN, grace_days=grace)
    result = check_loan(loan, [_statement(_tx(paid, amount))], date(2025, 2, 20), (date(2025, 1, 1), date(2026, 2, 1)))
    first = result.installments[0]
    assert first.status.value == status
    assert first.days_late == (10 if status == "unpaid" else days_late)
    assert result.installments[5].status.value == "not_due"


def test_split_payment_completes_on_the_second_date_and_overpayment_carries_forward() -> None:
    txs = [_tx(date(2025, 2, 5), "-500.00"), _tx(date(2025, 2, 8), "-700.00", "借呗", 2),
           _tx(date(2025, 3, 9), "-920.60", row=3)]
    result = check_loan(LOAN, [_statement(*txs)], date(2025, 3, 20), (date(2025, 1, 1), date(2026, 2, 1)))
    first, second = result.installments[:2]
    assert (first.status.value, first.paid_on) == ("on_time", date(2025, 2, 8))
    assert (second.status.value, second.paid_amount, second.paid_on) == ("on_time", D("1060.30"), date(2025, 3, 9))
    assert [tx.source.row for tx in second.payments] == [2, 3]


def test_payment_to_someone_else_is_not_a_repayment() -> None:
    result = check_loan(LOAN, [_statement(_tx(date(2025, 2, 9), "-1060.30", "某超市"))], date(2025, 2, 20), None)
    assert result.installments[0].status.value == "unpaid"


def _months(*reported: tuple[str, str, str | None]) -> tuple[ReportedMonth, ...]:
    return tuple(ReportedMonth(m, s, None if a is None else D(a)) for m, s, a in reported)


COVER = (date(2025, 1, 1), date(2026, 2, 1))


def test_paid_on_time_but_reported_1_is_contradicted() -> None:
    loan = replace(LOAN, reported=_months(("2025-02", "1", "1060.30")))
    result = check_loan(loan, [_statement(_tx(date(2025, 2, 9), "-1060.30"))], date(2025, 3, 1), COVER)
    assert result.months[0].verdict.value == "contradicted"
    assert result.months[0].expected == ("N",)
    assert result.verdict is LoanVerdict.DISPUTE


def test_truly_late_month_is_consistent_and_leads_to_a_statement() -> None:
    loan = replace(LOAN, reported=_months(("2025-02", "1", "1060.30")))
    result = check_loan(loan, [_statement(_tx(date(2025, 2, 15), "-1060.30"))], date(2025, 3, 1), COVER)
    assert result.months[0].verdict.value == "consistent"
    assert result.verdict is LoanVerdict.STATEMENT


def test_no_payment_found_is_insufficient_not_consistent() -> None:
    loan = replace(LOAN, reported=_months(("2025-02", "1", "1060.30")))
    result = check_loan(loan, [_statement()], date(2025, 3, 1), COVER)
    assert result.months[0].verdict.value == "insufficient"
    assert result.verdict is LoanVerdict.INSUFFICIENT
    assert "payment_evidence" in result.missing


def test_statement_that_ends_before_the_due_date_cannot_decide() -> None:
    loan = replace(LOAN, reported=_months(("2025-02", "1", None)))
    result = check_loan(loan, [_statement()], date(2025, 3, 1), (date(2025, 1, 1), date(2025, 1, 31)))
    assert result.months[0].verdict.value == "insufficient"


def test_nothing_reported_overdue_means_nothing_to_dispute() -> None:
    loan = replace(LOAN, reported=_months(("2025-02", "N", "0.00")))
    result = check_loan(loan, [_statement(_tx(date(2025, 2, 9), "-1060.30"))], date(2025, 3, 1), COVER)
    assert result.verdict is LoanVerdict.NOTHING_TO_DISPUTE
