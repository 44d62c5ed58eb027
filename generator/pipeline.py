"""One case from folder to results: load case.toml, parse its documents, reconcile."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from generator.case import DEFAULT_OUT, load_case
from generator.documents import Document
from generator.domain.terms import LoanLabel, loan_labels
from generator.catalogue import Message, message
from generator.errors import DocumentErrors, InputError, OutputError, UnrecognizedDocument
from generator.models import Case, CaseResult, MissingDocument
from generator.parsers import parse_documents
from generator.manifest import MANIFEST, build_manifest, evidence
from generator.paths import output_lock, publish
from generator.render import Options, Output, render_case
from generator.resolve import resolve_case
from generator.validate import check_case

@dataclass(frozen=True)
class Checked:
    result: CaseResult
    ignored: tuple[tuple[str, Message], ...]  # (file, why): PDFs no reader recognised, left out


def case_documents(case: Case) -> tuple[list[Document], list[tuple[str, Message]]]:
    """Parse every document of the case, in file-name order (each member of a ZIP archive in
    turn). A document no reader recognises (a loan contract, say) is left out and returned with
    the reason; any other bad file is an error, and every one is named (DocumentErrors), not just
    the first."""
    report_file = case.report.file if case.report else None
    out: list[Document] = []
    ignored: list[tuple[str, Message]] = []
    bad: list[InputError] = []
    for path in evidence(case.root, case.documents):
        label = path.relative_to(case.root).as_posix()
        for parsed in parse_documents(path, label=label, password=case.passwords.get(label)):
            if isinstance(parsed, UnrecognizedDocument):
                if label != report_file:
                    ignored.append((parsed.location(), message("case.skipped", problem=parsed.msg)))
            elif isinstance(parsed, InputError):
                if label != report_file:  # the declared report may be a scan: case.toml gives what it says
                    bad.append(parsed)
            else:
                out.append(parsed)
    if len(bad) > 1:
        raise DocumentErrors(case.root, bad)
    if bad:
        raise bad[0]
    return out, ignored


def check_folder(folder: Path, as_of: date) -> Checked:
    case = load_case(folder, defer=True)
    documents, ignored = case_documents(case)
    return Checked(check_case(resolve_case(case, documents), documents, as_of), tuple(ignored))


def run_check(folder: Path, as_of: date) -> CaseResult:
    return check_folder(folder, as_of).result


@dataclass(frozen=True)
class CaseOutcome:
    """What one `generate` run did for one case: plain data, so it crosses process boundaries."""

    case: str
    verdicts: tuple[tuple[LoanLabel, str], ...]  # (loan, verdict), one per loan in case.toml's order
    outputs: tuple[str, ...]
    notices: tuple[tuple[LoanLabel, str], ...]
    missing: tuple[tuple[LoanLabel, MissingDocument], ...]  # (loan, document)
    ignored: tuple[tuple[str, Message], ...] = ()  # (file, why) documents left out
    loan_outputs: tuple[tuple[str, str], ...] = ()  # (LoanLabel.id, path) of each loan's own files


def generate_case(folder: Path, out_dir: Path, options: Options, *, force: bool,
                  generated_at: datetime) -> CaseOutcome:
    """Check one case and write its documents and manifest.json. Nothing appears under a final
    name unless every output rendered and was written (paths.publish), and only one run writes
    into an output folder at a time. Raises DisputeError for bad input."""
    load_case(folder, defer=True)  # a folder that is no case fails before the output side is touched
    check_out_dir(folder, out_dir)
    with output_lock(out_dir):
        checked = check_folder(folder, options.letter_date)
        result = checked.result
        rendered = render_case(result, out_dir, options)
        outputs = rendered.outputs
        if outputs:
            manifest = build_manifest(result.case, [(o.path, o.data) for o in outputs], out_dir, generated_at)
            outputs = [*outputs, Output(out_dir / MANIFEST, manifest, "")]
        existing = [o.path for o in outputs if o.path.exists()]
        if existing and not force:
            raise OutputError(existing[0], "output.exists")
        publish(out_dir, [(o.path, o.data) for o in outputs])
    labels = loan_labels([lr.loan for lr in result.loans])
    loans = list(zip(labels, result.loans, strict=True))
    return CaseOutcome(result.case.name, tuple((label, lr.verdict.value) for label, lr in loans),
                       tuple(str(o.path) for o in outputs), tuple(rendered.notices),
                       tuple((label, key) for label, lr in loans for key in lr.missing), checked.ignored,
                       tuple((o.loan, str(o.path)) for o in outputs if o.loan))


def check_out_dir(case_dir: Path, out_dir: Path) -> None:
    """The output folder is a folder (or not there yet) and not inside the case, where the next
    `check` would read the letters as documents; the default CASE_DIR/out is never read."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(out_dir, "output.not_folder")
    case, out = case_dir.resolve(), out_dir.resolve()
    if out.is_relative_to(case) and not out.is_relative_to(case / DEFAULT_OUT):
        raise OutputError(out_dir, "output.inside_case", default=case_dir / DEFAULT_OUT)
