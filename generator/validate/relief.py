"""The PBOC one-time credit relief (notice of 2025-12-22; DOMAIN.md 1.9).

An overdue entry that arose 2020-01-01..2025-12-31, of at most 10,000 yuan, repaid in full by
2026-03-31, is no longer shown: from 2026-01-01 if repaid by 2025-11-30, otherwise by the end of
the month after repayment. The dates and the cap are [secondary] facts: kept here as settings
(the letters quote them from `POLICY`, never from their own text), and never stated as law.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from generator.models import ReportedMonth, YearMonth


@dataclass(frozen=True)
class ReliefPolicy:
    arisen_from: date = date(2020, 1, 1)
    arisen_to: date = date(2025, 12, 31)
    amount_cap: Decimal = Decimal("10000.00")  # 单笔逾期金额, inclusive
    repaid_by: date = date(2026, 3, 31)
    early_repaid_by: date = date(2025, 11, 30)
    early_hidden_from: date = date(2026, 1, 1)

    def __post_init__(self) -> None:
        if not self.arisen_from <= self.arisen_to:
            raise ValueError(f"arisen_from {self.arisen_from} is after arisen_to {self.arisen_to}")
        if not self.early_repaid_by < self.early_hidden_from:
            raise ValueError(f"early_hidden_from {self.early_hidden_from} must follow early_repaid_by "
                             f"{self.early_repaid_by}")
        if not self.early_repaid_by <= self.repaid_by:
            raise ValueError(f"early_repaid_by {self.early_repaid_by} is after repaid_by {self.repaid_by}")
        if self.amount_cap <= 0:
            raise ValueError(f"amount_cap {self.amount_cap} must be positive")


POLICY = ReliefPolicy()


def hiding_date(month: ReportedMonth, cleared_on: date | None, policy: ReliefPolicy = POLICY) -> date | None:
    """The day an eligible entry should be hidden by, or None when it is not eligible."""
    if not policy.arisen_from <= month.month.first_day <= policy.arisen_to:
        return None
    if cleared_on is None or cleared_on > policy.repaid_by:
        return None
    if month.overdue_amount is not None and month.overdue_amount > policy.amount_cap:
        return None
    if cleared_on <= policy.early_repaid_by:
        return policy.early_hidden_from
    return YearMonth.of(cleared_on).following().last_day
