"""The `generic` fixture set: banks without a dedicated parser (fictional people)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from synth.generic_banks import (
    ANT,
    MASHANG,
    GenericBankStatement,
    make_ledger,
    monthly,
    render_generic_bank,
)


def generic_citic() -> GenericBankStatement:
    """中信银行 账户交易明细: dates 20250310, 收入金额 / 支出金额 columns."""
    reps = monthly(12, "966.50", 3, date(2025, 2, 1), MASHANG, "安逸花还款")
    entries = make_ledger(41, 24, date(2025, 2, 1), Decimal("3000.00"), reps)
    return GenericBankStatement("citic", "孙悦", "6217********2468", date(2025, 2, 1), date(2025, 4, 30), entries,
                                rows_per_page=25)


def generic_pingan() -> GenericBankStatement:
    """平安银行 个人账户交易明细清单: a signed 交易金额, no counterparty column; three pages."""
    reps = monthly(9, "1060.30", 4, date(2025, 3, 1), ANT, "借呗还款JB2024011000789")
    entries = make_ledger(42, 44, date(2025, 3, 1), Decimal("5200.00"), reps)
    return GenericBankStatement("pingan", "钱多多", "6230********1357", date(2025, 3, 1), date(2025, 6, 30), entries,
                                rows_per_page=16)


def generic_cib() -> GenericBankStatement:
    """兴业银行交易流水 (landscape, ruled): date-and-time in 交易时间, 记账日, 支出 / 收入 with ``0.00``
    in the unused one, several columns the fallback does not use."""
    reps = monthly(20, "845.66", 3, date(2025, 4, 1), MASHANG, "安逸花还款MS20240815007788")
    entries = make_ledger(43, 30, date(2025, 4, 1), Decimal("2500.00"), reps)
    return GenericBankStatement("cib", "周一鸣", "6229********8642", date(2025, 4, 1), date(2025, 6, 30), entries,
                                landscape=True)


def generic_cmbc() -> GenericBankStatement:
    """中国民生银行个人账户对账单: unsigned 交易金额 with a 借贷标志 flag, 对手信息 = name + account."""
    reps = monthly(10, "1060.30", 2, date(2025, 3, 1), ANT, "借呗还款")
    entries = make_ledger(44, 22, date(2025, 3, 1), Decimal("1800.00"), reps)
    return GenericBankStatement("cmbc", "吴佳琪", "6226********9753", date(2025, 3, 1), date(2025, 4, 30), entries)


SOURCES: dict[str, Callable[[], GenericBankStatement]] = {
    "generic/citic": generic_citic, "generic/pingan": generic_pingan, "generic/cib": generic_cib,
    "generic/cmbc": generic_cmbc,
}

FIXTURES: dict[str, Callable[[], bytes]] = {
    name: (lambda make=make: render_generic_bank(make())) for name, make in SOURCES.items()}
