"""CCB parser against synthetic fixtures: every row exact, ``account/name`` cells that wrap, ¥
amounts, the 序号 row sequence, and the balance chain."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from conftest import FIXTURES, ROOT
from generator.parsers import parse_document
from generator.parsers.common import split_account_name
from generator.serialize import statement_json

from synth import fixtures_ccb
from synth.bankpdf import render_sheet
from synth.ccb import place, sheet, summary

CASES = sorted(fixtures_ccb.SOURCES)


def _path(name: str) -> Path:
    return FIXTURES / "statements" / name / "input.pdf"


@cache
def _parse(name: str) -> dict[str, Any]:
    path = _path(name)
    return statement_json(parse_document(path, label=path.relative_to(ROOT).as_posix()))


@pytest.mark.parametrize("name", CASES)
def test_every_printed_row_comes_back_exactly(name: str) -> None:
    st = fixtures_ccb.SOURCES[name]()
    got = _parse(name)["transactions"]
    assert len(got) == len(st.entries)
    for e, tx in zip(st.entries, got):
        want = {"date": e.date.isoformat(), "time": None, "amount": f"{e.amount:.2f}",
                "balance": f"{e.balance:.2f}", "counterparty": e.payee.name if e.payee else "",
                "counterparty_account": e.payee.account if e.payee else "",
                "description": " ".join(t for t in (summary(e), place(e)) if t)}
        assert {k: tx[k] for k in want} == want


def test_preamble_fields_and_provider() -> None:
    doc = _parse("ccb/multipage")
    assert (doc["account_holder"], doc["account_number"], doc["provider"], doc["currency"]) == (
        "欧阳禕", "6236********0420", "ccb", "CNY")


@pytest.mark.parametrize(("text", "split"), [
    ("50050107360000002979/重庆蚂蚁消费金融有限公司", ("重庆蚂蚁消费金融有限公司", "50050107360000002979")),
    ("6217****1234/张伟", ("张伟", "6217****1234")),
    ("北京麦当劳食品有限公司", ("北京麦当劳食品有限公司", "")),
    ("支付宝/淘宝", ("支付宝/淘宝", "")),  # not an account before the slash: a name
])
def test_account_and_name_cell_is_split_at_the_slash(text: str, split: tuple[str, str]) -> None:
    assert split_account_name(text) == split


def test_withheld_ant_repayment_keeps_its_wrapped_account_name_and_memo() -> None:
    ant = [tx for tx in _parse("ccb/basic")["transactions"] if tx["counterparty"] == "重庆蚂蚁消费金融有限公司"]
    assert [(tx["amount"], tx["counterparty_account"]) for tx in ant] == [("-1060.30", "50050107360000002979")] * 2
    assert ant[0]["description"] == "代收付 蚂蚁花呗借呗扣款^2025031010255101045371003861568^jiebei"
    with pdfplumber.open(_path("ccb/basic")) as pdf:
        texts = [w["text"] for w in pdf.pages[0].extract_words()]
    assert "50050107360000002979/重庆蚂蚁消费金融有限公司" not in texts  # the cell really wraps
    zhaolian = [tx for tx in _parse("ccb/basic")["transactions"] if tx["counterparty"] == "招联消费金融股份有限公司"]
    assert [tx["description"] for tx in zhaolian] == ["快捷支付 招联好期贷还款"] * 2


def test_multipage_statement_with_yen_amounts() -> None:
    doc = _parse("ccb/multipage")
    assert max(tx["page"] for tx in doc["transactions"]) >= 3
    assert doc["checks"] == {"balance_chain": "ok", "row_sequence": "ok"}
    with pdfplumber.open(_path("ccb/multipage")) as pdf:
        assert all("对方账号与户名" in page.extract_text() for page in pdf.pages)  # header on every page
        assert "-¥" in pdf.pages[0].extract_text()
    webank = [tx["amount"] for tx in doc["transactions"] if tx["counterparty"] == "深圳前海微众银行股份有限公司"]
    assert webank == ["-532.18"] * 3


def test_same_day_reordering_is_accepted_and_reported() -> None:
    doc = _parse("ccb/reordered")
    assert doc["checks"] == {"balance_chain": "ok", "row_sequence": "ok"}
    assert [f["kind"] for f in doc["findings"]] == ["same_day_reordered"]


def test_broken_chain_is_reported_at_the_misprinted_row() -> None:
    doc = _parse("ccb/broken_chain")
    assert doc["checks"] == {"balance_chain": "failed", "row_sequence": "ok"}
    assert doc["findings"][0]["kind"] == "balance_chain_failed"
    assert ":p1:r10: balance" in doc["findings"][0]["message"]
    assert len(doc["transactions"]) == len(fixtures_ccb.ccb_broken_chain().entries)


def test_a_gap_in_the_row_numbers_fails_the_row_sequence_check(tmp_path: Path) -> None:
    base = sheet(fixtures_ccb.ccb_basic())
    rows = tuple(row if i < 5 else {**row, "seq": str(i + 2)} for i, row in enumerate(base.rows))
    path = tmp_path / "ccb.pdf"
    path.write_bytes(render_sheet(replace(base, rows=rows)))
    doc = statement_json(parse_document(path, label="ccb.pdf"))
    assert doc["checks"] == {"balance_chain": "ok", "row_sequence": "failed"}
    assert [f["kind"] for f in doc["findings"]] == ["row_sequence_broken"]
    assert doc["findings"][0]["message"].startswith("ccb.pdf:p1:r6: 序号 '7' where 6 was expected")
