"""case.toml may leave out what the documents say; conflicts are reported, never resolved silently."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from builders import account, grid, report, settlement
from generator.case import load_case
from generator.errors import CaseError
from generator.resolve import resolve_case

HEAD = '''
[borrower]
name = "李晓明"
id_number = "110105198506151236"
phone = "13800138000"
'''


def _case(tmp_path: Path, loan: str):  # type: ignore[no-untyped-def]
    (tmp_path / "case.toml").write_text(HEAD + "[[loans]]\n" + loan, encoding="utf-8")
    return load_case(tmp_path, defer=True)


def test_documents_fill_what_case_toml_leaves_out(tmp_path: Path) -> None:
    case = _case(tmp_path, 'lender = "重庆蚂蚁消费金融有限公司"\nannual_rate = "0.1095"\ndue_day = 10\n')
    docs = [settlement(date(2026, 1, 9)), report(account(grid({"2025-02": ("N", "0.00")})))]
    loan = resolve_case(case, docs).loans[0]
    assert (loan.principal, loan.disbursed_on, loan.installments, loan.contract_number) == (
        Decimal("12000.00"), date(2025, 1, 10), 12, "JB1")
    assert loan.settled_on == date(2026, 1, 9) and loan.method.value == "equal_installment"
    assert loan.conflicts == ()


def test_a_conflict_keeps_case_toml_and_is_reported(tmp_path: Path) -> None:
    case = _case(tmp_path, 'lender = "重庆蚂蚁消费金融有限公司"\nprincipal = "10000.00"\ninstallments = 12\nannual_rate = "0.1"\ndue_day = 10\n')
    loan = resolve_case(case, [settlement(date(2026, 1, 9))]).loans[0]
    assert loan.principal == Decimal("10000.00")
    assert loan.conflicts == ("principal: case.toml 10000.00 / settle.pdf:p1 12000.00",)


def test_still_missing_names_the_key(tmp_path: Path) -> None:
    case = _case(tmp_path, 'lender = "重庆蚂蚁消费金融有限公司"\ndue_day = 10\n')
    with pytest.raises(CaseError, match=r"principal: missing.*not found in the documents either"):
        resolve_case(case, [])
