"""Table-driven scenarios for the month-by-month verdicts (issue 5)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from builders import ANT, LOAN, account, case, grid, on_time_payments, report, settlement, statement, tx
from generator.models import DocumentKind, LoanVerdict, PlatformProof, ReliefStillShown, RepaymentRecord
from generator.validate import check_case

AS_OF = date(2026, 3, 1)
ALL_N = {f"2025-{m:02d}": ("N", "0.00") for m in range(2, 13)} | {"2026-01": ("C", "0.00")}


def _check(docs: list[object], *loans: object, as_of: date = AS_OF):  # type: ignore[no-untyped-def]
    return check_case(case(*loans), docs, as_of).loans  # type: ignore[arg-type]


def _month(result, key):  # type: ignore[no-untyped-def]
    return next(m for m in result.months if str(m.month) == key)


def test_paid_on_time_but_reported_1_is_contradicted() -> None:
    history = grid(ALL_N | {"2025-03": ("1", "1060.30")})
    [loan] = _check([statement(*on_time_payments()), report(account(history))])
    march = _month(loan, "2025-03")
    assert (march.verdict.value, march.expected[0]) == ("contradicted", "N")
    assert [tx.source.row for tx in march.evidence] == [2]
    assert loan.verdict is LoanVerdict.DISPUTE
    assert [i.status.value for i in loan.installments] == ["on_time"] * 12


def test_paid_on_the_due_date_is_on_time() -> None:
    history = grid(ALL_N | {"2025-03": ("1", "1060.30")})
    [loan] = _check([statement(*on_time_payments(early_days=0)), report(account(history))])
    assert all(i.status.value == "on_time" for i in loan.installments)
    assert _month(loan, "2025-03").verdict.value == "contradicted"


def test_truly_five_days_late_is_a_true_record() -> None:
    pays = on_time_payments()
    pays[1] = tx(date(2025, 3, 15), "-1060.30", row=2)
    history = grid(ALL_N | {"2025-03": ("1", "1060.30")})
    [loan] = _check([statement(*pays), report(account(history))])
    assert (loan.installments[1].status.value, loan.installments[1].days_late) == ("late", 5)
    march = _month(loan, "2025-03")
    assert march.verdict.value == "consistent" and "1" in march.expected
    assert loan.verdict is LoanVerdict.STATEMENT


def test_within_grace_days_is_on_time() -> None:
    pays = on_time_payments()
    pays[1] = tx(date(2025, 3, 12), "-1060.30", row=2)
    history = grid(ALL_N | {"2025-03": ("1", "1060.30")})
    [loan] = _check([statement(*pays), report(account(history))], replace(LOAN, grace_days=3))
    assert loan.installments[1].status.value == "on_time"
    assert _month(loan, "2025-03").verdict.value == "contradicted"


def test_partial_payment_short_by_100_yuan_is_a_true_overdue_of_100() -> None:
    pays = on_time_payments(amount_of={2: "960.30"}) + [tx(date(2025, 3, 25), "-100.00", row=50)]
    history = grid(ALL_N | {"2025-03": ("1", "100.00")})
    [loan] = _check([statement(*pays), report(account(history))])
    second = loan.installments[1]
    assert (second.status.value, second.paid_on, second.days_late) == ("late", date(2025, 3, 25), 15)
    march = _month(loan, "2025-03")
    assert march.verdict.value == "consistent"
    assert march.expected_overdue == 100


def test_partial_payment_never_made_up_on_a_settled_loan_cannot_decide() -> None:
    pays = on_time_payments(amount_of={2: "960.30"})
    history = grid(ALL_N | {"2025-03": ("1", "100.00")})
    [loan] = _check([statement(*pays), report(account(history))])
    assert _month(loan, "2025-03").verdict.value == "insufficient"


def test_paid_through_alipay_counts_once_with_both_rows_as_evidence() -> None:
    bank = statement(tx(date(2025, 3, 9), "-1060.30", "支付宝（中国）网络技术有限公司", row=7))
    alipay_rows = on_time_payments()
    alipay = statement(*[replace(t, counterparty="借呗", description="借呗还款") for t in alipay_rows],
                       file="alipay.pdf", kind=DocumentKind.PAYMENT_STATEMENT)
    history = grid(ALL_N | {"2025-03": ("1", "1060.30")})
    [loan] = _check([bank, alipay, report(account(history))])
    second = loan.installments[1]
    assert second.paid_amount == Decimal("1060.30")
    assert {t.source.file for t in second.payments} == {"alipay.pdf", "bank.pdf"}
    assert _month(loan, "2025-03").verdict.value == "contradicted"


def test_a_platform_debit_alone_is_not_proof() -> None:
    pays = on_time_payments()
    pays[1] = tx(date(2025, 3, 9), "-1060.30", "支付宝（中国）网络技术有限公司", row=2)
    history = grid(ALL_N | {"2025-03": ("1", "1060.30")})
    [loan] = _check([statement(*pays), report(account(history))])
    march = _month(loan, "2025-03")
    assert march.verdict.value == "insufficient"
    assert any(isinstance(m, PlatformProof) and m.on == date(2025, 3, 9) for m in march.missing)
    assert loan.verdict is LoanVerdict.INSUFFICIENT


def test_settled_early_but_still_overdue_is_disputed() -> None:
    pays = on_time_payments()[:5] + [tx(date(2025, 6, 20), "-7200.00", row=20)]
    history = grid({f"2025-{m:02d}": ("N", "0.00") for m in range(2, 7)} | {"2025-07": ("1", "1060.30")})
    acct = account(history, status="逾期", overdue="1060.30", as_of=date(2026, 2, 1))
    [loan] = _check([statement(*pays), settlement(date(2025, 6, 20)), report(acct)])
    assert loan.settled_on == date(2025, 6, 20)
    assert _month(loan, "2025-07").verdict.value == "contradicted"
    fields = {c.field for c in loan.account_checks if c.verdict.value == "contradicted"}
    assert {"status", "current_overdue_amount", "last_month"} <= fields
    assert loan.verdict is LoanVerdict.DISPUTE


def test_two_loans_sharing_one_statement_each_get_their_own_payments() -> None:
    small = replace(LOAN, principal=Decimal("6000.00"), contract_number="JB2")
    pays = on_time_payments() + [replace(t, source=replace(t.source, row=100 + t.source.row))
                                 for t in on_time_payments(small, early_days=2)]
    history = grid(ALL_N)
    first, second = _check([statement(*pays), report(account(history))], LOAN, small)
    assert all(i.status.value == "on_time" for i in first.installments)
    assert all(i.status.value == "on_time" for i in second.installments)
    assert all(t.source.row < 100 for i in first.installments for t in i.payments)
    assert all(t.source.row > 100 for i in second.installments for t in i.payments)


def test_relief_before_the_hiding_date_is_flagged_not_disputed() -> None:
    pays = on_time_payments()
    pays[8] = tx(date(2025, 10, 20), "-1060.30", row=9)  # 10 days late in October 2025
    history = grid(ALL_N | {"2025-10": ("1", "1060.30")})
    [loan] = _check([statement(*pays), report(account(history), time="2025-12-20 10:00:00")])
    october = _month(loan, "2025-10")
    assert october.verdict.value == "consistent"
    assert october.relief_hidden_by == date(2026, 1, 1)
    assert loan.verdict is LoanVerdict.STATEMENT


def test_relief_entry_still_shown_after_the_hiding_date_is_contradicted() -> None:
    pays = on_time_payments()
    pays[8] = tx(date(2025, 10, 20), "-1060.30", row=9)
    history = grid(ALL_N | {"2025-10": ("1", "1060.30")})
    [loan] = _check([statement(*pays), report(account(history), time="2026-02-15 09:30:12")])
    october = _month(loan, "2025-10")
    assert october.verdict.value == "contradicted"
    assert october.reasons[0] == ReliefStillShown(date(2026, 1, 1), date(2026, 2, 15))


def test_no_repayment_found_is_insufficient_and_names_the_document() -> None:
    pays = on_time_payments()
    del pays[1]
    history = grid(ALL_N | {"2025-03": ("1", "1060.30")})
    [loan] = _check([statement(*pays), report(account(history))])
    march = _month(loan, "2025-03")
    assert march.verdict.value == "insufficient"
    assert march.missing == (RepaymentRecord(2),)


def test_two_missed_months_count_up() -> None:
    pays = on_time_payments()
    pays[1] = tx(date(2025, 4, 20), "-2120.60", row=2)  # Feb... March and April paid together on 20 April
    del pays[2]
    history = grid(ALL_N | {"2025-03": ("1", "1060.30"), "2025-04": ("2", "2120.60")})
    [loan] = _check([statement(*pays), report(account(history))])
    assert _month(loan, "2025-03").verdict.value == "consistent"
    april = _month(loan, "2025-04")
    assert april.verdict.value == "contradicted"  # on 30 April both were paid: N, not 2
    assert ANT in loan.loan.lender


def test_a_neutral_alipay_repayment_row_counts_as_repayment() -> None:
    rows = [replace(t, amount=-t.amount, counterparty="借呗", description="借呗还款（不计收支）") for t in on_time_payments()]
    alipay = statement(*rows, file="alipay.pdf", kind=DocumentKind.PAYMENT_STATEMENT)
    [loan] = _check([alipay, report(account(grid(ALL_N | {"2025-03": ("1", "1060.30")})))])
    assert all(i.status.value == "on_time" for i in loan.installments)
    assert _month(loan, "2025-03").verdict.value == "contradicted"


def test_a_longer_reporting_lag_defers_the_stale_status_check() -> None:
    pays = on_time_payments()[:5] + [tx(date(2025, 6, 20), "-7200.00", row=20)]
    history = grid({f"2025-{m:02d}": ("N", "0.00") for m in range(2, 7)})
    acct = account(history, status="逾期", overdue="1060.30", as_of=date(2025, 8, 10))
    [strict] = _check([statement(*pays), settlement(date(2025, 6, 20)), report(acct)])
    [patient] = _check([statement(*pays), settlement(date(2025, 6, 20)), report(acct)],
                       replace(LOAN, reporting_lag_days=60))
    assert {c.field for c in strict.account_checks} >= {"status"}
    assert patient.account_checks == ()


# --------------------------------------------------------------------------- no readable account, no verdict


def _clean_grid() -> tuple[object, ...]:
    return grid({f"2025-{m:02d}": ("N", "0") for m in range(2, 13)})


def test_nothing_to_dispute_needs_the_loans_account_in_a_readable_detailed_report() -> None:
    loan = _check([statement(*on_time_payments()), report(account(_clean_grid()))])[0]  # type: ignore[arg-type]
    assert loan.verdict.value == "nothing_to_dispute"


@pytest.mark.parametrize(("docs", "missing"), [
    ([], "credit_report"),  # no report at all
    ([report(account(grid({"2025-03": ("1", "1060.30")}), institution="招联消费金融股份有限公司",
             amount="5000.00", opened_on=date(2024, 5, 1)))], "credit_report"),  # another lender's account only
    ([report()], "credit_report"),  # a report that shows no account of this loan
    ([replace(report(account(())), version="summary")], "detailed_credit_report"),  # a 简版: no month detail
])
def test_a_loan_with_no_readable_account_is_insufficient_and_names_the_report(docs: list[object], missing: str) -> None:
    loan = _check([statement(*on_time_payments()), *docs])[0]
    assert loan.verdict.value == "insufficient"
    assert missing in [d.kind.value for d in loan.missing]
