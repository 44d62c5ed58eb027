"""The PBOC one-time credit relief (notice of 2025-12-22; DOMAIN.md 1.9).

An overdue entry that arose 2020-01-01..2025-12-31, of at most 10,000 yuan, repaid in full by
2026-03-31, is no longer shown: from 2026-01-01 if repaid by 2025-11-30, otherwise by the end of
the month after repayment. The dates and the cap are [secondary] facts: kept here as settings,
and never stated in a letter as law.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from generator.models import ReportedMonth, YearMonth

ARISEN_FROM = date(2020, 1, 1)
ARISEN_TO = date(2025, 12, 31)
AMOUNT_CAP = Decimal("10000.00")
REPAID_BY = date(2026, 3, 31)
EARLY_REPAID_BY = date(2025, 11, 30)
EARLY_HIDDEN_FROM = date(2026, 1, 1)


def hiding_date(month: ReportedMonth, cleared_on: date | None) -> date | None:
    """The day an eligible entry should be hidden by, or None when it is not eligible."""
    if not ARISEN_FROM <= month.month.first_day <= ARISEN_TO or cleared_on is None or cleared_on > REPAID_BY:
        return None
    if month.overdue_amount is not None and month.overdue_amount > AMOUNT_CAP:
        return None
    if cleared_on <= EARLY_REPAID_BY:
        return EARLY_HIDDEN_FROM
    return YearMonth.of(cleared_on).following().last_day
