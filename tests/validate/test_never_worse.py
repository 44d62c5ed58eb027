"""No letter ever asks the bureau for a code worse than the one reported: where the evidence
shows the month worse than the record (the record is kinder), the month is consistent with the
reason more_favourable, never contradicted (a mistyped date once asked to turn a "1" into a "7")."""

from __future__ import annotations

from datetime import date

from builders import account, case, grid, on_time_payments, report, statement, tx
from generator.domain.values import severity
from generator.models import LoanVerdict, MonthVerdict
from generator.validate import check_case

AS_OF = date(2026, 3, 1)
ALL_N = {f"2025-{m:02d}": ("N", "0.00") for m in range(2, 13)} | {"2026-01": ("C", "0.00")}


def test_a_record_kinder_than_the_evidence_is_never_disputed() -> None:
    pays = on_time_payments()
    # installments 2-4 (due 03-10, 04-10, 05-10) paid together on 05-20: at the end of April the
    # oldest unpaid one is 51 days past due, a "2"
    pays[1:4] = [tx(date(2025, 5, 20), "-3180.90", row=2)]
    history = grid(ALL_N | {"2025-03": ("1", "1060.30"), "2025-04": ("1", "1060.30")})
    [loan] = check_case(case(), [statement(*pays), report(account(history))], AS_OF).loans  # type: ignore[arg-type]
    april = next(m for m in loan.months if str(m.month) == "2025-04")
    assert "2" in april.expected and "1" not in april.expected  # the evidence says 31-60 days
    assert april.verdict is MonthVerdict.CONSISTENT
    assert [r.code.value for r in april.reasons] == ["more_favourable"]
    assert loan.verdict is not LoanVerdict.DISPUTE


def test_no_contradicted_month_asks_for_a_worse_code() -> None:
    for delay in (5, 35, 65, 100, 200):
        pays = on_time_payments()
        pays[1] = tx(date(2025, 3, 10).fromordinal(date(2025, 3, 10).toordinal() + delay), "-1060.30", row=2)
        for code in "1234567":
            history = grid(ALL_N | {"2025-03": (code, "1060.30"), "2025-05": (code, "1060.30")})
            [loan] = check_case(case(), [statement(*pays), report(account(history))], AS_OF).loans  # type: ignore[arg-type]
            for m in loan.months:
                if m.verdict is MonthVerdict.CONTRADICTED:
                    assert min(severity(c) for c in m.expected) < severity(m.reported.status), (delay, code, m)


def test_severity_orders_the_codes() -> None:
    assert [severity(c) for c in "N*CM1234567BDGZ"] == [0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 8, 8]
