"""Synthetic 中国银行交易流水明细清单 (Bank of China transaction detail list) PDFs.

Twelve columns in a ruled grid: 记账日期 记账时间 币别 金额 余额 交易名称 渠道 网点名称 附言 对方账户名
对方卡号/账号 对方开户行. Amounts are signed; long 附言 / 对方开户行 cells wrap and are centred on
their row, so a wrapped cell's first line sits above the date line. An empty text cell prints
``-------`` as BOC's exports do. Every page repeats the title and header; page 1 has the preamble.
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

TITLE = "中国银行交易流水明细清单"
EMPTY = "-------"

COLUMNS = (
    Col("date", "记账日期", 40), Col("time", "记账时间", 31), Col("currency", "币别", 22),
    Col("amount", "金额", 46, "right"), Col("balance", "余额", 46, "right"), Col("name", "交易名称", 40),
    Col("channel", "渠道", 30), Col("branch", "网点名称", 42), Col("memo", "附言", 60),
    Col("payee", "对方账户名", 56), Col("account", "对方卡号/账号", 50), Col("bank", "对方开户行", 46),
)

NAMES: dict[str, str] = {"salary": "代发工资", "transfer_in": "转账汇入", "transfer_out": "转账汇出",
                         "spend": "POS消费", "online": "网上快捷支付", "refund": "网上快捷退货",
                         "atm": "ATM取款", "interest": "结息", "repayment": "网上快捷支付"}
CHANNELS: dict[str, str] = {"salary": "批量代发", "transfer_in": "手机银行", "transfer_out": "手机银行",
                            "spend": "银联", "online": "第三方支付", "refund": "第三方支付", "atm": "ATM",
                            "interest": "系统", "repayment": "第三方支付"}


@dataclass(frozen=True)
class BocStatement:
    holder: str  # 户名
    account: str  # masked, e.g. "6217********5678"
    start: date
    end: date
    entries: Sequence[Entry]  # in printed order
    rows_per_page: int = 22
    landscape: bool = False
    date_style: DateStyle = "iso"
    amount_prefix: str = ""  # "", "CNY " or "¥"
    branch: str = "中国银行北京中关村支行"
    printed_at: str = "2025-07-01 09:30:12"


def printed(st: BocStatement, e: Entry) -> dict[str, str]:
    """How one entry is printed: every column's text."""
    at_branch = e.kind in ("atm", "spend", "salary", "interest")
    return {
        "date": print_date(e.date, st.date_style), "time": e.time, "currency": "人民币",
        "amount": print_amount(e.amount, st.amount_prefix), "balance": print_amount(e.balance, st.amount_prefix),
        "name": NAMES[e.kind], "channel": CHANNELS[e.kind], "branch": st.branch if at_branch else EMPTY,
        "memo": e.memo or EMPTY,
        "payee": e.payee.name if e.payee else EMPTY,
        "account": (e.payee.account or EMPTY) if e.payee else EMPTY,
        "bank": (e.payee.bank or EMPTY) if e.payee else EMPTY,
    }


def render_boc_statement(st: BocStatement) -> bytes:
    period = f"{print_date(st.start, st.date_style)} 至 {print_date(st.end, st.date_style)}"
    preamble = (
        (f"户名：{st.holder}", f"账号：{st.account}", "币别：人民币"),
        (f"起止日期：{period}", f"打印时间：{st.printed_at}", f"开户网点：{st.branch}"),
    )
    sheet = Sheet(TITLE, preamble, COLUMNS, tuple(printed(st, e) for e in st.entries),
                  landscape=st.landscape, font_size=6.5 if not st.landscape else 7.5,
                  rows_per_page=st.rows_per_page, grid=True,
                  footer_note="本清单仅供参考，如需证明请加盖中国银行业务专用章")
    return render_sheet(sheet)
