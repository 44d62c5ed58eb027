"""Reconcile a case: schedules, repayments, installment status, month verdicts, loan verdict."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from generator.documents import CreditAccount, CreditReport, Document, RepaymentSchedule, SettlementCertificate
from generator.models import (AccountCheck, Case, CaseResult, CreditReportNeeded, DetailedReportNeeded, Finding,
                              Installment, InstallmentResult, InstallmentStatus, Loan, LoanResult, LoanVerdict,
                              MissingDocument, MonthResult, MonthVerdict, ReportedMonth, SourceRef, Statement,
                              StatementNeeded, Transaction)
from generator.validate.account import CLOSED_STATUSES, check_account
from generator.validate.assign import match_accounts, match_schedules, match_settlements
from generator.validate.linking import lender_statement, report_date
from generator.validate.match import allocate, undecided_after_gap
from generator.validate.months import Evidence, evaluate_month
from generator.validate.payments import Payment, collect, official_records
from generator.validate.schedule import expected_schedule


@dataclass(frozen=True)
class _Docs:
    statements: tuple[Statement, ...]
    reports: tuple[CreditReport, ...]
    settlements: tuple[SettlementCertificate, ...]
    schedules: tuple[RepaymentSchedule, ...]

    @classmethod
    def of(cls, documents: Sequence[Document]) -> _Docs:
        return cls(tuple(d for d in documents if isinstance(d, Statement)),
                   tuple(d for d in documents if isinstance(d, CreditReport)),
                   tuple(d for d in documents if isinstance(d, SettlementCertificate)),
                   tuple(d for d in documents if isinstance(d, RepaymentSchedule)))


@dataclass(frozen=True)
class Links:
    """The documents that are this loan's own: no other loan of the case holds them."""
    account: tuple[CreditReport, CreditAccount] | None
    settlement: SettlementCertificate | None
    schedule: RepaymentSchedule | None


def links(loans: Sequence[Loan], docs: _Docs) -> list[Links]:
    return [Links(*t) for t in zip(match_accounts(loans, docs.reports), match_settlements(loans, docs.settlements),
                                   match_schedules(loans, docs.schedules), strict=True)]


def check_case(case: Case, documents: Sequence[Document], as_of: date) -> CaseResult:
    docs = _Docs.of(documents)
    statements = [st for st in docs.statements]
    statements += [lender_statement(s) for s in docs.schedules if any(r.paid_amount for r in s.installments)]
    coverage = _coverage(docs.statements)
    claimed = _claims(case.loans, statements)
    linked = links(case.loans, docs)
    loans = tuple(check_loan(loan, claimed[i], docs, as_of, coverage, case, linked[i])
                  for i, loan in enumerate(case.loans))
    return CaseResult(case, docs.statements, loans, as_of, tuple(documents))


def _coverage(statements: Sequence[Statement]) -> tuple[date, date] | None:
    dates = [tx.date for st in statements for tx in st.transactions]
    return (min(dates), max(dates)) if dates else None


def _claims(loans: Sequence[Loan], statements: Sequence[Statement]) -> list[tuple[list[Payment], list[Transaction]]]:
    """Each loan's payments. A payment two loans could claim (same lender on one statement) goes to
    the loan with an installment of exactly that amount due near that day."""
    found = [collect(loan, statements) for loan in loans]
    for i, (payments, _) in enumerate(found):
        keep = []
        for p in payments:
            rivals = [j for j, (other, _) in enumerate(found) if j != i and any(q.sources[0] == p.sources[0] for q in other)]
            if not rivals or _fits(loans[i], p) or not any(_fits(loans[j], p) for j in rivals):
                keep.append(p)
        found[i] = (keep, found[i][1])
    return found


def _fits(loan: Loan, p: Payment) -> bool:
    schedule, _ = expected_schedule(loan)
    return any(i.amount_due == p.amount and abs((i.due_date - p.paid_on).days) <= 35 for i in schedule)


def check_loan(loan: Loan, claimed: tuple[list[Payment], list[Transaction]], docs: _Docs, as_of: date,
               coverage: tuple[date, date] | None, case: Case | None = None,
               own: Links | None = None) -> LoanResult:
    payments, unexplained = claimed
    own = own or links([loan], docs)[0]
    findings = [Finding("document_conflict", c) for c in loan.conflicts]
    schedule, computed = _schedule(loan, own.schedule)
    if computed:
        findings.append(Finding("schedule_estimated", "the schedule was computed from the loan terms, not read from the lender"))
    account, settlement = own.account, own.settlement
    settled_on, settled_by = _settlement(loan, settlement, account[1] if account else None)
    results = allocate(schedule, payments, grace_days=loan.grace_days, as_of=as_of)
    if settled_on is not None:
        results = _settled_early(results, settled_on)
    if settled_on is None and results and all(r.paid_on for r in results):
        last = max(results, key=lambda r: r.paid_on or date.min)
        settled_on, settled_by = last.paid_on, last.payments[-1].source if last.payments else None
    rdate = report_date(account[0] if account else None, case.report.report_time if case and case.report else None)
    reported = _reported(loan, account[1] if account else None)
    # Found payments fall short while the loan is shown settled, or while platform debits stay
    # unexplained: a repayment is missing from the documents, so no lateness can be confirmed.
    incomplete = any(r.status is InstallmentStatus.UNPAID for r in results) and (
        bool(unexplained) or _shown_settled(settlement, account[1] if account else None))
    if incomplete:
        findings.append(Finding("payments_incomplete", "the repayments found do not pay the schedule: statuses "
                                "after the first gap rest on an allocation that a missing payment would change"))
        results = undecided_after_gap(results, settled_on)
    ev = Evidence(results, loan.grace_days, coverage, settled_on, rdate, unexplained, incomplete)
    months = tuple(evaluate_month(m, ev) for m in reported)
    checks = tuple(check_account(account[1], settled_on, settled_by, rdate, loan.reporting_lag_days)) if account else ()
    detailed = account is not None and account[0].version == "detailed"
    verdict = _verdict(months, checks, detailed)
    decided = {tx.source for m in months if m.verdict is not MonthVerdict.INSUFFICIENT for tx in m.evidence}
    missing = _missing(months, docs, detailed, verdict) + official_records(loan, payments, decided, docs.statements)
    return LoanResult(loan, computed, tuple(results), months, verdict, tuple(findings),
                      tuple(dict.fromkeys(missing)), checks, settled_on, settled_by, rdate)


def _settled_early(results: list[InstallmentResult], settled_on: date) -> list[InstallmentResult]:
    """An early settlement (提前结清) ends the schedule: what fell due after it was paid off with it."""
    out = []
    for r in results:
        if r.installment.due_date > settled_on and r.paid_on is None:
            r = replace(r, status=InstallmentStatus.ON_TIME, paid_on=settled_on, days_late=0, by_settlement=True)
        out.append(r)
    return out


def _schedule(loan: Loan, parsed: RepaymentSchedule | None) -> tuple[tuple[Installment, ...], bool]:
    if loan.schedule:
        return loan.schedule, False
    if parsed is not None:
        return tuple(Installment(r.number, r.due_date, r.amount_due, r.principal, r.interest)
                     for r in parsed.installments), False
    return expected_schedule(loan)


def _settlement(loan: Loan, certificate: SettlementCertificate | None,
                account: CreditAccount | None) -> tuple[date | None, SourceRef | None]:
    if certificate is not None and certificate.settlement.settled_on is not None:
        return certificate.settlement.settled_on, certificate.settlement.source
    if account is not None:
        early = next((s for s in account.special if "结清" in s.kind and s.occurred_on), None)
        if early is not None:
            return early.occurred_on, early.source
    return None, None


def _shown_settled(certificate: SettlementCertificate | None, account: CreditAccount | None) -> bool:
    if certificate is not None:
        return True
    if account is None:
        return False
    return account.status in CLOSED_STATUSES or bool(account.history and account.history[-1].status == "C")


def _reported(loan: Loan, account: CreditAccount | None) -> tuple[ReportedMonth, ...]:
    if loan.reported or account is None:
        return loan.reported
    return tuple(ReportedMonth(g.year_month, g.status, g.overdue_amount, g.source.page, g.source) for g in account.history)


def _verdict(months: Sequence[MonthResult], checks: Sequence[AccountCheck], detailed: bool) -> LoanVerdict:
    """`nothing_to_dispute` needs a readable 详版 that shows the loan's account and no adverse month:
    without one (no report, a 简版, no account of this loan in any report) nothing is decided."""
    if any(m.verdict is MonthVerdict.CONTRADICTED for m in months) or any(
            c.verdict is MonthVerdict.CONTRADICTED for c in checks):
        return LoanVerdict.DISPUTE
    if any(m.verdict is MonthVerdict.INSUFFICIENT for m in months):
        return LoanVerdict.INSUFFICIENT
    if any(m.reported.adverse for m in months):
        return LoanVerdict.STATEMENT
    return LoanVerdict.NOTHING_TO_DISPUTE if detailed else LoanVerdict.INSUFFICIENT


def _missing(months: Sequence[MonthResult], docs: _Docs, detailed: bool,
             verdict: LoanVerdict) -> list[MissingDocument]:
    out: list[MissingDocument] = []
    if not detailed and verdict is LoanVerdict.INSUFFICIENT:
        brief = any(r.version == "summary" for r in docs.reports)
        out.append(DetailedReportNeeded() if brief else CreditReportNeeded())
    if not docs.statements:
        out.append(StatementNeeded())
    for m in months:
        out.extend(m.missing)
    return list(dict.fromkeys(out))


__all__ = ["check_case", "check_loan", "InstallmentStatus", "replace"]
