"""Transaction statements (bank and payment-platform exports, a lender's own 还款记录) as parsed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from generator.domain.values import DocumentKind, SourceRef


@dataclass(frozen=True)
class Transaction:
    date: date
    time: str | None
    amount: Decimal  # negative = money leaves the statement's account
    balance: Decimal | None
    counterparty: str
    counterparty_account: str
    description: str
    source: SourceRef
    currency: str = "CNY"


@dataclass(frozen=True)
class Finding:
    """A mismatch found in the data. Findings are reported, never raised."""

    kind: str  # e.g. "balance_chain_failed", "same_day_reordered", "payment_unmatched"
    message: str  # English, for logs, tests and --json; the CLI words it by kind (summary.describe_finding)
    sources: tuple[SourceRef, ...] = ()
    values: tuple[str, ...] = ()  # what the wording by kind needs beyond the sources (a sheet's name, …)


@dataclass(frozen=True)
class Statement:
    file: str
    sha256: str
    kind: DocumentKind
    provider: str
    account_holder: str | None
    account_number: str | None
    currency: str | None
    transactions: tuple[Transaction, ...]
    checks: dict[str, str]
    findings: tuple[Finding, ...] = ()
    page_count: int = 0
    # A file the holder exported (CSV, XLS, an app's 用于个人对账 bill): self-produced and unsealed,
    # so weaker evidence than a stamped proof or a bank's 流水 of the same payment.
    exported: bool = False
