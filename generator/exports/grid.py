"""Rows of cells, whatever the file: CSV or tab-separated text, a web page's tables (html.py), a
workbook's sheets. Every source gives `Sheet`s of text cells numbered as a spreadsheet program
shows them, so that a row cited from an export can be found in it: row 12 of sheet 1.

Cells are text as printed: a workbook's numbers are written back in their shortest exact decimal
form (``1060.3``), its dates as ``2025-03-10 14:03:22``; money is parsed later, by money.py only.
Padding exports add to keep Excel from mangling long numbers (``2025…\\t``, ``="6214…"``,
``'6214…``) and characters that print nothing are removed.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from generator.catalogue import Message
from generator.domain.values import FilePlace, PlaceKind

_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_EXCEL_TEXT = re.compile(r'^="(.*)"$', re.S)
DELIMITERS = (",", "\t", ";", "|")
MAX_CELLS = 2_000_000  # far above any statement (20 000 rows of 40 columns); more is no export
Normaliser = Callable[[str], str]
Cell = int | float | str | bool | time | date | datetime | timedelta


class GridError(ValueError):
    """The file cannot be read as rows of cells; `msg` says why."""

    def __init__(self, code: str, /, **params: object) -> None:
        self.msg = Message(code, params)
        super().__init__(str(self.msg))


@dataclass(frozen=True)
class Sheet:
    """One sheet (a CSV is one sheet, numbered 1): its rows, each a tuple of text cells."""

    number: int  # 1-based, in workbook order: the page of a SourceRef
    name: str  # "" where the file has no sheet names (CSV, text)
    rows: tuple[tuple[str, ...], ...]
    kind: PlaceKind = PlaceKind.SHEET_ROW
    # (table, number) of each row where it is not (0, its index + 1): a CSV row's first line (a
    # quoted cell may hold line breaks), a web page's row in its own table
    places: tuple[tuple[int, int], ...] = ()

    def place(self, index: int) -> FilePlace:
        """Where rows[index] is found by someone who opens the file."""
        table, number = self.places[index] if self.places else (0, index + 1)
        return FilePlace(self.kind, number, self.name, table)


def clean_cell(value: str) -> str:
    """A cell as printed: no padding, no invisible characters, no Excel text wrappers."""
    text = " ".join(_INVISIBLE.sub(" ", value).split())
    m = _EXCEL_TEXT.match(text)
    if m:
        text = m[1].strip()
    if text.startswith("'") and text[1:2].isdigit():
        text = text[1:]
    return text


def grid_rows(cells: Iterable[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    out: list[tuple[str, ...]] = []
    total = 0
    for row in cells:
        cleaned = [clean_cell(c) for c in row]
        while cleaned and not cleaned[-1]:
            cleaned.pop()
        total += len(cleaned)
        if total > MAX_CELLS:
            raise GridError("export.too_many_cells", limit=MAX_CELLS)
        out.append(tuple(cleaned))
    return tuple(out)


# --------------------------------------------------------------------------- text (CSV, TSV)


def text_sheet(text: str, labels: frozenset[str], normalise: Normaliser) -> Sheet:
    """CSV or delimited text. The delimiter is the one that splits the most cells of one row into
    labels the export formats know (a header row has no amounts whose commas could mislead the
    count); on a tie, the one that gives the most rows one width."""
    lines = text.splitlines()
    best = max(DELIMITERS, key=lambda d: (_label_cells(lines, d, labels, normalise), _evenness(lines, d)))
    rows, starts = _numbered(lines, best)
    return Sheet(1, "", grid_rows(rows), PlaceKind.LINE, tuple((0, n) for n in starts))


def _numbered(lines: Sequence[str], delimiter: str) -> tuple[list[list[str]], list[int]]:
    """The rows, and the line each starts on (a row with a quoted line break takes two)."""
    reader = csv.reader(lines, delimiter=delimiter, strict=False)
    rows: list[list[str]] = []
    starts: list[int] = []
    read = 0  # lines consumed before this row
    for row in reader:
        starts.append(read + 1)
        rows.append(row)
        read = reader.line_num
    return rows, starts


def _split(lines: Sequence[str], delimiter: str) -> Iterable[list[str]]:
    return csv.reader(lines, delimiter=delimiter, strict=False)


def _label_cells(lines: Sequence[str], delimiter: str, labels: frozenset[str], normalise: Normaliser) -> int:
    return max((sum(1 for c in row if normalise(clean_cell(c)) in labels) for row in _split(lines[:80], delimiter)),
               default=0)


def _evenness(lines: Sequence[str], delimiter: str) -> int:
    widths = [len(row) for row in _split(lines[:200], delimiter) if len(row) > 1]
    return max((widths.count(w) for w in set(widths)), default=0)


# --------------------------------------------------------------------------- workbooks (xls, xlsx, ods)


def workbook_sheets(data: bytes) -> list[Sheet]:
    """Every sheet of an xls, xlsx or ods workbook, read by python-calamine (imported here only:
    a case of PDFs never loads it)."""
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        with book:
            return [Sheet(i + 1, name, grid_rows([_text(v) for v in row] for row in
                                                 book.get_sheet_by_index(i).to_python(skip_empty_area=False)))
                    for i, name in enumerate(book.sheet_names)]
    except PasswordError:
        raise GridError("export.workbook_password") from None
    except (CalamineError, ValueError, OSError) as exc:
        raise GridError("export.workbook_damaged", detail=_describe(exc)) from None
    except BaseException as exc:
        # calamine's Rust code may panic on a malformed file; pyo3 raises that as PanicException,
        # a BaseException: it is the file's fault, not ours, and must not end the run
        if type(exc).__name__ != "PanicException":
            raise
        raise GridError("export.workbook_damaged", detail=_describe(exc)) from None


def _describe(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _text(value: Cell) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # repr is the shortest text that reads back as the same double: what Excel displays
        return format(Decimal(repr(value)).normalize(), "f") if value == value else ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    return str(value)
