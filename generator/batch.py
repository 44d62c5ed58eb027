"""`dispute batch`: many cases at once, each isolated, resumable, on local processes or a Dask cluster.

A case is any folder below CASES_DIR that holds a case.toml. The walk stops at a case (its
sub-folders are its documents), and skips hidden folders, folders named `out` (what `generate`
writes by default) and the batch's own output folder. A case's name is its path relative to
CASES_DIR (`desk-a/case-01`), and its outputs go to `OUT/<name>/`, so same-named folders in
different branches never collide.

Reruns compare the inputs' SHA-256 (case.toml and the documents) and the tool version with the
manifest.json a previous run left in `OUT/<name>/`: unchanged cases are skipped, changed ones are
regenerated over their own outputs. Every file is written atomically, so an interrupted run
leaves whole files only, and the next run resumes where it stopped.

Library code: nothing here prints or exits. `run_case` is the unit of work and never raises for a
case's own failure; the executors in generator/batch_exec.py only move jobs and reports between
processes or machines.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from generator import __version__
from generator.case import CASE_FILE, DEFAULT_OUT, load_case
from generator.catalogue import Message, message, os_reason
from generator.domain.terms import LoanLabel
from generator.errors import DisputeError, InputError
from generator.manifest import input_files, MANIFEST, build_manifest
from generator.paths import write_atomically
from generator.pipeline import generate_case
from generator.render import Options
from generator.serialize import missing_key
from generator.sheet import COLUMNS, sheet_rows, xlsx
from generator.summary import describe_missing

DEFAULT_BATCH_OUT = "out-batch"
SUMMARY_JSON = "summary.json"
SUMMARY_CSV = "summary.csv"
SUMMARY_XLSX = "summary.xlsx"  # the same rows as summary.csv
# The documents still needed, in words, of the cases the next run skips: summary.json keeps only
# their codes (and must not change for the scripts that read it).
NEEDED_JSON = ".summary-needed.json"
WORKER_DIED = "worker process died (killed, out of memory or crashed)"
CSV_COLUMNS = ("case", "status", "loans", "verdicts", "outputs", "error", "skipped", "seconds")


class Status(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"  # inputs and tool version unchanged since the last successful run
    FAILED = "failed"
    NOT_RUN = "not_run"  # stopped early by -x or Ctrl-C


class BatchError(DisputeError):
    """The batch as a whole cannot run (no cases, bad output folder, no cluster): exit 2."""


@dataclass(frozen=True)
class CaseJob:
    """One case to run. Paths are absolute: a Dask worker on another machine gets the same ones."""

    name: str  # relative to CASES_DIR, e.g. "desk-a/case-01"
    folder: Path
    out_dir: Path
    options: Options
    force: bool
    generated_at: datetime


@dataclass(frozen=True)
class CaseReport:
    """What happened to one case: plain data, returned by workers and written to the summary."""

    case: str
    status: Status
    loans: int = 0
    verdicts: tuple[tuple[LoanLabel, str], ...] = ()  # (loan, verdict)
    outputs: tuple[str, ...] = ()  # file names inside OUT/<case>/, manifest.json left out
    notices: tuple[tuple[LoanLabel, str], ...] = ()
    missing: tuple[tuple[LoanLabel, str], ...] = ()
    removed: tuple[str, ...] = ()  # outputs of the previous run the new inputs no longer call for
    ignored: tuple[tuple[str, Message], ...] = ()  # (file, why): PDFs no reader recognised, left out
    needed: tuple[tuple[str, str], ...] = ()  # (LoanLabel.id, a missing document as `check` words it), for summary.csv
    loan_outputs: tuple[tuple[str, str], ...] = ()  # (LoanLabel.id, file name): each loan's own files
    error: str = ""
    error_file: str = ""  # the file an input error names, kept untranslated in the message shown
    error_kind: str = ""  # "input" (DisputeError) | "system" (OSError) | "bug" (any other) | "crash" (worker died)
    failure: DisputeError | None = None  # an input error itself, rendered in the user's language
    traceback: str = ""
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return self.status is Status.FAILED


@dataclass(frozen=True)
class BatchResult:
    reports: tuple[CaseReport, ...]  # one per job, in job order
    interrupted: bool
    seconds: float

    def count(self, status: Status) -> int:
        return sum(r.status is status for r in self.reports)


# ----------------------------------------------------------------------------- planning


def find_cases(cases_dir: Path, out_dir: Path) -> list[tuple[str, Path]]:
    """(name, absolute folder) of every case below `cases_dir`, sorted by name."""
    root, out = cases_dir.resolve(), out_dir.resolve()
    if (root / CASE_FILE).is_file():
        raise BatchError("batch.is_a_case", folder=cases_dir)
    found: list[tuple[str, Path]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        if here != root and CASE_FILE in filenames:
            found.append((here.relative_to(root).as_posix(), here))
            dirnames.clear()  # a case's sub-folders hold its documents, never another case
            continue
        dirnames[:] = [d for d in dirnames if not _pruned(here / d, d, out)]
    return sorted(found)


def _pruned(path: Path, name: str, out: Path) -> bool:
    return name.startswith(".") or name in (DEFAULT_OUT, DEFAULT_BATCH_OUT) or path == out


def plan_jobs(cases_dir: Path, out_dir: Path, options: Options, *, force: bool,
              generated_at: datetime) -> list[CaseJob]:
    if not cases_dir.is_dir():
        problem = message("file.not_folder" if cases_dir.exists() else "case.folder_missing")
        raise BatchError("error.located", location=str(cases_dir), problem=problem)
    if out_dir.exists() and not out_dir.is_dir():
        raise BatchError("batch.out_is_file", folder=out_dir)
    cases = find_cases(cases_dir, out_dir)
    if not cases:
        raise BatchError("batch.no_case_folders", folder=cases_dir)
    out = out_dir.resolve()
    jobs = [CaseJob(name, folder, out / name, options, force, generated_at) for name, folder in cases]
    for job in jobs:
        # Outputs inside a case folder would be read back as its evidence on the next run.
        if job.out_dir.is_relative_to(job.folder) or job.folder.is_relative_to(job.out_dir):
            raise BatchError("batch.out_inside_case", folder=out_dir, case=job.folder)
    try:
        out.mkdir(parents=True, exist_ok=True)  # a read-only share fails here, not once per case
    except OSError as exc:
        raise BatchError("batch.cannot_create_out", folder=out_dir, reason=os_reason(exc)) from None
    return jobs


# ----------------------------------------------------------------------------- one case


@dataclass(frozen=True)
class _Previous:
    """The manifest.json of the last successful run of a case."""

    version: str
    inputs: dict[str, str]  # file -> sha256
    outputs: dict[str, str]


def run_case(job: CaseJob) -> CaseReport:
    """Run one case; its failure is returned as data, never raised, so it cannot stop the others."""
    start = time.perf_counter()
    try:
        report = _run(job)
    except DisputeError as err:
        report = CaseReport(job.name, Status.FAILED, error=str(err), error_kind="input",
                            error_file=err.file if isinstance(err, InputError) else "", failure=err)
    except OSError as err:  # disk full, permissions: the machine's problem, not a bug to report
        failure = InputError(err.filename or job.out_dir, "os.error", reason=os_reason(err))
        report = CaseReport(job.name, Status.FAILED, error=str(failure), error_kind="system", failure=failure)
    except Exception as err:  # noqa: BLE001  our bug: keep the traceback for summary.json, go on with the others
        report = CaseReport(job.name, Status.FAILED, error=f"{type(err).__name__}: {err}",
                            error_kind="bug", traceback=traceback.format_exc())
    return replace(report, seconds=round(time.perf_counter() - start, 3))


def _run(job: CaseJob) -> CaseReport:
    previous = _read_manifest(job.out_dir)
    if previous is not None and not job.force and _up_to_date(previous, job):
        return CaseReport(job.name, Status.SKIPPED, outputs=tuple(sorted(previous.outputs)))
    # Our own folder: a manifest means inputs changed; files without one are what an interrupted
    # run left (the manifest is written last). Either way the outputs are ours to replace.
    earlier_files = _remove_leftovers(job.out_dir)
    force = job.force or previous is not None or earlier_files
    outcome = generate_case(job.folder, job.out_dir, job.options, force=force, generated_at=job.generated_at)
    written = {Path(p).relative_to(job.out_dir).as_posix() for p in outcome.outputs} - {MANIFEST}
    per_loan = tuple((loan, Path(p).relative_to(job.out_dir).as_posix()) for loan, p in outcome.loan_outputs)
    if not outcome.outputs:
        _write_bare_manifest(job)  # nothing to write, but the next run must know the case is done
    removed = _remove_stale(previous, written, job.out_dir)
    return CaseReport(job.name, Status.DONE, loans=len(outcome.verdicts), verdicts=outcome.verdicts,
                      outputs=tuple(sorted(written)), notices=outcome.notices,
                      missing=tuple((who, missing_key(d)) for who, d in outcome.missing),
                      removed=removed, ignored=outcome.ignored,
                      needed=tuple((who.id, describe_missing(d)) for who, d in outcome.missing), loan_outputs=per_loan)


def input_digests(folder: Path) -> dict[str, str]:
    """SHA-256 of the files manifest.json lists as inputs (case.toml, documents, recorded filings)."""
    return {p.relative_to(folder).as_posix(): _sha256(p) for p in input_files(folder)}


def _sha256(path: Path) -> str:
    try:
        with path.open("rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError as exc:
        raise InputError(path, "file.cannot_read", reason=os_reason(exc)) from None


def _read_manifest(out_dir: Path) -> _Previous | None:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return _Previous(str(data["version"]), _entries(data["inputs"]), _entries(data["outputs"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # none yet, or unreadable or hand-edited: the case is regenerated


def _entries(items: Iterable[dict[str, Any]]) -> dict[str, str]:
    return {str(e["file"]): str(e["sha256"]) for e in items}


def _up_to_date(previous: _Previous, job: CaseJob) -> bool:
    if previous.version != __version__:
        return False
    if any(not (job.out_dir / name).is_file() for name in previous.outputs):
        return False  # someone deleted an output: make it again
    return previous.inputs == input_digests(job.folder)


def _remove_leftovers(out_dir: Path) -> bool:
    """Delete temp files a killed writer left; True if the folder still holds earlier outputs."""
    if not out_dir.is_dir():
        return False
    for tmp in out_dir.glob(".*.tmp"):  # write_atomically's ".<name>.<random>.tmp"
        tmp.unlink(missing_ok=True)
    return any(out_dir.iterdir())


def _write_bare_manifest(job: CaseJob) -> None:
    data = build_manifest(load_case(job.folder, defer=True), [], job.out_dir, job.generated_at)
    job.out_dir.mkdir(parents=True, exist_ok=True)
    write_atomically(job.out_dir / MANIFEST, data)


def _remove_stale(previous: _Previous | None, written: set[str], out_dir: Path) -> tuple[str, ...]:
    """Old outputs the new run did not write (e.g. a dispute letter after the verdict became
    `statement`): leaving them would contradict the new result. Only untouched files go."""
    removed: list[str] = []
    for name, sha in (previous.outputs.items() if previous else ()):
        path = out_dir / name
        if name not in written and path.is_file() and _sha256(path) == sha:
            path.unlink()
            removed.append(name)
    return tuple(removed)


# ----------------------------------------------------------------------------- summary


def carry_over(reports: Sequence[CaseReport], out_dir: Path) -> tuple[CaseReport, ...]:
    """Skipped cases are not re-checked: take their loans and verdicts from the last summary.json,
    and the documents they still need from the NEEDED_JSON beside it."""
    try:
        rows = {r["case"]: r for r in json.loads((out_dir / SUMMARY_JSON).read_text(encoding="utf-8"))["cases"]}
    except (OSError, ValueError, KeyError, TypeError):
        return tuple(reports)
    needed = _read_needed(out_dir)
    return tuple(_carried(r, rows.get(r.case), needed.get(r.case, ())) if r.status is Status.SKIPPED else r
                 for r in reports)


def _carried(report: CaseReport, row: dict[str, Any] | None, needed: tuple[tuple[str, str], ...]) -> CaseReport:
    if not row or row.get("status") not in (Status.DONE, Status.SKIPPED):
        return report
    try:
        verdicts = tuple((_label(v), str(v["verdict"])) for v in row["verdicts"])
        files = tuple((label.id, str(f)) for (label, _), v in zip(verdicts, row["verdicts"], strict=True)
                      for f in v.get("outputs", ()))
        return replace(report, loans=int(row["loans"]), verdicts=verdicts, needed=needed, loan_outputs=files)
    except (KeyError, TypeError, ValueError, AttributeError):
        return report


def _label(entry: dict[str, Any]) -> LoanLabel:
    """A loan as summary.json names it; one written before loans had ids names its lender only."""
    lender, contract, account = str(entry["lender"]), entry.get("contract_number"), entry.get("account_id")
    return LoanLabel(str(entry.get("loan", lender)), lender, str(entry.get("product", "")),
                     None if contract is None else str(contract), None if account is None else str(account),
                     str(entry.get("disbursed_on", "")))


def _loan_json(loan: LoanLabel) -> dict[str, Any]:
    return {"lender": loan.lender, "loan": loan.id, "product": loan.product, "contract_number": loan.contract_number,
            "account_id": loan.account_id, "disbursed_on": loan.disbursed_on}


def _read_needed(out_dir: Path) -> dict[str, tuple[tuple[str, str], ...]]:
    try:
        data = json.loads((out_dir / NEEDED_JSON).read_text(encoding="utf-8"))
        return {str(case): tuple((str(who), str(words)) for who, words in items) for case, items in data.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}  # none yet, or hand-edited: the sheet lists no documents for the skipped cases


def summary_row(report: CaseReport, message: Callable[[CaseReport], str] = lambda r: r.error) -> dict[str, Any]:
    row = asdict(report)
    del row["needed"]  # words for people, in summary.csv; summary.json keeps the codes scripts read
    del row["failure"]  # shown through `message`
    del row["loan_outputs"]  # each verdict lists its loan's files
    row.update(status=report.status.value, skipped=report.status is Status.SKIPPED, error=message(report),
               verdicts=[{**_loan_json(loan), "verdict": v,
                          "outputs": [f for who, f in report.loan_outputs if who == loan.id]}
                         for loan, v in report.verdicts],
               notices=[{"lender": loan.lender, "loan": loan.id, "notice": n} for loan, n in report.notices],
               missing=[{"lender": loan.lender, "loan": loan.id, "document": d} for loan, d in report.missing],
               ignored=[{"file": file, "reason": str(why)} for file, why in report.ignored])
    return row


def failure_text(report: CaseReport, lang: str | None = None) -> str:
    """A case's error as people read it, in `lang` (default: the user's language): on screen,
    on the web page and in the summary files."""
    if report.failure is not None:
        return report.failure.render(lang)
    if report.error == WORKER_DIED:
        return message("cli.worker_died").render(lang)
    if report.error_kind == "crash":
        return message("cli.worker_crashed", error=report.error).render(lang)
    return report.error


def write_summary(result: BatchResult, out_dir: Path, cases_dir: Path, lang: str = "zh") -> tuple[Path, ...]:
    """summary.json (everything, tracebacks included), summary.csv (UTF-8 with a BOM so that
    Excel shows the Chinese) and summary.xlsx, all written atomically. The CSV is the desk's sheet (generator/sheet.py)
    or, with lang "en", the English one line a case; the errors in all three read in `lang`, the
    sheet's language, whatever DISPUTE_LANG says."""

    def shown(report: CaseReport) -> str:
        return failure_text(report, lang)

    rows = [summary_row(r, shown) for r in result.reports]
    data = {"tool": "dispute", "version": __version__, "cases_dir": str(cases_dir.resolve()),
            "finished_at": datetime.now().isoformat(timespec="seconds"), "interrupted": result.interrupted,
            "seconds": result.seconds, "counts": {s.value: result.count(s) for s in Status}, "cases": rows}
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, csv_path = out_dir / SUMMARY_JSON, out_dir / SUMMARY_CSV
    write_atomically(json_path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    needed = {r.case: r.needed for r in result.reports if r.needed}
    write_atomically(out_dir / NEEDED_JSON, json.dumps(needed, ensure_ascii=False).encode("utf-8"))
    columns, lines = ((CSV_COLUMNS, _english_rows(rows)) if lang == "en"
                      else (COLUMNS, sheet_rows(result.reports, shown)))
    write_atomically(csv_path, _csv(columns, lines).encode("utf-8-sig"))
    write_atomically(out_dir / SUMMARY_XLSX, xlsx(columns, lines))
    return json_path, csv_path, out_dir / SUMMARY_XLSX


def _english_rows(rows: Sequence[dict[str, Any]]) -> list[list[Any]]:
    """The CSV as it was before the desk's sheet: one line a case, the JSON's codes."""
    return [[row["case"], row["status"], row["loans"], "; ".join(f"{v['lender']}: {v['verdict']}" for v in row["verdicts"]),
             "; ".join(row["outputs"]), row["error"], str(row["skipped"]).lower(), row["seconds"]] for row in rows]


def _csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()
