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

from generator.models import DocumentKind, SourceRef, Statement, Transaction
from generator.money import require_amount
from generator.parsers.base import DocumentParser
from generator.parsers.common import (CURRENCIES, PrintedTotal, RowReader, TableLayout, TopAlignedTable,
                                      check_printed_totals, preamble_field, read_date_time, read_top_aligned_table)
from generator.parsers.layout import Line, RawRow
from generator.pdf import PdfDocument, Word

LAYOUT = TableLayout("proof", (("flow", "收/支"), ("counterparty", "交易对方"), ("item", "商品说明"),
                               ("method", "收/付款方式"), ("amount", "金额"), ("order_no", "交易订单号"),
                               ("merchant_no", "商家订单号"), ("time", "交易时间")))
FLOWS = {"支出": -1, "收入": 1, "不计收支": 0}
NEUTRAL = "（不计收支）"
_CERTIFY = re.compile(r"兹证明[:：](?P<name>[^(（]+)[(（][^)）]*[)）]在其支付宝账号(?P<account>.+?)中明细信息如下")
_PART = r"(收入|支出|不计收支)[:：](\d+)笔([\d,]+\.\d{2})元"
_SUMMARY = re.compile(rf"^(?:{_PART})+$")
_NOTES = ("说明", "备注", "注:", "注：")


class AlipayProof(DocumentParser):
    name = "alipay"
    kind = DocumentKind.PAYMENT_STATEMENT
    title = "支付宝交易流水证明"
    identifiers = (("支付宝交易流水证明", "交易订单号", "商家订单号"),)

    def parse(self, doc: PdfDocument, file: str, sha256: str) -> Statement:
        table = read_proof(doc, file)
        holder, account = _holder(table.preamble)
        currency = CURRENCIES.get(preamble_field(table.preamble, "币种") or "", "CNY")
        rows = [_transaction(file, raw, n, currency) for n, raw in enumerate(table.rows, start=1)]
        status, findings = check_printed_totals(file, _summary(table.outside), rows)
        return Statement(file, sha256, self.kind, self.provider, holder, account, currency,
                         tuple(tx for _, tx in rows), {"balance_chain": "not_applicable", "printed_totals": status},
                         tuple(findings), doc.page_count)


def read_proof(doc: PdfDocument, file: str) -> TopAlignedTable:
    return read_top_aligned_table(doc, file, LAYOUT, "flow", _is_row, _ends_table, frozenset({"amount"}))


def _is_row(words: Sequence[Word]) -> bool:
    """收入/支出/不计收支 alone in the 收/支 column, or the first part of a wrapped 不计收支."""
    if len(words) != 1:
        return False
    text = words[0].text
    return text in FLOWS or (len(text) >= 2 and any(f.startswith(text) for f in FLOWS))


def _ends_table(line: Line) -> bool:
    text = line.text("")
    return bool(_SUMMARY.match(text)) or text.startswith(_NOTES)


def _summary(outside: Sequence[tuple[int, Line]]) -> list[PrintedTotal]:
    """The first printed figure of each flow: ``收入：3笔 8200.00元 支出：…`` on one or more lines."""
    seen: dict[str | None, PrintedTotal] = {}
    for page, line in outside:
        text = line.text("")
        if _SUMMARY.match(text):
            for flow, n, total in re.findall(_PART, text):
                seen.setdefault(flow, PrintedTotal(flow, int(n), require_amount(total), page))
    return list(seen.values())


def _holder(preamble: Sequence[Line]) -> tuple[str | None, str | None]:
    """``兹证明：王芳(证件号码：1101**********1234)在其支付宝账号138****5678中明细信息如下：``
    → (王芳, 138****5678); the sentence may wrap, so the preamble is read as one text."""
    m = _CERTIFY.search("".join(line.text("") for line in preamble))
    return (m["name"], m["account"]) if m else (None, None)


def _transaction(file: str, raw: RawRow, number: int, currency: str) -> tuple[str, Transaction]:
    r = RowReader(file, raw, number)
    flow = r.text("flow")
    if len(re.findall(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}", r.text("time"))) > 1:
        raise r.fail(f"two records in one row: {r.text('time')!r} in column 交易时间 (the second has no "
                     f"收入/支出/不计收支 in column 收/支)")
    if flow not in FLOWS:
        raise r.fail(f"cannot read {flow!r} in column 收/支 (expected 收入, 支出 or 不计收支)")
    amount = r.amount("amount", "金额")
    if amount < 0:
        raise r.fail(f"signed amount {r.text('amount')!r} in column 金额 beside 收/支 {flow}")
    day, time = read_date_time(r, "time", "交易时间")
    sign = FLOWS[flow]
    return flow, Transaction(
        date=day, time=time, amount=-amount if sign < 0 and amount else amount, balance=None,
        counterparty=r.text("counterparty"), counterparty_account="",
        description=r.text("item") + (NEUTRAL if sign == 0 else ""),
        source=SourceRef(file, raw.page, number, raw.bbox), currency=currency)
