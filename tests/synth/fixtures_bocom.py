"""The BOCOM fixture set: each entry builds one synthetic 交通银行个人客户交易清单 (fictional people)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

from synth.bocom import BocomStatement, render_bocom_statement
from synth.generic_banks import ANT, MASHANG, make_ledger, monthly, swap_same_day

JIEBEI = "借呗还款JB2024052000456"
ANYIHUA = "安逸花还款MS20240301001234"


def bocom_basic() -> BocomStatement:
    """Portrait, dates 2025/03/10, plain unsigned amounts with 借 Dr / 贷 Cr; both lenders."""
    reps = (monthly(20, "1288.88", 2, date(2025, 3, 1), ANT, JIEBEI)
            + monthly(8, "416.67", 2, date(2025, 3, 1), MASHANG, ANYIHUA))
    entries = make_ledger(31, 28, date(2025, 3, 1), Decimal("2600.00"), reps)
    return BocomStatement("李晓燕", "6222********3456", date(2025, 3, 1), date(2025, 4, 30), entries)


def bocom_multipage() -> BocomStatement:
    """Three pages; ISO dates, amounts ``¥1,050.00``; two same-day rows printed in the reverse of
    their booking order (the chain still closes, and the parser says so)."""
    reps = monthly(20, "1288.88", 4, date(2025, 1, 1), ANT, JIEBEI)
    entries = make_ledger(32, 50, date(2025, 1, 1), Decimal("1500.00"), reps)
    return BocomStatement("司马瑾瑜", "6222********7890", date(2025, 1, 1), date(2025, 4, 30),
                          swap_same_day(entries, 4), rows_per_page=18, date_style="iso", amount_prefix="¥")


def bocom_landscape() -> BocomStatement:
    """A4 landscape, dates 2025.03.10, amounts ``CNY 1,050.00``."""
    return replace(bocom_basic(), landscape=True, date_style="dot", amount_prefix="CNY ")


def bocom_broken_chain() -> BocomStatement:
    """One page; the 10th balance misprinted 10.00 short: the chain check must fail at that row."""
    entries = list(bocom_basic().entries[:16])
    entries[9] = replace(entries[9], balance=entries[9].balance - Decimal("10.00"))
    return replace(bocom_basic(), entries=entries, end=date(2025, 3, 31))


SOURCES: dict[str, Callable[[], BocomStatement]] = {
    "bocom/basic": bocom_basic, "bocom/multipage": bocom_multipage, "bocom/landscape": bocom_landscape,
    "bocom/broken_chain": bocom_broken_chain,
}

FIXTURES: dict[str, Callable[[], bytes]] = {
    name: (lambda make=make: render_bocom_statement(make())) for name, make in SOURCES.items()}
