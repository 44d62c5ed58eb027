"""中国银行交易流水明细清单 (Bank of China transaction detail list PDF).

Sample row: ``2025-03-09  20:38:21  人民币  -1,060.30  2,224.43  网上快捷支付  第三方支付  -------
借呗还款JB2024011000123  重庆蚂蚁消费金融有限公司  50001234567890123456  中国工商银行股份有限公司…``
Amounts are signed. Long cells (交易名称, 附言, 对方开户行) wrap and are centred on their row, so a
cell's first line can sit above the date. An empty text cell prints as ``-------``.
"""

from __future__ import annotations


from generator.dates import is_time
from generator.models import DocumentKind, SourceRef, Statement, Transaction
from generator.parsers import checks
from generator.parsers.base import DocumentParser
from generator.parsers.common import (
    read_dated_table,
    CURRENCIES,
    RowReader,
    clean_cell,
)
from generator.parsers.layout import (
    RawRow,
)
from generator.pdf import PdfDocument

COLUMNS = (("date", "记账日期"), ("time", "记账时间"), ("currency", "币别"), ("amount", "金额"),
           ("balance", "余额"), ("name", "交易名称"), ("channel", "渠道"), ("branch", "网点名称"),
           ("memo", "附言"), ("payee", "对方账户名"), ("account", "对方卡号/账号"), ("bank", "对方开户行"))


class BocStatement(DocumentParser):
    name = "boc"
    kind = DocumentKind.BANK_STATEMENT
    title = "中国银行交易流水明细清单"
    identifiers = (("中国银行交易流水明细清单", "记账日期", "对方开户行"),)

    def parse(self, doc: PdfDocument, file: str, sha256: str) -> Statement:
        table = read_dated_table(doc, file, COLUMNS, header_error="记账日期…对方开户行", trim_notes=True)
        transactions = [_transaction(file, raw, n) for n, raw in enumerate(table.rows, start=1)]
        status, findings = checks.balance_chain(transactions)
        currency = transactions[0].currency if transactions else "CNY"
        return Statement(file, sha256, self.kind, self.provider, table.holder, table.account, currency,
                         tuple(transactions), {"balance_chain": status}, tuple(findings), doc.page_count)




def _transaction(file: str, raw: RawRow, number: int) -> Transaction:
    r = RowReader(file, raw, number)
    time = r.text("time")
    if time and not is_time(time):
        raise r.fail(f"cannot parse time {time!r} in column 记账时间")
    description = " ".join(t for t in (clean_cell(r.text("name")), clean_cell(r.text("memo"))) if t)
    return Transaction(
        date=r.date("date", "记账日期"), time=time or None,
        amount=r.amount("amount", "金额"), balance=r.optional_amount("balance", "余额"),
        counterparty=clean_cell(r.text("payee")), counterparty_account=clean_cell(r.text("account")),
        description=description, source=SourceRef(file, raw.page, number, raw.bbox),
        currency=CURRENCIES.get(r.text("currency"), r.text("currency") or "CNY"))
