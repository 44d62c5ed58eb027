"""中国银行交易流水明细清单 (Bank of China transaction detail list PDF, landscape).

Sample row: ``2025-03-09  20:38:21  人民币  -1,060.30  2,224.43  网上快捷支付  第三方支付  -------
借呗还款JB2024011000123  重庆蚂蚁消费金融有限公司  50001234567890123456  中国工商银行股份有限公司…``
Amounts are signed; ``-------`` for an empty cell; the table ends at the 温馨提示 or the END marker.
"""

from __future__ import annotations

from generator.models import DocumentKind
from generator.parsers.statement import StatementFormat
from generator.parsers.table_spec import Col, TableSpec


class BocStatement(StatementFormat):
    name = "boc"
    kind = DocumentKind.BANK_STATEMENT
    title = "中国银行交易流水明细清单"
    issuer = "中国银行"
    identifiers = (("中国银行交易流水明细清单",),)
    spec = TableSpec(
        columns=(Col("date", ("记账日期", "交易日期"), True), Col("time", ("记账时间", "交易时间")),
                 Col("currency", ("币别", "币种")), Col("amount", ("金额", "交易金额"), True),
                 Col("balance", ("余额",)), Col("name", ("交易名称",)), Col("channel", ("渠道",)),
                 Col("branch", ("网点名称",)), Col("memo", ("附言",)), Col("counterparty", ("对方账户名", "对方户名")),
                 Col("counterparty_account", ("对方卡号/账号", "对方账号")), Col("bank", ("对方开户行",))),
        description=("name", "memo"), holder_labels=("客户姓名", "户名"), account_labels=("借记卡号", "账号", "卡号"))
