"""A statement with one page printed twice: the copy's rows are reported and not counted, so a
repayment on that page is one repayment, not two (it shifted ten installments a month early)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from typer.testing import CliRunner

from conftest import ROOT
from generator.cli import app
from generator.parsers import parse_document

STATEMENT = ROOT / "examples" / "on-time-cmb" / "招商银行流水.pdf"
runner = CliRunner()


def _with_page_twice(src: Path, out: Path, page: int) -> Path:
    reader = PdfReader(src)
    writer = PdfWriter()
    for i, p in enumerate(reader.pages):
        writer.add_page(p)
        if i == page - 1:
            writer.add_page(p)
    writer.write(out)
    return out


def test_the_copy_of_a_page_is_reported_and_its_rows_are_not_counted(tmp_path: Path) -> None:
    original = parse_document(STATEMENT, label="a.pdf")
    doubled = parse_document(_with_page_twice(STATEMENT, tmp_path / "b.pdf", 2), label="b.pdf")
    assert [(t.date, t.amount, t.balance) for t in doubled.transactions] == \
        [(t.date, t.amount, t.balance) for t in original.transactions]
    repeated = [f for f in doubled.findings if f.kind == "repeated_page"]
    assert len(repeated) == 1 and repeated[0].message.startswith("b.pdf:p3: repeats page 2 row for row")
    assert {s.page for s in repeated[0].sources} == {3}
    assert doubled.checks["balance_chain"] == "ok"


def test_a_case_decides_the_same_with_a_page_printed_twice(tmp_path: Path) -> None:
    case = tmp_path / "case"
    shutil.copytree(ROOT / "examples" / "on-time-cmb", case)
    before = json.loads(runner.invoke(app, ["check", str(case), "--json"]).stdout)
    pages = len(PdfReader(STATEMENT).pages)
    for page in range(1, pages + 1):
        _with_page_twice(STATEMENT, case / "招商银行流水.pdf", page)
        after = json.loads(runner.invoke(app, ["check", str(case), "--json"]).stdout)
        for b, a in zip(before["loans"], after["loans"]):
            assert a["verdict"] == b["verdict"], page
            assert [(i["paid_on"], i["paid_amount"], i["status"]) for i in a["installments"]] == \
                [(i["paid_on"], i["paid_amount"], i["status"]) for i in b["installments"]], page
