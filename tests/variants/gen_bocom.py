"""交通银行 个人客户交易清单 / Bocom Personal Account Details (FORMATS-REAL.md item 52), drawn blind."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from reportlab.lib.pagesizes import A4, landscape

from .base import Variant, rng
from .gen_abc import (
    CITIES, PAD, Col, Page, RowLayout, Rule, Show, Tx, book, card, cell_lines, digits, first_day, font, masked,
    money, person, place_rows, render, row_count, span_for, truth_row,
)

FAMILY = "bocom"

TYPE: dict[str, tuple[str, ...]] = {
    "spend": ("消费", "银联快捷支付", "网上支付", "POS消费"),
    "platform": ("第三方支付", "网上支付", "银联快捷支付", "网联快捷支付"),
    "loan": ("第三方支付", "代扣业务", "网联快捷支付", "批量代扣"),
    "transfer_out": ("网银转账", "手机银行转账", "跨行汇款"),
    "transfer_in": ("转账转入", "跨行汇入", "网银转账"),
    "salary": ("代发工资", "代发代扣"),
    "refund": ("退货", "消费退款"),
    "atm": ("ATM取款", "自助取款"),
    "own_loan": ("贷款还款", "个人贷款归还"),
    "interest": ("结息", "利息存入"),
    "fee": ("短信通知费", "账户管理费"),
}

PLACE: dict[str, tuple[str, ...]] = {
    "spend": ("银联在线", "POS", "网联"), "platform": ("财付通", "支付宝", "网联"),
    "loan": ("网联", "支付宝", "财付通", "批量业务"), "transfer_out": ("手机银行", "网上银行"),
    "transfer_in": ("手机银行", "网上银行", "超级网银"), "salary": ("批量业务",),
    "refund": ("银联在线", "网联"), "atm": ("自助设备",), "own_loan": ("批量业务",),
    "interest": ("",), "fee": ("批量业务",),
}

HEAD: tuple[tuple[str, tuple[str, ...], float, str], ...] = (
    ("serial", ("Serial", "Num", "序号"), 28, "c"),
    ("date", ("Trans Date", "交易日期"), 50, "c"),
    ("time", ("Trans Time", "交易时间"), 42, "c"),
    ("type", ("Trading Type", "交易类型"), 52, "l"),
    ("flag", ("Dc Flg", "借贷"), 30, "c"),
    ("amount", ("Trans Amt", "交易金额"), 58, "r"),
    ("balance", ("Balance", "余额"), 58, "r"),
    ("account", ("Payment Receipt", "Account", "对方账号"), 88, "l"),
    ("party", ("Payment Receipt", "Account Name", "对方户名"), 88, "l"),
    ("place", ("Trading Place", "交易地点"), 78, "l"),
    ("abstract", ("Abstract", "摘要"), 74, "l"),
)


@dataclass(frozen=True)
class BocomStyle:
    portrait: bool
    size: float
    valign: str  # rows: "middle" / "bottom" (a wrapped cell above the date line) or "top"
    head_valign: str  # header cells: "middle" or "bottom" (Chinese on the last line)
    sep: bool
    header_every_page: bool
    ruled: bool
    type_width: float  # room of 交易类型 and 摘要, in characters
    abstract_width: float
    margin: float
    card_masked: bool
    title_every_page: bool


def _style(r: random.Random, seed: int) -> BocomStyle:
    portrait = seed % 4 == 3
    return BocomStyle(
        portrait=portrait,
        size=r.choice((6.0, 6.4)) if portrait else r.choice((7.0, 7.0, 7.5, 8.0)),
        valign=("middle", "bottom", "top", "middle")[seed % 4 if seed % 8 < 4 else (seed + 1) % 4],
        head_valign=r.choice(("middle", "bottom")),
        sep=r.random() < 0.6,
        header_every_page=(seed // 2) % 2 == 0,
        ruled=r.random() < 0.5,
        type_width=r.choice((5.0, 6.0, 6.0, 6.0, 7.0)),
        abstract_width=r.choice((5.0, 6.0, 7.0, 9.0)),
        margin=r.uniform(22, 34),
        card_masked=r.random() < 0.7,
        title_every_page=r.random() < 0.3,
    )


def _card_repay(t: Tx, r: random.Random, holder: str) -> Tx:
    """Some transfers out pay the holder's own credit card: 信用卡转账还款."""
    if t.category == "transfer_out" and r.random() < 0.35:
        return replace(t, category="card_repay", party=holder, account=masked(card(r, "622253"), 6, 4, "*"),
                       memo="信用卡还款")
    return t


def _cells(n: int, t: Tx, r: random.Random, st: BocomStyle) -> dict[str, str]:
    kind = "信用卡转账还款" if t.category == "card_repay" else r.choice(TYPE[t.category])
    place = "手机银行" if t.category == "card_repay" else r.choice(PLACE[t.category])
    if place in ("POS", "银联在线") and t.party:
        place = f"{place} {r.choice(CITIES)}"
    return {
        "serial": str(n),
        "date": t.at.strftime("%Y-%m-%d"),
        "time": t.at.strftime("%H:%M:%S"),
        "type": kind,
        "flag": "贷 Cr" if t.amount > 0 else "借 Dr",
        "amount": money(t.amount, sep=st.sep, unsigned=True),
        "balance": money(t.balance, sep=st.sep),
        "account": t.account,
        "party": t.party,
        "place": place,
        "abstract": t.memo,
    }


def _cols(st: BocomStyle, room: float) -> list[Col]:
    cols: list[Col] = []
    for key, head, w, align in HEAD:
        w = w * st.size / 7.0
        if key == "type":
            w = st.type_width * st.size + 2 * PAD + 0.2
        if key == "abstract":
            w = st.abstract_width * st.size + 2 * PAD + 0.2
        cols.append(Col(key, head, w, align, wraps=key in ("type", "account", "party", "place", "abstract")))
    total = sum(c.width for c in cols)
    if total > room:
        cols = [replace(c, width=c.width * room / total) for c in cols]
    return cols


def build(seed: int) -> Variant:
    r = rng(FAMILY, seed)
    font()
    st = _style(r, seed)
    holder = person(r)
    number = card(r, "622262")
    count = row_count(r, seed)
    span = span_for(r, count)
    first = first_day(r, span)
    txs = [_card_repay(t, r, holder) for t in book(r, holder, count, first, span)]
    rows = [_cells(i, t, r, st) for i, t in enumerate(txs, 1)]
    queried = datetime.combine(first + timedelta(days=span + r.randint(1, 15)), datetime.min.time()) \
        + timedelta(seconds=r.randrange(8 * 3600, 21 * 3600))
    pre = _preamble(r, holder, masked(number, 6, 4) if st.card_masked else number, first,
                    first + timedelta(days=span), queried)
    pages, cols = _pages(st, pre, rows)
    size = A4 if st.portrait else landscape(A4)
    pdf = render(pages, size, "交通银行个人客户交易清单")
    truth = {
        "kind": "bank_statement", "provider": "bocom", "account_holder": holder,
        "transactions": [truth_row(t, time_printed=True, party=t.party, account=t.account) for t in txs],
    }
    return Variant(FAMILY, seed, _variations(st, rows, cols, len(pages)), pdf, truth,
                   notes="amounts unsigned with 借 Dr / 贷 Cr; truth signs them (借 = out)")


def _preamble(r: random.Random, holder: str, number: str, first: date, last: date,
              queried: datetime) -> list[str]:
    branch = f"交通银行{r.choice(CITIES)}{r.choice(('徐汇', '浦东', '天河', '南山', '西湖', '鼓楼'))}支行"
    return [
        f"部门Department: {branch}", f"账号/卡号Account/Card No: {number}", f"户名Account Name: {holder}",
        f"查询起日Query Starting Date: {first:%Y-%m-%d}", f"查询止日Query Ending Date: {last:%Y-%m-%d}",
        "币种Currency: 人民币 CNY", f"查询时间Query Time: {queried:%Y-%m-%d %H:%M:%S}",
        f"证件号码ID No: {digits(r, 4, '3')}**********{digits(r, 4)}",
    ]


def _pages(st: BocomStyle, pre: list[str], rows: list[dict[str, str]]) -> tuple[list[Page], list[Col]]:
    W, H = A4 if st.portrait else landscape(A4)
    cols = _cols(st, W - 2 * st.margin)
    total = sum(c.width for c in cols)
    left = (W - total) / 2
    lay = RowLayout(size=st.size, leading=st.size * 1.3, pad_y=st.size * 0.4, valign=st.valign)
    pages: list[Page] = []

    def start(number: int) -> tuple[Page, float]:
        page = Page()
        pages.append(page)
        y = st.margin
        if number == 1 or st.title_every_page:
            page.shows.append(Show(W / 2, y + 14, "交通银行个人客户交易清单", 15, "c"))
            page.shows.append(Show(W / 2, y + 28, "Bocom Personal Account Details", 10, "c"))
            y += 36
        if number == 1:
            y = _preamble_lines(page, pre, left, total, y + 4, 3 if not st.portrait else 2)
        if number == 1 or st.header_every_page:
            y = _header(page, cols, left, y, st)
        return page, y

    def after(page: Page, top: float, bottom: float) -> None:
        if st.ruled:
            page.rules.append(Rule(left, bottom, left + total, bottom, 0.55, 0.3))

    bottom = H - st.margin - 14
    place_rows(rows, cols, left, lay, start, bottom, after)
    last = pages[-1]
    y = max(s.y for s in last.shows) + st.size * 2
    if y > bottom:
        last, y = start(len(pages) + 1)
        y += st.size * 2
    last.shows.append(Show(W / 2, y, "* * * *", st.size + 1, "c"))
    n = len(pages)
    for i, page in enumerate(pages, 1):
        page.shows.append(Show(W / 2, H - st.margin, f"第 {i} / {n} 页", 7.5, "c"))
    return pages, cols


def _preamble_lines(page: Page, items: list[str], left: float, total: float, y: float, per_line: int) -> float:
    for i, text in enumerate(items):
        row, slot = divmod(i, per_line)
        page.shows.append(Show(left + slot * total / per_line, y + row * 11 + 7, text, 7.2))
    rows = (len(items) + per_line - 1) // per_line
    return y + rows * 11 + 6


def _header(page: Page, cols: list[Col], left: float, y: float, st: BocomStyle) -> float:
    size = st.size * 0.92
    pitch = size * 1.25
    h = 3 * pitch + 4
    x = left
    total = sum(c.width for c in cols)
    for c in cols:
        skip = (3 - len(c.head)) * (pitch / 2 if st.head_valign == "middle" else pitch)
        for i, text in enumerate(c.head):
            page.shows.append(Show(x + c.width / 2, y + 2 + skip + i * pitch + size * 0.95, text, size, "c"))
        if st.ruled:
            page.rules.append(Rule(x, y, x, y + h, 0.55, 0.3))
        x += c.width
    page.rules.append(Rule(left, y, left + total, y, 0, 0.6))
    page.rules.append(Rule(left, y + h, left + total, y + h, 0, 0.6))
    return y + h


def _variations(st: BocomStyle, rows: list[dict[str, str]], cols: list[Col], n_pages: int) -> tuple[str, ...]:
    found = [
        "52 title 交通银行个人客户交易清单 / Bocom Personal Account Details, inline bilingual preamble",
        "52 header English above Chinese in cells of up to three lines",
        "52 借 Dr / 贷 Cr flags with unsigned amounts " + ("with" if st.sep else "without") + " separators",
        "52 footer '第 1 / 2 页', end marker '* * * *'",
        "52 A4 portrait" if st.portrait else "52 A4 landscape",
    ]
    wrapped = {c.key for row in rows for c in cols if len(cell_lines(c, row[c.key], st.size, PAD)) > 1}
    if wrapped & {"type", "abstract"}:
        found.append("52 交易类型/摘要 wrap")
    if wrapped and st.valign in ("middle", "bottom"):
        found.append("52 a wrapped cell sits above its row's date line"
                     + (" (cells centred)" if st.valign == "middle" else " (cells bottom-aligned)"))
    if n_pages > 1:
        found.append("52 序号 runs 1..n across pages")
        if st.title_every_page:
            found.append("52 title repeated on every page")
        found.append("52 header repeated on every page" if st.header_every_page else "38 header on page 1 only")
    return tuple(found)
