"""Bank statement exports (CSV, XLS, XLSX), drawn blind from FORMATS.md (the bank table and "Exports")
and FORMATS-REAL.md items 5, 47-52 and 58: 招商 (the CSV with 客户摘要, and the older 一网通 CSV with its
``#`` preamble), 工商 (tab-padded cells; v1: one signed 收入/支出金额 column, v2: 交易金额(收入)/(支出)
split), 建设 (the xls with preamble rows, often a web page or tab text under the .xls name), 中国银行
(``-------`` for empty cells, UTF-16 tab text possible), 交通 (``借 Dr`` / ``贷 Cr`` flags), 农业 (yyyymmdd
dates, HHMMSS times, ``+`` signed amounts, ``--`` for empty).

Truth: every data row in printed order with its signed amount and running balance; a totals row
(合计) is not a transaction. Where a format prints 户名 the holder is in the truth; counterparty
accounts where the format has a column for them.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from .base import Variant, rng
from .export_kit import (LENDERS, MERCHANTS, Cell, TextStyle, Tx, card, cents, csv_line, date_text, digits,
                         encode, fullwidth, html_table, masked, money, person, pick, times, truth_row,
                         with_balances, xlsx)

CONTAINERS = ("csv", "html_xls", "tab_xls", "xlsx", "xlsx_as_xls")


@dataclass(frozen=True)
class Style:
    container: str
    text: TextStyle
    sep: bool               # thousands separators
    paren: bool             # negatives as (1,050.00)
    prefix: str             # "", "¥", "￥", "CNY "
    pad: str                # "", "\t", " ", "\u3000": after every cell
    fw_digits: str          # "", or which cell of one row is printed in 全角 digits: date, time, amount, balance
    totals: bool            # a 合计 row after the data
    descending: bool        # newest first
    date_style: str
    empty_cols: int         # empty columns at the end of every line
    numeric: bool           # XLSX: amounts as number cells
    quote_all: bool
    date_cells: bool        # XLSX: dates as date cells
    footer: bool            # the bank's closing lines after the table (温馨提示, the END marker)
    spaced_header: bool     # one header cell printed with spaces between its characters (日 志 号)
    kangxi: bool            # the header written with Kangxi radicals (⽇ ⾦ ⼿), as 农业银行 prints it
    party_comma: bool       # a counterparty with a comma in its name
    time_cells: bool        # XLSX: times as time cells
    text_formula: bool      # CSV: account numbers written ="6222…" so that Excel keeps them text
    sheets: str             # XLSX: "", "after" (empty Sheet2, Sheet3 follow) or "before" (a 说明 sheet first)


@dataclass(frozen=True)
class Col:
    header: str
    cell: Callable[[Tx, Style], Cell]


def _rows(r: random.Random, start: datetime, n: int) -> list[Tx]:
    out = []
    for when in times(r, start, 88, n):
        k = r.random()
        if k < 0.25:
            party, desc = r.choice(LENDERS)
            out.append(Tx(when, -cents(r, 300, 6000), party, digits(r, 16), desc=r.choice(["网上快捷支付", "代扣", desc]),
                          extra={"kind": "loan"}))
        elif k < 0.4:
            out.append(Tx(when, cents(r, 3000, 20000), r.choice(["某某科技有限公司", "某某贸易有限公司"]), digits(r, 19),
                          desc="代发工资", extra={"kind": "salary"}))
        elif k < 0.55:
            name = person(r)
            amt = cents(r, 50, 5000)
            out.append(Tx(when, amt if pick(r, 0.4) else -amt, name, card(r), desc="转账", extra={"kind": "transfer"}))
        elif k < 0.6:
            out.append(Tx(when.replace(hour=0, minute=0, second=0), cents(r, 0.01, 30), "", "", desc="结息",
                          extra={"kind": "interest"}))
        else:
            out.append(Tx(when, -cents(r, 2, 900), r.choice(MERCHANTS), "", desc="快捷支付", extra={"kind": "spend"}))
    return with_balances(out, cents(r, 1000, 50000))


def _style(r: random.Random, containers: Sequence[str], dates: Sequence[str], encodings: Sequence[str],
           paren_ok: bool = True) -> Style:
    container = r.choice(containers)
    enc = r.choice(encodings)
    prefix = r.choices(["", "¥", "￥", "CNY "], [12, 1, 1, 1])[0]
    if enc == "gbk" and prefix == "¥":  # GBK has no ¥ (U+00A5): the full-width ￥ is what GBK files carry
        prefix = "￥"
    return Style(container=container,
                 text=TextStyle(encoding=enc, bom=enc.startswith("utf-16") or (enc == "utf-8" and pick(r, 0.6)),
                                newline=r.choice(["\r\n", "\r\n", "\n"]), trailing_newline=pick(r, 0.85)),
                 sep=pick(r, 0.5), paren=paren_ok and pick(r, 0.12), prefix=prefix,
                 pad=r.choices(["", "\t", " ", "\u3000"], [5, 3, 2, 1])[0], fw_digits=r.choice(["date", "time", "amount", "balance"]) if pick(r, 0.12) else "",
                 totals=pick(r, 0.25), descending=pick(r, 0.3), date_style=r.choice(dates),
                 empty_cols=r.choice([0, 0, 0, 1, 2]), numeric=container.startswith("xlsx") and pick(r, 0.4),
                 quote_all=pick(r, 0.2),
                 date_cells=container.startswith("xlsx") and pick(r, 0.4), footer=pick(r, 0.5),
                 spaced_header=pick(r, 0.2), time_cells=container.startswith("xlsx") and pick(r, 0.3),
                 text_formula=container in ("csv", "tab_xls") and pick(r, 0.25), kangxi=enc != "gbk" and pick(r, 0.25), party_comma=pick(r, 0.2), sheets=r.choice(["", "", "after", "before"]) if container.startswith("xlsx") else "")


def _amount(value: Decimal, st: Style, *, plus: bool = False, unsigned: bool = False) -> Cell:
    if st.numeric:
        return abs(value) if unsigned else value
    v = abs(value) if unsigned else value
    return money(v, sep=st.sep, plus=plus, paren=st.paren and not unsigned, prefix=st.prefix)


def _bal(tx: Tx, st: Style) -> Cell:
    assert tx.balance is not None
    return tx.balance if st.numeric else money(tx.balance, sep=st.sep, prefix=st.prefix)


def _date(tx: Tx, st: Style) -> Cell:
    return datetime(tx.when.year, tx.when.month, tx.when.day) if st.date_cells else date_text(tx.when, st.date_style)


@dataclass(frozen=True)
class Bank:
    family: str
    provider: str
    title: str
    columns: Sequence[Col]
    preamble: Callable[[random.Random, str, str, datetime, datetime], list[str]]
    layout: str = ""
    header_rows: Sequence[Sequence[str]] = ()
    comment: str = ""          # a prefix for preamble lines (the 一网通 CSV's "# ")
    time: bool = True          # a time column
    account: bool = False      # a counterparty account column
    party: bool = True         # a counterparty column
    holder: bool = True        # the preamble prints the holder's name
    footer: Sequence[str] = ()  # lines after the table


def _render(r: random.Random, bank: Bank, st: Style, rows: list[Tx], holder: str, start: datetime,
            end: datetime) -> tuple[bytes, str, list[str]]:
    """The file: bytes, name ending and the variations of the container."""
    acct = card(r)
    pre = bank.preamble(r, holder, masked(acct, 6, 4) if pick(r, 0.6) else acct, start, end)
    if st.fw_digits and pre:
        pre[-1] = fullwidth(pre[-1])
    shown = list(reversed(rows)) if st.descending else rows
    body: list[list[Cell]] = [[c.cell(x, st) for c in bank.columns] for x in shown]
    if st.fw_digits:
        i = r.randrange(len(body))
        for n, c in enumerate(bank.columns):
            if _kind(c.header) == st.fw_digits and isinstance(body[i][n], str):
                body[i][n] = fullwidth(str(body[i][n]))
    if st.totals:
        body.append(_totals(bank, st, rows))
    header = [list(h) for h in bank.header_rows] or [[c.header for c in bank.columns]]
    if st.spaced_header:
        cells = header[-1]
        n = max(range(len(cells)), key=lambda k: (len(cells[k]) == 3, -k))
        cells[n] = " ".join(cells[n])
    if st.kangxi and bank is ABC:
        header = [[h.translate(KANGXI) for h in row] for row in header]
    notes: list[str] = []
    grid: list[list[Cell]] = header + body
    after: list[list[Cell]] = [[line] for line in bank.footer] if st.footer else []
    if st.container in ("xlsx", "xlsx_as_xls"):
        sheet: list[list[Cell]] = [[bank.title]] + [[line] for line in pre] + grid + after
        sheets: list[tuple[str, Sequence[Sequence[Cell]]]] = [(bank.title[:31] if pick(r, 0.5) else "Sheet1", sheet)]
        if st.sheets == "after":
            sheets += [("Sheet2", []), ("Sheet3", [])]
        elif st.sheets == "before":
            sheets.insert(0, ("说明", [["说明"], ["本明细仅供参考，以银行系统记录为准。"]]))
        data = xlsx(sheets, date_format="yyyy-mm-dd")
        return data, ".xlsx" if st.container == "xlsx" else ".xls", notes
    text = [[_padded(c, st) for c in row] + [""] * st.empty_cols for row in grid]
    if st.container == "html_xls":
        charset = "gbk" if st.text.encoding == "gbk" else "utf-8"
        page = html_table(bank.title, pre, [[str(c) for c in row] for row in text], charset=charset,
                          header_rows=len(header), excel_ns=pick(r, 0.6), after=[str(a[0]) for a in after])
        return page.encode("gbk" if charset == "gbk" else "utf-8"), ".xls", notes
    delimiter = "\t" if st.container == "tab_xls" or st.text.encoding.startswith("utf-16") else ","
    lines = [bank.comment + bank.title] + [bank.comment + line for line in pre]
    lines += [csv_line([str(c) for c in row], delimiter=delimiter, quote_all=st.quote_all) for row in text]
    lines += [bank.comment + str(a[0]) for a in after]
    suffix = ".xls" if st.container == "tab_xls" else (".txt" if delimiter == "\t" else ".csv")
    return encode(lines, st.text), suffix, notes


KANGXI = str.maketrans("日金手言人民行户", "⽇⾦⼿⾔⼈⺠⾏⼾")


def _kind(header: str) -> str:
    """What a column holds, by its header: date, time, amount or balance."""
    if "余额" in header:
        return "balance"
    if "时间" in header:
        return "time"
    if "日" in header:
        return "date"
    if "金额" in header or header in ("收入", "支出"):
        return "amount"
    return ""


def _padded(cell: Cell, st: Style) -> Cell:
    return cell + st.pad if isinstance(cell, str) and cell and st.pad else cell


def _totals(bank: Bank, st: Style, rows: list[Tx]) -> list[Cell]:
    """合计 under the first column, the sums under the amount columns, nothing else."""
    inc = sum((x.amount for x in rows if x.amount > 0), Decimal(0))
    out = -sum((x.amount for x in rows if x.amount < 0), Decimal(0))
    cells: list[Cell] = []
    for n, c in enumerate(bank.columns):
        h = c.header
        if n == 0:
            cells.append("合计")
        elif "收入" in h and "支出" not in h or h in ("收入",):
            cells.append(_amount(inc, st, unsigned=True))
        elif "支出" in h and "收入" not in h:
            cells.append(_amount(out, st, unsigned=True))
        elif h in ("交易金额", "金额", "收入/支出金额"):
            cells.append(_amount(inc - out, st))
        else:
            cells.append("")
    return cells


# ---------------------------------------------------------------------------------------------
# the banks
# ---------------------------------------------------------------------------------------------

def _signed(x: Tx, st: Style) -> Cell:
    return _amount(x.amount, st)


def _in(x: Tx, st: Style) -> Cell:
    return _amount(x.amount, st, unsigned=True) if x.amount > 0 else ""


def _out(x: Tx, st: Style) -> Cell:
    return _amount(x.amount, st, unsigned=True) if x.amount < 0 else ""


def _clock(x: Tx, st: Style) -> Cell:
    return x.when.time() if st.time_cells else f"{x.when:%H:%M:%S}"


def _account(x: Tx, st: Style) -> str:
    return f'="{x.party_account}"' if st.text_formula and x.party_account else x.party_account


def _cmb_pre(r: random.Random, holder: str, acct: str, start: datetime, end: datetime) -> list[str]:
    return [f"户    名：{holder}", f"账号：{acct}", "账户类型：一卡通", "开 户 行：某某支行",
            f"起止日期：{start:%Y-%m-%d} -- {end:%Y-%m-%d}", f"申请时间：{end:%Y-%m-%d} 10:00:00"]


CMB = Bank("cmb_export", "cmb", "招商银行交易流水", [
    Col("记账日期", _date), Col("货币", lambda x, st: "人民币"), Col("交易金额", _signed), Col("联机余额", _bal),
    Col("交易摘要", lambda x, st: x.desc), Col("对手信息", lambda x, st: x.party),
    Col("客户摘要", lambda x, st: "")], _cmb_pre, layout="记账日期 … 客户摘要", time=False,
    footer=["温馨提示：", "1.本流水仅供参考，可通过验证码在招商银行官网验证真伪。"])


def _cmb_old_pre(r: random.Random, holder: str, acct: str, start: datetime, end: datetime) -> list[str]:
    return [f"账    号: [{acct}]", "币    种: [人民币]", f"起始日期: [{start:%Y%m%d}]   终止日期: [{end:%Y%m%d}]",
            "交易类型: [全部]", f"导出时间: [{end:%Y-%m-%d} 10:00:00]", "", "#" + "-" * 40]


CMB_OLD = Bank("cmb_export", "cmb", "招商银行交易记录", [
    Col("交易日期", lambda x, st: "\t" + f"{x.when:%Y%m%d}"), Col("交易时间", lambda x, st: "\t" + f"{x.when:%H:%M:%S}"),
    Col("收入", _in), Col("支出", _out), Col("余额", _bal), Col("交易类型", lambda x, st: x.desc),
    Col("交易备注", lambda x, st: x.party)], _cmb_old_pre, layout="一网通 # preamble 交易日期 交易时间 收入 支出",
    comment="# ", party=False, holder=False)


def _icbc_pre(r: random.Random, holder: str, acct: str, start: datetime, end: datetime) -> list[str]:
    return [f"卡号: {acct}  户名：{holder}  起止日期：{start:%Y-%m-%d} — {end:%Y-%m-%d}"]


ICBC_V1 = Bank("icbc_export", "icbc", "中国工商银行借记账户历史明细（电子版）", [
    Col("交易日期", _date), Col("账号", lambda x, st: "\t" + "6222" + "0" * 15), Col("储种", lambda x, st: "活期"),
    Col("序号", lambda x, st: "00000"), Col("币种", lambda x, st: "人民币"), Col("钞汇", lambda x, st: "钞"),
    Col("摘要", lambda x, st: x.desc), Col("地区", lambda x, st: "0200"),
    Col("收入/支出金额", lambda x, st: _amount(x.amount, st, plus=True)), Col("余额", _bal),
    Col("对方户名", lambda x, st: x.party), Col("对方账号", _account),
    Col("渠道", lambda x, st: "网上银行")], _icbc_pre, layout="v1 收入/支出金额 signed", time=False, account=True)

ICBC_V2 = Bank("icbc_export", "icbc", "中国工商银行借记账户历史明细（电子版）", [
    Col("交易日期", _date), Col("摘要", lambda x, st: x.desc), Col("交易详情", lambda x, st: x.desc),
    Col("交易场所", lambda x, st: ""), Col("交易国家或地区简称", lambda x, st: "CHN"), Col("钱/钞", lambda x, st: "钞"),
    Col("交易金额(收入)", _in), Col("交易金额(支出)", _out), Col("交易币种", lambda x, st: "人民币"),
    Col("记账金额(收入)", _in), Col("记账金额(支出)", _out), Col("记账币种", lambda x, st: "人民币"), Col("余额", _bal),
    Col("对方户名", lambda x, st: x.party), Col("对方账户", _account)], _icbc_pre,
    layout="v2 交易金额(收入)/(支出) split", time=False, account=True)


def _ccb_pre(r: random.Random, holder: str, acct: str, start: datetime, end: datetime) -> list[str]:
    return [f"卡号/账号:{acct}", f"客户名称:{holder}", "币别:人民币元", "钞汇:钞",
            f"起止日期:{start:%Y%m%d}-{end:%Y%m%d}", "当前时间段收支金额合计：以下明细合计为准"]


CCB = Bank("ccb_export", "ccb", "中国建设银行个人活期账户全部交易明细", [
    Col("记账日", _date), Col("交易日期", _date), Col("交易时间", _clock), Col("支出", _out), Col("收入", _in),
    Col("账户余额", _bal), Col("币种", lambda x, st: "人民币"), Col("摘要", lambda x, st: x.desc),
    Col("对方账号", _account), Col("对方户名", lambda x, st: x.party),
    Col("交易地点", lambda x, st: "网上银行")], _ccb_pre, layout="xls 记账日 交易日期 交易时间 支出 收入", account=True)

DASH = "-------------------"


def _boc_pre(r: random.Random, holder: str, acct: str, start: datetime, end: datetime) -> list[str]:
    return [f"交易区间： {start:%Y-%m-%d} 至{end:%Y-%m-%d}", f"客户姓名： {holder}", f"借记卡号： {acct}",
            "按收支筛选： 全部", "按币种筛选： 全部", f"打印时间： {end:%Y/%m/%d} 10:00:00"]


def _dash(text: str) -> str:
    return text or DASH


BOC = Bank("boc_export", "boc", "中国银行交易流水明细清单", [
    Col("记账日期", _date), Col("记账时间", _clock), Col("币别", lambda x, st: "人民币"), Col("金额", _signed),
    Col("余额", _bal), Col("交易名称", lambda x, st: x.desc), Col("渠道", lambda x, st: "网上银行"),
    Col("网点名称", lambda x, st: DASH), Col("附言", lambda x, st: DASH),
    Col("对方账户名", lambda x, st: _dash(x.party)), Col("对方卡号/账号", lambda x, st: _dash(_account(x, st))),
    Col("对方开户行", lambda x, st: DASH if not x.party_account else "某某银行")], _boc_pre,
    layout="记账日期 … 对方开户行, ------- placeholders", account=True,
    footer=["温馨提示: 本清单仅供参考。", "--------------------END--------------------"])


def _bocom_pre(r: random.Random, holder: str, acct: str, start: datetime, end: datetime) -> list[str]:
    return [f"账号/卡号Account/Card No: {acct}", f"户名Account Name: {holder}",
            f"查询起日Query Starting Date: {start:%Y-%m-%d}", f"查询止日Query Ending Date: {end:%Y-%m-%d}",
            "币种Currency: 人民币 CNY"]


BOCOM_COLS = [
    Col("序号", lambda x, st: x.extra["n"]), Col("交易日期", _date), Col("交易时间", _clock), Col("交易类型", lambda x, st: x.desc),
    Col("借贷", lambda x, st: "借 Dr" if x.amount < 0 else "贷 Cr"),
    Col("交易金额", lambda x, st: _amount(x.amount, st, unsigned=True)), Col("余额", _bal),
    Col("对方账号", _account), Col("对方户名", lambda x, st: x.party),
    Col("交易地点", lambda x, st: "网上银行"), Col("摘要", lambda x, st: x.desc)]
BOCOM_EN = ["Serial Num", "Trans Date", "Trans Time", "Trading Type", "Dc Flg", "Trans Amt", "Balance",
            "Payment Receipt Account", "Payment Receipt Account Name", "Trading Place", "Abstract"]
BOCOM = Bank("bocom_export", "bocom", "交通银行个人客户交易清单", BOCOM_COLS, _bocom_pre, layout="借 Dr / 贷 Cr flags",
             account=True)
BOCOM_BI = replace(BOCOM, header_rows=[BOCOM_EN, [c.header for c in BOCOM_COLS]],
                   layout="借 Dr / 贷 Cr flags, English header row above the Chinese")


def _abc_pre(r: random.Random, holder: str, acct: str, start: datetime, end: datetime) -> list[str]:
    return [f"户名：{holder}", f"账户：{acct}", "币种：人民币", "钞汇标识：本币",
            f"起止日期：{start:%Y%m%d}-{end:%Y%m%d}"]


def _abc_time(x: Tx, st: Style) -> str:
    return "" if x.extra.get("abc_blank") else f"{x.when:%H%M%S}"


ABC = Bank("abc_export", "abc", "中国农业银行账户活期交易明细清单", [
    Col("交易日期", _date), Col("交易时间", _abc_time), Col("交易摘要", lambda x, st: x.desc),
    Col("交易金额", lambda x, st: _amount(x.amount, st, plus=True)), Col("本次余额", _bal),
    Col("对手信息", lambda x, st: x.party or "--"), Col("日志号", lambda x, st: "--"),
    Col("交易渠道", lambda x, st: "电子商务"), Col("交易附言", lambda x, st: "--")], _abc_pre,
    layout="yyyymmdd HHMMSS +signed -- empty")


def _build(bank_choices: Sequence[Bank], family: str, containers: Sequence[str], dates: Sequence[str],
           encodings: Sequence[str], seed: int) -> Variant:
    r = rng(family, seed)
    bank = r.choice(bank_choices)
    st = _style(r, containers, dates, encodings, paren_ok=any(c.header in ("交易金额", "金额", "收入/支出金额")
                                                              for c in bank.columns) and bank is not BOCOM)
    start = datetime(r.choice([2023, 2024, 2025]), r.randint(1, 9), 1)
    end = start + timedelta(days=89)
    holder = person(r)
    rows = _rows(r, start, r.randint(5, 40))
    if st.party_comma:
        i = r.randrange(len(rows))
        rows[i] = replace(rows[i], party="某某商贸(上海),有限公司", party_account=rows[i].party_account or digits(r, 16))
    if bank is ABC:
        rows = [replace(x, desc="正常还款", extra={**x.extra, "abc_blank": "1"}) if x.extra["kind"] == "loan" and pick(r, 0.5)
                else replace(x, extra={**x.extra, "abc_blank": "1"}) if x.extra["kind"] == "interest" else x for x in rows]
    printed = list(reversed(rows)) if st.descending else rows
    numbered = [replace(x, extra={**x.extra, "n": str(n)}) for n, x in enumerate(printed, start=1)]
    rows = list(reversed(numbered)) if st.descending else numbered
    data, suffix, _ = _render(r, bank, st, rows, holder, start, end)
    truth_rows = []
    for x in reversed(rows) if st.descending else rows:
        time: Any = (None if x.extra.get("abc_blank") else f"{x.when:%H:%M:%S}") if bank.time else None
        truth_rows.append(truth_row(x, time=time, balance=True, party=bank.party, account=bank.account))
    truth: dict[str, Any] = {"kind": "bank_statement", "provider": bank.provider, "transactions": truth_rows}
    if bank.holder:
        truth["account_holder"] = holder
    return Variant(family, seed, _variations(bank, st, suffix), data, truth, suffix=suffix)


def _variations(bank: Bank, st: Style, suffix: str) -> tuple[str, ...]:
    t = st.text
    v = [f"layout {bank.layout}" if bank.layout else bank.title, f"container {st.container} ({suffix})",
         f"dates {st.date_style}"]
    if st.container in ("csv", "tab_xls"):
        v += [f"encoding {t.encoding}{' BOM' if t.bom else ''}", "CRLF" if t.newline == "\r\n" else "LF"]
    elif st.container == "html_xls":
        v.append(f"58 a web page named .xls ({'gbk' if t.encoding == 'gbk' else 'utf-8'})")
    v += [s for s, on in [("thousands separators", st.sep and not st.numeric), ("negatives as (x)", st.paren and not st.numeric),
                          (f"amounts prefixed {st.prefix!r}", bool(st.prefix) and not st.numeric),
                          (f"every cell followed by {st.pad!r}", bool(st.pad) and not st.container.startswith("xlsx")),
                          (f"全角 digits in one row's {st.fw_digits} cell and the last preamble line", bool(st.fw_digits)),
                          (f"extra sheets {st.sheets}", bool(st.sheets)),
                          ("a header cell spaced out (日 志 号)", st.spaced_header),
                          ("50 the header in Kangxi radicals (⽇ ⾦ ⼿)", st.kangxi and bank is ABC),
                          ("a counterparty with a comma", st.party_comma),
                          ("times as time cells", st.time_cells and any(c.cell is _clock for c in bank.columns)),
                          ('account numbers as ="…" (Excel text formula)', st.text_formula and bank.account),
                          ("dates as date cells", st.date_cells and any(c.cell is _date for c in bank.columns)),
                          (f"lines after the table ({bank.footer[-1] if bank.footer else ''})", st.footer and bool(bank.footer)),
                          ("a 合计 totals row", st.totals), ("newest first", st.descending),
                          (f"{st.empty_cols} empty trailing columns", bool(st.empty_cols) and not st.container.startswith("xlsx")),
                          ("amounts as number cells", st.numeric),
                          ("every field quoted", st.quote_all and st.container in ("csv", "tab_xls"))] if on]
    return tuple(v)


ISO = ("iso", "iso", "slash", "slash_short", "compact", "dot")
FAMILIES: dict[str, Callable[[int], Variant]] = {
    "cmb_export": lambda seed: _build([CMB, CMB, CMB_OLD], "cmb_export", ("csv", "csv", "xlsx", "html_xls"), ISO,
                                      ("utf-8", "gbk"), seed),
    "icbc_export": lambda seed: _build([ICBC_V1, ICBC_V2], "icbc_export", ("csv", "csv", "tab_xls", "xlsx"), ISO,
                                       ("gbk", "gbk", "utf-8"), seed),
    "ccb_export": lambda seed: _build([CCB], "ccb_export", ("html_xls", "tab_xls", "xlsx_as_xls", "xlsx", "csv"),
                                      ("compact", "compact", "iso", "slash"), ("gbk", "utf-8"), seed),
    "boc_export": lambda seed: _build([BOC], "boc_export", ("csv", "tab_xls", "xlsx"), ISO,
                                      ("utf-16-le", "utf-16-le", "utf-8", "gbk"), seed),
    "bocom_export": lambda seed: _build([BOCOM, BOCOM, BOCOM_BI], "bocom_export", ("xlsx", "html_xls", "csv"), ISO,
                                        ("utf-8", "gbk"), seed),
    "abc_export": lambda seed: _build([ABC], "abc_export", ("xlsx", "html_xls", "csv", "tab_xls"), ("compact",),
                                      ("gbk", "utf-8"), seed),
}
