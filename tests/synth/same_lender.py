"""A case with two loans from one lender (借呗 twice, fictional borrower): the first repaid on time
yet shown with a wrong "1" in March 2025, the second repaid on time and shown all N. Both paid
from one 招商银行 account; a 结清证明 for each; one credit report with both accounts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from synth.cmb import CmbStatement, make_rows, write_cmb_statement
from synth.lender_docs import SettlementSource, render_settlement
from synth.pboc import Account, Report, Standing, grid, render_report

from generator.case import load_case
from generator.validate.schedule import expected_schedule

ANT = "重庆蚂蚁消费金融有限公司"
FIRST, SECOND = "JB2025011000123", "JB2025020100456"
BORROWER = """[borrower]
name = "李晓明"
id_type = "居民身份证"
id_number = "110105198506151236"
phone = "13800138000"
address = "北京市朝阳区示例路100号1单元101室"
"""
LOAN = """
[[loans]]
lender = "{lender}"
product = "借呗"
{contract}principal = "{principal}"
disbursed_on = {disbursed}
installments = {installments}
method = "equal_installment"
annual_rate = "0.1095"
due_day = {due_day}
payee_names = ["{lender}", "借呗"]
"""
TERMS = ((FIRST, Decimal("12000.00"), date(2025, 1, 10), 12, 10), (SECOND, Decimal("6000.00"), date(2025, 2, 1), 6, 1))


def _account(contract: str, principal: Decimal, opened: date, last_due: date, codes: str, installments: int) -> Account:
    amounts = {codes.index("1"): Decimal("1060.30")} if "1" in codes else None
    first = f"{opened.year + opened.month // 12:04d}-{opened.month % 12 + 1:02d}"
    return Account("非循环贷账户", ANT, contract, opened, principal, "其他个人消费贷款", as_of=last_due,
                   standing=Standing("结清", closed_on=last_due), grid=grid(first, codes, amounts), due_on=last_due,
                   installments=installments)


def masked(contract: str) -> str:
    """A contract number as a certificate may print it: the middle hidden."""
    return contract[:6] + "****" + contract[-4:]


def build_case(folder: Path, *, contracts: bool = True, second: str = "NNNNNC", accounts: tuple[int, ...] = (0, 1),
               certificates: tuple[int, ...] = (0, 1), printed: tuple[str, str] = (FIRST, SECOND)) -> Path:
    """Both loans repaid on time from one 招商银行 account; the report codes the first loan's
    March 2025 "1" and the second loan's months as `second` gives them (all N: nothing wrong); a
    结清证明 for each. Without `contracts` case.toml gives no contract numbers (nor does anything
    fill them in when the documents print none). `accounts` are the loans (0, 1) whose account the
    report holds, `certificates` those with a 结清证明; `printed` the contract numbers these print."""
    folder.mkdir(parents=True)
    (folder / "case.toml").write_text(BORROWER + "".join(
        LOAN.format(lender=ANT, contract=f'contract_number = "{c}"\n' if contracts else "", principal=p,
                    disbursed=d.isoformat(), installments=n, due_day=day)
        for c, p, d, n, day in TERMS), encoding="utf-8")
    case = load_case(folder)
    repayments, held = [], []
    for n, ((contract, *_), loan, codes) in enumerate(zip(TERMS, case.loans, ("N1NNNNNNNNNC", second), strict=True)):
        loan = replace(loan, contract_number=contract)
        schedule, _ = expected_schedule(loan)
        repayments += [(inst.due_date - timedelta(days=1), inst.amount_due, f"{ANT} 2088101234567890")
                       for inst in schedule]
        last = schedule[-1].due_date - timedelta(days=1)
        if n in accounts:
            held.append(_account(contract, loan.principal, loan.disbursed_on, last, codes, loan.installments))
        certificate = SettlementSource(
            style="ant_letter", lender=ANT, borrower="李晓明", id_number="110***********1236",
            contract_number=printed[n], principal=loan.principal,
            principal_uppercase="壹万贰仟元整" if loan.principal == Decimal("12000.00") else "陆仟元整",
            disbursed_on=loan.disbursed_on, settled_on=last, issued_on=last + timedelta(days=3), product="借呗",
            serial=f"JQ{loan.contract_number}")
        if n in certificates:
            (folder / f"结清证明-{loan.contract_number}.pdf").write_bytes(render_settlement(certificate))
    rows = make_rows(20250101, 130, date(2025, 1, 2), Decimal("3200.00"), repayments=sorted(repayments))
    write_cmb_statement(CmbStatement(holder="李晓明", account="6214********5678", start=date(2025, 1, 1),
                                     end=date(2026, 1, 31), rows=rows, printed_at="2026-02-20 09:12:45",
                                     verification_code="K7Q2M9XA"), folder / "招商银行流水.pdf")
    report = Report("2026021509301234567890", "2026-02-15 09:30:12", "李晓明", "身份证", "1101**********1236",
                    tuple(held))
    (folder / "个人信用报告.pdf").write_bytes(render_report(report))
    return folder
