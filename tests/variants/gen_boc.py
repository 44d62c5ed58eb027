"""中国银行 交易流水明细清单 (FORMATS-REAL.md item 51; emailed copies, item 57), drawn blind."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from reportlab.lib.pagesizes import A4, landscape

from .base import Variant, rng
from .gen_abc import (
    CITIES, PAD, Col, Page, RowLayout, Rule, Show, Tx, book, card, cell_lines, digits, first_day, font, masked,
    money, person, place_rows, render, row_count, span_for, truth_row, width,
)

FAMILY = "boc"
EMPTY = "-------------------"
END = "--------------------END--------------------"

BOC_NAME: dict[str, tuple[str, ...]] = {
    "spend": ("POS消费", "网上快捷支付", "银联快捷支付", "网联快捷支付"),
    "platform": ("网上快捷支付", "网联快捷支付", "快捷支付"),
    "loan": ("网联快捷支付", "代扣", "批量代收", "跨行转出"),
    "transfer_out": ("转账汇款", "跨行转账", "手机银行转账"),
    "transfer_in": ("转账汇款", "跨行转入", "网银跨行汇入"),
    "salary": ("代发工资", "批量代付", "工资"),
    "refund": ("退货", "快捷支付退款"),
    "atm": ("ATM取款",),
    "own_loan": ("贷款还款", "个贷扣款"),
    "interest": ("存款利息", "结息"),
    "fee": ("短信服务费", "年费"),
}

BOC_CHANNEL: dict[str, tuple[str, ...]] = {
    "spend": ("POS", "网联", "银联"), "platform": ("网联", "其他"), "loan": ("网联", "银企对接", "其他"),
    "transfer_out": ("手机银行", "网上银行"), "transfer_in": ("手机银行", "网上银行", "柜台"),
    "salary": ("银企对接", "其他"), "refund": ("网联", "银联"), "atm": ("ATM",),
    "own_loan": ("其他", "柜台"), "interest": ("其他",), "fee": ("其他",),
}

HEAD: tuple[tuple[str, str, float, str], ...] = (
    ("date", "记账日期", 50, "l"), ("time", "记账时间", 42, "l"), ("currency", "币别", 30, "l"),
    ("amount", "金额", 58, "r"), ("balance", "余额", 58, "r"), ("name", "交易名称", 62, "l"),
    ("channel", "渠道", 46, "l"), ("branch", "网点名称", 76, "l"), ("memo", "附言", 86, "l"),
    ("party", "对方账户名", 90, "l"), ("account", "对方卡号/账号", 84, "l"), ("bank", "对方开户行", 88, "l"),
)

TIP = ("温馨提示: 本清单仅为客户查询交易明细使用，如需办理业务请以我行柜台出具的证明为准。"
       "如对交易有疑问，请致电中国银行客服热线95566。")


@dataclass(frozen=True)
class BocStyle:
    size: float
    sep: bool  # thousands separators in 金额/余额
    header_every_page: bool
    preamble_every_page: bool
    ruled: bool
    split_rows: bool
    emailed: bool
    narrow: float  # how much the wrapping columns shrink (1.0 = as drawn in HEAD)
    margin: float
    mask_parties: bool
    card_masked: bool
    tip_every_page: bool


def _style(r: random.Random, seed: int) -> BocStyle:
    return BocStyle(
        size=r.choice((6.5, 7.0, 7.0, 7.5)),
        sep=r.random() < 0.6,
        header_every_page=(seed // 2) % 2 == 0,
        preamble_every_page=r.random() < 0.6,
        ruled=r.random() < 0.35,
        split_rows=seed % 4 == 1,
        emailed=seed % 5 == 2,
        narrow=r.choice((1.0, 0.9, 0.8)),
        margin=r.uniform(24, 34),
        mask_parties=r.random() < 0.4,
        card_masked=r.random() < 0.7,
        tip_every_page=r.random() < 0.6,
    )


def _branch(r: random.Random, city: str) -> str:
    return f"中国银行股份有限公司{city}{r.choice(('中关村', '人民路', '解放路', '高新区', '城东', '滨江'))}支行"


def _cells(t: Tx, r: random.Random, st: BocStyle, city: str) -> dict[str, str]:
    counter = t.category in ("atm", "own_loan") or (t.category == "transfer_in" and r.random() < 0.2)
    account = t.account
    if account and st.mask_parties and len(account) >= 16:
        account = masked(account, 6, 4)
    bank = f"{t.party_bank}股份有限公司{r.choice(CITIES)}分行" if t.party_bank and r.random() < 0.5 else t.party_bank
    return {
        "date": t.at.strftime("%Y-%m-%d"),
        "time": t.at.strftime("%H:%M:%S"),
        "currency": "人民币",
        "amount": money(t.amount, sep=st.sep),
        "balance": money(t.balance, sep=st.sep),
        "name": r.choice(BOC_NAME[t.category]),
        "channel": r.choice(BOC_CHANNEL[t.category]),
        "branch": _branch(r, city) if counter else EMPTY,
        "memo": t.memo or EMPTY,
        "party": t.party or EMPTY,
        "account": account or EMPTY,
        "bank": bank or EMPTY,
    }


def _cols(st: BocStyle) -> list[Col]:
    scale = st.size / 7.0
    cols: list[Col] = []
    for key, head, w, align in HEAD:
        wraps = key in ("name", "branch", "memo", "party", "account", "bank")
        w = w * scale * (st.narrow if wraps else 1.0)
        w = max(w, width(EMPTY, st.size) + 2 * PAD + 0.2) if wraps else w
        cols.append(Col(key, (head,), w, align, wraps))
    return cols


def build(seed: int) -> Variant:
    r = rng(FAMILY, seed)
    font()
    st = _style(r, seed)
    holder = person(r)
    number = card(r, "6217")
    acct = digits(r, 12)
    city = r.choice(CITIES)
    count = row_count(r, seed)
    span = span_for(r, count)
    first = first_day(r, span)
    txs = book(r, holder, count, first, span)
    rows = [_cells(t, r, st, city) for t in txs]
    printed = datetime.combine(first + timedelta(days=span + r.randint(1, 20)),
                               datetime.min.time()) + timedelta(seconds=r.randrange(8 * 3600, 20 * 3600))
    head = _Preamble(holder, masked(number, 6, 4) if st.card_masked else number, acct, first,
                     first + timedelta(days=span), txs, printed)
    pages, cols = _pages(st, head, rows)
    pdf = render(pages, landscape(A4), "中国银行交易流水明细清单", owner=digits(r, 8) if st.emailed else None)
    truth = {
        "kind": "bank_statement", "provider": "boc", "account_holder": holder,
        "transactions": [truth_row(t, time_printed=True, party=_value(c["party"]), account=_value(c["account"]))
                         for t, c in zip(txs, rows)],
    }
    notes = "'-------------------' cells are empty: truth counterparty/counterparty_account \"\""
    if st.emailed:
        notes += "; emailed copy: encrypted with an owner password, opens without a user password"
    return Variant(FAMILY, seed, _variations(st, rows, cols, len(pages)), pdf, truth, notes=notes)


def _value(cell: str) -> str:
    return "" if cell == EMPTY else cell


@dataclass(frozen=True)
class _Preamble:
    holder: str
    card: str
    account: str
    first: date
    last: date
    txs: list[Tx]
    printed: datetime

    def lines(self, page: int, pages: int) -> list[list[str]]:
        debit = -sum((t.amount for t in self.txs if t.amount < 0), Decimal("0"))
        credit = sum((t.amount for t in self.txs if t.amount > 0), Decimal("0"))
        return [
            [f"交易区间： {self.first:%Y-%m-%d} 至{self.last:%Y-%m-%d}", f"客户姓名： {self.holder}",
             f"页数: {page} / {pages}"],
            [f"借记卡号： {self.card}", f"借方发生数： {money(debit, sep=True)}",
             f"贷方发生数： {money(credit, sep=True)}", f"行数: {len(self.txs)}"],
            [f"账号： {self.account}", "按收支筛选： 全部", "按币种筛选： 全部",
             f"打印时间： {self.printed:%Y/%m/%d %H:%M:%S}"],
        ]


def _pages(st: BocStyle, head: _Preamble, rows: list[dict[str, str]]) -> tuple[list[Page], list[Col]]:
    W, H = landscape(A4)
    cols = _cols(st)
    total = sum(c.width for c in cols)
    left = max(st.margin * 0.6, (W - total) / 2)
    lay = RowLayout(size=st.size, leading=st.size * 1.3, pad_y=st.size * 0.3, valign="top", split=st.split_rows)
    pages: list[Page] = []
    stamps: list[tuple[Page, int, float]] = []  # where each page's preamble goes, once the count is known

    def start(number: int) -> tuple[Page, float]:
        page = Page()
        pages.append(page)
        y = st.margin
        if number == 1:
            page.shows.append(Show(W / 2, y + 14, "中国银行交易流水明细清单", 15, "c"))
            y += 26
        if number == 1 or st.preamble_every_page:
            stamps.append((page, number, y))
            y += 3 * 12 + 6
        if number == 1 or st.header_every_page:
            y = _header(page, cols, left, y, st)
        return page, y

    def after(page: Page, top: float, bottom: float) -> None:
        if st.ruled:
            page.rules.append(Rule(left, bottom, left + total, bottom, 0.5, 0.3))

    bottom = H - st.margin - 30
    place_rows(rows, cols, left, lay, start, bottom, after)
    _end_marker(pages, W, bottom, st, start)
    n = len(pages)
    for page, number, y in stamps:
        _preamble(page, head.lines(number, n), left, total, y)
    for i, page in enumerate(pages, 1):
        if st.tip_every_page or i == n:
            page.shows.append(Show(left, H - st.margin - 14, TIP, 6.5))
        page.shows.append(Show(W / 2, H - st.margin, f"第 {i} 页/共 {n} 页", 7, "c"))
    return pages, cols


def _end_marker(pages: list[Page], W: float, bottom: float, st: BocStyle,
                start: Callable[[int], tuple[Page, float]]) -> None:
    last = pages[-1]
    y = max((s.y for s in last.shows), default=st.margin) + st.size * 1.6
    if y > bottom:
        last, top = start(len(pages) + 1)
        y = top + st.size * 1.6
    last.shows.append(Show(W / 2, y, END, st.size, "c"))


def _preamble(page: Page, lines: list[list[str]], left: float, total: float, y: float) -> None:
    """Drawn after the rows (the page count is known only then) but put first in the content stream."""
    stops = (0.0, 0.34, 0.62, 0.82)
    shows = [Show(left + stops[j] * total, y + 9 + i * 12, text, 7.5)
             for i, items in enumerate(lines) for j, text in enumerate(items)]
    at = 1 if page.shows and page.shows[0].text == "中国银行交易流水明细清单" else 0
    page.shows[at:at] = shows


def _header(page: Page, cols: list[Col], left: float, y: float, st: BocStyle) -> float:
    h = st.size * 2.0
    x = left
    total = sum(c.width for c in cols)
    for c in cols:
        page.shows.append(Show(x + c.width / 2, y + h / 2 + st.size * 0.36, c.head[0], st.size, "c"))
        x += c.width
    page.rules.append(Rule(left, y, left + total, y, 0, 0.6))
    page.rules.append(Rule(left, y + h, left + total, y + h, 0, 0.6))
    return y + h


def _variations(st: BocStyle, rows: list[dict[str, str]], cols: list[Col], n_pages: int) -> tuple[str, ...]:
    found = [
        "51 landscape A4, title 中国银行交易流水明细清单",
        "51 three preamble lines (交易区间/借记卡号/账号)" + (" on every page" if st.preamble_every_page else " on page 1"),
        "51 '-------------------' for empty cells",
        "51 footer '第 1 页/共 2 页', END marker, 温馨提示 " + ("on every page" if st.tip_every_page else "on the last page"),
        "51 amounts " + ("with" if st.sep else "without") + " thousands separators",
    ]
    if any(len(cell_lines(c, row[c.key], st.size, PAD)) > 1 for row in rows for c in cols):
        found.append("51 cells wrap downward")
    if n_pages > 1:
        found.append("51 header repeated on every page" if st.header_every_page else "38 header on page 1 only")
    if st.split_rows and n_pages > 1:
        found.append("51 a wrapped row may continue on the next page")
    if st.emailed:
        found.append("57 BOC emailed PDF (encrypted, owner password only)")
    return tuple(found)
