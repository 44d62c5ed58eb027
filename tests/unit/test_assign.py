"""Each document to at most one loan: by the id it names, then date and amount, then lender alone."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from generator.validate.assign import Facts, assign, same_number

ANT = "重庆蚂蚁消费金融有限公司"
A = Facts(ANT, ("JB2025011000123",), date(2025, 1, 10), Decimal("12000.00"))
B = Facts(ANT, ("JB2025020100456",), date(2025, 2, 1), Decimal("6000.00"))


@pytest.mark.parametrize(("a", "b", "same"), [
    ("JB2025020100456", "JB 2025 0201 00456", True), ("ＪＢ2025020100456", "jb2025020100456", True),
    ("JB2025****0456", "JB2025020100456", True), ("JB2025020100456", "JB2025****0123", False),
    ("JB****56", "JB2025020100456", False), ("JB2025****0456", "JB2025****0456", True),
    ("JB2025011000123", "JB2025020100456", False), (None, "JB2025020100456", False)])
def test_same_number_reads_spaces_width_and_masks(a: str | None, b: str, same: bool) -> None:
    assert same_number(a, b) is same


def test_the_id_a_document_names_decides_before_its_terms() -> None:
    loans = [Facts(ANT, ("JB2025020100456",), A.opened, A.amount), Facts(ANT, ("JB2025011000123",))]
    assert assign(loans, [A, B]) == [1, 0]


def test_date_and_amount_tell_two_loans_without_ids_apart() -> None:
    loans = [Facts(ANT, (), B.opened, B.amount), Facts(ANT, (), A.opened, A.amount)]
    assert assign(loans, [A, B]) == [1, 0]


def test_a_document_is_never_handed_to_two_loans() -> None:
    """One account, two loans of its lender, nothing to tell them apart: neither takes it."""
    assert assign([Facts(ANT), Facts(ANT)], [A]) == [None, None]
    assert assign([Facts(ANT, (), A.opened, A.amount), Facts(ANT)], [A]) == [0, None]


def test_a_document_naming_another_contract_is_not_taken_for_its_lender() -> None:
    assert assign([Facts(ANT, ("JB2025020100456",))], [A]) == [None]
    assert assign([Facts(ANT, (), B.opened, B.amount)], [A]) == [0], "a lone document is the loan's: conflicts say where"
    assert assign([Facts("招联消费金融股份有限公司")], [A]) == [None]
