"""The ABC fixture set: each entry builds one synthetic statement (fictional people)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

from synth.abc import AbcStatement, render_abc_statement
from synth.bankpdf import ANT, WEBANK, ZHAOLIAN, make_ledger, misprint_balance, monthly, swap_same_day


def abc_basic() -> AbcStatement:
    """招联 withheld (正常还款, no time), 借呗 by 快捷支付; times printed as HHMMSS."""
    ledger = make_ledger(31, 26, date(2025, 3, 1), Decimal("2800.00"),
                         monthly(18, "845.20", 2, date(2025, 3, 1), ZHAOLIAN, "招联好期贷还款", withheld=True)
                         + monthly(9, "1060.30", 2, date(2025, 3, 1), ANT, "借呗还款{date:%Y%m%d}0088123456"))
    return AbcStatement("陈静怡", "6228********1234", date(2025, 3, 1), date(2025, 4, 30), ledger)


def abc_landscape() -> AbcStatement:
    """The newer landscape print with HH:MM:SS times."""
    return replace(abc_basic(), landscape=True, time_style="colon", holder="欧阳禕")


def abc_multipage() -> AbcStatement:
    """Three pages and more; 微粒贷 paid by 快捷支付."""
    ledger = make_ledger(32, 50, date(2025, 2, 1), Decimal("1200.00"),
                         monthly(15, "532.18", 3, date(2025, 2, 1), WEBANK, "微粒贷还款"))
    return AbcStatement("赵子昇", "6228********0088", date(2025, 2, 1), date(2025, 4, 30), ledger,
                        rows_per_page=18)


def abc_reordered() -> AbcStatement:
    """Two same-day rows printed out of booking order: the chain still closes."""
    base = abc_basic()
    return replace(base, entries=swap_same_day(base.entries, 0))


def abc_broken_chain() -> AbcStatement:
    """One balance misprinted by 100.00: the chain breaks at that row."""
    base = abc_basic()
    return replace(base, entries=misprint_balance(base.entries, 4, "100.00"))


SOURCES: dict[str, Callable[[], AbcStatement]] = {
    "abc/basic": abc_basic, "abc/landscape": abc_landscape, "abc/multipage": abc_multipage,
    "abc/reordered": abc_reordered, "abc/broken_chain": abc_broken_chain,
}

FIXTURES: dict[str, Callable[[], bytes]] = {
    name: (lambda make=make: render_abc_statement(make())) for name, make in SOURCES.items()}
