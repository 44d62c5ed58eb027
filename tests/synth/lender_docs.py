"""Synthetic lender documents: 结清证明 (settlement certificates) and 还款计划/还款记录 (schedules).

No public real samples exist (FORMATS.md), so these are built from the fields DOMAIN.md 4.1/4.2
lists, in several lenders' wordings:

* a certificate is a list of blocks (title, lines, wrapped paragraphs, label pairs, a small
  ruled table, a right-aligned signature under a red vector seal); paragraphs wrap by character
  as Chinese PDFs do, so a number or date can break across lines;
* a schedule is a borderless table whose header repeats on every page, with a ``第N页/共M页``
  footer; a narrow 实还时间 cell can print its date over its time.

Everything is synthetic. Output is byte-deterministic (ReportLab invariant mode).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from math import cos, pi, sin
from typing import Literal

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .fonts import invariant_reportlab, register_cjk_font

CENT = Decimal("0.01")
PRODUCER = "synthetic lender document generator"
SEAL_RED = (0.85, 0.1, 0.1)
Align = Literal["left", "center", "right"]


def money(value: Decimal) -> str:
    return f"{value.quantize(CENT):,.2f}"


def cn_date(d: date, *, padded: bool = True) -> str:
    """``2025年06月30日`` (padded) or ``2025年6月30日``."""
    return f"{d.year}年{d.month:02d}月{d.day:02d}日" if padded else f"{d.year}年{d.month}月{d.day}日"



def _width(text: str, font: str, size: float) -> float:
    return float(stringWidth(text, font, size))


def _canvas(buffer: io.BytesIO, size: tuple[float, float], title: str) -> Canvas:
    c = Canvas(buffer, pagesize=size, invariant=1, pageCompression=1)
    c.setTitle(title)
    c.setProducer(PRODUCER)
    c.setCreator(PRODUCER)
    c.setAuthor("")
    c.setSubject("")
    return c


# --------------------------------------------------------------------------- certificates


@dataclass(frozen=True)
class Title:
    text: str
    size: float = 18.0


@dataclass(frozen=True)
class Line:
    text: str
    align: Align = "left"
    size: float = 11.0


@dataclass(frozen=True)
class Para:
    """A paragraph wrapped by character at the text width; the first line is indented."""

    text: str
    indent_chars: int = 2
    size: float = 11.0


@dataclass(frozen=True)
class Pairs:
    """One line of ``label：value`` pairs in two columns (a bank form)."""

    pairs: tuple[tuple[str, str], ...]
    size: float = 11.0


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    size: float = 10.0


@dataclass(frozen=True)
class Sign:
    """Right-aligned signature lines (issuer, date); a red seal is drawn over them."""

    lines: tuple[str, ...]
    size: float = 11.0


@dataclass(frozen=True)
class Gap:
    height: float


Block = Title | Line | Para | Pairs | Table | Sign | Gap

MARGIN = 64.0
PITCH = 1.9  # line pitch as a multiple of the font size


def render_certificate(blocks: Sequence[Block], title: str) -> bytes:
    font = register_cjk_font()
    width, height = A4
    buffer = io.BytesIO()
    with invariant_reportlab():
        c = _canvas(buffer, A4, title)
        y = height - 80
        for block in blocks:
            y = _draw_block(c, block, font, y, width)
        c.showPage()
        c.save()
    return buffer.getvalue()


def _draw_block(c: Canvas, block: Block, font: str, y: float, width: float) -> float:
    if isinstance(block, Gap):
        return y - block.height
    if isinstance(block, Title):
        c.setFont(font, block.size)
        c.drawCentredString(width / 2, y, block.text)
        return y - block.size * 2.4
    if isinstance(block, Line):
        return _draw_line(c, block, font, y, width)
    if isinstance(block, Para):
        return _draw_para(c, block, font, y, width)
    if isinstance(block, Pairs):
        c.setFont(font, block.size)
        for i, (label, value) in enumerate(block.pairs):
            c.drawString(MARGIN + i * (width - 2 * MARGIN) / 2, y, f"{label}：{value}")
        return y - block.size * PITCH
    if isinstance(block, Table):
        return _draw_table(c, block, font, y)
    return _draw_sign(c, block, font, y, width)


def _draw_line(c: Canvas, block: Line, font: str, y: float, width: float) -> float:
    c.setFont(font, block.size)
    if block.align == "center":
        c.drawCentredString(width / 2, y, block.text)
    elif block.align == "right":
        c.drawRightString(width - MARGIN, y, block.text)
    else:
        c.drawString(MARGIN, y, block.text)
    return y - block.size * PITCH


def wrap_chars(text: str, font: str, size: float, first: float, rest: float) -> list[str]:
    """Break anywhere (Chinese text has no word spaces), as PDF producers do."""
    lines: list[str] = []
    current = ""
    for ch in text:
        limit = first if not lines else rest
        if current and _width(current + ch, font, size) > limit:
            lines.append(current)
            current = ""
        current += ch
    if current:
        lines.append(current)
    return lines


def _draw_para(c: Canvas, block: Para, font: str, y: float, width: float) -> float:
    indent = block.indent_chars * block.size
    text_width = width - 2 * MARGIN
    c.setFont(font, block.size)
    for i, line in enumerate(wrap_chars(block.text, font, block.size, text_width - indent, text_width)):
        c.drawString(MARGIN + (indent if i == 0 else 0), y, line)
        y -= block.size * PITCH
    return y


def _draw_table(c: Canvas, block: Table, font: str, y: float) -> float:
    row_h = block.size * 2.2
    xs = [MARGIN]
    for w in block.widths:
        xs.append(xs[-1] + w)
    top = y + block.size * 0.9
    c.setFont(font, block.size)
    for r, cells in enumerate((block.headers, *block.rows)):
        base = y - r * row_h
        for i, text in enumerate(cells):
            c.drawCentredString((xs[i] + xs[i + 1]) / 2, base, text)
    bottom = top - row_h * (1 + len(block.rows))
    c.saveState()
    c.setLineWidth(0.6)
    for k in range(len(block.rows) + 2):
        c.line(xs[0], top - k * row_h, xs[-1], top - k * row_h)
    for x in xs:
        c.line(x, top, x, bottom)
    c.restoreState()
    return bottom - block.size * 2


def _draw_sign(c: Canvas, block: Sign, font: str, y: float, width: float) -> float:
    right = width - MARGIN - 20
    c.setFont(font, block.size)
    first_y = y
    for line in block.lines:
        c.drawRightString(right, y, line)
        y -= block.size * PITCH
    longest = max(_width(t, font, block.size) for t in block.lines)
    _draw_seal(c, right - longest / 2, (first_y + y) / 2 + block.size)
    return y


def _draw_seal(c: Canvas, x: float, y: float) -> None:
    """An electronic seal as vector art only: real e-seals are images without a text layer."""
    c.saveState()
    c.setStrokeColorRGB(*SEAL_RED)
    c.setFillColorRGB(*SEAL_RED)
    c.setLineWidth(2.2)
    c.circle(x, y, 44, stroke=1, fill=0)
    c.setLineWidth(0.6)
    c.circle(x, y, 39, stroke=1, fill=0)
    path = c.beginPath()
    for k in range(10):
        r = 13.0 if k % 2 == 0 else 5.5
        a = pi / 2 + k * pi / 5
        px, py = x + r * cos(a), y + r * sin(a)
        path.moveTo(px, py) if k == 0 else path.lineTo(px, py)
    path.close()
    c.drawPath(path, stroke=0, fill=1)
    c.restoreState()


# --------------------------------------------------------------------------- settlement sources


@dataclass(frozen=True)
class SettlementSource:
    """What a certificate prints; None = not printed (the parser must give None)."""

    style: Literal["ant_letter", "zhaolian_table", "bank_form", "brief_letter"]
    lender: str  # the issuer as printed in the signature
    borrower: str
    id_number: str  # masked
    contract_number: str
    principal: Decimal  # the amount; printed as 小写 except in brief_letter (大写 only)
    principal_uppercase: str | None  # 大写 as printed, None where not printed
    disbursed_on: date | None
    settled_on: date
    issued_on: date
    product: str
    serial: str = ""  # 证明编号
    header: str = ""  # a letterhead line above the title
    maturity: date | None = None


def settlement_blocks(s: SettlementSource) -> list[Block]:
    return {"ant_letter": _ant_letter, "zhaolian_table": _zhaolian_table,
            "bank_form": _bank_form, "brief_letter": _brief_letter}[s.style](s)


def _ant_letter(s: SettlementSource) -> list[Block]:
    assert s.disbursed_on is not None
    body = (f"借款人{s.borrower}（身份证号：{s.id_number}）于{cn_date(s.disbursed_on)}通过{s.product}向{s.lender}"
            f"申请借款，借款合同编号{s.contract_number}，借款金额人民币{money(s.principal)}元（大写："
            f"{s.principal_uppercase}）。截至{cn_date(s.settled_on)}，上述借款本息及相关费用已全部结清，"
            "双方债权债务关系终止。")
    return [Gap(10), Title("结清证明"), Line(f"证明编号：{s.serial}", "right", 10), Gap(12), Line("兹证明："),
            Para(body), Para("特此证明。"), Gap(36), Sign((s.lender, cn_date(s.issued_on)))]


def _zhaolian_table(s: SettlementSource) -> list[Block]:
    assert s.disbursed_on is not None
    row = (s.contract_number, s.product, money(s.principal), s.disbursed_on.isoformat(), s.settled_on.isoformat())
    return [Line(s.header, "center", 13), Gap(4), Title("贷款结清证明"), Gap(8),
            Line(f"尊敬的客户 {s.borrower}（证件号码：{s.id_number}）："),
            Para(f"您在我司办理的以下借款已于{cn_date(s.settled_on, padded=False)}结清，特此证明。"),
            Gap(6), Table(("借款编号", "产品名称", "借款金额(元)", "放款日期", "结清日期"), (row,),
                          (130, 70, 90, 88, 88)),
            Para("本证明仅用于证明上述借款的结清情况，如有疑问请致电客服热线。"), Gap(30),
            Sign((s.lender, f"开具日期：{cn_date(s.issued_on)}"))]


def _bank_form(s: SettlementSource) -> list[Block]:
    assert s.disbursed_on is not None and s.maturity is not None
    return [Line(s.header, "center", 13), Gap(4), Title("贷款结清证明"), Line(f"编号：{s.serial}", "right", 10),
            Gap(8),
            Pairs((("借款人姓名", s.borrower), ("证件号码", s.id_number))),
            Pairs((("借据号", s.contract_number), ("产品名称", s.product))),
            Pairs((("贷款金额（小写）", f"¥{money(s.principal)}"), ("贷款金额（大写）", s.principal_uppercase or ""))),
            Pairs((("发放日期", s.disbursed_on.isoformat()), ("到期日期", s.maturity.isoformat()))),
            Gap(6),
            Para(f"经核实，上述借款人在我行的贷款已于{cn_date(s.settled_on)}全部结清，本息已全部收回，特此证明。"),
            Gap(36), Sign((s.lender, cn_date(s.issued_on)))]


def _brief_letter(s: SettlementSource) -> list[Block]:
    return [Gap(10), Title("结清证明书"), Gap(16),
            Para(f"兹证明 {s.borrower}（身份证号：{s.id_number}）在我公司通过{s.product}办理的借款（合同编号："
                 f"{s.contract_number}），借款本金{s.principal_uppercase}，已于{cn_date(s.settled_on, padded=False)}"
                 "结清。"),
            Para("本证明仅证明上述借款已结清，不作他用。"), Gap(36),
            Sign((s.lender, cn_date(s.issued_on, padded=False)))]


def render_settlement(s: SettlementSource) -> bytes:
    return render_certificate(settlement_blocks(s), "结清证明")


# --------------------------------------------------------------------------- schedules


@dataclass(frozen=True)
class PlanRow:
    number: int
    due_date: date
    principal: Decimal
    interest: Decimal
    fees: Decimal
    amount_due: Decimal
    status: str
    paid_at: str | None = None  # "2025-02-13 10:22:05" or "2025-02-13"
    paid_amount: Decimal | None = None
    penalty: Decimal = Decimal("0.00")
    method: str | None = None  # 还款方式


def amortise(principal: Decimal, annual_rate: Decimal, n: int, start: date, due_day: int,
             fee: Decimal = Decimal("0.00")) -> list[PlanRow]:
    """等额本息 by the SPEC convention: payment rounded half-up, interest on the outstanding
    principal, the last installment takes the remaining principal. Status 待还 throughout."""
    r = annual_rate / 12
    payment = (principal * r * (1 + r) ** n / ((1 + r) ** n - 1)).quantize(CENT, ROUND_HALF_UP)
    rows: list[PlanRow] = []
    left = principal
    for k in range(1, n + 1):
        interest = (left * r).quantize(CENT, ROUND_HALF_UP)
        part = left if k == n else payment - interest
        left -= part
        month = start.month - 1 + k
        due = date(start.year + month // 12, month % 12 + 1, due_day)
        rows.append(PlanRow(k, due, part, interest, fee, part + interest + fee, "待还"))
    return rows


@dataclass(frozen=True)
class Col:
    key: str  # number due_date principal interest penalty fees amount_due status paid_at paid_amount method
    label: str
    width: float
    align: Align = "right"


@dataclass(frozen=True)
class ScheduleSource:
    title: str
    preamble: tuple[tuple[str, str], ...]  # label/value pairs, two a line
    columns: tuple[Col, ...]
    rows: tuple[PlanRow, ...]
    number_format: str = "{n}"  # "第{n}/{N}期", "{n}/{N}"
    date_format: str = "%Y-%m-%d"
    paid_stacked: bool = False  # 实还时间 as date over time in a narrow cell
    rows_per_page: int = 20
    total_row: bool = False
    notes: tuple[str, ...] = ()
    wide: bool = False  # landscape
    running_head: str = ""  # printed above the header on pages after the first
    lender: str | None = None  # as printed in the preamble (expected output)
    contract_number: str | None = None


TEXT = 9.0
ROW_H = 24.0
SUB_PITCH = 10.0  # between the two lines of a stacked cell


def _cell_lines(src: ScheduleSource, row: PlanRow, key: str) -> list[str]:
    if key == "number":
        return [src.number_format.format(n=row.number, N=len(src.rows))]
    if key == "due_date":
        return [row.due_date.strftime(src.date_format)]
    if key == "paid_at":
        if row.paid_at is None:
            return ["--"]
        return row.paid_at.split(" ") if src.paid_stacked else [row.paid_at]
    if key == "paid_amount":
        return ["--" if row.paid_amount is None else money(row.paid_amount)]
    if key in ("status", "method"):
        value = getattr(row, key)
        return ["--" if value is None else value]
    return [money(getattr(row, key))]


def _schedule_pages(src: ScheduleSource) -> list[list[PlanRow]]:
    rows = list(src.rows)
    return [rows[i:i + src.rows_per_page] for i in range(0, len(rows), src.rows_per_page)] or [[]]


@dataclass
class _Sheet:
    c: Canvas
    font: str
    width: float
    height: float
    xs: list[float] = field(default_factory=list)


def render_schedule(src: ScheduleSource) -> bytes:
    font = register_cjk_font()
    size = landscape(A4) if src.wide else A4
    buffer = io.BytesIO()
    pages = _schedule_pages(src)
    with invariant_reportlab():
        sheet = _Sheet(_canvas(buffer, size, src.title), font, size[0], size[1])
        total = sum(col.width for col in src.columns)
        sheet.xs = [(size[0] - total) / 2]
        for col in src.columns:
            sheet.xs.append(sheet.xs[-1] + col.width)
        for number, rows in enumerate(pages, start=1):
            y = _schedule_head(sheet, src, number)
            y = _schedule_header(sheet, src, y)
            for row in rows:
                _schedule_row(sheet, src, {col.key: _cell_lines(src, row, col.key) for col in src.columns}, y)
                y -= ROW_H
            if number == len(pages):
                _schedule_tail(sheet, src, y)
            sheet.c.setFont(font, TEXT)
            sheet.c.drawCentredString(sheet.width / 2, 30, f"第{number}页/共{len(pages)}页")
            sheet.c.showPage()
        sheet.c.save()
    return buffer.getvalue()


def _schedule_head(sheet: _Sheet, src: ScheduleSource, page: int) -> float:
    c, y = sheet.c, sheet.height - 60
    if page > 1:
        c.setFont(sheet.font, TEXT)
        c.drawString(sheet.xs[0], y, src.running_head)
        return y - 24
    c.setFont(sheet.font, 16)
    c.drawCentredString(sheet.width / 2, y, src.title)
    y -= 32
    c.setFont(sheet.font, 10)
    half = (sheet.xs[-1] - sheet.xs[0]) / 2
    for i in range(0, len(src.preamble), 2):
        for j, (label, value) in enumerate(src.preamble[i:i + 2]):
            c.drawString(sheet.xs[0] + j * half, y, f"{label}：{value}")
        y -= 18
    return y - 8


def _schedule_header(sheet: _Sheet, src: ScheduleSource, y: float) -> float:
    c = sheet.c
    c.setFont(sheet.font, TEXT)
    for i, col in enumerate(src.columns):
        c.drawCentredString((sheet.xs[i] + sheet.xs[i + 1]) / 2, y, col.label)
    c.saveState()
    c.setLineWidth(0.5)
    c.line(sheet.xs[0], y - 6, sheet.xs[-1], y - 6)
    c.restoreState()
    return y - 6 - ROW_H / 2 - 3


def _schedule_row(sheet: _Sheet, src: ScheduleSource, cells: dict[str, list[str]], mid: float) -> None:
    """Every cell is centred vertically on the row's middle baseline ``mid``."""
    c = sheet.c
    c.setFont(sheet.font, TEXT)
    for i, col in enumerate(src.columns):
        lines = cells.get(col.key, [""])
        first = mid + (len(lines) - 1) / 2 * SUB_PITCH
        for k, text in enumerate(lines):
            yy = first - k * SUB_PITCH
            if col.align == "right":
                c.drawRightString(sheet.xs[i + 1] - 4, yy, text)
            elif col.align == "left":
                c.drawString(sheet.xs[i] + 4, yy, text)
            else:
                c.drawCentredString((sheet.xs[i] + sheet.xs[i + 1]) / 2, yy, text)


def _schedule_tail(sheet: _Sheet, src: ScheduleSource, y: float) -> None:
    if src.total_row:
        sums = {key: money(sum((getattr(r, key) for r in src.rows), Decimal("0.00")))
                for key in ("principal", "interest", "fees", "amount_due")}
        cells = {col.key: [sums[col.key]] for col in src.columns if col.key in sums}
        cells[src.columns[0].key] = ["合计"]
        sheet.c.saveState()
        sheet.c.setLineWidth(0.5)
        sheet.c.line(sheet.xs[0], y + ROW_H / 2 - 2, sheet.xs[-1], y + ROW_H / 2 - 2)
        sheet.c.restoreState()
        _schedule_row(sheet, src, cells, y)
        y -= ROW_H
    sheet.c.setFont(sheet.font, TEXT)
    for note in src.notes:
        sheet.c.drawString(sheet.xs[0], y, note)
        y -= 14
