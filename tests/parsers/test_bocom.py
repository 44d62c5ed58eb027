"""BOCOM parser against its synthetic fixtures: every row exactly, and the format's quirks."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import pdfplumber
import pytest
from conftest import FIXTURES, ROOT
from synth import bocom as synth_bocom
from synth import fixtures_bocom
from synth.bocom import TYPES, BocomStatement, render_bocom_statement
from synth.generic_banks import Entry

from generator.errors import StatementParseError
from generator.models import Statement
from generator.parsers import parse_document

CASES = sorted(fixtures_bocom.SOURCES)


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
    source = fixtures_bocom.SOURCES[name]()
    got = _parse(name).transactions
    assert len(got) == len(source.entries)
    for e, tx in zip(source.entries, got):
        payee = e.payee.name if e.payee else ""
        account = e.payee.account if e.payee else ""
        description = TYPES[e.kind] + (f" {e.memo}" if e.memo else "")
        assert (tx.date, tx.time, tx.amount, tx.balance) == (e.date, e.time, e.amount, e.balance)
        assert (tx.counterparty, tx.counterparty_account, tx.description) == (payee, account, description)


def test_preamble_fields_and_provider() -> None:
    doc = _parse("bocom/multipage")
    assert (doc.account_holder, doc.account_number, doc.provider) == ("司马瑾瑜", "6222********7890", "bocom")
    assert doc.page_count >= 3
    assert [tx.source.row for tx in doc.transactions] == list(range(1, 51))


def test_debit_flag_makes_the_unsigned_amount_negative() -> None:
    text = _text("bocom/basic")
    assert "借 Dr" in text and "贷 Cr" in text and "-1,288.88" not in text
    ant = [tx for tx in _parse("bocom/basic").transactions if tx.counterparty == "重庆蚂蚁消费金融有限公司"]
    ms = [tx for tx in _parse("bocom/basic").transactions if tx.counterparty == "马上消费金融股份有限公司"]
    assert [str(tx.amount) for tx in ant] == ["-1288.88", "-1288.88"]
    assert [(tx.date, str(tx.amount)) for tx in ms] == [(date(2025, 3, 8), "-416.67"), (date(2025, 4, 8), "-416.67")]
    assert all(tx.amount > 0 for tx in _parse("bocom/basic").transactions if tx.description.startswith("代发工资"))


@pytest.mark.parametrize(("name", "printed"), [
    ("bocom/basic", [r"\b2025/03/0\d\b", r"\b贷 Cr \d[\d,]*\.\d\d"]),
    ("bocom/multipage", [r"\b2025-01-0\d\b", r"借 Dr ¥\d[\d,]*\.\d\d"]),
    ("bocom/landscape", [r"\b2025\.03\.0\d\b", r"借 Dr CNY \d[\d,]*\.\d\d"]),
])
def test_date_and_amount_variants_are_really_printed(name: str, printed: list[str]) -> None:
    text = _text(name)
    assert all(re.search(p, text) for p in printed)


def test_top_aligned_wrapped_cells_continue_below_their_row() -> None:
    with pdfplumber.open(FIXTURES / "statements" / "bocom" / "basic" / "input.pdf") as pdf:
        words = pdf.pages[1].extract_words()
    memo = next(w for w in words if w["text"].startswith("借呗还款"))
    day = min((w for w in words if w["text"].startswith("2025/")), key=lambda w: abs(w["top"] - memo["top"]))
    assert memo["top"] == pytest.approx(day["top"], abs=1)  # the cell starts on the date line …
    assert any(w["top"] > day["top"] + 5 and abs(w["x0"] - memo["x0"]) < 1 for w in words)  # … and wraps below
    tx = next(tx for tx in _parse("bocom/basic").transactions if tx.counterparty.startswith("重庆蚂蚁"))
    assert tx.description == "快捷支付 借呗还款JB2024052000456"


def test_row_numbers_are_checked() -> None:
    assert all(_parse(name).checks["row_sequence"] == "ok" for name in CASES)


def test_landscape_page() -> None:
    with pdfplumber.open(FIXTURES / "statements" / "bocom" / "landscape" / "input.pdf") as pdf:
        assert pdf.pages[0].width > pdf.pages[0].height


def test_same_day_reordering_is_accepted_and_reported() -> None:
    doc = _parse("bocom/multipage")
    assert doc.checks == {"balance_chain": "ok", "row_sequence": "ok"}
    assert [f.kind for f in doc.findings] == ["same_day_reordered"]
    assert all(_parse(name).findings == () for name in ("bocom/basic", "bocom/landscape"))


def test_broken_chain_is_reported_at_its_row() -> None:
    doc = _parse("bocom/broken_chain")
    assert doc.checks == {"balance_chain": "failed", "row_sequence": "ok"}
    assert "input.pdf:p1:r10: balance" in doc.findings[0].message
    assert len(doc.transactions) == 16


def _small(entries: list[Entry]) -> BocomStatement:
    return BocomStatement("测试", "6222********0000", date(2025, 3, 1), date(2025, 3, 31), entries)


def _entries() -> list[Entry]:
    return list(fixtures_bocom.bocom_basic().entries[:4])


def test_an_unknown_flag_is_an_error_naming_page_row_and_text(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(synth_bocom, "flag", lambda e: "转 X" if e.time == _entries()[1].time else "借 Dr" if e.amount < 0 else "贷 Cr")
    path = tmp_path / "flag.pdf"
    path.write_bytes(render_bocom_statement(_small(_entries())))
    with pytest.raises(StatementParseError) as err:
        parse_document(path, label="flag.pdf")
    assert str(err.value).startswith("flag.pdf:p1:r2: cannot read flag '转 X' in column 借贷 (expected ")


def test_a_missing_row_number_fails_the_row_number_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    printed = synth_bocom.printed
    monkeypatch.setattr(synth_bocom, "printed", lambda st, e, n: printed(st, e, n + (n >= 3)))
    path = tmp_path / "gap.pdf"
    path.write_bytes(render_bocom_statement(_small(_entries())))
    doc = parse_document(path, label="gap.pdf")
    assert isinstance(doc, Statement)
    assert doc.checks == {"balance_chain": "ok", "row_sequence": "failed"}
    assert [f.message for f in doc.findings] == ["gap.pdf:p1:r3: 序号 '4' where 3 was expected (a row is missing, repeated or unreadable)"]


def test_zero_amount_debit_is_not_negative_zero(tmp_path: Path) -> None:
    e = _entries()[0]
    path = tmp_path / "zero.pdf"
    path.write_bytes(render_bocom_statement(_small([replace(e, amount=Decimal("-0.00"))])))
    doc = parse_document(path, label="zero.pdf")
    assert isinstance(doc, Statement)
    assert str(doc.transactions[0].amount) == "0.00"
