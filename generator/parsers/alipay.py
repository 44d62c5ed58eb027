"""支付宝交易流水证明 (Alipay transaction-record proof PDF, issued by 支付宝（中国）网络技术有限公司).

Sample row: ``支出  重庆蚂蚁消费金融有限公司  借呗还款  余额  1060.30  2025030922001412345678901234
JB2025030912345678901234  2025-03-09 14:03:22``

A record starts on the line whose 收/支 cell reads 收入, 支出 or 不计收支 (a narrow column wraps
不计收支 as ``不计收`` over ``支``); its other wrapped cells (order numbers, long names, the time
under its date) continue on the lines below, since the cells are top-aligned. Amounts are
unsigned and the 收/支 column gives the direction: 支出 → negative, 收入 → positive.

不计收支 rows move money between the holder's own balances (余额宝 in and out, a withdrawal to the
own card): they keep the printed amount, positive, and their description ends with （不计收支）, so
that they never look like money paid out (a repayment is money out). 交易订单号 and 商家订单号 are
not kept: the Transaction model has no field for them.

No balance column (`balance_chain` not_applicable). The printed summary, above or below the
table (``收入：3笔 8200.00元  支出：12笔 4321.50元  不计收支：2笔 300.00元``), is checked against the
rows (`printed_totals`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.models import DocumentKind
from generator.money import require_amount
from generator.parsers.common import PrintedTotal
from generator.parsers.layout import Line
from generator.parsers.statement import StatementFormat
from generator.parsers.table_spec import NOTE_LINES, Col, Flagged, TableSpec

_CERTIFY = re.compile(r"兹证明[:：](?P<name>[^(（]+)[(（][^)）]*[)）][,，]?在其支付宝账[号户][:：]?(?P<account>.+?)中的?明细(?:信息)?如下")
_PART = r"(收入|支出|不计收支)[:：](\d+)笔([\d,]+\.\d{2})元"
_SUMMARY = re.compile(rf"^(?:{_PART})+$")


class AlipayProof(StatementFormat):
    name = "alipay"
    kind = DocumentKind.PAYMENT_STATEMENT
    title = "支付宝交易流水证明"
    issuer = "支付宝"
    identifiers = (("支付宝交易流水证明",), ("支付宝", "交易流水证明"))
    spec = TableSpec(
        columns=(Col("flow", ("收/支", "收支"), True), Col("counterparty", ("交易对方",)), Col("item", ("商品说明", "商品名称")),
                 Col("method", ("收/付款方式", "收付款方式")), Col("amount", ("金额", "金额(元)"), True),
                 Col("order_no", ("交易订单号",)), Col("merchant_no", ("商家订单号",)),
                 Col("date", ("交易时间", "交易创建时间"), True)),
        amounts=(Flagged(flag="flow", out=("支出",), into=("收入",), neutral=("不计收支",), mark="（不计收支）"),),
        anchor="flow", anchor_values=("收入", "支出", "不计收支"), description=("item",), extra_description=False,
        names_only=True, ends=re.compile(f"{NOTE_LINES.pattern}|{_SUMMARY.pattern}"))

    def printed_totals(self, outside: Sequence[tuple[int, Line]]) -> list[PrintedTotal] | None:
        """The first printed figure of each flow: ``收入：3笔 8200.00元 支出：…`` on one or more lines."""
        seen: dict[str | None, PrintedTotal] = {}
        for page, line in outside:
            text = line.text("")
            if _SUMMARY.match(text):
                for flow, n, total in re.findall(_PART, text):
                    seen.setdefault(flow, PrintedTotal(flow, int(n), require_amount(total), page))
        return list(seen.values())

    def holder(self, preamble: Sequence[Line]) -> tuple[str | None, str | None]:
        """``兹证明：王芳(证件号码：1101**********1234)在其支付宝账号138****5678中明细信息如下：``
        → (王芳, 138****5678); the sentence may wrap, so the preamble is read as one text."""
        m = _CERTIFY.search("".join(line.text("") for line in preamble))
        return (m["name"], m["account"]) if m else (None, None)
