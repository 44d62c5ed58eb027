"""docs/documents.md says where each document comes from, for every issuer the tool reads and every
online lender it knows by brand, and `dispute check` points to it when a document is missing."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from generator.cli import app
from generator.lenders import LENDERS
from generator.render.exhibits import ISSUERS
from generator.summary import HOW_TO_GET

GUIDE = ROOT / "docs" / "documents.md"
TEXT = GUIDE.read_text(encoding="utf-8")


def check(case: str) -> list[str]:
    result = CliRunner().invoke(app, ["check", str(ROOT / "examples" / case)])
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


def test_check_points_to_the_guide_after_the_missing_documents() -> None:
    lines = check("alipay-insufficient")
    needed = [i for i, line in enumerate(lines) if "需补充" in line]
    assert needed, "the example no longer lacks a document"
    pointer = lines[needed[-1] + 1]
    assert pointer.strip() == HOW_TO_GET
    path = re.search(r"docs/\S+\.md", pointer)
    assert path is not None and (ROOT / path.group(0)) == GUIDE


def test_check_does_not_point_to_it_when_nothing_is_missing() -> None:
    lines = check("late-statement")
    assert not any("需补充" in line for line in lines)
    assert HOW_TO_GET not in "\n".join(lines)


@pytest.mark.parametrize("issuer", sorted(set(ISSUERS.values()) - {"中国人民银行征信中心"}))
def test_every_issuer_the_tool_reads_has_its_place(issuer: str) -> None:
    assert f"| {issuer} |" in TEXT or f"## {issuer}" in TEXT


def test_the_credit_report_has_its_section() -> None:
    assert "## 个人信用报告（详版）" in TEXT and "简版" in TEXT


@pytest.mark.parametrize("lender", [lender.legal_name for lender in LENDERS if lender.brands])
def test_every_lender_known_by_brand_is_in_the_table(lender: str) -> None:
    rows = [line for line in TEXT.splitlines() if line.startswith("| ") and lender in line]
    assert rows, f"{lender} is not in the lenders' table"


def test_links_inside_the_guide_reach_a_heading() -> None:
    anchors = {re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-")
               for h in re.findall(r"^#+ (.+)$", TEXT, re.M)}
    targets = set(re.findall(r"\]\(#([^)]+)\)", TEXT))
    assert targets and targets <= anchors, targets - anchors
    assert (GUIDE.parent / "case-toml.md").is_file()
