"""An account's 特殊交易 and 标注及声明 tables: one label row over any number of rows.

``特殊交易类型 | 发生日期 | 变更月数 | 发生金额 | 明细记录`` over ``提前结清  2024.02.20  0  8,400  借款人提前结清…``;
``标注及声明类型 | 标注或声明内容 | 添加日期`` over ``异议标注  信息主体对该账户…  2025.07.05``. Each row is keyed by
the date in its date column; a wrapped cell's other lines (above or below it, vertically centred)
join the nearest date line. A left-aligned cell's short last line stays in its column: boundaries
lie in the widest stretch between two label centres that no body word covers.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from generator.dates import is_date
from generator.documents import SpecialTransaction
from generator.errors import StatementParseError
from generator.models import BBox, SourceRef
from generator.parsers.layout import Line
from generator.parsers.pboc_account import Values
from generator.parsers.pboc_cells import Cell, LabelRow, TableError, Vocabulary, label_rows
from generator.parsers.pboc_text import compact, line_page, union
from generator.pdf import Word

SPECIAL = Vocabulary.of(("特殊交易类型", "发生日期", "变更月数", "发生金额", "明细记录"))
NOTES = Vocabulary.of(("标注及声明类型", "标注或声明内容", "添加日期"))


@dataclass(frozen=True)
class Row:
    texts: dict[str, str]
    page: int
    bbox: BBox


def header_rows(lines: Sequence[Line], vocab: Vocabulary, anchor: str) -> list[Row]:
    """The rows under the first label row of `lines`, one per line holding a date in column `anchor`."""
    rows = label_rows(lines, vocab)
    if not rows or anchor not in {c.label for c in rows[0].cells}:
        raise TableError("report.no_header", lines[0], anchor=anchor)
    head = rows[0]
    body = list(lines[head.last + 1:])
    bounds = _gap_bounds(head, [w for ln in body for w in ln.words])
    labels = [c.label for c in head.cells]
    column = labels.index(anchor)
    anchors = [i for i, ln in enumerate(body)
               if any(bisect_right(bounds, w.mid_x) == column and is_date(w.text) for w in ln.words)]
    if body and not anchors:
        raise TableError("report.row_without", body[0], anchor=anchor)
    groups: dict[int, list[Line]] = {i: [] for i in anchors}
    for i, line in enumerate(body):
        groups[_nearest(body, anchors, i)].append(line)
    return [_row(groups[i], labels, bounds) for i in anchors]


def _gap_bounds(head: LabelRow, words: Sequence[Word]) -> list[float]:
    """Between each two label centres, the middle of the widest stretch no body word covers."""
    out = []
    for a, b in pairwise(head.cells):
        left, right = a.mid_x, b.mid_x
        spans = sorted((max(w.x0, left), min(w.x1, right)) for w in words if w.x1 > left and w.x0 < right)
        best, edge = (0.0, (left + right) / 2), left
        for x0, x1 in spans:
            if x0 - edge > best[0]:
                best = (x0 - edge, (edge + x0) / 2)
            edge = max(edge, x1)
        if right - edge > best[0]:
            best = (right - edge, (edge + right) / 2)
        out.append(best[1])
    return out


def _nearest(body: Sequence[Line], anchors: Sequence[int], i: int) -> int:
    page = line_page(body[i])
    same = [a for a in anchors if line_page(body[a]) == page]
    if not same:  # a row continued on the next page joins the last row before it
        return max((a for a in anchors if a < i), default=anchors[0])
    return min(same, key=lambda a: abs(body[a].mid_y - body[i].mid_y))


def _row(lines: Sequence[Line], labels: Sequence[str], bounds: Sequence[float]) -> Row:
    parts: dict[str, list[str]] = {label: [] for label in labels}
    for line in lines:
        for word in line.words:
            parts[labels[bisect_right(bounds, word.mid_x)]].append(word.text)
    page = line_page(lines[0])
    words = [w for ln in lines if line_page(ln) == page for w in ln.words]
    return Row({k: "".join(v) for k, v in parts.items()}, page, union(words))


def _values(file: str, row: int, label: str, lines: Sequence[Line], vocab: Vocabulary, anchor: str) -> list[Values]:
    """Each row as Values located on its own page and box; errors name the account."""
    if not lines:
        return []
    try:
        rows = header_rows(lines, vocab, anchor)
    except TableError as exc:
        raise StatementParseError(file, "report.account_line", page=line_page(exc.line), row=row, account=label,
                                  problem=exc.msg, line=compact(exc.line)) from None
    return [Values(file, SourceRef(file, r.page, row, r.bbox), label, {k: Cell(t, r.page) for k, t in r.texts.items()})
            for r in rows]


def special(file: str, row: int, label: str, lines: Sequence[Line]) -> tuple[SpecialTransaction, ...]:
    return tuple(SpecialTransaction(v.raw("特殊交易类型"), v.date("发生日期"), v.integer("变更月数"), v.amount("发生金额"),
                                    v.raw("明细记录"), v.source)
                 for v in _values(file, row, label, lines, SPECIAL, "发生日期"))


def notes(file: str, row: int, label: str, lines: Sequence[Line]) -> tuple[str, ...]:
    """Each 标注及声明 as ``异议标注：<content>（添加日期：2025-07-05）``."""
    out = []
    for v in _values(file, row, label, lines, NOTES, "添加日期"):
        added = v.date("添加日期")
        out.append(f"{v.raw('标注及声明类型')}：{v.raw('标注或声明内容')}（添加日期：{added.isoformat() if added else '--'}）")
    return tuple(out)
