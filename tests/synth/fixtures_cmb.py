"""The CMB fixture set: each entry builds one synthetic statement (fictional people)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

from synth.cmb import CmbRow, CmbStatement, make_rows, render_cmb_statement

ANT = "重庆蚂蚁消费金融有限公司 2088101234567890"
WEBANK = "深圳前海微众银行股份有限公司 755912345678"


def _repayments(day: int, amount: str, months: int, start: date, payee: str) -> list[tuple[date, Decimal, str]]:
    out = []
    for k in range(months):
        m = start.month - 1 + k
        out.append((date(start.year + m // 12, m % 12 + 1, day), Decimal(amount), payee))
    return out


def cmb_basic() -> CmbStatement:
    rows = make_rows(1, 24, date(2025, 3, 1), Decimal("4200.00"),
                     repayments=_repayments(9, "1060.30", 2, date(2025, 3, 1), ANT))
    return CmbStatement("王芳", "6214********1234", date(2025, 3, 1), date(2025, 4, 30), rows)


def cmb_multipage() -> CmbStatement:
    rows = make_rows(2, 75, date(2025, 1, 1), Decimal("800.00"),
                     repayments=_repayments(15, "532.18", 4, date(2025, 1, 1), WEBANK))
    return CmbStatement("赵子昇", "6225********0088", date(2025, 1, 1), date(2025, 6, 30), rows, rows_per_page=20)


def cmb_landscape() -> CmbStatement:
    return replace(cmb_basic(), landscape=True, holder="欧阳禕")


def cmb_reordered() -> CmbStatement:
    """Two same-day rows printed in the reverse of their booking order: the chain still closes."""
    rows = list(cmb_basic().rows)
    i = next(i for i in range(len(rows) - 1) if rows[i].date == rows[i + 1].date)
    rows[i], rows[i + 1] = rows[i + 1], rows[i]
    return replace(cmb_basic(), rows=rows)


def cmb_broken_chain() -> CmbStatement:
    """One balance misprinted by 100.00: the chain check must fail at that row."""
    rows: list[CmbRow] = list(cmb_basic().rows)
    rows[5] = replace(rows[5], balance=rows[5].balance + Decimal("100.00"))
    return replace(cmb_basic(), rows=rows)


SOURCES: dict[str, Callable[[], CmbStatement]] = {
    "cmb/basic": cmb_basic, "cmb/multipage": cmb_multipage, "cmb/landscape": cmb_landscape,
    "cmb/reordered": cmb_reordered, "cmb/broken_chain": cmb_broken_chain,
}


FIXTURES: dict[str, Callable[[], bytes]] = {
    name: (lambda make=make: render_cmb_statement(make())) for name, make in SOURCES.items()}
