"""Issue 12 item 3: after the first installment not paid by its due date, while a repayment is
missing from the documents, statuses resting on the allocation of later payments are undecided,
on screen (in Chinese, with the reason) and in `check --json`, never shown as lateness."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from generator.cli import app
from generator.models import InstallmentStatus, UndecidedReason
from generator.validate import check_case
from validate import builders as B

EXAMPLE = ROOT / "examples" / "alipay-insufficient"
runner = CliRunner()


def _rows(screen: str) -> dict[int, str]:
    """Installment table rows by number (a wrapped cell continues on the next line)."""
    rows: dict[int, str] = {}
    for line in screen.splitlines():
        m = re.match(r"│ (\d+)\s+│", line)
        if m:
            rows[int(m.group(1))] = line
    return rows


@pytest.fixture
def screen(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DISPUTE_LANG", "zh")
    monkeypatch.setenv("COLUMNS", "200")  # whole table rows, one line each
    result = runner.invoke(app, ["check", str(EXAMPLE), "--date", "2026-03-01"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_screen_shows_no_lateness_after_the_gap(screen: str) -> None:
    rows = _rows(screen)
    assert "按时" in rows[1] and "按时" in rows[2]
    for n in (3, 4, 5, 6):
        assert "待定" in rows[n], rows[n]
        assert "逾期" not in rows[n] and "未见还款" not in rows[n], rows[n]
    assert "869.16" not in rows[5]  # no amount paid beside an undecided status
    assert "逾期 29天" not in screen and "逾期 30天" not in screen


def test_screen_gives_the_reason_in_chinese(screen: str) -> None:
    text = re.sub(r"\s+", "", screen)
    assert "第3–6期待定：第3期到期前未见足额还款，且有还款未能在材料中找到，此后的还款归属无法确定。" in text


def test_json_keeps_the_allocation_and_marks_it_undecided() -> None:
    result = runner.invoke(app, ["check", "--json", str(EXAMPLE), "--date", "2026-03-01"])
    installments = json.loads(result.stdout)["loans"][0]["installments"]
    assert [i["status"] for i in installments] == ["on_time", "on_time", "late", "late", "unpaid", "unpaid"]
    assert [i["undecided"] for i in installments[:2]] == [None, None]
    assert all(i["undecided"] == {"reason": "payment_missing", "first_gap": 3} for i in installments[2:])


def test_true_lateness_with_every_payment_found_stays_decided() -> None:
    result = runner.invoke(app, ["check", "--json", str(ROOT / "examples" / "late-statement"), "--date", "2026-03-01"])
    installments = json.loads(result.stdout)["loans"][0]["installments"]
    assert any(i["status"] == "late" for i in installments)
    assert all(i["undecided"] is None for i in installments)


def _settled_with_a_missing_payment(*, settled_on: date | None = None) -> list[object]:
    payments = [p for p in B.on_time_payments() if settled_on is None or p.date < settled_on]
    del payments[2]  # the 3rd installment's payment is not in the documents
    grid = B.grid({"2025-03": ("N", None), "2025-04": ("1", "1060.30"), "2025-05": ("N", None)})
    docs: list[object] = [B.statement(*payments), B.report(B.account(grid))]
    if settled_on is not None:
        docs.append(B.settlement(settled_on))
    return docs


def test_the_gap_and_what_follows_are_undecided_on_a_loan_shown_settled() -> None:
    lr = check_case(B.case(), _settled_with_a_missing_payment(), date(2026, 3, 1)).loans[0]  # type: ignore[arg-type]
    assert [r.undecided for r in lr.installments[:2]] == [None, None]
    assert all(r.undecided is not None and r.undecided.reason is UndecidedReason.PAYMENT_MISSING
               and r.undecided.first_gap == 3 for r in lr.installments[2:])


def test_installments_paid_off_by_an_early_settlement_are_decided() -> None:
    docs = _settled_with_a_missing_payment(settled_on=date(2025, 8, 20))
    lr = check_case(B.case(), docs, date(2026, 3, 1)).loans[0]  # type: ignore[arg-type]
    after = [r for r in lr.installments if r.installment.due_date > date(2025, 8, 20)]
    assert after and all(r.undecided is None and r.status is InstallmentStatus.ON_TIME for r in after)
    assert lr.installments[2].undecided is not None
