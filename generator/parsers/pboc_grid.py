"""An account's repayment history in a PBOC 二代 report, read from word positions.

Two drawings occur (FORMATS-REAL items 20-27):

* the grid under ``2024年02月-2025年01月的还款记录`` (the range cut to the account's life): a month
  header ``1 … 12``, then per year a status row (``N N 1 N … C``) and below it an 逾期（透支）总额
  row (``0 0 1,060 …``). The year sits in the first column: merged over both rows (a line of its
  own between them), on either row, or on the part of a year a page break split off. Years run
  latest first in real reports, oldest first in others. Months outside the window are blank.
  The grid breaks across pages (even between a year's two rows) without repeating the month
  header: columns come from the header's x positions, which every page shares.
* a vertical list under ``最近5年内的历史表现``: ``月份 | 还款状态 | 逾期（透支）总额``, one month a row
  (``2022年04月  C  0``), its title and header repeated after a page break.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from generator.catalogue import Message
from generator.documents import GridMonth
from generator.errors import StatementParseError
from generator.models import SourceRef
from generator.money import AmountError, parse_amount
from generator.parsers.layout import Line
from generator.parsers.pboc_text import compact, fold, folded, line_page, union
from generator.pdf import Word

ANCHOR = re.compile(r"^(\d{4})年(\d{1,2})月[-至](\d{4})年(\d{1,2})月的?还款记录$")
STATUS_ONLY = re.compile(r"^\d{4}年\d{1,2}月[-至]\d{4}年\d{1,2}月的?还款状态$")
LIST_TITLE = re.compile(r"^最近\d+年内?的(?:历史表现|还款记录)$")
LIST_MONTH = re.compile(r"^(\d{4})年(\d{1,2})月$")
CODES = frozenset("N*1234567BCGDZM#/A")
YEAR = re.compile(r"^(\d{4})年?$")
MONTH_LABEL = re.compile(r"^(\d{1,2})月?$")
ROW_LABELS = frozenset(fold(x) for x in ("还款状态", "逾期（透支）总额", "逾期(透支)总额", "年份", "年/月", "年\\月",
                                         "月份", "逾期（透支）", "总额"))


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
    m = ANCHOR.match(folded(line))
    if m is None:
        return None
    return Window(f"{m[1]}-{int(m[2]):02d}", f"{m[3]}-{int(m[4]):02d}")


@dataclass
class GridResult:
    months: tuple[GridMonth, ...]
    missing: tuple[str, ...]  # months of the window the grid does not print


@dataclass
class HistoryError:
    """Builds the errors of one account's history; they name the file, page and account."""

    file: str
    row: int  # the account's ordinal in the report
    label: str  # "非循环贷账户 账户1", for messages

    def at(self, line: Line, code: str, **params: Any) -> StatementParseError:
        return StatementParseError(self.file, "report.account_line", page=line_page(line), row=self.row,
                                   account=self.label, problem=Message(code, params), line=compact(line))

    def month(self, key: str, status: Word, amount: Sequence[Word]) -> GridMonth:
        """One month from its status word and the words of its 逾期（透支）总额 cell (a wide amount
        wraps inside the cell: ``107,56`` over ``5``); no words is no amount."""
        value = None
        text = "".join(w.text for w in amount)
        if text:
            try:
                value = parse_amount(text)
            except AmountError:
                raise StatementParseError(self.file, "report.grid_amount", page=amount[0].page, row=self.row,
                                          account=self.label, text=text, month=key) from None
        words = [status, *(w for w in amount if w.page == status.page)]
        return GridMonth(key, status.text, value, SourceRef(self.file, status.page, self.row, union(words)))


# --------------------------------------------------------------------------- the grid


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
    words = [w for w in line.words if fold(w.text) not in ROW_LABELS]
    if len(words) != 12 or not all(MONTH_LABEL.match(w.text) for w in words):
        return None
    if [int(w.text.rstrip("月")) for w in words] != list(range(1, 13)):
        return None
    centres = tuple(w.mid_x for w in words)
    return _Columns(centres, (centres[-1] - centres[0]) / 22)


@dataclass
class _Row:
    cells: dict[int, Word]
    year: str | None
    line: Line


def _opens_year(row: _Row, status: _Row) -> bool:
    """Whether `row`, under an open status row, is the next year's status row, not its amounts."""
    if set(row.cells) - set(status.cells):
        return True
    return any(w.text in CODES and not w.text.isdigit() for w in row.cells.values())


def _continues(amounts: Sequence[_Row], row: _Row, status: _Row) -> bool:
    """Whether `row` is a further line of an amount row whose cells wrap (``107,56`` over ``5``),
    not the next year's status row: amounts only, in months the status row fills, within a line's
    reach of the previous line; and plainly an amount, or the rest of the cells the first line
    began, or the single-line cells centred between (columns no earlier line used)."""
    previous, line = amounts[-1].line, row.line
    if line.words[0].page != previous.words[0].page or not set(row.cells) <= set(status.cells):
        return False
    if any(w.text in CODES and not w.text.isdigit() for w in row.cells.values()):
        return False
    if line.mid_y - previous.mid_y > 1.5 * max(w.bottom - w.top for w in previous.words):
        return False
    used = {i for r in amounts for i in r.cells}
    return (any(w.text not in CODES for w in row.cells.values()) or set(row.cells) <= set(amounts[0].cells)
            or not set(row.cells) & used)


@dataclass
class _Pair:
    status: _Row
    amounts: list[_Row] = field(default_factory=list)  # the amount row's lines (one unless cells wrap)
    year: str | None = None
    done: bool = False  # the next status row has begun


@dataclass
class GridReader(HistoryError):
    """Reads one account's grid: `read(anchor, lines)` with the lines from the month header on."""

    pairs: list[_Pair] = field(default_factory=list)

    def read(self, anchor: Line, lines: Sequence[Line]) -> GridResult:
        win = window(anchor)
        assert win is not None
        columns = _month_header(lines[0]) if lines else None
        if columns is None:
            raise self.at(lines[0] if lines else anchor, "grid.no_month_header")
        pending: str | None = None
        for line in lines[1:]:
            if _month_header(line) is None:  # some renders repeat the header after a page break
                pending = self._place(self._row(line, columns), pending)
        result = self._months(win)
        if not result.months:
            raise self.at(anchor, "grid.no_months")
        return result

    def _row(self, line: Line, columns: _Columns) -> _Row:
        year: str | None = None
        cells: dict[int, Word] = {}
        for word in line.words:
            if word.mid_x < columns.year_right:
                m = YEAR.match(word.text)
                if m is None and fold(word.text) not in ROW_LABELS:
                    raise self.at(line, "grid.year_column_text", text=word.text)
                year = m[1] if m else year
                continue
            index = columns.index(word)
            if index is None or index in cells:
                raise self.at(line, "grid.unplaced", text=word.text)
            cells[index] = word
        return _Row(cells, year, line)

    def _place(self, row: _Row, pending: str | None) -> str | None:
        """Rows alternate status / amount; a year word belongs to the open pair, or else the next.
        A year whose amounts are all blank prints no amount row: a row that cannot be the open
        pair's amounts (a cell where the status row has none, or a letter code) opens the next."""
        pair = self.pairs[-1] if self.pairs and not self.pairs[-1].done else None
        if not row.cells:
            if pair is not None and pair.year in (None, row.year):
                pair.year = row.year
                return pending
            return row.year or pending
        if pair is not None:
            first = not pair.amounts and not _opens_year(row, pair.status)
            if first or (pair.amounts and _continues(pair.amounts, row, pair.status)):
                pair.amounts.append(row)
                pair.year = pair.year or row.year
                return pending
            pair.done = True
        if not all(w.text in CODES for w in row.cells.values()):
            raise self.at(row.line, "grid.expected_status_row")
        self.pairs.append(_Pair(row, year=row.year or pending))
        return None

    def _months(self, win: Window) -> GridResult:
        allowed = set(win.months())
        out: dict[str, GridMonth] = {}
        for pair in self.pairs:
            if pair.year is None:
                raise self.at(pair.status.line, "grid.no_year")
            for index, word in sorted(pair.status.cells.items()):
                key = f"{pair.year}-{index + 1:02d}"
                if key not in allowed or key in out:
                    raise self.at(pair.status.line, "grid.month_outside", month=key)
                out[key] = self.month(key, word, [r.cells[index] for r in pair.amounts if index in r.cells])
        missing = tuple(sorted(allowed - set(out)))
        return GridResult(tuple(out[k] for k in sorted(out)), missing)


# --------------------------------------------------------------------------- the vertical list


@dataclass
class ListReader(HistoryError):
    """Reads ``最近5年内的历史表现`` lists: `read(lines)` with every line of the list's parts."""

    def read(self, lines: Sequence[Line]) -> GridResult:
        bounds: list[float] | None = None
        out: dict[str, GridMonth] = {}
        for line in lines:
            text = folded(line)
            if LIST_TITLE.match(text):
                continue
            if "月份" in text and "还款状态" in text:
                bounds = _list_bounds(line)
                continue
            if bounds is None:
                raise self.at(line, "history.no_header")
            key, month = self._month(line, bounds)
            if key in out:
                raise self.at(line, "history.month_twice", month=key)
            out[key] = month
        if not out:
            raise self.at(lines[0], "history.no_months")
        return GridResult(tuple(out[k] for k in sorted(out)), ())

    def _month(self, line: Line, bounds: Sequence[float]) -> tuple[str, GridMonth]:
        m = LIST_MONTH.match(line.words[0].text)
        cells: dict[int, Word] = {}
        for word in line.words[1:]:
            index = bisect_right(bounds, word.mid_x)
            if index == 0 or index in cells:
                raise self.at(line, "history.unplaced", text=word.text)
            cells[index] = word
        status = cells.get(1)
        if m is None or status is None or status.text not in CODES:
            raise self.at(line, "history.expected_columns")
        key = f"{m[1]}-{int(m[2]):02d}"
        amount = cells.get(2)
        return key, self.month(key, status, [amount] if amount else [])


def _list_bounds(header: Line) -> list[float]:
    """Boundaries between the three columns: 月份, 还款状态, and the rest (``逾期（透支）`` ``总额``)."""
    words = header.words
    status = next(i for i, w in enumerate(words) if w.text == "还款状态")
    centres = [sum(w.mid_x for w in words[:status]) / max(status, 1), words[status].mid_x,
               (words[status + 1].x0 + words[-1].x1) / 2 if status + 1 < len(words) else words[status].x1 + 50]
    return [(a + b) / 2 for a, b in pairwise(centres)]
