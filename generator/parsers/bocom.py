"""交通银行个人客户交易清单 / Bocom Personal Account Details.

Sample row: ``8  2025/03/09  20:38:21  快捷支付  借 Dr  1,060.30  2,224.43  50001234567890123456
重庆蚂蚁消费金融有限公司  网上支付跨行清算平台  借呗还款JB2024052000456``
The header prints English above Chinese in cells of up to three lines (``Serial`` / ``Num`` /
``序号``). Amounts are unsigned: 借贷 gives the direction (``借 Dr`` out, ``贷 Cr`` in). 序号 runs
1…n across pages and is checked, so a lost row cannot pass.
"""

from __future__ import annotations

from generator.models import DocumentKind
from generator.parsers.statement import StatementFormat
from generator.parsers.table_spec import Col, Flagged, TableSpec


class BocomStatement(StatementFormat):
    name = "bocom"
    kind = DocumentKind.BANK_STATEMENT
    title = "交通银行个人客户交易清单"
    issuer = "交通银行"
    identifiers = (("交通银行个人客户交易清单",), ("Bocom Personal Account Details",))
    spec = TableSpec(
        columns=(Col("seq", ("序号", "Serial Num", "Serial Number")), Col("date", ("交易日期", "Trans Date"), True),
                 Col("time", ("交易时间", "Trans Time")), Col("type", ("交易类型", "Trading Type")),
                 Col("flag", ("借贷", "借贷标志", "Dc Flg")), Col("amount", ("交易金额", "Trans Amt"), True),
                 Col("balance", ("余额", "Balance")),
                 Col("counterparty_account", ("对方账号", "Payment Receipt Account")),
                 Col("counterparty", ("对方户名", "Payment Receipt Account Name")),
                 Col("place", ("交易地点", "Trading Place")), Col("memo", ("摘要", "Abstract"))),
        amounts=(Flagged(),), description=("type", "memo"), sequence="seq",
        holder_labels=("户名", "Account Name"), account_labels=("账号/卡号", "账号", "卡号"))
