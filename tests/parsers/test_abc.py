"""ABC parser against synthetic fixtures: every row exact, both time styles, untimed batch rows,
the spaced 日 志 号 header label, 正常还款 / 快捷支付 repayments and the balance chain."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from conftest import FIXTURES, ROOT
from generator.errors import StatementParseError
from generator.parsers import parse_document
from generator.serialize import statement_json

from synth import fixtures_abc
from synth.abc import batch_booked, sheet, summary
from synth.bankpdf import render_sheet

CASES = sorted(fixtures_abc.SOURCES)


def _path(name: str) -> Path:
    return FIXTURES / "statements" / name / "input.pdf"


@cache
def _parse(name: str) -> dict[str, Any]:
    path = _path(name)
    return statement_json(parse_document(path, label=path.relative_to(ROOT).as_posix()))


@pytest.mark.parametrize("name", CASES)
def test_every_printed_row_comes_back_exactly(name: str) -> None:
    st = fixtures_abc.SOURCES[name]()
    got = _parse(name)["transactions"]
    assert len(got) == len(st.entries)
    for e, tx in zip(st.entries, got):
        want = {"date": e.date.isoformat(), "time": None if batch_booked(e) else e.time,
                "amount": f"{e.amount:.2f}", "balance": f"{e.balance:.2f}",
                "counterparty": e.payee.name if e.payee else "",
                "counterparty_account": e.payee.account if e.payee else "",
                "description": " ".join(t for t in (summary(e), e.memo) if t)}
        assert {k: tx[k] for k in want} == want


def test_preamble_fields_and_provider() -> None:
    doc = _parse("abc/basic")
    assert (doc["account_holder"], doc["account_number"], doc["provider"], doc["currency"]) == (
        "陈静怡", "6228********1234", "abc", "CNY")


@pytest.mark.parametrize(("name", "printed"), [("abc/basic", r"^\d{6}$"), ("abc/landscape", r"^\d{2}:\d{2}:\d{2}$")])
def test_both_time_styles_come_back_as_hh_mm_ss(name: str, printed: str) -> None:
    with pdfplumber.open(_path(name)) as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
        landscape = page.width > page.height
    assert landscape == (name == "abc/landscape")
    left, right = (next(w for w in words if w["text"] == label) for label in ("交易日期", "交易摘要"))
    column = [w["text"] for w in words if left["x1"] < (w["x0"] + w["x1"]) / 2 < right["x0"]
              and w["top"] > left["bottom"] and re.fullmatch(r"[\d:]+", w["text"])]
    assert column and all(re.match(printed, t) for t in column)
    times = [tx["time"] for tx in _parse(name)["transactions"] if tx["time"] is not None]
    assert times and all(re.match(r"^\d{2}:\d{2}:\d{2}$", t) for t in times)


def test_batch_rows_have_no_time_and_an_empty_counterparty_is_blank() -> None:
    txs = _parse("abc/basic")["transactions"]
    withheld = [tx for tx in txs if tx["description"].startswith("正常还款")]
    assert [(tx["counterparty"], tx["amount"], tx["time"]) for tx in withheld] == [
        ("招联消费金融股份有限公司", "-845.20", None)] * 2
    interest = [tx for tx in _parse("abc/multipage")["transactions"] if tx["description"].startswith("结息")]
    assert interest and all((tx["time"], tx["counterparty"], tx["counterparty_account"]) == (None, "", "")
                            for tx in interest)


def test_quick_payment_repayments_name_the_lender() -> None:
    ant = [tx for tx in _parse("abc/basic")["transactions"] if tx["counterparty"] == "重庆蚂蚁消费金融有限公司"]
    assert [(tx["amount"], tx["counterparty_account"], tx["description"]) for tx in ant] == [
        ("-1060.30", "50050107360000002979", "快捷支付 借呗还款202503090088123456"),
        ("-1060.30", "50050107360000002979", "快捷支付 借呗还款202504090088123456")]
    webank = [tx["amount"] for tx in _parse("abc/multipage")["transactions"]
              if tx["counterparty"] == "深圳前海微众银行股份有限公司"]
    assert webank == ["-532.18"] * 3


def test_the_spaced_log_number_label_is_read_as_one_column() -> None:
    with pdfplumber.open(_path("abc/basic")) as pdf:
        texts = [w["text"] for w in pdf.pages[0].extract_words()]
    assert {"日", "志", "号"} <= set(texts) and "日志号" not in texts  # the header really is spaced
    assert len(_parse("abc/basic")["transactions"]) == len(fixtures_abc.abc_basic().entries)


def test_multipage_statement_repeats_its_header() -> None:
    doc = _parse("abc/multipage")
    assert max(tx["page"] for tx in doc["transactions"]) >= 3
    assert doc["checks"] == {"balance_chain": "ok"}
    with pdfplumber.open(_path("abc/multipage")) as pdf:
        assert all("本次余额" in page.extract_text() for page in pdf.pages)


def test_same_day_reordering_is_accepted_and_reported() -> None:
    doc = _parse("abc/reordered")
    assert doc["checks"] == {"balance_chain": "ok"}
    assert [f["kind"] for f in doc["findings"]] == ["same_day_reordered"]


def test_broken_chain_is_reported_at_the_misprinted_row() -> None:
    doc = _parse("abc/broken_chain")
    assert doc["checks"] == {"balance_chain": "failed"}
    assert doc["findings"][0]["kind"] == "balance_chain_failed"
    assert ":p1:r5: balance" in doc["findings"][0]["message"]


def test_an_impossible_time_names_its_page_and_row(tmp_path: Path) -> None:
    base = sheet(fixtures_abc.abc_basic())
    rows = tuple({**row, "time": "256100"} if i == 3 else row for i, row in enumerate(base.rows))
    path = tmp_path / "abc.pdf"
    path.write_bytes(render_sheet(replace(base, rows=rows)))
    with pytest.raises(StatementParseError, match=r"abc\.pdf:p1:r4: cannot parse time '256100' in column 交易时间"):
        parse_document(path)
