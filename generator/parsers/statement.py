"""The statement reader every bank and payment-platform format shares: `parse()` lives here once.

A format module is data: its title and identifiers, its issuer's display name and its TableSpec.
From the table the reader builds one Transaction per row (date and time, the amount by the spec's
amount rule, balance, counterparty, description) and runs the self-checks the columns allow: the
balance chain (in booking order: some banks print the newest row first), the printed 序号
sequence, and the printed totals a format declares. A recognised statement that yields no row is
an error naming the file and the header it found, never an empty success.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from generator.dates import is_date
from generator.errors import StatementParseError
from generator.models import Finding, Statement, Transaction
from generator.parsers import checks
from generator.parsers.base import DocumentParser
from generator.parsers.common import (CURRENCIES, PrintedTotal, RowReader, booking_order, check_printed_totals,
                                      preamble_field)
from generator.parsers.layout import Line, group_lines
from generator.parsers.rows import Columns, build_row, row_sequence
from generator.parsers.table import Table, extra_keys, read_table
from generator.parsers.table_spec import AmountRule, TableSpec
from generator.pdf import Page, PdfDocument


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
            raise StatementParseError(file, "parse.no_rows", labels=" ".join(table.labels.values()))
        rule = amount_rule(self.spec, table.keys)
        currency = self.currency(table)
        columns = Columns.of(table, self.spec)
        printed_rows = [self.transaction(RowReader(file, raw, n), columns, rule, currency)
                        for n, raw in enumerate(table.rows, 1)]
        built, findings = _without_repeated_pages(file, printed_rows)
        transactions = [tx for _, tx in built]
        status, more = checks.balance_chain(booking_order(transactions))
        findings += more
        results = {"balance_chain": status}
        if self.spec.sequence is not None and self.spec.sequence in table.keys:
            results["row_sequence"], more = row_sequence(table.rows, [tx for _, tx in printed_rows], self.spec.sequence)
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
    def recognition_text(cls, first_page: Page) -> str:
        """The title, printed above the table: a bank's name in a row (a counterparty's bank)
        never makes its statement ours."""
        return top_text(first_page)

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

    def transaction(self, r: RowReader, columns: Columns, rule: AmountRule, currency: str) -> tuple[str, Transaction]:
        """The row as a Transaction, with the flow text as printed (for printed totals)."""
        return build_row(r, columns, rule, currency)


def _without_repeated_pages(file: str, rows: list[tuple[str, Transaction]]) -> tuple[list[tuple[str, Transaction]],
                                                                                   list[Finding]]:
    """The rows without those of a page that repeats an earlier page row for row (a page printed
    twice): its copies would count each repayment on it a second time. Reported, never used."""
    pages: dict[int, list[tuple[str, Transaction]]] = {}
    for row in rows:
        pages.setdefault(row[1].source.page, []).append(row)
    # A page's first and last rows are compared first: whole pages only where those agree.
    ends: dict[tuple[object, ...], list[int]] = {}
    for page, printed in pages.items():
        ends.setdefault((len(printed), _row_key(printed[0][1]), _row_key(printed[-1][1])), []).append(page)
    seen: dict[tuple[object, ...], int] = {}
    repeated: list[tuple[int, int]] = []
    for alike in (group for group in ends.values() if len(group) > 1):
        for page in alike:
            key = tuple(_row_key(tx) for _, tx in pages[page])
            if key in seen:
                repeated.append((page, seen[key]))
            else:
                seen[key] = page
    if not repeated:
        return rows, []
    dropped = {page for page, _ in repeated}
    findings = [Finding("repeated_page", f"{file}:p{page}: repeats page {first} row for row ({len(pages[page])} rows); "
                        "its rows are not counted", tuple(tx.source for _, tx in pages[page]))
                for page, first in repeated]
    return [row for row in rows if row[1].source.page not in dropped], findings


def _row_key(tx: Transaction) -> tuple[object, ...]:
    return (tx.date, tx.time, tx.amount, tx.balance, tx.counterparty, tx.counterparty_account, tx.description)


def top_text(page: Page) -> str:
    """The page's text above its first dated line (title, preamble, header), or its first lines."""
    lines = group_lines(page.words)
    end = next((i for i, line in enumerate(lines) if any(is_date(w.text) for w in line.words)), len(lines))
    return " ".join(line.text(" ") for line in lines[:max(end, 3)])


def amount_rule(spec: TableSpec, keys: frozenset[str]) -> AmountRule:
    return next(rule for rule in spec.amounts if all(k in keys for k in rule.needs))


