"""招商银行交易流水 (CMB debit-card statement PDF).

Sample row: ``2025-03-10  人民币  -1,050.00  8,950.12  快捷支付  重庆蚂蚁消费金融有限公司 2088…``
The 对手信息 cell wraps and is vertically centred, so its first line can sit above the date.
"""

from __future__ import annotations


from generator.models import DocumentKind, SourceRef, Statement, Transaction
from generator.parsers import checks
from generator.parsers.base import DocumentParser
from generator.parsers.common import CURRENCIES, RowReader, read_dated_table, split_counterparty
from generator.parsers.layout import Line, RawRow
from generator.pdf import PdfDocument

COLUMNS = (("date", "记账日期"), ("currency", "货币"), ("amount", "交易金额"),
           ("balance", "联机余额"), ("summary", "交易摘要"), ("counterparty", "对手信息"))


class CmbStatement(DocumentParser):
    name = "cmb"
    kind = DocumentKind.BANK_STATEMENT
    title = "招商银行交易流水"
    identifiers = (("招商银行交易流水", "记账日期", "联机余额"),
                   ("Transaction Statement of China Merchants Bank", "记账日期"))

    def parse(self, doc: PdfDocument, file: str, sha256: str) -> Statement:
        table = read_dated_table(doc, file, COLUMNS, header_error="记账日期…对手信息", header_depth=_header_depth)
        transactions = [_transaction(file, raw, n) for n, raw in enumerate(table.rows, start=1)]
        status, findings = checks.balance_chain(transactions)
        currency = transactions[0].currency if transactions else "CNY"
        return Statement(file, sha256, self.kind, self.provider, table.holder, table.account, currency,
                         tuple(transactions), {"balance_chain": status}, tuple(findings), doc.page_count)


def _header_depth(lines: list[Line], header: int) -> int:
    """The Chinese header line is followed by an English one (Date, Currency, …)."""
    depth = 1
    for line in lines[header + 1:header + 3]:
        if all(w.text.isascii() and w.text.replace("/", "").isalpha() for w in line.words):
            depth += 1
        else:
            break
    return depth




def _transaction(file: str, raw: RawRow, number: int) -> Transaction:
    r = RowReader(file, raw, number)
    name, account = split_counterparty(r.text("counterparty"))
    currency = CURRENCIES.get(r.text("currency"), r.text("currency") or "CNY")
    return Transaction(
        date=r.date("date", "记账日期"), time=None,
        amount=r.amount("amount", "交易金额"), balance=r.optional_amount("balance", "联机余额"),
        counterparty=name, counterparty_account=account, description=r.text("summary"),
        source=SourceRef(file, raw.page, number, raw.bbox), currency=currency)
