"""Issue 13: what a case folder feeds in. Every input is a regular file inside the case folder;
amounts, dates and text that cannot be right are refused on one line naming the file or field,
exit 2, nothing written (tests/test_user_text.py has the text fields)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from generator.cli import app

runner = CliRunner()
EXAMPLE = ROOT / "examples" / "on-time-cmb"
LOAN = 'lender = "重庆蚂蚁消费金融有限公司"\n'


def make_case(tmp_path: Path, edit: Callable[[str], str] = lambda t: t) -> Path:
    case = tmp_path / "case"
    shutil.copytree(EXAMPLE, case, ignore=shutil.ignore_patterns("out"))
    toml = case / "case.toml"
    toml.write_text(edit(toml.read_text(encoding="utf-8")), encoding="utf-8")
    return case


def with_loan_key(line: str) -> Callable[[str], str]:
    return lambda text: text.replace(LOAN, LOAN + line + "\n", 1)


def snapshot(folder: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(folder)): None if p.is_dir() or p.is_symlink() else p.read_bytes()
            for p in sorted(folder.rglob("*"))}


def refused(case: Path, name: str, message: str, *, command: str = "generate") -> str:
    """Runs the command; asserts exit 2, one line naming `name` with `message`, nothing written."""
    before = snapshot(case.parent)
    args = [command, str(case)] + (["--date", "2026-03-01"] if command == "generate" else [])
    result = runner.invoke(app, args)
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert result.exit_code == 2, (result.exit_code, result.stderr, result.exception)
    assert len(lines) == 1, result.stderr
    assert name in lines[0] and message in lines[0], lines[0]
    assert "Traceback" not in result.stderr
    assert snapshot(case.parent) == before
    return lines[0]


# --- 1. nothing from outside the case ----------------------------------------------------


def _outside_pdf(tmp_path: Path) -> Path:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = elsewhere / "别人的流水.pdf"
    shutil.copy(EXAMPLE / "招商银行流水.pdf", target)
    return target


def test_a_link_to_a_pdf_outside_the_case_is_refused_by_name(tmp_path: Path) -> None:
    target = _outside_pdf(tmp_path)
    case = make_case(tmp_path)
    (case / "more.pdf").symlink_to(target)
    for command in ("check", "generate"):
        refused(case, str(case / "more.pdf"), "a link to a file outside the case folder", command=command)


def test_a_link_to_a_folder_outside_the_case_is_refused_by_name(tmp_path: Path) -> None:
    target = _outside_pdf(tmp_path)
    case = make_case(tmp_path)
    (case / "statements").symlink_to(target.parent, target_is_directory=True)
    refused(case, str(case / "statements"), "a link to a file outside the case folder")


def test_a_broken_link_named_pdf_is_refused_by_name(tmp_path: Path) -> None:
    case = make_case(tmp_path)
    (case / "gone.pdf").symlink_to(tmp_path / "nowhere.pdf")
    refused(case, str(case / "gone.pdf"), "a link to a file that does not exist")


def test_a_case_toml_linked_from_elsewhere_is_refused(tmp_path: Path) -> None:
    case = make_case(tmp_path)
    real = tmp_path / "real.toml"
    (case / "case.toml").rename(real)
    (case / "case.toml").symlink_to(real)
    refused(case, str(case / "case.toml"), "a link to a file outside the case folder")


def test_a_link_inside_the_case_to_a_file_of_the_case_is_read(tmp_path: Path) -> None:
    from generator.case import load_case

    case = make_case(tmp_path)
    (case / "sub").mkdir()
    (case / "sub" / "copy.pdf").symlink_to(case / "结清证明.pdf")
    assert case / "sub" / "copy.pdf" in load_case(case, defer=True).documents


@pytest.mark.parametrize("given", ["/abs", "../../elsewhere/别人的流水.pdf", "../case/../elsewhere/别人的流水.pdf"])
def test_report_file_outside_the_case_is_refused(tmp_path: Path, given: str) -> None:
    target = _outside_pdf(tmp_path)
    name = str(target) if given == "/abs" else given
    case = make_case(tmp_path, lambda t: t + f'\n[report]\nnumber = "1"\ntime = "2026-02-01 10:00:00"\nfile = "{name}"\n')
    refused(case, "case.toml: [report].file", "give a PDF inside the case folder")


def test_report_file_that_is_not_a_document_of_the_case_is_refused(tmp_path: Path) -> None:
    report = '\n[report]\nnumber = "1"\ntime = "2026-02-01 10:00:00"\nfile = "{}"\n'
    case = make_case(tmp_path, lambda t: t + report.format("out/个人信用报告.pdf"))
    (case / "out").mkdir()
    shutil.copy(case / "个人信用报告.pdf", case / "out" / "个人信用报告.pdf")
    refused(case, "case.toml: [report].file", "not one of the case's documents")
    (case / "case.toml").write_text((EXAMPLE / "case.toml").read_text(encoding="utf-8") + report.format("无此文件.pdf"),
                                    encoding="utf-8")
    refused(case, "case.toml: [report].file", "no such file in the case folder")


def test_report_file_is_named_as_the_documents_name_it(tmp_path: Path) -> None:
    from generator.case import load_case

    report = '\n[report]\nnumber = "1"\ntime = "2026-02-01 10:00:00"\nfile = "./个人信用报告.pdf"\n'
    case = load_case(make_case(tmp_path, lambda t: t + report), defer=True)
    assert case.report is not None and case.report.file == "个人信用报告.pdf"


# --- 2. one line instead of a traceback; 5. no wrong facts from impossible data -----------


@pytest.mark.parametrize("value", ['"Infinity"', '"-Infinity"', '"NaN"', '"sNaN"'])
def test_an_amount_that_is_no_number_is_refused(tmp_path: Path, value: str) -> None:
    case = make_case(tmp_path, with_loan_key(f"principal = {value}"))
    refused(case, "case.toml: [[loans]][1].principal", "expected a decimal string")


@pytest.mark.parametrize("value", ['"1e20"', '"100000000000000000000.00"', '"1000000000000"'])
def test_an_amount_beyond_any_loan_is_refused(tmp_path: Path, value: str) -> None:
    case = make_case(tmp_path, with_loan_key(f"principal = {value}"))
    refused(case, "case.toml: [[loans]][1].principal", "is not a plausible amount (at most 999,999,999,999 yuan)")


def test_a_schedule_amount_beyond_any_loan_is_refused(tmp_path: Path) -> None:
    rows = '[[loans.schedule]]\nnumber = 1\ndue_date = 2025-02-10\namount = "1e20"\n'
    case = make_case(tmp_path, lambda t: t + "\n" + rows)
    refused(case, "case.toml: [[loans]][1].schedule[1].amount", "is not a plausible amount")


def test_a_repayment_beyond_any_loan_in_a_statement_is_refused_with_its_row(tmp_path: Path) -> None:
    from synth.cmb import CmbRow, CmbStatement, write_cmb_statement

    case = make_case(tmp_path)
    ant = "重庆蚂蚁消费金融有限公司 2088101234567890"
    rows = [CmbRow(date(2025, 2, 9), Decimal("5000.00"), Decimal("5000.00"), "工资", "某公司 6222000000001234"),
            CmbRow(date(2025, 2, 10), Decimal("-1000000000000.00"), Decimal("5000.00"), "借呗还款", ant)]
    write_cmb_statement(CmbStatement(holder="李晓明", account="6214********5678", start=date(2025, 1, 1),
                                     end=date(2025, 3, 1), rows=rows), case / "招商银行流水.pdf")
    refused(case, "招商银行流水.pdf:p1:r2", "cannot parse amount '-1,000,000,000,000.00'")


@pytest.mark.parametrize(("key", "value"), [
    ("disbursed_on", "9999-12-10"),  # overflowed the month arithmetic
    ("disbursed_on", "0001-01-15"),  # asked the bureau to change month "1" to "7"
    ("disbursed_on", "1989-12-31"),
    ("settled_on", "9999-01-01"),
    ("disbursed_on", '"0001-01-15"'),
])
def test_a_date_outside_the_plausible_window_is_refused(tmp_path: Path, key: str, value: str) -> None:
    case = make_case(tmp_path, with_loan_key(f"{key} = {value}"))
    line = refused(case, f"case.toml: [[loans]][1].{key}", "is outside the plausible window 1990-01-01 … ")
    assert "check the year" in line


def test_a_schedule_due_date_outside_the_window_is_refused(tmp_path: Path) -> None:
    rows = '[[loans.schedule]]\nnumber = 1\ndue_date = 9999-02-10\namount = "1050.00"\n'
    case = make_case(tmp_path, lambda t: t + "\n" + rows)
    refused(case, "case.toml: [[loans]][1].schedule[1].due_date", "is outside the plausible window")


def test_a_reported_month_outside_the_window_is_refused(tmp_path: Path) -> None:
    rows = '[[loans.reported]]\nmonth = "0001-03"\nstatus = "1"\n'
    case = make_case(tmp_path, lambda t: t + "\n" + rows)
    refused(case, "case.toml: [[loans]][1].reported[1].month", "is outside the plausible window")


def test_a_report_time_outside_the_window_is_refused(tmp_path: Path) -> None:
    case = make_case(tmp_path, lambda t: t + '\n[report]\nnumber = "1"\ntime = "9999-12-31 23:59:59"\n')
    refused(case, "case.toml: [report].time", "is outside the plausible window")


def test_the_window_reaches_a_year_ahead_for_loans_and_fifty_for_due_dates() -> None:
    from generator.case import build_loans

    today = date.today()
    table = {"lender": "某消费金融有限公司", "principal": "1000.00", "disbursed_on": today.replace(day=1),
             "installments": 12, "annual_rate": "0.1", "due_day": 1}
    assert build_loans(Path("case.toml"), (table,))[0].disbursed_on == today.replace(day=1)
    schedule = {"lender": "某消费金融有限公司",
                "schedule": [{"number": 1, "due_date": today.replace(year=today.year + 49, day=1), "amount": "10.00"}]}
    assert build_loans(Path("case.toml"), (schedule,))[0].schedule[0].due_date.year == today.year + 49


def test_a_bad_value_filled_in_from_a_document_names_the_document(tmp_path: Path) -> None:
    from generator.case import build_loans
    from generator.errors import CaseError

    table = {"lender": "某消费金融有限公司", "principal": "1000.00", "disbursed_on": date(1, 1, 15),
             "installments": 12, "annual_rate": "0.1", "due_day": 1,
             "_from": {"disbursed_on": ("结清证明.pdf", 1)}}
    with pytest.raises(CaseError) as err:
        build_loans(tmp_path / "case.toml", (table,))
    assert str(err.value).startswith("结清证明.pdf:p1: [[loans]][1].disbursed_on: 0001-01-15 is outside")


def test_a_missing_key_still_says_the_documents_lack_it_and_a_bad_one_does_not(tmp_path: Path) -> None:
    case = make_case(tmp_path, lambda t: t.replace('annual_rate = "0.1095"', 'annual_rate = "NaN"'))
    line = refused(case, "[[loans]][1].annual_rate", "expected a fraction string")
    assert "not found in the documents either" not in line


@pytest.mark.parametrize("value", ["9999-12-31", "12", "[1, 2]"])
def test_a_lender_that_is_not_text_is_refused_before_documents_are_matched(tmp_path: Path, value: str) -> None:
    case = make_case(tmp_path, lambda t: t.replace(LOAN, f"lender = {value}\n"))
    refused(case, "case.toml: [[loans]][1].lender", "expected the lender's legal name")


# --- 8. a byte-order mark ---------------------------------------------------------------


def test_a_case_toml_with_a_utf8_bom_is_read(tmp_path: Path) -> None:
    case = make_case(tmp_path)
    toml = case / "case.toml"
    toml.write_bytes(b"\xef\xbb\xbf" + toml.read_bytes())
    result = runner.invoke(app, ["check", str(case), "--json"])
    assert result.exit_code == 0, result.stderr
    assert '"verdict": "dispute"' in result.stdout
