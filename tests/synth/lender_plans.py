"""Synthetic lender repayment schedules (还款计划 / 还款记录): a borderless table whose header
repeats on every page (or stands on page 1 only), with a ``第N页/共M页`` footer; a narrow 实还时间
cell can print its date over its time.

Everything is synthetic. Output is byte-deterministic (ReportLab invariant mode).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from .fonts import invariant_reportlab, register_cjk_font
from .lender_blocks import CENT, Align, _canvas, money

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
    key: str  # number due_date principal interest penalty fees amount_due status paid_at paid_amount method account
    label: str  # "应还总额\n(元)": a label over its unit, the header's other labels centred between
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
    empty: str = "--"  # what an unpaid row prints in its paid cells
    paid_format: str = "%Y-%m-%d"  # the date part of 实还时间 (the source holds ISO dates)
    header_every_page: bool = True
    account: str = ""  # 还款账户 of a paid row


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
            return [src.empty]
        day, _, time = row.paid_at.partition(" ")
        text = date.fromisoformat(day).strftime(src.paid_format) + (f" {time}" if time else "")
        return text.split(" ") if src.paid_stacked else [text]
    if key == "paid_amount":
        return [src.empty if row.paid_amount is None else money(row.paid_amount)]
    if key == "account":
        return [src.account if row.paid_at else src.empty]
    if key in ("status", "method"):
        value = getattr(row, key)
        return [src.empty if value is None else value]
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
            if number == 1 or src.header_every_page:
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
    depth = max(col.label.count("\n") for col in src.columns)
    for i, col in enumerate(src.columns):
        parts = col.label.split("\n")
        first = y - (depth - (len(parts) - 1)) / 2 * SUB_PITCH
        for k, part in enumerate(parts):
            c.drawCentredString((sheet.xs[i] + sheet.xs[i + 1]) / 2, first - k * SUB_PITCH, part)
    y -= depth * SUB_PITCH
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
