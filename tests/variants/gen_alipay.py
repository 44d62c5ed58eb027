"""支付宝交易流水证明, drawn blind from FORMATS-REAL.md items 34-41 (and FORMATS.md's Alipay section).

This module also holds the small drawing kit the other proof families use (gen_wechat, gen_lender):
a page list of drawing operations laid out first and rendered once the page count is known (so
footers can say 共 M 页), a table flow with wrapped cells, a seal image, synthetic people.
"""

from __future__ import annotations

import io
import math
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any

from PIL import Image, ImageDraw, ImageFont
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from .base import Variant, rng

FAMILY = "alipay"

FONT = "WQYMicroHei"
FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
Op = tuple[Any, ...]


# ----------------------------------------------------------------------------------------------
# drawing kit
# ----------------------------------------------------------------------------------------------

def ensure_font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, FONT_PATH, subfontIndex=0))
    return FONT


def width(text: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, ensure_font(), size))


def wrap(text: str, size: float, room: float) -> list[str]:
    """Greedy wrap by characters, the way report engines break CJK and long digit runs."""
    if not text:
        return [""]
    lines, cur = [], ""
    for ch in text:
        if cur and width(cur + ch, size) > room:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    lines.append(cur)
    return lines


NO_LINE_START = set("，。、；：？！）》」』】,.;:)")


def wrap_words(text: str, size: float, room: float) -> list[str]:
    """Paragraph wrap as word processors do it: ASCII runs (numbers, IDs) stay whole where they fit,
    CJK breaks between characters, closing punctuation never starts a line."""
    tokens = re.findall(r"[A-Za-z0-9,.¥*\-_/:()%]+|.", text)
    lines, cur = [], ""
    for tok in tokens:
        if cur and width(cur + tok, size) > room and tok not in NO_LINE_START:
            if width(tok, size) > room:
                parts = wrap(cur + tok, size, room)
                lines += parts[:-1]
                cur = parts[-1]
                continue
            lines.append(cur)
            cur = tok.lstrip()
        else:
            cur += tok
    lines.append(cur)
    return [x for x in lines if x.strip()] or [""]


@dataclass
class Doc:
    """Pages of drawing operations; `y` is the flow position on the current page."""

    size: tuple[float, float]
    top: float
    bottom: float
    pages: list[list[Op]] = field(default_factory=lambda: [[]])
    y: float = 0.0

    def __post_init__(self) -> None:
        self.y = self.size[1] - self.top

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.size[1] - self.top

    def fits(self, height: float) -> bool:
        return self.y - height >= self.bottom

    def text(self, x: float, y: float, s: str, size: float, align: str = "l",
             color: tuple[float, float, float] = (0, 0, 0), page: int = -1) -> None:
        if s:
            self.pages[page].append(("text", x, y, s, size, align, color))

    def line(self, x1: float, y1: float, x2: float, y2: float, lw: float = 0.5, page: int = -1) -> None:
        self.pages[page].append(("line", x1, y1, x2, y2, lw))

    def rect(self, x: float, y: float, w: float, h: float, fill: float, page: int = -1) -> None:
        self.pages[page].append(("rect", x, y, w, h, fill))

    def image(self, png: bytes, x: float, y: float, w: float, h: float, page: int = -1) -> None:
        self.pages[page].append(("image", png, x, y, w, h))

    def flow(self, s: str, size: float, x: float, align: str = "l", lead: float = 1.5) -> None:
        """One line of running text at the flow position (a page break first if it does not fit)."""
        if not self.fits(size * lead):
            self.new_page()
        self.y -= size * lead
        self.text(x, self.y, s, size, align)

    def render(self, title: str) -> bytes:
        saved = rl_config.invariant
        rl_config.invariant = 1
        try:
            buf = io.BytesIO()
            c = canvas.Canvas(buf, pagesize=self.size, invariant=1, pageCompression=1)
            c.setTitle(title)
            for ops in self.pages:
                for op in ops:
                    _draw(c, op)
                c.showPage()
            c.save()
            return buf.getvalue()
        finally:
            rl_config.invariant = saved


def _draw(c: canvas.Canvas, op: Op) -> None:
    kind = op[0]
    if kind == "text":
        _, x, y, s, size, align, color = op
        c.setFont(ensure_font(), size)
        c.setFillColorRGB(*color)
        {"l": c.drawString, "r": c.drawRightString, "c": c.drawCentredString}[align](x, y, s)
    elif kind == "line":
        _, x1, y1, x2, y2, lw = op
        c.setLineWidth(lw)
        c.setStrokeColorRGB(0.2, 0.2, 0.2)
        c.line(x1, y1, x2, y2)
    elif kind == "rect":
        _, x, y, w, h, fill = op
        c.setFillColorRGB(fill, fill, fill)
        c.rect(x, y, w, h, stroke=0, fill=1)
    elif kind == "image":
        _, png, x, y, w, h = op
        c.drawImage(ImageReader(io.BytesIO(png)), x, y, w, h, mask="auto")


def footers(doc: Doc, make: Callable[[int, int], str], size: float, y: float,
            align: str = "c", x: float | None = None) -> None:
    """A footer on every page, once the page count is known."""
    total = len(doc.pages)
    for n in range(total):
        doc.text(doc.size[0] / 2 if x is None else x, y, make(n + 1, total), size, align, page=n)


@dataclass(frozen=True)
class Col:
    label: tuple[str, ...]
    width: float
    align: str  # "l" | "r" | "c"


@dataclass(frozen=True)
class TableStyle:
    size: float
    lead: float
    pad: float
    rules: str = "none"         # "grid" | "hlines" | "none"
    valign: str = "top"         # "top" | "middle"
    header_every_page: bool = False
    header_fill: float | None = None
    header_size: float | None = None


def table(doc: Doc, x0: float, cols: Sequence[Col], rows: Sequence[Sequence[Sequence[str]]],
          st: TableStyle) -> list[int]:
    """Flow a table from doc.y; returns the page index (0-based) of every row."""
    _header(doc, x0, cols, st)
    pages = []
    for row in rows:
        h = max(len(cell) for cell in row) * st.lead + 2 * st.pad
        if not doc.fits(h):
            doc.new_page()
            if st.header_every_page:
                _header(doc, x0, cols, st)
            elif st.rules == "grid":
                doc.line(x0, doc.y, x0 + sum(c.width for c in cols), doc.y)
        _row(doc, x0, cols, row, st, h)
        pages.append(len(doc.pages) - 1)
    return pages


def _header(doc: Doc, x0: float, cols: Sequence[Col], st: TableStyle) -> None:
    size = st.header_size or st.size
    lead = size * st.lead / st.size
    h = max(len(c.label) for c in cols) * lead + 2 * st.pad
    if not doc.fits(h + 2 * st.lead):
        doc.new_page()
    top, total = doc.y, sum(c.width for c in cols)
    if st.header_fill is not None:
        doc.rect(x0, top - h, total, h, st.header_fill)
    x = x0
    for c in cols:
        off = (h - len(c.label) * lead) / 2
        for k, label in enumerate(c.label):
            doc.text(x + c.width / 2, top - off - size * 0.88 - k * lead, label, size, "c")
        x += c.width
    _rules(doc, x0, cols, top, h, st.rules, header=True)
    doc.y = top - h


def _row(doc: Doc, x0: float, cols: Sequence[Col], row: Sequence[Sequence[str]],
         st: TableStyle, h: float) -> None:
    top, x = doc.y, x0
    for c, cell in zip(cols, row):
        off = st.pad if st.valign == "top" else (h - len(cell) * st.lead) / 2
        for k, s in enumerate(cell):
            y = top - off - st.size * 0.88 - k * st.lead - (st.lead - st.size) / 2
            if c.align == "l":
                doc.text(x + st.pad, y, s, st.size, "l")
            elif c.align == "r":
                doc.text(x + c.width - st.pad, y, s, st.size, "r")
            else:
                doc.text(x + c.width / 2, y, s, st.size, "c")
        x += c.width
    _rules(doc, x0, cols, top, h, st.rules, header=False)
    doc.y = top - h


def _rules(doc: Doc, x0: float, cols: Sequence[Col], top: float, h: float, rules: str, header: bool) -> None:
    total = sum(c.width for c in cols)
    if rules == "grid":
        doc.line(x0, top, x0 + total, top)
        doc.line(x0, top - h, x0 + total, top - h)
        x = x0
        for c in cols:
            doc.line(x, top, x, top - h)
            x += c.width
        doc.line(x, top, x, top - h)
    elif rules == "hlines":
        if header:
            doc.line(x0, top, x0 + total, top, 0.8)
        doc.line(x0, top - h, x0 + total, top - h, 0.8 if header else 0.3)
    elif header:
        doc.line(x0, top - h, x0 + total, top - h, 0.6)


@lru_cache(maxsize=64)
def seal_png(name: str, sub: str = "", seed: int = 0) -> bytes:
    """A round red company seal as a PNG (no text in the PDF's text layer, as real e-seals are images)."""
    size, red = 360, (214, 28, 36, 215)
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((10, 10, size - 10, size - 10), outline=red, width=11)
    cx = cy = size / 2
    star = [(cx + r * math.cos(math.radians(-90 + 36 * k)), cy + r * math.sin(math.radians(-90 + 36 * k)))
            for k, r in zip(range(10), [48, 19] * 5)]
    d.polygon(star, fill=red)
    n, r = len(name), size / 2 - 62
    span = min(250.0, 22.0 * n)
    font = ImageFont.truetype(FONT_PATH, int(min(48.0, r * math.radians(span) / n * 0.82)), index=0)
    for i, ch in enumerate(name):
        a = -90 - span / 2 + span * (i + 0.5) / n + (seed % 7 - 3) * 0.3
        glyph = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((32, 32), ch, font=font, fill=red, anchor="mm")
        rot = glyph.rotate(-(a + 90), resample=Image.Resampling.BICUBIC, expand=True)
        px = int(cx + r * math.cos(math.radians(a)) - rot.width / 2)
        py = int(cy + r * math.sin(math.radians(a)) - rot.height / 2)
        img.alpha_composite(rot, (px, py))
    if sub:
        small = ImageFont.truetype(FONT_PATH, 30, index=0)
        d.text((cx, cy + 78), sub, font=small, fill=red, anchor="mm")
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


# ----------------------------------------------------------------------------------------------
# synthetic people and values
# ----------------------------------------------------------------------------------------------

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉玲建国俊峰婷雪琳晨宇浩然欣怡子涵梓轩思远嘉豪雨桐一诺亦菲若曦皓轩佳怡晓东志强海燕文博"
REGIONS = ["330106", "310115", "440305", "110108", "320102", "510107", "420106", "370202", "500103", "350203"]


def person(r: random.Random) -> str:
    given = "".join(r.choice(GIVEN) for _ in range(r.choice([1, 2, 2, 2])))
    return r.choice(SURNAMES) + given


def masked_id(r: random.Random, style: int | None = None) -> str:
    region = r.choice(REGIONS)
    tail = f"{r.randint(0, 999):03d}{r.choice('0123456789X')}"
    style = r.randrange(3) if style is None else style
    if style == 0:
        return f"{region}********{tail}"
    if style == 1:
        return f"{region[:3]}***********{tail}"
    return f"{region[0]}****************{tail[-1]}"


def masked_party(r: random.Random) -> str:
    name = person(r)
    return name[0] + "*" * (len(name) - 2) + name[-1] if len(name) > 2 else "*" + name[-1]


def money(v: Decimal, sep: bool) -> str:
    return f"{v:,.2f}" if sep else f"{v:.2f}"


def amount(r: random.Random, lo: float, hi: float) -> Decimal:
    return Decimal(str(round(r.uniform(lo, hi), 2))).quantize(Decimal("0.01"))


def phone_masked(r: random.Random) -> str:
    return f"1{r.choice('3578')}{r.randint(0, 9)}****{r.randint(0, 9999):04d}"


def digits(r: random.Random, n: int) -> str:
    return "".join(r.choice("0123456789") for _ in range(n))


def times(r: random.Random, start: datetime, days: int, n: int) -> list[datetime]:
    """n distinct instants spread over `days` days from `start`, ascending."""
    seconds = sorted(r.sample(range(days * 86400), n))
    return [start + timedelta(seconds=s) for s in seconds]


def signed(flow: str, value: Decimal, out: str, inn: str) -> tuple[str, bool]:
    """The truth amount and whether the row is neutral: 支出 negative, 收入 positive, others unsigned."""
    if flow == out:
        return f"{-value:.2f}", False
    if flow == inn:
        return f"{value:.2f}", False
    return f"{value:.2f}", True


# ----------------------------------------------------------------------------------------------
# the Alipay proof
# ----------------------------------------------------------------------------------------------

ISSUERS = ("支付宝支付科技有限公司", "支付宝（中国）网络技术有限公司")
BANKS = ("招商银行", "中国工商银行", "中国建设银行", "中国农业银行", "中国银行", "交通银行", "浦发银行", "兴业银行")

# (flow, 交易对方, 商品说明 choices, method kind, amount range)
SPENDING = [
    ("支出", "上海拉扎斯信息科技有限公司", ["饿了么外卖订单", "饿了么-超级吃货卡"], "pay", (12, 88)),
    ("支出", "北京三快在线科技有限公司", ["美团订单-外卖", "美团App-到店团购"], "pay", (9, 160)),
    ("支出", "滴滴出行科技有限公司", ["滴滴快车-行程费用", "滴滴出行订单"], "pay", (8, 95)),
    ("支出", "浙江天猫技术有限公司", ["天猫超市订单", "【官方旗舰店】无线蓝牙耳机降噪入耳式运动款"], "pay", (19, 899)),
    ("支出", "中国铁路网络有限公司", ["火车票-G7512 杭州东-上海虹桥", "铁路客票"], "pay", (55, 680)),
    ("支出", "瑞幸咖啡（北京）有限公司", ["luckin coffee 生椰拿铁"], "pay", (9, 35)),
    ("支出", "国网浙江省电力有限公司杭州供电公司", ["电费缴纳-户号3301****7712"], "pay", (60, 420)),
    ("支出", "杭州市民卡有限公司", ["公交地铁乘车码"], "pay", (2, 8)),
    ("支出", "中国移动通信集团浙江有限公司", ["话费充值100元"], "pay", (30, 100)),
    ("支出", "盒马（中国）有限公司", ["盒马鲜生-门店消费"], "pay", (15, 320)),
    ("支出", "肯德基", ["KFC 门店点餐"], "pay", (25, 90)),
    ("支出", "PERSON", ["转账", "还钱", "房租3月"], "pay", (50, 3500)),
    ("收入", "PERSON", ["转账", "收钱码收款", "AA收款"], "none", (20, 2000)),
    ("收入", "浙江淘宝网络有限公司", ["退款-淘宝订单", "退款成功"], "none", (10, 300)),
    ("不计收支", "天弘基金管理有限公司", ["余额宝-转出到余额", "余额宝-自动转入", "余额宝-单次转入"], "bank", (100, 5000)),
    ("不计收支", "花呗", ["花呗还款", "花呗主动还款-2024年账单"], "bank", (200, 4000)),
    ("不计收支", "招商银行信用卡中心", ["信用卡还款"], "bank", (500, 8000)),
]
LOANS = [
    ("支出", "重庆蚂蚁消费金融有限公司", ["借呗还款", "借呗主动还款-第3期", "借呗提前还款"], "bank", (800, 6000)),
    ("收入", "重庆蚂蚁消费金融有限公司", ["借呗借款-放款到账", "借呗放款"], "none", (3000, 30000)),
    ("支出", "招联消费金融股份有限公司", ["招联好期贷还款", "招联金融-还款"], "bank", (500, 4000)),
    ("支出", "马上消费金融股份有限公司", ["安逸花还款", "马上金融还款"], "bank", (300, 3000)),
    ("支出", "深圳前海微众银行股份有限公司", ["微粒贷还款"], "bank", (600, 5000)),
    ("不计收支", "重庆蚂蚁消费金融有限公司", ["借呗还款-余额宝转出"], "bank", (500, 3000)),
]


@dataclass
class Row:
    flow: str
    party: str
    memo: str
    method: str
    value: Decimal
    order: str
    merchant: str
    when: datetime


def _method(r: random.Random, kind: str, card: str) -> str:
    if kind == "none":
        return r.choice(["", "余额", "账户余额"])
    if kind == "bank":
        return r.choice([card, "余额宝", "账户余额", card])
    return r.choice(["花呗", "余额", "余额宝", card, card, f"{r.choice(BANKS)}信用卡({digits(r, 4)})"])


def _merchant_order(r: random.Random, when: datetime) -> str:
    style = r.randrange(5)
    stamp = when.strftime("%Y%m%d%H%M%S")
    if style == 0:
        return ""
    if style == 1:
        return f"T200P{stamp}{digits(r, 8)}"
    if style == 2:
        return f"{stamp}{digits(r, 6)}_{digits(r, 4)}"
    if style == 3:
        return f"E{digits(r, 10)}_{digits(r, 12)}"
    return f"{digits(r, 22)}"


def _rows(r: random.Random, n: int, start: datetime, days: int, loans: float) -> list[Row]:
    card = f"{r.choice(BANKS)}储蓄卡({digits(r, 4)})"
    out = []
    for when in times(r, start, days, n):
        flow, party, memos, kind, (lo, hi) = r.choice(LOANS if r.random() < loans else SPENDING)
        party = masked_party(r) if party == "PERSON" else party
        order = f"{when:%Y%m%d}2200{r.choice('01')}{digits(r, 15)}"
        out.append(Row(flow, party, r.choice(memos), _method(r, kind, card), amount(r, lo, hi),
                       order, _merchant_order(r, when), when))
    return out


@dataclass
class AliStyle:
    issuer: int
    punct_full: bool
    with_info: bool
    currency_spaced: bool
    header_once: bool
    rules: str
    valign: str
    sep: bool
    descending: bool
    narrow_flow: bool
    time_split: bool
    margin: float
    size: float


def _style(r: random.Random, seed: int) -> AliStyle:
    return AliStyle(
        issuer=seed % 2, punct_full=(seed // 2) % 2 == 1, with_info=(seed // 4) % 2 == 0,
        currency_spaced=seed % 3 == 1, header_once=seed % 5 != 4, rules=r.choice(["grid", "grid", "hlines", "none"]),
        valign=r.choice(["top", "middle"]), sep=r.random() < 0.35, descending=r.random() < 0.7,
        narrow_flow=seed % 4 != 3, time_split=seed % 6 != 5, margin=r.uniform(26, 40), size=r.uniform(6.6, 7.6),
    )


def _columns(st: AliStyle, usable: float) -> list[Col]:
    flow_w = st.size * (2.9 if st.narrow_flow else 4.9)
    time_w = width("2024-03-15" if st.time_split else "2024-03-15 00:00:00", st.size) + 7
    rest = usable - flow_w - time_w
    parts = [("交易对方", 0.19, "l"), ("商品说明", 0.22, "l"), ("收/付款方式", 0.15, "l"),
             ("金额", 0.1, "r"), ("交易订单号", 0.17, "l"), ("商家订单号", 0.17, "l")]
    cols = [Col(("收/支",), flow_w, "c")]
    cols += [Col((label,), rest * share, align) for label, share, align in parts]
    cols.append(Col(("交易时间",), time_w, "c"))
    return cols


def _cells(row: Row, cols: list[Col], st: AliStyle) -> list[list[str]]:
    room = [c.width - 2 * 2.0 for c in cols]
    stamp = [f"{row.when:%Y-%m-%d}", f"{row.when:%H:%M:%S}"] if st.time_split else [f"{row.when:%Y-%m-%d %H:%M:%S}"]
    texts = [row.flow, row.party, row.memo, row.method, money(row.value, st.sep), row.order, row.merchant]
    cells = [wrap(t, st.size, w) for t, w in zip(texts, room)]
    return cells + [stamp]


def _preamble(doc: Doc, r: random.Random, st: AliStyle, holder: str, start: datetime, end: datetime) -> None:
    m, w = st.margin, doc.size[0]
    doc.y -= 4
    colon = "：" if st.punct_full else ":"
    doc.text(w - m, doc.y, f"编号{colon}{digits(r, r.choice([38, 40, 42]))}", st.size - 0.6, "r")
    doc.y -= 30
    doc.text(w / 2, doc.y, "支付宝交易流水证明", 17, "c")
    doc.y -= 14
    ident = masked_id(r)
    account = phone_masked(r) if r.random() < 0.7 else f"{r.choice('abcdfghjkmnpqrstwxyz')}{r.choice('aeiou')}***@{r.choice(['163.com', 'qq.com', '126.com'])}"
    info = "明细信息" if st.with_info else "明细"
    if st.punct_full:
        line = f"兹证明：{holder}（证件号码：{ident}）在其支付宝账号{account}中{info}如下："
    else:
        line = f"兹证明:{holder}(证件号码:{ident})在其支付宝账号{account}中{info}如下:"
    for part in wrap(line, 10, w - 2 * m):
        doc.flow(part, 10, m, lead=1.7)
    slash = " / " if st.currency_spaced else "/"
    doc.flow(f"币种{colon}人民币{slash}单位{colon}元", 9, m, lead=1.8)
    doc.flow(f"交易时间段{colon}{start:%Y-%m-%d %H:%M:%S} 至 {end:%Y-%m-%d %H:%M:%S}", 9, m, lead=1.7)
    doc.flow(f"交易类型{colon}全部", 9, m, lead=1.7)
    doc.y -= 8


def _closing(doc: Doc, r: random.Random, st: AliStyle, issuer: str, issued: datetime, seed: int) -> list[str]:
    notes = r.random() < 0.6
    need = 150 if notes else 110
    if not doc.fits(need):
        doc.new_page()
    m, w = st.margin, doc.size[0]
    doc.y -= 16
    if notes:
        for s in ["注：1.本证明仅证明该支付宝账户在上述时间段内的交易明细，不作他用。",
                  "2.交易对方为个人用户时，出于隐私保护，对方姓名已做部分隐藏处理。"]:
            doc.flow(s, 8, m, lead=1.6)
    doc.y -= 26
    doc.text(w - m - 10, doc.y, issuer, 10, "r")
    doc.y -= 16
    doc.text(w - m - 10, doc.y, f"{issued:%Y年%m月%d日}", 10, "r")
    cx = w - m - 10 - width(issuer, 10) / 2
    doc.image(seal_png(issuer, "电子业务专用章", seed), cx - 55, doc.y - 45, 110, 110)
    return ["41 seal image on the last page"] + (["closing 注 notes before the issuer"] if notes else [])


def build(seed: int) -> Variant:
    r = rng(FAMILY, seed)
    st = _style(r, seed)
    holder = person(r)
    n = r.choice([3, 6, 12, 20, 35, 55, 80, 110, 150]) if seed % 3 else r.randint(3, 150)
    start = datetime(r.choice([2023, 2024, 2025]), r.randint(1, 9), 1)
    days = r.choice([30, 60, 90, 120, 180])
    rows = _rows(r, n, start, days, loans=r.uniform(0.1, 0.35))
    end = start + timedelta(days=days) - timedelta(seconds=1)
    rows.sort(key=lambda x: x.when, reverse=st.descending)
    doc = Doc(A4, top=st.margin + 4, bottom=st.margin + 22)
    _preamble(doc, r, st, holder, start, end)
    cols = _columns(st, A4[0] - 2 * st.margin)
    tst = TableStyle(size=st.size, lead=st.size * 1.32, pad=2.2, rules=st.rules, valign=st.valign,
                     header_every_page=not st.header_once, header_fill=0.9 if r.random() < 0.4 else None,
                     header_size=st.size + 0.6)
    table(doc, st.margin, cols, [_cells(x, cols, st) for x in rows], tst)
    issuer = ISSUERS[st.issuer]
    extra = _closing(doc, r, st, issuer, end + timedelta(days=r.randint(1, 20)), seed)
    spaced = r.random() < 0.8
    footers(doc, lambda k, t: f"第 {k} 页/共 {t} 页" if spaced else f"第{k}页/共{t}页", 8, st.margin - 4)
    truth = {"kind": "payment_statement", "provider": "alipay", "account_holder": holder,
             "transactions": [_truth(x, st) for x in rows]}
    return Variant(FAMILY, seed, _variations(st, rows, cols, len(doc.pages)) + tuple(extra),
                   doc.render("支付宝交易流水证明"), truth)


def _truth(row: Row, st: AliStyle) -> dict[str, Any]:
    value, neutral = signed(row.flow, row.value, "支出", "收入")
    t: dict[str, Any] = {"date": f"{row.when:%Y-%m-%d}", "time": f"{row.when:%H:%M:%S}", "amount": value,
                         "balance": None, "counterparty": row.party}
    if neutral:
        t["flow"] = "neutral"
    return t


def _variations(st: AliStyle, rows: list[Row], cols: list[Col], pages: int) -> tuple[str, ...]:
    v = [f"34 issuer {ISSUERS[st.issuer]}", "35 small 编号 line right-aligned above the title",
         f"36 preamble {'full' if st.punct_full else 'half'}-width punctuation, {'with' if st.with_info else 'without'} 信息",
         f"37 币种 line {'with spaces around /' if st.currency_spaced else 'without spaces'}, 交易时间段, 交易类型",
         "38 header on page 1 only" if st.header_once else "38 header repeated on every page",
         "39 header order 收/支 交易对方 商品说明 收/付款方式 金额 交易订单号 商家订单号 交易时间",
         "40 order numbers over two lines", "40 unsigned 金额, direction in 收/支",
         f"41 footer 第 N 页/共 M 页 ({pages} pages)", f"rules {st.rules}, cells {st.valign}-aligned",
         f"rows: {len(rows)}, {'latest first' if st.descending else 'oldest first'}"]
    if st.narrow_flow and any(x.flow == "不计收支" for x in rows):
        v.append("40 不计收支 wrapped as 不计/收支")
    if st.time_split:
        v.append("40 交易时间 as a date line above a time line")
    else:
        v.append("交易时间 on one line (wide column)")
    room = [c.width - 4 for c in cols]
    if any(len(wrap(x.party, st.size, room[1])) > 1 or len(wrap(x.memo, st.size, room[2])) > 1 for x in rows):
        v.append("40 交易对方 / 商品说明 wrap freely")
    if any("_" in x.merchant and len(wrap(x.merchant, st.size, room[6])) > 1 for x in rows):
        v.append("40 商家订单号 with _ over two lines")
    if st.sep:
        v.append("amounts with thousands separators")
    return tuple(v)
