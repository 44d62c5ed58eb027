"""The BOC fixture set: each entry builds one synthetic 中国银行交易流水明细清单 (fictional people)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

from synth.boc import BocStatement, render_boc_statement
from synth.generic_banks import ANT, MASHANG, make_ledger, monthly, swap_same_day

JIEBEI = "借呗还款JB2024011000123"
ANYIHUA = "安逸花还款MS20240815007788"


def boc_basic() -> BocStatement:
    """Portrait, ISO dates, plain amounts; repayments to 蚂蚁消金 and 马上消金; two pages."""
    reps = (monthly(9, "1060.30", 2, date(2025, 3, 1), ANT, JIEBEI)
            + monthly(20, "845.66", 2, date(2025, 3, 1), MASHANG, ANYIHUA))
    entries = make_ledger(21, 30, date(2025, 3, 1), Decimal("4200.00"), reps)
    return BocStatement("王芳", "6217********5678", date(2025, 3, 1), date(2025, 4, 30), entries)


def boc_multipage() -> BocStatement:
    """Three pages; dates 2025.03.10, amounts ``-¥1,050.00``; two same-day rows printed in the
    reverse of their booking order (the chain still closes, and the parser says so)."""
    reps = monthly(15, "532.18", 4, date(2025, 1, 1), MASHANG, ANYIHUA)
    entries = make_ledger(22, 50, date(2025, 1, 1), Decimal("800.00"), reps)
    return BocStatement("赵子昇", "6217********0088", date(2025, 1, 1), date(2025, 4, 30), swap_same_day(entries, 5),
                        rows_per_page=18, date_style="dot", amount_prefix="¥")


def boc_landscape() -> BocStatement:
    """A4 landscape, dates 2025/03/10, amounts ``CNY -1,050.00``."""
    return replace(boc_basic(), landscape=True, holder="欧阳禕", date_style="slash", amount_prefix="CNY ")


def boc_broken_chain() -> BocStatement:
    """One page; the 7th balance misprinted by 100.00: the chain check must fail at that row."""
    entries = list(boc_basic().entries[:14])
    entries[6] = replace(entries[6], balance=entries[6].balance + Decimal("100.00"))
    return replace(boc_basic(), entries=entries, end=date(2025, 3, 31))


SOURCES: dict[str, Callable[[], BocStatement]] = {
    "boc/basic": boc_basic, "boc/multipage": boc_multipage, "boc/landscape": boc_landscape,
    "boc/broken_chain": boc_broken_chain,
}

FIXTURES: dict[str, Callable[[], bytes]] = {
    name: (lambda make=make: render_boc_statement(make())) for name, make in SOURCES.items()}
