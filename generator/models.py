"""The domain model under its old import path: the names live in generator/domain/."""

from __future__ import annotations

from generator.domain.results import (AccountCheck, CaseResult, InstallmentResult, InstallmentStatus, LoanResult,
                                      LoanVerdict, MonthResult, MonthVerdict, Undecided, UndecidedReason)
from generator.domain.statements import Finding, Statement, Transaction
from generator.domain.terms import Agent, Borrower, Case, CreditReportRef, Installment, Loan, Method, ReportedMonth
from generator.domain.values import ADVERSE_CODES, OVERDUE_CODES, BBox, DocumentKind, SourceRef, YearMonth

__all__ = [
    "ADVERSE_CODES", "OVERDUE_CODES", "AccountCheck", "Agent", "BBox", "Borrower", "Case", "CaseResult", "CreditReportRef", "DocumentKind", "Finding",
    "Installment", "InstallmentResult", "InstallmentStatus", "Loan", "LoanResult", "LoanVerdict", "Method",
    "MonthResult", "MonthVerdict", "ReportedMonth", "SourceRef", "Statement", "Transaction", "Undecided",
    "UndecidedReason", "YearMonth",
]
