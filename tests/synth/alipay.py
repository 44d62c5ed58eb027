"""Synthetic 支付宝交易流水证明 (Alipay transaction-record proof) PDFs, and the page renderer the
WeChat proof generator (`synth.wechat`) shares.

What the real proof looks like, and what the output mimics:

* title 支付宝交易流水证明 on every page; page 1 has the preamble ``编号：…``, ``兹证明：<姓名>(证件号码：
  <masked>)在其支付宝账号<masked>中明细信息如下：`` and ``币种：人民币 交易时间段：… 交易类型：全部``;
* a borderless 8-column table ``收/支 交易对方 商品说明 收/付款方式 金额 交易订单号 商家订单号 交易时间``
  whose header is repeated on every page, and a ``第N页/共M页`` footer;
* cells are top-aligned: a record starts on the line where 收入/支出/不计收支 stands, and long
  cells (order numbers, company names, the time under its date in a narrow column) wrap onto
  the lines below;
* amounts are unsigned (the 收/支 column gives the direction), newest record first;
* a summary ``收入：N笔 X元 支出：M笔 Y元 不计收支：K笔 Z元`` above or below the table, and after the
  table a note, the issuer's name, the date and a red seal.

Everything is synthetic (fictional people, masked fictional accounts); the output is
byte-deterministic.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
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

# =========================================================================== the shared proof renderer

Align = Literal["left", "right"]


@dataclass(frozen=True)
class ProofCol:
    key: str
    label: str
    width: float  # relative; scaled to fill the page
    align: Align = "left"


@dataclass(frozen=True)
class ProofSheet:
    """One proof document to draw. `preamble` lines go under the title on page 1, then the
    `summary` lines when `summary_after` is False; after the last row come the summary (when
    `summary_after`), the `notes`, the issuer, the date and the seal."""

    title: str
    preamble: tuple[str, ...]
    columns: tuple[ProofCol, ...]
    rows: tuple[dict[str, str], ...]
    footer: Callable[[int, int], str]
    issuer: str
    issued_on: str
    seal: str
    notes: tuple[str, ...] = ()
    summary: tuple[str, ...] = ()
    summary_after: bool = False
    landscape: bool = False
    font_size: float = 7.0
    rows_per_page: int = 30


MARGIN = 28.0
GAP = 5.0  # between columns: wider than pdfplumber's x_tolerance, so cells never merge
FOOTER_Y = 22.0
BODY_BOTTOM = 50.0
CLOSING_GAP = 24.0  # between the last row and what follows: more than a wrapped line's distance


@dataclass(frozen=True)
class _Placed:
    col: ProofCol
    x0: float
    x1: float


def _place(sheet: ProofSheet, width: float, font: str) -> list[_Placed]:
    room = width - 2 * MARGIN - GAP * (len(sheet.columns) - 1)
    scale = room / sum(c.width for c in sheet.columns)
    out, x = [], MARGIN
    for col in sheet.columns:
        w = col.width * scale
        if stringWidth(col.label, font, sheet.font_size) > w:
            raise ValueError(f"header label {col.label!r} is wider than its column ({w:.1f}pt)")
        out.append(_Placed(col, x, x + w))
        x += w + GAP
    return out


def _pitch(sheet: ProofSheet) -> float:
    return sheet.font_size + 2.5


def _wrapped(sheet: ProofSheet, placed: Sequence[_Placed], font: str, row: dict[str, str]) -> dict[str, list[str]]:
    return {p.col.key: wrap_text(row.get(p.col.key, ""), font, sheet.font_size, p.x1 - p.x0) for p in placed}


def _row_height(sheet: ProofSheet, cells: dict[str, list[str]]) -> float:
    return max(1, *(len(v) for v in cells.values())) * _pitch(sheet) + 5.0


def _closing_height(sheet: ProofSheet) -> float:
    lines = len(sheet.notes) + (len(sheet.summary) if sheet.summary_after else 0)
    return CLOSING_GAP + lines * (sheet.font_size + 6) + 76  # issuer, date and seal


def _paginate(sheet: ProofSheet, heights: Sequence[float], tops: tuple[float, float]) -> list[list[int]]:
    """At most `rows_per_page` rows a page, fewer when tall rows would overflow; one more page
    (title only) when the closing block does not fit under the last row."""
    pages: list[list[int]] = [[]]
    room = tops[0] - BODY_BOTTOM
    for i, h in enumerate(heights):
        if pages[-1] and (len(pages[-1]) >= sheet.rows_per_page or h > room):
            pages.append([])
            room = tops[1] - BODY_BOTTOM
        pages[-1].append(i)
        room -= h
    if room < _closing_height(sheet):
        pages.append([])
    return pages



class _Painter:
    def __init__(self, c: Canvas, sheet: ProofSheet, font: str, width: float, height: float) -> None:
        self.c, self.sheet, self.font, self.width, self.height = c, sheet, font, width, height
        self.placed = _place(sheet, width, font)

    def title(self) -> float:
        # WenQuanYi has no bold face: fill + stroke the glyphs (render mode 2) for a bold look.
        c, s, y = self.c, self.sheet, self.height - 42
        text = c.beginText()
        text.setFont(self.font, 15)
        text.setTextRenderMode(2)
        text.setTextOrigin((self.width - stringWidth(s.title, self.font, 15)) / 2, y)
        text.textOut(s.title)
        c.saveState()
        c.setLineWidth(0.3)
        c.drawText(text)
        c.restoreState()
        return y - 8

    def lines(self, y: float, texts: Sequence[str]) -> float:
        self.c.setFont(self.font, self.sheet.font_size + 1)
        for text in texts:
            y -= self.sheet.font_size + 6
            self.c.drawString(MARGIN, y, text)
        return y

    def chrome(self, page: int, pages: int) -> float:
        """Title, page-1 preamble (and summary), footer; returns the table header's baseline."""
        s = self.sheet
        y = self.title()
        if page == 1:
            y = self.lines(y, s.preamble)
            if not s.summary_after:
                y = self.lines(y, s.summary)
        self.c.setFont(self.font, s.font_size)
        self.c.drawCentredString(self.width / 2, FOOTER_Y, s.footer(page, pages))
        return y - 20

    def header(self, y: float) -> float:
        c, s = self.c, self.sheet
        c.setFont(self.font, s.font_size)
        for p in self.placed:
            c.drawCentredString((p.x0 + p.x1) / 2, y, p.col.label)
        c.setLineWidth(0.5)
        c.line(MARGIN, y + s.font_size + 3, self.width - MARGIN, y + s.font_size + 3)
        c.line(MARGIN, y - 4, self.width - MARGIN, y - 4)
        return y - 4

    def row(self, cells: dict[str, list[str]], top: float) -> float:
        s, pitch = self.sheet, _pitch(self.sheet)
        self.c.setFont(self.font, s.font_size)
        for p in self.placed:
            for i, text in enumerate(cells[p.col.key]):
                y = top - 2.5 - s.font_size * 0.85 - i * pitch
                if p.col.align == "right":
                    self.c.drawRightString(p.x1, y, text)
                else:
                    self.c.drawString(p.x0, y, text)
        return top - _row_height(s, cells)

    def closing(self, y: float) -> None:
        s, c = self.sheet, self.c
        y -= CLOSING_GAP
        y = self.lines(y, (s.summary if s.summary_after else ()) + s.notes)
        c.setFont(self.font, s.font_size + 2)
        right = self.width - MARGIN - 20
        c.drawRightString(right, y - 30, s.issuer)
        c.drawRightString(right, y - 46, s.issued_on)
        self.seal(right - stringWidth(s.issuer, self.font, s.font_size + 2) / 2, y - 38)

    def seal(self, x: float, y: float) -> None:
        c = self.c
        c.saveState()
        c.setStrokeColorRGB(0.85, 0.1, 0.1)
        c.setFillColorRGB(0.85, 0.1, 0.1)
        c.setLineWidth(1.6)
        c.circle(x, y, 34, stroke=1, fill=0)
        c.setFont(self.font, 7)
        c.drawCentredString(x, y - 20, self.sheet.seal)
        c.setFont(self.font, 16)
        c.drawCentredString(x, y - 5, "★")
        c.restoreState()


def _header_y(sheet: ProofSheet, height: float, first_page: bool) -> float:
    """Baseline of the table header: under the title, and on page 1 under the preamble."""
    lines = len(sheet.preamble) + (0 if sheet.summary_after else len(sheet.summary)) if first_page else 0
    return height - 50 - lines * (sheet.font_size + 6) - 20


def render_proof(sheet: ProofSheet) -> bytes:
    """The sheet as PDF bytes (deterministic)."""
    font = register_cjk_font()
    width, height = to_landscape(A4) if sheet.landscape else A4
    buffer = io.BytesIO()
    with invariant_reportlab():
        c = Canvas(buffer, pagesize=(width, height), invariant=1, pageCompression=1)
        c.setProducer(PRODUCER)
        c.setCreator(PRODUCER)
        c.setTitle(sheet.title)
        painter = _Painter(c, sheet, font, width, height)
        blocks = [_wrapped(sheet, painter.placed, font, row) for row in sheet.rows]
        tops = (_header_y(sheet, height, True) - 4, _header_y(sheet, height, False) - 4)
        pages = _paginate(sheet, [_row_height(sheet, b) for b in blocks], tops)
        for number, page in enumerate(pages, start=1):
            y = painter.chrome(number, len(pages))
            if page or number == 1:
                y = painter.header(y)
            for i in page:
                y = painter.row(blocks[i], y)
            if number == len(pages):
                painter.closing(y)
            c.showPage()
        c.save()
    return buffer.getvalue()


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def cents(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low, high)).scaleb(-2).quantize(CENT)


def spread_times(rng: random.Random, n: int, start: date, end: date) -> list[datetime]:
    """``n`` distinct moments between 07:00 and 23:00 on the days from `start` to `end`, in time order."""
    days = (end - start).days + 1
    picks = sorted(rng.sample(range(days * 16 * 3600), n))
    return [datetime.combine(start + timedelta(days=s // 57600), datetime.min.time())
            + timedelta(seconds=7 * 3600 + s % 57600) for s in picks]


# =========================================================================== the Alipay proof

TITLE = "支付宝交易流水证明"
ISSUER = "支付宝（中国）网络技术有限公司"
COLUMNS = (
    ProofCol("flow", "收/支", 4.2), ProofCol("counterparty", "交易对方", 11), ProofCol("item", "商品说明", 11),
    ProofCol("method", "收/付款方式", 8.5), ProofCol("amount", "金额", 6.5, "right"),
    ProofCol("order_no", "交易订单号", 12), ProofCol("merchant_no", "商家订单号", 12),
    ProofCol("time", "交易时间", 10.5),
)
FLOWS = ("收入", "支出", "不计收支")


@dataclass(frozen=True)
class AlipayRow:
    flow: str  # 收入 / 支出 / 不计收支
    counterparty: str  # 交易对方
    item: str  # 商品说明; no spaces, so a wrapped cell rejoins exactly
    method: str  # 收/付款方式
    amount: Decimal  # as printed: unsigned
    order_no: str  # 交易订单号
    merchant_no: str  # 商家订单号; "" when none
    when: datetime  # 交易时间


@dataclass(frozen=True)
class AlipayProof:
    holder: str
    id_masked: str  # 证件号码, masked
    account: str  # 支付宝账号, masked
    number: str  # 编号
    start: date
    end: date
    rows: Sequence[AlipayRow]  # printed order
    summary: Literal["before", "after", "none"] = "before"
    misprint: dict[str, tuple[int, Decimal]] = field(default_factory=dict)  # flow → printed (count, total)
    landscape: bool = True
    rows_per_page: int = 30
    issued_on: date = date(2025, 7, 1)


def totals(rows: Sequence[AlipayRow], flows: Sequence[str] = FLOWS) -> dict[str, tuple[int, Decimal]]:
    """The true count and sum of printed amounts per flow."""
    return {f: (sum(1 for r in rows if r.flow == f), sum((r.amount for r in rows if r.flow == f), Decimal("0.00")))
            for f in flows}


def printed_totals(proof: AlipayProof) -> dict[str, tuple[int, Decimal]]:
    return {**totals(proof.rows), **proof.misprint}


def _printed(row: AlipayRow) -> dict[str, str]:
    return {"flow": row.flow, "counterparty": row.counterparty, "item": row.item, "method": row.method,
            "amount": f"{row.amount:.2f}", "order_no": row.order_no, "merchant_no": row.merchant_no,
            "time": row.when.strftime("%Y-%m-%d %H:%M:%S")}


def alipay_sheet(proof: AlipayProof) -> ProofSheet:
    preamble = (
        f"编号：{proof.number}",
        f"兹证明：{proof.holder}(证件号码：{proof.id_masked})在其支付宝账号{proof.account}中明细信息如下：",
        f"币种：人民币    交易时间段：{proof.start} 00:00:00 至 {proof.end} 23:59:59    交易类型：全部",
    )
    summary = "    ".join(f"{f}：{n}笔 {t:.2f}元" for f, (n, t) in printed_totals(proof).items())
    return ProofSheet(
        title=TITLE, preamble=preamble, columns=COLUMNS, rows=tuple(_printed(r) for r in proof.rows),
        footer=lambda n, m: f"第{n}页/共{m}页", issuer=ISSUER, issued_on=f"{proof.issued_on:%Y年%m月%d日}",
        seal="电子业务专用章",
        notes=("说明：本证明所列交易明细由支付宝系统生成，交易时间为北京时间。",
               "如对本证明内容有疑问，请通过支付宝客户服务核实。"),
        summary=() if proof.summary == "none" else (summary,), summary_after=proof.summary == "after",
        landscape=proof.landscape, rows_per_page=proof.rows_per_page)


def render_alipay_proof(proof: AlipayProof) -> bytes:
    return render_proof(alipay_sheet(proof))


# --------------------------------------------------------------------------- synthetic rows


@dataclass(frozen=True)
class Repayment:
    """A loan repayment to book: 支出 to `counterparty` at `when`."""

    when: datetime
    amount: Decimal
    counterparty: str  # "重庆蚂蚁消费金融有限公司" or "借呗" …
    item: str = "借呗还款"
    method: str = "余额"


_SPENDS = (  # counterparty, 商品说明, low, high (cents), has a merchant order number
    ("上海拉扎斯信息科技有限公司", "饿了么外卖订单", 1500, 9000, True),
    ("北京三快在线科技有限公司", "美团外卖订单", 1500, 12000, True),
    ("滴滴出行科技有限公司", "快车行程", 900, 6000, True),
    ("杭州青禾优选旗舰店", "家用收纳盒3件套", 2900, 15900, True),
    ("中国铁路网络有限公司", "火车票", 5000, 60000, True),
    ("杭州市公共交通集团有限公司", "乘车码", 200, 400, False),
    ("国网浙江省电力有限公司杭州供电公司", "电费", 5000, 30000, True),
)
_METHODS = ("余额", "余额宝", "花呗", "招商银行储蓄卡(1234)")
_PEOPLE = ("张*", "李*娜", "刘*", "陈*静", "黄*明")


def _spend(rng: random.Random, when: datetime) -> AlipayRow:
    who, item, low, high, merchant = rng.choice(_SPENDS)
    merchant_no = f"T200P{when:%Y%m%d}{digits(rng, rng.choice((16, 22)))}" if merchant else ""
    return AlipayRow("支出", who, item, rng.choice(_METHODS), cents(rng, low, high), _order(rng, when),
                     merchant_no, when)


def _income(rng: random.Random, when: datetime) -> AlipayRow:
    if rng.random() < 0.5:
        return AlipayRow("收入", rng.choice(_PEOPLE), "转账", "余额", cents(rng, 5000, 300000),
                         _order(rng, when), "", when)
    who, item, *_ = rng.choice(_SPENDS[:4])
    return AlipayRow("收入", who, f"退款-{item}", "余额", cents(rng, 900, 6000), _order(rng, when),
                     f"T200P{when:%Y%m%d}{digits(rng, 16)}", when)


def _neutral(rng: random.Random, when: datetime) -> AlipayRow:
    """Money moved between the holder's own balances: neither income nor spending."""
    who, item, method = rng.choice((("天弘基金管理有限公司", "余额宝-自动转入", "余额"),
                                    ("天弘基金管理有限公司", "余额宝-转出到余额", "余额宝"),
                                    ("招商银行", "余额提现到招商银行(1234)", "余额")))
    return AlipayRow("不计收支", who, item, method, cents(rng, 10000, 200000), _order(rng, when), "", when)


def _order(rng: random.Random, when: datetime) -> str:
    return f"{when:%Y%m%d}2200{digits(rng, 16)}"


def make_rows(seed: int, n: int, start: date, end: date, repayments: Sequence[Repayment] = (),
              *, newest_first: bool = True) -> list[AlipayRow]:
    """``n`` rows (repayments included) between `start` and `end`: spending, income, transfers
    between own balances and the given repayments; printed newest first like the real proof."""
    if n < len(repayments):
        raise ValueError(f"n={n} is smaller than the {len(repayments)} repayments")
    rng = random.Random(seed)
    rows: list[AlipayRow] = []
    for when in spread_times(rng, n - len(repayments), start, end):
        roll = rng.random()
        make = _spend if roll < 0.65 else _income if roll < 0.82 else _neutral
        rows.append(make(rng, when))
    for r in repayments:
        rows.append(AlipayRow("支出", r.counterparty, r.item, r.method, r.amount.quantize(CENT),
                              _order(rng, r.when), f"JB{r.when:%Y%m%d}{digits(rng, 14)}", r.when))
    rows.sort(key=lambda r: r.when, reverse=newest_first)
    return rows
