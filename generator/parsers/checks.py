"""Self-checks of a parsed statement against its own numbers.

The balance chain: previous balance + amount = balance, to the cent. Banks print same-day rows
in an order that is not always the booking order; a reordering within one day that makes the
chain hold is accepted and reported, never silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from itertools import groupby

from generator.models import Finding, Transaction

MAX_SEARCH = 10_000  # reorderings tried per day before giving up: bounded on pathological days


def balance_chain(rows: Sequence[Transaction]) -> tuple[str, list[Finding]]:
    if not rows or any(r.balance is None for r in rows):
        return "not_applicable", []
    findings: list[Finding] = []
    prev: Decimal | None = None
    computed: Decimal | None = None  # after a break: the balance the chain expected there
    failed = False
    for day, group_iter in groupby(rows, key=lambda r: r.date):
        group = list(group_iter)
        order = _chain_order(computed, group) if computed is not None else None
        order = order or _chain_order(prev, group)
        computed = None
        if order is None:
            failed = True
            findings.append(_break(prev, group))
            # One misprinted balance must not fail the next row too: try the expected one next.
            computed = None if prev is None else prev + sum((r.amount for r in group), Decimal(0))
            prev = group[-1].balance
            continue
        if [id(r) for r in order] != [id(r) for r in group]:
            rows_text = ", ".join(r.source.location() for r in group)
            findings.append(Finding("same_day_reordered",
                                    f"{day.isoformat()}: same-day rows reordered to close the balance chain ({rows_text})",
                                    tuple(r.source for r in group)))
        prev = order[-1].balance
    return ("failed" if failed else "ok"), findings


def _chain_order(prev: Decimal | None, group: list[Transaction]) -> list[Transaction] | None:
    if _holds(prev, group):
        return group
    budget = [MAX_SEARCH]

    def search(start: Decimal | None, left: list[Transaction]) -> list[Transaction] | None:
        if not left:
            return []
        for i, row in enumerate(left):
            budget[0] -= 1
            if budget[0] < 0:
                return None
            assert row.balance is not None
            if start is None or start + row.amount == row.balance:
                rest = search(row.balance, left[:i] + left[i + 1:])
                if rest is not None:
                    return [row, *rest]
        return None

    return search(prev, group)


def _holds(prev: Decimal | None, group: Sequence[Transaction]) -> bool:
    for row in group:
        assert row.balance is not None
        if prev is not None and prev + row.amount != row.balance:
            return False
        prev = row.balance
    return True


def _break(prev: Decimal | None, group: Sequence[Transaction]) -> Finding:
    for row in group:
        assert row.balance is not None
        if prev is not None and prev + row.amount != row.balance:
            expected = prev + row.amount
            return Finding("balance_chain_failed",
                           f"{row.source.location()}: balance {row.balance} but previous balance "
                           f"{prev} + amount {row.amount} = {expected}", (row.source,))
        prev = row.balance
    return Finding("balance_chain_failed", "balance chain does not close", tuple(r.source for r in group))
