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

from generator.dates import is_date
from generator.models import DocumentKind, SourceRef, Statement, Transaction
from generator.money import require_amount
from generator.parsers.base import DocumentParser
from generator.parsers.common import (PrintedTotal, RowReader, TableLayout, TopAlignedTable, check_printed_totals,
                                      read_date_time, read_top_aligned_table)
from generator.parsers.layout import Line, RawRow
from generator.pdf import PdfDocument, Word

LAYOUT = TableLayout("proof", (("tx_no", "交易单号"), ("time", "交易时间"), ("kind", "交易类型"),
                               ("flow", "收/支/其他"), ("method", "交易方式"), ("amount", "金额(元)"),
                               ("counterparty", "交易对方"), ("merchant_no", "商户单号")))
FLOWS = {"支出": -1, "收入": 1, "其他": 0, "/": 0}
NEUTRAL = "（其他）"
_CERTIFY = re.compile(r"兹证明[:：](?P<name>[^(（]+)[(（][^)）]*[)）][,，]?在其微信号[:：]?(?P<account>.+?)中的?明细信息如下")
_COUNT = r"共(\d+)笔(?:记录)?"
_PART = r"(收入|支出|其他)[:：]?(?:(\d+)笔)?([\d,]+\.\d{2})元"
_SUMMARY = re.compile(rf"^{_COUNT}[,，]?(?:{_PART}[,，]?)*$")
_NOTES = ("说明", "备注", "注:", "注：")


class WechatProof(DocumentParser):
    name = "wechat"
    kind = DocumentKind.PAYMENT_STATEMENT
    title = "微信支付交易明细证明"
    identifiers = (("微信支付交易明细证明", "交易单号", "商户单号"),)

    def parse(self, doc: PdfDocument, file: str, sha256: str) -> Statement:
        table = read_proof(doc, file)
        holder, account = _holder(table.preamble)
        rows = [_transaction(file, raw, n) for n, raw in enumerate(table.rows, start=1)]
        status, findings = check_printed_totals(file, _summary(table.outside), rows)
        return Statement(file, sha256, self.kind, self.provider, holder, account, "CNY",
                         tuple(tx for _, tx in rows), {"balance_chain": "not_applicable", "printed_totals": status},
                         tuple(findings), doc.page_count)


def read_proof(doc: PdfDocument, file: str) -> TopAlignedTable:
    return read_top_aligned_table(doc, file, LAYOUT, "time", _is_row, _ends_table, frozenset({"amount"}))


def _is_row(words: Sequence[Word]) -> bool:
    """A date first in the 交易时间 column (the time beside it or on the next line)."""
    return bool(words) and is_date(words[0].text)


def _ends_table(line: Line) -> bool:
    text = line.text("")
    return bool(_SUMMARY.match(text)) or text.startswith(_NOTES)


def _summary(outside: Sequence[tuple[int, Line]]) -> list[PrintedTotal]:
    """The first summary line: ``共40笔`` and each flow's figures (the count is optional)."""
    for page, line in outside:
        text = line.text("")
        m = _SUMMARY.match(text)
        if m:
            return [PrintedTotal(None, int(m[1]), None, page)] + [
                PrintedTotal(flow, int(n) if n else None, require_amount(total), page)
                for flow, n, total in re.findall(_PART, text[m.end(1):])]
    return []


def _holder(preamble: Sequence[Line]) -> tuple[str | None, str | None]:
    """``兹证明：李娜（身份证：4401**********5678）在其微信号：lina_1990中明细信息如下：`` → (李娜, lina_1990)."""
    m = _CERTIFY.search("".join(line.text("") for line in preamble))
    return (m["name"], m["account"]) if m else (None, None)


def _transaction(file: str, raw: RawRow, number: int) -> tuple[str, Transaction]:
    r = RowReader(file, raw, number)
    flow = r.text("flow")
    if flow not in FLOWS:
        raise r.fail(f"cannot read {flow!r} in column 收/支/其他 (expected 收入, 支出 or 其他)")
    amount = r.amount("amount", "金额(元)")
    if amount < 0:
        raise r.fail(f"signed amount {r.text('amount')!r} in column 金额(元) beside 收/支/其他 {flow}")
    day, time = read_date_time(r, "time", "交易时间")
    sign = FLOWS[flow]
    return ("其他" if sign == 0 else flow), Transaction(
        date=day, time=time, amount=-amount if sign < 0 and amount else amount, balance=None,
        counterparty=r.text("counterparty"), counterparty_account="",
        description=r.text("kind") + (NEUTRAL if sign == 0 else ""),
        source=SourceRef(file, raw.page, number, raw.bbox))
