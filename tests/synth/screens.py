"""Synthetic lender-app screenshots of a repayment record (还款记录), for the OCR reader (issue 16).

No fixed layout: each screenshot draws its app (DOMAIN.md section 5's lender entities), theme, row
style, date and amount formats and status words from a seeded random.Random. The truth is what the
screenshot shows, in the shape `dispute parse --json` gives a repayment_schedule: the installments
fully visible on the screen, with the printed status and the state it means. Everything is
synthetic. Pillow with the bundled Noto Sans SC (fonts/SOURCES.txt).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from PIL import Image, ImageDraw, ImageFont

from .lender_plans import PlanRow, amortise

FONTS = Path(__file__).resolve().parents[2] / "fonts"
RGB = tuple[int, int, int]


@dataclass(frozen=True)
class App:
    name: str  # the app as its header shows it
    lender: str  # the licensed entity (DOMAIN.md section 5)
    product: str
    accent: RGB


APPS = (
    App("支付宝", "重庆蚂蚁消费金融有限公司", "借呗", (22, 119, 255)),
    App("微信", "深圳前海微众银行股份有限公司", "微粒贷", (7, 193, 96)),
    App("京东金融", "重庆京东盛际小额贷款有限公司", "金条", (228, 57, 60)),
    App("度小满", "重庆度小满小额贷款有限公司", "有钱花", (48, 102, 246)),
    App("美团", "重庆美团三快小额贷款有限公司", "美团借钱", (255, 195, 0)),
    App("招联金融", "招联消费金融股份有限公司", "好期贷", (200, 30, 50)),
    App("安逸花", "马上消费金融股份有限公司", "安逸花", (255, 102, 0)),
    App("中银消费金融", "中银消费金融有限公司", "新易贷", (180, 20, 40)),
    App("平安消费金融", "平安消费金融有限公司", "平安消费贷", (240, 110, 30)),
    App("小米金融", "重庆小米消费金融有限公司", "小米随借", (255, 105, 0)),
    App("携程金融", "重庆携程小额贷款有限公司", "借款", (40, 120, 240)),
    App("抖音", "深圳市中融小额贷款有限公司", "放心借", (254, 44, 85)),
)

# What the app prints for each state; `state` is what the word means for a decision.
WORDS = {"paid": ("已还", "已还款", "已还清"), "due": ("待还", "未到期", "待还款"), "overdue": ("逾期", "已逾期")}
STATE_OF_WORD = {w: state for state, words in WORDS.items() for w in words} | {"已结清": "paid"}
DATE_FORMATS = ("%Y-%m-%d", "%Y.%m.%d", "%Y/%m/%d", "%Y年%m月%d日")
SIZES = ((1080, 2340), (1080, 2400), (1170, 2532), (720, 1600))


@dataclass(frozen=True)
class Loan:
    app: App
    principal: Decimal
    disbursed_on: date
    contract_number: str
    rows: tuple[PlanRow, ...]  # status holds the state: paid / due / overdue


def random_loan(rng: random.Random) -> Loan:
    """A loan of a random app with some installments paid (on time or late), maybe one overdue, the rest due."""
    app = rng.choice(APPS)
    n = rng.choice((3, 6, 6, 9, 12, 12, 24))
    principal = Decimal(rng.randrange(1000, 50000, 500)).quantize(Decimal("0.01"))
    start = date(rng.choice((2024, 2025)), rng.randint(1, 12), rng.randint(1, 28))
    plan = amortise(principal, Decimal(rng.choice(("0.0720", "0.1095", "0.1800", "0.2400"))), n, start,
                    start.day)
    paid = rng.randint(1, n)
    overdue = rng.random() < 0.25 and paid < n
    rows = []
    for row in plan:
        if row.number <= paid:
            when = row.due_date - timedelta(days=rng.choice((0, 0, 1, 2, 5)))
            if rng.random() < 0.15:
                when = row.due_date + timedelta(days=rng.randint(1, 9))
            stamp = f"{when.isoformat()} {rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
            rows.append(replace(row, status="paid", paid_at=stamp, paid_amount=row.amount_due))
        else:
            rows.append(replace(row, status="overdue" if overdue and row.number == paid + 1 else "due"))
    number = f"{rng.choice(('JK', 'LN', 'HT', 'DK'))}{rng.randint(10**13, 10**14 - 1)}"
    return Loan(app, principal, start, number, tuple(rows))


@dataclass(frozen=True)
class Style:
    dark: bool
    size: tuple[int, int]
    title: str
    rows: str  # line | frac | card | table
    date_format: str
    currency: str  # "", "¥", "￥", "元" (a suffix)
    grouping: bool
    words: dict[str, str]
    show_lender: bool
    show_contract: bool
    show_paid_at: bool
    newest_first: bool
    long: bool  # a scrolling capture: every installment, the image as tall as it needs


def random_style(rng: random.Random, long: bool | None = None) -> Style:
    return Style(
        dark=rng.random() < 0.3, size=rng.choice(SIZES),
        title=rng.choice(("还款记录", "已还账单", "账单明细", "还款计划", "借款详情")),
        rows=rng.choice(("line", "frac", "card", "table")), date_format=rng.choice(DATE_FORMATS),
        currency=rng.choice(("", "¥", "￥", "元")), grouping=rng.random() < 0.7,
        words={state: rng.choice(words) for state, words in WORDS.items()},
        show_lender=rng.random() < 0.6, show_contract=rng.random() < 0.5, show_paid_at=rng.random() < 0.6,
        newest_first=rng.random() < 0.3, long=rng.random() < 0.4 if long is None else long)


def font(size: float, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / ("NotoSansSC-Bold.otf" if bold else "NotoSansSC-Regular.otf")), round(size))


class Painter:
    """A vertical layout on a phone screen: `y` moves down; `fits` says whether a block still fits."""

    def __init__(self, style: Style, accent: RGB, height: int) -> None:
        self.style = style
        self.accent = accent
        self.w = style.size[0]
        self.s = self.w / 1080
        self.bg: RGB = (17, 17, 19) if style.dark else (244, 245, 247)
        self.card: RGB = (32, 32, 36) if style.dark else (255, 255, 255)
        self.ink: RGB = (236, 236, 236) if style.dark else (28, 28, 30)
        self.grey: RGB = (150, 150, 156) if style.dark else (120, 120, 128)
        self.image = Image.new("RGB", (self.w, height), self.bg)
        self.draw = ImageDraw.Draw(self.image)
        self.y = 0.0

    def px(self, v: float) -> float:
        return v * self.s

    def text(self, x: float, y: float, s: str, size: float, colour: RGB | None = None, bold: bool = False,
             anchor: str = "la") -> None:
        self.draw.text((self.px(x), self.px(y)), s, font=font(self.px(size), bold), fill=colour or self.ink,
                       anchor=anchor)

    def box(self, x0: float, y0: float, x1: float, y1: float, colour: RGB, radius: float = 0) -> None:
        self.draw.rounded_rectangle((self.px(x0), self.px(y0), self.px(x1), self.px(y1)), self.px(radius),
                                    fill=colour)


def money(value: Decimal, style: Style) -> str:
    body = f"{value:,.2f}" if style.grouping else f"{value:.2f}"
    return f"{body}元" if style.currency == "元" else f"{style.currency}{body}"


def status_bar(p: Painter, rng: random.Random) -> None:
    p.text(60, 30, f"{rng.randint(8, 23)}:{rng.randint(0, 59):02d}", 38, bold=True)
    for i in range(4):  # signal bars
        h = 12 + 8 * i
        p.box(820 + 14 * i, 62 - h, 830 + 14 * i, 62, p.ink)
    p.text(900, 30, f"{rng.randint(12, 100)}%", 30)
    p.box(980, 34, 1040, 64, p.grey, 6)
    p.y = 110


def header(p: Painter, app: App) -> None:
    p.text(50, p.y + 20, "‹", 64)
    p.text(540, p.y + 30, p.style.title, 46, bold=True, anchor="ma")
    p.text(1030, p.y + 36, "客服", 34, p.grey, anchor="ra")
    p.y += 130


def summary(p: Painter, loan: Loan) -> dict[str, Any]:
    """The loan card; returns the document-level truth it prints."""
    st = p.style
    lines = [("借款金额", money(loan.principal, st)), ("借款日期", loan.disbursed_on.strftime(st.date_format)),
             ("借款期数", f"{len(loan.rows)}期")]
    if st.show_lender:
        lines.append(("放款机构", loan.app.lender))
    if st.show_contract:
        lines.append(("借据号", loan.contract_number))
    top = p.y
    bottom = top + 150 + 62 * len(lines)
    p.box(30, top, 1050, bottom, p.accent if not st.dark else p.card, 28)
    head = (255, 255, 255) if not st.dark else p.ink
    p.text(70, top + 40, f"{loan.app.name} · {loan.app.product}", 44, head, bold=True)
    for i, (label, value) in enumerate(lines):
        y = top + 130 + 62 * i
        p.text(70, y, label, 34, head)
        p.text(1010, y, value, 34 if len(value) < 16 else 30, head, anchor="ra")
    p.y = bottom + 40
    return {"lender": loan.app.lender if st.show_lender else None,
            "contract_number": loan.contract_number if st.show_contract else None}


def _paid_at(row: PlanRow, st: Style) -> str:
    assert row.paid_at is not None
    day, _, clock = row.paid_at.partition(" ")
    return f"{date.fromisoformat(day).strftime(st.date_format)} {clock[:5]}"


def _badge(p: Painter, x_right: float, y: float, word: str, state: str) -> None:
    colour: RGB = {"paid": (52, 168, 83), "due": p.accent, "overdue": (230, 50, 50)}[state]
    width = 34 * len(word) + 36
    p.box(x_right - width, y - 6, x_right, y + 50, colour, 26)
    p.text(x_right - width / 2, y, word, 32, (255, 255, 255), anchor="ma")


def row_line(p: Painter, row: PlanRow, n: int) -> float:
    st = p.style
    word = st.words[row.status]
    extra = st.show_paid_at and row.paid_at is not None
    h = 150 if extra else 110
    p.box(30, p.y, 1050, p.y + h - 6, p.card, 0)
    p.text(70, p.y + 30, f"第{row.number}期  {row.due_date.strftime(st.date_format)}", 38)
    colour = (230, 50, 50) if row.status == "overdue" else p.ink
    p.text(1010, p.y + 30, f"{word} {money(row.amount_due, st)}", 38, colour, anchor="ra")
    if extra:
        p.text(70, p.y + 88, f"还款时间 {_paid_at(row, st)}", 30, p.grey)
    return h


def row_frac(p: Painter, row: PlanRow, n: int) -> float:
    st = p.style
    h = 190 if st.show_paid_at and row.paid_at else 150
    p.box(30, p.y, 1050, p.y + h - 10, p.card, 20)
    p.text(70, p.y + 26, f"{row.number}/{n}期", 40, bold=True)
    p.text(1010, p.y + 26, money(row.amount_due, st), 42, bold=True, anchor="ra")
    p.text(70, p.y + 88, f"{row.due_date.strftime(st.date_format)} 到期", 32, p.grey)
    _badge(p, 1010, p.y + 86, st.words[row.status], row.status)
    if h == 190:
        p.text(70, p.y + 136, f"实还时间 {_paid_at(row, st)}", 30, p.grey)
    return h


def row_card(p: Painter, row: PlanRow, n: int) -> float:
    st = p.style
    pairs = [("应还金额", money(row.amount_due, st)), ("还款日", row.due_date.strftime(st.date_format))]
    if st.show_paid_at and row.paid_at:
        pairs.append(("还款时间", _paid_at(row, st)))
    h = 110 + 60 * len(pairs) + 30
    p.box(30, p.y, 1050, p.y + h - 20, p.card, 24)
    p.text(70, p.y + 30, f"第{row.number}期账单", 40, bold=True)
    _badge(p, 1010, p.y + 28, st.words[row.status], row.status)
    for i, (label, value) in enumerate(pairs):
        y = p.y + 110 + 60 * i
        p.text(70, y, label, 34, p.grey)
        p.text(1010, y, value, 34, anchor="ra")
    return h


COLUMNS = (70, 250, 700, 1010)


def table_head(p: Painter) -> None:
    for x, label, anchor in zip(COLUMNS, ("期数", "到期日", "应还金额", "状态"), ("la", "la", "ra", "ra")):
        p.text(x, p.y + 20, label, 32, p.grey, anchor=anchor)
    p.y += 80


def row_table(p: Painter, row: PlanRow, n: int) -> float:
    st = p.style
    p.box(30, p.y, 1050, p.y + 96, p.card, 0)
    colour = (230, 50, 50) if row.status == "overdue" else p.ink
    cells = (f"{row.number}/{n}", row.due_date.strftime(st.date_format), money(row.amount_due, st), st.words[row.status])
    for x, cell, anchor in zip(COLUMNS, cells, ("la", "la", "ra", "ra")):
        p.text(x, p.y + 26, cell, 34, colour if cell == cells[3] else p.ink, anchor=anchor)
    return 100


ROWS: dict[str, Callable[[Painter, PlanRow, int], float]] = {
    "line": row_line, "frac": row_frac, "card": row_card, "table": row_table}
TAB_BAR = 150


def _installment(row: PlanRow, st: Style) -> dict[str, Any]:
    paid = row.paid_at is not None
    stamp = None
    if paid and st.show_paid_at and st.rows != "table":
        assert row.paid_at is not None
        stamp = row.paid_at[:16]
    return {"number": row.number, "due_date": row.due_date.isoformat(), "amount_due": f"{row.amount_due:.2f}",
            "paid_amount": f"{row.amount_due:.2f}" if paid else None, "paid_at": stamp,
            "status": st.words[row.status], "state": row.status}


def render(loan: Loan, rng: random.Random, style: Style | None = None) -> tuple[Image.Image, dict[str, Any]]:
    """The screenshot and its truth: {"documents": [one repayment_schedule]} plus "style"."""
    st = style or random_style(rng)
    rows = list(reversed(loan.rows)) if st.newest_first else list(loan.rows)
    tall = 6 * st.size[1] if st.long else st.size[1]
    p = Painter(st, loan.app.accent, tall)
    status_bar(p, rng)
    header(p, loan.app)
    doc = summary(p, loan)
    if rng.random() < 0.5:
        p.text(70, p.y, "按时还款，珍惜信用" if rng.random() < 0.5 else f"共{len(rows)}期，点击查看详情", 30, p.grey)
        p.y += 70
    if st.rows == "table":
        table_head(p)
    limit = tall / p.s - TAB_BAR
    shown = []
    for row in rows:
        mark = p.y
        h = ROWS[st.rows](p, row, len(loan.rows))
        if p.y + h > limit:  # drawn past the fold: hide it under the tab bar's background
            p.draw.rectangle((0, p.px(mark), p.w, p.image.height), fill=p.bg)
            p.y = mark
            break
        shown.append(row)
        p.y += h
    height = round(p.px(p.y + 40 + TAB_BAR)) if st.long else st.size[1]
    image = p.image.crop((0, 0, p.w, height)) if st.long else p.image
    _tab_bar(image, p)
    truth = {"kind": "repayment_schedule", "provider": "lender", **doc,
             "installments": [_installment(r, st) for r in sorted(shown, key=lambda r: r.number)]}
    return image, {"documents": [truth], "style": {k: v for k, v in vars(st).items() if k != "words"}
                   | {"words": st.words, "app": loan.app.name}}


def _tab_bar(image: Image.Image, p: Painter) -> None:
    draw = ImageDraw.Draw(image)
    top = image.height - p.px(TAB_BAR)
    draw.rectangle((0, top, image.width, image.height), fill=p.card)
    for i, label in enumerate(("首页", "借钱", "还款", "我的")):
        draw.text((p.px(135 + 270 * i), top + p.px(50)), label, font=font(p.px(30)),
                  fill=p.accent if label == "还款" else p.grey, anchor="ma")
