"""Helpers shared by the statement parsers: preamble fields, counterparty splitting, row values."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal

from generator.dates import DateError, parse_date
from generator.errors import StatementParseError
from generator.money import AmountError, parse_amount, require_amount
from generator.parsers.layout import Column, Line, RawRow, _row, cells
from generator.pdf import Word

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
