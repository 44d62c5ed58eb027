"""docs/case-toml.md names exactly the keys the case.toml reader accepts, table by table, and its
"everything at once" example is a case.toml the reader takes.

The accepted keys are recorded from the reader itself while it reads that example (every table is
checked against its allowed keys as it is read), so a key added to or dropped from generator/case.py
without this page, or the other way round, fails here."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from generator import case as case_module
from generator.case import load_case

REFERENCE = ROOT / "docs" / "case-toml.md"
TEXT = REFERENCE.read_text(encoding="utf-8")
HEADING = re.compile(r"^## (?:`(\[\[?[a-z.]+\]\]?)`|(Top level))$", re.M)
ROW_KEY = re.compile(r"^\| `([a-z_]+)` \|", re.M)


def documented() -> dict[str, set[str]]:
    """Each section's keys: the first column of its table."""
    marks = list(HEADING.finditer(TEXT))
    out: dict[str, set[str]] = {}
    for mark, following in zip(marks, [*marks[1:], None], strict=True):
        body = TEXT[mark.end():following.start() if following else len(TEXT)]
        out[mark.group(1) or "top"] = set(ROW_KEY.findall(body))
    return out


def example() -> str:
    part = TEXT[TEXT.index("## Everything at once"):]
    block = re.search(r"```toml\n(.*?)```", part, re.S)
    assert block is not None
    return block.group(1)


def _section(path: str) -> str:
    """`[[loans]][1].schedule[2]` → `[[loans.schedule]]`, as the reference titles it."""
    plain = re.sub(r"\[\d+\]", "", path)
    if not plain:
        return "top"
    if plain.startswith("[[loans]]."):
        return f"[[loans.{plain.removeprefix('[[loans]].')}]]"
    return plain


@pytest.fixture
def accepted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, set[str]]:
    """The keys each table accepts, recorded while the reader loads the reference's example."""
    seen: dict[str, set[str]] = {}
    original = case_module._Table.__init__

    def record(self: Any, file: Path, path: str, data: Any, allowed: set[str]) -> None:
        seen.setdefault(_section(path), set()).update(k for k in allowed if not k.startswith("_"))
        original(self, file, path, data, allowed)

    monkeypatch.setattr(case_module._Table, "__init__", record)
    folder = tmp_path / "case"
    folder.mkdir()
    shutil.copy(ROOT / "examples" / "on-time-cmb" / "个人信用报告.pdf", folder)
    (folder / "case.toml").write_text(example(), encoding="utf-8")
    case = load_case(folder)
    assert case.agent is not None and case.report is not None and case.report.file == "个人信用报告.pdf"
    assert case.passwords == {"支付宝交易明细.zip": "123456"}
    loan = case.loans[0]
    assert len(loan.schedule) == 3 and len(loan.reported) == 1 and loan.pboc_branch and loan.statement_reason
    return seen


def test_the_reference_covers_every_table_the_reader_reads(accepted: dict[str, set[str]]) -> None:
    # [passwords] holds file names, not keys of its own: its section is there, its table has no rows.
    assert set(documented()) == set(accepted) | {"[passwords]"}
    assert "passwords" in accepted["top"]


@pytest.mark.parametrize("section", ["top", "[borrower]", "[[loans]]", "[[loans.schedule]]", "[[loans.reported]]",
                                     "[report]", "[agent]"])
def test_the_reference_lists_exactly_the_accepted_keys(accepted: dict[str, set[str]], section: str) -> None:
    listed = documented()[section]
    assert listed - accepted[section] == set(), "in docs/case-toml.md but refused by the reader"
    assert accepted[section] - listed == set(), "accepted by the reader but missing from docs/case-toml.md"


def test_the_example_uses_every_documented_key() -> None:
    used = set(re.findall(r"^([a-z_]+) = ", example(), re.M))
    tables = set(re.findall(r"^\[\[?([a-z.]+)\]\]?$", example(), re.M))
    expected = set().union(*(keys for name, keys in documented().items() if name not in ("top", "[passwords]")))
    assert expected - used - {t.split(".")[-1] for t in tables} == set()
    assert {"borrower", "agent", "report", "passwords", "loans", "loans.schedule", "loans.reported"} <= tables
