"""Helpers shared by the statement parsers: preamble fields, counterparty splitting, row values."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from statistics import median

from generator.dates import DateError, is_date, parse_date
from generator.errors import StatementParseError
from generator.models import Finding, Transaction
from generator.money import AmountError, parse_amount, require_amount
from generator.parsers.layout import (Column, Line, RawRow, _row, body_lines, cells, find_header, group_lines,
                                      header_columns, occupied_spans, rows_by_anchor)
from generator.pdf import Page, PdfDocument, Word

_ACCOUNT_TAIL = re.compile(r"^(?P<name>.*?)[\s,，]*(?P<account>[0-9*＊][0-9*＊\s-]{3,})$")
CURRENCIES = {"人民币": "CNY", "RMB": "CNY", "CNY": "CNY", "美元": "USD", "USD": "USD",
              "港币": "HKD", "HKD": "HKD", "欧元": "EUR", "EUR": "EUR"}


def preamble_field(lines: Sequence[Line], label: str) -> str | None:
    """The value printed after ``label：`` in the preamble, e.g. ``户名：张三`` → ``张三``.
    Spaces inside the label vary (``户  名``), so they are ignored."""
    pattern = re.compile(r"\s*".join(map(re.escape, label)) + r"\s*[:：]\s*(\S+(?:\s\*+\s\S+)*)")
    for line in lines:
        m = pattern.search(line.text(" "))
        if m:
            return m.group(1).strip()
    return None


def split_counterparty(text: str) -> tuple[str, str]:
    """``重庆蚂蚁消费金融有限公司 2088101234567890`` → (name, account); a name alone stays whole."""
    text = text.strip()
    m = _ACCOUNT_TAIL.match(text)
    if m and m["name"] and len(re.sub(r"\D", "", m["account"])) >= 4:
        return m["name"].strip(), re.sub(r"\s", "", m["account"])
    return text, ""


class RowReader:
    """Reads typed values out of a raw row; every error names file, page and row."""

    def __init__(self, file: str, row: RawRow, number: int) -> None:
        self.file, self.row, self.number = file, row, number

    def fail(self, message: str) -> StatementParseError:
        return StatementParseError(self.file, message, page=self.row.page, row=self.number)

    def text(self, key: str) -> str:
        return self.row.texts.get(key, "").strip()

    def date(self, key: str, label: str) -> date:
        try:
            return parse_date(self.text(key))
        except DateError:
            raise self.fail(f"cannot parse date {self.text(key)!r} in column {label}") from None

    def amount(self, key: str, label: str) -> Decimal:
        try:
            return require_amount(self.text(key))
        except AmountError:
            raise self.fail(f"cannot parse amount {self.text(key)!r} in column {label}") from None

    def optional_amount(self, key: str, label: str) -> Decimal | None:
        try:
            return parse_amount(self.text(key))
        except AmountError:
            raise self.fail(f"cannot parse amount {self.text(key)!r} in column {label}") from None


# --------------------------------------------------------------------------- table helpers (boc, bocom, generic)

# Debit/credit flags as printed (spaces removed, upper-cased): ``借 Dr`` is money out.
_OUT_FLAGS = frozenset({"借", "借方", "借DR", "DR", "D", "支出", "支", "出"})
_IN_FLAGS = frozenset({"贷", "贷方", "贷CR", "CR", "C", "收入", "收", "入"})


def clean_cell(text: str) -> str:
    """A text cell of dashes only (BOC prints ``-------`` for "nothing") is empty."""
    stripped = text.strip()
    return "" if stripped and set(stripped) <= set("-—－") else stripped


def flag_sign(flag: str) -> int | None:
    """-1 for money out, +1 for money in, from a debit/credit flag: ``借 Dr`` → -1, ``贷 Cr`` → +1,
    ``支出`` → -1, ``收入`` → +1; None when the flag is not one of these."""
    key = re.sub(r"\s", "", flag).upper()
    if key in _OUT_FLAGS:
        return -1
    if key in _IN_FLAGS:
        return 1
    return None


def table_extent(lines: Sequence[Line], is_row_line: Callable[[Line], bool], max_gap: float) -> list[Line]:
    """The body lines up to the table's last row and the lines that continue it, so that a note
    printed under the table (``本清单仅供参考……``) neither closes the column gutters nor joins a row."""
    last = max((i for i, line in enumerate(lines) if is_row_line(line)), default=-1)
    end = last + 1
    while 0 < end < len(lines) and lines[end].mid_y - lines[end - 1].mid_y <= max_gap:
        end += 1
    return list(lines[:end])


def rows_below_anchor(lines: Sequence[Line], columns: Sequence[Column], page: int,
                      is_anchor: Callable[[dict[str, list[Word]]], bool], max_gap: float) -> list[RawRow]:
    """Rows of a table whose wrapped cells start on the anchor (date) line and continue below it
    (top-aligned cells, as BOCOM prints them; `layout.rows_by_anchor` is for centred cells). Lines
    above the first anchor, or more than `max_gap` below the previous line of their row, are not
    part of the table."""
    groups: list[list[Line]] = []
    for line in lines:
        if is_anchor(cells(line.words, columns)):
            groups.append([line])
        elif groups and line.mid_y - groups[-1][-1].mid_y <= max_gap:
            groups[-1].append(line)
    return [_row(group, group[0], columns, page) for group in groups]


# --------------------------------------------------------------------------- versioned tables (icbc, ccb, abc)


@dataclass(frozen=True)
class TableLayout:
    """One printed version of a format's table header: a name and its (column key, label) pairs in
    printed order. Sample: ``TableLayout("split", (("date", "交易日期"), …, ("credit", "收入金额"),
    ("debit", "支出金额"), …))``. Spaces inside a label do not count (``日 志 号`` is 日志号)."""

    name: str
    columns: tuple[tuple[str, str], ...]

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(label.replace(" ", "") for _, label in self.columns)


@dataclass(frozen=True)
class Table:
    layout: TableLayout
    preamble: tuple[Line, ...]  # page 1 above the header: 户名, 账号, 起止日期 …
    rows: tuple[RawRow, ...]  # in printed order, across pages


def read_table(doc: PdfDocument, file: str, layouts: Sequence[TableLayout], anchor: str,
               is_anchor: Callable[[Sequence[Word]], bool]) -> Table:
    """The rows of a borderless table whose header is printed on every page, keyed by the words of
    column `anchor` that `is_anchor` accepts (a date). The header must be one of `layouts` exactly
    (the same labels in the same order): a header line that is none of them is an error quoting
    it, never a guess. Every page keeps the page-1 layout; a page without a header reuses the
    previous page's columns."""
    layout: TableLayout | None = None
    preamble: tuple[Line, ...] = ()
    columns: list[Column] | None = None
    rows: list[RawRow] = []
    for page in doc.pages():
        lines = group_lines(page.words)
        found = find_layout(file, page.number, lines, layouts, anchor)
        gap = word_gap(page)
        if found is not None:
            index, header, page_layout = found
            if layout is None:
                layout, preamble = page_layout, tuple(lines[:index])
            elif page_layout != layout:
                raise StatementParseError(file, f"table header changes from layout {layout.name} to "
                                                f"{page_layout.name}", page=page.number)
            body = body_lines(page, index, lines)
            columns = table_columns(header, layout.columns, page.width, body)
        elif columns is None:
            names = " / ".join(" ".join(lay.labels) for lay in layouts)
            raise StatementParseError(file, f"table header not found (expected {names})", page=page.number)
        else:
            body = body_lines(page, -1, lines)
        rows.extend(rows_by_anchor(body, columns, page.number, lambda c: is_anchor(c[anchor]), gap))
    assert layout is not None  # page 1 either had a header or raised
    return Table(layout, preamble, tuple(rows))


def find_layout(file: str, page: int, lines: Sequence[Line], layouts: Sequence[TableLayout],
                anchor: str) -> tuple[int, Line, TableLayout] | None:
    """The header line, with spaced labels merged into one word, and the layout it matches. A line
    that holds the anchor label and three or more known labels but matches no layout is a header
    we do not know: an error, since its columns cannot be trusted."""
    labels = {label for lay in layouts for label in lay.labels}
    anchor_label = next(label for key, label in layouts[0].columns if key == anchor).replace(" ", "")
    for index, line in enumerate(lines):
        merged = merge_label_words(line, labels)
        texts = tuple(w.text for w in merged.words)
        for lay in layouts:
            if texts == lay.labels:
                return index, merged, lay
        if anchor_label in texts and len(labels.intersection(texts)) >= 3:
            known = ", ".join(lay.name for lay in layouts)
            raise StatementParseError(file, f"unknown table header {line.text()!r} (known layouts: {known})",
                                      page=page)
    return None


def merge_label_words(line: Line, labels: set[str]) -> Line:
    """Runs of adjacent words that spell a label together (``日`` ``志`` ``号`` → ``日志号``) become one
    word: some banks print spaces inside header labels, and the PDF layer splits words at spaces."""
    words = list(line.words)
    out: list[Word] = []
    i = 0
    while i < len(words):
        end = i + 1
        if words[i].text not in labels:
            for j in range(len(words), i + 1, -1):
                if "".join(w.text for w in words[i:j]) in labels:
                    end = j
                    break
        run = words[i:end]
        out.append(run[0] if len(run) == 1 else Word("".join(w.text for w in run), run[0].x0,
                                                     min(w.top for w in run), run[-1].x1,
                                                     max(w.bottom for w in run), run[0].page))
        i = end
    return Line(tuple(out))


def word_gap(page: Page) -> float:
    """How far (points) a wrapped cell's line may lie from its row's anchor line."""
    heights = [w.bottom - w.top for w in page.words] or [10.0]
    return 2.5 * median(heights)


def booking_order(rows: Sequence[Transaction]) -> list[Transaction]:
    """The rows oldest first, for the balance chain: ICBC, for one, prints the newest row first."""
    if len(rows) > 1 and rows[0].date > rows[-1].date:
        return list(reversed(rows))
    return list(rows)


_CLOCK = re.compile(r"^(?P<h>[01]\d|2[0-3]):?(?P<m>[0-5]\d):?(?P<s>[0-5]\d)$")


def read_time(r: RowReader, key: str, label: str) -> str | None:
    """``143022`` or ``14:30:22`` → ``14:30:22``; an empty cell → None (batch-booked rows print none)."""
    text = clean_cell(r.text(key))
    if not text:
        return None
    m = _CLOCK.match(text)
    if m is None:
        raise r.fail(f"cannot parse time {text!r} in column {label}")
    return f"{m['h']}:{m['m']}:{m['s']}"


def table_columns(header: Line, labels: Sequence[tuple[str, str]], page_width: float,
                  body: Sequence[Line]) -> list[Column]:
    """Columns from a header line whose labels are centred over left- or right-aligned data.

    Between two labels' centres the boundary is a vertical gutter that no body word crosses.
    A right-aligned amount column with short numbers leaves two such gutters (left of the numbers
    and right of them); of several, we take the one that puts the most words on the side of the
    label they lie nearest to, then the widest. Without a gutter, the middle between the labels."""
    found = sorted(((key, _label_word(header, label)) for key, label in labels), key=lambda kw: kw[1].x0)
    words = [w for line in body for w in line.words]
    spans = occupied_spans(words)
    bounds = [0.0]
    for (_, a), (_, b) in zip(found, found[1:]):
        gutters = _gutters(spans, a.mid_x, b.mid_x)
        between = [w for w in words if a.mid_x < w.mid_x < b.mid_x]
        if gutters:
            best = max(gutters, key=lambda g: (_agreement((g[0] + g[1]) / 2, a, b, between), g[1] - g[0]))
            bounds.append((best[0] + best[1]) / 2)
        else:
            bounds.append((a.x1 + b.x0) / 2)
    bounds.append(page_width)
    return [Column(key, bounds[i], bounds[i + 1]) for i, (key, _) in enumerate(found)]


def _label_word(header: Line, label: str) -> Word:
    compact = label.replace(" ", "")
    for word in header.words:
        if word.text.replace(" ", "") == compact:
            return word
    raise LookupError(label)


def _gutters(spans: Sequence[tuple[float, float]], left: float, right: float) -> list[tuple[float, float]]:
    """The free intervals between `left` and `right` that no span covers."""
    edges = [(-1e9, left), *spans, (right, 1e9)]
    out = []
    for (_, end), (start, _) in zip(edges, edges[1:]):
        lo, hi = max(end, left), min(start, right)
        if hi > lo:
            out.append((lo, hi))
    return out


def _agreement(cut: float, a: Word, b: Word, words: Sequence[Word]) -> int:
    """How many `words` lie on the side of `cut` whose label is nearer to them."""
    def distance(w: Word, label: Word) -> float:
        return max(0.0, label.x0 - w.x1, w.x0 - label.x1)

    score = 0
    for w in words:
        da, db = distance(w, a), distance(w, b)
        if da != db:
            score += int((w.mid_x < cut) == (da < db))
    return score


# --------------------------------------------------------------------------- printed totals, date-time cells (alipay, wechat)


@dataclass(frozen=True)
class PrintedTotal:
    """One figure of a summary printed on the document, for the rows whose flow column reads
    `flow` (None: every row). ``支出：12笔 4321.50元`` → ``PrintedTotal("支出", 12, Decimal("4321.50"), 1)``;
    ``共40笔`` → ``PrintedTotal(None, 40, None, 1)``."""

    flow: str | None
    count: int | None
    total: Decimal | None
    page: int


def check_printed_totals(file: str, printed: Sequence[PrintedTotal],
                         rows: Sequence[tuple[str, Transaction]]) -> tuple[str, list[Finding]]:
    """Each printed count and total against the rows (flow as printed, transaction): the total is
    the sum of the amounts as printed (unsigned). Nothing printed → ``not_applicable``."""
    if not printed:
        return "not_applicable", []
    findings: list[Finding] = []
    for p in printed:
        mine = [tx for flow, tx in rows if p.flow is None or flow == p.flow]
        total = sum((abs(tx.amount) for tx in mine), Decimal("0.00"))
        if (p.count is not None and p.count != len(mine)) or (p.total is not None and p.total != total):
            said = _figures(p.count, p.total)
            found = _figures(len(mine) if p.count is not None else None, total if p.total is not None else None)
            findings.append(Finding("printed_totals_failed",
                                    f"{file}:p{p.page}: printed {p.flow or '全部'} {said}, but the rows give {found}"))
    return ("failed" if findings else "ok"), findings


def _figures(count: int | None, total: Decimal | None) -> str:
    return " ".join(s for s in (f"{count}笔" if count is not None else "", f"{total}元" if total is not None else "") if s)


_DATE_AND_TIME = re.compile(r"^(?P<date>\S+?)\s*(?P<time>\d{2}:\d{2}(?::\d{2})?)?$")


def read_date_time(r: RowReader, key: str, label: str) -> tuple[date, str | None]:
    """A 交易时间 cell: ``2025-03-09 14:03:22``, or the same wrapped onto two lines (the rows join
    them as ``2025-03-0914:03:22``), or a date alone → (date, ``HH:MM:SS`` or None)."""
    text = r.text(key)
    m = _DATE_AND_TIME.match(text)
    try:
        if m is None:
            raise DateError(text)
        return parse_date(m["date"]), m["time"]
    except DateError:
        raise r.fail(f"cannot parse date and time {text!r} in column {label}") from None


def aligned_columns(header: Line, labels: Sequence[tuple[str, str]], page_width: float, body: Sequence[Line],
                    right_aligned: frozenset[str] = frozenset()) -> list[Column]:
    """Columns from a header line whose labels are centred over columns of aligned text: every
    column is left-aligned except the keys in `right_aligned` (amounts).

    Text aligned in a cell shares one edge: a left-aligned column's words all start at its left
    edge, a right-aligned one's all end at its right edge. Of the gutters between two labels'
    centres (header words count as occupied), the boundary is the one whose sides carry the most
    such edges, then the widest. Unlike `table_columns`, this stays right on a page where a
    column beside an amount holds only short names (``王*``), whose words lie nearer the amount's
    label than their own; with no aligned edges (centred cells) it falls back to the widest gutter."""
    found = sorted(((key, _label_word(header, label)) for key, label in labels), key=lambda kw: kw[1].x0)
    words = [w for line in body for w in line.words]
    spans = occupied_spans([*words, *header.words])
    bounds = [0.0]
    for (ka, a), (kb, b) in zip(found, found[1:]):
        gutters = _gutters(spans, a.mid_x, b.mid_x)

        def edges(g: tuple[float, float], ka: str = ka, kb: str = kb) -> tuple[int, float]:
            starts = 0 if kb in right_aligned else sum(1 for w in words if abs(w.x0 - g[1]) <= 0.5)
            ends = sum(1 for w in words if abs(w.x1 - g[0]) <= 0.5) if ka in right_aligned else 0
            return starts + ends, g[1] - g[0]

        best = max(gutters, key=edges) if gutters else None
        bounds.append((best[0] + best[1]) / 2 if best else (a.x1 + b.x0) / 2)
    bounds.append(page_width)
    return [Column(key, bounds[i], bounds[i + 1]) for i, (key, _) in enumerate(found)]


@dataclass(frozen=True)
class TopAlignedTable:
    """What `read_top_aligned_table` found: the page-1 lines above the header, the rows in printed
    order, and the lines printed outside the table (the preamble, and from the first line that
    ends the table on each page) with their page number, where summaries are looked for."""

    preamble: tuple[Line, ...]
    rows: tuple[RawRow, ...]
    outside: tuple[tuple[int, Line], ...]


def read_top_aligned_table(doc: PdfDocument, file: str, layout: TableLayout, anchor: str,
                           is_anchor: Callable[[Sequence[Word]], bool], ends_table: Callable[[Line], bool],
                           right_aligned: frozenset[str] = frozenset()) -> TopAlignedTable:
    """A borderless table with top-aligned cells (a record starts on its anchor line and its
    wrapped cells continue below), its header exactly `layout` on page 1 and repeated or not on
    later pages. A line for which `ends_table` holds (a summary, a note) and everything under it
    on that page stay out of the rows, so that a note close under the last row never joins it.
    Pages are read one at a time (proofs can run to hundreds of pages)."""
    columns: list[Column] | None = None
    preamble: list[Line] = []
    rows: list[RawRow] = []
    outside: list[tuple[int, Line]] = []
    for page in doc.pages():
        lines = group_lines(page.words)
        found = find_layout(file, page.number, lines, (layout,), anchor)
        if found is None and columns is None:
            raise StatementParseError(file, f"table header not found (expected {' '.join(layout.labels)})",
                                      page=page.number)
        if page.number == 1 and found is not None:
            preamble = lines[:found[0]]
            outside += [(1, line) for line in preamble]
        body = body_lines(page, -1 if found is None else found[0], lines)
        end = next((i for i, line in enumerate(body) if ends_table(line)), len(body))
        outside += [(page.number, line) for line in body[end:]]
        if found is not None:
            columns = aligned_columns(found[1], layout.columns, page.width, body[:end], right_aligned)
        assert columns is not None
        rows += rows_below_anchor(body[:end], columns, page.number, lambda c: is_anchor(c[anchor]), word_gap(page))
    return TopAlignedTable(tuple(preamble), tuple(rows), tuple(outside))


def date_in_date_column(cells: dict[str, list[Word]]) -> bool:
    """The anchor of a row: one date alone in the column keyed "date"."""
    words = cells["date"]
    return len(words) == 1 and is_date(words[0].text)


def row_gap(page: Page) -> float:
    """How far a wrapped line may sit from its row's date line: 2.5 text heights."""
    heights = [w.bottom - w.top for w in page.words] or [10.0]
    return 2.5 * median(heights)


RowGrouper = Callable[[Sequence[Line], Sequence[Column], int, Callable[[dict[str, list[Word]]], bool], float],
                      list[RawRow]]


@dataclass(frozen=True)
class DatedTable:
    """A statement's rows across pages, keyed by the date column, and the preamble's 户名/账号."""

    holder: str | None
    account: str | None
    rows: list[RawRow]


def line_has_date(line: Line) -> bool:
    return any(is_date(w.text) for w in line.words)


def read_dated_table(doc: PdfDocument, file: str, labels: Sequence[tuple[str, str]], *, header_error: str,
                     group: RowGrouper = rows_by_anchor,
                     header_depth: Callable[[list[Line], int], int] = lambda lines, header: 1,
                     trim_notes: bool = False) -> DatedTable:
    """The page loop the bank parsers share: the header on each page (or the last one seen), the
    preamble on page 1, rows grouped by `group`. `trim_notes` keeps a note printed under the table
    out of the gutter search."""
    holder = account = None
    columns: list[Column] | None = None
    rows: list[RawRow] = []
    for page in doc.pages():
        lines = group_lines(page.words)
        header = find_header(lines, [label for _, label in labels])
        if page.number == 1:
            preamble = lines[:header] if header is not None else lines
            holder, account = preamble_field(preamble, "户名"), preamble_field(preamble, "账号")
        gap = row_gap(page)
        if header is None:
            body = body_lines(page, -1, lines)
        else:
            body = body_lines(page, header, lines, header_depth(lines, header))
            extent = table_extent(body, line_has_date, gap) if trim_notes else body
            columns = header_columns(lines[header], labels, page.width, extent)
        if columns is None:
            raise StatementParseError(file, f"table header {header_error} not found", page=page.number)
        rows.extend(group(body, columns, page.number, date_in_date_column, gap))
    return DatedTable(holder, account, rows)
