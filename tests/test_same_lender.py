"""Two loans from one lender in one case (借呗 twice): every result names the loan, not the lender.

The first loan was repaid on time yet shows a wrong "1"; the second was repaid on time and shows
nothing wrong (tests/synth/same_lender.py). `check`, `check --json`, `generate` and `batch`'s summary
rows must keep the two apart: the second loan's verdict, documents and files are its own.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from synth.same_lender import ANT, FIRST, SECOND, build_case, masked
from typer.testing import CliRunner, Result

from generator.cli import app
from generator.models import CreditReportNeeded, LoanResult, LoanVerdict
from generator.pipeline import check_folder

DATE = "2026-09-10"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "400"})


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_case(tmp_path_factory.mktemp("same-lender") / "jiebei-twice")


def test_check_json_gives_each_loan_its_own_verdict_and_id(case: Path) -> None:
    result = invoke("check", str(case), "--date", DATE, "--json")
    assert result.exit_code == 0, result.output
    loans = json.loads(result.output)["loans"]
    assert [(lo["loan_id"], lo["contract_number"], lo["verdict"]) for lo in loans] == [
        (FIRST, FIRST, "dispute"), (SECOND, SECOND, "nothing_to_dispute")]
    assert [lo["disbursed_on"] for lo in loans] == ["2025-01-10", "2025-02-01"]


def test_check_heads_each_loan_with_its_contract(case: Path) -> None:
    result = invoke("check", str(case), "--date", DATE)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    headings = [i for i, line in enumerate(lines) if line.startswith(f"{ANT} 借呗 合同 ")]
    verdicts = [i for i, line in enumerate(lines) if line.startswith("结论: ")]
    assert [lines[i].split()[3][:len(FIRST)] for i in headings] == [FIRST, SECOND]
    assert [lines[i] for i in verdicts] == ["结论: 可以提出异议", "结论: 没有需要异议的记录"]
    assert headings[0] < verdicts[0] < headings[1] < verdicts[1]


def test_generate_writes_letters_for_the_disputed_loan_only(case: Path, tmp_path: Path) -> None:
    result = invoke("generate", str(case), "--date", DATE, "--format", "pdf", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        [f"{stem}-{ANT}-{FIRST}.pdf" for stem in ("证据材料", "异议及更正申请", "征信异议申请书")] + ["manifest.json"])
    assert f"{ANT}（借呗 合同 {SECOND} 2025-02-01 借款）: 报告中没有需要异议的逾期记录" in result.output


def test_two_disputed_loans_without_contract_numbers_get_a_letter_each(tmp_path: Path) -> None:
    """Letters go one per loan (as for two lenders); each loan's contract number comes from its own
    结清证明, told apart by 借款金额 and date."""
    folder = build_case(tmp_path / "no-contracts", contracts=False, second="NN1NNC")
    checked = json.loads(invoke("check", str(folder), "--date", DATE, "--json").output)["loans"]
    assert [(lo["loan_id"], lo["contract_number"], lo["verdict"]) for lo in checked] == [
        (FIRST, FIRST, "dispute"), (SECOND, SECOND, "dispute")]
    result = invoke("generate", str(folder), "--date", DATE, "--format", "pdf", "--to", "lender")
    assert result.exit_code == 0, result.output
    letters = sorted(p.name for p in (folder / "out").glob("异议及更正申请-*"))
    assert letters == [f"异议及更正申请-{ANT}-{FIRST}.pdf", f"异议及更正申请-{ANT}-{SECOND}.pdf"]


def _checked(folder: Path) -> tuple[LoanResult, ...]:
    return check_folder(folder, date.fromisoformat(DATE)).result.loans


def _conflicts(lr: LoanResult) -> list[str]:
    return [f.message for f in lr.findings if f.kind == "document_conflict"]


@pytest.mark.parametrize("contracts", [True, False])
def test_a_report_with_one_account_gives_it_to_its_own_loan_only(tmp_path: Path, contracts: bool) -> None:
    """The report holds the first loan's account alone: the second loan is left without an
    account (a report is needed), never checked against the first loan's months."""
    first, second = _checked(build_case(tmp_path / "one-account", contracts=contracts, accounts=(0,)))
    assert first.verdict is LoanVerdict.DISPUTE and len(first.months) == 12
    assert second.months == () and second.account_checks == () and second.verdict is LoanVerdict.INSUFFICIENT
    assert CreditReportNeeded() in second.missing and second.loan.account_id is None
    assert _conflicts(first) == _conflicts(second) == []


def test_each_loan_takes_its_own_account_by_date_and_amount(tmp_path: Path) -> None:
    """case.toml gives neither contract numbers nor 账户标识: 开立日期 and 借款金额 decide."""
    first, second = _checked(build_case(tmp_path / "no-ids", contracts=False))
    assert (first.loan.account_id, second.loan.account_id) == (FIRST, SECOND)
    assert (len(first.months), len(second.months)) == (12, 6)
    assert (first.verdict, second.verdict) == (LoanVerdict.DISPUTE, LoanVerdict.NOTHING_TO_DISPUTE)
    assert _conflicts(first) == _conflicts(second) == []


def test_a_certificate_naming_another_contract_is_not_the_loans(tmp_path: Path) -> None:
    """Only the first loan's 结清证明 is there: the second loan does not read it (it names another
    contract), so no conflict is reported against it."""
    first, second = _checked(build_case(tmp_path / "one-certificate", certificates=(0,)))
    assert first.settlement_source is not None and first.settlement_source.file == f"结清证明-{FIRST}.pdf"
    assert second.settlement_source is not None and second.settlement_source.file == "招商银行流水.pdf"
    assert _conflicts(first) == _conflicts(second) == []


def test_each_certificate_goes_to_the_contract_it_names_even_masked(tmp_path: Path) -> None:
    first, second = _checked(build_case(tmp_path / "masked", printed=(masked(FIRST), masked(SECOND))))
    assert [lr.settlement_source.file if lr.settlement_source else None for lr in (first, second)] == [
        f"结清证明-{FIRST}.pdf", f"结清证明-{SECOND}.pdf"]
    assert _conflicts(first) == _conflicts(second) == []


def test_batch_summary_has_a_row_per_loan_naming_it(case: Path, tmp_path: Path) -> None:
    import shutil

    cases = tmp_path / "cases"
    shutil.copytree(case, cases / "jiebei-twice")
    result = invoke("batch", str(cases), "--date", DATE, "--jobs", "1")
    assert result.exit_code == 0, result.output
    raw = (cases / "out-batch" / "summary.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(raw.splitlines()))
    assert [(r["贷款机构"], r["贷款"], r["结论"]) for r in rows] == [
        (ANT, f"借呗 合同 {FIRST} 2025-01-10 借款", "可异议"), (ANT, f"借呗 合同 {SECOND} 2025-02-01 借款", "无需异议")]
    written = sorted(p.name for p in (cases / "out-batch" / "jiebei-twice").iterdir() if p.suffix != ".json")
    assert sorted(rows[0]["已生成文件"].split("；")) == written and all(FIRST in name for name in written)
    assert rows[1]["已生成文件"] == "" and rows[1]["需补充材料"] == ""
    data = json.loads((cases / "out-batch" / "summary.json").read_text(encoding="utf-8"))
    verdicts = data["cases"][0]["verdicts"]
    assert [(v["loan"], v["contract_number"], v["verdict"], len(v["outputs"])) for v in verdicts] == [
        (FIRST, FIRST, "dispute", 5), (SECOND, SECOND, "nothing_to_dispute", 0)]
    again = invoke("batch", str(cases), "--date", DATE, "--jobs", "1")
    assert again.exit_code == 0, again.output
    rerun = list(csv.DictReader((cases / "out-batch" / "summary.csv").read_bytes().decode("utf-8-sig").splitlines()))
    assert [r["状态"] for r in rerun] == ["跳过（未变）"] * 2
    assert [{**r, "状态": ""} for r in rerun] == [{**r, "状态": ""} for r in rows], "a skipped case keeps its rows"
