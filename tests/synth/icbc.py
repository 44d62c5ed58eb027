"""Synthetic 中国工商银行借记账户历史明细（电子版） (ICBC debit-account history) PDFs.

Thirteen columns on a landscape page, newest row first as ICBC prints them:
交易日期 账号 储种 序号 币种 钞汇 摘要 地区 收入/支出金额 余额 对方户名 对方账号 渠道. Two versioned
layouts: ``signed`` (one signed 收入/支出金额 column, dates without a time) and ``split``
(收入金额 and 支出金额 columns, the time printed after the date except on batch-booked rows
such as 结息). Long 对方户名 / 对方账号 cells wrap and are centred on their row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .bankpdf import Col, Entry, Kind, Sheet, mask, print_amount, render_sheet

TITLE = "中国工商银行借记账户历史明细（电子版）"
Layout = Literal["signed", "split"]

_HEAD = (Col("date", "交易日期", 46), Col("account", "账号", 56), Col("deposit_type", "储种", 22),
         Col("seq", "序号", 26), Col("currency", "币种", 26), Col("cash", "钞汇", 20),
         Col("summary", "摘要", 44), Col("region", "地区", 22))
_TAIL = (Col("balance", "余额", 58, "right"), Col("name", "对方户名", 80), Col("cp_account", "对方账号", 56),
         Col("channel", "渠道", 40))
COLUMNS: dict[Layout, tuple[Col, ...]] = {
    "signed": _HEAD + (Col("amount", "收入/支出金额", 60, "right"),) + _TAIL,
    "split": (Col("date", "交易日期", 74),) + _HEAD[1:] + (Col("credit", "收入金额", 54, "right"),
                                                        Col("debit", "支出金额", 54, "right")) + _TAIL,
}

SUMMARY: dict[Kind, str] = {"salary": "工资", "transfer_in": "他行汇入", "transfer_out": "跨行汇款",
                            "spend": "消费", "online": "快捷支付", "refund": "退款", "atm": "ATM取款",
                            "interest": "结息", "repayment": "快捷支付"}
CHANNEL: dict[Kind, str] = {"salary": "批量业务", "transfer_in": "网上银行", "transfer_out": "手机银行",
                            "spend": "POS", "online": "第三方支付", "refund": "第三方支付", "atm": "自助设备",
                            "interest": "批量业务", "repayment": "第三方支付"}


@dataclass(frozen=True)
class IcbcStatement:
    holder: str  # 户名
    account: str  # masked card number, e.g. "6222********1234"
    start: date
    end: date
    entries: Sequence[Entry]  # in printed order (ICBC prints the newest first)
    layout: Layout = "signed"
    yen: bool = False  # amounts printed as ¥1,234.56
    rows_per_page: int = 20


def summary(e: Entry) -> str:
    return "代扣" if e.kind == "repayment" and e.withheld else SUMMARY[e.kind]


def shows_time(st: IcbcStatement, e: Entry) -> bool:
    """The split layout prints the booking time, except on batch-booked rows (结息)."""
    return st.layout == "split" and e.kind != "interest"


def cells(st: IcbcStatement, e: Entry) -> dict[str, str]:
    """How one entry is printed: every column's text."""
    person = e.kind in ("transfer_in", "transfer_out")
    out = {
        "date": e.date.isoformat() + (f" {e.time}" if shows_time(st, e) else ""),
        "account": st.account[:4] + "****" + st.account[-4:],
        "deposit_type": "活期", "seq": "00000", "currency": "人民币", "cash": "钞",
        "summary": summary(e), "region": "0200",
        "balance": print_amount(e.balance, yen=st.yen),
        "name": e.payee.name if e.payee else "",
        "cp_account": (mask(e.payee.account) if person else e.payee.account) if e.payee else "",
        "channel": CHANNEL[e.kind],
    }
    if st.layout == "signed":
        out["amount"] = print_amount(e.amount, plus=True, yen=st.yen)
    else:
        out["credit" if e.amount > 0 else "debit"] = print_amount(abs(e.amount), yen=st.yen)
    return out


def sheet(st: IcbcStatement) -> Sheet:
    preamble = (
        (f"户名：{st.holder}", f"卡号：{st.account}", "币种：人民币"),
        (f"起止日期：{st.start.isoformat()} 至 {st.end.isoformat()}", "打印日期：2025-07-01", "验证码：IC7Q2M9X"),
    )
    return Sheet(TITLE, preamble, COLUMNS[st.layout], tuple(cells(st, e) for e in st.entries),
                 footer=lambda page, pages: f"第 {page} 页/共 {pages} 页", landscape=True,
                 rows_per_page=st.rows_per_page)


def render_icbc_statement(st: IcbcStatement) -> bytes:
    return render_sheet(sheet(st))
