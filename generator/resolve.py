"""Loan facts that case.toml leaves out, filled in from the documents.

The settlement certificate gives the lender, contract number, principal and dates; the credit
report's account gives the opening date, amount, number of installments and repayment method;
the lender's 还款计划 gives the schedule. Where case.toml and a document disagree, case.toml wins
and the disagreement is reported with the document and page, never silently resolved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from generator.case import CASE_FILE, MissingKey, build_loans
from generator.documents import CreditAccount, CreditReport, Document, RepaymentSchedule, SettlementCertificate
from generator.errors import CaseError
from generator.models import Case, Installment, Method
from generator.validate.linking import same_lender

METHODS = {"分期等额本息": Method.EQUAL_INSTALLMENT, "等额本息": Method.EQUAL_INSTALLMENT,
           "分期等额本金": Method.EQUAL_PRINCIPAL, "等额本金": Method.EQUAL_PRINCIPAL,
           "到期还本分期结息": Method.INTEREST_FIRST, "按期结息到期还本": Method.INTEREST_FIRST,
           "到期一次还本付息": Method.BULLET}


def resolve_case(case: Case, documents: Sequence[Document]) -> Case:
    tables = tuple(_fill(dict(t), documents) for t in case.loan_tables)
    try:
        loans = build_loans(case.root / CASE_FILE, tables)
    except MissingKey as err:
        raise CaseError(err.file, "case.not_in_documents", page=err.page, row=err.row, problem=err.msg) from None
    return replace(case, loans=loans)


def _fill(table: dict[str, Any], documents: Sequence[Document]) -> dict[str, Any]:
    facts: list[tuple[str, Any, tuple[str, int]]] = []  # (key, value, (file, page))
    cert = _certificate(table, documents)
    if cert is not None:
        s = cert.settlement
        where = (cert.file, s.source.page)
        facts += [(k, v, where) for k, v in (("lender", s.lender), ("contract_number", s.contract_number),
                                              ("principal", s.principal), ("disbursed_on", s.disbursed_on),
                                              ("settled_on", s.settled_on)) if v is not None]
    lender = _given(table, "lender") or next((v for k, v, _ in facts if k == "lender"), None)
    account = _account(lender, documents)
    if account is not None:
        report, acct = account
        where = (report.file, acct.source.page)
        facts += [(k, v, where) for k, v in (("lender", acct.institution), ("disbursed_on", acct.opened_on),
                                             ("principal", acct.loan_amount), ("installments", acct.installments),
                                             ("account_id", acct.account_id), ("business_type", acct.account_type),
                                             ("method", METHODS.get(acct.method or ""))) if v is not None]
    schedule = _schedule(table, lender, documents)
    if schedule is not None and "schedule" not in table:
        table["_schedule"] = [Installment(r.number, r.due_date, r.amount_due, r.principal, r.interest)
                              for r in schedule.installments]
    return _apply(table, facts)


def _apply(table: dict[str, Any], facts: list[tuple[str, Any, tuple[str, int]]]) -> dict[str, Any]:
    conflicts: list[str] = []
    found: dict[str, tuple[str, int]] = {}  # where a filled-in value came from: its errors name it
    for key, value, (file, page) in facts:
        if key not in table:
            table[key] = _toml_value(value)
            found[key] = (file, page)
        elif not _same(key, table[key], value):
            conflicts.append(f"{key}: case.toml {table[key]} / {file}:p{page} {_toml_value(value)}")
    table["_conflicts"] = list(dict.fromkeys(conflicts))
    table["_from"] = found
    return table


def _toml_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, Method):
        return value.value
    return value


def _same(key: str, given: Any, found: Any) -> bool:
    if key == "lender":
        return same_lender(str(given), str(found))
    if isinstance(found, Decimal):
        try:
            return Decimal(str(given)) == found
        except ArithmeticError:
            return False
    if isinstance(found, date):
        return str(given) == found.isoformat()
    return str(given) == str(_toml_value(found))


def _given(table: dict[str, Any], key: str) -> str | None:
    """What case.toml says, if it is text: a wrong type is refused by build_loans, naming the key,
    after the documents have been matched without it."""
    value = table.get(key)
    return value if isinstance(value, str) else None


def _certificate(table: dict[str, Any], documents: Sequence[Document]) -> SettlementCertificate | None:
    certs = [d for d in documents if isinstance(d, SettlementCertificate)]
    contract = _given(table, "contract_number")
    for c in certs:
        if contract and c.settlement.contract_number == contract:
            return c
    lender = _given(table, "lender")
    same = [c for c in certs if lender and same_lender(c.settlement.lender, lender)]
    return same[0] if len(same) == 1 else (certs[0] if len(certs) == 1 and not lender else None)


def _account(lender: str | None, documents: Sequence[Document]) -> tuple[CreditReport, CreditAccount] | None:
    if not lender:
        return None
    found = [(r, a) for r in documents if isinstance(r, CreditReport) for a in r.accounts
             if same_lender(a.institution, lender)]
    return found[0] if len(found) == 1 else None


def _schedule(table: dict[str, Any], lender: str | None, documents: Sequence[Document]) -> RepaymentSchedule | None:
    schedules = [d for d in documents if isinstance(d, RepaymentSchedule)]
    contract = _given(table, "contract_number")
    for s in schedules:
        if contract and s.contract_number == contract:
            return s
    same = [s for s in schedules if lender and same_lender(s.lender, lender)]
    return same[0] if len(same) == 1 else None
