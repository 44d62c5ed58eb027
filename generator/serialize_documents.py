"""JSON for credit reports and lender documents (SPEC.md `dispute parse --json`)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from generator.documents import (CreditAccount, CreditReport, Document, RepaymentSchedule, ScheduleRow,
                                 SettlementCertificate)
from generator.models import SourceRef, Statement
from generator.money import to_str
from generator.serialize import ocr_json


def _m(value: Decimal | None) -> str | None:
    return None if value is None else to_str(value)


def _d(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _src(src: SourceRef) -> dict[str, Any]:
    return {"page": src.page, "row": src.row}


def _head(doc: CreditReport | SettlementCertificate | RepaymentSchedule) -> dict[str, Any]:
    return {"file": doc.file, "sha256": doc.sha256, "kind": doc.kind.value, "provider": doc.provider,
            "page_count": doc.page_count}


def other_document_json(doc: Document) -> dict[str, Any]:
    if isinstance(doc, CreditReport):
        return _head(doc) | {
            "version": doc.version, "report_number": doc.report_number, "report_time": doc.report_time,
            "subject_name": doc.subject_name, "id_type": doc.id_type, "id_number": doc.id_number,
            "accounts": [account_json(a) for a in doc.accounts], "notes": list(doc.notes)}
    if isinstance(doc, SettlementCertificate):
        s = doc.settlement
        return _head(doc) | {"settlement": {
            "lender": s.lender, "borrower": s.borrower, "id_number": s.id_number,
            "contract_number": s.contract_number, "principal": _m(s.principal),
            "principal_uppercase": s.principal_uppercase, "disbursed_on": _d(s.disbursed_on),
            "settled_on": _d(s.settled_on), "issued_on": _d(s.issued_on), "page": s.source.page} | ocr_json(s.source)}
    if isinstance(doc, RepaymentSchedule):
        return _head(doc) | {"lender": doc.lender, "contract_number": doc.contract_number,
                             "installments": [schedule_row_json(r) for r in doc.installments]}
    assert not isinstance(doc, Statement)
    raise TypeError(type(doc).__name__)


def account_json(a: CreditAccount) -> dict[str, Any]:
    return {
        "section": a.section, "number": a.number, "institution": a.institution, "account_id": a.account_id,
        "agreement_id": a.agreement_id, "account_type": a.account_type, "opened_on": _d(a.opened_on),
        "due_on": _d(a.due_on), "loan_amount": _m(a.loan_amount), "currency": a.currency,
        "installments": a.installments, "frequency": a.frequency, "method": a.method,
        "as_of": _d(a.as_of), "status": a.status, "closed_on": _d(a.closed_on), "balance": _m(a.balance),
        "current_overdue_periods": a.current_overdue_periods,
        "current_overdue_amount": _m(a.current_overdue_amount), "last_payment_on": _d(a.last_payment_on),
        "fields": dict(a.fields), "page": a.source.page,
        "history": [{"month": g.month, "status": g.status, "overdue_amount": _m(g.overdue_amount),
                     "page": g.source.page} for g in a.history],
        "special": [{"kind": s.kind, "date": _d(s.occurred_on), "months_changed": s.months_changed,
                     "amount": _m(s.amount), "detail": s.detail, "page": s.source.page} for s in a.special],
        "annotations": list(a.annotations),
    } | ocr_json(a.source)


def schedule_row_json(r: ScheduleRow) -> dict[str, Any]:
    return {"number": r.number, "due_date": r.due_date.isoformat(), "amount_due": to_str(r.amount_due),
            "principal": _m(r.principal), "interest": _m(r.interest), "fees": _m(r.fees), "status": r.status,
            "paid_at": r.paid_at, "paid_amount": _m(r.paid_amount), "page": r.source.page, "row": r.source.row} | ocr_json(r.source)
