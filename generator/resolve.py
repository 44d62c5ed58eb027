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
from generator.money import parse_amount
from generator.validate.assign import Facts, account_facts, assign, certificate_facts, same_number, schedule_facts
from generator.validate.linking import same_lender

METHODS = {"分期等额本息": Method.EQUAL_INSTALLMENT, "等额本息": Method.EQUAL_INSTALLMENT,
           "分期等额本金": Method.EQUAL_PRINCIPAL, "等额本金": Method.EQUAL_PRINCIPAL,
           "到期还本分期结息": Method.INTEREST_FIRST, "按期结息到期还本": Method.INTEREST_FIRST,
           "到期一次还本付息": Method.BULLET}


def resolve_case(case: Case, documents: Sequence[Document]) -> Case:
    tables = [dict(t) for t in case.loan_tables]
    certs = _certificates(tables, documents)
    wants = [_wants(t, c) for t, c in zip(tables, certs, strict=True)]
    accounts, schedules = _accounts(wants, documents), _schedules(wants, documents)
    filled = tuple(_fill(*parts) for parts in zip(tables, certs, accounts, schedules, strict=True))
    try:
        loans = build_loans(case.root / CASE_FILE, filled)
    except MissingKey as err:
        raise CaseError(err.file, "case.not_in_documents", page=err.page, row=err.row, problem=err.msg) from None
    return replace(case, loans=loans)


def _fill(table: dict[str, Any], cert: SettlementCertificate | None, account: tuple[CreditReport, CreditAccount] | None,
          schedule: RepaymentSchedule | None) -> dict[str, Any]:
    facts: list[tuple[str, Any, tuple[str, int]]] = []  # (key, value, (file, page))
    if cert is not None:
        s = cert.settlement
        where = (cert.file, s.source.page)
        facts += [(k, v, where) for k, v in (("lender", s.lender), ("contract_number", s.contract_number),
                                              ("principal", s.principal), ("disbursed_on", s.disbursed_on),
                                              ("settled_on", s.settled_on)) if v is not None]
    if account is not None:
        report, acct = account
        where = (report.file, acct.source.page)
        facts += [(k, v, where) for k, v in (("lender", acct.institution), ("disbursed_on", acct.opened_on),
                                             ("principal", acct.loan_amount), ("installments", acct.installments),
                                             ("account_id", acct.account_id), ("business_type", acct.account_type),
                                             ("method", METHODS.get(acct.method or ""))) if v is not None]
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
    if key in ("contract_number", "account_id"):
        return same_number(str(given), str(found))
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


def _certificates(tables: Sequence[dict[str, Any]], documents: Sequence[Document]) -> list[SettlementCertificate | None]:
    certs = [d for d in documents if isinstance(d, SettlementCertificate)]
    wants = [Facts(_given(t, "lender"), (_given(t, "contract_number"),), _date(t.get("disbursed_on")),
                   _amount(t.get("principal")), any_lender=True) for t in tables]
    return [certs[j] if j is not None else None for j in assign(wants, [certificate_facts(c) for c in certs])]


def _wants(table: dict[str, Any], cert: SettlementCertificate | None) -> Facts:
    """What the loan says of itself, case.toml first, then its certificate."""
    s = cert.settlement if cert else None
    return Facts(_given(table, "lender") or (s.lender if s else None), (_given(table, "account_id"),),
                 _date(table.get("disbursed_on")) or (s.disbursed_on if s else None),
                 _amount(table.get("principal")) or (s.principal if s else None),
                 (_given(table, "contract_number") or (s.contract_number if s else None),))


def _accounts(wants: Sequence[Facts], documents: Sequence[Document]) -> list[tuple[CreditReport, CreditAccount] | None]:
    """Assigned within each report, newest first: the newest report that holds the loan's account."""
    reports = sorted((d for d in documents if isinstance(d, CreditReport)), key=lambda r: r.report_time or "", reverse=True)
    out: list[tuple[CreditReport, CreditAccount] | None] = [None] * len(wants)
    for report in reports:
        for i, j in enumerate(assign(wants, [account_facts(a) for a in report.accounts])):
            if j is not None and out[i] is None:
                out[i] = (report, report.accounts[j])
    return out


def _schedules(wants: Sequence[Facts], documents: Sequence[Document]) -> list[RepaymentSchedule | None]:
    schedules = [d for d in documents if isinstance(d, RepaymentSchedule)]
    picks = assign([Facts(w.lender, w.hints) for w in wants], [schedule_facts(s) for s in schedules])
    return [schedules[j] if j is not None else None for j in picks]


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _amount(value: Any) -> Decimal | None:
    """As _given: a bad amount is refused by build_loans, naming the key; here it matches nothing."""
    if isinstance(value, str):
        try:
            return parse_amount(value)
        except (ValueError, ArithmeticError):
            return None
    return Decimal(value) if isinstance(value, int) and not isinstance(value, bool) else None
