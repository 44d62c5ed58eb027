"""Synthetic 招商银行交易流水 (China Merchants Bank transaction statement) PDFs.

The output mimics the real CMB statement closely enough to exercise a parser:

* every page repeats the title, the English subtitle, the period line, the two-line
  (Chinese over English) table header and a ``第N页/共M页`` footer; page 1 has the preamble;
* the table is borderless (one thin rule under the header);
* a cell that does not fit its column wraps, and a multi-line cell is centred vertically on its
  row, so the first line of a wrapped 对手信息 sits *above* the date/amount line.

Everything is synthetic. Output is byte-deterministic: same input, same bytes.
"""

from __future__ import annotations

import datetime
import io
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal
from pathlib import Path
from typing import Literal

from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as to_landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .fonts import invariant_reportlab, register_cjk_font

TITLE = "招商银行交易流水"
SUBTITLE = "Transaction Statement of China Merchants Bank"
PRODUCER = "synthetic statement generator"

CENT = Decimal("0.01")


# --------------------------------------------------------------------------- data model


@dataclass(frozen=True)
class CmbRow:
    date: datetime.date
    amount: Decimal  # signed; negative = money out
    balance: Decimal
    summary: str  # 交易摘要
    counterparty: str  # 对手信息, "name account" or ""
    currency: str = "人民币"


@dataclass(frozen=True)
class CmbStatement:
    holder: str  # 户名
    account: str  # masked, e.g. "6214********1234"
    start: date
    end: date
    rows: Sequence[CmbRow]  # in printed order
    rows_per_page: int = 25
    landscape: bool = False
    printed_at: str = "2025-07-01 10:00:00"
    verification_code: str = "AB12CD34"
    branch: str = "北京分行营业部"


# --------------------------------------------------------------------------- page geometry

Align = Literal["left", "right"]


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    x0: float
    x1: float
    align: Align

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass(frozen=True)
class PageLayout:
    width: float
    height: float
    columns: tuple[Column, ...]
    preamble_right_x: float  # x of the second preamble column
    margin: float = 36.0

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


def _columns(xs: Sequence[tuple[float, float]]) -> tuple[Column, ...]:
    spec: tuple[tuple[str, str, str, Align], ...] = (
        ("date", "记账日期", "Date", "left"),
        ("currency", "货币", "Currency", "left"),
        ("amount", "交易金额", "Transaction Amount", "right"),
        ("balance", "联机余额", "Balance", "right"),
        ("summary", "交易摘要", "Transaction Type", "left"),
        ("counterparty", "对手信息", "Counter Party", "left"),
    )
    return tuple(
        Column(k, zh, en, x0, x1, al) for (k, zh, en, al), (x0, x1) in zip(spec, xs, strict=True)
    )


_PW, _PH = A4
_LW, _LH = to_landscape(A4)

PORTRAIT = PageLayout(
    width=_PW,
    height=_PH,
    columns=_columns([(36, 100), (104, 140), (144, 230), (236, 312), (324, 390), (398, 559)]),
    preamble_right_x=310,
)
LANDSCAPE = PageLayout(
    width=_LW,
    height=_LH,
    columns=_columns([(36, 110), (116, 160), (166, 266), (274, 370), (392, 482), (494, 806)]),
    preamble_right_x=440,
)

# Type sizes and vertical metrics (points).
TITLE_SIZE = 16.0
SUBTITLE_SIZE = 9.0
TEXT_SIZE = 9.0
HEADER_EN_SIZE = 7.0
LINE_PITCH = 11.0  # between the lines of a wrapped cell
ROW_PADDING = 6.0  # added to lines × LINE_PITCH for the row height
GLYPH_MID = 3.2  # baseline to the visual middle of a 9pt line
PREAMBLE_PITCH = 14.0
FOOTER_Y = 28.0
BODY_BOTTOM = 46.0  # rows never go below this


def _title_y(layout: PageLayout) -> float:
    return layout.height - 50


def _table_header_y(layout: PageLayout, first_page: bool) -> float:
    """Baseline of the Chinese header line."""
    return layout.height - (156 if first_page else 104)


def _body_top(layout: PageLayout, first_page: bool) -> float:
    return _table_header_y(layout, first_page) - 18


# --------------------------------------------------------------------------- text helpers


def format_amount(value: Decimal) -> str:
    """``Decimal('-1050')`` → ``"-1,050.00"``."""
    return f"{value.quantize(CENT):,.2f}"


def _width(text: str, font: str, size: float) -> float:
    return float(stringWidth(text, font, size))


def _longest_prefix(token: str, font: str, size: float, width: float) -> int:
    cut = 1
    while cut < len(token) and _width(token[: cut + 1], font, size) <= width:
        cut += 1
    return cut


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy wrap at spaces, breaking a token that is wider than the column by characters."""
    lines: list[str] = []
    current = ""
    for token in text.split():
        candidate = f"{current} {token}" if current else token
        if _width(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while _width(token, font, size) > width:
            cut = _longest_prefix(token, font, size, width)
            lines.append(token[:cut])
            token = token[cut:]
        current = token
    if current:
        lines.append(current)
    return lines


# --------------------------------------------------------------------------- row layout


@dataclass(frozen=True)
class _RowBlock:
    cells: dict[str, list[str]] = field(hash=False)
    height: float


def _row_block(row: CmbRow, layout: PageLayout, font: str) -> _RowBlock:
    cells = {
        "date": [row.date.isoformat()],
        "currency": [row.currency],
        "amount": [format_amount(row.amount)],
        "balance": [format_amount(row.balance)],
        "summary": wrap_text(row.summary, font, TEXT_SIZE, layout.column("summary").width),
        "counterparty": wrap_text(
            row.counterparty, font, TEXT_SIZE, layout.column("counterparty").width
        ),
    }
    lines = max(1, *(len(v) for v in cells.values()))
    return _RowBlock(cells, lines * LINE_PITCH + ROW_PADDING)


def _paginate(
    blocks: Sequence[_RowBlock], layout: PageLayout, rows_per_page: int
) -> list[list[_RowBlock]]:
    """At most ``rows_per_page`` rows a page, fewer when tall (wrapped) rows would overflow."""
    if rows_per_page < 1:
        raise ValueError(f"rows_per_page must be >= 1, got {rows_per_page}")
    pages: list[list[_RowBlock]] = [[]]
    room = _body_top(layout, True) - BODY_BOTTOM
    for block in blocks:
        page = pages[-1]
        if page and (len(page) >= rows_per_page or block.height > room):
            pages.append([])
            room = _body_top(layout, False) - BODY_BOTTOM
        pages[-1].append(block)
        room -= block.height
    return pages


# --------------------------------------------------------------------------- drawing


def _draw_title(c: Canvas, layout: PageLayout, font: str) -> None:
    # WenQuanYi has no bold face: fill + stroke the glyphs (render mode 2) for a bold look.
    text = c.beginText()
    text.setFont(font, TITLE_SIZE)
    text.setTextRenderMode(2)
    width = _width(TITLE, font, TITLE_SIZE)
    text.setTextOrigin((layout.width - width) / 2, _title_y(layout))
    text.textOut(TITLE)
    c.saveState()
    c.setLineWidth(0.35)
    c.drawText(text)
    c.restoreState()


def _draw_page_chrome(
    c: Canvas, stmt: CmbStatement, layout: PageLayout, font: str, page_no: int, pages: int
) -> None:
    _draw_title(c, layout, font)
    c.setFont(font, SUBTITLE_SIZE)
    c.drawCentredString(layout.width / 2, _title_y(layout) - 16, SUBTITLE)
    period = f"{stmt.start.isoformat()} -- {stmt.end.isoformat()}"
    c.setFont(font, TEXT_SIZE)
    c.drawRightString(layout.width - layout.margin, _title_y(layout) - 34, period)
    c.drawCentredString(layout.width / 2, FOOTER_Y, f"第{page_no}页/共{pages}页")


def _draw_preamble(c: Canvas, stmt: CmbStatement, layout: PageLayout, font: str) -> None:
    pairs = (
        (f"户名：{stmt.holder}", f"账号：{stmt.account}"),
        ("账户类型：一卡通", f"开户网点：{stmt.branch}"),
        (f"申请时间：{stmt.printed_at}", f"验证码：{stmt.verification_code}"),
    )
    c.setFont(font, TEXT_SIZE)
    y = _title_y(layout) - 54
    for left, right in pairs:
        c.drawString(layout.margin, y, left)
        c.drawString(layout.preamble_right_x, y, right)
        y -= PREAMBLE_PITCH


def _draw_table_header(c: Canvas, layout: PageLayout, font: str, first_page: bool) -> None:
    y = _table_header_y(layout, first_page)
    for col in layout.columns:
        mid = (col.x0 + col.x1) / 2
        c.setFont(font, TEXT_SIZE)
        c.drawCentredString(mid, y, col.zh)
        c.setFont(font, HEADER_EN_SIZE)
        c.drawCentredString(mid, y - 10, col.en)
    c.saveState()
    c.setLineWidth(0.5)
    c.line(layout.margin, y - 14, layout.width - layout.margin, y - 14)
    c.restoreState()


def _draw_cell(c: Canvas, col: Column, lines: Sequence[str], mid_baseline: float) -> None:
    """Draw ``lines`` centred vertically on ``mid_baseline`` (the date line's baseline)."""
    first = mid_baseline + (len(lines) - 1) / 2 * LINE_PITCH
    for i, line in enumerate(lines):
        y = first - i * LINE_PITCH
        if col.align == "right":
            c.drawRightString(col.x1, y, line)
        else:
            c.drawString(col.x0, y, line)


def _draw_row(c: Canvas, layout: PageLayout, font: str, block: _RowBlock, top: float) -> float:
    """Draw one row whose band starts at ``top``; return the top of the next row."""
    baseline = top - block.height / 2 - GLYPH_MID
    c.setFont(font, TEXT_SIZE)
    for col in layout.columns:
        _draw_cell(c, col, block.cells[col.key], baseline)
    return top - block.height



def render_cmb_statement(stmt: CmbStatement) -> bytes:
    """The statement as PDF bytes (deterministic)."""
    font = register_cjk_font()
    layout = LANDSCAPE if stmt.landscape else PORTRAIT
    blocks = [_row_block(row, layout, font) for row in stmt.rows]
    pages = _paginate(blocks, layout, stmt.rows_per_page)
    buffer = io.BytesIO()
    with invariant_reportlab():
        c = Canvas(buffer, pagesize=(layout.width, layout.height), invariant=1, pageCompression=1)
        c.setTitle(TITLE)
        c.setProducer(PRODUCER)
        c.setCreator(PRODUCER)
        c.setAuthor("")
        c.setSubject("")
        for number, page in enumerate(pages, start=1):
            first = number == 1
            _draw_page_chrome(c, stmt, layout, font, number, len(pages))
            if first:
                _draw_preamble(c, stmt, layout, font)
            _draw_table_header(c, layout, font, first)
            top = _body_top(layout, first)
            for block in page:
                top = _draw_row(c, layout, font, block, top)
            c.showPage()
        c.save()
    return buffer.getvalue()


def write_cmb_statement(stmt: CmbStatement, path: Path) -> None:
    Path(path).write_bytes(render_cmb_statement(stmt))


# --------------------------------------------------------------------------- synthetic rows

_EMPLOYERS = (
    "北京星辰数据科技有限公司",
    "上海云帆信息技术有限公司",
    "深圳市前海远景智能科技有限公司",
    "杭州青禾网络科技有限公司",
)
_PEOPLE = ("张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄晓明", "周杰", "吴丽")


@dataclass(frozen=True)
class _Spend:
    summary: str
    counterparty: str  # may contain {order}
    low: int  # cents
    high: int  # cents
    weight: int


_SPENDS = (
    _Spend("银联消费", "北京麦当劳食品有限公司", 1500, 9000, 6),
    _Spend("银联消费", "中国石化销售股份有限公司北京石油分公司", 20000, 50000, 2),
    _Spend("银联消费", "沃尔玛（中国）投资有限公司北京宣武门分店", 3000, 40000, 3),
    _Spend("快捷支付", "财付通支付科技有限公司 美团外卖订单 {order}", 1500, 12000, 8),
    _Spend(
        "快捷支付",
        "支付宝（中国）网络技术有限公司 上海拉扎斯信息科技有限公司 {order}",
        1200,
        9000,
        5,
    ),
    _Spend("快捷支付", "京东支付-北京京东世纪贸易有限公司 {order}", 2000, 80000, 3),
    _Spend("银联在线支付", "中国铁路网络有限公司 {order}", 5000, 60000, 1),
    _Spend("网联协议支付", "支付宝-滴滴出行科技有限公司", 1000, 8000, 4),
)


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _cents(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low, high)).scaleb(-2).quantize(CENT)


def _yuan(rng: random.Random, low: int, high: int, step: int = 100) -> Decimal:
    return Decimal(rng.randrange(low, high + 1, step)).quantize(CENT)


def _card(rng: random.Random) -> str:
    return rng.choice(("6214", "6225", "6222", "6217")) + _digits(rng, 12)


@dataclass
class _Walk:
    rng: random.Random
    balance: Decimal
    employer: str
    salary: Decimal
    paid_months: set[tuple[int, int]] = field(default_factory=set)


def _salary_row(w: _Walk, d: date) -> tuple[Decimal, str, str]:
    w.paid_months.add((d.year, d.month))
    amount = w.salary + _cents(w.rng, 0, 50000) if w.rng.random() < 0.3 else w.salary
    return amount, "代发工资", w.employer


def _credit_row(w: _Walk, d: date, at_least: Decimal) -> tuple[Decimal, str, str]:
    amount = max(_yuan(w.rng, 500, 5000), at_least)
    amount = (amount / 100).to_integral_value(ROUND_CEILING) * 100
    who = f"{w.rng.choice(_PEOPLE)} {_card(w.rng)}"
    return amount.quantize(CENT), "转账汇款", who


def _spend_row(w: _Walk, d: date, cap: Decimal) -> tuple[Decimal, str, str] | None:
    rng = w.rng
    roll = rng.random()
    if roll < 0.10:
        amount, summary, who = (
            _yuan(rng, 100, 3000),
            "转账汇款",
            f"{rng.choice(_PEOPLE)} {_card(rng)}",
        )
    elif roll < 0.15:
        amount, summary, who = _yuan(rng, 500, 2000, 500), "ATM取款", ""
    else:
        spend = rng.choices(_SPENDS, weights=[s.weight for s in _SPENDS])[0]
        order = f"{d:%Y%m%d}{_digits(rng, rng.choice((14, 18, 20)))}"
        amount, summary = _cents(rng, spend.low, spend.high), spend.summary
        who = spend.counterparty.format(order=order)
    if amount > cap:
        return None
    return -amount, summary, who


def _refund_row(w: _Walk, d: date) -> tuple[Decimal, str, str]:
    order = f"{d:%Y%m%d}{_digits(w.rng, 18)}"
    return _cents(w.rng, 500, 6000), "网联协议支付退款", f"财付通支付科技有限公司 {order}"


def _dates(rng: random.Random, n: int, start: date) -> list[date]:
    out: list[date] = []
    d = start
    for i in range(n):
        if i and rng.random() >= 0.4:  # 40%: another row on the same day
            d += timedelta(days=rng.randint(1, 3))
        out.append(d)
    return out


def make_rows(
    seed: int,
    n: int,
    start: date,
    opening_balance: Decimal,
    *,
    repayments: Sequence[tuple[date, Decimal, str]] = (),
) -> list[CmbRow]:
    """``n`` rows in date order: salary, spending, transfers, refunds and the given repayments.

    ``n`` counts every row, repayments included. A repayment is ``(date, amount, counterparty)``;
    its amount is taken as a size (printed as ``-abs(amount)``, summary 快捷支付). Each row's
    balance is the previous balance plus its amount, exactly. Generated rows keep enough money
    for repayments due within 35 days, topping up by a transfer in when needed; the balance can
    only go negative if a repayment comes before any generated row and the opening balance is short.
    """
    if n < len(repayments):
        raise ValueError(f"n={n} is smaller than the {len(repayments)} repayments")
    rng = random.Random(seed)
    w = _Walk(
        rng=rng,
        balance=opening_balance.quantize(CENT),
        employer=f"{rng.choice(_EMPLOYERS)} {_digits(rng, 15)}",
        salary=_yuan(rng, 8000, 20000),
    )
    slots: list[tuple[date, float, int]] = [
        (d, rng.random(), -1) for d in _dates(rng, n - len(repayments), start)
    ]
    slots += [(d, rng.random(), i) for i, (d, _, _) in enumerate(repayments)]
    slots.sort(key=lambda s: (s[0], s[1]))
    pending = {i: abs(Decimal(a)).quantize(CENT) for i, (_, a, _) in enumerate(repayments)}

    rows: list[CmbRow] = []
    for d, _, rep in slots:
        if rep >= 0:
            amount, summary, who = -pending.pop(rep), "快捷支付", repayments[rep][2]
        else:
            reserve = sum(
                (a for i, a in pending.items() if repayments[i][0] - d <= timedelta(days=35)),
                Decimal(0),
            )
            amount, summary, who = _generated(w, d, reserve)
        w.balance += amount
        rows.append(CmbRow(d, amount, w.balance, summary, who))
    return rows


def _generated(w: _Walk, d: date, reserve: Decimal) -> tuple[Decimal, str, str]:
    free = w.balance - reserve
    if d.day >= 10 and (d.year, d.month) not in w.paid_months:
        return _salary_row(w, d)
    if free < Decimal(300):
        return _credit_row(w, d, reserve - w.balance + Decimal(1000))
    roll = w.rng.random()
    if roll < 0.06:
        return _refund_row(w, d)
    if roll < 0.14:
        return _credit_row(w, d, Decimal(0))
    spent = _spend_row(w, d, free - Decimal(100))
    return spent if spent is not None else _credit_row(w, d, Decimal(0))
