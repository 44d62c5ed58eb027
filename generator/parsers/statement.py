"""The statement reader every bank and payment-platform format shares: `parse()` lives here once.

A format module is data: its title and identifiers, its issuer's display name and its TableSpec.
From the table the reader builds one Transaction per row (date and time, the amount by the spec's
amount rule, balance, counterparty, description) and runs the self-checks the columns allow: the
balance chain (in booking order: some banks print the newest row first), the printed 序号
sequence, and the printed totals a format declares. A recognised statement that yields no row is
an error naming the file and the header it found, never an empty success.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import ClassVar

from generator.dates import DateError, is_date, parse_date
from generator.errors import StatementParseError
from generator.models import DocumentKind, Finding, SourceRef, Statement, Transaction
from generator.parsers import checks
from generator.parsers.base import DocumentParser
from generator.parsers.common import (CURRENCIES, PrintedTotal, RowReader, booking_order, check_printed_totals,
                                      clean_cell, preamble_field, split_account_name, split_counterparty)
from generator.parsers.layout import Line, RawRow, group_lines
from generator.parsers.table import Table, extra_keys, read_table
from generator.parsers.table_spec import (AMOUNT, BALANCE, COUNTERPARTY, COUNTERPARTY_ACCOUNT, CURRENCY, DATE, TIME,
                                          AmountRule, Flagged, Signed, Split, TableSpec)
from generator.pdf import Page, PdfDocument

_DATE_TIME = re.compile(r"^(?P<date>\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日|\d{8})"
                        r"\s*(?P<time>\d{1,2}:\d{2}(?::\d{2})?|\d{6})?$")
_ANY_DATE = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}")
_CLOCK = re.compile(r"^(?P<h>[01]?\d|2[0-3]):?(?P<m>[0-5]\d):?(?P<s>[0-5]\d)?$")


class StatementFormat(DocumentParser):
    """A bank statement or payment proof read by the one table reader."""

    abstract = True
    required = ("name", "kind", "title", "identifiers", "issuer", "spec")
    spec: ClassVar[TableSpec]
    issuer: ClassVar[str]  # the issuer's name for letters: "招商银行"
    default_currency: ClassVar[str] = "CNY"

    def parse(self, doc: PdfDocument, file: str, sha256: str) -> Statement:
        table = read_table(doc, file, self.spec)
        if not table.rows:
            labels = " ".join(table.labels.values())
            raise StatementParseError(file, f"no transaction rows found under the table header ({labels})")
        rule = amount_rule(self.spec, table.keys)
        currency = self.currency(table)
        built = [self.transaction(RowReader(file, raw, n), table, rule, currency) for n, raw in enumerate(table.rows, 1)]
        transactions = [tx for _, tx in built]
        status, findings = checks.balance_chain(booking_order(transactions))
        results = {"balance_chain": status}
        if self.spec.sequence is not None and self.spec.sequence in table.keys:
            results["row_sequence"], more = row_sequence(table.rows, transactions, self.spec.sequence)
            findings += more
        printed = self.printed_totals([(1, line) for line in table.preamble] + table.outside)
        if printed is not None:
            results["printed_totals"], more = check_printed_totals(file, printed, built)
            findings += more
        unknown = extra_keys(table.keys)
        if unknown:
            findings.append(Finding("unknown_columns", "columns kept in the description: " +
                                    ", ".join(k.partition(":")[2] for k in unknown)))
        holder, account = self.holder(table.preamble)
        return self.parsed(Statement(file, sha256, self.kind, self.provider, holder, account, currency,
                                     tuple(transactions), results, tuple(findings), doc.page_count), table)

    def parsed(self, statement: Statement, table: Table) -> Statement:
        """A format's last word on what was read (the generic reader reports its column mapping)."""
        return statement

    @classmethod
    def identify(cls, first_page: Page) -> bool:
        """By the title, printed above the table: a bank's name in a row (a counterparty's bank)
        never makes its statement ours."""
        text = top_text(first_page).replace(" ", "")
        return any(all(s.replace(" ", "") in text for s in group) for group in cls.identifiers)

    def printed_totals(self, outside: Sequence[tuple[int, Line]]) -> list[PrintedTotal] | None:
        """The totals the document prints, or None where the format prints none."""
        return None

    def holder(self, preamble: Sequence[Line]) -> tuple[str | None, str | None]:
        holder = next((v for v in (preamble_field(preamble, lb) for lb in self.spec.holder_labels) if v), None)
        account = next((v for v in (preamble_field(preamble, lb) for lb in self.spec.account_labels) if v), None)
        return holder, account

    def currency(self, table: Table) -> str:
        printed = next((v for v in (preamble_field(table.preamble, lb) for lb in ("币种", "币别", "货币")) if v), "")
        return CURRENCIES.get(printed.split("/")[0], self.default_currency)

    def transaction(self, r: RowReader, table: Table, rule: AmountRule, currency: str) -> tuple[str, Transaction]:
        """The row as a Transaction, with the flow text as printed (for printed totals)."""
        day, time = date_time(r, table)
        amount, flow, neutral = row_amount(r, table, rule)
        name, account = counterparty(r, table.keys)
        parts = [clean_cell(r.text(k)) for k in self.spec.description if k in table.keys]
        if self.spec.extra_description:
            parts += [clean_cell(r.text(k)) for k in extra_keys(table.keys)]
        description = " ".join(p for p in parts if p) + (rule.mark if neutral and isinstance(rule, Flagged) else "")
        printed_currency = clean_cell(r.text(CURRENCY))
        return flow, Transaction(
            date=day, time=time, amount=amount, balance=_balance(r, table), counterparty=name,
            counterparty_account=account, description=description,
            source=SourceRef(r.file, r.row.page, r.number, r.row.bbox),
            currency=CURRENCIES.get(printed_currency, printed_currency or currency))


def top_text(page: Page) -> str:
    """The page's text above its first dated line (title, preamble, header), or its first lines."""
    lines = group_lines(page.words)
    end = next((i for i, line in enumerate(lines) if any(is_date(w.text) for w in line.words)), len(lines))
    return " ".join(line.text(" ") for line in lines[:max(end, 3)])


def amount_rule(spec: TableSpec, keys: frozenset[str]) -> AmountRule:
    return next(rule for rule in spec.amounts if all(k in keys for k in rule.needs))


def date_time(r: RowReader, table: Table) -> tuple[date, str | None]:
    """The date cell may carry the time (``2025-03-09 14:03:22``, or wrapped ``2025-03-0914:03:22``);
    a time column may carry the date."""
    text = clean_cell(r.text(DATE))
    if len(_ANY_DATE.findall(text)) > 1:
        raise r.fail(f"two records in one row: {text!r} in column {table.labels.get(DATE, DATE)} (the second has "
                     f"nothing in column {table.labels.get(table.anchor, table.anchor)} to start it)")
    m = _DATE_TIME.match(text.replace(" ", ""))
    try:
        if m is None:
            raise DateError(text)
        day = parse_date(m["date"])
    except DateError:
        raise r.fail(f"cannot parse date {text!r} in column {table.labels.get(DATE, DATE)}") from None
    time = m["time"]
    if time is None and TIME in table.keys:
        cell = clean_cell(r.text(TIME)).replace(" ", "")
        dated = _DATE_TIME.match(cell)
        time = (dated["time"] if dated else cell) or None
    return day, None if time is None else _clock(r, time, table.labels.get(TIME, DATE))


def _clock(r: RowReader, text: str, label: str) -> str:
    m = _CLOCK.match(text)
    if m is None:
        raise r.fail(f"cannot parse time {text!r} in column {label}")
    return f"{int(m['h']):02d}:{m['m']}:{m['s'] or '00'}" if m["s"] or ":" not in text else f"{int(m['h']):02d}:{m['m']}"


def row_amount(r: RowReader, table: Table, rule: AmountRule) -> tuple[Decimal, str, bool]:
    """The signed amount, the flow as printed, and whether the row is neutral (不计收支)."""
    labels = table.labels
    if isinstance(rule, Split):
        return _split(r, rule, labels), "", False
    if isinstance(rule, Signed):
        return r.amount(rule.column, labels.get(rule.column, AMOUNT)), "", False
    flow = clean_cell(r.text(rule.flag)).replace(" ", "") or r.text(rule.flag)
    sign = rule.sign(flow)
    if sign is None:
        raise r.fail(f"cannot read flag {r.text(rule.flag)!r} in column {labels.get(rule.flag)} "
                     f"(expected {', '.join(rule.out[:2] + rule.into[:2] + rule.neutral[:2])})")
    amount = r.amount(rule.column, labels.get(rule.column, AMOUNT))
    if amount < 0:
        raise r.fail(f"signed amount {r.text(rule.column)!r} in column {labels.get(rule.column)} beside {flow!r}")
    return (-amount if sign < 0 and amount else amount), flow, sign == 0


def _split(r: RowReader, rule: Split, labels: dict[str, str]) -> Decimal:
    credit = r.optional_amount(rule.credit, labels[rule.credit]) if clean_cell(r.text(rule.credit)) else None
    debit = r.optional_amount(rule.debit, labels[rule.debit]) if clean_cell(r.text(rule.debit)) else None
    if credit and debit:
        raise r.fail(f"amounts in both {labels[rule.credit]} ({r.text(rule.credit)!r}) and {labels[rule.debit]} "
                     f"({r.text(rule.debit)!r})")
    if credit:
        return abs(credit)
    if debit:
        return -abs(debit)
    if credit is None and debit is None:
        raise r.fail(f"no amount in column {labels[rule.credit]} or {labels[rule.debit]}")
    return Decimal("0.00")


def _balance(r: RowReader, table: Table) -> Decimal | None:
    if BALANCE not in table.keys or not clean_cell(r.text(BALANCE)):
        return None
    return r.optional_amount(BALANCE, table.labels[BALANCE])


def counterparty(r: RowReader, keys: frozenset[str]) -> tuple[str, str]:
    """The name and account: from their two columns, or from one cell holding both
    (``重庆蚂蚁消费金融有限公司 2088…`` or ``50050107…/重庆蚂蚁消费金融有限公司``)."""
    name = clean_cell(r.text(COUNTERPARTY))
    if COUNTERPARTY_ACCOUNT in keys:
        return name, clean_cell(r.text(COUNTERPARTY_ACCOUNT))
    if "/" in name:
        return split_account_name(name)
    return split_counterparty(name)


def row_sequence(rows: Sequence[RawRow], transactions: Sequence[Transaction], key: str) -> tuple[str, list[Finding]]:
    """序号 must run 1, 2, 3 … over the printed rows (or down to 1 where the newest is printed first)."""
    printed = [row.texts.get(key, "").strip() for row in rows]
    expected = [str(n) for n in range(1, len(rows) + 1)]
    if printed == expected or printed == expected[::-1]:
        return "ok", []
    ascending = printed[:1] != [str(len(rows))] or len(rows) == 1
    for n, (text, tx) in enumerate(zip(printed, transactions), start=1):
        want = str(n if ascending else len(rows) + 1 - n)
        if text != want:
            return "failed", [Finding("row_sequence_broken", f"{tx.source.location()}: 序号 {text!r} where {want} "
                                      "was expected (a row is missing, repeated or unreadable)", (tx.source,))]
    return "failed", []
