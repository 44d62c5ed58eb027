"""Synthetic 个人信用报告 (PBOC 二代 personal credit report) PDFs: the 详版 and the 简版.

The 详版 mimics the printed report closely enough to exercise a parser (DOMAIN.md section 3):

* page 1: title, 报告编号 / 报告时间, the ruled 被查询者 table, a short 个人基本信息 and 信息概要;
  every later page repeats a running header (个人信用报告 … 报告编号：…) and every page has the
  footer ``第 N 页，共 M 页``;
* 信贷交易信息明细 with the sections （N）非循环贷账户 / 循环额度下分账户 / 循环贷账户 / 贷记卡账户,
  each account ``账户N（授信协议标识：…）`` followed by ruled tables: the 2×6 basic table (label row
  over value row, long names wrap inside their cell), the status block under a ``截至YYYY年MM月DD日``
  caption, the grid ``YYYY年MM月-YYYY年MM月的还款记录`` (a month header 1-12, then per year a status
  row and an 逾期（透支）总额 row; the year cell is merged over both rows, or printed on the amount
  row), then 特殊交易 and 标注及声明 tables;
* account blocks start wherever the previous one ended (mid-page), tables break across pages
  without repeating their header (a grid can even split between a year's two rows);
* full-width punctuation throughout.

The 简版 prints each account as one numbered sentence (wrapping, possibly across a page break).

Everything is synthetic. Output is byte-deterministic: same input, same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .fonts import invariant_reportlab, register_cjk_font

TITLE = "个人信用报告"
PRODUCER = "synthetic credit report generator"
SECTIONS = ("非循环贷账户", "循环额度下分账户", "循环贷账户", "贷记卡账户", "准贷记卡账户")
CARD_SECTIONS = ("贷记卡账户", "准贷记卡账户")
CLOSED = ("结清", "销户", "转出")
NUMERALS = "一二三四五六七八九十"
SELF_NAMES = {"循环额度下分账户": "循环贷账户一", "循环贷账户": "循环贷账户二"}  # the 本人版's names
BANDS = ("31-60", "61-90", "91-180")

# --------------------------------------------------------------------------- source data


@dataclass(frozen=True)
class GridCell:
    month: str  # "2025-03"
    status: str  # N * 1-7 B C G D Z M # /
    overdue: Decimal | None  # 逾期（透支）总额; None prints "--"


@dataclass(frozen=True)
class Special:
    """One 特殊交易 row."""

    kind: str
    on: date
    months: int | None
    amount: Decimal | None
    detail: str


@dataclass(frozen=True)
class Annotation:
    """One 标注及声明 row on an account."""

    kind: str  # 异议标注 | 本人声明 | 其他标注
    text: str
    added_on: date


@dataclass(frozen=True)
class Standing:
    """The status block under 截至YYYY年MM月DD日. A 结清/销户 account prints only status and closing date."""

    status: str
    closed_on: date | None = None
    five_class: str | None = "正常"
    balance: Decimal | None = None  # 余额 (cards: 已用额度)
    remaining: int | None = None
    amount_due: Decimal | None = None
    due_day: date | None = None
    amount_paid: Decimal | None = None
    last_payment_on: date | None = None
    overdue_periods: int | None = 0
    overdue_amount: Decimal | None = Decimal(0)
    overdue_by_age: tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None] = (
        Decimal(0), Decimal(0), Decimal(0), Decimal(0))
    avg_used_6m: Decimal | None = None  # cards only
    max_used: Decimal | None = None
    bill_date: date | None = None

    @property
    def closed(self) -> bool:
        return self.status in CLOSED

    @property
    def inactive(self) -> bool:
        """A card never used prints the sentence 截至〈date〉，账户状态为“未激活” instead of a status card."""
        return self.status == "未激活"


@dataclass(frozen=True)
class Account:
    section: str  # one of SECTIONS
    institution: str  # 管理机构 / 发卡机构
    account_id: str
    opened_on: date
    amount: Decimal  # 借款金额 / 账户授信额度
    account_type: str  # 业务种类
    as_of: date
    standing: Standing
    grid: tuple[GridCell, ...]  # chronological, contiguous months
    due_on: date | None = None
    currency: str = "人民币元"
    guarantee: str = "信用/免担保"
    installments: int | None = 12
    frequency: str | None = "月"
    method: str | None = "分期等额本息"
    joint: str = "无"
    shared_limit: Decimal | None = None  # cards: 共享授信额度
    agreement_id: str | None = None
    special: tuple[Special, ...] = ()
    annotations: tuple[Annotation, ...] = ()
    break_grid_after: int | None = None  # quirk: force a page break after this many grid rows
    card_tail: str | None = None  # cards: （卡片尾号：NNNN） in the heading
    full_card: bool = False  # cards: the full status card (余额, 已用额度, 未出单的大额专项分期余额 …)

    @property
    def is_card(self) -> bool:
        return self.section in CARD_SECTIONS


@dataclass(frozen=True)
class Drawing:
    """How one render draws the same data (FORMATS-REAL section 1). The defaults are our first
    drawing, kept byte for byte; the others are the variations real reports show."""

    version: str = "（本人版）"  # "(授信机构版)", "（个人版）", "（自主查询版）"
    running_header: bool = True  # False: the header block on page 1 only
    footer: str = "第 {page} 页，共 {pages} 页"  # or "第{page}页，共{pages}页"
    heading_space: bool = True  # "一 个人基本信息" or "一个人基本信息"
    agreement: Literal["always", "when_present"] = "always"  # 账户N（授信协议标识：--） or 账户N alone
    half_width: bool = False  # 账户N(授信协议标识:…)
    spaced_number: bool = False  # 账户 3（…）
    self_names: bool = False  # 循环贷账户一 / 循环贷账户二
    every_section: bool = False  # bank render: every sub-section, 被追偿信息 … 授信协议信息, empty ones too
    counts: bool = False  # （二）非循环贷账户（共3笔）
    band: str = "逾期{}天未还本金"  # "逾期 {} 天未还本金"
    dash: str = "-"  # "—", "－"
    label_size: float = 7.5  # larger: long labels wrap inside their cells
    card_labels: Literal["two_rows", "one_row"] = "two_rows"
    history: Literal["grid", "list", "none", "empty_grid"] = "grid"
    legend: bool = False  # the code legend under each grid
    status_grid: bool = False  # a status-only 24-month grid after the main one
    latest: bool = False  # 最新还款记录 (and 大额专项分期 on cards)
    summary_sections: bool = False  # 信息概要 sub-sections naming the account kinds
    later_sections: bool = False  # 机构说明, 非信贷, 公共信息, 本人声明, 查询记录, 报告说明, 编制说明
    missing_amount: str = "--"  # a month without 逾期（透支）总额 ("#", "/"): "--", or a blank cell
    rename: tuple[tuple[str, str], ...] = ()  # section names drawn otherwise (for error tests)

    def section_name(self, section: str) -> str:
        name = SELF_NAMES.get(section, section) if self.self_names else section
        return dict(self.rename).get(name, name)

    def label(self, label: str) -> str:
        """A status label as this render prints it: the overdue bands with their dash and spaces."""
        for band in BANDS:
            if label == f"逾期{band}天未还本金":
                return self.band.format(band.replace("-", self.dash))
        return label


@dataclass(frozen=True)
class Report:
    number: str
    time: str  # "2026-07-19 09:08:07"
    name: str
    id_type: str
    id_number: str  # masked
    accounts: tuple[Account, ...]
    years_descending: bool = False  # newest year first
    year_cell: Literal["merged", "amount"] = "merged"
    query_org: str = "中国人民银行征信中心"
    query_reason: str = "本人查询（互联网个人信用信息服务平台）"
    drawing: Drawing = Drawing()


def numbered(report: Report) -> list[tuple[str, int, Account]]:
    """The accounts in printed order with their 账户N numbers (numbering restarts in each section)."""
    out: list[tuple[str, int, Account]] = []
    for section in SECTIONS:
        members = [a for a in report.accounts if a.section == section]
        out.extend((section, i, a) for i, a in enumerate(members, start=1))
    return out


def grid(start: str, codes: str, amounts: dict[int, Decimal | None] | None = None) -> tuple[GridCell, ...]:
    """Contiguous months from ``start`` ("2024-02"), one status code a character; the 逾期总额 is 0
    unless ``amounts`` gives it (by index; None prints "--")."""
    year, month = (int(p) for p in start.split("-"))
    cells = []
    for i, code in enumerate(codes):
        index = month - 1 + i
        key = f"{year + index // 12:04d}-{index % 12 + 1:02d}"
        overdue = (amounts or {}).get(i, Decimal(0))
        cells.append(GridCell(key, code, overdue))
    return tuple(cells)


# --------------------------------------------------------------------------- printed text


def money(value: Decimal | None) -> str:
    """The report prints whole yuan with separators: ``12,000``; "--" for no value."""
    if value is None:
        return "--"
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def day(value: date | None) -> str:
    return "--" if value is None else f"{value:%Y.%m.%d}"


def whole(value: int | None) -> str:
    return "--" if value is None else str(value)


def basic_rows(a: Account) -> list[list[tuple[str, str]]]:
    if a.is_card:
        return [[("发卡机构", a.institution), ("账户标识", a.account_id), ("开立日期", day(a.opened_on)),
                 ("账户授信额度", money(a.amount)), ("共享授信额度", money(a.shared_limit)), ("币种", a.currency)],
                [("业务种类", a.account_type), ("担保方式", a.guarantee)]]
    return [[("管理机构", a.institution), ("账户标识", a.account_id), ("开立日期", day(a.opened_on)),
             ("到期日期", day(a.due_on)), ("借款金额", money(a.amount)), ("账户币种", a.currency)],
            [("业务种类", a.account_type), ("担保方式", a.guarantee), ("还款期数", whole(a.installments)),
             ("还款频率", a.frequency or "--"), ("还款方式", a.method or "--"), ("共同借款标志", a.joint)]]


def status_rows(a: Account) -> list[list[tuple[str, str]]]:
    """The status card under 截至…, labels as the canonical names (Drawing.label prints them)."""
    s = a.standing
    if s.inactive:
        return []
    if s.closed:
        return [[("账户状态", s.status), ("销户日期" if a.is_card else "账户关闭日期", day(s.closed_on))]]
    if s.status == "呆账":
        return [[("账户状态", s.status), ("余额", money(s.balance)), ("最近一次还款日期", day(s.last_payment_on))]]
    if a.section == "准贷记卡账户":
        return [[("账户状态", s.status), ("透支余额", money(s.balance)), ("透支180天以上未付余额", "0"),
                 ("最近6个月平均透支余额", money(s.avg_used_6m)), ("最大透支余额", money(s.max_used)),
                 ("账单日", day(s.bill_date))],
                [("本月实还款", money(s.amount_paid)), ("最近一次还款日期", day(s.last_payment_on)),
                 ("当前逾期期数", whole(s.overdue_periods)), ("当前逾期总额", money(s.overdue_amount))]]
    if a.is_card and a.full_card:
        return [[("账户状态", s.status), ("余额", money(s.balance)), ("已用额度", money(s.balance)),
                 ("未出单的大额专项分期余额", "0"), ("剩余分期期数", "--"), ("最近6个月平均使用额度", money(s.avg_used_6m)),
                 ("最大使用额度", money(s.max_used))],
                [("账单日", day(s.bill_date)), ("本月应还款", money(s.amount_due)), ("本月实还款", money(s.amount_paid)),
                 ("最近一次还款日期", day(s.last_payment_on)), ("当前逾期期数", whole(s.overdue_periods)),
                 ("当前逾期总额", money(s.overdue_amount))]]
    if a.is_card:
        return [[("账户状态", s.status), ("已用额度", money(s.balance)), ("最近6个月平均使用额度", money(s.avg_used_6m)),
                 ("最大使用额度", money(s.max_used)), ("账单日", day(s.bill_date)), ("本月应还款", money(s.amount_due))],
                [("本月实还款", money(s.amount_paid)), ("最近一次还款日期", day(s.last_payment_on)),
                 ("当前逾期期数", whole(s.overdue_periods)), ("当前逾期总额", money(s.overdue_amount))]]
    ages = ("逾期31-60天未还本金", "逾期61-90天未还本金", "逾期91-180天未还本金", "逾期180天以上未还本金")
    return [[("账户状态", s.status), ("五级分类", s.five_class or "--"), ("余额", money(s.balance)),
             ("剩余还款期数", whole(s.remaining)), ("本月应还款", money(s.amount_due)), ("应还款日", day(s.due_day)),
             ("本月实还款", money(s.amount_paid)), ("最近一次还款日期", day(s.last_payment_on))],
            [("当前逾期期数", whole(s.overdue_periods)), ("当前逾期总额", money(s.overdue_amount)),
             *((label, money(v)) for label, v in zip(ages, s.overdue_by_age))]]


def printed_fields(a: Account) -> dict[str, str | None]:
    """What the parser keeps in `fields`: the status block, plus basic fields without a typed slot."""
    out: dict[str, str | None] = {}
    extra = {"担保方式", "共同借款标志", "共享授信额度"}
    for row in basic_rows(a):
        out.update((k, v) for k, v in row if k in extra)
    for row in status_rows(a):
        out.update(row)
    if a.standing.inactive:
        out["账户状态"] = a.standing.status
    if a.card_tail:
        out["卡片尾号"] = a.card_tail
    return {k: (None if v == "--" else v) for k, v in out.items()}


def window_text(cells: Sequence[GridCell]) -> str:
    first, last = cells[0].month.split("-"), cells[-1].month.split("-")
    return f"{first[0]}年{first[1]}月-{last[0]}年{last[1]}月的还款记录"


# --------------------------------------------------------------------------- page geometry

PAGE_W, PAGE_H = A4
MARGIN = 40.0
TABLE_W = PAGE_W - 2 * MARGIN
BODY_TOP = PAGE_H - 62  # below the running header
FIRST_BODY_TOP = PAGE_H - 112
BODY_BOTTOM = 52.0
FOOTER_Y = 28.0
CELL = 7.5  # type size inside tables
TEXT = 8.5
PITCH = 10.0  # between the lines of a wrapped cell
PAD = 6.0
GRID_ROW = 13.0
GRAY = 0.92


def _w(text: str, font: str, size: float) -> float:
    return float(stringWidth(text, font, size))


def wrap_chars(text: str, font: str, size: float, width: float) -> list[str]:
    """Wrap by characters (Chinese has no spaces to break at)."""
    lines, current = [], ""
    for ch in text:
        if current and _w(current + ch, font, size) > width:
            lines.append(current)
            current = ""
        current += ch
    return lines + [current] if current else lines or [""]


def even_edges(n: int, x0: float = MARGIN, width: float = TABLE_W) -> list[float]:
    return [x0 + width * i / n for i in range(n + 1)]


# --------------------------------------------------------------------------- flow layout


@dataclass(eq=False)
class Unit:
    """A block of fixed height drawn with its top edge at y (PDF coordinates)."""

    height: float
    draw: Callable[[Canvas, float], None]
    page_break: bool = False


@dataclass(eq=False)
class YearCell:
    """The grid's year cell, merged over a year's two rows: drawn once both rows are placed."""

    text: str
    status: Unit
    amount: Unit
    x0: float
    x1: float


@dataclass
class Placed:
    pages: list[list[tuple[Unit, float]]] = field(default_factory=lambda: [[]])
    where: dict[int, tuple[int, float]] = field(default_factory=dict)


def paginate(units: Sequence[Unit]) -> Placed:
    placed = Placed()
    y = FIRST_BODY_TOP
    for unit in units:
        if unit.page_break or (y - unit.height < BODY_BOTTOM and placed.pages[-1]):
            placed.pages.append([])
            y = BODY_TOP
            if unit.page_break:
                continue
        placed.pages[-1].append((unit, y))
        placed.where[id(unit)] = (len(placed.pages) - 1, y)
        y -= unit.height
    return placed


def text_unit(font: str, text: str, size: float, *, x: float = MARGIN, gap: float = 4.0,
              centred: bool = False) -> Unit:
    def draw(c: Canvas, top: float) -> None:
        c.setFont(font, size)
        if centred:
            c.drawCentredString(PAGE_W / 2, top - gap - size, text)
        else:
            c.drawString(x, top - gap - size, text)
    return Unit(size + 2 * gap, draw)


def paragraph_units(font: str, text: str, size: float, indent: float = 0.0) -> list[Unit]:
    lines = wrap_chars(text, font, size, TABLE_W - indent)
    return [text_unit(font, line, size, x=MARGIN + indent, gap=2.0) for line in lines]


def _rule(c: Canvas, segments: Sequence[tuple[float, float, float, float]]) -> None:
    path = c.beginPath()
    for x0, y0, x1, y1 in segments:
        path.moveTo(x0, y0)
        path.lineTo(x1, y1)
    c.drawPath(path, stroke=1, fill=0)


def row_unit(font: str, edges: Sequence[float], texts: Sequence[str], *, label: bool = False,
             size: float = CELL, height: float | None = None, skip_first: bool = False,
             align: Sequence[str] | None = None) -> Unit:
    """One ruled table row: cells between `edges`, text wrapped and centred vertically in its cell.
    `skip_first` leaves the first cell's horizontal rules and text to a merged cell drawn later."""
    cells = [wrap_chars(t, font, size, edges[i + 1] - edges[i] - 4) if t else [] for i, t in enumerate(texts)]
    lines = max([1, *(len(c) for c in cells)])
    h = height if height is not None else lines * PITCH + PAD

    def draw(c: Canvas, top: float) -> None:
        bottom = top - h
        c.saveState()
        c.setLineWidth(0.4)
        if label:
            c.setFillGray(GRAY)
            c.rect(edges[0], bottom, edges[-1] - edges[0], h, stroke=0, fill=1)
            c.setFillGray(0)
        left = edges[1] if skip_first else edges[0]
        _rule(c, [(left, top, edges[-1], top), (left, bottom, edges[-1], bottom),
                  *((x, top, x, bottom) for x in edges)])
        c.restoreState()
        c.setFont(font, size)
        for i, cell in enumerate(cells):
            if skip_first and i == 0:
                continue
            first = top - h / 2 + (len(cell) - 1) * PITCH / 2 - size * 0.35
            for k, line in enumerate(cell):
                y = first - k * PITCH
                if align and align[i] == "left":
                    c.drawString(edges[i] + 3, y, line)
                else:
                    c.drawCentredString((edges[i] + edges[i + 1]) / 2, y, line)
    return Unit(h, draw)


def label_value_units(font: str, rows: Sequence[Sequence[tuple[str, str]]], columns: int,
                      label_size: float = CELL) -> list[Unit]:
    """A ruled two-line-per-row table: label row (grey) over value row, `columns` cells wide."""
    edges = even_edges(columns)
    units = []
    for row in rows:
        labels = [k for k, _ in row] + [""] * (columns - len(row))
        values = [v for _, v in row] + [""] * (columns - len(row))
        units += [row_unit(font, edges, labels, label=True, size=label_size), row_unit(font, edges, values)]
    return units


# --------------------------------------------------------------------------- 详版 blocks

YEAR_W = 46.0
GRID_EDGES = [MARGIN, MARGIN + YEAR_W, *(MARGIN + YEAR_W + (TABLE_W - YEAR_W) * i / 12 for i in range(1, 13))]


def _years(cells: Sequence[GridCell], descending: bool) -> list[str]:
    years = sorted({c.month[:4] for c in cells}, reverse=descending)
    return years


LEGEND = ("还款状态说明：N-正常 *-当月不需要还款且之前没有拖欠 1-逾期1-30天 2-逾期31-60天 3-逾期61-90天 "
          "4-逾期91-120天 5-逾期121-150天 6-逾期151-180天 7-逾期180天以上 C-结清 G-结束 D-担保人代还 Z-以资抵债 "
          "B-呆账 M-约定还款日后月底前还款 #-账户已开立，但当月状态未知 /-跳过")


def list_units(font: str, a: Account) -> list[Unit]:
    """``最近 5 年内的历史表现``: 月份 | 还款状态 | 逾期（透支）总额, latest month first."""
    edges = even_edges(3)
    units = [text_unit(font, "最近 5 年内的历史表现", TEXT, gap=3.0, centred=True),
             row_unit(font, edges, ["月份", "还款状态", "逾期（透支） 总额"], label=True)]
    for cell in reversed(a.grid):
        units.append(row_unit(font, edges, [f"{cell.month[:4]}年{cell.month[5:]}月", cell.status, money(cell.overdue)]))
    return units


def status_grid_units(font: str, a: Account) -> list[Unit]:
    """A status-only grid of the last 24 months: ``2023年02月 - 2025年01月 还款状态`` over one row of codes."""
    cells = a.grid[-24:]
    first, last = cells[0].month, cells[-1].month
    title = f"{first[:4]}年{first[5:]}月 - {last[:4]}年{last[5:]}月 还款状态"
    return [text_unit(font, title, TEXT, gap=3.0),
            row_unit(font, even_edges(24), [c.status for c in cells], height=GRID_ROW)]


def grid_units(font: str, report: Report, a: Account) -> tuple[list[Unit], list[YearCell]]:
    by_month = {c.month: c for c in a.grid}
    units = [text_unit(font, window_text(a.grid), TEXT, gap=3.0),
             row_unit(font, GRID_EDGES, ["", *(str(m) for m in range(1, 13))], label=True, height=GRID_ROW)]
    years: list[YearCell] = []
    rows = 0
    for year in _years(a.grid, report.years_descending):
        cells = [by_month.get(f"{year}-{m:02d}") for m in range(1, 13)]
        codes = ["" if c is None else c.status for c in cells]
        amounts = ["" if c is None else money(c.overdue) if c.overdue is not None else report.drawing.missing_amount
                   for c in cells]
        merged = report.year_cell == "merged"
        status = row_unit(font, GRID_EDGES, ["", *codes], height=GRID_ROW, skip_first=merged)
        amount = row_unit(font, GRID_EDGES, ["" if merged else year, *amounts], height=GRID_ROW, skip_first=merged)
        for unit in (status, amount):
            units.append(unit)
            rows += 1
            if a.break_grid_after is not None and rows == a.break_grid_after:
                units.append(Unit(0, lambda c, top: None, page_break=True))
        if merged:
            years.append(YearCell(year, status, amount, GRID_EDGES[0], GRID_EDGES[1]))
    return units, years


def table_units(font: str, headers: Sequence[str], rows: Sequence[Sequence[str]],
                widths: Sequence[float], align: Sequence[str]) -> list[Unit]:
    edges = [MARGIN]
    for w in widths:
        edges.append(edges[-1] + TABLE_W * w)
    units = [row_unit(font, edges, headers, label=True)]
    units += [row_unit(font, edges, row, align=align) for row in rows]
    return units


def special_units(font: str, a: Account) -> list[Unit]:
    if not a.special:
        return []
    rows = [[s.kind, day(s.on), whole(s.months), money(s.amount), s.detail] for s in a.special]
    return table_units(font, ["特殊交易类型", "发生日期", "变更月数", "发生金额", "明细记录"], rows,
                       (0.16, 0.14, 0.1, 0.14, 0.46), ("c", "c", "c", "c", "left"))


def annotation_units(font: str, a: Account) -> list[Unit]:
    if not a.annotations:
        return []
    rows = [[n.kind, n.text, day(n.added_on)] for n in a.annotations]
    return [text_unit(font, "标注及声明", TEXT, gap=3.0),
            *table_units(font, ["标注及声明类型", "标注或声明内容", "添加日期"], rows, (0.18, 0.64, 0.18),
                         ("c", "left", "c"))]


def heading_text(d: Drawing, number: int, a: Account) -> str:
    """``账户1（授信协议标识：--）``, ``账户 2(卡片尾号:8493)``, ``账户3`` …"""
    left, right, colon = ("(", ")", ":") if d.half_width else ("（", "）", "：")
    parts = []
    if a.agreement_id or d.agreement == "always":
        parts.append(f"{left}授信协议标识{colon}{a.agreement_id or '--'}{right}")
    if a.card_tail:
        parts.append(f"{left}卡片尾号{colon}{a.card_tail}{right}")
    return f"账户{' ' if d.spaced_number else ''}{number}" + "".join(parts)


def _cn_day(d: date) -> str:
    return f"{d.year}年{d:%m}月{d:%d}日"


def card_units(font: str, d: Drawing, a: Account) -> list[Unit]:
    rows = basic_rows(a)
    size = d.label_size
    if a.is_card and d.card_labels == "one_row":
        units = label_value_units(font, [rows[0] + rows[1]], 8, size)
    else:
        units = label_value_units(font, rows, 6, size)
    if a.standing.inactive:
        return units + [text_unit(font, f"截至{_cn_day(a.as_of)}，账户状态为“未激活”。", CELL, gap=4.0, centred=True)]
    units.append(row_unit(font, [MARGIN, MARGIN + TABLE_W], [f"截至{_cn_day(a.as_of)}"], align=["left"]))
    for row in status_rows(a):
        shown = [(d.label(k), v) for k, v in row]
        units += label_value_units(font, [shown], len(row) if len(row) > 6 else 6, size)
    return units


def latest_units(font: str, a: Account) -> list[Unit]:
    """最新还款记录 (and 大额专项分期 on a card): blocks whose labels repeat the status card's."""
    s = a.standing
    if s.closed or s.inactive or not a.grid:
        return []
    units = [text_unit(font, "最新还款记录", TEXT, gap=3.0),
             *label_value_units(font, [[("五级分类", s.five_class or "--"), ("余额", money(s.balance)),
                                        ("还款日期", day(s.last_payment_on)), ("还款金额", money(s.amount_paid)),
                                        ("当前还款状态", a.grid[-1].status)]], 5)]
    if a.is_card:
        units += [text_unit(font, "大额专项分期", TEXT, gap=3.0),
                  *label_value_units(font, [[("大额专项分期额度", "20,000"), ("分期额度生效日期", day(a.opened_on)),
                                             ("分期额度到期日期", "--"), ("已用分期金额", "0")]], 4)]
    return units


def history_units(font: str, report: Report, a: Account) -> tuple[list[Unit], list[YearCell]]:
    d = report.drawing
    if not a.grid or d.history == "none":
        return [], []
    if d.history == "list":
        units, years = list_units(font, a), list[YearCell]()
    elif d.history == "empty_grid":  # the anchor and the month header, and no row
        units, years = grid_units(font, report, a)[0][:2], []
    else:
        units, years = grid_units(font, report, a)
    if d.status_grid:
        units += status_grid_units(font, a)
    if d.legend:
        units += paragraph_units(font, LEGEND, CELL)
    return units, years


def account_units(font: str, report: Report, number: int, a: Account) -> tuple[list[Unit], list[YearCell]]:
    d = report.drawing
    units = [text_unit(font, heading_text(d, number, a), TEXT + 0.5, gap=5.0)]
    units += card_units(font, d, a)
    if d.latest:
        units += latest_units(font, a)
    grid_part, years = history_units(font, report, a)
    units += grid_part + special_units(font, a) + annotation_units(font, a)
    units.append(Unit(6.0, lambda c, top: None))
    return units, years


def _overdue_summary(report: Report) -> list[list[str]]:
    rows = []
    for section in SECTIONS:
        bad = [[c for c in a.grid if c.status in "1234567B"] for a in report.accounts if a.section == section]
        bad = [b for b in bad if b]
        if not bad:
            continue
        worst = max((c.overdue or Decimal(0) for b in bad for c in b), default=Decimal(0))
        longest = max(max(int(c.status) if c.status.isdigit() else 7 for c in b) for b in bad)
        rows.append([report.drawing.section_name(section), str(len(bad)), str(sum(len(b) for b in bad)), money(worst),
                     str(longest)])
    return rows or [["--", "0", "0", "--", "--"]]


def top(d: Drawing, numeral: str, title: str) -> str:
    return f"{numeral}{' ' if d.heading_space else ''}{title}"


def summary_units(font: str, report: Report) -> list[Unit]:
    """信息概要 as the 本人版 prints it: sub-sections whose tables name every kind of account."""
    d = report.drawing
    loans = sum(1 for a in report.accounts if not a.is_card)
    cards = sum(1 for a in report.accounts if a.is_card)
    units = [text_unit(font, "（一）信贷交易信息提示", TEXT + 0.5),
             *table_units(font, ["业务类型", "账户数", "首笔业务发放月份"],
                          [["个人住房贷款", "0", "--"], ["其他类贷款", str(loans), "--"], ["贷记卡", str(cards), "--"]],
                          (0.4, 0.2, 0.4), ("c",) * 3),
             text_unit(font, "（二）信贷交易违约信息概要", TEXT + 0.5)]
    units += [text_unit(font, "逾期（透支）信息汇总", TEXT + 0.5),
              *table_units(font, ["账户类型", "账户数", "月份数", "单月最高逾期（透支）总额", "最长逾期（透支）月数"],
                           _overdue_summary(report), (0.24, 0.14, 0.14, 0.28, 0.2), ("c",) * 5)]
    units.append(text_unit(font, "（三）信贷交易授信及负债信息概要", TEXT + 0.5))
    for section in SECTIONS[:3]:
        members = [a for a in report.accounts if a.section == section]
        units += [text_unit(font, f"{d.section_name(section)}信息汇总", TEXT),
                  *table_units(font, ["管理机构数", "账户数", "授信总额", "余额"],
                               [[str(len({a.institution for a in members})), str(len(members)),
                                 money(sum((a.amount for a in members), Decimal(0))), "--"]],
                               (0.25,) * 4, ("c",) * 4)]
    return units


def front_units(font: str, report: Report) -> list[Unit]:
    d = report.drawing
    units = label_value_units(font, [[("被查询者姓名", report.name), ("被查询者证件类型", report.id_type),
                                      ("被查询者证件号码", report.id_number), ("查询机构", report.query_org),
                                      ("查询原因", report.query_reason)]], 5, d.label_size)
    units += [text_unit(font, top(d, "一", "个人基本信息"), 11, gap=6.0), text_unit(font, "（一）身份信息", TEXT + 0.5)]
    units += label_value_units(font, [[("性别", "男"), ("出生日期", "1990.03.07"), ("婚姻状况", "已婚"),
                                       ("学历", "本科"), ("学位", "学士"), ("就业状况", "在职")]], 6)
    units.append(text_unit(font, top(d, "二", "信息概要"), 11, gap=6.0))
    if d.summary_sections:
        return units + summary_units(font, report)
    units.append(text_unit(font, "逾期（透支）信息汇总", TEXT + 0.5))
    units += table_units(font, ["账户类型", "账户数", "月份数", "单月最高逾期（透支）总额", "最长逾期（透支）月数"],
                         _overdue_summary(report), (0.24, 0.14, 0.14, 0.28, 0.2), ("c",) * 5)
    return units


def recovered_units(font: str) -> list[Unit]:
    """A 被追偿信息 account: a 账户1 block that is not the borrower's own credit account."""
    return [text_unit(font, "账户1", TEXT + 0.5, gap=5.0),
            *label_value_units(font, [[("管理机构", "中国长城资产管理股份有限公司北京市分公司"), ("业务种类", "垫款"),
                                       ("债权接收日期", "2019.11.20"), ("债权金额", "15,429"),
                                       ("债权转移时的还款状态", "逾期180天以上")]], 5),
            row_unit(font, [MARGIN, MARGIN + TABLE_W], ["截至2021年04月23日"], align=["left"]),
            *label_value_units(font, [[("账户状态", "催收"), ("余额", "8,616"), ("最近一次还款日期", "2020.01.15")]], 6)]


def liability_units(font: str) -> list[Unit]:
    return [text_unit(font, "为个人借款承担的相关还款责任", TEXT), text_unit(font, "相关还款责任1", TEXT + 0.5),
            *label_value_units(font, [[("主业务借款人", "王某"), ("管理机构", "中国建设银行股份有限公司上海浦东分行"),
                                       ("业务种类", "个人经营性贷款"), ("开立日期", "2024.01.31"), ("到期日期", "2027.01.31"),
                                       ("责任人类型", "保证人"), ("还款责任金额", "140,000"), ("币种", "人民币元")],
                                      [("余额", "120,000"), ("五级分类", "正常"), ("还款状态", "N"), ("逾期月数", "0")]], 8)]


def agreement_units(font: str) -> list[Unit]:
    return [text_unit(font, "授信协议1", TEXT + 0.5),
            *label_value_units(font, [[("管理机构", "重庆蚂蚁消费金融有限公司"), ("授信协议标识", "JB-LINE-20241101"),
                                       ("生效日期", "2024.11.01"), ("到期日期", "2027.11.01"), ("授信额度用途", "循环贷款额度"),
                                       ("授信限额编号", "--")],
                                      [("授信额度", "30,000"), ("授信限额", "--"), ("已用额度", "6,000"), ("币种", "人民币元")]],
                               6)]


def detail_units(font: str, report: Report) -> tuple[list[Unit], list[YearCell]]:
    """信贷交易信息明细: the account sections (every one, with counts, in a bank render)."""
    d = report.drawing
    units = [text_unit(font, top(d, "三", "信贷交易信息明细"), 11, gap=6.0)]
    years: list[YearCell] = []
    present = [s for s in SECTIONS if any(a.section == s for a in report.accounts)]
    listed = numbered(report)
    k = 0
    others = d.every_section and bool(report.accounts)  # 被追偿, 相关还款责任, 授信协议: not accounts of one's own
    if d.every_section:
        units += [text_unit(font, f"（一）被追偿信息{'（共1笔）' if others and d.counts else ''}", TEXT + 1, gap=5.0),
                  *(recovered_units(font) if others else [text_unit(font, "该类账户无记录", TEXT)])]
        k = 1
    elif not present:
        units.append(text_unit(font, "无", TEXT))
    for section in SECTIONS if d.every_section else present:
        members = [x for x in listed if x[0] == section]
        count = f"（共{len(members)}笔）" if d.counts else ""
        units.append(text_unit(font, f"（{NUMERALS[k]}）{d.section_name(section)}{count}", TEXT + 1, gap=5.0))
        k += 1
        if not members:
            units.append(text_unit(font, "该类账户无记录", TEXT))
        for _, number, account in members:
            part, ys = account_units(font, report, number, account)
            units += part
            years += ys
    if others:
        units += [text_unit(font, f"（{NUMERALS[k]}）相关还款责任信息", TEXT + 1, gap=5.0), *liability_units(font),
                  text_unit(font, f"（{NUMERALS[k + 1]}）授信协议信息", TEXT + 1, gap=5.0), *agreement_units(font)]
    return units, years


NOTICE = ("1．除查询记录外，本报告中的信息是依据截至报告时间个人征信系统记录的信息生成，征信中心不确保其真实性和准确性，"
          "但承诺在信息汇总、加工、整合的全过程中保持客观、中立的地位。",
          "2．如信息记录斜体展示，则说明该信息主体对此条记录存在异议。如对本报告中的信息有异议，可联系数据提供单位，"
          "也可到当地信用报告查询网点提出异议申请。")


def _queries(font: str, report: Report) -> list[Unit]:
    return table_units(font, ["编号", "查询日期", "查询机构", "查询原因"],
                       [["1", report.time[:10].replace("-", "."), report.query_org, "本人查询"]],
                       (0.1, 0.2, 0.4, 0.3), ("c",) * 4)


def later_units(font: str, report: Report) -> list[Unit]:
    """What follows the accounts: 查询记录 and 报告说明, or every later section of a full report."""
    d = report.drawing
    if not d.later_sections:
        return [text_unit(font, top(d, "四", "查询记录"), 11, gap=6.0), *_queries(font, report),
                text_unit(font, "报告说明", 11, gap=6.0), *(u for p in NOTICE for u in paragraph_units(font, p, TEXT))]
    return [text_unit(font, "机构说明", 11, gap=6.0),
            *table_units(font, ["说明内容", "添加日期"], [["该机构已于2023年合并至其他机构", "2023.05.01"]], (0.8, 0.2),
                         ("left", "c")),
            text_unit(font, top(d, "四", "非信贷交易信息明细"), 11, gap=6.0), text_unit(font, "无", TEXT),
            text_unit(font, top(d, "五", "公共信息明细"), 11, gap=6.0), text_unit(font, "（一）住房公积金参缴记录", TEXT + 0.5),
            *label_value_units(font, [[("参缴地", "上海市"), ("参缴日期", "2019.05.29"), ("初缴月份", "2019.05"),
                                       ("缴至月份", "2024.12"), ("缴费状态", "缴交")]], 5),
            text_unit(font, top(d, "六", "本人声明"), 11, gap=6.0), text_unit(font, "信息主体无本人声明。", TEXT),
            text_unit(font, top(d, "七", "查询记录"), 11, gap=6.0), text_unit(font, "机构查询记录明细", TEXT + 0.5),
            *_queries(font, report), text_unit(font, "报告说明", 11, gap=6.0),
            *(u for p in NOTICE for u in paragraph_units(font, p, TEXT)), text_unit(font, "编制说明", 11, gap=6.0),
            *paragraph_units(font, "本报告由中国人民银行征信中心出具，依据截至报告时间个人征信系统记录的信息生成。", TEXT)]


def report_units(font: str, report: Report) -> tuple[list[Unit], list[YearCell]]:
    detail, years = detail_units(font, report)
    return front_units(font, report) + detail + later_units(font, report), years


# --------------------------------------------------------------------------- drawing


def _draw_year_cells(c: Canvas, font: str, years: Sequence[YearCell], placed: Placed, page: int) -> None:
    """A merged year cell spans both rows on one page; split across pages, each part is ruled
    separately and the year is printed in the first part only."""
    for cell in years:
        sp, st = placed.where[id(cell.status)]
        ap, at = placed.where[id(cell.amount)]
        if sp == ap == page:
            _year_part(c, font, cell, st, at - cell.amount.height, cell.text)
        elif sp != ap and sp == page:
            _year_part(c, font, cell, st, st - cell.status.height, cell.text)
        elif sp != ap and ap == page:
            _year_part(c, font, cell, at, at - cell.amount.height, "")


def _year_part(c: Canvas, font: str, cell: YearCell, top: float, bottom: float, text: str) -> None:
    c.saveState()
    c.setLineWidth(0.4)
    _rule(c, [(cell.x0, top, cell.x1, top), (cell.x0, bottom, cell.x1, bottom)])
    c.restoreState()
    if text:
        c.setFont(font, CELL)
        c.drawCentredString((cell.x0 + cell.x1) / 2, (top + bottom) / 2 - CELL * 0.35, text)



def _canvas(buffer: io.BytesIO) -> Canvas:
    c = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(TITLE)
    c.setProducer(PRODUCER)
    c.setCreator(PRODUCER)
    c.setAuthor("")
    c.setSubject("")
    return c


def _chrome(c: Canvas, font: str, number: str, page: int, pages: int, drawing: Drawing) -> None:
    c.setFont(font, TEXT)
    c.drawCentredString(PAGE_W / 2, FOOTER_Y, drawing.footer.format(page=page, pages=pages))
    if page == 1 or not drawing.running_header:
        return
    c.drawString(MARGIN, PAGE_H - 36, TITLE)
    c.drawRightString(PAGE_W - MARGIN, PAGE_H - 36, f"报告编号：{number}")
    c.saveState()
    c.setLineWidth(0.6)
    c.line(MARGIN, PAGE_H - 42, PAGE_W - MARGIN, PAGE_H - 42)
    c.restoreState()


def _title(c: Canvas, font: str, subtitle: str, left: str, right: str) -> None:
    c.setFont(font, 18)
    c.drawCentredString(PAGE_W / 2, PAGE_H - 50, TITLE)
    c.setFont(font, 10)
    c.drawCentredString(PAGE_W / 2, PAGE_H - 68, subtitle)
    c.setFont(font, TEXT)
    c.drawString(MARGIN, PAGE_H - 92, left)
    c.drawRightString(PAGE_W - MARGIN, PAGE_H - 92, right)


def _render(units: Sequence[Unit], first_page: Callable[[Canvas], None], number: str,
            after: Callable[[Canvas, Placed, int], None] | None = None, drawing: Drawing = Drawing()) -> bytes:
    placed = paginate(units)
    font = register_cjk_font()
    buffer = io.BytesIO()
    with invariant_reportlab():
        c = _canvas(buffer)
        for index, page in enumerate(placed.pages):
            _chrome(c, font, number, index + 1, len(placed.pages), drawing)
            if index == 0:
                first_page(c)
            for unit, top in page:
                unit.draw(c, top)
            if after is not None:
                after(c, placed, index)
            c.showPage()
        c.save()
    return buffer.getvalue()


def render_report(report: Report) -> bytes:
    """The 详版 as PDF bytes (deterministic)."""
    font = register_cjk_font()
    units, years = report_units(font, report)
    return _render(units, lambda c: _title(c, font, report.drawing.version, f"报告编号：{report.number}",
                                          f"报告时间：{report.time}"),
                   report.number, lambda c, placed, page: _draw_year_cells(c, font, years, placed, page),
                   report.drawing)


# --------------------------------------------------------------------------- 简版


@dataclass(frozen=True)
class BriefItem:
    """One account of the 简版, printed as a sentence built from these fields."""

    category: str  # 信用卡 | 购房贷款 | 其他贷款
    kind: Literal["loan", "card", "line"]
    opened_on: date
    institution: str
    amount: Decimal  # 发放金额 or 信用额度
    account_type: str  # 其他个人消费贷款, 贷记卡 …
    closed_month: str | None = None  # "2024-05": 已结清 / 已销户
    due_on: date | None = None
    as_of_month: str | None = None  # "2025-07"
    balance: Decimal | None = None  # 余额 (cards: 已使用额度)
    overdue_now: bool = False
    overdue_months: int | None = None  # 最近5年内有N个月处于逾期状态
    over_90: int | None = None  # 其中M个月逾期超过90天
    valid_until: date | None = None  # credit lines: 额度有效期至
    padded: bool = True  # 二代 "2007年06月13日"; 一代 "2007年6月13日"
    card_tail: str | None = None  # 二代 cards: 贷记卡（卡片尾号：NNNN） instead of 贷记卡（人民币账户）
    inactive_month: str | None = None  # cards: 截至YYYY年MM月尚未激活

    @property
    def status(self) -> str:
        if self.closed_month:
            return "销户" if self.kind == "card" else "结清"
        if self.inactive_month:
            return "未激活"
        return "逾期" if self.overdue_now else "正常"

    @property
    def had_overdue(self) -> bool:
        return bool(self.overdue_months) or self.overdue_now


@dataclass(frozen=True)
class BriefReport:
    number: str
    query_time: str  # "2025.08.01 09:30:12"
    report_time: str
    name: str
    id_type: str
    id_number: str
    items: tuple[BriefItem, ...]
    lines_per_page: int = 48  # quirk: a small value breaks a sentence across pages
    query_time_printed: bool = True  # 一代 prints 查询时间 before 报告时间; 二代 only 报告时间
    colon: str = "："  # group headings end in a full- or half-width colon
    long_headings: bool = False  # 发生过逾期的贷记卡账户明细如下 / 从未发生过逾期的账户明细如下
    footer: str = "第 {page} 页，共 {pages} 页"


def _cn(d: date, padded: bool = True) -> str:
    return f"{d.year}年{d:%m}月{d:%d}日" if padded else f"{d.year}年{d.month}月{d.day}日"


def _cn_month(key: str, padded: bool = True) -> str:
    return f"{key[:4]}年{key[5:7]}月" if padded else f"{key[:4]}年{int(key[5:7])}月"


def _history(i: BriefItem) -> str:
    if not i.overdue_months:
        return ""
    over = "没有发生过90天以上逾期" if not i.over_90 else f"其中{i.over_90}个月逾期超过90天"
    return f"最近5年内有{i.overdue_months}个月处于逾期状态，{over}。"


def sentence(i: BriefItem) -> str:
    p = i.padded
    head = _cn(i.opened_on, p) + i.institution
    if i.kind == "line":
        valid = _cn(i.valid_until, p) if i.valid_until else "--"
        text = (f"{head}为{i.account_type}授信，额度有效期至{valid}，可循环使用。截至{_cn_month(i.as_of_month or '', p)}，"
                f"信用额度{money(i.amount)}元（人民币），余额为{money(i.balance)}，当前{'有' if i.overdue_now else '无'}逾期。")
        return text + _history(i)
    if i.kind == "card":
        text = f"{head}发放的{i.account_type}" + (f"（卡片尾号：{i.card_tail}）" if i.card_tail else "（人民币账户）")
        if i.closed_month:
            return text + f"，{_cn_month(i.closed_month, p)}已销户。" + _history(i)
        if i.inactive_month:
            return text + f"，截至{_cn_month(i.inactive_month, p)}尚未激活。"
        unit = "" if i.card_tail else "元"
        return (text + f"，截至{_cn_month(i.as_of_month or '', p)}，信用额度{money(i.amount)}{unit}，"
                f"已使用额度{money(i.balance)}{unit}。" + _history(i))
    text = f"{head}发放的{money(i.amount)}元（人民币）{i.account_type}"
    if i.closed_month:
        return text + f"，{_cn_month(i.closed_month, p)}已结清。" + _history(i)
    due = f"，{_cn(i.due_on, p)}到期" if i.due_on else ""
    now = "当前有逾期" if i.overdue_now else "当前无逾期"
    return (text + f"{due}。截至{_cn_month(i.as_of_month or '', p)}，余额{money(i.balance)}元，{now}。" + _history(i))


def brief_order(report: BriefReport) -> list[tuple[str, int, BriefItem]]:
    """Items in printed order: by category, overdue group first, numbered from 1 in each category."""
    out: list[tuple[str, int, BriefItem]] = []
    for category in ("信用卡", "购房贷款", "其他贷款"):
        members = [i for i in report.items if i.category == category]
        ordered = [i for i in members if i.had_overdue] + [i for i in members if not i.had_overdue]
        out.extend((category, n, i) for n, i in enumerate(ordered, start=1))
    return out


def _brief_summary(report: BriefReport) -> list[Unit]:
    font = register_cjk_font()
    cats = ("信用卡", "购房贷款", "其他贷款")

    def count(pred: Callable[[BriefItem], bool]) -> list[str]:
        return [str(sum(1 for i in report.items if i.category == c and pred(i))) for c in cats]

    rows = [["账户数", *count(lambda i: True)], ["未结清/未销户账户数", *count(lambda i: not i.closed_month)],
            ["发生过逾期的账户数", *count(lambda i: i.had_overdue)],
            ["发生过90天以上逾期的账户数", *count(lambda i: bool(i.over_90))], ["为他人担保笔数", "0", "0", "0"]]
    return table_units(font, ["", *cats], rows, (0.34, 0.22, 0.22, 0.22), ("c",) * 4)


def _brief_items(report: BriefReport) -> list[Unit]:
    font = register_cjk_font()
    units: list[Unit] = []
    listed = brief_order(report)
    for category in ("信用卡", "购房贷款", "其他贷款"):
        members = [(n, i) for c, n, i in listed if c == category]
        if not members:
            continue
        units.append(text_unit(font, category, 10, gap=5.0))
        card = category == "信用卡"
        bad = "发生过逾期的贷记卡账户明细如下" if card and report.long_headings else "发生过逾期的账户明细如下"
        clean = ("从未逾期过的贷记卡及透支未超过60天的准贷记卡账户明细如下" if card else
                 "从未发生过逾期的账户明细如下" if report.long_headings else "从未逾期过的账户明细如下")
        groups = ((bad + report.colon, [m for m in members if m[1].had_overdue]),
                  (clean + report.colon, [m for m in members if not m[1].had_overdue]))
        for title, group in groups:
            if not group:
                continue
            units.append(text_unit(font, title, TEXT, gap=3.0))
            for n, item in group:
                units += _item_units(font, n, sentence(item))
    return units


def _item_units(font: str, n: int, text: str) -> list[Unit]:
    """A numbered sentence with a hanging indent: wrapped lines align after the number."""
    indent = 16.0
    lines = wrap_chars(text, font, TEXT, TABLE_W - indent)
    number = text_unit(font, f"{n}.", TEXT, gap=2.0)
    first = text_unit(font, lines[0], TEXT, x=MARGIN + indent, gap=2.0)

    def draw(c: Canvas, top: float) -> None:
        number.draw(c, top)
        first.draw(c, top)
    return [Unit(first.height, draw), *(text_unit(font, line, TEXT, x=MARGIN + indent, gap=2.0) for line in lines[1:])]


def render_brief(report: BriefReport) -> bytes:
    """The 简版 as PDF bytes (deterministic)."""
    font = register_cjk_font()
    units = [text_unit(font, f"姓名：{report.name}    证件类型：{report.id_type}    证件号码：{report.id_number}    已婚",
                       TEXT, gap=3.0),
             text_unit(font, "信贷记录", 12, gap=6.0)]
    units += paragraph_units(font, "这部分包含您的信用卡、贷款和其他信贷记录。金额类数据均以人民币计算，精确到元。", TEXT)
    units += [text_unit(font, "信息概要", 10, gap=5.0), *_brief_summary(report), *_brief_items(report)]
    units += [text_unit(font, "公共记录", 12, gap=6.0),
              *paragraph_units(font, "系统中没有您最近5年内的欠税记录、民事判决记录、强制执行记录、行政处罚记录及电信欠费记录。", TEXT),
              text_unit(font, "查询记录", 12, gap=6.0),
              *paragraph_units(font, "这部分包含您的信用报告最近2年内被查询的记录。", TEXT),
              text_unit(font, "说明", 12, gap=6.0),
              *paragraph_units(font, "1．除查询记录外，本报告中的信息是依据截至报告时间个人征信系统记录的信息生成。", TEXT)]
    units = _with_line_budget(units, report.lines_per_page)
    times = (f"查询时间：{report.query_time}    " if report.query_time_printed else "") + f"报告时间：{report.report_time}"
    return _render(units, lambda c: _title(c, font, "（本人查询版）", f"报告编号：{report.number}", times),
                   report.number, drawing=Drawing(footer=report.footer))


def _with_line_budget(units: list[Unit], per_page: int) -> list[Unit]:
    """Force a page break every `per_page` units, whatever they hold (one unit is one printed line)."""
    out: list[Unit] = []
    for i, unit in enumerate(units):
        if i and i % per_page == 0:
            out.append(Unit(0, lambda c, top: None, page_break=True))
        out.append(unit)
    return out
