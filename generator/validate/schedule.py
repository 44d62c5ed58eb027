"""The expected schedule of a loan, computed in Decimal.

Rounding rule (SPEC.md): monthly rate r = annual_rate / 12; amounts round half-up to the cent;
each month's interest = outstanding principal × r; the last installment repays the remaining
principal with its interest, so it absorbs every rounding difference.
Due date k = the loan's due day in the k-th month after disbursement (the month's last day when
it has no such day).

A daily rate (日利率, as 借呗/微粒贷 quote it) accrues by actual days: each installment's interest =
outstanding principal × daily rate × days since the previous due date (or disbursement); for
等额本息 the level payment uses the monthly rate daily × 30, and the last installment absorbs the
difference. This is the common lenders' convention [unverified]; a lender's own 还款计划 overrides it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from generator.dates import add_months
from generator.models import Installment, Loan, Method
from generator.money import quantize


def expected_schedule(loan: Loan) -> tuple[tuple[Installment, ...], bool]:
    """The schedule and whether it was computed (an estimate) rather than given."""
    if loan.schedule:
        return loan.schedule, False
    builders = {Method.EQUAL_INSTALLMENT: _equal_installment, Method.EQUAL_PRINCIPAL: _equal_principal,
                Method.INTEREST_FIRST: _interest_first, Method.BULLET: _bullet}
    return tuple(builders[loan.method](loan)), True


def _rows(loan: Loan, principals: list[Decimal], rate: Decimal) -> list[Installment]:
    out, outstanding, previous = [], loan.principal, loan.disbursed_on
    for k, principal in enumerate(principals, start=1):
        due = add_months(loan.disbursed_on, k, loan.due_day)
        interest = quantize(outstanding * _period_rate(loan, rate, previous, due))
        out.append(Installment(k, due, principal + interest, principal, interest))
        outstanding, previous = outstanding - principal, due
    return out


def monthly_rate(loan: Loan) -> Decimal:
    return loan.daily_rate * 30 if loan.daily_rate is not None else loan.annual_rate / 12


def _period_rate(loan: Loan, monthly: Decimal, start: date, end: date) -> Decimal:
    return loan.daily_rate * (end - start).days if loan.daily_rate is not None else monthly


def level_payment(principal: Decimal, rate: Decimal, n: int) -> Decimal:
    """P·r(1+r)^n / ((1+r)^n − 1), half-up to the cent; P/n when the rate is zero."""
    if rate == 0:
        return quantize(principal / n)
    growth = (1 + rate) ** n
    return quantize(principal * rate * growth / (growth - 1))


def _equal_installment(loan: Loan) -> list[Installment]:
    rate, n = monthly_rate(loan), loan.installments
    payment = level_payment(loan.principal, rate, n)
    principals, outstanding, previous = [], loan.principal, loan.disbursed_on
    for k in range(1, n):
        due = add_months(loan.disbursed_on, k, loan.due_day)
        principal = payment - quantize(outstanding * _period_rate(loan, rate, previous, due))
        principals.append(principal)
        outstanding, previous = outstanding - principal, due
    return _rows(loan, [*principals, outstanding], rate)


def _equal_principal(loan: Loan) -> list[Installment]:
    n = loan.installments
    part = quantize(loan.principal / n)
    return _rows(loan, [part] * (n - 1) + [loan.principal - part * (n - 1)], monthly_rate(loan))


def _interest_first(loan: Loan) -> list[Installment]:
    n = loan.installments
    return _rows(loan, [Decimal("0.00")] * (n - 1) + [loan.principal], monthly_rate(loan))


def _bullet(loan: Loan) -> list[Installment]:
    n = loan.installments
    due = add_months(loan.disbursed_on, n, loan.due_day)
    interest = quantize(loan.principal * _period_rate(loan, monthly_rate(loan) * n, loan.disbursed_on, due))
    return [Installment(1, due, loan.principal + interest, loan.principal, interest)]
