"""Small values every other part of the domain model uses: where a value was printed, a calendar
month, the kinds of document, and the groups of grid codes."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, origin top-left


class PlaceKind(StrEnum):
    """How a person finds a row in an export when they open the file."""

    LINE = "line"  # a CSV or text file: the line in the file, as an editor numbers it
    SHEET_ROW = "sheet_row"  # a workbook (xls, xlsx, ods): the sheet and Excel's row number
    TABLE_ROW = "table_row"  # a web page saved as ".xls": the row of its table, counting the header


@dataclass(frozen=True)
class FilePlace:
    """Where an export's row stands in its file (a PDF's rows have page and row instead):
    ``line 14``; ``sheet 交易明细, row 9``; ``table 1, row 7``. 1-based, counting the preamble."""

    kind: PlaceKind
    number: int  # the line, the sheet's row or the table's row
    sheet: str = ""  # the sheet's name (workbooks)
    table: int = 0  # which of a web page's tables, 1-based (web pages)


@dataclass(frozen=True)
class SourceRef:
    """Where a parsed value was printed: file, 1-based page, 1-based row within the document's
    table (counting across pages), and the row's bounding box on its page."""

    file: str
    page: int
    row: int
    bbox: BBox | None = None
    seq: str | None = None  # the row's own printed 序号, where the document prints one (a citation's best name)
    place: FilePlace | None = None  # an export's row as its file shows it; page and row are then the sheet and its row
    # Read by OCR: the engine's confidence (0-1) in each value of the row, by field name, and in
    # the whole row under "row" (the least of its words); None for a text layer.
    ocr: tuple[tuple[str, float], ...] | None = None

    def location(self) -> str:
        return f"{self.file}:p{self.page}:r{self.row}"


@dataclass(frozen=True, order=True)
class YearMonth:
    """A calendar month as a value. Grid months are told apart by their account and compared as
    values, never looked up by the text "2025-03" across a report (every account has a 2025-03)."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} of {self.year} is not 1-12")

    @classmethod
    def parse(cls, key: str) -> YearMonth:
        """From the key reports and case.toml print: ``2025-03``."""
        year, _, month = key.partition("-")
        return cls(int(year), int(month))

    @classmethod
    def of(cls, day: date) -> YearMonth:
        return cls(day.year, day.month)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def following(self) -> YearMonth:
        return YearMonth(self.year + 1, 1) if self.month == 12 else YearMonth(self.year, self.month + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


class DocumentKind(StrEnum):
    BANK_STATEMENT = "bank_statement"
    PAYMENT_STATEMENT = "payment_statement"
    SETTLEMENT_CERTIFICATE = "settlement_certificate"
    REPAYMENT_SCHEDULE = "repayment_schedule"
    CREDIT_REPORT = "credit_report"


# Grid codes (DOMAIN.md 3.5). An overdue entry is 1-7 or B, as the one-time relief counts one
# (DOMAIN.md 1.9); an adverse month adds the other negative ends of a loan: D 担保人代还, G 结束
# (not a normal close), Z 以资抵债. A 个人声明 speaks of 逾期, so it lists overdue months only.
OVERDUE_CODES = frozenset("1234567B")
ADVERSE_CODES = OVERDUE_CODES | frozenset("DGZ")


def severity(code: str) -> int:
    """How bad a month's code is: 0 for every code that is no overdue (N * C M …), 1-7 for the
    bands, 8 for B and the other adverse ends. A dispute may only ask for a lower one."""
    if code.isdigit():
        return int(code)
    return 8 if code in ADVERSE_CODES else 0
