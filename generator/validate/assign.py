"""Each document to at most one loan of the case.

Two loans from one lender must not read the same report account, certificate or schedule: a
document goes to the loan whose id it names, else to the one loan its opening date and amount
fit, else to the lender's one open loan when it is that loan's one free candidate. When two
loans still want it, neither takes it: the loan is left without, as when nothing was found.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from generator.documents import CreditAccount, CreditReport, RepaymentSchedule, SettlementCertificate
from generator.models import Loan
from generator.validate.linking import same_lender


@dataclass(frozen=True)
class Facts:
    """What a loan or a document says about the loan: `ids` (账户标识, contract number) decide;
    `hints` may only confirm (a contract number against a report's 账户标识, which may differ)."""
    lender: str | None
    ids: tuple[str | None, ...] = ()
    opened: date | None = None
    amount: Decimal | None = None
    hints: tuple[str | None, ...] = ()
    any_lender: bool = False  # a loan whose lender is not known yet may take any lender's document


def same_number(a: str | None, b: str | None) -> bool:
    """Contract numbers as printed: spaces and full-width forms aside, and a masked run (****)
    standing for the digits it hides."""
    if not a or not b:
        return False
    x, y = _plain(a), _plain(b)
    if x == y or ("*" in x) == ("*" in y):
        return x == y  # two masks alike are as printed on both; unlike, they prove nothing
    mask, full = (x, y) if "*" in x else (y, x)
    if len(mask.replace("*", "")) < 6:
        return False  # too little shown to tell two contracts apart
    return re.fullmatch(".+".join(re.escape(p) for p in re.split(r"\*+", mask)), full) is not None


def _plain(text: str) -> str:
    return re.sub(r"[\s\-_]", "", unicodedata.normalize("NFKC", text)).upper().replace("＊", "*")


def _named(loan: Facts, doc: Facts) -> bool:
    return any(same_number(a, b) for a in loan.ids + loan.hints for b in doc.ids)


def _compatible(loan: Facts, doc: Facts) -> bool:
    if any(loan.ids) and any(doc.ids) and not _named(loan, doc):
        return False
    return (loan.any_lender and loan.lender is None) or same_lender(loan.lender, doc.lender)


def _fits_terms(loan: Facts, doc: Facts) -> bool:
    pairs = [(a, b) for a, b in ((loan.opened, doc.opened), (loan.amount, doc.amount)) if a is not None and b is not None]
    return bool(pairs) and all(a == b for a, b in pairs) and _compatible(loan, doc)


_STEPS: tuple[Callable[[Facts, Facts], bool], ...] = (_named, _fits_terms, _compatible)


def assign(loans: Sequence[Facts], docs: Sequence[Facts]) -> list[int | None]:
    """For each loan, the index of its document in `docs`, or None."""
    taken: dict[int, int] = {}
    for step in _STEPS:
        while True:
            free = [j for j in range(len(docs)) if j not in taken.values()]
            wants = {i: [j for j in free if step(loans[i], docs[j])] for i in range(len(loans)) if i not in taken}
            won = {i: js[0] for i, js in wants.items()
                   if len(js) == 1 and sum(js[0] in other for other in wants.values()) == 1}
            if not won:
                break
            taken.update(won)
    return [taken.get(i) for i in range(len(loans))]


def _loan(loan: Loan, *, account: bool = False) -> Facts:
    if account:
        return Facts(loan.lender, (loan.account_id,), loan.disbursed_on, loan.principal, (loan.contract_number,))
    return Facts(loan.lender, (loan.contract_number,), loan.disbursed_on, loan.principal)


def account_facts(a: CreditAccount) -> Facts:
    return Facts(a.institution, (a.account_id,), a.opened_on, a.loan_amount)


def certificate_facts(c: SettlementCertificate) -> Facts:
    s = c.settlement
    return Facts(s.lender, (s.contract_number,), s.disbursed_on, s.principal)


def schedule_facts(s: RepaymentSchedule) -> Facts:
    return Facts(s.lender, (s.contract_number,))


def match_accounts(loans: Sequence[Loan], reports: Sequence[CreditReport]
                   ) -> list[tuple[CreditReport, CreditAccount] | None]:
    """Each loan's report account, assigned within each report (one account appears in each report
    that lists it); the newest report's, where the opening date and amount agree best."""
    found: list[list[tuple[CreditReport, CreditAccount]]] = [[] for _ in loans]
    wants = [_loan(loan, account=True) for loan in loans]
    for report in reports:
        for i, j in enumerate(assign(wants, [account_facts(a) for a in report.accounts])):
            if j is not None:
                found[i].append((report, report.accounts[j]))
    return [max(ras, key=lambda ra: (ra[1].opened_on == loan.disbursed_on, ra[1].loan_amount == loan.principal,
                                     ra[0].report_time or "")) if ras else None
            for loan, ras in zip(loans, found, strict=True)]


def match_settlements(loans: Sequence[Loan], certificates: Sequence[SettlementCertificate]
                      ) -> list[SettlementCertificate | None]:
    """A certificate taken for its lender alone must not print another principal."""
    picks = assign([_loan(loan) for loan in loans], [certificate_facts(c) for c in certificates])
    out: list[SettlementCertificate | None] = []
    for loan, j in zip(loans, picks, strict=True):
        cert = certificates[j] if j is not None else None
        ok = cert is not None and (same_number(loan.contract_number, cert.settlement.contract_number)
                                   or cert.settlement.principal in (None, loan.principal))
        out.append(cert if ok else None)
    return out


def match_schedules(loans: Sequence[Loan], schedules: Sequence[RepaymentSchedule]) -> list[RepaymentSchedule | None]:
    picks = assign([_loan(loan) for loan in loans], [schedule_facts(s) for s in schedules])
    return [schedules[j] if j is not None else None for j in picks]
