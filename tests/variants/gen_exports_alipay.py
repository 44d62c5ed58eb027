"""支付宝交易明细 CSV ("用于个人对账" export), drawn blind from FORMATS.md ("Exports") and FORMATS-REAL.md
item 57: GBK/GB18030 text, the header line found by content after a preamble of varying length, the
2023 layout (导出信息 block and 特别提示 above the table) and the older 2020 layout (padded cells, the
导出信息 block and totals at the bottom), optionally inside an AES ZIP with a six-digit password.

Truth: every row whose 交易状态 moved money, in printed order; 交易关闭 rows are void (printed, never
money that moved) and so are not in the truth. 不计收支 (and the 2020 layout's empty 收/支) is neutral.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from .base import Variant, rng
from .export_kit import (DIGIT_NAMED, LENDERS, MERCHANTS, TextStyle, Tx, aes_zip, cents, csv_line, digits,
                         encode, pad, person, pick, times, truth_row)

FAMILY = "alipay_export"
COMPANIES = ("支付宝（中国）网络技术有限公司", "支付宝支付科技有限公司")
CATEGORIES = ("餐饮美食", "交通出行", "日用百货", "充值缴费", "网购", "生活服务", "转账红包")
METHODS = ("余额宝", "花呗", "账户余额", "招商银行储蓄卡(1234)", "工商银行储蓄卡(5678)", "余额宝&红包")
NOTES_2023 = ["1.本回单内容可表明支付宝受理了您的相关交易申请，但不代表交易已成功。",
              "2.本回单内容仅供您个人对账使用，不作为任何交易凭证。",
              "3.如您对回单内容有疑问，请联系支付宝客服95188。",
              "4.交易时间以支付宝系统记录为准。",
              "5.资金状态为“冻结”的交易不计入收入或支出。",
              "6.本明细不包括已删除的交易记录。",
              "7.回单仅包含您选择的时间段内的交易。",
              "8.如需开具加盖公章的交易流水证明，请在支付宝App内申请。"]


@dataclass(frozen=True)
class Style:
    layout: int            # 2023 or 2020
    text: TextStyle
    notes: int             # 特别提示 lines (2023)
    blank_lines: bool      # blank lines inside the preamble
    separator: str         # the dashes line's drawing
    company: str
    trailing_comma: bool
    order_tabs: bool       # order numbers end in a tab (so Excel keeps them text)
    quote_all: bool
    resaved: bool          # opened and saved again by Excel: dates 2025/3/10 10:20, no tabs
    zipped: bool
    pay_differs: bool      # 2020: 付款时间 a few seconds after 交易创建时间
    party_comma: bool      # a 交易对方 with a comma in it (quoted)
    digit_named: bool      # a merchant named with digits at its end (中国铁路12306)
    fw_space: bool         # 全角 spaces after some 交易对方
    voids: int
    neutrals: int
    rare_char: bool        # a name only GB18030 (not GBK) can write
    end_blank: int         # blank lines after the table


def _style(r: random.Random) -> Style:
    layout = 2023 if pick(r, 0.6) else 2020
    enc = r.choices(["gbk", "gb18030", "utf-8"], [6, 3, 1])[0]
    resaved = pick(r, 0.15)
    sep = r.choice(["-", "-", "#-", "="])
    return Style(layout=layout,
                 text=TextStyle(encoding=enc, bom=enc == "utf-8", newline=r.choice(["\r\n", "\r\n", "\n"]),
                                trailing_newline=pick(r, 0.8)),
                 notes=r.randint(0, 8), blank_lines=pick(r, 0.5), separator=sep, company=r.choice(COMPANIES),
                 trailing_comma=pick(r, 0.7), order_tabs=not resaved and pick(r, 0.8), quote_all=pick(r, 0.15),
                 resaved=resaved, zipped=pick(r, 0.4), pay_differs=pick(r, 0.3), party_comma=pick(r, 0.3),
                 digit_named=pick(r, 0.25),
                 fw_space=pick(r, 0.2), voids=r.choice([0, 0, 1, 2]), neutrals=r.choice([0, 1, 2, 3]),
                 rare_char=enc == "gb18030" and pick(r, 0.6), end_blank=r.choice([0, 0, 1, 3]))


def _rows(r: random.Random, st: Style, start: datetime) -> list[Tx]:
    n = r.randint(4, 30)
    out = []
    for when in times(r, start, 88, n):
        k = r.random()
        if k < 0.25:
            party, desc = r.choice(LENDERS)
            out.append(Tx(when, -cents(r, 300, 6000), party, desc=desc, status="还款成功",
                          extra={"cat": "信用借还"}))
        elif k < 0.4:
            name = person(r)
            out.append(Tx(when, cents(r, 10, 3000), name, desc="转账", status="交易成功",
                          extra={"cat": "转账红包"}))
        else:
            out.append(Tx(when, -cents(r, 2, 800), r.choice(MERCHANTS), desc=r.choice(["商品", "外卖订单", "打车",
                          "话费充值", "电费"]), status=r.choice(["交易成功", "支付成功"]),
                          extra={"cat": r.choice(CATEGORIES)}))
    for _ in range(st.neutrals):
        i = r.randrange(len(out))
        out[i] = replace(out[i], amount=cents(r, 50, 5000), neutral=True, party=r.choice(["余额宝", "天弘基金管理有限公司",
                         "支付宝"]), desc=r.choice(["余额宝-自动转入", "提现", "余额宝-单次转入"]), status="交易成功")
    for _ in range(st.voids):
        i = r.randrange(len(out))
        status = "等待付款" if st.layout == 2020 and pick(r, 0.3) else "交易关闭"
        out[i] = replace(out[i], void=True, status=status, amount=-abs(out[i].amount))
    if st.digit_named:
        i = r.randrange(len(out))
        if not out[i].neutral:
            out[i] = replace(out[i], party=DIGIT_NAMED, desc="火车票")
    if st.party_comma:
        i = r.randrange(len(out))
        out[i] = replace(out[i], party="杭州某某,科技有限公司")
    if st.rare_char:
        i = r.randrange(len(out))
        out[i] = replace(out[i], party="䶮" + person(r)[1:] + "䴉")
    return out


def _flow(tx: Tx, layout: int) -> str:
    if tx.neutral:
        return "不计收支" if layout == 2023 else ""
    return "收入" if tx.amount > 0 else "支出"


def _stamp(when: datetime, st: Style) -> str:
    if st.resaved:
        return f"{when.year}/{when.month}/{when.day} {when:%H:%M}"
    return f"{when:%Y-%m-%d %H:%M:%S}"


def _sep(st: Style, inner: str = "") -> str:
    if not inner:
        return ("#" + "-" * 83) if st.separator == "#-" else st.separator * 84
    side = "-" * 24 if st.separator != "=" else "=" * 24
    return ("#" if st.separator == "#-" else "") + side + inner + side


def _party(tx: Tx, st: Style, r: random.Random) -> str:
    return tx.party + ("\u3000\u3000" if st.fw_space and pick(r, 0.4) else "")


def _layout_2023(r: random.Random, st: Style, rows: list[Tx], holder: str, start: datetime,
                 end: datetime) -> list[str]:
    moved = [x for x in rows if not x.void]
    inc = [x for x in moved if not x.neutral and x.amount > 0]
    out_ = [x for x in moved if not x.neutral and x.amount < 0]
    neu = [x for x in moved if x.neutral]
    lines = [_sep(st), "导出信息：", f"姓名：{holder}", f"支付宝账户：{digits(r, 3)}****{digits(r, 4)}",
             f"起始时间：[{start:%Y-%m-%d} 00:00:00]    终止时间：[{end:%Y-%m-%d} 23:59:59]",
             "导出交易类型：[全部]", f"导出时间：[{end + timedelta(days=2):%Y-%m-%d} 10:11:12]",
             f"共{len(rows)}笔记录",
             f"收入：{len(inc)}笔 {sum((x.amount for x in inc), Decimal(0)):.2f}元",
             f"支出：{len(out_)}笔 {-sum((x.amount for x in out_), Decimal(0)):.2f}元",
             f"不计收支：{len(neu)}笔 {sum((x.amount for x in neu), Decimal(0)):.2f}元"]
    if st.blank_lines:
        lines.append("")
    if st.notes:
        lines.append("特别提示：")
        lines += NOTES_2023[:st.notes]
        if st.blank_lines:
            lines.append("")
    lines.append(_sep(st, f"{st.company}  电子客户回单"))
    header = ["交易时间", "交易分类", "交易对方", "对方账号", "商品说明", "收/支", "金额", "收/付款方式", "交易状态",
              "交易订单号", "商家订单号", "备注"]
    lines.append(csv_line(header, trailing=st.trailing_comma))
    tab = "\t" if st.order_tabs else ""
    for x in rows:
        order = f"{x.when:%Y%m%d}2200{digits(r, 20)}"
        account = r.choice(["/", f"{digits(r, 3)}***@163.com", f"{digits(r, 3)}******{digits(r, 2)}"])
        cells = [_stamp(x.when, st), x.extra.get("cat", "其他"), _party(x, st, r), account, x.desc, _flow(x, 2023),
                 f"{abs(x.amount):.2f}", r.choice(METHODS) if not x.neutral else "", x.status, order + tab,
                 (digits(r, 16) + tab) if pick(r, 0.5) else "", ""]
        lines.append(csv_line(cells, quote_all=st.quote_all, trailing=st.trailing_comma))
    return lines + [""] * st.end_blank


W2020 = [24, 25, 26, 24, 26, 15, 18, 20, 24, 13, 10, 12, 15, 15, 20, 13]


def _layout_2020(r: random.Random, st: Style, rows: list[Tx], holder: str, start: datetime,
                 end: datetime) -> list[str]:
    lines = ["支付宝交易记录明细查询", f"账号:[{digits(r, 3)}****{digits(r, 4)}]",
             f"起始日期:[{start:%Y-%m-%d} 00:00:00]    终止日期:[{end:%Y-%m-%d} 23:59:59]",
             _sep(st, "交易记录明细列表")]
    header = ["交易号", "商户订单号", "交易创建时间", "付款时间", "最近修改时间", "交易来源地", "类型", "交易对方", "商品名称",
              "金额（元）", "收/支", "交易状态", "服务费（元）", "成功退款（元）", "备注", "资金状态"]
    lines.append(csv_line(pad(header, W2020), trailing=st.trailing_comma))
    tab = "\t" if st.order_tabs else ""
    for x in rows:
        made = x.when - timedelta(seconds=r.randint(1, 40)) if st.pay_differs else x.when
        paid = "" if x.void else _stamp(x.when, st)
        fund = ("资金转移" if x.neutral else "") or ("" if x.void else ("已收入" if x.amount > 0 else "已支出"))
        cells = [f"{x.when:%Y%m%d}2200{digits(r, 20)}{tab}", digits(r, 18) + tab if pick(r, 0.5) else "",
                 _stamp(made, st), paid, _stamp(x.when + timedelta(minutes=1), st),
                 r.choice(["其他（包括阿里巴巴和外部商家）", "支付宝网站", "淘宝"]), "即时到账交易",
                 _party(x, st, r), x.desc, f"{abs(x.amount):.2f}", _flow(x, 2020), x.status,
                 "0.00", "0.00", "", fund]
        lines.append(csv_line(pad(cells, W2020), quote_all=st.quote_all, trailing=st.trailing_comma))
    moved = [x for x in rows if not x.void and not x.neutral]
    inc = [x.amount for x in moved if x.amount > 0]
    out_ = [-x.amount for x in moved if x.amount < 0]
    lines += [_sep(st), f"共{len(rows)}笔记录", f"已收入:{len(inc)}笔,{sum(inc, Decimal(0)):.2f}元", "待收入:0笔,0.00元",
              f"已支出:{len(out_)}笔,{sum(out_, Decimal(0)):.2f}元", "待支出:0笔,0.00元",
              f"导出时间:[{end + timedelta(days=2):%Y-%m-%d} 10:11:12]    用户:{holder}"]
    return lines + [""] * st.end_blank


def build(seed: int) -> Variant:
    r = rng(FAMILY, seed)
    st = _style(r)
    start = datetime(r.choice([2020, 2022, 2024, 2025]), r.randint(1, 9), 1)
    end = start + timedelta(days=89)
    holder = person(r)
    rows = _rows(r, st, start)
    lines = (_layout_2023 if st.layout == 2023 else _layout_2020)(r, st, rows, holder, start, end)
    data = encode(lines, st.text)
    member = f"支付宝交易明细({start:%Y%m%d}-{end:%Y%m%d}).csv" if pick(r, 0.6) else f"alipay_record_{start:%Y%m%d}.csv"
    password = digits(r, 6) if st.zipped else None
    if password:
        data = aes_zip(member, data, password, end + timedelta(days=3))
    time: Any = True if not st.resaved else None
    truth_rows = []
    for x in rows:
        if x.void:
            continue
        t = truth_row(x, time=f"{x.when:%H:%M}" if st.resaved else time)
        truth_rows.append(t)
    truth = {"kind": "payment_statement", "provider": "alipay", "account_holder": holder,
             "transactions": truth_rows}
    return Variant(FAMILY, seed, _variations(st, rows), data, truth, suffix=".zip" if password else ".csv",
                   password=password)


def _variations(st: Style, rows: list[Tx]) -> tuple[str, ...]:
    t = st.text
    v = [f"layout {st.layout}" + (" (导出信息 block at the bottom, padded cells)" if st.layout == 2020 else
                                  " (导出信息 and 特别提示 above the table)"),
         f"encoding {t.encoding}{' BOM' if t.bom else ''}", "CRLF" if t.newline == "\r\n" else "LF",
         f"separator {st.separator!r}", f"issuer {st.company}"]
    if st.layout == 2023:
        v.append(f"preamble: {st.notes} 特别提示 lines{', blank lines' if st.blank_lines else ''}")
    v += [s for s, on in [("trailing comma (empty last column)", st.trailing_comma),
                          ("order numbers end in a tab", st.order_tabs), ("every field quoted", st.quote_all),
                          ("re-saved by Excel: 2025/3/10 10:20, no seconds", st.resaved),
                          ("57 AES ZIP, six-digit password", st.zipped),
                          ("付款时间 seconds after 交易创建时间", st.layout == 2020 and st.pay_differs),
                          ("a 交易对方 with a comma (quoted)", st.party_comma),
                          ("全角 spaces after 交易对方", st.fw_space),
                          ("a name only GB18030 writes (䶮, 䴉)", st.rare_char),
                          ("no newline at the end", not t.trailing_newline),
                          (f"{st.end_blank} blank lines after the table", st.end_blank > 0)] if on]
    if any(x.party == DIGIT_NAMED for x in rows):
        v.append(f"a merchant named with digits at the end ({DIGIT_NAMED})")
    v += sorted({f"{x.status} rows (void)" for x in rows if x.void})
    if any(x.neutral for x in rows):
        v.append("不计收支 rows (neutral)" if st.layout == 2023 else "empty 收/支, 资金转移 (neutral)")
    return tuple(v)
