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


def main() -> None:
    on_time_cmb(ROOT / "examples" / "on-time-cmb")


if __name__ == "__main__":
    main()
