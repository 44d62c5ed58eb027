"""Typed values out of a PBOC account's cards: dates, amounts, counts; "--" is None, never zero."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from generator.dates import DateError, parse_date
from generator.errors import StatementParseError
from generator.models import SourceRef
from generator.money import AmountError, parse_amount
from generator.parsers.layout import Line
from generator.parsers.pboc_blocks import CAPTION, SENTENCE
from generator.parsers.pboc_cells import Cell
from generator.parsers.pboc_text import fold, folded

MISSING = frozenset({"", "-", "--", "—", "——", "／", "/"})


def given(text: str) -> str | None:
    return None if text.strip() in MISSING else text.strip()


@dataclass(frozen=True)
class Values:
    """The label → value cells of an account's tables, read as typed values; errors name the
    account and quote the text."""

    file: str
    source: SourceRef
    label: str  # "非循环贷账户 账户1"
    cells: dict[str, Cell]

    def fail(self, label: str, code: str) -> StatementParseError:
        cell = self.cells[label]
        return StatementParseError(self.file, code, page=cell.page, row=self.source.row, account=self.label,
                                   text=cell.text, label=label)

    def _raw(self, labels: Sequence[str]) -> tuple[str, str] | None:
        for label in labels:
            cell = self.cells.get(fold(label))
            if cell is not None and cell.text.strip() not in MISSING:
                return fold(label), cell.text.strip()
        return None

    def raw(self, label: str) -> str:
        cell = self.cells.get(fold(label))
        return cell.text.strip() if cell else ""

    def text(self, *labels: str) -> str | None:
        found = self._raw(labels)
        return found[1] if found else None

    def date(self, *labels: str) -> date | None:
        found = self._raw(labels)
        if found is None:
            return None
        try:
            return parse_date(found[1])
        except DateError:
            raise self.fail(found[0], "report.cell_date") from None

    def amount(self, *labels: str) -> Decimal | None:
        found = self._raw(labels)
        if found is None:
            return None
        try:
            return parse_amount(found[1])
        except AmountError:
            raise self.fail(found[0], "report.cell_amount") from None

    def integer(self, *labels: str) -> int | None:
        found = self._raw(labels)
        if found is None:
            return None
        if not found[1].isdigit():
            raise self.fail(found[0], "report.cell_number")
        return int(found[1])


def as_of(caption: Line | None) -> date | None:
    """``截至2025年01月10日`` as a date; a month without a day is not a date: never guess the day."""
    m = CAPTION.match(folded(caption)) if caption else None
    if m is None or m[3] is None:
        return None
    return date(int(m[1]), int(m[2]), int(m[3]))


def sentence_status(line: Line | None) -> tuple[date, str] | None:
    """``截至2024年05月12日，账户状态为“未激活”。`` → (2024-05-12, 未激活)."""
    m = SENTENCE.match(folded(line)) if line else None
    return (date(int(m[1]), int(m[2]), int(m[3])), m[4]) if m else None

