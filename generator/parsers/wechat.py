"""微信支付交易明细证明 (WeChat Pay transaction-detail proof PDF, stamped by 财付通支付科技有限公司).

Sample row: ``4200001234202503151234567890  2025-03-15 08:30:05  微粒贷还款  支出  零钱  532.18  微众银行
WLD20250315123456789012345678``

Borderless, can run to hundreds of pages, header repeated on every page. A record starts on the
line whose 交易时间 cell begins with a date; its cells are top-aligned, so the wrapped 交易单号 and
商户单号 and, in a narrow column, the time under its date continue on the lines below. Amounts are
unsigned and 收/支/其他 gives the direction: 支出 → negative, 收入 → positive. 其他 rows (``/`` in
older prints) move money between the holder's own 零钱, 零钱通 and cards: they keep the printed
amount, positive, and their description (the 交易类型) ends with （其他）, so that they never look like
money paid out. 交易单号 and 商户单号 are not kept: the Transaction model has no field for them.

No balance column (`balance_chain` not_applicable). A summary printed above the table
(``共40笔  收入：3笔 8,200.00元  支出：35笔 4,321.50元  其他：2笔 300.00元``; counts optional) is
checked against the rows (`printed_totals`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.models import DocumentKind, Transaction
from generator.money import require_amount
from generator.parsers.common import PrintedTotal, RowReader
from generator.parsers.layout import Line
from generator.parsers.statement import StatementFormat
from generator.parsers.rows import Columns
from generator.parsers.table_spec import NOTE_LINES, AmountRule, Col, Flagged, TableSpec

_CERTIFY = re.compile(r"兹证明[:：](?P<name>[^(（]+)[(（][^)）]*[)）][,，]?在其微信号[:：]?(?P<account>.+?)中的?(?:交易)?明细信息如下")
_COUNT = r"共(\d+)笔(?:记录)?"
_PART = r"(收入|支出|其他)[:：]?(?:(\d+)笔)?([\d,]+\.\d{2})元"
_SUMMARY = re.compile(rf"^{_COUNT}[,，]?(?:{_PART}[,，]?)*$")


class WechatProof(StatementFormat):
    name = "wechat"
    kind = DocumentKind.PAYMENT_STATEMENT
    title = "微信支付交易明细证明"
    issuer = "微信支付"
    identifiers = (("微信支付交易明细证明",), ("财付通支付科技有限公司", "交易明细证明"))
    spec = TableSpec(
        columns=(Col("tx_no", ("交易单号",)), Col("date", ("交易时间",), True), Col("kind", ("交易类型",)),
                 Col("flow", ("收/支/其他", "收/支"), True), Col("method", ("交易方式", "支付方式")),
                 Col("amount", ("金额(元)", "金额"), True), Col("counterparty", ("交易对方",)),
                 Col("merchant_no", ("商户单号",))),
        amounts=(Flagged(flag="flow", out=("支出",), into=("收入",), neutral=("其他", "/"), mark="（其他）"),),
        description=("kind",), extra_description=False, names_only=True,
        ends=re.compile(f"{NOTE_LINES.pattern}|{_SUMMARY.pattern}"))

    def transaction(self, r: RowReader, columns: Columns, rule: AmountRule, currency: str) -> tuple[str, Transaction]:
        flow, tx = super().transaction(r, columns, rule, currency)
        return ("其他" if flow == "/" else flow), tx

    def printed_totals(self, outside: Sequence[tuple[int, Line]]) -> list[PrintedTotal] | None:
        """The first summary line: ``共40笔`` and each flow's figures (the count is optional)."""
        for page, line in outside:
            text = line.text("")
            m = _SUMMARY.match(text)
            if m:
                return [PrintedTotal(None, int(m[1]), None, page)] + [
                    PrintedTotal(flow, int(n) if n else None, require_amount(total), page)
                    for flow, n, total in re.findall(_PART, text[m.end(1):])]
        return []

    def holder(self, preamble: Sequence[Line]) -> tuple[str | None, str | None]:
        """``兹证明：李娜（身份证：4401**********5678）在其微信号：lina_1990中明细信息如下：`` → (李娜, lina_1990)."""
        m = _CERTIFY.search("".join(line.text("") for line in preamble))
        return (m["name"], m["account"]) if m else (None, None)
