"""中国工商银行借记账户历史明细（电子版） (ICBC debit-account history PDF).

Two versioned layouts. ``signed``: one signed column, no time::

    2025-03-09  6222****1234  活期  00000  人民币  钞  快捷支付  0200  -1,060.30  2,224.43
    重庆蚂蚁消费金融有限公司  50050107360000002979  第三方支付

``split``: 收入金额 and 支出金额 columns (one of them blank), the time after the date except on
batch-booked rows (结息): ``2025-03-15 19:31:59 … ¥532.18 ¥4,123.83 深圳前海微众银行…``.
ICBC prints the newest row first; the balance chain runs oldest first. Long 对方户名 / 对方账号
cells wrap and are centred on their row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import ClassVar

from generator.dates import DateError, is_date, is_time, parse_date
from generator.models import DocumentKind, SourceRef, Statement, Transaction
from generator.parsers import checks
from generator.parsers.base import DocumentParser
from generator.parsers.common import (CURRENCIES, RowReader, TableLayout, booking_order, clean_cell,
                                      preamble_field, read_table)
from generator.parsers.layout import RawRow
from generator.pdf import PdfDocument, Word

_HEAD = (("date", "交易日期"), ("account", "账号"), ("deposit_type", "储种"), ("seq", "序号"),
         ("currency", "币种"), ("cash", "钞汇"), ("summary", "摘要"), ("region", "地区"))
_TAIL = (("balance", "余额"), ("name", "对方户名"), ("cp_account", "对方账号"), ("channel", "渠道"))
SIGNED = TableLayout("signed", _HEAD + (("amount", "收入/支出金额"),) + _TAIL)
SPLIT = TableLayout("split", _HEAD + (("credit", "收入金额"), ("debit", "支出金额")) + _TAIL)

_DATE_TIME = re.compile(r"^(?P<date>\S+?)\s*(?P<time>\d{2}:\d{2}:\d{2})?$")


class IcbcStatement(DocumentParser):
    name = "icbc"
    kind = DocumentKind.BANK_STATEMENT
    title = "中国工商银行借记账户历史明细（电子版）"
    identifiers = (("中国工商银行借记账户历史明细", "交易日期", "对方户名"),)
    layouts: ClassVar[tuple[TableLayout, ...]] = (SIGNED, SPLIT)

    def parse(self, doc: PdfDocument, file: str, sha256: str) -> Statement:
        table = read_table(doc, file, self.layouts, "date", _is_row)
        transactions = [_transaction(file, table.layout, raw, n) for n, raw in enumerate(table.rows, start=1)]
        status, findings = checks.balance_chain(booking_order(transactions))
        holder = preamble_field(table.preamble, "户名")
        account = preamble_field(table.preamble, "卡号") or preamble_field(table.preamble, "账号")
        currency = transactions[0].currency if transactions else "CNY"
        return Statement(file, sha256, self.kind, self.provider, holder, account, currency,
                         tuple(transactions), {"balance_chain": status}, tuple(findings), doc.page_count)


def _is_row(words: Sequence[Word]) -> bool:
    """A date alone (``signed``) or a date and a time (``split``) in the 交易日期 column."""
    return 1 <= len(words) <= 2 and is_date(words[0].text) and all(is_time(w.text) for w in words[1:])


def _date_time(r: RowReader) -> tuple[date, str | None]:
    m = _DATE_TIME.match(r.text("date"))
    try:
        if m is None:
            raise DateError(r.text("date"))
        return parse_date(m["date"]), m["time"]
    except DateError:
        raise r.fail(f"cannot parse date {r.text('date')!r} in column 交易日期") from None


def _amount(r: RowReader, layout: TableLayout) -> Decimal:
    if layout == SIGNED:
        return r.amount("amount", "收入/支出金额")
    credit, debit = r.optional_amount("credit", "收入金额"), r.optional_amount("debit", "支出金额")
    if credit is not None and debit is None:
        return credit
    if debit is not None and credit is None:
        return -abs(debit)
    raise r.fail(f"need exactly one of 收入金额 {r.text('credit')!r} and 支出金额 {r.text('debit')!r}")


def _transaction(file: str, layout: TableLayout, raw: RawRow, number: int) -> Transaction:
    r = RowReader(file, raw, number)
    day, time = _date_time(r)
    return Transaction(
        date=day, time=time, amount=_amount(r, layout), balance=r.optional_amount("balance", "余额"),
        counterparty=clean_cell(r.text("name")), counterparty_account=clean_cell(r.text("cp_account")),
        description=clean_cell(r.text("summary")), source=SourceRef(file, raw.page, number, raw.bbox),
        currency=CURRENCIES.get(r.text("currency"), r.text("currency") or "CNY"))
