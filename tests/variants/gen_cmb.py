"""招商银行交易流水 (CMB debit statement), drawn blind from FORMATS-REAL.md item 47 and FORMATS.md.

The first half of this module is common ground for the bank-statement families drawn by the same
hand (gen_icbc, gen_ccb import it): font, money formatting, wrapping, synthetic people, and a
chronological ledger with a consistent running balance. The second half draws the CMB layouts:

- current (bilingual): Chinese header row above an English row, "Transaction Amount" over two
  lines, the columns the user chose (客户摘要 among them), 对手信息 / 客户摘要 wrapping onto two lines
  that straddle the row's baseline, header on every page, page mark "1/2", 温馨提示 on the last page;
- 2020: the same without the English header row and without 客户摘要.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from reportlab import rl_config
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from .base import Variant, rng

# ----------------------------------------------------------------------------------------------
# Shared by the bank families of this hand (gen_cmb, gen_icbc, gen_ccb)
# ----------------------------------------------------------------------------------------------

FONT = "WQYMicroHei"
_FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
CENT = Decimal("0.01")


def register_font() -> str:
    """Register WenQuanYi Micro Hei once; return its ReportLab name."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, _FONT_PATH, subfontIndex=0))
    return FONT


@contextmanager
def invariant_pdf() -> Iterator[None]:
    """Fixed timestamps and document IDs while rendering; the previous setting comes back after."""
    before = rl_config.invariant
    rl_config.invariant = 1
    try:
        yield
    finally:
        rl_config.invariant = before


def new_canvas(buf: io.BytesIO, size: tuple[float, float], title: str) -> Canvas:
    register_font()
    cv = Canvas(buf, pagesize=size, invariant=1, pageCompression=1)
    cv.setTitle(title)
    cv.setCreator("Report Engine")
    return cv


def width(text: str, size: float) -> float:
    register_font()
    return float(pdfmetrics.stringWidth(text, FONT, size))


def money(value: Decimal, sep: bool = True, plus: bool = False, unsigned: bool = False) -> str:
    """A printed amount: "1,050.00", "-1050.00", "+4,000.00"."""
    v = abs(value) if unsigned else value
    text = f"{v:,.2f}" if sep else f"{v:.2f}"
    if plus and v > 0:
        text = "+" + text
    return text


def truth_money(value: Decimal) -> str:
    return f"{value.quantize(CENT):.2f}"


def wrap(text: str, size: float, limit: float) -> list[str]:
    """Break text character by character into lines no wider than limit (as report engines do)."""
    if not text:
        return [""]
    lines: list[str] = []
    line = ""
    for ch in text:
        if line and width(line + ch, size) > limit:
            lines.append(line.rstrip())
            line = ch.lstrip()
        else:
            line += ch
    lines.append(line)
    return [ln for ln in lines if ln] or [""]


def draw_cell(cv: Canvas, text: str, x0: float, x1: float, y: float, align: str, pad: float = 2.0) -> None:
    """One text-show for one cell line: left, right or centred inside [x0, x1]."""
    if not text:
        return
    if align == "right":
        cv.drawRightString(x1 - pad, y, text)
    elif align == "center":
        cv.drawCentredString((x0 + x1) / 2, y, text)
    else:
        cv.drawString(x0 + pad, y, text)


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红兰建国志文辉鹏晓燕雪梅海波宇航欣怡子涵浩然思远嘉琪"

LENDERS = (
    "重庆蚂蚁消费金融有限公司",
    "深圳前海微众银行股份有限公司",
    "招联消费金融股份有限公司",
    "马上消费金融股份有限公司",
    "中银消费金融有限公司",
    "北京京东世纪贸易有限公司",
    "兴业消费金融股份公司",
    "度小满（重庆）小额贷款有限公司",
    "重庆市蚂蚁商诚信息技术有限公司",
)
MERCHANTS = (
    "北京三快在线科技有限公司",
    "上海拉扎斯信息科技有限公司",
    "滴滴出行科技有限公司",
    "中国石化销售股份有限公司广东石油分公司",
    "永辉超市股份有限公司",
    "瑞幸咖啡（中国）有限公司",
    "浙江天猫技术有限公司",
    "拼多多",
    "美团",
    "盒马鲜生",
    "肯德基",
    "京东商城业务",
    "星巴克企业管理（中国）有限公司",
    "华润万家有限公司",
    "中国铁路网络有限公司",
    "上海携程商务有限公司",
)
PLATFORMS = ("财付通支付科技有限公司", "支付宝（中国）网络技术有限公司", "网银在线（北京）科技有限公司")
UTILITIES = (
    "国网上海市电力公司",
    "深圳市水务（集团）有限公司",
    "中国移动通信集团广东有限公司",
    "北京燃气集团有限责任公司",
    "中国联合网络通信有限公司",
)
EMPLOYERS = (
    "深圳市腾云数码科技有限公司",
    "上海华信软件股份有限公司",
    "杭州青禾网络技术有限公司",
    "广州南粤物流集团有限公司",
    "成都蓉信医疗器械有限公司",
)
CITIES = ("北京", "上海", "深圳", "广州", "杭州", "成都", "武汉", "南京", "重庆", "西安")


def person(r: random.Random) -> str:
    return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2, 2))))


def digits(r: random.Random, n: int) -> str:
    return "".join(r.choice("0123456789") for _ in range(n))


def card(r: random.Random, prefix: str = "", length: int = 19) -> str:
    prefix = prefix or r.choice(("6222", "6217", "6214", "6225", "6228", "6230", "6212"))
    return prefix + digits(r, length - len(prefix))


def mask(number: str, head: int = 4, tail: int = 4) -> str:
    return number[:head] + "*" * (len(number) - head - tail) + number[-tail:]


@dataclass
class Txn:
    """One booked movement; the bank families decide how each prints it."""

    when: datetime
    amount: Decimal
    category: str
    party: str = ""
    account: str = ""
    note: str = ""
    balance: Decimal = Decimal("0")
    extra: dict[str, str] = field(default_factory=dict)


_CATEGORY_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("spend", 40), ("platform", 8), ("utility", 5), ("transfer_out", 8), ("transfer_in", 8),
    ("salary", 4), ("loan_repay", 14), ("loan_disburse", 2), ("refund", 3), ("interest", 2),
)


def _cents(r: random.Random, lo: float, hi: float, whole: float = 0.3) -> Decimal:
    value = Decimal(str(round(r.uniform(lo, hi), 2)))
    if r.random() < whole:
        value = value.quantize(Decimal("1"))
    return value.quantize(CENT)


def _amount(r: random.Random, category: str) -> Decimal:
    if category in ("spend", "platform"):
        band = r.random()
        low, high = (1.0, 60.0) if band < 0.55 else (60.0, 600.0) if band < 0.9 else (600.0, 12000.0)
        return -_cents(r, low, high)
    table: dict[str, tuple[float, float, float, int]] = {
        "utility": (30, 480, 0.2, -1), "transfer_out": (100, 26000, 0.7, -1),
        "transfer_in": (50, 60000, 0.6, 1), "salary": (5200, 32000, 0.1, 1),
        "loan_repay": (150, 8800, 0.25, -1), "loan_disburse": (3000, 80000, 1.0, 1),
        "refund": (3, 800, 0.2, 1), "interest": (0.01, 45.0, 0.0, 1),
    }
    lo, hi, whole, sign = table[category]
    value = _cents(r, lo, hi, whole)
    if category == "loan_disburse":
        value = (value / 1000).quantize(Decimal("1")) * 1000
    return value.quantize(CENT) * sign


def _party(r: random.Random, category: str) -> tuple[str, str]:
    """(name, account) as a bank would record the other side; account "" where none."""
    if category == "spend":
        return r.choice(MERCHANTS), ""
    if category == "platform":
        return r.choice(PLATFORMS), r.choice(("", "", "243300133", "215500690", "1201000000000"))
    if category == "utility":
        return r.choice(UTILITIES), digits(r, r.choice((14, 17, 19)))
    if category in ("transfer_out", "transfer_in"):
        return person(r), card(r)
    if category == "salary":
        return r.choice(EMPLOYERS), digits(r, r.choice((15, 18, 20)))
    if category in ("loan_repay", "loan_disburse"):
        return r.choice(LENDERS), r.choice(("", digits(r, 16), digits(r, 20)))
    if category == "refund":
        return r.choice(MERCHANTS + PLATFORMS), ""
    return "", ""


_NOTES: dict[str, tuple[str, ...]] = {
    "spend": ("", "", "", "", "午饭", "超市采购", "加油"),
    "platform": ("", "", "网购", "充值"),
    "utility": ("", "水电燃气", "话费", "{y}年物业管理费及停车费"),
    "transfer_out": ("", "房租", "生活费", "给妈妈的生活费及医药费", "还朋友借款", "{y}年{m}月房租及水电"),
    "transfer_in": ("", "", "报销差旅费", "押金退回", "朋友还款"),
    "salary": ("", "工资", "{m}月工资", "绩效奖金"),
    "loan_repay": ("", "借呗还款", "微粒贷还款第{k}期", "招联好期贷还款", "安逸花还款", "还款"),
    "loan_disburse": ("", "借款", "贷款到账"),
    "refund": ("",),
    "interest": ("",),
}


def _note(r: random.Random, category: str, when: datetime) -> str:
    return r.choice(_NOTES[category]).format(y=when.year, m=when.month, k=r.randint(1, 12))


def ledger(r: random.Random, count: int, start: date, end: date, opening: Decimal) -> list[Txn]:
    """Chronological movements with a consistent balance (previous balance + amount = balance)."""
    span = max((end - start).days, 1)
    stamps = sorted(
        datetime.combine(start + timedelta(days=r.randrange(span + 1)), datetime.min.time())
        + timedelta(seconds=r.randrange(6 * 3600, 23 * 3600 + 3599))
        for _ in range(count)
    )
    names, weights = zip(*_CATEGORY_WEIGHTS)
    balance = opening
    out: list[Txn] = []
    for when in stamps:
        category = r.choices(names, weights)[0]
        amount = _amount(r, category)
        if balance + amount < 0:
            category, amount = "transfer_in", _cents(r, 500, 9000, 0.8)
        balance += amount
        name, account = _party(r, category)
        out.append(Txn(when, amount, category, name, account, _note(r, category, when), balance))
    return out


def period(r: random.Random) -> tuple[date, date]:
    start = date(r.choice((2019, 2020, 2021, 2022, 2023, 2024)), r.randint(1, 12), r.randint(1, 28))
    return start, start + timedelta(days=r.choice((30, 61, 90, 92, 180, 183, 365)))


def row_count(r: random.Random) -> int:
    band = r.random()
    if band < 0.3:
        return r.randint(3, 15)
    if band < 0.7:
        return r.randint(16, 60)
    return r.randint(61, 150)


def tx_truth(t: Txn, time: str | None, balance: bool, party: str, account: str) -> dict[str, Any]:
    row: dict[str, Any] = {
        "date": t.when.date().isoformat(),
        "time": time,
        "amount": truth_money(t.amount),
        "balance": truth_money(t.balance) if balance else None,
        "counterparty": party,
    }
    if account:
        row["counterparty_account"] = account
    return row


def qr(cv: Canvas, payload: str, x: float, y: float, size: float) -> None:
    widget = QrCodeWidget(payload)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, cv, x, y)


@dataclass(frozen=True)
class Line:
    """One cell line of a table row: its column, its text and its baseline below the row's top."""

    key: str
    text: str
    dy: float


@dataclass
class Block:
    """A table row as drawn; part is 0 for a whole row, 1 / 2 for the halves of a row a page break split."""

    txn: Txn
    lines: list[Line]
    height: float
    part: int = 0

    def has(self, keys: Sequence[str]) -> bool:
        return any(line.key in keys for line in self.lines)


def split_block(block: Block, room: float, descent: float) -> tuple[Block, Block] | None:
    """Cut a row at a page break the way iText splits a row: lines that fit stay, the rest move on."""
    keep = [ln for ln in block.lines if ln.dy + descent <= room]
    move = [ln for ln in block.lines if ln.dy + descent > room]
    if not keep or not move:
        return None
    first = min(ln.dy for ln in block.lines)
    cut = min(ln.dy for ln in move) - first
    tail = [Line(ln.key, ln.text, ln.dy - cut) for ln in move]
    return Block(block.txn, keep, room, 1), Block(block.txn, tail, block.height - cut, 2)


def paginate(blocks: Sequence[Block], room: Callable[[int], float], descent: float,
             splits: int = 0) -> list[list[Block]]:
    """Fill pages in order; room(n) is the height page n (0-based) has for rows. Up to `splits`
    rows that do not fit are split across the break instead of moving whole."""
    pages: list[list[Block]] = [[]]
    left = room(0)
    for block in blocks:
        if block.height > left and pages[-1]:
            cut = split_block(block, left, descent) if splits > 0 else None
            if cut:
                splits -= 1
                pages[-1].append(cut[0])
                block = cut[1]
            pages.append([])
            left = room(len(pages) - 1)
        pages[-1].append(block)
        left -= block.height
    return pages


def draw_block(cv: Canvas, block: Block, top: float, cols: dict[str, tuple[float, float, str]],
               pad: float = 2.0) -> None:
    for ln in block.lines:
        x0, x1, align = cols[ln.key]
        draw_cell(cv, ln.text, x0, x1, top - ln.dy, align, pad)


def grid(cv: Canvas, cols: dict[str, tuple[float, float, str]], top: float, bottom: float) -> None:
    """Cell borders of one ruled table band."""
    xs = sorted({v[0] for v in cols.values()} | {v[1] for v in cols.values()})
    cv.setLineWidth(0.4)
    cv.rect(xs[0], bottom, xs[-1] - xs[0], top - bottom, stroke=1, fill=0)
    for x in xs[1:-1]:
        cv.line(x, top, x, bottom)


def shade(cv: Canvas, cols: dict[str, tuple[float, float, str]], top: float, bottom: float,
          rgb: tuple[float, float, float]) -> None:
    x0 = min(v[0] for v in cols.values())
    x1 = max(v[1] for v in cols.values())
    cv.saveState()
    cv.setFillColorRGB(*rgb)
    cv.rect(x0, bottom, x1 - x0, top - bottom, stroke=0, fill=1)
    cv.restoreState()


# ----------------------------------------------------------------------------------------------
# CMB
# ----------------------------------------------------------------------------------------------

FAMILY = "cmb"

_TYPES: dict[str, tuple[str, ...]] = {
    "spend": ("快捷支付", "银联快捷支付", "网联协议支付", "银联在线支付", "扫码支付", "消费"),
    "platform": ("网联协议支付", "快捷支付", "网联付款"),
    "utility": ("代扣代缴", "网联协议支付", "自助缴费"),
    "transfer_out": ("转账汇款", "跨行转出", "手机转账", "朝朝宝转出"),
    "transfer_in": ("汇入汇款", "转账汇入", "跨行汇入", "行内转入"),
    "salary": ("代发工资", "代发劳务费", "代发奖金"),
    "loan_repay": ("网联协议支付", "快捷支付", "代扣还款", "银联快捷支付"),
    "loan_disburse": ("汇入汇款", "网联付款", "贷款发放"),
    "refund": ("网联退款", "退款", "银联退货"),
    "interest": ("账户结息", "结息"),
}


@dataclass(frozen=True)
class Column:
    key: str
    cn: str
    en: tuple[str, ...]
    align: str
    width: float


_COLUMNS: tuple[Column, ...] = (
    Column("date", "记账日期", ("Date",), "left", 58),
    Column("cur", "货币", ("Currency",), "center", 40),
    Column("amt", "交易金额", ("Transaction", "Amount"), "right", 70),
    Column("bal", "联机余额", ("Balance",), "right", 70),
    Column("type", "交易摘要", ("Transaction Type",), "left", 76),
    Column("party", "对手信息", ("Counter Party",), "left", 0),
    Column("memo", "客户摘要", ("Customer Type",), "left", 0),
)


@dataclass
class CmbStyle:
    layout: str  # "current" | "2020"
    cols: list[Column]
    margin: float
    fs: float
    pad: float
    header_line: bool
    en_centred: bool
    mark_right: bool
    party_space: str
    splits: int
    page_size: tuple[float, float] = A4
    widths: dict[str, float] = field(default_factory=dict)


def _style(r: random.Random) -> CmbStyle:
    layout = "2020" if r.random() < 0.3 else "current"
    keys = ["date", "amt"]
    keys += [k for k, p in (("cur", 0.75), ("bal", 0.85), ("type", 0.85), ("party", 0.9)) if r.random() < p]
    if layout == "current" and r.random() < 0.65:
        keys.append("memo")
    cols = [c for c in _COLUMNS if c.key in keys]
    style = CmbStyle(layout, cols, r.uniform(26, 42), round(r.uniform(7.0, 8.6), 1), r.uniform(1.5, 3.5),
                     r.random() < 0.5, r.random() < 0.5, r.random() < 0.4, r.choice((" ", " ", "  ")),
                     r.choice((0, 3, 3)))
    _fit(style, r)
    return style


def _fit(style: CmbStyle, r: random.Random) -> None:
    """Fixed columns keep their width (scaled to the type size); the text columns share the rest."""
    scale = style.fs / 8.0
    fixed = {c.key: c.width * scale for c in style.cols if c.width}
    room = style.page_size[0] - 2 * style.margin - sum(fixed.values())
    flex = [c.key for c in style.cols if not c.width]
    if "memo" in flex and "party" in flex:
        share = r.uniform(0.58, 0.74)
        fixed["party"], fixed["memo"] = room * share, room * (1 - share)
    elif flex:
        fixed[flex[0]] = min(room, r.uniform(105, 230) * scale)
        spare = room - fixed[flex[0]]
        for key in fixed:
            fixed[key] += spare / len(fixed)
    else:
        for key in fixed:
            fixed[key] += room / len(fixed)
    style.widths = fixed


def _table(style: CmbStyle) -> dict[str, tuple[float, float, str]]:
    x = style.margin
    out: dict[str, tuple[float, float, str]] = {}
    for col in style.cols:
        out[col.key] = (x, x + style.widths[col.key], col.align)
        x += style.widths[col.key]
    return out


def _party_text(t: Txn, sep: str) -> str:
    return f"{t.party}{sep}{t.account}" if t.party and t.account else t.party


def _block(r: random.Random, style: CmbStyle, t: Txn) -> Block:
    """Single-line cells sit on the row's baseline; wrapped ones straddle it (above and below)."""
    lh = style.fs * 1.18
    cells = {c.key: wrap(_cell_text(r, c.key, t, style), style.fs, style.widths[c.key] - 2 * style.pad)
             for c in style.cols}
    count = max(len(v) for v in cells.values())
    height = max(count * lh + style.fs * 0.9, style.fs * 2.1)
    base = height / 2 + style.fs * 0.35
    lines = [Line(key, text, base - ((len(texts) - 1) / 2 - i) * lh)
             for key, texts in cells.items() for i, text in enumerate(texts)]
    return Block(t, lines, height)


def _cell_text(r: random.Random, key: str, t: Txn, style: CmbStyle) -> str:
    if key == "date":
        return t.when.date().isoformat()
    if key == "cur":
        return "人民币"
    if key == "amt":
        return money(t.amount)
    if key == "bal":
        return money(t.balance)
    if key == "type":
        return r.choice(_TYPES[t.category])
    if key == "party":
        return _party_text(t, style.party_space)
    return t.note


def _header_height(style: CmbStyle) -> float:
    rows = 1 if style.layout == "2020" else 3
    return rows * style.fs * 1.2 + style.fs * 0.8


def _draw_header(cv: Canvas, style: CmbStyle, top: float) -> float:
    """The table header at top (Chinese row, then the English row in the current layout)."""
    table = _table(style)
    fs = style.fs
    cv.setFont(FONT, fs)
    y_cn = top - fs
    for col in style.cols:
        draw_cell(cv, col.cn, *table[col.key][:2], y_cn, "center")
    if style.layout == "current":
        cv.setFont(FONT, fs * 0.9)
        for col in style.cols:
            lines = col.en
            y0 = y_cn - fs * 1.25 if (len(lines) == 2 or not style.en_centred) else y_cn - fs * 1.85
            for i, line in enumerate(lines):
                draw_cell(cv, line, *table[col.key][:2], y0 - i * fs * 1.15, "center")
    bottom = top - _header_height(style)
    if style.header_line:
        cv.setLineWidth(0.5)
        cv.line(style.margin, bottom + fs * 0.3, style.page_size[0] - style.margin, bottom + fs * 0.3)
    return bottom


_TIPS = (
    "温馨提示：",
    "1. 本流水由招商银行系统自动生成，您可登录招商银行App，通过“首页-扫一扫”扫描本流水右上角二维码，"
    "或在“流水打印-验证流水真伪”中输入验证码核验本流水的真实性。",
    "2. 交易金额中负数表示支出，正数表示收入；联机余额为交易发生后的账户余额。",
    "3. 本流水仅反映所选账户在所选期间内的交易明细，如有疑问请致电招商银行客服热线95555。",
)


def _tip_lines(style: CmbStyle) -> list[str]:
    limit = style.page_size[0] - 2 * style.margin
    return [ln for tip in _TIPS for ln in wrap(tip, style.fs, limit)]


def _tips_height(style: CmbStyle) -> float:
    return len(_tip_lines(style)) * style.fs * 1.4 + style.fs


def _draw_tips(cv: Canvas, style: CmbStyle, y: float) -> None:
    cv.setFont(FONT, style.fs)
    for line in _tip_lines(style):
        y -= style.fs * 1.4
        cv.drawString(style.margin, y, line)


@dataclass
class Preamble:
    holder: str
    account: str
    acct_type: str
    branch: str
    applied: str
    code: str
    start: date
    end: date
    en_labels: bool


def _preamble(r: random.Random, style: CmbStyle, start: date, end: date) -> Preamble:
    applied = datetime.combine(end + timedelta(days=r.randint(1, 40)), datetime.min.time())
    applied += timedelta(seconds=r.randrange(8 * 3600, 22 * 3600))
    branch = (f"{r.choice(CITIES)}{r.choice(('分行', '分行营业部'))}"
              f"{r.choice(('科技园', '南山', '天河', '徐家汇', '中关村', '金融街'))}支行")
    code = "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(r.choice((8, 12, 16))))
    return Preamble(person(r), mask(card(r, "6214", 16), 6, 4), r.choice(("一卡通", "一卡通（金卡）", "储蓄账户")),
                    branch, applied.strftime("%Y-%m-%d %H:%M:%S"), code, start, end,
                    style.layout == "current" or r.random() < 0.5)


def _first_top(style: CmbStyle, pre: Preamble) -> float:
    """Where _draw_top leaves the table: title lines, then three preamble lines."""
    return style.page_size[1] - style.margin - 63 - 3 * (22 if pre.en_labels else 14) - 4


def _draw_top(cv: Canvas, style: CmbStyle, pre: Preamble) -> float:
    """Title, English title, range and preamble (labels with English below) on page 1."""
    w, h = style.page_size
    y = h - style.margin - 14
    cv.setFont(FONT, 15)
    cv.drawCentredString(w / 2, y, "招商银行交易流水")
    cv.setFont(FONT, 9)
    cv.drawCentredString(w / 2, y - 14, "Transaction Statement of China Merchants Bank")
    cv.drawCentredString(w / 2, y - 27, f"{pre.start.isoformat()} -- {pre.end.isoformat()}")
    qr(cv, f"CMB{pre.code}{pre.account}", w - style.margin - 52, h - style.margin - 52, 52)
    pairs = (("户 名：", "Name", pre.holder), ("账号：", "Account No", pre.account),
             ("账户类型：", "Account Type", pre.acct_type), ("开 户 行：", "Sub Branch", pre.branch),
             ("申请时间：", "Date", pre.applied), ("验 证 码：", "Verification Code", pre.code))
    y -= 49
    half = (w - 2 * style.margin) / 2
    for i in range(0, len(pairs), 2):
        for j, (cn, en, value) in enumerate(pairs[i:i + 2]):
            x = style.margin + j * half
            cv.setFont(FONT, 8.5)
            cv.drawString(x, y, cn)
            cv.drawString(x + width(cn, 8.5) + 2, y, value)
            if pre.en_labels:
                cv.setFont(FONT, 6.5)
                cv.drawString(x, y - 9, en)
        y -= 22 if pre.en_labels else 14
    return _first_top(style, pre)


def _render(style: CmbStyle, pre: Preamble, blocks: list[Block]) -> tuple[bytes, list[list[Block]], bool]:
    buf = io.BytesIO()
    cv = new_canvas(buf, style.page_size, "招商银行交易流水")
    h = style.page_size[1]
    floor = style.margin + 24
    tops = (_first_top(style, pre), h - style.margin)
    pages = paginate(blocks, lambda n: tops[min(n, 1)] - _header_height(style) - floor,
                     style.fs * 0.3, style.splits)
    last_y = tops[min(len(pages) - 1, 1)] - _header_height(style) - sum(b.height for b in pages[-1])
    tips_own_page = last_y - _tips_height(style) < floor
    total = len(pages) + (1 if tips_own_page else 0)
    table = _table(style)
    for n, page in enumerate(pages, 1):
        y = _draw_header(cv, style, _draw_top(cv, style, pre) if n == 1 else h - style.margin)
        for block in page:
            draw_block(cv, block, y, table, style.pad)
            y -= block.height
        if n == len(pages) and not tips_own_page:
            _draw_tips(cv, style, last_y - style.fs)
        _page_mark(cv, style, n, total)
        cv.showPage()
    if tips_own_page:
        _draw_tips(cv, style, h - style.margin - style.fs)
        _page_mark(cv, style, total, total)
        cv.showPage()
    cv.save()
    return buf.getvalue(), pages, tips_own_page


def _page_mark(cv: Canvas, style: CmbStyle, n: int, total: int) -> None:
    cv.setFont(FONT, 8)
    w = style.page_size[0]
    if style.mark_right:
        cv.drawRightString(w - style.margin, style.margin, f"{n}/{total}")
    else:
        cv.drawCentredString(w / 2, style.margin, f"{n}/{total}")


def _variations(style: CmbStyle, pages: list[list[Block]], tips_alone: bool) -> list[str]:
    keys = [c.key for c in style.cols]
    blocks = [b for page in pages for b in page]
    out: list[str] = []
    if style.layout == "current":
        out += ["47 bilingual header (CN row above EN row)", "47 Transaction Amount over two lines"]
    else:
        out.append("47 2020 layout: no English header row, no 客户摘要")
    if len(keys) < (7 if style.layout == "current" else 6):
        out.append("47 user-chosen columns: " + " ".join(c.cn for c in style.cols))
    if "memo" in keys:
        out.append("47 客户摘要 column")
    for key, name in (("party", "对手信息"), ("memo", "客户摘要")):
        if any(len({ln.dy for ln in b.lines if ln.key == key}) > 1 for b in blocks if not b.part):
            out.append(f"47 {name} wraps onto two lines straddling the baseline")
    if "party" in keys and any(b.txn.account for b in blocks):
        out.append("47 对手信息 as name + account")
    total = len(pages) + (1 if tips_alone else 0)
    if len(pages) > 1:
        out += ["47 header repeated on every page", "4 rows continue across page breaks"]
    if any(b.part for b in blocks):
        out.append("4 a wrapped row split by a page break (its upper line on the page before)")
    out.append(f"47 page mark 1/{total}" + (" at right" if style.mark_right else ""))
    out.append("47 温馨提示 on the last page" + (" (a page of its own)" if tips_alone else ""))
    return out


def build(seed: int) -> Variant:
    r = rng(FAMILY, seed)
    style = _style(r)
    start, end = period(r)
    txns = ledger(r, row_count(r), start, end, _cents(r, 200, 90000))
    pre = _preamble(r, style, start, end)
    blocks = [_block(r, style, t) for t in txns]
    with invariant_pdf():
        pdf, pages, tips_alone = _render(style, pre, blocks)
    keys = {c.key for c in style.cols}
    printed = "party" in keys
    truth: dict[str, Any] = {
        "kind": "bank_statement",
        "provider": "cmb",
        "account_holder": pre.holder,
        "transactions": [
            tx_truth(t, None, "bal" in keys, t.party if printed else "", t.account if printed else "")
            for t in txns
        ],
    }
    notes = "columns printed: " + " ".join(c.cn for c in style.cols)
    return Variant(FAMILY, seed, tuple(_variations(style, pages, tips_alone)), pdf, truth, notes)
