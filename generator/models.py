"""The domain model under its old import path: the names live in generator/domain/."""

from __future__ import annotations

from generator.domain.reasons import (AccountReason, AmountAbove, CodeOutside, CreditReportNeeded,
                                      DetailedReportNeeded, MissingDocument, MissingKind, MonthReason,
                                      MoreFavourable, NoPaymentFound, PaymentsIncomplete, PlatformProof,
                                      ReasonCode, ReliefStillShown, RepaymentRecord, StatementCovering,
                                      StatementNeeded)
from generator.domain.results import (AccountCheck, AccountField, AccountValue, CaseResult, GridCode,
                                      InstallmentResult, InstallmentStatus, LoanResult, LoanVerdict, MonthResult,
                                      MonthVerdict, Timing, Undecided, UndecidedReason)
from generator.domain.statements import Finding, Statement, Transaction
from generator.domain.terms import Agent, Borrower, Case, CreditReportRef, Installment, Loan, Method, ReportedMonth
from generator.domain.values import (ADVERSE_CODES, OVERDUE_CODES, BBox, DocumentKind, FilePlace, PlaceKind,
                                     SourceRef, YearMonth)

__all__ = [
    "ADVERSE_CODES", "OVERDUE_CODES", "AccountCheck", "AccountField", "AccountReason", "AccountValue", "Agent",
    "AmountAbove", "BBox", "Borrower", "Case", "CaseResult", "CodeOutside", "CreditReportNeeded",
    "CreditReportRef", "DetailedReportNeeded", "DocumentKind", "FilePlace", "Finding", "GridCode", "Installment",
    "InstallmentResult", "InstallmentStatus", "Loan", "LoanResult", "LoanVerdict", "Method", "MissingDocument",
    "MissingKind", "MonthReason", "MonthResult", "MonthVerdict", "MoreFavourable", "NoPaymentFound",
    "PaymentsIncomplete", "PlaceKind", "PlatformProof", "ReasonCode", "ReliefStillShown", "RepaymentRecord", "ReportedMonth",
    "SourceRef", "Statement", "StatementCovering", "StatementNeeded", "Timing", "Transaction", "Undecided",
    "UndecidedReason", "YearMonth",
]
