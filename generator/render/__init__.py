"""Letters for a checked case: one HTML content per letter, written as PDF and DOCX."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.errors import OutputExistsError
from generator.models import CaseResult, LoanResult, LoanVerdict
from generator.render.context import build_context
from generator.render.env import render_html

# recipient → (template, file-name stem); the stems are the names SPEC.md gives.
LETTERS = {"bureau": ("letters/bureau_dispute.html.j2", "征信异议申请书"),
           "lender": ("letters/lender_dispute.html.j2", "异议及更正申请")}
FORMATS = ("pdf", "docx")


@dataclass(frozen=True)
class PlannedLetter:
    path: Path
    recipient: str
    fmt: str
    loan: LoanResult


def safe_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_") or "lender"


def plan(result: CaseResult, out_dir: Path, recipients: Sequence[str], formats: Sequence[str]) -> list[PlannedLetter]:
    planned = []
    for lr in result.loans:
        if lr.verdict is not LoanVerdict.DISPUTE:
            continue  # a true record is never disputed, whatever was asked
        suffix = f"-{safe_name(lr.loan.contract_number)}" if _lender_repeats(result, lr) and lr.loan.contract_number else ""
        for recipient in recipients:
            stem = f"{LETTERS[recipient][1]}-{safe_name(lr.loan.lender)}{suffix}"
            planned.extend(PlannedLetter(out_dir / f"{stem}.{fmt}", recipient, fmt, lr) for fmt in formats)
    return planned


def _lender_repeats(result: CaseResult, lr: LoanResult) -> bool:
    return sum(other.loan.lender == lr.loan.lender for other in result.loans) > 1


def write_letters(result: CaseResult, planned: Sequence[PlannedLetter], letter_date: date, *,
                  force: bool) -> list[Path]:
    existing = [p.path for p in planned if p.path.exists()]
    if existing and not force:
        raise OutputExistsError(f"{existing[0]}: exists; use --force to overwrite")
    # Render every HTML first: a letter that cannot be rendered stops the run before any file is written.
    htmls = {(p.recipient, id(p.loan)): _html(result, p, letter_date) for p in planned}
    written = []
    for p in planned:
        p.path.parent.mkdir(parents=True, exist_ok=True)
        _writer(p.fmt)(htmls[(p.recipient, id(p.loan))], p.path)
        written.append(p.path)
    return written


def _html(result: CaseResult, p: PlannedLetter, letter_date: date) -> str:
    ctx = build_context(result, p.loan, letter_date)
    return render_html(LETTERS[p.recipient][0], ctx=ctx)


def _writer(fmt: str) -> Callable[[str, Path], None]:
    if fmt == "pdf":
        from generator.render.pdf import write_pdf
        return write_pdf
    from generator.render.docx import write_docx
    return write_docx
