"""中国工商银行借记账户历史明细（电子版） (ICBC debit-account history PDF).

Sample row (the date on its own line above the rest)::

    2025-03-09
    14:30:22  6222****1234  活期  00000  人民币  钞  快捷支付  0200  -1,060.30  2,224.43  重庆蚂蚁…

One signed 收入/支出金额 column (``+4,000.00``), or split 收入金额 / 支出金额 columns; ``（空）`` for an
empty cell; per-page footers (本页支出算术合计 …). ICBC prints the newest row first; the balance
chain runs oldest first.
"""

from __future__ import annotations

from generator.models import DocumentKind
from generator.parsers.statement import StatementFormat
from generator.parsers.table_spec import Col, Signed, Split, TableSpec


class IcbcStatement(StatementFormat):
    name = "icbc"
    kind = DocumentKind.BANK_STATEMENT
    title = "中国工商银行借记账户历史明细（电子版）"
    issuer = "中国工商银行"
    identifiers = (("中国工商银行借记账户历史明细",), ("中国工商银行", "借记账户历史明细"))
    spec = TableSpec(
        columns=(Col("date", ("交易日期", "日期"), True), Col("own_account", ("账号", "卡号")),
                 Col("deposit_type", ("储种",)), Col("serial", ("序号",)), Col("currency", ("币种",)),
                 Col("cash", ("钞汇",)), Col("summary", ("摘要",)), Col("region", ("地区",)),
                 Col("amount", ("收入/支出金额", "发生额", "交易金额")), Col("credit", ("收入金额", "收入")),
                 Col("debit", ("支出金额", "支出")), Col("balance", ("余额", "账户余额")),
                 Col("counterparty", ("对方户名",)), Col("counterparty_account", ("对方账号",)),
                 Col("channel", ("渠道", "交易渠道")), Col("time", ("交易时间",))),
        amounts=(Split(), Signed()), description=("summary",))
