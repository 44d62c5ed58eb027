"""The JSON contract: real CLI output validates against the schemas in contract/ (copied from
the team's shared/contract, and checked equal to it when that folder is beside the checkout)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from generator.cli import app

CONTRACT = ROOT / "contract"
SHARED = ROOT.parent / "shared" / "contract"
runner = CliRunner()


def _validate(schema: str, data: object) -> None:
    jsonschema.validate(data, json.loads((CONTRACT / schema).read_text(encoding="utf-8")))


@pytest.mark.skipif(not SHARED.is_dir(), reason="the team's shared/contract is not beside this checkout")
@pytest.mark.parametrize("name", ["parse.schema.json", "check.schema.json"])
def test_contract_copy_is_current(name: str) -> None:
    assert (CONTRACT / name).read_text() == (SHARED / name).read_text()


def test_parse_json_of_every_fixture_fits_the_schema() -> None:
    files = sorted(str(p) for p in (FIXTURES / "statements").rglob("input.pdf"))
    result = runner.invoke(app, ["parse", "--json", *files])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["documents"]) == len(files)
    _validate("parse.schema.json", data)


def test_parse_json_has_the_spec_shape() -> None:
    example = next((ROOT / "examples" / "on-time-cmb").glob("*.pdf"))
    data = json.loads(runner.invoke(app, ["parse", "--json", str(example)]).stdout)
    doc = data["documents"][0]
    assert {"file", "sha256", "kind", "provider", "account_holder", "account_number", "currency",
            "transactions", "checks"} <= set(doc)
    tx = doc["transactions"][0]
    assert {"date", "time", "amount", "balance", "counterparty", "counterparty_account", "description",
            "page"} <= set(tx)
    assert (doc["kind"], doc["provider"], doc["currency"]) == ("bank_statement", "cmb", "CNY")


def test_check_json_fits_the_schema_and_every_installment_is_on_time() -> None:
    result = runner.invoke(app, ["check", "--json", str(ROOT / "examples" / "on-time-cmb")])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    _validate("check.schema.json", data)
    loan = data["loans"][0]
    assert [i["status"] for i in loan["installments"]] == ["on_time"] * 12
    assert loan["verdict"] == "dispute"
    verdicts = {m["month"]: m["verdict"] for m in loan["months"]}
    assert verdicts.pop("2025-03") == "contradicted"
    assert len(verdicts) == 11 and set(verdicts.values()) == {"consistent"}
