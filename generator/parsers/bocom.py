"""交通银行个人客户交易清单 (Bank of Communications personal transaction list PDF).

Sample row: ``8  2025/03/09  20:38:21  快捷支付  借 Dr  1,060.30  2,224.43  50001234567890123456
重庆蚂蚁消费金融有限公司  网上支付跨行清算平台  借呗还款JB2024052000456``
Amounts are unsigned: the 借贷 column gives the direction (``借 Dr`` money out, ``贷 Cr`` money in).
Wrapped cells are top-aligned: they start on the date line and continue below it. The printed
序号 runs 1…n across pages and is checked (`checks.row_numbers`), so a lost row cannot pass.
"""

from __future__ import annotations


from generator.dates import is_time
from generator.models import DocumentKind, Finding, SourceRef, Statement, Transaction
from generator.parsers import checks
from generator.parsers.base import DocumentParser
from generator.parsers.common import (
    read_dated_table,
    RowReader,
    flag_sign,
    rows_below_anchor,
)
from generator.parsers.layout import (
    RawRow,
)
from generator.pdf import PdfDocument

COLUMNS = (("no", "序号"), ("date", "交易日期"), ("time", "交易时间"), ("type", "交易类型"), ("flag", "借贷"),
           ("amount", "交易金额"), ("balance", "余额"), ("account", "对方账号"), ("payee", "对方户名"),
           ("place", "交易地点"), ("memo", "摘要"))


class BocomStatement(DocumentParser):
    name = "bocom"
    kind = DocumentKind.BANK_STATEMENT
    title = "交通银行个人客户交易清单"
    identifiers = (("交通银行个人客户交易清单", "交易日期", "借贷"),)

    def parse(self, doc: PdfDocument, file: str, sha256: str) -> Statement:
        table = read_dated_table(doc, file, COLUMNS, header_error="序号…摘要", group=rows_below_anchor,
                                 trim_notes=True)
        rows = [(raw.texts.get("no", "").strip(), _transaction(file, raw, n)) for n, raw in enumerate(table.rows, start=1)]
        transactions = [tx for _, tx in rows]
        status, findings = checks.balance_chain(transactions)
        numbers, number_findings = _row_numbers(rows)
        return Statement(file, sha256, self.kind, self.provider, table.holder, table.account, "CNY", tuple(transactions),
                         {"balance_chain": status, "row_numbers": numbers}, tuple(findings + number_findings),
                         doc.page_count)




def _row_numbers(rows: list[tuple[str, Transaction]]) -> tuple[str, list[Finding]]:
    """序号 must read 1, 2, 3 … in printed order: a gap means a row was lost (or misread)."""
    for expected, (printed, tx) in enumerate(rows, start=1):
        if printed != str(expected):
            return "failed", [Finding("row_numbers_failed", f"{tx.source.location()}: 序号 {printed!r}, expected {expected}",
                                      (tx.source,))]
    return "ok", []


def _transaction(file: str, raw: RawRow, number: int) -> Transaction:
    r = RowReader(file, raw, number)
    sign = flag_sign(r.text("flag"))
    if sign is None:
        raise r.fail(f"cannot read debit/credit flag {r.text('flag')!r} in column 借贷")
    amount = r.amount("amount", "交易金额")
    if amount < 0:
        raise r.fail(f"signed amount {r.text('amount')!r} in column 交易金额 beside flag {r.text('flag')!r}")
    time = r.text("time")
    if time and not is_time(time):
        raise r.fail(f"cannot parse time {time!r} in column 交易时间")
    description = " ".join(t for t in (r.text("type"), r.text("memo")) if t)
    return Transaction(
        date=r.date("date", "交易日期"), time=time or None, amount=-amount if sign < 0 and amount else amount,
        balance=r.optional_amount("balance", "余额"), counterparty=r.text("payee"),
        counterparty_account=r.text("account"), description=description,
        source=SourceRef(file, raw.page, number, raw.bbox))
