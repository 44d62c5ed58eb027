"""Synthetic 中国农业银行账户活期交易明细清单 (ABC current-account detail list) PDFs.

Nine borderless columns: 交易日期 交易时间 交易摘要 交易金额 本次余额 对手信息 日 志 号 交易渠道
交易附言 (the 日志号 label printed with spaces, as ABC does). Dates print as ``20250310``, times as
``143022`` (or ``14:30:22`` in the newer print), blank on batch-booked rows (正常还款 withholding,
结息); amounts carry an explicit sign (``+8,000.00``); an empty 对手信息 prints ``--``. Long
对手信息 and 交易附言 cells wrap and are centred on their row.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .bankpdf import ALIPAY, Col, Entry, Kind, Sheet, print_amount, render_sheet

TITLE = "中国农业银行账户活期交易明细清单"
TimeStyle = Literal["compact", "colon"]

COLUMNS = (Col("date", "交易日期", 38), Col("time", "交易时间", 34), Col("summary", "交易摘要", 36),
           Col("amount", "交易金额", 50, "right"), Col("balance", "本次余额", 50, "right"),
           Col("counterparty", "对手信息", 90), Col("log", "日 志 号", 42), Col("channel", "交易渠道", 36),
           Col("memo", "交易附言", 78))

SUMMARY: dict[Kind, str] = {"salary": "代发工资", "transfer_in": "转存", "transfer_out": "转支",
                            "spend": "消费", "online": "财付通", "refund": "退款", "atm": "取款",
                            "interest": "结息", "repayment": "快捷支付"}
CHANNEL: dict[Kind, str] = {"salary": "批量代发", "transfer_in": "超级网银", "transfer_out": "掌上银行",
                            "spend": "POS", "online": "电子商务", "refund": "电子商务", "atm": "ATM",
                            "interest": "", "repayment": "电子商务"}


@dataclass(frozen=True)
class AbcStatement:
    holder: str  # 户名
    account: str  # masked, e.g. "6228********1234"
    start: date
    end: date
    entries: Sequence[Entry]  # in printed order
    time_style: TimeStyle = "compact"
    landscape: bool = False
    rows_per_page: int = 24


def summary(e: Entry) -> str:
    if e.kind == "online" and e.payee == ALIPAY:
        return "支付宝"
    return "正常还款" if e.kind == "repayment" and e.withheld else SUMMARY[e.kind]


def batch_booked(e: Entry) -> bool:
    """Rows booked by a batch job print no time (as in real ABC lists)."""
    return e.kind == "interest" or (e.kind == "repayment" and e.withheld)


def printed_time(st: AbcStatement, e: Entry) -> str:
    if batch_booked(e):
        return ""
    return e.time if st.time_style == "colon" else e.time.replace(":", "")


def counterparty(e: Entry) -> str:
    if e.payee is None:
        return "--"
    return f"{e.payee.name} {e.payee.account}".strip()


def log_number(e: Entry, seed: int) -> str:
    if e.kind == "interest":
        return "0000000000"
    return str(random.Random(f"{e.date}{e.time}{seed}").randrange(100_000_000, 999_999_999))


def cells(st: AbcStatement, e: Entry, index: int) -> dict[str, str]:
    """How one entry is printed: every column's text."""
    return {"date": f"{e.date:%Y%m%d}", "time": printed_time(st, e), "summary": summary(e),
            "amount": print_amount(e.amount, plus=True), "balance": print_amount(e.balance),
            "counterparty": counterparty(e), "log": log_number(e, index),
            "channel": "批量" if batch_booked(e) and e.kind == "repayment" else CHANNEL[e.kind], "memo": e.memo}


def sheet(st: AbcStatement) -> Sheet:
    preamble = (
        (f"户名：{st.holder}", f"账号：{st.account}", "币种：人民币"),
        (f"起止日期：{st.start:%Y%m%d}-{st.end:%Y%m%d}", "打印时间：2025-07-01 10:12:33", "打印网点：掌上银行"),
    )
    rows = tuple(cells(st, e, i) for i, e in enumerate(st.entries))
    return Sheet(TITLE, preamble, COLUMNS, rows, footer=lambda page, pages: f"第{page}页/共{pages}页",
                 landscape=st.landscape, rows_per_page=st.rows_per_page)


def render_abc_statement(st: AbcStatement) -> bytes:
    return render_sheet(sheet(st))
