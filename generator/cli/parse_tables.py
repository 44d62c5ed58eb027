"""What `dispute parse` prints without --json: a few heading lines and a table for every kind of
document, readable at 80 columns. Names and descriptions wrap inside their cell and are never cut:
whoever runs `parse` is checking what was read, and "北京三快在线科 …" hides exactly that."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from generator.documents import CreditAccount, CreditReport, Document, RepaymentSchedule, SettlementCertificate
from generator.domain.values import SourceRef
from generator.models import Finding, Statement
from generator.money import format_cny

NONE = "-"
MONTHS = tuple(str(m) for m in range(1, 13))
# What a 结清证明 states, in the words such certificates use.
SETTLEMENT_FIELDS = ("贷款机构", "借款人", "证件号码", "合同编号", "借款本金", "本金大写", "放款日期", "结清日期",
                     "出具日期")


def print_document(doc: Document, console: Console) -> None:
    for part in document_parts(doc, console.width):
        console.print(part)


def document_parts(doc: Document, width: int = 80) -> list[RenderableType]:
    match doc:
        case Statement():
            return statement_parts(doc)
        case CreditReport():
            return report_parts(doc)
        case SettlementCertificate():
            return settlement_parts(doc)
        case RepaymentSchedule():
            return schedule_parts(doc, width)


def statement_parts(st: Statement) -> list[RenderableType]:
    checks = "  ".join(f"{k}={v}" for k, v in st.checks.items())
    balances = any(tx.balance is not None for tx in st.transactions)  # 支付宝/微信 print none
    table = _table("位置", "日期", "金额", *(("余额",) if balances else ()), "对方", "摘要")
    for tx in st.transactions:
        _add_row(table, _place(tx.source), tx.date.isoformat(), format_cny(tx.amount),
                      *((_money(tx.balance),) if balances else ()), tx.counterparty, tx.description)
    return [*_heading(st, f"户名 {st.account_holder or NONE}  账号 {st.account_number or NONE}", f"自检 {checks}"),
            table, *(Text.assemble(("注意 ", "yellow"), _note(f)) for f in st.findings)]


def report_parts(report: CreditReport) -> list[RenderableType]:
    parts: list[RenderableType] = [*_heading(
        report, f"报告编号 {report.report_number or NONE}  报告时间 {report.report_time or NONE}",
        f"姓名 {report.subject_name or NONE}  证件 {' '.join(filter(None, (report.id_type, report.id_number))) or NONE}")]
    if not report.accounts:
        return [*parts, _line("报告中没有贷款或信用卡账户。")]
    accounts = _table("账户", "管理机构", "业务种类", "开立 / 关闭", "借款金额", "状态")
    for a in report.accounts:
        dates = _date(a.opened_on) + (f"\n{_date(a.closed_on)}" if a.closed_on else "")  # one column: 80 wide
        _add_row(accounts, _account_name(a), a.institution, a.account_type or NONE, dates, _money(a.loan_amount),
                         a.status or NONE)
    parts.append(accounts)
    for a in report.accounts:
        parts += _account_detail(a)
    if report.version == "summary":
        parts.append(_line("简版报告没有逐月还款记录。"))
    return parts


def settlement_parts(cert: SettlementCertificate) -> list[RenderableType]:
    s = cert.settlement
    values = (s.lender, s.borrower, s.id_number, s.contract_number, _money(s.principal), s.principal_uppercase,
              _date(s.disbursed_on), _date(s.settled_on), _date(s.issued_on))
    table = _table("项目", "内容")
    for name, value in zip(SETTLEMENT_FIELDS, values, strict=True):
        _add_row(table, name, value or NONE)
    return [*_heading(cert, f"位置 {_place(s.source)}"), table]


def schedule_parts(schedule: RepaymentSchedule, width: int = 80) -> list[RenderableType]:
    lines = f"贷款机构 {schedule.lender or NONE}  合同编号 {schedule.contract_number or NONE}"
    # A part the document does not print (a plan without fees) gets no column; the parts share one
    # column, a line each, when their own columns would not fit.
    parts = [(name, field) for name, field in (("本金", "principal"), ("利息", "interest"), ("费用", "fees"))
             if any(getattr(r, field) is not None for r in schedule.installments)]
    table = _schedule_table(schedule, parts, merged=False)
    if Console(width=10 * width).measure(table).minimum > width:  # some word or amount would be split
        table = _schedule_table(schedule, parts, merged=True)
    return [*_heading(schedule, lines), table]


def _schedule_table(schedule: RepaymentSchedule, parts: list[tuple[str, str]], merged: bool) -> Table:
    names = ["/".join(name for name, _ in parts)] if merged and parts else [name for name, _ in parts]
    table = _table("期", "应还日", "应还", *names, "状态", "还款时间", "已还")
    for r in schedule.installments:
        values = [_money(getattr(r, field)) for _, field in parts]
        _add_row(table, str(r.number), r.due_date.isoformat(), format_cny(r.amount_due),
                      *(["\n".join(values)] if merged and parts else values), r.status or NONE,
                      r.paid_at or NONE, _money(r.paid_amount))
    return table


def _heading(doc: Document, *lines: str) -> list[RenderableType]:
    from generator.web.recognise import title_of  # the name the web page gives the document

    exported = isinstance(doc, Statement) and doc.exported
    pages = "" if exported else f"  共 {doc.page_count} 页"  # an export's one "page" is the whole file
    return [Text(doc.file, style="bold", overflow="fold"),
            _line(f"{title_of(doc)}  {doc.provider} {doc.kind.value}{pages}"),
            *(_line(line) for line in lines)]


def _account_detail(a: CreditAccount) -> list[RenderableType]:
    parts: list[RenderableType] = []
    if a.history:
        parts.append(_line(f"{_account_name(a)} {a.institution} 还款记录"))
        parts.append(_grid(a))
        overdue = [m for m in a.history if m.overdue_amount is not None and m.overdue_amount > 0]
        if overdue:
            table = _table("月份", "状态", "逾期金额")
            for m in overdue:
                _add_row(table, m.month, m.status, _money(m.overdue_amount))
            parts.append(table)
    for sp in a.special:
        amount = f" 金额 {format_cny(sp.amount)}" if sp.amount is not None else ""
        parts.append(_line(f"{_account_name(a)} 特殊交易 {sp.kind} {_date(sp.occurred_on)}{amount} {sp.detail}"))
    parts += [_line(f"{_account_name(a)} {note}") for note in a.annotations]
    return parts


def _grid(a: CreditAccount) -> Table:
    """The 5-year grid as the report prints it: a row a year, a column a month."""
    codes = {m.month: m.status for m in a.history}
    table = _table("年份", *MONTHS)
    for year in sorted({month[:4] for month in codes}):
        _add_row(table, year, *(codes.get(f"{year}-{m:02d}", "") for m in range(1, 13)))
    return table


def _add_row(table: Table, *cells: str) -> None:
    """Cells as plain text: a counterparty printed "[退款]" is not console markup."""
    table.add_row(*(Text(cell) for cell in cells))


def _table(*columns: str) -> Table:
    """Free text folds onto further lines; dates, amounts and codes stay on one line each."""
    table = Table()
    for name in columns:
        if name in _TEXT:  # a date and time wraps at its space, not inside the date
            table.add_column(name, overflow="fold", min_width=10 if name == "还款时间" else None)
        else:
            amounts = all(part in _AMOUNTS for part in name.split("/"))  # 本金/利息/费用 shares a column
            table.add_column(name, no_wrap=True, justify="right" if amounts else "left")
    return table


_TEXT = {"位置", "对方", "摘要", "账户", "管理机构", "业务种类", "内容", "状态", "还款时间"}
_AMOUNTS = {"金额", "余额", "借款金额", "应还", "本金", "利息", "费用", "已还", "逾期金额"}


def _line(text: str) -> Text:
    return Text(text, overflow="fold")


def _account_name(a: CreditAccount) -> str:
    return f"{a.section}{a.number}"


def _note(f: Finding) -> str:
    from generator.summary import describe_finding

    return describe_finding(f)


def _place(src: SourceRef) -> str:
    """Where the row is in its file, as `check` cites it, without the file named above the table."""
    from generator.summary import source_text

    return source_text(src).removeprefix(f"{src.file} ")


def _money(value: Decimal | None) -> str:
    return NONE if value is None else format_cny(value)


def _date(value: date | None) -> str:
    return NONE if value is None else value.isoformat()
