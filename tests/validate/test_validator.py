"""Validator v1: schedules in Decimal, repayments matched and allocated, month verdicts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from builders import LOAN, case, statement, tx
from generator.models import Loan, Method, Transaction
from generator.validate import check_case
from generator.validate.schedule import expected_schedule, level_payment

D = Decimal


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


def _installments(loan: Loan, *txs: Transaction, as_of: date = date(2025, 2, 20)):  # type: ignore[no-untyped-def]
    return check_case(case(loan), [statement(*txs)], as_of).loans[0].installments


FEB = date(2025, 2, 10)


@pytest.mark.parametrize(("paid", "amount", "grace", "status", "days_late"), [
    (date(2025, 2, 9), "-1060.30", 0, "on_time", 0),   # the day before
    (FEB, "-1060.30", 0, "on_time", 0),                # on the due date
    (date(2025, 2, 13), "-1060.30", 3, "on_time", 0),  # within the grace days
    (date(2025, 2, 15), "-1060.30", 0, "late", 5),     # truly five days late
    (date(2025, 2, 9), "-960.30", 0, "unpaid", 10),    # short by 100 yuan: open on 20 February
])
def test_first_installment_status(paid: date, amount: str, grace: int, status: str, days_late: int) -> None:
    results = _installments(replace(LOAN, grace_days=grace), tx(paid, amount))
    assert (results[0].status.value, results[0].days_late) == (status, days_late)
    assert results[5].status.value == "not_due"


def test_split_payment_completes_on_the_second_date_and_overpayment_carries_forward() -> None:
    results = _installments(LOAN, tx(date(2025, 2, 5), "-500.00"), tx(date(2025, 2, 8), "-700.00", "借呗", row=2),
                            tx(date(2025, 3, 9), "-920.60", row=3), as_of=date(2025, 3, 20))
    first, second = results[:2]
    assert (first.status.value, first.paid_on) == ("on_time", date(2025, 2, 8))
    assert (second.status.value, second.paid_amount, second.paid_on) == ("on_time", D("1060.30"), date(2025, 3, 9))
    assert [t.source.row for t in second.payments] == [2, 3]
    assert second.allocations == ((date(2025, 2, 8), D("139.70")), (date(2025, 3, 9), D("920.60")))


def test_payment_to_someone_else_is_not_a_repayment() -> None:
    assert _installments(LOAN, tx(date(2025, 2, 9), "-1060.30", "某超市"))[0].status.value == "unpaid"


def test_a_brand_the_lender_table_knows_counts_as_the_lender() -> None:
    loan = replace(LOAN, payee_names=("重庆蚂蚁消费金融有限公司",))
    assert _installments(loan, tx(date(2025, 2, 9), "-1060.30", "借呗"))[0].status.value == "on_time"


def test_payment_before_disbursement_is_ignored() -> None:
    assert _installments(LOAN, tx(date(2025, 1, 5), "-1060.30"))[0].status.value == "unpaid"


def test_daily_rate_accrues_by_actual_days() -> None:
    loan = replace(LOAN, method=Method.EQUAL_PRINCIPAL, annual_rate=D(0), daily_rate=D("0.0003"))
    schedule, _ = expected_schedule(loan)
    # January 10 → February 10 is 31 days: 12000 × 0.0003 × 31 = 111.60; then 11000 × 0.0003 × 28 = 92.40
    assert [(i.principal, i.interest) for i in schedule[:2]] == [(D("1000.00"), D("111.60")), (D("1000.00"), D("92.40"))]


def test_daily_rate_level_payment_last_installment_absorbs_rounding() -> None:
    loan = replace(LOAN, annual_rate=D(0), daily_rate=D("0.0003"))
    schedule, _ = expected_schedule(loan)
    assert sum(i.principal or 0 for i in schedule) == D("12000.00")
    assert len({i.amount_due for i in schedule[:-1]}) == 1  # a level payment…
    assert schedule[0].interest == D("111.60") and schedule[1].interest == D("92.84")  # …interest by actual days


def test_daily_rate_in_case_toml(tmp_path: "Path") -> None:
    from pathlib import Path

    from generator.case import load_case

    (Path(tmp_path) / "case.toml").write_text('[borrower]\nname = "李晓明"\nid_number = "110105198506151236"\n'
        'phone = "13800138000"\n[[loans]]\nlender = "x"\nprincipal = "1000.00"\ndisbursed_on = 2025-01-10\n'
        'installments = 3\ndue_day = 10\ndaily_rate = "0.0004"\n', encoding="utf-8")
    loan = load_case(Path(tmp_path)).loans[0]
    assert loan.daily_rate == D("0.0004")
