"""微信支付账单 ("用于个人对账" export), CSV (2019-2024) and XLSX (since July 2025, the header row moved down
again in 2026), drawn blind from FORMATS.md ("Exports") and FORMATS-REAL.md items 44-45 and 57.

Truth: every row whose 当前状态 moved money, in printed order; 已全额退款 and 对方已退还 rows are void
(the money came back) and so are not in the truth. "/" (or 其他 under a 收/支/其他 header) is neutral;
"/" in 交易对方 is no counterparty. The 微信昵称 is a nickname, not a name: no account_holder.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from .base import Variant, rng
from .export_kit import (DIGIT_NAMED, LENDERS, MERCHANTS, Cell, TextStyle, Tx, aes_zip, cents, csv_line, digits,
                         encode, person, pick, times, truth_row, xlsx, zipcrypto_zip)

FAMILY = "wechat_export"
NOTES = ["1. 充值/提现/理财通购买/零钱通存取/信用卡还款等交易，将计入中性交易",
         "2. 本明细仅展示当前账单中的交易，不包括已删除的记录",
         "3. 本明细仅供个人对账使用"]
METHODS = ("零钱", "招商银行储蓄卡(1234)", "工商银行储蓄卡(5678)", "零钱通", "/")


@dataclass(frozen=True)
class Style:
    year: int               # 2019 … 2026: what the preamble holds, CSV up to 2024, XLSX from 2025
    xlsx: bool
    text: TextStyle
    header_flow: str        # 收/支 or 收/支/其他
    neutral_mark: str       # / or 其他
    header_amount: str      # 金额(元) or 金额（元）
    yen: str                # ¥ ￥ or none before amounts
    numeric_amounts: bool   # XLSX: amounts as number cells
    date_cells: bool        # XLSX: 交易时间 as date cells
    resaved: bool           # CSV opened and saved by Excel: GBK, 2025/3/10 10:20, no tabs
    tabs: bool              # 交易单号 / 商户单号 end in a tab
    trailing_commas: bool   # preamble lines padded with commas to the table's width
    extra_sheets: str       # "", "after" (empty Sheet2, Sheet3) or "before" (a 说明 sheet first)
    zipped: bool
    zip_method: str         # "aes", "zipcrypto" (member name in UTF-8) or "zipcrypto-gbk" (GBK name, no UTF-8 flag)
    voids: int
    neutrals: int
    party_comma: bool
    digit_named: bool       # a merchant named with digits at its end (中国铁路12306)


def _style(r: random.Random) -> Style:
    year = r.choice([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2025, 2026, 2026])
    as_xlsx = year >= 2025 and pick(r, 0.85) or (year < 2025 and pick(r, 0.1))
    resaved = not as_xlsx and pick(r, 0.15)
    enc = "gbk" if resaved else "utf-8"
    flow = "收/支/其他" if pick(r, 0.25) else "收/支"
    return Style(year=year, xlsx=as_xlsx,
                 text=TextStyle(encoding=enc, bom=enc == "utf-8" and pick(r, 0.7),
                                newline=r.choice(["\r\n", "\n"]), trailing_newline=pick(r, 0.8)),
                 header_flow=flow, neutral_mark="其他" if flow == "收/支/其他" and pick(r, 0.6) else "/",
                 header_amount=r.choice(["金额(元)", "金额(元)", "金额（元）"]),
                 yen=r.choice(["¥", "¥", "￥", ""]), numeric_amounts=as_xlsx and pick(r, 0.4),
                 date_cells=as_xlsx and pick(r, 0.4), resaved=resaved, tabs=not resaved and pick(r, 0.8),
                 trailing_commas=pick(r, 0.7), extra_sheets=r.choice(["", "", "after", "before"]) if as_xlsx else "",
                 zipped=pick(r, 0.4), zip_method=r.choice(["aes", "zipcrypto", "zipcrypto-gbk"]), voids=r.choice([0, 0, 1, 2]), neutrals=r.choice([0, 1, 2, 3]),
                 party_comma=pick(r, 0.25), digit_named=pick(r, 0.25))


def _rows(r: random.Random, st: Style, start: datetime) -> list[Tx]:
    out = []
    for when in times(r, start, 88, r.randint(4, 30)):
        k = r.random()
        if k < 0.25:
            party, desc = r.choice(LENDERS[2:4])
            out.append(Tx(when, -cents(r, 300, 5000), party, desc=desc, status="支付成功",
                          extra={"type": "商户消费", "method": r.choice(METHODS[:3])}))
        elif k < 0.4:
            out.append(Tx(when, cents(r, 1, 2000), person(r), desc="/", status=r.choice(["已收钱", "已存入零钱"]),
                          extra={"type": r.choice(["转账", "微信红包", "二维码收款"]), "method": "/"}))
        elif k < 0.5:
            out.append(Tx(when, -cents(r, 1, 2000), person(r), desc="/", status=r.choice(["对方已收钱", "已转账"]),
                          extra={"type": "转账", "method": r.choice(METHODS[:3])}))
        else:
            out.append(Tx(when, -cents(r, 2, 600), r.choice(MERCHANTS), desc=r.choice(["商品", "订单支付", "外卖"]),
                          status="支付成功", extra={"type": r.choice(["商户消费", "扫二维码付款"]),
                                                   "method": r.choice(METHODS[:4])}))
    for _ in range(st.neutrals):
        i = r.randrange(len(out))
        kind = r.choice([("零钱提现", "提现已到账"), ("零钱充值", "充值完成"), ("信用卡还款", "支付成功"),
                         ("转入零钱通-来自零钱", "支付成功")])
        out[i] = replace(out[i], amount=cents(r, 50, 5000), neutral=True, party=r.choice(["/", "招商银行(1234)"]),
                         desc="/", status=kind[1], extra={"type": kind[0], "method": r.choice(METHODS[:3])})
    for _ in range(st.voids):
        i = r.randrange(len(out))
        if out[i].neutral:
            continue
        status = r.choice(["已全额退款", "支付失败"]) if out[i].extra["type"] != "转账" else "对方已退还"
        out[i] = replace(out[i], void=True, status=status, amount=-abs(out[i].amount))
    if st.digit_named:
        i = r.randrange(len(out))
        if not out[i].neutral:
            out[i] = replace(out[i], party=DIGIT_NAMED, desc="火车票")
    if st.party_comma:
        i = r.randrange(len(out))
        if not out[i].neutral:
            out[i] = replace(out[i], party="深圳某某,信息技术有限公司")
    return out


def _flow(tx: Tx, st: Style) -> str:
    return st.neutral_mark if tx.neutral else ("收入" if tx.amount > 0 else "支出")


def _preamble(r: random.Random, st: Style, rows: list[Tx], start: datetime, end: datetime) -> list[str]:
    moved = [x for x in rows if not x.void]
    inc = [x.amount for x in moved if not x.neutral and x.amount > 0]
    out_ = [-x.amount for x in moved if not x.neutral and x.amount < 0]
    neu = [x.amount for x in moved if x.neutral]
    y = "¥" if st.year >= 2020 else ""
    unit = "" if y else "元"
    lines = ["微信支付账单明细", f"微信昵称：[{r.choice(['小', '阿', '大'])}{person(r)[1:]}]",
             f"起始时间：[{start:%Y-%m-%d} 00:00:00] 终止时间：[{end:%Y-%m-%d} 23:59:59]",
             "导出类型：[全部]", f"导出时间：[{end + timedelta(days=3):%Y-%m-%d} 09:08:07]", ""]
    if st.year >= 2026:
        lines[2:2] = [f"微信号：[wxid_{digits(r, 8)}]"]
    lines += [f"共{len(rows)}笔记录", f"收入：{len(inc)}笔 {y}{sum(inc, Decimal(0)):.2f}{unit}",
              f"支出：{len(out_)}笔 {y}{sum(out_, Decimal(0)):.2f}{unit}"]
    if st.year >= 2020:
        lines.append(f"中性交易：{len(neu)}笔 {y}{sum(neu, Decimal(0)):.2f}")
    lines += ["注：", *NOTES[: 2 if st.year == 2019 else 3]]
    if st.year >= 2026:
        lines += ["4. 如需开具交易明细证明，请前往微信支付-钱包-账单-常见问题-下载账单-用作证明材料"]
    lines += ["", "----------------------微信支付账单明细列表--------------------"]
    return lines


def _amount(x: Tx, st: Style) -> str:
    return f"{st.yen}{abs(x.amount):.2f}"


def _stamp(when: datetime, st: Style) -> str:
    return f"{when.year}/{when.month}/{when.day} {when:%H:%M}" if st.resaved else f"{when:%Y-%m-%d %H:%M:%S}"


def _cells(r: random.Random, x: Tx, st: Style) -> list[Cell]:
    tab = "\t" if st.tabs else ""
    order = f"4200{digits(r, 24)}" if x.extra["type"] not in ("转账", "微信红包") else f"1000{digits(r, 28)}"
    merchant = digits(r, 20) + tab if x.extra["type"] in ("商户消费", "扫二维码付款") else "/"
    when: Cell = x.when if st.date_cells else _stamp(x.when, st)
    value: Cell = abs(x.amount) if st.numeric_amounts else _amount(x, st)
    return [when, x.extra["type"], x.party or "/", x.desc, _flow(x, st), value, x.extra["method"], x.status,
            order + tab, merchant, "/"]


def build(seed: int) -> Variant:
    r = rng(FAMILY, seed)
    st = _style(r)
    start = datetime(st.year, r.randint(1, 9), 1)
    end = start + timedelta(days=89)
    rows = _rows(r, st, start)
    header = ["交易时间", "交易类型", "交易对方", "商品", st.header_flow, st.header_amount, "支付方式", "当前状态",
              "交易单号", "商户单号", "备注"]
    pre = _preamble(r, st, rows, start, end)
    body = [_cells(r, x, st) for x in rows]
    if st.xlsx:
        grid: list[list[Cell]] = [[line] for line in pre] + [list(header)] + body
        sheets: list[tuple[str, list[list[Cell]]]] = [("微信支付账单明细" if st.year >= 2026 else "Sheet1", grid)]
        if st.extra_sheets == "after":
            sheets += [("Sheet2", []), ("Sheet3", [])]
        elif st.extra_sheets == "before":
            sheets.insert(0, ("说明", [["说明"], [NOTES[0]], [NOTES[1]]]))
        data = xlsx(sheets, merge_title=st.year >= 2026)
        member = f"微信支付账单({start:%Y%m%d}-{end:%Y%m%d}).xlsx"
    else:
        width = len(header) - 2
        lines = [line + ("," * width if st.trailing_commas else "") for line in pre]
        lines.append(csv_line(header))
        lines += [csv_line([str(c) for c in row]) for row in body]
        if st.text.encoding == "gbk":  # GBK has no ¥ (U+00A5): Excel writes the full-width ￥
            lines = [line.replace("¥", "￥") for line in lines]
        data = encode(lines, st.text)
        member = f"微信支付账单({start:%Y%m%d}-{end:%Y%m%d}).csv"
    password = digits(r, 6) if st.zipped else None
    if password:
        when = end + timedelta(days=3)
        data = (aes_zip(member, data, password, when) if st.zip_method == "aes"
                else zipcrypto_zip(member, data, password, when, utf8_name=st.zip_method == "zipcrypto"))
    time: Any = True
    truth_rows = [truth_row(x, time=f"{x.when:%H:%M}" if st.resaved else time) for x in rows if not x.void]
    for t, x in zip(truth_rows, [x for x in rows if not x.void]):
        t["counterparty"] = "" if x.party == "/" else x.party
    truth = {"kind": "payment_statement", "provider": "wechat", "transactions": truth_rows}
    suffix = ".zip" if password else (".xlsx" if st.xlsx else ".csv")
    return Variant(FAMILY, seed, _variations(st, rows), data, truth, suffix=suffix, password=password)


def _variations(st: Style, rows: list[Tx]) -> tuple[str, ...]:
    yen = "￥" if st.yen and st.text.encoding == "gbk" else st.yen
    v = [f"{st.year} layout, {'XLSX' if st.xlsx else 'CSV'}" + (" (header row moved down" + (", title cell merged)" if st.xlsx else ")") if st.year >= 2026 else ""),
         f"header {st.header_flow} / {st.header_amount}", f"amounts {yen or 'bare'}"]
    if not st.xlsx:
        v += [f"encoding {st.text.encoding}{' BOM' if st.text.bom else ''}", "CRLF" if st.text.newline == "\r\n" else "LF"]
    v += [s for s, on in [("amounts as number cells", st.numeric_amounts), ("交易时间 as date cells", st.date_cells),
                          ("re-saved by Excel: GBK, 2025/3/10 10:20", st.resaved), ("order numbers end in a tab", st.tabs),
                          ("preamble lines padded with commas", st.trailing_commas and not st.xlsx),
                          (f"extra sheets {st.extra_sheets}", bool(st.extra_sheets)),
                          (f"57 ZIP ({st.zip_method}), six-digit password", st.zipped),
                          ("a 交易对方 with a comma (quoted)", st.party_comma and not st.xlsx),
                          ("no newline at the end", not st.xlsx and not st.text.trailing_newline)] if on]
    if any(x.party == DIGIT_NAMED for x in rows):
        v.append(f"a merchant named with digits at the end ({DIGIT_NAMED})")
    if any(x.void for x in rows):
        v += sorted({f"{x.status} rows (void)" for x in rows if x.void})
    if any(x.neutral for x in rows):
        v.append(f"neutral rows marked {st.neutral_mark!r}")
    return tuple(v)
