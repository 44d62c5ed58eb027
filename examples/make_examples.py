"""Builds the example cases' synthetic statement PDFs (fictional people, fictional accounts).

Run from the repository root: `python examples/make_examples.py [DEST]`. Output is byte-deterministic;
the PDFs are committed so that the README's first command needs no extra step. DEST (default
examples/) holds a copy of the case folders' case.toml files: the test builds there, so that a run
of the tests never rewrites the committed PDFs.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from synth.cmb import CmbStatement, make_rows, write_cmb_statement  # noqa: E402
from synth.lender_docs import SettlementSource, render_settlement  # noqa: E402
from synth.pboc import Account, Report, Standing, grid, render_report  # noqa: E402

from generator.case import build_loans, load_case  # noqa: E402
from generator.models import Case, Loan  # noqa: E402
from generator.validate.schedule import expected_schedule  # noqa: E402

ANT = "重庆蚂蚁消费金融有限公司 2088101234567890"


def _loan_terms(case: Case) -> Loan:
    """The loan as case.toml states it, with placeholders for what the documents will supply."""
    table = dict(case.loan_tables[0])
    table.setdefault("principal", "1.00")
    table.setdefault("disbursed_on", date(2000, 1, 1))
    table.setdefault("installments", 1)
    return build_loans(case.root / "case.toml", (table,))[0]


def on_time_cmb(folder: Path) -> None:
    """Every installment paid a day early (the second on its due date), one month wrongly coded 1."""
    case = load_case(folder, defer=True)
    terms = replace(_loan_terms(case), principal=Decimal("12000.00"), disbursed_on=date(2025, 1, 10), installments=12)
    schedule, _ = expected_schedule(terms)
    repayments = [(inst.due_date - timedelta(days=0 if inst.number == 2 else 1), inst.amount_due, ANT)
                  for inst in schedule]
    rows = make_rows(20250101, 130, date(2025, 1, 2), Decimal("3200.00"), repayments=repayments)
    statement = CmbStatement(holder=case.borrower.name, account="6214********5678",
                             start=date(2025, 1, 1), end=date(2026, 1, 31), rows=rows,
                             printed_at="2026-02-20 09:12:45", verification_code="K7Q2M9XA")
    write_cmb_statement(statement, folder / "招商银行流水.pdf")
    (folder / "个人信用报告.pdf").write_bytes(on_time_report(case.borrower.name))
    certificate = SettlementSource(
        style="ant_letter", lender="重庆蚂蚁消费金融有限公司", borrower=case.borrower.name,
        id_number="110***********1236", contract_number="JB2025011000123", principal=Decimal("12000.00"),
        principal_uppercase="壹万贰仟元整", disbursed_on=date(2025, 1, 10), settled_on=date(2026, 1, 9),
        issued_on=date(2026, 1, 12), product="借呗", serial="JQ2026011200021")
    (folder / "结清证明.pdf").write_bytes(render_settlement(certificate))


def on_time_report(borrower: str) -> bytes:
    """The credit report of examples/on-time-cmb: March 2025 shown as "1" with the installment as
    逾期总额; the account closed in January 2026. (bench/bench_batch.py gives it to every case.)"""
    account = Account("非循环贷账户", "重庆蚂蚁消费金融有限公司", "JB2025011000123", date(2025, 1, 10),
                      Decimal("12000.00"), "其他个人消费贷款", as_of=date(2026, 1, 9),
                      standing=Standing("结清", closed_on=date(2026, 1, 9)),
                      grid=grid("2025-02", "N1NNNNNNNNNC", {1: Decimal("1060.30")}), due_on=date(2026, 1, 10))
    report = Report("2026021509301234567890", "2026-02-15 09:30:12", borrower, "身份证",
                    "1101**********1236", (account,))
    return render_report(report)


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


def main(dest: Path = ROOT / "examples") -> None:
    on_time_cmb(dest / "on-time-cmb")
    late_statement(dest / "late-statement")
    platform_insufficient(dest / "alipay-insufficient")


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:2]))
