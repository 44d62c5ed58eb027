"""The Alipay proof fixture set: each entry builds one synthetic 支付宝交易流水证明 (fictional people)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from synth.alipay import AlipayProof, Repayment, make_rows, printed_totals, render_alipay_proof


def _monthly(day: int, amount: str, months: int, first: date, counterparty: str, at: str) -> list[Repayment]:
    out = []
    for k in range(months):
        m = first.month - 1 + k
        when = datetime.fromisoformat(f"{first.year + m // 12}-{m % 12 + 1:02d}-{day:02d} {at}")
        out.append(Repayment(when, Decimal(amount), counterparty))
    return out


def alipay_basic() -> AlipayProof:
    """One landscape page, the summary above the table, 借呗 repaid to the lender's legal name."""
    rows = make_rows(16, 12, date(2025, 3, 1), date(2025, 4, 30),
                     _monthly(9, "1060.30", 2, date(2025, 3, 1), "重庆蚂蚁消费金融有限公司", "14:03:22"))
    return AlipayProof("王芳", "1101**********1234", "138****5678", "20250701110000123456",
                       date(2025, 3, 1), date(2025, 4, 30), rows)


def alipay_multipage() -> AlipayProof:
    """Portrait, five pages: order numbers, names and the 交易时间 (date over time) wrap; the header
    is repeated on every page; the summary is printed after the table; 借呗 as the counterparty."""
    rows = make_rows(12, 76, date(2025, 1, 1), date(2025, 6, 30),
                     _monthly(15, "532.18", 6, date(2025, 1, 1), "借呗", "09:12:45"))
    return AlipayProof("欧阳禕", "4401**********003X", "ouy***@example.com", "20250701110000654321",
                       date(2025, 1, 1), date(2025, 6, 30), rows, summary="after", landscape=False,
                       rows_per_page=20)


def alipay_totals_mismatch() -> AlipayProof:
    """The printed 支出 total is 100.00 too high: printed_totals fails, the rows still come back."""
    proof = alipay_basic()
    count, total = printed_totals(proof)["支出"]
    return replace(proof, misprint={"支出": (count, total + Decimal("100.00"))})


SOURCES: dict[str, Callable[[], AlipayProof]] = {
    "alipay/basic": alipay_basic, "alipay/multipage": alipay_multipage,
    "alipay/totals_mismatch": alipay_totals_mismatch,
}

FIXTURES: dict[str, Callable[[], bytes]] = {
    name: (lambda make=make: render_alipay_proof(make())) for name, make in SOURCES.items()}
