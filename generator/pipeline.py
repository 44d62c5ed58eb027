"""One case from folder to results: load case.toml, parse its documents, reconcile."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.case import load_case
from generator.documents import Document
from generator.models import Case, CaseResult
from generator.parsers import parse_document
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
