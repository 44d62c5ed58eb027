"""Issue 12: the one-time relief's dates and cap are settings (validate/relief.py), and the letter
quotes them from there instead of repeating them as its own text."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from builders import account, case, grid, on_time_payments, report, statement, tx
from generator.models import MonthVerdict, ReportedMonth, YearMonth
from generator.render.context import _month_item
from generator.render.env import render_string
from generator.validate import check_case
from generator.validate.relief import POLICY, ReliefPolicy, hiding_date

ALL_N = {f"2025-{m:02d}": ("N", "0.00") for m in range(2, 13)}


def test_a_policy_out_of_order_is_refused_naming_both_values() -> None:
    with pytest.raises(ValueError, match="arisen_from 2026-01-01 is after arisen_to 2025-12-31"):
        ReliefPolicy(arisen_from=date(2026, 1, 1))


def test_the_hiding_date_follows_the_policy_given() -> None:
    month = ReportedMonth(YearMonth(2025, 10), "1", Decimal("1060.30"))
    assert hiding_date(month, date(2025, 10, 20)) == date(2026, 1, 1)
    assert hiding_date(month, date(2025, 12, 5)) == date(2026, 1, 31)
    assert hiding_date(month, date(2025, 10, 20), replace(POLICY, amount_cap=Decimal("1000.00"))) is None


class _Cite:
    def month(self, m: object) -> SimpleNamespace:
        return SimpleNamespace(exhibit=1, page=3, on_page=None, installment_no=None, bundle_page=None)


def _relief_letter(policy: ReliefPolicy) -> str:
    pays = on_time_payments()
    pays[8] = tx(date(2025, 10, 20), "-1060.30", row=9)  # 10 days late in October 2025
    docs = [statement(*pays), report(account(grid(ALL_N | {"2025-10": ("1", "1060.30")})), time="2026-02-15 09:30:12")]
    lr = check_case(case(), docs, date(2026, 3, 1)).loans[0]  # type: ignore[arg-type]
    october = next(m for m in lr.months if m.month == YearMonth(2025, 10))
    assert october.verdict is MonthVerdict.CONTRADICTED
    ctx = SimpleNamespace(disputed=(_month_item(october, _Cite()),), relief=policy)  # type: ignore[arg-type]
    return render_string('{% import "letters/_macros.html.j2" as m %}{{ m.disputed_items(ctx) }}', ctx=ctx)


def test_the_letter_quotes_the_policy_settings() -> None:
    text = _relief_letter(POLICY)
    assert "该条逾期信息发生于2020年01月01日至2025年12月31日之间、单笔金额不超过10,000.00元，且已足额偿还" in text
    assert "应于2026年01月01日前不再展示" in text
    changed = _relief_letter(replace(POLICY, arisen_from=date(2021, 1, 1), amount_cap=Decimal("20000.00")))
    assert "发生于2021年01月01日至2025年12月31日之间、单笔金额不超过20,000.00元" in changed
