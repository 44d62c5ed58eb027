"""Helpers for gen_pboc: a small page-flow layout on ReportLab's canvas, and synthetic people/dates.

Not a family module: the families live in gen_pboc.py. base.families() imports every ``gen_*``
module and reads ``FAMILIES or {FAMILY: build}``; the truthy empty mapping below makes it register
nothing from here.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas


class _NoFamilies(dict[str, Callable[[int], object]]):
    """Empty, but truthy, so that base.families() does not look for FAMILY here."""

    def __bool__(self) -> bool:
        return True


FAMILIES: dict[str, Callable[[int], object]] = _NoFamilies()

FONT = "WQYMicroHei"
_FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def ensure_font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, _FONT_PATH, subfontIndex=0))
    return FONT


_CHAR_W: dict[str, float] = {}


def _char_w(ch: str) -> float:
    w = _CHAR_W.get(ch)
    if w is None:
        w = _CHAR_W[ch] = float(pdfmetrics.stringWidth(ch, ensure_font(), 1000.0))
    return w


def width(text: str, size: float) -> float:
    return sum(_char_w(ch) for ch in text) * size / 1000.0


def wrap(text: str, avail: float, size: float, breaks: tuple[int, ...] = ()) -> list[str]:
    """Greedy character wrap (CJK renderers break anywhere); `breaks` forces a break before index i."""
    lines: list[str] = []
    cur, cur_w = "", 0.0
    limit = avail * 1000.0 / size
    for i, ch in enumerate(text):
        w = _char_w(ch)
        if cur and (i in breaks or cur_w + w > limit):
            lines.append(cur)
            cur, cur_w = "", 0.0
        cur += ch
        cur_w += w
    if cur or not lines:
        lines.append(cur)
    return lines


def tokens(text: str) -> list[tuple[int, str]]:
    """(start index, token): runs of digits (with , and .) stay whole, every other character alone."""
    out: list[tuple[int, str]] = []
    for i, ch in enumerate(text):
        if out and ch in _NUM and out[-1][1][-1] in _NUM and out[-1][0] + len(out[-1][1]) == i:
            out[-1] = (out[-1][0], out[-1][1] + ch)
        else:
            out.append((i, ch))
    return out


_NUM = set("0123456789,.")


def wrap_words(text: str, avail: float, size: float, breaks: tuple[int, ...] = ()) -> list[str]:
    """Like wrap(), but never inside a number: the way sentence renderers break lines."""
    lines: list[str] = []
    cur = ""
    for start, tok in tokens(text):
        if cur and (start in breaks or width(cur + tok, size) > avail):
            lines.append(cur)
            cur = ""
        cur += tok
    if cur or not lines:
        lines.append(cur)
    return lines


# ---------------------------------------------------------------- layout

Op = tuple[object, ...]


@dataclass
class Style:
    w: float
    h: float
    ml: float
    mr: float
    mt: float
    mb: float
    size: float
    lead: float
    padx: float
    pady: float
    shade: tuple[float, float, float]
    line_w: float

    @property
    def cw(self) -> float:
        return self.w - self.ml - self.mr


@dataclass
class Cell:
    text: str
    align: str = "c"
    size: float | None = None


@dataclass
class Flow:
    """A cursor over pages of draw operations; pages are rendered once the total is known."""

    st: Style
    pages: list[list[Op]] = field(default_factory=lambda: [[]])
    y: float = 0.0
    events: set[str] = field(default_factory=set)
    on_new_page: Callable[[Flow], None] | None = None

    def __post_init__(self) -> None:
        self.y = self.st.h - self.st.mt

    @property
    def page_no(self) -> int:
        return len(self.pages)

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.st.h - self.st.mt
        if self.on_new_page is not None:
            self.on_new_page(self)

    def fits(self, h: float) -> bool:
        return self.y - h >= self.st.mb

    def need(self, h: float) -> bool:
        if self.fits(h):
            return False
        self.new_page()
        return True

    def gap(self, h: float) -> None:
        if self.fits(h):
            self.y -= h
        else:
            self.new_page()

    def text(self, x: float, y: float, s: str, size: float, align: str = "l") -> None:
        if s:
            self.pages[-1].append(("t", x, y, s, size, align))

    def rect(self, x: float, y: float, w: float, h: float, fill: bool) -> None:
        self.pages[-1].append(("r", x, y, w, h, fill))

    def line(self, s: str, size: float, align: str = "l", x: float | None = None,
             lead: float = 1.45) -> None:
        h = size * lead
        self.need(h)
        base = self.y - size * 1.05
        if align == "c":
            self.text(self.st.ml + self.st.cw / 2 if x is None else x, base, s, size, "c")
        elif align == "r":
            self.text(self.st.w - self.st.mr if x is None else x, base, s, size, "r")
        else:
            self.text(self.st.ml if x is None else x, base, s, size, "l")
        self.y -= h

    def spans(self, parts: list[tuple[float, str]], size: float, lead: float = 1.45) -> None:
        """One line made of several text-shows at given x offsets from the left margin."""
        h = size * lead
        self.need(h)
        base = self.y - size * 1.05
        for dx, s in parts:
            self.text(self.st.ml + dx, base, s, size, "l")
        self.y -= h

    def para(self, s: str, size: float, indent: float = 0.0, lead: float = 1.45,
             first: float = 0.0) -> None:
        avail = self.st.cw - indent
        lines = wrap(s, avail - first, size)
        head, rest = lines[0], "".join(lines[1:])
        self.line(head, size, x=self.st.ml + indent + first, lead=lead)
        for ln in wrap(rest, avail, size) if rest else []:
            self.line(ln, size, x=self.st.ml + indent, lead=lead)


def cell_lines(cells: list[Cell], widths: list[float], st: Style) -> list[list[str]]:
    return [wrap(c.text, w - 2 * st.padx, c.size or st.size) for c, w in zip(cells, widths)]


def row_height(cells: list[Cell], widths: list[float], st: Style, min_lines: int = 1) -> float:
    n = max([len(ls) for ls in cell_lines(cells, widths, st)] + [min_lines])
    return n * st.size * st.lead + 2 * st.pady


def draw_row(fl: Flow, cells: list[Cell], widths: list[float], shaded: bool,
             h: float | None = None, x0: float | None = None) -> float:
    """Draw a ruled row at the cursor (the caller made room); returns its height."""
    st = fl.st
    h = h if h is not None else row_height(cells, widths, st)
    x = st.ml if x0 is None else x0
    top = fl.y
    for c, w, lines in zip(cells, widths, cell_lines(cells, widths, st)):
        fl.rect(x, top - h, w, h, shaded)
        draw_cell_text(fl, x, top, w, h, c, lines)
        x += w
    fl.y -= h
    return h


def draw_cell_text(fl: Flow, x: float, top: float, w: float, h: float, c: Cell,
                   lines: list[str]) -> None:
    st = fl.st
    size = c.size or st.size
    lead = size * st.lead
    off = (h - len(lines) * lead) / 2
    for i, ln in enumerate(lines):
        base = top - off - i * lead - lead * 0.5 - size * 0.36
        if c.align == "l":
            fl.text(x + st.padx, base, ln, size, "l")
        elif c.align == "r":
            fl.text(x + w - st.padx, base, ln, size, "r")
        else:
            fl.text(x + w / 2, base, ln, size, "c")


def table(fl: Flow, rows: list[tuple[list[Cell], bool]], fracs: list[float],
          keep: int = 2, x0: float | None = None, total: float | None = None) -> None:
    """Rows in groups of `keep` that never split across a page break (keep=1 lets any row split)."""
    widths = [f * (total or fl.st.cw) for f in fracs]
    for i in range(0, len(rows), max(keep, 1)):
        group = rows[i:i + max(keep, 1)]
        hs = [row_height(c, widths, fl.st) for c, _ in group]
        if fl.need(sum(hs)) and i > 0:
            fl.events.add("split")
        for (cells, shaded), h in zip(group, hs):
            draw_row(fl, cells, widths, shaded, h, x0)


def label_value(labels: list[str], values: list[str], align: str = "c") -> list[tuple[list[Cell], bool]]:
    return [([Cell(s) for s in labels], True), ([Cell(v, align) for v in values], False)]


# ---------------------------------------------------------------- rendering

def render(fl: Flow, footer: Callable[[int, int], str] | None, footer_size: float,
           footer_align: str = "c", first_ops: Callable[[list[Op]], list[Op]] | None = None) -> bytes:
    """Render the pages; footers know the page total. `first_ops` may reorder page 1's drawing."""
    font = ensure_font()
    st = fl.st
    saved = rl_config.invariant
    rl_config.invariant = 1
    try:
        buf = io.BytesIO()
        c = canvas.Canvas(buf, pagesize=(st.w, st.h), invariant=1, pageCompression=1)
        c.setTitle("个人信用报告")
        total = len(fl.pages)
        for n, ops in enumerate(fl.pages, 1):
            if n == 1 and first_ops is not None:
                ops = first_ops(ops)
            _draw_ops(c, ops, font, st)
            if footer is not None:
                _draw_footer(c, footer(n, total), footer_size, footer_align, font, st)
            c.showPage()
        c.save()
        return buf.getvalue()
    finally:
        rl_config.invariant = saved


def _draw_ops(c: canvas.Canvas, ops: list[Op], font: str, st: Style) -> None:
    c.setLineWidth(st.line_w)
    c.setStrokeColorRGB(0.35, 0.35, 0.35)
    for op in ops:
        if op[0] == "r":
            _, x, y, w, h, fill = op
            if fill:
                c.setFillColorRGB(*st.shade)
            c.rect(x, y, w, h, stroke=1, fill=1 if fill else 0)
        elif op[0] == "t":
            _, x, y, s, size, align = op
            c.setFillColorRGB(0, 0, 0)
            c.setFont(font, size)
            if align == "c":
                c.drawCentredString(x, y, s)
            elif align == "r":
                c.drawRightString(x, y, s)
            else:
                c.drawString(x, y, s)
    c.setFillColorRGB(0, 0, 0)


def _draw_footer(c: canvas.Canvas, s: str, size: float, align: str, font: str, st: Style) -> None:
    c.setFillColorRGB(0, 0, 0)
    c.setFont(font, size)
    y = st.mb * 0.45
    if align == "r":
        c.drawRightString(st.w - st.mr, y, s)
    else:
        c.drawCentredString(st.w / 2, y, s)


# ---------------------------------------------------------------- synthetic people, dates, money

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建红鹏飞鑫宇浩然欣怡子涵思远晓东海燕春梅志国文博雨轩"
REGIONS = ["110105", "310115", "440305", "500103", "330106", "420111", "510107", "320102", "370202", "610113"]


def person(r: random.Random) -> str:
    return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice([1, 2, 2])))


def id_number(r: random.Random, born: date) -> str:
    body = r.choice(REGIONS) + born.strftime("%Y%m%d") + f"{r.randrange(1000):03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(a) * b for a, b in zip(body, weights)) % 11]
    return body + check


def mask_id(idn: str, style: int) -> str:
    if style == 0:
        return idn
    if style == 1:
        return idn[:4] + "*" * 10 + idn[-4:]
    return "*" * 14 + idn[-4:]


def add_months(d: date, n: int) -> date:
    idx = d.year * 12 + d.month - 1 + n
    y, m = divmod(idx, 12)
    last = month_days(y, m + 1)
    return date(y, m + 1, min(d.day, last))


def month_days(y: int, m: int) -> int:
    nxt = date(y + (m == 12), m % 12 + 1, 1)
    return (nxt - timedelta(days=1)).day


def mindex(d: date) -> int:
    return d.year * 12 + d.month - 1


def from_mindex(i: int) -> tuple[int, int]:
    return i // 12, i % 12 + 1


def rand_date(r: random.Random, lo: date, hi: date) -> date:
    span = max((hi - lo).days, 0)
    return lo + timedelta(days=r.randint(0, span))


def dot(d: date) -> str:
    return d.strftime("%Y.%m.%d")


def cn_date(d: date, pad: bool = True) -> str:
    return f"{d.year}年{d.month:02d}月{d.day:02d}日" if pad else f"{d.year}年{d.month}月{d.day}日"


def cn_month(y: int, m: int, pad: bool = True) -> str:
    return f"{y}年{m:02d}月" if pad else f"{y}年{m}月"


def money(n: int, sep: bool) -> str:
    return f"{n:,}" if sep else str(n)


def dec(n: int) -> str:
    return f"{n}.00"


def iter_months(lo: int, hi: int) -> Iterator[tuple[int, int]]:
    for i in range(lo, hi + 1):
        yield from_mindex(i)


CN_NUM = "一二三四五六七八九十"


def cn_numeral(n: int) -> str:
    if n <= 10:
        return CN_NUM[n - 1]
    return "十" + CN_NUM[n - 11] if n < 20 else str(n)


# ---------------------------------------------------------------- credit accounts (详版)

ONLINE = [
    "重庆蚂蚁消费金融有限公司", "深圳前海微众银行股份有限公司", "招联消费金融股份有限公司",
    "马上消费金融股份有限公司", "重庆度小满小额贷款有限公司", "中邮消费金融有限公司",
    "兴业消费金融股份公司", "中银消费金融有限公司", "重庆美团三快小额贷款有限公司",
    "四川新网银行股份有限公司", "杭银消费金融股份有限公司", "湖北消费金融股份有限公司",
    "重庆市蚂蚁商诚信息技术有限公司（原：重庆市蚂蚁商诚小额贷款有限公司）",
    "重庆市蚂蚁小微小额贷款有限公司", "北京中关村银行股份有限公司", "苏宁消费金融有限公司",
]
BANKS = [
    "中国工商银行股份有限公司北京朝阳支行", "中国建设银行股份有限公司上海浦东分行",
    "中国银行股份有限公司深圳福田支行", "招商银行股份有限公司杭州分行",
    "中国农业银行股份有限公司成都高新技术产业开发区支行", "交通银行股份有限公司武汉分行",
    "中国邮政储蓄银行股份有限公司南京市分行", "平安银行股份有限公司汽车消费金融中心",
    "中国建设银行股份有限公司深圳市分行个人贷款中心（原：中国建设银行深圳市分行个人住房贷款中心）",
]
CARD_BANKS = [
    "招商银行股份有限公司信用卡中心", "交通银行股份有限公司太平洋信用卡中心",
    "中国工商银行股份有限公司牡丹卡中心", "平安银行股份有限公司信用卡中心",
    "兴业银行股份有限公司信用卡中心", "中信银行股份有限公司信用卡中心",
    "上海浦东发展银行股份有限公司信用卡中心", "广发银行股份有限公司信用卡中心",
    "中国光大银行股份有限公司信用卡中心", "中国民生银行股份有限公司信用卡中心",
]
QUASI_BANKS = ["中国建设银行股份有限公司北京市分行", "中国工商银行股份有限公司上海市分行营业部"]
METHODS = ["分期等额本息", "分期等额本金", "到期一次还本付息", "其他类型分期还款", "按期结息，到期还本"]


@dataclass
class Month:
    i: int            # month index (year * 12 + month - 1)
    code: str
    amount: int | None  # None: the amount cell is blank

    @property
    def ym(self) -> tuple[int, int]:
        return from_mindex(self.i)


@dataclass
class Account:
    cat: str                     # D1 非循环贷, R4 循环额度下分账户, R1 循环贷, R2 贷记卡, R3 准贷记卡
    inst: str
    acct_id: str
    agreement: str | None
    tail: str | None
    opened: date
    due: date | None
    amount: int | None           # 借款金额 / 账户授信额度
    shared: int | None
    business: str
    show_business: bool
    guarantee: str
    periods: str
    freq: str
    method: str
    state: str
    closed: date | None
    as_of: date
    inst_pay: int
    months: list[Month] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def card(self) -> bool:
        return self.cat in ("R2", "R3")

    def truth(self) -> dict[str, object]:
        kind = self.business if self.show_business else ("贷记卡" if self.cat == "R2" else "准贷记卡")
        return {
            "institution": self.inst,
            "account_id": self.acct_id,
            "account_type": kind,
            "opened_on": self.opened.isoformat(),
            "loan_amount": dec(self.amount) if self.amount is not None else None,
            "status": self.state,
            "closed_on": self.closed.isoformat() if self.closed else None,
            "history": [{"month": f"{m.ym[0]:04d}-{m.ym[1]:02d}", "status": m.code,
                         "overdue_amount": dec(m.amount) if m.amount is not None else None}
                        for m in self.months],
        }


@dataclass
class GridStyle:
    star_blank: bool     # "*" months print no amount
    c_blank: bool        # the closing "C" prints no amount
    slash: bool          # some months are "/" (skipped)
    rare: bool           # D Z M # codes appear


def account_id(r: random.Random, card: bool) -> str:
    kind = r.randrange(4)
    if kind == 0:
        return f"{r.randrange(10**8, 10**9)}"
    if kind == 1:
        return "".join(r.choice("0123456789ABCDEF") for _ in range(r.randint(20, 26)))
    if kind == 2 and card:
        return f"{r.choice(['6225', '6228', '4392', '5187'])}{r.randrange(100):02d}******{r.randrange(10000):04d}"
    prefix = r.choice(["ZX", "HT", "JB", "LN", "A0"])
    return prefix + "".join(r.choice("0123456789") for _ in range(r.randint(16, 24)))


def agreement_id(r: random.Random) -> str:
    return r.choice(["SX", "ED", "CR", ""]) + "".join(r.choice("0123456789") for _ in range(r.randint(14, 20)))


@dataclass
class LoanKind:
    inst: str
    business: str
    amount: int
    terms: list[int]
    guarantees: list[str]
    methods: list[str]


CREDIT = ["信用/免担保", "信用/免担保", "信用/无担保"]


def loan_kind(r: random.Random, cat: str) -> LoanKind:
    roll = r.random()
    if cat == "D1" and roll < 0.12:
        return LoanKind(r.choice(BANKS), "个人住房商业贷款", r.randrange(30, 200) * 10000, [240, 300, 360],
                        ["抵押", "组合（含保证）"], METHODS[:2])
    if cat == "D1" and roll < 0.2:
        return LoanKind(r.choice(BANKS), "个人汽车消费贷款", r.randrange(5, 30) * 10000, [24, 36, 60],
                        ["抵押", "保证"], METHODS[:2])
    if roll < 0.32:
        return LoanKind(r.choice(BANKS + ONLINE), "个人经营性贷款", r.randrange(2, 100) * 5000, [12, 24, 36],
                        CREDIT + ["保证"], METHODS)
    if roll < 0.42:
        return LoanKind(r.choice(ONLINE), "其他贷款", r.randrange(5, 200) * 100, [3, 6, 12], CREDIT, METHODS)
    return LoanKind(r.choice(ONLINE), "其他个人消费贷款", r.randrange(5, 500) * 100, [3, 6, 12, 24, 36], CREDIT, METHODS)


def make_loan(r: random.Random, cat: str, report: date, gs: GridStyle) -> Account:
    kind = loan_kind(r, cat)
    inst, business, amount = kind.inst, kind.business, kind.amount
    term = r.choice(kind.terms)
    opened = rand_date(r, add_months(report, -min(term + 24, 96)), add_months(report, -2))
    states = ["结清"] * 9 + ["正常"] * 7 + ["逾期"] * 2 + ["呆账"] * 2 + ["转出"]
    state = r.choice(states)
    due = add_months(opened, term)
    end_max = min(add_months(report, -1), due)
    if state in ("结清", "转出"):
        as_of = rand_date(r, add_months(opened, 1), max(end_max, add_months(opened, 1)))
        closed: date | None = as_of
    else:
        closed = None
        as_of = report - timedelta(days=r.randint(2, 40))
        if mindex(as_of) <= mindex(opened):
            as_of = add_months(opened, 1)
    revolving = cat == "R1"
    acct = Account(
        cat=cat, inst=inst, acct_id=account_id(r, False),
        agreement=agreement_id(r) if (cat == "R4" or (cat == "D1" and inst in ONLINE and r.random() < 0.6)) else None,
        tail=None, opened=opened, due=None if revolving and r.random() < 0.5 else due,
        amount=amount if r.random() > 0.04 else None, shared=None, business=business, show_business=True,
        guarantee=r.choice(kind.guarantees), periods="--" if revolving else str(term), freq="月",
        method="不区分还款方式" if revolving else r.choice(kind.methods),
        state=state, closed=closed, as_of=as_of, inst_pay=max((amount or 1000) // max(term, 1), 50),
    )
    acct.months = loan_history(r, acct, report, gs)
    return acct


def make_card(r: random.Random, cat: str, report: date, gs: GridStyle, show_business: bool) -> Account:
    opened = rand_date(r, add_months(report, -110), add_months(report, -3))
    limit = r.randrange(5, 200) * 1000 if cat == "R2" else r.randrange(1, 20) * 1000
    states = ["正常"] * 8 + ["销户"] * 3 + ["未激活"] * 2 + ["呆账", "冻结", "止付"] if cat == "R2" else ["正常"] * 3 + ["销户"]
    state = r.choice(states)
    closed = rand_date(r, add_months(opened, 2), add_months(report, -1)) if state == "销户" else None
    as_of = closed if closed else report - timedelta(days=r.randint(2, 30))
    business = "贷记卡" if cat == "R2" else "准贷记卡"
    if cat == "R2" and r.random() < 0.1:
        business = "大额专项分期卡"
    acct = Account(
        cat=cat, inst=r.choice(CARD_BANKS if cat == "R2" else QUASI_BANKS), acct_id=account_id(r, True),
        agreement=agreement_id(r) if r.random() < 0.3 else None, tail=f"{r.randrange(10000):04d}",
        opened=opened, due=None, amount=limit if r.random() > 0.04 else None,
        shared=limit if r.random() < 0.6 else None, business=business, show_business=show_business,
        guarantee=r.choice(["信用/免担保", "信用/无担保"]), periods="--", freq="月", method="--",
        state=state, closed=closed, as_of=as_of, inst_pay=r.randrange(3, 60) * 100,
    )
    acct.months = [] if state == "未激活" else card_history(r, acct, report, gs)
    return acct


def window(acct: Account) -> tuple[int, int]:
    end = mindex(acct.closed or acct.as_of)
    return max(mindex(acct.opened), end - 59), end


def loan_history(r: random.Random, a: Account, report: date, gs: GridStyle) -> list[Month]:
    lo, hi = window(a)
    n = hi - lo + 1
    codes = ["N"] * n
    amounts: list[int | None] = [0] * n
    if lo == mindex(a.opened):
        codes[0] = r.choice(["*", "*", "N"] + (["#"] if gs.rare else []))
    if a.state == "逾期":
        k = r.randint(1, min(4, n - 1) if n > 1 else 1)
        for j in range(k):
            codes[n - k + j] = str(j + 1)
    elif a.state == "呆账":
        k = min(n - 1, r.randint(8, 16)) if n > 2 else 1
        for j in range(k):
            codes[n - k + j] = str(j + 1) if j < 7 else "B"
    if a.state in ("正常", "结清", "转出") and n > 6 and r.random() < 0.35:
        start = r.randrange(1, n - 4)
        for j in range(r.randint(1, 3)):
            codes[start + j] = str(j + 1)
    if gs.rare and n > 4:
        for j in range(1, n - 1):
            if codes[j] == "N" and r.random() < 0.08:
                codes[j] = "M"
    if gs.slash and n > 5:
        j = r.randrange(1, n - 2)
        if codes[j] == "N":
            codes[j] = "/"
    if a.state == "结清":
        if gs.rare and n > 3 and r.random() < 0.3:
            codes[-2] = "D"
        codes[-1] = "C"
    elif a.state == "转出":
        if gs.rare and n > 3 and r.random() < 0.3:
            codes[-2] = "Z"
        codes[-1] = "G"
    return [Month(lo + j, c, overdue_amount(c, a, gs, r)) for j, c in enumerate(codes)]


def overdue_amount(code: str, a: Account, gs: GridStyle, r: random.Random) -> int | None:
    if code in "#/":
        return None
    if code == "*" and gs.star_blank:
        return None
    if code == "C" and gs.c_blank:
        return None
    if code.isdigit():
        return a.inst_pay * int(code) + r.randrange(0, 90)
    if code == "B":
        return a.inst_pay * 8 + r.randrange(0, 900)
    return 0


def card_history(r: random.Random, a: Account, report: date, gs: GridStyle) -> list[Month]:
    lo, hi = window(a)
    n = hi - lo + 1
    idle = r.random() < 0.3
    codes = [("*" if idle and r.random() < 0.6 else r.choice("NNNNN*")) for _ in range(n)]
    if n > 4 and r.random() < 0.25:
        j = r.randrange(1, n - 2)
        codes[j] = "1"
        if r.random() < 0.4:
            codes[j + 1] = "2"
    if a.state == "呆账":
        k = min(n - 1, r.randint(8, 12)) if n > 2 else 1
        for j in range(k):
            codes[n - k + j] = str(j + 1) if j < 7 else "B"
    if a.state == "销户":
        codes[-1] = "C"
    if gs.rare and n > 3 and r.random() < 0.3:
        codes[0] = "#"
    return [Month(lo + j, c, overdue_amount(c, a, gs, r)) for j, c in enumerate(codes)]
