"""农业银行 账户活期交易明细清单 (FORMATS-REAL.md item 50), drawn blind from the catalogue.

The first half of this module is the drawing kit shared with gen_boc.py and gen_bocom.py: the
embedded CJK font (with Kangxi-radical code points mapped onto the ideographs' glyphs, the way the
real ABC PDFs' ToUnicode maps come out), cell wrapping, row placement over pages, invented people and
counterparties, and a booked transaction list whose balances chain.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from .base import Variant, rng

# ---------------------------------------------------------------------------------------------
# shared drawing kit
# ---------------------------------------------------------------------------------------------

FONT = "WQYMicroHei-banks-b"
FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

#: ideograph -> the Kangxi / CJK-radical code point real ABC text layers carry for it
KANGXI: dict[str, str] = {
    "行": "\u2f8f", "户": "\u2f3e", "日": "\u2f47", "金": "\u2fa6", "手": "\u2f3f",
    "言": "\u2f94", "人": "\u2f08", "民": "\u2ea0", "止": "\u2f4c", "支": "\u2f40",
    "方": "\u2f45", "入": "\u2f0a", "工": "\u2f2f", "用": "\u2f64",
}

_registered: list[str] = []


def font() -> str:
    """Register WenQuanYi Micro Hei once; the radical code points draw the ideographs' glyphs."""
    if not _registered:
        ttf = TTFont(FONT, FONT_PATH, subfontIndex=0)
        face = ttf.face
        for plain, radical in KANGXI.items():
            face.charToGlyph[ord(radical)] = face.charToGlyph[ord(plain)]
            face.charWidths[ord(radical)] = face.charWidths[ord(plain)]
        pdfmetrics.registerFont(ttf)
        _registered.append(FONT)
    return FONT


def kangxi(text: str) -> str:
    """The text as a Kangxi-radical text layer prints it."""
    return "".join(KANGXI.get(ch, ch) for ch in text)


def width(text: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, font(), size))


def wrap(text: str, room: float, size: float) -> list[str]:
    """Break a cell's text into lines no wider than `room` (characters break anywhere, as in CJK)."""
    if not text:
        return [""]
    lines: list[str] = []
    line = ""
    for ch in text:
        if line and width(line + ch, size) > room:
            lines.append(line)
            line = ch
        else:
            line += ch
    lines.append(line)
    return lines


@dataclass(frozen=True)
class Show:
    """One text-show: a string at a position (y measured from the page top), aligned at x."""

    x: float
    y: float
    text: str
    size: float
    align: str = "l"  # "l" left edge at x, "r" right edge at x, "c" centred on x


@dataclass(frozen=True)
class Rule:
    x0: float
    y0: float
    x1: float
    y1: float
    grey: float = 0.0
    width: float = 0.4


@dataclass
class Page:
    shows: list[Show] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)


@dataclass(frozen=True)
class Col:
    """A table column: its key into a row's cells, header lines, width and alignment."""

    key: str
    head: tuple[str, ...]
    width: float
    align: str = "l"
    wraps: bool = True


def col_x(cols: Sequence[Col], left: float) -> list[float]:
    xs: list[float] = []
    x = left
    for c in cols:
        xs.append(x)
        x += c.width
    return xs


def cell_anchor(c: Col, x: float, pad: float) -> float:
    if c.align == "r":
        return x + c.width - pad
    if c.align == "c":
        return x + c.width / 2
    return x + pad


def cell_lines(c: Col, text: str, size: float, pad: float) -> list[str]:
    if not c.wraps:
        return [text]
    return wrap(text, c.width - 2 * pad, size)


PAD = 2.5  # cell padding left and right: neighbouring cells stay more than 3 pt apart


@dataclass(frozen=True)
class RowLayout:
    """How table rows are placed: type size, line pitch, vertical alignment of cells in a row."""

    size: float
    leading: float
    pad_x: float = PAD
    pad_y: float = 1.5
    valign: str = "middle"  # "middle" (wraps straddle the row), "top" (wrap downward), "bottom"
    split: bool = False  # a row whose lines do not fit may continue on the next page


def row_shows(cols: Sequence[Col], xs: list[float], cells: dict[str, str], lay: RowLayout,
              top: float) -> tuple[list[list[Show]], float]:
    """Line-by-line shows of one row starting at `top`, grouped by line index, and the row height."""
    split = {c.key: cell_lines(c, cells.get(c.key, ""), lay.size, lay.pad_x) for c in cols}
    n = max(len(v) for v in split.values())
    height = n * lay.leading + 2 * lay.pad_y
    by_line: list[list[Show]] = [[] for _ in range(n)]
    for c, x in zip(cols, xs):
        lines = split[c.key]
        first = _first_line(len(lines), n, lay.valign)
        for i, text in enumerate(lines):
            if not text:
                continue
            y = top + lay.pad_y + (first + i) * lay.leading + (lay.leading + lay.size * 0.72) / 2
            by_line[min(int(first + i), n - 1)].append(
                Show(cell_anchor(c, x, lay.pad_x), y, text, lay.size, c.align))
    return by_line, height


def _first_line(count: int, rows: int, valign: str) -> float:
    if valign == "top":
        return 0
    if valign == "bottom":
        return rows - count
    return (rows - count) / 2


def place_rows(rows: Sequence[dict[str, str]], cols: Sequence[Col], left: float, lay: RowLayout,
               start: Callable[[int], tuple[Page, float]], bottom: float,
               after_row: Callable[[Page, float, float], None] | None = None) -> list[int]:
    """Flow rows down pages: `start(page_number)` opens a page and says where rows begin on it.

    Returns the page number of every row (the page its first line is on). With `lay.split` (and
    top-aligned cells) a row that does not fit continues on the next page.
    """
    xs = col_x(cols, left)
    where: list[int] = []
    number = 1
    page, y = start(number)
    for cells in rows:
        lines, height = row_shows(cols, xs, cells, lay, y)
        fit = int((bottom - y - lay.pad_y) // lay.leading)
        if y + height > bottom and lay.split and lay.valign == "top" and 1 <= fit < len(lines):
            where.append(number)
            for shows in lines[:fit]:
                page.shows.extend(shows)
            number += 1
            page, fresh = start(number)
            dy = fresh - y - fit * lay.leading
            for shows in lines[fit:]:
                page.shows.extend(_moved(s, dy) for s in shows)
            y += dy
        else:
            if y + height > bottom:
                number += 1
                page, y = start(number)
                lines, height = row_shows(cols, xs, cells, lay, y)
            where.append(number)
            for shows in lines:
                page.shows.extend(shows)
        y += height
        if after_row is not None:
            after_row(page, y - height, y)
    return where


def _moved(s: Show, dy: float) -> Show:
    return replace(s, y=s.y + dy)


def render(pages: Sequence[Page], size: tuple[float, float], title: str, owner: str | None = None) -> bytes:
    """Draw the pages into PDF bytes, deterministically; `owner` encrypts with an owner password
    only (the file opens without a password, printing and copying allowed)."""
    name = font()
    saved = rl_config.invariant
    rl_config.invariant = 1
    try:
        buf = io.BytesIO()
        encrypt = None
        if owner is not None:
            from reportlab.lib.pdfencrypt import StandardEncryption
            encrypt = StandardEncryption("", ownerPassword=owner, canPrint=1, canModify=0,
                                         canCopy=1, canAnnotate=0, strength=128)
        c = canvas.Canvas(buf, pagesize=size, pageCompression=1, encrypt=encrypt)
        c.setTitle(title)
        height = size[1]
        for page in pages:
            for r in page.rules:
                c.setStrokeGray(r.grey)
                c.setLineWidth(r.width)
                c.line(r.x0, height - r.y0, r.x1, height - r.y1)
            for s in page.shows:
                c.setFont(name, s.size)
                draw = {"l": c.drawString, "r": c.drawRightString, "c": c.drawCentredString}[s.align]
                draw(s.x, height - s.y, s.text)
            c.showPage()
        c.save()
        return buf.getvalue()
    finally:
        rl_config.invariant = saved


# --- money ------------------------------------------------------------------------------------

CENT = Decimal("0.01")


def money(value: Decimal, *, sep: bool = False, plus: bool = False, unsigned: bool = False) -> str:
    """A printed amount: "1,234.56" / "1234.56", "+" on credits when `plus`, sign dropped when `unsigned`."""
    v = value.quantize(CENT)
    body = f"{abs(v):,.2f}" if sep else f"{abs(v):.2f}"
    if unsigned:
        return body
    if v < 0:
        return "-" + body
    return ("+" + body) if plus else body


def truth_money(value: Decimal) -> str:
    return str(value.quantize(CENT))


# --- invented people and counterparties ----------------------------------------------------------

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏飞辉鑫宇浩然思雨欣怡子轩梓涵晨阳俊文博"

LENDERS: tuple[tuple[str, str], ...] = (
    ("重庆蚂蚁消费金融有限公司", "借呗还款"),
    ("深圳前海微众银行股份有限公司", "微粒贷还款"),
    ("招联消费金融股份有限公司", "招联好期贷还款"),
    ("马上消费金融股份有限公司", "安逸花还款"),
    ("中银消费金融有限公司", "新易贷还款"),
    ("重庆度小满小额贷款有限公司", "有钱花还款"),
    ("捷信消费金融有限公司", "分期还款"),
    ("北银消费金融有限公司", "贷款还款"),
    ("兴业消费金融股份公司", "家庭消费贷还款"),
    ("中邮消费金融有限公司", "邮你贷还款"),
)

PLATFORMS: tuple[tuple[str, str], ...] = (
    ("支付宝（中国）网络技术有限公司", "支付宝"),
    ("财付通支付科技有限公司", "财付通"),
    ("网银在线（北京）科技有限公司", "京东支付"),
    ("银联商务股份有限公司", "银联"),
)

MERCHANTS: tuple[tuple[str, str], ...] = (
    ("北京三快在线科技有限公司", "美团订单"),
    ("上海拉扎斯信息科技有限公司", "饿了么外卖"),
    ("北京京东世纪贸易有限公司", "京东商城购物"),
    ("上海寻梦信息技术有限公司", "拼多多订单"),
    ("北京小桔科技有限公司", "滴滴出行"),
    ("中国石化销售股份有限公司广东广州石油分公司", "加油"),
    ("国网江苏省电力有限公司", "电费"),
    ("中国移动通信集团广东有限公司", "话费充值"),
    ("浙江天猫技术有限公司", "天猫购物"),
    ("深圳市华润万家超市有限公司", "超市购物"),
    ("广州地铁集团有限公司", "地铁乘车"),
    ("瑞幸咖啡（厦门）有限公司", "咖啡"),
    ("杭州联华华商集团有限公司", "超市购物"),
    ("上海盒马网络科技有限公司", "盒马鲜生"),
)

EMPLOYERS: tuple[str, ...] = (
    "广州云帆信息科技有限公司", "深圳市启明星电子有限公司", "上海瑞丰国际贸易有限公司",
    "杭州青禾网络科技有限公司", "成都锦程物流有限公司", "武汉长江智造装备股份有限公司",
    "南京新禾医药连锁有限公司", "苏州恒盛精密机械有限公司",
)

BANKS: tuple[str, ...] = (
    "中国工商银行", "中国建设银行", "招商银行", "中国农业银行", "中国银行", "交通银行",
    "中国邮政储蓄银行", "兴业银行", "浦发银行", "平安银行", "中信银行", "民生银行",
)

CITIES: tuple[str, ...] = ("北京", "上海", "广州", "深圳", "杭州", "南京", "成都", "武汉", "苏州", "西安")


def person(r: random.Random) -> str:
    return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2, 2))))


def digits(r: random.Random, n: int, lead: str = "") -> str:
    return lead + "".join(r.choice("0123456789") for _ in range(n - len(lead)))


def card(r: random.Random, lead: str = "6222") -> str:
    return digits(r, r.choice((16, 19, 19)), lead)


def masked(number: str, keep_head: int = 4, keep_tail: int = 4, star: str = "*") -> str:
    return number[:keep_head] + star * (len(number) - keep_head - keep_tail) + number[-keep_tail:]


# --- transactions -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Tx:
    """One booked transaction, before a bank's vocabulary prints it."""

    at: datetime
    amount: Decimal
    category: str  # salary spend platform loan own_loan transfer_in transfer_out interest refund atm fee
    party: str  # counterparty name ("" where the bank prints none)
    account: str  # counterparty account ("" where none)
    party_bank: str
    memo: str
    balance: Decimal = Decimal("0")


CATEGORY_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("spend", 30), ("platform", 18), ("loan", 14), ("transfer_out", 8), ("transfer_in", 8),
    ("salary", 5), ("refund", 3), ("atm", 2), ("own_loan", 3), ("fee", 1),
)


def _amount(r: random.Random, category: str) -> Decimal:
    low, high = {
        "spend": (3, 600), "platform": (5, 1500), "loan": (150, 6000), "transfer_out": (50, 8000),
        "transfer_in": (50, 10000), "salary": (4000, 26000), "refund": (5, 300), "atm": (100, 3000),
        "own_loan": (800, 5200), "fee": (1, 20),
    }[category]
    if category == "atm":
        return Decimal(r.randrange(low, high, 100))
    cents = r.randrange(low * 100, high * 100)
    if r.random() < 0.15:
        cents -= cents % 100
    return Decimal(cents) / 100


def _party(r: random.Random, category: str, holder: str) -> tuple[str, str, str, str]:
    """(name, account, bank, memo) of the other side of a transaction."""
    if category == "loan":
        name, memo = r.choice(LENDERS)
        if r.random() < 0.3:
            platform = r.choice(PLATFORMS[:2])
            return platform[0], digits(r, r.choice((9, 12, 15))), "", memo
        return name, digits(r, r.choice((15, 16, 18, 19))), r.choice(BANKS), memo
    if category in ("spend", "refund"):
        name, memo = r.choice(MERCHANTS)
        return name, digits(r, r.choice((12, 15, 16))), r.choice(BANKS), memo + ("退款" if category == "refund" else "")
    if category == "platform":
        name, memo = r.choice(PLATFORMS)
        what = r.choice(("消费", "快捷支付", "充值", "转账", "购物", "生活缴费"))
        return name, digits(r, r.choice((9, 12, 15))), "", f"{memo}-{what}"
    if category == "salary":
        return r.choice(EMPLOYERS), digits(r, r.choice((15, 17, 19))), r.choice(BANKS), r.choice(("工资", "代发工资", "绩效奖金"))
    if category in ("transfer_in", "transfer_out"):
        name = holder if r.random() < 0.2 else person(r)
        return name, card(r, r.choice(("6222", "6217", "6228", "6214", "6230"))), r.choice(BANKS), r.choice(("转账", "还钱", "生活费", "房租", "红包", ""))
    if category == "own_loan":
        return "", "", "", r.choice(("个人贷款还款", "网捷贷还款", "房贷还款", "随薪贷还款"))
    return "", "", "", ""


def book(r: random.Random, holder: str, count: int, first: date, span_days: int,
         interest: bool = True) -> list[Tx]:
    """`count` transactions (plus quarterly interest on the 21st) in booking order, balances chained."""
    cats, weights = zip(*CATEGORY_WEIGHTS)
    raw: list[Tx] = []
    for _ in range(count):
        category = r.choices(cats, weights)[0]
        day = first + timedelta(days=r.randrange(span_days + 1))
        at = datetime.combine(day, time(r.randrange(6, 24), r.randrange(60), r.randrange(60)))
        name, account, bank, memo = _party(r, category, holder)
        sign = 1 if category in ("salary", "transfer_in", "refund") else -1
        raw.append(Tx(at, sign * _amount(r, category), category, name, account, bank, memo))
    if interest:
        raw.extend(_interest(r, first, span_days))
    raw.sort(key=lambda t: t.at)
    return chain(r, raw)


def _interest(r: random.Random, first: date, span_days: int) -> list[Tx]:
    found: list[Tx] = []
    day = first
    while day <= first + timedelta(days=span_days):
        if day.day == 21 and day.month in (3, 6, 9, 12):
            amount = Decimal(r.randrange(1, 4000)) / 100
            found.append(Tx(datetime.combine(day, time(r.randrange(0, 4), r.randrange(60), r.randrange(60))),
                            amount, "interest", "", "", "", "利息"))
        day += timedelta(days=1)
    return found


def chain(r: random.Random, txs: list[Tx]) -> list[Tx]:
    """Running balances from an opening balance that keeps the account from going below zero."""
    running = Decimal("0")
    low = Decimal("0")
    for t in txs:
        running += t.amount
        low = min(low, running)
    balance = -low + Decimal(r.randrange(0, 3000000)) / 100
    out: list[Tx] = []
    for t in txs:
        balance += t.amount
        out.append(replace(t, balance=balance))
    return out


def opening(txs: Sequence[Tx]) -> Decimal:
    return txs[0].balance - txs[0].amount if txs else Decimal("0")


def row_count(r: random.Random, seed: int) -> int:
    """3 to ~150 rows: a third short, a third medium, a third long."""
    band = seed % 3
    if band == 0:
        return r.randint(3, 14)
    if band == 1:
        return r.randint(15, 55)
    return r.randint(56, 150)


def span_for(r: random.Random, count: int) -> int:
    """Days the statement covers: short statements cover a month or a quarter, long ones up to a year."""
    if count < 15:
        return r.choice((20, 30, 45, 90))
    return r.choice((30, 90, 180, 365))


def first_day(r: random.Random, span: int) -> date:
    """The statement's first day: from 2022 on, the whole range ending by 2025-12-31."""
    latest = date(2025, 12, 31) - timedelta(days=span)
    return date(2022, 1, 1) + timedelta(days=r.randrange((latest - date(2022, 1, 1)).days + 1))


def truth_row(t: Tx, *, time_printed: bool, party: str, account: str | None = None,
              balance: bool = True) -> dict[str, Any]:
    row: dict[str, Any] = {
        "date": t.at.date().isoformat(),
        "time": t.at.strftime("%H:%M:%S") if time_printed else None,
        "amount": truth_money(t.amount),
        "balance": truth_money(t.balance) if balance else None,
        "counterparty": party,
    }
    if account is not None:
        row["counterparty_account"] = account
    return row


# ---------------------------------------------------------------------------------------------
# 农业银行
# ---------------------------------------------------------------------------------------------

FAMILY = "abc"

ABC_SUMMARY: dict[str, tuple[str, ...]] = {
    "spend": ("消费", "快捷支付", "转支", "网上支付"),
    "platform": ("快捷支付", "转支", "网银支付", "代付"),
    "loan": ("代扣", "转支", "快捷支付", "批量代扣"),
    "transfer_out": ("网银转账", "跨行转出", "转支", "转账"),
    "transfer_in": ("转存", "跨行汇入", "网银转入", "转账"),
    "salary": ("代发工资", "代发", "工资"),
    "refund": ("退款", "退货"),
    "atm": ("取现", "ATM取款"),
    "own_loan": ("正常还款",),
    "interest": ("结息",),
    "fee": ("短信服务费", "年费"),
}

ABC_CHANNEL: dict[str, tuple[str, ...]] = {
    "spend": ("电子商务", "银联", "POS"), "platform": ("电子商务", "第三方支付"),
    "loan": ("电子商务", "批量业务", "第三方支付"), "transfer_out": ("掌上银行", "网上银行", "超级网银"),
    "transfer_in": ("超级网银", "网上银行", "掌上银行", "柜台"), "salary": ("批量业务", "代发平台"),
    "refund": ("电子商务", "银联"), "atm": ("自助终端", "ATM"), "own_loan": ("批量业务", "--"),
    "interest": ("--", "批量业务"), "fee": ("批量业务", "--"),
}

ABC_HEAD: tuple[tuple[str, str, float, str], ...] = (
    ("date", "交易日期", 34, "c"), ("time", "交易时间", 30, "c"), ("summary", "交易摘要", 38, "l"),
    ("amount", "交易金额", 44, "r"), ("balance", "本次余额", 44, "r"), ("party", "对手信息", 92, "l"),
    ("log", "日 志 号", 36, "c"), ("channel", "交易渠道", 38, "l"), ("memo", "交易附言", 96, "l"),
)


@dataclass(frozen=True)
class AbcStyle:
    kangxi: str  # "plain" | "title+header" | "everywhere"
    fx_label: str  # "钞汇标识" | "汇钞标识"
    title: str
    size: float
    header_every_page: bool
    ruled: bool
    party_width: float
    memo_width: float
    margin: float
    footer: str  # "none" | "page_of" | "slash"
    masked_account: bool
    title_every_page: bool


def _abc_style(r: random.Random, seed: int) -> AbcStyle:
    return AbcStyle(
        kangxi=("plain", "title+header", "everywhere")[seed % 3],
        fx_label=("钞汇标识", "汇钞标识")[(seed // 3) % 2],
        title=r.choice(("中国农业银行账户活期交易明细清单",) * 4 + ("中国农业银行银行卡交易明细清单",)),
        size=r.choice((5.4,) * 6 + (5.0, 5.8, 6.2)),
        header_every_page=(seed // 2) % 2 == 0,
        ruled=r.random() < 0.5,
        party_width=r.choice((62.0, 72.0, 84.0, 96.0)),
        memo_width=r.choice((58.0, 70.0, 90.0)),
        margin=r.uniform(26, 40),
        footer=r.choice(("none", "page_of", "slash")),
        masked_account=r.random() < 0.5,
        title_every_page=r.random() < 0.3,
    )


def _abc_cells(t: Tx, r: random.Random) -> dict[str, str]:
    summary = r.choice(ABC_SUMMARY[t.category])
    blank_time = t.category in ("interest", "own_loan")
    return {
        "date": t.at.strftime("%Y%m%d"),
        "time": "" if blank_time else t.at.strftime("%H%M%S"),
        "summary": summary,
        "amount": money(t.amount, plus=True),
        "balance": money(t.balance),
        "party": t.party or "--",
        "log": digits(r, 6) if r.random() < 0.9 else "--",
        "channel": r.choice(ABC_CHANNEL[t.category]),
        "memo": t.memo or "--",
    }


def _abc_cols(st: AbcStyle) -> list[Col]:
    label = kangxi if st.kangxi != "plain" else (lambda s: s)
    cols = []
    for key, head, w, align in ABC_HEAD:
        if key == "party":
            w = st.party_width
        if key == "memo":
            w = st.memo_width
        cols.append(Col(key, (label(head),), w * st.size / 5.4, align, wraps=key in ("party", "memo", "summary", "channel")))
    return cols


def build(seed: int) -> Variant:
    r = rng(FAMILY, seed)
    font()
    st = _abc_style(r, seed)
    holder = person(r)
    account = card(r, "6228")
    count = row_count(r, seed) if seed % 10 != 8 else r.randint(170, 300)  # tiny type: long ones too
    span = span_for(r, count)
    first = first_day(r, span)
    txs = book(r, holder, count, first, span)
    rows = [_abc_cells(t, r) for t in txs]
    if st.kangxi == "everywhere":  # the same font map hits every cell; truth columns stay plain here
        rows = [{**c, **{k: kangxi(c[k]) for k in ("summary", "channel", "memo")}} for c in rows]
    pages, page_of_row, cols = _abc_pages(st, holder, account, first, span, rows)
    pdf = render(pages, A4, kangxi(st.title) if st.kangxi != "plain" else st.title)
    truth = {
        "kind": "bank_statement", "provider": "abc", "account_holder": holder,
        "transactions": [truth_row(t, time_printed=bool(c["time"]), party=t.party)
                         for t, c in zip(txs, rows)],
    }
    return Variant(FAMILY, seed, _abc_variations(st, rows, cols, len(pages)), pdf, truth,
                   notes="对手信息 '--' is an empty counterparty (truth \"\"); balances chain in printed order")


def _abc_pages(st: AbcStyle, holder: str, account: str, first: date, span: int,
               rows: list[dict[str, str]]) -> tuple[list[Page], list[int], list[Col]]:
    W, H = A4
    cols = _abc_cols(st)
    table_w = sum(c.width for c in cols)
    left = max(st.margin, (W - table_w) / 2)
    lay = RowLayout(size=st.size, leading=st.size * 1.25, pad_y=st.size * 0.35, valign="middle")
    lab = kangxi if st.kangxi == "everywhere" else (lambda s: s)
    title = kangxi(st.title) if st.kangxi != "plain" else st.title
    pages: list[Page] = []
    head_h = st.size * 2.2

    def start(number: int) -> tuple[Page, float]:
        page = Page()
        pages.append(page)
        y = st.margin
        if number == 1 or st.title_every_page:
            page.shows.append(Show(W / 2, y + 12, title, 12.5, "c"))
            y += 24
        if number == 1:
            acct = masked(account, 6, 4) if st.masked_account else account
            last = first + timedelta(days=span)
            line1 = [f"{lab('户名')}：{holder}", f"{lab('账户')}：{acct}", f"币种：{lab('人民币')}", f"{st.fx_label}：本币"]
            line2 = [f"{lab('起始日期')}：{first:%Y%m%d}", f"{lab('截止日期')}：{last:%Y%m%d}"]
            for line in (line1, line2):
                x = left
                for item in line:
                    page.shows.append(Show(x, y + 7, item, 7.0))
                    x += max(width(item, 7.0) + 18, 120)
                y += 11
            y += 4
        if number == 1 or st.header_every_page:
            y = _abc_header(page, cols, left, y, head_h, st)
        return page, y

    def after(page: Page, top: float, bottom: float) -> None:
        if st.ruled:
            page.rules.append(Rule(left, bottom, left + table_w, bottom, 0.3, 0.3))

    where = place_rows(rows, cols, left, lay, start, H - st.margin - 14, after)
    _abc_footers(pages, st, W, H)
    return pages, where, cols


def _abc_header(page: Page, cols: list[Col], left: float, y: float, h: float, st: AbcStyle) -> float:
    x = left
    total = sum(c.width for c in cols)
    page.rules.append(Rule(left, y, left + total, y, 0, 0.5))
    for c in cols:
        page.shows.append(Show(x + c.width / 2, y + h / 2 + st.size * 0.36, c.head[0], st.size, "c"))
        if st.ruled:
            page.rules.append(Rule(x, y, x, y + h, 0.3, 0.3))
        x += c.width
    page.rules.append(Rule(left, y + h, left + total, y + h, 0, 0.5))
    return y + h


def _abc_footers(pages: list[Page], st: AbcStyle, W: float, H: float) -> None:
    n = len(pages)
    for i, page in enumerate(pages, 1):
        if st.footer == "page_of":
            text = f"第 {i} 页 共 {n} 页"
        elif st.footer == "slash":
            text = f"第{i}页/共{n}页"
        else:
            continue
        page.shows.append(Show(W / 2, H - st.margin + 2, text, 6.5, "c"))


def _abc_variations(st: AbcStyle, rows: list[dict[str, str]], cols: list[Col], n_pages: int) -> tuple[str, ...]:
    found = [
        {"plain": "50 plain code points in title and header",
         "title+header": "50 Kangxi-radical code points in title and header",
         "everywhere": "50 Kangxi-radical code points in title, preamble, header, 摘要/渠道/附言"}[st.kangxi],
        f"50 {st.fx_label}：本币",
        "50 dates YYYYMMDD, times HHMMSS, amounts '+44754.02' without separators",
        f"50 {st.size} pt type" + (" (the real size)" if st.size == 5.4 else ""),
    ]
    if any(not c["time"] for c in rows):
        found.append("50 time blank on 结息/正常还款 rows")
    if any("--" in (c["party"], c["memo"], c["log"], c["channel"]) for c in rows):
        found.append("50 '--' for empty cells")
    if any(len(cell_lines(c, row[c.key], st.size, PAD)) > 1 for row in rows for c in cols):
        found.append("50 wrapped cells straddle the row")
    if n_pages > 1:
        found.append("50 header repeated on every page" if st.header_every_page else "38 header on page 1 only")
    if n_pages > 1 and st.title_every_page:
        found.append("50 title repeated on every page")
    if "银行卡" in st.title:
        found.append("50 title 银行卡交易明细清单")
    return tuple(found)
