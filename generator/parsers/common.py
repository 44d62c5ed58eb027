"""Helpers shared by the statement parsers: preamble fields, counterparty splitting, row values."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from generator.dates import DateError, parse_date
from generator.errors import StatementParseError
from generator.money import AmountError, parse_amount, require_amount
from generator.parsers.layout import Line, RawRow

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
