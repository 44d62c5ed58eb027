"""The JSON contract (SPEC.md, contract/*.schema.json): plain dicts from the domain model."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

from generator.models import (AccountCheck, AccountValue, AmountAbove, CaseResult, CodeOutside, GridCode,
                              InstallmentResult, LoanResult, MissingDocument, MonthReason, MonthResult, NoPaymentFound, PlaceKind,
                              PlatformProof, ReliefStillShown, RepaymentRecord, SourceRef, Statement,
                              StatementCovering, Transaction, YearMonth)
from generator.domain.reasons import OfficialRecord
from generator.domain.terms import LoanLabel, loan_labels
from generator.money import to_str

if TYPE_CHECKING:
    from generator.documents import Document


def _money(value: Decimal | None) -> str | None:
    return None if value is None else to_str(value)


def document_json(doc: Document) -> dict[str, Any]:
    if isinstance(doc, Statement):
        return statement_json(doc)
    from generator.serialize_documents import other_document_json

    return other_document_json(doc)


def statement_json(st: Statement) -> dict[str, Any]:
    return {
        "file": st.file, "sha256": st.sha256, "kind": st.kind.value, "provider": st.provider,
        "account_holder": st.account_holder, "account_number": st.account_number, "currency": st.currency,
        "exported": st.exported,
        "transactions": [transaction_json(tx) for tx in st.transactions],
        "checks": dict(st.checks),
        "findings": [{"kind": f.kind, "message": f.message} for f in st.findings],
    }


def transaction_json(tx: Transaction) -> dict[str, Any]:
    return _placed(tx.source, {
        "date": tx.date.isoformat(), "time": tx.time, "amount": to_str(tx.amount),
        "balance": _money(tx.balance), "counterparty": tx.counterparty,
        "counterparty_account": tx.counterparty_account, "description": tx.description,
        "page": tx.source.page, "row": tx.source.row, "seq": tx.source.seq,
        "bbox": None if tx.source.bbox is None else [round(v, 2) for v in tx.source.bbox],
    } | ocr_json(tx.source))


def ocr_json(src: SourceRef) -> dict[str, Any]:
    """``"ocr_confidence": {"row": 0.97, "amount": 0.99, "date": 1.0}`` for a value read by OCR;
    nothing for a text layer (the contract allows extra fields)."""
    return {} if src.ocr is None else {"ocr_confidence": dict(src.ocr)}


def _evidence(src: SourceRef) -> dict[str, Any]:
    return _placed(src, {"file": src.file, "page": src.page, "row": src.row})


def _placed(src: SourceRef, out: dict[str, Any]) -> dict[str, Any]:
    """An export's row also says where it is in the file ("place", beyond the contract's fields):
    {"kind": "line", "number": 14}, {"kind": "sheet_row", "sheet": "交易明细", "number": 9},
    {"kind": "table_row", "table": 1, "number": 7}."""
    p = src.place
    if p is not None:
        out["place"] = {"kind": p.kind.value, "number": p.number,
                        **({"sheet": p.sheet} if p.kind is PlaceKind.SHEET_ROW else {}),
                        **({"table": p.table} if p.kind is PlaceKind.TABLE_ROW else {})}
    return out


def installment_json(r: InstallmentResult) -> dict[str, Any]:
    return {
        "number": r.installment.number, "due_date": r.installment.due_date.isoformat(),
        "amount_due": to_str(r.installment.amount_due),
        "paid_amount": _money(r.paid_amount) if r.payments else None,
        "paid_on": r.paid_on.isoformat() if r.paid_on else None,
        "status": r.status.value, "days_late": r.days_late,
        "evidence": [_evidence(tx.source) for tx in r.payments],
        # status … days_late keep the allocation's reading; this says when it is only a reading
        "undecided": None if r.undecided is None else {
            "reason": r.undecided.reason.value, "first_gap": r.undecided.first_gap},
        "by_settlement": r.by_settlement,  # fell due after an early settlement, repaid by it
    }


def month_json(m: MonthResult) -> dict[str, Any]:
    return {
        "month": str(m.month), "reported": m.reported.status,
        "reported_overdue_amount": _money(m.reported.overdue_amount),
        "expected": m.expected[0] if m.expected else None, "expected_codes": list(m.expected),
        "expected_overdue_amount": to_str(m.expected_overdue),
        "allowed_overdue_amounts": [to_str(a) for a in m.allowed_overdue],
        "verdict": m.verdict.value, "reasons": [reason_key(r) for r in m.reasons],
        "evidence": [_evidence(tx.source) for tx in m.evidence],
        "missing": [missing_key(d) for d in m.missing],
        "relief_hidden_by": m.relief_hidden_by.isoformat() if m.relief_hidden_by else None,
        # the reasons and documents above as data, and whether `expected` is only the worst case
        "reason_details": [{"code": r.code.value, **_plain(r)} for r in m.reasons],
        "missing_details": [missing_json(d) for d in m.missing],
        "worst_case": m.worst_case,
    }


def reason_key(r: MonthReason) -> str:
    """A reason as `check --json` has always printed it: its code, then its values joined by ":"
    (``code_outside:1:N``, ``amount_above:1060.30:0.00``)."""
    match r:
        case CodeOutside():
            return f"{r.code}:{r.reported}:{'/'.join(r.allowed)}"
        case AmountAbove():
            return f"{r.code}:{r.reported}:{r.allowed}"
        case ReliefStillShown():
            return f"{r.code}:{r.hidden_by.isoformat()}:{r.report_date.isoformat()}"
        case NoPaymentFound():
            return f"{r.code}:{r.installment_no}:{r.due_date.isoformat()}"
    return r.code.value


def missing_key(d: MissingDocument) -> str:
    """A missing document as `check --json` (and batch's summary.json) have always printed it:
    ``platform_proof:2025-09-04:869.18:支付宝（中国）网络技术有限公司``, ``repayment_record:3``."""
    match d:
        case PlatformProof():
            return f"{d.kind}:{d.on.isoformat()}:{d.amount}:{d.payee}"
        case StatementCovering():
            return f"{d.kind}:{d.on.isoformat()}"
        case RepaymentRecord():
            return f"{d.kind}:{d.installment_no}"
        case OfficialRecord():
            return f"{d.kind}:{d.provider}:{d.on.isoformat()}:{d.amount}"
    return d.kind.value


def missing_json(d: MissingDocument) -> dict[str, Any]:
    return {"kind": d.kind.value, **_plain(d)}


def account_check_json(c: AccountCheck) -> dict[str, Any]:
    return {"field": c.field.value, "reported": account_value_key(c.reported),
            "expected": account_value_key(c.expected), "verdict": c.verdict.value,
            "reason": c.reason.value, "evidence": [_evidence(s) for s in c.evidence],
            # the same values as data: amounts as money strings, dates ISO, a grid month {month, status}
            "reported_value": _plain(c.reported), "expected_value": _plain(c.expected)}


def account_value_key(value: AccountValue | None) -> str | None:
    """An account field's value as `check --json` has always printed it: ``1060.30``,
    ``2026-01-09``, ``2026-01:1`` (the grid's month and its code), or 账户状态 as printed."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, GridCode):
        return f"{value.month}:{value.status}"
    return value.isoformat()


def _plain(value: object) -> Any:
    """A domain value as JSON data: money as a two-decimal string, dates ISO, months ``2025-03``,
    enums by value, dataclasses as objects of their fields."""
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Decimal):
        return to_str(value)
    if isinstance(value, (date, YearMonth)):
        return value.isoformat() if isinstance(value, date) else str(value)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    raise TypeError(f"no JSON form for {type(value).__name__}")


def loan_json(lr: LoanResult, label: LoanLabel) -> dict[str, Any]:
    """`label` names the loan within its case (generator.domain.terms.loan_labels)."""
    loan = lr.loan
    return {
        "lender": loan.lender, "contract_number": loan.contract_number,
        "loan_id": label.id, "product": loan.product, "account_id": loan.account_id,
        "disbursed_on": loan.disbursed_on.isoformat(),
        "settled_on": lr.settled_on.isoformat() if lr.settled_on else None,
        "report_date": lr.report_date.isoformat() if lr.report_date else None,
        "schedule_computed": lr.schedule_computed,
        "installments": [installment_json(r) for r in lr.installments],
        "months": [month_json(m) for m in lr.months],
        "account_checks": [account_check_json(c) for c in lr.account_checks],
        "verdict": lr.verdict.value,
        "findings": [{"kind": f.kind, "message": f.message} for f in lr.findings],
        "missing": [missing_key(d) for d in lr.missing],
        "missing_details": [missing_json(d) for d in lr.missing],
    }


def check_json(result: CaseResult) -> dict[str, Any]:
    return {"case": result.case.name, "as_of": result.as_of.isoformat(),
            "loans": [loan_json(lr, label) for lr, label in
                      zip(result.loans, loan_labels([lr.loan for lr in result.loans]), strict=True)]}
