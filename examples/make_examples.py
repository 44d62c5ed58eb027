"""Builds the example cases' synthetic statement PDFs (fictional people, fictional accounts).

Run from the repository root: `python examples/make_examples.py`. Output is byte-deterministic;
the PDFs are committed so that the README's first command needs no extra step.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from synth.cmb import CmbStatement, make_rows, write_cmb_statement  # noqa: E402

from generator.case import load_case  # noqa: E402
from generator.validate.schedule import expected_schedule  # noqa: E402

ANT = "重庆蚂蚁消费金融有限公司 2088101234567890"


def on_time_cmb(folder: Path) -> None:
    """Every installment paid a day early (the second on its due date), one month wrongly coded 1."""
    case = load_case(folder)
    schedule, _ = expected_schedule(case.loans[0])
    repayments = [(inst.due_date - timedelta(days=0 if inst.number == 2 else 1), inst.amount_due, ANT)
                  for inst in schedule]
    rows = make_rows(20250101, 130, date(2025, 1, 2), Decimal("3200.00"), repayments=repayments)
    statement = CmbStatement(holder=case.borrower.name, account="6214********5678",
                             start=date(2025, 1, 1), end=date(2026, 1, 31), rows=rows,
                             printed_at="2026-02-20 09:12:45", verification_code="K7Q2M9XA")
    write_cmb_statement(statement, folder / "招商银行流水.pdf")


def late_statement(folder: Path) -> None:
    """The fourth installment was paid 5 days late: the report's 1 is true, so a 个人声明, no dispute."""
    case = load_case(folder)
    schedule, _ = expected_schedule(case.loans[0])
    repayments = [(inst.due_date + timedelta(days=5 if inst.number == 4 else -2), inst.amount_due,
                   "招联消费金融股份有限公司 4403001234567") for inst in schedule]
    rows = make_rows(20260115, 90, date(2026, 1, 2), Decimal("5200.00"), repayments=repayments)
    statement = CmbStatement(holder=case.borrower.name, account="6214********2468",
                             start=date(2026, 1, 1), end=date(2026, 8, 31), rows=rows,
                             printed_at="2026-09-02 15:20:11", verification_code="P3N8W2QZ")
    write_cmb_statement(statement, folder / "招商银行流水.pdf")


def platform_insufficient(folder: Path) -> None:
    """One installment was paid through 支付宝 and the Alipay proof is missing: the tool cannot decide."""
    case = load_case(folder)
    schedule, _ = expected_schedule(case.loans[0])
    repayments = [(inst.due_date - timedelta(days=1), inst.amount_due,
                   "支付宝（中国）网络技术有限公司 2088000000000001" if inst.number == 3 else ANT)
                  for inst in schedule]
    rows = make_rows(20250601, 80, date(2025, 6, 1), Decimal("2600.00"), repayments=repayments)
    statement = CmbStatement(holder=case.borrower.name, account="6225********1357",
                             start=date(2025, 6, 1), end=date(2025, 12, 31), rows=rows,
                             printed_at="2026-01-05 10:02:33", verification_code="Z9X8C7V6")
    write_cmb_statement(statement, folder / "招商银行流水.pdf")


def main() -> None:
    on_time_cmb(ROOT / "examples" / "on-time-cmb")
    late_statement(ROOT / "examples" / "late-statement")
    platform_insufficient(ROOT / "examples" / "alipay-insufficient")


if __name__ == "__main__":
    main()
