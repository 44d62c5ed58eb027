"""Lender documents against the source data their fixtures were drawn from, and the quirks:
wording variety, wrapped sentences, 大写-only amounts, stacked paid times, repeated headers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from synth import fixtures_lender

from generator.documents import RepaymentSchedule, SettlementCertificate
from generator.errors import StatementParseError
from generator.parsers import parse_document
from generator.parsers.layout import Line, RawRow
from generator.parsers.lender_schedule import LenderSchedule, _row
from generator.parsers.lender_settlement import DocText, LenderSettlement, PlacedLine, _settlement, uppercase_value
from generator.pdf import Page, Word, open_pdf

SETTLEMENTS = sorted(fixtures_lender.SETTLEMENTS)
SCHEDULES = sorted(fixtures_lender.SCHEDULES)


def _path(name: str) -> Path:
    return FIXTURES / "statements" / name / "input.pdf"


def _parse(name: str) -> SettlementCertificate | RepaymentSchedule:
    doc = parse_document(_path(name), label=_path(name).relative_to(ROOT).as_posix())
    assert isinstance(doc, (SettlementCertificate, RepaymentSchedule))
    return doc


# --------------------------------------------------------------------------- 结清证明


@pytest.mark.parametrize("name", SETTLEMENTS)
def test_settlement_fields_come_back_exactly(name: str) -> None:
    src = fixtures_lender.SETTLEMENTS[name]()
    doc = _parse(name)
    assert isinstance(doc, SettlementCertificate) and doc.provider == "lender"
    s = doc.settlement
    assert (s.lender, s.borrower, s.id_number, s.contract_number) == (
        src.lender, src.borrower, src.id_number, src.contract_number)
    assert (s.principal, s.principal_uppercase) == (src.principal, src.principal_uppercase)
    assert (s.disbursed_on, s.settled_on, s.issued_on) == (src.disbursed_on, src.settled_on, src.issued_on)
    assert s.source.page == 1 and s.source.bbox is not None


def test_a_field_that_is_not_printed_stays_none() -> None:
    s = _parse("lender_settlement/no_disbursed_date")
    assert isinstance(s, SettlementCertificate)
    assert s.settlement.disbursed_on is None
    z = _parse("lender_settlement/zhaolian_table")
    assert isinstance(z, SettlementCertificate) and z.settlement.principal_uppercase is None


def test_uppercase_only_amount_is_converted() -> None:
    s = _parse("lender_settlement/no_disbursed_date")
    assert isinstance(s, SettlementCertificate)
    assert (s.settlement.principal, s.settlement.principal_uppercase) == (Decimal("3500.00"), "人民币叁仟伍佰元整")


def test_the_ant_letter_really_breaks_its_amount_across_lines() -> None:
    with open_pdf(_path("lender_settlement/ant_letter")) as pdf:
        texts = [w.text for w in pdf.first_page().words]
    assert any(t.endswith("12,000.") for t in texts) and any(t.startswith("00元") for t in texts)


def test_issuer_is_the_name_as_printed_with_its_department() -> None:
    s = _parse("lender_settlement/bank_form")
    assert isinstance(s, SettlementCertificate)
    assert s.settlement.lender == "深圳前海微众银行股份有限公司个人信贷部"


@pytest.mark.parametrize(("text", "value"), [
    ("壹万贰仟元整", "12000.00"), ("人民币伍万元整", "50000.00"), ("壹仟零伍拾元伍角", "1050.50"),
    ("人民币壹万贰仟叁佰肆拾伍元陆角柒分", "12345.67"), ("壹拾万元整", "100000.00"), ("捌仟圆正", "8000.00"), ("壹万元零伍分", "10000.05"),
])
def test_uppercase_value(text: str, value: str) -> None:
    assert uppercase_value(text) == Decimal(value)


@pytest.mark.parametrize("text", ["壹万贰仟", "壹万x仟元整", "万万元整", "壹万贰仟元伍"])
def test_uppercase_value_refuses_what_does_not_write_back(text: str) -> None:
    assert uppercase_value(text) is None


def _doc_text(*lines: str) -> DocText:
    placed = tuple(PlacedLine(1, Line((Word(t, 50.0, 100.0 + 20 * i, 300.0, 111.0 + 20 * i, 1),)))
                   for i, t in enumerate(lines))
    starts, offset = [], 0
    for t in lines:
        starts.append(offset)
        offset += len(t) + 1
    return DocText("\n".join(lines), tuple(starts), placed)


@pytest.mark.parametrize(("lines", "settled", "disbursed"), [
    (("截至2025年06月30日，上述借款本息及相关费用已全部结清。",), date(2025, 6, 30), None),
    (("您的借款已于2025年6月3日结清。",), date(2025, 6, 3), None),
    (("结清日期：2025-06-30", "放款日：2024/01/10"), date(2025, 6, 30), date(2024, 1, 10)),
    (("借款人于2024年1月10日向本公司借款，现已于2025年6月30日全部还清。",), date(2025, 6, 30), date(2024, 1, 10)),
    (("发放日期：2024.01.10  到期日期：2026.01.10", "截止2025年6月30日已全部结清"), date(2025, 6, 30), date(2024, 1, 10)),
])
def test_settlement_wording_variety(lines: tuple[str, ...], settled: date | None, disbursed: date | None) -> None:
    s = _settlement("x.pdf", _doc_text(*lines, "某某消费金融有限公司"), [])
    assert (s.settled_on, s.disbursed_on) == (settled, disbursed)


def test_contract_number_labels_in_priority_order() -> None:
    s = _settlement("x.pdf", _doc_text("借据号：JJ0001  借款合同编号：HT0002", "某某银行", "已于2025年1月2日结清"), [])
    assert s.contract_number == "HT0002"
    s = _settlement("x.pdf", _doc_text("借款编号为 BH20250001，已于2025年1月2日结清"), [])
    assert (s.contract_number, s.lender) == ("BH20250001", None)


@pytest.mark.parametrize("lines", [("特此证明。",), ("借款合同编号：HT-0001", "到期日期：2026-01-10", "某某银行")])
def test_a_certificate_without_a_settlement_date_is_refused(lines: tuple[str, ...]) -> None:
    with pytest.raises(StatementParseError, match="x.pdf:p1: no settlement date found in the 结清证明"):
        _settlement("x.pdf", _doc_text(*lines), [])


# --------------------------------------------------------------------------- 还款计划 / 还款记录


@pytest.mark.parametrize("name", SCHEDULES)
def test_every_installment_comes_back_exactly(name: str) -> None:
    src = fixtures_lender.SCHEDULES[name]()
    doc = _parse(name)
    assert isinstance(doc, RepaymentSchedule) and doc.provider == "lender"
    assert (doc.lender, doc.contract_number) == (src.lender, src.contract_number)
    assert len(doc.installments) == len(src.rows)
    keys = {c.key for c in src.columns}
    for want, got in zip(src.rows, doc.installments):
        assert (got.number, got.due_date, got.amount_due) == (want.number, want.due_date, want.amount_due)
        assert got.principal == (want.principal if "principal" in keys else None)
        assert got.interest == (want.interest if "interest" in keys else None)
        assert got.fees == (want.fees if "fees" in keys else None)
        assert got.status == (want.status if "status" in keys else None)
        assert got.paid_at == (want.paid_at if "paid_at" in keys else None)
        assert got.paid_amount == (want.paid_amount if "paid_amount" in keys else None)
    assert [r.source.row for r in doc.installments] == list(range(1, len(src.rows) + 1))


def test_plan_without_paid_columns_and_its_total_row_is_not_an_installment() -> None:
    doc = _parse("lender_schedule/plan")
    assert isinstance(doc, RepaymentSchedule)
    assert all(r.paid_at is None and r.paid_amount is None and r.status == "待还" for r in doc.installments)
    assert doc.installments[-1].number == 12 and doc.installments[-1].amount_due == Decimal("550.07")


def test_records_late_payment_and_early_settlement() -> None:
    doc = _parse("lender_schedule/records")
    assert isinstance(doc, RepaymentSchedule)
    late, early = doc.installments[1], doc.installments[3]
    assert (late.paid_at, late.paid_amount) == ("2025-03-13 19:45:30", Decimal("522.83"))  # with 罚息 1.62
    assert (early.status, early.paid_at) == ("已结清", "2025-04-28 10:15:42")
    assert early.paid_amount == sum((r.principal for r in doc.installments[3:] if r.principal), early.interest)
    assert [r.paid_at for r in doc.installments[4:]] == [None, None]


def test_records_fixture_really_prints_the_paid_time_under_its_date() -> None:
    with open_pdf(_path("lender_schedule/records")) as pdf:
        words = pdf.first_page().words
    day = next(w for w in words if w.text == "2025-03-13")
    time = next(w for w in words if w.text == "19:45:30")
    assert time.top > day.bottom and abs(time.mid_x - day.mid_x) < 2


def test_multipage_header_is_repeated_and_rows_keep_their_page() -> None:
    doc = _parse("lender_schedule/multipage")
    assert isinstance(doc, RepaymentSchedule) and doc.page_count == 3
    assert [sum(r.source.page == p for r in doc.installments) for p in (1, 2, 3)] == [14, 14, 8]
    with open_pdf(_path("lender_schedule/multipage")) as pdf:
        assert all(any(w.text == "应还日期" for w in page.words) for page in pdf.pages())
    assert doc.installments[9].status == "逾期" and doc.installments[9].paid_at is None
    assert doc.installments[0].paid_at == "2024-04-14"


def test_a_bad_cell_names_file_page_and_row() -> None:
    word = Word("3/6", 40, 100, 60, 109, 2)
    raw = RawRow(2, {"number": "3/6", "due_date": "2025-04-10", "amount_due": "1,2O3.00"},
                 (40.0, 100.0, 500.0, 109.0), Line((word,)))
    with pytest.raises(StatementParseError, match=r"x\.pdf:p2:r7: cannot parse amount '1,2O3.00' in column 应还总额"):
        _row("x.pdf", raw, 7)


def test_stacked_paid_time_is_split_again() -> None:
    word = Word("1", 40, 100, 60, 109, 1)
    raw = RawRow(1, {"number": "1", "due_date": "2025/02/10", "amount_due": "100.00",
                     "paid_at": "2025-02-1008:02:11"}, (40.0, 100.0, 500.0, 109.0), Line((word,)))
    assert _row("x.pdf", raw, 1).paid_at == "2025-02-10 08:02:11"


# --------------------------------------------------------------------------- recognition


@pytest.mark.parametrize("name", SETTLEMENTS + SCHEDULES)
def test_lender_documents_are_recognised_only_by_their_own_parser(name: str) -> None:
    with open_pdf(_path(name)) as pdf:
        first = pdf.first_page()
        assert LenderSettlement.identify(first) == name.startswith("lender_settlement/")
        assert LenderSchedule.identify(first) == name.startswith("lender_schedule/")



def _page(*lines: tuple[str, ...]) -> Page:
    words = []
    for i, texts in enumerate(lines):
        x = 100.0
        for text in texts:
            words.append(Word(text, x, 60.0 + 30 * i, x + 14 * len(text), 74.0 + 30 * i, 1))
            x += 14 * len(text) + 10
    return Page(1, 595.0, 842.0, tuple(words))


@pytest.mark.parametrize(("lines", "expected"), [
    ((("贷款结清证明",),), True),
    ((("结", "清", "证", "明"),), True),  # letter-spaced title
    ((("招联消费金融股份有限公司贷款结清证明",),), True),
    ((("如需开具结清证明，请致电客服。",),), False),  # a sentence, not a title
    ((("2025-03-01", "-50.00", "申请结清证明"),), False),  # a statement row
])
def test_settlement_title_recognition(lines: tuple[tuple[str, ...], ...], expected: bool) -> None:
    assert LenderSettlement.identify(_page(*lines)) is expected
