"""One case from folder to results: load case.toml, parse its documents, reconcile."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.case import load_case
from generator.models import Case, CaseResult, Statement
from generator.parsers import parse_document
from generator.validate import check_case


def case_statements(case: Case) -> list[Statement]:
    """Parse every document of the case; the credit report named in [report] is evidence, not a statement."""
    report_file = case.report.file if case.report else None
    out = []
    for path in case.documents:
        label = path.relative_to(case.root).as_posix()
        if label == report_file:
            continue
        out.append(parse_document(path, label=label, password=case.passwords.get(label)))
    return out


def run_check(folder: Path, as_of: date) -> CaseResult:
    case = load_case(folder)
    return check_case(case, case_statements(case), as_of)
