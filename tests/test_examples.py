"""Every example case gives the verdict examples/README.md states, and its PDFs are current."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

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


def _pdfs(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*.pdf")
            if "out" not in p.relative_to(root).parts}


def test_committed_example_pdfs_equal_a_fresh_build(tmp_path: Path) -> None:
    # Built beside the committed ones, from the same case.toml files: a run of the tests never
    # rewrites examples/ (a stale PDF would be silently "fixed" in the working tree).
    examples = ROOT / "examples"
    committed = _pdfs(examples)
    for toml in examples.glob("*/case.toml"):
        (tmp_path / toml.parent.name).mkdir()
        shutil.copy(toml, tmp_path / toml.parent.name / toml.name)
    subprocess.run([sys.executable, str(examples / "make_examples.py"), str(tmp_path)], check=True)
    assert committed, "no committed example PDF"
    assert _pdfs(tmp_path) == committed
    assert _pdfs(examples) == committed
