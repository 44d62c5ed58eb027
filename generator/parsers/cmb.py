"""招商银行交易流水 (CMB debit-card statement PDF).

Sample row: ``2025-03-10  人民币  -1,050.00  8,950.12  快捷支付  重庆蚂蚁消费金融有限公司 2088…``
The current layout prints a Chinese header row above an English one (``Transaction Amount`` over
two lines) and lets the user choose the columns (客户摘要 among them); the 2020 layout has no
English row. 对手信息 and 客户摘要 wrap onto two lines straddling the row's date line.
"""

from __future__ import annotations

from generator.models import DocumentKind
from generator.parsers.statement import StatementFormat
from generator.parsers.table_spec import Col, TableSpec


class CmbStatement(StatementFormat):
    name = "cmb"
    kind = DocumentKind.BANK_STATEMENT
    title = "招商银行交易流水"
    issuer = "招商银行"
    identifiers = (("招商银行交易流水",), ("Transaction Statement of China Merchants Bank",))
    spec = TableSpec(
        columns=(Col("date", ("记账日期", "交易日期", "Date"), True),
                 Col("currency", ("货币", "币种", "Currency")),
                 Col("amount", ("交易金额", "Transaction Amount", "Amount"), True),
                 Col("balance", ("联机余额", "余额", "Balance")),
                 Col("summary", ("交易摘要", "Transaction Type")),
                 Col("counterparty", ("对手信息", "Counter Party", "Counterparty")),
                 Col("customer", ("客户摘要", "Customer Type", "Customer Summary"))),
        description=("summary", "customer"))
