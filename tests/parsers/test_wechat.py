"""WeChat proof parser against the synthetic fixtures: every row exactly as the generator printed
it, the sign rule of 收/支/其他, wrapped IDs and times, the printed summary check, and refusals."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, ROOT
from generator.errors import StatementParseError
from generator.models import Statement
from generator.parsers import parse_document
from generator.parsers.table import read_table
from generator.parsers.wechat import WechatProof
from generator.pdf import open_pdf
from generator.serialize import statement_json
from generator.validate.payments import pays_loan

from synth import fixtures_wechat
from synth import wechat as synth

CASES = sorted(fixtures_wechat.SOURCES)
WEBANK = ("深圳前海微众银行股份有限公司", "微粒贷", "微众银行")
MEITUAN = ("重庆美团三快小额贷款有限公司", "美团月付")


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


def _expected(row: synth.WechatRow) -> tuple[str, str, str, str, str]:
    """The documented rule: 支出 negative, 收入 positive, 其他 positive and marked."""
    amount = -row.amount if row.flow == "支出" else row.amount
    description = row.kind + ("（其他）" if row.flow == "其他" else "")
    return row.when.date().isoformat(), row.when.strftime("%H:%M:%S"), f"{amount:.2f}", row.counterparty, description


@pytest.mark.parametrize("name", CASES)
def test_every_printed_row_comes_back_exactly(name: str) -> None:
    source = fixtures_wechat.SOURCES[name]()
    got = _parse(name)["transactions"]
    assert len(got) == len(source.rows)
    for row, tx in zip(source.rows, got):
        assert (tx["date"], tx["time"], tx["amount"], tx["counterparty"], tx["description"]) == _expected(row)
        assert (tx["balance"], tx["counterparty_account"]) == (None, "")


@pytest.mark.parametrize("name", CASES)
def test_preamble_and_kind(name: str) -> None:
    source, doc = fixtures_wechat.SOURCES[name](), _parse(name)
    assert (doc["kind"], doc["provider"], doc["currency"]) == ("payment_statement", "wechat", "CNY")
    assert (doc["account_holder"], doc["account_number"]) == (source.holder, source.wechat_id)


def test_summary_checks() -> None:
    assert _parse("wechat/basic")["checks"] == {"balance_chain": "not_applicable", "printed_totals": "not_applicable"}
    assert _parse("wechat/multipage")["checks"] == {"balance_chain": "not_applicable", "printed_totals": "ok"}
    doc = _parse("wechat/totals_mismatch")
    assert doc["checks"] == {"balance_chain": "not_applicable", "printed_totals": "failed"}
    assert [f["message"].split(":p1: ")[1] for f in doc["findings"]] == ["printed 全部 13笔, but the rows give 12笔"]
    def unplaced(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:  # the summary line moves the table down
        return [{k: v for k, v in row.items() if k != "bbox"} for row in rows]

    assert unplaced(doc["transactions"]) == unplaced(_parse("wechat/basic")["transactions"])  # rows all still there


def test_multipage_wraps_ids_and_times_and_repeats_the_header() -> None:
    import pdfplumber

    source = fixtures_wechat.wechat_multipage()
    with pdfplumber.open(_path("wechat/multipage")) as pdf:
        assert len(pdf.pages) >= 4
        first = pdf.pages[0].extract_words()
        headers = [sum(1 for w in page.extract_words() if w["text"] == "商户单号") for page in pdf.pages]
    assert headers[:5] == [1, 1, 1, 1, 1]
    when = source.rows[0].when
    day, clock = (next(w for w in first if w["text"] == f"{when:{f}}") for f in ("%Y-%m-%d", "%H:%M:%S"))
    assert clock["top"] > day["bottom"] and abs(clock["x0"] - day["x0"]) < 1  # the time under its date
    with open_pdf(_path("wechat/multipage")) as doc:
        raws = read_table(doc, "multipage.pdf", WechatProof.spec).rows
    assert [(r.texts["tx_no"], r.texts["merchant_no"]) for r in raws] == [
        (row.tx_no, row.merchant_no) for row in source.rows]
    assert {tx["page"] for tx in _parse("wechat/multipage")["transactions"]} == {1, 2, 3, 4, 5}


def test_repayments_name_the_lender_and_count_as_money_out() -> None:
    rows = _statement("wechat/multipage").transactions
    webank = [tx for tx in rows if pays_loan(tx, WEBANK)]
    meituan = [tx for tx in rows if pays_loan(tx, MEITUAN)]
    assert [(tx.counterparty, tx.description) for tx in webank] == (
        [("深圳前海微众银行股份有限公司", "微粒贷还款")] * 3 + [("微粒贷", "转账")] * 3)
    assert [(tx.counterparty, tx.description, str(tx.amount)) for tx in meituan] == [
        ("重庆美团三快小额贷款有限公司", "美团月付还款", "-268.40")] * 2
    others = [tx for tx in rows if tx.description.endswith("（其他）")]
    assert others and all(tx.amount > 0 and not pays_loan(tx, WEBANK + ("招商银行", "零钱通")) for tx in others)


def _write(tmp_path: Path, proof: synth.WechatProof) -> Path:
    path = tmp_path / "proof.pdf"
    path.write_bytes(synth.render_wechat_proof(proof))
    return path


def test_a_slash_in_the_flow_column_is_other(tmp_path: Path) -> None:
    proof = fixtures_wechat.wechat_basic()
    i = next(i for i, row in enumerate(proof.rows) if row.flow == "其他")
    rows = list(proof.rows)
    rows[i] = replace(rows[i], flow="/")
    tx = parse_document(_write(tmp_path, replace(proof, rows=rows))).transactions[i]  # type: ignore[union-attr]
    assert (str(tx.amount), tx.description) == (f"{proof.rows[i].amount:.2f}", proof.rows[i].kind + "（其他）")


def test_an_unknown_flow_is_an_error_naming_its_row(tmp_path: Path) -> None:
    proof = fixtures_wechat.wechat_basic()
    rows = list(proof.rows)
    rows[4] = replace(rows[4], flow="不明")
    with pytest.raises(StatementParseError, match=r"proof\.pdf:p1:r5: cannot read flag '不明' in column 收/支/其他"):
        parse_document(_write(tmp_path, replace(proof, rows=rows)))


def test_a_counterparty_ending_in_digits_keeps_them(tmp_path: Path) -> None:
    """交易对方 holds a name alone: 中国铁路12306's digits are its name, not an account to split off."""
    proof = fixtures_wechat.wechat_basic()
    rows = list(proof.rows)
    rows[1] = replace(rows[1], counterparty="中国铁路12306")
    tx = parse_document(_write(tmp_path, replace(proof, rows=rows))).transactions[1]  # type: ignore[union-attr]
    assert (tx.counterparty, tx.counterparty_account) == ("中国铁路12306", "")
