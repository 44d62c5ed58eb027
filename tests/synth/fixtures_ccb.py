"""The CCB fixture set: each entry builds one synthetic statement (fictional people)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

from synth.bankpdf import ANT, WEBANK, ZHAOLIAN, make_ledger, misprint_balance, monthly, swap_same_day
from synth.ccb import CcbStatement, render_ccb_statement


def ccb_basic() -> CcbStatement:
    """借呗 withheld (代收付, ``account/name`` counterparty, long ^-separated memo), 招联 by 快捷支付."""
    ledger = make_ledger(21, 26, date(2025, 3, 1), Decimal("4200.00"),
                         monthly(10, "1060.30", 2, date(2025, 3, 1), ANT,
                                 "蚂蚁花呗借呗扣款^{date:%Y%m%d}10255101045371003861568^jiebei", withheld=True)
                         + monthly(20, "845.20", 2, date(2025, 3, 1), ZHAOLIAN, "招联好期贷还款"))
    return CcbStatement("李晓梅", "6217********5678", date(2025, 3, 1), date(2025, 4, 30), ledger)


def ccb_multipage() -> CcbStatement:
    """Three pages and more, amounts and balances printed with ¥; 微粒贷 repayments."""
    ledger = make_ledger(22, 50, date(2025, 2, 1), Decimal("1500.00"),
                         monthly(12, "532.18", 3, date(2025, 2, 1), WEBANK, "微粒贷还款"))
    return CcbStatement("欧阳禕", "6236********0420", date(2025, 2, 1), date(2025, 4, 30), ledger,
                        yen=True, rows_per_page=18)


def ccb_reordered() -> CcbStatement:
    """Two same-day rows printed out of booking order: the chain still closes."""
    base = ccb_basic()
    return replace(base, entries=swap_same_day(base.entries, 0))


def ccb_broken_chain() -> CcbStatement:
    """One balance misprinted by 100.00: the chain breaks at that row."""
    base = ccb_basic()
    return replace(base, entries=misprint_balance(base.entries, 9, "-100.00"))


SOURCES: dict[str, Callable[[], CcbStatement]] = {
    "ccb/basic": ccb_basic, "ccb/multipage": ccb_multipage,
    "ccb/reordered": ccb_reordered, "ccb/broken_chain": ccb_broken_chain,
}

FIXTURES: dict[str, Callable[[], bytes]] = {
    name: (lambda make=make: render_ccb_statement(make())) for name, make in SOURCES.items()}
