"""The readable summary of `dispute check`: one installment table and one month table per loan."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from generator.models import CaseResult, LoanResult
from generator.money import format_cny

STATUS = {"on_time": "按时", "late": "逾期", "unpaid": "未见还款", "not_due": "未到期"}
VERDICT = {"contradicted": "与证据矛盾（可异议）", "consistent": "与证据一致", "insufficient": "证据不足"}
LOAN_VERDICT = {"dispute": "可以提出异议", "statement": "记录属实：可写个人声明，不应异议",
                "insufficient": "证据不足：请补充材料", "nothing_to_dispute": "没有需要异议的记录"}


def print_summary(result: CaseResult, console: Console | None = None) -> None:
    console = console or Console()
    console.print(f"[bold]案件 {result.case.name}[/]  借款人 {result.case.borrower.name}  核对日期 {result.as_of}")
    for st in result.statements:
        console.print(f"  文件 {st.file}: {st.provider}，{len(st.transactions)} 笔交易，余额链 {st.checks.get('balance_chain')}")
    for lr in result.loans:
        _print_loan(console, lr)
    console.print("本工具免费、在本地运行；提出异议无需任何中介或费用。")


def _print_loan(console: Console, lr: LoanResult) -> None:
    loan = lr.loan
    console.print(f"\n[bold]{loan.lender}[/] {loan.product} 合同 {loan.contract_number or '-'}"
                  f"{'（还款计划为按合同条款推算）' if lr.schedule_computed else ''}")
    table = Table("期", "应还日", "应还", "已还", "还款日", "状态", "证据")
    for r in lr.installments:
        table.add_row(str(r.installment.number), r.installment.due_date.isoformat(),
                      format_cny(r.installment.amount_due), format_cny(r.paid_amount),
                      r.paid_on.isoformat() if r.paid_on else "-",
                      STATUS[r.status.value] + (f" {r.days_late}天" if r.status.value == "late" else ""),
                      "; ".join(tx.source.location() for tx in r.payments))
    console.print(table)
    if lr.months:
        months = Table("月份", "报告", "证据允许", "结论", "理由")
        for m in lr.months:
            months.add_row(m.month, m.reported.status, "/".join(m.expected) or "-",
                           VERDICT[m.verdict.value], "; ".join(m.reasons))
        console.print(months)
    console.print(f"结论: [bold]{LOAN_VERDICT[lr.verdict.value]}[/]")
