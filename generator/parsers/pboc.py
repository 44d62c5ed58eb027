"""个人信用报告 (PBOC 二代 personal credit report), 详版: header, every account block, the grid.

Layout (DOMAIN.md section 3): under 信贷交易信息明细 the sections ``（二）非循环贷账户`` …, each
account ``账户1（授信协议标识：--）`` with a label/value basic table, a ``截至2025年01月10日``
status block, the grid ``2024年02月-2025年01月的还款记录``, then 特殊交易 and 标注及声明 tables.
Blocks start mid-page and run across pages; every page repeats ``个人信用报告 … 报告编号：…`` and
``第 N 页，共 M 页``, which are dropped before the blocks are read. "--" is None, never zero.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from generator.dates import DateError, parse_date
from generator.documents import CreditAccount, CreditReport, SpecialTransaction
from generator.errors import StatementParseError
from generator.models import DocumentKind, SourceRef
from generator.money import AmountError, parse_amount
from generator.parsers.base import DocumentParser
from generator.parsers.common import RowReader
from generator.parsers.layout import Line, group_lines
from generator.parsers.pboc_grid import (
    Cell,
    GridReader,
    GridResult,
    compact,
    label_values,
    line_page,
    table_rows,
    window,
)
from generator.pdf import PdfDocument

# 二代 prints 循环额度下分账户 / 循环贷账户; some renderings say 循环贷账户一 / 二 [DOMAIN 3.2, secondary].
SECTIONS = {"非循环贷账户": "非循环贷账户", "循环额度下分账户": "循环额度下分账户", "循环贷账户一": "循环额度下分账户",
            "循环贷账户": "循环贷账户", "循环贷账户二": "循环贷账户", "贷记卡账户": "贷记卡账户",
            "准贷记卡账户": "准贷记卡账户"}
SUBHEADING = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)](.+)$")
ACCOUNT = re.compile(r"^账户(\d{1,3})[（(]授信协议标识[:：](.*)[）)]$")
FOOTER = re.compile(r"^第\d+页[，,/／]?共\d+页$")
CAPTION = re.compile(r"^截至(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?$")
NUMBER = re.compile(r"报告编号\s*[:：]\s*(\w+)")
TIME = re.compile(r"报告时间\s*[:：]\s*(\d{4}[-./]\d{1,2}[-./]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)")
SUBJECT = frozenset({"被查询者姓名", "被查询者证件类型", "被查询者证件号码", "查询机构", "查询原因"})
TOP_ENDS = ("报告说明", "其他证件信息", "防欺诈警示", "异议信息提示")
NOTE_HEADINGS = frozenset({"标注及声明", "特殊交易", "特殊交易信息"})
MISSING = frozenset({"", "--", "-", "—", "——"})
BASIC = frozenset({"管理机构", "发卡机构", "账户标识", "开立日期", "到期日期", "借款金额", "账户授信额度", "授信额度",
                   "共享授信额度", "账户币种", "币种", "业务种类", "担保方式", "还款期数", "还款频率", "还款方式",
                   "共同借款标志"})
STATUS = frozenset({"账户状态", "账户关闭日期", "销户日期", "五级分类", "余额", "剩余还款期数", "本月应还款", "应还款日",
                    "本月实还款", "最近一次还款日期", "当前逾期期数", "当前逾期总额", "逾期31-60天未还本金",
                    "逾期61-90天未还本金", "逾期91-180天未还本金", "逾期180天以上未还本金", "已用额度",
                    "最近6个月平均使用额度", "最大使用额度", "账单日", "透支余额", "最近6个月平均透支余额",
                    "最大透支余额", "透支180天以上未付余额", "大额专项分期额度", "已用分期金额", "未出单的大额专项分期余额"})
# Basic-table labels with a typed CreditAccount slot; the others are kept in `fields` as printed.
TYPED = frozenset({"管理机构", "发卡机构", "账户标识", "开立日期", "到期日期", "借款金额", "账户授信额度", "授信额度",
                   "账户币种", "币种", "业务种类", "还款期数", "还款频率", "还款方式"})
SPECIAL = (("kind", "特殊交易类型"), ("date", "发生日期"), ("months", "变更月数"), ("amount", "发生金额"),
           ("detail", "明细记录"))
NOTES = (("kind", "标注及声明类型"), ("text", "标注或声明内容"), ("date", "添加日期"))


def report_lines(doc: PdfDocument) -> list[Line]:
    """Every line of the document in reading order, without the repeated page header and footer."""
    out: list[Line] = []
    for page in doc.pages():
        for line in group_lines(page.words):
            text = compact(line)
            if FOOTER.match(text) or (page.number > 1 and "报告编号" in text):
                continue
            out.append(line)
    return out


def is_heading(line: Line) -> bool:
    """``三 信贷交易信息明细`` (a numeral word first), ``（二）非循环贷账户``, or a report-level title."""
    first = line.words[0].text
    text = compact(line)
    return (len(line.words) >= 2 and all(ch in "一二三四五六七八九十" for ch in first)) or bool(
        SUBHEADING.match(text)) or text.startswith(TOP_ENDS)


@dataclass
class Block:
    """The lines of one account, from after its heading to the next heading."""

    section: str
    number: int
    agreement: str | None
    heading: Line
    lines: list[Line] = field(default_factory=list)


def account_blocks(lines: Sequence[Line]) -> Iterator[Block]:
    section: str | None = None
    block: Block | None = None
    for line in lines:
        text = compact(line)
        heading = ACCOUNT.match(text) if section else None
        if heading or is_heading(line):
            if block is not None:
                yield block
            block = None
            if heading and section:
                agreement = heading[2].strip()
                block = Block(section, int(heading[1]), None if agreement in ("", "--") else agreement, line)
            else:
                sub = SUBHEADING.match(text)
                section = SECTIONS.get(sub[2]) if sub else None
        elif block is not None:
            block.lines.append(line)
    if block is not None:
        yield block


@dataclass
class AccountParts:
    basic: list[Line] = field(default_factory=list)
    caption: Line | None = None
    status: list[Line] = field(default_factory=list)
    anchor: Line | None = None
    grid: list[Line] = field(default_factory=list)
    special_header: Line | None = None
    special: list[Line] = field(default_factory=list)
    notes_header: Line | None = None
    notes: list[Line] = field(default_factory=list)


def split_block(block: Block) -> AccountParts:
    """Cut a block at its markers: the 截至 caption, the grid anchor, the table headers."""
    parts = AccountParts()
    target = parts.basic
    for line in block.lines:
        text = compact(line)
        words = {w.text for w in line.words}
        if CAPTION.match(text):
            parts.caption, target = line, parts.status
        elif window(line):
            parts.anchor, target = line, parts.grid
        elif "特殊交易类型" in words:
            parts.special_header, target = line, parts.special
        elif "标注及声明类型" in words:
            parts.notes_header, target = line, parts.notes
        elif text not in NOTE_HEADINGS:
            target.append(line)
    return parts


@dataclass(frozen=True)
class Header:
    number: str | None
    time: str | None
    subject: dict[str, Cell]


def read_header(file: str, lines: Sequence[Line]) -> Header:
    page_one = [ln for ln in lines if line_page(ln) == 1]
    number = time = None
    for line in page_one:
        text = line.text(" ")
        number = number or _group(NUMBER.search(text))
        time = time or _group(TIME.search(text))
    start = next((i for i, ln in enumerate(page_one) if "被查询者姓名" in {w.text for w in ln.words}), None)
    if start is None:
        return Header(number, time, {})
    end = next((i for i in range(start + 1, len(page_one)) if is_heading(page_one[i])), len(page_one))
    try:
        subject = label_values(page_one[start:end], SUBJECT)
    except LookupError as exc:
        raise StatementParseError(file, f"cannot read the 被查询者 table at {exc.args[0]!r}", page=1) from None
    return Header(number, time, subject)


def _group(m: re.Match[str] | None) -> str | None:
    return m[1].strip() if m else None


def _subject(header: Header, label: str) -> str | None:
    cell = header.subject.get(label)
    return _given(cell.text) if cell else None


class PbocReport(DocumentParser):
    name = "pboc"
    provider = "pboc"
    kind = DocumentKind.CREDIT_REPORT
    title = "个人信用报告（详版，含5年还款记录）"
    identifiers = (("个人信用报告", "被查询者姓名", "报告编号"),)

    def parse(self, doc: PdfDocument, file: str, sha256: str) -> CreditReport:
        lines = report_lines(doc)
        header = read_header(file, lines)
        accounts: list[CreditAccount] = []
        notes: list[str] = []
        for ordinal, block in enumerate(account_blocks(lines), start=1):
            source = SourceRef(file, line_page(block.heading), ordinal, _bbox(block.heading))
            account, missing = read_account(file, block, source)
            accounts.append(account)
            if missing:
                notes.append(f"grid_months_missing:{block.section}/账户{block.number}:{','.join(missing)}")
        return CreditReport(file, sha256, "detailed", header.number, header.time,
                            _subject(header, "被查询者姓名"), _subject(header, "被查询者证件类型"),
                            _subject(header, "被查询者证件号码"), tuple(accounts), doc.page_count, tuple(notes))


def _bbox(line: Line) -> tuple[float, float, float, float]:
    return (line.words[0].x0, line.top, line.words[-1].x1, line.bottom)


# --------------------------------------------------------------------------- one account


@dataclass(frozen=True)
class Values:
    """The label → value cells of an account's tables, read as typed values; errors name the
    account and quote the text."""

    file: str
    source: SourceRef
    label: str  # "非循环贷账户 账户1"
    cells: dict[str, Cell]

    def fail(self, label: str, what: str) -> StatementParseError:
        cell = self.cells[label]
        return StatementParseError(self.file, f"{self.label}: cannot parse {what} {cell.text!r} in {label}",
                                   page=cell.page, row=self.source.row)

    def _raw(self, labels: Sequence[str]) -> tuple[str, str] | None:
        for label in labels:
            cell = self.cells.get(label)
            if cell is not None and cell.text.strip() not in MISSING:
                return label, cell.text.strip()
        return None

    def text(self, *labels: str) -> str | None:
        found = self._raw(labels)
        return found[1] if found else None

    def date(self, *labels: str) -> date | None:
        found = self._raw(labels)
        if found is None:
            return None
        try:
            return parse_date(found[1])
        except DateError:
            raise self.fail(found[0], "date") from None

    def amount(self, *labels: str) -> Decimal | None:
        found = self._raw(labels)
        if found is None:
            return None
        try:
            return parse_amount(found[1])
        except AmountError:
            raise self.fail(found[0], "amount") from None

    def integer(self, *labels: str) -> int | None:
        found = self._raw(labels)
        if found is None:
            return None
        if not found[1].isdigit():
            raise self.fail(found[0], "number")
        return int(found[1])


def _table(file: str, source: SourceRef, label: str, lines: Sequence[Line]) -> dict[str, Cell]:
    try:
        return label_values(lines, BASIC | STATUS)
    except LookupError as exc:
        raise StatementParseError(file, f"{label}: unexpected table row {exc.args[0]!r} (unknown label?)",
                                  page=source.page, row=source.row) from None


def read_account(file: str, block: Block, source: SourceRef) -> tuple[CreditAccount, tuple[str, ...]]:
    label = f"{block.section} 账户{block.number}"
    parts = split_block(block)
    basic = _table(file, source, label, parts.basic)
    status = _table(file, source, label, parts.status)
    v = Values(file, source, label, basic | status)
    institution = v.text("管理机构", "发卡机构")
    if institution is None:
        raise StatementParseError(file, f"{label}: 管理机构 not found", page=source.page, row=source.row)
    grid = (GridReader(file, source.row, label).read(parts.anchor, parts.grid) if parts.anchor
            else GridResult((), ()))
    fields = {k: _given(c.text) for k, c in basic.items() if k not in TYPED}
    fields.update((k, _given(c.text)) for k, c in status.items())
    account = CreditAccount(
        section=block.section, number=block.number, institution=institution, account_id=v.text("账户标识"),
        agreement_id=block.agreement, account_type=v.text("业务种类"), opened_on=v.date("开立日期"),
        due_on=v.date("到期日期"), loan_amount=v.amount("借款金额", "账户授信额度", "授信额度"),
        currency=v.text("账户币种", "币种"), installments=v.integer("还款期数"), frequency=v.text("还款频率"),
        method=v.text("还款方式"), as_of=_as_of(parts.caption), status=v.text("账户状态"),
        closed_on=v.date("账户关闭日期", "销户日期"), balance=v.amount("余额", "已用额度", "透支余额"),
        current_overdue_periods=v.integer("当前逾期期数"), current_overdue_amount=v.amount("当前逾期总额"),
        last_payment_on=v.date("最近一次还款日期"), history=grid.months, source=source,
        special=_special(file, source.row, parts), annotations=_notes(file, source.row, parts), fields=fields)
    return account, grid.missing


def _given(text: str) -> str | None:
    return None if text.strip() in MISSING else text.strip()


def _as_of(caption: Line | None) -> date | None:
    m = CAPTION.match(compact(caption)) if caption else None
    if m is None or m[3] is None:
        return None  # a month without a day is not a date; never guess the day
    return date(int(m[1]), int(m[2]), int(m[3]))


def _special(file: str, row: int, parts: AccountParts) -> tuple[SpecialTransaction, ...]:
    if parts.special_header is None:
        return ()
    out = []
    for raw in table_rows(file, row, parts.special_header, parts.special, SPECIAL, "date"):
        r = RowReader(file, raw, row)
        months = r.text("months")
        if months not in MISSING and not months.isdigit():
            raise r.fail(f"cannot parse 变更月数 {months!r}")
        out.append(SpecialTransaction(r.text("kind"), r.date("date", "发生日期"),
                                      int(months) if months.isdigit() else None,
                                      r.optional_amount("amount", "发生金额"), r.text("detail"),
                                      SourceRef(file, raw.page, row, raw.bbox)))
    return tuple(out)


def _notes(file: str, row: int, parts: AccountParts) -> tuple[str, ...]:
    """Each 标注及声明 as ``异议标注：<content>（添加日期：2025-07-05）``."""
    if parts.notes_header is None:
        return ()
    out = []
    for raw in table_rows(file, row, parts.notes_header, parts.notes, NOTES, "date"):
        r = RowReader(file, raw, row)
        out.append(f"{r.text('kind')}：{r.text('text')}（添加日期：{r.date('date', '添加日期').isoformat()}）")
    return tuple(out)
