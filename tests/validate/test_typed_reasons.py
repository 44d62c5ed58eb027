"""Issue 12: a month's reasons and the documents that would decide it are values (a code with typed
fields), decided in validate. `check --json` keeps the joined keys scripts read and adds the values
as data; the screen words them from the values, never by splitting a key."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from builders import account, case, grid, on_time_payments, report, statement, tx
from generator.models import (AmountAbove, CodeOutside, CreditReportNeeded, DetailedReportNeeded, MissingDocument,
                              MonthReason, MoreFavourable, NoPaymentFound, PaymentsIncomplete, PlatformProof,
                              ReliefStillShown, RepaymentRecord, StatementCovering, StatementNeeded, YearMonth)
from generator.serialize import missing_json, missing_key, month_json, reason_key
from generator.summary import describe_missing, describe_reason
from generator.validate import check_case

ALIPAY = "支付宝（中国）网络技术有限公司"


@pytest.mark.parametrize(("reason", "key"), [
    (MoreFavourable(), "more_favourable"),
    (CodeOutside("1", ("N",)), "code_outside:1:N"),
    (CodeOutside("3", ("1", "M", "N")), "code_outside:3:1/M/N"),
    (AmountAbove(Decimal("1060.30"), Decimal("0.00")), "amount_above:1060.30:0.00"),
    (ReliefStillShown(date(2026, 1, 1), date(2026, 2, 15)), "relief_still_shown:2026-01-01:2026-02-15"),
    (NoPaymentFound(2, date(2025, 3, 10)), "no_payment_found:2:2025-03-10"),
    (PaymentsIncomplete(), "payments_incomplete"),
])
def test_a_reason_keeps_todays_key(reason: MonthReason, key: str) -> None:
    assert reason_key(reason) == key


@pytest.mark.parametrize(("document", "key"), [
    (CreditReportNeeded(), "credit_report"),
    (DetailedReportNeeded(), "detailed_credit_report"),
    (StatementNeeded(), "statement"),
    (PlatformProof(date(2025, 9, 4), Decimal("869.18"), ALIPAY), f"platform_proof:2025-09-04:869.18:{ALIPAY}"),
    (StatementCovering(date(2025, 3, 10)), "statement_covering:2025-03-10"),
    (RepaymentRecord(3), "repayment_record:3"),
])
def test_a_missing_document_keeps_todays_key(document: MissingDocument, key: str) -> None:
    assert missing_key(document) == key


def test_the_structured_form_names_each_field() -> None:
    proof = PlatformProof(date(2025, 9, 4), Decimal("869.18"), ALIPAY)
    assert missing_json(proof) == {"kind": "platform_proof", "on": "2025-09-04", "amount": "869.18", "payee": ALIPAY}
    assert missing_json(CreditReportNeeded()) == {"kind": "credit_report"}


def test_the_screen_words_the_values() -> None:
    assert describe_reason(CodeOutside("1", ("N",))) == "报告状态为 1，证据只允许 N"
    assert describe_reason(NoPaymentFound(2, date(2025, 3, 10))) == "未找到第 2 期（应还日 2025-03-10）的还款"
    assert describe_missing(PlatformProof(date(2025, 9, 4), Decimal("869.18"), ALIPAY)) == (
        "支付宝/微信支付交易流水证明（对应日期 2025-09-04，金额 869.18）")
    assert describe_missing(RepaymentRecord(3)).startswith("贷款机构出具的还款记录（第 3 期）")


def test_an_insufficient_month_gives_typed_reasons_and_documents() -> None:
    pays = on_time_payments()
    pays[1] = tx(date(2025, 3, 9), "-1060.30", ALIPAY, row=2)  # a platform debit nothing explains
    history = grid({f"2025-{m:02d}": ("N", "0.00") for m in range(2, 13)} | {"2025-03": ("1", "1060.30")})
    lr = check_case(case(), [statement(*pays), report(account(history))], date(2026, 3, 1)).loans[0]  # type: ignore[arg-type]
    march = next(m for m in lr.months if m.month == YearMonth(2025, 3))
    assert march.reasons == (PaymentsIncomplete(),)
    assert march.missing == (PlatformProof(date(2025, 3, 9), Decimal("1060.30"), ALIPAY), RepaymentRecord(2))
    assert set(march.missing) <= set(lr.missing)
    got = month_json(march)
    assert got["reasons"] == ["payments_incomplete"] and got["reason_details"] == [{"code": "payments_incomplete"}]
    assert got["missing"] == [f"platform_proof:2025-03-09:1060.30:{ALIPAY}", "repayment_record:2"]
    assert got["missing_details"][1] == {"kind": "repayment_record", "installment_no": 2}
    assert got["worst_case"] is False


def test_a_month_without_any_payment_found_names_the_installment() -> None:
    pays = on_time_payments()[:1]  # nothing after February in the documents, and the loan is not shown settled
    history = grid({"2025-02": ("N", "0.00"), "2025-03": ("1", "1060.30")})
    docs = [statement(*pays, end=date(2025, 3, 31)), report(account(history, status="正常"))]
    lr = check_case(case(), docs, date(2026, 3, 1)).loans[0]  # type: ignore[arg-type]
    march = next(m for m in lr.months if m.month == YearMonth(2025, 3))
    assert march.reasons == (NoPaymentFound(2, date(2025, 3, 10)),)
    assert march.missing == (RepaymentRecord(2),)
    assert month_json(march)["reason_details"] == [
        {"code": "no_payment_found", "installment_no": 2, "due_date": "2025-03-10"}]
