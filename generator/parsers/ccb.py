"""中国建设银行个人活期账户（全部）交易明细 (CCB current-account detail PDF).

Sample row (a ruled grid; dates ``yyyymmdd``, signed amounts)::

    9  代收付  人民币  钞  20250310  -1,060.30  22,272.50  蚂蚁花呗借呗扣款^2025…^jiebei
    50050107360000002979/重庆蚂蚁消费金融有限公司

The 对方账号与户名 cell holds ``account/name`` and wraps, as does a long 交易地点/附言; wrapped
cells are centred on their row. 序号 numbers the printed rows across pages: a gap or repeat means
a row was lost or read twice, reported as the ``row_sequence`` check.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

from generator.dates import is_date
from generator.models import DocumentKind, Finding, SourceRef, Statement, Transaction
from generator.parsers import checks
from generator.parsers.base import DocumentParser
from generator.parsers.common import (CURRENCIES, RowReader, TableLayout, booking_order, clean_cell,
                                      preamble_field, read_table)
from generator.parsers.layout import RawRow
from generator.pdf import PdfDocument, Word

V1 = TableLayout("v1", (("seq", "序号"), ("summary", "摘要"), ("currency", "币别"), ("cash", "钞汇"),
                        ("date", "交易日期"), ("amount", "交易金额"), ("balance", "账户余额"),
                        ("place", "交易地点/附言"), ("counterparty", "对方账号与户名")))

_ACCOUNT = re.compile(r"^[0-9*＊]*$")


class CcbStatement(DocumentParser):
    name = "ccb"
    kind = DocumentKind.BANK_STATEMENT
    title = "中国建设银行个人活期账户全部交易明细"
    identifiers = (("中国建设银行个人活期账户", "交易明细", "对方账号与户名"),)
    layouts: ClassVar[tuple[TableLayout, ...]] = (V1,)

    def parse(self, doc: PdfDocument, file: str, sha256: str) -> Statement:
        table = read_table(doc, file, self.layouts, "date", _is_row)
        transactions = [_transaction(file, raw, n) for n, raw in enumerate(table.rows, start=1)]
        status, findings = checks.balance_chain(booking_order(transactions))
        sequence, gaps = _row_sequence(file, table.rows)
        holder, account = preamble_field(table.preamble, "户名"), preamble_field(table.preamble, "账号")
        currency = transactions[0].currency if transactions else "CNY"
        return Statement(file, sha256, self.kind, self.provider, holder, account, currency, tuple(transactions),
                         {"balance_chain": status, "row_sequence": sequence}, tuple(findings + gaps),
                         doc.page_count)


def _is_row(words: Sequence[Word]) -> bool:
    return len(words) == 1 and is_date(words[0].text)


def split_account_name(text: str) -> tuple[str, str]:
    """``50050107360000002979/重庆蚂蚁消费金融有限公司`` → (name, account); a name alone stays whole."""
    account, slash, name = text.partition("/")
    if slash and _ACCOUNT.match(account):
        return name.strip(), account
    return text, ""


def _row_sequence(file: str, rows: Sequence[RawRow]) -> tuple[str, list[Finding]]:
    """序号 must run 1, 2, 3 … over the printed rows."""
    if not rows:
        return "not_applicable", []
    for number, raw in enumerate(rows, start=1):
        printed = RowReader(file, raw, number).text("seq")
        if printed != str(number):
            source = SourceRef(file, raw.page, number, raw.bbox)
            return "failed", [Finding("row_sequence_broken",
                                      f"{source.location()}: 序号 {printed!r} where {number} was expected "
                                      "(a row is missing, repeated or unreadable)", (source,))]
    return "ok", []


def _transaction(file: str, raw: RawRow, number: int) -> Transaction:
    r = RowReader(file, raw, number)
    name, account = split_account_name(clean_cell(r.text("counterparty")))
    description = " ".join(t for t in (clean_cell(r.text("summary")), clean_cell(r.text("place"))) if t)
    return Transaction(
        date=r.date("date", "交易日期"), time=None,
        amount=r.amount("amount", "交易金额"), balance=r.optional_amount("balance", "账户余额"),
        counterparty=name, counterparty_account=account, description=description,
        source=SourceRef(file, raw.page, number, raw.bbox),
        currency=CURRENCIES.get(r.text("currency"), r.text("currency") or "CNY"))
