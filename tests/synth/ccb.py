"""Synthetic 中国建设银行个人活期账户全部交易明细 (CCB current-account detail) PDFs.

Nine columns in a ruled grid on a portrait page: 序号 摘要 币别 钞汇 交易日期 交易金额 账户余额
交易地点/附言 对方账号与户名. Dates print as ``20250310``, amounts are signed; the 对方账号与户名
cell holds ``account/name`` (``50050107360000002979/重庆蚂蚁消费金融有限公司``) and wraps, as does a
long 附言 (``蚂蚁花呗借呗扣款^<order>^jiebei``). 序号 counts the printed rows across pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .bankpdf import TENPAY, Col, Entry, Kind, Sheet, print_amount, render_sheet

TITLE = "中国建设银行个人活期账户全部交易明细"

COLUMNS = (Col("seq", "序号", 18, "center"), Col("summary", "摘要", 36), Col("currency", "币别", 24),
           Col("cash", "钞汇", 20), Col("date", "交易日期", 38), Col("amount", "交易金额", 52, "right"),
           Col("balance", "账户余额", 52, "right"), Col("place", "交易地点/附言", 78),
           Col("counterparty", "对方账号与户名", 96))

SUMMARY: dict[Kind, str] = {"salary": "代发工资", "transfer_in": "转账存入", "transfer_out": "转账支取",
                            "spend": "消费", "online": "支付宝快捷", "refund": "退款", "atm": "ATM取款",
                            "interest": "结息", "repayment": "快捷支付"}
PLACE: dict[Kind, str] = {"salary": "代发工资", "transfer_in": "手机银行", "transfer_out": "手机银行",
                          "spend": "北京市海淀区", "online": "", "refund": "", "atm": "建行北京中关村支行ATM",
                          "interest": "活期结息", "repayment": ""}


@dataclass(frozen=True)
class CcbStatement:
    holder: str  # 户名
    account: str  # masked, e.g. "6217********5678"
    start: date
    end: date
    entries: Sequence[Entry]  # in printed order
    yen: bool = False
    rows_per_page: int = 24


def summary(e: Entry) -> str:
    if e.kind == "online" and e.payee == TENPAY:
        return "财付通快捷"
    return "代收付" if e.kind == "repayment" and e.withheld else SUMMARY[e.kind]


def place(e: Entry) -> str:
    """交易地点/附言: the place for counter and ATM rows, the payment's memo for online ones."""
    return PLACE[e.kind] or e.memo


def counterparty(e: Entry) -> str:
    if e.payee is None:
        return ""
    return f"{e.payee.account}/{e.payee.name}" if e.payee.account else e.payee.name


def cells(st: CcbStatement, e: Entry, seq: int) -> dict[str, str]:
    """How one entry is printed at position `seq` (1-based): every column's text."""
    return {"seq": str(seq), "summary": summary(e), "currency": "人民币", "cash": "钞",
            "date": f"{e.date:%Y%m%d}", "amount": print_amount(e.amount, yen=st.yen),
            "balance": print_amount(e.balance, yen=st.yen), "place": place(e), "counterparty": counterparty(e)}


def sheet(st: CcbStatement) -> Sheet:
    preamble = (
        (f"户名：{st.holder}", f"账号：{st.account}"),
        (f"起始日期：{st.start:%Y%m%d}", f"结束日期：{st.end:%Y%m%d}", "币别：人民币"),
        ("打印日期：20250701", "打印渠道：手机银行"),
    )
    rows = tuple(cells(st, e, i) for i, e in enumerate(st.entries, start=1))
    return Sheet(TITLE, preamble, COLUMNS, rows, footer=lambda page, pages: f"第 {page} 页 共 {pages} 页",
                 rows_per_page=st.rows_per_page, grid=True)


def render_ccb_statement(st: CcbStatement) -> bytes:
    return render_sheet(sheet(st))
