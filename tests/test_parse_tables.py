"""`dispute parse` without --json: a table for every kind of document, no line wider than 80
columns, and every name and description whole (wrapped in its cell, never cut with "…"). The
tables are read back cell by cell and compared with what the parser read."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ROOT
from rich.cells import cell_len
from typer.testing import CliRunner

from generator.cli import app
from generator.documents import CreditReport, Document, RepaymentSchedule, SettlementCertificate
from generator.models import Statement
from generator.money import format_cny
from generator.parsers import parse_documents

FIXTURES = ROOT / "tests" / "fixtures"
STATEMENTS = FIXTURES / "statements"
WIDTH = 80


def shown(path: Path) -> tuple[str, Document]:
    result = CliRunner().invoke(app, ["parse", str(path)], env={"COLUMNS": str(WIDTH)})
    assert result.exit_code == 0, result.output
    (doc,) = parse_documents(path, password=None, provider=None)
    assert not isinstance(doc, Exception)
    assert "…" not in result.stdout, "a cell was cut"
    wide = [line for line in result.stdout.splitlines() if cell_len(line) > WIDTH]
    assert not wide, f"wider than {WIDTH} columns: {wide[:2]}"
    return result.stdout, doc


# A column of each table that never wraps: a row starts on the line where it is filled.
ANCHORS = ("日期", "借款金额", "年份", "月份", "项目", "应还日")


def tables(output: str) -> list[list[dict[str, str]]]:
    """Each table as rows of {column: text}, a cell's wrapped lines joined."""
    found: list[list[dict[str, str]]] = []
    header: list[str] = []
    anchor = ""
    for line in output.splitlines():
        if line.startswith("┃"):
            header = [c.strip() for c in line.strip("┃").split("┃")]
            (anchor,) = [name for name in header if name in ANCHORS]
            found.append([])
        elif line.startswith("│") and header:
            cells = [c.strip() for c in line.strip("│").split("│")]
            row = dict(zip(header, cells, strict=True))
            if row[anchor]:
                found[-1].append(row)
            else:
                for name, text in row.items():
                    found[-1][-1][name] += text
    return found


def squeezed(text: str | None) -> str:
    """A cell wraps at a space, where the space is lost."""
    return "".join((text or "-").split())


def money(value: Decimal | None) -> str:
    return "-" if value is None else format_cny(value)


@pytest.mark.parametrize("path", [
    STATEMENTS / "alipay" / "basic" / "input.pdf",  # no balances
    STATEMENTS / "cmb" / "basic" / "input.pdf",
    FIXTURES / "exports" / "wechat-2025.xlsx",  # an export's rows are placed by sheet and row
    FIXTURES / "exports" / "icbc-v1.csv",
], ids=lambda p: p.parent.name if p.name == "input.pdf" else p.name)
def test_statement(path: Path) -> None:
    output, doc = shown(path)
    assert isinstance(doc, Statement)
    (rows,) = tables(output)
    assert len(rows) == len(doc.transactions)
    for row, tx in zip(rows, doc.transactions, strict=True):
        assert row["日期"] == tx.date.isoformat() and row["金额"] == format_cny(tx.amount)
        assert squeezed(row["对方"]) == squeezed(tx.counterparty or "")
        assert squeezed(row["摘要"]) == squeezed(tx.description)
        assert row.get("余额", "-") == money(tx.balance) or "余额" not in row
    assert ("余额" in rows[0]) == any(tx.balance is not None for tx in doc.transactions)
    assert doc.account_holder is None or f"户名 {doc.account_holder}" in output
    title = output.splitlines()[1]  # an export is named as one, and has no pages to count
    assert ("自行导出" in title) == doc.exported and ("页" in title) != doc.exported


@pytest.mark.parametrize("name", ["multi_account", "eight_accounts", "stale_overdue"])
def test_detailed_credit_report(name: str) -> None:
    output, doc = shown(STATEMENTS / "pboc" / name / "input.pdf")
    assert isinstance(doc, CreditReport) and doc.version == "detailed"
    assert f"报告编号 {doc.report_number}" in output
    accounts, *grids = tables(output)
    assert [squeezed(r["管理机构"]) for r in accounts] == [squeezed(a.institution) for a in doc.accounts]
    assert [r["借款金额"] for r in accounts] == [money(a.loan_amount) for a in doc.accounts]
    assert [r["状态"] for r in accounts] == [a.status or "-" for a in doc.accounts]
    with_history = [a for a in doc.accounts if a.history]
    for grid, a in zip([t for t in grids if "年份" in t[0]], with_history, strict=True):
        read = {f"{r['年份']}-{int(m):02d}": r[m] for r in grid for m in map(str, range(1, 13)) if r[m]}
        assert read == {m.month: m.status for m in a.history}
    overdue = [(m.month, m.status, format_cny(m.overdue_amount)) for a in with_history for m in a.history
               if m.overdue_amount]
    assert [(r["月份"], r["状态"], r["逾期金额"]) for t in grids if "月份" in t[0] for r in t] == overdue


def test_brief_credit_report_lists_its_accounts_and_says_it_has_no_months() -> None:
    output, doc = shown(STATEMENTS / "pboc_brief" / "basic" / "input.pdf")
    assert isinstance(doc, CreditReport) and doc.version == "summary"
    (accounts,) = tables(output)
    assert [squeezed(r["管理机构"]) for r in accounts] == [squeezed(a.institution) for a in doc.accounts]
    assert [r["开立 / 关闭"][:10] for r in accounts] == [str(a.opened_on) for a in doc.accounts]
    assert "简版报告没有逐月还款记录。" in output


@pytest.mark.parametrize("name", ["ant_letter", "zhaolian_table", "no_disbursed_date"])
def test_settlement_certificate(name: str) -> None:
    output, doc = shown(STATEMENTS / "lender_settlement" / name / "input.pdf")
    assert isinstance(doc, SettlementCertificate)
    (table,) = tables(output)
    s = doc.settlement
    read = {r["项目"]: r["内容"] for r in table}
    assert read["贷款机构"] == squeezed(s.lender) and read["合同编号"] == (s.contract_number or "-")
    assert read["借款本金"] == money(s.principal) and read["结清日期"] == str(s.settled_on or "-")
    assert read["放款日期"] == str(s.disbursed_on or "-") and read["借款人"] == (s.borrower or "-")


@pytest.mark.parametrize("name", ["plan", "records", "unprinted_fee", "multipage"])
def test_repayment_schedule(name: str) -> None:
    output, doc = shown(STATEMENTS / "lender_schedule" / name / "input.pdf")
    assert isinstance(doc, RepaymentSchedule)
    (rows,) = tables(output)
    assert len(rows) == len(doc.installments)
    parts = [(name, field) for name, field in (("本金", "principal"), ("利息", "interest"), ("费用", "fees"))
             if any(getattr(r, field) is not None for r in doc.installments)]
    for row, r in zip(rows, doc.installments, strict=True):
        assert (row["期"], row["应还日"], row["应还"]) == (str(r.number), r.due_date.isoformat(), format_cny(r.amount_due))
        assert squeezed(row["还款时间"]) == squeezed(r.paid_at) and row["已还"] == money(r.paid_amount)
        merged = "/".join(name for name, _ in parts)  # where the parts share a column, a line each
        shown_parts = row[merged] if merged in row else "".join(row[name] for name, _ in parts)
        assert shown_parts == "".join(money(getattr(r, field)) for _, field in parts)
    printed = {name for name, _ in parts}
    assert printed == {n for n in ("本金", "利息", "费用") if n in rows[0] or n in "/".join(rows[0])}


def fixture_files() -> list[Path]:
    return sorted([*STATEMENTS.glob("*/*/input.pdf"), *(p for p in (FIXTURES / "exports").iterdir() if p.is_file())])


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: "/".join(p.parts[-3:-1]) if p.name == "input.pdf" else p.name)
def test_every_fixture_fits_80_columns_uncut(path: Path) -> None:
    parsed = parse_documents(path, password=None, provider=None)
    if len(parsed) != 1 or isinstance(parsed[0], Exception):
        pytest.skip("not one readable document (encrypted, or a refusal its own test covers)")
    output, _ = shown(path)
    assert tables(output) or "报告中没有贷款或信用卡账户。" in output, "no table"


def test_square_brackets_in_a_counterparty_are_text_not_markup() -> None:
    from rich.console import Console
    from validate.builders import statement, tx

    from generator.cli.parse_tables import print_document

    console = Console(width=WIDTH, record=True)
    print_document(statement(tx(date(2025, 3, 9), "-10.00", "[bold]某某[/bold]商店", desc="[退款]")), console)
    (row,) = [r for r in tables(console.export_text())[0] if r["日期"] == "2025-03-09"]
    assert row["对方"] == "[bold]某某[/bold]商店" and row["摘要"] == "[退款]"
