"""The drawing blocks of a synthetic lender certificate: title, lines, wrapped paragraphs, label
pairs, ruled tables (a one-row table under its header, or key/value rows), and a right-aligned
signature under a red vector seal. Paragraphs wrap by character as Chinese PDFs do, so a number
or date can break across lines, or (``keep_runs``) move to the next line whole.

Everything is synthetic. Output is byte-deterministic (ReportLab invariant mode).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from math import cos, pi, sin
from typing import Literal

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .fonts import invariant_reportlab, register_cjk_font

CENT = Decimal("0.01")
PRODUCER = "synthetic lender document generator"
SEAL_RED = (0.85, 0.1, 0.1)
Align = Literal["left", "center", "right"]

def money(value: Decimal) -> str:
    return f"{value.quantize(CENT):,.2f}"


def cn_date(d: date, *, padded: bool = True, spaced: bool = False) -> str:
    """``2025年06月30日`` (padded), ``2025年6月30日``, or ``2025 年 06 月 30 日`` (spaced)."""
    text = f"{d.year}年{d.month:02d}月{d.day:02d}日" if padded else f"{d.year}年{d.month}月{d.day}日"
    return re.sub(r"(?<=\d)(?=[年月日])|(?<=[年月])(?=\d)", " ", text) if spaced else text


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
    keep_runs: bool = False  # a number or Latin word moves to the next line whole


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
class KVTable:
    """A ruled key/value table: ``pairs_per_row`` label/value pairs a row (two or four columns),
    labels centred, values left-aligned and wrapped inside their cell, every row centred
    vertically on its tallest cell; optionally a 项目 | 内容 header row."""

    rows: tuple[tuple[tuple[str, str], ...], ...]
    label_width: float
    value_width: float
    header: tuple[str, str] | None = ("项目", "内容")
    size: float = 10.0


@dataclass(frozen=True)
class Sign:
    """Right-aligned signature lines (issuer, date); a red seal is drawn over them."""

    lines: tuple[str, ...]
    size: float = 11.0


@dataclass(frozen=True)
class Gap:
    height: float


Block = Title | Line | Para | Pairs | Table | KVTable | Sign | Gap

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
    if isinstance(block, KVTable):
        return _draw_kv_table(c, block, font, y)
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


def wrap_runs(text: str, font: str, size: float, first: float, rest: float) -> list[str]:
    """Break between Chinese characters, never inside a run of digits or Latin letters (with its
    trailing space), as word processors do."""
    lines: list[str] = []
    current = ""
    for token in re.findall(r"[0-9A-Za-z,.*¥]+ ?|.", text):
        limit = first if not lines else rest
        if current and _width(current + token.rstrip(), font, size) > limit:
            lines.append(current.rstrip())
            current = ""
        current += token
    if current:
        lines.append(current)
    return lines


def _draw_para(c: Canvas, block: Para, font: str, y: float, width: float) -> float:
    indent = block.indent_chars * block.size
    text_width = width - 2 * MARGIN
    c.setFont(font, block.size)
    wrap = wrap_runs if block.keep_runs else wrap_chars
    for i, line in enumerate(wrap(block.text, font, block.size, text_width - indent, text_width)):
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


def _kv_cells(block: KVTable, font: str, columns: int) -> list[list[list[str]]]:
    """Each row's cells, each cell's lines: labels whole, values wrapped to their cell."""
    rows: list[list[list[str]]] = []
    if block.header:
        rows.append([[block.header[k % 2]] for k in range(columns)])
    for pairs in block.rows:
        cells: list[list[str]] = []
        for label, value in pairs:
            cells += [[label], wrap_chars(value, font, block.size, block.value_width - 8, block.value_width - 8)]
        rows.append(cells + [[""]] * (columns - len(cells)))
    return rows


def _draw_kv_table(c: Canvas, block: KVTable, font: str, y: float) -> float:
    pitch = block.size * 1.3
    widths = [block.label_width, block.value_width] * max(len(r) for r in block.rows)
    xs = [MARGIN]
    for w in widths:
        xs.append(xs[-1] + w)
    c.setFont(font, block.size)
    top = y + block.size
    c.saveState()
    c.setLineWidth(0.6)
    c.line(xs[0], top, xs[-1], top)
    for r, cells in enumerate(_kv_cells(block, font, len(widths))):
        height = max(len(lines) for lines in cells) * pitch + block.size
        mid = top - height / 2 - block.size * 0.35
        for k, lines in enumerate(cells):
            first = mid + (len(lines) - 1) / 2 * pitch
            for n, text in enumerate(lines):
                if k % 2 == 0 or (block.header and r == 0):
                    c.drawCentredString((xs[k] + xs[k + 1]) / 2, first - n * pitch, text)
                else:
                    c.drawString(xs[k] + 4, first - n * pitch, text)
        top -= height
        c.line(xs[0], top, xs[-1], top)
    for x in xs:
        c.line(x, y + block.size, x, top)
    c.restoreState()
    return top - block.size * 2.5


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
