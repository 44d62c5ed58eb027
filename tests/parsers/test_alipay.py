"""Alipay proof parser against the synthetic fixtures: every row exactly as the generator printed
it, the sign rule of 收/支, wrapped cells, the printed summary check, and refusals."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, ROOT
from generator.errors import StatementParseError
from generator.models import Statement
from generator.parsers import parse_document
from generator.parsers.alipay import AlipayProof
from generator.parsers.table import read_table
from generator.pdf import open_pdf
from generator.serialize import statement_json
from generator.validate.payments import pays_loan

from synth import alipay as synth
from synth import fixtures_alipay

CASES = sorted(fixtures_alipay.SOURCES)
ANT = ("重庆蚂蚁消费金融有限公司", "借呗")


def _path(name: str) -> Path:
    return FIXTURES / "statements" / name / "input.pdf"


@cache
def _statement(name: str) -> Statement:
    st = parse_document(_path(name), label=_path(name).relative_to(ROOT).as_posix())
    assert isinstance(st, Statement)
    return st


@cache
def _parse(name: str) -> dict[str, Any]:
    return statement_json(_statement(name))


def _expected(row: synth.AlipayRow) -> tuple[str, str, str, str, str]:
    """The documented rule: 支出 negative, 收入 positive, 不计收支 positive and marked."""
    amount = -row.amount if row.flow == "支出" else row.amount
    description = row.item + ("（不计收支）" if row.flow == "不计收支" else "")
    return row.when.date().isoformat(), row.when.strftime("%H:%M:%S"), f"{amount:.2f}", row.counterparty, description


@pytest.mark.parametrize("name", CASES)
def test_every_printed_row_comes_back_exactly(name: str) -> None:
    source = fixtures_alipay.SOURCES[name]()
    got = _parse(name)["transactions"]
    assert len(got) == len(source.rows)
    for row, tx in zip(source.rows, got):
        assert (tx["date"], tx["time"], tx["amount"], tx["counterparty"], tx["description"]) == _expected(row)
        assert (tx["balance"], tx["counterparty_account"]) == (None, "")


@pytest.mark.parametrize("name", CASES)
def test_preamble_and_kind(name: str) -> None:
    source, doc = fixtures_alipay.SOURCES[name](), _parse(name)
    assert (doc["kind"], doc["provider"], doc["currency"]) == ("payment_statement", "alipay", "CNY")
    assert (doc["account_holder"], doc["account_number"]) == (source.holder, source.account)


@pytest.mark.parametrize("name", ["alipay/basic", "alipay/multipage"])
def test_printed_summary_before_or_after_the_table_is_checked(name: str) -> None:
    doc = _parse(name)
    assert doc["checks"] == {"balance_chain": "not_applicable", "printed_totals": "ok"}
    assert doc["findings"] == []


def test_wrong_printed_total_fails_the_check_and_keeps_the_rows() -> None:
    doc = _parse("alipay/totals_mismatch")
    assert doc["checks"] == {"balance_chain": "not_applicable", "printed_totals": "failed"}
    [finding] = doc["findings"]
    count, total = synth.totals(fixtures_alipay.alipay_basic().rows)["支出"]
    assert finding["kind"] == "printed_totals_failed"
    assert finding["message"].endswith(f":p1: printed 支出 {count}笔 {total + 100}元, but the rows give "
                                       f"{count}笔 {total}元")
    assert doc["transactions"] == _parse("alipay/basic")["transactions"]  # the rows are all still there


def test_multipage_has_its_quirks_and_rows_on_every_page() -> None:
    """Five-page portrait proof: header on every page, order numbers and 不计收支 wrapped."""
    import pdfplumber

    with pdfplumber.open(_path("alipay/multipage")) as pdf:
        assert len(pdf.pages) >= 4
        texts = [page.extract_text() for page in pdf.pages]
    assert all("交易订单号" in t and "商家订单号" in t for t in texts[:4])
    assert "不计收\n" in texts[0] or "不计收 " in texts[0]  # 不计收支 wraps in the narrow column
    pages = {tx["page"] for tx in _parse("alipay/multipage")["transactions"]}
    assert pages == {1, 2, 3, 4}


def test_wrapped_order_numbers_stay_in_their_row() -> None:
    source = fixtures_alipay.alipay_multipage()
    with open_pdf(_path("alipay/multipage")) as doc:
        raws = read_table(doc, "multipage.pdf", AlipayProof.spec).rows
    assert [(r.texts["order_no"], r.texts["merchant_no"]) for r in raws] == [
        (row.order_no, row.merchant_no) for row in source.rows]
    assert all(len(row.order_no) == 28 for row in source.rows)  # too wide for the portrait column


def test_repayments_name_the_lender_and_count_as_money_out() -> None:
    for name, counterparty in (("alipay/basic", "重庆蚂蚁消费金融有限公司"), ("alipay/multipage", "借呗")):
        repaid = [t for t in _parse(name)["transactions"] if t["description"] == "借呗还款"]
        assert repaid and all(t["counterparty"] == counterparty and t["amount"].startswith("-") for t in repaid)


def test_not_counted_rows_never_look_like_repayments() -> None:
    parsed = _statement("alipay/multipage")
    neutral = [tx for tx in parsed.transactions if tx.description.endswith("（不计收支）")]
    repaid = [tx for tx in parsed.transactions if tx.description == "借呗还款"]
    assert neutral and all(tx.amount > 0 for tx in neutral)
    assert not any(pays_loan(tx, ANT + ("天弘基金", "招商银行")) for tx in neutral)
    assert len(repaid) == 6 and all(pays_loan(tx, ANT) for tx in repaid)
    assert sum((-tx.amount for tx in repaid), Decimal(0)) == Decimal("532.18") * 6


def _write(tmp_path: Path, proof: synth.AlipayProof) -> Path:
    path = tmp_path / "proof.pdf"
    path.write_bytes(synth.render_alipay_proof(proof))
    return path


def test_a_record_without_a_known_flow_is_an_error_naming_its_row(tmp_path: Path) -> None:
    proof = fixtures_alipay.alipay_basic()
    rows = list(proof.rows)
    rows[3] = replace(rows[3], flow="其他")
    with pytest.raises(StatementParseError, match=r"proof\.pdf:p1:r3: two records in one row: .*收/支"):
        parse_document(_write(tmp_path, replace(proof, rows=rows)))


def test_a_changed_header_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    columns = tuple(replace(c, label="数额") if c.key == "amount" else c for c in synth.COLUMNS)
    monkeypatch.setattr(synth, "COLUMNS", columns)
    with pytest.raises(StatementParseError, match=r"p1: table header not found \(expected columns 收/支 金额 交易时间\)"):
        parse_document(_write(tmp_path, fixtures_alipay.alipay_basic()))
