"""ICBC parser against synthetic fixtures: every row exact, both layouts, newest-first order,
wrapped counterparty cells, the balance chain, and headers it must refuse."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from conftest import FIXTURES, ROOT
from generator.errors import StatementParseError
from generator.parsers import parse_document
from generator.parsers.table import read_table
from generator.parsers.icbc import IcbcStatement
from generator.pdf import open_pdf
from generator.serialize import statement_json

from synth import fixtures_icbc
from synth.bankpdf import render_sheet
from synth.icbc import cells, sheet, shows_time, summary

CASES = sorted(fixtures_icbc.SOURCES)


def _path(name: str) -> Path:
    return FIXTURES / "statements" / name / "input.pdf"


@cache
def _parse(name: str) -> dict[str, Any]:
    path = _path(name)
    return statement_json(parse_document(path, label=path.relative_to(ROOT).as_posix()))


@pytest.mark.parametrize("name", CASES)
def test_every_printed_row_comes_back_exactly(name: str) -> None:
    st = fixtures_icbc.SOURCES[name]()
    got = _parse(name)["transactions"]
    assert len(got) == len(st.entries)
    for e, tx in zip(st.entries, got):
        want = {"date": e.date.isoformat(), "time": e.time if shows_time(st, e) else None,
                "amount": f"{e.amount:.2f}", "balance": f"{e.balance:.2f}",
                "counterparty": e.payee.name if e.payee else "", "counterparty_account": cells(st, e)["cp_account"],
                "description": summary(e)}
        assert {k: tx[k] for k in want} == want


def test_preamble_fields_and_provider() -> None:
    doc = _parse("icbc/split")
    assert (doc["account_holder"], doc["account_number"], doc["provider"], doc["currency"]) == (
        "赵子昇", "6212********0088", "icbc", "CNY")


@pytest.mark.parametrize(("name", "money"), [("icbc/basic", {"amount"}), ("icbc/split", {"credit", "debit"})])
def test_each_layout_is_recognised_by_its_header(name: str, money: set[str]) -> None:
    with open_pdf(_path(name)) as doc:
        table = read_table(doc, name, IcbcStatement.spec)
    assert table.keys & {"amount", "credit", "debit"} == money


def test_signed_layout_has_no_time_and_split_layout_has_one_except_on_batch_rows() -> None:
    assert {tx["time"] for tx in _parse("icbc/basic")["transactions"]} == {None}
    split = _parse("icbc/split")["transactions"]
    untimed = [tx["description"] for tx in split if tx["time"] is None]
    assert set(untimed) <= {"结息"} and len(untimed) < len(split)


def test_newest_first_printing_still_closes_the_chain() -> None:
    doc = _parse("icbc/basic")
    dates = [tx["date"] for tx in doc["transactions"]]
    assert dates == sorted(dates, reverse=True)
    assert (doc["checks"], doc["findings"]) == ({"balance_chain": "ok"}, [])


def test_split_statement_runs_over_three_pages_and_keeps_yen_amounts_exact() -> None:
    doc = _parse("icbc/split")
    assert max(tx["page"] for tx in doc["transactions"]) >= 3
    assert doc["checks"] == {"balance_chain": "ok"}
    with pdfplumber.open(_path("icbc/split")) as pdf:
        assert pdf.pages[0].width > pdf.pages[0].height  # landscape
        assert "¥" in pdf.pages[0].extract_text()


def test_loan_repayments_are_found_with_their_lenders() -> None:
    lenders = {tx["counterparty"]: tx["description"] for tx in _parse("icbc/basic")["transactions"]
               if tx["amount"].startswith("-") and "金融" in tx["counterparty"]}
    assert lenders == {"重庆蚂蚁消费金融有限公司": "快捷支付", "招联消费金融股份有限公司": "代扣"}
    webank = [tx for tx in _parse("icbc/split")["transactions"] if tx["counterparty"] == "深圳前海微众银行股份有限公司"]
    assert [tx["amount"] for tx in webank] == ["-532.18"] * 3


def test_wrapped_counterparty_above_the_date_line_joins_its_row() -> None:
    with pdfplumber.open(_path("icbc/split")) as pdf:
        words = pdf.pages[0].extract_words()
    name = "深圳前海微众银行股份有限公司"
    first = next(w for w in words if w["text"] != name and name.startswith(w["text"]))  # its first line
    date_word = min((w for w in words if w["text"].startswith("2025-") and w["x0"] < 60),
                    key=lambda w: abs(w["top"] - first["top"]))
    assert first["top"] < date_word["top"]  # the fixture really has the quirk
    assert [tx["counterparty"] for tx in _parse("icbc/split")["transactions"]][0] == name


def test_same_day_reordering_is_accepted_and_reported() -> None:
    doc = _parse("icbc/reordered")
    assert doc["checks"] == {"balance_chain": "ok"}
    assert [f["kind"] for f in doc["findings"]] == ["same_day_reordered"]


def test_broken_chain_is_reported_at_the_misprinted_row() -> None:
    doc = _parse("icbc/broken_chain")
    assert doc["checks"] == {"balance_chain": "failed"}
    kinds = [f["kind"] for f in doc["findings"]]
    assert kinds and set(kinds) == {"balance_chain_failed"}
    assert ":p1:r8: balance" in doc["findings"][0]["message"]  # printed row 8, newest first
    assert len(doc["transactions"]) == len(fixtures_icbc.icbc_broken_chain().entries)


def _render(tmp_path: Path, pdf: bytes) -> Path:
    path = tmp_path / "icbc.pdf"
    path.write_bytes(pdf)
    return path


def test_a_column_we_do_not_know_is_kept_not_fatal(tmp_path: Path) -> None:
    base = sheet(fixtures_icbc.icbc_basic())
    columns = tuple(replace(c, label="业务渠道") if c.key == "channel" else c for c in base.columns)
    doc = statement_json(parse_document(_render(tmp_path, render_sheet(replace(base, columns=columns))), provider="icbc"))
    assert [f["message"] for f in doc["findings"] if f["kind"] == "unknown_columns"] == [
        "columns kept in the description: 业务渠道"]
    assert len(doc["transactions"]) == len(base.rows)


def test_a_header_without_a_required_column_is_refused_not_guessed(tmp_path: Path) -> None:
    base = sheet(fixtures_icbc.icbc_basic())
    columns = tuple(replace(c, label="入账时刻") if c.key == "date" else c for c in base.columns)
    path = _render(tmp_path, render_sheet(replace(base, columns=columns)))
    with pytest.raises(StatementParseError, match=r"icbc\.pdf:p1: table header not found \(expected columns 交易日期\)"):
        parse_document(path, provider="icbc")


def test_a_split_row_without_an_amount_names_its_page_and_row(tmp_path: Path) -> None:
    base = sheet(fixtures_icbc.icbc_split())
    rows = list(base.rows)
    rows[2] = {k: v for k, v in rows[2].items() if k not in ("credit", "debit")}
    path = _render(tmp_path, render_sheet(replace(base, rows=tuple(rows))))
    with pytest.raises(StatementParseError, match=r"icbc\.pdf:p1:r3: no amount in column 收入金额 or 支出金额"):
        parse_document(path)
