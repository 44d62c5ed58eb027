"""Shared pieces of the synthetic ICBC, CCB and ABC statement generators: a ledger walk that
books salary, spending, transfers and loan repayments with an exact running balance, and a
table renderer for borderless (or ruled) statement pages.

A bank module turns each ledger `Entry` into the text of its columns and hands a `Sheet` to
`render_sheet`. Every page repeats the title and the table header and ends with the bank's
page footer; page 1 carries the preamble. A cell wider than its column wraps and is centred
vertically on its row, as in the real PDFs, so a wrapped cell's first line sits above the row's
date line. Everything is synthetic (fictional people, masked fictional accounts); the output is
byte-deterministic.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as to_landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .cmb import wrap_text
from .fonts import invariant_reportlab, register_cjk_font

CENT = Decimal("0.01")
PRODUCER = "synthetic statement generator"

# --------------------------------------------------------------------------- printing helpers


def print_amount(value: Decimal, *, plus: bool = False, yen: bool = False) -> str:
    """``-1,050.00``; ``+8,000.00`` with `plus`; ``-¥1,050.00`` / ``¥8,000.00`` with `yen`."""
    sign = "-" if value < 0 else ("+" if plus and value > 0 else "")
    return sign + ("¥" if yen else "") + f"{abs(value).quantize(CENT):,.2f}"


def mask(card: str, head: int = 4, tail: int = 4) -> str:
    """``6217001234567890123`` → ``6217***********0123``."""
    return card[:head] + "*" * (len(card) - head - tail) + card[-tail:]


# --------------------------------------------------------------------------- the ledger walk

Kind = Literal["salary", "transfer_in", "transfer_out", "spend", "online", "refund", "atm", "interest",
               "repayment"]


@dataclass(frozen=True)
class Payee:
    name: str
    account: str = ""


@dataclass(frozen=True)
class Repayment:
    """A loan repayment the walk must book: money out to `lender` on `date`. `withheld` means the
    lender pulled it (代扣/正常还款) rather than the borrower paying by 快捷支付."""

    date: date
    amount: Decimal
    lender: Payee
    memo: str  # no spaces: a wrapped cell rejoins exactly
    withheld: bool = False


@dataclass(frozen=True)
class Entry:
    """One booked transaction; each bank prints it in its own words."""

    date: date
    time: str  # "14:03:22"
    amount: Decimal  # signed; negative = money out
    balance: Decimal
    kind: Kind
    payee: Payee | None
    memo: str  # 附言; no spaces
    withheld: bool = False


ANT = Payee("重庆蚂蚁消费金融有限公司", "50050107360000002979")
WEBANK = Payee("深圳前海微众银行股份有限公司", "755922222210801")
ZHAOLIAN = Payee("招联消费金融股份有限公司", "755925113810666")
ALIPAY = Payee("支付宝（中国）网络技术有限公司", "215500690")
TENPAY = Payee("财付通支付科技有限公司", "243300133")
_EMPLOYERS = (Payee("北京星辰数据科技有限公司", "110912345610201"),
              Payee("上海云帆信息技术有限公司", "31050161393600001234"),
              Payee("杭州青禾网络科技有限公司", "571908765410502"))
_PEOPLE = ("张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄晓明", "周杰", "吴丽")
_MERCHANTS = ("北京麦当劳食品有限公司", "中国石化销售股份有限公司北京石油分公司", "沃尔玛（中国）投资有限公司北京宣武门分店",
              "北京物美商业集团股份有限公司")
_ORDERS = ("美团外卖订单", "淘宝订单", "滴滴出行", "京东订单", "饿了么订单")


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _yuan(rng: random.Random, low: int, high: int, step: int = 100) -> Decimal:
    return Decimal(rng.randrange(low, high + 1, step)).quantize(CENT)


def _cents(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low, high)).scaleb(-2).quantize(CENT)


def _person(rng: random.Random) -> Payee:
    return Payee(rng.choice(_PEOPLE), rng.choice(("6214", "6222", "6217", "6228")) + _digits(rng, 15))


Booked = tuple[Decimal, Kind, Payee | None, str]


@dataclass
class _Walk:
    rng: random.Random
    balance: Decimal
    employer: Payee
    salary: Decimal
    paid: set[tuple[int, int]] = field(default_factory=set)


def _generated(w: _Walk, d: date, reserve: Decimal) -> Booked:
    rng, free = w.rng, w.balance - reserve
    if d.day >= 10 and (d.year, d.month) not in w.paid:
        w.paid.add((d.year, d.month))
        return w.salary, "salary", w.employer, "工资"
    if free < Decimal(300):
        return max(_yuan(rng, 1000, 5000), reserve - w.balance + Decimal(1000)), "transfer_in", _person(rng), "转账"
    roll = rng.random()
    if roll < 0.05:
        return _cents(rng, 500, 6000), "refund", TENPAY, f"退款{d:%Y%m%d}{_digits(rng, 12)}"
    if roll < 0.12:
        return _yuan(rng, 500, 5000), "transfer_in", _person(rng), rng.choice(("还款", "转账", "生活费"))
    return _spent(w, d, free - Decimal(100))


def _spent(w: _Walk, d: date, cap: Decimal) -> Booked:
    rng, roll = w.rng, w.rng.random()
    amount: Decimal
    if roll < 0.12:
        amount, kind, payee, memo = _yuan(rng, 100, 3000), "transfer_out", _person(rng), "转账"
    elif roll < 0.18:
        amount, kind, payee, memo = _yuan(rng, 500, 2000, 500), "atm", None, ""
    elif roll < 0.40:
        amount, kind, payee, memo = _cents(rng, 1500, 40000), "spend", Payee(rng.choice(_MERCHANTS)), ""
    else:
        payee = rng.choice((ALIPAY, TENPAY))
        memo = f"{rng.choice(_ORDERS)}{d:%Y%m%d}{_digits(rng, rng.choice((14, 18)))}"
        amount, kind = _cents(rng, 1200, 30000), "online"
    if amount > cap:
        return max(_yuan(rng, 500, 3000), Decimal(500)), "transfer_in", _person(rng), "转账"
    return -amount, kind, payee, memo


def _dates(rng: random.Random, n: int, start: date) -> list[date]:
    out, d = [], start
    for i in range(n):
        if i and rng.random() >= 0.4:  # 40%: another row on the same day
            d += timedelta(days=rng.randint(1, 3))
        out.append(d)
    return out


def _times(rng: random.Random, days: Sequence[date]) -> list[str]:
    """Strictly increasing times within each day, so booking order is the time order."""
    out: list[str] = []
    for i, d in enumerate(days):
        per_day = days.count(d)
        k = sum(1 for x in days[:i] if x == d)
        span = 15 * 3600 // per_day
        sec = rng.randint(7 * 3600 + k * span, 7 * 3600 + (k + 1) * span - 1)
        out.append(f"{sec // 3600:02d}:{sec // 60 % 60:02d}:{sec % 60:02d}")
    return out


INTEREST_DAY = 21  # banks pay 活期结息 quarterly, on the 21st of March, June, September, December
_INTEREST = -2


def _interest_days(first: date, last: date) -> list[date]:
    months = range(first.year * 12 + first.month - 1, last.year * 12 + last.month)
    days = [date(m // 12, m % 12 + 1, INTEREST_DAY) for m in months if (m % 12 + 1) % 3 == 0]
    return [d for d in days if first <= d <= last]


def make_ledger(seed: int, n: int, start: date, opening: Decimal,
                repayments: Sequence[Repayment] = ()) -> list[Entry]:
    """``n`` entries in booking order (repayments included), each balance = previous + amount,
    plus a 结息 entry, booked first that day, on each quarterly interest day the walk passes.

    Generated entries keep enough money for the repayments due within 35 days, topping up by a
    transfer in when needed, so the balance never goes negative."""
    if n < len(repayments):
        raise ValueError(f"n={n} is smaller than the {len(repayments)} repayments")
    rng = random.Random(seed)
    w = _Walk(rng, opening.quantize(CENT), rng.choice(_EMPLOYERS), _yuan(rng, 8000, 20000))
    slots = [(d, rng.random(), -1) for d in _dates(rng, n - len(repayments), start)]
    slots += [(r.date, rng.random(), i) for i, r in enumerate(repayments)]
    slots += [(d, -1.0, _INTEREST) for d in _interest_days(start, max(s[0] for s in slots))]
    slots.sort(key=lambda s: (s[0], s[1]))
    times = _times(rng, [s[0] for s in slots])
    pending = dict(enumerate(repayments))
    out: list[Entry] = []
    for (d, _, rep), time in zip(slots, times):
        withheld = False
        if rep >= 0:
            r = pending.pop(rep)
            booked: Booked = (-abs(r.amount), "repayment", r.lender, r.memo)
            withheld = r.withheld
        elif rep == _INTEREST:
            booked = (_cents(rng, 100, 900), "interest", None, "活期结息")
        else:
            reserve = sum((r.amount for r in pending.values() if r.date - d <= timedelta(days=35)), Decimal(0))
            booked = _generated(w, d, reserve)
        amount = booked[0].quantize(CENT)
        w.balance += amount
        out.append(Entry(d, time, amount, w.balance, booked[1], booked[2], booked[3], withheld))
    return out


def monthly(day: int, amount: str, months: int, first: date, lender: Payee, memo: str,
            *, withheld: bool = False) -> list[Repayment]:
    """The same repayment on ``day`` of ``months`` consecutive months from ``first``; ``{date}`` in
    `memo` becomes that day (``借呗扣款^{date:%Y%m%d}0001`` → ``借呗扣款^202503100001``)."""
    out = []
    for k in range(months):
        m = first.month - 1 + k
        d = date(first.year + m // 12, m % 12 + 1, day)
        out.append(Repayment(d, Decimal(amount), lender, memo.format(date=d), withheld))
    return out


def swap_same_day(entries: Sequence[Entry], nth: int = 0) -> list[Entry]:
    """The ``nth`` pair of adjacent same-day entries printed in reverse booking order."""
    rows = list(entries)
    pairs = [i for i in range(len(rows) - 1) if rows[i].date == rows[i + 1].date]
    i = pairs[nth]
    rows[i], rows[i + 1] = rows[i + 1], rows[i]
    return rows


def misprint_balance(entries: Sequence[Entry], index: int, delta: str) -> list[Entry]:
    """Entry ``index`` printed with a balance off by ``delta``: the chain must break there."""
    rows = list(entries)
    rows[index] = replace(rows[index], balance=rows[index].balance + Decimal(delta))
    return rows


# --------------------------------------------------------------------------- the table renderer

Align = Literal["left", "right", "center"]


@dataclass(frozen=True)
class Col:
    key: str
    label: str  # as printed, spaces included ("日 志 号")
    width: float  # relative; scaled to fill the page
    align: Align = "left"


@dataclass(frozen=True)
class Sheet:
    """What to draw: title, page-1 preamble lines (each a tuple of cells spread across the
    page), the columns, the printed rows (column key → text) and the page footer."""

    title: str
    preamble: tuple[tuple[str, ...], ...]
    columns: tuple[Col, ...]
    rows: tuple[dict[str, str], ...]
    footer: Callable[[int, int], str]
    subtitle: str = ""
    landscape: bool = False
    font_size: float = 7.0
    rows_per_page: int = 25
    grid: bool = False  # ruled cells (CCB) instead of a rule under the header only


MARGIN = 28.0
FOOTER_Y = 22.0
BODY_BOTTOM = 60.0  # rows stay well above the footer, so it never joins a row
GAP = 4.0  # between columns: wider than pdfplumber's x_tolerance, so cells never merge


@dataclass(frozen=True)
class _Placed:
    col: Col
    x0: float
    x1: float


def _place(sheet: Sheet, page_width: float, font: str) -> list[_Placed]:
    room = page_width - 2 * MARGIN - GAP * (len(sheet.columns) - 1)
    scale = room / sum(c.width for c in sheet.columns)
    out, x = [], MARGIN
    for col in sheet.columns:
        width = col.width * scale
        if stringWidth(col.label, font, sheet.font_size) > width:
            raise ValueError(f"header label {col.label!r} is wider than its column ({width:.1f}pt)")
        out.append(_Placed(col, x, x + width))
        x += width + GAP
    return out


def _pitch(sheet: Sheet) -> float:
    return sheet.font_size + 2.5


def _block(sheet: Sheet, placed: Sequence[_Placed], font: str, row: dict[str, str]) -> dict[str, list[str]]:
    return {p.col.key: wrap_text(row.get(p.col.key, ""), font, sheet.font_size, p.x1 - p.x0 - 1) for p in placed}


def _height(sheet: Sheet, block: dict[str, list[str]]) -> float:
    return max(1, *(len(v) for v in block.values())) * _pitch(sheet) + 6.0


def _paginate(sheet: Sheet, heights: Sequence[float], tops: tuple[float, float]) -> list[list[int]]:
    """At most `rows_per_page` rows a page, fewer when tall (wrapped) rows would overflow."""
    pages: list[list[int]] = [[]]
    room = tops[0] - BODY_BOTTOM
    for i, h in enumerate(heights):
        if pages[-1] and (len(pages[-1]) >= sheet.rows_per_page or h > room):
            pages.append([])
            room = tops[1] - BODY_BOTTOM
        pages[-1].append(i)
        room -= h
    return pages



class _Painter:
    def __init__(self, c: Canvas, sheet: Sheet, font: str, width: float, height: float) -> None:
        self.c, self.sheet, self.font, self.width, self.height = c, sheet, font, width, height
        self.placed = _place(sheet, width, font)

    def title(self) -> float:
        # WenQuanYi has no bold face: fill + stroke the glyphs (render mode 2) for a bold look.
        c, s, y = self.c, self.sheet, self.height - 40
        text = c.beginText()
        text.setFont(self.font, 14)
        text.setTextRenderMode(2)
        text.setTextOrigin((self.width - stringWidth(s.title, self.font, 14)) / 2, y)
        text.textOut(s.title)
        c.saveState()
        c.setLineWidth(0.3)
        c.drawText(text)
        c.restoreState()
        if s.subtitle:
            y -= 14
            c.setFont(self.font, 8)
            c.drawCentredString(self.width / 2, y, s.subtitle)
        return y

    def chrome(self, page: int, pages: int) -> float:
        """Title, page-1 preamble and footer; returns the baseline of the table header."""
        c, s = self.c, self.sheet
        y = self.title()
        c.setFont(self.font, s.font_size + 1)
        for line in s.preamble if page == 1 else ():
            y -= s.font_size + 6
            step = (self.width - 2 * MARGIN) / len(line)
            for i, cell in enumerate(line):
                c.drawString(MARGIN + i * step, y, cell)
        c.setFont(self.font, s.font_size)
        c.drawCentredString(self.width / 2, FOOTER_Y, s.footer(page, pages))
        return y - 22

    def header(self, y: float) -> float:
        c, s = self.c, self.sheet
        c.setFont(self.font, s.font_size)
        for p in self.placed:
            c.drawCentredString((p.x0 + p.x1) / 2, y, p.col.label)
        c.setLineWidth(0.5)
        c.line(MARGIN, y - 4, self.width - MARGIN, y - 4)
        if s.grid:
            c.line(MARGIN, y + s.font_size + 2, self.width - MARGIN, y + s.font_size + 2)
        return y - 4

    def row(self, block: dict[str, list[str]], top: float) -> float:
        s, pitch = self.sheet, _pitch(self.sheet)
        height = _height(s, block)
        for p in self.placed:
            lines = block[p.col.key]
            first = top - height / 2 - s.font_size * 0.35 + (len(lines) - 1) / 2 * pitch
            for i, text in enumerate(lines):
                self._cell(p, first - i * pitch, text)
        if s.grid:
            self.c.setLineWidth(0.3)
            self.c.line(MARGIN, top - height, self.width - MARGIN, top - height)
        return top - height

    def _cell(self, p: _Placed, y: float, text: str) -> None:
        if p.col.align == "right":
            self.c.drawRightString(p.x1 - 0.5, y, text)
        elif p.col.align == "center":
            self.c.drawCentredString((p.x0 + p.x1) / 2, y, text)
        else:
            self.c.drawString(p.x0 + 0.5, y, text)

    def verticals(self, top: float, bottom: float) -> None:
        self.c.setLineWidth(0.3)
        for x in [MARGIN] + [p.x1 + GAP / 2 for p in self.placed[:-1]] + [self.width - MARGIN]:
            self.c.line(x, top, x, bottom)


def _header_y(sheet: Sheet, height: float, first: bool) -> float:
    y = height - 40 - (14 if sheet.subtitle else 0)
    if first:
        y -= len(sheet.preamble) * (sheet.font_size + 6)
    return y - 22


def render_sheet(sheet: Sheet) -> bytes:
    """The sheet as PDF bytes (deterministic)."""
    font = register_cjk_font()
    width, height = to_landscape(A4) if sheet.landscape else A4
    buffer = io.BytesIO()
    with invariant_reportlab():
        c = Canvas(buffer, pagesize=(width, height), invariant=1, pageCompression=1)
        c.setTitle(sheet.title)
        c.setSubject(sheet.title)
        c.setProducer(PRODUCER)
        c.setCreator(PRODUCER)
        c.setAuthor("")
        painter = _Painter(c, sheet, font, width, height)
        blocks = [_block(sheet, painter.placed, font, row) for row in sheet.rows]
        tops = (_header_y(sheet, height, True) - 4, _header_y(sheet, height, False) - 4)
        pages = _paginate(sheet, [_height(sheet, b) for b in blocks], tops)
        for number, indices in enumerate(pages, start=1):
            top = painter.header(painter.chrome(number, len(pages)))
            start = top + sheet.font_size + 6
            for i in indices:
                top = painter.row(blocks[i], top)
            if sheet.grid:
                painter.verticals(start, top)
            c.showPage()
        c.save()
    return buffer.getvalue()

