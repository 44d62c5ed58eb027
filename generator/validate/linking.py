"""Which report account, settlement certificate and schedule belong to which loan.

A loan is tied to a report account by its lender (the 管理机构, compared through the lender table
so that branch suffixes and brands agree) and then by 账户标识, opening date and amount.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date

from generator.documents import CreditAccount, CreditReport, RepaymentSchedule, SettlementCertificate
from generator.models import DocumentKind, Loan, Statement, Transaction


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


def match_account(loan: Loan, reports: Sequence[CreditReport]) -> tuple[CreditReport, CreditAccount] | None:
    """The best report account for the loan (newest report first)."""
    candidates = [(r, a) for r in sorted(reports, key=lambda r: r.report_time or "", reverse=True)
                  for a in r.accounts if same_lender(a.institution, loan.lender)]
    if loan.account_id:
        candidates = [(r, a) for r, a in candidates if a.account_id == loan.account_id] or candidates
    if not candidates:
        return None
    return max(candidates, key=lambda ra: (ra[1].opened_on == loan.disbursed_on,
                                           ra[1].loan_amount == loan.principal, ra[0].report_time or ""))


def match_settlement(loan: Loan, certificates: Sequence[SettlementCertificate]) -> SettlementCertificate | None:
    for cert in certificates:
        s = cert.settlement
        if loan.contract_number and s.contract_number and s.contract_number == loan.contract_number:
            return cert
    same = [c for c in certificates if same_lender(c.settlement.lender, loan.lender)
            and (c.settlement.principal is None or c.settlement.principal == loan.principal)]
    return same[0] if len(same) == 1 else None


def match_schedule(loan: Loan, schedules: Sequence[RepaymentSchedule]) -> RepaymentSchedule | None:
    for sched in schedules:
        if loan.contract_number and sched.contract_number == loan.contract_number:
            return sched
    same = [s for s in schedules if same_lender(s.lender, loan.lender)]
    return same[0] if len(same) == 1 else None


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
