"""BOC parser against its synthetic fixtures: every row exactly, and the format's quirks."""

from __future__ import annotations

import re
from functools import cache

import pdfplumber
import pytest
from conftest import FIXTURES, ROOT
from synth import fixtures_boc
from synth.boc import NAMES

from generator.models import Statement
from generator.parsers import parse_document

CASES = sorted(fixtures_boc.SOURCES)


@cache
def _parse(name: str) -> Statement:
    path = FIXTURES / "statements" / name / "input.pdf"
    doc = parse_document(path, label=path.relative_to(ROOT).as_posix())
    assert isinstance(doc, Statement)
    return doc


def _text(name: str) -> str:
    """Page 1's text (one page is enough, and reading all of them is slow)."""
    with pdfplumber.open(FIXTURES / "statements" / name / "input.pdf") as pdf:
        return str(pdf.pages[0].extract_text())


@pytest.mark.parametrize("name", CASES)
def test_every_printed_row_comes_back_exactly(name: str) -> None:
    source = fixtures_boc.SOURCES[name]()
    got = _parse(name).transactions
    assert len(got) == len(source.entries)
    for e, tx in zip(source.entries, got):
        payee = e.payee.name if e.payee else ""
        account = e.payee.account if e.payee else ""
        description = NAMES[e.kind] + (f" {e.memo}" if e.memo else "")
        assert (tx.date, tx.time, tx.amount, tx.balance, tx.currency) == (e.date, e.time, e.amount, e.balance, "CNY")
        assert (tx.counterparty, tx.counterparty_account, tx.description) == (payee, account, description)


def test_preamble_fields_and_provider() -> None:
    doc = _parse("boc/multipage")
    assert (doc.account_holder, doc.account_number, doc.provider, doc.currency) == (
        "赵子昇", "6217********0088", "boc", "CNY")


def test_multipage_rows_carry_their_page_and_a_running_row_number() -> None:
    txs = _parse("boc/multipage").transactions
    assert _parse("boc/multipage").page_count >= 3
    assert sorted({tx.source.page for tx in txs}) == list(range(1, _parse("boc/multipage").page_count + 1))
    assert [tx.source.row for tx in txs] == list(range(1, len(txs) + 1))
    assert all(tx.source.bbox is not None for tx in txs)


@pytest.mark.parametrize(("name", "printed"), [
    ("boc/basic", [r"\b2025-03-0\d\b", r" -\d[\d,]*\.\d\d"]),
    ("boc/multipage", [r"\b2025\.01\.0\d\b", r" -¥\d[\d,]*\.\d\d", r" ¥\d{1,3},\d{3}\.\d\d"]),
    ("boc/landscape", [r"\b2025/03/0\d\b", r"CNY -\d[\d,]*\.\d\d"]),
])
def test_date_and_amount_variants_are_really_printed(name: str, printed: list[str]) -> None:
    text = _text(name)
    assert all(re.search(p, text) for p in printed)


def test_landscape_page() -> None:
    with pdfplumber.open(FIXTURES / "statements" / "boc" / "landscape" / "input.pdf") as pdf:
        assert pdf.pages[0].width > pdf.pages[0].height


def test_dash_placeholders_become_empty_fields() -> None:
    assert "-------" in _text("boc/basic")
    atm = [tx for tx in _parse("boc/basic").transactions if tx.description.startswith("ATM取款")]
    assert atm and all(tx.counterparty == tx.counterparty_account == "" for tx in atm)
    assert all("-" not in tx.counterparty + tx.description for tx in _parse("boc/basic").transactions)


def test_repayments_to_both_lenders() -> None:
    txs = _parse("boc/basic").transactions
    ant = [(tx.date.isoformat(), str(tx.amount)) for tx in txs if tx.counterparty == "重庆蚂蚁消费金融有限公司"]
    ms = [(tx.date.isoformat(), str(tx.amount)) for tx in txs if tx.counterparty == "马上消费金融股份有限公司"]
    assert ant == [("2025-03-09", "-1060.30"), ("2025-04-09", "-1060.30")]
    assert ms == [("2025-03-20", "-845.66"), ("2025-04-20", "-845.66")]


def test_wrapped_memo_centred_above_the_date_line_joins_its_row() -> None:
    with pdfplumber.open(FIXTURES / "statements" / "boc" / "basic" / "input.pdf") as pdf:
        words = pdf.pages[0].extract_words()
    first = next(w for w in words if w["text"].startswith("借呗还款"))
    day = next(w for w in words if w["text"] == "2025-03-09" and abs(w["top"] - first["top"]) < 20)
    assert first["top"] < day["top"] - 2  # the fixture really has the quirk
    tx = next(tx for tx in _parse("boc/basic").transactions if tx.counterparty.startswith("重庆蚂蚁"))
    assert tx.description == "网上快捷支付 借呗还款JB2024011000123"
    assert tx.counterparty_account == "50001234567890123456"


def test_same_day_reordering_is_accepted_and_reported() -> None:
    doc = _parse("boc/multipage")
    assert doc.checks == {"balance_chain": "ok"}
    assert [f.kind for f in doc.findings] == ["same_day_reordered"]
    assert all(_parse(name).findings == () for name in ("boc/basic", "boc/landscape"))


def test_broken_chain_is_reported_at_its_row_and_rows_still_given() -> None:
    doc = _parse("boc/broken_chain")
    assert doc.checks == {"balance_chain": "failed"}
    assert doc.findings[0].kind == "balance_chain_failed"
    assert "input.pdf:p1:r7: balance" in doc.findings[0].message
    assert len(doc.transactions) == 14
