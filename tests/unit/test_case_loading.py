"""case.toml: a valid file loads; each malformed one gives one message naming file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.case import load_case
from generator.errors import CaseError

VALID = '''
[borrower]
name = "李晓明"
id_number = "110105198506151236"
phone = "13800138000"

[[loans]]
lender = "重庆蚂蚁消费金融有限公司"
principal = "12000.00"
disbursed_on = 2025-01-10
installments = 12
annual_rate = "0.1095"
due_day = 10
'''


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "case.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_valid_case_loads_with_defaults(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "old.pdf").write_bytes(b"%PDF-1.4")
    case = load_case(_write(tmp_path, VALID))
    loan = case.loans[0]
    assert loan.payee_names == ("重庆蚂蚁消费金融有限公司",)
    assert loan.method.value == "equal_installment" and loan.grace_days == 0
    assert case.borrower.id_type == "居民身份证"
    assert [p.name for p in case.documents] == ["a.pdf"]
    assert case.borrower.masked_id == "110105********1236"


@pytest.mark.parametrize(("change", "message"), [
    (('id_number = "110105198506151236"', 'id_number = "110105198506151231"'),
     "[borrower].id_number: not a valid 居民身份证 number"),
    (('phone = "13800138000"', 'phone = "12345"'), "[borrower].phone: expected an 11-digit mobile number"),
    (('principal = "12000.00"', "principal = 12000.5"), "[[loans]][1].principal: expected a decimal string"),
    (('annual_rate = "0.1095"', 'annual_rate = "10.95"'), "[[loans]][1].annual_rate: expected a fraction string"),
    (("due_day = 10", "due_day = 32"), "[[loans]][1].due_day: expected a day of the month 1-31"),
    (("due_day = 10", "due_day = 10\nmethd = 'x'"), "[[loans]][1].methd: unknown key"),
    (("installments = 12\n", ""), "[[loans]][1].installments: missing"),
    (("disbursed_on = 2025-01-10", 'disbursed_on = "10/01/2025"'), "[[loans]][1].disbursed_on: expected a date"),
    (('name = "李晓明"', 'name = "李晓明'), "not valid TOML"),
])
def test_each_mistake_names_file_and_key(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    assert change[0] in VALID
    with pytest.raises(CaseError) as info:
        load_case(_write(tmp_path, VALID.replace(*change)))
    text = str(info.value)
    assert text.startswith(str(tmp_path / "case.toml") + ": ")
    assert message in text
    assert "110105198506151231" not in text  # an ID number is personal data: never echoed


def test_missing_case_file(tmp_path: Path) -> None:
    with pytest.raises(CaseError, match="case.toml: missing"):
        load_case(tmp_path)


def test_a_file_is_not_a_case(tmp_path: Path) -> None:
    (tmp_path / "x").write_text("")
    with pytest.raises(CaseError, match="not a case folder"):
        load_case(tmp_path / "x")


def test_explicit_schedule_replaces_terms(tmp_path: Path) -> None:
    text = '''
[borrower]
name = "李晓明"
id_number = "110105198506151236"
phone = "010-12345678"

[[loans]]
lender = "某消费金融有限公司"
[[loans.schedule]]
number = 1
due_date = 2025-02-10
amount = "500.00"
[[loans.schedule]]
number = 2
due_date = 2025-03-10
amount = "500.00"
'''
    loan = load_case(_write(tmp_path, text)).loans[0]
    assert [i.amount_due for i in loan.schedule] == [500, 500]
    assert loan.installments == 2


def test_reported_month_codes_are_checked(tmp_path: Path) -> None:
    text = VALID + '\n[[loans.reported]]\nmonth = "2025-03"\nstatus = "X"\n'
    with pytest.raises(CaseError, match=r"reported\[1\]\.status: expected one grid code"):
        load_case(_write(tmp_path, text))
