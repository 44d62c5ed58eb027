"""Issue 12: letters state only what is true on their date and against whom it is true.

个人声明: the date is the day the overdue amount itself was repaid (not the last payment on any
installment), "全部还清" only once the loan is repaid, and a letter dated before that day is refused.
征信投诉: 被投诉人 are exactly the parties that were sent a dispute and let it lapse or refused it,
each with its own facts and article. Plus the golden texts of the letter kinds test_letters.py
does not cover (个人声明, 征信投诉, 授权委托书).
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from conftest import ROOT, Golden
from generator.cli import app
from generator.models import CaseResult, InstallmentStatus, LoanVerdict
from generator.render import Options, render_case
from generator.render.docx import docx_blocks
from generator.render.text import docx_text, pdf_text
from generator.validate import check_case
from validate.builders import account, case, grid, on_time_payments, report, statement, tx

runner = CliRunner()
GOLDEN = ROOT / "tests" / "golden" / "letters"
ANT = "重庆蚂蚁消费金融有限公司"
ZHAOLIAN = "招联消费金融股份有限公司"
BUREAU = "中国人民银行征信中心"


def _run(*args: str | Path) -> Result:
    return runner.invoke(app, [str(a) for a in args])


def _copy(example: str, tmp_path: Path) -> Path:
    folder = tmp_path / example
    shutil.copytree(ROOT / "examples" / example, folder, ignore=shutil.ignore_patterns("out"))
    return folder


def _text(docx: Path) -> str:
    return "".join(docx_blocks(docx))


# ----------------------------------------------------------------------------- 个人声明


def _twelve_installments(tmp_path: Path) -> Path:
    """late-statement as the issue tells it: 12 installments, the first 6 paid, the 4th (due
    2026-05-15) paid on 2026-05-20, the 6th on 2026-07-13; the loan still runs."""
    folder = _copy("late-statement", tmp_path)
    toml = folder / "case.toml"
    amounts = ["1090.00", "1075.00", "1060.00", "1045.00", "1030.00", "1015.00",
               "1000.00", "985.00", "970.00", "955.00", "940.00", "925.00"]
    rows = "".join(f'\n[[loans.schedule]]\nnumber = {n}\ndue_date = {2026 + n // 12}-{n % 12 + 1:02d}-15\n'
                   f'amount = "{a}"\n' for n, a in enumerate(amounts, start=1))
    text = toml.read_text(encoding="utf-8").replace("installments = 6", "installments = 12")
    text = text.replace('time = "2026-09-01 10:15:00"', 'time = "2026-07-18 10:15:00"')
    at = text.index("[[loans.reported]]")
    toml.write_text(text[:at] + rows + "\n" + text[at:], encoding="utf-8")
    return folder


def test_statement_of_a_running_loan_dates_the_repaid_overdue_amount(tmp_path: Path) -> None:
    folder = _twelve_installments(tmp_path)
    result = _run("generate", folder, "--out", tmp_path / "out", "--date", "2026-07-20", "--format", "docx")
    assert result.exit_code == 0, result.output
    text = _text(tmp_path / "out" / f"个人声明-{ZHAOLIAN}.docx")
    assert f"本人2026年05月在{ZHAOLIAN}的借款因绑定银行卡更换未及时更新逾期5天，已于2026年05月20日归还逾期款项。" in text
    assert "全部还清" not in text and "2026年07月13日" not in text


def test_statement_dated_before_the_overdue_amount_was_repaid_is_refused(tmp_path: Path) -> None:
    folder = _twelve_installments(tmp_path)
    result = _run("generate", folder, "--out", tmp_path / "out", "--date", "2026-05-19")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output
    assert "2026-05-19" in lines[0] and "2026-05-20" in lines[0]
    assert not (tmp_path / "out").exists()


def test_refusal_reads_in_chinese_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPUTE_LANG", "zh")
    result = _run("generate", _twelve_installments(tmp_path), "--out", tmp_path / "out", "--date", "2026-05-19")
    assert result.exit_code == 2
    assert result.stderr.strip() == "错误: 落款日期 2026-05-19 早于 2026-05-20（逾期款项归还之日）：个人声明不能写落款日期之后的还款"


def _late_case(as_of: date, paid: int = 12) -> CaseResult:
    """LOAN (12 × 1,060.30, due the 10th from 2025-02-10): the 2nd paid 5 days late, the 3rd paid
    500.00 on time and the rest 10 days late, the others a day early; only `paid` of them paid."""
    pays = on_time_payments(amount_of={3: "500.00"})[:paid]
    pays[1] = tx(date(2025, 3, 15), "-1060.30", row=2)
    pays.append(tx(date(2025, 4, 20), "-560.30", row=40))
    history = grid({f"2025-{m:02d}": ("N", "0.00") for m in range(2, 13)}
                   | {"2025-03": ("1", "1060.30"), "2025-04": ("1", "560.30")})
    docs = [statement(*pays, end=as_of), report(account(history, status="正常" if paid < 12 else "结清"))]
    return check_case(case(), docs, as_of)  # type: ignore[arg-type]


def test_several_late_installments_clear_when_the_last_one_is_paid_in_full() -> None:
    [lr] = _late_case(date(2026, 3, 1)).loans
    assert [r.status for r in lr.late_installments] == [InstallmentStatus.LATE] * 2
    assert lr.overdue_cleared_on == date(2025, 4, 20)  # the day the 3rd installment's remainder arrived
    assert lr.repaid_on == date(2026, 1, 9)


def test_unpaid_installment_past_due_keeps_the_overdue_open() -> None:
    [lr] = _late_case(date(2025, 9, 1), paid=6).loans  # the 7th (due 2025-08-10) is unpaid
    assert lr.overdue_cleared_on is None and lr.repaid_on is None


def _statement_of(result: CaseResult, on: date, tmp_path: Path) -> str:
    rendered = render_case(result, tmp_path, Options(formats=("docx",), letter_date=on))
    [docx] = [o for o in rendered.outputs if o.path.suffix == ".docx"]
    docx.path.write_bytes(docx.data)
    return _text(docx.path)


def test_settled_loan_states_both_dates(tmp_path: Path) -> None:
    result = _late_case(date(2026, 3, 1))
    assert result.loans[0].verdict is LoanVerdict.STATEMENT
    text = _statement_of(result, date(2026, 3, 1), tmp_path)
    assert "2025年03月、2025年04月" in text and "逾期10天" in text
    assert "已于2025年04月20日归还逾期款项，并于2026年01月09日全部还清。" in text


def test_a_settlement_after_the_letter_date_is_not_stated(tmp_path: Path) -> None:
    text = _statement_of(_late_case(date(2026, 3, 1)), date(2025, 12, 1), tmp_path)
    assert "已于2025年04月20日归还逾期款项。" in text and "全部还清" not in text


# ----------------------------------------------------------------------------- 征信投诉


@pytest.fixture
def disputed(tmp_path: Path) -> Path:
    return _copy("on-time-cmb", tmp_path)


def _complaint(folder: Path, out: Path, on: str = "2026-04-01", fmt: str = "docx") -> str:
    result = _run("generate", folder, "--to", "complaint", "--out", out, "--date", on, "--format", fmt)
    assert result.exit_code == 0, result.output
    return _text(out / f"征信投诉-{ANT}.docx")


def _respondents(text: str) -> list[str]:
    return re.findall(r"被投诉人[一二]?：([^（]+)（", text)


def test_complaint_after_a_bureau_dispute_only_is_against_the_bureau_only(disputed: Path, tmp_path: Path) -> None:
    assert _run("track", disputed, "--to", "bureau", "--filed", "2026-03-01", "--ticket", "ZX001").exit_code == 0
    text = _complaint(disputed, tmp_path / "out")
    assert _respondents(text) == [BUREAU]
    assert "第四十条" not in text and f"依法处理{ANT}" not in text
    assert f"依法处理{BUREAU}未按照规定对异议信息进行核查和处理的行为（《征信业管理条例》第三十八条第（六）项）" in text
    assert (f"投诉人于2026年03月01日向{BUREAU}提出征信异议（受理编号ZX001）。依据《征信业管理条例》第二十五条及第三十二条"
            in text)
    assert f"自{BUREAU}收到异议之日起至今已31日，截至本投诉提交之日，投诉人未收到书面答复。" in text
    assert "申请人" not in text  # one name for the complainant throughout


def test_complaint_after_a_lender_dispute_only_is_against_the_lender_only(disputed: Path, tmp_path: Path) -> None:
    assert _run("track", disputed, "--to", "lender", "--filed", "2026-03-01").exit_code == 0
    text = _complaint(disputed, tmp_path / "out")
    assert _respondents(text) == [ANT]
    assert f"依法处理{ANT}未按照规定处理异议的行为（《征信业管理条例》第四十条第（四）项）" in text
    assert "第三十八条" not in text and f"向{BUREAU}提出" not in text and "第三十二条" not in text


def test_complaint_names_both_when_both_let_their_disputes_lapse(disputed: Path, tmp_path: Path) -> None:
    assert _run("track", disputed, "--to", "bureau", "--filed", "2026-03-01").exit_code == 0
    assert _run("track", disputed, "--to", "lender", "--filed", "2026-03-05", "--ticket", "KF9",
                "--reply", "2026-03-20", "--outcome", "refused").exit_code == 0
    text = _complaint(disputed, tmp_path / "out")
    assert _respondents(text) == [ANT, BUREAU]
    assert f"依法处理{ANT}对确有错误的信息不予更正的行为（《征信业管理条例》第四十条第（四）项）" in text
    assert "第三十八条第（六）项" in text
    assert f"{ANT}于2026年03月20日答复，未予更正。" in text
    assert f"自{BUREAU}收到异议之日起至今已31日" in text


def test_a_dispute_still_within_its_20_days_names_no_respondent(disputed: Path, tmp_path: Path) -> None:
    assert _run("track", disputed, "--to", "bureau", "--filed", "2026-03-01").exit_code == 0
    assert _run("track", disputed, "--to", "lender", "--filed", "2026-03-25").exit_code == 0
    text = _complaint(disputed, tmp_path / "out")
    assert _respondents(text) == [BUREAU] and "第四十条" not in text


# ----------------------------------------------------------------------------- goldens


def _check_golden(out: Path, stem: str, golden_name: str, golden: Golden) -> None:
    docx = out / f"{stem}.docx"
    golden.check_text(GOLDEN / golden_name, "\n".join(docx_blocks(docx)) + "\n")
    assert pdf_text(docx.with_suffix(".pdf")) == docx_text(docx)


def test_statement_matches_golden(tmp_path: Path, golden: Golden) -> None:
    result = _run("generate", ROOT / "examples" / "late-statement", "--out", tmp_path, "--date", "2026-09-10")
    assert result.exit_code == 0, result.output
    _check_golden(tmp_path, f"个人声明-{ZHAOLIAN}", "late-statement.statement.txt", golden)


def test_complaint_matches_golden(disputed: Path, tmp_path: Path, golden: Golden) -> None:
    assert _run("track", disputed, "--to", "bureau", "--filed", "2026-03-01", "--ticket", "ZX2026030100007").exit_code == 0
    assert _run("track", disputed, "--to", "lender", "--filed", "2026-03-02", "--ticket", "KF2026030200012").exit_code == 0
    _complaint(disputed, tmp_path / "out", fmt="pdf,docx")
    _check_golden(tmp_path / "out", f"征信投诉-{ANT}", "on-time-cmb.complaint.txt", golden)


def test_authorization_matches_golden(disputed: Path, tmp_path: Path, golden: Golden) -> None:
    toml = disputed / "case.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[agent]\nname = "王法援"\nid_number = "310115199203084560"\n'
                    'phone = "13600000000"\n', encoding="utf-8")
    result = _run("generate", disputed, "--out", tmp_path / "out", "--date", "2026-03-01")
    assert result.exit_code == 0, result.output
    _check_golden(tmp_path / "out", f"授权委托书-{ANT}", "on-time-cmb.authorization.txt", golden)


def test_an_agent_filing_only_the_complaint_is_authorised_for_the_complaint(disputed: Path, tmp_path: Path) -> None:
    toml = disputed / "case.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[agent]\nname = "王法援"\nid_number = "310115199203084560"\n'
                    'phone = "13600000000"\n', encoding="utf-8")
    assert _run("track", disputed, "--to", "bureau", "--filed", "2026-03-01").exit_code == 0
    _complaint(disputed, tmp_path / "out")
    text = _text(tmp_path / "out" / f"授权委托书-{ANT}.docx")
    assert f"代为就委托人个人信用报告中{ANT}账户信息的异议处理向中国人民银行重庆市分行提出征信投诉" in text
