"""CMB parser against synthetic fixtures: golden JSON, wrapped cells, the balance chain."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, ROOT
from generator.parsers import parse_document
from generator.serialize import statement_json

from synth import fixtures_cmb

CASES = sorted(fixtures_cmb.SOURCES)


def _parse(name: str) -> dict[str, object]:
    path = FIXTURES / "statements" / name / "input.pdf"
    return statement_json(parse_document(path, label=path.relative_to(ROOT).as_posix()))


@pytest.mark.parametrize("name", CASES)
def test_every_printed_row_comes_back_exactly(name: str) -> None:
    source = fixtures_cmb.SOURCES[name]()
    got = _parse(name)["transactions"]
    assert isinstance(got, list)
    assert len(got) == len(source.rows)
    for row, tx in zip(source.rows, got):
        assert (tx["date"], tx["amount"], tx["balance"], tx["description"]) == (
            row.date.isoformat(), f"{row.amount:.2f}", f"{row.balance:.2f}", row.summary)
        joined = (tx["counterparty"] + tx["counterparty_account"]).replace(" ", "")
        assert joined == row.counterparty.replace(" ", "")


def test_preamble_fields() -> None:
    doc = _parse("cmb/multipage")
    assert (doc["account_holder"], doc["account_number"], doc["provider"]) == ("赵子昇", "6225********0088", "cmb")


def test_same_day_reordering_is_accepted_and_reported() -> None:
    doc = _parse("cmb/reordered")
    assert doc["checks"] == {"balance_chain": "ok"}
    assert [f["kind"] for f in doc["findings"]] == ["same_day_reordered"]  # type: ignore[index]


def test_broken_chain_is_reported_with_its_row_and_rows_still_given() -> None:
    doc = _parse("cmb/broken_chain")
    assert doc["checks"] == {"balance_chain": "failed"}
    findings = doc["findings"]
    assert isinstance(findings, list) and findings[0]["kind"] == "balance_chain_failed"
    assert ":p1:r6: balance" in findings[0]["message"]
    assert len(doc["transactions"]) == 24  # type: ignore[arg-type]


def test_wrapped_counterparty_above_the_date_line_joins_its_row() -> None:
    import pdfplumber

    path = FIXTURES / "statements" / "cmb" / "basic" / "input.pdf"
    with pdfplumber.open(path) as pdf:
        words = pdf.pages[0].extract_words()
    ant = next(w for w in words if w["text"].startswith("重庆蚂蚁"))
    date_word = min((w for w in words if w["text"][:4] == "2025" and w["x0"] < 60),
                    key=lambda w: abs(w["top"] - ant["top"]))
    assert ant["top"] < date_word["top"]  # the fixture really has the quirk
    tx = [t for t in _parse("cmb/basic")["transactions"] if t["counterparty"].startswith("重庆蚂蚁")]  # type: ignore[union-attr]
    assert tx and all(t["counterparty_account"] == "2088101234567890" for t in tx)
