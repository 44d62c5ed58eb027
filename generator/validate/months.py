"""Month by month: does the evidence contradict, confirm, or fail to decide the reported code?

The codes the evidence allows for a month follow from the state of the installments at the
month's end: everything due was paid on time → N (or * when nothing fell due, C once settled);
paid late but cleared within the month → 1 or M is lawful; still unpaid → the count of overdue
periods. A missing payment is not evidence of non-payment: it makes the month `insufficient`.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from generator.models import (InstallmentResult, InstallmentStatus, MonthResult, MonthVerdict,
                              ReportedMonth, Transaction)

OVERDUE_CODES = frozenset("1234567BDGZ")


def month_end(key: str) -> date:
    year, month = map(int, key.split("-"))
    return date(year, month, calendar.monthrange(year, month)[1])


def evaluate_month(reported: ReportedMonth, results: Sequence[InstallmentResult],
                   coverage: tuple[date, date] | None) -> MonthResult:
    end = month_end(reported.month)
    due = [r for r in results if r.installment.due_date <= end]
    in_month = [r for r in due if r.installment.due_date.strftime("%Y-%m") == reported.month]
    evidence = tuple(tx for r in in_month for tx in r.payments) or tuple(tx for r in due[-1:] for tx in r.payments)
    unknown = [r for r in due if r.paid_on is None or r.paid_on > end]
    if unknown and not _covered(coverage, due):
        reason = "statements do not cover the due dates up to this month"
        return MonthResult(reported.month, reported, (), Decimal(0), MonthVerdict.INSUFFICIENT, (reason,), evidence)
    if unknown:
        return _unpaid(reported, unknown, evidence)
    late = [r for r in in_month if r.status is InstallmentStatus.LATE]
    if late:
        # Overdue on the due date, cleared within the month: an overdue code with the amount that
        # was due on that day is a true record.
        return _judge(reported, ("N", "1", "M"), sum((r.installment.amount_due for r in late), Decimal("0.00")), evidence)
    return _judge(reported, ("N",) if in_month else ("N", "*"), Decimal("0.00"), evidence)


def _covered(coverage: tuple[date, date] | None, due: Sequence[InstallmentResult]) -> bool:
    return coverage is not None and all(coverage[0] <= r.installment.due_date <= coverage[1] for r in due[-1:])


def _unpaid(reported: ReportedMonth, unknown: Sequence[InstallmentResult],
            evidence: tuple[Transaction, ...]) -> MonthResult:
    # No payment found is not proof of non-payment: the borrower may have paid from another account.
    owed = sum((r.installment.amount_due - r.paid_amount for r in unknown), Decimal("0.00"))
    reason = (f"no repayment found for installment {unknown[0].installment.number} "
              f"due {unknown[0].installment.due_date.isoformat()}")
    return MonthResult(reported.month, reported, (str(min(len(unknown), 7)),), owed,
                       MonthVerdict.INSUFFICIENT, (reason,), evidence)


def _judge(reported: ReportedMonth, expected: tuple[str, ...], owed: Decimal,
           evidence: tuple[Transaction, ...]) -> MonthResult:
    reasons: list[str] = []
    if reported.status not in expected:
        reasons.append(f"reported code {reported.status}, evidence allows {'/'.join(expected)}")
    if reported.overdue_amount is not None and reported.overdue_amount != owed and reported.status in OVERDUE_CODES:
        reasons.append(f"reported overdue amount {reported.overdue_amount}, evidence shows {owed}")
    verdict = MonthVerdict.CONTRADICTED if reasons else MonthVerdict.CONSISTENT
    return MonthResult(reported.month, reported, expected, owed, verdict, tuple(reasons), evidence)
