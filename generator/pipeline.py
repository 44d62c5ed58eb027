"""One case from folder to results: load case.toml, parse its documents, reconcile."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from generator.case import load_case
from generator.documents import Document
from generator.models import Case, CaseResult
from generator.parsers import parse_document
from generator.manifest import MANIFEST, build_manifest
from generator.render import Options, Output, render_case, write_outputs
from generator.resolve import resolve_case
from generator.validate import check_case


def case_documents(case: Case) -> list[Document]:
    """Parse every document of the case, in file-name order."""
    report_file = case.report.file if case.report else None
    out: list[Document] = []
    for path in case.documents:
        label = path.relative_to(case.root).as_posix()
        if label == report_file:
            continue
        out.append(parse_document(path, label=label, password=case.passwords.get(label)))
    return out


def run_check(folder: Path, as_of: date) -> CaseResult:
    case = load_case(folder, defer=True)
    documents = case_documents(case)
    return check_case(resolve_case(case, documents), documents, as_of)


@dataclass(frozen=True)
class CaseOutcome:
    """What one `generate` run did for one case: plain data, so it crosses process boundaries."""

    case: str
    verdicts: tuple[tuple[str, str], ...]  # (lender, verdict)
    outputs: tuple[str, ...]
    notices: tuple[tuple[str, str], ...]
    missing: tuple[tuple[str, str], ...]  # (lender, missing-document key)


def generate_case(folder: Path, out_dir: Path, options: Options, *, force: bool,
                  generated_at: datetime) -> CaseOutcome:
    """Check one case and write its documents and manifest.json; nothing is written unless every
    output rendered. Raises DisputeError for bad input."""
    result = run_check(folder, options.letter_date)
    rendered = render_case(result, out_dir, options)
    outputs = rendered.outputs
    if outputs:
        manifest = build_manifest(result.case, [(o.path, o.data) for o in outputs], out_dir, generated_at)
        outputs = [*outputs, Output(out_dir / MANIFEST, manifest, "")]
    written = write_outputs(outputs, force=force)
    return CaseOutcome(result.case.name, tuple((lr.loan.lender, lr.verdict.value) for lr in result.loans),
                       tuple(str(p) for p in written), tuple(rendered.notices),
                       tuple((lr.loan.lender, key) for lr in result.loans for key in lr.missing))
