"""Installments that fell due after an early settlement (提前结清) were repaid by it, with no payment
of their own: they are marked by_settlement, and neither the screen nor the bundle's 还款核对表 shows
them as a 0.00 payment made on time."""

from __future__ import annotations

from datetime import date

from builders import LOAN, account, case, grid, on_time_payments, report, settlement, statement
from generator.summary import BY_SETTLEMENT, installment_row
from generator.validate import check_case

AS_OF = date(2026, 3, 1)
HISTORY = {f"2025-{m:02d}": ("N", "0.00") for m in range(2, 8)} | {"2025-08": ("C", "0.00")}


def _loan():  # type: ignore[no-untyped-def]
    pays = on_time_payments()[:6]  # installments 1-6; then the rest repaid with the settlement
    docs = [statement(*pays), report(account(grid(HISTORY))), settlement(date(2025, 7, 20), LOAN.contract_number or "JB1")]
    [loan] = check_case(case(), docs, AS_OF).loans  # type: ignore[arg-type]
    return loan


def test_installments_after_an_early_settlement_are_marked_repaid_by_it() -> None:
    loan = _loan()
    assert [r.by_settlement for r in loan.installments] == [False] * 6 + [True] * 6
    assert all(r.paid_on == date(2025, 7, 20) for r in loan.installments[6:])


def test_the_screen_shows_no_amount_paid_for_them() -> None:
    row = installment_row(_loan().installments[8])
    assert row[3] == "-" and row[5] == BY_SETTLEMENT and "0.00" not in row[3]


def test_the_bundle_table_labels_them_so() -> None:
    from types import SimpleNamespace

    from generator.render.env import environment

    labels = environment().get_template("bundle/_labels.html.j2").module
    row = SimpleNamespace(undecided=None, by_settlement=True, status="on_time", days_late=0)
    assert str(labels.status(row)) == "随提前结清还清"  # type: ignore[attr-defined]
