"""Issue 12: an installment whose status is undecided (a repayment is missing from the documents,
so which installment a later payment paid is only the allocation's guess) is worded from that
status everywhere: a letter states the payment but neither its installment nor any lateness, and
states a disputed month's allocation only as the most the evidence allows; the bundle's 还款核对表
shows 待定 with the reason. A decided payment's timing is validate's (due date + grace days)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from generator.models import CaseResult, LoanResult
from generator.render.context import build_context
from generator.render.env import render_html
from generator.render.exhibits import plan_exhibits
from generator.render.text import html_text
from generator.validate import check_case
from validate import builders as B

LETTER_DATE = date(2026, 3, 2)


def _settled_with_a_missing_payment() -> CaseResult:
    """Shown settled, the 3rd installment's payment not in the documents, and April reported as
    "3": the allocation (the 4th payment paying the 3rd, 29 days late) allows only "1"."""
    payments = B.on_time_payments()
    del payments[2]
    grid = B.grid({"2025-03": ("N", None), "2025-04": ("3", "1060.30"), "2025-05": ("N", None)})
    docs = [B.statement(*payments), B.report(B.account(grid)), B.settlement(date(2025, 12, 20))]
    return check_case(B.case(), docs, date(2026, 3, 1))  # type: ignore[arg-type]


def _letter(result: CaseResult, template: str = "letters/bureau_dispute.html.j2") -> str:
    lr = result.loans[0]
    ctx = build_context(result, lr, LETTER_DATE, plan_exhibits(result, lr, LETTER_DATE))
    return html_text(render_html(template, ctx=ctx))


def test_the_case_is_what_the_finding_describes() -> None:
    lr = _settled_with_a_missing_payment().loans[0]
    third = lr.installments[2]
    assert third.undecided is not None and third.status.value == "late" and third.days_late == 29
    april = next(m for m in lr.months if str(m.month) == "2025-04")
    assert april.verdict.value == "contradicted" and april.expected == ("1",) and april.worst_case


def test_a_letter_asserts_no_lateness_and_no_installment_for_an_undecided_payment() -> None:
    result = _settled_with_a_missing_payment()
    for template in ("letters/bureau_dispute.html.j2", "letters/lender_dispute.html.j2"):
        text = _letter(result, template)
        assert "晚于约定还款日" not in text and "宽限期" not in text, text
        assert "第3期" not in text and "应还款日为" not in text, text
        # the payment itself is a fact, cited to its row
        assert "2025年05月09日，申请人通过招商银行向重庆蚂蚁消费金融有限公司还款1,060.30元" in text, text


def test_a_disputed_month_resting_on_the_allocation_is_stated_as_a_bound() -> None:
    text = _letter(_settled_with_a_missing_payment())
    assert "报告显示2025年04月还款状态为“3”、逾期（透支）总额1,060.30元" in text
    assert "依现有证据至多应为“1”、逾期（透支）总额1,060.30元。" in text
    assert "，应为“1”" not in text


def _decided(days_late: int, grace_days: int, reported: str) -> CaseResult:
    loan = replace(B.LOAN, grace_days=grace_days)
    payments = B.on_time_payments(loan)
    third = payments[2]
    payments[2] = replace(third, date=third.date + timedelta(days=1 + days_late))  # on_time_payments pays a day early
    grid = B.grid({"2025-03": ("N", None), "2025-04": (reported, "1060.30"), "2025-05": ("N", None)})
    return check_case(B.case(loan), [B.statement(*payments), B.report(B.account(grid))], date(2026, 3, 1))  # type: ignore[arg-type]


def test_a_decided_late_payment_says_how_late() -> None:
    result = _decided(days_late=20, grace_days=0, reported="3")
    lr: LoanResult = result.loans[0]
    assert lr.installments[2].undecided is None and lr.installments[2].days_late == 20
    text = _letter(result)
    assert "第3期应还款日为2025年04月10日，应还金额1,060.30元。2025年04月30日" in text
    assert "晚于约定还款日20日" in text
    assert "，应为“1”、逾期（透支）总额1,060.30元。" in text


def test_a_payment_within_the_grace_days_is_worded_by_validates_rule() -> None:
    result = _decided(days_late=2, grace_days=3, reported="1")
    assert result.loans[0].installments[2].status.value == "on_time"
    text = _letter(result)
    assert "在约定还款日后2日、合同约定的3日宽限期内" in text
    assert "晚于约定还款日" not in text


def _reconciliation_page(result: CaseResult) -> str:
    import io

    import pdfplumber

    from generator.render.bundle import render_bundle

    plan = plan_exhibits(result, result.loans[0], LETTER_DATE)
    data, _ = render_bundle(plan)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    return next(p for p in pages if "还款核对表" in p and "期数" in p)


def test_the_bundles_reconciliation_shows_undecided_rows_as_pending_with_the_reason() -> None:
    result = _settled_with_a_missing_payment()
    plan = plan_exhibits(result, result.loans[0], LETTER_DATE)
    assert [r.number for r in plan.reconciliation if r.undecided] == list(range(3, 12))
    rows = {line.split()[0]: line for line in _reconciliation_page(result).splitlines() if line.startswith("第")}
    assert rows["第2期"].split()[-2:] == ["按时", "—"] and "1,060.30 1,060.30 2025年03月09日" in rows["第2期"]
    for n in range(3, 12):
        row = rows[f"第{n}期"]
        assert row.split()[3:] == ["—", "—", "待定", "—"], row
        assert "逾期" not in row and "未见还款" not in row
    text = "".join(_reconciliation_page(result).split())
    assert "第3–11期待定：第3期到期前未见足额还款，且有还款未能在材料中找到，此后的还款归属无法确定。" in text
