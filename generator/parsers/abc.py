"""中国农业银行账户活期交易明细清单 (ABC current-account detail list PDF).

Sample row (borderless; dates ``yyyymmdd``, times ``HHMMSS`` or ``HH:MM:SS``, signed amounts)::

    20250309  175652  快捷支付  -1,060.30  4,221.95  重庆蚂蚁消费金融有限公司 50050107360000002979
    649168383  电子商务  借呗还款2025030912345678

Batch-booked rows (正常还款 withholding, 结息) print no time; an empty 对手信息 prints ``--``.
The header prints 日志号 with spaces (``日 志 号``). Long 对手信息 / 交易附言 cells wrap and are
centred on their row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from generator.dates import is_date
from generator.models import DocumentKind, SourceRef, Statement, Transaction
from generator.parsers import checks
from generator.parsers.base import DocumentParser
from generator.parsers.common import (CURRENCIES, RowReader, TableLayout, booking_order, clean_cell, preamble_field,
                                      read_table, read_time, split_counterparty)
from generator.parsers.layout import RawRow
from generator.pdf import PdfDocument, Word

V1 = TableLayout("v1", (("date", "交易日期"), ("time", "交易时间"), ("summary", "交易摘要"),
                        ("amount", "交易金额"), ("balance", "本次余额"), ("counterparty", "对手信息"),
                        ("log", "日 志 号"), ("channel", "交易渠道"), ("memo", "交易附言")))


class AbcStatement(DocumentParser):
    name = "abc"
    kind = DocumentKind.BANK_STATEMENT
    title = "中国农业银行账户活期交易明细清单"
    identifiers = (("中国农业银行", "交易明细", "本次余额", "对手信息"),)
    layouts: ClassVar[tuple[TableLayout, ...]] = (V1,)

    def parse(self, doc: PdfDocument, file: str, sha256: str) -> Statement:
        table = read_table(doc, file, self.layouts, "date", _is_row)
        currency = CURRENCIES.get(preamble_field(table.preamble, "币种") or "", "CNY")
        transactions = [_transaction(file, raw, n, currency) for n, raw in enumerate(table.rows, start=1)]
        status, findings = checks.balance_chain(booking_order(transactions))
        holder, account = preamble_field(table.preamble, "户名"), preamble_field(table.preamble, "账号")
        return Statement(file, sha256, self.kind, self.provider, holder, account, currency,
                         tuple(transactions), {"balance_chain": status}, tuple(findings), doc.page_count)


def _is_row(words: Sequence[Word]) -> bool:
    return len(words) == 1 and is_date(words[0].text)


def _transaction(file: str, raw: RawRow, number: int, currency: str) -> Transaction:
    r = RowReader(file, raw, number)
    name, account = split_counterparty(clean_cell(r.text("counterparty")))
    description = " ".join(t for t in (clean_cell(r.text("summary")), clean_cell(r.text("memo"))) if t)
    return Transaction(
        date=r.date("date", "交易日期"), time=read_time(r, "time", "交易时间"),
        amount=r.amount("amount", "交易金额"), balance=r.optional_amount("balance", "本次余额"),
        counterparty=name, counterparty_account=account, description=description,
        source=SourceRef(file, raw.page, number, raw.bbox), currency=currency)
