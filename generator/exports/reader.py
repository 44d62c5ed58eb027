"""The one export reader: every export format's rows, from its declared layouts (spec.py).

The header is the first row, on the first sheet that has one, whose cells name at least
MIN_LABELS columns some format knows; what stands above it (title, preamble, the header) is the
text formats are recognised by, and exactly one must claim it. The claiming format's layouts are
then matched strictly against that row. Below it, every row with two or more cells is a
transaction until a note, total or end marker (a single cell, ``共12笔记录``, ``------``, ``#…``);
the rest of the sheet is outside the table, where printed totals are read. A later sheet with the
same header continues the table.

Rows become Transactions by rows.build_row, as PDF rows do; their SourceRef is (file, sheet
number, the row's number in its sheet, no bbox) and its `place`: the row as a person opening the
file finds it (the CSV's line, the sheet's name and Excel's row number, the web page table's row).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from generator.errors import StatementParseError, UnrecognizedDocument
from generator.exports.grid import Sheet
from generator.exports.spec import ExportFormat, Layout, header_keys, norm_text
from generator.models import FilePlace, Finding, Transaction
from generator.parsers.common import RowReader, clean_cell
from generator.parsers.layout import Line, RawRow
from generator.parsers.rows import Columns, build_row
from generator.parsers.table_spec import NOTE_LINES, norm_label

MIN_LABELS = 3  # a header names at least three columns; a preamble line never does
HEADER_SEARCH = 200  # rows searched for the header: preambles run to about twenty
_NO_BOX = (0.0, 0.0, 0.0, 0.0)
_NO_LINE = Line(())
_END = re.compile(rf"{NOTE_LINES.pattern}|^#|^共\s*\d+\s*笔|^-{{3,}}")


@dataclass(frozen=True)
class Found:
    """Where the table header stands: its sheet, its first row's index, the text above it, and
    its rows: two where English labels stand in a row of their own above or below the Chinese."""

    sheet: Sheet
    index: int
    top: str  # norm_text of the rows down to and including the header
    height: int = 1

    @property
    def rows(self) -> tuple[tuple[str, ...], ...]:
        return self.sheet.rows[self.index:self.index + self.height]

    @property
    def cells(self) -> tuple[str, ...]:
        """Each column's label, its rows' cells joined (``Trans Date 交易日期``): Layout.lookup knows
        a Chinese and an English label run together, as the PDF readers' header cells print them."""
        rows = self.rows
        width = max(len(r) for r in rows)
        return tuple(" ".join(c for r in rows if (c := r[j] if j < len(r) else "")) for j in range(width))


@dataclass
class Table:
    """What was read: each data row with its sheet and row number, the preamble's rows, and the
    rows outside the table (with their sheet number)."""

    layout: Layout
    keys: dict[int, str]
    labels: dict[str, str]
    rows: list[RawRow] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    places: list[FilePlace] = field(default_factory=list)
    preamble: list[tuple[str, ...]] = field(default_factory=list)
    outside: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def find_header(file: str, sheets: Sequence[Sheet], labels: frozenset[str]) -> Found:
    for sheet in sheets:
        for i, row in enumerate(sheet.rows[:HEADER_SEARCH]):
            if _labels(row, labels) >= MIN_LABELS:
                # a row of labels only right below is the same header in the other language (交通银行
                # prints English above the Chinese, 招商银行 below); a data row has a date in it
                height = 2 if i + 1 < len(sheet.rows) and _all_labels(sheet.rows[i + 1], labels) else 1
                top = norm_text("\n".join(" ".join(r) for r in sheet.rows[:i + height]))
                return Found(sheet, i, top, height)
    raise UnrecognizedDocument(file, "export.no_table")


def _labels(row: Sequence[str], labels: frozenset[str]) -> int:
    return sum(1 for c in row if c and norm_label(c) in labels)


def _all_labels(row: Sequence[str], labels: frozenset[str]) -> bool:
    filled = [c for c in row if c]
    return len(filled) >= MIN_LABELS and all(norm_label(c) in labels for c in filled)


def choose_layout(file: str, fmt: type[ExportFormat], found: Found) -> tuple[Layout, dict[int, str]]:
    """The layout whose columns are the header's, fewest unprinted columns first (the user may
    leave some out); none → refused, naming the header and the layouts known."""
    fits = [(layout, keys) for layout in fmt.layouts if (keys := header_keys(found.cells, layout)) is not None]
    if fits:
        return min(fits, key=lambda f: len(f[0].spec.columns) - len(f[1]))
    printed = " | ".join(c for c in found.cells if c)
    known = "; ".join(f"{lay.version}: " + " ".join(c.labels[0] for c in lay.spec.columns) for lay in fmt.layouts)
    raise StatementParseError(file, "export.unknown_layout", page=found.sheet.number, row=found.index + 1,
                              format=fmt.name, printed=printed, known=known)


def read_table(file: str, sheets: Sequence[Sheet], found: Found, layout: Layout, keys: dict[int, str]) -> Table:
    labels = {key: found.cells[i] for i, key in keys.items()}
    table = Table(layout, keys, labels, preamble=list(found.sheet.rows[:found.index]))
    start = sheets.index(found.sheet)
    _read_sheet(table, found.sheet, found.index, found.rows)
    for sheet in sheets[start + 1:]:
        index = next((i for i, row in enumerate(sheet.rows[:HEADER_SEARCH]) if row == found.rows[0]), None)
        if index is not None:
            _read_sheet(table, sheet, index, found.rows)
        elif any(any(row) for row in sheet.rows):
            table.findings.append(Finding("sheet_not_read", f"{file}:p{sheet.number}: sheet {sheet.name!r} has no "
                                          f"table header like sheet {found.sheet.number}'s; not read",
                                          values=(file, sheet.name, found.sheet.name)))
    return table


def _read_sheet(table: Table, sheet: Sheet, header: int, header_rows: Sequence[tuple[str, ...]]) -> None:
    ended = False
    prefer = table.layout.prefer
    for i in range(header + len(header_rows), len(sheet.rows)):
        row = sheet.rows[i]
        filled = [c for c in row if c]
        if not filled or row in header_rows:
            continue  # blank, or the header repeated (a web page's pages)
        ended = ended or len(filled) == 1 or bool(_END.match(filled[0]))
        if ended:
            table.outside.append((sheet.number, row))
            continue
        texts = {key: row[j] if j < len(row) else "" for j, key in table.keys.items()}
        for key, better in prefer:
            if clean_cell(texts.get(better, "")):
                texts[key] = texts[better]
        table.rows.append(RawRow(sheet.number, texts, _NO_BOX, _NO_LINE))
        table.numbers.append(i + 1)
        table.places.append(sheet.place(i))


def transactions(file: str, fmt: type[ExportFormat], table: Table,
                 currency: str) -> tuple[list[tuple[str, Transaction]], list[tuple[str, Transaction]]]:
    """(flow, transaction) of every row, and of the rows that moved money (void ones left out)."""
    spec = table.layout.spec
    keys = frozenset(table.keys.values())
    columns = Columns(keys, (), table.labels, spec.anchor, tuple(k for k in spec.description if k in keys),
                      spec.names_only)
    rule = next(r for r in spec.amounts if all(k in keys for k in r.needs))
    every: list[tuple[str, Transaction]] = []
    kept: list[tuple[str, Transaction]] = []
    void: list[tuple[tuple[str, Transaction], str]] = []
    for raw, number, place in zip(table.rows, table.numbers, table.places):
        flow, tx = build_row(RowReader(file, raw, number), columns, rule, currency)
        row = (fmt.totals.flow(flow) if fmt.totals else flow,
               replace(tx, source=replace(tx.source, bbox=None, place=place)))
        every.append(row)
        status = raw.texts.get(fmt.void.column, "") if fmt.void else ""
        if fmt.void and status in fmt.void.statuses:
            void.append((row, status))
        else:
            kept.append(row)
    if void:
        table.findings.append(Finding("void_rows", "closed or failed payments, which moved no money, are not counted: "
                                      + ", ".join(f"{tx.source.location()} ({raw})" for (_, tx), raw in void[:5])
                                      + (f" and {len(void) - 5} more" if len(void) > 5 else ""),
                                      tuple(tx.source for (_, tx), _ in void), tuple(raw for _, raw in void)))
    return every, kept
