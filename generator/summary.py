"""The readable summary of `dispute check`: one installment table and one month table per loan."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from generator.messages import describe_undecided
from generator.models import (AccountValue, AmountAbove, CaseResult, CodeOutside, GridCode, InstallmentResult,
                              LoanResult, MissingDocument, MonthReason, NoPaymentFound, PlatformProof,
                              ReliefStillShown, RepaymentRecord, StatementCovering)
from generator.domain.reasons import OfficialRecord
from generator.domain.terms import LoanLabel
from generator.money import format_cny
from generator.models import AccountCheck, Finding, MonthResult, PlaceKind, SourceRef, Statement

STATUS = {"on_time": "按时", "late": "逾期", "unpaid": "未见还款", "not_due": "未到期"}
UNDECIDED = "待定"
VERDICT = {"contradicted": "与证据矛盾（可异议）", "consistent": "与证据一致", "insufficient": "证据不足"}
LOAN_VERDICT = {"dispute": "可以提出异议", "statement": "记录属实：可写个人声明，不应异议",
                "insufficient": "证据不足：请补充材料", "nothing_to_dispute": "没有需要异议的记录"}


REASONS = {
    "more_favourable": "报告比证据显示的情况更有利",
    "code_outside": "报告状态为 {0}，证据只允许 {1}",
    "amount_above": "报告逾期金额 {0}，证据显示 {1}",
    "relief_still_shown": "符合一次性信用修复条件，应于 {0} 前不再展示，{1} 的报告仍在展示",
    "no_payment_found": "未找到第 {0} 期（应还日 {1}）的还款",
    "payments_incomplete": "找到的还款不足以覆盖还款计划，缺少某笔还款的证据",
    "open_after_settlement": "结清后账户仍未关闭",
    "overdue_after_settlement": "结清后仍有逾期金额",
    "balance_after_settlement": "结清后仍有余额",
    "not_closed_in_grid": "结清后还款记录未以 C 结束",
    "closed_on_differs": "账户关闭日期与结清日期不符",
}


def describe_reason(r: MonthReason) -> str:
    text = REASONS[r.code.value]
    match r:
        case CodeOutside():
            return text.format(r.reported, "/".join(r.allowed))
        case AmountAbove():
            return text.format(r.reported, r.allowed)
        case ReliefStillShown():
            return text.format(r.hidden_by.isoformat(), r.report_date.isoformat())
        case NoPaymentFound():
            return text.format(r.installment_no, r.due_date.isoformat())
    return text


INSTALLMENT_COLUMNS = ("期", "应还日", "应还", "已还", "还款日", "状态", "证据")
MONTH_COLUMNS = ("月份", "报告", "证据允许", "结论", "理由")
NEEDED = "需补充"
HOW_TO_GET = "如何取得这些材料：见 docs/documents.md"
FREE_AND_LOCAL = "本工具免费、在本地运行；提出异议无需任何中介或费用。"


# The lines and rows below are what `dispute check` shows; `dispute serve` shows the same ones
# (generator/web), so that the page and the terminal never word a result differently.


def case_heading(result: CaseResult) -> str:
    return f"案件 {result.case.name}  借款人 {result.case.borrower.name}  核对日期 {result.as_of}"


def statement_line(st: Statement) -> str:
    return f"文件 {st.file}: {st.provider}，{len(st.transactions)} 笔交易，余额链 {st.checks.get('balance_chain')}"


def loan_heading(lr: LoanResult) -> str:
    loan = lr.loan
    # Without a contract number, what else tells this loan from another of the same lender.
    other = "" if loan.contract_number else f"{f' 账户 {loan.account_id}' if loan.account_id else ''} {loan.disbursed_on} 借款"
    return (f"{loan.lender} {loan.product} 合同 {loan.contract_number or '-'}{other}"
            f"{'（还款计划为按合同条款推算）' if lr.schedule_computed else ''}")


def loan_names(loans: Sequence[LoanLabel]) -> dict[LoanLabel, str]:
    """Each loan's lender, and for a lender that lent twice in the case which of its loans."""
    lenders = [loan.lender for loan in loans]
    return {loan: f"{loan.lender}（{loan_detail(loan)}）" if lenders.count(loan.lender) > 1 else loan.lender
            for loan in loans}


def loan_detail(loan: LoanLabel) -> str:
    """What tells one loan of a lender from its other: product, contract number or 账户标识, 借款日期."""
    parts = [loan.product,
             f"合同 {loan.contract_number}" if loan.contract_number else (f"账户 {loan.account_id}" if loan.account_id else ""),
             f"{loan.disbursed_on} 借款" if loan.disbursed_on else ""]
    return " ".join(p for p in parts if p)


def undecided_notes(lr: LoanResult) -> list[str]:
    notes = []
    for why in dict.fromkeys(r.undecided for r in lr.installments if r.undecided):
        numbers = [r.installment.number for r in lr.installments if r.undecided == why]
        notes.append(f"{_span(numbers)}{UNDECIDED}：{describe_undecided(why)}。")
    return notes


def month_row(m: MonthResult) -> tuple[str, ...]:
    return (str(m.month), m.reported.status, "/".join(m.expected) or "-", VERDICT[m.verdict.value],
            "；".join(describe_reason(r) for r in m.reasons))


def account_line(c: AccountCheck) -> str:
    return f"账户 {c.field}: 报告 {_field_value(c.reported)}，应为 {_field_value(c.expected)}（{REASONS[c.reason.value]}）"


def _field_value(value: AccountValue | None) -> str:
    if value is None or isinstance(value, str):
        return value or "-"
    if isinstance(value, Decimal):
        return format_cny(value)
    if isinstance(value, GridCode):
        return f"{value.month} {value.status}"
    return value.isoformat()


def source_text(src: SourceRef) -> str:
    """Where a cited row is: ``流水.pdf p3r12``; an export's as its file shows it (the letters say
    the same in letters/_macros.html.j2 place())."""
    p = src.place
    if p is None:
        return f"{src.file} p{src.page}r{src.row}"
    if p.kind is PlaceKind.LINE:
        return f"{src.file} 第{p.number}行"
    if p.kind is PlaceKind.SHEET_ROW:
        return f"{src.file} 工作表“{p.sheet}”第{p.number}行" if p.sheet else f"{src.file} 第{p.number}行"
    return f"{src.file} {f'第{p.table}个表格' if p.table > 1 else '表格'}第{p.number}行"


# What a statement's self-checks noticed (Finding.kind), as `dispute parse` shows it. The parsers
# write Finding.message in English (logs, tests, --json); an unknown kind is shown as written.
NOTES = {
    "void_rows": "以下交易已关闭或失败，没有发生资金往来，未计入：{0}",
    "sheet_not_read": "{0} 的工作表“{1}”没有与工作表“{2}”相同的表头，未读取",
    "balance_chain_failed": "余额不连续：{0} 的余额不等于上一笔余额加本笔金额",
    "same_day_reordered": "同一天的交易调整顺序后余额才连续：{0}",
    "row_sequence_broken": "序号不连续（有记录缺失、重复或无法识别）：{0}",
    "printed_totals_failed": "文件所印{0}{1}，与各行合计（{2}）不符",
}
_PRINTED = re.compile(r"printed (?P<flow>\S+) (?P<said>.+), but the rows give (?P<found>.+)$")


def describe_finding(f: Finding) -> str:
    text = NOTES.get(f.kind)
    places = "、".join(source_text(src) for src in f.sources[:5]) + (f" 等{len(f.sources)}笔" if len(f.sources) > 5 else "")
    if f.kind == "void_rows" and len(f.values) == len(f.sources):
        places = "、".join(f"{source_text(src)}（{status}）" for src, status in zip(f.sources[:5], f.values))
        places += f" 等{len(f.sources)}笔" if len(f.sources) > 5 else ""
    if text is None or (not f.sources and f.kind not in ("sheet_not_read", "printed_totals_failed")):
        return f.message
    if f.kind == "sheet_not_read":
        return text.format(*f.values) if len(f.values) == 3 else f.message
    if f.kind == "printed_totals_failed":
        m = _PRINTED.search(f.message)
        flow = "" if m is None or m["flow"] == "全部" else m["flow"]
        return text.format(flow, m["said"], m["found"]) if m else f.message
    return text.format(places)


def installment_row(r: InstallmentResult) -> tuple[str, ...]:
    """An undecided installment shows neither an amount paid nor a status: both would be the
    allocation's guess presented as fact."""
    inst = r.installment
    evidence = "; ".join(source_text(tx.source) for tx in r.payments)
    if r.undecided is not None:
        return str(inst.number), inst.due_date.isoformat(), format_cny(inst.amount_due), "-", "-", UNDECIDED, evidence
    if r.by_settlement:
        return (str(inst.number), inst.due_date.isoformat(), format_cny(inst.amount_due), "-",
                r.paid_on.isoformat() if r.paid_on else "-", BY_SETTLEMENT, evidence)
    return (str(inst.number), inst.due_date.isoformat(), format_cny(inst.amount_due), format_cny(r.paid_amount),
            r.paid_on.isoformat() if r.paid_on else "-",
            STATUS[r.status.value] + (f" {r.days_late}天" if r.status.value == "late" else ""), evidence)


def _span(numbers: list[int]) -> str:
    if len(numbers) > 1 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"第{numbers[0]}–{numbers[-1]}期"
    return "、".join(f"第{n}期" for n in numbers)


BY_SETTLEMENT = "随提前结清还清"
NOTICE = {
    "statement": "记录属实：已生成个人声明（可依《征信业管理条例》第十六条申请记载），不应提出异议。",
    "insufficient": "证据不足：未生成异议申请书。请先补充下列材料：",
    "nothing_to_dispute": "报告中没有需要异议的逾期记录，未生成文件。",
}
MISSING = {
    "credit_report": "个人信用报告（详版）PDF",
    "detailed_credit_report": "个人信用报告详版（简版没有逐月记录）",
    "statement": "还款所用账户的流水",
    "platform_proof": "支付宝/微信支付交易流水证明（对应日期 {0}，金额 {1}）",
    "statement_covering": "覆盖 {0} 的还款账户流水",
    "repayment_record": "贷款机构出具的还款记录（第 {0} 期），或该期还款所用账户的流水",
    "official_record": "{0}（对应日期 {1}，金额 {2}）：这笔还款目前只见于自行导出的交易明细 {3}，没有盖章，请补充正式证明",
}
# Where the stamped record of a payment seen only in an export is asked for (OfficialRecord).
OFFICIAL_RECORD = {
    "alipay": "支付宝交易流水证明（支付宝 App：我的 → 账单 → 右上角“…” → 开具交易流水证明 → 用于证明材料）",
    "wechat": "微信支付交易明细证明（微信：我 → 服务 → 钱包 → 账单 → 常见问题 → 下载账单 → 用于证明材料）",
}
BANK_RECORD = "开户银行盖章的账户交易流水（银行柜台或手机银行申请开具）"


def describe_missing(d: MissingDocument) -> str:
    text = MISSING[d.kind.value]
    match d:
        case PlatformProof():
            return text.format(d.on.isoformat(), d.amount)
        case StatementCovering():
            return text.format(d.on.isoformat())
        case RepaymentRecord():
            return text.format(d.installment_no)
        case OfficialRecord():
            return text.format(OFFICIAL_RECORD.get(d.provider, BANK_RECORD), d.on.isoformat(), d.amount, d.file)
    return text


NO_AGENTS = ("本工具免费、在本地运行，不会删除或“修复”任何记录；提出异议无需任何中介或费用。"
             "请勿把信用报告、身份证件交给收费“征信修复”中介。")
