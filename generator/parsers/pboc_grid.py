"""The ruled tables of a PBOC 二代 account block, read from word positions (no ruling lines).

Two shapes occur:

* label/value tables: a grey label row over a value row, e.g.
  ``管理机构 账户标识 开立日期 …`` over ``重庆蚂蚁消费金融有限公司 JB24011000123 2024.01.10 …``;
  a long value wraps inside its cell (its lines are joined top to bottom);
* the 5-year grid under ``2024年02月-2025年01月的还款记录``: a month header ``1 … 12``, then per
  year a status row (``N N 1 N … C``) and below it an 逾期（透支）总额 row (``0 0 1,060 …``).
  The year sits in the first column: merged over both rows, on the amount row, or on the part
  of a year that a page break split off. Months outside the window are blank cells.

The grid can break across pages (even between a year's two rows) and the month header is not
repeated there: columns come from the header's x positions, which every page shares.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import groupby, pairwise

from generator.dates import is_date
from generator.documents import GridMonth
from generator.errors import StatementParseError
from generator.models import BBox, SourceRef
from generator.money import AmountError, parse_amount
from generator.parsers.layout import Line, RawRow, header_columns, rows_by_anchor
from generator.pdf import Word

ANCHOR = re.compile(r"^(\d{4})年(\d{1,2})月\s*[-－—–~至]\s*(\d{4})年(\d{1,2})月的还款记录$")
CODES = frozenset("N*1234567BCGDZM#/A")
YEAR = re.compile(r"^(\d{4})年?$")
MONTH_LABEL = re.compile(r"^(\d{1,2})月?$")
FAR_RIGHT = 1e6  # the last column of a header-row table runs to the page's edge, whatever its width
ROW_LABELS = frozenset({"还款状态", "逾期（透支）总额", "逾期(透支)总额", "年份", "年/月", "年\\月", "月份"})


def compact(line: Line) -> str:
    return "".join(w.text for w in line.words)


def line_page(line: Line) -> int:
    return line.words[0].page


def union(words: Sequence[Word]) -> BBox:
    return (min(w.x0 for w in words), min(w.top for w in words),
            max(w.x1 for w in words), max(w.bottom for w in words))


# --------------------------------------------------------------------------- label/value tables


@dataclass(frozen=True)
class Cell:
    text: str  # "" for an empty cell
    page: int


def label_values(lines: Sequence[Line], vocabulary: frozenset[str]) -> dict[str, Cell]:
    """Label rows (every word a known label) each followed by value lines, as label → value.
    A value word belongs to the label whose column it falls in: the boundaries lie halfway
    between neighbouring label centres, since the ruled cells centre both label and value."""
    out: dict[str, Cell] = {}
    labels: list[Word] = []
    values: list[Line] = []
    for line in lines:
        if all(w.text in vocabulary for w in line.words):
            out.update(_read_row(labels, values))
            labels, values = list(line.words), []
        elif not labels or any(w.text in vocabulary for w in line.words):
            raise LookupError(compact(line))
        else:
            values.append(line)
    out.update(_read_row(labels, values))
    return out


def _read_row(labels: Sequence[Word], values: Sequence[Line]) -> dict[str, Cell]:
    if not labels:
        return {}
    bounds = [(a.mid_x + b.mid_x) / 2 for a, b in pairwise(labels)]
    parts: list[list[str]] = [[] for _ in labels]
    pages = [labels[0].page] * len(labels)
    for line in values:  # top to bottom: a wrapped cell's lines join in reading order
        for word in line.words:
            index = bisect_right(bounds, word.mid_x)
            parts[index].append(word.text)
            pages[index] = word.page
    return {w.text: Cell("".join(p), pages[i]) for i, (w, p) in enumerate(zip(labels, parts))}


# --------------------------------------------------------------------------- the grid


@dataclass(frozen=True)
class Window:
    first: str  # "2024-02"
    last: str

    def months(self) -> list[str]:
        out, key = [], self.first
        while key <= self.last:
            out.append(key)
            year, month = int(key[:4]), int(key[5:])
            key = f"{year + month // 12:04d}-{month % 12 + 1:02d}"
        return out


def window(line: Line) -> Window | None:
    m = ANCHOR.match(compact(line))
    if m is None:
        return None
    return Window(f"{m[1]}-{int(m[2]):02d}", f"{m[3]}-{int(m[4]):02d}")


@dataclass(frozen=True)
class _Columns:
    centres: tuple[float, ...]  # months 1..12
    half: float  # half a column's width

    @property
    def year_right(self) -> float:
        return self.centres[0] - self.half

    def index(self, word: Word) -> int | None:
        best = min(range(12), key=lambda i: abs(self.centres[i] - word.mid_x))
        return best if abs(self.centres[best] - word.mid_x) <= self.half else None


def _month_header(line: Line) -> _Columns | None:
    words = [w for w in line.words if MONTH_LABEL.match(w.text)]
    if [int(w.text.rstrip("月")) for w in words] != list(range(1, 13)):
        return None
    centres = tuple(w.mid_x for w in words)
    pitch = (centres[-1] - centres[0]) / 11
    return _Columns(centres, pitch / 2)


@dataclass
class _Row:
    cells: dict[int, Word]
    year: str | None
    line: Line


@dataclass
class _Pair:
    status: _Row
    amount: _Row | None = None
    year: str | None = None


@dataclass
class GridResult:
    months: tuple[GridMonth, ...]
    missing: tuple[str, ...]  # months of the window the grid does not print


@dataclass
class GridReader:
    """Reads one account's grid; errors name the file, page and the account (as the row)."""

    file: str
    row: int  # the account's ordinal in the report
    label: str  # "非循环贷账户 账户1", for messages
    pairs: list[_Pair] = field(default_factory=list)

    def fail(self, line: Line, message: str) -> StatementParseError:
        return StatementParseError(self.file, f"{self.label}: {message} ({compact(line)!r})",
                                   page=line_page(line), row=self.row)

    def read(self, anchor: Line, lines: Sequence[Line]) -> GridResult:
        win = window(anchor)
        assert win is not None
        head = next((i for i, ln in enumerate(lines) if _month_header(ln)), None)
        if head is None or any(compact(ln) for ln in lines[:head]):
            raise self.fail(anchor, "month header 1-12 of the repayment grid not found")
        columns = _month_header(lines[head])
        assert columns is not None
        pending: str | None = None
        for line in lines[head + 1:]:
            row = self._row(line, columns)
            pending = self._place(row, pending)
        if self.pairs and self.pairs[-1].amount is None:
            raise self.fail(self.pairs[-1].status.line, "status row without its 逾期（透支）总额 row")
        return self._months(win)

    def _row(self, line: Line, columns: _Columns) -> _Row:
        year: str | None = None
        cells: dict[int, Word] = {}
        for word in line.words:
            if word.mid_x < columns.year_right:
                m = YEAR.match(word.text)
                if m is None and word.text not in ROW_LABELS:
                    raise self.fail(line, f"unexpected text {word.text!r} in the year column")
                year = m[1] if m else year
                continue
            index = columns.index(word)
            if index is None or index in cells:
                raise self.fail(line, f"cannot place {word.text!r} in a month column")
            cells[index] = word
        return _Row(cells, year, line)

    def _place(self, row: _Row, pending: str | None) -> str | None:
        """Rows alternate status / amount; a year word belongs to the open pair, or else the next."""
        open_pair = self.pairs[-1] if self.pairs and self.pairs[-1].amount is None else None
        if not row.cells:
            if open_pair is not None and open_pair.year in (None, row.year):
                open_pair.year = row.year
                return pending
            return row.year or pending
        if open_pair is None:
            if not all(w.text in CODES for w in row.cells.values()):
                raise self.fail(row.line, "expected a row of status codes")
            self.pairs.append(_Pair(row, year=row.year or pending))
            return None
        open_pair.amount = row
        open_pair.year = open_pair.year or row.year
        return pending

    def _months(self, win: Window) -> GridResult:
        allowed = set(win.months())
        out: dict[str, GridMonth] = {}
        for pair in self.pairs:
            if pair.year is None:
                raise self.fail(pair.status.line, "grid row without a year")
            assert pair.amount is not None
            extra = set(pair.amount.cells) - set(pair.status.cells)
            if extra:
                raise self.fail(pair.amount.line, "逾期（透支）总额 in a month without a status")
            for index, word in sorted(pair.status.cells.items()):
                key = f"{pair.year}-{index + 1:02d}"
                if key not in allowed or key in out:
                    raise self.fail(pair.status.line, f"month {key} outside the window or printed twice")
                out[key] = self._month(key, word, pair.amount.cells.get(index))
        missing = tuple(sorted(allowed - set(out)))
        return GridResult(tuple(out[k] for k in sorted(out)), missing)

    def _month(self, key: str, status: Word, amount: Word | None) -> GridMonth:
        value = None
        words = [status]
        if amount is not None:
            try:
                value = parse_amount(amount.text)
            except AmountError:
                raise StatementParseError(self.file, f"{self.label}: cannot parse 逾期（透支）总额 {amount.text!r} "
                                          f"of {key}", page=amount.page, row=self.row) from None
            if amount.page == status.page:
                words.append(amount)
        return GridMonth(key, status.text, value, SourceRef(self.file, status.page, self.row, union(words)))


# --------------------------------------------------------------------------- header-row tables


def table_rows(file: str, row: int, header: Line, body: Sequence[Line],
               labels: Sequence[tuple[str, str]], anchor: str) -> list[RawRow]:
    """Rows of a header-row table (特殊交易, 标注及声明), keyed by the date in column `anchor`;
    a wrapped cell's lines, centred on their row, join the nearest date line (layout.rows_by_anchor)."""
    try:
        columns = header_columns(header, labels, FAR_RIGHT, body)
    except LookupError as exc:
        raise StatementParseError(file, f"table header {exc.args[0]!r} not found ({compact(header)!r})",
                                  page=line_page(header), row=row) from None
    heights = sorted(w.bottom - w.top for ln in body for w in ln.words) or [10.0]
    max_gap = 4 * heights[len(heights) // 2]
    rows: list[RawRow] = []
    for page, group in groupby(body, key=line_page):
        rows += rows_by_anchor(list(group), columns, page, lambda c: _is_date(c[anchor]), max_gap)
    return rows


def _is_date(words: Sequence[Word]) -> bool:
    return len(words) == 1 and is_date(words[0].text)
