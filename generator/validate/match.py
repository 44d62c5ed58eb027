"""Payments allocated to installments, oldest open installment first.

A payment pays what is open on the oldest installment, then the next: split payments complete an
installment on the day the last part arrives, an overpayment carries forward, a partial payment
leaves the installment open. An installment is on time when it is fully paid by its due date plus
the contract's grace days.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

from generator.models import (Installment, InstallmentResult, InstallmentStatus, Timing, Transaction, Undecided,
                              UndecidedReason)
from generator.money import AMOUNT_TOLERANCE
from generator.validate.payments import Payment


@dataclass
class _Open:
    installment: Installment
    paid: Decimal = Decimal("0.00")
    paid_on: date | None = None
    sources: list[Transaction] = field(default_factory=list)
    allocations: list[tuple[date, Decimal]] = field(default_factory=list)

    @property
    def remaining(self) -> Decimal:
        return self.installment.amount_due - self.paid


def allocate(schedule: Sequence[Installment], payments: Sequence[Payment], *, grace_days: int,
             as_of: date) -> list[InstallmentResult]:
    # An installment with nothing due (interest-free interest-only months) is settled on its due date.
    slots = [_Open(inst, paid_on=inst.due_date if inst.amount_due <= 0 else None) for inst in schedule]
    for payment in sorted(payments, key=lambda p: (p.paid_on, p.time or "")):
        left = payment.amount
        for slot in slots:
            if left <= 0:
                break
            if slot.remaining <= AMOUNT_TOLERANCE:
                continue
            share = min(left, slot.remaining)
            slot.paid += share
            slot.sources.extend(payment.sources)
            slot.allocations.append((payment.paid_on, share))
            left -= share
            if slot.remaining <= AMOUNT_TOLERANCE:
                slot.paid_on = payment.paid_on
    return [_result(slot, grace_days, as_of) for slot in slots]


def _result(slot: _Open, grace_days: int, as_of: date) -> InstallmentResult:
    inst = slot.installment
    sources, allocations = tuple(dict.fromkeys(slot.sources)), tuple(slot.allocations)
    if slot.paid_on is None:
        if inst.due_date > as_of:
            return InstallmentResult(inst, InstallmentStatus.NOT_DUE, slot.paid, None, None, sources, allocations)
        return InstallmentResult(inst, InstallmentStatus.UNPAID, slot.paid, None, (as_of - inst.due_date).days,
                                 sources, allocations)
    if payment_timing(slot.paid_on, inst, grace_days) is not Timing.LATE:
        return InstallmentResult(inst, InstallmentStatus.ON_TIME, slot.paid, slot.paid_on, 0, sources, allocations)
    return InstallmentResult(inst, InstallmentStatus.LATE, slot.paid, slot.paid_on,
                             (slot.paid_on - inst.due_date).days, sources, allocations)


def payment_timing(day: date, installment: Installment, grace_days: int) -> Timing:
    """A payment made on `day` is on time up to the due date plus the contract's grace days."""
    due = installment.due_date
    if day < due:
        return Timing.EARLY
    if day == due:
        return Timing.ON_DUE_DATE
    return Timing.IN_GRACE if day <= due + timedelta(days=grace_days) else Timing.LATE


def undecided_after_gap(results: Sequence[InstallmentResult], settled_on: date | None) -> list[InstallmentResult]:
    """Statuses that a missing repayment would change. Up to the first installment not paid in full
    by its due date every allocation order gives the same statuses; from there on, oldest-first is
    one guess among several (the missing payment may have paid the gap, and a later payment its own
    installment on time), so the gap and every later installment that fell due is undecided.
    Installments due after a settlement are paid off by it, not by the allocation."""
    gap = next((r for r in results if r.status in (InstallmentStatus.LATE, InstallmentStatus.UNPAID)), None)
    if gap is None:
        return list(results)
    undecided = Undecided(UndecidedReason.PAYMENT_MISSING, gap.installment.number)
    out = []
    for r in results:
        due = r.installment.due_date
        if (due >= gap.installment.due_date and r.status is not InstallmentStatus.NOT_DUE
                and (settled_on is None or due <= settled_on)):
            r = replace(r, undecided=undecided)
        out.append(r)
    return out
