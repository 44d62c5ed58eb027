"""Where each dispute stands: what was filed with whom, when a reply is due, what to do next.

The record lives in ``CASE_DIR/dispute-track.json``, the one file in a case folder that the tool
writes (case.toml and the documents are never touched)::

    {
      "version": 1,
      "filings": [
        {"to": "lender", "filed": "2026-03-01", "ticket": "KF20260301001",
         "reply": "2026-03-15", "outcome": "refused", "loan": null}
      ]
    }

There is one filing per recipient and loan (`to` + `loan`). Deadlines follow DOMAIN.md 1.1/1.6/1.11:

* lender / bureau dispute (条例 Art. 25): a written reply within 20 days of receipt;
* complaint to a PBOC branch: accepted within 10 working days (征信投诉办理规程 2024), then a
  written reply within 30 days of acceptance (条例 Art. 26).

Library code: nothing here prints or exits; errors carry catalogue codes and the CLI renders them.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal, get_args

from generator.case import CASE_FILE, DEFAULT_OUT, unknown_key
from generator.catalogue import Message, message
from generator.errors import CaseError, DisputeError
from generator.paths import write_atomically
from generator.syntax import json_problem

Recipient = Literal["lender", "bureau", "complaint"]
Outcome = Literal["corrected", "refused", "none"]
State = Literal["waiting", "overdue", "replied_corrected", "replied_refused", "replied_none"]
# complain: to the PBOC branch where the lender is located, or sue; sue: the complaint itself went
# unanswered or was refused; check_report: pull a fresh report to see the correction.
NextStep = Literal["wait", "complain", "sue", "check_report"]
WorkdayBasis = Literal["chinese_calendar", "weekdays_only"]

RECIPIENTS: tuple[Recipient, ...] = get_args(Recipient)
OUTCOMES: tuple[Outcome, ...] = get_args(Outcome)

TRACK_FILE = "dispute-track.json"
FORMAT_VERSION = 1

# 条例 Art. 25 says "自收到异议之日起20日内" without "工作日": read as calendar days, the
# conservative (earliest) deadline [unverified]. Older PBOC rules counted working days.
REPLY_DAYS = 20
# 征信投诉办理规程 (2024-04-15) [secondary]: accepted within 10 working days of receipt.
COMPLAINT_ACCEPT_WORKDAYS = 10
# 条例 Art. 26 [verified]: "自受理之日起30日内书面答复投诉人". The acceptance date is not recorded,
# so the reply is due 30 days after the latest acceptance date.
COMPLAINT_REPLY_DAYS = 30

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_KEYS = ("to", "filed", "ticket", "reply", "outcome", "loan")
_DATE = message("expect.date_like", example="2026-03-01")


class FilingError(DisputeError):
    """A filing contradicts itself (a reply before the filing, an outcome without a reply)."""


def _one_of(choices: tuple[str, ...], value: str) -> Message:
    return message("track.expected_one_of", choices=choices, value=value)


def parse_iso_date(text: object) -> date:
    """``2026-03-01`` only; raises ValueError for anything else."""
    if not isinstance(text, str) or not _ISO_DATE.match(text):
        raise ValueError(text)
    return date.fromisoformat(text)


@dataclass(frozen=True)
class Filing:
    """One dispute or complaint as the borrower filed it. `filed` is the day the recipient received
    it (the deadline runs from receipt: keep the postal receipt or the ticket). `loan` is the
    lender or contract number, for a case with several loans; None means every loan."""

    to: Recipient
    filed: date
    ticket: str | None = None
    reply: date | None = None
    outcome: Outcome | None = None
    loan: str | None = None

    def __post_init__(self) -> None:
        if self.to not in RECIPIENTS:
            raise FilingError("case.key", key="to", problem=_one_of(RECIPIENTS, repr(self.to)))
        if self.outcome is not None and self.outcome not in OUTCOMES:
            raise FilingError("case.key", key="outcome", problem=_one_of(OUTCOMES, repr(self.outcome)))
        if (self.reply is None) != (self.outcome is None):
            raise FilingError("track.reply_and_outcome")
        for name, value in (("ticket", self.ticket), ("loan", self.loan)):
            if value is not None and not value.strip():
                raise FilingError("case.key", key=name, problem=message(
                    "case.expected_got", expected=message("expect.text_or_nothing"), value=repr(value)))
        if self.reply is not None and self.reply < self.filed:
            raise FilingError("track.reply_before_filing", reply=self.reply.isoformat(), filed=self.filed.isoformat())

    @property
    def key(self) -> tuple[str, str | None]:
        return self.to, self.loan

    def after_today(self, today: date) -> str | None:
        """"filed" or "reply" if that day is after `today` (a typo: nothing is received or
        answered in the future), else None. Both `dispute track` and the web page refuse it."""
        if self.filed > today:
            return "filed"
        return "reply" if self.reply is not None and self.reply > today else None


@dataclass(frozen=True)
class Deadlines:
    reply_due: date
    accept_by: date | None = None  # complaints only
    workdays: WorkdayBasis | None = None  # how accept_by was counted


@dataclass(frozen=True)
class FilingStatus:
    filing: Filing
    state: State
    deadlines: Deadlines
    days_left: int | None  # until reply_due; negative when overdue; None once replied
    ready_to_escalate: bool
    next_step: NextStep


@dataclass(frozen=True)
class CaseStatus:
    name: str
    folder: Path
    filings: tuple[FilingStatus, ...] = ()
    error: str | None = None  # the case's dispute-track.json could not be read
    failure: CaseError | None = None  # that error itself, for the screen


# ----------------------------------------------------------------------------- deadlines


def _is_workday(day: date) -> tuple[bool, bool]:
    """(is a working day, known to chinese_calendar). Unknown years fall back to Monday-Friday."""
    import chinese_calendar

    try:
        return bool(chinese_calendar.is_workday(day)), True
    except NotImplementedError:  # the package only knows the years it was released for
        return day.weekday() < 5, False


def add_workdays(start: date, count: int) -> tuple[date, WorkdayBasis]:
    """The `count`-th working day after `start` (调休 make-up days count, holidays do not)."""
    day, left, known = start, count, True
    while left > 0:
        day += timedelta(days=1)
        work, in_calendar = _is_workday(day)
        known = known and in_calendar
        left -= work
    return day, "chinese_calendar" if known else "weekdays_only"


def deadlines(filing: Filing) -> Deadlines:
    if filing.to != "complaint":
        return Deadlines(filing.filed + timedelta(days=REPLY_DAYS))
    accept_by, basis = add_workdays(filing.filed, COMPLAINT_ACCEPT_WORKDAYS)
    return Deadlines(accept_by + timedelta(days=COMPLAINT_REPLY_DAYS), accept_by, basis)


def status_of(filing: Filing, today: date) -> FilingStatus:
    due = deadlines(filing)
    escalate: NextStep = "sue" if filing.to == "complaint" else "complain"
    if filing.outcome is None:
        left = (due.reply_due - today).days
        state: State = "waiting" if left >= 0 else "overdue"
        return FilingStatus(filing, state, due, left, left < 0, "wait" if left >= 0 else escalate)
    if filing.outcome == "corrected":
        return FilingStatus(filing, "replied_corrected", due, None, False, "check_report")
    replied: State = "replied_refused" if filing.outcome == "refused" else "replied_none"
    return FilingStatus(filing, replied, due, None, True, escalate)


# ----------------------------------------------------------------------------- storage


def load_filings(case_dir: Path) -> list[Filing]:
    """The case's filings; none when the case has no dispute-track.json yet."""
    path = Path(case_dir) / TRACK_FILE
    if not path.exists():
        return []
    if path.is_dir():
        raise CaseError(path, "file.is_directory")
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        raise CaseError(path, "file.not_utf8") from None
    except json.JSONDecodeError as exc:
        raise CaseError(path, "track.not_json", problem=json_problem(exc)) from None
    return _filings(path, data)


def record_filing(case_dir: Path, filing: Filing) -> list[Filing]:
    """Add `filing`, or update the one with the same recipient and loan: with the same filing date
    the given ticket/reply/outcome are added to it; a different filing date starts over (a new
    dispute to the same recipient replaces the old one). Returns every filing, as saved."""
    case_dir = Path(case_dir)
    if not (case_dir / CASE_FILE).is_file():
        raise CaseError(case_dir, "case.not_case_folder")
    filings = load_filings(case_dir)
    for i, old in enumerate(filings):
        if old.key == filing.key:
            filings[i] = _merged(old, filing)
            break
    else:
        filings.append(filing)
    _save(case_dir / TRACK_FILE, filings)
    return filings


def _merged(old: Filing, new: Filing) -> Filing:
    if old.filed != new.filed:
        return new
    return replace(old, ticket=new.ticket or old.ticket, reply=new.reply or old.reply,
                   outcome=new.outcome or old.outcome)


def _save(path: Path, filings: Iterable[Filing]) -> None:
    doc = {"version": FORMAT_VERSION, "filings": [filing_json(f) for f in filings]}
    write_atomically(path, (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def filing_json(filing: Filing) -> dict[str, str | None]:
    return {"to": filing.to, "filed": filing.filed.isoformat(), "ticket": filing.ticket,
            "reply": filing.reply.isoformat() if filing.reply else None, "outcome": filing.outcome,
            "loan": filing.loan}


def _filings(path: Path, data: Any) -> list[Filing]:
    if not isinstance(data, dict):
        raise CaseError(path, "track.not_object")
    _check_keys(path, "", data, ("version", "filings"))
    if data.get("version") != FORMAT_VERSION:
        raise CaseError(path, "track.version", expected=FORMAT_VERSION, value=repr(data.get("version")))
    items = data.get("filings")
    if not isinstance(items, list):
        raise CaseError(path, "case.key", key="filings", problem=message(
            "case.expected_got", expected=message("expect.list"), value=repr(items)))
    filings: list[Filing] = []
    for i, item in enumerate(items, start=1):
        filing = _filing(path, f"filings[{i}]", item)
        seen = next((j for j, f in enumerate(filings, start=1) if f.key == filing.key), None)
        if seen is not None:
            raise CaseError(path, "track.duplicate", index=i, seen=seen)
        filings.append(filing)
    return filings


def _filing(path: Path, where: str, item: Any) -> Filing:
    if not isinstance(item, dict):
        raise CaseError(path, "case.key", key=where, problem=message(
            "case.expected_got", expected=message("expect.object"), value=repr(item)))
    _check_keys(path, where + ".", item, _KEYS)
    if "to" not in item:
        raise CaseError(path, "case.key", key=f"{where}.to", problem=message("track.missing_one_of", choices=RECIPIENTS))
    try:
        return Filing(to=item["to"], filed=_date(path, where, item, "filed"),
                      ticket=_text(path, where, item, "ticket"), reply=_opt_date(path, where, item, "reply"),
                      outcome=item.get("outcome"), loan=_text(path, where, item, "loan"))
    except FilingError as err:
        raise CaseError(path, "case.key", key=where, problem=err.msg) from None


def _check_keys(path: Path, where: str, data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise CaseError(path, "case.key", key=where + unknown[0], problem=unknown_key(unknown[0], allowed))


def _date(path: Path, where: str, item: Mapping[str, Any], key: str) -> date:
    if key not in item:
        raise CaseError(path, "case.key", key=f"{where}.{key}", problem=message("case.missing_expected", expected=_DATE))
    value = item[key]
    try:
        return parse_iso_date(value)
    except (TypeError, ValueError):
        raise CaseError(path, "case.key", key=f"{where}.{key}", problem=message(
            "case.expected_got", expected=_DATE, value=repr(value))) from None


def _opt_date(path: Path, where: str, item: Mapping[str, Any], key: str) -> date | None:
    return None if item.get(key) is None else _date(path, where, item, key)


def _text(path: Path, where: str, item: Mapping[str, Any], key: str) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise CaseError(path, "case.key", key=f"{where}.{key}", problem=message(
        "case.expected_got", expected=message("expect.text_or_null"), value=repr(value)))


# ----------------------------------------------------------------------------- cases


def case_status(case_dir: Path, today: date, name: str | None = None) -> CaseStatus:
    """Every filing of one case with its deadlines; raises CaseError for a bad dispute-track.json."""
    case_dir = Path(case_dir)
    if not (case_dir / CASE_FILE).is_file():
        raise CaseError(case_dir, "case.not_case_folder")
    statuses = tuple(status_of(f, today) for f in load_filings(case_dir))
    return CaseStatus(name or case_dir.resolve().name, case_dir, statuses)


def cases_status(cases_dir: Path, today: date) -> list[CaseStatus]:
    """Every case below `cases_dir` (found as `dispute batch` finds them), by name. A case whose
    dispute-track.json is malformed gets `error` instead of filings; the others still count."""
    found = find_case_folders(Path(cases_dir))
    if not found:
        raise CaseError(cases_dir, "batch.no_cases")
    return [_isolated(folder, name, today) for name, folder in found]


def _isolated(folder: Path, name: str, today: date) -> CaseStatus:
    try:
        return case_status(folder, today, name)
    except CaseError as err:
        return CaseStatus(name, folder, error=str(err), failure=err)


def find_case_folders(cases_dir: Path) -> list[tuple[str, Path]]:
    """(path relative to `cases_dir`, folder) of each case below it. The walk stops at a case and
    skips hidden folders and `out` folders, like generator.batch.find_cases."""
    if not cases_dir.exists():
        raise CaseError(cases_dir, "case.folder_not_found")
    if not cases_dir.is_dir():
        raise CaseError(cases_dir, "case.not_case_folder")
    found: list[tuple[str, Path]] = []
    for dirpath, dirnames, filenames in os.walk(cases_dir):
        here = Path(dirpath)
        if here != cases_dir and CASE_FILE in filenames:
            found.append((here.relative_to(cases_dir).as_posix(), here))
            dirnames.clear()
            continue
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and d != DEFAULT_OUT]
    return sorted(found)


def status_json(cases: Iterable[CaseStatus], today: date) -> dict[str, Any]:
    """The `dispute status --json` document (English keys, ISO dates)."""
    return {"today": today.isoformat(), "cases": [_case_json(c) for c in cases]}


def _case_json(case: CaseStatus) -> dict[str, Any]:
    return {"case": case.name, "folder": str(case.folder), "error": case.error,
            "filings": [_status_json(s) for s in case.filings]}


def _status_json(status: FilingStatus) -> dict[str, Any]:
    due = status.deadlines
    return {**filing_json(status.filing), "state": status.state, "reply_due": due.reply_due.isoformat(),
            "accept_by": due.accept_by.isoformat() if due.accept_by else None, "workdays": due.workdays,
            "days_left": status.days_left, "ready_to_escalate": status.ready_to_escalate,
            "next_step": status.next_step}
