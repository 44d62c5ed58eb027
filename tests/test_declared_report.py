"""A credit report named in case.toml's [report] is still read when it can be: its accounts decide
the case (it was skipped, so a readable report's facts were lost); a declared report that cannot
be read (a scan) is left to what case.toml says of it, never an error."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from conftest import ROOT
from generator.cli import app

runner = CliRunner()
REPORT = '[report]\nnumber = "2026021509301234567890"\ntime = "2026-02-15 09:30:12"\nfile = "个人信用报告.pdf"\n\n'


def _case(tmp_path: Path) -> Path:
    case = tmp_path / "case"
    shutil.copytree(ROOT / "examples" / "on-time-cmb", case)
    toml = case / "case.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace("[[loans]]", REPORT + "[[loans]]", 1), encoding="utf-8")
    return case


def _verdicts(case: Path) -> list[str]:
    result = runner.invoke(app, ["check", str(case), "--json"])
    assert result.exit_code == 0, result.stderr
    return [loan["verdict"] for loan in json.loads(result.stdout)["loans"]]


def test_a_declared_report_that_reads_decides_as_if_undeclared(tmp_path: Path) -> None:
    assert _verdicts(_case(tmp_path)) == _verdicts(ROOT / "examples" / "on-time-cmb") == ["dispute"]


def test_a_declared_report_that_cannot_be_read_is_left_to_case_toml(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    case = _case(tmp_path)
    canvas = Canvas(str(case / "个人信用报告.pdf"))
    canvas.rect(100, 100, 300, 400, fill=1)  # a scan: marks, no text layer
    canvas.save()
    result = runner.invoke(app, ["check", str(case), "--json"])
    # The report was what told the loan's installments; without it case.toml must (and says so).
    assert "个人信用报告.pdf" not in result.stderr and "scanned" not in result.stderr, result.stderr
    assert "installments" in result.stderr
