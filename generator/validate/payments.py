"""Repayments gathered from every source, each counted once.

A repayment shows up as money leaving an account towards one of the loan's payees (its
`payee_names`, or a name or brand the lender table ties to the lender). The same payment can be
seen twice: a bank debit to 支付宝 and the Alipay 借呗还款 row it funded. Those are merged into one
`Payment` that keeps both rows as evidence. A debit to a payment platform that no platform row
explains is not proof of repaying this loan: it is kept apart as `unproven`, so that the month
it would cover can be called insufficient and the missing platform proof named.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from generator.domain.reasons import OfficialRecord
from generator.models import DocumentKind, Loan, SourceRef, Statement, Transaction
from generator.money import amounts_equal

# Platforms that move money on to a lender; their bank-side rows do not name the lender.
PLATFORMS = ("支付宝", "alipay", "财付通", "微信支付", "tenpay", "网联", "银联")
MERGE_DAYS = 1  # a bank debit and the platform row it funded may be booked a day apart


@dataclass(frozen=True)
class Payment:
    paid_on: date
    time: str | None
    amount: Decimal  # positive: money paid towards the loan
    sources: tuple[Transaction, ...]  # the rows that show it, first the most direct one


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace(" ", "")


def _text(tx: Transaction) -> str:
    return _norm(tx.counterparty) + "|" + _norm(tx.description)


def names_for(loan: Loan) -> tuple[str, ...]:
    """The loan's payee names plus what the lender table knows of its lender."""
    names = list(loan.payee_names)
    try:
        from generator.lenders import find_lender
    except ImportError:  # pragma: no cover - the lender table ships with the package
        return tuple(names)
    known = find_lender(loan.lender)
    if known is not None:
        names.extend([known.legal_name, *known.brands])
    return tuple(dict.fromkeys(n for n in names if n))


NEUTRAL = ("（不计收支）", "（其他）")  # payment-platform rows that move no money in or out of the account


def pays_loan(tx: Transaction, names: Sequence[str]) -> bool:
    """Money out to the lender; or a platform row outside 收/支 (paid from 余额宝, say) that names
    the lender and says it is a repayment (还款)."""
    if tx.amount >= 0 and not (tx.description.endswith(NEUTRAL) and "还款" in tx.description):
        return False
    text = _text(tx)
    return any(_norm(name) in text for name in names)


def via_platform(tx: Transaction) -> bool:
    return tx.amount < 0 and any(p in _text(tx) for p in PLATFORMS)


def collect(loan: Loan, statements: Iterable[Statement]) -> tuple[list[Payment], list[Transaction]]:
    """The loan's payments (merged across sources) and the platform debits that stay unexplained."""
    statements = list(statements)
    names = names_for(loan)
    direct: list[Transaction] = []
    platform: list[Transaction] = []
    for st in statements:
        for tx in st.transactions:
            if tx.date < loan.disbursed_on:
                continue
            if pays_loan(tx, names):
                direct.append(tx)
            elif st.kind is DocumentKind.BANK_STATEMENT and via_platform(tx):
                platform.append(tx)
    payments = [Payment(tx.date, tx.time, abs(tx.amount), (tx,)) for tx in sorted(direct, key=_order)]
    unexplained = []
    for tx in sorted(platform, key=_order):
        index = _funds(tx, payments)
        if index is None:
            unexplained.append(tx)
        else:
            p = payments[index]
            payments[index] = Payment(p.paid_on, p.time, p.amount, (*p.sources, tx))
    return [_prefer_proofs(p, statements) for p in _dedupe(payments)], unexplained


def _order(tx: Transaction) -> tuple[date, str]:
    return tx.date, tx.time or ""


def _funds(bank_tx: Transaction, payments: Sequence[Payment]) -> int | None:
    """The platform payment this bank debit paid for: same amount, booked within a day, not yet tied."""
    for i, p in enumerate(payments):
        if (amounts_equal(p.amount, -bank_tx.amount) and abs((p.paid_on - bank_tx.date).days) <= MERGE_DAYS
                and all(src.source.file != bank_tx.source.file for src in p.sources)):
            return i
    return None


def _dedupe(payments: list[Payment]) -> list[Payment]:
    """A lender's own record and a bank row of the same payment count once."""
    out: list[Payment] = []
    for p in payments:
        twin = next((i for i, q in enumerate(out) if amounts_equal(q.amount, p.amount)
                     and abs((q.paid_on - p.paid_on).days) <= MERGE_DAYS
                     and {s.source.file for s in q.sources}.isdisjoint(s.source.file for s in p.sources)), None)
        if twin is None:
            out.append(p)
        else:
            q = out[twin]
            out[twin] = Payment(min(q.paid_on, p.paid_on), q.time or p.time, q.amount, (*q.sources, *p.sources))
    return out


def _prefer_proofs(p: Payment, statements: Sequence[Statement]) -> Payment:
    """A payment shown both by a holder's own export (CSV, XLS) and by the same issuer's PDF (a
    stamped 交易流水证明, a bank's 流水) is shown by the PDF: an export carries no seal, so it is
    cited only where nothing better shows the payment."""
    by_file = {st.file: st for st in statements}
    proven = {by_file[tx.source.file].provider for tx in p.sources
              if tx.source.file in by_file and not by_file[tx.source.file].exported}
    kept = tuple(tx for tx in p.sources if tx.source.file not in by_file
                 or not (by_file[tx.source.file].exported and by_file[tx.source.file].provider in proven))
    return p if len(kept) == len(p.sources) else Payment(p.paid_on, p.time, p.amount, kept)


def official_records(loan: Loan, payments: Sequence[Payment], decided: set[SourceRef],
                     statements: Sequence[Statement]) -> list[OfficialRecord]:
    """The payments behind a decided month (their rows among `decided`) whose rows paying the
    lender all come from the holder's own exports: each wants the issuer's stamped record. A bank
    debit to a platform is no such row: it shows money leaving, not the lender receiving it."""
    names = names_for(loan)
    by_file = {st.file: st for st in statements}
    out: list[OfficialRecord] = []
    for p in payments:
        direct = [tx for tx in p.sources if pays_loan(tx, names)]
        if not direct or not any(tx.source in decided for tx in p.sources):
            continue
        if all(tx.source.file in by_file and by_file[tx.source.file].exported for tx in direct):
            shown = by_file[direct[0].source.file]
            out.append(OfficialRecord(shown.provider, p.paid_on, p.amount, shown.file))
    return out
