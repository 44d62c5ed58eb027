"""Tracking disputes: deadlines, states, the dispute-track.json file, and `track` / `status`.

The commands are mounted on a throwaway app here, so the tests do not depend on cli.py
registering them."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import typer
from click.testing import Result
from typer.testing import CliRunner

from conftest import ROOT
from generator.cli import track as cli_track
from generator.errors import CaseError
from generator.track import (
    TRACK_FILE,
    Filing,
    FilingError,
    add_workdays,
    deadlines,
    load_filings,
    record_filing,
    status_of,
)

EXAMPLE = ROOT / "examples" / "on-time-cmb"
runner = CliRunner()
app = typer.Typer()
app.command("track")(cli_track.track)
app.command("status")(cli_track.status)


def run(*args: str | Path) -> Result:
    return runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})


def one_error_line(result: Result, *needles: str) -> str:
    assert result.exit_code == 2, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")  # the suite runs in English (conftest.py)
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return Path(shutil.copytree(EXAMPLE, tmp_path / "case"))


def write_track(folder: Path, data: Any) -> Path:
    path = folder / TRACK_FILE
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- deadlines


@pytest.mark.parametrize(("filed", "due"), [
    (date(2026, 3, 1), date(2026, 3, 21)),
    (date(2026, 1, 25), date(2026, 2, 14)),   # across a month end
    (date(2026, 2, 15), date(2026, 3, 7)),    # across February's 28 days
    (date(2025, 12, 20), date(2026, 1, 9)),   # across a year end
])
def test_reply_is_due_20_calendar_days_after_filing(filed: date, due: date) -> None:
    assert deadlines(Filing("lender", filed)).reply_due == due
    assert deadlines(Filing("bureau", filed)).reply_due == due


@pytest.mark.parametrize(("filed", "accept_by"), [
    # 国庆 2025: Oct 1-8 off; Sun Sep 28 and Sat Oct 11 are make-up working days.
    (date(2025, 9, 26), date(2025, 10, 16)),  # Sep 28, 29, 30, Oct 9, 10, 11, 13, 14, 15, 16
    (date(2025, 9, 27), date(2025, 10, 16)),  # the same ten: the Sunday make-up day counts
    (date(2025, 9, 30), date(2025, 10, 21)),  # Oct 9, 10, 11, 13-17, 20, 21
])
def test_complaint_acceptance_counts_chinese_working_days(filed: date, accept_by: date) -> None:
    due = deadlines(Filing("complaint", filed))
    assert due.accept_by == accept_by
    assert due.workdays == "chinese_calendar"
    assert (due.reply_due - accept_by).days == 30


def test_unknown_year_falls_back_to_weekdays_and_says_so() -> None:
    assert add_workdays(date(2099, 1, 1), 10) == (date(2099, 1, 15), "weekdays_only")  # Thu -> Thu two weeks on


# ----------------------------------------------------------------------------- states


FILED = date(2026, 3, 1)  # reply due 2026-03-21


@pytest.mark.parametrize(("filing", "today", "state", "days_left", "ready", "next_step"), [
    (Filing("lender", FILED), date(2026, 3, 5), "waiting", 16, False, "wait"),
    (Filing("lender", FILED), date(2026, 3, 21), "waiting", 0, False, "wait"),
    (Filing("lender", FILED), date(2026, 3, 22), "overdue", -1, True, "complain"),
    (Filing("bureau", FILED, reply=date(2026, 3, 10), outcome="corrected"), date(2026, 4, 1),
     "replied_corrected", None, False, "check_report"),
    (Filing("lender", FILED, reply=date(2026, 3, 10), outcome="refused"), date(2026, 3, 11),
     "replied_refused", None, True, "complain"),
    (Filing("lender", FILED, reply=date(2026, 3, 10), outcome="none"), date(2026, 3, 11),
     "replied_none", None, True, "complain"),
    # A complaint received Sun 2026-03-01: accepted by Fri 03-13 (ten working days), reply by 04-12.
    (Filing("complaint", FILED), date(2026, 4, 12), "waiting", 0, False, "wait"),
    (Filing("complaint", FILED), date(2026, 4, 13), "overdue", -1, True, "sue"),
    (Filing("complaint", FILED, reply=date(2026, 4, 1), outcome="refused"), date(2026, 4, 2),
     "replied_refused", None, True, "sue"),
])
def test_status_of(filing: Filing, today: date, state: str, days_left: int | None, ready: bool,
                   next_step: str) -> None:
    st = status_of(filing, today)
    assert (st.state, st.days_left, st.ready_to_escalate, st.next_step) == (state, days_left, ready, next_step)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"reply": date(2026, 2, 28), "outcome": "none"}, "reply 2026-02-28 is before the filing date 2026-03-01"),
    ({"reply": date(2026, 3, 5)}, "reply and outcome go together"),
    ({"outcome": "refused"}, "reply and outcome go together"),
    ({"ticket": " "}, "ticket: expected a non-empty string"),
])
def test_filing_rejects_contradictions(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(FilingError, match=message):
        Filing("lender", FILED, **kwargs)


# ----------------------------------------------------------------------------- storage


def test_record_appends_per_recipient_and_loan_and_updates_in_place(case: Path) -> None:
    record_filing(case, Filing("lender", FILED))
    record_filing(case, Filing("lender", FILED, loan="JB2025011000123"))
    saved = record_filing(case, Filing("lender", FILED, ticket="KF1", reply=date(2026, 3, 15), outcome="refused"))
    assert saved == load_filings(case)
    assert saved == [Filing("lender", FILED, ticket="KF1", reply=date(2026, 3, 15), outcome="refused"),
                     Filing("lender", FILED, loan="JB2025011000123")]
    # A later call without --ticket keeps the ticket; a new filing date starts a new dispute.
    assert record_filing(case, Filing("lender", FILED))[0].ticket == "KF1"
    assert record_filing(case, Filing("lender", date(2026, 4, 1)))[0] == Filing("lender", date(2026, 4, 1))


def test_the_file_format(case: Path) -> None:
    record_filing(case, Filing("bureau", FILED, ticket="征信-001"))
    raw = (case / TRACK_FILE).read_text(encoding="utf-8")
    assert "征信-001" in raw  # UTF-8, not \u escapes
    assert json.loads(raw) == {"version": 1, "filings": [
        {"to": "bureau", "filed": "2026-03-01", "ticket": "征信-001", "reply": None, "outcome": None, "loan": None}]}


def test_record_needs_a_case_folder(tmp_path: Path) -> None:
    with pytest.raises(CaseError, match="not a case folder"):
        record_filing(tmp_path, Filing("lender", FILED))
    assert not (tmp_path / TRACK_FILE).exists()


MALFORMED = [
    ("{not json", "not valid JSON"),
    ('"a string"', "expected a JSON object"),
    ({"filings": []}, "version: expected 1, got None"),
    ({"version": 2, "filings": []}, "version: expected 1, got 2"),
    ({"version": 1, "filings": {}}, "filings: expected a list"),
    ({"version": 1, "filings": [], "extra": 1}, "extra: unknown key"),
    ({"version": 1, "filings": [{"to": "lender", "filed": "2026-03-01", "tikcet": "A1"}]},
     'filings[1].tikcet: unknown key: did you mean "ticket"?'),
    ({"version": 1, "filings": [{"to": "lender"}]}, "filings[1].filed: missing"),
    ({"version": 1, "filings": [{"filed": "2026-03-01"}]}, "filings[1].to: missing"),
    ({"version": 1, "filings": [{"to": "court", "filed": "2026-03-01"}]}, "filings[1]: to: expected one of"),
    ({"version": 1, "filings": [{"to": "lender", "filed": "2026/03/01"}]}, "filings[1].filed: expected a date like"),
    ({"version": 1, "filings": [{"to": "lender", "filed": "2026-03-01", "reply": "2026-02-01", "outcome": "none"}]},
     "filings[1]: reply 2026-02-01 is before the filing date"),
    ({"version": 1, "filings": [{"to": "lender", "filed": "2026-03-01", "outcome": "maybe", "reply": "2026-03-02"}]},
     "filings[1]: outcome: expected one of"),
    ({"version": 1, "filings": [{"to": "lender", "filed": "2026-03-01", "ticket": 7}]},
     "filings[1].ticket: expected a non-empty string"),
    ({"version": 1, "filings": [{"to": "lender", "filed": "2026-03-01"}, {"to": "lender", "filed": "2026-03-02"}]},
     "filings[2]: same to and loan as filings[1]"),
]


@pytest.mark.parametrize(("content", "message"), MALFORMED)
def test_load_names_what_is_wrong(case: Path, content: Any, message: str) -> None:
    path = write_track(case, content)
    with pytest.raises(CaseError) as info:
        load_filings(case)
    assert info.value.file == str(path)
    assert message in str(info.value)


def test_non_utf8_file(case: Path) -> None:
    (case / TRACK_FILE).write_bytes('{"version": 1, "filings": []}  备注'.encode("gbk"))
    with pytest.raises(CaseError, match="not UTF-8 text"):
        load_filings(case)


# ----------------------------------------------------------------------------- dispute track


def test_track_prints_the_reply_deadline(case: Path) -> None:
    before = hashlib.sha256((case / "case.toml").read_bytes()).hexdigest()
    result = run("track", case, "--to", "lender", "--filed", "2026-03-01")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "已记录：2026年03月01日向贷款机构提出异议，答复期限 2026年03月21日"
    assert load_filings(case) == [Filing("lender", FILED)]
    assert hashlib.sha256((case / "case.toml").read_bytes()).hexdigest() == before


def test_track_complaint_prints_acceptance_and_reply(case: Path) -> None:
    result = run("track", case, "--to", "complaint", "--filed", "2025-09-26", "--ticket", "TS-9")
    assert result.exit_code == 0, result.output
    out = result.stdout.strip()
    assert out.startswith("已记录：2025年09月26日向人民银行分支机构提出投诉（工单号 TS-9）")
    assert "应于 2025年10月16日 前受理" in out and "答复期限 2025年11月15日" in out


def test_track_updates_an_existing_filing(case: Path) -> None:
    assert run("track", case, "--to", "bureau", "--filed", "2026-03-01", "--ticket", "T1").exit_code == 0
    result = run("track", case, "--to", "bureau", "--filed", "2026-03-01", "--reply", "2026-03-18",
                 "--outcome", "corrected")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("已更新：2026年03月01日向征信中心提出异议（工单号 T1）；2026年03月18日答复：已更正")
    assert load_filings(case) == [Filing("bureau", FILED, ticket="T1", reply=date(2026, 3, 18), outcome="corrected")]


def test_track_warns_about_a_loan_the_case_does_not_name(case: Path) -> None:
    result = run("track", case, "--to", "lender", "--filed", "2026-03-01", "--loan", "JB-TYPO")
    assert result.exit_code == 0
    assert "note: --loan 'JB-TYPO'" in result.stderr
    assert run("track", case, "--to", "lender", "--filed", "2026-03-01", "--loan", "JB2025011000123").stderr == ""


@pytest.mark.parametrize(("args", "needles"), [
    (["--reply", "2026-02-20", "--outcome", "none"], ("--reply 2026-02-20", "--filed 2026-03-01")),
    (["--outcome", "refused"], ("--reply", "--outcome")),
    (["--reply", "2026-03-10"], ("--reply", "--outcome")),
    (["--reply", "2026-3-10", "--outcome", "none"], ("--reply", "'2026-3-10'")),
    (["--ticket", " "], ("--ticket",)),
])
def test_track_bad_options(case: Path, args: list[str], needles: tuple[str, ...]) -> None:
    result = run("track", case, "--to", "lender", "--filed", "2026-03-01", *args)
    one_error_line(result, *needles)
    assert not (case / TRACK_FILE).exists()


def test_track_rejects_a_future_filing_date(case: Path) -> None:
    one_error_line(run("track", case, "--to", "lender", "--filed", "2999-01-01"), "--filed", "2999-01-01")


def test_track_needs_a_case(tmp_path: Path) -> None:
    one_error_line(run("track", tmp_path, "--to", "lender", "--filed", "2026-03-01"), "case.toml")
    assert not (tmp_path / TRACK_FILE).exists()


@pytest.mark.parametrize("command", [["track", "--to", "lender", "--filed", "2026-03-01"], ["status"]])
def test_malformed_track_file_is_one_error_naming_it(case: Path, command: list[str]) -> None:
    path = write_track(case, {"version": 1, "filings": [{"to": "lender", "filed": "yesterday"}]})
    before = path.read_bytes()
    one_error_line(run(command[0], case, *command[1:]), str(path), "filings[1].filed")
    assert path.read_bytes() == before


# ----------------------------------------------------------------------------- dispute status


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    root = tmp_path / "cases"
    for name in ("a", "b", "desk/c", "empty"):
        shutil.copytree(EXAMPLE, root / name)
    (root / "notes").mkdir()  # not a case: no case.toml
    record_filing(root / "a", Filing("lender", FILED))
    record_filing(root / "a", Filing("bureau", FILED, reply=date(2026, 3, 10), outcome="corrected"))
    record_filing(root / "b", Filing("lender", date(2026, 3, 20), ticket="KF2"))
    record_filing(root / "desk" / "c", Filing("lender", FILED, reply=date(2026, 3, 12), outcome="refused"))
    return root


def test_status_over_several_cases(cases: Path) -> None:
    result = run("status", cases, "--date", "2026-03-25", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["today"] == "2026-03-25"
    states = {(c["case"], f["to"]): f["state"] for c in data["cases"] for f in c["filings"]}
    assert states == {("a", "lender"): "overdue", ("a", "bureau"): "replied_corrected",
                      ("b", "lender"): "waiting", ("desk/c", "lender"): "replied_refused"}
    assert [c["case"] for c in data["cases"]] == ["a", "b", "desk/c", "empty"]


def test_status_json_shape(cases: Path) -> None:
    data = json.loads(run("status", cases / "b", "--date", "2026-03-25", "--json").stdout)
    assert data == {"today": "2026-03-25", "cases": [{
        "case": "b", "folder": str(cases / "b"), "error": None, "filings": [{
            "to": "lender", "filed": "2026-03-20", "ticket": "KF2", "reply": None, "outcome": None, "loan": None,
            "state": "waiting", "reply_due": "2026-04-09", "accept_by": None, "workdays": None,
            "days_left": 15, "ready_to_escalate": False, "next_step": "wait"}]}]}


def test_status_table(cases: Path) -> None:
    result = run("status", cases, "--date", "2026-03-25")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for header in ("案件", "对象", "提出日期", "工单号", "答复期限", "状态", "下一步"):
        assert header in out
    assert "逾期未答复（已过 4 天）" in out and "等待答复（剩 15 天）" in out and "已答复：拒绝更正" in out
    assert "desk/c" in out and "KF2" in out
    # Most urgent first: the overdue dispute, then the refused one, then the one still waiting.
    assert out.index("逾期未答复（") < out.index("已答复：拒绝更正") < out.index("等待答复（") < out.index("已答复：已更正")
    assert "共 4 项" in out and "可升级（投诉或起诉）2 项" in out


def test_status_without_filings(case: Path) -> None:
    result = run("status", case)
    assert result.exit_code == 0
    assert "尚无记录的异议或投诉" in result.stdout
    assert json.loads(run("status", case, "--json").stdout)["cases"][0]["filings"] == []


def test_status_reports_a_bad_case_and_shows_the_others(cases: Path) -> None:
    bad = write_track(cases / "b", "[]")
    result = run("status", cases, "--date", "2026-03-25", "--json")
    assert result.exit_code == 1
    assert result.stderr.strip().startswith(f"error: {bad}: ")
    data = json.loads(result.stdout)
    assert [c["case"] for c in data["cases"] if c["error"]] == ["b"]
    assert len(data["cases"][0]["filings"]) == 2


@pytest.mark.parametrize(("make", "needle"), [
    (lambda p: p / "missing", "not found"),
    (lambda p: p, "no case folders"),
])
def test_status_bad_folder(tmp_path: Path, make: Any, needle: str) -> None:
    one_error_line(run("status", make(tmp_path)), needle)


def test_status_bad_date(case: Path) -> None:
    one_error_line(run("status", case, "--date", "25/03/2026"), "--date", "'25/03/2026'")
