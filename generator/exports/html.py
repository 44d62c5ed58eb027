"""A web page's tables as one sheet: what many banks' ".xls" downloads are (an HTML table Excel
opens). Every ``<tr>`` is a row, in page order across tables, numbered as its own table's row; a cell spanning columns is followed
by empty cells so that the columns below it stay in place; text outside any table (a title in
``<h3>``, a line in ``<p>``) is a row of one cell, since it may carry the bank's name.
"""

from __future__ import annotations

from html.parser import HTMLParser

from generator.domain.values import PlaceKind
from generator.exports.grid import Sheet, grid_rows

_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "br", "title", "li", "caption"})
_SKIP = frozenset({"script", "style"})
MAX_SPAN = 64  # columns one cell may span; a larger colspan is a malformed page, not a layout


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.places: list[tuple[int, int]] = []  # (table, its row) of each row; (0, 0) outside tables
        self.tables = 0  # <table> elements seen
        self._open: list[list[int]] = []  # [table, rows so far] of each open table, innermost last
        self._place = (0, 0)
        self._depth = 0  # open tables
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._span = 1
        self._loose: list[str] = []  # text outside tables since the last block boundary
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        if tag == "table":
            self._flush_loose()
            self.tables += 1
            self._depth += 1
            self._open.append([self.tables, 0])
        elif tag == "tr" and self._depth:
            self._end_row()
            self._start_row()
        elif tag in ("td", "th") and self._depth:
            if self._row is None:
                self._start_row()
            self._end_cell()
            self._cell = []
            self._span = _span(dict(attrs).get("colspan"))
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")
        elif tag in _BLOCKS and not self._depth:
            self._flush_loose()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        if tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag == "table" and self._depth:
            self._end_row()
            self._depth -= 1
            if self._open:
                self._open.pop()
        elif tag in _BLOCKS and not self._depth:
            self._flush_loose()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        elif not self._depth:
            self._loose.append(data)

    def close(self) -> None:
        super().close()
        self._end_row()
        self._flush_loose()

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._row.extend([""] * (self._span - 1))
        self._cell = None

    def _start_row(self) -> None:
        self._row = []
        if self._open:
            self._open[-1][1] += 1
            self._place = (self._open[-1][0], self._open[-1][1])

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is not None:
            self.rows.append(self._row)
            self.places.append(self._place)
        self._row = None

    def _flush_loose(self) -> None:
        text = " ".join("".join(self._loose).split())
        if text:
            self.rows.append([text])
            self.places.append((0, 0))
        self._loose = []


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or "1"), MAX_SPAN))
    except ValueError:
        return 1


def html_sheet(text: str) -> tuple[Sheet, int]:
    """The page's rows as one sheet, and how many tables it has (none: no export, whatever its name)."""
    parser = _Tables()
    parser.feed(text)
    parser.close()
    return Sheet(1, "", grid_rows(parser.rows), PlaceKind.TABLE_ROW, tuple(parser.places)), parser.tables
