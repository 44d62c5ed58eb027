"""What the page shows, as plain rows of text made by the functions the CLI prints with
(generator.summary for `check`, generator.track_text for `track` and `status`): the page and
the terminal cannot word a result differently, because neither has words of its own."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from generator.batch import CaseReport
from generator.catalogue import Message
from generator.errors import DisputeError, DocumentErrors, InputError
from generator.models import CaseResult, LoanResult
from generator.track import CaseStatus, FilingStatus
from generator.web.jobs import Job


@dataclass(frozen=True)
class LoanView:
    heading: str
    verdict: str  # LoanVerdict value
    verdict_text: str
    installment_columns: tuple[str, ...]
    installments: list[tuple[str, ...]]
    notes: list[str]  # why installments are 待定
    month_columns: tuple[str, ...]
    months: list[tuple[str, ...]]
    month_verdicts: list[str]  # MonthVerdict value per month row, for styling
    accounts: list[str]
    needed_label: str
    missing: list[str]


@dataclass(frozen=True)
class Decision:
    heading: str = ""
    statements: list[str] = field(default_factory=list)
    loans: list[LoanView] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # PDFs left out, and why
    errors: list[str] = field(default_factory=list)  # why the case could not be checked
    footer: str = ""

    @property
    def verdicts(self) -> list[str]:
        return [lv.verdict for lv in self.loans]


def decision(result: CaseResult, ignored: tuple[tuple[str, Message], ...]) -> Decision:
    from generator.summary import FREE_AND_LOCAL, case_heading, statement_line

    return Decision(case_heading(result), [statement_line(st) for st in result.statements],
                    [loan_view(lr) for lr in result.loans],
                    [f"{file}: {why.render()}" for file, why in ignored], footer=FREE_AND_LOCAL)


def loan_view(lr: LoanResult) -> LoanView:
    from generator.summary import (INSTALLMENT_COLUMNS, LOAN_VERDICT, MONTH_COLUMNS, NEEDED, account_line,
                                   describe_missing, installment_row, loan_heading, month_row, undecided_notes)

    return LoanView(loan_heading(lr), lr.verdict.value, LOAN_VERDICT[lr.verdict.value], INSTALLMENT_COLUMNS,
                    [installment_row(r) for r in lr.installments], undecided_notes(lr), MONTH_COLUMNS,
                    [month_row(m) for m in lr.months], [m.verdict.value for m in lr.months],
                    [account_line(c) for c in lr.account_checks], NEEDED, [describe_missing(d) for d in lr.missing])


def error_lines(err: DisputeError) -> list[str]:
    """One line per bad file, as `dispute check` prints them (cli.errors.fail)."""
    errors = err.errors if isinstance(err, DocumentErrors) else (err,)
    return [e.render() for e in errors]


# ----------------------------------------------------------------------------- outputs


@dataclass(frozen=True)
class OutputFile:
    name: str
    kind: str  # "pdf" | "docx" | "json"
    pages: int = 0


def outputs(out_dir: Path) -> list[OutputFile]:
    """The files the last `generate` run wrote, as its manifest.json lists them: only those are
    ever served (an older run's leftovers, a file put there by hand, are not)."""
    from generator.manifest import MANIFEST

    listed = _listed(out_dir)
    found = [OutputFile(name, name.rsplit(".", 1)[-1].lower(), _pages(out_dir / name)) for name in listed]
    return [*found, OutputFile(MANIFEST, "json")] if listed else []


def served(out_dir: Path, name: str) -> Path | None:
    """The output called `name` if the manifest lists it (or it is the manifest)."""
    from generator.manifest import MANIFEST

    if name != MANIFEST and name not in _listed(out_dir):
        return None
    path = out_dir / name
    return path if path.is_file() and not path.is_symlink() else None


def _listed(out_dir: Path) -> list[str]:
    from generator.manifest import MANIFEST

    try:
        data: Any = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        names = [str(e["file"]) for e in data["outputs"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return [n for n in names if "/" not in n and "\\" not in n and not n.startswith(".")]


def _pages(path: Path) -> int:
    if path.suffix.lower() != ".pdf":
        return 0
    from generator.web.preview import page_count

    return page_count(path)


# ----------------------------------------------------------------------------- tracking


@dataclass(frozen=True)
class FilingView:
    to: str
    filed: str
    ticket: str
    due: str
    state: str
    next_step: str
    urgent: bool


def filing_views(status: CaseStatus) -> list[FilingView]:
    from generator.track_text import STATE_ORDER, TO_CN, due_text, next_step, state_text

    rows = sorted(status.filings, key=lambda s: (STATE_ORDER[s.state], s.deadlines.reply_due))
    return [FilingView(TO_CN[s.filing.to] + (f"（{s.filing.loan}）" if s.filing.loan else ""),
                       s.filing.filed.isoformat(), s.filing.ticket or "-", due_text(s), state_text(s),
                       next_step(s), s.ready_to_escalate) for s in rows]


def confirmation(saved: FilingStatus, today: date, *, updated: bool) -> str:
    from generator.track_text import confirmation as sentence

    return sentence(saved.filing, today, updated=updated)


def status_summary(status: CaseStatus) -> str:
    """The most pressing filing of a case, for the desk's list."""
    from generator.track_text import STATE_ORDER, TO_CN, state_text

    if not status.filings:
        return ""
    first = min(status.filings, key=lambda s: (STATE_ORDER[s.state], s.deadlines.reply_due))
    return f"{TO_CN[first.filing.to]}：{state_text(first)}"


def track_footer(statuses: list[FilingStatus]) -> list[str]:
    from generator.track_text import WEEKDAYS_NOTE, summary_line

    lines = [summary_line(statuses)] if statuses else []
    if any(s.deadlines.workdays == "weekdays_only" for s in statuses):
        lines.append("* " + WEEKDAYS_NOTE.strip("（）"))
    return lines


# ----------------------------------------------------------------------------- batches


@dataclass(frozen=True)
class BatchRow:
    case: str
    status: str  # batch.Status value
    status_text: str
    verdicts: str
    outputs: int
    seconds: str
    error: str


def batch_rows(reports: list[CaseReport]) -> list[BatchRow]:
    """The rows `dispute batch` prints, with each failure's message as it prints it."""
    from generator.batch import failure_text
    from generator.sheet import STATUS_CN, VERDICT_CN

    return [BatchRow(r.case, r.status.value, STATUS_CN[r.status.value],
                     "；".join(VERDICT_CN.get(v, v) for _, v in r.verdicts) or "-", len(r.outputs),
                     f"{r.seconds:.1f}", failure_text(r) if r.failed else "") for r in reports]


@dataclass(frozen=True)
class JobView:
    over: bool
    failed: bool
    seconds: float
    lines: list[str]  # what `dispute generate` says after a run: notices, then errors
    closing: str
    insufficient: bool  # the documents to add are listed with the decision, not again here


def job_view(job: Job | None) -> JobView | None:
    """A generate job as `dispute generate` reports it (cli.show.print_outcome; a failure as
    `dispute batch` words it, the job being batch's run_case)."""
    from generator.batch import failure_text
    from generator.summary import NO_AGENTS, NOTICE, loan_names

    if job is None:
        return None
    lines = []
    for report in job.reports:
        name = loan_names([loan for loan, _ in report.verdicts])
        lines += [f"{name.get(loan, loan.lender)}: {NOTICE.get(notice, notice)}" for loan, notice in report.notices]
        if report.failed:
            lines.append(failure_text(report))
    insufficient = any(n == "insufficient" for r in job.reports for _, n in r.notices)
    return JobView(job.over, job.state == "failed", job.seconds, lines, NO_AGENTS if job.over and not job.failed else "",
                   insufficient)
