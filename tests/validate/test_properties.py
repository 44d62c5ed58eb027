"""Property tests: paying in full and on time never yields an overdue month; moving one payment
past due date + grace makes an overdue code acceptable in that month only (and the months it stays
unpaid) and changes nothing else."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from builders import LOAN, account, case, grid, report, statement, tx
from generator.dates import month_key
from generator.models import Loan, Method
from generator.validate import check_case
from generator.validate.months import ADVERSE, month_end
from generator.validate.schedule import expected_schedule

loans = st.builds(
    lambda principal, n, rate, day, method, grace: replace(
        LOAN, principal=Decimal(principal), installments=n, annual_rate=Decimal(rate) / 10000, due_day=day,
        method=method, grace_days=grace, disbursed_on=date(2024, 3, 15)),
    st.integers(1000, 50000).map(lambda v: f"{v}.00"), st.integers(3, 18), st.integers(0, 2400),
    st.integers(1, 31), st.sampled_from(list(Method)), st.integers(0, 3))


def _months_of(loan: Loan) -> list[str]:
    schedule, _ = expected_schedule(loan)
    first, last = schedule[0].due_date, schedule[-1].due_date
    out, day = [], first.replace(day=1)
    while day <= last:
        out.append(month_key(day))
        day = (day + timedelta(days=32)).replace(day=1)
    return out


def _check(loan: Loan, pays: list[object], codes: dict[str, str]):  # type: ignore[no-untyped-def]
    history = grid({m: (c, "0.00") for m, c in codes.items()})
    docs = [statement(*pays, start=date(2024, 3, 1), end=date(2026, 1, 1)),  # type: ignore[arg-type]
            report(account(history, opened_on=loan.disbursed_on, amount=f"{loan.principal}"), time="2025-12-20 10:00:00")]
    return check_case(case(loan), docs, date(2025, 12, 31)).loans[0]


def _payments(loan: Loan, late: dict[int, int] | None = None) -> list[object]:
    schedule, _ = expected_schedule(loan)
    late = late or {}
    return [tx(i.due_date + timedelta(days=late.get(i.number, 0)), f"-{i.amount_due:.2f}", row=i.number)
            for i in schedule]


@settings(max_examples=60, deadline=None)
@given(loans)
def test_paid_in_full_and_on_time_never_allows_an_overdue_code(loan: Loan) -> None:
    result = _check(loan, _payments(loan), {m: "N" for m in _months_of(loan)})
    assert all(r.status.value == "on_time" for r in result.installments)
    for m in result.months:
        assert not set(m.expected) & ADVERSE, (m.month, m.expected)
        assert m.verdict.value == "consistent"


@settings(max_examples=60, deadline=None)
@given(loans, st.data())
def test_one_late_payment_allows_overdue_in_exactly_its_months(loan: Loan, data: st.DataObject) -> None:
    schedule, _ = expected_schedule(loan)
    payable = [i.number for i in schedule if i.amount_due > 0]
    k = data.draw(st.sampled_from(payable), label="late installment")
    days = data.draw(st.integers(loan.grace_days + 1, 75), label="days late")
    months = _months_of(loan)
    on_time = _check(loan, _payments(loan), {m: "N" for m in months})
    late = _check(loan, _payments(loan, {k: days}), {m: "N" for m in months})
    due = schedule[k - 1].due_date
    paid = due + timedelta(days=days)
    deadline = due + timedelta(days=loan.grace_days)
    next_due = schedule[k].due_date if k < len(schedule) else None
    for before, after in zip(on_time.months, late.months):
        end = month_end(after.month)
        # Still unpaid past due + grace at this month's end. Not where the next installment fell
        # due before the month's end: its payment, made on its day, repays the oldest debt (this
        # one) first, and what is then open is the next one, inside its own grace.
        if deadline < end < paid and (next_due is None or next_due > end):
            assert set(after.expected) & ADVERSE, (after.month, after.expected)
        elif str(after.month) < month_key(due) or str(after.month) > month_key(paid):
            assert after.expected == before.expected, after.month
    assert late.installments[k - 1].status.value == "late"
    assert all(r.status.value == "on_time" for r in late.installments[:k - 1])
