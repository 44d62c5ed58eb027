"""中国农业银行账户活期交易明细清单 (ABC current-account detail list PDF).

Sample row (dates ``yyyymmdd``, times ``HHMMSS``, signed amounts without separators)::

    20250309  175652  快捷支付  -1060.30  4221.95  重庆蚂蚁消费金融有限公司 50050107360000002979  649168383

Printed with Kangxi-radical code points (⾏ ⼾ ⽇ ⾦, mapped back by the PDF layer); batch-booked
rows (正常还款, 结息) print no time; ``--`` for an empty cell; 日志号 printed spaced (``日 志 号``).
"""

from __future__ import annotations

from generator.models import DocumentKind
from generator.parsers.statement import StatementFormat
from generator.parsers.table_spec import Col, TableSpec


class AbcStatement(StatementFormat):
    name = "abc"
    kind = DocumentKind.BANK_STATEMENT
    title = "中国农业银行账户活期交易明细清单"
    issuer = "中国农业银行"
    identifiers = (("中国农业银行", "交易明细"), ("中国农业银行", "明细清单"))
    spec = TableSpec(
        columns=(Col("date", ("交易日期",), True), Col("time", ("交易时间",)), Col("summary", ("交易摘要", "摘要")),
                 Col("amount", ("交易金额",), True), Col("balance", ("本次余额", "余额")),
                 Col("counterparty", ("对手信息", "对方户名")), Col("log", ("日志号",)),
                 Col("channel", ("交易渠道",)), Col("memo", ("交易附言", "附言"))),
        description=("summary", "memo"))
