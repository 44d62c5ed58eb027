"""Everything `generate` writes for a checked case, rendered in memory first and then written,
so that a case that cannot be rendered leaves no file behind.

Per loan: a `dispute` verdict gets the evidence bundle and the letters to the chosen recipients
(and a 授权委托书 when an agent files, a 征信投诉 when asked after an unanswered dispute); a
`statement` verdict gets a 个人声明 and never a dispute letter; the others get nothing but notices.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from generator.errors import OutputExistsError, RenderError
from generator.domain.terms import LoanLabel, loan_labels
from generator.models import CaseResult, LoanResult, LoanVerdict
from generator.paths import write_atomically
from generator.render.context import STATEMENT_LIMIT, LetterContext, build_context
from generator.render.env import render_html
from generator.render.exhibits import BundleLayout, BundlePlan, plan_exhibits

# recipient → (template, file-name stem); the stems are the names SPEC.md gives.
LETTERS = {"bureau": ("letters/bureau_dispute.html.j2", "征信异议申请书"),
           "lender": ("letters/lender_dispute.html.j2", "异议及更正申请"),
           "complaint": ("letters/complaint.html.j2", "征信投诉")}
STATEMENT = ("letters/personal_statement.html.j2", "个人声明")
AUTHORIZATION = ("letters/authorization.html.j2", "授权委托书")
BUNDLE_STEM = "证据材料"
FORMATS = ("pdf", "docx")


@dataclass(frozen=True)
class Output:
    path: Path
    data: bytes
    loan: str  # the loan's LoanLabel.id, for the summary


@dataclass(frozen=True)
class Options:
    recipients: Sequence[str] = ("lender", "bureau")
    formats: Sequence[str] = FORMATS
    letter_date: date = date(2000, 1, 1)
    keep_originals: bool = False
    statement_limit: int = STATEMENT_LIMIT


@dataclass
class Rendered:
    outputs: list[Output] = field(default_factory=list)
    notices: list[tuple[LoanLabel, str]] = field(default_factory=list)  # (loan, notice key)


def safe_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_") or "lender"


def render_case(result: CaseResult, out_dir: Path, options: Options) -> Rendered:
    rendered = Rendered()
    labels = loan_labels([lr.loan for lr in result.loans])
    for lr, label in zip(result.loans, labels, strict=True):
        stem, start = _stem(result, lr, label), len(rendered.outputs)
        if lr.verdict is LoanVerdict.DISPUTE:
            _dispute(result, lr, out_dir, stem, options, rendered)
        elif lr.verdict is LoanVerdict.STATEMENT:
            _statement(result, lr, out_dir, stem, options, rendered)
        if lr.verdict is not LoanVerdict.DISPUTE:
            rendered.notices.append((label, lr.verdict.value))
        rendered.outputs[start:] = [replace(o, loan=label.id) for o in rendered.outputs[start:]]
    return rendered


def write_outputs(outputs: Sequence[Output], *, force: bool) -> list[Path]:
    existing = [o.path for o in outputs if o.path.exists()]
    if existing and not force:
        raise OutputExistsError("output.file_exists", file=existing[0])
    for o in outputs:
        o.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(o.path, o.data)
    return [o.path for o in outputs]


def _stem(result: CaseResult, lr: LoanResult, label: LoanLabel) -> str:
    """A lender's name, and for a lender with two loans in the case the loan's id too (contract
    number, 账户标识 or position), so that the second loan's letters never overwrite the first's."""
    repeats = sum(other.loan.lender == lr.loan.lender for other in result.loans) > 1
    suffix = f"-{safe_name(label.id.removeprefix('#'))}" if repeats else ""
    return safe_name(lr.loan.lender) + suffix


def _dispute(result: CaseResult, lr: LoanResult, out_dir: Path, stem: str, options: Options,
             rendered: Rendered) -> None:
    plan = plan_exhibits(result, lr, options.letter_date, keep_originals=options.keep_originals)
    bundle, layout = _bundle(plan)
    ctx = build_context(result, lr, options.letter_date, plan, layout)
    if bundle is not None:
        rendered.outputs.append(Output(out_dir / f"{BUNDLE_STEM}-{stem}.pdf", bundle, ""))
    for recipient in options.recipients:
        if recipient == "complaint":
            ctx = _complaint(result, lr, ctx)
        _letter(LETTERS[recipient], ctx, out_dir, stem, options, rendered)
    if result.case.agent is not None:
        names = [r for r in options.recipients if r != "complaint"]
        _letter(AUTHORIZATION, ctx, out_dir, stem, options, rendered, recipients=names)


def _statement(result: CaseResult, lr: LoanResult, out_dir: Path, stem: str, options: Options,
               rendered: Rendered) -> None:
    plan = plan_exhibits(result, lr, options.letter_date)
    ctx = build_context(result, lr, options.letter_date, plan)
    text = _statement_text(ctx, options.statement_limit)
    _letter(STATEMENT, ctx, out_dir, stem, options, rendered, statement_text=text)


def _statement_text(ctx: LetterContext, limit: int) -> str:
    lr = ctx.loan_result
    cleared = lr.overdue_cleared_on
    if cleared is None:
        raise RenderError("statement.not_repaid")
    if ctx.letter_date < cleared:
        raise RenderError("statement.dated_before_repayment", date=ctx.letter_date.isoformat(),
                          repaid=cleared.isoformat())
    # A settlement after the letter date is not yet true on the day the statement is signed.
    repaid = lr.repaid_on if lr.repaid_on is not None and lr.repaid_on <= ctx.letter_date else None
    days = max((r.days_late or 0 for r in lr.late_installments), default=0)
    text = render_html("letters/statement_text.txt.j2", months=ctx.statement_months, lender=lr.loan.lender,
                       reason=lr.loan.statement_reason, max_days=days, cleared=cleared, repaid=repaid).strip()
    if len(text) > limit:
        raise RenderError("statement.too_long", length=len(text), limit=limit)
    return text


def _complaint(result: CaseResult, lr: LoanResult, ctx: LetterContext) -> LetterContext:
    from generator.render.complaint import complaint_target, respondents

    against = respondents(result.case.root, lr, ctx.letter_date)
    return replace(ctx, respondents=against, complaint_to=complaint_target(lr))


def _letter(spec: tuple[str, str], ctx: LetterContext, out_dir: Path, stem: str, options: Options,
            rendered: Rendered, **extra: object) -> None:
    template, name = spec
    html = render_html(template, ctx=ctx, **extra)
    for fmt in options.formats:
        rendered.outputs.append(Output(out_dir / f"{name}-{stem}.{fmt}", _renderer(fmt)(html), ""))


def _bundle(plan: BundlePlan) -> tuple[bytes | None, BundleLayout | None]:
    try:
        from generator.render.bundle import render_bundle
    except ImportError:  # the bundle writer lands separately; letters still cite exhibit pages
        return None, None
    return render_bundle(plan)


def _renderer(fmt: str) -> Callable[[str], bytes]:
    if fmt == "pdf":
        from generator.render.pdf import render_pdf
        return render_pdf
    from generator.render.docx import render_docx
    return render_docx
