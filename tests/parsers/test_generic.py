"""The generic fallback: banks without a parser, read by their header alone; and its refusal."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from synth import fixtures_generic
from synth.generic_banks import PINGAN_SUMMARY, SUMMARY, Col, Entry, Sheet, render_sheet

from generator.errors import StatementParseError, UnrecognizedDocument
from generator.models import Statement
from generator.parsers import parse_document
from generator.parsers.generic import SPEC, GenericStatement
from generator.parsers.table_header import Vocabulary, find_header
from generator.parsers.layout import Line, RawRow, group_lines
from generator.pdf import Word, open_pdf

CASES = sorted(fixtures_generic.SOURCES)


@cache
def _parse(name: str) -> Statement:
    path = FIXTURES / "statements" / name / "input.pdf"
    doc = parse_document(path, label=path.relative_to(ROOT).as_posix())
    assert isinstance(doc, Statement)
    return doc


def _expected(bank: str, e: Entry) -> tuple[str | None, str, str, str]:
    """(time, counterparty, counterparty_account, description) as each layout prints them."""
    name, account = (e.payee.name, e.payee.account) if e.payee else ("", "")
    if bank == "citic":
        return None, name, account, SUMMARY[e.kind]
    if bank == "pingan":
        note = name + e.memo
        return None, "", "", PINGAN_SUMMARY[e.kind] + (f" {note}" if note else "")
    if bank == "cib":
        return e.time, name, account, SUMMARY[e.kind] + (f" {e.memo}" if e.memo else "")
    return e.time, name, account, SUMMARY[e.kind]  # cmbc: 对手信息 split into name and account


@pytest.mark.parametrize("name", CASES)
def test_every_printed_row_comes_back_exactly(name: str) -> None:
    source = fixtures_generic.SOURCES[name]()
    doc = _parse(name)
    assert (doc.provider, doc.account_holder, doc.account_number) == ("generic", source.holder, source.account)
    assert doc.checks == {"balance_chain": "ok"}
    assert len(doc.transactions) == len(source.entries)
    for e, tx in zip(source.entries, doc.transactions):
        assert (tx.date, tx.amount, tx.balance) == (e.date, e.amount, e.balance)
        assert (tx.time, tx.counterparty, tx.counterparty_account, tx.description) == _expected(source.bank, e)


@pytest.mark.parametrize(("name", "message"), [
    ("generic/citic", ("columns mapped: date=交易日期, credit=收入金额, debit=支出金额, balance=账户余额, "
                       "description=交易摘要, counterparty=对方户名, counterparty_account=对方账号")),
    ("generic/pingan", ("columns mapped: date=交易日期, amount=交易金额, balance=余额, description=摘要, "
                        "description=备注; not used: 交易地点")),
    ("generic/cib", ("columns mapped: time=交易时间, date=记账日, debit=支出, credit=收入, balance=账户余额, "
                     "description=摘要, counterparty=对方户名, counterparty_account=对方账号, description=用途, "
                     "description=备注; not used: 对方银行, 交易渠道")),
    ("generic/cmbc", ("columns mapped: date=交易日期, time=交易时间, flag=借贷标志, amount=交易金额, "
                      "balance=账户余额, counterparty=对手信息, description=摘要")),
])
def test_the_column_mapping_is_reported(name: str, message: str) -> None:
    findings = _parse(name).findings
    assert [(f.kind, f.message) for f in findings] == [("generic_columns", message)]


def test_loan_repayments_are_found_in_every_layout() -> None:
    citic = [(t.date, str(t.amount)) for t in _parse("generic/citic").transactions if t.counterparty == "马上消费金融股份有限公司"]
    assert citic == [(date(2025, m, 12), "-966.50") for m in (2, 3, 4)]
    pingan = [t for t in _parse("generic/pingan").transactions if "重庆蚂蚁消费金融有限公司借呗还款" in t.description]
    assert [str(t.amount) for t in pingan] == ["-1060.30"] * 4
    cmbc = [t for t in _parse("generic/cmbc").transactions if t.counterparty == "重庆蚂蚁消费金融有限公司"]
    assert [(str(t.amount), t.counterparty_account) for t in cmbc] == [("-1060.30", "50001234567890123456")] * 2


def test_multipage_and_landscape() -> None:
    pingan = _parse("generic/pingan")
    assert pingan.page_count == 3 and {t.source.page for t in pingan.transactions} == {1, 2, 3}
    with open_pdf(FIXTURES / "statements" / "generic" / "cib" / "input.pdf") as doc:
        first = doc.first_page()
        assert first.width > first.height


@pytest.mark.parametrize("name", ["cmb/basic", "boc/basic", "bocom/basic"])
def test_it_stands_aside_when_a_dedicated_parser_claims_the_document(name: str) -> None:
    with open_pdf(FIXTURES / "statements" / name / "input.pdf") as doc:
        first = doc.first_page()
        assert find_header(group_lines(first.words), Vocabulary(SPEC)) is not None  # it could read the header …
        assert not GenericStatement.identify(first)  # … but the title names an issuer with its own reader


def _line(*labels: str) -> Line:
    return Line(tuple(Word(t, 40.0 * i, 0.0, 40.0 * i + 30, 9.0, 1) for i, t in enumerate(labels)))


def _keys(*labels: str) -> list[str] | None:
    header = find_header([_line(*labels)], Vocabulary(SPEC))
    return None if header is None else [c.key for c in header.cells]


def test_header_synonyms() -> None:
    assert _keys("入账日期", "发生额（元）", "可用余额", "借贷", "附言", "交易对方", "对方卡号") == [
        "date", "amount", "balance", "flag", "memo", "counterparty", "counterparty_account"]
    assert _keys("交易日期", "收入", "余额") is None  # money in alone is not an amount column
    assert _keys("日期", "金额", "存入金额", "取出金额") == ["date", "amount", "credit", "debit"]


def _no_amount_pdf(path: Path) -> None:
    columns = (Col("date", "交易日期", 10), Col("summary", "摘要", 10), Col("name", "对方户名", 20),
               Col("balance", "余额", 10, "right"))
    rows = tuple({"date": f"2025-03-{d:02d}", "summary": "转账", "name": "张伟", "balance": f"{1000 + d}.00"}
                 for d in range(1, 6))
    path.write_bytes(render_sheet(Sheet("某某银行账户明细", (("户名：测试", "账号：6200********0000"),), columns, rows)))


def test_refuses_a_table_without_an_amount_column(tmp_path: Path) -> None:
    path = tmp_path / "no_amount.pdf"
    _no_amount_pdf(path)
    with pytest.raises(StatementParseError) as err:
        parse_document(path, label="no_amount.pdf", provider="generic")
    assert str(err.value) == "no_amount.pdf:p1: no date and amount columns found; columns seen: 交易日期, 摘要, 对方户名, 余额"
    with pytest.raises(UnrecognizedDocument):  # and without --provider nothing claims it
        parse_document(path, label="no_amount.pdf")
