"""Repayments found in statements, allocated to installments.

A repayment is money leaving an account towards one of the loan's `payee_names` (matched on
the counterparty or the description, compared after NFKC so full-width brackets agree). Each
payment pays the oldest installment still open; a surplus carries forward to the next one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from generator.models import Installment, InstallmentResult, InstallmentStatus, Loan, Statement, Transaction
from generator.money import AMOUNT_TOLERANCE


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace(" ", "")


def pays_loan(tx: Transaction, loan: Loan) -> bool:
    if tx.amount >= 0:
        return False
    haystack = _norm(tx.counterparty) + "|" + _norm(tx.description)
    return any(_norm(name) in haystack for name in loan.payee_names)


def repayments(loan: Loan, statements: Iterable[Statement]) -> list[Transaction]:
    found = [tx for st in statements for tx in st.transactions
             if pays_loan(tx, loan) and tx.date >= loan.disbursed_on]
    return sorted(found, key=lambda tx: (tx.date, tx.time or ""))


@dataclass
class _Open:
    installment: Installment
    paid: Decimal = Decimal("0.00")
    paid_on: date | None = None
    payments: list[Transaction] = field(default_factory=list)

    @property
    def remaining(self) -> Decimal:
        return self.installment.amount_due - self.paid


def allocate(schedule: Sequence[Installment], payments: Sequence[Transaction], *, grace_days: int,
             as_of: date) -> list[InstallmentResult]:
    slots = [_Open(inst) for inst in schedule]
    for tx in payments:
        left = -tx.amount
        for slot in slots:
            if left <= 0:
                break
            if slot.remaining <= AMOUNT_TOLERANCE:
                continue
            share = min(left, slot.remaining)
            slot.paid += share
            slot.payments.append(tx)
            left -= share
            if slot.remaining <= AMOUNT_TOLERANCE:
                slot.paid_on = tx.date
    return [_result(slot, grace_days, as_of) for slot in slots]


def _result(slot: _Open, grace_days: int, as_of: date) -> InstallmentResult:
    inst = slot.installment
    if slot.paid_on is None:
        status = InstallmentStatus.NOT_DUE if inst.due_date > as_of else InstallmentStatus.UNPAID
        days_late = None if status is InstallmentStatus.NOT_DUE else (as_of - inst.due_date).days
        return InstallmentResult(inst, status, slot.paid, None, days_late, tuple(slot.payments))
    deadline = inst.due_date + timedelta(days=grace_days)
    if slot.paid_on <= deadline:
        return InstallmentResult(inst, InstallmentStatus.ON_TIME, slot.paid, slot.paid_on, 0, tuple(slot.payments))
    return InstallmentResult(inst, InstallmentStatus.LATE, slot.paid, slot.paid_on,
                             (slot.paid_on - inst.due_date).days, tuple(slot.payments))
