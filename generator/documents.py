"""The documents of the domain model under their old import path: they live in
generator/domain/documents.py."""

from __future__ import annotations

from generator.domain.documents import (CreditAccount, CreditReport, Document, GridMonth, RepaymentSchedule,
                                        ScheduleRow, Settlement, SettlementCertificate, SpecialTransaction)

__all__ = ["CreditAccount", "CreditReport", "Document", "GridMonth", "RepaymentSchedule", "ScheduleRow",
           "Settlement", "SettlementCertificate", "SpecialTransaction"]
