"""Lender documents, drawn blind from FORMATS-REAL.md items 54-55 and FORMATS.md's lender section:
结清证明 (family lender_settlement) and 还款计划 / 还款记录 (family lender_schedule)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from reportlab.lib.pagesizes import A4, landscape

from .base import Variant, rng
from .gen_alipay import (Col, Doc, TableStyle, digits, footers, masked_id, money, person, seal_png, table,
                         width, wrap, wrap_words)

CENT = Decimal("0.01")
UPPER = "零壹贰叁肆伍陆柒捌玖"


def rmb_upper(v: Decimal) -> str:
    """人民币大写: 20000.00 → 贰万元整, 12345.67 → 壹万贰仟叁佰肆拾伍元陆角柒分."""
    cents = int((v * 100).to_integral_value())
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    groups, n = [], yuan
    while n:
        groups.append(n % 10000)
        n //= 10000
    out, gap = "", False
    for gi in reversed(range(len(groups))):
        g = groups[gi]
        if g == 0:
            gap = bool(out)
            continue
        if out and (g < 1000 or gap):
            out += "零"
        out += _group(g) + ["", "万", "亿"][gi]
        gap = False
    out = out + "元" if out else ""
    if not jiao and not fen:
        return (out or "零元") + "整"
    if jiao:
        out += UPPER[jiao] + "角"
    elif out:
        out += "零"
    return out + (UPPER[fen] + "分" if fen else "")


def _group(g: int) -> str:
    s, zero = "", False
    for k, unit in zip(range(3, -1, -1), ["仟", "佰", "拾", ""]):
        d = g // 10**k % 10
        if d == 0:
            zero = zero or bool(s)
            continue
        if zero:
            s += "零"
            zero = False
        s += UPPER[d] + unit
    return s


def fmt_date(d: date, style: str) -> str:
    return {"iso": f"{d:%Y-%m-%d}", "slash": f"{d:%Y/%m/%d}", "dot": f"{d:%Y.%m.%d}", "cn": f"{d:%Y年%m月%d日}",
            "cnu": f"{d.year}年{d.month}月{d.day}日", "compact": f"{d:%Y%m%d}",
            "spaced": f"{d:%Y} 年 {d:%m} 月 {d:%d} 日"}[style]


def add_months(d: date, k: int) -> date:
    y, m = divmod(d.month - 1 + k, 12)
    return date(d.year + y, m + 1, min(d.day, 28))


@dataclass(frozen=True)
class Lender:
    key: str
    name: str
    product: str
    seal_name: str
    contract: Callable[[random.Random, date], str]


LENDERS = [
    Lender("jiebei", "重庆市蚂蚁商诚信息技术有限公司（原：重庆市蚂蚁商诚小额贷款有限公司）", "借呗",
           "重庆市蚂蚁商诚信息技术有限公司", lambda r, d: f"{d:%Y%m%d}{digits(r, 4)}0{digits(r, 13)}"),
    Lender("jiebei2", "重庆蚂蚁消费金融有限公司", "借呗", "重庆蚂蚁消费金融有限公司",
           lambda r, d: f"{d:%Y%m%d}1002{digits(r, 14)}"),
    Lender("zhaolian", "招联消费金融股份有限公司", "好期贷", "招联消费金融股份有限公司",
           lambda r, d: f"ZL{d:%Y%m%d}{digits(r, 10)}"),
    Lender("weilidai", "深圳前海微众银行股份有限公司", "微粒贷", "深圳前海微众银行股份有限公司",
           lambda r, d: f"WLD{d:%Y%m%d}{digits(r, 12)}"),
    Lender("duxiaoman", "重庆度小满小额贷款有限公司", "有钱花", "重庆度小满小额贷款有限公司",
           lambda r, d: f"DXM-{d:%Y%m%d}-{digits(r, 8)}"),
    Lender("mashang", "马上消费金融股份有限公司", "安逸花", "马上消费金融股份有限公司",
           lambda r, d: f"MS{digits(r, 4)}{d:%Y%m%d}{digits(r, 6)}"),
]
PLATFORMS = [
    Lender("platform", "深圳市乐融分期科技有限公司", "乐融分期", "深圳市乐融分期科技有限公司", lambda r, d: ""),
    Lender("platform", "杭州信邦网络科技有限公司", "信邦借款", "杭州信邦网络科技有限公司", lambda r, d: ""),
    Lender("platform", "上海惠融数字科技有限公司", "惠融分期", "上海惠融数字科技有限公司", lambda r, d: ""),
]


def _loan_value(r: random.Random) -> Decimal:
    return Decimal(r.choice([r.randint(1, 60) * 1000, r.randint(2, 400) * 100, r.randint(500, 80000)])).quantize(CENT) \
        if r.random() < 0.8 else Decimal(str(round(r.uniform(500, 50000), 2))).quantize(CENT)


# ----------------------------------------------------------------------------------------------
# 结清证明
# ----------------------------------------------------------------------------------------------

@dataclass
class Loan:
    lender: Lender
    borrower: str
    ident: str
    contract: str
    principal: Decimal
    disbursed: date
    term: int
    settled: date
    issued: date


def _loan(r: random.Random, lender: Lender) -> Loan:
    disbursed = date(r.choice([2021, 2022, 2023, 2024]), r.randint(1, 12), r.randint(1, 28))
    term = r.choice([3, 6, 12, 12, 24, 36])
    settled = disbursed + timedelta(days=r.randint(20, 30 * term + 10))
    lag = 0 if lender.key == "weilidai" else r.randint(0, 9)
    return Loan(lender, person(r), masked_id(r), lender.contract(r, disbursed), _loan_value(r), disbursed, term,
                settled, settled + timedelta(days=lag))


@dataclass
class Prose:
    """A page flowing paragraphs and a signature block."""

    doc: Doc
    margin: float
    size: float

    def para(self, text: str, indent: bool = True, lead: float = 1.9) -> None:
        room = self.doc.size[0] - 2 * self.margin
        first = self.size * 2 if indent else 0
        head = wrap_words(text, self.size, room - first)[0]
        rest = wrap_words(text[len(head):], self.size, room) if len(head) < len(text) else []
        for k, s in enumerate([head] + rest):
            self.doc.flow(s, self.size, self.margin + (first if k == 0 else 0), lead=lead)
        self.doc.y -= self.size * 0.5

    def title(self, text: str, size: float) -> None:
        self.doc.y -= size * 2.2
        self.doc.text(self.doc.size[0] / 2, self.doc.y, text, size, "c")
        self.doc.y -= size * 1.4

    def sign(self, lines: list[str], seal: bytes, seal_size: float, right_pad: float) -> None:
        self.doc.y -= self.size * 2.5
        x = self.doc.size[0] - self.margin - right_pad
        top = self.doc.y
        for s in lines:
            self.doc.text(x, self.doc.y, s, self.size, "r")
            self.doc.y -= self.size * 1.9
        wide = max(width(s, self.size) for s in lines[:1])
        cy = (top + self.doc.y) / 2 + self.size
        self.doc.image(seal, x - wide / 2 - seal_size / 2, cy - seal_size / 2, seal_size, seal_size)


def _issuer_lines(loan: Loan, size: float, room: float) -> list[str]:
    name = loan.lender.name
    if width(name, size) <= room:
        return [name]
    head, _, tail = name.partition("（")
    return [head, "（" + tail] if tail else wrap(name, size, room)


def _platform_54(p: Prose, r: random.Random, loan: Loan, sep: bool) -> tuple[list[str], dict[str, Any]]:
    service = r.choice(["消费/现金", "消费", "现金"])
    settled = fmt_date(loan.settled, "spaced")
    p.title("结清证明", r.choice([18, 20, 22]))
    p.para(f"用户方{loan.borrower}，身份证号{loan.ident}，接收我方提供的{service}服务，并签订了分期服务合同。"
           f"截止 {settled}，用户方已支付本金和平台服务费共计 {money(loan.principal, sep)} 元"
           f"（大写：{rmb_upper(loan.principal)}），现所有款项已全部结清。")
    p.para("本证明仅作结清证明，不做他用。")
    p.para("特此证明", indent=True)
    issued = fmt_date(loan.issued, r.choice(["cn", "spaced"]))
    p.sign([loan.lender.name, "(公章)", issued], seal_png(loan.lender.seal_name, "", 3), 118, 20)
    truth = {"principal": None, "contract_number": None, "disbursed_on": None}
    return ["54 platform template verbatim structure (用户方…截止 YYYY 年 MM 月 DD 日…大写)",
            "54 截止 with spaced date", f"54 capital-character amount, service {service}",
            "principal not printed (only 本金和平台服务费共计): truth principal None"], truth


def _amount_text(r: random.Random, v: Decimal, sep: bool) -> str:
    style = r.randrange(3)
    if style == 0:
        return f"人民币{money(v, sep)}元（大写：{rmb_upper(v)}）"
    if style == 1:
        return f"¥{money(v, sep)}元（大写：人民币{rmb_upper(v)}）"
    return f"人民币（大写）{rmb_upper(v)}（小写：¥{money(v, sep)}）"


def _letter(p: Prose, r: random.Random, loan: Loan, sep: bool, with_disb: bool) -> tuple[list[str], dict[str, Any]]:
    lender, ds = loan.lender, r.choice(["cn", "cn", "cnu", "iso"])
    title = r.choice(["结清证明", "贷款结清证明", f"{lender.product}结清证明", "借款结清证明"])
    p.title(title, r.choice([18, 20]))
    if r.random() < 0.4:
        p.para("致：相关机构", indent=False)
    label = r.choice(["借款合同编号", "合同编号", "借据号", "借款编号"])
    amount = _amount_text(r, loan.principal, sep)
    term = r.choice([f"{loan.term}个月", f"{loan.term}期"])
    if with_disb:
        body = (f"兹证明借款人{loan.borrower}（身份证号：{loan.ident}）于{fmt_date(loan.disbursed, ds)}通过"
                f"“{lender.product}”向我司申请借款，{label}：{loan.contract}，借款金额{amount}，借款期限{term}。")
    else:
        body = (f"兹证明借款人{loan.borrower}（身份证号：{loan.ident}）在我司办理的{lender.product}借款"
                f"（{label}：{loan.contract}），借款金额{amount}。")
    p.para(body)
    p.para(f"截至{fmt_date(loan.settled, 'cn' if ds != 'iso' else r.choice(['cn', 'iso']))}，上述借款本息及相关费用已全部结清，"
           f"我司与借款人之间就该笔借款不再存在任何债权债务关系。")
    p.para("特此证明。")
    sign = _issuer_lines(loan, p.size, 300) + [fmt_date(loan.issued, r.choice(["cn", "cn", "iso"]))]
    p.sign(sign, seal_png(lender.seal_name, r.choice(["", "电子签章专用", "业务专用章"]), 5), 120, 12)
    v = [f"55 {lender.product} letter style ({lender.name})", f"结清证明 letter prose, {label}",
         "结清证明 借款金额 with 大写 and 小写", "截至YYYY年MM月DD日，上述借款本息及相关费用已全部结清",
         "放款日 in the prose" if with_disb else "no disbursement date (truth disbursed_on None)"]
    if len(sign) > 2:
        v.append("55 long 重庆市蚂蚁商诚… issuer name wrapped over two lines")
    return v, {"disbursed_on": f"{loan.disbursed:%Y-%m-%d}" if with_disb else None}


def _kv_rows(r: random.Random, loan: Loan, sep: bool, with_disb: bool, ds: str) -> list[tuple[str, str]]:
    label = r.choice(["借款合同编号", "借据号", "合同编号"])
    rows = [("借款人姓名", loan.borrower), ("身份证号", loan.ident), (label, loan.contract)]
    if r.random() < 0.5:
        rows += [("借款金额（小写）", f"{money(loan.principal, sep)}元"), ("借款金额（大写）", rmb_upper(loan.principal))]
    else:
        rows.append(("借款金额", f"人民币{money(loan.principal, sep)}元（{rmb_upper(loan.principal)}）"))
    if with_disb:
        rows.append((r.choice(["放款日", "放款日期", "借款日期"]), fmt_date(loan.disbursed, ds)))
    rows.append(("借款期限", r.choice([f"{loan.term}个月", f"{loan.term}期"])))
    rows.append(("产品名称", loan.lender.product))
    rows.append((r.choice(["结清日期", "结清时间"]), fmt_date(loan.settled, ds)))
    return rows


def _table_layout(p: Prose, r: random.Random, loan: Loan, sep: bool, with_disb: bool) -> tuple[list[str], dict[str, Any]]:
    ds = r.choice(["iso", "cn", "slash"])
    p.title(r.choice(["结清证明", "贷款结清证明", "借款结清证明"]), r.choice([18, 20]))
    p.para(f"经核实，借款人{loan.borrower}在我司的以下借款已结清，具体信息如下：", indent=True)
    rows = _kv_rows(r, loan, sep, with_disb, ds)
    four = r.random() < 0.4
    room = p.doc.size[0] - 2 * p.margin
    size = p.size - 0.5
    if four:
        lw, vw = room * 0.22, room * 0.28
        cols = [Col(("项目",), lw, "c"), Col(("内容",), vw, "l"), Col(("项目",), lw, "c"), Col(("内容",), vw, "l")]
        pairs = [rows[k:k + 2] + ([("", "")] if k + 1 >= len(rows) else []) for k in range(0, len(rows), 2)]
        cells = [[wrap(a, size, lw - 6), wrap(b, size, vw - 6), wrap(c, size, lw - 6), wrap(d, size, vw - 6)]
                 for (a, b), (c, d) in pairs]
    else:
        lw = room * 0.3
        cols = [Col(("项目",), lw, "c"), Col(("内容",), room - lw, "l")]
        cells = [[wrap(a, size, lw - 6), wrap(b, size, room - lw - 6)] for a, b in rows]
    st = TableStyle(size=size, lead=size * 1.6, pad=5, rules="grid", valign="middle", header_fill=0.88)
    table(p.doc, p.margin, cols, cells, st)
    p.doc.y -= 14
    p.para(f"截至{fmt_date(loan.settled, 'cn')}，上述借款本息及相关费用已全部结清。特此证明。")
    sign = _issuer_lines(loan, p.size, 300) + [fmt_date(loan.issued, "cn")]
    p.sign(sign, seal_png(loan.lender.seal_name, "电子签章专用", 7), 118, 12)
    v = [f"55 {loan.lender.product} style, key/value table ({'four' if four else 'two'} columns)",
         f"table dates {ds}", "借款金额 with 大写 and 小写",
         "放款日 row" if with_disb else "no disbursement date (truth disbursed_on None)"]
    return v, {"disbursed_on": f"{loan.disbursed:%Y-%m-%d}" if with_disb else None}


def build_settlement(seed: int) -> Variant:
    r = rng("lender_settlement", seed)
    layout = ["platform", "letter", "table"][seed % 3]
    lender = r.choice(PLATFORMS) if layout == "platform" else LENDERS[(seed // 3) % len(LENDERS)]
    loan = _loan(r, lender)
    margin = r.uniform(60, 80)
    p = Prose(Doc(A4, top=margin - 20, bottom=margin), margin, r.choice([10.5, 11, 12]))
    sep, with_disb = r.random() < 0.6, seed % 4 != 1
    if layout == "platform":
        v, truth = _platform_54(p, r, loan, sep)
    elif layout == "letter":
        v, truth = _letter(p, r, loan, sep, with_disb)
    else:
        v, truth = _table_layout(p, r, loan, sep, with_disb)
    if lender.key in ("jiebei", "jiebei2", "zhaolian", "weilidai", "duxiaoman"):
        v.append({"jiebei": "55 借呗 e-sealed PDF", "jiebei2": "55 借呗 e-sealed PDF (重庆蚂蚁消费金融)",
                  "zhaolian": "55 招联 one proof per loan, e-seal", "weilidai": "55 微粒贷 emailed the same day",
                  "duxiaoman": "55 度小满-贷款结清证明.pdf"}[lender.key])
    v.append("seal image over the issuer")
    settlement = {"lender": lender.name, "borrower": loan.borrower, "contract_number": loan.contract or None,
                  "principal": f"{loan.principal:.2f}", "disbursed_on": f"{loan.disbursed:%Y-%m-%d}",
                  "settled_on": f"{loan.settled:%Y-%m-%d}"}
    settlement.update(truth)
    pdf = p.doc.render("度小满-贷款结清证明" if lender.key == "duxiaoman" else "结清证明")
    notes = ("the 54 template prints only 本金和平台服务费共计 N 元 (principal plus fees), no principal, contract "
             "number or disbursement date: those are None in the truth; settled_on is the 截止 date, not the issue date"
             if layout == "platform" else "settled_on is the 截至 date, not the issue date under the seal")
    return Variant("lender_settlement", seed, tuple(v), pdf,
                   {"kind": "settlement_certificate", "provider": "lender", "settlement": settlement}, notes)


# ----------------------------------------------------------------------------------------------
# 还款计划 / 还款记录
# ----------------------------------------------------------------------------------------------

@dataclass
class Inst:
    number: int
    due: date
    principal: Decimal
    interest: Decimal
    fee: Decimal
    status: str
    paid: Decimal | None
    paid_at: datetime | None

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest + self.fee


def _plan(r: random.Random, principal: Decimal, n: int, start: date, equal_payment: bool) -> list[Inst]:
    rate = Decimal(str(r.choice([0.0725, 0.0995, 0.1095, 0.1460, 0.1800, 0.2400]))) / 12
    fee = Decimal(r.choice(["0", "0", "0", str(round(float(principal) * 0.002, 2))])).quantize(CENT)
    if equal_payment:
        q = (1 + rate) ** n
        pay = (principal * rate * q / (q - 1)).quantize(CENT, ROUND_HALF_UP)
    out, left = [], principal
    for k in range(1, n + 1):
        interest = (left * rate).quantize(CENT, ROUND_HALF_UP)
        part = (pay - interest if equal_payment else principal / n).quantize(CENT, ROUND_HALF_UP)
        part = left if k == n else part
        left -= part
        out.append(Inst(k, add_months(start, k), part, interest, fee, "待还", None, None))
    return out


def _pay(r: random.Random, plan: list[Inst], today: date, early: bool, paid_word: str) -> list[str]:
    notes, settle_at = [], None
    cut = sum(1 for x in plan if x.due <= today)
    if early and 1 <= cut < len(plan) - 1:
        settle_at = datetime.combine(plan[cut].due - timedelta(days=r.randint(3, 20)), datetime.min.time()) \
            + timedelta(seconds=r.randint(8 * 3600, 22 * 3600))
        notes.append("提前结清: later installments 已结清 at one time, paid = principal (interest waived)")
    overdue_now = not early and r.random() < 0.35 and cut >= 2
    for x in plan[:cut]:
        late = r.random() < 0.12
        when = min(today, x.due + timedelta(days=r.randint(1, 12) if late else -r.choice([0, 0, 0, 1, 2])))
        x.paid_at = datetime.combine(when, datetime.min.time()) + timedelta(seconds=r.randint(6 * 3600, 23 * 3600))
        x.paid = x.total + ((x.total * Decimal("0.0005") * (when - x.due).days).quantize(CENT) if late else 0)
        x.status = paid_word
    if overdue_now:
        x = plan[cut - 1]
        x.status, x.paid, x.paid_at = "逾期", None, None
        notes.append("last due installment 逾期, unpaid")
    if settle_at:
        for x in plan[cut:]:
            x.status, x.paid_at = "已结清", settle_at
            x.paid = x.principal + (x.interest if x is plan[cut] else 0)
    return notes


@dataclass
class SchedStyle:
    title: str
    cols: list[str]
    number: str
    due_fmt: str
    paid_fmt: str
    sep: bool
    yen: bool
    empty: str
    rules: str
    header_every_page: bool
    size: float
    lead: float
    margin: float
    total_row: bool
    unit: int             # money headers: 0 plain, 1 "应还本金(元)", 2 "应还本金" over "(元)"


MONEY_COLS = {"应还本金", "应还利息", "应还费用", "应还总额", "实还金额"}


def _label(c: str, unit: int) -> tuple[str, ...]:
    if c not in MONEY_COLS or unit == 0:
        return (c,)
    return (f"{c}(元)",) if unit == 1 else (c, "(元)")


PLAN_ONLY = [["期数", "应还日期", "应还本金", "应还利息", "应还总额"],
             ["期数", "应还日期", "应还本金", "应还利息", "应还费用", "应还总额", "状态"],
             ["期数", "应还日期", "应还总额", "应还本金", "应还利息", "状态"]]
WITH_PAID = [["期数", "应还日期", "应还总额", "状态", "实还时间", "实还金额", "还款方式", "还款账户"],
             ["期数", "应还日期", "应还本金", "应还利息", "应还费用", "应还总额", "实还金额", "实还时间", "状态", "还款方式"],
             ["期数", "应还日期", "应还本金", "应还利息", "应还总额", "状态", "实还时间", "实还金额"],
             ["期数", "应还日期", "应还总额", "实还金额", "实还时间", "还款方式", "还款账户", "状态"]]
PAID_FORMATS = ["iso_t", "iso_t", "slash_t", "iso", "cn", "dot_t"]


def _sched_style(r: random.Random, seed: int) -> SchedStyle:
    paid = seed % 3 != 0
    cols = r.choice(WITH_PAID if paid else PLAN_ONLY)
    return SchedStyle(
        title=r.choice(["还款记录", "还款明细", "借款还款记录"] if paid else ["还款计划", "还款计划表", "借款还款计划"]),
        cols=cols, number=["plain", "nn", "di_nn", "di"][seed % 4], due_fmt=["iso", "slash", "cn", "dot", "compact"][seed % 5],
        paid_fmt=PAID_FORMATS[(seed // 2) % len(PAID_FORMATS)], sep=r.random() < 0.5, yen=r.random() < 0.2,
        empty=r.choice(["--", "-", "", "/"]), rules=r.choice(["grid", "grid", "hlines", "none"]),
        header_every_page=r.random() < 0.6, size=r.uniform(8.0, 9.5), lead=r.uniform(1.45, 2.1),
        margin=r.uniform(36, 56), total_row=r.random() < 0.35, unit=(seed // 4) % 3)


def _number(x: Inst, n: int, style: str) -> str:
    return {"plain": str(x.number), "nn": f"{x.number}/{n}", "di_nn": f"第{x.number}/{n}期", "di": f"第{x.number}期"}[style]


def _paid_text(when: datetime, style: str) -> str:
    d = when.date()
    base = {"iso_t": "iso", "slash_t": "slash", "dot_t": "dot"}.get(style, style)
    text = fmt_date(d, base)
    return f"{text} {when:%H:%M:%S}" if style.endswith("_t") else text


def _cell(x: Inst, key: str, n: int, st: SchedStyle, method: str, account: str) -> str:
    def m(v: Decimal) -> str:
        return ("¥" if st.yen else "") + money(v, st.sep)

    if key in ("应还本金", "应还利息", "应还费用", "应还总额"):
        return m({"应还本金": x.principal, "应还利息": x.interest, "应还费用": x.fee, "应还总额": x.total}[key])
    if key == "期数":
        return _number(x, n, st.number)
    if key == "应还日期":
        return fmt_date(x.due, st.due_fmt)
    if key == "状态":
        return x.status
    if x.paid is None or x.paid_at is None:
        return st.empty
    values = {"实还时间": _paid_text(x.paid_at, st.paid_fmt), "实还金额": m(x.paid),
              "还款方式": "提前结清" if x.status == "已结清" else method, "还款账户": account}
    return values[key]


def _lines(text: str, size: float, room: float) -> list[str]:
    """A cell's lines: a date-time too wide for its cell breaks at the space (date above time)."""
    if " " in text and ":" in text and width(text, size) > room:
        return text.split(" ", 1)
    return wrap(text, size, room)


def _sched_preamble(doc: Doc, r: random.Random, st: SchedStyle, lender: Lender, name: str, contract: str,
                    principal: Decimal, n: int, start: date, method_name: str, account: str) -> None:
    m, w = st.margin, doc.size[0]
    doc.y -= 22
    doc.text(w / 2, doc.y, f"{lender.product}{st.title}" if r.random() < 0.4 else st.title, 16, "c")
    doc.y -= 10
    items = [("借款人", name), (r.choice(["借款编号", "合同编号", "借据号"]), contract),
             ("借款金额", f"{money(principal, st.sep)}元"), ("借款期数", f"{n}期"),
             ("放款日期", fmt_date(start, st.due_fmt if st.due_fmt != "compact" else "iso")),
             ("还款方式", method_name), ("还款账户", account), ("出具机构", lender.name)]
    per_line = 2 if r.random() < 0.6 else 1
    colon = r.choice(["：", ":"])
    for k in range(0, len(items), per_line):
        doc.y -= st.size * 1.9
        for j, (a, b) in enumerate(items[k:k + per_line]):
            doc.text(m + j * (w - 2 * m) / 2, doc.y, f"{a}{colon}{b}", st.size + 0.5)
    doc.y -= 14


BREAKABLE = {"实还时间", "还款账户", "还款方式"}


def _sched_cols(st: SchedStyle, room: float, texts: list[list[str]]) -> list[Col]:
    """Columns sized to their content, as report engines size them; what does not fit is taken from
    the breakable columns (实还时间 then breaks date above time, 还款账户 wraps)."""
    labels = [_label(c, st.unit) for c in st.cols]
    natural = [max(width(t, st.size) for t in list(labels[k]) + [row[k] for row in texts]) + 10
               for k in range(len(st.cols))]
    fixed = sum(w for w, c in zip(natural, st.cols) if c not in BREAKABLE)
    flex = sum(w for w, c in zip(natural, st.cols) if c in BREAKABLE)
    if fixed + flex <= room:
        widths = [w * room / (fixed + flex) for w in natural]
    else:
        scale = max(0.45, (room - fixed) / flex) if flex else 1.0
        widths = [w * scale if c in BREAKABLE else w for w, c in zip(natural, st.cols)]
        widths = [w * room / sum(widths) for w in widths]
    align = {"期数": "c", "应还日期": "c", "状态": "c", "实还时间": "c", "还款方式": "c", "还款账户": "l"}
    return [Col(lab, w, align.get(c, "r")) for c, lab, w in zip(st.cols, labels, widths)]


def build_schedule(seed: int) -> Variant:
    r = rng("lender_schedule", seed)
    st = _sched_style(r, seed)
    lender = LENDERS[seed % len(LENDERS)]
    n = r.choice([3, 6, 12, 12, 24, 36, 48, 60]) if seed % 5 else r.choice([36, 48, 60])
    principal, start = _loan_value(r), date(r.choice([2021, 2022, 2023, 2024]), r.randint(1, 12), r.randint(1, 28))
    equal = r.random() < 0.7
    plan = _plan(r, principal, n, start, equal)
    paid_cols = "实还金额" in st.cols
    today = add_months(start, r.randint(0, n + 1)) + timedelta(days=r.randint(0, 20))
    paid_word = "已结清" if seed % 7 == 3 else "已还"
    notes = _pay(r, plan, today, r.random() < 0.3, paid_word) if (paid_cols or "状态" in st.cols) else []
    size = landscape(A4) if len(st.cols) >= 9 else A4
    doc = Doc(size, top=st.margin, bottom=st.margin + 18)
    account = f"{r.choice(['招商银行', '工商银行', '建设银行', '中国银行'])}储蓄卡(尾号{digits(r, 4)})"
    method = r.choice(["自动扣款", "主动还款"])
    _sched_preamble(doc, r, st, lender, person(r), lender.contract(r, start), principal, n, start,
                    "等额本息" if equal else "等额本金", account)
    texts = [[_cell(x, c, n, st, method, account) for c in st.cols] for x in plan]
    cols = _sched_cols(st, size[0] - 2 * st.margin, texts)
    rows = [[_lines(t, st.size, c.width - 6) for t, c in zip(row, cols)] for row in texts]
    if st.total_row:
        rows.append([["合计"] if k == 0 else [money(sum((x.total for x in plan), Decimal(0)), st.sep)]
                     if c == "应还总额" else [""] for k, c in enumerate(st.cols)])
    tst = TableStyle(size=st.size, lead=st.size * st.lead, pad=3, rules=st.rules, valign="middle",
                     header_every_page=st.header_every_page, header_fill=0.9 if st.rules == "grid" else None)
    table(doc, st.margin, cols, rows, tst)
    doc.y -= 20
    doc.flow(f"注：本{st.title}由{lender.name}出具，状态以系统实际记录为准。", st.size, st.margin)
    marks = [lambda k, t: f"第{k}页/共{t}页", lambda k, t: f"第 {k} 页 共 {t} 页", lambda k, t: f"- {k} -"]
    footers(doc, marks[seed % 3], 8, st.margin - 8)
    truth = {"kind": "repayment_schedule", "provider": "lender",
             "installments": [_inst_truth(x, paid_cols, st) for x in plan]}
    variations = _sched_variations(st, plan, n, len(doc.pages), paid_cols) + tuple(notes)
    note = "" if paid_cols else "no paid columns printed: paid_amount and paid_at None throughout"
    return Variant("lender_schedule", seed, variations, doc.render(st.title), truth, note)


def _inst_truth(x: Inst, paid_cols: bool, st: SchedStyle) -> dict[str, Any]:
    paid_at = None
    if paid_cols and x.paid_at is not None:
        paid_at = f"{x.paid_at:%Y-%m-%d %H:%M:%S}" if st.paid_fmt.endswith("_t") else f"{x.paid_at:%Y-%m-%d}"
    return {"number": x.number, "due_date": f"{x.due:%Y-%m-%d}", "amount_due": f"{x.total:.2f}",
            "paid_amount": f"{x.paid:.2f}" if paid_cols and x.paid is not None else None, "paid_at": paid_at}


def _sched_variations(st: SchedStyle, plan: list[Inst], n: int, pages: int, paid: bool) -> tuple[str, ...]:
    statuses = sorted({x.status for x in plan})
    v = [f"还款计划 columns {' | '.join(st.cols)}", f"期数 as {_number(plan[-1], n, st.number)}",
         f"应还日期 as {fmt_date(plan[0].due, st.due_fmt)}", f"installments: {n} over {pages} pages",
         f"status {'/'.join(statuses)}" if "状态" in st.cols else "no status column",
         "with paid columns (实还时间/实还金额)" if paid else "plan without paid columns",
         f"rules {st.rules}, header {'on every page' if st.header_every_page else 'on page 1 only'}"]
    if paid:
        v.append(f"实还时间 as {_paid_text(datetime(2024, 3, 5, 8, 2, 11), st.paid_fmt)}, empty as {st.empty!r}")
    if st.total_row:
        v.append("合计 row after the last installment")
    if st.unit:
        v.append("money headers with (元)" + (" on a second header line" if st.unit == 2 else ""))
    return tuple(v)


FAMILIES = {"lender_settlement": build_settlement, "lender_schedule": build_schedule}
