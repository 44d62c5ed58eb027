"""Reconcile a case: schedules, repayments, installment status, month verdicts, loan verdict."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from generator.models import (Case, CaseResult, Finding, Loan, LoanResult, LoanVerdict, MonthResult,
                              MonthVerdict, Statement)
from generator.validate.match import allocate, repayments
from generator.validate.months import OVERDUE_CODES, evaluate_month
from generator.validate.schedule import expected_schedule


def check_case(case: Case, statements: Sequence[Statement], as_of: date) -> CaseResult:
    coverage = _coverage(statements)
    loans = tuple(check_loan(loan, statements, as_of, coverage) for loan in case.loans)
    return CaseResult(case, tuple(statements), loans, as_of)


def _coverage(statements: Sequence[Statement]) -> tuple[date, date] | None:
    dates = [tx.date for st in statements for tx in st.transactions]
    return (min(dates), max(dates)) if dates else None


def check_loan(loan: Loan, statements: Sequence[Statement], as_of: date,
               coverage: tuple[date, date] | None) -> LoanResult:
    schedule, computed = expected_schedule(loan)
    results = allocate(schedule, repayments(loan, statements), grace_days=loan.grace_days, as_of=as_of)
    months = tuple(evaluate_month(m, results, coverage) for m in loan.reported)
    findings = [Finding("schedule_estimated", "the schedule was computed from the loan terms, not read from the lender")] if computed else []
    return LoanResult(loan, computed, tuple(results), months, _verdict(months), tuple(findings),
                      tuple(_missing(months, statements)))


def _verdict(months: Sequence[MonthResult]) -> LoanVerdict:
    if any(m.verdict is MonthVerdict.CONTRADICTED for m in months):
        return LoanVerdict.DISPUTE
    if any(m.verdict is MonthVerdict.INSUFFICIENT for m in months):
        return LoanVerdict.INSUFFICIENT
    if any(m.reported.status in OVERDUE_CODES for m in months):
        return LoanVerdict.STATEMENT
    return LoanVerdict.NOTHING_TO_DISPUTE


def _missing(months: Sequence[MonthResult], statements: Sequence[Statement]) -> list[str]:
    out = []
    if not statements:
        out.append("no_statement")
    if any(m.verdict is MonthVerdict.INSUFFICIENT for m in months):
        out.append("payment_evidence")
    return out
