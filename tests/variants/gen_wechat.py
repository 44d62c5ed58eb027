"""微信支付交易明细证明 (财付通支付科技有限公司), drawn blind from FORMATS-REAL.md items 42-46."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from reportlab.lib.pagesizes import A4

from .base import Variant, rng
from .gen_alipay import (Col, Doc, TableStyle, amount, digits, footers, masked_id, masked_party, money,
                         person, seal_png, signed, table, times, width, wrap)

FAMILY = "wechat"
ISSUER = "财付通支付科技有限公司"
BANKS = ("工商银行", "招商银行", "建设银行", "农业银行", "中国银行", "交通银行", "邮储银行", "平安银行")

# (交易类型, 收/支/其他, 交易对方, method kind, merchant order?, amount range)
KINDS = [
    ("商户消费", "支出", "MERCHANT", "pay", True, (5, 300)),
    ("商户消费", "支出", "MERCHANT", "pay", True, (5, 300)),
    ("扫二维码付款", "支出", "PERSONSHOP", "pay", False, (3, 120)),
    ("转账", "支出", "PERSON", "pay", False, (20, 3000)),
    ("转账", "收入", "PERSON", "none", False, (20, 3000)),
    ("微信红包", "收入", "PERSON", "none", False, (1, 200)),
    ("微信红包", "支出", "PERSON", "pay", False, (1, 200)),
    ("二维码收款", "收入", "PERSON", "none", False, (5, 500)),
    ("退款", "收入", "MERCHANT", "card", True, (5, 300)),
    ("零钱提现", "其他", "NONE", "card", False, (50, 5000)),
    ("零钱充值", "其他", "NONE", "card", False, (50, 2000)),
    ("零钱通转出-到零钱", "/", "NONE", "none", False, (100, 5000)),
    ("转入零钱通-来自零钱", "/", "NONE", "none", False, (100, 5000)),
    ("信用卡还款", "支出", "BANKCARD", "card", False, (300, 8000)),
]
LOANS = [
    ("商户消费", "支出", "深圳前海微众银行股份有限公司", "card", True, (500, 5000)),
    ("微粒贷还款", "支出", "微众银行", "card", True, (500, 5000)),
    ("微粒贷借款", "收入", "深圳前海微众银行股份有限公司", "none", True, (2000, 30000)),
    ("商户消费", "支出", "招联消费金融股份有限公司", "card", True, (300, 4000)),
    ("商户消费", "支出", "马上消费金融股份有限公司", "pay", True, (300, 3000)),
    ("商户消费", "支出", "重庆蚂蚁消费金融有限公司", "card", True, (500, 3000)),
]
MERCHANTS = ["美团", "拼多多", "京东商城平台商户", "深圳市腾讯计算机系统有限公司", "滴滴出行", "中国石化销售股份有限公司广东深圳石油分公司",
             "永辉超市", "星巴克企业管理（中国）有限公司", "深圳市地铁集团有限公司", "12306中国铁路", "华润万家有限公司",
             "广州地铁乘车码", "麦当劳", "蜜雪冰城", "深圳供电局有限公司", "猫眼电影"]
SHOPS = ["老王牛肉面", "**便利店", "水果摊", "沙县小吃", "楼下早餐店", "李*记"]


@dataclass
class Row:
    order: str
    when: datetime
    kind: str
    flow: str
    method: str
    value: Decimal
    party: str
    merchant: str


def _party(r: random.Random, key: str) -> str:
    if key == "MERCHANT":
        return r.choice(MERCHANTS)
    if key == "PERSON":
        return masked_party(r)
    if key == "PERSONSHOP":
        return r.choice(SHOPS + [masked_party(r)])
    if key == "BANKCARD":
        return f"{r.choice(BANKS)}信用卡"
    return "/" if key == "NONE" else key


def _method(r: random.Random, kind: str, card: str) -> str:
    if kind == "none":
        return r.choice(["/", "/", "零钱"])
    if kind == "card":
        return card
    return r.choice(["零钱", "零钱", card, card, f"{r.choice(BANKS)}信用卡({digits(r, 4)})", "零钱通"])


def _rows(r: random.Random, n: int, start: datetime, days: int, loans: float) -> list[Row]:
    card = f"{r.choice(BANKS)}储蓄卡({digits(r, 4)})"
    out = []
    for when in times(r, start, days, n):
        kind, flow, party, mk, has_mo, (lo, hi) = r.choice(LOANS if r.random() < loans else KINDS)
        order = f"{r.choice(['4200', '4300', '1000', '1010'])}{digits(r, 6)}{when:%Y%m%d}{digits(r, 10)}"
        mo = (f"{r.choice(['', 'M', 'wx', 'P'])}{when:%Y%m%d}{digits(r, r.choice([10, 14, 18]))}" if has_mo
              else "/")
        out.append(Row(order, when, kind, flow, _method(r, mk, card), amount(r, lo, hi), _party(r, party), mo))
    return out


@dataclass
class WxStyle:
    version: int          # 0 full-width 兹证明, 1 half-width, 2 证明编号/昵称 list
    header_once: bool
    rules: str
    valign: str
    sep: bool
    descending: bool
    narrow_method: bool
    footer: int           # 0 none, 1 第 N 页 / 共 M 页, 2 N/M
    margin: float
    size: float


def _style(r: random.Random, seed: int) -> WxStyle:
    return WxStyle(version=seed % 3, header_once=seed % 4 != 3, rules=r.choice(["none", "none", "hlines", "grid"]),
                   valign=r.choice(["top", "middle", "middle"]), sep=r.random() < 0.25, descending=r.random() < 0.6,
                   narrow_method=seed % 5 != 2, footer=(seed // 3) % 3, margin=r.uniform(28, 42),
                   size=r.uniform(6.6, 7.6))


def _columns(st: WxStyle, usable: float) -> list[Col]:
    s = st.size
    fixed = {"交易时间": width("2024-03-15", s) + 8, "收/支/其他": s * 4.0 + 8,
             "交易方式": s * (5.3 if st.narrow_method else 11.0) + 6}
    rest = usable - sum(fixed.values())
    share = {"交易单号": 0.24, "交易类型": 0.16, "金额(元)": 0.12, "交易对方": 0.24, "商户单号": 0.24}
    aligns = {"金额(元)": "r", "收/支/其他": "c", "交易时间": "c"}
    order = ["交易单号", "交易时间", "交易类型", "收/支/其他", "交易方式", "金额(元)", "交易对方", "商户单号"]
    return [Col((k,), fixed.get(k) or rest * share[k], aligns.get(k, "l")) for k in order]


def _cells(row: Row, cols: list[Col], st: WxStyle) -> list[list[str]]:
    texts = [row.order, None, row.kind, row.flow, row.method, money(row.value, st.sep), row.party, row.merchant]
    out = []
    for t, c in zip(texts, cols):
        out.append([f"{row.when:%Y-%m-%d}", f"{row.when:%H:%M:%S}"] if t is None else wrap(t, st.size, c.width - 4.4))
    return out


def _preamble(doc: Doc, r: random.Random, st: WxStyle, holder: str, start: datetime, end: datetime) -> list[str]:
    m, w = st.margin, doc.size[0]
    doc.y -= 30
    doc.text(w / 2, doc.y, "微信支付交易明细证明", 17, "c")
    doc.y -= 12
    wxid = r.choice([f"wxid_{digits(r, 4)}{r.choice('abcdefgh')}{digits(r, 6)}", f"{r.choice(['sun', 'moon', 'lee', 'zz'])}_{digits(r, 5)}"])
    ident = masked_id(r)
    if st.version == 0:
        line = f"兹证明：{holder}（居民身份证：{ident}），在其微信号：{wxid}中的交易明细信息如下："
        lines = wrap(line, 10, w - 2 * m)
    elif st.version == 1:
        line = f"兹证明:{holder}(身份证:{ident}),在其微信号:{wxid}中的交易明细信息如下:"
        lines = wrap(line, 10, w - 2 * m)
    else:
        lines = [f"证明编号：{digits(r, 4)}{end:%Y%m%d}{digits(r, 12)}", f"昵称：{r.choice(['晴天', '小鱼儿', 'A 阿杰', '平安喜乐', 'Lucky'])}",
                 f"微信号：{wxid}", f"起始时间：{start:%Y-%m-%d %H:%M:%S}",
                 f"申请时间：{end + timedelta(days=r.randint(1, 30)):%Y-%m-%d %H:%M:%S}"]
    for part in lines:
        doc.flow(part, 10, m, lead=1.75)
    doc.y -= 6
    doc.flow(f"交易明细对应时间段 {start:%Y-%m-%d %H:%M:%S}至{end:%Y-%m-%d %H:%M:%S}", 10, m, lead=1.8)
    doc.flow("具体交易明细", 10.5, m if r.random() < 0.6 else w / 2, lead=2.0)
    doc.y -= 8
    return ["42 preamble 兹证明 full-width （居民身份证：…），" if st.version == 0 else
            "42 preamble half-width (身份证:…)," if st.version == 1 else
            "42 preamble as 证明编号/昵称/微信号/起始时间/申请时间 list"]


NOTES = [
    "本证明所列交易明细为该微信支付账户在上述时间段内的交易记录，仅供参考，不作为任何其他用途的依据。",
    "交易对方为个人用户时，出于隐私保护，对方名称已做部分隐藏处理。",
    "“/”表示该项信息为空或不适用。",
    "本证明一经出具，如对交易明细有疑问，请于出具之日起三十日内通过微信支付客服反馈。",
]


def _closing(doc: Doc, r: random.Random, st: WxStyle, issued: datetime, seed: int) -> None:
    notes = NOTES[: r.choice([2, 3, 4])]
    m, w = st.margin, doc.size[0]
    dot = r.choice([".", "、", ". "])
    lines = [wrap(f"{k}{dot}{s}", 8.5, w - 2 * m - 12) for k, s in enumerate(notes, 1)]
    need = 14 * sum(len(x) for x in lines) + 120
    if not doc.fits(need):
        doc.new_page()
    doc.y -= 14
    doc.flow("说明：", 9, m, lead=1.8)
    for block in lines:
        for part in block:
            doc.flow(part, 8.5, m + 10, lead=1.6)
    doc.y -= 30
    doc.text(w - m - 12, doc.y, ISSUER, 10.5, "r")
    doc.y -= 17
    doc.text(w - m - 12, doc.y, f"{issued:%Y年%m月%d日}", 10.5, "r")
    cx = w - m - 12 - width(ISSUER, 10.5) / 2
    doc.image(seal_png(ISSUER, "业务专用章", seed), cx - 56, doc.y - 42, 112, 112)


def build(seed: int) -> Variant:
    r = rng(FAMILY, seed)
    st = _style(r, seed)
    holder = person(r)
    n = r.choice([3, 5, 9, 18, 30, 48, 75, 100, 130, 150]) if seed % 2 else r.randint(3, 150)
    start = datetime(r.choice([2023, 2024, 2025]), r.randint(1, 10), 1)
    days = r.choice([31, 60, 92, 181])
    end = start + timedelta(days=days) - timedelta(seconds=1)
    rows = _rows(r, n, start, days, loans=r.uniform(0.08, 0.3))
    rows.sort(key=lambda x: x.when, reverse=st.descending)
    doc = Doc(A4, top=st.margin, bottom=st.margin + 20)
    extra = _preamble(doc, r, st, holder, start, end)
    cols = _columns(st, A4[0] - 2 * st.margin)
    tst = TableStyle(size=st.size, lead=st.size * 1.34, pad=2.4, rules=st.rules, valign=st.valign,
                     header_every_page=not st.header_once, header_fill=0.92 if st.rules != "none" else None,
                     header_size=st.size + 0.5)
    table(doc, st.margin, cols, [_cells(x, cols, st) for x in rows], tst)
    _closing(doc, r, st, end + timedelta(days=r.randint(1, 30)), seed)
    if st.footer:
        footers(doc, lambda k, t: f"第 {k} 页 / 共 {t} 页" if st.footer == 1 else f"{k}/{t}", 8, st.margin - 6)
    truth: dict[str, Any] = {"kind": "payment_statement", "provider": "wechat",
                             "transactions": [_truth(x) for x in rows]}
    if st.version != 2:
        truth["account_holder"] = holder
    variations = tuple(extra) + _variations(st, rows, cols, len(doc.pages))
    notes = "" if st.version != 2 else "证明编号 preamble prints no name: account_holder left out of the truth"
    return Variant(FAMILY, seed, variations, doc.render("微信支付交易明细证明"), truth, notes)


def _truth(row: Row) -> dict[str, Any]:
    value, neutral = signed(row.flow, row.value, "支出", "收入")
    t: dict[str, Any] = {"date": f"{row.when:%Y-%m-%d}", "time": f"{row.when:%H:%M:%S}", "amount": value,
                         "balance": None, "counterparty": "" if row.party == "/" else row.party}
    if neutral:
        t["flow"] = "neutral"
    return t


def _variations(st: WxStyle, rows: list[Row], cols: list[Col], pages: int) -> tuple[str, ...]:
    v = ["43 交易明细对应时间段 …至… then 具体交易明细",
         "44 header on page 1 only" if st.header_once else "44 header repeated on every page (not catalogued)",
         "44 header order 交易单号 交易时间 交易类型 收/支/其他 交易方式 金额(元) 交易对方 商户单号",
         "45 交易单号 over two lines", "45 交易时间 as a date line plus a time line",
         "46 closing 说明 notes signed 财付通支付科技有限公司, seal image",
         f"pages: {pages}, rows: {len(rows)}, {'latest first' if st.descending else 'oldest first'}",
         f"rules {st.rules}, cells {st.valign}-aligned"]
    if any(len(wrap(x.method, st.size, cols[4].width - 4.4)) > 1 and "储蓄卡(" in x.method for x in rows):
        v.append("45 工商银行储蓄卡(NNNN)-style 交易方式 wraps")
    if any("/" in (x.method, x.party, x.merchant) for x in rows):
        v.append('45 "/" fills empty 交易方式, 交易对方, 商户单号')
    if any(x.flow in ("其他", "/") for x in rows):
        v.append("neutral 其他 and / flows, amount unsigned")
    if st.footer:
        v.append("page footer " + ("第 N 页 / 共 M 页" if st.footer == 1 else "N/M"))
    if st.sep:
        v.append("amounts with thousands separators")
    return tuple(v)
