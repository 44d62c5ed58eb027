"""Synthetic bank statement PDFs: a table renderer, a ledger walk, and two banks the tool has no
dedicated parser for (中信银行 账户交易明细, 平安银行 个人账户交易明细清单), which the `generic`
parser must read from their headers alone.

The renderer is shared with tests/synth/boc.py and tests/synth/bocom.py: a bank is a list of
columns (label, relative width, alignment) and a function from ledger entries to printed cells.
Every page repeats the title and the table header and ends with ``第N页/共M页``; page 1 has the
preamble. Cells wrap; a wrapped cell is centred on its row (``valign="middle"``, as in a ruled
grid) or starts on the row's first line (``valign="top"``).

Everything is synthetic (fictional people, masked fictional accounts) and byte-deterministic.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
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

DateStyle = Literal["iso", "slash", "dot", "compact"]
_DATE_FORMATS: dict[str, str] = {"iso": "%Y-%m-%d", "slash": "%Y/%m/%d", "dot": "%Y.%m.%d", "compact": "%Y%m%d"}


def print_date(d: date, style: DateStyle) -> str:
    """``2025-03-10`` / ``2025/03/10`` / ``2025.03.10`` / ``20250310``."""
    return d.strftime(_DATE_FORMATS[style])


def print_amount(value: Decimal, prefix: str = "") -> str:
    """Thousands separators and an optional prefix: ``-¥1,050.00`` (the sign before ``¥``),
    ``CNY -1,050.00`` (a currency code before the sign)."""
    sign = "-" if value < 0 else ""
    text = f"{abs(value).quantize(CENT):,.2f}"
    return sign + prefix + text if prefix in ("", "¥") else prefix + sign + text


def mask(card: str) -> str:
    """``6217001234567890123`` → ``6217***********0123``: statements print masked numbers."""
    return card[:4] + "*" * (len(card) - 8) + card[-4:]


# --------------------------------------------------------------------------- the ledger walk


@dataclass(frozen=True)
class Payee:
    """A counterparty: name, account (may be empty), and the bank holding that account."""

    name: str
    account: str = ""
    bank: str = ""


@dataclass(frozen=True)
class Repayment:
    """A loan repayment the walk must contain: money out to `lender` on `date`."""

    date: date
    amount: Decimal
    lender: Payee
    memo: str


Kind = Literal["salary", "transfer_in", "transfer_out", "spend", "online", "refund", "atm", "interest",
               "repayment"]


@dataclass(frozen=True)
class Entry:
    """One booked transaction; each bank prints it in its own words."""

    date: date
    time: str  # "14:03:22"
    amount: Decimal  # signed; negative = money out
    balance: Decimal
    kind: Kind
    payee: Payee | None
    memo: str  # 附言 / 摘要; no spaces, so a wrapped cell rejoins exactly


ANT = Payee("重庆蚂蚁消费金融有限公司", "50001234567890123456", "中国工商银行股份有限公司重庆两江分行营业部")
MASHANG = Payee("马上消费金融股份有限公司", "3100123456789012", "重庆农村商业银行股份有限公司两江分行")
ALIPAY = Payee("支付宝（中国）网络技术有限公司", "215500690", "中国工商银行股份有限公司杭州分行")
TENPAY = Payee("财付通支付科技有限公司", "243300133", "招商银行股份有限公司深圳分行")
_EMPLOYERS = (
    Payee("北京星辰数据科技有限公司", "110912345610201", "招商银行股份有限公司北京分行"),
    Payee("上海云帆信息技术有限公司", "31050161393600001234", "中国建设银行股份有限公司上海浦东分行"),
    Payee("杭州青禾网络科技有限公司", "571908765410502", "杭州银行股份有限公司科技支行"),
)
_PEOPLE = ("张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄晓明", "周杰", "吴丽")
_BANKS = ("中国工商银行", "中国建设银行", "中国农业银行", "招商银行", "交通银行")
_MERCHANTS = ("北京麦当劳食品有限公司", "中国石化销售股份有限公司北京石油分公司", "沃尔玛（中国）投资有限公司北京宣武门分店")
_ORDERS = ("美团外卖订单", "淘宝订单", "滴滴出行", "京东订单", "饿了么订单")


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _yuan(rng: random.Random, low: int, high: int, step: int = 100) -> Decimal:
    return Decimal(rng.randrange(low, high + 1, step)).quantize(CENT)


def _cents(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low, high)).scaleb(-2).quantize(CENT)


def _person(rng: random.Random) -> Payee:
    bank = rng.choice(_BANKS)
    return Payee(rng.choice(_PEOPLE), rng.choice(("6214", "6222", "6217", "6228")) + _digits(rng, 15),
                 f"{bank}股份有限公司北京{rng.choice(('海淀', '朝阳', '西城'))}支行")


@dataclass
class _Walk:
    rng: random.Random
    balance: Decimal
    employer: Payee
    salary: Decimal
    paid: set[tuple[int, int]] = field(default_factory=set)


def _generated(w: _Walk, d: date, reserve: Decimal) -> tuple[Decimal, Kind, Payee | None, str]:
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
    if d.month % 3 == 0 and d.day >= 20 and rng.random() < 0.3:
        return _cents(rng, 100, 900), "interest", None, "利息"
    return _spent(w, d, free - Decimal(100))


def _spent(w: _Walk, d: date, cap: Decimal) -> tuple[Decimal, Kind, Payee | None, str]:
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
    """Increasing times within each day."""
    out: list[str] = []
    for i, d in enumerate(days):
        per_day = sum(1 for x in days if x == d)
        k = sum(1 for x in days[:i] if x == d)
        lo = 7 * 3600 + k * (15 * 3600 // per_day)
        sec = rng.randint(lo, lo + 15 * 3600 // per_day - 1)
        out.append(f"{sec // 3600:02d}:{sec // 60 % 60:02d}:{sec % 60:02d}")
    return out


def make_ledger(seed: int, n: int, start: date, opening: Decimal,
                repayments: Sequence[Repayment] = ()) -> list[Entry]:
    """``n`` entries in booking order (repayments included), each balance = previous + amount.

    Generated entries keep enough money for the repayments due within 35 days, topping up by a
    transfer in when needed, so the balance never goes negative."""
    if n < len(repayments):
        raise ValueError(f"n={n} is smaller than the {len(repayments)} repayments")
    rng = random.Random(seed)
    w = _Walk(rng, opening.quantize(CENT), rng.choice(_EMPLOYERS), _yuan(rng, 8000, 20000))
    slots = [(d, rng.random(), -1) for d in _dates(rng, n - len(repayments), start)]
    slots += [(r.date, rng.random(), i) for i, r in enumerate(repayments)]
    slots.sort(key=lambda s: (s[0], s[1]))
    times = _times(rng, [s[0] for s in slots])
    pending = {i: r for i, r in enumerate(repayments)}
    out: list[Entry] = []
    for (d, _, rep), time in zip(slots, times):
        if rep >= 0:
            r = pending.pop(rep)
            amount, kind, payee, memo = -abs(r.amount), "repayment", r.lender, r.memo
        else:
            reserve = sum((r.amount for r in pending.values() if r.date - d <= timedelta(days=35)), Decimal(0))
            amount, kind, payee, memo = _generated(w, d, reserve)
        w.balance += amount.quantize(CENT)
        out.append(Entry(d, time, amount.quantize(CENT), w.balance, kind, payee, memo))
    return out


def monthly(day: int, amount: str, months: int, first: date, lender: Payee, memo: str) -> list[Repayment]:
    """The same repayment on ``day`` of ``months`` consecutive months from ``first``."""
    out = []
    for k in range(months):
        m = first.month - 1 + k
        out.append(Repayment(date(first.year + m // 12, m % 12 + 1, day), Decimal(amount), lender, memo))
    return out


def swap_same_day(entries: Sequence[Entry], nth: int = 0) -> list[Entry]:
    """The ``nth`` pair of adjacent same-day entries printed in reverse booking order."""
    rows = list(entries)
    pairs = [i for i in range(len(rows) - 1) if rows[i].date == rows[i + 1].date]
    i = pairs[nth]
    rows[i], rows[i + 1] = rows[i + 1], rows[i]
    return rows


# --------------------------------------------------------------------------- the table renderer

Align = Literal["left", "right", "center"]


@dataclass(frozen=True)
class Col:
    key: str
    label: str
    width: float  # relative; scaled to fill the page
    align: Align = "left"


@dataclass(frozen=True)
class Sheet:
    """What to draw: title, page-1 preamble lines (each a tuple of cells spread across the page),
    the columns and the printed rows (column key → text)."""

    title: str
    preamble: tuple[tuple[str, ...], ...]
    columns: tuple[Col, ...]
    rows: tuple[dict[str, str], ...]
    subtitle: str = ""
    landscape: bool = False
    font_size: float = 7.0
    rows_per_page: int = 25
    valign: Literal["middle", "top"] = "middle"
    grid: bool = False
    footer_note: str = ""  # printed above the page number on every page


MARGIN = 28.0
FOOTER_Y = 20.0
BODY_BOTTOM = 56.0
GAP = 8.0  # between columns: real statements pad their cells; the gutter must beat the room beside a short number


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


def _blocks(sheet: Sheet, placed: Sequence[_Placed], font: str) -> list[dict[str, list[str]]]:
    out = []
    for row in sheet.rows:
        out.append({p.col.key: wrap_text(row.get(p.col.key, ""), font, sheet.font_size, p.x1 - p.x0 - 1)
                    for p in placed})
    return out


def _height(sheet: Sheet, block: dict[str, list[str]]) -> float:
    return max(1, *(len(v) for v in block.values())) * _pitch(sheet) + 5.0


def _paginate(sheet: Sheet, blocks: Sequence[dict[str, list[str]]], tops: tuple[float, float]) -> list[list[int]]:
    pages: list[list[int]] = [[]]
    room = tops[0] - BODY_BOTTOM
    for i, block in enumerate(blocks):
        h = _height(sheet, block)
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

    def chrome(self, page: int, pages: int) -> float:
        """Title, subtitle, page-1 preamble; returns the baseline of the table header."""
        c, s = self.c, self.sheet
        y = self.height - 40
        c.setFont(self.font, 14)
        c.drawCentredString(self.width / 2, y, s.title)
        if s.subtitle:
            y -= 14
            c.setFont(self.font, 8)
            c.drawCentredString(self.width / 2, y, s.subtitle)
        c.setFont(self.font, s.font_size + 1)
        for line in s.preamble if page == 1 else ():
            y -= s.font_size + 6
            step = (self.width - 2 * MARGIN) / len(line)
            for i, cell in enumerate(line):
                c.drawString(MARGIN + i * step, y, cell)
        c.setFont(self.font, s.font_size)
        if s.footer_note:
            c.drawString(MARGIN, FOOTER_Y + 11, s.footer_note)
        c.drawCentredString(self.width / 2, FOOTER_Y, f"第{page}页/共{pages}页")
        return y - 22

    def header(self, y: float) -> float:
        self.c.setFont(self.font, self.sheet.font_size)
        for p in self.placed:
            self.c.drawCentredString((p.x0 + p.x1) / 2, y, p.col.label)
        self.c.setLineWidth(0.5)
        self.c.line(MARGIN, y - 4, self.width - MARGIN, y - 4)
        if self.sheet.grid:
            self.c.line(MARGIN, y + self.sheet.font_size + 2, self.width - MARGIN, y + self.sheet.font_size + 2)
        return y - 4

    def row(self, block: dict[str, list[str]], top: float) -> float:
        s, pitch = self.sheet, _pitch(self.sheet)
        height = _height(s, block)
        for p in self.placed:
            lines = block[p.col.key]
            if s.valign == "middle":
                first = top - height / 2 - s.font_size * 0.35 + (len(lines) - 1) / 2 * pitch
            else:
                first = top - 2.5 - s.font_size * 0.8
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

    def grid_verticals(self, top: float, bottom: float) -> None:
        self.c.setLineWidth(0.3)
        for x in [MARGIN] + [p.x1 + GAP / 2 for p in self.placed[:-1]] + [self.width - MARGIN]:
            self.c.line(x, top, x, bottom)


def render_sheet(sheet: Sheet) -> bytes:
    """The sheet as PDF bytes (deterministic)."""
    font = register_cjk_font()
    width, height = to_landscape(A4) if sheet.landscape else A4
    buffer = io.BytesIO()
    with invariant_reportlab():
        c = Canvas(buffer, pagesize=(width, height), invariant=1, pageCompression=1)
        for setter in (c.setTitle, c.setSubject):
            setter(sheet.title)
        c.setProducer(PRODUCER)
        c.setCreator(PRODUCER)
        c.setAuthor("")
        painter = _Painter(c, sheet, font, width, height)
        blocks = _blocks(sheet, painter.placed, font)
        tops = (_header_y(sheet, height, True) - 4, _header_y(sheet, height, False) - 4)
        pages = _paginate(sheet, blocks, tops)
        for number, indices in enumerate(pages, start=1):
            y = painter.chrome(number, len(pages))
            top = painter.header(y)
            start = top + sheet.font_size + 6
            for i in indices:
                top = painter.row(blocks[i], top)
            if sheet.grid:
                painter.grid_verticals(start, top)
            c.showPage()
        c.save()
    return buffer.getvalue()


def _header_y(sheet: Sheet, height: float, first: bool) -> float:
    y = height - 40 - (14 if sheet.subtitle else 0)
    if first:
        y -= len(sheet.preamble) * (sheet.font_size + 6)
    return y - 22


# --------------------------------------------------------------------------- banks for `generic`

Bank = Literal["citic", "pingan", "cib", "cmbc"]


@dataclass(frozen=True)
class GenericBankStatement:
    """A statement of a bank the tool has no parser for; `bank` picks the layout."""

    bank: Bank
    holder: str
    account: str  # masked
    start: date
    end: date
    entries: Sequence[Entry]
    rows_per_page: int = 25
    landscape: bool = False


SUMMARY: dict[str, str] = {"salary": "代发工资", "transfer_in": "转账收入", "transfer_out": "转账支出",
                           "spend": "消费", "online": "快捷支付", "refund": "退款", "atm": "ATM取款",
                           "interest": "结息", "repayment": "快捷支付"}
PINGAN_SUMMARY: dict[str, str] = {**SUMMARY, "transfer_in": "转入", "transfer_out": "转出", "spend": "POS消费",
                                  "online": "网络支付", "repayment": "代扣"}


def _payee(e: Entry) -> tuple[str, str, str]:
    return (e.payee.name, e.payee.account, e.payee.bank) if e.payee else ("", "", "")


def citic_cells(e: Entry) -> dict[str, str]:
    """中信: yyyymmdd dates, money in and out in separate columns, the other one blank."""
    name, account, _ = _payee(e)
    side = "credit" if e.amount > 0 else "debit"
    return {"date": print_date(e.date, "compact"), side: print_amount(abs(e.amount)),
            "balance": print_amount(e.balance), "summary": SUMMARY[e.kind], "name": name, "account": account}


def pingan_cells(e: Entry) -> dict[str, str]:
    """平安: a signed 交易金额; no counterparty column, the payee and memo go into 备注."""
    place = "网上银行" if e.kind in ("online", "repayment", "transfer_out", "transfer_in") else "深圳分行营业部"
    return {"date": print_date(e.date, "iso"), "amount": print_amount(e.amount), "balance": print_amount(e.balance),
            "place": place, "summary": PINGAN_SUMMARY[e.kind], "note": _payee(e)[0] + e.memo}


def cib_cells(e: Entry) -> dict[str, str]:
    """兴业: 交易时间 holds date and time, 记账日 the date; 支出 / 收入 print ``0.00`` when unused."""
    name, account, bank = _payee(e)
    out, into = (abs(e.amount), Decimal(0)) if e.amount < 0 else (Decimal(0), e.amount)
    return {"when": f"{print_date(e.date, 'iso')} {e.time}", "date": print_date(e.date, "iso"),
            "debit": print_amount(out), "credit": print_amount(into), "balance": print_amount(e.balance),
            "summary": SUMMARY[e.kind], "name": name, "bank": bank, "account": account, "use": e.memo,
            "channel": "网上银行" if e.payee else "柜面", "note": ""}


def cmbc_cells(e: Entry) -> dict[str, str]:
    """民生: unsigned 交易金额 with a 借/贷 flag; 对手信息 holds name and account together."""
    name, account, _ = _payee(e)
    return {"date": print_date(e.date, "slash"), "time": e.time, "flag": "借" if e.amount < 0 else "贷",
            "amount": print_amount(abs(e.amount)), "balance": print_amount(e.balance),
            "party": f"{name} {account}".strip(), "summary": SUMMARY[e.kind]}


@dataclass(frozen=True)
class _Layout:
    title: str
    subtitle: str
    columns: tuple[Col, ...]
    cells: Callable[[Entry], dict[str, str]]
    preamble: Callable[[GenericBankStatement, str], tuple[tuple[str, ...], ...]]
    valign: Literal["middle", "top"] = "middle"
    grid: bool = False
    footer_note: str = ""


def _holder_account(st: GenericBankStatement, period: str) -> tuple[tuple[str, ...], ...]:
    return (("户名：" + st.holder, "账号：" + st.account), ("币种：人民币", "起止日期：" + period))


LAYOUTS: dict[str, _Layout] = {
    "citic": _Layout("中信银行", "账户交易明细 Transaction details", (
        Col("date", "交易日期", 9), Col("credit", "收入金额", 10, "right"), Col("debit", "支出金额", 10, "right"),
        Col("balance", "账户余额", 11, "right"), Col("summary", "交易摘要", 10), Col("name", "对方户名", 16),
        Col("account", "对方账号", 14)), citic_cells, _holder_account),
    "pingan": _Layout("平安银行个人账户交易明细清单", "", (
        Col("date", "交易日期", 10), Col("amount", "交易金额", 11, "right"), Col("balance", "余额", 11, "right"),
        Col("place", "交易地点", 14), Col("summary", "摘要", 9), Col("note", "备注", 22)), pingan_cells,
        lambda st, period: (("清单编号：PA20250701000123", "打印日期：2025-07-01"),
                            ("户名：" + st.holder, "账号：" + st.account), ("币种：人民币", "查询期间：" + period)),
        valign="top", footer_note="本清单仅证明账户交易情况"),
    "cib": _Layout("兴业银行交易流水", "", (
        Col("when", "交易时间", 17), Col("date", "记账日", 11), Col("debit", "支出", 11, "right"),
        Col("credit", "收入", 11, "right"), Col("balance", "账户余额", 12, "right"), Col("summary", "摘要", 9),
        Col("name", "对方户名", 16), Col("bank", "对方银行", 18), Col("account", "对方账号", 16),
        Col("use", "用途", 18), Col("channel", "交易渠道", 9), Col("note", "备注", 6)), cib_cells,
        _holder_account, grid=True),
    "cmbc": _Layout("中国民生银行个人账户对账单", "", (
        Col("date", "交易日期", 10), Col("time", "交易时间", 8), Col("flag", "借贷标志", 7, "center"),
        Col("amount", "交易金额", 11, "right"), Col("balance", "账户余额", 11, "right"), Col("party", "对手信息", 26),
        Col("summary", "摘要", 9)), cmbc_cells,
        lambda st, period: (("客户姓名：" + st.holder, "客户账号：" + st.account), ("币种：人民币", "查询期间：" + period))),
}


def render_generic_bank(st: GenericBankStatement) -> bytes:
    layout = LAYOUTS[st.bank]
    period = f"{print_date(st.start, 'iso')} 至 {print_date(st.end, 'iso')}"
    sheet = Sheet(layout.title, layout.preamble(st, period), layout.columns,
                  tuple(layout.cells(e) for e in st.entries), subtitle=layout.subtitle, landscape=st.landscape,
                  font_size=7.5, rows_per_page=st.rows_per_page, valign=layout.valign, grid=layout.grid,
                  footer_note=layout.footer_note)
    return render_sheet(sheet)
