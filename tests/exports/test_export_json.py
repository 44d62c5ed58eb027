"""`parse --json` says of every statement whether the holder exported it (a CSV, workbook or an
app's bill, self-produced and unsealed) or it is a PDF the bank or lender issued."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from generator.cli import app
from synth import exports


@pytest.mark.parametrize(("path", "exported"), [
    (FIXTURES / "exports" / "alipay-2023.csv", True),
    (FIXTURES / "exports" / "bocom.xlsx", True),
    (FIXTURES / "exports" / "wechat-2025.zip", True),
    (FIXTURES / "statements" / "abc" / "basic" / "input.pdf", False)], ids=lambda v: getattr(v, "name", str(v)))
def test_parse_json_says_whether_the_statement_was_exported(path: Path, exported: bool) -> None:
    result = CliRunner().invoke(app, ["parse", str(path), "--json", "--password", exports.PASSWORD])
    assert result.exit_code == 0, result.stderr
    statements = [d for d in json.loads(result.stdout)["documents"] if "transactions" in d]
    assert statements and all(d["exported"] is exported for d in statements)
