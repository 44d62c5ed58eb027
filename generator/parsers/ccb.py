"""中国建设银行个人活期账户（全部）交易明细 (CCB current-account detail PDF).

Sample row (dates ``yyyymmdd`` or ``yyyy-mm-dd``, signed amounts)::

    9  代收付  人民币  钞  20250310  -1,060.30  22,272.50  蚂蚁花呗借呗扣款  50050107…/重庆蚂蚁消费金融有限公司

Another version splits 支出 / 收入 and adds 交易时间, 对方户名, 对方账号. 序号 numbers the rows across
pages: a gap or repeat means a row was lost or read twice (the ``row_sequence`` check).
"""

from __future__ import annotations

from generator.models import DocumentKind
from generator.parsers.statement import StatementFormat
from generator.parsers.table_spec import Col, Signed, Split, TableSpec


class CcbStatement(StatementFormat):
    name = "ccb"
    kind = DocumentKind.BANK_STATEMENT
    title = "中国建设银行个人活期账户全部交易明细"
    issuer = "中国建设银行"
    identifiers = (("中国建设银行个人活期账户",), ("中国建设银行", "交易明细"))
    spec = TableSpec(
        columns=(Col("seq", ("序号",)), Col("summary", ("摘要",)), Col("currency", ("币别", "币种")),
                 Col("cash", ("钞汇",)), Col("booked", ("记账日",)), Col("date", ("交易日期",), True),
                 Col("time", ("交易时间",)), Col("amount", ("交易金额",)),
                 Col("debit", ("支出", "支出金额")), Col("credit", ("收入", "收入金额")),
                 Col("balance", ("账户余额", "余额")), Col("place", ("交易地点/附言", "交易地点", "附言")),
                 Col("counterparty", ("对方账号与户名", "对方户名")), Col("counterparty_account", ("对方账号",))),
        amounts=(Split(), Signed()), description=("summary", "place"), sequence="seq",
        holder_labels=("客户名称", "户名", "姓名"), account_labels=("卡号/账号", "账号", "卡号"))
