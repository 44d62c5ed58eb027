"""Account-level checks: what the report says of the account as a whole, after settlement.

Lenders report on events; a settlement should be followed by a closing report (报送时点 20
账户关闭). We allow one reporting cycle before a stale status counts as an error: the lag is a
setting [unverified: no official number exists; DOMAIN.md 6.2.3].
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from generator.documents import CreditAccount
from generator.models import (AccountCheck, AccountField, AccountReason, AccountValue, GridCode, MonthVerdict,
                              SourceRef, YearMonth)

REPORTING_LAG_DAYS = 45
CLOSED_STATUSES = frozenset({"结清", "销户", "正常销户"})
CLOSE_DATE_SLACK_DAYS = 3
ZERO = Decimal("0.00")


def check_account(account: CreditAccount, settled_on: date | None, settled_by: SourceRef | None,
                  report_date: date | None, lag_days: int = REPORTING_LAG_DAYS) -> list[AccountCheck]:
    if settled_on is None:
        return []
    as_of = account.as_of or report_date
    evidence = (settled_by,) if settled_by else ()
    if as_of is None or as_of < settled_on + timedelta(days=lag_days):
        return []  # still inside one reporting cycle after settlement
    checks = [c for c in (_status(account, evidence), _overdue(account, evidence), _balance(account, evidence),
                          _last_month(account, settled_on, evidence)) if c is not None]
    closed = _closed_on(account, settled_on, evidence)
    return checks + ([closed] if closed else [])


def _bad(field: AccountField, reported: AccountValue, expected: AccountValue, reason: AccountReason,
         evidence: tuple[SourceRef, ...]) -> AccountCheck:
    return AccountCheck(field, reported, expected, MonthVerdict.CONTRADICTED, reason, evidence)


def _status(a: CreditAccount, ev: tuple[SourceRef, ...]) -> AccountCheck | None:
    if a.status is None or a.status in CLOSED_STATUSES:
        return None
    return _bad(AccountField.STATUS, a.status, "结清", AccountReason.OPEN_AFTER_SETTLEMENT, ev)


def _overdue(a: CreditAccount, ev: tuple[SourceRef, ...]) -> AccountCheck | None:
    if a.current_overdue_amount is None or a.current_overdue_amount <= 0:
        return None
    return _bad(AccountField.CURRENT_OVERDUE_AMOUNT, a.current_overdue_amount, ZERO,
                AccountReason.OVERDUE_AFTER_SETTLEMENT, ev)


def _balance(a: CreditAccount, ev: tuple[SourceRef, ...]) -> AccountCheck | None:
    if a.balance is None or a.balance <= ZERO:
        return None
    return _bad(AccountField.BALANCE, a.balance, ZERO, AccountReason.BALANCE_AFTER_SETTLEMENT, ev)


def _last_month(a: CreditAccount, settled_on: date, ev: tuple[SourceRef, ...]) -> AccountCheck | None:
    if not a.history or a.history[-1].year_month < YearMonth.of(settled_on):
        return None
    last = a.history[-1]
    if last.status == "C":
        return None
    return _bad(AccountField.LAST_MONTH, GridCode(last.year_month, last.status), GridCode(last.year_month, "C"),
                AccountReason.NOT_CLOSED_IN_GRID, ev)


def _closed_on(a: CreditAccount, settled_on: date, ev: tuple[SourceRef, ...]) -> AccountCheck | None:
    if a.closed_on is None or abs((a.closed_on - settled_on).days) <= CLOSE_DATE_SLACK_DAYS:
        return None
    return _bad(AccountField.CLOSED_ON, a.closed_on, settled_on, AccountReason.CLOSED_ON_DIFFERS, ev)
