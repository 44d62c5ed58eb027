"""Month by month: does the evidence contradict, confirm, or fail to decide the reported code?

The code measures the current delinquency at the reporting point (DOMAIN.md 3.5): the days past
the oldest unpaid due date, banded 1 (1-30 days) … 7 (over 180). Lenders report at the due date
or at month end, so the evidence allows the band at either point. A payment after the due date
(+ grace) but inside the month may lawfully show as 1 or M; everything paid on time allows N (or
* when nothing fell due, C once settled). Only positive evidence decides: no payment found is not
proof of non-payment, and makes an adverse month `insufficient`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from generator.domain.values import severity
from generator.models import (ADVERSE_CODES, AmountAbove, CodeOutside, InstallmentResult, InstallmentStatus,
                              MissingDocument, MonthReason, MonthResult, MonthVerdict, MoreFavourable, NoPaymentFound,
                              PaymentsIncomplete, PlatformProof, ReliefStillShown, RepaymentRecord, ReportedMonth,
                              StatementCovering, Transaction, YearMonth)
from generator.money import amounts_equal
from generator.validate import relief

ADVERSE = ADVERSE_CODES
ZERO = Decimal("0.00")
NEAR_DAYS = 10  # an unexplained platform debit this close to a due date may be that installment


@dataclass(frozen=True)
class Evidence:
    """What the month evaluation knows besides the reported month."""

    results: Sequence[InstallmentResult]
    grace_days: int
    coverage: tuple[date, date] | None
    settled_on: date | None = None
    report_date: date | None = None
    unexplained: Sequence[Transaction] = field(default_factory=tuple)
    # The loan is shown settled, yet the payments found do not pay the schedule: some repayment is
    # missing from the documents, so the allocation cannot confirm any lateness.
    incomplete: bool = False


def month_end(month: YearMonth) -> date:
    return month.last_day


def band(days_past_due: int) -> str:
    """1: 1-30 days … 6: 151-180 days, 7: over 180."""
    return str(min(7, max(1, (days_past_due + 29) // 30)))


@dataclass(frozen=True)
class _Expectation:
    codes: tuple[str, ...]
    amounts: tuple[Decimal, ...]
    unknown: tuple[InstallmentResult, ...]  # overdue on the evidence only because no payment was found
    relevant: tuple[InstallmentResult, ...]
    cleared_on: date | None = None


def evaluate_month(reported: ReportedMonth, ev: Evidence) -> MonthResult:
    expectation = _expect(reported.month, ev)
    evidence = tuple(dict.fromkeys(tx for r in expectation.relevant for tx in r.payments))
    if not reported.adverse:
        reasons: tuple[MonthReason, ...] = () if reported.status in expectation.codes or expectation.unknown else (
            MoreFavourable(),)
        return _result(reported, expectation, MonthVerdict.CONSISTENT, reasons, evidence)
    if expectation.unknown:
        return _insufficient(reported, expectation, ev, evidence)
    if ev.incomplete and reported.status in expectation.codes:
        return _incomplete(reported, expectation, ev, evidence)
    if min(severity(c) for c in expectation.codes) > severity(reported.status):
        # the record is kinder than the evidence: a letter asking for what the evidence shows
        # would make it worse (a mistyped date once asked to turn a "1" into a "7")
        return _result(reported, expectation, MonthVerdict.CONSISTENT, (MoreFavourable(),), evidence)
    differences = _differences(reported, expectation)
    if differences:
        # a repayment missing from the documents could only have made the month better
        worst = any(r.undecided is not None for r in expectation.relevant)
        return _result(reported, expectation, MonthVerdict.CONTRADICTED, tuple(differences), evidence,
                       worst_case=worst)
    return _true_record(reported, expectation, ev, evidence)


def _expect(month: YearMonth, ev: Evidence) -> _Expectation:
    end = month_end(month)
    due = [r for r in ev.results if r.installment.due_date <= end]
    in_month = tuple(r for r in due if YearMonth.of(r.installment.due_date) == month)
    if ev.settled_on is not None and ev.settled_on <= end and not _open(due, end, ev.grace_days):
        codes = ("C", "N") if YearMonth.of(ev.settled_on) == month else ("C",)
        return _Expectation(codes, (ZERO,), (), in_month)
    overdue = _open(due, end, ev.grace_days)
    if overdue:
        return _overdue(month, end, overdue, in_month)
    late = tuple(r for r in in_month if r.status is InstallmentStatus.LATE)
    if late:
        owed = sum((r.installment.amount_due - r.paid_by(r.installment.due_date) for r in late), ZERO)
        return _Expectation(("1", "M", "N"), (owed, ZERO), (), in_month, max(r.paid_on for r in late if r.paid_on))
    return _Expectation(("N",) if in_month else ("*", "N"), (ZERO,), (), in_month)


def _open(due: Sequence[InstallmentResult], end: date, grace: int) -> list[InstallmentResult]:
    """Installments past due + grace and not fully paid at `end`."""
    return [r for r in due if r.installment.due_date + timedelta(days=grace) < end
            and (r.paid_on is None or r.paid_on > end)]


def _overdue(month: YearMonth, end: date, overdue: list[InstallmentResult],
             in_month: tuple[InstallmentResult, ...]) -> _Expectation:
    oldest = overdue[0].installment.due_date
    points = [end] + [r.installment.due_date for r in in_month if r.installment.due_date > oldest]
    codes = tuple(dict.fromkeys(band((p - oldest).days) for p in points))
    owed = sum((r.installment.amount_due - r.paid_by(end) for r in overdue), ZERO)
    unknown = tuple(r for r in overdue if r.paid_on is None)
    cleared = None if unknown else max(r.paid_on for r in overdue if r.paid_on)
    return _Expectation(codes, (owed,), unknown, tuple(dict.fromkeys((*overdue, *in_month))), cleared)


def _differences(reported: ReportedMonth, e: _Expectation) -> list[MonthReason]:
    reasons: list[MonthReason] = []
    if reported.status not in e.codes:
        reasons.append(CodeOutside(reported.status, e.codes))
    amount = reported.overdue_amount
    if amount is not None and not any(amounts_equal(amount, a) for a in e.amounts) and amount > max(e.amounts):
        reasons.append(AmountAbove(amount, max(e.amounts)))
    return reasons


def _true_record(reported: ReportedMonth, e: _Expectation, ev: Evidence,
                 evidence: tuple[Transaction, ...]) -> MonthResult:
    hidden_by = relief.hiding_date(reported, e.cleared_on)
    if hidden_by is not None and ev.report_date is not None and ev.report_date > hidden_by:
        reason = ReliefStillShown(hidden_by, ev.report_date)
        return _result(reported, e, MonthVerdict.CONTRADICTED, (reason,), evidence, hidden_by, ("N",))
    return _result(reported, e, MonthVerdict.CONSISTENT, (), evidence, hidden_by)


def _insufficient(reported: ReportedMonth, e: _Expectation, ev: Evidence,
                  evidence: tuple[Transaction, ...]) -> MonthResult:
    reasons: list[MonthReason] = []
    missing: list[MissingDocument] = []
    for r in e.unknown:
        inst = r.installment
        reasons.append(NoPaymentFound(inst.number, inst.due_date))
        near = _platform_debits(ev, r)
        if near:
            missing.append(_platform_proof(near[0]))
        elif ev.coverage is None or not ev.coverage[0] <= inst.due_date <= ev.coverage[1]:
            missing.append(StatementCovering(inst.due_date))
        else:
            missing.append(RepaymentRecord(inst.number))
    return _result(reported, e, MonthVerdict.INSUFFICIENT, tuple(reasons), evidence, missing=tuple(dict.fromkeys(missing)))


def _platform_debits(ev: Evidence, r: InstallmentResult) -> list[Transaction]:
    """Unexplained platform debits near this due date, large enough to be this installment."""
    due = r.installment.due_date
    return [tx for tx in ev.unexplained if abs((tx.date - due).days) <= NEAR_DAYS
            and -tx.amount * 2 >= r.installment.amount_due]


def _platform_proof(tx: Transaction) -> PlatformProof:
    return PlatformProof(tx.date, -tx.amount, tx.counterparty or tx.description)


def _incomplete(reported: ReportedMonth, e: _Expectation, ev: Evidence,
                evidence: tuple[Transaction, ...]) -> MonthResult:
    near = [tx for r in e.relevant for tx in _platform_debits(ev, r)]
    missing: list[MissingDocument] = [_platform_proof(tx) for tx in near]
    missing += [RepaymentRecord(r.installment.number) for r in e.relevant]
    return _result(reported, e, MonthVerdict.INSUFFICIENT, (PaymentsIncomplete(),), evidence,
                   missing=tuple(dict.fromkeys(missing)))


def _result(reported: ReportedMonth, e: _Expectation, verdict: MonthVerdict, reasons: tuple[MonthReason, ...],
            evidence: tuple[Transaction, ...], hidden_by: date | None = None, codes: tuple[str, ...] | None = None,
            missing: tuple[MissingDocument, ...] = (), worst_case: bool = False) -> MonthResult:
    shown = codes or e.codes
    amount = ZERO if codes else e.amounts[0]
    return MonthResult(reported.month, reported, shown, amount, verdict, reasons, evidence,
                       e.amounts, missing, hidden_by, worst_case)
