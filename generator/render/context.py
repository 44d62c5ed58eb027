"""What a letter says, as data: exhibits, disputed items and cited facts. No I/O, no "now".

Every fact carries the citation of the exhibit page that proves it (and, when the bundle exists,
the bundle page that shows it); the templates refuse to render a fact without one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

from generator.domain.reasons import OfficialRecord
from generator.errors import RenderError
from generator.models import (AccountCheck, FilePlace, AccountField, AccountValue, Case, GridCode, CaseResult, InstallmentResult, LoanResult, MonthResult,
                              MonthVerdict, SourceRef, Timing, Transaction, YearMonth)
from generator.render.complaint import Respondent
from generator.render.exhibits import ISSUERS, BundleLayout, BundlePlan, ExhibitPlan
from generator.validate.match import payment_timing
from generator.validate.relief import POLICY, ReliefPolicy

# A 个人声明 is kept short (the 2005 rule's cap [unverified]); a setting, not law.
STATEMENT_LIMIT = 100


@dataclass(frozen=True)
class Citation:
    exhibit: int
    page: int | None
    row: int | None = None  # SourceRef.row, the layout's key; readers are told on_page or installment_no
    bundle_page: int | None = None
    on_page: int | None = None  # the row's place on its page, from the top (as the bundle's caption says)
    installment_no: int | None = None  # a schedule's row, by its 期数
    seq: str | None = None  # the row's own printed 序号: what a reader finds first where the statement has one
    place: FilePlace | None = None  # an export's row, as its file shows it (SourceRef.place)


class FactKind(StrEnum):
    LOAN = "loan"
    PAYMENT = "payment"
    SETTLEMENT = "settlement"


@dataclass(frozen=True)
class Fact:
    """One sentence of 事实与理由, in time order. `kind` picks the template's wording. A payment
    names its installment and its timing only when validate decided them: a payment whose
    installment is undecided (`timing` None) is stated as a payment, nothing more."""

    kind: FactKind
    on: date
    citation: Citation
    time: str | None = None
    amount: Decimal | None = None
    payee: str = ""
    bank: str = ""
    account_tail: str = ""
    installment: int | None = None
    due_date: date | None = None
    amount_due: Decimal | None = None
    timing: Timing | None = None
    days_after_due: int | None = None
    source: SourceRef | None = None
    # the payment is shown only by the holder's own export: the stamped record to be supplied
    official: OfficialRecord | None = None


class ItemKind(StrEnum):
    MONTH = "month"  # a month of the grid; the key is its YearMonth
    FIELD = "field"  # an account field; the key is its AccountField


class Ground(StrEnum):
    EVIDENCE = "evidence"  # the evidence contradicts the record
    RELIEF = "relief"  # a true record the one-time relief should have hidden by now


@dataclass(frozen=True)
class ItemValue:
    """One side of 报告显示 X，应为 Y, in the form its field takes."""

    code: str = ""  # a grid code, or 账户状态 as printed
    amount: Decimal | None = None
    on: date | None = None
    month: YearMonth | None = None  # the grid month a field's code is of (the grid's last month)


@dataclass(frozen=True)
class DisputedItem:
    """报告显示 X，应为 Y: a contradicted month or account field."""

    kind: ItemKind
    key: YearMonth | AccountField
    reported: ItemValue
    expected: ItemValue
    citation: Citation
    ground: Ground
    relief_date: date | None = None
    worst_case: bool = False  # `expected` is the most the evidence allows, not what it shows


@dataclass(frozen=True)
class LetterContext:
    case: Case
    loan_result: LoanResult
    letter_date: date
    exhibits: tuple[ExhibitPlan, ...]
    layout: BundleLayout | None
    disputed: tuple[DisputedItem, ...]
    facts: tuple[Fact, ...]
    report_citation: Citation
    report_number: str | None
    report_time: str | None
    statement_months: tuple[MonthResult, ...] = ()
    respondents: tuple[Respondent, ...] = ()  # whom a complaint is against, each with its own dispute
    complaint_to: str = ""  # the PBOC branch a complaint is addressed to
    relief: ReliefPolicy = POLICY  # the settings validate judged the relief by; a letter quotes them

    def exhibit_pages(self, number: int) -> tuple[int, int] | None:
        return self.layout.exhibit_pages.get(number) if self.layout else None


def build_context(result: CaseResult, lr: LoanResult, letter_date: date, plan: BundlePlan,
                  layout: BundleLayout | None = None) -> LetterContext:
    number, time = _report_identity(result)
    cite = _Citer(plan, layout)
    report_cite = cite.report(None)
    disputed = tuple(_month_item(m, cite) for m in lr.months if m.verdict is MonthVerdict.CONTRADICTED)
    disputed += tuple(_field_item(c, cite) for c in lr.account_checks if c.verdict is MonthVerdict.CONTRADICTED)
    facts = sorted(_facts(result, lr, cite, disputed), key=lambda f: (f.on, f.time or ""))
    return LetterContext(result.case, lr, letter_date, plan.exhibits, layout, disputed, tuple(facts), report_cite,
                         number, time, lr.true_overdue_months)


def _report_identity(result: CaseResult) -> tuple[str | None, str | None]:
    from generator.documents import CreditReport

    report = next((d for d in result.documents if isinstance(d, CreditReport)), None)
    if report is not None and report.report_number:
        return report.report_number, report.report_time
    if result.case.report is not None:
        return result.case.report.report_number, result.case.report.report_time
    return None, None


class _Citer:
    """Citations name the places the bundle shows: the plan's cited rows (their page, their row as
    counted on that page) and, once the bundle is laid out, the bundle page of each one's excerpt."""

    def __init__(self, plan: BundlePlan, layout: BundleLayout | None) -> None:
        self.numbers = {e.file: e.number for e in plan.exhibits if e.file}
        self.rows = {(e.number, c.source): c for e in plan.exhibits for c in e.cited if c.source is not None}
        self.cells = {c.cell.month: c for e in plan.exhibits if e.number == 1 for c in e.cited if c.cell}
        self.layout = layout

    def source(self, src: SourceRef) -> Citation:
        number = self.numbers.get(src.file)
        if number is None:
            raise RenderError("bundle.row_without_exhibit", location=src.location())
        row = self.rows.get((number, src))
        return self._with_bundle(Citation(number, src.page, src.row, None, row.on_page if row else None,
                                          row.installment_no if row else None, src.seq, src.place), src)

    def report(self, page: int | None) -> Citation:
        return self._with_bundle(Citation(1, page))

    def month(self, m: MonthResult) -> Citation:
        """A disputed month: its cell in its own account's grid, else the page the check names."""
        cell = self.cells.get(m.month)
        if cell is None or cell.source is None:
            return self.report(m.reported.page)
        return self._with_bundle(Citation(1, cell.page, cell.row), cell.source)

    def _with_bundle(self, c: Citation, src: SourceRef | None = None) -> Citation:
        if self.layout is None:
            return c
        page = self.layout.source_pages.get(src) if src is not None else None
        page = page or self.layout.excerpt_pages.get((c.exhibit, c.page or 0, c.row or 0))
        if page is None and c.row is None:  # a report cell is cited by page: its excerpt shows it
            page = next((p for (e, pg, _), p in sorted(self.layout.excerpt_pages.items())
                         if e == c.exhibit and pg == c.page), None)
        if page is None and c.page is not None:
            page = self.layout.original_pages.get((c.exhibit, c.page))
        return replace(c, bundle_page=page)


def _month_item(m: MonthResult, cite: _Citer) -> DisputedItem:
    return DisputedItem(ItemKind.MONTH, m.month, ItemValue(m.reported.status, m.reported.overdue_amount),
                        ItemValue(m.expected[0], m.expected_overdue), cite.month(m),
                        Ground.RELIEF if m.relief_ground else Ground.EVIDENCE, m.relief_hidden_by, m.worst_case)


def _field_item(c: AccountCheck, cite: _Citer) -> DisputedItem:
    return DisputedItem(ItemKind.FIELD, c.field, _value(c.reported), _value(c.expected), cite.report(None),
                        Ground.EVIDENCE)


def _value(v: AccountValue | None) -> ItemValue:
    if isinstance(v, GridCode):
        return ItemValue(v.status, month=v.month)
    if isinstance(v, Decimal):
        return ItemValue(amount=v)
    if isinstance(v, date):
        return ItemValue(on=v)
    return ItemValue(v or "")


def _facts(result: CaseResult, lr: LoanResult, cite: _Citer, disputed: Sequence[DisputedItem]) -> list[Fact]:
    loan = lr.loan
    facts = [Fact(FactKind.LOAN, loan.disbursed_on, cite.report(None), amount=loan.principal, payee=loan.lender)]
    months = {d.key for d in disputed if isinstance(d.key, YearMonth) and d.ground is Ground.EVIDENCE}
    for r in _installments_for(months, lr.installments):
        facts.extend(_payment(tx, r, lr, cite, result) for tx in r.payments)
    if lr.settled_on is not None and lr.settlement_source is not None and any(d.kind is ItemKind.FIELD for d in disputed):
        facts.append(Fact(FactKind.SETTLEMENT, lr.settled_on, cite.source(lr.settlement_source), payee=loan.lender))
    if any(d.ground is Ground.RELIEF for d in disputed):
        facts.extend(_relief_payments(lr, cite, result, disputed))
    return _once(facts)


def _once(facts: Sequence[Fact]) -> list[Fact]:
    """Each fact once: a payment stated against one installment is not stated again without one
    (a payment shared by a decided and an undecided installment)."""
    named = {f.source for f in facts if f.kind is FactKind.PAYMENT and f.timing is not None}
    return list(dict.fromkeys(f for f in facts
                              if f.kind is not FactKind.PAYMENT or f.timing is not None or f.source not in named))


def _installments_for(months: set[YearMonth], results: Sequence[InstallmentResult]) -> list[InstallmentResult]:
    """The installments a month's code is about: those due in it, else the last one due before."""
    out: list[InstallmentResult] = []
    for month in sorted(months):
        in_month = [r for r in results if YearMonth.of(r.installment.due_date) == month]
        out.extend(in_month or [r for r in results if YearMonth.of(r.installment.due_date) < month][-1:])
    return list(dict.fromkeys(out))


def _relief_payments(lr: LoanResult, cite: _Citer, result: CaseResult, disputed: Sequence[DisputedItem]) -> list[Fact]:
    months = {d.key for d in disputed if isinstance(d.key, YearMonth) and d.ground is Ground.RELIEF}
    late = [r for r in _installments_for(months, lr.installments) if r.paid_on is not None and r.undecided is None]
    return [_payment(tx, r, lr, cite, result) for r in late for tx in r.payments]


def _payment(tx: Transaction, r: InstallmentResult, lr: LoanResult, cite: _Citer, result: CaseResult) -> Fact:
    doc = next((d for d in result.documents if getattr(d, "file", None) == tx.source.file), None)
    provider = getattr(doc, "provider", "")
    account = getattr(doc, "account_number", None) or ""
    official = next((m for m in lr.missing if isinstance(m, OfficialRecord) and m.file == tx.source.file
                     and m.on == tx.date), None)
    fact = Fact(FactKind.PAYMENT, tx.date, cite.source(tx.source), tx.time, -tx.amount, tx.counterparty or tx.description,
                ISSUERS.get(provider, provider), account[-4:] if len(account) >= 4 else "", source=tx.source,
                official=official)
    if r.undecided is not None:  # which installment it paid is the allocation's guess, and so is its lateness
        return fact
    inst = r.installment
    return replace(fact, installment=inst.number, due_date=inst.due_date, amount_due=inst.amount_due,
                   timing=payment_timing(tx.date, inst, lr.loan.grace_days), days_after_due=(tx.date - inst.due_date).days)
