"""The expected schedule of a loan, computed in Decimal.

Rounding rule (SPEC.md): monthly rate r = annual_rate / 12; amounts round half-up to the cent;
each month's interest = outstanding principal × r; the last installment repays the remaining
principal with its interest, so it absorbs every rounding difference.
Due date k = the loan's due day in the k-th month after disbursement (the month's last day when
it has no such day).
"""

from __future__ import annotations

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
    out, outstanding = [], loan.principal
    for k, principal in enumerate(principals, start=1):
        interest = quantize(outstanding * rate)
        out.append(Installment(k, add_months(loan.disbursed_on, k, loan.due_day),
                               principal + interest, principal, interest))
        outstanding -= principal
    return out


def level_payment(principal: Decimal, rate: Decimal, n: int) -> Decimal:
    """P·r(1+r)^n / ((1+r)^n − 1), half-up to the cent; P/n when the rate is zero."""
    if rate == 0:
        return quantize(principal / n)
    growth = (1 + rate) ** n
    return quantize(principal * rate * growth / (growth - 1))


def _equal_installment(loan: Loan) -> list[Installment]:
    rate, n = loan.annual_rate / 12, loan.installments
    payment = level_payment(loan.principal, rate, n)
    principals, outstanding = [], loan.principal
    for _ in range(n - 1):
        principal = payment - quantize(outstanding * rate)
        principals.append(principal)
        outstanding -= principal
    return _rows(loan, [*principals, outstanding], rate)


def _equal_principal(loan: Loan) -> list[Installment]:
    n = loan.installments
    part = quantize(loan.principal / n)
    return _rows(loan, [part] * (n - 1) + [loan.principal - part * (n - 1)], loan.annual_rate / 12)


def _interest_first(loan: Loan) -> list[Installment]:
    n = loan.installments
    return _rows(loan, [Decimal("0.00")] * (n - 1) + [loan.principal], loan.annual_rate / 12)


def _bullet(loan: Loan) -> list[Installment]:
    n = loan.installments
    interest = quantize(loan.principal * loan.annual_rate / 12 * n)
    due = add_months(loan.disbursed_on, n, loan.due_day)
    return [Installment(1, due, loan.principal + interest, loan.principal, interest)]
