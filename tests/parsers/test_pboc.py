"""PBOC credit report parsers (详版 `pboc`, 简版 `pboc_brief`) against the generator's source data,
and the format's quirks: "--" is None, grids that break across pages, blocks starting mid-page,
the repeated page header and footer, the 简版's missing month detail, and the JSON contract."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

import jsonschema
import pytest
from conftest import FIXTURES, ROOT
from synth import fixtures_pboc
from synth.pboc import (
    Account,
    BriefItem,
    brief_order,
    numbered,
    printed_fields,
    sentence,
)

from generator.documents import CreditAccount, CreditReport
from generator.errors import StatementParseError
from generator.parsers import parse_document
from generator.parsers.layout import Line, group_lines
from generator.parsers.pboc_cells import Vocabulary, label_values
from generator.parsers.pboc_grid import GridReader
from generator.pdf import Page, Word, open_pdf
from generator.serialize import document_json

CASES = sorted(fixtures_pboc.SOURCES)
BRIEF_CASES = sorted(fixtures_pboc.BRIEF_SOURCES)


def _path(name: str) -> Any:
    return FIXTURES / "statements" / name / "input.pdf"


@cache
def _parse(name: str) -> CreditReport:
    doc = parse_document(_path(name), label=_path(name).relative_to(ROOT).as_posix())
    assert isinstance(doc, CreditReport)
    return doc


def _expect_account(got: CreditAccount, section: str, number: int, a: Account) -> None:
    s = a.standing
    card = a.is_card
    assert (got.section, got.number, got.institution, got.account_id, got.agreement_id, got.account_type) == (
        section, number, a.institution, a.account_id, a.agreement_id, a.account_type)
    assert (got.opened_on, got.due_on, got.loan_amount, got.currency) == (
        a.opened_on, None if card else a.due_on, a.amount, a.currency)
    assert (got.installments, got.frequency, got.method) == (a.installments, a.frequency, a.method)
    assert (got.as_of, got.status, got.closed_on) == (a.as_of, s.status, s.closed_on)
    open_ = not s.closed
    assert (got.balance, got.current_overdue_periods, got.current_overdue_amount, got.last_payment_on) == (
        s.balance if open_ else None, s.overdue_periods if open_ else None,
        s.overdue_amount if open_ else None, s.last_payment_on if open_ else None)
    assert got.fields == printed_fields(a)


@pytest.mark.parametrize("name", CASES)
def test_every_account_field_comes_back_exactly(name: str) -> None:
    source = fixtures_pboc.SOURCES[name]()
    report = _parse(name)
    assert (report.version, report.provider, report.kind.value) == ("detailed", "pboc", "credit_report")
    assert (report.report_number, report.report_time, report.subject_name, report.id_type, report.id_number) == (
        source.number, source.time, source.name, source.id_type, source.id_number)
    expected = numbered(source)
    assert len(report.accounts) == len(expected)
    for got, (section, number, account) in zip(report.accounts, expected):
        _expect_account(got, section, number, account)
    assert report.notes == ()


@pytest.mark.parametrize("name", CASES)
def test_every_grid_month_comes_back_in_chronological_order(name: str) -> None:
    source = fixtures_pboc.SOURCES[name]()
    for got, (_, _, account) in zip(_parse(name).accounts, numbered(source)):
        assert [(m.month, m.status, m.overdue_amount) for m in got.history] == [
            (c.month, c.status, c.overdue) for c in account.grid]
        for month in got.history:
            assert month.source.bbox is not None and month.source.page >= 1


@pytest.mark.parametrize("name", CASES)
def test_special_transactions_and_annotations(name: str) -> None:
    source = fixtures_pboc.SOURCES[name]()
    for got, (_, _, account) in zip(_parse(name).accounts, numbered(source)):
        assert [(s.kind, s.occurred_on, s.months_changed, s.amount, s.detail) for s in got.special] == [
            (s.kind, s.on, s.months, s.amount, s.detail) for s in account.special]
        assert list(got.annotations) == [
            f"{n.kind}：{n.text}（添加日期：{n.added_on.isoformat()}）" for n in account.annotations]


def test_settled_clean_grid_is_all_n_ending_c() -> None:
    (account,) = _parse("pboc/settled_clean").accounts
    assert "".join(m.status for m in account.history) == "N" * 11 + "C"
    assert (account.status, account.closed_on) == ("结清", date(2025, 1, 10))


def test_wrongly_reported_months_carry_their_overdue_amount() -> None:
    (account,) = _parse("pboc/wrong_overdue").accounts
    overdue = [(m.month, m.status, m.overdue_amount) for m in account.history if m.status != "N" and m.status != "C"]
    assert overdue == [("2024-05", "1", Decimal("1060.00")), ("2024-09", "1", Decimal("1060.00"))]


def test_stale_overdue_status_after_settlement() -> None:
    (account,) = _parse("pboc/stale_overdue").accounts
    assert (account.status, account.current_overdue_amount, account.current_overdue_periods) == (
        "逾期", Decimal("1050.00"), 1)
    assert account.fields["五级分类"] == "关注"
    assert account.history[-1].status == "1"


def test_missing_means_none_never_zero() -> None:
    report = _parse("pboc/eight_accounts")
    dashes = [m for a in report.accounts for m in a.history if m.status in "#/"]
    assert dashes and all(m.overdue_amount is None for m in dashes)
    closed = next(a for a in report.accounts if a.status == "结清")
    assert (closed.balance, closed.current_overdue_amount, closed.last_payment_on) == (None, None, None)
    card = _parse("pboc/multi_account").accounts[2]
    assert card.section == "贷记卡账户" and card.fields["当前逾期总额"] == "0"
    assert (card.installments, card.due_on, card.agreement_id) == (None, None, None)  # printed "--" or absent
    assert _parse("pboc/settled_clean").accounts[0].agreement_id is None  # 授信协议标识：--


def test_multi_account_sections_special_and_dispute_mark() -> None:
    accounts = _parse("pboc/multi_account").accounts
    assert [a.section for a in accounts] == ["非循环贷账户", "循环额度下分账户", "贷记卡账户"]
    assert accounts[0].special[0].kind == "提前结清"
    assert accounts[1].annotations[0].startswith("异议标注：")
    assert accounts[2].loan_amount == Decimal("20000.00") and accounts[2].balance == Decimal("3200.00")


def test_account_blocks_start_mid_page() -> None:
    accounts = _parse("pboc/multi_account").accounts
    second = accounts[1].source
    assert second.page == 1 and second.bbox is not None and second.bbox[1] > 400
    assert {m.source.page for m in accounts[1].history} == {2}  # its grid runs onto page 2


@cache
def _pages(name: str) -> list[Page]:
    with open_pdf(_path(name)) as doc:
        return list(doc.pages())


def _page_lines(name: str, page: int) -> list[Line]:
    return group_lines(_pages(name)[page - 1].words)


def test_grid_continued_on_the_next_page_between_years() -> None:
    first = _parse("pboc/grid_page_break").accounts[0]
    pages = {m.month[:4]: m.source.page for m in first.history}
    assert pages == {"2021": 1, "2022": 1, "2023": 2, "2024": 2, "2025": 2, "2026": 2}
    assert len(first.history) == 60


def test_grid_split_between_a_years_status_and_amount_rows() -> None:
    second = _parse("pboc/grid_page_break").accounts[1]
    march = next(m for m in second.history if m.month == "2023-03")
    assert (march.status, march.overdue_amount, march.source.page) == ("1", Decimal("2400.00"), 2)
    body = [ln for ln in _page_lines("pboc/grid_page_break", 3) if "报告编号" not in ln.text()]
    assert "2,400" in body[0].text().split()  # the fixture really splits 2023: its amount row opens page 3
    assert len(second.history) == 60


def test_page_header_and_footer_repeat_on_every_page() -> None:
    texts = [p.text().replace(" ", "") for p in _pages("pboc/grid_page_break")]
    assert len(texts) == 3
    for number, text in enumerate(texts, start=1):
        assert f"第{number}页，共{len(texts)}页" in text
        assert number == 1 or "报告编号：2026071900012345678901" in text  # 2026-07-19 09:08:07


def test_eight_account_report_parses_completely() -> None:
    """The speed fixture (bench/bench_report.py times it); here only its content is checked."""
    report = _parse("pboc/eight_accounts")
    assert len(report.accounts) == 8
    assert all(len(a.history) == 60 for a in report.accounts)
    assert all(a.history[0].month == "2021-07" and a.history[-1].month == "2026-06" for a in report.accounts)


# --------------------------------------------------------------------------- 简版


def _expect_brief(got: CreditAccount, category: str, number: int, item: BriefItem) -> None:
    assert (got.section, got.number, got.institution, got.opened_on, got.account_type, got.status) == (
        category, number, item.institution, item.opened_on, item.account_type, item.status)
    limit_printed = not (item.kind == "card" and (item.closed_month or item.inactive_month))
    assert got.loan_amount == (item.amount if limit_printed else None)
    assert got.balance == item.balance and got.due_on == item.due_on
    assert got.fields["sentence"] == sentence(item)
    closed = got.fields.get("结清月份") or got.fields.get("销户月份")
    month = item.closed_month and (item.closed_month[5:] if item.padded else str(int(item.closed_month[5:])))
    assert closed == (f"{item.closed_month[:4]}年{month}月" if item.closed_month else None)
    assert got.history == () and got.closed_on is None  # a month is not a date: never guess the day


@pytest.mark.parametrize("name", BRIEF_CASES)
def test_brief_accounts_come_back_exactly(name: str) -> None:
    source = fixtures_pboc.BRIEF_SOURCES[name]()
    report = _parse(name)
    assert (report.version, report.provider, report.notes) == ("summary", "pboc", ("month_detail_unavailable",))
    assert (report.report_number, report.report_time, report.subject_name, report.id_number) == (
        source.number, source.report_time, source.name, source.id_number)
    expected = brief_order(source)
    assert len(report.accounts) == len(expected)
    for got, (category, number, item) in zip(report.accounts, expected):
        _expect_brief(got, category, number, item)


def test_brief_sentence_split_across_pages_is_joined() -> None:
    report = _parse("pboc_brief/basic")
    ant = next(a for a in report.accounts if a.institution == "重庆蚂蚁消费金融有限公司")
    assert ant.source.page == 1 and ant.fields["最近5年逾期月数"] == "2"
    assert ant.fields["sentence"].endswith("没有发生过90天以上逾期。")  # type: ignore[union-attr]
    with open_pdf(_path("pboc_brief/basic")) as doc:
        second = list(doc.pages())[1]
    assert second.text().replace(" ", "").find("处于逾期状态") >= 0  # the fixture really splits it


# --------------------------------------------------------------------------- contract and errors


@pytest.mark.parametrize("name", CASES + BRIEF_CASES)
def test_json_fits_the_parse_schema(name: str) -> None:
    schema = json.loads((ROOT / "contract" / "parse.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate({"documents": [document_json(_parse(name))]}, schema)


def _word(text: str, x: float, top: float, page: int = 2) -> Word:
    return Word(text, x, top, x + 6 * len(text), top + 8, page)


def _grid_lines(status: list[str], amounts: list[str]) -> tuple[Line, list[Line]]:
    anchor = Line((_word("2024年01月-2024年03月的还款记录", 40, 90),))
    header = Line(tuple(_word(str(m), 100 + 30 * m, 100) for m in range(1, 13)))
    row = Line((_word("2024", 40, 120), *(_word(t, 100 + 30 * (i + 1), 120) for i, t in enumerate(status))))
    money = Line(tuple(_word(t, 100 + 30 * (i + 1), 135) for i, t in enumerate(amounts)))
    return anchor, [header, row, money]


def test_grid_reader_reads_a_minimal_grid() -> None:
    anchor, lines = _grid_lines(["N", "1", "C"], ["0", "1,050", "--"])
    result = GridReader("r.pdf", 3, "非循环贷账户 账户1").read(anchor, lines)
    assert [(m.month, m.status, m.overdue_amount) for m in result.months] == [
        ("2024-01", "N", Decimal("0.00")), ("2024-02", "1", Decimal("1050.00")), ("2024-03", "C", None)]
    assert result.missing == ()


def test_months_of_the_window_the_grid_leaves_out_are_reported() -> None:
    anchor, lines = _grid_lines(["N", "N"], ["0", "0"])
    anchor = Line((_word("2024年01月-2024年04月的还款记录", 40, 90),))
    result = GridReader("r.pdf", 3, "非循环贷账户 账户1").read(anchor, lines)
    assert [m.month for m in result.months] == ["2024-01", "2024-02"]
    assert result.missing == ("2024-03", "2024-04")


def test_bad_grid_code_names_file_page_and_account() -> None:
    anchor, lines = _grid_lines(["N", "X", "C"], ["0", "0", "0"])
    with pytest.raises(StatementParseError, match=r"^r\.pdf:p2:r3: 非循环贷账户 账户1: expected a row of status codes"):
        GridReader("r.pdf", 3, "非循环贷账户 账户1").read(anchor, lines)


def test_unknown_label_row_is_an_error_not_a_silent_shift() -> None:
    labels = Line((_word("账户状态", 40, 100), _word("五级分类", 140, 100)))
    mixed = Line((_word("余额", 40, 115), _word("2,000", 140, 115)))
    with pytest.raises(LookupError):
        label_values([labels, mixed], Vocabulary.of(("账户状态", "五级分类", "余额")))

