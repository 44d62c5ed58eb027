"""PBOC 个人信用报告 二代: the 详版 (family "pboc") and the 简版 (family "pboc_brief"), drawn blind.

Drawn from ../shared/FORMATS-REAL.md items 1-27 (详版) and 29-33 (简版) and DOMAIN.md section 3 only.
The 详版 is a ruled grid of shaded label cells above value cells, account by account, each with its
还款记录 grid; the 简版 is numbered sentences. Layout helpers and account data: gen_pboc_parts.py.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from .base import Variant, rng
from . import gen_pboc_parts as P
from .gen_pboc_parts import Account, Cell, Flow, GridStyle, Style, cn_date, cn_month, dot

FAMILY_DETAIL = "pboc"
FAMILY_BRIEF = "pboc_brief"

SELF_REASONS = ["本人查询（自助查询机）", "本人查询（互联网个人信用信息服务平台）", "本人查询（商业银行网上银行）",
                "本人查询（临柜）", "本人查询（征信中心柜台）"]
BANK_REASONS = ["贷后管理", "贷款审批", "信用卡审批", "担保资格审查"]
QUERY_ORGS = ["招商银行股份有限公司", "中国工商银行股份有限公司", "深圳前海微众银行股份有限公司", "马上消费金融股份有限公司",
              "招联消费金融股份有限公司", "重庆蚂蚁消费金融有限公司", "中国建设银行股份有限公司", "平安银行股份有限公司",
              "交通银行股份有限公司太平洋信用卡中心", "重庆度小满小额贷款有限公司", "中信银行股份有限公司信用卡中心"]
LEGEND = ("N-正常 *-当月不需要还款且之前没有拖欠 1-逾期1-30天 2-逾期31-60天 3-逾期61-90天 4-逾期91-120天 "
          "5-逾期121-150天 6-逾期151-180天 7-逾期180天以上 C-结清 G-结束 D-担保人代还 Z-以资抵债 B-呆账 "
          "M-约定还款日后月底前还款 #-账户已开立，但当月状态未知 /-跳过")
CAT_TITLE_SELF = {"C1": "被追偿信息", "D1": "非循环贷账户", "R4": "循环贷账户一", "R1": "循环贷账户二",
                  "R2": "贷记卡账户", "R3": "准贷记卡账户", "G": "相关还款责任信息", "A": "授信协议信息"}
CAT_TITLE_BANK = {**CAT_TITLE_SELF, "R4": "循环额度下分账户", "R1": "循环贷账户"}
CAT_ORDER = ["C1", "D1", "R4", "R1", "R2", "R3", "G", "A"]


# ====================================================================== 详版: the drawing's choices

@dataclass
class Detail:
    r: random.Random
    seed: int
    bank: bool
    version: str
    header: str                  # line | two_lines | table
    opt_header: list[str]
    footer_spaced: bool
    footer_right: bool
    h1_style: str                # space | nospace | spans
    bank_names: bool             # 循环额度下分账户 / 循环贷账户 instead of 循环贷账户一 / 二
    counts: str                  # "" | "(共{n}笔)" | "（共{n}笔）"
    restart_numbers: bool
    acct_space: bool
    half_parens: bool
    years_desc: bool
    year_in_amount_row: bool
    header_repeat: bool
    keep_pairs: bool
    want_split: bool
    sep: bool                    # thousands separators in card values
    grid_sep: bool
    gs: GridStyle
    legend: str                  # grid | notes | none
    status24: bool
    vertical: bool
    band_dash: str
    card_two_rows: bool
    card_business: bool
    asof_cell: bool
    status_full: bool
    blocks_after_grid: bool
    long: bool
    sections: set[str]
    name: str = ""
    idn: str = ""
    report_no: str = ""
    report_dt: date = date(2024, 7, 23)
    report_time: str = ""
    vars: list[str] = field(default_factory=list)

    def note(self, s: str) -> None:
        if s not in self.vars:
            self.vars.append(s)


def choose_detail(r: random.Random, seed: int) -> Detail:
    bank = r.random() < 0.35
    long = seed % 5 == 0 or r.random() < 0.1
    gs = GridStyle(star_blank=r.random() < 0.4, c_blank=r.random() < 0.3, slash=r.random() < 0.3,
                   rare=r.random() < 0.5)
    sections = {s for s, p in [("noncredit", 0.5), ("public", 0.5), ("statement", 0.4), ("orgnote", 0.35),
                               ("recourse", 0.25), ("guarantee", 0.3), ("agreement", 0.35), ("notes2", 0.4)]
                if r.random() < p}
    return Detail(
        r=r, seed=seed, bank=bank,
        version="(授信机构版)" if bank else r.choice(["（本人版）"] * 5 + ["（个人版）", "（自主查询版）"]),
        header=r.choice(["line", "two_lines", "table"]),
        opt_header=[b for b in ("other_ids", "fraud", "dispute") if r.random() < 0.35],
        footer_spaced=r.random() < 0.5, footer_right=r.random() < 0.25,
        h1_style=r.choice(["space", "space", "nospace", "spans"]),
        bank_names=(r.random() < 0.8) == bank,
        counts=r.choice(["(共{n}笔)", "（共{n}笔）", ""]) if bank else "",
        restart_numbers=r.random() < 0.6 and seed % 10 != 0, acct_space=r.random() < 0.25, half_parens=r.random() < 0.25,
        years_desc=r.random() < 0.85, year_in_amount_row=r.random() < 0.35, header_repeat=r.random() < 0.5,
        keep_pairs=r.random() < 0.35, want_split=r.random() < 0.55,
        sep=r.random() < 0.7, grid_sep=r.random() < 0.5, gs=gs,
        legend=r.choice(["grid", "notes", "notes", "none"]),
        status24=r.random() < 0.2, vertical=seed % 10 == 7 or r.random() < 0.05,
        band_dash=r.choice(["-", "-", "—", "－", " - "]),
        card_two_rows=r.random() < 0.4, card_business=r.random() < 0.75,
        asof_cell=r.random() < 0.6, status_full=r.random() < 0.5, blocks_after_grid=r.random() < 0.5,
        long=long, sections=sections,
    )


def detail_style(r: random.Random, d: Detail) -> Style:
    size = round(r.uniform(9.8, 10.6) if d.seed % 10 == 0 else r.uniform(8.4, 9.6) if d.long else r.uniform(7.0, 8.4), 1)
    m = r.uniform(34, 56)
    return Style(w=595.28, h=841.89, ml=m, mr=m + r.uniform(-4, 4), mt=r.uniform(40, 60), mb=r.uniform(42, 56),
                 size=size, lead=r.uniform(1.25, 1.4), padx=r.uniform(1.5, 3), pady=r.uniform(3.5, 5.5) if d.seed % 10 == 0 else r.uniform(2, 4.5 if d.long else 3.5),
                 shade=r.choice([(0.85, 0.85, 0.85), (0.9, 0.92, 0.95), (0.82, 0.86, 0.9), (0.93, 0.93, 0.93)]),
                 line_w=r.choice([0.4, 0.5, 0.75]))


def make_accounts(d: Detail) -> list[Account]:
    r = d.r
    n = r.randint(18, 40) if d.seed % 10 == 0 else r.randint(8, 15) if d.long else r.randint(3, 8)
    cats = r.choices(["D1", "R4", "R1", "R2", "R3"], weights=[40, 15, 10, 30, 5], k=n)
    if "R2" not in cats and r.random() < 0.6:
        cats[-1] = "R2"
    accts = []
    for cat in sorted(cats, key=CAT_ORDER.index):
        if cat in ("R2", "R3"):
            accts.append(P.make_card(r, cat, d.report_dt, d.gs, d.card_business))
        else:
            accts.append(P.make_loan(r, cat, d.report_dt, d.gs))
    return accts


# ====================================================================== 详版: drawing helpers

def paren(d: Detail, s: str) -> str:
    return f"({s.replace('：', ':')})" if d.half_parens else f"（{s}）"


def h1(fl: Flow, d: Detail, num: int | None, title: str) -> None:
    size = fl.st.size + 3
    fl.gap(size * 0.6)
    fl.need(size * 4)
    if num is None:
        fl.line(title, size)
        return
    numeral = P.cn_numeral(num)
    d.note({"spans": "5 top-level heading: numeral and title as two text spans",
            "nospace": "5 top-level heading without the space: '二信息概要'",
            "space": "5 top-level heading '一 个人基本信息' (numeral, space, title)"}[d.h1_style])
    if d.h1_style == "spans":
        fl.spans([(0, numeral), (size * 1.25, title)], size)
    else:
        fl.line(f"{numeral}{' ' if d.h1_style == 'space' else ''}{title}", size)


def h2(fl: Flow, text: str) -> None:
    size = fl.st.size + 1.5
    fl.gap(size * 0.3)
    fl.need(size * 5)
    fl.line(text, size)


def caption(fl: Flow, text: str, align: str = "l") -> None:
    fl.need(fl.st.size * 5)
    fl.line(text, fl.st.size + 0.5, align)


def lv(fl: Flow, labels: list[str], values: list[str], fracs: list[float] | None = None,
       align: str = "c") -> None:
    fracs = fracs or [1 / len(labels)] * len(labels)
    P.table(fl, P.label_value(labels, values, align), fracs, keep=2)


def grid_table(fl: Flow, header: list[str], rows: list[list[str]], fracs: list[float],
               aligns: list[str] | None = None) -> None:
    aligns = aligns or ["c"] * len(header)
    body = [([Cell(v, a) for v, a in zip(row, aligns)], False) for row in rows]
    widths = [f * fl.st.cw for f in fracs]
    first = body[0][0] if body else []
    fl.need(P.row_height([Cell(h) for h in header], widths, fl.st) + (P.row_height(first, widths, fl.st) if body else 0))
    P.table(fl, [([Cell(h) for h in header], True)], fracs, keep=1)
    for cells, shaded in body:
        h = P.row_height(cells, widths, fl.st)
        if fl.need(h):
            P.table(fl, [([Cell(x) for x in header], True)], fracs, keep=1)
        P.draw_row(fl, cells, widths, shaded, h)


def amt(d: Detail, n: int | None) -> str:
    return "--" if n is None else P.money(n, d.sep)


# ====================================================================== 详版: page 1 header and summaries

def draw_title(fl: Flow, d: Detail) -> None:
    fl.line("个人信用报告", fl.st.size + r_title(d), "c", lead=1.6)
    fl.line(d.version, fl.st.size + 2, "c", lead=1.7)
    d.note(f"1 title 个人信用报告 with version line {d.version}")


def r_title(d: Detail) -> float:
    return 10 + (d.seed % 4) * 1.5


def draw_report_header(fl: Flow, d: Detail) -> None:
    no, tm = f"报告编号：{d.report_no}", f"报告时间：{d.report_time}"
    if d.header == "line":
        fl.spans([(0, no), (fl.st.cw * 0.58, tm)], fl.st.size + 0.5)
    elif d.header == "two_lines":
        fl.line(no, fl.st.size + 0.5)
        fl.line(tm, fl.st.size + 0.5)
    else:
        lv(fl, ["报告编号", "报告时间"], [d.report_no, d.report_time])
    if d.bank:
        org, reason = d.r.choice(QUERY_ORGS), d.r.choice(BANK_REASONS)
    else:
        org, reason = d.r.choice(["本人", "本人", "中国人民银行征信中心"]), d.r.choice(SELF_REASONS)
    fl.gap(3)
    lv(fl, ["被查询者姓名", "被查询者证件类型", "被查询者证件号码", "查询机构", "查询原因"],
       [d.name, "身份证", P.mask_id(d.idn, d.r.choice([0, 0, 1])), org, reason],
       [0.15, 0.16, 0.22, 0.2, 0.27])
    d.note(f"2 header {'table' if d.header == 'table' else d.header} 报告编号/报告时间, label row above value row, 查询原因 {reason}")


def draw_opt_header(fl: Flow, d: Detail) -> None:
    r = d.r
    for b in d.opt_header:
        fl.gap(3)
        if b == "other_ids":
            n = r.randint(1, 2)
            caption(fl, f"其他证件信息（证件个数：{n}）")
            grid_table(fl, ["编号", "证件类型", "证件号码"],
                       [[str(i + 1), r.choice(["护照", "军官证", "港澳居民来往内地通行证"]),
                         "E" + "".join(r.choice("0123456789") for _ in range(8))] for i in range(n)], [0.15, 0.35, 0.5])
        elif b == "fraud":
            caption(fl, "防欺诈警示")
            start = d.report_dt - timedelta(days=r.randint(30, 300))
            lv(fl, ["联系电话", "生效日期", "截止日期"], [phone(r), dot(start), dot(start + timedelta(days=365))])
        else:
            caption(fl, "异议信息提示")
            n = r.randint(1, 3)
            fl.para(f"信息主体对信用报告内容提出了{n}笔异议且正在处理中，请浏览时注意阅读相关内容。异议标注数目：{n}", fl.st.size)
    if d.opt_header:
        d.note("3 optional header blocks: " + "/".join({"other_ids": "其他证件信息（证件个数）", "fraud": "防欺诈警示",
                                                        "dispute": "异议信息提示"}[b] for b in d.opt_header))


def phone(r: random.Random) -> str:
    return r.choice(["138", "139", "186", "158", "177"]) + "".join(r.choice("0123456789") for _ in range(8))


def address(r: random.Random) -> str:
    city = r.choice(["北京市朝阳区建国路", "上海市浦东新区张杨路", "广东省深圳市南山区科技园路", "重庆市渝中区解放碑民权路",
                     "浙江省杭州市西湖区文三路", "湖北省武汉市洪山区珞喻路", "四川省成都市高新区天府大道"])
    return f"{city}{r.randint(1, 999)}号{r.randint(1, 30)}栋{r.randint(1, 3)}单元{r.randint(1, 30)}0{r.randint(1, 6)}室"


def draw_basic(fl: Flow, d: Detail, num: int) -> None:
    r = d.r
    h1(fl, d, num, "个人基本信息")
    sub = Sub(d)
    h2(fl, sub.next("身份信息"))
    born = date(int(d.idn[6:10]), int(d.idn[10:12]), int(d.idn[12:14]))
    lv(fl, ["性别", "出生日期", "婚姻状况", "学历", "学位", "就业状况", "国籍", "电子邮箱"],
       [r.choice(["男", "女"]), dot(born), r.choice(["已婚", "未婚", "--"]), r.choice(["大学本科", "大专", "研究生", "--"]),
        r.choice(["学士", "--"]), r.choice(["在职", "--"]), "中国", r.choice(["--", f"u{r.randrange(10**6)}@example.com"])])
    lv(fl, ["通讯地址", "户籍地址"], [address(r), address(r)], align="l")
    grid_table(fl, ["编号", "手机号码", "信息更新日期"],
               [[str(i + 1), phone(r), dot(d.report_dt - timedelta(days=r.randint(40, 2000)))] for i in range(r.randint(1, 3))],
               [0.15, 0.45, 0.4])
    if r.random() < 0.4:
        h2(fl, sub.next("配偶信息"))
        lv(fl, ["姓名", "证件类型", "证件号码", "工作单位", "联系电话"],
           [P.person(r), "身份证", P.mask_id(P.id_number(r, born), 1), r.choice(["--", "某某科技有限公司"]), phone(r)])
    h2(fl, sub.next("居住信息"))
    grid_table(fl, ["编号", "居住地址", "住宅电话", "居住状况", "信息更新日期"],
               [[str(i + 1), address(r), "--", r.choice(["自置", "租房", "其他", "--"]),
                 dot(d.report_dt - timedelta(days=r.randint(40, 2000)))] for i in range(r.randint(1, 3))],
               [0.08, 0.46, 0.14, 0.14, 0.18], ["c", "l", "c", "c", "c"])
    h2(fl, sub.next("职业信息"))
    grid_table(fl, ["编号", "工作单位", "单位性质", "单位地址", "单位电话"],
               [[str(i + 1), r.choice(["深圳市某某信息技术有限公司", "--", "北京某某商贸有限公司"]), "--", address(r), "--"]
                for i in range(r.randint(1, 2))], [0.08, 0.3, 0.14, 0.34, 0.14], ["c", "l", "c", "l", "c"])


class Sub:
    """（一）（二）… counters for sub-sections."""

    def __init__(self, d: Detail) -> None:
        self.n = 0
        self.d = d

    def next(self, title: str) -> str:
        self.n += 1
        return f"（{P.cn_numeral(self.n)}）{title}"


def draw_summary(fl: Flow, d: Detail, num: int, accts: list[Account]) -> None:
    r = d.r
    h1(fl, d, num, "信息概要")
    sub = Sub(d)
    names = CAT_TITLE_BANK if d.bank_names else CAT_TITLE_SELF
    if d.bank:
        h2(fl, sub.next("个人信用报告“数字解读”"))
        lv(fl, ["数字解读", "相对位置", "说明"], [str(r.randint(500, 850)), f">{r.randint(10, 90)}%", "--"])
        d.note("9 bank render inserts （一）个人信用报告“数字解读” first")
    else:
        d.note("9 信息概要 sub-sections （一）信贷交易信息提示 … （六）查询记录概要")
    h2(fl, sub.next("信贷交易信息提示"))
    rows = []
    house = [a for a in accts if a.business == "个人住房商业贷款"]
    for label, group in [("个人住房贷款", house), ("其他类贷款", [a for a in accts if a.cat in ("D1", "R4", "R1") and a not in house]),
                         ("贷记卡", [a for a in accts if a.cat == "R2"]), ("准贷记卡", [a for a in accts if a.cat == "R3"])]:
        k = len(group)
        first = min((a.opened for a in group), default=None)
        rows.append([label, str(k), f"{first.year}.{first.month:02d}" if first else "--"])
    grid_table(fl, ["业务类型", "账户数", "首笔业务发放月份"], rows, [0.4, 0.25, 0.35])
    h2(fl, sub.next("信贷交易违约信息概要"))
    overdue = [["非循环贷账户", "D1"], [names["R4"], "R4"], [names["R1"], "R1"], ["贷记卡账户", "R2"], ["准贷记卡账户", "R3"]]
    orows = []
    for label, cat in overdue:
        bad = [a for a in accts if a.cat == cat and any(m.code.isdigit() for m in a.months)]
        months = sum(1 for a in bad for m in a.months if m.code.isdigit())
        top = max((m.amount or 0 for a in bad for m in a.months if m.code.isdigit()), default=0)
        longest = max((int(m.code) for a in bad for m in a.months if m.code.isdigit()), default=0)
        orows.append([label, str(len(bad)), str(months), P.money(top, d.sep), str(longest)])
    caption(fl, "逾期（透支）信息汇总")
    grid_table(fl, ["账户类型", "账户数", "月份数", "单月最高逾期（透支）总额", "最长逾期（透支）月数"], orows,
               [0.24, 0.14, 0.14, 0.26, 0.22])
    h2(fl, sub.next("信贷交易授信及负债信息概要"))
    for cat in ("D1", "R4", "R1"):
        group = [a for a in accts if a.cat == cat]
        if not group and not d.bank:
            continue
        caption(fl, f"{names[cat] if cat != 'D1' else '非循环贷账户'}信息汇总")
        total = sum(a.amount or 0 for a in group)
        lv(fl, ["管理机构数", "账户数", "授信总额", "余额", "最近6个月平均应还款"],
           [str(len({a.inst for a in group})), str(len(group)), P.money(total, d.sep),
            P.money(total // 3, d.sep), P.money(sum(a.inst_pay for a in group), d.sep)])
    cards = [a for a in accts if a.cat == "R2"]
    if cards or d.bank:
        caption(fl, "贷记卡账户信息汇总")
        lims = [a.amount or 0 for a in cards] or [0]
        lv(fl, ["发卡机构数", "账户数", "授信总额", "单家机构最高授信额", "单家机构最低授信额", "已用额度", "最近6个月平均使用额度"],
           [str(len({a.inst for a in cards})), str(len(cards)), P.money(sum(lims), d.sep), P.money(max(lims), d.sep),
            P.money(min(lims), d.sep), P.money(sum(lims) // 4, d.sep), P.money(sum(lims) // 5, d.sep)])
    if "noncredit" in d.sections or d.bank:
        h2(fl, sub.next("非信贷交易信息概要"))
        lv(fl, ["业务类型", "欠费账户数", "欠费金额"], ["电信业务", "0", "0"])
    if "public" in d.sections or d.bank:
        h2(fl, sub.next("公共信息概要"))
        lv(fl, ["信息类型", "记录数", "涉及金额"], ["住房公积金参缴记录" if "public" in d.sections else "欠税信息",
                                              "1" if "public" in d.sections else "0", "--"])
    h2(fl, sub.next("查询记录概要"))
    lv(fl, ["最近1个月内的查询机构数（贷款审批）", "最近1个月内的查询机构数（信用卡审批）", "最近1个月内的查询次数（本人查询）",
            "最近2年内的查询次数（贷后管理）", "最近2年内的查询次数（担保资格审查）"],
       [str(r.randint(0, 5)) for _ in range(5)])


# ====================================================================== 详版: account blocks

def acct_heading(d: Detail, a: Account, num: int) -> str:
    s = f"账户{' ' if d.acct_space else ''}{num}"
    if a.agreement:
        s += paren(d, f"授信协议标识：{a.agreement}")
    if a.tail:
        s += paren(d, f"卡片尾号：{a.tail}")
    return s


def loan_fracs(d: Detail) -> list[float]:
    first = 0.17 + (d.seed % 3) * 0.025
    return [first] + [(1 - first) / 5] * 5


def draw_loan_card(fl: Flow, d: Detail, a: Account) -> None:
    fr = loan_fracs(d)
    amount_label = "账户授信额度" if a.cat == "R1" else "借款金额"
    lv(fl, ["管理机构", "账户标识", "开立日期", "到期日期", amount_label, "账户币种"],
       [a.inst, a.acct_id, dot(a.opened), dot(a.due) if a.due else "--", amt(d, a.amount), "人民币元"], fr)
    lv(fl, ["业务种类", "担保方式", "还款期数", "还款频率", "还款方式", "共同借款标志"],
       [a.business, a.guarantee, a.periods, a.freq, a.method, "无"], fr)
    note_wraps(fl, d, a, fr[0], fr[1])


def note_wraps(fl: Flow, d: Detail, a: Account, f_inst: float, f_id: float) -> None:
    st = fl.st
    n_inst = len(P.wrap(a.inst, f_inst * st.cw - 2 * st.padx, st.size))
    n_id = len(P.wrap(a.acct_id, f_id * st.cw - 2 * st.padx, st.size))
    if n_inst >= 3:
        d.note(f"18 institution name wraps over {min(n_inst, 4)}+ lines in one cell" if n_inst > 4 else
               f"18 institution name wraps over {n_inst} lines in one cell")
    if n_id >= 2:
        d.note("18 account ID wraps over two lines")


def draw_card_card(fl: Flow, d: Detail, a: Account) -> None:
    labels = ["发卡机构", "账户标识", "开立日期", "账户授信额度", "共享授信额度", "币种", "业务种类", "担保方式"]
    values = [a.inst, a.acct_id, dot(a.opened), amt(d, a.amount), amt(d, a.shared), "人民币元", a.business, a.guarantee]
    if not a.show_business:
        del labels[6], values[6]
    if d.card_two_rows:
        k = 4
        fr = [0.28, 0.24, 0.24, 0.24]
        lv(fl, labels[:k], values[:k], fr)
        rest = len(labels) - k
        lv(fl, labels[k:], values[k:], [1 / rest] * rest)
        note_wraps(fl, d, a, fr[0], fr[1])
    else:
        n = len(labels)
        fr = [0.19, 0.16] + [(1 - 0.35) / (n - 2)] * (n - 2)
        lv(fl, labels, values, fr)
        note_wraps(fl, d, a, fr[0], fr[1])


def asof_line(fl: Flow, d: Detail, a: Account) -> None:
    text = f"截至{cn_date(a.as_of)}"
    if d.asof_cell:
        P.table(fl, [([Cell(text)], False)], [1.0], keep=1)
    else:
        fl.line(text, fl.st.size + 0.5, "c")


def band(d: Detail, lo: int, hi: int | None) -> str:
    dash = d.band_dash
    core = f"{lo}{dash.strip() or '-'}{hi}" if hi else f"{lo}"
    if dash == " - ":
        return f"逾期 {lo}-{hi} 天未还本金" if hi else f"逾期 {lo} 天以上未还本金"
    return f"逾期{core}天未还本金" if hi else f"逾期{core}天以上未还本金"


def status_fracs(d: Detail, n: int) -> list[float] | None:
    if d.status_full or n > 3:
        return None
    return [1 / 6] * n


def current_overdue(a: Account) -> tuple[int, int]:
    last = a.months[-1] if a.months else None
    if last and last.code.isdigit():
        return int(last.code), last.amount or 0
    return 0, 0


def draw_status(fl: Flow, d: Detail, a: Account) -> None:
    r = d.r
    last_pay = a.as_of - timedelta(days=r.randint(0, 25))
    if a.state in ("结清", "转出", "销户"):
        label = "销户日期" if a.card else "账户关闭日期"
        lv(fl, ["账户状态", label], [a.state, dot(a.closed or a.as_of)], status_fracs(d, 2))
        return
    if a.state == "呆账":
        lv(fl, ["账户状态", "余额", "最近一次还款日期"],
           [a.state, P.money((a.amount or 5000) * 2 // 3, d.sep), dot(last_pay)], status_fracs(d, 3))
        d.note("13 status block 呆账: 账户状态 | 余额 | 最近一次还款日期")
        return
    periods, total = current_overdue(a)
    if a.cat == "R2":
        draw_card_status(fl, d, a, periods, total, last_pay)
    elif a.cat == "R3":
        draw_quasi_status(fl, d, a, periods, total, last_pay)
    else:
        draw_loan_status(fl, d, a, periods, total, last_pay)


def draw_loan_status(fl: Flow, d: Detail, a: Account, periods: int, total: int, last_pay: date) -> None:
    r = d.r
    term = int(a.periods) if a.periods.isdigit() else 0
    elapsed = P.mindex(a.as_of) - P.mindex(a.opened)
    left = str(max(term - elapsed, 1)) if term else "--"
    bal = max((a.amount or 10000) * max(term - elapsed, 1) // max(term, 1), 0) if term else r.randrange(0, a.amount or 5000)
    due_day = date(a.as_of.year, a.as_of.month, min(a.opened.day, 28))
    klass = "正常" if periods == 0 else r.choice(["关注", "次级", "可疑"])
    lv(fl, ["账户状态", "五级分类", "余额", "剩余还款期数", "本月应还款", "应还款日", "本月实还款", "最近一次还款日期"],
       [a.state, klass, P.money(bal, d.sep), left, P.money(a.inst_pay, d.sep), dot(due_day),
        P.money(0 if periods else a.inst_pay, d.sep), dot(last_pay)])
    bands = [0, 0, 0, 0]
    if periods >= 2:
        bands[min(periods - 2, 3)] = a.inst_pay
    lv(fl, ["当前逾期期数", "当前逾期总额", band(d, 31, 60), band(d, 61, 90), band(d, 91, 180), band(d, 180, None)],
       [str(periods), P.money(total, d.sep)] + [P.money(b, d.sep) for b in bands])
    d.note(f"13-14 active status block with overdue-band row, band labels like '{band(d, 31, 60)}'")


def draw_card_status(fl: Flow, d: Detail, a: Account, periods: int, total: int, last_pay: date) -> None:
    r = d.r
    used = r.randrange(0, a.amount or 10000)
    bill = date(a.as_of.year, a.as_of.month, min(a.opened.day, 28))
    lv(fl, ["账户状态", "余额", "已用额度", "未出单的大额专项分期余额", "剩余分期期数", "最近6个月平均使用额度", "最大使用额度"],
       [a.state, P.money(used, d.sep), P.money(used, d.sep), "0", r.choice(["--", "0"]),
        P.money(used * 4 // 5, d.sep), P.money(min(used * 3 // 2, a.amount or used), d.sep)])
    lv(fl, ["账单日", "本月应还款", "本月实还款", "最近一次还款日期", "当前逾期期数", "当前逾期总额"],
       [dot(bill), P.money(used // 10, d.sep), P.money(used // 10, d.sep), dot(last_pay), str(periods), P.money(total, d.sep)])


def draw_quasi_status(fl: Flow, d: Detail, a: Account, periods: int, total: int, last_pay: date) -> None:
    r = d.r
    od = r.randrange(0, a.amount or 2000)
    bill = date(a.as_of.year, a.as_of.month, min(a.opened.day, 28))
    lv(fl, ["账户状态", "透支余额", "透支180天以上未付余额", "最近6个月平均透支余额", "最大透支余额", "账单日"],
       [a.state, P.money(od, d.sep), "0", P.money(od // 2, d.sep), P.money(od, d.sep), dot(bill)])
    lv(fl, ["本月实还款", "最近一次还款日期", "当前逾期期数", "当前逾期总额"],
       [P.money(od // 3, d.sep), dot(last_pay), str(periods), P.money(total, d.sep)])
    d.note("16 准贷记卡 with 透支余额 / 透支180天以上未付余额 / 最近6个月平均透支余额 / 最大透支余额")


def draw_extras(fl: Flow, d: Detail, a: Account) -> None:
    r = d.r
    for e in a.extras:
        fl.gap(2)
        if e == "latest":
            caption(fl, "最新还款记录")
            lv(fl, ["五级分类", "余额", "还款日期", "还款金额", "当前还款状态"],
               ["正常", P.money(r.randrange(0, a.amount or 3000), d.sep), dot(a.as_of), P.money(a.inst_pay, d.sep),
                a.months[-1].code if a.months else "N"])
        elif e == "special":
            when = P.rand_date(r, a.opened, a.as_of)
            kind = r.choice(["提前结清", "提前还款", "展期", "其他"])
            caption(fl, "特殊交易")
            grid_table(fl, ["特殊交易类型", "发生日期", "变更月数", "发生金额", "明细记录"],
                       [[kind, dot(when), "0", P.money(r.randrange(100, a.amount or 5000), d.sep),
                         f"{kind}，已于{cn_date(when)}办理"]], [0.16, 0.16, 0.12, 0.16, 0.4], ["c", "c", "c", "c", "l"])
        elif e == "bigsplit":
            caption(fl, "大额专项分期")
            start = P.rand_date(r, a.opened, a.as_of)
            lv(fl, ["大额专项分期额度", "分期额度生效日期", "分期额度到期日期", "已用分期金额"],
               [P.money(r.randrange(10, 100) * 1000, d.sep), dot(start), dot(P.add_months(start, 24)),
                P.money(r.randrange(1, 10) * 1000, d.sep)])
        elif e == "remark":
            caption(fl, "标注及声明")
            grid_table(fl, ["标注及声明类型", "标注或声明内容", "添加日期"],
                       [[r.choice(["机构说明", "本人声明", "异议标注"]),
                         r.choice(["该账户因系统原因导致逾期，已与信息主体核实并更正。", "本人对该笔贷款的逾期记录有异议，正在处理中。",
                                   "该笔贷款已于协商后结清，剩余息费减免。"]),
                         dot(P.rand_date(r, a.opened, d.report_dt))]], [0.18, 0.64, 0.18], ["c", "l", "c"])
    if a.extras:
        names = {"latest": "最新还款记录", "special": "特殊交易", "bigsplit": "大额专项分期", "remark": "标注及声明"}
        d.note("15 optional account blocks: " + "/".join(names[e] for e in a.extras))


def choose_extras(d: Detail, a: Account) -> None:
    r = d.r
    if a.state in ("正常", "逾期") and not a.card and r.random() < 0.3:
        a.extras.append("latest")
    if not a.card and r.random() < 0.25:
        a.extras.append("special")
    if a.cat == "R2" and a.state == "正常" and r.random() < 0.25:
        a.extras.append("bigsplit")
    if r.random() < 0.15:
        a.extras.append("remark")


def draw_account(fl: Flow, d: Detail, a: Account, num: int) -> None:
    start_page = fl.page_no
    fl.gap(fl.st.size * 0.8)
    fl.need(fl.st.size * 14)
    fl.line(acct_heading(d, a, num), fl.st.size + 1)
    (draw_card_card if a.card else draw_loan_card)(fl, d, a)
    if a.state == "未激活":
        fl.line(f"截至{cn_date(a.as_of)}，账户状态为“未激活”。", fl.st.size + 0.5, "c")
        d.note("16 inactive card: 截至〈date〉，账户状态为“未激活”")
        return
    asof_line(fl, d, a)
    draw_status(fl, d, a)
    if not d.blocks_after_grid:
        draw_extras(fl, d, a)
    draw_history(fl, d, a)
    if d.blocks_after_grid:
        draw_extras(fl, d, a)
    if fl.page_no > start_page:
        d.note("4 an account block crosses a page break")


# ====================================================================== 详版: the 还款记录 grid

def draw_history(fl: Flow, d: Detail, a: Account) -> None:
    if not a.months:
        return
    fl.gap(3)
    if d.vertical:
        draw_vertical(fl, d, a)
    else:
        draw_grid(fl, d, a)
        if d.legend == "grid":
            fl.para("还款状态说明：" + LEGEND, fl.st.size - 1)
            d.note("25 legend under the grid (N-正常, C-结清, G-结束, 1-逾期…)")
    if d.status24:
        draw_status24(fl, d, a)


def grid_title(a: Account) -> str:
    lo, hi = a.months[0].ym, a.months[-1].ym
    return f"{cn_month(*lo)}-{cn_month(*hi)}的还款记录"


def draw_grid(fl: Flow, d: Detail, a: Account) -> None:
    st = fl.st
    size = st.size - 0.5
    row_h = size * st.lead + 2 * max(st.pady - 1, 1.2)
    yf = 0.09
    widths = [yf * st.cw] + [(1 - yf) * st.cw / 12] * 12
    years = sorted({m.ym[0] for m in a.months}, reverse=d.years_desc)
    title_h = (st.size + 0.5) * 1.45
    fl.need(title_h + 3 * row_h)
    if shift_for_split(fl, d, len(years), row_h, title_h):
        fl.gap(row_h)  # a little more space before the grid: the page break falls inside a year's pair
    fl.line(grid_title(a), st.size + 0.5, "c")
    header = [Cell("", size=size)] + [Cell(str(i), size=size) for i in range(1, 13)]
    P.draw_row(fl, header, widths, True, row_h)
    by_month = {m.ym: m for m in a.months}
    for y in years:
        codes = [by_month.get((y, mo)) for mo in range(1, 13)]
        draw_year(fl, d, y, codes, widths, row_h, size, header)
    note_grid(d, a, years)


def shift_for_split(fl: Flow, d: Detail, n_years: int, row_h: float, title_h: float) -> bool:
    if not d.want_split or d.keep_pairs:
        return False
    rows_fit = int((fl.y - title_h - row_h - fl.st.mb) // row_h)
    return 2 <= rows_fit < 2 * n_years and rows_fit % 2 == 0


def draw_year(fl: Flow, d: Detail, year: int, months: list[P.Month | None], widths: list[float],
              row_h: float, size: float, header: list[Cell]) -> None:
    codes = [Cell(m.code if m else "", size=size) for m in months]
    amounts = [Cell(grid_amount(d, m), size=size) for m in months]
    ycell = Cell(str(year), size=size)
    if d.keep_pairs and not fl.fits(2 * row_h) or not fl.fits(row_h):
        fl.new_page()
        if d.header_repeat:
            P.draw_row(fl, header, widths, True, row_h)
    if fl.fits(2 * row_h):
        draw_pair(fl, ycell, codes, amounts, widths, row_h, d.year_in_amount_row)
        return
    x0 = fl.st.ml
    fl.rect(x0, fl.y - row_h, widths[0], row_h, False)
    if not d.year_in_amount_row:
        P.draw_cell_text(fl, x0, fl.y, widths[0], row_h, ycell, [ycell.text])
    P.draw_row(fl, codes, widths[1:], False, row_h, x0 + widths[0])
    fl.new_page()
    fl.events.add("grid_split")
    fl.rect(x0, fl.y - row_h, widths[0], row_h, False)
    if d.year_in_amount_row:
        P.draw_cell_text(fl, x0, fl.y, widths[0], row_h, ycell, [ycell.text])
    P.draw_row(fl, amounts, widths[1:], False, row_h, x0 + widths[0])


def draw_pair(fl: Flow, ycell: Cell, codes: list[Cell], amounts: list[Cell], widths: list[float],
              row_h: float, in_amount_row: bool) -> None:
    x0 = fl.st.ml
    top = fl.y
    if in_amount_row:
        fl.rect(x0, top - row_h, widths[0], row_h, False)
        fl.rect(x0, top - 2 * row_h, widths[0], row_h, False)
        P.draw_cell_text(fl, x0, top - row_h, widths[0], row_h, ycell, [ycell.text])
    else:
        fl.rect(x0, top - 2 * row_h, widths[0], 2 * row_h, False)
        P.draw_cell_text(fl, x0, top, widths[0], 2 * row_h, ycell, [ycell.text])
    P.draw_row(fl, codes, widths[1:], False, row_h, x0 + widths[0])
    P.draw_row(fl, amounts, widths[1:], False, row_h, x0 + widths[0])


def grid_amount(d: Detail, m: P.Month | None) -> str:
    if m is None or m.amount is None:
        return ""
    return P.money(m.amount, d.grid_sep)


def note_grid(d: Detail, a: Account, years: list[int]) -> None:
    n = len(a.months)
    d.note("20-22 grid: title range cut to the account's life, months 1..12 as columns, year row pairs with 0 under N")
    d.note("23 grid years descending (latest first)" if d.years_desc else "23 grid years ascending")
    if n < 60:
        d.note("20 grid window shorter than 60 months")
    if a.months[0].ym[1] != 1 or a.months[-1].ym[1] != 12:
        d.note("24 blank cells outside the window")
    odd = sorted({m.code for m in a.months} - {"N"})
    if odd:
        d.note("25 grid codes include " + " ".join(odd))


def draw_vertical(fl: Flow, d: Detail, a: Account) -> None:
    caption(fl, "最近 5 年内的历史表现", "c")
    rows = [[f"{m.ym[0]}年{m.ym[1]:02d}月", m.code, grid_amount(d, m)] for m in reversed(a.months)]
    grid_table(fl, ["月份", "还款状态", "逾期（透支） 总额"], rows, [0.34, 0.33, 0.33])
    d.note("27 bank XSLT vertical list 最近 5 年内的历史表现: 月份 | 还款状态 | 逾期（透支） 总额")


def draw_status24(fl: Flow, d: Detail, a: Account) -> None:
    ms = a.months[-24:]
    st = fl.st
    size = st.size - 1.5
    fl.gap(2)
    caption(fl, f"{cn_month(*ms[0].ym)} - {cn_month(*ms[-1].ym)} 还款状态")
    w = st.cw / 24
    fl.need(size * 2.2)
    P.draw_row(fl, [Cell(m.code, size=size) for m in ms], [w] * len(ms), False, size * 2)
    d.note("27 extra status-only 24-month grid 〈A〉 - 〈B〉 还款状态")


# ====================================================================== 详版: sections

def draw_details(fl: Flow, d: Detail, num: int, accts: list[Account]) -> None:
    h1(fl, d, num, "信贷交易信息明细")
    sub = Sub(d)
    names = CAT_TITLE_BANK if d.bank_names else CAT_TITLE_SELF
    counter = 0
    agreements = [a for a in accts if a.agreement]
    extra = {"C1": d.r.randint(1, 2) if "recourse" in d.sections else 0,
             "G": d.r.randint(1, 2) if "guarantee" in d.sections else 0,
             "A": len(agreements) if "agreement" in d.sections else 0}
    empty_text = d.r.choice(["无", "暂无记录", "该类账户无记录"])
    for cat in CAT_ORDER:
        group = [a for a in accts if a.cat == cat]
        count = len(group) or extra.get(cat, 0)
        if not count and not d.bank:
            continue
        label = sub.next(names[cat] + (d.counts.format(n=count) if d.counts else ""))
        h2(fl, label)
        if cat in ("R4", "R1", "R2"):
            d.note(f"6 dynamic numbering: {names[cat]} is {label[:3]}" if not d.bank else
                   f"7 bank render prints every sub-section: {names[cat]} is {label[:3]}")
        if not count:
            fl.line(empty_text, fl.st.size)
            continue
        if cat == "C1":
            draw_recourse(fl, d, count)
        elif cat == "G":
            draw_guarantees(fl, d, count)
        elif cat == "A":
            draw_agreements(fl, d, agreements)
        else:
            if d.restart_numbers:
                counter = 0
            for a in group:
                counter += 1
                draw_account(fl, d, a, counter)
    if "orgnote" in d.sections:
        caption(fl, "机构说明")
        lv(fl, ["说明内容", "添加日期"], [d.r.choice(["该机构对信息主体的账户信息进行了更正。", "该机构已按信息主体申请处理相关异议。"]),
                                    dot(d.report_dt - timedelta(days=d.r.randint(20, 400)))], [0.8, 0.2], "l")
    d.note(f"8 revolving naming {'循环额度下分账户/循环贷账户' if d.bank_names else '循环贷账户一/循环贷账户二'}")
    if d.bank and d.counts:
        d.note("7 bank render prints every sub-section, even empty ones, with counts " + d.counts.format(n="N"))
    elif d.bank:
        d.note("7 bank render prints every sub-section, even empty ones")


def draw_recourse(fl: Flow, d: Detail, n: int) -> None:
    r = d.r
    for i in range(n):
        fl.line(f"账户{i + 1}", fl.st.size + 1)
        got = d.report_dt - timedelta(days=r.randint(200, 1500))
        lv(fl, ["管理机构", "业务种类", "债权接收日期", "债权金额", "债权转移时的还款状态"],
           [r.choice(["中国长城资产管理股份有限公司重庆市分公司", "中国信达资产管理股份有限公司深圳市分公司", "某某融资担保有限公司"]),
            r.choice(["资产处置", "垫款"]), dot(got), P.money(r.randrange(1000, 50000), d.sep), "逾期180天以上"])
        fl.line(f"截至{cn_date(d.report_dt - timedelta(days=r.randint(5, 30)))}", fl.st.size + 0.5, "c")
        lv(fl, ["账户状态", "余额", "最近一次还款日期"], [r.choice(["催收", "结束"]), P.money(r.randrange(0, 9000), d.sep),
                                                  dot(got + timedelta(days=r.randint(10, 100)))])
    d.note("19 被追偿信息 block (管理机构 | 业务种类 | 债权接收日期 | 债权金额 | 债权转移时的还款状态)")


def draw_guarantees(fl: Flow, d: Detail, n: int) -> None:
    r = d.r
    caption(fl, "为个人借款承担的相关还款责任")
    for i in range(n):
        fl.line(f"相关还款责任{i + 1}", fl.st.size + 1)
        start = d.report_dt - timedelta(days=r.randint(200, 1500))
        lv(fl, ["主业务借款人", "管理机构", "业务种类", "开立日期", "到期日期", "责任人类型", "还款责任金额", "币种"],
           [P.person(r), r.choice(P.BANKS), "个人经营性贷款", dot(start), dot(P.add_months(start, 36)), "保证人",
            P.money(r.randrange(10, 100) * 10000, d.sep), "人民币元"])
        lv(fl, ["余额", "五级分类", "还款状态", "逾期月数"], [P.money(r.randrange(1, 50) * 10000, d.sep), "正常", "N", "0"])
    d.note("19 相关还款责任信息 block (责任人类型, 还款责任金额, 主业务借款人)")


def draw_agreements(fl: Flow, d: Detail, accts: list[Account]) -> None:
    r = d.r
    for i, a in enumerate(accts):
        fl.line(f"授信协议{i + 1}", fl.st.size + 1)
        lv(fl, ["管理机构", "授信协议标识", "生效日期", "到期日期", "授信额度用途", "授信限额编号"],
           [a.inst, a.agreement or "", dot(a.opened), dot(P.add_months(a.opened, 36)),
            r.choice(["循环贷款额度", "非循环贷款额度", "信用卡独立透支额度"]), "--"], loan_fracs(d))
        lim = (a.amount or 10000) * r.choice([1, 2, 3])
        lv(fl, ["授信额度", "授信限额", "已用额度", "币种"], [P.money(lim, d.sep), "--", P.money(lim // 3, d.sep), "人民币元"])
    d.note("19 授信协议信息 block (授信协议N: 管理机构 | 授信协议标识 | 生效日期 | 到期日期 | 授信额度用途 | 授信限额编号)")


def draw_noncredit(fl: Flow, d: Detail, num: int) -> None:
    r = d.r
    h1(fl, d, num, "非信贷交易信息明细")
    if "noncredit" not in d.sections:
        fl.line("无", fl.st.size)
        return
    h2(fl, "（一）后付费记录")
    opened = d.report_dt - timedelta(days=r.randint(800, 3000))
    end = P.mindex(d.report_dt) - 1
    lv(fl, ["机构名称", "业务类型", "业务开通日期", "当前缴费状态", "当前欠费金额", "记账年月"],
       [r.choice(["中国移动通信集团北京有限公司", "中国联合网络通信有限公司上海市分公司", "中国电信股份有限公司广州分公司"]),
        "电信业务", dot(opened), "正常", "0", "%d.%02d" % P.from_mindex(end)])
    if r.random() < 0.5:
        lo = end - 23
        caption(fl, f"{cn_month(*P.from_mindex(lo))}-{cn_month(*P.from_mindex(end))}的缴费记录")
        w = fl.st.cw / 24
        fl.need(fl.st.size * 2.2)
        P.draw_row(fl, [Cell(r.choice("NNNN*"), size=fl.st.size - 1.5) for _ in range(24)], [w] * 24, False, fl.st.size * 2)


def draw_public(fl: Flow, d: Detail, num: int) -> None:
    r = d.r
    h1(fl, d, num, "公共信息明细")
    if "public" not in d.sections:
        fl.line("无", fl.st.size)
        return
    h2(fl, "（一）住房公积金参缴记录")
    first = d.report_dt - timedelta(days=r.randint(800, 3000))
    pay = r.randrange(3, 30) * 100
    lv(fl, ["参缴地", "参缴日期", "初缴月份", "缴至月份", "缴费状态"],
       [r.choice(["北京市", "深圳市", "上海市", "重庆市"]), dot(first), "%d.%02d" % (first.year, first.month),
        "%d.%02d" % P.from_mindex(P.mindex(d.report_dt) - 1), "缴交"])
    lv(fl, ["月缴存额", "个人缴存比例", "单位缴存比例", "缴费单位", "信息更新日期"],
       [P.money(pay, d.sep), "12%", "12%", r.choice(["深圳市某某信息技术有限公司", "北京某某商贸有限公司"]),
        dot(d.report_dt - timedelta(days=r.randint(5, 60)))])


def draw_statement(fl: Flow, d: Detail, num: int) -> None:
    h1(fl, d, num, d.r.choice(["本人声明", "异议标注及本人声明"]) if "statement" in d.sections else "本人声明")
    if "statement" not in d.sections:
        fl.line("信息主体无本人声明。", fl.st.size)
        return
    grid_table(fl, ["编号", "声明内容", "添加日期"],
               [["1", d.r.choice(["本人身份证件曾经丢失，如有人冒用本人名义办理业务，请核实。", "本人对部分逾期记录存有异议，已向数据提供机构提出。"]),
                 dot(d.report_dt - timedelta(days=d.r.randint(20, 500)))]], [0.1, 0.7, 0.2], ["c", "l", "c"])


def draw_queries(fl: Flow, d: Detail, num: int) -> None:
    r = d.r
    h1(fl, d, num, "查询记录")
    d.note(f"6 查询记录 numbered {P.cn_numeral(num)}")
    n = r.randint(40, 120) if d.long else r.randint(3, 25)
    days = sorted((r.randint(1, 720) for _ in range(n)))
    caption(fl, "机构查询记录明细")
    grid_table(fl, ["编号", "查询日期", "查询机构", "查询原因"],
               [[str(i + 1), dot(d.report_dt - timedelta(days=k)), r.choice(QUERY_ORGS), r.choice(BANK_REASONS)]
                for i, k in enumerate(days)], [0.1, 0.2, 0.45, 0.25], ["c", "c", "l", "c"])
    m = r.randint(1, 6)
    caption(fl, "本人查询记录明细")
    grid_table(fl, ["编号", "查询日期", "查询机构", "查询原因"],
               [[str(i + 1), dot(d.report_dt - timedelta(days=r.randint(0, 700))), "本人", r.choice(SELF_REASONS)[4:].strip("（）")]
                for i in range(m)], [0.1, 0.2, 0.45, 0.25], ["c", "c", "l", "c"])


NOTES = [
    "除查询记录外，本报告中的信息是依据截至报告时间个人征信系统记录的信息生成，征信中心不确保其真实性和准确性，"
    "但承诺在信息汇总、加工、整合的全过程中保持客观、中立的地位。",
    "本报告仅包含可能影响您信用评价的主要信息，如需获取您在个人征信系统中更详细的记录，请到当地信用报告查询网点查询。",
    "您有权对本报告中的内容提出异议。如有异议，可联系数据提供单位，也可到当地信用报告查询网点提出异议申请。",
    "本报告中的金额类数据以人民币元计算，精确到元；“--”表示该项信息缺失或不适用。",
    "更多咨询，请致电全国客户服务热线400-810-8866。",
]


def draw_notes(fl: Flow, d: Detail) -> None:
    h1(fl, d, None, "报告说明")
    for i, t in enumerate(NOTES, 1):
        fl.para(f"{i}．{t}", fl.st.size, indent=0)
    if d.legend == "notes":
        fl.para("还款状态说明：" + LEGEND, fl.st.size)
        d.note("25 legend in 报告说明 (N-正常, C-结清, G-结束, 1-逾期…)")
    if "notes2" in d.sections:
        h1(fl, d, None, "编制说明")
        fl.para("本报告由中国人民银行征信中心出具，依据《征信业管理条例》编制。", fl.st.size)


def detail_sections(fl: Flow, d: Detail, accts: list[Account]) -> None:
    num = 1
    draw_basic(fl, d, num)
    num += 1
    draw_summary(fl, d, num, accts)
    num += 1
    draw_details(fl, d, num, accts)
    for key, fn in (("noncredit", draw_noncredit), ("public", draw_public), ("statement", draw_statement)):
        if key in d.sections or d.bank:
            num += 1
            fn(fl, d, num)
    draw_queries(fl, d, num + 1)
    draw_notes(fl, d)
    if not d.bank:
        d.note("10 later sections: 机构说明/非信贷/公共信息/本人声明 when present, 查询记录, 报告说明")


def build_detail(seed: int) -> Variant:
    r = rng(FAMILY_DETAIL, seed)
    d = choose_detail(r, seed)
    st = detail_style(r, d)
    born = P.rand_date(r, date(1965, 1, 1), date(2001, 12, 31))
    d.name, d.idn = P.person(r), P.id_number(r, born)
    d.report_dt = P.rand_date(r, date(2021, 3, 1), date(2026, 7, 20))
    d.report_no = d.report_dt.strftime("%Y%m%d") + "".join(r.choice("0123456789") for _ in range(14))
    d.report_time = f"{dot(d.report_dt)} {r.randint(8, 21):02d}:{r.randrange(60):02d}:{r.randrange(60):02d}"
    accts = make_accounts(d)
    for a in accts:
        choose_extras(d, a)
    fl = Flow(st)
    draw_title(fl, d)
    draw_report_header(fl, d)
    draw_opt_header(fl, d)
    detail_sections(fl, d, accts)
    fsize = st.size - 0.5
    fmt: Callable[[int, int], str] = (lambda n, t: f"第 {n} 页，共 {t} 页") if d.footer_spaced else (lambda n, t: f"第{n}页，共{t}页")
    pdf = P.render(fl, fmt, fsize, "r" if d.footer_right else "c")
    d.note(f"4 header block on page 1 only; footer {'第 N 页，共 M 页' if d.footer_spaced else '第N页，共M页'}; {len(fl.pages)} pages")
    if "grid_split" in fl.events:
        d.note("26 the status row and the amount row of one year split by a page break")
    d.note("12 label-row/value-row cards (Row A 管理机构… / Row B 业务种类…)")
    d.note("17 values YYYY.MM.DD, -- for missing, 人民币元, 信用/免担保 or 信用/无担保")
    kinds = account_kinds(d, accts)
    truth = {"kind": "credit_report", "provider": "pboc", "report_number": d.report_no, "subject_name": d.name,
             "accounts": [a.truth() for a in accts]}
    return Variant(family=FAMILY_DETAIL, seed=seed, variations=tuple(d.vars + kinds), pdf=pdf, truth=truth,
                   notes=detail_notes(d))


def account_kinds(d: Detail, accts: list[Account]) -> list[str]:
    out = []
    if any(a.agreement for a in accts):
        out.append("11 heading 账户N" + paren(d, "授信协议标识：…") + (" with a space: 账户 N" if d.acct_space else ""))
    if any(not a.agreement and not a.tail for a in accts):
        out.append("11 heading 账户N alone (no credit agreement)")
    if any(a.tail for a in accts):
        out.append("11 card heading with " + paren(d, "卡片尾号：NNNN"))
    states = sorted({a.state for a in accts})
    out.append("13/16 account states: " + " ".join(states))
    if any(a.cat == "R2" for a in accts):
        out.append("16 贷记卡 card labels " + ("with 业务种类" if d.card_business else "without 业务种类 (account_type 贷记卡)")
                   + (" in two rows" if d.card_two_rows else " in one row"))
    return out


def detail_notes(d: Detail) -> str:
    notes = ["Truth accounts exclude 被追偿信息, 相关还款责任信息 and 授信协议信息 blocks (they are not 账户 of the"
             " loan/card sections). R1 (循环贷账户) prints 账户授信额度 where D1 prints 借款金额: loan_amount is that value."]
    if d.status24:
        notes.append("The 24-month status-only grid repeats months of the main grid; history lists each month once.")
    if d.vertical:
        notes.append("History printed as a vertical list instead of the grid.")
    return " ".join(notes)


# ====================================================================== 简版

BRIEF_LOAN_INST2 = ["中国工商银行股份有限公司北京朝阳支行", "中国建设银行股份有限公司上海浦东分行", "招商银行股份有限公司杭州分行",
                    "深圳前海微众银行股份有限公司", "重庆蚂蚁消费金融有限公司", "马上消费金融股份有限公司", "招联消费金融股份有限公司",
                    "重庆度小满小额贷款有限公司", "中国银行股份有限公司深圳福田支行", "平安银行股份有限公司汽车消费金融中心",
                    "重庆市蚂蚁商诚信息技术有限公司（原：重庆市蚂蚁商诚小额贷款有限公司）", "中邮消费金融有限公司",
                    "交通银行股份有限公司武汉江汉支行", "中国农业银行股份有限公司成都高新支行"]
BRIEF_LOAN_INST1 = ["中国银行北京分行", "中国建设银行上海分行", "招商银行", "交通银行", "中国工商银行北京朝阳支行", "平安银行",
                    "中国农业银行成都分行", "兴业银行"]
BRIEF_CARD_INST1 = ["招商银行", "交通银行", "中信银行", "广发银行", "中国建设银行", "浦发银行", "中国光大银行"]
KINDS2 = ["个人经营性贷款", "其他贷款", "其他个人消费贷款", "其他个人消费贷款", "个人汽车消费贷款"]
KINDS1 = ["个人消费贷款", "个人经营性贷款", "其他贷款", "个人汽车贷款"]


@dataclass
class BriefItem:
    section: str           # card | house | other
    overdue: bool
    sentence: str
    truth: dict[str, object]
    inst: str


@dataclass
class Brief:
    r: random.Random
    seed: int
    gen2: bool
    sep: bool
    footer_half: bool
    continuous: bool
    summary_last: bool
    force_si: bool
    force_daoqi: bool
    title_brief: bool
    report_dt: date = date(2024, 7, 1)
    vars: list[str] = field(default_factory=list)

    def note(self, s: str) -> None:
        if s not in self.vars:
            self.vars.append(s)

    def day(self, d: date) -> str:
        return cn_date(d, self.gen2)

    def month(self, d: date) -> str:
        return cn_month(d.year, d.month, self.gen2)

    def money(self, n: int) -> str:
        return P.money(n, self.sep)


def brief_truth(inst: str, kind: str, opened: date, amount: int | None) -> dict[str, object]:
    return {"institution": inst, "account_id": None, "account_type": kind, "opened_on": opened.isoformat(),
            "loan_amount": P.dec(amount) if amount is not None else None, "closed_on": None, "history": []}


def overdue_clause(b: Brief) -> str:
    n = b.r.randint(1, 12)
    k = b.r.randint(0, min(n, 4))
    return f"最近5年内有{n}个月处于逾期状态，" + (f"其中{k}个月逾期超过90天。" if k else "没有发生过90天以上逾期。")


def loan_item(b: Brief, section: str) -> BriefItem:
    r = b.r
    inst = r.choice(BRIEF_LOAN_INST2 if b.gen2 else BRIEF_LOAN_INST1)
    if section == "house" and b.gen2:
        inst = r.choice([i for i in BRIEF_LOAN_INST2 if "银行" in i and "微众" not in i])
    if section == "house":
        kind = "个人住房商业贷款" if b.gen2 else "个人住房贷款"
        amount, term = r.randrange(30, 200) * 10000, r.choice([240, 360])
    else:
        kind = r.choice(KINDS2 if b.gen2 else KINDS1)
        amount, term = r.randrange(5, 2000) * 100, r.choice([6, 12, 24, 36])
        if kind == "个人经营性贷款":
            amount = r.randrange(2, 100) * 10000
    opened = P.rand_date(r, P.add_months(b.report_dt, -90), P.add_months(b.report_dt, -2))
    overdue = r.random() < 0.3
    due = P.add_months(opened, term)
    head = f"{b.day(opened)}{inst}发放的{b.money(amount)}元（人民币）{kind}，"
    if due < b.report_dt or r.random() < 0.3:
        settle = P.rand_date(r, P.add_months(opened, 1), min(due, b.report_dt - timedelta(days=20)))
        s = head + f"{b.month(settle)}已结清。"
    else:
        asof = P.add_months(b.report_dt, -1)
        left = max(P.mindex(due) - P.mindex(asof), 1) / term
        bal = int(amount * min(left, 1.0) * r.uniform(0.8, 1.0))
        s = head + f"{b.day(due)}到期。截至{b.month(asof)}，余额{b.money(bal)}"
        s += (f"，当前逾期金额{b.money(r.randrange(100, max(bal, 200)))}。" if overdue and r.random() < 0.5 else "。")
    if overdue:
        s += overdue_clause(b)
    return BriefItem(section, overdue, s, brief_truth(inst, kind, opened, amount), inst)


def credit_line_item(b: Brief) -> BriefItem:
    r = b.r
    inst = r.choice(["重庆度小满小额贷款有限公司", "深圳前海微众银行股份有限公司", "重庆蚂蚁消费金融有限公司", "招联消费金融股份有限公司",
                     "马上消费金融股份有限公司"])
    kind = r.choice(["其他个人消费贷款", "其他个人消费贷款", "个人经营性贷款"])
    opened = P.rand_date(r, P.add_months(b.report_dt, -60), P.add_months(b.report_dt, -2))
    limit = r.randrange(10, 3000) * 100
    overdue = r.random() < 0.2
    bal = r.randrange(100, limit) if overdue else r.choice([0, r.randrange(0, limit)])
    s = (f"{b.day(opened)}{inst}为{kind}授信，额度有效期至{b.day(P.add_months(opened, r.choice([12, 36, 60])))}，可循环使用。"
         f"截至{b.month(P.add_months(b.report_dt, -1))}，信用额度{b.money(limit)}元（人民币），余额为{b.money(bal)}，")
    s += "当前有逾期。" + overdue_clause(b) if overdue else "当前无逾期。"
    b.note("31 二代 授信 sentence: 为…授信，额度有效期至…，可循环使用")
    return BriefItem("other", overdue, s, brief_truth(inst, kind, opened, limit), inst)


def card_item(b: Brief) -> BriefItem:
    r = b.r
    inst = r.choice(P.CARD_BANKS if b.gen2 else BRIEF_CARD_INST1)
    opened = P.rand_date(r, P.add_months(b.report_dt, -120), P.add_months(b.report_dt, -3))
    quasi = r.random() < 0.1
    kind = "准贷记卡" if quasi else "贷记卡"
    tag = f"（卡片尾号：{r.randrange(10000):04d}）" if b.gen2 and r.random() < 0.8 else "（人民币账户）"
    state = r.choice(["active"] * 6 + ["closed", "closed", "inactive"])
    overdue = state == "active" and r.random() < 0.25
    limit: int | None = r.randrange(5, 150) * 1000
    s = f"{b.day(opened)}{inst}发放的{kind}{tag}，"
    if state == "closed":
        s += f"截至{b.month(P.rand_date(r, opened + timedelta(days=60), b.report_dt - timedelta(days=30)))}已销户。"
        limit = None
    elif state == "inactive":
        s += f"截至{b.month(P.add_months(b.report_dt, -1))}尚未激活。"
        limit = None
    else:
        assert limit is not None
        used = r.randrange(0, limit)
        s += f"截至{b.month(P.add_months(b.report_dt, -1))}，信用额度{b.money(limit)}，" + (
            f"透支余额{b.money(used // 10)}。" if quasi else f"已使用额度{b.money(used)}。")
        if overdue:
            s += overdue_clause(b)
    return BriefItem("card", overdue, s, brief_truth(inst, kind, opened, limit), inst)


def choose_brief(r: random.Random, seed: int) -> Brief:
    gen2 = seed % 3 != 2
    return Brief(r=r, seed=seed, gen2=gen2, sep=r.random() < 0.85, footer_half=r.random() < 0.5,
                 continuous=r.random() < 0.4, summary_last=r.random() < 0.35, force_si=r.random() < 0.7,
                 force_daoqi=r.random() < 0.5, title_brief=r.random() < 0.3)


def brief_items(b: Brief) -> list[BriefItem]:
    r = b.r
    n = r.randint(90, 160) if b.seed % 8 == 0 else r.randint(25, 70) if b.seed % 4 == 0 else r.randint(4, 24)
    items = []
    for _ in range(n):
        roll = r.random()
        if roll < 0.4:
            items.append(card_item(b))
        elif roll < 0.47:
            items.append(loan_item(b, "house"))
        elif roll < 0.62 and b.gen2:
            items.append(credit_line_item(b))
        else:
            items.append(loan_item(b, "other"))
    return items


def brief_header(fl: Flow, b: Brief, name: str, idn: str, no: str) -> None:
    r = b.r
    fl.line("个人信用报告" + ("（简版）" if b.title_brief else ""), fl.st.size + 8, "c", lead=1.8)
    t = b.report_dt
    if b.gen2:
        tm = f"{t.isoformat()} {r.randint(8, 21):02d}:{r.randrange(60):02d}:{r.randrange(60):02d}"
        fl.spans([(0, f"报告编号：{no}"), (fl.st.cw * 0.55, f"报告时间：{tm}")], fl.st.size + 0.5)
        fl.spans([(0, f"姓名：{name}"), (fl.st.cw * 0.3, "证件类型：身份证"), (fl.st.cw * 0.55, f"证件号码：{P.mask_id(idn, r.choice([0, 1]))}")],
                 fl.st.size + 0.5)
        b.note("29 二代 header 报告编号/报告时间 YYYY-MM-DD HH:MM:SS, 姓名/证件类型/证件号码")
    else:
        q = t - timedelta(days=1)
        # Each span starts where the one before ends plus a gap, or at its usual place if later:
        # a 22-digit 报告编号 in a large face would otherwise run under 查询时间.
        for spans in _after([f"报告编号：{no}", f"查询时间：{dot(q)} {r.randint(8, 23):02d}:{r.randrange(60):02d}:{r.randrange(60):02d}",
                         f"报告时间：{dot(t)} {r.randint(8, 21):02d}:{r.randrange(60):02d}:{r.randrange(60):02d}"],
                             [0, 0.42, 0.72], fl):
            fl.spans(spans, fl.st.size)
        for spans in _after([f"姓名：{name}", "证件类型：身份证", f"证件号码：{P.mask_id(idn, 2)}", r.choice(["已婚", "未婚"])],
                            [0, 0.25, 0.5, 0.85], fl):
            fl.spans(spans, fl.st.size)
        b.note("29 一代 header with 查询时间 and 报告时间 YYYY.MM.DD, ID masked **************NNNN")


def _after(texts: list[str], places: list[float], fl: Flow) -> list[list[tuple[float, str]]]:
    """The header's spans, each after the one before; what would run past the right margin
    starts a second line at its usual place."""
    lines: list[list[tuple[float, str]]] = [[]]
    x = 0.0
    for text, place in zip(texts, places):
        at = max(fl.st.cw * place, x)
        w = P.width(text, fl.st.size)
        if lines[-1] and at + w > fl.st.cw:
            lines.append([])
            at = min(fl.st.cw * place, fl.st.cw - w)
        lines[-1].append((at, text))
        x = at + w + 2 * fl.st.size
    return lines


def brief_summary(fl: Flow, b: Brief, items: list[BriefItem]) -> None:
    fl.gap(4)
    fl.line("信贷记录", fl.st.size + 3)
    fl.para("这部分包含您的信用卡、贷款和其他信贷记录。金额类数据均以人民币计算，精确到元。", fl.st.size)
    cols = ["card", "house", "other"]
    rows = [["账户数"] + [str(sum(1 for i in items if i.section == c)) for c in cols],
            ["未结清/未销户账户数"] + [str(sum(1 for i in items if i.section == c and "结清" not in i.sentence
                                               and "销户" not in i.sentence)) for c in cols],
            ["发生过逾期的账户数"] + [str(sum(1 for i in items if i.section == c and i.overdue)) for c in cols],
            ["发生过90天以上逾期的账户数"] + [str(sum(1 for i in items if i.section == c and "其中" in i.sentence)) for c in cols],
            ["为他人担保笔数", "0", "0", "0"]]
    grid_table(fl, ["", "信用卡", "购房贷款", "其他贷款"], rows, [0.34, 0.22, 0.22, 0.22], ["l", "c", "c", "c"])


def colon(b: Brief) -> str:
    return "：" if b.r.random() < 0.6 else ":"


def group_headings(b: Brief, section: str) -> tuple[str, str]:
    r = b.r
    if section == "card":
        return f"发生过逾期的贷记卡账户明细如下{colon(b)}", f"从未逾期过的贷记卡及透支未超过60天的准贷记卡账户明细如下{colon(b)}"
    never = r.choice(["从未逾期过的账户明细如下", "从未发生过逾期的账户明细如下"])
    return f"发生过逾期的账户明细如下{colon(b)}", never + colon(b)


def brief_sentence(fl: Flow, b: Brief, num: int, item: BriefItem) -> None:
    st = fl.st
    indent = st.size * 2.4
    avail = st.cw - indent
    natural = P.wrap_words(item.sentence, avail, st.size)
    breaks = forced_breaks(b, item, natural)
    lines = P.wrap_words(item.sentence, avail, st.size, breaks)
    h = st.size * 1.5
    fl.need(h * min(len(lines), 2))
    fl.text(st.ml, fl.y - st.size * 1.05, f"{num}.", st.size, "l")
    for ln in lines:
        fl.line(ln, st.size, x=st.ml + indent, lead=1.5)


def forced_breaks(b: Brief, item: BriefItem, natural: list[str]) -> tuple[int, ...]:
    starts, k = [], 0
    for ln in natural[:-1]:
        k += len(ln)
        starts.append(k)
    out = []
    si = item.sentence.find(item.inst) + len(item.inst) - 1
    near = any(si < s <= si + 6 for s in starts)
    if b.force_si and item.inst.endswith("公司") and (near or b.r.random() < 0.3):
        out.append(si)
        b.note("33 a lone 司 of …有限公司 lands on the next line")
    dq = item.sentence.find("到期")
    if b.force_daoqi and dq > 0 and any(dq + 1 < s <= dq + 5 for s in starts):
        out.append(dq + 1)
        b.note("33 sentence wraps mid-word (到 / 期)")
    return tuple(out)


def brief_sections(fl: Flow, b: Brief, items: list[BriefItem]) -> list[BriefItem]:
    printed: list[BriefItem] = []
    num = 0
    for section, title in (("card", "信用卡"), ("house", "购房贷款"), ("other", "其他贷款")):
        group = [i for i in items if i.section == section]
        fl.gap(4)
        fl.need(fl.st.size * 6)
        fl.line(title, fl.st.size + 2)
        if not group:
            fl.para(f"系统中没有您的{title}记录。", fl.st.size)
            continue
        if not b.continuous:
            num = 0
        for head, sub in zip(group_headings(b, section), ([i for i in group if i.overdue], [i for i in group if not i.overdue])):
            if not sub:
                continue
            b.note("30 group heading " + head)
            fl.need(fl.st.size * 4)
            fl.line(head, fl.st.size + 0.5)
            for item in sub:
                num += 1
                brief_sentence(fl, b, num, item)
                printed.append(item)
    return printed


def brief_tail(fl: Flow, b: Brief) -> None:
    r = b.r
    fl.gap(4)
    fl.line("公共记录", fl.st.size + 2)
    fl.para("系统中没有您最近5年内的欠税记录、民事判决记录、强制执行记录、行政处罚记录及电信欠费记录。", fl.st.size)
    fl.line("查询记录", fl.st.size + 2)
    n = r.randint(2, 12)
    grid_table(fl, ["编号", "查询日期", "查询操作员", "查询原因"],
               [[str(i + 1), (b.report_dt - timedelta(days=r.randint(1, 700))).isoformat() if b.gen2 else
                 dot(b.report_dt - timedelta(days=r.randint(1, 700))), r.choice(QUERY_ORGS), r.choice(["贷款审批", "信用卡审批", "贷后管理"])]
                for i in range(n)], [0.1, 0.2, 0.45, 0.25], ["c", "c", "l", "c"])
    fl.line("说明", fl.st.size + 2)
    for i, t in enumerate(NOTES[:3], 1):
        fl.para(f"{i}. {t}", fl.st.size)


def move_summary_last(span: tuple[int, int]) -> Callable[[list[P.Op]], list[P.Op]]:
    def reorder(ops: list[P.Op]) -> list[P.Op]:
        a, z = span
        return ops[:a] + ops[z:] + ops[a:z]
    return reorder


def build_brief(seed: int) -> Variant:
    r = rng(FAMILY_BRIEF, seed)
    b = choose_brief(r, seed)
    b.report_dt = P.rand_date(r, date(2020, 3, 1), date(2026, 7, 20)) if b.gen2 else P.rand_date(r, date(2014, 1, 1), date(2019, 12, 31))
    size = round(r.uniform(9.0, 12.5), 1)
    m = r.uniform(42, 72)
    st = Style(w=595.28, h=841.89, ml=m, mr=m, mt=r.uniform(45, 70), mb=r.uniform(45, 60), size=size, lead=1.3,
               padx=2.5, pady=3, shade=(0.9, 0.9, 0.9), line_w=0.5)
    fl = Flow(st)
    name = P.person(r)
    idn = P.id_number(r, P.rand_date(r, date(1965, 1, 1), date(1999, 12, 31)))
    no = b.report_dt.strftime("%Y%m%d") + "".join(r.choice("0123456789") for _ in range(14))
    items = brief_items(b)
    brief_header(fl, b, name, idn, no)
    start = len(fl.pages[0])
    brief_summary(fl, b, items)
    span = (start, len(fl.pages[0]))
    printed = brief_sections(fl, b, items)
    brief_tail(fl, b)
    footer: Callable[[int, int], str] = (lambda n, t: f"第 {n} 页,共 {t} 页") if b.footer_half else (lambda n, t: f"第{n}页，共{t}页")
    pdf = P.render(fl, footer, st.size - 1, "c", move_summary_last(span) if b.summary_last else None)
    brief_notes(b, items, len(fl.pages))
    truth = {"kind": "credit_report", "provider": "pboc", "report_number": no, "subject_name": name,
             "accounts": [i.truth for i in printed]}
    return Variant(family=FAMILY_BRIEF, seed=seed, variations=tuple(b.vars), pdf=pdf, truth=truth,
                   notes="简版 truth leaves out status; account_id, closed_on are None and history is [] by design.")


def brief_notes(b: Brief, items: list[BriefItem], pages: int) -> None:
    b.note("31 二代 sentences, zero-padded dates, thousands separators, full legal names" if b.gen2 else
           "32 一代 sentences: unpadded dates, short institution names, 已销户")
    if any("已结清" in i.sentence for i in items):
        b.note("31 settled sentence …YYYY年MM月已结清 (month precision)")
    if any("最近5年内" in i.sentence for i in items):
        b.note("31 overdue clause 最近5年内有N个月处于逾期状态")
    if any("卡片尾号" in i.sentence for i in items):
        b.note("31 card sentence 贷记卡（卡片尾号：NNNN）… 信用额度 …已使用额度")
    b.note("33 item numbers as separate spans left of the sentence" + ("; numbering continuous across sections" if b.continuous else ""))
    b.note(f"33 footer {'第 N 页,共 M 页' if b.footer_half else '第N页，共M页'}; {pages} pages")
    if b.summary_last:
        b.note("33 text order puts the summary table after the page-1 items")
    if not b.sep:
        b.note("31 amounts without thousands separators")


FAMILIES: dict[str, Callable[[int], Variant]] = {FAMILY_DETAIL: build_detail, FAMILY_BRIEF: build_brief}
