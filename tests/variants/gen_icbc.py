"""中国工商银行借记账户历史明细（电子版） (ICBC debit statement), drawn blind from FORMATS-REAL.md item 48.

A4 landscape. Each row's 交易日期 cell holds the date on its own line above the "HH:MM:SS" line; the
other cells sit on the time line (bottom-aligned, so a wrapped 对方户名 starts on the date line).
Empty cells print "（空）". Amounts are signed with "+" in one 收入/支出金额 column, or split into
收入金额 / 支出金额 (the layout FORMATS.md describes for ICBC's exports). Each page ends with
本页支出算术合计 / 本页收入算术合计 / 本页交易笔数 and "第 N 页 共 M 页". Rows may run newest first.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from .base import Variant, rng
from .gen_cmb import (
    FONT, Block, Line, Txn, card, draw_block, draw_cell, grid, invariant_pdf, ledger, mask, money,
    new_canvas, paginate, period, person, row_count, shade, tx_truth, wrap, _cents,
)

FAMILY = "icbc"

_SUMMARY: dict[str, tuple[str, ...]] = {
    "spend": ("消费", "快捷支付", "银联快捷支付", "网上快捷支付", "POS消费"),
    "platform": ("快捷支付", "网上快捷支付", "财付通快捷支付"),
    "utility": ("代扣", "缴费", "批量代扣"),
    "transfer_out": ("跨行汇款", "转账", "手机银行转账", "汇款"),
    "transfer_in": ("汇款", "他行汇入", "转账", "跨行汇入"),
    "salary": ("工资", "代发工资", "代发"),
    "loan_repay": ("快捷支付", "还款", "代扣", "网上快捷支付"),
    "loan_disburse": ("汇入", "贷款发放", "他行汇入"),
    "refund": ("退款", "退货", "快捷退款"),
    "interest": ("利息", "结息"),
}
_CHANNEL: dict[str, tuple[str, ...]] = {
    "spend": ("POS", "快捷支付", "网上银行"), "platform": ("快捷支付", "第三方支付"),
    "utility": ("批量业务", "网上银行"), "transfer_out": ("手机银行", "网上银行", "柜面"),
    "transfer_in": ("网上银行", "手机银行", "银联入账"), "salary": ("批量业务", "柜面"),
    "loan_repay": ("快捷支付", "第三方支付", "批量业务"), "loan_disburse": ("网上银行", "银联入账"),
    "refund": ("快捷支付", "第三方支付"), "interest": ("批量业务",),
}


@dataclass(frozen=True)
class Col:
    key: str
    label: str
    align: str
    width: float


def _columns(split: bool) -> list[Col]:
    money_cols = [Col("in", "收入金额", "right", 58), Col("out", "支出金额", "right", 58)] if split \
        else [Col("amt", "收入/支出金额", "right", 66)]
    return [
        Col("date", "交易日期", "left", 48), Col("acct", "账号", "left", 92), Col("kind", "储种", "center", 24),
        Col("seq", "序号", "center", 28), Col("cur", "币种", "center", 28), Col("cash", "钞汇", "center", 20),
        Col("summary", "摘要", "left", 52), Col("area", "地区", "center", 26), *money_cols,
        Col("bal", "余额", "right", 64), Col("party", "对方户名", "left", 104), Col("pacct", "对方账号", "left", 92),
        Col("chan", "渠道", "left", 44),
    ]


@dataclass
class Style:
    split: bool
    newest_first: bool
    empty: str
    ruled: bool
    title_every_page: bool
    footer_below_table: bool
    fs: float
    margin: float
    masked: bool
    splits: int
    page: tuple[float, float] = landscape(A4)
    cols: list[Col] = field(default_factory=list)
    x: dict[str, tuple[float, float]] = field(default_factory=dict)


def _style(r: random.Random) -> Style:
    split = r.random() < 0.4
    style = Style(split, r.random() < 0.45, "（空）" if (not split or r.random() < 0.7) else "",
                  r.random() < 0.5, r.random() < 0.5, r.random() < 0.5, round(r.uniform(6.2, 7.4), 1),
                  r.uniform(24, 38), r.random() < 0.5, r.choice((0, 0, 1, 2)))
    style.cols = _columns(split)
    natural = sum(c.width for c in style.cols) * style.fs / 7.0
    scale = (style.page[0] - 2 * style.margin) / natural * style.fs / 7.0
    x = style.margin
    for col in style.cols:
        style.x[col.key] = (x, x + col.width * scale)
        x += col.width * scale
    return style


def _cells(r: random.Random, style: Style, t: Txn, account: str, area: str) -> dict[str, str]:
    e = style.empty
    inflow = t.amount > 0
    cells = {
        "date": "", "acct": account, "kind": "活期", "seq": "00000", "cur": "人民币", "cash": "钞",
        "summary": r.choice(_SUMMARY[t.category]), "area": area, "bal": money(t.balance),
        "party": t.party or e, "pacct": t.account or e, "chan": r.choice(_CHANNEL[t.category]),
    }
    if style.split:
        cells["in"] = money(t.amount) if inflow else e
        cells["out"] = money(t.amount, unsigned=True) if not inflow else e
    else:
        cells["amt"] = money(t.amount, plus=True)
    return cells


def _table(style: Style) -> dict[str, tuple[float, float, str]]:
    return {c.key: (*style.x[c.key], c.align) for c in style.cols}


def _block(r: random.Random, style: Style, t: Txn, account: str, area: str) -> Block:
    """Bottom-aligned cells: the time line of 交易日期 is the row's baseline, the date line above it."""
    text = _cells(r, style, t, account, area if r.random() < 0.85 else r.choice(("0200", "1001", "4000")))
    cells = {c.key: wrap(text[c.key], style.fs, style.x[c.key][1] - style.x[c.key][0] - 4) for c in style.cols}
    cells["date"] = [t.when.date().isoformat(), t.when.strftime("%H:%M:%S")]
    count = max(len(v) for v in cells.values())
    lh = _lh(style)
    lines = [Line(key, line, style.fs * 1.35 + (count - len(texts) + i) * lh)
             for key, texts in cells.items() for i, line in enumerate(texts)]
    return Block(t, lines, count * lh + style.fs * 0.7)


def _lh(style: Style) -> float:
    return style.fs * 1.3


def _title_block(cv: Canvas | None, style: Style, head: list[str], first: bool) -> float:
    """Title (and, on page 1, the preamble); returns the y where the header row goes."""
    w, h = style.page
    y = h - style.margin - 12
    if first or style.title_every_page:
        if cv:
            cv.setFont(FONT, 14)
            cv.drawCentredString(w / 2, y, "中国工商银行借记账户历史明细（电子版）")
        y -= 22
    if first:
        for line in head:
            if cv:
                cv.setFont(FONT, 8.5)
                cv.drawString(style.margin, y, line)
            y -= 14
    return y - 2


def _header_height(style: Style) -> float:
    return style.fs * 2.2


def _header(cv: Canvas, style: Style, top: float) -> float:
    height = _header_height(style)
    table = _table(style)
    if style.ruled:
        shade(cv, table, top, top - height, (0.88, 0.88, 0.88))
    cv.setFont(FONT, style.fs)
    for col in style.cols:
        draw_cell(cv, col.label, *style.x[col.key], top - height / 2 - style.fs * 0.35, "center")
    if style.ruled:
        grid(cv, table, top, top - height)
    return top - height


_MONEY_KEYS = ("amt", "in", "out")


def _footer_lines(blocks: list[Block]) -> list[str]:
    """The page's own sums, over the rows whose amount line is on this page."""
    rows = [b.txn for b in blocks if b.has(_MONEY_KEYS)]
    out = sum((-t.amount for t in rows if t.amount < 0), Decimal(0))
    inc = sum((t.amount for t in rows if t.amount > 0), Decimal(0))
    return [f"本页支出算术合计：{money(out)}", f"本页收入算术合计：{money(inc)}", f"本页交易笔数：{len(rows)}"]


def _render(style: Style, blocks: list[Block], head: list[str]) -> tuple[bytes, list[list[Block]]]:
    buf = io.BytesIO()
    cv = new_canvas(buf, style.page, "中国工商银行借记账户历史明细")
    tops = (_title_block(None, style, head, True), _title_block(None, style, head, False))
    floor = style.margin + 44
    pages = paginate(blocks, lambda n: tops[min(n, 1)] - _header_height(style) - floor, style.fs * 0.3,
                     style.splits)
    table = _table(style)
    for n, page in enumerate(pages, 1):
        y = _header(cv, style, _title_block(cv, style, head, n == 1))
        for block in page:
            draw_block(cv, block, y, table)
            if style.ruled:
                grid(cv, table, y, y - block.height)
            y -= block.height
        _page_footer(cv, style, page, n, len(pages), y)
        cv.showPage()
    cv.save()
    return buf.getvalue(), pages


def _page_footer(cv: Canvas, style: Style, page: list[Block], n: int, total: int, y: float) -> None:
    w = style.page[0]
    cv.setFont(FONT, 8)
    fy = y - 14 if style.footer_below_table else style.margin + 22
    x = style.margin
    for text in _footer_lines(page):
        cv.drawString(x, fy, text)
        x += (w - 2 * style.margin) / 4
    cv.drawCentredString(w / 2, style.margin + 4, f"第 {n} 页 共 {total} 页")


def _head(r: random.Random, style: Style, account: str, holder: str, start: Any, end: Any) -> list[str]:
    shown = mask(account, 4, 4) if style.masked else account
    dash = r.choice((" — ", "—", " - ", " 至 "))
    line = f"卡号 {shown}    户名：{holder}    起止日期：{start.isoformat()}{dash}{end.isoformat()}"
    if r.random() < 0.4:
        return [f"卡号 {shown}", f"户名：{holder}", f"起止日期：{start.isoformat()}{dash}{end.isoformat()}"]
    return [line]


def _variations(style: Style, pages: list[list[Block]]) -> list[str]:
    blocks = [b for page in pages for b in page]
    out = ["48 date on its own line above the HH:MM:SS line"]
    out.append("48 split 收入金额/支出金额 columns (unsigned)" if style.split else "48 signed 收入/支出金额 with +")
    if style.empty:
        out.append("48 （空） for empty cells")
    out.append("48 per-page footer 本页支出/收入算术合计, 本页交易笔数, 第 N 页 共 M 页")
    if style.newest_first:
        out.append("48 newest first")
    if any(len([ln for ln in b.lines if ln.key == "party"]) > 1 for b in blocks if not b.part):
        out.append("48 对方户名 wraps")
    if style.ruled:
        out.append("48 ruled table with shaded header")
    if len(pages) > 1:
        out.append("4 rows continue across page breaks, header repeated" +
                   (" with title" if style.title_every_page else ""))
    if any(b.part for b in blocks):
        out.append("4 a row split by a page break (date line on the page before)")
    return out


def build(seed: int) -> Variant:
    r = rng(FAMILY, seed)
    style = _style(r)
    start, end = period(r)
    txns = ledger(r, row_count(r), start, end, _cents(r, 300, 60000))
    printed = list(reversed(txns)) if style.newest_first else txns
    account = card(r, "6222", 19) if r.random() < 0.7 else card(r, "3602", 19)
    holder = person(r)
    area = r.choice(("0200", "4000", "3602", "1001", "4402", "0301", "1202"))
    blocks = [_block(r, style, t, account, area) for t in printed]
    head = _head(r, style, account, holder, start, end)
    with invariant_pdf():
        pdf, pages = _render(style, blocks, head)
    truth: dict[str, Any] = {
        "kind": "bank_statement", "provider": "icbc", "account_holder": holder,
        "transactions": [tx_truth(t, t.when.strftime("%H:%M:%S"), True, t.party, t.account) for t in printed],
    }
    notes = "printed newest first; balances chain in booking (reverse printed) order" if style.newest_first else ""
    if style.empty:
        notes += ("; " if notes else "") + "（空） cells are truth counterparty \"\""
    return Variant(FAMILY, seed, tuple(_variations(style, pages)), pdf, truth, notes)
