"""Helpers shared by the statement parsers: preamble fields, counterparty splitting, typed row values,
printed totals. The table itself is read by table.py."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from generator.dates import DateError, parse_date
from generator.errors import StatementParseError
from generator.models import Finding, Transaction
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


_NON_DIGIT = re.compile(r"\D")
_SPACE = re.compile(r"\s")


def split_counterparty(text: str) -> tuple[str, str]:
    """``重庆蚂蚁消费金融有限公司 2088101234567890`` → (name, account); a name alone stays whole."""
    text = text.strip()
    m = _ACCOUNT_TAIL.match(text)
    if m and m["name"] and len(_NON_DIGIT.sub("", m["account"])) >= 4:
        return m["name"].strip(), _SPACE.sub("", m["account"])
    return text, ""


_SLASHED_ACCOUNT = re.compile(r"^[0-9*＊]*$")


def split_account_name(text: str) -> tuple[str, str]:
    """``50050107360000002979/重庆蚂蚁消费金融有限公司`` → (name, account); a name alone stays whole."""
    account, slash, name = text.partition("/")
    if slash and _SLASHED_ACCOUNT.match(account):
        return name.strip(), account
    return text, ""


class RowReader:
    """Reads typed values out of a raw row; every error names file, page and row."""

    def __init__(self, file: str, row: RawRow, number: int) -> None:
        self.file, self.row, self.number = file, row, number

    def fail(self, code: str, **params: Any) -> StatementParseError:
        return StatementParseError(self.file, code, page=self.row.page, row=self.number, **params)

    def text(self, key: str) -> str:
        return self.row.texts.get(key, "").strip()

    def date(self, key: str, label: str) -> date:
        try:
            return parse_date(self.text(key))
        except DateError:
            raise self.fail("parse.date", text=self.text(key), column=label) from None

    def amount(self, key: str, label: str) -> Decimal:
        try:
            return require_amount(self.text(key))
        except AmountError:
            raise self.fail("parse.amount", text=self.text(key), column=label) from None

    def optional_amount(self, key: str, label: str) -> Decimal | None:
        try:
            return parse_amount(self.text(key))
        except AmountError:
            raise self.fail("parse.amount", text=self.text(key), column=label) from None


_EMPTY_CELLS = frozenset({"（空）", "(空)", "/", "／", "无"})
_EMPTY_STARTS = "-—－（(/／无"


def clean_cell(text: str) -> str:
    """A cell that says "nothing" is empty: dashes only (BOC prints ``-------``), ``（空）`` (ICBC), ``/`` (WeChat)."""
    stripped = text.strip()
    if not stripped or stripped[0] not in _EMPTY_STARTS:
        return stripped
    return "" if set(stripped) <= set("-—－") or stripped in _EMPTY_CELLS else stripped


def booking_order(rows: Sequence[Transaction]) -> list[Transaction]:
    """The rows oldest first, for the balance chain: ICBC, for one, prints the newest row first."""
    if len(rows) > 1 and rows[0].date > rows[-1].date:
        return list(reversed(rows))
    return list(rows)


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
