"""`dispute check --json` of every example, compared exactly with tests/golden/check/<example>.json.

Regenerate after a reviewed change: `pytest tests/test_check_golden.py --update-golden`, then read
the diff. The check date is fixed, and the output names files relative to the case folder, so the
goldens do not depend on the machine or the day.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import ROOT, Golden
from generator.cli import app

EXAMPLES = sorted(p.parent.name for p in (ROOT / "examples").glob("*/case.toml"))
GOLDEN = ROOT / "tests" / "golden" / "check"
AS_OF = "2026-03-01"


def test_every_example_has_a_golden() -> None:
    assert EXAMPLES and sorted(p.stem for p in GOLDEN.glob("*.json")) == EXAMPLES


@pytest.mark.parametrize("example", EXAMPLES)
def test_check_json_matches_golden(example: str, golden: Golden) -> None:
    result = CliRunner().invoke(app, ["check", "--json", str(ROOT / "examples" / example), "--date", AS_OF])
    assert result.exit_code == 0, result.stderr
    assert str(ROOT) not in result.stdout
    golden.check_json(GOLDEN / f"{example}.json", json.loads(result.stdout))
