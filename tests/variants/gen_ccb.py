"""中国建设银行个人活期账户（全部）交易明细 (CCB debit statement), drawn blind from FORMATS-REAL.md item 49.

Two titles (current "…个人活期账户全部交易明细", older "…个人活期账户交易明细") and two headers:
- combined: 序号 | 摘要 | [币别 | 钞汇] | 交易日期 | 交易金额 | 账户余额 | 交易地点/附言 | 对方账号与户名
  (one signed amount; the counterparty cell holds "account/name");
- split: 序号 | 摘要 | [币别 | 钞汇] | [记账日] | 交易日期 | 交易时间 | 支出 | 收入 | 账户余额 | 交易地点/附言 |
  对方账号 | 对方户名 (unsigned amounts in their own column).
Preamble "卡号/账号:… 客户名称:… 币别:人民币元 钞汇:钞 起止日期:YYYYMMDD-YYYYMMDD", a totals line
"当前时间段收支金额合计：…", 摘要 wrapping inside a narrow cell, footer "- 第1页/共27页 -".
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from .base import Variant, rng
from .gen_cmb import (
    FONT, Block, Line, Txn, card, draw_block, draw_cell, grid, invariant_pdf, ledger, mask, money,
    new_canvas, paginate, period, person, row_count, shade, tx_truth, wrap, _cents,
)

FAMILY = "ccb"

_SUMMARY: dict[str, tuple[str, ...]] = {
    "spend": ("消费", "人民币卡消费款", "银联无卡自助消费", "快捷支付", "POS消费"),
    "platform": ("支付宝快捷支付款", "财付通快捷支付款", "网联快捷支付", "支付机构提现"),
    "utility": ("代收费", "缴费", "批量代扣款"),
    "transfer_out": ("转账支出", "跨行转出", "手机银行转账", "网上银行转账"),
    "transfer_in": ("转账存入", "跨行转入", "汇入", "网上银行转账"),
    "salary": ("代发工资", "工资", "代发劳务费"),
    "loan_repay": ("支付宝快捷支付款", "跨行代扣", "代扣款", "快捷支付", "网联协议支付"),
    "loan_disburse": ("跨行转入", "贷款放款", "汇入"),
    "refund": ("退货", "快捷支付退款", "消费退货"),
    "interest": ("结息", "利息存入"),
}
_PLACE: dict[str, tuple[str, ...]] = {
    "spend": ("银联商户", "", "POS消费", "京东支付"),
    "platform": ("支付宝", "财付通", "网银在线"),
    "utility": ("电费", "水费", "话费充值"),
    "transfer_out": ("手机银行", "网上银行", "转账", ""),
    "transfer_in": ("手机银行", "转账", "", "往来款"),
    "salary": ("工资", "代发工资", "绩效奖金"),
    "loan_repay": ("借呗还款", "微粒贷还款", "招联还款", "还款", "代扣还款"),
    "loan_disburse": ("放款", "贷款", ""),
    "refund": ("退款", "消费退货"),
    "interest": ("", "利息"),
}


_LOAN_PLACE = {"重庆蚂蚁消费金融有限公司": "借呗还款", "深圳前海微众银行股份有限公司": "微粒贷还款",
               "招联消费金融股份有限公司": "招联还款", "马上消费金融股份有限公司": "安逸花还款"}
_VIA = {"财付通": ("财付通支付科技有限公司", "243300133"), "支付宝": ("支付宝（中国）网络技术有限公司", "215500690")}


def _recast(r: random.Random, t: Txn) -> None:
    """How CCB records the other side: a merchant paid through a platform shows the platform as
    对方户名 and the merchant in 交易地点/附言; a lender's repayment names the product in 附言."""
    place = r.choice(_PLACE[t.category])
    if t.category in ("spend", "refund") and r.random() < 0.6:
        via = r.choice(sorted(_VIA))
        place = f"{via}-{t.party}" + ("-退款" if t.category == "refund" else "")
        t.party, t.account = _VIA[via][0], r.choice(("", _VIA[via][1]))
    elif t.category == "loan_repay":
        place = _LOAN_PLACE.get(t.party, r.choice(("还款", "代扣还款", "")))
    t.extra["place"] = place


@dataclass(frozen=True)
class Col:
    key: str
    label: str
    align: str
    width: float


def _columns(r: random.Random, split: bool) -> list[Col]:
    cols = [Col("seq", "序号", "center", 26), Col("summary", "摘要", "left", r.choice((40, 44, 48, 60)))]
    if r.random() < 0.55:
        cols += [Col("cur", "币别", "center", 32), Col("cash", "钞汇", "center", 22)]
    if split:
        if r.random() < 0.35:
            cols.append(Col("book", "记账日", "center", 50))
        cols += [Col("date", "交易日期", "center", 52), Col("time", "交易时间", "center", 46),
                 Col("out", "支出", "right", 62), Col("in", "收入", "right", 62)]
    else:
        cols += [Col("date", "交易日期", "center", 52), Col("amt", "交易金额", "right", 64)]
    cols += [Col("bal", "账户余额", "right", 66), Col("place", "交易地点/附言", "left", 104)]
    if split:
        cols += [Col("pacct", "对方账号", "left", 98), Col("party", "对方户名", "left", 104)]
    else:
        cols.append(Col("pboth", "对方账号与户名", "left", 150))
    return cols


@dataclass
class Style:
    split: bool
    old_title: bool
    ymd: bool
    sep: bool
    ruled: bool
    valign: str
    fs: float
    margin: float
    splits: int
    page: tuple[float, float]
    cols: list[Col] = field(default_factory=list)
    x: dict[str, tuple[float, float]] = field(default_factory=dict)


def _style(r: random.Random) -> Style:
    split = r.random() < 0.45
    page = landscape(A4) if split or r.random() < 0.5 else A4
    style = Style(split, r.random() < 0.35, r.random() < 0.6, r.random() < 0.6, r.random() < 0.7,
                  r.choice(("top", "middle")), round(r.uniform(6.6, 8.0), 1), r.uniform(24, 40),
                  r.choice((0, 2, 3)), page)
    style.cols = _columns(r, split)
    scale = (page[0] - 2 * style.margin) / sum(c.width for c in style.cols)
    x = style.margin
    for col in style.cols:
        style.x[col.key] = (x, x + col.width * scale)
        x += col.width * scale
    return style


def _day(style: Style, d: date) -> str:
    return d.strftime("%Y%m%d") if style.ymd else d.isoformat()


def _cells(r: random.Random, style: Style, n: int, t: Txn) -> dict[str, str]:
    both = "/".join(p for p in (t.account, t.party) if p)
    cells = {
        "seq": str(n), "summary": r.choice(_SUMMARY[t.category]), "cur": "人民币", "cash": "钞",
        "book": _day(style, t.when.date()), "date": _day(style, t.when.date()),
        "time": t.when.strftime("%H:%M:%S"), "bal": money(t.balance, style.sep),
        "place": t.extra["place"], "pacct": t.account, "party": t.party, "pboth": both,
        "amt": money(t.amount, style.sep),
        "out": money(t.amount, style.sep, unsigned=True) if t.amount < 0 else "",
        "in": money(t.amount, style.sep) if t.amount > 0 else "",
    }
    return cells


def _table(style: Style) -> dict[str, tuple[float, float, str]]:
    return {c.key: (*style.x[c.key], c.align) for c in style.cols}


def _lh(style: Style) -> float:
    return style.fs * 1.25


def _block(r: random.Random, style: Style, n: int, t: Txn) -> Block:
    """Top-aligned cells (a wrap runs downward) or middle-aligned ones (a wrap straddles the line)."""
    text = _cells(r, style, n, t)
    cells = {c.key: wrap(text[c.key], style.fs, style.x[c.key][1] - style.x[c.key][0] - 4) for c in style.cols}
    count = max(len(v) for v in cells.values())
    lh = _lh(style)
    lines: list[Line] = []
    for key, texts in cells.items():
        shift = 0.0 if style.valign == "top" else (count - len(texts)) / 2 * lh
        lines += [Line(key, line, style.fs * 1.45 + shift + i * lh) for i, line in enumerate(texts)]
    return Block(t, lines, count * lh + style.fs * 0.9)


def _header_height(style: Style) -> float:
    return style.fs * 2.3


def _header(cv: Canvas, style: Style, top: float) -> float:
    height = _header_height(style)
    table = _table(style)
    if style.ruled:
        shade(cv, table, top, top - height, (0.86, 0.9, 0.96))
    cv.setFont(FONT, style.fs)
    for col in style.cols:
        draw_cell(cv, col.label, *style.x[col.key], top - height / 2 - style.fs * 0.35, "center")
    if style.ruled:
        grid(cv, table, top, top - height)
    return top - height


@dataclass
class Head:
    holder: str
    account: str
    start: date
    end: date
    lines: list[str]


def _head(r: random.Random, style: Style, txns: list[Txn], start: date, end: date) -> Head:
    holder, account = person(r), mask(card(r, "6217", 19), 6, 4) if r.random() < 0.6 else card(r, "6217", 19)
    rng_text = f"{start.strftime('%Y%m%d')}-{end.strftime('%Y%m%d')}"
    parts = [f"卡号/账号:{account}", f"客户名称:{holder}", "币别:人民币元", "钞汇:钞", f"起止日期:{rng_text}"]
    lines = ["    ".join(parts)] if style.page[0] > 700 and r.random() < 0.6 else \
        ["    ".join(parts[:2]), "    ".join(parts[2:])]
    inc = sum((t.amount for t in txns if t.amount > 0), Decimal(0))
    out = sum((-t.amount for t in txns if t.amount < 0), Decimal(0))
    if r.random() < 0.5:
        total = f"当前时间段收支金额合计：收入 {money(inc, style.sep)} 元，支出 {money(out, style.sep)} 元"
    else:
        total = f"当前时间段收支金额合计：收入:+{money(inc, style.sep)}  支出:-{money(out, style.sep)}"
    return Head(holder, account, start, end, lines + [total])


def _top(cv: Canvas | None, style: Style, head: Head, first: bool) -> float:
    w, h = style.page
    y = h - style.margin - 12
    if first:
        title = "中国建设银行个人活期账户交易明细" if style.old_title else "中国建设银行个人活期账户全部交易明细"
        if cv:
            cv.setFont(FONT, 14)
            cv.drawCentredString(w / 2, y, title)
        y -= 24
        for line in head.lines:
            if cv:
                cv.setFont(FONT, 8)
                cv.drawString(style.margin, y, line)
            y -= 13
    return y - 2


def _render(style: Style, blocks: list[Block], head: Head) -> tuple[bytes, list[list[Block]]]:
    buf = io.BytesIO()
    cv = new_canvas(buf, style.page, "中国建设银行个人活期账户交易明细")
    tops = (_top(None, style, head, True), _top(None, style, head, False))
    floor = style.margin + 22
    pages = paginate(blocks, lambda n: tops[min(n, 1)] - _header_height(style) - floor, style.fs * 0.3,
                     style.splits)
    table = _table(style)
    for n, page in enumerate(pages, 1):
        y = _header(cv, style, _top(cv, style, head, n == 1))
        for block in page:
            draw_block(cv, block, y, table)
            if style.ruled:
                grid(cv, table, y, y - block.height)
            y -= block.height
        cv.setFont(FONT, 8)
        cv.drawCentredString(style.page[0] / 2, style.margin, f"- 第{n}页/共{len(pages)}页 -")
        cv.showPage()
    cv.save()
    return buf.getvalue(), pages


def _variations(style: Style, pages: list[list[Block]]) -> list[str]:
    keys = {c.key for c in style.cols}
    blocks = [b for page in pages for b in page]
    out = ["49 older title 个人活期账户交易明细" if style.old_title else "49 title 个人活期账户全部交易明细"]
    out.append("49 split 支出/收入 header with 交易时间, 对方账号, 对方户名" if style.split
               else "49 combined header with 对方账号与户名 and signed 交易金额")
    out.append("49 preamble with 起止日期 YYYYMMDD-YYYYMMDD and 当前时间段收支金额合计 line")
    out.append("49 dates YYYYMMDD" if style.ymd else "49 dates YYYY-MM-DD")
    if any(len([ln for ln in b.lines if ln.key == "summary"]) > 1 for b in blocks if not b.part):
        out.append(f"49 摘要 wraps ({'downward' if style.valign == 'top' else 'straddling the row'})")
    if "cur" in keys:
        out.append("49 币别/钞汇 columns")
    if "book" in keys:
        out.append("49 记账日 column")
    out.append("49 amounts with thousands separators" if style.sep else "49 amounts without separators")
    out.append(f"49 footer - 第1页/共{len(pages)}页 -")
    if len(pages) > 1:
        out.append("4 rows continue across page breaks, header repeated")
    if any(b.part for b in blocks):
        out.append("4 a wrapped row split by a page break")
    return out


def build(seed: int) -> Variant:
    r = rng(FAMILY, seed)
    style = _style(r)
    start, end = period(r)
    txns = ledger(r, row_count(r), start, end, _cents(r, 100, 50000))
    for t in txns:
        _recast(r, t)
    head = _head(r, style, txns, start, end)
    blocks = [_block(r, style, n, t) for n, t in enumerate(txns, 1)]
    with invariant_pdf():
        pdf, pages = _render(style, blocks, head)
    time = style.split
    truth: dict[str, Any] = {
        "kind": "bank_statement", "provider": "ccb", "account_holder": head.holder,
        "transactions": [tx_truth(t, t.when.strftime("%H:%M:%S") if time else None, True, t.party, t.account)
                         for t in txns],
    }
    notes = "对方账号与户名 printed as account/name" if not style.split else ""
    return Variant(FAMILY, seed, tuple(_variations(style, pages)), pdf, truth, notes)

