"""The ICBC fixture set: each entry builds one synthetic statement (fictional people)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

from synth.bankpdf import ANT, WEBANK, ZHAOLIAN, make_ledger, misprint_balance, monthly, swap_same_day
from synth.icbc import IcbcStatement, render_icbc_statement


def icbc_basic() -> IcbcStatement:
    """Signed 收入/支出金额 layout, no times, newest row first; 借呗 paid by 快捷支付, 招联 withheld."""
    ledger = make_ledger(11, 30, date(2025, 3, 1), Decimal("3600.00"),
                         monthly(9, "1060.30", 2, date(2025, 3, 1), ANT, "借呗还款")
                         + monthly(18, "845.20", 2, date(2025, 3, 1), ZHAOLIAN, "招联好期贷", withheld=True))
    return IcbcStatement("王芳", "6222********1234", date(2025, 3, 1), date(2025, 4, 30), ledger[::-1])


def icbc_split() -> IcbcStatement:
    """The second layout: 收入金额 / 支出金额 columns, times after the date, ¥ amounts, 3+ pages."""
    ledger = make_ledger(12, 46, date(2025, 2, 1), Decimal("900.00"),
                         monthly(15, "532.18", 3, date(2025, 2, 1), WEBANK, "微粒贷还款"))
    return IcbcStatement("赵子昇", "6212********0088", date(2025, 2, 1), date(2025, 4, 30), ledger[::-1],
                         layout="split", yen=True, rows_per_page=16)


def icbc_reordered() -> IcbcStatement:
    """Two same-day rows printed out of booking order: the chain still closes."""
    base = icbc_basic()
    return replace(base, entries=swap_same_day(base.entries, 1))


def icbc_broken_chain() -> IcbcStatement:
    """One balance misprinted by 100.00: the chain breaks at that row."""
    base = icbc_basic()
    return replace(base, entries=misprint_balance(base.entries, 7, "100.00"))


SOURCES: dict[str, Callable[[], IcbcStatement]] = {
    "icbc/basic": icbc_basic, "icbc/split": icbc_split,
    "icbc/reordered": icbc_reordered, "icbc/broken_chain": icbc_broken_chain,
}

FIXTURES: dict[str, Callable[[], bytes]] = {
    name: (lambda make=make: render_icbc_statement(make())) for name, make in SOURCES.items()}
