"""Synthetic 交通银行个人客户交易清单 (Bank of Communications personal transaction list) PDFs.

Columns 序号 交易日期 交易时间 交易类型 借贷 交易金额 余额 对方账号 对方户名 交易地点 摘要. Amounts are
unsigned; the 借贷 column says the direction (``借 Dr`` money out, ``贷 Cr`` money in). The table is
borderless and a wrapped cell starts on its row's first line and continues below it (top-aligned),
unlike the centred cells of CMB and BOC. Every page repeats the title and header.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .generic_banks import (
    Col,
    DateStyle,
    Entry,
    Sheet,
    print_amount,
    print_date,
    render_sheet,
)

TITLE = "交通银行个人客户交易清单"

COLUMNS = (
    Col("no", "序号", 18, "center"), Col("date", "交易日期", 38), Col("time", "交易时间", 32),
    Col("type", "交易类型", 36), Col("flag", "借贷", 22, "center"), Col("amount", "交易金额", 44, "right"),
    Col("balance", "余额", 44, "right"), Col("account", "对方账号", 52), Col("payee", "对方户名", 56),
    Col("place", "交易地点", 46), Col("memo", "摘要", 52),
)

TYPES: dict[str, str] = {"salary": "代发工资", "transfer_in": "转账", "transfer_out": "转账",
                         "spend": "消费", "online": "网上支付", "refund": "退货", "atm": "ATM取款",
                         "interest": "利息", "repayment": "快捷支付"}
PLACES: dict[str, str] = {"salary": "交通银行北京分行", "transfer_in": "手机银行", "transfer_out": "手机银行",
                          "spend": "银联POS", "online": "网上支付跨行清算平台", "refund": "网上支付跨行清算平台",
                          "atm": "交通银行北京海淀支行ATM", "interest": "交通银行北京分行",
                          "repayment": "网上支付跨行清算平台"}


@dataclass(frozen=True)
class BocomStatement:
    holder: str  # 户名
    account: str  # masked card number
    start: date
    end: date
    entries: Sequence[Entry]  # in printed order
    rows_per_page: int = 24
    landscape: bool = False
    date_style: DateStyle = "slash"
    amount_prefix: str = ""  # "", "CNY " or "¥"; amounts are unsigned


def flag(e: Entry) -> str:
    return "借 Dr" if e.amount < 0 else "贷 Cr"


def printed(st: BocomStatement, e: Entry, number: int) -> dict[str, str]:
    """How one entry is printed: every column's text (序号 counts from 1 across pages)."""
    return {
        "no": str(number), "date": print_date(e.date, st.date_style), "time": e.time,
        "type": TYPES[e.kind], "flag": flag(e),
        "amount": print_amount(abs(e.amount), st.amount_prefix), "balance": print_amount(e.balance, st.amount_prefix),
        "account": e.payee.account if e.payee else "", "payee": e.payee.name if e.payee else "",
        "place": PLACES[e.kind], "memo": e.memo,
    }


def render_bocom_statement(st: BocomStatement) -> bytes:
    period = f"{print_date(st.start, st.date_style)}-{print_date(st.end, st.date_style)}"
    preamble = (
        (f"户名：{st.holder}", f"账号：{st.account}", "币种：人民币"),
        (f"查询起止日期：{period}", "打印日期：2025/07/01", "打印网点：交通银行北京分行营业部"),
    )
    sheet = Sheet(TITLE, preamble, COLUMNS, tuple(printed(st, e, i) for i, e in enumerate(st.entries, 1)),
                  landscape=st.landscape, font_size=6.5 if not st.landscape else 7.5,
                  rows_per_page=st.rows_per_page, valign="top")
    return render_sheet(sheet)
