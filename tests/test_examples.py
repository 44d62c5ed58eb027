"""Every example case gives the verdict examples/README.md states, and its PDFs are current."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from generator.cli import app

TABLE = [row for row in re.findall(r"^\| ([a-z0-9-]+) \| ([a-z_]+) \|", (ROOT / "examples" / "README.md").read_text(encoding="utf-8"), re.M) if row[0] != "case"]


def test_the_table_lists_one_case_of_each_kind() -> None:
    assert {verdict for _, verdict in TABLE} >= {"dispute", "statement", "insufficient"}


@pytest.mark.parametrize(("case", "verdict"), TABLE)
def test_example_verdict(case: str, verdict: str) -> None:
    result = CliRunner().invoke(app, ["check", "--json", str(ROOT / "examples" / case)])
    assert result.exit_code == 0, result.stderr
    assert [loan["verdict"] for loan in json.loads(result.stdout)["loans"]] == [verdict]


def test_committed_example_pdfs_equal_a_fresh_build(tmp_path: object) -> None:
    before = {p: p.read_bytes() for p in (ROOT / "examples").rglob("*.pdf") if "out" not in p.parts}
    subprocess.run([sys.executable, str(ROOT / "examples" / "make_examples.py")], check=True)
    after = {p: p.read_bytes() for p in (ROOT / "examples").rglob("*.pdf") if "out" not in p.parts}
    assert after == before
