"""Which report account, settlement certificate and schedule belong to which loan.

Lenders are compared through the lender table so that branch suffixes and brands agree; which
loan takes which document is generator.validate.assign's.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from generator.documents import CreditReport, RepaymentSchedule
from generator.models import DocumentKind, Statement, Transaction


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "")


def same_lender(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    try:
        from generator.lenders import same_lender as table_same
    except ImportError:  # pragma: no cover - the lender table ships with the package
        return _norm(a) == _norm(b)
    return bool(table_same(a, b))


def lender_statement(schedule: RepaymentSchedule) -> Statement:
    """The lender's own 还款记录 as a source of payments: each paid row is a repayment to the lender."""
    rows = []
    for r in schedule.installments:
        if r.paid_amount and r.paid_at:
            day = date.fromisoformat(r.paid_at[:10])
            time = r.paid_at[11:19] or None
            # the row's printed status (已还) is its description: the SourceRef says which 期 it is
            rows.append(Transaction(day, time, -r.paid_amount, None, schedule.lender or "", "", r.status or "",
                                    r.source))
    return Statement(schedule.file, schedule.sha256, DocumentKind.REPAYMENT_SCHEDULE, "lender", None,
                     schedule.contract_number, "CNY", tuple(rows), {"balance_chain": "not_applicable"})


def report_date(report: CreditReport | None, declared: str | None) -> date | None:
    text = (report.report_time if report and report.report_time else None) or declared
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10].replace(".", "-").replace("/", "-"))
    except ValueError:
        return None
