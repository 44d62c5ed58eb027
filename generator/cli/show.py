"""What `dispute check` and `dispute generate` print: the summary's tables and lines (their words
are generator/summary.py's, which the web page shows too)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from generator.domain.reasons import OfficialRecord
from generator.models import CaseResult, LoanResult
from generator.pipeline import CaseOutcome
from generator.summary import (FREE_AND_LOCAL, HOW_TO_GET, INSTALLMENT_COLUMNS, LOAN_VERDICT, MONTH_COLUMNS, NEEDED,
                               NO_AGENTS, NOTICE, account_line, case_heading, describe_missing, installment_row,
                               loan_heading, loan_names, month_row, statement_line, undecided_notes)


def print_summary(result: CaseResult, console: Console | None = None) -> None:
    console = console or Console()
    console.print(case_heading(result), style="bold")
    for st in result.statements:
        console.print(f"  {statement_line(st)}")
    for lr in result.loans:
        _print_loan(console, lr)
    console.print(FREE_AND_LOCAL)


def _print_loan(console: Console, lr: LoanResult) -> None:
    loan = lr.loan
    console.print(f"\n[bold]{loan.lender}[/]{loan_heading(lr).removeprefix(loan.lender)}")
    table = Table(*INSTALLMENT_COLUMNS)
    for r in lr.installments:
        table.add_row(*installment_row(r))
    console.print(table)
    for note in undecided_notes(lr):
        console.print(note, soft_wrap=True)
    if lr.months:
        months = Table(*MONTH_COLUMNS)
        for m in lr.months:
            months.add_row(*month_row(m))
        console.print(months)
    for c in lr.account_checks:
        console.print(account_line(c))
    for key in lr.missing:
        console.print(f"  {NEEDED}: {describe_missing(key)}")
    if lr.missing:
        console.print(f"  {HOW_TO_GET}")
    console.print(f"结论: [bold]{LOAN_VERDICT[lr.verdict.value]}[/]")


def print_outcome(outcome: CaseOutcome, console: Console | None = None) -> None:
    console = console or Console(soft_wrap=True)
    loan_name = loan_names([loan for loan, _ in outcome.verdicts]).__getitem__
    for loan, notice in outcome.notices:
        console.print(f"{loan_name(loan)}: {NOTICE.get(notice, notice)}")
        if notice == "insufficient":
            for key in (k for who, k in outcome.missing if who == loan):
                console.print(f"  - {describe_missing(key)}")
    told = {loan for loan, notice in outcome.notices if notice == "insufficient"}
    for loan, key in outcome.missing:
        if isinstance(key, OfficialRecord) and loan not in told:
            console.print(f"{loan_name(loan)}: {NEEDED}: {describe_missing(key)}")
    for path in outcome.outputs:
        console.print(f"已生成 {path}")
    console.print(NO_AGENTS)
