"""Issue 12: values cross stages typed. An account check carries amounts as Decimal, dates as
dates and a grid month's code as a GridCode; `check --json` prints them as it always has
(``1060.30``, ``2026-01-09``, ``2025-07:1``) and adds them as data beside; a letter words each in
its own form instead of showing the joined text."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from builders import account, case, grid, on_time_payments, report, settlement, statement, tx
from generator.models import AccountField, AccountReason, GridCode, LoanResult, YearMonth
from generator.render.context import _field_item, _month_item
from generator.render.env import render_string
from generator.serialize import account_check_json
from generator.validate import check_case

SETTLED = date(2025, 6, 20)


def _stale_account() -> LoanResult:
    """Settled on 2025-06-20, yet the report (as of 2026-02-01) shows the account open, overdue, with
    a balance, closed on another day and a last grid month that is not C."""
    pays = on_time_payments()[:5] + [tx(SETTLED, "-7200.00", row=20)]
    history = grid({f"2025-{m:02d}": ("N", "0.00") for m in range(2, 7)} | {"2025-07": ("1", "1060.30")})
    acct = account(history, status="逾期", overdue="1060.30", balance="500.5", closed_on=date(2026, 1, 9),
                   as_of=date(2026, 2, 1))
    docs = [statement(*pays), settlement(SETTLED), report(acct)]
    return check_case(case(), docs, date(2026, 3, 1)).loans[0]  # type: ignore[arg-type]


def test_account_checks_carry_typed_values() -> None:
    checks = {c.field: (c.reported, c.expected, c.reason) for c in _stale_account().account_checks}
    assert checks == {
        AccountField.STATUS: ("逾期", "结清", AccountReason.OPEN_AFTER_SETTLEMENT),
        AccountField.CURRENT_OVERDUE_AMOUNT: (Decimal("1060.30"), Decimal("0.00"), AccountReason.OVERDUE_AFTER_SETTLEMENT),
        AccountField.BALANCE: (Decimal("500.5"), Decimal("0.00"), AccountReason.BALANCE_AFTER_SETTLEMENT),
        AccountField.LAST_MONTH: (GridCode(YearMonth(2025, 7), "1"), GridCode(YearMonth(2025, 7), "C"),
                                  AccountReason.NOT_CLOSED_IN_GRID),
        AccountField.CLOSED_ON: (date(2026, 1, 9), SETTLED, AccountReason.CLOSED_ON_DIFFERS),
    }


def test_json_keeps_todays_text_and_adds_the_values() -> None:
    got = {j["field"]: j for j in (account_check_json(c) for c in _stale_account().account_checks)}
    today = {f: (j["reported"], j["expected"], j["reason"]) for f, j in got.items()}
    assert today == {
        "status": ("逾期", "结清", "open_after_settlement"),
        "current_overdue_amount": ("1060.30", "0.00", "overdue_after_settlement"),
        "balance": ("500.50", "0.00", "balance_after_settlement"),
        "last_month": ("2025-07:1", "2025-07:C", "not_closed_in_grid"),
        "closed_on": ("2026-01-09", "2025-06-20", "closed_on_differs"),
    }
    assert got["last_month"]["reported_value"] == {"month": "2025-07", "status": "1"}
    assert got["balance"]["reported_value"] == "500.50"
    assert got["closed_on"]["expected_value"] == "2025-06-20"
    assert got["status"]["reported_value"] == "逾期"


class _Cite:
    """Stands in for the letter's citer: these tests read the wording, not the citation."""

    def report(self, page: int | None) -> None:
        return None

    def month(self, m: object) -> None:
        return None


def _shown(item: object) -> str:
    return render_string('{% import "letters/_macros.html.j2" as m %}{{ m.shown(d) }}，应为{{ m.should_be(d) }}', d=item)


def test_letters_word_each_field_in_its_own_form() -> None:
    lr = _stale_account()
    words = {c.field: _shown(_field_item(c, _Cite())) for c in lr.account_checks}  # type: ignore[arg-type]
    assert words[AccountField.LAST_MONTH] == "最近一个月的还款状态（2025年07月）为“1”，应为“C”"
    assert words[AccountField.CLOSED_ON] == "账户关闭日期为2026年01月09日，应为2025年06月20日"
    assert words[AccountField.BALANCE] == "余额为500.50元，应为0.00元"
    assert words[AccountField.STATUS] == "账户状态为“逾期”，应为“结清”"
    july = next(m for m in lr.months if m.month == YearMonth(2025, 7))
    assert _shown(_month_item(july, _Cite())) == (  # type: ignore[arg-type]
        "2025年07月还款状态为“1”、逾期（透支）总额1,060.30元，应为“C”、逾期（透支）总额0.00元")
