"""个人信用报告 (PBOC 二代 personal credit report), 详版: header, every account block, the history.

Read by labels and structure, never by section numbers or one drawing of a heading (FORMATS-REAL
items 1-27): the header's label row over its value row on page 1 (or ``报告编号：…`` inline); under
信贷交易信息明细 the account sections however numbered and named; each ``账户N`` block's cards by
their labels (pboc_cells), wherever the rows and columns fall; the grid or the 历史表现 list
(pboc_grid); 特殊交易 and 标注及声明 (pboc_notes). "--" is None, never zero.

A recognised 详版 that yields no account is an error unless the report says it has none; so is an
account whose history cannot be found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.documents import CreditAccount, CreditReport
from generator.errors import StatementParseError
from generator.models import DocumentKind, SourceRef
from generator.parsers.base import DocumentParser
from generator.parsers.layout import Line
from generator.parsers.pboc_account import Values, as_of, given, sentence_status
from generator.parsers.pboc_blocks import Block, Parts, account_blocks, split_block, states_no_credit
from generator.parsers.pboc_cells import Cell, TableError, Vocabulary, label_rows, label_values
from generator.parsers.pboc_grid import GridReader, GridResult, ListReader
from generator.parsers.pboc_notes import notes, special
from generator.parsers.pboc_text import DETAIL_TITLE, bbox, compact, is_heading, line_page, report_lines, top_title
from generator.pdf import PdfDocument

NUMBER = re.compile(r"报告编号\s*[:：]\s*([0-9A-Za-z]+)")
TIME = re.compile(r"报告时间\s*[:：]\s*(\d{4}[-./]\d{1,2}[-./]\d{1,2}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?)")
SUBJECT = Vocabulary.of(("报告编号", "报告时间", "被查询者姓名", "被查询者证件类型", "被查询者证件号码", "查询机构", "查询原因"))
HEADER_ENDS = ("其他证件信息", "防欺诈警示", "异议信息提示")
BASIC = Vocabulary.of(("管理机构", "发卡机构", "账户标识", "开立日期", "到期日期", "借款金额", "账户授信额度", "授信额度",
                       "共享授信额度", "账户币种", "币种", "业务种类", "担保方式", "还款期数", "还款频率", "还款方式",
                       "共同借款标志"))
STATUS = Vocabulary.of((
    "账户状态", "账户关闭日期", "销户日期", "五级分类", "余额", "剩余还款期数", "本月应还款", "应还款日", "本月实还款",
    "最近一次还款日期", "当前逾期期数", "当前逾期总额", "逾期31-60天未还本金", "逾期61-90天未还本金", "逾期91-180天未还本金",
    "逾期180天以上未还本金", "已用额度", "最近6个月平均使用额度", "最大使用额度", "账单日", "透支余额", "最近6个月平均透支余额",
    "最大透支余额", "透支180天以上未付余额", "大额专项分期额度", "已用分期金额", "未出单的大额专项分期余额", "剩余分期期数"))
# Basic-card labels with a typed CreditAccount slot; the others are kept in `fields` as printed.
TYPED = frozenset({"管理机构", "发卡机构", "账户标识", "开立日期", "到期日期", "借款金额", "账户授信额度", "授信额度",
                   "账户币种", "币种", "业务种类", "还款期数", "还款频率", "还款方式"})
# A card's 业务种类 is its section's kind where the card does not print it (R2 贷记卡, R3 准贷记卡).
CARD_KINDS = {"贷记卡账户": "贷记卡", "准贷记卡账户": "准贷记卡"}


def _fail(file: str, exc: TableError, what: str, row: int | None = None) -> StatementParseError:
    return StatementParseError(file, "report.account_line", page=line_page(exc.line), row=row, account=what,
                               problem=exc.msg, line=compact(exc.line))


# --------------------------------------------------------------------------- header


def header_cells(file: str, lines: Sequence[Line]) -> dict[str, Cell]:
    """The 报告编号 / 报告时间 / 被查询者 label rows of page 1, above the first heading."""
    page_one = [ln for ln in lines if line_page(ln) == 1]
    end = next((i for i, ln in enumerate(page_one)
                if is_heading(ln) or compact(ln).startswith(HEADER_ENDS)), len(page_one))
    head = page_one[:end]
    rows = label_rows(head, SUBJECT)
    if not rows:
        return {}
    try:
        return label_values(head[rows[0].first:], SUBJECT)
    except TableError as exc:
        raise _fail(file, exc, "report header") from None


def _inline(pattern: re.Pattern[str], lines: Sequence[Line]) -> str | None:
    for line in lines:
        if line_page(line) == 1:
            m = pattern.search(line.text(" "))
            if m:
                return m[1].strip()
    return None


class PbocReport(DocumentParser):
    name = "pboc"
    provider = "pboc"
    kind = DocumentKind.CREDIT_REPORT
    title = "个人信用报告（详版，含5年还款记录）"
    identifiers = (("个人信用报告", "被查询者姓名", "报告编号"),)

    def parse(self, doc: PdfDocument, file: str, sha256: str) -> CreditReport:
        lines = report_lines(doc)
        cells = header_cells(file, lines)
        accounts: list[CreditAccount] = []
        notes: list[str] = []
        for ordinal, block in enumerate(account_blocks(lines), start=1):
            account, missing = read_account(file, block, ordinal)
            accounts.append(account)
            if missing:
                notes.append(f"grid_months_missing:{block.section}/账户{block.heading.number}:{','.join(missing)}")
        if not accounts and not states_no_credit(lines):
            raise StatementParseError(file, "report.no_accounts", page=_detail_page(lines))
        number = given(cells["报告编号"].text) if "报告编号" in cells else _inline(NUMBER, lines)
        time = given(cells["报告时间"].text) if "报告时间" in cells else _inline(TIME, lines)

        def subject(label: str) -> str | None:
            return given(cells[label].text) if label in cells else None

        return CreditReport(file, sha256, "detailed", number, time, subject("被查询者姓名"), subject("被查询者证件类型"),
                            subject("被查询者证件号码"), tuple(accounts), doc.page_count, tuple(notes))


def _detail_page(lines: Sequence[Line]) -> int | None:
    return next((line_page(ln) for ln in lines if DETAIL_TITLE in (top_title(ln) or "")), None)


# --------------------------------------------------------------------------- one account


def _table(file: str, label: str, row: int, lines: Sequence[Line]) -> dict[str, Cell]:
    try:
        return label_values(lines, BASIC | STATUS)
    except TableError as exc:
        raise _fail(file, exc, label, row) from None


def read_account(file: str, block: Block, row: int) -> tuple[CreditAccount, tuple[str, ...]]:
    label = f"{block.section} 账户{block.heading.number}"
    source = SourceRef(file, line_page(block.line), row, bbox(block.line))
    parts = split_block(block)
    basic = _table(file, label, row, parts.basic)
    status = _table(file, label, row, parts.status)
    v = Values(file, source, label, basic | status)
    institution = v.text("管理机构", "发卡机构")
    if institution is None:
        raise StatementParseError(file, "report.no_institution", page=source.page, row=row, account=label)
    fields = {k: given(c.text) for k, c in basic.items() if k not in TYPED}
    fields.update((k, given(c.text)) for k, c in status.items())
    inactive = sentence_status(parts.sentence)
    if inactive is not None:
        fields["账户状态"] = inactive[1]
    if block.heading.card_tail:
        fields["卡片尾号"] = block.heading.card_tail
    history = _history(file, row, label, parts, inactive is not None, block)
    account = CreditAccount(
        section=block.section, number=block.heading.number, institution=institution, account_id=v.text("账户标识"),
        agreement_id=block.heading.agreement, account_type=v.text("业务种类") or CARD_KINDS.get(block.section), opened_on=v.date("开立日期"),
        due_on=v.date("到期日期"), loan_amount=v.amount("借款金额", "账户授信额度", "授信额度"),
        currency=v.text("账户币种", "币种"), installments=v.integer("还款期数"), frequency=v.text("还款频率"),
        method=v.text("还款方式"), as_of=inactive[0] if inactive else as_of(parts.caption),
        status=inactive[1] if inactive else v.text("账户状态"), closed_on=v.date("账户关闭日期", "销户日期"),
        balance=v.amount("余额", "已用额度", "透支余额"), current_overdue_periods=v.integer("当前逾期期数"),
        current_overdue_amount=v.amount("当前逾期总额"), last_payment_on=v.date("最近一次还款日期"),
        history=history.months, source=source, special=special(file, row, label, parts.special),
        annotations=notes(file, row, label, parts.notes), fields=fields)
    return account, history.missing


def _history(file: str, row: int, label: str, parts: Parts, inactive: bool, block: Block) -> GridResult:
    if parts.anchor is not None:
        return GridReader(file, row, label).read(parts.anchor, parts.grid)
    if parts.history:
        return ListReader(file, row, label).read(parts.history)
    if inactive:
        return GridResult((), ())
    raise StatementParseError(file, "report.no_history", page=line_page(block.line), row=row, account=label)
