"""The 详版 as real reports draw it (FORMATS-REAL items 1-27, issue 11): the fixtures real_self
(本人版) and real_bank (授信机构版) hold the variations; here the ones a field-by-field comparison
does not show, and the errors a report must give instead of an empty success."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from synth import fixtures_pboc
from synth.pboc import Drawing, Report, render_brief, render_report

from generator.documents import CreditReport
from generator.errors import StatementParseError
from generator.parsers import parse_document


@cache
def _parse(name: str) -> CreditReport:
    path = FIXTURES / "statements" / name / "input.pdf"
    doc = parse_document(path, label=path.relative_to(ROOT).as_posix())
    assert isinstance(doc, CreditReport)
    return doc


def _parse_drawn(tmp_path: Path, report: Report) -> CreditReport:
    path = tmp_path / "report.pdf"
    path.write_bytes(render_report(report))
    doc = parse_document(path, label="report.pdf")
    assert isinstance(doc, CreditReport)
    return doc


def test_self_print_sections_by_name_not_number() -> None:
    report = _parse("pboc/real_self")
    assert [(a.section, a.number) for a in report.accounts] == [
        ("非循环贷账户", 1), ("非循环贷账户", 2), ("循环额度下分账户", 1), ("循环贷账户", 1), ("贷记卡账户", 1),
        ("贷记卡账户", 2), ("贷记卡账户", 3), ("准贷记卡账户", 1)]
    assert report.report_number == "2026071900012345678901" and report.subject_name == "李晓明"


def test_wrapped_institution_and_account_id_join_without_spaces() -> None:
    first = _parse("pboc/real_self").accounts[0]
    assert first.institution == "重庆市蚂蚁商诚信息技术有限公司（原：重庆市蚂蚁商诚小额贷款有限公司）"
    assert first.account_id == "HT7223925157109868855031"
    assert first.agreement_id is None  # 账户 1 alone: no credit agreement


def test_years_latest_first_and_split_by_a_page_break() -> None:
    line = _parse("pboc/real_self").accounts[2]
    months = [m.month for m in line.history]
    assert months == sorted(months) and months[0] == "2022-03" and months[-1] == "2025-05"
    assert {m.source.page for m in line.history if m.month.startswith("2024")} == {3}
    assert next(m for m in line.history if m.month == "2024-08").overdue_amount == Decimal("1020.00")
    blank = [m for m in line.history if m.status in "#/"]
    assert blank and all(m.overdue_amount is None for m in blank)  # a blank cell is no amount, not 0


def test_account_states_bad_debt_transferred_inactive_closed_card() -> None:
    accounts = _parse("pboc/real_self").accounts
    bad, moved, never, gone = accounts[1], accounts[3], accounts[5], accounts[6]
    assert (bad.status, bad.balance, bad.current_overdue_amount) == ("呆账", Decimal("3666.00"), None)
    assert "".join(m.status for m in bad.history) == "N1234567BBBBB"
    assert (moved.status, moved.closed_on is not None, moved.history[-1].status) == ("转出", True, "G")
    assert (never.status, never.history, never.fields["卡片尾号"]) == ("未激活", (), "3940")
    assert (gone.status, gone.closed_on is not None) == ("销户", True)


def test_wrapped_and_spaced_overdue_band_labels() -> None:
    line = _parse("pboc/real_self").accounts[2]
    assert line.fields["逾期31-60天未还本金"] == "0" and line.fields["最近一次还款日期"] == "2025.03.10"
    assert "还款日期" not in line.fields  # 最新还款记录 is not the status card


def test_bank_render_lists_and_empty_sections() -> None:
    report = _parse("pboc/real_bank")
    assert [a.section for a in report.accounts] == ["非循环贷账户", "循环额度下分账户", "贷记卡账户", "贷记卡账户",
                                                    "准贷记卡账户"]  # 被追偿信息's 账户1 is not an account of one's own
    line = report.accounts[1]
    assert [(m.month, m.status) for m in line.history][:3] == [("2024-12", "N"), ("2025-01", "N"), ("2025-02", "1")]
    assert line.fields["逾期31-60天未还本金"] == "1,020"  # printed "逾期31—60天未还本金"


def test_report_without_credit_accounts_says_so() -> None:
    report = _parse("pboc/no_credit")
    assert report.accounts == () and report.version == "detailed"


def _one_loan(drawing: Drawing) -> Report:
    return replace(fixtures_pboc.settled_clean(), drawing=drawing)


def test_report_without_readable_accounts_is_an_error(tmp_path: Path) -> None:
    report = _one_loan(Drawing(rename=(("非循环贷账户", "贷款账户"),)))
    with pytest.raises(StatementParseError, match=r"^report\.pdf:p1: recognised as a 详版 credit report, but no account"):
        _parse_drawn(tmp_path, report)


def test_account_without_history_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(StatementParseError, match=r"^report\.pdf:p1:r1: 非循环贷账户 账户1: no 还款记录 grid"):
        _parse_drawn(tmp_path, _one_loan(Drawing(history="none")))


def test_grid_without_months_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(StatementParseError, match=r"^report\.pdf:p1:r1: 非循环贷账户 账户1: 还款记录 grid has no months"):
        _parse_drawn(tmp_path, _one_loan(Drawing(history="empty_grid")))


def test_detail_section_that_says_none(tmp_path: Path) -> None:
    report = replace(fixtures_pboc.no_credit(), drawing=Drawing())
    assert _parse_drawn(tmp_path, report).accounts == ()  # "无" under 信贷交易信息明细 says so too


def test_brief_without_account_sentences_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "brief.pdf"
    path.write_bytes(render_brief(replace(fixtures_pboc.brief_basic(), items=())))
    with pytest.raises(StatementParseError, match=r"^brief\.pdf:p1: recognised as a 简版 credit report, but no account"):
        parse_document(path, label="brief.pdf")
